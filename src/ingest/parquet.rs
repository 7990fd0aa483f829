//! Parquet through polars. Typed columns (dates, numbers) are turned into text so they go
//! through the same normalisation as every other format.

use std::path::Path;

use polars::prelude::*;

use super::columns::map_headers;
use super::{Chunks, HeaderMapping, IngestOptions, ROW_COL, SourceInfo, Table, frame_from_strings};
use crate::error::{Error, Location, Msg, Result, polars_err};

fn open_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(
        Location::file(path),
        msg!(
            "Parquet tidak dapat dibaca: {e}",
            "the Parquet file cannot be read: {e}"
        ),
    )
}

/// Checks the frame of a Parquet file before the library reads it: "PAR1" at both ends and
/// a footer length that fits in the file. A truncated or overwritten file otherwise sends
/// the reader after a footer that is not there, and it may ask for more memory than exists
/// (an abort, not an error).
fn check_frame(path: &Path) -> Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let bad = |what: Msg| Error::new(Location::file(path), what);
    let mut f = crate::output::guard::open(path)?;
    let len = f.metadata().map_err(|e| Error::io(path, &e))?.len();
    if len < 12 {
        return Err(bad(msg!(
            "bukan berkas Parquet utuh: hanya {len} byte",
            "not a whole Parquet file: only {len} bytes"
        )));
    }
    let mut head = [0u8; 4];
    let mut tail = [0u8; 8];
    f.read_exact(&mut head).map_err(|e| Error::io(path, &e))?;
    f.seek(SeekFrom::End(-8))
        .and_then(|_| f.read_exact(&mut tail))
        .map_err(|e| Error::io(path, &e))?;
    if &head != b"PAR1" || &tail[4..] != b"PAR1" {
        return Err(bad(msg!(
            "bukan berkas Parquet utuh (tanda PAR1 tidak ada di awal atau akhir; terpotong saat disalin?)",
            "not a whole Parquet file (no PAR1 mark at the start or the end; cut short when copied?)"
        )));
    }
    let footer = u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]) as u64;
    if footer + 12 > len {
        return Err(bad(msg!(
            "berkas Parquet rusak: bagian metadata ({footer} byte) lebih besar dari berkasnya ({len} byte); terpotong saat disalin?",
            "corrupt Parquet file: its metadata ({footer} bytes) is larger than the file ({len} bytes); cut short when copied?"
        )));
    }
    let mut meta = vec![0u8; footer as usize];
    f.seek(SeekFrom::End(-8 - footer as i64))
        .and_then(|_| f.read_exact(&mut meta))
        .map_err(|e| Error::io(path, &e))?;
    let mut walk = Thrift {
        bytes: &meta,
        at: 0,
    };
    if walk.structure(0).is_none() || walk.at != meta.len() {
        return Err(bad(msg!(
            "berkas Parquet rusak: metadata di akhir berkas tidak terbaca (terpotong atau tertimpa?)",
            "corrupt Parquet file: the metadata at the end of the file is unreadable (cut short or overwritten?)"
        )));
    }
    Ok(())
}

/// A walk over Thrift's compact protocol (how Parquet writes its footer) that checks every
/// length against the bytes that remain, so no count read from a damaged footer can ask
/// the reader for more memory than the footer could describe. `None`: malformed.
struct Thrift<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Thrift<'_> {
    /// Nesting deeper than this is not a Parquet footer.
    const DEPTH: usize = 64;

    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    fn skip(&mut self, n: u64) -> Option<()> {
        let end = self.at.checked_add(usize::try_from(n).ok()?)?;
        (end <= self.bytes.len()).then(|| self.at = end)
    }

    fn remaining(&self) -> u64 {
        (self.bytes.len() - self.at) as u64
    }

    /// A struct's fields up to its stop byte.
    fn structure(&mut self, depth: usize) -> Option<()> {
        if depth > Self::DEPTH {
            return None;
        }
        loop {
            let h = self.byte()?;
            if h == 0 {
                return Some(());
            }
            if h >> 4 == 0 {
                self.varint()?; // the field id in full
            }
            match h & 0x0f {
                1 | 2 => {} // a boolean field holds its value in the type
                t => self.value(t, depth)?,
            }
        }
    }

    fn value(&mut self, t: u8, depth: usize) -> Option<()> {
        match t {
            1..=3 => self.skip(1),
            4..=6 => self.varint().map(|_| ()),
            7 => self.skip(8),
            8 => {
                let n = self.varint()?;
                self.skip(n)
            }
            9 | 10 => {
                let h = self.byte()?;
                let n = match h >> 4 {
                    15 => self.varint()?,
                    n => u64::from(n),
                };
                // Every element takes at least one byte.
                if n > self.remaining() {
                    return None;
                }
                (0..n).try_for_each(|_| self.value(h & 0x0f, depth + 1))
            }
            11 => {
                let n = self.varint()?;
                if n == 0 {
                    return Some(());
                }
                if n > self.remaining() {
                    return None;
                }
                let kv = self.byte()?;
                (0..n).try_for_each(|_| {
                    self.value(kv >> 4, depth + 1)?;
                    self.value(kv & 0x0f, depth + 1)
                })
            }
            12 => self.structure(depth + 1),
            _ => None,
        }
    }
}

pub fn read(path: &Path, opts: &IngestOptions) -> Result<Table> {
    check_frame(path)?;
    let file = crate::output::guard::open(path)?;
    let df = ParquetReader::new(file)
        .finish()
        .map_err(|e| open_error(path, e))?;
    let headers: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mapping = map_headers(&opts.specs, &headers, &Location::file(path))?;
    let height = df.height();
    let out = as_strings(path, &df, &mapping, 1)?;
    Ok(Table {
        df: out,
        source: source(path, mapping, height),
    })
}

fn source(path: &Path, mapping: HeaderMapping, rows: usize) -> SourceInfo {
    SourceInfo {
        hidden_skipped: Vec::new(),
        path: path.to_path_buf(),
        format: "Parquet".into(),
        sheet: None,
        header_row: 0,
        mapping,
        rows,
    }
}

/// The mapped columns (found by name) as text, rows numbered from `first_row`.
fn as_strings(
    path: &Path,
    df: &DataFrame,
    mapping: &HeaderMapping,
    first_row: usize,
) -> Result<DataFrame> {
    let height = df.height();
    let rows: Vec<u32> = (first_row as u32..(first_row + height) as u32).collect();
    let mut out = frame_from_strings(path, &Default::default(), vec![], rows)?;
    for (key, _, header) in &mapping.columns {
        let c = df.column(header).map_err(|e| polars_err("Parquet", e))?;
        let s = c.cast(&DataType::String).map_err(|_| {
            // A list, struct or binary column ("cannot cast List type"): said with the file
            // and the column, not in polars' words.
            let dtype = c.dtype().to_string();
            Error::new(
                Location::file(path).with_column(header.as_str()),
                msg!(
                    "kolom ini bertipe {dtype} (daftar/struktur/biner), bukan teks, angka atau tanggal; ekspor ulang dengan kolom ini sebagai teks",
                    "this column is of type {dtype} (list/struct/binary), not text, a number or a date; export it again with this column as text"
                ),
            )
        })?;
        out.with_column(s.with_name(key.as_str().into()))
            .map_err(|e| polars_err("Parquet", e))?;
    }
    debug_assert!(out.column(ROW_COL).is_ok());
    Ok(out)
}

/// Reads a Parquet file by whole row groups, small ones gathered until a read holds at
/// least `min_rows` rows (reading a slice of a row group decodes the whole group): the
/// first row (0-based) and the frame of each read, only `columns` (all when `None`); the
/// file's frame has passed [`check_frame`].
fn checked_row_groups(
    path: &Path,
    columns: Option<Vec<String>>,
    min_rows: usize,
) -> Result<impl Iterator<Item = Result<(usize, DataFrame)>> + Send + use<>> {
    let file = crate::output::guard::open(path)?;
    let metadata = ParquetReader::new(file)
        .get_metadata()
        .map_err(|e| open_error(path, e))?
        .clone();
    // (first row, rows) of each read.
    let mut reads = Vec::new();
    let (mut start, mut len) = (0usize, 0usize);
    for rg in &metadata.row_groups {
        len += rg.num_rows();
        if len >= min_rows {
            reads.push((start, len));
            start += len;
            len = 0;
        }
    }
    if len > 0 || reads.is_empty() {
        reads.push((start, len));
    }
    let path = path.to_path_buf();
    Ok(reads.into_iter().map(move |(offset, len)| {
        let file = crate::output::guard::open(&path)?;
        let mut reader = ParquetReader::new(file);
        reader.set_metadata(metadata.clone());
        let df = reader
            .with_columns(columns.clone())
            .with_slice(Some((offset, len)))
            .finish()
            .map_err(|e| open_error(&path, e))?;
        Ok((offset, df))
    }))
}

/// Reads the file by row groups (see [`checked_row_groups`]) in parts of about `chunk_rows` rows:
/// small groups gathered, a larger one read once and handed on in slices. Only the mapped
/// columns are read.
pub fn chunks(
    path: &Path,
    opts: &IngestOptions,
    chunk_rows: usize,
) -> Result<(SourceInfo, Chunks)> {
    check_frame(path)?;
    let file = crate::output::guard::open(path)?;
    let schema = ParquetReader::new(file)
        .schema()
        .map_err(|e| open_error(path, e))?;
    let headers: Vec<String> = schema.iter().map(|(n, _)| n.to_string()).collect();
    let mapping = map_headers(&opts.specs, &headers, &Location::file(path))?;
    let columns: Vec<String> = mapping.columns.iter().map(|c| c.2.clone()).collect();
    let (path_buf, map) = (path.to_path_buf(), mapping.clone());
    let slices = move |read: Result<(usize, DataFrame)>| -> Vec<Result<DataFrame>> {
        let df = match read.and_then(|(offset, df)| as_strings(&path_buf, &df, &map, offset + 1)) {
            Ok(df) => df,
            Err(e) => return vec![Err(e)],
        };
        let parts = df.height().div_ceil(chunk_rows).max(1);
        (0..parts)
            .map(|k| Ok(df.slice((k * chunk_rows) as i64, chunk_rows)))
            .collect()
    };
    let iter = checked_row_groups(path, Some(columns), chunk_rows)?.flat_map(slices);
    Ok((source(path, mapping, 0), Box::new(iter)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small answers export as Parquet, as bytes.
    fn export() -> Vec<u8> {
        let n = 400;
        let mut df = df!(
            "No. Tiket" => (0..n).map(|i| format!("P{i}")).collect::<Vec<_>>(),
            "Unit Kerja" => vec!["Balai Besar POM di Jakarta"; n],
            "Isi Pertanyaan" => (0..n).map(|i| format!("Apakah produk {i} terdaftar?")).collect::<Vec<_>>(),
            "Jawaban" => (0..n).map(|i| format!("Selamat pagi, produk {i} terdaftar. Terima kasih.")).collect::<Vec<_>>(),
        )
        .unwrap();
        let mut buf = Vec::new();
        ParquetWriter::new(&mut buf).finish(&mut df).unwrap();
        buf
    }

    fn opts() -> IngestOptions {
        IngestOptions {
            sheet: None,
            specs: crate::ingest::columns::column_specs(
                &crate::ingest::columns::Aliases::builtin().unwrap(),
                &Default::default(),
                &["question".to_string(), "answer".to_string()],
                &[],
            ),
        }
    }

    /// Every read of a damaged file is an error naming the file, never a panic.
    #[test]
    fn damaged_files_are_errors() {
        let good = export();
        let dir = tempfile::tempdir().unwrap();
        let footer =
            u32::from_le_bytes(good[good.len() - 8..good.len() - 4].try_into().unwrap()) as usize;
        let data_end = good.len() - 8 - footer;
        let mut cases: Vec<(&str, Vec<u8>)> = vec![
            ("terpotong.parquet", good[..good.len() - 20].to_vec()),
            ("kosong.parquet", Vec::new()),
        ];
        // Data pages overwritten, footer intact; and the footer's bytes scrambled.
        let mut pages = good.clone();
        for b in &mut pages[4..data_end] {
            *b ^= 0x5a;
        }
        cases.push(("halaman-rusak.parquet", pages));
        let mut meta = good.clone();
        for b in &mut meta[data_end..data_end + footer / 2] {
            *b = b.wrapping_mul(31).wrapping_add(7);
        }
        cases.push(("footer-rusak.parquet", meta));
        for (name, bytes) in cases {
            let path = dir.path().join(name);
            std::fs::write(&path, &bytes).unwrap();
            let whole = std::panic::catch_unwind(|| read(&path, &opts()).map(|_| ()));
            let parts = std::panic::catch_unwind(|| {
                chunks(&path, &opts(), 100).and_then(|(_, mut c)| c.try_for_each(|r| r.map(|_| ())))
            });
            for (how, r) in [("read", whole), ("chunks", parts)] {
                let err = match r {
                    Ok(Err(e)) => e.render(crate::i18n::Lang::En),
                    Ok(Ok(())) => panic!("{name} ({how}): read as if intact"),
                    Err(_) => panic!("{name} ({how}): panicked"),
                };
                assert!(err.contains(name), "{name} ({how}): {err}");
            }
        }
    }

    /// A file cut anywhere, its last eight bytes (footer length and mark) put back: a
    /// footer read from data bytes. Before the frame was checked, some of these made the
    /// reader ask for 115 GB and abort.
    #[test]
    fn a_footer_read_from_anywhere_is_an_error() {
        let good = export();
        let dir = tempfile::tempdir().unwrap();
        for cut in (0..good.len() - 8).step_by(13) {
            let name = format!("potong-{cut}.parquet");
            let path = dir.path().join(&name);
            let mut bytes = good[..cut].to_vec();
            bytes.extend_from_slice(&good[good.len() - 8..]);
            std::fs::write(&path, &bytes).unwrap();
            let r = std::panic::catch_unwind(|| {
                chunks(&path, &opts(), 100).and_then(|(_, mut c)| c.try_for_each(|r| r.map(|_| ())))
            });
            match r {
                Ok(Err(e)) => assert!(e.render(crate::i18n::Lang::En).contains(&name)),
                Ok(Ok(())) => panic!("{name}: read as if intact"),
                Err(_) => panic!("{name}: panicked"),
            }
        }
        // The intact file still reads, every row.
        let path = dir.path().join("utuh.parquet");
        std::fs::write(&path, &good).unwrap();
        assert_eq!(read(&path, &opts()).unwrap().df.height(), 400);
    }
}
