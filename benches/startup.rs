//! Start-up cost of the family specs (issue #3: "parsed fast enough that
//! start-up stays under 50 ms"). Run with `cargo bench --bench startup`.
//!
//! Prints, as medians over repeated runs:
//! * `index`: what every run pays: SpecDb::embedded(), which only scans the
//!   top-level keys of each built-in spec;
//! * `one family`: index + the first lookup of a route and a genl family
//!   (what decoding a typical capture pays);
//! * `all families`: index + parsing every built-in spec (the worst case,
//!   e.g. `--type NAME` searching every family);
//! * `process`: the whole binary on a 2-message capture, when built
//!   (`target/release/nldump`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use nldump::spec::SpecDb;

fn median(mut f: impl FnMut(), runs: usize) -> Duration {
    let mut v: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let bytes: usize = SpecDb::embedded_files().map(|(_, t)| t.len()).sum();
    let files = SpecDb::embedded_files().count();
    println!("built-in specs: {files} files, {bytes} bytes of YAML");
    let index = median(|| drop(black_box(SpecDb::embedded())), 50);
    println!("index:        {index:?}");
    let one = median(
        || {
            let db = SpecDb::embedded();
            black_box(db.raw_message(0, 16, Some(false)));
            black_box(db.genl("nlctrl"));
        },
        50,
    );
    println!("one family:   {one:?}");
    let all = median(
        || {
            let db = SpecDb::embedded();
            black_box(db.load_all());
        },
        10,
    );
    println!("all families: {all:?}");
    let bin = concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/nldump");
    let cap = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/corpus/nldecap__two_packets_le.pcap"
    );
    if std::path::Path::new(bin).exists() {
        let p = median(
            || {
                let out = std::process::Command::new(bin)
                    .args(["-r", cap])
                    .output()
                    .expect("run nldump");
                black_box(out);
            },
            30,
        );
        println!("process:      {p:?} (target/release/nldump -r two_packets_le.pcap)");
    }
    println!("target: under 50 ms");
}
