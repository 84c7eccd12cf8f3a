//! The main job: open the input, decode frame after frame, render, report.
//! Kept out of `main.rs` so integration tests can run it in-process.

use crate::cli::{ColorWhen, Config, Input, Output};
use crate::dissect::{Dissection, Dissector, Hints};
use crate::frame::proto;
use crate::render::json::JsonRenderer;
use crate::render::stats::StatsRenderer;
use crate::render::text::{TextOptions, TextRenderer};
use crate::source::{self, Source, SourceError};
use crate::spec::SpecDb;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};

/// Exit codes.
pub const EXIT_OK: i32 = 0;
pub const EXIT_MALFORMED: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// Loads the built-in specs plus the user's, once, for the whole run.
pub fn load_specs(cfg: &Config) -> Result<&'static SpecDb, String> {
    let mut db = if cfg.builtin_specs {
        SpecDb::embedded()
    } else {
        SpecDb::empty()
    };
    for d in &cfg.spec_dirs {
        let n = db.load_dir(d).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err(format!(
                "{}: no *.yaml spec files in this directory",
                d.display()
            ));
        }
    }
    for f in &cfg.specs {
        db.load_file(f).map_err(|e| e.to_string())?;
    }
    Ok(Box::leak(Box::new(db)))
}

/// Opens the input named by the config. Also returns how many problems of
/// severity error a paste had (lines that could not be read, bytes that may
/// be missing): they make the exit status 1 even when every frame decodes.
pub fn open_input(input: &Input) -> Result<(Box<dyn Source>, usize), SourceError> {
    let (path, force_paste) = match input {
        Input::Detect(p) => (p, false),
        Input::Paste(p) => (p, true),
    };
    let reader: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        let f = std::fs::File::open(path)
            .map_err(|e| SourceError::Io(format!("{}: {e}", path.display())))?;
        Box::new(f)
    };
    let mut reader = BufReader::with_capacity(64 * 1024, reader);
    let head = reader
        .fill_buf()
        .map_err(|e| SourceError::Io(format!("{}: {e}", path.display())))?
        .to_vec();
    if force_paste
        || (!source::pcap::looks_like_capture(&head) && source::paste::looks_like_text(&head))
    {
        let mut raw = Vec::new();
        reader
            .read_to_end(&mut raw)
            .map_err(|e| SourceError::Io(format!("{}: {e}", path.display())))?;
        let text = String::from_utf8_lossy(&raw);
        if text.trim().is_empty() {
            return Err(SourceError::Format(format!(
                "{}: empty input: nothing to decode",
                path.display()
            )));
        }
        let paste = source::paste::parse_paste(&text);
        if paste.frames.is_empty() {
            let mut why: Vec<String> = paste.diagnostics.iter().map(|d| d.to_string()).collect();
            if why.is_empty() {
                why.push(format!("no bytes found ({})", paste.format.describe()));
            }
            return Err(SourceError::Format(format!(
                "{}: nothing to decode in this paste: {}",
                path.display(),
                why.join("; ")
            )));
        }
        let errors = paste.errors().count();
        return Ok((Box::new(source::paste::PasteSource::new(paste)), errors));
    }
    let src = source::pcap::open_capture(Box::new(reader)).map_err(|e| match e {
        SourceError::Format(m) => SourceError::Format(format!("{}: {m}", path.display())),
        other => other,
    })?;
    Ok((Box::new(src), 0))
}

/// What a run saw, for the summary and the exit code.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub frames: u64,
    pub messages: u64,
    pub malformed_frames: u64,
    pub guessed_family: bool,
}

/// Runs the whole job; returns the exit code. Errors go to `err`.
pub fn run(cfg: &Config, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let specs = match load_specs(cfg) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "nldump: {e}");
            return EXIT_USAGE;
        }
    };
    let (mut src, input_errors) = match open_input(&cfg.input) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "nldump: {e}");
            return EXIT_USAGE;
        }
    };
    let mut dissector = Dissector::new(specs);
    let mut hints = Hints {
        protocol: cfg.protocol,
        byte_order: cfg.byte_order,
        ..Hints::default()
    };
    if let Some(t) = &cfg.msg_type {
        match resolve_type(specs, cfg.protocol, t) {
            Ok((p, id, genl)) => {
                hints.protocol = hints.protocol.or(p);
                hints.bare_type = Some(id);
                hints.bare_genl_family = genl;
            }
            Err(e) => {
                let _ = writeln!(err, "nldump: {e}");
                return EXIT_USAGE;
            }
        }
    }
    dissector.hints = hints;
    for (id, name) in &cfg.genl_ids {
        dissector.ctx.learn_genl(*id, name, 0, specs);
    }
    let color = match cfg.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let mut text = TextRenderer::new(TextOptions {
        verbose: cfg.verbose,
        hex: cfg.hex,
        time: cfg.time,
        color: color && cfg.output == Output::Text,
    });
    let mut json = JsonRenderer::new();
    let mut stats = StatsRenderer::new();
    let mut w = io::BufWriter::with_capacity(64 * 1024, out);
    let mut d = Dissection::default();
    let mut sum = Summary::default();
    let mut code = if input_errors > 0 {
        EXIT_MALFORMED
    } else {
        EXIT_OK
    };
    let mut stop_err: Option<SourceError> = None;
    loop {
        if cfg.count.is_some_and(|c| sum.frames >= c) {
            break;
        }
        let frame = match src.next_frame() {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                stop_err = Some(e);
                break;
            }
        };
        dissector.dissect(&frame, &mut d);
        sum.frames += 1;
        sum.messages += d.messages.len() as u64;
        sum.guessed_family |= d.protocol_guessed;
        if d.has_problems() {
            sum.malformed_frames += 1;
            code = EXIT_MALFORMED;
        }
        let r = match cfg.output {
            Output::Text => text.write_frame(&mut w, &frame, &d),
            Output::Json => json.write_frame(&mut w, &frame, &d),
            Output::Stats => {
                stats.add(&d);
                Ok(())
            }
        };
        if let Err(e) = r {
            return io_exit(e, err);
        }
    }
    if cfg.output == Output::Stats {
        if let Err(e) = stats.finish(&mut w) {
            return io_exit(e, err);
        }
    }
    if let Err(e) = w.flush() {
        return io_exit(e, err);
    }
    drop(w);
    // Report everything not shown above: never drop anything silently.
    let skipped = src.skipped();
    let notes = src.notes();
    if let Some(e) = &stop_err {
        let _ = writeln!(err, "nldump: {e}");
        code = if e.is_fatal_input() && sum.frames == 0 {
            EXIT_USAGE
        } else {
            EXIT_MALFORMED
        };
    }
    if !cfg.quiet {
        for n in &notes {
            let _ = writeln!(err, "nldump: {n}");
        }
        if skipped.count > 0 {
            let why: Vec<String> = skipped
                .reasons
                .iter()
                .map(|(r, n)| format!("{n} × {r}"))
                .collect();
            let _ = writeln!(
                err,
                "nldump: skipped {} packets: {}",
                skipped.count,
                why.join("; ")
            );
        }
        if sum.guessed_family {
            let _ = writeln!(
                err,
                "nldump: the input does not say which netlink family it is; the family was guessed from the content (use --family to set it)"
            );
        }
        if sum.malformed_frames > 0 {
            let _ = writeln!(
                err,
                "nldump: {} of {} frames had malformed parts (marked with !!)",
                sum.malformed_frames, sum.frames
            );
        }
    }
    if sum.frames == 0 && stop_err.is_none() && skipped.count > 0 {
        let _ = writeln!(err, "nldump: no netlink frames in the input");
        code = code.max(EXIT_MALFORMED);
    }
    code
}

/// Maps a write error: a closed pipe (`| head`) ends quietly with success.
fn io_exit(e: io::Error, err: &mut dyn Write) -> i32 {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return EXIT_OK;
    }
    let _ = writeln!(err, "nldump: writing output: {e}");
    EXIT_USAGE
}

/// `--type NAME|NUMBER` → (protocol, nlmsg_type, genl family name).
/// For generic netlink, `--type FAMILY` names the family (its id is taken
/// as 0x10 + position, only for decoding the bare body).
pub fn resolve_type(
    specs: &'static SpecDb,
    protocol: Option<u16>,
    t: &str,
) -> Result<(Option<u16>, u16, Option<String>), String> {
    let num = if let Some(h) = t.strip_prefix("0x") {
        u16::from_str_radix(h, 16).ok()
    } else {
        t.parse::<u16>().ok()
    };
    if let Some(n) = num {
        return Ok((protocol, n, None));
    }
    let upper = t.to_ascii_uppercase();
    for f in specs.families() {
        if let crate::spec::Protocol::Raw { protonum } = f.protocol {
            if protocol.is_some_and(|p| p != protonum) {
                continue;
            }
            if let Some(m) = f.messages.iter().find(|m| m.display == upper) {
                return Ok((Some(protonum), m.value, None));
            }
        }
    }
    if specs.genl(t).is_some() {
        return Ok((Some(proto::GENERIC), 0x7fff, Some(t.to_string())));
    }
    Err(format!(
        "unknown message type {t:?}: give a name like RTM_NEWLINK, a generic netlink family name, or a number"
    ))
}
