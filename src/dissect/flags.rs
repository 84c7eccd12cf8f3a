//! `nlmsg_flags` named in context (linux/netlink.h): the high byte means
//! different things for GET, NEW and DELETE requests and for ACKs.

use crate::frame::proto;

pub const NLM_F_REQUEST: u16 = 0x01;
pub const NLM_F_MULTI: u16 = 0x02;
pub const NLM_F_ACK: u16 = 0x04;
pub const NLM_F_ECHO: u16 = 0x08;
pub const NLM_F_DUMP_INTR: u16 = 0x10;
pub const NLM_F_DUMP_FILTERED: u16 = 0x20;
pub const NLM_F_ROOT: u16 = 0x100;
pub const NLM_F_MATCH: u16 = 0x200;
pub const NLM_F_ATOMIC: u16 = 0x400;
pub const NLM_F_DUMP: u16 = NLM_F_ROOT | NLM_F_MATCH;
pub const NLM_F_REPLACE: u16 = 0x100;
pub const NLM_F_EXCL: u16 = 0x200;
pub const NLM_F_CREATE: u16 = 0x400;
pub const NLM_F_APPEND: u16 = 0x800;
pub const NLM_F_NONREC: u16 = 0x100;
pub const NLM_F_BULK: u16 = 0x200;
pub const NLM_F_CAPPED: u16 = 0x100;
pub const NLM_F_ACK_TLVS: u16 = 0x200;

/// Which meaning the high flag bits have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MsgKind {
    Get,
    New,
    Del,
    /// NLMSG_ERROR / NLMSG_DONE.
    Ack,
    #[default]
    Other,
}

const COMMON: &[(u16, &str)] = &[
    (NLM_F_REQUEST, "REQUEST"),
    (NLM_F_MULTI, "MULTI"),
    (NLM_F_ACK, "ACK"),
    (NLM_F_ECHO, "ECHO"),
    (NLM_F_DUMP_INTR, "DUMP_INTR"),
    (NLM_F_DUMP_FILTERED, "DUMP_FILTERED"),
];
const GET: &[(u16, &str)] = &[
    (NLM_F_DUMP, "DUMP"),
    (NLM_F_ROOT, "ROOT"),
    (NLM_F_MATCH, "MATCH"),
    (NLM_F_ATOMIC, "ATOMIC"),
];
const NEW: &[(u16, &str)] = &[
    (NLM_F_REPLACE, "REPLACE"),
    (NLM_F_EXCL, "EXCL"),
    (NLM_F_CREATE, "CREATE"),
    (NLM_F_APPEND, "APPEND"),
];
const DEL: &[(u16, &str)] = &[(NLM_F_NONREC, "NONREC"), (NLM_F_BULK, "BULK")];
const ACK: &[(u16, &str)] = &[(NLM_F_CAPPED, "CAPPED"), (NLM_F_ACK_TLVS, "ACK_TLVS")];

impl MsgKind {
    /// Works out the kind from the message name (or, for rtnetlink, from the
    /// type number: types come in NEW, DEL, GET, SET quads from 16).
    pub fn of(name: Option<&str>, protocol: Option<u16>, msg_type: u16, flags: u16) -> MsgKind {
        if matches!(msg_type, 2 | 3) {
            return MsgKind::Ack;
        }
        if flags & NLM_F_REQUEST == 0 {
            return MsgKind::Other;
        }
        if let Some(n) = name {
            // Look at the verb part of the name: RTM_GETLINK, CTRL_CMD_GETFAMILY,
            // ETHTOOL_MSG_LINKINFO_GET, NFT_MSG_NEWTABLE.
            let tail = n.rsplit_once("MSG_").map_or(n, |(_, t)| t);
            let tail = tail.rsplit_once("CMD_").map_or(tail, |(_, t)| t);
            let tail = tail.strip_prefix("RTM_").unwrap_or(tail);
            for (verb, kind) in [
                ("GET", MsgKind::Get),
                ("DUMP", MsgKind::Get),
                ("LIST", MsgKind::Get),
                ("NEW", MsgKind::New),
                ("ADD", MsgKind::New),
                ("SET", MsgKind::New),
                ("CREATE", MsgKind::New),
                ("DEL", MsgKind::Del),
                ("DESTROY", MsgKind::Del),
            ] {
                if tail.starts_with(verb) || tail.ends_with(&format!("_{verb}")) {
                    return kind;
                }
            }
        }
        if protocol == Some(proto::ROUTE) && (16..0x100).contains(&msg_type) {
            return match (msg_type - 16) % 4 {
                0 | 3 => MsgKind::New,
                1 => MsgKind::Del,
                _ => MsgKind::Get,
            };
        }
        if flags & NLM_F_DUMP == NLM_F_DUMP {
            return MsgKind::Get;
        }
        MsgKind::Other
    }

    fn table(self) -> &'static [(u16, &'static str)] {
        match self {
            MsgKind::Get => GET,
            MsgKind::New => NEW,
            MsgKind::Del => DEL,
            MsgKind::Ack => ACK,
            MsgKind::Other => &[],
        }
    }
}

/// Calls `f` with each flag name, then with unknown bits as hex (`0x80`).
pub fn for_each_name(flags: u16, kind: MsgKind, mut f: impl FnMut(&str)) {
    let mut left = flags;
    for &(bit, name) in COMMON.iter().chain(kind.table()) {
        if left & bit == bit && bit != 0 {
            f(name);
            left &= !bit;
        }
    }
    if left != 0 {
        f(&format!("{left:#x}"));
    }
}

/// The flag names as a list (convenience for tests and JSON).
pub fn names(flags: u16, kind: MsgKind) -> Vec<String> {
    let mut v = Vec::new();
    for_each_name(flags, kind, |s| v.push(s.to_string()));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_in_context() {
        assert_eq!(names(0x301, MsgKind::Get), ["REQUEST", "DUMP"]);
        assert_eq!(names(0x105, MsgKind::Get), ["REQUEST", "ACK", "ROOT"]);
        assert_eq!(
            names(0x605, MsgKind::New),
            ["REQUEST", "ACK", "EXCL", "CREATE"]
        );
        assert_eq!(names(0x300, MsgKind::Ack), ["CAPPED", "ACK_TLVS"]);
        assert_eq!(names(0x105, MsgKind::Del), ["REQUEST", "ACK", "NONREC"]);
        assert_eq!(names(0x2, MsgKind::Other), ["MULTI"]);
        assert_eq!(names(0x1080, MsgKind::Other), ["0x1080"]);
        assert_eq!(names(0x8301, MsgKind::Get), ["REQUEST", "DUMP", "0x8000"]);
        assert!(names(0, MsgKind::Other).is_empty());
    }

    #[test]
    fn kind_from_names_and_numbers() {
        let k = |n, t, f| MsgKind::of(n, Some(proto::ROUTE), t, f);
        assert_eq!(k(Some("RTM_GETLINK"), 18, 1), MsgKind::Get);
        assert_eq!(k(Some("RTM_NEWROUTE"), 24, 1), MsgKind::New);
        assert_eq!(k(Some("RTM_DELADDR"), 21, 1), MsgKind::Del);
        assert_eq!(k(None, 30, 1), MsgKind::Get); // RTM_GETNEIGH by number
        assert_eq!(k(Some("RTM_NEWLINK"), 16, 0), MsgKind::Other); // not a request
        assert_eq!(k(Some("NLMSG_ERROR"), 2, 0x100), MsgKind::Ack);
        let g = |n| MsgKind::of(Some(n), Some(proto::GENERIC), 20, 1);
        assert_eq!(g("CTRL_CMD_GETFAMILY"), MsgKind::Get);
        assert_eq!(g("ETHTOOL_MSG_LINKINFO_GET"), MsgKind::Get);
        assert_eq!(g("NFT_MSG_NEWTABLE"), MsgKind::New);
    }
}
