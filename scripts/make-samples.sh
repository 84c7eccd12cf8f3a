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
# --- route2 (rest of rtnetlink): nexthops, address labels, mdb, bridge vlans,
# neighbour tables, link stats, tun and the link kinds / lwtunnel encaps this
# kernel lacks (their errors are recorded).  Own namespace "nldroute2".
# This kernel has no bridge VLAN filtering: the bridge vlan commands fail with
# EOPNOTSUPP, and those errors are the VLAN traffic recorded.
R2=nldroute2
command ip netns del "$R2" 2>/dev/null || true
command ip netns add "$R2"
r2() { command ip -n "$R2" "$@"; }
r2 link set lo up
r2 link add br0 address 02:00:00:00:02:00 type bridge mcast_snooping 1
r2 link add p0 address 02:00:00:00:02:10 type veth peer name p1 address 02:00:00:00:02:11
r2 link set p0 master br0
for d in br0 p0 p1; do r2 link set "$d" up; done
r2 addr add 192.0.2.1/24 dev br0
RECNS=$R2 rec route-objects ip nexthop add id 1 via 192.0.2.254 dev br0 --- \
	ip nexthop add id 2 via 192.0.2.253 dev br0 --- \
	ip nexthop add id 10 group 1/2,3 --- \
	ip nexthop show --- \
	ip nexthop del id 10 --- \
	ip addrlabel add prefix 2001:db8:7::/48 label 7 --- \
	ip addrlabel list --- \
	ip addrlabel del prefix 2001:db8:7::/48 label 7 --- \
	bridge mdb add dev br0 port p0 grp 239.1.1.1 permanent --- \
	bridge mdb show --- \
	bridge vlan add dev p0 vid 10 pvid untagged --- \
	bridge -d vlan show --- \
	bridge vlan global show --- \
	ip ntable show dev br0
RECNS=$R2 rec route-stats-kinds ip stats show dev br0 group link --- \
	ip stats show dev p0 group offload --- \
	ip stats show dev p0 group xstats_slave --- \
	ip -s -s link show dev br0 --- \
	ip tuntap add tap0 mode tap --- \
	ip -d link show dev tap0 --- \
	ip link add vrf0 type vrf table 10 --- \
	ip -6 route add 2001:db8:5::/64 encap seg6 mode encap segs 2001:db8::5 dev br0 --- \
	ip route add 10.5.0.0/16 encap mpls 100 via 192.0.2.254 dev br0 --- \
	ip -f mpls route show
command ip netns del "$R2"

ls -l "$S"/*.pcap
