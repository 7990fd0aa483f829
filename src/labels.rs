//! Column labels for people, in the user's language. One place for every output.

use crate::i18n::Lang;

/// Labels as owned strings, for header rows.
pub fn owned(labels: &[&str]) -> Vec<String> {
    labels.iter().map(|s| s.to_string()).collect()
}

/// Label of a canonical field or computed column; `None` for unknown names.
pub fn column(name: &str, lang: Lang) -> Option<&'static str> {
    Some(match name {
        "id" => "ID",
        "unit" => "Unit",
        "channel" => lang.pick("Kanal", "Channel"),
        "service_type" => lang.pick("Jenis Layanan", "Service Type"),
        "commodity" => lang.pick("Komoditi", "Commodity"),
        "officer" => lang.pick("Petugas", "Officer"),
        "officer_id" => lang.pick("ID Petugas", "Officer ID"),
        "status" => "Status",
        "month" => lang.pick("Bulan", "Month"),
        "received_at" => lang.pick("Tanggal Diterima", "Received"),
        "responded_at" => lang.pick("Tanggal Dijawab", "Responded"),
        "closed_at" => lang.pick("Tanggal Selesai", "Closed"),
        "question" => lang.pick("Pertanyaan", "Question"),
        "answer" => lang.pick("Jawaban", "Answer"),
        "response_working_days" => lang.pick("Hari Kerja Respon", "Response Working Days"),
        "sla_target_days" => lang.pick("Target SLA (hari kerja)", "SLA Target (working days)"),
        "score" => lang.pick("Skor", "Score"),
        "score_ungated" => lang.pick("Skor Tanpa Gerbang Kritis", "Ungated Score"),
        "grade" => lang.pick("Predikat", "Grade"),
        "critical_failed" => lang.pick("Gagal Kriteria Kritis", "Critical Failed"),
        "duplicate" => lang.pick("Duplikat", "Duplicate"),
        "source_file" => lang.pick("Berkas", "File"),
        "source_row" => lang.pick("Baris", "Row"),
        "answers" => lang.pick("Jumlah Jawaban", "Answers"),
        "mean_score" => lang.pick("Rata-rata Skor", "Mean Score"),
        "score_n" => lang.pick("n Skor", "Scores (n)"),
        "sd_score" => lang.pick("Simpangan Baku Skor", "Score SD"),
        "mean_score_ungated" => lang.pick("Rata-rata Skor Tanpa Gerbang", "Mean Ungated Score"),
        "sla_pct" => lang.pick("Pemenuhan SLA (%)", "SLA Fulfilment (%)"),
        "sla_unverifiable" => lang.pick("SLA Tidak Terverifikasi", "SLA Unverifiable"),
        "critical_fails" => lang.pick("Gagal Kritis", "Critical Fails"),
        "reviewed" => lang.pick("Direview", "Reviewed"),
        _ => return None,
    })
}

/// Label of a summary dimension.
pub fn dimension(key: &str, lang: Lang) -> &'static str {
    match key {
        "unit" => lang.pick("Per Unit", "By Unit"),
        "officer" => lang.pick("Per Petugas", "By Officer"),
        "channel" => lang.pick("Per Kanal", "By Channel"),
        "service_type" => lang.pick("Per Jenis Layanan", "By Service Type"),
        "commodity" => lang.pick("Per Komoditi", "By Commodity"),
        "month" => lang.pick("Per Bulan", "By Month"),
        _ => lang.pick("Ringkasan", "Summary"),
    }
}

/// The names of the sheets more than one workbook or module writes or reads: (Indonesian,
/// English).
pub mod sheet {
    pub const CRITERIA: (&str, &str) = ("Kriteria per Unit", "Criteria by Unit");
    pub const TREND: (&str, &str) = ("Tren Bulanan", "Monthly Trend");
    pub const FINDINGS: (&str, &str) = ("Temuan", "Findings");
    pub const DETAILS: (&str, &str) = ("Detail Jawaban", "Answer Details");
    pub const CHARTS: (&str, &str) = ("Grafik", "Charts");
    pub const DISPUTES: (&str, &str) = ("Sanggahan", "Disputes");
    pub const OFFICERS: (&str, &str) = ("Petugas", "Officers");
    pub const SUMMARY: (&str, &str) = ("Ringkasan", "Summary");
}
