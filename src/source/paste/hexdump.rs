//! Hex dumps and byte literals, read line by line.
//!
//! Each line is recognised on its own (offset-prefixed dump, strace dump
//! line, quoted string, Python bytes, byte array, plain hex), then lines are
//! grouped into messages: a blank or comment line ends a message, so does an
//! offset that starts again at 0 and a change of format. Offsets are checked
//! against the bytes read so far, and `*` (hexdump/od "same line repeated")
//! is expanded up to the next offset.

use super::escape::decode_quoted;
use super::{Out, PasteFormat, Severity};
use crate::frame::Frame;
use crate::wire::cooked::SllHeader;

/// Largest number of bytes a `*` repeat may add (a guard against a huge
/// offset in a hostile paste).
const MAX_REPEAT_FILL: u64 = 16 << 20;

struct Block {
    start_line: usize,
    format: PasteFormat,
    data: Vec<u8>,
    /// Bytes of the previous data line, for `*` repeats.
    last_line: Vec<u8>,
    /// Line number of a `*` waiting for the next offset.
    repeat_pending: Option<usize>,
    /// Whether 2-byte word order has been warned about in this block.
    warned_words: bool,
    /// Bytes reported missing so far, so one gap is reported once.
    missing: u64,
}

/// One recognised data line.
struct DataLine {
    format: PasteFormat,
    offset: Option<u64>,
    /// The offset token in other bases (octal, decimal), for `od -A o/d`.
    offset_alt: Vec<u64>,
    bytes: Vec<u8>,
    /// A line with an offset and nothing else (end of an od/hexdump dump).
    offset_only: bool,
    /// hexdump/od 2-byte words (host order) were swapped to bytes.
    words_swapped: bool,
    /// strace cut this string (`"...`).
    cut: bool,
}

pub(super) fn parse(lines: &[&str], out: &mut Out) -> PasteFormat {
    let mut cur: Option<Block> = None;
    let mut formats: Vec<PasteFormat> = Vec::new();
    for (idx, raw) in lines.iter().enumerate() {
        let n = idx + 1;
        let t = raw.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with("//") {
            flush(&mut cur, out);
            continue;
        }
        if t == "*" {
            match cur.as_mut() {
                Some(b) if !b.last_line.is_empty() => b.repeat_pending = Some(n),
                _ => out.warn(
                    n,
                    "`*` (repeat the previous line) with no line before it; ignored",
                ),
            }
            continue;
        }
        if t.starts_with("* ") && t.contains("bytes in buffer") {
            // strace's header before each iovec's dump: the buffers of one
            // call follow each other, so they stay one message.
            continue;
        }
        let Some(line) = classify(raw, n, cur.as_ref(), out) else {
            continue;
        };
        if !formats.contains(&line.format) {
            formats.push(line.format);
        }
        add_line(&mut cur, line, n, out);
    }
    flush(&mut cur, out);
    match formats.as_slice() {
        [] => PasteFormat::Empty,
        [one] => *one,
        _ => PasteFormat::Mixed,
    }
}

fn add_line(cur: &mut Option<Block>, line: DataLine, n: usize, out: &mut Out) {
    let standalone = line.format == PasteFormat::StraceString;
    let mut new_block = match cur.as_ref() {
        None => true,
        Some(b) if b.format != line.format => {
            out.warn(
                n,
                format!(
                    "{} after {} (from line {}) with no blank line between; read as a new message",
                    line.format.describe(),
                    b.format.describe(),
                    b.start_line
                ),
            );
            true
        }
        Some(_) => standalone,
    };
    if let (Some(off), Some(b)) = (line.offset, cur.as_ref()) {
        if !new_block && off == 0 && !b.data.is_empty() {
            new_block = true;
        }
    }
    if new_block {
        flush(cur, out);
        *cur = Some(Block {
            start_line: n,
            format: line.format,
            data: Vec::new(),
            last_line: Vec::new(),
            repeat_pending: None,
            warned_words: false,
            missing: 0,
        });
    }
    let Some(b) = cur.as_mut() else { return };
    if let Some(off) = line.offset {
        check_offset(b, off, &line.offset_alt, n, out);
    }
    if line.words_swapped && !b.warned_words {
        b.warned_words = true;
        out.warn(
            n,
            "2-byte groups after a plain offset look like `hexdump`/`od -t x2` words, which print in the \
             dumping machine's byte order; read as little-endian words. `hexdump -C` or `od -t x1` avoid the guess",
        );
    }
    if line.cut {
        out.warn(
            n,
            format!(
                "strace cut this string (`\"...`): only its first {} bytes are here; `strace -s 65536` shows all",
                line.bytes.len()
            ),
        );
    }
    if line.offset_only {
        return;
    }
    b.data.extend_from_slice(&line.bytes);
    b.last_line = line.bytes;
    if standalone {
        flush(cur, out);
    }
}

fn check_offset(b: &mut Block, off: u64, alt: &[u64], n: usize, out: &mut Out) {
    let have = b.data.len() as u64 + b.missing;
    if let Some(star) = b.repeat_pending.take() {
        if off > have {
            let fill = off - have;
            if fill > MAX_REPEAT_FILL {
                out.error(
                    star,
                    format!("`*` would repeat {fill} bytes up to offset {off:#x} (line {n}); not expanded"),
                );
                return;
            }
            let mut left = fill as usize;
            while left > 0 && !b.last_line.is_empty() {
                let take = left.min(b.last_line.len());
                let chunk = b.last_line.get(..take).unwrap_or(&[]).to_vec();
                b.data.extend_from_slice(&chunk);
                left -= take;
            }
            if fill % (b.last_line.len().max(1) as u64) != 0 {
                out.warn(
                    n,
                    format!("offset {off:#x} is not a whole number of repeated lines after `*` at line {star}"),
                );
            }
            return;
        }
    }
    // od's default offsets are octal (`-A o`) and `-A d` decimal; the other
    // tools always print hex.
    let od_like = matches!(b.format, PasteFormat::Od | PasteFormat::OffsetHex);
    if off == have || (od_like && alt.contains(&have)) {
        return;
    }
    if off > have {
        b.missing += off - have;
        out.error(
            n,
            format!(
                "offset {off:#x} but {have:#x} bytes so far: {} bytes are missing before this line",
                off - have
            ),
        );
    } else {
        out.warn(
            n,
            format!("offset {off:#x} goes back (already {have:#x} bytes); the bytes are appended anyway"),
        );
    }
}

fn flush(cur: &mut Option<Block>, out: &mut Out) {
    if let Some(b) = cur.take() {
        if let Some(star) = b.repeat_pending {
            out.warn(
                star,
                "`*` at the end of a dump: how often the line repeats is unknown, so it was not repeated",
            );
        }
        if !b.data.is_empty() {
            let (payload_offset, protocol) = cooked_header(&b.data);
            if payload_offset > 0 {
                out.diag(
                    b.start_line,
                    Severity::Note,
                    format!(
                        "the first {payload_offset} bytes are the nlmon/cooked capture header \
                         (ARPHRD_NETLINK, as Wireshark and `tshark -x` print it); \
                         the netlink family comes from it"
                    ),
                );
            }
            out.push(Frame {
                data: b.data,
                payload_offset,
                protocol,
                origin: Some(format!("line {}", b.start_line)),
                ..Frame::default()
            });
        }
    }
}

/// A dump copied from Wireshark or `tshark -x` of an nlmon capture starts
/// with the 16-byte `LINKTYPE_NETLINK` header (packet type, ARPHRD_NETLINK
/// = 824, address, family; big-endian). No netlink message starts that way
/// (its `nlmsg_len` would be over 50 MB), so it is recognised without a
/// hint: returns where the netlink bytes start and the family it names.
fn cooked_header(data: &[u8]) -> (usize, Option<u16>) {
    let Ok(h) = SllHeader::new_checked(data) else {
        return (0, None);
    };
    if h.is_netlink() && h.packet_type() <= 4 && h.addr_len() <= 8 {
        (SllHeader::<&[u8]>::LEN, Some(h.protocol()))
    } else {
        (0, None)
    }
}

fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_hexdigit())
}

/// Bytes of one hex token of even length, in written order.
fn hex_bytes(s: &str) -> Option<Vec<u8>> {
    if !is_hex(s) || s.len() % 2 != 0 {
        return None;
    }
    hex::decode(s).ok()
}

/// Column (1-based, in characters) of byte index `at` of `line`.
fn column(line: &str, at: usize) -> usize {
    line.get(..at).map_or(at, |p| p.chars().count()) + 1
}

/// Whitespace-separated tokens with their byte index in `text`.
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_ascii_whitespace().map(move |t| {
        let at = t.as_ptr() as usize - text.as_ptr() as usize;
        (at, t)
    })
}

fn classify(raw: &str, n: usize, cur: Option<&Block>, out: &mut Out) -> Option<DataLine> {
    let lead = raw.len() - raw.trim_start().len();
    let t = raw.trim();
    let data = |format, bytes| DataLine {
        format,
        offset: None,
        offset_alt: Vec::new(),
        bytes,
        offset_only: false,
        words_swapped: false,
        cut: false,
    };
    if t.starts_with('|') && t.ends_with('|') && t.len() > 1 {
        return strace_dump_line(raw, n, out).map(|(offset, bytes)| DataLine {
            format: PasteFormat::StraceDump,
            offset: Some(offset),
            ..data(PasteFormat::StraceDump, bytes)
        });
    }
    if t.starts_with('"') {
        return match decode_quoted(raw, lead) {
            Ok(q) => {
                let rest = raw.get(q.end..).unwrap_or("").trim();
                if !rest.is_empty() && rest != "," {
                    out.error(n, format!("text after the quoted string ignored: `{rest}`"));
                }
                let mut d = data(PasteFormat::StraceString, q.bytes);
                d.cut = q.cut;
                Some(d)
            }
            Err(e) => {
                out.error(n, format!("column {}: {}", column(raw, e.at), e.message));
                None
            }
        };
    }
    if let Some(bytes) = python_bytes(raw, n, out) {
        return Some(data(PasteFormat::PythonBytes, bytes));
    }
    if let Some(line) = offset_line(raw, n, cur, out) {
        return Some(line);
    }
    plain_line(raw, n, out).map(|(f, b)| data(f, b))
}

/// ` | 00000  28 00 00 00 …  (... |`: fixed columns, so the ASCII column
/// is never read as hex.
pub(super) fn strace_dump_line(raw: &str, n: usize, out: &mut Out) -> Option<(u64, Vec<u8>)> {
    let bar = raw.find('|')?;
    let after = raw.get(bar + 1..)?;
    let off_at = bar + 1 + (after.len() - after.trim_start().len());
    let off_tok = raw.get(off_at..)?.split_ascii_whitespace().next()?;
    let offset = u64::from_str_radix(off_tok, 16)
        .ok()
        .filter(|_| is_hex(off_tok));
    let Some(offset) = offset else {
        out.error(
            n,
            format!("strace dump line without a hex offset: `{}`", raw.trim()),
        );
        return None;
    };
    // offset, two spaces, 16 × "xx " with one extra space after the 8th.
    let area_start = off_at + off_tok.len() + 2;
    let area_end = (area_start + 49).min(raw.len().saturating_sub(1));
    let area = raw.get(area_start..area_end).unwrap_or("");
    let mut bytes = Vec::new();
    for (at, tok) in tokens(area) {
        match hex_bytes(tok).filter(|b| b.len() == 1) {
            Some(b) => bytes.extend(b),
            None => out.error(
                n,
                format!(
                    "column {}: `{tok}` is not a hex byte in a strace dump line",
                    column(raw, area_start + at)
                ),
            ),
        }
    }
    Some((offset, bytes))
}

/// `b'\x28\x00'` (possibly several literals on one line, as in a
/// parenthesised concatenation). None when the line has no bytes literal.
fn python_bytes(raw: &str, n: usize, out: &mut Out) -> Option<Vec<u8>> {
    let b = raw.as_bytes();
    let mut i = 0;
    let mut found = false;
    let mut bytes = Vec::new();
    while i + 1 < b.len() {
        let prefix_ok = i == 0
            || !b
                .get(i - 1)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_');
        if prefix_ok
            && matches!(b.get(i), Some(b'b' | b'B'))
            && matches!(b.get(i + 1), Some(b'\'' | b'"'))
        {
            found = true;
            match decode_quoted(raw, i + 1) {
                Ok(q) => {
                    bytes.extend(q.bytes);
                    i = q.end;
                }
                Err(e) => {
                    out.error(n, format!("column {}: {}", column(raw, e.at), e.message));
                    return Some(bytes);
                }
            }
            continue;
        }
        i += 1;
    }
    found.then_some(bytes)
}

fn offset_line(raw: &str, n: usize, cur: Option<&Block>, out: &mut Out) -> Option<DataLine> {
    let mut toks = tokens(raw);
    let (at0, tok0) = toks.next()?;
    let colon = tok0.ends_with(':');
    let digits = tok0.trim_end_matches(':');
    if !is_hex(digits) || digits.len() < 4 || digits.len() > 16 {
        return None;
    }
    let value = u64::from_str_radix(digits, 16).ok()?;
    let rest_at = at0 + tok0.len();
    let rest = raw.get(rest_at..).unwrap_or("");
    let gap = rest.len() - rest.trim_start().len();
    let more = !rest.trim().is_empty();
    let offset_block = cur.is_some_and(|b| {
        matches!(
            b.format,
            PasteFormat::Xxd
                | PasteFormat::HexdumpC
                | PasteFormat::Od
                | PasteFormat::Wireshark
                | PasteFormat::OffsetHex
        )
    });
    // In a dump with offsets, a lone token is its closing offset.
    let in_offset_block = offset_block
        && (!more
            || cur.is_some_and(|b| {
                b.data.len() as u64 == value
                    || b.repeat_pending.is_some()
                    || alt_bases(digits).contains(&(b.data.len() as u64))
            }));
    if !(colon || value == 0 || in_offset_block || (more && gap >= 2 && digits.len() >= 6)) {
        return None;
    }
    let rest_trim_end = rest.trim_end();
    let (format, area_end) = if colon {
        (
            PasteFormat::Xxd,
            rest.find("  ")
                .map(|g| {
                    // the hex area starts after the single space following `:`
                    let first = rest.len() - rest.trim_start().len();
                    if g < first {
                        rest.get(first..)
                            .and_then(|r| r.find("  "))
                            .map_or(rest.len(), |x| x + first)
                    } else {
                        g
                    }
                })
                .unwrap_or(rest.len()),
        )
    } else if let Some(p) = rest.find('|') {
        (PasteFormat::HexdumpC, p)
    } else if rest_trim_end.ends_with('<') && rest.contains('>') {
        (PasteFormat::Od, rest.find('>').unwrap_or(rest.len()))
    } else if digits.len() == 4 && gap >= 2 {
        let first = gap;
        let end = rest
            .get(first..)
            .and_then(|r| r.find("   "))
            .map_or(rest.len(), |x| x + first);
        (PasteFormat::Wireshark, end)
    } else {
        let first = gap;
        let end = rest
            .get(first..)
            .and_then(|r| r.find("   "))
            .map_or(rest.len(), |x| x + first);
        (PasteFormat::OffsetHex, end)
    };
    let area = rest.get(..area_end).unwrap_or("");
    let mut bytes = Vec::new();
    let mut words = 0usize;
    let mut groups = 0usize;
    for (at, tok) in tokens(area) {
        groups += 1;
        match hex_bytes(tok).filter(|b| b.len() <= 8) {
            Some(b) => {
                if b.len() == 2 {
                    words += 1;
                }
                bytes.extend(b);
            }
            None => out.error(
                n,
                format!(
                    "column {}: `{tok}` is not a group of hex bytes ({}); ignored",
                    column(raw, rest_at + at),
                    if is_hex(tok) {
                        "odd number of digits"
                    } else {
                        "not hex"
                    }
                ),
            ),
        }
    }
    let words_swapped = format == PasteFormat::OffsetHex && groups > 0 && words == groups;
    if words_swapped {
        for pair in bytes.chunks_exact_mut(2) {
            pair.swap(0, 1);
        }
    }
    let offset_only = groups == 0;
    if offset_only && !in_offset_block && value == 0 {
        return None;
    }
    Some(DataLine {
        format: if offset_only {
            cur.map_or(format, |b| b.format)
        } else {
            format
        },
        offset: Some(value),
        offset_alt: alt_bases(digits),
        bytes,
        offset_only,
        words_swapped,
        cut: false,
    })
}

/// The offset digits read as octal and decimal, where they are valid.
fn alt_bases(digits: &str) -> Vec<u64> {
    [8, 10]
        .iter()
        .filter_map(|r| u64::from_str_radix(digits, *r).ok())
        .collect()
}

/// Plain hex, `0x` lists, C/Rust arrays (hex or decimal).
fn plain_line(raw: &str, n: usize, out: &mut Out) -> Option<(PasteFormat, Vec<u8>)> {
    // A declaration (`let buf: [u8; 4] = [` / `unsigned char b[] = {`) is
    // syntax, not data: read after the `=`.
    let start = raw.find('=').map_or(0, |e| e + 1);
    let body = raw.get(start..).unwrap_or("");
    // `unsigned int buf_len = 48;` (the line `xxd -i` ends with): a scalar
    // declaration, not bytes.
    let decl = raw.get(..start.saturating_sub(1)).unwrap_or("").trim();
    let value = body.trim().trim_end_matches(';').trim_end();
    let scalar = !value.is_empty()
        && value.len() <= 10
        && (value.bytes().all(|c| c.is_ascii_digit())
            || value
                .strip_prefix("0x")
                .is_some_and(|h| h.bytes().all(|c| c.is_ascii_hexdigit())));
    if start > 0 && decl.contains(|c: char| c.is_ascii_alphabetic()) && scalar {
        out.diag(
            n,
            Severity::Note,
            format!(
                "`{}` declares a single value, not bytes; skipped",
                raw.trim()
            ),
        );
        return None;
    }
    let is_sep = |c: char| c.is_ascii_whitespace() || ",;:[]{}()&".contains(c);
    let mut toks: Vec<(usize, &str)> = Vec::new();
    for part in body.split(is_sep) {
        let at = part.as_ptr() as usize - body.as_ptr() as usize;
        if !part.is_empty() && part != "vec!" && part != "b" {
            toks.push((start + at, part));
        }
    }
    let commas = body.contains(',');
    let has_0x = toks
        .iter()
        .any(|(_, t)| t.starts_with("0x") || t.starts_with("0X"));
    let decimal = !has_0x
        && commas
        && !toks.is_empty()
        && toks.iter().all(|(_, t)| {
            t.bytes().all(|c| c.is_ascii_digit()) && t.parse::<u16>().is_ok_and(|v| v <= 255)
        })
        && toks.iter().any(|(_, t)| t.len() != 2);
    let mut bytes = Vec::new();
    let mut good = 0usize;
    let mut bad: Vec<(usize, &str, &str)> = Vec::new();
    for (at, tok) in &toks {
        let tok_clean = tok.trim_end_matches("u8").trim_end_matches('_');
        if decimal {
            if let Ok(v) = tok_clean.parse::<u8>() {
                bytes.push(v);
                good += 1;
            }
            continue;
        }
        if let Some(h) = tok_clean
            .strip_prefix("0x")
            .or_else(|| tok_clean.strip_prefix("0X"))
        {
            if is_hex(h) && h.len() <= 2 {
                if let Ok(v) = u8::from_str_radix(h, 16) {
                    bytes.push(v);
                    good += 1;
                    continue;
                }
            }
            bad.push((
                *at,
                tok,
                if is_hex(h) {
                    "wider than one byte"
                } else {
                    "not hex"
                },
            ));
            continue;
        }
        if tok.contains("\\x") {
            let mut ok = true;
            for piece in tok.split("\\x").filter(|p| !p.is_empty()) {
                match hex_bytes(piece).filter(|b| b.len() == 1) {
                    Some(b) => bytes.extend(b),
                    None => ok = false,
                }
            }
            if ok {
                good += 1;
            } else {
                bad.push((*at, tok, "not a run of `\\xHH` escapes"));
            }
            continue;
        }
        if is_hex(tok) {
            if tok.len() % 2 == 0 {
                bytes.extend(hex_bytes(tok).unwrap_or_default());
                good += 1;
            } else {
                let keep = tok.get(..tok.len() - 1).unwrap_or("");
                bytes.extend(hex_bytes(keep).unwrap_or_default());
                good += 1;
                out.error(
                    n,
                    format!(
                        "column {}: odd number of hex digits ({}) in `{tok}`; its last digit `{}` was left out",
                        column(raw, *at),
                        tok.len(),
                        tok.get(tok.len() - 1..).unwrap_or("")
                    ),
                );
            }
            continue;
        }
        bad.push((*at, tok, "not hex"));
    }
    if good == 0 {
        if !bad.is_empty() {
            out.error(n, format!("not hex, line ignored: `{}`", raw.trim()));
        }
        return None;
    }
    for (at, tok, why) in bad {
        out.error(
            n,
            format!("column {}: `{tok}` is {why}; ignored", column(raw, at)),
        );
    }
    let format = if decimal || (has_0x && commas) {
        PasteFormat::ByteArray
    } else {
        PasteFormat::PlainHex
    };
    Some((format, bytes))
}
