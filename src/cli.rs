//! Command-line interface definitions (clap).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::aggregate::Dimension;
use crate::i18n::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "ulpk-eval",
    version,
    about = "Evaluasi kualitas layanan informasi dan pengaduan konsumen BPOM (ULPK) / Quality evaluation of BPOM's consumer information and complaint service (ULPK)",
    after_help = "Kode keluar: 0 sukses; 1 selesai tetapi ada masalah data (dengan --strict); 2 masukan atau perintah salah. / Exit codes: 0 success; 1 completed with data issues (with --strict); 2 bad input or usage."
)]
pub struct Cli {
    /// Bahasa pesan dan label (id = Indonesia, en = Inggris) / Language of messages and labels (id = Indonesian, en = English)
    #[arg(long, global = true, value_enum, default_value_t = Lang::Id)]
    pub lang: Lang,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Laporan lengkap dari konfigurasi / The full report from the config file
    #[command(
        after_help = "Contoh / example:\n  ulpk-eval report\n  ulpk-eval report --config ulpk-eval.toml -o reports/laporan.xlsx"
    )]
    Report(ReportArgs),
    /// Nilai setiap jawaban dengan rubrik / Score every answer against a rubric
    #[command(
        after_help = "Contoh / example:\n  ulpk-eval score samples/simpel-lpk-2026-q1.csv samples/sp4n-lapor-2026-q1.xlsx -o reports/skor.xlsx\n  ulpk-eval score --rubric rubrics/kualitas-jawaban.toml ekspor.csv -o skor.parquet --strict"
    )]
    Score(ScoreArgs),
    /// Ringkas skor per unit, petugas, kanal, jenis layanan, komoditi, bulan / Aggregate scores
    #[command(
        after_help = "Contoh / example:\n  ulpk-eval summary samples/simpel-lpk-2026-q1.csv --by unit,channel -o reports/ringkasan.xlsx"
    )]
    Summary(SummaryArgs),
    /// Periksa cara berkas dibaca dan masalah datanya tanpa menilai / Check how files are read
    #[command(after_help = "Contoh / example:\n  ulpk-eval check samples/sp4n-lapor-2026-q1.xlsx")]
    Check(CheckArgs),
    /// Validasi dan tampilkan rubrik / Validate and show a rubric
    #[command(after_help = "Contoh / example:\n  ulpk-eval rubric rubrics/kualitas-jawaban.toml")]
    Rubric(RubricArgs),
    /// Buat workbook penilaian mandiri per unit / Generate self-assessment workbooks per unit
    #[command(
        after_help = "Contoh / example:\n  ulpk-eval template --standard rubrics/standar-minimal-ulpk.toml --unit \"Balai Besar POM di Jakarta\" -o penilaian/\n  ulpk-eval template --standard rubrics/standar-minimal-ulpk.toml --units daftar-unit.txt -o penilaian/"
    )]
    Template(TemplateArgs),
    /// Nilai workbook penilaian mandiri yang sudah diisi / Score filled self-assessment workbooks
    #[command(
        after_help = "Contoh / example:\n  ulpk-eval assess --standard rubrics/standar-minimal-ulpk.toml samples/penilaian-mandiri/ -o reports/penilaian-mandiri.xlsx --as-of 2026-03-31"
    )]
    Assess(AssessArgs),
    /// Validasi dan tampilkan standar penilaian mandiri / Validate and show a standard
    #[command(
        after_help = "Contoh / example:\n  ulpk-eval standard rubrics/standar-minimal-ulpk.toml"
    )]
    Standard(StandardArgs),
    /// Indeks Kepuasan Masyarakat (SKM, PermenPANRB 14/2017) per unit / Public satisfaction index per unit
    #[command(
        after_help = "Contoh / example:\n  ulpk-eval skm samples/skm-2026-q1.csv -o reports/ikm.xlsx\n  ulpk-eval skm survei-jan.xlsx survei-feb.csv --sheet Responden --strict --issues masalah.csv"
    )]
    Skm(SkmArgs),
    /// Tarik sampel berstrata untuk direview dan buat lembar review per reviewer / Draw a
    /// stratified review sample and write one review workbook per reviewer
    #[command(
        after_help = "Contoh / example:\n  ulpk-eval sample samples/simpel-lpk-2026-q1.csv samples/sp4n-lapor-2026-q1.xlsx --n 200 --by unit,channel --seed 2026 --reviewers ani,budi,citra --overlap 0.2 -o review/"
    )]
    Sample(SampleArgs),
    /// Ukur kesepakatan antar-reviewer pada jawaban yang dinilai bersama / Measure agreement
    /// between reviewers on the answers they all scored
    #[command(
        after_help = "Contoh / example:\n  ulpk-eval calibrate review/ --answers samples/simpel-lpk-2026-q1.csv samples/sp4n-lapor-2026-q1.xlsx -o reports/kalibrasi.xlsx"
    )]
    Calibrate(CalibrateArgs),
    /// Ukur kesepakatan kriteria otomatis dengan penilaian manusia / Measure how the automatic
    /// criteria agree with human verdicts
    #[command(
        after_help = "Kolom penilaian manusia: \"Label <kriteria>\" (pass/lulus, partial/sebagian, fail/gagal, na) / Human verdict columns: \"Label <criterion>\"\n\nContoh / example:\n  ulpk-eval agreement samples/berlabel/berlabel.csv -o reports/kesepakatan.xlsx"
    )]
    Agreement(AgreementArgs),
}

/// Inputs shared by the commands that read answer exports. Each subcommand flattens only
/// the groups it uses (`IssueArgs`, `ReviewArgs`), so its `--help` lists only its options.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Berkas ekspor jawaban (CSV, TSV, XLSX, XLS, ODS, Parquet) / Answer exports
    pub inputs: Vec<PathBuf>,
    /// Berkas rubrik TOML (bawaan: rubrics/kualitas-jawaban.toml) / Rubric file
    #[arg(long)]
    pub rubric: Option<PathBuf>,
    /// Berkas konfigurasi TOML / Config file
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Sheet yang dibaca pada workbook (bawaan: sheet pertama) / Sheet to read
    #[arg(long)]
    pub sheet: Option<String>,
    /// Daftar unit: daftar resmi .toml (bawaan: daftar unit BPOM bawaan, rubrics/daftar-unit.toml) atau satu nama per baris; nama lain menjadi masalah data / Unit register (.toml; default: the built-in BPOM register) or one name per line; other names are data issues
    #[arg(long)]
    pub units: Option<PathBuf>,
    /// Kalender tambahan (tahun atau libur lokal), boleh berulang / Extra calendar file
    #[arg(long = "calendar")]
    pub calendars: Vec<PathBuf>,
    /// Alias kolom/nilai tambahan, boleh berulang / Extra aliases file
    #[arg(long = "aliases")]
    pub aliases: Vec<PathBuf>,
}

/// What to do with the data issues found, for the commands that report them.
#[derive(Debug, Args, Clone)]
pub struct IssueArgs {
    /// Keluar dengan kode 1 bila ada masalah data / Exit 1 when data issues were found
    #[arg(long)]
    pub strict: bool,
    /// Tulis daftar masalah data ke berkas (.csv/.xlsx) / Write data issues to a file
    #[arg(long)]
    pub issues: Option<PathBuf>,
}

/// Filled review workbooks and decided disputes, for the commands that score.
#[derive(Debug, Args, Clone, Default)]
pub struct ReviewArgs {
    /// Lembar review yang sudah diisi (berkas atau folder), boleh berulang / Filled review
    /// workbooks or folders, repeatable
    #[arg(long = "reviews")]
    pub reviews: Vec<PathBuf>,
    /// Aturan bila beberapa reviewer menilai satu jawaban: mean, median, lead:NAMA / Rule
    /// when several reviewers scored one answer
    #[arg(long, value_name = "RULE")]
    pub review_rule: Option<String>,
    /// Berkas keputusan sanggahan petugas (CSV/XLSX), boleh berulang / Disputes file
    #[arg(long = "disputes")]
    pub disputes: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub review: ReviewArgs,
    #[command(flatten)]
    pub issues: IssueArgs,
    /// Berkas hasil (.xlsx, .csv, .parquet) / Output file
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Tulis juga ringkasan ke berkas ini / Also write the summary to this file
    #[arg(long)]
    pub summary: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub review: ReviewArgs,
    #[command(flatten)]
    pub issues: IssueArgs,
    /// Dimensi ringkasan / Dimensions to aggregate by
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = Dimension::ALL)]
    pub by: Vec<Dimension>,
    /// Berkas ringkasan (.xlsx, .csv, .parquet) / Output file
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AgreementArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub review: ReviewArgs,
    #[command(flatten)]
    pub issues: IssueArgs,
    /// Workbook hasil (.xlsx): ringkasan, matriks, ketidaksepakatan / Output workbook
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Jumlah ketidaksepakatan yang ditampilkan per kriteria di konsol / Disagreements shown
    /// per criterion on the console
    #[arg(long, default_value_t = 3)]
    pub show: usize,
    /// Hanya bagian data ini (nilai kolom Split, mis. dev atau test) / Only this split
    #[arg(long)]
    pub split: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub issues: IssueArgs,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("which_units").required(true).args(["unit", "units"])))]
pub struct TemplateArgs {
    /// Berkas standar (TOML) / Standard file
    #[arg(long)]
    pub standard: PathBuf,
    /// Nama unit / Unit name
    #[arg(long)]
    pub unit: Option<String>,
    /// Daftar unit, satu per baris / Unit list, one per line
    #[arg(long)]
    pub units: Option<PathBuf>,
    /// Folder keluaran / Output folder
    #[arg(short, long)]
    pub output: PathBuf,
    /// Daftar unit resmi (TOML; bawaan: rubrics/daftar-unit.toml) / Unit register
    #[arg(long)]
    pub register: Option<PathBuf>,
    /// Terima nama unit yang tidak ada di daftar unit resmi / Accept a unit not in the register
    #[arg(long)]
    pub allow_unknown_unit: bool,
    /// Timpa workbook yang sudah ada (mungkin sudah diisi unit) / Overwrite existing workbooks
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Berkas standar (TOML) / Standard file
    #[arg(long)]
    pub standard: PathBuf,
    /// Folder atau berkas workbook (.xlsx, .ods, .xls) / Folders or workbook files
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Tanggal penilaian untuk butir bertipe tanggal (YYYY-MM-DD; bawaan: hari ini) / Assessment date
    #[arg(long)]
    pub as_of: Option<String>,
    /// Berkas hasil (.xlsx atau .csv) / Output file
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Keluar dengan kode 1 bila ada masalah validasi / Exit 1 when validation issues were found
    #[arg(long)]
    pub strict: bool,
    /// Daftar unit: daftar resmi .toml (bawaan: daftar unit BPOM bawaan, rubrics/daftar-unit.toml) atau satu nama per baris; nama lain menjadi masalah data / Unit register (.toml; default: the built-in BPOM register) or one name per line; other names are data issues
    #[arg(long)]
    pub units: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Berkas konfigurasi (bawaan: ulpk-eval.toml) / Config file (default: ulpk-eval.toml)
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Berkas laporan .xlsx (menggantikan [report] output) / Report file
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Jangan samarkan telepon, email dan NIK pada kutipan / Keep personal data in excerpts
    #[arg(long)]
    pub no_mask: bool,
    /// Tulis juga workbook umpan balik per unit ke FOLDER (bawaan: umpan-balik/ di samping
    /// laporan) / Also write a feedback workbook per unit
    #[arg(long, value_name = "FOLDER", num_args = 0..=1)]
    pub per_unit: Option<Option<PathBuf>>,
    /// Periode sebelumnya untuk perbandingan: konfigurasinya (.toml) atau laporannya (.xlsx)
    /// (menggantikan [report] previous) / Previous period to compare with
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// Folder grafik PNG/SVG (bawaan: grafik/ di samping laporan; menggantikan [report]
    /// charts) / Folder for the PNG and SVG charts
    #[arg(long, value_name = "FOLDER")]
    pub charts: Option<PathBuf>,
    /// Jangan tulis dasbor HTML di samping laporan / Do not write the HTML dashboard beside
    /// the report
    #[arg(long)]
    pub no_html: bool,
    /// Jangan tulis lampiran detail jawaban (satu baris per jawaban) di samping laporan /
    /// Do not write the answer-details annex (one row per answer) beside the report
    #[arg(long)]
    pub no_details: bool,
}

#[derive(Debug, Args)]
pub struct SampleArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Jumlah jawaban dalam sampel / Sample size
    #[arg(long)]
    pub n: usize,
    /// Strata sampel / Strata to sample by
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [Dimension::Unit])]
    pub by: Vec<Dimension>,
    /// Minimum jawaban per strata / Minimum answers per stratum
    #[arg(long, default_value_t = 1)]
    pub min_per_stratum: usize,
    /// Seed acak: seed yang sama memberi sampel yang sama / Random seed: same seed, same sample
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Nama reviewer, dipisah koma / Reviewer names, comma-separated
    #[arg(long, value_delimiter = ',')]
    pub reviewers: Vec<String>,
    /// Bagian sampel (0–1) yang dinilai semua reviewer untuk kalibrasi / Share of the sample
    /// every reviewer scores, for calibration
    #[arg(long, default_value_t = 0.0)]
    pub overlap: f64,
    /// Folder keluaran / Output folder
    #[arg(short, long)]
    pub output: PathBuf,
    /// Timpa lembar review yang sudah ada / Overwrite existing review workbooks
    #[arg(long)]
    pub force: bool,
    /// Jangan samarkan telepon, email dan NIK / Keep personal data unmasked
    #[arg(long)]
    pub no_mask: bool,
}

#[derive(Debug, Args)]
pub struct CalibrateArgs {
    /// Lembar review yang sudah diisi, atau foldernya / Filled review workbooks or folders
    #[arg(required = true)]
    pub reviews: Vec<PathBuf>,
    /// Berkas rubrik TOML (bawaan: rubrik BPOM bawaan) / Rubric file
    #[arg(long)]
    pub rubric: Option<PathBuf>,
    /// Berkas konfigurasi TOML / Config file
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Ekspor jawaban, untuk kesepakatan pada skor total / Answer exports, for agreement on
    /// the total score
    #[arg(long, num_args = 1..)]
    pub answers: Vec<PathBuf>,
    /// Toleransi (poin 0–100) dari konsensus / Tolerance in points from the consensus
    #[arg(long, default_value_t = 10.0)]
    pub tolerance: f64,
    /// Ambang alpha Krippendorff / Krippendorff's alpha threshold
    #[arg(long, default_value_t = 0.667)]
    pub threshold: f64,
    /// Selisih rata-rata (poin) dari konsensus yang dianggap terlalu ketat/longgar
    /// (ASUMSI) / Mean deviation in points deemed too harsh or lenient (an assumption)
    #[arg(long, default_value_t = 5.0)]
    pub bias: f64,
    /// Workbook hasil kalibrasi (.xlsx) / Output workbook
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct StandardArgs {
    /// Berkas standar (TOML) / Standard file
    pub standard: PathBuf,
}

#[derive(Debug, Args)]
pub struct RubricArgs {
    /// Berkas rubrik (bawaan: rubrik BPOM bawaan) / Rubric file (default: built-in)
    pub rubric: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SkmArgs {
    /// Berkas survei: satu baris per responden, kolom unit dan U1..U9 (jawaban 1-4) / Survey exports
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Sheet yang dibaca pada workbook (bawaan: sheet pertama) / Sheet to read
    #[arg(long)]
    pub sheet: Option<String>,
    /// Keluar dengan kode 1 bila ada masalah data / Exit 1 when data issues were found
    #[arg(long)]
    pub strict: bool,
    /// Tulis daftar masalah data ke berkas (.csv/.xlsx) / Write data issues to a file
    #[arg(long)]
    pub issues: Option<PathBuf>,
    /// Berkas hasil (.xlsx, .csv, .parquet) / Output file
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Daftar unit: daftar resmi .toml (bawaan: daftar unit BPOM bawaan, rubrics/daftar-unit.toml) atau satu nama per baris; nama lain menjadi masalah data / Unit register (.toml; default: the built-in BPOM register) or one name per line; other names are data issues
    #[arg(long)]
    pub units: Option<PathBuf>,
}
