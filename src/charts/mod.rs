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

/// A band of a heatmap's colour key: from `min` up (until the band before it).
#[derive(Debug, Clone, PartialEq)]
pub struct KeyBand {
    pub min: f64,
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
        /// The bands the cells are coloured by, best first: a cell takes the first band
        /// whose minimum its value reaches, and the key lists them. Empty: a continuous
        /// red–yellow–green scale over 0..100.
        bands: Vec<KeyBand>,
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
mod tests;

/// Sample charts for looking at: `ULPK_CHART_SAMPLES=/tmp/charts cargo test --lib
/// charts::samples -- --ignored` writes one of each kind (PNG and SVG) there.
#[cfg(test)]
mod samples;
