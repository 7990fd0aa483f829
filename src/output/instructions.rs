//! An instruction sheet ("Petunjuk"): lines of text in one wide column, each wrapped in
//! its cell with a row tall enough for its lines, so that no text runs into a neighbouring
//! cell or off the printed page (A4 portrait, one page wide).

use rust_xlsxwriter::{Format, FormatAlign, Worksheet};

use crate::error::Result;
use crate::output::xlsx::xlsx_err;

/// Width of the text column, in characters: fits an A4 portrait page at the default font.
pub const WIDTH: f64 = 90.0;

/// Characters that fit on one line of the column (a little under its width: proportional
/// fonts).
const PER_LINE: usize = 80;

/// Lines a text takes when wrapped at [`PER_LINE`] characters, word by word.
pub fn wrapped_lines(text: &str) -> usize {
    text.split('\n')
        .map(|para| {
            let mut lines = 1;
            let mut used = 0;
            for w in para.split_whitespace() {
                let n = w.chars().count();
                if used > 0 && used + 1 + n > PER_LINE {
                    lines += 1;
                    used = n;
                } else {
                    used += if used > 0 { n + 1 } else { n };
                }
            }
            lines
        })
        .sum()
}

/// Writes `lines` from the top of column A; a line `heading` says is bold (the first, the
/// title, larger). Sets the column width, each row's height and the page set-up.
pub fn write(ws: &mut Worksheet, lines: &[String], heading: impl Fn(&str) -> bool) -> Result<()> {
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    ws.set_column_width(0, WIDTH).map_err(xlsx_err)?;
    for (r, l) in lines.iter().enumerate() {
        let (f, line_height) = if r == 0 {
            (&title, 20.0)
        } else if heading(l) {
            (&bold, 15.0)
        } else {
            (&wrap, 15.0)
        };
        let r = r as u32;
        ws.write_string_with_format(r, 0, l, f).map_err(xlsx_err)?;
        let n = if l.is_empty() { 1 } else { wrapped_lines(l) };
        ws.set_row_height(r, line_height * n as f64 + 2.0)
            .map_err(xlsx_err)?;
    }
    ws.set_paper_size(9);
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::wrapped_lines;

    #[test]
    fn long_lines_wrap_by_words() {
        assert_eq!(wrapped_lines(""), 1);
        assert_eq!(wrapped_lines("Cara mengisi"), 1);
        let long = "kata ".repeat(40);
        // 40 words of 4 letters: 16 fit on a line of 80.
        assert_eq!(wrapped_lines(&long), 3);
        assert_eq!(wrapped_lines("a\nb"), 2);
    }
}
