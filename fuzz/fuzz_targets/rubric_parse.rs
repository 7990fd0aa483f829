#![no_main]
//! Rubric files: TOML, the rubric model, regex compilation, validation with line numbers.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = ulpk_eval::rubric::parse(text, std::path::Path::new("fuzz.toml"));
    }
});
