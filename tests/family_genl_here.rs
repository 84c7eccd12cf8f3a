//! Generic netlink families of this kernel: ethtool, tcp_metrics, mptcp_pm,
//! SEG6, IOAM6, TASKSTATS (with cgroupstats) and thermal, on real captures
//! (samples/genl-ethtool-veth.pcap, genl-net-families.pcap,
//! genl-taskstats-thermal.pcap; recipes in scripts/make-samples.sh).
//!
//! Golden outputs live in tests/golden_genl_here/ (tests/golden/ belongs to
//! tests/golden.rs, which requires every file there to be one of its cases);
//! regenerate with `NLDUMP_BLESS=1 cargo test --test family_genl_here`.
//! The content checks compare decoded values with facts known without
//! nldump: the command lines, what the tools printed, the uapi headers.

mod common;

use serde_json::Value;
use std::path::PathBuf;

const CASES: &[common::GoldenCase] = &[
    ("genl-ethtool-veth.pcap", &[], "genl-ethtool-veth.txt"),
    ("genl-net-families.pcap", &[], "genl-net-families.txt"),
    (
        "genl-net-families.pcap",
        &["--json"],
        "genl-net-families.jsonl",
    ),
    (
        "genl-taskstats-thermal.pcap",
        &[],
        "genl-taskstats-thermal.txt",
    ),
    (
        "genl-taskstats-thermal.pcap",
        &["-v"],
        "genl-taskstats-thermal.v.txt",
    ),
    (
        "genl-taskstats-thermal.pcap",
        &["--json"],
        "genl-taskstats-thermal.jsonl",
    ),
];

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden_genl_here")
}

#[test]
fn golden_outputs() {
    let mut failures = Vec::new();
    common::golden_captures("golden_genl_here", CASES, &mut failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_golden_file_has_a_case() {
    for e in std::fs::read_dir(golden_dir()).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            CASES.iter().any(|(_, _, g)| *g == name),
            "tests/golden_genl_here/{name} is not produced by any case"
        );
    }
}

// ---------------------------------------------------------------------------
// helpers over the JSON lines

fn messages(sample: &str) -> Vec<Value> {
    let (code, msgs) = common::json_lines(&common::sample(sample));
    assert_eq!(code, 0, "{sample}: exit code");
    msgs
}

fn cmd(m: &Value) -> &str {
    m["genl"]["cmd"].as_str().unwrap_or("")
}

/// Messages whose genl command is `name`.
fn by_cmd<'a>(msgs: &'a [Value], name: &str) -> Vec<&'a Value> {
    msgs.iter().filter(|m| cmd(m) == name).collect()
}

/// The first attribute called `name` anywhere under `attrs` (depth first).
fn find<'a>(attrs: &'a Value, name: &str) -> Option<&'a Value> {
    for a in attrs.as_array()? {
        if a["name"] == name {
            return Some(a);
        }
        if let Some(x) = find(&a["attrs"], name) {
            return Some(x);
        }
    }
    None
}

fn val<'a>(m: &'a Value, name: &str) -> &'a Value {
    let a = find(&m["attrs"], name).unwrap_or_else(|| panic!("{} has no {name}", cmd(m)));
    &a["value"]
}

/// Every attribute under genl messages of `family`: (total, named).
fn coverage(msgs: &[Value], family: &str) -> (usize, usize) {
    fn walk(attrs: &Value, t: &mut usize, n: &mut usize) {
        for a in attrs.as_array().into_iter().flatten() {
            *t += 1;
            let name = a["name"].as_str().unwrap_or("");
            if !name.is_empty() && !name.contains("???") && !name.starts_with("0x") {
                *n += 1;
            }
            walk(&a["attrs"], t, n);
        }
    }
    let (mut t, mut n) = (0, 0);
    for m in msgs.iter().filter(|m| m["genl"]["family"] == family) {
        walk(&m["attrs"], &mut t, &mut n);
    }
    (t, n)
}

// ---------------------------------------------------------------------------
// ethtool

#[test]
fn ethtool_requests_replies_and_notifications_are_named_by_direction() {
    let msgs = messages("genl-ethtool-veth.pcap");
    // ethtool veth0 printed: Speed 10000Mb/s, Duplex Full, Auto-negotiation
    // off, Port Twisted Pair, Transceiver internal.
    let lm = by_cmd(&msgs, "ETHTOOL_MSG_LINKMODES_GET_REPLY");
    assert_eq!(lm.len(), 1);
    assert_eq!(lm[0]["genl"]["cmd_id"], 4); // ETHTOOL_MSG_LINKMODES_GET_REPLY
    assert_eq!(val(lm[0], "ETHTOOL_A_LINKMODES_SPEED"), 10000);
    assert_eq!(val(lm[0], "ETHTOOL_A_LINKMODES_DUPLEX"), "DUPLEX_FULL");
    assert_eq!(val(lm[0], "ETHTOOL_A_LINKMODES_AUTONEG"), "AUTONEG_DISABLE");
    assert_eq!(val(lm[0], "ETHTOOL_A_HEADER_DEV_NAME"), "veth0");
    let li = by_cmd(&msgs, "ETHTOOL_MSG_LINKINFO_GET_REPLY");
    assert_eq!(val(li[0], "ETHTOOL_A_LINKINFO_PORT"), "PORT_TP");
    assert_eq!(
        val(li[0], "ETHTOOL_A_LINKINFO_TRANSCEIVER"),
        "XCVR_INTERNAL"
    );
    // the request of the same exchange has user-space id 4 = LINKMODES_GET
    let req = by_cmd(&msgs, "ETHTOOL_MSG_LINKMODES_GET");
    assert_eq!(req[0]["direction"], "to_kernel");
    assert_eq!(req[0]["genl"]["cmd_id"], 4);
    // ethtool -l printed "RX: 2" as the pre-set maximum and its count 1
    let ch = by_cmd(&msgs, "ETHTOOL_MSG_CHANNELS_GET_REPLY");
    assert_eq!(ch[0]["genl"]["cmd_id"], 18);
    assert_eq!(val(ch[0], "ETHTOOL_A_CHANNELS_RX_MAX"), 2);
    assert_eq!(val(ch[0], "ETHTOOL_A_CHANNELS_RX_COUNT"), 1);
    // `ethtool -L veth0 rx 2` (user id 18 = CHANNELS_SET) makes the kernel
    // multicast CHANNELS_NTF (kernel id 19) to `ethtool --monitor`: port 0
    let set = by_cmd(&msgs, "ETHTOOL_MSG_CHANNELS_SET");
    assert_eq!(set[0]["genl"]["cmd_id"], 18);
    assert_eq!(val(set[0], "ETHTOOL_A_CHANNELS_RX_COUNT"), 2);
    let ntf = by_cmd(&msgs, "ETHTOOL_MSG_CHANNELS_NTF");
    assert_eq!(ntf.len(), 1);
    assert_eq!(ntf[0]["genl"]["cmd_id"], 19);
    assert_eq!(ntf[0]["pid"], 0);
    assert_eq!(val(ntf[0], "ETHTOOL_A_CHANNELS_RX_COUNT"), 2);
    // `ethtool -K veth0 tso off`: FEATURES_SET (12), its reply (kernel 12,
    // FEATURES_SET_REPLY) and the FEATURES_NTF (13) multicast
    assert_eq!(
        by_cmd(&msgs, "ETHTOOL_MSG_FEATURES_SET")[0]["genl"]["cmd_id"],
        12
    );
    let sr = by_cmd(&msgs, "ETHTOOL_MSG_FEATURES_SET_REPLY");
    assert_eq!(sr[0]["genl"]["cmd_id"], 12);
    assert_eq!(sr[0]["direction"], "from_kernel");
    let fntf = by_cmd(&msgs, "ETHTOOL_MSG_FEATURES_NTF");
    assert_eq!(fntf[0]["genl"]["cmd_id"], 13);
    assert_eq!(fntf[0]["pid"], 0);
    // ethtool -T: TSINFO_GET is user id 25, its reply kernel id 26
    assert_eq!(
        by_cmd(&msgs, "ETHTOOL_MSG_TSINFO_GET_REPLY")[0]["genl"]["cmd_id"],
        26
    );
    // ethtool -g on veth: rings are not supported
    let rings = by_cmd(&msgs, "ETHTOOL_MSG_RINGS_GET");
    assert_eq!(rings[0]["genl"]["cmd_id"], 15);
}

#[test]
fn ethtool_string_sets_and_bitsets() {
    let msgs = messages("genl-ethtool-veth.pcap");
    let req = by_cmd(&msgs, "ETHTOOL_MSG_STRSET_GET");
    assert_eq!(val(req[0], "ETHTOOL_A_STRINGSET_ID"), "ETH_SS_FEATURES");
    let rep = by_cmd(&msgs, "ETHTOOL_MSG_STRSET_GET_REPLY");
    assert_eq!(val(rep[0], "ETHTOOL_A_STRINGSET_COUNT"), 64);
    // feature bit 0 is NETIF_F_SG, named "tx-scatter-gather" by the kernel
    assert_eq!(val(rep[0], "ETHTOOL_A_STRING_INDEX"), 0);
    assert_eq!(val(rep[0], "ETHTOOL_A_STRING_VALUE"), "tx-scatter-gather");
    // `ethtool -k` asks for compact bit sets: 64 feature bits, value + mask
    let f = by_cmd(&msgs, "ETHTOOL_MSG_FEATURES_GET");
    assert_eq!(
        *val(f[0], "ETHTOOL_A_HEADER_FLAGS"),
        serde_json::json!(["ETHTOOL_FLAG_COMPACT_BITSETS"])
    );
    let fr = by_cmd(&msgs, "ETHTOOL_MSG_FEATURES_GET_REPLY");
    assert_eq!(val(fr[0], "ETHTOOL_A_BITSET_SIZE"), 64);
    assert!(find(&fr[0]["attrs"], "ETHTOOL_A_FEATURES_ACTIVE").is_some());
    assert!(find(&fr[0]["attrs"], "ETHTOOL_A_BITSET_MASK").is_some());
}

#[test]
fn ethtool_old_sample_decodes_with_extack_offset_named() {
    let msgs = messages("genl-ethtool.pcap");
    let err = msgs
        .iter()
        .find(|m| {
            m["error"]["errno"].as_str() == Some("ENODEV")
                || m["error"].to_string().contains("ENODEV")
        })
        .expect("the ENODEV error of `ethtool -k nosuch`");
    assert!(
        err.to_string().contains("ETHTOOL_A_HEADER_DEV_NAME"),
        "extack offset 24 points at the device name: {err}"
    );
    let (t, n) = coverage(&msgs, "ethtool");
    assert!(t > 100 && t == n, "ethtool attributes named: {n}/{t}");
}

// ---------------------------------------------------------------------------
// tcp_metrics, mptcp_pm, SEG6, IOAM6

#[test]
fn tcp_metrics_entries() {
    let msgs = messages("genl-net-families.pcap");
    let dump: Vec<_> = by_cmd(&msgs, "TCP_METRICS_CMD_GET")
        .into_iter()
        .filter(|m| m["direction"] == "from_kernel")
        .collect();
    assert_eq!(dump.len(), 3, "two dump entries and one `show 10.77.0.2`");
    let v6 = dump
        .iter()
        .find(|m| find(&m["attrs"], "TCP_METRICS_ATTR_ADDR_IPV6").is_some())
        .unwrap();
    assert_eq!(val(v6, "TCP_METRICS_ATTR_ADDR_IPV6"), "2001:db8:77::2");
    assert_eq!(val(v6, "TCP_METRICS_ATTR_SADDR_IPV6"), "2001:db8:77::1");
    let v4 = dump
        .iter()
        .find(|m| find(&m["attrs"], "TCP_METRICS_ATTR_ADDR_IPV4").is_some())
        .unwrap();
    assert_eq!(val(v4, "TCP_METRICS_ATTR_ADDR_IPV4"), "10.77.0.2");
    assert_eq!(val(v4, "TCP_METRICS_ATTR_SADDR_IPV4"), "10.77.0.1");
    // `ip tcp_metrics show` printed "cwnd 12"; the metric attribute is
    // TCP_METRIC_CWND (3) + 1 on the wire
    assert_eq!(val(v4, "TCP_METRIC_CWND"), 12);
    let cwnd = find(&v4["attrs"], "TCP_METRIC_CWND").unwrap();
    assert_eq!(cwnd["type"], 4);
    let del = by_cmd(&msgs, "TCP_METRICS_CMD_DEL");
    assert_eq!(val(del[0], "TCP_METRICS_ATTR_ADDR_IPV4"), "10.77.0.2");
}

#[test]
fn mptcp_endpoints_and_limits() {
    let msgs = messages("genl-net-families.pcap");
    // ip mptcp limits set subflows 2 add_addr_accepted 2
    let set = by_cmd(&msgs, "MPTCP_PM_CMD_SET_LIMITS");
    assert_eq!(val(set[0], "MPTCP_PM_ATTR_SUBFLOWS"), 2);
    assert_eq!(val(set[0], "MPTCP_PM_ATTR_RCV_ADD_ADDRS"), 2);
    // ip mptcp endpoint add 10.77.0.1 dev veth0 id 5 subflow signal
    let add = by_cmd(&msgs, "MPTCP_PM_CMD_ADD_ADDR");
    assert_eq!(add.len(), 2);
    assert_eq!(val(add[0], "MPTCP_PM_ADDR_ATTR_FAMILY"), "AF_INET");
    assert_eq!(val(add[0], "MPTCP_PM_ADDR_ATTR_ADDR4"), "10.77.0.1");
    assert_eq!(val(add[0], "MPTCP_PM_ADDR_ATTR_ID"), 5);
    assert_eq!(
        *val(add[0], "MPTCP_PM_ADDR_ATTR_FLAGS"),
        serde_json::json!(["MPTCP_PM_ADDR_FLAG_SIGNAL", "MPTCP_PM_ADDR_FLAG_SUBFLOW"])
    );
    // ip mptcp endpoint add 2001:db8:77::1 id 6 signal
    assert_eq!(val(add[1], "MPTCP_PM_ADDR_ATTR_FAMILY"), "AF_INET6");
    assert_eq!(val(add[1], "MPTCP_PM_ADDR_ATTR_ADDR6"), "2001:db8:77::1");
    assert_eq!(val(add[1], "MPTCP_PM_ADDR_ATTR_ID"), 6);
    let got: Vec<_> = by_cmd(&msgs, "MPTCP_PM_CMD_GET_ADDR")
        .into_iter()
        .filter(|m| m["direction"] == "from_kernel")
        .collect();
    assert_eq!(got.len(), 3, "dump of two endpoints, then `show id 5`");
    assert_eq!(by_cmd(&msgs, "MPTCP_PM_CMD_DEL_ADDR").len(), 1);
    assert_eq!(by_cmd(&msgs, "MPTCP_PM_CMD_FLUSH_ADDRS").len(), 1);
}

#[test]
fn seg6_and_ioam6() {
    let msgs = messages("genl-net-families.pcap");
    for c in ["SEG6_CMD_SET_TUNSRC", "SEG6_CMD_GET_TUNSRC"] {
        let m = by_cmd(&msgs, c);
        let last = m.last().unwrap_or_else(|| panic!("no {c}"));
        if c == "SEG6_CMD_GET_TUNSRC" {
            assert_eq!(last["direction"], "from_kernel");
        }
        assert_eq!(val(last, "SEG6_ATTR_DST"), "2001:db8::53");
    }
    // ip ioam namespace add 7 data 0xdeadbeef wide 0x0102030405060708;
    // ip ioam schema add 9 "ioam-demo"; ip ioam namespace set 7 schema 9
    let ns: Vec<_> = by_cmd(&msgs, "IOAM6_CMD_DUMP_NAMESPACES")
        .into_iter()
        .filter(|m| m["direction"] == "from_kernel")
        .collect();
    assert_eq!(val(ns[0], "IOAM6_ATTR_NS_ID"), 7);
    assert_eq!(val(ns[0], "IOAM6_ATTR_NS_DATA").as_u64(), Some(0xdead_beef));
    assert_eq!(
        val(ns[0], "IOAM6_ATTR_NS_DATA_WIDE").as_u64(),
        Some(0x0102_0304_0506_0708)
    );
    assert_eq!(val(ns[0], "IOAM6_ATTR_SC_ID"), 9);
    let sc: Vec<_> = by_cmd(&msgs, "IOAM6_CMD_DUMP_SCHEMAS")
        .into_iter()
        .filter(|m| m["direction"] == "from_kernel")
        .collect();
    // "ioam-demo" in hex, padded to 12 bytes as `ip ioam schema show` printed
    assert_eq!(val(sc[0], "IOAM6_ATTR_SC_DATA"), "696f616d2d64656d6f000000");
    for c in [
        "IOAM6_CMD_ADD_NAMESPACE",
        "IOAM6_CMD_ADD_SCHEMA",
        "IOAM6_CMD_NS_SET_SCHEMA",
        "IOAM6_CMD_DEL_NAMESPACE",
        "IOAM6_CMD_DEL_SCHEMA",
    ] {
        assert_eq!(by_cmd(&msgs, c).len(), 1, "{c}");
    }
}

// ---------------------------------------------------------------------------
// TASKSTATS and thermal

#[test]
fn taskstats_struct_fields_line_up() {
    let msgs = messages("genl-taskstats-thermal.pcap");
    let get = by_cmd(&msgs, "TASKSTATS_CMD_GET");
    let pid = val(get[0], "TASKSTATS_CMD_ATTR_PID").as_u64().unwrap();
    let new = by_cmd(&msgs, "TASKSTATS_CMD_NEW");
    assert_eq!(new.len(), 2);
    let stats = find(&new[0]["attrs"], "TASKSTATS_TYPE_STATS").unwrap();
    let field = |n: &str| {
        stats["attrs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == n)
            .unwrap_or_else(|| panic!("no field {n}"))
    };
    // the pid asked for comes back as TASKSTATS_TYPE_PID and as ac_pid,
    // which sits at offset 128 of struct taskstats (checked with offsetof);
    // the process is python3 run as root
    assert_eq!(val(new[0], "TASKSTATS_TYPE_PID").as_u64(), Some(pid));
    assert_eq!(field("ac_pid")["value"].as_u64(), Some(pid));
    assert_eq!(
        field("ac_pid")["offset"].as_u64().unwrap() - field("version")["offset"].as_u64().unwrap(),
        128
    );
    assert_eq!(field("ac_comm")["value"], "python3");
    assert_eq!(field("ac_uid")["value"], 0);
    assert_eq!(field("ac_tgid")["value"].as_u64(), Some(pid));
    // the running kernel sends a newer struct version than the 6.1 header's 13
    assert!(field("version")["value"].as_u64().unwrap() >= 13);
    assert!(find(&new[1]["attrs"], "TASKSTATS_TYPE_AGGR_TGID").is_some());
    assert_eq!(val(get[2], "TASKSTATS_CMD_ATTR_REGISTER_CPUMASK"), "0");
    assert_eq!(val(get[3], "TASKSTATS_CMD_ATTR_DEREGISTER_CPUMASK"), "0");
    // CGROUPSTATS_CMD_GET = __TASKSTATS_CMD_MAX + 1 = 4; cgroup v2 says EINVAL
    let cg = by_cmd(&msgs, "CGROUPSTATS_CMD_GET");
    assert_eq!(cg[0]["genl"]["cmd_id"], 4);
    assert!(find(&cg[0]["attrs"], "CGROUPSTATS_CMD_ATTR_FD").is_some());
}

#[test]
fn thermal_dumps_without_zones() {
    let msgs = messages("genl-taskstats-thermal.pcap");
    let tz: Vec<_> = by_cmd(&msgs, "THERMAL_GENL_CMD_TZ_GET_ID");
    assert_eq!(tz.len(), 2, "request and the one (empty) reply");
    assert!(find(&tz[1]["attrs"], "THERMAL_GENL_ATTR_TZ").is_some());
    let cd: Vec<_> = by_cmd(&msgs, "THERMAL_GENL_CMD_CDEV_GET");
    assert!(find(&cd[1]["attrs"], "THERMAL_GENL_ATTR_CDEV").is_some());
}

#[test]
fn every_attribute_of_these_families_is_named() {
    for (sample, families) in [
        ("genl-ethtool-veth.pcap", &["ethtool"][..]),
        (
            "genl-net-families.pcap",
            &["tcp_metrics", "mptcp_pm", "SEG6", "IOAM6"][..],
        ),
        ("genl-taskstats-thermal.pcap", &["TASKSTATS", "thermal"][..]),
    ] {
        let msgs = messages(sample);
        for f in families {
            let (t, n) = coverage(&msgs, f);
            assert!(t > 0, "{sample}: no {f} attributes");
            assert_eq!(n, t, "{sample}: {f}: {n} of {t} attributes named");
        }
    }
}
