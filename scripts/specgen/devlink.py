#!/usr/bin/env python3
# Emits dissectors/devlink.yaml from linux/devlink.h: names and numbers from the
# enums, attribute types from the header's own /* u32 */-style comments.
import sys, re, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hdr
H = "/usr/include/linux/devlink.h"
E = hdr.parse(H)
raw = open(H).read()
OUT = sys.argv[1]

def comment_type(cname):
    m = re.search(r"\b%s\b\s*(?:=[^,]*)?,\s*/\*\s*([^*]*?)\s*\*/" % cname, raw)
    return m.group(1) if m else None

NEST = {  # attributes whose nest holds another set than devlink-attrs
    "DEVLINK_ATTR_PORT_FUNCTION": "port-function",
    "DEVLINK_ATTR_STATS": "stats",
    "DEVLINK_ATTR_SELFTESTS": "selftest-id",
}
ENUMREF = {
    "DEVLINK_ATTR_PORT_TYPE": "port-type",
    "DEVLINK_ATTR_PORT_DESIRED_TYPE": "port-type",
    "DEVLINK_ATTR_PORT_FLAVOUR": "port-flavour",
    "DEVLINK_ATTR_SB_POOL_TYPE": "sb-pool-type",
    "DEVLINK_ATTR_SB_POOL_THRESHOLD_TYPE": "sb-threshold-type",
    "DEVLINK_ATTR_ESWITCH_MODE": "eswitch-mode",
    "DEVLINK_ATTR_ESWITCH_INLINE_MODE": "eswitch-inline-mode",
    "DEVLINK_ATTR_ESWITCH_ENCAP_MODE": "eswitch-encap-mode",
    "DEVLINK_ATTR_PARAM_VALUE_CMODE": "param-cmode",
    "DEVLINK_ATTR_TRAP_ACTION": "trap-action",
    "DEVLINK_ATTR_TRAP_TYPE": "trap-type",
    "DEVLINK_ATTR_RELOAD_ACTION": "reload-action",
    "DEVLINK_ATTR_RELOAD_STATS_LIMIT": "reload-limit",
    "DEVLINK_ATTR_RATE_TYPE": "rate-type",
    "DEVLINK_ATTR_LINECARD_STATE": "linecard-state",
    "DEVLINK_ATTR_RESOURCE_UNIT": "resource-unit",
    "DEVLINK_ATTR_DPIPE_FIELD_MAPPING_TYPE": "dpipe-field-mapping-type",
    "DEVLINK_ATTR_DPIPE_MATCH_TYPE": "dpipe-match-type",
    "DEVLINK_ATTR_DPIPE_ACTION_TYPE": "dpipe-action-type",
    "DEVLINK_ATTR_DPIPE_HEADER_ID": "dpipe-header-id",
    "DEVLINK_ATTR_SELFTEST_RESULT_STATUS": "selftest-status",
}
OVERRIDE = {
    "DEVLINK_ATTR_TRAP_ACTION": "u8",
    "DEVLINK_ATTR_TRAP_TYPE": "u8",
    "DEVLINK_ATTR_RELOAD_FAILED": "u8",
    "DEVLINK_ATTR_PARAM_VALUE_DATA": "binary",
    "DEVLINK_ATTR_FMSG_OBJ_VALUE_DATA": "binary",
    "DEVLINK_ATTR_REGION_CHUNK_DATA": "binary hex",
    "DEVLINK_ATTR_INFO_SERIAL_NUMBER": "string",
    "DEVLINK_ATTR_DPIPE_VALUE": "binary hex",
    "DEVLINK_ATTR_DPIPE_VALUE_MASK": "binary hex",
    "DEVLINK_PORT_FUNCTION_ATTR_HW_ADDR": "binary mac",
    "DEVLINK_ATTR_PORT_PCI_PF_NUMBER": "u16",
    "DEVLINK_ATTR_PORT_PCI_VF_NUMBER": "u16",
    "DEVLINK_ATTR_PORT_PCI_SF_NUMBER": "u32",
    "DEVLINK_ATTR_PORT_CONTROLLER_NUMBER": "u32",
    "DEVLINK_ATTR_PORT_EXTERNAL": "u8",
    "DEVLINK_ATTR_PORT_LANES": "u32",
    "DEVLINK_ATTR_PORT_SPLITTABLE": "u8",
    "DEVLINK_ATTR_PORT_NUMBER": "u32",
    "DEVLINK_ATTR_PORT_SPLIT_SUBPORT_NUMBER": "u32",
    "DEVLINK_ATTR_PORT_SPLIT_GROUP": "u32",
    "DEVLINK_ATTR_PAD": "pad",
    "DEVLINK_ATTR_RELOAD_ACTION": "u8",
    "DEVLINK_ATTR_NETNS_FD": "u32",
    "DEVLINK_ATTR_NETNS_PID": "u32",
    "DEVLINK_ATTR_NETNS_ID": "u32",
    "DEVLINK_ATTR_HEALTH_REPORTER_DUMP_TS_NS": "u64",
}
unknown = []

def ytype(cname, comment):
    t = OVERRIDE.get(cname)
    if t is None and comment:
        c = comment.split(",")[0].strip()
        t = {"u8": "u8", "u16": "u16", "u32": "u32", "u64": "u64", "string": "string",
             "nested": "nest", "flag": "flag", "bitfield32": "bitfield32", "binary": "binary",
             "s8": "s8", "s32": "s32", "s64": "s64"}.get(c)
    if t is None:
        unknown.append(cname)
        t = "binary"
    kv = []
    parts = t.split()
    kv.append(("type", parts[0]))
    if len(parts) > 1:
        kv.append(("display-hint", parts[1]))
    if parts[0] == "nest":
        kv.append(("nested-attributes", NEST.get(cname, "devlink-attrs")))
    if cname in ENUMREF and parts[0] in ("u8", "u16", "u32"):
        kv.append(("enum", ENUMREF[cname]))
    return kv

def real(ents, prefix):
    out = []
    for n, v in ents:
        if n.startswith("__") or n.endswith("_MAX") or n.endswith("_MAX_BIT") or not n.startswith(prefix):
            continue
        out.append((n, v, n[len(prefix):].lower().replace("_", "-")))
    return out

def q(s):
    return '"' + s.replace('"', '\\"') + '"'

def gen_enum(cenum, name, prefix, doc=None):
    ents = real(E[cenum], prefix)
    lines = [f"  - name: {name}", "    type: enum"]
    if doc:
        lines.append(f"    doc: {q(doc)}")
    lines += [f"    name-prefix: {prefix.lower().replace('_', '-')}", "    entries:"]
    nxt = 0
    for n, v, y in ents:
        lines.append(f"      - {y}" if v == nxt else f"      - {{ name: {y}, value: {v} }}")
        nxt = v + 1
    return "\n".join(lines) + "\n"

def gen_set(ents, name, prefix, doc, first_zero=False):
    lines = [f"  - name: {name}", f"    name-prefix: {prefix.lower().replace('_', '-')}", f"    doc: {q(doc)}", "    attributes:"]
    prev = 0 if not first_zero else -1
    for n, v in ents:
        if n.endswith("_UNSPEC") or n.startswith("__") or n.endswith("_MAX"):
            continue
        y = n[len(prefix):].lower().replace("_", "-")
        lines.append(f"      - name: {y}")
        if v != prev + 1 or (first_zero and v == 0):
            lines.append(f"        value: {v}")
        for k, val in ytype(n, comment_type(n)):
            lines.append(f"        {k}: {val}")
        prev = v
    return "\n".join(lines) + "\n"

anon = [ents for k, ents in E.items() if k.startswith("DEVLINK") or False]
# hdr.parse keys anonymous enums by nothing: find them by content
def find(first):
    for m in re.finditer(r"enum\s*\{(.*?)\}", re.sub(r"/\*.*?\*/", " ", raw, flags=re.S), re.S):
        if first in m.group(1):
            body = m.group(1)
            ents, nxt = [], 0
            for part in body.split(","):
                part = part.strip()
                if not part or part.startswith("#"):
                    continue
                if "=" in part:
                    continue
                ents.append((part, nxt)); nxt += 1
            return ents
    raise SystemExit(first)

ENUMS = [
    ("devlink_port_type", "port-type", "DEVLINK_PORT_TYPE_"),
    ("devlink_sb_pool_type", "sb-pool-type", "DEVLINK_SB_POOL_TYPE_"),
    ("devlink_sb_threshold_type", "sb-threshold-type", "DEVLINK_SB_THRESHOLD_TYPE_"),
    ("devlink_eswitch_mode", "eswitch-mode", "DEVLINK_ESWITCH_MODE_"),
    ("devlink_eswitch_inline_mode", "eswitch-inline-mode", "DEVLINK_ESWITCH_INLINE_MODE_"),
    ("devlink_eswitch_encap_mode", "eswitch-encap-mode", "DEVLINK_ESWITCH_ENCAP_MODE_"),
    ("devlink_port_flavour", "port-flavour", "DEVLINK_PORT_FLAVOUR_"),
    ("devlink_rate_type", "rate-type", "DEVLINK_RATE_TYPE_"),
    ("devlink_param_cmode", "param-cmode", "DEVLINK_PARAM_CMODE_"),
    ("devlink_selftest_status", "selftest-status", "DEVLINK_SELFTEST_STATUS_"),
    ("devlink_trap_action", "trap-action", "DEVLINK_TRAP_ACTION_"),
    ("devlink_trap_type", "trap-type", "DEVLINK_TRAP_TYPE_"),
    ("devlink_reload_action", "reload-action", "DEVLINK_RELOAD_ACTION_"),
    ("devlink_reload_limit", "reload-limit", "DEVLINK_RELOAD_LIMIT_"),
    ("devlink_linecard_state", "linecard-state", "DEVLINK_LINECARD_STATE_"),
    ("devlink_dpipe_field_mapping_type", "dpipe-field-mapping-type", "DEVLINK_DPIPE_FIELD_MAPPING_TYPE_"),
    ("devlink_dpipe_match_type", "dpipe-match-type", "DEVLINK_DPIPE_MATCH_TYPE_"),
    ("devlink_dpipe_action_type", "dpipe-action-type", "DEVLINK_DPIPE_ACTION_TYPE_"),
    ("devlink_dpipe_header_id", "dpipe-header-id", "DEVLINK_DPIPE_HEADER_"),
    ("devlink_resource_unit", "resource-unit", "DEVLINK_RESOURCE_UNIT_"),
    ("devlink_port_fn_state", "port-fn-state", "DEVLINK_PORT_FN_STATE_"),
    ("devlink_port_fn_opstate", "port-fn-opstate", "DEVLINK_PORT_FN_OPSTATE_"),
]

cmds = real(E["devlink_command"], "DEVLINK_CMD_")
out = ["""# SPDX-License-Identifier: MIT OR Apache-2.0
# Written for nldump from the Linux uapi headers (linux-libc-dev, linux/devlink.h);
# names and numbers are checked against /usr/include by tests/spec_drift.rs.

name: devlink
protocol: genetlink-legacy
doc: "Devlink (DEVLINK_CMD_*, DEVLINK_ATTR_*): devices, ports, shared buffers, eswitch, dpipe, resources, params, regions, info, health reporters, traps, rates and line cards. Nested attributes reuse DEVLINK_ATTR_*."

definitions:
"""]
for e in ENUMS:
    out.append(gen_enum(*e))
out.append("\nattribute-sets:\n")
out.append(gen_set(E["devlink_attr"], "devlink-attrs", "DEVLINK_ATTR_", "DEVLINK_ATTR_*, used at the top level and inside most nests"))
out.append(gen_set(find("DEVLINK_ATTR_STATS_RX_PACKETS"), "stats", "DEVLINK_ATTR_STATS_", "Trap statistics (DEVLINK_ATTR_STATS_*, numbered from 0)", first_zero=True))
out.append(gen_set(E["devlink_port_function_attr"], "port-function", "DEVLINK_PORT_", "Port function (DEVLINK_PORT_FUNCTION_ATTR_* and DEVLINK_PORT_FN_ATTR_*)"))
out.append(gen_set(E["devlink_attr_selftest_id"], "selftest-id", "DEVLINK_ATTR_SELFTEST_ID_", "Self tests (DEVLINK_ATTR_SELFTEST_ID_*)"))
out.append("\noperations:\n  name-prefix: devlink-cmd-\n  list:\n")
for n, v, y in cmds:
    if v == 0:
        continue
    out.append(f"    - name: {y}\n      doc: {q(n)}\n      value: {v}\n      attribute-set: devlink-attrs\n")
open(OUT, "w").write("".join(out))
for u in unknown:
    print("untyped", u, file=sys.stderr)
