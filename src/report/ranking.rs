//! The unit ranking: answer quality, SLA, standard compliance and SKM joined by unit, with
//! the combined index the config's weights give.

use std::collections::BTreeMap;

use polars::prelude::*;

use crate::assess::batch::UnitResult;
use crate::config::IndexWeights;
use crate::error::{Result, polars_err};
use crate::i18n::Lang;
use crate::ingest::normalize::UnitList;
use crate::output::table::Sheet;
use crate::output::xlsx;
use crate::rubric::Rubric;
use crate::skm::SkmResult;
use crate::stats;

/// One unit's line in the ranking.
#[derive(Debug, Clone, Default)]
pub struct UnitLine {
    pub answers: Option<u32>,
    pub quality: Option<f64>,
    /// The answers with a score (the quality mean's n) and their standard deviation.
    pub quality_n: Option<u32>,
    pub quality_sd: Option<f64>,
    /// The answer-quality band of the unit's mean score (the rubric's bands).
    pub quality_grade: Option<String>,
    pub sla: Option<f64>,
    pub standard_self: Option<f64>,
    pub standard_verified: Option<f64>,
    pub standard: Option<f64>,
    pub standard_grade: Option<String>,
    pub standard_zone: Option<String>,
    pub meets_minimum: Option<bool>,
    pub ikm: Option<f64>,
    pub skm_grade: Option<String>,
    /// The final score 0–100 of each instrument in the combined index, in the order of
    /// [`IndexWeights::instruments`].
    pub instruments: Vec<Option<f64>>,
    pub index: Option<f64>,
    /// The combined index's 95 % interval ([`index_interval`]).
    pub index_interval: Option<(f64, f64)>,
    /// The weighted components the unit lacks (then it has no index and no rank).
    pub missing: Vec<Component>,
    /// The name is not in the unit list or register: a data issue, never ranked.
    pub unknown: bool,
}

/// A component of the combined index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Component {
    Quality,
    Sla,
    Standard,
    Skm,
    /// The instrument at this position of [`IndexWeights::instruments`].
    Instrument(usize),
}

impl Component {
    /// Every component the weights know: the four, then the weighted instruments.
    pub fn all(w: &IndexWeights) -> Vec<Component> {
        [
            Component::Quality,
            Component::Sla,
            Component::Standard,
            Component::Skm,
        ]
        .into_iter()
        .chain((0..w.instruments.len()).map(Component::Instrument))
        .collect()
    }

    /// The components with a weight above zero: those the combined index is made of.
    pub fn weighted(w: &IndexWeights) -> Vec<Component> {
        Component::all(w)
            .into_iter()
            .filter(|c| c.weight(w) > 0.0)
            .collect()
    }

    pub fn name(self, w: &IndexWeights, lang: Lang) -> String {
        match self {
            Component::Quality => lang.pick("kualitas jawaban", "answer quality").into(),
            Component::Sla => "SLA".into(),
            Component::Standard => lang.pick("standar", "standard").into(),
            Component::Skm => "SKM".into(),
            Component::Instrument(i) => w
                .instruments
                .get(i)
                .map(|x| lang.pick(&x.name.0, &x.name.1).to_string())
                .unwrap_or_default(),
        }
    }

    pub fn weight(self, w: &IndexWeights) -> f64 {
        match self {
            Component::Quality => w.quality,
            Component::Sla => w.sla,
            Component::Standard => w.standard,
            Component::Skm => w.skm,
            Component::Instrument(i) => w.instruments.get(i).map_or(0.0, |x| x.weight),
        }
    }

    fn value(self, l: &UnitLine) -> Option<f64> {
        match self {
            Component::Quality => l.quality,
            Component::Sla => l.sla,
            Component::Standard => l.standard,
            Component::Skm => l.ikm,
            Component::Instrument(i) => l.instruments.get(i).copied().flatten(),
        }
    }
}

/// One line per unit of the list: lines whose names the list knows under one official name
/// (a workbook's "Balai Besar POM di Ambon", the answers' "Balai POM di Ambon") are one unit,
/// each figure taken from whichever line has it. Units the list does not know are marked:
/// they keep their figures (every answer counts nationally) but get no index and no rank.
fn by_official_name(
    lines: BTreeMap<String, UnitLine>,
    list: &UnitList,
) -> BTreeMap<String, UnitLine> {
    let mut out: BTreeMap<String, UnitLine> = BTreeMap::new();
    for (u, l) in lines {
        let Some(official) = list.get(&u).map(str::to_string) else {
            out.insert(u, UnitLine { unknown: true, ..l });
            continue;
        };
        let m = out.entry(official).or_default();
        if m.instruments.len() < l.instruments.len() {
            m.instruments.resize(l.instruments.len(), None);
        }
        for (mine, theirs) in m.instruments.iter_mut().zip(&l.instruments) {
            if mine.is_none() {
                *mine = *theirs;
            }
        }
        macro_rules! take {
            ($($f:ident),*) => { $( if m.$f.is_none() { m.$f = l.$f; } )* };
        }
        take!(
            answers,
            quality,
            quality_n,
            quality_sd,
            quality_grade,
            sla,
            standard_self,
            standard_verified,
            standard,
            standard_grade,
            standard_zone,
            meets_minimum,
            ikm,
            skm_grade
        );
    }
    out
}

/// The weighted components a unit has no value for.
pub fn missing(l: &UnitLine, w: &IndexWeights) -> Vec<Component> {
    Component::weighted(w)
        .into_iter()
        .filter(|c| c.value(l).is_none())
        .collect()
}

/// The combined index: the weighted mean of the components, each 0–100. A unit lacking a
/// weighted component has none: rescaling the others would rank a unit that sent no
/// self-assessment on its answers alone, above units that sent everything.
pub fn combined_index(l: &UnitLine, w: &IndexWeights) -> Option<f64> {
    if !missing(l, w).is_empty() {
        return None;
    }
    let (num, den) = Component::weighted(w)
        .iter()
        .filter_map(|c| c.value(l).map(|v| (v * c.weight(w), c.weight(w))))
        .fold((0.0, 0.0), |(n, d), (a, b)| (n + a, d + b));
    (den > 0.0).then(|| (num / den * 100.0).round() / 100.0)
}

/// The 95 % interval of a unit's answer-quality mean: mean ± t₀.₉₇₅(n − 1) · s / √n over
/// its scored answers, within 0–100, to 2 decimals. None below two scored answers.
pub fn quality_interval(l: &UnitLine) -> Option<(f64, f64)> {
    let q = l.quality?;
    let h = stats::mean_half_width(l.quality_sd?, u64::from(l.quality_n?))?;
    Some((
        crate::stats::round2((q - h).max(0.0)),
        crate::stats::round2((q + h).min(100.0)),
    ))
}

/// The 95 % interval of the combined index: the answer-quality mean's interval carried
/// through its share of the weights (the index moves by w_quality / Σw for each point of
/// the mean), the other components taken as fixed. Within 0–100, to 2 decimals. None
/// without an index, or when the quality is weighted and has fewer than two scored
/// answers.
pub fn index_interval(l: &UnitLine, w: &IndexWeights) -> Option<(f64, f64)> {
    let index = l.index?;
    let total: f64 = Component::all(w)
        .iter()
        .map(|c| c.weight(w))
        .filter(|x| *x > 0.0)
        .sum();
    let h = if w.quality > 0.0 && total > 0.0 {
        stats::mean_half_width(l.quality_sd?, u64::from(l.quality_n?))? * w.quality / total
    } else {
        0.0
    };
    Some((
        crate::stats::round2((index - h).max(0.0)),
        crate::stats::round2((index + h).min(100.0)),
    ))
}

/// Whether a ranked unit can be told apart from the rank just above and just below it:
/// (that rank, distinguishable) on each side there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Neighbours {
    pub above: Option<(u32, bool)>,
    pub below: Option<(u32, bool)>,
}

/// Per ranked unit, whether its combined index is distinguishable from the neighbouring
/// ranks: from a rank when its 95 % interval overlaps none of the intervals of the units
/// at that rank. Overlapping intervals is a conservative test (two means whose intervals
/// just touch differ at about the 0.5 % level); a unit without an interval is
/// distinguishable from no one. Tied units share their rank and are not compared.
pub fn neighbours(lines: &BTreeMap<String, UnitLine>) -> BTreeMap<String, Neighbours> {
    let by_unit = ranks(lines);
    let mut groups: BTreeMap<u32, Vec<Option<(f64, f64)>>> = BTreeMap::new();
    for (u, r) in &by_unit {
        groups
            .entry(*r)
            .or_default()
            .push(lines.get(u).and_then(|l| l.index_interval));
    }
    let order: Vec<u32> = groups.keys().copied().collect();
    let apart = |own: Option<(f64, f64)>, rank: u32| -> (u32, bool) {
        let all_apart = own.is_some_and(|a| {
            groups[&rank]
                .iter()
                .all(|b| b.is_some_and(|b| !stats::overlap(a, b)))
        });
        (rank, all_apart)
    };
    by_unit
        .iter()
        .map(|(u, r)| {
            let own = lines.get(u).and_then(|l| l.index_interval);
            let k = order.iter().position(|x| x == r).unwrap_or(0);
            let above = k.checked_sub(1).map(|j| apart(own, order[j]));
            let below = order.get(k + 1).map(|r| apart(own, *r));
            (u.clone(), Neighbours { above, below })
        })
        .collect()
}

/// "tidak dapat dibedakan dari peringkat 7 dan 9", "dapat dibedakan dari peringkat 7;
/// tidak dapat dibedakan dari peringkat 9"; None without a neighbouring rank.
pub fn neighbour_text(n: &Neighbours, lang: Lang) -> Option<String> {
    let verdict = |apart: bool| {
        if apart {
            lang.pick("dapat dibedakan dari", "distinguishable from")
        } else {
            lang.pick("tidak dapat dibedakan dari", "not distinguishable from")
        }
    };
    let rank = |r: u32| tr!(lang, "peringkat {}", "rank {}", r);
    Some(match (n.above, n.below) {
        (None, None) => return None,
        (Some((r, a)), None) | (None, Some((r, a))) => format!("{} {}", verdict(a), rank(r)),
        (Some((r1, a1)), Some((r2, a2))) if a1 == a2 => format!(
            "{} {}",
            verdict(a1),
            tr!(lang, "peringkat {} dan {}", "ranks {} and {}", r1, r2)
        ),
        (Some((r1, a1)), Some((r2, a2))) => {
            format!("{} {}; {} {}", verdict(a1), rank(r1), verdict(a2), rank(r2))
        }
    })
}

/// A numeric cell of a frame as f64, None when null or not numeric.
pub fn f64_at(df: &DataFrame, col: &str, i: usize) -> Option<f64> {
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
    rubric: &Rubric,
    by_unit: &DataFrame,
    assessed: &[UnitResult],
    skm: Option<&SkmResult>,
    instruments: &[(f64, &[UnitResult])],
    w: &IndexWeights,
    list: Option<&UnitList>,
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
        l.quality_n = f64_at(by_unit, "score_n", i).map(|v| v as u32);
        l.quality_sd = f64_at(by_unit, "sd_score", i).filter(|v| v.is_finite());
        l.quality_grade = l
            .quality
            .and_then(|q| rubric.grade(q))
            .map(|b| b.grade.clone());
        l.sla = f64_at(by_unit, "sla_pct", i);
    }
    for r in assessed {
        let l = lines.entry(r.filled.unit.clone()).or_default();
        let o = &r.outcome;
        l.standard_self = o.self_total.map(crate::stats::round2);
        l.standard_verified = o.verified_total.map(crate::stats::round2);
        l.standard = o.effective_total.map(crate::stats::round2);
        l.standard_grade = o.band.as_ref().map(|b| b.grade.clone());
        l.standard_zone = o.band.as_ref().and_then(|b| b.zone.clone());
        l.meets_minimum = Some(o.meets_minimum());
    }
    if let Some(s) = skm {
        for u in &s.units {
            let Some(name) = &u.unit else { continue };
            let l = lines.entry(name.clone()).or_default();
            l.ikm = u.ikm.map(crate::stats::round2);
            l.skm_grade = u.band.as_ref().map(|b| b.grade.clone());
        }
    }
    // The weighted instruments (scale, results), in the order of `w.instruments`: each
    // unit's final score put on 0–100.
    for (k, (scale, results)) in instruments.iter().enumerate() {
        for r in results.iter() {
            let l = lines.entry(r.filled.unit.clone()).or_default();
            l.instruments.resize(instruments.len(), None);
            l.instruments[k] = r
                .outcome
                .effective_total
                .map(|t| crate::stats::round2(t / scale * 100.0));
        }
    }
    if let Some(list) = list {
        lines = by_official_name(lines, list);
    }
    for l in lines.values_mut() {
        l.missing = missing(l, w);
        l.index = if l.unknown {
            None
        } else {
            combined_index(l, w)
        };
        l.index_interval = index_interval(l, w);
    }
    Ok(lines)
}

/// Units best combined index first, then units without an index; ties and the units
/// without an index by name (the order of tied units only: they share their rank).
pub fn sorted(lines: &BTreeMap<String, UnitLine>) -> Vec<(&String, &UnitLine)> {
    let mut v: Vec<(&String, &UnitLine)> = lines.iter().collect();
    v.sort_by(|a, b| {
        b.1.index
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&a.1.index.unwrap_or(f64::NEG_INFINITY))
            .then(a.0.cmp(b.0))
    });
    v
}

/// Ranks by combined index, 1 = best, as in a competition: units with the same index share
/// the rank, and the next rank counts them all (1, 2, 2, 4). Units without an index have
/// none.
pub fn ranks(lines: &BTreeMap<String, UnitLine>) -> BTreeMap<String, u32> {
    let ranked: Vec<(&String, f64)> = sorted(lines)
        .into_iter()
        .filter_map(|(u, l)| l.index.map(|i| (u, i)))
        .collect();
    let mut out = BTreeMap::new();
    let mut rank = 0u32;
    for (k, (u, i)) in ranked.iter().enumerate() {
        if k == 0 || ranked[k - 1].1 != *i {
            rank = k as u32 + 1;
        }
        out.insert((*u).clone(), rank);
    }
    out
}

/// The components a unit lacks, named: "standar, SKM".
pub fn missing_names(l: &UnitLine, w: &IndexWeights, lang: Lang) -> String {
    l.missing
        .iter()
        .map(|c| c.name(w, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How many units share each rank.
pub fn tied(ranks: &BTreeMap<String, u32>) -> BTreeMap<u32, usize> {
    let mut out = BTreeMap::new();
    for r in ranks.values() {
        *out.entry(*r).or_insert(0) += 1;
    }
    out
}

/// The ranking as a table, best combined index first (ties by unit name).
pub fn ranking_frame(
    lines: &BTreeMap<String, UnitLine>,
    w: &IndexWeights,
    lang: Lang,
) -> Result<(DataFrame, Vec<String>)> {
    let v = sorted(lines);
    let n = v.len();
    let by_unit = ranks(lines);
    let ties = tied(&by_unit);
    let rank: Vec<Option<u32>> = v.iter().map(|(u, _)| by_unit.get(*u).copied()).collect();
    // "seri (4 unit)" beside a shared rank; what is missing beside a unit not ranked.
    let remark: Vec<Option<String>> = v
        .iter()
        .map(|(u, l)| match by_unit.get(*u) {
            Some(r) => ties
                .get(r)
                .filter(|t| **t > 1)
                .map(|t| tr!(lang, "seri ({} unit)", "tie ({} units)", t)),
            None if l.unknown => Some(
                lang.pick(
                    "unit tidak dikenal: tidak ada di daftar unit (lihat Masalah Data)",
                    "unknown unit: not in the unit list (see Data Issues)",
                )
                .to_string(),
            ),
            None if l.missing.is_empty() => None,
            None => Some(format!(
                "{}: {}",
                lang.pick("belum lengkap, tanpa", "incomplete, no"),
                missing_names(l, w, lang)
            )),
        })
        .collect();
    let near = neighbours(lines);
    let range = |i: Option<(f64, f64)>| i.map(|(lo, hi)| stats::range_text(lo, hi, 2));
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
    let text =
        |f: &dyn Fn(&UnitLine) -> Option<String>| v.iter().map(|x| f(x.1)).collect::<Vec<_>>();
    let num = |f: &dyn Fn(&UnitLine) -> Option<f64>| v.iter().map(|x| f(x.1)).collect::<Vec<_>>();
    let mut t = Sheet::new();
    t.push("rank", lang.pick("Peringkat", "Rank"), rank);
    t.push(
        "remark",
        lang.pick("Keterangan Peringkat", "Rank Remark"),
        remark,
    );
    t.push(
        "unit",
        "Unit",
        v.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
    );
    t.push(
        "answers",
        lang.pick("Jawaban Dinilai", "Answers Scored"),
        v.iter().map(|x| x.1.answers).collect::<Vec<_>>(),
    );
    t.push(
        "quality",
        lang.pick("Skor Kualitas Jawaban", "Answer Quality Score"),
        num(&|l| l.quality),
    );
    t.push(
        "quality_ci",
        lang.pick(
            "Skor Kualitas Jawaban — IK 95 %",
            "Answer Quality Score — 95 % CI",
        ),
        text(&|l| range(quality_interval(l))),
    );
    t.push(
        "quality_grade",
        lang.pick("Predikat Kualitas Jawaban", "Answer Quality Grade"),
        text(&|l| l.quality_grade.clone()),
    );
    t.push(
        "sla_pct",
        lang.pick("Pemenuhan SLA (%)", "SLA Fulfilment (%)"),
        num(&|l| l.sla),
    );
    t.push(
        "standard_self",
        lang.pick("Standar — Nilai Mandiri", "Standard — Self"),
        num(&|l| l.standard_self),
    );
    t.push(
        "standard_verified",
        lang.pick("Standar — Nilai Verifikasi", "Standard — Verified"),
        num(&|l| l.standard_verified),
    );
    t.push(
        "standard",
        lang.pick("Standar — Nilai Akhir", "Standard — Final"),
        num(&|l| l.standard),
    );
    t.push(
        "standard_grade",
        lang.pick("Predikat Standar", "Standard Grade"),
        text(&|l| l.standard_grade.clone()),
    );
    t.push(
        "standard_zone",
        lang.pick("Zona", "Zone"),
        text(&|l| l.standard_zone.clone()),
    );
    t.push(
        "minimum",
        lang.pick("Standar Minimal", "Minimum Standard"),
        text(&|l| status(l.meets_minimum)),
    );
    t.push("ikm", "IKM (SKM)", num(&|l| l.ikm));
    t.push(
        "skm_grade",
        lang.pick("Mutu SKM", "SKM Grade"),
        text(&|l| l.skm_grade.clone()),
    );
    // Each instrument in the index: its final score on 0–100, before the index.
    for (i, inst) in w.instruments.iter().enumerate() {
        t.push(
            &format!("instrument__{i}"),
            format!("{} (0–100)", lang.pick(&inst.name.0, &inst.name.1)),
            num(&|l| l.instruments.get(i).copied().flatten()),
        );
    }
    t.push(
        "index",
        lang.pick("Indeks Gabungan", "Combined Index"),
        num(&|l| l.index),
    );
    t.push(
        "index_ci",
        lang.pick("Indeks Gabungan — IK 95 %", "Combined Index — 95 % CI"),
        text(&|l| range(l.index_interval)),
    );
    t.push(
        "neighbours",
        lang.pick(
            "Beda dengan Peringkat Tetangga",
            "Distinguishable from Neighbouring Ranks",
        ),
        v.iter()
            .map(|x| near.get(x.0).and_then(|n| neighbour_text(n, lang)))
            .collect::<Vec<_>>(),
    );
    t.finish(n, "peringkat")
}

/// How the answer-quality score's and the combined index's 95 % intervals are computed.
pub fn interval_method(lang: Lang) -> &'static str {
    lang.pick(
        "IK 95 % skor kualitas jawaban = rata-rata ± t₀,₉₇₅(n − 1) × s / √n, dengan s simpangan baku skor jawaban unit dan n jumlah jawabannya yang berskor. IK 95 % indeks gabungan = indeks ± (bobot kualitas jawaban / jumlah bobot) × setengah lebar IK skor kualitas; SLA, standar dan SKM dianggap tetap (ketidakpastiannya tidak dihitung).",
        "95 % CI of the answer-quality score = mean ± t₀.₉₇₅(n − 1) × s / √n, where s is the standard deviation of the unit's answer scores and n its scored answers. 95 % CI of the combined index = index ± (answer-quality weight / sum of weights) × the quality CI's half-width; SLA, standard and SKM are taken as fixed (their uncertainty is not counted).",
        )
}

/// The index weights as the method states them: "kualitas jawaban 0.35, SLA 0.2, …".
pub fn weights_text(w: &IndexWeights, lang: Lang) -> String {
    Component::weighted(w)
        .iter()
        .map(|c| format!("{} {}", c.name(w, lang), c.weight(w)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The ranking's method in sentences: weights, who is ranked, how ties rank, who lacks what.
pub fn method_lines(rank_df: &DataFrame, w: &IndexWeights, lang: Lang) -> Vec<String> {
    let total = rank_df.height();
    let ranked = rank_df
        .column("rank")
        .map(|c| c.len() - c.null_count())
        .unwrap_or(0);
    vec![
        tr!(
            lang,
            "Indeks gabungan = rata-rata berbobot komponen (0–100), bobot: {}.",
            "Combined index = weighted mean of the components (0–100), weights: {}.",
            weights_text(w, lang)
        ),
        tr!(
            lang,
            "Hanya unit dengan semua komponen berbobot yang diperingkat ({} dari {} unit); unit lain tercantum di bawahnya sebagai \"belum lengkap\" dengan komponen yang tidak ada.",
            "Only units with every weighted component are ranked ({} of {} units); the others are listed below them as \"incomplete\" with the components they lack.",
            ranked,
            total
        ),
        lang.pick(
            "Unit dengan indeks sama berbagi peringkat (peringkat kompetisi: 1, 2, 2, 4) dan ditandai \"seri\"; di antara unit seri urutan baris menurut nama, tanpa arti peringkat.",
            "Units with the same index share the rank (competition ranking: 1, 2, 2, 4) and are marked \"tie\"; among tied units the rows are ordered by name, which carries no rank.",
        )
        .to_string(),
        interval_method(lang).to_string(),
        lang.pick(
            "Beda dengan peringkat tetangga: unit \"dapat dibedakan\" dari peringkat tepat di atas atau di bawahnya bila IK 95 % indeks gabungannya tidak bertumpang tindih dengan IK unit di peringkat itu, dan \"tidak dapat dibedakan\" bila bertumpang tindih (uji konservatif: urutan kedua unit bisa karena kebetulan sampel jawaban). Unit dengan kurang dari 2 jawaban berskor tidak memiliki IK dan tidak dapat dibedakan.",
            "Distinguishable from neighbouring ranks: a unit is \"distinguishable\" from the rank just above or below when the 95 % CI of its combined index does not overlap the CI of the units at that rank, and \"not distinguishable\" when they overlap (a conservative test: the two units' order may be chance in the sample of answers). A unit with fewer than 2 scored answers has no CI and is distinguishable from no one.",
        )
        .to_string(),
    ]
}

/// Colour scales on the scores, zone and minimum-standard fills, and a bar chart of the
/// combined index on the charts sheet.
pub fn decorate_ranking(
    wb: &mut rust_xlsxwriter::Workbook,
    rank_sheet: &str,
    charts_sheet: &str,
    (rank_df, rank_headers): (&DataFrame, &[String]),
    (colours, standard): (&super::colours::Colours, Option<&crate::bands::BandSet>),
    w: &IndexWeights,
    lang: Lang,
) -> Result<()> {
    let last = rank_df.height() as u32;
    // Ranked units come first: the chart shows only them.
    let ranked = rank_df
        .column("rank")
        .map(|c| (c.len() - c.null_count()) as u32)
        .unwrap_or(0);
    let col = |name: &str| xlsx::column_index(rank_df, name);
    let ws = wb.worksheet_from_name(rank_sheet).map_err(xlsx::xlsx_err)?;
    // The method, below the table: what a unit asking "why am I here?" reads.
    let columns = xlsx::column_widths(rank_df, rank_headers, &|_, _| None);
    let mut row = last + 2;
    xlsx::write_note(
        ws,
        row,
        &columns,
        lang.pick("Metode peringkat", "Ranking method"),
        true,
    )?;
    for line in method_lines(rank_df, w, lang) {
        row += 1;
        xlsx::write_note(ws, row, &columns, &line, false)?;
    }
    // Each figure in the colour of its band; the combined index has no band set.
    let mut sets = vec![
        ("quality", &colours.quality),
        ("sla_pct", &colours.rates),
        ("ikm", &colours.skm),
    ];
    if let Some(s) = standard {
        sets.push(("standard", s));
        for (zone, color) in s.zone_fills() {
            xlsx::fill_when_text(ws, col("standard_zone"), last, &zone, color)?;
        }
        for f in s.fills(s.scale[1]) {
            xlsx::fill_when_equal(ws, col("standard_grade"), last, &f.grade, f.color)?;
        }
    }
    for (c, set) in sets {
        xlsx::band_fills(ws, col(c), last, &set.thresholds(100.0))?;
    }
    for f in colours.quality.fills(100.0) {
        xlsx::fill_when_equal(ws, col("quality_grade"), last, &f.grade, f.color)?;
    }
    let (met, below) = (lang.pick("Memenuhi", "Meets"), lang.pick("Belum", "Below"));
    xlsx::fill_when_text(ws, col("minimum"), last, met, xlsx::FILL_GOOD)?;
    xlsx::fill_when_text(ws, col("minimum"), last, below, xlsx::FILL_BAD)?;
    if ranked == 0 {
        return Ok(());
    }
    let last = ranked;
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
    xlsx::chart_fonts(&mut chart);
    chart.set_width(720).set_height(24 * last + 120);
    let ws = wb
        .worksheet_from_name(charts_sheet)
        .map_err(xlsx::xlsx_err)?;
    ws.insert_chart(0, 0, &chart).map_err(xlsx::xlsx_err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_meet_under_the_official_name_and_unknown_units_are_marked() {
        let list = UnitList::new(vec!["Balai POM di Serang".into()]);
        let mut lines = BTreeMap::new();
        lines.insert(
            "balai pom di  SERANG".to_string(),
            UnitLine {
                quality: Some(80.0),
                ..UnitLine::default()
            },
        );
        lines.insert(
            "Balai POM di Serang".to_string(),
            UnitLine {
                standard: Some(70.0),
                ..UnitLine::default()
            },
        );
        lines.insert("Balai POM Antah".to_string(), UnitLine::default());
        let out = by_official_name(lines, &list);
        assert_eq!(out.len(), 2);
        let serang = &out["Balai POM di Serang"];
        assert_eq!((serang.quality, serang.standard), (Some(80.0), Some(70.0)));
        assert!(!serang.unknown);
        assert!(out["Balai POM Antah"].unknown);
    }

    #[test]
    fn intervals_of_the_quality_mean_and_the_index() {
        // Ten scores with mean 80 and sd 10: 80 ± 2.262157 · 10 / √10 = 80 ± 7.1536.
        let mut l = UnitLine {
            quality: Some(80.0),
            quality_n: Some(10),
            quality_sd: Some(10.0),
            sla: Some(90.0),
            standard: Some(70.0),
            ikm: Some(85.0),
            ..UnitLine::default()
        };
        assert_eq!(quality_interval(&l), Some((72.85, 87.15)));
        let w = IndexWeights::default();
        // 0.35·80 + 0.2·90 + 0.3·70 + 0.15·85 = 79.75; the quality carries 0.35 of the
        // weight: 79.75 ± 0.35 · 7.1536 = 79.75 ± 2.5037.
        l.index = combined_index(&l, &w);
        assert_eq!(l.index, Some(79.75));
        assert_eq!(index_interval(&l, &w), Some((77.25, 82.25)));
        // Weights not summing to 1 give the same share: 0.7 of 2.0.
        let doubled = IndexWeights {
            quality: 0.7,
            sla: 0.4,
            standard: 0.6,
            skm: 0.3,
            instruments: Vec::new(),
        };
        assert_eq!(index_interval(&l, &doubled), Some((77.25, 82.25)));
        // One scored answer: no standard deviation, no interval.
        let one = UnitLine {
            quality_n: Some(1),
            quality_sd: None,
            ..l.clone()
        };
        assert_eq!(
            (quality_interval(&one), index_interval(&one, &w)),
            (None, None)
        );
        // Answer quality not weighted: the other components are fixed, the interval is the
        // index itself.
        let no_quality = IndexWeights {
            quality: 0.0,
            ..IndexWeights::default()
        };
        let mut q0 = one.clone();
        q0.index = combined_index(&q0, &no_quality);
        let i = q0.index.unwrap();
        assert_eq!(index_interval(&q0, &no_quality), Some((i, i)));
    }

    fn ranked(index: f64, lo: f64, hi: f64) -> UnitLine {
        UnitLine {
            index: Some(index),
            index_interval: Some((lo, hi)),
            ..UnitLine::default()
        }
    }

    #[test]
    fn a_rank_says_whether_its_neighbours_differ() {
        let mut lines = BTreeMap::new();
        lines.insert("A".to_string(), ranked(90.0, 89.0, 91.0));
        lines.insert("B".to_string(), ranked(87.0, 86.0, 88.5));
        lines.insert("C".to_string(), ranked(86.0, 85.0, 87.0));
        // D and E tie at rank 4; E's interval reaches C's, D's does not.
        lines.insert("D".to_string(), ranked(80.0, 79.0, 81.0));
        lines.insert("E".to_string(), ranked(80.0, 74.0, 86.0));
        lines.insert("F".to_string(), ranked(70.0, 69.0, 71.0));
        // Not ranked: no neighbour of anyone.
        lines.insert("G".to_string(), UnitLine::default());
        let n = neighbours(&lines);
        assert_eq!(n.len(), 6);
        let text = |u: &str| neighbour_text(&n[u], Lang::Id).unwrap();
        assert_eq!(text("A"), "dapat dibedakan dari peringkat 2");
        assert_eq!(
            text("B"),
            "dapat dibedakan dari peringkat 1; tidak dapat dibedakan dari peringkat 3"
        );
        // From rank 4 only if apart from both tied units there.
        assert_eq!(text("C"), "tidak dapat dibedakan dari peringkat 2 dan 4");
        assert_eq!(text("D"), "dapat dibedakan dari peringkat 3 dan 6");
        assert_eq!(
            text("E"),
            "tidak dapat dibedakan dari peringkat 3; dapat dibedakan dari peringkat 6"
        );
        assert_eq!(
            neighbour_text(&n["F"], Lang::En).unwrap(),
            "distinguishable from rank 4"
        );
        // A unit without an interval is distinguishable from no one.
        lines.insert(
            "B".to_string(),
            UnitLine {
                index_interval: None,
                ..ranked(87.0, 0.0, 0.0)
            },
        );
        let n = neighbours(&lines);
        assert_eq!(
            neighbour_text(&n["B"], Lang::En).unwrap(),
            "not distinguishable from ranks 1 and 3"
        );
        assert_eq!(
            neighbour_text(&n["A"], Lang::Id).unwrap(),
            "tidak dapat dibedakan dari peringkat 2"
        );
        // A single ranked unit has no neighbour.
        let mut alone = BTreeMap::new();
        alone.insert("A".to_string(), ranked(90.0, 89.0, 91.0));
        assert_eq!(neighbour_text(&neighbours(&alone)["A"], Lang::Id), None);
    }
}
