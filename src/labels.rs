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

/// A canonical field named in a sentence, as a reviewer writes it ("Nama petugas terisi");
/// `None` for unknown names.
pub fn field_phrase(name: &str, lang: Lang) -> Option<&'static str> {
    Some(match name {
        "id" => lang.pick("Nomor tiket", "Ticket number"),
        "unit" => lang.pick("Unit layanan", "Service unit"),
        "channel" => lang.pick("Kanal layanan", "Service channel"),
        "service_type" => lang.pick("Jenis layanan", "Service type"),
        "commodity" => lang.pick("Komoditi", "Commodity"),
        "received_at" => lang.pick("Tanggal diterima", "Date received"),
        "responded_at" => lang.pick("Tanggal dijawab", "Date answered"),
        "closed_at" => lang.pick("Tanggal selesai", "Date closed"),
        "status" => lang.pick("Status layanan", "Service status"),
        "officer" => lang.pick("Nama petugas", "Officer's name"),
        "officer_id" => lang.pick("ID petugas", "Officer's ID"),
        "question" => lang.pick("Pertanyaan", "Question"),
        "answer" => lang.pick("Jawaban", "Answer"),
        _ => return None,
    })
}

/// How outputs show the canonical service types (`rubrics/alias.toml` keys, which stay as
/// they are in the data and the rubric): (value, Indonesian, English).
pub const SERVICE_TYPES: &[(&str, &str, &str)] = &[
    ("informasi", "Informasi", "Information"),
    ("pengaduan", "Pengaduan", "Complaint"),
];

/// The label of a service type value; another value (a user's own alias key) as it is.
pub fn service_type(value: &str, lang: Lang) -> &str {
    SERVICE_TYPES
        .iter()
        .find(|(v, _, _)| *v == value)
        .map_or(value, |(_, id, en)| lang.pick(id, en))
}

/// [`service_type`] as a polars expression over a text column.
pub fn service_type_expr(e: polars::prelude::Expr, lang: Lang) -> polars::prelude::Expr {
    use polars::prelude::*;
    let mut out = e.clone();
    for (v, id, en) in SERVICE_TYPES.iter().rev() {
        out = when(e.clone().eq(lit(*v)))
            .then(lit(lang.pick(id, en)))
            .otherwise(out);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::columns::field;

    #[test]
    fn every_field_has_a_phrase_in_both_languages() {
        for f in field::ALL {
            for lang in [Lang::Id, Lang::En] {
                let p = field_phrase(f, lang).unwrap_or_else(|| panic!("{f} has no phrase"));
                assert!(!p.contains('_'), "{p}");
            }
        }
        assert_eq!(field_phrase("officer", Lang::Id), Some("Nama petugas"));
        assert_eq!(field_phrase("officer", Lang::En), Some("Officer's name"));
    }

    #[test]
    fn service_types_shown_with_their_label() {
        assert_eq!(service_type("informasi", Lang::Id), "Informasi");
        assert_eq!(service_type("pengaduan", Lang::Id), "Pengaduan");
        assert_eq!(service_type("pengaduan", Lang::En), "Complaint");
        assert_eq!(service_type("saran", Lang::Id), "saran");
        use polars::prelude::*;
        let df = df!("t" => [Some("pengaduan"), Some("informasi"), Some("saran"), None]).unwrap();
        let out = df
            .lazy()
            .select([service_type_expr(col("t"), Lang::Id).alias("t")])
            .collect()
            .unwrap();
        let got: Vec<Option<&str>> = out.column("t").unwrap().str().unwrap().iter().collect();
        assert_eq!(
            got,
            [Some("Pengaduan"), Some("Informasi"), Some("saran"), None]
        );
    }
}
