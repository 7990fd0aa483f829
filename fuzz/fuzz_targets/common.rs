//! Shared by the ingest targets: the input written to a file with the given extension and
//! read the way `ulpk-eval score` reads exports. Errors are fine; panics and runaway
//! memory are what the fuzzer looks for.

use std::io::Write;

use ulpk_eval::ingest::columns::column_specs;
use ulpk_eval::ingest::{Aliases, IngestOptions, load};
use ulpk_eval::rubric::Rubric;

pub fn ingest(data: &[u8], ext: &str) {
    let Ok(mut f) = tempfile::Builder::new().suffix(ext).tempfile() else {
        return;
    };
    if f.write_all(data).is_err() {
        return;
    }
    let (Ok(aliases), Ok(rubric)) = (Aliases::builtin(), Rubric::builtin()) else {
        return;
    };
    let specs = column_specs(
        &aliases,
        &Default::default(),
        &rubric.required_fields(),
        &rubric.extra_columns(),
    );
    let opts = IngestOptions { sheet: None, specs };
    let _ = load(f.path(), &opts);
}
