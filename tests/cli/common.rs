//! Shared helpers for the integration tests.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(name)
}

/// The `ulpk-eval` binary, run from the crate root.
pub fn bin() -> Command {
    let mut c = Command::cargo_bin("ulpk-eval").expect("binary built");
    c.current_dir(root());
    c.env("RUST_BACKTRACE", "0");
    c
}

/// `ulpk-eval score --rubric R INPUT -o OUT`, expecting success.
pub fn score(rubric: &Path, input: &Path, out: &Path) {
    bin()
        .args(["score", "--rubric"])
        .arg(rubric)
        .arg(input)
        .arg("-o")
        .arg(out)
        .assert()
        .success();
}

/// Scores `input` with the hand-computed test rubric.
pub fn score_with_test_rubric(input: &Path, out: &Path) {
    score(&fixture("rubrik-uji.toml"), input, out);
}

/// Reads a CSV written by ulpk-eval (UTF-8 with BOM) into rows keyed by header.
pub fn read_csv(path: &Path) -> Vec<HashMap<String, String>> {
    let bytes = std::fs::read(path).expect("output exists");
    let text = String::from_utf8(bytes).expect("UTF-8");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().expect("header").clone();
    rdr.records()
        .map(|r| {
            let r = r.expect("record");
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The row whose `id` is `id` (the first one).
pub fn row<'a>(rows: &'a [HashMap<String, String>], id: &str) -> &'a HashMap<String, String> {
    rows.iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

/// The first row of a sheet, as text.
pub fn header_row(range: &calamine::Range<calamine::Data>) -> Vec<String> {
    range
        .rows()
        .next()
        .map(|row| row.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default()
}

/// A file's bytes, to compare before and after.
pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("file readable")
}
