//! 802.11 information elements carried raw inside nl80211 attributes
//! (`nldump-decoder: ie-list` on NL80211_ATTR_IE, NL80211_ATTR_REQ_IE,
//! NL80211_BSS_INFORMATION_ELEMENTS …): the list is split into elements
//! (id u8, length u8, body) and the common ones are decoded field by field.
//! `nldump-decoder: ie-ht-cap` / `ie-vht-cap` decode a bare element body
//! (NL80211_ATTR_HT_CAPABILITY is `struct ieee80211_ht_cap`, the HT
//! Capabilities element without its header).
//!
//! Sources: IEEE Std 802.11-2020 — 9.4.2 (element formats), Table 9-92
//! (Element IDs), Table 9-93 (Element ID Extensions as far as HE), 9.4.2.3
//! (Supported Rates; rates in 500 kb/s units, bit 7 = basic rate; Table 9-78
//! BSS membership selectors), 9.4.2.24 (RSNE; Table 9-149 cipher suite
//! selectors, Table 9-151 AKM suite selectors), 9.4.2.55/56 (HT
//! Capabilities/Operation), 9.4.2.157/158 (VHT Capabilities/Operation),
//! 9.4.2.248/249 (HE Capabilities/Operation). The 00-50-F2 vendor types (WPA,
//! WMM, WPS) are Wi-Fi Alliance / Microsoft assignments (WMM spec 2.2.2). The
//! element names are the Linux kernel's `WLAN_EID_*` spellings without the
//! prefix; suite values are written as nl80211.h documents
//! NL80211_ATTR_KEY_CIPHER (OUI << 8 | type, e.g. 0x000FAC04). Rates are
//! named the way `iw` prints them (`6.0*` = 6 Mb/s, basic).
//!
//! Everything is bounds-checked: an element longer than what is left is a
//! problem at its offset and the rest is shown as bytes.

use super::special::{Dcx, Spot};
use super::{field, Dissection, Message, Name, Node, NodeKind, Value, MAX_DEPTH};
use crate::spec::EnumDef;
use std::sync::LazyLock;

/// Element IDs (IEEE 802.11-2020 Table 9-92).
const ELEMENTS: &[(u8, &str)] = &[
    (0, "SSID"),
    (1, "SUPP_RATES"),
    (2, "FH_PARAMS"),
    (3, "DS_PARAMS"),
    (4, "CF_PARAMS"),
    (5, "TIM"),
    (6, "IBSS_PARAMS"),
    (7, "COUNTRY"),
    (10, "REQUEST"),
    (11, "QBSS_LOAD"),
    (12, "EDCA_PARAM_SET"),
    (13, "TSPEC"),
    (14, "TCLAS"),
    (15, "SCHEDULE"),
    (16, "CHALLENGE"),
    (32, "PWR_CONSTRAINT"),
    (33, "PWR_CAPABILITY"),
    (34, "TPC_REQUEST"),
    (35, "TPC_REPORT"),
    (36, "SUPPORTED_CHANNELS"),
    (37, "CHANNEL_SWITCH"),
    (38, "MEASURE_REQUEST"),
    (39, "MEASURE_REPORT"),
    (40, "QUIET"),
    (41, "IBSS_DFS"),
    (42, "ERP_INFO"),
    (43, "TS_DELAY"),
    (44, "TCLAS_PROCESSING"),
    (45, "HT_CAPABILITY"),
    (46, "QOS_CAPA"),
    (48, "RSN"),
    (50, "EXT_SUPP_RATES"),
    (51, "AP_CHAN_REPORT"),
    (52, "NEIGHBOR_REPORT"),
    (53, "RCPI"),
    (54, "MOBILITY_DOMAIN"),
    (55, "FAST_BSS_TRANSITION"),
    (56, "TIMEOUT_INTERVAL"),
    (57, "RIC_DATA"),
    (58, "DSE_REGISTERED_LOCATION"),
    (59, "SUPPORTED_REGULATORY_CLASSES"),
    (60, "EXT_CHANSWITCH_ANN"),
    (61, "HT_OPERATION"),
    (62, "SECONDARY_CHANNEL_OFFSET"),
    (63, "BSS_AVG_ACCESS_DELAY"),
    (64, "ANTENNA_INFO"),
    (65, "RSNI"),
    (66, "MEASUREMENT_PILOT_TX_INFO"),
    (67, "BSS_AVAILABLE_CAPACITY"),
    (68, "BSS_AC_ACCESS_DELAY"),
    (69, "TIME_ADVERTISEMENT"),
    (70, "RRM_ENABLED_CAPABILITIES"),
    (71, "MULTIPLE_BSSID"),
    (72, "BSS_COEX_2040"),
    (73, "BSS_INTOLERANT_CHL_REPORT"),
    (74, "OVERLAP_BSS_SCAN_PARAM"),
    (75, "RIC_DESCRIPTOR"),
    (76, "MMIE"),
    (77, "ASSOC_COMEBACK_TIME"),
    (78, "EVENT_REQUEST"),
    (79, "EVENT_REPORT"),
    (80, "DIAGNOSTIC_REQUEST"),
    (81, "DIAGNOSTIC_REPORT"),
    (82, "LOCATION_PARAMS"),
    (83, "NON_TX_BSSID_CAP"),
    (84, "SSID_LIST"),
    (85, "MULTI_BSSID_IDX"),
    (86, "FMS_DESCRIPTOR"),
    (87, "FMS_REQUEST"),
    (88, "FMS_RESPONSE"),
    (89, "QOS_TRAFFIC_CAPA"),
    (90, "BSS_MAX_IDLE_PERIOD"),
    (91, "TSF_REQUEST"),
    (92, "TSF_RESPONSE"),
    (93, "WNM_SLEEP_MODE"),
    (94, "TIM_BCAST_REQ"),
    (95, "TIM_BCAST_RESP"),
    (96, "COLL_IF_REPORT"),
    (97, "CHANNEL_USAGE"),
    (98, "TIME_ZONE"),
    (99, "DMS_REQUEST"),
    (100, "DMS_RESPONSE"),
    (101, "LINK_ID"),
    (102, "WAKEUP_SCHEDULE"),
    (104, "CHAN_SWITCH_TIMING"),
    (105, "PTI_CONTROL"),
    (106, "PU_BUFFER_STATUS"),
    (107, "INTERWORKING"),
    (108, "ADVERTISEMENT_PROTOCOL"),
    (109, "EXPEDITED_BW_REQ"),
    (110, "QOS_MAP_SET"),
    (111, "ROAMING_CONSORTIUM"),
    (112, "EMERGENCY_ALERT"),
    (113, "MESH_CONFIG"),
    (114, "MESH_ID"),
    (115, "LINK_METRIC_REPORT"),
    (116, "CONGESTION_NOTIFICATION"),
    (117, "PEER_MGMT"),
    (118, "CHAN_SWITCH_PARAM"),
    (119, "MESH_AWAKE_WINDOW"),
    (120, "BEACON_TIMING"),
    (121, "MCCAOP_SETUP_REQ"),
    (122, "MCCAOP_SETUP_RESP"),
    (123, "MCCAOP_ADVERT"),
    (124, "MCCAOP_TEARDOWN"),
    (125, "GANN"),
    (126, "RANN"),
    (127, "EXT_CAPABILITY"),
    (130, "PREQ"),
    (131, "PREP"),
    (132, "PERR"),
    (137, "PXU"),
    (138, "PXUC"),
    (139, "AUTH_MESH_PEER_EXCH"),
    (140, "MIC"),
    (141, "DESTINATION_URI"),
    (142, "UAPSD_COEX"),
    (143, "DMG_WAKEUP_SCHEDULE"),
    (144, "EXT_SCHEDULE"),
    (145, "STA_AVAILABILITY"),
    (146, "DMG_TSPEC"),
    (147, "DMG_AT"),
    (148, "DMG_CAP"),
    (150, "CISCO_VENDOR_SPECIFIC"),
    (151, "DMG_OPERATION"),
    (152, "DMG_BSS_PARAM_CHANGE"),
    (153, "DMG_BEAM_REFINEMENT"),
    (154, "CHANNEL_MEASURE_FEEDBACK"),
    (157, "AWAKE_WINDOW"),
    (158, "MULTI_BAND"),
    (159, "ADDBA_EXT"),
    (160, "NEXT_PCP_LIST"),
    (161, "PCP_HANDOVER"),
    (162, "DMG_LINK_MARGIN"),
    (163, "SWITCHING_STREAM"),
    (164, "SESSION_TRANSITION"),
    (165, "DYN_TONE_PAIRING_REPORT"),
    (166, "CLUSTER_REPORT"),
    (167, "RELAY_CAP"),
    (168, "RELAY_XFER_PARAM_SET"),
    (169, "BEAM_LINK_MAINT"),
    (170, "MULTIPLE_MAC_ADDR"),
    (171, "U_PID"),
    (172, "DMG_LINK_ADAPT_ACK"),
    (174, "MCCAOP_ADV_OVERVIEW"),
    (175, "QUIET_PERIOD_REQ"),
    (177, "QUIET_PERIOD_RESP"),
    (182, "EPAC_POLICY"),
    (183, "CLUSTER_TIME_OFF"),
    (184, "INTER_AC_PRIO"),
    (185, "SCS_DESCRIPTOR"),
    (186, "QLOAD_REPORT"),
    (187, "HCCA_TXOP_UPDATE_COUNT"),
    (188, "HL_STREAM_ID"),
    (189, "GCR_GROUP_ADDR"),
    (190, "ANTENNA_SECTOR_ID_PATTERN"),
    (191, "VHT_CAPABILITY"),
    (192, "VHT_OPERATION"),
    (193, "EXTENDED_BSS_LOAD"),
    (194, "WIDE_BW_CHANNEL_SWITCH"),
    (195, "TX_POWER_ENVELOPE"),
    (196, "CHANNEL_SWITCH_WRAPPER"),
    (197, "AID"),
    (198, "QUIET_CHANNEL"),
    (199, "OPMODE_NOTIF"),
    (201, "REDUCED_NEIGHBOR_REPORT"),
    (210, "AID_REQUEST"),
    (211, "AID_RESPONSE"),
    (213, "S1G_BCN_COMPAT"),
    (214, "S1G_SHORT_BCN_INTERVAL"),
    (216, "S1G_TWT"),
    (217, "S1G_CAPABILITIES"),
    (221, "VENDOR_SPECIFIC"),
    (222, "QOS_PARAMETER"),
    (232, "S1G_OPERATION"),
    (237, "CAG_NUMBER"),
    (239, "AP_CSN"),
    (240, "FILS_INDICATION"),
    (241, "DILS"),
    (242, "FRAGMENT"),
    (244, "RSNX"),
    (255, "EXTENSION"),
];

/// Element ID Extensions (element 255, IEEE 802.11-2020 Table 9-92 and
/// 802.11be for the EHT ones).
const EXT_ELEMENTS: &[(u64, &str)] = &[
    (1, "ASSOC_DELAY_INFO"),
    (2, "FILS_REQ_PARAMS"),
    (3, "FILS_KEY_CONFIRM"),
    (4, "FILS_SESSION"),
    (5, "FILS_HLP_CONTAINER"),
    (6, "FILS_IP_ADDR_ASSIGN"),
    (7, "KEY_DELIVERY"),
    (8, "FILS_WRAPPED_DATA"),
    (12, "FILS_PUBLIC_KEY"),
    (13, "FILS_NONCE"),
    (14, "FUTURE_CHAN_GUIDANCE"),
    (32, "DH_PARAMETER"),
    (35, "HE_CAPABILITY"),
    (36, "HE_OPERATION"),
    (37, "UORA"),
    (38, "HE_MU_EDCA"),
    (39, "HE_SPR"),
    (41, "NDP_FEEDBACK_REPORT_PARAMSET"),
    (42, "BSS_COLOR_CHG_ANN"),
    (43, "QUIET_TIME_PERIOD_SETUP"),
    (45, "ESS_REPORT"),
    (46, "OPS"),
    (47, "HE_BSS_LOAD"),
    (52, "MAX_CHANNEL_SWITCH_TIME"),
    (55, "MULTIPLE_BSSID_CONFIGURATION"),
    (56, "NON_INHERITANCE"),
    (57, "KNOWN_BSSID"),
    (58, "SHORT_SSID_LIST"),
    (59, "HE_6GHZ_CAPA"),
    (60, "UL_MU_POWER_CAPA"),
    (106, "EHT_OPERATION"),
    (107, "EHT_MULTI_LINK"),
    (108, "EHT_CAPABILITY"),
    (109, "TID_TO_LINK_MAPPING"),
    (135, "BANDWIDTH_INDICATION"),
];

const ID_EXTENSION: u8 = 255;
const ID_VENDOR: u8 = 221;

/// Cipher suite selectors, OUI << 8 | type (Table 9-149; 00-50-F2 for WPA).
const CIPHERS: &[(u64, &str)] = &[
    (0x000f_ac00, "USE-GROUP"),
    (0x000f_ac01, "WEP-40"),
    (0x000f_ac02, "TKIP"),
    (0x000f_ac04, "CCMP-128"),
    (0x000f_ac05, "WEP-104"),
    (0x000f_ac06, "BIP-CMAC-128"),
    (0x000f_ac07, "GROUP-ADDRESSED-TRAFFIC-NOT-ALLOWED"),
    (0x000f_ac08, "GCMP-128"),
    (0x000f_ac09, "GCMP-256"),
    (0x000f_ac0a, "CCMP-256"),
    (0x000f_ac0b, "BIP-GMAC-128"),
    (0x000f_ac0c, "BIP-GMAC-256"),
    (0x000f_ac0d, "BIP-CMAC-256"),
    (0x0050_f200, "WPA-USE-GROUP"),
    (0x0050_f201, "WPA-WEP-40"),
    (0x0050_f202, "WPA-TKIP"),
    (0x0050_f204, "WPA-CCMP"),
    (0x0050_f205, "WPA-WEP-104"),
    (0x0014_7201, "SMS4"),
];

/// AKM suite selectors (Table 9-151; 00-50-F2 for WPA, 50-6F-9A for WFA).
const AKMS: &[(u64, &str)] = &[
    (0x000f_ac01, "802.1X"),
    (0x000f_ac02, "PSK"),
    (0x000f_ac03, "FT/802.1X"),
    (0x000f_ac04, "FT/PSK"),
    (0x000f_ac05, "802.1X/SHA-256"),
    (0x000f_ac06, "PSK/SHA-256"),
    (0x000f_ac07, "TDLS"),
    (0x000f_ac08, "SAE"),
    (0x000f_ac09, "FT/SAE"),
    (0x000f_ac0a, "AP-PEERKEY"),
    (0x000f_ac0b, "802.1X/SUITE-B"),
    (0x000f_ac0c, "802.1X/SUITE-B-192"),
    (0x000f_ac0d, "FT/802.1X/SHA-384"),
    (0x000f_ac0e, "FILS/SHA-256"),
    (0x000f_ac0f, "FILS/SHA-384"),
    (0x000f_ac10, "FT/FILS/SHA-256"),
    (0x000f_ac11, "FT/FILS/SHA-384"),
    (0x000f_ac12, "OWE"),
    (0x000f_ac13, "FT/PSK/SHA-384"),
    (0x000f_ac14, "PSK/SHA-384"),
    (0x000f_ac15, "PASN"),
    (0x000f_ac18, "SAE-EXT-KEY"),
    (0x000f_ac19, "FT/SAE-EXT-KEY"),
    (0x0050_f201, "WPA-802.1X"),
    (0x0050_f202, "WPA-PSK"),
    (0x506f_9a02, "DPP"),
];

/// BSS membership selectors (Table 9-78), carried with the basic bit set.
const SELECTORS: &[(u8, &str)] = &[
    (127, "HT-PHY"),
    (126, "VHT-PHY"),
    (125, "GLK"),
    (124, "EPD"),
    (123, "SAE-H2E-ONLY"),
    (122, "HE-PHY"),
];

/// Small enumerations and flag sets: (name, is_flags, entries).
type Table = (&'static str, bool, &'static [(u64, &'static str)]);
const TABLES: &[Table] = &[
    ("cipher", false, CIPHERS),
    ("akm", false, AKMS),
    ("eid-ext", false, EXT_ELEMENTS),
    (
        "rsn-caps",
        true,
        &[
            (0x1, "PREAUTH"),
            (0x2, "NO_PAIRWISE"),
            (0x40, "MFPR"),
            (0x80, "MFPC"),
            (0x100, "JOINT_MULTIBAND_RSNA"),
            (0x200, "PEERKEY"),
            (0x400, "SPP_AMSDU_CAPABLE"),
            (0x800, "SPP_AMSDU_REQUIRED"),
            (0x1000, "PBAC"),
            (0x2000, "EXTENDED_KEY_ID"),
            (0x4000, "OCVC"),
        ],
    ),
    (
        "erp",
        true,
        &[
            (0x1, "NON_ERP_PRESENT"),
            (0x2, "USE_PROTECTION"),
            (0x4, "BARKER_PREAMBLE_MODE"),
        ],
    ),
    (
        "ht-cap",
        true,
        &[
            (0x1, "LDPC_CODING"),
            (0x2, "SUP_WIDTH_20_40"),
            (0x10, "GRN_FLD"),
            (0x20, "SGI_20"),
            (0x40, "SGI_40"),
            (0x80, "TX_STBC"),
            (0x400, "DELAY_BA"),
            (0x800, "MAX_AMSDU_7935"),
            (0x1000, "DSSSCCK40"),
            (0x4000, "40MHZ_INTOLERANT"),
            (0x8000, "LSIG_TXOP_PROT"),
        ],
    ),
    (
        "sm-ps",
        false,
        &[(0, "static"), (1, "dynamic"), (3, "disabled")],
    ),
    (
        "ht-mcs-tx",
        true,
        &[
            (0x1, "TX_MCS_SET_DEFINED"),
            (0x2, "TX_RX_MCS_SET_NOT_EQUAL"),
            (0x10, "TX_UNEQUAL_MODULATION"),
        ],
    ),
    (
        "sec-offset",
        false,
        &[(0, "none"), (1, "above"), (3, "below")],
    ),
    ("ht-op1", true, &[(0x4, "ANY_WIDTH"), (0x8, "RIFS")]),
    (
        "ht-protection",
        false,
        &[
            (0, "none"),
            (1, "nonmember"),
            (2, "20MHz"),
            (3, "non-HT-mixed"),
        ],
    ),
    (
        "ht-op2",
        true,
        &[
            (0x4, "NON_GF_STA_PRESENT"),
            (0x10, "OBSS_NON_HT_STA_PRESENT"),
        ],
    ),
    (
        "ht-op3",
        true,
        &[
            (0x40, "DUAL_BEACON"),
            (0x80, "DUAL_CTS_PROTECTION"),
            (0x100, "STBC_BEACON"),
        ],
    ),
    (
        "vht-cap",
        true,
        &[
            (0x10, "RXLDPC"),
            (0x20, "SHORT_GI_80"),
            (0x40, "SHORT_GI_160"),
            (0x80, "TXSTBC"),
            (0x800, "SU_BEAMFORMER"),
            (0x1000, "SU_BEAMFORMEE"),
            (0x8_0000, "MU_BEAMFORMER"),
            (0x10_0000, "MU_BEAMFORMEE"),
            (0x20_0000, "VHT_TXOP_PS"),
            (0x40_0000, "HTC_VHT"),
            (0x1000_0000, "RX_ANTENNA_PATTERN"),
            (0x2000_0000, "TX_ANTENNA_PATTERN"),
        ],
    ),
    ("vht-mpdu", false, &[(0, "3895"), (1, "7991"), (2, "11454")]),
    (
        "vht-mcs",
        false,
        &[
            (0, "MCS 0-7"),
            (1, "MCS 0-8"),
            (2, "MCS 0-9"),
            (3, "not supported"),
        ],
    ),
    (
        "vht-width",
        false,
        &[(0, "USE_HT"), (1, "80MHZ"), (2, "160MHZ"), (3, "80P80MHZ")],
    ),
    (
        "he-mcs",
        false,
        &[
            (0, "MCS 0-7"),
            (1, "MCS 0-9"),
            (2, "MCS 0-11"),
            (3, "not supported"),
        ],
    ),
    ("ms-type", false, &[(1, "WPA"), (2, "WMM"), (4, "WPS")]),
    (
        "wmm-subtype",
        false,
        &[(0, "information"), (1, "parameter"), (2, "TSPEC")],
    ),
    ("aci", false, &[(0, "BE"), (1, "BK"), (2, "VI"), (3, "VO")]),
    (
        "country-env",
        false,
        &[
            (0x20, "any"),
            (0x49, "indoor"),
            (0x4f, "outdoor"),
            (0x58, "non-country"),
        ],
    ),
];

struct Defs {
    tables: Vec<(&'static str, EnumDef)>,
    /// Every Supported Rates octet: `6.0*`, `54.0`, `HT-PHY`.
    rates: EnumDef,
}

static DEFS: LazyLock<Defs> = LazyLock::new(|| {
    let tables = TABLES
        .iter()
        .map(|(name, is_flags, entries)| {
            (
                *name,
                EnumDef {
                    name: (*name).to_string(),
                    is_flags: *is_flags,
                    entries: entries
                        .iter()
                        .map(|(v, n)| (*v, (*n).to_string()))
                        .collect(),
                },
            )
        })
        .collect();
    let rates = (0u64..256)
        .map(|b| {
            let r = (b & 0x7f) as u8;
            let basic = b & 0x80 != 0;
            let name = match SELECTORS.iter().find(|(s, _)| basic && *s == r) {
                Some((_, s)) => (*s).to_string(),
                None => format!(
                    "{}.{}{}",
                    r / 2,
                    if r % 2 == 1 { 5 } else { 0 },
                    if basic { "*" } else { "" }
                ),
            };
            (b, name)
        })
        .collect();
    Defs {
        tables,
        rates: EnumDef {
            name: "rates".to_string(),
            is_flags: false,
            entries: rates,
        },
    }
});

fn def(name: &str) -> Option<&'static EnumDef> {
    let d: &'static Defs = &DEFS;
    d.tables.iter().find(|(n, _)| *n == name).map(|(_, e)| e)
}

/// An enum value whose name is known, or the number in hex.
fn named(table: &str, v: u64) -> Value {
    match def(table) {
        Some(e) if e.name_of(v).is_some() => Value::Enum { v, def: Some(e) },
        _ => Value::Hex(v),
    }
}

/// The element name for an id.
pub(crate) fn element_name(id: u8) -> Option<&'static str> {
    ELEMENTS.iter().find(|(i, _)| *i == id).map(|(_, n)| *n)
}

/// Reads fields one after another from an element body, pushing a node
/// for each; notes when the body ends before a field does.
struct Cur<'a, 'o> {
    b: &'a [u8],
    at: u32,
    pos: usize,
    depth: u16,
    short: bool,
    out: &'o mut Dissection,
}

impl<'a> Cur<'a, '_> {
    fn left(&self) -> usize {
        self.b.len().saturating_sub(self.pos)
    }

    /// The next `n` bytes and their absolute offset, or None (and `short`).
    fn take(&mut self, n: usize) -> Option<(u32, &'a [u8])> {
        let end = self.pos.checked_add(n)?;
        match self.b.get(self.pos..end) {
            Some(s) => {
                let at = self.at + self.pos as u32;
                self.pos = end;
                Some((at, s))
            }
            None => {
                self.short = true;
                None
            }
        }
    }

    /// A little-endian integer of `n` bytes, not shown.
    fn le(&mut self, n: usize) -> Option<(u32, u64)> {
        let (at, s) = self.take(n)?;
        let v = s
            .iter()
            .rev()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        Some((at, v))
    }

    fn push(&mut self, name: &'static str, at: u32, len: usize, v: Value) -> u32 {
        self.out.push(field(name, at, len as u32, v, self.depth))
    }

    /// A little-endian unsigned field.
    fn num(&mut self, name: &'static str, n: usize) -> Option<u64> {
        let (at, v) = self.le(n)?;
        self.push(name, at, n, Value::U(v));
        Some(v)
    }

    /// Bytes shown in hex.
    fn hex(&mut self, name: &'static str, n: usize) -> Option<()> {
        let (at, _) = self.take(n)?;
        self.push(name, at, n, Value::HexBytes);
        Some(())
    }

    /// A big-endian suite selector (OUI, type) named from `table`.
    fn suite(&mut self, name: &'static str, table: &str) -> Option<u64> {
        let (at, s) = self.take(4)?;
        let v = s.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        self.push(name, at, 4, named(table, v));
        Some(v)
    }

    /// A group node whose children follow; close with `end`.
    fn open(&mut self, name: &'static str, at: u32, len: usize, v: Value) -> u32 {
        let id = self.push(name, at, len, v);
        self.depth += 1;
        id
    }

    fn end(&mut self, id: u32) {
        self.depth = self.depth.saturating_sub(1);
        self.out.close(id);
    }

    /// An `n`-byte little-endian word shown as hex with its parts below.
    fn word(&mut self, name: &'static str, n: usize, parts: &[Part]) -> Option<u64> {
        let (at, v) = self.le(n)?;
        let g = self.open(name, at, n, Value::Hex(v));
        for p in parts {
            let (pname, value) = match *p {
                Part::Flags(mask, table) => (
                    "flags",
                    Value::Flags {
                        v: v & mask,
                        def: def(table),
                    },
                ),
                Part::Num(pname, shift, width) => (pname, Value::U(bits(v, shift, width))),
                Part::Named(pname, shift, width, table) => {
                    (pname, named(table, bits(v, shift, width)))
                }
            };
            self.push(pname, at, n, value);
        }
        self.end(g);
        Some(v)
    }
}

/// A part of a capability word: the single-bit flags (mask, flag table), a
/// number (name, shift, width) or a named number (… , table).
enum Part {
    Flags(u64, &'static str),
    Num(&'static str, u32, u32),
    Named(&'static str, u32, u32, &'static str),
}

fn bits(v: u64, shift: u32, width: u32) -> u64 {
    v.checked_shr(shift).unwrap_or(0) & ((1u64 << width) - 1)
}

/// `nldump-decoder: ie-list`: a list of elements. False when there is
/// nothing to split or no room left in the tree (shown as bytes then).
fn ie_list(m: &mut Message, abs: u32, payload: &[u8], depth: u16, out: &mut Dissection) -> bool {
    if payload.is_empty() || depth + 4 >= MAX_DEPTH {
        return false;
    }
    let mut off = 0usize;
    while off < payload.len() {
        let at = abs + off as u32;
        let rest = &payload[off..];
        let &[id, len, ..] = rest else {
            let id = rest.first().copied().unwrap_or(0);
            m.problem(at, format!("1 byte after the last element (id {id})"));
            let mut n = field("trailing", at, 1, Value::HexBytes, depth);
            n.problem = Some("no room for an element header".into());
            out.push(n);
            break;
        };
        let len = len as usize;
        let avail = rest.len() - 2;
        let body = &rest[2..2 + len.min(avail)];
        let el = out.push(Node {
            name: match element_name(id) {
                Some(n) => Name::Known(n),
                None => Name::Unknown("WLAN_EID_"),
            },
            kind: NodeKind::Attr {
                id: u16::from(id),
                raw_type: u16::from(id),
            },
            offset: at,
            len: (2 + body.len()) as u32,
            data_off: at + 2,
            data_len: body.len() as u32,
            value: Value::None,
            end: 0,
            depth,
            problem: None,
        });
        if len > avail {
            let msg = format!(
                "element {} (id {id}) length {len} runs past the end ({avail} bytes left)",
                element_name(id).unwrap_or("?")
            );
            m.problem(at, msg.clone());
            out.nodes[el as usize].value = Value::HexBytes;
            out.nodes[el as usize].problem = Some(msg.into());
            out.close(el);
            break;
        }
        element(m, id, at + 2, body, depth + 1, el, out);
        out.close(el);
        off += 2 + len;
    }
    true
}

/// The decoders of this module by name: `ie-list`, or `ie-ht-cap` /
/// `ie-vht-cap` for a bare element body.
pub(super) fn decode(x: &mut Dcx, s: &Spot, which: &str) -> bool {
    let Spot {
        abs,
        payload,
        depth,
        ..
    } = *s;
    let (m, out) = (&mut *x.m, &mut *x.out);
    if which == "ie-list" {
        ie_list(m, abs, payload, depth, out)
    } else {
        body(m, which, abs, payload, depth, out)
    }
}

fn body(
    m: &mut Message,
    which: &str,
    abs: u32,
    payload: &[u8],
    depth: u16,
    out: &mut Dissection,
) -> bool {
    if payload.is_empty() || depth + 3 >= MAX_DEPTH {
        return false;
    }
    let mut c = Cur {
        b: payload,
        at: abs,
        pos: 0,
        depth,
        short: false,
        out,
    };
    match which {
        "ie-ht-cap" => ht_cap(&mut c),
        "ie-vht-cap" => vht_cap(&mut c),
        _ => return false,
    };
    finish(m, which, abs, &mut c);
    true
}

/// One element's body below its node `el`.
fn element(
    m: &mut Message,
    id: u8,
    at: u32,
    body: &[u8],
    depth: u16,
    el: u32,
    out: &mut Dissection,
) {
    let name = element_name(id).unwrap_or("?");
    // Single values go on the element itself.
    match id {
        0 => {
            let printable = body.iter().all(|&b| (0x20..0x7f).contains(&b));
            out.nodes[el as usize].value = if printable {
                Value::Str
            } else {
                Value::HexBytes
            };
            return;
        }
        127 => {
            out.nodes[el as usize].value = Value::HexBytes;
            return;
        }
        _ if body.is_empty() => {
            out.nodes[el as usize].value = Value::Flag;
            return;
        }
        _ => {}
    }
    let mut c = Cur {
        b: body,
        at,
        pos: 0,
        depth,
        short: false,
        out,
    };
    let known = match id {
        1 | 50 => {
            rates(&mut c);
            true
        }
        3 => c.num("current_channel", 1).is_some(),
        5 => tim(&mut c),
        7 => country(&mut c),
        42 if body.len() == 1 => {
            c.out.nodes[el as usize].value = Value::Flags {
                v: u64::from(body[0]),
                def: def("erp"),
            };
            return;
        }
        45 => ht_cap(&mut c),
        48 => rsn(&mut c),
        61 => ht_oper(&mut c),
        191 => vht_cap(&mut c),
        192 => vht_oper(&mut c),
        ID_VENDOR => vendor(&mut c),
        ID_EXTENSION => extension(&mut c, el),
        _ => false,
    };
    if !known {
        c.out.nodes[el as usize].value = Value::HexBytes;
        return;
    }
    finish(m, name, at, &mut c);
}

/// After an element's fields: a problem when the body was too short, the
/// bytes no field covered otherwise.
fn finish(m: &mut Message, name: &str, at: u32, c: &mut Cur) {
    if c.short {
        let msg = format!("{name}: {} bytes are too few for its fields", c.b.len());
        m.problem(at, msg);
    }
    let left = c.left();
    if left > 0 {
        let a = c.at + c.pos as u32;
        c.push("data", a, left, Value::HexBytes);
        c.pos = c.b.len();
    }
}

fn rates(c: &mut Cur) {
    let d: &'static Defs = &DEFS;
    while c.left() > 0 {
        let i = c.pos;
        let Some((at, s)) = c.take(1) else { break };
        let mut n = field(
            "",
            at,
            1,
            Value::Enum {
                v: u64::from(s[0]),
                def: Some(&d.rates),
            },
            c.depth,
        );
        n.name = Name::Index(i as u32);
        c.out.push(n);
    }
}

fn tim(c: &mut Cur) -> bool {
    let _ = (|| {
        c.num("dtim_count", 1)?;
        c.num("dtim_period", 1)?;
        c.word(
            "bitmap_control",
            1,
            &[
                Part::Num("multicast", 0, 1),
                Part::Num("bitmap_offset", 1, 7),
            ],
        )?;
        let n = c.left();
        c.hex("partial_virtual_bitmap", n)
    })();
    true
}

fn country(c: &mut Cur) -> bool {
    let _ = (|| {
        let (at, _) = c.take(2)?;
        c.push("country", at, 2, Value::Str);
        let (at, e) = c.take(1)?;
        c.push("environment", at, 1, named("country-env", u64::from(e[0])));
        let mut i = 0u32;
        while c.left() >= 3 {
            let (at, t) = c.take(3)?;
            let g = c.open("", at, 3, Value::None);
            c.out.nodes[g as usize].name = Name::Index(i);
            if t[0] >= 201 {
                c.push("reg_extension_id", at, 1, Value::U(u64::from(t[0])));
                c.push("reg_class", at + 1, 1, Value::U(u64::from(t[1])));
                c.push("coverage_class", at + 2, 1, Value::U(u64::from(t[2])));
            } else {
                c.push("first_channel", at, 1, Value::U(u64::from(t[0])));
                c.push("num_channels", at + 1, 1, Value::U(u64::from(t[1])));
                c.push("max_power", at + 2, 1, Value::I(i64::from(t[2] as i8)));
            }
            c.end(g);
            i += 1;
        }
        if c.left() == 1 {
            c.hex("pad", 1)?;
        }
        Some(())
    })();
    true
}

/// RSNE (and the WPA vendor element after its OUI and type).
fn rsn(c: &mut Cur) -> bool {
    let _ = (|| {
        c.num("version", 2)?;
        if c.left() == 0 {
            return Some(());
        }
        c.suite("group_cipher", "cipher")?;
        for (count, list, item, table) in [
            ("pairwise_count", "pairwise_ciphers", "pairwise", "cipher"),
            ("akm_count", "akm_suites", "akm", "akm"),
        ] {
            if c.left() == 0 {
                return Some(());
            }
            let n = c.num(count, 2)? as usize;
            suites(c, list, item, table, n)?;
        }
        if c.left() == 0 {
            return Some(());
        }
        let (at, v) = c.le(2)?;
        let g = c.open("rsn_capabilities", at, 2, Value::Hex(v));
        c.push(
            "flags",
            at,
            2,
            Value::Flags {
                v: v & !0x3c,
                def: def("rsn-caps"),
            },
        );
        // 2-bit replay counter fields: 1, 2, 4 or 16 counters.
        const COUNTERS: [u64; 4] = [1, 2, 4, 16];
        c.push(
            "ptksa_replay_counters",
            at,
            2,
            Value::U(COUNTERS[bits(v, 2, 2) as usize]),
        );
        c.push(
            "gtksa_replay_counters",
            at,
            2,
            Value::U(COUNTERS[bits(v, 4, 2) as usize]),
        );
        c.end(g);
        if c.left() == 0 {
            return Some(());
        }
        let n = c.num("pmkid_count", 2)? as usize;
        if n > 0 {
            let len = n.checked_mul(16)?;
            let at = c.at + c.pos as u32;
            let g = c.open("pmkids", at, len.min(c.left()), Value::None);
            for i in 0..n {
                let Some((a, _)) = c.take(16) else {
                    break;
                };
                let mut node = field("", a, 16, Value::HexBytes, c.depth);
                node.name = Name::Index(i as u32);
                c.out.push(node);
            }
            c.end(g);
            if c.short {
                return None;
            }
        }
        if c.left() == 0 {
            return Some(());
        }
        c.suite("group_mgmt_cipher", "cipher")?;
        Some(())
    })();
    true
}

fn suites(
    c: &mut Cur,
    list: &'static str,
    _item: &'static str,
    table: &str,
    n: usize,
) -> Option<()> {
    if n == 0 {
        return Some(());
    }
    let at = c.at + c.pos as u32;
    let len = n.checked_mul(4)?.min(c.left());
    let g = c.open(list, at, len, Value::None);
    for i in 0..n {
        let Some((a, s)) = c.take(4) else { break };
        let v = s.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        let mut node = field("", a, 4, named(table, v), c.depth);
        node.name = Name::Index(i as u32);
        c.out.push(node);
    }
    c.end(g);
    (!c.short).then_some(())
}

fn ht_cap(c: &mut Cur) -> bool {
    let _ = (|| {
        c.word(
            "ht_capability_info",
            2,
            &[
                Part::Flags(0xfcf3, "ht-cap"),
                Part::Named("sm_power_save", 2, 2, "sm-ps"),
                Part::Num("rx_stbc_streams", 8, 2),
            ],
        )?;
        c.word(
            "ampdu_params",
            1,
            &[
                Part::Num("max_ampdu_length_exponent", 0, 2),
                Part::Num("min_mpdu_start_spacing", 2, 3),
            ],
        )?;
        c.hex("rx_mcs_bitmask", 10)?;
        c.word("rx_highest_rate", 2, &[Part::Num("mbps", 0, 10)])?;
        c.word(
            "tx_params",
            1,
            &[
                Part::Flags(0x13, "ht-mcs-tx"),
                Part::Num("tx_max_streams_minus_1", 2, 2),
            ],
        )?;
        c.hex("reserved", 3)?;
        c.num("extended_ht_cap_info", 2)?;
        c.num("tx_bf_cap_info", 4)?;
        c.num("antenna_selection_info", 1)
    })();
    true
}

fn ht_oper(c: &mut Cur) -> bool {
    let _ = (|| {
        c.num("primary_channel", 1)?;
        c.word(
            "ht_param",
            1,
            &[
                Part::Named("secondary_channel_offset", 0, 2, "sec-offset"),
                Part::Flags(0xc, "ht-op1"),
            ],
        )?;
        c.word(
            "operation_mode",
            2,
            &[
                Part::Named("ht_protection", 0, 2, "ht-protection"),
                Part::Flags(0x14, "ht-op2"),
                Part::Num("channel_center_freq_seg2", 5, 8),
            ],
        )?;
        c.word("stbc_param", 2, &[Part::Flags(0x1c0, "ht-op3")])?;
        c.hex("basic_mcs_set", 16)
    })();
    true
}

/// A VHT/HE MCS map: 2 bits per spatial stream.
fn mcs_map(c: &mut Cur, name: &'static str, table: &str) -> Option<()> {
    const NSS: [&str; 8] = [
        "nss1", "nss2", "nss3", "nss4", "nss5", "nss6", "nss7", "nss8",
    ];
    let (at, v) = c.le(2)?;
    let g = c.open(name, at, 2, Value::Hex(v));
    for (i, n) in NSS.iter().enumerate() {
        c.push(n, at, 2, named(table, bits(v, 2 * i as u32, 2)));
    }
    c.end(g);
    Some(())
}

fn vht_cap(c: &mut Cur) -> bool {
    let _ = (|| {
        c.word(
            "vht_capability_info",
            4,
            &[
                Part::Flags(0x3078_18f0, "vht-cap"),
                Part::Named("max_mpdu_length", 0, 2, "vht-mpdu"),
                Part::Num("supported_channel_width_set", 2, 2),
                Part::Num("rx_stbc", 8, 3),
                Part::Num("beamformee_sts", 13, 3),
                Part::Num("sounding_dimensions", 16, 3),
                Part::Num("max_ampdu_length_exponent", 23, 3),
                Part::Num("link_adaptation", 26, 2),
                Part::Num("extended_nss_bw", 30, 2),
            ],
        )?;
        mcs_map(c, "rx_mcs_map", "vht-mcs")?;
        c.word("rx_highest_rate", 2, &[Part::Num("mbps", 0, 13)])?;
        mcs_map(c, "tx_mcs_map", "vht-mcs")?;
        c.word("tx_highest_rate", 2, &[Part::Num("mbps", 0, 13)])
    })();
    true
}

fn vht_oper(c: &mut Cur) -> bool {
    let _ = (|| {
        let (at, w) = c.take(1)?;
        c.push("channel_width", at, 1, named("vht-width", u64::from(w[0])));
        c.num("center_freq_seg0", 1)?;
        c.num("center_freq_seg1", 1)?;
        mcs_map(c, "basic_mcs_map", "vht-mcs")
    })();
    true
}

fn vendor(c: &mut Cur) -> bool {
    let Some((at, oui)) = c.take(3) else {
        return false;
    };
    c.push("oui", at, 3, Value::Mac);
    let ms = oui == [0x00, 0x50, 0xf2];
    let Some((at, t)) = c.take(1) else {
        return true;
    };
    let t = t[0];
    let v = if ms {
        named("ms-type", u64::from(t))
    } else {
        Value::U(u64::from(t))
    };
    c.push("oui_type", at, 1, v);
    if ms && t == 1 {
        rsn(c);
    } else if ms && t == 2 {
        wmm(c);
    }
    true
}

/// WMM information / parameter element after OUI and type (WMM 2.2.1/2.2.2).
fn wmm(c: &mut Cur) {
    let _ = (|| {
        let (at, s) = c.take(1)?;
        let sub = s[0];
        c.push("oui_subtype", at, 1, named("wmm-subtype", u64::from(sub)));
        c.num("version", 1)?;
        c.word(
            "qos_info",
            1,
            &[
                Part::Num("parameter_set_count", 0, 4),
                Part::Num("uapsd", 7, 1),
            ],
        )?;
        if sub != 1 {
            return Some(());
        }
        c.num("reserved", 1)?;
        let mut i = 0u32;
        while c.left() >= 4 {
            let (at, r) = c.take(4)?;
            let g = c.open("", at, 4, Value::None);
            c.out.nodes[g as usize].name = Name::Index(i);
            let aci = r[0];
            c.push("aci", at, 1, named("aci", u64::from((aci >> 5) & 3)));
            c.push("acm", at, 1, Value::U(u64::from((aci >> 4) & 1)));
            c.push("aifsn", at, 1, Value::U(u64::from(aci & 0xf)));
            let ecw = r[1];
            c.push("cw_min", at + 1, 1, Value::U((1u64 << (ecw & 0xf)) - 1));
            c.push("cw_max", at + 1, 1, Value::U((1u64 << (ecw >> 4)) - 1));
            let txop = u16::from_le_bytes([r[2], r[3]]);
            c.push("txop_limit_32us", at + 2, 2, Value::U(u64::from(txop)));
            c.end(g);
            i += 1;
        }
        Some(())
    })();
}

/// Element 255: the extension id names the element.
fn extension(c: &mut Cur, el: u32) -> bool {
    let Some((at, e)) = c.take(1) else {
        return false;
    };
    let ext = e[0];
    c.push("ext_id", at, 1, named("eid-ext", u64::from(ext)));
    if let Some((_, n)) = EXT_ELEMENTS.iter().find(|(i, _)| *i == u64::from(ext)) {
        c.out.nodes[el as usize].name = Name::Known(n);
    }
    match ext {
        35 => he_cap(c),
        36 => he_oper(c),
        _ => {}
    }
    true
}

fn he_cap(c: &mut Cur) {
    let _ = (|| {
        c.hex("he_mac_capabilities", 6)?;
        let phy0 = c.b.get(c.pos).copied().unwrap_or(0);
        let phy6 = c.b.get(c.pos + 6).copied().unwrap_or(0);
        c.hex("he_phy_capabilities", 11)?;
        mcs_map(c, "rx_mcs_80", "he-mcs")?;
        mcs_map(c, "tx_mcs_80", "he-mcs")?;
        // Channel width set B3 (160 MHz) and B4 (80+80 MHz) add maps.
        if phy0 & 0x08 != 0 {
            mcs_map(c, "rx_mcs_160", "he-mcs")?;
            mcs_map(c, "tx_mcs_160", "he-mcs")?;
        }
        if phy0 & 0x10 != 0 {
            mcs_map(c, "rx_mcs_80p80", "he-mcs")?;
            mcs_map(c, "tx_mcs_80p80", "he-mcs")?;
        }
        if phy6 & 0x80 != 0 && c.left() > 0 {
            let n = c.left();
            c.hex("ppe_thresholds", n)?;
        }
        Some(())
    })();
}

fn he_oper(c: &mut Cur) {
    let _ = (|| {
        let v = c.word(
            "he_oper_params",
            3,
            &[
                Part::Num("default_pe_duration", 0, 3),
                Part::Num("twt_required", 3, 1),
                Part::Num("txop_dur_rts_thresh", 4, 10),
                Part::Num("vht_oper_info_present", 14, 1),
                Part::Num("co_hosted_bss", 15, 1),
                Part::Num("er_su_disable", 16, 1),
                Part::Num("6ghz_oper_info_present", 17, 1),
            ],
        )?;
        c.word(
            "bss_color_info",
            1,
            &[
                Part::Num("bss_color", 0, 6),
                Part::Num("partial_bss_color", 6, 1),
                Part::Num("bss_color_disabled", 7, 1),
            ],
        )?;
        mcs_map(c, "basic_he_mcs_nss", "he-mcs")?;
        if v & (1 << 14) != 0 {
            let (at, w) = c.take(1)?;
            c.push("channel_width", at, 1, named("vht-width", u64::from(w[0])));
            c.num("center_freq_seg0", 1)?;
            c.num("center_freq_seg1", 1)?;
        }
        if v & (1 << 15) != 0 {
            c.num("max_co_hosted_bssid_indicator", 1)?;
        }
        Some(())
    })();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_names_follow_iw() {
        let r = &DEFS.rates;
        assert_eq!(r.name_of(0x8c), Some("6.0*"));
        assert_eq!(r.name_of(0x0b), Some("5.5"));
        assert_eq!(r.name_of(0x6c), Some("54.0"));
        assert_eq!(r.name_of(0xff), Some("HT-PHY"));
        assert_eq!(r.name_of(0x7f), Some("63.5"));
    }

    #[test]
    fn tables_are_sorted_and_unique() {
        for w in ELEMENTS.windows(2) {
            assert!(w[0].0 < w[1].0, "{:?}", w);
        }
        for (name, _, entries) in TABLES {
            let mut v: Vec<u64> = entries.iter().map(|e| e.0).collect();
            v.sort_unstable();
            v.dedup();
            assert_eq!(v.len(), entries.len(), "{name}");
        }
    }
}
