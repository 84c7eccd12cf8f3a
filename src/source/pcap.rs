//! pcap and pcapng capture files, streamed from any [`Read`] (file or stdin).
//!
//! [`open_capture`] sniffs the first bytes (pcap in either byte order with µs
//! or ns magic, or pcapng) and returns a [`CaptureSource`] that yields one
//! [`Frame`] per netlink packet:
//!
//! * link types: `LINKTYPE_NETLINK` (253), `LINKTYPE_LINUX_SLL` (113) and
//!   `LINKTYPE_LINUX_SLL2` (276); in SLL/SLL2 only ARPHRD 824 is netlink, the
//!   rest is counted in [`Source::skipped`]. In pcapng every interface has its
//!   own link type and timestamp resolution; packets on interfaces of other
//!   link types are skipped and counted the same way.
//! * `Frame::number` counts every packet record (skipped ones too), 1-based,
//!   as Wireshark numbers them; `payload_offset` is the cooked header length;
//!   `protocol` is the netlink family from the cooked header; `direction` is
//!   always `Unknown` (nlmon writes `PACKET_OUTGOING` for everything) and
//!   `byte_order` `None`: the capture file's byte order says nothing about the
//!   payload's.
//!
//! Record framing uses the `pcap-file` crate's slice parsers (`PcapParser`,
//! `PcapNgParser`) over our own read buffer rather than its `PcapReader` /
//! `PcapNgReader`: the readers allocate 8 MB up front, do not say at which
//! byte a record starts and report both a cut file and an oversized record
//! as the same `UnexpectedEof`. Here the buffer holds at most one record plus
//! one read chunk, and every error names the byte offset of the record it
//! concerns. Packet block bodies (EPB, SPB, PB) are read field by field so a
//! malformed option in a packet block cannot lose the packet.

use crate::frame::{Frame, Timestamp};
use crate::source::{Skipped, Source, SourceError};
use crate::wire::cooked::{self, Cooked};
use pcap_file::pcap::PcapParser;
use pcap_file::pcapng::blocks::interface_description::InterfaceDescriptionOption;
use pcap_file::pcapng::PcapNgParser;
use pcap_file::{Endianness, PcapError, TsResolution};
use std::io::{ErrorKind, Read};

/// Records (pcap) or blocks (pcapng) claiming more bytes than this are
/// treated as corruption rather than waited for.
pub const MAX_RECORD_LEN: u32 = 64 * 1024 * 1024;

const READ_CHUNK: usize = 64 * 1024;
const PCAP_HEADER_LEN: usize = 24;

const BLOCK_SHB: u32 = 0x0A0D_0D0A;
const BLOCK_PB: u32 = 2;
const BLOCK_SPB: u32 = 3;
const BLOCK_EPB: u32 = 6;

/// The capture format [`open_capture`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureFormat {
    /// Classic pcap. `big_endian` is the byte order of the file's own headers.
    Pcap {
        big_endian: bool,
        nanosecond: bool,
        link_type: u32,
    },
    /// pcapng (link types are per interface, see [`CaptureSource::link_types`]).
    PcapNg,
}

enum Magic {
    Pcap,
    PcapNg,
}

fn magic_of(first_bytes: &[u8]) -> Option<Magic> {
    match first_bytes.get(..4)? {
        [0xa1, 0xb2, 0xc3, 0xd4]
        | [0xd4, 0xc3, 0xb2, 0xa1]
        | [0xa1, 0xb2, 0x3c, 0x4d]
        | [0x4d, 0x3c, 0xb2, 0xa1] => Some(Magic::Pcap),
        [0x0a, 0x0d, 0x0d, 0x0a] => Some(Magic::PcapNg),
        _ => None,
    }
}

/// True when `first_bytes` (at least 4 of them) start a pcap file (either
/// byte order, µs or ns magic) or a pcapng file.
pub fn looks_like_capture(first_bytes: &[u8]) -> bool {
    magic_of(first_bytes).is_some()
}

/// Opens a capture streamed from `reader` (which must deliver the file from
/// its first byte). Reads only the file header here; packets are read one
/// at a time by [`Source::next_frame`].
///
/// Errors: empty input, data that is neither pcap nor pcapng, and a pcap of
/// a link type we do not read are `Format`; a header cut short is
/// `Truncated`.
pub fn open_capture(reader: Box<dyn Read>) -> Result<CaptureSource, SourceError> {
    let mut input = Input::new(reader);
    input.fill_to(4)?;
    let first = input.avail();
    if first.is_empty() {
        return Err(SourceError::Format(
            "empty input: no capture file header".into(),
        ));
    }
    let kind = match magic_of(first) {
        Some(Magic::Pcap) => Kind::Pcap(open_pcap(&mut input)?),
        Some(Magic::PcapNg) => Kind::PcapNg(open_pcapng(&mut input)?),
        None => {
            return Err(SourceError::Format(format!(
                "not a pcap or pcapng file (starts with 0x{})",
                hex::encode(first.get(..4).unwrap_or(first))
            )))
        }
    };
    Ok(CaptureSource {
        input,
        kind,
        packets: 0,
        skipped: Skipped::default(),
        finished: false,
    })
}

fn open_pcap(input: &mut Input) -> Result<PcapState, SourceError> {
    input.fill_to(PCAP_HEADER_LEN)?;
    let (parser, used) = {
        let avail = input.avail();
        match PcapParser::new(avail) {
            Ok((rem, parser)) => (parser, avail.len() - rem.len()),
            Err(PcapError::IncompleteBuffer) => {
                return Err(SourceError::Truncated {
                    at: 0,
                    what: "pcap file header".into(),
                })
            }
            Err(e) => {
                return Err(SourceError::Format(format!(
                    "pcap file header at byte 0 is invalid: {e}"
                )))
            }
        }
    };
    input.consume(used);
    let header = parser.header();
    // The low 16 bits are the link type; the high bits may carry FCS info.
    let link_type = u32::from(header.datalink) & 0xFFFF;
    if !cooked::is_cooked_link_type(link_type) {
        return Err(SourceError::Format(format!(
            "{} is not netlink; nldump reads LINKTYPE_NETLINK (253) and Linux cooked \
             captures (113, 276)",
            cooked::describe_link_type(link_type)
        )));
    }
    Ok(PcapState {
        big_endian: header.endianness == Endianness::Big,
        nanosecond: header.ts_resolution == TsResolution::NanoSecond,
        parser,
        link_type,
    })
}

fn open_pcapng(input: &mut Input) -> Result<NgState, SourceError> {
    loop {
        let avail = input.avail();
        match PcapNgParser::new(avail) {
            Ok((rem, parser)) => {
                let used = avail.len() - rem.len();
                input.consume(used);
                return Ok(NgState {
                    parser,
                    usable_seen: false,
                });
            }
            Err(PcapError::IncompleteBuffer) => {
                if let Some(len) = block_len(avail, Endianness::Big) {
                    if len > MAX_RECORD_LEN {
                        return Err(SourceError::Format(format!(
                            "pcapng section header at byte 0 claims {len} bytes"
                        )));
                    }
                    if len as usize <= avail.len() {
                        return Err(SourceError::Format(
                            "pcapng section header at byte 0 is invalid: a field inside it \
                             is cut short"
                                .into(),
                        ));
                    }
                }
                if input.eof {
                    return Err(SourceError::Truncated {
                        at: 0,
                        what: "pcapng section header".into(),
                    });
                }
                input.fill()?;
            }
            Err(e) => {
                return Err(SourceError::Format(format!(
                    "pcapng section header at byte 0 is invalid: {e}"
                )))
            }
        }
    }
}

/// A streaming reader of pcap or pcapng captures. See the module docs.
pub struct CaptureSource {
    input: Input,
    kind: Kind,
    /// Packet records read so far (frames and skipped packets).
    packets: u64,
    skipped: Skipped,
    /// Set after an error: the source yields nothing more.
    finished: bool,
}

enum Kind {
    Pcap(PcapState),
    PcapNg(NgState),
}

struct PcapState {
    parser: PcapParser,
    big_endian: bool,
    nanosecond: bool,
    link_type: u32,
}

struct NgState {
    parser: PcapNgParser,
    /// Whether any interface so far had a link type we read.
    usable_seen: bool,
}

impl CaptureSource {
    /// Which format the input is in.
    pub fn format(&self) -> CaptureFormat {
        match &self.kind {
            Kind::Pcap(p) => CaptureFormat::Pcap {
                big_endian: p.big_endian,
                nanosecond: p.nanosecond,
                link_type: p.link_type,
            },
            Kind::PcapNg(_) => CaptureFormat::PcapNg,
        }
    }

    /// Link types in use: the file's for pcap; for pcapng, one per interface
    /// described so far in the current section, in interface order.
    pub fn link_types(&self) -> Vec<u32> {
        match &self.kind {
            Kind::Pcap(p) => vec![p.link_type],
            Kind::PcapNg(ng) => ng
                .parser
                .interfaces()
                .iter()
                .map(|i| u32::from(i.linktype) & 0xFFFF)
                .collect(),
        }
    }

    /// Packet records read so far, skipped ones included.
    pub fn packets_read(&self) -> u64 {
        self.packets
    }

    /// The byte offset of the next unread record.
    pub fn offset(&self) -> u64 {
        self.input.offset
    }

    fn next_pcap(&mut self) -> Result<Option<Frame>, SourceError> {
        loop {
            let Kind::Pcap(state) = &self.kind else {
                return Ok(None);
            };
            let at = self.input.offset;
            let number = self.packets.saturating_add(1);
            if !self.input.has_data()? {
                return Ok(None);
            }
            let avail = self.input.avail();
            match state.parser.next_raw_packet(avail) {
                Ok((rem, raw)) => {
                    let used = avail.len() - rem.len();
                    let ts = pcap_timestamp(raw.ts_sec, raw.ts_frac, state.nanosecond);
                    let orig_len = raw.orig_len;
                    let data = raw.data.into_owned();
                    self.input.consume(used);
                    self.packets = number;
                    let link_type = state.link_type;
                    if let Some(frame) =
                        self.make_frame(link_type, None, number, ts, data, orig_len)
                    {
                        return Ok(Some(frame));
                    }
                }
                Err(PcapError::IncompleteBuffer) => {
                    let incl_len = if state.big_endian {
                        read_u32(avail, 8, Endianness::Big)
                    } else {
                        read_u32(avail, 8, Endianness::Little)
                    };
                    let what = || format!("packet record {number}");
                    self.input.need_more(at, incl_len, "captured bytes", what)?;
                }
                Err(e) => {
                    return Err(SourceError::Corrupt {
                        at,
                        what: format!("packet record {number}: {e}"),
                    })
                }
            }
        }
    }

    fn next_pcapng(&mut self) -> Result<Option<Frame>, SourceError> {
        loop {
            let Kind::PcapNg(state) = &mut self.kind else {
                return Ok(None);
            };
            let at = self.input.offset;
            let number = self.packets.saturating_add(1);
            if !self.input.has_data()? {
                return Ok(None);
            }
            let avail = self.input.avail();
            let section_order = state.parser.section().endianness;
            match state.parser.next_raw_block(avail) {
                Ok((rem, raw)) => {
                    let used = avail.len() - rem.len();
                    let block_type = raw.type_;
                    let endian = state.parser.section().endianness;
                    let packet = match block_type {
                        BLOCK_EPB | BLOCK_PB | BLOCK_SPB => {
                            Some(parse_packet_block(block_type, &raw.body, endian))
                        }
                        _ => None,
                    };
                    self.input.consume(used);
                    let Some(packet) = packet else {
                        // Section headers and interface descriptions were
                        // taken in by the parser; other blocks carry no packets.
                        continue;
                    };
                    self.packets = number;
                    let packet = packet.map_err(|e| SourceError::Corrupt {
                        at,
                        what: format!("packet record {number}: {e}"),
                    })?;
                    let Some(iface) = state.parser.interfaces().get(packet.interface as usize)
                    else {
                        return Err(SourceError::Corrupt {
                            at,
                            what: format!(
                                "packet record {number} is on interface {}, but only {} \
                                 interface(s) are described",
                                packet.interface,
                                state.parser.interfaces().len()
                            ),
                        });
                    };
                    let link_type = u32::from(iface.linktype) & 0xFFFF;
                    let mut data = packet.data;
                    if block_type == BLOCK_SPB && iface.snaplen != 0 {
                        data.truncate(iface.snaplen as usize);
                    }
                    let ts = match packet.raw_ts {
                        Some(raw_ts) => {
                            let (resol, offset) = interface_clock(&iface.options);
                            ng_timestamp(raw_ts, resol, offset)
                        }
                        None => None,
                    };
                    if !cooked::is_cooked_link_type(link_type) {
                        state.usable_seen |=
                            state.parser.interfaces().iter().any(|i| {
                                cooked::is_cooked_link_type(u32::from(i.linktype) & 0xFFFF)
                            });
                        if !state.usable_seen {
                            return Err(SourceError::Format(format!(
                                "{} is not netlink; nldump reads LINKTYPE_NETLINK (253) and \
                                 Linux cooked captures (113, 276)",
                                cooked::describe_link_type(link_type)
                            )));
                        }
                    } else {
                        state.usable_seen = true;
                    }
                    if let Some(frame) = self.make_frame(
                        link_type,
                        Some(packet.interface),
                        number,
                        ts,
                        data,
                        packet.orig_len,
                    ) {
                        return Ok(Some(frame));
                    }
                }
                Err(PcapError::IncompleteBuffer) => {
                    let declared = block_len(avail, section_order);
                    let block_type = read_u32(avail, 0, section_order);
                    if declared.is_some_and(|l| l <= MAX_RECORD_LEN && l as usize <= avail.len()) {
                        // The whole block is there: the crate ran short
                        // inside it (an option shorter than its type needs).
                        return Err(SourceError::Corrupt {
                            at,
                            what: format!(
                                "{}: a field inside the block is cut short",
                                block_what(block_type, number)
                            ),
                        });
                    }
                    let what = || block_what(block_type, number);
                    self.input.need_more(at, declared, "bytes", what)?;
                }
                Err(e) => {
                    let block_type = read_u32(avail, 0, section_order);
                    return Err(SourceError::Corrupt {
                        at,
                        what: format!("{}: {e}", block_what(block_type, number)),
                    });
                }
            }
        }
    }

    /// Turns one packet into a frame, or counts it as skipped.
    fn make_frame(
        &mut self,
        link_type: u32,
        interface: Option<u32>,
        number: u64,
        ts: Option<Timestamp>,
        data: Vec<u8>,
        orig_len: u32,
    ) -> Option<Frame> {
        match cooked::classify(link_type, &data) {
            None => {
                let iface = interface.map_or(String::new(), |i| format!(" on interface {i}"));
                self.skipped.add(format!(
                    "packet{iface} of {}",
                    describe_link_type_short(link_type)
                ));
                None
            }
            Some(Err(short)) => {
                self.skipped
                    .add(format!("packet shorter than its {}", short.what));
                None
            }
            Some(Ok(Cooked::OtherArphrd(arphrd))) => {
                self.skipped
                    .add(format!("packet with ARPHRD {arphrd} (not netlink)"));
                None
            }
            Some(Ok(Cooked::Netlink {
                protocol,
                header_len,
            })) => {
                let cut = u64::from(orig_len) > data.len() as u64;
                Some(Frame {
                    number,
                    ts,
                    protocol: Some(protocol),
                    data,
                    payload_offset: header_len,
                    orig_len: cut.then_some(orig_len),
                    ..Frame::default()
                })
            }
        }
    }
}

impl Source for CaptureSource {
    fn next_frame(&mut self) -> Result<Option<Frame>, SourceError> {
        if self.finished {
            return Ok(None);
        }
        let res = match self.kind {
            Kind::Pcap(_) => self.next_pcap(),
            Kind::PcapNg(_) => self.next_pcapng(),
        };
        if !matches!(res, Ok(Some(_))) {
            self.finished = true;
        }
        res
    }

    fn skipped(&self) -> &Skipped {
        &self.skipped
    }
}

/// `link type Ethernet` or `link type 147`, for skip reasons.
fn describe_link_type_short(link_type: u32) -> String {
    match cooked::link_type_name(link_type) {
        Some(name) => format!("link type {name}"),
        None => format!("link type {link_type}"),
    }
}

fn block_what(block_type: Option<u32>, number: u64) -> String {
    match block_type {
        Some(BLOCK_EPB | BLOCK_PB | BLOCK_SPB) | None => format!("packet record {number}"),
        Some(t) => format!("pcapng block of type 0x{t:08x}"),
    }
}

/// The total length a pcapng block declares, if enough bytes are there to
/// tell. A section header carries its own byte order in its magic.
fn block_len(avail: &[u8], section_order: Endianness) -> Option<u32> {
    // The section header's type reads the same in both byte orders.
    if read_u32(avail, 0, Endianness::Big)? == BLOCK_SHB {
        let order = match avail.get(8..12)? {
            [0x1a, 0x2b, 0x3c, 0x4d] => Endianness::Big,
            [0x4d, 0x3c, 0x2b, 0x1a] => Endianness::Little,
            _ => return None,
        };
        return read_u32(avail, 4, order);
    }
    read_u32(avail, 4, section_order)
}

fn read_u32(data: &[u8], at: usize, order: Endianness) -> Option<u32> {
    let b: [u8; 4] = data.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(match order {
        Endianness::Big => u32::from_be_bytes(b),
        Endianness::Little => u32::from_le_bytes(b),
    })
}

fn read_u16(data: &[u8], at: usize, order: Endianness) -> Option<u16> {
    let b: [u8; 2] = data.get(at..at.checked_add(2)?)?.try_into().ok()?;
    Some(match order {
        Endianness::Big => u16::from_be_bytes(b),
        Endianness::Little => u16::from_le_bytes(b),
    })
}

/// The fields of an EPB, PB or SPB that make a frame.
struct PacketBlock {
    interface: u32,
    /// Timestamp in interface units; SPBs have none.
    raw_ts: Option<u64>,
    orig_len: u32,
    data: Vec<u8>,
}

/// Reads a packet block body (between the length fields).
fn parse_packet_block(
    block_type: u32,
    body: &[u8],
    order: Endianness,
) -> Result<PacketBlock, String> {
    let short = || format!("block body of {} bytes is too short", body.len());
    if block_type == BLOCK_SPB {
        let orig_len = read_u32(body, 0, order).ok_or_else(short)?;
        let room = body.get(4..).unwrap_or(&[]);
        let captured = room.len().min(orig_len as usize);
        return Ok(PacketBlock {
            interface: 0,
            raw_ts: None,
            orig_len,
            data: room.get(..captured).unwrap_or(room).to_vec(),
        });
    }
    let interface = if block_type == BLOCK_PB {
        read_u16(body, 0, order).map(u32::from)
    } else {
        read_u32(body, 0, order)
    }
    .ok_or_else(short)?;
    let hi = read_u32(body, 4, order).ok_or_else(short)?;
    let lo = read_u32(body, 8, order).ok_or_else(short)?;
    let cap_len = read_u32(body, 12, order).ok_or_else(short)?;
    let orig_len = read_u32(body, 16, order).ok_or_else(short)?;
    let room = body.get(20..).unwrap_or(&[]);
    let data = room.get(..cap_len as usize).ok_or_else(|| {
        format!(
            "captured length {cap_len} exceeds the {} bytes its block holds",
            room.len()
        )
    })?;
    Ok(PacketBlock {
        interface,
        raw_ts: Some((u64::from(hi) << 32) | u64::from(lo)),
        orig_len,
        data: data.to_vec(),
    })
}

/// `if_tsresol` (default 6: microseconds) and `if_tsoffset` (default 0).
fn interface_clock(options: &[InterfaceDescriptionOption<'_>]) -> (u8, i64) {
    let mut resol = 6;
    let mut offset = 0;
    for opt in options {
        match opt {
            InterfaceDescriptionOption::IfTsResol(r) => resol = *r,
            // The option is a signed 64-bit number; the crate hands it over unsigned.
            InterfaceDescriptionOption::IfTsOffset(o) => offset = *o as i64,
            _ => {}
        }
    }
    (resol, offset)
}

/// A pcap record timestamp; the fraction is µs or ns after the file magic.
/// An out-of-range fraction carries into the seconds rather than failing.
fn pcap_timestamp(secs: u32, frac: u32, nanosecond: bool) -> Option<Timestamp> {
    let nanos = if nanosecond {
        u64::from(frac)
    } else {
        u64::from(frac) * 1000
    };
    let secs = u64::from(secs) + nanos / 1_000_000_000;
    Some(Timestamp::new(secs, (nanos % 1_000_000_000) as u32))
}

/// A pcapng timestamp: `raw` units of `if_tsresol` (bit 7 clear: 10^-n s,
/// set: 2^-n s) since the epoch, plus `offset` seconds. `None` when the
/// resolution or the result cannot be represented.
fn ng_timestamp(raw: u64, tsresol: u8, offset: i64) -> Option<Timestamp> {
    let exp = u32::from(tsresol & 0x7f);
    let units: u128 = if tsresol & 0x80 == 0 {
        10u128.checked_pow(exp)?
    } else {
        1u128.checked_shl(exp)?
    };
    let raw = u128::from(raw);
    let secs = raw / units;
    let nanos = (raw % units).checked_mul(1_000_000_000)? / units;
    let secs = i128::try_from(secs).ok()?.checked_add(i128::from(offset))?;
    Some(Timestamp::new(
        u64::try_from(secs).ok()?,
        u32::try_from(nanos).ok()?,
    ))
}

/// Our read buffer: holds the unread tail of what was read, never more than
/// one record plus one chunk.
struct Input {
    reader: Box<dyn Read>,
    /// `buf[start..end]` is read but not consumed; `buf[end..]` is free room.
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// File offset of `buf[start]`.
    offset: u64,
    eof: bool,
}

impl Input {
    fn new(reader: Box<dyn Read>) -> Self {
        Input {
            reader,
            buf: Vec::new(),
            start: 0,
            end: 0,
            offset: 0,
            eof: false,
        }
    }

    fn avail(&self) -> &[u8] {
        self.buf.get(self.start..self.end).unwrap_or(&[])
    }

    /// Reads more when nothing is buffered; false at a clean end of input.
    fn has_data(&mut self) -> Result<bool, SourceError> {
        while self.avail().is_empty() {
            if self.eof {
                return Ok(false);
            }
            self.fill()?;
        }
        Ok(true)
    }

    /// A record starting at `at` is not wholly buffered: refuses a declared
    /// length over [`MAX_RECORD_LEN`] (`unit` names what it counts), reports
    /// a cut at the end of input, or reads more.
    fn need_more(
        &mut self,
        at: u64,
        declared: Option<u32>,
        unit: &str,
        what: impl Fn() -> String,
    ) -> Result<(), SourceError> {
        if let Some(len) = declared.filter(|&l| l > MAX_RECORD_LEN) {
            return Err(SourceError::Corrupt {
                at,
                what: format!(
                    "{} claims {len} {unit} (more than {MAX_RECORD_LEN})",
                    what()
                ),
            });
        }
        if self.eof {
            return Err(SourceError::Truncated { at, what: what() });
        }
        self.fill()?;
        Ok(())
    }

    fn consume(&mut self, n: usize) {
        let n = n.min(self.end.saturating_sub(self.start));
        self.start += n;
        self.offset = self.offset.saturating_add(n as u64);
    }

    /// Reads once more (at most one chunk); sets `eof` when the reader has
    /// nothing left.
    fn fill(&mut self) -> Result<usize, SourceError> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.buf.len() - self.end < READ_CHUNK {
            self.buf.resize(self.end + READ_CHUNK, 0);
        }
        loop {
            let res = match self.buf.get_mut(self.end..) {
                Some(space) => self.reader.read(space),
                None => Ok(0),
            };
            match res {
                Ok(n) => {
                    self.end = (self.end + n).min(self.buf.len());
                    if n == 0 {
                        self.eof = true;
                    }
                    return Ok(n);
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => {
                    return Err(SourceError::Io(format!(
                        "cannot read input at byte {}: {e}",
                        self.offset.saturating_add(self.end as u64)
                    )));
                }
            }
        }
    }

    /// Reads until `n` bytes are available or the input ends.
    fn fill_to(&mut self, n: usize) -> Result<(), SourceError> {
        while self.avail().len() < n && !self.eof {
            self.fill()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frame::proto;
    use pcap_file::pcap::{PcapHeader, PcapPacket, PcapWriter};
    use pcap_file::pcapng::blocks::enhanced_packet::EnhancedPacketBlock;
    use pcap_file::pcapng::blocks::interface_description::InterfaceDescriptionBlock;
    use pcap_file::pcapng::blocks::interface_statistics::InterfaceStatisticsBlock;
    use pcap_file::pcapng::blocks::simple_packet::SimplePacketBlock;
    use pcap_file::pcapng::PcapNgWriter;
    use pcap_file::DataLink;
    use std::borrow::Cow;
    use std::io::Cursor;
    use std::time::Duration;

    fn sample(name: &str) -> Vec<u8> {
        let path = format!("{}/samples/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn open_bytes(bytes: Vec<u8>) -> Result<CaptureSource, SourceError> {
        open_capture(Box::new(Cursor::new(bytes)))
    }

    fn open_file(name: &str) -> CaptureSource {
        let path = format!("{}/samples/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
        let file = std::fs::File::open(&path).unwrap();
        open_capture(Box::new(file)).unwrap()
    }

    /// All frames, then how it ended.
    fn drain(src: &mut CaptureSource) -> (Vec<Frame>, Result<(), SourceError>) {
        let mut frames = Vec::new();
        loop {
            match src.next_frame() {
                Ok(Some(f)) => frames.push(f),
                Ok(None) => return (frames, Ok(())),
                Err(e) => return (frames, Err(e)),
            }
        }
    }

    fn families(frames: &[Frame]) -> Vec<u16> {
        frames.iter().map(|f| f.protocol.unwrap()).collect()
    }

    /// A reader that hands out one byte per call, to exercise refilling.
    struct Trickle(Cursor<Vec<u8>>);
    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(1);
            self.0.read(&mut buf[..n])
        }
    }

    #[test]
    fn looks_like_capture_magics() {
        assert!(looks_like_capture(&[0xd4, 0xc3, 0xb2, 0xa1, 2, 0]));
        assert!(looks_like_capture(&[0xa1, 0xb2, 0xc3, 0xd4]));
        assert!(looks_like_capture(&[0x4d, 0x3c, 0xb2, 0xa1]));
        assert!(looks_like_capture(&[0xa1, 0xb2, 0x3c, 0x4d]));
        assert!(looks_like_capture(&[0x0a, 0x0d, 0x0d, 0x0a, 0xb0]));
        assert!(!looks_like_capture(b"14 00 00 00"));
        assert!(!looks_like_capture(b"sendmsg(3, "));
        assert!(!looks_like_capture(&[0xd4, 0xc3, 0xb2]));
        assert!(!looks_like_capture(&[]));
    }

    /// Counts from `tshark -r FILE | wc -l`.
    #[test]
    fn corpus_frame_counts_match_tshark() {
        for (name, count) in [
            ("drizzt-ovs__ovs-netlink.pcapng", 399),
            ("little-dude-netlink__aaa.pcap", 20),
            ("little-dude-netlink__out.pcap", 14),
            ("little-dude-netlink__rtnetlink.pcap", 527),
            ("nldecap__two_packets_be.pcap", 2),
            ("nldecap__two_packets_le.pcap", 2),
            ("pyroute2__nl0.pcap", 19),
        ] {
            let mut src = open_file(name);
            let (frames, end) = drain(&mut src);
            assert_eq!(end, Ok(()), "{name}");
            assert_eq!(frames.len(), count, "{name}");
            assert_eq!(src.packets_read(), count as u64, "{name}");
            assert_eq!(src.skipped().count, 0, "{name}");
            assert_eq!(src.link_types(), vec![253], "{name}");
            let numbers: Vec<u64> = frames.iter().map(|f| f.number).collect();
            assert_eq!(numbers, (1..=count as u64).collect::<Vec<_>>(), "{name}");
            for f in &frames {
                assert_eq!(f.payload_offset, 16, "{name}");
                assert_eq!(f.direction, crate::frame::Direction::Unknown);
                assert_eq!(f.byte_order, None);
                assert_eq!(f.orig_len, None, "{name}: tshark shows no cut frames");
            }
        }
    }

    /// Families and times as tshark shows them (`-e netlink.family -e frame.time_epoch`).
    #[test]
    fn pyroute2_families_and_first_frame() {
        let (frames, _) = drain(&mut open_file("pyroute2__nl0.pcap"));
        let g = proto::GENERIC;
        let r = proto::ROUTE;
        assert_eq!(
            families(&frames),
            vec![g, g, g, r, r, r, r, r, r, r, r, r, g, g, g, g, g, g, g]
        );
        let f = &frames[0];
        assert_eq!(f.ts, Some(Timestamp::new(1710366817, 678_556_000)));
        assert_eq!(f.data.len(), 52);
        // nlmsghdr: len 36, type 0x24 (tshark: "Family ID: 0x24"), flags 0x0305.
        assert_eq!(&f.payload()[..8], &[0x24, 0, 0, 0, 0x24, 0, 0x05, 0x03]);
        assert_eq!(frames[1].data.len(), 2496);
        assert_eq!(frames[3].ts, Some(Timestamp::new(1710366817, 724_847_000)));
    }

    #[test]
    fn little_dude_files() {
        let (frames, _) = drain(&mut open_file("little-dude-netlink__aaa.pcap"));
        let mut expected = vec![proto::ROUTE; 6];
        expected.extend([proto::GENERIC; 14]);
        assert_eq!(families(&frames), expected);
        assert_eq!(
            frames
                .iter()
                .take(4)
                .map(|f| f.data.len())
                .collect::<Vec<_>>(),
            vec![48, 2604, 3896, 36]
        );
        assert_eq!(frames[0].ts, Some(Timestamp::new(1531093478, 689_694_000)));

        let (frames, _) = drain(&mut open_file("little-dude-netlink__out.pcap"));
        assert_eq!(families(&frames), vec![proto::ROUTE; 14]);

        let mut src = open_file("little-dude-netlink__rtnetlink.pcap");
        assert_eq!(
            src.format(),
            CaptureFormat::Pcap {
                big_endian: false,
                nanosecond: false,
                link_type: 253
            }
        );
        let f = src.next_frame().unwrap().unwrap();
        assert_eq!(f.number, 1);
        assert_eq!(f.protocol, Some(proto::ROUTE));
        assert_eq!(f.ts, Some(Timestamp::new(1547239165, 532_178_000)));
        assert_eq!(f.data.len(), 36);
        assert_eq!(&f.payload()[..4], &[0x14, 0, 0, 0]);
    }

    #[test]
    fn pcapng_ovs_nanosecond_timestamps() {
        let mut src = open_file("drizzt-ovs__ovs-netlink.pcapng");
        assert_eq!(src.format(), CaptureFormat::PcapNg);
        let (frames, end) = drain(&mut src);
        assert_eq!(end, Ok(()));
        assert_eq!(frames.len(), 399);
        assert!(frames.iter().all(|f| f.protocol == Some(proto::GENERIC)));
        assert_eq!(src.link_types(), vec![253]);
        assert_eq!(frames[0].ts, Some(Timestamp::new(1772027182, 706_963_275)));
        assert_eq!(frames[1].ts, Some(Timestamp::new(1772027182, 706_975_839)));
        assert_eq!(
            frames[398].ts,
            Some(Timestamp::new(1772027184, 897_938_547))
        );
        assert_eq!(
            frames
                .iter()
                .take(4)
                .map(|f| f.data.len())
                .collect::<Vec<_>>(),
            vec![56, 208, 52, 200]
        );
    }

    #[test]
    fn big_endian_file_header_little_endian_payload() {
        let mut be = open_file("nldecap__two_packets_be.pcap");
        assert_eq!(
            be.format(),
            CaptureFormat::Pcap {
                big_endian: true,
                nanosecond: false,
                link_type: 253
            }
        );
        let (be_frames, end) = drain(&mut be);
        assert_eq!(end, Ok(()));
        let (le_frames, _) = drain(&mut open_file("nldecap__two_packets_le.pcap"));
        assert_eq!(be_frames.len(), 2);
        assert_eq!(
            be_frames[0].ts,
            Some(Timestamp::new(1489398119, 206_131_000))
        );
        assert_eq!(
            be_frames[1].ts,
            Some(Timestamp::new(1489398119, 206_164_000))
        );
        assert_eq!(be_frames[0].data.len(), 36);
        assert_eq!(be_frames[1].data.len(), 272);
        // nlmsg_len 20, type 0x16 (RTM_GETADDR), little-endian inside.
        assert_eq!(&be_frames[0].payload()[..6], &[0x14, 0, 0, 0, 0x16, 0]);
        assert_eq!(be_frames[0].byte_order, None);
        for (b, l) in be_frames.iter().zip(&le_frames) {
            assert_eq!(b.data, l.data);
            assert_eq!(b.ts, l.ts);
            assert_eq!(b.protocol, Some(proto::ROUTE));
        }
    }

    #[test]
    fn trickling_reader_gives_the_same_frames() {
        let bytes = sample("drizzt-ovs__ovs-netlink.pcapng");
        let mut src = open_capture(Box::new(Trickle(Cursor::new(bytes)))).unwrap();
        let (frames, end) = drain(&mut src);
        assert_eq!(end, Ok(()));
        assert_eq!(frames.len(), 399);
        assert_eq!(frames[398].data.len(), 80 - 32);

        let bytes = sample("nldecap__two_packets_be.pcap");
        let mut src = open_capture(Box::new(Trickle(Cursor::new(bytes)))).unwrap();
        assert_eq!(drain(&mut src).0.len(), 2);
    }

    #[test]
    fn truncated_pcap_keeps_frames_before_the_cut() {
        // Records: 24 + (16 + 36) = 76, + (16 + 2652) = 2744 where record 3 starts
        // (tshark: frame.cap_len 36, 2652, 3064).
        let full = sample("little-dude-netlink__rtnetlink.pcap");
        for cut in [2744 + 100, 2744 + 16, 2744 + 5] {
            let mut src = open_bytes(full[..cut].to_vec()).unwrap();
            let (frames, end) = drain(&mut src);
            assert_eq!(frames.len(), 2, "cut at {cut}");
            assert_eq!(frames[1].data.len(), 2652);
            assert_eq!(
                end,
                Err(SourceError::Truncated {
                    at: 2744,
                    what: "packet record 3".into()
                }),
                "cut at {cut}"
            );
            // Finished after the error.
            assert!(matches!(src.next_frame(), Ok(None)));
        }
        // A cut exactly between records is a clean end.
        let (frames, end) = drain(&mut open_bytes(full[..2744].to_vec()).unwrap());
        assert_eq!((frames.len(), end), (2, Ok(())));
        // A header cut short.
        assert_eq!(
            open_bytes(full[..20].to_vec()).err(),
            Some(SourceError::Truncated {
                at: 0,
                what: "pcap file header".into()
            })
        );
    }

    #[test]
    fn truncated_pcapng_keeps_frames_before_the_cut() {
        // Blocks: SHB 176 bytes, IDB 76, then EPBs; EPB 100 starts at byte 9536.
        let full = sample("drizzt-ovs__ovs-netlink.pcapng");
        let mut src = open_bytes(full[..9536 + 40].to_vec()).unwrap();
        let (frames, end) = drain(&mut src);
        assert_eq!(frames.len(), 99);
        assert_eq!(
            end,
            Err(SourceError::Truncated {
                at: 9536,
                what: "packet record 100".into()
            })
        );
        // Cut inside the interface description block.
        let (frames, end) = drain(&mut open_bytes(full[..200].to_vec()).unwrap());
        assert!(frames.is_empty());
        assert_eq!(
            end,
            Err(SourceError::Truncated {
                at: 176,
                what: "pcapng block of type 0x00000001".into()
            })
        );
    }

    #[test]
    fn empty_and_garbage_inputs() {
        let empty = sample("nldecap__emptyfile");
        assert_eq!(
            open_bytes(empty).err(),
            Some(SourceError::Format(
                "empty input: no capture file header".into()
            ))
        );
        let garbage = sample("nldecap__garbage");
        assert_eq!(
            open_bytes(garbage).err(),
            Some(SourceError::Format(
                "not a pcap or pcapng file (starts with 0xb0e06d1a)".into()
            ))
        );
        assert_eq!(
            open_bytes(b"ab".to_vec()).err(),
            Some(SourceError::Format(
                "not a pcap or pcapng file (starts with 0x6162)".into()
            ))
        );
    }

    #[test]
    fn non_netlink_link_types_are_refused() {
        assert_eq!(
            open_bytes(sample("nldecap__1pkt_not_netlink_le.pcap")).err(),
            Some(SourceError::Format(
                "link type 1 (Ethernet) is not netlink; nldump reads LINKTYPE_NETLINK (253) \
                 and Linux cooked captures (113, 276)"
                    .into()
            ))
        );
        assert_eq!(
            open_bytes(sample("tcpdump__nflog.pcap")).err(),
            Some(SourceError::Format(
                "link type 239 (NFLOG) is not netlink; nldump reads LINKTYPE_NETLINK (253) \
                 and Linux cooked captures (113, 276)"
                    .into()
            ))
        );
    }

    #[test]
    fn absurd_record_length_is_corrupt() {
        let mut bytes = sample("nldecap__two_packets_le.pcap");
        // Record 2 starts at 24 + 16 + 36 = 76; its incl_len is at 76 + 8.
        bytes[84..88].copy_from_slice(&0xFFFF_FF00u32.to_le_bytes());
        let (frames, end) = drain(&mut open_bytes(bytes).unwrap());
        assert_eq!(frames.len(), 1);
        match end {
            Err(SourceError::Corrupt { at, what }) => {
                assert_eq!(at, 76);
                assert!(
                    what.starts_with("packet record 2 claims 4294967040"),
                    "{what}"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    fn sll(arphrd: u16, protocol: u16, payload: &[u8]) -> Vec<u8> {
        let mut v = vec![0, 4];
        v.extend(arphrd.to_be_bytes());
        v.extend([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        v.extend(protocol.to_be_bytes());
        v.extend(payload);
        v
    }

    fn sll2(arphrd: u16, protocol: u16, payload: &[u8]) -> Vec<u8> {
        let mut v = protocol.to_be_bytes().to_vec();
        v.extend([0, 0, 0, 0, 0, 3]);
        v.extend(arphrd.to_be_bytes());
        v.extend([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        v.extend(payload);
        v
    }

    const NLMSG_DONE: [u8; 20] = [
        0x14, 0, 0, 0, 0x03, 0, 0x02, 0, 1, 0, 0, 0, 0x39, 0x30, 0, 0, 0, 0, 0, 0,
    ];

    fn write_pcap(link: DataLink, packets: &[(Vec<u8>, u32)]) -> Vec<u8> {
        let header = PcapHeader {
            datalink: link,
            endianness: Endianness::Little,
            ..PcapHeader::default()
        };
        let mut w = PcapWriter::with_header(Vec::new(), header).unwrap();
        for (i, (data, orig)) in packets.iter().enumerate() {
            let ts = Duration::new(1_700_000_000 + i as u64, 250_000);
            w.write_packet(&PcapPacket::new(ts, *orig, data)).unwrap();
        }
        w.into_writer()
    }

    #[test]
    fn sll_file_skips_non_netlink_packets() {
        let eth = sll(1, 0x0800, &[0x45, 0, 0, 20]);
        let genl = sll(824, 16, &NLMSG_DONE);
        let bytes = write_pcap(
            DataLink::LINUX_SLL,
            &[
                (sll(824, 0, &NLMSG_DONE), 36),
                (eth.clone(), 20),
                (genl[..24].to_vec(), 36),
                (eth, 20),
            ],
        );
        let mut src = open_bytes(bytes).unwrap();
        let (frames, end) = drain(&mut src);
        assert_eq!(end, Ok(()));
        assert_eq!(frames.len(), 2);
        assert_eq!(frames[0].number, 1);
        assert_eq!(frames[0].protocol, Some(proto::ROUTE));
        assert_eq!(frames[0].payload(), &NLMSG_DONE);
        assert_eq!(frames[0].ts, Some(Timestamp::new(1_700_000_000, 250_000)));
        assert_eq!(frames[0].orig_len, None);
        assert_eq!(frames[1].number, 3);
        assert_eq!(frames[1].protocol, Some(proto::GENERIC));
        assert_eq!(frames[1].payload(), &NLMSG_DONE[..8]);
        assert_eq!(frames[1].orig_len, Some(36));
        assert!(frames[1].is_cut());
        assert_eq!(src.skipped().count, 2);
        assert_eq!(
            src.skipped().reasons,
            vec![("packet with ARPHRD 1 (not netlink)".to_string(), 2)]
        );
        assert_eq!(src.link_types(), vec![113]);
    }

    #[test]
    fn sll2_file_skips_non_netlink_packets() {
        let bytes = write_pcap(
            DataLink::LINUX_SLL2,
            &[
                (sll2(772, 0x0800, &[0x45, 0, 0, 20]), 24),
                (sll2(824, 12, &NLMSG_DONE), 40),
                (sll2(824, 0, &[])[..10].to_vec(), 10),
            ],
        );
        let mut src = open_bytes(bytes).unwrap();
        let (frames, end) = drain(&mut src);
        assert_eq!(end, Ok(()));
        assert_eq!(frames.len(), 1);
        assert_eq!(frames[0].number, 2);
        assert_eq!(frames[0].protocol, Some(proto::NETFILTER));
        assert_eq!(frames[0].payload_offset, 20);
        assert_eq!(frames[0].payload(), &NLMSG_DONE);
        assert_eq!(frames[0].ts, Some(Timestamp::new(1_700_000_001, 250_000)));
        assert_eq!(
            src.skipped().reasons,
            vec![
                ("packet with ARPHRD 772 (not netlink)".to_string(), 1),
                (
                    "packet shorter than its cooked (SLL2) header".to_string(),
                    1
                )
            ]
        );
        assert_eq!(src.packets_read(), 3);
    }

    fn idb(link: DataLink, tsresol: Option<u8>) -> InterfaceDescriptionBlock<'static> {
        let mut b = InterfaceDescriptionBlock::new(link, 0);
        if let Some(r) = tsresol {
            b.options.push(InterfaceDescriptionOption::IfTsResol(r));
        }
        b
    }

    fn epb(interface_id: u32, raw_ts: u64, data: &[u8]) -> EnhancedPacketBlock<'_> {
        EnhancedPacketBlock {
            interface_id,
            // pcap-file writes the Duration's nanoseconds as the raw count.
            timestamp: Duration::from_nanos(raw_ts),
            original_len: data.len() as u32,
            data: Cow::Borrowed(data),
            options: vec![],
        }
    }

    #[test]
    fn pcapng_interfaces_resolutions_and_block_kinds() {
        let nl0 = sll(824, 0, &NLMSG_DONE);
        let nl2 = sll(824, 16, &NLMSG_DONE);
        let eth = vec![0u8; 60];
        let mut w = PcapNgWriter::with_endianness(Vec::new(), Endianness::Big).unwrap();
        w.write_pcapng_block(idb(DataLink::NETLINK, None)).unwrap();
        w.write_pcapng_block(idb(DataLink::ETHERNET, None)).unwrap();
        w.write_pcapng_block(idb(DataLink::NETLINK, Some(9)))
            .unwrap();
        // Interface 0: default resolution, microseconds.
        w.write_pcapng_block(epb(0, 1_600_000_000_123_456, &nl0))
            .unwrap();
        w.write_pcapng_block(epb(1, 5, &eth)).unwrap();
        w.write_pcapng_block(InterfaceStatisticsBlock {
            interface_id: 1,
            timestamp: 7,
            options: vec![],
        })
        .unwrap();
        // Interface 2: nanoseconds.
        w.write_pcapng_block(epb(2, 1_600_000_000_987_654_321, &nl2))
            .unwrap();
        // Simple packet blocks belong to interface 0 and have no timestamp.
        w.write_pcapng_block(SimplePacketBlock {
            original_len: nl0.len() as u32,
            data: Cow::Borrowed(&nl0),
        })
        .unwrap();
        let bytes = w.into_inner();

        let mut src = open_bytes(bytes).unwrap();
        let (frames, end) = drain(&mut src);
        assert_eq!(end, Ok(()));
        assert_eq!(src.link_types(), vec![253, 1, 253]);
        assert_eq!(frames.len(), 3);
        assert_eq!(
            frames.iter().map(|f| f.number).collect::<Vec<_>>(),
            vec![1, 3, 4]
        );
        assert_eq!(
            frames[0].ts,
            Some(Timestamp::new(1_600_000_000, 123_456_000))
        );
        assert_eq!(frames[0].protocol, Some(proto::ROUTE));
        assert_eq!(
            frames[1].ts,
            Some(Timestamp::new(1_600_000_000, 987_654_321))
        );
        assert_eq!(frames[1].protocol, Some(proto::GENERIC));
        assert_eq!(frames[1].payload(), &NLMSG_DONE);
        assert_eq!(frames[2].ts, None);
        // SPB data is padded to 4 bytes on disk; the padding is not data.
        assert_eq!(frames[2].data.len(), 36);
        assert_eq!(frames[2].payload(), &NLMSG_DONE);
        assert_eq!(
            src.skipped().reasons,
            vec![("packet on interface 1 of link type Ethernet".to_string(), 1)]
        );
    }

    #[test]
    fn pcapng_without_netlink_interface_is_refused() {
        let mut w = PcapNgWriter::new(Vec::new()).unwrap();
        w.write_pcapng_block(idb(DataLink::NFLOG, None)).unwrap();
        w.write_pcapng_block(epb(0, 1, &[0u8; 8])).unwrap();
        let mut src = open_bytes(w.into_inner()).unwrap();
        assert_eq!(
            src.next_frame().err(),
            Some(SourceError::Format(
                "link type 239 (NFLOG) is not netlink; nldump reads LINKTYPE_NETLINK (253) \
                 and Linux cooked captures (113, 276)"
                    .into()
            ))
        );
    }

    #[test]
    fn pcapng_packet_on_undescribed_interface_is_corrupt() {
        let mut w = PcapNgWriter::with_endianness(Vec::new(), Endianness::Big).unwrap();
        w.write_pcapng_block(idb(DataLink::NETLINK, None)).unwrap();
        let mut bytes = w.into_inner();
        let epb_at = bytes.len() as u64;
        // EPB on interface 3, written by hand (the writer refuses it).
        let data = sll(824, 0, &NLMSG_DONE);
        let total = 12 + 20 + data.len() as u32;
        for word in [6u32, total, 3, 0, 1, data.len() as u32, data.len() as u32] {
            bytes.extend(word.to_be_bytes());
        }
        bytes.extend(&data);
        bytes.extend(total.to_be_bytes());
        let mut src = open_bytes(bytes).unwrap();
        assert_eq!(
            src.next_frame().err(),
            Some(SourceError::Corrupt {
                at: epb_at,
                what: "packet record 1 is on interface 3, but only 1 interface(s) are described"
                    .into()
            })
        );
    }

    /// An IDB whose custom option is too short for its PEN: pcap-file says
    /// "need more bytes" although the block is complete. Must not wait for
    /// (or buffer) the rest of the input.
    #[test]
    fn pcapng_short_option_inside_a_complete_block_is_corrupt() {
        let mut w = PcapNgWriter::with_endianness(Vec::new(), Endianness::Big).unwrap();
        w.write_pcapng_block(idb(DataLink::NETLINK, None)).unwrap();
        let mut bytes = w.into_inner();
        let idb_at = bytes.len() as u64;
        // IDB: link type 253, snaplen 0, option 2989 (custom binary) of 2 bytes.
        for word in [1u32, 28, 253 << 16, 0, (2989 << 16) | 2, 0xabcd_0000, 28] {
            bytes.extend(word.to_be_bytes());
        }
        let mut src = open_bytes(bytes).unwrap();
        assert_eq!(
            src.next_frame().err(),
            Some(SourceError::Corrupt {
                at: idb_at,
                what: "pcapng block of type 0x00000001: a field inside the block is cut short"
                    .into()
            })
        );
    }

    /// Cut `pyroute2__nl0.pcap` at every length up to past record 4: the
    /// frames are exactly the records that fit, and the error names the
    /// record that does not. Record ends from tshark's frame.cap_len
    /// (52, 2496, 36, 36) plus 16-byte record headers after the 24-byte header.
    #[test]
    fn pcap_cut_at_every_length() {
        let full = sample("pyroute2__nl0.pcap");
        let ends = [92usize, 2604, 2656, 2708];
        for cut in 0..2720 {
            let res = open_bytes(full[..cut].to_vec());
            if cut == 0 {
                assert!(matches!(res, Err(SourceError::Format(ref m)) if m.starts_with("empty")));
                continue;
            }
            if cut < 4 {
                assert!(matches!(res, Err(SourceError::Format(ref m)) if m.starts_with("not a")));
                continue;
            }
            if cut < 24 {
                assert!(
                    matches!(res, Err(SourceError::Truncated { at: 0, .. })),
                    "{cut}"
                );
                continue;
            }
            let (frames, end) = drain(&mut res.unwrap());
            let whole = ends.iter().filter(|&&e| e <= cut).count();
            assert_eq!(frames.len(), whole, "cut at {cut}");
            if cut == 24 || ends.contains(&cut) {
                assert_eq!(end, Ok(()), "cut at {cut}");
            } else {
                let at = if whole == 0 { 24 } else { ends[whole - 1] } as u64;
                assert_eq!(
                    end,
                    Err(SourceError::Truncated {
                        at,
                        what: format!("packet record {}", whole + 1)
                    }),
                    "cut at {cut}"
                );
            }
        }
    }

    /// Damaged bytes never panic; whatever comes out is frames, then at most
    /// one error of a kind that names a place.
    #[test]
    fn damaged_bytes_do_not_panic() {
        for name in ["drizzt-ovs__ovs-netlink.pcapng", "pyroute2__nl0.pcap"] {
            let full = sample(name);
            for pos in (0..1200).step_by(3) {
                for value in [0x00u8, 0xff, 0x80] {
                    let mut bytes = full.clone();
                    bytes[pos] = value;
                    let Ok(mut src) = open_bytes(bytes) else {
                        continue;
                    };
                    let (frames, end) = drain(&mut src);
                    assert!(frames.len() <= 399, "{name} byte {pos} = {value:#x}");
                    if let Err(e) = end {
                        assert!(!e.to_string().is_empty());
                    }
                }
            }
        }
    }

    #[test]
    fn pcapng_timestamp_resolutions() {
        assert_eq!(
            ng_timestamp(5 * 1024 + 512, 0x80 | 10, 0),
            Some(Timestamp::new(5, 500_000_000))
        );
        assert_eq!(
            ng_timestamp(1500, 3, 100),
            Some(Timestamp::new(101, 500_000_000))
        );
        assert_eq!(ng_timestamp(7, 0, 0), Some(Timestamp::new(7, 0)));
        assert_eq!(ng_timestamp(1, 0x7f, 0), None);
        assert_eq!(ng_timestamp(1000, 3, -2), None);
        assert_eq!(
            pcap_timestamp(10, 1_500_000_000, true),
            Some(Timestamp::new(11, 500_000_000))
        );
    }
}
