//! Quoted byte strings as strace and Python print them.
//!
//! strace 6.1 (checked against its own `-e write=` dumps, see
//! `samples/paste/nlwrite*.txt`) prints, by default, `\t \n \v \f \r \" \\`
//! by name, other bytes below 0x20 and from 0x7f up in octal with the
//! shortest spelling, padded to three digits only when an octal digit
//! follows (`\0` then `1` is printed `\0001`). So reading octal greedily, up
//! to three digits, gives the bytes back. `-x`/`-xx` print `\xHH`;
//! `--strings-in-hex=non-ascii-chars` mixes names and `\xHH`. Python adds
//! `\'`, `\a`, `\b`. A string strace cut short (`-s`) ends in `"...`.

/// A decoded quoted string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quoted {
    pub bytes: Vec<u8>,
    /// The string was followed by `...`: strace showed only its start.
    pub cut: bool,
    /// Byte index just past the closing quote (and the `...`, if cut).
    pub end: usize,
}

/// Why a quoted string could not be read: a message and the byte index in
/// the text where the problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscapeError {
    pub at: usize,
    pub message: String,
}

/// Decodes the quoted string that starts at `text[start]` (a `"` or `'`).
pub fn decode_quoted(text: &str, start: usize) -> Result<Quoted, EscapeError> {
    let b = text.as_bytes();
    let quote = match b.get(start) {
        Some(&q @ (b'"' | b'\'')) => q,
        _ => {
            return Err(EscapeError {
                at: start,
                message: "expected a quoted string".into(),
            })
        }
    };
    let mut out = Vec::new();
    let mut i = start + 1;
    loop {
        let Some(&c) = b.get(i) else {
            return Err(EscapeError {
                at: start,
                message: "quoted string has no closing quote".into(),
            });
        };
        if c == quote {
            i += 1;
            break;
        }
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let Some(&e) = b.get(i + 1) else {
            return Err(EscapeError {
                at: i,
                message: "backslash at the end of the text".into(),
            });
        };
        i += 2;
        let simple = match e {
            b'n' => Some(b'\n'),
            b't' => Some(b'\t'),
            b'r' => Some(b'\r'),
            b'v' => Some(0x0b),
            b'f' => Some(0x0c),
            b'a' => Some(0x07),
            b'b' => Some(0x08),
            b'e' => Some(0x1b),
            b'\\' | b'"' | b'\'' | b'?' => Some(e),
            _ => None,
        };
        if let Some(v) = simple {
            out.push(v);
            continue;
        }
        match e {
            b'x' => {
                let mut v: u32 = 0;
                let mut n = 0;
                while n < 2 {
                    match b.get(i).and_then(|d| (*d as char).to_digit(16)) {
                        Some(d) => {
                            v = v * 16 + d;
                            i += 1;
                            n += 1;
                        }
                        None => break,
                    }
                }
                if n == 0 {
                    return Err(EscapeError {
                        at: i - 2,
                        message: "`\\x` without hex digits".into(),
                    });
                }
                out.push(v as u8);
            }
            b'0'..=b'7' => {
                let mut v: u32 = u32::from(e - b'0');
                let mut n = 1;
                while n < 3 {
                    match b.get(i) {
                        Some(d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            i += 1;
                            n += 1;
                        }
                        _ => break,
                    }
                }
                let Ok(byte) = u8::try_from(v) else {
                    return Err(EscapeError {
                        at: i - n - 1,
                        message: format!("octal escape \\{v:o} is larger than a byte"),
                    });
                };
                out.push(byte);
            }
            other => {
                return Err(EscapeError {
                    at: i - 2,
                    message: format!("unknown escape `\\{}`", other as char),
                })
            }
        }
    }
    let cut = text.get(i..).is_some_and(|r| r.starts_with("..."));
    if cut {
        i += 3;
    }
    Ok(Quoted {
        bytes: out,
        cut,
        end: i,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dq(s: &str) -> Vec<u8> {
        decode_quoted(s, 0).unwrap().bytes
    }

    #[test]
    fn octal_is_greedy_up_to_three_digits() {
        // strace prints 0x00 followed by '1' as \0001, and 0x12 0x00 as \22\0.
        assert_eq!(dq(r#""\0001""#), vec![0, b'1']);
        assert_eq!(dq(r#""\00012""#), vec![0, b'1', b'2']);
        assert_eq!(dq(r#""\22\0\5""#), vec![0x12, 0, 5]);
        assert_eq!(dq(r#""\377\08""#), vec![0xff, 0, b'8']);
        assert_eq!(
            dq(r#""(\0\0\0\32\0\1\3\330A""#),
            vec![0x28, 0, 0, 0, 0x1a, 0, 1, 3, 0xd8, b'A']
        );
    }

    #[test]
    fn named_and_hex_escapes() {
        assert_eq!(
            dq(r#""\t\n\v\f\r\"\\""#),
            vec![9, 10, 11, 12, 13, b'"', b'\\']
        );
        assert_eq!(dq(r#""\x34\x01lo\x00""#), vec![0x34, 1, b'l', b'o', 0]);
        assert_eq!(dq(r"'\x28\'a'"), vec![0x28, b'\'', b'a']);
    }

    #[test]
    fn cut_string_is_marked_and_end_is_after_dots() {
        let q = decode_quoted(r#"x, "ab\0"..., 9"#, 3).unwrap();
        assert_eq!(q.bytes, vec![b'a', b'b', 0]);
        assert!(q.cut);
        assert_eq!(q.end, 12);
    }

    #[test]
    fn errors_say_where() {
        let e = decode_quoted(r#""ab\400""#, 0).unwrap_err();
        assert_eq!(e.at, 3);
        assert!(e.message.contains("larger than a byte"), "{}", e.message);
        let e = decode_quoted(r#""ab"#, 0).unwrap_err();
        assert!(e.message.contains("no closing quote"));
        let e = decode_quoted(r#""a\q""#, 0).unwrap_err();
        assert_eq!((e.at, e.message.as_str()), (2, "unknown escape `\\q`"));
    }
}
