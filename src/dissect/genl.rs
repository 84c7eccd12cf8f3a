//! Generic netlink: `struct genlmsghdr`, family ids learned from nlctrl
//! replies, then the family's own spec.

use super::context::GENL_ID_CTRL;
use super::flags::MsgKind;
use super::special::Dcx;
use super::{
    attrs, dir_hint, field, group, Dissection, Dissector, GenlInfo, Message, MsgCx, Value,
};
use crate::frame::ByteOrder;
use crate::spec::FamilySpec;
use crate::wire::nlmsg::{align4, read_uint, NlAttrHdr, NLA_HDRLEN};

/// genlmsghdr size.
const GENL_HDRLEN: usize = 4;
/// CTRL_CMD_NEWFAMILY and the two attributes that teach an id.
const CTRL_CMD_NEWFAMILY: u8 = 1;
const CTRL_ATTR_FAMILY_ID: u16 = 1;
const CTRL_ATTR_FAMILY_NAME: u16 = 2;
const CTRL_ATTR_HDRSIZE: u16 = 4;

/// The spec of generic netlink family `id` as learned from nlctrl (or from
/// `--genl`): its own, else the one of that name.
pub(super) fn learned_spec(d: &Dissector, id: u16) -> Option<&'static FamilySpec> {
    let f = d.ctx.genl_family(id)?;
    f.spec.or_else(|| d.specs().genl(&f.name))
}

/// What `nlmsg_type` `id` is called: the learned family's name (`ethtool`),
/// as a generic request's header shows it.
pub(super) fn type_name(d: &Dissector, id: u16) -> Option<&'static str> {
    learned_spec(d, id).map(|s| s.name.as_str())
}

pub(super) fn dissect(
    d: &mut Dissector,
    cx: &mut MsgCx,
    m: &mut Message,
    abs: u32,
    body: &[u8],
    out: &mut Dissection,
    _echoed: bool,
) {
    let id = m.hdr.msg_type;
    let (fname, hdrsize) = match d.ctx.genl_family(id) {
        Some(f) => (Some(f.name.clone()), f.hdrsize as usize),
        None => (None, 0),
    };
    let spec = learned_spec(d, id);
    m.type_name = spec.map(|s| s.name.as_str());
    if body.len() < GENL_HDRLEN {
        m.problem(
            abs,
            format!(
                "genlmsghdr needs {GENL_HDRLEN} bytes, the body has {}",
                body.len()
            ),
        );
        if !body.is_empty() {
            d.raw_node(abs, body, "payload", 0, out);
        }
        m.genl = Some(GenlInfo {
            family: fname,
            cmd_id: 0,
            cmd: None,
            version: 0,
        });
        return;
    }
    let cmd = body[0];
    let version = body[1];
    let to_kernel = dir_hint(m.direction);
    let def = spec.and_then(|s| s.message(cmd as u16, to_kernel));
    let cmd_name = spec.and_then(|s| s.message_name(cmd as u16, to_kernel));
    m.flag_kind = MsgKind::of(cmd_name, cx.protocol, m.hdr.msg_type, m.hdr.flags);
    let g = out.push(group("genlmsghdr", abs, GENL_HDRLEN as u32, 0));
    out.push(field(
        "cmd",
        abs,
        1,
        Value::MsgType {
            v: cmd as u16,
            name: cmd_name,
        },
        1,
    ));
    out.push(field("version", abs + 1, 1, Value::U(version as u64), 1));
    let reserved = read_uint(&body[2..4], cx.order).unwrap_or(0);
    out.push(field("reserved", abs + 2, 2, Value::U(reserved), 1));
    out.close(g);
    m.genl = Some(GenlInfo {
        family: fname.clone(),
        cmd_id: cmd,
        cmd: cmd_name,
        version,
    });
    let rest = &body[GENL_HDRLEN..];
    let rabs = abs + GENL_HDRLEN as u32;
    match spec {
        Some(s) => {
            let (fh, set) = match def {
                Some(def) => (def.fixed_header, def.attr_set),
                None => (None, None),
            };
            let x = &mut Dcx::new(cx, m, out);
            attrs::fixed_header_and_attrs(x, s, fh, set, rabs, rest);
        }
        None if !rest.is_empty() => {
            // No spec: the family's own header (size learned from nlctrl)
            // is shown as bytes, then the attributes without names.
            let h = hdrsize.min(rest.len());
            if h > 0 {
                let n = d.raw_node(rabs, &rest[..h], "family header", 0, out);
                m.header = Some(n);
            }
            let rest = &rest[align4(h).min(rest.len())..];
            let rabs = rabs + align4(h).min(body.len() - GENL_HDRLEN) as u32;
            if !rest.is_empty() {
                let g = out.push(group("attributes", rabs, rest.len() as u32, 0));
                m.attrs = Some(g);
                attrs::attr_stream(&mut Dcx::new(cx, m, out), None, None, rabs, rest, 1);
                out.close(g);
            }
        }
        None => {}
    }
    if id == GENL_ID_CTRL && cmd == CTRL_CMD_NEWFAMILY {
        if let Some((fid, name, hdrsize)) = family_announcement(rest, cx.order) {
            let specs = d.specs();
            d.ctx.learn_genl(fid, &name, hdrsize, specs);
        }
    }
}

/// CTRL_ATTR_FAMILY_ID, _NAME and _HDRSIZE from a NEWFAMILY body.
fn family_announcement(attrs: &[u8], order: ByteOrder) -> Option<(u16, String, u32)> {
    let mut off = 0usize;
    let (mut id, mut name, mut hdrsize) = (None, None, 0u32);
    while off + NLA_HDRLEN <= attrs.len() {
        let h = NlAttrHdr::read(&attrs[off..], order)?;
        let len = h.len as usize;
        if len < NLA_HDRLEN || off + len > attrs.len() {
            break;
        }
        let p = &attrs[off + NLA_HDRLEN..off + len];
        match h.kind() {
            CTRL_ATTR_FAMILY_ID if p.len() == 2 => id = read_uint(p, order).map(|v| v as u16),
            CTRL_ATTR_HDRSIZE if p.len() == 4 => {
                hdrsize = read_uint(p, order).unwrap_or(0) as u32;
            }
            CTRL_ATTR_FAMILY_NAME => {
                let end = p.iter().position(|&c| c == 0).unwrap_or(p.len());
                name = std::str::from_utf8(&p[..end]).ok().map(str::to_string);
            }
            _ => {}
        }
        off += align4(len);
    }
    Some((id?, name?, hdrsize))
}
