//! Golden outputs: nldump's text, tree and JSON for every sample capture,
//! compared line by line with tests/golden/. After a deliberate change,
//! regenerate with `NLDUMP_BLESS=1 cargo test --test golden` and read the
//! diff before committing it.

mod common;

use std::path::{Path, PathBuf};

/// (capture, extra arguments, golden file name)
const CASES: &[(&str, &[&str], &str)] = &[
    ("samples/route-link-dump.pcap", &[], "route-link-dump.txt"),
    (
        "samples/route-link-dump.pcap",
        &["--json"],
        "route-link-dump.jsonl",
    ),
    ("samples/route-addr-route.pcap", &[], "route-addr-route.txt"),
    (
        "samples/route-addr-route.pcap",
        &["--json"],
        "route-addr-route.jsonl",
    ),
    ("samples/route-changes.pcap", &[], "route-changes.txt"),
    (
        "samples/route-changes.pcap",
        &["--json"],
        "route-changes.jsonl",
    ),
    (
        "samples/route-errors-extack.pcap",
        &[],
        "route-errors-extack.txt",
    ),
    (
        "samples/route-errors-extack.pcap",
        &["--json"],
        "route-errors-extack.jsonl",
    ),
    (
        "samples/route-errors-extack.pcap",
        &["-v"],
        "route-errors-extack.v.txt",
    ),
    ("samples/genl-ctrl.pcap", &[], "genl-ctrl.txt"),
    ("samples/genl-ctrl.pcap", &["--json"], "genl-ctrl.jsonl"),
    ("samples/genl-ctrl.pcap", &["-v"], "genl-ctrl.v.txt"),
    ("samples/genl-ethtool.pcap", &[], "genl-ethtool.txt"),
    (
        "samples/genl-ethtool.pcap",
        &["--json"],
        "genl-ethtool.jsonl",
    ),
    ("samples/sockdiag-ss.pcap", &[], "sockdiag-ss.txt"),
    ("samples/sockdiag-ss.pcap", &["--json"], "sockdiag-ss.jsonl"),
    ("samples/nft-list.pcap", &[], "nft-list.txt"),
    ("samples/nft-list.pcap", &["--json"], "nft-list.jsonl"),
    ("samples/tc-qdisc.pcap", &[], "tc-qdisc.txt"),
    ("samples/tc-qdisc.pcap", &["--json"], "tc-qdisc.jsonl"),
    (
        "samples/tc-qdisc.pcap",
        &["-c", "3", "-X", "-tt"],
        "tc-qdisc.hex.txt",
    ),
    (
        "samples/corpus/pyroute2__nl0.pcap",
        &[],
        "pyroute2__nl0.txt",
    ),
    (
        "samples/corpus/pyroute2__nl0.pcap",
        &["--json"],
        "pyroute2__nl0.jsonl",
    ),
    (
        "samples/corpus/little-dude-netlink__aaa.pcap",
        &[],
        "little-dude-netlink__aaa.txt",
    ),
    (
        "samples/corpus/little-dude-netlink__aaa.pcap",
        &["--json"],
        "little-dude-netlink__aaa.jsonl",
    ),
    (
        "samples/corpus/little-dude-netlink__out.pcap",
        &[],
        "little-dude-netlink__out.txt",
    ),
    (
        "samples/corpus/little-dude-netlink__out.pcap",
        &["--json"],
        "little-dude-netlink__out.jsonl",
    ),
    (
        "samples/corpus/little-dude-netlink__rtnetlink.pcap",
        &["-c", "60"],
        "little-dude-netlink__rtnetlink.txt",
    ),
    (
        "samples/corpus/little-dude-netlink__rtnetlink.pcap",
        &["-c", "60", "--json"],
        "little-dude-netlink__rtnetlink.jsonl",
    ),
    (
        "samples/corpus/drizzt-ovs__ovs-netlink.pcapng",
        &[],
        "drizzt-ovs__ovs-netlink.txt",
    ),
    (
        "samples/corpus/drizzt-ovs__ovs-netlink.pcapng",
        &["--json"],
        "drizzt-ovs__ovs-netlink.jsonl",
    ),
    (
        "samples/corpus/nldecap__two_packets_le.pcap",
        &[],
        "nldecap__two_packets_le.txt",
    ),
    (
        "samples/corpus/nldecap__two_packets_be.pcap",
        &["--json"],
        "nldecap__two_packets_be.jsonl",
    ),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn golden_outputs() {
    let mut failures = Vec::new();
    for (capture, args, golden) in CASES {
        let (out, err, code) = common::read_with(capture, args);
        assert_eq!(code, 0, "{capture} {args:?} exited {code}: {err}");
        let path: PathBuf = root().join("tests/golden").join(golden);
        common::golden_check(&path, golden, &out, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_golden_file_has_a_case() {
    // A case here, or a family test (tests/family_*.rs) naming the file.
    let mut family_tests = String::new();
    for e in std::fs::read_dir(root().join("tests")).unwrap() {
        let p = e.unwrap().path();
        let is_family = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("family_"));
        if is_family && p.extension().is_some_and(|x| x == "rs") {
            family_tests.push_str(&std::fs::read_to_string(&p).unwrap());
        }
    }
    for e in std::fs::read_dir(root().join("tests/golden")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        let stem = name.split('.').next().unwrap_or(&name);
        assert!(
            CASES.iter().any(|(_, _, g)| *g == name) || family_tests.contains(stem),
            "tests/golden/{name} is not produced by any case"
        );
    }
    let _ = Path::new("");
}
