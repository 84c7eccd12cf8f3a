#!/usr/bin/env python3
"""Assemble samples/wifi-ie.pcap: nl80211 messages carrying 802.11
information elements, for the ie-list decoder (src/dissect/ieee80211.rs).

This machine has no Wi-Fi (no mac80211_hwsim, no nlmon), so nothing here is
recorded. The capture holds, as LINKTYPE_NETLINK frames (kernel -> user):
  1. a CTRL_CMD_NEWFAMILY naming generic id 0x1c "nl80211", so that nldump
     and tshark learn the family as they would from a real capture;
  2-5. the four pyroute2 NL80211_CMD_NEW_SCAN_RESULTS vectors unchanged
     (samples/paste/corpus-hex/pyroute2__iw_scan_rsp*.txt, real messages);
  6. a hand-built NL80211_CMD_TRIGGER_SCAN request with extra probe IEs;
  7. a hand-built NL80211_CMD_CONNECT event whose REQ_IE/RESP_IE hold
     rates, RSN with several suites, WPA, country, ERP, HE caps/operation,
     RSNX and a reserved element id;
  8. a hand-built NEW_SCAN_RESULTS whose element list is malformed: an RSN
     element cut short, then an element whose length runs past the end.
Element bytes follow IEEE 802.11-2020 clause 9.4.2; attribute numbers come
from /usr/include/linux/nl80211.h.

Usage: scripts/make-wifi-ie.py [OUT]   (default samples/wifi-ie.pcap)
"""
import glob
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NL80211 = 0x1C

# nl80211.h numbers
CMD_TRIGGER_SCAN, CMD_NEW_SCAN_RESULTS, CMD_CONNECT = 33, 34, 46
ATTR_IFINDEX, ATTR_MAC, ATTR_IE, ATTR_SCAN_SSIDS, ATTR_BSS = 3, 6, 42, 45, 47
ATTR_STATUS_CODE, ATTR_REQ_IE, ATTR_RESP_IE = 72, 77, 78
BSS_BSSID, BSS_FREQUENCY, BSS_INFORMATION_ELEMENTS = 1, 2, 6
NLA_F_NESTED = 0x8000


def attr(t, p):
    b = struct.pack("<HH", 4 + len(p), t) + p
    return b + b"\0" * ((-len(b)) % 4)


def nest(t, *parts):
    return attr(t | NLA_F_NESTED, b"".join(parts))


def nlmsg(typ, flags, seq, pid, body):
    return struct.pack("<IHHII", 16 + len(body), typ, flags, seq, pid) + body


def genl(cmd, *attrs):
    return bytes([cmd, 1, 0, 0]) + b"".join(attrs)


def ie(eid, body):
    return bytes([eid, len(body)]) + body


def vector(path):
    text = "".join(l for l in open(path) if not l.startswith("#"))
    return bytes.fromhex("".join(c for c in text if c in "0123456789abcdefABCDEF"))


def suite(oui, t):
    return bytes.fromhex(oui.replace(":", "")) + bytes([t])


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "samples/wifi-ie.pcap")
    msgs = []
    # 1: CTRL_CMD_NEWFAMILY (cmd 1): CTRL_ATTR_FAMILY_NAME (2), CTRL_ATTR_FAMILY_ID (1)
    msgs.append(nlmsg(0x10, 0, 1, 0, bytes([1, 2, 0, 0]) + attr(2, b"nl80211\0")
                      + attr(1, struct.pack("<H", NL80211))))
    # 2-5: the pyroute2 scan results
    for f in sorted(glob.glob(os.path.join(ROOT, "samples/paste/corpus-hex/pyroute2__iw_scan_rsp*.txt"))):
        msgs.append(vector(f))
    # 6: TRIGGER_SCAN request: SSID list ["nld-wpa2"], extra IEs: Extended
    # Capabilities (bit 2 extended channel switching, bit 70 FTM initiator... ),
    # WPS vendor element (00:50:f2 type 4, Version 0x10 TLV).
    probe_ies = (ie(127, bytes([0x04, 0, 0, 0, 0, 0, 0, 0x40]))
                 + ie(221, suite("00:50:f2", 4) + bytes.fromhex("104a000110")))
    msgs.append(nlmsg(NL80211, 0x5, 2, 4242, genl(
        CMD_TRIGGER_SCAN, attr(ATTR_IFINDEX, struct.pack("<I", 3)),
        nest(ATTR_SCAN_SSIDS, attr(1, b"nld-wpa2")), attr(ATTR_IE, probe_ies))))
    # 7: CONNECT event
    rsn = (struct.pack("<H", 1) + suite("00:0f:ac", 4)          # version 1, group CCMP-128
           + struct.pack("<H", 2) + suite("00:0f:ac", 4) + suite("00:0f:ac", 2)  # CCMP-128, TKIP
           + struct.pack("<H", 2) + suite("00:0f:ac", 2) + suite("00:0f:ac", 8)  # PSK, SAE
           + struct.pack("<H", 0x0080)                          # MFPC, 1 replay counter each
           + struct.pack("<H", 0)                               # no PMKIDs
           + suite("00:0f:ac", 6))                              # group mgmt BIP-CMAC-128
    wpa = (suite("00:50:f2", 1) + struct.pack("<H", 1) + suite("00:50:f2", 2)
           + struct.pack("<H", 1) + suite("00:50:f2", 2) + struct.pack("<H", 1) + suite("00:50:f2", 2))
    req = (ie(0, b"nld-wpa2")
           + ie(1, bytes([0x82, 0x84, 0x8B, 0x96, 0x0C, 0x12, 0x18, 0x24]))
           + ie(50, bytes([0x30, 0x48, 0x60, 0x6C]))
           + ie(48, rsn) + ie(221, wpa))
    he_cap = (bytes([35]) + bytes(6) + bytes([0x0C]) + bytes(10)
              + struct.pack("<HHHH", 0xFFFA, 0xFFFA, 0xFFFA, 0xFFFA))
    he_oper = bytes([36, 0xF4, 0x7F, 0x00, 0x05]) + struct.pack("<H", 0xFFFC) + bytes([1, 42, 0])
    resp = (ie(1, bytes([0x82, 0x84, 0x8B, 0x96, 0x0C, 0x12, 0x18, 0x24]))
            + ie(7, b"DE " + bytes([1, 13, 20]) + bytes([201, 1, 0]))
            + ie(42, bytes([0x06]))
            + ie(3, bytes([6]))
            + ie(255, he_cap) + ie(255, he_oper)
            + ie(244, bytes([0x20]))
            + ie(9, b"\x01\x02"))                               # reserved id
    msgs.append(nlmsg(NL80211, 0, 0, 0, genl(
        CMD_CONNECT, attr(ATTR_IFINDEX, struct.pack("<I", 3)),
        attr(ATTR_MAC, bytes.fromhex("020000000100")),
        attr(ATTR_STATUS_CODE, struct.pack("<H", 0)),
        attr(ATTR_REQ_IE, req), attr(ATTR_RESP_IE, resp))))
    # 8: malformed element list: RSN of 5 bytes (version + 3 of 4 suite
    # bytes), then a DS element claiming 9 bytes with 1 left.
    bad = ie(0, b"x") + ie(48, bytes([1, 0, 0x00, 0x0F, 0xAC])) + bytes([3, 9, 6])
    msgs.append(nlmsg(NL80211, 0x2, 3, 4242, genl(
        CMD_NEW_SCAN_RESULTS, attr(ATTR_IFINDEX, struct.pack("<I", 3)),
        nest(ATTR_BSS, attr(BSS_BSSID, bytes.fromhex("020000000200")),
             attr(BSS_FREQUENCY, struct.pack("<I", 2437)),
             attr(BSS_INFORMATION_ELEMENTS, bad)))))

    pcap = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 253)
    for i, m in enumerate(msgs):
        # cooked netlink header: pkttype 4 (outgoing), ARPHRD_NETLINK 824, proto 16
        d = struct.pack(">HHH8sH", 4, 824, 0, b"\0" * 8, 16) + m
        pcap += struct.pack("<IIII", 1700000000 + i, 0, len(d), len(d)) + d
    with open(out_path, "wb") as f:
        f.write(pcap)
    print(f"{out_path}: {len(msgs)} frames, {len(pcap)} bytes")


if __name__ == "__main__":
    main()
