//! The register of BPOM units (`rubrics/daftar-unit.toml`, built in; a user may pass their
//! own): every unit's official name, type, province, time zone, former names and the
//! aliases found in exports. A name is matched to a unit ignoring case, spacing and
//! punctuation, with "Kab." read as "Kabupaten" and a "di" before the place ignored; an
//! unknown name gets the closest official names as suggestions.
//!
//! A user's register replaces the built-in one, or extends it with
//! `include_built_in = true` at the top: its units are added, and a unit with a built-in
//! unit's official name replaces that unit.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Location, Result};

/// The built-in register.
const BUILT_IN: &str = include_str!("../rubrics/daftar-unit.toml");

/// The type of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitType {
    Pusat,
    BalaiBesar,
    Balai,
    Kantor,
}

/// One registered unit.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: UnitType,
    pub province: String,
    #[serde(default)]
    pub city: String,
    pub time_zone: String,
    #[serde(default)]
    pub former_names: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub parent: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// Start from the built-in register and add (or replace) these units.
    #[serde(default)]
    include_built_in: bool,
    #[serde(default)]
    unit: Vec<Unit>,
}

/// The units and the index of every name form.
#[derive(Debug, Clone)]
pub struct Register {
    pub units: Vec<Unit>,
    by_key: HashMap<String, usize>,
}

/// How a name matched.
#[derive(Debug, Clone)]
pub enum Match<'a> {
    Unit(&'a Unit),
    /// No unit: the closest official names, best first.
    Unknown(Vec<&'a str>),
}

/// Hours ahead of UTC of an Indonesian time zone (no daylight saving): WIB +7, WITA +8,
/// WIT +9. Which unit is in which zone is the register's (`time_zone`).
pub fn zone_offset_hours(zone: &str) -> Option<i32> {
    match zone {
        "WIB" => Some(7),
        "WITA" => Some(8),
        "WIT" => Some(9),
        _ => None,
    }
}

/// A moment as the people of a zone read it: "2026-04-06 14:00 WIB".
pub fn local_time(t: chrono::DateTime<chrono::Utc>, zone: &str) -> String {
    match zone_offset_hours(zone).and_then(|h| chrono::FixedOffset::east_opt(h * 3600)) {
        Some(off) => format!("{} {zone}", t.with_timezone(&off).format("%Y-%m-%d %H:%M")),
        None => format!("{} UTC", t.format("%Y-%m-%d %H:%M")),
    }
}

/// The comparison key of a unit name: lower case, letters and digits only, "kab" read as
/// "kabupaten", "bbpom" as "balai besar pom", and the word "di" dropped.
pub fn key(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut words: Vec<&str> = Vec::new();
    for w in lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        match w {
            "di" => {}
            "kab" => words.push("kabupaten"),
            "bbpom" => words.extend(["balai", "besar", "pom"]),
            w => words.push(w),
        }
    }
    words.join(" ")
}

/// Words that say what kind of office a name is, not where it is.
const TYPE_WORDS: &[&str] = &[
    "badan",
    "balai",
    "besar",
    "bpom",
    "dan",
    "kabupaten",
    "kantor",
    "kota",
    "loka",
    "makanan",
    "obat",
    "pengawas",
    "pom",
    "ri",
    "ulpk",
    "upt",
];

/// The place in a name's key: the key without [`TYPE_WORDS`].
fn place(key: &str) -> String {
    key.split(' ')
        .filter(|w| !TYPE_WORDS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Register {
    /// The built-in register.
    pub fn built_in() -> Self {
        Self::parse(BUILT_IN, Path::new("rubrics/daftar-unit.toml"))
            .expect("the built-in register is valid (tested)")
    }

    /// Reads a register file.
    pub fn load(path: &Path) -> Result<Self> {
        let text = crate::output::guard::read_to_string(path)?;
        Self::parse(&text, path)
    }

    /// Parses a register; an error names the file and the name given to two units.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let file: File = toml::from_str(text).map_err(|e| {
            Error::new(
                Location::file(path),
                msg!(
                    "daftar unit tidak valid: {}",
                    "invalid unit register: {}",
                    e.message().trim()
                ),
            )
        })?;
        let mut units = if file.include_built_in {
            Self::built_in().units
        } else {
            Vec::new()
        };
        for u in file.unit {
            match units.iter().position(|b| key(&b.name) == key(&u.name)) {
                Some(i) => units[i] = u,
                None => units.push(u),
            }
        }
        if units.is_empty() {
            return Err(Error::new(
                Location::file(path),
                msg!(
                    "daftar unit kosong: tidak ada [[unit]] (atau tulis include_built_in = true untuk menambah daftar bawaan)",
                    "empty unit register: no [[unit]] (or write include_built_in = true to extend the built-in register)"
                ),
            ));
        }
        if let Some(u) = units
            .iter()
            .find(|u| zone_offset_hours(&u.time_zone).is_none())
        {
            return Err(Error::new(
                Location::file(path),
                msg!(
                    "unit \"{}\": time_zone \"{}\" tidak dikenal; yang dikenal: WIB, WITA, WIT",
                    "unit \"{}\": unknown time_zone \"{}\"; known: WIB, WITA, WIT",
                    u.name,
                    u.time_zone
                ),
            ));
        }
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for (i, u) in units.iter().enumerate() {
            let forms = std::iter::once(&u.name)
                .chain(&u.former_names)
                .chain(&u.aliases);
            for form in forms {
                let k = key(form);
                match by_key.get(&k) {
                    Some(&j) if j != i => {
                        return Err(Error::new(
                            Location::file(path),
                            msg!(
                                "nama \"{form}\" dipakai dua unit: \"{}\" dan \"{}\"",
                                "the name \"{form}\" is given to two units: \"{}\" and \"{}\"",
                                units[j].name,
                                u.name
                            ),
                        ));
                    }
                    _ => {
                        by_key.insert(k, i);
                    }
                }
            }
        }
        Ok(Register { units, by_key })
    }

    /// The time zone of the head office (the register's `pusat` unit), which national
    /// outputs are dated in; `None` when the register has no such unit.
    pub fn head_office_zone(&self) -> Option<&str> {
        self.units
            .iter()
            .find(|u| u.kind == UnitType::Pusat)
            .map(|u| u.time_zone.as_str())
    }

    /// The time zone of the unit a name denotes.
    pub fn zone_of(&self, name: &str) -> Option<&str> {
        match self.resolve(name) {
            Match::Unit(u) => Some(u.time_zone.as_str()),
            Match::Unknown(_) => None,
        }
    }

    /// The unit a name denotes, or the closest official names.
    pub fn resolve(&self, name: &str) -> Match<'_> {
        match self.by_key.get(&key(name)) {
            Some(&i) => Match::Unit(&self.units[i]),
            None => Match::Unknown(self.suggest(name, 3)),
        }
    }

    /// The `n` official names closest to `name`, best first: by the similarity of the
    /// place (the key without the words of a unit's type, so "Balai POM di Bandunk" is
    /// closest to Bandung rather than to another "Balai POM di Ban…"), then of the whole
    /// key, against every form of each unit.
    pub fn suggest(&self, name: &str, n: usize) -> Vec<&str> {
        let k = key(name);
        let p = place(&k);
        let similarity = |form: &str| {
            let fk = key(form);
            let whole = strsim::jaro_winkler(&k, &fk);
            let fp = place(&fk);
            match (p.is_empty(), fp.is_empty()) {
                (true, _) => whole,
                // A place asked for, and a form without one ("Badan POM"): no match of place.
                (false, true) => 0.3 * whole,
                (false, false) => 0.7 * strsim::jaro_winkler(&p, &fp) + 0.3 * whole,
            }
        };
        let mut best: Vec<(f64, usize)> = self
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let score = std::iter::once(&u.name)
                    .chain(&u.former_names)
                    .chain(&u.aliases)
                    .map(|f| similarity(f))
                    .fold(0.0, f64::max);
                (score, i)
            })
            .collect();
        best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        best.into_iter()
            .take(n)
            .map(|(_, i)| self.units[i].name.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_spacing_and_forms() {
        assert_eq!(key("Loka POM di Kab. Bogor"), "loka pom kabupaten bogor");
        assert_eq!(key("  BBPOM  di Bandung "), "balai besar pom bandung");
        assert_eq!(key("Balai Besar POM Bandung"), "balai besar pom bandung");
    }

    #[test]
    fn the_built_in_register_resolves_names_and_suggests() {
        let r = Register::built_in();
        assert!(r.units.len() >= 74, "the centre and the regional units");
        let name = |s: &str| match r.resolve(s) {
            Match::Unit(u) => u.name.clone(),
            Match::Unknown(s) => format!("? {}", s.join(" | ")),
        };
        assert_eq!(name("balai pom di ambon"), "Balai POM di Ambon");
        assert_eq!(name("BBPOM Bandung"), "Balai Besar POM di Bandung");
        assert_eq!(
            name("BALAI BESAR POM DI  BANDUNG"),
            "Balai Besar POM di Bandung"
        );
        // A misspelt name is unknown, with the real unit first among the suggestions.
        let Match::Unknown(s) = r.resolve("Balai POM di Ambn") else {
            panic!("a misspelt name is not a unit");
        };
        assert_eq!(s[0], "Balai POM di Ambon");
        // The place weighs more than the type words shared by many units.
        let Match::Unknown(s) = r.resolve("Balai POM di Bandunk") else {
            panic!("a misspelt name is not a unit");
        };
        assert_eq!(s[0], "Balai Besar POM di Bandung");
        let u = match r.resolve("Balai Besar POM di Bandung") {
            Match::Unit(u) => u,
            Match::Unknown(_) => panic!(),
        };
        assert_eq!(u.kind, UnitType::BalaiBesar);
        assert_eq!(u.time_zone, "WIB");
    }

    #[test]
    fn a_register_extends_the_built_in_one_or_replaces_it() {
        let own = r#"
include_built_in = true
[[unit]]
name = "Loka POM di Kabupaten Bone"
type = "kantor"
province = "Sulawesi Selatan"
time_zone = "WITA"
aliases = ["Kantor BPOM Bone"]
[[unit]]
name = "Balai POM di Ambon"
type = "balai"
province = "Maluku"
time_zone = "WIT"
aliases = ["BPOM Maluku"]
"#;
        let r = Register::parse(own, Path::new("u.toml")).unwrap();
        let built_in = Register::built_in();
        assert_eq!(
            r.units.len(),
            built_in.units.len() + 1,
            "Bone added, Ambon replaced"
        );
        let name = |s: &str| match r.resolve(s) {
            Match::Unit(u) => u.name.clone(),
            Match::Unknown(_) => "?".into(),
        };
        assert_eq!(name("kantor bpom bone"), "Loka POM di Kabupaten Bone");
        assert_eq!(name("BPOM Maluku"), "Balai POM di Ambon");
        assert_eq!(name("BBPOM Bandung"), "Balai Besar POM di Bandung");
        // The replaced Ambon keeps only its own forms.
        assert_eq!(name("Balai Besar POM di Ambon"), "?");

        // Without the key, the file is the whole register.
        let alone = Register::parse(
            &own.replace("include_built_in = true", ""),
            Path::new("u.toml"),
        )
        .unwrap();
        assert_eq!(alone.units.len(), 2);
        let e = Register::parse("include_built_in = false", Path::new("u.toml")).unwrap_err();
        assert!(
            e.render(crate::i18n::Lang::En)
                .contains("empty unit register")
        );
    }

    #[test]
    fn a_name_given_to_two_units_is_an_error() {
        let text = r#"
[[unit]]
name = "Balai POM di A"
type = "balai"
province = "P"
time_zone = "WIB"
aliases = ["BPOM X"]
[[unit]]
name = "Balai POM di B"
type = "balai"
province = "P"
time_zone = "WIB"
aliases = ["bpom x"]
"#;
        let e = Register::parse(text, Path::new("u.toml")).unwrap_err();
        let m = e.render(crate::i18n::Lang::En);
        assert!(m.starts_with("u.toml"), "{m}");
        assert!(
            m.contains("\"Balai POM di A\" and \"Balai POM di B\""),
            "{m}"
        );
    }

    #[test]
    fn times_in_the_units_zone() {
        use chrono::TimeZone;
        let t = chrono::Utc.with_ymd_and_hms(2026, 4, 6, 7, 0, 0).unwrap();
        assert_eq!(local_time(t, "WIB"), "2026-04-06 14:00 WIB");
        assert_eq!(local_time(t, "WITA"), "2026-04-06 15:00 WITA");
        assert_eq!(local_time(t, "WIT"), "2026-04-06 16:00 WIT");
        let late = chrono::Utc.with_ymd_and_hms(2026, 4, 6, 20, 30, 0).unwrap();
        assert_eq!(local_time(late, "WIT"), "2026-04-07 05:30 WIT");
        let r = Register::built_in();
        assert_eq!(r.head_office_zone(), Some("WIB"));
        assert_eq!(r.zone_of("Balai Besar POM di Makassar"), Some("WITA"));
        assert_eq!(r.zone_of("Balai Besar POM di Jayapura"), Some("WIT"));
        assert_eq!(r.zone_of("Balai Besar POM di Bandung"), Some("WIB"));
        let bad =
            "[[unit]]\nname = \"X\"\ntype = \"balai\"\nprovince = \"P\"\ntime_zone = \"UTC+7\"\n";
        let e = Register::parse(bad, Path::new("r.toml")).unwrap_err();
        assert!(
            e.render(crate::i18n::Lang::En)
                .contains("unknown time_zone \"UTC+7\"")
        );
    }
}
