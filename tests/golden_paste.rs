//! Golden outputs for pastes: nldump's text and JSON for real strace logs
//! and hex dumps made on this machine (samples/paste/, see its README) and
//! for the extra formats in tests/golden_paste/inputs/. Each case also
//! keeps what nldump said on stderr (the notes naming lines) and its exit
//! status in `NAME.stderr`.
//!
//! After a deliberate change, regenerate with
//! `NLDUMP_BLESS=1 cargo test --test golden_paste` and read the diff before
//! committing it.

mod common;

use std::path::PathBuf;

/// (paste, extra arguments, golden file name, expected exit status)
type Case = (&'static str, &'static [&'static str], &'static str, i32);

const S: &str = "samples/paste/";
const I: &str = "tests/golden_paste/inputs/";

const CASES: &[Case] = &[
    // ip link show lo, in every strace mode.
    ("ip_link.rw.txt", &[], "ip_link.rw.txt", 0),
    ("ip_link.rw.txt", &["--json"], "ip_link.rw.jsonl", 0),
    ("ip_link.raw.txt", &[], "ip_link.raw.txt", 0),
    ("ip_link.raw-x.txt", &[], "ip_link.raw-x.txt", 0),
    ("ip_link.raw-xx.txt", &[], "ip_link.raw-xx.txt", 0),
    (
        "ip_link.raw-nonascii.txt",
        &[],
        "ip_link.raw-nonascii.txt",
        0,
    ),
    ("ip_link.raw-s32.txt", &[], "ip_link.raw-s32.txt", 0),
    ("ip_link.raw-r.txt", &["-ttttt"], "ip_link.raw-r.txt", 0),
    ("ip_link.raw-t.txt", &[], "ip_link.raw-t.txt", 0),
    ("ip_link.f-tt.txt", &["-tt"], "ip_link.f-tt.txt", 0),
    ("ip_link.f-tt.txt", &["--json"], "ip_link.f-tt.jsonl", 0),
    // Decoded-only logs: nothing to decode, one clear sentence, exit 2.
    ("ip_link.decoded.txt", &[], "ip_link.decoded.txt", 2),
    ("ip_link.ttt.txt", &[], "ip_link.ttt.txt", 2),
    // tc qdisc show dev lo, in every strace mode.
    ("tc.rw.txt", &[], "tc.rw.txt", 0),
    ("tc.rw.txt", &["--json"], "tc.rw.jsonl", 0),
    ("tc.raw.txt", &[], "tc.raw.txt", 0),
    ("tc.raw-x.txt", &[], "tc.raw-x.txt", 0),
    ("tc.raw-xx.txt", &[], "tc.raw-xx.txt", 0),
    ("tc.raw-nonascii.txt", &[], "tc.raw-nonascii.txt", 0),
    // -s 32: the first request is cut to 32 of 40 bytes (malformed, exit 1).
    ("tc.raw-s32.txt", &[], "tc.raw-s32.txt", 1),
    ("tc.decoded.txt", &[], "tc.decoded.txt", 2),
    // -e read/write dumps of the other tools.
    ("ip_addr.rw.txt", &[], "ip_addr.rw.txt", 0),
    ("ss.rw.txt", &[], "ss.rw.txt", 0),
    ("ss.yy.txt", &["--json"], "ss.yy.jsonl", 0),
    ("nft.rw.txt", &[], "nft.rw.txt", 0),
    ("ethtool.rw.txt", &[], "ethtool.rw.txt", 0),
    ("genl.rw.txt", &[], "genl.rw.txt", 0),
    // write()/read() on a netlink fd: always quoted strings.
    ("nlwrite.txt", &[], "nlwrite.txt", 0),
    ("nlwrite.x.txt", &[], "nlwrite.x.txt", 0),
    ("nlwrite.xx.txt", &[], "nlwrite.xx.txt", 0),
    ("nlwrite.nonascii.txt", &[], "nlwrite.nonascii.txt", 0),
    // Hex dump formats.
    ("fmt.xxd.txt", &[], "fmt.xxd.txt", 0),
    ("fmt.xxd.txt", &["--json"], "fmt.xxd.jsonl", 0),
    (
        "fmt.xxd.txt",
        &["-v", "--family", "route"],
        "fmt.xxd.v.txt",
        0,
    ),
    ("fmt.xxd-g1.txt", &[], "fmt.xxd-g1.txt", 0),
    ("fmt.xxd-p.txt", &[], "fmt.xxd-p.txt", 0),
    ("fmt.hexdump-C.txt", &[], "fmt.hexdump-C.txt", 0),
    ("fmt.hexdump-words.txt", &[], "fmt.hexdump-words.txt", 0),
    ("fmt.od.txt", &[], "fmt.od.txt", 0),
    // 64 zero bytes (a `*` line) before the message: read right, and the
    // zeros are no netlink message, so the frame is malformed (exit 1).
    (
        "fmt.hexdump-C-repeat.txt",
        &["-x"],
        "fmt.hexdump-C-repeat.txt",
        1,
    ),
    ("fmt.od-repeat.txt", &["-x"], "fmt.od-repeat.txt", 1),
    ("fmt.tshark-x.txt", &["-v"], "fmt.tshark-x.v.txt", 0),
    // Formats made here from the same request (see inputs/README.md).
    ("@c-array.txt", &[], "c-array.txt", 0),
    ("@rust-array.txt", &[], "rust-array.txt", 0),
    ("@python-bytes.txt", &[], "python-bytes.txt", 0),
    ("@hex-colons.txt", &[], "hex-colons.txt", 0),
    (
        "@xxd-big-endian.txt",
        &["--json"],
        "xxd-big-endian.jsonl",
        0,
    ),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn input_path(name: &str) -> String {
    match name.strip_prefix('@') {
        Some(n) => format!("{I}{n}"),
        None => format!("{S}{name}"),
    }
}

#[test]
fn golden_paste_outputs() {
    let dir = root().join("tests/golden_paste");
    let mut failures = Vec::new();
    for (input, args, golden, want_code) in CASES {
        let path = input_path(input);
        let (out, err, code) = common::read_with(&path, args);
        assert!(!err.contains("panicked"), "{path} {args:?} panicked: {err}");
        if code != *want_code {
            failures.push(format!(
                "{path} {args:?}: exit {code}, want {want_code}\n{err}"
            ));
            continue;
        }
        let err_text = format!("{err}exit {code}\n");
        let err_name = format!("{golden}.stderr");
        common::golden_check(&dir.join(golden), golden, &out, &mut failures);
        common::golden_check(&dir.join(&err_name), &err_name, &err_text, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_golden_paste_file_has_a_case() {
    for e in std::fs::read_dir(root().join("tests/golden_paste")).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            continue;
        }
        let name = e.file_name().to_string_lossy().into_owned();
        let base = name.strip_suffix(".stderr").unwrap_or(&name);
        assert!(
            CASES.iter().any(|(_, _, g, _)| *g == base),
            "tests/golden_paste/{name} is not produced by any case"
        );
    }
}

/// The decoded-only logs say in one sentence why nothing was decoded, name
/// the line of the first such call and give the strace options that record
/// the bytes.
#[test]
fn decoded_only_logs_exit_2_with_the_advice() {
    for (name, line, calls) in [
        ("ip_link.decoded.txt", 8, 6),
        ("ip_link.ttt.txt", 8, 6),
        ("tc.decoded.txt", 7, 6),
        ("nft.decoded.txt", 3, 19),
    ] {
        let (out, err, code) = common::read_with(&format!("{S}{name}"), &[]);
        assert_eq!(code, 2, "{name}: {err}");
        assert_eq!(out, "", "{name}");
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(
            err.contains(&format!(
                "nothing to decode in this paste: line {line}: strace decoded these netlink \
                 messages itself, so their bytes are not in the log; run strace with \
                 `-e read=all -e write=all`"
            )),
            "{name}: {err}"
        );
        assert!(
            err.contains(&format!("({calls} calls from here on)")),
            "{name}: {err}"
        );
    }
}
