//! Bahasa Indonesia text material: commodities, topics, question and answer templates, and
//! the composition rules (greeting, empathy, content, reference, closing, slang).
//!
//! Templates use `{key}` placeholders filled from a [`Ctx`]; `{Key}` (capitalised) inserts
//! the same value with an upper-case first letter. Brands, people, phone numbers and NIKs are
//! invented; registration numbers follow the real patterns but are random digits.

use rand::RngExt;

use crate::units::Unit;

// ---------------------------------------------------------------------------------------------
// Small random helpers (u32 ranges only, so results do not depend on the platform's usize).

pub fn pick<T: Copy, R: RngExt + ?Sized>(rng: &mut R, items: &[T]) -> T {
    debug_assert!(!items.is_empty());
    let i = rng.random_range(0..items.len() as u32) as usize;
    items[i]
}

/// Weighted choice; weights need not be normalised.
pub fn pick_weighted<T: Copy, R: RngExt + ?Sized>(rng: &mut R, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| *w).sum();
    let mut x = rng.random_range(0..total.max(1));
    for (item, w) in items {
        if x < *w {
            return *item;
        }
        x -= *w;
    }
    items[items.len() - 1].0
}

pub fn chance<R: RngExt + ?Sized>(rng: &mut R, p: f64) -> bool {
    rng.random_bool(p.clamp(0.0, 1.0))
}

fn push_digits<R: RngExt + ?Sized>(rng: &mut R, out: &mut String, n: usize) {
    for _ in 0..n {
        out.push(char::from(b'0' + rng.random_range(0..10u8)));
    }
}

fn push_cap(out: &mut String, s: &str) {
    let mut chars = s.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

pub fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

// ---------------------------------------------------------------------------------------------
// Commodities, service types, channels.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Commodity {
    Obat,
    ObatTradisional,
    Kosmetik,
    Suplemen,
    Pangan,
    Nappza,
    Lainnya,
}

impl Commodity {
    /// Value of the `Komoditi` / `Komoditas` column.
    pub fn label(self) -> &'static str {
        match self {
            Commodity::Obat => "Obat",
            Commodity::ObatTradisional => "Obat Tradisional",
            Commodity::Kosmetik => "Kosmetik",
            Commodity::Suplemen => "Suplemen Kesehatan",
            Commodity::Pangan => "Pangan Olahan",
            Commodity::Nappza => "NAPPZA",
            Commodity::Lainnya => "Lainnya",
        }
    }

    /// Noun used inside sentences.
    fn noun(self) -> &'static str {
        match self {
            Commodity::Obat => "obat",
            Commodity::ObatTradisional => "obat tradisional",
            Commodity::Kosmetik => "kosmetik",
            Commodity::Suplemen => "suplemen kesehatan",
            Commodity::Pangan => "pangan olahan",
            Commodity::Nappza => "obat",
            Commodity::Lainnya => "produk",
        }
    }

    fn regkind(self) -> &'static str {
        match self {
            Commodity::Kosmetik => "nomor notifikasi",
            Commodity::Lainnya => "nomor izin edar",
            _ => "nomor izin edar",
        }
    }

    fn products(self) -> &'static [&'static str] {
        match self {
            Commodity::Obat => &[
                "sirup obat batuk",
                "tablet amoksisilin 500 mg",
                "kapsul pereda nyeri",
                "salep kulit",
                "obat tetes mata",
                "tablet penurun panas",
                "obat maag cair",
            ],
            Commodity::ObatTradisional => &[
                "jamu pegal linu",
                "kapsul herbal asam urat",
                "jamu pelangsing",
                "jamu kuat pria",
                "minyak urut",
                "jamu sakit pinggang",
                "kapsul herbal gula darah",
            ],
            Commodity::Kosmetik => &[
                "krim malam",
                "krim pemutih",
                "serum wajah",
                "sabun muka",
                "lip cream",
                "body lotion",
                "bedak padat",
                "sunscreen",
                "toner wajah",
            ],
            Commodity::Suplemen => &[
                "vitamin C 1000 mg",
                "minuman kolagen",
                "suplemen peninggi badan",
                "kapsul minyak ikan",
                "multivitamin anak",
                "suplemen pelangsing",
            ],
            Commodity::Pangan => &[
                "keripik pedas",
                "kopi susu kemasan",
                "biskuit",
                "sosis ayam",
                "mi instan",
                "minuman serbuk",
                "susu UHT",
                "saus sambal",
                "nugget ayam beku",
                "madu",
                "makanan ringan impor",
            ],
            Commodity::Nappza => &[
                "tramadol",
                "triheksifenidil",
                "dekstrometorfan tunggal",
                "pil koplo",
                "alprazolam",
                "karisoprodol",
            ],
            Commodity::Lainnya => &[
                "masker medis",
                "alat tes kehamilan",
                "termometer digital",
                "tisu basah antiseptik",
                "cairan pembersih lantai",
                "popok dewasa",
            ],
        }
    }

    fn brands(self) -> &'static [&'static str] {
        match self {
            Commodity::Obat => &[
                "Batukin", "Amoxa", "Nyerifin", "Dermasol", "Optiklar", "Panasol", "Magasid",
            ],
            Commodity::ObatTradisional => &[
                "Cap Naga Emas",
                "Sehat Sentosa",
                "Tirta Jati",
                "Akar Kuat",
                "Srikandi",
                "Raja Rempah",
            ],
            Commodity::Kosmetik => &[
                "Glow Perfect",
                "Bright Up",
                "Putih Seri",
                "Kinclong Ayu",
                "Rosé Beauté",
                "Dermaglow",
                "Cantik Alami",
                "Mutiara Bening",
                "Crème de Java",
            ],
            Commodity::Suplemen => &[
                "VitaPlus",
                "Kolagena",
                "Tinggi Max",
                "OmegaKu",
                "Nutrikid",
                "SlimFit",
            ],
            Commodity::Pangan => &[
                "Mak Ijah",
                "Kilat",
                "Crunchy Oat",
                "Nikmat Rasa",
                "Seleraku",
                "Segar Jaya",
                "Bu Tini",
                "Hutan Lestari",
            ],
            Commodity::Nappza => &[""],
            Commodity::Lainnya => &["Sehatku", "MediCare Plus", "BersihKilat", "Nyaman"],
        }
    }

    /// A registration number in the pattern cited in answers, plus whether it is well formed.
    fn regno<R: RngExt + ?Sized>(self, rng: &mut R) -> String {
        let mut s = String::with_capacity(24);
        match self {
            Commodity::Kosmetik => {
                s.push_str(pick(rng, &["NA", "NA", "NA", "NB", "NC", "ND", "NE"]));
                push_digits(rng, &mut s, 11);
            }
            Commodity::Obat | Commodity::Nappza => {
                s.push_str(pick(rng, &["DBL", "DKL", "DKL", "GBL", "GKL"]));
                push_digits(rng, &mut s, 10);
                s.push_str("A1");
            }
            Commodity::ObatTradisional => {
                if chance(rng, 0.4) {
                    s.push_str("POM ");
                }
                s.push_str(pick(rng, &["TR", "TR", "TR", "TI", "TL"]));
                push_digits(rng, &mut s, 9);
            }
            Commodity::Suplemen => {
                if chance(rng, 0.4) {
                    s.push_str("POM ");
                }
                s.push_str(pick(rng, &["SD", "SD", "SI", "SL"]));
                push_digits(rng, &mut s, 9);
            }
            Commodity::Pangan => {
                if chance(rng, 0.3) {
                    s.push_str("BPOM RI ");
                }
                s.push_str(pick(rng, &["MD", "MD", "MD", "ML"]));
                if chance(rng, 0.6) {
                    s.push(' ');
                }
                push_digits(rng, &mut s, 12);
            }
            Commodity::Lainnya => {
                s.push_str("AKD ");
                push_digits(rng, &mut s, 11);
            }
        }
        s
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Informasi,
    Pengaduan,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Informasi => "Informasi",
            Kind::Pengaduan => "Pengaduan",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    Telepon,
    Sms,
    Email,
    WhatsApp,
    Twitter,
    Instagram,
    Aplikasi,
    DatangLangsung,
    Surat,
    Website,
    Portal,
    Sp4n,
}

impl Media {
    pub fn label(self) -> &'static str {
        match self {
            Media::Telepon => "Telepon HALOBPOM 1500533",
            Media::Sms => "SMS",
            Media::Email => "Email",
            Media::WhatsApp => "WhatsApp",
            Media::Twitter => "Twitter/X",
            Media::Instagram => "Instagram",
            Media::Aplikasi => "Aplikasi HaloBPOM",
            Media::DatangLangsung => "Datang Langsung",
            Media::Surat => "Surat",
            Media::Website => "Website",
            Media::Portal => "Portal Perlindungan Konsumen",
            Media::Sp4n => "SP4N-LAPOR!",
        }
    }

    /// Only staffed during office hours on working days.
    pub fn office_hours_only(self) -> bool {
        matches!(self, Media::Telepon | Media::DatangLangsung | Media::Surat)
    }

    /// Answered on the spot (the officer records the answer right after the call/visit).
    pub fn immediate(self) -> bool {
        matches!(self, Media::Telepon | Media::DatangLangsung)
    }
}

// ---------------------------------------------------------------------------------------------
// Topics.

pub struct Topic {
    pub key: &'static str,
    pub commodities: &'static [Commodity],
    /// Relative frequency when the commodity fits.
    pub weight: u32,
    /// The question names a specific product: a good answer cites a registration number or
    /// cekbpom.pom.go.id.
    pub product_check: bool,
    pub q_info: &'static [&'static str],
    pub q_complaint: &'static [&'static str],
    /// Third-person summaries written by the officer for phone calls and walk-ins.
    pub summary: &'static [&'static str],
    /// Content slots: one variant of each slot is used, in order.
    pub content_info: &'static [&'static [&'static str]],
    pub content_complaint: &'static [&'static [&'static str]],
    pub refs: &'static [&'static str],
}

impl Topic {
    pub fn questions(&self, kind: Kind) -> &'static [&'static str] {
        match kind {
            Kind::Pengaduan if !self.q_complaint.is_empty() => self.q_complaint,
            Kind::Informasi if !self.q_info.is_empty() => self.q_info,
            _ if self.q_info.is_empty() => self.q_complaint,
            _ => self.q_info,
        }
    }

    fn content(&self, kind: Kind) -> &'static [&'static [&'static str]] {
        match kind {
            Kind::Pengaduan if !self.content_complaint.is_empty() => self.content_complaint,
            _ if self.content_info.is_empty() => self.content_complaint,
            _ => self.content_info,
        }
    }
}

use Commodity::*;

pub static TOPICS: &[Topic] = &[
    Topic {
        key: "cek_registrasi",
        commodities: &[Obat, ObatTradisional, Kosmetik, Suplemen, Pangan],
        weight: 30,
        product_check: true,
        q_info: &[
            "Apakah produk {commodity} merek {brand} dengan {regkind} {regno} sudah terdaftar di BPOM?",
            "Mau tanya, {item} dengan nomor {regno} itu terdaftar di BPOM atau tidak ya? Saya mau beli tapi ragu.",
            "Saya menemukan {item} dijual di toko dekat rumah di {city}. Di kemasannya tertulis {regno}. Apakah nomor tersebut asli dan masih berlaku?",
            "Bagaimana cara mengecek apakah {item} sudah punya izin edar BPOM? Nomor yang tertera {regno}.",
            "Apakah {item} aman digunakan? Nomor di kemasan {regno}, tapi saya cari di internet tidak ketemu.",
            "Saya reseller {product} merek {brand}. Supplier bilang sudah BPOM dengan nomor {regno}. Bagaimana memastikan nomor itu benar?",
        ],
        q_complaint: &[
            "Saya membeli {item} dengan nomor {regno} di {platform}, tapi nomornya tidak ditemukan di cekbpom. Apakah penjual membohongi konsumen? Mohon ditindaklanjuti.",
        ],
        summary: &[
            "legalitas {item} dengan {regkind} {regno}",
            "apakah {item} ({regno}) sudah terdaftar di BPOM",
            "keabsahan {regkind} {regno} pada {item}",
        ],
        content_info: &[
            &["{reg_result}"],
            &["{reg_advice}"],
            &[
                "Sebelum membeli, pastikan kemasan {product} dalam kondisi baik, label lengkap, dan produk belum kedaluwarsa.",
                "Kami sarankan Bapak/Ibu membeli {commodity} di sarana resmi agar mutu dan keamanannya terjamin.",
            ],
        ],
        content_complaint: &[
            &["{reg_result}"],
            &[
                "Informasi mengenai penjual {item} di {platform} akan kami teruskan kepada tim patroli siber untuk ditelusuri.",
                "Laporan Bapak/Ibu terkait penjual di {platform} telah kami teruskan kepada bidang Penindakan untuk ditindaklanjuti.",
            ],
            &["{reg_advice}"],
        ],
        refs: &[
            "Bapak/Ibu dapat memeriksa {regkind} {regno} secara mandiri melalui laman cekbpom.pom.go.id atau aplikasi BPOM Mobile.",
            "Informasi {regkind} {regno} dapat dicek kembali melalui cekbpom.pom.go.id.",
            "Status {regkind} produk dapat dicek di cekbpom.pom.go.id dengan memasukkan nomor {regno} atau nama produk.",
            "Data {regno} dapat Bapak/Ibu cocokkan sendiri di cekbpom.pom.go.id, termasuk nama pendaftar dan kemasan yang disetujui.",
        ],
    },
    Topic {
        key: "produk_palsu",
        commodities: &[Kosmetik, Kosmetik, Obat, Pangan, Suplemen],
        weight: 12,
        product_check: true,
        q_info: &[],
        q_complaint: &[
            "Saya membeli {item} di {platform}, tapi setelah dipakai rasanya berbeda dengan yang biasa saya beli. Kemasannya juga agak beda, nomor {regno}. Apakah ini produk palsu? Mohon ditindaklanjuti.",
            "Mau melaporkan dugaan {product} palsu merek {brand} yang dijual murah sekali di {platform}. Harganya setengah dari harga resmi dan hologramnya tidak ada.",
            "Saya curiga {item} yang saya beli di pasar di {city} palsu. Tulisan di kemasan luntur dan {regkind} {regno} tidak sama dengan produk asli. Bagaimana cara melapor?",
            "Saya beli {item} untuk dijual lagi, tapi pelanggan komplain produknya beda dengan yang asli. Nomor di kemasan {regno}. Mohon BPOM cek apakah barang ini palsu.",
        ],
        summary: &[
            "dugaan {item} palsu yang dibeli melalui {platform}",
            "produk {brand} yang diduga palsu dengan nomor {regno}",
        ],
        content_info: &[],
        content_complaint: &[
            &[
                "Laporan Bapak/Ibu mengenai dugaan {item} palsu sudah kami terima dan kami teruskan kepada bidang Penindakan {unit} untuk ditindaklanjuti.",
                "Kami telah mencatat laporan dugaan pemalsuan {item} tersebut dan akan melakukan penelusuran ke sarana distribusi serta toko di {platform}.",
            ],
            &[
                "Mohon Bapak/Ibu menyimpan sisa produk, kemasan, dan bukti pembelian karena dapat diperlukan dalam proses pemeriksaan.",
                "Apabila memungkinkan, mohon kirimkan foto kemasan depan dan belakang serta tautan toko {platform} tempat {product} dibeli.",
            ],
            &[
                "Untuk sementara kami sarankan {product} tersebut tidak digunakan lagi. Jika timbul keluhan kesehatan, segera periksakan diri ke fasilitas pelayanan kesehatan terdekat.",
                "Kami sarankan Bapak/Ibu membeli {commodity} hanya dari distributor atau toko resmi yang ditunjuk pemilik merek {brand}.",
            ],
        ],
        refs: &[
            "Produk {brand} yang asli terdaftar dengan {regkind} {regno}; keaslian nomor dapat dicek melalui cekbpom.pom.go.id.",
            "Bapak/Ibu dapat mencocokkan data produk asli melalui cekbpom.pom.go.id, termasuk nama pendaftar dan foto kemasan yang disetujui.",
            "Nomor {regno} yang tercantum pada kemasan akan kami cocokkan dengan database registrasi BPOM; Bapak/Ibu juga dapat mengeceknya di cekbpom.pom.go.id.",
        ],
    },
    Topic {
        key: "bko",
        commodities: &[ObatTradisional, ObatTradisional, Suplemen],
        weight: 14,
        product_check: true,
        q_info: &[
            "Apakah {item} dengan nomor {regno} mengandung bahan kimia obat? Efeknya cepat sekali, saya jadi curiga.",
            "Saya lihat berita ada jamu yang mengandung BKO. Apakah {item} termasuk yang ditarik BPOM? Nomor di kemasannya {regno}.",
            "Apakah aman minum {item} setiap hari? Ada yang bilang produk seperti ini dicampur {bko}.",
        ],
        q_complaint: &[
            "Setelah minum {item} badan saya {symptom}. Saya curiga produk ini dicampur bahan kimia obat seperti {bko}. Mohon BPOM memeriksa produk ini.",
            "Ibu saya rutin minum {item} yang dibeli di pasar di {city}, sekarang {symptom}. Nomor di kemasan {regno}. Tolong diperiksa apakah ada BKO-nya.",
        ],
        summary: &[
            "dugaan kandungan bahan kimia obat (BKO) dalam {item}",
            "apakah {item} termasuk produk yang mengandung BKO",
        ],
        content_info: &[
            &[
                "Obat tradisional dan suplemen kesehatan dilarang mengandung bahan kimia obat (BKO) seperti {bko}, karena dapat membahayakan kesehatan apabila dikonsumsi tanpa pengawasan dokter.",
                "Penambahan bahan kimia obat (BKO) seperti {bko} ke dalam {commodity} merupakan pelanggaran, karena efeknya dapat berbahaya terutama bagi penderita penyakit jantung dan ginjal.",
            ],
            &[
                "Terkait {item} yang Bapak/Ibu tanyakan, produk tersebut tidak termasuk dalam daftar temuan BKO terakhir, namun kami tetap akan melakukan pemantauan.",
                "Terkait {item}, kami akan menelusuri produk tersebut dan bila diperlukan melakukan sampling serta pengujian laboratorium.",
            ],
            &[
                "Efek yang terasa sangat cepat dari {commodity} patut diwaspadai. Hentikan penggunaan apabila timbul keluhan dan konsultasikan ke dokter.",
                "Jika setelah mengonsumsi produk timbul keluhan seperti jantung berdebar atau pusing, segera hentikan penggunaan dan konsultasikan ke dokter.",
            ],
        ],
        content_complaint: &[
            &[
                "Kami turut prihatin atas keluhan {symptom} yang dialami setelah mengonsumsi {item}.",
                "Keluhan {symptom} setelah mengonsumsi {item} yang Bapak/Ibu laporkan telah kami catat.",
            ],
            &[
                "Laporan ini akan kami tindak lanjuti dengan penelusuran ke sarana penjual di {city} serta sampling dan pengujian laboratorium untuk mendeteksi kemungkinan kandungan BKO seperti {bko}.",
                "Produk {item} akan kami ambil sebagai sampel untuk diuji di laboratorium {unit} guna memastikan ada tidaknya bahan kimia obat.",
            ],
            &[
                "Sementara menunggu hasil pengujian, mohon produk tidak dikonsumsi lagi dan segera periksakan kondisi kesehatan ke dokter.",
            ],
        ],
        refs: &[
            "Daftar produk yang mengandung BKO dapat dilihat pada public warning di laman resmi BPOM, dan izin edar {regno} dapat dicek melalui cekbpom.pom.go.id.",
            "Persyaratan keamanan obat tradisional diatur dalam Peraturan BPOM Nomor 32 Tahun 2019; status nomor {regno} dapat dicek di cekbpom.pom.go.id.",
            "Izin edar produk dengan nomor {regno} dapat Bapak/Ibu periksa melalui cekbpom.pom.go.id.",
        ],
    },
    Topic {
        key: "efek_samping",
        commodities: &[Obat, Obat, Kosmetik, Kosmetik, ObatTradisional, Suplemen],
        weight: 12,
        product_check: false,
        q_info: &[
            "Saya memakai {item} selama dua minggu, sekarang {symptom}. Apakah itu efek samping? Apa yang harus saya lakukan?",
            "Anak saya minum {item} lalu {symptom}. Apakah ada efek samping dari produk ini?",
            "Mau tanya, efek samping {item} apa saja ya? Setelah pakai saya {symptom}.",
        ],
        q_complaint: &[
            "Saya ingin melaporkan efek samping setelah menggunakan {item}. Saya mengalami {symptom} dan sempat berobat ke puskesmas.",
            "Setelah memakai {item} yang dibeli di {platform}, kulit dan badan saya {symptom}. Saya minta BPOM memeriksa produk ini.",
        ],
        summary: &[
            "efek samping {item} karena mengalami {symptom}",
            "keluhan {symptom} setelah menggunakan {item}",
        ],
        content_info: &[
            &[
                "Keluhan {symptom} yang Bapak/Ibu alami setelah menggunakan {item} dapat merupakan efek samping atau reaksi alergi terhadap salah satu bahan dalam produk.",
                "Reaksi seperti {symptom} setelah penggunaan {item} perlu diperhatikan karena dapat merupakan efek samping produk.",
            ],
            &[
                "Kami sarankan penggunaan {item} dihentikan terlebih dahulu dan Bapak/Ibu segera berkonsultasi dengan dokter atau apoteker dengan membawa kemasan produk.",
                "Sebaiknya {product} tidak digunakan dulu, dan apabila keluhan berlanjut segera periksakan diri ke fasilitas pelayanan kesehatan.",
            ],
            &[
                "Efek samping yang dialami dapat dilaporkan kepada BPOM melalui formulir pelaporan efek samping agar dapat dievaluasi lebih lanjut.",
                "Bapak/Ibu juga dapat membaca informasi efek samping pada brosur atau label yang disertakan dalam kemasan {product}.",
            ],
        ],
        content_complaint: &[
            &[
                "Kami turut prihatin atas keluhan {symptom} yang Bapak/Ibu alami setelah menggunakan {item}.",
            ],
            &[
                "Laporan efek samping ini telah kami catat dan akan kami teruskan kepada tim farmakovigilans BPOM untuk dievaluasi, termasuk penelusuran mutu produk yang beredar.",
                "Laporan Bapak/Ibu akan kami tindak lanjuti dengan pengambilan sampel {item} di sarana peredaran untuk pengujian.",
            ],
            &[
                "Mohon simpan sisa produk dan kemasannya, serta hentikan penggunaan sampai ada saran dari dokter.",
            ],
        ],
        refs: &[
            "Status izin edar {item} dapat dicek melalui cekbpom.pom.go.id.",
            "Bapak/Ibu dapat memastikan nomor {regno} terdaftar melalui cekbpom.pom.go.id.",
        ],
    },
    Topic {
        key: "kedaluwarsa",
        commodities: &[Pangan, Pangan, Pangan, Obat, Suplemen],
        weight: 10,
        product_check: false,
        q_info: &[
            "Apakah {product} yang sudah lewat tanggal 'baik digunakan sebelum' masih boleh dikonsumsi? Di kemasannya tertulis {exp}.",
            "Bedanya tanggal produksi dan tanggal kedaluwarsa di {item} itu apa ya? Tertulis {exp}.",
        ],
        q_complaint: &[
            "Saya membeli {item} di minimarket di {city} dan ternyata sudah kedaluwarsa sejak {exp}. Kok masih dijual? Mohon ditindak.",
            "Tolong min, toko dekat rumah saya di {city} jual {product} kedaluwarsa, tanggalnya {exp}. Saya sudah komplain ke kasir tapi tidak ditanggapi.",
            "Paket bingkisan yang saya terima berisi {item} yang kedaluwarsa {exp}. Bingkisan dibeli dari toko di {city}.",
        ],
        summary: &[
            "{item} kedaluwarsa ({exp}) yang masih dijual di {city}",
            "penjualan {product} yang sudah lewat tanggal kedaluwarsa",
        ],
        content_info: &[
            &[
                "Tanggal yang tercantum setelah tulisan 'Baik digunakan sebelum' menunjukkan batas waktu mutu dan keamanan {product} terjamin apabila disimpan sesuai petunjuk.",
                "{Commodity} yang telah melewati tanggal kedaluwarsa tidak boleh dikonsumsi karena mutu dan keamanannya tidak lagi terjamin.",
            ],
            &[
                "Sebaiknya {product} disimpan di tempat sejuk dan kering, terhindar dari sinar matahari langsung, pada suhu di bawah 30°C.",
                "Perhatikan juga kondisi kemasan; kemasan yang menggembung, bocor, atau berkarat sebaiknya tidak dibeli meskipun belum kedaluwarsa.",
            ],
        ],
        content_complaint: &[
            &[
                "{Commodity} yang telah melewati tanggal kedaluwarsa tidak boleh diedarkan maupun dikonsumsi karena mutu dan keamanannya tidak lagi terjamin.",
            ],
            &[
                "Kami akan meneruskan informasi mengenai toko di {city} tersebut kepada petugas pemeriksaan untuk dilakukan pembinaan terhadap sarana yang menjual {product} kedaluwarsa.",
                "Laporan ini telah kami teruskan kepada bidang Pemeriksaan {unit} untuk dilakukan pemeriksaan ke toko di {city} yang menjual {item} kedaluwarsa.",
            ],
            &[
                "Mohon simpan struk pembelian dan produknya. Bapak/Ibu juga berhak meminta penggantian kepada pihak toko.",
            ],
        ],
        refs: &[
            "Ketentuan pencantuman tanggal kedaluwarsa diatur dalam Peraturan BPOM Nomor 31 Tahun 2018 tentang Label Pangan Olahan.",
            "Hak konsumen atas barang yang aman dijamin dalam Undang-Undang Nomor 8 Tahun 1999 tentang Perlindungan Konsumen.",
        ],
    },
    Topic {
        key: "benda_asing",
        commodities: &[Pangan],
        weight: 8,
        product_check: false,
        q_info: &[],
        q_complaint: &[
            "Saya menemukan {foreign} di dalam {item} yang baru dibuka. Produk dibeli di {city} dan belum kedaluwarsa. Mohon ditindaklanjuti.",
            "Selamat siang, saya mau mengadukan {item}. Di dalamnya ada {foreign}, anak saya sempat memakannya sedikit.",
            "Min, tadi beli {product} merek {brand}, pas dibuka ada {foreign}. Gimana cara lapornya?",
        ],
        summary: &[
            "ditemukannya {foreign} di dalam {item}",
            "keluhan adanya {foreign} pada {product} merek {brand}",
        ],
        content_info: &[],
        content_complaint: &[
            &[
                "Laporan Bapak/Ibu mengenai temuan {foreign} di dalam {item} telah kami terima dan akan kami teruskan kepada produsen serta bidang Pemeriksaan untuk ditelusuri.",
                "Temuan {foreign} pada {item} yang Bapak/Ibu laporkan akan kami tindak lanjuti dengan penelusuran ke produsen dan sarana distribusi.",
            ],
            &[
                "Mohon simpan sampel produk beserta kemasan, kode produksi, dan struk pembelian; petugas kami dapat menghubungi Bapak/Ibu untuk pengambilan sampel.",
            ],
            &[
                "Apabila setelah mengonsumsi produk timbul keluhan seperti mual, muntah, atau diare, segera periksakan diri ke fasilitas kesehatan terdekat.",
                "Apabila anak Bapak/Ibu mengalami keluhan kesehatan, segera bawa ke fasilitas kesehatan terdekat.",
            ],
        ],
        refs: &[
            "Nomor izin edar {regno} yang tercantum pada kemasan akan kami gunakan untuk penelusuran produsen melalui database BPOM.",
            "Penanganan keluhan ini mengacu pada Undang-Undang Nomor 8 Tahun 1999 tentang Perlindungan Konsumen dan ketentuan keamanan pangan yang berlaku.",
        ],
    },
    Topic {
        key: "halal",
        commodities: &[Pangan, Pangan, Kosmetik, Suplemen],
        weight: 6,
        product_check: false,
        q_info: &[
            "Apakah {item} sudah bersertifikat halal? Logo halal di kemasannya kecil sekali.",
            "Mau tanya, apakah BPOM yang mengeluarkan sertifikat halal? Saya ingin memastikan {item} halal.",
            "Saya lihat {item} tidak ada logo halal, padahal ada nomor BPOM {regno}. Apakah tetap boleh dijual?",
        ],
        q_complaint: &[],
        summary: &[
            "status halal {item}",
            "kewenangan sertifikasi halal untuk {product}",
        ],
        content_info: &[
            &[
                "Sertifikasi halal diterbitkan oleh Badan Penyelenggara Jaminan Produk Halal (BPJPH), sedangkan BPOM berwenang menerbitkan izin edar terkait keamanan, mutu, dan gizi {commodity}.",
                "Perlu kami sampaikan bahwa sertifikat halal bukan diterbitkan oleh BPOM, melainkan oleh BPJPH; BPOM mengawasi keamanan, mutu, dan izin edar {commodity}.",
            ],
            &[
                "Status halal {item} dapat Bapak/Ibu periksa melalui laman resmi BPJPH, dan label halal yang dicantumkan pada kemasan wajib sesuai ketentuan.",
                "Untuk memastikan kehalalan {item}, silakan periksa data sertifikat halal pada sistem informasi BPJPH.",
            ],
            &[
                "Jika menemukan produk yang mencantumkan logo halal tanpa sertifikat, Bapak/Ibu dapat melaporkannya kepada BPJPH atau melalui layanan pengaduan kami.",
            ],
        ],
        content_complaint: &[],
        refs: &[
            "Ketentuan jaminan produk halal diatur dalam Undang-Undang Nomor 33 Tahun 2014 tentang Jaminan Produk Halal.",
            "Izin edar {regno} dapat dicek melalui cekbpom.pom.go.id.",
        ],
    },
    Topic {
        key: "beli_daring",
        commodities: &[Obat, Obat, Kosmetik, ObatTradisional],
        weight: 10,
        product_check: false,
        q_info: &[
            "Apakah boleh membeli {product} secara online di {platform}? Di sana dijual bebas tanpa resep.",
            "Saya mau beli {item} lewat {platform}, apakah aman? Bagaimana membedakan toko yang resmi?",
            "Kenapa {product} bisa dijual di {platform} padahal katanya harus pakai resep dokter?",
        ],
        q_complaint: &[
            "Saya melaporkan toko di {platform} yang menjual {product} tanpa resep dokter dan tanpa izin. Tautan tokonya bisa saya kirimkan.",
            "Ada akun di {platform} yang jual {item} dengan harga sangat murah dan klaim original. Saya sudah beli tapi barangnya mencurigakan.",
        ],
        summary: &[
            "pembelian {item} secara daring melalui {platform}",
            "penjualan {product} tanpa resep di {platform}",
        ],
        content_info: &[
            &[
                "Pembelian {commodity} secara daring sebaiknya dilakukan melalui apotek atau toko resmi yang jelas alamat dan izinnya; obat keras hanya boleh diberikan dengan resep dokter.",
                "Penjualan {product} secara online hanya boleh dilakukan oleh sarana yang memiliki izin, dan untuk obat keras tetap wajib menggunakan resep dokter.",
            ],
            &[
                "Waspadai produk yang dijual jauh lebih murah dari harga umum, tidak mencantumkan izin edar, atau menjanjikan khasiat berlebihan.",
                "Pilih toko di {platform} yang merupakan toko resmi dan periksa ulasan serta kelengkapan label {product} sebelum membeli.",
            ],
        ],
        content_complaint: &[
            &[
                "Informasi mengenai toko di {platform} yang menjual {product} sangat membantu pengawasan kami.",
                "Laporan Bapak/Ibu mengenai penjualan {item} di {platform} telah kami terima.",
            ],
            &[
                "Kami akan meneruskan informasi toko di {platform} tersebut kepada tim patroli siber BPOM untuk dilakukan penelusuran dan, bila terbukti melanggar, pengajuan penurunan tautan (takedown).",
                "Akun penjual tersebut akan kami telusuri bersama pengelola {platform} dan, bila terbukti melanggar, tautannya akan diajukan untuk diturunkan.",
            ],
            &[
                "Mohon kirimkan tautan toko dan tangkapan layar produk agar penelusuran dapat dilakukan lebih cepat.",
            ],
        ],
        refs: &[
            "Ketentuan peredaran secara daring diatur dalam Peraturan BPOM Nomor 8 Tahun 2020 tentang Pengawasan Obat dan Makanan yang Diedarkan secara Daring.",
            "Sebelum membeli, cek izin edar produk melalui cekbpom.pom.go.id.",
        ],
    },
    Topic {
        key: "izin_pirt",
        commodities: &[Pangan],
        weight: 8,
        product_check: false,
        q_info: &[
            "Saya punya usaha rumahan {product} di {city}. Untuk izin edar, saya harus mengurus SPP-IRT atau MD BPOM?",
            "Bagaimana cara mendaftarkan {product} produksi rumah tangga supaya bisa masuk minimarket? Apakah cukup P-IRT?",
            "Usaha {product} saya masih kecil. Apa bedanya izin P-IRT dengan izin MD dari BPOM?",
        ],
        q_complaint: &[],
        summary: &[
            "perizinan usaha rumahan {product} (SPP-IRT atau MD)",
            "cara mendaftarkan {product} produksi rumah tangga",
        ],
        content_info: &[
            &[
                "Untuk pangan olahan yang diproduksi oleh usaha rumah tangga dengan risiko rendah, izin yang diperlukan adalah Sertifikat Produksi Pangan Industri Rumah Tangga (SPP-IRT) yang diterbitkan oleh Bupati/Wali Kota melalui sistem OSS.",
                "Usaha rumahan {product} dapat mengajukan SPP-IRT melalui sistem OSS; sertifikat tersebut diterbitkan oleh pemerintah kabupaten/kota, bukan oleh BPOM.",
            ],
            &[
                "Izin edar MD dari BPOM diperlukan apabila {product} termasuk pangan yang tidak dapat diproduksi IRTP, misalnya produk yang harus disimpan beku, pangan steril komersial, atau susu dan hasil olahannya.",
                "Apabila {product} ingin dipasarkan lebih luas atau termasuk pangan berisiko tinggi, usaha perlu memiliki izin edar MD dari BPOM.",
            ],
            &[
                "Untuk izin edar MD, sarana produksi harus memenuhi Cara Produksi Pangan Olahan yang Baik (CPPOB) dan pendaftaran dilakukan melalui e-registration BPOM.",
            ],
        ],
        content_complaint: &[],
        refs: &[
            "Ketentuan SPP-IRT diatur dalam Peraturan BPOM Nomor 22 Tahun 2018 tentang Pedoman Pemberian Sertifikat Produksi Pangan Industri Rumah Tangga.",
            "Produk yang sudah terdaftar akan memiliki nomor izin edar berformat MD (produksi dalam negeri) atau ML (impor) diikuti 12 digit angka, seperti {regno}.",
        ],
    },
    Topic {
        key: "notifikasi_kosmetik",
        commodities: &[Kosmetik],
        weight: 5,
        product_check: false,
        q_info: &[
            "Bagaimana cara mengurus notifikasi kosmetik untuk {product} buatan sendiri? Saya mau jual online.",
            "Saya ingin membuat {product} dengan merek sendiri ({brand}) lewat maklon. Siapa yang harus mengurus notifikasinya?",
        ],
        q_complaint: &[],
        summary: &["cara mengurus notifikasi {product} merek {brand}"],
        content_info: &[
            &[
                "Kosmetik yang akan diedarkan di Indonesia wajib dinotifikasi ke BPOM oleh pemohon yang memiliki izin produksi kosmetik atau bekerja sama dengan industri kosmetik yang memiliki izin.",
            ],
            &[
                "Pengajuan notifikasi dilakukan secara daring melalui sistem notifikasi kosmetik BPOM, dan produk yang disetujui akan mendapatkan nomor notifikasi.",
                "Untuk merek {brand} yang diproduksi melalui maklon, notifikasi dapat diajukan oleh pemilik merek yang bekerja sama dengan industri kosmetik pemegang izin produksi.",
            ],
            &[
                "Selama belum memiliki nomor notifikasi, {product} tersebut belum boleh dijual, termasuk melalui toko online.",
            ],
        ],
        content_complaint: &[],
        refs: &[
            "Tata cara pengajuan notifikasi kosmetika diatur dalam Peraturan BPOM Nomor 21 Tahun 2022.",
        ],
    },
    Topic {
        key: "label_pangan",
        commodities: &[Pangan],
        weight: 5,
        product_check: false,
        q_info: &[
            "Saya menemukan {product} impor merek {brand} di {city} yang labelnya tidak berbahasa Indonesia. Apakah itu legal?",
            "Apakah label {item} wajib mencantumkan informasi nilai gizi dan tanggal kedaluwarsa?",
        ],
        q_complaint: &[
            "Di toko oleh-oleh di {city} banyak dijual {product} tanpa label sama sekali, tidak ada komposisi dan tanggal kedaluwarsa. Mohon ditertibkan.",
        ],
        summary: &[
            "kewajiban label pada {item}",
            "{product} tanpa label berbahasa Indonesia di {city}",
        ],
        content_info: &[
            &[
                "Setiap pangan olahan yang diedarkan di Indonesia wajib mencantumkan label berbahasa Indonesia yang memuat sekurang-kurangnya nama produk, daftar bahan, berat bersih, nama dan alamat produsen atau importir, nomor izin edar, serta tanggal kedaluwarsa.",
            ],
            &[
                "{Product} impor yang tidak berlabel bahasa Indonesia kemungkinan tidak melalui jalur resmi, sehingga sebaiknya tidak dibeli.",
                "Untuk produk impor yang legal, nomor izin edarnya diawali dengan kode ML.",
            ],
        ],
        content_complaint: &[
            &[
                "Setiap pangan olahan yang diedarkan wajib berlabel yang memuat komposisi, nama produsen, nomor izin edar, dan tanggal kedaluwarsa.",
            ],
            &[
                "Informasi mengenai toko di {city} tersebut akan kami teruskan kepada bidang Pemeriksaan {unit} untuk dilakukan pemeriksaan sarana dan pembinaan.",
            ],
        ],
        refs: &[
            "Ketentuan label diatur dalam Peraturan BPOM Nomor 31 Tahun 2018 tentang Label Pangan Olahan.",
        ],
    },
    Topic {
        key: "klaim_iklan",
        commodities: &[ObatTradisional, Suplemen, Kosmetik],
        weight: 6,
        product_check: false,
        q_info: &[
            "Apakah benar {item} bisa {claim} seperti di iklannya di {platform}?",
            "Saya lihat iklan {item} yang katanya bisa {claim}. Apakah klaim seperti itu diizinkan BPOM?",
        ],
        q_complaint: &[
            "Mohon ditindak iklan {item} di {platform} yang mengklaim bisa {claim}. Banyak orang yang tertipu.",
        ],
        summary: &["klaim iklan {item} yang disebut bisa {claim}"],
        content_info: &[
            &[
                "{Commodity} tidak diperbolehkan mencantumkan klaim menyembuhkan penyakit; klaim yang disetujui BPOM hanya sebatas membantu memelihara kesehatan atau sesuai kegunaan produk.",
            ],
            &[
                "Klaim bisa {claim} pada iklan {item} termasuk klaim berlebihan yang dapat menyesatkan konsumen.",
            ],
            &[
                "Kami mengimbau Bapak/Ibu tetap berkonsultasi dengan tenaga kesehatan sebelum menggunakan produk untuk tujuan pengobatan.",
            ],
        ],
        content_complaint: &[
            &[
                "Klaim bisa {claim} pada iklan {item} termasuk klaim berlebihan yang tidak sesuai dengan persetujuan BPOM.",
            ],
            &[
                "Informasi iklan di {platform} tersebut akan kami teruskan kepada bidang pengawasan promosi dan iklan untuk ditindaklanjuti, termasuk pengajuan penurunan konten.",
            ],
        ],
        refs: &[
            "Klaim yang disetujui untuk produk terdaftar dapat dilihat pada data produk di cekbpom.pom.go.id.",
        ],
    },
    Topic {
        key: "nappza",
        commodities: &[Nappza],
        weight: 10,
        product_check: false,
        q_info: &[
            "Apakah {product} boleh dibeli di apotek tanpa resep? Saya lihat banyak anak muda memakainya.",
            "Anak saya kedapatan menyimpan banyak tablet {product}. Apakah obat ini termasuk narkotika?",
        ],
        q_complaint: &[
            "Saya ingin melaporkan warung di {city} yang menjual {product} secara bebas kepada remaja. Mohon segera ditindak.",
        ],
        summary: &[
            "penyalahgunaan {product}",
            "penjualan {product} secara bebas di {city}",
        ],
        content_info: &[
            &[
                "{Product} termasuk obat yang rawan disalahgunakan sehingga peredarannya diawasi ketat dan hanya boleh diserahkan oleh apotek dengan resep dokter.",
            ],
            &[
                "Apabila anggota keluarga mengalami ketergantungan, Bapak/Ibu dapat menghubungi fasilitas kesehatan atau Institusi Penerima Wajib Lapor (IPWL) terdekat.",
            ],
        ],
        content_complaint: &[
            &[
                "{Product} termasuk obat yang rawan disalahgunakan dan tidak boleh dijual bebas di warung.",
            ],
            &[
                "Informasi mengenai penjualan {product} di {city} akan kami teruskan kepada bidang Penindakan untuk ditindaklanjuti bersama aparat penegak hukum, dan identitas pelapor kami jaga kerahasiaannya.",
            ],
        ],
        refs: &[
            "Pengelolaan obat-obat tertentu yang sering disalahgunakan diatur dalam Peraturan BPOM Nomor 10 Tahun 2019.",
            "Ketentuan mengenai obat keras dan penyerahannya mengacu pada Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan.",
        ],
    },
    Topic {
        key: "bukan_kewenangan",
        commodities: &[Lainnya],
        weight: 10,
        product_check: false,
        q_info: &[
            "Apakah {product} juga diawasi oleh BPOM? Saya mau cek izin edar {product} merek {brand}.",
            "Saya cari {product} merek {brand} di cekbpom tidak ada. Apakah berarti ilegal?",
        ],
        q_complaint: &[
            "Saya ingin melaporkan {product} merek {brand} yang kualitasnya buruk dan membuat kulit iritasi. Apakah ini wewenang BPOM?",
        ],
        summary: &["izin edar {product} merek {brand}"],
        content_info: &[
            &[
                "{Product} termasuk kategori alat kesehatan atau Perbekalan Kesehatan Rumah Tangga (PKRT) yang pengawasannya menjadi kewenangan Kementerian Kesehatan, bukan BPOM.",
            ],
            &[
                "Izin edar alat kesehatan dan PKRT dapat dicek melalui laman infoalkes Kementerian Kesehatan.",
            ],
            &[
                "Apabila Bapak/Ibu memerlukan informasi lain terkait obat dan makanan, kami siap membantu.",
            ],
        ],
        content_complaint: &[
            &[
                "{Product} termasuk kategori PKRT yang pengawasannya menjadi kewenangan Kementerian Kesehatan, sehingga laporan Bapak/Ibu akan kami teruskan ke instansi tersebut.",
            ],
            &[
                "Bapak/Ibu juga dapat menyampaikan pengaduan langsung kepada Kementerian Kesehatan atau Dinas Kesehatan setempat di {city}.",
            ],
        ],
        refs: &[],
    },
    Topic {
        key: "layanan",
        commodities: &[Lainnya, Pangan, Obat],
        weight: 4,
        product_check: false,
        q_info: &[
            "Apakah BPOM menerima pengujian sampel {product} dari masyarakat? Berapa biayanya?",
            "Jam berapa layanan pengaduan di {unit} buka? Saya ingin datang langsung untuk konsultasi soal {product}.",
        ],
        q_complaint: &[
            "Saya sudah tiga hari mencoba menghubungi HALOBPOM 1500533 tapi tidak tersambung. Pertanyaan saya soal {product} belum dijawab.",
            "Pengajuan registrasi {product} kami di e-registration sudah lebih dari sebulan belum ada kabar. Mohon kejelasan.",
        ],
        summary: &["layanan {unit} terkait {product}"],
        content_info: &[
            &[
                "Layanan pengaduan dan informasi di {unit} buka Senin–Jumat pukul 08.00–16.00 {tz}, dan Bapak/Ibu juga dapat menghubungi kami melalui WhatsApp atau email.",
                "Pengujian sampel atas permintaan masyarakat dapat dilakukan di laboratorium {unit} dengan tarif sesuai ketentuan Penerimaan Negara Bukan Pajak (PNBP).",
            ],
            &[
                "Mohon membawa sampel {product} dalam kemasan utuh beserta informasi tempat pembelian.",
                "Untuk konsultasi terkait {product}, Bapak/Ibu dapat datang langsung dengan membawa contoh produk atau foto kemasannya.",
            ],
        ],
        content_complaint: &[
            &[
                "Kami mohon maaf atas kendala layanan yang Bapak/Ibu alami; keluhan ini telah kami teruskan kepada unit terkait untuk perbaikan.",
            ],
            &[
                "Pertanyaan Bapak/Ibu terkait {product} telah kami catat dan akan ditindaklanjuti oleh petugas yang menangani.",
            ],
        ],
        refs: &[],
    },
];

// ---------------------------------------------------------------------------------------------
// Per-ticket context.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegOutcome {
    Registered,
    NotRegistered,
    Revoked,
}

const REG_RESULT: &[(RegOutcome, &str)] = &[
    (
        RegOutcome::Registered,
        "Berdasarkan hasil penelusuran kami, {item} terdaftar di BPOM dan izin edarnya masih berlaku.",
    ),
    (
        RegOutcome::Registered,
        "Dapat kami sampaikan bahwa {item} sudah terdaftar di BPOM atas nama pendaftar yang sesuai dengan kemasan.",
    ),
    (
        RegOutcome::NotRegistered,
        "Berdasarkan hasil penelusuran kami, nomor yang tercantum tidak ditemukan dalam database BPOM, sehingga {item} belum terdaftar atau nomor yang dicantumkan tidak sesuai.",
    ),
    (
        RegOutcome::NotRegistered,
        "Kami tidak menemukan data {item} dalam database registrasi BPOM, sehingga produk tersebut tidak dapat dipastikan legalitasnya.",
    ),
    (
        RegOutcome::Revoked,
        "Hasil penelusuran kami menunjukkan izin edar {item} sudah tidak berlaku karena telah habis masa berlakunya atau dibatalkan.",
    ),
];

const REG_ADVICE: &[(RegOutcome, &str)] = &[
    (
        RegOutcome::Registered,
        "Namun, pastikan Bapak/Ibu membeli {product} dari sarana resmi dan kemasan sesuai dengan yang disetujui.",
    ),
    (
        RegOutcome::Registered,
        "Produk tersebut dapat digunakan sesuai petunjuk pada label; tetap perhatikan tanggal kedaluwarsa sebelum membeli.",
    ),
    (
        RegOutcome::NotRegistered,
        "Kami sarankan Bapak/Ibu tidak membeli atau menggunakan {product} tersebut karena keamanan, mutu, dan manfaatnya belum dievaluasi BPOM.",
    ),
    (
        RegOutcome::NotRegistered,
        "Sebaiknya {item} tidak digunakan, dan apabila sudah terlanjur dibeli, simpan bukti pembeliannya untuk keperluan pelaporan.",
    ),
    (
        RegOutcome::Revoked,
        "Produk dengan izin edar yang sudah tidak berlaku tidak boleh diedarkan, sehingga kami sarankan {product} tersebut tidak dibeli.",
    ),
];

const PLATFORMS: &[&str] = &[
    "Shopee",
    "Tokopedia",
    "TikTok Shop",
    "Lazada",
    "Instagram",
    "Facebook Marketplace",
    "WhatsApp grup",
];

const SYMPTOMS: &[&str] = &[
    "gatal dan kemerahan",
    "wajah terasa panas dan mengelupas",
    "mual dan pusing",
    "jantung berdebar",
    "ruam di kulit",
    "diare",
    "sakit kepala terus-menerus",
    "bengkak di bagian mata",
];

const BKO: &[&str] = &[
    "sildenafil",
    "deksametason",
    "fenilbutazon",
    "parasetamol",
    "sibutramin",
    "metampiron",
];

const FOREIGN: &[&str] = &[
    "serangga kecil",
    "potongan plastik",
    "rambut",
    "benda seperti kawat",
    "jamur berwarna hijau",
    "ulat",
];

const CLAIMS: &[&str] = &[
    "menyembuhkan diabetes",
    "menambah tinggi badan 10 cm",
    "menurunkan berat badan 10 kg dalam seminggu",
    "memutihkan kulit dalam 3 hari",
    "menghilangkan flek secara permanen",
    "menyembuhkan asam urat total",
];

const MONTHS: &[&str] = &[
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

pub fn month_name(m: u32) -> &'static str {
    MONTHS[((m.clamp(1, 12)) - 1) as usize]
}

pub struct Ctx {
    pub commodity: Commodity,
    pub product: &'static str,
    pub brand: &'static str,
    pub item: String,
    pub regno: String,
    pub platform: &'static str,
    pub city: &'static str,
    pub unit: &'static str,
    pub tz: &'static str,
    pub symptom: &'static str,
    pub bko: &'static str,
    pub foreign: &'static str,
    pub claim: &'static str,
    pub exp: String,
    pub reg_result: &'static str,
    pub reg_advice: &'static str,
}

impl Ctx {
    pub fn new<R: RngExt + ?Sized>(rng: &mut R, commodity: Commodity, unit: &'static Unit) -> Ctx {
        let product = pick(rng, commodity.products());
        let brand = pick(rng, commodity.brands());
        let item = if brand.is_empty() {
            product.to_string()
        } else if chance(rng, 0.35) {
            format!("{product} merek {brand}")
        } else {
            format!("{product} {brand}")
        };
        let outcome = pick_weighted(
            rng,
            &[
                (RegOutcome::Registered, 60),
                (RegOutcome::NotRegistered, 28),
                (RegOutcome::Revoked, 12),
            ],
        );
        let reg_result = pick_outcome(rng, REG_RESULT, outcome);
        let reg_advice = pick_outcome(rng, REG_ADVICE, outcome);
        let exp = if chance(rng, 0.5) {
            format!(
                "{:02}/{:02}/2025",
                rng.random_range(1..=28u32),
                rng.random_range(1..=12u32)
            )
        } else {
            format!("{} 2025", month_name(rng.random_range(1..=12u32)))
        };
        Ctx {
            commodity,
            product,
            brand,
            item,
            regno: commodity.regno(rng),
            platform: pick(rng, PLATFORMS),
            city: unit.city,
            unit: unit.name,
            tz: unit.tz,
            symptom: pick(rng, SYMPTOMS),
            bko: pick(rng, BKO),
            foreign: pick(rng, FOREIGN),
            claim: pick(rng, CLAIMS),
            exp,
            reg_result,
            reg_advice,
        }
    }

    fn value(&self, key: &str) -> Option<&str> {
        Some(match key {
            "commodity" => self.commodity.noun(),
            "regkind" => self.commodity.regkind(),
            "product" => self.product,
            "brand" => self.brand,
            "item" => &self.item,
            "regno" => &self.regno,
            "platform" => self.platform,
            "city" => self.city,
            "unit" => self.unit,
            "tz" => self.tz,
            "symptom" => self.symptom,
            "bko" => self.bko,
            "foreign" => self.foreign,
            "claim" => self.claim,
            "exp" => &self.exp,
            _ => return None,
        })
    }
}

fn pick_outcome<R: RngExt + ?Sized>(
    rng: &mut R,
    table: &'static [(RegOutcome, &'static str)],
    outcome: RegOutcome,
) -> &'static str {
    let n = table.iter().filter(|(o, _)| *o == outcome).count() as u32;
    let k = rng.random_range(0..n.max(1));
    table
        .iter()
        .filter(|(o, _)| *o == outcome)
        .nth(k as usize)
        .map(|(_, t)| *t)
        .unwrap_or("")
}

/// Expand `{key}` placeholders of `tpl` into `out`.
pub fn fill(out: &mut String, tpl: &str, c: &Ctx) {
    let mut rest = tpl;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let Some(j) = after.find('}') else {
            out.push_str(&rest[i..]);
            return;
        };
        let key = &after[..j];
        match key {
            "reg_result" => fill(out, c.reg_result, c),
            "reg_advice" => fill(out, c.reg_advice, c),
            _ => {
                let lower = key.to_ascii_lowercase();
                let capital = key.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
                match c.value(&lower) {
                    Some(v) if capital => push_cap(out, v),
                    Some(v) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
            }
        }
        rest = &after[j + 1..];
    }
    out.push_str(rest);
}

fn filled(tpl: &str, c: &Ctx) -> String {
    let mut s = String::with_capacity(tpl.len() + 48);
    fill(&mut s, tpl, c);
    s
}

// ---------------------------------------------------------------------------------------------
// Personal data that citizens write into their messages.

const PHONE_PREFIXES: &[&str] = &[
    "0811", "0812", "0813", "0821", "0822", "0852", "0853", "0857", "0858", "0878", "0896", "0881",
];
const FIRST_NAMES: &[&str] = &[
    "rina", "budi", "sari", "agus", "dewi", "yusuf", "intan", "fajar", "putri", "hendra", "lia",
    "bayu", "nadia", "rizal", "maya",
];
const LAST_NAMES: &[&str] = &[
    "wijaya", "santoso", "lestari", "pratama", "hidayat", "siregar", "nugroho", "putra",
];
const MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "gmail.com",
    "yahoo.co.id",
    "yahoo.com",
    "outlook.com",
];
const NIK_REGIONS: &[&str] = &[
    "3171", "3273", "3374", "3471", "3578", "1271", "1371", "1671", "5171", "5271", "5371", "7371",
    "9171", "8171", "6171", "3201", "3672", "6471",
];

pub fn phone<R: RngExt + ?Sized>(rng: &mut R) -> String {
    let prefix = pick(rng, PHONE_PREFIXES);
    let mut a = String::new();
    push_digits(rng, &mut a, 4);
    let mut b = String::new();
    push_digits(rng, &mut b, 4);
    match rng.random_range(0..5u32) {
        0 => format!("{prefix}{a}{b}"),
        1 => format!("+62 {}-{a}-{b}", &prefix[1..]),
        2 => format!("{prefix} {a} {b}"),
        _ => format!("{prefix}-{a}-{b}"),
    }
}

pub fn email<R: RngExt + ?Sized>(rng: &mut R) -> String {
    let first = pick(rng, FIRST_NAMES);
    let last = pick(rng, LAST_NAMES);
    let domain = pick(rng, MAIL_DOMAINS);
    match rng.random_range(0..4u32) {
        0 => format!("{first}.{last}@{domain}"),
        1 => format!("{first}_{last}{}@{domain}", rng.random_range(70..100u32)),
        2 => format!("{first}{}@{domain}", rng.random_range(1..999u32)),
        _ => format!("{}{last}@{domain}", &first[..1]),
    }
}

pub fn nik<R: RngExt + ?Sized>(rng: &mut R) -> String {
    let mut s = String::with_capacity(16);
    s.push_str(pick(rng, NIK_REGIONS));
    s.push_str(&format!("{:02}", rng.random_range(1..30u32)));
    let female = chance(rng, 0.5);
    let day = rng.random_range(1..=28u32) + if female { 40 } else { 0 };
    s.push_str(&format!(
        "{:02}{:02}{:02}",
        day,
        rng.random_range(1..=12u32),
        rng.random_range(60..=99u32) % 100
    ));
    s.push_str(&format!("{:04}", rng.random_range(1..3000u32)));
    s
}

fn citizen_name<R: RngExt + ?Sized>(rng: &mut R) -> String {
    let mut s = String::new();
    push_cap(&mut s, pick(rng, FIRST_NAMES));
    s.push(' ');
    push_cap(&mut s, pick(rng, LAST_NAMES));
    s
}

/// Which personal data a question carries.
#[derive(Debug, Default, Clone)]
pub struct Pii {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub nik: Option<String>,
}

fn pii_sentence(p: &Pii) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(n) = &p.nik {
        parts.push(format!("NIK saya {n}."));
    }
    if let Some(ph) = &p.phone {
        parts.push(format!("Mohon dihubungi di nomor {ph}."));
    }
    if let Some(e) = &p.email {
        parts.push(format!("Balasan bisa dikirim ke email {e}."));
    }
    parts.join(" ")
}

// ---------------------------------------------------------------------------------------------
// Questions.

/// Chat-style wording that does not belong in a letter or an e-mail.
const INFORMAL: &[&str] = &[" min", "Min,", "Tolong min", " ya?", "Gimana", "Mau tanya"];

fn pick_question<R: RngExt + ?Sized>(
    rng: &mut R,
    list: &[&'static str],
    formal: bool,
) -> &'static str {
    let mut q = pick(rng, list);
    let mut tries = 0;
    while formal && tries < 10 && INFORMAL.iter().any(|w| q.contains(w)) {
        q = pick(rng, list);
        tries += 1;
    }
    q
}

/// `prefix` + `core`, lower-casing the first letter of `core` after a comma; no prefix when
/// the message already opens with a greeting or an address ("Selamat siang, …", "Min, …").
fn push_after_prefix(s: &mut String, prefix: &str, core: &str) {
    let opens_itself = ["Selamat", "Min", "Tolong min"]
        .iter()
        .any(|w| core.starts_with(w));
    if prefix.is_empty() || opens_itself {
        s.push_str(core);
        return;
    }
    s.push_str(prefix);
    let mut chars = core.chars();
    match chars.next() {
        Some(first) if prefix.ends_with(", ") => {
            s.extend(first.to_lowercase());
            s.push_str(chars.as_str());
        }
        _ => s.push_str(core),
    }
}

const ORGS: &[&str] = &[
    "PT Sumber Pangan Lestari",
    "Koperasi Wanita Tani Makmur",
    "SMA Negeri 3",
    "Apotek Sehat Sentosa",
    "Yayasan Lembaga Konsumen setempat",
];

/// Text of `Isi Pertanyaan` / `Isi Laporan`.
pub fn question<R: RngExt + ?Sized>(
    rng: &mut R,
    topic: &Topic,
    kind: Kind,
    media: Media,
    c: &Ctx,
    pii: &Pii,
) -> String {
    let pii_text = pii_sentence(pii);
    if media.immediate() {
        // Officer's summary of a call or visit.
        let summary = filled(pick(rng, topic.summary), c);
        let mut s = String::with_capacity(200);
        let who = if media == Media::Telepon {
            "Penelepon"
        } else {
            pick(rng, &["Konsumen datang langsung dan", "Pengunjung"])
        };
        let verb = match kind {
            Kind::Informasi => pick(rng, &["menanyakan", "meminta informasi mengenai"]),
            Kind::Pengaduan => pick(rng, &["mengadukan", "melaporkan"]),
        };
        s.push_str(who);
        s.push(' ');
        s.push_str(verb);
        s.push(' ');
        s.push_str(&summary);
        s.push('.');
        if let Some(ph) = &pii.phone {
            s.push_str(&format!(" No. HP yang dapat dihubungi: {ph}."));
        }
        if let Some(e) = &pii.email {
            s.push_str(&format!(" Email: {e}."));
        }
        if let Some(n) = &pii.nik {
            s.push_str(&format!(" NIK pelapor {n}."));
        }
        return s;
    }
    let formal = matches!(media, Media::Surat | Media::Email | Media::Sp4n);
    let core = filled(pick_question(rng, topic.questions(kind), formal), c);
    let mut s = String::with_capacity(core.len() + 120);
    match media {
        Media::WhatsApp | Media::Instagram => {
            let prefix = pick(
                rng,
                &[
                    "",
                    "Selamat pagi, ",
                    "Halo min, ",
                    "Permisi kak, ",
                    "Assalamualaikum, ",
                    "min mau tanya, ",
                ],
            );
            push_after_prefix(&mut s, prefix, &core);
            if !pii_text.is_empty() {
                s.push(' ');
                s.push_str(&pii_text);
            }
            s.push_str(pick(
                rng,
                &[
                    "",
                    " Terima kasih.",
                    " Mohon infonya 🙏",
                    " Makasih min.",
                    " 🙏🙏",
                ],
            ));
        }
        Media::Twitter => {
            s.push_str("@HaloBPOM1500533 ");
            s.push_str(&core);
            if !pii_text.is_empty() {
                s.push(' ');
                s.push_str(&pii_text);
            }
        }
        Media::Sms => {
            s.push_str(pick(rng, &["", "Slmt siang. ", "Pagi, "]));
            s.push_str(&core);
            if !pii_text.is_empty() {
                s.push(' ');
                s.push_str(&pii_text);
            }
        }
        Media::Email => {
            s.push_str("Dengan hormat,\n\n");
            s.push_str(&core);
            if !pii_text.is_empty() {
                s.push(' ');
                s.push_str(&pii_text);
            }
            s.push_str("\n\nTerima kasih.\nSalam,\n");
            s.push_str(&citizen_name(rng));
        }
        Media::Surat => {
            s.push_str("Dengan hormat, bersama surat ini kami dari ");
            s.push_str(pick(rng, ORGS));
            s.push_str(" di ");
            s.push_str(c.city);
            s.push_str(" bermaksud menyampaikan hal berikut. ");
            s.push_str(&core);
            if !pii_text.is_empty() {
                s.push(' ');
                s.push_str(&pii_text);
            }
            s.push_str(" Atas perhatian Bapak/Ibu kami ucapkan terima kasih.");
        }
        Media::Sp4n => {
            let prefix = pick(rng, &["", "Yth. BPOM, ", "Dengan hormat, "]);
            push_after_prefix(&mut s, prefix, &core);
            if kind == Kind::Pengaduan && !core.contains("ditindak") {
                s.push_str(pick(
                    rng,
                    &[
                        " Saya berharap BPOM segera menindaklanjuti laporan ini.",
                        " Mohon laporan ini ditindaklanjuti agar tidak ada korban lain.",
                        "",
                    ],
                ));
            }
            if !pii_text.is_empty() {
                s.push(' ');
                s.push_str(&pii_text);
            }
        }
        _ => {
            s.push_str(&core);
            if !pii_text.is_empty() {
                s.push(' ');
                s.push_str(&pii_text);
            }
        }
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Answers.

#[derive(Debug, Clone, Copy)]
pub struct AnswerPlan {
    pub greeting: bool,
    pub closing: bool,
    pub reference: bool,
    pub slang: bool,
    pub multiline: bool,
    /// Complaint answers: say how and when the reporter hears about the follow-up.
    pub follow_up: bool,
    /// Fewer sentences (bench mode, to keep rows near 500 bytes).
    pub compact: bool,
    /// A formal letter of 1,500–3,000 characters: paragraphs of general advice added to the
    /// body (the bench export's `long` shape).
    pub long: bool,
    /// SP4N-LAPOR! style (formal letter to the reporter).
    pub lapor: bool,
    /// Answer given by the HALOBPOM contact centre (BPOM pusat).
    pub central: bool,
}

const SHORT_ANSWERS: &[&str] = &[
    "Sudah kami teruskan.",
    "Sudah diteruskan ke bidang terkait.",
    "Baik, terima kasih.",
    "Mohon ditunggu.",
    "Sudah kami catat, nanti dihubungi petugas.",
    "Ok, nanti kami cek.",
    "Produk tersebut tidak terdaftar.",
    "Silakan datang ke kantor kami.",
];

pub fn short_answer<R: RngExt + ?Sized>(rng: &mut R) -> String {
    (pick(rng, SHORT_ANSWERS)).to_string()
}

const FILLERS: &[&str] = &[
    "Selalu ingat “Cek KLIK” (Cek Kemasan, Label, Izin Edar, dan Kedaluwarsa) sebelum membeli atau mengonsumsi {commodity}.",
    "Jadilah konsumen cerdas dan laporkan kepada kami apabila menemukan {commodity} yang mencurigakan.",
    "Informasi lain seputar keamanan obat dan makanan juga kami sampaikan melalui media sosial resmi BPOM.",
];

const EMPATHY_COMPLAINT: &[&str] = &[
    "Kami mohon maaf atas ketidaknyamanan yang Bapak/Ibu alami.",
    "Kami turut prihatin atas kejadian yang Bapak/Ibu alami.",
    "Kami memahami kekhawatiran Bapak/Ibu terkait {item}.",
];

const EMPATHY_INFO: &[&str] = &[
    "Kami mengapresiasi kepedulian Bapak/Ibu terhadap keamanan {commodity}.",
    "Pertanyaan Bapak/Ibu sangat baik untuk memastikan keamanan {commodity} yang digunakan keluarga.",
];

const CLOSINGS: &[&str] = &[
    "Semoga informasi ini bermanfaat. Salam sehat.",
    "Jika masih ada pertanyaan, silakan hubungi kami kembali.",
    "Jika masih ada pertanyaan, silakan hubungi kami kembali pada jam layanan Senin–Jumat pukul 08.00–16.00 {tz}.",
    "Demikian informasi yang dapat kami sampaikan. Terima kasih.",
    "Apabila ada hal lain yang ingin ditanyakan, jangan ragu menghubungi kami kembali. Salam sehat.",
    "Semoga bermanfaat. Salam sehat, {unit}.",
    "Demikian, semoga membantu. Terima kasih atas kepercayaan Bapak/Ibu kepada BPOM.",
];

/// Acknowledgement of a complaint.
const ACKNOWLEDGEMENTS: &[&str] = &[
    "Laporan Bapak/Ibu telah kami terima dan tercatat dalam sistem pengaduan kami.",
    "Pengaduan Bapak/Ibu sudah kami terima.",
    "Laporan tersebut telah kami terima dan sedang kami proses.",
];

/// Follow-up statements for complaint answers (each names a time frame or how to monitor).
const FOLLOW_UPS: &[&str] = &[
    "Perkembangan tindak lanjut akan kami informasikan kepada Bapak/Ibu paling lambat 14 hari kerja.",
    "Hasil tindak lanjut akan kami informasikan kepada Bapak/Ibu setelah pemeriksaan selesai.",
    "Petugas kami akan menghubungi Bapak/Ibu kembali dalam 10 hari kerja untuk menyampaikan hasil penelusuran.",
    "Bapak/Ibu dapat memantau perkembangan laporan ini dengan menyebutkan nomor tiket pengaduan kepada petugas kami.",
];

/// Bench mode keeps rows near 500 bytes.
const CLOSINGS_SHORT: &[&str] = &[
    "Salam sehat.",
    "Semoga bermanfaat. Salam sehat.",
    "Semoga informasi ini bermanfaat.",
];

const CLOSINGS_LAPOR: &[&str] = &[
    "Demikian tanggapan kami, semoga bermanfaat. Terima kasih atas partisipasi Bapak/Ibu dalam pengawasan Obat dan Makanan.",
    "Demikian kami sampaikan, semoga bermanfaat. Salam sehat.",
    "Perkembangan tindak lanjut akan kami sampaikan melalui kanal SP4N-LAPOR! ini. Terima kasih.",
];

fn time_of_day(hour: u32) -> &'static str {
    match hour {
        0..=10 => "pagi",
        11..=14 => "siang",
        15..=17 => "sore",
        _ => "malam",
    }
}

fn greeting<R: RngExt + ?Sized>(
    rng: &mut R,
    kind: Kind,
    plan: &AnswerPlan,
    c: &Ctx,
    hour: u32,
) -> String {
    let tod = time_of_day(hour);
    if plan.compact {
        return pick(
            rng,
            &[
                "Selamat {tod} Bapak/Ibu.",
                "Halo Bapak/Ibu, selamat {tod}.",
                "Terima kasih telah menghubungi ULPK BPOM.",
            ],
        )
        .replace("{tod}", tod);
    }
    if plan.lapor {
        return (pick(
            rng,
            &[
                "Yth. Pelapor, terima kasih atas laporan yang Bapak/Ibu sampaikan melalui SP4N-LAPOR! kepada Badan POM.",
                "Yth. Bapak/Ibu Pelapor. Terima kasih atas laporan Bapak/Ibu melalui aplikasi SP4N-LAPOR! kepada Badan POM.",
                "Selamat {tod} Bapak/Ibu Pelapor. Terima kasih telah menyampaikan laporan melalui SP4N-LAPOR! kepada kami.",
            ],
        ))
        .replace("{tod}", tod);
    }
    let thanks: String = match rng.random_range(0..4u32) {
        0 if plan.central => "Terima kasih telah menghubungi HALOBPOM 1500533".to_string(),
        0 | 1 => "Terima kasih telah menghubungi ULPK BPOM".to_string(),
        2 if c.unit.starts_with("ULPK") => format!("Terima kasih telah menghubungi {}", c.unit),
        2 => format!("Terima kasih telah menghubungi ULPK {}", c.unit),
        _ => match kind {
            Kind::Informasi => "Terima kasih atas pertanyaan yang Bapak/Ibu sampaikan".to_string(),
            Kind::Pengaduan => "Terima kasih atas laporan yang Bapak/Ibu sampaikan".to_string(),
        },
    };
    match rng.random_range(0..6u32) {
        0 => format!("Selamat {tod} Bapak/Ibu. {thanks}."),
        1 => format!("Selamat {tod}, Bapak/Ibu yang kami hormati. {thanks}."),
        2 => format!("Halo, selamat {tod} Bapak/Ibu. {thanks}."),
        3 => format!("{thanks}, selamat {tod} Bapak/Ibu."),
        4 => format!(
            "Assalamualaikum warahmatullahi wabarakatuh. Selamat {tod} Bapak/Ibu. {thanks}."
        ),
        _ => {
            let mut t = thanks;
            if let Some(first) = t.get_mut(0..1) {
                first.make_ascii_lowercase();
            }
            format!("Yth. Bapak/Ibu, {t}.")
        }
    }
}

/// Paragraphs of a formal letter's body that hold no greeting, courtesy, reference,
/// follow-up, closing or non-standard word, so that the answer's checks keep the verdicts
/// its plan gave it.
const LETTER_PARAGRAPHS: &[&str] = &[
    "Sebagai informasi, Badan POM mengawasi {commodity} secara menyeluruh, mulai dari evaluasi sebelum produk beredar sampai pengawasan setelah produk beredar di pasaran, termasuk pengawasan sarana produksi dan distribusi di wilayah kerja {unit}.",
    "Masyarakat diimbau untuk selalu membaca informasi pada kemasan dan label {commodity} sebelum membeli, antara lain nama produk, komposisi, nama dan alamat produsen atau importir, nomor izin edar, serta tanggal kedaluwarsa.",
    "Produk yang kemasannya rusak, penyok, menggembung, bocor, atau berubah warna dan bau sebaiknya tidak digunakan walaupun belum melewati tanggal kedaluwarsa yang tercantum pada label.",
    "Pembelian {commodity} secara daring sebaiknya dilakukan melalui toko resmi atau penjual yang jelas identitasnya. Waspadai harga yang jauh di bawah harga pasar dan klaim berlebihan yang menjanjikan hasil instan.",
    "Badan POM secara berkala melakukan patroli siber terhadap penjualan produk ilegal di platform daring dan bekerja sama dengan pengelola platform agar tautan penjualan yang melanggar tidak lagi dapat diakses oleh masyarakat.",
    "Bila setelah menggunakan produk timbul keluhan kesehatan, hentikan penggunaan produk dan segera periksakan diri ke fasilitas pelayanan kesehatan terdekat dengan membawa kemasan produk yang digunakan.",
    "Mutu {commodity} juga bergantung pada cara penyimpanan. Simpan produk sesuai petunjuk pada label, jauhkan dari sinar matahari langsung, dan perhatikan petunjuk penyimpanan setelah kemasan dibuka.",
    "Informasi mengenai {commodity} yang beredar di media sosial belum tentu benar. Masyarakat diharapkan memastikan kebenaran informasi melalui kanal resmi pemerintah sebelum menyebarluaskannya kepada orang lain.",
    "Badan POM bersama pemerintah daerah dan lintas sektor secara rutin melaksanakan kegiatan komunikasi, informasi, dan edukasi kepada masyarakat serta pelaku usaha di {city} dan sekitarnya agar pemahaman mengenai keamanan {commodity} semakin meningkat.",
    "Pelaku usaha wajib menjamin keamanan, khasiat atau manfaat, dan mutu produk yang diedarkan, serta mencantumkan informasi yang benar dan tidak menyesatkan pada label maupun iklan produknya.",
    "Data pribadi yang Bapak/Ibu sampaikan dalam layanan ini kami jaga kerahasiaannya dan hanya digunakan untuk keperluan layanan informasi dan pengaduan konsumen.",
    "Masyarakat dapat berperan aktif dalam pengawasan dengan tidak membeli produk tanpa label berbahasa Indonesia, produk dengan klaim yang tidak masuk akal, maupun produk yang dijual dengan cara yang tidak wajar.",
    "Dalam melaksanakan tugasnya, Badan POM berpedoman pada prinsip kehati-hatian dan pendekatan berbasis risiko, sehingga produk dengan risiko lebih tinggi mendapat prioritas pengawasan yang lebih besar.",
    "Penggunaan {commodity} sebaiknya sesuai dengan aturan pakai yang tercantum pada kemasan. Penggunaan berlebihan atau tidak sesuai anjuran dapat menimbulkan efek yang tidak diinginkan bagi kesehatan.",
    "Materi edukasi mengenai cara memilih {commodity} yang aman rutin kami sampaikan melalui kegiatan tatap muka di sekolah, pasar, dan kantor kelurahan, maupun melalui kanal media sosial resmi Badan POM.",
    "Pengawasan rutin juga dilakukan di sarana distribusi seperti toko, apotek, toko obat, pasar tradisional, dan pasar modern, sehingga produk yang tidak memenuhi ketentuan dapat segera ditarik dari peredaran.",
    "Anak-anak, ibu hamil, ibu menyusui, dan lanjut usia termasuk kelompok yang lebih rentan, sehingga pemilihan {commodity} untuk mereka perlu dilakukan dengan lebih cermat dan sesuai anjuran tenaga kesehatan.",
    "Produk yang dijual dengan klaim dapat menyembuhkan berbagai penyakit sekaligus, atau yang diiklankan dengan testimoni berlebihan, patut dicurigai karena klaim seperti itu tidak sesuai dengan ketentuan yang berlaku.",
];

/// Adds paragraphs of [`LETTER_PARAGRAPHS`] to the body, none twice, until the answer holds
/// a drawn 1,500 to 3,000 characters (its closing, added later, is short).
fn lengthen<R: RngExt + ?Sized>(rng: &mut R, body: &mut Vec<String>, head: &[String], c: &Ctx) {
    const MAX: usize = 3000;
    let target = rng.random_range(1500..=2800u32) as usize;
    let chars = |parts: &[String]| -> usize { parts.iter().map(|p| p.chars().count() + 1).sum() };
    let mut len = chars(head) + chars(body);
    let mut pool: Vec<&str> = LETTER_PARAGRAPHS.to_vec();
    while len < target && !pool.is_empty() {
        let k = rng.random_range(0..pool.len() as u32) as usize;
        let p = filled(pool.swap_remove(k), c);
        let n = p.chars().count() + 2;
        if len + n > MAX - 120 && len >= 1500 {
            break;
        }
        len += n;
        // Before the last content sentence now and then, as a letter's advice would be.
        let at = if body.len() > 1 && chance(rng, 0.3) {
            body.len() - 1
        } else {
            body.len()
        };
        body.insert(at, p);
    }
}

/// Compose `Jawaban` / `Tanggapan`.
pub fn answer<R: RngExt + ?Sized>(
    rng: &mut R,
    topic: &Topic,
    kind: Kind,
    c: &Ctx,
    plan: &AnswerPlan,
    hour: u32,
) -> String {
    let mut head: Vec<String> = Vec::with_capacity(2);
    if plan.greeting {
        head.push(greeting(rng, kind, plan, c, hour));
    }
    let empathy_p = match kind {
        Kind::Pengaduan => 0.7,
        Kind::Informasi => 0.2,
    };
    if !plan.compact && chance(rng, empathy_p) {
        let pool = match kind {
            Kind::Pengaduan => EMPATHY_COMPLAINT,
            Kind::Informasi => EMPATHY_INFO,
        };
        head.push(filled(pick(rng, pool), c));
    }

    let mut body: Vec<String> = Vec::with_capacity(5);
    let slots = topic.content(kind);
    let n_slots = if plan.compact {
        slots.len().min(1)
    } else {
        slots.len()
    };
    for slot in &slots[..n_slots] {
        body.push(filled(pick(rng, slot), c));
    }
    if plan.reference && !topic.refs.is_empty() {
        let r = filled(pick(rng, topic.refs), c);
        if body.len() > 1 && chance(rng, 0.3) {
            let at = body.len() - 1;
            body.insert(at, r);
        } else {
            body.push(r);
        }
    }
    // A complaint answer acknowledges receipt of the report (unless the content already does).
    if kind == Kind::Pengaduan && !body.iter().any(|b| b.contains("aporan Bapak/Ibu")) {
        body.insert(0, pick(rng, ACKNOWLEDGEMENTS).to_string());
    }
    if kind == Kind::Pengaduan && plan.follow_up {
        body.push(filled(pick(rng, FOLLOW_UPS), c));
    }
    if !plan.compact {
        let mut words: usize = head.iter().chain(body.iter()).map(|s| word_count(s)).sum();
        let mut tries = 0;
        while words < 40 && tries < 3 {
            let f = filled(FILLERS[tries % FILLERS.len()], c);
            words += word_count(&f);
            body.push(f);
            tries += 1;
        }
    }

    if plan.long {
        lengthen(rng, &mut body, &head, c);
    }

    let mut tail = String::new();
    if plan.closing {
        let pool = if plan.compact {
            CLOSINGS_SHORT
        } else if plan.lapor {
            CLOSINGS_LAPOR
        } else {
            CLOSINGS
        };
        let mut closing = pick(rng, pool);
        // Without a follow-up statement the closing must not promise one either.
        while kind == Kind::Pengaduan && !plan.follow_up && closing.contains("erkembangan") {
            closing = pick(rng, pool);
        }
        tail = filled(closing, c);
    }

    let mut out = String::with_capacity(900);
    let (block_sep, par_sep) = if plan.multiline {
        (
            if chance(rng, 0.5) { "\n\n" } else { "\n" },
            if chance(rng, 0.5) { "\n" } else { " " },
        )
    } else {
        (" ", " ")
    };
    let mut first_block = true;
    let mut push_block = |out: &mut String, parts: &[String], sep: &str| {
        if parts.is_empty() {
            return;
        }
        if !first_block {
            out.push_str(block_sep);
        }
        first_block = false;
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(p);
        }
    };
    push_block(&mut out, &head, " ");
    push_block(&mut out, &body, par_sep);
    if !tail.is_empty() {
        push_block(&mut out, std::slice::from_ref(&tail), " ");
    }
    if plan.slang {
        out = slangify(rng, &out);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Slang.

const SLANG: &[(&str, &[&str])] = &[
    ("tidak", &["tdk", "gak", "nggak"]),
    ("sudah", &["udah", "sdh"]),
    ("yang", &["yg"]),
    ("dengan", &["dgn"]),
    ("saja", &["aja"]),
    ("bagaimana", &["gimana"]),
    ("saya", &["sy"]),
    ("karena", &["krn"]),
    ("untuk", &["utk"]),
    ("tersebut", &["tsb"]),
    ("silakan", &["silahkan"]),
    ("apabila", &["kalo"]),
    ("jika", &["kalau", "kalo"]),
    ("sebaiknya", &["mending"]),
    ("hanya", &["cuma"]),
    ("belum", &["blm"]),
];

/// The slang tokens the rubric looks for.
pub const SLANG_MARKERS: &[&str] = &[
    "gak", "udah", "yg", "dgn", "aja", "gimana", "sy", "tdk", "krn",
];

fn slangify<R: RngExt + ?Sized>(rng: &mut R, s: &str) -> String {
    // The opening "Terima kasih telah menghubungi …" stays: it still counts as a greeting.
    let s = s
        .replace("Terima kasih atas", "Makasih atas")
        .replace("terima kasih atas", "makasih atas")
        .replace("Terima kasih.", "Makasih.")
        .replace("Bapak/Ibu", "kak");
    let mut out = String::with_capacity(s.len());
    let mut markers = 0usize;
    let mut start: Option<usize> = None;
    let mut flush = |out: &mut String, w: &str, rng: &mut R| {
        let lower = w.to_lowercase();
        if let Some((_, subs)) = SLANG.iter().find(|(k, _)| *k == lower)
            && chance(rng, 0.85)
        {
            let sub = pick(rng, subs);
            if SLANG_MARKERS.contains(&sub) {
                markers += 1;
            }
            out.push_str(sub);
            return;
        }
        out.push_str(w);
    };
    for (i, ch) in s.char_indices() {
        if ch.is_alphabetic() {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(st) = start.take() {
                flush(&mut out, &s[st..i], rng);
            }
            out.push(ch);
        }
    }
    if let Some(st) = start {
        flush(&mut out, &s[st..], rng);
    }
    if markers < 2 {
        out.push_str(pick(
            rng,
            &[
                " Kalau ada yg mau ditanyain lagi, chat aja ya kak.",
                " Udah gitu aja kak, yg penting jangan beli dulu.",
                " Gimana kak, udah jelas ya?",
            ],
        ));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Topic choice and self-check.

/// Pick a topic that fits the commodity and the service type.
pub fn pick_topic<R: RngExt + ?Sized>(
    rng: &mut R,
    commodity: Commodity,
    kind: Kind,
) -> &'static Topic {
    let mut total = 0u32;
    for t in TOPICS {
        if fits(t, commodity, kind) {
            total += t.weight;
        }
    }
    if total == 0 {
        // Fall back to any topic for the commodity.
        let any: Vec<&'static Topic> = TOPICS
            .iter()
            .filter(|t| t.commodities.contains(&commodity))
            .collect();
        return any[rng.random_range(0..any.len() as u32) as usize];
    }
    let mut x = rng.random_range(0..total);
    for t in TOPICS {
        if fits(t, commodity, kind) {
            if x < t.weight {
                return t;
            }
            x -= t.weight;
        }
    }
    &TOPICS[0]
}

fn fits(t: &Topic, commodity: Commodity, kind: Kind) -> bool {
    t.commodities.contains(&commodity)
        && match kind {
            Kind::Informasi => !t.q_info.is_empty(),
            Kind::Pengaduan => !t.q_complaint.is_empty(),
        }
}

/// Every template must expand fully and every commodity must have a topic for both kinds.
pub fn self_check(c: &Ctx) -> Result<(), String> {
    let mut all: Vec<&str> = Vec::new();
    for t in TOPICS {
        all.extend(t.q_info);
        all.extend(t.q_complaint);
        all.extend(t.summary);
        for slot in t.content_info.iter().chain(t.content_complaint) {
            all.extend(slot.iter());
        }
        all.extend(t.refs);
        for r in t.refs {
            if !(r.contains("cekbpom")
                || r.contains("Peraturan")
                || r.contains("Undang-Undang")
                || r.contains("{regno}"))
            {
                return Err(format!(
                    "reference without citation in topic {}: {r}",
                    t.key
                ));
            }
        }
        for slot in t.content_info.iter().chain(t.content_complaint) {
            for v in slot.iter() {
                let follow_up_words = ["hari kerja", "informasikan", "memantau", "erkembangan"];
                if follow_up_words.iter().any(|w| v.contains(w)) {
                    return Err(format!(
                        "content slot states a follow-up in topic {}: {v}",
                        t.key
                    ));
                }
                if v.contains("cekbpom") || v.contains("Peraturan") || v.contains("{regno}") {
                    return Err(format!(
                        "content slot cites a reference in topic {}: {v}",
                        t.key
                    ));
                }
            }
        }
    }
    all.extend(REG_RESULT.iter().map(|(_, t)| *t));
    all.extend(REG_ADVICE.iter().map(|(_, t)| *t));
    all.extend(FILLERS);
    all.extend(EMPATHY_COMPLAINT);
    all.extend(EMPATHY_INFO);
    all.extend(CLOSINGS);
    all.extend(CLOSINGS_LAPOR);
    all.extend(CLOSINGS_SHORT);
    all.extend(FOLLOW_UPS);
    all.extend(ACKNOWLEDGEMENTS);
    for tpl in all {
        let s = filled(tpl, c);
        if s.contains('{') || s.contains('}') {
            return Err(format!("unexpanded placeholder: {s}"));
        }
    }
    for com in [
        Obat,
        ObatTradisional,
        Kosmetik,
        Suplemen,
        Pangan,
        Nappza,
        Lainnya,
    ] {
        for kind in [Kind::Informasi, Kind::Pengaduan] {
            if !TOPICS.iter().any(|t| fits(t, com, kind)) {
                return Err(format!("no topic for {} / {}", com.label(), kind.label()));
            }
        }
    }
    Ok(())
}
