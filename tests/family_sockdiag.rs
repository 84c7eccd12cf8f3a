//! sock_diag (NETLINK_SOCK_DIAG): golden outputs of the sock_diag samples and
//! decoded content checked against what the recording commands printed
//! (ss output kept in samples/README.md, strace's own decoding in
//! samples/strace/*.log). Regenerate goldens with
//! `NLDUMP_BLESS=1 cargo test --test family_sockdiag` and read the diff.

mod common;

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

const CASES: &[(&str, &[&str], &str)] = &[
    ("samples/sockdiag-inet.pcap", &[], "sockdiag-inet.txt"),
    ("samples/sockdiag-inet.pcap", &["-v"], "sockdiag-inet.v.txt"),
    (
        "samples/sockdiag-inet.pcap",
        &["--json"],
        "sockdiag-inet.jsonl",
    ),
    ("samples/sockdiag-other.pcap", &[], "sockdiag-other.txt"),
    (
        "samples/sockdiag-other.pcap",
        &["-v"],
        "sockdiag-other.v.txt",
    ),
    (
        "samples/sockdiag-other.pcap",
        &["--json"],
        "sockdiag-other.jsonl",
    ),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn nldump(capture: &str, args: &[&str]) -> String {
    let out = Command::new(common::nldump())
        .current_dir(root())
        .arg("-r")
        .arg(capture)
        .args(args)
        .args(["--color", "never"])
        .output()
        .expect("run nldump");
    assert_eq!(out.status.code(), Some(0), "{capture} {args:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn golden_outputs() {
    let mut failures = Vec::new();
    for (capture, args, golden) in CASES {
        let out = nldump(capture, args);
        let path = root().join("tests/golden").join(golden);
        common::golden_check(&path, golden, &out, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn messages(sample: &str) -> Vec<Value> {
    let (code, v) = common::json_lines(&common::sample(sample));
    assert_eq!(code, 0);
    v
}

/// The message `frame.msg`.
fn msg(v: &[Value], frame: u64, index: u64) -> &Value {
    v.iter()
        .find(|m| m["frame"] == frame && m["msg"] == index)
        .unwrap_or_else(|| panic!("no message {frame}.{index}"))
}

/// A top-level attribute by name.
fn attr<'a>(m: &'a Value, name: &str) -> &'a Value {
    m["attrs"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["name"] == name))
        .unwrap_or_else(|| panic!("no {name} in {}", m["frame"]))
}

/// A child (struct member, bit-field, nested attribute) by name.
fn child<'a>(a: &'a Value, name: &str) -> &'a Value {
    &a["attrs"]
        .as_array()
        .and_then(|c| c.iter().find(|x| x["name"] == name))
        .unwrap_or_else(|| panic!("no {name} under {}", a["name"]))["value"]
}

#[test]
fn inet_replies_match_what_ss_printed() {
    let v = messages("sockdiag-inet.pcap");
    // 1: `ss -taiemon` asks AF_INET/TCP for every state (ss's 0xfff has the
    // unused bit 0 set too) and for meminfo, tcp_info, cc info, skmeminfo.
    let req = &msg(&v, 1, 1)["header"];
    assert_eq!(req["sdiag_family"], "AF_INET");
    assert_eq!(req["sdiag_protocol"], "IPPROTO_TCP");
    assert_eq!(
        req["idiag_ext"],
        serde_json::json!([
            "INET_DIAG_MEMINFO",
            "INET_DIAG_INFO",
            "INET_DIAG_VEGASINFO",
            "INET_DIAG_CONG",
            "INET_DIAG_SKMEMINFO"
        ])
    );
    assert_eq!(req["idiag_states"].as_array().map(Vec::len), Some(12));

    // 2.1: LISTEN 127.0.0.1:8080 ino:151550 sk:1c1, skmem tb16384
    let l = msg(&v, 2, 1);
    let h = &l["header"];
    assert_eq!(h["idiag_state"], "TCP_LISTEN");
    assert_eq!(h["id"]["idiag_sport"], 8080);
    assert_eq!(h["id"]["idiag_src"], "127.0.0.1");
    assert_eq!(h["id"]["idiag_dst"], "0.0.0.0");
    assert_eq!(h["idiag_inode"], 151550);
    assert_eq!(h["id"]["idiag_cookie"], 0x1c1);
    assert_eq!(child(attr(l, "INET_DIAG_SKMEMINFO"), "sndbuf"), 16384);

    // 2.2: ESTAB 127.0.0.1:46798 -> :8080 ino:152579 sk:1c2, "ts sack bbr
    // wscale:10,10 ... bytes_acked:3001 ... app_limited ... snd_wnd:100352",
    // bbr:(bw:44600886224bps,...,pacing_gain:2.88672)
    let e = msg(&v, 2, 2);
    let h = &e["header"];
    assert_eq!(h["idiag_state"], "TCP_ESTABLISHED");
    assert_eq!(h["id"]["idiag_sport"], 46798);
    assert_eq!(h["id"]["idiag_dport"], 8080);
    assert_eq!(h["idiag_inode"], 152579);
    assert_eq!(h["id"]["idiag_cookie"], 0x1c2);
    let info = attr(e, "INET_DIAG_INFO");
    assert_eq!(child(info, "tcpi_state"), "TCP_ESTABLISHED");
    assert_eq!(
        child(info, "tcpi_options"),
        &serde_json::json!(["TCPI_OPT_TIMESTAMPS", "TCPI_OPT_SACK", "TCPI_OPT_WSCALE"])
    );
    assert_eq!(child(info, "tcpi_snd_wscale"), 10);
    assert_eq!(child(info, "tcpi_rcv_wscale"), 10);
    assert_eq!(child(info, "tcpi_delivery_rate_app_limited"), 1);
    assert_eq!(child(info, "tcpi_fastopen_client_fail"), 0);
    assert_eq!(child(info, "tcpi_rto"), 204000);
    assert_eq!(child(info, "tcpi_snd_mss"), 50176);
    assert_eq!(child(info, "tcpi_advmss"), 65483);
    assert_eq!(child(info, "tcpi_snd_cwnd"), 11);
    assert_eq!(child(info, "tcpi_bytes_sent"), 3000);
    assert_eq!(child(info, "tcpi_bytes_acked"), 3001);
    assert_eq!(child(info, "tcpi_segs_out"), 3);
    assert_eq!(child(info, "tcpi_snd_wnd"), 100352);
    // 280 bytes (Linux 6.18): nothing left over
    assert_eq!(info["len"], 284);
    assert!(info["attrs"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["name"] != "trailing"));
    assert_eq!(attr(e, "INET_DIAG_CONG")["value"], "bbr");
    let bbr = attr(e, "INET_DIAG_BBRINFO");
    let bw = child(bbr, "bbr_bw_lo").as_u64().unwrap()
        + (child(bbr, "bbr_bw_hi").as_u64().unwrap() << 32);
    assert_eq!(bw * 8, 44600886224);
    assert_eq!(child(bbr, "bbr_pacing_gain"), 739); // 2.88672 * 256
    let so = attr(e, "INET_DIAG_SOCKOPT"); // inet-sockopt: ( is_icsk mc_loop mc_all)
    assert_eq!(child(so, "is_icsk"), 1);
    assert_eq!(child(so, "mc_loop"), 1);
    assert_eq!(child(so, "mc_all"), 1);
    assert_eq!(child(so, "recverr"), 0);

    // 5.1: LISTEN [::1]:8081 v6only:1; 5.3: [::1]:40150 fwmark:0x2a sk:1c6
    let l6 = msg(&v, 5, 1);
    assert_eq!(l6["header"]["id"]["idiag_src"], "::1");
    assert_eq!(l6["header"]["id"]["idiag_sport"], 8081);
    assert_eq!(attr(l6, "INET_DIAG_SKV6ONLY")["value"], 1);
    let c6 = msg(&v, 5, 3);
    assert_eq!(c6["header"]["id"]["idiag_sport"], 40150);
    assert_eq!(c6["header"]["idiag_inode"], 152582);
    assert_eq!(attr(c6, "INET_DIAG_MARK")["value"], 0x2a);

    // 8: `ss -uanem`: UNCONN 127.0.0.1:5353 ino:152584
    let u = msg(&v, 8, 1);
    assert_eq!(msg(&v, 7, 1)["header"]["sdiag_protocol"], "IPPROTO_UDP");
    assert_eq!(u["header"]["idiag_state"], "TCP_CLOSE");
    assert_eq!(u["header"]["id"]["idiag_sport"], 5353);
    assert_eq!(u["header"]["idiag_inode"], 152584);
}

#[test]
fn bytecode_and_sock_destroy() {
    let v = messages("sockdiag-inet.pcap");
    // 19: state established "( sport = :8080 or dst [::1]:8081 )"
    let m = msg(&v, 19, 1);
    assert_eq!(
        m["header"]["idiag_states"],
        serde_json::json!(["TCP_ESTABLISHED"])
    );
    let ops = attr(m, "INET_DIAG_REQ_BYTECODE")["attrs"]
        .as_array()
        .unwrap();
    assert_eq!(ops.len(), 3);
    assert_eq!(child(&ops[0], "code"), "INET_DIAG_BC_S_COND");
    assert_eq!(child(&ops[0], "port"), 8080);
    assert_eq!(child(&ops[1], "code"), "INET_DIAG_BC_JMP");
    assert_eq!(child(&ops[2], "code"), "INET_DIAG_BC_D_COND");
    assert_eq!(child(&ops[2], "family"), "AF_INET6");
    assert_eq!(child(&ops[2], "prefix_len"), 128);
    assert_eq!(child(&ops[2], "port"), 8081);
    assert_eq!(child(&ops[2], "addr"), "::1");
    // the ops tile the attribute exactly: 4 + 16 + 4 + 28
    assert_eq!(attr(m, "INET_DIAG_REQ_BYTECODE")["len"], 52);

    // 38/39: `ss -K dport = :8081` closes [::1]:40150 -> [::1]:8081 (sk:1c6)
    let k = msg(&v, 38, 1);
    assert_eq!(k["type"], "SOCK_DESTROY");
    assert_eq!(k["header"]["sdiag_family"], "AF_INET6");
    assert_eq!(k["header"]["id"]["idiag_sport"], 40150);
    assert_eq!(k["header"]["id"]["idiag_dport"], 8081);
    assert_eq!(k["header"]["id"]["idiag_cookie"], 0x1c6);
    let ack = msg(&v, 39, 1);
    assert_eq!(ack["type"], "NLMSG_ERROR");
}

#[test]
fn unix_packet_netlink_match_what_ss_printed() {
    let v = messages("sockdiag-other.pcap");
    // u_dgr /tmp/nldsd.sock 152588 ... ino:10010880 dev:0/65024
    let d = msg(&v, 2, 1);
    assert_eq!(d["header"]["udiag_type"], "SOCK_DGRAM");
    assert_eq!(d["header"]["udiag_ino"], 152588);
    assert_eq!(attr(d, "UNIX_DIAG_NAME")["value"], "/tmp/nldsd.sock");
    let vfs = attr(d, "UNIX_DIAG_VFS");
    assert_eq!(child(vfs, "udiag_vfs_ino"), 10010880);
    // kernel dev_t (major << 20 | minor); glibc's minor() of it gave 65024
    assert_eq!(child(vfs, "udiag_vfs_dev"), 65024u64 << 12);
    // u_str LISTEN 1 4 @nldsd-stream 152586 ... peers: 152587
    let l = msg(&v, 2, 3);
    assert_eq!(l["header"]["udiag_state"], "TCP_LISTEN");
    assert_eq!(l["header"]["udiag_ino"], 152586);
    assert_eq!(attr(l, "UNIX_DIAG_NAME")["value"], "\u{0}nldsd-stream");
    let icons = attr(l, "UNIX_DIAG_ICONS")["attrs"].as_array().unwrap();
    assert_eq!(icons.len(), 1);
    assert_eq!(icons[0]["value"], 152587);
    let rq = attr(l, "UNIX_DIAG_RQLEN");
    assert_eq!(child(rq, "udiag_rqueue"), 1);
    assert_eq!(child(rq, "udiag_wqueue"), 4);

    // p_raw ... *:lo ino:152589, fanout(id:7,type:lb), r1664; filter "ret #65535"
    let p = msg(&v, 5, 1);
    assert_eq!(p["header"]["pdiag_type"], "SOCK_RAW");
    assert_eq!(p["header"]["pdiag_num"], "ETH_P_ALL");
    assert_eq!(p["header"]["pdiag_ino"], 152589);
    assert_eq!(child(attr(p, "PACKET_DIAG_INFO"), "pdi_index"), 1);
    assert_eq!(
        child(attr(p, "PACKET_DIAG_INFO"), "pdi_flags"),
        &serde_json::json!(["PDI_RUNNING"])
    );
    assert_eq!(attr(p, "PACKET_DIAG_FANOUT")["value"], 0x10007);
    assert_eq!(child(attr(p, "PACKET_DIAG_MEMINFO"), "rmem_alloc"), 1664);
    let f = &attr(p, "PACKET_DIAG_FILTER")["attrs"][0];
    assert_eq!(child(f, "code"), 6); // BPF_RET | BPF_K
    assert_eq!(child(f, "k"), 0xffff);
    // p_dgr [2048] ring_rx(blk_size:4096,blk_nr:4,frm_size:2048,frm_nr:8)
    let pd = msg(&v, 5, 2);
    assert_eq!(pd["header"]["pdiag_num"], "ETH_P_IP");
    let ring = attr(pd, "PACKET_DIAG_RX_RING");
    assert_eq!(child(ring, "pdr_block_size"), 4096);
    assert_eq!(child(ring, "pdr_block_nr"), 4);
    assert_eq!(child(ring, "pdr_frame_size"), 2048);
    assert_eq!(child(ring, "pdr_frame_nr"), 8);

    // `ss -A netlink`: request for every protocol; nine sockets, "4:15272"
    // is ss's own sock_diag socket (r4352, rb2097152, tb65536)
    assert_eq!(msg(&v, 10, 1)["header"]["sdiag_protocol"], 255);
    let own = v
        .iter()
        .find(|m| m["frame"] == 11 && m["header"]["ndiag_portid"] == 15272)
        .expect("ss's own socket");
    assert_eq!(own["header"]["ndiag_protocol"], "NETLINK_SOCK_DIAG");
    let mem = attr(own, "NETLINK_DIAG_MEMINFO");
    assert_eq!(child(mem, "rmem_alloc"), 4352);
    assert_eq!(child(mem, "rcvbuf"), 2097152);
    assert_eq!(child(mem, "sndbuf"), 65536);
}

#[test]
fn every_sock_diag_attribute_is_named_and_typed() {
    for s in [
        "sockdiag-inet.pcap",
        "sockdiag-other.pcap",
        "sockdiag-ss.pcap",
    ] {
        let text = nldump(&format!("samples/{s}"), &["-v"]);
        for line in text.lines() {
            let sd = line.contains("UNIX_DIAG")
                || line.contains("INET_DIAG")
                || line.contains("PACKET_DIAG")
                || line.contains("NETLINK_DIAG");
            let unknown = line.contains("???") && sd;
            let raw = line.contains(" payload = ") || line.contains("trailing");
            assert!(!unknown && !raw, "{s}: {line}");
        }
    }
}
