//! What the sock_diag spec (dissectors/sock-diag.yaml) cannot say as plain
//! YNL, kept generic where it could serve another family:
//!
//! * `nldump-select` on a request/reply: the fixed header and attribute set
//!   are those of the sub-message format whose value matches an integer in
//!   the body (sock_diag: the first byte, `sdiag_family`).
//! * `nldump-bitfields` on a struct member: C bit-fields (`tcpi_snd_wscale:4`).
//! * Decoders asked for with `nldump-decoder:` — `inet-diag-bytecode` (the
//!   filter program of INET_DIAG_REQ_BYTECODE), `struct-array` (a binary
//!   attribute holding N structs), `scalar-array` (a binary attribute holding
//!   N integers of its `sub-type`) and `sun-path` (a unix socket name, whose
//!   abstract form starts with a NUL byte).

use super::special::{Dcx, Spot};
use super::{attrs, field, group, Dissection, Name, Value};
use crate::frame::ByteOrder;
use crate::spec::{AttrType, FamilySpec, Hint, Member, MsgDef, Select};
use crate::wire::nlmsg::{read_uint, sign_extend};

/// The fixed header and attribute set to decode `body` with: the message's
/// own, or those its `nldump-select` picks. When the selector matches no
/// format the header stays (it is the common prefix) and the rest is shown
/// without names.
pub(super) fn header_and_set(
    fam: &FamilySpec,
    def: &MsgDef,
    body: &[u8],
    order: ByteOrder,
) -> (Option<usize>, Option<usize>) {
    match def.select.as_ref() {
        Some(sel) => select(fam, sel, def.fixed_header, body, order),
        None => (def.fixed_header, def.attr_set),
    }
}

/// The fixed header and attribute set of the format of `sel`'s sub-message
/// that the integer at `sel.offset` of `body` names; `(header, None)` when
/// none does. Also serves `nldump-select` on a sub-message format.
pub(super) fn select(
    fam: &FamilySpec,
    sel: &Select,
    header: Option<usize>,
    body: &[u8],
    order: ByteOrder,
) -> (Option<usize>, Option<usize>) {
    let end = sel.offset.saturating_add(sel.width);
    let Some(v) = body.get(sel.offset..end).and_then(|b| read_uint(b, order)) else {
        return (header, None);
    };
    let entry = sel
        .enum_ref
        .and_then(|e| fam.enums.get(e))
        .and_then(|e| e.name_of(v));
    let fmt = fam.sub_messages.get(sel.sub_message).and_then(|sm| {
        sm.formats
            .iter()
            .find(|f| f.value == v.to_string() || entry.is_some_and(|n| names_entry(n, &f.value)))
    });
    match fmt {
        Some(f) => (f.fixed_header, f.attr_set),
        None => (header, None),
    }
}

/// True when format value `value` (a YNL entry name such as `inet`) names
/// the enum entry shown as `display` (`AF_INET`).
fn names_entry(display: &str, value: &str) -> bool {
    let c: String = value
        .chars()
        .map(|c| {
            if c == '-' {
                '_'
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect();
    display == c
        || display
            .strip_suffix(c.as_str())
            .is_some_and(|p| p.ends_with('_'))
}

/// The bit-fields packed in struct member `mem` (bytes `b` at `at`), one
/// field each. GCC allocates them from the least significant bit on
/// little-endian targets and from the most significant bit on big-endian ones.
pub(super) fn bitfields(
    mem: &'static Member,
    at: u32,
    b: &[u8],
    order: ByteOrder,
    depth: u16,
    out: &mut Dissection,
) {
    let order = mem.order(order);
    let Some(v) = read_uint(b, order) else {
        out.push(field(
            mem.name.as_str(),
            at,
            b.len() as u32,
            Value::Bytes,
            depth,
        ));
        return;
    };
    let total = (b.len() * 8) as u32;
    let mut used = 0u32;
    for (name, width) in &mem.bitfields {
        let w = u32::from(*width);
        if used + w > total {
            break;
        }
        let shift = match order {
            ByteOrder::Little => used,
            ByteOrder::Big => total - used - w,
        };
        let mask = if w >= 64 { u64::MAX } else { (1u64 << w) - 1 };
        let x = v.checked_shr(shift).unwrap_or(0) & mask;
        out.push(field(name.as_str(), at, b.len() as u32, Value::U(x), depth));
        used += w;
    }
}

/// Runs decoder `name` of this module on attribute `a`; false when the name
/// is not one of ours (or it does not apply).
pub(super) fn decode(x: &mut Dcx, s: &Spot, name: &str) -> bool {
    let Spot {
        fam,
        attr: a,
        id,
        abs,
        payload,
        order,
        depth,
    } = *s;
    match name {
        "inet-diag-bytecode" => bytecode(x, s),
        "struct-array" => {
            let Some(si) = a.struct_ref else { return false };
            let size = fam.structs.get(si).map_or(0, |s| s.size);
            if size == 0 {
                return false;
            }
            for (i, chunk) in payload.chunks(size).enumerate() {
                let at = abs + (i * size) as u32;
                let g = x.out.push(group("", at, chunk.len() as u32, depth));
                x.out.nodes[g as usize].name = Name::Index(i as u32);
                attrs::struct_fields(x, fam, si, at, chunk, depth + 1);
                x.out.close(g);
            }
        }
        "scalar-array" => {
            let w = a.sub_type.and_then(AttrType::int_width).unwrap_or(4);
            for (i, chunk) in payload.chunks(w).enumerate() {
                let at = abs + (i * w) as u32;
                let v = match read_uint(chunk, order) {
                    Some(v) if chunk.len() == w && a.hint == Hint::Hex => Value::Hex(v),
                    Some(v) if chunk.len() == w => Value::U(v),
                    _ => Value::Bytes,
                };
                let n = x.out.push(field("", at, chunk.len() as u32, v, depth));
                x.out.nodes[n as usize].name = Name::Index(i as u32);
            }
        }
        "sun-path" => {
            // "\0name" is an abstract name: keep the leading NUL, drop the
            // trailing ones of a path.
            let len = payload.iter().rposition(|&c| c != 0).map_or(0, |p| p + 1);
            let n = &mut x.out.nodes[id as usize];
            n.value = Value::Str;
            n.data_len = len as u32;
        }
        _ => return false,
    }
    true
}

const BC_S_GE: u8 = 2;
const BC_D_LE: u8 = 5;
const BC_S_COND: u8 = 7;
const BC_D_COND: u8 = 8;
const BC_DEV_COND: u8 = 9;
const BC_MARK_COND: u8 = 10;
const BC_S_EQ: u8 = 11;
const BC_D_EQ: u8 = 12;
const BC_CGROUP_COND: u8 = 13;
const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;

/// INET_DIAG_REQ_BYTECODE: `struct inet_diag_bc_op` instructions, each
/// followed by its operand (inet_diag.h; checked by the kernel's
/// inet_diag_bc_audit): a port in the `no` of a second op, a hostcond with
/// its address, an ifindex, a markcond or a cgroup id.
fn bytecode(x: &mut Dcx, s: &Spot) {
    let Spot {
        fam,
        abs,
        payload: p,
        order,
        depth,
        ..
    } = *s;
    let (m, out) = (&mut *x.m, &mut *x.out);
    let u = |b: &[u8]| read_uint(b, order).unwrap_or(0);
    let mut off = 0usize;
    let mut i = 0u32;
    while off < p.len() {
        let rest = &p[off..];
        let at = abs + off as u32;
        let Some(op) = rest.get(..4) else {
            m.problem(
                at,
                format!("{} bytes after the last bytecode op", rest.len()),
            );
            break;
        };
        let code = op[0];
        let need = match code {
            BC_S_GE..=BC_D_LE | BC_S_EQ | BC_D_EQ => 8,
            BC_S_COND | BC_D_COND => match rest.get(4) {
                Some(&AF_INET) => 16,
                Some(&AF_INET6) => 28,
                _ => 12,
            },
            BC_DEV_COND => 8,
            BC_MARK_COND | BC_CGROUP_COND => 12,
            _ => 4,
        };
        let Some(b) = rest.get(..need) else {
            m.problem(
                at,
                format!("bytecode op {code} needs {need} bytes, {} left", rest.len()),
            );
            let n = out.push(field("op", at, rest.len() as u32, Value::Bytes, depth));
            out.nodes[n as usize].name = Name::Index(i);
            break;
        };
        // The kernel steps to the next op by `yes` (inet_diag_bc_audit
        // allows operands longer than needed; ss pads an AF_UNSPEC hostcond
        // to 16 bytes): follow it when it fits.
        let yes = b[1] as usize;
        let step = if yes >= need && yes <= rest.len() {
            yes
        } else {
            need
        };
        let g = out.push(group("", at, step as u32, depth));
        out.nodes[g as usize].name = Name::Index(i);
        let d = depth + 1;
        let code_v = attrs::named_enum(fam, "inet-diag-bc-op-code", code as u64);
        out.push(field("code", at, 1, code_v, d));
        out.push(field("yes", at + 1, 1, Value::U(b[1] as u64), d));
        out.push(field("no", at + 2, 2, Value::U(u(&b[2..4])), d));
        match code {
            BC_S_GE..=BC_D_LE | BC_S_EQ | BC_D_EQ => {
                out.push(field("port", at + 6, 2, Value::U(u(&b[6..8])), d));
            }
            BC_S_COND | BC_D_COND => {
                let fv = attrs::named_enum(fam, "address-family", b[4] as u64);
                out.push(field("family", at + 4, 1, fv, d));
                out.push(field("prefix_len", at + 5, 1, Value::U(b[5] as u64), d));
                let port = sign_extend(u(&b[8..12]), 4);
                out.push(field("port", at + 8, 4, Value::I(port), d));
                if need > 12 {
                    out.push(field("addr", at + 12, (need - 12) as u32, Value::Ip, d));
                }
            }
            BC_DEV_COND => {
                out.push(field("ifindex", at + 4, 4, Value::U(u(&b[4..8])), d));
            }
            BC_MARK_COND => {
                out.push(field("mark", at + 4, 4, Value::Hex(u(&b[4..8])), d));
                out.push(field("mask", at + 8, 4, Value::Hex(u(&b[8..12])), d));
            }
            BC_CGROUP_COND => {
                out.push(field("cgroup_id", at + 4, 8, Value::U(u(&b[4..12])), d));
            }
            _ => {}
        }
        if step > need {
            let n = (step - need) as u32;
            out.push(field("pad", at + need as u32, n, Value::HexBytes, d));
        }
        out.close(g);
        off += step;
        i += 1;
    }
}
