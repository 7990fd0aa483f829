//! Self-assessment template workbooks, one per unit.
//!
//! Sheets: "Petunjuk" (instructions), "Penilaian" (items grouped by aspect; the unit's own
//! value with a dropdown or a typed-number/date rule built from the item type, evidence,
//! notes, and the evaluator's verified value) and a hidden "_meta" sheet with the standard's
//! id and version and the unit. Only the four input columns are unlocked; the sheet is
//! protected without a password, so it opens and saves anywhere but its structure stays.
//! A hidden row above the headers names each column for reading back.

use std::collections::HashMap;
use std::path::Path;

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format,
    FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet,
};

use super::{META_SHEET, SHEET, key, meta};
use crate::error::Result;
use crate::output::xlsx::{new_workbook, write_meta_sheet, xlsx_err};
use crate::standard::{CellValue, Item, ItemKind, Standard};

/// Values to write into the input cells (for filled samples and round-trip tests).
#[derive(Debug, Clone, Default)]
pub struct Prefill {
    pub self_value: Option<CellValue>,
    pub evidence: String,
    pub notes: String,
    pub verified: Option<CellValue>,
}

/// Column indices of the "Penilaian" sheet.
fn col(k: &str) -> u16 {
    key::COLUMNS.iter().position(|c| *c == k).unwrap_or(0) as u16
}

const KEY_ROW: u32 = 2;
/// Column widths (characters) in template order.
const WIDTHS: [f64; 10] = [9.0, 18.0, 48.0, 44.0, 30.0, 7.0, 18.0, 30.0, 24.0, 18.0];

/// Lines a text takes when wrapped in a column `width` characters wide (roughly: a
/// character of the default font is a little narrower than the width unit).
fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = (width * 1.15).max(1.0) as usize;
    text.split('\n')
        .map(|l| l.chars().count().div_ceil(per_line).max(1))
        .sum()
}
const HEADER_ROW: u32 = 3;

/// How the answer is given, for the "Jenis jawaban" column.
fn answer_format(item: &Item) -> String {
    let na = if item.allow_na {
        "; N/A bila tidak berlaku"
    } else {
        ""
    };
    match &item.kind {
        ItemKind::YesNo => format!("Ya / Tidak{na}"),
        ItemKind::Choice { .. } => format!("{}{na}", item.options().join(" | ")),
        ItemKind::Number { unit, thresholds } => {
            let u = unit.as_deref().unwrap_or("");
            let t: Vec<String> = thresholds
                .iter()
                .map(|t| format!("≥ {} {u} → {}%", t.min, (t.score * 100.0).round()))
                .collect();
            format!(
                "Angka{}{} ({}){na}",
                if u.is_empty() { "" } else { " " },
                u,
                t.join(", ")
            )
        }
        ItemKind::Percent { thresholds } => {
            let t: Vec<String> = thresholds
                .iter()
                .map(|t| format!("≥ {}% → {}%", t.min, (t.score * 100.0).round()))
                .collect();
            format!("Persen 0–100 ({}){na}", t.join(", "))
        }
        ItemKind::Date { within_months } => {
            format!("Tanggal (dd/mm/yyyy), dalam {within_months} bulan terakhir{na}")
        }
    }
}

fn validation(item: &Item) -> Result<DataValidation> {
    let warn = |v: DataValidation, msg: &str| -> Result<DataValidation> {
        v.set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title("Nilai tidak sesuai")
            .and_then(|v| v.set_error_message(msg))
            .map_err(xlsx_err)
    };
    let options = item.options();
    match &item.kind {
        ItemKind::YesNo | ItemKind::Choice { .. } => warn(
            DataValidation::new()
                .allow_list_strings(&options)
                .map_err(xlsx_err)?,
            "Pilih salah satu nilai dari daftar.",
        ),
        ItemKind::Number { .. } => warn(
            DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
            "Isi dengan angka 0 atau lebih.",
        ),
        ItemKind::Percent { .. } => warn(
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, 100.0)),
            "Isi dengan persentase 0–100.",
        ),
        ItemKind::Date { .. } => {
            let lo = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xlsx_err)?;
            let hi = ExcelDateTime::from_ymd(2100, 12, 31).map_err(xlsx_err)?;
            warn(
                DataValidation::new().allow_date(DataValidationRule::Between(lo, hi)),
                "Isi dengan tanggal, misalnya 15/03/2026.",
            )
        }
    }
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    c: u16,
    v: &CellValue,
    fmt: &Format,
    date_fmt: &Format,
) -> Result<()> {
    match v {
        CellValue::Empty => ws.write_blank(row, c, fmt).map(|_| ()),
        CellValue::Text(t) => ws.write_string_with_format(row, c, t, fmt).map(|_| ()),
        CellValue::Number(n) => ws.write_number_with_format(row, c, *n, fmt).map(|_| ()),
        CellValue::Date(d) => {
            let x = ExcelDateTime::from_ymd(
                chrono::Datelike::year(d) as u16,
                chrono::Datelike::month(d) as u8,
                chrono::Datelike::day(d) as u8,
            )
            .map_err(xlsx_err)?;
            ws.write_datetime_with_format(row, c, &x, date_fmt)
                .map(|_| ())
        }
    }
    .map_err(xlsx_err)
}

/// Writes the template for one unit to `path`, optionally with values filled in.
pub fn write(
    std: &Standard,
    unit: &str,
    prefill: &HashMap<String, Prefill>,
    path: &Path,
) -> Result<()> {
    let title = format!("Penilaian Mandiri {}", std.name);
    let mut wb = new_workbook(&format!("{title} — {unit}"))?;
    instructions(&mut wb, std, unit)?;
    assessment(&mut wb, std, unit, prefill)?;
    write_meta_sheet(
        &mut wb,
        META_SHEET,
        &[
            (meta::FORMAT, meta::FORMAT_VALUE),
            (meta::STANDARD_ID, &std.id),
            (meta::STANDARD_VERSION, &std.version),
            (meta::UNIT, unit),
        ],
    )?;
    crate::output::xlsx::save(
        &mut wb,
        path,
        &crate::output::xlsx::PageHead {
            title: &title,
            period: None,
            unit: Some(unit),
            lang: crate::i18n::Lang::Id,
        },
    )
}

fn instructions(wb: &mut Workbook, std: &Standard, unit: &str) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("Petunjuk").map_err(xlsx_err)?;
    let lines: Vec<String> = vec![
        format!("Penilaian Mandiri — {}", std.name),
        format!("Unit: {unit}"),
        format!("Standar: {} versi {}", std.id, std.version),
        String::new(),
        "Cara mengisi".into(),
        "1. Buka sheet \"Penilaian\". Setiap baris adalah satu butir penilaian, dikelompokkan per aspek.".into(),
        "2. Isi kolom \"Nilai Mandiri\" untuk setiap butir. Untuk butir Ya/Tidak dan pilihan, pilih dari daftar pada sel; untuk angka, persen dan tanggal, ketik nilainya (tanggal: dd/mm/yyyy).".into(),
        "3. Isi kolom \"Bukti\" dengan nama dokumen atau tautan yang mendukung nilai. Butir bertanda \"perlu bukti\" dianggap lemah bila bukti kosong.".into(),
        "4. Kolom \"Catatan\" bebas diisi. Kolom \"Nilai Verifikasi\" diisi oleh evaluator, bukan oleh unit.".into(),
        "5. Butir bertanda \"Wajib\" adalah standar minimal: bila tidak terpenuhi penuh, unit berstatus \"Belum Memenuhi Standar Minimal\" berapa pun skornya.".into(),
        "6. N/A hanya boleh dipakai pada butir yang menyediakannya; butir N/A tidak dihitung.".into(),
        "7. Jangan mengubah kolom Kode, urutan kolom, atau nama sheet. Baris boleh diurutkan atau diberi baris catatan baru; pembacaan memakai kode butir, bukan posisi baris.".into(),
        "8. Simpan sebagai .xlsx (Excel) atau .ods (LibreOffice) dan kirim kembali kepada koordinator.".into(),
    ];
    crate::output::instructions::write(ws, &lines, |l| l == "Cara mengisi")?;
    ws.protect();
    Ok(())
}

fn assessment(
    wb: &mut Workbook,
    std: &Standard,
    unit: &str,
    prefill: &HashMap<String, Prefill>,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET).map_err(xlsx_err)?;
    ws.set_active(true);
    let border = |f: Format| {
        f.set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Top)
    };
    let locked = border(Format::new());
    let input = border(Format::new().set_unlocked().set_background_color(0xFFF2CC));
    let input_date = border(
        Format::new()
            .set_unlocked()
            .set_background_color(0xFFF2CC)
            .set_num_format("dd/mm/yyyy"),
    );
    let verify = border(Format::new().set_unlocked().set_background_color(0xDDEBF7));
    let verify_date = border(
        Format::new()
            .set_unlocked()
            .set_background_color(0xDDEBF7)
            .set_num_format("dd/mm/yyyy"),
    );
    let header = border(Format::new().set_bold().set_background_color(0xD9E1F2));
    let aspect_fmt = border(Format::new().set_bold().set_background_color(0xE2EFDA));
    let title = Format::new().set_bold().set_font_size(14);

    ws.merge_range(
        0,
        0,
        0,
        9,
        &format!("Penilaian Mandiri — {}", std.name),
        &title,
    )
    .map_err(xlsx_err)?;
    ws.write_string(
        1,
        0,
        format!(
            "Unit: {unit}   ·   Standar: {} versi {}",
            std.id, std.version
        ),
    )
    .map_err(xlsx_err)?;
    for (c, k) in key::COLUMNS.iter().enumerate() {
        ws.write_string(KEY_ROW, c as u16, *k).map_err(xlsx_err)?;
    }
    ws.set_row_hidden(KEY_ROW).map_err(xlsx_err)?;
    let headers = [
        "Kode",
        "Aspek",
        "Butir Penilaian",
        "Panduan / Bukti yang Diharapkan",
        "Jenis Jawaban",
        "Wajib",
        "Nilai Mandiri",
        "Bukti (nama dokumen / tautan)",
        "Catatan",
        "Nilai Verifikasi (diisi evaluator)",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, &header)
            .map_err(xlsx_err)?;
    }
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(xlsx_err)?;
    }
    ws.set_row_height(HEADER_ROW, 30).map_err(xlsx_err)?;
    let mut row = HEADER_ROW + 1;
    for a in &std.aspects {
        ws.merge_range(
            row,
            0,
            row,
            9,
            &format!("{} (bobot {})", a.label, a.weight),
            &aspect_fmt,
        )
        .map_err(xlsx_err)?;
        row += 1;
        for item in std.items.iter().filter(|i| i.aspect == a.id) {
            let p = prefill.get(&item.code).cloned().unwrap_or_default();
            let mut flags = Vec::new();
            if item.evidence_required {
                flags.push("perlu bukti");
            }
            let guidance = match (&item.guidance, flags.is_empty()) {
                (Some(g), true) => g.clone(),
                (Some(g), false) => format!("{g} [{}]", flags.join(", ")),
                (None, false) => format!("[{}]", flags.join(", ")),
                (None, true) => String::new(),
            };
            let texts = [
                (key::CODE, item.code.clone()),
                (key::ASPECT, a.label.clone()),
                (key::ITEM, item.text.clone()),
                (key::GUIDANCE, guidance),
                (key::ANSWER_FORMAT, answer_format(item)),
                (
                    key::MANDATORY,
                    if item.mandatory {
                        "Wajib".into()
                    } else {
                        String::new()
                    },
                ),
            ];
            // Rows do not grow by themselves everywhere: size them to the longest text.
            let lines = texts
                .iter()
                .map(|(k, t)| wrapped_lines(t, WIDTHS[col(k) as usize]))
                .chain([
                    wrapped_lines(&p.evidence, WIDTHS[col(key::EVIDENCE) as usize]),
                    wrapped_lines(&p.notes, WIDTHS[col(key::NOTES) as usize]),
                ])
                .max()
                .unwrap_or(1);
            ws.set_row_height(row, 15.0 * lines as f64 + 2.0)
                .map_err(xlsx_err)?;
            for (k, t) in texts {
                ws.write_string_with_format(row, col(k), t, &locked)
                    .map_err(xlsx_err)?;
            }
            let is_date = matches!(item.kind, ItemKind::Date { .. });
            let (sf, vf) = if is_date {
                (&input_date, &verify_date)
            } else {
                (&input, &verify)
            };
            let evidence = text_cell(&p.evidence);
            let notes = text_cell(&p.notes);
            let inputs = [
                (
                    key::SELF_VALUE,
                    p.self_value.as_ref().unwrap_or(&CellValue::Empty),
                    sf,
                    &input_date,
                ),
                (key::EVIDENCE, &evidence, &input, &input_date),
                (key::NOTES, &notes, &input, &input_date),
                (
                    key::VERIFIED_VALUE,
                    p.verified.as_ref().unwrap_or(&CellValue::Empty),
                    vf,
                    &verify_date,
                ),
            ];
            for (k, value, fmt, date_fmt) in inputs {
                write_cell(ws, row, col(k), value, fmt, date_fmt)?;
            }
            let dv = validation(item)?;
            for c in [col(key::SELF_VALUE), col(key::VERIFIED_VALUE)] {
                ws.add_data_validation(row, c, row, c, &dv)
                    .map_err(xlsx_err)?;
            }
            row += 1;
        }
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 3).map_err(xlsx_err)?;
    crate::output::xlsx::print_width(ws, WIDTHS.iter().copied())?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)
        .map_err(xlsx_err)?;
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        sort: true,
        use_autofilter: true,
        ..ProtectionOptions::default()
    };
    ws.protect_with_options(&options);
    Ok(())
}

fn text_cell(s: &str) -> CellValue {
    if s.is_empty() {
        CellValue::Empty
    } else {
        CellValue::Text(s.to_string())
    }
}
