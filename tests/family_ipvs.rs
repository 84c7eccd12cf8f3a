//! IPVS (generic netlink, dissectors/IPVS.yaml) on the pyroute2 corpus
//! capture, which learns the family id (37) from its own CTRL exchange.
//!
//! Expected values are read from the raw bytes (frame 16's service nest
//! starts `06 00 01 00 02 00` = AF 2, `06 00 02 00 06 00` = protocol 6,
//! port bytes `0f a0` = 4000, and the string "wlc") and from the command
//! numbers in linux/ip_vs.h (GET_SERVICE 4, NEW_SERVICE 1, NEW_DEST 5).

mod common;

use common::{run, sample};
use serde_json::Value;

fn attr<'a>(attrs: &'a Value, name: &str) -> &'a Value {
    attrs
        .as_array()
        .and_then(|a| a.iter().find(|x| x["name"] == name))
        .unwrap_or_else(|| panic!("no {name} in {attrs}"))
}

#[test]
fn ipvs_service_dump_is_named() {
    let f = sample("corpus/pyroute2__nl0.pcap");
    let out = run(&["-r", f.to_str().unwrap(), "--json"]);
    let msgs: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_frame = |n: u64| {
        msgs.iter()
            .find(|m| m["frame"] == n)
            .unwrap_or_else(|| panic!("frame {n}"))
    };
    assert_eq!(by_frame(15)["genl"]["cmd"], "IPVS_CMD_GET_SERVICE");
    let reply = by_frame(16);
    assert_eq!(reply["genl"]["cmd"], "IPVS_CMD_NEW_SERVICE");
    let svc = &attr(&reply["attrs"], "IPVS_CMD_ATTR_SERVICE")["attrs"];
    assert_eq!(attr(svc, "IPVS_SVC_ATTR_AF")["value"], 2);
    assert_eq!(attr(svc, "IPVS_SVC_ATTR_PROTOCOL")["value"], 6);
    assert_eq!(attr(svc, "IPVS_SVC_ATTR_PORT")["value"], 4000);
    assert_eq!(attr(svc, "IPVS_SVC_ATTR_SCHED_NAME")["value"], "wlc");
    let stats = &attr(svc, "IPVS_SVC_ATTR_STATS")["attrs"];
    assert!(stats.as_array().unwrap().len() >= 10, "{stats}");
    assert_eq!(by_frame(18)["genl"]["cmd"], "IPVS_CMD_NEW_DEST");
}
