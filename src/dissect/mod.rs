//! Dissection: frame bytes + a learning [`Context`] in, a tree of [`Node`]s out.
//!
//! Rules: pure (no I/O, no terminal, no serde), never panics, never fails a
//! whole frame — bad bytes become a node with a problem and decoding resumes
//! where a length can be trusted. Nodes live in one flat arena per frame
//! ([`Dissection::nodes`], pre-order, each node knows where its subtree ends),
//! reused from frame to frame so the hot path does not allocate per
//! attribute. Every span is absolute within the frame's bytes.

mod attrs;
mod audit;
mod connector;
mod context;
mod control;
pub mod errno;
pub mod flags;
mod genl;
mod ieee80211;
mod nft;
mod osf;
mod packed;
mod route2;
mod routex;
mod sockaddr;
mod sockdiag;
mod special;
mod tc;
mod uevent;
mod xfrm;

pub use context::{Context, GenlFamily};

use crate::frame::{proto, ByteOrder, Direction, Frame, Timestamp};
use crate::spec::{EnumDef, FamilySpec, SpecDb};
use crate::wire::nlmsg::{align4, NlMsgHdr, NLMSG_HDRLEN};
use std::sync::Arc;

/// Index of a node in [`Dissection::nodes`].
pub type NodeId = u32;

/// What a node is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Name {
    /// A field or a known attribute.
    Known(&'static str),
    /// An attribute the spec does not know; the set's display prefix (e.g.
    /// `IFLA_`) so it can be shown as `0x2a /* IFLA_??? */`.
    Unknown(&'static str),
    /// An element of an array: `[3]`.
    Index(u32),
}

/// The role of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// A named group of fields (`nlmsghdr`, `ifinfomsg`, `attributes`).
    Group,
    /// A field of a fixed header or struct.
    Field,
    /// A netlink attribute: its type number and raw `nla_type`.
    Attr { id: u16, raw_type: u16 },
}

/// A decoded value. Byte-backed values refer to the node's data span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A container or nothing to show.
    None,
    /// A flag attribute (present).
    Flag,
    U(u64),
    I(i64),
    /// A number shown in hex.
    Hex(u64),
    Enum {
        v: u64,
        def: Option<&'static EnumDef>,
    },
    Flags {
        v: u64,
        def: Option<&'static EnumDef>,
    },
    /// `nlmsg_flags`, named according to the kind of message.
    MsgFlags {
        v: u16,
        kind: flags::MsgKind,
    },
    /// `nlmsg_type`, with its name when known.
    MsgType {
        v: u16,
        name: Option<&'static str>,
    },
    /// Text (trailing NULs excluded from the data span).
    Str,
    /// Raw bytes.
    Bytes,
    /// Bytes best read as hex (`display-hint: hex`).
    HexBytes,
    Mac,
    /// IPv4 or IPv6 depending on the length.
    Ip,
    Uuid,
    /// A negative errno as carried by NLMSG_ERROR (0 = ACK).
    Errno(i32),
    Bitfield32 {
        value: u32,
        selector: u32,
        def: Option<&'static EnumDef>,
    },
}

/// One node of the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub name: Name,
    pub kind: NodeKind,
    /// Span of the whole node (attribute header included), absolute in the frame.
    pub offset: u32,
    pub len: u32,
    /// Span of the value bytes.
    pub data_off: u32,
    pub data_len: u32,
    pub value: Value,
    /// Index one past the last node of this node's subtree.
    pub end: NodeId,
    pub depth: u16,
    /// Set when these bytes are not what they should be.
    pub problem: Option<Box<str>>,
}

impl Node {
    pub fn has_children(&self, id: NodeId) -> bool {
        self.end > id + 1
    }
}

/// A problem found while decoding, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: u32,
    pub message: String,
}

/// Generic netlink facts about a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenlInfo {
    pub family: Option<Arc<str>>,
    pub cmd_id: u8,
    pub cmd: Option<&'static str>,
    pub version: u8,
}

/// What NLMSG_ERROR (or DONE with an error) said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    /// As carried: negative errno, 0 for an ACK.
    pub errno: i32,
    pub name: Option<&'static str>,
    pub description: Option<&'static str>,
    /// NLMSGERR_ATTR_MSG, as a span of the frame.
    pub msg: Option<(u32, u32)>,
    /// NLMSGERR_ATTR_OFFS: offset within the offending request.
    pub offset: Option<u32>,
    /// The attribute the offset points at (`IFLA_MTU`, `IFLA_LINKINFO.IFLA_INFO_KIND`).
    pub attr: Option<String>,
    /// NLMSGERR_ATTR_MISS_TYPE, named from the request's attribute set
    /// (or the set of the nest NLMSGERR_ATTR_MISS_NEST points at).
    pub missing: Option<String>,
    pub miss_type: Option<u32>,
    pub miss_nest: Option<u32>,
}

/// Correlation of a reply with its request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyTo {
    pub frame: u64,
    pub msg: u32,
    pub elapsed_us: Option<u64>,
}

/// Set on the message that completes a request (its ACK, ERROR or DONE,
/// or its only reply): how many replies the request got, and how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Replies {
    pub request_frame: u64,
    pub request_msg: u32,
    pub count: u32,
    pub elapsed_us: Option<u64>,
}

/// One netlink message of a frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// 1-based position within the frame.
    pub index: u32,
    /// Span of the message in the frame (what is there, up to nlmsg_len).
    pub offset: u32,
    pub avail: u32,
    pub hdr: NlMsgHdr,
    /// `NETLINK_*` protocol of the message.
    pub protocol: Option<u16>,
    /// The message type name (`RTM_NEWLINK`, `NLMSG_ERROR`, the genl family name).
    pub type_name: Option<&'static str>,
    pub direction: Direction,
    pub flag_kind: flags::MsgKind,
    pub genl: Option<GenlInfo>,
    pub error: Option<ErrorInfo>,
    /// All nodes of the message: `nodes.0 .. nodes.1`.
    pub nodes: (NodeId, NodeId),
    /// The family's fixed header (ifinfomsg …) group, when decoded.
    pub header: Option<NodeId>,
    /// The group whose children are the top-level attributes.
    pub attrs: Option<NodeId>,
    pub reply_to: Option<ReplyTo>,
    pub replies: Option<Replies>,
    pub problems: Vec<Problem>,
    /// No nlmsghdr at all (uevent text): the payload is the message.
    pub headerless: bool,
}

impl Message {
    /// A message with no nlmsghdr on the wire (uevent text, bare bodies):
    /// `hdr` is synthesised, nodes start at `first_node`.
    pub(crate) fn headerless(
        offset: u32,
        payload_len: usize,
        msg_type: u16,
        protocol: Option<u16>,
        direction: Direction,
        first_node: NodeId,
    ) -> Message {
        Message {
            index: 1,
            offset,
            avail: payload_len as u32,
            hdr: NlMsgHdr {
                len: payload_len as u32,
                msg_type,
                flags: 0,
                seq: 0,
                pid: 0,
            },
            protocol,
            type_name: None,
            direction,
            flag_kind: flags::MsgKind::Other,
            genl: None,
            error: None,
            nodes: (first_node, first_node),
            header: None,
            attrs: None,
            reply_to: None,
            replies: None,
            problems: Vec::new(),
            headerless: true,
        }
    }

    /// Records a problem found at byte `offset` of the frame.
    pub(crate) fn problem(&mut self, offset: u32, message: impl Into<String>) {
        self.problems.push(Problem {
            offset,
            message: message.into(),
        });
    }

    pub fn is_control(&self) -> bool {
        !self.headerless && self.hdr.msg_type < control::NLMSG_MIN_TYPE
    }

    /// True for NLMSG_ERROR with errno 0.
    pub fn is_ack(&self) -> bool {
        self.hdr.msg_type == control::NLMSG_ERROR
            && self.error.as_ref().is_some_and(|e| e.errno == 0)
    }
}

/// Everything decoded from one frame.
#[derive(Debug, Clone, Default)]
pub struct Dissection {
    pub frame: u64,
    pub ts: Option<Timestamp>,
    pub protocol: Option<u16>,
    /// True when the protocol was guessed from the content.
    pub protocol_guessed: bool,
    pub byte_order: ByteOrder,
    pub messages: Vec<Message>,
    pub nodes: Vec<Node>,
    /// Problems of the frame itself (trailing bytes, cut capture).
    pub problems: Vec<Problem>,
}

impl Dissection {
    pub fn clear(&mut self) {
        self.messages.clear();
        self.nodes.clear();
        self.problems.clear();
        self.protocol = None;
        self.protocol_guessed = false;
        self.ts = None;
    }

    /// True when any message or the frame has a problem.
    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty() || self.messages.iter().any(|m| !m.problems.is_empty())
    }

    /// The children of a node.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        let end = self.nodes.get(id as usize).map_or(id, |n| n.end);
        Children {
            nodes: &self.nodes,
            next: id + 1,
            end,
        }
    }

    /// The deepest attribute node whose span contains `offset` within
    /// `range`, with its path of attribute names (`A.B.C`).
    pub fn attr_path_at(&self, range: (NodeId, NodeId), offset: u32) -> Option<String> {
        let mut path: Vec<String> = Vec::new();
        let mut i = range.0;
        let mut end = range.1;
        while i < end {
            let n = &self.nodes[i as usize];
            if offset >= n.offset && offset < n.offset.saturating_add(n.len.max(1)) {
                if let NodeKind::Attr { id, .. } = n.kind {
                    path.push(match n.name {
                        Name::Known(s) => s.to_string(),
                        Name::Unknown(p) => format!("{p}{id}"),
                        Name::Index(k) => format!("[{k}]"),
                    });
                }
                end = n.end;
                i += 1;
            } else {
                i = n.end.max(i + 1);
            }
        }
        (!path.is_empty()).then(|| path.join("."))
    }

    fn push(&mut self, mut node: Node) -> NodeId {
        let id = self.nodes.len() as NodeId;
        node.end = id + 1;
        self.nodes.push(node);
        id
    }

    fn close(&mut self, id: NodeId) {
        let end = self.nodes.len() as NodeId;
        if let Some(n) = self.nodes.get_mut(id as usize) {
            n.end = end;
        }
    }
}

/// Iterator over the direct children of a node.
pub struct Children<'a> {
    nodes: &'a [Node],
    next: NodeId,
    end: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next >= self.end {
            return None;
        }
        let id = self.next;
        self.next = self.nodes.get(id as usize)?.end.max(id + 1);
        Some(id)
    }
}

/// What the user told us that the input does not say.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// Netlink protocol for frames that do not carry one.
    pub protocol: Option<u16>,
    /// Byte order, overriding detection.
    pub byte_order: Option<ByteOrder>,
    /// Frames are bare message bodies of this nlmsg_type (no nlmsghdr).
    pub bare_type: Option<u16>,
    /// For bare generic bodies: the genl family name.
    pub bare_genl_family: Option<String>,
}

/// Decodes frames one after another, learning as it goes.
pub struct Dissector {
    specs: &'static SpecDb,
    pub ctx: Context,
    pub hints: Hints,
}

/// Deepest attribute nesting decoded; deeper nests are shown as bytes.
pub const MAX_DEPTH: u16 = 32;

impl Dissector {
    pub fn new(specs: &'static SpecDb) -> Dissector {
        Dissector {
            specs,
            ctx: Context::new(),
            hints: Hints::default(),
        }
    }

    pub fn specs(&self) -> &'static SpecDb {
        self.specs
    }

    /// Decodes one frame into `out` (cleared first).
    pub fn dissect(&mut self, frame: &Frame, out: &mut Dissection) {
        out.clear();
        out.frame = frame.number;
        out.ts = frame.ts;
        let base = frame.payload_offset.min(frame.data.len());
        let payload = frame.payload();
        let mut protocol = frame.protocol.or(self.hints.protocol);
        let order = frame
            .byte_order
            .or(self.hints.byte_order)
            .unwrap_or_else(|| self.ctx.detect_order(payload));
        out.byte_order = order;
        if frame.is_cut() {
            out.problems.push(Problem {
                offset: frame.data.len() as u32,
                message: format!(
                    "frame cut by the capture: {} of {} bytes",
                    frame.data.len(),
                    frame.orig_len.unwrap_or(0)
                ),
            });
        }
        if protocol.is_none() && self.hints.bare_type.is_none() {
            protocol = self.guess_protocol(payload, order);
            out.protocol_guessed = protocol.is_some();
        }
        out.protocol = protocol;
        let mut cx = MsgCx {
            frame,
            base: base as u32,
            order,
            protocol,
        };
        if protocol == Some(proto::KOBJECT_UEVENT) && !uevent::looks_like_nlmsg(payload, order) {
            uevent::dissect(&mut cx, payload, out);
            return;
        }
        if let Some(t) = self.hints.bare_type {
            self.bare_body(&mut cx, payload, t, out);
            return;
        }
        let mut off = 0usize;
        let mut index = 1u32;
        while off < payload.len() {
            let rest = &payload[off..];
            let abs = (base + off) as u32;
            if rest.iter().all(|&b| b == 0) {
                // Senders (iproute2) often pass their whole request buffer;
                // the kernel stops at nlmsg_len 0, so this is padding.
                let id = self.raw_node(abs, rest, "padding", 0, out);
                out.nodes[id as usize].value = Value::None;
                if let Some(m) = out.messages.last_mut() {
                    m.nodes.1 = out.nodes.len() as NodeId;
                }
                break;
            }
            let Some(hdr) = NlMsgHdr::read(rest, order) else {
                out.problems.push(Problem {
                    offset: abs,
                    message: format!(
                        "{} trailing bytes, too short for a 16-byte netlink header",
                        rest.len()
                    ),
                });
                break;
            };
            let declared = audit::declared_len(cx.protocol, &hdr, rest.len());
            if declared < NLMSG_HDRLEN {
                let mut m = self.message_shell(&cx, abs, rest.len() as u32, hdr, index, out);
                m.problem(abs, format!(
                        "nlmsg_len {declared} is smaller than the 16-byte header; the {} bytes from here are not decoded",
                        rest.len()
                    ));
                self.raw_node(abs + 16, rest.get(16..).unwrap_or(&[]), "payload", 0, out);
                m.nodes.1 = out.nodes.len() as NodeId;
                out.messages.push(m);
                break;
            }
            let avail = declared.min(rest.len());
            self.message(&mut cx, abs, &rest[..avail], hdr, index, out);
            if declared > rest.len() {
                if let Some(m) = out.messages.last_mut() {
                    m.problem(
                        abs,
                        format!(
                            "nlmsg_len {declared} but only {} bytes left in the frame: message cut",
                            rest.len()
                        ),
                    );
                }
                break;
            }
            off = off.saturating_add(align4(declared));
            index += 1;
        }
    }

    /// Decodes one message (header and body) and appends it.
    fn message(
        &mut self,
        cx: &mut MsgCx,
        abs: u32,
        bytes: &[u8],
        hdr: NlMsgHdr,
        index: u32,
        out: &mut Dissection,
    ) {
        let mut m = self.message_shell(cx, abs, bytes.len() as u32, hdr, index, out);
        let body = bytes.get(NLMSG_HDRLEN..).unwrap_or(&[]);
        let body_abs = abs + NLMSG_HDRLEN as u32;
        self.body(cx, &mut m, body_abs, body, out, false);
        finish_header(&m, out);
        m.nodes.1 = out.nodes.len() as NodeId;
        self.ctx.correlate(cx, &mut m, bytes, self.specs, out);
        out.messages.push(m);
    }

    /// Decodes the body of a message whose header is `m.hdr`. `echoed` is
    /// true inside NLMSG_ERROR (the request as echoed back).
    fn body(
        &mut self,
        cx: &mut MsgCx,
        m: &mut Message,
        abs: u32,
        body: &[u8],
        out: &mut Dissection,
        echoed: bool,
    ) {
        let t = m.hdr.msg_type;
        if t < control::NLMSG_MIN_TYPE && !echoed && !connector::is_connector_done(cx.protocol, t) {
            control::dissect(self, cx, m, abs, body, out);
            return;
        }
        match cx.protocol {
            Some(proto::GENERIC) => genl::dissect(self, cx, m, abs, body, out, echoed),
            Some(p) => {
                let to_kernel = dir_hint(m.direction);
                match self.specs.raw_message(p, t, to_kernel) {
                    Some((fam, def)) => {
                        m.type_name = fam.message_name(t, to_kernel);
                        m.flag_kind = flags::MsgKind::of(m.type_name, Some(p), t, m.hdr.flags);
                        let (fh, set) = sockdiag::header_and_set(fam, def, body, cx.order);
                        let x = &mut special::Dcx::new(cx, m, out);
                        if !special::message(x, fam, def, abs, body) {
                            attrs::fixed_header_and_attrs(x, fam, fh, set, abs, body);
                        }
                    }
                    None => {
                        m.flag_kind = flags::MsgKind::of(None, Some(p), t, m.hdr.flags);
                        if !body.is_empty() {
                            self.raw_node(abs, body, "payload", 0, out);
                        }
                    }
                }
            }
            None => {
                if !body.is_empty() {
                    self.raw_node(abs, body, "payload", 0, out);
                }
            }
        }
    }

    /// A frame that is a bare message body (test vectors without nlmsghdr).
    fn bare_body(&mut self, cx: &mut MsgCx, payload: &[u8], t: u16, out: &mut Dissection) {
        let mut m = Message::headerless(
            cx.base,
            payload.len(),
            t,
            cx.protocol,
            cx.frame.direction,
            out.nodes.len() as NodeId,
        );
        if let Some(name) = self.hints.bare_genl_family.clone() {
            self.ctx.learn_genl(t, &name, 0, self.specs);
        }
        self.body(cx, &mut m, cx.base, payload, out, true);
        m.nodes.1 = out.nodes.len() as NodeId;
        out.messages.push(m);
    }

    /// Creates the message record and its `nlmsghdr` nodes.
    fn message_shell(
        &mut self,
        cx: &MsgCx,
        abs: u32,
        avail: u32,
        hdr: NlMsgHdr,
        index: u32,
        out: &mut Dissection,
    ) -> Message {
        let direction = self.ctx.infer_direction(cx, &hdr);
        let type_name = control::type_name(hdr.msg_type);
        let flag_kind = flags::MsgKind::of(type_name, cx.protocol, hdr.msg_type, hdr.flags);
        let first = out.nodes.len() as NodeId;
        let g = out.push(group("nlmsghdr", abs, NLMSG_HDRLEN as u32, 0));
        let f = |name, off: u32, len: u32, value| field(name, abs + off, len, value, 1);
        out.push(f("nlmsg_len", 0, 4, Value::U(hdr.len as u64)));
        out.push(f(
            "nlmsg_type",
            4,
            2,
            Value::MsgType {
                v: hdr.msg_type,
                name: type_name,
            },
        ));
        out.push(f(
            "nlmsg_flags",
            6,
            2,
            Value::MsgFlags {
                v: hdr.flags,
                kind: flag_kind,
            },
        ));
        out.push(f("nlmsg_seq", 8, 4, Value::U(hdr.seq as u64)));
        out.push(f("nlmsg_pid", 12, 4, Value::U(hdr.pid as u64)));
        out.close(g);
        Message {
            index,
            offset: abs,
            avail,
            hdr,
            protocol: cx.protocol,
            type_name,
            direction,
            flag_kind,
            genl: None,
            error: None,
            nodes: (first, first),
            header: None,
            attrs: None,
            reply_to: None,
            replies: None,
            problems: Vec::new(),
            headerless: false,
        }
    }

    /// A node showing bytes nobody could decode.
    fn raw_node(
        &self,
        abs: u32,
        bytes: &[u8],
        name: &'static str,
        depth: u16,
        out: &mut Dissection,
    ) -> NodeId {
        let mut n = field(name, abs, bytes.len() as u32, Value::Bytes, depth);
        n.kind = NodeKind::Group;
        out.push(n)
    }

    /// Guesses the protocol of a paste from its first message.
    fn guess_protocol(&self, payload: &[u8], order: ByteOrder) -> Option<u16> {
        let hdr = NlMsgHdr::read(payload, order)?;
        let t = hdr.msg_type;
        if t == 16 {
            // 16 is both RTM_NEWLINK and nlctrl: a genl header with a known
            // CTRL command and version decides.
            let cmd = payload.get(16).copied().unwrap_or(0);
            let ver = payload.get(17).copied().unwrap_or(0);
            if (1..=10).contains(&cmd) && ver <= 2 && payload.get(18..20) == Some(&[0, 0]) {
                return Some(proto::GENERIC);
            }
            return Some(proto::ROUTE);
        }
        if t >= control::NLMSG_MIN_TYPE && self.specs.raw_message(proto::ROUTE, t, None).is_some() {
            return Some(proto::ROUTE);
        }
        None
    }
}

/// Writes what the body taught (type name, kind of flags) back into the
/// message's `nlmsg_type` and `nlmsg_flags` nodes.
pub(crate) fn finish_header(m: &Message, out: &mut Dissection) {
    let base = m.nodes.0 as usize;
    if let Some(n) = out.nodes.get_mut(base + 2) {
        if let Value::MsgType { v, .. } = n.value {
            n.value = Value::MsgType {
                v,
                name: m.type_name.or(n.value_type_name()),
            };
        }
    }
    if let Some(n) = out.nodes.get_mut(base + 3) {
        if let Value::MsgFlags { v, .. } = n.value {
            n.value = Value::MsgFlags {
                v,
                kind: m.flag_kind,
            };
        }
    }
}

impl Node {
    fn value_type_name(&self) -> Option<&'static str> {
        match self.value {
            Value::MsgType { name, .. } => name,
            _ => None,
        }
    }
}

/// Per-frame facts every decoder needs.
pub(crate) struct MsgCx<'f> {
    pub frame: &'f Frame,
    pub base: u32,
    pub order: ByteOrder,
    pub protocol: Option<u16>,
}

pub(crate) fn dir_hint(d: Direction) -> Option<bool> {
    match d {
        Direction::ToKernel => Some(true),
        Direction::FromKernel => Some(false),
        Direction::Unknown => None,
    }
}

pub(crate) fn group(name: &'static str, off: u32, len: u32, depth: u16) -> Node {
    Node {
        name: Name::Known(name),
        kind: NodeKind::Group,
        offset: off,
        len,
        data_off: off,
        data_len: len,
        value: Value::None,
        end: 0,
        depth,
        problem: None,
    }
}

pub(crate) fn field(name: &'static str, off: u32, len: u32, value: Value, depth: u16) -> Node {
    Node {
        name: Name::Known(name),
        kind: NodeKind::Field,
        offset: off,
        len,
        data_off: off,
        data_len: len,
        value,
        end: 0,
        depth,
        problem: None,
    }
}

/// The family spec a message was decoded with, for renderers that want
/// names beyond what the node carries.
pub fn family_of<'a>(specs: &'a SpecDb, name: &str) -> Option<&'a FamilySpec> {
    specs.family(name)
}

#[cfg(test)]
mod tests;
