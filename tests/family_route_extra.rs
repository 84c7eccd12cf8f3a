//! The rtnetlink messages of the route-extra slice: RTM_*TUNNEL (vxlan VNI
//! filters), RTM_GETDCB/SETDCB, RTM_NEWPREFIX, RTM_NEWCACHEREPORT and
//! multicast route dumps, AF_MPLS routes, IFLA_CAN_*. Golden files live in
//! tests/golden_route_extra/; regenerate with
//! `NLDUMP_BLESS=1 cargo test --test family_route_extra` and read the diff.
//!
//! Expected values come from the commands in scripts/make-samples.sh (the
//! route-extra block) and what they printed (samples/README.md), from the
//! setup lines of the corpus vectors, and from the uapi headers: the hex
//! vectors below are laid out by hand from linux/dcbnl.h, linux/can/netlink.h,
//! linux/mroute6.h and linux/rtnetlink.h, not by nldump.

mod common;

use common::json::{at, child, children, count_attrs, messages, of_type};

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;

const CASES: &[common::GoldenCase] = &[
    ("route-tunnel.pcap", &[], "route-tunnel.txt"),
    ("route-dcb.pcap", &["--json"], "route-dcb.jsonl"),
    ("route-dcb.pcap", &[], "route-dcb.txt"),
    ("route-dcb.pcap", &["-v"], "route-dcb.v.txt"),
    ("route-prefix.pcap", &[], "route-prefix.txt"),
    ("route-prefix.pcap", &["-v"], "route-prefix.v.txt"),
    ("route-mroute.pcap", &[], "route-mroute.txt"),
    ("route-mroute.pcap", &["-v"], "route-mroute.v.txt"),
    ("route-mroute.pcap", &["--json"], "route-mroute.jsonl"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn golden_outputs() {
    let mut failures = Vec::new();
    common::golden_captures("golden_route_extra", CASES, &mut failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_attribute_of_the_samples_is_named_and_nothing_is_malformed() {
    for s in [
        "route-tunnel.pcap",
        "route-dcb.pcap",
        "route-prefix.pcap",
        "route-mroute.pcap",
    ] {
        let (mut named, mut all) = (0, 0);
        for m in messages(s) {
            assert!(m["type"].is_string(), "{s}: unnamed type {m}");
            assert_eq!(m["problems"], Value::Array(vec![]), "{s}: {m}");
            count_attrs(&m["attrs"], &mut named, &mut all);
        }
        assert!(all > 0, "{s}");
        assert_eq!(named, all, "{s}: {named} of {all} attributes named");
    }
}

#[test]
fn vni_filter_requests_dump_and_notifications() {
    let msgs = messages("route-tunnel.pcap");
    let adds = of_type(&msgs, "RTM_NEWTUNNEL");
    // bridge vni add dev vxf0 vni 100
    let first = adds[0];
    assert_eq!(first["header"]["family"], "AF_BRIDGE");
    assert_eq!(first["direction"], "to_kernel");
    assert_eq!(
        at(
            first,
            &["VXLAN_VNIFILTER_ENTRY", "VXLAN_VNIFILTER_ENTRY_START"]
        )["value"],
        100
    );
    // vni 200-210 remote 203.0.113.7
    let range = adds[1];
    let e = at(range, &["VXLAN_VNIFILTER_ENTRY"]);
    assert_eq!(
        child(&e["attrs"], "VXLAN_VNIFILTER_ENTRY_START")["value"],
        200
    );
    assert_eq!(
        child(&e["attrs"], "VXLAN_VNIFILTER_ENTRY_END")["value"],
        210
    );
    assert_eq!(
        child(&e["attrs"], "VXLAN_VNIFILTER_ENTRY_GROUP")["value"],
        "203.0.113.7"
    );
    // vni 300 remote 2001:db8::7
    assert_eq!(
        at(
            adds[2],
            &["VXLAN_VNIFILTER_ENTRY", "VXLAN_VNIFILTER_ENTRY_GROUP6"]
        )["value"],
        "2001:db8::7"
    );
    // `bridge vni show`: one reply with the three entries `bridge` printed
    let dump = adds
        .iter()
        .find(|m| m["direction"] == "from_kernel" && m["flags"][0] == "MULTI")
        .expect("dump reply");
    let entries = children(&dump["attrs"], "VXLAN_VNIFILTER_ENTRY");
    let starts: Vec<&Value> = entries
        .iter()
        .map(|e| &child(&e["attrs"], "VXLAN_VNIFILTER_ENTRY_START")["value"])
        .collect();
    assert_eq!(starts, [100, 200, 300]);
    // `bridge -s vni show dev vxf0` asks for stats: counters are u64 zeros
    let gets = of_type(&msgs, "RTM_GETTUNNEL");
    assert_eq!(gets[1]["header"]["flags"][0], "TUNNEL_MSG_FLAG_STATS");
    let with_stats = adds
        .iter()
        .find(|m| m["len"].as_u64() > Some(1000))
        .expect("stats dump");
    let st = at(
        with_stats,
        &["VXLAN_VNIFILTER_ENTRY", "VXLAN_VNIFILTER_ENTRY_STATS"],
    );
    assert_eq!(
        child(&st["attrs"], "VNIFILTER_ENTRY_STATS_TX_PKTS")["value"],
        0
    );
    assert_eq!(
        child(&st["attrs"], "VNIFILTER_ENTRY_STATS_TX_PKTS")["len"],
        12
    );
    // `bridge vni delete ... vni 999`: ENOENT, the request echoed and decoded
    let err = msgs
        .iter()
        .find(|m| m["type"] == "NLMSG_ERROR" && m["error"]["errno"] != 0)
        .expect("error");
    let text = err.to_string();
    assert!(text.contains("ENOENT"), "{text}");
    // `bridge monitor vni` saw vni 400 come and go (seq 0 notifications)
    let dels = of_type(&msgs, "RTM_DELTUNNEL");
    for list in [&adds, &dels] {
        let n = list
            .iter()
            .find(|m| m["seq"] == 0 && m["direction"] == "from_kernel")
            .expect("notification");
        assert_eq!(
            at(n, &["VXLAN_VNIFILTER_ENTRY", "VXLAN_VNIFILTER_ENTRY_START"])["value"],
            400
        );
    }
}

#[test]
fn dcb_requests_on_veth_and_their_errors() {
    let msgs = messages("route-dcb.pcap");
    let gets = of_type(&msgs, "RTM_GETDCB");
    // six `dcb ... show` runs and `dcb ets set` (which reads first), each
    // one DCB_CMD_IEEE_GET for dcb0
    assert_eq!(gets.len(), 7);
    for g in &gets {
        assert_eq!(g["header"]["cmd"], "DCB_CMD_IEEE_GET");
        assert_eq!(at(g, &["DCB_ATTR_IFNAME"])["value"], "dcb0");
    }
    let sets = of_type(&msgs, "RTM_SETDCB");
    // dcb app add dev dcb0 dscp-prio 24:3
    assert_eq!(sets[0]["header"]["cmd"], "DCB_CMD_IEEE_SET");
    let app = at(
        sets[0],
        &[
            "DCB_ATTR_IEEE",
            "DCB_ATTR_IEEE_APP_TABLE",
            "DCB_ATTR_IEEE_APP",
        ],
    );
    assert_eq!(
        child(&app["attrs"], "selector")["value"],
        "IEEE_8021QAZ_APP_SEL_DSCP"
    );
    assert_eq!(child(&app["attrs"], "protocol")["value"], 24);
    assert_eq!(child(&app["attrs"], "priority")["value"], 3);
    // dcb dcbx set dev dcb0 host ieee
    assert_eq!(sets[1]["header"]["cmd"], "DCB_CMD_SDCBX");
    assert_eq!(
        at(sets[1], &["DCB_ATTR_DCBX"])["value"],
        serde_json::json!(["DCB_CAP_DCBX_HOST", "DCB_CAP_DCBX_VER_IEEE"])
    );
    // veth has no dcbnl_ops: every request fails with EOPNOTSUPP (95)
    let errs: Vec<_> = msgs.iter().filter(|m| m["type"] == "NLMSG_ERROR").collect();
    assert_eq!(errs.len(), 9);
    for e in errs {
        assert_eq!(e["error"]["errno"], -95, "{e}");
    }
}

#[test]
fn prefix_notification_from_a_router_advertisement() {
    let msgs = messages("route-prefix.pcap");
    let p = of_type(&msgs, "RTM_NEWPREFIX");
    assert_eq!(p.len(), 1);
    let h = &p[0]["header"];
    // the RA scripts/rtx-probe.py sends: 2001:db8:1234::/64, L and A set,
    // valid 86400 s, preferred 14400 s
    assert_eq!(h["prefix_family"], "AF_INET6");
    assert_eq!(h["prefix_type"], "ND_OPT_PREFIX_INFORMATION");
    assert_eq!(h["prefix_len"], 64);
    assert_eq!(
        h["prefix_flags"],
        serde_json::json!(["ND_OPT_PI_FLAG_AUTO", "ND_OPT_PI_FLAG_ONLINK"])
    );
    assert_eq!(at(p[0], &["PREFIX_ADDRESS"])["value"], "2001:db8:1234::");
    let ci = at(p[0], &["PREFIX_CACHEINFO"]);
    assert_eq!(child(&ci["attrs"], "preferred_time")["value"], 14400);
    assert_eq!(child(&ci["attrs"], "valid_time")["value"], 86400);
}

#[test]
fn cache_report_and_multicast_route_dump() {
    let msgs = messages("route-mroute.pcap");
    let r = of_type(&msgs, "RTM_NEWCACHEREPORT");
    assert_eq!(r.len(), 1);
    let r = r[0];
    assert_eq!(r["header"]["rtgen_family"], "RTNL_FAMILY_IPMR");
    assert_eq!(
        at(r, &["IPMRA_CREPORT_MSGTYPE"])["value"],
        "IGMPMSG_NOCACHE"
    );
    // the datagram came in on mr0, VIF 0, from the peer 198.51.100.1 to
    // 239.2.2.2; the default multicast table is RT_TABLE_DEFAULT (253)
    assert_eq!(at(r, &["IPMRA_CREPORT_VIF_ID"])["value"], 0);
    assert_eq!(at(r, &["IPMRA_CREPORT_SRC_ADDR"])["value"], "198.51.100.1");
    assert_eq!(at(r, &["IPMRA_CREPORT_DST_ADDR"])["value"], "239.2.2.2");
    assert_eq!(at(r, &["IPMRA_CREPORT_TABLE"])["value"], 253);
    // the (198.51.100.1, 239.1.1.1) entry MRT_ADD_MFC installed; RTA_EXPIRES
    // is a u64 in ipmr routes
    let routes = of_type(&msgs, "RTM_NEWROUTE");
    let mfc = routes
        .iter()
        .find(|m| at(m, &["RTA_DST"])["value"] == "239.1.1.1")
        .expect("mfc entry");
    // rtm_family 128 is RTNL_FAMILY_IPMR (linux/rtnetlink.h)
    assert_eq!(mfc["header"]["rtm_family"], "RTNL_FAMILY_IPMR");
    assert_eq!(at(mfc, &["RTA_SRC"])["value"], "198.51.100.1");
    assert_eq!(at(mfc, &["RTA_EXPIRES"])["len"], 12);
    assert!(at(mfc, &["RTA_EXPIRES"])["value"].is_u64());
    // the unresolved entry the cache miss created
    assert!(routes
        .iter()
        .any(|m| at(m, &["RTA_DST"])["value"] == "239.2.2.2"));
}

// ---------------------------------------------------------------------------
// Hex vectors

fn nla(ty: u16, payload: &[u8]) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(&((4 + payload.len()) as u16).to_le_bytes());
    v.extend_from_slice(&ty.to_le_bytes());
    v.extend_from_slice(payload);
    while v.len() % 4 != 0 {
        v.push(0);
    }
    v
}

fn nest(ty: u16, parts: &[Vec<u8>]) -> Vec<u8> {
    nla(ty, &parts.concat())
}

fn nlmsg(ty: u16, flags: u16, body: &[u8]) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(&((16 + body.len()) as u32).to_le_bytes());
    v.extend_from_slice(&ty.to_le_bytes());
    v.extend_from_slice(&flags.to_le_bytes());
    v.extend_from_slice(&7u32.to_le_bytes());
    v.extend_from_slice(&0u32.to_le_bytes());
    v.extend_from_slice(body);
    v
}

fn u32s(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// `nldump --json --family route --hex` on one message: its JSON object.
fn decode(msg: &[u8]) -> Value {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    writeln!(f, "{}", hex::encode(msg)).unwrap();
    let out = common::run(&[
        "--json",
        "--family",
        "route",
        "--hex",
        f.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let m: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(m["problems"], Value::Array(vec![]), "{m}");
    let (mut named, mut all) = (0, 0);
    count_attrs(&m["attrs"], &mut named, &mut all);
    assert_eq!(named, all, "{m}");
    m
}

fn values(n: &Value) -> Vec<Value> {
    n["attrs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["value"].clone())
        .collect()
}

#[test]
fn dcb_ieee_get_reply_structs() {
    // struct ieee_ets: willing, ets_cap, cbs, then seven u8[8] arrays
    let mut ets = vec![1u8, 8, 0];
    ets.extend([10, 20, 30, 40, 0, 0, 0, 0]); // tc_tx_bw
    ets.extend([0u8; 8]); // tc_rx_bw
    ets.extend([2, 2, 2, 2, 0, 0, 0, 255]); // tc_tsa: ETS x4, STRICT, VENDOR
    ets.extend([0, 1, 2, 3, 0, 1, 2, 3]); // prio_tc
    ets.extend([0u8; 24]);
    assert_eq!(ets.len(), 59);
    // struct ieee_pfc: pfc_cap, pfc_en, mbc, pad, u16 delay, pad to 8, u64[8] x2
    let mut pfc = vec![8u8, 0x18, 0, 0];
    pfc.extend(300u16.to_le_bytes());
    pfc.extend([0, 0]);
    pfc.extend((0..8u64).flat_map(|i| (i * 1000).to_le_bytes()));
    pfc.extend((0..8u64).flat_map(|i| i.to_le_bytes()));
    assert_eq!(pfc.len(), 136);
    // struct dcb_app {selector, priority, u16 protocol}
    let app_ether = [1u8, 5, 0xF4, 0x88]; // ethertype 0x88f4 (FCoE init) -> prio 5
    let app_pcp = [255u8, 2, 3, 0]; // DCB_APP_SEL_PCP, pcp 3 -> prio 2
                                    // struct dcbnl_buffer: u8 prio2buffer[8], u32 buffer_size[8], u32 total
    let mut buf = vec![0u8, 0, 1, 1, 2, 2, 3, 3];
    buf.extend(u32s(&[1024, 2048, 4096, 8192, 0, 0, 0, 0, 15360]));
    assert_eq!(buf.len(), 44);
    let mut body = vec![0u8, 21, 0, 0]; // dcbmsg: AF_UNSPEC, DCB_CMD_IEEE_GET
    body.extend(nla(1, b"eth3\0"));
    body.extend(nest(
        13,
        &[
            nla(1, &ets),
            nla(2, &pfc),
            nest(3, &[nla(1, &app_ether), nla(2, &app_pcp)]),
            nla(10, &buf),
            nest(11, &[nla(1, &[5]), nla(2, &[255])]),
        ],
    ));
    body.extend(nla(14, &[0x0c])); // DCB_ATTR_DCBX: VER_CEE|VER_IEEE... 0x04|0x08
    let m = decode(&nlmsg(78, 0, &body));
    assert_eq!(m["type"], "RTM_GETDCB");
    assert_eq!(m["header"]["cmd"], "DCB_CMD_IEEE_GET");
    let e = at(&m, &["DCB_ATTR_IEEE", "DCB_ATTR_IEEE_ETS"]);
    assert_eq!(child(&e["attrs"], "ets_cap")["value"], 8);
    assert_eq!(
        values(child(&e["attrs"], "tc_tx_bw")),
        [10, 20, 30, 40, 0, 0, 0, 0]
    );
    let tsa = values(child(&e["attrs"], "tc_tsa"));
    assert_eq!(tsa[0], "IEEE_8021QAZ_TSA_ETS");
    assert_eq!(tsa[4], "IEEE_8021QAZ_TSA_STRICT");
    assert_eq!(tsa[7], "IEEE_8021QAZ_TSA_VENDOR");
    assert_eq!(
        values(child(&e["attrs"], "prio_tc")),
        [0, 1, 2, 3, 0, 1, 2, 3]
    );
    let p = at(&m, &["DCB_ATTR_IEEE", "DCB_ATTR_IEEE_PFC"]);
    assert_eq!(child(&p["attrs"], "delay")["value"], 300);
    assert_eq!(values(child(&p["attrs"], "requests"))[7], 7000);
    assert_eq!(values(child(&p["attrs"], "indications"))[7], 7);
    let t = at(&m, &["DCB_ATTR_IEEE", "DCB_ATTR_IEEE_APP_TABLE"]);
    let a = child(&t["attrs"], "DCB_ATTR_IEEE_APP");
    assert_eq!(
        child(&a["attrs"], "selector")["value"],
        "IEEE_8021QAZ_APP_SEL_ETHERTYPE"
    );
    assert_eq!(child(&a["attrs"], "protocol")["value"], 0x88f4);
    let a = child(&t["attrs"], "DCB_ATTR_DCB_APP");
    assert_eq!(child(&a["attrs"], "selector")["value"], "DCB_APP_SEL_PCP");
    let b = at(&m, &["DCB_ATTR_IEEE", "DCB_ATTR_DCB_BUFFER"]);
    assert_eq!(values(child(&b["attrs"], "buffer_size"))[3], 8192);
    assert_eq!(child(&b["attrs"], "total_size")["value"], 15360);
    let tr = at(&m, &["DCB_ATTR_IEEE", "DCB_ATTR_DCB_APP_TRUST_TABLE"]);
    assert_eq!(values(tr), ["IEEE_8021QAZ_APP_SEL_DSCP", "DCB_APP_SEL_PCP"]);
    assert_eq!(
        at(&m, &["DCB_ATTR_DCBX"])["value"],
        serde_json::json!(["DCB_CAP_DCBX_VER_CEE", "DCB_CAP_DCBX_VER_IEEE"])
    );
}

#[test]
fn dcb_cee_nests() {
    // DCB_CMD_PGTX_GCFG reply: DCB_ATTR_PG_CFG with TC_0 params and BW ids
    let tc0 = nest(
        1,
        &[nla(1, &[2]), nla(2, &[0x81]), nla(3, &[0]), nla(4, &[25])],
    );
    let mut body = vec![0u8, 3, 0, 0];
    body.extend(nla(1, b"eth3\0"));
    body.extend(nest(6, &[tc0, nla(11, &[40]), nla(18, &[60])]));
    let m = decode(&nlmsg(78, 0, &body));
    assert_eq!(m["header"]["cmd"], "DCB_CMD_PGTX_GCFG");
    let tc = at(&m, &["DCB_ATTR_PG_CFG", "DCB_PG_ATTR_TC_0"]);
    assert_eq!(child(&tc["attrs"], "DCB_TC_ATTR_PARAM_PGID")["value"], 2);
    assert_eq!(child(&tc["attrs"], "DCB_TC_ATTR_PARAM_BW_PCT")["value"], 25);
    assert_eq!(
        at(&m, &["DCB_ATTR_PG_CFG", "DCB_PG_ATTR_BW_ID_0"])["value"],
        40
    );
    assert_eq!(
        at(&m, &["DCB_ATTR_PG_CFG", "DCB_PG_ATTR_BW_ID_7"])["value"],
        60
    );

    // DCB_CMD_CEE_GET reply: peer PG struct, CEE app table, features
    let mut pg = vec![1u8, 0, 1, 8];
    pg.extend([12, 13, 25, 50, 0, 0, 0, 0]);
    pg.extend([0, 1, 2, 3, 4, 5, 6, 7]);
    let mut body = vec![0u8, 26, 0, 0];
    body.extend(nest(
        16,
        &[
            nla(1, &pg),
            nest(
                7,
                &[nest(
                    1,
                    &[
                        nla(1, &[0]),
                        nla(2, &0x8906u16.to_le_bytes()),
                        nla(3, &[0x08]),
                    ],
                )],
            ),
            nest(8, &[nla(2, &[0x06])]),
        ],
    ));
    let m = decode(&nlmsg(78, 0, &body));
    assert_eq!(m["header"]["cmd"], "DCB_CMD_CEE_GET");
    let pg = at(&m, &["DCB_ATTR_CEE", "DCB_ATTR_CEE_PEER_PG"]);
    assert_eq!(values(child(&pg["attrs"], "pg_bw"))[3], 50);
    let app = at(
        &m,
        &["DCB_ATTR_CEE", "DCB_ATTR_CEE_APP_TABLE", "DCB_ATTR_CEE_APP"],
    );
    assert_eq!(
        child(&app["attrs"], "DCB_APP_ATTR_IDTYPE")["value"],
        "DCB_APP_IDTYPE_ETHTYPE"
    );
    assert_eq!(child(&app["attrs"], "DCB_APP_ATTR_ID")["value"], 0x8906);
    assert_eq!(
        at(
            &m,
            &["DCB_ATTR_CEE", "DCB_ATTR_CEE_FEAT", "DCB_FEATCFG_ATTR_PG"]
        )["value"],
        serde_json::json!(["DCB_FEATCFG_ENABLE", "DCB_FEATCFG_WILLING"])
    );
}

#[test]
fn mpls_routes_from_the_corpus() {
    let hex = |name: &str| {
        let p = root().join(format!(
            "samples/paste/corpus-hex/rust-netlink-packet-route__test_{name}.txt"
        ));
        let out = common::run(&[
            "--json",
            "--family",
            "route",
            "--type",
            "RTM_NEWROUTE",
            "--hex",
            p.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{name}");
        let m: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(m["problems"], Value::Array(vec![]), "{m}");
        m
    };
    // ip -f mpls route add 300 via inet6 2001:db8:1::2 dev dummy1
    let m = hex("mpls_route_to_ipv6");
    assert_eq!(m["header"]["rtm_family"], "AF_MPLS");
    let l = &at(&m, &["RTA_DST"])["attrs"][0]["attrs"];
    assert_eq!(child(l, "label")["value"], 300);
    assert_eq!(child(l, "bos")["value"], 1);
    let via = at(&m, &["RTA_VIA"]);
    assert_eq!(child(&via["attrs"], "rtvia_family")["value"], "AF_INET6");
    assert_eq!(child(&via["attrs"], "rtvia_addr")["value"], "2001:db8:1::2");
    // ... relabel: route 100 as 200 via inet6 2001:db8:1::2
    let m = hex("mpls_route_relable_new_dst");
    let d = &at(&m, &["RTA_DST"])["attrs"][0]["attrs"];
    assert_eq!(child(d, "label")["value"], 100);
    let n = &at(&m, &["RTA_NEWDST"])["attrs"][0]["attrs"];
    assert_eq!(child(n, "label")["value"], 200);
    // an IPv4 route keeps RTA_DST as an address; RTA_VIA is still a rtvia
    let m = hex("ipv4_route_via");
    assert_eq!(at(&m, &["RTA_DST"])["value"], "192.0.2.1");
    let via = at(&m, &["RTA_VIA"]);
    assert_eq!(child(&via["attrs"], "rtvia_addr")["value"], "2001:db8:1::");
}

#[test]
fn mpls_multipath_route_vector() {
    // rtmsg AF_MPLS, dst_len 20; RTA_DST label 16 (bos); RTA_MULTIPATH with
    // one rtnexthop (ifindex 3) carrying RTA_NEWDST labels 17,18 and RTA_VIA
    // AF_INET 192.0.2.9. Label entry: label << 12 | tc << 9 | bos << 8 | ttl.
    let lse = |label: u32, bos: u32| ((label << 12) | (bos << 8)).to_be_bytes();
    let mut body = vec![28u8, 20, 0, 0, 254, 3, 0, 1, 0, 0, 0, 0];
    body.extend(nla(1, &lse(16, 1)));
    let mut nh_attrs = nla(19, &[lse(17, 0), lse(18, 1)].concat());
    let mut via = 2u16.to_le_bytes().to_vec();
    via.extend([192, 0, 2, 9]);
    nh_attrs.extend(nla(18, &via));
    let mut nh = ((8 + nh_attrs.len()) as u16).to_le_bytes().to_vec();
    nh.extend([0, 0]);
    nh.extend(3i32.to_le_bytes());
    nh.extend(nh_attrs);
    body.extend(nla(9, &nh));
    let m = decode(&nlmsg(24, 0, &body));
    let nh = &at(&m, &["RTA_MULTIPATH"])["attrs"][0];
    let newdst = child(&nh["attrs"], "RTA_NEWDST");
    let labels: Vec<&Value> = newdst["attrs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| &child(&l["attrs"], "label")["value"])
        .collect();
    assert_eq!(labels, [17, 18]);
    let via = child(&nh["attrs"], "RTA_VIA");
    assert_eq!(child(&via["attrs"], "rtvia_addr")["value"], "192.0.2.9");
}

#[test]
fn can_link_vectors() {
    // corpus: ip link add can0 type can bitrate 500000 loopback on (rust-netlink);
    // the vector's bytes say bitrate 50000 (0x0000c350) and mask LOOPBACK
    // with flags 0, which is what we must show
    let p = root()
        .join("samples/paste/corpus-hex/rust-netlink-packet-route__test_parsing_link_can_add.txt");
    let out = common::run(&[
        "--json",
        "--family",
        "route",
        "--type",
        "RTM_NEWLINK",
        "--hex",
        p.to_str().unwrap(),
    ]);
    let m: Value = serde_json::from_slice(&out.stdout).unwrap();
    let data = at(&m, &["IFLA_LINKINFO", "IFLA_INFO_DATA"]);
    let bt = child(&data["attrs"], "IFLA_CAN_BITTIMING");
    assert_eq!(child(&bt["attrs"], "bitrate")["value"], 50000);
    let cm = child(&data["attrs"], "IFLA_CAN_CTRLMODE");
    assert_eq!(
        child(&cm["attrs"], "mask")["value"],
        serde_json::json!(["CAN_CTRLMODE_LOOPBACK"])
    );

    // a CAN FD controller as RTM_NEWLINK would report it, from linux/can/netlink.h
    let mut btc = b"mcp251xfd\0\0\0\0\0\0\0".to_vec();
    btc.extend(u32s(&[2, 256, 1, 128, 128, 1, 256, 1]));
    let mut termc = Vec::new();
    termc.extend(0u16.to_le_bytes());
    termc.extend(120u16.to_le_bytes());
    let info_data = nest(
        2,
        &[
            nla(1, &u32s(&[500000, 875, 25, 34, 35, 10, 1, 1])),
            nla(2, &btc),
            nla(3, &u32s(&[40_000_000])),
            nla(4, &u32s(&[3])),
            nla(5, &u32s(&[0x20 | 0x200, 0x20])),
            nla(6, &u32s(&[100])),
            nla(8, &[5, 0, 7, 0]),
            nla(11, &120u16.to_le_bytes()),
            nla(12, &termc),
            nest(16, &[nla(1, &u32s(&[0])), nla(8, &u32s(&[15]))]),
            nest(17, &[nla(1, &u32s(&[0x7ff]))]),
        ],
    );
    let mut body = vec![0u8, 0, 0x18, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    body.extend(nest(18, &[nla(1, b"can\0"), info_data]));
    let m = decode(&nlmsg(16, 0, &body));
    let d = at(&m, &["IFLA_LINKINFO", "IFLA_INFO_DATA"]);
    let f = |n: &str| child(&d["attrs"], n);
    assert_eq!(
        child(&f("IFLA_CAN_BITTIMING")["attrs"], "sample_point")["value"],
        875
    );
    assert_eq!(
        child(&f("IFLA_CAN_BITTIMING_CONST")["attrs"], "name")["value"],
        "mcp251xfd"
    );
    assert_eq!(
        child(&f("IFLA_CAN_BITTIMING_CONST")["attrs"], "brp_max")["value"],
        256
    );
    assert_eq!(
        child(&f("IFLA_CAN_CLOCK")["attrs"], "freq")["value"],
        40_000_000
    );
    assert_eq!(f("IFLA_CAN_STATE")["value"], "CAN_STATE_BUS_OFF");
    assert_eq!(
        child(&f("IFLA_CAN_CTRLMODE")["attrs"], "mask")["value"],
        serde_json::json!(["CAN_CTRLMODE_FD", "CAN_CTRLMODE_TDC_AUTO"])
    );
    assert_eq!(
        child(&f("IFLA_CAN_BERR_COUNTER")["attrs"], "rxerr")["value"],
        7
    );
    assert_eq!(f("IFLA_CAN_TERMINATION")["value"], 120);
    assert_eq!(values(f("IFLA_CAN_TERMINATION_CONST")), [0, 120]);
    assert_eq!(
        child(&f("IFLA_CAN_TDC")["attrs"], "IFLA_CAN_TDC_TDCO")["value"],
        15
    );
    let sup = child(
        &f("IFLA_CAN_CTRLMODE_EXT")["attrs"],
        "IFLA_CAN_CTRLMODE_SUPPORTED",
    );
    assert_eq!(sup["value"].as_array().unwrap().len(), 11);
}

#[test]
fn ip6mr_cache_report_vector() {
    // RTNL_FAMILY_IP6MR report: MRT6MSG_NOCACHE on MIF 1, 16-byte addresses
    let mut body = vec![129u8, 0, 0, 0];
    body.extend(nla(1, &[1]));
    body.extend(nla(2, &u32s(&[1])));
    let src: [u8; 16] = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    let dst: [u8; 16] = [0xff, 0x0e, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12, 0x34];
    body.extend(nla(3, &src));
    body.extend(nla(4, &dst));
    let m = decode(&nlmsg(96, 0, &body));
    assert_eq!(m["type"], "RTM_NEWCACHEREPORT");
    assert_eq!(m["header"]["rtgen_family"], "RTNL_FAMILY_IP6MR");
    assert_eq!(at(&m, &["IPMRA_CREPORT_SRC_ADDR"])["value"], "2001:db8::1");
    assert_eq!(at(&m, &["IPMRA_CREPORT_DST_ADDR"])["value"], "ff0e::1234");
}
