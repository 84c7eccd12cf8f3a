#!/bin/sh
# Regenerates the strace pastes in this directory. Run as root on a machine
# with strace 6.1; everything runs inside a throwaway network namespace.
# "noproc" runs hide /proc from strace (tmpfs over /proc in a private mount
# namespace), so strace cannot learn that the fds are netlink sockets and
# prints the buffers as quoted strings instead of decoding them.
set -e
cd "$(dirname "$0")"
NS=nldump-paste
ip netns add $NS
trap 'ip netns del $NS' EXIT
N="ip netns exec $NS"
$N ip link set lo up
$N nft add table inet demo
$N nft add chain inet demo input '{ type filter hook input priority 0; }'
$N nft add rule inet demo input tcp dport 22 accept

TRACE='-e trace=%network,close -e signal=none -qq'
tools='ip_link:ip link show lo
ip_addr:ip addr show lo
ss:ss -tan
tc:tc qdisc show dev lo
ethtool:ethtool lo
nft:nft list ruleset
genl:genl-ctrl-list'

run() { # name, strace opts, command...
  out=$1; shift; opts=$1; shift
  $N strace -o "$out" $TRACE $opts "$@" >/dev/null 2>&1 || true
  trim "$out"
}
trim() { # drop the dynamic loader's close() calls before the first socket()
  awk '/^([0-9]+ +)?[0-9:.]* *socket\(/{p=1} p || !/close\(/' "$1" > "$1.t" && mv "$1.t" "$1"
}
noproc() { # same, with /proc hidden from strace
  out=$1; shift; opts=$1; shift
  $N unshare -m sh -c 'mount -t tmpfs none /proc; exec "$@"' sh \
     strace -o "$out" $TRACE $opts "$@" >/dev/null 2>&1 || true
  trim "$out"
}

echo "$tools" | while IFS=: read -r name cmd; do
  run "$name.decoded.txt" "" $cmd
  run "$name.rw.txt" "-e read=all -e write=all" $cmd
  noproc "$name.raw.txt" "-s 65536 -e read=all -e write=all" $cmd
  noproc "$name.raw-x.txt" "-x -s 65536 -e read=all -e write=all" $cmd
  noproc "$name.raw-xx.txt" "-xx -s 65536 -e read=all -e write=all" $cmd
  noproc "$name.raw-nonascii.txt" "--strings-in-hex=non-ascii-chars -s 65536 -e read=all -e write=all" $cmd
  noproc "$name.raw-s32.txt" "" $cmd
done
# Timestamps, -f and -yy on one tool each.
run ip_link.f-tt.txt "-f -tt -e read=all -e write=all" sh -c 'ip link show lo; ip -6 route show'
run ip_link.ttt.txt "-ttt" ip link show lo
noproc ip_link.raw-r.txt "-r -s 65536" ip link show lo
noproc ip_link.raw-t.txt "-t -s 65536" ip link show lo
run ss.yy.txt "-yy -e read=all -e write=all" ss -tan
# write()/read() on a netlink socket: strace prints those as quoted strings
# even when it knows the fd is netlink. nlwrite.py sends all 256 byte values.
for m in "" -x -xx --strings-in-hex=non-ascii-chars; do
  suffix=$(echo "$m" | sed "s/^-*//; s/strings-in-hex=non-ascii-chars/nonascii/")
  $N strace -o "nlwrite${suffix:+.$suffix}.txt" -qq -s 65536 -e trace=socket,write,read,close \
     -e read=all -e write=all python3 -I -S ./nlwrite.py
  # keep only the netlink socket's calls (python's own file reads are noise)
  awk '/^socket\(AF_NETLINK/{p=1} p' "nlwrite${suffix:+.$suffix}.txt" > t && mv t "nlwrite${suffix:+.$suffix}.txt"
done
