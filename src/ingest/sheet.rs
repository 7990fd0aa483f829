//! Workbooks (XLSX, XLSM, XLSB, XLS, ODS) through calamine.
//!
//! The first sheet is read unless a sheet is named. The header row is searched in the first
//! rows, below any title rows. Date cells become ISO text; numbers in date columns stay
//! numbers as text and are read as Excel serials by [`super::dates`].

use std::path::Path;

use calamine::{Data, Reader};

use super::columns::{find_header_row, map_headers};
use super::{HEADER_SEARCH_ROWS, IngestOptions, SourceInfo, Table, frame_from_strings};
use crate::error::{Error, Location, Msg, Result};

/// A cell as text; `None` for empty and error cells.
pub fn cell_text(cell: &Data) -> Option<String> {
    match cell {
        Data::Empty => None,
        Data::String(s) => Some(s.clone()),
        Data::Int(i) => Some(i.to_string()),
        Data::Float(f) => Some(float_text(*f)),
        Data::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) => Some(d.format("%Y-%m-%d %H:%M:%S").to_string()),
            None => Some(float_text(dt.as_f64())),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s.clone()),
        Data::Error(_) => None,
    }
}

/// A number as a person would type it: `4821937`, not `4821937.0`.
fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// The sheet a user named: the exact name, else the one name equal ignoring case
/// (`laporan` finds "Laporan"); otherwise a message listing the sheets there are.
pub fn find_sheet(names: &[String], wanted: &str) -> std::result::Result<String, Msg> {
    if let Some(n) = names.iter().find(|n| *n == wanted) {
        return Ok(n.clone());
    }
    let folded = wanted.trim().to_lowercase();
    let close: Vec<&String> = names
        .iter()
        .filter(|n| n.trim().to_lowercase() == folded)
        .collect();
    let list = names.join("\", \"");
    match close.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(msg!(
            "sheet \"{wanted}\" tidak ada; sheet yang ada: \"{list}\"",
            "there is no sheet \"{wanted}\"; sheets: \"{list}\""
        )),
        several => {
            let several = several
                .iter()
                .map(|n| n.as_str())
                .collect::<Vec<_>>()
                .join("\", \"");
            Err(msg!(
                "sheet \"{wanted}\" tidak ada; yang mirip (beda huruf besar/kecil): \"{several}\"; tulis namanya persis",
                "there is no sheet \"{wanted}\"; these differ only in case: \"{several}\"; give the exact name"
            ))
        }
    }
}

pub fn read(path: &Path, opts: &IngestOptions) -> Result<Table> {
    let mut wb = super::workbook::open(path)?;
    let names = wb.sheet_names();
    let mut hidden: Vec<String> = Vec::new();
    let sheet = match &opts.sheet {
        Some(s) => find_sheet(&names, s).map_err(|m| Error::new(Location::file(path), m))?,
        // The first sheet a person opening the workbook sees: hidden sheets and chart
        // sheets are passed over, and said so.
        None => {
            let meta = wb.sheets_metadata().to_vec();
            let shown = meta.iter().position(|m| {
                m.visible == calamine::SheetVisible::Visible
                    && m.typ == calamine::SheetType::WorkSheet
            });
            match shown {
                Some(k) => {
                    hidden = meta[..k]
                        .iter()
                        .filter(|m| m.visible != calamine::SheetVisible::Visible)
                        .map(|m| m.name.clone())
                        .collect();
                    meta[k].name.clone()
                }
                None => names.first().cloned().ok_or_else(|| {
                    Error::new(
                        Location::file(path),
                        msg!("workbook tidak berisi sheet", "the workbook has no sheet"),
                    )
                })?,
            }
        }
    };
    let range = super::workbook::sheet_range(&mut wb, path, &sheet)?;
    let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let first_col = range.start().map(|(_, c)| c as usize).unwrap_or(0);
    // Cells left of the used range are empty: pad so column positions match the sheet.
    let text_row = |row: &[Data]| -> Vec<String> {
        std::iter::repeat_n(String::new(), first_col)
            .chain(row.iter().map(|c| cell_text(c).unwrap_or_default()))
            .collect()
    };
    let head: Vec<Vec<String>> = range
        .rows()
        .take(HEADER_SEARCH_ROWS)
        .map(text_row)
        .collect();
    let header_idx = find_header_row(&opts.specs, &head).ok_or_else(|| {
        Error::new(
            Location::file(path).with_sheet(&sheet),
            msg!(
                "baris judul kolom tidak ditemukan di {HEADER_SEARCH_ROWS} baris pertama; diharapkan judul seperti \"No. Tiket\", \"Unit Kerja\", \"Jawaban\"",
                "no header row found in the first {HEADER_SEARCH_ROWS} rows; expected headers such as \"No. Tiket\", \"Unit Kerja\", \"Jawaban\""
            ),
        )
    })?;
    let header_row = first_row + header_idx + 1;
    let place = Location::file(path).with_sheet(&sheet).with_row(header_row);
    let mapping = map_headers(&opts.specs, &head[header_idx], &place)?;

    let mut values: Vec<Vec<Option<String>>> = vec![Vec::new(); mapping.columns.len()];
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate().skip(header_idx + 1) {
        let cells: Vec<Option<String>> = mapping
            .columns
            .iter()
            .map(|(_, idx, _)| {
                idx.checked_sub(first_col)
                    .and_then(|j| row.get(j))
                    .and_then(cell_text)
            })
            .collect();
        // Entirely empty rows (often below the data) are not records.
        if cells
            .iter()
            .all(|c| c.as_deref().is_none_or(|s| s.trim().is_empty()))
        {
            continue;
        }
        for (v, c) in values.iter_mut().zip(cells) {
            v.push(c);
        }
        rows.push((first_row + i + 1) as u32);
    }
    let df = frame_from_strings(path, &mapping, values, rows)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_uppercase();
    let n = df.height();
    Ok(Table {
        df,
        source: SourceInfo {
            hidden_skipped: hidden,
            path: path.to_path_buf(),
            format: ext,
            sheet: Some(sheet),
            header_row,
            mapping,
            rows: n,
        },
    })
}

#[cfg(test)]
mod find_sheet_tests {
    use super::find_sheet;
    use crate::i18n::Lang;

    fn names(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn sheet_names_ignore_case_exact_preferred() {
        let n = names(&["Petunjuk", "Laporan"]);
        assert_eq!(find_sheet(&n, "laporan").unwrap(), "Laporan");
        assert_eq!(find_sheet(&n, "LAPORAN").unwrap(), "Laporan");
        let both = names(&["LAPORAN", "Laporan"]);
        assert_eq!(find_sheet(&both, "Laporan").unwrap(), "Laporan");
        let e = find_sheet(&both, "laporan").unwrap_err();
        assert!(
            e.get(Lang::En).contains("\"LAPORAN\", \"Laporan\""),
            "{}",
            e.get(Lang::En)
        );
        let e = find_sheet(&n, "Rekap").unwrap_err();
        assert_eq!(
            e.get(Lang::Id),
            "sheet \"Rekap\" tidak ada; sheet yang ada: \"Petunjuk\", \"Laporan\""
        );
    }
}
