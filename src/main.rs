//! `nldump`: parse the command line, run, exit with the run's code.

use clap::Parser;
use nldump::app;
use nldump::cli::Args;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            // --help and --version are not errors.
            let code = if e.use_stderr() { app::EXIT_USAGE } else { 0 };
            let _ = e.print();
            return ExitCode::from(code as u8);
        }
    };
    let cfg = match args.validate() {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("nldump: {msg}");
            eprintln!("Try 'nldump --help' for more information.");
            return ExitCode::from(app::EXIT_USAGE as u8);
        }
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let code = app::run(&cfg, &mut stdout.lock(), &mut stderr.lock());
    ExitCode::from(code as u8)
}
