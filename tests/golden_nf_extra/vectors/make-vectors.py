#!/usr/bin/env python3
"""Build the nf-extra hex vectors (run from this directory).

This kernel has neither nfnetlink_hook nor nfnetlink_cthelper, so the replies
of `nft list hooks` and `nfct list helper` cannot be recorded here. These
messages are built by hand from the uapi headers (nfnetlink_hook.h,
nfnetlink_cthelper.h) and the attribute order and types of the kernel's
net/netfilter/nfnetlink_hook.c and nfnetlink_cthelper.c fill functions:
NFNLA_HOOK_* numbers are nla_put_be32, NFNLA_CHAIN_FAMILY nla_put_u8,
NFCTH_* numbers be32 and NFCTH_TUPLE_L3PROTONUM be16. They are vectors, not
captures: the values (names, priorities, ids) are made up.
"""
import struct

NFNL_SUBSYS_HOOK, NFNL_SUBSYS_CTHELPER = 12, 9
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_DUMP = 1, 2, 0x300
NLA_F_NESTED = 0x8000
NLMSG_DONE = 3


def attr(t, payload):
    a = struct.pack("<HH", 4 + len(payload), t) + payload
    return a + b"\0" * (-len(a) % 4)


def nest(t, *parts):
    return attr(t | NLA_F_NESTED, b"".join(parts))


def s(t, text):
    return attr(t, text.encode() + b"\0")


def be32(t, v):
    return attr(t, struct.pack(">I", v & 0xFFFFFFFF))


def be16(t, v):
    return attr(t, struct.pack(">H", v))


def u8(t, v):
    return attr(t, struct.pack("B", v))


def msg(mtype, flags, seq, pid, family, body=b"", res_id=0):
    payload = struct.pack("<BBH", family, 0, 0)[:2] + struct.pack(">H", res_id) + body
    return struct.pack("<IHHII", 16 + len(payload), mtype, flags, seq, pid) + payload


def done(seq, pid):
    return struct.pack("<IHHIIi", 20, NLMSG_DONE, NLM_F_MULTI, seq, pid, 0)


def write(name, comment, msgs):
    with open(name, "w") as f:
        for line in comment.strip().splitlines():
            f.write(f"# {line}\n")
        for m in msgs:
            f.write(m.hex() + "\n")


# --- nfnetlink_hook -------------------------------------------------------
HOOK_GET = NFNL_SUBSYS_HOOK << 8 | 0
(HOOKNUM, PRIORITY, DEV, FUNCTION_NAME, MODULE_NAME, CHAIN_INFO) = range(1, 7)
INFO_DESC, INFO_TYPE = 1, 2
CHAIN_TABLE, CHAIN_FAMILY, CHAIN_NAME = 1, 2, 3
BPF_ID = 1
TYPE_NFTABLES, TYPE_BPF, TYPE_NFT_FLOWTABLE = 1, 2, 3
NFPROTO_INET, NFPROTO_IPV4, NFPROTO_NETDEV = 1, 2, 5
NF_INET_LOCAL_IN, NF_NETDEV_INGRESS = 1, 0
SEQ, PID = 7, 4242


def chain_desc(table, name, family):
    return nest(INFO_DESC, s(CHAIN_TABLE, table), s(CHAIN_NAME, name),
                u8(CHAIN_FAMILY, family))


hook_msgs = [
    # nft list hooks ip: input hook of the ipv4 family
    msg(HOOK_GET, NLM_F_REQUEST | NLM_F_DUMP, SEQ, 0, NFPROTO_IPV4,
        be32(HOOKNUM, NF_INET_LOCAL_IN)),
    # an nft base chain (newer kernels: INFO_TYPE first)
    msg(HOOK_GET, NLM_F_MULTI, SEQ, PID, NFPROTO_IPV4,
        s(MODULE_NAME, "nf_tables") + s(FUNCTION_NAME, "nft_do_chain_inet")
        + be32(HOOKNUM, NF_INET_LOCAL_IN) + be32(PRIORITY, -150)
        + nest(CHAIN_INFO, be32(INFO_TYPE, TYPE_NFTABLES),
               chain_desc("nldfw", "input", NFPROTO_INET))),
    # the same shape as older kernels send it: INFO_TYPE after INFO_DESC
    msg(HOOK_GET, NLM_F_MULTI, SEQ, PID, NFPROTO_IPV4,
        s(MODULE_NAME, "nf_tables") + s(FUNCTION_NAME, "nft_do_chain_ipv4")
        + be32(HOOKNUM, NF_INET_LOCAL_IN) + be32(PRIORITY, 0)
        + nest(CHAIN_INFO, chain_desc("nldip", "in", NFPROTO_IPV4),
               be32(INFO_TYPE, TYPE_NFTABLES))),
    # a BPF netfilter link
    msg(HOOK_GET, NLM_F_MULTI, SEQ, PID, NFPROTO_IPV4,
        s(FUNCTION_NAME, "bpf_nf_link_run") + be32(HOOKNUM, NF_INET_LOCAL_IN)
        + be32(PRIORITY, 100)
        + nest(CHAIN_INFO, be32(INFO_TYPE, TYPE_BPF),
               nest(INFO_DESC, be32(BPF_ID, 42)))),
    # a hook without owner info (conntrack confirm, priority INT_MAX)
    msg(HOOK_GET, NLM_F_MULTI, SEQ, PID, NFPROTO_IPV4,
        s(MODULE_NAME, "nf_conntrack") + s(FUNCTION_NAME, "ipv4_confirm")
        + be32(HOOKNUM, NF_INET_LOCAL_IN) + be32(PRIORITY, 0x7FFFFFFF)),
    done(SEQ, PID),
    # nft list hooks netdev device nh0: ingress, with a flowtable
    msg(HOOK_GET, NLM_F_REQUEST | NLM_F_DUMP, SEQ + 1, 0, NFPROTO_NETDEV,
        be32(HOOKNUM, NF_NETDEV_INGRESS) + s(DEV, "nh0")),
    msg(HOOK_GET, NLM_F_MULTI, SEQ + 1, PID, NFPROTO_NETDEV,
        s(MODULE_NAME, "nf_flow_table_inet")
        + s(FUNCTION_NAME, "nf_flow_offload_inet_hook")
        + be32(HOOKNUM, NF_NETDEV_INGRESS) + be32(PRIORITY, -500)
        + nest(CHAIN_INFO, be32(INFO_TYPE, TYPE_NFT_FLOWTABLE),
               chain_desc("nldfw", "ft0", NFPROTO_INET))),
    done(SEQ + 1, PID),
]
write("hook-dump.txt", __doc__ + "\nnft list hooks ip / netdev device nh0 with their dump replies.",
      hook_msgs)

# --- nfnetlink_cthelper ---------------------------------------------------
CTH_NEW, CTH_GET = NFNL_SUBSYS_CTHELPER << 8 | 0, NFNL_SUBSYS_CTHELPER << 8 | 1
(NAME, TUPLE, QUEUE_NUM, POLICY, PRIV_DATA_LEN, STATUS) = range(1, 7)
L3PROTONUM, L4PROTONUM = 1, 2
SET_NUM, SET1 = 1, 2
POL_NAME, POL_EXPECT_MAX, POL_EXPECT_TIMEOUT = 1, 2, 3


def helper(name, l3, l4, queue, policies, priv, status):
    pol = [be32(SET_NUM, len(policies))]
    for i, (pname, emax, etimeout) in enumerate(policies):
        pol.append(nest(SET1 + i, s(POL_NAME, pname), be32(POL_EXPECT_MAX, emax),
                        be32(POL_EXPECT_TIMEOUT, etimeout)))
    return (s(NAME, name) + be32(QUEUE_NUM, queue)
            + nest(TUPLE, be16(L3PROTONUM, l3), u8(L4PROTONUM, l4))
            + nest(POLICY, *pol) + be32(PRIV_DATA_LEN, priv) + be32(STATUS, status))


cth_msgs = [
    msg(CTH_GET, NLM_F_REQUEST | NLM_F_DUMP, 9, 0, 0),
    msg(CTH_NEW, NLM_F_MULTI, 9, PID, 2, helper("ftp", 2, 6, 1, [("ftp", 1, 300)], 24, 1)),
    msg(CTH_NEW, NLM_F_MULTI, 9, PID, 10,
        helper("sip", 10, 17, 2, [("signalling", 2, 180), ("audio", 2, 180),
                                  ("video", 2, 180)], 0, 0)),
    done(9, PID),
]
write("cthelper-dump.txt", __doc__ + "\nnfct list helper with two helpers in the dump.", cth_msgs)
