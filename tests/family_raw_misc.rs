//! xfrm, audit, kobject_uevent, connector, selinux and crypto: golden
//! outputs for their samples (tests/golden/, `NLDUMP_BLESS=1` rewrites
//! them), and decoded content checked against facts known without nldump:
//! the command lines and what the tools printed when the samples were made
//! (samples/README.md), the strace logs, gcc's sizeof() of the uapi structs,
//! and messages built here byte by byte from the headers for the families
//! this kernel does not produce (selinux, crypto).

mod common;

use serde_json::Value as J;
use std::path::PathBuf;

const GOLDEN: &[(&str, &[&str], &str)] = &[
    (
        "samples/xfrm-state-policy.pcap",
        &[],
        "xfrm-state-policy.txt",
    ),
    (
        "samples/xfrm-state-policy.pcap",
        &["-v"],
        "xfrm-state-policy.v.txt",
    ),
    (
        "samples/xfrm-state-policy.pcap",
        &["--json"],
        "xfrm-state-policy.jsonl",
    ),
    ("samples/xfrm-monitor.pcap", &[], "xfrm-monitor.txt"),
    ("samples/xfrm-monitor.pcap", &["-v"], "xfrm-monitor.v.txt"),
    (
        "samples/xfrm-monitor.pcap",
        &["--json"],
        "xfrm-monitor.jsonl",
    ),
    ("samples/audit.pcap", &[], "audit.txt"),
    ("samples/audit.pcap", &["-v"], "audit.v.txt"),
    ("samples/audit.pcap", &["--json"], "audit.jsonl"),
    ("samples/uevent-veth.pcap", &[], "uevent-veth.txt"),
    ("samples/uevent-veth.pcap", &["-v"], "uevent-veth.v.txt"),
    ("samples/uevent-veth.pcap", &["--json"], "uevent-veth.jsonl"),
    ("samples/connector-proc.pcap", &[], "connector-proc.txt"),
    (
        "samples/connector-proc.pcap",
        &["--json"],
        "connector-proc.jsonl",
    ),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run_in_root(args: &[&str]) -> (String, String, i32) {
    let out = std::process::Command::new(common::nldump())
        .current_dir(root())
        .args(args)
        .args(["--color", "never"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run nldump");
    (
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn golden_outputs() {
    let mut failures = Vec::new();
    for (capture, args, golden) in GOLDEN {
        let mut a = vec!["-r", capture];
        a.extend_from_slice(args);
        let (out, err, code) = run_in_root(&a);
        assert_eq!(code, 0, "{capture} {args:?} exited {code}: {err}");
        let path = root().join("tests/golden").join(golden);
        common::golden_check(&path, golden, &out, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The JSON messages of a sample.
fn msgs(sample: &str) -> Vec<J> {
    let (code, v) = common::json_lines(&common::sample(sample));
    assert_eq!(code, 0, "{sample}");
    v
}

/// A child of a JSON `attrs` list (attributes or struct members) by name.
fn child<'a>(node: &'a J, name: &str) -> &'a J {
    node["attrs"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["name"] == name))
        .unwrap_or_else(|| panic!("no {name} in {node}"))
}

fn of_type<'a>(v: &'a [J], t: &str) -> Vec<&'a J> {
    v.iter().filter(|m| m["type"] == t).collect()
}

#[test]
fn xfrm_requests_carry_what_the_command_lines_said() {
    let v = msgs("xfrm-state-policy.pcap");
    assert!(v
        .iter()
        .all(|m| m["problems"].as_array().unwrap().is_empty()));
    let newsa = of_type(&v, "XFRM_MSG_NEWSA");
    // 1st `ip xfrm state add`: tunnel, hmac(sha256) + cbc(aes), espinudp 4500
    let m = newsa[0];
    assert_eq!(m["direction"], "to_kernel");
    let h = &m["header"];
    assert_eq!(h["id"]["daddr"], "192.0.2.2");
    assert_eq!(h["id"]["spi"], 0x1000);
    assert_eq!(h["id"]["proto"], "IPPROTO_ESP");
    assert_eq!(h["saddr"], "192.0.2.1");
    assert_eq!(h["family"], "AF_INET");
    assert_eq!(h["mode"], "XFRM_MODE_TUNNEL");
    assert_eq!(h["reqid"], 1);
    let auth = child(m, "XFRMA_ALG_AUTH");
    assert_eq!(child(auth, "alg_name")["value"], "hmac(sha256)");
    assert_eq!(child(auth, "alg_key_len")["value"], 256);
    assert_eq!(
        child(auth, "alg_key")["value"],
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    );
    let enc = child(m, "XFRMA_ALG_CRYPT");
    assert_eq!(child(enc, "alg_name")["value"], "cbc(aes)");
    assert_eq!(
        child(enc, "alg_key")["value"],
        "00112233445566778899aabbccddeeff"
    );
    let encap = child(m, "XFRMA_ENCAP");
    assert_eq!(child(encap, "encap_type")["value"], "UDP_ENCAP_ESPINUDP");
    assert_eq!(child(encap, "encap_sport")["value"], 4500);
    assert_eq!(child(encap, "encap_oa")["value"], "0.0.0.0");
    // 2nd: IPv6 transport, auth-trunc hmac(sha1) 96, mark 7/0xff, if_id 5, esn
    let m = newsa[1];
    assert_eq!(m["header"]["id"]["daddr"], "2001:db8::2");
    assert_eq!(m["header"]["saddr"], "2001:db8::1");
    assert_eq!(m["header"]["flags"], serde_json::json!(["XFRM_STATE_ESN"]));
    // with esn, iproute2 sends the window in XFRMA_REPLAY_ESN_VAL (no bitmap)
    let esn = child(m, "XFRMA_REPLAY_ESN_VAL");
    assert_eq!(child(esn, "replay_window")["value"], 32);
    assert_eq!(child(esn, "bmp_len")["value"], 1);
    let trunc = child(m, "XFRMA_ALG_AUTH_TRUNC");
    assert_eq!(child(trunc, "alg_name")["value"], "hmac(sha1)");
    assert_eq!(child(trunc, "alg_trunc_len")["value"], 96);
    let mark = child(m, "XFRMA_MARK");
    assert_eq!(child(mark, "v")["value"], 7);
    assert_eq!(child(mark, "m")["value"], 0xff);
    assert_eq!(child(m, "XFRMA_IF_ID")["value"], 5);
    // 3rd: IPcomp deflate; 4th: AEAD rfc4106(gcm(aes)) with a 128-bit ICV
    assert_eq!(newsa[2]["header"]["id"]["proto"], "IPPROTO_COMP");
    let comp = child(newsa[2], "XFRMA_ALG_COMP");
    assert_eq!(child(comp, "alg_name")["value"], "deflate");
    let aead = child(newsa[3], "XFRMA_ALG_AEAD");
    assert_eq!(child(aead, "alg_name")["value"], "rfc4106(gcm(aes))");
    assert_eq!(child(aead, "alg_icv_len")["value"], 128);
    // `ip` printed "Requested type not found" / "Requested AEAD algorithm not found"
    let errs: Vec<&J> = v.iter().filter(|m| m["type"] == "NLMSG_ERROR").collect();
    assert_eq!(errs[0]["error"]["name"], "EPROTONOSUPPORT");
    assert_eq!(errs[0]["error"]["msg"], "Requested type not found");
    assert_eq!(errs[3]["error"]["name"], "ENOSYS");
    assert_eq!(
        errs[3]["error"]["msg"],
        "Requested AEAD algorithm not found"
    );
    // the failing `ip xfrm state get`: ESRCH ("No such process")
    assert_eq!(errs[4]["error"]["name"], "ESRCH");
}

#[test]
fn xfrm_replies_match_what_ip_printed() {
    let v = msgs("xfrm-state-policy.pcap");
    // allocspi min 0x100 max 0x200; ip printed the SA it got (spi 0x1ac)
    let alloc = &of_type(&v, "XFRM_MSG_ALLOCSPI")[0]["header"];
    assert_eq!(alloc["min"], 0x100);
    assert_eq!(alloc["max"], 0x200);
    let sa = of_type(&v, "XFRM_MSG_NEWSA")
        .into_iter()
        .find(|m| m["direction"] == "from_kernel")
        .expect("NEWSA reply");
    assert_eq!(sa["header"]["id"]["daddr"], "192.0.2.8");
    assert_eq!(sa["header"]["saddr"], "192.0.2.9");
    assert_eq!(sa["header"]["id"]["spi"], 0x1ac);
    // selector family AF_UNSPEC: its addresses follow the SA's family
    assert_eq!(sa["header"]["sel"]["daddr"], "192.0.2.8");
    // "SAD count 1", "SPD IN 1 OUT 1 FWD 0"
    let sad = of_type(&v, "XFRM_MSG_NEWSADINFO")[0];
    assert_eq!(child(sad, "XFRMA_SAD_CNT")["value"], 1);
    let spd = child(of_type(&v, "XFRM_MSG_NEWSPDINFO")[0], "XFRMA_SPD_INFO");
    assert_eq!(child(spd, "incnt")["value"], 1);
    assert_eq!(child(spd, "outcnt")["value"], 1);
    assert_eq!(child(spd, "fwdcnt")["value"], 0);
    // "in: accept, fwd: block, out: accept"
    let def = of_type(&v, "XFRM_MSG_GETDEFAULT");
    let reply = def
        .iter()
        .find(|m| m["direction"] == "from_kernel")
        .unwrap();
    assert_eq!(reply["header"]["in"], "XFRM_USERPOLICY_ACCEPT");
    assert_eq!(reply["header"]["fwd"], "XFRM_USERPOLICY_BLOCK");
    assert_eq!(reply["header"]["out"], "XFRM_USERPOLICY_ACCEPT");
    // policy list: "src 10.0.1.0/24 dst 10.0.2.0/24 proto tcp dport 443 dir out
    // priority 100 / tmpl src 192.0.2.1 dst 192.0.2.2 proto esp reqid 1 mode tunnel"
    let pol = of_type(&v, "XFRM_MSG_NEWPOLICY")
        .into_iter()
        .find(|m| m["direction"] == "from_kernel" && m["header"]["sel"]["family"] == "AF_INET")
        .expect("v4 policy in the dump");
    let sel = &pol["header"]["sel"];
    assert_eq!(
        (
            &sel["saddr"],
            &sel["prefixlen_s"],
            &sel["daddr"],
            &sel["prefixlen_d"]
        ),
        (
            &J::from("10.0.1.0"),
            &J::from(24),
            &J::from("10.0.2.0"),
            &J::from(24)
        )
    );
    assert_eq!(sel["proto"], "IPPROTO_TCP");
    assert_eq!(sel["dport"], 443);
    assert_eq!(pol["header"]["dir"], "XFRM_POLICY_OUT");
    assert_eq!(pol["header"]["priority"], 100);
    let t = child(child(pol, "XFRMA_TMPL"), "[0]");
    assert_eq!(child(child(t, "id"), "daddr")["value"], "192.0.2.2");
    assert_eq!(child(t, "saddr")["value"], "192.0.2.1");
    assert_eq!(child(t, "reqid")["value"], 1);
    assert_eq!(child(t, "mode")["value"], "XFRM_MODE_TUNNEL");
    // the dump request of `state list` carries XFRMA_ADDRESS_FILTER, no header
    let dump = of_type(&v, "XFRM_MSG_GETSA")
        .into_iter()
        .find(|m| m["flags"].as_array().unwrap().contains(&J::from("DUMP")) && m["len"] != 16)
        .unwrap();
    assert!(dump["header"].is_null());
    assert_eq!(dump["attrs"][0]["name"], "XFRMA_ADDRESS_FILTER");
}

#[test]
fn xfrm_monitor_events() {
    let v = msgs("xfrm-monitor.pcap");
    let types: Vec<&str> = v.iter().map(|m| m["type"].as_str().unwrap()).collect();
    // ip xfrm monitor printed: the two policies, "Deleted" policy and SA,
    // "Flushed policy ptype main"
    assert_eq!(
        types,
        [
            "XFRM_MSG_NEWPOLICY",
            "XFRM_MSG_NEWPOLICY",
            "XFRM_MSG_DELPOLICY",
            "XFRM_MSG_DELSA",
            "XFRM_MSG_FLUSHPOLICY"
        ]
    );
    let del = &v[2];
    assert_eq!(del["header"]["dir"], "XFRM_POLICY_FWD");
    let p = child(del, "XFRMA_POLICY");
    assert_eq!(child(p, "action")["value"], "XFRM_POLICY_BLOCK");
    let sa = child(&v[3], "XFRMA_SA");
    assert_eq!(child(sa, "reqid")["value"], 9);
    assert_eq!(child(child(sa, "id"), "spi")["value"], 0x100);
    assert_eq!(child(child(sa, "sel"), "saddr")["value"], "192.0.2.9");
    let pt = child(&v[4], "XFRMA_POLICY_TYPE");
    assert_eq!(child(pt, "type")["value"], "XFRM_POLICY_TYPE_MAIN");
}

#[test]
fn audit_status_rules_and_records() {
    let v = msgs("audit.pcap");
    assert!(v
        .iter()
        .all(|m| m["problems"].as_array().unwrap().is_empty()));
    // auditctl -s: "enabled 0 failure 1 pid 0 rate_limit 0 backlog_limit 64"
    let st = of_type(&v, "AUDIT_GET")
        .into_iter()
        .find(|m| m["direction"] == "from_kernel")
        .unwrap();
    assert_eq!(st["header"]["enabled"], 0);
    assert_eq!(st["header"]["failure"], "AUDIT_FAIL_PRINTK");
    assert_eq!(st["header"]["backlog_limit"], 64);
    assert_eq!(st["header"]["backlog_wait_time"], 15000);
    // auditctl -l printed the two rules with their keys
    let rules: Vec<&J> = of_type(&v, "AUDIT_LIST_RULES")
        .into_iter()
        .filter(|m| m["direction"] == "from_kernel")
        .collect();
    assert_eq!(rules.len(), 2);
    let r0 = &rules[0]["header"];
    assert_eq!(r0["flags"], "AUDIT_FILTER_EXIT");
    assert_eq!(r0["action"], "AUDIT_ALWAYS");
    assert_eq!(r0["field_count"], 3);
    let f = |r: &J, i: usize, k: &str| r["[".to_string() + &i.to_string() + "]"][k].clone();
    // -F arch=b64: AUDIT_ARCH_X86_64 = EM_X86_64 (62) | 64BIT | LE
    assert_eq!(f(r0, 0, "field"), "AUDIT_ARCH");
    assert_eq!(f(r0, 0, "value"), 0xc000003e_u32);
    assert_eq!(f(r0, 1, "field"), "AUDIT_SUCCESS");
    assert_eq!(f(r0, 2, "field"), "AUDIT_FILTERKEY");
    assert_eq!(f(r0, 2, "str"), "nldump-sample");
    let r1 = &rules[1]["header"];
    assert_eq!(f(r1, 0, "field"), "AUDIT_WATCH");
    assert_eq!(f(r1, 0, "str"), "/etc/hostname");
    assert_eq!(f(r1, 2, "str"), "nldump-watch");
    // nlprobe printed both records
    let cfg = child(of_type(&v, "AUDIT_CONFIG_CHANGE")[0], "text")["value"]
        .as_str()
        .unwrap();
    assert!(cfg.starts_with("audit("), "{cfg}");
    assert!(cfg.contains("): op=set audit_pid="), "{cfg}");
    assert!(cfg.ends_with(" res=1"), "{cfg}");
    let user = of_type(&v, "AUDIT_USER");
    assert_eq!(user[0]["direction"], "to_kernel");
    assert_eq!(
        child(user[0], "text")["value"],
        "nldump sample: hello audit"
    );
    let rec = child(user[1], "text")["value"].as_str().unwrap();
    assert!(rec.ends_with("msg='nldump sample: hello audit'"), "{rec}");
    assert_eq!(of_type(&v, "AUDIT_TTY_GET").len(), 2);
    assert_eq!(of_type(&v, "AUDIT_REPLACE").len(), 1);
}

#[test]
fn audit_record_length_quirk_keeps_the_whole_text() {
    // strace decoded this record as nlmsg_len=103 in a 119-byte datagram
    let (out, _, code) = run_in_root(&["-r", "samples/audit.pcap", "-c", "52"]);
    assert_eq!(code, 0);
    let line = out.lines().find(|l| l.starts_with("52 ")).unwrap();
    assert!(line.contains("len=103"), "{line}");
    assert!(
        line.ends_with("msg='nldump sample: hello audit'\"]"),
        "{line}"
    );
}

#[test]
fn uevents_have_one_node_per_key() {
    let v = msgs("uevent-veth.pcap");
    assert_eq!(v.len(), 20);
    // the listener printed add@.../vb first and remove@.../vb last
    assert_eq!(v[0]["attrs"][0]["value"], "add@/devices/virtual/net/vb");
    assert_eq!(v[19]["attrs"][0]["value"], "remove@/devices/virtual/net/vb");
    let first = &v[0];
    assert_eq!(child(first, "ACTION")["value"], "add");
    assert_eq!(child(first, "DEVPATH")["value"], "/devices/virtual/net/vb");
    assert_eq!(child(first, "SUBSYSTEM")["value"], "net");
    assert_eq!(child(first, "INTERFACE")["value"], "vb");
    for m in &v {
        assert_eq!(m["direction"], "from_kernel");
        for a in m["attrs"].as_array().unwrap() {
            assert_ne!(a["name"], "property", "{a}");
        }
    }
}

#[test]
fn libudev_header_fields() {
    let path = root().join("samples/paste/corpus-hex/pyroute2__uevent_kernel_backlight.txt");
    let (out, err, code) = run_in_root(&[
        "--hex",
        path.to_str().unwrap(),
        "--family",
        "kobject_uevent",
        "-v",
    ]);
    assert_eq!(code, 0, "{err}");
    // bytes 8..24 of the vector: fe ed ca fe | 28 00 00 00 | 28 00 00 00 | a1 01 00 00
    for want in [
        "prefix = \"libudev\"",
        "magic = 0xfeedcafe",
        "header_size = 40",
        "properties_off = 40",
        "properties_len = 417",
        "filter_subsystem_hash = 0xc370b302",
        "SUBSYSTEM = \"backlight\"",
        "SYSTEMD_WANTS = \"systemd-backlight@backlight:intel_backlight.service\"",
    ] {
        assert!(out.contains(want), "{want} not in\n{out}");
    }
}

#[test]
fn proc_connector_events() {
    let v = msgs("connector-proc.pcap");
    assert!(v
        .iter()
        .all(|m| m["problems"].as_array().unwrap().is_empty()));
    let first = &v[0];
    assert_eq!(first["direction"], "to_kernel");
    assert_eq!(first["header"]["idx"], "CN_IDX_PROC");
    let input = child(first, "proc_input");
    assert_eq!(child(input, "mcast_op")["value"], "PROC_CN_MCAST_LISTEN");
    let text = serde_json::to_string(&v).unwrap();
    for what in [
        "PROC_EVENT_NONE",
        "PROC_EVENT_FORK",
        "PROC_EVENT_EXEC",
        "PROC_EVENT_EXIT",
    ] {
        assert!(text.contains(what), "{what}");
    }
    assert!(text.contains("PROC_CN_MCAST_IGNORE"));
}

/// Decodes hex (one message, with nlmsghdr) of NETLINK protocol `family`.
fn decode_hex(hex: &str, family: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("v.txt");
    std::fs::write(&f, hex).unwrap();
    let (out, err, code) = run_in_root(&["--hex", f.to_str().unwrap(), "--family", family, "-v"]);
    assert_eq!(code, 0, "{err}\n{out}");
    out
}

fn hexs(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn nlhdr(len: usize, ty: u16, flags: u16) -> Vec<u8> {
    let mut v = (len as u32).to_le_bytes().to_vec();
    v.extend(ty.to_le_bytes());
    v.extend(flags.to_le_bytes());
    v.extend(7u32.to_le_bytes());
    v.extend(0u32.to_le_bytes());
    v
}

#[test]
fn selinux_built_from_the_header() {
    // SELNL_MSG_SETENFORCE (0x10) with struct selnl_msg_setenforce { s32 val = 1 }
    let mut m = nlhdr(20, 0x10, 0);
    m.extend(1i32.to_le_bytes());
    let out = decode_hex(&hexs(&m), "7");
    assert!(out.contains("SELNL_MSG_SETENFORCE"), "{out}");
    assert!(out.contains("val = 1"), "{out}");
    // SELNL_MSG_POLICYLOAD (0x11) { u32 seqno = 5 }
    let mut m = nlhdr(20, 0x11, 0);
    m.extend(5u32.to_le_bytes());
    let out = decode_hex(&hexs(&m), "7");
    assert!(
        out.contains("SELNL_MSG_POLICYLOAD") && out.contains("seqno = 5"),
        "{out}"
    );
}

#[test]
fn crypto_built_from_the_header() {
    // CRYPTO_MSG_GETALG reply: struct crypto_user_alg (3 x char[64] + 4 x u32)
    // then CRYPTOCFGA_PRIORITY_VAL (u32) and CRYPTOCFGA_REPORT_CIPHER
    // (struct crypto_report_cipher: char type[64], blocksize, min/max keysize)
    let mut body = Vec::new();
    for s in ["aes", "aes-generic", "kernel"] {
        let mut n = s.as_bytes().to_vec();
        n.resize(64, 0);
        body.extend(n);
    }
    for x in [1u32, 0, 2, 0x18c1] {
        body.extend(x.to_le_bytes());
    }
    body.extend(8u16.to_le_bytes());
    body.extend(1u16.to_le_bytes());
    body.extend(100u32.to_le_bytes());
    let mut rep = b"cipher".to_vec();
    rep.resize(64, 0);
    for x in [16u32, 16, 32] {
        rep.extend(x.to_le_bytes());
    }
    body.extend(((4 + rep.len()) as u16).to_le_bytes());
    body.extend(8u16.to_le_bytes());
    body.extend(rep);
    let mut m = nlhdr(16 + body.len(), 0x13, 0);
    m.extend(body);
    let out = decode_hex(&hexs(&m), "21");
    for want in [
        "CRYPTO_MSG_GETALG",
        "cru_name = \"aes\"",
        "cru_driver_name = \"aes-generic\"",
        "cru_module_name = \"kernel\"",
        "cru_refcnt = 2",
        "CRYPTOCFGA_PRIORITY_VAL (1) = 100",
        "CRYPTOCFGA_REPORT_CIPHER (8)",
        "type = \"cipher\"",
        "blocksize = 16",
        "max_keysize = 32",
    ] {
        assert!(out.contains(want), "{want} not in\n{out}");
    }
    assert!(!out.contains("!!"), "{out}");
}

#[test]
fn struct_sizes_match_gcc() {
    // sizeof() printed by gcc 12 on x86_64 for the uapi structs (Linux 6.1
    // headers): the spec's member lengths and pads must add up to them.
    let db = nldump::spec::SpecDb::embedded();
    let want: &[(&str, &str, usize)] = &[
        ("xfrm", "xfrm-selector", 56),
        ("xfrm", "xfrm-id", 24),
        ("xfrm", "xfrm-lifetime-cfg", 64),
        ("xfrm", "xfrm-lifetime-cur", 32),
        ("xfrm", "xfrm-replay-state", 12),
        ("xfrm", "xfrm-replay-state-esn", 24),
        ("xfrm", "xfrm-algo", 68),
        ("xfrm", "xfrm-algo-auth", 72),
        ("xfrm", "xfrm-algo-aead", 72),
        ("xfrm", "xfrm-stats", 12),
        ("xfrm", "xfrm-user-sec-ctx", 8),
        ("xfrm", "xfrm-user-tmpl", 64),
        ("xfrm", "xfrm-encap-tmpl", 24),
        ("xfrm", "xfrm-userpolicy-type", 6),
        ("xfrm", "xfrm-mark", 8),
        ("xfrm", "xfrmu-sadhinfo", 8),
        ("xfrm", "xfrmu-spdinfo", 24),
        ("xfrm", "xfrmu-spdhinfo", 8),
        ("xfrm", "xfrmu-spdhthresh", 2),
        ("xfrm", "xfrm-usersa-info", 224),
        ("xfrm", "xfrm-usersa-id", 24),
        ("xfrm", "xfrm-aevent-id", 48),
        ("xfrm", "xfrm-userspi-info", 232),
        ("xfrm", "xfrm-userpolicy-info", 168),
        ("xfrm", "xfrm-userpolicy-id", 64),
        ("xfrm", "xfrm-user-acquire", 280),
        ("xfrm", "xfrm-user-expire", 232),
        ("xfrm", "xfrm-user-polexpire", 176),
        ("xfrm", "xfrm-usersa-flush", 1),
        ("xfrm", "xfrm-user-report", 60),
        ("xfrm", "xfrm-user-kmaddress", 40),
        ("xfrm", "xfrm-user-migrate", 76),
        ("xfrm", "xfrm-user-mapping", 64),
        ("xfrm", "xfrm-address-filter", 36),
        ("xfrm", "xfrm-user-offload", 8),
        ("xfrm", "xfrm-userpolicy-default", 3),
        ("audit", "audit-status", 44),
        ("audit", "audit-features", 16),
        ("audit", "audit-tty-status", 8),
        ("audit", "audit-rule-data", 1040),
        ("connector", "cn-msg", 20),
        ("crypto", "crypto-user-alg", 208),
        ("crypto", "crypto-report-hash", 72),
        ("crypto", "crypto-report-cipher", 76),
        ("crypto", "crypto-report-comp", 64),
        ("crypto", "crypto-report-rng", 68),
        ("crypto", "crypto-report-akcipher", 64),
        ("crypto", "crypto-report-kpp", 64),
        ("crypto", "crypto-report-acomp", 64),
        ("selinux", "selnl-msg-setenforce", 4),
        ("selinux", "selnl-msg-policyload", 4),
    ];
    let mut bad = Vec::new();
    for (fam, st, size) in want {
        let f = db.family(fam).unwrap_or_else(|| panic!("no family {fam}"));
        let s = f.structs.iter().find(|s| s.name == *st).unwrap();
        if s.size != *size {
            bad.push(format!("{fam} {st}: spec {} gcc {size}", s.size));
        }
    }
    // struct proc_event: 16-byte head + the union (40 bytes in all)
    let c = db.family("connector").unwrap();
    let head = c
        .structs
        .iter()
        .find(|s| s.name == "proc-event")
        .unwrap()
        .size;
    let largest = c
        .structs
        .iter()
        .filter(|s| s.name.starts_with("proc-event-"))
        .map(|s| s.size)
        .max()
        .unwrap();
    if head + largest != 40 {
        bad.push(format!("proc_event: {head} + {largest} != 40"));
    }
    assert!(bad.is_empty(), "{bad:#?}");
}
