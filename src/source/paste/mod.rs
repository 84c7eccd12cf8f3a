//! Pasted text: strace logs and strings, hex dumps, byte-array literals.
//!
//! Pure text in, [`Frame`]s out: this module knows text formats, never
//! netlink message layout (a buffer holding several messages stays one
//! frame; the dissector splits it by `nlmsg_len`). Nothing a paste holds is
//! dropped silently: what cannot be read becomes a [`Diagnostic`] naming the
//! line, what is passed over is counted in [`Paste::skipped`].
//!
//! * [`escape`]: C/strace/Python quoted strings.
//! * `strace`: whole strace logs (calls on netlink fds, `-e read/write` dumps).
//! * `hexdump`: xxd, `hexdump -C`, od, Wireshark, plain hex, byte arrays,
//!   bare strace strings and dump lines.

pub mod escape;
mod hexdump;
mod strace;

use crate::frame::Frame;
use crate::source::{Skipped, Source, SourceError};
use std::fmt;

/// How bad a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Something in the paste could not be read; bytes may be missing.
    Error,
    /// Read, but with a guess or a loss worth knowing about.
    Warning,
    /// For information only.
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A message about one line of the paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line number in the paste.
    pub line: usize,
    pub message: String,
    pub severity: Severity,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// What kind of text the paste was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasteFormat {
    /// Nothing but blank lines and comments.
    Empty,
    /// A strace log (syscall lines, maybe with `-e read/write` dumps).
    StraceLog,
    /// Bare strace quoted strings, one buffer a line.
    StraceString,
    /// Bare strace `-e read/write` dump lines (` | 00000  28 00 … |`).
    StraceDump,
    /// `xxd` (`00000000: 2800 0000  (...`).
    Xxd,
    /// `hexdump -C` (`00000000  28 00 …  |(...|`).
    HexdumpC,
    /// `od -A x -t x1z` (`000000 28 00 … >(...<`).
    Od,
    /// Wireshark "Copy as Hex Dump" (`0000   28 00 …   (...`).
    Wireshark,
    /// Other offset-prefixed hex (`od -A x -t x1`, `hexdump` without `-C`).
    OffsetHex,
    /// Hex digits with or without spaces, colons or `0x`.
    PlainHex,
    /// C or Rust byte array (`0x28, 0x00, …` or decimal `[40, 0, …]`).
    ByteArray,
    /// Python bytes literal (`b'\x28\x00…'`).
    PythonBytes,
    /// Several of the above in one paste.
    Mixed,
}

impl PasteFormat {
    /// A short human name, for a note such as "read as xxd output".
    pub fn describe(self) -> &'static str {
        match self {
            PasteFormat::Empty => "nothing",
            PasteFormat::StraceLog => "a strace log",
            PasteFormat::StraceString => "strace quoted strings",
            PasteFormat::StraceDump => "strace -e read/write hex dumps",
            PasteFormat::Xxd => "xxd output",
            PasteFormat::HexdumpC => "hexdump -C output",
            PasteFormat::Od => "od -t x1z output",
            PasteFormat::Wireshark => "a Wireshark hex dump",
            PasteFormat::OffsetHex => "offset-prefixed hex",
            PasteFormat::PlainHex => "plain hex",
            PasteFormat::ByteArray => "a byte array",
            PasteFormat::PythonBytes => "a Python bytes literal",
            PasteFormat::Mixed => "several formats",
        }
    }
}

/// Everything read from one paste.
#[derive(Debug, Clone)]
pub struct Paste {
    /// The buffers, numbered 1.. in paste order.
    pub frames: Vec<Frame>,
    /// Problems and remarks, each naming a line, in line order.
    pub diagnostics: Vec<Diagnostic>,
    /// What the paste was recognised as.
    pub format: PasteFormat,
    /// True when a strace log showed at least one netlink buffer only in
    /// strace's own decoded form (`[{nlmsg_len=…}]`), so its bytes are not
    /// in the paste. A diagnostic says which strace options record them.
    pub strace_decoded_only: bool,
    /// Calls and lines passed over on purpose (failed calls, non-netlink
    /// fds, `MSG_PEEK`), with a reason for each kind.
    pub skipped: Skipped,
}

impl Paste {
    /// Diagnostics of severity [`Severity::Error`].
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }
}

/// Collects frames and diagnostics while a format parser runs.
#[derive(Debug, Default)]
pub(crate) struct Out {
    pub frames: Vec<Frame>,
    pub diagnostics: Vec<Diagnostic>,
    pub skipped: Skipped,
    pub decoded_only: bool,
}

impl Out {
    pub fn diag(&mut self, line: usize, severity: Severity, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            line,
            message: message.into(),
            severity,
        });
    }
    pub fn error(&mut self, line: usize, message: impl Into<String>) {
        self.diag(line, Severity::Error, message);
    }
    pub fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.diag(line, Severity::Warning, message);
    }
    pub fn push(&mut self, mut frame: Frame) {
        frame.number = self.frames.len() as u64 + 1;
        self.frames.push(frame);
    }
}

/// Reads a paste, recognising its format by itself.
///
/// A text with at least one strace syscall line is read as a strace log;
/// anything else line by line as hex dumps, strings and arrays. Lines that
/// start with `#` (or `//`) are comments.
pub fn parse_paste(text: &str) -> Paste {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Out::default();
    let format = if strace::is_strace_log(&lines) {
        strace::parse(&lines, &mut out);
        PasteFormat::StraceLog
    } else {
        hexdump::parse(&lines, &mut out)
    };
    out.diagnostics.sort_by_key(|d| d.line);
    Paste {
        frames: out.frames,
        diagnostics: out.diagnostics,
        format,
        strace_decoded_only: out.decoded_only,
        skipped: out.skipped,
    }
}

/// True when `first_bytes` (the start of a file) look like pasted text
/// rather than a pcap or pcapng capture: no capture magic, no NUL bytes,
/// and printable ASCII, whitespace or UTF-8 throughout.
pub fn looks_like_text(first_bytes: &[u8]) -> bool {
    const MAGICS: [[u8; 4]; 5] = [
        [0xa1, 0xb2, 0xc3, 0xd4],
        [0xd4, 0xc3, 0xb2, 0xa1],
        [0xa1, 0xb2, 0x3c, 0x4d],
        [0x4d, 0x3c, 0xb2, 0xa1],
        [0x0a, 0x0d, 0x0d, 0x0a],
    ];
    if first_bytes.is_empty() || MAGICS.iter().any(|m| first_bytes.starts_with(m)) {
        return false;
    }
    // A UTF-8 sequence may be cut at the end of the sample.
    let valid = match std::str::from_utf8(first_bytes) {
        Ok(s) => s,
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(first_bytes.get(..e.valid_up_to()).unwrap_or(&[])).unwrap_or("")
        }
        Err(_) => return false,
    };
    !valid.is_empty()
        && valid
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{0c}'))
}

/// A [`Source`] over a parsed paste, so a paste reads like a capture.
#[derive(Debug, Clone)]
pub struct PasteSource {
    paste: Paste,
    next: usize,
}

impl PasteSource {
    pub fn new(paste: Paste) -> Self {
        PasteSource { paste, next: 0 }
    }

    /// Parses `text` and wraps the result.
    pub fn from_text(text: &str) -> Self {
        Self::new(parse_paste(text))
    }

    pub fn paste(&self) -> &Paste {
        &self.paste
    }
}

impl Source for PasteSource {
    fn next_frame(&mut self) -> Result<Option<Frame>, SourceError> {
        let f = self.paste.frames.get(self.next).cloned();
        if f.is_some() {
            self.next += 1;
        }
        Ok(f)
    }

    fn skipped(&self) -> &Skipped {
        &self.paste.skipped
    }

    /// The diagnostics, each as `line N: message`.
    fn notes(&self) -> Vec<String> {
        self.paste
            .diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests;
