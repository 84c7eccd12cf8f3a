//! Generic netlink families this machine cannot produce (no nl80211,
//! devlink, wireguard, team or openvswitch here): the OVS capture made
//! elsewhere, the nl80211 hex vectors from pyroute2, and hand-built bodies
//! assembled from the uapi headers for the rest.
//!
//! Expected values come from the capture's raw bytes, the vectors' own
//! comments, or the bytes built here — never from nldump's output.

mod common;

use serde_json::Value;
use std::io::Write;

/// Depth-first list of every attribute node (those with a numeric `type`).
fn attrs<'a>(nodes: &'a Value, out: &mut Vec<&'a Value>) {
    if let Some(list) = nodes.as_array() {
        for n in list {
            if n["type"].is_number() {
                out.push(n);
            }
            attrs(&n["attrs"], out);
        }
    }
}

fn all_attrs(msgs: &[Value]) -> Vec<&Value> {
    let mut v = Vec::new();
    for m in msgs {
        attrs(&m["attrs"], &mut v);
    }
    v
}

fn find<'a>(msgs: &'a [Value], name: &str) -> Vec<&'a Value> {
    all_attrs(msgs)
        .into_iter()
        .filter(|a| a["name"] == name)
        .collect()
}

fn child<'a>(n: &'a Value, name: &str) -> &'a Value {
    n["attrs"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["name"] == name))
        .unwrap_or_else(|| panic!("no {name} in {n}"))
}

/// Decodes a bare generic netlink body (genlmsghdr onwards) as `family`.
fn decode_body(family: &str, body: &[u8]) -> Value {
    decode_body_code(family, body, 0)
}

/// Same, expecting exit `code` (1 when the body has malformed parts).
fn decode_body_code(family: &str, body: &[u8], code: i32) -> Value {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    writeln!(f, "{}", hex::encode(body)).unwrap();
    let path = f.path().to_str().unwrap().to_string();
    let out = common::run(&["--hex", &path, "--type", family, "--json"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.code() == Some(code),
        "{family}: exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    let line = text
        .lines()
        .next()
        .unwrap_or_else(|| panic!("{family}: no output"));
    serde_json::from_str(line).unwrap()
}

use common::build::B;

// ------------------------------------------------------------------ OVS

#[test]
fn ovs_capture_every_attribute_named() {
    let (code, msgs) = common::json_lines(&common::sample("corpus/drizzt-ovs__ovs-netlink.pcapng"));
    assert_eq!(code, 0);
    let all = all_attrs(&msgs);
    let unnamed: Vec<_> = all.iter().filter(|a| a["name"].is_null()).collect();
    assert!(all.len() > 1000, "only {} attributes", all.len());
    assert!(
        unnamed.is_empty(),
        "{} unnamed: {:?}",
        unnamed.len(),
        unnamed.first()
    );
    // Every OVS message is named after its command.
    let ovs: Vec<_> = msgs
        .iter()
        .filter(|m| m["type"].as_str().is_some_and(|t| t.starts_with("ovs_")))
        .collect();
    assert!(ovs.len() > 300);
    for m in &ovs {
        assert!(
            m["genl"]["cmd"]
                .as_str()
                .is_some_and(|c| c.starts_with("OVS_")),
            "{m}"
        );
    }
}

#[test]
fn ovs_capture_values() {
    let (_, msgs) = common::json_lines(&common::sample("corpus/drizzt-ovs__ovs-netlink.pcapng"));
    // The datapath's reply names it and its ifindex in struct ovs_header; the
    // internal vport of the same name reports that ifindex independently.
    let dp = msgs
        .iter()
        .find(|m| m["genl"]["cmd"] == "OVS_DP_CMD_GET" && m["direction"] == "from_kernel")
        .expect("a datapath reply");
    assert_eq!(dp["header"]["dp_ifindex"], 17);
    assert_eq!(child(dp, "OVS_DP_ATTR_NAME")["value"], "ovs-system");
    let internal = find(&msgs, "OVS_VPORT_ATTR_TYPE")
        .into_iter()
        .filter(|a| a["value"] == "OVS_VPORT_TYPE_INTERNAL")
        .count();
    assert!(internal > 0);
    let ifx: Vec<u64> = find(&msgs, "OVS_VPORT_ATTR_IFINDEX")
        .iter()
        .filter_map(|a| a["value"].as_u64())
        .collect();
    assert!(ifx.contains(&17), "{ifx:?}");
    // OVS_DP_ATTR_USER_FEATURES = 0x0d in the bytes: UNALIGNED|TC_RECIRC_SHARING|DISPATCH_UPCALL_PER_CPU
    let uf = child(dp, "OVS_DP_ATTR_USER_FEATURES");
    assert_eq!(uf["raw"], 0x0d);
    assert_eq!(
        uf["value"],
        serde_json::json!([
            "OVS_DP_F_UNALIGNED",
            "OVS_DP_F_TC_RECIRC_SHARING",
            "OVS_DP_F_DISPATCH_UPCALL_PER_CPU"
        ])
    );
    // Per-CPU upcall pids: the first four payload bytes are 59 85 8b ee (LE u32).
    let pids = child(dp, "OVS_DP_ATTR_PER_CPU_PIDS");
    let list = pids["attrs"].as_array().unwrap();
    assert_eq!(list.len(), 24, "100-byte attribute = 24 u32");
    assert_eq!(
        list[0]["value"],
        u32::from_le_bytes([0x59, 0x85, 0x8b, 0xee])
    );
    // Vport names the requests asked for, as the capture's golden text shows them.
    let names: Vec<&str> = find(&msgs, "OVS_VPORT_ATTR_NAME")
        .iter()
        .filter_map(|a| a["value"].as_str())
        .collect();
    for n in ["br-lan", "tun1", "docker0", "ovs-system"] {
        assert!(names.contains(&n), "{n} not in {names:?}");
    }
    // Linux 6.2 OVS_VPORT_ATTR_UPCALL_STATS carries two u64 counters.
    let us = find(&msgs, "OVS_VPORT_ATTR_UPCALL_STATS");
    assert!(!us.is_empty());
    assert_eq!(child(us[0], "OVS_VPORT_UPCALL_ATTR_SUCCESS")["value"], 0);
}

/// struct ovs_header + an OVS_FLOW_CMD_NEW with key, mask and actions built
/// from openvswitch.h.
#[test]
fn ovs_flow_hand_built() {
    // OVS_KEY_ATTR_ETHERNET: struct ovs_key_ethernet { eth_src[6], eth_dst[6] }
    let eth = [2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2];
    // OVS_KEY_ATTR_IPV4: be32 src 10.0.0.1, be32 dst 10.0.0.2, proto 6, tos 0, ttl 64, frag 0
    let ipv4 = [10, 0, 0, 1, 10, 0, 0, 2, 6, 0, 64, 0];
    // OVS_KEY_ATTR_TCP: be16 src 1234, be16 dst 80
    let tcp = [0x04, 0xd2, 0x00, 0x50];
    let key = B::default()
        .u32(3, 1) // IN_PORT
        .attr(4, &eth) // ETHERNET
        .attr(6, &0x0800u16.to_be_bytes()) // ETHERTYPE (be16)
        .attr(7, &ipv4) // IPV4
        .attr(9, &tcp) // TCP
        .u32(22, 0x21) // CT_STATE = NEW|TRACKED
        .nest(
            16, // TUNNEL
            B::default()
                .attr(0, &0x2au64.to_be_bytes()) // OVS_TUNNEL_KEY_ATTR_ID (be64)
                .attr(2, &[192, 0, 2, 7]), // IPV4_DST
        );
    let actions = B::default()
        .nest(12, B::default().attr(1, &[]).u16(2, 5)) // CT { COMMIT, ZONE=5 }
        .attr(4, &[0x81, 0x00, 0x00, 0x64]) // PUSH_VLAN tpid 0x8100 tci 100
        .u32(1, 2); // OUTPUT port 2
    let body = B::genl(1, 1)
        .raw(&7i32.to_ne_bytes()) // struct ovs_header { int dp_ifindex = 7 }
        .nest(1, key) // OVS_FLOW_ATTR_KEY
        .nest(2, actions) // OVS_FLOW_ATTR_ACTIONS
        .attr(3, &[5u64.to_ne_bytes(), 300u64.to_ne_bytes()].concat()) // STATS
        .u32(10, 1); // UFID_FLAGS = OMIT_KEY
    let m = decode_body("ovs_flow", &body.0);
    assert_eq!(m["genl"]["cmd"], "OVS_FLOW_CMD_NEW");
    assert_eq!(m["header"]["dp_ifindex"], 7);
    let key = child(&m, "OVS_FLOW_ATTR_KEY");
    assert_eq!(child(key, "OVS_KEY_ATTR_IN_PORT")["value"], 1);
    let e = child(key, "OVS_KEY_ATTR_ETHERNET");
    assert_eq!(child(e, "eth_src")["value"], "02:00:00:00:00:01");
    assert_eq!(child(e, "eth_dst")["value"], "02:00:00:00:00:02");
    assert_eq!(child(key, "OVS_KEY_ATTR_ETHERTYPE")["value"], 0x0800);
    let ip = child(key, "OVS_KEY_ATTR_IPV4");
    assert_eq!(child(ip, "ipv4_src")["value"], "10.0.0.1");
    assert_eq!(child(ip, "ipv4_dst")["value"], "10.0.0.2");
    assert_eq!(child(ip, "ipv4_proto")["value"], 6);
    assert_eq!(child(ip, "ipv4_ttl")["value"], 64);
    assert_eq!(child(ip, "ipv4_frag")["value"], "OVS_FRAG_TYPE_NONE");
    let t = child(key, "OVS_KEY_ATTR_TCP");
    assert_eq!(child(t, "tcp_src")["value"], 1234);
    assert_eq!(child(t, "tcp_dst")["value"], 80);
    assert_eq!(
        child(key, "OVS_KEY_ATTR_CT_STATE")["value"],
        serde_json::json!(["OVS_CS_F_NEW", "OVS_CS_F_TRACKED"])
    );
    let tun = child(key, "OVS_KEY_ATTR_TUNNEL");
    assert_eq!(child(tun, "OVS_TUNNEL_KEY_ATTR_ID")["value"], 0x2a);
    assert_eq!(
        child(tun, "OVS_TUNNEL_KEY_ATTR_IPV4_DST")["value"],
        "192.0.2.7"
    );
    let act = child(&m, "OVS_FLOW_ATTR_ACTIONS");
    let ct = child(act, "OVS_ACTION_ATTR_CT");
    assert_eq!(child(ct, "OVS_CT_ATTR_COMMIT")["value"], true);
    assert_eq!(child(ct, "OVS_CT_ATTR_ZONE")["value"], 5);
    let pv = child(act, "OVS_ACTION_ATTR_PUSH_VLAN");
    assert_eq!(child(pv, "vlan_tpid")["value"], 0x8100);
    assert_eq!(child(pv, "vlan_tci")["value"], 100);
    assert_eq!(child(act, "OVS_ACTION_ATTR_OUTPUT")["value"], 2);
    let st = child(&m, "OVS_FLOW_ATTR_STATS");
    assert_eq!(child(st, "n_packets")["value"], 5);
    assert_eq!(child(st, "n_bytes")["value"], 300);
    assert_eq!(
        child(&m, "OVS_FLOW_ATTR_UFID_FLAGS")["value"],
        serde_json::json!(["OVS_UFID_F_OMIT_KEY"])
    );
    let mut v = Vec::new();
    attrs(&m["attrs"], &mut v);
    assert!(v.iter().all(|a| a["name"].is_string()), "{m}");
}

#[test]
fn ovs_packet_meter_ct_limit_hand_built() {
    // OVS_PACKET_CMD_MISS (1): PACKET bytes, KEY { IN_PORT 3 }, MRU 1500
    let body = B::genl(1, 1)
        .raw(&2i32.to_ne_bytes())
        .attr(1, &[0xff; 14])
        .nest(2, B::default().u32(3, 3))
        .u16(9, 1500);
    let m = decode_body("ovs_packet", &body.0);
    assert_eq!(m["genl"]["cmd"], "OVS_PACKET_CMD_MISS");
    assert_eq!(
        child(child(&m, "OVS_PACKET_ATTR_KEY"), "OVS_KEY_ATTR_IN_PORT")["value"],
        3
    );
    assert_eq!(child(&m, "OVS_PACKET_ATTR_MRU")["value"], 1500);
    // OVS_METER_CMD_SET (2): ID 9, KBPS, BANDS [ { TYPE DROP, RATE 1000, BURST 64 } ]
    let band = B::default().u32(1, 1).u32(2, 1000).u32(3, 64);
    let body = B::genl(2, 1)
        .raw(&2i32.to_ne_bytes())
        .u32(1, 9)
        .attr(2, &[])
        .nest(4, B::default().nest(0, band));
    let m = decode_body("ovs_meter", &body.0);
    assert_eq!(m["genl"]["cmd"], "OVS_METER_CMD_SET");
    assert_eq!(child(&m, "OVS_METER_ATTR_ID")["value"], 9);
    let bands = child(&m, "OVS_METER_ATTR_BANDS");
    let b0 = &bands["attrs"][0];
    assert_eq!(
        child(b0, "OVS_BAND_ATTR_TYPE")["value"],
        "OVS_METER_BAND_TYPE_DROP"
    );
    assert_eq!(child(b0, "OVS_BAND_ATTR_RATE")["value"], 1000);
    // OVS_CT_LIMIT_CMD_GET (3): ZONE_LIMIT struct ovs_zone_limit { zone -1, limit 10, count 3 }
    let zl = [
        (-1i32).to_ne_bytes(),
        10u32.to_ne_bytes(),
        3u32.to_ne_bytes(),
    ]
    .concat();
    let body = B::genl(3, 1).raw(&2i32.to_ne_bytes()).attr(1, &zl);
    let m = decode_body("ovs_ct_limit", &body.0);
    let z = child(&m, "OVS_CT_LIMIT_ATTR_ZONE_LIMIT");
    assert_eq!(child(z, "zone_id")["value"], -1);
    assert_eq!(child(z, "limit")["value"], 10);
    assert_eq!(child(z, "count")["value"], 3);
}

// ------------------------------------------------------------------ nl80211

/// The body (after the 16-byte nlmsghdr) of a pyroute2 hex vector.
fn vector_body(name: &str) -> Vec<u8> {
    let text =
        std::fs::read_to_string(common::sample(&format!("paste/corpus-hex/{name}"))).unwrap();
    let hex: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| l.chars().filter(|c| c.is_ascii_hexdigit()))
        .collect();
    let bytes = hex::decode(hex).unwrap();
    bytes[16..].to_vec()
}

#[test]
fn nl80211_interface_vector() {
    // "NL80211_CMD_NEW_INTERFACE reply (iw dev info)"
    let m = decode_body("nl80211", &vector_body("pyroute2__iw_info_rsp.txt"));
    assert_eq!(m["genl"]["cmd"], "NL80211_CMD_NEW_INTERFACE");
    assert_eq!(child(&m, "NL80211_ATTR_IFNAME")["value"], "wlo1");
    assert_eq!(child(&m, "NL80211_ATTR_IFINDEX")["value"], 3);
    assert_eq!(
        child(&m, "NL80211_ATTR_IFTYPE")["value"],
        "NL80211_IFTYPE_STATION"
    );
    // bytes 0a 00 06 00 a4 4e 31 43 1c 7d in the vector
    assert_eq!(child(&m, "NL80211_ATTR_MAC")["value"], "a4:4e:31:43:1c:7d");
    assert_eq!(child(&m, "NL80211_ATTR_GENERATION")["value"], 5);
}

#[test]
fn nl80211_scan_vectors() {
    let mut total = 0;
    for f in [
        "pyroute2__iw_scan_rsp.txt",
        "pyroute2__iw_scan_rsp_2.txt",
        "pyroute2__iw_scan_rsp_3.txt",
        "pyroute2__iw_scan_rsp_4.txt",
    ] {
        let m = decode_body("nl80211", &vector_body(f));
        assert_eq!(m["genl"]["cmd"], "NL80211_CMD_NEW_SCAN_RESULTS", "{f}");
        let mut v = Vec::new();
        attrs(&m["attrs"], &mut v);
        assert!(v.iter().all(|a| a["name"].is_string()), "{f}: {m}");
        total += v.len();
        let bss = child(&m, "NL80211_ATTR_BSS");
        assert!(
            child(bss, "NL80211_BSS_BSSID")["value"]
                .as_str()
                .unwrap()
                .len()
                == 17
        );
    }
    assert!(total > 40);
    // First vector: the SSID element (id 0, len 12) reads "Rowan's Desk",
    // 5180 MHz, -43.00 dBm, BSSID 14:22:db:00:b6:65.
    let m = decode_body("nl80211", &vector_body("pyroute2__iw_scan_rsp.txt"));
    let bss = child(&m, "NL80211_ATTR_BSS");
    assert_eq!(
        child(bss, "NL80211_BSS_BSSID")["value"],
        "14:22:db:00:b6:65"
    );
    assert_eq!(child(bss, "NL80211_BSS_FREQUENCY")["value"], 5180);
    assert_eq!(child(bss, "NL80211_BSS_SIGNAL_MBM")["value"], -4300);
    assert_eq!(child(bss, "NL80211_BSS_BEACON_INTERVAL")["value"], 100);
    assert_eq!(
        child(bss, "NL80211_BSS_CHAN_WIDTH")["value"],
        "NL80211_BSS_CHAN_WIDTH_20"
    );
    // The element list is split by the ie-list decoder (family_wifi_ie.rs).
    let ies = child(bss, "NL80211_BSS_INFORMATION_ELEMENTS");
    assert_eq!(child(ies, "SSID")["value"], "Rowan's Desk");
}

#[test]
fn nl80211_wiphy_hand_built() {
    // NL80211_CMD_NEW_WIPHY (3): WIPHY 0, WIPHY_NAME phy0, SUPPORTED_IFTYPES {STATION, AP},
    // WIPHY_BANDS [ band 0: FREQS [ {FREQ 2412, MAX_TX_POWER 2000} ], RATES [ {RATE 10} ] ],
    // CIPHER_SUITES 00-0f-ac:4 (CCMP) as a packed u32 array.
    let freq = B::default().u32(1, 2412).u32(6, 2000);
    let band = B::default()
        .nest(1, B::default().nest(0, freq))
        .nest(2, B::default().nest(0, B::default().u32(1, 10)));
    let body = B::genl(3, 1)
        .u32(1, 0)
        .str(2, "phy0")
        .nest(32, B::default().attr(2, &[]).attr(3, &[]))
        .nest(22, B::default().nest(0, band))
        .attr(57, &0x000f_ac04u32.to_ne_bytes());
    let m = decode_body("nl80211", &body.0);
    assert_eq!(m["genl"]["cmd"], "NL80211_CMD_NEW_WIPHY");
    assert_eq!(child(&m, "NL80211_ATTR_WIPHY_NAME")["value"], "phy0");
    let it = child(&m, "NL80211_ATTR_SUPPORTED_IFTYPES");
    assert_eq!(child(it, "NL80211_IFTYPE_STATION")["value"], true);
    assert_eq!(child(it, "NL80211_IFTYPE_AP")["value"], true);
    let bands = child(&m, "NL80211_ATTR_WIPHY_BANDS");
    let freqs = child(&bands["attrs"][0], "NL80211_BAND_ATTR_FREQS");
    assert_eq!(
        child(&freqs["attrs"][0], "NL80211_FREQUENCY_ATTR_FREQ")["value"],
        2412
    );
    assert_eq!(
        child(&freqs["attrs"][0], "NL80211_FREQUENCY_ATTR_MAX_TX_POWER")["value"],
        2000
    );
    let rates = child(&bands["attrs"][0], "NL80211_BAND_ATTR_RATES");
    assert_eq!(
        child(&rates["attrs"][0], "NL80211_BITRATE_ATTR_RATE")["value"],
        10
    );
    let cs = child(&m, "NL80211_ATTR_CIPHER_SUITES");
    assert_eq!(cs["attrs"][0]["value"], 0x000f_ac04);
}

// ------------------------------------------------------------------ wireguard, team, devlink

#[test]
fn wireguard_hand_built() {
    // WG_CMD_GET_DEVICE (0) reply: IFINDEX 5, IFNAME wg0, LISTEN_PORT 51820,
    // PEERS [ { PUBLIC_KEY 32 bytes, ENDPOINT sockaddr_in 192.0.2.1:51820,
    //           LAST_HANDSHAKE_TIME {1700000000, 5}, ALLOWEDIPS [ {FAMILY 2, IPADDR 10.0.0.0, CIDR 24} ] } ]
    let mut sin = Vec::new();
    sin.extend_from_slice(&2u16.to_ne_bytes()); // sin_family AF_INET
    sin.extend_from_slice(&51820u16.to_be_bytes()); // sin_port
    sin.extend_from_slice(&[192, 0, 2, 1]); // sin_addr
    sin.extend_from_slice(&[0; 8]); // sin_zero
    let ts = [1_700_000_000i64.to_ne_bytes(), 5i64.to_ne_bytes()].concat();
    let aip = B::default().u16(1, 2).attr(2, &[10, 0, 0, 0]).u8(3, 24);
    let peer = B::default()
        .attr(1, &[0xab; 32])
        .attr(4, &sin)
        .attr(6, &ts)
        .u64(7, 1000)
        .nest(9, B::default().nest(0, aip));
    let body = B::genl(0, 1)
        .u32(1, 5)
        .str(2, "wg0")
        .u16(6, 51820)
        .nest(8, B::default().nest(0, peer));
    let m = decode_body("wireguard", &body.0);
    assert_eq!(m["genl"]["cmd"], "WG_CMD_GET_DEVICE");
    assert_eq!(child(&m, "WGDEVICE_A_IFNAME")["value"], "wg0");
    assert_eq!(child(&m, "WGDEVICE_A_LISTEN_PORT")["value"], 51820);
    let p = &child(&m, "WGDEVICE_A_PEERS")["attrs"][0];
    assert_eq!(child(p, "WGPEER_A_PUBLIC_KEY")["value"], "ab".repeat(32));
    let ep = child(p, "WGPEER_A_ENDPOINT");
    assert_eq!(child(ep, "sin_family")["value"], 2);
    assert_eq!(child(ep, "sin_port")["value"], 51820);
    assert_eq!(child(ep, "sin_addr")["value"], "192.0.2.1");
    let hs = child(p, "WGPEER_A_LAST_HANDSHAKE_TIME");
    assert_eq!(child(hs, "tv_sec")["value"], 1_700_000_000i64);
    assert_eq!(child(p, "WGPEER_A_RX_BYTES")["value"], 1000);
    let a = &child(p, "WGPEER_A_ALLOWEDIPS")["attrs"][0];
    assert_eq!(child(a, "WGALLOWEDIP_A_IPADDR")["value"], "10.0.0.0");
    assert_eq!(child(a, "WGALLOWEDIP_A_CIDR_MASK")["value"], 24);
}

#[test]
fn wireguard_ipv6_endpoint() {
    // sockaddr_in6: family 10, port 443, flowinfo 0, addr 2001:db8::1, scope 0
    let mut s6 = Vec::new();
    s6.extend_from_slice(&10u16.to_ne_bytes());
    s6.extend_from_slice(&443u16.to_be_bytes());
    s6.extend_from_slice(&[0; 4]);
    s6.extend_from_slice(&[0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    s6.extend_from_slice(&0u32.to_ne_bytes());
    let body = B::genl(1, 1).nest(8, B::default().nest(0, B::default().attr(4, &s6)));
    let m = decode_body("wireguard", &body.0);
    let ep = child(
        &child(&m, "WGDEVICE_A_PEERS")["attrs"][0],
        "WGPEER_A_ENDPOINT",
    );
    assert_eq!(child(ep, "sin6_port")["value"], 443);
    assert_eq!(child(ep, "sin6_addr")["value"], "2001:db8::1");
}

#[test]
fn team_hand_built() {
    // TEAM_CMD_PORT_LIST_GET (3): TEAM_IFINDEX 4, LIST_PORT { ITEM_PORT { IFINDEX 6, LINKUP, SPEED 1000, DUPLEX 1 } }
    let port = B::default().u32(1, 6).attr(3, &[]).u32(4, 1000).u8(5, 1);
    let body = B::genl(3, 1).u32(1, 4).nest(3, B::default().nest(1, port));
    let m = decode_body("team", &body.0);
    assert_eq!(m["genl"]["cmd"], "TEAM_CMD_PORT_LIST_GET");
    assert_eq!(child(&m, "TEAM_ATTR_TEAM_IFINDEX")["value"], 4);
    let p = child(child(&m, "TEAM_ATTR_LIST_PORT"), "TEAM_ATTR_ITEM_PORT");
    assert_eq!(child(p, "TEAM_ATTR_PORT_IFINDEX")["value"], 6);
    assert_eq!(child(p, "TEAM_ATTR_PORT_LINKUP")["value"], true);
    assert_eq!(child(p, "TEAM_ATTR_PORT_SPEED")["value"], 1000);
    // TEAM_CMD_OPTIONS_GET (2): LIST_OPTION { ITEM_OPTION { NAME "mode", TYPE 5 } }
    let opt = B::default().str(1, "mode").u8(3, 5);
    let body = B::genl(2, 1).nest(2, B::default().nest(1, opt));
    let m = decode_body("team", &body.0);
    let o = child(child(&m, "TEAM_ATTR_LIST_OPTION"), "TEAM_ATTR_ITEM_OPTION");
    assert_eq!(child(o, "TEAM_ATTR_OPTION_NAME")["value"], "mode");
}

#[test]
fn devlink_hand_built() {
    // DEVLINK_CMD_PORT_NEW (7): BUS_NAME pci, DEV_NAME 0000:03:00.0, PORT_INDEX 1,
    // PORT_TYPE 2 (ETH), PORT_NETDEV_NAME eth0, PORT_FLAVOUR 0 (PHYSICAL),
    // PORT_FUNCTION { HW_ADDR 02:00:00:00:00:09 }
    let body = B::genl(7, 1)
        .str(1, "pci")
        .str(2, "0000:03:00.0")
        .u32(3, 1)
        .u16(4, 2)
        .str(7, "eth0")
        .u16(77, 0)
        .nest(145, B::default().attr(1, &[2, 0, 0, 0, 0, 9]));
    let m = decode_body("devlink", &body.0);
    assert_eq!(m["genl"]["cmd"], "DEVLINK_CMD_PORT_NEW");
    assert_eq!(child(&m, "DEVLINK_ATTR_DEV_NAME")["value"], "0000:03:00.0");
    assert_eq!(child(&m, "DEVLINK_ATTR_PORT_INDEX")["value"], 1);
    assert_eq!(
        child(&m, "DEVLINK_ATTR_PORT_TYPE")["value"],
        "DEVLINK_PORT_TYPE_ETH"
    );
    assert_eq!(child(&m, "DEVLINK_ATTR_PORT_NETDEV_NAME")["value"], "eth0");
    assert_eq!(
        child(&m, "DEVLINK_ATTR_PORT_FLAVOUR")["value"],
        "DEVLINK_PORT_FLAVOUR_PHYSICAL"
    );
    let f = child(&m, "DEVLINK_ATTR_PORT_FUNCTION");
    assert_eq!(
        child(f, "DEVLINK_PORT_FUNCTION_ATTR_HW_ADDR")["value"],
        "02:00:00:00:00:09"
    );
}

#[test]
fn malformed_packed_array_and_sockaddr_do_not_panic() {
    // 7-byte per-CPU pid array (not a multiple of 4) and a 3-byte endpoint.
    let body = B::genl(3, 2)
        .raw(&0i32.to_ne_bytes())
        .attr(8, &[1, 2, 3, 4, 5, 6, 7]);
    let m = decode_body_code("ovs_datapath", &body.0, 1);
    let p = child(&m, "OVS_DP_ATTR_PER_CPU_PIDS");
    assert_eq!(p["value"], "01020304050607");
    assert!(p["problem"].is_string() || !m["problems"].is_null(), "{m}");
    let body = B::genl(1, 1).nest(8, B::default().nest(0, B::default().attr(4, &[2, 0, 1])));
    let m = decode_body("wireguard", &body.0);
    let ep = child(
        &child(&m, "WGDEVICE_A_PEERS")["attrs"][0],
        "WGPEER_A_ENDPOINT",
    );
    assert_eq!(ep["value"], "020001");
}
