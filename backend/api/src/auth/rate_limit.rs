//! A fixed-window, per-key request limiter (per IP on the auth endpoints).
//!
//! In-process: with several replicas each keeps its own counts, so the effective limit is
//! the per-replica limit times the replica count. The per-account failed-login cap lives in
//! the database and is exact across replicas.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::ApiError;

/// The limiter.
pub struct RateLimiter {
    limit: u32,
    window: Duration,
    counts: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    /// At most `limit` hits per `window` per key.
    pub fn new(limit: u32, window: Duration) -> Self {
        Self { limit, window, counts: Mutex::new(HashMap::new()) }
    }

    /// Counts a hit for `key`: how many hits the key has in its current window (this one
    /// included) and how long until the window ends.
    pub fn count(&self, key: &str) -> (u32, Duration) {
        let now = Instant::now();
        let Ok(mut map) = self.counts.lock() else { return (0, Duration::ZERO) };
        if map.len() > 100_000 {
            map.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        let entry = map.entry(key.to_string()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        entry.1 = entry.1.saturating_add(1);
        (entry.1, self.window.saturating_sub(now.duration_since(entry.0)))
    }

    /// The limit per window.
    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// Counts a hit for `key`; 429 with `Retry-After` once over the limit.
    pub fn check(&self, key: &str) -> Result<(), ApiError> {
        let (n, left) = self.count(key);
        if n > self.limit {
            return Err(ApiError::TooManyRequests {
                retry_after: left.as_secs().max(1),
                detail: "Too many attempts from your network. Wait a moment and try again.".into(),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_key_and_window() {
        let l = RateLimiter::new(2, Duration::from_secs(60));
        assert!(l.check("a").is_ok());
        assert!(l.check("a").is_ok());
        match l.check("a") {
            Err(ApiError::TooManyRequests { retry_after, .. }) => {
                assert!((1..=60).contains(&retry_after))
            }
            other => panic!("expected 429, got {other:?}"),
        }
        assert!(l.check("b").is_ok());
        let short = RateLimiter::new(1, Duration::from_millis(1));
        assert!(short.check("a").is_ok());
        std::thread::sleep(Duration::from_millis(5));
        assert!(short.check("a").is_ok());
    }
}
