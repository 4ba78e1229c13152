//! The clients of the durability tests: a patient who logs numbered readings, each with its
//! own `client_id`, and retries every one until the server acknowledges it (201 stored, or
//! 200: stored by an earlier attempt whose answer was lost), following the server to its
//! address after a restart and signing in again when its token is refused.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use kindred_tests::http::PASSWORD;
use kindred_tests::mail::{link_with_token, wait_for_eml};
use kindred_tests::process::Kindred;
use serde_json::{json, Value};
use tokio::sync::{watch, Mutex};

/// How long one write may go unacknowledged (server down, restarting) before the test fails.
const WRITE_DEADLINE: Duration = Duration::from_secs(120);

/// The `client_id` of reading `i`.
pub fn client_id(i: usize) -> String {
    format!("durability-{i:05}")
}

/// The heart rate reading `i` carries (so a stored row can be checked against what was sent).
pub fn value(i: usize) -> i64 {
    40 + (i % 150) as i64
}

fn body(i: usize) -> Value {
    let taken_at = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap()
        + chrono::TimeDelta::minutes(i as i64);
    json!({
        "type": "heart_rate",
        "value": value(i),
        "taken_at": taken_at.to_rfc3339(),
        "client_id": client_id(i),
        // The values sweep the whole plausible range, far from one another on purpose; the
        // sanity check against the member's history is not what this test is about.
        "confirm_unusual": true,
    })
}

/// What the clients saw.
#[derive(Default)]
pub struct Counts {
    /// Writes acknowledged (each exactly once, by its last attempt).
    pub acknowledged: AtomicUsize,
    /// … of which with 201 (stored by that attempt).
    pub created: AtomicUsize,
    /// … of which with 200 (already stored by an attempt whose answer was lost).
    pub replayed: AtomicUsize,
    /// Writes that needed more than one attempt.
    pub retried_writes: AtomicUsize,
    /// Attempts that got no answer (connection refused, reset, closed mid-answer).
    pub transport_errors: AtomicUsize,
    /// Attempts answered 5xx or 429.
    pub server_errors: AtomicUsize,
    /// Attempts answered with another status than 200 or 201, by status.
    refusals: std::sync::Mutex<BTreeMap<u16, usize>>,
    /// Sign-ins after a refused (401) token.
    pub relogins: AtomicUsize,
    /// The numbers of the acknowledged readings, in the order of their acknowledgements.
    acked: std::sync::Mutex<Vec<usize>>,
}

impl Counts {
    /// The readings acknowledged so far.
    pub fn acked(&self) -> Vec<usize> {
        self.acked.lock().unwrap().clone()
    }

    /// How many readings were acknowledged so far.
    pub fn acknowledged(&self) -> usize {
        self.acknowledged.load(Ordering::SeqCst)
    }

    fn get(n: &AtomicUsize) -> usize {
        n.load(Ordering::SeqCst)
    }

    /// One line per count, for the test's report.
    pub fn report(&self) -> String {
        format!(
            "acknowledged {} (201 created {}, 200 already stored {}), retried writes {}, \
             attempts without an answer {}, attempts answered 5xx/429 {}, sign-ins again {}, \
             answers other than 200/201 by status {:?}",
            Self::get(&self.acknowledged),
            Self::get(&self.created),
            Self::get(&self.replayed),
            Self::get(&self.retried_writes),
            Self::get(&self.transport_errors),
            Self::get(&self.server_errors),
            Self::get(&self.relogins),
            self.refusals.lock().unwrap(),
        )
    }
}

/// A signed-in patient writing readings to whichever address the server has now.
pub struct Writer {
    http: reqwest::Client,
    address: watch::Receiver<String>,
    email: String,
    /// (generation, access token): a refused token is replaced once per generation.
    token: Mutex<(u64, String)>,
    generation: AtomicU64,
    /// What happened so far.
    pub counts: Counts,
}

impl Writer {
    /// Registers `handle`, confirms the email through the `.eml` file the server wrote, and
    /// signs in.
    pub async fn sign_up(
        kindred: &Kindred,
        address: watch::Receiver<String>,
        handle: &str,
    ) -> Arc<Writer> {
        let http = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
        let email = format!("{handle}@example.org");
        let api = format!("{}/api/v1", *address.borrow());
        let res = http
            .post(format!("{api}/auth/register"))
            .json(&json!({"email": email, "password": PASSWORD, "handle": handle}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 202, "register: {}", res.text().await.unwrap_or_default());
        let mail = wait_for_eml(&kindred.outbox(), &email, "verify_email").await;
        let (_, token) = link_with_token(&mail, "/verify-email");
        let res =
            http.post(format!("{api}/auth/verify-email")).json(&json!({"token": token})).send();
        assert_eq!(res.await.unwrap().status(), 200, "verify email");
        let writer = Writer {
            http,
            address,
            email,
            token: Mutex::new((0, String::new())),
            generation: AtomicU64::new(0),
            counts: Counts::default(),
        };
        let token = writer.sign_in().await;
        *writer.token.lock().await = (0, token);
        Arc::new(writer)
    }

    /// The server's current `/api/v1` base.
    fn api(&self) -> String {
        format!("{}/api/v1", *self.address.borrow())
    }

    /// Signs in (retrying while the server is down or busy); returns the access token.
    async fn sign_in(&self) -> String {
        let body = json!({"email": self.email, "password": PASSWORD});
        let deadline = Instant::now() + WRITE_DEADLINE;
        loop {
            assert!(Instant::now() < deadline, "could not sign in again");
            let res = self.http.post(format!("{}/auth/login", self.api())).json(&body).send();
            if let Ok(res) = res.await {
                if res.status() == 200 {
                    let v: Value = res.json().await.unwrap();
                    return v["access_token"].as_str().unwrap().to_string();
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Replaces the token of generation `seen` (once, however many clients saw it refused).
    async fn refresh(&self, seen: u64) {
        let mut token = self.token.lock().await;
        if token.0 == seen {
            let fresh = self.sign_in().await;
            let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
            *token = (generation, fresh);
            self.counts.relogins.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Writes reading `i`, retrying until it is acknowledged.
    pub async fn write(&self, i: usize) {
        let body = body(i);
        let deadline = Instant::now() + WRITE_DEADLINE;
        for attempt in 0.. {
            assert!(Instant::now() < deadline, "write {i} unacknowledged for {WRITE_DEADLINE:?}");
            if attempt == 1 {
                self.counts.retried_writes.fetch_add(1, Ordering::Relaxed);
            }
            let (generation, token) = self.token.lock().await.clone();
            let sent = self
                .http
                .post(format!("{}/me/measurements", self.api()))
                .bearer_auth(&token)
                .json(&body)
                .send()
                .await;
            let res = match sent {
                Ok(res) => res,
                Err(_) => {
                    self.transport_error().await;
                    continue;
                }
            };
            let status = res.status().as_u16();
            if !matches!(status, 200 | 201) {
                *self.counts.refusals.lock().unwrap().entry(status).or_default() += 1;
            }
            match status {
                200 | 201 => {
                    // Acknowledged only once the whole answer arrived.
                    let Ok(stored) = res.json::<Value>().await else {
                        self.transport_error().await;
                        continue;
                    };
                    assert_eq!(stored["client_id"], client_id(i).as_str(), "{stored}");
                    assert_eq!(stored["value"].as_f64(), Some(value(i) as f64), "{stored}");
                    let kind =
                        if status == 201 { &self.counts.created } else { &self.counts.replayed };
                    kind.fetch_add(1, Ordering::Relaxed);
                    self.counts.acked.lock().unwrap().push(i);
                    self.counts.acknowledged.fetch_add(1, Ordering::SeqCst);
                    return;
                }
                401 => self.refresh(generation).await,
                429 | 500..=599 => {
                    self.counts.server_errors.fetch_add(1, Ordering::Relaxed);
                    let text = res.text().await.unwrap_or_default();
                    eprintln!("write {i}: {status} {text} (retrying)");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                _ => panic!("write {i}: {status} {}", res.text().await.unwrap_or_default()),
            }
        }
    }

    async fn transport_error(&self) {
        self.counts.transport_errors.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    /// Every reading of this patient as the API lists it (`client_id` → values), walking the
    /// pages of `GET /me/measurements`.
    pub async fn listed(&self) -> HashMap<String, Vec<f64>> {
        let token = self.token.lock().await.1.clone();
        let mut seen: HashMap<String, Vec<f64>> = HashMap::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut url = format!("{}/me/measurements?limit=200", self.api());
            if let Some(c) = &cursor {
                url.push_str(&format!("&cursor={c}"));
            }
            let res = self.http.get(url).bearer_auth(&token).send().await.unwrap();
            assert_eq!(res.status(), 200);
            let page: Value = res.json().await.unwrap();
            for m in page["items"].as_array().unwrap() {
                let id = m["client_id"].as_str().unwrap_or_default().to_string();
                seen.entry(id).or_default().push(m["value"].as_f64().unwrap_or(f64::NAN));
            }
            match page["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_string()),
                None => return seen,
            }
        }
    }
}

/// Runs `clients` concurrent clients that write readings `0..count` between them, each taking
/// the next number not yet taken, until all are acknowledged or `stop` is set (a reading
/// already begun is still carried through to its acknowledgement).
pub async fn write_all(writer: &Arc<Writer>, clients: usize, count: usize, stop: Arc<AtomicBool>) {
    let next = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            let (writer, next, stop) = (writer.clone(), next.clone(), stop.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::SeqCst) {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= count {
                        return;
                    }
                    writer.write(i).await;
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
}

/// Every stored reading (`client_id` → values), read from the database itself.
pub fn stored(pool: &kindred_db::DbPool) -> HashMap<String, Vec<f64>> {
    use diesel::prelude::*;
    use kindred_db::schema::measurements as m;
    let rows: Vec<(Option<String>, f64)> = pool
        .run(|c| {
            m::table.select((m::client_id, m::value1)).load(c).map_err(kindred_db::DbError::from)
        })
        .unwrap();
    let mut by_id: HashMap<String, Vec<f64>> = HashMap::new();
    for (id, v) in rows {
        by_id.entry(id.unwrap_or_default()).or_default().push(v);
    }
    by_id
}

/// How the stored readings compare with what was sent: `client_id`s missing, stored more
/// than once, stored with another value, or never sent.
#[derive(Debug, Default)]
pub struct Comparison {
    /// Sent and acknowledged, not stored.
    pub lost: Vec<String>,
    /// Stored more than once.
    pub duplicated: Vec<String>,
    /// Stored with a value other than the one sent.
    pub altered: Vec<String>,
    /// Stored, never sent.
    pub unexpected: Vec<String>,
}

impl Comparison {
    /// Compares `stored` (`client_id` → values) with the readings `expected`.
    pub fn of(stored: &HashMap<String, Vec<f64>>, expected: impl Iterator<Item = usize>) -> Self {
        let expected: BTreeMap<String, usize> = expected.map(|i| (client_id(i), i)).collect();
        let mut c = Comparison::default();
        for (id, i) in &expected {
            match stored.get(id).map(Vec::as_slice) {
                None | Some([]) => c.lost.push(id.clone()),
                Some([v]) if *v != value(*i) as f64 => c.altered.push(id.clone()),
                Some([_]) => {}
                Some(_) => c.duplicated.push(id.clone()),
            }
        }
        c.unexpected = stored.keys().filter(|k| !expected.contains_key(*k)).cloned().collect();
        c
    }
}
