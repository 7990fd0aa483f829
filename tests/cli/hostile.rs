//! The hostile-input corpus: files from many hands and tools, broken on purpose. Each one
//! gets a clear error or data issue naming the file and place, the documented exit code,
//! no output file when it fails, and its bytes unchanged. The corpus is generated here so
//! that it needs no binary fixtures; `ULPK_HOSTILE_DIR=dir` keeps a copy for inspection.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::common::{bin, bytes, fixture, score};

const HEADER: &str = "No. Tiket;Unit Kerja;Media;Jenis Layanan;Tanggal Diterima;Tanggal Dijawab;Nama Petugas;Isi Pertanyaan;Jawaban";

fn row(id: &str, received: &str, responded: &str, answer: &str) -> String {
    format!(
        "{id};Balai Besar POM di Jakarta;WhatsApp;Informasi;{received};{responded};Rina;Apakah produk ini terdaftar?;{answer}"
    )
}

const GOOD: &str = "Selamat pagi Bapak, produk tersebut terdaftar di BPOM. Terima kasih.";

/// What a case must produce.
enum Expect {
    /// Exit 2, no output, stderr containing each text.
    Error(&'static [&'static str]),
    /// Exit 0 with an output; with `--strict` exit 1 and these issue kinds present.
    Issues(&'static [&'static str]),
    /// Exit 0, no issues.
    Clean,
}

struct Case {
    name: &'static str,
    file: PathBuf,
    /// Extra arguments before `-o`.
    args: Vec<String>,
    expect: Expect,
}

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

fn csv(dir: &Path, name: &str, rows: &[String]) -> PathBuf {
    let mut text = String::from(HEADER);
    for r in rows {
        text.push_str("\r\n");
        text.push_str(r);
    }
    write(dir, name, text.as_bytes())
}

/// A small valid XLSX of the same rows, written by the library's writer.
fn xlsx(dir: &Path, name: &str, rows: &[&[&str]]) -> PathBuf {
    let p = dir.join(name);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.split(';').enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    wb.save(&p).unwrap();
    p
}

fn zip_with(dir: &Path, name: &str, entries: &[(&str, &[u8])]) -> PathBuf {
    let p = dir.join(name);
    let mut z = zip::ZipWriter::new(std::fs::File::create(&p).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (n, data) in entries {
        z.start_file(*n, opts).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap();
    p
}

/// A copy of a workbook with its first sheet's XML replaced.
fn with_sheet(dir: &Path, src: &Path, name: &str, f: impl FnOnce(Vec<u8>) -> Vec<u8>) -> PathBuf {
    let mut a = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    let mut f = Some(f);
    for i in 0..a.len() {
        let mut e = a.by_index(i).unwrap();
        let n = e.name().unwrap().to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut data).unwrap();
        if n.ends_with("sheet1.xml") {
            data = (f.take().unwrap())(data);
        }
        entries.push((n, data));
    }
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    zip_with(dir, name, &refs)
}

fn corpus(dir: &Path) -> Vec<Case> {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let ok_row = |id: &str| row(id, "02/03/2026 09:00", "03/03/2026 10:00", GOOD);
    let good_xlsx = xlsx(
        dir,
        "baik.xlsx",
        &[&[
            "X1",
            "Balai Besar POM di Jakarta",
            "WhatsApp",
            "Informasi",
            "02/03/2026 09:00",
            "03/03/2026 10:00",
            "Rina",
            "Apakah produk ini terdaftar?",
            GOOD,
        ]],
    );
    let good = std::fs::read(&good_xlsx).unwrap();
    let mut cases = vec![
        Case {
            name: "empty file",
            file: write(dir, "kosong.csv", b""),
            args: vec![],
            expect: Expect::Error(&["kosong.csv"]),
        },
        Case {
            name: "headers only",
            file: write(dir, "judul-saja.csv", HEADER.as_bytes()),
            args: vec![],
            // Nothing to score: every figure would be empty ("rata-rata skor null").
            expect: Expect::Error(&["judul-saja.csv", "tidak ada baris data"]),
        },
        Case {
            name: "binary garbage named .csv",
            file: write(
                dir,
                "sampah.csv",
                &(0..4096u32)
                    .map(|i| (i * 7919 % 251) as u8)
                    .collect::<Vec<_>>(),
            ),
            args: vec![],
            expect: Expect::Error(&["sampah.csv"]),
        },
        Case {
            name: "UTF-8 BOM before UTF-16 text",
            file: write(dir, "bom-campur.csv", &{
                let mut b = b"\xEF\xBB\xBF".to_vec();
                let text = format!("{HEADER}\r\n{}", ok_row("U1"));
                b.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
                b
            }),
            args: vec![],
            expect: Expect::Error(&["bom-campur.csv", "UTF-16", "CSV UTF-8"]),
        },
        Case {
            name: "UTF-16 text without a BOM",
            file: write(dir, "utf16-tanpa-bom.csv", &{
                let text = format!("{HEADER}\r\n{}", ok_row("U2"));
                text.encode_utf16()
                    .flat_map(|u| u.to_be_bytes())
                    .collect::<Vec<u8>>()
            }),
            args: vec![],
            expect: Expect::Error(&["utf16-tanpa-bom.csv", "UTF-16"]),
        },
        Case {
            name: "invalid UTF-8 in a UTF-8 file",
            file: {
                let mut b = format!("{HEADER}\r\n{}", ok_row("U1")).into_bytes();
                b.extend_from_slice(b"\r\nU2;Balai Besar POM di Jakarta;WhatsApp;Informasi;02/03/2026 09:00;03/03/2026 10:00;Rina;Apakah \xff\xfe produk ini terdaftar?;");
                b.extend_from_slice(GOOD.as_bytes());
                write(dir, "utf8-rusak.csv", &b)
            },
            args: vec![],
            expect: Expect::Clean,
        },
        Case {
            name: "duplicate headers",
            file: write(
                dir,
                "judul-ganda.csv",
                format!("{HEADER};Jawaban\r\n{};lagi", ok_row("D1")).as_bytes(),
            ),
            args: vec![],
            // Which column holds the answers is a guess: refused, both named.
            expect: Expect::Error(&[
                "judul-ganda.csv",
                "dua kolom bernama \"Jawaban\"",
                "ke-9 dan ke-10",
            ]),
        },
        Case {
            name: "no recognisable header",
            file: write(dir, "tanpa-judul.csv", b"a;b;c\r\n1;2;3\r\n"),
            args: vec![],
            expect: Expect::Error(&["tanpa-judul.csv"]),
        },
        Case {
            name: "ragged rows",
            file: write(
                dir,
                "baris-tak-rata.csv",
                format!(
                    "{HEADER}\r\n{}\r\nR2;Balai Besar POM di Jakarta\r\n",
                    ok_row("R1")
                )
                .as_bytes(),
            ),
            args: vec![],
            expect: Expect::Issues(&["blank_answer"]),
        },
        Case {
            name: "a 1 MB answer",
            file: csv(
                dir,
                "sel-1mb.csv",
                &[row(
                    "B1",
                    "02/03/2026 09:00",
                    "03/03/2026 10:00",
                    &format!("Selamat pagi. {} Terima kasih.", "kata ".repeat(200_000)),
                )],
            ),
            args: vec![],
            expect: Expect::Clean,
        },
        Case {
            name: "dates in the future",
            file: csv(
                dir,
                "masa-depan.csv",
                &[row("F1", "02/03/2031 09:00", "03/03/2031 10:00", GOOD)],
            ),
            args: vec![],
            expect: Expect::Issues(&["date_outside_calendar"]),
        },
        Case {
            name: "answered before received",
            file: csv(
                dir,
                "terbalik.csv",
                &[row("T1", "05/03/2026 09:00", "03/03/2026 10:00", GOOD)],
            ),
            args: vec![],
            expect: Expect::Issues(&["date_order"]),
        },
        Case {
            name: "unparseable dates",
            file: csv(
                dir,
                "tanggal-aneh.csv",
                &[row("T2", "kemarin sore", "31/02/2026", GOOD)],
            ),
            args: vec![],
            expect: Expect::Issues(&["unparseable_date"]),
        },
        Case {
            name: "duplicate ids",
            file: csv(dir, "id-ganda.csv", &[ok_row("G1"), ok_row("G1")]),
            args: vec![],
            expect: Expect::Issues(&["duplicate_id"]),
        },
        Case {
            name: "unknown unit",
            file: csv(
                dir,
                "unit-asing.csv",
                &[ok_row("K1").replace("Balai Besar POM di Jakarta", "Balai POM di Atlantis")],
            ),
            args: s(&[
                "--units",
                &write(
                    dir,
                    "unit.txt",
                    "Balai Besar POM di Jakarta\nBalai Besar POM di Bandung\n".as_bytes(),
                )
                .display()
                .to_string(),
            ]),
            expect: Expect::Issues(&["unknown_unit"]),
        },
        Case {
            name: "formula-looking text",
            file: csv(
                dir,
                "formula.csv",
                &[row(
                    "=1+1",
                    "02/03/2026 09:00",
                    "03/03/2026 10:00",
                    "=HYPERLINK(\"http://x\",\"klik\") Terima kasih",
                )],
            ),
            args: vec![],
            expect: Expect::Clean,
        },
        Case {
            name: "truncated XLSX",
            file: write(dir, "terpotong.xlsx", &good[..good.len() / 2]),
            args: vec![],
            expect: Expect::Error(&["terpotong.xlsx"]),
        },
        Case {
            name: "text named .xlsx",
            file: write(dir, "bukan-xlsx.xlsx", b"Ini bukan workbook."),
            args: vec![],
            expect: Expect::Error(&["bukan-xlsx.xlsx"]),
        },
        Case {
            name: "zip without a workbook",
            file: zip_with(dir, "zip-kosong.xlsx", &[("readme.txt", b"halo")]),
            args: vec![],
            expect: Expect::Error(&["zip-kosong.xlsx"]),
        },
        Case {
            name: "XLSX with a corrupt sheet part",
            file: with_sheet(dir, &good_xlsx, "sheet-rusak.xlsx", |mut data| {
                data.truncate(data.len() / 3);
                data
            }),
            args: vec![],
            expect: Expect::Error(&["sheet-rusak.xlsx"]),
        },
        Case {
            name: "unknown sheet asked",
            file: good_xlsx.clone(),
            args: s(&["--sheet", "Tidak Ada"]),
            expect: Expect::Error(&["Tidak Ada"]),
        },
        Case {
            name: "CSV named .parquet",
            file: write(
                dir,
                "palsu.parquet",
                format!("{HEADER}\r\n{}", ok_row("P1")).as_bytes(),
            ),
            args: vec![],
            expect: Expect::Error(&["palsu.parquet"]),
        },
        Case {
            name: "Parquet whose answer column is a list",
            file: {
                // A list column ("cannot cast List type" in polars' words).
                use polars::prelude::*;
                let p = dir.join("jawaban-daftar.parquet");
                let answers = Series::new("Jawaban".into(), [Series::new("".into(), [GOOD])]);
                let mut df = DataFrame::new(
                    1,
                    vec![
                        Column::new("No. Tiket".into(), ["Q1"]),
                        Column::new("Unit Kerja".into(), ["Balai Besar POM di Jakarta"]),
                        Column::new("Tanggal Diterima".into(), ["02/03/2026 09:00"]),
                        Column::new("Tanggal Dijawab".into(), ["03/03/2026 10:00"]),
                        Column::new("Jenis Layanan".into(), ["Informasi"]),
                        Column::new("Isi Pertanyaan".into(), ["Apakah produk ini terdaftar?"]),
                        answers.into_column(),
                    ],
                )
                .unwrap();
                ParquetWriter::new(std::fs::File::create(&p).unwrap())
                    .finish(&mut df)
                    .unwrap();
                p
            },
            args: vec![],
            expect: Expect::Error(&[
                "jawaban-daftar.parquet, kolom \"Jawaban\": kolom ini bertipe list[str]",
                "bukan teks, angka atau tanggal",
            ]),
        },
        Case {
            name: "unsupported extension",
            file: write(dir, "laporan.pdf", b"%PDF-1.4"),
            args: vec![],
            expect: Expect::Error(&["laporan.pdf"]),
        },
        Case {
            name: "NUL bytes and control characters",
            file: csv(
                dir,
                "kontrol.csv",
                &[row(
                    "N1",
                    "02/03/2026 09:00",
                    "03/03/2026 10:00",
                    "Selamat pagi\u{0}\u{7}\u{1b}[31m merah. Terima kasih.",
                )],
            ),
            args: vec![],
            expect: Expect::Clean,
        },
        Case {
            name: "unterminated quote",
            file: write(
                dir,
                "kutip.csv",
                format!(
                    "{HEADER}\r\n{}\r\nQ2;\"Balai Besar POM di Jakarta;WhatsApp",
                    ok_row("Q1")
                )
                .as_bytes(),
            ),
            args: vec![],
            expect: Expect::Error(&["kutip.csv", "baris 3", "tidak pernah ditutup"]),
        },
    ];
    // Workbooks that are valid but extreme.
    cases.push(Case {
        name: "XLSX reaching column XFD and row 1048576",
        file: {
            let p = dir.join("sudut-jauh.xlsx");
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            for (c, h) in HEADER.split(';').enumerate() {
                ws.write_string(0, c as u16, h).unwrap();
            }
            ws.write_string(1_048_575, 16_383, "ujung").unwrap();
            wb.save(&p).unwrap();
            p
        },
        args: vec![],
        expect: Expect::Error(&["sudut-jauh.xlsx", "XFD1048576", "di atas batas"]),
    });
    cases.push(Case {
        name: "ODS reaching column XFD and row 1048576 (saved by LibreOffice)",
        file: {
            let p = dir.join("sudut-jauh.ods");
            std::fs::copy(fixture("sudut-jauh.ods"), &p).unwrap();
            p
        },
        args: vec![],
        expect: Expect::Error(&["sudut-jauh.ods", "Cell limit exceeded"]),
    });
    cases.push(Case {
        name: "zip bomb",
        file: {
            // 150 MB of one repeated row packs to about 1 MB.
            let head = "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
            let unit = "<row><c t=\"inlineStr\"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>";
            let mut body = Vec::with_capacity(150 << 20);
            body.extend_from_slice(head.as_bytes());
            while body.len() < 150 << 20 {
                body.extend_from_slice(unit.as_bytes());
            }
            body.extend_from_slice(b"</sheetData></worksheet>");
            with_sheet(dir, &good_xlsx, "bom-zip.xlsx", |_| body)
        },
        args: vec![],
        expect: Expect::Error(&["bom-zip.xlsx", "bom zip"]),
    });
    // Rubric and standard files.
    let rubric = std::fs::read_to_string(fixture("rubrik-uji.toml")).unwrap();
    let rubric_case =
        |name: &'static str, file: &str, text: String, wants: &'static [&'static str]| Case {
            name,
            file: write(dir, file, text.as_bytes()),
            args: vec![],
            expect: Expect::Error(wants),
        };
    cases.push(rubric_case(
        "rubric with an unknown criterion kind",
        "rubrik-jenis.toml",
        rubric.replacen("kind = \"manual\"", "kind = \"telepati\"", 1),
        &["rubrik-jenis.toml", "telepati"],
    ));
    cases.push(rubric_case(
        "rubric with a criterion called score",
        "rubrik-score.toml",
        rubric.replacen("id = \"salam\"", "id = \"score\"", 1),
        &["rubrik-score.toml", "baris 6", "nama kolom hasil"],
    ));
    cases.push(rubric_case(
        "rubric with a criterion named like another's evidence",
        "rubrik-bukti.toml",
        rubric.replacen("id = \"baku\"", "id = \"salam_evidence\"", 1),
        &["rubrik-bukti.toml", "\"salam\"", "kolom bukti"],
    ));
    // Patterns compiled as the run compiles them: joined, with their size limit.
    let salam = "any = ['selamat\\s+(pagi|siang|sore|malam)']";
    assert!(rubric.contains(salam));
    cases.push(rubric_case(
        "rubric whose patterns exceed the size limit only once joined",
        "rubrik-besar.toml",
        rubric.replacen(
            salam,
            &format!(
                "any = [{}]",
                (0..200)
                    .map(|i| format!("'\\w{{40}}x{i}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            1,
        ),
        &[
            "rubrik-besar.toml, baris 12: criteria \"salam\".any: 200 pola ini masing-masing valid, tetapi digabung menjadi satu regex melebihi batas ukuran regex (10 MiB)",
        ],
    ));
    cases.push(rubric_case(
        "rubric with an unclosed group in a pattern",
        "rubrik-regex.toml",
        rubric.replacen(salam, "any = ['selamat', 'selamat\\s+(pagi']", 1),
        &[
            "rubrik-regex.toml, baris 12: criteria \"salam\".any: regex \"selamat\\s+(pagi\" tidak valid: unclosed group",
        ],
    ));
    cases.push(rubric_case(
        "rubric with an unknown Unicode class in question_matches",
        "rubrik-unicode.toml",
        rubric.replacen(
            "applies_to = { service_type = [\"pengaduan\"] }",
            "applies_to = { service_type = [\"pengaduan\"], question_matches = ['izin', '\\p{Klingon}'] }",
            1,
        ),
        &[
            "rubrik-unicode.toml, baris 34: criteria \"tindak\".applies_to.question_matches: regex \"\\p{Klingon}\" tidak valid: Unicode property not found",
        ],
    ));
    cases.push(rubric_case(
        "rubric with an unclosed class among all's patterns",
        "rubrik-semua.toml",
        rubric.replacen("all = ['laporan', 'tindak\\s*lanjut']", "all = ['laporan', '[tindak']", 1),
        &[
            "rubrik-semua.toml, baris 35: criteria \"tindak\".all: regex \"[tindak\" tidak valid: unclosed character class",
        ],
    ));
    cases.push(rubric_case(
        "rubric with an unknown named word boundary",
        "rubrik-batas-kata.toml",
        rubric.replacen("none = ['\\b(gak|udah|yg)\\b']", "none = ['\\b{awal}(gak|yg)']", 1),
        &[
            "rubrik-batas-kata.toml, baris 19: criteria \"baku\".none: regex \"\\b{awal}(gak|yg)\" tidak valid: unrecognized special word boundary assertion",
        ],
    ));
    cases.push(rubric_case(
        "rubric with weights summing to zero",
        "rubrik-bobot.toml",
        regex_like_weights_to_zero(&rubric),
        &["rubrik-bobot.toml"],
    ));
    cases.push(rubric_case(
        "rubric with overlapping bands",
        "rubrik-predikat.toml",
        format!("{rubric}\n[[bands]]\ngrade = \"A\"\nmin = 70\n"),
        &["rubrik-predikat.toml"],
    ));
    cases.push(rubric_case(
        "rubric that is not TOML",
        "rubrik-rusak.toml",
        format!("{}\n[[criteria\nid = ", &rubric[..rubric.len() / 2]),
        &["rubrik-rusak.toml"],
    ));
    let standard = std::fs::read_to_string(fixture("standar-uji.toml")).unwrap();
    let first_code = standard
        .lines()
        .find(|l| l.starts_with("code = "))
        .unwrap()
        .to_string();
    for (name, file, months) in [
        (
            "standard asking for a date in the last 100 000 000 months",
            "standar-bulan.toml",
            "100000000",
        ),
        (
            "standard asking for a date in the last 0 months",
            "standar-nol.toml",
            "0",
        ),
    ] {
        cases.push(Case {
            name,
            file: write(
                dir,
                file,
                standard
                    .replacen(
                        "within_months = 12",
                        &format!("within_months = {months}"),
                        1,
                    )
                    .as_bytes(),
            ),
            args: vec![],
            expect: Expect::Error(if months == "0" {
                &["standar-nol.toml", "within_months"]
            } else {
                &["standar-bulan.toml", "within_months", "1200"]
            }),
        });
    }
    cases.push(Case {
        name: "standard with duplicate item codes",
        file: write(
            dir,
            "standar-ganda.toml",
            standard
                .lines()
                .scan(0, |seen, l| {
                    Some(if l.starts_with("code = ") {
                        *seen += 1;
                        if *seen == 2 {
                            first_code.clone()
                        } else {
                            l.to_string()
                        }
                    } else {
                        l.to_string()
                    })
                })
                .collect::<Vec<_>>()
                .join("\n")
                .as_bytes(),
        ),
        args: vec![],
        expect: Expect::Error(&["standar-ganda.toml"]),
    });
    cases
}

/// Every `weight = N` set to 0.
fn regex_like_weights_to_zero(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.starts_with("weight = ") {
                "weight = 0".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn hostile_inputs_fail_cleanly_or_become_issues() {
    let dir = tempfile::tempdir().unwrap();
    let cases = corpus(dir.path());
    assert!(cases.len() >= 43, "{} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let before = bytes(&c.file);
        let out = dir
            .path()
            .join(format!("hasil-{}.csv", c.name.replace(' ', "-")));
        let ext = c.file.extension().and_then(|e| e.to_str()).unwrap_or("");
        let mut cmd = bin();
        match (
            ext,
            c.file.file_name().and_then(|n| n.to_str()).unwrap_or(""),
        ) {
            ("toml", n) if n.starts_with("standar") => {
                cmd.arg("standard").arg(&c.file);
            }
            ("toml", _) => {
                cmd.args(["score", "--rubric"])
                    .arg(&c.file)
                    .arg(fixture("jawaban-uji.csv"));
            }
            _ => {
                cmd.arg("score").arg(&c.file);
            }
        }
        let standard = ext == "toml" && c.file.to_string_lossy().contains("standar");
        if !standard {
            cmd.args(&c.args)
                .arg("--strict")
                .arg("--issues")
                .arg(dir.path().join("masalah.csv"))
                .arg("-o")
                .arg(&out);
        }
        let _ = std::fs::remove_file(dir.path().join("masalah.csv"));
        let res = cmd.output().unwrap();
        let code = res.status.code();
        let stderr = String::from_utf8_lossy(&res.stderr);
        if stderr.contains("panicked") || code.is_none() {
            failures.push(format!("{}: crashed: {stderr}", c.name));
            continue;
        }
        if bytes(&c.file) != before {
            failures.push(format!("{}: input changed", c.name));
        }
        match &c.expect {
            Expect::Error(wants) => {
                if code != Some(2) || out.exists() {
                    failures.push(format!(
                        "{}: want exit 2 and no output, got {code:?} (output {}): {stderr}",
                        c.name,
                        out.exists()
                    ));
                }
                for w in wants.iter() {
                    if !stderr.contains(w) {
                        failures.push(format!("{}: stderr lacks \"{w}\": {stderr}", c.name));
                    }
                }
            }
            Expect::Issues(kinds) => {
                let issues =
                    std::fs::read_to_string(dir.path().join("masalah.csv")).unwrap_or_default();
                if code != Some(1) || !out.exists() {
                    failures.push(format!(
                        "{}: want exit 1 (strict) with output, got {code:?}: {stderr}",
                        c.name
                    ));
                }
                for k in kinds.iter() {
                    if !issues.contains(k) {
                        failures.push(format!("{}: no {k} issue in {issues}", c.name));
                    }
                }
            }
            Expect::Clean => {
                if code != Some(0) || !out.exists() {
                    failures.push(format!(
                        "{}: want exit 0 with output, got {code:?}: {stderr}",
                        c.name
                    ));
                }
            }
        }
        // Never a temporary file left beside the output.
        let leftovers: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        if !leftovers.is_empty() {
            failures.push(format!("{}: temporary files left: {leftovers:?}", c.name));
        }
    }
    if let Ok(keep) = std::env::var("ULPK_HOSTILE_DIR") {
        for c in &cases {
            let _ = std::fs::create_dir_all(&keep);
            let _ = std::fs::copy(&c.file, Path::new(&keep).join(c.file.file_name().unwrap()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // A formula-looking id stays text in the output (answers are covered in outputs.rs).
    let out = std::fs::read_to_string(dir.path().join("hasil-formula-looking-text.csv")).unwrap();
    assert!(out.contains("'=1+1"), "{out}");
}

/// `ulpk-eval rubric` refuses every rubric of the corpus the run refuses, with the same
/// message (file, line, key), writing nothing; and what it accepts the run compiles:
/// verbose patterns with comments, named word boundaries.
#[test]
fn the_validator_compiles_what_the_run_compiles() {
    let dir = tempfile::tempdir().unwrap();
    let cases = corpus(dir.path());
    let before = snapshot(dir.path());
    let mut checked = 0;
    for c in &cases {
        let name = c.file.file_name().unwrap().to_string_lossy().into_owned();
        let (Some(true), Expect::Error(wants)) = (Some(name.starts_with("rubrik")), &c.expect)
        else {
            continue;
        };
        let res = bin().arg("rubric").arg(&c.file).output().unwrap();
        let stderr = String::from_utf8_lossy(&res.stderr);
        assert_eq!(res.status.code(), Some(2), "{}: {stderr}", c.name);
        assert!(res.stdout.is_empty(), "{}", c.name);
        for w in wants.iter() {
            assert!(
                stderr.contains(w),
                "{}: stderr lacks \"{w}\": {stderr}",
                c.name
            );
        }
        checked += 1;
    }
    assert!(checked >= 11, "{checked}");
    assert_eq!(snapshot(dir.path()), before, "the validator writes nothing");

    // Accepted by both, and the run finds what the patterns say.
    let rubric = std::fs::read_to_string(fixture("rubrik-uji.toml")).unwrap();
    let salam = "any = ['selamat\\s+(pagi|siang|sore|malam)']";
    for (file, any) in [
        (
            "rubrik-verbose.toml",
            // A comment at the end: joined with `|` as text, it swallowed the next pattern.
            "any = ['(?x) selamat \\s+ (pagi|siang|sore|malam) # salam (pembuka', 'halo']",
        ),
        (
            "rubrik-batas.toml",
            "any = ['\\b{start}selamat\\s+(pagi|siang)\\b{end}', '\\<halo\\>']",
        ),
    ] {
        let path = write(dir.path(), file, rubric.replacen(salam, any, 1).as_bytes());
        bin()
            .arg("rubric")
            .arg(&path)
            .assert()
            .success()
            .stdout(predicates::str::contains("Rubrik valid."));
        let out = dir.path().join(format!("{file}.csv"));
        score(&path, &fixture("jawaban-uji.csv"), &out);
        let text = std::fs::read_to_string(&out).unwrap();
        let a1 = text.lines().find(|l| l.starts_with("A1,")).unwrap();
        assert!(
            a1.contains(",pass,\"ditemukan: \"\"Selamat pagi\"\"\","),
            "{file}: {a1}"
        );
    }
}

/// A run writing `out` on a large input, stopped as soon as its temporary file appears.
/// Returns the exit code and whether the temporary file was seen.
fn interrupt_while_writing(input: &Path, out: &Path, signal: &str) -> (Option<i32>, bool) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("ulpk-eval"))
        .current_dir(super::common::root())
        .arg("score")
        .arg(input)
        .arg("-o")
        .arg(out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // The temporary file's name: `.{name}.{pid}.{random}.tmp`.
    let prefix = format!(
        ".{}.{}.",
        out.file_name().unwrap().to_string_lossy(),
        child.id()
    );
    let dir = out.parent().unwrap();
    let writing = || {
        std::fs::read_dir(dir).unwrap().flatten().any(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&prefix) && n.ends_with(".tmp")
        })
    };
    let mut seen = false;
    // Up to three minutes: on a loaded machine the 60,000 rows take a while to score.
    for _ in 0..36_000 {
        if writing() {
            seen = true;
            if signal == "KILL" {
                child.kill().unwrap();
            } else {
                std::process::Command::new("kill")
                    .args([&format!("-{signal}"), &child.id().to_string()])
                    .status()
                    .unwrap();
            }
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    (child.wait().unwrap().code(), seen)
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

/// An interrupted run leaves the previous output intact and nothing half-written: SIGTERM
/// removes the temporary file at once; after SIGKILL the next run removes the stale one.
#[cfg(unix)]
#[test]
fn interrupted_runs_leave_the_previous_output_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("skor.xlsx");
    let small = csv(
        dir.path(),
        "kecil.csv",
        &[row("S1", "02/03/2026 09:00", "03/03/2026 10:00", GOOD)],
    );
    bin()
        .arg("score")
        .arg(&small)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let previous = bytes(&out);

    let rows: Vec<String> = (0..60_000)
        .map(|i| {
            row(
                &format!("L{i}"),
                "02/03/2026 09:00",
                "03/03/2026 10:00",
                GOOD,
            )
        })
        .collect();
    let large = csv(dir.path(), "besar.csv", &rows);

    let (code, seen) = interrupt_while_writing(&large, &out, "TERM");
    assert!(seen, "the temporary file was never seen");
    assert_eq!(code, Some(130));
    assert_eq!(
        bytes(&out),
        previous,
        "previous output intact after SIGTERM"
    );
    assert!(
        temp_files(dir.path()).is_empty(),
        "{:?}",
        temp_files(dir.path())
    );

    let (code, seen) = interrupt_while_writing(&large, &out, "KILL");
    assert!(seen && code.is_none(), "killed while writing");
    assert_eq!(
        bytes(&out),
        previous,
        "previous output intact after SIGKILL"
    );
    assert_eq!(temp_files(dir.path()).len(), 1, "SIGKILL cannot clean up");
    bin()
        .arg("score")
        .arg(&small)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(
        temp_files(dir.path()).is_empty(),
        "the next run removes the stale file"
    );
}

/// Every file under `dir` (recursively) and its bytes.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                todo.push(e.path());
            } else {
                let p = e.path();
                out.push((
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

/// `report --per-unit` puts its workbook, charts and per-unit workbooks in place as one
/// set: stopped with SIGTERM when 60 % of the per-unit workbooks are complete, it leaves
/// the previous set, every file of it, and no temporary file; run to the end, every file
/// is the new one.
#[cfg(target_os = "linux")]
#[test]
fn an_interrupted_report_leaves_the_previous_set_whole() {
    let dir = tempfile::tempdir().unwrap();
    let report = |epoch: &str| {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin!("ulpk-eval"));
        c.current_dir(super::common::root())
            .env("SOURCE_DATE_EPOCH", epoch)
            .arg("report")
            .arg("-o")
            .arg(dir.path().join("laporan.xlsx"))
            .arg("--per-unit")
            .arg(dir.path().join("umpan-balik"))
            .arg("--charts")
            .arg(dir.path().join("grafik"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        c
    };
    // The previous set (its workbooks dated 2026-04-06), and the inputs.
    assert!(report("1775462400").status().unwrap().success());
    let previous = tree(dir.path());
    let units = std::fs::read_dir(dir.path().join("umpan-balik"))
        .unwrap()
        .count();
    assert!(units >= 10, "{units} unit workbooks");
    let config = bytes(&super::common::root().join("ulpk-eval.toml"));

    // A new set (dated a day later), stopped once 60 % of the unit workbooks are complete
    // under their temporary names.
    let mut child = report("1775548800").spawn().unwrap();
    let temporaries = |pid: u32| {
        std::fs::read_dir(dir.path().join("umpan-balik"))
            .unwrap()
            .flatten()
            .filter(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                n.starts_with('.') && n.contains(&format!(".{pid}.")) && n.ends_with(".tmp")
            })
            .count()
    };
    let mut seen = 0;
    for _ in 0..60_000 {
        seen = temporaries(child.id());
        if seen * 10 >= units * 6 || child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let code = child.wait().unwrap().code();
    assert!(
        seen * 10 >= units * 6,
        "{seen} of {units} staged before the renames"
    );
    assert_eq!(code, Some(130));
    let after = tree(dir.path());
    let names = |t: &[(PathBuf, Vec<u8>)]| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&after),
        names(&previous),
        "no file added or removed, no temporary"
    );
    for ((p, a), (_, b)) in after.iter().zip(&previous) {
        assert!(a == b, "{} changed: a mix of old and new", p.display());
    }
    assert_eq!(bytes(&super::common::root().join("ulpk-eval.toml")), config);

    // Run to the end: every workbook is the new one.
    assert!(report("1775548800").status().unwrap().success());
    let new = tree(dir.path());
    assert_eq!(names(&new), names(&previous));
    for ((p, a), (_, b)) in new.iter().zip(&previous) {
        if p.extension().is_some_and(|e| e == "xlsx") {
            assert!(a != b, "{} is still the previous one", p.display());
        }
    }
}

/// A full disk (here a file size limit, `ulimit -f`, which fails writes the same way) while
/// an output is written: said in the user's words with the file or folder, never the
/// library's text ("os error 27", `ZipWriter`, a panic in rust_xlsxwriter's worksheet
/// writer); no output, no temporary file, the input unchanged.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_said_in_the_users_words() {
    let input = super::common::root().join("samples/simpel-lpk-2026-q1.csv");
    let input_bytes = bytes(&input);
    let limit = "berkas melebihi batas ukuran berkas yang diizinkan (kuota atau ulimit); kosongkan ruang atau pilih folder lain; berkas sebelumnya tidak berubah";
    for (out, place) in [
        ("skor.csv", "skor.csv: ".to_string()),
        ("skor.parquet", "skor.parquet: ".to_string()),
        (
            "skor.xlsx",
            format!(
                "{}: gagal menulis lembar kerja sementara XLSX di folder ini: ",
                std::env::temp_dir().display()
            ),
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let before = snapshot(dir.path());
        let res = with_file_limit(dir.path())
            .arg("score")
            .arg(&input)
            .arg("-o")
            .arg(out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&res.stderr);
        assert_eq!(res.status.code(), Some(2), "{out}: {stderr}");
        assert!(
            stderr.contains(&format!("galat: {place}{limit}")),
            "{out}: {stderr}"
        );
        assert!(
            !stderr.contains("panicked") && !stderr.contains("os error"),
            "{stderr}"
        );
        assert_eq!(snapshot(dir.path()), before, "{out}: nothing written");
        assert_eq!(bytes(&input), input_bytes);
    }
}

/// The same while `report` writes its answer details on their own thread as the answers
/// are scored: the failed write of the details' temporary sheet data is said in the
/// user's words from that thread too, and nothing is written.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_while_the_details_are_written_is_said_in_the_users_words() {
    let dir = tempfile::tempdir().unwrap();
    let config = super::common::root().join("ulpk-eval.toml");
    let res = with_file_limit(dir.path())
        .arg("report")
        .arg("--config")
        .arg(&config)
        .arg("-o")
        .arg("laporan.xlsx")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert_eq!(res.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "galat: {}: gagal menulis lembar kerja sementara XLSX di folder ini: berkas melebihi batas ukuran",
            std::env::temp_dir().display()
        )),
        "{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("os error"),
        "{stderr}"
    );
    assert_eq!(snapshot(dir.path()), Vec::new(), "nothing written");
}

/// The tool run in `dir` with at most 20 KiB per file written, the signal the limit sends
/// ignored, so that writes fail with an error (EFBIG) as they do on a full disk (ENOSPC).
#[cfg(target_os = "linux")]
fn with_file_limit(dir: &Path) -> std::process::Command {
    let mut c = std::process::Command::new("bash");
    c.current_dir(dir)
        .env("RUST_BACKTRACE", "0")
        .arg("-c")
        .arg("ulimit -f 20; trap '' XFSZ; exec \"$0\" \"$@\"")
        .arg(assert_cmd::cargo::cargo_bin!("ulpk-eval"));
    c
}

/// `a.csv` in `dir`: one valid answer.
fn one_answer(dir: &Path) -> PathBuf {
    csv(
        dir,
        "a.csv",
        &[row("P1", "02/03/2026 09:00", "03/03/2026 10:00", GOOD)],
    )
}

/// Files in a folder and their bytes, to show that a refused run changed nothing.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Runs `score` with `args` in a folder holding one valid export and expects exit 2 with
/// `message`, the folder byte for byte as before.
fn refused(args: &[&str], message: &str) {
    let dir = tempfile::tempdir().unwrap();
    one_answer(dir.path());
    let before = snapshot(dir.path());
    bin()
        .current_dir(dir.path())
        .args(args)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(message));
    assert_eq!(snapshot(dir.path()), before, "{args:?} changed the folder");
}

#[test]
fn an_output_never_replaces_an_input_or_another_output() {
    let never = "masukan tidak pernah ditimpa";
    refused(&["score", "a.csv", "-o", "a.csv"], never);
    refused(&["score", "a.csv", "-o", "./A.csv"], never);
    refused(&["summary", "a.csv", "-o", "a.csv"], never);
    refused(&["score", "a.csv", "--issues", "a.csv"], never);
    let twice = "sama dengan keluaran lain";
    refused(
        &["score", "a.csv", "-o", "x.csv", "--issues", "x.csv"],
        twice,
    );
    refused(
        &["score", "a.csv", "-o", "x.xlsx", "--summary", "X.xlsx"],
        twice,
    );
    // A bad name among several outputs: nothing is written, not even the good ones.
    refused(
        &["score", "a.csv", "-o", "s.xlsx", "--issues", "m.txt"],
        "\"txt\"",
    );
    refused(
        &["score", "a.csv", "-o", "s.csv", "--summary", "r.doc"],
        "\"doc\"",
    );
    refused(&["calibrate", "a.csv", "-o", "k.csv"], ".xlsx");
    // A name longer than the file system allows: said so, not "File name too long".
    let long = format!("{}.csv", "skor".repeat(70));
    refused(
        &["score", "a.csv", "-o", &long],
        "nama berkas terlalu panjang",
    );
}

#[cfg(unix)]
#[test]
fn links_to_an_input_are_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = one_answer(dir.path());
    std::os::unix::fs::symlink(&input, dir.path().join("lunak.csv")).unwrap();
    std::fs::hard_link(&input, dir.path().join("keras.csv")).unwrap();
    let before = bytes(&input);
    for out in ["lunak.csv", "keras.csv"] {
        bin()
            .current_dir(dir.path())
            .args(["score", "a.csv", "-o", out])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("masukan tidak pernah ditimpa"));
        assert_eq!(bytes(&input), before, "{out}");
    }
}

#[cfg(unix)]
#[test]
fn planted_temporary_names_are_never_followed() {
    // Another user of a shared folder plants symlinks under the names temporary files
    // used to have (`.{name}.{pid}.tmp`) for the next process ids.
    let dir = tempfile::tempdir().unwrap();
    let input = one_answer(dir.path());
    let victim = dir.path().join("korban.txt");
    std::fs::write(&victim, "jangan diubah").unwrap();
    let shared = dir.path().join("bersama");
    std::fs::create_dir(&shared).unwrap();
    let next = std::process::id();
    for pid in next..next + 400 {
        std::os::unix::fs::symlink(&victim, shared.join(format!(".skor.csv.{pid}.tmp"))).unwrap();
    }
    bin()
        .arg("score")
        .arg(&input)
        .arg("-o")
        .arg(shared.join("skor.csv"))
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "jangan diubah");
    let scored = std::fs::read_to_string(shared.join("skor.csv")).unwrap();
    assert!(scored.contains("P1"), "{scored}");
    // The planted links are left as they were (they are not this run's files).
    let links = std::fs::read_dir(&shared)
        .unwrap()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_symlink()))
        .count();
    assert_eq!(links, 400);
}

#[test]
fn names_become_safe_distinct_file_names() {
    use predicates::str::contains;
    let dir = tempfile::tempdir().unwrap();
    // `template` for the units listed (one per line), into a folder of that name.
    let template = |units: &str, folder: &str| {
        let list = dir.path().join(format!("{folder}.txt"));
        std::fs::write(&list, units).unwrap();
        bin()
            .args(["template", "--standard"])
            .arg(fixture("standar-uji.toml"))
            .arg("--units")
            .arg(&list)
            .args(["--allow-unknown-unit", "-o"])
            .arg(dir.path().join(folder))
            .assert()
    };
    template("???\n!!!\nCON\n", "penilaian").success();
    let out = dir.path().join("penilaian");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(
        names.contains(&"penilaian-mandiri-con-.xlsx".to_string()),
        "{names:?}"
    );
    let nameless: Vec<&String> = names.iter().filter(|n| n.contains("tanpa-nama-")).collect();
    assert_eq!(nameless.len(), 2, "{names:?}");
    assert_ne!(nameless[0], nameless[1]);

    // Two spellings that meet in one file name: refused before anything is written.
    template("Kantor Uji Coba\nkantor uji coba.\n", "bentrok")
        .code(2)
        .stderr(contains("menjadi nama berkas yang sama"));
    let out2 = dir.path().join("bentrok");
    assert!(!out2.exists() || std::fs::read_dir(&out2).unwrap().count() == 0);

    // A 300-character reviewer: a bounded file name.
    let long = "Reviewer ".repeat(33);
    let out3 = dir.path().join("review");
    bin()
        .args([
            "sample",
            "samples/simpel-lpk-2026-q1.csv",
            "--n",
            "30",
            "--reviewers",
        ])
        .arg(long.trim())
        .arg("-o")
        .arg(&out3)
        .assert()
        .success();
    let review: Vec<String> = std::fs::read_dir(&out3)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("review-"))
        .collect();
    assert_eq!(review.len(), 1, "{review:?}");
    assert!(review[0].chars().count() <= 80, "{}", review[0]);
}

#[test]
fn source_date_epoch_outside_excels_dates_is_refused_before_writing() {
    for bad in ["-3000000000", "253402300800", "besok", ""] {
        let dir = tempfile::tempdir().unwrap();
        let input = one_answer(dir.path());
        let before = snapshot(dir.path());
        bin()
            .env("SOURCE_DATE_EPOCH", bad)
            .arg("score")
            .arg(&input)
            .arg("-o")
            .arg(dir.path().join("skor.xlsx"))
            .assert()
            .code(2)
            .stderr(predicates::str::contains("SOURCE_DATE_EPOCH"))
            .stderr(predicates::str::contains("1900"));
        assert_eq!(snapshot(dir.path()), before, "{bad:?}");
    }
    // The edges of the range are fine: 1900-01-01 and 9999-12-31.
    for good in ["-2208988800", "253402214400"] {
        let dir = tempfile::tempdir().unwrap();
        let input = one_answer(dir.path());
        bin()
            .env("SOURCE_DATE_EPOCH", good)
            .arg("score")
            .arg(&input)
            .arg("-o")
            .arg(dir.path().join("skor.xlsx"))
            .assert()
            .success();
    }
}

#[test]
fn terminal_escapes_in_data_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // A unit name that would clear the screen and set the window title; a carriage return
    // that would overwrite the line; a right-to-left override.
    let evil = "Balai \u{1b}[2J\u{1b}]0;diretas\u{7}POM\rX\u{202e}";
    let text = format!(
        "{HEADER}\r\nE1;{evil};WhatsApp;Informasi;02/03/2026 09:00;03/03/2026 10:00;Rina;Apakah terdaftar?;{GOOD}\r\nE2;{evil};WhatsApp;Informasi;02/03/2026 09:00;;Rina;Apakah terdaftar?;{GOOD}"
    );
    let input = write(dir.path(), "jahat.csv", text.as_bytes());
    let out = bin().arg("summary").arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    for stream in [&out.stdout, &out.stderr] {
        let s = String::from_utf8_lossy(stream);
        assert!(
            !s.chars()
                .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\r' || c == '\u{202e}'),
            "{s}"
        );
    }
    // Shown, written out, in the table.
    assert!(String::from_utf8_lossy(&out.stdout).contains("\\u{1b}[2J"));
}

#[test]
fn a_hidden_first_sheet_is_passed_over_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tersembunyi.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    // A hidden sheet first, holding other answers (an old copy, say), then the real one.
    for (name, id, hidden) in [("Lama", "H1", true), ("Data", "V1", false)] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (c, h) in HEADER.split(';').enumerate() {
            ws.write_string(0, c as u16, h).unwrap();
        }
        let cells = row(id, "02/03/2026 09:00", "03/03/2026 10:00", GOOD);
        for (c, v) in cells.split(';').enumerate() {
            ws.write_string(1, c as u16, v).unwrap();
        }
        if hidden {
            ws.set_hidden(true);
        } else {
            ws.set_active(true);
        }
    }
    wb.save(&path).unwrap();
    let out = dir.path().join("skor.csv");
    bin()
        .arg("score")
        .arg(&path)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "sheet tersembunyi dilewati: \"Lama\"; dibaca sheet pertama yang terlihat \"Data\"",
        ));
    let scored = std::fs::read_to_string(&out).unwrap();
    assert!(scored.contains("V1") && !scored.contains("H1"), "{scored}");
}

#[test]
fn report_folders_that_are_files_stop_it_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "bukan-folder.txt", b"x");
    for flag in ["--charts", "--per-unit"] {
        bin()
            .args(["report", "--config", "ulpk-eval.toml", "-o"])
            .arg(dir.path().join("laporan.xlsx"))
            .arg(flag)
            .arg(&file)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("bukan-folder.txt"))
            .stderr(predicates::str::contains("diperlukan folder"));
        assert_eq!(
            snapshot(dir.path()),
            vec![("bukan-folder.txt".to_string(), b"x".to_vec())],
            "{flag}"
        );
    }
    // The report pointed at one of its own inputs: refused, the input unchanged.
    let answers = super::common::root().join("samples/sp4n-lapor-2026-q1.xlsx");
    let before = bytes(&answers);
    bin()
        .args(["report", "--config", "ulpk-eval.toml", "-o"])
        .arg(&answers)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("masukan tidak pernah ditimpa"));
    assert_eq!(bytes(&answers), before);
}
