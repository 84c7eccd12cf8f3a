//! nldump: a netlink traffic decoder.
//!
//! Data flows one way:
//!
//! ```text
//! source ──▶ Frame ──▶ dissect (+ Context) ──▶ Dissection tree ──▶ render
//! ```
//!
//! * [`source`] reads pcap/pcapng captures and pasted text into [`frame::Frame`]s.
//! * [`wire`] holds zero-copy checked views of the fixed on-wire headers.
//! * [`spec`] loads the declarative family descriptions in `dissectors/`.
//! * [`dissect`] turns a frame into a [`dissect::Dissection`]: pure, no I/O.
//! * [`render`] prints dissections as text or JSON lines; it never re-parses bytes.

pub mod app;
pub mod cli;
pub mod dissect;
pub mod frame;
pub mod render;
pub mod source;
pub mod spec;
pub mod wire;
