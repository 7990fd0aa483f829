#![no_main]
//! Workbook exports: the zip-bomb check, calamine, the cell-count limit, header search.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::ingest(data, ".xlsx"));
