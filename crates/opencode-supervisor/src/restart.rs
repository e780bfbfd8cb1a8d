//! When to restart a crashed server: exponential [`Backoff`] between attempts, a [`CrashWindow`]
//! that notices a crash loop, and the [`HealthCheck`] that tells a hung server (alive, not
//! answering) from a busy one. Pure (time is passed in), so all are unit-tested without sleeping.
//! The supervisor owns the clock and the decision to give up.
//!
//! The invariant: a crash loop is judged on crashes inside the window only, so a server that
//! crashes once a day is restarted forever, and one that cannot stay up is stopped quickly.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How a supervised server is restarted after it dies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestartPolicy {
    /// Restart at all; when false the first crash is final.
    pub enabled: bool,
    /// The first delay; each further crash doubles it, up to `max_delay`.
    pub initial_delay: Duration,
    pub max_delay: Duration,
    /// This many crashes within `window` is a crash loop: stop and report.
    pub max_crashes: usize,
    pub window: Duration,
    /// How a running server is checked for a hang; `None` trusts it for as long as it lives.
    /// A hang counts as a crash: same backoff, same crash-loop window.
    pub health_check: Option<HealthCheck>,
}

/// A ready spawned server answers `GET /global/health` every `interval`; `misses` checks in a
/// row without an answer within `timeout`, and without activity noted in between
/// ([`ServerHandle::note_activity`](crate::ServerHandle::note_activity)), mean it hangs, and it
/// is killed and restarted.
///
/// The defaults (every 5 s, 3 s each, 3 in a row) give up on a server after 15 to 25 s of
/// silence: long enough for a busy event loop to answer, short enough for a person waiting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthCheck {
    pub interval: Duration,
    pub timeout: Duration,
    pub misses: u32,
}

impl Default for HealthCheck {
    fn default() -> Self {
        HealthCheck {
            interval: Duration::from_secs(5),
            timeout: Duration::from_secs(3),
            misses: 3,
        }
    }
}

impl Default for RestartPolicy {
    fn default() -> Self {
        RestartPolicy {
            enabled: true,
            initial_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(30),
            max_crashes: 5,
            window: Duration::from_secs(60),
            health_check: Some(HealthCheck::default()),
        }
    }
}

/// When the app last saw the server deliver something (an event), shared by its handle (which
/// notes it) and its owner (which asks before calling a missed health check a miss).
#[derive(Debug, Clone)]
pub(crate) struct Activity {
    since: Instant,
    /// Milliseconds after `since`, plus one; 0 is never.
    last: Arc<AtomicU64>,
}

impl Activity {
    pub fn new() -> Activity {
        Activity {
            since: Instant::now(),
            last: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Cheap enough for every event: one relaxed store.
    pub fn note(&self) {
        let millis = self.since.elapsed().as_millis() as u64 + 1;
        self.last.store(millis, Ordering::Relaxed);
    }

    /// How long ago activity was last noted; `None` if never.
    pub fn age(&self) -> Option<Duration> {
        let last = self.last.load(Ordering::Relaxed).checked_sub(1)?;
        Some(
            self.since
                .elapsed()
                .saturating_sub(Duration::from_millis(last)),
        )
    }
}

impl HealthCheck {
    /// A check without an answer is still no miss when the server delivered something within
    /// one check period (`interval + timeout`, the time since the check before began). So a
    /// hang still needs `misses` checks in a row with no event between any of them, while a
    /// server too busy to answer health in time, but streaming, is never killed mid-reply.
    pub(crate) fn alive(&self, answered: bool, activity_age: Option<Duration>) -> bool {
        answered || activity_age.is_some_and(|age| age <= self.interval + self.timeout)
    }
}

/// Consecutive failed health checks; any answer starts the count again.
#[derive(Debug, Clone)]
pub(crate) struct MissedChecks {
    limit: u32,
    missed: u32,
}

impl MissedChecks {
    pub fn new(limit: u32) -> MissedChecks {
        MissedChecks {
            limit: limit.max(1),
            missed: 0,
        }
    }

    /// Records one check; true when the misses in a row reach the limit.
    pub fn record(&mut self, answered: bool) -> bool {
        self.missed = if answered { 0 } else { self.missed + 1 };
        self.missed >= self.limit
    }

    pub fn count(&self) -> u32 {
        self.missed
    }
}

/// Doubling delays from `initial` to `max`; `reset` after the server has been up a while.
#[derive(Debug, Clone)]
pub(crate) struct Backoff {
    initial: Duration,
    max: Duration,
    next: Duration,
}

impl Backoff {
    pub fn new(initial: Duration, max: Duration) -> Backoff {
        Backoff {
            initial,
            max,
            next: initial.min(max),
        }
    }

    pub fn next_delay(&mut self) -> Duration {
        let delay = self.next;
        self.next = (self.next * 2).min(self.max);
        delay
    }

    pub fn reset(&mut self) {
        self.next = self.initial.min(self.max);
    }
}

/// The times of recent crashes, for crash-loop detection.
#[derive(Debug, Clone)]
pub(crate) struct CrashWindow {
    max_crashes: usize,
    window: Duration,
    crashes: VecDeque<Instant>,
}

impl CrashWindow {
    pub fn new(max_crashes: usize, window: Duration) -> CrashWindow {
        CrashWindow {
            max_crashes: max_crashes.max(1),
            window,
            crashes: VecDeque::new(),
        }
    }

    /// Records a crash at `now`; true when that makes a crash loop.
    pub fn record(&mut self, now: Instant) -> bool {
        while let Some(first) = self.crashes.front() {
            if now.duration_since(*first) > self.window {
                self.crashes.pop_front();
            } else {
                break;
            }
        }
        self.crashes.push_back(now);
        self.crashes.len() >= self.max_crashes
    }

    pub fn count(&self) -> usize {
        self.crashes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap_and_resets() {
        let mut backoff = Backoff::new(Duration::from_millis(250), Duration::from_secs(1));
        let delays: Vec<_> = (0..5).map(|_| backoff.next_delay().as_millis()).collect();
        assert_eq!(delays, [250, 500, 1000, 1000, 1000]);
        backoff.reset();
        assert_eq!(backoff.next_delay(), Duration::from_millis(250));
    }

    #[test]
    fn five_crashes_within_the_window_is_a_loop() {
        let start = Instant::now();
        let mut window = CrashWindow::new(5, Duration::from_secs(60));
        for i in 0..4 {
            assert!(!window.record(start + Duration::from_secs(i * 10)));
        }
        assert!(window.record(start + Duration::from_secs(45)));
    }

    #[test]
    fn only_misses_in_a_row_make_a_hang() {
        let mut missed = MissedChecks::new(3);
        assert!(!missed.record(false));
        assert!(!missed.record(false));
        // One answer in between: the server is slow, not hung.
        assert!(!missed.record(true));
        assert!(!missed.record(false));
        assert!(!missed.record(false));
        assert!(missed.record(false));
        assert_eq!(missed.count(), 3);
    }

    #[test]
    fn recent_activity_makes_an_unanswered_check_no_miss() {
        let check = HealthCheck {
            interval: Duration::from_secs(5),
            timeout: Duration::from_secs(3),
            misses: 3,
        };
        assert!(check.alive(true, None));
        assert!(!check.alive(false, None));
        assert!(check.alive(false, Some(Duration::from_secs(1))));
        assert!(check.alive(false, Some(Duration::from_secs(8))));
        assert!(!check.alive(false, Some(Duration::from_secs(9))));
    }

    #[test]
    fn activity_is_unknown_until_noted() {
        let activity = Activity::new();
        assert_eq!(activity.age(), None);
        activity.clone().note();
        assert!(activity
            .age()
            .is_some_and(|age| age < Duration::from_secs(60)));
    }

    #[test]
    fn crashes_older_than_the_window_are_forgotten() {
        let start = Instant::now();
        let mut window = CrashWindow::new(3, Duration::from_secs(60));
        assert!(!window.record(start));
        assert!(!window.record(start + Duration::from_secs(30)));
        // The first crash is now 61 s old and no longer counts.
        assert!(!window.record(start + Duration::from_secs(61)));
        assert_eq!(window.count(), 2);
        assert!(window.record(start + Duration::from_secs(62)));
    }
}
