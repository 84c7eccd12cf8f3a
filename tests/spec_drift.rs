//! Checks every `dissectors/*.yaml` spec against the kernel uapi headers.
//!
//! The specs are written in the kernel's YNL schema. This test does not use
//! nldump's own spec loader: it reads the YAML with yaml-rust2, computes each
//! number by the YNL rules and compares it with the value the C headers give
//! for the derived C name:
//!
//! * attribute-set attributes: the first is 1 unless `value:` says otherwise,
//!   each later one is the previous + 1; C name = `name-prefix` + name.
//! * enum entries count from `value-start` (default 0); flags entries are bit
//!   numbers from `value-start` (default 0), i.e. the C value is `1 << bit`;
//!   `{name, value}` entries set the number (bit number for flags).
//! * netlink-raw operations (`enum-model: directional`): the op's own number
//!   is its `do`/`dump` request `value`, or the op-level `value` of a
//!   notification; genetlink operations carry the command at op level.
//! * consts: C name = the const's name.
//!
//! C names are the prefixed name upper-cased with `-` turned into `_`.
//! References (`nested-attributes`, `struct`, `enum`, `fixed-header`,
//! `sub-message`, `selector`, `attribute-set`) must resolve within the file.
//!
//! The headers are required: without them the test fails (CI installs
//! linux-libc-dev), it never passes by skipping.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use yaml_rust2::{Yaml, YamlLoader};

const INCLUDE: &str = "/usr/include";

/// C names that no installed header defines, with the reason each is allowed.
/// Keyed by (spec file stem, C name).
const ALLOWLIST: &[(&str, &str, &str)] = &[
    (
        "nl80211",
        "NL80211_FREQUENCY_ATTR_OLD_NO_IBSS",
        "value 4 is __NL80211_FREQUENCY_ATTR_NO_IBSS in nl80211.h (deprecated; the plain name is #defined to NO_IR); older kernels send it (little-dude aaa.pcap)",
    ),
    ("nftables", "NFTA_SET_TYPE", "set backend name in set dumps, added in Linux 6.14; linux-libc-dev here is 6.12, the running 6.18 kernel sends it"),
    ("nftables", "NFTA_SET_COUNT", "element count in set dumps, added in Linux 6.14; linux-libc-dev here is 6.12, the running 6.18 kernel sends it"),
    (
        "conntrack",
        "CTA_TIMESTAMP_EVENT",
        "added in Linux 6.14; this machine's linux-libc-dev is 6.12 but its kernel sends it in events",
    ),
    ("rt-link", "IFLA_MCTP_PHYS_BINDING", "newer than the 6.12 headers CI installs; sent by newer kernels (rust-netlink corpus vector in samples/paste/corpus-hex)"),
    ("rt-link", "IFLA_MAX_PACING_OFFLOAD_HORIZON", "Linux 6.13-6.18, newer than the 6.12 headers CI installs; this 6.18 kernel sends it (samples/route-link-dump.pcap)"),
    ("rt-link", "IFLA_NETNS_IMMUTABLE", "Linux 6.13-6.18, newer than the 6.12 headers CI installs; this 6.18 kernel sends it (samples/route-link-dump.pcap)"),
    ("rt-link", "IFLA_HEADROOM", "Linux 6.13-6.18, newer than the 6.12 headers CI installs; this 6.18 kernel sends it (samples/route-link-dump.pcap)"),
    ("rt-link", "IFLA_TAILROOM", "Linux 6.13-6.18, newer than the 6.12 headers CI installs; this 6.18 kernel sends it (samples/route-link-dump.pcap)"),
    ("rt-link", "IFLA_BR_STP_MODE", "newer than the 6.12 headers CI installs; sent by newer kernels (rust-netlink corpus vector in samples/paste/corpus-hex)"),
    ("rt-link", "IFLA_BRPORT_NEIGH_FORWARD_GRAT", "newer than the 6.12 headers CI installs; sent by newer kernels (rust-netlink corpus vector in samples/paste/corpus-hex)"),
    ("rt-link", "IFLA_GENEVE_PORT_RANGE", "newer than the 6.12 headers CI installs; sent by newer kernels (rust-netlink corpus vector in samples/paste/corpus-hex)"),
    ("rt-link", "IFLA_GENEVE_GRO_HINT", "newer than the 6.12 headers CI installs; sent by newer kernels (rust-netlink corpus vector in samples/paste/corpus-hex)"),
    ("rt-link", "IFLA_GENEVE_LOCAL", "newer than the 6.12 headers CI installs; sent by newer kernels (rust-netlink corpus vector in samples/paste/corpus-hex)"),
    ("rt-link", "IFLA_GENEVE_LOCAL6", "newer than the 6.12 headers CI installs; sent by newer kernels (rust-netlink corpus vector in samples/paste/corpus-hex)"),
    ("rt-link", "IFLA_NETKIT_HEADROOM", "newer than the 6.12 headers CI installs; sent by newer kernels (rust-netlink corpus vector in samples/paste/corpus-hex)"),
    ("rt-link", "IFLA_NETKIT_TAILROOM", "newer than the 6.12 headers CI installs; sent by newer kernels (rust-netlink corpus vector in samples/paste/corpus-hex)"),
    ("rt-link", "IFLA_VXLAN_RESERVED_BITS", "newer than the 6.12 headers CI installs; sent by newer kernels (rust-netlink corpus vector in samples/paste/corpus-hex)"),
    ("rt-link", "IFLA_VXLAN_MC_ROUTE", "newer than the 6.12 headers CI installs; sent by newer kernels (rust-netlink corpus vector in samples/paste/corpus-hex)"),
    ("nfhook", "NFNL_HOOK_TYPE_NFT_FLOWTABLE", "flowtable hooks in nft list hooks (value 3), newer than the 6.12 headers CI installs; newer kernels send it in NFNLA_HOOK_INFO_TYPE"),
    (
        "sock-diag",
        "TCP_NEW_SYN_RECV",
        "kernel-internal socket state (include/net/tcp_states.h), equal to BPF_TCP_NEW_SYN_RECV in linux/bpf.h; libc's netinet/tcp.h stops at TCP_CLOSING",
    ),
    (
        "sock-diag",
        "TCP_BOUND_INACTIVE",
        "kernel-internal pseudo-state for inet_diag (include/net/tcp_states.h, Linux 6.7+); in no uapi or libc header",
    ),
    // netdev (slice genl-new): names newer than the 6.12 netdev.h; numbers seen on the running
    // 6.18 kernel (nlctrl op list, CTRL_CMD_GETPOLICY and replies in samples/genl-netdev.pcap).
    ("netdev", "NETDEV_A_NAPI_DEFER_HARD_IRQS", "Linux 6.13+, newer than the 6.12 headers; this 6.18 kernel sends it in NAPI_GET replies (samples/genl-netdev.pcap)"),
    ("netdev", "NETDEV_A_NAPI_GRO_FLUSH_TIMEOUT", "Linux 6.13+, newer than the 6.12 headers; this 6.18 kernel sends it in NAPI_GET replies (samples/genl-netdev.pcap)"),
    ("netdev", "NETDEV_A_NAPI_IRQ_SUSPEND_TIMEOUT", "Linux 6.14+, newer than the 6.12 headers; this 6.18 kernel sends it in NAPI_GET replies (samples/genl-netdev.pcap)"),
    ("netdev", "NETDEV_A_NAPI_THREADED", "Linux 6.17+, newer than the 6.12 headers; this 6.18 kernel sends it in NAPI_GET replies (samples/genl-netdev.pcap)"),
    ("netdev", "NETDEV_NAPI_THREADED_DISABLED", "enum netdev_napi_threaded, Linux 6.17+; value 0 in this 6.18 kernel's NAPI_GET replies"),
    ("netdev", "NETDEV_NAPI_THREADED_ENABLED", "enum netdev_napi_threaded, Linux 6.17+; the 6.18 NAPI_SET policy accepts 0..1 (samples/genl-netdev.pcap policy dump)"),
    ("netdev", "NETDEV_CMD_NAPI_SET", "Linux 6.13+, newer than the 6.12 headers; op 14 in this 6.18 kernel's op list, sent in samples/genl-netdev.pcap"),
    ("netdev", "NETDEV_CMD_BIND_TX", "Linux 6.15+, newer than the 6.12 headers; op 15 in this 6.18 kernel's op list (samples/genl-netdev.pcap)"),
    ("netdev", "NETDEV_A_QUEUE_IO_URING", "Linux 6.15+ (io_uring zero-copy receive), newer than the 6.12 headers"),
    ("netdev", "NETDEV_A_QUEUE_XSK", "Linux 6.15+, newer than the 6.12 headers"),
    ("netdev", "NETDEV_A_PAGE_POOL_IO_URING", "Linux 6.15+ (io_uring zero-copy receive), newer than the 6.12 headers"),
    ("netdev", "NETDEV_XSK_FLAGS_TX_LAUNCH_TIME_FIFO", "Linux 6.15+ (AF_XDP launch time), newer than the 6.12 headers"),
];

// ---------------------------------------------------------------------------
// C header parsing

/// Every constant the headers define: name -> the set of values seen (a name
/// may be defined under several `#if` branches).
#[derive(Default)]
struct Headers {
    values: HashMap<String, BTreeSet<i128>>,
    files: usize,
}

/// One item of a header in textual order.
enum Item {
    Define(String, String),
    Enum(Vec<(String, Option<String>)>),
}

fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            match text[i + 2..].find("*/") {
                Some(end) => {
                    // keep newlines so `#define` lines stay lines
                    let inner = &text[i..i + 2 + end + 2];
                    out.extend(inner.chars().filter(|c| *c == '\n'));
                    out.push(' ');
                    i += 2 + end + 2;
                }
                None => break,
            }
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            match text[i..].find('\n') {
                Some(end) => i += end,
                None => break,
            }
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out.replace("\\\n", " ")
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn parse_items(text: &str) -> Vec<Item> {
    let text = strip_comments(text);
    let mut items = Vec::new();
    let mut rest = text.as_str();
    loop {
        // next interesting thing: a `#define` line or an `enum ... {`
        let def = find_define(rest);
        let en = find_enum(rest);
        let next = match (def, en) {
            (None, None) => break,
            (Some(d), None) => d,
            (None, Some(e)) => e,
            (Some(d), Some(e)) => {
                if d.0 < e.0 {
                    d
                } else {
                    e
                }
            }
        };
        items.push(next.2);
        rest = &rest[next.1..];
    }
    items
}

/// Finds the next `#define NAME value` line: (start, end, item).
fn find_define(text: &str) -> Option<(usize, usize, Item)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim_start();
        let Some(after) = t.strip_prefix('#') else {
            continue;
        };
        let Some(after) = after.trim_start().strip_prefix("define") else {
            continue;
        };
        if !after.starts_with([' ', '\t']) {
            continue;
        }
        let after = after.trim_start();
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let value = &after[name.len()..];
        // function-like macros are not constants
        if name.is_empty() || value.starts_with('(') {
            continue;
        }
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        return Some((start, offset, Item::Define(name, value.to_string())));
    }
    None
}

/// Finds the next `enum [tag] { ... }` block: (start, end, item).
fn find_enum(text: &str) -> Option<(usize, usize, Item)> {
    let mut from = 0;
    while let Some(pos) = text[from..].find("enum") {
        let at = from + pos;
        from = at + 4;
        let before_ok = at == 0
            || !text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        let after = &text[at + 4..];
        if !before_ok || after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let brace = after.find(['{', ';', '(', ')'])?;
        if !after[brace..].starts_with('{') {
            continue;
        }
        let tag = after[..brace].trim();
        if !tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let body_start = at + 4 + brace + 1;
        let close = text[body_start..].find('}')?;
        let body = &text[body_start..body_start + close];
        let mut members = Vec::new();
        for raw in body.split(',') {
            // drop preprocessor lines inside the enum body
            let entry: String = raw
                .lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .collect::<Vec<_>>()
                .join(" ");
            let entry = entry.trim();
            if entry.is_empty() {
                continue;
            }
            match entry.split_once('=') {
                Some((n, e)) => members.push((n.trim().to_string(), Some(e.trim().to_string()))),
                None => members.push((entry.to_string(), None)),
            }
        }
        return Some((at, body_start + close + 1, Item::Enum(members)));
    }
    None
}

/// A tiny C constant-expression evaluator: integers (dec, hex, octal, with
/// U/L suffixes), known names, parentheses, casts to integer types, unary
/// `- ~ !`, and `* / % + - << >> & ^ |`.
struct Eval<'a> {
    toks: Vec<String>,
    pos: usize,
    known: &'a HashMap<String, i128>,
}

fn tokenize(expr: &str) -> Option<Vec<String>> {
    let mut toks = Vec::new();
    let chars: Vec<char> = expr.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_alphanumeric() || c == '_' {
            let s = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            toks.push(chars[s..i].iter().collect());
        } else if (c == '<' || c == '>') && chars.get(i + 1) == Some(&c) {
            toks.push(format!("{c}{c}"));
            i += 2;
        } else if "()+-*/%&|^~!".contains(c) {
            toks.push(c.to_string());
            i += 1;
        } else {
            return None;
        }
    }
    Some(toks)
}

const CAST_TYPES: &[&str] = &[
    "int", "unsigned", "long", "short", "char", "signed", "__u8", "__u16", "__u32", "__u64",
    "__s8", "__s16", "__s32", "__s64",
];

impl Eval<'_> {
    fn peek(&self) -> Option<&str> {
        self.toks.get(self.pos).map(String::as_str)
    }
    fn next(&mut self) -> Option<String> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }
    fn binary(&mut self, level: usize) -> Option<i128> {
        const LEVELS: &[&[&str]] = &[
            &["|"],
            &["^"],
            &["&"],
            &["<<", ">>"],
            &["+", "-"],
            &["*", "/", "%"],
        ];
        if level == LEVELS.len() {
            return self.unary();
        }
        let mut lhs = self.binary(level + 1)?;
        while let Some(op) = self.peek().filter(|t| LEVELS[level].contains(t)) {
            let op = op.to_string();
            self.pos += 1;
            let rhs = self.binary(level + 1)?;
            lhs = match op.as_str() {
                "|" => lhs | rhs,
                "^" => lhs ^ rhs,
                "&" => lhs & rhs,
                "<<" => lhs.checked_shl(u32::try_from(rhs).ok()?)?,
                ">>" => lhs.checked_shr(u32::try_from(rhs).ok()?)?,
                "+" => lhs.checked_add(rhs)?,
                "-" => lhs.checked_sub(rhs)?,
                "*" => lhs.checked_mul(rhs)?,
                "/" => lhs.checked_div(rhs)?,
                _ => lhs.checked_rem(rhs)?,
            };
        }
        Some(lhs)
    }
    fn unary(&mut self) -> Option<i128> {
        match self.peek()? {
            "-" => {
                self.pos += 1;
                self.unary()?.checked_neg()
            }
            "~" => {
                self.pos += 1;
                Some(!self.unary()?)
            }
            "!" => {
                self.pos += 1;
                Some(i128::from(self.unary()? == 0))
            }
            "(" => {
                // a cast such as `(unsigned int)` or a parenthesised expression
                let save = self.pos;
                self.pos += 1;
                let mut is_cast = false;
                while let Some(t) = self.peek() {
                    if CAST_TYPES.contains(&t) {
                        is_cast = true;
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                if is_cast && self.peek() == Some(")") {
                    self.pos += 1;
                    return self.unary();
                }
                self.pos = save + 1;
                let v = self.binary(0)?;
                (self.next()? == ")").then_some(v)
            }
            _ => {
                let t = self.next()?;
                if t.starts_with(|c: char| c.is_ascii_digit()) {
                    parse_int(&t)
                } else if is_ident_start(t.chars().next()?) {
                    self.known.get(&t).copied()
                } else {
                    None
                }
            }
        }
    }
}

fn parse_int(tok: &str) -> Option<i128> {
    let t = tok.trim_end_matches(['u', 'U', 'l', 'L']);
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        i128::from_str_radix(h, 16).ok()
    } else if t.len() > 1 && t.starts_with('0') {
        i128::from_str_radix(&t[1..], 8).ok()
    } else {
        t.parse().ok()
    }
}

fn eval(expr: &str, known: &HashMap<String, i128>) -> Option<i128> {
    let toks = tokenize(expr)?;
    let mut e = Eval {
        toks,
        pos: 0,
        known,
    };
    let v = e.binary(0)?;
    (e.pos == e.toks.len()).then_some(v)
}

fn header_files() -> Vec<PathBuf> {
    let linux = Path::new(INCLUDE).join("linux");
    let probe = linux.join("if_link.h");
    assert!(
        probe.is_file(),
        "kernel uapi headers not found ({} is missing): install linux-libc-dev; \
         spec drift cannot be checked without them",
        probe.display()
    );
    let mut files: Vec<PathBuf> = fs::read_dir(&linux)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", linux.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "h"))
        .collect();
    // netfilter subsystems (nfnetlink_*.h, ipset/ip_set.h) and CAN link
    // options (can/netlink.h) live in subdirectories
    for sub in ["netfilter", "netfilter/ipset", "can"] {
        let dir = linux.join(sub);
        if let Ok(rd) = fs::read_dir(&dir) {
            files.extend(
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "h")),
            );
        }
    }
    files.sort();
    // AF_* live in the libc socket header, under an arch directory
    let mut socket_h: Vec<PathBuf> = fs::read_dir(INCLUDE)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path().join("bits/socket.h")))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    socket_h.sort();
    assert!(
        !socket_h.is_empty(),
        "no {INCLUDE}/<arch>/bits/socket.h (libc6-dev) for the AF_* constants"
    );
    files.extend(socket_h);
    // tc action headers (TCA_MIRRED_*, TCA_GACT_*, ...) live in a subdirectory
    let tc_act = linux.join("tc_act");
    let mut act_h: Vec<PathBuf> = fs::read_dir(&tc_act)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    act_h.retain(|p| p.extension().is_some_and(|x| x == "h"));
    act_h.sort();
    files.extend(act_h);
    // SOCK_* (socket types) and TCP_ESTABLISHED... (socket states, used by
    // sock_diag) are libc's: the kernel keeps them out of its uapi headers.
    for h in ["bits/socket_type.h", "netinet/tcp.h"] {
        let mut more: Vec<PathBuf> = fs::read_dir(INCLUDE)
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path().join(h)))
                    .filter(|p| p.is_file())
                    .collect()
            })
            .unwrap_or_default();
        more.sort();
        files.extend(more);
    }
    let tcp = Path::new(INCLUDE).join("netinet/tcp.h");
    if tcp.is_file() {
        files.push(tcp);
    }
    // ND option types and prefix-information flags (rt-prefix's prefixmsg)
    let icmp6 = Path::new(INCLUDE).join("netinet/icmp6.h");
    if icmp6.is_file() {
        files.push(icmp6);
    }
    files
}

fn load_headers() -> Headers {
    let files = header_files();
    let mut parsed = Vec::new();
    for f in &files {
        let bytes = fs::read(f).unwrap_or_else(|e| panic!("cannot read {}: {e}", f.display()));
        parsed.push(parse_items(&String::from_utf8_lossy(&bytes)));
    }
    // Resolve to a fixed point: later headers may be referenced by earlier
    // ones (genetlink.h uses NLMSG_MIN_TYPE from netlink.h).
    let mut known: HashMap<String, i128> = HashMap::new();
    let mut values: HashMap<String, BTreeSet<i128>> = HashMap::new();
    loop {
        let before: usize = values.values().map(BTreeSet::len).sum();
        for items in &parsed {
            for item in items {
                match item {
                    Item::Define(name, expr) => {
                        if let Some(v) = eval(expr, &known) {
                            known.entry(name.clone()).or_insert(v);
                            values.entry(name.clone()).or_default().insert(v);
                        }
                    }
                    Item::Enum(members) => {
                        let mut next: Option<i128> = Some(0);
                        for (name, expr) in members {
                            let v = match expr {
                                Some(e) => eval(e, &known),
                                None => next,
                            };
                            if let Some(v) = v {
                                known.entry(name.clone()).or_insert(v);
                                values.entry(name.clone()).or_default().insert(v);
                            }
                            next = v.and_then(|v| v.checked_add(1));
                        }
                    }
                }
            }
        }
        let after: usize = values.values().map(BTreeSet::len).sum();
        if after == before {
            break;
        }
    }
    Headers {
        values,
        files: files.len(),
    }
}

// ---------------------------------------------------------------------------
// Spec checking

fn c_name(prefix: &str, name: &str) -> String {
    format!("{prefix}{name}")
        .to_ascii_uppercase()
        .replace('-', "_")
}

fn text(y: &Yaml) -> Option<&str> {
    y.as_str()
}

fn list(y: &Yaml) -> &[Yaml] {
    y.as_vec().map(Vec::as_slice).unwrap_or(&[])
}

const ATTR_TYPES: &[&str] = &[
    "unused",
    "pad",
    "flag",
    "binary",
    "bitfield32",
    "uint",
    "sint",
    "u8",
    "u16",
    "u32",
    "u64",
    "s8",
    "s16",
    "s32",
    "s64",
    "string",
    "nest",
    "indexed-array",
    "nest-type-value",
    "sub-message",
];
const MEMBER_TYPES: &[&str] = &[
    "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "string", "binary", "pad",
];
const HINTS: &[&str] = &["hex", "mac", "fddi", "ipv4", "ipv6", "uuid"];

/// What one spec file yields: (C name, computed value, where) triples to
/// compare with the headers, and structural problems.
#[derive(Default)]
struct Report {
    checks: Vec<(String, i128, String)>,
    problems: Vec<String>,
}

struct Spec<'a> {
    file: String,
    doc: &'a Yaml,
    enums: BTreeMap<String, &'a Yaml>,
    structs: BTreeMap<String, &'a Yaml>,
    sets: BTreeMap<String, &'a Yaml>,
    sub_msgs: BTreeMap<String, &'a Yaml>,
    report: Report,
}

impl<'a> Spec<'a> {
    fn new(file: String, doc: &'a Yaml) -> Self {
        let mut s = Spec {
            file,
            doc,
            enums: BTreeMap::new(),
            structs: BTreeMap::new(),
            sets: BTreeMap::new(),
            sub_msgs: BTreeMap::new(),
            report: Report::default(),
        };
        for d in list(&doc["definitions"]) {
            let name = text(&d["name"]).unwrap_or_default().to_string();
            match text(&d["type"]) {
                Some("enum" | "flags") => s.enums.insert(name, d),
                Some("struct") => s.structs.insert(name, d),
                _ => None,
            };
        }
        for a in list(&doc["attribute-sets"]) {
            let name = text(&a["name"]).unwrap_or_default().to_string();
            if s.sets.insert(name.clone(), a).is_some() {
                s.problem(format!("attribute-set {name} defined twice"));
            }
        }
        for m in list(&doc["sub-messages"]) {
            s.sub_msgs
                .insert(text(&m["name"]).unwrap_or_default().to_string(), m);
        }
        s
    }

    fn problem(&mut self, msg: String) {
        self.report.problems.push(format!("{}: {msg}", self.file));
    }

    fn check(&mut self, cname: String, value: i128, at: String) {
        self.report.checks.push((cname, value, at));
    }

    fn run(mut self) -> Report {
        self.top_level();
        self.definitions();
        self.attribute_sets();
        self.sub_messages();
        self.operations();
        self.report
    }

    fn top_level(&mut self) {
        const KEYS: &[&str] = &[
            "name",
            "protocol",
            "protonum",
            "doc",
            "definitions",
            "attribute-sets",
            "sub-messages",
            "operations",
            "mcast-groups",
            "uapi-header",
        ];
        if let Some(h) = self.doc.as_hash() {
            for k in h.keys() {
                let k = text(k).unwrap_or("?");
                if !KEYS.contains(&k) {
                    self.problem(format!("unknown top-level key {k}"));
                }
            }
        } else {
            self.problem("not a YAML mapping".into());
            return;
        }
        let stem = self.file.trim_end_matches(".yaml").to_string();
        if text(&self.doc["name"]) != Some(stem.as_str()) {
            self.problem(format!("name must equal the file stem {stem}"));
        }
        if text(&self.doc["doc"]).is_none() {
            self.problem("missing doc".into());
        }
        match text(&self.doc["protocol"]) {
            Some("netlink-raw") => {
                if self.doc["protonum"].as_i64().is_none() {
                    self.problem("netlink-raw spec without protonum".into());
                }
            }
            Some("genetlink" | "genetlink-legacy" | "genetlink-c") => {
                if !self.doc["protonum"].is_badvalue() {
                    self.problem("protonum is only for netlink-raw".into());
                }
            }
            other => self.problem(format!("bad protocol {other:?}")),
        }
    }

    fn definitions(&mut self) {
        let defs: Vec<&Yaml> = list(&self.doc["definitions"]).iter().collect();
        for d in defs {
            let name = text(&d["name"]).unwrap_or("?").to_string();
            match text(&d["type"]) {
                Some(kind @ ("enum" | "flags")) => {
                    let Some(prefix) = text(&d["name-prefix"]) else {
                        self.problem(format!("{kind} {name} has no name-prefix"));
                        continue;
                    };
                    let mut next = d["value-start"].as_i64().map_or(0, i128::from);
                    let entries = list(&d["entries"]);
                    if entries.is_empty() {
                        self.problem(format!("{kind} {name} has no entries"));
                    }
                    for e in entries {
                        let (ename, v) = match e {
                            Yaml::String(s) => (s.as_str(), next),
                            _ => match (text(&e["name"]), e["value"].as_i64()) {
                                (Some(n), Some(v)) => (n, i128::from(v)),
                                (Some(n), None) => (n, next),
                                _ => {
                                    self.problem(format!("{kind} {name}: bad entry {e:?}"));
                                    continue;
                                }
                            },
                        };
                        next = v + 1;
                        let cval = if kind == "flags" {
                            match u32::try_from(v).ok().and_then(|b| 1i128.checked_shl(b)) {
                                Some(x) if v < 64 => x,
                                _ => {
                                    self.problem(format!("flags {name}.{ename}: bit {v}"));
                                    continue;
                                }
                            }
                        } else {
                            v
                        };
                        self.check(c_name(prefix, ename), cval, format!("{kind} {name}"));
                    }
                }
                Some("const") => match d["value"].as_i64() {
                    Some(v) => self.check(c_name("", &name), v.into(), format!("const {name}")),
                    None => self.problem(format!("const {name} without integer value")),
                },
                Some("struct") => self.struct_members(&name, d),
                other => self.problem(format!("definition {name}: bad type {other:?}")),
            }
        }
    }

    fn struct_members(&mut self, name: &str, d: &Yaml) {
        let members = list(&d["members"]);
        if members.is_empty() {
            self.problem(format!("struct {name} has no members"));
        }
        let mut seen = BTreeSet::new();
        for m in members {
            let mname = text(&m["name"]).unwrap_or("?");
            if !seen.insert(mname) {
                self.problem(format!("struct {name}: member {mname} twice"));
            }
            let ty = text(&m["type"]).unwrap_or("?");
            if !MEMBER_TYPES.contains(&ty) {
                self.problem(format!("struct {name}.{mname}: bad type {ty}"));
            }
            if matches!(ty, "binary" | "pad")
                && m["len"].as_i64().is_none()
                && text(&m["struct"]).is_none()
            {
                self.problem(format!("struct {name}.{mname}: {ty} needs len"));
            }
            self.common_refs(&format!("struct {name}.{mname}"), m);
        }
    }

    /// `enum`, `struct`, `display-hint`, `byte-order` shared by members and attributes.
    fn common_refs(&mut self, at: &str, y: &Yaml) {
        if let Some(e) = text(&y["enum"]) {
            if !self.enums.contains_key(e) {
                self.problem(format!("{at}: enum {e} not defined"));
            }
        }
        if let Some(s) = text(&y["struct"]) {
            if !self.structs.contains_key(s) {
                self.problem(format!("{at}: struct {s} not defined"));
            }
        }
        if let Some(h) = text(&y["display-hint"]) {
            if !HINTS.contains(&h) {
                self.problem(format!("{at}: bad display-hint {h}"));
            }
        }
        if let Some(b) = text(&y["byte-order"]) {
            if b != "big-endian" && b != "little-endian" {
                self.problem(format!("{at}: bad byte-order {b}"));
            }
        }
    }

    fn attribute_sets(&mut self) {
        let sets: Vec<(String, &Yaml)> = self.sets.iter().map(|(k, v)| (k.clone(), *v)).collect();
        for (name, set) in sets {
            let attrs = list(&set["attributes"]);
            if attrs.is_empty() {
                self.problem(format!("attribute-set {name} has no attributes"));
            }
            if let Some(parent) = text(&set["subset-of"]) {
                if !set["name-prefix"].is_badvalue() {
                    self.problem(format!("subset {name} must not have name-prefix"));
                }
                let Some(p) = self.sets.get(parent).copied() else {
                    self.problem(format!("subset {name}: parent {parent} not defined"));
                    continue;
                };
                for a in attrs {
                    let an = text(&a["name"]).unwrap_or("?");
                    if !list(&p["attributes"])
                        .iter()
                        .any(|x| text(&x["name"]) == Some(an))
                    {
                        self.problem(format!("subset {name}: {an} not in {parent}"));
                    }
                    self.attr_refs(&name, a, set);
                }
                continue;
            }
            let Some(prefix) = text(&set["name-prefix"]) else {
                self.problem(format!("attribute-set {name} has no name-prefix"));
                continue;
            };
            // nldump extension: the C enum is off by `nldump-c-offset` from the
            // attribute type on the wire (tcp_metrics: TCP_METRIC_RTT = 0 is
            // carried as attribute 1).
            let c_offset = set["nldump-c-offset"].as_i64().map_or(0, i128::from);
            let mut next: i128 = 1;
            let mut seen_names = BTreeSet::new();
            let mut seen_values = BTreeSet::new();
            for a in attrs {
                let an = text(&a["name"]).unwrap_or("?");
                let v = a["value"].as_i64().map_or(next, i128::from);
                next = v + 1;
                if !seen_names.insert(an) {
                    self.problem(format!("{name}: attribute {an} twice"));
                }
                if !seen_values.insert(v) {
                    self.problem(format!("{name}: value {v} used twice"));
                }
                match text(&a["type"]) {
                    Some(t) if ATTR_TYPES.contains(&t) => {}
                    other => self.problem(format!("{name}.{an}: bad type {other:?}")),
                }
                self.check(
                    c_name(prefix, an),
                    v - c_offset,
                    format!("attribute-set {name}"),
                );
                self.attr_refs(&name, a, set);
            }
        }
    }

    fn attr_refs(&mut self, set_name: &str, a: &Yaml, _set: &Yaml) {
        let an = text(&a["name"]).unwrap_or("?");
        let at = format!("{set_name}.{an}");
        self.common_refs(&at, a);
        let ty = text(&a["type"]).unwrap_or("");
        if let Some(n) = text(&a["nested-attributes"]) {
            if !self.sets.contains_key(n) {
                self.problem(format!("{at}: nested-attributes {n} not defined"));
            }
        } else if matches!(ty, "nest" | "nest-type-value")
            || (ty == "indexed-array" && text(&a["sub-type"]) == Some("nest"))
        {
            // a nest without a set is allowed but only shown raw; flag it so
            // it is a decision, not an accident
            if a["doc"].is_badvalue() && !matches!(an, "mrp" | "cfm" | "mst") {
                self.problem(format!("{at}: {ty} without nested-attributes"));
            }
        }
        if ty == "sub-message" {
            match text(&a["sub-message"]) {
                Some(m) if self.sub_msgs.contains_key(m) => {}
                other => self.problem(format!("{at}: sub-message {other:?} not defined")),
            }
            match text(&a["selector"]) {
                Some(sel) => {
                    // YNL looks the selector up in the same set, then in the
                    // enclosing ones (TCA_STATS_APP is chosen by TCA_KIND).
                    if !list(&self.doc["attribute-sets"]).iter().any(|s| {
                        list(&s["attributes"])
                            .iter()
                            .any(|x| text(&x["name"]) == Some(sel))
                    }) {
                        self.problem(format!("{at}: selector {sel} is in no attribute set"));
                    }
                }
                None => self.problem(format!("{at}: sub-message without selector")),
            }
        }
        if let Some(st) = text(&a["sub-type"]) {
            if !ATTR_TYPES.contains(&st) {
                self.problem(format!("{at}: bad sub-type {st}"));
            }
        }
    }

    fn sub_messages(&mut self) {
        let msgs: Vec<(String, &Yaml)> =
            self.sub_msgs.iter().map(|(k, v)| (k.clone(), *v)).collect();
        for (name, m) in msgs {
            let mut seen = BTreeSet::new();
            for f in list(&m["formats"]) {
                let v = text(&f["value"]).unwrap_or("?").to_string();
                // nldump-ops: the same value may have a format per operation
                let ops: Vec<&str> = list(&f["nldump-ops"]).iter().filter_map(text).collect();
                if !seen.insert((v.clone(), ops)) {
                    self.problem(format!("sub-message {name}: format {v} twice"));
                }
                if let Some(s) = text(&f["attribute-set"]) {
                    if !self.sets.contains_key(s) {
                        self.problem(format!("sub-message {name}/{v}: set {s} not defined"));
                    }
                }
                if let Some(h) = text(&f["fixed-header"]) {
                    if !self.structs.contains_key(h) {
                        self.problem(format!("sub-message {name}/{v}: struct {h} not defined"));
                    }
                }
            }
        }
    }

    fn operations(&mut self) {
        let ops = &self.doc["operations"];
        if ops.is_badvalue() {
            // A spec of attribute sets only (netlink-extack) has no operations.
            return;
        }
        let Some(prefix) = text(&ops["name-prefix"]) else {
            self.problem("operations without name-prefix".into());
            return;
        };
        let raw = text(&self.doc["protocol"]) == Some("netlink-raw");
        let directional = text(&ops["enum-model"]) == Some("directional");
        // nfnetlink subsystems: nlmsg_type = subsystem << 8 | the C enum value
        let type_base = ops["nldump-type-base"].as_i64().map_or(0, i128::from);
        if raw && !directional {
            self.problem("netlink-raw operations must use enum-model: directional".into());
        }
        if let Some(h) = text(&ops["fixed-header"]) {
            if !self.structs.contains_key(h) {
                self.problem(format!("operations fixed-header {h} not defined"));
            }
        }
        // genetlink with `enum-model: directional` (ethtool): requests and
        // kernel messages (replies, notifications) are numbered in two
        // separate C enums; replies are named `<op>-reply`.
        let genl_directional = directional && !raw;
        let mut kernel_values = BTreeSet::new();
        let mut own_values = BTreeSet::new();
        let mut reply_values = Vec::new();
        let mut next: i128 = 1;
        for op in list(&ops["list"]) {
            let name = text(&op["name"]).unwrap_or("?");
            if text(&op["doc"]).is_none() {
                self.problem(format!("op {name}: missing doc"));
            }
            let set = text(&op["attribute-set"]).and_then(|s| self.sets.get(s).copied());
            // Bodies without attributes (text records, C structs only) are
            // described by a fixed header or a Rust decoder instead.
            let no_attrs = op["attribute-set"].is_badvalue()
                && [
                    &op["nldump-decoder"],
                    &ops["nldump-decoder"],
                    &op["fixed-header"],
                ]
                .iter()
                .any(|y| !y.is_badvalue());
            if set.is_none() && !no_attrs {
                self.problem(format!("op {name}: attribute-set missing or not defined"));
            }
            if let Some(h) = text(&op["fixed-header"]) {
                if !self.structs.contains_key(h) {
                    self.problem(format!("op {name}: fixed-header {h} not defined"));
                }
            }
            if let Some(n) = text(&op["notify"]) {
                if !list(&ops["list"])
                    .iter()
                    .any(|o| text(&o["name"]) == Some(n))
                {
                    self.problem(format!("op {name}: notify {n} is not an op"));
                }
            }
            let mut own = op["value"].as_i64().map(i128::from);
            for mode in ["do", "dump"] {
                for dir in ["request", "reply"] {
                    let msg = &op[mode][dir];
                    if msg.is_badvalue() {
                        continue;
                    }
                    if let Some(set) = set {
                        for an in list(&msg["attributes"]) {
                            let an = text(an).unwrap_or("?");
                            if !list(&set["attributes"])
                                .iter()
                                .any(|x| text(&x["name"]) == Some(an))
                            {
                                self.problem(format!("op {name} {mode} {dir}: no attribute {an}"));
                            }
                        }
                    }
                    let v = msg["value"].as_i64().map(i128::from);
                    if raw && v.is_none() {
                        self.problem(format!("op {name} {mode} {dir}: netlink-raw needs value"));
                    }
                    match (dir, v) {
                        ("request", Some(v)) => {
                            if own.is_some_and(|o| o != v) {
                                self.problem(format!("op {name}: request values differ"));
                            }
                            own = Some(v);
                        }
                        ("reply", Some(v)) if genl_directional => {
                            let reply = format!("{name}-reply");
                            if !kernel_values.insert(v) && mode == "do" {
                                self.problem(format!("op {name}: reply value {v} used twice"));
                            }
                            self.check(c_name(prefix, &reply), v, "operations".into());
                        }
                        ("reply", Some(v)) => reply_values.push((name.to_string(), v)),
                        _ => {}
                    }
                }
            }
            let own = match (own, directional) {
                (Some(v), _) => v,
                (None, false) => next,
                (None, true) => {
                    self.problem(format!("op {name}: no value (give request or op value)"));
                    continue;
                }
            };
            next = own + 1;
            let is_ntf = !op["notify"].is_badvalue() || !op["event"].is_badvalue();
            if genl_directional && is_ntf {
                if !kernel_values.insert(own) {
                    self.problem(format!("op {name}: kernel message value {own} used twice"));
                }
            } else if !own_values.insert(own) {
                self.problem(format!("op {name}: message value {own} used twice"));
            }
            let base = op["nldump-type-base"]
                .as_i64()
                .map_or(type_base, i128::from);
            self.check(c_name(prefix, name), own - base, "operations".into());
        }
        for (name, v) in reply_values {
            if !own_values.contains(&v) {
                self.problem(format!("op {name}: reply value {v} is no op's own value"));
            }
        }
    }
}

fn spec_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dissectors");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

fn check_file(path: &Path) -> Report {
    let file = path
        .file_name()
        .and_then(|f| f.to_str())
        .unwrap_or("?")
        .to_string();
    let src = fs::read_to_string(path).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert!(
        src.starts_with("# SPDX-License-Identifier: "),
        "{file}: YNL specs start with an SPDX line"
    );
    let docs = YamlLoader::load_from_str(&src).unwrap_or_else(|e| panic!("{file}: {e}"));
    let [doc] = docs.as_slice() else {
        panic!("{file}: expected exactly one YAML document");
    };
    Spec::new(file, doc).run()
}

fn allowed(file: &str, cname: &str) -> bool {
    ALLOWLIST
        .iter()
        .any(|(f, n, _)| file.trim_end_matches(".yaml") == *f && *n == cname)
}

#[test]
fn specs_match_uapi_headers() {
    let headers = load_headers();
    assert!(
        headers.values.len() > 5000,
        "only {} constants parsed from {} headers: the header parser is broken",
        headers.values.len(),
        headers.files
    );
    let files = spec_files();
    assert!(files.len() >= 9, "expected the rtnetlink and nlctrl specs");
    let mut failures = Vec::new();
    let mut total = 0;
    for path in &files {
        let file = path.file_name().and_then(|f| f.to_str()).unwrap_or("?");
        let report = check_file(path);
        failures.extend(report.problems);
        for (cname, value, at) in report.checks {
            total += 1;
            // A few C names are mixed case (ETHTOOL_A_CABLE_AMPLITUDE_mV):
            // the upper-cased YNL name then matches them ignoring case.
            let vals = headers.values.get(&cname).or_else(|| {
                headers
                    .values
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(&cname))
                    .map(|(_, v)| v)
            });
            match vals {
                Some(vals) if vals.contains(&value) => {}
                Some(vals) => failures.push(format!(
                    "{file}: {at}: {cname} is {value} in the spec but {vals:?} in the headers"
                )),
                None if allowed(file, &cname) => {}
                None => failures.push(format!("{file}: {at}: {cname} is in no header")),
            }
        }
    }
    assert!(total > 1000, "only {total} names checked");
    assert!(
        failures.is_empty(),
        "{} spec/header mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The specs follow the Linux 6.12 uapi headers (netdev.h, dpll.h and
/// handshake.h first appear in them); older headers would make the
/// allowlist wrong, so say which package to install instead.
#[test]
fn headers_are_linux_6_12_or_newer() {
    let path = Path::new(INCLUDE).join("linux/version.h");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}; install linux-libc-dev (>= 6.12, bookworm-backports on Debian 12, see .ci/run)",
            path.display()
        )
    });
    let field = |name: &str| -> u32 {
        text.lines()
            .find_map(|l| {
                l.strip_prefix("#define ")?
                    .strip_prefix(name)?
                    .trim()
                    .parse()
                    .ok()
            })
            .unwrap_or(0)
    };
    let (major, minor) = (
        field("LINUX_VERSION_MAJOR"),
        field("LINUX_VERSION_PATCHLEVEL"),
    );
    assert!(
        (major, minor) >= (6, 12),
        "uapi headers are Linux {major}.{minor}; the specs need 6.12 or newer \
         (Debian 12: apt-get install -t bookworm-backports linux-libc-dev, as .ci/run does)"
    );
}

#[test]
fn allowlist_entries_are_needed() {
    let headers = load_headers();
    let mut stale = Vec::new();
    for (file, name, reason) in ALLOWLIST {
        assert!(
            !reason.is_empty(),
            "{file}/{name}: allowlist needs a reason"
        );
        if headers.values.contains_key(*name) {
            stale.push(format!("{file}/{name}"));
        }
    }
    assert!(
        stale.is_empty(),
        "{} allowlist entries are now in the headers, drop them:\n{}",
        stale.len(),
        stale.join("\n")
    );
}

// --- the checker itself must catch drift -----------------------------------

fn headers_from(text: &str) -> HashMap<String, BTreeSet<i128>> {
    let mut known = HashMap::new();
    let mut values: HashMap<String, BTreeSet<i128>> = HashMap::new();
    for item in parse_items(text) {
        match item {
            Item::Define(n, e) => {
                if let Some(v) = eval(&e, &known) {
                    known.insert(n.clone(), v);
                    values.entry(n).or_default().insert(v);
                }
            }
            Item::Enum(members) => {
                let mut next = Some(0);
                for (n, e) in members {
                    let v = match e {
                        Some(e) => eval(&e, &known),
                        None => next,
                    };
                    if let Some(v) = v {
                        known.insert(n.clone(), v);
                        values.entry(n).or_default().insert(v);
                    }
                    next = v.map(|v| v + 1);
                }
            }
        }
    }
    values
}

#[test]
fn header_parser_handles_c_enum_forms() {
    let h = headers_from(
        "/* c */ #define A_BASE 0x10 // tail\n\
         #define A_NEXT (A_BASE + 2)\n\
         #define A_FN(x) ((x) + 1)\n\
         #define A_SHIFT (1U << 4)\n\
         enum foo {\n  F_ZERO,\n  F_ONE,\n#define F_ONE F_ONE\n  F_TEN = 10,\n  F_ELEVEN,\n  \
         F_ALIAS = F_ONE, /* alias */\n  F_NEG = -1,\n  F_AFTER,\n};\n\
         enum { G_A = 1 << 3, G_B = A_BASE | 0x1, G_C = (int)7 };",
    );
    let get = |n: &str| h.get(n).and_then(|s| s.iter().next().copied());
    assert_eq!(get("A_BASE"), Some(16));
    assert_eq!(get("A_NEXT"), Some(18));
    assert_eq!(get("A_FN"), None);
    assert_eq!(get("A_SHIFT"), Some(16));
    assert_eq!(get("F_ZERO"), Some(0));
    assert_eq!(get("F_ONE"), Some(1));
    assert_eq!(get("F_TEN"), Some(10));
    assert_eq!(get("F_ELEVEN"), Some(11));
    assert_eq!(get("F_ALIAS"), Some(1));
    assert_eq!(get("F_NEG"), Some(-1));
    assert_eq!(get("F_AFTER"), Some(0));
    assert_eq!(get("G_A"), Some(8));
    assert_eq!(get("G_B"), Some(17));
    assert_eq!(get("G_C"), Some(7));
}

fn checks_of(yaml: &str) -> Report {
    let docs = YamlLoader::load_from_str(yaml).expect("test YAML parses");
    Spec::new("t.yaml".into(), &docs[0]).run()
}

#[test]
fn spec_numbering_follows_ynl_rules() {
    let r = checks_of(
        "name: t\nprotocol: netlink-raw\nprotonum: 0\ndoc: x\n\
         definitions:\n\
         \x20 - {name: e, type: enum, name-prefix: e-, value-start: 2, entries: [a, b, {name: c, value: 9}, d]}\n\
         \x20 - {name: f, type: flags, name-prefix: f-, entries: [x, y, {name: z, value: 7}]}\n\
         \x20 - {name: h, type: struct, members: [{name: m, type: u8, enum: e}]}\n\
         attribute-sets:\n\
         \x20 - name: s\n    name-prefix: s-\n    attributes:\n\
         \x20     - {name: one, type: u32}\n\
         \x20     - {name: two, type: nest, nested-attributes: s}\n\
         \x20     - {name: five, type: u8, value: 5}\n\
         \x20     - {name: six, type: binary, struct: h}\n\
         operations:\n  enum-model: directional\n  name-prefix: op-\n  list:\n\
         \x20   - {name: new, doc: d, attribute-set: s, fixed-header: h, do: {request: {value: 16, attributes: [one]}}}\n\
         \x20   - {name: get, doc: d, attribute-set: s, dump: {request: {value: 18, attributes: []}, reply: {value: 16, attributes: [two]}}}\n",
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let got: Vec<(String, i128)> = r.checks.into_iter().map(|(n, v, _)| (n, v)).collect();
    let want: Vec<(String, i128)> = [
        ("E_A", 2),
        ("E_B", 3),
        ("E_C", 9),
        ("E_D", 10),
        ("F_X", 1),
        ("F_Y", 2),
        ("F_Z", 128),
        ("S_ONE", 1),
        ("S_TWO", 2),
        ("S_FIVE", 5),
        ("S_SIX", 6),
        ("OP_NEW", 16),
        ("OP_GET", 18),
    ]
    .iter()
    .map(|(n, v)| (n.to_string(), *v))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn dangling_references_are_reported() {
    let r = checks_of(
        "name: t\nprotocol: netlink-raw\nprotonum: 0\ndoc: x\n\
         attribute-sets:\n\
         \x20 - name: s\n    name-prefix: s-\n    attributes:\n\
         \x20     - {name: a, type: nest, nested-attributes: nope}\n\
         \x20     - {name: b, type: binary, struct: nostruct}\n\
         \x20     - {name: c, type: u8, enum: noenum}\n\
         \x20     - {name: d, type: sub-message, sub-message: nomsg, selector: zz}\n\
         operations:\n  enum-model: directional\n  name-prefix: op-\n  list:\n\
         \x20   - {name: new, doc: d, attribute-set: s, fixed-header: nohdr, do: {request: {value: 16, attributes: [q]}, reply: {value: 99, attributes: []}}}\n",
    );
    let all = r.problems.join("\n");
    for needle in [
        "nested-attributes nope",
        "struct nostruct",
        "enum noenum",
        "sub-message Some(\"nomsg\")",
        "selector zz",
        "fixed-header nohdr",
        "no attribute q",
        "reply value 99",
    ] {
        assert!(all.contains(needle), "missing {needle:?} in:\n{all}");
    }
}

#[test]
fn nfnetlink_type_base_is_taken_off_before_comparing() {
    let r = checks_of(
        "name: t\nprotocol: netlink-raw\nprotonum: 12\ndoc: x\n\
         attribute-sets:\n\
         \x20 - name: s\n    name-prefix: s-\n    attributes:\n\
         \x20     - {name: one, type: u32}\n\
         operations:\n  enum-model: directional\n  name-prefix: op-\n  nldump-type-base: 0xa00\n  list:\n\
         \x20   - {name: new, doc: d, attribute-set: s, do: {request: {value: 0xa00, attributes: [one]}}}\n\
         \x20   - {name: get, doc: d, attribute-set: s, dump: {request: {value: 0xa01, attributes: []}, reply: {value: 0xa00, attributes: [one]}}}\n",
    );
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    let ops: Vec<(String, i128)> = r
        .checks
        .into_iter()
        .filter(|(_, _, at)| at == "operations")
        .map(|(n, v, _)| (n, v))
        .collect();
    assert_eq!(
        ops,
        vec![("OP_NEW".to_string(), 0), ("OP_GET".to_string(), 1)]
    );
}
