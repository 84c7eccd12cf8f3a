//! Traffic control (dissectors/tc.yaml + src/dissect/tc.rs): golden outputs
//! of samples/tc-kinds.pcap (recorded on this kernel, see samples/README.md)
//! and of rust-netlink's tc test vectors for kinds this kernel lacks
//! (flower, matchall, fq_codel), plus decoded values checked against what
//! the commands asked for and what tc printed.
//! Goldens live in tests/golden_tc/ (tests/golden.rs wants a case of its
//! own for every file in tests/golden/). Regenerate with
//! `NLDUMP_BLESS=1 cargo test --test family_tc` and read the diff.

mod common;

use std::path::PathBuf;
use std::process::Command;

const HEX: &str = "samples/paste/corpus-hex/rust-netlink-packet-route__test_get_";

/// (input, extra arguments, golden file name)
const CASES: &[(&str, &[&str], &str)] = &[
    ("samples/tc-kinds.pcap", &[], "tc-kinds.txt"),
    ("samples/tc-kinds.pcap", &["--json"], "tc-kinds.jsonl"),
];

const VECTORS: &[(&str, &str)] = &[
    ("filter_flower_ct", "RTM_NEWTFILTER"),
    ("filter_flower_ipv4_enc", "RTM_NEWTFILTER"),
    ("filter_flower_ipv6_ports", "RTM_NEWTFILTER"),
    ("filter_flower_mpls_uc_lse", "RTM_NEWTFILTER"),
    ("filter_matchall", "RTM_NEWTFILTER"),
    ("filter_bpf", "RTM_NEWTFILTER"),
    ("filter_u32", "RTM_NEWTFILTER"),
    ("qdisc_fq_codel", "RTM_NEWQDISC"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(input: &str, args: &[&str]) -> String {
    let out = Command::new(common::nldump())
        .current_dir(root())
        .arg("-r")
        .arg(input)
        .args(args)
        .args(["--color", "never"])
        .output()
        .expect("run nldump");
    assert!(
        out.status.success(),
        "{input} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn vector(name: &str, ty: &str, extra: &[&str]) -> String {
    let mut args = vec!["--family", "route", "--type", ty];
    args.extend_from_slice(extra);
    run(&format!("{HEX}{name}.txt"), &args)
}

#[test]
fn golden_tc_outputs() {
    let mut failures = Vec::new();
    let mut cases: Vec<(String, String)> = CASES
        .iter()
        .map(|(i, a, g)| (g.to_string(), run(i, a)))
        .collect();
    for (v, ty) in VECTORS {
        cases.push((format!("tc-vector-{v}.v.txt"), vector(v, ty, &["-v"])));
    }
    for (golden, out) in cases {
        let path = root().join("tests/golden_tc").join(&golden);
        common::golden_check(&path, &golden, &out, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_tc_attribute_is_named() {
    let mut outs = vec![
        run("samples/tc-kinds.pcap", &["-v"]),
        run("samples/tc-qdisc.pcap", &["-v"]),
    ];
    for (v, ty) in VECTORS {
        outs.push(vector(v, ty, &["-v"]));
    }
    for out in outs {
        for line in out.lines() {
            assert!(!line.contains("TCA_???"), "unknown tc attribute: {line}");
            assert!(!line.contains("TCA_") || !line.contains("???"), "{line}");
        }
    }
}

/// Values the commands in scripts/make-samples.sh asked for (tc converts
/// rates to bytes per second: 10mbit = 1250000) and what tc printed back.
#[test]
fn tc_kinds_decodes_what_tc_configured() {
    let out = run("samples/tc-kinds.pcap", &[]);
    let has = |s: &str| assert!(out.contains(s), "missing {s}");
    // htb root: r2q 5, default 20 (0x20 = 32)
    has("TCA_HTB_INIT={version=3, rate2quantum=5, defcls=32,");
    // class 1:1 rate 10mbit ceil 20mbit
    has("rate=1250000}, ceil={cell_log=3, linklayer=TC_LINKLAYER_ETHERNET, overhead=0, cell_align=-1, mpu=0, rate=2500000}");
    // class 1:10 prio 1, class 1:20 prio 2; htb's own class statistics
    has("prio=1}");
    has("TCA_XSTATS={lends=0, borrows=0, giants=0, tokens=");
    has("TCA_STATS_APP={lends=0,");
    // leaf qdiscs
    has("TCA_KIND=\"pfifo\", TCA_OPTIONS={limit=50}");
    has("TCA_KIND=\"bfifo\", TCA_OPTIONS={limit=30000}");
    // pfifo_fast's fixed priomap: 1 2 2 2 1 2 0 0 1 1 1 1 1 1 1 1 (tc qdisc show)
    has("TCA_OPTIONS={bands=3, priomap=0x01020202010200000101010101010101}");
    // tbf rate 1mbit
    has("TCA_TBF_PARMS={rate={cell_log=");
    has("mpu=0, rate=125000}");
    // u32: match ip dst 192.0.2.1/32 (offset 16), ip dport 80 (offset 20)
    has("nkeys=2,");
    has("{mask=0xffffffff, val=0xc0000201, off=16, offmask=0}");
    has("{mask=0xffff, val=0x50, off=20, offmask=0}");
    // ip6 src 2001:db8::1/128: four keys from offset 8 (tc printed the same)
    has("{mask=0xffffffff, val=0x20010db8, off=8, offmask=0}");
    has("{mask=0xffffffff, val=0x1, off=20, offmask=0}");
    has("TCA_U32_CLASSID=0x10001");
    // cBPF bytecode "1,6 0 0 4294967295": one `ret #-1`
    has("TCA_BPF_OPS_LEN=1, TCA_BPF_OPS={[0]={code=6, jt=0, jf=0, k=4294967295}}");
    has("TCA_BPF_CLASSID=0x10010");
    // mirred: redirect is stolen, mirror is pipe (as tc printed them)
    has("action=TC_ACT_STOLEN, refcnt=0, bindcnt=0, eaction=TCA_EGRESS_REDIR, ifindex=1");
    has("action=TC_ACT_PIPE, refcnt=0, bindcnt=0, eaction=TCA_EGRESS_MIRROR, ifindex=1");
    // tc actions add ... index 50 cookie aabbccdd
    has("TCA_MIRRED_PARMS={index=50,");
    has("TCA_ACT_COOKIE=0xaabbccdd");
    // chains 0, 5 and 7
    has("[TCA_CHAIN=7]");
    has("[TCA_CHAIN=5]");
    // the two failures
    has("error=-ENOENT (No such file or directory) msg=\"Specified qdisc kind is unknown\"");
    has("error=-EEXIST (File exists) msg=\"Exclusivity flag on, cannot modify\"");
}

/// rust-netlink's expectations for its vectors (the tc commands in the
/// vector files' comments).
#[test]
fn vectors_decode_like_their_commands() {
    // ct_state +trk ct_zone 11 ct_mark 3456/65535 ct_label 12345678
    let ct = vector("filter_flower_ct", "RTM_NEWTFILTER", &[]);
    for s in [
        "TCA_FLOWER_KEY_IP_PROTO=IPPROTO_TCP",
        "TCA_FLOWER_KEY_CT_STATE=TCA_FLOWER_KEY_CT_FLAGS_TRACKED",
        "TCA_FLOWER_KEY_CT_ZONE=11",
        "TCA_FLOWER_KEY_CT_MARK=3456, TCA_FLOWER_KEY_CT_MARK_MASK=0xffff",
        "TCA_FLOWER_KEY_CT_LABELS=0x12345678000000000000000000000000",
    ] {
        assert!(ct.contains(s), "{s} in {ct}");
    }
    // enc_key_id 33 enc_dst_port 4789 enc_ttl 62 enc_tos 1, mirred redirect
    let enc = vector("filter_flower_ipv4_enc", "RTM_NEWTFILTER", &[]);
    for s in [
        "TCA_FLOWER_KEY_ENC_KEY_ID=33",
        "TCA_FLOWER_KEY_ENC_UDP_DST_PORT=4789",
        "TCA_FLOWER_KEY_ENC_IP_TTL=62",
        "TCA_FLOWER_KEY_ENC_IP_TOS=0x1",
        "eaction=TCA_EGRESS_REDIR",
    ] {
        assert!(enc.contains(s), "{s} in {enc}");
    }
    // fq_codel defaults as the kernel reports them, and its xstats chosen
    // by TCA_KIND one level up (TCA_STATS_APP inside TCA_STATS2)
    let fq = vector("qdisc_fq_codel", "RTM_NEWQDISC", &[]);
    for s in [
        "TCA_FQ_CODEL_LIMIT=10240",
        "TCA_FQ_CODEL_FLOWS=1024",
        "TCA_FQ_CODEL_QUANTUM=1340",
        "TCA_STATS_APP={type=TCA_FQ_CODEL_XSTATS_QDISC, qdisc_stats={maxpacket=",
        "TCA_XSTATS={type=TCA_FQ_CODEL_XSTATS_QDISC,",
    ] {
        assert!(fq.contains(s), "{s} in {fq}");
    }
}
