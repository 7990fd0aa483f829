//! `ulpk-eval report` on the shipped config and samples.

use calamine::{Data, Reader, Xlsx, open_workbook};

use super::common::{bin, bytes};

/// 2026-04-06 08:00:00 UTC.
const GENERATED: &str = "1775462400";

/// The report on the samples, with the generation time fixed the reproducible-builds way.
fn report(out: &std::path::Path) {
    bin()
        .env("SOURCE_DATE_EPOCH", GENERATED)
        .args(["report", "--config", "ulpk-eval.toml", "-o"])
        .arg(out)
        .assert()
        .success();
}

#[test]
fn report_on_the_samples() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("laporan.xlsx");
    report(&out);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Ringkasan",
            "Grafik",
            "Peringkat Unit",
            "Perbandingan Periode",
            "Kriteria per Unit",
            "Petugas",
            "Kanal dan Jenis Layanan",
            "Tren Bulanan",
            "Aspek Standar per Unit",
            "Temuan",
            "Kompetisi",
            "Kompetisi — Bukti Dukung",
            "Kepatuhan Ombudsman",
            "PEKPPP",
            "Masalah Data",
            "Metadata"
        ]
    );
    let r = wb.worksheet_range("Peringkat Unit").unwrap();
    let headers = super::common::header_row(&r);
    let col = |h: &str| headers.iter().position(|x| x == h).unwrap() as u32;
    // Bandung leads: answer quality, SLA, a fully met standard and SKM combined.
    assert_eq!(
        r.get_value((1, col("Unit"))),
        Some(&Data::String("Balai Besar POM di Bandung".into()))
    );
    assert_eq!(r.get_value((1, col("Peringkat"))), Some(&Data::Float(1.0)));
    assert_eq!(
        r.get_value((1, col("Standar — Nilai Akhir"))),
        Some(&Data::Float(100.0))
    );
    assert_eq!(
        r.get_value((1, col("IKM (SKM)"))),
        Some(&Data::Float(92.22))
    );
    assert_eq!(
        r.get_value((1, col("Standar Minimal"))),
        Some(&Data::String("Memenuhi".into()))
    );
    // Only the 8 units with every weighted component are ranked; Kupang fails its
    // mandatory items and comes last of them.
    let ranked = r
        .rows()
        .skip(1)
        .take_while(|row| matches!(row[col("Peringkat") as usize], Data::Float(_)))
        .count() as u32;
    assert_eq!(ranked, 8);
    assert_eq!(
        r.get_value((ranked, col("Unit"))),
        Some(&Data::String("Balai Besar POM di Kupang".into()))
    );
    assert_eq!(
        r.get_value((ranked, col("Peringkat"))),
        Some(&Data::Float(8.0))
    );
    assert_eq!(
        r.get_value((ranked, col("Standar Minimal"))),
        Some(&Data::String("Belum Memenuhi".into()))
    );
    // Ambon sent a self-assessment but no SKM: listed below, not ranked, and told why —
    // even though its answer quality and SLA alone would rank it.
    let ambon = r
        .rows()
        .position(|row| row[col("Unit") as usize] == "Balai POM di Ambon")
        .unwrap() as u32;
    assert!(ambon > ranked);
    assert_eq!(r.get_value((ambon, col("Peringkat"))), Some(&Data::Empty));
    assert_eq!(
        r.get_value((ambon, col("Keterangan Peringkat"))),
        Some(&Data::String("belum lengkap, tanpa: SKM".into()))
    );
    // Each rank says whether its combined index can be told apart from the ranks around
    // it: Surabaya (3, 91.08–92.14) from Yogyakarta (2, 92.70–93.58) but not from
    // Semarang (4, 90.66–92.10).
    let text = |row: u32, h: &str| r.get_value((row, col(h))).unwrap().to_string();
    assert_eq!(text(3, "Unit"), "Balai Besar POM di Surabaya");
    assert_eq!(text(3, "Indeks Gabungan — IK 95 %"), "91.08–92.14");
    assert_eq!(text(2, "Indeks Gabungan — IK 95 %"), "92.70–93.58");
    assert_eq!(text(4, "Indeks Gabungan — IK 95 %"), "90.66–92.10");
    assert_eq!(
        text(3, "Beda dengan Peringkat Tetangga"),
        "dapat dibedakan dari peringkat 2; tidak dapat dibedakan dari peringkat 4"
    );
    assert_eq!(
        text(1, "Beda dengan Peringkat Tetangga"),
        "dapat dibedakan dari peringkat 2"
    );
    // The index's interval is the quality mean's, carried through its weight (0.35 of 1):
    // Bandung's quality 93.95 ± 1.15 gives 96.52 ± 0.40.
    assert_eq!(text(1, "Skor Kualitas Jawaban — IK 95 %"), "92.80–95.10");
    assert_eq!(text(1, "Indeks Gabungan — IK 95 %"), "96.12–96.92");
    assert_eq!(text(1, "Indeks Gabungan"), "96.52");
    // A unit not ranked has no index interval and no neighbours.
    assert_eq!(text(ambon, "Indeks Gabungan — IK 95 %"), "");
    assert_eq!(text(ambon, "Beda dengan Peringkat Tetangga"), "");

    // The method is written under the table.
    let method: Vec<String> = r.rows().map(|row| row[0].to_string()).collect();
    let at = method.iter().position(|m| m == "Metode peringkat").unwrap();
    assert!(method[at + 1].contains("kualitas jawaban 0.35, SLA 0.2, standar 0.3, SKM 0.15"));
    assert!(
        method[at + 2].contains("(8 dari 22 unit)"),
        "{}",
        method[at + 2]
    );
    assert!(
        method[at + 4]
            .starts_with("IK 95 % skor kualitas jawaban = rata-rata ± t₀,₉₇₅(n − 1) × s / √n")
    );
    assert!(method[at + 5].starts_with("Beda dengan peringkat tetangga: unit \"dapat dibedakan\""));

    // A rate from one reviewed answer says so, in place of the number (and so outside the
    // colour scale); a rate from enough answers stays a number.
    let k = wb.worksheet_range("Kriteria per Unit").unwrap();
    let kh = super::common::header_row(&k);
    let akurasi = kh
        .iter()
        .position(|h| h.starts_with("Akurasi") && h.ends_with("lulus (%)"))
        .unwrap();
    let cell = |unit: &str| {
        k.rows()
            .find(|row| row[0] == unit)
            .map(|row| row[akurasi].clone())
            .unwrap()
    };
    assert_eq!(
        cell("Balai POM di Bogor"),
        Data::String("n = 1 < 10 (0.0 %)".into())
    );
    assert!(matches!(cell("Balai Besar POM di Bandung"), Data::Float(_)));
    // Beside every rate its 95 % Wilson interval: 0 of 1 passed is 0.0–79.3 %.
    assert_eq!(
        kh[akurasi + 1],
        "Akurasi ilmiah (reviewer) — IK 95 %",
        "{kh:?}"
    );
    let interval = |unit: &str| {
        k.rows()
            .find(|row| row[0] == unit)
            .map(|row| row[akurasi + 1].to_string())
            .unwrap()
    };
    assert_eq!(interval("Balai POM di Bogor"), "0.0–79.3");
    let notes: Vec<String> = k.rows().map(|row| row[0].to_string()).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("IK 95 % = interval kepercayaan 95 % Wilson")),
        "the method under the table"
    );

    // The trend has the three months of Q1 2026, in order.
    let t = wb.worksheet_range("Tren Bulanan").unwrap();
    let months: Vec<String> = t.rows().skip(1).map(|row| row[0].to_string()).collect();
    assert_eq!(months, ["2026-01", "2026-02", "2026-03"]);
    // Ringkasan: a title, then typed figures beside what they count.
    let s = wb.worksheet_range("Ringkasan").unwrap();
    assert_eq!(
        s.get_value((0, 0)),
        Some(&Data::String("Laporan ULPK — Triwulan I 2026".into()))
    );
    let line = |key: &str| {
        s.rows()
            .find(|r| r[0] == key)
            .map(|r| (r[1].clone(), r[2].to_string()))
            .unwrap_or_else(|| panic!("no line {key}"))
    };
    assert_eq!(line("Periode").0, Data::String("Triwulan I 2026".into()));
    assert_eq!(
        line("Jawaban dinilai"),
        (
            Data::Float(2998.0),
            "seluruh jawaban dalam ekspor periode ini".into()
        )
    );
    assert_eq!(
        line("Memenuhi standar minimal"),
        (Data::Float(7.0), "dari 10 unit yang dinilai".into())
    );
    assert_eq!(
        line("Unit diperingkat"),
        (
            Data::Float(8.0),
            "dari 22 unit: hanya unit dengan semua komponen berbobot".into()
        )
    );
    let (missing, names) = line("Belum mengirim penilaian standar minimal");
    assert_eq!(missing, Data::Float(12.0));
    assert!(
        names.starts_with("Badan POM; Balai Besar POM di Banjarbaru;"),
        "{names}"
    );
    assert_eq!(
        line("1. Balai Besar POM di Bandung"),
        (Data::Float(96.52), "indeks gabungan tertinggi".into())
    );
    let (zones, spread) = line("Instrumen kepatuhan: rata-rata nilai akhir");
    assert!(matches!(zones, Data::Float(_)));
    assert!(spread.contains("zona hijau"), "{spread}");
    let m = wb.worksheet_range("Metadata").unwrap();
    let sha = m
        .rows()
        .find(|row| row[0].to_string().ends_with("simpel-lpk-2026-q1.csv"))
        .map(|row| row[1].to_string())
        .unwrap();
    assert!(sha.starts_with("SHA-256 ") && sha.len() == 8 + 64, "{sha}");
    // The minimum standard per unit and aspect: Bandung meets every aspect fully.
    let a = wb.worksheet_range("Aspek Standar per Unit").unwrap();
    let bandung_aspects: Vec<Data> = a.rows().nth(1).unwrap().to_vec();
    assert_eq!(
        bandung_aspects[1],
        Data::String("Balai Besar POM di Bandung".into())
    );
    assert!(
        bandung_aspects[2..a.width() - 3]
            .iter()
            .all(|v| *v == Data::Float(100.0))
    );
    assert_eq!(bandung_aspects[a.width() - 1], Data::String("hijau".into()));
    assert_eq!(a.height() - 1, 10, "the ten units with a self-assessment");

    // PEKPPP, an instrument added by a preset and a config entry only: the recap on its own
    // 0–5 scale and bands, best first, the verified Semarang with its gap.
    let pk = wb.worksheet_range("PEKPPP").unwrap();
    let ph = super::common::header_row(&pk);
    let pc = |h: &str| ph.iter().position(|x| x == h).unwrap();
    let line = |i: u32| {
        let row: Vec<Data> = pk.rows().nth(i as usize).unwrap().to_vec();
        (
            row[pc("Unit")].to_string(),
            row[pc("Nilai Akhir")].clone(),
            row[pc("Predikat")].to_string(),
        )
    };
    assert_eq!(pk.height() - 1, 5);
    assert_eq!(
        line(1),
        (
            "Balai Besar POM di Bandung".into(),
            Data::Float(4.9),
            "A Pelayanan Prima".into()
        )
    );
    assert_eq!(
        line(5),
        (
            "Balai Besar POM di Kupang".into(),
            Data::Float(2.15),
            "C- Cukup (dengan catatan)".into()
        )
    );
    let semarang = pk.rows().nth(2).unwrap();
    assert_eq!(
        semarang[pc("Selisih Verifikasi − Mandiri")],
        Data::Float(-0.27)
    );

    // The national instruments: the Ombudsman zone table and the competition recap.
    let z = wb.worksheet_range("Kepatuhan Ombudsman").unwrap();
    let zh = super::common::header_row(&z);
    let zc = |h: &str| zh.iter().position(|x| x == h).unwrap();
    let zone_of = |unit: &str| {
        z.rows()
            .find(|r| r[1] == unit)
            .map(|r| (r[zc("Nilai Akhir")].clone(), r[zc("Zona")].to_string()))
            .unwrap()
    };
    assert_eq!(
        z.get_value((1, 1)),
        Some(&Data::String("Balai Besar POM di Bandung".into()))
    );
    assert_eq!(
        zone_of("Balai Besar POM di Bandung"),
        (Data::Float(96.93), "hijau".into())
    );
    assert_eq!(
        zone_of("Balai Besar POM di Surabaya"),
        (Data::Float(77.06), "kuning".into())
    );
    assert_eq!(
        zone_of("Balai Besar POM di Kupang"),
        (Data::Float(46.03), "merah".into())
    );
    assert_eq!(z.height() - 1, 8);
    let k = wb.worksheet_range("Kompetisi").unwrap();
    assert_eq!(
        k.get_value((1, 1)),
        Some(&Data::String("Balai Besar POM di Bandung".into()))
    );
    let kh = super::common::header_row(&k);
    let kc = |h: &str| kh.iter().position(|x| x == h).unwrap();
    assert_eq!(
        k.get_value((1, kc("Nilai Akhir") as u32)),
        Some(&Data::Float(90.14))
    );
    assert_eq!(
        k.get_value((1, kc("Nilai Mandiri") as u32)),
        Some(&Data::Float(93.75))
    );
    let e = wb.worksheet_range("Kompetisi — Bukti Dukung").unwrap();
    assert_eq!(e.height() - 1, 3 * 23, "23 items for each of 3 units");

    // The previous period (Triwulan IV 2025): who moved band.
    let c = wb.worksheet_range("Perbandingan Periode").unwrap();
    let moved = |unit: &str| {
        c.rows()
            .find(|r| r[0] == unit)
            .map(|r| r[r.len() - 1].to_string())
            .unwrap()
    };
    assert_eq!(
        moved("Balai POM di Bogor"),
        "Standar: turun A → C; Zona: hijau → kuning"
    );
    assert!(moved("Balai Besar POM di Medan").contains("Zona: kuning → hijau"));
    assert_eq!(moved("Balai Besar POM di Bandung"), "tetap");
    let s = wb.worksheet_range("Ringkasan").unwrap();
    let summary = |key: &str| {
        s.rows()
            .find(|r| r[0] == key)
            .map(|r| (r[1].clone(), r[2].to_string()))
            .unwrap()
    };
    assert_eq!(
        summary("Perubahan skor kualitas nasional"),
        (Data::Float(1.29), "sebelumnya 87.63".into())
    );
    assert_eq!(summary("Unit berpindah predikat").0, Data::Float(8.0));

    let generated = m
        .rows()
        .find(|row| row[0] == "Waktu pembuatan")
        .map(|row| row[1].to_string());
    assert_eq!(generated.as_deref(), Some("2026-04-06 15:00 WIB"));
}

#[test]
fn report_is_deterministic() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (da.path().join("l.xlsx"), db.path().join("l.xlsx"));
    report(&a);
    report(&b);
    assert_eq!(bytes(&a), bytes(&b));
    assert!(
        bytes(&a.with_extension("html")) == bytes(&b.with_extension("html")),
        "dashboard differs"
    );
    for f in [
        "peringkat-unit.png",
        "kriteria-per-unit.svg",
        "sebaran-skor.png",
    ] {
        assert_eq!(
            bytes(&da.path().join("grafik").join(f)),
            bytes(&db.path().join("grafik").join(f)),
            "{f}"
        );
    }
}

/// The chart files: PNGs decode to their drawn size, SVGs name the units, and the heatmap
/// and the distribution are pictures in the workbook.
#[test]
fn chart_files_decode_and_pictures_are_embedded() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("laporan.xlsx");
    report(&out);
    let g = dir.path().join("grafik");
    let mut names: Vec<String> = std::fs::read_dir(&g)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "kriteria-per-unit.png",
            "kriteria-per-unit.svg",
            "peringkat-unit.png",
            "peringkat-unit.svg",
            "sebaran-skor.png",
            "sebaran-skor.svg",
            "tren-bulanan.png",
            "tren-bulanan.svg"
        ]
    );
    for n in names.iter().filter(|n| n.ends_with(".png")) {
        let decoder = png::Decoder::new(std::io::BufReader::new(
            std::fs::File::open(g.join(n)).unwrap(),
        ));
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        assert!(
            info.width >= 500 && info.height >= 300,
            "{n}: {}×{}",
            info.width,
            info.height
        );
    }
    // 22 units, best first, each bar labelled with its index; the combined index has no
    // band set, so no band's letter or colour (one colour rule), and a unit without an
    // index says why.
    let svg = std::fs::read_to_string(g.join("peringkat-unit.svg")).unwrap();
    let bandung = svg.find("Balai Besar POM di Bandung").unwrap();
    let kupang = svg.find("Balai Besar POM di Kupang").unwrap();
    assert!(bandung < kupang);
    assert!(svg.contains(">\n96.5\n<"), "Bandung's index");
    assert!(svg.contains(">\n74.7\n<"), "Kupang's index");
    assert!(!svg.contains("96.5 (A)"));
    assert!(svg.contains("belum lengkap"));

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let media: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .filter(|n| n.starts_with("xl/media/"))
        .collect();
    assert_eq!(media.len(), 2, "{media:?}");
    let mut first = Vec::new();
    zip.by_name(&media[0])
        .unwrap()
        .read_to_end(&mut first)
        .unwrap();
    assert_eq!(&first[..8], b"\x89PNG\r\n\x1a\n");
}

/// A native bar chart of the combined index sits on the summary sheet, and the ranking has
/// colour scales and zone fills as conditional formats.
#[test]
fn report_has_a_native_chart_and_colour_scales() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("laporan.xlsx");
    report(&out);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let chart = part("xl/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>"));
    assert!(
        chart.contains("'Peringkat Unit'!$Q$2:$Q$9"),
        "index values of the 8 ranked units"
    );
    let ranking = part("xl/worksheets/sheet3.xml");
    // One colour rule: a figure in its band's colour, never a scale over the column.
    assert_eq!(ranking.matches("<colorScale>").count(), 0);
    // The answer-quality score (column E) by the rubric's bands, best first; the combined
    // index (column Q) has no band set and no colour.
    assert!(
        ranking.contains(
            r#"<cfRule type="expression" dxfId="0" priority="9" stopIfTrue="1"><formula>AND(ISNUMBER(E2),E2&gt;=85)</formula>"#
        ),
        "quality band A rule"
    );
    assert!(!ranking.contains("ISNUMBER(Q2)"));
    let styles = part("xl/styles.xml");
    assert!(
        styles.contains(r#"<dxf><fill><patternFill><bgColor rgb="FF80D8A8"/>"#),
        "band A's fill: #00B050 lightened"
    );
    assert!(ranking.contains(r#"text="kuning""#));
    // Answer-quality grades: A green, D red.
    assert!(
        ranking.contains(r#"<formula>"A"</formula>"#),
        "grade A rule"
    );
    assert!(
        ranking.contains(r#"<formula>"D"</formula>"#),
        "grade D rule"
    );
}

/// Questions quote citizens' phone numbers, e-mails and NIKs: the details mask them.
#[test]
fn personal_data_is_masked_in_the_details() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("laporan.xlsx");
    report(&out);
    // The details are the report's annex, beside it.
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("laporan-detail-jawaban.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["Detail Jawaban"]);
    let r = wb.worksheet_range("Detail Jawaban").unwrap();
    assert_eq!(r.height(), 3001, "every answer, header included");
    let headers = super::common::header_row(&r);
    let q = headers.iter().position(|h| h == "Pertanyaan").unwrap();
    let texts: Vec<String> = r.rows().skip(1).map(|row| row[q].to_string()).collect();
    // A word boundary: registration numbers such as NE08061608787 stay.
    let phone = regex::Regex::new(r"\b08\d{2}[ -]?\d{4}").unwrap();
    let email = regex::Regex::new(r"@(gmail|yahoo)\.").unwrap();
    let nik = regex::Regex::new(r"\d{16}").unwrap();
    for t in &texts {
        assert!(
            !phone.is_match(t) && !email.is_match(t) && !nik.is_match(t),
            "{t}"
        );
    }
    let count = |s: &str| texts.iter().filter(|t| t.contains(s)).count();
    assert!(count("[telp]") > 50 && count("[email]") > 30 && count("[NIK]") > 5);
    assert!(texts.iter().any(|t| t.contains("NE08061608787")));
}

/// The annex holds every answer on a row one line high (a long excerpt is kept whole in its
/// cell, cut at the column's edge on screen), while the report's own tables wrap long text
/// and grow their rows; every cell takes its column's format unless it needs its own
/// (dates in the date column, text top-aligned).
#[test]
fn the_annex_has_one_line_rows_and_the_report_wraps() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("laporan.xlsx");
    report(&out);
    let part = |file: &std::path::Path, name: &str| {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let annex = dir.path().join("laporan-detail-jawaban.xlsx");
    let sheet = part(&annex, "xl/worksheets/sheet1.xml");
    let rows = regex::Regex::new(r#"<row r="(\d+)"[^>]*>"#).unwrap();
    let tall: Vec<&str> = rows
        .captures_iter(&sheet)
        .filter(|c| &c[1] != "1" && c[0].contains("customHeight"))
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert!(
        tall.is_empty(),
        "annex rows with their own height: {tall:?}"
    );
    assert_eq!(rows.captures_iter(&sheet).count(), 3001);
    // The whole excerpt is in the cell: some answers are longer than their column.
    let mut wb: Xlsx<_> = open_workbook(&annex).unwrap();
    let r = wb.worksheet_range("Detail Jawaban").unwrap();
    let headers = super::common::header_row(&r);
    let a = headers.iter().position(|h| h == "Jawaban").unwrap();
    let longest = r
        .rows()
        .skip(1)
        .map(|row| row[a].to_string().chars().count())
        .max()
        .unwrap();
    assert!(longest > 200, "longest answer excerpt {longest} characters");
    // The date column's format is its column's: no date cell carries a style of its own
    // different from it.
    let cols = regex::Regex::new(r#"<col min="(\d+)" max="(\d+)"[^>]* style="(\d+)""#).unwrap();
    let styles = part(&annex, "xl/styles.xml");
    let xfs: Vec<&str> = styles
        .split("<cellXfs")
        .nth(1)
        .unwrap()
        .split("</cellXfs>")
        .next()
        .unwrap()
        .split("<xf ")
        .skip(1)
        .collect();
    let date_col = headers
        .iter()
        .position(|h| h == "Tanggal Diterima")
        .unwrap()
        + 1;
    let style = cols
        .captures_iter(&sheet)
        .find(|c| {
            let (lo, hi): (usize, usize) = (c[1].parse().unwrap(), c[2].parse().unwrap());
            (lo..=hi).contains(&date_col)
        })
        .map(|c| c[3].parse::<usize>().unwrap())
        .expect("the date column has a format");
    let num_fmt = regex::Regex::new(r#"numFmtId="(\d+)""#).unwrap();
    let id = &num_fmt.captures(xfs[style]).unwrap()[1];
    assert!(
        styles.contains(&format!(
            r#"<numFmt numFmtId="{id}" formatCode="dd/mm/yyyy hh:mm"/>"#
        )),
        "the date column shows dd/mm/yyyy hh:mm"
    );
    assert!(xfs[style].contains(r#"vertical="top""#));

    // The report's own tables grow a row for a wrapped cell.
    let report_sheets: Vec<String> = (1..=6)
        .map(|i| part(&out, &format!("xl/worksheets/sheet{i}.xml")))
        .collect();
    assert!(
        report_sheets
            .iter()
            .any(|s| s.contains("customHeight=\"1\"")),
        "wrapped rows in the report"
    );
}

/// `--no-details` leaves the answer-details annex out: the report is the same, byte for
/// byte, and the feedback workbooks keep their answers needing attention but no longer
/// point to an annex that was not written.
#[test]
fn no_details_writes_no_annex_and_the_same_report() {
    let run = |dir: &std::path::Path, extra: &[&str]| {
        bin()
            .env("SOURCE_DATE_EPOCH", GENERATED)
            .args(["report", "--config", "ulpk-eval.toml", "--per-unit", "-o"])
            .arg(dir.join("laporan.xlsx"))
            .args(extra)
            .assert()
            .success();
    };
    let (with, without) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    run(with.path(), &[]);
    run(without.path(), &["--no-details"]);
    assert!(with.path().join("laporan-detail-jawaban.xlsx").exists());
    assert!(!without.path().join("laporan-detail-jawaban.xlsx").exists());
    assert!(
        bytes(&with.path().join("laporan.xlsx")) == bytes(&without.path().join("laporan.xlsx")),
        "the report does not depend on its annex"
    );
    let summary = |dir: &std::path::Path| {
        let path = dir
            .join("umpan-balik")
            .join("umpan-balik-balai-besar-pom-di-kupang.xlsx");
        let mut wb: Xlsx<_> = open_workbook(path).unwrap();
        let r = wb.worksheet_range("Ringkasan").unwrap();
        r.rows()
            .map(|row| (row[0].to_string(), row[1].to_string()))
            .collect::<Vec<_>>()
    };
    let (a, b) = (summary(with.path()), summary(without.path()));
    let find = |rows: &[(String, String)], key: &str| {
        rows.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    };
    let attention = find(&a, "Jawaban perlu perhatian").expect("attention line");
    assert!(attention.parse::<u32>().unwrap() > 0, "{attention}");
    assert_eq!(find(&b, "Jawaban perlu perhatian"), Some(attention));
    assert!(
        find(&a, "Semua jawaban unit")
            .unwrap()
            .contains("laporan-detail-jawaban.xlsx")
    );
    assert_eq!(find(&b, "Semua jawaban unit"), None);
}

/// Fails on any cell of any sheet that holds what looks like personal data, by patterns of
/// this test's own (not the tool's): Indonesian mobile numbers with any separators, e-mail
/// addresses, and sixteen digits in a row or in groups of four (or 6-6-4).
fn personal_data(s: &str) -> bool {
    use std::sync::LazyLock;
    static PHONE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?:\+62|\b62|\b0|(?:hp|wa|telp|tlp)[.:]?0)8\d{2}[ ./-]*\d{3,4}[ ./-]*\d{3,4}",
        )
        .unwrap()
    });
    static EMAIL: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"\w ?@ ?\w+\.\w").unwrap());
    static NIK: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"\d{16}|\d{4}[ .-]\d{4}[ .-]\d{4}[ .-]\d{4}|\d{6} \d{6} \d{4}").unwrap()
    });
    PHONE.is_match(&s.to_lowercase()) || EMAIL.is_match(s) || NIK.is_match(s)
}

fn assert_no_personal_data(path: &std::path::Path) {
    // The patterns find what the samples hold before masking.
    // (The sample export is Windows-1252, as Excel writes it: read as bytes.)
    let raw = String::from_utf8_lossy(&bytes(
        &super::common::root().join("samples/simpel-lpk-2026-q1.csv"),
    ))
    .into_owned();
    assert!(raw.lines().filter(|l| personal_data(l)).count() > 50);
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let mut cells = 0;
    for name in wb.sheet_names() {
        let Ok(r) = wb.worksheet_range(&name) else {
            continue;
        };
        for (row, col, v) in r.used_cells() {
            let Data::String(s) = v else { continue };
            cells += 1;
            assert!(
                !personal_data(s),
                "{}, sheet {name}, row {}, column {}: {s}",
                path.display(),
                row + 1,
                col + 1
            );
        }
    }
    assert!(cells > 0, "{}: no text read", path.display());
}

/// `--per-unit`: one workbook per unit with its own figures against the national ones, and
/// no other unit's name anywhere in it.
#[test]
fn per_unit_feedback_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("laporan.xlsx");
    bin()
        .env("SOURCE_DATE_EPOCH", GENERATED)
        .args([
            "report",
            "--config",
            "ulpk-eval.toml",
            "--per-unit",
            "--no-html",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    assert!(
        !out.with_extension("html").exists(),
        "--no-html writes no dashboard"
    );
    let fb = dir.path().join("umpan-balik");
    let mut files: Vec<String> = std::fs::read_dir(&fb)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 22);
    assert_eq!(files[0], "umpan-balik-badan-pom.xlsx");
    // No phone number, e-mail address or NIK anywhere in what the run wrote.
    let written: Vec<std::path::PathBuf> = [
        out.clone(),
        out.with_file_name("laporan-detail-jawaban.xlsx"),
    ]
    .into_iter()
    .chain(files.iter().map(|f| fb.join(f)))
    .collect();
    for path in &written {
        assert_no_personal_data(path);
    }

    // The national report's figures for Kupang, to compare with.
    let mut report: Xlsx<_> = open_workbook(&out).unwrap();
    let r = report.worksheet_range("Peringkat Unit").unwrap();
    let units: Vec<String> = r
        .rows()
        .skip(1)
        .map(|row| row[2].to_string())
        .take_while(|u| !u.is_empty())
        .collect();
    assert_eq!(units.len(), 22);
    let kupang = r
        .rows()
        .position(|row| row[2] == "Balai Besar POM di Kupang")
        .unwrap() as u32;
    assert_eq!(r.get_value((kupang, 0)), Some(&Data::Float(8.0)));
    let kupang_quality = r.get_value((kupang, 4)).cloned().unwrap();

    let mut wb: Xlsx<_> =
        open_workbook(fb.join("umpan-balik-balai-besar-pom-di-kupang.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Ringkasan",
            "Grafik",
            "Posisi Nasional",
            "Perbandingan Periode",
            "Tren Bulanan",
            "Petugas",
            "Temuan",
            "Jawaban Perlu Perhatian"
        ]
    );
    let s = wb.worksheet_range("Ringkasan").unwrap();
    let cell = |key: &str, col: usize| {
        s.rows()
            .find(|row| row[0] == key)
            .map(|row| row[col].clone())
            .unwrap_or_else(|| panic!("no line {key}"))
    };
    let value = |key: &str| cell(key, 1).to_string();
    assert_eq!(value("Unit"), "Balai Besar POM di Kupang");
    assert_eq!(value("Peringkat indeks gabungan"), "8 dari 8");
    // Figures are typed numbers beside the national figure: a count is a whole number,
    // the quality score the ranking's, the note the national mean.
    assert_eq!(cell("Jawaban dinilai", 1), Data::Float(86.0));
    assert_eq!(cell("Skor kualitas jawaban", 1), kupang_quality);
    assert!(
        cell("Skor kualitas jawaban", 2)
            .to_string()
            .starts_with("nasional 88.92"),
        "{}",
        cell("Skor kualitas jawaban", 2)
    );
    assert_eq!(cell("Butir belum terpenuhi penuh", 1), Data::Float(13.0));
    // Against the previous period (Triwulan IV 2025), as the report's comparison has it.
    let mut report_cmp = report.worksheet_range("Perbandingan Periode").unwrap();
    let cmp_headers = super::common::header_row(&report_cmp);
    let kupang_cmp = report_cmp
        .rows()
        .find(|r| r[0] == "Balai Besar POM di Kupang")
        .unwrap()
        .to_vec();
    let at = |h: &str| kupang_cmp[cmp_headers.iter().position(|x| x == h).unwrap()].clone();
    assert_eq!(
        cell("Perubahan skor kualitas", 1),
        at("Skor kualitas — Selisih")
    );
    assert_eq!(cell("Perubahan skor kualitas", 1), Data::Float(4.59));
    assert_eq!(
        cell("Perubahan skor kualitas", 2),
        Data::String("sebelumnya 75.76".into())
    );
    assert_eq!(
        cell("Perubahan peringkat (+ naik)", 1),
        at("Perubahan peringkat (+ naik)")
    );
    report_cmp = wb.worksheet_range("Perbandingan Periode").unwrap();
    assert_eq!(
        report_cmp.rows().nth(1).unwrap()[..4],
        [
            Data::String("Skor kualitas".into()),
            Data::Float(75.76),
            kupang_quality.clone(),
            Data::Float(4.59)
        ]
    );
    // Its officers, over its own answers: their answers add up to the unit's.
    let o = wb.worksheet_range("Petugas").unwrap();
    let officer_answers: f64 = o
        .rows()
        .skip(1)
        .filter_map(|r| match r[1] {
            Data::Float(f) => Some(f),
            _ => None,
        })
        .sum();
    assert_eq!(officer_answers, 86.0);
    assert_eq!(
        o.get_value((1, 0)),
        Some(&Data::String("Ferdinand Ndun".into()))
    );
    // A pass rate from fewer than 10 judged answers says so in place of the number.
    assert!(
        o.rows()
            .any(|r| r.iter().any(|c| *c == "n = 5 < 10 (40.0 %)"))
    );
    // Each gap names the answer given and how to meet the item.
    let t = wb.worksheet_range("Temuan").unwrap();
    let th = super::common::header_row(&t);
    let fix = th
        .iter()
        .position(|h| h == "Cara Memenuhi (panduan standar)")
        .unwrap();
    assert_eq!(t.height() - 1, 13);
    assert!(t.rows().skip(1).all(|r| !r[fix].to_string().is_empty()));
    assert!(
        value("Beda dengan peringkat tetangga")
            .starts_with("dapat dibedakan dari peringkat 7 (menurut IK 95 % indeks gabungan"),
        "{}",
        value("Beda dengan peringkat tetangga")
    );
    assert!(value("Standar minimal").starts_with("Belum Memenuhi"));
    let p = wb.worksheet_range("Posisi Nasional").unwrap();
    assert_eq!(
        p.get_value((1, 0)),
        Some(&Data::String("Skor kualitas jawaban".into()))
    );
    assert_eq!(p.get_value((1, 1)), Some(&kupang_quality));
    let (Some(Data::Float(own)), Some(Data::Float(nat)), Some(Data::Float(diff))) = (
        p.get_value((1, 1)),
        p.get_value((1, 3)),
        p.get_value((1, 4)),
    ) else {
        panic!("numbers expected in Posisi Nasional row 2");
    };
    assert!(*own < *nat, "Kupang is below the national mean");
    // Each national figure says how it is computed: answers pooled, or a mean of units.
    let basis = |row: u32| p.get_value((row, 5)).unwrap().to_string();
    assert!(
        basis(1).starts_with("semua jawaban digabung"),
        "{}",
        basis(1)
    );
    let index_row = p.rows().position(|r| r[0] == "Indeks gabungan").unwrap() as u32;
    assert_eq!(
        basis(index_row),
        "rata-rata 8 unit yang diperingkat (tiap unit sama bobot)"
    );
    assert!((diff - (own - nat)).abs() < 0.011);
    // Beside each pass rate the unit's 95 % Wilson interval and n: 6 of 9 reviewed answers
    // passed akurasi, 35.4–87.9 %; the national rate names its own n.
    let akurasi = p
        .rows()
        .find(|r| r[0] == "Akurasi ilmiah (reviewer) — lulus (%)")
        .unwrap();
    assert_eq!(akurasi[1], Data::Float(66.7));
    // The quality score's interval and n, the index's interval, as the ranking sheet has.
    assert_eq!(
        p.get_value((1, 2)),
        Some(&Data::String("76.35–84.35 (n = 86)".into()))
    );
    assert_eq!(
        p.get_value((index_row, 2)),
        Some(&Data::String("73.31–76.11".into()))
    );
    assert_eq!(akurasi[2], Data::String("35.4–87.9 (n = 9)".into()));
    assert!(akurasi[5].to_string().starts_with("semua jawaban digabung"));
    assert!(
        !akurasi[5].to_string().ends_with("n = 2998)"),
        "{}",
        akurasi[5]
    );

    // Nothing of another unit: its name appears in no cell of any sheet (but the central
    // office's official name, "Badan POM", is also the agency answers speak of).
    let others: Vec<&String> = units
        .iter()
        .filter(|u| !["Balai Besar POM di Kupang", "Badan POM"].contains(&u.as_str()))
        .collect();
    let mut answers = 0;
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for cell in range.used_cells() {
            let text = cell.2.to_string();
            if let Some(o) = others.iter().find(|o| text.contains(o.as_str())) {
                panic!("sheet {name} cell {:?} names {o}", (cell.0, cell.1));
            }
        }
        if name == "Jawaban Perlu Perhatian" {
            answers = range.height() - 1;
        }
    }
    // The answers needing attention: as many as the national details list for Kupang
    // with at least one criterion failed (duplicates aside), lowest score first.
    let mut annex: Xlsx<_> =
        open_workbook(out.with_file_name("laporan-detail-jawaban.xlsx")).unwrap();
    let d = annex.worksheet_range("Detail Jawaban").unwrap();
    let dh = super::common::header_row(&d);
    let col = |h: &str| dh.iter().position(|x| x == h).unwrap();
    let criteria: Vec<usize> = [
        "Salam pembuka",
        "Kelengkapan jawaban",
        "Akurasi ilmiah (reviewer)",
    ]
    .iter()
    .map(|h| col(h))
    .collect();
    let state_cols: Vec<usize> = (col("Duplikat") + 1..col("Berkas"))
        .filter(|i| !dh[*i].ends_with("— bukti"))
        .collect();
    assert!(criteria.iter().all(|c| state_cols.contains(c)));
    let failing = d
        .rows()
        .filter(|row| row[col("Unit")] == "Balai Besar POM di Kupang")
        .filter(|row| row[col("Duplikat")] != Data::Bool(true))
        .filter(|row| state_cols.iter().any(|i| row[*i] == "Gagal"))
        .count();
    assert_eq!(answers, failing);
    assert_eq!(answers, 58);
    assert_eq!(cell("Jawaban perlu perhatian", 1), Data::Float(58.0));
    let a = wb.worksheet_range("Jawaban Perlu Perhatian").unwrap();
    assert_eq!(
        a.get_value((1, 0)),
        Some(&Data::String("LPK-2026-000838".into()))
    );
    assert_eq!(a.get_value((1, 3)), Some(&Data::Float(15.0)));
    assert!(
        a.get_value((1, 4))
            .unwrap()
            .to_string()
            .starts_with("Salam pembuka; ")
    );
    assert!(
        value("Semua jawaban unit")
            .starts_with("di lampiran laporan nasional laporan-detail-jawaban.xlsx"),
        "{}",
        value("Semua jawaban unit")
    );
}

/// A previous report read back (here the same period, written in English) lines up with
/// this one: every unit found, nothing changed.
#[test]
fn previous_report_read_back_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let (before, now) = (dir.path().join("en.xlsx"), dir.path().join("id.xlsx"));
    bin()
        .args(["--lang", "en", "report", "-o"])
        .arg(&before)
        .assert()
        .success();
    bin()
        .args(["report", "-o"])
        .arg(&now)
        .arg("--previous")
        .arg(&before)
        .assert()
        .success();
    let mut wb: Xlsx<_> = open_workbook(&now).unwrap();
    let c = wb.worksheet_range("Perbandingan Periode").unwrap();
    let headers = super::common::header_row(&c);
    let col = |h: &str| {
        headers
            .iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("{h}: {headers:?}"))
    };
    assert_eq!(c.get_value((1, 0)), Some(&Data::String("Nasional".into())));
    let bandung = c
        .rows()
        .find(|r| r[0] == "Balai Besar POM di Bandung")
        .unwrap();
    assert_eq!(bandung[col("Peringkat Triwulan I 2026")], Data::Float(1.0));
    assert_eq!(
        bandung[col("Perubahan peringkat (+ naik)")],
        Data::Float(0.0)
    );
    assert_eq!(bandung[col("Skor kualitas — Selisih")], Data::Float(0.0));
    assert_eq!(
        bandung[col("Perpindahan predikat")],
        Data::String("tetap".into())
    );
    let units = c.height() - 2;
    assert_eq!(units, 22);
    assert!(
        c.rows()
            .skip(1)
            .all(|r| r[col("Perpindahan predikat")] != "baru pada periode ini")
    );
}

/// With no unit list configured, the built-in register is the list: every source meets
/// under the official name: the samples' self-assessment "Balai Besar POM di Ambon" and its
/// answers are one unit, "Balai POM di Ambon" (a Balai in every 2023–2025 count), not two.
#[test]
fn sources_meet_under_the_registered_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = report_with_config(dir.path(), |c| c);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let r = wb.worksheet_range("Peringkat Unit").unwrap();
    let headers = super::common::header_row(&r);
    let col = |h: &str| headers.iter().position(|x| x == h).unwrap();
    let units: Vec<String> = r
        .rows()
        .skip(1)
        .map(|row| row[col("Unit")].to_string())
        .take_while(|u| !u.is_empty())
        .collect();
    assert_eq!(units.len(), 22, "{units:?}");
    assert!(!units.iter().any(|u| u == "Balai Besar POM di Ambon"));
    let ambon = r
        .rows()
        .find(|row| row[col("Unit")] == "Balai POM di Ambon")
        .unwrap();
    // Its answers and its self-assessment on one line.
    assert_eq!(ambon[col("Jawaban Dinilai")], Data::Float(70.0));
    assert_eq!(ambon[col("Standar — Nilai Akhir")], Data::Float(89.49));
    assert!(
        units.contains(&"Badan POM".to_string()),
        "the centre's official name"
    );
}

/// An instrument given an `index_weight` is a component of the combined index: its final
/// score on 0–100 beside the others (PEKPPP's 4.901 of 5 as 98.02), and a unit without it is
/// listed as incomplete, naming it. Here only the five units with a PEKPPP workbook rank.
#[test]
fn a_weighted_instrument_enters_the_combined_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = report_with_config(dir.path(), |c| {
        let weighted = c.replace(
            "pekppp\"]\nas_of = \"2026-03-31\"\nlayout = \"recap\"",
            "pekppp\"]\nas_of = \"2026-03-31\"\nlayout = \"recap\"\nindex_weight = 0.2",
        );
        assert!(weighted.contains("index_weight = 0.2"));
        weighted
    });
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let r = wb.worksheet_range("Peringkat Unit").unwrap();
    let headers = super::common::header_row(&r);
    let col = |h: &str| {
        headers
            .iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("{h}: {headers:?}"))
    };
    let row = |unit: &str| r.rows().find(|row| row[col("Unit")] == unit).unwrap();
    let bandung = row("Balai Besar POM di Bandung");
    assert_eq!(bandung[col("PEKPPP (0–100)")], Data::Float(98.02));
    assert_eq!(bandung[col("Peringkat")], Data::Float(1.0));
    let ranked = r
        .rows()
        .skip(1)
        .filter(|row| matches!(row[col("Peringkat")], Data::Float(_)))
        .count();
    assert_eq!(ranked, 5);
    assert_eq!(
        row("Balai Besar POM di Jakarta")[col("Keterangan Peringkat")],
        Data::String("belum lengkap, tanpa: PEKPPP".into())
    );
    let m = wb.worksheet_range("Metadata").unwrap();
    assert!(
        m.rows()
            .any(|row| row[1] == "kualitas 0.35 · SLA 0.2 · standar 0.3 · SKM 0.15 · PEKPPP 0.2")
    );
}

/// The report of the shipped config, edited by `edit`, written in `dir` (no previous
/// period, the report's own output path): the path of the workbook.
fn report_with_config(
    dir: &std::path::Path,
    edit: impl Fn(String) -> String,
) -> std::path::PathBuf {
    let root = super::common::root();
    let config = std::fs::read_to_string(root.join("ulpk-eval.toml"))
        .unwrap()
        .replace("\"samples/", &format!("\"{}/samples/", root.display()))
        .replace("\"rubrics/", &format!("\"{}/rubrics/", root.display()));
    let config = edit(config)
        .lines()
        .filter(|l| !l.starts_with("previous =") && !l.starts_with("output ="))
        .collect::<Vec<_>>()
        .join("\n");
    let cfg = dir.join("ulpk-eval.toml");
    std::fs::write(&cfg, config).unwrap();
    let out = dir.join("laporan.xlsx");
    bin()
        .env("SOURCE_DATE_EPOCH", GENERATED)
        .args(["report", "--config"])
        .arg(&cfg)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    out
}
