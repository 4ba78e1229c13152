//! Keyset pagination: one opaque, versioned cursor format and the page cut for every list.
//!
//! A cursor names the sort key of the last row of a page. Its text is `1.` followed by the
//! URL-safe base64 of a JSON array of strings; clients treat it as opaque. A version other
//! than `1`, bad base64, bad JSON or key parts of the wrong shape all decode to `None`, which
//! the API answers with 422 `invalid_cursor`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, NaiveDateTime};

const VERSION: &str = "1.";

/// The sort key of a page's last row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor(Vec<String>);

impl Cursor {
    /// The opaque text form.
    pub fn encode(&self) -> String {
        let json = serde_json::to_vec(&self.0).unwrap_or_default();
        format!("{VERSION}{}", URL_SAFE_NO_PAD.encode(json))
    }

    /// Parses the text form; `None` when it is not one of ours.
    pub fn decode(raw: &str) -> Option<Cursor> {
        let body = raw.strip_prefix(VERSION)?;
        let bytes = URL_SAFE_NO_PAD.decode(body).ok()?;
        let parts: Vec<String> = serde_json::from_slice(&bytes).ok()?;
        Some(Cursor(parts))
    }

    /// A key of any parts (the query that cut the page knows what they mean).
    pub fn parts(parts: Vec<String>) -> Cursor {
        Cursor(parts)
    }

    /// The parts, for the query that reads them back.
    pub fn as_parts(&self) -> &[String] {
        &self.0
    }

    /// A key of one id.
    pub fn id(id: &str) -> Cursor {
        Cursor(vec![id.to_string()])
    }

    /// The id of a one-id key.
    pub fn as_id(&self) -> Option<String> {
        match self.0.as_slice() {
            [id] if !id.is_empty() && id.len() <= 64 => Some(id.clone()),
            _ => None,
        }
    }

    /// A key of one sequence number.
    pub fn seq(seq: i64) -> Cursor {
        Cursor(vec![seq.to_string()])
    }

    /// The number of a sequence key.
    pub fn as_seq(&self) -> Option<i64> {
        match self.0.as_slice() {
            [n] => n.parse().ok().filter(|n| *n > 0),
            _ => None,
        }
    }

    /// A key of a time (microseconds) and an id, for lists ordered by time.
    pub fn time_id(t: &NaiveDateTime, id: &str) -> Cursor {
        Cursor(vec![t.and_utc().timestamp_micros().to_string(), id.to_string()])
    }

    /// The time and id of a time key.
    pub fn as_time_id(&self) -> Option<(NaiveDateTime, String)> {
        match self.0.as_slice() {
            [micros, id] if !id.is_empty() && id.len() <= 64 => {
                let t = DateTime::from_timestamp_micros(micros.parse().ok()?)?.naive_utc();
                Some((t, id.clone()))
            }
            _ => None,
        }
    }
}

/// Cuts `rows` (fetched with `limit + 1`) to one page: the first `limit` rows, and the cursor
/// of the last one when there are more.
pub fn cut<T>(
    mut rows: Vec<T>,
    limit: i64,
    key: impl Fn(&T) -> Cursor,
) -> (Vec<T>, Option<String>) {
    let more = rows.len() as i64 > limit;
    rows.truncate(limit.max(0) as usize);
    let next = if more { rows.last().map(|r| key(r).encode()) } else { None };
    (rows, next)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn round_trips_and_refuses_strangers() {
        let t = DateTime::from_timestamp_micros(1_700_000_000_123_456).unwrap().naive_utc();
        let c = Cursor::time_id(&t, "abc");
        assert_eq!(
            Cursor::decode(&c.encode()).and_then(|c| c.as_time_id()),
            Some((t, "abc".into()))
        );
        assert_eq!(Cursor::decode(&Cursor::seq(42).encode()).and_then(|c| c.as_seq()), Some(42));
        for bad in ["", "abc", "2.W10", "1.!!!", "1.e30", &Cursor::id("x").encode()] {
            assert!(Cursor::decode(bad).and_then(|c| c.as_time_id()).is_none(), "{bad}");
        }
        assert!(Cursor::decode(&Cursor::seq(1).encode()).and_then(|c| c.as_id()).is_some());
        assert!(Cursor::decode("1.WyItMSJd").and_then(|c| c.as_seq()).is_none());
    }

    #[test]
    fn cuts_a_page() {
        let (rows, next) = cut(vec![1, 2, 3], 2, |n| Cursor::seq(*n));
        assert_eq!(rows, vec![1, 2]);
        assert_eq!(next.and_then(|n| Cursor::decode(&n)).and_then(|c| c.as_seq()), Some(2));
        assert_eq!(cut(vec![1, 2], 2, |n| Cursor::seq(*n)).1, None);
    }
}
