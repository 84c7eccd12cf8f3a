//! NETLINK_KOBJECT_UEVENT: text, not netlink messages. The kernel sends
//! `ACTION@DEVPATH\0` then `KEY=VALUE\0` lines (lib/kobject_uevent.c);
//! udevd re-broadcasts events with libudev's binary header in front
//! (systemd sd-device/device-monitor.c, `struct monitor_netlink_header`)
//! followed by the KEY=VALUE lines only.
//!
//! Every KEY=VALUE line becomes a node named KEY whose value is VALUE.
//! Node names are `&'static str`: keys are interned once, at most
//! [`MAX_KEYS`] distinct ones, each at most [`MAX_KEY_LEN`] bytes of
//! `[A-Za-z0-9_]`; anything else is shown as `property` with the whole line.

use super::{field, group, Dissection, Message, MsgCx, Name, NodeId, NodeKind, Value};
use crate::frame::{proto, ByteOrder, Direction};
use crate::wire::nlmsg::{read_uint, NlMsgHdr};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

const MAX_KEYS: usize = 1024;
const MAX_KEY_LEN: usize = 64;

/// True when the payload is a well-formed nlmsghdr chain.
pub(super) fn looks_like_nlmsg(payload: &[u8], order: ByteOrder) -> bool {
    NlMsgHdr::read(payload, order)
        .is_some_and(|h| (16..=payload.len()).contains(&(h.len as usize)) && h.msg_type < 0x1000)
}

/// libudev's monitor header: "libudev\0", then (name, offset, network order).
const LIBUDEV_PREFIX: &[u8] = b"libudev\0";
const LIBUDEV_HDR_LEN: usize = 40;
const LIBUDEV_HDR: &[(&str, usize, bool)] = &[
    ("magic", 8, true),
    ("header_size", 12, false),
    ("properties_off", 16, false),
    ("properties_len", 20, false),
    ("filter_subsystem_hash", 24, true),
    ("filter_devtype_hash", 28, true),
    ("filter_tag_bloom_hi", 32, true),
    ("filter_tag_bloom_lo", 36, true),
];

/// The interned name for a uevent key, if it is a plausible one.
fn key_name(key: &[u8]) -> Option<&'static str> {
    let ok = !key.is_empty()
        && key.len() <= MAX_KEY_LEN
        && key.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_');
    if !ok {
        return None;
    }
    static KEYS: OnceLock<Mutex<HashMap<Vec<u8>, &'static str>>> = OnceLock::new();
    let mut keys = KEYS.get_or_init(Default::default).lock().ok()?;
    if let Some(&k) = keys.get(key) {
        return Some(k);
    }
    if keys.len() >= MAX_KEYS {
        return None;
    }
    let s: &'static str = Box::leak(String::from_utf8_lossy(key).into_owned().into_boxed_str());
    keys.insert(key.to_vec(), s);
    Some(s)
}

/// Decodes one uevent datagram.
pub(super) fn dissect(cx: &mut MsgCx, payload: &[u8], out: &mut Dissection) {
    let base = cx.base;
    let libudev = payload.starts_with(LIBUDEV_PREFIX);
    // kernel uevents come from the kernel; libudev ones from udevd
    let direction = match (cx.frame.direction, libudev) {
        (Direction::Unknown, false) => Direction::FromKernel,
        (dir, _) => dir,
    };
    let mut m = Message::headerless(
        base,
        payload.len(),
        0,
        Some(proto::KOBJECT_UEVENT),
        direction,
        out.nodes.len() as NodeId,
    );
    m.type_name = Some(if libudev { "libudev" } else { "uevent" });
    let mut text_start = 0usize;
    if libudev {
        let hl = LIBUDEV_HDR_LEN.min(payload.len());
        let g = out.push(group("libudev", base, hl as u32, 0));
        m.header = Some(g);
        let mut prefix = field("prefix", base, 8, Value::Str, 1);
        prefix.data_len = 7;
        out.push(prefix);
        for &(name, off, net) in LIBUDEV_HDR {
            if let Some(b) = payload.get(off..off + 4) {
                let order = if net { ByteOrder::Big } else { cx.order };
                let v = read_uint(b, order).unwrap_or(0);
                let val = if net { Value::Hex(v) } else { Value::U(v) };
                out.push(field(name, base + off as u32, 4, val, 1));
            }
        }
        out.close(g);
        text_start = payload
            .get(16..20)
            .and_then(|b| read_uint(b, cx.order))
            .map_or(hl, |v| v as usize)
            .clamp(hl, payload.len());
    }
    let text = &payload[text_start..];
    let g = out.push(group(
        "attributes",
        base + text_start as u32,
        text.len() as u32,
        0,
    ));
    m.attrs = Some(g);
    let mut off = 0usize;
    let mut first = !libudev;
    while off < text.len() {
        let end = text[off..]
            .iter()
            .position(|&c| c == 0)
            .map_or(text.len(), |p| off + p);
        if end > off {
            let line = &text[off..end];
            let at = base + (text_start + off) as u32;
            let mut n = field("property", at, line.len() as u32, Value::Str, 1);
            n.kind = NodeKind::Field;
            if first {
                n.name = Name::Known("action@devpath");
            } else if let Some(eq) = line.iter().position(|&c| c == b'=') {
                if let Some(k) = key_name(&line[..eq]) {
                    n.name = Name::Known(k);
                    n.data_off = at + eq as u32 + 1;
                    n.data_len = (line.len() - eq - 1) as u32;
                }
            }
            out.push(n);
        }
        first = false;
        off = end + 1;
    }
    out.close(g);
    m.nodes.1 = out.nodes.len() as NodeId;
    out.messages.push(m);
}
