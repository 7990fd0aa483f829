//! Mapping of export headers and values to the fields ulpk-eval knows.
//!
//! The alias lists are data (`rubrics/alias.toml`, embedded as the default); users add
//! their own with `--aliases FILE` and override single columns in the config file.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Location, Result, parse_toml};

/// The aliases shipped with the tool.
pub const BUILTIN: &str = include_str!("../../rubrics/alias.toml");

/// Canonical field names.
pub mod field {
    pub const ID: &str = "id";
    pub const UNIT: &str = "unit";
    pub const CHANNEL: &str = "channel";
    pub const SERVICE_TYPE: &str = "service_type";
    pub const COMMODITY: &str = "commodity";
    pub const RECEIVED_AT: &str = "received_at";
    pub const RESPONDED_AT: &str = "responded_at";
    pub const CLOSED_AT: &str = "closed_at";
    pub const STATUS: &str = "status";
    pub const OFFICER: &str = "officer";
    /// The officer's id (NIP or the system's user id), when the export has one.
    pub const OFFICER_ID: &str = "officer_id";
    pub const QUESTION: &str = "question";
    pub const ANSWER: &str = "answer";

    /// Every canonical field, in output order.
    pub const ALL: [&str; 13] = [
        ID,
        UNIT,
        CHANNEL,
        SERVICE_TYPE,
        COMMODITY,
        RECEIVED_AT,
        RESPONDED_AT,
        CLOSED_AT,
        STATUS,
        OFFICER,
        OFFICER_ID,
        QUESTION,
        ANSWER,
    ];

    /// Fields holding dates.
    pub const DATES: [&str; 3] = [RECEIVED_AT, RESPONDED_AT, CLOSED_AT];

    /// Fields whose values are mapped to canonical values.
    pub const VALUED: [&str; 3] = [SERVICE_TYPE, CHANNEL, COMMODITY];
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct AliasFile {
    #[serde(default)]
    columns: BTreeMap<String, ColumnAliases>,
    #[serde(default)]
    values: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ColumnAliases {
    aliases: Vec<String>,
}

/// Normalises a header or value for matching: lower case, letters and digits only.
pub fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Column aliases per field, and value aliases per valued field.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    /// field -> aliases, in priority order.
    columns: BTreeMap<String, Vec<String>>,
    /// field -> canonical values with their aliases.
    values: BTreeMap<String, Vec<(String, Vec<String>)>>,
}

impl Aliases {
    /// The shipped aliases.
    pub fn builtin() -> Result<Self> {
        let mut a = Aliases::default();
        a.add_text(BUILTIN, Path::new("rubrics/alias.toml"))?;
        Ok(a)
    }

    /// Adds the aliases of a user file to these.
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let text = crate::output::guard::read_to_string(path)?;
        self.add_text(&text, path)
    }

    fn add_text(&mut self, text: &str, origin: &Path) -> Result<()> {
        let file: AliasFile = parse_toml(text, origin)?;
        for (key, col) in file.columns {
            let known = field::ALL.contains(&key.as_str());
            if !known {
                return Err(Error::new(
                    Location::file(origin),
                    msg!(
                        "kolom \"{key}\" tidak dikenal; yang dikenal: {}",
                        "unknown field \"{key}\"; known fields: {}",
                        field::ALL.join(", ")
                    ),
                ));
            }
            self.columns.entry(key).or_default().extend(col.aliases);
        }
        for (key, canon) in file.values {
            if !field::VALUED.contains(&key.as_str()) {
                return Err(Error::new(
                    Location::file(origin),
                    msg!(
                        "nilai untuk \"{key}\" tidak dapat dipetakan; hanya: {}",
                        "values of \"{key}\" cannot be mapped; only: {}",
                        field::VALUED.join(", ")
                    ),
                ));
            }
            let list = self.values.entry(key).or_default();
            for (value, aliases) in canon {
                match list.iter_mut().find(|(v, _)| *v == value) {
                    Some((_, existing)) => existing.extend(aliases),
                    None => list.push((value, aliases)),
                }
            }
        }
        Ok(())
    }

    /// Aliases tried for a field (for error messages).
    pub fn column_aliases(&self, key: &str) -> &[String] {
        self.columns.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A matcher of raw values to canonical values for a valued field.
    pub fn value_mapper(&self, key: &str) -> ValueMapper {
        let mut exact = HashMap::new();
        let mut prefixes = Vec::new();
        for (canonical, aliases) in self.values.get(key).into_iter().flatten() {
            for a in aliases.iter().chain(std::iter::once(canonical)) {
                let n = normalize(a);
                if n.is_empty() {
                    continue;
                }
                exact.entry(n.clone()).or_insert_with(|| canonical.clone());
                if n.chars().count() >= 3 {
                    prefixes.push((n, canonical.clone()));
                }
            }
        }
        // Longest alias first, so "surat elektronik" wins over "surat".
        prefixes.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        ValueMapper { exact, prefixes }
    }
}

/// Maps raw values (e.g. "Telepon HALOBPOM 1500533") to canonical ones ("Telepon").
#[derive(Debug, Clone)]
pub struct ValueMapper {
    exact: HashMap<String, String>,
    prefixes: Vec<(String, String)>,
}

impl ValueMapper {
    /// The canonical value, or `None` when no alias matches.
    pub fn map(&self, raw: &str) -> Option<&str> {
        let n = normalize(raw);
        if n.is_empty() {
            return None;
        }
        if let Some(v) = self.exact.get(&n) {
            return Some(v);
        }
        self.prefixes
            .iter()
            .find(|(p, _)| n.starts_with(p.as_str()))
            .map(|(_, v)| v.as_str())
    }
}

/// A wanted column: a canonical field or an extra column a rubric reads.
#[derive(Debug, Clone)]
pub struct ColumnSpec {
    pub key: String,
    pub aliases: Vec<String>,
    pub required: bool,
}

/// Builds the column specs from the aliases, the config's column overrides, the fields the
/// rubric requires and the extra columns it reads.
pub fn column_specs(
    aliases: &Aliases,
    overrides: &BTreeMap<String, String>,
    required: &[String],
    extra: &[(String, Vec<String>)],
) -> Vec<ColumnSpec> {
    let mut specs: Vec<ColumnSpec> = field::ALL
        .iter()
        .map(|k| ColumnSpec {
            key: k.to_string(),
            aliases: aliases.column_aliases(k).to_vec(),
            required: required.iter().any(|r| r == k),
        })
        .collect();
    for (key, aliases) in extra {
        specs.push(ColumnSpec {
            key: key.clone(),
            aliases: aliases.clone(),
            required: false,
        });
    }
    for spec in &mut specs {
        if let Some(header) = overrides.get(&spec.key) {
            spec.aliases = vec![header.clone()];
        }
    }
    specs
}

/// Which source column feeds each wanted key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderMapping {
    /// (key, index of the source column, header as written).
    pub columns: Vec<(String, usize, String)>,
}

impl HeaderMapping {
    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.columns.iter().find(|c| c.0 == key).map(|c| c.1)
    }
}

/// How many cells of a row are known headers; used to find the header row below titles.
pub fn header_score(specs: &[ColumnSpec], row: &[String]) -> usize {
    let known: std::collections::HashSet<String> = specs
        .iter()
        .flat_map(|s| s.aliases.iter().map(|a| normalize(a)))
        .collect();
    row.iter()
        .filter(|c| {
            let n = normalize(c);
            !n.is_empty() && known.contains(&n)
        })
        .count()
}

/// Index of the header row among the first rows: the first row with the most known
/// headers, at least two of them.
pub fn find_header_row(specs: &[ColumnSpec], rows: &[Vec<String>]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().enumerate() {
        let score = header_score(specs, row);
        if score >= 2 && best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

/// Maps headers to wanted keys. A key takes the column whose header matches its
/// highest-priority alias (leftmost column on ties); a column feeds one key at most.
/// `place` locates the header row for the error about missing required columns.
pub fn map_headers(
    specs: &[ColumnSpec],
    headers: &[String],
    place: &Location,
) -> Result<HeaderMapping> {
    let normalized: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let mut used = vec![false; headers.len()];
    let mut columns = Vec::new();
    let mut missing = Vec::new();
    for spec in specs {
        let found = spec.aliases.iter().find_map(|a| {
            let na = normalize(a);
            normalized
                .iter()
                .enumerate()
                .find(|(i, h)| !used[*i] && !h.is_empty() && **h == na)
                .map(|(i, _)| i)
        });
        match found {
            Some(i) => {
                // Two columns with the same name: which one holds the answers is a guess.
                if let Some(j) =
                    (i + 1..headers.len()).find(|&j| !used[j] && normalized[j] == normalized[i])
                {
                    return Err(Error::new(
                        place.clone(),
                        msg!(
                            "dua kolom bernama \"{}\" (kolom ke-{} dan ke-{}): tidak jelas mana yang dipakai untuk {}; hapus atau ganti nama salah satunya",
                            "two columns named \"{}\" (columns {} and {}): which one holds {} is unclear; remove or rename one",
                            headers[i].trim(),
                            i + 1,
                            j + 1,
                            spec.key
                        ),
                    ));
                }
                used[i] = true;
                columns.push((spec.key.clone(), i, headers[i].clone()));
            }
            None if spec.required => missing.push(spec),
            None => {}
        }
    }
    if !missing.is_empty() {
        let found: Vec<String> = headers
            .iter()
            .filter(|h| !h.trim().is_empty())
            .map(|h| format!("\"{}\"", h.trim()))
            .collect();
        let found = if found.is_empty() {
            "-".to_string()
        } else {
            found.join(", ")
        };
        let tried: Vec<String> = missing
            .iter()
            .map(|s| format!("{} ({})", s.key, s.aliases.join(" / ")))
            .collect();
        let keys: Vec<&str> = missing.iter().map(|s| s.key.as_str()).collect();
        let keys = keys.join(", ");
        let tried = tried.join("; ");
        return Err(Error::new(
            place.clone(),
            msg!(
                "kolom wajib tidak ditemukan: {keys}. Header yang ada: {found}. Alias yang dicoba: {tried}. Tambahkan alias dengan --aliases atau petakan di [columns] pada berkas konfigurasi.",
                "required column not found: {keys}. Headers found: {found}. Aliases tried: {tried}. Add an alias with --aliases or map it under [columns] in the config file."
            ),
        ));
    }
    Ok(HeaderMapping { columns })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn specs(required: &[&str]) -> Vec<ColumnSpec> {
        let a = Aliases::builtin().unwrap();
        let req: Vec<String> = required.iter().map(|s| s.to_string()).collect();
        column_specs(&a, &BTreeMap::new(), &req, &[])
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_map_ignoring_case_spaces_and_punctuation() {
        let headers = strings(&[
            "No. Tiket",
            "UNIT KERJA",
            "Kanal",
            "Jenis",
            "Komoditas",
            "TanggalLaporanMasuk",
            "Tgl Jawab",
            "TanggalLaporanDitutup",
            "Nama Petugas",
            "Isi Laporan",
            "Tanggapan",
        ]);
        let m = map_headers(&specs(&["id", "answer"]), &headers, &Location::default()).unwrap();
        let get = |k: &str| m.index_of(k);
        assert_eq!(get("id"), Some(0));
        assert_eq!(get("unit"), Some(1));
        assert_eq!(get("channel"), Some(2));
        assert_eq!(get("service_type"), Some(3));
        assert_eq!(get("commodity"), Some(4));
        assert_eq!(get("received_at"), Some(5));
        assert_eq!(get("responded_at"), Some(6));
        assert_eq!(get("closed_at"), Some(7));
        assert_eq!(get("officer"), Some(8));
        assert_eq!(get("question"), Some(9));
        assert_eq!(get("answer"), Some(10));
        assert_eq!(get("status"), None);
    }

    #[test]
    fn waktu_respon_is_a_date_and_respon_an_answer() {
        let headers = strings(&["TrackingID", "Waktu Respon", "Respon"]);
        let m = map_headers(&specs(&[]), &headers, &Location::default()).unwrap();
        assert_eq!(m.index_of("responded_at"), Some(1));
        assert_eq!(m.index_of("answer"), Some(2));
    }

    #[test]
    fn missing_required_column_lists_headers_and_aliases() {
        let headers = strings(&["Nomor", "Isi"]);
        let place = Location::file(Path::new("x.csv")).with_row(1);
        let err = map_headers(&specs(&["id", "answer"]), &headers, &place).unwrap_err();
        let text = err.render(crate::i18n::Lang::En);
        assert!(
            text.starts_with("x.csv, row 1: required column not found: answer."),
            "{text}"
        );
        assert!(text.contains("Headers found: \"Nomor\", \"Isi\""), "{text}");
        assert!(
            text.contains("answer (jawaban / tanggapan / respon"),
            "{text}"
        );
    }

    #[test]
    fn config_override_wins() {
        let a = Aliases::builtin().unwrap();
        let mut o = BTreeMap::new();
        o.insert("answer".to_string(), "Balasan Resmi".to_string());
        let s = column_specs(&a, &o, &["answer".to_string()], &[]);
        let headers = strings(&["Jawaban", "Balasan Resmi"]);
        let m = map_headers(&s, &headers, &Location::default()).unwrap();
        assert_eq!(m.index_of("answer"), Some(1));
    }

    #[test]
    fn header_row_below_titles() {
        let rows = vec![
            strings(&["LAPORAN LAYANAN INFORMASI DAN PENGADUAN"]),
            strings(&["Periode: Januari - Maret 2026"]),
            strings(&[]),
            strings(&["No. Tiket", "Unit Kerja", "Jawaban"]),
            strings(&["1", "Balai Besar POM di Jakarta", "Selamat pagi"]),
        ];
        assert_eq!(find_header_row(&specs(&[]), &rows), Some(3));
    }

    #[test]
    fn values_map_to_canonical() {
        let a = Aliases::builtin().unwrap();
        let ch = a.value_mapper("channel");
        assert_eq!(ch.map("Telepon HALOBPOM 1500533"), Some("Telepon"));
        assert_eq!(ch.map("WA"), Some("WhatsApp"));
        assert_eq!(ch.map("Surat Elektronik"), Some("Email"));
        assert_eq!(ch.map("Surat"), Some("Surat"));
        assert_eq!(ch.map("SP4N-LAPOR!"), Some("SP4N-LAPOR!"));
        assert_eq!(ch.map("Xylophone"), None);
        let st = a.value_mapper("service_type");
        assert_eq!(st.map(" PENGADUAN "), Some("pengaduan"));
        assert_eq!(st.map("Permintaan Informasi"), Some("informasi"));
    }
}
