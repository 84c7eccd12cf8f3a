//! Spec-driven decoding of fixed headers, structs and attribute streams.

use super::flags::NLM_F_DUMP;
use super::special::{self, Dcx, Spot};
use super::{group, Dissection, Message, MsgCx, Name, Node, NodeId, NodeKind, Value, MAX_DEPTH};
use crate::frame::ByteOrder;
use crate::spec::{AttrDef, AttrType, FamilySpec, Hint, Member};
use crate::wire::nlmsg::{align4, read_uint, sign_extend, NlAttrHdr, NLA_HDRLEN};

/// Decodes a family's fixed header (if any) and then the attributes.
pub(super) fn fixed_header_and_attrs(
    x: &mut Dcx,
    fam: &'static FamilySpec,
    fixed_header: Option<usize>,
    set: Option<usize>,
    abs: u32,
    body: &[u8],
) {
    let mut used = 0usize;
    if let Some(st) = fixed_header.and_then(|i| fam.structs.get(i).map(|s| (i, s))) {
        let (si, sdef) = st;
        let size = sdef.size;
        if body.len() < size
            && x.m.hdr.flags & NLM_F_DUMP != 0
            && !body.is_empty()
            && body.len() <= 4
        {
            // Legacy dump requests carry only `struct rtgenmsg` (one byte of
            // family) instead of the full header: the kernel accepts that.
            let g = x.out.push(group("rtgenmsg", abs, body.len() as u32, 0));
            x.out.push(super::field(
                "rtgen_family",
                abs,
                1,
                enum_value(fam, "address-families", body[0] as u64),
                1,
            ));
            x.out.close(g);
            x.m.header = Some(g);
            return;
        }
        let take = size.min(body.len());
        let g = x
            .out
            .push(group(sdef.display.as_str(), abs, take as u32, 0));
        struct_fields(x, fam, si, abs, &body[..take], 1);
        x.out.close(g);
        x.m.header = Some(g);
        if body.len() < size {
            x.m.problem(
                abs,
                format!(
                    "{} needs {size} bytes but the message body has {}",
                    sdef.display,
                    body.len()
                ),
            );
            return;
        }
        used = align4(size);
    }
    let rest = body.get(used..).unwrap_or(&[]);
    if rest.is_empty() {
        return;
    }
    let a = abs + used as u32;
    let g = x.out.push(group("attributes", a, rest.len() as u32, 0));
    x.m.attrs = Some(g);
    attr_stream(x, Some(fam), set, a, rest, 1);
    x.out.close(g);
}

fn enum_value(fam: &'static FamilySpec, name: &str, v: u64) -> Value {
    Value::Enum {
        v,
        def: fam.enum_by_name(name),
    }
}

/// Decodes the members of struct `si` from `bytes` as child fields.
pub(super) fn struct_fields(
    x: &mut Dcx,
    fam: &'static FamilySpec,
    si: usize,
    abs: u32,
    bytes: &[u8],
    depth: u16,
) {
    let Some(sdef) = fam.structs.get(si) else {
        return;
    };
    let mut off = 0usize;
    let last = sdef.members.len().saturating_sub(1);
    for (k, mem) in sdef.members.iter().enumerate() {
        let mut len = member_len(fam, mem);
        if is_flexible(mem) && k == last {
            // C flexible array member (`char alg_key[]`): the rest, if any.
            len = bytes.len().saturating_sub(off);
            if len == 0 {
                break;
            }
        }
        if mem.ty == AttrType::Pad {
            off += len;
            continue;
        }
        let Some(b) = bytes.get(off..off + len) else {
            if off < bytes.len() {
                x.m.problem(
                    abs + off as u32,
                    format!(
                        "{}.{} needs {len} bytes, only {} left",
                        sdef.display,
                        mem.name,
                        bytes.len() - off
                    ),
                );
            }
            break;
        };
        let at = abs + off as u32;
        let name = mem.name.as_str();
        if !mem.bitfields.is_empty() {
            super::sockdiag::bitfields(mem, at, b, x.cx.order, depth, x.out);
            off += len;
            continue;
        }
        if mem.count > 1 {
            member_array(fam, mem, at, b, x.cx.order, depth, x.out);
        } else if let (Some(s), true) = (mem.struct_ref, mem.ty == AttrType::Binary) {
            let g = x.out.push(group(name, at, len as u32, depth));
            x.out.nodes[g as usize].kind = NodeKind::Field;
            if depth < MAX_DEPTH {
                struct_fields(x, fam, s, at, b, depth + 1);
            }
            x.out.close(g);
        } else {
            let value = member_value(fam, mem, b, x.cx.order);
            let mut n = super::field(name, at, len as u32, value, depth);
            if matches!(value, Value::Str) {
                n.data_len = str_len(b) as u32;
            }
            x.out.push(n);
        }
        off += len;
    }
    if off < bytes.len() {
        let n = super::field(
            "trailing",
            abs + off as u32,
            (bytes.len() - off) as u32,
            Value::Bytes,
            depth,
        );
        x.out.push(n);
    }
}

/// A last member of binary or string type with length 0 and no struct: a C
/// flexible array member (`char alg_key[]`) that takes whatever follows the
/// fixed part.
fn is_flexible(mem: &Member) -> bool {
    matches!(mem.ty, AttrType::Binary | AttrType::String)
        && mem.len == 0
        && mem.struct_ref.is_none()
}

/// A C array member (`nldump-count`): a group with one field per element.
fn member_array(
    fam: &'static FamilySpec,
    mem: &'static Member,
    at: u32,
    b: &[u8],
    order: ByteOrder,
    depth: u16,
    out: &mut Dissection,
) {
    let w = (b.len() / mem.count.max(1)).max(1);
    let g = out.push(group(&mem.name, at, b.len() as u32, depth));
    out.nodes[g as usize].kind = NodeKind::Field;
    if depth < MAX_DEPTH {
        for (i, e) in b.chunks_exact(w).enumerate() {
            let value = member_value(fam, mem, e, order);
            let mut n = super::field("", at + (i * w) as u32, w as u32, value, depth + 1);
            n.name = Name::Index(i as u32);
            out.push(n);
        }
    }
    out.close(g);
}

/// The typed value of one struct member (or array element) `b`: its enum,
/// flags or display hint applied, bytes when it is no scalar.
fn member_value(
    fam: &'static FamilySpec,
    mem: &'static Member,
    b: &[u8],
    host: ByteOrder,
) -> Value {
    scalar(
        fam,
        mem.ty,
        mem.enum_ref,
        mem.enum_as_flags,
        mem.hint,
        b,
        mem.order(host),
    )
    .unwrap_or(Value::Bytes)
}

/// Bytes a struct member takes (a nested struct without `len` is its size).
pub(super) fn member_len(fam: &FamilySpec, mem: &Member) -> usize {
    match (mem.len, mem.struct_ref) {
        (0, Some(s)) => fam.structs.get(s).map_or(0, |s| s.size),
        (l, _) => l,
    }
}

/// Length of a string without its trailing NULs.
pub(super) fn str_len(b: &[u8]) -> usize {
    b.iter().position(|&c| c == 0).unwrap_or(b.len())
}

/// Decodes a scalar of a known type; `None` when the width does not fit.
pub(super) fn scalar(
    fam: &'static FamilySpec,
    ty: AttrType,
    enum_ref: Option<usize>,
    as_flags: bool,
    hint: Hint,
    b: &[u8],
    order: ByteOrder,
) -> Option<Value> {
    let width_ok = match ty {
        AttrType::Uint | AttrType::Sint => matches!(b.len(), 1 | 2 | 4 | 8),
        t => t.int_width().is_none_or(|w| w == b.len()),
    };
    if !width_ok {
        return None;
    }
    Some(match ty {
        AttrType::U8 | AttrType::U16 | AttrType::U32 | AttrType::U64 | AttrType::Uint => {
            let v = read_uint(b, order)?;
            match enum_ref.and_then(|e| fam.enums.get(e)) {
                Some(e) if e.is_flags || as_flags => Value::Flags { v, def: Some(e) },
                Some(e) => Value::Enum { v, def: Some(e) },
                None if hint == Hint::Hex => Value::Hex(v),
                None if hint == Hint::Ipv4 && b.len() == 4 => Value::Ip,
                None => Value::U(v),
            }
        }
        AttrType::S8 | AttrType::S16 | AttrType::S32 | AttrType::S64 | AttrType::Sint => {
            let i = sign_extend(read_uint(b, order)?, b.len());
            // C `int` fields holding enum values: tc verdicts (named when
            // non-negative; TC_ACT_UNSPEC is -1) and nf_tables verdicts
            // (NFT_JUMP = -3: the loader stores negative entries as two's
            // complement u64).
            match enum_ref.and_then(|e| fam.enums.get(e)) {
                Some(e) if (e.is_flags || as_flags) && i >= 0 => Value::Flags {
                    v: i as u64,
                    def: Some(e),
                },
                Some(e) if !e.is_flags && (i >= 0 || e.name_of(i as u64).is_some()) => {
                    Value::Enum {
                        v: i as u64,
                        def: Some(e),
                    }
                }
                _ => Value::I(i),
            }
        }
        AttrType::String => Value::Str,
        AttrType::Flag => Value::Flag,
        AttrType::Binary => match hint {
            Hint::Mac => Value::Mac,
            Hint::Ipv4 | Hint::Ipv6 if matches!(b.len(), 4 | 16) => Value::Ip,
            Hint::Uuid if b.len() == 16 => Value::Uuid,
            Hint::String => Value::Str,
            Hint::Hex => Value::HexBytes,
            _ => Value::Bytes,
        },
        _ => Value::Bytes,
    })
}

/// Walks an attribute stream, decoding each attribute with `set` of `fam`.
pub(super) fn attr_stream(
    x: &mut Dcx,
    fam: Option<&'static FamilySpec>,
    set: Option<usize>,
    abs: u32,
    bytes: &[u8],
    depth: u16,
) {
    let level = Level {
        fam,
        set,
        depth,
        first_sibling: x.out.nodes.len() as NodeId,
    };
    let mut off = 0usize;
    while off < bytes.len() {
        let rest = &bytes[off..];
        let at = abs + off as u32;
        let Some(h) = NlAttrHdr::read(rest, x.cx.order) else {
            if rest.iter().any(|&b| b != 0) {
                malformed(
                    x.m,
                    x.out,
                    at,
                    rest.len(),
                    depth,
                    format!(
                    "{} stray bytes after the last attribute, too short for an attribute header",
                    rest.len()
                ),
                );
            }
            break;
        };
        let len = h.len as usize;
        if len < NLA_HDRLEN {
            malformed(x.m, x.out, at, rest.len(), depth, format!(
                "attribute length {len} is smaller than its 4-byte header; the {} bytes from here are not decoded",
                rest.len()
            ));
            break;
        }
        if len > rest.len() {
            malformed(
                x.m,
                x.out,
                at,
                rest.len(),
                depth,
                format!(
                    "attribute type {} length {len} overruns its parent ({} bytes left)",
                    h.kind(),
                    rest.len()
                ),
            );
            break;
        }
        one_attr(x, &level, h, at, &rest[..len]);
        off = off.saturating_add(align4(len));
    }
}

/// One attribute stream being walked: how its attributes are named, their
/// depth and the node of the first of them (sub-message selectors are
/// looked up among the siblings from there).
struct Level {
    fam: Option<&'static FamilySpec>,
    set: Option<usize>,
    depth: u16,
    first_sibling: NodeId,
}

fn malformed(m: &mut Message, out: &mut Dissection, at: u32, len: usize, depth: u16, msg: String) {
    let mut n = super::field("malformed", at, len as u32, Value::Bytes, depth);
    n.kind = NodeKind::Group;
    n.problem = Some(msg.clone().into_boxed_str());
    out.push(n);
    m.problem(at, msg);
}

/// Decodes one attribute (header + payload in `whole`).
fn one_attr(x: &mut Dcx, level: &Level, h: NlAttrHdr, at: u32, whole: &[u8]) {
    let Level {
        fam,
        set,
        depth,
        first_sibling,
    } = *level;
    let payload = &whole[NLA_HDRLEN..];
    let data_at = at + NLA_HDRLEN as u32;
    let aset = fam.zip(set).and_then(|(f, s)| f.attr_sets.get(s));
    let def: Option<&'static AttrDef> = aset.and_then(|s| s.get(h.kind()));
    let name = match (def, aset) {
        (Some(a), _) => Name::Known(a.display.as_str()),
        (None, Some(s)) => Name::Unknown(s.prefix.as_str()),
        (None, None) => Name::Unknown(""),
    };
    let id = x.out.push(Node {
        name,
        kind: NodeKind::Attr {
            id: h.kind(),
            raw_type: h.raw_type,
        },
        offset: at,
        len: whole.len() as u32,
        data_off: data_at,
        data_len: payload.len() as u32,
        value: Value::None,
        end: 0,
        depth,
        problem: None,
    });
    let order = if h.net_byteorder() || def.is_some_and(|a| a.big_endian) {
        ByteOrder::Big
    } else {
        x.cx.order
    };
    match (def, fam) {
        (Some(a), Some(f)) => {
            let s = Spot {
                fam: f,
                attr: a,
                id,
                abs: data_at,
                payload,
                order,
                depth: depth + 1,
            };
            typed(x, &s, first_sibling)
        }
        _ => untyped(x, h, id, data_at, payload, depth),
    }
    x.out.close(id);
}

/// An attribute nobody described: nested if the flag says so and it parses,
/// bytes otherwise.
fn untyped(x: &mut Dcx, h: NlAttrHdr, id: NodeId, data_at: u32, payload: &[u8], depth: u16) {
    if h.nested() && depth < MAX_DEPTH && looks_like_attrs(payload, x.cx.order) {
        attr_stream(x, None, None, data_at, payload, depth + 1);
    } else {
        x.out.nodes[id as usize].value = Value::Bytes;
    }
}

/// True when `b` is a well-formed attribute stream that fills it exactly.
pub(super) fn looks_like_attrs(b: &[u8], order: ByteOrder) -> bool {
    let mut off = 0usize;
    while off < b.len() {
        let Some(h) = NlAttrHdr::read(&b[off..], order) else {
            return false;
        };
        let len = h.len as usize;
        if len < NLA_HDRLEN || len > b.len() - off {
            return false;
        }
        off += align4(len);
    }
    !b.is_empty()
}

/// A described attribute; `s.depth` is the depth of its children.
fn typed(x: &mut Dcx, s: &Spot, first_sibling: NodeId) {
    let Spot {
        fam,
        attr: a,
        id,
        abs: data_at,
        payload,
        order,
        depth: nd,
    } = *s;
    if let Some(name) = special::decoder_for(a) {
        if special::decode(x, s, name) {
            return;
        }
    }
    match a.ty {
        AttrType::Nest => {
            if nd > MAX_DEPTH {
                x.out.nodes[id as usize].value = Value::Bytes;
                deep(x.m, data_at);
            } else if let Some(si) = a.struct_ref {
                // nldump extension: a nest that starts with a struct
                // (MDBA_MDB_ENTRY_INFO: struct br_mdb_entry, then MDBA_MDB_EATTR_*).
                let size = fam.structs.get(si).map_or(0, |s| s.size).min(payload.len());
                struct_fields(x, fam, si, data_at, &payload[..size], nd);
                let used = align4(size).min(payload.len());
                if used < payload.len() {
                    attr_stream(
                        x,
                        Some(fam),
                        a.nested,
                        data_at + used as u32,
                        &payload[used..],
                        nd,
                    );
                }
            } else {
                attr_stream(x, Some(fam), a.nested, data_at, payload, nd);
            }
        }
        AttrType::IndexedArray | AttrType::NestTypeValue => {
            if nd >= MAX_DEPTH {
                x.out.nodes[id as usize].value = Value::Bytes;
                deep(x.m, data_at);
                return;
            }
            let levels = a.type_value.len().max(1) as u16;
            array(x, s, levels);
        }
        AttrType::Bitfield32 => {
            let v = payload.get(..4).and_then(|b| read_uint(b, order));
            let sel = payload.get(4..8).and_then(|b| read_uint(b, order));
            match (v, sel, payload.len()) {
                (Some(v), Some(sel), 8) => {
                    x.out.nodes[id as usize].value = Value::Bitfield32 {
                        value: v as u32,
                        selector: sel as u32,
                        def: a.enum_ref.and_then(|e| fam.enums.get(e)),
                    }
                }
                _ => bad_width(x.m, x.out, id, "bitfield32", 8, payload.len()),
            }
        }
        AttrType::SubMessage => sub_message(x, s, first_sibling),
        AttrType::Binary if a.struct_ref.is_some() => {
            let si = a.struct_ref.unwrap_or(0);
            let size = fam.structs.get(si).map_or(0, |s| s.size);
            if size > 0 && payload.len() >= 2 * size && payload.len() % size == 0 {
                // An array of structs (NHA_GROUP: struct nexthop_grp[]).
                for (i, b) in payload.chunks_exact(size).enumerate() {
                    let at = data_at + (i * size) as u32;
                    let g = x.out.push(group("element", at, size as u32, nd));
                    x.out.nodes[g as usize].name = Name::Index(i as u32);
                    x.out.nodes[g as usize].kind = NodeKind::Field;
                    if nd < MAX_DEPTH {
                        struct_fields(x, fam, si, at, b, nd + 1);
                    }
                    x.out.close(g);
                }
                return;
            }
            struct_fields(x, fam, si, data_at, payload, nd);
            let need = fam.structs.get(si).map_or(0, |s| s.size);
            if payload.len() < need {
                // Older kernels send shorter structs; say so without failing.
                x.out.nodes[id as usize].problem = None;
            }
        }
        AttrType::Binary if a.sub_type.and_then(AttrType::int_width).is_some() => {
            scalar_array(s, x.out);
        }
        AttrType::Flag => {
            x.out.nodes[id as usize].value = match payload.len() {
                0 => Value::Flag,
                // Some flags come back from the kernel as a u8/u32 setting
                // (IFLA_VXLAN_TTL_INHERIT): show the number.
                1 | 2 | 4 | 8 => read_uint(payload, order).map_or(Value::Bytes, Value::U),
                _ => Value::Bytes,
            };
        }
        AttrType::Unused | AttrType::Pad => x.out.nodes[id as usize].value = Value::Bytes,
        ty => match scalar(fam, ty, a.enum_ref, a.enum_as_flags, a.hint, payload, order) {
            Some(v) => {
                x.out.nodes[id as usize].value = v;
                if v == Value::Str {
                    x.out.nodes[id as usize].data_len = str_len(payload) as u32;
                }
            }
            None => {
                let w = ty.int_width().unwrap_or(4);
                bad_width(x.m, x.out, id, ty_name(ty), w, payload.len());
            }
        },
    }
}

/// `binary` with a scalar `sub-type`: a C array (IFLA_INET6_CONF is
/// `__s32[DEVCONF_MAX]`). Slots are named from the enum `nldump-index-enum`
/// (slot i is the entry with value i + `nldump-index-base`), else by index.
fn scalar_array(s: &Spot, out: &mut Dissection) {
    let Spot {
        fam,
        attr: a,
        abs: data_at,
        payload,
        order,
        depth,
        ..
    } = *s;
    let ty = a.sub_type.unwrap_or(AttrType::U32);
    let w = ty.int_width().unwrap_or(4);
    let names = a.index_enum.and_then(|e| fam.enums.get(e));
    for (i, b) in payload.chunks(w).enumerate() {
        let at = data_at + (i * w) as u32;
        let value = if b.len() == w {
            scalar(fam, ty, a.enum_ref, a.enum_as_flags, a.hint, b, order).unwrap_or(Value::Bytes)
        } else {
            Value::Bytes
        };
        let slot = (i as u64).checked_add(a.index_base);
        let name = names.and_then(|e| slot.and_then(|v| e.name_of(v)));
        let mut n = super::field("", at, b.len() as u32, value, depth);
        n.name = match name {
            Some(s) => Name::Known(s),
            None => Name::Index(i as u32),
        };
        out.push(n);
    }
}

fn deep(m: &mut Message, at: u32) {
    m.problem(
        at,
        format!("attributes nested deeper than {MAX_DEPTH} levels are shown as bytes"),
    );
}

fn ty_name(t: AttrType) -> &'static str {
    match t {
        AttrType::U8 => "u8",
        AttrType::U16 => "u16",
        AttrType::U32 => "u32",
        AttrType::U64 => "u64",
        AttrType::S8 => "s8",
        AttrType::S16 => "s16",
        AttrType::S32 => "s32",
        AttrType::S64 => "s64",
        AttrType::Uint => "uint",
        AttrType::Sint => "sint",
        _ => "value",
    }
}

fn bad_width(m: &mut Message, out: &mut Dissection, id: NodeId, ty: &str, want: usize, got: usize) {
    let n = &mut out.nodes[id as usize];
    n.value = Value::Bytes;
    let msg = format!("{ty} attribute should have {want} bytes of payload, has {got}");
    n.problem = Some(msg.clone().into_boxed_str());
    m.problem(n.offset, msg);
}

/// indexed-array and nest-type-value: children keyed by index or type,
/// `levels` deep; `s` is the array attribute (or the enclosing element).
fn array(x: &mut Dcx, s: &Spot, levels: u16) {
    let Spot {
        fam,
        attr: a,
        abs,
        payload,
        depth,
        ..
    } = *s;
    let mut off = 0usize;
    while off < payload.len() {
        let rest = &payload[off..];
        let at = abs + off as u32;
        let Some(h) = NlAttrHdr::read(rest, x.cx.order) else {
            break;
        };
        let len = h.len as usize;
        if len < NLA_HDRLEN || len > rest.len() {
            malformed(
                x.m,
                x.out,
                at,
                rest.len(),
                depth,
                format!(
                    "array element length {len} does not fit ({} bytes left)",
                    rest.len()
                ),
            );
            break;
        }
        let body = &rest[NLA_HDRLEN..len];
        let id = x.out.push(Node {
            name: Name::Index(h.kind() as u32),
            kind: NodeKind::Attr {
                id: h.kind(),
                raw_type: h.raw_type,
            },
            offset: at,
            len: len as u32,
            data_off: at + NLA_HDRLEN as u32,
            data_len: body.len() as u32,
            value: Value::None,
            end: 0,
            depth,
            problem: None,
        });
        let sub = a.sub_type.unwrap_or(AttrType::Nest);
        if levels > 1 && depth + 1 < MAX_DEPTH {
            // another index level (nest-type-value with several type-values)
            let inner = Spot {
                id,
                abs: at + NLA_HDRLEN as u32,
                payload: body,
                depth: depth + 1,
                ..*s
            };
            array(x, &inner, levels - 1);
        } else if sub == AttrType::Nest || a.ty == AttrType::NestTypeValue {
            attr_stream(
                x,
                Some(fam),
                a.nested,
                at + NLA_HDRLEN as u32,
                body,
                depth + 1,
            );
        } else {
            let order = if h.net_byteorder() {
                ByteOrder::Big
            } else {
                x.cx.order
            };
            x.out.nodes[id as usize].value =
                scalar(fam, sub, a.enum_ref, a.enum_as_flags, a.hint, body, order)
                    .unwrap_or(Value::Bytes);
        }
        x.out.close(id);
        off = off.saturating_add(align4(len));
    }
}

/// sub-message: the format is chosen by a sibling attribute's value.
fn sub_message(x: &mut Dcx, s: &Spot, first_sibling: NodeId) {
    let Spot {
        fam,
        attr: a,
        id,
        abs,
        payload,
        depth: nd,
        ..
    } = *s;
    let Some((smi, selector)) = a.sub_message.as_ref() else {
        x.out.nodes[id as usize].value = Value::Bytes;
        return;
    };
    // Find the selector among the attributes already decoded at this level,
    // then in the enclosing nests outward (the kernel's YNL does the same:
    // TCA_STATS_APP inside TCA_STATS2 is chosen by the message's TCA_KIND).
    let mut key = selector_value(x.cx, fam, selector, id, first_sibling, x.out);
    if key.is_none() {
        // iproute2 puts RTA_ENCAP before RTA_ENCAP_TYPE: look ahead.
        key = selector_after(x.cx, fam, selector, id, x.out);
    }
    let fmt = key.as_ref().and_then(|k| {
        fam.sub_messages.get(*smi).and_then(|sm| {
            sm.formats.iter().find(|f| {
                let named = f.value == *k
                    || enum_entry_suffix(k, &f.value)
                    || fam.enums.iter().any(|e| {
                        e.entries
                            .iter()
                            .any(|(v, n)| n == k && v.to_string() == f.value)
                    });
                named && f.applies_to(x.m.hdr.msg_type)
            })
        })
    });
    let Some(fmt) = fmt else {
        // Kinds without data (dummy) or unknown kinds: keep the bytes visible.
        if payload.is_empty() {
            // no options at all (clsact, ingress): an empty nest
            x.out.nodes[id as usize].value = Value::None;
        } else if !looks_like_attrs(payload, x.cx.order) {
            x.out.nodes[id as usize].value = Value::Bytes;
        } else {
            attr_stream(x, None, None, abs, payload, nd);
        }
        return;
    };
    if payload.is_empty() {
        // an empty TCA_OPTIONS (fq_codel with defaults) or NFTA_EXPR_DATA
        // (counter): a nest with nothing in it, shown as `[]`
        x.out.nodes[id as usize].value = Value::None;
        return;
    }
    let (fixed_header, attr_set) = match &fmt.select {
        // a union chosen by a member (`nldump-select` on the format)
        Some(sel) => super::sockdiag::select(fam, sel, fmt.fixed_header, payload, x.cx.order),
        None => (fmt.fixed_header, fmt.attr_set),
    };
    let mut used = 0usize;
    if let Some(si) = fixed_header {
        let size = fam.structs.get(si).map_or(0, |s| s.size).min(payload.len());
        struct_fields(x, fam, si, abs, &payload[..size], nd);
        used = align4(size);
    }
    if attr_set.is_some() {
        if let Some(rest) = payload.get(used..) {
            attr_stream(x, Some(fam), attr_set, abs + used as u32, rest, nd);
        }
    } else if used == 0 {
        x.out.nodes[id as usize].value = Value::Bytes;
    }
}

/// The value of sub-message selector `selector` (a YNL attribute name) for
/// the attribute node `id`: the nearest preceding sibling with that name,
/// else the nearest one among the siblings of each enclosing nest.
fn selector_value(
    cx: &MsgCx,
    fam: &'static FamilySpec,
    selector: &str,
    id: NodeId,
    first_sibling: NodeId,
    out: &Dissection,
) -> Option<String> {
    // (id, display name) of every attribute called `selector` in the family.
    let defs: Vec<(u16, &str)> = fam
        .attr_sets
        .iter()
        .filter_map(|s| s.by_ynl_name(selector))
        .map(|a| (a.id, a.display.as_str()))
        .collect();
    let is_selector = |n: &Node| match (n.kind, n.name) {
        (NodeKind::Attr { id, .. }, Name::Known(d)) => defs.contains(&(id, d)),
        _ => false,
    };
    let depth = out.nodes.get(id as usize)?.depth;
    // This level: siblings from first_sibling up to the attribute itself.
    let mut key = None;
    let mut i = first_sibling;
    while i < id {
        let n = out.nodes.get(i as usize)?;
        if n.depth == depth && is_selector(n) {
            key = node_key(cx, n);
        }
        i = n.end.max(i + 1);
    }
    if key.is_some() {
        return key;
    }
    // Outer levels: walk back from the attribute; nodes one level up are the
    // enclosing nest, then its preceding siblings (their children are
    // deeper and skipped), and so on outward.
    let mut level = depth;
    let mut j = id as usize;
    while j > 0 && level > 0 {
        j -= 1;
        let n = out.nodes.get(j)?;
        if n.depth < level {
            // an enclosing node: its siblings are at its depth
            level = n.depth;
            continue;
        }
        if n.depth == level && level < depth && is_selector(n) {
            return node_key(cx, n);
        }
    }
    None
}

/// A selector node's value as text (string, number or enum name).
fn node_key(cx: &MsgCx, n: &Node) -> Option<String> {
    match n.value {
        Value::Str => {
            let s = n.data_off.saturating_sub(cx.base) as usize;
            let e = s.checked_add(n.data_len as usize)?;
            cx.frame
                .payload()
                .get(s..e)
                .map(|b| String::from_utf8_lossy(b).into_owned())
        }
        Value::U(v) => Some(v.to_string()),
        Value::Enum { v, def } => Some(
            def.and_then(|e| e.name_of(v).map(str::to_string))
                .unwrap_or_else(|| v.to_string()),
        ),
        _ => None,
    }
}

/// True when an enum-valued selector shown as `NFT_OBJECT_CT_HELPER` names
/// the YNL entry `ct-helper` of a format (the kernel's specs write formats
/// with entry names, nldump shows C names).
fn enum_entry_suffix(shown: &str, format: &str) -> bool {
    let want = crate::spec::ynl::c_name("", format);
    !want.is_empty()
        && shown
            .strip_suffix(want.as_str())
            .is_some_and(|p| p.ends_with('_'))
}

/// The selector's value when it follows the sub-message attribute `id`
/// among its siblings: read from the parent's bytes after `id`.
fn selector_after(
    cx: &MsgCx,
    fam: &'static FamilySpec,
    selector: &str,
    id: NodeId,
    out: &Dissection,
) -> Option<String> {
    let sel = fam.attr_sets.iter().find_map(|s| s.by_ynl_name(selector))?;
    let me = out.nodes.get(id as usize)?;
    let parent = out.nodes[..id as usize]
        .iter()
        .rev()
        .find(|n| n.depth < me.depth)?;
    let end = parent.data_off.checked_add(parent.data_len)?;
    let start = me.offset.checked_add(align4(me.len as usize) as u32)?;
    let frame = cx.frame.payload();
    let from = start.checked_sub(cx.base)? as usize;
    let to = end.checked_sub(cx.base)? as usize;
    let mut b = frame.get(from..to)?;
    while let Some(h) = NlAttrHdr::read(b, cx.order) {
        let len = h.len as usize;
        if len < NLA_HDRLEN || len > b.len() {
            return None;
        }
        let body = &b[NLA_HDRLEN..len];
        if h.kind() == sel.id {
            if sel.ty == AttrType::String {
                return Some(String::from_utf8_lossy(&body[..str_len(body)]).into_owned());
            }
            let order = if sel.big_endian {
                ByteOrder::Big
            } else {
                cx.order
            };
            let v = read_uint(body, order)?;
            let name = sel
                .enum_ref
                .and_then(|e| fam.enums.get(e))
                .and_then(|e| e.name_of(v));
            return Some(name.map_or_else(|| v.to_string(), str::to_string));
        }
        b = b.get(align4(len)..)?;
    }
    None
}

/// Makes a `Value::Enum` from a family's named enum, for special decoders.
pub(super) fn named_enum(fam: &'static FamilySpec, name: &str, v: u64) -> Value {
    enum_value(fam, name, v)
}
