#!/usr/bin/env python3
"""rtnetlink notifications that no packaged tool here asks for, for samples.

Each subcommand joins rtnetlink multicast groups on one NETLINK_ROUTE socket,
makes something happen, prints one line per message it reads (so the
sample's facts can be checked without nldump) and exits.  Run it under
scripts/nlrecord to capture it.

  rtx-probe.py prefix IFNAME PEERNS PEERIF
        join RTNLGRP_IPV6_PREFIX (18); from namespace PEERNS send one IPv6
        router advertisement out of PEERIF to ff02::1 with a prefix
        information option 2001:db8:1234::/64 (L and A set, valid 86400 s,
        preferred 14400 s); IFNAME (here) must accept RAs
  rtx-probe.py mroute IF1 IF2 PEERNS PEERIF
        join RTNLGRP_IPV4_MROUTE_R (30); open a raw IGMP socket, MRT_INIT,
        add IF1 and IF2 as VIFs 0 and 1 and an MFC entry
        (198.51.100.1, 239.1.1.1) from VIF 0 to VIF 1; from namespace PEERNS
        send one UDP datagram to 239.2.2.2 out of PEERIF (no MFC entry: a cache miss, so
        IGMPMSG_NOCACHE on the raw socket and RTM_NEWCACHEREPORT on netlink);
        then dump the multicast routes as `ip mroute show` does (RTM_GETROUTE,
        rtm_family RTNL_FAMILY_IPMR) while the socket is open, and MRT_DONE
"""

import ctypes
import select
import socket
import struct
import sys
import time

SOL_NETLINK, NETLINK_ADD_MEMBERSHIP = 270, 1
RTNLGRP_IPV6_PREFIX, RTNLGRP_IPV4_MROUTE_R = 18, 30
MRT_INIT, MRT_DONE, MRT_ADD_VIF, MRT_ADD_MFC = 200, 201, 202, 204
VIFF_USE_IFINDEX = 0x8
CLONE_NEWNET = 0x40000000


def messages(buf):
    off = 0
    while off + 16 <= len(buf):
        ln, t, fl, seq, pid = struct.unpack_from("=IHHII", buf, off)
        if ln < 16:
            break
        yield t, buf[off + 16:off + ln]
        off += (ln + 3) & ~3


def listener(*groups):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    s.bind((0, 0))
    for g in groups:
        s.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, g)
    return s


def attrs(body):
    off = 0
    while off + 4 <= len(body):
        ln, t = struct.unpack_from("=HH", body, off)
        if ln < 4:
            break
        yield t & 0x3FFF, body[off + 4:off + ln]
        off += (ln + 3) & ~3


def read_for(s, secs, show):
    end = time.time() + secs
    while time.time() < end:
        r, _, _ = select.select([s], [], [], max(0.0, end - time.time()))
        if not r:
            break
        for t, body in messages(s.recv(65536)):
            show(t, body)


def show_prefix(t, body):
    if t != 52 or len(body) < 12:
        print(f"type {t} len {len(body)}")
        return
    fam, ifindex, ptype, plen, flags = struct.unpack_from("=B3xiBBB", body)
    out = [f"RTM_NEWPREFIX family={fam} ifindex={ifindex} type={ptype} len={plen} flags={flags:#x}"]
    for a, v in attrs(body[12:]):
        if a == 1 and len(v) == 16:
            out.append("address=" + socket.inet_ntop(socket.AF_INET6, v))
        elif a == 2 and len(v) == 8:
            out.append("preferred=%d valid=%d" % struct.unpack("=II", v))
    print(" ".join(out))


def peer_socket(ns, *args):
    """A socket created in network namespace `ns` (it stays there). Done with
    setns(2) in this process: a child process would reuse the fd numbers of
    our netlink socket and nlrecord would take its reads for netlink."""
    libc = ctypes.CDLL(None, use_errno=True)
    with open("/proc/self/ns/net") as home, open(f"/run/netns/{ns}") as peer:
        if libc.setns(peer.fileno(), CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns")
        try:
            return socket.socket(*args)
        finally:
            libc.setns(home.fileno(), CLONE_NEWNET)


def prefix(args):
    ifname, peerns, peerif = args[:3]
    s = listener(RTNLGRP_IPV6_PREFIX)
    print("ifindex of", ifname, "is", socket.if_nametoindex(ifname))
    r = peer_socket(peerns, socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    r.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
    r.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, peerif.encode())
    ra = struct.pack("!BBHBBHII", 134, 0, 0, 64, 0, 1800, 0, 0)
    pio = struct.pack("!BBBBIII", 3, 4, 64, 0xC0, 86400, 14400, 0)
    pio += socket.inet_pton(socket.AF_INET6, "2001:db8:1234::")
    # the scope id is only a hint here: SO_BINDTODEVICE picks the interface
    r.sendto(ra + pio, ("ff02::1", 0, 0, 0))
    read_for(s, 1.0, show_prefix)


def show_creport(t, body):
    if t != 96 or len(body) < 4:
        print(f"type {t} len {len(body)}")
        return
    out = [f"RTM_NEWCACHEREPORT family={body[0]}"]
    for a, v in attrs(body[4:]):
        if a == 1:
            out.append(f"msgtype={v[0]}")
        elif a == 2:
            out.append("vif=%d" % struct.unpack("=I", v))
        elif a in (3, 4) and len(v) == 4:
            out.append(("src=" if a == 3 else "dst=") + socket.inet_ntoa(v))
        elif a == 5:
            out.append(f"pkt={len(v)} bytes")
    print(" ".join(out))


def show_route(t, body):
    if t != 24 or len(body) < 12:
        print(f"type {t} len {len(body)}")
        return
    out = [f"RTM_NEWROUTE family={body[0]} table={body[4]} type={body[7]}"]
    for a, v in attrs(body[12:]):
        if a in (1, 2) and len(v) == 4:
            out.append(("dst=" if a == 1 else "src=") + socket.inet_ntoa(v))
        elif a == 3:
            out.append("iif=%d" % struct.unpack("=I", v))
        elif a == 9:
            out.append(f"multipath={len(v)} bytes")
        elif a == 17 and len(v) >= 24:
            out.append("mfc_stats pkts=%d bytes=%d wrong_if=%d" % struct.unpack("=QQQ", v[:24]))
    print(" ".join(out))


def mroute(args):
    if1, if2, peerns, peerif = args[:4]
    nl = listener(RTNLGRP_IPV4_MROUTE_R)
    m = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_IGMP)
    m.setsockopt(socket.IPPROTO_IP, MRT_INIT, struct.pack("=i", 1))
    for vifi, name in enumerate((if1, if2)):
        vif = struct.pack("=HBBIiI", vifi, VIFF_USE_IFINDEX, 1, 0,
                          socket.if_nametoindex(name), 0)
        m.setsockopt(socket.IPPROTO_IP, MRT_ADD_VIF, vif)
    ttls = bytes([0, 1] + [0] * 30)
    mfc = socket.inet_aton("198.51.100.1") + socket.inet_aton("239.1.1.1")
    mfc += struct.pack("=H", 0) + ttls + struct.pack("=2xIIIi", 0, 0, 0, 0)
    m.setsockopt(socket.IPPROTO_IP, MRT_ADD_MFC, mfc)
    u = peer_socket(peerns, socket.AF_INET, socket.SOCK_DGRAM)
    u.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 8)
    u.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, peerif.encode())
    u.sendto(b"nldump", ("239.2.2.2", 5000))
    read_for(nl, 1.0, show_creport)
    r, _, _ = select.select([m], [], [], 0.5)
    if r:
        pkt = m.recv(2048)
        # struct igmpmsg after... the kernel puts it where the IP header is
        print("igmpmsg type", pkt[8], "vif", pkt[10],
              socket.inet_ntoa(pkt[12:16]), "->", socket.inet_ntoa(pkt[16:20]))
    # what `ip mroute show` asks: RTM_GETROUTE dump, rtm_family RTNL_FAMILY_IPMR
    rtmsg = struct.pack("=BBBBBBBBI", 128, 0, 0, 0, 0, 0, 0, 0, 0)
    nl.send(struct.pack("=IHHII", 16 + len(rtmsg), 26, 0x301, 1, 0) + rtmsg)
    read_for(nl, 0.5, show_route)
    m.setsockopt(socket.IPPROTO_IP, MRT_DONE, struct.pack("=i", 1))


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in ("prefix", "mroute"):
        sys.exit(__doc__)
    {"prefix": prefix, "mroute": mroute}[sys.argv[1]](sys.argv[2:])
