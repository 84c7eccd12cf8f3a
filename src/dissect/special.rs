//! The few layouts a spec cannot describe, written in Rust: rtnexthop
//! arrays (RTA_MULTIPATH); uevent text is in `uevent`.
//!
//! # How a decoder is called
//!
//! Every special decoder gets two things:
//!
//! * [`Dcx`], *who writes*: the mutable borrows of one message's decoding
//!   (the frame's [`MsgCx`], the [`Message`] being built and the output
//!   [`Dissection`]). Pass it on as `x` (`&mut Dcx`).
//! * [`Spot`], *where*: the family spec, the attribute definition, the
//!   attribute's node, its payload with the payload's absolute offset, the
//!   byte order to read it in, and the depth for the nodes the decoder adds.
//!   It is `Copy`; make a new one with `Spot { abs, payload, ..*s }`.
//!
//! An attribute decoder is `fn(x: &mut Dcx, s: &Spot) -> bool` (false: it
//! does not apply, the generic decoding runs) and is hooked in with one
//! arm of [`decode`]'s match. A message-body decoder (`nldump-decoder:` on
//! an operation) is `fn(x: &mut Dcx, fam, def, abs, body)`, hooked in
//! [`message`]. The helpers decoders call take the same `x` first:
//! `attrs::struct_fields(x, fam, si, abs, bytes, depth)`,
//! `attrs::attr_stream(x, Some(fam), set, abs, bytes, depth)`.
//!
//! Porting a decoder written against the old argument list
//! `(d, cx, m, fam, a, id, abs, payload, order, depth, out)`: take
//! `(x: &mut Dcx, s: &Spot)`, open it with
//! `let Spot { fam, attr: a, id, abs, payload, order, depth } = *s;`, write
//! `x.out` / `x.m` / `x.cx` for `out` / `m` / `cx` and drop `d` (no decoder
//! used it); where a function only pushes nodes, `let out = &mut *x.out;`
//! keeps the body as it was.

use super::{attrs, field, group, Dissection, Message, MsgCx, Name, NodeId, Value};
use crate::frame::ByteOrder;
use crate::spec::{AttrDef, FamilySpec, MsgDef};
use crate::wire::nlmsg::{align4, read_uint, sign_extend};

/// The mutable state one message's decoding writes to; decoders take it as
/// `x: &mut Dcx` and reach the parts as `x.out`, `x.m`, `x.cx`.
pub(crate) struct Dcx<'a, 'f> {
    /// Per-frame facts (byte order, protocol, the frame's bytes).
    pub cx: &'a mut MsgCx<'f>,
    /// The message being decoded (header and attrs nodes, problems).
    pub m: &'a mut Message,
    pub out: &'a mut Dissection,
}

impl<'a, 'f> Dcx<'a, 'f> {
    pub(crate) fn new(cx: &'a mut MsgCx<'f>, m: &'a mut Message, out: &'a mut Dissection) -> Self {
        Dcx { cx, m, out }
    }
}

/// The attribute a decoder works on.
#[derive(Clone, Copy)]
pub(crate) struct Spot<'p> {
    pub fam: &'static FamilySpec,
    /// The attribute's definition in `fam`.
    pub attr: &'static AttrDef,
    /// The attribute's node (set its `value` to retype it).
    pub id: NodeId,
    /// Absolute offset of `payload` in the frame.
    pub abs: u32,
    /// The attribute's payload (without its header).
    pub payload: &'p [u8],
    /// Byte order of the payload (big-endian for NLA_F_NET_BYTEORDER).
    pub order: ByteOrder,
    /// Depth of the nodes the decoder adds (the attribute's depth + 1).
    pub depth: u16,
}

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

/// Runs special decoder `name` on the attribute at `s`; false when it does
/// not apply.
pub(super) fn decode(x: &mut Dcx, s: &Spot, name: &str) -> bool {
    match name {
        "rtnexthop" => {
            rtnexthops(x, s);
            true
        }
        "sockaddr" => super::sockaddr::decode(x, s),
        "packed-array" => super::packed::decode(x, s),
        "seg6-srh" => super::route2::seg6_srh(x, s),
        "mpls-labels" => super::route2::mpls_labels(x, s),
        "by-family" => {
            let family = message_family(x.m, x.out);
            let set = BY_FAMILY
                .iter()
                .find(|(n, f, _)| *n == s.attr.display && Some(*f) == family)
                .and_then(|(_, _, set)| s.fam.set_by_name(set));
            match set {
                Some(set) => {
                    attrs::attr_stream(x, Some(s.fam), Some(set), s.abs, s.payload, s.depth);
                    true
                }
                None => false,
            }
        }
        "struct-array" => super::xfrm::struct_array(x, s),
        "nft-hooknum" => super::nft::hooknum(x, s),
        "osf-finger" => super::osf::finger(x, s),
        "ie-list" | "ie-ht-cap" | "ie-vht-cap" => super::ieee80211::decode(x, s, name),
        _ => {
            super::tc::decode(x, s, name)
                || super::sockdiag::decode(x, s, name)
                || super::routex::decode(x, s, name)
        }
    }
}

/// Runs the body decoder an operation asks for (`nldump-decoder:` on the
/// operation); false when there is none or it does not apply.
pub(super) fn message(
    x: &mut Dcx,
    fam: &'static FamilySpec,
    def: &MsgDef,
    abs: u32,
    body: &[u8],
) -> bool {
    match def.special.as_deref() {
        Some("xfrm") => super::xfrm::message(x, fam, def, abs, body),
        Some("audit") => super::audit::message(x, fam, def, abs, body),
        Some("connector") => super::connector::message(x, fam, abs, body),
        _ => return false,
    }
    true
}

/// The address family in the message's fixed header (its first field).
pub(super) fn message_family(m: &Message, out: &Dissection) -> Option<u64> {
    let h = m.header?;
    let first = out.children(h).next()?;
    match out.nodes.get(first as usize)?.value {
        Value::Enum { v, .. } | Value::U(v) => Some(v),
        _ => None,
    }
}

/// `struct rtnexthop` (rtnetlink.h) array, each followed by RTA_* attributes.
fn rtnexthops(x: &mut Dcx, s: &Spot) {
    let Spot {
        fam,
        attr: a,
        abs,
        payload,
        order,
        depth,
        ..
    } = *s;
    // The nexthop's attributes come from the set that holds RTA_MULTIPATH.
    let set = fam
        .attr_sets
        .iter()
        .position(|set| set.attrs.iter().any(|d| std::ptr::eq(d, a)));
    let mut off = 0usize;
    let mut i = 0u32;
    while off + 8 <= payload.len() {
        let b = &payload[off..];
        let len = read_uint(&b[..2], order).unwrap_or(0) as usize;
        let at = abs + off as u32;
        if len < 8 || len > b.len() {
            x.m.problem(
                at,
                format!("rtnh_len {len} does not fit ({} bytes left)", b.len()),
            );
            break;
        }
        let g = x.out.push(group("rtnexthop", at, len as u32, depth));
        x.out.nodes[g as usize].name = Name::Index(i);
        x.out
            .push(field("rtnh_len", at, 2, Value::U(len as u64), depth + 1));
        x.out.push(field(
            "rtnh_flags",
            at + 2,
            1,
            attrs::named_enum(fam, "rtnh-flags", b[2] as u64),
            depth + 1,
        ));
        if let Some(n) = x.out.nodes.last_mut() {
            if let Value::Enum { v, def } = n.value {
                n.value = Value::Flags { v, def };
            }
        }
        x.out.push(field(
            "rtnh_hops",
            at + 3,
            1,
            Value::U(b[3] as u64),
            depth + 1,
        ));
        let ifindex = read_uint(&b[4..8], order).map_or(0, |v| sign_extend(v, 4));
        x.out.push(field(
            "rtnh_ifindex",
            at + 4,
            4,
            Value::I(ifindex),
            depth + 1,
        ));
        if len > 8 {
            attrs::attr_stream(x, Some(fam), set, at + 8, &b[8..len], depth + 1);
        }
        x.out.close(g);
        off += align4(len);
        i += 1;
    }
    if off < payload.len() && off + 8 > payload.len() {
        x.m.problem(
            abs + off as u32,
            format!("{} bytes after the last rtnexthop", payload.len() - off),
        );
    }
}
