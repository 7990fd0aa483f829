//! Evidence cells as unit coordinators fill them: decree (SK) numbers, SOP numbers, photos,
//! screenshots, periodic reports, minutes. Invented, in BPOM's usual shapes
//! (`HK.02.01.12.123.01.26.456`), dated before the assessment date.

use chrono::{Datelike, Duration, NaiveDate};
use rand::RngExt;
use ulpk_eval::standard::Item;

use crate::text::{month_name, pick};
use crate::units::UNITS;

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

struct Docs<'a, R: RngExt + ?Sized> {
    rng: &'a mut R,
    unit: &'a str,
    /// Number of the unit in letter numbers (its place in the unit list).
    no: usize,
    as_of: NaiveDate,
}

impl<R: RngExt + ?Sized> Docs<'_, R> {
    /// A weekday `min_days`..`max_days` days before the assessment date.
    fn day_before(&mut self, min_days: u32, max_days: u32) -> NaiveDate {
        let mut d =
            self.as_of - Duration::days(i64::from(self.rng.random_range(min_days..=max_days)));
        while d.weekday().number_from_monday() > 5 {
            d -= Duration::days(1);
        }
        d
    }

    fn dmy(d: NaiveDate) -> String {
        format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
    }

    /// Who signs a unit's decree.
    fn head(&self) -> String {
        if self.unit.starts_with("ULPK BPOM Pusat") {
            "Kepala Badan Pengawas Obat dan Makanan".to_string()
        } else if let Some(rest) = self.unit.strip_prefix("Loka POM") {
            format!("Kepala Loka POM{rest}")
        } else {
            format!("Kepala {}", self.unit)
        }
    }

    /// `SK Kepala Balai Besar POM di Bandung No. HK.02.01.03.214.07.25.118 tentang …`.
    fn sk(&mut self, about: &str) -> String {
        self.sk_dated(about).0
    }

    /// A decree and the day it was signed.
    fn sk_dated(&mut self, about: &str) -> (String, NaiveDate) {
        let d = self.day_before(60, 540);
        let text = format!(
            "SK {} No. HK.02.01.{:02}.{}.{:02}.{:02}.{:03} tentang {about}",
            self.head(),
            self.no,
            self.rng.random_range(100..=999u32),
            d.month(),
            d.year() % 100,
            self.rng.random_range(1..=650u32)
        );
        (text, d)
    }

    fn sop(&mut self, title: &str) -> String {
        format!(
            "SOP {title} No. POM-{:02}.{:02}/SOP/ULPK/{:02} revisi {}",
            self.no,
            self.rng.random_range(1..=4u32),
            self.rng.random_range(1..=30u32),
            self.rng.random_range(0..=3u32)
        )
    }

    /// A memo dated `min_days`..`max_days` before the assessment date.
    fn nota_dinas(&mut self, min_days: u32, max_days: u32) -> String {
        let d = self.day_before(min_days, max_days);
        format!(
            "nota dinas No. B-{}/{:02}/ULPK/{:02}/{} tanggal {}",
            self.rng.random_range(100..=2400u32),
            self.no,
            d.month(),
            d.year(),
            Self::dmy(d)
        )
    }

    /// `triwulan I 2026`, or `back` quarters earlier.
    fn quarter(&self, back: u32) -> String {
        let q = (self.as_of.year() * 4 + self.as_of.month0() as i32 / 3) - back as i32;
        format!(
            "triwulan {} {}",
            ROMAN[q.rem_euclid(4) as usize],
            q.div_euclid(4)
        )
    }

    fn month(&mut self) -> String {
        let d = self.day_before(0, 80);
        format!("{} {}", month_name(d.month()), d.year())
    }

    fn screenshot(&mut self, what: &str) -> String {
        let d = self.day_before(0, 20);
        format!("tangkapan layar {what} per {}", Self::dmy(d))
    }

    fn respondents(&mut self) -> u32 {
        self.rng.random_range(48..=160u32)
    }
}

/// The evidence cell for one item of the competition or the Ombudsman instrument.
pub fn documents<R: RngExt + ?Sized>(
    rng: &mut R,
    item: &Item,
    unit: &str,
    as_of: NaiveDate,
) -> String {
    let no = UNITS
        .iter()
        .position(|u| u.name == unit)
        .map_or(99, |i| i + 1);
    let mut d = Docs {
        rng,
        unit,
        no,
        as_of,
    };
    let tw = d.quarter(0);
    let tw_prev = d.quarter(1);
    let year = as_of.year();
    match item.code.as_str() {
        // --- Kompetisi Pengelolaan Pengaduan ---------------------------------------------------
        "KP-01" => {
            let (sk, signed) = d.sk_dated("Kebijakan Pengelolaan Pengaduan Pelayanan Publik");
            // Socialised a few weeks after it was signed.
            let days = d.rng.random_range(7..=45u32);
            let s = (signed + Duration::days(i64::from(days))).min(as_of - Duration::days(3));
            format!("{sk}; undangan, daftar hadir dan materi sosialisasi {}", Docs::<R>::dmy(s))
        }
        "KP-02" => {
            let sk = d.sk("Tim Pengelola Pengaduan Konsumen");
            format!("{sk}; lampiran uraian tugas tim")
        }
        "KP-03" => {
            let (a, b) = (d.day_before(5, 40), d.day_before(41, 85));
            let shot = d.screenshot("dasbor SLA Aplikasi Simpel LPK");
            format!(
                "notulen rapat pimpinan {} dan {}; {shot}",
                Docs::<R>::dmy(b),
                Docs::<R>::dmy(a)
            )
        }
        "KP-04" => format!(
            "DIPA dan POK {year} (kegiatan layanan pengaduan konsumen); laporan realisasi anggaran {tw}"
        ),
        "KP-05" => {
            let sk = d.sk("Admin dan Penghubung SP4N-LAPOR!");
            let shot = d.screenshot("akun SP4N-LAPOR! yang aktif");
            format!("{sk}; {shot}")
        }
        "KP-06" => {
            let sop = d.sop("Penanganan Pengaduan Konsumen");
            format!("laporan analisis tren pengaduan {tw_prev}; {sop} (perubahan berdasarkan analisis)")
        }
        "TL-01" => format!("rekap status laporan Aplikasi Simpel LPK dan SP4N-LAPOR! {tw}"),
        "TL-02" => {
            let shot = d.screenshot("dasbor SLA Aplikasi Simpel LPK");
            format!("rekap pemenuhan SLA {tw}; {shot}")
        }
        "TL-03" => format!(
            "laporan evaluasi kualitas jawaban {tw}; {} contoh tanggapan pengaduan",
            d.rng.random_range(5..=12u32)
        ),
        "TL-04" => {
            let sop = d.sop("Eskalasi dan Rujukan Pengaduan");
            let nd = d.nota_dinas(10, 120);
            format!("{sop}; {nd} (rujukan ke Bidang Penindakan)")
        }
        "TL-05" => format!("instrumen konfirmasi kepuasan pelapor; rekap hasil {tw}"),
        "TL-06" => {
            let nd = d.nota_dinas(5, 60);
            format!("laporan {tw_prev}; {nd} tentang penyampaian laporan kepada pimpinan")
        }
        "IP-01" => {
            let shot = d.screenshot("publikasi kanal pengaduan di laman dan Instagram");
            format!("{shot}; contoh pengaduan per kanal {tw}")
        }
        "IP-02" => "tangkapan layar Aplikasi Simpel LPK, dasbor SLA dan integrasi SP4N-LAPOR!".into(),
        "IP-03" => "foto loket ULPK, ruang konsultasi dan kotak pengaduan".into(),
        "IP-04" => pick(
            d.rng,
            &[
                "foto jalur landai, kursi roda dan loket prioritas",
                "foto jalur landai dan toilet ramah disabilitas; publikasi layanan teks WhatsApp",
            ],
        )
        .into(),
        "IP-05" => {
            let shot = d.screenshot("unggahan Instagram tentang kanal pengaduan");
            format!("foto papan informasi kanal dan tata cara pengaduan; {shot}")
        }
        "SDM-01" => {
            let sk = d.sk("Petugas Layanan Pengaduan Konsumen");
            let m = d.month();
            format!("{sk}; jadwal piket ULPK {m}")
        }
        "SDM-02" => format!(
            "sertifikat pelatihan pengelolaan pengaduan dan SP4N-LAPOR! ({} orang, {}–{year})",
            d.rng.random_range(2..=5u32),
            year - 1
        ),
        "SDM-03" => pick(
            d.rng,
            &[
                "daftar petugas ULPK dan ijazah (S1 Farmasi, S1 Teknologi Pangan)",
                "daftar petugas ULPK dan riwayat pendidikan (Apoteker, S1 Gizi, S1 Kesehatan Masyarakat)",
            ],
        )
        .into(),
        "SDM-04" => {
            let b = d.day_before(15, 150);
            format!(
                "rencana pengembangan kompetensi {year}; laporan bimtek komunikasi layanan {}",
                Docs::<R>::dmy(b)
            )
        }
        "SDM-05" => format!(
            "SKP petugas ULPK {}; SK penghargaan petugas layanan terbaik {tw_prev}",
            year - 1
        ),
        "SDM-06" => "kode etik pegawai dan pakta integritas bertanda tangan seluruh petugas ULPK".into(),

        // --- Kepatuhan Ombudsman ---------------------------------------------------------------
        "INP-01" => {
            let sk = d.sk("Petugas Pelayanan Publik");
            format!("{sk}; sertifikat pelatihan pelayanan prima")
        }
        "INP-02" => {
            let m = d.month();
            format!("foto petugas beridentitas di loket; jadwal piket {m}")
        }
        "INP-03" => "foto loket, ruang tunggu, toilet pengguna dan ruang konsultasi".into(),
        "INP-04" => "foto jalur landai, toilet disabilitas, kursi roda, kursi prioritas dan ruang laktasi".into(),
        "INP-05" => {
            let shot = d.screenshot("laman, WhatsApp dan Instagram");
            format!("{shot}; rekap layanan per kanal {tw}")
        }
        "PRS-01" => {
            let sk = d.sk("Standar Pelayanan Publik");
            format!("{sk}; foto papan standar pelayanan; tautan laman Layanan Publik")
        }
        "PRS-02" => "foto papan persyaratan layanan; tangkapan layar laman".into(),
        "PRS-03" => "bagan alir layanan informasi dan pengaduan (foto papan dan laman)".into(),
        "PRS-04" => format!("publikasi jangka waktu layanan; rekap pemenuhan SLA {tw}"),
        "PRS-05" => "foto papan \"Layanan ini tidak dipungut biaya\"; tangkapan layar laman".into(),
        "PRS-06" => "foto papan produk layanan; tangkapan layar laman".into(),
        "PRS-07" => {
            let m = d.day_before(30, 300);
            format!(
                "maklumat pelayanan bertanda tangan {} tanggal {} (foto dan laman)",
                d.head(),
                Docs::<R>::dmy(m)
            )
        }
        "PRS-08" => {
            let o = d.day_before(5, 60);
            format!(
                "foto papan hari dan jam layanan; catatan pengamatan {}",
                Docs::<R>::dmy(o)
            )
        }
        "OUT-01" | "OUT-02" | "OUT-03" | "OUT-04" | "OUT-05" => {
            let n = d.respondents();
            format!("rekap kuesioner persepsi maladministrasi {tw} ({n} responden)")
        }
        "PGD-01" => "foto papan kanal pengaduan; tangkapan layar laman dan Instagram".into(),
        "PGD-02" => {
            let sop = d.sop("Penanganan Pengaduan Konsumen");
            format!("{sop}; foto publikasi alur pengaduan")
        }
        "PGD-03" => d.sk("Tim Pengelola Pengaduan Konsumen"),
        "PGD-04" => format!("rekap Aplikasi Simpel LPK dan pemenuhan SLA {tw}"),
        "PGD-05" => {
            let shot = d.screenshot("akun SP4N-LAPOR!");
            format!("{shot}; rekap tindak lanjut {tw}")
        }
        "PGD-06" => {
            let n = d.day_before(5, 60);
            format!(
                "laporan pengelolaan pengaduan {tw_prev}; notulen tindak lanjut {}",
                Docs::<R>::dmy(n)
            )
        }
        code => format!("dokumen pendukung {code}"),
    }
}
