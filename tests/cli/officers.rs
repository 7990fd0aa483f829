//! One identity per officer: an officer id column groups the officers, and likely
//! duplicates are data issues.

use super::common::{bin, read_csv};

/// An export with an officer id ("NIP") column, written so that each kind of duplicate
/// shows once. Rows are numbered as the user sees them: the header is row 1.
const EXPORT: &str = "\
No. Tiket;Unit Kerja;Jenis Layanan;Tanggal Diterima;Tanggal Dijawab;Nama Petugas;NIP;Pertanyaan;Jawaban
T1;Balai POM di Serang;informasi;02/03/2026 09:00;02/03/2026 10:00;Afdhal Tanjung;19800101 200501 1 001;Apakah produk ini terdaftar?;Selamat pagi, produk terdaftar. Terima kasih.
T2;Balai POM di Serang;informasi;02/03/2026 09:00;02/03/2026 10:00;AFDHAL TANJUNG;198001012005011001;Apakah produk ini terdaftar?;Selamat pagi, produk terdaftar. Terima kasih.
T3;Balai POM di Serang;informasi;02/03/2026 09:00;02/03/2026 10:00;Afdal Tanjung;198001012005011001;Apakah produk ini terdaftar?;Selamat pagi, produk terdaftar. Terima kasih.
T4;Balai POM di Serang;informasi;02/03/2026 09:00;02/03/2026 10:00;Rina Wati S.Farm;;Apakah produk ini terdaftar?;Selamat pagi, produk terdaftar. Terima kasih.
T5;Balai POM di Serang;informasi;02/03/2026 09:00;02/03/2026 10:00;Rina Wati;;Apakah produk ini terdaftar?;Selamat pagi, produk terdaftar. Terima kasih.
T6;Balai POM di Serang;informasi;02/03/2026 09:00;02/03/2026 10:00;Rina Wati;;Apakah produk ini terdaftar?;Selamat pagi, produk terdaftar. Terima kasih.
T7;Balai Besar POM di Bandung;informasi;02/03/2026 09:00;02/03/2026 10:00;Budi Santoso;P-01;Apakah produk ini terdaftar?;Selamat pagi, produk terdaftar. Terima kasih.
T8;Balai Besar POM di Bandung;informasi;02/03/2026 09:00;02/03/2026 10:00;Budi Susanto;P-02;Apakah produk ini terdaftar?;Selamat pagi, produk terdaftar. Terima kasih.
T9;Balai Besar POM di Bandung;informasi;02/03/2026 09:00;02/03/2026 10:00;Dewi Lestari;;Apakah produk ini terdaftar?;Selamat pagi, produk terdaftar. Terima kasih.
T10;Balai Besar POM di Bandung;informasi;02/03/2026 09:00;02/03/2026 10:00;Dewi Lestari;;Apakah produk ini terdaftar?;Selamat pagi, produk terdaftar. Terima kasih.
T11;Balai Besar POM di Bandung;informasi;02/03/2026 09:00;02/03/2026 10:00;Dewi Lestarri;;Apakah produk ini terdaftar?;Selamat pagi, produk terdaftar. Terima kasih.
T12;Balai POM di Serang;informasi;02/03/2026 09:00;02/03/2026 10:00;Budi Santoso;P-03;Apakah produk ini terdaftar?;Selamat pagi, produk terdaftar. Terima kasih.
";

#[test]
fn officers_grouped_by_id_and_likely_duplicates_reported() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ekspor.csv");
    std::fs::write(&input, EXPORT).unwrap();
    let (out, issues) = (
        dir.path().join("petugas.csv"),
        dir.path().join("masalah.csv"),
    );
    bin()
        .args(["summary", "--by", "officer"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .arg("--issues")
        .arg(&issues)
        .assert()
        .success();

    // Grouped by id: the NIP written with and without spaces is one officer, under both
    // names it was written with; two "Budi Santoso" with different ids are two officers.
    let rows = read_csv(&out);
    let line = |id: &str| {
        rows.iter()
            .find(|r| r["officer_id"] == id)
            .unwrap_or_else(|| panic!("no officer {id}: {rows:?}"))
    };
    let afdhal = line("198001012005011001");
    assert_eq!(afdhal["key"], "Afdal Tanjung, Afdhal Tanjung");
    assert_eq!(afdhal["answers"], "3");
    assert_eq!(line("P-01")["key"], "Budi Santoso");
    assert_eq!(line("P-01")["unit"], "Balai Besar POM di Bandung");
    assert_eq!(line("P-03")["key"], "Budi Santoso");
    assert_eq!(line("P-03")["unit"], "Balai Besar POM di Serang");
    // Without an id, by name as before.
    let rina: Vec<_> = rows
        .iter()
        .filter(|r| r["key"].starts_with("Rina Wati"))
        .map(|r| {
            (
                r["key"].as_str(),
                r["answers"].as_str(),
                r["officer_id"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        rina,
        [("Rina Wati", "2", ""), ("Rina Wati S.Farm", "1", "")]
    );

    let found = read_csv(&issues);
    let of = |kind: &str| -> Vec<(String, String, String)> {
        found
            .iter()
            .filter(|i| i["kind"] == kind)
            .map(|i| (i["row"].clone(), i["column"].clone(), i["message"].clone()))
            .collect()
    };
    // One id, two names: reported at the rarer name's first answer (T3, row 4).
    let ids = of("officer_id_names");
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!((ids[0].0.as_str(), ids[0].1.as_str()), ("4", "NIP"));
    assert_eq!(
        ids[0].2,
        "ID petugas \"198001012005011001\" tercatat dengan 2 nama (jumlah jawaban): \"Afdhal Tanjung\" (2), \"Afdal Tanjung\" (1); satu ID seharusnya satu orang: periksa ejaan nama atau ID yang salah ketik"
    );
    // Names of one unit that look like one officer: a degree without a comma (T4, row 5)
    // and one letter doubled (T11, row 12). Budi Santoso / Budi Susanto have their own ids.
    let dups = of("likely_duplicate_officer");
    assert_eq!(dups.len(), 2, "{dups:?}");
    assert_eq!(
        (dups[0].0.as_str(), dups[0].1.as_str()),
        ("5", "Nama Petugas")
    );
    assert_eq!(
        dups[0].2,
        "petugas \"Rina Wati S.Farm\" (1 jawaban) dan \"Rina Wati\" (2 jawaban) di Balai Besar POM di Serang kemungkinan orang yang sama (hanya beda gelar, spasi atau tanda baca); samakan penulisan nama, atau bedakan dengan kolom ID petugas"
    );
    assert_eq!(dups[1].0, "12");
    assert!(
        dups[1].2.starts_with(
            "petugas \"Dewi Lestarri\" (1 jawaban) dan \"Dewi Lestari\" (2 jawaban) di Balai Besar POM di Bandung kemungkinan orang yang sama (nama hampir sama, kemiripan Jaro-Winkler 0.9"
        ),
        "{}",
        dups[1].2
    );
}

/// The id column is found through the alias lists like any other ("ID Petugas", "NIP",
/// "officer_id"), and `check` shows the mapping.
#[test]
fn officer_id_headers_are_recognised() {
    let dir = tempfile::tempdir().unwrap();
    for header in ["ID Petugas", "officer_id", "NIP"] {
        let input = dir.path().join("e.csv");
        let two_lines: String = EXPORT.lines().take(2).collect::<Vec<_>>().join("\n");
        std::fs::write(&input, two_lines.replace(";NIP;", &format!(";{header};"))).unwrap();
        bin()
            .arg("check")
            .arg(&input)
            .assert()
            .success()
            .stdout(predicates::str::contains(format!(
                "\"{header}\" → ID Petugas (officer_id)"
            )));
    }
}
