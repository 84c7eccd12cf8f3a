//! The binary on bad input: exit code, the message on stderr, nothing (or
//! only the frames read before the problem) on stdout.
//!
//! Exit codes: 0 clean, 1 malformed input (what could be read is printed),
//! 2 usage error or unreadable input. Messages are one line starting with
//! `nldump: `; usage errors add clap's customary hint line
//! `Try 'nldump --help' for more information.`

mod common;

use common::{nldump, run, sample};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

/// Asserts a failing run: the exit code, nothing on stdout, and a stderr
/// of one `nldump: ` line holding every one of `needles` (plus the help
/// hint line when `hint`).
fn assert_fails(args: &[&str], code: i32, needles: &[&str], hint: bool) {
    let out = run(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(code),
        "nldump {args:?}: stderr {stderr:?}"
    );
    assert_eq!(stdout, "", "nldump {args:?}: stdout must stay empty");
    let lines: Vec<&str> = stderr.lines().collect();
    let want = if hint { 2 } else { 1 };
    assert_eq!(
        lines.len(),
        want,
        "nldump {args:?}: expected {want} line(s) on stderr, got {stderr:?}"
    );
    assert!(
        lines[0].starts_with("nldump: "),
        "nldump {args:?}: {:?}",
        lines[0]
    );
    for n in needles {
        assert!(
            lines[0].contains(n),
            "nldump {args:?}: message {:?} does not say {n:?}",
            lines[0]
        );
    }
    if hint {
        assert_eq!(lines[1], "Try 'nldump --help' for more information.");
    }
}

fn path_str(p: &std::path::Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("empty.pcap");
    std::fs::write(&f, b"").unwrap();
    assert_fails(&["-r", path_str(&f)], 2, &[path_str(&f), "empty"], false);
}

#[test]
fn garbage_file() {
    // 32 bytes starting b0 e0 6d 1a: neither pcap nor pcapng magic.
    let f = sample("corpus/nldecap__garbage");
    assert_fails(
        &["-r", path_str(&f)],
        2,
        &[path_str(&f), "not a pcap or pcapng file", "0xb0e06d1a"],
        false,
    );
}

#[test]
fn ethernet_pcap() {
    let f = sample("corpus/nldecap__1pkt_not_netlink_le.pcap");
    assert_fails(
        &["-r", path_str(&f)],
        2,
        &[path_str(&f), "link type 1 ", "Ethernet", "253"],
        false,
    );
}

#[test]
fn nflog_pcap() {
    let f = sample("corpus/tcpdump__nflog.pcap");
    assert_fails(
        &["-r", path_str(&f)],
        2,
        &[path_str(&f), "link type 239", "NFLOG"],
        false,
    );
}

#[test]
fn directory() {
    let dir = tempfile::tempdir().unwrap();
    assert_fails(
        &["-r", path_str(dir.path())],
        2,
        &[path_str(dir.path()), "Is a directory"],
        false,
    );
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("no-such.pcap");
    assert_fails(
        &["-r", path_str(&f)],
        2,
        &[path_str(&f), "No such file"],
        false,
    );
}

#[test]
fn no_arguments() {
    assert_fails(&[], 2, &["nothing to read", "-r FILE"], true);
}

#[test]
fn unknown_family() {
    let f = sample("genl-ctrl.pcap");
    assert_fails(
        &["-r", path_str(&f), "--family", "bogus"],
        2,
        &["unknown family \"bogus\"", "route", "generic"],
        true,
    );
}

#[test]
fn count_zero() {
    let f = sample("genl-ctrl.pcap");
    assert_fails(
        &["-r", path_str(&f), "-c", "0"],
        2,
        &["-c", "at least 1"],
        true,
    );
}

/// clap's own errors (bad value, conflicting options) are usage errors
/// too: exit 2, nothing on stdout, the reason on stderr.
#[test]
fn clap_errors() {
    let f = sample("genl-ctrl.pcap");
    for (args, needle) in [
        (vec!["-r", path_str(&f), "-c", "abc"], "invalid value 'abc'"),
        (
            vec!["-r", path_str(&f), "--json", "-v"],
            "cannot be used with",
        ),
        (vec!["-r", path_str(&f), "--bogus"], "--bogus"),
    ] {
        let out = run(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(
            stderr.starts_with("error: ") && stderr.contains(needle),
            "{args:?}: {stderr}"
        );
    }
}

/// pcap records, read here without nldump: (start offset, record length
/// including its 16-byte header) for a little-endian classic pcap.
fn pcap_records(b: &[u8]) -> Vec<(usize, usize)> {
    assert_eq!(&b[..4], &[0xd4, 0xc3, 0xb2, 0xa1], "little-endian pcap");
    let mut out = Vec::new();
    let mut p = 24;
    while p + 16 <= b.len() {
        let incl = u32::from_le_bytes(b[p + 8..p + 12].try_into().unwrap()) as usize;
        out.push((p, 16 + incl));
        p += 16 + incl;
    }
    assert_eq!(p, b.len(), "records tile the file");
    out
}

/// A pcap cut inside record 4 (in its data): frames 1-3 are printed, then
/// stderr says where the input ended (the record's start), exit 1.
#[test]
fn truncated_pcap() {
    let full = std::fs::read(sample("route-errors-extack.pcap")).unwrap();
    let recs = pcap_records(&full);
    let (start4, len4) = recs[3];
    let dir = tempfile::tempdir().unwrap();
    for cut in [start4 + 7, start4 + 16 + 3, start4 + len4 - 1] {
        let f = dir.path().join("cut.pcap");
        std::fs::write(&f, &full[..cut]).unwrap();
        let out = run(&["-r", path_str(&f), "--json"]);
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "cut at {cut}: {stderr}");
        let frames: Vec<u64> = stdout
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["frame"].as_u64().unwrap()
            })
            .collect();
        // Frame 2 is the ERROR answering frame 1, frame 3 the next request.
        assert_eq!(frames, [1, 2, 3], "cut at {cut}");
        assert!(stdout.contains("\"type\":\"NLMSG_ERROR\""), "{stdout}");
        assert_eq!(
            stderr.trim_end(),
            format!("nldump: input ends in the middle of packet record 4 (at byte {start4})"),
            "cut at {cut}"
        );
    }
}

/// The same for pcapng (blocks walked here from their total-length fields).
#[test]
fn truncated_pcapng() {
    let full = std::fs::read(sample("corpus/drizzt-ovs__ovs-netlink.pcapng")).unwrap();
    let mut starts = Vec::new();
    let mut p = 0;
    while p + 8 <= full.len() {
        starts.push(p);
        p += u32::from_le_bytes(full[p + 4..p + 8].try_into().unwrap()) as usize;
    }
    assert_eq!(p, full.len());
    // SHB, IDB, then one EPB per packet: block i+2 is packet i+1.
    let packet = 45;
    let start = starts[packet + 1];
    let cut = start + 20;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("cut.pcapng");
    std::fs::write(&f, &full[..cut]).unwrap();
    let out = run(&["-r", path_str(&f), "-t"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let first_fields: Vec<&str> = stdout.lines().filter_map(|l| l.split(' ').next()).collect();
    assert_eq!(first_fields.first(), Some(&"1"));
    assert_eq!(
        first_fields.last(),
        Some(&"44"),
        "frames up to 44: {stdout}"
    );
    assert_eq!(
        stderr.trim_end(),
        format!("nldump: input ends in the middle of packet record {packet} (at byte {start})")
    );
}

/// `| head -1`: the reader goes away; nldump ends quietly with 0.
#[test]
fn closed_pipe_exits_zero_quietly() {
    // About 2 MB of verbose text: far more than a pipe buffer holds.
    let f = sample("corpus/little-dude-netlink__rtnetlink.pcap");
    let mut child = Command::new(nldump())
        .args(["-r", path_str(&f), "-v"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.starts_with("1 "), "first line: {line:?}");
    drop(reader);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "nothing on stderr after a closed pipe"
    );
    assert_eq!(out.status.code(), Some(0));
}

/// `-r -` reads stdin and prints exactly what reading the file prints.
#[test]
fn stdin_same_as_file() {
    for (rel, extra) in [
        ("route-errors-extack.pcap", vec![]),
        ("corpus/drizzt-ovs__ovs-netlink.pcapng", vec!["--json"]),
        ("corpus/nldecap__two_packets_be.pcap", vec!["-v"]),
    ] {
        let f = sample(rel);
        let mut args = vec!["-r", path_str(&f)];
        args.extend(&extra);
        let from_file = run(&args);
        let mut args = vec!["-r", "-"];
        args.extend(&extra);
        let mut child = Command::new(nldump())
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let bytes = std::fs::read(&f).unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // Write from another thread: the output may fill its pipe first.
        let writer = std::thread::spawn(move || stdin.write_all(&bytes));
        let from_stdin = child.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        assert!(!from_file.stdout.is_empty(), "{rel}");
        assert!(
            from_file.stdout == from_stdin.stdout,
            "{rel} {extra:?}: stdin output differs from file output"
        );
        assert_eq!(from_file.stderr, from_stdin.stderr, "{rel}");
        assert_eq!(from_file.status.code(), from_stdin.status.code(), "{rel}");
    }
}

/// A non-capture on stdin is refused like a file, naming `-`.
#[test]
fn garbage_on_stdin() {
    let mut child = Command::new(nldump())
        .args(["-r", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"hello, this is not a capture\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("nldump: -: "), "{stderr}");
}
