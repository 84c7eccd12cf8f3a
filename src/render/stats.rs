//! `--stats`: how much of the input nldump could decode, per family.
//!
//! Counts messages, message types without a name, message bodies shown as
//! raw bytes, and attributes: how many carry a name, and how many of those
//! also carry a typed value (number, enum, address, string, struct, nest…)
//! rather than bytes nobody described. Then lists what was not decoded, most
//! frequent first, so a gap in a spec is one look away.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::dissect::{Dissection, Message, Name, NodeKind, Value};
use crate::frame::proto;

/// Counters for one family.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FamilyStats {
    pub messages: u64,
    /// Messages whose type has no name.
    pub unknown_types: u64,
    /// Message bodies shown as raw bytes (no spec for the type).
    pub raw_bodies: u64,
    pub attrs: u64,
    /// Attributes with a name.
    pub named: u64,
    /// Named attributes whose value is typed (not undescribed bytes).
    pub typed: u64,
}

impl FamilyStats {
    /// Share of attributes that are named and typed, in percent (100 when
    /// there are none).
    pub fn typed_percent(&self) -> f64 {
        percent(self.typed, self.attrs)
    }

    pub fn named_percent(&self) -> f64 {
        percent(self.named, self.attrs)
    }
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// Accumulates [`FamilyStats`] over dissections.
#[derive(Debug, Default)]
pub struct StatsRenderer {
    pub families: BTreeMap<String, FamilyStats>,
    /// (family, what) -> count, for the "not decoded" list.
    misses: HashMap<(String, String), u64>,
    label: String,
}

impl StatsRenderer {
    pub fn new() -> StatsRenderer {
        StatsRenderer::default()
    }

    /// Adds every message of one frame.
    pub fn add(&mut self, d: &Dissection) {
        for m in &d.messages {
            family_label(m, &mut self.label);
            let fam = self.label.clone();
            let mut s = self.families.get(&fam).copied().unwrap_or_default();
            s.messages += 1;
            if m.type_name.is_none() && !m.headerless {
                s.unknown_types += 1;
                self.miss(&fam, format!("message type {:#x}", m.hdr.msg_type));
            }
            let (first, end) = m.nodes;
            for id in first..end.min(d.nodes.len() as u32) {
                let n = &d.nodes[id as usize];
                match n.kind {
                    NodeKind::Attr { id: aid, .. } => {
                        s.attrs += 1;
                        match n.name {
                            Name::Unknown(prefix) => {
                                self.miss(&fam, format!("attribute {prefix}??? {aid:#x}"));
                            }
                            Name::Known(name) => {
                                s.named += 1;
                                if raw_leaf(d, id) {
                                    self.miss(&fam, format!("{name} shown as bytes"));
                                } else {
                                    s.typed += 1;
                                }
                            }
                            Name::Index(_) => {
                                s.named += 1;
                                s.typed += u64::from(!raw_leaf(d, id));
                            }
                        }
                    }
                    NodeKind::Group if n.name == Name::Known("payload") => {
                        s.raw_bodies += 1;
                        self.miss(
                            &fam,
                            format!("body of message type {:#x} shown as bytes", m.hdr.msg_type),
                        );
                    }
                    _ => {}
                }
            }
            self.families.insert(fam, s);
        }
    }

    fn miss(&mut self, fam: &str, what: String) {
        *self.misses.entry((fam.to_string(), what)).or_default() += 1;
    }

    /// The table and the list of misses.
    pub fn finish(&self, w: &mut dyn Write) -> io::Result<()> {
        let mut out = String::new();
        let width = self
            .families
            .keys()
            .map(|k| k.len())
            .max()
            .unwrap_or(6)
            .max(6);
        let _ = writeln!(
            out,
            "{:<width$}  {:>8}  {:>9}  {:>9}  {:>10}  {:>7}  {:>7}",
            "family", "messages", "unk-types", "raw-bodies", "attributes", "named", "typed"
        );
        let mut total = FamilyStats::default();
        for (fam, s) in &self.families {
            row(&mut out, fam, s, width);
            total.messages += s.messages;
            total.unknown_types += s.unknown_types;
            total.raw_bodies += s.raw_bodies;
            total.attrs += s.attrs;
            total.named += s.named;
            total.typed += s.typed;
        }
        if self.families.len() > 1 {
            row(&mut out, "total", &total, width);
        }
        let mut misses: Vec<_> = self.misses.iter().collect();
        misses.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        if !misses.is_empty() {
            out.push_str("\nnot decoded (count, family, what):\n");
            for ((fam, what), n) in misses {
                let _ = writeln!(out, "{n:>8}  {fam}  {what}");
            }
        }
        w.write_all(out.as_bytes())
    }
}

fn row(out: &mut String, fam: &str, s: &FamilyStats, width: usize) {
    let _ = writeln!(
        out,
        "{fam:<width$}  {:>8}  {:>9}  {:>10}  {:>10}  {:>6.1}%  {:>6.1}%",
        s.messages,
        s.unknown_types,
        s.raw_bodies,
        s.attrs,
        s.named_percent(),
        s.typed_percent()
    );
}

/// True for an attribute shown as plain bytes with nothing decoded below.
fn raw_leaf(d: &Dissection, id: u32) -> bool {
    let n = &d.nodes[id as usize];
    n.value == Value::Bytes && !n.has_children(id)
}

/// `route`, `generic/ethtool`, `netfilter/nftables`, …
pub fn family_label(m: &Message, out: &mut String) {
    out.clear();
    match m.protocol {
        Some(p) => match proto::name(p) {
            Some(name) => out.push_str(name),
            None => {
                let _ = write!(out, "protocol {p}");
            }
        },
        None => out.push_str("unknown"),
    }
    if m.protocol == Some(proto::GENERIC) {
        if let Some(g) = &m.genl {
            out.push('/');
            match &g.family {
                Some(f) => out.push_str(f),
                None => out.push('?'),
            }
        }
    } else if m.protocol == Some(proto::NETFILTER) && !m.is_control() {
        if let Some(sub) = nfnl_subsys(m.hdr.msg_type >> 8) {
            out.push('/');
            out.push_str(sub);
        }
    }
}

/// NFNL_SUBSYS_* (linux/netfilter/nfnetlink.h), for grouping only.
fn nfnl_subsys(id: u16) -> Option<&'static str> {
    Some(match id {
        1 => "ctnetlink",
        2 => "ctnetlink_exp",
        3 => "queue",
        4 => "ulog",
        5 => "osf",
        6 => "ipset",
        7 => "acct",
        8 => "cttimeout",
        9 => "cthelper",
        10 => "nftables",
        11 => "nft_compat",
        12 => "hook",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_of_nothing_is_full() {
        let s = FamilyStats::default();
        assert_eq!(s.typed_percent(), 100.0);
        let s = FamilyStats {
            attrs: 200,
            named: 199,
            typed: 150,
            ..FamilyStats::default()
        };
        assert_eq!(s.named_percent(), 99.5);
        assert_eq!(s.typed_percent(), 75.0);
    }

    #[test]
    fn subsystems_follow_the_header() {
        // NFNL_SUBSYS_NFTABLES = 10, NFNL_SUBSYS_IPSET = 6
        assert_eq!(nfnl_subsys(10), Some("nftables"));
        assert_eq!(nfnl_subsys(6), Some("ipset"));
        assert_eq!(nfnl_subsys(200), None);
    }
}
