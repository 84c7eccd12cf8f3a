//! Turning one node's value into text: the strace look (named constants,
//! `A|B|0x80` flags, escaped strings) shared by the text and JSON renderers.

use crate::dissect::{flags, Name, Node, NodeKind, Value};
use std::fmt::Write;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends one byte as two lower-case hex digits (no formatting machinery:
/// this is the hot path of every dump).
#[inline]
pub fn hex_byte(c: u8, out: &mut String) {
    out.push(HEX[(c >> 4) as usize] as char);
    out.push(HEX[(c & 15) as usize] as char);
}

/// Appends an integer in decimal.
#[inline]
pub fn int(v: impl itoa::Integer, out: &mut String) {
    out.push_str(itoa::Buffer::new().format(v));
}

/// The number an enum value stands for. Enum values of signed fields (C
/// `int` verdicts: NFT_JUMP is -3) are held as two's complement `u64`, as
/// the spec loader holds negative entries; no enum names a value of 2^63 or
/// more, so such a value is a negative one.
pub fn enum_signed(v: u64) -> Option<i64> {
    i64::try_from(v).is_err().then_some(v as i64)
}

/// Appends an enum's number in decimal, negative when it is (`-3`).
pub fn enum_int(v: u64, out: &mut String) {
    match enum_signed(v) {
        Some(i) => int(i, out),
        None => int(v, out),
    }
}

/// Appends an enum's raw number: hex (`0x2`), or decimal when negative (`-3`).
pub fn enum_raw(v: u64, out: &mut String) {
    match enum_signed(v) {
        Some(i) => int(i, out),
        None => {
            let _ = write!(out, "{v:#x}");
        }
    }
}

/// Appends `b` as the inside of a C string literal: printable ASCII as is,
/// `\"`, `\\`, `\t`, `\n`, `\r`, everything else `\xNN`.
pub fn escape_c(b: &[u8], out: &mut String) {
    out.reserve(b.len());
    for &c in b {
        match c {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            0x20..=0x7e => out.push(c as char),
            _ => {
                out.push_str("\\x");
                hex_byte(c, out);
            }
        }
    }
}

/// Lower-case hex without separators.
pub fn hex(b: &[u8], out: &mut String) {
    out.reserve(b.len() * 2);
    for &c in b {
        hex_byte(c, out);
    }
}

pub fn mac(b: &[u8], out: &mut String) {
    for (i, &c) in b.iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        hex_byte(c, out);
    }
}

/// IPv4 or IPv6 by length; anything else as hex.
pub fn ip(b: &[u8], out: &mut String) {
    match b.len() {
        4 => {
            for (i, &o) in b.iter().enumerate() {
                if i > 0 {
                    out.push('.');
                }
                int(o, out);
            }
        }
        16 => {
            let mut a = [0u8; 16];
            a.copy_from_slice(b);
            let _ = write!(out, "{}", std::net::Ipv6Addr::from(a));
        }
        _ => hex(b, out),
    }
}

pub fn uuid(b: &[u8], out: &mut String) {
    for (i, c) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        let _ = write!(out, "{c:02x}");
    }
}

/// Flag names of `v` from an enum's entries, unknown bits as hex; `0` when empty.
pub fn flag_set(v: u64, def: Option<&crate::spec::EnumDef>, out: &mut String) {
    if v == 0 {
        out.push('0');
        return;
    }
    let mut left = v;
    let mut first = true;
    if let Some(e) = def {
        for (bit, name) in &e.entries {
            if *bit != 0 && left & bit == *bit {
                if !first {
                    out.push('|');
                }
                out.push_str(name);
                left &= !bit;
                first = false;
            }
        }
    }
    if left != 0 {
        if !first {
            out.push('|');
        }
        let _ = write!(out, "{left:#x}");
    }
}

/// The bytes of a node's value span.
pub fn data<'a>(node: &Node, frame: &'a [u8]) -> &'a [u8] {
    let s = node.data_off as usize;
    let e = s.saturating_add(node.data_len as usize);
    frame.get(s..e).unwrap_or(&[])
}

/// The node's name as text output shows it: `IFLA_IFNAME`,
/// `0x2a /* IFLA_??? */`, `[3]`.
pub fn name(node: &Node, out: &mut String) {
    match node.name {
        Name::Known(s) => out.push_str(s),
        Name::Index(i) => {
            let _ = write!(out, "[{i}]");
        }
        Name::Unknown(prefix) => {
            let (id, raw) = match node.kind {
                NodeKind::Attr { id, raw_type } => (id, raw_type),
                _ => (0, 0),
            };
            if raw & crate::wire::nlmsg::NLA_F_NESTED != 0 {
                out.push_str("NLA_F_NESTED|");
            }
            if raw & crate::wire::nlmsg::NLA_F_NET_BYTEORDER != 0 {
                out.push_str("NLA_F_NET_BYTEORDER|");
            }
            if prefix.is_empty() {
                let _ = write!(out, "{id:#x}");
            } else {
                let _ = write!(out, "{id:#x} /* {prefix}??? */");
            }
        }
    }
}

/// Appends the value in strace-like text. Containers write nothing.
pub fn text(node: &Node, frame: &[u8], out: &mut String) {
    let b = || data(node, frame);
    match node.value {
        Value::None => {}
        Value::Flag => out.push_str("true"),
        Value::U(v) => int(v, out),
        Value::I(v) => int(v, out),
        Value::Hex(v) => {
            let _ = write!(out, "{v:#x}");
        }
        Value::Enum { v, def } => match def.and_then(|e| e.name_of(v)) {
            Some(n) => out.push_str(n),
            None => enum_int(v, out),
        },
        Value::Flags { v, def } => flag_set(v, def, out),
        Value::MsgFlags { v, kind } => {
            if v == 0 {
                out.push('0');
            } else {
                let mut first = true;
                flags::for_each_name(v, kind, |s| {
                    if !first {
                        out.push('|');
                    }
                    out.push_str(s);
                    first = false;
                });
            }
        }
        Value::MsgType { v, name } => match name {
            Some(n) => out.push_str(n),
            None => {
                let _ = write!(out, "{v:#x}");
            }
        },
        Value::Str => {
            out.push('"');
            escape_c(b(), out);
            out.push('"');
        }
        Value::Bytes => {
            out.push('"');
            escape_c(b(), out);
            out.push('"');
        }
        Value::HexBytes => {
            out.push_str("0x");
            hex(b(), out);
        }
        Value::Mac => mac(b(), out),
        Value::Ip => ip(b(), out),
        Value::Uuid => uuid(b(), out),
        Value::Errno(e) => errno(e, out),
        Value::Bitfield32 {
            value,
            selector,
            def,
        } => {
            out.push_str("{value=");
            flag_set(value as u64, def, out);
            out.push_str(", selector=");
            flag_set(selector as u64, def, out);
            out.push('}');
        }
    }
}

/// `-ENODEV`, `0`, or the number when unknown.
pub fn errno(e: i32, out: &mut String) {
    if e == 0 {
        out.push('0');
        return;
    }
    match crate::dissect::errno::lookup(e.checked_neg().unwrap_or(0)) {
        Some((n, _)) => {
            out.push('-');
            out.push_str(n);
        }
        None => {
            let _ = write!(out, "{e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_terminals_safe() {
        let mut s = String::new();
        escape_c(b"eth0\x1b[31m\"\\\n\0", &mut s);
        assert_eq!(s, r#"eth0\x1b[31m\"\\\n\x00"#);
    }

    #[test]
    fn addresses() {
        let mut s = String::new();
        ip(&[192, 0, 2, 1], &mut s);
        s.push(' ');
        ip(
            &[0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
            &mut s,
        );
        s.push(' ');
        mac(&[0, 0x23, 0x45, 0x67, 0x89, 0x1f], &mut s);
        assert_eq!(s, "192.0.2.1 2001:db8::1 00:23:45:67:89:1f");
    }

    #[test]
    fn flags_keep_unknown_bits() {
        let def = crate::spec::EnumDef {
            name: "f".into(),
            is_flags: true,
            entries: vec![(1, "IFF_UP".into()), (8, "IFF_LOOPBACK".into())],
        };
        let mut s = String::new();
        flag_set(0x89, Some(&def), &mut s);
        assert_eq!(s, "IFF_UP|IFF_LOOPBACK|0x80");
        let mut z = String::new();
        flag_set(0, Some(&def), &mut z);
        assert_eq!(z, "0");
    }

    #[test]
    fn errno_names() {
        let mut s = String::new();
        errno(-19, &mut s);
        s.push(' ');
        errno(0, &mut s);
        s.push(' ');
        errno(-4000, &mut s);
        assert_eq!(s, "-ENODEV 0 -4000");
    }
}
