//! Helpers shared by the integration tests: where the samples are, running
//! the binary, reading its JSON lines.
//!
//! Each test crate includes this with `mod common;` and uses only part of
//! it, hence the `dead_code` allowance.
#![allow(dead_code)]

pub mod build;
pub mod json;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The nldump binary Cargo built for these tests.
pub fn nldump() -> &'static str {
    env!("CARGO_BIN_EXE_nldump")
}

/// `samples/` of this checkout.
pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// A sample by its path relative to `samples/`.
pub fn sample(rel: &str) -> PathBuf {
    samples_dir().join(rel)
}

/// Every file directly in `samples/` and `samples/corpus/` except READMEs,
/// sorted, as paths relative to `samples/`.
pub fn all_capture_files() -> Vec<String> {
    let mut out = Vec::new();
    for (dir, prefix) in [
        (samples_dir(), ""),
        (samples_dir().join("corpus"), "corpus/"),
    ] {
        let rd = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in rd {
            let entry = entry.expect("read_dir entry");
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_file() && !name.ends_with(".md") {
                out.push(format!("{prefix}{name}"));
            }
        }
    }
    out.sort();
    out
}

/// Runs nldump with these arguments, stdin closed.
pub fn run(args: &[&str]) -> Output {
    Command::new(nldump())
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("spawn nldump")
}

/// `nldump -r FILE --json`: one parsed object per line. Panics with the
/// line number when a line is not JSON. Returns the exit code as well.
pub fn json_lines(file: &Path) -> (i32, Vec<serde_json::Value>) {
    let path = file.to_str().expect("utf-8 path");
    let out = run(&["-r", path, "--json"]);
    let text = String::from_utf8(out.stdout).expect("nldump JSON output is UTF-8");
    let mut v = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let obj: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| {
            panic!("{}: line {}: not JSON ({e}): {line}", file.display(), i + 1)
        });
        v.push(obj);
    }
    (out.status.code().unwrap_or(-1), v)
}

/// Compares a golden file's text with what nldump printed; on a difference,
/// records the first differing line.
pub fn golden_diff(name: &str, want: &str, got: &str, failures: &mut Vec<String>) {
    if want == got {
        return;
    }
    let line = want
        .lines()
        .zip(got.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| want.lines().count().min(got.lines().count()));
    failures.push(format!(
        "{name}: first difference at line {}\n  want: {}\n  got:  {}",
        line + 1,
        want.lines().nth(line).unwrap_or("<end>"),
        got.lines().nth(line).unwrap_or("<end>")
    ));
}

/// Checks `got` against the golden file `file` (shown as `name`), or, when
/// NLDUMP_BLESS is set, writes it (creating the directory).
pub fn golden_check(file: &Path, name: &str, got: &str, failures: &mut Vec<String>) {
    if std::env::var_os("NLDUMP_BLESS").is_some() {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(file, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("{}: {e} (NLDUMP_BLESS=1 creates it)", file.display()));
    golden_diff(name, &want, got, failures);
}

/// One golden case: a capture in samples/, nldump's extra arguments, and
/// the golden file's name.
pub type GoldenCase = (&'static str, &'static [&'static str], &'static str);

/// Decodes each case's capture (`nldump -r samples/CAPTURE ARGS`), which
/// must exit 0, and compares (or with NLDUMP_BLESS=1 writes) its output
/// with `tests/DIR/GOLDEN`; differences are added to `failures`.
pub fn golden_captures(dir: &str, cases: &[GoldenCase], failures: &mut Vec<String>) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(dir);
    for (capture, args, golden) in cases {
        let path = sample(capture);
        let mut argv = vec!["-r", path.to_str().unwrap(), "--color", "never"];
        argv.extend_from_slice(args);
        let out = run(&argv);
        assert!(out.status.success(), "{capture} {args:?}: {:?}", out.status);
        let got = String::from_utf8(out.stdout).expect("UTF-8 output");
        golden_check(&root.join(golden), golden, &got, failures);
    }
}

/// Runs `nldump -r INPUT ARGS --color never` from the repository root:
/// (stdout, stderr, exit code).
pub fn read_with(input: &str, args: &[&str]) -> (String, String, i32) {
    let out = std::process::Command::new(nldump())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("-r")
        .arg(input)
        .args(args)
        .args(["--color", "never"])
        .output()
        .expect("run nldump");
    (
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}
