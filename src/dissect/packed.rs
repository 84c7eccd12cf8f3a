//! `binary` attributes that are packed C arrays of integers (YNL
//! `type: binary` with an integer `sub-type`), shown element by element:
//! OVS_DP_ATTR_PER_CPU_PIDS, OVS_VPORT_ATTR_UPCALL_PID (u32 port ids).
//!
//! Asked for with `nldump-decoder: packed-array` (or by display name in
//! special.rs), so specs that already say `sub-type` on binary attributes
//! keep their present output.

use super::attrs::scalar;
use super::special::{Dcx, Spot};
use super::{field, Name, Value};

/// Decodes `payload` as an array of `a.sub_type` integers. False when the
/// attribute has no integer sub-type (the caller then shows bytes).
pub(super) fn decode(x: &mut Dcx, s: &Spot) -> bool {
    let Spot {
        fam,
        attr: a,
        id,
        abs,
        payload,
        order,
        depth,
    } = *s;
    let (m, out) = (&mut *x.m, &mut *x.out);
    let Some(sub) = a.sub_type.filter(|t| t.int_width().is_some()) else {
        return false;
    };
    let w = sub.int_width().unwrap_or(1);
    if payload.len() % w != 0 {
        let msg = format!(
            "array of {w}-byte integers, but the payload has {} bytes",
            payload.len()
        );
        if let Some(n) = out.nodes.get_mut(id as usize) {
            n.value = Value::Bytes;
            n.problem = Some(msg.clone().into_boxed_str());
        }
        m.problem(abs, msg);
        return true;
    }
    for (i, b) in payload.chunks_exact(w).enumerate() {
        let v =
            scalar(fam, sub, a.enum_ref, a.enum_as_flags, a.hint, b, order).unwrap_or(Value::Bytes);
        let mut n = field("", abs + (i * w) as u32, w as u32, v, depth);
        n.name = Name::Index(i as u32);
        out.push(n);
    }
    if payload.is_empty() {
        if let Some(n) = out.nodes.get_mut(id as usize) {
            n.value = Value::Bytes;
        }
    }
    true
}
