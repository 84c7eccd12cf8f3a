#!/usr/bin/env python3
"""Tests for scripts/nlrecord: python3 scripts/test_nlrecord.py (not run in CI)."""

import importlib.machinery
import importlib.util
import os
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
_loader = importlib.machinery.SourceFileLoader("nlrecord", os.path.join(HERE, "nlrecord"))
_spec = importlib.util.spec_from_loader("nlrecord", _loader)
nlrecord = importlib.util.module_from_spec(_spec)
_loader.exec_module(nlrecord)

# A hand-made strace -f -ttt log exercising the awkward cases.
LOG = """\
100  1700000000.000001 socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) = 3
100  1700000000.000002 sendto(3, [{nlmsg_len=20, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=1, nlmsg_pid=0}, {ifi_family=AF_UNSPEC}], 20, 0, NULL, 0) = 20
 | 00000  14 00 00 00 12 00 01 03  01 00 00 00 00 00 00 00  ................ |
 | 00010  00 00 00 00                                       .... |
100  1700000000.000003 recvmsg(3, {msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=12, msg_iov=[{iov_base=NULL, iov_len=0}], msg_iovlen=1, msg_controllen=0, msg_flags=MSG_TRUNC}, MSG_PEEK|MSG_TRUNC) = 20
100  1700000000.000004 recvmsg(3, {msg_namelen=12}, 0) = -1 EAGAIN (Resource temporarily unavailable)
100  1700000000.000005 recvmsg(3,  <unfinished ...>
200  1700000000.000006 socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC) = 3
100  1700000000.000907 <... recvmsg resumed>{msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=12, msg_iov=[{iov_base="\\x14\\x00", iov_len=2}, {iov_base="...", iov_len=18}], msg_iovlen=2, msg_controllen=0, msg_flags=0}, 0) = 20
 * 2 bytes in buffer 0
 | 00000  14 00                                             .. |
 * 18 bytes in buffer 1
 | 00000  00 00 03 00 02 00 01 00  00 00 64 00 00 00 00 00  ..........d..... |
 | 00010  00 00                                             .. |
200  1700000000.001000 sendmsg(3, {msg_iov=[{iov_base="", iov_len=4}], msg_iovlen=1}, 0) = 4
 * 4 bytes in buffer 0
 | 00000  de ad be ef                                       .... |
100  1700000000.002000 close(3) = 0
100  1700000000.002001 socket(AF_INET, SOCK_DGRAM, IPPROTO_IP) = 3
100  1700000000.002002 write(3, "\\x14\\x00\\x00\\x00", 4) = 4
 | 00000  14 00 00 00                                       .... |
300  1700000000.002100 socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) = 5
300  1700000000.002200 socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = 5
300  1700000000.002300 write(5, "\x15\x00\x00\x00", 4) = 4
 | 00000  15 00 00 00                                       .... |
100  1700000000.003000 +++ exited with 0 +++
"""


class ParseLog(unittest.TestCase):
    def setUp(self):
        self.warnings = []
        self.records, self.kept = nlrecord.parse_log(
            LOG.splitlines(True), lambda n, m: self.warnings.append((n, m)))

    def test_records(self):
        self.assertEqual(len(self.records), 3)
        sec, usec, fam, data = self.records[0]
        self.assertEqual((sec, usec, fam), (1700000000, 2, 0))
        self.assertEqual(data, bytes.fromhex("14000000120001030100000000000000 00000000"))

    def test_peek_and_failure_give_no_record_and_iovs_are_joined(self):
        sec, usec, fam, data = self.records[1]
        # completion time of the resumed receive, both iov buffers in one datagram
        self.assertEqual((sec, usec, fam), (1700000000, 907, 0))
        self.assertEqual(data, bytes.fromhex("1400 00000300020001000000640000000000 0000"))

    def test_fds_are_per_pid_and_forgotten_on_close(self):
        sec, usec, fam, data = self.records[2]
        self.assertEqual((usec, fam, data), (1000, 16, b"\xde\xad\xbe\xef"))
        # write on the reused fd 3 (now AF_INET) is not recorded
        self.assertNotIn(b"\x14\x00\x00\x00", [r[3] for r in self.records])
        # nor a write on an fd that a later socket() call took over without close
        self.assertNotIn(b"\x15\x00\x00\x00", [r[3] for r in self.records])

    def test_kept_lines_are_netlink_only(self):
        lines = LOG.splitlines()
        kept = [lines[i] for i in sorted(self.kept)]
        self.assertTrue(kept[0].endswith("NETLINK_ROUTE) = 3"))
        self.assertFalse(any("AF_INET" in k or "write(" in k for k in kept))
        self.assertEqual(self.warnings, [])


class PcapBytes(unittest.TestCase):
    def test_header_and_record(self):
        self.assertEqual(nlrecord.pcap_header(), bytes.fromhex(
            "d4c3b2a1 0200 0400 00000000 00000000 00000400 fd000000"))
        rec = nlrecord.pcap_record(1700000000, 5, 16, b"\x01\x02")
        self.assertEqual(rec, bytes.fromhex(
            "00f15365 05000000 12000000 12000000"  # ts, incl 18, orig 18
            "0004 0338 0000 0000000000000000 0010"  # cooked, big-endian
            "0102"))


class Cli(unittest.TestCase):
    def test_from_log_and_append(self):
        with tempfile.TemporaryDirectory() as d:
            log, out = os.path.join(d, "x.log"), os.path.join(d, "x.pcap")
            with open(log, "w") as f:
                f.write(LOG)
            tool = os.path.join(HERE, "nlrecord")
            subprocess.run([sys.executable, tool, "-o", out, "--from-log", log], check=True,
                           capture_output=True)
            one = os.path.getsize(out)
            subprocess.run([sys.executable, tool, "-o", out, "--append", "--from-log", log],
                           check=True, capture_output=True)
            # 24-byte header once, records (16+16+20, 16+16+20, 16+16+4) twice
            self.assertEqual(one, 24 + 52 + 52 + 36)
            self.assertEqual(os.path.getsize(out), 24 + 2 * (52 + 52 + 36))


if __name__ == "__main__":
    unittest.main()
