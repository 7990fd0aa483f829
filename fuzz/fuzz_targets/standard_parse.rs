#![no_main]
//! Standard files and band sets: TOML, items and levels, thresholds, bands.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let path = std::path::Path::new("fuzz.toml");
        let _ = ulpk_eval::standard::parse(text, path);
        let _ = ulpk_eval::bands::parse(text, path);
    }
});
