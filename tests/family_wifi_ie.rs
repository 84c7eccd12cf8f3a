//! 802.11 information elements inside nl80211 (`nldump-decoder: ie-list`,
//! src/dissect/ieee80211.rs). This machine has no Wi-Fi, so the input is
//! samples/wifi-ie.pcap, assembled by scripts/make-wifi-ie.py from the four
//! real pyroute2 scan-result vectors plus hand-built CONNECT / TRIGGER_SCAN /
//! malformed messages (see samples/README.md).
//!
//! Expected values come from the vectors' bytes and comments, from what the
//! generator script wrote, and from tshark 4.0's ieee80211 dissector run on
//! the same capture (`tshark -r samples/wifi-ie.pcap -V`) — never from
//! nldump's own output. Goldens live in tests/golden_wifi_ie/; regenerate
//! with `NLDUMP_BLESS=1 cargo test --test family_wifi_ie` and read the diff.

mod common;

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;

const PCAP: &str = "samples/wifi-ie.pcap";

/// (input, extra arguments, golden file name, expected exit status)
const CASES: &[(&str, &[&str], &str, i32)] = &[
    (PCAP, &[], "wifi-ie.txt", 1),
    (PCAP, &["-v"], "wifi-ie.v.txt", 1),
    (PCAP, &["--json"], "wifi-ie.jsonl", 1),
];

#[test]
fn goldens() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden_wifi_ie");
    let mut failures = Vec::new();
    for (input, args, golden, code) in CASES {
        let (out, err, status) = common::read_with(input, args);
        assert_eq!(status, *code, "{input} {args:?}: {err}");
        common::golden_check(&dir.join(golden), golden, &out, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The JSON messages of the sample, in order.
fn messages() -> Vec<Value> {
    let (out, err, status) = common::read_with(PCAP, &["--json"]);
    assert_eq!(status, 1, "{err}");
    out.lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

fn kids(n: &Value) -> &Vec<Value> {
    n["attrs"]
        .as_array()
        .unwrap_or_else(|| panic!("no children in {n}"))
}

fn child<'a>(n: &'a Value, name: &str) -> &'a Value {
    kids(n)
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in {n}"))
}

/// Values of an element's indexed children (`[0]`, `[1]` …).
fn list(n: &Value) -> Vec<&str> {
    kids(n)
        .iter()
        .map(|c| c["value"].as_str().unwrap_or_else(|| panic!("{c}")))
        .collect()
}

/// NL80211_ATTR_BSS.NL80211_BSS_INFORMATION_ELEMENTS of scan result `m`.
fn bss_ies(m: &Value) -> &Value {
    child(
        child(m, "NL80211_ATTR_BSS"),
        "NL80211_BSS_INFORMATION_ELEMENTS",
    )
}

#[test]
fn scan_vector_elements() {
    let msgs = messages();
    assert_eq!(msgs.len(), 8);
    // Frames 2-5 are the pyroute2 vectors; the first is "Rowan's Desk"
    // (its comment and tshark agree), 5180 MHz = channel 36.
    let m = &msgs[1];
    assert_eq!(m["genl"]["cmd"], "NL80211_CMD_NEW_SCAN_RESULTS");
    let ies = bss_ies(m);
    let names: Vec<&str> = kids(ies)
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    // ids 0 1 3 5 48 45 61 127 191 192 221 in the bytes
    assert_eq!(
        names,
        [
            "SSID",
            "SUPP_RATES",
            "DS_PARAMS",
            "TIM",
            "RSN",
            "HT_CAPABILITY",
            "HT_OPERATION",
            "EXT_CAPABILITY",
            "VHT_CAPABILITY",
            "VHT_OPERATION",
            "VENDOR_SPECIFIC"
        ]
    );
    let types: Vec<u64> = kids(ies)
        .iter()
        .map(|e| e["type"].as_u64().unwrap())
        .collect();
    assert_eq!(types, [0, 1, 3, 5, 48, 45, 61, 127, 191, 192, 221]);
    assert_eq!(child(ies, "SSID")["value"], "Rowan's Desk");
    // tshark: Supported Rates 6(B), 9, 12(B), 18, 24(B), 36, 48, 54
    assert_eq!(
        list(child(ies, "SUPP_RATES")),
        ["6.0*", "9.0", "12.0*", "18.0", "24.0*", "36.0", "48.0", "54.0"]
    );
    assert_eq!(child(ies, "SUPP_RATES")["attrs"][0]["raw"], 0x8c);
    assert_eq!(
        child(child(ies, "DS_PARAMS"), "current_channel")["value"],
        36
    );
    let tim = child(ies, "TIM");
    assert_eq!(child(tim, "dtim_count")["value"], 1);
    assert_eq!(child(tim, "dtim_period")["value"], 2);
    // tshark: group AES (CCM), pairwise AES (CCM), AKM PSK
    let rsn = child(ies, "RSN");
    assert_eq!(child(rsn, "version")["value"], 1);
    assert_eq!(child(rsn, "group_cipher")["value"], "CCMP-128");
    assert_eq!(child(rsn, "group_cipher")["raw"], 0x000f_ac04);
    assert_eq!(list(child(rsn, "pairwise_ciphers")), ["CCMP-128"]);
    assert_eq!(list(child(rsn, "akm_suites")), ["PSK"]);
    // capabilities 0x000c: PTKSA replay counter field 3 = 16 counters
    let caps = child(rsn, "rsn_capabilities");
    assert_eq!(caps["value"], 0x000c);
    assert_eq!(child(caps, "ptksa_replay_counters")["value"], 16);
    assert_eq!(child(caps, "gtksa_replay_counters")["value"], 1);
    // HT capabilities info 0x11ef (bytes ef 11): LDPC, 20/40, SM PS
    // disabled (3), SGI 20/40, TX STBC, RX STBC 1, DSSS/CCK in 40 MHz.
    let ht = child(child(ies, "HT_CAPABILITY"), "ht_capability_info");
    assert_eq!(ht["value"], 0x11ef);
    assert_eq!(
        child(ht, "flags")["value"],
        serde_json::json!([
            "LDPC_CODING",
            "SUP_WIDTH_20_40",
            "SGI_20",
            "SGI_40",
            "TX_STBC",
            "DSSSCCK40"
        ])
    );
    assert_eq!(child(ht, "sm_power_save")["value"], "disabled");
    assert_eq!(child(ht, "rx_stbc_streams")["value"], 1);
    // tshark: primary channel 36, secondary channel above
    let htop = child(ies, "HT_OPERATION");
    assert_eq!(child(htop, "primary_channel")["value"], 36);
    assert_eq!(
        child(child(htop, "ht_param"), "secondary_channel_offset")["value"],
        "above"
    );
    assert_eq!(child(ies, "EXT_CAPABILITY")["value"], "0400000000000040");
    // VHT capabilities 0x338000b2: max MPDU 11454 (2), max A-MPDU exp 7
    let vht = child(child(ies, "VHT_CAPABILITY"), "vht_capability_info");
    assert_eq!(vht["value"], 0x3380_00b2u64);
    assert_eq!(child(vht, "max_mpdu_length")["value"], "11454");
    assert_eq!(child(vht, "max_ampdu_length_exponent")["value"], 7);
    // tshark: VHT operation width 1 (80 MHz), segment 0 = 42
    let vhtop = child(ies, "VHT_OPERATION");
    assert_eq!(child(vhtop, "channel_width")["value"], "80MHZ");
    assert_eq!(child(vhtop, "center_freq_seg0")["value"], 42);
    // tshark: Microsoft WMM/WME Parameter Element; BE AIFSN 3 ECWmin 4 ECWmax 10
    let wmm = child(ies, "VENDOR_SPECIFIC");
    assert_eq!(child(wmm, "oui")["value"], "00:50:f2");
    assert_eq!(child(wmm, "oui_type")["value"], "WMM");
    assert_eq!(child(wmm, "oui_subtype")["value"], "parameter");
    let be = child(wmm, "[0]");
    assert_eq!(child(be, "aci")["value"], "BE");
    assert_eq!(child(be, "aifsn")["value"], 3);
    assert_eq!(child(be, "cw_min")["value"], 15);
    assert_eq!(child(be, "cw_max")["value"], 1023);
    let vo = child(wmm, "[3]");
    assert_eq!(child(vo, "aci")["value"], "VO");
    assert_eq!(child(vo, "txop_limit_32us")["value"], 47);
    // The beacon IEs of the same BSS decode the same way.
    let beacon = child(child(m, "NL80211_ATTR_BSS"), "NL80211_BSS_BEACON_IES");
    assert_eq!(child(beacon, "SSID")["value"], "Rowan's Desk");
}

#[test]
fn other_scan_vectors() {
    let msgs = messages();
    // Vector 2: a hidden SSID (element 0 of length 0) and a Broadcom
    // (00:90:4c) vendor element before the WMM one.
    let ies = bss_ies(&msgs[2]);
    let ssid = child(ies, "SSID");
    assert_eq!(ssid["value"], "");
    assert_eq!(ssid["len"], 2);
    let vendors: Vec<&Value> = kids(ies)
        .iter()
        .filter(|e| e["name"] == "VENDOR_SPECIFIC")
        .collect();
    assert_eq!(vendors.len(), 2);
    assert_eq!(child(vendors[0], "oui")["value"], "00:90:4c");
    assert_eq!(child(vendors[0], "oui_type")["value"], 4);
    assert_eq!(child(vendors[1], "oui_type")["value"], "WMM");
    // Vectors 3 and 4: 486f6f6b2027656d20486f726e73
    for m in &msgs[3..5] {
        assert_eq!(child(bss_ies(m), "SSID")["value"], "Hook 'em Horns");
        let tim = child(bss_ies(m), "TIM");
        assert_eq!(child(tim, "dtim_period")["value"], 2);
    }
    // Vector 4's TIM starts with DTIM count 0 (bytes 05 04 00 02 00 00).
    assert_eq!(
        child(child(bss_ies(&msgs[4]), "TIM"), "dtim_count")["value"],
        0
    );
}

#[test]
fn hand_built_connect_and_scan_request() {
    let msgs = messages();
    // Frame 6: TRIGGER_SCAN with Extended Capabilities and a WPS element.
    let scan = &msgs[5];
    assert_eq!(scan["genl"]["cmd"], "NL80211_CMD_TRIGGER_SCAN");
    let ie = child(scan, "NL80211_ATTR_IE");
    assert_eq!(child(ie, "EXT_CAPABILITY")["value"], "0400000000000040");
    let wps = child(ie, "VENDOR_SPECIFIC");
    assert_eq!(child(wps, "oui_type")["value"], "WPS");
    assert_eq!(child(wps, "data")["value"], "104a000110");

    // Frame 7: CONNECT event; what scripts/make-wifi-ie.py wrote, and what
    // tshark read back from it.
    let c = &msgs[6];
    assert_eq!(c["genl"]["cmd"], "NL80211_CMD_CONNECT");
    let req = child(c, "NL80211_ATTR_REQ_IE");
    assert_eq!(child(req, "SSID")["value"], "nld-wpa2");
    // tshark: 1(B), 2(B), 5.5(B), 11(B), 6, 9, 12, 18 and 24, 36, 48, 54
    assert_eq!(
        list(child(req, "SUPP_RATES")),
        ["1.0*", "2.0*", "5.5*", "11.0*", "6.0", "9.0", "12.0", "18.0"]
    );
    assert_eq!(
        list(child(req, "EXT_SUPP_RATES")),
        ["24.0", "36.0", "48.0", "54.0"]
    );
    let rsn = child(req, "RSN");
    assert_eq!(child(rsn, "pairwise_count")["value"], 2);
    assert_eq!(list(child(rsn, "pairwise_ciphers")), ["CCMP-128", "TKIP"]);
    assert_eq!(list(child(rsn, "akm_suites")), ["PSK", "SAE"]);
    let caps = child(rsn, "rsn_capabilities");
    assert_eq!(caps["value"], 0x80);
    assert_eq!(child(caps, "flags")["value"], serde_json::json!(["MFPC"]));
    assert_eq!(child(rsn, "pmkid_count")["value"], 0);
    // tshark: Group Management Cipher Suite type: BIP (128) (6)
    assert_eq!(child(rsn, "group_mgmt_cipher")["value"], "BIP-CMAC-128");
    let wpa = child(req, "VENDOR_SPECIFIC");
    assert_eq!(child(wpa, "oui_type")["value"], "WPA");
    assert_eq!(child(wpa, "group_cipher")["value"], "WPA-TKIP");
    assert_eq!(list(child(wpa, "akm_suites")), ["WPA-PSK"]);

    let resp = child(c, "NL80211_ATTR_RESP_IE");
    // tshark: Country Code DE, Environment All; 1/13/20 dBm; extension 201
    let country = child(resp, "COUNTRY");
    assert_eq!(child(country, "country")["value"], "DE");
    assert_eq!(child(country, "environment")["value"], "any");
    let t0 = child(country, "[0]");
    assert_eq!(child(t0, "first_channel")["value"], 1);
    assert_eq!(child(t0, "num_channels")["value"], 13);
    assert_eq!(child(t0, "max_power")["value"], 20);
    assert_eq!(
        child(child(country, "[1]"), "reg_extension_id")["value"],
        201
    );
    assert_eq!(
        child(resp, "ERP_INFO")["value"],
        serde_json::json!(["USE_PROTECTION", "BARKER_PREAMBLE_MODE"])
    );
    assert_eq!(
        child(child(resp, "DS_PARAMS"), "current_channel")["value"],
        6
    );
    // Element 255 is named by its extension id (35 HE caps, 36 HE oper).
    let he = child(resp, "HE_CAPABILITY");
    assert_eq!(he["type"], 255);
    assert_eq!(child(he, "ext_id")["raw"], 35);
    // PHY cap byte 0 = 0x0c: 160 MHz maps follow the 80 MHz ones.
    assert_eq!(child(child(he, "rx_mcs_160"), "nss1")["value"], "MCS 0-11");
    let op = child(resp, "HE_OPERATION");
    let params = child(op, "he_oper_params");
    assert_eq!(params["value"], 0x7ff4);
    assert_eq!(child(params, "default_pe_duration")["value"], 4);
    assert_eq!(child(params, "txop_dur_rts_thresh")["value"], 1023);
    assert_eq!(child(child(op, "bss_color_info"), "bss_color")["value"], 5);
    assert_eq!(child(op, "center_freq_seg0")["value"], 42);
    assert_eq!(child(resp, "RSNX")["value"], "20");
    // Reserved id 9: no name, its number and bytes.
    let unknown = kids(resp).last().unwrap();
    assert_eq!(unknown["name"], Value::Null);
    assert_eq!(unknown["type"], 9);
    assert_eq!(unknown["value"], "0102");
}

#[test]
fn malformed_elements_are_problems() {
    let msgs = messages();
    let m = &msgs[7];
    let ies = bss_ies(m);
    assert_eq!(child(ies, "SSID")["value"], "x");
    // RSN of 5 bytes: the version, then 3 bytes of a 4-byte suite.
    let rsn = child(ies, "RSN");
    assert_eq!(child(rsn, "version")["value"], 1);
    assert_eq!(child(rsn, "data")["value"], "000fac");
    // DS_PARAMS claims 9 bytes with 1 left: its byte is shown, marked.
    let ds = child(ies, "DS_PARAMS");
    assert_eq!(ds["value"], "06");
    assert!(ds["problem"].as_str().unwrap().contains("length 9"), "{ds}");
    // Offsets in the frame: 16 (cooked header) + 16 + 4 (genl) + 8
    // (IFINDEX) + 4 (BSS) + 12 (BSSID) + 8 (FREQUENCY) + 4 (IE header) = 72
    // for the list; SSID takes 3, so RSN's body starts at 77 and DS at 82.
    let probs: Vec<(u64, String)> = m["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["offset"].as_u64().unwrap(),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(probs.len(), 2, "{probs:?}");
    assert_eq!(probs[0].0, 77);
    assert!(probs[0].1.starts_with("RSN"), "{probs:?}");
    assert_eq!(probs[1].0, 82);
}

/// Every cut of the CONNECT event's REQ_IE list: never a crash, always the
/// elements that fit, and a problem exactly when an element is cut.
#[test]
fn every_truncation_decodes() {
    // SSID "ab", SUPP_RATES 0x82 0x84, RSN version 1 + CCMP group
    let ies: Vec<u8> = [
        &[0u8, 2, b'a', b'b'][..],
        &[1, 2, 0x82, 0x84],
        &[48, 6, 1, 0, 0x00, 0x0f, 0xac, 0x04],
    ]
    .concat();
    for cut in 0..=ies.len() {
        let part = &ies[..cut];
        // genlmsghdr for NL80211_CMD_CONNECT (46), then NL80211_ATTR_REQ_IE (77)
        let mut body = vec![46u8, 1, 0, 0];
        let len = 4 + part.len() as u16;
        body.extend_from_slice(&len.to_ne_bytes());
        body.extend_from_slice(&77u16.to_ne_bytes());
        body.extend_from_slice(part);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        let mut f = tempfile::NamedTempFile::new().unwrap();
        writeln!(f, "{}", hex::encode(&body)).unwrap();
        let path = f.path().to_str().unwrap().to_string();
        let out = common::run(&["--hex", &path, "--type", "nl80211", "--json"]);
        let whole = [0, 4, 8, 16].contains(&cut);
        let want = if whole { 0 } else { 1 };
        assert_eq!(
            out.status.code(),
            Some(want),
            "cut {cut}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let m: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        if cut >= 4 {
            let req = child(&m, "NL80211_ATTR_REQ_IE");
            assert_eq!(child(req, "SSID")["value"], "ab", "cut {cut}");
        }
    }
}
