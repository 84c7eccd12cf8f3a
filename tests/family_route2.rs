//! The rest of rtnetlink (slice route2): nexthops, address labels, mdb,
//! link stats, lwtunnel encaps, C-array attributes, link kinds newer than
//! the 6.1 headers. Golden files live in tests/golden_route2/ (tests/golden/
//! must only hold files tests/golden.rs produces). Regenerate with
//! `NLDUMP_BLESS=1 cargo test --test family_route2` and read the diff.
//!
//! Expected values come from the commands in scripts/make-samples.sh, from
//! strace's decoding in samples/strace/*.log, and from the uapi headers.

mod common;

use common::json::{at, child, count_attrs, messages};

use serde_json::Value;

const CASES: &[common::GoldenCase] = &[
    ("route-objects.pcap", &[], "route-objects.txt"),
    ("route-objects.pcap", &["--json"], "route-objects.jsonl"),
    ("route-stats-kinds.pcap", &[], "route-stats-kinds.txt"),
    (
        "route-stats-kinds.pcap",
        &["--json"],
        "route-stats-kinds.jsonl",
    ),
    ("route-stats-kinds.pcap", &["-v"], "route-stats-kinds.v.txt"),
];

#[test]
fn golden_outputs() {
    let mut failures = Vec::new();
    common::golden_captures("golden_route2", CASES, &mut failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_attribute_of_the_samples_is_named() {
    for capture in ["route-objects.pcap", "route-stats-kinds.pcap"] {
        let (mut named, mut all) = (0, 0);
        for m in messages(capture) {
            count_attrs(&m["attrs"], &mut named, &mut all);
            assert_eq!(m["problems"], Value::Array(vec![]), "{capture}: {m}");
        }
        assert!(all > 300, "{capture}: only {all} attributes");
        assert_eq!(named, all, "{capture}: {} unnamed", all - named);
    }
}

#[test]
fn nexthop_group_is_an_array_of_nexthop_grp() {
    // `ip nexthop add id 10 group 1/2,3`: strace decodes the request as
    // NHA_GROUP [{id=1, weight=0}, {id=2, weight=2}] (weight is stored - 1).
    let msgs = messages("route-objects.pcap");
    let req = msgs
        .iter()
        .find(|m| m["type"] == "RTM_NEWNEXTHOP" && at(m, &["NHA_ID"])["value"] == 10)
        .expect("group request");
    let g = at(req, &["NHA_GROUP"]);
    let elems = g["attrs"].as_array().unwrap();
    assert_eq!(elems.len(), 2);
    assert_eq!(child(&elems[0]["attrs"], "id")["value"], 1);
    assert_eq!(child(&elems[0]["attrs"], "weight")["value"], 0);
    assert_eq!(child(&elems[1]["attrs"], "id")["value"], 2);
    assert_eq!(child(&elems[1]["attrs"], "weight")["value"], 2);
    // the dump shows both gateways as `ip nexthop show` printed them
    let gws: Vec<&Value> = msgs
        .iter()
        .filter(|m| m["type"] == "RTM_NEWNEXTHOP" && m["direction"] == "from_kernel")
        .filter_map(|m| {
            m["attrs"]
                .as_array()?
                .iter()
                .find(|a| a["name"] == "NHA_GATEWAY")
        })
        .map(|a| &a["value"])
        .collect();
    assert_eq!(gws, ["192.0.2.254", "192.0.2.253"]);
    // the dumped group carries NHA_OP_FLAGS = NHA_OP_FLAG_RESP_GRP_RESVD_0 (1 << 31)
    let dumped = msgs
        .iter()
        .find(|m| {
            m["direction"] == "from_kernel"
                && m["attrs"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| x["name"] == "NHA_GROUP"))
        })
        .expect("dumped group");
    assert_eq!(at(dumped, &["NHA_OP_FLAGS"])["value"], 0x8000_0000u32);
    assert_eq!(
        at(dumped, &["NHA_GROUP_TYPE"])["value"],
        "NEXTHOP_GRP_TYPE_MPATH"
    );
}

#[test]
fn address_labels() {
    let msgs = messages("route-objects.pcap");
    let add = msgs
        .iter()
        .find(|m| m["type"] == "RTM_NEWADDRLABEL")
        .unwrap();
    assert_eq!(add["direction"], "to_kernel");
    assert_eq!(add["header"]["ifal_family"], "AF_INET6");
    assert_eq!(add["header"]["ifal_prefixlen"], 48);
    assert_eq!(at(add, &["IFAL_ADDRESS"])["value"], "2001:db8:7::");
    assert_eq!(at(add, &["IFAL_LABEL"])["value"], 7);
    // `ip addrlabel list` printed 11 labels, the first `::1/128 label 0`
    let dump: Vec<&Value> = msgs
        .iter()
        .filter(|m| m["type"] == "RTM_NEWADDRLABEL" && m["direction"] == "from_kernel")
        .collect();
    assert_eq!(dump.len(), 11);
    assert_eq!(at(dump[0], &["IFAL_ADDRESS"])["value"], "::1");
    assert_eq!(dump[0]["header"]["ifal_prefixlen"], 128);
    assert_eq!(at(dump[0], &["IFAL_LABEL"])["value"], 0);
    assert!(msgs.iter().any(|m| m["type"] == "RTM_DELADDRLABEL"));
}

#[test]
fn mdb_entry_struct_then_attributes() {
    // `bridge mdb add dev br0 port p0 grp 239.1.1.1 permanent`; p0 is ifindex 4
    let msgs = messages("route-objects.pcap");
    let req = msgs.iter().find(|m| m["type"] == "RTM_NEWMDB").unwrap();
    let e = at(req, &["MDBA_SET_ENTRY"]);
    assert_eq!(child(&e["attrs"], "ifindex")["value"], 4);
    assert_eq!(child(&e["attrs"], "state")["value"], "MDB_PERMANENT");
    assert_eq!(child(&e["attrs"], "proto")["value"], 0x800);
    // the kernel answers the dump with RTM_GETMDB messages
    let rep = msgs
        .iter()
        .find(|m| m["type"] == "RTM_GETMDB" && m["direction"] == "from_kernel")
        .unwrap();
    let info = at(rep, &["MDBA_MDB", "MDBA_MDB_ENTRY", "MDBA_MDB_ENTRY_INFO"]);
    let f = &info["attrs"];
    assert_eq!(child(f, "state")["value"], "MDB_PERMANENT");
    assert!(child(f, "addr")["value"]
        .as_str()
        .unwrap()
        .starts_with("ef010101"));
    assert_eq!(child(f, "MDBA_MDB_EATTR_TIMER")["value"], 0);
}

#[test]
fn link_stats() {
    let msgs = messages("route-stats-kinds.pcap");
    let stats: Vec<&Value> = msgs
        .iter()
        .filter(|m| m["type"] == "RTM_NEWSTATS")
        .collect();
    assert_eq!(stats.len(), 3);
    // group link: IFLA_STATS_LINK_64 (filter bit 0x1) of br0 (ifindex 2)
    assert_eq!(stats[0]["header"]["ifindex"], 2);
    assert_eq!(stats[0]["header"]["filter_mask"], 1);
    let l64 = at(stats[0], &["IFLA_STATS_LINK_64"]);
    // struct rtnl_link_stats64: 25 __u64 counters up to rx_otherhost_dropped
    assert_eq!(l64["attrs"].as_array().unwrap().len(), 25);
    // group offload of p0: hw_stats_info l3_stats request off used off
    let used = at(
        stats[1],
        &[
            "IFLA_STATS_LINK_OFFLOAD_XSTATS",
            "IFLA_OFFLOAD_XSTATS_HW_S_INFO",
            "IFLA_OFFLOAD_XSTATS_L3_STATS",
            "IFLA_OFFLOAD_XSTATS_HW_S_INFO_USED",
        ],
    );
    assert_eq!(used["value"], 0);
    // group xstats_slave of the bridge port p0: bridge mcast and stp suites
    let br = at(
        stats[2],
        &["IFLA_STATS_LINK_XSTATS_SLAVE", "LINK_XSTATS_TYPE_BRIDGE"],
    );
    let names: Vec<&str> = br["attrs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    assert!(names.contains(&"BRIDGE_XSTATS_MCAST"), "{names:?}");
    assert!(names.contains(&"BRIDGE_XSTATS_STP"), "{names:?}");
    let mcast = child(&br["attrs"], "BRIDGE_XSTATS_MCAST");
    // struct br_mcast_stats: 12 rx/tx pairs and 2 parse-error counters = 30
    // u64, exactly the payload (no "trailing" field)
    assert_eq!(mcast["attrs"].as_array().unwrap().len(), 30);
}

#[test]
fn lwtunnel_encaps() {
    let msgs = messages("route-stats-kinds.pcap");
    // `ip -6 route add 2001:db8:5::/64 encap seg6 mode encap segs 2001:db8::5 dev br0`
    let seg6 = msgs
        .iter()
        .find(|m| m["type"] == "RTM_NEWROUTE" && m["direction"] == "to_kernel")
        .unwrap();
    let srh = at(seg6, &["RTA_ENCAP", "SEG6_IPTUNNEL_SRH"]);
    assert_eq!(
        child(&srh["attrs"], "mode")["value"],
        "SEG6_IPTUN_MODE_ENCAP"
    );
    let segs = child(&srh["attrs"], "segments");
    assert_eq!(segs["attrs"][0]["value"], "2001:db8::5");
    // `ip route add 10.5.0.0/16 encap mpls 100 via 192.0.2.254 dev br0`
    let mpls = msgs
        .iter()
        .find(|m| {
            m["type"] == "RTM_NEWROUTE"
                && m["direction"] == "to_kernel"
                && at(m, &["RTA_ENCAP_TYPE"])["value"] == "LWTUNNEL_ENCAP_MPLS"
        })
        .unwrap();
    let label = &at(mpls, &["RTA_ENCAP", "MPLS_IPTUNNEL_DST"])["attrs"][0]["attrs"];
    assert_eq!(child(label, "label")["value"], 100);
    assert_eq!(child(label, "bos")["value"], 1);
}

#[test]
fn devconf_arrays_are_named_by_slot() {
    // lo of samples/route-link-dump.pcap: IPv6 hop limit 64, MTU 65536
    let msgs = messages("route-link-dump.pcap");
    let lo = msgs
        .iter()
        .find(|m| {
            m["type"] == "RTM_NEWLINK"
                && m["attrs"].as_array().is_some_and(|a| {
                    a.iter()
                        .any(|x| x["name"] == "IFLA_IFNAME" && x["value"] == "lo")
                })
        })
        .unwrap();
    let conf = at(lo, &["IFLA_AF_SPEC", "AF_INET6", "IFLA_INET6_CONF"]);
    assert_eq!(child(&conf["attrs"], "DEVCONF_HOPLIMIT")["value"], 64);
    assert_eq!(child(&conf["attrs"], "DEVCONF_MTU6")["value"], 65536);
    assert_eq!(child(&conf["attrs"], "DEVCONF_RTR_SOLICITS")["value"], -1);
    let inet = at(lo, &["IFLA_AF_SPEC", "AF_INET", "IFLA_INET_CONF"]);
    // slot 0 is IPV4_DEVCONF_FORWARDING (= 1 in the header): index offset by one
    assert_eq!(inet["attrs"][0]["name"], "IPV4_DEVCONF_FORWARDING");
    let stats = at(lo, &["IFLA_AF_SPEC", "AF_INET6", "IFLA_INET6_STATS"]);
    // slot 0 holds the number of counters the kernel sends
    let n = stats["attrs"].as_array().unwrap().len() as u64;
    assert_eq!(child(&stats["attrs"], "IPSTATS_MIB_NUM")["value"], n);
    // IFLA attributes newer than the 6.1 headers, sent by this 6.18 kernel
    assert_eq!(at(lo, &["IFLA_NETNS_IMMUTABLE"])["value"], 1);
    assert_eq!(at(lo, &["IFLA_GSO_IPV4_MAX_SIZE"])["value"], 65536);
}
