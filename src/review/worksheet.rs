//! Review workbooks, one per reviewer.
//!
//! Sheets: "Petunjuk" (instructions), "Review" (one row per sampled answer: the answer's
//! context, the automatic results, a dropdown per manual criterion on the rubric's scale
//! with N/A, and a comment) and a hidden "_meta" sheet (format, rubric id and version,
//! reviewer, seed). A hidden row above the headers names each column, so reading back does
//! not depend on positions; only the reviewer's columns are unlocked.

use std::path::Path;

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatAlign, FormatBorder, Formula, Workbook,
    Worksheet,
};

use super::{HEADER_ROW, KEY_ROW, META_SHEET, SHEET, key, meta};
use crate::error::Result;
use crate::i18n::Lang;
use crate::output::xlsx::{cell_text, new_workbook, write_meta_sheet, xlsx_err};
use crate::rubric::{Criterion, Kind, Rubric};

/// One answer as the reviewer sees it.
#[derive(Debug, Clone, Default)]
pub struct ReviewRow {
    pub id: String,
    pub unit: String,
    pub channel: String,
    pub service_type: String,
    pub received: String,
    /// Masked unless the user asked otherwise.
    pub question: String,
    pub answer: String,
    pub auto_score: Option<f64>,
    pub auto_grade: String,
    /// The automatic criteria not passed, with their evidence.
    pub auto_notes: String,
    /// Set when the answer also goes to other reviewers (calibration).
    pub calibration: bool,
    /// Values already entered, by manual criterion id (filled samples and tests).
    pub marks: Vec<(String, String)>,
    /// The automatic verdict (state label) of each judged criterion, by criterion id.
    pub auto_states: Vec<(String, String)>,
    /// Reviewer verdicts already entered on automatic criteria, by criterion id.
    pub verdicts: Vec<(String, String)>,
    pub comment: String,
}

/// The manual criteria of a rubric with their scale and N/A values.
pub fn manual_criteria(rubric: &Rubric) -> Vec<(&Criterion, [f64; 2], &[String])> {
    rubric
        .criteria
        .iter()
        .filter_map(|c| match &c.kind {
            Kind::Manual {
                scale, na_values, ..
            } => Some((c, *scale, na_values.as_slice())),
            _ => None,
        })
        .collect()
}

/// The meaning of each step of a manual criterion's scale (empty when the rubric gives none).
fn scale_labels(c: &Criterion) -> &[String] {
    match &c.kind {
        Kind::Manual { scale_labels, .. } => scale_labels,
        _ => &[],
    }
}

/// The dropdown entries for a scale: every whole step when the scale has at most 10, each
/// with its meaning when the rubric gives one ("2 = Akurat"), then the first N/A value.
pub fn scale_options(
    scale: [f64; 2],
    na_values: &[String],
    labels: &[String],
) -> Option<Vec<String>> {
    let [lo, hi] = scale;
    let whole = lo.fract() == 0.0 && hi.fract() == 0.0 && hi - lo <= 10.0 && hi >= lo;
    if !whole {
        return None;
    }
    let mut v: Vec<String> = (lo as i64..=hi as i64)
        .map(|x| crate::score::text::scale_option(x, labels, lo))
        .collect();
    if let Some(na) = na_values.first() {
        v.push(na.clone());
    }
    Some(v)
}

fn validation(
    scale: [f64; 2],
    na_values: &[String],
    labels: &[String],
    cell: &str,
    lang: Lang,
) -> Result<DataValidation> {
    let v = match scale_options(scale, na_values, labels) {
        Some(opts) => DataValidation::new()
            .allow_list_strings(&opts)
            .map_err(xlsx_err)?,
        None => {
            // A wide or fractional scale: any number in range, or the N/A text.
            let na = na_values
                .first()
                .map(|n| format!(",{cell}=\"{}\"", n.replace('"', "\"\"")))
                .unwrap_or_default();
            DataValidation::new().allow_custom(Formula::new(format!(
                "=OR(AND(ISNUMBER({cell}),{cell}>={},{cell}<={}){na})",
                scale[0], scale[1]
            )))
        }
    };
    v.set_error_style(DataValidationErrorStyle::Warning)
        .set_error_title(lang.pick("Nilai tidak sesuai", "Value out of scale"))
        .and_then(|v| {
            v.set_error_message(format!(
                "{} {}–{}{}",
                lang.pick("Isi nilai", "Enter a value"),
                scale[0],
                scale[1],
                na_values
                    .first()
                    .map(|n| format!(" {} {n}", lang.pick("atau", "or")))
                    .unwrap_or_default()
            ))
        })
        .map_err(xlsx_err)
}

/// Column letters of a 0-based column.
fn col_letters(c: u16) -> String {
    rust_xlsxwriter::utility::column_number_to_name(c)
}

/// Writes one reviewer's workbook.
#[allow(clippy::too_many_arguments)]
pub fn write(
    rubric: &Rubric,
    reviewer: &str,
    seed: u64,
    rows: &[ReviewRow],
    path: &Path,
    lang: Lang,
) -> Result<()> {
    let title = lang.pick(
        "Lembar Review Kualitas Jawaban",
        "Answer Quality Review Sheet",
    );
    let mut wb = new_workbook(&format!("{title} — {reviewer}"))?;
    instructions(&mut wb, rubric, reviewer, lang)?;
    review_sheet(&mut wb, rubric, reviewer, rows, lang)?;
    let seed = seed.to_string();
    write_meta_sheet(
        &mut wb,
        META_SHEET,
        &[
            (meta::FORMAT, meta::FORMAT_VALUE),
            (meta::RUBRIC_ID, &rubric.id),
            (meta::RUBRIC_VERSION, &rubric.version),
            (meta::REVIEWER, reviewer),
            (meta::SEED, &seed),
        ],
    )?;
    crate::output::xlsx::save(
        &mut wb,
        path,
        &crate::output::xlsx::PageHead {
            title,
            period: None,
            unit: Some(reviewer),
            lang,
        },
    )
}

fn instructions(wb: &mut Workbook, rubric: &Rubric, reviewer: &str, lang: Lang) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(lang.pick("Petunjuk", "Instructions"))
        .map_err(xlsx_err)?;
    let mut lines: Vec<String> = vec![
        lang.pick("Lembar Review Kualitas Jawaban", "Answer Quality Review Sheet")
            .into(),
        format!("Reviewer: {reviewer}"),
        format!(
            "{}: {} {} {}",
            lang.pick("Rubrik", "Rubric"),
            rubric.id,
            lang.pick("versi", "version"),
            rubric.version
        ),
        String::new(),
        lang.pick("Cara mengisi", "How to fill in").into(),
        lang.pick(
            "1. Buka sheet \"Review\". Setiap baris adalah satu jawaban petugas; baca pertanyaan dan jawabannya. Data pribadi (telepon, email, NIK) sudah disamarkan.",
            "1. Open the \"Review\" sheet. Each row is one officer's answer; read the question and the answer. Personal data (phone, e-mail, NIK) is masked.",
        )
        .into(),
        lang.pick(
            "2. Kolom \"Hasil Otomatis\" menunjukkan kriteria otomatis yang tidak lulus beserta buktinya, sebagai konteks. Kolom ini tidak perlu diubah.",
            "2. The \"Automatic Results\" column lists the automatic criteria not passed, with their evidence, as context. Leave it as it is.",
        )
        .into(),
        lang.pick(
            "3. Isi kolom berwarna kuning untuk setiap kriteria manual dengan memilih nilai dari daftar pada sel. Pilih N/A bila kriteria tidak relevan untuk jawaban itu; biarkan kosong bila belum direview.",
            "3. Fill in the yellow columns, one per manual criterion, by picking a value from the cell's list. Pick N/A when the criterion does not apply to that answer; leave it blank when not reviewed.",
        )
        .into(),
        lang.pick(
            "4. Kolom \"Komentar\" bebas diisi; komentar wajib bila memberi nilai terendah.",
            "4. The \"Comment\" column is free text; a comment is expected with the lowest value.",
        )
        .into(),
        lang.pick(
            "4a. Untuk setiap kriteria otomatis, kolom \"otomatis\" menunjukkan penilaian alat. Di kolom \"menurut Anda\" pilih Setuju bila benar, atau pilih penilaian Anda (Lulus, Sebagian, Gagal, N/A) bila berbeda; biarkan kosong bila tidak dinilai. Kedua penilaian disimpan untuk mengukur kesepakatan alat dengan reviewer (`ulpk-eval agreement --reviews`).",
            "4a. For each automatic criterion, the \"automatic\" column shows the tool's verdict. In the \"your verdict\" column pick Agree when it is right, or your own verdict (Pass, Partial, Fail, N/A) when it differs; leave it blank when not judged. Both are kept to measure how the tool agrees with reviewers (`ulpk-eval agreement --reviews`).",
        )
        .into(),
        lang.pick(
            "5. Baris bertanda \"Kalibrasi\" juga dinilai reviewer lain untuk mengukur kesepakatan: nilailah secara mandiri, tanpa berdiskusi.",
            "5. Rows marked \"Calibration\" are also scored by other reviewers to measure agreement: score them on your own, without discussing.",
        )
        .into(),
        lang.pick(
            "6. Jangan mengubah kolom ID, urutan kolom, atau nama sheet. Simpan sebagai .xlsx atau .ods dan kirim kembali kepada koordinator.",
            "6. Do not change the ID column, the column order or the sheet names. Save as .xlsx or .ods and send it back to the coordinator.",
        )
        .into(),
        String::new(),
        lang.pick("Kriteria manual", "Manual criteria").into(),
    ];
    for (c, scale, na) in manual_criteria(rubric) {
        lines.push(format!(
            "• {} ({} {}–{}{}): {}",
            c.label,
            lang.pick("skala", "scale"),
            scale[0],
            scale[1],
            na.first().map(|n| format!(", {n}")).unwrap_or_default(),
            c.description.as_deref().unwrap_or("")
        ));
    }
    let headings = [
        lang.pick("Cara mengisi", "How to fill in"),
        lang.pick("Kriteria manual", "Manual criteria"),
    ];
    crate::output::instructions::write(ws, &lines, |l| headings.contains(&l))?;
    ws.protect();
    Ok(())
}

fn review_sheet(
    wb: &mut Workbook,
    rubric: &Rubric,
    reviewer: &str,
    rows: &[ReviewRow],
    lang: Lang,
) -> Result<()> {
    let ws: &mut Worksheet = wb.add_worksheet();
    ws.set_name(SHEET).map_err(xlsx_err)?;
    ws.set_active(true);
    let border = |f: Format| {
        f.set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Top)
    };
    let locked = border(Format::new());
    let number = border(Format::new().set_num_format("0.00"));
    let input = border(Format::new().set_unlocked().set_background_color(0xFFF2CC));
    let header = border(Format::new().set_bold().set_background_color(0xD9E1F2));
    let title = Format::new().set_bold().set_font_size(14);

    let manual = manual_criteria(rubric);
    // (key, header, width)
    let mut columns: Vec<(String, String, f64)> = vec![
        (key::ID.into(), "ID".into(), 12.0),
        (key::UNIT.into(), "Unit".into(), 20.0),
        (
            key::CHANNEL.into(),
            lang.pick("Kanal", "Channel").into(),
            12.0,
        ),
        (
            key::SERVICE_TYPE.into(),
            lang.pick("Jenis Layanan", "Service Type").into(),
            12.0,
        ),
        (
            key::RECEIVED.into(),
            lang.pick("Diterima", "Received").into(),
            11.0,
        ),
        (
            key::QUESTION.into(),
            lang.pick("Pertanyaan / Pengaduan", "Question / Complaint")
                .into(),
            50.0,
        ),
        (
            key::ANSWER.into(),
            lang.pick("Jawaban Petugas", "Officer's Answer").into(),
            60.0,
        ),
        (
            key::AUTO_SCORE.into(),
            lang.pick("Skor Otomatis", "Automatic Score").into(),
            9.0,
        ),
        (
            key::AUTO_NOTES.into(),
            lang.pick(
                "Hasil Otomatis (tidak lulus)",
                "Automatic Results (not passed)",
            )
            .into(),
            34.0,
        ),
        (
            key::CALIBRATION.into(),
            lang.pick("Kalibrasi", "Calibration").into(),
            9.0,
        ),
    ];
    let first_input = columns.len() as u16;
    for (c, scale, na) in &manual {
        columns.push((
            key::manual(&c.id),
            format!(
                "{} ({}–{}{})",
                c.label,
                scale[0],
                scale[1],
                na.first().map(|n| format!(", {n}")).unwrap_or_default()
            ),
            16.0,
        ));
    }
    // Per judged automatic criterion: its verdict (locked) and the reviewer's (a dropdown:
    // agree, or the state the reviewer gives).
    let judged = crate::review::verdicts::judged(rubric);
    let first_judged = columns.len() as u16;
    for c in &judged {
        columns.push((
            key::auto(&c.id),
            format!("{}: {}", c.label, lang.pick("otomatis", "automatic")),
            11.0,
        ));
        columns.push((
            key::verdict(&c.id),
            format!("{}: {}", c.label, lang.pick("menurut Anda", "your verdict")),
            12.0,
        ));
    }
    columns.push((
        key::COMMENT.into(),
        lang.pick("Komentar", "Comment").into(),
        30.0,
    ));
    let last_col = columns.len() as u16 - 1;

    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!(
            "{} — {reviewer}",
            lang.pick(
                "Lembar Review Kualitas Jawaban",
                "Answer Quality Review Sheet"
            )
        ),
        &title,
    )
    .map_err(xlsx_err)?;
    ws.write_string(
        1,
        0,
        format!(
            "{} {} {} {} · {} {}",
            lang.pick("Rubrik", "Rubric"),
            rubric.id,
            lang.pick("versi", "version"),
            rubric.version,
            rows.len(),
            lang.pick("jawaban", "answers")
        ),
    )
    .map_err(xlsx_err)?;
    for (c, (k, h, w)) in columns.iter().enumerate() {
        ws.write_string(KEY_ROW, c as u16, k).map_err(xlsx_err)?;
        ws.write_string_with_format(HEADER_ROW, c as u16, h, &header)
            .map_err(xlsx_err)?;
        ws.set_column_width(c as u16, *w).map_err(xlsx_err)?;
    }
    ws.set_row_hidden(KEY_ROW).map_err(xlsx_err)?;
    ws.set_row_height(HEADER_ROW, 66).map_err(xlsx_err)?;

    let yes = lang.pick("Ya", "Yes");
    for (i, r) in rows.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        let texts: [&str; 7] = [
            &r.id,
            &r.unit,
            &r.channel,
            crate::labels::service_type(&r.service_type, lang),
            &r.received,
            &r.question,
            &r.answer,
        ];
        for (c, t) in texts.iter().enumerate() {
            // Public text is written as text, never as a formula.
            ws.write_string_with_format(row, c as u16, cell_text(t), &locked)
                .map_err(xlsx_err)?;
        }
        match r.auto_score {
            Some(s) => ws.write_number_with_format(row, 7, s, &number),
            None => ws.write_blank(row, 7, &number),
        }
        .map_err(xlsx_err)?;
        ws.write_string_with_format(row, 8, cell_text(&r.auto_notes), &locked)
            .map_err(xlsx_err)?;
        ws.write_string_with_format(row, 9, if r.calibration { yes } else { "" }, &locked)
            .map_err(xlsx_err)?;
        for (k, (c, _, _)) in manual.iter().enumerate() {
            let col = first_input + k as u16;
            match r.marks.iter().find(|(id, _)| *id == c.id) {
                Some((_, v)) => ws.write_string_with_format(row, col, cell_text(v), &input),
                None => ws.write_blank(row, col, &input),
            }
            .map_err(xlsx_err)?;
        }
        for (k, c) in judged.iter().enumerate() {
            let col = first_judged + 2 * k as u16;
            let shown = r
                .auto_states
                .iter()
                .find(|(id, _)| *id == c.id)
                .map_or("", |(_, s)| s.as_str());
            ws.write_string_with_format(row, col, cell_text(shown), &locked)
                .map_err(xlsx_err)?;
            match r.verdicts.iter().find(|(id, _)| *id == c.id) {
                Some((_, v)) => ws.write_string_with_format(row, col + 1, cell_text(v), &input),
                None => ws.write_blank(row, col + 1, &input),
            }
            .map_err(xlsx_err)?;
        }
        if r.comment.is_empty() {
            ws.write_blank(row, last_col, &input)
        } else {
            ws.write_string_with_format(row, last_col, cell_text(&r.comment), &input)
        }
        .map_err(xlsx_err)?;
        // Long answers: a taller row, capped so the sheet stays scrollable.
        let longest = r.answer.chars().count().max(r.question.chars().count());
        ws.set_row_height(
            row,
            (15.0 * (longest as f64 / 70.0).ceil()).clamp(30.0, 300.0),
        )
        .map_err(xlsx_err)?;
    }
    if !rows.is_empty() {
        let (top, bottom) = (HEADER_ROW + 1, HEADER_ROW + rows.len() as u32);
        for (k, (crit, scale, na)) in manual.iter().enumerate() {
            let c = first_input + k as u16;
            let cell = format!("{}{}", col_letters(c), top + 1);
            let v = validation(*scale, na, scale_labels(crit), &cell, lang)?;
            ws.add_data_validation(top, c, bottom, c, &v)
                .map_err(xlsx_err)?;
        }
        let options = crate::review::verdicts::verdict_options(lang);
        let v = DataValidation::new()
            .allow_list_strings(&options)
            .map_err(xlsx_err)?
            .set_error_style(DataValidationErrorStyle::Warning);
        for k in 0..judged.len() {
            let c = first_judged + 2 * k as u16 + 1;
            ws.add_data_validation(top, c, bottom, c, &v)
                .map_err(xlsx_err)?;
        }
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 1).map_err(xlsx_err)?;
    ws.autofilter(HEADER_ROW, 0, HEADER_ROW + rows.len() as u32, last_col)
        .map_err(xlsx_err)?;
    crate::output::xlsx::print_width(ws, columns.iter().map(|(_, _, w)| *w))?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)
        .map_err(xlsx_err)?;
    ws.protect_with_options(&rust_xlsxwriter::ProtectionOptions {
        format_columns: true,
        format_rows: true,
        sort: true,
        use_autofilter: true,
        ..rust_xlsxwriter::ProtectionOptions::default()
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropdowns_list_whole_steps_then_na() {
        let na = vec!["N/A".to_string(), "-".to_string()];
        assert_eq!(
            scale_options([0.0, 2.0], &na, &[]).unwrap(),
            ["0", "1", "2", "N/A"]
        );
        let meanings: Vec<String> = ["Tidak akurat", "Sebagian akurat", "Akurat"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            scale_options([0.0, 2.0], &na, &meanings).unwrap(),
            [
                "0 = Tidak akurat",
                "1 = Sebagian akurat",
                "2 = Akurat",
                "N/A"
            ]
        );
        assert_eq!(
            scale_options([1.0, 5.0], &[], &[]).unwrap(),
            ["1", "2", "3", "4", "5"]
        );
        assert_eq!(scale_options([0.0, 100.0], &na, &[]), None);
        assert_eq!(scale_options([0.0, 0.5], &na, &[]), None);
        assert_eq!(col_letters(0), "A");
        assert_eq!(col_letters(27), "AB");
    }
}
