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
# --- tc kinds (tc slice): every qdisc, classifier and action kind this kernel
# has built in (htb, tbf, pfifo, bfifo, pfifo_fast, mq, ingress, clsact; u32,
# cBPF via cls_bpf; mirred), classes, chains, standalone actions, stats dumps,
# and two failures: a kind that is not built in (netem) and adding a second
# root qdisc with the same handle (extack "Exclusivity flag on...").
# Namespace nldtc holds only lo and tc0 (every tc run dumps the links first).
command ip netns del nldtc 2>/dev/null || true
command ip netns del nldtc-peer 2>/dev/null || true
command ip netns add nldtc
command ip netns add nldtc-peer
command ip -n nldtc link set lo up
command ip -n nldtc link add tc0 address 02:00:00:00:0c:00 type veth peer name tc0-far netns nldtc-peer
command ip -n nldtc link set tc0 up
RECNS=nldtc rec tc-kinds tc qdisc add dev tc0 root handle 1: mq --- \
	tc qdisc del dev tc0 root --- \
	tc qdisc add dev tc0 root handle 1: htb default 20 r2q 5 --- \
	tc class add dev tc0 parent 1: classid 1:1 htb rate 10mbit ceil 20mbit --- \
	tc class add dev tc0 parent 1:1 classid 1:10 htb rate 5mbit ceil 10mbit prio 1 --- \
	tc class add dev tc0 parent 1:1 classid 1:20 htb rate 1mbit ceil 2mbit prio 2 --- \
	tc class add dev tc0 parent 1:1 classid 1:30 htb rate 1mbit --- \
	tc qdisc add dev tc0 parent 1:10 handle 10: pfifo limit 50 --- \
	tc qdisc add dev tc0 parent 1:20 handle 20: tbf rate 1mbit burst 10kb latency 50ms --- \
	tc qdisc add dev tc0 parent 1:30 handle 30: bfifo limit 30000 --- \
	tc qdisc add dev tc0 parent 20:1 handle 21: pfifo_fast --- \
	tc qdisc add dev tc0 clsact --- \
	tc filter add dev tc0 ingress pref 10 protocol ip u32 match ip dst 192.0.2.1/32 match ip dport 80 0xffff action mirred egress redirect dev lo --- \
	tc filter add dev tc0 egress pref 20 protocol all bpf bytecode "1,6 0 0 4294967295," flowid 1:10 action mirred egress mirror dev lo --- \
	tc filter add dev tc0 ingress chain 5 pref 30 protocol ipv6 u32 match ip6 src 2001:db8::1/128 flowid 1:1 --- \
	tc chain add dev tc0 ingress chain 7 --- \
	tc chain show dev tc0 ingress --- \
	tc actions add action mirred egress mirror dev lo index 50 cookie aabbccdd --- \
	tc actions ls action mirred --- \
	tc qdisc add dev tc0 root netem delay 10ms --- \
	tc qdisc add dev tc0 root handle 1: htb --- \
	tc -s qdisc show dev tc0 --- \
	tc -s class show dev tc0 --- \
	tc -s filter show dev tc0 ingress --- \
	tc -s filter show dev tc0 egress
command ip netns del nldtc
command ip netns del nldtc-peer

# === generic netlink families of this kernel (slice genl-here) 
# ethtool on a veth pair, tcp_metrics/mptcp_pm/SEG6/IOAM6 through iproute2,
# TASKSTATS and thermal through scripts/genl-probe.py (host namespace: those
# two families are not netnsok).  Own namespaces nldgenl and nldgenl-peer.
GNS=nldgenl
command ip netns del "$GNS" 2>/dev/null || true
command ip netns del "$GNS-peer" 2>/dev/null || true
command ip netns add "$GNS"
command ip netns add "$GNS-peer"
gip() { command ip -n "$GNS" "$@"; }
gip link set lo up
gip link add veth0 address 02:00:00:00:00:10 type veth peer name veth1 address 02:00:00:00:00:11
gip link set veth1 netns "$GNS-peer"
gip link set veth0 up
gip addr add 10.77.0.1/24 dev veth0
gip addr add 2001:db8:77::1/64 dev veth0 nodad
command ip -n "$GNS-peer" link set lo up
command ip -n "$GNS-peer" link set veth1 up
command ip -n "$GNS-peer" addr add 10.77.0.2/24 dev veth1
command ip -n "$GNS-peer" addr add 2001:db8:77::2/64 dev veth1 nodad
# ethtool: the queries, then three changes while `ethtool --monitor` listens
# (FEATURES_NTF and CHANNELS_NTF arrive with seq 0, port id 0).
RECNS=$GNS rec genl-ethtool-veth ethtool veth0 --- ethtool -k veth0 --- \
	ethtool -g veth0 --- ethtool -l veth0 --- ethtool -c veth0 --- \
	ethtool -a veth0 --- ethtool --show-eee veth0 --- ethtool -T veth0 --- \
	ethtool --show-fec veth0 --- ethtool --json -k lo --- \
	sh -c 'ethtool --monitor & m=$!; sleep 0.5; ethtool -K veth0 tso off;
		ethtool -L veth0 rx 2; ethtool -G veth0 rx 128; sleep 0.5; kill $m'
# one IPv4 and one IPv6 TCP connection fill the tcp_metrics cache
command ip netns exec "$GNS-peer" python3 -c '
import socket, threading
def srv(fam, addr):
    s = socket.socket(fam); s.bind((addr, 8080)); s.listen()
    c, _ = s.accept(); c.recv(100); c.close()
t = threading.Thread(target=srv, args=(socket.AF_INET, "10.77.0.2")); t.start()
srv(socket.AF_INET6, "2001:db8:77::2"); t.join()' &
sleep 0.5
command ip netns exec "$GNS" python3 -c '
import socket
for a in ("10.77.0.2", "2001:db8:77::2"):
    c = socket.create_connection((a, 8080)); c.send(b"x" * 50); c.close()'
wait
RECNS=$GNS rec genl-net-families ip tcp_metrics show --- \
	ip tcp_metrics show 10.77.0.2 --- ip tcp_metrics delete 10.77.0.2 --- \
	ip mptcp limits set subflows 2 add_addr_accepted 2 --- ip mptcp limits show --- \
	ip mptcp endpoint add 10.77.0.1 dev veth0 id 5 subflow signal --- \
	ip mptcp endpoint add 2001:db8:77::1 id 6 signal --- \
	ip mptcp endpoint show --- ip mptcp endpoint show id 5 --- \
	ip mptcp endpoint del id 6 --- ip mptcp endpoint flush --- \
	ip sr tunsrc set 2001:db8::53 --- ip sr tunsrc show --- \
	ip ioam namespace add 7 data 0xdeadbeef wide 0x0102030405060708 --- \
	ip ioam schema add 9 "ioam-demo" --- ip ioam namespace set 7 schema 9 --- \
	ip ioam namespace show --- ip ioam schema show --- \
	ip ioam namespace del 7 --- ip ioam schema del 9
RECNS= rec genl-taskstats-thermal python3 scripts/genl-probe.py
command ip netns del "$GNS"
command ip netns del "$GNS-peer"
# === end of generic netlink families (slice genl-here) =
=======
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
=======
# --- nftables (nft slice): its own namespace "nldnft" with a veth pair nd0/nd1.
# This kernel has no flowtable (nf_flow_table), dup or queue support, and
# `socket` is refused in a forward chain: those expressions are left out.
NFTNS=nldnft
command ip netns del "$NFTNS" 2>/dev/null || true
command ip netns add "$NFTNS"
command ip -n "$NFTNS" link set lo up
command ip -n "$NFTNS" link add nd0 type veth peer name nd1
command ip -n "$NFTNS" link set nd0 up
command ip -n "$NFTNS" link set nd1 up
cat >/tmp/nldnft.nft <<'EOF'
table inet nd {
	counter c_ssh { packets 0 bytes 0 }
	quota q_web { over 10 mbytes }
	set blocked { type ipv4_addr; elements = { 192.0.2.66, 192.0.2.67 } }
	set nets { type ipv4_addr; flags interval; elements = { 10.0.0.0/8, 198.51.100.0/24 } }
	set pairs { type ipv4_addr . inet_service; elements = { 192.0.2.1 . 22, 192.0.2.2 . 443 } }
	map svc { type inet_service : verdict; elements = { 22 : jump ssh, 80 : accept } }
	set dyn { type ipv4_addr; flags dynamic,timeout; timeout 1m; }
	chain ssh {
		counter name c_ssh accept
	}
	chain input {
		type filter hook input priority 0; policy drop;
		ct state established,related accept
		ct state invalid drop
		iifname "lo" accept
		ip saddr @blocked drop
		ip saddr @nets ip daddr 192.0.2.0/24 accept
		ip saddr . tcp dport @pairs accept
		meta l4proto icmp limit rate 10/second burst 5 packets accept
		tcp dport vmap @svc
		tcp dport 8080 quota name q_web accept
		ip6 nexthdr ipv6-icmp accept
		tcp dport 23 log prefix "telnet " level info reject with tcp reset
		udp dport 161 reject with icmpx type admin-prohibited
		meta mark 0x2a goto ssh
		fib daddr type local tcp dport 3000-3010 counter accept
	}
	chain forward {
		type filter hook forward priority 0; policy accept;
		ct mark set 0x1
		meta mark set jhash ip saddr mod 4
		ct mark set numgen inc mod 2 offset 100
		tcp flags syn tcp option maxseg size set rt mtu
		ip ttl set 64
		update @dyn { ip saddr limit rate 5/second }
		ct count over 10 drop
		limit rate over 1 mbytes/second drop
	}
}
table ip ndnat {
	chain pre {
		type nat hook prerouting priority -100;
		tcp dport 8443 dnat to 192.0.2.10:443
	}
	chain post {
		type nat hook postrouting priority 100;
		oifname "nd0" masquerade
		ip saddr 10.9.0.0/16 snat to 203.0.113.5
	}
}
EOF
# nft -f (one batch), the listing, a failing delete (ENOENT with extack),
# then a table delete. `nft delete chain` exits 1 on purpose.
RECNS=$NFTNS rec nft-ruleset nft -f /tmp/nldnft.nft --- nft list ruleset --- \
	nft delete chain inet nd nosuch --- nft delete table ip ndnat
rm -f /tmp/nldnft.nft
command ip netns exec "$NFTNS" nft flush ruleset
# Events: `nft monitor` sees the NEW*/DEL* notifications of three other nft
# runs; `nft monitor trace` gets NFT_MSG_TRACE for one UDP datagram to
# 127.0.0.1:9 that the rule marks with nftrace.
RECNS=$NFTNS rec nft-monitor sh -c '
nft monitor & p=$!; sleep 0.5
nft add table ip mon
nft add chain ip mon out "{ type filter hook output priority 0; }"
nft add rule ip mon out ip daddr 127.0.0.1 udp dport 9 meta nftrace set 1 counter
sleep 0.3; kill $p; wait $p
nft monitor trace & p=$!; sleep 0.5
python3 -c "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b\"x\", (\"127.0.0.1\", 9))"
sleep 0.3; kill $p; wait $p
nft delete table ip mon'
command ip netns del "$NFTNS"
=======
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
=======
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
=======
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

# === genl-new: netdev (dpll and handshake are not registered by this kernel) ===
# scripts/netdev-probe.py in namespace nldnd: lo and a veth pair nd0/nd1 (GRO
# on, so veth has NAPI instances), the netdev requests and the real ENOENT
# of CTRL_CMD_GETFAMILY "dpll"/"handshake"; then, subscribed to "mgmt" and
# "page-pool", it runs `ip link add/set up/del` of a second veth pair so that
# DEV_ADD_NTF/CHANGE_NTF/DEL_NTF arrive (the rtnetlink of those ip commands
# is in the sample too).
NDNS=nldnd
command ip netns del "$NDNS" 2>/dev/null || true
command ip netns add "$NDNS"
ndip() { command ip -n "$NDNS" "$@"; }
ndip link set lo up
ndip link add nd0 address 02:00:00:00:0d:10 type veth peer name nd1 address 02:00:00:00:0d:11
ndip addr add 10.78.0.1/24 dev nd0
ndip addr add 10.78.0.2/24 dev nd1
ndip link set nd0 up
ndip link set nd1 up
command ip netns exec "$NDNS" ethtool -K nd0 gro on
command ip netns exec "$NDNS" ethtool -K nd1 gro on
RECNS=$NDNS rec genl-netdev python3 scripts/netdev-probe.py 2 \
	"ip link add ndx type veth peer name ndy; ip link set ndx up; ip link del ndx"
command ip netns del "$NDNS"
# === end genl-new ===

# === route-extra: RTM_*TUNNEL, DCB, RTM_NEWPREFIX, cache reports ====
# Namespaces "nldrx" and "nldrx-peer". No DAD, so link-local addresses (and
# the RA's source) exist at once.
RX=nldrx
command ip netns del "$RX" 2>/dev/null || true
command ip netns del "$RX-peer" 2>/dev/null || true
command ip netns add "$RX"
command ip netns add "$RX-peer"
for n in "$RX" "$RX-peer"; do
	command ip -n "$n" link set lo up
	command ip netns exec "$n" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
done
# --- VNI filters on a vxlan device in external vnifilter mode (no `id`):
# adds (single, range with IPv4 remote, IPv6 remote), dumps with and without
# stats, a delete, a failing delete, and `bridge monitor vni` notifications
command ip -n "$RX" link add vxf0 address 02:00:00:00:0e:01 type vxlan dstport 4789 external vnifilter
command ip -n "$RX" link set vxf0 up
RECNS=$RX rec route-tunnel bridge vni add dev vxf0 vni 100 --- \
	bridge vni add dev vxf0 vni 200-210 remote 203.0.113.7 --- \
	bridge vni add dev vxf0 vni 300 remote 2001:db8::7 --- \
	bridge vni show --- bridge -s vni show dev vxf0 --- \
	bridge vni delete dev vxf0 vni 300 --- bridge vni delete dev vxf0 vni 999 --- \
	sh -c 'bridge monitor vni & sleep 0.3; bridge vni add dev vxf0 vni 400; bridge vni delete dev vxf0 vni 400; sleep 0.3; kill $!'
# --- DCB on a veth (no dcbnl_ops: every request gets EOPNOTSUPP)
command ip -n "$RX" link add dcb0 address 02:00:00:00:0e:10 type veth peer name dcb1 address 02:00:00:00:0e:11
command ip -n "$RX" link set dcb0 up
RECNS=$RX rec route-dcb dcb ets show dev dcb0 --- dcb pfc show dev dcb0 --- \
	dcb app show dev dcb0 --- dcb dcbx show dev dcb0 --- dcb buffer show dev dcb0 --- \
	dcb maxrate show dev dcb0 --- dcb ets set dev dcb0 tc-tsa all:strict --- \
	dcb app add dev dcb0 dscp-prio 24:3 --- dcb dcbx set dev dcb0 host ieee
# --- RTM_NEWPREFIX: ra0 accepts RAs; scripts/rtx-probe.py listens on
# RTNLGRP_IPV6_PREFIX and sends an RA with a prefix option from ra1
command ip netns exec "$RX" sysctl -qw net.ipv6.conf.default.accept_ra=2
command ip -n "$RX" link add ra0 address 02:00:00:00:0e:20 type veth peer name ra1 address 02:00:00:00:0e:21 netns "$RX-peer"
command ip -n "$RX" link set ra0 up
command ip -n "$RX-peer" link set ra1 up
sleep 0.5
RECNS=$RX rec route-prefix python3 scripts/rtx-probe.py prefix ra0 "$RX-peer" ra1
# --- RTM_NEWCACHEREPORT and the RTNL_FAMILY_IPMR route dump: VIFs mr0 and
# mr2, an MFC entry, and a datagram to 239.2.2.2 from the peer (cache miss)
command ip -n "$RX" link add mr0 address 02:00:00:00:0e:30 type veth peer name mr1 address 02:00:00:00:0e:31 netns "$RX-peer"
command ip -n "$RX" link add mr2 address 02:00:00:00:0e:32 type veth peer name mr3 address 02:00:00:00:0e:33
command ip -n "$RX" addr add 198.51.100.2/24 dev mr0
command ip -n "$RX" addr add 192.0.2.2/24 dev mr2
command ip -n "$RX-peer" addr add 198.51.100.1/24 dev mr1
for d in mr0 mr2 mr3; do command ip -n "$RX" link set "$d" up; done
command ip -n "$RX-peer" link set mr1 up
command ip -n "$RX-peer" route add 239.0.0.0/8 dev mr1
RECNS=$RX rec route-mroute python3 scripts/rtx-probe.py mroute mr0 mr2 "$RX-peer" mr1
command ip netns del "$RX"
command ip netns del "$RX-peer"
# === end route-extra ================================================
=======
# === nf-extra: nfnetlink hook introspection, cthelper and osf ===
# Own namespace nldnfx with a veth (nh0) and nft base chains on every family
# and hook type, so `nft list hooks` has something to ask about. This kernel
# has neither nfnetlink_hook nor nfnetlink_cthelper: every NFNL_SUBSYS_HOOK
# and NFNL_SUBSYS_CTHELPER request is answered ERROR -EINVAL (nfnetlink's
# answer for a subsystem that is not registered) with the request echoed.
# nfnetlink_osf is there; its fingerprint list is global (not per
# namespace), so the recipe removes what it loads.
NFX=nldnfx
command ip netns del "$NFX" 2>/dev/null || true
command ip netns add "$NFX"
command ip -n "$NFX" link set lo up
command ip -n "$NFX" link add nh0 type veth peer name nh1
command ip netns exec "$NFX" nft -f - <<'NFT'
table inet nldfw {
	chain input { type filter hook input priority 0; policy accept; }
	chain pre { type filter hook prerouting priority -150; }
	chain out { type route hook output priority mangle; }
	chain ingress { type filter hook ingress device "nh0" priority -500; }
}
table ip nldnat {
	chain post { type nat hook postrouting priority srcnat; }
}
table netdev nldnd {
	chain eg { type filter hook egress device "nh0" priority 0; }
}
table bridge nldbr {
	chain forward_c { type filter hook forward priority 0; }
}
table arp nldarp {
	chain input_c { type filter hook input priority 0; }
}
NFT
RECNS=$NFX rec nfhook-list nft list hooks --- nft list hooks netdev device nh0
RECNS=$NFX rec nfct-helper nfct add helper ftp inet tcp --- nfct list helper --- \
	nfct get helper ftp inet tcp --- nfct del helper ftp
NFXOS=$(mktemp)
cat >"$NFXOS" <<'PFOS'
# nldump sample fingerprints (pf.os format: window:ttl:df:size:options:genre:version:subtype:description)
S4:64:1:60:M*,S,T,N,W7:Linux:3.x-6.x:lnx:Linux 3.x-6.x
65535:128:1:52:M1460,N,W8,N,N,S:Windows:10:w10:Windows 10
T4:255:0:44:M*:Other:1.0::test host
PFOS
RECNS=$NFX rec nfosf-load nfnl_osf -f "$NFXOS" --- nfnl_osf -d -f "$NFXOS" --- \
	nfnl_osf -d -f "$NFXOS"
rm -f "$NFXOS"
# ipset's bitmask option (IPSET_ATTR_BITMASK, Linux 6.1 / ipset 7.17)
RECNS=$NFX rec ipset-bitmask ipset create nldbm hash:ip bitmask 255.255.255.0 --- \
	ipset add nldbm 192.0.2.77 --- ipset list nldbm --- ipset destroy nldbm
command ip netns del "$NFX"
# === end nf-extra ===
=======
# === wifi-ie: 802.11 information elements in nl80211 ===
# This machine has no Wi-Fi (no mac80211_hwsim module, no nlmon), so nothing
# is recorded: scripts/make-wifi-ie.py assembles samples/wifi-ie.pcap from the
# four pyroute2 NL80211_CMD_NEW_SCAN_RESULTS vectors (samples/paste/corpus-hex)
# behind a CTRL_CMD_NEWFAMILY naming id 0x1c nl80211, plus hand-built
# TRIGGER_SCAN, CONNECT and malformed scan-result messages. Deterministic.
python3 scripts/make-wifi-ie.py "$S/wifi-ie.pcap"
# === end wifi-ie ===

ls -l "$S"/*.pcap
