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
# === nfmisc: conntrack, expectations, ipset, nfacct, cttimeout, nfqueue, nflog ===
# Two namespaces joined by a veth: nldct (10.9.0.1, the "client" whose
# conntrack table is read) and nldct-peer (10.9.0.2). An nft ruleset in nldct
# matches on ct state (so connections are tracked) and attaches the FTP helper
# to port 21 (so an expectation exists).
CT=nldct
nfcleanup() {
	[ -n "${CTSRV:-}" ] && kill "$CTSRV" 2>/dev/null || true
	[ -n "${CTCLI:-}" ] && kill "$CTCLI" 2>/dev/null || true
	command ip netns del "$CT" 2>/dev/null || true
	command ip netns del "$CT-peer" 2>/dev/null || true
}
nfcleanup
command ip netns add "$CT"
command ip netns add "$CT-peer"
command ip -n "$CT" link add ct0 type veth peer name ct1 netns "$CT-peer"
command ip -n "$CT" addr add 10.9.0.1/24 dev ct0
command ip -n "$CT-peer" addr add 10.9.0.2/24 dev ct1
for n in "$CT" "$CT-peer"; do command ip -n "$n" link set lo up; done
command ip -n "$CT" link set ct0 up
# per-connection counters and start timestamps (CTA_COUNTERS_*, CTA_TIMESTAMP)
command ip netns exec "$CT" sysctl -qw net.netfilter.nf_conntrack_acct=1 \
	net.netfilter.nf_conntrack_timestamp=1
command ip -n "$CT-peer" link set ct1 up
command ip netns exec "$CT" nft -f - <<'EOF'
table ip nldct {
	ct helper ftph { type "ftp" protocol tcp; }
	chain out {
		type filter hook output priority 0; policy accept;
		tcp dport 21 ct helper set "ftph"
		ct state new,established counter
	}
	chain in {
		type filter hook input priority 0; policy accept;
		ct state established,related counter
	}
}
EOF
# A fake FTP server: its 227 reply makes the helper expect a data connection
# to 10.9.0.2:51210 (200*256+10). The client keeps the control connection open.
command ip netns exec "$CT-peer" python3 -c '
import socket, time
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("10.9.0.2", 21)); l.listen()
c, _ = l.accept(); c.sendall(b"220 hi\r\n"); c.recv(100)
c.sendall(b"227 Entering Passive Mode (10,9,0,2,200,10)\r\n"); time.sleep(60)' &
CTSRV=$!
sleep 1
command ip netns exec "$CT" python3 -c '
import socket, time
s = socket.create_connection(("10.9.0.2", 21)); s.recv(100); s.sendall(b"PASV\r\n")
s.recv(100); time.sleep(60)' &
CTCLI=$!
sleep 1
# one ICMP echo (no ping binary here: a raw socket) and one UDP datagram
command ip netns exec "$CT" python3 -c '
import socket, time
r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
r.sendto(bytes([8, 0, 0xf7, 0xfe, 0, 1, 0, 0]), ("10.9.0.2", 0)); time.sleep(0.2)'
command ip netns exec "$CT" python3 -c '
import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("10.9.0.2", 5353))'
# events: a listener sees the new UDP flow (NEW), then its deletion (DESTROY)
RECNS=$CT rec conntrack-events sh -c 'conntrack -E -o id & sleep 0.5
python3 -c "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b\"y\", (\"10.9.0.2\", 5354))"
sleep 0.3; conntrack -D -p udp --dport 5354 >/dev/null; sleep 0.3; kill $!'
RECNS=$CT rec conntrack-list conntrack -L --- conntrack -L expect --- conntrack -S --- \
	conntrack -C --- conntrack -S expect --- conntrack -D -p udp --- \
	conntrack -D -p tcp --dport 9999

# --- ipset in nldct: hash:ip (v4, and v6 with timeout/counters/comment),
# hash:net,port, bitmap:port; list, test (a miss), del, rename, swap, destroy
RECNS=$CT rec ipset-cmds ipset create nlda hash:ip --- \
	ipset add nlda 192.0.2.1 --- ipset add nlda 192.0.2.2 --- \
	ipset create nldb hash:net,port --- ipset add nldb 198.51.100.0/24,tcp:80 --- \
	ipset create nldc bitmap:port range 1000-2000 --- ipset add nldc 1022 --- \
	ipset create nldd hash:ip family inet6 timeout 300 counters comment --- \
	ipset add nldd 2001:db8::1 timeout 100 comment hello --- \
	ipset list --- ipset test nlda 192.0.2.9 --- ipset del nlda 192.0.2.1 --- \
	ipset rename nldc nlde --- ipset swap nlda nldb --- ipset destroy

# --- nfacct and cttimeout (nfct) objects in nldct
RECNS=$CT rec nfacct-cttimeout nfacct add nldpkts --- nfacct add nldquota \
	--- nfacct list --- nfacct get nldpkts --- nfacct flush --- \
	nfct add timeout nldtcp inet tcp established 100 close 10 --- \
	nfct add timeout nldudp inet udp unreplied 10 replied 20 --- \
	nfct list timeout --- nfct get timeout nldudp --- \
	nfct default-get timeout inet icmp --- nfct delete timeout nldtcp --- \
	nfct delete timeout nldudp

# --- nfqueue and nflog: scripts/nfqlog-demo.py binds log group 1 and queue 0
# and sends one UDP datagram to 10.9.0.2:7777 that the rules below log and queue
command ip netns exec "$CT" nft add chain ip nldct qlog '{ type filter hook output priority -10; }'
command ip netns exec "$CT" nft add rule ip nldct qlog udp dport 7777 log prefix '"nldlog "' group 1
command ip netns exec "$CT" iptables -A OUTPUT -p udp --dport 7777 -j NFQUEUE --queue-num 0
RECNS=$CT rec nfqueue-nflog python3 scripts/nfqlog-demo.py
nfcleanup
# === end nfmisc ===

ls -l "$S"/*.pcap
