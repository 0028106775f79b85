//! Whatever damage sits between the cards of an address book (a card without END:VCARD, lines
//! of garbage bytes, bytes that are not UTF-8, a file cut short, a VERSION that does not exist),
//! exactly the whole cards come in, each exactly as written.
#![allow(clippy::unwrap_used)] // a test, where a panic is the failure report

use allies_core::interop::import::vcard;
use proptest::prelude::*;

/// One piece of an address book.
#[derive(Debug, Clone)]
enum Piece {
    /// A whole card of this version, its name line folded at this byte (0: not folded).
    Card { version: usize, fold: usize },
    /// A card with no END:VCARD (the next BEGIN ends it, or the end of the file).
    MissingEnd,
    /// A whole card of a version no program writes.
    WrongVersion,
    /// Lines of bytes that are not a card, often not UTF-8 either.
    Garbage(Vec<Vec<u8>>),
}

const VERSIONS: [&str; 3] = ["2.1", "3.0", "4.0"];

/// The name of the `i`th whole card: accented, so a wrong encoding shows.
fn name(i: usize) -> String {
    format!("Zoë Åberg-Núñez {i}")
}

fn card(version: &str, name: &str, fold: usize, end: bool) -> Vec<u8> {
    let mut fn_line = format!("FN:{name}").into_bytes();
    if fold > 0 && fold < fn_line.len() {
        // A fold may fall anywhere, even inside a character.
        fn_line.splice(fold..fold, b"\r\n ".iter().copied());
    }
    let mut out = format!("BEGIN:VCARD\r\nVERSION:{version}\r\n").into_bytes();
    out.extend_from_slice(&fn_line);
    out.extend_from_slice(b"\r\nNOTE:Caf\xC3\xA9 \xE2\x80\x94 S\xC3\xA3o Paulo\r\n");
    if end {
        out.extend_from_slice(b"END:VCARD\r\n");
    }
    out
}

fn garbage_line() -> impl Strategy<Value = Vec<u8>> {
    // Any bytes but line breaks, so a line stays a line; it may start with a space and so
    // look like the fold of whatever came before.
    proptest::collection::vec(any::<u8>().prop_filter("one line", |b| *b != b'\n'), 1..40)
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        3 => (0..3usize, 0..30usize).prop_map(|(version, fold)| Piece::Card { version, fold }),
        1 => Just(Piece::MissingEnd),
        1 => Just(Piece::WrongVersion),
        1 => proptest::collection::vec(garbage_line(), 1..4).prop_map(Piece::Garbage),
    ]
}

proptest! {
    #[test]
    fn exactly_the_whole_cards_come_in_whatever_lies_between_them(
        pieces in proptest::collection::vec(piece(), 1..12),
        cut in proptest::option::of(14..60usize),
    ) {
        let mut file = Vec::new();
        let mut wanted = Vec::new();
        let mut damaged_cards = 0;
        for piece in &pieces {
            match piece {
                Piece::Card { version, fold } => {
                    let who = name(wanted.len());
                    file.extend(card(VERSIONS[*version], &who, *fold, true));
                    wanted.push(who);
                }
                Piece::MissingEnd => {
                    file.extend(card("3.0", "Left Out", 0, false));
                    damaged_cards += 1;
                }
                Piece::WrongVersion => {
                    file.extend(card("5.0", "Left Out", 0, true));
                    damaged_cards += 1;
                }
                Piece::Garbage(lines) => {
                    for line in lines {
                        file.extend_from_slice(line);
                        file.extend_from_slice(b"\r\n");
                    }
                }
            }
        }
        if let Some(cut) = cut {
            // The file ends inside one more card, somewhere after its BEGIN line.
            let last = card("4.0", "Cut Short", 0, true);
            file.extend_from_slice(&last[..cut.min(last.len() - b"END:VCARD\r\n".len())]);
            damaged_cards += 1;
        }
        let parsed = match vcard::parse(&file) {
            Ok(parsed) => parsed,
            // A file of nothing but garbage is no address book; that is the one refusal.
            Err(e) => {
                prop_assert!(wanted.is_empty() && damaged_cards == 0, "{e}");
                return Ok(());
            }
        };
        let names: Vec<&str> = parsed.candidates.iter().map(|c| c.person.name.as_str()).collect();
        prop_assert_eq!(&names, &wanted, "exactly the whole cards, in order, names intact");
        for c in &parsed.candidates {
            prop_assert_eq!(c.person.notes.as_str(), "Café — São Paulo");
        }
        prop_assert_eq!(
            parsed.problems.len(),
            damaged_cards,
            "each damaged card is reported once: {:?}",
            parsed.problems
        );
        let mut rows: Vec<u64> = parsed.candidates.iter().map(|c| c.row).collect();
        rows.extend(parsed.problems.iter().map(|p| p.row));
        rows.sort_unstable();
        rows.dedup();
        prop_assert_eq!(rows.len(), wanted.len() + damaged_cards, "each card has its own number");
    }
}
