#![no_main]
//! CSV exports: dialect sniffing, decoding, header search, polars parsing.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| common::ingest(data, ".csv"));
