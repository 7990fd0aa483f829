use super::*;
use crate::standard::parse;
use std::path::Path;

/// Two aspects (weights 60 and 40) and five items of every type.
const STD: &str = r#"
id = "uji"
name = "Standar uji"
version = "1"
scale = 100
bands = "ombudsman-2022"

[[aspects]]
id = "layanan"
label = "Layanan"
weight = 60

[[aspects]]
id = "sdm"
label = "SDM"
weight = 40

[[items]]
code = "L-01"
aspect = "layanan"
text = "Standar pelayanan dipublikasikan"
type = "yes_no"
weight = 2
mandatory = true
evidence_required = true

[[items]]
code = "L-02"
aspect = "layanan"
text = "SOP"
type = "choice"
weight = 1
levels = [{ label = "Belum ada", score = 0 }, { label = "Draf", score = 1 }, { label = "Ditetapkan", score = 2 }]

[[items]]
code = "L-03"
aspect = "layanan"
text = "Ruang layanan khusus"
type = "yes_no"
weight = 1
allow_na = true

[[items]]
code = "S-01"
aspect = "sdm"
text = "Petugas terlatih"
type = "number"
unit = "orang"
weight = 1
mandatory = true
thresholds = [{ min = 2, score = 1.0 }, { min = 1, score = 0.5 }]

[[items]]
code = "S-02"
aspect = "sdm"
text = "Survei SKM"
type = "date"
weight = 1
within_months = 12
"#;

fn std() -> Standard {
    parse(STD, Path::new("uji.toml")).unwrap()
}

fn ans(s: Answer, v: Answer, evidence: &str) -> ItemAnswer {
    ItemAnswer {
        self_answer: s,
        verified: v,
        evidence: evidence.into(),
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn hand_computed_with_na_and_a_mandatory_failure() {
    let s = std();
    let mut a = HashMap::new();
    a.insert("L-01".into(), ans(Answer::Yes, Answer::Yes, ""));
    a.insert(
        "L-02".into(),
        ans(Answer::Choice(1), Answer::Blank, "SOP draf.pdf"),
    );
    a.insert("L-03".into(), ans(Answer::NotApplicable, Answer::Blank, ""));
    a.insert(
        "S-01".into(),
        ans(Answer::Number(1.0), Answer::Blank, "daftar.xlsx"),
    );
    a.insert(
        "S-02".into(),
        ans(Answer::Date(d(2025, 5, 1)), Answer::Blank, ""),
    );
    let o = score(&s, &a, d(2026, 3, 31));
    // layanan: L-01 1×2, L-02 (1/2)×1, L-03 N/A → (2 + 0.5) / 3 = 0.8333…
    // sdm: S-01 0.5×1, S-02 within 12 months of 31 Mar 2026 → 1 → 1.5 / 2 = 0.75
    // total: (60 × 0.8333 + 40 × 0.75) / 100 × 100 = 80.0
    assert!(
        (o.self_total.unwrap() - 80.0).abs() < 1e-9,
        "{:?}",
        o.self_total
    );
    assert_eq!(o.aspects[1].self_score, Some(0.75));
    // Only L-01 verified: no verified total yet.
    assert_eq!(o.verified_items, 1);
    assert_eq!(o.verified_total, None);
    assert_eq!(o.gap, None);
    // Effective = verified where verified, self elsewhere = the self values here.
    assert!((o.effective_total.unwrap() - 80.0).abs() < 1e-9);
    assert_eq!(o.band.as_ref().map(|b| b.grade.as_str()), Some("B"));
    // S-01 is mandatory and only half met.
    assert_eq!(o.mandatory_failed, vec!["S-01".to_string()]);
    assert!(!o.meets_minimum());
    // L-01 requires evidence and has none.
    let l01 = o.items.iter().find(|i| i.code == "L-01").unwrap();
    assert!(l01.met_without_evidence);
    // Gap list: S-01 loses 0.5 × (1/2 × 40) = 10 points, L-02 loses 0.5 × (1/3 × 60) = 10.
    let gaps: Vec<(&str, f64)> = o
        .gaps()
        .iter()
        .map(|g| (g.code.as_str(), (g.points_lost * 100.0).round() / 100.0))
        .collect();
    assert_eq!(gaps, vec![("L-02", 10.0), ("S-01", 10.0)]);
}

#[test]
fn fully_verified_gives_the_gap() {
    let s = std();
    let mut a = HashMap::new();
    a.insert("L-01".into(), ans(Answer::Yes, Answer::Yes, "foto.jpg"));
    a.insert(
        "L-02".into(),
        ans(Answer::Choice(1), Answer::Choice(1), "SOP.pdf"),
    );
    a.insert(
        "L-03".into(),
        ans(Answer::NotApplicable, Answer::NotApplicable, ""),
    );
    // The evaluator finds no trained officer.
    a.insert(
        "S-01".into(),
        ans(Answer::Number(1.0), Answer::Number(0.0), ""),
    );
    a.insert(
        "S-02".into(),
        ans(Answer::Date(d(2025, 5, 1)), Answer::Date(d(2025, 5, 1)), ""),
    );
    let o = score(&s, &a, d(2026, 3, 31));
    // Verified: layanan 2.5/3, sdm (0 + 1)/2 = 0.5 → 60 × 0.8333 + 40 × 0.5 = 70.
    assert!((o.verified_total.unwrap() - 70.0).abs() < 1e-9);
    assert!((o.gap.unwrap() + 10.0).abs() < 1e-9);
    assert!((o.effective_total.unwrap() - 70.0).abs() < 1e-9);
    assert_eq!(o.band.as_ref().map(|b| b.grade.as_str()), Some("C"));
    // S-01 now loses all its 20 points.
    assert_eq!(o.gaps()[0].code, "S-01");
    assert!((o.gaps()[0].points_lost - 20.0).abs() < 1e-9);
}

#[test]
fn old_survey_and_blank_items_count_zero() {
    let s = std();
    let mut a = HashMap::new();
    a.insert(
        "S-02".into(),
        ans(Answer::Date(d(2025, 3, 30)), Answer::Blank, ""),
    );
    let o = score(&s, &a, d(2026, 3, 31));
    assert_eq!(o.self_total, Some(0.0));
    assert_eq!(o.verified_total, None);
    assert_eq!(
        o.mandatory_failed,
        vec!["L-01".to_string(), "S-01".to_string()]
    );
    assert_eq!(o.band.as_ref().map(|b| b.grade.as_str()), Some("E"));
}

#[test]
fn tolerant_parsing() {
    use super::super::CellValue as C;
    let s = std();
    let yes_no = s.item("L-01").unwrap();
    for t in ["ya", "YA ", "Ya", " y"] {
        assert_eq!(yes_no.parse(&C::Text(t.into())), Ok(Answer::Yes), "{t}");
    }
    assert_eq!(yes_no.parse(&C::Text("Tidak".into())), Ok(Answer::No));
    assert!(
        yes_no.parse(&C::Text("N/A".into())).is_err(),
        "N/A not allowed"
    );
    assert!(yes_no.parse(&C::Text("mungkin".into())).is_err());
    let choice = s.item("L-02").unwrap();
    assert_eq!(
        choice.parse(&C::Text("1 – Draf".into())),
        Ok(Answer::Choice(1))
    );
    assert_eq!(
        choice.parse(&C::Text("ditetapkan".into())),
        Ok(Answer::Choice(2))
    );
    assert_eq!(choice.parse(&C::Number(2.0)), Ok(Answer::Choice(2)));
    assert_eq!(
        choice.parse(&C::Text("2 - Ditetapkan".into())),
        Ok(Answer::Choice(2))
    );
    let err = choice.parse(&C::Text("3".into())).unwrap_err();
    assert!(
        err.en
            .contains("expected one of: 0 – Belum ada; 1 – Draf; 2 – Ditetapkan"),
        "{}",
        err.en
    );
    let na = s.item("L-03").unwrap();
    assert_eq!(na.parse(&C::Text("n/a".into())), Ok(Answer::NotApplicable));
    let num = s.item("S-01").unwrap();
    assert_eq!(num.parse(&C::Text("2,5".into())), Ok(Answer::Number(2.5)));
    assert_eq!(num.parse(&C::Text(" 3 ".into())), Ok(Answer::Number(3.0)));
    assert!(num.parse(&C::Text("dua".into())).is_err());
    // A cell holding 1e309 (infinity) or NaN is no count: it never meets an item.
    assert!(num.parse(&C::Number(f64::INFINITY)).is_err());
    assert!(num.parse(&C::Number(f64::NAN)).is_err());
    assert!(num.parse(&C::Text("1e309".into())).is_err());
    let date = s.item("S-02").unwrap();
    assert_eq!(
        date.parse(&C::Text("15/03/2026".into())),
        Ok(Answer::Date(d(2026, 3, 15)))
    );
    assert_eq!(
        date.parse(&C::Number(46096.0)),
        Ok(Answer::Date(d(2026, 3, 15)))
    );
}

#[test]
fn shipped_standards_load() {
    for (file, items, mandatory, scale) in [
        ("standar-minimal-ulpk.toml", 35, 10, 100.0),
        ("kompetisi-pengaduan.toml", 23, 0, 100.0),
        ("kepatuhan-ombudsman.toml", 24, 0, 100.0),
        ("pekppp.toml", 17, 0, 5.0),
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("rubrics")
            .join(file);
        let s = crate::standard::load(&path)
            .unwrap_or_else(|e| panic!("{}", e.render(crate::i18n::Lang::En)));
        assert_eq!(s.items.len(), items, "{file}");
        assert_eq!(
            s.items.iter().filter(|i| i.mandatory).count(),
            mandatory,
            "{file}"
        );
        assert_eq!(s.scale, scale, "{file}");
        // The guidance coordinators read holds no remark of the preset's authors: those are
        // comments in the file.
        for i in &s.items {
            let g = i.guidance.as_deref().unwrap_or("");
            assert!(
                !g.contains("ASUMSI") && !g.contains("penyusun preset"),
                "{file} {}: {g}",
                i.code
            );
        }
    }
    // An assumption moved out of the guidance leaves the guidance itself as it was.
    let m = crate::standard::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics/standar-minimal-ulpk.toml"),
    )
    .unwrap();
    let box_item = m
        .items
        .iter()
        .find(|i| {
            i.guidance
                .as_deref()
                .is_some_and(|g| g.contains("kotak pengaduan dan catatan"))
        })
        .unwrap();
    assert_eq!(
        box_item.guidance.as_deref(),
        Some(
            "Bukti: foto kotak pengaduan dan catatan/berita acara pembukaan kotak. Isi kotak pengaduan dicatat dalam Aplikasi Simpel LPK."
        )
    );
    // The Ombudsman dimensions and PEKPPP aspects carry the published weights.
    let o = crate::standard::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics/kepatuhan-ombudsman.toml"),
    )
    .unwrap();
    let w: Vec<f64> = o.aspects.iter().map(|a| a.weight).collect();
    assert_eq!(w, vec![21.85, 32.37, 24.24, 21.54]);
    let p =
        crate::standard::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics/pekppp.toml"))
            .unwrap();
    let w: Vec<f64> = p.aspects.iter().map(|a| a.weight).collect();
    assert_eq!(w, vec![25.0, 24.0, 18.0, 12.0, 11.0, 10.0]);
}

#[test]
fn commas_in_level_labels_are_rejected() {
    let bad = STD.replace("label = \"Draf\"", "label = \"Draf, belum ditetapkan\"");
    let e = parse(&bad, Path::new("uji.toml")).unwrap_err();
    assert!(
        e.render(crate::i18n::Lang::En)
            .contains("items \"L-02\": level labels may not contain commas")
    );
}

#[test]
fn months_before_clamps() {
    use super::super::answer::months_before;
    assert_eq!(months_before(d(2026, 3, 31), 1), d(2026, 2, 28));
    assert_eq!(months_before(d(2026, 3, 31), 12), d(2025, 3, 31));
    assert_eq!(months_before(d(2026, 1, 15), 2), d(2025, 11, 15));
    // Further back than the calendar goes: its first day, at once (this looped forever).
    assert_eq!(months_before(d(2026, 3, 31), u32::MAX), NaiveDate::MIN);
    assert_eq!(months_before(d(2024, 3, 31), 13), d(2023, 2, 28));
    assert_eq!(months_before(d(2025, 3, 31), 13), d(2024, 2, 29));
}
