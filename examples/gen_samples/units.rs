//! Service units (ULPK at BPOM pusat and at the regional offices), their officers and the
//! invented quality profiles that drive how often each fault is injected.
//!
//! The profiles are fiction chosen so that per-unit aggregates differ; they say nothing about
//! the real offices whose names are used. Officer names are invented.

/// Per-unit probabilities of each rate-based fault.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    pub name: &'static str,
    /// Answer lacks salutation and opening thanks.
    pub no_greeting: f64,
    /// Answer lacks a closing formula.
    pub no_closing: f64,
    /// Answer written with slang / non-standard words.
    pub slang: f64,
    /// Product-check answer without any reference (registration number, cekbpom, regulation).
    pub no_reference: f64,
    /// One-line answer such as "Sudah kami teruskan."
    pub too_short: f64,
    /// Answer copied from another topic.
    pub off_topic: f64,
    /// Complaint answer without a follow-up / monitoring statement.
    pub no_follow_up: f64,
    /// Answered well beyond the SLA.
    pub late: f64,
    /// `Tanggal Dijawab` left empty although the ticket was answered.
    pub missing_answered: f64,
    /// Answer laid out on several lines.
    pub multiline: f64,
}

pub const EXCELLENT: Profile = Profile {
    name: "excellent",
    no_greeting: 0.02,
    no_closing: 0.02,
    slang: 0.005,
    no_reference: 0.03,
    too_short: 0.003,
    off_topic: 0.003,
    no_follow_up: 0.05,
    late: 0.01,
    missing_answered: 0.005,
    multiline: 0.35,
};

pub const GOOD: Profile = Profile {
    name: "good",
    no_greeting: 0.09,
    no_closing: 0.065,
    slang: 0.035,
    no_reference: 0.10,
    too_short: 0.01,
    off_topic: 0.008,
    no_follow_up: 0.12,
    late: 0.03,
    missing_answered: 0.015,
    multiline: 0.25,
};

pub const AVERAGE: Profile = Profile {
    name: "average",
    no_greeting: 0.12,
    no_closing: 0.09,
    slang: 0.06,
    no_reference: 0.16,
    too_short: 0.02,
    off_topic: 0.012,
    no_follow_up: 0.18,
    late: 0.05,
    missing_answered: 0.025,
    multiline: 0.15,
};

/// Slow: many late answers, terse.
pub const POOR_SLOW: Profile = Profile {
    name: "poor (slow)",
    no_greeting: 0.14,
    no_closing: 0.12,
    slang: 0.08,
    no_reference: 0.30,
    too_short: 0.05,
    off_topic: 0.02,
    no_follow_up: 0.35,
    late: 0.25,
    missing_answered: 0.04,
    multiline: 0.05,
};

/// Slangy: informal chat style, greetings and closings often skipped.
pub const POOR_SLANGY: Profile = Profile {
    name: "poor (slangy)",
    no_greeting: 0.28,
    no_closing: 0.22,
    slang: 0.35,
    no_reference: 0.35,
    too_short: 0.07,
    off_topic: 0.03,
    no_follow_up: 0.35,
    late: 0.10,
    missing_answered: 0.03,
    multiline: 0.05,
};

#[derive(Debug)]
pub struct Unit {
    pub name: &'static str,
    /// City used in question texts ("toko di {city}").
    pub city: &'static str,
    /// Time zone label used in office-hour sentences.
    pub tz: &'static str,
    /// Relative ticket volume.
    pub weight: u32,
    pub profile: Profile,
    pub officers: &'static [&'static str],
    /// BPOM pusat (runs the HALOBPOM 1500533 contact centre).
    pub central: bool,
}

macro_rules! unit {
    ($name:expr, $city:expr, $tz:expr, $w:expr, $p:expr, [$($o:expr),+ $(,)?]) => {
        Unit { name: $name, city: $city, tz: $tz, weight: $w, profile: $p, officers: &[$($o),+], central: false }
    };
}

pub static UNITS: [Unit; 22] = [
    Unit {
        name: "ULPK BPOM Pusat",
        city: "Jakarta",
        tz: "WIB",
        weight: 14,
        profile: GOOD,
        officers: &[
            "Rina Kusumawardani",
            "Ahmad Fauzi",
            "Dewi Lestari Putri",
            "Yohanes Situmorang",
            "Nur Aisyah Rahman",
            "Bagus Prasetyo",
        ],
        central: true,
    },
    unit!(
        "Balai Besar POM di Jakarta",
        "Jakarta",
        "WIB",
        10,
        AVERAGE,
        [
            "Siti Rahmawati",
            "Hendra Gunawan",
            "Fitri Handayani",
            "Michael Tanoto",
            "Rizky Ramadhan"
        ]
    ),
    unit!(
        "Balai Besar POM di Bandung",
        "Bandung",
        "WIB",
        7,
        EXCELLENT,
        [
            "Asep Saepudin",
            "Euis Komalasari",
            "Dadan Hermawan",
            "Neng Siti Nurjanah"
        ]
    ),
    unit!(
        "Balai Besar POM di Semarang",
        "Semarang",
        "WIB",
        6,
        GOOD,
        [
            "Sri Wahyuningsih",
            "Agus Setiawan",
            "Endah Purwaningsih",
            "Joko Susilo"
        ]
    ),
    unit!(
        "Balai Besar POM di Yogyakarta",
        "Yogyakarta",
        "WIB",
        5,
        EXCELLENT,
        [
            "Rahmat Hidayat",
            "Wulan Sari Dewi",
            "Bambang Sutrisno",
            "Galuh Ayu Pratiwi",
            "Yudha Nugroho"
        ]
    ),
    unit!(
        "Balai Besar POM di Surabaya",
        "Surabaya",
        "WIB",
        8,
        GOOD,
        [
            "Moch. Rifa’i",
            "Lilik Suryani",
            "Arief Budiman",
            "Dyah Ayu Kartika",
            "Hadi Santoso"
        ]
    ),
    unit!(
        "Balai Besar POM di Medan",
        "Medan",
        "WIB",
        6,
        AVERAGE,
        [
            "Rosmawati Siregar",
            "Togar Simanjuntak",
            "Hotma Br. Manurung",
            "Irfan Lubis",
            "Desi Sembiring"
        ]
    ),
    unit!(
        "Balai Besar POM di Makassar",
        "Makassar",
        "WITA",
        5,
        AVERAGE,
        [
            "Andi Nurhayati",
            "Muh. Syahrir",
            "Andi Baso Amir",
            "Hasnah Daeng Ngai"
        ]
    ),
    unit!(
        "Balai Besar POM di Denpasar",
        "Denpasar",
        "WITA",
        4,
        GOOD,
        [
            "I Gusti Ayu Ratna Dewi",
            "I Made Suardana",
            "Ni Luh Putu Sukmawati",
            "Komang Adi Wiguna"
        ]
    ),
    unit!(
        "Balai Besar POM di Padang",
        "Padang",
        "WIB",
        4,
        AVERAGE,
        [
            "Yulia Fitri",
            "Zulkifli Chaniago",
            "Rahmi Yuliani",
            "Afdhal Tanjung"
        ]
    ),
    unit!(
        "Balai Besar POM di Palembang",
        "Palembang",
        "WIB",
        4,
        AVERAGE,
        ["M. Rizal Fahlevi", "Yuliana Sari", "Dedi Kurniawan"]
    ),
    unit!(
        "Balai Besar POM di Pekanbaru",
        "Pekanbaru",
        "WIB",
        3,
        GOOD,
        ["Syafrizal", "Nurul Hasanah", "Teguh Firmansyah"]
    ),
    unit!(
        "Balai Besar POM di Banjarmasin",
        "Banjarmasin",
        "WITA",
        3,
        AVERAGE,
        ["Muhammad Noor", "Siti Hairiah", "Ahmad Rizani", "Rusdiana"]
    ),
    unit!(
        "Balai Besar POM di Pontianak",
        "Pontianak",
        "WIB",
        3,
        AVERAGE,
        ["Yohana Sinta", "Hendrikus Antonius", "Nurul Fadilah"]
    ),
    unit!(
        "Balai Besar POM di Samarinda",
        "Samarinda",
        "WITA",
        3,
        GOOD,
        [
            "Rudi Hartono",
            "Fransiska Deviana",
            "Abdul Kadir",
            "Lestari Wulandari"
        ]
    ),
    unit!(
        "Balai Besar POM di Manado",
        "Manado",
        "WITA",
        3,
        AVERAGE,
        [
            "Meity Wowor",
            "Jeffry Rumengan",
            "Stevany Lumentut",
            "Ronald Tumbelaka"
        ]
    ),
    unit!(
        "Balai Besar POM di Mataram",
        "Mataram",
        "WITA",
        3,
        AVERAGE,
        ["Lalu Muhammad Zaini", "Baiq Nurul Aini", "Hairul Anwar"]
    ),
    unit!(
        "Balai Besar POM di Kupang",
        "Kupang",
        "WITA",
        3,
        POOR_SLOW,
        ["Yosef Beda", "Maria Goreti Lake", "Ferdinand Ndun"]
    ),
    unit!(
        "Balai Besar POM di Jayapura",
        "Jayapura",
        "WIT",
        2,
        POOR_SLOW,
        ["Yance Wenda", "Merlin Rumbiak", "Daniel Kambu"]
    ),
    unit!(
        "Balai Besar POM di Ambon",
        "Ambon",
        "WIT",
        2,
        POOR_SLANGY,
        [
            "Marthen Latuheru",
            "Ivone Pattiasina",
            "Rizal Ohorella",
            "Chelsea Tuhumury"
        ]
    ),
    unit!(
        "Balai POM di Serang",
        "Serang",
        "WIB",
        3,
        AVERAGE,
        ["Ujang Suherman", "Ratu Rahmawati", "Eka Saputra"]
    ),
    unit!(
        "Loka POM di Kabupaten Bogor",
        "Cibinong",
        "WIB",
        2,
        POOR_SLANGY,
        ["Dimas Aditya Putra", "Nia Kurniasih", "Ridwan Saputra"]
    ),
];

/// Total of the volume weights.
pub fn total_weight() -> u32 {
    UNITS.iter().map(|u| u.weight).sum()
}

/// Triwulan IV 2025 (the previous period): units whose answer quality differed from their
/// Q1 2026 profile. Medan, Padang and Kupang were weaker and improved into Q1 2026; Ambon and
/// the Bogor Loka were better and slipped. Units not listed keep their own profile.
pub static Q4_2025_PROFILES: [(&str, Profile); 5] = [
    ("Balai Besar POM di Medan", POOR_SLOW),
    ("Balai Besar POM di Kupang", POOR_SLANGY),
    ("Balai Besar POM di Padang", POOR_SLANGY),
    ("Balai Besar POM di Ambon", AVERAGE),
    ("Loka POM di Kabupaten Bogor", GOOD),
];
