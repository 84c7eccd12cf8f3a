#!/bin/sh
# Re-record every capture in samples/ (run as root from the repository root).
# Builds a throw-away network namespace "nldemo" (and "nldemo-peer" for the far
# end of one veth), records each sample with scripts/nlrecord, then deletes
# the namespaces.  This kernel has no dummy, vlan or fq_codel: bridge, veth,
# macvlan, vxlan and tbf/htb stand in for them.
set -eu
cd "$(dirname "$0")/.."
S=samples
NS=nldemo
RECNS=$NS
rec() { # rec NAME CMD... [--- CMD...], run in namespace $RECNS (host if empty)
	name=$1; shift
	scripts/nlrecord -o "$S/$name.pcap" ${RECNS:+--netns "$RECNS"} \
		--log "$S/strace/$name.log" -- "$@"
}
mkdir -p "$S/strace"

cleanup() {
	[ -n "${LISTENER:-}" ] && kill "$LISTENER" 2>/dev/null || true
	command ip netns del "$NS" 2>/dev/null || true
	command ip netns del "$NS-peer" 2>/dev/null || true
}
trap cleanup EXIT
cleanup
ip netns add "$NS"
ip netns add "$NS-peer"
ip() { command ip -n "$NS" "$@"; }

# --- links: lo, a bridge, a veth pair with one end renamed, a veth whose peer
# lives in another namespace (IFLA_LINK_NETNSID), a macvlan and a vxlan.
ip link set lo up
ip link add br0 address 02:00:00:00:01:00 type bridge
ip link add veth0 address 02:00:00:00:00:10 type veth peer name veth1 address 02:00:00:00:00:11
ip link set veth1 name uplink0
ip link set uplink0 mtu 1400 alias "renamed veth peer"
ip link add vethx address 02:00:00:00:00:20 type veth peer name vethx-far netns "$NS-peer"
ip link add mv0 link uplink0 address 02:00:00:00:00:30 type macvlan mode bridge
ip link add vx0 address 02:00:00:00:00:40 type vxlan id 42 dstport 4789 remote 203.0.113.9
ip link set veth0 master br0
for d in br0 veth0 uplink0 vethx mv0; do ip link set "$d" up; done
rec route-link-dump ip link show

# --- addresses, routes, neighbours, rules
ip addr add 192.0.2.1/24 dev br0
ip addr add 2001:db8:0:1::1/64 dev br0 nodad
ip addr add 198.51.100.1/24 dev uplink0
ip addr add 2001:db8:0:2::1/64 dev uplink0 nodad
ip route add 203.0.113.0/24 via 198.51.100.254
ip -6 route add 2001:db8:ffff::/48 via 2001:db8:0:2::fe
ip route add default via 198.51.100.254 table 100
ip neigh add 198.51.100.254 lladdr 02:00:00:00:00:fe dev uplink0 nud permanent
ip -6 neigh add 2001:db8:0:2::fe lladdr 02:00:00:00:00:fe dev uplink0 nud permanent
ip rule add from 192.0.2.0/24 lookup 100 pref 1000
rec route-addr-route ip addr show --- ip -6 addr show --- ip route show --- \
	ip -6 route show --- ip neigh show --- ip rule show

# --- changes: requests with NLM_F_ACK and their ACKs
rec route-changes ip link add c0 type veth peer name c1 --- \
	ip addr add 10.1.0.1/24 dev c0 --- \
	ip link set c0 up --- ip link set c1 up --- \
	ip route add 10.2.0.0/16 via 10.1.0.2 --- \
	ip route add 10.3.0.0/16 nexthop via 10.1.0.2 weight 1 nexthop via 10.1.0.3 weight 2 --- \
	ip link del c0

# --- failing requests (each exits non-zero, on purpose)
rec route-errors-extack ip link add x type doesnotexist --- \
	ip route add 10.9.0.0/16 via 10.99.99.99 --- \
	ip addr del 9.9.9.9/32 dev lo --- \
	ip link set dev nosuch up --- \
	ip link set veth0 mtu 10 --- \
	ip link set veth0 gso_max_size 1 --- \
	ip neigh del 10.0.0.1 dev lo --- \
	ip nexthop add id 1 via 10.99.99.99

# --- generic netlink
# The family list is read in the host namespace: families without netnsok
# (TASKSTATS, VFS_DQUOT, thermal, ...) are hidden from other namespaces.
# genl-ctrl-list -d sends the very same dump, so `genl` adds a GETFAMILY "do"
# and a GETPOLICY dump instead.
RECNS= rec genl-ctrl genl-ctrl-list --- genl ctrl get name ethtool --- \
	genl ctrl policy name nlctrl
# ethtool -i uses the SIOCETHTOOL ioctl only, so it is not recorded.
rec genl-ethtool ethtool lo --- ethtool -k lo --- ethtool -k nosuch

# --- sock_diag: a TCP listener, an established pair and a unix socket
command ip netns exec "$NS" python3 -c '
import socket, time
l = socket.socket(); l.bind(("127.0.0.1", 8080)); l.listen()
c = socket.create_connection(("127.0.0.1", 8080)); a, _ = l.accept()
u = socket.socket(socket.AF_UNIX); u.bind("\0nldemo-unix"); u.listen()
time.sleep(30)' &
LISTENER=$!
sleep 1
rec sockdiag-ss ss -tan --- ss -xa

# --- nftables: one batch (a multi-message sendmsg), then the listing
cat >/tmp/nldemo.nft <<'EOF'
table inet t {
	set blocked { type ipv4_addr; elements = { 192.0.2.66, 192.0.2.67 } }
	chain c {
		type filter hook input priority 0; policy accept;
		ip saddr @blocked drop
		tcp dport 22 counter accept
	}
}
EOF
rec nft-list nft -f /tmp/nldemo.nft --- nft list ruleset
rm -f /tmp/nldemo.nft

# --- tc, in the small peer namespace (every tc run dumps all links first).
# fq_codel is not built into this kernel: its failure is recorded too.
command ip -n "$NS-peer" link set lo up
command ip -n "$NS-peer" link set vethx-far up
RECNS=$NS-peer rec tc-qdisc tc qdisc show --- \
	tc qdisc add dev vethx-far root fq_codel --- \
	tc qdisc add dev vethx-far root tbf rate 1mbit burst 32kbit latency 400ms --- \
	tc qdisc add dev lo root handle 1: htb default 10 --- \
	tc qdisc add dev vethx-far clsact --- \
	tc -s qdisc show
# === sock_diag (NETLINK_SOCK_DIAG, protocol 4) ===============================
# Own namespace "nldsd": TCP (v4 listener + established pair, v6 pair using
# bbr), UDP (v4 bound, v6 connected), unix stream/dgram sockets with a pending
# connection, a packet socket with a multicast membership, a ring and a fanout
# group.  sockdiag-inet: inet_diag requests/replies incl. tcp_info, bbr info,
# bytecode filters and SOCK_DESTROY; sockdiag-other: unix, packet, netlink.
# (ss 6.1 has no --smc and this kernel has no AF_SMC: smc_diag is not recorded.)
SDNS=nldsd
command ip netns del "$SDNS" 2>/dev/null || true
command ip netns add "$SDNS"
command ip -n "$SDNS" link set lo up
command ip netns exec "$SDNS" python3 -c '
import socket, struct, time
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("127.0.0.1", 8080)); l.listen(8)
c = socket.create_connection(("127.0.0.1", 8080)); a, _ = l.accept()
c.sendall(b"x" * 3000); a.recv(100)
l6 = socket.socket(socket.AF_INET6); l6.bind(("::1", 8081)); l6.listen(4)
c6 = socket.socket(socket.AF_INET6)
c6.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, b"bbr")
c6.connect(("::1", 8081)); a6, _ = l6.accept(); c6.sendall(b"y" * 5000)
c6.setsockopt(socket.SOL_SOCKET, socket.SO_MARK, 0x2a)
u4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u4.bind(("127.0.0.1", 5353))
u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6.connect(("::1", 5353))
us = socket.socket(socket.AF_UNIX); us.bind("\0nldsd-stream"); us.listen(4)
uc = socket.socket(socket.AF_UNIX); uc.connect("\0nldsd-stream")
ud = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); ud.bind("/tmp/nldsd.sock")
p = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003)); p.bind(("lo", 0))
mreq = struct.pack("iHH8s", 1, 1, 6, bytes.fromhex("01005e0000fb"))  # PACKET_MR_MULTICAST
p.setsockopt(263, 1, mreq)                                        # PACKET_ADD_MEMBERSHIP
p.setsockopt(263, 18, 0x00010000 | 7)                            # PACKET_FANOUT hash, id 7
import ctypes
ins = (ctypes.c_uint8 * 8).from_buffer_copy(struct.pack("HBBI", 0x06, 0, 0, 0xffff))  # ret #65535
fprog = struct.pack("HxxxxxxQ", 1, ctypes.addressof(ins))
p.setsockopt(socket.SOL_SOCKET, 26, fprog)                         # SO_ATTACH_FILTER
pd = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0800))
pd.setsockopt(263, 5, struct.pack("IIII", 4096, 4, 2048, 8))    # PACKET_RX_RING
time.sleep(60)' &
SDPID=$!
sleep 1
RECNS=$SDNS rec sockdiag-inet ss -taiemon --- ss -uanem --- ss -tn --inet-sockopt --- \
	ss -tn state established "( sport = :8080 or dst [::1]:8081 )" --- \
	ss -tn fwmark = 0x2a/0xff and dev = lo --- \
	ss -K -tn dport = :8081
RECNS=$SDNS rec sockdiag-other ss -xaemp --- ss -0aenm --- ss -A netlink -aenm
kill "$SDPID" 2>/dev/null || true
rm -f /tmp/nldsd.sock
command ip netns del "$SDNS"
# === end sock_diag ===========================================================

ls -l "$S"/*.pcap
