//! The hand-computed case: six answers scored with `tests/fixtures/rubrik-uji.toml`.
//!
//! Weights: salam 20, baku 10, panjang 10, tindak 10 (pengaduan only), waktu 30, akurasi 20
//! (manual, critical). Unverifiable counts 0, n/a is left out, partial earns 0.5 (akurasi:
//! its place on the 0–2 scale).
//!
//! | id | salam | baku | panjang | tindak | waktu | akurasi | score |
//! |----|-------|------|---------|--------|-------|---------|-------|
//! | A1 | pass | pass | pass 12 words | n/a | pass: Tue 17 → Wed 25 Mar 2026 = 1 working day (18–24 Mar holidays/cuti bersama/weekend) | pass 2 | 90/90 = 100 |
//! | A2 | pass | fail "gak" | partial 6 words | n/a | partial: Fri 6 → Tue 10 Mar = 2, target 1 (+1) | n/a not reviewed | (20+5+15)/70 = 57.14 |
//! | A3 | fail | pass | pass | pass 2/2 | unverifiable: no response date | fail 0 (critical) | ungated 30/100 = 30, gated 0 |
//! | A4 | pass | pass | partial 5 words | partial 1/2 | fail: Mon 2 → Thu 12 Mar = 8, target 5 (+1) | n/a reviewer | (20+10+5+5)/80 = 50 |
//! | A5 | pass | fail "yg" | pass | n/a | unverifiable: 2027 outside calendar | partial 1 → 0.5 | (20+10+10)/90 = 44.44 |
//! | A1 again: duplicate, scored but left out of summaries |

use super::common::{bin, fixture, read_csv, row, score, score_with_test_rubric};

#[test]
fn hand_computed_states_and_scores() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("skor.csv");
    score_with_test_rubric(&fixture("jawaban-uji.csv"), &out);
    let rows = read_csv(&out);
    assert_eq!(rows.len(), 6);

    let a1 = row(&rows, "A1");
    assert_eq!(a1["salam"], "pass");
    assert_eq!(a1["salam_evidence"], "ditemukan: \"Selamat pagi\"");
    assert_eq!(a1["tindak"], "na");
    assert_eq!(a1["waktu"], "pass");
    assert_eq!(a1["waktu_evidence"], "1 hari kerja, target 1");
    assert_eq!(a1["response_working_days"], "1");
    assert_eq!(a1["score"], "100.0");
    assert_eq!(a1["grade"], "A");

    let a2 = row(&rows, "A2");
    assert_eq!(a2["baku"], "fail");
    assert_eq!(a2["baku_evidence"], "ditemukan: \"gak\"");
    assert_eq!(a2["panjang"], "partial");
    assert_eq!(a2["panjang_evidence"], "6 kata, target ≥ 8");
    assert_eq!(a2["waktu"], "partial");
    assert_eq!(a2["waktu_evidence"], "2 hari kerja, target 1");
    assert_eq!(a2["akurasi"], "na");
    assert_eq!(a2["akurasi_evidence"], "belum direview");
    assert_eq!(a2["score"], "57.14");
    assert_eq!(a2["grade"], "C");

    let a3 = row(&rows, "A3");
    assert_eq!(a3["salam"], "fail");
    assert_eq!(a3["tindak"], "pass");
    assert_eq!(
        a3["tindak_evidence"],
        "2/2 unsur ditemukan: \"Laporan\"; \"tindak lanjut\""
    );
    assert_eq!(a3["waktu"], "unverifiable");
    assert_eq!(
        a3["waktu_evidence"],
        "tanggal dijawab kosong atau tidak terbaca"
    );
    assert_eq!(a3["response_working_days"], "");
    assert_eq!(a3["akurasi"], "fail");
    assert_eq!(a3["critical_failed"], "true");
    assert_eq!(a3["score_ungated"], "30.0");
    assert_eq!(a3["score"], "0.0");

    let a4 = row(&rows, "A4");
    assert_eq!(a4["tindak"], "partial");
    assert_eq!(a4["tindak_evidence"], "1/2 unsur ditemukan: \"laporan\"");
    assert_eq!(a4["waktu"], "fail");
    assert_eq!(a4["waktu_evidence"], "8 hari kerja, target 5");
    assert_eq!(a4["akurasi"], "na");
    assert_eq!(a4["akurasi_evidence"], "N/A menurut reviewer");
    assert_eq!(a4["score"], "50.0");

    let a5 = row(&rows, "A5");
    assert_eq!(a5["waktu"], "unverifiable");
    assert!(
        a5["waktu_evidence"]
            .starts_with("tanggal di luar tahun kalender hari kerja: 2024, 2025, 2026"),
        "{}",
        a5["waktu_evidence"]
    );
    assert_eq!(a5["akurasi"], "partial");
    assert_eq!(a5["score"], "44.44");

    let dups: Vec<&str> = rows.iter().map(|r| r["duplicate"].as_str()).collect();
    assert_eq!(dups, ["false", "false", "false", "false", "false", "true"]);
}

#[test]
fn summary_leaves_duplicates_out() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ringkasan.csv");
    bin()
        .args(["summary", "--by", "unit,service_type", "--rubric"])
        .arg(fixture("rubrik-uji.toml"))
        .arg(fixture("jawaban-uji.csv"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let rows = read_csv(&out);
    let find = |dim: &str, key: &str| {
        rows.iter()
            .find(|r| r["dimension"] == dim && r["key"] == key)
            .unwrap_or_else(|| panic!("{dim}/{key}"))
    };
    let jakarta = find("unit", "Balai Besar POM di Jakarta");
    assert_eq!(jakarta["answers"], "2");
    // (100 + 57.14) / 2
    assert_eq!(jakarta["mean_score"], "78.57");
    // A1 pass, A2 partial: 1 of 2 on time.
    assert_eq!(jakarta["sla_pct"], "50.0");
    let bandung = find("unit", "Balai Besar POM di Bandung");
    assert_eq!(bandung["answers"], "3");
    // (0 + 50 + 44.44) / 3
    assert_eq!(bandung["mean_score"], "31.48");
    assert_eq!(bandung["critical_fails"], "1");
    assert_eq!(bandung["sla_unverifiable"], "2");
    // Pengaduan: A3 tindak pass, A4 partial: 50 % pass.
    let pengaduan = find("service_type", "Pengaduan");
    assert_eq!(pengaduan["pass_pct__tindak"], "50.0");
    // Beside it its n and its 95 % Wilson interval: 1 of 2 is 9.5–90.5 %.
    assert_eq!(pengaduan["n__tindak"], "2");
    assert_eq!(pengaduan["pass_lo__tindak"], "9.5");
    assert_eq!(pengaduan["pass_hi__tindak"], "90.5");
    assert!(!pengaduan.contains_key("passed__tindak"));
    assert_eq!(pengaduan["answers"], "2");
}

#[test]
fn unverifiable_excluded_when_the_rubric_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("rubrik-uji.toml"))
        .unwrap()
        .replace(
            "version = \"1\"",
            "version = \"1\"\nunverifiable = \"exclude\"",
        );
    let rubric = dir.path().join("rubrik.toml");
    std::fs::write(&rubric, text).unwrap();
    let out = dir.path().join("skor.csv");
    score(&rubric, &fixture("jawaban-uji.csv"), &out);
    let rows = read_csv(&out);
    // A5 without its unverifiable SLA: (20 + 10 + 10) / 60 = 66.67.
    assert_eq!(row(&rows, "A5")["score"], "66.67");
    // A3 ungated without SLA: 30 / 70 = 42.86.
    assert_eq!(row(&rows, "A3")["score_ungated"], "42.86");
}

#[test]
fn shipped_rubric_scores_a_model_answer() {
    // The shipped BPOM rubric on a model answer: every criterion passes but kelengkapan
    // (23 words: partial). Weights: 10+10+10+10+15+10+10+5+20+25 = 125 (tindak lanjut n/a
    // for information), earned 120 → 96.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("satu.csv");
    std::fs::write(
        &input,
        "No. Tiket;Unit Kerja;Media;Jenis Layanan;Komoditi;Tanggal Diterima;Tanggal Dijawab;Nama Petugas;Isi Pertanyaan;Jawaban;Akurasi (Reviewer)\r\n\
         T-1;Balai Besar POM di Jakarta;WhatsApp;Informasi;Kosmetik;17/03/2026 09:00;25/03/2026 10:00;Rina;Apakah kosmetik merek Glowing dengan nomor NA18201234567 sudah terdaftar?;\"Selamat pagi Bapak/Ibu, terima kasih telah menghubungi HALOBPOM.\r\nProduk kosmetik tersebut terdaftar dengan nomor NA18201234567, silakan cek di cekbpom.pom.go.id.\r\nSemoga informasi ini bermanfaat.\";2\r\n",
    )
    .unwrap();
    let out = dir.path().join("skor.csv");
    bin()
        .arg("score")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let rows = read_csv(&out);
    let r = row(&rows, "T-1");
    assert_eq!(r["kelengkapan"], "partial");
    assert_eq!(r["kelengkapan_evidence"], "23 kata, target 30–350");
    assert_eq!(r["rujukan"], "pass");
    assert_eq!(r["tindak_lanjut"], "na");
    assert_eq!(
        r["penutup_evidence"],
        "ditemukan: \"Semoga informasi ini bermanfaat\""
    );
    assert_eq!(r["salam_pembuka_evidence"], "ditemukan: \"Selamat pagi\"");
    assert_eq!(r["relevansi"], "pass");
    assert_eq!(r["bahasa_baku"], "pass");
    assert_eq!(r["score"], "96.0");
    assert_eq!(r["grade"], "A");
}

/// Officers written in other capitals, spacing or with degrees are one officer, and the
/// officer's line names the units answered for.
#[test]
fn officers_differing_in_case_merge() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("jawaban.csv");
    let text = std::fs::read_to_string(fixture("jawaban-uji.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // A1 and A2 are Rina's (Jakarta): write her name in two other ways.
    for (id, name) in [("A1,", "RINA"), ("A2,", "rina,  S.Farm.")] {
        let l = lines.iter_mut().find(|l| l.starts_with(id)).unwrap();
        *l = l.replacen(",Rina,", &format!(",\"{name}\","), 1);
    }
    std::fs::write(&input, lines.join("\n")).unwrap();
    let out = dir.path().join("ringkasan.csv");
    bin()
        .args(["summary", "--by", "officer", "--rubric"])
        .arg(fixture("rubrik-uji.toml"))
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let rows = read_csv(&out);
    let rina: Vec<_> = rows
        .iter()
        .filter(|r| r["key"].to_lowercase().starts_with("rina"))
        .collect();
    assert_eq!(rina.len(), 1, "one officer: {rina:?}");
    assert_eq!(rina[0]["key"], "Rina");
    assert_eq!(rina[0]["answers"], "2");
    assert_eq!(rina[0]["unit"], "Balai Besar POM di Jakarta");
}

/// With the unit register as the unit list, any spelling it knows takes the official name
/// and an unknown one is a data issue naming the closest units.
#[test]
fn answers_are_matched_to_the_unit_register() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("jawaban.csv");
    let text = std::fs::read_to_string(fixture("jawaban-uji.csv"))
        .unwrap()
        .replacen("A1,Balai Besar POM di Jakarta", "A1,BBPOM  jakarta", 1)
        .replacen(
            "A2,Balai Besar POM di Jakarta",
            "A2,Balai Besar POM di Jakrta",
            1,
        );
    std::fs::write(&input, text).unwrap();
    let (out, issues) = (dir.path().join("s.csv"), dir.path().join("i.csv"));
    bin()
        .args(["summary", "--by", "unit", "--rubric"])
        .arg(fixture("rubrik-uji.toml"))
        .arg(&input)
        .arg("--units")
        .arg(super::common::root().join("rubrics/daftar-unit.toml"))
        .arg("-o")
        .arg(&out)
        .arg("--issues")
        .arg(&issues)
        .assert()
        .success();
    let rows = read_csv(&out);
    let jakarta = rows
        .iter()
        .find(|r| r["key"] == "Balai Besar POM di Jakarta")
        .unwrap();
    assert_eq!(jakarta["answers"], "1", "A1 under the official name");
    let issues = read_csv(&issues);
    let unknown = issues.iter().find(|r| r["kind"] == "unknown_unit").unwrap();
    assert_eq!(unknown["id"], "A2");
    assert!(
        unknown["message"].contains("mungkin maksudnya: Balai Besar POM di Jakarta;"),
        "{}",
        unknown["message"]
    );
}

/// A filled-field check's evidence reads as a reviewer writes it, naming the field by its
/// label, in the run's language.
#[test]
fn field_evidence_in_words_a_reviewer_writes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.csv");
    std::fs::write(
        &input,
        "No. Tiket;Unit Kerja;Jenis Layanan;Tanggal Diterima;Tanggal Dijawab;Nama Petugas;Isi Pertanyaan;Jawaban\n\
         1;Balai POM di Serang;Informasi;05/03/2026 10:00;05/03/2026 11:00;Ani;Tanya obat;Selamat pagi\n\
         2;Balai POM di Serang;Informasi;05/03/2026 10:00;05/03/2026 11:00;;Tanya obat;Selamat pagi\n",
    )
    .unwrap();
    for (lang, filled, blank) in [
        ("id", "Nama petugas terisi", "Nama petugas tidak diisi"),
        (
            "en",
            "Officer's name filled in",
            "Officer's name not filled in",
        ),
    ] {
        let out = dir.path().join(format!("skor-{lang}.csv"));
        bin()
            .args(["--lang", lang, "score"])
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .assert()
            .code(0);
        let rows = read_csv(&out);
        assert_eq!(row(&rows, "1")["petugas_tercatat_evidence"], filled);
        assert_eq!(row(&rows, "2")["petugas_tercatat_evidence"], blank);
    }
}
