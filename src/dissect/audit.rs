//! NETLINK_AUDIT bodies (dissectors/audit.yaml names them): C structs for
//! the control messages, `struct audit_rule_data` with its field / operator /
//! value triples and their strings, and text for everything else (records,
//! user messages).

use super::special::Dcx;
use super::{attrs, field, group, Dissection, MsgCx, Name, NodeKind, Value};
use crate::frame::proto;
use crate::spec::{FamilySpec, MsgDef};
use crate::wire::nlmsg::{read_uint, NlMsgHdr, NLMSG_HDRLEN};

/// AUDIT_MAX_FIELDS
const MAX_FIELDS: usize = 64;
/// Offsets in struct audit_rule_data.
const FIELDS_OFF: usize = 12 + 4 * 64;
const VALUES_OFF: usize = FIELDS_OFF + 4 * MAX_FIELDS;
const FLAGS_OFF: usize = VALUES_OFF + 4 * MAX_FIELDS;
const BUFLEN_OFF: usize = FLAGS_OFF + 4 * MAX_FIELDS;
const RULE_SIZE: usize = BUFLEN_OFF + 4;

/// Fields whose value is the length of a string in `buf` (kernel
/// audit_data_to_entry): AUDIT_SUBJ_USER..SUBJ_CLR, OBJ_USER..OBJ_LEV_HIGH,
/// WATCH, DIR, FILTERKEY, EXE.
fn is_string_field(f: u64) -> bool {
    matches!(f, 13..=17 | 19..=23 | 105 | 107 | 210 | 112)
}

/// The length of a message as sent. Audit records from the kernel
/// (kernel/audit.c, audit_log_end) carry the payload length in nlmsg_len,
/// header not included; auditd and libaudit know it. A datagram holding
/// exactly one header plus nlmsg_len bytes is such a record (AUDIT_USER
/// relayed by the kernel too, so the type does not tell).
pub(super) fn declared_len(protocol: Option<u16>, hdr: &NlMsgHdr, avail: usize) -> usize {
    let len = hdr.len as usize;
    let quirk = protocol == Some(proto::AUDIT)
        && hdr.msg_type >= 16
        && len.checked_add(NLMSG_HDRLEN) == Some(avail);
    if quirk {
        avail
    } else {
        len
    }
}

/// Decodes an audit message body.
pub(super) fn message(x: &mut Dcx, fam: &'static FamilySpec, def: &MsgDef, abs: u32, body: &[u8]) {
    if body.is_empty() {
        // requests of GET, LIST_RULES, TTY_GET, SIGNAL_INFO, ...
        return;
    }
    let st = def
        .fixed_header
        .and_then(|i| fam.structs.get(i).map(|s| (i, s)));
    match st {
        Some((si, s)) if s.name == "audit-rule-data" => rule(x, fam, si, abs, body),
        Some((si, s)) => {
            let g = x
                .out
                .push(group(s.display.as_str(), abs, body.len() as u32, 0));
            attrs::struct_fields(x, fam, si, abs, body, 1);
            x.out.close(g);
            x.m.header = Some(g);
        }
        None => {
            let g = x.out.push(group("attributes", abs, body.len() as u32, 0));
            x.m.attrs = Some(g);
            text(abs, body, "text", 1, x.out);
            x.out.close(g);
        }
    }
}

/// A text node; the data span leaves out trailing NULs and newlines.
fn text(abs: u32, b: &[u8], name: &'static str, depth: u16, out: &mut Dissection) -> u32 {
    let end = b
        .iter()
        .rposition(|&c| c != 0 && c != b'\n')
        .map_or(0, |p| p + 1);
    let mut n = field(name, abs, b.len() as u32, Value::Str, depth);
    n.data_len = end as u32;
    out.push(n)
}

fn u32_at(cx: &MsgCx, b: &[u8], off: usize) -> Option<u64> {
    b.get(off..off + 4).and_then(|x| read_uint(x, cx.order))
}

/// struct audit_rule_data: the fixed part, then one `[i]` per used field
/// (field, op, value and, for string fields, the string from `buf`).
fn rule(x: &mut Dcx, fam: &'static FamilySpec, si: usize, abs: u32, body: &[u8]) {
    let g = x
        .out
        .push(group("audit_rule_data", abs, body.len() as u32, 0));
    x.m.header = Some(g);
    // flags, action, field_count and mask from the spec; the three arrays
    // that follow are shown as triples below
    let head = &body[..FIELDS_OFF.min(body.len())];
    attrs::struct_fields(x, fam, si, abs, head, 1);
    let Dcx { cx, m, out, .. } = x;
    let cx: &MsgCx = cx;
    if body.len() < RULE_SIZE {
        m.problem(
            abs,
            format!(
                "audit_rule_data needs {RULE_SIZE} bytes, the body has {}",
                body.len()
            ),
        );
        out.close(g);
        return;
    }
    let count = u32_at(cx, body, 8).unwrap_or(0) as usize;
    let buflen = u32_at(cx, body, BUFLEN_OFF).unwrap_or(0) as usize;
    let bl_at = abs + BUFLEN_OFF as u32;
    out.push(field("buflen", bl_at, 4, Value::U(buflen as u64), 1));
    let buf = &body[RULE_SIZE..];
    let mut boff = 0usize;
    let enum_of = |name: &str| fam.enum_by_name(name);
    for i in 0..count.min(MAX_FIELDS) {
        let f = u32_at(cx, body, FIELDS_OFF + 4 * i).unwrap_or(0);
        let v = u32_at(cx, body, VALUES_OFF + 4 * i).unwrap_or(0);
        let op = u32_at(cx, body, FLAGS_OFF + 4 * i).unwrap_or(0);
        let at = abs + (FIELDS_OFF + 4 * i) as u32;
        let e = out.push(group("field", at, 4, 1));
        if let Some(n) = out.nodes.get_mut(e as usize) {
            n.name = Name::Index(i as u32);
            n.kind = NodeKind::Field;
        }
        let fdef = enum_of("field");
        out.push(field("field", at, 4, Value::Enum { v: f, def: fdef }, 2));
        let op_at = abs + (FLAGS_OFF + 4 * i) as u32;
        let odef = enum_of("operator");
        out.push(field("op", op_at, 4, Value::Enum { v: op, def: odef }, 2));
        let v_at = abs + (VALUES_OFF + 4 * i) as u32;
        let value = match f {
            11 => Value::Hex(v), // AUDIT_ARCH
            _ => Value::U(v),
        };
        out.push(field("value", v_at, 4, value, 2));
        if is_string_field(f) {
            let len = v as usize;
            match buf.get(boff..boff.saturating_add(len)) {
                Some(s) => {
                    text(abs + (RULE_SIZE + boff) as u32, s, "str", 2, out);
                    boff += len;
                }
                None => m.problem(
                    v_at,
                    format!(
                        "string of {len} bytes overruns buf ({} left)",
                        buf.len() - boff.min(buf.len())
                    ),
                ),
            }
        }
        // the triple is spread over three arrays (and buf): the node spans
        // all of it so its children lie inside
        let first = (e as usize).saturating_add(1);
        let last = out.nodes.get(first..).map_or(at, |kids| {
            kids.iter()
                .map(|n| n.offset.saturating_add(n.len))
                .max()
                .unwrap_or(at)
        });
        if let Some(n) = out.nodes.get_mut(e as usize) {
            n.len = last.saturating_sub(at).max(4);
        }
        out.close(e);
    }
    // senders pad the message to 4 bytes (NLMSG_ALIGN), so up to 3 more
    if buflen > buf.len() || buf.len() - buflen > 3 {
        m.problem(
            abs + BUFLEN_OFF as u32,
            format!("buflen {buflen} but {} bytes follow", buf.len()),
        );
    }
    out.close(g);
}
