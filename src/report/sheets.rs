//! The answer-quality sheets of the report and its key–value sheets.

use polars::prelude::*;

use crate::aggregate;
use crate::error::{Result, polars_err};
use crate::i18n::Lang;
use crate::output::xlsx;
use crate::rubric::Rubric;

/// A criterion's n for the unit on a row of the unit summary, when below the minimum n
/// ([`super::PeriodResult::small_n`]).
pub type SmallN<'a> = &'a dyn Fn(&str, usize) -> Option<u32>;

/// Answer-quality sheets: criterion pass rates per unit (colour scale), officers, channels
/// and service types, and the monthly trend with a line chart of score and SLA.
pub fn answer_sheets(
    wb: &mut rust_xlsxwriter::Workbook,
    rubric: &Rubric,
    [by_unit, by_officer, by_channel, by_type, by_month]: [&DataFrame; 5],
    (small_n, min_n): (SmallN, u32),
    lang: Lang,
) -> Result<()> {
    let headers = |df: &DataFrame| aggregate::summary_headers(df, rubric, lang);
    let (criteria, criteria_headers, rate_of) = criteria_frame(by_unit, rubric, lang)?;
    let sheet = lang.of(crate::labels::sheet::CRITERIA);
    // A rate from fewer than `min_n` judged answers says so in place of the number, in
    // grey: a text cell is outside the column's colour scale.
    let caveat = |row: usize, col: usize| -> Option<String> {
        let c = rate_of.get(col).copied().flatten()?;
        let note = crate::stats::below_min_n(u64::from(small_n(&c.id, row)?), min_n)?;
        let rate = super::ranking::f64_at(&criteria, criteria.get_column_names()[col], row);
        Some(match rate {
            Some(r) => format!("{note} ({r:.1} %)"),
            None => note,
        })
    };
    let ws = wb.add_worksheet();
    ws.set_name(sheet).map_err(xlsx::xlsx_err)?;
    xlsx::write_sheet_with_caveats(ws, &criteria, &criteria_headers, &caveat)?;
    let rates = super::colours::Colours::of(rubric)?.rates.thresholds(100.0);
    for (c, rate) in rate_of.iter().enumerate() {
        if rate.is_some() {
            xlsx::band_fills(ws, c as u16, criteria.height() as u32, &rates)?;
        }
    }
    let note = criteria.height() as u32 + 2;
    let widths = xlsx::column_widths(&criteria, &criteria_headers, &caveat);
    for (k, line) in criteria_notes(min_n, lang).into_iter().enumerate() {
        xlsx::write_note(ws, note + k as u32, &widths, &line, false)?;
    }
    xlsx::write_frame(
        wb,
        lang.of(crate::labels::sheet::OFFICERS),
        by_officer,
        &headers(by_officer),
    )?;
    // Channels and service types stacked, with the dimension named.
    let stack = |df: &DataFrame, key: &str, label: &str| {
        df.clone().lazy().select([
            lit(label.to_string()).alias("dimension"),
            col(key).alias("key"),
            all().exclude_cols([key]).as_expr(),
        ])
    };
    let channels = concat(
        [
            stack(by_channel, "channel", lang.pick("Kanal", "Channel")),
            stack(
                by_type,
                "service_type",
                lang.pick("Jenis Layanan", "Service Type"),
            ),
        ],
        UnionArgs::default(),
    )
    .and_then(|lf| lf.collect())
    .map_err(|e| polars_err("kanal", e))?;
    let mut ch_headers = headers(&channels);
    ch_headers[0] = lang.pick("Dimensi", "Dimension").into();
    ch_headers[1] = lang.pick("Nilai", "Value").into();
    xlsx::write_frame(
        wb,
        lang.pick("Kanal dan Jenis Layanan", "Channels and Service Types"),
        &channels,
        &ch_headers,
    )?;
    // Answers without a readable receipt date have no month: left out of the trend (they
    // are listed under the data issues).
    let by_month = &by_month
        .clone()
        .lazy()
        .filter(col("month").neq(lit(aggregate::blank_key(lang))))
        .collect()
        .map_err(|e| polars_err("tren", e))?;
    let sheet = lang.of(crate::labels::sheet::TREND);
    xlsx::write_frame(wb, sheet, by_month, &headers(by_month))?;
    let months = by_month.height() as u32;
    if months > 0 {
        let idx = |name: &str| xlsx::column_index(by_month, name);
        let mut chart = rust_xlsxwriter::Chart::new(rust_xlsxwriter::ChartType::Line);
        for (name, label) in [
            ("mean_score", lang.pick("Rata-rata skor", "Mean score")),
            (
                "sla_pct",
                lang.pick("Pemenuhan SLA (%)", "SLA fulfilment (%)"),
            ),
        ] {
            chart
                .add_series()
                .set_categories((sheet, 1, 0, months, 0))
                .set_values((sheet, 1, idx(name), months, idx(name)))
                .set_name(label);
        }
        chart
            .title()
            .set_name(lang.pick("Tren Bulanan Kualitas Jawaban", "Monthly Answer Quality"));
        chart.y_axis().set_min(0).set_max(100);
        xlsx::chart_fonts(&mut chart);
        let ws = wb.worksheet_from_name(sheet).map_err(xlsx::xlsx_err)?;
        ws.insert_chart(months + 2, 0, &chart)
            .map_err(xlsx::xlsx_err)?;
    }
    Ok(())
}

/// The Kriteria per Unit frame, its headers, and per column the criterion whose rate it
/// holds (None for the other columns).
pub type CriteriaTable<'r> = (
    DataFrame,
    Vec<String>,
    Vec<Option<&'r crate::rubric::Criterion>>,
);

/// The Kriteria per Unit table: unit, answers, then each criterion's pass rate followed by
/// its 95 % Wilson interval as text ("49.0–94.3"); with the headers, and per column the
/// criterion whose rate it holds.
pub fn criteria_frame<'r>(
    by_unit: &DataFrame,
    rubric: &'r Rubric,
    lang: Lang,
) -> Result<CriteriaTable<'r>> {
    let err = |e| polars_err("kriteria per unit", e);
    let mut cols = vec![
        by_unit.column("unit").map_err(err)?.clone(),
        by_unit.column("answers").map_err(err)?.clone(),
    ];
    let mut headers = aggregate::summary_headers(
        &by_unit.select(["unit", "answers"]).map_err(err)?,
        rubric,
        lang,
    );
    let mut rate_of = vec![None, None];
    let f64s = |name: &str| -> Vec<Option<f64>> {
        (0..by_unit.height())
            .map(|i| super::ranking::f64_at(by_unit, name, i))
            .collect()
    };
    for c in &rubric.criteria {
        let rate = by_unit.column(&aggregate::pass_col(&c.id)).map_err(err)?;
        cols.push(rate.clone());
        headers.push(format!(
            "{} — {}",
            c.label,
            lang.pick("lulus (%)", "pass (%)")
        ));
        rate_of.push(Some(c));
        let (lo, hi) = (
            f64s(&aggregate::pass_lo_col(&c.id)),
            f64s(&aggregate::pass_hi_col(&c.id)),
        );
        let text: Vec<Option<String>> = lo
            .iter()
            .zip(&hi)
            .map(|(lo, hi)| Some(crate::stats::range_text((*lo)?, (*hi)?, 1)))
            .collect();
        cols.push(Column::new(format!("ci__{}", c.id).into(), text));
        headers.push(format!("{} — {}", c.label, lang.pick("IK 95 %", "95 % CI")));
        rate_of.push(None);
    }
    let df = DataFrame::new(by_unit.height(), cols).map_err(err)?;
    Ok((df, headers, rate_of))
}

/// The lines under the Kriteria per Unit table: the small-n rule and the interval's method.
pub fn criteria_notes(min_n: u32, lang: Lang) -> Vec<String> {
    vec![
        tr!(
            lang,
            "Tingkat kelulusan dari kurang dari {} jawaban yang dinilai ditulis abu-abu sebagai \"n = … < {}\" dan tidak ikut skala warna.",
            "Pass rates from fewer than {} judged answers are written in grey as \"n = … < {}\" and left out of the colour scale.",
            min_n,
            min_n
        ),
        interval_note(lang).to_string(),
    ]
}

/// How the 95 % interval beside a pass rate is computed, in one sentence.
pub fn interval_note(lang: Lang) -> &'static str {
    lang.pick(
        "IK 95 % = interval kepercayaan 95 % Wilson untuk tingkat kelulusan (jawaban lulus dari n jawaban yang dinilai, z = 1.96): rentang tempat tingkat kelulusan sebenarnya berada dengan keyakinan 95 %; makin kecil n, makin lebar rentangnya.",
        "95 % CI = Wilson 95 % confidence interval of the pass rate (answers passed out of the n judged, z = 1.96): the range the true pass rate lies in with 95 % confidence; the smaller n, the wider the range.",
    )
}

/// Characters of question and answer text shown in the details.
const EXCERPT_CHARS: usize = 300;

/// Every scored answer with its criterion states, plus excerpts of the question and the
/// answer: personal data masked first (so a cut never leaves part of a number), then cut.
pub fn detail_frame(
    scored: &DataFrame,
    rubric: &Rubric,
    masked: bool,
    lang: Lang,
) -> Result<(DataFrame, Vec<String>)> {
    use crate::output::answers::{StateStyle, answer_headers, answer_table};
    use crate::output::mask::{excerpt, mask};
    let mut table = answer_table(scored, rubric, StateStyle::Label(lang))?;
    for name in ["question", "answer"] {
        let ca = scored
            .column(name)
            .and_then(|c| c.str().cloned())
            .map_err(|e| polars_err("detail", e))?;
        let out: StringChunked = ca
            .iter()
            .map(|o| {
                o.map(|t| {
                    if masked {
                        excerpt(&mask(t), EXCERPT_CHARS)
                    } else {
                        excerpt(t, EXCERPT_CHARS)
                    }
                })
            })
            .collect();
        table
            .with_column(out.with_name(name.into()).into_column())
            .map_err(|e| polars_err("detail", e))?;
    }
    let headers = answer_headers(&table, rubric, lang);
    Ok((table, headers))
}

/// The generation time for the metadata, in a zone of the register ("2026-04-06 14:00
/// WIB"): the national report in the head office's zone
/// ([`crate::register::Register::head_office_zone`]), a unit's feedback workbook in its
/// unit's ([`crate::register::Register::zone_of`]). `SOURCE_DATE_EPOCH` when set, so a
/// rebuilt report is byte-identical; else the current time.
pub fn generated_at_in(zone: &str) -> String {
    // A bad value was refused when the run began (`output::source_date`).
    let t = crate::output::source_date()
        .ok()
        .flatten()
        .unwrap_or_else(chrono::Utc::now);
    crate::register::local_time(t, zone)
}

/// Two columns, item and value, for the summary and metadata sheets.
pub fn kv_frame(rows: Vec<(String, String)>, lang: Lang) -> Result<(DataFrame, Vec<String>)> {
    let n = rows.len();
    let (keys, values): (Vec<String>, Vec<String>) = rows.into_iter().unzip();
    let mut t = crate::output::table::Sheet::new();
    t.push("key", lang.pick("Keterangan", "Item"), keys);
    t.push("value", lang.pick("Nilai", "Value"), values);
    t.finish(n, "ringkasan")
}

/// Two decimals, or "-".
pub fn fmt_opt(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.2}")).unwrap_or_else(|| "-".into())
}
