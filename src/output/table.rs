//! Tables: columns that carry the header a person reads beside their key and values
//! ([`Sheet`]), and their rendering on the console.

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use polars::prelude::*;

use crate::error::{Result, polars_err};

/// A table being built for a sheet, a CSV or the console: each column's key (its name in
/// the frame and the CSV/Parquet header), the header a person reads (in the run's
/// language) and its values, added together so that headers and columns cannot drift
/// apart. [`Sheet::finish`] gives the frame and the headers in column order, as
/// [`crate::output::xlsx::write_frame`] takes them.
#[derive(Default)]
pub struct Sheet {
    columns: Vec<Column>,
    headers: Vec<String>,
}

impl Sheet {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a column.
    pub fn push<V, T: ?Sized>(&mut self, key: &str, header: impl Into<String>, values: V)
    where
        Series: NamedFrom<V, T>,
    {
        self.columns.push(Column::new(key.into(), values));
        self.headers.push(header.into());
    }

    /// The frame of `height` rows and its headers; `what` names the table in an error.
    pub fn finish(self, height: usize, what: &str) -> Result<(DataFrame, Vec<String>)> {
        let df = DataFrame::new(height, self.columns).map_err(|e| polars_err(what, e))?;
        Ok((df, self.headers))
    }
}

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
