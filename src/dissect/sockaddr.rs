//! `struct sockaddr_in` / `sockaddr_in6` carried in a binary attribute
//! (WGPEER_A_ENDPOINT): the layout follows sa_family, so a spec cannot say it.

use super::special::{Dcx, Spot};
use super::{field, Value};
use crate::frame::ByteOrder;
use crate::wire::nlmsg::read_uint;

const AF_INET: u64 = 2;
const AF_INET6: u64 = 10;

/// Decodes `payload` as a sockaddr; false when it is neither layout (the
/// caller then shows bytes).
pub(super) fn decode(x: &mut Dcx, s: &Spot) -> bool {
    let Spot {
        abs,
        payload,
        order,
        depth,
        ..
    } = *s;
    let out = &mut *x.out;
    let Some(family) = payload.get(..2).and_then(|b| read_uint(b, order)) else {
        return false;
    };
    let (addr_off, addr_len, need) = match family {
        AF_INET => (4usize, 4usize, 8usize),
        AF_INET6 => (8, 16, 24),
        _ => return false,
    };
    if payload.len() < need {
        return false;
    }
    let fam_name = if family == AF_INET {
        "sin_family"
    } else {
        "sin6_family"
    };
    out.push(field(fam_name, abs, 2, Value::U(family), depth));
    let port = payload
        .get(2..4)
        .and_then(|b| read_uint(b, ByteOrder::Big))
        .unwrap_or(0);
    let port_name = if family == AF_INET {
        "sin_port"
    } else {
        "sin6_port"
    };
    out.push(field(port_name, abs + 2, 2, Value::U(port), depth));
    if family == AF_INET6 {
        let flow = payload
            .get(4..8)
            .and_then(|b| read_uint(b, ByteOrder::Big))
            .unwrap_or(0);
        out.push(field("sin6_flowinfo", abs + 4, 4, Value::Hex(flow), depth));
    }
    let addr_name = if family == AF_INET {
        "sin_addr"
    } else {
        "sin6_addr"
    };
    out.push(field(
        addr_name,
        abs + addr_off as u32,
        addr_len as u32,
        Value::Ip,
        depth,
    ));
    if family == AF_INET6 {
        if let Some(b) = payload.get(24..28) {
            let scope = read_uint(b, order).unwrap_or(0);
            out.push(field("sin6_scope_id", abs + 24, 4, Value::U(scope), depth));
        }
    }
    true
}
