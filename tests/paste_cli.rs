//! Content tests for pastes, run through the nldump binary:
//!
//! * for strace logs that hold both strace's own decoding and `-e read/write`
//!   hex dumps, the message types nldump decodes from the dumps must be the
//!   ones strace printed on the same syscall line;
//! * every corpus hex vector decodes, as the type its comment names;
//! * the paste hints (`--family`, `--type`, `--byte-order`), malformed
//!   pastes and stdin.
//!
//! Numbers behind names come from the kernel headers in /usr/include/linux,
//! never from nldump's own tables.

mod common;

use common::json::count_attrs;
use serde_json::Value;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn nldump(args: &[&str], stdin: Option<&[u8]>) -> (String, String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nldump"))
        .current_dir(root())
        .args(args)
        .args(["--color", "never"])
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run nldump");
    if let (Some(data), Some(mut w)) = (stdin, child.stdin.take()) {
        w.write_all(data).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "nldump {args:?} panicked: {err}");
    (
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        err,
        out.status.code().unwrap_or(-1),
    )
}

fn json_lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn tmp_file(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f
}

// ---------------------------------------------------------------------------
// Names → numbers from the kernel headers.

/// `#define NAME NUMBER` and enum members (explicit `= value` or the previous
/// one plus 1) of the given headers.
fn header_constants(files: &[&str]) -> HashMap<String, i64> {
    let mut map = HashMap::new();
    for f in files {
        let text = std::fs::read_to_string(format!("/usr/include/linux/{f}"))
            .unwrap_or_else(|e| panic!("/usr/include/linux/{f}: {e} (install linux-libc-dev)"));
        // Strip comments.
        let mut clean = String::new();
        let mut rest = text.as_str();
        while let Some(p) = rest.find("/*") {
            clean.push_str(&rest[..p]);
            rest = rest[p..].find("*/").map_or("", |e| &rest[p + e + 2..]);
        }
        clean.push_str(rest);
        let mut in_enum = false;
        let mut next = 0i64;
        for line in clean.lines() {
            let t = line.trim();
            if let Some(d) = t.strip_prefix("#define") {
                let mut it = d.split_whitespace();
                if let (Some(n), Some(v)) = (it.next(), it.next()) {
                    if let Some(v) = value(v, &map) {
                        map.insert(n.to_string(), v);
                    }
                }
                continue;
            }
            if t.starts_with('#') {
                continue;
            }
            if t.starts_with("enum") && t.contains('{') {
                in_enum = true;
                next = 0;
                continue;
            }
            if in_enum {
                if t.starts_with('}') {
                    in_enum = false;
                    continue;
                }
                for item in t.split(',') {
                    let item = item.trim();
                    if item.is_empty() {
                        continue;
                    }
                    let (name, v) = match item.split_once('=') {
                        Some((n, v)) => (n.trim(), value(v.trim(), &map).unwrap_or(next)),
                        None => (item, next),
                    };
                    if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                        map.insert(name.to_string(), v);
                        next = v + 1;
                    }
                }
            }
        }
    }
    map
}

fn value(v: &str, known: &HashMap<String, i64>) -> Option<i64> {
    let v = v.trim().trim_matches(|c| c == '(' || c == ')');
    if let Some(h) = v.strip_prefix("0x") {
        return i64::from_str_radix(h, 16).ok();
    }
    v.parse().ok().or_else(|| known.get(v).copied())
}

/// The number behind what strace printed as `nlmsg_type=`: a name, a number
/// with a `/* NLMSG_??? */` comment, or `SUBSYS<<8|MSG` for netfilter.
/// None for generic netlink family names (their ids are dynamic).
fn strace_type_number(t: &str, consts: &HashMap<String, i64>) -> Option<i64> {
    let t = t.split("/*").next().unwrap_or(t).trim();
    if let Some((hi, lo)) = t.split_once("<<8|") {
        return Some((value(hi, consts)? << 8) | value(lo, consts)?);
    }
    value(t, consts)
}

// ---------------------------------------------------------------------------
// strace's decoded lines vs nldump's decoding of the dumps.

/// The top-level `nlmsg_type=` values strace printed on one syscall line, in
/// order, skipping the request echoed inside an NLMSG_ERROR (`msg={…` or
/// `msg=[{…`) and zero-length "messages" (the zeroed tail of iproute2's
/// request buffer: the kernel stops at an `nlmsg_len` below 16, and so does
/// nldump, which shows it as padding).
fn strace_types(line: &str) -> Vec<String> {
    let mut types = Vec::new();
    let mut at = 0;
    while let Some(p) = line[at..].find("{nlmsg_len=") {
        let start = at + p;
        at = start + 1;
        let before = &line[..start];
        if before.ends_with("msg=") || before.ends_with("msg=[") {
            continue;
        }
        let rest = &line[start..];
        if rest.starts_with("{nlmsg_len=0,") {
            continue;
        }
        let Some(tp) = rest.find("nlmsg_type=") else {
            continue;
        };
        let v = &rest[tp + "nlmsg_type=".len()..];
        let end = v.find(", nlmsg_flags=").unwrap_or(v.len());
        types.push(v[..end].trim().to_string());
    }
    types
}

/// `line 12` or `line 12, pid 345` → 12.
fn origin_line(origin: &str) -> usize {
    origin
        .strip_prefix("line ")
        .and_then(|r| r.split(',').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("origin {origin:?}"))
}

#[test]
fn message_types_match_what_strace_printed() {
    let consts = header_constants(&[
        "netlink.h",
        "rtnetlink.h",
        "sock_diag.h",
        "netfilter/nfnetlink.h",
        "netfilter/nf_tables.h",
    ]);
    assert_eq!(consts.get("RTM_GETQDISC"), Some(&38), "header parser");
    assert_eq!(consts.get("NFT_MSG_GETGEN"), Some(&16), "header parser");
    let logs = [
        "ip_link.rw.txt",
        "ip_link.f-tt.txt",
        "ip_addr.rw.txt",
        "tc.rw.txt",
        "ss.rw.txt",
        "ss.yy.txt",
        "nft.rw.txt",
        "ethtool.rw.txt",
        "genl.rw.txt",
    ];
    let mut checked = 0;
    let mut unnamed: Vec<String> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    for log in logs {
        let path = format!("samples/paste/{log}");
        let text = std::fs::read_to_string(root().join(&path)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let (out, err, code) = nldump(&["-r", &path, "--json"], None);
        assert_eq!(code, 0, "{log}: {err}");
        // Group nldump's messages by the syscall line their frame came from.
        let mut by_frame: Vec<(usize, Vec<Value>)> = Vec::new();
        for m in json_lines(&out) {
            let line = origin_line(m["origin"].as_str().expect("paste frames have an origin"));
            match by_frame.last_mut() {
                Some((l, v)) if *l == line && v[0]["frame"] == m["frame"] => v.push(m),
                _ => by_frame.push((line, vec![m])),
            }
        }
        assert!(!by_frame.is_empty(), "{log}: no frames");
        for (line, msgs) in by_frame {
            let strace = strace_types(lines[line - 1]);
            let ours: Vec<String> = msgs
                .iter()
                .map(|m| match &m["type"] {
                    Value::String(s) => s.clone(),
                    _ => format!("#{}", m["type_id"]),
                })
                .collect();
            if strace.len() != ours.len() {
                failures.push(format!(
                    "{log} line {line}: strace printed {strace:?}, nldump decoded {ours:?}"
                ));
                continue;
            }
            for ((s, m), o) in strace.iter().zip(&msgs).zip(&ours) {
                checked += 1;
                let id = m["type_id"].as_i64().unwrap();
                let generic = m["family"] == "generic" && id >= 0x10;
                match strace_type_number(s, &consts) {
                    Some(n) if n != id => failures.push(format!(
                        "{log} line {line}: strace says {s} ({n}), nldump type_id {id}"
                    )),
                    None if !generic => failures.push(format!(
                        "{log} line {line}: strace's {s} is not in the headers"
                    )),
                    _ => {}
                }
                let strace_named =
                    !s.contains("/*") && !s.starts_with(|c: char| c.is_ascii_digit());
                if m["type"].is_null() {
                    // nldump has no name for it: the number matched above.
                    unnamed.push(format!("{log} line {line}: {s} (nldump: {o})"));
                } else if strace_named
                    // strace spells nfnetlink types SUBSYS<<8|MSG; nldump names the MSG
                    && o != s.rsplit_once("<<8|").map_or(s.as_str(), |(_, n)| n)
                {
                    failures.push(format!(
                        "{log} line {line}: strace says {s}, nldump says {o}"
                    ));
                }
            }
        }
    }
    eprintln!(
        "checked {checked} messages; {} have no name in nldump (numbers agree):\n  {}",
        unnamed.len(),
        unnamed.join("\n  ")
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 60, "only {checked} messages compared");
    // Only families without a spec (sock_diag, nftables) may lack names.
    for u in &unnamed {
        assert!(
            u.starts_with("ss.") || u.starts_with("nft."),
            "unexpectedly unnamed: {u}"
        );
    }
}

#[test]
fn strace_type_extraction_skips_echoed_requests() {
    let line = "recvmsg(3, {msg_iov=[{iov_base=[{nlmsg_len=52, nlmsg_type=NLMSG_ERROR, \
                nlmsg_flags=0, nlmsg_seq=0, nlmsg_pid=1}, {error=-ENODEV, msg=[{nlmsg_len=32, \
                nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK, nlmsg_seq=0, \
                nlmsg_pid=0}, {ifi_family=AF_UNSPEC}]}], iov_len=16384}]}, 0) = 52";
    assert_eq!(strace_types(line), ["NLMSG_ERROR"]);
    let capped = "[{nlmsg_len=36, nlmsg_type=NLMSG_ERROR, nlmsg_flags=NLM_F_CAPPED}, \
                  {error=0, msg={nlmsg_len=32, nlmsg_type=nlctrl, nlmsg_flags=NLM_F_REQUEST}}]";
    assert_eq!(strace_types(capped), ["NLMSG_ERROR"]);
    let two = "[[{nlmsg_len=24, nlmsg_type=RTM_GETADDR, nlmsg_flags=NLM_F_REQUEST}, {}], \
               {nlmsg_len=0, nlmsg_type=0 /* NLMSG_??? */, nlmsg_flags=0}]";
    assert_eq!(strace_types(two), ["RTM_GETADDR"]);
}

// ---------------------------------------------------------------------------
// Corpus hex vectors.

/// Interface names the comments of ifinfomsg vectors give, read by hand.
/// `None`: the comment names an interface but the message does not carry
/// IFLA_IFNAME (a request addressed by ifi_index, a PROP_LIST-only message,
/// a notification without it); the test checks it is absent.
const IFNAMES: &[(&str, Option<&str>)] = &[
    ("test_bridge_boolean_options.txt", None),
    ("test_bridge_boolean_options_fdb_local_vlan_0.txt", None),
    ("test_bridge_netns_immutable.txt", Some("virbr0")),
    ("test_create_erspan_v1.txt", Some("foo")),
    ("test_create_erspan_v2.txt", Some("foo")),
    ("test_create_gre.txt", Some("foo")),
    ("test_create_gre6.txt", Some("foo")),
    ("test_create_gre6_external.txt", Some("foo")),
    ("test_create_gre6_with_link.txt", Some("foo")),
    ("test_create_gre6tap.txt", Some("foo")),
    ("test_create_gre6tap_external.txt", Some("foo")),
    ("test_create_gre_external.txt", Some("foo")),
    ("test_create_gre_with_link.txt", Some("bar")),
    ("test_create_gretap.txt", Some("foo")),
    ("test_create_gretap_external.txt", Some("foo")),
    ("test_create_ip6erspan_v1.txt", Some("foo")),
    ("test_create_ip6erspan_v2.txt", Some("foo")),
    (
        "test_create_ipoib_with_pkey_and_mode.txt",
        Some("veth1.8001"),
    ),
    ("test_create_netkit.txt", Some("nktest0")),
    ("test_create_vxcan.txt", Some("vxcan0")),
    ("test_create_vxlan_with_mcroute.txt", Some("vxlan0")),
    ("test_geneve_link_local.txt", Some("geneve4")),
    ("test_geneve_link_local6.txt", Some("geneve6")),
    (
        "test_link_info_with_ifla_vrf_port_table.txt",
        Some("veth20"),
    ),
    ("test_macvlan_modify_mac_addr_mode.txt", None),
    ("test_macvtap_modify_mac_addr_mode.txt", None),
    ("test_parse_link_bridge_port_neigh_forward_grat.txt", None),
    ("test_parse_link_bridge_stp_mode.txt", Some("brstp0")),
    ("test_parsing_link_amt_gateway.txt", None),
    ("test_parsing_link_bareudp_basic.txt", Some("bareudp0")),
    ("test_parsing_link_batadv_with_ra.txt", Some("bat0")),
    ("test_parsing_link_can_add.txt", Some("can0")),
    ("test_parsing_link_gtp.txt", Some("gtp0")),
    ("test_parsing_link_pfcp.txt", Some("pfcp0")),
    ("test_parsing_link_rmnet.txt", Some("rm0")),
    ("test_parsing_link_statistics.txt", Some("wlan0")),
    (
        "test_parsing_link_statistics_on_kernel_4_18.txt",
        Some("ens3"),
    ),
    ("test_parsing_link_wireguard.txt", Some("cn")),
    ("test_parsing_link_wwan_add.txt", Some("wwan0p")),
    ("test_parsing_link_wwan_show.txt", Some("wwan1")),
    ("test_show_netdevsim.txt", Some("sim0")),
    ("test_show_vcan.txt", Some("vcan1")),
    ("test_vxcan_get_link_info.txt", Some("vxcan0")),
    ("test_wlan0_with_prop_altname.txt", None),
];

/// ifinfomsg vectors whose comment names no interface for the message
/// itself (amt_relay names none; bond_port_ad names the bond master, and
/// the message is about a port whose name the comment does not give).
const NO_IFNAME_GIVEN: &[&str] = &[
    "test_parsing_link_amt_relay.txt",
    "test_parsing_link_bond_port_ad.txt",
];

/// Arguments and the expected first message type, from the comment on
/// line 1 (and, for tcmsg, the file name: filters or qdiscs).
fn corpus_expectation(name: &str, comment: &str) -> (Vec<String>, String) {
    let route = |t: &str| {
        (
            vec!["--family".into(), "route".into(), "--type".into(), t.into()],
            t.to_string(),
        )
    };
    if comment.contains("KOBJECT_UEVENT") {
        let t = if comment.contains("libudev-format") {
            "libudev"
        } else {
            "uevent"
        };
        return (vec!["--family".into(), "kobject_uevent".into()], t.into());
    }
    if comment.starts_with("# full nlmsg") {
        let fam = if comment.contains("NETLINK_GENERIC") {
            "generic"
        } else {
            "route"
        };
        let t = if comment.contains("nl80211") {
            "#genl" // checked separately: family id and command number
        } else if comment.contains("RTM_NEWADDR") {
            "RTM_NEWADDR"
        } else if comment.contains("[the response packet]") {
            "NLMSG_ERROR"
        } else if comment.contains("ip link add") {
            "RTM_NEWLINK"
        } else if comment.contains("ip link show") {
            "RTM_GETLINK"
        } else {
            panic!("{name}: no expectation for {comment}")
        };
        let mut args: Vec<String> = vec!["--family".into(), fam.into()];
        // The comment gives the id the capture's nlctrl lookup returned;
        // name it the way a user would (--genl ID=NAME).
        if let Some(id) = comment
            .split("family id ")
            .nth(1)
            .and_then(|r| r.split(')').next())
        {
            args.push("--genl".into());
            args.push(format!("{id}=nl80211"));
        }
        return (args, t.into());
    }
    let header = comment
        .split("starts with rtnetlink ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_else(|| panic!("{name}: {comment}"));
    match header {
        "ifinfomsg" => route("RTM_NEWLINK"),
        "ifaddrmsg" => route("RTM_NEWADDR"),
        "rtmsg" => route("RTM_NEWROUTE"),
        "ndmsg" => route("RTM_NEWNEIGH"),
        "ndtmsg" => route("RTM_NEWNEIGHTBL"),
        "fib_rule_hdr" => route("RTM_NEWRULE"),
        "tcamsg" => route("RTM_NEWACTION"),
        "tcmsg" if name.contains("filter") => route("RTM_NEWTFILTER"),
        "tcmsg" => route("RTM_NEWQDISC"),
        "if_stats_msg" => route("RTM_NEWSTATS"),
        other => panic!("{name}: unexpected header {other}"),
    }
}

#[test]
fn corpus_hex_vectors_decode_as_their_comments_say() {
    let nl80211 = header_constants(&["nl80211.h"]);
    let dir = root().join("samples/paste/corpus-hex");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 120);
    let (mut named, mut all) = (0usize, 0usize);
    let mut ifname_checked = 0;
    let mut failures = Vec::new();
    for name in &names {
        let rel = format!("samples/paste/corpus-hex/{name}");
        let text = std::fs::read_to_string(root().join(&rel)).unwrap();
        let comment = text.lines().next().unwrap();
        let (args, want) = corpus_expectation(name, comment);
        let mut argv: Vec<&str> = vec!["--hex", &rel, "--json"];
        argv.extend(args.iter().map(String::as_str));
        let (out, err, code) = nldump(&argv, None);
        if code != 0 && code != 1 {
            failures.push(format!("{name}: exit {code}: {err}"));
            continue;
        }
        let msgs = json_lines(&out);
        let Some(first) = msgs.first() else {
            failures.push(format!("{name}: no message"));
            continue;
        };
        let (n0, a0) = (named, all);
        for m in &msgs {
            count_attrs(&m["attrs"], &mut named, &mut all);
        }
        if all - a0 != named - n0 {
            eprintln!(
                "{name}: {} of {} attributes unnamed",
                (all - a0) - (named - n0),
                all - a0
            );
        }
        let got = match &first["type"] {
            Value::String(s) => s.clone(),
            _ => format!("#{}", first["type_id"]),
        };
        if want == "#genl" {
            // nl80211: the family id is in the comment; the command from nl80211.h.
            let id = if comment.contains("family id 0x1b") {
                0x1b
            } else {
                0x1c
            };
            let cmd = if comment.contains("NL80211_CMD_NEW_INTERFACE") {
                nl80211["NL80211_CMD_NEW_INTERFACE"]
            } else {
                nl80211["NL80211_CMD_NEW_SCAN_RESULTS"]
            };
            if first["type_id"] != id || first["genl"]["cmd_id"] != cmd {
                failures.push(format!(
                    "{name}: want family id {id:#x} cmd {cmd}, got {} {}",
                    first["type_id"], first["genl"]
                ));
            }
        } else if got != want {
            failures.push(format!("{name}: first message is {got}, want {want}"));
        }
        if let Some((_, want_if)) = IFNAMES.iter().find(|(f, _)| name.ends_with(f)) {
            ifname_checked += 1;
            let ifname: Vec<&Value> = first["attrs"]
                .as_array()
                .map(|a| a.iter().filter(|n| n["name"] == "IFLA_IFNAME").collect())
                .unwrap_or_default();
            let got_if = ifname.first().and_then(|n| n["value"].as_str());
            if got_if != *want_if {
                failures.push(format!(
                    "{name}: IFLA_IFNAME {got_if:?}, the comment gives {want_if:?}"
                ));
            }
        } else if comment.contains("ifinfomsg")
            && !NO_IFNAME_GIVEN.iter().any(|f| name.ends_with(f))
        {
            failures.push(format!("{name}: ifinfomsg vector missing from IFNAMES"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(ifname_checked, IFNAMES.len());
    assert!(all > 0);
    eprintln!(
        "corpus hex vectors: {named} of {all} attributes named ({:.1}%)",
        named as f64 * 100.0 / all as f64
    );
}

// ---------------------------------------------------------------------------
// Hints, malformed pastes, stdin.

#[test]
fn family_option_overrides_the_guess() {
    let (out, err, code) = nldump(&["--hex", "samples/paste/fmt.xxd.txt", "--json"], None);
    assert_eq!(code, 0);
    let m = &json_lines(&out)[0];
    assert_eq!(m["family"], "route");
    assert_eq!(m["family_guessed"], true);
    assert_eq!(m["type"], "RTM_GETLINK");
    assert!(
        err.contains("the family was guessed from the content"),
        "{err}"
    );

    let (out, err, code) = nldump(
        &[
            "--hex",
            "samples/paste/fmt.xxd.txt",
            "--json",
            "--family",
            "route",
        ],
        None,
    );
    assert_eq!(code, 0);
    let m = &json_lines(&out)[0];
    assert_eq!(m["family"], "route");
    assert_ne!(m["family_guessed"], true);
    assert!(!err.contains("guessed"), "{err}");

    // Told it is generic netlink, the same bytes are no RTM_GETLINK.
    let (out, err, _) = nldump(
        &[
            "--hex",
            "samples/paste/fmt.xxd.txt",
            "--json",
            "--family",
            "generic",
        ],
        None,
    );
    let m = &json_lines(&out)[0];
    assert_eq!(m["family"], "generic");
    assert_eq!(m["type_id"], 18);
    assert_ne!(m["type"], "RTM_GETLINK");
    assert!(!err.contains("guessed"), "{err}");
}

#[test]
fn byte_order_big_decodes_a_byte_swapped_paste() {
    let f = "tests/golden_paste/inputs/xxd-big-endian.txt";
    for args in [
        vec!["--hex", f, "--json", "--byte-order", "big"],
        vec!["--hex", f, "--json"], // detected from nlmsg_len
    ] {
        let (out, err, code) = nldump(&args, None);
        assert_eq!(code, 0, "{args:?}: {err}");
        let m = &json_lines(&out)[0];
        assert_eq!(m["type"], "RTM_GETLINK", "{args:?}");
        assert_eq!(m["len"], 48);
        assert_eq!(m["seq"], 1795508222u32);
        assert_eq!(m["flags"], serde_json::json!(["REQUEST"]));
        let attrs = m["attrs"].as_array().unwrap();
        assert_eq!(attrs[0]["name"], "IFLA_EXT_MASK");
        assert_eq!(attrs[0]["raw"], 9);
        assert_eq!(attrs[1]["name"], "IFLA_IFNAME");
        assert_eq!(attrs[1]["value"], "lo");
    }
    // Forced little-endian, the same bytes are malformed.
    let (_, _, code) = nldump(&["--hex", f, "--byte-order", "little"], None);
    assert_eq!(code, 1);
}

const GETLINK_LINES: [&str; 3] = [
    "3000000012000100fe47056b00000000",
    "00000000000000000000000000000000",
    "08001d000900000007000300 6c6f0000",
];

#[test]
fn odd_digit_count_names_the_line_and_keeps_the_rest() {
    let text = format!(
        "{}\n{}\n{}0\n",
        GETLINK_LINES[0], GETLINK_LINES[1], GETLINK_LINES[2]
    );
    let f = tmp_file(&text);
    let p = f.path().to_str().unwrap();
    let (out, err, code) = nldump(&["--hex", p, "--json"], None);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "line 3: column 26: odd number of hex digits (9) in `6c6f00000`; its last digit `0` was left out"
        ),
        "{err}"
    );
    let m = &json_lines(&out)[0];
    assert_eq!(m["type"], "RTM_GETLINK");
    assert_eq!(m["attrs"][1]["value"], "lo");
    assert_eq!(m["problems"], serde_json::json!([]));
}

#[test]
fn xxd_with_stray_text_keeps_the_bytes_and_names_the_line() {
    let text = "\
00000000: 3000 0000 1200 0100 fe47 056b 0000 0000  0........G.k....
see the reply below, it fails
00000010: 0000 0000 0000 0000 0000 0000 0000 0000  ................
00000020: 0800 1d00 0900 0000 0700 0300 6c6f 0000  ............lo..
";
    let f = tmp_file(text);
    let (out, err, code) = nldump(&["--hex", f.path().to_str().unwrap(), "--json"], None);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("line 2: not hex, line ignored: `see the reply below, it fails`"),
        "{err}"
    );
    let msgs = json_lines(&out);
    assert_eq!(msgs.len(), 1);
    assert_eq!(msgs[0]["type"], "RTM_GETLINK");
    assert_eq!(msgs[0]["len"], 48);
    assert_eq!(msgs[0]["attrs"][1]["value"], "lo");
    assert_eq!(msgs[0]["origin"], "line 1");
}

#[test]
fn hex_dash_reads_stdin() {
    let text = GETLINK_LINES.join("\n");
    let (out, err, code) = nldump(&["--hex", "-", "--family", "route"], Some(text.as_bytes()));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("1 route -> RTM_GETLINK flags=REQUEST seq=1795508222 pid=0 len=48 "),
        "{out}"
    );
    assert!(out.contains("IFLA_IFNAME=\"lo\""), "{out}");
    // -r - recognises a paste on stdin too.
    let (out, _, code) = nldump(&["-r", "-", "--family", "route"], Some(text.as_bytes()));
    assert_eq!(code, 0);
    assert!(out.contains("RTM_GETLINK"));
}

// ---------------------------------------------------------------------------
// Dissector problems found while checking pastes (not fixed here).

/// A successful ACK echoes only the request's header: "followed by the
/// message contents unless NETLINK_CAP_ACK was set or the ACK indicates
/// success (error == 0)" (linux/netlink.h, struct nlmsgerr). Kernels before
/// NLM_F_CAPPED (this pyroute2 vector is from 2015) do not set the flag.
/// src/dissect/control.rs `error()` only treats NLM_F_CAPPED as capped and
/// reports "echoed request says nlmsg_len 132 but only 16 bytes follow".
#[test]
fn success_ack_echoing_only_the_header_is_not_malformed() {
    let (out, err, code) = nldump(
        &[
            "--hex",
            "samples/paste/corpus-hex/pyroute2__gre_01_2.txt",
            "--family",
            "route",
            "--json",
        ],
        None,
    );
    let m = &json_lines(&out)[0];
    assert_eq!(m["type"], "NLMSG_ERROR");
    assert_eq!(m["error"]["errno"], 0);
    assert_eq!(m["problems"], serde_json::json!([]), "{err}");
    assert_eq!(code, 0);
}

/// nlwrite.py sends an attribute of type 0x7ff0: NLA_F_NET_BYTEORDER
/// (0x4000) | 0x3ff0. nldump shows `0x3ff0 /* IFLA_??? */` and JSON
/// `"type":16368`, so the flag bit is lost (NLA_F_NESTED is kept as
/// `NLA_F_NESTED|0x3e`). Unknown bits must stay visible.
#[test]
fn net_byteorder_flag_of_an_unknown_attribute_is_shown() {
    let (out, _, _) = nldump(&["-r", "samples/paste/nlwrite.txt", "-c", "1"], None);
    assert!(out.contains("NLA_F_NET_BYTEORDER|0x3ff0"), "{out}");
}

/// RTM_NEWSTATS (92, linux/rtnetlink.h) is named by dissectors/rt-stats.yaml,
/// so `--type RTM_NEWSTATS` decodes the if_stats_msg corpus vectors.
#[test]
fn type_rtm_newstats_is_known() {
    let (out, err, code) = nldump(
        &[
            "--hex",
            "samples/paste/corpus-hex/rust-netlink-packet-route__test_parsing_combined_stats.txt",
            "--family",
            "route",
            "--type",
            "RTM_NEWSTATS",
            "--json",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(json_lines(&out)[0]["type"], "RTM_NEWSTATS");
}
