//! The in-memory form of a family spec: flat tables, indexes instead of
//! pointers, display names precomputed once at load time.

use std::collections::HashMap;

use crate::frame::ByteOrder;

/// How a family is addressed on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Protocol {
    /// A whole netlink protocol (`protonum`), messages keyed by nlmsg_type.
    Raw { protonum: u16 },
    /// A generic netlink family, found by name (ids are learned at run time).
    Genl,
}

/// Attribute and struct member types (the YNL type names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    Unused,
    Pad,
    Flag,
    U8,
    U16,
    U32,
    U64,
    S8,
    S16,
    S32,
    S64,
    /// Variable-width unsigned (4 or 8 bytes).
    Uint,
    /// Variable-width signed (4 or 8 bytes).
    Sint,
    String,
    Binary,
    Nest,
    IndexedArray,
    NestTypeValue,
    Bitfield32,
    SubMessage,
}

impl AttrType {
    pub fn from_ynl(s: &str) -> Option<AttrType> {
        Some(match s {
            "unused" => AttrType::Unused,
            "pad" => AttrType::Pad,
            "flag" => AttrType::Flag,
            "u8" => AttrType::U8,
            "u16" => AttrType::U16,
            "u32" => AttrType::U32,
            "u64" => AttrType::U64,
            "s8" => AttrType::S8,
            "s16" => AttrType::S16,
            "s32" => AttrType::S32,
            "s64" => AttrType::S64,
            "uint" => AttrType::Uint,
            "sint" => AttrType::Sint,
            "string" => AttrType::String,
            "binary" => AttrType::Binary,
            "nest" => AttrType::Nest,
            "indexed-array" => AttrType::IndexedArray,
            "nest-type-value" => AttrType::NestTypeValue,
            "bitfield32" => AttrType::Bitfield32,
            "sub-message" => AttrType::SubMessage,
            _ => return None,
        })
    }

    /// Fixed width in bytes for the integer types.
    pub fn int_width(self) -> Option<usize> {
        match self {
            AttrType::U8 | AttrType::S8 => Some(1),
            AttrType::U16 | AttrType::S16 => Some(2),
            AttrType::U32 | AttrType::S32 => Some(4),
            AttrType::U64 | AttrType::S64 => Some(8),
            _ => None,
        }
    }

    pub fn is_signed(self) -> bool {
        matches!(
            self,
            AttrType::S8 | AttrType::S16 | AttrType::S32 | AttrType::S64 | AttrType::Sint
        )
    }
}

/// `display-hint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hint {
    #[default]
    None,
    Hex,
    Mac,
    Ipv4,
    Ipv6,
    Uuid,
    /// Zero-terminated or plain text in a binary field.
    String,
}

impl Hint {
    pub fn from_ynl(s: &str) -> Hint {
        match s {
            "hex" => Hint::Hex,
            "mac" => Hint::Mac,
            "ipv4" | "ipv4-or-v6" => Hint::Ipv4,
            "ipv6" => Hint::Ipv6,
            "uuid" => Hint::Uuid,
            "string" => Hint::String,
            _ => Hint::None,
        }
    }
}

/// An enum or a flag set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumDef {
    /// YNL name (e.g. `ifinfo-flags`).
    pub name: String,
    pub is_flags: bool,
    /// (value, display name) — for flags the value is the bit mask.
    pub entries: Vec<(u64, String)>,
}

impl EnumDef {
    pub fn name_of(&self, v: u64) -> Option<&str> {
        self.entries
            .iter()
            .find(|(x, _)| *x == v)
            .map(|(_, n)| n.as_str())
    }
}

/// A member of a C struct carried in a fixed header or a binary attribute.
#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub ty: AttrType,
    /// Length for binary, string and pad members; the integer width otherwise.
    pub len: usize,
    pub big_endian: bool,
    pub hint: Hint,
    pub enum_ref: Option<usize>,
    pub enum_as_flags: bool,
    /// A nested struct (binary member with `struct:`).
    pub struct_ref: Option<usize>,
    /// C bit-fields packed in this integer (`nldump-bitfields`): (name,
    /// width in bits), in declaration order. The member itself is not shown.
    pub bitfields: Vec<(String, u8)>,
    /// C array length (`nldump-count: N` on an integer member, e.g.
    /// `__u8 tc_tx_bw[8]`): `len` covers all N elements, each shown by index.
    /// 1 for a plain member.
    pub count: usize,
}

impl Member {
    /// The byte order to read this member in: network order when the spec
    /// says `byte-order: big-endian`, else the capture's `host` order.
    pub fn order(&self, host: ByteOrder) -> ByteOrder {
        if self.big_endian {
            ByteOrder::Big
        } else {
            host
        }
    }
}

#[derive(Debug, Clone)]
pub struct StructDef {
    /// YNL name (what `struct:` and `fixed-header:` refer to).
    pub name: String,
    /// As shown: the C spelling (`inet_diag_msg`, `xfrm_usersa_id`).
    pub display: String,
    pub members: Vec<Member>,
    /// Sum of member sizes.
    pub size: usize,
}

/// One attribute of an attribute set.
#[derive(Debug, Clone)]
pub struct AttrDef {
    pub id: u16,
    /// YNL name (what `selector:` refers to).
    pub ynl_name: String,
    /// C-style display name, e.g. `IFLA_IFNAME`.
    pub display: String,
    pub ty: AttrType,
    pub nested: Option<usize>,
    pub struct_ref: Option<usize>,
    pub enum_ref: Option<usize>,
    pub enum_as_flags: bool,
    pub hint: Hint,
    pub big_endian: bool,
    /// Element type for indexed-array (when the elements are scalars).
    pub sub_type: Option<AttrType>,
    /// nest-type-value: the names of the index levels (`type-value`), one
    /// nest per level before the attributes.
    pub type_value: Vec<String>,
    /// (sub-message index, selector attribute YNL name).
    pub sub_message: Option<(usize, String)>,
    /// A decoder written in Rust for what a spec cannot say (see `dissect::special`).
    pub special: Option<String>,
    /// nldump extension for `binary` arrays with a scalar `sub-type`: the enum
    /// naming the slots (`nldump-index-enum`), slot i being value i + `index_base`.
    pub index_enum: Option<usize>,
    pub index_base: u64,
}

#[derive(Debug, Clone)]
pub struct AttrSet {
    pub name: String,
    /// Display prefix (upper case, e.g. `IFLA_`), used for unknown attributes: `IFLA_???`.
    pub prefix: String,
    pub attrs: Vec<AttrDef>,
    /// attr id → index into `attrs` (dense, ids are small).
    by_id: Vec<Option<u32>>,
}

impl AttrSet {
    pub fn new(name: String, prefix: String, attrs: Vec<AttrDef>) -> AttrSet {
        let max = attrs.iter().map(|a| a.id as usize).max().unwrap_or(0);
        let mut by_id = vec![None; if attrs.is_empty() { 0 } else { max + 1 }];
        for (i, a) in attrs.iter().enumerate() {
            if let Some(slot) = by_id.get_mut(a.id as usize) {
                // First definition wins, like the C enum it mirrors.
                slot.get_or_insert(i as u32);
            }
        }
        AttrSet {
            name,
            prefix,
            attrs,
            by_id,
        }
    }

    pub fn get(&self, id: u16) -> Option<&AttrDef> {
        let i = (*self.by_id.get(id as usize)?)?;
        self.attrs.get(i as usize)
    }

    pub fn by_ynl_name(&self, name: &str) -> Option<&AttrDef> {
        self.attrs.iter().find(|a| a.ynl_name == name)
    }
}

/// One format of a sub-message: selector value → how to decode.
#[derive(Debug, Clone)]
pub struct SubFormat {
    pub value: String,
    pub attr_set: Option<usize>,
    pub fixed_header: Option<usize>,
    /// `nldump-select` on a format: a value in the payload picks the fixed
    /// header and attribute set from another sub-message (the union in
    /// struct tc_fq_codel_xstats by its `type`); these are the fallback.
    pub select: Option<Select>,
    /// `nldump-ops: [newqdisc, ...]` (netlink-raw): the format applies only
    /// to messages of these operations, as their nlmsg_type values; empty
    /// for all. hfsc's TCA_OPTIONS is struct tc_hfsc_qopt for a qdisc but
    /// TCA_HFSC_* attributes for a class.
    pub msg_types: Vec<u16>,
}

impl SubFormat {
    /// True when the format applies to a message of type `msg_type`.
    pub fn applies_to(&self, msg_type: u16) -> bool {
        self.msg_types.is_empty() || self.msg_types.contains(&msg_type)
    }
}

#[derive(Debug, Clone)]
pub struct SubMessage {
    pub name: String,
    pub formats: Vec<SubFormat>,
}

/// Which way a message definition applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MsgDir {
    Request,
    Reply,
    /// Notifications and events (kernel to user).
    Notify,
    /// The same id both ways (genetlink unified model).
    Both,
}

/// `nldump-select` on a request or reply: the fixed header and attribute
/// set come from the sub-message format whose value matches an integer read
/// from the message body (sock_diag: the first byte, the address family).
#[derive(Debug, Clone)]
pub struct Select {
    pub sub_message: usize,
    /// Where the selector is in the body, and its width (1, 2 or 4 bytes).
    pub offset: usize,
    pub width: usize,
    /// Enum whose entry names may be used as format values.
    pub enum_ref: Option<usize>,
}

/// A message type (netlink-raw nlmsg_type or genetlink command).
#[derive(Debug, Clone)]
pub struct MsgDef {
    pub value: u16,
    pub dir: MsgDir,
    /// Display name, e.g. `RTM_NEWLINK`, `CTRL_CMD_GETFAMILY`.
    pub display: String,
    /// YNL operation name.
    pub op: String,
    pub attr_set: Option<usize>,
    pub fixed_header: Option<usize>,
    /// Header and attribute set chosen by a value in the body (`nldump-select`).
    pub select: Option<Select>,
    /// A Rust decoder for the whole body (`nldump-decoder:` on the operation
    /// or on `operations`), for bodies a spec cannot describe (text, unions).
    pub special: Option<String>,
    /// nldump extension `nldump-own-name: true` on a reply: the kernel sends
    /// this reply under a type that is also another op's request (ctnetlink's
    /// expectation statistics come back as type 0x103, IPCTNL_MSG_CT_GET_CTRZERO's
    /// number), so from the kernel it is named after its own op.
    pub own_name: bool,
}

/// One family's spec.
#[derive(Debug, Clone)]
pub struct FamilySpec {
    pub name: String,
    pub protocol: Protocol,
    /// Where it came from (embedded file name or user path), for messages.
    pub origin: String,
    pub enums: Vec<EnumDef>,
    pub structs: Vec<StructDef>,
    pub attr_sets: Vec<AttrSet>,
    pub sub_messages: Vec<SubMessage>,
    pub messages: Vec<MsgDef>,
    pub(crate) enum_index: HashMap<String, usize>,
}

impl FamilySpec {
    pub fn enum_by_name(&self, name: &str) -> Option<&EnumDef> {
        self.enum_index.get(name).and_then(|&i| self.enums.get(i))
    }

    pub fn set_by_name(&self, name: &str) -> Option<usize> {
        self.attr_sets.iter().position(|s| s.name == name)
    }

    /// Finds the message definition for `value` travelling in `dir`:
    /// exact direction first, then any definition of that value.
    pub fn message(&self, value: u16, to_kernel: Option<bool>) -> Option<&MsgDef> {
        let wanted = |m: &&MsgDef| {
            matches!(
                (to_kernel, m.dir),
                (_, MsgDir::Both)
                    | (Some(true), MsgDir::Request)
                    | (Some(false), MsgDir::Reply | MsgDir::Notify)
            )
        };
        let mut it = self.messages.iter().filter(|m| m.value == value);
        it.clone().find(wanted).or_else(|| it.next())
    }

    /// The display name of message type `value`: the request's name when
    /// one exists (RTM_NEWLINK, not the name of the GET op whose reply it is).
    pub fn message_name(&self, value: u16, to_kernel: Option<bool>) -> Option<&str> {
        if to_kernel == Some(false) {
            let own = self
                .messages
                .iter()
                .find(|m| m.value == value && m.own_name);
            if let Some(m) = own.filter(|m| m.dir == MsgDir::Reply) {
                return Some(&m.display);
            }
        }
        let reqs = self
            .messages
            .iter()
            .filter(|m| m.value == value && matches!(m.dir, MsgDir::Request | MsgDir::Both));
        if to_kernel != Some(false) || !self.has_directional_ids() {
            if let Some(m) = reqs.clone().next() {
                return Some(&m.display);
            }
        }
        self.message(value, to_kernel).map(|m| m.display.as_str())
    }

    /// True when request and reply ids of one operation differ (ethtool),
    /// so a reply id must not be named after a request.
    fn has_directional_ids(&self) -> bool {
        matches!(self.protocol, Protocol::Genl)
            && self
                .messages
                .iter()
                .any(|m| matches!(m.dir, MsgDir::Reply | MsgDir::Notify))
    }
}
