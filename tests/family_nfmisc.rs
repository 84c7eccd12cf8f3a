//! nfnetlink subsystems other than nf_tables: conntrack (+ expectations),
//! ipset, nfacct, cttimeout, nfqueue and nflog, on the real samples made by
//! scripts/make-samples.sh (see samples/README.md).
//!
//! Golden files live in tests/golden_family/ (tests/golden.rs insists that
//! every file in tests/golden/ is one of its own cases). Regenerate with
//! `NLDUMP_BLESS=1 cargo test --test family_nfmisc` and read the diff.
//! The content checks compare with what the tools printed when the samples
//! were recorded (conntrack -L / -S, ipset list, nfct list) and with the
//! request bytes scripts/nfqlog-demo.py builds by hand.

mod common;

use serde_json::Value;
use std::path::PathBuf;

const GOLDEN: &[(&str, &[&str], &str)] = &[
    ("samples/conntrack-list.pcap", &[], "conntrack-list.txt"),
    (
        "samples/conntrack-list.pcap",
        &["-v"],
        "conntrack-list.v.txt",
    ),
    ("samples/conntrack-events.pcap", &[], "conntrack-events.txt"),
    ("samples/ipset-cmds.pcap", &[], "ipset-cmds.txt"),
    ("samples/ipset-cmds.pcap", &["--json"], "ipset-cmds.jsonl"),
    ("samples/nfacct-cttimeout.pcap", &[], "nfacct-cttimeout.txt"),
    ("samples/nfqueue-nflog.pcap", &[], "nfqueue-nflog.txt"),
    ("samples/nfqueue-nflog.pcap", &["-v"], "nfqueue-nflog.v.txt"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn golden_outputs() {
    let mut failures = Vec::new();
    for (capture, args, golden) in GOLDEN {
        let path = root().join(capture);
        let mut a = vec!["-r", path.to_str().unwrap()];
        a.extend_from_slice(args);
        a.extend_from_slice(&["--color", "never"]);
        let out = common::run(&a);
        assert_eq!(out.status.code(), Some(0), "{capture} {args:?}");
        let got = String::from_utf8(out.stdout).expect("UTF-8");
        let file = root().join("tests/golden_family").join(golden);
        common::golden_check(&file, golden, &got, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Text output lines of a capture.
fn text(capture: &str) -> Vec<String> {
    let path = common::sample(capture);
    let out = common::run(&["-r", path.to_str().unwrap(), "--color", "never"]);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// The text line of frame `n` (or sub-message `n.k`).
fn line<'a>(lines: &'a [String], n: &str) -> &'a str {
    let p = format!("{n} ");
    lines
        .iter()
        .find(|l| l.starts_with(&p))
        .unwrap_or_else(|| panic!("no frame {n}"))
}

fn no_unknowns(capture: &str) {
    let path = common::sample(capture);
    let out = common::run(&["-v", "-r", path.to_str().unwrap(), "--color", "never"]);
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(!t.contains("???"), "{capture}: unknown attributes");
    assert!(
        !t.contains(" payload = "),
        "{capture}: message without spec"
    );
    assert!(!t.contains("malformed"), "{capture}: malformed");
}

#[test]
fn every_attribute_is_named() {
    for c in [
        "conntrack-list.pcap",
        "conntrack-events.pcap",
        "ipset-cmds.pcap",
        "nfacct-cttimeout.pcap",
        "nfqueue-nflog.pcap",
    ] {
        no_unknowns(c);
    }
}

#[test]
fn conntrack_list_matches_the_tools_output() {
    let l = text("conntrack-list.pcap");
    // conntrack -L printed: tcp 6 ... ESTABLISHED src=10.9.0.1 dst=10.9.0.2
    // dport=21 ... [ASSURED] helper=ftp, and an icmp type=8 id=1 flow
    let tcp = line(&l, "2.1");
    assert!(tcp.contains("IPCTNL_MSG_CT_NEW flags=MULTI"));
    for want in [
        "CTA_IP_V4_SRC=10.9.0.1",
        "CTA_IP_V4_DST=10.9.0.2",
        "CTA_PROTO_NUM=IPPROTO_TCP",
        "CTA_PROTO_DST_PORT=21",
        "CTA_STATUS=IPS_SEEN_REPLY|IPS_ASSURED|IPS_CONFIRMED|IPS_HELPER",
        "CTA_PROTOINFO_TCP_STATE=TCP_CONNTRACK_ESTABLISHED",
        "CTA_PROTOINFO_TCP_FLAGS_ORIGINAL={flags=IP_CT_TCP_FLAG_WINDOW_SCALE|",
        "CTA_HELP=[CTA_HELP_NAME=\"ftp\"]",
        "CTA_COUNTERS_ORIG=[CTA_COUNTERS_PACKETS=",
        "CTA_TIMESTAMP=[CTA_TIMESTAMP_START=",
    ] {
        assert!(tcp.contains(want), "{want} not in {tcp}");
    }
    let icmp = line(&l, "2.3");
    for want in [
        "CTA_PROTO_NUM=IPPROTO_ICMP",
        "CTA_PROTO_ICMP_ID=1, CTA_PROTO_ICMP_TYPE=8, CTA_PROTO_ICMP_CODE=0",
        "CTA_PROTO_ICMP_TYPE=0",
    ] {
        assert!(icmp.contains(want), "{want} not in {icmp}");
    }
    // conntrack -L expect: proto=6 dport=51210 (200*256+10 from the fake
    // server's 227 reply) mask dport=65535 master dport=21 helper=ftp
    let exp = line(&l, "5");
    assert!(exp.contains("IPCTNL_MSG_EXP_NEW"));
    for want in [
        "CTA_EXPECT_TUPLE=[CTA_TUPLE_IP=[CTA_IP_V4_SRC=10.9.0.1, CTA_IP_V4_DST=10.9.0.2]",
        "CTA_PROTO_DST_PORT=51210",
        "CTA_EXPECT_MASK=[CTA_TUPLE_IP=[CTA_IP_V4_SRC=255.255.255.255",
        "CTA_PROTO_DST_PORT=65535",
        "CTA_EXPECT_MASTER=",
        "CTA_EXPECT_CLASS=0",
        "CTA_EXPECT_HELP_NAME=\"ftp\"",
    ] {
        assert!(exp.contains(want), "{want} not in {exp}");
    }
    // conntrack -S: one reply per CPU, res_id = cpu (cpu=0, cpu=1)
    assert!(line(&l, "8.2").contains("res_id=1} [CTA_STATS_FOUND=0"));
    assert!(line(&l, "8.1").contains("CTA_STATS_CHAIN_TOOLONG=0"));
    // conntrack -C printed 3
    assert!(line(&l, "11").contains("CTA_STATS_GLOBAL_ENTRIES=3, CTA_STATS_GLOBAL_MAX_ENTRIES="));
    // conntrack -S expect printed cpu=1 expect_create=1; the kernel answers
    // with type 0x103 (subsystem 1), which must not be named CT_GET_CTRZERO
    let es = line(&l, "13.2");
    assert!(es.contains("IPCTNL_MSG_EXP_GET_STATS_CPU"), "{es}");
    assert!(es.contains(
        "res_id=1} [CTA_STATS_EXP_NEW=0, CTA_STATS_EXP_CREATE=1, CTA_STATS_EXP_DELETE=0]"
    ));
    // conntrack -D -p udp: request by tuple, then the ACK
    assert!(line(&l, "17").contains("IPCTNL_MSG_CT_DELETE flags=REQUEST|ACK"));
    assert!(line(&l, "18").contains("ACK") && line(&l, "18").contains("answers 17"));
}

#[test]
fn conntrack_events_new_then_destroy() {
    let l = text("conntrack-events.pcap");
    let new = line(&l, "1");
    assert!(new.contains("<- IPCTNL_MSG_CT_NEW flags=0x600"), "{new}");
    assert!(new.contains("CTA_PROTO_DST_PORT=5354"));
    assert!(new.contains("CTA_TIMESTAMP_EVENT="));
    let del = line(&l, "5");
    assert!(del.contains("<- IPCTNL_MSG_CT_DELETE"), "{del}");
    assert!(del.contains("CTA_STATUS=IPS_CONFIRMED|IPS_DYING"));
    assert!(del.contains("CTA_TIMESTAMP_STOP="));
}

fn ipset_json() -> Vec<Value> {
    let (code, v) = common::json_lines(&common::sample("ipset-cmds.pcap"));
    assert_eq!(code, 0);
    v
}

#[test]
fn ipset_list_matches_ipset_list_output() {
    let l = text("ipset-cmds.pcap");
    let find = |needle: &str| {
        l.iter()
            .find(|x| x.contains(needle))
            .unwrap_or_else(|| panic!("no line with {needle}"))
            .clone()
    };
    // ipset add nlda 192.0.2.1: the element nested in IPSET_ATTR_DATA with
    // an IPSET_ATTR_IP -> IPSET_ATTR_IPADDR_IPV4 (NLA_F_NET_BYTEORDER)
    let add = find("IPSET_CMD_ADD");
    assert!(add.contains("IPSET_ATTR_SETNAME=\"nlda\", IPSET_ATTR_DATA=[IPSET_ATTR_IP=[IPSET_ATTR_IPADDR_IPV4=192.0.2.1]"), "{add}");
    // ipset list: "Header: family inet6 hashsize 1024 maxelem 65536 timeout 300
    // counters comment bucketsize 12"; member 2001:db8::1 comment "hello"
    let listed = |name: &str| {
        l.iter()
            .find(|x| x.contains("<- IPSET_CMD_LIST") && x.contains(name))
            .unwrap_or_else(|| panic!("{name} not listed"))
            .clone()
    };
    let d = listed("IPSET_ATTR_SETNAME=\"nldd\", IPSET_ATTR_TYPENAME=\"hash:ip\", IPSET_ATTR_FAMILY=NFPROTO_IPV6");
    for want in [
        "IPSET_ATTR_HASHSIZE=1024",
        "IPSET_ATTR_MAXELEM=65536",
        "IPSET_ATTR_BUCKETSIZE=12",
        "IPSET_ATTR_TIMEOUT=300",
        "IPSET_ATTR_CADT_FLAGS=IPSET_FLAG_WITH_COUNTERS|IPSET_FLAG_WITH_COMMENT",
        "IPSET_ATTR_ADT=[IPSET_ATTR_DATA=[IPSET_ATTR_IP=[IPSET_ATTR_IPADDR_IPV6=2001:db8::1]",
        "IPSET_ATTR_COMMENT=\"hello\"",
    ] {
        assert!(d.contains(want), "{want} not in {d}");
    }
    // "198.51.100.0/24,tcp:80" and bitmap "range 1000-2000", member 1022
    let b = listed("IPSET_ATTR_TYPENAME=\"hash:net,port\"");
    assert!(b.contains("IPSET_ATTR_IPADDR_IPV4=198.51.100.0], IPSET_ATTR_PORT=80, IPSET_ATTR_CIDR=24, IPSET_ATTR_PROTO=6"), "{b}");
    let c = listed("IPSET_ATTR_TYPENAME=\"bitmap:port\"");
    assert!(
        c.contains("IPSET_ATTR_DATA=[IPSET_ATTR_PORT=1000, IPSET_ATTR_PORT_TO=2000"),
        "{c}"
    );
    assert!(
        c.contains("IPSET_ATTR_ADT=[IPSET_ATTR_DATA=[IPSET_ATTR_PORT=1022]]"),
        "{c}"
    );
    // test miss: IPSET_ERR_EXIST = 4096 + 7; swap of different types:
    // IPSET_ERR_TYPE_MISMATCH = 4096 + 6 (ip_set.h)
    assert!(find("nlmsg_type=IPSET_CMD_TEST").contains("error=-4103"));
    assert!(find("nlmsg_type=IPSET_CMD_SWAP").contains("error=-4102"));
    assert!(find("IPSET_CMD_RENAME")
        .contains("IPSET_ATTR_SETNAME=\"nldc\", IPSET_ATTR_SETNAME2=\"nlde\""));
    // the JSON form carries the same names
    let js = ipset_json();
    assert!(js
        .iter()
        .any(|m| m.to_string().contains("IPSET_ATTR_IPADDR_IPV6")));
}

#[test]
fn nfacct_and_cttimeout_match_the_tools() {
    let l = text("nfacct-cttimeout.pcap");
    assert!(line(&l, "1").contains("NFNL_MSG_ACCT_NEW flags=REQUEST|ACK|CREATE"));
    assert!(line(&l, "1").contains("NFACCT_NAME=\"nldpkts\", NFACCT_PKTS=0, NFACCT_BYTES=0"));
    assert!(line(&l, "6.2").contains("NFACCT_NAME=\"nldquota\""));
    assert!(line(&l, "11").contains("NFNL_MSG_ACCT_DEL"));
    // nfct add timeout nldtcp inet tcp established 100 close 10
    let t = line(&l, "13");
    assert!(t.contains("CTA_TIMEOUT_L3PROTO=NFPROTO_IPV4, CTA_TIMEOUT_L4PROTO=IPPROTO_TCP, CTA_TIMEOUT_DATA=[CTA_TIMEOUT_TCP_ESTABLISHED=100, CTA_TIMEOUT_TCP_CLOSE=10]"), "{t}");
    // nfct list timeout printed .SYN_SENT = 120, .ESTABLISHED = 100, ...
    let d = line(&l, "18.1");
    assert!(d.contains("CTA_TIMEOUT_TCP_SYN_SENT=120, CTA_TIMEOUT_TCP_SYN_RECV=60, CTA_TIMEOUT_TCP_ESTABLISHED=100"), "{d}");
    assert!(line(&l, "18.2").contains("CTA_TIMEOUT_UDP_UNREPLIED=10, CTA_TIMEOUT_UDP_REPLIED=20"));
    // default-get icmp: .TIMEOUT = 30, answered with type DEFAULT_SET
    let g = line(&l, "24");
    assert!(
        g.contains("IPCTNL_MSG_TIMEOUT_DEFAULT_SET") && g.contains("CTA_TIMEOUT_ICMP_TIMEOUT=30"),
        "{g}"
    );
}

#[test]
fn nfqueue_and_nflog_match_the_demo_script() {
    let l = text("nfqueue-nflog.pcap");
    // the script's requests, byte by byte from scripts/nfqlog-demo.py
    assert!(
        line(&l, "1").contains("NFULNL_MSG_CONFIG")
            && line(&l, "1").contains("NFULA_CFG_CMD={command=NFULNL_CFG_CMD_PF_BIND}")
    );
    assert!(line(&l, "5").contains("NFULA_CFG_MODE={copy_range=65535, copy_mode=NFULNL_COPY_PACKET}, NFULA_CFG_TIMEOUT=0, NFULA_CFG_QTHRESH=1, NFULA_CFG_FLAGS=NFULNL_CFG_F_SEQ"));
    assert!(line(&l, "9").contains("NFQA_CFG_PARAMS={copy_range=128, copy_mode=NFQNL_COPY_PACKET}, NFQA_CFG_QUEUE_MAXLEN=16, NFQA_CFG_MASK=NFQA_CFG_F_FAIL_OPEN"));
    // the logged packet: group 1, LOCAL_OUT, prefix from the nft rule, IPv4
    let p = line(&l, "11");
    assert!(
        p.contains("<- NFULNL_MSG_PACKET") && p.contains("res_id=1}"),
        "{p}"
    );
    assert!(p.contains("NFULA_PACKET_HDR={hw_protocol=0x800, hook=NF_INET_LOCAL_OUT}"));
    assert!(p.contains("NFULA_PREFIX=\"nldlog \""));
    // the payload (the packet, shown in hex) carries the script's UDP text
    let text_hex: String = b"nldump nfqueue/nflog demo"
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(p.contains(&text_hex), "{p}");
    // the queued packet (queue 0, id 1) and the script's verdict on it
    let q = line(&l, "12");
    assert!(
        q.contains("<- NFQNL_MSG_PACKET")
            && q.contains(
                "NFQA_PACKET_HDR={packet_id=1, hw_protocol=0x800, hook=NF_INET_LOCAL_OUT}"
            ),
        "{q}"
    );
    assert!(
        line(&l, "13").contains("NFQNL_MSG_VERDICT flags=REQUEST")
            && line(&l, "13").contains("NFQA_VERDICT_HDR={verdict=NF_ACCEPT, id=1}")
    );
}
