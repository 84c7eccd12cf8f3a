//! nldump against an independent decoder: Wireshark's tshark.
//!
//! For every capture in `samples/` and `samples/corpus/` that tshark reads
//! as netlink, every message header nldump prints (`--json`) must agree with
//! tshark's: nlmsg_len, nlmsg_type, nlmsg_flags, nlmsg_seq, nlmsg_pid, the
//! message's offset, the netlink family of the cooked header and the number
//! of messages per frame; for generic netlink also the family (id and,
//! when tshark names it, the name) and the command; for NLMSG_ERROR the errno and the header of the echoed request
//! (len, type, seq, pid; nldump's type names are turned into numbers with
//! its own top-level messages of the same capture).
//!
//! Why PDML (`-T pdml`) and not `-T fields`: the field names are the same
//! (`netlink.hdr_len`, `netlink.hdr_flags`, … checked with
//! `tshark -G fields`), but `-T fields` flattens them into one
//! comma-separated list per frame, which loses which message a value
//! belongs to. Three things then go wrong: the header of the request echoed
//! inside NLMSG_ERROR adds its own `hdr_len`/`hdr_flags`/`hdr_seq`/`hdr_pid`
//! to the lists; tshark 4.0 emits `netlink.hdr_flags` twice for a request
//! with any of the bits 0x100-0x800 set (once read as GET flags, once as NEW
//! flags); and the message type lives in a different field per family
//! (`netlink-route.nltype`, `netlink-sock_diag.nltype`, `genl.family_id`,
//! else `netlink.hdr_type`) and is missing for some messages. PDML gives
//! every field with its byte position, so each value is tied to the message
//! whose header holds it: `hdr_len` at the message start P, the type at P+4,
//! flags at P+6, seq at P+8, pid at P+12, errno or genl command at P+16.
//! The messages of a frame are found by walking tshark's own `hdr_len`
//! values from the first byte after the 16-byte cooked header.
//!
//! Disagreements are collected, not stopped at. Each must be listed in
//! [`EXCEPTIONS`] with the reason (who is right, from the bytes); a listed
//! exception that no longer happens fails the test too, so the list stays
//! true. tshark is required: without it the test fails, it never skips.

mod common;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// Captures tshark decodes as netlink (LINKTYPE_NETLINK).
const NETLINK_CAPTURES: &[&str] = &[
    "genl-ctrl.pcap",
    "genl-ethtool.pcap",
    "conntrack-events.pcap",
    "conntrack-list.pcap",
    "ipset-cmds.pcap",
    "nfacct-cttimeout.pcap",
    "nfqueue-nflog.pcap",
    "nft-list.pcap",
    "nft-monitor.pcap",
    "nft-ruleset.pcap",
    "route-addr-route.pcap",
    "route-changes.pcap",
    "route-errors-extack.pcap",
    "route-link-dump.pcap",
    "route-objects.pcap",
    "route-stats-kinds.pcap",
    "sockdiag-ss.pcap",
    "tc-qdisc.pcap",
    "tc-kinds.pcap",
    "genl-ethtool-veth.pcap",
    "genl-net-families.pcap",
    "genl-taskstats-thermal.pcap",
    "sockdiag-inet.pcap",
    "sockdiag-other.pcap",
    "audit.pcap",
    "connector-proc.pcap",
    "uevent-veth.pcap",
    "xfrm-monitor.pcap",
    "xfrm-state-policy.pcap",
    "nfhook-list.pcap",
    "nfct-helper.pcap",
    "nfosf-load.pcap",
    "ipset-bitmask.pcap",
    "genl-netdev.pcap",
    "route-tunnel.pcap",
    "route-dcb.pcap",
    "route-prefix.pcap",
    "route-mroute.pcap",
    "wifi-ie.pcap",
    "corpus/drizzt-ovs__ovs-netlink.pcapng",
    "corpus/little-dude-netlink__aaa.pcap",
    "corpus/little-dude-netlink__out.pcap",
    "corpus/little-dude-netlink__rtnetlink.pcap",
    "corpus/nldecap__two_packets_be.pcap",
    "corpus/nldecap__two_packets_le.pcap",
    "corpus/pyroute2__nl0.pcap",
];

/// Files tshark does not read as netlink (checked by
/// `non_netlink_files_are_not_netlink_to_tshark`), so nothing to compare.
const NOT_NETLINK: &[&str] = &[
    "corpus/nldecap__1pkt_not_netlink_le.pcap", // Ethernet
    "corpus/nldecap__emptyfile",                // empty
    "corpus/nldecap__garbage",                  // not a capture
    "corpus/tcpdump__nflog.pcap",               // NFLOG (239)
];

/// A known, explained disagreement: file, frame, message index (0 for the
/// frame as a whole), what differs, how the test's report of it starts,
/// and why nldump is right.
struct Exception {
    file: &'static str,
    frame: u64,
    msg: u32,
    what: &'static str,
    detail: &'static str,
    why: &'static str,
}

/// The message count of a frame whose first message is followed by zero
/// bytes. `detail` "zero tail" is only reported after the test checked the
/// bytes: tshark's extra message has Length 0 and every byte from it to the
/// end of the frame is 0.
const fn zero_tail(file: &'static str, frame: u64) -> Exception {
    Exception {
        file,
        frame,
        msg: 0,
        what: "count",
        detail: "zero tail",
        why: "iproute2 sends sizeof(req) bytes: the request (24-36 bytes) then zeros up to \
              156-300 bytes. tshark shows the zeros as one more 'Netlink message header' with \
              Length 0. A nlmsg_len below NLMSG_HDRLEN (16) cannot be a message and the \
              kernel's netlink_rcv_skb stops there too, so nldump ends the frame there \
              (samples/README.md on frames 18 and 25)",
    }
}

const EXCEPTIONS: &[Exception] = &[
    zero_tail("route-addr-route.pcap", 6), // RTM_GETADDR, 24 bytes then zeros
    zero_tail("route-objects.pcap", 11),   // RTM_GETNEXTHOP dump, iproute2's sizeof(req)
    zero_tail("route-objects.pcap", 49),   // RTM_GETVLAN dump
    zero_tail("route-tunnel.pcap", 19),    // RTM_GETTUNNEL dump (bridge vni show)
    zero_tail("route-tunnel.pcap", 25),    // RTM_GETTUNNEL dump with stats
    zero_tail("route-objects.pcap", 55),   // RTM_GETVLAN dump (bridge vlan global show)
    zero_tail("route-stats-kinds.pcap", 37), // RTM_GETROUTE AF_MPLS dump
    zero_tail("route-addr-route.pcap", 16), // RTM_GETADDR AF_INET6
    zero_tail("route-addr-route.pcap", 18), // RTM_GETROUTE with RTA_TABLE
    zero_tail("route-addr-route.pcap", 25), // same, IPv6
    zero_tail("route-addr-route.pcap", 41), // RTM_GETNEIGH
];

// ---------------------------------------------------------------- tshark

fn tshark_or_fail() {
    match Command::new("tshark").arg("--version").output() {
        Ok(o) if o.status.success() => {}
        Ok(o) => panic!(
            "tshark --version failed ({}): {}\nThis test needs tshark (apt-get install tshark); it does not skip.",
            o.status,
            String::from_utf8_lossy(&o.stderr)
        ),
        Err(e) => panic!(
            "tshark is not installed or not on PATH ({e}).\nThis test compares nldump with tshark and \
             needs it: apt-get install tshark. It does not skip."
        ),
    }
}

/// One PDML field line, reduced to what the comparison needs.
#[derive(Debug, Clone)]
struct TField {
    name: String,
    pos: u32,
    show: String,
    showname: String,
}

#[derive(Debug, Default)]
struct TPacket {
    number: u64,
    netlink: bool,
    /// `netlink.family` from the cooked header.
    family: Option<u16>,
    fields: Vec<TField>,
}

/// The value of attribute `key` on a PDML line (` key="..."`), unescaped.
fn xml_attr(line: &str, key: &str) -> Option<String> {
    let pat = format!(" {key}=\"");
    let start = line.find(&pat)? + pat.len();
    let len = line[start..].find('"')?;
    let raw = &line[start..start + len];
    Some(
        raw.replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

fn wanted(name: &str) -> bool {
    name == "frame.number"
        || name.starts_with("netlink.")
        || name.ends_with(".nltype")
        || name == "genl.family_id"
        || name.ends_with(".cmd")
}

/// Runs `tshark -T pdml` on the file. `None` when tshark cannot read it.
fn tshark_pdml(file: &Path) -> Option<Vec<TPacket>> {
    let out = Command::new("tshark")
        .arg("-r")
        .arg(file)
        .args(["-T", "pdml"])
        .output()
        .expect("spawn tshark");
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut packets = Vec::new();
    let mut cur: Option<TPacket> = None;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("<packet>") {
            cur = Some(TPacket::default());
        } else if t.starts_with("</packet>") {
            packets.extend(cur.take());
        } else if let Some(p) = cur.as_mut() {
            if t.starts_with("<proto ") && xml_attr(t, "name").as_deref() == Some("netlink") {
                p.netlink = true;
            } else if t.starts_with("<field ") {
                let Some(name) = xml_attr(t, "name") else {
                    continue;
                };
                if !wanted(&name) {
                    continue;
                }
                let f = TField {
                    pos: xml_attr(t, "pos")
                        .and_then(|s| s.parse().ok())
                        .unwrap_or(u32::MAX),
                    show: xml_attr(t, "show").unwrap_or_default(),
                    showname: xml_attr(t, "showname").unwrap_or_default(),
                    name,
                };
                if f.name == "frame.number" {
                    p.number = f.show.parse().expect("frame.number");
                } else if f.name == "netlink.family" {
                    p.family = parse_num(&f.show).map(|v| v as u16);
                }
                p.fields.push(f);
            }
        }
    }
    Some(packets)
}

/// tshark shows numbers in decimal or as 0x-hex.
fn parse_num(s: &str) -> Option<i64> {
    if let Some(h) = s.strip_prefix("0x") {
        i64::from_str_radix(h, 16).ok()
    } else {
        s.parse().ok()
    }
}

/// A netlink message header as tshark decoded it.
#[derive(Debug, Clone, Default, PartialEq)]
struct Hdr {
    offset: u32,
    len: Option<i64>,
    typ: Option<i64>,
    flags: Option<i64>,
    seq: Option<i64>,
    pid: Option<i64>,
}

#[derive(Debug, Default)]
struct TMsg {
    hdr: Hdr,
    errno: Option<i64>,
    genl_family: Option<String>,
    genl_cmd: Option<i64>,
    /// The request header echoed inside NLMSG_ERROR.
    echoed: Option<Hdr>,
}

impl TPacket {
    fn at<'a>(
        &'a self,
        pos: u32,
        pred: impl Fn(&str) -> bool + 'a,
    ) -> impl Iterator<Item = &'a TField> {
        self.fields
            .iter()
            .filter(move |f| f.pos == pos && pred(&f.name))
    }

    /// One value at `pos`; if tshark shows the field several times there
    /// (hdr_flags of requests), all showings must agree.
    fn one(&self, pos: u32, pred: impl Fn(&str) -> bool) -> Option<i64> {
        let vals: BTreeSet<i64> = self
            .at(pos, pred)
            .map(|f| {
                parse_num(&f.show)
                    .unwrap_or_else(|| panic!("frame {}: bad number {:?}", self.number, f.show))
            })
            .collect();
        assert!(
            vals.len() <= 1,
            "frame {}: tshark shows {vals:?} at byte {pos}",
            self.number
        );
        vals.into_iter().next()
    }

    fn header(&self, p: u32) -> Hdr {
        Hdr {
            offset: p,
            len: self.one(p, |n| n == "netlink.hdr_len"),
            typ: self.one(p + 4, |n| {
                n == "netlink.hdr_type" || n.ends_with(".nltype") || n == "genl.family_id"
            }),
            flags: self.one(p + 6, |n| n == "netlink.hdr_flags"),
            seq: self.one(p + 8, |n| n == "netlink.hdr_seq"),
            pid: self.one(p + 12, |n| n == "netlink.hdr_pid"),
        }
    }

    /// The messages, walking tshark's hdr_len chain from byte 16.
    fn messages(&self) -> Vec<TMsg> {
        let mut out = Vec::new();
        let mut p: u32 = 16;
        while let Some(len) = self.one(p, |n| n == "netlink.hdr_len") {
            let hdr = self.header(p);
            let errno = self.one(p + 16, |n| n == "netlink.error");
            let genl_family = self
                .at(p + 4, |n| n == "genl.family_id")
                .find_map(|f| {
                    let open = f.showname.rfind('(')?;
                    let close = f.showname.rfind(')')?;
                    f.showname.get(open + 1..close).map(str::to_string)
                })
                // tshark's placeholder for a family it has not learned.
                .filter(|name| name != "Unknown");
            let genl_cmd = if self.family == Some(16) && hdr.typ != Some(2) && hdr.typ != Some(3) {
                self.one(p + 16, |n| n.ends_with(".cmd"))
            } else {
                None
            };
            let echoed =
                if errno.is_some() && self.one(p + 20, |n| n == "netlink.hdr_len").is_some() {
                    Some(self.header(p + 20))
                } else {
                    None
                };
            out.push(TMsg {
                hdr,
                errno,
                genl_family,
                genl_cmd,
                echoed,
            });
            if len < 16 {
                break;
            }
            p += ((len as u32) + 3) & !3;
        }
        out
    }
}

// ---------------------------------------------------------------- nldump

/// nldump's JSON name of a `NETLINK_*` number (from linux/netlink.h), for
/// the families the samples hold.
fn family_name(n: u16) -> Option<&'static str> {
    match n {
        0 => Some("route"),
        4 => Some("sock_diag"),
        6 => Some("xfrm"),
        7 => Some("selinux"),
        9 => Some("audit"),
        11 => Some("connector"),
        12 => Some("netfilter"),
        15 => Some("kobject_uevent"),
        16 => Some("generic"),
        21 => Some("crypto"),
        _ => None,
    }
}

fn num(v: &Value, key: &str) -> Option<i64> {
    v.get(key).and_then(Value::as_i64)
}

/// nldump's JSON of the echoed request header, when numbers are given.
fn nld_echoed(m: &Value) -> Option<&Value> {
    m.get("error")?.get("request")?.get("nlmsghdr")
}

// ---------------------------------------------------------------- compare

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Diff {
    frame: u64,
    msg: u32,
    what: String,
    detail: String,
}

/// Disagreements found, and how many values of each kind were compared.
#[derive(Default)]
struct Tally {
    diffs: Vec<Diff>,
    compared: BTreeMap<String, usize>,
}

impl Tally {
    fn count(&mut self, what: &str) {
        *self.compared.entry(what.to_string()).or_default() += 1;
    }

    fn push(&mut self, frame: u64, msg: u32, what: &str, detail: String) {
        self.diffs.push(Diff {
            frame,
            msg,
            what: what.into(),
            detail,
        });
    }
}

fn cmp(tally: &mut Tally, frame: u64, msg: u32, what: &str, t: Option<i64>, n: Option<i64>) {
    tally.count(what);
    if t != n {
        tally.diffs.push(Diff {
            frame,
            msg,
            what: what.into(),
            detail: format!("tshark {t:?}, nldump {n:?}"),
        });
    }
}

/// The frames' bytes as read by nldump's pcap source (only used to check
/// the zero-tail exception against the bytes).
fn frame_bytes(path: &Path) -> BTreeMap<u64, Vec<u8>> {
    use nldump::source::Source;
    let file = std::fs::File::open(path).expect("open capture");
    let mut src = nldump::source::open_capture(Box::new(file)).expect("capture opens");
    let mut out = BTreeMap::new();
    while let Ok(Some(f)) = src.next_frame() {
        out.insert(f.number, f.data);
    }
    out
}

/// Compares one capture.
fn compare(rel: &str) -> Tally {
    let path = common::sample(rel);
    let packets = tshark_pdml(&path).unwrap_or_else(|| panic!("tshark cannot read {rel}"));
    assert!(
        packets.iter().any(|p| p.netlink),
        "{rel}: tshark does not decode it as netlink"
    );
    let (code, lines) = common::json_lines(&path);
    assert!(
        code == 0 || code == 1,
        "{rel}: nldump exit code {code}, expected 0 or 1"
    );
    let mut by_frame: BTreeMap<u64, Vec<&Value>> = BTreeMap::new();
    for l in &lines {
        let f = num(l, "frame").unwrap_or_else(|| panic!("{rel}: no frame in {l}"));
        by_frame.entry(f as u64).or_default().push(l);
    }
    let mut tally = Tally::default();
    // Type name -> number, as nldump printed them for this capture's messages.
    let mut type_ids: BTreeMap<&str, i64> = BTreeMap::new();
    for l in &lines {
        if let (Some(name), Some(id)) = (l.get("type").and_then(Value::as_str), num(l, "type_id")) {
            type_ids.insert(name, id);
        }
    }
    let tshark_frames: BTreeSet<u64> = packets
        .iter()
        .filter(|p| p.netlink)
        .map(|p| p.number)
        .collect();
    for f in by_frame.keys() {
        if !tshark_frames.contains(f) {
            tally.push(
                *f,
                0,
                "frame",
                "nldump prints a frame tshark does not decode as netlink".into(),
            );
        }
    }
    let mut bytes: Option<BTreeMap<u64, Vec<u8>>> = None;
    for p in packets.iter().filter(|p| p.netlink) {
        let tm = p.messages();
        let nm: &[&Value] = by_frame.get(&p.number).map(Vec::as_slice).unwrap_or(&[]);
        tally.count("count");
        if tm.len() != nm.len() {
            let mut detail = format!(
                "tshark {} messages at {:?}, nldump {} at {:?}",
                tm.len(),
                tm.iter().map(|m| m.hdr.offset).collect::<Vec<_>>(),
                nm.len(),
                nm.iter()
                    .map(|m| num(m, "offset").unwrap_or(-1))
                    .collect::<Vec<_>>()
            );
            // A kernel uevent is text (`ACTION@DEVPATH\0KEY=VALUE…`), not an
            // nlmsghdr: tshark shows no message, nldump one headerless one.
            // Agreement, checked on the bytes: they start with the action.
            if p.family == Some(15) && tm.is_empty() && nm.len() == 1 {
                let b = bytes.get_or_insert_with(|| frame_bytes(&path));
                let text = b.get(&p.number).and_then(|d| d.get(16..)).is_some_and(|d| {
                    [
                        "add@", "remove@", "change@", "move@", "online@", "offline@", "bind@",
                        "unbind@", "libudev",
                    ]
                    .iter()
                    .any(|a| d.starts_with(a.as_bytes()))
                });
                if text {
                    tally.count("uevent text");
                    continue;
                }
            }
            // Is tshark's one extra message a header of zeros in a zero tail?
            if tm.len() == nm.len() + 1 {
                let last = &tm[nm.len()];
                let b = bytes.get_or_insert_with(|| frame_bytes(&path));
                let tail = b
                    .get(&p.number)
                    .and_then(|d| d.get(last.hdr.offset as usize..));
                if last.hdr.len == Some(0) && tail.is_some_and(|t| t.iter().all(|&x| x == 0)) {
                    detail = format!("zero tail from byte {}", last.hdr.offset);
                }
            }
            tally.push(p.number, 0, "count", detail);
        }
        for (i, (t, n)) in tm.iter().zip(nm).enumerate() {
            let idx = (i + 1) as u32;
            let fr = p.number;
            tally.count("family");
            let n_family = n.get("family").and_then(Value::as_str);
            let t_family = p.family.map(family_name);
            if t_family != n_family.map(Some) {
                tally.push(
                    fr,
                    idx,
                    "family",
                    format!("tshark {t_family:?}, nldump {n_family:?}"),
                );
            }
            cmp(&mut tally, fr, idx, "msg", Some(idx as i64), num(n, "msg"));
            cmp(
                &mut tally,
                fr,
                idx,
                "offset",
                Some(t.hdr.offset as i64),
                num(n, "offset"),
            );
            cmp(&mut tally, fr, idx, "len", t.hdr.len, num(n, "len"));
            cmp(&mut tally, fr, idx, "type", t.hdr.typ, num(n, "type_id"));
            cmp(
                &mut tally,
                fr,
                idx,
                "flags",
                t.hdr.flags,
                num(n, "flags_raw"),
            );
            cmp(&mut tally, fr, idx, "seq", t.hdr.seq, num(n, "seq"));
            cmp(&mut tally, fr, idx, "pid", t.hdr.pid, num(n, "pid"));
            let n_errno = n.get("error").and_then(|e| num(e, "errno"));
            if t.errno.is_some() || t.hdr.typ == Some(2) {
                cmp(&mut tally, fr, idx, "errno", t.errno, n_errno);
            }
            let genl = n.get("genl").filter(|g| !g.is_null());
            if p.family == Some(16) && t.hdr.typ.is_some_and(|ty| ty >= 16) {
                let n_cmd = genl.and_then(|g| num(g, "cmd_id"));
                cmp(&mut tally, fr, idx, "genl.cmd", t.genl_cmd, n_cmd);
                if let Some(tf) = &t.genl_family {
                    tally.count("genl.family");
                    let nf = genl.and_then(|g| g.get("family")).and_then(Value::as_str);
                    if nf != Some(tf.as_str()) {
                        tally.push(
                            fr,
                            idx,
                            "genl.family",
                            format!("tshark {tf:?}, nldump {nf:?}"),
                        );
                    }
                }
            }
            match (&t.echoed, nld_echoed(n)) {
                (None, None) => {}
                (Some(te), Some(ne)) => {
                    cmp(
                        &mut tally,
                        fr,
                        idx,
                        "echoed.len",
                        te.len,
                        num(ne, "nlmsg_len"),
                    );
                    cmp(
                        &mut tally,
                        fr,
                        idx,
                        "echoed.seq",
                        te.seq,
                        num(ne, "nlmsg_seq"),
                    );
                    cmp(
                        &mut tally,
                        fr,
                        idx,
                        "echoed.pid",
                        te.pid,
                        num(ne, "nlmsg_pid"),
                    );
                    // nldump gives a known type by name: turn it into its
                    // number with nldump's own top-level messages of the
                    // capture (whose numbers were compared above).
                    let nt = ne.get("nlmsg_type").and_then(|t| match t {
                        Value::String(name) => type_ids.get(name.as_str()).copied(),
                        other => other.as_i64(),
                    });
                    if nt.is_some() {
                        cmp(&mut tally, fr, idx, "echoed.type", te.typ, nt);
                    }
                }
                (te, ne) => tally.push(fr, idx, "echoed", format!("tshark {te:?}, nldump {ne:?}")),
            }
        }
    }
    tally
}

/// Minimum numbers of values compared, so that a comparison cannot pass
/// by comparing nothing (e.g. if tshark renamed a field).
const MIN_COMPARED: &[(&str, &str, usize)] = &[
    ("genl-ctrl.pcap", "genl.family", 18),
    ("genl-ctrl.pcap", "genl.cmd", 18),
    ("genl-ethtool.pcap", "genl.family", 10),
    ("genl-ethtool.pcap", "errno", 11),
    ("genl-ethtool.pcap", "echoed.len", 11),
    ("route-errors-extack.pcap", "errno", 8),
    ("route-errors-extack.pcap", "echoed.seq", 8),
    ("route-errors-extack.pcap", "echoed.type", 12),
    (
        "corpus/little-dude-netlink__rtnetlink.pcap",
        "echoed.type",
        40,
    ),
    ("route-link-dump.pcap", "len", 12),
    ("nft-list.pcap", "type", 40),
    ("sockdiag-ss.pcap", "type", 8),
    ("corpus/drizzt-ovs__ovs-netlink.pcapng", "genl.cmd", 300),
    ("corpus/little-dude-netlink__rtnetlink.pcap", "len", 1000),
];

fn check(rel: &str) {
    tshark_or_fail();
    let tally = compare(rel);
    eprintln!("{rel}: compared {:?}", tally.compared);
    let mut unexplained = Vec::new();
    let mut used = BTreeSet::new();
    for d in &tally.diffs {
        let hit = EXCEPTIONS.iter().position(|e| {
            e.file == rel
                && e.frame == d.frame
                && e.msg == d.msg
                && e.what == d.what
                && d.detail.starts_with(e.detail)
        });
        match hit {
            Some(i) => {
                used.insert(i);
            }
            None => unexplained.push(format!(
                "  frame {} msg {} {}: {}",
                d.frame, d.msg, d.what, d.detail
            )),
        }
    }
    let stale: Vec<String> = EXCEPTIONS
        .iter()
        .enumerate()
        .filter(|(i, e)| e.file == rel && !used.contains(i))
        .map(|(_, e)| format!("  frame {} msg {} {} ({})", e.frame, e.msg, e.what, e.why))
        .collect();
    assert!(
        unexplained.is_empty() && stale.is_empty(),
        "{rel}: compared {:?}\nunexplained disagreements with tshark:\n{}\n\
         listed exceptions that did not happen:\n{}",
        tally.compared,
        unexplained.join("\n"),
        stale.join("\n")
    );
    for (file, what, min) in MIN_COMPARED {
        if *file == rel {
            let n = tally.compared.get(*what).copied().unwrap_or(0);
            assert!(
                n >= *min,
                "{rel}: only {n} {what} values compared, expected at least {min}: {:?}",
                tally.compared
            );
        }
    }
}

macro_rules! capture_tests {
    ($($name:ident => $file:expr,)*) => {
        $( #[test] fn $name() { check($file); } )*

        #[test]
        fn every_netlink_capture_has_a_test() {
            let tested: BTreeSet<&str> = [$($file),*].into_iter().collect();
            let listed: BTreeSet<&str> = NETLINK_CAPTURES.iter().copied().collect();
            assert_eq!(tested, listed);
        }
    };
}

capture_tests! {
    genl_ctrl => "genl-ctrl.pcap",
    genl_ethtool => "genl-ethtool.pcap",
    conntrack_events => "conntrack-events.pcap",
    conntrack_list => "conntrack-list.pcap",
    ipset_cmds => "ipset-cmds.pcap",
    nfacct_cttimeout => "nfacct-cttimeout.pcap",
    nfqueue_nflog => "nfqueue-nflog.pcap",
    nft_list => "nft-list.pcap",
    nft_monitor => "nft-monitor.pcap",
    nft_ruleset => "nft-ruleset.pcap",
    route_addr_route => "route-addr-route.pcap",
    route_changes => "route-changes.pcap",
    route_errors_extack => "route-errors-extack.pcap",
    route_link_dump => "route-link-dump.pcap",
    route_objects => "route-objects.pcap",
    route_stats_kinds => "route-stats-kinds.pcap",
    sockdiag_ss => "sockdiag-ss.pcap",
    tc_qdisc => "tc-qdisc.pcap",
    tc_kinds => "tc-kinds.pcap",
    genl_ethtool_veth => "genl-ethtool-veth.pcap",
    genl_net_families => "genl-net-families.pcap",
    genl_taskstats_thermal => "genl-taskstats-thermal.pcap",
    sockdiag_inet => "sockdiag-inet.pcap",
    sockdiag_other => "sockdiag-other.pcap",
    audit => "audit.pcap",
    connector_proc => "connector-proc.pcap",
    uevent_veth => "uevent-veth.pcap",
    xfrm_monitor => "xfrm-monitor.pcap",
    xfrm_state_policy => "xfrm-state-policy.pcap",
    nfhook_list => "nfhook-list.pcap",
    nfct_helper => "nfct-helper.pcap",
    nfosf_load => "nfosf-load.pcap",
    ipset_bitmask => "ipset-bitmask.pcap",
    genl_netdev => "genl-netdev.pcap",
    route_tunnel => "route-tunnel.pcap",
    route_dcb => "route-dcb.pcap",
    route_prefix => "route-prefix.pcap",
    route_mroute => "route-mroute.pcap",
    wifi_ie => "wifi-ie.pcap",
    corpus_ovs => "corpus/drizzt-ovs__ovs-netlink.pcapng",
    corpus_little_dude_aaa => "corpus/little-dude-netlink__aaa.pcap",
    corpus_little_dude_out => "corpus/little-dude-netlink__out.pcap",
    corpus_little_dude_rtnetlink => "corpus/little-dude-netlink__rtnetlink.pcap",
    corpus_nldecap_be => "corpus/nldecap__two_packets_be.pcap",
    corpus_nldecap_le => "corpus/nldecap__two_packets_le.pcap",
    corpus_pyroute2 => "corpus/pyroute2__nl0.pcap",
}

/// Every file in samples/ is either compared or known not to be netlink,
/// so a new capture cannot escape the comparison.
#[test]
fn every_sample_is_accounted_for() {
    let all: BTreeSet<String> = common::all_capture_files().into_iter().collect();
    let known: BTreeSet<String> = NETLINK_CAPTURES
        .iter()
        .chain(NOT_NETLINK)
        .map(|s| s.to_string())
        .collect();
    let new: Vec<_> = all.difference(&known).collect();
    let gone: Vec<_> = known.difference(&all).collect();
    assert!(
        new.is_empty() && gone.is_empty(),
        "samples not listed in NETLINK_CAPTURES or NOT_NETLINK: {new:?}; listed but missing: {gone:?}"
    );
}

#[test]
fn non_netlink_files_are_not_netlink_to_tshark() {
    tshark_or_fail();
    for rel in NOT_NETLINK {
        if let Some(packets) = tshark_pdml(&common::sample(rel)) {
            assert!(
                packets.iter().all(|p| !p.netlink),
                "{rel}: tshark decodes netlink in it; move it to NETLINK_CAPTURES"
            );
        }
    }
}

/// The PDML reader itself, on a hand-made line, so a tshark format change
/// shows up here rather than as a silent "nothing compared".
#[test]
fn pdml_attribute_reader() {
    let line = r#"<field name="genl.family_id" showname="Family ID: 0x15 (&quot;eth&amp;tool&quot;)" size="2" pos="20" show="0x15" value="1500"/>"#;
    assert_eq!(xml_attr(line, "name").as_deref(), Some("genl.family_id"));
    assert_eq!(xml_attr(line, "show").as_deref(), Some("0x15"));
    assert_eq!(xml_attr(line, "pos").as_deref(), Some("20"));
    assert_eq!(
        xml_attr(line, "showname").as_deref(),
        Some("Family ID: 0x15 (\"eth&tool\")")
    );
    assert_eq!(parse_num("0x0605"), Some(0x605));
    assert_eq!(parse_num("-95"), Some(-95));
}
