#!/usr/bin/env python3
"""Send one RTM_GETLINK request whose body holds every byte value 0..255
(as an unknown attribute) with write(), then read() the kernel's reply.
Used to learn strace's string escapes against its -e write dump."""
import os, socket, struct
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
s.bind((0, 0))
body = bytes(range(256)) + b"\x001\x0012\x00a\"\\\t\n\v\f\r\x7f?"
attr = struct.pack("=HH", 4 + len(body), 0x7ff0) + body
attr += b"\0" * (-len(attr) % 4)
ifi = struct.pack("=BxHiII", 0, 0, 1, 0, 0)
hdr = struct.pack("=IHHII", 16 + len(ifi) + len(attr), 18, 1 | 4, 7, 0)
os.write(s.fileno(), hdr + ifi + attr)
os.read(s.fileno(), 65536)
