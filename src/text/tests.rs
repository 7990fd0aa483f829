use super::lexicon::Phrases;
use super::stem::stem;
use super::*;

fn words<'a>(t: &'a Text<'a>) -> Vec<&'a str> {
    t.tokens.iter().map(|t| t.text.as_str()).collect()
}

#[test]
fn a_list_reads_only_the_marks_of_its_own_index() {
    let mut greetings = Phrases::new(&["selamat pagi", "terima* kasih"]).unwrap();
    let mut other = Phrases::new(&["mohon maaf"]).unwrap();
    let (mut mine, mut theirs) = (lexicon::PhraseIndex::new(), lexicon::PhraseIndex::new());
    mine.add(&mut greetings);
    theirs.add(&mut other);
    let raw = "Selamat pagi Kak, terimakasih kasih. Mohon maaf.";
    let hits = |t: &Text| -> Vec<(usize, usize)> {
        t.sentences
            .iter()
            .flat_map(|s| greetings.find_in(t, s))
            .map(|h| (h.first, h.end))
            .collect()
    };
    let plain = Text::new(raw);
    let mut marked = Text::new(raw);
    mine.mark(&mut marked);
    // "selamat" and "terimakasih" may open a greeting; nothing else does.
    let opening: Vec<bool> = marked.starts.iter().map(|m| *m != 0).collect();
    assert_eq!(opening, [true, false, false, true, false, false, false]);
    assert_eq!(hits(&plain), [(0, 2), (3, 5)]);
    assert_eq!(hits(&marked), hits(&plain));
    // Marks of another index say nothing of this list: it scans every token.
    let mut foreign = Text::new(raw);
    theirs.mark(&mut foreign);
    assert_eq!(foreign.starts.iter().filter(|m| **m != 0).count(), 1);
    assert_eq!(hits(&foreign), hits(&plain));
}

#[test]
fn tokens_are_lower_case_with_inner_apostrophes_removed() {
    let t = Text::new("Assalamu'alaikum, Kak! Cek di cekbpom.pom.go.id ya. Sama-sama 0,5 mg.");
    assert_eq!(
        words(&t),
        [
            "assalamualaikum",
            "kak",
            "cek",
            "di",
            "cekbpom.pom.go.id",
            "ya",
            "sama-sama",
            "0",
            "5",
            "mg"
        ]
    );
    assert!(t.tokens[0].capital && !t.tokens[3].capital);
    assert_eq!(t.tokens[0].punct_after, Some(','));
}

#[test]
fn sentences_split_at_stops_and_lines_but_not_abbreviations_or_domains() {
    let t = Text::new("Yth. Bapak Andi,\nTerima kasih. Produk No. 12 aman! Cek cekbpom.pom.go.id.");
    let s: Vec<&str> = t.sentences.iter().map(|s| t.sentence_text(s)).collect();
    assert_eq!(
        s,
        [
            "Yth. Bapak Andi,",
            "Terima kasih.",
            "Produk No. 12 aman!",
            "Cek cekbpom.pom.go.id."
        ]
    );
}

#[test]
fn quoted_customer_text_and_caller_sentences_are_not_the_officers() {
    let t = Text::new(
        "Pesan Kakak \"gak bisa dibuka min\" sudah kami baca. Petugas: \"Selamat siang, Bu.\" \
         Penelepon mengucapkan terima kasih.",
    );
    let own = |w: &str| t.tokens.iter().find(|x| x.text == w).map(|x| x.own);
    assert_eq!(own("gak"), Some(false));
    assert_eq!(own("selamat"), Some(true));
    assert_eq!(own("terima"), Some(false));
    assert_eq!(own("kami"), Some(true));
}

#[test]
fn phrases_match_words_prefixes_and_anchors() {
    let p = Phrases::new(&["selamat pagi", "assalamu*", "^halo,", "bantu lagi$"]).unwrap();
    let t =
        Text::new("Halo Glow Serum dijual. Assalamualaikum Kak. Ada yang bisa kami bantu lagi?");
    let hits: Vec<&str> = t
        .sentences
        .iter()
        .flat_map(|s| p.find_in(&t, s))
        .map(|h| lexicon::hit_text(&t, h))
        .collect();
    // "Halo Glow" is a product name, not "halo," followed by punctuation.
    assert_eq!(hits, ["Assalamualaikum", "bantu lagi"]);
    assert!(Phrases::new(&["*x"]).is_err());
    assert!(Phrases::new(&["  "]).is_err());
}

#[test]
fn any_text_is_analysed_without_panicking() {
    // Curly and unbalanced quotes, emoji, combining marks, lone punctuation, digits.
    for raw in [
        "“Halo” kata “dia”. “",
        "Petugas: “Selamat pagi”. Penelepon: \"gak",
        "👍🏽👍🏽. . . !!! ???",
        "e\u{301}\u{301} café—naïve ‘kak’",
        "\"",
        "",
        "0.5/24/7.pom.go.id@x",
        "Yth.\n\n\n—\u{200b}",
    ] {
        let t = Text::new(raw);
        for s in &t.sentences {
            let _ = t.sentence_text(s);
        }
        for tok in &t.tokens {
            assert!(raw.is_char_boundary(tok.start) && raw.is_char_boundary(tok.end));
        }
        let _ = Text::whole(raw);
    }
}

#[test]
fn stems_meet_at_the_root() {
    for w in ["terdaftar", "mendaftarkan", "pendaftaran", "didaftarkan"] {
        assert_eq!(stem(w), "daftar", "{w}");
    }
    assert_eq!(stem("laporan"), "lapor");
    assert_eq!(stem("penjualan"), "jual");
    assert_eq!(stem("informasi"), "informasi");
    assert_eq!(stem("md224512001234"), "md224512001234");
}

#[test]
fn stretched_words_collapse() {
    assert_eq!(unstretch("yaa").as_deref(), Some("ya"));
    assert_eq!(unstretch("bangettt").as_deref(), Some("banget"));
    assert_eq!(unstretch("kak"), None);
}

#[test]
fn the_dictionary_knows_affixed_forms() {
    let d = dictionary::Dictionary::builtin().unwrap();
    assert!(d.check("dijual") && d.check("silakan") && d.check("kedaluwarsa"));
    assert!(!d.check("silahkan") && !d.check("dirumah"));
}

#[test]
fn word_boundaries_become_ascii() {
    let ascii = ascii_word_boundaries;
    assert_eq!(ascii(r"\b(gak|yg)\b"), r"(?-u:\b)(gak|yg)(?-u:\b)");
    assert_eq!(ascii(r"\Bx"), r"(?-u:\B)x");
    assert_eq!(ascii(r"a\\b"), r"a\\b");
    assert_eq!(ascii(r"\d{12}\s+[\b]"), r"\d{12}\s+[\b]");
    // The named boundaries keep their name inside the group (else `{start}` would be a
    // repetition of the group, a syntax error).
    assert_eq!(
        ascii(r"\b{start}x\b{end}"),
        r"(?-u:\b{start})x(?-u:\b{end})"
    );
    assert_eq!(ascii(r"\<x\>\b{2}"), r"(?-u:\<)x(?-u:\>)(?-u:\b){2}");
}

#[test]
fn punctuation_after_a_word_skips_spaces_but_not_lines() {
    // Spaces, tabs and a non-breaking space are skipped; a line break is the mark itself.
    let t = Text::new("Halo \t, Kak\u{a0}! Produk  \nAman ya ? Oke");
    let marks: Vec<(&str, Option<char>)> = t
        .tokens
        .iter()
        .map(|t| (t.text.as_str(), t.punct_after))
        .collect();
    assert_eq!(
        marks,
        [
            ("halo", Some(',')),
            ("kak", Some('!')),
            ("produk", Some('\n')),
            ("aman", None),
            ("ya", Some('?')),
            ("oke", None),
        ]
    );
}

#[test]
fn a_whole_text_counts_every_word_as_own() {
    // Quoted words and the caller's sentence are not the officer's in an answer, but every
    // word of a question counts; the words and sentences are the same either way.
    let raw = "Penelepon bertanya soal \"krim Glow\". Petugas: \"Produk terdaftar.\" Cek ya.";
    let (answer, question) = (Text::new(raw), Text::whole(raw));
    assert!(answer.tokens.iter().any(|t| !t.own));
    assert!(question.tokens.iter().all(|t| t.own));
    assert_eq!(question.own, (0..question.tokens.len()).collect::<Vec<_>>());
    assert_eq!(words(&answer), words(&question));
    assert_eq!(answer.sentences.len(), question.sentences.len());
    for (a, q) in answer.sentences.iter().zip(&question.sentences) {
        assert_eq!(
            (a.first, a.end, a.start_byte),
            (q.first, q.end, q.start_byte)
        );
        assert_eq!((q.own_first, q.own_end), (q.first, q.end));
    }
}
