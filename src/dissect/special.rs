//! The few layouts a spec cannot describe, written in Rust: rtnexthop
//! arrays (RTA_MULTIPATH) and uevent text.

use super::{
    attrs, field, group, Dissection, Dissector, Message, MsgCx, Name, NodeId, NodeKind, Problem,
    Value,
};
use crate::frame::{proto, ByteOrder, Direction};
use crate::spec::{AttrDef, FamilySpec};
use crate::wire::nlmsg::{align4, read_uint, sign_extend, NlMsgHdr};

/// Attributes that get a Rust decoder even when the spec does not ask for
/// one with `nldump-decoder:` (so the kernel's own specs decode the same).
const BY_NAME: &[(&str, &str)] = &[
    ("RTA_MULTIPATH", "rtnexthop"),
    ("IFLA_AF_SPEC", "by-family"),
    ("IFLA_PROTINFO", "by-family"),
];

/// Attributes whose layout depends on the message's address family
/// (ifi_family): (attribute, family, attribute set to use).
const BY_FAMILY: &[(&str, u64, &str)] = &[
    // AF_BRIDGE: IFLA_BRIDGE_* directly instead of a nest per family
    ("IFLA_AF_SPEC", 7, "ifla-bridge-attrs"),
    ("IFLA_PROTINFO", 7, "linkinfo-brport-attrs"),
    ("IFLA_PROTINFO", 10, "ifla-inet6-attrs"),
];

/// The decoder an attribute wants, from the spec or the table above.
pub(super) fn decoder_for(a: &AttrDef) -> Option<&str> {
    a.special.as_deref().or_else(|| {
        BY_NAME
            .iter()
            .find(|(n, _)| *n == a.display)
            .map(|(_, d)| *d)
    })
}

/// Runs special decoder `name`; false when it does not apply.
#[allow(clippy::too_many_arguments)]
pub(super) fn decode(
    d: &mut Dissector,
    cx: &mut MsgCx,
    m: &mut Message,
    fam: &'static FamilySpec,
    a: &'static AttrDef,
    name: &str,
    _id: NodeId,
    abs: u32,
    payload: &[u8],
    order: ByteOrder,
    depth: u16,
    out: &mut Dissection,
) -> bool {
    match name {
        "rtnexthop" => {
            rtnexthops(d, cx, m, fam, a, abs, payload, order, depth, out);
            true
        }
        "seg6-srh" => super::route2::seg6_srh(cx, m, fam, a, abs, payload, depth, out),
        "mpls-labels" => super::route2::mpls_labels(abs, payload, depth, out),
        "by-family" => {
            let family = message_family(m, out);
            let set = BY_FAMILY
                .iter()
                .find(|(n, f, _)| *n == a.display && Some(*f) == family)
                .and_then(|(_, _, set)| fam.set_by_name(set));
            match set {
                Some(set) => {
                    attrs::attr_stream(d, cx, m, Some(fam), Some(set), abs, payload, depth, out);
                    true
                }
                None => false,
            }
        }
        _ => false,
    }
}

/// The address family in the message's fixed header (its first field).
fn message_family(m: &Message, out: &Dissection) -> Option<u64> {
    let h = m.header?;
    let first = out.children(h).next()?;
    match out.nodes.get(first as usize)?.value {
        Value::Enum { v, .. } | Value::U(v) => Some(v),
        _ => None,
    }
}

/// `struct rtnexthop` (rtnetlink.h) array, each followed by RTA_* attributes.
#[allow(clippy::too_many_arguments)]
fn rtnexthops(
    d: &mut Dissector,
    cx: &mut MsgCx,
    m: &mut Message,
    fam: &'static FamilySpec,
    a: &'static AttrDef,
    abs: u32,
    payload: &[u8],
    order: ByteOrder,
    depth: u16,
    out: &mut Dissection,
) {
    // The nexthop's attributes come from the set that holds RTA_MULTIPATH.
    let set = fam
        .attr_sets
        .iter()
        .position(|s| s.attrs.iter().any(|x| std::ptr::eq(x, a)));
    let mut off = 0usize;
    let mut i = 0u32;
    while off + 8 <= payload.len() {
        let b = &payload[off..];
        let len = read_uint(&b[..2], order).unwrap_or(0) as usize;
        let at = abs + off as u32;
        if len < 8 || len > b.len() {
            m.problems.push(Problem {
                offset: at,
                message: format!("rtnh_len {len} does not fit ({} bytes left)", b.len()),
            });
            break;
        }
        let g = out.push(group("rtnexthop", at, len as u32, depth));
        out.nodes[g as usize].name = Name::Index(i);
        out.push(field("rtnh_len", at, 2, Value::U(len as u64), depth + 1));
        out.push(field(
            "rtnh_flags",
            at + 2,
            1,
            attrs::named_enum(fam, "rtnh-flags", b[2] as u64),
            depth + 1,
        ));
        if let Some(n) = out.nodes.last_mut() {
            if let Value::Enum { v, def } = n.value {
                n.value = Value::Flags { v, def };
            }
        }
        out.push(field(
            "rtnh_hops",
            at + 3,
            1,
            Value::U(b[3] as u64),
            depth + 1,
        ));
        let ifindex = read_uint(&b[4..8], order).map_or(0, |v| sign_extend(v, 4));
        out.push(field(
            "rtnh_ifindex",
            at + 4,
            4,
            Value::I(ifindex),
            depth + 1,
        ));
        if len > 8 {
            attrs::attr_stream(d, cx, m, Some(fam), set, at + 8, &b[8..len], depth + 1, out);
        }
        out.close(g);
        off += align4(len);
        i += 1;
    }
    if off < payload.len() && off + 8 > payload.len() {
        m.problems.push(Problem {
            offset: abs + off as u32,
            message: format!("{} bytes after the last rtnexthop", payload.len() - off),
        });
    }
}

/// True when the payload is a well-formed nlmsghdr chain.
pub(super) fn looks_like_nlmsg(payload: &[u8], order: ByteOrder) -> bool {
    NlMsgHdr::read(payload, order)
        .is_some_and(|h| (16..=payload.len()).contains(&(h.len as usize)) && h.msg_type < 0x1000)
}

/// libudev's monitor header (`udev_monitor_netlink_header`): "libudev\0",
/// magic 0xfeedcafe (network order), then sizes and filter hashes.
const LIBUDEV_PREFIX: &[u8] = b"libudev\0";
const LIBUDEV_HDR: &[(&str, usize)] = &[
    ("magic", 8),
    ("header_size", 12),
    ("properties_off", 16),
    ("properties_len", 20),
    ("filter_subsystem_hash", 24),
    ("filter_devtype_hash", 28),
    ("filter_tag_bloom_hi", 32),
    ("filter_tag_bloom_lo", 36),
];

/// NETLINK_KOBJECT_UEVENT: text, not netlink messages.
pub(super) fn uevent(d: &mut Dissector, cx: &mut MsgCx, payload: &[u8], out: &mut Dissection) {
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
        let g = out.push(group("libudev", base, 40.min(payload.len()) as u32, 0));
        m.header = Some(g);
        for &(name, off) in LIBUDEV_HDR {
            if let Some(b) = payload.get(off..off + 4) {
                let order = if name == "magic" {
                    ByteOrder::Big
                } else {
                    ByteOrder::Little
                };
                let v = read_uint(b, order).unwrap_or(0);
                let val = if name == "magic" || name.starts_with("filter") {
                    Value::Hex(v)
                } else {
                    Value::U(v)
                };
                out.push(field(name, base + off as u32, 4, val, 1));
            }
        }
        out.close(g);
        text_start = payload
            .get(16..20)
            .and_then(|b| read_uint(b, ByteOrder::Little))
            .map_or(40, |v| v as usize)
            .min(payload.len());
        if text_start < 40.min(payload.len()) {
            text_start = 40.min(payload.len());
        }
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
            let name = if first { "action@devpath" } else { "property" };
            let mut n = field(
                name,
                base + (text_start + off) as u32,
                (end - off) as u32,
                Value::Str,
                1,
            );
            n.kind = NodeKind::Field;
            out.push(n);
        }
        first = false;
        off = end + 1;
    }
    out.close(g);
    let _ = d;
    m.nodes.1 = out.nodes.len() as NodeId;
    out.messages.push(m);
}
