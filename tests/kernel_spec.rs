//! A spec file in the kernel's YNL schema, loaded at run time, decodes a
//! real capture: tests/specs/tcp_metrics.yaml on tests/specs/tcp_metrics.pcap
//! (both described in tests/specs/README.md).
//!
//! Expected values come from what `ip tcp_metrics show` printed when the
//! capture was made (`10.9.0.2 ... cwnd 149 rtt 50us rttvar 50us source
//! 10.9.0.1`), from the command lines, and from linux/tcp_metrics.h.

mod common;

use common::{run, sample};
use serde_json::Value;

fn decode(extra: &[&str]) -> (String, Vec<Value>) {
    let pcap = sample("../tests/specs/tcp_metrics.pcap");
    let mut args = vec!["-r", pcap.to_str().unwrap(), "--json", "--no-builtin-specs"];
    args.extend_from_slice(extra);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let msgs = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    (String::from_utf8(out.stderr).unwrap(), msgs)
}

fn attr<'a>(attrs: &'a Value, name: &str) -> &'a Value {
    attrs
        .as_array()
        .and_then(|a| a.iter().find(|x| x["name"] == name))
        .unwrap_or_else(|| panic!("no {name} in {attrs}"))
}

fn msg(msgs: &[Value], frame: u64) -> &Value {
    msgs.iter()
        .find(|m| m["frame"] == frame)
        .unwrap_or_else(|| panic!("no frame {frame}"))
}

#[test]
fn kernel_schema_spec_decodes_a_capture() {
    let spec = sample("../tests/specs/tcp_metrics.yaml");
    let (stderr, msgs) = decode(&["--spec", spec.to_str().unwrap()]);
    assert_eq!(stderr, "", "loading the spec must not warn");

    // TCP_METRICS_CMD_GET = 1, TCP_METRICS_CMD_DEL = 2 (implicit numbering).
    let dump = msg(&msgs, 3);
    assert_eq!(dump["genl"]["cmd"], "TCP_METRICS_CMD_GET");
    assert_eq!(dump["flags"], serde_json::json!(["REQUEST", "DUMP"]));

    let entry = msg(&msgs, 4);
    assert_eq!(entry["genl"]["cmd"], "TCP_METRICS_CMD_GET");
    assert_eq!(entry["direction"], "from_kernel");
    let a = &entry["attrs"];
    assert_eq!(attr(a, "TCP_METRICS_ATTR_ADDR_IPV4")["value"], "10.9.0.2");
    assert_eq!(attr(a, "TCP_METRICS_ATTR_SADDR_IPV4")["value"], "10.9.0.1");
    assert_eq!(attr(a, "TCP_METRICS_ATTR_ADDR_IPV4")["type"], 1);
    assert_eq!(attr(a, "TCP_METRICS_ATTR_SADDR_IPV4")["type"], 11);
    let vals = &attr(a, "TCP_METRICS_ATTR_VALS")["attrs"];
    // type = TCP_METRIC_CWND (3) + 1
    assert_eq!(attr(vals, "TCP_METRICS_A_METRICS_CWND")["value"], 149);
    assert_eq!(attr(vals, "TCP_METRICS_A_METRICS_CWND")["type"], 4);
    // ip shows rtt = RTT_US >> 3 and rttvar = RTTVAR_US >> 2 (both 50us)
    let rtt_us = attr(vals, "TCP_METRICS_A_METRICS_RTT_US")["value"]
        .as_u64()
        .unwrap();
    let rttvar_us = attr(vals, "TCP_METRICS_A_METRICS_RTTVAR_US")["value"]
        .as_u64()
        .unwrap();
    assert_eq!((rtt_us >> 3, rttvar_us >> 2), (50, 50));

    let del = msg(&msgs, 7);
    assert_eq!(del["genl"]["cmd"], "TCP_METRICS_CMD_DEL");
    assert_eq!(
        attr(&del["attrs"], "TCP_METRICS_ATTR_ADDR_IPV4")["value"],
        "10.9.0.2"
    );
    // After the delete the dump is empty: frame 12 is DONE alone.
    assert_eq!(msg(&msgs, 12)["type"], "NLMSG_DONE");
}

#[test]
fn without_the_spec_nothing_is_named() {
    let (_, msgs) = decode(&[]);
    let entry = msg(&msgs, 4);
    assert_eq!(entry["genl"]["cmd"], Value::Null);
    let names: Vec<&Value> = entry["attrs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["name"])
        .collect();
    assert!(names.iter().all(|n| n.is_null()), "{names:?}");
}
