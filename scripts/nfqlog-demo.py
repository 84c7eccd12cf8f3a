#!/usr/bin/env python3
"""A minimal nfnetlink_queue / nfnetlink_log client, for recording samples.

Binds NFLOG group 1 and NFQUEUE queue 0 over NETLINK_NETFILTER, sends one UDP
datagram that the ruleset set up by scripts/make-samples.sh logs (nft `log
group 1`) and queues (iptables NFQUEUE --queue-num 0), receives the logged and
the queued packet and accepts the queued one with a verdict. Run under
scripts/nlrecord, it gives a real conversation with the running kernel.
No libnetfilter_queue / libnetfilter_log needed.
"""
import socket
import struct

NETLINK_NETFILTER = 12
NLM_F_REQUEST, NLM_F_ACK = 1, 4
AF_INET = 2


def nla(t, payload):
    n = 4 + len(payload)
    return struct.pack("=HH", n, t) + payload + b"\0" * ((4 - n % 4) % 4)


def msg(sock, mtype, res_id, attrs, family=0, flags=NLM_F_REQUEST | NLM_F_ACK, seq=[0]):
    seq[0] += 1
    body = struct.pack("=BBH", family, 0, socket.htons(res_id)) + b"".join(attrs)
    sock.send(struct.pack("=IHHII", 16 + len(body), mtype, flags, seq[0], 0) + body)
    return sock.recv(65536) if flags & NLM_F_ACK else b""


def recv_type(sock, want):
    while True:
        data = sock.recv(65536)
        off = 0
        while off + 16 <= len(data):
            ln, t = struct.unpack_from("=IH", data, off)
            if t == want:
                return data[off:off + ln]
            off += (ln + 3) & ~3


log = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
log.bind((0, 0))
# NFULNL_MSG_CONFIG: PF_BIND AF_INET, then BIND group 1, copy whole packets,
# flush at once (timeout 0, qthresh 1), sequence numbers on
msg(log, 0x401, 0, [nla(1, struct.pack("B", 3))], family=AF_INET)
msg(log, 0x401, 1, [nla(1, struct.pack("B", 1))])
msg(log, 0x401, 1, [nla(2, struct.pack(">IBB", 0xFFFF, 2, 0)),
                    nla(4, struct.pack(">I", 0)), nla(5, struct.pack(">I", 1)),
                    nla(6, struct.pack(">H", 1))])

q = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
q.bind((0, 0))
# NFQNL_MSG_CONFIG: BIND queue 0, copy 128 bytes, queue length 16, fail-open
msg(q, 0x302, 0, [nla(1, struct.pack(">BBH", 1, 0, 0))])
msg(q, 0x302, 0, [nla(2, struct.pack(">IB", 128, 2)), nla(3, struct.pack(">I", 16)),
                  nla(4, struct.pack(">I", 1)), nla(5, struct.pack(">I", 1))])

u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.sendto(b"nldump nfqueue/nflog demo", ("10.9.0.2", 7777))
recv_type(log, 0x400)
pkt = recv_type(q, 0x300)
# NFQA_PACKET_HDR is the first attribute after nlmsghdr + nfgenmsg
packet_id = struct.unpack_from(">I", pkt, 16 + 4 + 4)[0]
msg(q, 0x301, 0, [nla(2, struct.pack(">II", 1, packet_id))], flags=NLM_F_REQUEST)
msg(q, 0x302, 0, [nla(1, struct.pack(">BBH", 2, 0, 0))])
msg(log, 0x401, 1, [nla(1, struct.pack("B", 2))])
