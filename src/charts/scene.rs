//! Layout: a chart becomes a [`Scene`] of shapes and texts at pixel positions, with the
//! image size worked out from the content (label widths measured in the embedded font,
//! one row per bar or heatmap row). Painting it is [`super::paint`]'s job.

use plotters::style::text_anchor::{HPos, VPos};

use super::{Bar, Chart, Legend, Series, bin_counts, bin_width, scale_color};
use crate::error::Result;
use crate::i18n::Lang;

/// Largest image drawn; beyond it rows and cells get thinner (and text is left out of cells
/// too small for it) rather than the image growing without bound.
pub(super) const MAX_W: u32 = 6000;
pub(super) const MAX_H: u32 = 12000;

/// Outer margin.
const M: i32 = 16;
const TITLE_SIZE: f64 = 22.0;
/// Height of the title block.
const TITLE_H: i32 = 34;
const LABEL: f64 = 16.0;
const SMALL: f64 = 14.0;
/// Widest row label, value text or legend entry before it is cut with "…".
const MAX_LABEL_W: i32 = 380;
const MAX_VALUE_W: i32 = 160;

/// Height of one bar's row, and of the bar in it.
pub(super) const BAR_ROW: i32 = 24;
const BAR_H: i32 = 16;
/// Bars: room for the value axis repeated above long lists.
pub(super) const TOP_AXIS: i32 = 22;
/// Bars: lists longer than this get the value axis on top too.
const TOP_AXIS_FROM: usize = 20;
const BAR_PLOT_W: i32 = 520;

const CELL_W: i32 = 64;
const CELL_H: i32 = 26;
/// Longest vertical column label of a heatmap.
const MAX_COL_LABEL: i32 = 240;

const TEXT: u32 = 0x262626;
const MUTED: u32 = 0x7F7F7F;
const GRID: u32 = 0xE0E0E0;
const AXIS: u32 = 0x808080;
/// Fill of a heatmap cell without a value.
pub(super) const NONE_FILL: u32 = 0xE7E6E6;
pub(super) const HIST_FILL: u32 = 0x4472C4;

/// Something to draw. Coordinates are pixels from the top left; rectangle ends are
/// exclusive.
#[derive(Clone)]
pub(super) enum Item {
    Rect {
        x0: i32,
        y0: i32,
        x1: i32,
        y1: i32,
        color: u32,
    },
    Line {
        points: Vec<(i32, i32)>,
        color: u32,
        width: u32,
    },
    /// A filled dot with a white rim.
    Dot { x: i32, y: i32, r: i32, color: u32 },
    Text {
        text: String,
        x: i32,
        y: i32,
        size: f64,
        bold: bool,
        color: u32,
        h: HPos,
        v: VPos,
        /// Rotated to read bottom to top; `h` then runs along the text, upwards.
        vertical: bool,
    },
}

/// A laid-out chart.
#[derive(Clone)]
pub(super) struct Scene {
    pub width: u32,
    pub height: u32,
    pub items: Vec<Item>,
}

impl Scene {
    fn new() -> Self {
        Scene {
            width: 1,
            height: 1,
            items: Vec::new(),
        }
    }

    /// Sets the image size, within the limits.
    fn size(mut self, w: i32, h: i32) -> Self {
        self.width = (w.max(1) as u32).min(MAX_W);
        self.height = (h.max(1) as u32).min(MAX_H);
        self
    }

    fn rect(&mut self, x0: i32, y0: i32, x1: i32, y1: i32, color: u32) {
        if x1 > x0 && y1 > y0 {
            self.items.push(Item::Rect {
                x0,
                y0,
                x1,
                y1,
                color: color & 0xFF_FFFF,
            });
        }
    }

    fn line(&mut self, points: Vec<(i32, i32)>, color: u32, width: u32) {
        if points.len() >= 2 {
            self.items.push(Item::Line {
                points,
                color: color & 0xFF_FFFF,
                width,
            });
        }
    }

    fn text(&mut self, t: Text) {
        if !t.text.trim().is_empty() {
            self.items.push(Item::Text {
                text: t.text,
                x: t.x,
                y: t.y,
                size: t.size,
                bold: t.bold,
                color: t.color,
                h: t.h,
                v: t.v,
                vertical: t.vertical,
            });
        }
    }

    /// The first filled rectangle of `color`, as (x0, y0, x1, y1).
    #[cfg(test)]
    pub fn rect_of(&self, color: u32) -> Option<(i32, i32, i32, i32)> {
        self.items.iter().find_map(|i| match i {
            Item::Rect {
                x0,
                y0,
                x1,
                y1,
                color: c,
            } if *c == color => Some((*x0, *y0, *x1, *y1)),
            _ => None,
        })
    }

    /// All texts, in drawing order.
    #[cfg(test)]
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }
}

/// A text to place; built with [`txt`] and adjusted field by field.
struct Text {
    text: String,
    x: i32,
    y: i32,
    size: f64,
    bold: bool,
    color: u32,
    h: HPos,
    v: VPos,
    vertical: bool,
}

fn txt(text: impl Into<String>, x: i32, y: i32, size: f64, h: HPos, v: VPos) -> Text {
    Text {
        text: text.into(),
        x,
        y,
        size,
        bold: false,
        color: TEXT,
        h,
        v,
        vertical: false,
    }
}

/// Lays out a chart (texts are measured in the embedded font, registered here if needed).
pub(super) fn layout(chart: &Chart, lang: Lang) -> Result<Scene> {
    super::ensure_fonts()?;
    Ok(match chart {
        Chart::Bars {
            title,
            value_label,
            items,
            max,
            legend,
        } => bars(title, value_label, items, *max, legend, lang),
        Chart::Heatmap {
            title,
            rows,
            cols,
            values,
            blank_label,
            bands,
        } => heatmap(
            title,
            rows,
            cols,
            values,
            blank_label.as_deref(),
            bands,
            lang,
        ),
        Chart::Lines {
            title,
            categories,
            series,
            y_label,
        } => lines(title, categories, series, y_label, lang),
        Chart::Histogram {
            title,
            values,
            bin,
            x_label,
            y_label,
        } => histogram(title, values, *bin, x_label, y_label, lang),
    })
}

// ---------------------------------------------------------------------------------------
// Text helpers

/// Width in pixels of `text` drawn at `size`.
fn text_width(text: &str, size: f64, bold: bool) -> i32 {
    super::text::width(text, size, bold)
}

/// Text fit for one line: control characters (and U+FFFE, U+FFFF, which XML forbids)
/// become spaces, surrounding space goes, and text past 500 characters is dropped.
fn clean(text: &str) -> String {
    let s: String = text
        .chars()
        .take(500)
        .map(|c| match c {
            c if c.is_control() => ' ',
            '\u{FFFE}' | '\u{FFFF}' => ' ',
            c => c,
        })
        .collect();
    s.trim().to_string()
}

/// [`clean`]ed text, cut with "…" to at most `max_w` pixels.
fn fit(text: &str, size: f64, bold: bool, max_w: i32) -> String {
    let t = clean(text);
    if text_width(&t, size, bold) <= max_w {
        return t;
    }
    let chars: Vec<char> = t.chars().collect();
    let with_ellipsis = |n: usize| {
        let mut s: String = chars[..n].iter().collect();
        s.truncate(s.trim_end().len());
        s.push('…');
        s
    };
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if text_width(&with_ellipsis(mid), size, bold) <= max_w {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    with_ellipsis(lo)
}

/// A value with one decimal, or with none when `whole` (all values of the chart are whole).
fn fmt_value(v: f64, whole: bool) -> String {
    if whole {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A tick value with as many decimals as its step needs.
fn fmt_tick(v: f64, step: f64) -> String {
    let decimals = if step >= 1.0 || step <= 0.0 || !step.is_finite() {
        0
    } else {
        (-step.log10()).ceil().clamp(0.0, 6.0) as usize
    };
    format!("{v:.decimals$}")
}

/// A round step (1, 2 or 5 times a power of ten) giving about `target` steps over `range`.
fn nice_step(range: f64, target: f64) -> f64 {
    if !(range.is_finite() && range > 0.0) {
        return 1.0;
    }
    let raw = range / target.max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let k = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    let step = k * mag;
    if step.is_finite() && step > 0.0 {
        step
    } else {
        range
    }
}

/// Ticks 0, step, 2·step, … up to `max`.
fn ticks(max: f64, step: f64) -> Vec<f64> {
    (0..=50)
        .map(|i| f64::from(i) * step)
        .take_while(|t| *t <= max * (1.0 + 1e-9))
        .collect()
}

/// The [`clean`]ed title, `None` when there is none.
fn title_text(title: &str) -> Option<String> {
    let t = clean(title);
    (!t.is_empty()).then_some(t)
}

/// Width the title needs, margins included.
fn title_need(title: &Option<String>) -> i32 {
    title
        .as_ref()
        .map_or(0, |t| text_width(t, TITLE_SIZE, true) + 2 * M)
}

/// Places the title at the top; returns the y below it.
fn place_title(s: &mut Scene, title: &Option<String>, width: i32) -> i32 {
    match title {
        Some(t) => {
            let t = fit(t, TITLE_SIZE, true, width - 2 * M);
            s.text(Text {
                bold: true,
                ..txt(t, M, M, TITLE_SIZE, HPos::Left, VPos::Top)
            });
            M + TITLE_H
        }
        None => M,
    }
}

/// A value clamped to `lo..=hi` (NaN gives `lo`).
fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    if v.is_nan() { lo } else { v.clamp(lo, hi) }
}

// ---------------------------------------------------------------------------------------
// Charts

/// A chart without data: its title and a note.
fn empty(title: &str, lang: Lang) -> Scene {
    let title = title_text(title);
    let width = 480.max(title_need(&title)).min(MAX_W as i32);
    let mut s = Scene::new();
    let y = place_title(&mut s, &title, width);
    s.text(Text {
        color: MUTED,
        ..txt(
            lang.pick("Tidak ada data", "No data"),
            width / 2,
            y + 50,
            LABEL,
            HPos::Center,
            VPos::Center,
        )
    });
    s.size(width, y + 100 + M)
}

/// A colour key laid out in rows across `width`: (x, row) per entry, and the row count.
fn legend_rows(entries: &[(String, i32)], width: i32) -> (Vec<(i32, i32)>, i32) {
    let mut out = Vec::with_capacity(entries.len());
    let (mut x, mut row) = (M, 0);
    for (_, w) in entries {
        let need = 12 + 6 + w;
        if x > M && x + need > width - M {
            x = M;
            row += 1;
        }
        out.push((x, row));
        x += need + 18;
    }
    let rows = if entries.is_empty() { 0 } else { row + 1 };
    (out, rows)
}

fn bars(
    title: &str,
    value_label: &str,
    items: &[Bar],
    max: f64,
    legend: &[Legend],
    lang: Lang,
) -> Scene {
    if items.is_empty() {
        return empty(title, lang);
    }
    let n = items.len();
    let title = title_text(title);
    let labels: Vec<String> = items
        .iter()
        .map(|b| fit(&b.label, LABEL, false, MAX_LABEL_W))
        .collect();
    let label_w = labels
        .iter()
        .map(|l| text_width(l, LABEL, false))
        .max()
        .unwrap_or(0);
    let values: Vec<Option<f64>> = items
        .iter()
        .map(|b| b.value.filter(|v| v.is_finite()))
        .collect();
    let whole = values
        .iter()
        .flatten()
        .all(|v| v.fract() == 0.0 && v.abs() < 1e15);
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        let m = values.iter().flatten().fold(0.0f64, |a, v| a.max(*v));
        if m > 0.0 { m } else { 100.0 }
    };
    let value_texts: Vec<String> = items
        .iter()
        .zip(&values)
        .map(|(b, v)| {
            let mut t = v.map_or_else(|| "-".to_string(), |v| fmt_value(v, whole));
            if let Some(note) = b.note.as_deref().map(clean).filter(|n| !n.is_empty()) {
                t.push_str(&format!(" ({note})"));
            }
            fit(&t, SMALL, false, MAX_VALUE_W)
        })
        .collect();
    let value_w = value_texts
        .iter()
        .map(|t| text_width(t, SMALL, false))
        .max()
        .unwrap_or(0);
    let keys: Vec<(String, i32)> = legend
        .iter()
        .map(|l| {
            let t = fit(&l.label, SMALL, false, MAX_LABEL_W);
            let w = text_width(&t, SMALL, false);
            (t, w)
        })
        .collect();
    let widest_key = keys
        .iter()
        .map(|(_, w)| 12 + 6 + w + 2 * M)
        .max()
        .unwrap_or(0);

    let plot_x0 = M + label_w + 10;
    let plot_w = BAR_PLOT_W;
    let width = (plot_x0 + plot_w + 8 + value_w + M)
        .max(title_need(&title))
        .max(widest_key)
        .min(MAX_W as i32);
    let (key_pos, key_rows) = legend_rows(&keys, width);
    let top_axis = n > TOP_AXIS_FROM;
    let value_label = clean(value_label);

    // Rows thin out only when the list would pass the height limit.
    let fixed = M + TITLE_H + key_rows * 22 + 6 + TOP_AXIS + 24 + 22 + M;
    let room = (MAX_H as i32 - fixed).max(1);
    let row_h = BAR_ROW.min((room / n.max(1) as i32).max(1));
    let bar_h = if row_h == BAR_ROW {
        BAR_H
    } else {
        (row_h * 2 / 3).max(1)
    };

    let mut s = Scene::new();
    let mut y = place_title(&mut s, &title, width);
    for ((entry, (label, _)), (x, row)) in legend.iter().zip(&keys).zip(&key_pos) {
        let cy = y + row * 22 + 8;
        s.rect(*x, cy - 6, x + 12, cy + 6, entry.color);
        s.text(txt(
            label.clone(),
            x + 18,
            cy,
            SMALL,
            HPos::Left,
            VPos::Center,
        ));
    }
    if key_rows > 0 {
        y += key_rows * 22 + 6;
    }
    let step = nice_step(max, 5.0);
    let tick_values = ticks(max, step);
    let px = |v: f64| plot_x0 + (clamp(v / max, 0.0, 1.0) * f64::from(plot_w)).round() as i32;
    if top_axis {
        for t in &tick_values {
            s.text(Text {
                color: MUTED,
                ..txt(
                    fmt_tick(*t, step),
                    px(*t),
                    y + TOP_AXIS - 6,
                    SMALL,
                    HPos::Center,
                    VPos::Bottom,
                )
            });
        }
        y += TOP_AXIS;
    }
    let plot_top = y;
    let plot_bottom = y + n as i32 * row_h;
    for t in tick_values.iter().skip(1) {
        s.line(vec![(px(*t), plot_top), (px(*t), plot_bottom)], GRID, 1);
    }
    for (i, ((label, v), vt)) in labels.iter().zip(&values).zip(&value_texts).enumerate() {
        let cy = plot_top + i as i32 * row_h + row_h / 2;
        s.text(txt(
            label.clone(),
            plot_x0 - 8,
            cy,
            LABEL,
            HPos::Right,
            VPos::Center,
        ));
        let end = match v {
            Some(v) => {
                let x1 = px(*v);
                s.rect(
                    plot_x0,
                    cy - bar_h / 2,
                    x1,
                    cy - bar_h / 2 + bar_h,
                    items[i].color,
                );
                x1
            }
            None => plot_x0,
        };
        s.text(txt(
            vt.clone(),
            end + 6,
            cy,
            SMALL,
            HPos::Left,
            VPos::Center,
        ));
    }
    s.line(vec![(plot_x0, plot_top), (plot_x0, plot_bottom)], AXIS, 1);
    s.line(
        vec![(plot_x0, plot_bottom), (plot_x0 + plot_w, plot_bottom)],
        AXIS,
        1,
    );
    for t in &tick_values {
        s.line(
            vec![(px(*t), plot_bottom), (px(*t), plot_bottom + 4)],
            AXIS,
            1,
        );
        s.text(Text {
            color: MUTED,
            ..txt(
                fmt_tick(*t, step),
                px(*t),
                plot_bottom + 6,
                SMALL,
                HPos::Center,
                VPos::Top,
            )
        });
    }
    y = plot_bottom + 24;
    if !value_label.is_empty() {
        let t = fit(&value_label, LABEL, false, width - 2 * M);
        s.text(txt(
            t,
            plot_x0 + plot_w / 2,
            y + 2,
            LABEL,
            HPos::Center,
            VPos::Top,
        ));
        y += 22;
    }
    s.size(width, y + M)
}

fn heatmap(
    title: &str,
    rows: &[String],
    cols: &[String],
    values: &[Vec<Option<f64>>],
    blank: Option<&str>,
    bands: &[super::KeyBand],
    lang: Lang,
) -> Scene {
    let fill = |v: f64| {
        if bands.is_empty() {
            scale_color(v)
        } else {
            bands
                .iter()
                .find(|b| v >= b.min)
                .or(bands.last())
                .map_or(NONE_FILL, |b| b.color)
        }
    };
    if rows.is_empty() || cols.is_empty() {
        return empty(title, lang);
    }
    let (nr, nc) = (rows.len() as i32, cols.len() as i32);
    let title = title_text(title);
    let row_labels: Vec<String> = rows
        .iter()
        .map(|r| fit(r, LABEL, false, MAX_LABEL_W))
        .collect();
    let row_w = row_labels
        .iter()
        .map(|l| text_width(l, LABEL, false))
        .max()
        .unwrap_or(0);
    let col_labels: Vec<String> = cols
        .iter()
        .map(|c| fit(c, SMALL, false, MAX_COL_LABEL))
        .collect();
    let col_w = col_labels
        .iter()
        .map(|l| text_width(l, SMALL, false))
        .max()
        .unwrap_or(0);

    let grid_x0 = M + row_w + 10;
    let cell_w = CELL_W.min(((MAX_W as i32 - grid_x0 - M) / nc).max(2));
    let horizontal = col_w <= cell_w - 8;
    let header_h = if horizontal { 24 } else { col_w + 12 };
    // A band key may take two rows.
    let key_h = if bands.is_empty() {
        12 + 4 + 18
    } else {
        2 * 22 + 4
    };
    let grid_y0_rel = header_h;
    let fixed = M + TITLE_H + grid_y0_rel + 16 + key_h + M;
    let cell_h = CELL_H.min(((MAX_H as i32 - fixed) / nr).max(2));

    let no_data = blank.unwrap_or(lang.pick("tidak ada data", "no data"));
    let key_w = if bands.is_empty() {
        200 + 24 + 12 + 6 + text_width(no_data, SMALL, false)
    } else {
        bands
            .iter()
            .map(|b| 12 + 6 + text_width(&b.label, SMALL, false) + 18)
            .sum::<i32>()
            .min(MAX_W as i32 - 2 * M)
    };
    let width = (grid_x0 + nc * cell_w + M)
        .max(title_need(&title))
        .max(key_w + 2 * M)
        .min(MAX_W as i32);

    let mut s = Scene::new();
    let y = place_title(&mut s, &title, width);
    let grid_y0 = y + header_h;
    for (j, label) in col_labels.iter().enumerate() {
        let cx = grid_x0 + j as i32 * cell_w + cell_w / 2;
        if horizontal {
            s.text(txt(
                label.clone(),
                cx,
                grid_y0 - 6,
                SMALL,
                HPos::Center,
                VPos::Bottom,
            ));
        } else {
            s.text(Text {
                vertical: true,
                ..txt(
                    label.clone(),
                    cx,
                    grid_y0 - 6,
                    SMALL,
                    HPos::Left,
                    VPos::Center,
                )
            });
        }
    }
    for (i, label) in row_labels.iter().enumerate() {
        let y0 = grid_y0 + i as i32 * cell_h;
        s.text(txt(
            label.clone(),
            grid_x0 - 8,
            y0 + cell_h / 2,
            LABEL,
            HPos::Right,
            VPos::Center,
        ));
        for j in 0..cols.len() {
            let v = values
                .get(i)
                .and_then(|r| r.get(j))
                .copied()
                .flatten()
                .filter(|v| v.is_finite());
            let x0 = grid_x0 + j as i32 * cell_w;
            let (x1, y1) = (x0 + cell_w - 1, y0 + cell_h - 1);
            match v {
                Some(v) => {
                    s.rect(x0, y0, x1.max(x0 + 1), y1.max(y0 + 1), fill(v));
                    let t = format!("{v:.1}");
                    if text_width(&t, SMALL, false) <= cell_w - 4 && cell_h >= 14 {
                        s.text(txt(
                            t,
                            x0 + cell_w / 2,
                            y0 + cell_h / 2,
                            SMALL,
                            HPos::Center,
                            VPos::Center,
                        ));
                    }
                }
                None => s.rect(x0, y0, x1.max(x0 + 1), y1.max(y0 + 1), NONE_FILL),
            }
        }
    }

    let ky = grid_y0 + nr * cell_h + 16;
    if !bands.is_empty() {
        // Key: each band and the fill of a missing value.
        let entries: Vec<(String, u32)> = bands
            .iter()
            .map(|b| (b.label.clone(), b.color))
            .chain(std::iter::once((no_data.to_string(), NONE_FILL)))
            .collect();
        let sized: Vec<(String, i32)> = entries
            .iter()
            .map(|(l, _)| (l.clone(), text_width(l, SMALL, false)))
            .collect();
        let (pos, key_rows) = legend_rows(&sized, width);
        for ((label, color), (x, row)) in entries.iter().zip(&pos) {
            let cy = ky + row * 22 + 6;
            s.rect(*x, cy - 6, x + 12, cy + 6, *color);
            s.text(Text {
                color: MUTED,
                ..txt(label.clone(), x + 18, cy, SMALL, HPos::Left, VPos::Center)
            });
        }
        return s.size(width, ky + key_rows * 22 + 4 + M);
    }
    // Key: the colour scale 0..100 and the fill of a missing value.
    let kx = M;
    for k in 0..50 {
        let v = f64::from(k) * 100.0 / 49.0;
        s.rect(kx + k * 4, ky, kx + k * 4 + 4, ky + 12, scale_color(v));
    }
    for (v, h) in [(0, HPos::Left), (50, HPos::Center), (100, HPos::Right)] {
        s.text(Text {
            color: MUTED,
            ..txt(v.to_string(), kx + v * 2, ky + 16, SMALL, h, VPos::Top)
        });
    }
    let gx = kx + 200 + 24;
    s.rect(gx, ky, gx + 12, ky + 12, NONE_FILL);
    s.text(Text {
        color: MUTED,
        ..txt(no_data, gx + 18, ky + 6, SMALL, HPos::Left, VPos::Center)
    });
    s.size(width, ky + key_h + M)
}

fn lines(
    title: &str,
    categories: &[String],
    series: &[Series],
    y_label: &str,
    lang: Lang,
) -> Scene {
    if categories.is_empty() || series.is_empty() {
        return empty(title, lang);
    }
    let nc = categories.len() as i32;
    let title = title_text(title);
    let cats: Vec<String> = categories
        .iter()
        .map(|c| fit(c, SMALL, false, 140))
        .collect();
    let cat_w = cats
        .iter()
        .map(|c| text_width(c, SMALL, false))
        .max()
        .unwrap_or(0);
    let names: Vec<String> = series
        .iter()
        .map(|s| fit(&s.name, LABEL, false, 300))
        .collect();
    let name_w = names
        .iter()
        .map(|n| text_width(n, LABEL, false))
        .max()
        .unwrap_or(0);
    let y_label = clean(y_label);

    let tick_w = text_width("100", SMALL, false);
    let plot_x0 = M + if y_label.is_empty() { 0 } else { 24 } + tick_w + 8;
    let legend_w = 32 + name_w;
    let max_plot_w = MAX_W as i32 - plot_x0 - 20 - legend_w - M;
    let plot_w = (nc * 60).clamp(480, 1400).min(max_plot_w.max(100));
    let slot = f64::from(plot_w) / f64::from(nc);
    let horizontal = f64::from(cat_w) <= slot - 6.0;
    // Vertical labels: every k-th category when they would touch.
    let every = if horizontal {
        1
    } else {
        (18.0 / slot).ceil().max(1.0) as usize
    };
    let x_area = if horizontal { 24 } else { cat_w + 14 };
    let plot_h = 300;
    let width = (plot_x0 + plot_w + 20 + legend_w + M)
        .max(title_need(&title))
        .min(MAX_W as i32);

    let mut s = Scene::new();
    let y0 = place_title(&mut s, &title, width) + 8;
    let y1 = y0 + plot_h;
    let py = |v: f64| y1 - (clamp(v, 0.0, 100.0) / 100.0 * f64::from(plot_h)).round() as i32;
    let px = |i: usize| plot_x0 + ((i as f64 + 0.5) * slot).round() as i32;
    for t in (0..=100).step_by(20) {
        let yy = py(f64::from(t));
        if t > 0 {
            s.line(vec![(plot_x0, yy), (plot_x0 + plot_w, yy)], GRID, 1);
        }
        s.text(Text {
            color: MUTED,
            ..txt(
                t.to_string(),
                plot_x0 - 6,
                yy,
                SMALL,
                HPos::Right,
                VPos::Center,
            )
        });
    }
    if !y_label.is_empty() {
        let t = fit(&y_label, LABEL, false, plot_h);
        s.text(Text {
            vertical: true,
            ..txt(t, M + 8, y0 + plot_h / 2, LABEL, HPos::Center, VPos::Center)
        });
    }
    s.line(vec![(plot_x0, y0), (plot_x0, y1)], AXIS, 1);
    s.line(vec![(plot_x0, y1), (plot_x0 + plot_w, y1)], AXIS, 1);
    for (i, c) in cats.iter().enumerate() {
        let x = px(i);
        s.line(vec![(x, y1), (x, y1 + 4)], AXIS, 1);
        if i % every != 0 {
            continue;
        }
        if horizontal {
            s.text(txt(c.clone(), x, y1 + 6, SMALL, HPos::Center, VPos::Top));
        } else {
            s.text(Text {
                vertical: true,
                ..txt(c.clone(), x, y1 + 6, SMALL, HPos::Right, VPos::Center)
            });
        }
    }
    for ser in series {
        let pts: Vec<Option<(i32, i32)>> = (0..categories.len())
            .map(|i| {
                ser.values
                    .get(i)
                    .copied()
                    .flatten()
                    .filter(|v| v.is_finite())
                    .map(|v| (px(i), py(v)))
            })
            .collect();
        for run in pts.split(|p| p.is_none()) {
            let run: Vec<(i32, i32)> = run.iter().flatten().copied().collect();
            s.line(run, ser.color, 2);
        }
        for (x, y) in pts.iter().flatten() {
            s.items.push(Item::Dot {
                x: *x,
                y: *y,
                r: 4,
                color: ser.color & 0xFF_FFFF,
            });
        }
    }
    let lx = plot_x0 + plot_w + 20;
    for (i, (ser, name)) in series.iter().zip(&names).enumerate() {
        let cy = y0 + 8 + i as i32 * 22;
        s.line(vec![(lx, cy), (lx + 24, cy)], ser.color, 2);
        s.items.push(Item::Dot {
            x: lx + 12,
            y: cy,
            r: 4,
            color: ser.color & 0xFF_FFFF,
        });
        s.text(txt(
            name.clone(),
            lx + 32,
            cy,
            LABEL,
            HPos::Left,
            VPos::Center,
        ));
    }
    let legend_bottom = y0 + 8 + series.len() as i32 * 22;
    s.size(width, (y1 + x_area).max(legend_bottom) + M)
}

fn histogram(
    title: &str,
    values: &[f64],
    bin: f64,
    x_label: &str,
    y_label: &str,
    lang: Lang,
) -> Scene {
    let counts = bin_counts(values, bin);
    let total: usize = counts.iter().sum();
    if total == 0 {
        return empty(title, lang);
    }
    let w = bin_width(bin);
    let nb = counts.len();
    let title = title_text(title);
    let x_label = clean(x_label);
    let y_label = clean(y_label);
    let max_count = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let y_step = nice_step(max_count * 1.1, 5.0).max(1.0).round();
    let y_top = ((max_count * 1.1) / y_step).ceil().max(1.0) * y_step;
    let y_ticks = ticks(y_top, y_step);
    let tick_w = y_ticks
        .iter()
        .map(|t| text_width(&fmt_tick(*t, y_step), SMALL, false))
        .max()
        .unwrap_or(0);

    let plot_x0 = M + if y_label.is_empty() { 0 } else { 24 } + tick_w + 8;
    let plot_w = (nb as i32 * 44).clamp(480, 1600);
    let plot_h = 300;
    let width = (plot_x0 + plot_w + 3 * M)
        .max(title_need(&title))
        .min(MAX_W as i32);

    let mut s = Scene::new();
    let y0 = place_title(&mut s, &title, width) + 8;
    let y1 = y0 + plot_h;
    let px = |v: f64| plot_x0 + (clamp(v, 0.0, 100.0) / 100.0 * f64::from(plot_w)).round() as i32;
    let py = |c: f64| y1 - (c / y_top * f64::from(plot_h)).round() as i32;
    for t in &y_ticks {
        let yy = py(*t);
        if *t > 0.0 {
            s.line(vec![(plot_x0, yy), (plot_x0 + plot_w, yy)], GRID, 1);
        }
        s.text(Text {
            color: MUTED,
            ..txt(
                fmt_tick(*t, y_step),
                plot_x0 - 6,
                yy,
                SMALL,
                HPos::Right,
                VPos::Center,
            )
        });
    }
    for (i, c) in counts.iter().enumerate() {
        let (a, b) = (i as f64 * w, ((i + 1) as f64 * w).min(100.0));
        let (x0, x1) = (px(a) + 1, px(b) - 1);
        let top = py(*c as f64);
        s.rect(x0, top, x1.max(x0 + 1), y1, HIST_FILL);
        s.text(txt(
            c.to_string(),
            (x0 + x1) / 2,
            top - 3,
            SMALL,
            HPos::Center,
            VPos::Bottom,
        ));
    }
    s.line(vec![(plot_x0, y0), (plot_x0, y1)], AXIS, 1);
    s.line(vec![(plot_x0, y1), (plot_x0 + plot_w, y1)], AXIS, 1);
    // X ticks at the bin edges, or at round steps when bins are many.
    let edges: Vec<f64> = if nb <= 20 {
        (0..nb).map(|i| i as f64 * w).chain([100.0]).collect()
    } else {
        ticks(100.0, 10.0)
    };
    let x_step = if nb <= 20 { w } else { 10.0 };
    for e in edges {
        s.line(vec![(px(e), y1), (px(e), y1 + 4)], AXIS, 1);
        s.text(Text {
            color: MUTED,
            ..txt(
                fmt_tick(e, x_step),
                px(e),
                y1 + 6,
                SMALL,
                HPos::Center,
                VPos::Top,
            )
        });
    }
    let mut y = y1 + 26;
    if !x_label.is_empty() {
        let t = fit(&x_label, LABEL, false, width - 2 * M);
        s.text(txt(
            t,
            plot_x0 + plot_w / 2,
            y,
            LABEL,
            HPos::Center,
            VPos::Top,
        ));
        y += 22;
    }
    if !y_label.is_empty() {
        let t = fit(&y_label, LABEL, false, plot_h);
        s.text(Text {
            vertical: true,
            ..txt(t, M + 8, y0 + plot_h / 2, LABEL, HPos::Center, VPos::Center)
        });
    }
    s.size(width, y + M)
}
