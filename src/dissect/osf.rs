//! nfnetlink_osf (NFNL_SUBSYS_OSF): OSF_ATTR_FINGER holds a struct
//! nf_osf_user_finger whose fixed array `opt[MAX_IPOPTLEN]` is used only up
//! to its `opt_num` member; the rest is zero. The spec describes the struct;
//! this decoder shows the fields and then only the `opt_num` used options.

use super::attrs;
use super::special::{Dcx, Spot};
use super::{group, Name, NodeKind};
use crate::wire::nlmsg::read_uint;

/// `osf-finger`: the attribute's struct (`struct:`) up to its `opt` member,
/// then `opt` as `[i]` elements, `opt_num` of them. False (generic decoding)
/// when the spec lacks those members or the attribute is too short for the
/// fixed part.
pub(super) fn finger(x: &mut Dcx, s: &Spot) -> bool {
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
    let Some(sdef) = fam.structs.get(si) else {
        return false;
    };
    let mut off = 0usize;
    let mut count_at = None;
    let mut opt = None;
    for mem in &sdef.members {
        let len = attrs::member_len(fam, mem);
        match mem.name.as_str() {
            "opt_num" => count_at = Some((off, len)),
            "opt" => {
                opt = Some((off, mem));
                break;
            }
            _ => {}
        }
        off = off.saturating_add(len);
    }
    let (Some((count_off, count_len)), Some((opt_off, opt_mem))) = (count_at, opt) else {
        return false;
    };
    let Some(esi) = opt_mem.struct_ref else {
        return false;
    };
    let esize = fam.structs.get(esi).map_or(0, |s| s.size);
    let Some(head) = payload.get(..opt_off) else {
        return false;
    };
    let Some(count) = payload
        .get(count_off..count_off.saturating_add(count_len))
        .and_then(|b| read_uint(b, x.cx.order))
    else {
        return false;
    };
    if esize == 0 {
        return false;
    }
    attrs::struct_fields(x, fam, si, abs, head, depth);
    let rest = payload.get(opt_off..).unwrap_or_default();
    let room = rest.len() / esize;
    let used = usize::try_from(count).unwrap_or(usize::MAX).min(room);
    let at = abs.saturating_add(opt_off as u32);
    if count > room as u64 {
        x.m.problem(
            at,
            format!("opt_num is {count} but there is room for {room} options"),
        );
    }
    let g = x.out.push(group("opt", at, (used * esize) as u32, depth));
    if let Some(n) = x.out.nodes.get_mut(g as usize) {
        n.kind = NodeKind::Field;
    }
    for (i, chunk) in rest.chunks_exact(esize).take(used).enumerate() {
        let eat = at.saturating_add((i * esize) as u32);
        let e = x.out.push(group("element", eat, esize as u32, depth + 1));
        if let Some(n) = x.out.nodes.get_mut(e as usize) {
            n.name = Name::Index(i as u32);
            n.kind = NodeKind::Field;
        }
        attrs::struct_fields(x, fam, esi, eat, chunk, depth + 2);
        x.out.close(e);
    }
    x.out.close(g);
    // The unused slots are zero when nfnl_osf built the message; anything
    // else is shown rather than hidden.
    let unused = rest.get(used * esize..).unwrap_or_default();
    if unused.iter().any(|&b| b != 0) {
        let u = used * esize;
        x.out.push(super::field(
            "unused_opt",
            at.saturating_add(u as u32),
            unused.len() as u32,
            super::Value::Bytes,
            depth,
        ));
    }
    true
}
