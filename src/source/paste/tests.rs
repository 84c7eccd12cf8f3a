//! Tests on real pastes made on this machine (samples/paste/, see its
//! README for the commands) and on the corpus hex vectors.

use super::*;
use crate::frame::{proto, Direction, Timestamp};

fn sample(name: &str) -> String {
    let p = format!("{}/samples/paste/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// The 48-byte RTM_GETLINK request `ip link show lo` sent in the session
/// that made the fmt.* samples, as its strace -e write dump shows it.
const GETLINK: &str = "3000000012000100fe47056b00000000\
                       00000000000000000000000000000000\
                       08001d000900000007000300 6c6f0000";

fn getlink() -> Vec<u8> {
    hex::decode(GETLINK.replace(' ', "")).unwrap()
}

/// What nlwrite.py writes: an RTM_GETLINK with an attribute holding every
/// byte value and the escapes strace treats specially.
fn nlwrite_request() -> Vec<u8> {
    let mut body: Vec<u8> = (0..=255u8).collect();
    body.extend_from_slice(b"\x001\x0012\x00a\"\\\t\n\x0b\x0c\r\x7f?");
    let mut attr = ((4 + body.len()) as u16).to_le_bytes().to_vec();
    attr.extend_from_slice(&0x7ff0u16.to_le_bytes());
    attr.extend_from_slice(&body);
    let ifi = [0u8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    let len = 16 + ifi.len() + attr.len();
    let mut m = (len as u32).to_le_bytes().to_vec();
    m.extend_from_slice(&[18, 0, 5, 0, 7, 0, 0, 0, 0, 0, 0, 0]);
    m.extend_from_slice(&ifi);
    m.extend_from_slice(&attr);
    m
}

/// The log with its dump lines blanked (line numbers stay the same).
fn without_dumps(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.starts_with(" |") || l.starts_with(" * ") {
                "\n".to_string()
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

fn msgs(d: &[Diagnostic]) -> Vec<(usize, &str)> {
    d.iter().map(|d| (d.line, d.message.as_str())).collect()
}

#[test]
fn strace_string_modes_match_hand_built_bytes_and_the_dump() {
    for name in [
        "nlwrite.txt",
        "nlwrite.x.txt",
        "nlwrite.xx.txt",
        "nlwrite.nonascii.txt",
    ] {
        let text = sample(name);
        let from_dump = parse_paste(&text);
        let from_string = parse_paste(&without_dumps(&text));
        assert_eq!(from_dump.format, PasteFormat::StraceLog);
        assert!(
            from_dump.diagnostics.is_empty(),
            "{name}: {:?}",
            from_dump.diagnostics
        );
        assert_eq!(from_string.frames.len(), 2, "{name}");
        let w = &from_string.frames[0];
        assert_eq!(w.data, nlwrite_request(), "{name}: write() string");
        assert_eq!(w.data, from_dump.frames[0].data, "{name}");
        assert_eq!(
            (w.protocol, w.direction),
            (Some(proto::ROUTE), Direction::ToKernel)
        );
        assert_eq!(w.origin.as_deref(), Some("line 2"));
        let r = &from_string.frames[1];
        assert_eq!(r.direction, Direction::FromKernel);
        assert_eq!(r.data.len(), 1468, "{name}");
        assert_eq!(&r.data[..4], &1468u32.to_le_bytes());
        assert_eq!(
            r.data, from_dump.frames[1].data,
            "{name}: read() string vs dump"
        );
    }
}

#[test]
fn every_raw_sample_string_equals_its_dump() {
    // Same calls, two renderings (quoted string, -e read/write dump): the
    // bytes must agree wherever the log shows a string.
    for tool in ["ip_link", "ip_addr", "ss", "tc", "ethtool", "nft", "genl"] {
        for mode in ["raw", "raw-x", "raw-xx", "raw-nonascii"] {
            let name = format!("{tool}.{mode}.txt");
            let text = sample(&name);
            let full = parse_paste(&text);
            assert!(
                full.diagnostics.is_empty(),
                "{name}: {:?}",
                full.diagnostics
            );
            assert!(!full.frames.is_empty(), "{name}");
            let strings = parse_paste(&without_dumps(&text));
            // ss and genl-ctrl-list send with sendmsg, which strace still
            // decodes (AF_NETLINK address): their bytes are only in dumps.
            let has_strings = !matches!(tool, "ss" | "genl");
            assert_eq!(!strings.frames.is_empty(), has_strings, "{name}");
            for f in &strings.frames {
                let twin = full.frames.iter().find(|g| g.origin == f.origin).unwrap();
                assert_eq!(f.data, twin.data, "{name} {:?}", f.origin);
                assert_eq!((f.protocol, f.direction), (twin.protocol, twin.direction));
            }
        }
    }
}

#[test]
fn families_and_directions_come_from_socket_lines() {
    let cases = [
        ("ip_link.rw.txt", proto::ROUTE, 6),
        ("ss.rw.txt", proto::SOCK_DIAG, 4),
        ("nft.rw.txt", proto::NETFILTER, 0),
        ("genl.rw.txt", proto::GENERIC, 2),
        ("ethtool.rw.txt", proto::GENERIC, 14),
    ];
    for (name, family, count) in cases {
        let p = parse_paste(&sample(name));
        assert!(
            p.frames.iter().all(|f| f.protocol == Some(family)),
            "{name}"
        );
        if count > 0 {
            assert_eq!(p.frames.len(), count, "{name}");
        }
        assert_eq!(p.frames[0].direction, Direction::ToKernel, "{name}");
        assert_eq!(p.frames[1].direction, Direction::FromKernel, "{name}");
        let numbers: Vec<u64> = p.frames.iter().map(|f| f.number).collect();
        assert_eq!(numbers, (1..=p.frames.len() as u64).collect::<Vec<_>>());
    }
    // The 48-byte RTM_GETLINK of ip link show lo, from its sendmsg dump.
    let p = parse_paste(&sample("ip_link.rw.txt"));
    let f = &p.frames[2];
    assert_eq!(f.data.len(), 48);
    assert_eq!(&f.data[..8], &[0x30, 0, 0, 0, 0x12, 0, 1, 0]);
    assert_eq!(&f.data[44..], b"lo\0\0");
    assert_eq!(
        p.skipped.reasons,
        vec![(
            "MSG_PEEK calls (the next call reads the same data)".to_string(),
            2
        )]
    );
}

#[test]
fn yy_annotations_give_the_family_without_socket_lines() {
    let text: String = sample("ss.yy.txt")
        .lines()
        .filter(|l| !l.starts_with("socket("))
        .map(|l| format!("{l}\n"))
        .collect();
    let p = parse_paste(&text);
    assert_eq!(p.frames.len(), 4);
    assert!(p
        .frames
        .iter()
        .all(|f| f.protocol == Some(proto::SOCK_DIAG)));
}

#[test]
fn log_cut_from_the_middle_uses_af_netlink_addresses() {
    let full = sample("ip_link.rw.txt");
    let cut: String = full
        .lines()
        .filter(|l| !l.starts_with("socket("))
        .map(|l| format!("{l}\n"))
        .collect();
    let p = parse_paste(&cut);
    // sendto(3, …, NULL, 0) has no address: skipped and counted; the
    // sendmsg/recvmsg calls carry sa_family=AF_NETLINK.
    assert_eq!(p.frames.len(), 5);
    assert!(p.frames.iter().all(|f| f.protocol.is_none()));
    assert_eq!(p.frames[1].data.len(), 48);
    let note = p
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Note)
        .unwrap();
    assert!(
        note.message
            .starts_with("1 read/write-type calls on fds the log never shows"),
        "{}",
        note.message
    );
}

#[test]
fn decoded_only_log_says_so_once_with_the_options() {
    let p = parse_paste(&sample("ip_link.decoded.txt"));
    assert!(p.frames.is_empty());
    assert!(p.strace_decoded_only);
    assert_eq!(p.diagnostics.len(), 1);
    let d = &p.diagnostics[0];
    assert_eq!(d.line, 8);
    assert!(
        d.message.contains("-e read=all -e write=all"),
        "{}",
        d.message
    );
    // With dumps after the decoded lines the bytes are used.
    let p = parse_paste(&sample("ip_link.rw.txt"));
    assert!(!p.strace_decoded_only);
    assert_eq!(p.frames.len(), 6);
}

#[test]
fn cut_strings_keep_their_bytes_and_original_length() {
    let p = parse_paste(&sample("tc.raw-s32.txt"));
    let f = &p.frames[0];
    assert_eq!(f.data.len(), 32);
    assert_eq!(f.orig_len, Some(40));
    assert!(f.is_cut());
    // tc first looks the device up: RTM_GETLINK (18), nlmsg_len 40.
    assert_eq!(&f.data[..6], &[0x28, 0, 0, 0, 18, 0]);
    assert!(msgs(&p.diagnostics).contains(&(
        7,
        "strace cut this buffer to 32 of 40 bytes (`-s`); `strace -s 65536` or `-e read=all -e write=all` records all of it"
    )));
}

#[test]
fn timestamps_and_pids() {
    let p = parse_paste(&sample("ip_link.f-tt.txt"));
    let f = &p.frames[0];
    let first = sample("ip_link.f-tt.txt");
    let line: usize = f.origin.as_deref().unwrap().split(',').next().unwrap()[5..]
        .parse()
        .unwrap();
    let text = first.lines().nth(line - 1).unwrap();
    let (pid, rest) = text.split_once(' ').unwrap();
    assert_eq!(
        f.origin.as_deref(),
        Some(format!("line {line}, pid {pid}").as_str())
    );
    let hms = &rest[..15];
    let secs = hms[..2].parse::<u64>().unwrap() * 3600
        + hms[3..5].parse::<u64>().unwrap() * 60
        + hms[6..8].parse::<u64>().unwrap();
    assert_eq!(
        f.ts,
        Some(Timestamp::new(
            secs,
            hms[9..].parse::<u32>().unwrap() * 1000
        ))
    );

    let p = parse_paste("1795508188.008859 sendto(3, \"\\24\\0\\0\\0\", 4, 0, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 4\n");
    assert_eq!(p.frames[0].ts, Some(Timestamp::new(1795508188, 8_859_000)));
    assert_eq!(p.frames[0].data, vec![0x14, 0, 0, 0]);

    // -r: deltas, summed to offsets from the first call.
    let r = "socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) = 3\n     0.000000 write(3, \"a\", 1) = 1\n     0.000322 read(3, \"b\", 1) = 1\n     1.999900 write(3, \"c\", 1) = 1\n";
    let p = parse_paste(r);
    let ts: Vec<_> = p.frames.iter().map(|f| f.ts.unwrap()).collect();
    assert_eq!(
        ts,
        vec![
            Timestamp::new(0, 0),
            Timestamp::new(0, 322_000),
            Timestamp::new(2, 222_000)
        ]
    );
}

#[test]
fn unfinished_and_resumed_calls_are_joined() {
    let log = "socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC) = 5\n\
               [pid 10] recvmsg(5,  <unfinished ...>\n\
               [pid 11] write(1, \"x\", 1) = 1\n\
               [pid 10] <... recvmsg resumed>{msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=12, msg_iov=[{iov_base=\"\\x14\\x00\\x00\\x00\\x03\\x00\", iov_len=16384}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 6\n\
               [pid 10] sendto(5, \"\\1\", 1, 0, NULL, 0) = -1 EAGAIN (Resource temporarily unavailable)\n";
    let p = parse_paste(log);
    assert_eq!(p.frames.len(), 1);
    let f = &p.frames[0];
    assert_eq!(f.data, vec![0x14, 0, 0, 0, 3, 0]);
    assert_eq!(f.protocol, Some(proto::GENERIC));
    assert_eq!(f.direction, Direction::FromKernel);
    assert_eq!(f.origin.as_deref(), Some("line 2, pid 10"));
    assert_eq!(
        p.skipped.reasons,
        vec![
            ("calls on fds not known to be netlink".to_string(), 1),
            ("failed calls".to_string(), 1)
        ]
    );
}

#[test]
fn corpus_hex_vectors_give_exactly_their_bytes() {
    let dir = format!("{}/samples/paste/corpus-hex", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let hexline = text.lines().nth(1).unwrap().trim();
        assert!(text.starts_with('#'));
        let p = parse_paste(&text);
        assert!(p.diagnostics.is_empty(), "{path:?}: {:?}", p.diagnostics);
        assert_eq!(p.frames.len(), 1, "{path:?}");
        assert_eq!(p.frames[0].data, hex::decode(hexline).unwrap(), "{path:?}");
        assert_eq!(p.frames[0].origin.as_deref(), Some("line 2"));
        assert_eq!(p.format, PasteFormat::PlainHex);
        n += 1;
    }
    assert_eq!(n, 120);
}

#[test]
fn dump_tools_made_here_give_the_same_bytes() {
    for (name, format) in [
        ("fmt.xxd.txt", PasteFormat::Xxd),
        ("fmt.xxd-g1.txt", PasteFormat::Xxd),
        ("fmt.hexdump-C.txt", PasteFormat::HexdumpC),
        ("fmt.od.txt", PasteFormat::Od),
        ("fmt.xxd-p.txt", PasteFormat::PlainHex),
    ] {
        let p = parse_paste(&sample(name));
        assert!(p.diagnostics.is_empty(), "{name}: {:?}", p.diagnostics);
        assert_eq!(p.format, format, "{name}");
        assert_eq!(p.frames.len(), 1, "{name}");
        assert_eq!(p.frames[0].data, getlink(), "{name}");
    }
    // hexdump without -C prints host-order words: swapped back, with a warning.
    let p = parse_paste(&sample("fmt.hexdump-words.txt"));
    assert_eq!(p.frames[0].data, getlink());
    assert_eq!(p.diagnostics.len(), 1);
    assert!(p.diagnostics[0].message.contains("little-endian words"));
    // `*` repeats the previous line up to the next offset.
    let mut want = vec![0u8; 64];
    want.extend(getlink());
    for name in ["fmt.hexdump-C-repeat.txt", "fmt.od-repeat.txt"] {
        let p = parse_paste(&sample(name));
        assert!(p.diagnostics.is_empty(), "{name}: {:?}", p.diagnostics);
        assert_eq!(p.frames[0].data, want, "{name}");
    }
}

#[test]
fn wireshark_hex_dump_from_tshark() {
    // tshark -x of the first packet of the corpus pcap little-dude-netlink__out.pcap.
    let p = parse_paste(&sample("fmt.tshark-x.txt"));
    assert_eq!(p.format, PasteFormat::Wireshark);
    // One note: the cooked header was recognised.
    assert_eq!(msgs(&p.diagnostics).len(), 1, "{:?}", p.diagnostics);
    assert!(p.diagnostics[0]
        .message
        .contains("16 bytes are the nlmon/cooked capture header"));
    assert_eq!(p.diagnostics[0].severity, Severity::Note);
    assert_eq!(p.frames.len(), 1);
    let f = &p.frames[0];
    let d = &f.data;
    assert_eq!(d.len(), 48);
    assert_eq!(&d[..4], &[0x00, 0x04, 0x03, 0x38]); // cooked header, kept in data
    assert_eq!(f.payload_offset, 16);
    assert_eq!(f.protocol, Some(proto::ROUTE));
    assert_eq!(&f.payload()[..8], &[0x20, 0, 0, 0, 0x12, 0, 1, 3]);
}

#[test]
fn cooked_header_names_the_family_and_plain_messages_keep_offset_0() {
    // nlmon header for NETLINK_GENERIC (16), then an 20-byte nlctrl message.
    let text = "0000   00 04 03 38 00 00 00 00 00 00 00 00 00 00 00 10\n\
                0010   14 00 00 00 10 00 05 00 01 00 00 00 00 00 00 00\n\
                0020   03 01 00 00\n";
    let p = parse_paste(text);
    assert_eq!(p.frames.len(), 1);
    assert_eq!(p.frames[0].payload_offset, 16);
    assert_eq!(p.frames[0].protocol, Some(proto::GENERIC));
    // ARPHRD 0x0339 is not netlink: nothing stripped, no family.
    let p = parse_paste(&text.replace("03 38", "03 39"));
    assert_eq!(p.frames[0].payload_offset, 0);
    assert_eq!(p.frames[0].protocol, None);
    // A plain message is never taken for a header.
    let p = parse_paste(GETLINK);
    assert_eq!(p.frames[0].payload_offset, 0);
}

#[test]
fn literals_and_plain_hex_variants() {
    let want = vec![0x28, 0x00, 0x10, 0xff];
    for text in [
        "28 00 10 ff",
        "280010ff",
        "28:00:10:ff",
        "0x28 0x00 0x10 0xff",
        "0x28, 0x00, 0x10, 0xff,",
        "let buf: [u8; 4] = [0x28, 0x00, 0x10, 0xff];",
        "static const unsigned char m[] = {\n  0x28, 0x00,\n  0x10, 0xff\n};",
        "vec![40, 0, 16, 255]",
        "b'\\x28\\x00\\x10\\xff'",
        "(b'(\\x00'\n b'\\x10\\xff')",
        "\"(\\0\\20\\377\"",
        " | 00000  28 00 10 ff                                       (...             |",
    ] {
        let p = parse_paste(text);
        assert!(p.diagnostics.is_empty(), "{text}: {:?}", p.diagnostics);
        assert_eq!(p.frames.len(), 1, "{text}");
        assert_eq!(p.frames[0].data, want, "{text}");
    }
}

#[test]
fn blank_lines_and_restarting_offsets_separate_messages() {
    let p = parse_paste("# two messages\n14000000\n\n# second\n2800 0000\n");
    assert_eq!(p.frames.len(), 2);
    assert_eq!(p.frames[1].data, vec![0x28, 0, 0, 0]);
    assert_eq!(p.frames[1].origin.as_deref(), Some("line 5"));
    let two = format!("{}{}", sample("fmt.xxd.txt"), sample("fmt.xxd.txt"));
    let p = parse_paste(&two);
    assert_eq!(p.frames.len(), 2);
    assert_eq!(p.frames[1].data, getlink());
    assert_eq!(p.frames[1].origin.as_deref(), Some("line 4"));
}

#[test]
fn malformed_pastes_name_the_line_and_keep_what_they_can() {
    // Odd digit count.
    let p = parse_paste("28 00\n1400001\n");
    assert_eq!(p.frames[0].data, vec![0x28, 0, 0x14, 0, 0]);
    assert_eq!(
        msgs(&p.diagnostics),
        vec![(
            2,
            "column 1: odd number of hex digits (7) in `1400001`; its last digit `1` was left out"
        )]
    );
    // Stray text in a line and a line of prose.
    let p = parse_paste("Here is my dump:\n28 00 zz 10\n");
    assert_eq!(p.frames[0].data, vec![0x28, 0, 0x10]);
    assert_eq!(
        msgs(&p.diagnostics),
        vec![
            (1, "not hex, line ignored: `Here is my dump:`"),
            (2, "column 7: `zz` is not hex; ignored")
        ]
    );
    assert_eq!(p.errors().count(), 2);
    // Mixed formats without a blank line.
    let p = parse_paste("00000000: 2800 0000  (...\n14 00 00 00\n");
    assert_eq!(p.format, PasteFormat::Mixed);
    assert_eq!(p.frames.len(), 2);
    assert_eq!(
        msgs(&p.diagnostics),
        vec![(2, "plain hex after xxd output (from line 1) with no blank line between; read as a new message")]
    );
    // A missing dump line.
    let hd = sample("fmt.hexdump-C.txt");
    let mut lines: Vec<&str> = hd.lines().collect();
    lines.remove(1);
    let p = parse_paste(&lines.join("\n"));
    assert_eq!(p.frames[0].data.len(), 32);
    assert_eq!(
        msgs(&p.diagnostics),
        vec![(
            2,
            "offset 0x20 but 0x10 bytes so far: 16 bytes are missing before this line"
        )]
    );
    // Bad escapes in a strace string.
    let p = parse_paste("\"\\0\\400\"\n");
    assert!(p.frames.is_empty());
    assert_eq!(
        msgs(&p.diagnostics),
        vec![(1, "column 4: octal escape \\400 is larger than a byte")]
    );
    // Odd text inside a strace log.
    let p = parse_paste("socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) = 3\nhello there\nwrite(3, \"\\24\\0\", 2) = 2\n");
    assert_eq!(p.frames[0].data, vec![0x14, 0]);
    assert_eq!(
        msgs(&p.diagnostics),
        vec![(2, "not a strace line, ignored: `hello there`")]
    );
}

#[test]
fn text_and_captures_are_told_apart() {
    assert!(looks_like_text(b"00000000: 2800 0000"));
    assert!(looks_like_text(sample("ip_link.rw.txt").as_bytes()));
    assert!(looks_like_text("# caf\u{e9}\n28".as_bytes()));
    assert!(!looks_like_text(&[0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0]));
    assert!(!looks_like_text(&[0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0]));
    assert!(!looks_like_text(b"28\x00\x00"));
    assert!(!looks_like_text(b""));
}

#[test]
fn paste_source_yields_frames_and_notes() {
    let mut s = PasteSource::from_text("28 00\nzz\n\n14 00\n");
    assert_eq!(s.next_frame().unwrap().unwrap().data, vec![0x28, 0]);
    assert_eq!(s.next_frame().unwrap().unwrap().number, 2);
    assert!(s.next_frame().unwrap().is_none());
    assert_eq!(
        s.notes(),
        vec!["line 2: not hex, line ignored: `zz`".to_string()]
    );
}

#[test]
fn no_panic_on_cut_or_scrambled_input() {
    // Every prefix-cut and a byte-scrambled copy of real pastes: parsing
    // may complain but must not panic.
    let mut seed: u32 = 12345;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed
    };
    for name in [
        "nlwrite.txt",
        "tc.raw-s32.txt",
        "fmt.hexdump-C-repeat.txt",
        "fmt.tshark-x.txt",
        "ip_link.f-tt.txt",
    ] {
        let text = sample(name);
        let text = &text[..text.len().min(4000)];
        for cut in (0..text.len()).step_by(7) {
            if let Some(t) = text.get(..cut) {
                parse_paste(t);
            }
        }
        let mut bytes = text.as_bytes().to_vec();
        for _ in 0..200 {
            let i = rnd() as usize % bytes.len();
            let alphabet = b"\\\"|*0x:9 \n(){}[]<>=,.-";
            bytes[i] = alphabet[rnd() as usize % alphabet.len()];
            parse_paste(&String::from_utf8_lossy(&bytes));
        }
    }
}

#[test]
fn xxd_i_length_line_is_not_a_byte() {
    // `xxd -i -n getlink_req` of the 48-byte request, made on this machine.
    let text = std::fs::read_to_string(format!(
        "{}/tests/golden_paste/inputs/c-array.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let p = parse_paste(&text);
    assert_eq!(p.frames.len(), 1, "{:?}", p.diagnostics);
    assert_eq!(p.frames[0].data, getlink());
    assert_eq!(
        msgs(&p.diagnostics),
        vec![(
            7,
            "`unsigned int getlink_req_len = 48;` declares a single value, not bytes; skipped"
        )]
    );
    assert_eq!(p.errors().count(), 0);
    // A long hex value after `=` is still data.
    let p = parse_paste("req = 3000000012000100fe47056b00000000\n");
    assert_eq!(p.frames[0].data.len(), 16);
}
