//! Link-layer headers that precede netlink data in captures: the 16-byte
//! cooked header of `LINKTYPE_NETLINK` (253), which has the same layout as
//! `LINKTYPE_LINUX_SLL` (113), and the 20-byte `LINKTYPE_LINUX_SLL2` (276).
//!
//! # Byte order
//!
//! Every multi-byte field of these headers is **big-endian** (network order),
//! whatever the byte order of the capture file or of the netlink payload.
//! Checked against the corpus (`samples/corpus/`): all seven netlink pcaps
//! and the pcapng start each packet with `00 04 03 38`, that is packet type
//! 4 (`PACKET_OUTGOING`) and ARPHRD 0x0338 = 824 (`ARPHRD_NETLINK`) read
//! big-endian; address length and address are zero; the protocol field of
//! the generic-netlink packets in `pyroute2__nl0.pcap` and
//! `drizzt-ovs__ovs-netlink.pcapng` is `00 10`, i.e. 16 = `NETLINK_GENERIC`
//! big-endian (tshark agrees: "Family: Generic (0x0010)"). The same holds in
//! `nldecap__two_packets_be.pcap`, whose file header is big-endian while its
//! netlink payload is little-endian: the cooked header is not affected by
//! either. Numbers come from `linux/if_packet.h` (`PACKET_*`) and
//! `linux/if_arp.h` (`ARPHRD_*`).
//!
//! Views are built with `new_checked` only; accessors read through
//! `slice::get` and cannot panic.

use std::fmt;

/// `LINKTYPE_ETHERNET` (DLT_EN10MB).
pub const LINKTYPE_ETHERNET: u32 = 1;
/// `LINKTYPE_LINUX_SLL`: Linux cooked capture, v1 (16-byte header).
pub const LINKTYPE_LINUX_SLL: u32 = 113;
/// `LINKTYPE_NFLOG`: netfilter log messages (not netlink traffic).
pub const LINKTYPE_NFLOG: u32 = 239;
/// `LINKTYPE_NETLINK`: nlmon captures (16-byte cooked header).
pub const LINKTYPE_NETLINK: u32 = 253;
/// `LINKTYPE_LINUX_SLL2`: Linux cooked capture, v2 (20-byte header).
pub const LINKTYPE_LINUX_SLL2: u32 = 276;

/// `ARPHRD_NETLINK` from `linux/if_arp.h`: the hardware type of nlmon devices.
pub const ARPHRD_NETLINK: u16 = 824;

/// Packet types (`PACKET_*` in `linux/if_packet.h`).
pub mod packet_type {
    pub const HOST: u16 = 0;
    pub const BROADCAST: u16 = 1;
    pub const MULTICAST: u16 = 2;
    pub const OTHERHOST: u16 = 3;
    /// What nlmon reports for every message, whichever way it went.
    pub const OUTGOING: u16 = 4;
    pub const LOOPBACK: u16 = 5;
    pub const USER: u16 = 6;
    pub const KERNEL: u16 = 7;
}

const LINK_TYPE_NAMES: &[(u32, &str)] = &[
    (LINKTYPE_ETHERNET, "Ethernet"),
    (LINKTYPE_LINUX_SLL, "Linux cooked (SLL)"),
    (LINKTYPE_NFLOG, "NFLOG"),
    (LINKTYPE_NETLINK, "netlink"),
    (LINKTYPE_LINUX_SLL2, "Linux cooked v2 (SLL2)"),
];

/// The name of a link type, when it is one we know.
pub fn link_type_name(link_type: u32) -> Option<&'static str> {
    LINK_TYPE_NAMES
        .iter()
        .find(|(n, _)| *n == link_type)
        .map(|(_, s)| *s)
}

/// A link type for messages: `Ethernet`, `NFLOG`, … or `link type 147`.
pub fn link_type_label(link_type: u32) -> String {
    match link_type_name(link_type) {
        Some(name) => name.to_string(),
        None => format!("link type {link_type}"),
    }
}

/// A link type with its number for error messages: `link type 1 (Ethernet)`
/// or `link type 147`.
pub fn describe_link_type(link_type: u32) -> String {
    match link_type_name(link_type) {
        Some(name) => format!("link type {link_type} ({name})"),
        None => format!("link type {link_type}"),
    }
}

/// A buffer too short for the header asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooShort {
    /// Which header.
    pub what: &'static str,
    /// Bytes the header needs.
    pub needed: usize,
    /// Bytes there were.
    pub got: usize,
}

impl fmt::Display for TooShort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} needs {} bytes, only {} captured",
            self.what, self.needed, self.got
        )
    }
}

impl std::error::Error for TooShort {}

fn be16(data: &[u8], at: usize) -> u16 {
    match data.get(at..at + 2) {
        Some(&[a, b]) => u16::from_be_bytes([a, b]),
        _ => 0,
    }
}

fn be32(data: &[u8], at: usize) -> u32 {
    match data.get(at..at + 4) {
        Some(&[a, b, c, d]) => u32::from_be_bytes([a, b, c, d]),
        _ => 0,
    }
}

fn byte(data: &[u8], at: usize) -> u8 {
    data.get(at).copied().unwrap_or(0)
}

fn addr8(data: &[u8], at: usize) -> [u8; 8] {
    let mut out = [0u8; 8];
    if let Some(src) = data.get(at..at + 8) {
        out.copy_from_slice(src);
    }
    out
}

/// The 16-byte header of `LINKTYPE_NETLINK` and `LINKTYPE_LINUX_SLL`.
///
/// ```text
///  0      2      4          6                  14        16
///  +------+------+----------+------------------+---------+
///  | type |ARPHRD| addr len |  address (8)     | protocol|  (all big-endian)
///  +------+------+----------+------------------+---------+
/// ```
///
/// For netlink the protocol is the netlink family (`NETLINK_ROUTE` = 0 …);
/// for other SLL packets it is an EtherType.
#[derive(Debug, Clone, Copy)]
pub struct SllHeader<T: AsRef<[u8]>> {
    buffer: T,
}

mod sll_field {
    pub const PKT_TYPE: usize = 0;
    pub const ARPHRD: usize = 2;
    pub const ADDR_LEN: usize = 4;
    pub const ADDR: usize = 6;
    pub const PROTOCOL: usize = 14;
    pub const PAYLOAD: usize = 16;
}

impl<T: AsRef<[u8]>> SllHeader<T> {
    /// Header length in bytes.
    pub const LEN: usize = sll_field::PAYLOAD;

    /// Wraps `buffer` after checking it holds the whole header.
    pub fn new_checked(buffer: T) -> Result<Self, TooShort> {
        let got = buffer.as_ref().len();
        if got < Self::LEN {
            return Err(TooShort {
                what: "cooked (SLL) header",
                needed: Self::LEN,
                got,
            });
        }
        Ok(SllHeader { buffer })
    }

    /// `PACKET_*` type. nlmon always writes 4 (`PACKET_OUTGOING`).
    pub fn packet_type(&self) -> u16 {
        be16(self.buffer.as_ref(), sll_field::PKT_TYPE)
    }

    /// `ARPHRD_*` hardware type; 824 for netlink.
    pub fn arphrd(&self) -> u16 {
        be16(self.buffer.as_ref(), sll_field::ARPHRD)
    }

    /// Link-layer address length as stated (may exceed 8).
    pub fn addr_len(&self) -> u16 {
        be16(self.buffer.as_ref(), sll_field::ADDR_LEN)
    }

    /// The 8 address bytes (only the first `addr_len` are meaningful).
    pub fn addr(&self) -> [u8; 8] {
        addr8(self.buffer.as_ref(), sll_field::ADDR)
    }

    /// Protocol: the netlink family when `arphrd()` is 824.
    pub fn protocol(&self) -> u16 {
        be16(self.buffer.as_ref(), sll_field::PROTOCOL)
    }

    /// True when the packet carries netlink (ARPHRD 824).
    pub fn is_netlink(&self) -> bool {
        self.arphrd() == ARPHRD_NETLINK
    }

    /// The bytes after the header.
    pub fn payload(&self) -> &[u8] {
        self.buffer.as_ref().get(Self::LEN..).unwrap_or(&[])
    }
}

/// The 20-byte header of `LINKTYPE_LINUX_SLL2`.
///
/// ```text
///  0        2          4          8      10    11        12             20
///  +--------+----------+----------+------+-----+---------+--------------+
///  |protocol| reserved | ifindex  |ARPHRD|type |addr len | address (8)  |
///  +--------+----------+----------+------+-----+---------+--------------+
/// ```
/// Multi-byte fields are big-endian.
#[derive(Debug, Clone, Copy)]
pub struct Sll2Header<T: AsRef<[u8]>> {
    buffer: T,
}

mod sll2_field {
    pub const PROTOCOL: usize = 0;
    pub const RESERVED: usize = 2;
    pub const IFINDEX: usize = 4;
    pub const ARPHRD: usize = 8;
    pub const PKT_TYPE: usize = 10;
    pub const ADDR_LEN: usize = 11;
    pub const ADDR: usize = 12;
    pub const PAYLOAD: usize = 20;
}

impl<T: AsRef<[u8]>> Sll2Header<T> {
    /// Header length in bytes.
    pub const LEN: usize = sll2_field::PAYLOAD;

    /// Wraps `buffer` after checking it holds the whole header.
    pub fn new_checked(buffer: T) -> Result<Self, TooShort> {
        let got = buffer.as_ref().len();
        if got < Self::LEN {
            return Err(TooShort {
                what: "cooked (SLL2) header",
                needed: Self::LEN,
                got,
            });
        }
        Ok(Sll2Header { buffer })
    }

    /// Protocol: the netlink family when `arphrd()` is 824.
    pub fn protocol(&self) -> u16 {
        be16(self.buffer.as_ref(), sll2_field::PROTOCOL)
    }

    /// Reserved, should be 0.
    pub fn reserved(&self) -> u16 {
        be16(self.buffer.as_ref(), sll2_field::RESERVED)
    }

    /// Interface index the packet was captured on.
    pub fn ifindex(&self) -> u32 {
        be32(self.buffer.as_ref(), sll2_field::IFINDEX)
    }

    /// `ARPHRD_*` hardware type; 824 for netlink.
    pub fn arphrd(&self) -> u16 {
        be16(self.buffer.as_ref(), sll2_field::ARPHRD)
    }

    /// `PACKET_*` type (one byte here).
    pub fn packet_type(&self) -> u8 {
        byte(self.buffer.as_ref(), sll2_field::PKT_TYPE)
    }

    /// Link-layer address length as stated.
    pub fn addr_len(&self) -> u8 {
        byte(self.buffer.as_ref(), sll2_field::ADDR_LEN)
    }

    /// The 8 address bytes.
    pub fn addr(&self) -> [u8; 8] {
        addr8(self.buffer.as_ref(), sll2_field::ADDR)
    }

    /// True when the packet carries netlink (ARPHRD 824).
    pub fn is_netlink(&self) -> bool {
        self.arphrd() == ARPHRD_NETLINK
    }

    /// The bytes after the header.
    pub fn payload(&self) -> &[u8] {
        self.buffer.as_ref().get(Self::LEN..).unwrap_or(&[])
    }
}

/// What the link-layer header of one packet says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cooked {
    /// Netlink: the family and where the netlink bytes start.
    Netlink { protocol: u16, header_len: usize },
    /// A cooked packet of another hardware type.
    OtherArphrd(u16),
}

/// Reads the cooked header of a packet of `link_type` (253, 113 or 276).
///
/// Returns `None` for other link types. For `LINKTYPE_NETLINK` the link
/// type itself says the packet is netlink, so the ARPHRD is not checked;
/// for SLL and SLL2 only ARPHRD 824 is netlink.
pub fn classify(link_type: u32, data: &[u8]) -> Option<Result<Cooked, TooShort>> {
    let res = match link_type {
        LINKTYPE_NETLINK => SllHeader::new_checked(data).map(|h| Cooked::Netlink {
            protocol: h.protocol(),
            header_len: SllHeader::<&[u8]>::LEN,
        }),
        LINKTYPE_LINUX_SLL => SllHeader::new_checked(data).map(|h| {
            if h.is_netlink() {
                Cooked::Netlink {
                    protocol: h.protocol(),
                    header_len: SllHeader::<&[u8]>::LEN,
                }
            } else {
                Cooked::OtherArphrd(h.arphrd())
            }
        }),
        LINKTYPE_LINUX_SLL2 => Sll2Header::new_checked(data).map(|h| {
            if h.is_netlink() {
                Cooked::Netlink {
                    protocol: h.protocol(),
                    header_len: Sll2Header::<&[u8]>::LEN,
                }
            } else {
                Cooked::OtherArphrd(h.arphrd())
            }
        }),
        _ => return None,
    };
    Some(res)
}

/// True for the link types [`classify`] reads.
pub fn is_cooked_link_type(link_type: u32) -> bool {
    matches!(
        link_type,
        LINKTYPE_NETLINK | LINKTYPE_LINUX_SLL | LINKTYPE_LINUX_SLL2
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// First 16 bytes of packet 1 of `pyroute2__nl0.pcap` (a genl request).
    const NLMON_GENL: [u8; 20] = [
        0x00, 0x04, 0x03, 0x38, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x10, 0x24, 0x00, 0x00, 0x00,
    ];

    #[test]
    fn nlmon_header_fields_are_big_endian() {
        let h = SllHeader::new_checked(&NLMON_GENL[..]).unwrap();
        assert_eq!(h.packet_type(), packet_type::OUTGOING);
        assert_eq!(h.arphrd(), 824);
        assert!(h.is_netlink());
        assert_eq!(h.addr_len(), 0);
        assert_eq!(h.addr(), [0; 8]);
        assert_eq!(h.protocol(), 16);
        assert_eq!(h.payload(), &[0x24, 0, 0, 0]);
    }

    #[test]
    fn sll_with_address_and_ethertype() {
        // PACKET_HOST, ARPHRD_ETHER, 6-byte MAC, EtherType IPv4.
        let bytes = [
            0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x02, 0x42, 0xac, 0x11, 0x00, 0x02, 0x00, 0x00,
            0x08, 0x00,
        ];
        let h = SllHeader::new_checked(&bytes[..]).unwrap();
        assert_eq!(h.packet_type(), packet_type::HOST);
        assert_eq!(h.arphrd(), 1);
        assert!(!h.is_netlink());
        assert_eq!(h.addr_len(), 6);
        assert_eq!(h.addr(), [0x02, 0x42, 0xac, 0x11, 0x00, 0x02, 0, 0]);
        assert_eq!(h.protocol(), 0x0800);
        assert!(h.payload().is_empty());
    }

    #[test]
    fn sll_too_short() {
        let err = SllHeader::new_checked(&NLMON_GENL[..15]).unwrap_err();
        assert_eq!(err.needed, 16);
        assert_eq!(err.got, 15);
        assert_eq!(
            err.to_string(),
            "cooked (SLL) header needs 16 bytes, only 15 captured"
        );
    }

    #[test]
    fn sll2_fields() {
        let bytes = [
            0x00, 0x0c, // protocol 12 (NETLINK_NETFILTER)
            0x00, 0x00, // reserved
            0x00, 0x00, 0x01, 0x02, // ifindex 258
            0x03, 0x38, // ARPHRD 824
            0x07, // PACKET_KERNEL
            0x02, // address length
            0xaa, 0xbb, 0, 0, 0, 0, 0, 0, // address
            0x14, 0x00, // payload
        ];
        let h = Sll2Header::new_checked(&bytes[..]).unwrap();
        assert_eq!(h.protocol(), 12);
        assert_eq!(h.reserved(), 0);
        assert_eq!(h.ifindex(), 258);
        assert_eq!(h.arphrd(), 824);
        assert!(h.is_netlink());
        assert_eq!(h.packet_type(), 7);
        assert_eq!(h.addr_len(), 2);
        assert_eq!(h.addr(), [0xaa, 0xbb, 0, 0, 0, 0, 0, 0]);
        assert_eq!(h.payload(), &[0x14, 0x00]);
        assert_eq!(
            Sll2Header::new_checked(&bytes[..19]).unwrap_err().needed,
            20
        );
    }

    #[test]
    fn classify_by_link_type() {
        assert_eq!(
            classify(LINKTYPE_NETLINK, &NLMON_GENL),
            Some(Ok(Cooked::Netlink {
                protocol: 16,
                header_len: 16
            }))
        );
        let mut eth = NLMON_GENL;
        eth[2] = 0;
        eth[3] = 1;
        assert_eq!(
            classify(LINKTYPE_LINUX_SLL, &eth),
            Some(Ok(Cooked::OtherArphrd(1)))
        );
        // LINKTYPE_NETLINK is netlink by definition, whatever the ARPHRD says.
        assert_eq!(
            classify(LINKTYPE_NETLINK, &eth),
            Some(Ok(Cooked::Netlink {
                protocol: 16,
                header_len: 16
            }))
        );
        assert!(matches!(
            classify(LINKTYPE_LINUX_SLL2, &NLMON_GENL[..10]),
            Some(Err(TooShort { needed: 20, .. }))
        ));
        assert_eq!(classify(LINKTYPE_ETHERNET, &NLMON_GENL), None);
        assert!(is_cooked_link_type(276));
        assert!(!is_cooked_link_type(239));
    }

    #[test]
    fn link_type_names() {
        assert_eq!(describe_link_type(1), "link type 1 (Ethernet)");
        assert_eq!(describe_link_type(239), "link type 239 (NFLOG)");
        assert_eq!(describe_link_type(147), "link type 147");
        assert_eq!(link_type_label(1), "Ethernet");
        assert_eq!(link_type_label(147), "link type 147");
        assert_eq!(link_type_name(253), Some("netlink"));
        assert_eq!(link_type_name(113), Some("Linux cooked (SLL)"));
        assert_eq!(link_type_name(276), Some("Linux cooked v2 (SLL2)"));
    }
}
