#!/usr/bin/env python3
"""Sends a few generic netlink requests that no common tool makes, for the
nldump samples (scripts/make-samples.sh, genl-taskstats-thermal.pcap):

  * TASKSTATS_CMD_GET for this process's pid, then for its tgid;
  * TASKSTATS_CMD_GET with TASKSTATS_CMD_ATTR_REGISTER_CPUMASK "0" and then
    DEREGISTER (needs CAP_NET_ADMIN), to show the listener registration;
  * CGROUPSTATS_CMD_GET with an fd open on /sys/fs/cgroup;
  * thermal THERMAL_GENL_CMD_TZ_GET_ID and THERMAL_GENL_CMD_CDEV_GET dumps
    (machines without thermal zones answer with an empty dump).

Run it in the initial network namespace: TASKSTATS and thermal are not
visible from other namespaces.  Only the standard library is used.
"""
import os
import socket
import struct

NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
GENL_ID_CTRL, CTRL_CMD_GETFAMILY, CTRL_ATTR_FAMILY_NAME, CTRL_ATTR_FAMILY_ID = 16, 3, 2, 1


def attr(kind, payload):
    a = struct.pack("=HH", 4 + len(payload), kind) + payload
    return a + b"\0" * (-len(a) % 4)


def attrs(buf):
    out = {}
    while len(buf) >= 4:
        ln, kind = struct.unpack_from("=HH", buf)
        if ln < 4:
            break
        out[kind & 0x3FFF] = buf[4:ln]
        buf = buf[(ln + 3) & ~3:]
    return out


class Genl:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
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

    def family(self, name):
        r, err = self.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                              attr(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0"))
        if err or not r:
            return None
        return struct.unpack("=H", attrs(r[0])[CTRL_ATTR_FAMILY_ID][:2])[0]


g = Genl()
ts = g.family("TASKSTATS")
if ts:
    pid = struct.pack("=I", os.getpid())
    print("taskstats pid", g.request(ts, 1, attr(1, pid))[1])
    print("taskstats tgid", g.request(ts, 1, attr(2, pid))[1])
    print("register", g.request(ts, 1, attr(3, b"0\0"))[1])
    print("deregister", g.request(ts, 1, attr(4, b"0\0"))[1])
    fd = os.open("/sys/fs/cgroup", os.O_RDONLY)
    print("cgroupstats", g.request(ts, 4, attr(1, struct.pack("=I", fd)))[1])
    os.close(fd)
th = g.family("thermal")
if th:
    for cmd in (1, 6):  # TZ_GET_ID, CDEV_GET
        r, err = g.request(th, cmd, flags=NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP)
        print("thermal", cmd, len(r), "replies, error", err)
