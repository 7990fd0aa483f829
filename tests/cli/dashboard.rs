//! The HTML dashboard `report` writes beside the workbook: one file, nothing fetched, the
//! workbook's own figures.

use calamine::{Data, Reader, Xlsx, open_workbook};

use super::common::bin;

/// The JSON the page reads its figures from.
fn embedded(html: &str) -> serde_json::Value {
    let start = html
        .find(r#"<script id="data" type="application/json">"#)
        .expect("the data element")
        + r#"<script id="data" type="application/json">"#.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end].replace("<\\/", "</")).unwrap()
}

#[test]
fn dashboard_beside_the_report_holds_the_workbooks_figures_and_fetches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("laporan.xlsx");
    bin()
        .env("SOURCE_DATE_EPOCH", "1775462400")
        .args(["report", "--config", "ulpk-eval.toml", "-o"])
        .arg(&out)
        .assert()
        .success();
    let path = dir.path().join("laporan.html");
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.len() < 1_500_000, "{} bytes", html.len());
    // One file: no request may leave it (the policy forbids it), none is written.
    assert!(html.contains(r#"content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:""#));
    for external in ["src=\"http", "href=\"http", "url(http", "@import", "<link"] {
        assert!(!html.contains(external), "{external}");
    }
    // Every chart is inline SVG with its title.
    assert_eq!(html.matches("<svg").count(), 4);

    let data = embedded(&html);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let s = wb.worksheet_range("Ringkasan").unwrap();
    let national = s
        .rows()
        .find(|r| r[0] == "Rata-rata skor kualitas jawaban (nasional)")
        .map(|r| r[1].clone())
        .unwrap();
    assert_eq!(national, Data::Float(88.92));
    assert_eq!(data["national"]["quality"], serde_json::json!(88.92));
    assert_eq!(data["national"]["answers"], serde_json::json!(2998.0));
    assert_eq!(data["national"]["meets_minimum"], serde_json::json!(7));
    // SLA fulfilment against the config's target, with its n and the targets in days.
    assert_eq!(data["national"]["sla_target"], serde_json::json!(90.0));
    assert_eq!(data["national"]["sla_n"], serde_json::json!(2998.0));
    let types = data["types"].as_array().unwrap();
    assert_eq!(types[0]["name"], "Informasi");
    assert_eq!(types[0]["target_days"], "1 / 5");
    assert_eq!(types[1]["target_days"], "5 / 14");
    let letter = data["channels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Surat")
        .unwrap();
    assert_eq!(letter["target_days"], "5 / 14");
    // Items not closed on the export date (the latest date in the samples: the LAPOR!
    // export of 8 April 2026), as the Ringkasan counts them.
    let overdue = &data["national"]["overdue"];
    assert_eq!(overdue["as_of"], "2026-04-08");
    assert_eq!(overdue["given"], false);
    assert_eq!(overdue["open"], serde_json::json!(113));
    assert_eq!(overdue["past_sla"], serde_json::json!(81));
    let past = s
        .rows()
        .find(|r| r[0] == "Belum selesai melewati SLA per 08/04/2026")
        .map(|r| (r[1].clone(), r[2].clone()))
        .unwrap();
    assert_eq!(
        past,
        (
            Data::Float(81.0),
            Data::String("dari 113 butir belum selesai (tanggal terakhir dalam ekspor)".into())
        )
    );

    // Kupang: rank and SLA as in the ranking sheet.
    let r = wb.worksheet_range("Peringkat Unit").unwrap();
    let headers = super::common::header_row(&r);
    let col = |h: &str| headers.iter().position(|x| x == h).unwrap();
    let row = r
        .rows()
        .find(|row| row[col("Unit")] == "Balai Besar POM di Kupang")
        .unwrap();
    let units = data["units"].as_array().unwrap();
    assert_eq!(units.len(), 22);
    let kupang = units
        .iter()
        .find(|u| u["name"] == "Balai Besar POM di Kupang")
        .unwrap();
    assert_eq!(row[col("Peringkat")], Data::Float(8.0));
    assert_eq!(kupang["rank"], serde_json::json!(8));
    let Data::Float(sla) = row[col("Pemenuhan SLA (%)")] else {
        panic!("{:?}", row[col("Pemenuhan SLA (%)")])
    };
    assert_eq!(kupang["sla"].as_f64(), Some(sla));
    assert_eq!(kupang["kind"], "Balai Besar POM");
    assert_eq!(
        (&kupang["open"], &kupang["past_sla"]),
        (&serde_json::json!(3), &serde_json::json!(2))
    );
    assert_eq!(kupang["province"], "Nusa Tenggara Timur");
    // An incomplete unit says what it lacks, and is not ranked.
    let bogor = units
        .iter()
        .find(|u| u["name"] == "Balai POM di Bogor")
        .unwrap();
    assert_eq!(bogor["rank"], serde_json::Value::Null);
    assert_eq!(bogor["missing"], serde_json::json!(["SKM"]));
    // The unit's own months and officers, computed over its answers.
    assert_eq!(kupang["months"].as_array().unwrap().len(), 3);
    let officers: f64 = kupang["officers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["answers"].as_f64().unwrap())
        .sum();
    assert_eq!(Some(officers), kupang["answers"].as_f64());
}
