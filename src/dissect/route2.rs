//! rtnetlink layouts a spec cannot describe: the segment list after
//! `struct ipv6_sr_hdr` (SEG6_IPTUNNEL_SRH, SEG6_LOCAL_SRH) and MPLS label
//! stacks (MPLS_IPTUNNEL_DST, RTA_DST/RTA_NEWDST of AF_MPLS routes).

use super::special::{Dcx, Spot};
use super::{attrs, field, group, Name, NodeKind, Value, MAX_DEPTH};

/// Bytes of `struct ipv6_sr_hdr` before `segments[]`.
const SRH_FIXED: usize = 8;

/// `nldump-decoder: seg6-srh`: the attribute's struct (seg6_iptunnel_encap
/// or ipv6_sr_hdr), then `first_segment + 1` IPv6 segments, then any TLVs
/// (shown as bytes). False when the attribute has no struct.
pub(super) fn seg6_srh(x: &mut Dcx, s: &Spot) -> bool {
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
    let head = size.min(payload.len());
    attrs::struct_fields(x, fam, si, abs, &payload[..head], depth);
    let out = &mut *x.out;
    if payload.len() <= size || size < SRH_FIXED {
        return true;
    }
    // hdrlen (8-octet units, excluding the first 8) bounds the whole header;
    // it sits at offset 1 of ipv6_sr_hdr, which ends the struct.
    let srh_at = size - SRH_FIXED;
    let hdrlen = payload.get(srh_at + 1).map_or(0, |&h| h as usize);
    let srh_end = (srh_at + SRH_FIXED + hdrlen * 8).min(payload.len());
    let segs = &payload[size..srh_end.max(size)];
    if depth < MAX_DEPTH {
        let g = out.push(group(
            "segments",
            abs + size as u32,
            segs.len() as u32,
            depth,
        ));
        out.nodes[g as usize].kind = NodeKind::Field;
        for i in 0..segs.len() / 16 {
            let mut n = field("", abs + (size + i * 16) as u32, 16, Value::Ip, depth + 1);
            n.name = Name::Index(i as u32);
            out.push(n);
        }
        out.close(g);
    }
    let used = size + segs.len() / 16 * 16;
    if used < payload.len() {
        out.push(field(
            "tlvs",
            abs + used as u32,
            (payload.len() - used) as u32,
            Value::HexBytes,
            depth,
        ));
    }
    true
}

/// `nldump-decoder: mpls-labels`: 32-bit big-endian label stack entries
/// (label:20 tc:3 bos:1 ttl:8, linux/mpls.h).
pub(super) fn mpls_labels(x: &mut Dcx, s: &Spot) -> bool {
    let Spot {
        abs,
        payload,
        depth,
        ..
    } = *s;
    let out = &mut *x.out;
    if payload.is_empty() || payload.len() % 4 != 0 || depth >= MAX_DEPTH {
        return false;
    }
    for (i, b) in payload.chunks_exact(4).enumerate() {
        let v = u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        let at = abs + (i * 4) as u32;
        let g = out.push(group("label", at, 4, depth));
        out.nodes[g as usize].name = Name::Index(i as u32);
        out.nodes[g as usize].kind = NodeKind::Field;
        out.push(field(
            "label",
            at,
            3,
            Value::U(u64::from(v >> 12)),
            depth + 1,
        ));
        out.push(field(
            "tc",
            at + 2,
            1,
            Value::U(u64::from((v >> 9) & 7)),
            depth + 1,
        ));
        out.push(field(
            "bos",
            at + 2,
            1,
            Value::U(u64::from((v >> 8) & 1)),
            depth + 1,
        ));
        out.push(field(
            "ttl",
            at + 3,
            1,
            Value::U(u64::from(v & 0xff)),
            depth + 1,
        ));
        out.close(g);
    }
    true
}
