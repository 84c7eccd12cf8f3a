//! Command line: clap derive for the raw arguments, then a validated [`Config`].

use crate::frame::{proto, ByteOrder};
use crate::render::TimeFormat;
use clap::{ArgAction, Parser, ValueEnum};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  nldump -r capture.pcap              one line per netlink message, strace-like
  nldump -r capture.pcapng -v         the whole tree: every field, nested attributes, byte spans
  nldump -r capture.pcap --json       JSON lines, one object per message (schema in README.md)
  nldump -r - < capture.pcap          read standard input
  nldump -r capture.pcap -c 10 -x     first 10 frames, each message followed by its bytes
  nldump --hex strace.log             decode a paste: strace output, xxd, hexdump -C, plain hex
  nldump --hex body.txt --family route --type RTM_NEWLINK
                                      a message body without its nlmsghdr
  nldump -r capture.pcap --stats      how much was decoded per family, and what was not
  nldump -r capture.pcap --no-builtin-specs --spec-dir linux/Documentation/netlink/specs
                                      decode with the kernel's own YNL spec files

Capturing (needs the nlmon module):
  ip link add nlmon0 type nlmon && ip link set nlmon0 up
  tcpdump -i nlmon0 -w capture.pcap

Exit status: 0 all decoded, 1 some input was malformed (it is still printed),
2 usage error or unreadable input.";

#[derive(Debug, Parser)]
#[command(
    name = "nldump",
    version,
    about = "Decode netlink traffic: nlmon captures (pcap, pcapng) and pasted hex or strace output",
    long_about = "Decode netlink traffic: nlmon captures (pcap, pcapng) and pasted hex or strace \
output, into strace-like text or JSON lines. Message types, flags, fixed headers and nested \
attributes are named from declarative family specs (the kernel's YNL format); errors show the \
errno, the extended-ACK message and the attribute the kernel complained about.",
    after_help = AFTER_HELP
)]
pub struct Args {
    /// Read frames from FILE: a pcap or pcapng capture, or a text paste (detected). `-` is stdin.
    #[arg(short = 'r', long = "read", value_name = "FILE")]
    pub read: Option<PathBuf>,

    /// Read a hex or strace paste from FILE (`-` for stdin), whatever it looks like.
    #[arg(long = "hex", value_name = "FILE", conflicts_with = "read")]
    pub hex: Option<PathBuf>,

    /// Stop after COUNT frames.
    #[arg(short = 'c', long = "count", value_name = "COUNT")]
    pub count: Option<u64>,

    /// Print the whole decoded tree, one field a line, with byte offsets.
    #[arg(short = 'v', long = "verbose")]
    pub verbose: bool,

    /// Print each message's bytes in hex after it; -X adds ASCII.
    #[arg(short = 'x', action = ArgAction::SetTrue)]
    pub hex_dump: bool,

    /// Print each message's bytes in hex and ASCII after it.
    #[arg(short = 'X', action = ArgAction::SetTrue)]
    pub hex_ascii: bool,

    /// Write JSON lines (one object per netlink message) instead of text.
    #[arg(long = "json", conflicts_with_all = ["verbose", "hex_dump", "hex_ascii"])]
    pub json: bool,

    /// Print no messages; at the end, a table per family of how much was decoded (named
    /// message types, attributes with a name and a typed value) and a list of what was not.
    #[arg(long = "stats", conflicts_with_all = ["json", "verbose", "hex_dump", "hex_ascii"])]
    pub stats: bool,

    /// Decode generic netlink id ID as family NAME (e.g. --genl 0x1c=nl80211), for captures
    /// that start after the CTRL_CMD_GETFAMILY exchange which would tell. Repeatable.
    #[arg(long = "genl", value_name = "ID=NAME")]
    pub genl: Vec<String>,

    /// Leave out the family specs built into nldump; only --spec/--spec-dir files are used
    /// (to try a spec file of your own, such as one from the kernel's Documentation/netlink/specs).
    #[arg(long = "no-builtin-specs")]
    pub no_builtin_specs: bool,

    /// Timestamps: -t none, -tt epoch seconds, -ttt delta to previous, -tttt date and time, -ttttt since first.
    #[arg(short = 't', action = ArgAction::Count)]
    pub time: u8,

    /// Colour text output: auto (when stdout is a terminal and NO_COLOR is unset), always, never.
    #[arg(long = "color", value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Netlink family of input that does not say (pastes): route, generic, netfilter, sock_diag, … or a number.
    #[arg(long = "family", value_name = "NAME")]
    pub family: Option<String>,

    /// Decode input as bare message bodies (no nlmsghdr) of this type: a name like RTM_NEWLINK or a number.
    #[arg(long = "type", value_name = "TYPE")]
    pub msg_type: Option<String>,

    /// Byte order of the netlink data, when detection from nlmsg_len is not enough.
    #[arg(long = "byte-order", value_enum, value_name = "ORDER")]
    pub byte_order: Option<OrderArg>,

    /// Load a family spec (YNL YAML) in addition to the built-in ones; repeatable.
    #[arg(long = "spec", value_name = "FILE")]
    pub spec: Vec<PathBuf>,

    /// Load every *.yaml family spec in DIR (e.g. the kernel's Documentation/netlink/specs); repeatable.
    #[arg(long = "spec-dir", value_name = "DIR")]
    pub spec_dir: Vec<PathBuf>,

    /// Do not print the summary of problems and skipped input on stderr.
    #[arg(short = 'q', long = "quiet")]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrderArg {
    Little,
    Big,
}

/// Where frames come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Capture or paste, detected (`-r`).
    Detect(PathBuf),
    /// Paste (`--hex`).
    Paste(PathBuf),
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Text,
    Json,
    /// `--stats`: a decoding summary instead of messages.
    Stats,
}

/// Validated settings.
#[derive(Debug, Clone)]
pub struct Config {
    pub input: Input,
    pub output: Output,
    pub count: Option<u64>,
    pub verbose: bool,
    pub hex: u8,
    pub time: TimeFormat,
    pub color: ColorWhen,
    pub protocol: Option<u16>,
    /// `--type` as given; resolved against the specs later.
    pub msg_type: Option<String>,
    pub byte_order: Option<ByteOrder>,
    pub specs: Vec<PathBuf>,
    pub spec_dirs: Vec<PathBuf>,
    pub builtin_specs: bool,
    /// `--genl ID=NAME`: generic netlink ids given by the user.
    pub genl_ids: Vec<(u16, String)>,
    pub quiet: bool,
}

impl Args {
    /// Checks what clap cannot; the message is for the user.
    pub fn validate(self) -> Result<Config, String> {
        let input = match (self.read, self.hex) {
            (Some(r), None) => Input::Detect(r),
            (None, Some(h)) => Input::Paste(h),
            _ => {
                return Err(
                    "nothing to read: give a capture with -r FILE (or -r - for stdin), or a paste with --hex FILE"
                        .into(),
                )
            }
        };
        let protocol = match &self.family {
            Some(f) => Some(proto::parse(f).ok_or_else(|| {
                format!(
                    "unknown family {f:?}; known: {}",
                    proto::all_names().collect::<Vec<_>>().join(", ")
                )
            })?),
            None => None,
        };
        let mut genl_ids = Vec::new();
        for g in &self.genl {
            genl_ids.push(parse_genl_id(g)?);
        }
        if self.count == Some(0) {
            return Err("-c needs a count of at least 1".into());
        }
        Ok(Config {
            input,
            output: if self.json {
                Output::Json
            } else if self.stats {
                Output::Stats
            } else {
                Output::Text
            },
            count: self.count,
            verbose: self.verbose,
            hex: if self.hex_ascii {
                2
            } else {
                u8::from(self.hex_dump)
            },
            time: TimeFormat::from_count(self.time),
            color: self.color,
            protocol,
            msg_type: self.msg_type,
            byte_order: self.byte_order.map(|o| match o {
                OrderArg::Little => ByteOrder::Little,
                OrderArg::Big => ByteOrder::Big,
            }),
            specs: self.spec,
            spec_dirs: self.spec_dir,
            builtin_specs: !self.no_builtin_specs,
            genl_ids,
            quiet: self.quiet,
        })
    }
}

/// `0x1c=nl80211` or `28=nl80211` -> (0x1c, "nl80211").
fn parse_genl_id(text: &str) -> Result<(u16, String), String> {
    let bad =
        || format!("--genl {text:?}: expected ID=NAME, such as 0x1c=nl80211 (ids 16 to 65535)");
    let (id, name) = text.split_once('=').ok_or_else(bad)?;
    let id = id.trim();
    let id = match id.strip_prefix("0x").or_else(|| id.strip_prefix("0X")) {
        Some(h) => u16::from_str_radix(h, 16),
        None => id.parse::<u16>(),
    }
    .map_err(|_| bad())?;
    let name = name.trim();
    if id < 16 || name.is_empty() {
        return Err(bad());
    }
    Ok((id, name.to_string()))
}

#[cfg(test)]
mod genl_id_tests {
    use super::parse_genl_id;

    #[test]
    fn ids_in_hex_or_decimal() {
        assert_eq!(parse_genl_id("0x1c=nl80211"), Ok((0x1c, "nl80211".into())));
        assert_eq!(parse_genl_id("28=nl80211"), Ok((28, "nl80211".into())));
        assert!(parse_genl_id("nl80211").is_err());
        assert!(
            parse_genl_id("3=nl80211").is_err(),
            "ids below 16 are control/nlctrl"
        );
        assert!(parse_genl_id("0x1c=").is_err());
        assert!(parse_genl_id("0x10000=x").is_err());
    }
}
