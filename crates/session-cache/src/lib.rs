//! The sessions a user opened, kept as they were last seen, so they can be read while their
//! server is down: one SQLite database (the system's libsqlite3 through rusqlite), no Tauri.
//!
//! What it holds, per session (keyed by server and session id): the server's key (`server_key`:
//! "local" for this computer's servers, else the address without credentials: never a password),
//! the project directory, title, the server's updated time, when the copy was written and last
//! opened, and each message as the server's `{info, parts}` JSON with attachments' bytes taken out
//! (`content::strip_attachment_bytes`). A search index over titles and text parts: SQLite's FTS5
//! when the library has it (Debian's does), else a plain table read with LIKE.
//!
//! Pages arrive as the app loads them: a session's tail page replaces what the copy held from its
//! first message on (so a revert's removed messages go), an older page adds to it. A size cap
//! (bytes of JSON and text) drops the least recently opened sessions first. It deliberately knows
//! nothing of the app: the caller says when, and passes the clock.
//!
//! Past 500 lines and still one job: the database and the statements that read and write it,
//! which rustfmt lays out long; what is not SQL (stripping, search text, snippets) is `content`.

pub mod content;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde_json::Value;
use std::path::Path;

pub use content::{searchable_text, snippet, strip_attachment_bytes};

/// The default size cap: the JSON and text the copies hold, in bytes.
pub const DEFAULT_CAP_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("The offline copies' database failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("A cached message is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
}

pub type Result<T> = std::result::Result<T, CacheError>;

/// How searches run: FTS5 when the SQLite library has it, LIKE otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchKind {
    Fts5,
    Like,
}

/// What is known of a session when a page of it is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionMeta {
    /// `server_key(..)` of its server: never a password.
    pub server: String,
    pub directory: String,
    pub session_id: String,
    pub title: String,
    /// The server's `time.updated`, in ms.
    pub updated: f64,
    /// The session's own JSON as the server gave it, when known.
    pub info: Option<Value>,
}

/// A kept session as lists show it.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedSession {
    pub server: String,
    pub directory: String,
    pub session_id: String,
    pub title: String,
    pub updated: f64,
    /// When the copy was last written, in ms.
    pub cached_at: f64,
    pub message_count: u64,
    /// The JSON and text it holds.
    pub bytes: u64,
    pub info: Option<String>,
}

/// A kept session with its messages, oldest first, each the `{info, parts}` JSON text.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionCopy {
    pub session: CachedSession,
    pub messages: Vec<String>,
}

/// One search result: a session whose title matches (`message_id: None`) or a message of it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub session: CachedSession,
    pub message_id: Option<String>,
    pub snippet: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheStats {
    pub sessions: u64,
    /// The database's size on disk (pages in use and free), in bytes.
    pub file_bytes: u64,
    /// What the size cap counts.
    pub content_bytes: u64,
}

/// The key a server's copies are kept under. Every server on this computer reads the same
/// OpenCode data (a restarted one comes back on another port), so all loopback addresses, and a
/// server with no address yet (one that failed to start), are "local"; another computer's is its
/// scheme, host and port, lowercased, without user, password, path or query.
pub fn server_key(url: &str) -> String {
    let Ok(parsed) = url::Url::parse(url.trim()) else {
        return "local".into();
    };
    let host = match parsed.host() {
        None => return "local".into(),
        Some(url::Host::Domain(d)) if d.eq_ignore_ascii_case("localhost") => return "local".into(),
        Some(url::Host::Ipv4(ip)) if ip.is_loopback() => return "local".into(),
        Some(url::Host::Ipv6(ip)) if ip.is_loopback() => return "local".into(),
        Some(host) => host.to_string().to_lowercase(),
    };
    match parsed.port() {
        Some(port) => format!("{}://{host}:{port}", parsed.scheme()),
        None => format!("{}://{host}", parsed.scheme()),
    }
}

pub struct SessionCache {
    conn: Connection,
    search: SearchKind,
    cap_bytes: u64,
}

const SESSION_COLUMNS: &str = "s.server, s.directory, s.session_id, s.title, s.updated, \
     s.cached_at, s.message_count, s.bytes, s.info";

impl SessionCache {
    /// Opens (or creates) the database at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        Self::init(Connection::open(path)?, false)
    }

    /// A database in memory (tests, and the app when no data directory is known).
    pub fn open_in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?, false)
    }

    /// As `open`, searching with LIKE even where FTS5 exists: to test the fallback.
    pub fn open_without_fts(path: &Path) -> Result<Self> {
        Self::init(Connection::open(path)?, true)
    }

    fn init(conn: Connection, force_like: bool) -> Result<Self> {
        // Before any table: freed pages can then be given back (`shrink`).
        conn.execute_batch(
            "PRAGMA auto_vacuum = INCREMENTAL;
             PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             CREATE TABLE IF NOT EXISTS sessions (
               server TEXT NOT NULL,
               session_id TEXT NOT NULL,
               directory TEXT NOT NULL,
               title TEXT NOT NULL,
               updated REAL NOT NULL,
               cached_at REAL NOT NULL,
               opened_at REAL NOT NULL,
               message_count INTEGER NOT NULL DEFAULT 0,
               bytes INTEGER NOT NULL DEFAULT 0,
               info TEXT,
               PRIMARY KEY (server, session_id)
             );
             CREATE INDEX IF NOT EXISTS sessions_by_project ON sessions (server, directory, updated);
             CREATE TABLE IF NOT EXISTS messages (
               id INTEGER PRIMARY KEY,
               server TEXT NOT NULL,
               session_id TEXT NOT NULL,
               message_id TEXT NOT NULL,
               created REAL NOT NULL,
               body TEXT NOT NULL,
               text_bytes INTEGER NOT NULL,
               UNIQUE (server, session_id, message_id),
               FOREIGN KEY (server, session_id) REFERENCES sessions (server, session_id) ON DELETE CASCADE
             );
             CREATE INDEX IF NOT EXISTS messages_in_order ON messages (server, session_id, created, message_id);",
        )?;
        let existing: Option<String> = conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE name = 'search'",
                [],
                |row| row.get(0),
            )
            .optional()?;
        let search = match existing {
            Some(sql) if sql.to_ascii_lowercase().contains("fts5") => SearchKind::Fts5,
            Some(_) => SearchKind::Like,
            None if force_like => {
                conn.execute_batch("CREATE TABLE search (rowid INTEGER PRIMARY KEY, body TEXT)")?;
                SearchKind::Like
            }
            None => {
                // The rowid is the message's `id`. An SQLite built without FTS5 refuses this.
                let fts = conn.execute_batch(
                    "CREATE VIRTUAL TABLE search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')",
                );
                match fts {
                    Ok(()) => SearchKind::Fts5,
                    Err(_) => {
                        conn.execute_batch(
                            "CREATE TABLE search (rowid INTEGER PRIMARY KEY, body TEXT)",
                        )?;
                        SearchKind::Like
                    }
                }
            }
        };
        Ok(SessionCache {
            conn,
            search,
            cap_bytes: DEFAULT_CAP_BYTES,
        })
    }

    pub fn search_kind(&self) -> SearchKind {
        self.search
    }

    /// The most the copies may hold (JSON and text bytes); applied at the next write.
    pub fn set_cap(&mut self, bytes: u64) {
        self.cap_bytes = bytes;
    }

    /// Keeps one page of a session's messages (oldest first, `{info, parts}` each). `tail` says
    /// the page ends at the session's last message: the copy's messages from the page's first one
    /// on are then replaced by the page (an empty tail page empties the copy). The session counts
    /// as opened at `now` (ms); past the cap, the least recently opened others are dropped.
    pub fn put_page(
        &mut self,
        meta: &SessionMeta,
        messages: &[Value],
        tail: bool,
        now: f64,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let info = meta.info.as_ref().map(|v| v.to_string());
        tx.execute(
            "INSERT INTO sessions (server, session_id, directory, title, updated, cached_at, opened_at, info)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)
             ON CONFLICT (server, session_id) DO UPDATE SET
               directory = excluded.directory, title = excluded.title, updated = excluded.updated,
               cached_at = excluded.cached_at, opened_at = excluded.opened_at,
               info = coalesce(excluded.info, sessions.info)",
            params![
                meta.server,
                meta.session_id,
                meta.directory,
                meta.title,
                meta.updated,
                now,
                info
            ],
        )?;
        let mut keyed: Vec<(String, f64, String, String)> = Vec::with_capacity(messages.len());
        for message in messages {
            let mut message = message.clone();
            strip_attachment_bytes(&mut message);
            let Some((id, created)) = content::message_key(&message) else {
                continue;
            };
            let id = id.to_string();
            keyed.push((id, created, message.to_string(), searchable_text(&message)));
        }
        if tail {
            let from = keyed
                .iter()
                .map(|(id, created, ..)| (*created, id.as_str()))
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
            let keep: Vec<&str> = keyed.iter().map(|k| k.0.as_str()).collect();
            drop_tail_not_in(&tx, meta, from, &keep)?;
        }
        {
            let mut upsert = tx.prepare(
                "INSERT INTO messages (server, session_id, message_id, created, body, text_bytes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (server, session_id, message_id) DO UPDATE SET
                   created = excluded.created, body = excluded.body, text_bytes = excluded.text_bytes
                 RETURNING id",
            )?;
            let mut unindex = tx.prepare("DELETE FROM search WHERE rowid = ?1")?;
            let mut index = tx.prepare("INSERT INTO search (rowid, body) VALUES (?1, ?2)")?;
            for (id, created, body, text) in &keyed {
                let row: i64 = upsert.query_row(
                    params![
                        meta.server,
                        meta.session_id,
                        id,
                        created,
                        body,
                        text.len() as i64
                    ],
                    |row| row.get(0),
                )?;
                unindex.execute([row])?;
                if !text.is_empty() {
                    index.execute(params![row, text])?;
                }
            }
        }
        tx.execute(
            "UPDATE sessions SET
               message_count = (SELECT count(*) FROM messages m WHERE m.server = ?1 AND m.session_id = ?2),
               bytes = length(CAST(title AS BLOB)) + coalesce(length(CAST(info AS BLOB)), 0) + (
                 SELECT coalesce(sum(length(CAST(body AS BLOB)) + text_bytes), 0)
                 FROM messages m WHERE m.server = ?1 AND m.session_id = ?2)
             WHERE server = ?1 AND session_id = ?2",
            params![meta.server, meta.session_id],
        )?;
        let evicted = enforce_cap(&tx, self.cap_bytes, &meta.server, &meta.session_id)?;
        tx.commit()?;
        if evicted {
            self.shrink()?;
        }
        Ok(())
    }

    /// The kept sessions of one project of one server, the most recently updated first; one with
    /// no message (opened before anything was said in it) has nothing to read and is left out.
    pub fn list(&self, server: &str, directory: &str) -> Result<Vec<CachedSession>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {SESSION_COLUMNS} FROM sessions s
             WHERE s.server = ?1 AND s.directory = ?2 AND s.message_count > 0
             ORDER BY s.updated DESC"
        ))?;
        let rows = stmt.query_map(params![server, directory], session_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One kept session with its messages, oldest first; reading it counts as opening it.
    pub fn get(&mut self, server: &str, session_id: &str, now: f64) -> Result<Option<SessionCopy>> {
        let session = self
            .conn
            .query_row(
                &format!(
                    "SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.server = ?1 AND s.session_id = ?2"
                ),
                params![server, session_id],
                session_row,
            )
            .optional()?;
        let Some(session) = session else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare(
            "SELECT body FROM messages WHERE server = ?1 AND session_id = ?2
             ORDER BY created, message_id",
        )?;
        let messages = stmt
            .query_map(params![server, session_id], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        drop(stmt);
        self.conn.execute(
            "UPDATE sessions SET opened_at = ?3 WHERE server = ?1 AND session_id = ?2",
            params![server, session_id, now],
        )?;
        Ok(Some(SessionCopy { session, messages }))
    }

    /// Kept sessions of a project whose title holds every word of `query`, then messages whose
    /// text does (FTS5: each word as a prefix, the most relevant first; LIKE: as a substring, the
    /// most recent first), at most `limit` in all.
    pub fn search(
        &self,
        server: &str,
        directory: &str,
        query: &str,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        let words: Vec<&str> = query.split_whitespace().collect();
        if words.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let mut hits = Vec::new();
        for session in self.list(server, directory)? {
            let title = session.title.to_lowercase();
            if words.iter().all(|w| title.contains(&w.to_lowercase())) {
                hits.push(SearchHit {
                    snippet: session.title.clone(),
                    session,
                    message_id: None,
                });
            }
        }
        hits.truncate(limit);
        let left = (limit - hits.len()) as i64;
        let (filter, pattern) = match self.search {
            SearchKind::Fts5 => ("search MATCH ?3", fts_query(&words)),
            SearchKind::Like => ("search.body LIKE ?3 ESCAPE '\\'", like_pattern(&words)),
        };
        let mut conditions = vec![filter.to_string()];
        // LIKE takes one pattern; the other words are more LIKEs.
        let extra: Vec<String> = if self.search == SearchKind::Like {
            words[1..].iter().map(|w| like_pattern(&[w])).collect()
        } else {
            Vec::new()
        };
        for i in 0..extra.len() {
            conditions.push(format!("search.body LIKE ?{} ESCAPE '\\'", i + 5));
        }
        // Best first: FTS5's own relevance (bm25: the words often, in a short text); LIKE has
        // none, so the most recent first.
        let order = match self.search {
            SearchKind::Fts5 => "search.rank, s.updated DESC, m.created DESC",
            SearchKind::Like => "s.updated DESC, m.created DESC",
        };
        let sql = format!(
            "SELECT {SESSION_COLUMNS}, m.message_id, search.body
             FROM search JOIN messages m ON m.id = search.rowid
             JOIN sessions s ON s.server = m.server AND s.session_id = m.session_id
             WHERE {} AND s.server = ?1 AND s.directory = ?2
             ORDER BY {order} LIMIT ?4",
            conditions.join(" AND ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut values: Vec<&dyn rusqlite::ToSql> = vec![&server, &directory, &pattern, &left];
        for e in &extra {
            values.push(e);
        }
        let rows = stmt.query_map(values.as_slice(), |row| {
            let session = session_row(row)?;
            let message_id: String = row.get(9)?;
            let body: String = row.get(10)?;
            Ok(SearchHit {
                session,
                message_id: Some(message_id),
                snippet: snippet(&body, query),
            })
        })?;
        for hit in rows {
            hits.push(hit?);
        }
        Ok(hits)
    }

    /// Forgets one session's copy.
    pub fn remove(&mut self, server: &str, session_id: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        remove_session(&tx, server, session_id)?;
        tx.commit()?;
        self.shrink()
    }

    /// Forgets every copy and gives the space back.
    pub fn clear(&mut self) -> Result<()> {
        self.conn.execute_batch(
            "BEGIN; DELETE FROM search; DELETE FROM messages; DELETE FROM sessions; COMMIT;",
        )?;
        self.shrink()
    }

    pub fn stats(&self) -> Result<CacheStats> {
        let (sessions, content_bytes): (i64, i64) = self.conn.query_row(
            "SELECT count(*), coalesce(sum(bytes), 0) FROM sessions",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let page_size: i64 = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        Ok(CacheStats {
            sessions: sessions as u64,
            file_bytes: (pages * page_size) as u64,
            content_bytes: content_bytes as u64,
        })
    }

    /// Gives freed pages back to the file system, and the write-ahead log's space.
    fn shrink(&mut self) -> Result<()> {
        // Each step of this pragma frees one page: step it to the end.
        let mut vacuum = self.conn.prepare("PRAGMA incremental_vacuum")?;
        let mut rows = vacuum.query([])?;
        while rows.next()?.is_some() {}
        drop(rows);
        drop(vacuum);
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

fn session_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<CachedSession> {
    Ok(CachedSession {
        server: row.get(0)?,
        directory: row.get(1)?,
        session_id: row.get(2)?,
        title: row.get(3)?,
        updated: row.get(4)?,
        cached_at: row.get(5)?,
        message_count: row.get::<_, i64>(6)? as u64,
        bytes: row.get::<_, i64>(7)? as u64,
        info: row.get(8)?,
    })
}

/// Deletes the session's kept messages from `from` (created, id) on that are not in `keep`.
fn drop_tail_not_in(
    tx: &Transaction<'_>,
    meta: &SessionMeta,
    from: Option<(f64, &str)>,
    keep: &[&str],
) -> Result<()> {
    let (created, id) = from.unwrap_or((f64::NEG_INFINITY, ""));
    let mut find = tx.prepare(
        "SELECT id, message_id FROM messages WHERE server = ?1 AND session_id = ?2
         AND (created > ?3 OR (created = ?3 AND message_id >= ?4))",
    )?;
    let gone: Vec<i64> = find
        .query_map(params![meta.server, meta.session_id, created, id], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
        })?
        .filter_map(|r| r.ok())
        .filter(|(_, message_id)| !keep.contains(&message_id.as_str()))
        .map(|(row, _)| row)
        .collect();
    delete_message_rows(tx, &gone)
}

fn delete_message_rows(tx: &Transaction<'_>, rows: &[i64]) -> Result<()> {
    let mut unindex = tx.prepare("DELETE FROM search WHERE rowid = ?1")?;
    let mut delete = tx.prepare("DELETE FROM messages WHERE id = ?1")?;
    for row in rows {
        unindex.execute([row])?;
        delete.execute([row])?;
    }
    Ok(())
}

fn remove_session(tx: &Transaction<'_>, server: &str, session_id: &str) -> Result<()> {
    let rows: Vec<i64> = tx
        .prepare("SELECT id FROM messages WHERE server = ?1 AND session_id = ?2")?
        .query_map(params![server, session_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    delete_message_rows(tx, &rows)?;
    tx.execute(
        "DELETE FROM sessions WHERE server = ?1 AND session_id = ?2",
        params![server, session_id],
    )?;
    Ok(())
}

/// Drops the least recently opened sessions (never the one just written) until the copies fit
/// in `cap` bytes. Says whether it dropped any.
fn enforce_cap(tx: &Transaction<'_>, cap: u64, server: &str, session_id: &str) -> Result<bool> {
    let mut evicted = false;
    loop {
        let total: i64 = tx.query_row("SELECT coalesce(sum(bytes), 0) FROM sessions", [], |r| {
            r.get(0)
        })?;
        if total as u64 <= cap {
            return Ok(evicted);
        }
        let oldest: Option<(String, String)> = tx
            .query_row(
                "SELECT server, session_id FROM sessions
                 WHERE NOT (server = ?1 AND session_id = ?2)
                 ORDER BY opened_at ASC LIMIT 1",
                params![server, session_id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let Some((s, id)) = oldest else {
            return Ok(evicted);
        };
        remove_session(tx, &s, &id)?;
        evicted = true;
    }
}

/// Each word a quoted FTS5 string (so no word is read as an operator), the last a prefix.
fn fts_query(words: &[&str]) -> String {
    let last = words.len() - 1;
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let quoted = format!("\"{}\"", w.replace('"', "\"\""));
            if i == last {
                quoted + "*"
            } else {
                quoted
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `%word%` with LIKE's own wildcards escaped (LIKE is case-insensitive for ASCII).
fn like_pattern(words: &[&str]) -> String {
    let w = words[0]
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{w}%")
}

#[cfg(test)]
mod tests;
