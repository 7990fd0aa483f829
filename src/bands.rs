//! Band sets: named, ordered, non-overlapping score ranges of national instruments
//! (Ombudsman compliance zones, PEKPPP categories, SKM quality), as data in `rubrics/bands/`.
//!
//! A set is validated on load: bands ordered without overlap, contiguous at the set's
//! resolution (0.01 by default: B ends at 87.99, A starts at 88.00), together covering the
//! scale. A score takes the highest band whose minimum it reaches, so a value between two
//! published bounds (87.995) is never left without a band.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Location, Result, line_of, parse_toml};

/// The band sets shipped with the tool: (id, file text).
pub const BUILTIN: [(&str, &str); 5] = [
    (
        "ombudsman-2022",
        include_str!("../rubrics/bands/ombudsman-2022.toml"),
    ),
    (
        "ombudsman-2021",
        include_str!("../rubrics/bands/ombudsman-2021.toml"),
    ),
    ("pekppp", include_str!("../rubrics/bands/pekppp.toml")),
    ("skm", include_str!("../rubrics/bands/skm.toml")),
    ("capaian", include_str!("../rubrics/bands/capaian.toml")),
];

/// Colours of bands whose preset gives none, best first (spread over the bands of a set).
pub const PALETTE: [u32; 5] = [0x00B050, 0x92D050, 0xFFD966, 0xF4B183, 0xFF0000];

/// A band colour lightened for a fill under black text: the same tint in cells, pictures
/// and charts.
pub fn tint(color: u32) -> u32 {
    let light = |shift: u32| {
        let c = f64::from((color >> shift) & 0xFF);
        ((c + (255.0 - c) * 0.5).round() as u32) << shift
    };
    light(16) | light(8) | light(0)
}

/// One band's fill: from `min` (on the scale the fill is asked for) up, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Fill {
    pub min: f64,
    pub color: u32,
    pub grade: String,
    pub label: String,
    pub zone: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BandSetFile {
    id: String,
    name: String,
    scale: [f64; 2],
    #[serde(default)]
    resolution: Option<f64>,
    bands: Vec<Spanned<BandFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BandFile {
    grade: String,
    label: String,
    #[serde(default)]
    zone: Option<String>,
    #[serde(default)]
    color: Option<String>,
    min: f64,
    max: f64,
}

/// One band.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub grade: String,
    pub label: String,
    /// Zone (hijau/kuning/merah) where the instrument has zones.
    pub zone: Option<String>,
    /// Fill colour for reports, `#RRGGBB`.
    pub color: Option<String>,
    pub min: f64,
    pub max: f64,
}

/// A validated band set, highest band first.
#[derive(Debug, Clone, PartialEq)]
pub struct BandSet {
    pub id: String,
    pub name: String,
    pub scale: [f64; 2],
    pub bands: Vec<Band>,
}

impl BandSet {
    /// A shipped band set by id.
    pub fn builtin(id: &str) -> Option<Result<BandSet>> {
        BUILTIN
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(i, text)| parse(text, Path::new(&format!("rubrics/bands/{i}.toml"))))
    }

    /// Ids of the shipped band sets.
    pub fn builtin_ids() -> Vec<&'static str> {
        BUILTIN.iter().map(|(i, _)| *i).collect()
    }

    /// A band set from a file.
    pub fn load(path: &Path) -> Result<BandSet> {
        let text = crate::output::guard::read_to_string(path)?;
        parse(&text, path)
    }

    /// A set from grades and their minimums, best first (an answer-quality rubric's bands).
    pub fn from_grades(
        id: &str,
        name: &str,
        scale: [f64; 2],
        grades: &[(String, String, f64)],
    ) -> BandSet {
        let bands = grades
            .iter()
            .enumerate()
            .map(|(i, (grade, label, min))| Band {
                grade: grade.clone(),
                label: label.clone(),
                zone: None,
                color: None,
                min: *min,
                max: if i == 0 { scale[1] } else { grades[i - 1].2 },
            })
            .collect();
        BandSet {
            id: id.into(),
            name: name.into(),
            scale,
            bands,
        }
    }

    /// The colour of band `i` (best first): the preset's, else the palette's, spread so the
    /// best band is green and the worst red.
    pub fn color(&self, i: usize) -> u32 {
        let n = self.bands.len();
        self.bands[i]
            .color
            .as_deref()
            .and_then(|c| u32::from_str_radix(c.trim().trim_start_matches('#'), 16).ok())
            .unwrap_or_else(|| {
                let k = if n <= 1 {
                    0
                } else {
                    (i * (PALETTE.len() - 1) + (n - 1) / 2) / (n - 1)
                };
                PALETTE[k.min(PALETTE.len() - 1)]
            })
    }

    /// The one colour rule: each band's fill (its colour's [`tint`]) from its minimum, best
    /// first, on a scale whose maximum is `full` (the set's own scale maximum for its own
    /// figures; 100 for an aspect shown 0–100 of a set on 0–5).
    pub fn fills(&self, full: f64) -> Vec<Fill> {
        let factor = full / self.scale[1];
        self.bands
            .iter()
            .enumerate()
            .map(|(i, b)| Fill {
                min: b.min * factor,
                color: tint(self.color(i)),
                grade: b.grade.clone(),
                label: b.label.clone(),
                zone: b.zone.clone(),
            })
            .collect()
    }

    /// [`BandSet::fills`] as (minimum, colour) pairs: what a sheet's cell rules need.
    pub fn thresholds(&self, full: f64) -> Vec<(f64, u32)> {
        self.fills(full).iter().map(|f| (f.min, f.color)).collect()
    }

    /// The fill of a figure on the set's scale ([`BandSet::fills`]); `None` outside it.
    pub fn fill_of(&self, v: f64) -> Option<u32> {
        let i = self.bands.iter().position(|b| Some(b) == self.band(v))?;
        Some(tint(self.color(i)))
    }

    /// The zones the bands name, in the order they first name them.
    pub fn zones(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for z in self.bands.iter().filter_map(|b| b.zone.as_deref()) {
            if !out.contains(&z) {
                out.push(z);
            }
        }
        out
    }

    /// The fill of each zone ([`BandSet::zones`]): the colour of its first band.
    pub fn zone_fills(&self) -> Vec<(String, u32)> {
        self.zones()
            .into_iter()
            .filter_map(|z| {
                let i = self
                    .bands
                    .iter()
                    .position(|b| b.zone.as_deref() == Some(z))?;
                Some((z.to_string(), tint(self.color(i))))
            })
            .collect()
    }

    /// The band of a score; `None` outside the scale or for NaN.
    pub fn band(&self, score: f64) -> Option<&Band> {
        if !(self.scale[0]..=self.scale[1]).contains(&score) {
            return None;
        }
        self.bands.iter().find(|b| score >= b.min)
    }
}

/// Parses and validates a band set read from `path`.
pub fn parse(text: &str, path: &Path) -> Result<BandSet> {
    let file: BandSetFile = parse_toml(text, path)?;
    let at = |offset: usize| Location::file(path).with_line(line_of(text, offset));
    let [lo, hi] = file.scale;
    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return Err(Error::new(
            Location::file(path),
            msg!(
                "scale harus [min, max] dengan min < max",
                "scale must be [min, max] with min < max"
            ),
        ));
    }
    let resolution = file.resolution.unwrap_or(0.01);
    let mut bands: Vec<(usize, Band)> = Vec::new();
    for b in &file.bands {
        let off = b.span().start;
        let b = b.get_ref();
        let g = &b.grade;
        if !(b.min <= b.max && b.min >= lo && b.max <= hi) {
            let (mn, mx) = (b.min, b.max);
            return Err(Error::new(
                at(off),
                msg!(
                    "band \"{g}\": rentang {mn}–{mx} tidak valid pada skala {lo}–{hi}",
                    "band \"{g}\": range {mn}–{mx} is invalid on the scale {lo}–{hi}"
                ),
            ));
        }
        if let Some(c) = &b.color
            && !(c.len() == 7
                && c.starts_with('#')
                && c[1..].chars().all(|x| x.is_ascii_hexdigit()))
        {
            return Err(Error::new(
                at(off),
                msg!(
                    "band \"{g}\": warna \"{c}\" harus berbentuk #RRGGBB",
                    "band \"{g}\": colour \"{c}\" must be #RRGGBB"
                ),
            ));
        }
        if bands.iter().any(|(_, x)| &x.grade == g) {
            return Err(Error::new(
                at(off),
                msg!("band \"{g}\" ganda", "duplicate band \"{g}\""),
            ));
        }
        bands.push((
            off,
            Band {
                grade: b.grade.clone(),
                label: b.label.clone(),
                zone: b.zone.clone(),
                color: b.color.clone(),
                min: b.min,
                max: b.max,
            },
        ));
    }
    if bands.is_empty() {
        return Err(Error::new(
            Location::file(path),
            msg!("tidak ada [[bands]]", "no [[bands]]"),
        ));
    }
    bands.sort_by(|a, b| b.1.min.total_cmp(&a.1.min));
    for w in bands.windows(2) {
        let ((_, upper), (off, lower)) = (&w[0], &w[1]);
        let gap = upper.min - lower.max;
        let (u, l) = (&upper.grade, &lower.grade);
        if gap <= 0.0 {
            return Err(Error::new(
                at(*off),
                msg!(
                    "band \"{l}\" (sampai {}) tumpang tindih dengan \"{u}\" (mulai {})",
                    "band \"{l}\" (up to {}) overlaps \"{u}\" (from {})",
                    lower.max,
                    upper.min
                ),
            ));
        }
        if gap > resolution + 1e-9 {
            return Err(Error::new(
                at(*off),
                msg!(
                    "ada celah antara band \"{l}\" (sampai {}) dan \"{u}\" (mulai {}) lebih dari {resolution}",
                    "there is a gap between band \"{l}\" (up to {}) and \"{u}\" (from {}) wider than {resolution}",
                    lower.max,
                    upper.min
                ),
            ));
        }
    }
    let top = &bands[0].1;
    let bottom = &bands[bands.len() - 1].1;
    if top.max != hi || bottom.min != lo {
        return Err(Error::new(
            Location::file(path),
            msg!(
                "band harus menutup seluruh skala {lo}–{hi} (kini {}–{})",
                "the bands must cover the whole scale {lo}–{hi} (now {}–{})",
                bottom.min,
                top.max
            ),
        ));
    }
    Ok(BandSet {
        id: file.id,
        name: file.name,
        scale: file.scale,
        bands: bands.into_iter().map(|(_, b)| b).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(id: &str) -> BandSet {
        BandSet::builtin(id).unwrap().unwrap()
    }

    fn grade(set: &BandSet, score: f64) -> &str {
        set.band(score).map(|b| b.grade.as_str()).unwrap_or("-")
    }

    #[test]
    fn a_figure_takes_its_band_colour() {
        // The preset's colour, lightened half-way to white.
        assert_eq!(tint(0x00B050), 0x80D8A8);
        assert_eq!(tint(0xFF0000), 0xFF8080);
        let o = set("ombudsman-2022");
        assert_eq!(o.fill_of(88.0), Some(0x80D8A8));
        assert_eq!(o.fill_of(87.99), Some(tint(0x92D050)));
        assert_eq!(o.fill_of(101.0), None);
        // Zones take the colour of their first band.
        assert_eq!(
            o.zone_fills(),
            [
                ("hijau".to_string(), 0x80D8A8),
                ("kuning".to_string(), tint(0xFFD966)),
                ("merah".to_string(), tint(o.color(3)))
            ]
        );
        // A 0–5 set's bands for an aspect shown 0–100.
        let p = set("pekppp");
        assert_eq!(p.fills(100.0)[0].min, 4.51 * 20.0);
        assert_eq!(p.fills(5.0)[0].min, 4.51);
        // Bands without colours spread over the palette: best green, worst red.
        let g = |s: &str, m: f64| (s.to_string(), String::new(), m);
        let q = BandSet::from_grades(
            "q",
            "q",
            [0.0, 100.0],
            &[g("A", 85.0), g("B", 70.0), g("C", 55.0), g("D", 0.0)],
        );
        let colors: Vec<u32> = (0..4).map(|i| q.color(i)).collect();
        assert_eq!(colors, [0x00B050, 0x92D050, 0xF4B183, 0xFF0000]);
        assert_eq!(q.band(70.0).map(|b| b.grade.as_str()), Some("B"));
        // Rates: the shipped 90 / 75 bounds.
        let r = set("capaian");
        assert_eq!(grade(&r, 90.0), "Tinggi");
        assert_eq!(grade(&r, 89.99), "Sedang");
        assert_eq!(grade(&r, 74.99), "Rendah");
    }

    #[test]
    fn published_ombudsman_scores_land_in_their_bands() {
        let o = set("ombudsman-2022");
        for (score, expected) in [
            (94.11, "A"),
            (94.85, "A"),
            (88.6, "A"),
            (87.8, "B"),
            (78.78, "B"),
            (75.14, "C"),
            (58.99, "C"),
            (58.03, "C"),
            (58.22, "C"),
            (52.68, "D"),
        ] {
            assert_eq!(grade(&o, score), expected, "{score}");
        }
        assert_eq!(o.band(58.03).unwrap().zone.as_deref(), Some("kuning"));
        assert_eq!(o.band(52.68).unwrap().zone.as_deref(), Some("merah"));
    }

    #[test]
    fn boundaries() {
        let o = set("ombudsman-2022");
        assert_eq!(grade(&o, 88.0), "A");
        assert_eq!(grade(&o, 87.99), "B");
        assert_eq!(grade(&o, 87.995), "B");
        assert_eq!(grade(&o, 100.0), "A");
        assert_eq!(grade(&o, 0.0), "E");
        assert_eq!(grade(&o, 31.99), "E");
        assert_eq!(grade(&o, 32.0), "D");
        assert_eq!(grade(&o, 100.01), "-");
        let old = set("ombudsman-2021");
        assert_eq!(grade(&old, 81.0), "Hijau");
        assert_eq!(grade(&old, 80.99), "Kuning");
        assert_eq!(grade(&old, 50.99), "Merah");
        let skm = set("skm");
        assert_eq!(grade(&skm, 88.31), "A");
        assert_eq!(grade(&skm, 88.30), "B");
        assert_eq!(grade(&skm, 76.61), "B");
        assert_eq!(grade(&skm, 76.60), "C");
        assert_eq!(grade(&skm, 65.0), "C");
        assert_eq!(grade(&skm, 64.99), "D");
        assert_eq!(grade(&skm, 24.0), "-");
        let p = set("pekppp");
        assert_eq!(grade(&p, 4.51), "A");
        assert_eq!(grade(&p, 4.5), "A-");
        assert_eq!(grade(&p, 3.01), "B-");
        assert_eq!(grade(&p, 1.0), "F");
    }

    fn err(text: &str) -> String {
        parse(text, Path::new("b.toml"))
            .unwrap_err()
            .render(crate::i18n::Lang::En)
    }

    #[test]
    fn invalid_sets_are_rejected_with_the_line() {
        let head = "id = \"x\"\nname = \"x\"\nscale = [0, 100]\n";
        let overlap = format!(
            "{head}[[bands]]\ngrade = \"A\"\nlabel = \"a\"\nmin = 50\nmax = 100\n\n[[bands]]\ngrade = \"B\"\nlabel = \"b\"\nmin = 0\nmax = 60\n"
        );
        assert_eq!(
            err(&overlap),
            "b.toml, line 10: band \"B\" (up to 60) overlaps \"A\" (from 50)"
        );
        let gap = overlap.replace("max = 60", "max = 40");
        assert!(err(&gap).contains("gap between band \"B\" (up to 40) and \"A\" (from 50)"));
        let short = overlap
            .replace("max = 60", "max = 49.99")
            .replace("max = 100", "max = 90");
        assert!(err(&short).contains("cover the whole scale 0–100 (now 0–90)"));
        let color = overlap
            .replace("max = 60", "max = 49.99")
            .replace("label = \"a\"", "label = \"a\"\ncolor = \"green\"");
        assert!(err(&color).contains("colour \"green\" must be #RRGGBB"));
    }
}
