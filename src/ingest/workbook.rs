//! Opening workbooks safely. Before calamine reads a zip-based workbook (XLSX, XLSM, XLSB,
//! ODS) its directory is checked: a total unpacked size above [`MAX_UNZIPPED_BYTES`], or a
//! large part packed more tightly than [`BOMB_RATIO`] to one, is refused as a likely zip
//! bomb before anything is unpacked. XLSX sheets are read cell by cell, so a sheet whose
//! used range would exceed [`MAX_CELLS`] (one stray cell at XFD1048576) is refused before
//! the dense range is allocated.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Cell, Data, Range, Reader, Sheets, open_workbook_auto};

use crate::error::{Error, Location, Result};

/// Unpacked size of all parts together.
pub const MAX_UNZIPPED_BYTES: u64 = 4 << 30;
/// A part above [`BOMB_MIN_BYTES`] unpacking to more than this many times its packed size.
pub const BOMB_RATIO: u64 = 100;
pub const BOMB_MIN_BYTES: u64 = 100 << 20;
/// Cells of a sheet's used range (rows × columns).
pub const MAX_CELLS: u64 = 60_000_000;

/// Refuses zip bombs by the sizes the archive's directory declares. A file that is not a
/// zip (by its first bytes, whatever its name) or not a readable one is left to calamine,
/// which reports it.
pub fn check_archive(path: &Path) -> Result<()> {
    let Ok(mut file) = File::open(path) else {
        return Ok(());
    };
    let mut magic = [0u8; 4];
    if std::io::Read::read_exact(&mut file, &mut magic).is_err() || &magic != b"PK\x03\x04" {
        return Ok(());
    }
    if std::io::Seek::rewind(&mut file).is_err() {
        return Ok(());
    }
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            continue;
        };
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        if size > BOMB_MIN_BYTES && size / packed > BOMB_RATIO {
            let (name, mib, ratio) = (
                entry.name().map(|n| n.to_string()).unwrap_or_default(),
                size >> 20,
                size / packed,
            );
            return Err(Error::new(
                Location::file(path),
                msg!(
                    "bagian {name} membuka menjadi {mib} MiB ({ratio}× ukuran terkemasnya): kemungkinan bom zip, berkas tidak dibaca",
                    "part {name} unpacks to {mib} MiB ({ratio}× its packed size): likely a zip bomb, the file is not read"
                ),
            ));
        }
    }
    if total > MAX_UNZIPPED_BYTES {
        let (mib, max) = (total >> 20, MAX_UNZIPPED_BYTES >> 20);
        return Err(Error::new(
            Location::file(path),
            msg!(
                "isi workbook membuka menjadi {mib} MiB, di atas batas {max} MiB; bagi berkasnya atau simpan sebagai CSV/Parquet",
                "the workbook unpacks to {mib} MiB, above the limit of {max} MiB; split it or save it as CSV/Parquet"
            ),
        ));
    }
    Ok(())
}

/// Opens a workbook after [`check_archive`], with the usual error.
pub fn open(path: &Path) -> Result<Sheets<BufReader<File>>> {
    crate::output::guard::note_input(path);
    check_archive(path)?;
    open_workbook_auto(path).map_err(|e| {
        Error::new(
            Location::file(path),
            msg!(
                "workbook tidak dapat dibuka (rusak atau bukan format Excel/ODS): {e}",
                "the workbook cannot be opened (corrupt, or not Excel/ODS): {e}"
            ),
        )
    })
}

/// The `A1` name of a 0-based cell (a column past the last one a workbook can have is named
/// as that last one).
pub fn cell_ref(row: u32, col: u32) -> String {
    rust_xlsxwriter::utility::row_col_to_cell(row, u16::try_from(col).unwrap_or(u16::MAX))
}

fn too_many(path: &Path, sheet: &str, end: (u32, u32), cells: u64) -> Error {
    let (far, max) = (cell_ref(end.0, end.1), MAX_CELLS);
    Error::new(
        Location::file(path).with_sheet(sheet),
        msg!(
            "sheet terpakai sampai sel {far}: {cells} sel, di atas batas {max}; hapus isi atau format yang tersesat jauh di luar tabel",
            "the sheet is used up to cell {far}: {cells} cells, above the limit of {max}; delete stray content or formatting far outside the table"
        ),
    )
}

/// A sheet's used range; XLSX sheets are checked against [`MAX_CELLS`] before the dense
/// range is built.
pub fn sheet_range(
    wb: &mut Sheets<BufReader<File>>,
    path: &Path,
    sheet: &str,
) -> Result<Range<Data>> {
    let unreadable = |e: String| {
        Error::new(
            Location::file(path).with_sheet(sheet),
            msg!(
                "sheet tidak dapat dibaca: {e}",
                "the sheet cannot be read: {e}"
            ),
        )
    };
    let Sheets::Xlsx(x) = wb else {
        return wb
            .worksheet_range(sheet)
            .map_err(|e| unreadable(e.to_string()));
    };
    let mut reader = x
        .worksheet_cells_reader(sheet)
        .map_err(|e| unreadable(e.to_string()))?;
    let mut cells: Vec<Cell<Data>> = Vec::new();
    let (mut lo, mut hi) = ((u32::MAX, u32::MAX), (0u32, 0u32));
    while let Some(cell) = reader.next_cell().map_err(|e| unreadable(e.to_string()))? {
        let value: Data = cell.get_value().clone().into();
        if value == Data::Empty {
            continue;
        }
        let (r, c) = cell.get_position();
        lo = (lo.0.min(r), lo.1.min(c));
        hi = (hi.0.max(r), hi.1.max(c));
        cells.push(Cell::new((r, c), value));
    }
    if cells.is_empty() {
        return Ok(Range::default());
    }
    let dense = (u64::from(hi.0 - lo.0) + 1) * (u64::from(hi.1 - lo.1) + 1);
    if dense > MAX_CELLS {
        return Err(too_many(path, sheet, hi, dense));
    }
    Ok(Range::from_sparse(cells))
}

#[cfg(test)]
mod tests {
    use super::cell_ref;

    #[test]
    fn cell_refs() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(11, 6), "G12");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(4, 701), "ZZ5");
        assert_eq!(cell_ref(0, 16_383), "XFD1");
    }
}
