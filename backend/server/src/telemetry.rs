//! Logging and tracing set-up.

use std::io::Write;

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::{fmt, EnvFilter};

/// Installs the global subscriber: `RUST_LOG`-style filter from `KINDRED_LOG` (default
/// `info`), JSON lines when `KINDRED_LOG_FORMAT=json`. Safe to call more than once.
///
/// Text lines go through [`Escaping`]: a value that holds a line break or an escape code
/// (an answer key, a suspension reason) cannot forge a log line or drive a terminal. JSON
/// lines are escaped by the JSON encoder.
pub fn init() {
    let filter = EnvFilter::try_from_env("KINDRED_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,actix_server=warn"));
    let json = std::env::var("KINDRED_LOG_FORMAT").is_ok_and(|v| v == "json");
    let builder = fmt().with_env_filter(filter);
    let _ = if json {
        builder.with_writer(std::io::stderr).json().try_init()
    } else {
        builder.with_ansi(false).with_writer(Escaping(std::io::stderr)).try_init()
    };
}

/// A writer factory whose writers escape control characters in each log line.
pub struct Escaping<M>(pub M);

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Escaping<M> {
    type Writer = EscapingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        EscapingWriter(self.0.make_writer())
    }
}

/// Writes each line with every control character but its final newline escaped (`\n`,
/// `\r`, `\x1b` …). The formatter hands over one whole event per write.
pub struct EscapingWriter<W>(W);

/// `line` with its control characters escaped, keeping one trailing newline.
pub fn escape_line(line: &[u8]) -> Vec<u8> {
    let (body, newline) = match line.strip_suffix(b"\n") {
        Some(b) => (b, true),
        None => (line, false),
    };
    let mut out = Vec::with_capacity(body.len() + 1);
    for &b in body {
        match b {
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.push(b'\t'),
            0..=0x1f | 0x7f => {
                let _ = write!(out, "\\x{b:02x}");
            }
            _ => out.push(b),
        }
    }
    if newline {
        out.push(b'\n');
    }
    out
}

impl<W: Write> Write for EscapingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write_all(&escape_line(buf))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::escape_line;

    #[test]
    fn a_forged_line_stays_on_its_line() {
        let out = escape_line(b"key=zz\r\n2026-11-30T00:00:00Z INFO kindred::cli: FORGED\x1b[2J\n");
        let text = String::from_utf8(out).unwrap_or_default();
        assert_eq!(text.matches('\n').count(), 1);
        assert!(text.ends_with('\n'));
        assert!(text.contains("zz\\r\\n2026") && text.contains("\\x1b[2J"), "{text}");
    }
}
