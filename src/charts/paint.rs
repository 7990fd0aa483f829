//! Painting a [`Scene`] with plotters: on the bitmap backend (an RGB buffer, then encoded
//! as PNG here) or on the SVG backend (a string).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::Pos;

use super::FONT_FAMILY;
use super::scene::{Item, Scene};
use super::text::Placement;
use crate::error::{Error, Result};

fn draw_err(e: impl std::fmt::Display) -> Error {
    Error::plain(msg!(
        "gagal menggambar grafik: {e}",
        "cannot draw the chart: {e}"
    ))
}

fn rgb(c: u32) -> RGBColor {
    RGBColor((c >> 16) as u8, (c >> 8) as u8, c as u8)
}

/// The scene as PNG bytes (8-bit RGB, fixed compression settings so the bytes are stable).
pub(super) fn png(scene: &Scene) -> Result<Vec<u8>> {
    let (w, h) = (scene.width, scene.height);
    let mut buf = vec![0xFFu8; w as usize * h as usize * 3];
    {
        let backend: BitMapBackend<'_> =
            BitMapBackend::with_buffer_and_format(&mut buf, (w, h)).map_err(draw_err)?;
        let root = backend.into_drawing_area();
        paint(&root, scene, true)?;
        root.present().map_err(draw_err)?;
    }
    encode_png(&buf, w, h)
}

/// The scene as an SVG document.
pub(super) fn svg(scene: &Scene) -> Result<Vec<u8>> {
    let mut out = String::new();
    {
        let backend = SVGBackend::with_string(&mut out, (scene.width, scene.height));
        let root = backend.into_drawing_area();
        paint(&root, scene, false)?;
        root.present().map_err(draw_err)?;
    }
    Ok(out.into_bytes())
}

fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>> {
    let png_err = |e: png::EncodingError| {
        Error::plain(msg!("gagal membuat PNG: {e}", "cannot encode the PNG: {e}"))
    };
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Balanced);
    enc.set_filter(png::Filter::Adaptive);
    let mut writer = enc.write_header().map_err(png_err)?;
    writer.write_image_data(rgb).map_err(png_err)?;
    writer.finish().map_err(png_err)?;
    Ok(out)
}

fn paint<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scene: &Scene,
    bitmap: bool,
) -> Result<()> {
    root.fill(&WHITE).map_err(draw_err)?;
    for item in &scene.items {
        match item {
            Item::Rect {
                x0,
                y0,
                x1,
                y1,
                color,
            } => root.draw(&Rectangle::new(
                [(*x0, *y0), (*x1, *y1)],
                rgb(*color).filled(),
            )),
            Item::Line {
                points,
                color,
                width,
            } => root.draw(&PathElement::new(
                points.clone(),
                rgb(*color).stroke_width(*width),
            )),
            Item::Dot { x, y, r, color } => root
                .draw(&Circle::new((*x, *y), *r + 1, WHITE.filled()))
                .and_then(|()| root.draw(&Circle::new((*x, *y), *r, rgb(*color).filled()))),
            Item::Text {
                text,
                x,
                y,
                size,
                bold,
                color,
                h,
                v,
                vertical,
            } => {
                if bitmap {
                    let c = rgb(*color);
                    let at = Placement {
                        x: *x,
                        y: *y,
                        size: *size,
                        bold: *bold,
                        h: *h,
                        v: *v,
                        vertical: *vertical,
                    };
                    let mut result = Ok(());
                    super::text::draw(text, &at, |px, py, cover| {
                        if result.is_ok() && cover > 0.0 {
                            result = root.draw_pixel((px, py), &c.mix(f64::from(cover)));
                        }
                    });
                    result
                } else {
                    let weight = if *bold {
                        FontStyle::Bold
                    } else {
                        FontStyle::Normal
                    };
                    let c = rgb(*color);
                    let font = FontDesc::new(FontFamily::Name(FONT_FAMILY), *size, weight);
                    let mut style = TextStyle::from(font).color(&c).pos(Pos::new(*h, *v));
                    if *vertical {
                        style = style.transform(FontTransform::Rotate270);
                    }
                    root.draw_text(text, &style, (*x, *y))
                }
            }
        }
        .map_err(draw_err)?;
    }
    Ok(())
}
