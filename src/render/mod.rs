//! Renderers: read a [`Dissection`](crate::dissect::Dissection) and the
//! frame's bytes, write text or JSON. They never re-parse netlink; all
//! structure comes from the tree. Strings from the wire are escaped here,
//! so no control character reaches a terminal.

pub mod json;
pub mod stats;
pub mod text;
pub mod value;

/// How timestamps are shown in text output (tcpdump's `-t` family).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeFormat {
    /// Time of day, UTC (default).
    #[default]
    TimeOfDay,
    /// No timestamp (`-t`).
    None,
    /// Seconds since the epoch (`-tt`).
    Epoch,
    /// Delta since the previous frame (`-ttt`).
    Delta,
    /// Date and time of day, UTC (`-tttt`).
    DateTime,
    /// Since the first frame (`-ttttt`).
    SinceFirst,
}

impl TimeFormat {
    /// Maps a count of `-t` flags like tcpdump does.
    pub fn from_count(n: u8) -> TimeFormat {
        match n {
            0 => TimeFormat::TimeOfDay,
            1 => TimeFormat::None,
            2 => TimeFormat::Epoch,
            3 => TimeFormat::Delta,
            4 => TimeFormat::DateTime,
            _ => TimeFormat::SinceFirst,
        }
    }
}
