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
# === raw-misc: xfrm, audit, kobject_uevent, proc connector =================
# This kernel has no ESP/AH/IPcomp xfrm types: every SA add fails with
# EPROTONOSUPPORT "Requested type not found" (kept: real error traffic); SPI
# allocation makes the (larval) SAs that list/get/delete see. rfc4106(gcm(aes))
# is not built either (ENOSYS "Requested AEAD algorithm not found").
XNS=nldxfrm
command ip netns del "$XNS" 2>/dev/null || true
command ip netns add "$XNS"
K1=0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
K2=0x00112233445566778899aabbccddeeff
RECNS=$XNS rec xfrm-state-policy \
	ip xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x1000 reqid 1 mode tunnel \
		auth 'hmac(sha256)' $K1 enc 'cbc(aes)' $K2 encap espinudp 4500 4500 0.0.0.0 --- \
	ip xfrm state add src 2001:db8::1 dst 2001:db8::2 proto esp spi 0x2000 reqid 2 mode transport \
		auth-trunc 'hmac(sha1)' 0x0102030405060708090a0b0c0d0e0f1011121314 96 enc 'cbc(aes)' $K2 \
		mark 7 mask 0xff if_id 5 replay-window 32 flag esn --- \
	ip xfrm state add src 192.0.2.1 dst 192.0.2.2 proto comp spi 0x3000 comp deflate --- \
	ip xfrm state add src 192.0.2.1 dst 192.0.2.3 proto esp spi 0x4000 \
		aead 'rfc4106(gcm(aes))' 0x0011223344556677889900112233445566778899 128 --- \
	ip xfrm state allocspi src 192.0.2.9 dst 192.0.2.8 proto esp min 0x100 max 0x200 --- \
	ip xfrm state list --- \
	ip xfrm state get src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x1000 --- \
	ip xfrm state count --- \
	ip xfrm policy add src 10.0.1.0/24 dst 10.0.2.0/24 proto tcp dport 443 dir out priority 100 \
		tmpl src 192.0.2.1 dst 192.0.2.2 proto esp reqid 1 mode tunnel --- \
	ip xfrm policy add src 2001:db8:1::/48 dst 2001:db8:2::/48 dir in action block --- \
	ip xfrm policy list --- \
	ip xfrm policy get src 10.0.1.0/24 dst 10.0.2.0/24 proto tcp dport 443 dir out --- \
	ip xfrm policy count --- \
	ip xfrm policy setdefault fwd block --- \
	ip xfrm policy getdefault --- \
	ip xfrm policy deleteall --- \
	ip xfrm state deleteall
# `ip xfrm monitor` while another process makes changes (not recorded).
scripts/nlrecord -o "$S/xfrm-monitor.pcap" --netns "$XNS" --log "$S/strace/xfrm-monitor.log" \
	-- timeout 5 ip xfrm monitor &
MON=$!
sleep 2
xi() { command ip -n "$XNS" "$@"; }
xi link set lo up
xi xfrm state allocspi src 192.0.2.9 dst 192.0.2.8 proto esp reqid 9 mode tunnel min 0x100 max 0x100 >/dev/null
xi xfrm policy add src 127.0.0.1 dst 127.0.0.2 proto udp dir out \
	tmpl src 127.0.0.1 dst 127.0.0.2 proto esp reqid 3 mode transport
xi xfrm policy add src 2001:db8:1::/48 dst 2001:db8:2::/48 dir fwd action block
xi xfrm policy delete src 2001:db8:1::/48 dst 2001:db8:2::/48 dir fwd
xi xfrm state delete src 192.0.2.9 dst 192.0.2.8 proto esp spi 0x100
xi xfrm policy flush
wait $MON || true
command ip netns del "$XNS"

# Audit is not per namespace: this runs on the host, where audit is off
# (enabled 0, no auditd, no rules) and is left that way: the rules added are
# deleted again, and `nlprobe audit-records` restores enabled=0 pid=0.
# auditctl is from Debian's auditd package (apt-get install auditd).
RECNS= rec audit \
	auditctl -s --- \
	auditctl -a always,exit -F arch=b64 -S openat -F success=0 -F key=nldump-sample --- \
	auditctl -w /etc/hostname -p wa -k nldump-watch --- \
	auditctl -l --- \
	auditctl -d always,exit -F arch=b64 -S openat -F success=0 -F key=nldump-sample --- \
	auditctl -W /etc/hostname -p wa -k nldump-watch --- \
	auditctl -a always,exit -F arch=b64 -S nosuchsyscall --- \
	scripts/nlprobe audit --- \
	scripts/nlprobe audit-records

# Kernel uevents of a veth pair appearing, going up and going away, heard by
# a listener bound to group 1 in its own namespace.
UNS=nlduev
command ip netns del "$UNS" 2>/dev/null || true
command ip netns add "$UNS"
scripts/nlrecord -o "$S/uevent-veth.pcap" --netns "$UNS" --log "$S/strace/uevent-veth.log" \
	-- scripts/nlprobe uevent 3 &
L=$!
sleep 1.5
command ip -n "$UNS" link add va address 02:00:00:00:0a:01 type veth peer name vb address 02:00:00:00:0a:02
command ip -n "$UNS" link set va up
command ip -n "$UNS" link del va
wait $L || true
command ip netns del "$UNS"

# Process events connector: host only (the proc connector lives in the
# initial namespace), so events of other processes running at the time
# appear too.
RECNS= rec connector-proc scripts/nlprobe proc sh -c 'exec true'
# === end raw-misc ===========================================================

ls -l "$S"/*.pcap
