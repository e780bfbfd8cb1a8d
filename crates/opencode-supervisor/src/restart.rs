//! When to restart a crashed server: exponential [`Backoff`] between attempts, and a
//! [`CrashWindow`] that notices a crash loop. Pure (time is passed in), so both are unit-tested
//! without sleeping. The supervisor owns the clock and the decision to give up.
//!
//! The invariant: a crash loop is judged on crashes inside the window only, so a server that
//! crashes once a day is restarted forever, and one that cannot stay up is stopped quickly.

use std::collections::VecDeque;
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
}

impl Default for RestartPolicy {
    fn default() -> Self {
        RestartPolicy {
            enabled: true,
            initial_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(30),
            max_crashes: 5,
            window: Duration::from_secs(60),
        }
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
