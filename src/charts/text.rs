//! Text in the embedded font: measured for the layout, and rasterized for the bitmap.
//!
//! plotters 0.3.7 can draw text with a registered font, but its ab_glyph renderer drops
//! each glyph's left side bearing and rounds the pen to whole pixels per glyph, which
//! spaces letters unevenly ("Bal ai Besar"). Bitmap text is therefore drawn here with
//! ab_glyph directly, glyph by glyph at sub-pixel positions. It is placed the way an SVG
//! viewer places the `<text>` plotters writes for the same item (font-size `size / 1.24`,
//! `dy` of `0.76em`, `0.5ex` or `-0.5ex`), so PNG and SVG look alike.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont, point};
use plotters::style::text_anchor::{HPos, VPos};

use super::{FONT_BOLD, FONT_REGULAR};

/// Half the x-height of DejaVu Sans in em (x-height 1118 of 2048 units): SVG's `0.5ex`.
const HALF_EX: f32 = 0.273;

struct Faces {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

fn faces() -> Option<&'static Faces> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            Some(Faces {
                regular: FontRef::try_from_slice(FONT_REGULAR).ok()?,
                bold: FontRef::try_from_slice(FONT_BOLD).ok()?,
            })
        })
        .as_ref()
}

/// Whether the embedded fonts parse.
pub(super) fn available() -> bool {
    faces().is_some()
}

/// Pixels per em of a text of plotters size `size`: the font-size plotters writes in SVG.
fn em(size: f64) -> f32 {
    (size / 1.24) as f32
}

fn face_and_scale(size: f64, bold: bool) -> Option<(&'static FontRef<'static>, PxScale)> {
    let f = faces()?;
    let font = if bold { &f.bold } else { &f.regular };
    let upem = font.units_per_em()?;
    Some((
        font,
        PxScale::from(em(size) * font.height_unscaled() / upem),
    ))
}

/// Pen positions of each glyph along the line, and the total advance.
fn shape(font: &FontRef<'static>, scale: PxScale, text: &str) -> (Vec<(GlyphId, f32)>, f32) {
    let sf = font.as_scaled(scale);
    let mut pen = 0.0f32;
    let mut prev: Option<GlyphId> = None;
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = prev {
            pen += sf.kern(p, id);
        }
        out.push((id, pen));
        pen += sf.h_advance(id);
        prev = Some(id);
    }
    (out, pen)
}

/// Width in pixels of `text` at plotters size `size` (an estimate if the font is missing).
pub(super) fn width(text: &str, size: f64, bold: bool) -> i32 {
    match face_and_scale(size, bold) {
        Some((font, scale)) => shape(font, scale, text).1.ceil() as i32,
        None => (text.chars().count() as f64 * size * 0.5).ceil() as i32,
    }
}

/// Where a text goes and how it is anchored there.
pub(super) struct Placement {
    pub x: i32,
    pub y: i32,
    pub size: f64,
    pub bold: bool,
    pub h: HPos,
    pub v: VPos,
    /// Rotated a quarter turn to read bottom to top, about (x, y).
    pub vertical: bool,
}

/// Rasterizes `text`, calling `put(x, y, coverage)` for each touched pixel.
pub(super) fn draw(text: &str, at: &Placement, mut put: impl FnMut(i32, i32, f32)) {
    let Some((font, scale)) = face_and_scale(at.size, at.bold) else {
        return;
    };
    let (glyphs, w) = shape(font, scale, text);
    let em = em(at.size);
    let x0 = match at.h {
        HPos::Left => 0.0,
        HPos::Center => -w / 2.0,
        HPos::Right => -w,
    };
    let baseline = match at.v {
        VPos::Top => 0.76 * em,
        VPos::Center => HALF_EX * em,
        VPos::Bottom => -HALF_EX * em,
    };
    for (id, pen) in glyphs {
        let glyph = id.with_scale_and_position(scale, point(x0 + pen, baseline));
        let Some(outline) = font.outline_glyph(glyph) else {
            continue;
        };
        let b = outline.px_bounds();
        let (bx, by) = (b.min.x as i32, b.min.y as i32);
        outline.draw(|gx, gy, c| {
            // Offsets from the anchor in text space, then turned for vertical text.
            let (tx, ty) = (bx + gx as i32, by + gy as i32);
            let (dx, dy) = if at.vertical { (ty, -tx) } else { (tx, ty) };
            put(at.x + dx, at.y + dy, c.clamp(0.0, 1.0));
        });
    }
}
