#!/usr/bin/env python3
"""Sends the netdev generic netlink requests of samples/genl-netdev.pcap
(scripts/make-samples.sh, slice genl-new).  No tool on this machine speaks
the netdev family (no ynl CLI), so the requests are built here by hand from
/usr/include/linux/netdev.h:

  * CTRL_CMD_GETFAMILY for "netdev", then for "dpll" and "handshake"
    (this kernel has neither: the real ENOENT answers are in the sample);
  * NETDEV_CMD_DEV_GET dump, and do for the ifindex given as argv[1];
  * NETDEV_CMD_PAGE_POOL_GET dump and NETDEV_CMD_PAGE_POOL_STATS_GET dump;
  * NETDEV_CMD_QUEUE_GET dump, and do for rx queue 0 of argv[1];
  * CTRL_CMD_GETPOLICY dump for netdev (the kernel's own attribute policy);
  * NETDEV_CMD_NAPI_GET dump, and do for the first NAPI id of the dump;
    NETDEV_CMD_NAPI_SET (Linux 6.13+) on it, and NAPI_GET do again;
  * NETDEV_CMD_QSTATS_GET dump, per device and with NETDEV_QSTATS_SCOPE_QUEUE;
  * NETDEV_CMD_DEV_GET for ifindex 9999 (no such device: ENODEV, extack);
  * NETDEV_CMD_QUEUE_GET without NETDEV_A_QUEUE_TYPE (missing attribute:
    EINVAL with NLMSGERR_ATTR_MISS_TYPE);
  * with argv[2] = a shell command: joins the "mgmt" and "page-pool"
    multicast groups, runs the command (it creates and deletes devices)
    and prints the notifications that arrive within a second.

Run it inside the sample's network namespace.  Only the standard library.
"""
import os
import select
import socket
import struct
import sys
import time

NETLINK_GENERIC, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, NETLINK_EXT_ACK = 16, 270, 1, 11
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 16, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_MCAST_GROUPS = 1, 2, 7

# linux/netdev.h
DEV_GET, PAGE_POOL_GET, PAGE_POOL_STATS_GET, QUEUE_GET, NAPI_GET, QSTATS_GET = 1, 5, 9, 10, 11, 12
A_DEV_IFINDEX = 1
A_QUEUE_ID, A_QUEUE_IFINDEX, A_QUEUE_TYPE = 1, 2, 3
A_NAPI_IFINDEX, A_NAPI_ID = 1, 2
# newer than the 6.12 header: numbers from the running kernel's policy dump
NAPI_SET = 14
A_NAPI_DEFER_HARD_IRQS, A_NAPI_GRO_FLUSH_TIMEOUT, A_NAPI_IRQ_SUSPEND_TIMEOUT = 5, 6, 7
CTRL_CMD_GETPOLICY = 10
A_QSTATS_IFINDEX, A_QSTATS_SCOPE = 1, 4
QUEUE_TYPE_RX, QSTATS_SCOPE_QUEUE = 0, 1


def attr(kind, payload):
    a = struct.pack("=HH", 4 + len(payload), kind) + payload
    return a + b"\0" * (-len(a) % 4)


def u32(kind, v):
    return attr(kind, struct.pack("=I", v))


def attrs(buf):
    out = {}
    while len(buf) >= 4:
        ln, kind = struct.unpack_from("=HH", buf)
        if ln < 4:
            break
        out.setdefault(kind & 0x3FFF, buf[4:ln])
        buf = buf[(ln + 3) & ~3:]
    return out


class Genl:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.s.bind((0, 0))
        self.seq = 0

    def request(self, ftype, cmd, body=b"", flags=NLM_F_REQUEST | NLM_F_ACK):
        self.seq += 1
        payload = struct.pack("=BBH", cmd, 1, 0) + body
        self.s.send(struct.pack("=IHHII", 16 + len(payload), ftype, flags, self.seq, 0) + payload)
        replies = []
        while True:
            data = self.s.recv(65536)
            off = 0
            while off + 16 <= len(data):
                ln, mtype, _, _, _ = struct.unpack_from("=IHHII", data, off)
                msg = data[off:off + ln]
                off += (ln + 3) & ~3
                if mtype == 2:  # NLMSG_ERROR: error code, then the echoed request
                    return replies, struct.unpack_from("=i", msg, 16)[0]
                if mtype == 3:  # NLMSG_DONE
                    return replies, 0
                replies.append(msg[20:])

    def dump(self, ftype, cmd, body=b""):
        return self.request(ftype, cmd, body, NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP)

    def family(self, name):
        r, err = self.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                              attr(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0"))
        if err or not r:
            return None, {}, err
        a = attrs(r[0])
        groups = {}
        grps = a.get(CTRL_ATTR_MCAST_GROUPS, b"")
        while len(grps) >= 4:
            ln, _ = struct.unpack_from("=HH", grps)
            if ln < 4:
                break
            g = attrs(grps[4:ln])
            groups[g[1].rstrip(b"\0").decode()] = struct.unpack("=I", g[2][:4])[0]
            grps = grps[(ln + 3) & ~3:]
        return struct.unpack("=H", a[CTRL_ATTR_FAMILY_ID][:2])[0], groups, 0


g = Genl()
nd, groups, err = g.family("netdev")
print("netdev family", nd, groups, err)
for name in ("dpll", "handshake"):
    print(name, "family", g.family(name)[2])
if nd is None:
    sys.exit(1)
ifindex = int(sys.argv[1]) if len(sys.argv) > 1 else 1
r, e = g.request(GENL_ID_CTRL, CTRL_CMD_GETPOLICY, attr(CTRL_ATTR_FAMILY_ID, struct.pack("=H", nd)),
                 NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP)
print("netdev policy dump", len(r), e)

r, e = g.dump(nd, DEV_GET)
print("dev-get dump", len(r), e)
print("dev-get do", g.request(nd, DEV_GET, u32(A_DEV_IFINDEX, ifindex))[1])
r, e = g.dump(nd, PAGE_POOL_GET)
print("page-pool-get dump", len(r), e)
r, e = g.dump(nd, PAGE_POOL_STATS_GET)
print("page-pool-stats-get dump", len(r), e)
r, e = g.dump(nd, QUEUE_GET)
print("queue-get dump", len(r), e)
q = u32(A_QUEUE_IFINDEX, ifindex) + u32(A_QUEUE_TYPE, QUEUE_TYPE_RX) + u32(A_QUEUE_ID, 0)
print("queue-get do", g.request(nd, QUEUE_GET, q)[1])
r, e = g.dump(nd, NAPI_GET)
print("napi-get dump", len(r), e)
if r:
    napi = attrs(r[0]).get(A_NAPI_ID)
    if napi:
        print("napi-get do", g.request(nd, NAPI_GET, attr(A_NAPI_ID, napi[:4]))[1])
        # NAPI_SET (14, Linux 6.13+): defer-hard-irqs 2, gro-flush-timeout
        # 20000 ns, irq-suspend-timeout 0 (uint as 8 bytes); then read back.
        ns = (attr(A_NAPI_ID, napi[:4]) + u32(A_NAPI_DEFER_HARD_IRQS, 2)
              + u32(A_NAPI_GRO_FLUSH_TIMEOUT, 20000)
              + attr(A_NAPI_IRQ_SUSPEND_TIMEOUT, struct.pack("=Q", 0)))
        print("napi-set", g.request(nd, NAPI_SET, ns)[1])
        print("napi-get do", g.request(nd, NAPI_GET, attr(A_NAPI_ID, napi[:4]))[1])
r, e = g.dump(nd, QSTATS_GET)
print("qstats-get dump", len(r), e)
r, e = g.dump(nd, QSTATS_GET, u32(A_QSTATS_SCOPE, QSTATS_SCOPE_QUEUE))
print("qstats-get dump scope queue", len(r), e)
print("dev-get missing", g.request(nd, DEV_GET, u32(A_DEV_IFINDEX, 9999))[1])
print("queue-get no type", g.request(nd, QUEUE_GET, u32(A_QUEUE_IFINDEX, ifindex) + u32(A_QUEUE_ID, 0))[1])

if len(sys.argv) > 2:
    m = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    m.bind((0, 0))
    for grp in ("mgmt", "page-pool"):
        if grp in groups:
            m.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, groups[grp])
    print("run", sys.argv[2], os.system(sys.argv[2]))
    end = time.time() + 1.0
    n = 0
    while time.time() < end:
        if select.select([m], [], [], max(0.0, end - time.time()))[0]:
            data = m.recv(65536)
            n += 1
    print("notifications", n)
