//! Traffic-control layouts the tc spec cannot say as data: structs followed
//! by a variable array of key structs (`struct tc_u32_sel` + `tc_u32_key[]`,
//! `struct tc_pedit_sel` + `tc_pedit_key[]`, `struct tc_u32_pcnt` +
//! `__u64 kcnts[]`), bare arrays of a struct (cBPF `struct sock_filter`
//! programs) and ematch lists (`struct tcf_ematch_hdr` + match data per
//! attribute). Asked for with `nldump-decoder:` in dissectors/tc.yaml.

use super::special::{Dcx, Spot};
use super::{attrs, group, Name, NodeKind};
use crate::wire::nlmsg::{align4, NlAttrHdr, NLA_HDRLEN};

/// decoder name → the struct of the array elements that follow the
/// attribute's own `struct:` (None: the whole payload is an array of it).
const KEY_ARRAYS: &[(&str, Option<&str>)] = &[
    ("tc-u32-sel", Some("tc-u32-key")),
    ("tc-pedit-sel", Some("tc-pedit-key")),
    ("tc-u32-pcnt", Some("tc-u32-kcnt")),
    ("struct-array", None),
];

/// Runs tc decoder `name`; false when it is not one of ours or the spec
/// lacks the structs it needs (the caller then shows the bytes).
pub(super) fn decode(x: &mut Dcx, s: &Spot, name: &str) -> bool {
    if name == "tc-ematch-list" {
        return ematch_list(x, s);
    }
    let Spot {
        fam,
        attr: a,
        abs,
        payload,
        depth,
        ..
    } = *s;
    let Some(&(_, elem)) = KEY_ARRAYS.iter().find(|(n, _)| *n == name) else {
        return false;
    };
    let Some(first) = a.struct_ref else {
        return false;
    };
    let (header, elem) = match elem {
        Some(e) => match fam.structs.iter().position(|s| s.name == e) {
            Some(ei) => (Some(first), ei),
            None => return false,
        },
        None => (None, first),
    };
    let mut off = 0usize;
    if let Some(hi) = header {
        let size = fam.structs.get(hi).map_or(0, |s| s.size);
        let take = size.min(payload.len());
        attrs::struct_fields(x, fam, hi, abs, &payload[..take], depth);
        if take < size {
            return true;
        }
        off = size;
    }
    let esize = fam.structs.get(elem).map_or(0, |s| s.size);
    if esize == 0 {
        return true;
    }
    let mut i = 0u32;
    while let Some(b) = payload.get(off..off.saturating_add(esize)) {
        let at = abs + off as u32;
        let g = x.out.push(group("element", at, esize as u32, depth));
        x.out.nodes[g as usize].name = Name::Index(i);
        attrs::struct_fields(x, fam, elem, at, b, depth + 1);
        x.out.close(g);
        off += esize;
        i += 1;
    }
    if off < payload.len() {
        x.m.problem(
            abs + off as u32,
            format!(
                "{} bytes after the last {}-byte element",
                payload.len() - off,
                esize
            ),
        );
    }
    true
}

/// TCA_EMATCH_TREE_LIST: attributes numbered 1..n, each a
/// `struct tcf_ematch_hdr` followed by the match's own data.
fn ematch_list(x: &mut Dcx, s: &Spot) -> bool {
    let Spot {
        fam,
        abs,
        payload,
        depth,
        ..
    } = *s;
    let Some(hi) = fam.structs.iter().position(|s| s.name == "tcf-ematch-hdr") else {
        return false;
    };
    if !attrs::looks_like_attrs(payload, x.cx.order) {
        return false;
    }
    let mut off = 0usize;
    while let Some(h) = payload
        .get(off..)
        .and_then(|r| NlAttrHdr::read(r, x.cx.order))
    {
        let len = h.len as usize;
        let Some(whole) = payload.get(off..off.saturating_add(len)) else {
            break;
        };
        let Some(body) = whole.get(NLA_HDRLEN..) else {
            break;
        };
        let at = abs + off as u32;
        let g = x.out.push(group("ematch", at, len as u32, depth));
        let n = &mut x.out.nodes[g as usize];
        n.name = Name::Index(h.kind() as u32);
        n.kind = NodeKind::Attr {
            id: h.kind(),
            raw_type: h.raw_type,
        };
        n.data_off = at + NLA_HDRLEN as u32;
        n.data_len = body.len() as u32;
        attrs::struct_fields(x, fam, hi, at + NLA_HDRLEN as u32, body, depth + 1);
        x.out.close(g);
        off = off.saturating_add(align4(len.max(NLA_HDRLEN)));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::KEY_ARRAYS;

    #[test]
    fn every_key_array_decoder_names_a_struct_of_the_tc_spec() {
        let db = crate::spec::SpecDb::embedded();
        let tc = db.family("tc").expect("tc spec");
        for (_, elem) in KEY_ARRAYS {
            if let Some(e) = elem {
                assert!(tc.structs.iter().any(|s| s.name == *e), "{e}");
            }
        }
        assert!(tc.structs.iter().any(|s| s.name == "tcf-ematch-hdr"));
    }
}
