//! `struct nlmsghdr` and `struct nlattr` (linux/netlink.h).
//!
//! Both are parsed with nom over the frame bytes; the byte order is a
//! parameter, never the host's. Views carry the absolute offset at which they
//! were found so every span can point into the frame.

use crate::frame::ByteOrder;
use nom::number::complete::{u16 as nom_u16, u32 as nom_u32};
use nom::number::Endianness;
use nom::{IResult, Parser};

/// Size of `struct nlmsghdr`.
pub const NLMSG_HDRLEN: usize = 16;
/// Size of `struct nlattr`.
pub const NLA_HDRLEN: usize = 4;

/// `NLA_F_NESTED`: the payload is a nested attribute stream.
pub const NLA_F_NESTED: u16 = 1 << 15;
/// `NLA_F_NET_BYTEORDER`: the payload is in network (big-endian) order.
pub const NLA_F_NET_BYTEORDER: u16 = 1 << 14;
/// Mask for the attribute type proper.
pub const NLA_TYPE_MASK: u16 = !(NLA_F_NESTED | NLA_F_NET_BYTEORDER);

/// Rounds up to the 4-byte netlink alignment, saturating instead of overflowing.
pub fn align4(n: usize) -> usize {
    n.saturating_add(3) & !3
}

pub(crate) fn endianness(order: ByteOrder) -> Endianness {
    match order {
        ByteOrder::Little => Endianness::Little,
        ByteOrder::Big => Endianness::Big,
    }
}

/// The fields of a netlink message header, as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NlMsgHdr {
    pub len: u32,
    pub msg_type: u16,
    pub flags: u16,
    pub seq: u32,
    pub pid: u32,
}

impl NlMsgHdr {
    /// Parses the 16-byte header at the start of `input`.
    pub fn parse(input: &[u8], order: ByteOrder) -> IResult<&[u8], NlMsgHdr> {
        let e = endianness(order);
        let (rest, (len, msg_type, flags, seq, pid)) =
            (nom_u32(e), nom_u16(e), nom_u16(e), nom_u32(e), nom_u32(e)).parse(input)?;
        Ok((
            rest,
            NlMsgHdr {
                len,
                msg_type,
                flags,
                seq,
                pid,
            },
        ))
    }

    /// Parses without nom's error type: `None` when fewer than 16 bytes.
    pub fn read(input: &[u8], order: ByteOrder) -> Option<NlMsgHdr> {
        NlMsgHdr::parse(input, order).ok().map(|(_, h)| h)
    }
}

/// The header of one attribute, as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NlAttrHdr {
    /// `nla_len`: header plus payload, without trailing padding.
    pub len: u16,
    /// `nla_type` with its flag bits.
    pub raw_type: u16,
}

impl NlAttrHdr {
    pub fn parse(input: &[u8], order: ByteOrder) -> IResult<&[u8], NlAttrHdr> {
        let e = endianness(order);
        let (rest, (len, raw_type)) = (nom_u16(e), nom_u16(e)).parse(input)?;
        Ok((rest, NlAttrHdr { len, raw_type }))
    }

    pub fn read(input: &[u8], order: ByteOrder) -> Option<NlAttrHdr> {
        NlAttrHdr::parse(input, order).ok().map(|(_, h)| h)
    }

    /// The type without `NLA_F_NESTED` / `NLA_F_NET_BYTEORDER`.
    pub fn kind(self) -> u16 {
        self.raw_type & NLA_TYPE_MASK
    }

    pub fn nested(self) -> bool {
        self.raw_type & NLA_F_NESTED != 0
    }

    pub fn net_byteorder(self) -> bool {
        self.raw_type & NLA_F_NET_BYTEORDER != 0
    }
}

/// Reads unsigned integers of 1, 2, 4 or 8 bytes in the given order.
pub fn read_uint(bytes: &[u8], order: ByteOrder) -> Option<u64> {
    let n = bytes.len();
    if !matches!(n, 1 | 2 | 4 | 8) {
        return None;
    }
    let mut v: u64 = 0;
    match order {
        ByteOrder::Big => {
            for b in bytes {
                v = (v << 8) | *b as u64;
            }
        }
        ByteOrder::Little => {
            for b in bytes.iter().rev() {
                v = (v << 8) | *b as u64;
            }
        }
    }
    Some(v)
}

/// Sign-extends a value read by [`read_uint`] from `width` bytes.
pub fn sign_extend(v: u64, width: usize) -> i64 {
    match width {
        1 => v as u8 as i8 as i64,
        2 => v as u16 as i16 as i64,
        4 => v as u32 as i32 as i64,
        _ => v as i64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nlmsghdr_both_orders() {
        // RTM_GETLINK request as `ip link show lo` sends it (from strace -e write=).
        let le = [
            0x30, 0, 0, 0, 0x12, 0, 0x01, 0, 0xb4, 0x44, 0x05, 0x6b, 0, 0, 0, 0,
        ];
        let h = NlMsgHdr::read(&le, ByteOrder::Little).unwrap();
        assert_eq!(
            h,
            NlMsgHdr {
                len: 48,
                msg_type: 18,
                flags: 1,
                seq: 0x6b0544b4,
                pid: 0
            }
        );
        let be = [
            0, 0, 0, 0x30, 0, 0x12, 0, 0x01, 0x6b, 0x05, 0x44, 0xb4, 0, 0, 0, 7,
        ];
        let h = NlMsgHdr::read(&be, ByteOrder::Big).unwrap();
        assert_eq!((h.len, h.msg_type, h.seq, h.pid), (48, 18, 0x6b0544b4, 7));
        assert!(NlMsgHdr::read(&le[..15], ByteOrder::Little).is_none());
    }

    #[test]
    fn nlattr_flags_and_kind() {
        let a = NlAttrHdr::read(&[0x0c, 0x00, 0x2b, 0x80], ByteOrder::Little).unwrap();
        assert_eq!(a.len, 12);
        assert!(a.nested());
        assert!(!a.net_byteorder());
        assert_eq!(a.kind(), 0x2b);
        let b = NlAttrHdr::read(&[0x08, 0x00, 0x01, 0x40], ByteOrder::Little).unwrap();
        assert!(b.net_byteorder());
        assert_eq!(b.kind(), 1);
        assert!(NlAttrHdr::read(&[1, 2, 3], ByteOrder::Little).is_none());
    }

    #[test]
    fn integers_and_alignment() {
        assert_eq!(read_uint(&[0x34, 0x12], ByteOrder::Little), Some(0x1234));
        assert_eq!(read_uint(&[0x12, 0x34], ByteOrder::Big), Some(0x1234));
        assert_eq!(read_uint(&[1, 2, 3], ByteOrder::Big), None);
        assert_eq!(sign_extend(0xffff_ffff, 4), -1);
        assert_eq!(sign_extend(0x80, 1), -128);
        assert_eq!(align4(5), 8);
        assert_eq!(align4(8), 8);
        assert_eq!(align4(usize::MAX), usize::MAX & !3);
    }
}
