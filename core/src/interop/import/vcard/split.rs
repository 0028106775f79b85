//! Cutting an address book into cards on its raw bytes, before anything is decoded: a card runs
//! from `BEGIN:VCARD` to `END:VCARD` or to the next `BEGIN:VCARD`, whichever comes first, so a
//! damaged card never takes its neighbours with it. A line ends with CRLF, LF or a lone CR (old
//! Mac files). Folded lines are unfolded as bytes (a fold may split a multi-byte character),
//! then each card is decoded on its own: UTF-8 when it is, else line by line, Windows-1252 for
//! the lines that are not.

/// How a card ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ending {
    /// With its `END:VCARD`.
    End,
    /// At the next `BEGIN:VCARD`, on this line, without an `END:VCARD` of its own.
    NextBegin(u64),
    /// At the end of the file, without an `END:VCARD`.
    Eof,
}

/// One card's logical lines (unfolded, without BEGIN and END), as bytes.
#[derive(Debug, Clone)]
pub(super) struct RawCard {
    /// The line its `BEGIN:VCARD` is on, counted from 1.
    pub line: u64,
    /// Each unfolded line with the number of the file line it starts on.
    pub lines: Vec<(u64, Vec<u8>)>,
    pub ending: Ending,
}

/// The cards of a file, and the lines outside every card that hold something.
#[derive(Debug, Clone, Default)]
pub(super) struct Split {
    pub cards: Vec<RawCard>,
    pub stray: Vec<u64>,
}

fn is_marker(line: &[u8], marker: &[u8]) -> bool {
    line.trim_ascii_end().eq_ignore_ascii_case(marker)
}

/// The file's lines, whatever ends them: CRLF, LF, or a lone CR (old Mac files).
fn lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(bytes);
    std::iter::from_fn(move || {
        let now = rest?;
        match now.iter().position(|&b| b == b'\n' || b == b'\r') {
            None => {
                rest = None;
                Some(now)
            }
            Some(end) => {
                let crlf = now[end] == b'\r' && now.get(end + 1) == Some(&b'\n');
                rest = Some(&now[end + if crlf { 2 } else { 1 }..]);
                Some(&now[..end])
            }
        }
    })
}

/// Cuts `bytes` into cards.
pub(super) fn split(bytes: &[u8]) -> Split {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut out = Split::default();
    let mut open: Option<RawCard> = None;
    for (i, line) in lines(bytes).enumerate() {
        let number = i as u64 + 1;
        if is_marker(line, b"BEGIN:VCARD") {
            if let Some(mut unfinished) = open.take() {
                unfinished.ending = Ending::NextBegin(number);
                out.cards.push(unfinished);
            }
            open = Some(RawCard {
                line: number,
                lines: Vec::new(),
                ending: Ending::Eof,
            });
            continue;
        }
        let Some(card) = open.as_mut() else {
            if !line.trim_ascii().is_empty() {
                out.stray.push(number);
            }
            continue;
        };
        if is_marker(line, b"END:VCARD") {
            card.ending = Ending::End;
            if let Some(done) = open.take() {
                out.cards.push(done);
            }
            continue;
        }
        match (line.first(), card.lines.last_mut()) {
            // RFC 6350 3.2 and RFC 2425 5.8.1: a line starting with a space or a tab continues
            // the one before, without that first character.
            (Some(b' ' | b'\t'), Some((_, previous))) => previous.extend_from_slice(&line[1..]),
            _ if line.trim_ascii().is_empty() => {}
            _ => card.lines.push((number, line.to_vec())),
        }
    }
    if let Some(cut_off) = open {
        out.cards.push(cut_off);
    }
    out
}

/// A card's text for the vCard parser, with the file lines that were not UTF-8 (read as
/// Windows-1252 instead).
pub(super) fn decode(card: &RawCard) -> (String, Vec<u64>) {
    let mut text = String::from("BEGIN:VCARD\r\n");
    let mut not_utf8 = Vec::new();
    for (number, line) in &card.lines {
        match std::str::from_utf8(line) {
            Ok(line) => text.push_str(line),
            Err(_) => {
                let (line, _, _) = encoding_rs::WINDOWS_1252.decode(line);
                text.push_str(&line);
                not_utf8.push(*number);
            }
        }
        text.push_str("\r\n");
    }
    text.push_str("END:VCARD\r\n");
    (text, not_utf8)
}

/// The value of the card's first `name` property (without a group), trimmed, as written.
pub(super) fn property<'a>(card: &'a RawCard, name: &str) -> Option<(u64, &'a [u8])> {
    card.lines.iter().find_map(|(number, line)| {
        let colon = line.iter().position(|&b| b == b':')?;
        let head = &line[..colon];
        let bare = head.split(|&b| b == b';').next().unwrap_or_default();
        bare.eq_ignore_ascii_case(name.as_bytes())
            .then(|| (*number, line[colon + 1..].trim_ascii()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_ends_at_the_next_begin_and_the_file_end_cuts_the_last_one() {
        let file = b"BEGIN:VCARD\r\nFN:A\r\nBEGIN:VCARD\r\nFN:B\r\nEND:VCARD\r\njunk\r\n\r\nBEGIN:VCARD\nFN:C\n";
        let split = split(file);
        let shape: Vec<(u64, usize, Ending)> = split
            .cards
            .iter()
            .map(|c| (c.line, c.lines.len(), c.ending))
            .collect();
        assert_eq!(
            shape,
            [
                (1, 1, Ending::NextBegin(3)),
                (3, 1, Ending::End),
                (8, 1, Ending::Eof)
            ]
        );
        assert_eq!(split.stray, [6], "the blank line 7 is not worth a word");
    }

    #[test]
    fn folds_are_joined_as_bytes_so_a_split_character_survives() {
        // "é" is C3 A9; the fold falls between its two bytes.
        let file = b"BEGIN:VCARD\r\nFN:Jos\xC3\r\n \xA9 Silva\r\nEND:VCARD\r\n";
        let split = split(file);
        let (text, not_utf8) = decode(&split.cards[0]);
        assert!(text.contains("FN:José Silva\r\n"), "{text}");
        assert!(not_utf8.is_empty());
    }

    #[test]
    fn only_the_lines_that_are_not_utf8_are_read_as_windows_1252() {
        let file = b"BEGIN:VCARD\r\nFN:Jos\xE9\r\nNOTE:S\xC3\xA3o Paulo\r\nEND:VCARD\r\n";
        let (text, not_utf8) = decode(&split(file).cards[0]);
        assert!(text.contains("FN:José\r\n"), "{text}");
        assert!(text.contains("NOTE:São Paulo\r\n"), "{text}");
        assert_eq!(not_utf8, [2]);
    }
}
