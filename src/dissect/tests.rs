//! Dissector tests on byte literals (real messages where noted).

use super::*;
use crate::frame::{Direction, Frame};

fn specs() -> &'static SpecDb {
    use std::sync::OnceLock;
    static DB: OnceLock<&'static SpecDb> = OnceLock::new();
    DB.get_or_init(|| Box::leak(Box::new(SpecDb::embedded())))
}

fn frame(n: u64, protocol: u16, data: Vec<u8>) -> Frame {
    Frame {
        number: n,
        protocol: Some(protocol),
        data,
        ..Frame::default()
    }
}

/// `ip link show lo` request as strace -e write= dumped it on this machine.
const GETLINK_LO: [u8; 48] = [
    0x30, 0, 0, 0, 0x12, 0, 0x01, 0, 0xb4, 0x44, 0x05, 0x6b, 0, 0, 0, 0, //
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, //
    0x08, 0, 0x1d, 0, 0x09, 0, 0, 0, 0x07, 0, 0x03, 0, b'l', b'o', 0, 0,
];

fn text_of(d: &Dissection, f: &Frame, id: NodeId) -> String {
    let mut s = String::new();
    crate::render::value::text(&d.nodes[id as usize], &f.data, &mut s);
    s
}

fn child_named(d: &Dissection, parent: NodeId, name: &'static str) -> Option<NodeId> {
    d.children(parent)
        .find(|&c| d.nodes[c as usize].name == Name::Known(name))
}

#[test]
fn getlink_request_fields_attrs_and_spans() {
    let mut dx = Dissector::new(specs());
    let f = frame(1, proto::ROUTE, GETLINK_LO.to_vec());
    let mut d = Dissection::default();
    dx.dissect(&f, &mut d);
    assert!(!d.has_problems(), "{:?}", d.problems);
    assert_eq!(d.messages.len(), 1);
    let m = &d.messages[0];
    assert_eq!(m.type_name, Some("RTM_GETLINK"));
    assert_eq!(m.direction, Direction::ToKernel);
    assert_eq!(m.hdr.seq, 0x6b0544b4);
    assert_eq!(flags::names(m.hdr.flags, m.flag_kind), ["REQUEST"]);
    let h = m.header.expect("ifinfomsg");
    assert_eq!(d.nodes[h as usize].name, Name::Known("ifinfomsg"));
    let fam = child_named(&d, h, "ifi_family").unwrap();
    assert_eq!(text_of(&d, &f, fam), "AF_UNSPEC");
    let attrs: Vec<NodeId> = d.children(m.attrs.unwrap()).collect();
    assert_eq!(attrs.len(), 2);
    let mask = &d.nodes[attrs[0] as usize];
    assert_eq!(mask.name, Name::Known("IFLA_EXT_MASK"));
    assert_eq!((mask.offset, mask.len), (32, 8));
    let name = &d.nodes[attrs[1] as usize];
    assert_eq!(name.name, Name::Known("IFLA_IFNAME"));
    assert_eq!(
        (name.offset, name.len, name.data_off, name.data_len),
        (40, 7, 44, 2)
    );
    assert_eq!(text_of(&d, &f, attrs[1]), "\"lo\"");
}

fn newlink_mtu_request(seq: u8) -> Vec<u8> {
    // RTM_NEWLINK REQUEST|ACK, ifinfomsg, IFLA_IFNAME "lo", IFLA_MTU 10
    let mut v = vec![
        48, 0, 0, 0, 16, 0, 5, 0, seq, 0, 0, 0, 0, 0, 0, 0, //
        0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, //
        7, 0, 3, 0, b'l', b'o', 0, 0, //
        8, 0, 4, 0, 10, 0, 0, 0,
    ];
    v[0] = v.len() as u8;
    v
}

fn extack_error(seq: u8, capped: bool, request: &[u8]) -> Vec<u8> {
    let mut body = vec![0xea, 0xff, 0xff, 0xff]; // -22
    if capped {
        body.extend_from_slice(&request[..16]);
    } else {
        body.extend_from_slice(request);
    }
    body.extend_from_slice(&[12, 0, 1, 0]);
    body.extend_from_slice(b"bad mtu\0");
    body.extend_from_slice(&[8, 0, 2, 0, 40, 0, 0, 0]);
    let flags: u16 = if capped { 0x300 } else { 0x200 };
    let len = 16 + body.len();
    let mut v = vec![
        len as u8,
        0,
        0,
        0,
        2,
        0,
        flags as u8,
        (flags >> 8) as u8,
        seq,
        0,
        0,
        0,
        0x39,
        0x30,
        0,
        0,
    ];
    v.extend(body);
    v
}

#[test]
fn extack_offset_names_the_attribute_in_the_echo() {
    let req = newlink_mtu_request(7);
    let mut dx = Dissector::new(specs());
    let mut d = Dissection::default();
    let f = frame(2, proto::ROUTE, extack_error(7, false, &req));
    dx.dissect(&f, &mut d);
    let m = &d.messages[0];
    assert_eq!(m.direction, Direction::FromKernel);
    let e = m.error.as_ref().unwrap();
    assert_eq!((e.errno, e.name), (-22, Some("EINVAL")));
    assert_eq!(e.offset, Some(40));
    assert_eq!(e.attr.as_deref(), Some("IFLA_MTU"));
    let (o, l) = e.msg.unwrap();
    assert_eq!(&f.data[o as usize..(o + l) as usize], b"bad mtu");
    // the echoed request is decoded one level down
    let req_node = (m.nodes.0..m.nodes.1)
        .find(|&i| d.nodes[i as usize].name == Name::Known("request"))
        .unwrap();
    assert!(d.nodes[req_node as usize].has_children(req_node));
    assert!(!d.has_problems(), "{:?}", m.problems);
}

#[test]
fn capped_extack_offset_uses_the_earlier_request() {
    let req = newlink_mtu_request(9);
    let mut dx = Dissector::new(specs());
    let mut d = Dissection::default();
    dx.dissect(&frame(1, proto::ROUTE, req.clone()), &mut d);
    assert_eq!(d.messages[0].type_name, Some("RTM_NEWLINK"));
    assert_eq!(
        flags::names(d.messages[0].hdr.flags, d.messages[0].flag_kind),
        ["REQUEST", "ACK"]
    );
    dx.dissect(&frame(2, proto::ROUTE, extack_error(9, true, &req)), &mut d);
    let m = &d.messages[0];
    assert_eq!(
        flags::names(m.hdr.flags, m.flag_kind),
        ["CAPPED", "ACK_TLVS"]
    );
    assert_eq!(m.error.as_ref().unwrap().attr.as_deref(), Some("IFLA_MTU"));
    let r = m.replies.expect("the error completes the request");
    assert_eq!((r.request_frame, r.count), (1, 0));
    assert_eq!(m.reply_to.unwrap().frame, 1);
}

#[test]
fn overrunning_attribute_is_malformed_and_earlier_ones_survive() {
    let mut b = GETLINK_LO.to_vec();
    b[40] = 0x40; // IFLA_IFNAME claims 64 bytes
    let mut dx = Dissector::new(specs());
    let mut d = Dissection::default();
    dx.dissect(&frame(1, proto::ROUTE, b), &mut d);
    let m = &d.messages[0];
    assert_eq!(m.problems.len(), 1);
    assert_eq!(m.problems[0].offset, 40);
    assert!(
        m.problems[0].message.contains("overruns its parent"),
        "{}",
        m.problems[0].message
    );
    let attrs: Vec<NodeId> = d.children(m.attrs.unwrap()).collect();
    assert_eq!(
        d.nodes[attrs[0] as usize].name,
        Name::Known("IFLA_EXT_MASK")
    );
    assert!(d.nodes[attrs[1] as usize].problem.is_some());
}

#[test]
fn short_nlmsg_len_and_trailing_bytes() {
    let mut dx = Dissector::new(specs());
    let mut d = Dissection::default();
    let mut b = GETLINK_LO.to_vec();
    b.extend_from_slice(&[1, 2, 3]);
    dx.dissect(&frame(1, proto::ROUTE, b), &mut d);
    assert_eq!(d.messages.len(), 1);
    assert_eq!(d.problems.len(), 1);
    assert_eq!(d.problems[0].offset, 48);
    // zeros after the last message are padding, short or long
    for pad in [3usize, 120] {
        let mut b = GETLINK_LO.to_vec();
        b.resize(48 + pad, 0);
        dx.dissect(&frame(1, proto::ROUTE, b), &mut d);
        assert!(!d.has_problems(), "{pad}: {:?}", d.problems);
        assert_eq!(d.messages.len(), 1);
    }
    let mut b = GETLINK_LO.to_vec();
    b[0] = 8;
    dx.dissect(&frame(2, proto::ROUTE, b), &mut d);
    assert!(d.messages[0].problems[0]
        .message
        .contains("smaller than the 16-byte header"));
    // a message longer than the frame is decoded as far as it goes
    let mut b = GETLINK_LO.to_vec();
    b[0] = 200;
    dx.dissect(&frame(3, proto::ROUTE, b), &mut d);
    assert!(d.messages[0].problems[0].message.contains("message cut"));
    assert_eq!(d.children(d.messages[0].attrs.unwrap()).count(), 2);
}

#[test]
fn big_endian_capture_is_detected() {
    let mut b = GETLINK_LO.to_vec();
    // swap every 32/16-bit field of the header and attributes
    let swap = |b: &mut Vec<u8>, off: usize, w: usize| b[off..off + w].reverse();
    swap(&mut b, 0, 4);
    swap(&mut b, 4, 2);
    swap(&mut b, 6, 2);
    swap(&mut b, 8, 4);
    swap(&mut b, 32, 2);
    swap(&mut b, 34, 2);
    swap(&mut b, 36, 4);
    swap(&mut b, 40, 2);
    swap(&mut b, 42, 2);
    let mut dx = Dissector::new(specs());
    let mut d = Dissection::default();
    let f = frame(1, proto::ROUTE, b);
    dx.dissect(&f, &mut d);
    assert_eq!(d.byte_order, crate::frame::ByteOrder::Big);
    let m = &d.messages[0];
    assert_eq!(m.type_name, Some("RTM_GETLINK"));
    assert_eq!(m.hdr.seq, 0x6b0544b4);
    let attrs: Vec<NodeId> = d.children(m.attrs.unwrap()).collect();
    assert_eq!(text_of(&d, &f, attrs[1]), "\"lo\"");
    assert!(!d.has_problems());
}

#[test]
fn genl_family_ids_are_learned_from_newfamily() {
    // CTRL_CMD_NEWFAMILY reply announcing "ethtool" = 0x14, then a
    // message of family 0x14.
    let mut nf = vec![0u8; 16];
    nf.extend_from_slice(&[1, 2, 0, 0]); // genlmsghdr: NEWFAMILY v2
    nf.extend_from_slice(&[6, 0, 1, 0, 0x14, 0, 0, 0]); // FAMILY_ID
    nf.extend_from_slice(&[12, 0, 2, 0]);
    nf.extend_from_slice(b"ethtool\0");
    let len = nf.len() as u8;
    nf[0] = len;
    nf[4] = 0x10;
    let mut dx = Dissector::new(specs());
    let mut d = Dissection::default();
    dx.dissect(&frame(1, proto::GENERIC, nf), &mut d);
    let m = &d.messages[0];
    let g = m.genl.as_ref().unwrap();
    assert_eq!(g.family.as_deref(), Some("nlctrl"));
    assert_eq!(g.cmd, Some("CTRL_CMD_NEWFAMILY"));
    let attrs: Vec<NodeId> = d.children(m.attrs.unwrap()).collect();
    assert_eq!(
        d.nodes[attrs[0] as usize].name,
        Name::Known("CTRL_ATTR_FAMILY_ID")
    );
    assert_eq!(d.nodes[attrs[0] as usize].value, Value::U(0x14));
    let mut eth = vec![
        20, 0, 0, 0, 0x14, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0,
    ];
    eth[0] = eth.len() as u8;
    dx.dissect(&frame(2, proto::GENERIC, eth), &mut d);
    assert_eq!(
        d.messages[0].genl.as_ref().unwrap().family.as_deref(),
        Some("ethtool")
    );
    assert_eq!(d.messages[0].genl.as_ref().unwrap().cmd_id, 2);
}

#[test]
fn unknown_attributes_keep_their_bytes() {
    // IFLA type 0x7f is unknown: shown with its number and bytes.
    let mut b = GETLINK_LO.to_vec();
    b[42] = 0x7f;
    let mut dx = Dissector::new(specs());
    let mut d = Dissection::default();
    let f = frame(1, proto::ROUTE, b);
    dx.dissect(&f, &mut d);
    let attrs: Vec<NodeId> = d.children(d.messages[0].attrs.unwrap()).collect();
    let n = &d.nodes[attrs[1] as usize];
    assert_eq!(n.name, Name::Unknown("IFLA_"));
    let mut s = String::new();
    crate::render::value::name(n, &mut s);
    assert_eq!(s, "0x7f /* IFLA_??? */");
    assert_eq!(text_of(&d, &f, attrs[1]), "\"lo\\x00\"");
}

#[test]
fn garbage_never_panics() {
    let mut dx = Dissector::new(specs());
    let mut d = Dissection::default();
    let mut seed: u32 = 12345;
    for len in 0..300usize {
        let mut b = Vec::with_capacity(len);
        for _ in 0..len {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            b.push((seed >> 16) as u8);
        }
        if len >= 4 {
            b[0] = len as u8; // plausible lengths reach deeper code
        }
        for p in [
            proto::ROUTE,
            proto::GENERIC,
            proto::NETFILTER,
            proto::KOBJECT_UEVENT,
        ] {
            dx.dissect(&frame(len as u64, p, b.clone()), &mut d);
        }
    }
}

#[test]
fn missing_attribute_is_named_in_its_set() {
    // RTM_NEWLINK with an empty IFLA_LINKINFO nest at offset 32.
    let req: Vec<u8> = vec![
        36, 0, 0, 0, 16, 0, 5, 0, 3, 0, 0, 0, 0, 0, 0, 0, //
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, //
        4, 0, 18, 0x80,
    ];
    let err = |tlvs: &[u8]| {
        let mut body = vec![0xea, 0xff, 0xff, 0xff];
        body.extend_from_slice(&req);
        body.extend_from_slice(tlvs);
        let mut v = vec![0u8; 16];
        v[0] = (16 + body.len()) as u8;
        v[4] = 2;
        v[7] = 0x02; // ACK_TLVS
        v[8] = 3;
        v.extend(body);
        v
    };
    let mut dx = Dissector::new(specs());
    let mut d = Dissection::default();
    // MISS_TYPE 1 inside the nest at offset 32 (IFLA_LINKINFO): IFLA_INFO_KIND
    let f = frame(
        1,
        proto::ROUTE,
        err(&[8, 0, 5, 0, 1, 0, 0, 0, 8, 0, 6, 0, 32, 0, 0, 0]),
    );
    dx.dissect(&f, &mut d);
    let e = d.messages[0].error.as_ref().unwrap();
    assert_eq!((e.miss_type, e.miss_nest), (Some(1), Some(32)));
    assert_eq!(e.missing.as_deref(), Some("IFLA_INFO_KIND"));
    // MISS_TYPE 3 at the top level: IFLA_IFNAME
    let f = frame(2, proto::ROUTE, err(&[8, 0, 5, 0, 3, 0, 0, 0]));
    dx.dissect(&f, &mut d);
    let e = d.messages[0].error.as_ref().unwrap();
    assert_eq!(e.missing.as_deref(), Some("IFLA_IFNAME"));
}
