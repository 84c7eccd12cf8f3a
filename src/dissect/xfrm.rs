//! NETLINK_XFRM bodies (dissectors/xfrm.yaml does the rest): empty dump
//! requests, `xfrm_address_t` shown as IPv4 or IPv6 according to the
//! `family` that governs it, and arrays of structs (XFRMA_TMPL,
//! XFRMA_MIGRATE).

use super::flags::{NLM_F_DUMP, NLM_F_REQUEST};
use super::special::{Dcx, Spot};
use super::{attrs, group, Dissection, Name, NodeId, NodeKind, Value};
use crate::spec::{FamilySpec, MsgDef};

const AF_UNSPEC: u64 = 0;
const AF_INET: u64 = 2;

/// Decodes an xfrm message body with its spec definition.
pub(super) fn message(x: &mut Dcx, fam: &'static FamilySpec, def: &MsgDef, abs: u32, body: &[u8]) {
    if body.is_empty() {
        // dump requests (`ip xfrm state list`) and XFRM_MSG_FLUSHPOLICY
        return;
    }
    let (mut fh, set) = (def.fixed_header, def.attr_set);
    let flags = x.m.hdr.flags;
    if flags & NLM_F_REQUEST != 0 && flags & NLM_F_DUMP == NLM_F_DUMP {
        // xfrm_dump_sa / xfrm_dump_policy_start parse attributes right
        // after the nlmsghdr (header length 0)
        fh = None;
    }
    attrs::fixed_header_and_attrs(x, fam, fh, set, abs, body);
    let family = x.m.header.and_then(|h| fix_addresses(x.out, h, None));
    if let Some(a) = x.m.attrs {
        fix_addresses(x.out, a, family);
    }
}

/// The value of the direct child field called `name` of node `g`.
fn child_value(out: &Dissection, g: NodeId, name: &'static str) -> Option<u64> {
    out.children(g).find_map(|c| {
        let n = out.nodes.get(c as usize)?;
        if n.name != Name::Known(name) {
            return None;
        }
        match n.value {
            Value::Enum { v, .. } | Value::U(v) => Some(v),
            _ => None,
        }
    })
}

/// Narrows the 16-byte addresses under `g` to IPv4 where the family that
/// governs them is AF_INET: the struct's own `family` (unless AF_UNSPEC), else the enclosing
/// one's (`inherited`), else that of a member struct that has one
/// (xfrm_user_acquire's `sel`, xfrm_aevent_id's `sa_id`). `old_*`/`new_*`
/// addresses follow `old_family`/`new_family` (xfrm_user_migrate).
/// Returns the family used for `g`.
fn fix_addresses(out: &mut Dissection, g: NodeId, inherited: Option<u64>) -> Option<u64> {
    let kids: Vec<NodeId> = out.children(g).collect();
    // a selector with AF_UNSPEC (SPI allocation, larval SAs) still carries
    // the SA's addresses: the enclosing family decides then, as in iproute2
    let own = child_value(out, g, "family").filter(|&f| f != AF_UNSPEC);
    let member = || {
        kids.iter().find_map(|&c| {
            let n = out.nodes.get(c as usize)?;
            if n.has_children(c) {
                child_value(out, c, "family")
            } else {
                None
            }
        })
    };
    let family = own.or(inherited).or_else(member);
    let old = child_value(out, g, "old_family").or(family);
    let new = child_value(out, g, "new_family").or(family);
    for c in kids {
        let Some(n) = out.nodes.get(c as usize) else {
            continue;
        };
        if n.has_children(c) {
            fix_addresses(out, c, family);
            continue;
        }
        if n.value != Value::Ip || n.data_len != 16 {
            continue;
        }
        let f = match n.name {
            Name::Known(s) if s.starts_with("old_") => old,
            Name::Known(s) if s.starts_with("new_") => new,
            _ => family,
        };
        if f == Some(AF_INET) {
            if let Some(n) = out.nodes.get_mut(c as usize) {
                n.data_len = 4;
            }
        }
    }
    family
}

/// An attribute holding an array of structs (`nldump-decoder: struct-array`
/// with `struct:`): one `[i]` node per element.
pub(super) fn struct_array(x: &mut Dcx, s: &Spot) -> bool {
    let Spot {
        fam,
        attr: a,
        abs,
        payload,
        depth,
        ..
    } = *s;
    let Some(si) = a.struct_ref else {
        return false;
    };
    let size = fam.structs.get(si).map_or(0, |s| s.size);
    if size == 0 {
        return false;
    }
    for (i, chunk) in payload.chunks(size).enumerate() {
        let at = abs.saturating_add((i * size) as u32);
        let g = x.out.push(group("element", at, chunk.len() as u32, depth));
        if let Some(n) = x.out.nodes.get_mut(g as usize) {
            n.name = Name::Index(i as u32);
            n.kind = NodeKind::Field;
        }
        attrs::struct_fields(x, fam, si, at, chunk, depth + 1);
        x.out.close(g);
    }
    true
}
