//! JSON lines: one object per netlink message (schema in README.md).
//! Written by hand into one buffer: no intermediate document, no per-node
//! allocation beyond the output string.

use super::value;
use crate::dissect::{flags, Dissection, Message, Name, Node, NodeId, NodeKind, Value};
use crate::frame::{proto, Frame};
use std::fmt::Write as _;
use std::io::{self, Write};

/// Writes frames as JSON lines.
#[derive(Default)]
pub struct JsonRenderer {
    buf: String,
}

/// Appends `s` as a JSON string literal.
pub fn string(s: &str, out: &mut String) {
    out.push('"');
    if !s
        .bytes()
        .any(|b| b < 0x20 || b == b'"' || b == b'\\' || b == 0x7f)
    {
        out.push_str(s);
        out.push('"');
        return;
    }
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn bytes_string(b: &[u8], out: &mut String) {
    let s = String::from_utf8_lossy(b);
    string(&s, out);
}

impl JsonRenderer {
    pub fn new() -> JsonRenderer {
        JsonRenderer {
            buf: String::with_capacity(8192),
        }
    }

    pub fn write_frame(
        &mut self,
        w: &mut impl Write,
        frame: &Frame,
        d: &Dissection,
    ) -> io::Result<()> {
        self.buf.clear();
        let bytes = &frame.data;
        for (i, m) in d.messages.iter().enumerate() {
            self.message(frame, d, m, bytes, i == 0);
            self.buf.push('\n');
        }
        if d.messages.is_empty() {
            let _ = write!(self.buf, "{{\"frame\":{},", frame.number);
            self.ts(frame);
            self.buf.push_str(",\"family\":");
            self.family(d);
            self.buf.push_str(",\"type\":null,\"problems\":");
            self.problems(d, None, true);
            self.buf.push_str("}\n");
        }
        w.write_all(self.buf.as_bytes())
    }

    fn ts(&mut self, frame: &Frame) {
        self.buf.push_str("\"ts\":");
        match frame.ts {
            Some(t) => {
                let _ = write!(self.buf, "{}.{:06}", t.secs, t.nanos / 1000);
            }
            None => self.buf.push_str("null"),
        }
    }

    fn family(&mut self, d: &Dissection) {
        match d.protocol.and_then(proto::name) {
            Some(n) => string(n, &mut self.buf),
            None => self.buf.push_str("null"),
        }
    }

    fn message(&mut self, frame: &Frame, d: &Dissection, m: &Message, bytes: &[u8], first: bool) {
        let b = &mut self.buf;
        let _ = write!(b, "{{\"frame\":{},\"msg\":{},", frame.number, m.index);
        self.ts(frame);
        self.buf.push_str(",\"family\":");
        self.family(d);
        let b = &mut self.buf;
        if let Some(o) = &frame.origin {
            b.push_str(",\"origin\":");
            string(o, b);
        }
        if d.protocol_guessed {
            b.push_str(",\"family_guessed\":true");
        }
        let _ = write!(
            b,
            ",\"direction\":\"{}\",\"offset\":{},\"len\":{}",
            m.direction.as_str(),
            m.offset,
            m.hdr.len
        );
        b.push_str(",\"type\":");
        let tname = if m.is_ack() {
            Some("NLMSG_ERROR")
        } else {
            m.type_name
        };
        match (tname, &m.genl) {
            (_, Some(g)) if g.family.is_some() => string(g.family.as_deref().unwrap_or(""), b),
            (Some(t), _) => string(t, b),
            _ => b.push_str("null"),
        }
        let _ = write!(b, ",\"type_id\":{}", m.hdr.msg_type);
        if m.headerless {
            b.push_str(",\"flags\":[],\"flags_raw\":null,\"seq\":null,\"pid\":null");
        } else {
            b.push_str(",\"flags\":[");
            let mut firstf = true;
            flags::for_each_name(m.hdr.flags, m.flag_kind, |s| {
                if !firstf {
                    b.push(',');
                }
                string(s, b);
                firstf = false;
            });
            let _ = write!(
                b,
                "],\"flags_raw\":{},\"seq\":{},\"pid\":{}",
                m.hdr.flags, m.hdr.seq, m.hdr.pid
            );
        }
        b.push_str(",\"genl\":");
        match &m.genl {
            Some(g) => {
                b.push_str("{\"family\":");
                match &g.family {
                    Some(f) => string(f, b),
                    None => b.push_str("null"),
                }
                b.push_str(",\"cmd\":");
                match g.cmd {
                    Some(c) => string(c, b),
                    None => b.push_str("null"),
                }
                let _ = write!(b, ",\"cmd_id\":{},\"version\":{}}}", g.cmd_id, g.version);
            }
            None => b.push_str("null"),
        }
        self.buf.push_str(",\"header\":");
        match m.header {
            Some(h) => self.object(d, bytes, h),
            None => self.buf.push_str("null"),
        }
        self.buf.push_str(",\"attrs\":");
        match m.attrs {
            Some(a) => self.node_list(d, bytes, a),
            None => self.buf.push_str("[]"),
        }
        self.buf.push_str(",\"error\":");
        self.error(d, m, bytes);
        let b = &mut self.buf;
        b.push_str(",\"reply_to\":");
        match m.reply_to {
            Some(r) => {
                let _ = write!(
                    b,
                    "{{\"frame\":{},\"msg\":{},\"elapsed_us\":",
                    r.frame, r.msg
                );
                opt_num(r.elapsed_us, b);
                b.push('}');
            }
            None => b.push_str("null"),
        }
        b.push_str(",\"replies\":");
        match m.replies {
            Some(r) => {
                let _ = write!(
                    b,
                    "{{\"request_frame\":{},\"request_msg\":{},\"count\":{},\"elapsed_us\":",
                    r.request_frame, r.request_msg, r.count
                );
                opt_num(r.elapsed_us, b);
                b.push('}');
            }
            None => b.push_str("null"),
        }
        self.buf.push_str(",\"problems\":");
        self.problems(d, Some(m), first);
        self.buf.push('}');
    }

    fn error(&mut self, d: &Dissection, m: &Message, bytes: &[u8]) {
        let Some(e) = &m.error else {
            self.buf.push_str("null");
            return;
        };
        let b = &mut self.buf;
        let _ = write!(b, "{{\"errno\":{},\"name\":", e.errno);
        match e.name {
            Some(n) => string(n, b),
            None => b.push_str("null"),
        }
        b.push_str(",\"description\":");
        match e.description {
            Some(n) => string(n, b),
            None => b.push_str("null"),
        }
        b.push_str(",\"msg\":");
        match e.msg {
            Some((o, l)) => {
                let s = bytes
                    .get(o as usize..(o as usize).saturating_add(l as usize))
                    .unwrap_or(&[]);
                let end = s.iter().position(|&c| c == 0).unwrap_or(s.len());
                bytes_string(&s[..end], b);
            }
            None => b.push_str("null"),
        }
        b.push_str(",\"offset\":");
        opt_num(e.offset.map(u64::from), b);
        b.push_str(",\"attr\":");
        match &e.attr {
            Some(a) => string(a, b),
            None => b.push_str("null"),
        }
        b.push_str(",\"missing\":");
        match &e.missing {
            Some(a) => string(a, b),
            None => b.push_str("null"),
        }
        // the echoed request, decoded
        b.push_str(",\"request\":");
        let req = (m.nodes.0..m.nodes.1).find(|&i| {
            d.nodes[i as usize].name == Name::Known("request") && d.nodes[i as usize].depth == 0
        });
        match req {
            Some(r) => self.object(d, bytes, r),
            None => self.buf.push_str("null"),
        }
        self.buf.push('}');
    }

    fn problems(&mut self, d: &Dissection, m: Option<&Message>, with_frame: bool) {
        let b = &mut self.buf;
        b.push('[');
        let mut first = true;
        let frame_probs = if with_frame { &d.problems[..] } else { &[] };
        for p in m
            .map(|m| &m.problems[..])
            .unwrap_or(&[])
            .iter()
            .chain(frame_probs)
        {
            if !first {
                b.push(',');
            }
            first = false;
            let _ = write!(b, "{{\"offset\":{},\"message\":", p.offset);
            string(&p.message, b);
            b.push('}');
        }
        b.push(']');
    }

    /// A group as `{"field": value, …}` (fixed headers, echoed requests).
    fn object(&mut self, d: &Dissection, bytes: &[u8], id: NodeId) {
        self.buf.push('{');
        for (i, c) in d.children(id).enumerate() {
            if i > 0 {
                self.buf.push(',');
            }
            let n = &d.nodes[c as usize];
            match n.name {
                Name::Known(k) => string(k, &mut self.buf),
                _ => {
                    let mut key = String::new();
                    value::name(n, &mut key);
                    string(&key, &mut self.buf);
                }
            }
            self.buf.push(':');
            if n.has_children(c) {
                if matches!(n.kind, NodeKind::Attr { .. }) || n.name == Name::Known("attributes") {
                    self.node_list(d, bytes, c);
                } else {
                    self.object(d, bytes, c);
                }
            } else {
                self.value(n, bytes);
            }
        }
        self.buf.push('}');
    }

    /// The children of `id` as a list of `{name, type, offset, len, value, attrs}`.
    fn node_list(&mut self, d: &Dissection, bytes: &[u8], id: NodeId) {
        self.buf.push('[');
        for (i, c) in d.children(id).enumerate() {
            if i > 0 {
                self.buf.push(',');
            }
            self.node(d, bytes, c);
        }
        self.buf.push(']');
    }

    fn node(&mut self, d: &Dissection, bytes: &[u8], id: NodeId) {
        let n = &d.nodes[id as usize];
        let b = &mut self.buf;
        b.push_str("{\"name\":");
        match n.name {
            Name::Known(s) => string(s, b),
            Name::Index(i) => {
                let _ = write!(b, "\"[{i}]\"");
            }
            Name::Unknown(_) => b.push_str("null"),
        }
        b.push_str(",\"type\":");
        match n.kind {
            NodeKind::Attr { id, .. } => value::int(id, b),
            _ => b.push_str("null"),
        }
        b.push_str(",\"offset\":");
        value::int(n.offset, b);
        b.push_str(",\"len\":");
        value::int(n.len, b);
        b.push_str(",\"value\":");
        self.value(n, bytes);
        match n.value {
            Value::Enum { v, .. } => {
                self.buf.push_str(",\"raw\":");
                value::enum_int(v, &mut self.buf);
            }
            Value::Flags { v, .. } => {
                self.buf.push_str(",\"raw\":");
                value::int(v, &mut self.buf);
            }
            _ => {}
        }
        if let Some(p) = &n.problem {
            self.buf.push_str(",\"problem\":");
            string(p, &mut self.buf);
        }
        if n.has_children(id) {
            self.buf.push_str(",\"attrs\":");
            self.node_list(d, bytes, id);
        }
        self.buf.push('}');
    }

    fn value(&mut self, n: &Node, bytes: &[u8]) {
        let b = &mut self.buf;
        let data = || value::data(n, bytes);
        match n.value {
            Value::None => b.push_str("null"),
            Value::Flag => b.push_str("true"),
            Value::U(v) | Value::Hex(v) => value::int(v, b),
            Value::I(v) => value::int(v, b),
            Value::Errno(v) => {
                let _ = write!(b, "{v}");
            }
            Value::Enum { v, def } => match def.and_then(|e| e.name_of(v)) {
                Some(s) => string(s, b),
                None => value::enum_int(v, b),
            },
            Value::MsgType { v, name } => match name {
                Some(s) => string(s, b),
                None => {
                    let _ = write!(b, "{v}");
                }
            },
            Value::Flags { v, def } => {
                let mut s = String::new();
                value::flag_set(v, def, &mut s);
                list_of(&s, b);
            }
            Value::MsgFlags { v, kind } => {
                b.push('[');
                let mut first = true;
                flags::for_each_name(v, kind, |s| {
                    if !first {
                        b.push(',');
                    }
                    string(s, b);
                    first = false;
                });
                b.push(']');
            }
            Value::Str => bytes_string(data(), b),
            Value::Bytes | Value::HexBytes => {
                let mut s = String::new();
                value::hex(data(), &mut s);
                string(&s, b);
            }
            Value::Mac | Value::Ip | Value::Uuid => {
                let mut s = String::new();
                value::text(n, bytes, &mut s);
                string(&s, b);
            }
            Value::Bitfield32 {
                value, selector, ..
            } => {
                let _ = write!(b, "{{\"value\":{value},\"selector\":{selector}}}");
            }
        }
    }
}

fn opt_num(v: Option<u64>, b: &mut String) {
    match v {
        Some(v) => {
            let _ = write!(b, "{v}");
        }
        None => b.push_str("null"),
    }
}

/// `A|B|0x80` → `["A","B","0x80"]`; `0` → `[]`.
fn list_of(flags: &str, b: &mut String) {
    b.push('[');
    if flags != "0" {
        for (i, f) in flags.split('|').enumerate() {
            if i > 0 {
                b.push(',');
            }
            string(f, b);
        }
    }
    b.push(']');
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_strings_are_escaped() {
        let mut s = String::new();
        super::string("a\"b\\c\n\u{1b}", &mut s);
        assert_eq!(s, r#""a\"b\\c\n\u001b""#);
    }
}
