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

// --- negative enum values (nf_tables verdicts) show signed ---------------

/// The value of a C enum entry (`NFT_JUMP = -3,`) or a `#define NAME 0`
/// in a header.
fn c_enum_value(header: &str, name: &str) -> Option<i64> {
    let text = std::fs::read_to_string(header).ok()?;
    text.lines().find_map(|l| {
        let l = l.trim();
        let (n, v) = match l.strip_prefix("#define ") {
            Some(d) => d.split_once(char::is_whitespace)?,
            None => l.split_once('=')?,
        };
        (n.trim() == name).then(|| v.trim().trim_end_matches(',').trim().parse().ok())?
    })
}

/// Every JSON attribute object called `name`, depth first.
fn json_attrs<'a>(v: &'a serde_json::Value, name: &str, out: &mut Vec<&'a serde_json::Value>) {
    match v {
        serde_json::Value::Object(o) => {
            if o.get("name").and_then(|n| n.as_str()) == Some(name) {
                out.push(v);
            }
            o.values().for_each(|c| json_attrs(c, name, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|c| json_attrs(c, name, out)),
        _ => {}
    }
}

#[test]
fn negative_verdicts_show_their_signed_value() {
    let h = "/usr/include/linux/netfilter/nf_tables.h";
    let jump = c_enum_value(h, "NFT_JUMP").expect("NFT_JUMP in nf_tables.h");
    assert!(jump < 0);
    let verbose = nldump(&["-r", "samples/nft-ruleset.pcap", "-v"], "");
    let want = format!("NFTA_VERDICT_CODE (1) = NFT_JUMP ({jump})  @");
    assert!(verbose.contains(&want), "no {want:?}");
    assert!(!verbose.contains("(0xffffffff"), "a verdict shown unsigned");
    let (_, lines) = common::json_lines(&root().join("samples/nft-ruleset.pcap"));
    let mut codes = Vec::new();
    for l in &lines {
        json_attrs(l, "NFTA_VERDICT_CODE", &mut codes);
    }
    assert!(codes.len() >= 4, "{} verdict codes", codes.len());
    let mut negative = 0;
    for c in codes {
        let name = c["value"].as_str().expect("verdict named");
        let raw = c["raw"].as_i64().expect("raw fits an i64");
        let header = if name.starts_with("NF_") {
            c_enum_value("/usr/include/linux/netfilter.h", name)
        } else {
            c_enum_value(h, name)
        };
        assert_eq!(Some(raw), header, "{name}");
        negative += usize::from(raw < 0);
    }
    assert!(negative >= 2, "the sample has jump and goto verdicts");
}

// --- echoed generic requests in ACKs are named after the family ----------

/// `nlmsg_len, nlmsg_type` of every request echoed in an NLMSG_ERROR, as
/// strace decoded them (`{error=0, msg={nlmsg_len=36, nlmsg_type=mptcp_pm`).
/// strace looks the family up itself (a CTRL_CMD_GETFAMILY of its own).
fn strace_echoes(log: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join(log)).expect("strace log");
    let mut out = Vec::new();
    for l in text.lines() {
        let mut rest = l;
        while let Some(i) = rest.find("{error=") {
            rest = &rest[i..];
            // `msg={hdr}` when capped, `msg=[{hdr}, "body"]` otherwise
            if let Some(j) = rest.find("nlmsg_len=") {
                let hdr = &rest[j..];
                let fields: Vec<&str> = hdr.splitn(3, ", ").take(2).collect();
                out.push(fields.join(", "));
            }
            rest = &rest[1..];
        }
    }
    out
}

#[test]
fn acks_name_the_echoed_generic_family_as_strace_does() {
    for (capture, log) in [
        (
            "samples/genl-net-families.pcap",
            "samples/strace/genl-net-families.log",
        ),
        (
            "samples/genl-taskstats-thermal.pcap",
            "samples/strace/genl-taskstats-thermal.log",
        ),
    ] {
        let text = nldump(&["-r", capture], "");
        let ours: Vec<String> = text
            .lines()
            .filter_map(|l| l.split_once("request={nlmsghdr={"))
            .map(|(_, h)| h.splitn(3, ", ").take(2).collect::<Vec<_>>().join(", "))
            .collect();
        let theirs = strace_echoes(log);
        assert!(!theirs.is_empty(), "{log}: no echoed requests");
        assert_eq!(ours, theirs, "{capture}");
        assert!(
            !ours.iter().any(|e| e.contains("nlmsg_type=0x")),
            "{ours:?}"
        );
    }
    // the family is named in the tree and in JSON too
    let v = nldump(&["-r", "samples/genl-net-families.pcap", "-v"], "");
    assert!(v.contains("nlmsg_type = mptcp_pm (28)"), "-v");
    let (_, lines) = common::json_lines(&root().join("samples/genl-net-families.pcap"));
    let acks: Vec<_> = lines
        .iter()
        .filter_map(|l| l["error"]["request"]["nlmsghdr"]["nlmsg_type"].as_str())
        .collect();
    assert!(
        acks.contains(&"mptcp_pm") && acks.contains(&"tcp_metrics"),
        "{acks:?}"
    );
}

// --- tc: hfsc qdisc vs class options, fq_codel class xstats ----------------

/// An attribute (header + payload + padding to 4 bytes), host order.
fn nla(t: u16, payload: &[u8]) -> Vec<u8> {
    let len = 4 + payload.len();
    let mut v = Vec::new();
    v.extend_from_slice(&(len as u16).to_le_bytes());
    v.extend_from_slice(&t.to_le_bytes());
    v.extend_from_slice(payload);
    v.resize(len.div_ceil(4) * 4, 0);
    v
}

/// A message of type `t` from the kernel with a struct tcmsg (rtnetlink.h:
/// family, 3 pad bytes, ifindex, handle, parent, info) and `attrs`.
fn tc_msg(t: u16, handle: u32, parent: u32, attrs: &[Vec<u8>]) -> String {
    let mut body = vec![0u8; 4];
    for v in [2u32, handle, parent, 0] {
        body.extend_from_slice(&v.to_le_bytes());
    }
    attrs.iter().for_each(|a| body.extend_from_slice(a));
    let mut m = Vec::new();
    m.extend_from_slice(&(16 + body.len() as u32).to_le_bytes());
    m.extend_from_slice(&t.to_le_bytes());
    m.extend_from_slice(&[0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    m.extend_from_slice(&body);
    m.iter().map(|b| format!("{b:02x}")).collect()
}

fn words(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|w| w.to_le_bytes()).collect()
}

const RTM_NEWQDISC: u16 = 36;
const RTM_NEWTCLASS: u16 = 40;
const TCA_KIND: u16 = 1;
const TCA_OPTIONS: u16 = 2;
const TCA_XSTATS: u16 = 4;

#[test]
fn hfsc_qdisc_options_are_tc_hfsc_qopt_and_class_options_are_curves() {
    // pkt_sched.h: struct tc_hfsc_qopt { __u16 defcls; }; a class nests
    // TCA_HFSC_RSC (1) / TCA_HFSC_FSC (2) struct tc_service_curve {m1, d, m2}
    let kind = nla(TCA_KIND, b"hfsc\0");
    let qdisc = tc_msg(
        RTM_NEWQDISC,
        0x1_0000,
        0xffff_ffff,
        &[kind.clone(), nla(TCA_OPTIONS, &0x10u16.to_le_bytes())],
    );
    let curves = [
        nla(1, &words(&[1000, 2000, 3000])),
        nla(2, &words(&[0, 0, 4000])),
    ]
    .concat();
    let class = tc_msg(
        RTM_NEWTCLASS,
        0x1_0010,
        0x1_0000,
        &[kind, nla(TCA_OPTIONS, &curves)],
    );
    let text = nldump(&["--hex", "-", "--family", "route"], &format!("{qdisc}\n"));
    assert!(text.contains("TCA_OPTIONS={defcls=16}"), "{text}");
    assert!(!text.contains("!!"), "{text}");
    let text = nldump(&["--hex", "-", "--family", "route"], &format!("{class}\n"));
    assert!(
        text.contains(
            "TCA_OPTIONS=[TCA_HFSC_RSC={m1=1000, d=2000, m2=3000}, TCA_HFSC_FSC={m1=0, d=0, m2=4000}]"
        ),
        "{text}"
    );
}

#[test]
fn fq_codel_xstats_follow_their_type() {
    let kind = nla(TCA_KIND, b"fq_codel\0");
    // struct tc_fq_codel_xstats: __u32 type, then a union of
    // tc_fq_codel_qd_stats (9 x u32) and tc_fq_codel_cl_stats (deficit s32,
    // ldelay, count, lastcount, dropping u32, drop_next s32): 40 bytes
    let mut cl = words(&[1, (-100i32) as u32, 5000, 3, 2, 1, (-7i32) as u32]);
    cl.resize(40, 0);
    let class = tc_msg(
        RTM_NEWTCLASS,
        0x8_0001,
        0x8_0000,
        &[kind.clone(), nla(TCA_XSTATS, &cl)],
    );
    let text = nldump(&["--hex", "-", "--family", "route"], &format!("{class}\n"));
    assert!(
        text.contains(
            "TCA_XSTATS={type=TCA_FQ_CODEL_XSTATS_CLASS, class_stats={deficit=-100, ldelay=5000, \
             count=3, lastcount=2, dropping=1, drop_next=-7}}"
        ),
        "{text}"
    );
    let v = nldump(
        &["--hex", "-", "--family", "route", "-v"],
        &format!("{class}\n"),
    );
    assert!(
        v.contains("deficit = -100") && !v.contains("maxpacket"),
        "{v}"
    );
    let qd = words(&[0, 1514, 1, 2, 3, 4, 5, 6, 7, 8]);
    let qdisc = tc_msg(
        RTM_NEWQDISC,
        0x8_0000,
        0xffff_ffff,
        &[kind, nla(TCA_XSTATS, &qd)],
    );
    let text = nldump(&["--hex", "-", "--family", "route"], &format!("{qdisc}\n"));
    assert!(
        text.contains(
            "TCA_XSTATS={type=TCA_FQ_CODEL_XSTATS_QDISC, qdisc_stats={maxpacket=1514, \
             drop_overlimit=1, ecn_mark=2, new_flow_count=3, new_flows_len=4, old_flows_len=5, \
             ce_mark=6, memory_usage=7, drop_overmemory=8}}"
        ),
        "{text}"
    );
}
