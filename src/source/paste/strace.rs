//! Whole strace logs.
//!
//! Every read/write/send*/recv* buffer on a netlink fd becomes a frame. Which
//! fds are netlink comes from `socket(AF_NETLINK, …, NETLINK_X) = fd` lines,
//! from `-yy` annotations (`3<NETLINK:[ROUTE:1234]>`), or, for a log cut from
//! the middle, from `sa_family=AF_NETLINK` in a sendmsg/recvmsg/sendto/
//! recvfrom address. Bytes come from `-e read=/write=` dumps when present
//! (checked against the quoted string when both are there), else from the
//! quoted strings. Prefixes handled: `-f` pids (`1234 ` and `[pid 1234] `),
//! `-t`, `-tt`, `-ttt`, `-r` timestamps, `-T` durations,
//! `<unfinished ...>`/`<... resumed>` pairs.

use super::escape::decode_quoted;
use super::{Out, Severity};
use crate::frame::{proto, Direction, Frame, Timestamp};
use std::collections::HashMap;

const DECODED_ADVICE: &str = "strace decoded these netlink messages itself, so their bytes are not in the log; \
     run strace with `-e read=all -e write=all` (or `-e read=FD -e write=FD`) to record hex dumps of them";

/// True when some line of the text is a strace syscall line.
pub(super) fn is_strace_log(lines: &[&str]) -> bool {
    lines
        .iter()
        .any(|l| parse_prefix(l).is_some_and(|p| syscall_start(p.rest).is_some()))
}

/// What the log says about an fd.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FdKind {
    /// A netlink socket, with its protocol when known.
    Netlink(Option<u16>),
    Other,
}

#[derive(Debug, Clone, Copy)]
enum RawTs {
    /// `-t`, `-tt`: time of day.
    Clock(Timestamp),
    /// `-ttt`: since the epoch.
    Epoch(Timestamp),
    /// `-r`: since the previous syscall.
    Relative(Timestamp),
}

struct Prefix<'a> {
    pid: Option<u32>,
    ts: Option<RawTs>,
    rest: &'a str,
}

fn parse_ts(tok: &str) -> Option<(u64, u32, bool)> {
    // Returns secs, nanos, and whether it was a clock time (HH:MM:SS).
    let (main, frac) = match tok.split_once('.') {
        Some((m, f)) => (m, Some(f)),
        None => (tok, None),
    };
    let nanos = match frac {
        Some(f) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|c| c.is_ascii_digit()) => {
            let v: u32 = f.parse().ok()?;
            v.checked_mul(10u32.pow(9 - f.len() as u32))?
        }
        Some(_) => return None,
        None => 0,
    };
    let parts: Vec<&str> = main.split(':').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    match parts.as_slice() {
        [h, m, s] if h.len() == 2 && m.len() == 2 && s.len() == 2 => {
            let secs = h.parse::<u64>().ok()? * 3600
                + m.parse::<u64>().ok()? * 60
                + s.parse::<u64>().ok()?;
            Some((secs, nanos, true))
        }
        [s] if frac.is_some() => Some((s.parse().ok()?, nanos, false)),
        _ => None,
    }
}

fn parse_prefix(line: &str) -> Option<Prefix<'_>> {
    let mut rest = line.trim_start();
    let mut pid = None;
    if let Some(r) = rest.strip_prefix("[pid") {
        let (num, after) = r.trim_start().split_once(']')?;
        pid = Some(num.trim().parse().ok()?);
        rest = after.trim_start();
    } else if let Some((num, after)) = rest.split_once(' ') {
        if !num.is_empty() && num.bytes().all(|c| c.is_ascii_digit()) && num.len() <= 10 {
            pid = num.parse().ok();
            rest = after.trim_start();
        }
    }
    let mut ts = None;
    if let Some((tok, after)) = rest.split_once(' ') {
        if let Some((secs, nanos, clock)) = parse_ts(tok) {
            let t = Timestamp::new(secs, nanos);
            ts = Some(if clock {
                RawTs::Clock(t)
            } else if secs < 100_000_000 {
                RawTs::Relative(t)
            } else {
                RawTs::Epoch(t)
            });
            rest = after.trim_start();
        }
    }
    Some(Prefix { pid, ts, rest })
}

/// How a line starts a call: `name(` or `<... name resumed>`.
enum Start<'a> {
    Call { name: &'a str, after: &'a str },
    Resumed { name: &'a str, after: &'a str },
}

fn syscall_start(rest: &str) -> Option<Start<'_>> {
    if let Some(r) = rest.strip_prefix("<... ") {
        let (name, after) = r.split_once(" resumed>")?;
        return Some(Start::Resumed { name, after });
    }
    let open = rest.find('(')?;
    let name = rest.get(..open)?;
    if name.is_empty() || !name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') {
        return None;
    }
    let after = rest.get(open + 1..)?;
    Some(Start::Call { name, after })
}

/// Calls `f(index, byte)` for every byte of `s` outside double-quoted
/// strings (escapes honoured) until `f` returns false.
fn outside_strings(s: &str, mut f: impl FnMut(usize, u8) -> bool) {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'"' {
            i += 1;
            while let Some(&d) = b.get(i) {
                if d == b'\\' {
                    i += 2;
                    continue;
                }
                if d == b'"' {
                    break;
                }
                i += 1;
            }
        } else if !f(i, c) {
            return;
        }
        i += 1;
    }
}

/// Finds the `)` closing the argument list, skipping strings and nesting.
fn close_paren(s: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut found = None;
    outside_strings(s, |i, c| {
        match c {
            b'(' | b'[' | b'{' => depth += 1,
            b']' | b'}' => depth -= 1,
            b')' if depth == 0 => {
                found = Some(i);
                return false;
            }
            b')' => depth -= 1,
            _ => {}
        }
        true
    });
    found
}

/// Top-level comma-separated pieces of an argument list.
fn split_args(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    // Every piece between commas counts (its index is the argument's);
    // only an empty tail after the last comma is dropped.
    let mut push = |from: usize, to: usize, last: bool| {
        if let Some(a) = s.get(from..to) {
            if !(last && a.trim().is_empty()) {
                let lead = a.len() - a.trim_start().len();
                out.push((from + lead, a.trim()));
            }
        }
    };
    let mut depth = 0i32;
    let mut start = 0;
    outside_strings(s, |i, c| {
        match c {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b',' if depth == 0 => {
                push(start, i, false);
                start = i + 1;
            }
            _ => {}
        }
        true
    });
    push(start, s.len(), true);
    out
}

/// Netlink protocol from a socket() protocol argument: `NETLINK_ROUTE`,
/// `0x10 /* NETLINK_??? */`, `16`.
fn protocol_arg(a: &str) -> Option<u16> {
    let a = a.split("/*").next().unwrap_or(a).trim();
    if let Some(h) = a.strip_prefix("0x") {
        return u16::from_str_radix(h, 16).ok();
    }
    proto::parse(a)
}

/// The fd number and any `-y`/`-yy` annotation of an fd argument.
fn fd_arg(a: &str) -> Option<(i64, Option<FdKind>)> {
    let digits_end = a.find(|c: char| !c.is_ascii_digit()).unwrap_or(a.len());
    let fd: i64 = a.get(..digits_end)?.parse().ok()?;
    let ann = a.get(digits_end..).unwrap_or("");
    let kind = ann.strip_prefix('<').map(|inner| {
        if let Some(r) = inner.strip_prefix("NETLINK:[") {
            // `ROUTE:1234]>` (protocol:port) or `34584]>` (inode only).
            let proto = r.split_once(':').and_then(|(p, _)| proto::parse(p));
            FdKind::Netlink(proto)
        } else {
            FdKind::Other
        }
    });
    Some((fd, kind))
}

/// Return value: `Some(n)` for success, None for `-1 E…` or `?`.
fn parse_ret(s: &str) -> Option<i64> {
    let tok = s.split_ascii_whitespace().next()?;
    let end = tok
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(tok.len());
    let tok = tok.get(..end)?;
    let v = if let Some(h) = tok.strip_prefix("0x") {
        i64::from_str_radix(h, 16).ok()?
    } else {
        tok.parse().ok()?
    };
    (v >= 0).then_some(v)
}

/// One buffer of a call as the log shows it.
enum Buf {
    Bytes {
        bytes: Vec<u8>,
        cut: bool,
    },
    /// strace's structured netlink decoding (`[{nlmsg_len=…`).
    Decoded,
    /// A bare pointer or NULL: nothing recorded.
    NotShown,
}

/// A finished call waiting for the dump lines that may follow it.
struct Call {
    line: usize,
    pid: Option<u32>,
    ts: Option<Timestamp>,
    name: String,
    fd: Option<(i64, Option<FdKind>)>,
    ret: Option<i64>,
    bufs: Vec<Buf>,
    af_netlink: bool,
    peek: bool,
    dump: Vec<u8>,
    /// Where the current iovec's dump starts in `dump`.
    dump_buf_start: usize,
    dumped: bool,
}

#[derive(Default)]
struct State {
    fds: HashMap<(Option<u32>, i64), FdKind>,
    pending: HashMap<Option<u32>, (usize, Option<RawTs>, String, String)>,
    rel_total: Option<Timestamp>,
    decoded_calls: usize,
    first_decoded: Option<usize>,
    unknown_fd_lines: usize,
}

pub(super) fn parse(lines: &[&str], out: &mut Out) {
    let mut st = State::default();
    let mut call: Option<Call> = None;
    for (idx, raw) in lines.iter().enumerate() {
        let n = idx + 1;
        let t = raw.trim();
        if let Some(c) = call.as_mut() {
            if t.starts_with('|') && t.ends_with('|') && t.len() > 1 {
                dump_line(c, raw, n, out);
                continue;
            }
            if t.starts_with("* ") && t.contains("bytes in buffer") {
                continue;
            }
        }
        if let Some(c) = call.take() {
            finish(c, &mut st, out);
        }
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let Some(p) = parse_prefix(raw) else { continue };
        let rest = p.rest.trim_end();
        if rest.starts_with("+++") || rest.starts_with("---") || t.starts_with("strace: ") {
            continue;
        }
        let (line_no, ts, name, args_text) = match syscall_start(rest) {
            Some(Start::Call { name, after }) => {
                if let Some(head) = after.strip_suffix("<unfinished ...>") {
                    st.pending
                        .insert(p.pid, (n, p.ts, name.to_string(), head.to_string()));
                    continue;
                }
                (n, p.ts, name.to_string(), after.to_string())
            }
            Some(Start::Resumed { name, after }) => match st.pending.remove(&p.pid) {
                Some((l, ts, pname, head)) if pname == name => (l, ts, pname, head + after),
                _ => {
                    out.warn(
                        n,
                        format!("`{name}` resumed without its start in the log; skipped"),
                    );
                    out.skipped.add("strace call resumed without its start");
                    continue;
                }
            },
            None => {
                if t.starts_with('|') {
                    out.warn(n, "hex dump line with no call before it; ignored");
                } else {
                    out.warn(n, format!("not a strace line, ignored: `{}`", truncate(t)));
                }
                continue;
            }
        };
        let ts = ts.map(|r| resolve_ts(r, &mut st));
        call = parse_call(line_no, p.pid, ts, &name, &args_text, &mut st, out);
    }
    if let Some(c) = call.take() {
        finish(c, &mut st, out);
    }
    for (pid, (l, _, name, _)) in std::mem::take(&mut st.pending) {
        let who = pid.map_or(String::new(), |p| format!(" (pid {p})"));
        out.warn(
            l,
            format!("`{name}`{who} never finished in the log; skipped"),
        );
    }
    if let Some(first) = st.first_decoded {
        out.decoded_only = true;
        out.warn(
            first,
            format!(
                "{} ({} calls from here on)",
                DECODED_ADVICE, st.decoded_calls
            ),
        );
    }
    if st.unknown_fd_lines > 0 {
        out.diag(
            1,
            Severity::Note,
            format!(
                "{} read/write-type calls on fds the log never shows to be netlink were skipped \
                 (no socket() line, no -yy annotation, no AF_NETLINK address)",
                st.unknown_fd_lines
            ),
        );
    }
}

fn truncate(s: &str) -> String {
    let mut t: String = s.chars().take(60).collect();
    if t.len() < s.len() {
        t.push('…');
    }
    t
}

fn resolve_ts(r: RawTs, st: &mut State) -> Timestamp {
    match r {
        RawTs::Clock(t) | RawTs::Epoch(t) => t,
        RawTs::Relative(d) => {
            // -r prints the time since the previous syscall: sum them so
            // the frames get offsets from the first call.
            let prev = st.rel_total.unwrap_or_default();
            let nanos = prev.nanos as u64 + d.nanos as u64;
            let t = Timestamp::new(
                prev.secs
                    .saturating_add(d.secs)
                    .saturating_add(nanos / 1_000_000_000),
                (nanos % 1_000_000_000) as u32,
            );
            st.rel_total = Some(t);
            t
        }
    }
}

const SEND: &[&str] = &[
    "sendto", "sendmsg", "write", "writev", "send", "pwrite64", "sendmmsg",
];
const RECV: &[&str] = &[
    "recvfrom", "recvmsg", "read", "readv", "recv", "pread64", "recvmmsg",
];

fn parse_call(
    line: usize,
    pid: Option<u32>,
    ts: Option<Timestamp>,
    name: &str,
    text: &str,
    st: &mut State,
    out: &mut Out,
) -> Option<Call> {
    let Some(close) = close_paren(text) else {
        out.warn(
            line,
            format!("`{name}(` has no closing parenthesis (line cut?); skipped"),
        );
        out.skipped.add("strace line cut short");
        return None;
    };
    let args = split_args(text.get(..close).unwrap_or(""));
    let after = text.get(close + 1..).unwrap_or("").trim_start();
    let ret = after
        .strip_prefix('=')
        .and_then(|r| parse_ret(r.trim_start()));
    let ret_text = after.strip_prefix('=').unwrap_or("").trim();
    let key = |fd: i64| (pid, fd);
    match name {
        "socket" => {
            let fd = ret_text
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|d| d.parse::<i64>().ok());
            if let (Some(fd), Some(_)) = (fd, ret) {
                let fam = args.first().map_or("", |a| a.1);
                let netlink = matches!(fam, "AF_NETLINK" | "PF_NETLINK" | "0x10" | "16");
                let kind = if netlink {
                    FdKind::Netlink(args.get(2).and_then(|a| protocol_arg(a.1)))
                } else {
                    FdKind::Other
                };
                st.fds.insert(key(fd), kind);
            }
            return None;
        }
        "close" => {
            if let Some((fd, _)) = args.first().and_then(|a| fd_arg(a.1)) {
                if ret.is_some() {
                    st.fds.remove(&key(fd));
                }
            }
            return None;
        }
        "dup" | "dup2" | "dup3" | "fcntl" | "fcntl64" => {
            let is_dupfd = !name.starts_with("fcntl")
                || args.get(1).is_some_and(|a| a.1.starts_with("F_DUPFD"));
            if let (true, Some(new), Some((old, _))) =
                (is_dupfd, ret, args.first().and_then(|a| fd_arg(a.1)))
            {
                if let Some(k) = st.fds.get(&key(old)).copied() {
                    st.fds.insert(key(new), k);
                }
            }
            return None;
        }
        _ => {}
    }
    if !SEND.contains(&name) && !RECV.contains(&name) {
        return None;
    }
    let fd = args.first().and_then(|a| fd_arg(a.1));
    let buf_arg = args.get(1).map_or("", |a| a.1);
    let mut bufs = Vec::new();
    let msg_style = buf_arg.starts_with('{') || buf_arg.starts_with('[');
    if msg_style && buf_arg.contains("iov_base=") {
        let mut rest = buf_arg;
        while let Some(p) = rest.find("iov_base=") {
            let base = rest.get(p..).unwrap_or("");
            let v = base.get("iov_base=".len()..).unwrap_or("");
            let at = p + "iov_base=".len();
            bufs.push(buffer_value(v, line, name, out));
            let skip = if v.starts_with('"') {
                decode_quoted(v, 0).map_or(1, |q| q.end)
            } else {
                1
            };
            rest = rest.get(at + skip..).unwrap_or("");
        }
    } else {
        bufs.push(buffer_value(buf_arg, line, name, out));
    }
    let af_netlink = args
        .iter()
        .any(|a| a.1.contains("sa_family=AF_NETLINK") || a.1.contains("sa_family=0x10"));
    let peek = args.iter().skip(2).any(|a| a.1.contains("MSG_PEEK"));
    Some(Call {
        line,
        pid,
        ts,
        name: name.to_string(),
        fd,
        ret,
        bufs,
        af_netlink,
        peek,
        dump: Vec::new(),
        dump_buf_start: 0,
        dumped: false,
    })
}

fn buffer_value(v: &str, line: usize, name: &str, out: &mut Out) -> Buf {
    if v.starts_with('"') {
        match decode_quoted(v, 0) {
            Ok(q) => Buf::Bytes {
                bytes: q.bytes,
                cut: q.cut,
            },
            Err(e) => {
                out.error(
                    line,
                    format!(
                        "the buffer of `{name}` could not be read: {} (byte {} of the argument)",
                        e.message, e.at
                    ),
                );
                Buf::NotShown
            }
        }
    } else if v.starts_with('[') || v.starts_with('{') {
        Buf::Decoded
    } else {
        Buf::NotShown
    }
}

fn dump_line(c: &mut Call, raw: &str, n: usize, out: &mut Out) {
    let Some((off, bytes)) = super::hexdump::strace_dump_line(raw, n, out) else {
        return;
    };
    // Each iovec's dump starts again at 0; within one, offsets run on.
    let have = c.dump.len() - c.dump_buf_start;
    if off == 0 && have > 0 {
        c.dump_buf_start = c.dump.len();
    } else if off != have as u64 {
        out.error(
            n,
            format!("dump offset {off:#x} but {have:#x} bytes of this buffer so far: a dump line is missing or out of place"),
        );
    }
    c.dump.extend(bytes);
    c.dumped = true;
}

fn finish(c: Call, st: &mut State, out: &mut Out) {
    let direction = if SEND.contains(&c.name.as_str()) {
        Direction::ToKernel
    } else {
        Direction::FromKernel
    };
    // Which socket?
    let (fd, ann) = c.fd.unwrap_or((-1, None));
    let known = ann
        .or_else(|| st.fds.get(&(c.pid, fd)).copied())
        .or_else(|| {
            // -f: a child inherits fds; take the entry of another pid when all agree.
            let mut it = st
                .fds
                .iter()
                .filter(|((_, f), _)| *f == fd)
                .map(|(_, k)| *k);
            let first = it.next()?;
            it.all(|k| k == first).then_some(first)
        });
    let protocol = match known {
        Some(FdKind::Netlink(p)) => p,
        Some(FdKind::Other) => {
            out.skipped.add("calls on non-netlink fds");
            return;
        }
        None if c.af_netlink => None,
        None if c.bufs.iter().any(|b| matches!(b, Buf::Decoded)) && c.dump.is_empty() => None,
        None => {
            st.unknown_fd_lines += 1;
            out.skipped.add("calls on fds not known to be netlink");
            return;
        }
    };
    let Some(ret) = c.ret else {
        out.skipped.add("failed calls");
        return;
    };
    if c.peek {
        out.skipped
            .add("MSG_PEEK calls (the next call reads the same data)");
        return;
    }
    let any_decoded = c.bufs.iter().any(|b| matches!(b, Buf::Decoded));
    let all_bytes = !c.bufs.is_empty() && c.bufs.iter().all(|b| matches!(b, Buf::Bytes { .. }));
    let mut from_string = Vec::new();
    let mut cut = false;
    for b in &c.bufs {
        if let Buf::Bytes { bytes, cut: bc } = b {
            from_string.extend_from_slice(bytes);
            cut |= *bc;
        }
    }
    let data = if c.dumped {
        if all_bytes && !from_string.is_empty() {
            let n = from_string.len().min(c.dump.len());
            if let Some(i) = (0..n).find(|&i| from_string.get(i) != c.dump.get(i)) {
                out.warn(
                    c.line,
                    format!("the quoted string and the hex dump of this call differ at byte {i}; the hex dump is used"),
                );
            } else if !cut && from_string.len() != c.dump.len() {
                out.warn(
                    c.line,
                    format!(
                        "the quoted string has {} bytes but the hex dump {}; the hex dump is used",
                        from_string.len(),
                        c.dump.len()
                    ),
                );
            }
        }
        cut = false;
        c.dump
    } else if all_bytes {
        from_string
    } else if any_decoded {
        st.decoded_calls += 1;
        st.first_decoded.get_or_insert(c.line);
        return;
    } else {
        if ret > 0 {
            out.skipped.add("calls whose buffer strace did not show");
        }
        return;
    };
    if data.is_empty() {
        out.skipped.add("calls that moved no bytes");
        return;
    }
    let ret_u = u32::try_from(ret).unwrap_or(u32::MAX);
    let orig_len = if ret_u as usize > data.len() {
        Some(ret_u)
    } else {
        None
    };
    if cut {
        out.diag(
            c.line,
            Severity::Warning,
            format!(
                "strace cut this buffer to {} of {} bytes (`-s`); `strace -s 65536` or `-e read=all -e write=all` records all of it",
                data.len(),
                ret
            ),
        );
    }
    let origin = match c.pid {
        Some(p) => format!("line {}, pid {p}", c.line),
        None => format!("line {}", c.line),
    };
    out.push(Frame {
        ts: c.ts,
        protocol,
        direction,
        data,
        orig_len,
        origin: Some(origin),
        ..Frame::default()
    });
}
