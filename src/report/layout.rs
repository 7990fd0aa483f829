//! Names the report's sheets share: the labels a later period reads back from this report.
//! Writers and readers both take them from here, so no sheet module imports another for a
//! constant.

/// Labels the period comparison reads back from an earlier report: (Indonesian, English).
pub mod label {
    pub const SUMMARY_SHEET: (&str, &str) = crate::labels::sheet::SUMMARY;
    pub const RANK_SHEET: (&str, &str) = ("Peringkat Unit", "Unit Ranking");
    pub const PERIOD: (&str, &str) = ("Periode", "Period");
    pub const NATIONAL_SCORE: (&str, &str) = (
        "Rata-rata skor kualitas jawaban (nasional)",
        "Mean answer-quality score (national)",
    );
    pub const NATIONAL_SLA: (&str, &str) =
        ("Pemenuhan SLA nasional (%)", "National SLA fulfilment (%)");
    pub const NATIONAL_IKM: (&str, &str) = ("IKM nasional (SKM)", "National IKM (SKM)");
}
