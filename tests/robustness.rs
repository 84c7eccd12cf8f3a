//! A deterministic mutation fuzzer on stable Rust (cargo-fuzz needs
//! nightly).
//!
//! Every frame of every sample capture is read through
//! `nldump::source::pcap::open_capture`, mutated with a fixed-seed PRNG
//! (bit flips; bytes set to 0, 0xff, 0x80; truncation at every length for
//! small frames; nlmsg_len and nla_len set to edge values; attribute type
//! bits flipped; messages duplicated and spliced across frames; the frame's
//! family and byte order changed; several of these stacked), dissected and
//! rendered with the text renderer (one line and verbose + hex) and the JSON
//! renderer. Each mutant must satisfy [`check`]:
//!
//! * no panic;
//! * every node's span (`offset..offset+len`) and data span
//!   (`data_off..data_off+data_len`) lies within the frame's bytes, and the
//!   data span within the node's span;
//! * every child's span lies within its parent's;
//! * each message's node range is well formed: inside the arena, messages
//!   in order and not overlapping, every `end` within the message and the
//!   `end`s nesting (a node's subtree ends no later than its parent's);
//! * message spans and problem offsets lie within the frame;
//! * the JSON output is one line per message (one line for a frame without
//!   messages), each parsed by serde_json and naming the right frame;
//! * the text output holds no character below 0x20 except '\n' and '\t',
//!   and no DEL or C1 control (U+0080..U+009F: 0x9b is CSI on 8-bit
//!   terminals).
//!
//! `NLDUMP_FUZZ_SCALE=N` multiplies the number of random mutants (default 1,
//! about 10 s in a debug build on two cores); `NLDUMP_FUZZ_SEED=S` changes
//! the seed. A failure prints the capture, frame, mutation and the mutant's
//! netlink bytes in hex, which `nldump --hex` reads back.

mod common;

use nldump::dissect::{Dissection, Dissector, NodeKind};
use nldump::frame::{ByteOrder, Frame};
use nldump::render::json::JsonRenderer;
use nldump::render::text::{TextOptions, TextRenderer};
use nldump::render::TimeFormat;
use nldump::source::{Source, SourceError};
use nldump::spec::SpecDb;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

// ------------------------------------------------------------------ PRNG

/// splitmix64: tiny, fixed, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

fn seed() -> u64 {
    std::env::var("NLDUMP_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x6e6c_6475_6d70)
}

fn scale() -> usize {
    std::env::var("NLDUMP_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
}

// ------------------------------------------------------------------ corpus

fn specs() -> &'static SpecDb {
    static DB: OnceLock<&'static SpecDb> = OnceLock::new();
    DB.get_or_init(|| Box::leak(Box::new(SpecDb::embedded())))
}

/// A sample frame with what its clean dissection found: message starts and
/// attribute header offsets (both absolute in `frame.data`).
struct Sample {
    capture: String,
    frame: Frame,
    msgs: Vec<u32>,
    attrs: Vec<u32>,
}

/// Every frame of every readable capture in samples/, in order, with a
/// clean dissection (one Dissector per capture, so genl ids are learned).
fn samples() -> &'static [Sample] {
    static S: OnceLock<Vec<Sample>> = OnceLock::new();
    S.get_or_init(|| {
        let mut out = Vec::new();
        for rel in common::all_capture_files() {
            let bytes = std::fs::read(common::sample(&rel)).expect("read sample");
            let Ok(mut src) = nldump::source::pcap::open_capture(Box::new(Cursor::new(bytes)))
            else {
                continue;
            };
            let mut dis = Dissector::new(specs());
            let mut d = Dissection::default();
            while let Ok(Some(frame)) = src.next_frame() {
                dis.dissect(&frame, &mut d);
                let msgs = d.messages.iter().map(|m| m.offset).collect();
                let attrs = d
                    .nodes
                    .iter()
                    .filter(|n| matches!(n.kind, NodeKind::Attr { .. }))
                    .map(|n| n.offset)
                    .collect();
                out.push(Sample {
                    capture: rel.clone(),
                    frame,
                    msgs,
                    attrs,
                });
            }
        }
        assert!(out.len() > 1000, "only {} sample frames read", out.len());
        out
    })
}

// ------------------------------------------------------------------ checks

/// The invariants every dissection and rendering must hold.
fn check(frame: &Frame, d: &Dissection) -> Result<(), String> {
    let flen = frame.data.len() as u64;
    let span = |off: u32, len: u32| (off as u64, off as u64 + len as u64);
    for (i, n) in d.nodes.iter().enumerate() {
        let (a, b) = span(n.offset, n.len);
        let (da, db) = span(n.data_off, n.data_len);
        if b > flen {
            return Err(format!(
                "node {i} {:?}: span {a}..{b} beyond frame of {flen} bytes",
                n.name
            ));
        }
        if db > flen {
            return Err(format!(
                "node {i} {:?}: data span {da}..{db} beyond frame of {flen} bytes",
                n.name
            ));
        }
        if n.data_len > 0 && (da < a || db > b) {
            return Err(format!(
                "node {i} {:?}: data span {da}..{db} outside its span {a}..{b}",
                n.name
            ));
        }
        if (n.end as usize) <= i || n.end as usize > d.nodes.len() {
            return Err(format!(
                "node {i}: end {} not in {}..={}",
                n.end,
                i + 1,
                d.nodes.len()
            ));
        }
        // Children: walk the subtree one level down.
        let mut j = i + 1;
        while j < n.end as usize {
            let c = &d.nodes[j];
            if c.end > n.end || (c.end as usize) <= j {
                return Err(format!(
                    "node {j} (child of {i}): end {} does not nest in parent's end {}",
                    c.end, n.end
                ));
            }
            let (ca, cb) = span(c.offset, c.len);
            if ca < a || cb > b {
                return Err(format!(
                    "node {j} {:?}: span {ca}..{cb} outside parent {i} {:?} span {a}..{b}",
                    c.name, n.name
                ));
            }
            j = c.end as usize;
        }
    }
    let mut prev_end = 0u32;
    for m in &d.messages {
        let (s, e) = m.nodes;
        if s < prev_end || s > e || e as usize > d.nodes.len() {
            return Err(format!(
                "message {}: node range {s}..{e} (previous ended at {prev_end}, arena {})",
                m.index,
                d.nodes.len()
            ));
        }
        prev_end = e;
        // Top-level nodes of the message tile its range.
        let mut j = s;
        while j < e {
            let n = &d.nodes[j as usize];
            if n.end > e {
                return Err(format!(
                    "message {}: node {j} ends at {} past {e}",
                    m.index, n.end
                ));
            }
            j = n.end;
        }
        for id in [m.header, m.attrs].into_iter().flatten() {
            if id < s || id >= e {
                return Err(format!("message {}: node {id} outside {s}..{e}", m.index));
            }
        }
        let (a, b) = span(m.offset, m.avail);
        if b > flen {
            return Err(format!("message {}: span {a}..{b} beyond {flen}", m.index));
        }
        for p in &m.problems {
            if p.offset as u64 > flen {
                return Err(format!(
                    "message {} problem {:?} at {} beyond {flen}",
                    m.index, p.message, p.offset
                ));
            }
        }
    }
    for p in &d.problems {
        if p.offset as u64 > flen {
            return Err(format!(
                "frame problem {:?} at {} beyond {flen}",
                p.message, p.offset
            ));
        }
    }
    Ok(())
}

/// Holds the renderers (they keep timestamp state) and checks their output.
struct Renderers {
    line: TextRenderer,
    tree: TextRenderer,
    json: JsonRenderer,
    buf: Vec<u8>,
}

impl Renderers {
    fn new() -> Renderers {
        Renderers {
            line: TextRenderer::new(TextOptions {
                verbose: false,
                hex: 0,
                time: TimeFormat::Delta,
                color: false,
            }),
            tree: TextRenderer::new(TextOptions {
                verbose: true,
                hex: 2,
                time: TimeFormat::DateTime,
                color: false,
            }),
            json: JsonRenderer::new(),
            buf: Vec::with_capacity(1 << 16),
        }
    }

    fn check(&mut self, frame: &Frame, d: &Dissection) -> Result<(), String> {
        for verbose in [false, true] {
            self.buf.clear();
            let r = if verbose {
                self.tree.write_frame(&mut self.buf, frame, d)
            } else {
                self.line.write_frame(&mut self.buf, frame, d)
            };
            r.map_err(|e| format!("text renderer: {e}"))?;
            let text = std::str::from_utf8(&self.buf)
                .map_err(|e| format!("text output (verbose {verbose}) is not UTF-8: {e}"))?;
            if let Some((at, c)) = text.char_indices().find(|&(_, c)| {
                (c < ' ' && c != '\n' && c != '\t')
                    || c == '\u{7f}'
                    || ('\u{80}'..='\u{9f}').contains(&c)
            }) {
                let from = text[..at].rfind('\n').map_or(0, |p| p + 1);
                return Err(format!(
                    "text output (verbose {verbose}) has control character U+{:04X} at {at}: {:?}",
                    c as u32,
                    &text[from..(at + 40).min(text.len())]
                ));
            }
        }
        self.buf.clear();
        self.json
            .write_frame(&mut self.buf, frame, d)
            .map_err(|e| format!("json renderer: {e}"))?;
        let text = std::str::from_utf8(&self.buf).map_err(|e| format!("JSON is not UTF-8: {e}"))?;
        let lines: Vec<&str> = text.lines().collect();
        let want = d.messages.len().max(1);
        if lines.len() != want || !text.ends_with('\n') {
            return Err(format!(
                "JSON: {} lines for {} messages: {text:?}",
                lines.len(),
                d.messages.len()
            ));
        }
        for (i, l) in lines.iter().enumerate() {
            let v: serde_json::Value =
                serde_json::from_str(l).map_err(|e| format!("JSON line {}: {e}: {l}", i + 1))?;
            if v.get("frame").and_then(|f| f.as_u64()) != Some(frame.number) {
                return Err(format!("JSON line {}: wrong frame: {l}", i + 1));
            }
        }
        Ok(())
    }
}

// ------------------------------------------------------------------ mutations

fn put(data: &mut [u8], at: usize, bytes: &[u8]) {
    for (k, b) in bytes.iter().enumerate() {
        if let Some(x) = data.get_mut(at + k) {
            *x = *b;
        }
    }
}

fn order_of(f: &Frame) -> ByteOrder {
    f.byte_order.unwrap_or(ByteOrder::Little)
}

fn u32_bytes(v: u32, o: ByteOrder) -> [u8; 4] {
    match o {
        ByteOrder::Little => v.to_le_bytes(),
        ByteOrder::Big => v.to_be_bytes(),
    }
}

fn u16_bytes(v: u16, o: ByteOrder) -> [u8; 2] {
    match o {
        ByteOrder::Little => v.to_le_bytes(),
        ByteOrder::Big => v.to_be_bytes(),
    }
}

/// Applies one random mutation; returns its description.
fn mutate(rng: &mut Rng, s: &Sample, all: &[Sample], f: &mut Frame) -> String {
    let base = f.payload_offset.min(f.data.len());
    let plen = f.data.len() - base;
    let o = order_of(f);
    match rng.below(12) {
        0 | 1 => {
            let n = 1 + rng.below(4);
            let mut at = Vec::new();
            for _ in 0..n {
                if plen == 0 {
                    break;
                }
                let p = base + rng.below(plen);
                let bit = rng.below(8);
                f.data[p] ^= 1 << bit;
                at.push(format!("{p}.{bit}"));
            }
            format!("bit flips at {}", at.join(","))
        }
        2 | 3 => {
            if plen == 0 {
                return "nothing (empty payload)".into();
            }
            let p = base + rng.below(plen);
            let v = *rng.pick(&[0u8, 0xff, 0x80, 0x7f, 0x01]);
            f.data[p] = v;
            format!("byte {p} = {v:#04x}")
        }
        4 => {
            let cut = rng.below(f.data.len() + 1);
            f.data.truncate(cut);
            format!("truncated to {cut} bytes")
        }
        5 => {
            let Some(&m) = (!s.msgs.is_empty()).then(|| rng.pick(&s.msgs)) else {
                return "nothing (no message)".into();
            };
            let rest = (f.data.len() as u64).saturating_sub(m as u64) as u32;
            let v = *rng.pick(&[
                0u32,
                1,
                4,
                15,
                16,
                17,
                19,
                20,
                rest.wrapping_sub(1),
                rest,
                rest.wrapping_add(1),
                rest.wrapping_add(4),
                0xffff,
                0x10000,
                0x7fff_ffff,
                0x8000_0000,
                0xffff_fff0,
                0xffff_ffff,
            ]);
            put(&mut f.data, m as usize, &u32_bytes(v, o));
            format!("nlmsg_len at {m} = {v:#x}")
        }
        6 | 7 => {
            let Some(&a) = (!s.attrs.is_empty()).then(|| rng.pick(&s.attrs)) else {
                return "nothing (no attribute)".into();
            };
            let cur = f
                .data
                .get(a as usize..a as usize + 2)
                .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]));
            let v = *rng.pick(&[
                0u16,
                1,
                2,
                3,
                4,
                5,
                7,
                8,
                cur.wrapping_sub(4),
                cur.wrapping_sub(1),
                cur.wrapping_add(1),
                cur.wrapping_add(4),
                cur.wrapping_add(0x100),
                0x7fff,
                0x8000,
                0xfffc,
                0xffff,
            ]);
            put(&mut f.data, a as usize, &u16_bytes(v, o));
            format!("nla_len at {a} = {v:#x}")
        }
        8 => {
            let Some(&a) = (!s.attrs.is_empty()).then(|| rng.pick(&s.attrs)) else {
                return "nothing (no attribute)".into();
            };
            let at = a as usize + 2;
            let cur = f.data.get(at..at + 2).map_or(0, |b| match o {
                ByteOrder::Little => u16::from_le_bytes([b[0], b[1]]),
                ByteOrder::Big => u16::from_be_bytes([b[0], b[1]]),
            });
            let v = match rng.below(5) {
                0 => cur ^ 0x8000,
                1 => cur ^ 0x4000,
                2 => 0,
                3 => cur & 0xc000 | 0x3fff,
                _ => cur.wrapping_add(1),
            };
            put(&mut f.data, at, &u16_bytes(v, o));
            format!("nla_type at {a} = {v:#x}")
        }
        9 => {
            // Duplicate a message of this frame, or splice in one from
            // another frame (maybe another family), at a message boundary
            // or anywhere.
            let other = rng.pick(all);
            let src = if rng.below(2) == 0 { s } else { other };
            let Some(&m) = (!src.msgs.is_empty()).then(|| rng.pick(&src.msgs)) else {
                return "nothing (no message to copy)".into();
            };
            let from = m as usize;
            let len = src
                .frame
                .data
                .get(from..from + 4)
                .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
            let end = from.saturating_add(len).min(src.frame.data.len());
            let piece = src.frame.data.get(from..end).unwrap_or(&[]).to_vec();
            let at = if rng.below(3) == 0 {
                base + rng.below(plen + 1)
            } else {
                s.msgs
                    .get(rng.below(s.msgs.len().max(1)))
                    .map_or(f.data.len(), |&x| x as usize)
            }
            .min(f.data.len());
            f.data.splice(at..at, piece.iter().copied());
            format!(
                "{} bytes of {} frame {} at {m} spliced in at {at}",
                piece.len(),
                src.capture,
                src.frame.number
            )
        }
        10 => {
            // The head of this frame, the tail of another.
            let other = rng.pick(all);
            let cut = base + rng.below(plen + 1);
            let ob = other.frame.payload_offset.min(other.frame.data.len());
            let from = ob + rng.below(other.frame.data.len() - ob + 1);
            f.data.truncate(cut);
            f.data.extend_from_slice(&other.frame.data[from..]);
            format!(
                "cut at {cut}, then {} frame {} from {from}",
                other.capture, other.frame.number
            )
        }
        _ => {
            if rng.below(2) == 0 {
                let p = *rng.pick(&[
                    None,
                    Some(0u16),
                    Some(4),
                    Some(9),
                    Some(12),
                    Some(15),
                    Some(16),
                    Some(0xffff),
                ]);
                f.protocol = p;
                format!("protocol = {p:?}")
            } else {
                let b = match f.byte_order {
                    Some(ByteOrder::Big) => ByteOrder::Little,
                    _ => ByteOrder::Big,
                };
                f.byte_order = Some(b);
                format!("byte order = {b:?}")
            }
        }
    }
}

// ------------------------------------------------------------------ driver

/// Dissects, checks and renders one mutant; a panic becomes an error.
fn run_one(
    dis: &mut Dissector,
    rend: &mut Renderers,
    d: &mut Dissection,
    frame: &Frame,
) -> Result<(), String> {
    let r = catch_unwind(AssertUnwindSafe(|| {
        dis.dissect(frame, d);
        check(frame, d)?;
        rend.check(frame, d)
    }));
    match r {
        Ok(r) => r,
        Err(p) => {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("PANIC: {msg}"))
        }
    }
}

/// Collected failures, at most a few per kind so one bug does not hide
/// another.
#[derive(Default)]
struct Failures {
    list: Vec<String>,
    kinds: std::collections::BTreeMap<String, usize>,
}

impl Failures {
    fn add(&mut self, s: &Sample, what: &str, frame: &Frame, err: String) {
        let kind: String = err.chars().take_while(|c| *c != ':').take(60).collect();
        let n = self.kinds.entry(kind).or_default();
        *n += 1;
        if *n <= 2 && self.list.len() < 20 {
            self.list.push(format!(
                "{} frame {} [{what}] protocol {:?} order {:?}: {err}\n    payload: {}",
                s.capture,
                s.frame.number,
                frame.protocol,
                frame.byte_order,
                hex::encode(frame.payload())
            ));
        }
    }

    fn assert_none(self, iterations: usize) {
        assert!(
            self.list.is_empty(),
            "{iterations} mutants, failures by kind {:?}:\n{}",
            self.kinds,
            self.list.join("\n")
        );
    }
}

/// Runs `per_frame` random mutants (each 1-3 stacked mutations) of every
/// `stride`-th sample frame, starting at `phase`.
fn fuzz(seed_mix: u64, stride: usize, phase: usize, per_frame: usize) {
    let all = samples();
    let mut rng = Rng::new(seed() ^ seed_mix);
    let mut fails = Failures::default();
    let mut iterations = 0;
    let mut current = String::new();
    let mut dis = Dissector::new(specs());
    let mut rend = Renderers::new();
    let mut d = Dissection::default();
    // Silence the default hook's backtrace spam; failures are reported below.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for s in all.iter().skip(phase).step_by(stride) {
        if s.capture != current {
            current = s.capture.clone();
            dis = Dissector::new(specs());
            rend = Renderers::new();
        }
        // The clean frame first, so the context learns as in a real run.
        if let Err(e) = run_one(&mut dis, &mut rend, &mut d, &s.frame) {
            fails.add(s, "unmutated", &s.frame, e);
        }
        for _ in 0..per_frame * scale() {
            let mut f = s.frame.clone();
            let n = 1 + rng.below(3);
            let what: Vec<String> = (0..n).map(|_| mutate(&mut rng, s, all, &mut f)).collect();
            iterations += 1;
            if let Err(e) = run_one(&mut dis, &mut rend, &mut d, &f) {
                fails.add(s, &what.join("; "), &f, e);
                // The context may be odd after a panic: start afresh.
                dis = Dissector::new(specs());
            }
        }
    }
    std::panic::set_hook(hook);
    eprintln!("{iterations} mutants");
    fails.assert_none(iterations);
}

// The random mutants, split in four so the test harness runs them in
// parallel. Each covers every fourth sample frame.
#[test]
fn fuzz_random_mutants_0() {
    fuzz(0, 4, 0, 12);
}
#[test]
fn fuzz_random_mutants_1() {
    fuzz(1, 4, 1, 12);
}
#[test]
fn fuzz_random_mutants_2() {
    fuzz(2, 4, 2, 12);
}
#[test]
fn fuzz_random_mutants_3() {
    fuzz(3, 4, 3, 12);
}

/// Every truncation of every sample frame of up to 200 bytes, and every
/// nlmsg_len edge value for every message of those frames.
#[test]
fn fuzz_truncations_and_nlmsg_len_edges() {
    let all = samples();
    let mut fails = Failures::default();
    let mut iterations = 0;
    let mut rend = Renderers::new();
    let mut d = Dissection::default();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut dis = Dissector::new(specs());
    // Small frames only, and each distinct payload once (the corpus repeats).
    let mut seen = std::collections::HashSet::new();
    for s in all.iter().filter(|s| s.frame.data.len() <= 200) {
        if !seen.insert((s.frame.protocol, s.frame.payload().to_vec())) {
            continue;
        }
        for cut in 0..s.frame.data.len() {
            let mut f = s.frame.clone();
            f.data.truncate(cut);
            iterations += 1;
            if let Err(e) = run_one(&mut dis, &mut rend, &mut d, &f) {
                fails.add(s, &format!("truncated to {cut}"), &f, e);
                dis = Dissector::new(specs());
            }
        }
        for &m in &s.msgs {
            let rest = s.frame.data.len() as u32 - m;
            for v in [0, 1, 15, 16, 17, rest - 1, rest + 1, rest + 16, 0xffff_ffff] {
                let mut f = s.frame.clone();
                put(&mut f.data, m as usize, &u32_bytes(v, order_of(&s.frame)));
                iterations += 1;
                if let Err(e) = run_one(&mut dis, &mut rend, &mut d, &f) {
                    fails.add(s, &format!("nlmsg_len at {m} = {v:#x}"), &f, e);
                    dis = Dissector::new(specs());
                }
            }
        }
    }
    std::panic::set_hook(hook);
    eprintln!("{iterations} mutants");
    fails.assert_none(iterations);
}

/// The checker itself must catch what it claims to: a node sticking out of
/// the frame, a child outside its parent, broken `end`s.
#[test]
fn checker_catches_bad_trees() {
    let s = samples()
        .iter()
        .find(|s| s.capture == "route-link-dump.pcap" && s.frame.number == 4)
        .expect("route-link-dump frame 4");
    let mut dis = Dissector::new(specs());
    let mut d = Dissection::default();
    dis.dissect(&s.frame, &mut d);
    assert_eq!(check(&s.frame, &d), Ok(()));
    assert!(d.nodes.len() > 100, "{} nodes", d.nodes.len());
    let attr = d
        .nodes
        .iter()
        .position(|n| matches!(n.kind, NodeKind::Attr { .. }) && n.end as usize > 1)
        .expect("an attribute");

    let mut bad = d.clone();
    bad.nodes[attr].len = s.frame.data.len() as u32;
    assert!(check(&s.frame, &bad).is_err(), "span past the frame");

    let mut bad = d.clone();
    let parent = (0..attr)
        .rev()
        .find(|&p| d.nodes[p].end as usize > attr)
        .expect("parent");
    bad.nodes[attr].offset = d.nodes[parent].offset.saturating_sub(4);
    assert!(check(&s.frame, &bad).is_err(), "child before its parent");

    let mut bad = d.clone();
    bad.nodes[attr].end = d.nodes.len() as u32 + 1;
    assert!(check(&s.frame, &bad).is_err(), "end past the arena");

    let mut bad = d.clone();
    let last = bad.messages.len() - 1;
    bad.messages[last].nodes.0 = 0;
    assert!(check(&s.frame, &bad).is_err(), "overlapping messages");
}

// ------------------------------------------------------------------ pcap files

/// Random files and damaged real captures fed to `open_capture`: no panic,
/// reading ends, and broken input gives an error naming a byte offset
/// inside the file.
#[test]
fn garbage_capture_files() {
    let mut rng = Rng::new(seed() ^ 0xca9);
    let reals: Vec<Vec<u8>> = [
        "route-errors-extack.pcap",
        "corpus/drizzt-ovs__ovs-netlink.pcapng",
        "corpus/nldecap__two_packets_be.pcap",
    ]
    .iter()
    .map(|r| std::fs::read(common::sample(r)).expect("read sample"))
    .collect();
    let pcap_le = &reals[0][..24];
    let mut outcomes = std::collections::BTreeMap::<&str, usize>::new();
    let mut dis = Dissector::new(specs());
    let mut d = Dissection::default();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut failures = Vec::new();
    for i in 0..400 * scale() {
        let mut rnd = |n: usize| (0..n).map(|_| rng.next() as u8).collect::<Vec<u8>>();
        let (kind, bytes): (&str, Vec<u8>) = match i % 5 {
            0 => {
                let n = i % 97;
                ("random", rnd(n))
            }
            1 => {
                let mut b = pcap_le.to_vec();
                b.extend(rnd(i % 300));
                ("pcap header + random", b)
            }
            2 => {
                // A pcapng section header block, then random blocks.
                let mut b = vec![
                    0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0,
                ];
                b.extend([0xff; 8]);
                b.extend([28, 0, 0, 0]);
                b.extend(rnd(i % 300));
                ("pcapng SHB + random", b)
            }
            _ => {
                let r = &reals[i % reals.len()];
                let mut b = r.clone();
                for _ in 0..1 + i % 4 {
                    let p = (rng.next() as usize) % b.len();
                    b[p] = if i % 2 == 0 {
                        rng.next() as u8
                    } else {
                        b[p] ^ 0x80
                    };
                }
                let cut = (rng.next() as usize) % (b.len() + 1);
                if i % 3 == 0 {
                    b.truncate(cut);
                }
                ("damaged real capture", b)
            }
        };
        let len = bytes.len() as u64;
        let head = bytes.get(..4).map(|h| h.to_vec());
        let r = catch_unwind(AssertUnwindSafe(|| -> Result<&'static str, String> {
            let mut src =
                match nldump::source::pcap::open_capture(Box::new(Cursor::new(bytes.clone()))) {
                    Ok(s) => s,
                    Err(e) => {
                        check_error(&e, len)?;
                        return Ok("refused at open");
                    }
                };
            for _ in 0..100_000 {
                match src.next_frame() {
                    Ok(Some(f)) => {
                        dis.dissect(&f, &mut d);
                        check(&f, &d)?;
                    }
                    Ok(None) => return Ok("read to the end"),
                    Err(e) => {
                        check_error(&e, len)?;
                        return Ok("error while reading");
                    }
                }
            }
            Err("more than 100000 frames from a small file".into())
        }));
        let outcome = match r {
            Ok(Ok(o)) => o,
            Ok(Err(e)) => {
                failures.push(format!(
                    "{kind} #{i}: {e}\n    file: {}",
                    hex::encode(&bytes)
                ));
                continue;
            }
            Err(_) => {
                failures.push(format!(
                    "{kind} #{i}: PANIC\n    file: {}",
                    hex::encode(&bytes)
                ));
                dis = Dissector::new(specs());
                continue;
            }
        };
        // Bytes that are not a capture must be refused at once.
        let magic = [
            [0xd4, 0xc3, 0xb2, 0xa1],
            [0xa1, 0xb2, 0xc3, 0xd4],
            [0x4d, 0x3c, 0xb2, 0xa1],
            [0xa1, 0xb2, 0x3c, 0x4d],
            [0x0a, 0x0d, 0x0d, 0x0a],
        ];
        if kind == "random"
            && !head.as_ref().is_some_and(|h| magic.iter().any(|m| h == m))
            && outcome != "refused at open"
        {
            failures.push(format!(
                "{kind} #{i}: {outcome}, expected refused at open\n    file: {}",
                hex::encode(&bytes)
            ));
        }
        *outcomes.entry(outcome).or_default() += 1;
    }
    std::panic::set_hook(hook);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The inputs must actually exercise every path.
    eprintln!("outcomes: {outcomes:?}");
    for o in ["refused at open", "error while reading", "read to the end"] {
        assert!(
            outcomes.get(o).copied().unwrap_or(0) >= 10,
            "too few '{o}': {outcomes:?}"
        );
    }
}

/// An error must say what and where: a non-empty message, and an offset
/// within the file for truncated or corrupt records.
fn check_error(e: &SourceError, file_len: u64) -> Result<(), String> {
    let text = e.to_string();
    if text.trim().is_empty() {
        return Err(format!("empty error message: {e:?}"));
    }
    match e {
        SourceError::Truncated { at, .. } | SourceError::Corrupt { at, .. } if *at > file_len => {
            Err(format!(
                "error offset {at} beyond the file's {file_len} bytes: {text}"
            ))
        }
        SourceError::Io(_) => Err(format!("I/O error from an in-memory file: {text}")),
        _ => Ok(()),
    }
}

// ------------------------------------------------------------------ found by the fuzzer

/// A netlink message in little-endian order: header, then `body`.
fn nlmsg(msg_type: u16, flags: u16, seq: u32, body: &[u8]) -> Vec<u8> {
    let mut m = Vec::new();
    m.extend(((16 + body.len()) as u32).to_le_bytes());
    m.extend(msg_type.to_le_bytes());
    m.extend(flags.to_le_bytes());
    m.extend(seq.to_le_bytes());
    m.extend(0u32.to_le_bytes());
    m.extend(body);
    m
}

/// A netlink attribute, padded to 4 bytes.
fn nla(t: u16, value: &[u8]) -> Vec<u8> {
    let mut a = Vec::new();
    a.extend(((4 + value.len()) as u16).to_le_bytes());
    a.extend(t.to_le_bytes());
    a.extend(value);
    while a.len() % 4 != 0 {
        a.push(0);
    }
    a
}

fn genl_frame(number: u64, payload: Vec<u8>) -> Frame {
    Frame {
        number,
        protocol: Some(nldump::frame::proto::GENERIC),
        byte_order: Some(ByteOrder::Little),
        data: payload,
        payload_offset: 0,
        ..Frame::default()
    }
}

/// Found by fuzz_random_mutants_3 (a mutated CTRL_CMD_NEWFAMILY taught a
/// family name holding 0x1a). A generic netlink family name comes from the
/// wire (CTRL_ATTR_FAMILY_NAME); the one-line text output prints it raw in
/// the message head (src/render/text.rs, `name.push_str(f)` for
/// `g.family`), so a capture can put escape sequences on the terminal.
#[test]
fn genl_family_name_from_wire_is_escaped_in_text() {
    // nlctrl NEWFAMILY: id 0x30, name "\x1b[2Jevil".
    let mut body = vec![1, 2, 0, 0]; // CTRL_CMD_NEWFAMILY, version 2
    body.extend(nla(1, &0x30u16.to_le_bytes())); // CTRL_ATTR_FAMILY_ID
    body.extend(nla(2, b"\x1b[2Jevil\0")); // CTRL_ATTR_FAMILY_NAME
    let announce = genl_frame(1, nlmsg(0x10, 0, 1, &body));
    let use_it = genl_frame(2, nlmsg(0x30, 1, 2, &[1, 1, 0, 0]));
    let mut dis = Dissector::new(specs());
    let mut d = Dissection::default();
    let mut rend = Renderers::new();
    dis.dissect(&announce, &mut d);
    assert_eq!(rend.check(&announce, &d), Ok(()));
    dis.dissect(&use_it, &mut d);
    let g = d.messages[0].genl.as_ref().expect("genl info");
    assert_eq!(
        g.family.as_deref(),
        Some("\x1b[2Jevil"),
        "the family was learned"
    );
    assert_eq!(rend.check(&use_it, &d), Ok(()));
}

// ------------------------------------------------------------------ adversarial shapes

/// `depth` attributes of type `t` (NLA_F_NESTED set), each holding the next,
/// the innermost holding 4 bytes.
fn deep_nest(t: u16, depth: usize) -> Vec<u8> {
    let mut inner = nla(1, &[0xaa; 4]);
    for _ in 0..depth {
        inner = nla(t | 0x8000, &inner);
        if inner.len() > 0xfff0 {
            break;
        }
    }
    inner
}

/// Shapes random mutation rarely builds: thousands of nesting levels,
/// thousands of attributes, thousands of messages in one frame. Each must
/// decode within the invariants, and quickly (no quadratic blow-up).
#[test]
fn adversarial_shapes() {
    let route = |n: u64, payload: Vec<u8>| Frame {
        protocol: Some(nldump::frame::proto::ROUTE),
        ..genl_frame(n, payload)
    };
    let ifinfomsg = [0u8; 16];
    let mut cases: Vec<(&str, Frame)> = Vec::new();
    // Unknown genl family, nested-flagged attributes all the way down.
    let mut body = vec![1, 1, 0, 0];
    body.extend(deep_nest(7, 5000));
    cases.push(("genl deep nest", genl_frame(1, nlmsg(0x40, 0, 1, &body))));
    // RTM_NEWLINK, IFLA_LINKINFO (18) inside itself.
    let mut body = ifinfomsg.to_vec();
    body.extend(deep_nest(18, 5000));
    cases.push(("route deep IFLA_LINKINFO", route(2, nlmsg(16, 0, 1, &body))));
    // IFLA_AF_SPEC (26) inside itself.
    let mut body = ifinfomsg.to_vec();
    body.extend(deep_nest(26, 5000));
    cases.push(("route deep IFLA_AF_SPEC", route(3, nlmsg(16, 0, 1, &body))));
    // 16000 empty attributes.
    let mut body = ifinfomsg.to_vec();
    for i in 0..16000u16 {
        body.extend(nla(i % 60, &[]));
    }
    cases.push(("route 16000 attributes", route(4, nlmsg(16, 0, 1, &body))));
    // 4000 requests with ACK in one frame, then 4000 ACKs for them.
    let mut reqs = Vec::new();
    let mut acks = Vec::new();
    for seq in 0..4000u32 {
        let req = nlmsg(18, 5, seq, &ifinfomsg); // RTM_GETLINK, REQUEST|ACK
        let mut ack = 0i32.to_le_bytes().to_vec();
        ack.extend(&req[..16]);
        acks.extend(nlmsg(2, 0x100, seq, &ack));
        reqs.extend(req);
    }
    cases.push(("4000 requests", route(5, reqs)));
    cases.push(("4000 ACKs", route(6, acks)));
    let mut dis = Dissector::new(specs());
    let mut d = Dissection::default();
    let mut rend = Renderers::new();
    for (what, f) in &cases {
        let t = std::time::Instant::now();
        let r = run_one(&mut dis, &mut rend, &mut d, f);
        assert_eq!(r, Ok(()), "{what}");
        let ms = t.elapsed().as_millis();
        eprintln!(
            "{what}: {} messages, {} nodes, {ms} ms",
            d.messages.len(),
            d.nodes.len()
        );
        assert!(ms < 5000, "{what}: {ms} ms");
    }
}

/// Bare message bodies (what `--type` decodes): every distinct message body
/// of the samples, decoded without its nlmsghdr under its own type, clean
/// and mutated.
#[test]
fn fuzz_bare_bodies() {
    let all = samples();
    let mut rng = Rng::new(seed() ^ 0xba5e);
    let (mut bodies, mut decoded) = (0, 0);
    let mut fails = Failures::default();
    let mut iterations = 0;
    let mut rend = Renderers::new();
    let mut d = Dissection::default();
    let mut learn = Dissector::new(specs());
    let mut current = String::new();
    let mut seen = std::collections::HashSet::new();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for s in all {
        if s.capture != current {
            current = s.capture.clone();
            learn = Dissector::new(specs());
        }
        learn.dissect(&s.frame, &mut d);
        let msgs: Vec<(u32, u32, u16, Option<String>)> = d
            .messages
            .iter()
            .filter(|m| !m.headerless && m.hdr.msg_type >= 16)
            .map(|m| {
                let fam = m
                    .genl
                    .as_ref()
                    .and_then(|g| g.family.as_deref())
                    .map(str::to_string);
                (m.offset, m.avail, m.hdr.msg_type, fam)
            })
            .collect();
        for (off, avail, t, fam) in msgs {
            let start = off as usize + 16;
            let end = (off as usize + avail as usize).min(s.frame.data.len());
            let Some(body) = s.frame.data.get(start..end) else {
                continue;
            };
            if !seen.insert((s.frame.protocol, t, body.to_vec())) {
                continue;
            }
            let bare = Sample {
                capture: s.capture.clone(),
                frame: Frame {
                    data: body.to_vec(),
                    payload_offset: 0,
                    ..s.frame.clone()
                },
                msgs: Vec::new(),
                attrs: s
                    .attrs
                    .iter()
                    .filter(|&&a| a as usize >= start && (a as usize) < end)
                    .map(|&a| a - start as u32)
                    .collect(),
            };
            let mut dis = Dissector::new(specs());
            dis.hints.protocol = s.frame.protocol;
            dis.hints.bare_type = Some(t);
            dis.hints.bare_genl_family = fam.clone();
            let what0 = format!("bare body of type {t:#x} family {fam:?} from byte {start}");
            iterations += 1;
            if let Err(e) = run_one(&mut dis, &mut rend, &mut d, &bare.frame) {
                fails.add(&bare, &what0, &bare.frame, e);
            }
            bodies += 1;
            // The clean body decodes as one headerless message with fields.
            if d.messages.len() == 1 && d.messages[0].headerless && d.nodes.len() > 2 {
                decoded += 1;
            }
            for _ in 0..3 * scale() {
                let mut f = bare.frame.clone();
                let what = mutate(&mut rng, &bare, all, &mut f);
                iterations += 1;
                if let Err(e) = run_one(&mut dis, &mut rend, &mut d, &f) {
                    fails.add(&bare, &format!("{what0}; {what}"), &f, e);
                }
            }
        }
    }
    std::panic::set_hook(hook);
    eprintln!("{bodies} bare bodies ({decoded} decoded clean), {iterations} runs");
    assert!(
        bodies > 500 && decoded * 10 > bodies * 9,
        "{bodies} bodies, {decoded} decoded"
    );
    fails.assert_none(iterations);
}
