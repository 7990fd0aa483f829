use super::*;

fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

fn pixel(img: &(u32, u32, Vec<u8>), x: i32, y: i32) -> u32 {
    let i = (y as usize * img.0 as usize + x as usize) * 3;
    (u32::from(img.2[i]) << 16) | (u32::from(img.2[i + 1]) << 8) | u32::from(img.2[i + 2])
}

fn close(a: u32, b: u32, tol: i32) -> bool {
    [16, 8, 0]
        .iter()
        .all(|s| (((a >> s) & 0xFF) as i32 - ((b >> s) & 0xFF) as i32).abs() <= tol)
}

fn bars(n: usize) -> Chart {
    let units = [
        "Balai Besar POM di Yogyakarta",
        "Loka POM di Kabupaten Bogor",
        "Balai POM di Palangka Raya",
    ];
    Chart::Bars {
        title: "Nilai per unit".into(),
        value_label: "Nilai".into(),
        items: (0..n)
            .map(|i| Bar {
                label: units[i % units.len()].to_string(),
                value: Some(40.0 + (i % 7) as f64 * 9.5),
                color: 0x4472C4,
                note: Some("B".into()),
            })
            .collect(),
        max: 100.0,
        legend: vec![],
    }
}

fn heatmap() -> Chart {
    Chart::Heatmap {
        title: "Kepatuhan kriteria".into(),
        rows: vec![
            "Balai Besar POM di Yogyakarta".into(),
            "Loka POM di Kabupaten Bogor".into(),
        ],
        cols: vec![
            "Respons pertama kurang dari 1 jam".into(),
            "Jawaban lengkap".into(),
            "Sapaan".into(),
        ],
        values: vec![vec![Some(0.0), Some(100.0), None], vec![Some(50.0)]],
        blank_label: None,
        bands: Vec::new(),
    }
}

fn lines() -> Chart {
    Chart::Lines {
        title: "Tren bulanan".into(),
        categories: (1..=6).map(|m| format!("2026-{m:02}")).collect(),
        series: vec![
            Series {
                name: "Balai Besar POM di Yogyakarta".into(),
                values: vec![
                    Some(70.0),
                    Some(75.5),
                    None,
                    Some(80.0),
                    Some(82.0),
                    Some(90.0),
                ],
                color: 0x4472C4,
            },
            Series {
                name: "Nasional".into(),
                values: vec![
                    Some(60.0),
                    Some(62.0),
                    Some(65.0),
                    Some(64.0),
                    Some(70.0),
                    Some(71.0),
                ],
                color: 0xED7D31,
            },
        ],
        y_label: "Nilai".into(),
    }
}

fn histogram() -> Chart {
    Chart::Histogram {
        title: "Sebaran nilai".into(),
        values: vec![5.0, 12.0, 55.0, 58.0, 61.0, 77.0, 88.0, 90.0, 95.0, 100.0],
        bin: 10.0,
        x_label: "Nilai".into(),
        y_label: "Jumlah".into(),
    }
}

#[test]
fn format_from_path_and_ext() {
    assert_eq!(
        ChartFormat::from_path(Path::new("a/b.PNG")),
        Some(ChartFormat::Png)
    );
    assert_eq!(
        ChartFormat::from_path(Path::new("b.svg")),
        Some(ChartFormat::Svg)
    );
    assert_eq!(ChartFormat::from_path(Path::new("b.jpg")), None);
    assert_eq!(ChartFormat::from_path(Path::new("b")), None);
    assert_eq!(ChartFormat::Png.ext(), "png");
    assert_eq!(ChartFormat::Svg.ext(), "svg");
}

#[test]
fn png_size_grows_with_the_number_of_bars() {
    let (w3, h3, _) = decode(&render(&bars(3), ChartFormat::Png, Lang::Id).unwrap());
    let s3 = scene::layout(&bars(3), Lang::Id).unwrap();
    assert_eq!((w3, h3), (s3.width, s3.height));
    let (w73, h73, _) = decode(&render(&bars(73), ChartFormat::Png, Lang::Id).unwrap());
    assert_eq!(w73, w3);
    // 24 px per bar, plus the value axis repeated on top for long lists.
    assert_eq!(
        h73,
        h3 + 70 * scene::BAR_ROW as u32 + scene::TOP_AXIS as u32
    );
    assert!(h73 > 73 * 20);
}

#[test]
fn bar_pixel_has_the_bar_colour() {
    let chart = Chart::Bars {
        title: "T".into(),
        value_label: "Nilai".into(),
        items: vec![
            Bar {
                label: "Balai Besar POM di Yogyakarta".into(),
                value: Some(90.0),
                color: 0x63BE7B,
                note: Some("A".into()),
            },
            Bar {
                label: "Loka POM di Kabupaten Bogor".into(),
                value: Some(30.0),
                color: 0xF8696B,
                note: None,
            },
        ],
        max: 100.0,
        legend: vec![],
    };
    let s = scene::layout(&chart, Lang::Id).unwrap();
    let img = decode(&render(&chart, ChartFormat::Png, Lang::Id).unwrap());
    let r0 = s.rect_of(0x63BE7B).unwrap();
    let r1 = s.rect_of(0xF8696B).unwrap();
    // Bars are on one scale: 90 is three times as long as 30, and the first is on top.
    let (l0, l1) = (r0.2 - r0.0, r1.2 - r1.0);
    assert!((l0 - 3 * l1).abs() <= 2, "{l0} vs {l1}");
    assert!(r0.1 < r1.1);
    assert_eq!(pixel(&img, (r0.0 + r0.2) / 2, (r0.1 + r0.3) / 2), 0x63BE7B);
    assert_eq!(pixel(&img, (r1.0 + r1.2) / 2, (r1.1 + r1.3) / 2), 0xF8696B);
    // Background is white.
    assert_eq!(pixel(&img, 1, 1), 0xFFFFFF);
    assert_eq!(pixel(&img, img.0 as i32 - 2, img.1 as i32 - 2), 0xFFFFFF);
}

#[test]
fn colour_scale_matches_excel() {
    assert_eq!(scale_color(0.0), 0xF8696B);
    assert_eq!(scale_color(50.0), 0xFFEB84);
    assert_eq!(scale_color(100.0), 0x63BE7B);
    assert_eq!(scale_color(-20.0), 0xF8696B);
    assert_eq!(scale_color(250.0), 0x63BE7B);
    // Halfway between red and yellow: (0xF8+0xFF)/2, (0x69+0xEB)/2, (0x6B+0x84)/2.
    assert_eq!(scale_color(25.0), 0xFCAA78);
    assert_eq!(scale_color(f64::NAN), 0xFFEB84);
}

#[test]
fn heatmap_cells_are_coloured_by_value() {
    let chart = heatmap();
    let s = scene::layout(&chart, Lang::Id).unwrap();
    let img = decode(&render(&chart, ChartFormat::Png, Lang::Id).unwrap());
    // A point in the cell's left part, clear of the number printed in its middle.
    let probe = |c: u32| {
        let r = s.rect_of(c).unwrap();
        pixel(&img, r.0 + 3, (r.1 + r.3) / 2)
    };
    assert!(close(probe(0xF8696B), 0xF8696B, 2));
    assert!(close(probe(0x63BE7B), 0x63BE7B, 2));
    assert!(close(probe(0xFFEB84), 0xFFEB84, 2));
    // The missing cell (row 1) and the cells of the short row 2 are light grey.
    assert_eq!(
        s.items
            .iter()
            .filter(|i| matches!(i, scene::Item::Rect { color, .. } if *color == scene::NONE_FILL))
            .count(),
        // 2 cells without value, plus the "no data" swatch of the key.
        3 + 1
    );
}

#[test]
fn svg_has_labels_and_title_escaped() {
    let chart = Chart::Bars {
        title: "Unit <A> & B".into(),
        value_label: "Nilai".into(),
        items: vec![
            Bar {
                label: "Balai Besar POM di Yogyakarta".into(),
                value: Some(81.25),
                color: 0x4472C4,
                note: Some("B".into()),
            },
            Bar {
                label: "Loka POM di Kabupaten Bogor & <Sekitarnya>".into(),
                value: None,
                color: 0x4472C4,
                note: None,
            },
        ],
        max: 100.0,
        legend: vec![Legend {
            label: "A (Sangat Baik)".into(),
            color: 0x63BE7B,
        }],
    };
    let svg = String::from_utf8(render(&chart, ChartFormat::Svg, Lang::En).unwrap()).unwrap();
    assert!(svg.starts_with("<svg "), "{}", &svg[..80]);
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(
        svg.contains(">\nUnit &lt;A&gt; &amp; B\n</text>")
            || svg.contains(">Unit &lt;A&gt; &amp; B<")
    );
    assert!(svg.contains("Balai Besar POM di Yogyakarta"));
    assert!(svg.contains("Loka POM di Kabupaten Bogor &amp; &lt;Sekitarnya&gt;"));
    assert!(svg.contains("81.2 (B)") || svg.contains("81.3 (B)"));
    assert!(svg.contains("A (Sangat Baik)"));
    assert!(svg.contains("font-family=\"DejaVu Sans, sans-serif\""));
    // No raw markup characters leak out of the texts.
    assert!(!svg.contains("<A>") && !svg.contains("<Sekitarnya>") && !svg.contains("& "));
    // Tags balance.
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    assert_eq!(svg.matches("<svg").count(), 1);
}

#[test]
fn histogram_bins() {
    // 100 falls in the last bin, out-of-range finite values are clamped, NaN/inf dropped.
    let v = [
        0.0,
        9.99,
        10.0,
        55.0,
        99.9,
        100.0,
        -5.0,
        130.0,
        f64::NAN,
        f64::INFINITY,
    ];
    let c = bin_counts(&v, 10.0);
    assert_eq!(c.len(), 10);
    assert_eq!(c, vec![3, 1, 0, 0, 0, 1, 0, 0, 0, 3]);
    assert_eq!(c.iter().sum::<usize>(), 8);
    // A width that does not divide 100: 0-30, 30-60, 60-90, 90-100.
    assert_eq!(
        bin_counts(&[29.9, 30.0, 90.0, 100.0], 30.0),
        vec![1, 1, 0, 2]
    );
    assert_eq!(bin_counts(&[100.0], 100.0), vec![1]);
    // Unusable widths.
    assert_eq!(bin_counts(&[], f64::NAN).len(), 10);
    assert_eq!(bin_counts(&[], -3.0).len(), 10);
    assert_eq!(bin_counts(&[], 0.01).len(), 100);
}

#[test]
fn histogram_bars_show_counts() {
    let Chart::Histogram { values, bin, .. } = histogram() else {
        unreachable!()
    };
    let counts = bin_counts(&values, bin);
    assert_eq!(counts, vec![1, 1, 0, 0, 0, 2, 1, 1, 1, 3]);
    let s = scene::layout(&histogram(), Lang::Id).unwrap();
    let bars: Vec<(i32, i32, i32, i32)> = s
        .items
        .iter()
        .filter_map(|i| match i {
            scene::Item::Rect {
                x0,
                y0,
                x1,
                y1,
                color,
            } if *color == scene::HIST_FILL => Some((*x0, *y0, *x1, *y1)),
            _ => None,
        })
        .collect();
    // Empty bins have no bar; bars run left to right in bin order, heights follow the
    // counts, and each is labelled with its count just above it.
    let nonzero: Vec<usize> = counts.iter().copied().filter(|c| *c > 0).collect();
    assert_eq!(bars.len(), nonzero.len());
    assert!(bars.windows(2).all(|w| w[0].2 < w[1].0));
    let unit = f64::from(bars[0].3 - bars[0].1);
    for (b, c) in bars.iter().zip(&nonzero) {
        assert!((f64::from(b.3 - b.1) - unit * *c as f64).abs() <= 1.0);
        let label = s.items.iter().any(|i| {
            matches!(i, scene::Item::Text { text, x, y, .. }
                    if *text == c.to_string() && *x == (b.0 + b.2) / 2 && *y < b.1 && *y > b.1 - 10)
        });
        assert!(label, "no count label {c} above {b:?}");
    }
    let texts: Vec<&str> = s.texts().collect();
    assert!(texts.contains(&"Sebaran nilai"));
    assert!(texts.contains(&"Jumlah"));
    assert!(texts.contains(&"Nilai"));
}

#[test]
fn same_input_same_bytes() {
    for chart in [bars(5), heatmap(), lines(), histogram()] {
        for f in [ChartFormat::Png, ChartFormat::Svg] {
            let a = render(&chart, f, Lang::Id).unwrap();
            let b = render(&chart, f, Lang::Id).unwrap();
            assert!(!a.is_empty());
            assert!(a == b, "{f:?} differs for {chart:?}");
        }
    }
}

#[test]
fn empty_inputs_render() {
    let empties = [
        Chart::Bars {
            title: String::new(),
            value_label: String::new(),
            items: vec![],
            max: 100.0,
            legend: vec![],
        },
        Chart::Heatmap {
            title: "H".into(),
            rows: vec![],
            cols: vec!["K1".into()],
            values: vec![],
            blank_label: None,
            bands: Vec::new(),
        },
        Chart::Heatmap {
            title: "H".into(),
            rows: vec!["U".into()],
            cols: vec![],
            values: vec![],
            blank_label: None,
            bands: Vec::new(),
        },
        Chart::Lines {
            title: "L".into(),
            categories: vec![],
            series: vec![],
            y_label: String::new(),
        },
        Chart::Histogram {
            title: "H".into(),
            values: vec![],
            bin: 10.0,
            x_label: String::new(),
            y_label: String::new(),
        },
    ];
    for chart in &empties {
        let png = render(chart, ChartFormat::Png, Lang::Id).unwrap();
        let (w, h, _) = decode(&png);
        assert!(w > 0 && h > 0);
        let svg = String::from_utf8(render(chart, ChartFormat::Svg, Lang::Id).unwrap()).unwrap();
        assert!(svg.contains("Tidak ada data"), "{chart:?}");
        let svg_en = String::from_utf8(render(chart, ChartFormat::Svg, Lang::En).unwrap()).unwrap();
        assert!(svg_en.contains("No data"));
    }
}

#[test]
fn hostile_values_do_not_panic() {
    let weird = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1e308,
        1e308,
        -0.0,
        250.0,
    ];
    let charts = [
        Chart::Bars {
            title: "\u{0}\n\t".into(),
            value_label: String::new(),
            items: weird
                .iter()
                .map(|v| Bar {
                    label: String::new(),
                    value: Some(*v),
                    color: 0xFFFFFFFF,
                    note: Some(String::new()),
                })
                .collect(),
            max: f64::NAN,
            legend: vec![Legend {
                label: String::new(),
                color: 0,
            }],
        },
        Chart::Bars {
            title: "x".repeat(5000),
            value_label: "y".repeat(5000),
            items: vec![Bar {
                label: "z".repeat(5000),
                value: Some(5.0),
                color: 1,
                note: Some("n".repeat(900)),
            }],
            max: -4.0,
            legend: vec![],
        },
        Chart::Heatmap {
            title: String::new(),
            rows: vec![String::new(), "b".into(), "c".into()],
            cols: vec!["k".repeat(400), String::new()],
            values: vec![
                weird.iter().map(|v| Some(*v)).collect(),
                vec![],
                vec![None, Some(f64::NAN), Some(3.0)],
            ],
            blank_label: None,
            bands: Vec::new(),
        },
        Chart::Lines {
            title: String::new(),
            categories: vec![String::new(), "2026-02".into()],
            series: vec![
                Series {
                    name: String::new(),
                    values: weird.iter().map(|v| Some(*v)).collect(),
                    color: 0,
                },
                Series {
                    name: "short".into(),
                    values: vec![],
                    color: 0x123456,
                },
            ],
            y_label: String::new(),
        },
        Chart::Lines {
            title: "one".into(),
            categories: vec!["2026-01".into()],
            series: vec![Series {
                name: "s".into(),
                values: vec![Some(50.0)],
                color: 0,
            }],
            y_label: "y".into(),
        },
        Chart::Histogram {
            title: String::new(),
            values: weird.to_vec(),
            bin: f64::INFINITY,
            x_label: String::new(),
            y_label: String::new(),
        },
        Chart::Histogram {
            title: String::new(),
            values: vec![f64::NAN],
            bin: 0.0,
            x_label: String::new(),
            y_label: String::new(),
        },
    ];
    for chart in &charts {
        for f in [ChartFormat::Png, ChartFormat::Svg] {
            let bytes = render(chart, f, Lang::En).unwrap();
            assert!(!bytes.is_empty());
        }
    }
}

#[test]
fn many_rows_and_columns_stay_within_limits() {
    // Too many rows and columns for full-size cells: the image stops at the limits.
    let big = Chart::Heatmap {
        title: "big".into(),
        rows: (0..600).map(|i| format!("Unit {i}")).collect(),
        cols: (0..300).map(|i| format!("Kriteria {i}")).collect(),
        values: vec![],
        blank_label: None,
        bands: Vec::new(),
    };
    let s = scene::layout(&big, Lang::Id).unwrap();
    assert!(
        s.width <= scene::MAX_W && s.width > scene::MAX_W - 300,
        "{}",
        s.width
    );
    assert!(
        s.height <= scene::MAX_H && s.height > scene::MAX_H - 600,
        "{}",
        s.height
    );
    let many = bars(1000);
    let s = scene::layout(&many, Lang::Id).unwrap();
    // Rows are a whole number of pixels: at most one per bar is left over.
    assert!(
        s.height <= scene::MAX_H && s.height > scene::MAX_H - 1000,
        "{}",
        s.height
    );
    // Every bar is still drawn, in the image.
    let drawn = s
        .items
        .iter()
        .filter(|i| matches!(i, scene::Item::Rect { y1, .. } if *y1 <= s.height as i32))
        .count();
    assert_eq!(drawn, 1000);
    // A wide one renders at the width limit.
    let wide = Chart::Heatmap {
        title: "wide".into(),
        rows: vec!["Unit".into()],
        cols: (0..200).map(|i| format!("Kriteria nomor {i}")).collect(),
        values: vec![(0..200).map(|i| Some(f64::from(i) / 2.0)).collect()],
        blank_label: None,
        bands: Vec::new(),
    };
    let (w, _, _) = decode(&render(&wide, ChartFormat::Png, Lang::Id).unwrap());
    assert!(w <= scene::MAX_W && w > scene::MAX_W - 200, "{w}");
}

#[test]
fn write_picks_format_from_extension() {
    let dir = tempfile::tempdir().unwrap();
    let png_path = dir.path().join("c.png");
    write(&bars(2), &png_path, Lang::Id).unwrap();
    assert!(
        std::fs::read(&png_path)
            .unwrap()
            .starts_with(b"\x89PNG\r\n\x1a\n")
    );
    let svg_path = dir.path().join("c.svg");
    write(&bars(2), &svg_path, Lang::Id).unwrap();
    assert!(
        std::fs::read_to_string(&svg_path)
            .unwrap()
            .starts_with("<svg")
    );
    let bad = dir.path().join("c.jpg");
    let e = write(&bars(2), &bad, Lang::Id).unwrap_err();
    assert!(
        e.render(Lang::Id)
            .contains("format grafik \"jpg\" tidak didukung")
    );
    assert!(
        e.render(Lang::En)
            .contains("unsupported chart format \"jpg\"")
    );
    assert!(!bad.exists());
    // Nothing but the two charts was left in the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

/// With bands, a cell takes its band's colour (never a shade from its value) and the key
/// lists each band with its label.
#[test]
fn heatmap_cells_take_their_band_colour() {
    let Chart::Heatmap {
        title,
        rows,
        cols,
        values,
        blank_label,
        ..
    } = heatmap()
    else {
        unreachable!()
    };
    let band = |min: f64, label: &str, color: u32| crate::charts::KeyBand {
        min,
        label: label.into(),
        color,
    };
    let chart = Chart::Heatmap {
        title,
        rows,
        cols,
        values,
        blank_label,
        bands: vec![
            band(90.0, "Tinggi", 0x80D8A8),
            band(75.0, "Sedang", 0xFFECB3),
            band(0.0, "Rendah", 0xFF8080),
        ],
    };
    let s = scene::layout(&chart, Lang::Id).unwrap();
    // 100 is Tinggi, 0 and 50 are Rendah: no cell in the middle band, none shaded.
    let rects = |c: u32| {
        let svg = String::from_utf8(render(&chart, ChartFormat::Svg, Lang::Id).unwrap()).unwrap();
        svg.matches(&format!("#{c:06X}")).count()
    };
    assert!(s.rect_of(0x80D8A8).is_some());
    assert!(s.rect_of(0xFF8080).is_some());
    assert_eq!(rects(0xFF8080), 3, "two cells and the key's swatch");
    assert_eq!(rects(0x80D8A8), 2, "one cell and the key's swatch");
    assert!(s.rect_of(scale_color(50.0)).is_none());
    let svg = String::from_utf8(render(&chart, ChartFormat::Svg, Lang::Id).unwrap()).unwrap();
    for label in ["Tinggi", "Sedang", "Rendah", "tidak ada data"] {
        assert!(svg.contains(label), "{label} in the key");
    }
}
