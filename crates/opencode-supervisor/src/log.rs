//! [`ServerLog`]: what one server printed, kept as the last N lines in memory (for the UI and for
//! error messages) and, optionally, appended in full to a log file.
//!
//! It only stores lines; reading the child's pipes is `spawn`'s job. Lines are tagged `[out]` or
//! `[err]` and stripped of terminal colour codes. The invariant: the ring never holds more than its
//! capacity, so a chatty server cannot grow our memory; the file is the place for everything.

use std::collections::VecDeque;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use crate::error::{Error, Result};

/// Lines kept in memory per server unless told otherwise.
pub const DEFAULT_LOG_LINES: usize = 500;

/// Lines quoted in error messages (`output_tail`).
pub(crate) const TAIL_LINES: usize = 40;

/// Which pipe a line came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
    /// A note of ours (a restart, a stop), so the log reads as a story.
    Supervisor,
}

impl Stream {
    fn tag(self) -> &'static str {
        match self {
            Stream::Stdout => "out",
            Stream::Stderr => "err",
            Stream::Supervisor => "supervisor",
        }
    }
}

/// A bounded, shared log of one server's output. Cheap to clone.
#[derive(Debug, Clone)]
pub struct ServerLog {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Debug)]
struct Inner {
    lines: VecDeque<String>,
    capacity: usize,
    file: Option<(PathBuf, File)>,
}

impl ServerLog {
    /// A log keeping the last `capacity` lines in memory (at least 1), and appending every line to
    /// `file` when given (created with its parent dirs).
    pub fn new(capacity: usize, file: Option<&Path>) -> Result<ServerLog> {
        let file = match file {
            Some(path) => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir)
                        .map_err(Error::io(format!("create {}", dir.display())))?;
                }
                let handle = File::options()
                    .create(true)
                    .append(true)
                    .open(path)
                    .map_err(Error::io(format!("open the log file {}", path.display())))?;
                Some((path.to_owned(), handle))
            }
            None => None,
        };
        Ok(ServerLog {
            inner: Arc::new(Mutex::new(Inner {
                lines: VecDeque::new(),
                capacity: capacity.max(1),
                file,
            })),
        })
    }

    /// A memory-only log of the default size.
    pub fn in_memory() -> ServerLog {
        ServerLog {
            inner: Arc::new(Mutex::new(Inner {
                lines: VecDeque::new(),
                capacity: DEFAULT_LOG_LINES,
                file: None,
            })),
        }
    }

    pub fn push(&self, stream: Stream, line: &str) {
        let line = format!("[{}] {}", stream.tag(), strip_ansi(line.trim_end()));
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((path, file)) = &mut inner.file {
            // A full disk must not stop the server; the memory ring still has the line.
            if let Err(error) = writeln!(file, "{line}") {
                tracing::debug!(path = %path.display(), %error, "could not write the server log");
            }
        }
        if inner.lines.len() == inner.capacity {
            inner.lines.pop_front();
        }
        inner.lines.push_back(line);
    }

    /// The last `n` lines, oldest first.
    pub fn last(&self, n: usize) -> Vec<String> {
        let inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        let skip = inner.lines.len().saturating_sub(n);
        inner.lines.iter().skip(skip).cloned().collect()
    }

    /// The last lines joined by newlines, for error messages.
    pub fn tail(&self) -> String {
        self.last(TAIL_LINES).join("\n")
    }

    pub fn file_path(&self) -> Option<PathBuf> {
        let inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.file.as_ref().map(|(path, _)| path.clone())
    }
}

/// Removes terminal colour codes (`ESC [ ... letter`), which OpenCode prints in its errors.
pub(crate) fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ring_keeps_only_the_last_lines() {
        let log = ServerLog::new(3, None).unwrap();
        for i in 0..5 {
            log.push(Stream::Stdout, &format!("line {i}\n"));
        }
        assert_eq!(
            log.last(10),
            ["[out] line 2", "[out] line 3", "[out] line 4"]
        );
        assert_eq!(log.last(1), ["[out] line 4"]);
    }

    #[test]
    fn colour_codes_are_stripped_and_the_file_gets_every_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("logs").join("server.log");
        let log = ServerLog::new(1, Some(&path)).unwrap();
        log.push(
            Stream::Stderr,
            "\u{1b}[91m\u{1b}[1mError: \u{1b}[0mServeError",
        );
        log.push(Stream::Supervisor, "restarting");
        assert_eq!(log.tail(), "[supervisor] restarting");
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            written,
            "[err] Error: ServeError\n[supervisor] restarting\n"
        );
        assert_eq!(log.file_path(), Some(path));
    }
}
