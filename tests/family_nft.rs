//! nftables over nfnetlink (dissectors/nftables.yaml, nfnetlink.yaml):
//! golden outputs of the nft samples, and decoded content checked against
//! what the commands said (the nft script in scripts/make-samples.sh, `nft
//! list ruleset`, `nft monitor trace`, nft's error message) and the uapi
//! headers. Regenerate the golden files with
//! `NLDUMP_BLESS=1 cargo test --test family_nft` and read the diff.

mod common;

use std::path::PathBuf;

/// (capture, extra arguments, golden file name)
const CASES: &[(&str, &[&str], &str)] = &[
    ("samples/nft-ruleset.pcap", &[], "nft-ruleset.txt"),
    ("samples/nft-ruleset.pcap", &["-v"], "nft-ruleset.v.txt"),
    ("samples/nft-ruleset.pcap", &["--json"], "nft-ruleset.jsonl"),
    ("samples/nft-monitor.pcap", &[], "nft-monitor.txt"),
    ("samples/nft-monitor.pcap", &["--json"], "nft-monitor.jsonl"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn nldump(capture: &str, args: &[&str]) -> String {
    let path = root().join(capture);
    let mut all = vec!["-r", path.to_str().expect("utf-8 path")];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--color", "never"]);
    let out = common::run(&all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{capture} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn nft_golden_outputs() {
    let mut failures = Vec::new();
    for (capture, args, golden) in CASES {
        let out = nldump(capture, args);
        let path = root().join("tests/golden").join(golden);
        common::golden_check(&path, golden, &out, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The `-v` lines of frame `n` (its header line and its tree).
fn frame<'a>(v: &'a str, n: &str) -> Vec<&'a str> {
    let mut lines = Vec::new();
    let mut inside = false;
    for l in v.lines() {
        if l.starts_with(|c: char| c.is_ascii_digit()) {
            let num = l.split([' ', '.']).next().unwrap_or("");
            inside = num == n;
        }
        if inside {
            lines.push(l.trim());
        }
    }
    assert!(!lines.is_empty(), "no frame {n}");
    lines
}

/// Asserts that `want` appear in this order (each a substring of a line).
fn in_order(lines: &[&str], want: &[&str]) {
    let mut at = 0;
    for w in want {
        match lines[at..].iter().position(|l| l.contains(w)) {
            Some(p) => at += p + 1,
            None => panic!("{w:?} not found after line {at} in:\n{}", lines.join("\n")),
        }
    }
}

#[test]
fn nothing_unknown_in_the_nft_samples() {
    for cap in [
        "samples/nft-ruleset.pcap",
        "samples/nft-list.pcap",
        "samples/nft-monitor.pcap",
    ] {
        let v = nldump(cap, &["-v"]);
        for l in v.lines() {
            // nft monitor trace also dumps links (rtnetlink): not ours
            if l.contains("IFLA_") {
                continue;
            }
            assert!(!l.contains("???"), "{cap}: unknown attribute: {l}");
            assert!(!l.contains(" payload = "), "{cap}: undecoded body: {l}");
            assert!(!l.contains("malformed"), "{cap}: {l}");
        }
        assert!(
            !v.contains(" 0xa"),
            "{cap}: a netfilter type without a name"
        );
    }
}

#[test]
fn batch_framing_and_chains() {
    let v = nldump("samples/nft-ruleset.pcap", &["-v"]);
    // Frame 13 is nft -f's single sendmsg: BATCH_BEGIN ... BATCH_END, with
    // res_id = NFNL_SUBSYS_NFTABLES (10, nfnetlink.h).
    let f = frame(&v, "13");
    in_order(
        &f,
        &[
            "NFNL_MSG_BATCH_BEGIN flags=REQUEST seq=0",
            "res_id = NFNL_SUBSYS_NFTABLES (0xa)",
            "NFT_MSG_NEWTABLE flags=REQUEST",
            "NFTA_TABLE_NAME (1) = \"nd\"",
            // chain input: type filter hook input priority 0; policy drop
            "NFT_MSG_NEWCHAIN flags=REQUEST|CREATE",
            "NFTA_CHAIN_NAME (3) = \"input\"",
            "NFTA_CHAIN_TYPE (7) = \"filter\"",
            "NFTA_CHAIN_POLICY (5) = NF_DROP (0x0)",
            "NFTA_HOOK_HOOKNUM (1) = NF_INET_LOCAL_IN (0x1)",
            "NFTA_HOOK_PRIORITY (2) = 0",
            // table ip ndnat: prerouting -100 (dstnat), postrouting 100
            "NFTA_HOOK_HOOKNUM (1) = NF_INET_PRE_ROUTING (0x0)",
            "NFTA_HOOK_PRIORITY (2) = -100",
            "NFTA_HOOK_HOOKNUM (1) = NF_INET_POST_ROUTING (0x4)",
            "NFTA_HOOK_PRIORITY (2) = 100",
            "NFNL_MSG_BATCH_END flags=REQUEST",
            "res_id = NFNL_SUBSYS_NFTABLES (0xa)",
        ],
    );
    assert!(f
        .iter()
        .any(|l| l.contains("nfgen_family = NFPROTO_IPV4 (0x2)")));
    assert!(f
        .iter()
        .any(|l| l.contains("nfgen_family = NFPROTO_INET (0x1)")));
}

#[test]
fn rule_expressions_carry_the_script_values() {
    let v = nldump("samples/nft-ruleset.pcap", &["-v"]);
    let f = frame(&v, "13");
    // ip saddr @blocked drop: payload network header offset 12 len 4, lookup
    in_order(
        &f,
        &[
            "NFTA_EXPR_NAME (1) = \"payload\"",
            "NFTA_PAYLOAD_BASE (2) = NFT_PAYLOAD_NETWORK_HEADER (0x1)",
            "NFTA_PAYLOAD_OFFSET (3) = 12",
            "NFTA_PAYLOAD_LEN (4) = 4",
            "NFTA_EXPR_NAME (1) = \"lookup\"",
            "NFTA_LOOKUP_SET (1) = \"blocked\"",
            "NFTA_VERDICT_CODE (1) = NF_DROP (0x0)",
        ],
    );
    // meta l4proto icmp limit rate 10/second burst 5 packets accept
    in_order(
        &f,
        &[
            "NFTA_META_KEY (2) = NFT_META_L4PROTO (0x10)",
            "NFTA_DATA_VALUE (1) = 0x01",
            "NFTA_EXPR_NAME (1) = \"limit\"",
            "NFTA_LIMIT_RATE (1) = 10",
            "NFTA_LIMIT_UNIT (2) = 1",
            "NFTA_LIMIT_BURST (3) = 5",
            "NFTA_LIMIT_TYPE (4) = NFT_LIMIT_PKTS (0x0)",
        ],
    );
    // tcp dport 23 log prefix "telnet " level info reject with tcp reset;
    // udp dport 161 reject with icmpx admin-prohibited (code 3)
    in_order(
        &f,
        &[
            "NFTA_DATA_VALUE (1) = 0x0017",
            "NFTA_LOG_PREFIX (2) = \"telnet \"",
            "NFTA_LOG_LEVEL (5) = NFT_LOGLEVEL_INFO (0x6)",
            "NFTA_REJECT_TYPE (1) = NFT_REJECT_TCP_RST (0x1)",
            "NFTA_DATA_VALUE (1) = 0x00a1",
            "NFTA_REJECT_TYPE (1) = NFT_REJECT_ICMPX_UNREACH (0x2)",
            "NFTA_REJECT_ICMP_CODE (2) = 3",
        ],
    );
    // meta mark 0x2a goto ssh; fib daddr type local tcp dport 3000-3010
    in_order(
        &f,
        &[
            "NFTA_META_KEY (2) = NFT_META_MARK (0x3)",
            "NFTA_VERDICT_CODE (1) = NFT_GOTO",
            "NFTA_VERDICT_CHAIN (2) = \"ssh\"",
            "NFTA_FIB_FLAGS (3) = NFTA_FIB_F_DADDR (0x2)",
            "NFTA_FIB_RESULT (2) = NFT_FIB_RESULT_ADDRTYPE (0x3)",
            // nft writes a range as two comparisons
            "NFTA_CMP_OP (2) = NFT_CMP_GTE (0x5)",
            "NFTA_DATA_VALUE (1) = 0x0bb8",
            "NFTA_CMP_OP (2) = NFT_CMP_LTE (0x3)",
            "NFTA_DATA_VALUE (1) = 0x0bc2",
        ],
    );
    // forward chain: jhash, numgen inc mod 2 offset 100, rt mtu, dynset,
    // ct count over 10, limit rate over 1 mbytes/second
    in_order(
        &f,
        &[
            "NFTA_EXPR_NAME (1) = \"hash\"",
            "NFTA_HASH_MODULUS (4) = 4",
            "NFTA_HASH_TYPE (7) = NFT_HASH_JENKINS (0x0)",
            "NFTA_NG_MODULUS (2) = 2",
            "NFTA_NG_TYPE (3) = NFT_NG_INCREMENTAL (0x0)",
            "NFTA_NG_OFFSET (4) = 100",
            "NFTA_RT_KEY (2) = NFT_RT_TCPMSS (0x3)",
            "NFTA_EXTHDR_OP (6) = NFT_EXTHDR_OP_TCPOPT (0x1)",
            "NFTA_DYNSET_OP (3) = NFT_DYNSET_OP_UPDATE (0x1)",
            "NFTA_DYNSET_SET_NAME (1) = \"dyn\"",
            "NFTA_CONNLIMIT_COUNT (1) = 10",
            "NFTA_CONNLIMIT_FLAGS (2) = NFT_CONNLIMIT_F_INV (0x1)",
            "NFTA_LIMIT_RATE (1) = 1048576",
            "NFTA_LIMIT_TYPE (4) = NFT_LIMIT_PKT_BYTES (0x1)",
            "NFTA_LIMIT_FLAGS (5) = NFT_LIMIT_F_INV (0x1)",
        ],
    );
    // dnat to 192.0.2.10:443; masquerade; snat to 203.0.113.5
    in_order(
        &f,
        &[
            "NFTA_DATA_VALUE (1) = 0xc000020a",
            "NFTA_DATA_VALUE (1) = 0x01bb",
            "NFTA_NAT_TYPE (1) = NFT_NAT_DNAT (0x1)",
            "NFTA_NAT_FAMILY (2) = NFPROTO_IPV4 (0x2)",
            "NFTA_NAT_FLAGS (7) = NF_NAT_RANGE_PROTO_SPECIFIED (0x2)",
            "NFTA_EXPR_NAME (1) = \"masq\"",
            "NFTA_DATA_VALUE (1) = 0xcb007105",
            "NFTA_NAT_TYPE (1) = NFT_NAT_SNAT (0x0)",
        ],
    );
}

#[test]
fn sets_maps_and_objects_in_the_listing() {
    let v = nldump("samples/nft-ruleset.pcap", &["-v"]);
    // `nft list ruleset` (frames 14-...): the objects dump answers with
    // counter c_ssh and quota q_web "over 10 mbytes" = 10485760 bytes.
    let objs: Vec<&str> = v.lines().map(str::trim).collect();
    in_order(
        &objs,
        &[
            "NFT_MSG_NEWOBJ flags=MULTI",
            "NFTA_OBJ_NAME (2) = \"c_ssh\"",
            "NFTA_OBJ_TYPE (3) = NFT_OBJECT_COUNTER (0x1)",
            "NFTA_COUNTER_PACKETS (2) = 0",
            "NFTA_OBJ_NAME (2) = \"q_web\"",
            "NFTA_OBJ_TYPE (3) = NFT_OBJECT_QUOTA (0x2)",
            "NFTA_QUOTA_BYTES (1) = 10485760",
            "NFTA_QUOTA_FLAGS (2) = NFT_QUOTA_F_INV (0x1)",
        ],
    );
    // set blocked { 192.0.2.66, 192.0.2.67 }; map svc { 22 : jump ssh, 80 : accept }
    in_order(
        &objs,
        &[
            "NFTA_SET_ELEM_LIST_SET (2) = \"blocked\"",
            "NFTA_DATA_VALUE (1) = 0xc0000242",
            "NFTA_DATA_VALUE (1) = 0xc0000243",
            "NFTA_SET_ELEM_LIST_SET (2) = \"nets\"",
            "NFTA_SET_ELEM_FLAGS (3) = NFT_SET_ELEM_INTERVAL_END (0x1)",
            "NFTA_SET_ELEM_LIST_SET (2) = \"svc\"",
            "NFTA_DATA_VALUE (1) = 0x0016",
            "NFTA_VERDICT_CODE (1) = NFT_JUMP",
            "NFTA_VERDICT_CHAIN (2) = \"ssh\"",
            "NFTA_DATA_VALUE (1) = 0x0050",
            "NFTA_VERDICT_CODE (1) = NF_ACCEPT (0x1)",
        ],
    );
    // the sets dump: svc is a verdict map, nets an interval set, dyn has a
    // timeout of 1m = 60000 ms
    in_order(
        &objs,
        &[
            "NFTA_SET_NAME (2) = \"nets\"",
            "NFTA_SET_FLAGS (3) = NFT_SET_INTERVAL (0x4)",
            "NFTA_SET_NAME (2) = \"svc\"",
            "NFTA_SET_FLAGS (3) = NFT_SET_MAP (0x8)",
            "NFTA_SET_DATA_TYPE (6) = NFT_DATA_VERDICT (0xffffff00)",
            "NFTA_SET_NAME (2) = \"dyn\"",
            "NFTA_SET_TIMEOUT (11) = 60000",
        ],
    );
}

#[test]
fn failing_delete_names_the_attribute() {
    let v = nldump("samples/nft-ruleset.pcap", &["-v"]);
    // nft: "Error: No such file or directory ... delete chain inet nd nosuch"
    let f = frame(&v, "75");
    in_order(
        &f,
        &[
            "NLMSG_ERROR flags=ACK_TLVS seq=1 pid=25894 len=68 error=-ENOENT (No such file or directory) offset=28 (NFTA_CHAIN_NAME)",
            "nlmsg_type = NFT_MSG_DELCHAIN (2565)",
            "NFTA_CHAIN_NAME (3) = \"nosuch\"",
            "NLMSGERR_ATTR_OFFS (2) = 28",
        ],
    );
}

#[test]
fn monitor_events_and_trace() {
    let v = nldump("samples/nft-monitor.pcap", &["-v"]);
    let all: Vec<&str> = v.lines().map(str::trim).collect();
    // nft monitor printed "add table ip mon", "add chain ip mon out { type
    // filter hook output priority filter; ... }" and the rule.
    in_order(
        &all,
        &[
            "netfilter <- NFT_MSG_NEWTABLE flags=0",
            "NFTA_TABLE_NAME (1) = \"mon\"",
            "netfilter <- NFT_MSG_NEWGEN flags=0",
            // notifications keep the request's NLM_F_CREATE bit
            "netfilter <- NFT_MSG_NEWCHAIN flags=0x400",
            "NFTA_HOOK_HOOKNUM (1) = NF_INET_LOCAL_OUT (0x3)",
            "netfilter <- NFT_MSG_NEWRULE",
            "NFTA_META_KEY (2) = NFT_META_NFTRACE (0xc)",
        ],
    );
    // nft monitor trace: "trace id 9148e1bf ip mon out packet: oif "lo" ...
    // (verdict continue)" then "policy accept".
    in_order(
        &all,
        &[
            "netfilter <- NFT_MSG_TRACE",
            "NFTA_TRACE_NFPROTO (15) = NFPROTO_IPV4 (0x2)",
            "NFTA_TRACE_TYPE (4) = NFT_TRACETYPE_RULE (0x3)",
            "NFTA_TRACE_ID (6) = 0x9148e1bf",
            "NFTA_TRACE_CHAIN (2) = \"out\"",
            "NFTA_TRACE_TABLE (1) = \"mon\"",
            "NFTA_VERDICT_CODE (1) = NFT_CONTINUE",
            "NFTA_TRACE_OIF (12) = 1",
            // ARPHRD_LOOPBACK
            "NFTA_TRACE_OIFTYPE (13) = 772",
            // IPv4, 29 bytes, UDP, 127.0.0.1 -> 127.0.0.1
            "NFTA_TRACE_NETWORK_HEADER (8) = 0x4500001d",
            "NFTA_TRACE_TYPE (4) = NFT_TRACETYPE_POLICY (0x1)",
            "NFTA_TRACE_POLICY (16) = NF_ACCEPT (0x1)",
        ],
    );
    assert!(all
        .iter()
        .any(|l| l.contains("NFTA_TRACE_NETWORK_HEADER") && l.contains("7f0000017f000001")));
}

#[test]
fn empty_ruleset_listing_decodes_fully() {
    // The pre-existing sample: every message type has a name.
    let t = nldump("samples/nft-list.pcap", &[]);
    for want in [
        "NFT_MSG_GETGEN flags=REQUEST",
        "NFT_MSG_NEWGEN flags=0",
        "NFTA_GEN_PROC_NAME=\"nft\"",
        "NFNL_MSG_BATCH_BEGIN",
        "NFT_MSG_GETFLOWTABLE flags=REQUEST|DUMP",
        "NFT_MSG_GETOBJ flags=REQUEST|DUMP",
    ] {
        assert!(t.contains(want), "missing {want:?}");
    }
    assert!(!t.contains("payload="), "raw payload left:\n{t}");
}
