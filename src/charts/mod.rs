//! Charts as PNG or SVG bytes: horizontal bars, a heatmap, lines over categories and a
//! histogram, drawn with plotters.
//!
//! Data in, bytes out: [`render`] returns the image and touches no file, so a caller can
//! embed a PNG in a workbook; [`write()`] saves one through [`crate::output::atomic_write`].
//!
//! Text is measured and drawn with DejaVu Sans embedded in the binary (`assets/fonts/`,
//! licence beside it), never with system fonts, so a chart looks the same on every machine.
//! The font is registered with plotters (so any text plotters draws uses it), but PNG text
//! is rasterized by the `text` submodule with ab_glyph directly, because plotters' own glyph placement
//! spaces letters unevenly. An SVG names the font family `DejaVu Sans, sans-serif`, so a
//! viewer without DejaVu falls back to its own sans-serif (narrower than DejaVu, so labels
//! still fit the room measured for them).
//!
//! A chart is first laid out as a `scene::Scene` (rectangles, lines, circles and texts at
//! pixel positions, sized from the content) and then painted on the bitmap or SVG backend,
//! so both formats show the same picture. The output is deterministic: the same chart gives
//! the same bytes. No input makes rendering panic: NaN and infinite values count as
//! missing, values outside the scale are clamped for drawing, empty inputs give a chart
//! that says "Tidak ada data" / "No data".

mod paint;
mod scene;
mod text;

use std::path::Path;
use std::sync::OnceLock;

use plotters::style::{FontStyle, register_font};

use crate::error::{Error, Location, Result};
use crate::i18n::Lang;

/// Font family written in styles (and so in SVG `font-family`); the embedded DejaVu Sans
/// is registered under this name and under `sans-serif`.
const FONT_FAMILY: &str = "DejaVu Sans, sans-serif";

static FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Registers the embedded fonts with plotters, once per process, and checks that
/// the `text` submodule can parse them.
fn ensure_fonts() -> Result<()> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        ["sans-serif", FONT_FAMILY].iter().all(|name| {
            register_font(name, FontStyle::Normal, FONT_REGULAR).is_ok()
                && register_font(name, FontStyle::Bold, FONT_BOLD).is_ok()
        })
    });
    if ok && text::available() {
        Ok(())
    } else {
        Err(Error::plain(msg!(
            "huruf bawaan untuk grafik tidak dapat dimuat",
            "the embedded chart font cannot be loaded"
        )))
    }
}

/// Image formats a chart can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    Png,
    Svg,
}

impl ChartFormat {
    /// The format named by a file's extension (`.png`, `.svg`, any case).
    pub fn from_path(p: &Path) -> Option<ChartFormat> {
        let ext = p.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(ChartFormat::Png),
            "svg" => Some(ChartFormat::Svg),
            _ => None,
        }
    }

    /// File extension without the dot.
    pub fn ext(self) -> &'static str {
        match self {
            ChartFormat::Png => "png",
            ChartFormat::Svg => "svg",
        }
    }
}

/// One bar of a [`Chart::Bars`].
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
    /// Fill colour, `0xRRGGBB`.
    pub color: u32,
    /// Shown after the value, e.g. the band grade: `87.5 (B)`.
    pub note: Option<String>,
}

/// One line of a [`Chart::Lines`]: a value (or a gap) per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
    /// `0xRRGGBB`.
    pub color: u32,
}

/// One entry of a colour key, e.g. a band A..E.
#[derive(Debug, Clone, PartialEq)]
pub struct Legend {
    pub label: String,
    /// `0xRRGGBB`.
    pub color: u32,
}

/// A chart to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// Horizontal bars, first item on top, value axis 0..max, value label at each bar end; a
    /// bar with value None shows "-". Values print with one decimal unless all are whole.
    Bars {
        title: String,
        value_label: String,
        items: Vec<Bar>,
        max: f64,
        legend: Vec<Legend>,
    },
    /// Rows x columns grid of 0..100 values on Excel's red-yellow-green scale, the value
    /// printed in each cell (1 decimal), light grey for None. `values[r][c]` belongs to
    /// `rows[r]` and `cols[c]`; a missing row or cell counts as None, extra ones are ignored.
    /// Long column labels are drawn vertically.
    Heatmap {
        title: String,
        rows: Vec<String>,
        cols: Vec<String>,
        values: Vec<Vec<Option<f64>>>,
        /// The key's label of cells without a value; `None`: "tidak ada data" / "no data".
        blank_label: Option<String>,
    },
    /// Lines over categories (e.g. months "2026-01"), y 0..100, points marked, a legend of
    /// the series. A None value leaves a gap in its line.
    Lines {
        title: String,
        categories: Vec<String>,
        series: Vec<Series>,
        y_label: String,
    },
    /// Histogram of scores 0..100 in bins of `bin` width (see [`bin_counts`]), bars labelled
    /// with counts.
    Histogram {
        title: String,
        values: Vec<f64>,
        bin: f64,
        x_label: String,
        y_label: String,
    },
}

/// Renders a chart to PNG or SVG bytes. `lang` is for the chart's own texts ("no data").
pub fn render(chart: &Chart, format: ChartFormat, lang: Lang) -> Result<Vec<u8>> {
    let scene = scene::layout(chart, lang)?;
    match format {
        ChartFormat::Png => paint::png(&scene),
        ChartFormat::Svg => paint::svg(&scene),
    }
}

/// Renders a chart and writes it to `path`, in the format its extension names.
pub fn write(chart: &Chart, path: &Path, lang: Lang) -> Result<()> {
    let Some(format) = ChartFormat::from_path(path) else {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        return Err(Error::new(
            Location::file(path),
            msg!(
                "format grafik \"{ext}\" tidak didukung; gunakan .png atau .svg",
                "unsupported chart format \"{ext}\"; use .png or .svg"
            ),
        ));
    };
    let bytes = render(chart, format, lang)?;
    crate::output::atomic_write(path, |f| {
        std::io::Write::write_all(f, &bytes).map_err(|e| Error::io(path, &e))
    })
}

/// Red-yellow-green 3-colour scale like Excel's: `0xF8696B` at 0, `0xFFEB84` at 50,
/// `0x63BE7B` at 100, linear in RGB between them. Values outside 0..100 are clamped;
/// NaN gives the midpoint colour.
pub fn scale_color(v: f64) -> u32 {
    const LOW: u32 = 0xF8696B;
    const MID: u32 = 0xFFEB84;
    const HIGH: u32 = 0x63BE7B;
    let v = if v.is_nan() {
        50.0
    } else {
        v.clamp(0.0, 100.0)
    };
    if v <= 50.0 {
        mix(LOW, MID, v / 50.0)
    } else {
        mix(MID, HIGH, (v - 50.0) / 50.0)
    }
}

/// Linear mix of two `0xRRGGBB` colours, `t` from 0 (`a`) to 1 (`b`).
fn mix(a: u32, b: u32, t: f64) -> u32 {
    let ch = |c: u32, shift: u32| f64::from((c >> shift) & 0xFF);
    let one = |shift: u32| {
        let x = ch(a, shift) + (ch(b, shift) - ch(a, shift)) * t;
        (x.round().clamp(0.0, 255.0) as u32) << shift
    };
    one(16) | one(8) | one(0)
}

/// Effective bin width of a histogram: `bin` within 1..=100; a non-finite or non-positive
/// width falls back to 10.
pub fn bin_width(bin: f64) -> f64 {
    if bin.is_finite() && bin > 0.0 {
        bin.clamp(1.0, 100.0)
    } else {
        10.0
    }
}

/// Counts scores per histogram bin over 0..100. Bin `i` holds `[i*w, (i+1)*w)` with `w` the
/// [`bin_width`]; the last bin also holds 100 (and is narrower when `w` does not divide
/// 100). Finite values outside 0..100 are clamped into the first or last bin, so every
/// finite score is counted; NaN and infinite values have no place and are dropped.
pub fn bin_counts(values: &[f64], bin: f64) -> Vec<usize> {
    let w = bin_width(bin);
    let n = ((100.0 / w) - 1e-9).ceil().max(1.0) as usize;
    let mut counts = vec![0usize; n];
    for v in values.iter().filter(|v| v.is_finite()) {
        let i = (v.clamp(0.0, 100.0) / w).floor() as usize;
        counts[i.min(n - 1)] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
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
                .filter(
                    |i| matches!(i, scene::Item::Rect { color, .. } if *color == scene::NONE_FILL)
                )
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
            },
            Chart::Heatmap {
                title: "H".into(),
                rows: vec!["U".into()],
                cols: vec![],
                values: vec![],
                blank_label: None,
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
            let svg =
                String::from_utf8(render(chart, ChartFormat::Svg, Lang::Id).unwrap()).unwrap();
            assert!(svg.contains("Tidak ada data"), "{chart:?}");
            let svg_en =
                String::from_utf8(render(chart, ChartFormat::Svg, Lang::En).unwrap()).unwrap();
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
}

/// Sample charts for looking at: `ULPK_CHART_SAMPLES=/tmp/charts cargo test --lib
/// charts::samples -- --ignored` writes one of each kind (PNG and SVG) there.
#[cfg(test)]
mod samples {
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
}
