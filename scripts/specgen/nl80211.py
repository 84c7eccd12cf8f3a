#!/usr/bin/env python3
# Emits dissectors/nl80211.yaml from linux/nl80211.h (names and numbers) and
# the attribute types below (written from the header's documentation).
import sys, re, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hdr
E = hdr.parse("/usr/include/linux/nl80211.h")
OUT = sys.argv[1]
missing = []

def real(ents, prefix):
    out = []
    for n, v in ents:
        if n.startswith("__") or n.startswith("NUM_") or n.endswith("_AFTER_LAST"):
            continue
        if n.endswith("_MAX") and n != "NL80211_MFP_OPTIONAL":
            if any(v2 == v and n2 != n for n2, v2 in ents if not n2.endswith("_MAX")):
                continue
        if not n.startswith(prefix) or n.startswith(("NL80211_NUM_", "MAX_")) or n.endswith("_LAST"):
            print("skip", n, file=sys.stderr)
            continue
        if n != n.upper():
            print("skip mixed-case", n, file=sys.stderr)
            continue
        y = n[len(prefix):].lower().replace("_", "-")
        if y[0].isdigit():
            y = '"' + y + '"'
        out.append((n, v, y))
    return out

def q(s):
    return '"' + s.replace('"', '\\"') + '"'

# ---------------------------------------------------------------- enums
ENUMS = [
    # (C enum, ynl name, c prefix, kind, doc)
    ("nl80211_commands", "commands", "NL80211_CMD_", "enum", "enum nl80211_commands (for NL80211_ATTR_SUPPORTED_COMMANDS)"),
    ("nl80211_iftype", "iftype", "NL80211_IFTYPE_", "enum", "enum nl80211_iftype"),
    ("nl80211_sta_flags", "sta-flags", "NL80211_STA_FLAG_", "enum", "enum nl80211_sta_flags (bit numbers in struct nl80211_sta_flag_update)"),
    ("nl80211_sta_p2p_ps_status", "sta-p2p-ps-status", "NL80211_P2P_PS_", "enum", None),
    ("nl80211_he_gi", "he-gi", "NL80211_RATE_INFO_HE_GI_", "enum", None),
    ("nl80211_he_ru_alloc", "he-ru-alloc", "NL80211_RATE_INFO_HE_RU_ALLOC_", "enum", "enum nl80211_he_ru_alloc; the 2x996 entry is omitted because its C name is mixed case"),
    ("nl80211_eht_gi", "eht-gi", "NL80211_RATE_INFO_EHT_GI_", "enum", None),
    ("nl80211_eht_ru_alloc", "eht-ru-alloc", "NL80211_RATE_INFO_EHT_RU_ALLOC_", "enum", "enum nl80211_eht_ru_alloc; the NxNNN entries are omitted because their C names are mixed case"),
    ("nl80211_mpath_flags", "mpath-flags", "NL80211_MPATH_FLAG_", "flags", None),
    ("nl80211_reg_initiator", "reg-initiator", "NL80211_REGDOM_SET_BY_", "enum", None),
    ("nl80211_reg_type", "reg-type", "NL80211_REGDOM_TYPE_", "enum", None),
    ("nl80211_reg_rule_flags", "reg-rule-flags", "NL80211_RRF_", "flags", None),
    ("nl80211_dfs_regions", "dfs-regions", "NL80211_DFS_", "enum", None),
    ("nl80211_user_reg_hint_type", "user-reg-hint-type", "NL80211_USER_REG_HINT_", "enum", None),
    ("nl80211_mesh_power_mode", "mesh-power-mode", "NL80211_MESH_POWER_", "enum", None),
    ("nl80211_ac", "ac", "NL80211_AC_", "enum", None),
    ("nl80211_channel_type", "channel-type", "NL80211_CHAN_", "enum", None),
    ("nl80211_key_mode", "key-mode", "NL80211_KEY_", "enum", None),
    ("nl80211_chan_width", "chan-width", "NL80211_CHAN_WIDTH_", "enum", None),
    ("nl80211_bss_scan_width", "bss-scan-width", "NL80211_BSS_CHAN_WIDTH_", "enum", None),
    ("nl80211_bss_status", "bss-status", "NL80211_BSS_STATUS_", "enum", None),
    ("nl80211_auth_type", "auth-type", "NL80211_AUTHTYPE_", "enum", None),
    ("nl80211_key_type", "key-type", "NL80211_KEYTYPE_", "enum", None),
    ("nl80211_mfp", "mfp", "NL80211_MFP_", "enum", None),
    ("nl80211_wpa_versions", "wpa-versions", "NL80211_WPA_VERSION_", "flags", None),
    ("nl80211_band", "band", "NL80211_BAND_", "enum", None),
    ("nl80211_ps_state", "ps-state", "NL80211_PS_", "enum", None),
    ("nl80211_cqm_rssi_threshold_event", "cqm-rssi-threshold-event", "NL80211_CQM_RSSI_", "enum", None),
    ("nl80211_tx_power_setting", "tx-power-setting", "NL80211_TX_POWER_", "enum", None),
    ("nl80211_plink_state", "plink-state", "NL80211_PLINK_", "enum", None),
    ("nl80211_hidden_ssid", "hidden-ssid", "NL80211_HIDDEN_SSID_", "enum", None),
    ("nl80211_tdls_operation", "tdls-operation", "NL80211_TDLS_", "enum", None),
    ("nl80211_ap_sme_features", "ap-sme-features", "NL80211_AP_SME_", "flags", None),
    ("nl80211_feature_flags", "feature-flags", "NL80211_FEATURE_", "flags", None),
    ("nl80211_ext_feature_index", "ext-feature-index", "NL80211_EXT_FEATURE_", "enum", "bit numbers of NL80211_ATTR_EXT_FEATURES"),
    ("nl80211_probe_resp_offload_support_attr", "probe-resp-offload-support", "NL80211_PROBE_RESP_OFFLOAD_SUPPORT_", "flags", None),
    ("nl80211_connect_failed_reason", "connect-failed-reason", "NL80211_CONN_FAIL_", "enum", None),
    ("nl80211_timeout_reason", "timeout-reason", "NL80211_TIMEOUT_", "enum", None),
    ("nl80211_scan_flags", "scan-flags", "NL80211_SCAN_FLAG_", "flags", None),
    ("nl80211_acl_policy", "acl-policy", "NL80211_ACL_POLICY_", "enum", None),
    ("nl80211_smps_mode", "smps-mode", "NL80211_SMPS_", "enum", None),
    ("nl80211_radar_event", "radar-event", "NL80211_RADAR_", "enum", None),
    ("nl80211_dfs_state", "dfs-state", "NL80211_DFS_", "enum", None),
    ("nl80211_protocol_features", "protocol-features", "NL80211_PROTOCOL_FEATURE_", "flags", None),
    ("nl80211_crit_proto_id", "crit-proto-id", "NL80211_CRIT_PROTO_", "enum", None),
    ("nl80211_rxmgmt_flags", "rxmgmt-flags", "NL80211_RXMGMT_FLAG_", "flags", None),
    ("nl80211_external_auth_action", "external-auth-action", "NL80211_EXTERNAL_AUTH_", "enum", None),
    ("nl80211_sae_pwe_mechanism", "sae-pwe-mechanism", "NL80211_SAE_PWE_", "enum", None),
    ("nl80211_ap_settings_flags", "ap-settings-flags", "NL80211_AP_SETTINGS_", "flags", None),
    ("nl80211_nan_function_type", "nan-function-type", "NL80211_NAN_FUNC_", "enum", None),
    ("nl80211_nan_func_term_reason", "nan-func-term-reason", "NL80211_NAN_FUNC_TERM_REASON_", "enum", None),
    ("nl80211_sar_type", "sar-type", "NL80211_SAR_TYPE_", "enum", None),
    ("nl80211_txrate_gi", "txrate-gi", "NL80211_TXRATE_", "enum", None),
    ("nl80211_key_default_types", "key-default-types-enum", "NL80211_KEY_DEFAULT_TYPE_", "enum", None),
]

def gen_enum(cname, name, prefix, kind, doc):
    ents = real(E[cname], prefix)
    lines = [f"  - name: {name}", f"    type: {kind}"]
    if doc:
        lines.append(f"    doc: {q(doc)}")
    lines.append(f"    name-prefix: {prefix.lower().replace('_', '-')}")
    lines.append("    entries:")
    nxt = 0
    for n, v, y in ents:
        if kind == "flags":
            if v <= 0 or v & (v - 1):
                continue
            bit = v.bit_length() - 1
            if bit == nxt:
                lines.append(f"      - {y}")
            else:
                lines.append(f"      - {{ name: {y}, value: {bit} }}")
            nxt = bit + 1
        else:
            if v == nxt:
                lines.append(f"      - {y}")
            else:
                lines.append(f"      - {{ name: {y}, value: {v} }}")
            nxt = v + 1
    return "\n".join(lines) + "\n"

STRUCTS = """  - name: sta-flag-update
    type: struct
    doc: "struct nl80211_sta_flag_update: which NL80211_STA_FLAG_* bits to change (mask) and their new values (set)"
    members:
      - name: mask
        type: u32
        enum: sta-flags
        enum-as-flags: true
      - name: set
        type: u32
        enum: sta-flags
        enum-as-flags: true
  - name: bss-select-rssi-adjust
    type: struct
    doc: "struct nl80211_bss_select_rssi_adjust"
    members:
      - name: band
        type: u8
        enum: band
      - name: delta
        type: s8
  - name: pattern-support
    type: struct
    doc: "struct nl80211_pattern_support (NL80211_WOWLAN_TRIG_PKT_PATTERN in NL80211_ATTR_WOWLAN_TRIGGERS_SUPPORTED)"
    members:
      - name: max_patterns
        type: u32
      - name: min_pattern_len
        type: u32
      - name: max_pattern_len
        type: u32
      - name: max_pkt_offset
        type: u32
"""

# ---------------------------------------------------------------- attribute sets
SETS = [
# (C enum, set name, C prefix, doc, types)
("nl80211_attrs", "nl80211-attrs", "NL80211_ATTR_", "The NL80211_ATTR_* attributes of every command", """
WIPHY u32
WIPHY_NAME string
IFINDEX u32
IFNAME string
IFTYPE u32 e=iftype
MAC mac
KEY_DATA hex
KEY_IDX u8
KEY_CIPHER u32 h=hex
KEY_SEQ hex
KEY_DEFAULT flag
BEACON_INTERVAL u32
DTIM_PERIOD u32
BEACON_HEAD binary
BEACON_TAIL binary
STA_AID u16
STA_FLAGS nest:sta-flag-attrs
STA_LISTEN_INTERVAL u16
STA_SUPPORTED_RATES hex
STA_VLAN u32
STA_INFO nest:sta-info
WIPHY_BANDS iarr:band
MNTR_FLAGS nest:mntr-flag-attrs
MESH_ID binary
STA_PLINK_ACTION u8
MPATH_NEXT_HOP mac
MPATH_INFO nest:mpath-info
BSS_CTS_PROT u8
BSS_SHORT_PREAMBLE u8
BSS_SHORT_SLOT_TIME u8
HT_CAPABILITY hex
SUPPORTED_IFTYPES nest:iftype-attrs
REG_ALPHA2 string
REG_RULES iarr:reg-rule
MESH_CONFIG nest:meshconf
BSS_BASIC_RATES hex
WIPHY_TXQ_PARAMS iarr:txq
WIPHY_FREQ u32
WIPHY_CHANNEL_TYPE u32 e=channel-type
KEY_DEFAULT_MGMT flag
MGMT_SUBTYPE u8
IE binary
MAX_NUM_SCAN_SSIDS u8
SCAN_FREQUENCIES iarr-u32
SCAN_SSIDS iarr-ssid
GENERATION u32
BSS nest:bss
REG_INITIATOR u8 e=reg-initiator
REG_TYPE u8 e=reg-type
SUPPORTED_COMMANDS iarr-u32 e=commands
FRAME binary
SSID binary
AUTH_TYPE u32 e=auth-type
REASON_CODE u16
KEY_TYPE u32 e=key-type
MAX_SCAN_IE_LEN u16
CIPHER_SUITES pk-u32 h=hex
FREQ_BEFORE nest:frequency
FREQ_AFTER nest:frequency
FREQ_FIXED flag
WIPHY_RETRY_SHORT u8
WIPHY_RETRY_LONG u8
WIPHY_FRAG_THRESHOLD u32
WIPHY_RTS_THRESHOLD u32
TIMED_OUT flag
USE_MFP u32 e=mfp
STA_FLAGS2 binary s=sta-flag-update
CONTROL_PORT flag
TESTDATA binary
PRIVACY flag
DISCONNECTED_BY_AP flag
STATUS_CODE u16
CIPHER_SUITES_PAIRWISE pk-u32 h=hex
CIPHER_SUITE_GROUP u32 h=hex
WPA_VERSIONS u32 e=wpa-versions f
AKM_SUITES pk-u32 h=hex
REQ_IE binary
RESP_IE binary
PREV_BSSID mac
KEY nest:key
KEYS iarr:key
PID u32
4ADDR u8
SURVEY_INFO nest:survey-info
PMKID hex
MAX_NUM_PMKIDS u8
DURATION u32
COOKIE u64 h=hex
WIPHY_COVERAGE_CLASS u8
TX_RATES iarr:tx-rate
FRAME_MATCH hex
ACK flag
PS_STATE u32 e=ps-state
CQM nest:cqm
LOCAL_STATE_CHANGE flag
AP_ISOLATE u8
WIPHY_TX_POWER_SETTING u32 e=tx-power-setting
WIPHY_TX_POWER_LEVEL u32
TX_FRAME_TYPES iarr:frame-type-attrs
RX_FRAME_TYPES iarr:frame-type-attrs
FRAME_TYPE u16 h=hex
CONTROL_PORT_ETHERTYPE flag
CONTROL_PORT_NO_ENCRYPT flag
SUPPORT_IBSS_RSN flag
WIPHY_ANTENNA_TX u32 h=hex
WIPHY_ANTENNA_RX u32 h=hex
MCAST_RATE u32
OFFCHANNEL_TX_OK flag
BSS_HT_OPMODE u16
KEY_DEFAULT_TYPES nest:key-default-types
MAX_REMAIN_ON_CHANNEL_DURATION u32
MESH_SETUP nest:mesh-setup
WIPHY_ANTENNA_AVAIL_TX u32 h=hex
WIPHY_ANTENNA_AVAIL_RX u32 h=hex
SUPPORT_MESH_AUTH flag
STA_PLINK_STATE u8 e=plink-state
WOWLAN_TRIGGERS nest:wowlan-triggers
WOWLAN_TRIGGERS_SUPPORTED nest:wowlan-triggers-supported
SCHED_SCAN_INTERVAL u32
INTERFACE_COMBINATIONS iarr:if-combination
SOFTWARE_IFTYPES nest:iftype-attrs
REKEY_DATA nest:rekey-data
MAX_NUM_SCHED_SCAN_SSIDS u8
MAX_SCHED_SCAN_IE_LEN u16
SCAN_SUPP_RATES iarr-hex
HIDDEN_SSID u32 e=hidden-ssid
IE_PROBE_RESP binary
IE_ASSOC_RESP binary
STA_WME nest:sta-wme
SUPPORT_AP_UAPSD flag
ROAM_SUPPORT flag
SCHED_SCAN_MATCH iarr:sched-scan-match
MAX_MATCH_SETS u8
PMKSA_CANDIDATE nest:pmksa-candidate
TX_NO_CCK_RATE flag
TDLS_ACTION u8
TDLS_DIALOG_TOKEN u8
TDLS_OPERATION u8 e=tdls-operation
TDLS_SUPPORT flag
TDLS_EXTERNAL_SETUP flag
DEVICE_AP_SME u32 e=ap-sme-features f
DONT_WAIT_FOR_ACK flag
FEATURE_FLAGS u32 e=feature-flags f
PROBE_RESP_OFFLOAD u32 e=probe-resp-offload-support f
PROBE_RESP binary
DFS_REGION u8 e=dfs-regions
DISABLE_HT flag
HT_CAPABILITY_MASK hex
NOACK_MAP u16 h=hex
INACTIVITY_TIMEOUT u16
RX_SIGNAL_DBM s32
BG_SCAN_PERIOD u16
WDEV u64 h=hex
USER_REG_HINT_TYPE u32 e=user-reg-hint-type
CONN_FAILED_REASON u32 e=connect-failed-reason
AUTH_DATA binary
VHT_CAPABILITY hex
SCAN_FLAGS u32 e=scan-flags f
CHANNEL_WIDTH u32 e=chan-width
CENTER_FREQ1 u32
CENTER_FREQ2 u32
P2P_CTWINDOW u8
P2P_OPPPS u8
LOCAL_MESH_POWER_MODE u32 e=mesh-power-mode
ACL_POLICY u32 e=acl-policy
MAC_ADDRS iarr-mac
MAC_ACL_MAX u32
RADAR_EVENT u32 e=radar-event
EXT_CAPA hex
EXT_CAPA_MASK hex
STA_CAPABILITY u16 h=hex
STA_EXT_CAPABILITY hex
PROTOCOL_FEATURES u32 e=protocol-features f
SPLIT_WIPHY_DUMP flag
DISABLE_VHT flag
VHT_CAPABILITY_MASK hex
MDID u16
IE_RIC binary
CRIT_PROT_ID u16 e=crit-proto-id
MAX_CRIT_PROT_DURATION u16
PEER_AID u16
COALESCE_RULE binary
CH_SWITCH_COUNT u32
CH_SWITCH_BLOCK_TX flag
CSA_IES nest:nl80211-attrs
CNTDWN_OFFS_BEACON pk-u16
CNTDWN_OFFS_PRESP pk-u16
RXMGMT_FLAGS u32 e=rxmgmt-flags f
STA_SUPPORTED_CHANNELS hex
STA_SUPPORTED_OPER_CLASSES hex
HANDLE_DFS flag
SUPPORT_5_MHZ flag
SUPPORT_10_MHZ flag
OPMODE_NOTIF u8
VENDOR_ID u32 h=hex
VENDOR_SUBCMD u32
VENDOR_DATA binary
VENDOR_EVENTS pk-u32 h=hex
QOS_MAP hex
MAC_HINT mac
WIPHY_FREQ_HINT u32
MAX_AP_ASSOC_STA u32
TDLS_PEER_CAPABILITY u32 h=hex
SOCKET_OWNER flag
CSA_C_OFFSETS_TX pk-u16
MAX_CSA_COUNTERS u8
TDLS_INITIATOR flag
USE_RRM flag
WIPHY_DYN_ACK flag
TSID u8
USER_PRIO u8
ADMITTED_TIME u16
SMPS_MODE u8 e=smps-mode
OPER_CLASS u8
MAC_MASK mac
WIPHY_SELF_MANAGED_REG flag
EXT_FEATURES hex
SURVEY_RADIO_STATS flag
NETNS_FD u32
SCHED_SCAN_DELAY u32
REG_INDOOR flag
MAX_NUM_SCHED_SCAN_PLANS u32
MAX_SCAN_PLAN_INTERVAL u32
MAX_SCAN_PLAN_ITERATIONS u32
SCHED_SCAN_PLANS iarr:sched-scan-plan
PBSS flag
BSS_SELECT nest:bss-select
STA_SUPPORT_P2P_PS u8 e=sta-p2p-ps-status
PAD pad
IFTYPE_EXT_CAPA iarr:nl80211-attrs
MU_MIMO_GROUP_DATA hex
MU_MIMO_FOLLOW_MAC_ADDR mac
SCAN_START_TIME_TSF u64
SCAN_START_TIME_TSF_BSSID mac
MEASUREMENT_DURATION u16
MEASUREMENT_DURATION_MANDATORY flag
MESH_PEER_AID u16
NAN_MASTER_PREF u8
BANDS u32 e=band f
NAN_FUNC nest:nan-func
NAN_MATCH nest:nan-match
FILS_KEK hex
FILS_NONCES hex
MULTICAST_TO_UNICAST_ENABLED flag
BSSID mac
SCHED_SCAN_RELATIVE_RSSI s8
SCHED_SCAN_RSSI_ADJUST binary s=bss-select-rssi-adjust
TIMEOUT_REASON u32 e=timeout-reason
FILS_ERP_USERNAME binary
FILS_ERP_REALM binary
FILS_ERP_NEXT_SEQ_NUM u16
FILS_ERP_RRK hex
FILS_CACHE_ID hex
PMK hex
SCHED_SCAN_MULTI flag
SCHED_SCAN_MAX_REQS u32
WANT_1X_4WAY_HS flag
PMKR0_NAME hex
PORT_AUTHORIZED flag
EXTERNAL_AUTH_ACTION u32 e=external-auth-action
EXTERNAL_AUTH_SUPPORT flag
NSS u8
ACK_SIGNAL s32
CONTROL_PORT_OVER_NL80211 flag
TXQ_STATS nest:txq-stats
TXQ_LIMIT u32
TXQ_MEMORY_LIMIT u32
TXQ_QUANTUM u32
HE_CAPABILITY hex
FTM_RESPONDER nest:ftm-responder
FTM_RESPONDER_STATS nest:ftm-responder-stats
TIMEOUT u32
PEER_MEASUREMENTS binary
AIRTIME_WEIGHT u16
STA_TX_POWER_SETTING u8 e=tx-power-setting
STA_TX_POWER s16
SAE_PASSWORD binary
TWT_RESPONDER flag
HE_OBSS_PD nest:obss-pd
WIPHY_EDMG_CHANNELS u8
WIPHY_EDMG_BW_CONFIG u8
VLAN_ID u16
HE_BSS_COLOR nest:bss-color
IFTYPE_AKM_SUITES iarr:iftype-akm
TID_CONFIG binary
CONTROL_PORT_NO_PREAUTH flag
PMK_LIFETIME u32
PMK_REAUTH_THRESHOLD u8
RECEIVE_MULTICAST flag
WIPHY_FREQ_OFFSET u32
CENTER_FREQ1_OFFSET u32
SCAN_FREQ_KHZ iarr-u32
HE_6GHZ_CAPABILITY hex
FILS_DISCOVERY nest:fils-discovery
UNSOL_BCAST_PROBE_RESP nest:unsol-bcast-probe-resp
S1G_CAPABILITY hex
S1G_CAPABILITY_MASK hex
SAE_PWE u8 e=sae-pwe-mechanism
RECONNECT_REQUESTED flag
SAR_SPEC nest:sar
DISABLE_HE flag
OBSS_COLOR_BITMAP u64 h=hex
COLOR_CHANGE_COUNT u8
COLOR_CHANGE_COLOR u8
COLOR_CHANGE_ELEMS nest:nl80211-attrs
MBSSID_CONFIG nest:mbssid-config
MBSSID_ELEMS binary
RADAR_BACKGROUND flag
AP_SETTINGS_FLAGS u32 e=ap-settings-flags f
EHT_CAPABILITY hex
DISABLE_EHT flag
MLO_LINKS iarr:nl80211-attrs
MLO_LINK_ID u8
MLD_ADDR mac
MLO_SUPPORT flag
MAX_NUM_AKM_SUITES u16
EML_CAPABILITY u16 h=hex
MLD_CAPA_AND_OPS u16 h=hex
TX_HW_TIMESTAMP u64
RX_HW_TIMESTAMP u64
TD_BITMAP hex
PUNCT_BITMAP u32 h=hex
MAX_HW_TIMESTAMP_PEERS u16
HW_TIMESTAMP_ENABLED flag
EMA_RNR_ELEMS binary
"""),
("nl80211_attrs", "frame-type-attrs", "NL80211_ATTR_", "Per-iftype frame types (one NL80211_ATTR_FRAME_TYPE per subtype)", "FRAME_TYPE u16 h=hex\n", ["FRAME_TYPE"]),
("nl80211_sta_flags", "sta-flag-attrs", "NL80211_STA_FLAG_", "NL80211_ATTR_STA_FLAGS: one flag attribute per station flag", "*flag"),
("nl80211_mntr_flags", "mntr-flag-attrs", "NL80211_MNTR_FLAG_", "NL80211_ATTR_MNTR_FLAGS: monitor flags", "*flag"),
("nl80211_iftype", "iftype-attrs", "NL80211_IFTYPE_", "A set of interface types: one flag attribute per NL80211_IFTYPE_*", "*flag"),
("nl80211_rate_info", "rate-info", "NL80211_RATE_INFO_", "Bitrate (NL80211_RATE_INFO_*)", """
BITRATE u16
MCS u8
40_MHZ_WIDTH flag
SHORT_GI flag
BITRATE32 u32
VHT_MCS u8
VHT_NSS u8
80_MHZ_WIDTH flag
80P80_MHZ_WIDTH flag
160_MHZ_WIDTH flag
10_MHZ_WIDTH flag
5_MHZ_WIDTH flag
HE_MCS u8
HE_NSS u8
HE_GI u8 e=he-gi
HE_DCM u8
HE_RU_ALLOC u8 e=he-ru-alloc
320_MHZ_WIDTH flag
EHT_MCS u8
EHT_NSS u8
EHT_GI u8 e=eht-gi
EHT_RU_ALLOC u8 e=eht-ru-alloc
"""),
("nl80211_sta_bss_param", "sta-bss-param", "NL80211_STA_BSS_PARAM_", "BSS parameters of a station (NL80211_STA_BSS_PARAM_*)", """
CTS_PROT flag
SHORT_PREAMBLE flag
SHORT_SLOT_TIME flag
DTIM_PERIOD u8
BEACON_INTERVAL u16
"""),
("nl80211_sta_info", "sta-info", "NL80211_STA_INFO_", "Station information (NL80211_STA_INFO_*)", """
INACTIVE_TIME u32
RX_BYTES u32
TX_BYTES u32
LLID u16
PLID u16
PLINK_STATE u8 e=plink-state
SIGNAL s8
TX_BITRATE nest:rate-info
RX_PACKETS u32
TX_PACKETS u32
TX_RETRIES u32
TX_FAILED u32
SIGNAL_AVG s8
RX_BITRATE nest:rate-info
BSS_PARAM nest:sta-bss-param
CONNECTED_TIME u32
STA_FLAGS binary s=sta-flag-update
BEACON_LOSS u32
T_OFFSET s64
LOCAL_PM u32 e=mesh-power-mode
PEER_PM u32 e=mesh-power-mode
NONPEER_PM u32 e=mesh-power-mode
RX_BYTES64 u64
TX_BYTES64 u64
CHAIN_SIGNAL iarr-s8
CHAIN_SIGNAL_AVG iarr-s8
EXPECTED_THROUGHPUT u32
RX_DROP_MISC u64
BEACON_RX u64
BEACON_SIGNAL_AVG s8
TID_STATS iarr:tid-stats
RX_DURATION u64
PAD pad
ACK_SIGNAL s8
ACK_SIGNAL_AVG s8
RX_MPDUS u32
FCS_ERROR_COUNT u32
CONNECTED_TO_GATE u8
TX_DURATION u64
AIRTIME_WEIGHT u16
AIRTIME_LINK_METRIC u32
ASSOC_AT_BOOTTIME u64
CONNECTED_TO_AS u8
"""),
("nl80211_tid_stats", "tid-stats", "NL80211_TID_STATS_", "Per-TID statistics (NL80211_TID_STATS_*)", """
RX_MSDU u64
TX_MSDU u64
TX_MSDU_RETRIES u64
TX_MSDU_FAILED u64
PAD pad
TXQ_STATS nest:txq-stats
"""),
("nl80211_txq_stats", "txq-stats", "NL80211_TXQ_STATS_", "TXQ statistics (NL80211_TXQ_STATS_*)", """
BACKLOG_BYTES u32
BACKLOG_PACKETS u32
FLOWS u32
DROPS u32
ECN_MARKS u32
OVERLIMIT u32
OVERMEMORY u32
COLLISIONS u32
TX_BYTES u32
TX_PACKETS u32
MAX_FLOWS u32
"""),
("nl80211_mpath_info", "mpath-info", "NL80211_MPATH_INFO_", "Mesh path information (NL80211_MPATH_INFO_*)", """
FRAME_QLEN u32
SN u32
METRIC u32
EXPTIME u32
FLAGS u8 e=mpath-flags f
DISCOVERY_TIMEOUT u32
DISCOVERY_RETRIES u8
HOP_COUNT u8
PATH_CHANGE u32
"""),
("nl80211_band_iftype_attr", "band-iftype", "NL80211_BAND_IFTYPE_ATTR_", "HE/EHT capabilities per interface type (NL80211_BAND_IFTYPE_ATTR_*)", """
IFTYPES nest:iftype-attrs
HE_CAP_MAC hex
HE_CAP_PHY hex
HE_CAP_MCS_SET hex
HE_CAP_PPE hex
HE_6GHZ_CAPA u16 h=hex
VENDOR_ELEMS binary
EHT_CAP_MAC hex
EHT_CAP_PHY hex
EHT_CAP_MCS_SET hex
EHT_CAP_PPE hex
"""),
("nl80211_band_attr", "band", "NL80211_BAND_ATTR_", "A frequency band of a wiphy (NL80211_BAND_ATTR_*)", """
FREQS iarr:frequency
RATES iarr:bitrate
HT_MCS_SET hex
HT_CAPA u16 h=hex
HT_AMPDU_FACTOR u8
HT_AMPDU_DENSITY u8
VHT_MCS_SET hex
VHT_CAPA u32 h=hex
IFTYPE_DATA iarr:band-iftype
EDMG_CHANNELS u8
EDMG_BW_CONFIG u8
"""),
("nl80211_wmm_rule", "wmm-rule", "NL80211_WMMR_", "WMM limits of a frequency (NL80211_WMMR_*)", """
CW_MIN u16
CW_MAX u16
AIFSN u8
TXOP u16
"""),
("nl80211_frequency_attr", "frequency", "NL80211_FREQUENCY_ATTR_", "A channel (NL80211_FREQUENCY_ATTR_*)", """
FREQ u32
DISABLED flag
NO_IR flag
RADAR flag
MAX_TX_POWER u32
DFS_STATE u32 e=dfs-state
DFS_TIME u32
NO_HT40_MINUS flag
NO_HT40_PLUS flag
NO_80MHZ flag
NO_160MHZ flag
DFS_CAC_TIME u32
INDOOR_ONLY flag
IR_CONCURRENT flag
NO_20MHZ flag
NO_10MHZ flag
WMM iarr:wmm-rule
NO_HE flag
OFFSET u32
1MHZ flag
2MHZ flag
4MHZ flag
8MHZ flag
16MHZ flag
NO_320MHZ flag
NO_EHT flag
"""),
("nl80211_bitrate_attr", "bitrate", "NL80211_BITRATE_ATTR_", "A legacy bitrate (NL80211_BITRATE_ATTR_*)", """
RATE u32
2GHZ_SHORTPREAMBLE flag
"""),
("nl80211_reg_rule_attr", "reg-rule", "NL80211_ATTR_", "A regulatory rule", """
REG_RULE_FLAGS u32 e=reg-rule-flags f
FREQ_RANGE_START u32
FREQ_RANGE_END u32
FREQ_RANGE_MAX_BW u32
POWER_RULE_MAX_ANT_GAIN u32
POWER_RULE_MAX_EIRP u32
DFS_CAC_TIME u32
"""),
("nl80211_sched_scan_match_attr", "sched-scan-match", "NL80211_SCHED_SCAN_MATCH_ATTR_", "A scheduled-scan match set (NL80211_SCHED_SCAN_MATCH_ATTR_*)", """
SSID binary
RSSI s32
RELATIVE_RSSI s32
RSSI_ADJUST binary s=bss-select-rssi-adjust
BSSID mac
"""),
("nl80211_band", "per-band-rssi", "NL80211_BAND_", "RSSI thresholds per band (attribute type = NL80211_BAND_*)", "*s32"),
("nl80211_survey_info", "survey-info", "NL80211_SURVEY_INFO_", "Channel survey (NL80211_SURVEY_INFO_*)", """
FREQUENCY u32
NOISE s8
IN_USE flag
TIME u64
TIME_BUSY u64
TIME_EXT_BUSY u64
TIME_RX u64
TIME_TX u64
TIME_SCAN u64
PAD pad
TIME_BSS_RX u64
FREQUENCY_OFFSET u32
"""),
("nl80211_meshconf_params", "meshconf", "NL80211_MESHCONF_", "Mesh configuration (NL80211_MESHCONF_*)", """
RETRY_TIMEOUT u16
CONFIRM_TIMEOUT u16
HOLDING_TIMEOUT u16
MAX_PEER_LINKS u16
MAX_RETRIES u8
TTL u8
AUTO_OPEN_PLINKS u8
HWMP_MAX_PREQ_RETRIES u8
PATH_REFRESH_TIME u32
MIN_DISCOVERY_TIMEOUT u16
HWMP_ACTIVE_PATH_TIMEOUT u32
HWMP_PREQ_MIN_INTERVAL u16
HWMP_NET_DIAM_TRVS_TIME u16
HWMP_ROOTMODE u8
ELEMENT_TTL u8
HWMP_RANN_INTERVAL u16
GATE_ANNOUNCEMENTS u8
HWMP_PERR_MIN_INTERVAL u16
FORWARDING u8
RSSI_THRESHOLD s32
SYNC_OFFSET_MAX_NEIGHBOR u32
HT_OPMODE u16
HWMP_PATH_TO_ROOT_TIMEOUT u32
HWMP_ROOT_INTERVAL u16
HWMP_CONFIRMATION_INTERVAL u16
POWER_MODE u32 e=mesh-power-mode
AWAKE_WINDOW u16
PLINK_TIMEOUT u32
CONNECTED_TO_GATE u8
NOLEARN u8
CONNECTED_TO_AS u8
"""),
("nl80211_mesh_setup_params", "mesh-setup", "NL80211_MESH_SETUP_", "Mesh setup (NL80211_MESH_SETUP_*)", """
ENABLE_VENDOR_PATH_SEL u8
ENABLE_VENDOR_METRIC u8
IE binary
USERSPACE_AUTH flag
USERSPACE_AMPE flag
ENABLE_VENDOR_SYNC u8
USERSPACE_MPM flag
AUTH_PROTOCOL u8
"""),
("nl80211_txq_attr", "txq", "NL80211_TXQ_ATTR_", "TX queue parameters (NL80211_TXQ_ATTR_*)", """
AC u8 e=ac
TXOP u16
CWMIN u16
CWMAX u16
AIFS u8
"""),
("nl80211_bss", "bss", "NL80211_BSS_", "A scan result (NL80211_BSS_*)", """
BSSID mac
FREQUENCY u32
TSF u64
BEACON_INTERVAL u16
CAPABILITY u16 h=hex
INFORMATION_ELEMENTS binary
SIGNAL_MBM s32
SIGNAL_UNSPEC u8
STATUS u32 e=bss-status
SEEN_MS_AGO u32
BEACON_IES binary
CHAN_WIDTH u32 e=bss-scan-width
BEACON_TSF u64
PRESP_DATA flag
LAST_SEEN_BOOTTIME u64
PAD pad
PARENT_TSF u64
PARENT_BSSID mac
CHAIN_SIGNAL iarr-s8
FREQUENCY_OFFSET u32
MLO_LINK_ID u8
MLD_ADDR mac
"""),
("nl80211_key_default_types", "key-default-types", "NL80211_KEY_DEFAULT_TYPE_", "Default key types (NL80211_KEY_DEFAULT_TYPE_*)", "*flag"),
("nl80211_key_attributes", "key", "NL80211_KEY_", "A key (NL80211_KEY_*)", """
DATA hex
IDX u8
CIPHER u32 h=hex
SEQ hex
DEFAULT flag
DEFAULT_MGMT flag
TYPE u32 e=key-type
DEFAULT_TYPES nest:key-default-types
MODE u8 e=key-mode
DEFAULT_BEACON flag
"""),
("nl80211_tx_rate_attributes", "tx-rate", "NL80211_TXRATE_", "TX rate mask per band (NL80211_TXRATE_*)", """
LEGACY hex
HT hex
VHT hex
GI u8 e=txrate-gi
HE hex
HE_GI u8
HE_LTF u8
"""),
("nl80211_attr_cqm", "cqm", "NL80211_ATTR_CQM_", "Connection quality monitor (NL80211_ATTR_CQM_*)", """
RSSI_THOLD pk-s32
RSSI_HYST u32
RSSI_THRESHOLD_EVENT u32 e=cqm-rssi-threshold-event
PKT_LOSS_EVENT u32
TXE_RATE u32
TXE_PKTS u32
TXE_INTVL u32
BEACON_LOSS_EVENT flag
RSSI_LEVEL s32
"""),
("nl80211_wowlan_triggers", "wowlan-triggers", "NL80211_WOWLAN_TRIG_", "WoWLAN triggers (NL80211_WOWLAN_TRIG_*)", """
ANY flag
DISCONNECT flag
MAGIC_PKT flag
PKT_PATTERN binary
GTK_REKEY_SUPPORTED flag
GTK_REKEY_FAILURE flag
EAP_IDENT_REQUEST flag
4WAY_HANDSHAKE flag
RFKILL_RELEASE flag
WAKEUP_PKT_80211 binary
WAKEUP_PKT_80211_LEN u32
WAKEUP_PKT_8023 binary
WAKEUP_PKT_8023_LEN u32
TCP_CONNECTION binary
WAKEUP_TCP_MATCH flag
WAKEUP_TCP_CONNLOST flag
WAKEUP_TCP_NOMORETOKENS flag
NET_DETECT binary
NET_DETECT_RESULTS binary
"""),
("nl80211_wowlan_triggers", "wowlan-triggers-supported", "NL80211_WOWLAN_TRIG_", "WoWLAN triggers a wiphy supports", """
ANY flag
DISCONNECT flag
MAGIC_PKT flag
PKT_PATTERN binary s=pattern-support
GTK_REKEY_SUPPORTED flag
GTK_REKEY_FAILURE flag
EAP_IDENT_REQUEST flag
4WAY_HANDSHAKE flag
RFKILL_RELEASE flag
WAKEUP_PKT_80211 binary
WAKEUP_PKT_80211_LEN u32
WAKEUP_PKT_8023 binary
WAKEUP_PKT_8023_LEN u32
TCP_CONNECTION binary
WAKEUP_TCP_MATCH flag
WAKEUP_TCP_CONNLOST flag
WAKEUP_TCP_NOMORETOKENS flag
NET_DETECT u32
NET_DETECT_RESULTS binary
"""),
("nl80211_iface_limit_attrs", "iface-limit", "NL80211_IFACE_LIMIT_", "Interface limit (NL80211_IFACE_LIMIT_*)", """
MAX u32
TYPES nest:iftype-attrs
"""),
("nl80211_if_combination_attrs", "if-combination", "NL80211_IFACE_COMB_", "Valid interface combination (NL80211_IFACE_COMB_*)", """
LIMITS iarr:iface-limit
MAXNUM u32
STA_AP_BI_MATCH flag
NUM_CHANNELS u32
RADAR_DETECT_WIDTHS u32 e=chan-width f
RADAR_DETECT_REGIONS u32 e=dfs-regions f
BI_MIN_GCD u32
"""),
("nl80211_rekey_data", "rekey-data", "NL80211_REKEY_DATA_", "GTK rekey data (NL80211_REKEY_DATA_*)", """
KEK hex
KCK hex
REPLAY_CTR hex
AKM u32 h=hex
"""),
("nl80211_sta_wme_attr", "sta-wme", "NL80211_STA_WME_", "Station WME parameters (NL80211_STA_WME_*)", """
UAPSD_QUEUES u8 h=hex
MAX_SP u8
"""),
("nl80211_pmksa_candidate_attr", "pmksa-candidate", "NL80211_PMKSA_CANDIDATE_", "PMKSA candidate (NL80211_PMKSA_CANDIDATE_*)", """
INDEX u32
BSSID mac
PREAUTH flag
"""),
("nl80211_sched_scan_plan", "sched-scan-plan", "NL80211_SCHED_SCAN_PLAN_", "Scheduled scan plan (NL80211_SCHED_SCAN_PLAN_*)", """
INTERVAL u32
ITERATIONS u32
"""),
("nl80211_bss_select_attr", "bss-select", "NL80211_BSS_SELECT_ATTR_", "BSS selection (NL80211_BSS_SELECT_ATTR_*)", """
RSSI flag
BAND_PREF u32 e=band
RSSI_ADJUST binary s=bss-select-rssi-adjust
"""),
("nl80211_nan_func_attributes", "nan-func", "NL80211_NAN_FUNC_", "NAN function (NL80211_NAN_FUNC_*)", """
TYPE u8 e=nan-function-type
SERVICE_ID hex
PUBLISH_TYPE u8
PUBLISH_BCAST flag
SUBSCRIBE_ACTIVE flag
FOLLOW_UP_ID u8
FOLLOW_UP_REQ_ID u8
FOLLOW_UP_DEST mac
CLOSE_RANGE flag
TTL u32
SERVICE_INFO binary
SRF nest:nan-srf
RX_MATCH_FILTER iarr-hex
TX_MATCH_FILTER iarr-hex
INSTANCE_ID u8
TERM_REASON u8 e=nan-func-term-reason
"""),
("nl80211_nan_srf_attributes", "nan-srf", "NL80211_NAN_SRF_", "NAN service response filter (NL80211_NAN_SRF_*)", """
INCLUDE flag
BF binary
BF_IDX u8
MAC_ADDRS iarr-mac
"""),
("nl80211_nan_match_attributes", "nan-match", "NL80211_NAN_MATCH_", "NAN match (NL80211_NAN_MATCH_*)", """
FUNC_LOCAL nest:nan-func
FUNC_PEER nest:nan-func
"""),
("nl80211_ftm_responder_attributes", "ftm-responder", "NL80211_FTM_RESP_ATTR_", "FTM responder (NL80211_FTM_RESP_ATTR_*)", """
ENABLED flag
LCI binary
CIVICLOC binary
"""),
("nl80211_ftm_responder_stats", "ftm-responder-stats", "NL80211_FTM_STATS_", "FTM responder statistics (NL80211_FTM_STATS_*)", """
SUCCESS_NUM u32
PARTIAL_NUM u32
FAILED_NUM u32
ASAP_NUM u32
NON_ASAP_NUM u32
TOTAL_DURATION_MSEC u64
UNKNOWN_TRIGGERS_NUM u32
RESCHEDULE_REQUESTS_NUM u32
OUT_OF_WINDOW_TRIGGERS_NUM u32
PAD pad
"""),
("nl80211_obss_pd_attributes", "obss-pd", "NL80211_HE_OBSS_PD_ATTR_", "HE OBSS packet detection (NL80211_HE_OBSS_PD_ATTR_*)", """
MIN_OFFSET u8
MAX_OFFSET u8
NON_SRG_MAX_OFFSET u8
BSS_COLOR_BITMAP hex
PARTIAL_BSSID_BITMAP hex
SR_CTRL u8
"""),
("nl80211_bss_color_attributes", "bss-color", "NL80211_HE_BSS_COLOR_ATTR_", "HE BSS color (NL80211_HE_BSS_COLOR_ATTR_*)", """
COLOR u8
DISABLED flag
PARTIAL flag
"""),
("nl80211_iftype_akm_attributes", "iftype-akm", "NL80211_IFTYPE_AKM_ATTR_", "AKM suites per interface type (NL80211_IFTYPE_AKM_ATTR_*)", """
IFTYPES nest:iftype-attrs
SUITES pk-u32 h=hex
"""),
("nl80211_fils_discovery_attributes", "fils-discovery", "NL80211_FILS_DISCOVERY_ATTR_", "FILS discovery (NL80211_FILS_DISCOVERY_ATTR_*)", """
INT_MIN u32
INT_MAX u32
TMPL binary
"""),
("nl80211_unsol_bcast_probe_resp_attributes", "unsol-bcast-probe-resp", "NL80211_UNSOL_BCAST_PROBE_RESP_ATTR_", "Unsolicited broadcast probe response (NL80211_UNSOL_BCAST_PROBE_RESP_ATTR_*)", """
INT u32
TMPL binary
"""),
("nl80211_sar_attrs", "sar", "NL80211_SAR_ATTR_", "SAR specification (NL80211_SAR_ATTR_*)", """
TYPE u32 e=sar-type
SPECS iarr:sar-specs
"""),
("nl80211_sar_specs_attrs", "sar-specs", "NL80211_SAR_ATTR_SPECS_", "SAR range (NL80211_SAR_ATTR_SPECS_*)", """
POWER s32
RANGE_INDEX u32
START_FREQ u32
END_FREQ u32
"""),
("nl80211_mbssid_config_attributes", "mbssid-config", "NL80211_MBSSID_CONFIG_ATTR_", "Multiple BSSID configuration (NL80211_MBSSID_CONFIG_ATTR_*)", """
MAX_INTERFACES u8
MAX_EMA_PROFILE_PERIODICITY u8
INDEX u8
TX_IFINDEX u32
EMA flag
"""),
]

def typed(spec):
    """'u32 e=x f h=hex n=..' -> yaml key lines"""
    parts = spec.split()
    t, opts = parts[0], parts[1:]
    kv = []
    if t == "mac":
        kv += [("type", "binary"), ("display-hint", "mac")]
    elif t == "hex":
        kv += [("type", "binary"), ("display-hint", "hex")]
    elif t.startswith("nest:"):
        kv += [("type", "nest"), ("nested-attributes", t[5:])]
    elif t.startswith("iarr:"):
        kv += [("type", "indexed-array"), ("sub-type", "nest"), ("nested-attributes", t[5:])]
    elif t == "iarr-u32":
        kv += [("type", "indexed-array"), ("sub-type", "u32")]
    elif t == "iarr-s8":
        kv += [("type", "indexed-array"), ("sub-type", "s8")]
    elif t == "iarr-hex":
        kv += [("type", "indexed-array"), ("sub-type", "binary"), ("display-hint", "hex")]
    elif t == "iarr-mac":
        kv += [("type", "indexed-array"), ("sub-type", "binary"), ("display-hint", "mac")]
    elif t == "iarr-ssid":
        kv += [("type", "indexed-array"), ("sub-type", "binary")]
    elif t.startswith("pk-"):
        kv += [("type", "binary"), ("sub-type", t[3:]), ("nldump-decoder", "packed-array")]
    else:
        kv += [("type", t)]
    for o in opts:
        if o == "f":
            kv.append(("enum-as-flags", "true"))
        elif o.startswith("e="):
            kv.append(("enum", o[2:]))
        elif o.startswith("h="):
            kv.append(("display-hint", o[2:]))
        elif o.startswith("s="):
            kv.append(("struct", o[2:]))
        elif o.startswith("d="):
            kv.append(("nldump-decoder", o[2:]))
        else:
            raise SystemExit("bad opt " + o)
    return kv

def gen_set(cenum, name, prefix, doc, types, only=None):
    ents = real(E[cenum], prefix if not prefix.startswith("NL80211_ATTR_") or cenum != "nl80211_reg_rule_attr" else "NL80211_ATTR_")
    tmap = {}
    default = None
    if types.startswith("*"):
        default = types[1:].strip()
    else:
        for line in types.strip().splitlines():
            k, v = line.split(None, 1)
            tmap[k] = v
    lines = [f"  - name: {name}", f"    name-prefix: {prefix.lower().replace('_', '-')}", f"    doc: {q(doc)}", "    attributes:"]
    prev = 0
    seen = set()
    for n, v, y in ents:
        if v == 0 and default is None:
            continue  # unspec / invalid
        suffix = n[len(prefix):]
        if only and suffix not in only:
            continue
        if suffix in seen:
            continue
        seen.add(suffix)
        spec = tmap.pop(suffix, None) or default
        if spec is None:
            missing.append(f"{name}.{suffix}")
            spec = "binary"
        lines.append(f"      - name: {y}")
        if v != prev + 1:
            lines.append(f"        value: {v}")
        for k, val in typed(spec):
            lines.append(f"        {k}: {val}")
        prev = v
    for k in tmap:
        missing.append(f"{name}: typed but not in header: {k}")
    return "\n".join(lines) + "\n"

# ---------------------------------------------------------------- operations
def cmd_docs():
    t = open("/usr/include/linux/nl80211.h").read()
    docs = {}
    for m in re.finditer(r"@(NL80211_CMD_\w+):(.*?)(?=\n \*\s*@|\n \*\s*\n|\*/)", t, re.S):
        d = " ".join(x.strip().lstrip("*").strip() for x in m.group(2).splitlines())
        d = re.sub(r"\s+", " ", d).strip()
        d = re.sub(r"%(NL80211_\w+)", r"\1", d).replace("&", "")
        cut = d.find(". ")
        if cut > 0:
            d = d[:cut + 1]
        docs[m.group(1)] = d[:300] or "see linux/nl80211.h"
    return docs

def gen_ops():
    docs = cmd_docs()
    ents = real(E["nl80211_commands"], "NL80211_CMD_")
    lines = ["operations:", "  name-prefix: nl80211-cmd-", "  list:"]
    seen = set()
    for n, v, y in ents:
        if v == 0 or v in seen:
            continue
        seen.add(v)
        d = docs.get(n, "see linux/nl80211.h")
        lines += [f"    - name: {y}", f"      doc: {q(d)}", f"      value: {v}", "      attribute-set: nl80211-attrs"]
    return "\n".join(lines) + "\n"

out = []
out.append("""# SPDX-License-Identifier: MIT OR Apache-2.0
# Written for nldump from the Linux uapi headers (linux-libc-dev, linux/nl80211.h);
# names and numbers are checked against /usr/include by tests/spec_drift.rs.

name: nl80211
protocol: genetlink
doc: "802.11 (Wi-Fi) configuration (NL80211_CMD_*, NL80211_ATTR_*): wiphys and their bands, interfaces, stations, keys, scans and BSSes, regulatory rules, surveys, NAN and more. Information elements (NL80211_ATTR_IE, NL80211_BSS_INFORMATION_ELEMENTS) are shown as bytes."

definitions:
""")
for e in ENUMS:
    out.append(gen_enum(*e))
out.append(STRUCTS)
out.append("\nattribute-sets:\n")
for s in SETS:
    out.append(gen_set(*s))
out.append("\n")
out.append(gen_ops())
open(OUT, "w").write("".join(out))
for m in missing:
    print("MISSING", m, file=sys.stderr)
