//! Control messages (types below NLMSG_MIN_TYPE): NOOP, ERROR (ACK), DONE,
//! OVERRUN — with the echoed request and every extended-ACK TLV.

use super::flags::{MsgKind, NLM_F_ACK_TLVS, NLM_F_CAPPED};
use super::special::Dcx;
use super::{
    attrs, errno, field, group, Dissection, Dissector, ErrorInfo, Message, MsgCx, NodeId, Value,
};
use crate::frame::{Direction, Frame};
use crate::wire::nlmsg::{align4, read_uint, sign_extend, NlMsgHdr, NLMSG_HDRLEN};

pub const NLMSG_NOOP: u16 = 1;
pub const NLMSG_ERROR: u16 = 2;
pub const NLMSG_DONE: u16 = 3;
pub const NLMSG_OVERRUN: u16 = 4;
pub const NLMSG_MIN_TYPE: u16 = 0x10;

/// Extended ACK attribute numbers (linux/netlink.h).
const ATTR_MSG: u16 = 1;
const ATTR_OFFS: u16 = 2;
const ATTR_MISS_TYPE: u16 = 5;
const ATTR_MISS_NEST: u16 = 6;

/// Name of a control message type.
pub fn type_name(t: u16) -> Option<&'static str> {
    Some(match t {
        NLMSG_NOOP => "NLMSG_NOOP",
        NLMSG_ERROR => "NLMSG_ERROR",
        NLMSG_DONE => "NLMSG_DONE",
        NLMSG_OVERRUN => "NLMSG_OVERRUN",
        _ => return None,
    })
}

pub(super) fn dissect(
    d: &mut Dissector,
    cx: &mut MsgCx,
    m: &mut Message,
    abs: u32,
    body: &[u8],
    out: &mut Dissection,
) {
    m.flag_kind = MsgKind::of(m.type_name, cx.protocol, m.hdr.msg_type, m.hdr.flags);
    match m.hdr.msg_type {
        NLMSG_ERROR => error(d, cx, m, abs, body, out),
        NLMSG_DONE => done(d, cx, m, abs, body, out),
        _ => {
            if !body.is_empty() {
                d.raw_node(abs, body, "payload", 0, out);
            }
            if m.type_name.is_none() {
                m.problem(
                    m.offset + 4,
                    format!(
                        "message type {} is reserved for control messages but unknown",
                        m.hdr.msg_type
                    ),
                );
            }
        }
    }
}

fn errno_info(code: i32) -> ErrorInfo {
    let e = errno::lookup(code.checked_neg().unwrap_or(0));
    ErrorInfo {
        errno: code,
        name: e.map(|e| e.0),
        description: e.map(|e| e.1),
        msg: None,
        offset: None,
        attr: None,
        missing: None,
        miss_type: None,
        miss_nest: None,
    }
}

fn read_code(cx: &MsgCx, body: &[u8]) -> Option<i32> {
    read_uint(body.get(..4)?, cx.order).map(|v| sign_extend(v, 4) as i32)
}

fn error(
    d: &mut Dissector,
    cx: &mut MsgCx,
    m: &mut Message,
    abs: u32,
    body: &[u8],
    out: &mut Dissection,
) {
    let Some(code) = read_code(cx, body) else {
        m.problem(
            abs,
            format!(
                "NLMSG_ERROR needs a 4-byte error code, has {} bytes",
                body.len()
            ),
        );
        d.raw_node(abs, body, "payload", 0, out);
        return;
    };
    out.push(field("error", abs, 4, Value::Errno(code), 0));
    m.error = Some(errno_info(code));
    let rest = &body[4..];
    let echo_abs = abs + 4;
    let Some(echo) = NlMsgHdr::read(rest, cx.order) else {
        if !rest.is_empty() {
            m.problem(
                echo_abs,
                format!(
                    "NLMSG_ERROR should echo the request's 16-byte header, has {} bytes",
                    rest.len()
                ),
            );
            d.raw_node(echo_abs, rest, "payload", 0, out);
        }
        return;
    };
    // A success ACK never carries the request's payload (the kernel only
    // echoes it with an error), whether or not it says NLM_F_CAPPED.
    let capped = m.hdr.flags & NLM_F_CAPPED != 0
        || (code == 0 && rest.len() < (echo.len as usize).max(NLMSG_HDRLEN));
    let echo_len = if capped {
        NLMSG_HDRLEN
    } else {
        let l = (echo.len as usize).max(NLMSG_HDRLEN);
        if l > rest.len() {
            m.problem(echo_abs, format!(
                    "echoed request says nlmsg_len {} but only {} bytes follow (and NLM_F_CAPPED is not set)",
                    echo.len,
                    rest.len()
                ));
        }
        l.min(rest.len())
    };
    // The echoed request, decoded as a message of its own one level down.
    let g = out.push(group("request", echo_abs, echo_len as u32, 0));
    let first = out.nodes.len() as NodeId;
    let echo_frame_dir = Direction::ToKernel;
    let mut em = d.message_shell(cx, echo_abs, echo_len as u32, echo, 0, out);
    em.direction = echo_frame_dir;
    if !capped {
        let ebody = rest.get(NLMSG_HDRLEN..echo_len).unwrap_or(&[]);
        d.body(
            cx,
            &mut em,
            echo_abs + NLMSG_HDRLEN as u32,
            ebody,
            out,
            true,
        );
    } else if let Some(p) = cx.protocol {
        // Capped: only the header came back; still name its type.
        if p != crate::frame::proto::GENERIC {
            if let Some((f, _)) = d.specs().raw_message(p, echo.msg_type, Some(true)) {
                em.type_name = f.message_name(echo.msg_type, Some(true));
            }
        }
        em.flag_kind = MsgKind::of(em.type_name, cx.protocol, echo.msg_type, echo.flags);
        if p == crate::frame::proto::GENERIC {
            // the family, as the request shows it (its kind of flags comes
            // from the command, which did not come back)
            em.type_name = super::genl::type_name(d, echo.msg_type);
        }
    }
    super::finish_header(&em, out);
    out.close(g);
    let last = out.nodes.len() as NodeId;
    for n in &mut out.nodes[first as usize..last as usize] {
        n.depth += 1;
    }
    m.problems.append(&mut em.problems);
    let echo_nodes = (first, last);

    if m.hdr.flags & NLM_F_ACK_TLVS != 0 {
        let tlv_off = 4 + align4(echo_len);
        if let Some(tlvs) = body.get(tlv_off..) {
            extack(d, cx, m, abs + tlv_off as u32, tlvs, out);
        }
    } else if body.len() > 4 + align4(echo_len) {
        let extra = 4 + align4(echo_len);
        d.raw_node(abs + extra as u32, &body[extra..], "trailing", 0, out);
    }
    resolve_offsets(d, cx, m, &echo, echo_abs, echo_nodes, capped, out);
}

fn done(
    d: &mut Dissector,
    cx: &mut MsgCx,
    m: &mut Message,
    abs: u32,
    body: &[u8],
    out: &mut Dissection,
) {
    let Some(code) = read_code(cx, body) else {
        if !body.is_empty() {
            d.raw_node(abs, body, "payload", 0, out);
        }
        return;
    };
    out.push(field("error", abs, 4, Value::Errno(code), 0));
    if code != 0 {
        m.error = Some(errno_info(code));
    }
    if m.hdr.flags & NLM_F_ACK_TLVS != 0 && body.len() > 4 {
        if m.error.is_none() {
            m.error = Some(errno_info(code));
        }
        extack(d, cx, m, abs + 4, &body[4..], out);
    } else if body.len() > 4 {
        d.raw_node(abs + 4, &body[4..], "trailing", 0, out);
    }
}

/// Decodes extended-ACK TLVs and copies what matters into `m.error`.
fn extack(
    d: &mut Dissector,
    cx: &mut MsgCx,
    m: &mut Message,
    abs: u32,
    tlvs: &[u8],
    out: &mut Dissection,
) {
    let spec = d.specs().family("netlink-extack");
    let set = spec.and_then(|f| f.set_by_name("extack"));
    let g = out.push(group("attributes", abs, tlvs.len() as u32, 0));
    m.attrs = Some(g);
    let x = &mut Dcx::new(cx, m, out);
    attrs::attr_stream(x, spec, set, abs, tlvs, 1);
    out.close(g);
    let mut err = m.error.take().unwrap_or_else(|| errno_info(0));
    for c in out.children(g).collect::<Vec<_>>() {
        let n = &out.nodes[c as usize];
        let super::NodeKind::Attr { id, .. } = n.kind else {
            continue;
        };
        let num = match n.value {
            Value::U(v) => Some(v as u32),
            _ => None,
        };
        match id {
            ATTR_MSG => err.msg = Some((n.data_off, n.data_len)),
            ATTR_OFFS => err.offset = num,
            ATTR_MISS_TYPE => {
                err.miss_type = num;
                err.missing = num.map(|v| format!("attribute type {v}"));
            }
            ATTR_MISS_NEST => err.miss_nest = num,
            _ => {}
        }
    }
    m.error = Some(err);
}

/// Names the attribute NLMSGERR_ATTR_OFFS points at and the attribute
/// NLMSGERR_ATTR_MISS_TYPE says is missing, in the echoed request or, when
/// the ACK is capped, in the request seen earlier in the capture.
#[allow(clippy::too_many_arguments)]
fn resolve_offsets(
    d: &mut Dissector,
    cx: &mut MsgCx,
    m: &mut Message,
    echo: &NlMsgHdr,
    echo_abs: u32,
    echo_nodes: (NodeId, NodeId),
    capped: bool,
    out: &mut Dissection,
) {
    let Some(err) = m.error.as_ref() else { return };
    let (offs, miss_type, miss_nest) = (err.offset, err.miss_type, err.miss_nest);
    if offs.is_none() && miss_type.is_none() {
        return;
    }
    // Where the request's decoded nodes are, and the offset of its first byte.
    let mut scratch = Dissection::default();
    let (tree, range, base): (&Dissection, (NodeId, NodeId), u32) = if !capped {
        (out, echo_nodes, echo_abs)
    } else {
        let req = d
            .ctx
            .find_request(cx.protocol, echo.seq, m.hdr.pid)
            .map(|p| (p.bytes.clone(), p.order));
        let Some((bytes, order)) = req else { return };
        let frame = Frame {
            data: bytes,
            protocol: cx.protocol,
            direction: Direction::ToKernel,
            byte_order: Some(order),
            ..Frame::default()
        };
        let mut scx = MsgCx {
            frame: &frame,
            base: 0,
            order,
            protocol: cx.protocol,
        };
        if let Some(h) = NlMsgHdr::read(&frame.data, order) {
            let mut sm = d.message_shell(&scx, 0, frame.data.len() as u32, h, 0, &mut scratch);
            sm.direction = Direction::ToKernel;
            let b = frame.data.get(NLMSG_HDRLEN..).unwrap_or(&[]);
            d.body(
                &mut scx,
                &mut sm,
                NLMSG_HDRLEN as u32,
                b,
                &mut scratch,
                true,
            );
        }
        let n = scratch.nodes.len() as NodeId;
        (&scratch, (0, n), 0)
    };
    let path = offs.and_then(|o| tree.attr_path_at(range, base.saturating_add(o)));
    let missing = miss_type.map(|t| {
        let nest = miss_nest.and_then(|o| tree.attr_path_at(range, base.saturating_add(o)));
        let req = Request {
            msg_type: echo.msg_type,
            genl_cmd: genl_cmd(tree, range),
        };
        missing_name(d, cx.protocol, req, nest.as_deref(), t)
    });
    if let Some(err) = m.error.as_mut() {
        err.attr = path;
        if missing.is_some() {
            err.missing = missing;
        }
    }
}

/// The request a missing attribute belongs to: its nlmsg_type and, for
/// generic netlink, the command in its genlmsghdr.
#[derive(Clone, Copy)]
struct Request {
    msg_type: u16,
    genl_cmd: Option<u16>,
}

/// The `cmd` of the genlmsghdr among the request's decoded nodes.
fn genl_cmd(tree: &Dissection, (from, to): (NodeId, NodeId)) -> Option<u16> {
    let nodes = tree.nodes.get(from as usize..to as usize)?;
    nodes.iter().find_map(|n| match (&n.name, &n.value) {
        (super::Name::Known("cmd"), Value::MsgType { v, .. }) => Some(*v),
        _ => None,
    })
}

/// The display name of attribute `t` in the request's top-level set, or in
/// the set of the nest whose path is `nest`. Generic requests are looked up
/// in the family learned for their nlmsg_type, by command.
fn missing_name(
    d: &Dissector,
    protocol: Option<u16>,
    req: Request,
    nest: Option<&str>,
    t: u32,
) -> String {
    let fallback = || format!("attribute type {t}");
    let Some(p) = protocol else {
        return fallback();
    };
    let found = if p == crate::frame::proto::GENERIC {
        let fam = super::genl::learned_spec(d, req.msg_type);
        fam.zip(req.genl_cmd)
            .and_then(|(fam, cmd)| Some((fam, fam.message(cmd, Some(true))?)))
    } else {
        d.specs().raw_message(p, req.msg_type, Some(true))
    };
    let Some((fam, def)) = found else {
        return fallback();
    };
    let set = match nest.and_then(|n| n.rsplit('.').next()) {
        Some(last) => fam
            .attr_sets
            .iter()
            .flat_map(|s| s.attrs.iter())
            .find(|a| a.display == last)
            .and_then(|a| a.nested),
        None => def.attr_set,
    };
    let Some(s) = set.and_then(|i| fam.attr_sets.get(i)) else {
        return fallback();
    };
    match u16::try_from(t).ok().and_then(|t| s.get(t)) {
        Some(a) => a.display.clone(),
        None => format!("{}??? (type {t})", s.prefix),
    }
}
