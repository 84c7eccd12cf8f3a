//! Reads a family spec written in the kernel's YNL schema
//! (Documentation/netlink/specs/*.yaml: netlink-raw, genetlink,
//! genetlink-c, genetlink-legacy) into a [`FamilySpec`].
//!
//! Numbering rules: enum entries count from `value-start` (default 0); flag
//! entries are bit numbers from `value-start`; attributes count from 1 (or
//! the previous attribute + 1) unless they give `value:`. Display names are
//! `name-prefix` + name, upper-cased, `-` → `_`.

use super::model::*;
use std::collections::HashMap;
use yaml_rust2::{Yaml, YamlLoader};

/// A spec that could not be read, with the place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError(pub String);

impl std::fmt::Display for SpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SpecError {}

fn get<'y>(y: &'y Yaml, key: &str) -> Option<&'y Yaml> {
    match y {
        Yaml::Hash(h) => h.get(&Yaml::String(key.to_string())),
        _ => None,
    }
}

fn get_str<'y>(y: &'y Yaml, key: &str) -> Option<&'y str> {
    get(y, key).and_then(|v| v.as_str())
}

fn get_bool(y: &Yaml, key: &str) -> bool {
    get(y, key).and_then(|v| v.as_bool()).unwrap_or(false)
}

fn list<'y>(y: &'y Yaml, key: &str) -> &'y [Yaml] {
    match get(y, key) {
        Some(Yaml::Array(a)) => a,
        _ => &[],
    }
}

/// C-style display name: `ifla-` + `ifname` → `IFLA_IFNAME`.
pub fn c_name(prefix: &str, name: &str) -> String {
    let mut s = String::with_capacity(prefix.len() + name.len());
    for c in prefix.chars().chain(name.chars()) {
        s.push(if c == '-' {
            '_'
        } else {
            c.to_ascii_uppercase()
        });
    }
    s
}

struct Loader<'a> {
    family: String,
    origin: &'a str,
    consts: HashMap<String, i64>,
    warnings: Vec<String>,
}

impl Loader<'_> {
    fn int(&mut self, y: &Yaml, what: &str) -> Option<i64> {
        match y {
            Yaml::Integer(i) => Some(*i),
            Yaml::String(s) => {
                let s = s.trim();
                let (base, off) = match s.split_once(" - ") {
                    Some((b, o)) => (b.trim(), o.trim().parse::<i64>().ok()?),
                    None => (s, 0),
                };
                if let Some(v) = self.consts.get(base) {
                    return Some(v - off);
                }
                let parsed = if let Some(h) = base.strip_prefix("0x") {
                    i64::from_str_radix(h, 16).ok()
                } else {
                    base.parse().ok()
                };
                if parsed.is_none() {
                    self.warn(format!("{what}: cannot read {s:?} as a number"));
                }
                parsed.map(|v| v - off)
            }
            _ => None,
        }
    }

    fn warn(&mut self, msg: String) {
        self.warnings.push(format!("{}: {}", self.origin, msg));
    }

    fn attr_type(&mut self, s: Option<&str>, what: &str) -> AttrType {
        match s {
            Some(t) => AttrType::from_ynl(t).unwrap_or_else(|| {
                self.warn(format!("{what}: unknown type {t:?}, shown as binary"));
                AttrType::Binary
            }),
            None => AttrType::Binary,
        }
    }
}

/// The family name and protocol from a spec's top-level `name:`,
/// `protocol:` and `protonum:` lines, without parsing the YAML (so built-in
/// specs can be parsed only when needed). None when those lines are not
/// plain `key: value` at column 0; the caller then parses the whole file.
pub fn peek(text: &str) -> Option<(String, Protocol)> {
    let (mut name, mut protocol, mut protonum) = (None, None, None);
    for line in text.lines() {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.split(" #").next().unwrap_or("").trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        match key.trim() {
            "name" if !value.is_empty() => name = Some(value.to_string()),
            "protocol" => protocol = Some(value.to_string()),
            "protonum" => protonum = Some(value.parse::<u16>().ok()?),
            _ => {}
        }
    }
    let protocol = match protocol.as_deref().unwrap_or("genetlink") {
        "netlink-raw" => Protocol::Raw {
            protonum: protonum?,
        },
        "genetlink" | "genetlink-c" | "genetlink-legacy" => Protocol::Genl,
        _ => return None,
    };
    Some((name?, protocol))
}

/// Loads one spec. Problems that do not stop decoding (an unknown type name,
/// a dangling reference) come back as warnings.
pub fn load(text: &str, origin: &str) -> Result<(FamilySpec, Vec<String>), SpecError> {
    let docs = YamlLoader::load_from_str(text)
        .map_err(|e| SpecError(format!("{origin}: not valid YAML: {e}")))?;
    let doc = docs
        .into_iter()
        .next()
        .ok_or_else(|| SpecError(format!("{origin}: empty document")))?;
    let family = get_str(&doc, "name")
        .ok_or_else(|| SpecError(format!("{origin}: no `name:` at the top level")))?
        .to_string();
    let protocol = match get_str(&doc, "protocol").unwrap_or("genetlink") {
        "netlink-raw" => {
            let n = get(&doc, "protonum")
                .and_then(|v| v.as_i64())
                .ok_or_else(|| {
                    SpecError(format!("{origin}: netlink-raw spec without `protonum:`"))
                })?;
            Protocol::Raw {
                protonum: u16::try_from(n)
                    .map_err(|_| SpecError(format!("{origin}: protonum {n} out of range")))?,
            }
        }
        "genetlink" | "genetlink-c" | "genetlink-legacy" => Protocol::Genl,
        other => return Err(SpecError(format!("{origin}: unknown protocol {other:?}"))),
    };
    let mut l = Loader {
        family: family.clone(),
        origin,
        consts: HashMap::new(),
        warnings: Vec::new(),
    };

    // Definitions: consts first (lengths refer to them), then enums, then structs.
    let defs = list(&doc, "definitions");
    for d in defs {
        if get_str(d, "type") == Some("const") {
            if let (Some(n), Some(v)) = (get_str(d, "name"), get(d, "value")) {
                if let Some(v) = l.int(v, n) {
                    l.consts.insert(n.to_string(), v);
                }
            }
        }
    }
    let mut enums = Vec::new();
    let mut enum_index = HashMap::new();
    for d in defs {
        let ty = get_str(d, "type");
        if !matches!(ty, Some("enum") | Some("flags")) {
            continue;
        }
        let Some(name) = get_str(d, "name") else {
            continue;
        };
        let is_flags = ty == Some("flags");
        let prefix = get_str(d, "name-prefix")
            .map(str::to_string)
            .unwrap_or_else(|| format!("{}-{}-", l.family, name));
        let start = match get(d, "value-start") {
            Some(v) => l.int(v, name).unwrap_or(0),
            None => 0,
        };
        let mut next = start;
        let mut entries = Vec::new();
        for e in list(d, "entries") {
            let (ename, explicit) = match e {
                Yaml::String(s) => (s.as_str(), None),
                other => (get_str(other, "name").unwrap_or("?"), get(other, "value")),
            };
            let pos = match explicit {
                Some(v) => l.int(v, ename).unwrap_or(next),
                None => next,
            };
            next = pos + 1;
            let value = if is_flags {
                if (0..64).contains(&pos) {
                    1u64 << pos
                } else {
                    l.warn(format!("flag {ename} has bit {pos}"));
                    continue;
                }
            } else {
                pos as u64
            };
            entries.push((value, c_name(&prefix, ename)));
        }
        enum_index.insert(name.to_string(), enums.len());
        enums.push(EnumDef {
            name: name.to_string(),
            is_flags,
            entries,
        });
    }
    // Structs may refer to structs defined later: register names first.
    let struct_names: Vec<&str> = defs
        .iter()
        .filter(|d| get_str(d, "type") == Some("struct"))
        .filter_map(|d| get_str(d, "name"))
        .collect();
    let struct_idx = |n: &str| struct_names.iter().position(|s| *s == n);
    let mut structs = Vec::new();
    for d in defs.iter().filter(|d| get_str(d, "type") == Some("struct")) {
        let sname = get_str(d, "name").unwrap_or("?");
        let mut members = Vec::new();
        for m in list(d, "members") {
            let mname = get_str(m, "name").unwrap_or("?").replace('-', "_");
            let ty = l.attr_type(get_str(m, "type"), &format!("struct {sname}.{mname}"));
            let count = get(m, "nldump-count")
                .and_then(|v| v.as_i64())
                .and_then(|c| usize::try_from(c).ok())
                .filter(|c| (1..=4096).contains(c))
                .unwrap_or(1);
            let len = match (ty.int_width(), get(m, "len")) {
                (Some(w), _) => w * count,
                (None, Some(v)) => l.int(v, &mname).unwrap_or(0).max(0) as usize,
                (None, None) => 0,
            };
            let mut enum_ref = get_str(m, "enum").and_then(|e| enum_index.get(e).copied());
            if let (Some(e), None) = (get_str(m, "enum"), enum_ref) {
                l.warn(format!("struct {sname}.{mname}: no enum {e:?}"));
            }
            if get_bool(m, "enum-as-flags") {
                enum_ref = enum_ref.map(|e| enum_bits(&mut enums, e, bit_base(&mut l, m)));
            }
            let bitfields = list(m, "nldump-bitfields")
                .iter()
                .filter_map(|b| {
                    let n = get_str(b, "name")?.replace('-', "_");
                    let w = get(b, "bits").and_then(|v| v.as_i64())?;
                    Some((n, u8::try_from(w).ok().filter(|w| (1..=64).contains(w))?))
                })
                .collect();
            members.push(Member {
                name: mname,
                ty,
                len,
                big_endian: get_str(m, "byte-order") == Some("big-endian"),
                hint: get_str(m, "nldump-display-hint")
                    .or_else(|| get_str(m, "display-hint"))
                    .map(Hint::from_ynl)
                    .unwrap_or_default(),
                enum_ref,
                enum_as_flags: get_bool(m, "enum-as-flags"),
                struct_ref: get_str(m, "struct").and_then(struct_idx),
                bitfields,
                count,
            });
        }
        structs.push(StructDef {
            name: sname.to_string(),
            // `nldump-c-name`: the C struct when the YNL name had to differ
            // (sock_diag's `inet-diag-msg-v4` is `struct inet_diag_msg` read
            // with IPv4 addresses)
            display: get_str(d, "nldump-c-name")
                .map_or_else(|| sname.replace('-', "_"), str::to_string),
            members,
            size: 0,
        });
    }
    // Sizes, nested structs included (bounded: a cycle just stops growing).
    for _ in 0..4 {
        for i in 0..structs.len() {
            let size = structs[i]
                .members
                .iter()
                .map(|m| match m.struct_ref {
                    Some(s) if m.len == 0 => structs.get(s).map_or(0, |s| s.size),
                    _ => m.len,
                })
                .sum();
            structs[i].size = size;
        }
    }

    // Attribute sets: names first, so nests can point forward.
    let set_yaml = list(&doc, "attribute-sets");
    let set_names: Vec<String> = set_yaml
        .iter()
        .map(|s| get_str(s, "name").unwrap_or("?").to_string())
        .collect();
    let sub_yaml = list(&doc, "sub-messages");
    let sub_names: Vec<&str> = sub_yaml
        .iter()
        .map(|s| get_str(s, "name").unwrap_or("?"))
        .collect();
    let mut sets: Vec<AttrSet> = Vec::with_capacity(set_yaml.len());
    // Subsets refer to their superset, which may come later: two passes.
    let order: Vec<usize> = (0..set_yaml.len())
        .filter(|&i| get(&set_yaml[i], "subset-of").is_none())
        .chain((0..set_yaml.len()).filter(|&i| get(&set_yaml[i], "subset-of").is_some()))
        .collect();
    let mut built: Vec<Option<AttrSet>> = vec![None; set_yaml.len()];
    for i in order {
        let s = &set_yaml[i];
        let sname = &set_names[i];
        let superset = get_str(s, "subset-of").and_then(|n| {
            set_names
                .iter()
                .position(|x| x == n)
                .and_then(|j| built[j].clone())
        });
        let prefix = get_str(s, "name-prefix")
            .map(str::to_string)
            .or_else(|| superset.as_ref().map(|p| p.prefix.to_ascii_lowercase()))
            .unwrap_or_else(|| format!("{}-a-{}-", l.family, sname));
        let mut attrs = Vec::new();
        let mut next: i64 = 1;
        for a in list(s, "attributes") {
            let aname = get_str(a, "name").unwrap_or("?");
            let base = superset
                .as_ref()
                .and_then(|p| p.by_ynl_name(aname))
                .cloned();
            let id = match (get(a, "value"), &base) {
                (Some(v), _) => l.int(v, aname).unwrap_or(next),
                (None, Some(b)) => b.id as i64,
                (None, None) => next,
            };
            next = id + 1;
            let Ok(id16) = u16::try_from(id) else {
                l.warn(format!(
                    "attribute {sname}.{aname}: value {id} out of range"
                ));
                continue;
            };
            let what = format!("attribute {sname}.{aname}");
            let ty = match (get_str(a, "type"), &base) {
                (None, Some(b)) => b.ty,
                (t, _) => l.attr_type(t, &what),
            };
            let nested = match get_str(a, "nested-attributes") {
                Some(n) => {
                    let r = set_names.iter().position(|x| x == n);
                    if r.is_none() {
                        l.warn(format!("{what}: no attribute set {n:?}"));
                    }
                    r
                }
                None => base.as_ref().and_then(|b| b.nested),
            };
            let enum_ref = match get_str(a, "enum") {
                Some(e) => {
                    let r = enum_index.get(e).copied();
                    if r.is_none() {
                        l.warn(format!("{what}: no enum {e:?}"));
                    }
                    match r {
                        Some(r) if get_bool(a, "enum-as-flags") => {
                            Some(enum_bits(&mut enums, r, bit_base(&mut l, a)))
                        }
                        r => r,
                    }
                }
                None => base.as_ref().and_then(|b| b.enum_ref),
            };
            let struct_ref = match get_str(a, "struct") {
                Some(n) => {
                    let r = struct_idx(n);
                    if r.is_none() {
                        l.warn(format!("{what}: no struct {n:?}"));
                    }
                    r
                }
                None => base.as_ref().and_then(|b| b.struct_ref),
            };
            let sub_message = match get_str(a, "sub-message") {
                Some(n) => match sub_names.iter().position(|x| *x == n) {
                    Some(i) => Some((i, get_str(a, "selector").unwrap_or("").to_string())),
                    None => {
                        l.warn(format!("{what}: no sub-message {n:?}"));
                        None
                    }
                },
                None => base.as_ref().and_then(|b| b.sub_message.clone()),
            };
            attrs.push(AttrDef {
                id: id16,
                ynl_name: aname.to_string(),
                display: c_name(&prefix, aname),
                ty,
                nested,
                struct_ref,
                enum_ref,
                enum_as_flags: get_bool(a, "enum-as-flags")
                    || base.as_ref().is_some_and(|b| b.enum_as_flags),
                // `nldump-display-hint: string` (text in a binary field)
                // is nldump's; YNL's own hints go in `display-hint`.
                hint: get_str(a, "nldump-display-hint")
                    .or_else(|| get_str(a, "display-hint"))
                    .map(Hint::from_ynl)
                    .or(base.as_ref().map(|b| b.hint))
                    .unwrap_or_default(),
                big_endian: get_str(a, "byte-order") == Some("big-endian")
                    || base.as_ref().is_some_and(|b| b.big_endian),
                sub_type: get_str(a, "sub-type").and_then(AttrType::from_ynl),
                type_value: list(a, "type-value")
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
                sub_message,
                special: get_str(a, "nldump-decoder").map(str::to_string),
                index_enum: get_str(a, "nldump-index-enum").and_then(|e| {
                    let r = enum_index.get(e).copied();
                    if r.is_none() {
                        l.warn(format!("{what}: no enum {e:?}"));
                    }
                    r
                }),
                index_base: get(a, "nldump-index-base")
                    .and_then(|v| v.as_i64())
                    .and_then(|v| u64::try_from(v).ok())
                    .unwrap_or(0),
            });
        }
        built[i] = Some(AttrSet::new(sname.clone(), c_name(&prefix, ""), attrs));
    }
    for b in built {
        sets.push(b.unwrap_or_else(|| AttrSet::new("?".into(), String::new(), Vec::new())));
    }

    let mut sub_messages = Vec::new();
    // (sub-message, format, operation names) for `nldump-ops`, resolved to
    // message types once the operations are read
    let mut format_ops: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for s in sub_yaml {
        let mut formats = Vec::new();
        for f in list(s, "formats") {
            let value = match get(f, "value") {
                Some(Yaml::String(v)) => v.clone(),
                Some(Yaml::Integer(i)) => i.to_string(),
                _ => continue,
            };
            let select = get(f, "nldump-select").and_then(|y| {
                let r = select(y, &sub_names, &enum_index);
                if r.is_none() {
                    l.warn(format!("sub-message format {value}: bad nldump-select"));
                }
                r
            });
            let ops: Vec<String> = list(f, "nldump-ops")
                .iter()
                .filter_map(|o| o.as_str().map(str::to_string))
                .collect();
            if !ops.is_empty() {
                format_ops.push((sub_messages.len(), formats.len(), ops));
            }
            formats.push(SubFormat {
                value,
                attr_set: get_str(f, "attribute-set")
                    .and_then(|n| set_names.iter().position(|x| x == n)),
                fixed_header: get_str(f, "fixed-header").and_then(struct_idx),
                select,
                msg_types: Vec::new(),
            });
        }
        sub_messages.push(SubMessage {
            name: get_str(s, "name").unwrap_or("?").to_string(),
            formats,
        });
    }

    // Operations.
    let mut messages = Vec::new();
    let mut own_names: Vec<(String, u8)> = Vec::new();
    if let Some(ops) = get(&doc, "operations") {
        let raw = matches!(protocol, Protocol::Raw { .. });
        let prefix = get_str(ops, "name-prefix")
            .map(str::to_string)
            .unwrap_or_else(|| format!("{}-cmd-", l.family));
        let directional = get_str(ops, "enum-model") == Some("directional");
        let default_fh = get_str(ops, "fixed-header").and_then(struct_idx);
        // Unified ops without `value:` follow the attribute rule: the first
        // is 1, each next one the previous + 1 (kernel specs.rst).
        let mut next_value: i64 = 1;
        let default_special = get_str(ops, "nldump-decoder");
        for op in list(ops, "list") {
            let oname = get_str(op, "name").unwrap_or("?");
            let attr_set =
                get_str(op, "attribute-set").and_then(|n| set_names.iter().position(|x| x == n));
            let fixed_header = get_str(op, "fixed-header")
                .and_then(struct_idx)
                .or(default_fh);
            let special = get_str(op, "nldump-decoder")
                .or(default_special)
                .map(str::to_string);
            let mut push = |l: &mut Loader, v: &Yaml, dir: MsgDir, suffix: &str, part: &Yaml| {
                if let Some(value) = l.int(v, oname).and_then(|v| u16::try_from(v).ok()) {
                    let select = get(part, "nldump-select").and_then(|y| {
                        let r = select(y, &sub_names, &enum_index);
                        if r.is_none() {
                            l.warn(format!("op {oname}: bad nldump-select"));
                        }
                        r
                    });
                    // nldump extension: one direction of an op using another
                    // attribute set (RTM_GETSTATS requests carry
                    // IFLA_STATS_GETSET_*, replies IFLA_STATS_*).
                    let own_set = get_str(part, "nldump-attribute-set")
                        .and_then(|n| set_names.iter().position(|x| x == n));
                    messages.push(MsgDef {
                        value,
                        dir,
                        display: c_name(&prefix, &format!("{oname}{suffix}")),
                        op: oname.to_string(),
                        attr_set: own_set.or(attr_set),
                        fixed_header,
                        select,
                        special: special.clone(),
                        own_name: false,
                    });
                }
            };
            let mut any = false;
            for mode in ["do", "dump"] {
                let Some(m) = get(op, mode) else { continue };
                for (part, dir) in [("request", MsgDir::Request), ("reply", MsgDir::Reply)] {
                    let Some(p) = get(m, part) else { continue };
                    if let Some(v) = get(p, "value") {
                        let suffix = if dir == MsgDir::Reply && directional && !raw {
                            "-reply"
                        } else {
                            ""
                        };
                        push(&mut l, v, dir, suffix, p);
                        if get(m, part).is_some_and(|p| get_bool(p, "nldump-own-name")) {
                            own_names.push((oname.to_string(), dir as u8));
                        }
                        any = true;
                    }
                }
            }
            let implicit;
            let op_value = match get(op, "value") {
                Some(v) => Some(v),
                None if !directional && !raw && !any => {
                    implicit = Yaml::Integer(next_value);
                    Some(&implicit)
                }
                None => None,
            };
            if let Some(Yaml::Integer(v)) = op_value {
                next_value = v.saturating_add(1);
            }
            if let Some(v) = op_value {
                let dir = if get(op, "notify").is_some() || get(op, "event").is_some() {
                    if directional || raw {
                        MsgDir::Notify
                    } else {
                        MsgDir::Both
                    }
                } else if directional || (raw && any) {
                    MsgDir::Request
                } else {
                    MsgDir::Both
                };
                push(&mut l, v, dir, "", op);
            }
        }
    }
    for m in messages.iter_mut() {
        m.own_name = own_names
            .iter()
            .any(|(o, d)| *o == m.op && *d == m.dir as u8);
    }
    // Deduplicate identical (value, dir, display) rows that do + dump produce.
    let mut seen = std::collections::HashSet::new();
    messages.retain(|m| seen.insert((m.value, m.dir as u8, m.display.clone())));
    for (sm, f, ops) in format_ops {
        let mut types: Vec<u16> = messages
            .iter()
            .filter(|m| ops.contains(&m.op))
            .map(|m| m.value)
            .collect();
        types.sort_unstable();
        types.dedup();
        for o in ops.iter().filter(|o| !messages.iter().any(|m| m.op == **o)) {
            l.warn(format!("nldump-ops: no operation {o:?}"));
        }
        if let Some(fmt) = sub_messages
            .get_mut(sm)
            .and_then(|s: &mut SubMessage| s.formats.get_mut(f))
        {
            fmt.msg_types = types;
        }
    }

    let warnings = std::mem::take(&mut l.warnings);
    Ok((
        FamilySpec {
            name: family,
            protocol,
            origin: origin.to_string(),
            enums,
            structs,
            attr_sets: sets,
            sub_messages,
            messages,
            enum_index,
        },
        warnings,
    ))
}

/// `nldump-bit-base` of an `enum-as-flags` reference: the enum value whose
/// bit is bit 0 (YNL's rule is `1 << value`, i.e. base 0; sock_diag's
/// idiag_ext uses `1 << (INET_DIAG_x - 1)`, base 1).
fn bit_base(l: &mut Loader, y: &Yaml) -> i64 {
    get(y, "nldump-bit-base")
        .and_then(|v| l.int(v, "nldump-bit-base"))
        .unwrap_or(0)
}

/// `enum-as-flags` on a plain enum: a flag set whose bit for each entry is
/// `1 << (value - base)`, built once and appended to `enums`. A flags
/// definition is returned as is (its entries are masks already).
fn enum_bits(enums: &mut Vec<EnumDef>, e: usize, base: i64) -> usize {
    let Some(src) = enums.get(e) else {
        return e;
    };
    if src.is_flags {
        return e;
    }
    let name = format!("{}@bits{base}", src.name);
    if let Some(i) = enums.iter().position(|x| x.name == name) {
        return i;
    }
    let entries = src
        .entries
        .iter()
        .filter_map(|(v, n)| {
            let bit = i64::try_from(*v).ok()?.checked_sub(base)?;
            let bit = u32::try_from(bit).ok().filter(|b| *b < 64)?;
            Some((1u64 << bit, n.clone()))
        })
        .collect();
    enums.push(EnumDef {
        name,
        is_flags: true,
        entries,
    });
    enums.len() - 1
}

/// `nldump-select: {sub-message: NAME, offset: 0, type: u8, enum: E}`.
fn select(y: &Yaml, subs: &[&str], enums: &HashMap<String, usize>) -> Option<Select> {
    let sm = get_str(y, "sub-message")?;
    let width = match get_str(y, "type").unwrap_or("u8") {
        "u8" => 1,
        "u16" => 2,
        "u32" => 4,
        _ => return None,
    };
    let offset = match get(y, "offset") {
        Some(v) => usize::try_from(v.as_i64()?).ok()?,
        None => 0,
    };
    let enum_ref = match get_str(y, "enum") {
        Some(e) => Some(*enums.get(e)?),
        None => None,
    };
    Some(Select {
        sub_message: subs.iter().position(|s| *s == sm)?,
        offset,
        width,
        enum_ref,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOY: &str = r#"
name: toy
protocol: netlink-raw
protonum: 0
definitions:
  - name: colours
    type: enum
    name-prefix: col-
    entries: [ red, green, { name: blue, value: 7 }, cyan ]
  - name: bits
    type: flags
    name-prefix: b-
    value-start: 1
    entries: [ one, two ]
  - name: toymsg
    type: struct
    members:
      - { name: family, type: u8 }
      - { name: pad, type: pad, len: 3 }
      - { name: mask, type: u32, enum: bits, enum-as-flags: true }
attribute-sets:
  - name: top
    name-prefix: toya-
    attributes:
      - { name: unspec, type: unused, value: 0 }
      - { name: name, type: string }
      - { name: inner, type: nest, nested-attributes: inner }
      - { name: colour, type: u8, enum: colours, value: 10 }
      - { name: port, type: u16, byte-order: big-endian }
  - name: inner
    attributes:
      - { name: x, type: u32 }
  - name: small
    subset-of: top
    attributes:
      - name: port
operations:
  name-prefix: toym-
  fixed-header: toymsg
  list:
    - name: new
      attribute-set: top
      do: { request: { value: 16 } }
    - name: get
      attribute-set: top
      do: { request: { value: 18 }, reply: { value: 16 } }
"#;

    #[test]
    fn numbering_names_and_references() {
        let (f, warnings) = load(TOY, "toy.yaml").unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(f.protocol, Protocol::Raw { protonum: 0 });
        let col = f.enum_by_name("colours").unwrap();
        assert_eq!(
            col.entries,
            vec![
                (0, "COL_RED".into()),
                (1, "COL_GREEN".into()),
                (7, "COL_BLUE".into()),
                (8, "COL_CYAN".into())
            ]
        );
        let bits = f.enum_by_name("bits").unwrap();
        assert_eq!(bits.entries, vec![(2, "B_ONE".into()), (4, "B_TWO".into())]);
        let top = &f.attr_sets[f.set_by_name("top").unwrap()];
        assert_eq!(top.prefix, "TOYA_");
        assert_eq!(top.get(1).unwrap().display, "TOYA_NAME");
        assert_eq!(top.get(2).unwrap().nested, f.set_by_name("inner"));
        assert_eq!(top.get(10).unwrap().display, "TOYA_COLOUR");
        let port = top.get(11).unwrap();
        assert!(port.big_endian);
        assert_eq!(port.ty, AttrType::U16);
        assert!(top.get(3).is_none());
        // default prefix for a set without one: family-a-set-
        let inner = &f.attr_sets[f.set_by_name("inner").unwrap()];
        assert_eq!(inner.get(1).unwrap().display, "TOY_A_INNER_X");
        // subset keeps the superset's ids and names
        let small = &f.attr_sets[f.set_by_name("small").unwrap()];
        assert_eq!(small.get(11).unwrap().display, "TOYA_PORT");
        let st = &f.structs[0];
        assert_eq!(st.size, 8);
        assert!(st.members[2].enum_as_flags);
        // reply 16 of `get` is named after the request with id 16
        assert_eq!(f.message_name(16, Some(false)), Some("TOYM_NEW"));
        assert_eq!(f.message_name(18, Some(true)), Some("TOYM_GET"));
        assert_eq!(f.message(16, Some(false)).unwrap().op, "get");
    }

    #[test]
    fn unified_ops_without_values_count_from_one() {
        // As in the kernel's genetlink specs: `value:` may be left out; the
        // first op is 1 and each next one follows the previous.
        let spec = "name: fam\nprotocol: genetlink\nattribute-sets:\n  - name: a\n    attributes:\n      - {name: x, type: u32}\noperations:\n  list:\n    - {name: get, attribute-set: a, do: {request: {attributes: [x]}}}\n    - {name: del, attribute-set: a}\n    - {name: set, value: 7, attribute-set: a}\n    - {name: ntf, attribute-set: a, notify: get}\n";
        let (f, w) = load(spec, "fam.yaml").unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(f.message_name(1, Some(true)), Some("FAM_CMD_GET"));
        assert_eq!(f.message_name(2, Some(true)), Some("FAM_CMD_DEL"));
        assert_eq!(f.message_name(7, Some(false)), Some("FAM_CMD_SET"));
        assert_eq!(f.message_name(8, Some(false)), Some("FAM_CMD_NTF"));
    }

    #[test]
    fn peek_reads_only_the_top_level() {
        assert_eq!(
            peek(TOY),
            Some(("toy".to_string(), Protocol::Raw { protonum: 0 }))
        );
        let g = "# c\n---\nname: \"fam\"  # x\nattribute-sets:\n  - name: inner\n";
        assert_eq!(peek(g), Some(("fam".to_string(), Protocol::Genl)));
        assert_eq!(peek("name: x\nprotocol: netlink-raw\n"), None);
        assert_eq!(peek("name: x\nprotocol: carrier-pigeon\n"), None);
        assert_eq!(peek("doc: no name\n"), None);
    }

    #[test]
    fn genetlink_ops_are_numbered_implicitly() {
        let spec = "name: g\nprotocol: genetlink\nattribute-sets:\n  - name: s\n    attributes:\n      - {name: a, type: u32}\noperations:\n  name-prefix: g-cmd-\n  list:\n    - {name: get, attribute-set: s}\n    - {name: del, attribute-set: s}\n    - {name: set, attribute-set: s, value: 7}\n    - {name: dump, attribute-set: s}\n";
        let (f, w) = load(spec, "g.yaml").unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(f.message_name(1, Some(true)), Some("G_CMD_GET"));
        assert_eq!(f.message_name(2, Some(false)), Some("G_CMD_DEL"));
        assert_eq!(f.message_name(7, None), Some("G_CMD_SET"));
        assert_eq!(f.message_name(8, Some(true)), Some("G_CMD_DUMP"));
        assert_eq!(f.message_name(3, Some(true)), None);
    }

    #[test]
    fn operation_decoders() {
        let spec = "name: t\nprotocol: netlink-raw\nprotonum: 9\n\
            operations:\n  enum-model: directional\n  name-prefix: t-\n  nldump-decoder: all\n  list:\n\
            \x20   - {name: a, do: {request: {value: 1000}}}\n\
            \x20   - {name: b, nldump-decoder: text, value: 1100, event: {}}\n";
        let (f, w) = load(spec, "t.yaml").unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            f.message(1000, Some(true)).unwrap().special.as_deref(),
            Some("all")
        );
        let b = f.message(1100, Some(false)).unwrap();
        assert_eq!(
            (b.display.as_str(), b.special.as_deref()),
            ("T_B", Some("text"))
        );
        let (f, _) = load(TOY, "toy.yaml").unwrap();
        assert!(f.messages.iter().all(|m| m.special.is_none()));
    }

    #[test]
    fn nldump_count_makes_an_array_member() {
        let spec = TOY.replace(
            "      - { name: mask, type: u32, enum: bits, enum-as-flags: true }",
            "      - { name: mask, type: u32, enum: bits, enum-as-flags: true }\n      - { name: bw, type: u16, nldump-count: 8 }",
        );
        let (f, warnings) = load(&spec, "toy.yaml").unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let s = &f.structs[0];
        let bw = s.members.iter().find(|m| m.name == "bw").unwrap();
        assert_eq!((bw.count, bw.len), (8, 16));
        assert_eq!(s.size, 1 + 3 + 4 + 16);
        let mask = s.members.iter().find(|m| m.name == "mask").unwrap();
        assert_eq!((mask.count, mask.len), (1, 4));
    }

    #[test]
    fn request_may_name_its_own_attribute_set() {
        let spec = TOY.replace(
            "do: { request: { value: 18 }, reply: { value: 16 } }",
            "do: { request: { value: 18, nldump-attribute-set: inner }, reply: { value: 16 } }",
        );
        let (f, warnings) = load(&spec, "toy.yaml").unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let req = f.message(18, Some(true)).unwrap();
        assert_eq!(req.attr_set, f.set_by_name("inner"));
        let rep = f.message(16, Some(false)).unwrap();
        assert_eq!(rep.op, "get");
        assert_eq!(rep.attr_set, f.set_by_name("top"));
    }

    #[test]
    fn reply_may_keep_its_own_name() {
        // a reply whose type is another op's request (ctnetlink's expectation
        // statistics arrive as 0x103 = IPCTNL_MSG_CT_GET_CTRZERO)
        let spec = TOY.replace(
            "do: { request: { value: 18 }, reply: { value: 16 } }",
            "do: { request: { value: 18 }, reply: { value: 16, nldump-own-name: true } }",
        );
        let (f, warnings) = load(&spec, "toy.yaml").unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(f.message_name(16, Some(false)), Some("TOYM_GET"));
        assert_eq!(f.message_name(16, Some(true)), Some("TOYM_NEW"));
        assert_eq!(f.message_name(16, None), Some("TOYM_NEW"));
        assert_eq!(f.message(16, Some(false)).unwrap().op, "get");
        // without the key the request's name wins, as before
        let (f, _) = load(TOY, "toy.yaml").unwrap();
        assert_eq!(f.message_name(16, Some(false)), Some("TOYM_NEW"));
    }

    #[test]
    fn bad_specs_are_errors_not_panics() {
        assert!(load("", "e").is_err());
        assert!(load("name: [", "e").is_err());
        assert!(load("doc: no name", "e").is_err());
        assert!(load("name: x\nprotocol: netlink-raw\n", "e").is_err());
        let (_, w) = load(
            "name: x\nattribute-sets:\n  - name: s\n    attributes:\n      - {name: a, type: wibble}\n      - {name: b, type: nest, nested-attributes: nope}\n",
            "w.yaml",
        )
        .unwrap();
        assert_eq!(w.len(), 2, "{w:?}");
    }
}

#[cfg(test)]
mod nldump_extension_tests {
    use super::*;

    const SPEC: &str = r#"
name: sel
protocol: netlink-raw
protonum: 4
definitions:
  - { name: fam, type: enum, name-prefix: af-, entries: [ unspec, unix, inet ] }
  - { name: ext, type: enum, name-prefix: x-, entries: [ none, a, b, c ] }
  - name: h
    type: struct
    members:
      - { name: family, type: u8, enum: fam }
      - { name: states, type: u8, enum: fam, enum-as-flags: true }
      - { name: exts, type: u8, enum: ext, enum-as-flags: true, nldump-bit-base: 1 }
      - name: packed
        type: u8
        nldump-bitfields: [ { name: lo-part, bits: 4 }, { name: hi-part, bits: 4 } ]
attribute-sets:
  - { name: s, attributes: [ { name: x, type: u32 } ] }
sub-messages:
  - name: by-family
    formats:
      - { value: inet, fixed-header: h, attribute-set: s }
operations:
  enum-model: directional
  name-prefix: op-
  list:
    - name: get
      attribute-set: s
      dump:
        request:
          value: 20
          nldump-select: { sub-message: by-family, offset: 0, type: u8, enum: fam }
"#;

    #[test]
    fn enum_as_flags_select_and_bitfields() {
        let (f, w) = load(SPEC, "sel.yaml").unwrap();
        assert!(w.is_empty(), "{w:?}");
        let h = &f.structs[0];
        // YNL: enum-as-flags on a plain enum means bit `value`
        let states = &f.enums[h.members[1].enum_ref.unwrap()];
        assert!(states.is_flags);
        assert_eq!(states.entries[1], (2, "AF_UNIX".to_string()));
        assert_eq!(states.entries[2], (4, "AF_INET".to_string()));
        // nldump-bit-base 1: bit 0 is value 1, value 0 has no bit
        let exts = &f.enums[h.members[2].enum_ref.unwrap()];
        assert_eq!(
            exts.entries,
            vec![(1, "X_A".into()), (2, "X_B".into()), (4, "X_C".into())]
        );
        assert_eq!(
            h.members[3].bitfields,
            vec![("lo_part".to_string(), 4), ("hi_part".to_string(), 4)]
        );
        // the plain enum itself is unchanged
        assert!(!f.enum_by_name("fam").unwrap().is_flags);
        let m = f.message(20, Some(true)).unwrap();
        let sel = m.select.as_ref().unwrap();
        assert_eq!((sel.offset, sel.width), (0, 1));
        assert_eq!(sel.enum_ref, f.enum_index.get("fam").copied());
        assert_eq!(f.sub_messages[sel.sub_message].name, "by-family");
    }

    #[test]
    fn formats_may_be_limited_to_operations_and_select_a_union() {
        let spec = r#"
name: f
protocol: netlink-raw
protonum: 0
definitions:
  - { name: ty, type: enum, name-prefix: t-, entries: [ a, b ] }
  - { name: qopt, type: struct, members: [ { name: x, type: u16 } ] }
  - { name: u-a, type: struct, members: [ { name: type, type: u32 } ] }
  - { name: u-b, type: struct, members: [ { name: type, type: u32 } ] }
attribute-sets:
  - { name: top, attributes: [ { name: kind, type: string } ] }
sub-messages:
  - name: opts
    formats:
      - { value: k, fixed-header: qopt, nldump-ops: [ newq, getq ] }
      - { value: k, attribute-set: top }
  - name: by-type
    formats:
      - { value: a, fixed-header: u-a }
      - { value: b, fixed-header: u-b }
  - name: xstats
    formats:
      - value: k
        fixed-header: u-a
        nldump-select: { sub-message: by-type, offset: 0, type: u32, enum: ty }
operations:
  name-prefix: m-
  list:
    - { name: newq, attribute-set: top, do: { request: { value: 36 } } }
    - { name: getq, attribute-set: top, do: { request: { value: 38 }, reply: { value: 36 } } }
    - { name: newc, attribute-set: top, do: { request: { value: 40 } } }
"#;
        let (f, w) = load(spec, "f.yaml").unwrap();
        assert!(w.is_empty(), "{w:?}");
        let opts = &f.sub_messages[0].formats;
        assert_eq!(opts[0].msg_types, vec![36, 38]);
        assert!(opts[0].applies_to(38) && !opts[0].applies_to(40));
        assert!(opts[1].applies_to(40) && opts[1].msg_types.is_empty());
        let sel = f.sub_messages[2].formats[0].select.as_ref().unwrap();
        assert_eq!((sel.sub_message, sel.offset, sel.width), (1, 0, 4));
        assert_eq!(sel.enum_ref, Some(0));
        // an operation that does not exist is a warning
        let bad = spec.replace("nldump-ops: [ newq, getq ]", "nldump-ops: [ nope ]");
        let (_, w) = load(&bad, "f.yaml").unwrap();
        assert!(w.iter().any(|m| m.contains("nope")), "{w:?}");
    }

    #[test]
    fn struct_display_is_the_c_name() {
        let spec = "name: c\nprotocol: netlink-raw\nprotonum: 4\ndefinitions:\n\
            \x20 - { name: diag-msg-v4, type: struct, nldump-c-name: diag_msg, members: [ { name: a, type: u8 } ] }\n\
            \x20 - { name: diag-msg, type: struct, members: [ { name: a, type: u8 } ] }\n";
        let (f, w) = load(spec, "c.yaml").unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(f.structs[0].name, "diag-msg-v4");
        assert_eq!(f.structs[0].display, "diag_msg");
        assert_eq!(f.structs[1].display, "diag_msg");
    }
}
