//! nfnetlink subsystems added in the nf-extra slice: NFNL_SUBSYS_HOOK
//! (`nft list hooks`), NFNL_SUBSYS_CTHELPER (`nfct ... helper`),
//! NFNL_SUBSYS_OSF (`nfnl_osf`), and IPSET_ATTR_BITMASK, on the real samples
//! made by scripts/make-samples.sh (see samples/README.md) and on the
//! hand-built reply vectors in tests/golden_nf_extra/vectors/ (this kernel
//! has neither nfnetlink_hook nor nfnetlink_cthelper: it answers their
//! requests with -EINVAL).
//!
//! Golden files live in tests/golden_nf_extra/. Regenerate with
//! `NLDUMP_BLESS=1 cargo test --test family_nf_extra` and read the diff.
//! The content checks compare with strace's own decoding in
//! samples/strace/*.log, with the pf.os lines the recipe loads, with what
//! `ipset list` printed, and with the values make-vectors.py put in.

mod common;

use serde_json::Value;
use std::path::PathBuf;

const V: &str = "tests/golden_nf_extra/vectors/";

/// (input, extra args, golden file)
const GOLDEN: &[(&str, &[&str], &str)] = &[
    ("samples/nfhook-list.pcap", &[], "nfhook-list.txt"),
    ("samples/nfct-helper.pcap", &[], "nfct-helper.txt"),
    ("samples/nfct-helper.pcap", &["-v"], "nfct-helper.v.txt"),
    ("samples/nfosf-load.pcap", &[], "nfosf-load.txt"),
    ("samples/nfosf-load.pcap", &["-v"], "nfosf-load.v.txt"),
    ("samples/nfosf-load.pcap", &["--json"], "nfosf-load.jsonl"),
    ("samples/ipset-bitmask.pcap", &[], "ipset-bitmask.txt"),
    (
        "tests/golden_nf_extra/vectors/hook-dump.txt",
        &["--family", "netfilter"],
        "vector-hook-dump.txt",
    ),
    (
        "tests/golden_nf_extra/vectors/hook-dump.txt",
        &["--family", "netfilter", "-v"],
        "vector-hook-dump.v.txt",
    ),
    (
        "tests/golden_nf_extra/vectors/cthelper-dump.txt",
        &["--family", "netfilter"],
        "vector-cthelper-dump.txt",
    ),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// nldump's output for a capture or paste, checked to exit 0.
fn run(input: &str, args: &[&str]) -> String {
    let path = root().join(input);
    let mut a = vec!["-r", path.to_str().unwrap()];
    a.extend_from_slice(args);
    a.extend_from_slice(&["--color", "never"]);
    let out = common::run(&a);
    assert_eq!(out.status.code(), Some(0), "{input} {args:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn golden_outputs() {
    let mut failures = Vec::new();
    for (input, args, golden) in GOLDEN {
        let got = run(input, args);
        let file = root().join("tests/golden_nf_extra").join(golden);
        common::golden_check(&file, golden, &got, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_golden_file_has_a_case() {
    for e in std::fs::read_dir(root().join("tests/golden_nf_extra")).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            continue;
        }
        let name = e.file_name().into_string().unwrap();
        assert!(
            GOLDEN.iter().any(|(_, _, g)| *g == name),
            "tests/golden_nf_extra/{name} is not produced by any case"
        );
    }
}

/// The text line of frame `n` (or sub-message `n.k`).
fn line<'a>(text: &'a str, n: &str) -> &'a str {
    let p = format!("{n} ");
    text.lines()
        .find(|l| l.starts_with(&p))
        .unwrap_or_else(|| panic!("no frame {n}"))
}

#[test]
fn every_attribute_is_named() {
    for (input, args) in [
        ("samples/nfhook-list.pcap", &[][..]),
        ("samples/nfct-helper.pcap", &[]),
        ("samples/nfosf-load.pcap", &[]),
        ("samples/ipset-bitmask.pcap", &[]),
        (
            "tests/golden_nf_extra/vectors/hook-dump.txt",
            &["--family", "netfilter"],
        ),
        (
            "tests/golden_nf_extra/vectors/cthelper-dump.txt",
            &["--family", "netfilter"],
        ),
    ] {
        let mut a = args.to_vec();
        a.push("-v");
        let t = run(input, &a);
        assert!(!t.contains("???"), "{input}: unknown attributes");
        assert!(!t.contains(" payload = "), "{input}: message without spec");
        assert!(!t.contains("malformed"), "{input}: malformed");
        assert!(!t.contains("trailing"), "{input}: struct bytes left over");
    }
}

/// strace's nfgen_family (AF_* spelling) as the NFPROTO_* name it stands for.
fn nfproto_of_af(af: &str) -> &'static str {
    match af {
        "AF_UNIX" => "NFPROTO_INET",
        "AF_INET" => "NFPROTO_IPV4",
        "AF_AX25" => "NFPROTO_ARP",
        "AF_APPLETALK" => "NFPROTO_NETDEV",
        "AF_BRIDGE" => "NFPROTO_BRIDGE",
        "AF_INET6" => "NFPROTO_IPV6",
        // nft 1.0.6 also asks family 12 (NFPROTO_DECNET, which has no hook
        // names: shown as a number)
        "AF_DECnet" => "NFPROTO_DECNET",
        other => panic!("unexpected nfgen_family {other}"),
    }
}

/// Hook name for (NFPROTO_*, number), from linux/netfilter.h and
/// netfilter_arp.h.
fn hook_name(proto: &str, n: u32) -> String {
    let names: &[&str] = match proto {
        "NFPROTO_DECNET" => return n.to_string(),
        "NFPROTO_NETDEV" => &["NF_NETDEV_INGRESS", "NF_NETDEV_EGRESS"],
        "NFPROTO_ARP" => &["NF_ARP_IN", "NF_ARP_OUT", "NF_ARP_FORWARD"],
        _ => &[
            "NF_INET_PRE_ROUTING",
            "NF_INET_LOCAL_IN",
            "NF_INET_FORWARD",
            "NF_INET_LOCAL_OUT",
            "NF_INET_POST_ROUTING",
            "NF_INET_INGRESS",
        ],
    };
    names[n as usize].to_string()
}

/// The `\xHH` bytes of a strace quoted string starting at `s`.
fn strace_bytes(s: &str) -> Vec<u8> {
    let body = &s[1..s[1..].find('"').unwrap() + 1];
    body.split("\\x")
        .filter(|h| !h.is_empty())
        .map(|h| u8::from_str_radix(h, 16).unwrap())
        .collect()
}

#[test]
fn hook_requests_match_strace() {
    // strace's decoding of every NFNL_MSG_HOOK_GET the two nft runs sent:
    // (nfgen_family, hook number, device)
    let log = std::fs::read_to_string(root().join("samples/strace/nfhook-list.log")).unwrap();
    let mut want = Vec::new();
    for l in log.lines() {
        if !(l.contains(" sendto(") && l.contains("NFNL_SUBSYS_HOOK<<8|NFNL_MSG_HOOK_GET")) {
            continue;
        }
        let af = l.split("nfgen_family=").nth(1).unwrap();
        let af = &af[..af.find(',').unwrap()];
        let proto = nfproto_of_af(af);
        let hook = l.split("nla_type=0x1}, ").nth(1).unwrap();
        let b = strace_bytes(hook);
        let n = u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        let dev = l.split("nla_type=0x3}, ").nth(1).map(|d| {
            let b = strace_bytes(d);
            String::from_utf8(b[..b.len() - 1].to_vec()).unwrap()
        });
        want.push((proto, hook_name(proto, n), dev));
    }
    assert_eq!(want.len(), 21, "nft asked 20 hooks, then one netdev device");
    let t = run("samples/nfhook-list.pcap", &[]);
    let got: Vec<&str> = t
        .lines()
        .filter(|l| l.contains("-> NFNL_MSG_HOOK_GET flags=REQUEST|DUMP"))
        .collect();
    assert_eq!(got.len(), want.len());
    for (g, (proto, hook, dev)) in got.iter().zip(&want) {
        assert!(g.contains(&format!("nfgen_family={proto},")), "{g}");
        assert!(g.contains(&format!("NFNLA_HOOK_HOOKNUM={hook}")), "{g}");
        if let Some(d) = dev {
            assert!(g.contains(&format!("NFNLA_HOOK_DEV=\"{d}\"")), "{g}");
        }
    }
    // every one answered as strace saw it: -EINVAL, the request echoed
    let errors = t
        .lines()
        .filter(|l| {
            l.contains("NLMSG_ERROR")
                && l.contains("error=-EINVAL")
                && l.contains("nlmsg_type=NFNL_MSG_HOOK_GET")
        })
        .count();
    let strace_errors = log
        .lines()
        .filter(|l| l.contains("error=-EINVAL") && l.contains("NFNL_SUBSYS_HOOK"))
        .count();
    assert_eq!(errors, strace_errors);
    assert_eq!(errors, 21);
}

#[test]
fn cthelper_requests_match_strace() {
    let t = run("samples/nfct-helper.pcap", &[]);
    // nfct add helper ftp inet tcp: strace shows NFCTH_PRIV_DATA_LEN
    // "\x00\x00\x00\x18", tuple l3 0x0002 l4 6, policy "ftp" max 1 timeout
    // 0x12c, NLM_F_CREATE, answered -EINVAL
    let add = line(&t, "1");
    for want in [
        "NFNL_MSG_CTHELPER_NEW flags=REQUEST|ACK|CREATE",
        "NFCTH_NAME=\"ftp\"",
        "NFCTH_PRIV_DATA_LEN=24",
        "NFCTH_TUPLE=[NFCTH_TUPLE_L3PROTONUM=NFPROTO_IPV4, NFCTH_TUPLE_L4PROTONUM=IPPROTO_TCP]",
        "NFCTH_POLICY=[NFCTH_POLICY_SET1=[NFCTH_POLICY_NAME=\"ftp\", NFCTH_POLICY_EXPECT_MAX=1, NFCTH_POLICY_EXPECT_TIMEOUT=300], NFCTH_POLICY_SET_NUM=1]",
    ] {
        assert!(add.contains(want), "{want} not in {add}");
    }
    assert!(line(&t, "2").contains("error=-EINVAL"));
    // nfct list helper: a dump request
    assert!(line(&t, "3").contains("NFNL_MSG_CTHELPER_GET flags=REQUEST|DUMP"));
    // nfct get helper ftp inet tcp
    let get = line(&t, "5");
    assert!(get.contains("NFNL_MSG_CTHELPER_GET flags=REQUEST|ACK"));
    assert!(get.contains("NFCTH_TUPLE_L4PROTONUM=IPPROTO_TCP"));
    // nfct del helper ftp
    let del = line(&t, "7");
    assert!(del.contains("NFNL_MSG_CTHELPER_DEL flags=REQUEST|ACK"));
    assert!(del.contains("[NFCTH_NAME=\"ftp\"]"));
    assert!(line(&t, "8").contains("error=-EINVAL"));
}

/// pf.os lines of the recipe: window:ttl:df:size:options:genre:version:subtype
///   S4:64:1:60:M*,S,T,N,W7:Linux:3.x-6.x:lnx
///   65535:128:1:52:M1460,N,W8,N,N,S:Windows:10:w10
///   T4:255:0:44:M*:Other:1.0:
#[test]
fn osf_fingerprints_match_the_pf_os_file() {
    let t = run("samples/nfosf-load.pcap", &[]);
    let linux = line(&t, "1");
    for want in [
        "OSF_MSG_ADD flags=REQUEST|ACK|CREATE",
        "wss={wc=OSF_WSS_MSS, val=4}, ttl=64, df=1, ss=60,",
        "opt_num=5, genre=\"Linux\", version=\"3.x-6.x\", subtype=\"lnx\"",
        "[0]={kind=OSFOPT_MSS, length=4,",
        "[1]={kind=OSFOPT_SACKP, length=2,",
        "[2]={kind=OSFOPT_TS, length=10,",
        "[3]={kind=OSFOPT_NOP, length=1,",
        "[4]={kind=OSFOPT_WSO, length=3, wc={wc=OSF_WSS_PLAIN, val=7}}",
    ] {
        assert!(linux.contains(want), "{want} not in {linux}");
    }
    assert!(!linux.contains("[5]="), "only opt_num options: {linux}");
    let win = line(&t, "3");
    for want in [
        "wss={wc=OSF_WSS_PLAIN, val=65535}, ttl=128, df=1, ss=52,",
        "opt_num=6, genre=\"Windows\", version=\"10\", subtype=\"w10\"",
        "[0]={kind=OSFOPT_MSS, length=4, wc={wc=OSF_WSS_PLAIN, val=1460}}",
        "[2]={kind=OSFOPT_WSO, length=3, wc={wc=OSF_WSS_PLAIN, val=8}}",
        "[5]={kind=OSFOPT_SACKP, length=2,",
    ] {
        assert!(win.contains(want), "{want} not in {win}");
    }
    let other = line(&t, "5");
    for want in [
        "wss={wc=OSF_WSS_MTU, val=4}, ttl=255, df=0, ss=44,",
        "opt_num=1, genre=\"Other\", version=\"1.0\", subtype=\"\"",
    ] {
        assert!(other.contains(want), "{want} not in {other}");
    }
    // all three added and removed (ACKs), then removed again: ENOENT
    for n in ["2", "4", "6", "8", "10", "12"] {
        assert!(line(&t, n).contains("ACK flags=CAPPED"), "frame {n}");
    }
    for n in ["7", "9", "11", "13", "15", "17"] {
        assert!(line(&t, n).contains("OSF_MSG_REMOVE flags=REQUEST|ACK "));
    }
    for n in ["14", "16", "18"] {
        assert!(line(&t, n).contains("error=-ENOENT"), "frame {n}");
    }
}

#[test]
fn osf_json_carries_the_option_array() {
    let path = root().join("samples/nfosf-load.pcap");
    let (code, msgs) = common::json_lines(&path);
    assert_eq!(code, 0);
    let first: &Value = &msgs[0];
    let s = first.to_string();
    assert!(s.contains("OSF_ATTR_FINGER"), "{s}");
    assert!(s.contains("\"Linux\""), "{s}");
    assert!(s.contains("OSFOPT_WSO"), "{s}");
}

#[test]
fn ipset_bitmask_matches_ipset_list() {
    // ipset list printed: hash:ip revision 6, family inet, hashsize 1024,
    // maxelem 65536, bitmask 255.255.255.0, bucketsize 12, one member; the
    // member 192.0.2.77 is stored masked (192.0.2.0)
    let t = run("samples/ipset-bitmask.pcap", &[]);
    let create = t
        .lines()
        .find(|l| l.contains("-> IPSET_CMD_CREATE"))
        .expect("create");
    assert!(create
        .contains("IPSET_ATTR_DATA=[IPSET_ATTR_BITMASK=[IPSET_ATTR_IPADDR_IPV4=255.255.255.0]]"));
    let list = t
        .lines()
        .find(|l| l.contains("<- IPSET_CMD_LIST flags=MULTI"))
        .expect("list reply");
    for want in [
        "IPSET_ATTR_TYPENAME=\"hash:ip\"",
        "IPSET_ATTR_REVISION=6",
        "IPSET_ATTR_HASHSIZE=1024",
        "IPSET_ATTR_MAXELEM=65536",
        "IPSET_ATTR_BITMASK=[IPSET_ATTR_IPADDR_IPV4=255.255.255.0]",
        "IPSET_ATTR_BUCKETSIZE=12",
        "IPSET_ATTR_ELEMENTS=1",
        "IPSET_ATTR_IP=[IPSET_ATTR_IPADDR_IPV4=192.0.2.0]",
    ] {
        assert!(list.contains(want), "{want} not in {list}");
    }
}

#[test]
fn hook_reply_vectors() {
    let t = run(&format!("{V}hook-dump.txt"), &["--family", "netfilter"]);
    // make-vectors.py: nft chain nldfw/input (inet), priority -150, type first
    let nft = line(&t, "1.2");
    for want in [
        "<- NFNL_MSG_HOOK_GET flags=MULTI",
        "NFNLA_HOOK_MODULE_NAME=\"nf_tables\", NFNLA_HOOK_FUNCTION_NAME=\"nft_do_chain_inet\"",
        "NFNLA_HOOK_HOOKNUM=NF_INET_LOCAL_IN, NFNLA_HOOK_PRIORITY=-150",
        "NFNLA_HOOK_CHAIN_INFO=[NFNLA_HOOK_INFO_TYPE=NFNL_HOOK_TYPE_NFTABLES, NFNLA_HOOK_INFO_DESC=[NFNLA_CHAIN_TABLE=\"nldfw\", NFNLA_CHAIN_NAME=\"input\", NFNLA_CHAIN_FAMILY=NFPROTO_INET]]",
    ] {
        assert!(nft.contains(want), "{want} not in {nft}");
    }
    // the type after the description (older kernels' order)
    assert!(line(&t, "1.3").contains(
        "NFNLA_HOOK_INFO_DESC=[NFNLA_CHAIN_TABLE=\"nldip\", NFNLA_CHAIN_NAME=\"in\", NFNLA_CHAIN_FAMILY=NFPROTO_IPV4], NFNLA_HOOK_INFO_TYPE=NFNL_HOOK_TYPE_NFTABLES"
    ));
    assert!(line(&t, "1.4").contains(
        "NFNLA_HOOK_INFO_TYPE=NFNL_HOOK_TYPE_BPF, NFNLA_HOOK_INFO_DESC=[NFNLA_HOOK_BPF_ID=42]"
    ));
    assert!(line(&t, "1.5").contains("NFNLA_HOOK_PRIORITY=2147483647"));
    let ft = line(&t, "1.8");
    assert!(ft.contains("nfgen_family=NFPROTO_NETDEV"));
    assert!(ft.contains("NFNLA_HOOK_HOOKNUM=NF_NETDEV_INGRESS, NFNLA_HOOK_PRIORITY=-500"));
    assert!(ft.contains("NFNLA_HOOK_INFO_TYPE=NFNL_HOOK_TYPE_NFT_FLOWTABLE, NFNLA_HOOK_INFO_DESC=[NFNLA_CHAIN_TABLE=\"nldfw\", NFNLA_CHAIN_NAME=\"ft0\""));
    assert!(line(&t, "1.7").contains("NFNLA_HOOK_DEV=\"nh0\""));
}

#[test]
fn cthelper_reply_vectors() {
    let t = run(&format!("{V}cthelper-dump.txt"), &["--family", "netfilter"]);
    let ftp = line(&t, "1.2");
    for want in [
        "<- NFNL_MSG_CTHELPER_NEW flags=MULTI",
        "NFCTH_NAME=\"ftp\", NFCTH_QUEUE_NUM=1",
        "NFCTH_POLICY=[NFCTH_POLICY_SET_NUM=1, NFCTH_POLICY_SET1=[NFCTH_POLICY_NAME=\"ftp\", NFCTH_POLICY_EXPECT_MAX=1, NFCTH_POLICY_EXPECT_TIMEOUT=300]]",
        "NFCTH_PRIV_DATA_LEN=24, NFCTH_STATUS=NFCT_HELPER_STATUS_ENABLED",
    ] {
        assert!(ftp.contains(want), "{want} not in {ftp}");
    }
    let sip = line(&t, "1.3");
    for want in [
        "NFCTH_TUPLE=[NFCTH_TUPLE_L3PROTONUM=NFPROTO_IPV6, NFCTH_TUPLE_L4PROTONUM=IPPROTO_UDP]",
        "NFCTH_POLICY_SET_NUM=3",
        "NFCTH_POLICY_SET3=[NFCTH_POLICY_NAME=\"video\"",
        "NFCTH_STATUS=NFCT_HELPER_STATUS_DISABLED",
    ] {
        assert!(sip.contains(want), "{want} not in {sip}");
    }
}

/// An OSF_MSG_ADD built here: nlmsghdr, nfgenmsg, OSF_ATTR_FINGER of
/// `finger_len` bytes (struct nf_osf_user_finger is 592) with opt_num = `n`
/// and every used option slot MSS (kind 2, length 4).
fn osf_add_hex(finger_len: usize, n: u16) -> String {
    let mut f = vec![0u8; finger_len];
    if finger_len >= 16 {
        f[14..16].copy_from_slice(&n.to_le_bytes());
    }
    let mut i = 112;
    while i + 12 <= finger_len {
        f[i..i + 2].copy_from_slice(&2u16.to_le_bytes());
        f[i + 2..i + 4].copy_from_slice(&4u16.to_le_bytes());
        i += 12;
    }
    let alen = 4 + finger_len;
    let mut m = Vec::new();
    let total = 16 + 4 + alen.div_ceil(4) * 4;
    m.extend_from_slice(&(total as u32).to_le_bytes());
    m.extend_from_slice(&0x500u16.to_le_bytes());
    m.extend_from_slice(&0x405u16.to_le_bytes());
    m.extend_from_slice(&[1, 0, 0, 0, 0, 0, 0, 0]);
    m.extend_from_slice(&[0, 0, 0, 0]);
    m.extend_from_slice(&(alen as u16).to_le_bytes());
    m.extend_from_slice(&1u16.to_le_bytes());
    m.extend_from_slice(&f);
    m.resize(total, 0);
    m.iter().map(|b| format!("{b:02x}")).collect()
}

fn decode_hex(hex: &str) -> (String, String, i32) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("osf.txt");
    std::fs::write(&p, format!("{hex}\n")).unwrap();
    common::read_with(p.to_str().unwrap(), &["--family", "netfilter"])
}

#[test]
fn osf_opt_num_is_bounded_by_the_array() {
    // opt_num 41 in a 40-slot array: all 40 shown, and a problem reported
    let (out, err, code) = decode_hex(&osf_add_hex(592, 41));
    assert!(out.contains("[39]={kind=OSFOPT_MSS"), "{out}");
    assert!(!out.contains("[40]"), "{out}");
    assert!(
        format!("{out}{err}").contains("opt_num is 41 but there is room for 40 options"),
        "{out}{err}"
    );
    assert_ne!(code, 0);
    // a truncated struct (options cut after 2 slots) with opt_num 3: two shown
    let (out, _, _) = decode_hex(&osf_add_hex(112 + 24, 3));
    assert!(out.contains("[1]={kind=OSFOPT_MSS"), "{out}");
    assert!(!out.contains("[2]="), "{out}");
    // too short for the fixed part: generic struct decoding, no panic
    let (out, _, _) = decode_hex(&osf_add_hex(20, 1));
    assert!(out.contains("OSF_MSG_ADD"), "{out}");
}
