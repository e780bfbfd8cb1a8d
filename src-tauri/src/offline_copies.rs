//! The offline copies of sessions the user opened (issue 20, "Readable offline"), between the
//! commands and `session_cache` (the SQLite store, no Tauri). Tauri-free too: `AppState` holds one.
//!
//! Written as the window loads pages (`load_messages` hands each page over after answering, and
//! the copy is written on a blocking thread: an open never waits for it), so the tail page every
//! open and every resync fetches keeps the copy current; `refresh` re-reads a session's tail when
//! its reply finishes. The database opens on first use (`offline-copies.sqlite` in the app's data
//! directory). With the setting off nothing is written and the database is cleared.
//!
//! Invariant: nothing here holds a password: servers are keyed by `session_cache::server_key`
//! (loopback is "local", a remote's address without credentials), and attachments' bytes are
//! taken out by the store before anything is written.

use opencode_client::types::{MessagePage, MessageWithParts, Session};
use opencode_client::Client;
use serde::Serialize;
use session_cache::{CachedSession, SessionCache, SessionMeta};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

pub const FILE_NAME: &str = "offline-copies.sqlite";
/// How many messages `refresh` re-reads from a session's end.
const REFRESH_PAGE: u32 = 50;

/// A kept session as the window lists it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct CopySummary {
    pub session_id: String,
    pub title: String,
    /// The server's last update of the session, ms.
    pub updated: f64,
    /// When the copy was last written, ms.
    pub cached_at: f64,
    pub message_count: u32,
    /// The session as the server last gave it, when kept (sub-agents carry `parentID`).
    pub session: Option<Session>,
}

/// A kept session with its messages, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct SessionCopyView {
    pub summary: CopySummary,
    pub messages: Vec<MessageWithParts>,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct CopyHit {
    pub summary: CopySummary,
    /// `None` when the title matched.
    pub message_id: Option<String>,
    pub snippet: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, specta::Type)]
pub struct CopiesSize {
    pub sessions: u32,
    /// The database's size on disk.
    pub bytes: f64,
    pub enabled: bool,
}

#[derive(Clone, Default)]
pub struct OfflineCopies {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    /// `None`: keep nothing (no data directory known); else where the database lives.
    path: Option<PathBuf>,
    enabled: AtomicBool,
    db: Mutex<Option<SessionCache>>,
}

fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

fn summary(s: CachedSession) -> CopySummary {
    CopySummary {
        session: s.info.as_deref().and_then(|j| serde_json::from_str(j).ok()),
        session_id: s.session_id,
        title: s.title,
        updated: s.updated,
        cached_at: s.cached_at,
        message_count: s.message_count.min(u32::MAX as u64) as u32,
    }
}

impl OfflineCopies {
    /// Copies kept in `path`, on or off as the setting says.
    pub fn at(path: Option<PathBuf>, enabled: bool) -> Self {
        OfflineCopies {
            inner: Arc::new(Inner {
                path,
                enabled: AtomicBool::new(enabled),
                db: Mutex::new(None),
            }),
        }
    }

    pub fn enabled(&self) -> bool {
        self.inner.enabled.load(Ordering::Relaxed) && self.inner.path.is_some()
    }

    /// Follows the setting: off clears what was kept.
    pub async fn set_enabled(&self, on: bool) -> Result<(), String> {
        let was = self.inner.enabled.swap(on, Ordering::Relaxed);
        if was && !on {
            return self.clear().await;
        }
        Ok(())
    }

    /// Runs `job` on the database, opened on first use, on a blocking thread.
    async fn with_db<T: Send + 'static>(
        &self,
        job: impl FnOnce(&mut SessionCache) -> session_cache::Result<T> + Send + 'static,
    ) -> Result<Option<T>, String> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let Some(path) = &inner.path else {
                return Ok(None);
            };
            let mut db = inner.db.lock().unwrap_or_else(|e| e.into_inner());
            if db.is_none() {
                *db = Some(SessionCache::open(path).map_err(|e| e.to_string())?);
            }
            let cache = db.as_mut().expect("opened above");
            job(cache).map(Some).map_err(|e| e.to_string())
        })
        .await
        .map_err(|e| e.to_string())?
    }

    /// Keeps a page the window loaded, in the background. `before: None` is the session's tail.
    pub fn keep_page(
        &self,
        client: Client,
        server_key: String,
        session_id: String,
        page: MessagePage,
        tail: bool,
    ) {
        if !self.enabled() {
            return;
        }
        let copies = self.clone();
        tokio::spawn(async move {
            if let Err(error) = copies
                .keep(&client, server_key, &session_id, &page, tail)
                .await
            {
                tracing::warn!(%error, session_id, "offline copy not written");
            }
        });
    }

    /// Writes a page now, the session's own record fetched first for its title and times.
    pub async fn keep(
        &self,
        client: &Client,
        server_key: String,
        session_id: &str,
        page: &MessagePage,
        tail: bool,
    ) -> Result<(), String> {
        let session = client
            .session(session_id)
            .await
            .map_err(|e| e.to_string())?;
        let directory = client
            .directory()
            .map(str::to_string)
            .unwrap_or_else(|| session.directory.clone());
        let meta = SessionMeta {
            server: server_key,
            directory,
            session_id: session_id.to_string(),
            title: session.title.clone(),
            updated: session.time.updated,
            info: serde_json::to_value(&session).ok(),
        };
        let messages: Vec<serde_json::Value> = page
            .messages
            .iter()
            .filter_map(|m| serde_json::to_value(m).ok())
            .collect();
        // The setting may have been turned off since the page was asked for.
        if !self.enabled() {
            return Ok(());
        }
        self.with_db(move |db| db.put_page(&meta, &messages, tail, now_ms()))
            .await
            .map(|_| ())
    }

    /// Re-reads the session's last messages from the server and keeps them (its reply ended).
    pub async fn refresh(
        &self,
        client: &Client,
        server_key: String,
        session_id: &str,
    ) -> Result<(), String> {
        if !self.enabled() {
            return Ok(());
        }
        let page = client
            .message_page(session_id, REFRESH_PAGE, None)
            .await
            .map_err(|e| e.to_string())?;
        self.keep(client, server_key, session_id, &page, true).await
    }

    pub async fn list(
        &self,
        server: String,
        directory: String,
    ) -> Result<Vec<CopySummary>, String> {
        let rows = self.with_db(move |db| db.list(&server, &directory)).await?;
        Ok(rows.unwrap_or_default().into_iter().map(summary).collect())
    }

    pub async fn get(
        &self,
        server: String,
        session_id: String,
    ) -> Result<Option<SessionCopyView>, String> {
        let copy = self
            .with_db(move |db| db.get(&server, &session_id, now_ms()))
            .await?
            .flatten();
        Ok(copy.map(|copy| SessionCopyView {
            summary: summary(copy.session),
            messages: copy
                .messages
                .iter()
                .filter_map(|m| serde_json::from_str(m).ok())
                .collect(),
        }))
    }

    pub async fn search(
        &self,
        server: String,
        directory: String,
        query: String,
        limit: usize,
    ) -> Result<Vec<CopyHit>, String> {
        let hits = self
            .with_db(move |db| db.search(&server, &directory, &query, limit))
            .await?
            .unwrap_or_default();
        Ok(hits
            .into_iter()
            .map(|h| CopyHit {
                summary: summary(h.session),
                message_id: h.message_id,
                snippet: h.snippet,
            })
            .collect())
    }

    /// Forgets one session's copy (the user deleted the session).
    pub async fn forget(&self, server: String, session_id: String) -> Result<(), String> {
        self.with_db(move |db| db.remove(&server, &session_id))
            .await
            .map(|_| ())
    }

    pub async fn clear(&self) -> Result<(), String> {
        self.with_db(|db| db.clear()).await.map(|_| ())
    }

    pub async fn size(&self) -> Result<CopiesSize, String> {
        let stats = self.with_db(|db| db.stats()).await?;
        Ok(CopiesSize {
            sessions: stats.map_or(0, |s| s.sessions as u32),
            bytes: stats.map_or(0.0, |s| s.file_bytes as f64),
            enabled: self.enabled(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use opencode_client::types::{PromptInput, SessionCreate};
    use testkit::{FakeModel, Reply, TestServer};

    #[tokio::test(flavor = "multi_thread")]
    async fn a_session_read_from_a_real_server_stays_readable_after_it_stops() {
        let model = FakeModel::start().await;
        let server = TestServer::start(&model).await.expect("the real server");
        let dir = server.project_dir().to_string_lossy().to_string();
        let client = Client::builder(server.url())
            .password(server.password().map(str::to_string))
            .directory(dir.clone())
            .build()
            .unwrap();
        let session = client
            .create_session(&SessionCreate {
                title: Some("Birds of the coast".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        model.push(Reply::text("The pelican flies low over the water."));
        let prompt = PromptInput::text("Which bird flies low?");
        client.prompt(&session.id, &prompt).await.unwrap();

        let db = tempfile::tempdir().unwrap();
        let copies = OfflineCopies::at(Some(db.path().join(FILE_NAME)), true);
        let page = client.message_page(&session.id, 50, None).await.unwrap();
        assert_eq!(page.messages.len(), 2);
        copies
            .keep(&client, "local".into(), &session.id, &page, true)
            .await
            .unwrap();
        // A reply ends: the copy is brought up to date from the session's tail.
        model.push(Reply::text("A cormorant dives."));
        let prompt = PromptInput::text("And which one dives?");
        client.prompt(&session.id, &prompt).await.unwrap();
        copies
            .refresh(&client, "local".into(), &session.id)
            .await
            .unwrap();
        drop(server);

        let listed = copies.list("local".into(), dir.clone()).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].title, "Birds of the coast");
        assert_eq!(listed[0].message_count, 4);
        assert_eq!(
            listed[0].session.as_ref().map(|s| s.id.as_str()),
            Some(session.id.as_str())
        );
        let copy = copies
            .get("local".into(), session.id.clone())
            .await
            .unwrap()
            .expect("kept");
        assert_eq!(copy.messages.len(), 4, "every message decodes back");
        let hits = copies
            .search("local".into(), dir.clone(), "pelican".into(), 10)
            .await
            .unwrap();
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(
            hits[0].message_id.as_deref(),
            Some(copy.messages[1].info.id())
        );
        assert!(hits[0].snippet.contains("pelican flies low"));

        // Turning the setting off clears the copies and keeps nothing more.
        assert_eq!(copies.size().await.unwrap().sessions, 1);
        copies.set_enabled(false).await.unwrap();
        let size = copies.size().await.unwrap();
        assert_eq!((size.sessions, size.enabled), (0, false));
        assert!(copies.list("local".into(), dir).await.unwrap().is_empty());
    }
}
