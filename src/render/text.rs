//! strace-like text: one line per message (`-v`: the whole tree, one field
//! a line), optional hex of each message (`-x`, `-X`).

use super::value::{self, escape_c};
use super::TimeFormat;
use crate::dissect::{Dissection, Message, Name, NodeId, NodeKind, Value};
use crate::frame::{proto, Frame, Timestamp};
use std::fmt::Write as _;
use std::io::{self, Write};

/// What the text renderer shows.
#[derive(Debug, Clone, Default)]
pub struct TextOptions {
    pub verbose: bool,
    /// 1 = hex (`-x`), 2 = hex and ASCII (`-X`).
    pub hex: u8,
    pub time: TimeFormat,
    pub color: bool,
}

/// Writes frames as text; keeps the state timestamps need.
pub struct TextRenderer {
    opts: TextOptions,
    buf: String,
    first_ts: Option<Timestamp>,
    prev_ts: Option<Timestamp>,
}

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

impl TextRenderer {
    pub fn new(opts: TextOptions) -> TextRenderer {
        TextRenderer {
            opts,
            buf: String::with_capacity(4096),
            first_ts: None,
            prev_ts: None,
        }
    }

    fn paint(&mut self, color: &str, f: impl FnOnce(&mut String)) {
        if self.opts.color {
            self.buf.push_str(color);
            f(&mut self.buf);
            self.buf.push_str(RESET);
        } else {
            f(&mut self.buf);
        }
    }

    /// Writes every message of a frame.
    pub fn write_frame(
        &mut self,
        w: &mut impl Write,
        frame: &Frame,
        d: &Dissection,
    ) -> io::Result<()> {
        self.buf.clear();
        let bytes = &frame.data;
        let time = self.time_text(frame.ts);
        let multi = d.messages.len() > 1;
        for m in &d.messages {
            self.line_head(frame, d, m, &time, multi);
            if self.opts.verbose {
                if let Some(e) = m.error.as_ref().filter(|e| e.errno != 0 || e.msg.is_some()) {
                    self.buf.push(' ');
                    self.error_text(m, e.errno, bytes);
                }
                self.correlation(m);
                self.buf.push('\n');
                for id in top_nodes(d, m) {
                    self.tree(d, bytes, id, 1);
                }
                self.problems(m, "    ");
            } else {
                self.compact_body(d, bytes, m);
                self.correlation(m);
                self.problems(m, " ");
                self.buf.push('\n');
            }
            if self.opts.hex > 0 {
                let s = m.offset as usize;
                let e = (s + m.avail as usize).min(bytes.len());
                hexdump(&bytes[s.min(e)..e], self.opts.hex > 1, &mut self.buf);
            }
        }
        if d.messages.is_empty() {
            let fam = family_text(d);
            let _ = write!(
                self.buf,
                "{} {}{} -- (no netlink message)",
                frame.number, time, fam
            );
            self.buf.push('\n');
        }
        for p in &d.problems {
            let _ = write!(self.buf, "{}: ", frame.number);
            let msg = format!("!! {} (at byte {})", p.message, p.offset);
            self.paint(YELLOW, |b| b.push_str(&msg));
            self.buf.push('\n');
        }
        w.write_all(self.buf.as_bytes())
    }

    fn time_text(&mut self, ts: Option<Timestamp>) -> String {
        let Some(ts) = ts else {
            return String::new();
        };
        let first = *self.first_ts.get_or_insert(ts);
        let prev = self.prev_ts.replace(ts).unwrap_or(ts);
        let mut s = String::new();
        match self.opts.time {
            TimeFormat::None => return s,
            TimeFormat::TimeOfDay => {
                let t = ts.secs % 86400;
                let _ = write!(
                    s,
                    "{:02}:{:02}:{:02}.{:06}",
                    t / 3600,
                    t / 60 % 60,
                    t % 60,
                    ts.nanos / 1000
                );
            }
            TimeFormat::Epoch => {
                let _ = write!(s, "{ts}");
            }
            TimeFormat::Delta => fmt_delta(prev, ts, &mut s),
            TimeFormat::SinceFirst => fmt_delta(first, ts, &mut s),
            TimeFormat::DateTime => {
                let (y, mo, d) = civil_from_days((ts.secs / 86400) as i64);
                let t = ts.secs % 86400;
                let _ = write!(
                    s,
                    "{y:04}-{mo:02}-{d:02} {:02}:{:02}:{:02}.{:06}",
                    t / 3600,
                    t / 60 % 60,
                    t % 60,
                    ts.nanos / 1000
                );
            }
        }
        s.push(' ');
        s
    }

    fn line_head(&mut self, frame: &Frame, d: &Dissection, m: &Message, time: &str, multi: bool) {
        let _ = write!(self.buf, "{}", frame.number);
        if multi {
            let _ = write!(self.buf, ".{}", m.index);
        }
        let _ = write!(
            self.buf,
            " {}{} {} ",
            time,
            family_text(d),
            m.direction.arrow()
        );
        let is_err = m.error.as_ref().is_some_and(|e| e.errno != 0);
        let color = if is_err {
            RED
        } else if m.is_ack() {
            GREEN
        } else {
            BOLD
        };
        let mut name = String::new();
        if let Some(g) = &m.genl {
            match (&g.family, m.type_name) {
                // learned from the wire: escape like any other wire string
                (Some(f), _) => escape_c(f.as_bytes(), &mut name),
                (None, _) => {
                    let _ = write!(name, "genl:{:#x}", m.hdr.msg_type);
                }
            }
            name.push(' ');
            match g.cmd {
                Some(c) => name.push_str(c),
                None => {
                    let _ = write!(name, "cmd={}", g.cmd_id);
                }
            }
        } else if m.is_ack() {
            name.push_str("ACK");
        } else {
            match m.type_name {
                Some(t) => name.push_str(t),
                None => {
                    let _ = write!(name, "{:#x}", m.hdr.msg_type);
                }
            }
        }
        self.paint(color, |b| b.push_str(&name));
        if m.headerless {
            let _ = write!(self.buf, " len={}", m.avail);
            return;
        }
        let mut fl = String::new();
        let node = Value::MsgFlags {
            v: m.hdr.flags,
            kind: m.flag_kind,
        };
        value_text(node, &mut fl);
        if let Some(g) = &m.genl {
            let _ = write!(self.buf, " v{}", g.version);
        }
        let _ = write!(
            self.buf,
            " flags={} seq={} pid={} len={}",
            fl, m.hdr.seq, m.hdr.pid, m.hdr.len
        );
    }

    fn compact_body(&mut self, d: &Dissection, bytes: &[u8], m: &Message) {
        for id in top_nodes(d, m) {
            let n = &d.nodes[id as usize];
            // headers are on the line already; padding is only worth a
            // look in -v, where its span shows
            if matches!(
                n.name,
                Name::Known("nlmsghdr") | Name::Known("genlmsghdr") | Name::Known("padding")
            ) {
                continue;
            }
            self.buf.push(' ');
            if n.value == Value::None && Some(id) == m.attrs {
                self.children(d, bytes, id, '[', ']');
            } else if let Value::Errno(e) = n.value {
                self.error_text(m, e, bytes);
            } else {
                self.node(d, bytes, id);
            }
        }
    }

    fn error_text(&mut self, m: &Message, e: i32, bytes: &[u8]) {
        let mut s = String::from("error=");
        value::errno(e, &mut s);
        if let Some(desc) = m.error.as_ref().and_then(|x| x.description) {
            if e != 0 {
                let _ = write!(s, " ({desc})");
            }
        }
        if let Some(err) = &m.error {
            if let Some((o, l)) = err.msg {
                let b = bytes.get(o as usize..(o + l) as usize).unwrap_or(&[]);
                let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
                s.push_str(" msg=\"");
                escape_c(&b[..end], &mut s);
                s.push('"');
            }
            if let Some(off) = err.offset {
                let _ = write!(s, " offset={off}");
                if let Some(a) = &err.attr {
                    let _ = write!(s, " ({a})");
                }
            }
            if let Some(ms) = &err.missing {
                let _ = write!(s, " missing={ms}");
            }
        }
        let color = if e != 0 { RED } else { GREEN };
        self.paint(color, |b| b.push_str(&s));
    }

    /// `name=value`, `name={…}` or `NAME=[…]`.
    fn node(&mut self, d: &Dissection, bytes: &[u8], id: NodeId) {
        let n = &d.nodes[id as usize];
        if n.name == Name::Known("attributes") && n.kind == NodeKind::Group {
            self.children(d, bytes, id, '[', ']');
            return;
        }
        let unknown = matches!(n.name, Name::Unknown(_));
        if unknown && self.opts.color {
            self.paint(YELLOW, |b| value::name(n, b));
        } else {
            value::name(n, &mut self.buf);
        }
        if n.value == Value::Flag {
            return;
        }
        self.buf.push('=');
        if n.has_children(id) {
            // attribute lists in [...], structs and groups in {...}
            let fields = d
                .children(id)
                .next()
                .is_some_and(|c| !matches!(d.nodes[c as usize].kind, NodeKind::Attr { .. }));
            let (open, close) = if fields { ('{', '}') } else { ('[', ']') };
            self.children(d, bytes, id, open, close);
        } else if n.value == Value::None && matches!(n.kind, NodeKind::Attr { .. }) {
            // a nest (or sub-message) with no attributes in it
            self.buf.push_str("[]");
        } else {
            value::text(n, bytes, &mut self.buf);
        }
        if let Some(p) = &n.problem {
            let p = format!(" /* {p} */");
            self.paint(YELLOW, |b| b.push_str(&p));
        }
    }

    fn children(&mut self, d: &Dissection, bytes: &[u8], id: NodeId, open: char, close: char) {
        self.buf.push(open);
        for (i, c) in d.children(id).enumerate() {
            if i > 0 {
                self.buf.push_str(", ");
            }
            self.node(d, bytes, c);
        }
        self.buf.push(close);
    }

    fn correlation(&mut self, m: &Message) {
        if let Some(r) = m.replies {
            let mut s = format!(" (answers {}", r.request_frame);
            if r.count > 0 {
                let _ = write!(
                    s,
                    ", {} repl{}",
                    r.count,
                    if r.count == 1 { "y" } else { "ies" }
                );
            }
            if let Some(us) = r.elapsed_us {
                let _ = write!(s, ", {}", fmt_us(us));
            }
            s.push(')');
            self.paint(DIM, |b| b.push_str(&s));
        }
    }

    fn problems(&mut self, m: &Message, lead: &str) {
        for p in &m.problems {
            let s = format!("{lead}!! {} (at byte {})", p.message, p.offset);
            if lead.trim().is_empty() && lead.len() > 1 {
                self.paint(YELLOW, |b| b.push_str(&s));
                self.buf.push('\n');
            } else {
                self.paint(YELLOW, |b| b.push_str(&s));
            }
        }
    }

    /// `-v`: one node a line, indented, with its span.
    fn tree(&mut self, d: &Dissection, bytes: &[u8], id: NodeId, depth: usize) {
        let n = &d.nodes[id as usize];
        for _ in 0..depth {
            self.buf.push_str("  ");
        }
        value::name(n, &mut self.buf);
        if let NodeKind::Attr { id: t, .. } = n.kind {
            if !matches!(n.name, Name::Index(_) | Name::Unknown(_)) {
                let _ = write!(self.buf, " ({t})");
            }
        }
        if n.value != Value::None {
            let mut v = String::new();
            if let Value::Errno(e) = n.value {
                value::errno(e, &mut v);
                if let Some((_, desc)) = crate::dissect::errno::lookup(e.checked_neg().unwrap_or(0))
                {
                    let _ = write!(v, " ({desc})");
                }
            } else {
                value::text(n, bytes, &mut v);
            }
            let _ = write!(self.buf, " = {v}");
            match n.value {
                Value::Enum { v, .. } => {
                    self.buf.push_str(" (");
                    value::enum_raw(v, &mut self.buf);
                    self.buf.push(')');
                }
                Value::Flags { v, .. } => {
                    let _ = write!(self.buf, " ({v:#x})");
                }
                Value::MsgFlags { v, .. } => {
                    let _ = write!(self.buf, " ({v:#x})");
                }
                Value::MsgType { v, name: Some(_) } => {
                    let _ = write!(self.buf, " ({v})");
                }
                _ => {}
            }
        }
        let _ = write!(self.buf, "  @{}+{}", n.offset, n.len);
        if let Some(p) = &n.problem {
            let p = format!("  !! {p}");
            self.paint(YELLOW, |b| b.push_str(&p));
        }
        self.buf.push('\n');
        for c in d.children(id).collect::<Vec<_>>() {
            self.tree(d, bytes, c, depth + 1);
        }
    }
}

/// The message's top-level nodes.
fn top_nodes(d: &Dissection, m: &Message) -> Vec<NodeId> {
    let mut v = Vec::new();
    let mut i = m.nodes.0;
    while i < m.nodes.1 {
        v.push(i);
        i = d.nodes[i as usize].end.max(i + 1);
    }
    v
}

fn value_text(v: Value, out: &mut String) {
    let n = crate::dissect::Node {
        name: Name::Known(""),
        kind: NodeKind::Field,
        offset: 0,
        len: 0,
        data_off: 0,
        data_len: 0,
        value: v,
        end: 0,
        depth: 0,
        problem: None,
    };
    value::text(&n, &[], out);
}

fn family_text(d: &Dissection) -> String {
    let mut s = match d.protocol {
        Some(p) => proto::name(p).map_or_else(|| format!("proto{p}"), str::to_string),
        None => "netlink".to_string(),
    };
    if d.protocol_guessed {
        s.push('?');
    }
    s
}

fn fmt_us(us: u64) -> String {
    if us >= 1_000_000 {
        format!("{}.{:03} s", us / 1_000_000, us / 1000 % 1000)
    } else if us >= 1000 {
        format!("{}.{:03} ms", us / 1000, us % 1000)
    } else {
        format!("{us} µs")
    }
}

fn fmt_delta(from: Timestamp, to: Timestamp, s: &mut String) {
    let us = to.micros_since(from);
    let _ = write!(s, "{}.{:06}", us / 1_000_000, us % 1_000_000);
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// tcpdump -x / -X style: offset, 16 bytes in groups of two, ASCII with -X.
pub fn hexdump(b: &[u8], ascii: bool, out: &mut String) {
    for (i, chunk) in b.chunks(16).enumerate() {
        let _ = write!(out, "\t0x{:04x}:  ", i * 16);
        for (j, pair) in chunk.chunks(2).enumerate() {
            if j > 0 {
                out.push(' ');
            }
            for c in pair {
                let _ = write!(out, "{c:02x}");
            }
        }
        if ascii {
            let used = chunk.len() * 2 + chunk.len().div_ceil(2).saturating_sub(1);
            for _ in used..39 {
                out.push(' ');
            }
            out.push_str("  ");
            for &c in chunk {
                out.push(if (0x20..0x7f).contains(&c) {
                    c as char
                } else {
                    '.'
                });
            }
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_416), (2025, 11, 24));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn hexdump_layout() {
        let mut s = String::new();
        let mut b: Vec<u8> = (0x41..0x51).collect();
        b.extend_from_slice(&[0x30, 0, 0, 0, 0x12, 0, 0x41]);
        hexdump(&b, true, &mut s);
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(
            lines[0],
            "\t0x0000:  4142 4344 4546 4748 494a 4b4c 4d4e 4f50  ABCDEFGHIJKLMNOP"
        );
        assert_eq!(
            lines[1],
            "\t0x0010:  3000 0000 1200 41                        0.....A"
        );
        // the ASCII column lines up whatever the length of the last line
        assert_eq!(lines[0].find('A'), lines[1].rfind("0....."));
    }
}
