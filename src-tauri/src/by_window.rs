//! What a window holds open (its event subscriptions, its terminals' connections), numbered for
//! IPC: ended one by one, or all of a window's at once when it closes or reloads, so nothing
//! outlives what it was for. One registry for both kinds; what ending means is each kind's own.

use std::collections::BTreeMap;
use std::sync::Mutex;

/// Names a window's handle across IPC.
pub type HandleId = u32;

/// What ending a handle does (unsubscribe, abort its task...).
pub trait Ends {
    fn end(self);
}

pub struct ByWindow<T: Ends> {
    inner: Mutex<Inner<T>>,
}

struct Inner<T> {
    next: HandleId,
    open: BTreeMap<HandleId, (String, T)>,
}

impl<T: Ends> Default for ByWindow<T> {
    fn default() -> Self {
        ByWindow {
            inner: Mutex::new(Inner {
                next: 0,
                open: BTreeMap::new(),
            }),
        }
    }
}

impl<T: Ends> ByWindow<T> {
    /// Records `item` as `window`'s; returns its id (never 0).
    pub fn add(&self, window: String, item: T) -> HandleId {
        let mut inner = self.lock();
        inner.next = inner.next.wrapping_add(1).max(1);
        let id = inner.next;
        inner.open.insert(id, (window, item));
        id
    }

    /// `f` of the open handle `id`; `None` if it is not open.
    pub fn with<R>(&self, id: HandleId, f: impl FnOnce(&T) -> R) -> Option<R> {
        self.lock().open.get(&id).map(|(_, item)| f(item))
    }

    /// Ends one handle; false if it was not open.
    pub fn remove(&self, id: HandleId) -> bool {
        let ended = self.lock().open.remove(&id);
        ended.map(|(_, item)| item.end()).is_some()
    }

    /// Ends every handle of `window`; returns how many.
    pub fn remove_window(&self, window: &str) -> usize {
        let mut inner = self.lock();
        let ids: Vec<HandleId> = inner
            .open
            .iter()
            .filter(|(_, (owner, _))| owner == window)
            .map(|(id, _)| *id)
            .collect();
        let ended: Vec<T> = ids
            .iter()
            .filter_map(|id| inner.open.remove(id))
            .map(|(_, item)| item)
            .collect();
        // Ended outside the lock: ending may take other locks (a hub's).
        drop(inner);
        let count = ended.len();
        ended.into_iter().for_each(Ends::end);
        count
    }

    /// Handles open now.
    #[cfg(test)]
    pub fn count(&self) -> usize {
        self.lock().open.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner<T>> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    struct Counted(Arc<AtomicUsize>);
    impl Ends for Counted {
        fn end(self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn a_window_closing_ends_its_handles_and_no_other() {
        let ended = Arc::new(AtomicUsize::new(0));
        let handles = ByWindow::default();
        let a = handles.add("main".into(), Counted(ended.clone()));
        handles.add("main".into(), Counted(ended.clone()));
        let other = handles.add("quick-prompt".into(), Counted(ended.clone()));
        assert!(handles.remove(a));
        assert!(!handles.remove(a), "an id already ended is not open");
        assert_eq!(handles.remove_window("main"), 1);
        assert_eq!(ended.load(Ordering::SeqCst), 2);
        assert_eq!(handles.with(other, |_| "open"), Some("open"));
        assert_eq!(handles.count(), 1);
    }
}
