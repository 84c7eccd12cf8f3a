#!/usr/bin/env python3
# Emits dissectors/ovs_*.yaml. Written by hand from linux/openvswitch.h.
import sys, os
OUT = sys.argv[1]
HDR = """# SPDX-License-Identifier: MIT OR Apache-2.0
# Written for nldump from the Linux uapi headers (linux-libc-dev, linux/openvswitch.h);
# names and numbers are checked against /usr/include by tests/spec_drift.rs.

"""

def attrs(setname, prefix, items, doc=None, first=None):
    s = f"  - name: {setname}\n    name-prefix: {prefix}\n"
    if doc:
        s += f'    doc: "{doc}"\n'
    s += "    attributes:\n"
    for i, it in enumerate(items):
        name, typ, *rest = it
        s += f"      - name: {name}\n        type: {typ}\n"
        if i == 0 and first is not None:
            s += f"        value: {first}\n"
        for kv in rest:
            k, v = kv.split("=", 1)
            s += f"        {k}: {v}\n"
    return s

def struct(name, members, doc=None):
    s = f"  - name: {name}\n    type: struct\n"
    if doc:
        s += f'    doc: "{doc}"\n'
    s += "    members:\n"
    for m in members:
        mname, typ, *rest = m
        s += f"      - name: {mname}\n        type: {typ}\n"
        for kv in rest:
            k, v = kv.split("=", 1)
            s += f"        {k}: {v}\n"
    return s

def enum(name, prefix, entries, flags=False, doc=None):
    s = f"  - name: {name}\n    type: {'flags' if flags else 'enum'}\n"
    if doc:
        s += f'    doc: "{doc}"\n'
    s += f"    name-prefix: {prefix}\n    entries:\n"
    for e in entries:
        s += f"      - {e}\n"
    return s

BE = "byte-order=big-endian"
OVS_HEADER = struct("ovs-header", [("dp_ifindex", "s32")], "struct ovs_header: the datapath's ifindex (0 when addressed by name).")
FLOW_STATS = struct("ovs-flow-stats", [("n_packets", "u64"), ("n_bytes", "u64")], "struct ovs_flow_stats")

def ops(prefix, names, aset):
    s = f"operations:\n  name-prefix: {prefix}\n  fixed-header: ovs-header\n  list:\n"
    for i, (n, d) in enumerate(names, start=1):
        s += f"    - name: {n}\n      doc: \"{d}\"\n      value: {i}\n      attribute-set: {aset}\n"
    return s

def ops_v(prefix, names, aset):
    s = f"operations:\n  name-prefix: {prefix}\n  fixed-header: ovs-header\n  list:\n"
    for (n, v, d) in names:
        s += f"    - name: {n}\n      doc: \"{d}\"\n      value: {v}\n      attribute-set: {aset}\n"
    return s

def write(fname, name, doc, defs, sets, opstext):
    with open(os.path.join(OUT, fname), "w") as f:
        f.write(HDR)
        f.write(f"name: {name}\nprotocol: genetlink-legacy\ndoc: \"{doc}\"\n\n")
        f.write("definitions:\n" + "".join(defs) + "\n")
        f.write("attribute-sets:\n" + "".join(sets) + "\n")
        f.write(opstext)

# ---------------------------------------------------------------- datapath
write("ovs_datapath.yaml", "ovs_datapath",
      "Open vSwitch datapaths (OVS_DP_CMD_*, OVS_DP_ATTR_*): each message starts with struct ovs_header.",
      [OVS_HEADER,
       enum("user-features", "ovs-dp-f-", ["unaligned", "vport-pids", "tc-recirc-sharing", "dispatch-upcall-per-cpu"], True,
            "OVS_DP_F_* bits of OVS_DP_ATTR_USER_FEATURES"),
       struct("ovs-dp-stats", [("n_hit", "u64"), ("n_missed", "u64"), ("n_lost", "u64"), ("n_flows", "u64")], "struct ovs_dp_stats"),
       struct("ovs-dp-megaflow-stats", [("n_mask_hit", "u64"), ("n_masks", "u32"), ("pad0", "pad", "len=4"),
                                        ("n_cache_hit", "u64"), ("pad1", "pad", "len=8")], "struct ovs_dp_megaflow_stats"),
       ],
      [attrs("datapath", "ovs-dp-attr-", [
          ("name", "string"),
          ("upcall-pid", "u32", "doc=\"Netlink port id that receives upcalls\""),
          ("stats", "binary", "struct=ovs-dp-stats"),
          ("megaflow-stats", "binary", "struct=ovs-dp-megaflow-stats"),
          ("user-features", "u32", "enum=user-features", "enum-as-flags=true"),
          ("pad", "pad"),
          ("masks-cache-size", "u32"),
          ("per-cpu-pids", "binary", "sub-type=u32", "nldump-decoder=packed-array", "doc=\"Netlink port ids that receive upcalls, one u32 per CPU\""),
          ("ifindex", "u32"),
      ])],
      ops("ovs-dp-cmd-", [("new", "Create a datapath"), ("del", "Delete a datapath"),
                          ("get", "Get one datapath or dump all"), ("set", "Change a datapath")], "datapath"))

# ---------------------------------------------------------------- vport
write("ovs_vport.yaml", "ovs_vport",
      "Open vSwitch datapath ports (OVS_VPORT_CMD_*, OVS_VPORT_ATTR_*): each message starts with struct ovs_header.",
      [OVS_HEADER,
       enum("vport-type", "ovs-vport-type-", ["unspec", "netdev", "internal", "gre", "vxlan", "geneve"], doc="enum ovs_vport_type"),
       struct("ovs-vport-stats", [(n, "u64") for n in ["rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors",
                                                       "tx_errors", "rx_dropped", "tx_dropped"]], "struct ovs_vport_stats"),
       ],
      [attrs("vport", "ovs-vport-attr-", [
          ("port-no", "u32"),
          ("type", "u32", "enum=vport-type"),
          ("name", "string"),
          ("options", "nest", "nested-attributes=vport-options"),
          ("upcall-pid", "binary", "sub-type=u32", "nldump-decoder=packed-array", "doc=\"Array of u32 Netlink port ids that receive upcalls\""),
          ("stats", "binary", "struct=ovs-vport-stats"),
          ("pad", "pad"),
          ("ifindex", "u32"),
          ("netnsid", "s32"),
          ("upcall-stats", "nest", "nested-attributes=upcall-stats",
           "doc=\"Linux 6.2+: upcalls sent to userspace from this port\""),
       ]),
       attrs("upcall-stats", "ovs-vport-upcall-attr-", [
          ("success", "u64"),
          ("fail", "u64"),
       ], "Upcall counters (OVS_VPORT_UPCALL_ATTR_*, Linux 6.2+, numbered from 0)", first=0),
       attrs("vport-options", "ovs-tunnel-attr-", [
          ("dst-port", "u16"),
          ("extension", "nest", "nested-attributes=vxlan-ext"),
       ], "Tunnel vport options (OVS_TUNNEL_ATTR_*)"),
       attrs("vxlan-ext", "ovs-vxlan-ext-", [("gbp", "u32")], "VXLAN extensions (OVS_VXLAN_EXT_*)"),
       ],
      ops("ovs-vport-cmd-", [("new", "Add a port"), ("del", "Remove a port"),
                             ("get", "Get one port or dump all"), ("set", "Change a port")], "vport"))

# ---------------------------------------------------------------- flow keys and actions (ovs_flow, ovs_packet)
def key_defs():
    return [
        enum("frag-type", "ovs-frag-type-", ["none", "first", "later"], doc="enum ovs_frag_type"),
        enum("ct-state-flags", "ovs-cs-f-", ["new", "established", "related", "reply-dir", "invalid", "tracked", "src-nat", "dst-nat"],
             True, "OVS_CS_F_* bits of OVS_KEY_ATTR_CT_STATE"),
        enum("hash-alg", "ovs-hash-alg-", ["l4"], doc="enum ovs_hash_alg"),
        struct("ovs-key-ethernet", [("eth_src", "binary", "len=6", "display-hint=mac"), ("eth_dst", "binary", "len=6", "display-hint=mac")]),
        struct("ovs-key-mpls", [("mpls_lse", "u32", BE, "display-hint=hex")]),
        struct("ovs-key-ipv4", [("ipv4_src", "u32", BE, "display-hint=ipv4"), ("ipv4_dst", "u32", BE, "display-hint=ipv4"),
                                ("ipv4_proto", "u8"), ("ipv4_tos", "u8"), ("ipv4_ttl", "u8"), ("ipv4_frag", "u8", "enum=frag-type")]),
        struct("ovs-key-ipv6", [("ipv6_src", "binary", "len=16", "display-hint=ipv6"), ("ipv6_dst", "binary", "len=16", "display-hint=ipv6"),
                                ("ipv6_label", "u32", BE, "display-hint=hex"), ("ipv6_proto", "u8"), ("ipv6_tclass", "u8"),
                                ("ipv6_hlimit", "u8"), ("ipv6_frag", "u8", "enum=frag-type")]),
        struct("ovs-key-ipv6-exthdrs", [("hdrs", "u16", "display-hint=hex")]),
        struct("ovs-key-tcp", [("tcp_src", "u16", BE), ("tcp_dst", "u16", BE)]),
        struct("ovs-key-udp", [("udp_src", "u16", BE), ("udp_dst", "u16", BE)]),
        struct("ovs-key-sctp", [("sctp_src", "u16", BE), ("sctp_dst", "u16", BE)]),
        struct("ovs-key-icmp", [("icmp_type", "u8"), ("icmp_code", "u8")]),
        struct("ovs-key-icmpv6", [("icmpv6_type", "u8"), ("icmpv6_code", "u8")]),
        struct("ovs-key-arp", [("arp_sip", "u32", BE, "display-hint=ipv4"), ("arp_tip", "u32", BE, "display-hint=ipv4"),
                               ("arp_op", "u16", BE), ("arp_sha", "binary", "len=6", "display-hint=mac"),
                               ("arp_tha", "binary", "len=6", "display-hint=mac")]),
        struct("ovs-key-nd", [("nd_target", "binary", "len=16", "display-hint=ipv6"), ("nd_sll", "binary", "len=6", "display-hint=mac"),
                              ("nd_tll", "binary", "len=6", "display-hint=mac")]),
        struct("ovs-key-ct-tuple-ipv4", [("ipv4_src", "u32", BE, "display-hint=ipv4"), ("ipv4_dst", "u32", BE, "display-hint=ipv4"),
                                         ("src_port", "u16", BE), ("dst_port", "u16", BE), ("ipv4_proto", "u8")]),
        struct("ovs-key-ct-tuple-ipv6", [("ipv6_src", "binary", "len=16", "display-hint=ipv6"), ("ipv6_dst", "binary", "len=16", "display-hint=ipv6"),
                                         ("src_port", "u16", BE), ("dst_port", "u16", BE), ("ipv6_proto", "u8")]),
        struct("ovs-nsh-key-base", [("flags", "u8"), ("ttl", "u8"), ("mdtype", "u8"), ("np", "u8"), ("path_hdr", "u32", BE, "display-hint=hex")]),
        struct("ovs-nsh-key-md1", [("context", "binary", "len=16", "display-hint=hex")]),
        struct("ovs-action-trunc", [("max_len", "u32")]),
        struct("ovs-action-push-mpls", [("mpls_lse", "u32", BE, "display-hint=hex"), ("mpls_ethertype", "u16", BE, "display-hint=hex")]),
        struct("ovs-action-add-mpls", [("mpls_lse", "u32", BE, "display-hint=hex"), ("mpls_ethertype", "u16", BE, "display-hint=hex"),
                                       ("tun_flags", "u16")]),
        struct("ovs-action-push-vlan", [("vlan_tpid", "u16", BE, "display-hint=hex"), ("vlan_tci", "u16", BE, "display-hint=hex")]),
        struct("ovs-action-hash", [("hash_alg", "u32", "enum=hash-alg"), ("hash_basis", "u32")]),
        struct("ovs-action-push-eth", [("addresses", "binary", "struct=ovs-key-ethernet")]),
        struct("ovs-ct-mark", [("value", "u32", "display-hint=hex"), ("mask", "u32", "display-hint=hex")],
               "OVS_CT_ATTR_MARK payload: the mark and the mask of bits to set"),
    ]

def key_sets():
    return [
        attrs("key", "ovs-key-attr-", [
            ("encap", "nest", "nested-attributes=key"),
            ("priority", "u32"),
            ("in-port", "u32"),
            ("ethernet", "binary", "struct=ovs-key-ethernet"),
            ("vlan", "u16", BE, "display-hint=hex"),
            ("ethertype", "u16", BE, "display-hint=hex"),
            ("ipv4", "binary", "struct=ovs-key-ipv4"),
            ("ipv6", "binary", "struct=ovs-key-ipv6"),
            ("tcp", "binary", "struct=ovs-key-tcp"),
            ("udp", "binary", "struct=ovs-key-udp"),
            ("icmp", "binary", "struct=ovs-key-icmp"),
            ("icmpv6", "binary", "struct=ovs-key-icmpv6"),
            ("arp", "binary", "struct=ovs-key-arp"),
            ("nd", "binary", "struct=ovs-key-nd"),
            ("skb-mark", "u32", "display-hint=hex"),
            ("tunnel", "nest", "nested-attributes=tunnel-key"),
            ("sctp", "binary", "struct=ovs-key-sctp"),
            ("tcp-flags", "u16", BE, "display-hint=hex"),
            ("dp-hash", "u32", "display-hint=hex"),
            ("recirc-id", "u32"),
            ("mpls", "binary", "struct=ovs-key-mpls"),
            ("ct-state", "u32", "enum=ct-state-flags", "enum-as-flags=true"),
            ("ct-zone", "u16"),
            ("ct-mark", "u32", "display-hint=hex"),
            ("ct-labels", "binary", "display-hint=hex"),
            ("ct-orig-tuple-ipv4", "binary", "struct=ovs-key-ct-tuple-ipv4"),
            ("ct-orig-tuple-ipv6", "binary", "struct=ovs-key-ct-tuple-ipv6"),
            ("nsh", "nest", "nested-attributes=nsh-key"),
            ("packet-type", "u32", BE, "display-hint=hex"),
            ("nd-extensions", "binary"),
            ("tunnel-info", "binary", "doc=\"struct ip_tunnel_info, kernel-internal\""),
            ("ipv6-exthdrs", "binary", "struct=ovs-key-ipv6-exthdrs"),
        ], "Flow key and mask attributes (OVS_KEY_ATTR_*); in a mask the same layouts carry bit masks."),
        attrs("tunnel-key", "ovs-tunnel-key-attr-", [
            ("id", "u64", BE, "display-hint=hex"),
            ("ipv4-src", "u32", BE, "display-hint=ipv4"),
            ("ipv4-dst", "u32", BE, "display-hint=ipv4"),
            ("tos", "u8"),
            ("ttl", "u8"),
            ("dont-fragment", "flag"),
            ("csum", "flag"),
            ("oam", "flag"),
            ("geneve-opts", "binary", "display-hint=hex"),
            ("tp-src", "u16", BE),
            ("tp-dst", "u16", BE),
            ("vxlan-opts", "nest", "nested-attributes=vxlan-ext"),
            ("ipv6-src", "binary", "display-hint=ipv6"),
            ("ipv6-dst", "binary", "display-hint=ipv6"),
            ("pad", "pad"),
            ("erspan-opts", "binary", "display-hint=hex"),
            ("ipv4-info-bridge", "flag"),
        ], "Tunnel key attributes (OVS_TUNNEL_KEY_ATTR_*, numbered from 0)", first=0),
        attrs("vxlan-ext", "ovs-vxlan-ext-", [("gbp", "u32", "display-hint=hex")], "VXLAN extensions (OVS_VXLAN_EXT_*)"),
        attrs("nsh-key", "ovs-nsh-key-attr-", [
            ("base", "binary", "struct=ovs-nsh-key-base"),
            ("md1", "binary", "struct=ovs-nsh-key-md1"),
            ("md2", "binary", "display-hint=hex"),
        ], "NSH key attributes (OVS_NSH_KEY_ATTR_*)"),
        attrs("action", "ovs-action-attr-", [
            ("output", "u32"),
            ("userspace", "nest", "nested-attributes=userspace"),
            ("set", "nest", "nested-attributes=key"),
            ("push-vlan", "binary", "struct=ovs-action-push-vlan"),
            ("pop-vlan", "flag"),
            ("sample", "nest", "nested-attributes=sample"),
            ("recirc", "u32"),
            ("hash", "binary", "struct=ovs-action-hash"),
            ("push-mpls", "binary", "struct=ovs-action-push-mpls"),
            ("pop-mpls", "u16", BE, "display-hint=hex"),
            ("set-masked", "nest", "nested-attributes=key"),
            ("ct", "nest", "nested-attributes=ct"),
            ("trunc", "binary", "struct=ovs-action-trunc"),
            ("push-eth", "binary", "struct=ovs-action-push-eth"),
            ("pop-eth", "flag"),
            ("ct-clear", "flag"),
            ("push-nsh", "nest", "nested-attributes=nsh-key"),
            ("pop-nsh", "flag"),
            ("meter", "u32"),
            ("clone", "nest", "nested-attributes=action"),
            ("check-pkt-len", "nest", "nested-attributes=check-pkt-len"),
            ("add-mpls", "binary", "struct=ovs-action-add-mpls"),
            ("dec-ttl", "nest", "nested-attributes=dec-ttl"),
        ], "Actions (OVS_ACTION_ATTR_*), applied in order"),
        attrs("userspace", "ovs-userspace-attr-", [
            ("pid", "u32"),
            ("userdata", "binary", "display-hint=hex"),
            ("egress-tun-port", "u32"),
            ("actions", "flag"),
        ], "OVS_ACTION_ATTR_USERSPACE arguments"),
        attrs("sample", "ovs-sample-attr-", [
            ("probability", "u32"),
            ("actions", "nest", "nested-attributes=action"),
        ], "OVS_ACTION_ATTR_SAMPLE arguments"),
        attrs("ct", "ovs-ct-attr-", [
            ("commit", "flag"),
            ("zone", "u16"),
            ("mark", "binary", "struct=ovs-ct-mark"),
            ("labels", "binary", "display-hint=hex"),
            ("helper", "string"),
            ("nat", "nest", "nested-attributes=nat"),
            ("force-commit", "flag"),
            ("eventmask", "u32", "display-hint=hex"),
            ("timeout", "string"),
        ], "OVS_ACTION_ATTR_CT arguments"),
        attrs("nat", "ovs-nat-attr-", [
            ("src", "flag"),
            ("dst", "flag"),
            ("ip-min", "binary", "display-hint=ipv4"),
            ("ip-max", "binary", "display-hint=ipv4"),
            ("proto-min", "u16"),
            ("proto-max", "u16"),
            ("persistent", "flag"),
            ("proto-hash", "flag"),
            ("proto-random", "flag"),
        ], "OVS_CT_ATTR_NAT arguments"),
        attrs("check-pkt-len", "ovs-check-pkt-len-attr-", [
            ("pkt-len", "u16"),
            ("actions-if-greater", "nest", "nested-attributes=action"),
            ("actions-if-less-equal", "nest", "nested-attributes=action"),
        ], "OVS_ACTION_ATTR_CHECK_PKT_LEN arguments"),
        attrs("dec-ttl", "ovs-dec-ttl-attr-", [
            ("action", "nest", "nested-attributes=action"),
        ], "OVS_ACTION_ATTR_DEC_TTL arguments"),
    ]

write("ovs_flow.yaml", "ovs_flow",
      "Open vSwitch datapath flows (OVS_FLOW_CMD_*, OVS_FLOW_ATTR_*): flow keys and masks (OVS_KEY_ATTR_*) and actions (OVS_ACTION_ATTR_*). Each message starts with struct ovs_header.",
      [OVS_HEADER, FLOW_STATS,
       enum("ufid-flags", "ovs-ufid-f-", ["omit-key", "omit-mask", "omit-actions"], True, "OVS_UFID_F_* bits of OVS_FLOW_ATTR_UFID_FLAGS"),
       ] + key_defs(),
      [attrs("flow", "ovs-flow-attr-", [
          ("key", "nest", "nested-attributes=key"),
          ("actions", "nest", "nested-attributes=action"),
          ("stats", "binary", "struct=ovs-flow-stats"),
          ("tcp-flags", "u8", "display-hint=hex"),
          ("used", "u64", "doc=\"Last use, milliseconds of monotonic time\""),
          ("clear", "flag"),
          ("mask", "nest", "nested-attributes=key"),
          ("probe", "flag"),
          ("ufid", "binary", "display-hint=hex"),
          ("ufid-flags", "u32", "enum=ufid-flags", "enum-as-flags=true"),
          ("pad", "pad"),
      ])] + key_sets(),
      ops("ovs-flow-cmd-", [("new", "Add a flow"), ("del", "Delete one flow or all"),
                            ("get", "Get one flow or dump all"), ("set", "Change a flow's actions")], "flow"))

write("ovs_packet.yaml", "ovs_packet",
      "Open vSwitch upcalls and packet execution (OVS_PACKET_CMD_*, OVS_PACKET_ATTR_*): each message starts with struct ovs_header.",
      [OVS_HEADER] + key_defs(),
      [attrs("packet", "ovs-packet-attr-", [
          ("packet", "binary", "doc=\"The packet, from its Ethernet header\""),
          ("key", "nest", "nested-attributes=key"),
          ("actions", "nest", "nested-attributes=action"),
          ("userdata", "binary", "display-hint=hex"),
          ("egress-tun-key", "nest", "nested-attributes=tunnel-key"),
          ("unused1", "unused"),
          ("unused2", "unused"),
          ("probe", "flag"),
          ("mru", "u16"),
          ("len", "u32"),
          ("hash", "u64", "display-hint=hex"),
      ])] + key_sets(),
      ops("ovs-packet-cmd-", [("miss", "Upcall: flow table miss (kernel to user)"),
                              ("action", "Upcall: OVS_ACTION_ATTR_USERSPACE (kernel to user)"),
                              ("execute", "Apply actions to a packet")], "packet"))

write("ovs_meter.yaml", "ovs_meter",
      "Open vSwitch meters (OVS_METER_CMD_*, OVS_METER_ATTR_*): each message starts with struct ovs_header.",
      [OVS_HEADER, FLOW_STATS, enum("band-type", "ovs-meter-band-type-", ["unspec", "drop"], doc="enum ovs_meter_band_type")],
      [attrs("meter", "ovs-meter-attr-", [
          ("id", "u32"),
          ("kbps", "flag"),
          ("stats", "binary", "struct=ovs-flow-stats"),
          ("bands", "indexed-array", "sub-type=nest", "nested-attributes=band"),
          ("used", "u64"),
          ("clear", "flag"),
          ("max-meters", "u32"),
          ("max-bands", "u32"),
          ("pad", "pad"),
       ]),
       attrs("band", "ovs-band-attr-", [
          ("type", "u32", "enum=band-type"),
          ("rate", "u32"),
          ("burst", "u32"),
          ("stats", "binary", "struct=ovs-flow-stats"),
       ], "One meter band (OVS_BAND_ATTR_*)")],
      ops("ovs-meter-cmd-", [("features", "Get the meter features of the datapath"), ("set", "Add or change a meter"),
                             ("del", "Delete a meter"), ("get", "Get meter stats")], "meter"))

write("ovs_ct_limit.yaml", "ovs_ct_limit",
      "Open vSwitch conntrack zone limits (OVS_CT_LIMIT_CMD_*, OVS_CT_LIMIT_ATTR_*): each message starts with struct ovs_header.",
      [OVS_HEADER, struct("ovs-zone-limit", [("zone_id", "s32"), ("limit", "u32"), ("count", "u32")],
                          "struct ovs_zone_limit; zone_id -1 is the default zone (the attribute may hold several)")],
      [attrs("ct-limit", "ovs-ct-limit-attr-", [
          ("zone-limit", "binary", "struct=ovs-zone-limit"),
      ])],
      ops("ovs-ct-limit-cmd-", [("set", "Add or change zone limits"), ("del", "Delete zone limits"), ("get", "Get zone limits")], "ct-limit"))
