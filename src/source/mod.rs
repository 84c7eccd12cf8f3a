//! Inputs: everything that turns outside bytes into [`Frame`]s.
//!
//! One file per input kind. Sources know capture formats and link-layer
//! headers, never netlink message layout: they may import `crate::frame` and
//! `crate::wire` (for the cooked header) but nothing from `dissect`,
//! `render` or `spec`.

pub mod paste;
pub mod pcap;

pub use pcap::{looks_like_capture, open_capture, CaptureFormat, CaptureSource};

use crate::frame::Frame;
use std::fmt;

/// Something that yields frames one at a time, streaming.
pub trait Source {
    /// The next frame, `Ok(None)` at a clean end. After an `Err` the source
    /// is finished: frames before it were good, the error says what went wrong
    /// and where.
    fn next_frame(&mut self) -> Result<Option<Frame>, SourceError>;

    /// What was read but not turned into frames (non-netlink packets in a
    /// cooked capture, blocks of other kinds). Never silently dropped: the
    /// caller reports these.
    fn skipped(&self) -> &Skipped {
        &NOTHING_SKIPPED
    }

    /// Free-form notes the source wants the user to see (e.g. "family
    /// guessed"), reported once at the end.
    fn notes(&self) -> Vec<String> {
        Vec::new()
    }
}

static NOTHING_SKIPPED: Skipped = Skipped {
    count: 0,
    reasons: Vec::new(),
};

/// Counts of things a source passed over, with a reason for each kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    pub count: u64,
    /// (reason, how many), in the order first seen.
    pub reasons: Vec<(String, u64)>,
}

impl Skipped {
    pub fn add(&mut self, reason: impl Into<String>) {
        let reason = reason.into();
        self.count += 1;
        if let Some(r) = self.reasons.iter_mut().find(|(r, _)| *r == reason) {
            r.1 += 1;
        } else {
            self.reasons.push((reason, 1));
        }
    }
}

/// Why a source stopped or could not start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    /// The input could not be opened or read at all (exit 2).
    Io(String),
    /// The input is not in a format we read (exit 2).
    Format(String),
    /// The input ended in the middle of a record: frames before were fine
    /// (exit 1 after printing them).
    Truncated { at: u64, what: String },
    /// A record further in is broken beyond recovery (exit 1).
    Corrupt { at: u64, what: String },
}

impl SourceError {
    /// True when nothing could be read at all (usage-level failure, exit 2).
    pub fn is_fatal_input(&self) -> bool {
        matches!(self, SourceError::Io(_) | SourceError::Format(_))
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Io(m) | SourceError::Format(m) => f.write_str(m),
            SourceError::Truncated { at, what } => {
                write!(f, "input ends in the middle of {what} (at byte {at})")
            }
            SourceError::Corrupt { at, what } => write!(f, "{what} (at byte {at})"),
        }
    }
}

impl std::error::Error for SourceError {}
