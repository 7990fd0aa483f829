//! `ulpk-eval report`: one command from the inputs named in the config file to a workbook
//! management reads: Ringkasan, Peringkat Unit (answer quality, SLA, standard compliance,
//! SKM and a combined index with the config's weights), Temuan (the gap list), Masalah
//! Data (every data and validation issue) and Metadata (inputs with SHA-256, rubric and
//! standard versions, parameters).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use polars::prelude::*;
use sha2::{Digest, Sha256};

use super::assess::{UnitResult, assess, gaps_frame, workbook_paths};
use crate::aggregate::{self, Dimension};
use crate::cli::ReportArgs;
use crate::config::{Config, IndexWeights};
use crate::error::{Error, Result, polars_err};
use crate::i18n::Lang;
use crate::ingest::{Aliases, IngestOptions, load_all};
use crate::issues::{DataIssue, issues_frame, issues_headers, sort_issues};
use crate::output::{atomic_write, table, xlsx};
use crate::pipeline::{self, ScoreInputs};
use crate::progress::Progress;
use crate::skm::{self, SkmResult};
use crate::standard::{self, Standard};

/// SHA-256 of a file, hex.
pub fn sha256(path: &Path) -> Result<String> {
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).map_err(|e| Error::io(path, &e))?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// One unit's line in the ranking.
#[derive(Debug, Clone, Default)]
pub struct UnitLine {
    pub answers: Option<u32>,
    pub quality: Option<f64>,
    pub sla: Option<f64>,
    pub standard_self: Option<f64>,
    pub standard_verified: Option<f64>,
    pub standard: Option<f64>,
    pub standard_grade: Option<String>,
    pub standard_zone: Option<String>,
    pub meets_minimum: Option<bool>,
    pub ikm: Option<f64>,
    pub skm_grade: Option<String>,
    pub index: Option<f64>,
}

/// The combined index: the weighted mean of the components the unit has, each 0–100.
pub fn combined_index(l: &UnitLine, w: &IndexWeights) -> Option<f64> {
    let parts = [
        (l.quality, w.quality),
        (l.sla, w.sla),
        (l.standard, w.standard),
        (l.ikm, w.skm),
    ];
    let (num, den) = parts
        .iter()
        .filter_map(|(v, w)| v.map(|v| (v * w, *w)))
        .filter(|(_, w)| *w > 0.0)
        .fold((0.0, 0.0), |(n, d), (a, b)| (n + a, d + b));
    (den > 0.0).then(|| (num / den * 100.0).round() / 100.0)
}

fn f64_at(df: &DataFrame, col: &str, i: usize) -> Option<f64> {
    df.column(col)
        .ok()?
        .cast(&DataType::Float64)
        .ok()?
        .f64()
        .ok()?
        .get(i)
}

/// Joins the components by unit name.
pub fn ranking(
    by_unit: &DataFrame,
    assessed: &[UnitResult],
    skm: Option<&SkmResult>,
    w: &IndexWeights,
) -> Result<BTreeMap<String, UnitLine>> {
    let mut lines: BTreeMap<String, UnitLine> = BTreeMap::new();
    let units = by_unit
        .column("unit")
        .and_then(|c| c.str().cloned())
        .map_err(|e| polars_err("peringkat", e))?;
    for (i, u) in units.iter().enumerate() {
        let Some(u) = u else { continue };
        let l = lines.entry(u.to_string()).or_default();
        l.answers = f64_at(by_unit, "answers", i).map(|v| v as u32);
        l.quality = f64_at(by_unit, "mean_score", i);
        l.sla = f64_at(by_unit, "sla_pct", i);
    }
    for r in assessed {
        let l = lines.entry(r.filled.unit.clone()).or_default();
        let o = &r.outcome;
        l.standard_self = o.self_total.map(|v| (v * 100.0).round() / 100.0);
        l.standard_verified = o.verified_total.map(|v| (v * 100.0).round() / 100.0);
        l.standard = o.effective_total.map(|v| (v * 100.0).round() / 100.0);
        l.standard_grade = o.band.as_ref().map(|b| b.grade.clone());
        l.standard_zone = o.band.as_ref().and_then(|b| b.zone.clone());
        l.meets_minimum = Some(o.meets_minimum());
    }
    if let Some(s) = skm {
        for u in &s.units {
            let Some(name) = &u.unit else { continue };
            let l = lines.entry(name.clone()).or_default();
            l.ikm = u.ikm.map(skm::round2);
            l.skm_grade = u.band.as_ref().map(|b| b.grade.clone());
        }
    }
    for l in lines.values_mut() {
        l.index = combined_index(l, w);
    }
    Ok(lines)
}

/// The ranking as a table, best combined index first (ties by unit name).
pub fn ranking_frame(
    lines: &BTreeMap<String, UnitLine>,
    lang: Lang,
) -> Result<(DataFrame, Vec<String>)> {
    let mut v: Vec<(&String, &UnitLine)> = lines.iter().collect();
    v.sort_by(|a, b| {
        b.1.index
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&a.1.index.unwrap_or(f64::NEG_INFINITY))
            .then(a.0.cmp(b.0))
    });
    let n = v.len();
    let rank: Vec<Option<u32>> = v
        .iter()
        .enumerate()
        .map(|(i, (_, l))| l.index.map(|_| i as u32 + 1))
        .collect();
    let status = |m: Option<bool>| {
        m.map(|m| {
            if m {
                lang.pick("Memenuhi", "Meets")
            } else {
                lang.pick("Belum Memenuhi", "Below")
            }
            .to_string()
        })
    };
    let df = DataFrame::new(
        n,
        vec![
            Column::new("rank".into(), rank),
            Column::new(
                "unit".into(),
                v.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "answers".into(),
                v.iter().map(|x| x.1.answers).collect::<Vec<_>>(),
            ),
            Column::new(
                "quality".into(),
                v.iter().map(|x| x.1.quality).collect::<Vec<_>>(),
            ),
            Column::new(
                "sla_pct".into(),
                v.iter().map(|x| x.1.sla).collect::<Vec<_>>(),
            ),
            Column::new(
                "standard_self".into(),
                v.iter().map(|x| x.1.standard_self).collect::<Vec<_>>(),
            ),
            Column::new(
                "standard_verified".into(),
                v.iter().map(|x| x.1.standard_verified).collect::<Vec<_>>(),
            ),
            Column::new(
                "standard".into(),
                v.iter().map(|x| x.1.standard).collect::<Vec<_>>(),
            ),
            Column::new(
                "standard_grade".into(),
                v.iter()
                    .map(|x| x.1.standard_grade.clone())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "standard_zone".into(),
                v.iter()
                    .map(|x| x.1.standard_zone.clone())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "minimum".into(),
                v.iter()
                    .map(|x| status(x.1.meets_minimum))
                    .collect::<Vec<_>>(),
            ),
            Column::new("ikm".into(), v.iter().map(|x| x.1.ikm).collect::<Vec<_>>()),
            Column::new(
                "skm_grade".into(),
                v.iter().map(|x| x.1.skm_grade.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "index".into(),
                v.iter().map(|x| x.1.index).collect::<Vec<_>>(),
            ),
        ],
    )
    .map_err(|e| polars_err("peringkat", e))?;
    let headers = [
        lang.pick("Peringkat", "Rank"),
        "Unit",
        lang.pick("Jawaban Dinilai", "Answers Scored"),
        lang.pick("Skor Kualitas Jawaban", "Answer Quality Score"),
        lang.pick("Pemenuhan SLA (%)", "SLA Fulfilment (%)"),
        lang.pick("Standar — Nilai Mandiri", "Standard — Self"),
        lang.pick("Standar — Nilai Verifikasi", "Standard — Verified"),
        lang.pick("Standar — Nilai Akhir", "Standard — Final"),
        lang.pick("Predikat Standar", "Standard Grade"),
        lang.pick("Zona", "Zone"),
        lang.pick("Standar Minimal", "Minimum Standard"),
        "IKM (SKM)",
        lang.pick("Mutu SKM", "SKM Grade"),
        lang.pick("Indeks Gabungan", "Combined Index"),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    Ok((df, headers))
}

/// Colour scales on the scores, zone and minimum-standard fills, and a bar chart of the
/// combined index on the summary sheet.
fn decorate_ranking(
    wb: &mut rust_xlsxwriter::Workbook,
    rank_sheet: &str,
    summary_sheet: &str,
    rank_df: &DataFrame,
    lang: Lang,
) -> Result<()> {
    let last = rank_df.height() as u32;
    let col = |name: &str| xlsx::column_index(rank_df, name);
    let ws = wb.worksheet_from_name(rank_sheet).map_err(xlsx::xlsx_err)?;
    for c in ["quality", "sla_pct", "standard", "ikm", "index"] {
        xlsx::color_scale(ws, col(c), last)?;
    }
    for (zone, color) in [
        ("hijau", 0xC6EFCE),
        ("kuning", 0xFFEB9C),
        ("merah", 0xFFC7CE),
    ] {
        xlsx::fill_when_text(ws, col("standard_zone"), last, zone, color)?;
    }
    let (met, below) = (lang.pick("Memenuhi", "Meets"), lang.pick("Belum", "Below"));
    xlsx::fill_when_text(ws, col("minimum"), last, met, 0xC6EFCE)?;
    xlsx::fill_when_text(ws, col("minimum"), last, below, 0xFFC7CE)?;
    if last == 0 {
        return Ok(());
    }
    let mut chart = rust_xlsxwriter::Chart::new(rust_xlsxwriter::ChartType::Bar);
    chart
        .add_series()
        .set_categories((rank_sheet, 1, col("unit"), last, col("unit")))
        .set_values((rank_sheet, 1, col("index"), last, col("index")))
        .set_name(lang.pick("Indeks gabungan", "Combined index"));
    chart
        .title()
        .set_name(lang.pick("Indeks Gabungan per Unit", "Combined Index by Unit"));
    // In a bar chart x is the value axis and y the category axis: best unit on top.
    chart.x_axis().set_min(0).set_max(100);
    chart.y_axis().set_reverse();
    chart.legend().set_hidden();
    chart.set_width(720).set_height(24 * last + 120);
    let ws = wb
        .worksheet_from_name(summary_sheet)
        .map_err(xlsx::xlsx_err)?;
    ws.insert_chart(1, 3, &chart).map_err(xlsx::xlsx_err)?;
    Ok(())
}

/// Answer-quality sheets: criterion pass rates per unit (colour scale), officers, channels
/// and service types, and the monthly trend with a line chart of score and SLA.
fn answer_sheets(
    wb: &mut rust_xlsxwriter::Workbook,
    rubric: &crate::rubric::Rubric,
    [by_unit, by_officer, by_channel, by_type, by_month]: [&DataFrame; 5],
    lang: Lang,
) -> Result<()> {
    let headers = |df: &DataFrame| aggregate::summary_headers(df, rubric, lang);
    // Kriteria per Unit: unit, answers, then each criterion's pass rate.
    let mut keep = vec![col("unit"), col("answers")];
    keep.extend(
        rubric
            .criteria
            .iter()
            .map(|c| col(aggregate::pass_col(&c.id))),
    );
    let criteria = by_unit
        .clone()
        .lazy()
        .select(keep)
        .collect()
        .map_err(|e| polars_err("kriteria per unit", e))?;
    let sheet = lang.pick("Kriteria per Unit", "Criteria by Unit");
    xlsx::write_frame(wb, sheet, &criteria, &headers(&criteria))?;
    let ws = wb.worksheet_from_name(sheet).map_err(xlsx::xlsx_err)?;
    for c in 2..criteria.width() as u16 {
        xlsx::color_scale(ws, c, criteria.height() as u32)?;
    }
    xlsx::write_frame(
        wb,
        lang.pick("Petugas", "Officers"),
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
    let sheet = lang.pick("Tren Bulanan", "Monthly Trend");
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
        let ws = wb.worksheet_from_name(sheet).map_err(xlsx::xlsx_err)?;
        ws.insert_chart(months + 2, 0, &chart)
            .map_err(xlsx::xlsx_err)?;
    }
    Ok(())
}

/// Characters of question and answer text shown in the details.
const EXCERPT_CHARS: usize = 300;

/// Every scored answer with its criterion states, plus excerpts of the question and the
/// answer: personal data masked first (so a cut never leaves part of a number), then cut.
fn detail_frame(
    run: &pipeline::ScoredRun,
    masked: bool,
    lang: Lang,
) -> Result<(DataFrame, Vec<String>)> {
    use crate::output::answers::{StateStyle, answer_headers, answer_table};
    use crate::output::mask::{excerpt, mask};
    let mut table = answer_table(&run.scored, &run.rubric, StateStyle::Label(lang))?;
    for name in ["question", "answer"] {
        let ca = run
            .scored
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
    let headers = answer_headers(&table, &run.rubric, lang);
    Ok((table, headers))
}

fn kv_frame(rows: Vec<(String, String)>, lang: Lang) -> Result<(DataFrame, Vec<String>)> {
    let n = rows.len();
    let df = DataFrame::new(
        n,
        vec![
            Column::new(
                "key".into(),
                rows.iter().map(|r| r.0.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "value".into(),
                rows.iter().map(|r| r.1.clone()).collect::<Vec<_>>(),
            ),
        ],
    )
    .map_err(|e| polars_err("ringkasan", e))?;
    Ok((
        df,
        vec![
            lang.pick("Keterangan", "Item").into(),
            lang.pick("Nilai", "Value").into(),
        ],
    ))
}

fn fmt_opt(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.2}")).unwrap_or_else(|| "-".into())
}

pub fn run(args: &ReportArgs, lang: Lang) -> Result<i32> {
    let cfg_path = args
        .config
        .clone()
        .unwrap_or_else(|| PathBuf::from("ulpk-eval.toml"));
    let cfg = Config::load(&cfg_path)?;
    let out = args
        .output
        .clone()
        .or(cfg.report.output.clone())
        .unwrap_or_else(|| PathBuf::from("reports/laporan-ulpk.xlsx"));
    crate::output::Format::from_path(&out)?;
    let progress = Progress::start();

    // Answer quality.
    let a = &cfg.answers;
    let inputs = ScoreInputs {
        files: a.files.clone(),
        rubric: a.rubric.clone(),
        sheet: a.sheet.clone(),
        units: a.units.clone(),
        calendars: a.calendar.clone(),
        aliases: a.aliases.clone(),
        columns: cfg.columns.clone(),
    };
    let run = pipeline::run(&inputs, lang, &progress)?;
    let mut dims = aggregate::summarize(
        &run.scored,
        &run.rubric,
        &[
            Dimension::Unit,
            Dimension::Officer,
            Dimension::Channel,
            Dimension::ServiceType,
            Dimension::Month,
        ],
        lang,
    )?
    .into_iter()
    .map(|s| s.df);
    let mut next = || dims.next().unwrap_or_default();
    let (by_unit, by_officer, by_channel, by_type, by_month) =
        (next(), next(), next(), next(), next());
    let overall = aggregate::overall(&run.scored, &run.rubric)?;
    let mut issues: Vec<DataIssue> = run.issues.clone();

    // Unit standards.
    progress.stage(lang.pick("Menilai penilaian mandiri…", "Scoring self-assessments…"));
    let (std, assessed, workbooks, as_of): (
        Option<Standard>,
        Vec<UnitResult>,
        Vec<PathBuf>,
        Option<chrono::NaiveDate>,
    ) = match &cfg.standards.standard {
        None => (None, Vec::new(), Vec::new(), None),
        Some(p) => {
            let s = standard::load(p)?;
            let as_of = match &cfg.standards.as_of {
                Some(t) => chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
                    Error::plain(msg!(
                        "[standards] as_of \"{t}\" bukan tanggal YYYY-MM-DD",
                        "[standards] as_of \"{t}\" is not a YYYY-MM-DD date"
                    ))
                })?,
                None => chrono::Local::now().date_naive(),
            };
            let paths = workbook_paths(&cfg.standards.workbooks)?;
            let (results, mut more) = assess(&s, &paths, as_of);
            issues.append(&mut more);
            (Some(s), results, paths, Some(as_of))
        }
    };

    // SKM.
    let skm_result = if cfg.skm.files.is_empty() {
        None
    } else {
        progress.stage(lang.pick("Menghitung IKM…", "Computing the IKM…"));
        let opts = IngestOptions {
            sheet: None,
            specs: skm::column_specs(&Aliases::builtin()?),
        };
        let (df, sources) = load_all(&cfg.skm.files, &opts)?;
        let r = skm::from_frame(&df, &sources, &skm::bands()?)?;
        issues.extend(r.issues.iter().cloned());
        Some(r)
    };
    sort_issues(&mut issues);

    progress.stage(lang.pick("Menulis laporan…", "Writing the report…"));
    let lines = ranking(&by_unit, &assessed, skm_result.as_ref(), &cfg.index)?;
    let (rank_df, rank_headers) = ranking_frame(&lines, lang)?;
    let period = cfg.report.period.clone().unwrap_or_else(|| "-".into());

    // Ringkasan.
    let get = |c: &str| f64_at(&overall, c, 0);
    let mut summary: Vec<(String, String)> = vec![
        (lang.pick("Periode", "Period").into(), period.clone()),
        (
            lang.pick("Jawaban dinilai", "Answers scored").into(),
            get("answers")
                .map(|v| format!("{v:.0}"))
                .unwrap_or_default(),
        ),
        (
            lang.pick(
                "Rata-rata skor kualitas jawaban (nasional)",
                "Mean answer-quality score (national)",
            )
            .into(),
            fmt_opt(get("mean_score")),
        ),
        (
            lang.pick("Pemenuhan SLA nasional (%)", "National SLA fulfilment (%)")
                .into(),
            fmt_opt(get("sla_pct")),
        ),
        (
            lang.pick("Unit dalam laporan", "Units in the report")
                .into(),
            lines.len().to_string(),
        ),
    ];
    if let Some(s) = &std {
        let met = assessed
            .iter()
            .filter(|r| r.outcome.meets_minimum())
            .count();
        summary.push((
            lang.pick(
                "Unit memenuhi standar minimal",
                "Units meeting the minimum standard",
            )
            .into(),
            format!("{met} / {}", assessed.len()),
        ));
        for b in &s.bands.bands {
            let n = assessed
                .iter()
                .filter(|r| r.outcome.band.as_ref().is_some_and(|x| x.grade == b.grade))
                .count();
            let zone = b
                .zone
                .as_ref()
                .map(|z| format!(", zona {z}"))
                .unwrap_or_default();
            summary.push((
                format!(
                    "{} {} ({}{zone})",
                    lang.pick("Unit berpredikat", "Units graded"),
                    b.grade,
                    b.label
                ),
                n.to_string(),
            ));
        }
    }
    if let Some(r) = &skm_result {
        summary.push((
            lang.pick("IKM nasional (SKM)", "National IKM (SKM)").into(),
            format!(
                "{} {}",
                fmt_opt(r.national.ikm.map(skm::round2)),
                r.national
                    .band
                    .as_ref()
                    .map(|b| format!("({} {})", b.grade, b.label))
                    .unwrap_or_default()
            ),
        ));
    }
    let ranked: Vec<(&String, f64)> = {
        let mut v: Vec<(&String, f64)> = lines
            .iter()
            .filter_map(|(u, l)| l.index.map(|i| (u, i)))
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        v
    };
    for (label, pick) in [
        (
            lang.pick("Indeks gabungan tertinggi", "Highest combined index"),
            ranked.first(),
        ),
        (
            lang.pick("Indeks gabungan terendah", "Lowest combined index"),
            ranked.last(),
        ),
    ] {
        if let Some((u, i)) = pick {
            summary.push((label.into(), format!("{u} ({i:.2})")));
        }
    }
    summary.push((
        lang.pick("Masalah data dan validasi", "Data and validation issues")
            .into(),
        issues.len().to_string(),
    ));
    let (summary_df, summary_headers) = kv_frame(summary, lang)?;

    // Metadata.
    let w = cfg.index;
    let mut meta: Vec<(String, String)> = vec![
        (
            lang.pick("Alat", "Tool").into(),
            format!("ulpk-eval {}", env!("CARGO_PKG_VERSION")),
        ),
        (
            lang.pick("Berkas konfigurasi", "Config file").into(),
            cfg_path.display().to_string(),
        ),
        (lang.pick("Periode", "Period").into(), period),
        (
            lang.pick("Rubrik kualitas jawaban", "Answer-quality rubric")
                .into(),
            format!(
                "{} versi {} ({})",
                run.rubric.id,
                run.rubric.version,
                run.rubric.source.display()
            ),
        ),
        (
            lang.pick("Bobot indeks gabungan", "Combined index weights")
                .into(),
            format!(
                "kualitas {} · SLA {} · standar {} · SKM {}",
                w.quality, w.sla, w.standard, w.skm
            ),
        ),
    ];
    if let (Some(s), Some(d)) = (&std, as_of) {
        meta.push((
            lang.pick("Standar", "Standard").into(),
            format!(
                "{} versi {} ({}), {} {d}",
                s.id,
                s.version,
                s.source.display(),
                lang.pick("tanggal penilaian", "assessment date")
            ),
        ));
    }
    let mut files: Vec<PathBuf> = run.sources.iter().map(|s| s.path.clone()).collect();
    files.extend(workbooks.iter().cloned());
    files.extend(cfg.skm.files.iter().cloned());
    for f in &files {
        meta.push((
            format!("{} {}", lang.pick("Masukan", "Input"), f.display()),
            format!("SHA-256 {}", sha256(f)?),
        ));
    }
    let (meta_df, meta_headers) = kv_frame(meta, lang)?;

    let mut wb = xlsx::new_workbook(&format!(
        "{} — {}",
        lang.pick("Laporan ULPK", "ULPK Report"),
        cfg.report.period.as_deref().unwrap_or("")
    ))?;
    let (summary_sheet, rank_sheet) = (
        lang.pick("Ringkasan", "Summary"),
        lang.pick("Peringkat Unit", "Unit Ranking"),
    );
    xlsx::write_frame(&mut wb, summary_sheet, &summary_df, &summary_headers)?;
    xlsx::write_frame(&mut wb, rank_sheet, &rank_df, &rank_headers)?;
    decorate_ranking(&mut wb, rank_sheet, summary_sheet, &rank_df, lang)?;
    answer_sheets(
        &mut wb,
        &run.rubric,
        [&by_unit, &by_officer, &by_channel, &by_type, &by_month],
        lang,
    )?;
    if let Some(s) = &std {
        let (gaps, gap_headers) = gaps_frame(s, &assessed, lang)?;
        xlsx::write_frame(
            &mut wb,
            lang.pick("Temuan", "Findings"),
            &gaps,
            &gap_headers,
        )?;
    }
    let (detail, detail_headers) = detail_frame(&run, !args.no_mask, lang)?;
    xlsx::write_frame(
        &mut wb,
        lang.pick("Detail Jawaban", "Answer Details"),
        &detail,
        &detail_headers,
    )?;
    xlsx::write_frame(
        &mut wb,
        lang.pick("Masalah Data", "Data Issues"),
        &issues_frame(&issues, lang),
        &issues_headers(lang),
    )?;
    xlsx::write_frame(&mut wb, "Metadata", &meta_df, &meta_headers)?;
    atomic_write(&out, |tmp| wb.save(tmp).map_err(xlsx::xlsx_err))?;
    drop(progress);

    let cols: Vec<(&str, String)> = [
        "rank", "unit", "quality", "sla_pct", "standard", "minimum", "ikm", "index",
    ]
    .iter()
    .zip([0, 1, 3, 4, 7, 10, 11, 13])
    .map(|(c, i)| (*c, rank_headers[i].clone()))
    .collect();
    println!("{}", table::render(&rank_df, &cols));
    super::print_issues(
        &issues,
        lang,
        &format!(
            " ({} \"{}\")",
            lang.pick("lihat sheet", "see sheet"),
            lang.pick("Masalah Data", "Data Issues")
        ),
    );
    super::print_written(Some(&out), lang);
    Ok(0)
}
