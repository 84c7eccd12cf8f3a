//! Rough edges found in review, each pinned to what the C headers and the
//! recording tools say: struct names as in the uapi headers, signed
//! verdicts, genl family names in echoed requests, tc hfsc / fq_codel
//! layouts. Vectors are built here byte by byte from the header layouts.

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs nldump with `args`, feeding `stdin`; returns stdout.
fn nldump(args: &[&str], stdin: &str) -> String {
    let mut child = Command::new(common::nldump())
        .current_dir(root())
        .args(args)
        .args(["--color", "never"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn nldump");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait nldump");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The C struct names a uapi header declares (`struct NAME {`).
fn c_structs(header: &str) -> Vec<String> {
    let text = std::fs::read_to_string(header).unwrap_or_default();
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("struct "))
        .filter_map(|l| l.strip_suffix(" {").or_else(|| l.strip_suffix('{')))
        .map(|n| n.trim().to_string())
        .collect()
}

// --- sock_diag / audit fixed headers show the C struct name --------------

#[test]
fn inet_diag_headers_carry_their_c_struct_name() {
    let text = nldump(&["-r", "samples/sockdiag-inet.pcap"], "");
    // frame 1 is ss's AF_INET dump request, 2.1 the first AF_INET reply
    let first = text.lines().next().expect("a line");
    assert!(
        first.contains(" inet_diag_req_v2={sdiag_family=AF_INET,"),
        "{first}"
    );
    let reply = text.lines().find(|l| l.starts_with("2.1 ")).expect("2.1");
    assert!(
        reply.contains(" inet_diag_msg={idiag_family=AF_INET,"),
        "{reply}"
    );
    assert!(!text.contains("_v4="), "a spec-only struct name is shown");
    let verbose = nldump(&["-r", "samples/sockdiag-inet.pcap", "-v"], "");
    assert!(verbose.contains("\n  inet_diag_msg  @"), "-v header group");
    assert!(!verbose.contains("_v4 "), "a spec-only struct name in -v");
    // every header name shown is a struct of inet_diag.h
    let known = c_structs("/usr/include/linux/inet_diag.h");
    for name in ["inet_diag_req_v2", "inet_diag_msg"] {
        assert!(known.iter().any(|k| k == name), "{name} not in inet_diag.h");
    }
}

#[test]
fn truncated_ipv4_inet_diag_msg_is_reported_by_its_c_name() {
    // nlmsghdr (len 26, SOCK_DIAG_BY_FAMILY, NLM_F_MULTI) + 10 bytes of an
    // AF_INET inet_diag_msg (sizeof 72: 4 bytes, 48 of sockid, 5 x u32)
    let hex = "1a000000140002000100000000000000020a000000000000000000";
    let text = nldump(&["--hex", "-", "--family", "sock_diag"], hex);
    assert!(
        text.contains("inet_diag_msg needs 72 bytes but the message body has 10"),
        "{text}"
    );
    assert!(text.contains("inet_diag_msg.id needs 48 bytes"), "{text}");
}

#[test]
fn audit_headers_carry_their_c_struct_name() {
    let text = nldump(&["-r", "samples/audit.pcap"], "");
    let known = c_structs("/usr/include/linux/audit.h");
    for name in ["audit_status", "audit_features", "audit_tty_status"] {
        assert!(
            text.contains(&format!(" {name}={{")),
            "{name} header not shown"
        );
        assert!(known.iter().any(|k| k == name), "{name} not in audit.h");
        assert!(!text.contains(&name.replace('_', "-")), "dashed {name}");
    }
}
