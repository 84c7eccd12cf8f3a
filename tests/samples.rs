//! Decoded content of the real samples, checked against what samples/README.md
//! records for each (written from strace's own decoding and the recording
//! commands, not from nldump's output).

use serde_json::Value;
use std::process::Command;

fn messages(capture: &str) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_nldump"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["-r", capture, "--json"])
        .output()
        .expect("run nldump");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

fn frame(msgs: &[Value], n: u64) -> Vec<&Value> {
    msgs.iter().filter(|m| m["frame"] == n).collect()
}

fn attr<'a>(m: &'a Value, name: &str) -> Option<&'a Value> {
    m["attrs"].as_array()?.iter().find(|a| a["name"] == name)
}

fn nested<'a>(a: &'a Value, name: &str) -> Option<&'a Value> {
    a["attrs"].as_array()?.iter().find(|a| a["name"] == name)
}

#[test]
fn link_dump_has_every_link_of_the_namespace() {
    let m = messages("samples/route-link-dump.pcap");
    let f4 = frame(&m, 4);
    let names: Vec<&str> = f4
        .iter()
        .map(|m| attr(m, "IFLA_IFNAME").unwrap()["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["lo", "br0", "uplink0", "veth0", "vethx", "mv0", "vx0"]
    );
    assert!(f4
        .iter()
        .all(|m| m["type"] == "RTM_NEWLINK" && m["direction"] == "from_kernel"));
    assert!(
        attr(f4[2], "IFLA_IFALIAS").is_some(),
        "uplink0 has an alias"
    );
    assert!(
        attr(f4[4], "IFLA_LINK_NETNSID").is_some(),
        "vethx's peer is in another netns"
    );
    let vx = attr(f4[6], "IFLA_LINKINFO").unwrap();
    assert_eq!(nested(vx, "IFLA_INFO_KIND").unwrap()["value"], "vxlan");
    let data = nested(vx, "IFLA_INFO_DATA").unwrap();
    assert_eq!(nested(data, "IFLA_VXLAN_ID").unwrap()["value"], 42);
    assert_eq!(
        nested(data, "IFLA_VXLAN_GROUP").unwrap()["value"],
        "203.0.113.9"
    );
    let done = &frame(&m, 5)[0];
    assert_eq!(done["type"], "NLMSG_DONE");
    assert_eq!(done["replies"]["request_frame"], 3);
    assert_eq!(done["replies"]["count"], 7);
    assert_eq!(
        frame(&m, 3)[0]["flags"],
        serde_json::json!(["REQUEST", "DUMP"])
    );
}

#[test]
fn route_dump_request_with_zero_padding_is_clean() {
    let m = messages("samples/route-addr-route.pcap");
    for n in [18, 25] {
        let f = frame(&m, n);
        assert_eq!(f.len(), 1, "frame {n}: one message, then padding");
        assert_eq!(f[0]["type"], "RTM_GETROUTE");
        assert_eq!(f[0]["len"], 36);
        assert!(attr(f[0], "RTA_TABLE").is_some());
        assert_eq!(f[0]["problems"], serde_json::json!([]));
    }
    let f17 = frame(&m, 17);
    assert_eq!(f17.len(), 8);
    assert!(f17[..7].iter().all(|m| m["type"] == "RTM_NEWADDR"));
    assert_eq!(f17[7]["type"], "NLMSG_DONE");
    assert!(frame(&m, 19)[0]["flags"]
        .as_array()
        .unwrap()
        .contains(&"DUMP_FILTERED".into()));
    assert_eq!(m.iter().filter(|m| m["type"] == "RTM_NEWNEIGH").count(), 8);
    assert_eq!(m.iter().filter(|m| m["type"] == "RTM_NEWRULE").count(), 4);
}

#[test]
fn changes_are_each_acked_and_multipath_is_decoded() {
    let m = messages("samples/route-changes.pcap");
    for (req, ack, ty) in [
        (3, 4, "RTM_NEWLINK"),
        (7, 8, "RTM_NEWADDR"),
        (13, 14, "RTM_NEWLINK"),
        (19, 20, "RTM_NEWLINK"),
        (21, 22, "RTM_NEWROUTE"),
        (23, 24, "RTM_NEWROUTE"),
        (29, 30, "RTM_DELLINK"),
    ] {
        let r = frame(&m, req)[0];
        assert_eq!(r["type"], ty, "frame {req}");
        assert_eq!(r["direction"], "to_kernel");
        let a = frame(&m, ack)[0];
        assert_eq!(a["type"], "NLMSG_ERROR", "frame {ack}");
        assert_eq!(a["error"]["errno"], 0);
        assert!(a["flags"].as_array().unwrap().contains(&"CAPPED".into()));
        assert_eq!(a["replies"]["request_frame"], req);
    }
    let mp = attr(frame(&m, 23)[0], "RTA_MULTIPATH").unwrap();
    let hops: Vec<_> = mp["attrs"].as_array().unwrap().iter().collect();
    assert_eq!(hops.len(), 2);
    assert_eq!(nested(hops[0], "rtnh_hops").unwrap()["value"], 0);
    assert_eq!(nested(hops[1], "rtnh_hops").unwrap()["value"], 1);
    assert_eq!(nested(hops[0], "RTA_GATEWAY").unwrap()["value"], "10.1.0.2");
    assert_eq!(nested(hops[1], "RTA_GATEWAY").unwrap()["value"], "10.1.0.3");
}

#[test]
fn errors_show_errno_extack_message_and_offending_attribute() {
    let m = messages("samples/route-errors-extack.pcap");
    let cases: &[(u64, &str, Option<&str>)] = &[
        (4, "EOPNOTSUPP", Some("Unknown device type")),
        (6, "ENETUNREACH", Some("Nexthop has invalid gateway")),
        (10, "EADDRNOTAVAIL", Some("ipv4: Address not found")),
        (14, "ENODEV", None),
        (20, "EINVAL", Some("mtu less than device minimum")),
        (26, "ERANGE", Some("integer out of range")),
        (33, "ENOENT", None),
        (
            35,
            "EINVAL",
            Some("Device attribute required for non-blackhole and non-fdb nexthops"),
        ),
    ];
    for (n, errno, msg) in cases {
        let e = &frame(&m, *n)[0]["error"];
        assert_eq!(e["name"], *errno, "frame {n}");
        match msg {
            Some(s) => assert_eq!(e["msg"], *s, "frame {n}"),
            None => assert!(e["msg"].is_null(), "frame {n}"),
        }
    }
    let e26 = &frame(&m, 26)[0]["error"];
    assert_eq!(e26["offset"], 32);
    assert_eq!(e26["attr"], "IFLA_GSO_MAX_SIZE");
    let pol = attr(frame(&m, 26)[0], "NLMSGERR_ATTR_POLICY").unwrap();
    assert_eq!(
        nested(pol, "NL_POLICY_TYPE_ATTR_TYPE").unwrap()["value"],
        "NL_ATTR_TYPE_U32"
    );
    assert_eq!(
        nested(pol, "NL_POLICY_TYPE_ATTR_MIN_VALUE_U").unwrap()["value"],
        193
    );
    // the echoed request of frame 14 is the GETLINK for "nosuch"
    let req = &frame(&m, 14)[0]["error"]["request"];
    assert_eq!(req["nlmsghdr"]["nlmsg_type"], "RTM_GETLINK");
    let ifname = req["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "IFLA_IFNAME")
        .unwrap();
    assert_eq!(ifname["value"], "nosuch");
}

#[test]
fn genl_families_listed_and_ids_learned() {
    let m = messages("samples/genl-ctrl.pcap");
    let f2 = frame(&m, 2);
    let fams: Vec<(String, u64)> = f2
        .iter()
        .map(|m| {
            (
                attr(m, "CTRL_ATTR_FAMILY_NAME").unwrap()["value"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                attr(m, "CTRL_ATTR_FAMILY_ID").unwrap()["value"]
                    .as_u64()
                    .unwrap(),
            )
        })
        .collect();
    assert_eq!(fams.len(), 15);
    for (name, id) in [
        ("nlctrl", 0x10),
        ("ethtool", 0x15),
        ("tcp_metrics", 0x1b),
        ("TASKSTATS", 0x1f),
    ] {
        assert!(
            fams.contains(&(name.to_string(), id)),
            "{name} {id:#x} in {fams:?}"
        );
    }
    assert!(f2.iter().all(|m| m["genl"]["cmd"] == "CTRL_CMD_NEWFAMILY"));
    assert_eq!(frame(&m, 3)[0]["replies"]["count"], 15);

    let e = messages("samples/genl-ethtool.pcap");
    // frame 2 teaches 0x15 = ethtool, so frame 4 is named
    assert_eq!(frame(&e, 4)[0]["genl"]["family"], "ethtool");
    assert_eq!(frame(&e, 4)[0]["type_id"], 0x15);
    let e7 = &frame(&e, 7)[0]["error"];
    assert_eq!(e7["name"], "EOPNOTSUPP");
    assert_eq!(e7["msg"], "failed to retrieve link settings");
    let e28 = &frame(&e, 28)[0]["error"];
    assert_eq!(e28["name"], "ENODEV");
    assert_eq!(e28["msg"], "no device matches name");
    assert_eq!(e28["offset"], 24);
    // the STRSET reply on the second socket is matched to its own request
    assert_eq!(frame(&e, 21)[0]["reply_to"]["frame"], 20);
}
