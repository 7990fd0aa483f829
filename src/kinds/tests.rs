//! Hard cases from the labelling guide, checked against the shipped rubric's criteria.

use super::Row;
use crate::i18n::Lang;
use crate::rubric::{Kind, Rubric};
use crate::state::State;

fn verdict(id: &str, question: &str, answer: &str) -> (State, String) {
    let rubric = Rubric::builtin().unwrap();
    let c = rubric.criteria.iter().find(|c| c.id == id).unwrap();
    let Kind::Text { check, .. } = &c.kind else {
        panic!("{id} is not a text kind");
    };
    let v = check.check(&Row::new(Some(question), answer), None, Lang::Id);
    (v.state, v.evidence)
}

fn state(id: &str, question: &str, answer: &str) -> State {
    verdict(id, question, answer).0
}

use State::{Fail, NotApplicable as Na, Partial, Pass};

#[test]
fn greeting() {
    let q = "Apakah produk ini terdaftar?";
    assert_eq!(
        state("salam_pembuka", q, "Selamat pagi Kak, produk terdaftar."),
        Pass
    );
    assert_eq!(
        state("salam_pembuka", q, "Om Swastiastu. Produk terdaftar."),
        Pass
    );
    assert_eq!(
        state("salam_pembuka", q, "Salam, Kak. Produk terdaftar."),
        Pass
    );
    assert_eq!(
        state(
            "salam_pembuka",
            q,
            "Trimakasih sudah bertanya Kak. Produk terdaftar."
        ),
        Pass
    );
    // An address term alone, an apology opener, "Baik Pak" are no greetings.
    assert_eq!(
        state("salam_pembuka", q, "Kak, produk tersebut terdaftar."),
        Fail
    );
    assert_eq!(
        state(
            "salam_pembuka",
            q,
            "Mohon maaf atas ketidaknyamanannya. Produk terdaftar."
        ),
        Fail
    );
    assert_eq!(
        state("salam_pembuka", q, "Baik Pak. Produk terdaftar."),
        Fail
    );
    // A product named "Halo …", thanks to a third party, thanks closing a short reply.
    assert_eq!(
        state("salam_pembuka", q, "Halo Glow Serum sudah terdaftar."),
        Fail
    );
    assert_eq!(
        state(
            "salam_pembuka",
            q,
            "Terima kasih kepada pihak marketplace atas kerja samanya. Produk diturunkan."
        ),
        Fail
    );
    assert_eq!(
        state("salam_pembuka", q, "Laporan telah diterima. Terima kasih."),
        Fail
    );
    // A greeting first in the third sentence.
    assert_eq!(
        state(
            "salam_pembuka",
            q,
            "Produk terdaftar. Izin berlaku. Selamat siang."
        ),
        Fail
    );
}

#[test]
fn evidence_masks_personal_data() {
    let (s, ev) = verdict(
        "penutup",
        "Apakah aman?",
        "Produk aman. Jika ada pertanyaan, hubungi kami di 0812-3456-7890 atau budi@contoh.id.",
    );
    assert_eq!(s, Pass);
    assert!(!ev.contains("3456") && !ev.contains("budi@"), "{ev}");
    assert!(ev.contains("[telp]") && ev.contains("[email]"), "{ev}");
}

#[test]
fn courtesy() {
    let q = "Saya kena iritasi pakai krim ini";
    assert_eq!(
        state("empati", q, "Kami turut prihatin atas kejadian ini."),
        Pass
    );
    assert_eq!(state("empati", q, "Semoga lekas membaik ya Kak."), Pass);
    assert_eq!(
        state("empati", q, "Maf ya Kak, krim tersebut ilegal."),
        Pass
    );
    assert_eq!(
        state(
            "empati",
            q,
            "Pesan Kakak \"maaf mengganggu min\" sudah kami baca. Krim ilegal."
        ),
        Fail
    );
    assert_eq!(
        state(
            "empati",
            q,
            "Ada permintaan maaf dari pihak apotek. Krim ilegal."
        ),
        Fail
    );
    assert_eq!(
        state(
            "empati",
            q,
            "Penelepon mengucapkan terima kasih. Petugas menjelaskan krim ilegal."
        ),
        Fail
    );
    assert_eq!(
        state("empati", q, "Semoga bermanfaat. Sehat selalu untuk Kakak."),
        Fail
    );
}

#[test]
fn closing() {
    let q = "Apakah aman?";
    assert_eq!(
        state(
            "penutup",
            q,
            "Produk aman. Semoga jelas ya Kak.\nSalam, Tim HaloBPOM #CekKLIK"
        ),
        Pass
    );
    assert_eq!(
        state("penutup", q, "Produk aman. Terima kasih.\nAdmin HaloBPOM"),
        Pass
    );
    assert_eq!(
        state(
            "penutup",
            q,
            "Semoga bermanfaat. Namun perlu diperhatikan tanggal kedaluwarsa."
        ),
        Fail
    );
    assert_eq!(
        state("penutup", q, "Produk aman. Ada yang bisa kami bantu?"),
        Fail
    );
    assert_eq!(
        state("penutup", q, "Produk aman. Ada lagi yang bisa kami bantu?"),
        Pass
    );
    assert_eq!(
        state(
            "penutup",
            q,
            "Produk aman. Yuk cek label sebelum membeli! 😊"
        ),
        Fail
    );
}

#[test]
fn reference() {
    let legal = "Apakah serum Glowy NA18231200456 sudah terdaftar di BPOM?";
    // Not about legality: n/a, whatever the answer cites.
    assert_eq!(
        state(
            "rujukan",
            "Berapa dosis parasetamol untuk anak?",
            "Sesuai label."
        ),
        Na
    );
    assert_eq!(
        state(
            "rujukan",
            legal,
            "Nomor NA18231200456 terdaftar atas nama PT Glowy."
        ),
        Pass
    );
    // Echoed, not verified.
    assert_eq!(
        state(
            "rujukan",
            legal,
            "Terkait NA18231200456 yang Kakak tanyakan, belilah di toko resmi."
        ),
        Fail
    );
    assert_eq!(
        state("rujukan", legal, "Silakan cek di cekbpom.pom.go.id ya."),
        Pass
    );
    assert_eq!(
        state(
            "rujukan",
            legal,
            "Hubungi ulpk@pom.go.id untuk info lebih lanjut."
        ),
        Fail
    );
    assert_eq!(
        state(
            "rujukan",
            legal,
            "Produk wajib sesuai ketentuan yang berlaku."
        ),
        Fail
    );
    assert_eq!(
        state(
            "rujukan",
            "Apakah label pangan wajib mencantumkan tanggal kedaluwarsa?",
            "Ya, sesuai Peraturan BPOM Nomor 31 Tahun 2018 tentang Label Pangan Olahan."
        ),
        Pass
    );
    assert_eq!(
        state(
            "rujukan",
            "Apakah boleh jual obat keras tanpa resep?",
            "Tidak boleh, #CekKLIK"
        ),
        Fail
    );
}

#[test]
fn follow_up_elements() {
    let q = "Saya menemukan jamu tanpa izin dijual di pasar";
    let (s, ev) = verdict(
        "tindak_lanjut",
        q,
        "Laporan Bapak telah kami terima dan akan kami teruskan ke bidang penindakan. \
         Perkembangan dapat dipantau melalui nomor tiket LPK-123.",
    );
    assert_eq!(s, Pass, "{ev}");
    assert_eq!(
        state(
            "tindak_lanjut",
            q,
            "Mohon maaf, laporan ini belum dapat kami tindak lanjuti."
        ),
        Partial
    );
    assert_eq!(
        state(
            "tindak_lanjut",
            q,
            "Silakan laporkan ke Dinas Kesehatan setempat."
        ),
        Fail
    );
}

#[test]
fn standard_language() {
    let q = "Produk ini aman ga?";
    let (s, ev) = verdict(
        "bahasa_baku",
        q,
        "Silahkan cek di cekbpom ya Kak, produk kadaluarsa.",
    );
    assert_eq!(s, Fail);
    assert!(
        ev.contains("silahkan → silakan") && ev.contains("kadaluarsa → kedaluwarsa"),
        "{ev}"
    );
    assert_eq!(
        state(
            "bahasa_baku",
            q,
            "Baik Kak, produk tersebut sudah terdaftar ya."
        ),
        Pass
    );
    assert_eq!(state("bahasa_baku", q, "Iya kak, aman kok."), Fail);
    assert_eq!(
        state("bahasa_baku", q, "Laporan sedang di proses oleh petugas."),
        Fail
    );
    assert_eq!(
        state("bahasa_baku", q, "Produk dijual di apotek resmi."),
        Pass
    );
    assert_eq!(
        state("bahasa_baku", q, "Siap kak, sudah kami cek yaa."),
        Fail
    );
    assert_eq!(
        state(
            "bahasa_baku",
            q,
            "PRODUK TERSEBUT SUDAH TERDAFTAR DI BPOM. TERIMA KASIH."
        ),
        Pass
    );
    assert_eq!(
        state(
            "bahasa_baku",
            q,
            "Pesan Kakak \"gak ada nomornya\" sudah kami terima."
        ),
        Pass
    );
    assert_eq!(
        state(
            "bahasa_baku",
            "Is this product registered?",
            "Yes, the product is registered."
        ),
        Fail
    );
    // Standard words once listed as their own standard form.
    assert_eq!(
        state(
            "bahasa_baku",
            q,
            "Produk aman dikonsumsi; mutunya dipengaruhi suhu dan pabrik yang memproduksi terdaftar."
        ),
        Pass
    );
    // An English term quoted from the question.
    assert_eq!(
        state(
            "bahasa_baku",
            "Apakah produk berlabel 'whitening' boleh?",
            "Klaim whitening pada kosmetik diperbolehkan bila terdaftar."
        ),
        Pass
    );
}

/// A run that writes no evidence gets the same verdicts: on every answer of the labelled
/// set and every text criterion of the shipped rubric, the state is the same with and
/// without evidence, and without it the evidence is empty.
/// The labelled set's answers: (id, question, answer, service type in lower case).
fn labelled() -> Vec<[String; 4]> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/berlabel/berlabel.csv");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_path(path)
        .unwrap();
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (q, a, s) = (at("Isi Pertanyaan"), at("Jawaban"), at("Jenis Layanan"));
    reader
        .records()
        .map(|record| {
            let r = record.unwrap();
            [
                r[0].to_string(),
                r[q].to_string(),
                r[a].to_string(),
                r[s].to_lowercase(),
            ]
        })
        .collect()
}

#[test]
fn verdicts_do_not_depend_on_the_evidence() {
    let rubric = Rubric::builtin().unwrap();
    let (mut rows, mut failing, mut compared) = (0, 0, 0);
    for r in &labelled() {
        let row = || Row::new(Some(&r[1]), &r[2]).with_service_type(Some(r[3].as_str()));
        let (with, without) = (row(), row().with_evidence(false));
        rows += 1;
        for c in &rubric.criteria {
            let Kind::Text { check, .. } = &c.kind else {
                continue;
            };
            let full = check.check(&with, None, Lang::Id);
            let bare = check.check(&without, None, Lang::Id);
            assert_eq!(full.state, bare.state, "{} on {}", c.id, &r[0]);
            assert_eq!(bare.evidence, "", "{} on {}", c.id, &r[0]);
            assert!(!full.evidence.is_empty(), "{} on {}", c.id, &r[0]);
            failing += usize::from(full.state == Fail);
            compared += 1;
        }
    }
    assert!(rows >= 400, "{rows} labelled answers");
    assert_eq!(compared, rows * 7);
    // The comparison covers failing verdicts too, whose evidence is the longest to build.
    assert!(failing > 100, "{failing} failing verdicts");
}

/// The rubric's phrase index only passes over tokens that open none of a list's phrases:
/// every labelled answer gets the same verdict and evidence with its texts marked by the
/// index as without.
#[test]
fn verdicts_do_not_depend_on_the_phrase_index() {
    let rubric = Rubric::builtin().unwrap();
    let (mut rows, mut tokens, mut passed_over) = (0, 0, 0);
    for r in &labelled() {
        let row = || Row::new(Some(&r[1]), &r[2]).with_service_type(Some(r[3].as_str()));
        let mut marked = row();
        rubric.phrase_index.mark(&mut marked.answer);
        rubric.phrase_index.mark(&mut marked.question);
        assert_eq!(marked.answer.starts.len(), marked.answer.tokens.len());
        tokens += marked.answer.starts.len();
        passed_over += marked.answer.starts.iter().filter(|m| **m == 0).count();
        let plain = row();
        rows += 1;
        for c in &rubric.criteria {
            let Kind::Text { check, .. } = &c.kind else {
                continue;
            };
            let with = check.check(&marked, None, Lang::Id);
            let without = check.check(&plain, None, Lang::Id);
            assert_eq!(with, without, "{} on {}", c.id, &r[0]);
        }
    }
    assert!(rows >= 400, "{rows} labelled answers");
    // Most words open no phrase of any list.
    assert!(passed_over * 2 > tokens, "{passed_over} of {tokens} tokens");
}

/// A lexicon entry whose standard form is the word itself would fail a standard word: the
/// rubric is refused, naming the lexicon and the word.
#[test]
fn a_lexicon_word_listed_as_its_own_standard_form_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("leksikon.toml"),
        "[ejaan]\nsilahkan = \"silakan\"\nDikonsumsi = \"dikonsumsi\"\n",
    )
    .unwrap();
    let table: toml::Table = toml::from_str("lexicon = \"leksikon.toml\"").unwrap();
    let res = super::Resources {
        base: Some(dir.path()),
    };
    let err = super::standard_language::parse(table, &res).unwrap_err();
    assert_eq!(
        err,
        "lexicon \"leksikon.toml\": \"Dikonsumsi\" has itself as its standard form"
    );
}
