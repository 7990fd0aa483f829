use super::*;
use crate::ingest::columns::{map_headers, normalize};
use crate::stats::round2;

fn cols() -> SurveyColumns {
    SurveyColumns {
        file: PathBuf::from("survei.csv"),
        sheet: None,
        unit: "Unit Kerja".into(),
        answers: std::array::from_fn(|i| format!("U{}", i + 1)),
    }
}

/// Rows of (unit, nine answers), numbered from row 2.
fn run(rows: &[(&str, [&str; 9])]) -> SkmResult {
    let c = cols();
    let rs = rows.iter().enumerate().map(|(i, (u, a))| Respondent {
        columns: &c,
        row: i + 2,
        id: None,
        unit: Some(u),
        answers: a.map(Some),
    });
    compute(rs, &bands().unwrap())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn answers_parse() {
    for s in ["4", " 4 ", "4,0", "4.0", "1", "3.00"] {
        assert!(matches!(parse_answer(Some(s)), Answer::Valid(_)), "{s}");
    }
    assert_eq!(parse_answer(Some("4,0")), Answer::Valid(4));
    assert_eq!(parse_answer(Some(" 2 ")), Answer::Valid(2));
    for s in [
        "0", "5", "2.5", "2,5", "baik", "-1", "4e0", "NaN", "inf", "4 4",
    ] {
        assert_eq!(parse_answer(Some(s)), Answer::Invalid, "{s}");
    }
    assert_eq!(parse_answer(None), Answer::Blank);
    assert_eq!(parse_answer(Some("  ")), Answer::Blank);
}

#[test]
fn all_fours_is_100_a_and_a_mix_is_81_94_b() {
    // Serang: two respondents answering 4 everywhere: every mean 4, IKM 4 × 25 = 100.
    // Bandung: 4 3 3 4 3 3 4 3 3 and 3 3 3 4 3 3 3 3 4: means 3.5 3 3 4 3 3 3.5 3 3.5,
    // sum 29.5, IKM 29.5 / 9 × 25 = 81.944… → 81.94, B.
    let r = run(&[
        ("Balai POM di Serang", ["4"; 9]),
        ("Balai POM di Serang", ["4"; 9]),
        (
            "Balai Besar POM di Bandung",
            ["4", "3", "3", "4", "3", "3", "4", "3", "3"],
        ),
        (
            "Balai Besar POM di Bandung",
            ["3", "3", "3", "4", "3", "3", "3", "3", "4"],
        ),
    ]);
    assert!(r.issues.is_empty());
    let [bandung, serang] = &r.units[..] else {
        panic!("two units")
    };
    assert_eq!(bandung.unit.as_deref(), Some("Balai Besar POM di Bandung"));
    assert_eq!(bandung.respondents, 2);
    let means: Vec<f64> = bandung.means.iter().map(|m| m.unwrap()).collect();
    assert_eq!(means, [3.5, 3.0, 3.0, 4.0, 3.0, 3.0, 3.5, 3.0, 3.5]);
    assert!(close(bandung.ikm.unwrap(), 29.5 * 25.0 / 9.0));
    assert_eq!(round2(bandung.ikm.unwrap()), 81.94);
    assert_eq!(bandung.band.as_ref().unwrap().grade, "B");
    assert_eq!(bandung.band.as_ref().unwrap().label, "Baik");
    assert_eq!(serang.ikm, Some(100.0));
    assert_eq!(serang.band.as_ref().unwrap().grade, "A");
    // National: means 3.75 3.5 3.5 4 3.5 3.5 3.75 3.5 3.75, sum 32.75,
    // IKM 32.75 / 9 × 25 = 90.972… → 90.97, A.
    assert_eq!(r.national.respondents, 4);
    assert!(close(r.national.ikm.unwrap(), 32.75 * 25.0 / 9.0));
    assert_eq!(round2(r.national.ikm.unwrap()), 90.97);
    assert_eq!(r.national.band.as_ref().unwrap().grade, "A");
}

#[test]
fn exactly_65_is_c() {
    // Three respondents answer 3 and two answer 2 everywhere: means 2.6, IKM 65.00.
    let r = run(&[
        ("X", ["3"; 9]),
        ("X", ["3"; 9]),
        ("X", ["3"; 9]),
        ("X", ["2"; 9]),
        ("X", ["2"; 9]),
    ]);
    let u = &r.units[0];
    assert!(close(u.ikm.unwrap(), 65.0));
    assert_eq!(u.band.as_ref().unwrap().grade, "C");
}

#[test]
fn band_tolerates_floating_point_error() {
    // Means 3/2 + 12/3 + 22/6 + 6/5 + 9/5 + 4/1 + 17/5 + 35/15 + 9/6 = 23.4 exactly, so
    // IKM = 23.4 × 25 / 9 = 65.00, but the floating-point sum gives 64.999…
    let means = [
        3.0 / 2.0,
        12.0 / 3.0,
        22.0 / 6.0,
        6.0 / 5.0,
        9.0 / 5.0,
        4.0 / 1.0,
        17.0 / 5.0,
        35.0 / 15.0,
        9.0 / 6.0,
    ];
    let x = ikm(&means);
    assert!(x < 65.0 && close(x, 65.0), "{x}");
    assert_eq!(round2(x), 65.0);
    assert_eq!(band_of(&bands().unwrap(), x).unwrap().grade, "C");
}

#[test]
fn exactly_88_31_is_a() {
    // 625 respondents. U1: 26 answer 2 and 599 answer 1: mean 651/625 = 1.0416. U2..U9:
    // only the first 4 respondents answer (the others leave them blank), 32 answers all
    // 4 except five 3s: sum 123, so Σ of those eight means = 123/4 = 30.75. Σ means =
    // 31.7916, IKM = 31.7916 × 25 / 9 = 88.31 exactly: A (88.30 would be B).
    let c = cols();
    let mut threes = 5;
    let rows: Vec<[Option<String>; 9]> = (0..625)
        .map(|i| {
            std::array::from_fn(|j| {
                if j == 0 {
                    Some(if i < 26 { "2" } else { "1" }.to_string())
                } else if i < 4 {
                    if threes > 0 {
                        threes -= 1;
                        Some("3".to_string())
                    } else {
                        Some("4".to_string())
                    }
                } else {
                    None
                }
            })
        })
        .collect();
    let rs = rows.iter().enumerate().map(|(i, a)| Respondent {
        columns: &c,
        row: i + 2,
        id: None,
        unit: Some("Loka POM di Kabupaten Bogor"),
        answers: std::array::from_fn(|j| a[j].as_deref()),
    });
    let r = compute(rs, &bands().unwrap());
    let u = &r.units[0];
    assert_eq!(u.answered, [625, 4, 4, 4, 4, 4, 4, 4, 4]);
    assert!(close(u.means[0].unwrap(), 1.0416));
    let rest: f64 = u.means[1..].iter().map(|m| m.unwrap()).sum();
    assert!(close(rest, 30.75));
    assert!(close(u.ikm.unwrap(), 88.31), "{:?}", u.ikm);
    assert_eq!(u.band.as_ref().unwrap().grade, "A");
    assert_eq!(r.issues.len(), 621 * 8);
    // Just below the bound is still B.
    assert_eq!(band_of(&bands().unwrap(), 88.309).unwrap().grade, "B");
    assert_eq!(band_of(&bands().unwrap(), 88.30).unwrap().grade, "B");
    assert_eq!(band_of(&bands().unwrap(), 100.0).unwrap().grade, "A");
}

#[test]
fn invalid_and_blank_answers_are_left_out_and_reported() {
    // Serang U5: 3, "5" (invalid), 3 → mean 3 (not 11/3). U3: 3, 3, blank → 3 (not 2).
    let mut a = ["3"; 9];
    a[4] = "5";
    let mut b = ["3"; 9];
    b[2] = "";
    let r = run(&[
        ("Balai POM di Serang", ["3"; 9]),
        ("Balai POM di Serang", a),
        ("Balai POM di Serang", b),
    ]);
    let u = &r.units[0];
    assert_eq!(u.respondents, 3);
    assert_eq!(u.answered, [3, 3, 2, 3, 2, 3, 3, 3, 3]);
    assert_eq!(u.means[4], Some(3.0));
    assert_eq!(u.means[2], Some(3.0));
    assert_eq!(u.means[0], Some(3.0));
    assert_eq!(u.ikm, Some(75.0));
    let kinds: Vec<(IssueKind, Option<usize>, Option<&str>)> = r
        .issues
        .iter()
        .map(|i| (i.kind, i.location.row, i.location.column.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        [
            (IssueKind::InvalidSurveyAnswer, Some(3), Some("U5")),
            (IssueKind::MissingSurveyAnswer, Some(4), Some("U3")),
        ]
    );
    assert_eq!(
        r.issues[0].render(Lang::En),
        "survei.csv, row 3, column \"U5\": [Invalid survey answer] answer \"5\" is not 1, 2, 3 or 4: left out of the U5 (Service products) mean"
    );
}

#[test]
fn blank_unit_is_left_out_and_an_element_without_answers_gives_no_ikm() {
    let mut a = ["4"; 9];
    a[1] = "baik";
    let r = run(&[("  ", ["4"; 9]), ("Loka POM di Kabupaten Bogor", a)]);
    assert_eq!(r.units.len(), 1);
    let u = &r.units[0];
    assert_eq!(u.respondents, 1);
    assert_eq!(u.means[1], None);
    assert_eq!(u.ikm, None);
    assert_eq!(u.band, None);
    assert_eq!(r.national.respondents, 1);
    assert_eq!(r.national.ikm, None);
    let kinds: Vec<(IssueKind, Option<usize>)> =
        r.issues.iter().map(|i| (i.kind, i.location.row)).collect();
    assert_eq!(
        kinds,
        [
            (IssueKind::IkmNotComputed, None),
            (IssueKind::MissingUnit, Some(2)),
            (IssueKind::InvalidSurveyAnswer, Some(3)),
        ]
    );
    assert!(r.issues[0].message.en.contains("no valid answer for U2"));
}

#[test]
fn unit_names_are_cleaned_and_empty_rows_skipped() {
    let c = cols();
    let rows = [
        Respondent {
            columns: &c,
            row: 2,
            id: Some("R1"),
            unit: Some(" Balai  POM di Serang "),
            answers: [Some("4"); 9],
        },
        Respondent {
            columns: &c,
            row: 3,
            id: Some(" "),
            unit: None,
            answers: [None; 9],
        },
        Respondent {
            columns: &c,
            row: 4,
            id: None,
            unit: Some("Balai POM di Serang"),
            answers: [Some("3"); 9],
        },
    ];
    let r = compute(rows, &bands().unwrap());
    assert!(r.issues.is_empty());
    assert_eq!(r.units.len(), 1);
    assert_eq!(r.units[0].respondents, 2);
    assert_eq!(r.units[0].means[0], Some(3.5));
}

#[test]
fn headers_map_by_number_and_name() {
    let specs = column_specs(&Aliases::builtin().unwrap());
    let headers: Vec<String> = [
        "No. Responden",
        "Unit Kerja",
        "U1 Persyaratan",
        "Unsur 2",
        "Waktu Penyelesaian",
        "Biaya/Tarif",
        "U5 Produk Spesifikasi Jenis Pelayanan",
        "Kompetensi",
        "U7",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Sarana",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let m = map_headers(&specs, &headers, &Location::default()).unwrap();
    assert_eq!(m.index_of("respondent"), Some(0));
    assert_eq!(m.index_of("unit"), Some(1));
    for (i, e) in ELEMENTS.iter().enumerate() {
        assert_eq!(m.index_of(e.key), Some(i + 2), "{}", e.key);
    }
    // Every alias is distinct from the other elements' aliases.
    for (i, _) in ELEMENTS.iter().enumerate() {
        for (k, _) in ELEMENTS.iter().enumerate().filter(|(k, _)| *k != i) {
            for a in header_aliases(i) {
                assert!(
                    !header_aliases(k)
                        .iter()
                        .any(|b| normalize(b) == normalize(&a)),
                    "{a}"
                );
            }
        }
    }
}
