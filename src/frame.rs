//! The unit every source produces and every later stage consumes.
//!
//! A [`Frame`] is one captured datagram: the bytes exactly as the source had
//! them (including any link-layer header), where the netlink payload starts,
//! when it was seen and what the source knows about it. It knows nothing of
//! netlink message layout.

use std::fmt;

/// Netlink protocol numbers (`NETLINK_*` in `linux/netlink.h`).
pub mod proto {
    pub const ROUTE: u16 = 0;
    pub const UNUSED: u16 = 1;
    pub const USERSOCK: u16 = 2;
    pub const FIREWALL: u16 = 3;
    pub const SOCK_DIAG: u16 = 4;
    pub const NFLOG: u16 = 5;
    pub const XFRM: u16 = 6;
    pub const SELINUX: u16 = 7;
    pub const ISCSI: u16 = 8;
    pub const AUDIT: u16 = 9;
    pub const FIB_LOOKUP: u16 = 10;
    pub const CONNECTOR: u16 = 11;
    pub const NETFILTER: u16 = 12;
    pub const IP6_FW: u16 = 13;
    pub const DNRTMSG: u16 = 14;
    pub const KOBJECT_UEVENT: u16 = 15;
    pub const GENERIC: u16 = 16;
    pub const SCSITRANSPORT: u16 = 18;
    pub const ECRYPTFS: u16 = 19;
    pub const RDMA: u16 = 20;
    pub const CRYPTO: u16 = 21;
    pub const SMC: u16 = 22;

    /// Lower-case names without the `NETLINK_` prefix, as used in JSON output
    /// and on the command line (`--family`).
    const NAMES: &[(u16, &str)] = &[
        (ROUTE, "route"),
        (UNUSED, "unused"),
        (USERSOCK, "usersock"),
        (FIREWALL, "firewall"),
        (SOCK_DIAG, "sock_diag"),
        (NFLOG, "nflog"),
        (XFRM, "xfrm"),
        (SELINUX, "selinux"),
        (ISCSI, "iscsi"),
        (AUDIT, "audit"),
        (FIB_LOOKUP, "fib_lookup"),
        (CONNECTOR, "connector"),
        (NETFILTER, "netfilter"),
        (IP6_FW, "ip6_fw"),
        (DNRTMSG, "dnrtmsg"),
        (KOBJECT_UEVENT, "kobject_uevent"),
        (GENERIC, "generic"),
        (SCSITRANSPORT, "scsitransport"),
        (ECRYPTFS, "ecryptfs"),
        (RDMA, "rdma"),
        (CRYPTO, "crypto"),
        (SMC, "smc"),
    ];

    /// The lower-case name of a protocol number, if it has one.
    pub fn name(protocol: u16) -> Option<&'static str> {
        NAMES.iter().find(|(n, _)| *n == protocol).map(|(_, s)| *s)
    }

    /// Parses a family name as a user types it: `route`, `NETLINK_ROUTE`,
    /// `rtnetlink`, `genl`, or a number.
    pub fn parse(text: &str) -> Option<u16> {
        let t = text.trim().to_ascii_lowercase();
        let t = t.strip_prefix("netlink_").unwrap_or(&t);
        if let Ok(n) = t.parse::<u16>() {
            return Some(n);
        }
        let alias = match t {
            "rtnetlink" | "rtnl" => "route",
            "genl" | "genetlink" => "generic",
            "nfnetlink" | "nf" => "netfilter",
            "inet_diag" | "diag" => "sock_diag",
            "uevent" => "kobject_uevent",
            other => other,
        };
        NAMES.iter().find(|(_, s)| *s == alias).map(|(n, _)| *n)
    }

    /// All names, for help texts and error messages.
    pub fn all_names() -> impl Iterator<Item = &'static str> {
        NAMES.iter().map(|(_, s)| *s)
    }
}

/// Which way a message travelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    ToKernel,
    FromKernel,
    #[default]
    Unknown,
}

impl Direction {
    /// The JSON spelling: `to_kernel`, `from_kernel`, `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::ToKernel => "to_kernel",
            Direction::FromKernel => "from_kernel",
            Direction::Unknown => "unknown",
        }
    }

    /// The arrow used in text output.
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::ToKernel => "->",
            Direction::FromKernel => "<-",
            Direction::Unknown => "--",
        }
    }
}

/// Byte order of the netlink payload (host order of the capturing machine).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ByteOrder {
    #[default]
    Little,
    Big,
}

/// A capture timestamp: seconds and nanoseconds since the Unix epoch
/// (or since the start of a trace, for relative strace timestamps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Timestamp {
    pub secs: u64,
    pub nanos: u32,
}

impl Timestamp {
    pub fn new(secs: u64, nanos: u32) -> Self {
        Timestamp { secs, nanos }
    }

    /// Microseconds from `earlier` to `self` (0 if `earlier` is later).
    pub fn micros_since(self, earlier: Timestamp) -> u64 {
        let a = self.secs as u128 * 1_000_000_000 + self.nanos as u128;
        let b = earlier.secs as u128 * 1_000_000_000 + earlier.nanos as u128;
        (a.saturating_sub(b) / 1000) as u64
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:06}", self.secs, self.nanos / 1000)
    }
}

/// One captured datagram.
#[derive(Debug, Clone, Default)]
pub struct Frame {
    /// 1-based position in the input, as Wireshark counts (skipped
    /// non-netlink packets keep their numbers, so numbers may jump).
    pub number: u64,
    pub ts: Option<Timestamp>,
    /// Netlink protocol number (`NETLINK_ROUTE` = 0 …), when the source knows it.
    pub protocol: Option<u16>,
    /// Direction when the source knows it (strace does; nlmon does not).
    pub direction: Direction,
    /// Byte order of the payload, when the source knows it.
    pub byte_order: Option<ByteOrder>,
    /// The bytes as captured, link-layer header included.
    pub data: Vec<u8>,
    /// Offset of the first netlink byte within `data`.
    pub payload_offset: usize,
    /// Original length on the wire when the capture cut the frame short.
    pub orig_len: Option<u32>,
    /// Free-form note on where the frame came from (e.g. `line 12`, `pid 4242 fd 3`).
    pub origin: Option<String>,
}

impl Frame {
    /// The netlink bytes (everything after the link-layer header).
    pub fn payload(&self) -> &[u8] {
        self.data.get(self.payload_offset..).unwrap_or(&[])
    }

    /// True when the capture holds fewer bytes than were on the wire.
    pub fn is_cut(&self) -> bool {
        self.orig_len.is_some_and(|o| o as usize > self.data.len())
    }
}
