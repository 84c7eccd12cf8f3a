//! rtnetlink layouts of the route-extra slice that a spec cannot describe:
//! AF_MPLS routes, whose RTA_DST / RTA_NEWDST are label stacks rather than
//! IP addresses, and `struct rtvia` (RTA_VIA: an address family, then an
//! address of that family).

use super::special::{Dcx, Spot};
use super::{field, Dissection, Value, MAX_DEPTH};
use crate::frame::ByteOrder;
use crate::spec::FamilySpec;
use crate::wire::nlmsg::read_uint;

/// AF_MPLS (libc bits/socket.h).
const AF_MPLS: u64 = 28;
const AF_INET: u64 = 2;
const AF_INET6: u64 = 10;
/// AF_PACKET: RTA_VIA of an MPLS route may carry a link-layer address.
const AF_PACKET: u64 = 17;

/// Runs decoder `name` if it is one of this module's; false otherwise (or
/// when it does not apply, so the attribute gets its spec type).
pub(super) fn decode(x: &mut Dcx, s: &Spot, name: &str) -> bool {
    match name {
        // RTA_DST / RTA_NEWDST: labels in AF_MPLS routes, else the spec's type
        "mpls-by-family" => {
            super::special::message_family(x.m, x.out) == Some(AF_MPLS)
                && super::route2::mpls_labels(x, s)
        }
        "rtvia" => rtvia(s.fam, s.abs, s.payload, s.order, s.depth, x.out),
        _ => false,
    }
}

/// `struct rtvia { __kernel_sa_family_t rtvia_family; __u8 rtvia_addr[]; }`.
fn rtvia(
    fam: &'static FamilySpec,
    abs: u32,
    payload: &[u8],
    order: ByteOrder,
    depth: u16,
    out: &mut Dissection,
) -> bool {
    let (Some(head), Some(addr)) = (payload.get(..2), payload.get(2..)) else {
        return false;
    };
    if depth >= MAX_DEPTH {
        return false;
    }
    let family = read_uint(head, order).unwrap_or(0);
    out.push(field(
        "rtvia_family",
        abs,
        2,
        super::attrs::named_enum(fam, "address-families", family),
        depth,
    ));
    let value = match (family, addr.len()) {
        (AF_INET, 4) | (AF_INET6, 16) => Value::Ip,
        (AF_PACKET, 6) => Value::Mac,
        _ => Value::HexBytes,
    };
    if !addr.is_empty() {
        out.push(field(
            "rtvia_addr",
            abs + 2,
            addr.len() as u32,
            value,
            depth,
        ));
    }
    true
}
