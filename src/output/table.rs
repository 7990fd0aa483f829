//! Console tables.

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use polars::prelude::*;

/// Renders every column of a frame as a console table under the given headers (one per
/// column, in order).
pub fn render_all(df: &DataFrame, headers: &[String]) -> String {
    let cols: Vec<(&str, String)> = df
        .get_column_names()
        .iter()
        .zip(headers)
        .map(|(n, h)| (n.as_str(), h.clone()))
        .collect();
    render(df, &cols)
}

/// Renders selected columns of a frame as a console table.
pub fn render(df: &DataFrame, columns: &[(&str, String)]) -> String {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    t.set_header(columns.iter().map(|(_, h)| Cell::new(h)));
    let cols: Vec<Option<Column>> = columns
        .iter()
        .map(|(n, _)| df.column(n).ok().map(|c| c.rechunk()))
        .collect();
    for i in 0..df.height() {
        let row: Vec<Cell> = cols
            .iter()
            .map(|c| match c {
                None => Cell::new(""),
                Some(c) => {
                    let v = c.get(i).unwrap_or(AnyValue::Null);
                    let numeric = c.dtype().is_primitive_numeric();
                    let text = match v {
                        AnyValue::Null => "-".to_string(),
                        AnyValue::String(s) => s.to_string(),
                        AnyValue::StringOwned(s) => s.to_string(),
                        AnyValue::Float64(f) => format!("{f:.2}"),
                        AnyValue::Float32(f) => format!("{f:.2}"),
                        other => other.to_string(),
                    };
                    let cell = Cell::new(text);
                    if numeric {
                        cell.set_alignment(CellAlignment::Right)
                    } else {
                        cell
                    }
                }
            })
            .collect();
        t.add_row(row);
    }
    super::console(&t.to_string()).into_owned()
}
