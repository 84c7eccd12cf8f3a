//! The few layouts a spec cannot describe, written in Rust: rtnexthop
//! arrays (RTA_MULTIPATH); uevent text is in `uevent`.

use super::{attrs, field, group, Dissection, Dissector, Message, MsgCx, Name, NodeId, Value};
use crate::frame::ByteOrder;
use crate::spec::{AttrDef, FamilySpec, MsgDef};
use crate::wire::nlmsg::{align4, read_uint, sign_extend};

/// Attributes that get a Rust decoder even when the spec does not ask for
/// one with `nldump-decoder:` (so the kernel's own specs decode the same).
const BY_NAME: &[(&str, &str)] = &[
    ("RTA_MULTIPATH", "rtnexthop"),
    ("IFLA_AF_SPEC", "by-family"),
    ("IFLA_PROTINFO", "by-family"),
    ("OVS_DP_ATTR_PER_CPU_PIDS", "packed-array"),
    ("OVS_VPORT_ATTR_UPCALL_PID", "packed-array"),
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
    id: NodeId,
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
        "sockaddr" => super::sockaddr::decode(abs, payload, order, depth, out),
        "packed-array" => super::packed::decode(m, fam, a, id, abs, payload, order, depth, out),
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
        "struct-array" => super::xfrm::struct_array(cx, m, fam, a, abs, payload, depth, out),
        "nft-hooknum" => super::nft::hooknum(m, fam, id, payload, out),
        "ie-list" | "ie-ht-cap" | "ie-vht-cap" => {
            super::ieee80211::decode(m, name, abs, payload, depth, out)
        }
        _ => {
            super::tc::decode(cx, m, fam, a, name, abs, payload, depth, out)
                || super::sockdiag::decode(cx, m, fam, a, name, id, abs, payload, order, depth, out)
        }
    }
}

/// Runs the body decoder an operation asks for (`nldump-decoder:` on the
/// operation); false when there is none or it does not apply.
#[allow(clippy::too_many_arguments)]
pub(super) fn message(
    d: &mut Dissector,
    cx: &mut MsgCx,
    m: &mut Message,
    fam: &'static FamilySpec,
    def: &MsgDef,
    abs: u32,
    body: &[u8],
    out: &mut Dissection,
) -> bool {
    match def.special.as_deref() {
        Some("xfrm") => super::xfrm::message(d, cx, m, fam, def, abs, body, out),
        Some("audit") => super::audit::message(cx, m, fam, def, abs, body, out),
        Some("connector") => super::connector::message(cx, m, fam, abs, body, out),
        _ => return false,
    }
    true
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
            m.problem(
                at,
                format!("rtnh_len {len} does not fit ({} bytes left)", b.len()),
            );
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
        m.problem(
            abs + off as u32,
            format!("{} bytes after the last rtnexthop", payload.len() - off),
        );
    }
}
