//! Reading back workbooks this tool wrote (self-assessment templates, review sheets): a
//! hidden meta sheet of key–value pairs, and a sheet whose hidden key row names the
//! columns, so reading does not depend on positions or on the labels' language.

use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;

use calamine::{Data, Range, Reader, Sheets};

/// A workbook opened from a file.
pub type Workbook = Sheets<BufReader<File>>;

/// A cell as trimmed text ("" when empty).
pub fn text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.trim().to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string().trim().to_string(),
    }
}

/// The key–value pairs of the meta sheet (columns A and B), or None without that sheet.
pub fn meta(
    wb: &mut Sheets<BufReader<File>>,
    path: &std::path::Path,
    sheet: &str,
) -> Option<HashMap<String, String>> {
    if !wb.sheet_names().iter().any(|n| n == sheet) {
        return None;
    }
    let range = super::workbook::sheet_range(wb, path, sheet).ok()?;
    Some(
        range
            .rows()
            .map(|r| (text(r.first()), text(r.get(1))))
            .filter(|(k, _)| !k.is_empty())
            .collect(),
    )
}

/// Opens a workbook this tool wrote: its meta sheet must exist and carry `format`. Returns
/// the workbook and the meta pairs; `not_ours` is the error when it is someone else's file.
pub fn open_own(
    path: &std::path::Path,
    meta_sheet: &str,
    format_key: &str,
    format_value: &str,
    not_ours: crate::error::Msg,
) -> crate::error::Result<(Workbook, HashMap<String, String>)> {
    let mut wb = super::workbook::open(path)?;
    let err = || crate::error::Error::new(crate::error::Location::file(path), not_ours.clone());
    let m = meta(&mut wb, path, meta_sheet).ok_or_else(err)?;
    if m.get(format_key).map(String::as_str) != Some(format_value) {
        return Err(err());
    }
    Ok((wb, m))
}

/// A sheet with a key row.
pub struct KeyedSheet {
    pub name: String,
    pub range: Range<Data>,
    /// Row of the keys within the range (0-based).
    pub key_row: usize,
    /// The key of each column of the range ("" for unnamed ones).
    pub keys: Vec<String>,
    /// Sheet position of the range's first cell (row, column), for cell references.
    pub start: (u32, u32),
}

impl KeyedSheet {
    /// Column of a key within the range.
    pub fn col(&self, key: &str) -> Option<usize> {
        self.keys.iter().position(|k| k == key)
    }
}

/// The first sheet other than `skip` whose key row (within its first 15 rows) satisfies
/// `want`.
pub fn find(
    wb: &mut Sheets<BufReader<File>>,
    path: &std::path::Path,
    skip: &str,
    want: impl Fn(&[String]) -> bool,
) -> Option<KeyedSheet> {
    for name in wb.sheet_names() {
        if name == skip {
            continue;
        }
        let Ok(range) = super::workbook::sheet_range(wb, path, &name) else {
            continue;
        };
        let start = range.start().unwrap_or((0, 0));
        let hit = range.rows().take(15).enumerate().find_map(|(i, row)| {
            let keys: Vec<String> = row.iter().map(|c| text(Some(c))).collect();
            want(&keys).then_some((i, keys))
        });
        if let Some((key_row, keys)) = hit {
            return Some(KeyedSheet {
                name,
                range,
                key_row,
                keys,
                start,
            });
        }
    }
    None
}
