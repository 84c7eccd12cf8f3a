//! `--stats` (the per-family decoding summary) and `--no-builtin-specs`.
//!
//! Expected numbers come from the samples' notes (samples/README.md) and
//! from the kernel headers, not from nldump.

mod common;

use common::{run, sample};

fn stats(args: &[&str]) -> String {
    let out = run(args);
    assert_eq!(out.status.code(), Some(0), "{:?}", out);
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The row of `family`: its whitespace-separated columns.
fn row<'a>(text: &'a str, family: &str) -> Vec<&'a str> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|c| c.first() == Some(&family))
        .unwrap_or_else(|| panic!("no row {family:?} in\n{text}"))
}

#[test]
fn counts_messages_per_family() {
    let f = sample("route-link-dump.pcap");
    let text = stats(&["-r", f.to_str().unwrap(), "--stats"]);
    // samples/README.md: frames 1-2 probe + ERROR, 3 dump request, 4 seven
    // RTM_NEWLINK, 5 DONE, 6-9 GETNSID/NEWNSID: 15 messages, all typed.
    let r = row(&text, "route");
    assert_eq!(&r[1..4], ["15", "0", "0"], "{text}");
    assert!(text.starts_with("family "), "{text}");
    // No message is printed, only the table.
    assert!(!text.contains("RTM_NEWLINK"), "{text}");
}

#[test]
fn lists_what_was_not_decoded() {
    // A hand-made message of protocol 0 with an unknown type 0x7ff0 and a
    // second one (RTM_NEWLINK = 16) holding attribute 0x3ff1, unknown to
    // any header. Written as plain hex (little-endian).
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.txt");
    let hex = concat!(
        // nlmsghdr len 20, type 0x7ff0, flags 0, seq 1, pid 0 + 4 body bytes
        "14000000 f07f 0000 01000000 00000000 01020304\n",
        // len 40: ifinfomsg (16) + attr len 8 type 0x3ff1
        "28000000 1000 0000 02000000 00000000 ",
        "00000000 01000000 00000000 00000000 ",
        "0800 f13f 05000000\n",
    );
    std::fs::write(&f, hex).unwrap();
    let text = stats(&["--hex", f.to_str().unwrap(), "--family", "route", "--stats"]);
    let r = row(&text, "route");
    assert_eq!(&r[1..5], ["2", "1", "1", "1"], "{text}");
    assert!(text.contains("message type 0x7ff0"), "{text}");
    assert!(text.contains("attribute IFLA_??? 0x3ff1"), "{text}");
}

#[test]
fn builtin_specs_can_be_left_out() {
    let f = sample("genl-ctrl.pcap");
    let f = f.to_str().unwrap();
    // Without specs, nlctrl's CTRL_ATTR_* have no names.
    let bare = stats(&["-r", f, "--stats", "--no-builtin-specs"]);
    let r = row(&bare, "generic/nlctrl");
    assert_eq!(r[6], "0.0%", "{bare}");
    // The same spec file given at run time names them again.
    let spec = sample("../dissectors/nlctrl.yaml");
    let named = stats(&[
        "-r",
        f,
        "--stats",
        "--no-builtin-specs",
        "--spec",
        spec.to_str().unwrap(),
    ]);
    let r = row(&named, "generic/nlctrl");
    assert_eq!(r[6], "100.0%", "{named}");
}

#[test]
fn genl_ids_can_be_given() {
    // The capture starts after the CTRL_CMD_GETFAMILY exchange: id 0x1c is
    // not learned. Its frame 7 is a dump request with attribute 0xae
    // (NL80211_ATTR_SPLIT_WIPHY_DUMP in linux/nl80211.h), i.e. `iw list`.
    let f = sample("corpus/little-dude-netlink__aaa.pcap");
    let f = f.to_str().unwrap();
    let plain = String::from_utf8(run(&["-r", f, "-c", "7"]).stdout).unwrap();
    assert!(plain.contains("genl:0x1c cmd=1"), "{plain}");
    let out = run(&["-r", f, "-c", "7", "--genl", "0x1c=nl80211"]);
    let told = String::from_utf8(out.stdout).unwrap();
    assert!(told.contains(" nl80211 "), "{told}");
    assert!(!told.contains("genl:0x1c"), "{told}");
    // The whole capture then decodes with names: the wiphy name "phy0" and
    // the SSID are plain text in its bytes.
    let all = run(&["-r", f, "--genl", "0x1c=nl80211"]);
    let all = String::from_utf8(all.stdout).unwrap();
    assert!(all.contains("NL80211_ATTR_WIPHY_NAME=\"phy0\""), "{all}");
    assert!(
        all.contains("NL80211_ATTR_SSID=\"paris-tenderloin\""),
        "{all}"
    );
    assert!(!all.contains("???"), "{all}");
    let bad = run(&["-r", f, "--genl", "nl80211"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("expected ID=NAME"));
}
