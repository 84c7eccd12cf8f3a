//! nf_tables layouts the spec cannot say: the meaning of a chain's hook
//! number (NFTA_HOOK_HOOKNUM) depends on the table's family, which is in the
//! message's nfgenmsg (NFPROTO_*), not in the attribute.

use super::special::{Dcx, Spot};
use super::{Dissection, Message, Value};
use crate::frame::ByteOrder;
use crate::wire::nlmsg::read_uint;

const NFPROTO_ARP: u64 = 3;
const NFPROTO_NETDEV: u64 = 5;

/// The enum (in the nftables spec) that names hook numbers of `family`.
fn hook_enum(family: Option<u64>) -> Option<&'static str> {
    match family? {
        NFPROTO_ARP => Some("nf-arp-hooks"),
        NFPROTO_NETDEV => Some("nf-dev-hooks"),
        // inet, ipv4, ipv6, bridge use the NF_INET_* numbering
        1 | 2 | 7 | 10 => Some("nf-inet-hooks"),
        _ => None,
    }
}

/// `nft-hooknum`: a big-endian u32 named by the message's family. Returns
/// false (generic decoding) when the width is wrong or the family unknown.
pub(super) fn hooknum(x: &mut Dcx, s: &Spot) -> bool {
    let Spot {
        fam, id, payload, ..
    } = *s;
    let (m, out) = (&*x.m, &mut *x.out);
    if payload.len() != 4 {
        return false;
    }
    let Some(v) = read_uint(payload, ByteOrder::Big) else {
        return false;
    };
    let family = message_family(m, out);
    let Some(def) = hook_enum(family).and_then(|n| fam.enum_by_name(n)) else {
        return false;
    };
    if let Some(n) = out.nodes.get_mut(id as usize) {
        n.value = Value::Enum { v, def: Some(def) };
    }
    true
}

/// nfgen_family: the first field of the message's fixed header.
fn message_family(m: &Message, out: &Dissection) -> Option<u64> {
    let h = m.header?;
    let first = out.children(h).next()?;
    match out.nodes.get(first as usize)?.value {
        Value::Enum { v, .. } | Value::U(v) => Some(v),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hook_numbering_follows_the_family() {
        assert_eq!(hook_enum(Some(1)), Some("nf-inet-hooks"));
        assert_eq!(hook_enum(Some(2)), Some("nf-inet-hooks"));
        assert_eq!(hook_enum(Some(10)), Some("nf-inet-hooks"));
        assert_eq!(hook_enum(Some(7)), Some("nf-inet-hooks"));
        assert_eq!(hook_enum(Some(3)), Some("nf-arp-hooks"));
        assert_eq!(hook_enum(Some(5)), Some("nf-dev-hooks"));
        assert_eq!(hook_enum(Some(0)), None);
        assert_eq!(hook_enum(None), None);
    }
}
