//! NETLINK_CONNECTOR bodies: struct cn_msg, then the data of the connector
//! user. The proc connector (CN_IDX_PROC/CN_VAL_PROC) is decoded from the
//! structs of dissectors/connector.yaml: `proc-input` from user space, and
//! `proc-event` followed by the `proc-event-<what>` struct its `what` names.

use super::special::Dcx;
use super::{attrs, group, Value};
use crate::frame::{proto, Direction};
use crate::spec::FamilySpec;
use crate::wire::nlmsg::read_uint;

const CN_MSG_LEN: usize = 20;
const PROC_EVENT_HEAD: usize = 16;

/// True for the messages this module decodes although their type is a
/// control type: the connector sends everything as NLMSG_DONE.
pub(super) fn is_connector_done(protocol: Option<u16>, msg_type: u16) -> bool {
    protocol == Some(proto::CONNECTOR) && msg_type == 3
}

/// The union member of struct proc_event for `what`.
fn event_struct(what: u64) -> Option<&'static str> {
    Some(match what {
        0 => "proc-event-none",
        0x1 => "proc-event-fork",
        0x2 => "proc-event-exec",
        0x4 => "proc-event-uid",
        0x40 => "proc-event-gid",
        0x80 => "proc-event-sid",
        0x100 => "proc-event-ptrace",
        0x200 => "proc-event-comm",
        0x4000_0000 => "proc-event-coredump",
        0x8000_0000 => "proc-event-exit",
        _ => return None,
    })
}

fn struct_index(fam: &FamilySpec, name: &str) -> Option<usize> {
    fam.structs.iter().position(|s| s.name == name)
}

/// Decodes a connector message body.
pub(super) fn message(x: &mut Dcx, fam: &'static FamilySpec, abs: u32, body: &[u8]) {
    let order = x.cx.order;
    let u32_at = |off: usize| body.get(off..off + 4).and_then(|b| read_uint(b, order));
    let Some(cn) = struct_index(fam, "cn-msg") else {
        return;
    };
    let head = &body[..CN_MSG_LEN.min(body.len())];
    let g = x.out.push(group("cn_msg", abs, head.len() as u32, 0));
    attrs::struct_fields(x, fam, cn, abs, head, 1);
    x.out.close(g);
    x.m.header = Some(g);
    if body.len() < CN_MSG_LEN {
        x.m.problem(
            abs,
            format!(
                "cn_msg needs {CN_MSG_LEN} bytes, the body has {}",
                body.len()
            ),
        );
        return;
    }
    let idx = u32_at(0).unwrap_or(0);
    let val = u32_at(4).unwrap_or(0);
    let len = body
        .get(16..18)
        .and_then(|b| read_uint(b, order))
        .unwrap_or(0) as usize;
    let rest = &body[CN_MSG_LEN..];
    if len > rest.len() {
        x.m.problem(
            abs + 16,
            format!("cn_msg.len {len} but {} bytes follow", rest.len()),
        );
    }
    let data = &rest[..len.min(rest.len())];
    let at = abs + CN_MSG_LEN as u32;
    if data.is_empty() {
        return;
    }
    let proc_cn = idx == 1 && val == 1;
    let top = x.out.push(group("attributes", at, data.len() as u32, 0));
    x.m.attrs = Some(top);
    if proc_cn && data.len() < PROC_EVENT_HEAD {
        // proc_cn_mcast_op (and, on newer kernels, an event filter); only
        // user space sends these (the kernel sends proc_event)
        x.m.direction = Direction::ToKernel;
        let g = x.out.push(group("proc_input", at, data.len() as u32, 1));
        if let Some(si) = struct_index(fam, "proc-input") {
            attrs::struct_fields(x, fam, si, at, data, 2);
        }
        x.out.close(g);
    } else if proc_cn {
        let what = data.get(..4).and_then(|b| read_uint(b, order)).unwrap_or(0);
        let g = x.out.push(group("proc_event", at, data.len() as u32, 1));
        if let Some(si) = struct_index(fam, "proc-event") {
            attrs::struct_fields(x, fam, si, at, &data[..PROC_EVENT_HEAD], 2);
        }
        let ev = &data[PROC_EVENT_HEAD..];
        let ev_at = at + PROC_EVENT_HEAD as u32;
        match event_struct(what).and_then(|n| struct_index(fam, n)) {
            Some(si) => {
                let sg = x.out.push(group("event_data", ev_at, ev.len() as u32, 2));
                // the union is as large as its largest member: the rest of
                // the bytes belong to it, not to a trailing field
                let size = fam.structs.get(si).map_or(0, |s| s.size);
                attrs::struct_fields(x, fam, si, ev_at, &ev[..size.min(ev.len())], 3);
                x.out.close(sg);
            }
            None => {
                x.out.push(super::field(
                    "event_data",
                    ev_at,
                    ev.len() as u32,
                    Value::Bytes,
                    2,
                ));
            }
        }
        x.out.close(g);
    } else {
        x.out
            .push(super::field("data", at, data.len() as u32, Value::Bytes, 1));
    }
    x.out.close(top);
}
