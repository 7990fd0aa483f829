use super::*;

const UNITS: [&str; 12] = [
    "Balai Besar POM di Yogyakarta",
    "Loka POM di Kabupaten Bogor",
    "Balai Besar POM di Jakarta",
    "Balai POM di Kabupaten Mimika",
    "Loka POM di Kabupaten Kepulauan Seribu",
    "Balai Besar POM di Surabaya",
    "Balai POM di Palangka Raya",
    "Loka POM di Kota Tasikmalaya",
    "Balai Besar POM di Makassar",
    "Balai POM di Ambon",
    "Loka POM di Kabupaten Banyumas",
    "Balai Besar POM di Medan",
];

fn band(v: f64) -> (&'static str, u32) {
    match v {
        v if v >= 88.0 => ("A", 0x63BE7B),
        v if v >= 76.0 => ("B", 0xB1D580),
        v if v >= 65.0 => ("C", 0xFFEB84),
        v if v >= 51.0 => ("D", 0xFBAA77),
        _ => ("E", 0xF8696B),
    }
}

/// A deterministic spread of scores.
fn score(i: usize, k: usize) -> f64 {
    let x = ((i * 37 + k * 11) % 97) as f64;
    (35.0 + x * 0.67).min(100.0)
}

#[test]
#[ignore = "writes sample images; set ULPK_CHART_SAMPLES to a folder"]
fn write_samples() {
    let Some(dir) = std::env::var_os("ULPK_CHART_SAMPLES") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let items: Vec<Bar> = (0..73)
        .map(|i| {
            let v = score(i, 0);
            let (g, c) = band(v);
            Bar {
                label: format!("{} {}", UNITS[i % UNITS.len()], i / UNITS.len() + 1),
                value: (i != 5).then_some(v),
                color: c,
                note: (i != 5).then(|| g.to_string()),
            }
        })
        .collect();
    let legend = [
        ("A (Sangat Baik)", 0x63BE7B),
        ("B (Baik)", 0xB1D580),
        ("C (Cukup)", 0xFFEB84),
        ("D (Kurang)", 0xFBAA77),
        ("E (Buruk)", 0xF8696B),
    ]
    .iter()
    .map(|(l, c)| Legend {
        label: (*l).into(),
        color: *c,
    })
    .collect();
    let charts = [
        (
            "bars",
            Chart::Bars {
                title: "Nilai kualitas layanan per unit, Januari–Juni 2026".into(),
                value_label: "Nilai (0–100)".into(),
                items,
                max: 100.0,
                legend,
            },
        ),
        (
            "heatmap",
            Chart::Heatmap {
                title: "Kepatuhan kriteria per unit (%)".into(),
                rows: UNITS.iter().map(|u| u.to_string()).collect(),
                cols: [
                    "Salam pembuka",
                    "Respons pertama kurang dari 1 jam",
                    "Identitas pelapor dicatat",
                    "Jawaban lengkap dan sesuai pertanyaan",
                    "Dasar hukum disebutkan",
                    "Bahasa santun",
                    "Rujukan ke unit teknis bila perlu",
                    "Penutup & tawaran bantuan",
                ]
                .iter()
                .map(|c| c.to_string())
                .collect(),
                values: (0..12)
                    .map(|i| {
                        (0..8)
                            .map(|k| {
                                if (i + k) % 13 == 4 {
                                    None
                                } else {
                                    Some(score(i, k))
                                }
                            })
                            .collect()
                    })
                    .collect(),
                blank_label: None,
                bands: Vec::new(),
            },
        ),
        (
            "lines",
            Chart::Lines {
                title: "Tren nilai bulanan".into(),
                categories: (1..=12).map(|m| format!("2026-{m:02}")).collect(),
                series: vec![
                    Series {
                        name: "Nasional".into(),
                        values: (0..12).map(|m| Some(62.0 + m as f64 * 1.5)).collect(),
                        color: 0x4472C4,
                    },
                    Series {
                        name: UNITS[0].into(),
                        values: (0..12)
                            .map(|m| if m == 4 { None } else { Some(score(m, 3)) })
                            .collect(),
                        color: 0xED7D31,
                    },
                    Series {
                        name: UNITS[1].into(),
                        values: (0..12).map(|m| Some(score(m, 7))).collect(),
                        color: 0x70AD47,
                    },
                ],
                y_label: "Nilai".into(),
            },
        ),
        (
            "histogram",
            Chart::Histogram {
                title: "Sebaran nilai pengaduan".into(),
                values: (0..500)
                    .map(|i| score(i, i % 5) + (i % 3) as f64 * 0.5)
                    .collect(),
                bin: 10.0,
                x_label: "Nilai".into(),
                y_label: "Jumlah pengaduan".into(),
            },
        ),
        (
            "lines_36",
            Chart::Lines {
                title: "Tren tiga tahun".into(),
                categories: (0..36)
                    .map(|m| format!("{}-{:02}", 2024 + m / 12, m % 12 + 1))
                    .collect(),
                series: vec![Series {
                    name: "Nasional".into(),
                    values: (0..36).map(|m| Some(score(m, 1))).collect(),
                    color: 0x4472C4,
                }],
                y_label: "Nilai".into(),
            },
        ),
        (
            "heatmap_short",
            Chart::Heatmap {
                title: "Kriteria K1–K6".into(),
                rows: UNITS[..4].iter().map(|u| u.to_string()).collect(),
                cols: (1..=6).map(|k| format!("K{k}")).collect(),
                values: (0..4)
                    .map(|i| (0..6).map(|k| Some(score(i, k))).collect())
                    .collect(),
                blank_label: None,
                bands: Vec::new(),
            },
        ),
        (
            "bars_short",
            Chart::Bars {
                title: "Jumlah pengaduan".into(),
                value_label: "Pengaduan".into(),
                items: UNITS[..3]
                    .iter()
                    .enumerate()
                    .map(|(i, u)| Bar {
                        label: u.to_string(),
                        value: Some((i * 140 + 35) as f64),
                        color: 0x4472C4,
                        note: None,
                    })
                    .collect(),
                max: f64::NAN,
                legend: vec![],
            },
        ),
        (
            "empty",
            Chart::Lines {
                title: "Tren nilai bulanan".into(),
                categories: vec![],
                series: vec![],
                y_label: String::new(),
            },
        ),
    ];
    for (name, chart) in &charts {
        for f in [ChartFormat::Png, ChartFormat::Svg] {
            write(chart, &dir.join(format!("{name}.{}", f.ext())), Lang::Id).unwrap();
        }
    }
}
