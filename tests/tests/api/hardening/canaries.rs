//! PHI canaries (issue "no byte of health data escapes"): every free-text field a member can
//! fill, their email address, handle and browser's User-Agent carry a unique marker
//! (`CANARY<field><n>x<run tag>`), every operation of the OpenAPI document is called by the
//! owner and in failing forms carrying more markers, and then each marker is looked for where
//! no member's data may go.
//!
//! The server is the real binary run as a child process ([`kindred_tests::process`]): the
//! in-process [`kindred_tests::spawn_app`] installs no log subscriber at all, and only the
//! binary's own `telemetry::init` shows what an operator's log really holds. It runs with
//! `KINDRED_LOG=debug`, once with `KINDRED_LOG_FORMAT=text` and once with `json` (two tests,
//! each over its own database), and delivers mail as `.eml` files in its outbox (fed back to
//! [`TestApp::mail`] so the shared fixtures can follow confirmation links).
//!
//! The world is the permission matrix's ([`matrix::build`]), with its patient and "another
//! patient" replaced by two canary members, `alice` and `bob`, who own everything the
//! matrix's rows name (measurement, response, thread, post, appeal, notification, consent
//! receipt, researcher application, report). Then:
//!
//! 1. every cell of the matrix's table (each operation × each kind of caller: the owner,
//!    someone else's id → 404, the wrong role → 403, anonymous → 401, bad bodies → 422);
//! 2. per operation, as the owner unless said: an expired token (validly signed, with a
//!    marker claim) and a garbage token that is a marker (401); every documented query
//!    parameter set to a marker, all at once and one by one, plus an unknown one named by a
//!    marker; for JSON bodies: the table's body with every string replaced by a marker,
//!    every documented property a marker string (wrong types), only the string properties
//!    markers (right types, wrong values), an unknown property named by a marker (also sent
//!    by bob), a broken JSON text and a `text/plain` body holding markers; a CSV import with
//!    marker notes and bad lines;
//! 3. account and moderation flows naming the owner: failed sign-ins with her address, a
//!    second registration, a resend, a password reset, a warning, a ban and its lifting by
//!    handle (the handle in the path), an admin's user search by handle, another member's
//!    search for her words, and finally her account's erasure.
//!
//! The places checked for markers, each expected to hold none:
//!
//! - the server log (`<data dir>/kindred.log`, debug level), whole, in the run's format;
//! - every email in the outbox, decoded (headers, text and HTML parts), except the owner's
//!   own markers in mail to the owner's own address;
//! - every error body (status ≥ 400) of the requests above, except the caller's own markers
//!   and any marker the request itself carried (an echo of the caller's input tells them
//!   nothing new);
//! - `/metrics` (opened with `KINDRED_METRICS_TOKEN`);
//! - the audit log: every page of `GET /admin/audit` and every row of `audit_events`;
//! - the research exports of the study alice consented to, every file of each format (csv,
//!   ndjson, fhir) as the researcher downloads them: free text is never exported.
//!
//! Success bodies to other members are not checked: a post, a report's details or an
//! applicant's statement are shown to the members, moderators and admins whose job it is.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use kindred_app::mail::MailTransport;
use kindred_tests::actors::Actor;
use kindred_tests::http::PASSWORD;
use kindred_tests::mail::parse_eml;
use kindred_tests::process::Kindred;
use kindred_tests::{RecordingMailer, TestApp, TestDb};
use reqwest::Method;
use serde_json::{json, Map, Value};

use crate::communities::{act, age, get_json, join, reply, thread};
use crate::matrix::{self, Request, World, ADMIN, CATEGORIES, MODERATOR, OTHER, PATIENT, SLUG};
use crate::research::exports;

/// The server under test.
const KINDRED: &str = env!("CARGO_BIN_EXE_kindred-under-test");
/// `KINDRED_SECRET` of [`kindred_tests::http::test_env`]: signs the expired tokens sent.
const SECRET: &[u8] = b"test-secret-test-secret-test-secret-0123";
/// Opens `/metrics` on the public listener.
const METRICS_TOKEN: &str = "canary-metrics-token-0123456789";

#[tokio::test]
async fn no_canary_escapes_with_text_logs() {
    run("text").await;
}

#[tokio::test]
async fn no_canary_escapes_with_json_logs() {
    run("json").await;
}

/// A marker: its text, whose data it is, and what carried it.
#[derive(Debug, Clone)]
struct Marker {
    text: String,
    /// The person (`alice`, `bob`, or a stranger's name) the marker belongs to.
    owner: String,
    what: String,
}

/// Every marker of a run.
struct Markers {
    /// Eight hex digits, new for every run.
    tag: String,
    /// Lower-cased text → marker.
    all: BTreeMap<String, Marker>,
    /// Each person's email addresses (lower case).
    addresses: BTreeMap<String, BTreeSet<String>>,
    next: usize,
}

impl Markers {
    fn new() -> Markers {
        let tag = uuid::Uuid::new_v4().simple().to_string()[..8].to_string();
        Markers { tag, all: BTreeMap::new(), addresses: BTreeMap::new(), next: 0 }
    }

    /// A new marker of `owner`'s, for `field` (letters and digits of it are kept).
    fn mint(&mut self, field: &str, owner: &str, what: impl Into<String>) -> String {
        self.next += 1;
        let field: String = field.chars().filter(char::is_ascii_alphanumeric).collect();
        let text = format!("CANARY{field}{}x{}", self.next, self.tag);
        let m = Marker { text: text.clone(), owner: owner.to_string(), what: what.into() };
        self.all.insert(text.to_ascii_lowercase(), m);
        text
    }

    /// A new email address that is a marker of `owner`'s, and one of their addresses.
    fn address(&mut self, owner: &str, domain: &str, what: &str) -> String {
        let m = self.mint("mail", owner, what);
        let address = format!("{m}@{domain}").to_ascii_lowercase();
        self.addresses.entry(owner.to_string()).or_default().insert(address.clone());
        address
    }

    /// The person an address belongs to, if it is a canary member's.
    fn person_of(&self, address: &str) -> Option<&str> {
        let address = address.to_ascii_lowercase();
        self.addresses.iter().find(|(_, a)| a.contains(&address)).map(|(p, _)| p.as_str())
    }
}

/// A `canary…` token found in a text.
struct Found {
    /// The token, lower case.
    token: String,
    /// 80 characters each side, line breaks shown as `⏎`.
    context: String,
    /// The field it sits in: the last `key=` (text log lines, span fields) or `"key":`
    /// (JSON) before it on its line, else `?`.
    field: String,
}

/// Every `canary…` token in `hay` (case-insensitive).
fn find(hay: &str) -> Vec<Found> {
    let lower = hay.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let boundary = |mut k: usize, back: bool| {
        while !hay.is_char_boundary(k) {
            if back {
                k -= 1;
            } else {
                k += 1;
            }
        }
        k
    };
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("canary") {
        let start = from + i;
        let mut end = start + 6;
        while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
            end += 1;
        }
        let (a, b) =
            (boundary(start.saturating_sub(80), true), boundary((end + 80).min(hay.len()), false));
        let line = &hay[hay[..start].rfind('\n').map_or(0, |n| n + 1)..start];
        out.push(Found {
            token: lower[start..end].to_string(),
            context: hay[a..b].replace('\n', "⏎"),
            field: field_before(line),
        });
        from = end;
    }
    out
}

/// The name of the field whose value ends `line`: the last `key=` whose key (letters,
/// digits, `_`, `.`) starts the line or follows a space, `{` or `,` (`message` once the
/// span's fields have closed with `}: `), or the last `"key":`.
fn field_before(line: &str) -> String {
    let is_key = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    let mut text = None;
    for (i, _) in line.match_indices('=') {
        let key_start = line[..i].rfind(|c: char| !is_key(c)).map_or(0, |k| k + 1);
        let before = line[..key_start].chars().next_back();
        if key_start < i && matches!(before, None | Some(' ' | '{' | ',')) {
            text = Some((i, line[key_start..i].to_string()));
        }
    }
    let mut json = None;
    for (i, _) in line.match_indices("\":") {
        if let Some(q) = line[..i].rfind('"') {
            json = Some((i, line[q + 1..i].to_string()));
        }
    }
    let text = text.map(|(i, t)| (i, if line[i..].contains("}: ") { "message".into() } else { t }));
    match (text, json) {
        (Some((i, t)), Some((j, _))) if i > j => t,
        (_, Some((_, j))) => j,
        (Some((_, t)), None) => t,
        (None, None) => "?".into(),
    }
}

/// A marker found where it must not be.
struct Hit {
    /// The kind of place (`server log (text)`, `email`, …).
    kind: &'static str,
    /// Which item of it (a file, a request).
    item: String,
    field: String,
    marker: Marker,
    context: String,
}

/// The scan of every place: what was looked at and what was found.
#[derive(Default)]
struct Scan {
    /// Per kind of place: items and bytes looked at, markers found and allowed there.
    places: BTreeMap<&'static str, (usize, usize, usize)>,
    /// The markers found and allowed, by kind of place (lower case).
    allowed: BTreeSet<(&'static str, String)>,
    hits: Vec<Hit>,
}

impl Scan {
    /// Looks for markers in `hay`, one item of the place `kind` (`detail` names the item);
    /// `allowed` says whether a marker may legitimately be there.
    fn check(
        &mut self,
        markers: &Markers,
        kind: &'static str,
        detail: &str,
        hay: &str,
        allowed: impl Fn(&Marker) -> bool,
    ) {
        let e = self.places.entry(kind).or_default();
        e.0 += 1;
        e.1 += hay.len();
        for Found { token, context, field } in find(hay) {
            let marker = markers.all.get(&token).cloned().unwrap_or_else(|| Marker {
                text: token.clone(),
                owner: "?".into(),
                what: "no marker of this run (a cut or altered one?)".into(),
            });
            if markers.all.contains_key(&token) && allowed(&marker) {
                self.places.entry(kind).or_default().2 += 1;
                self.allowed.insert((kind, token));
                continue;
            }
            self.hits.push(Hit { kind, item: detail.to_string(), field, marker, context });
        }
    }
}

impl Scan {
    /// The hits, grouped by place and field, with one example each, then up to 40 distinct
    /// markers with their context.
    fn report(&self) -> String {
        let mut groups: BTreeMap<(&str, &str), (usize, &Hit)> = BTreeMap::new();
        for h in &self.hits {
            groups.entry((h.kind, h.field.as_str())).or_insert((0, h)).0 += 1;
        }
        let mut out = format!(
            "{} marker hit(s) where no member's data may go, by place and field:\n",
            self.hits.len()
        );
        for ((kind, field), (n, h)) in &groups {
            out.push_str(&format!(
                "- {kind}, field {field}: {n} hit(s); e.g. {} ({}'s: {})\n    in {}\n    …{}…\n",
                h.marker.text, h.marker.owner, h.marker.what, h.item, h.context
            ));
        }
        // The requests whose markers got there: "METHOD /path: what" → the operation.
        let mut ops: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
        let mut placed = BTreeMap::new();
        for h in &self.hits {
            match h.marker.what.split_once(": ") {
                Some((op, _))
                    if op.split(' ').count() == 2 && op.starts_with(char::is_uppercase) =>
                {
                    ops.entry((h.kind, h.field.as_str())).or_default().insert(op);
                }
                _ => {
                    placed.entry((h.marker.text.as_str(), h.kind)).or_insert(h);
                }
            }
        }
        // Fields reached by the same operations are listed together.
        let mut fields: BTreeMap<(&str, Vec<&str>), Vec<&str>> = BTreeMap::new();
        for ((kind, field), ops) in ops {
            fields.entry((kind, ops.into_iter().collect())).or_default().push(field);
        }
        out.push_str("Operations whose failing forms put them there:\n");
        for ((kind, ops), fields) in &fields {
            out.push_str(&format!(
                "- {kind} [{}]: {} operation(s): {}\n",
                fields.join(", "),
                ops.len(),
                ops.join(", ")
            ));
        }
        out.push_str("Markers of the world's data (not of a failing form):\n");
        for h in placed.values() {
            out.push_str(&format!(
                "- {} ({}'s: {}) in {} [{}]: …{}…\n",
                h.marker.text, h.marker.owner, h.marker.what, h.kind, h.field, h.context
            ));
        }
        out
    }
}

/// One request of the test and its answer.
struct Exchange {
    /// Who the server saw: a person's name, `anonymous` (no or an invalid token) or `member`
    /// (a matrix member who owns no marker).
    caller: String,
    /// Method, URL, token and body, as sent.
    sent: String,
    status: u16,
    body: String,
}

/// The requests of a run.
struct Traffic {
    exchanges: Vec<Exchange>,
}

impl Traffic {
    /// Sends a matrix request as `caller`.
    async fn send(&mut self, app: &TestApp, caller: &str, req: &Request) -> u16 {
        let (status, body) = req.send(app).await;
        let sent = format!(
            "{} {} token={} body={}",
            req.method,
            req.url,
            req.token.as_deref().unwrap_or("-"),
            req.body.as_ref().map(Value::to_string).unwrap_or_default()
        );
        self.exchanges.push(Exchange { caller: caller.to_string(), sent, status, body });
        status
    }

    /// Sends a raw body with a content type.
    async fn raw(
        &mut self,
        app: &TestApp,
        caller: &str,
        req: &Request,
        content_type: &str,
        body: String,
    ) -> u16 {
        let mut r = app.client.request(req.method.clone(), &req.url);
        if let Some(t) = &req.token {
            r = r.bearer_auth(t);
        }
        let res = r.header("content-type", content_type).body(body.clone()).send().await;
        let res = res.expect("request");
        let status = res.status().as_u16();
        let text = String::from_utf8_lossy(&res.bytes().await.unwrap_or_default()).into_owned();
        let sent = format!(
            "{} {} token={} {content_type} body={body}",
            req.method,
            req.url,
            req.token.as_deref().unwrap_or("-")
        );
        self.exchanges.push(Exchange { caller: caller.to_string(), sent, status, body: text });
        status
    }
}

/// What the OpenAPI document says an operation takes.
#[derive(Default)]
struct Takes {
    query: Vec<String>,
    /// The JSON body's properties (name, whether a string), if it takes JSON.
    json: Option<Vec<(String, bool)>>,
}

/// Query parameters and JSON properties of every operation, by (METHOD, path without
/// `/api/v1`).
fn takes() -> BTreeMap<(String, String), Takes> {
    let doc = serde_json::to_value(kindred_api::openapi::document()).expect("the document");
    let schemas = &doc["components"]["schemas"];
    let resolve = |s: &Value| -> Value {
        match s["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/schemas/")) {
            Some(name) => schemas[name].clone(),
            None => s.clone(),
        }
    };
    let is_string = |p: &Value| {
        let p = resolve(p);
        match &p["type"] {
            Value::String(t) => t == "string",
            Value::Array(ts) => ts.iter().any(|t| t == "string"),
            _ => false,
        }
    };
    let mut out = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let short = path.strip_prefix("/api/v1").unwrap_or(path).to_string();
        for (method, op) in item.as_object().expect("a path item") {
            if op.get("responses").is_none() {
                continue;
            }
            let mut t = Takes::default();
            for p in op["parameters"].as_array().into_iter().flatten() {
                if p["in"] == "query" {
                    t.query.push(p["name"].as_str().expect("a name").to_string());
                }
            }
            let schema = &op["requestBody"]["content"]["application/json"]["schema"];
            if !schema.is_null() {
                let props = resolve(schema)["properties"].as_object().cloned().unwrap_or_default();
                t.json = Some(props.iter().map(|(k, v)| (k.clone(), is_string(v))).collect());
            }
            out.insert((method.to_uppercase(), short.clone()), t);
        }
    }
    out
}

/// `value` with every string in it (keys kept) replaced by a new marker of `owner`'s.
fn stringly(m: &mut Markers, value: &Value, owner: &str, what: &str) -> Value {
    match value {
        Value::String(_) => Value::String(m.mint("v", owner, what)),
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| stringly(m, v, owner, what)).collect())
        }
        Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), stringly(m, v, owner, what))).collect())
        }
        other => other.clone(),
    }
}

/// `url` with the parameters of `query` added, replacing any of the same name it had.
fn with_query(url: &str, query: &str) -> String {
    let (path, old) = url.split_once('?').unwrap_or((url, ""));
    let name = |pair: &str| pair.split('=').next().unwrap_or_default().to_string();
    let new: HashSet<String> = query.split('&').map(name).collect();
    let kept = old.split('&').filter(|p| !p.is_empty() && !new.contains(&name(p)));
    let all: Vec<&str> = kept.chain(query.split('&')).collect();
    format!("{path}?{}", all.join("&"))
}

/// The person a matrix caller is, for the error-body check.
fn person(m: &Markers, a: &Actor) -> String {
    if a.is_anonymous() {
        return "anonymous".into();
    }
    m.person_of(&a.email).unwrap_or("member").to_string()
}

async fn run(format: &str) {
    let started = Instant::now();
    let db = TestDb::new();
    let dir = tempfile::tempdir().expect("a data dir");
    let kindred = Kindred::new(KINDRED, &db, dir.path())
        .with_env("KINDRED_LOG", "debug")
        .with_env("KINDRED_LOG_FORMAT", format)
        .with_env("KINDRED_METRICS_TOKEN", METRICS_TOKEN)
        .with_env("KINDRED_MIN_COHORT", "5")
        .with_env("KINDRED_AUTH_RATE_LIMIT", "1000000")
        .with_env("KINDRED_READ_LIMIT", "1000000");
    let (log_file, outbox) = (kindred.log_file(), kindred.outbox());
    let server = tokio::task::spawn_blocking(move || kindred.serve()).await.expect("serve");
    let port = server.address.rsplit(':').next().and_then(|p| p.parse().ok()).expect("a port");
    let mail = Arc::new(RecordingMailer::default());
    let bridge = tokio::spawn(bridge_outbox(outbox.clone(), mail.clone()));
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client");
    let pool = db.pool();
    let app =
        TestApp { address: server.address.clone(), port, client, pool, data_dir: dir, mail, db };

    let mut m = Markers::new();
    let mut w = matrix::build(&app).await;
    let exports_text = decorate(&app, &mut w, &mut m).await;
    let built = started.elapsed();

    let mut traffic = Traffic { exchanges: Vec::new() };
    let mismatches = every_cell(&app, &w, &m, &mut traffic).await;
    failing_forms(&app, &w, &mut m, &mut traffic).await;
    flows(&app, &w, &mut m, &mut traffic).await;

    // What the server says about itself and what it recorded.
    let metrics = app.metrics(METRICS_TOKEN).await;
    assert!(metrics.contains("kindred_http_requests_total"), "{metrics}");
    let audit_pages = audit_pages(&app, &w.callers[ADMIN]).await;
    let audit_rows = audit_rows(&app).await;
    settle(&outbox).await;
    server.kill();
    bridge.abort();
    let log = std::fs::read_to_string(&log_file).expect("the server log");

    // The log is in the format asked for, and at debug level.
    let lines: Vec<&str> = log.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.len() > 100, "{} log lines:\n{log}", lines.len());
    let json_lines = lines.iter().filter(|l| serde_json::from_str::<Value>(l).is_ok()).count();
    match format {
        "json" => assert_eq!(json_lines, lines.len(), "every line is JSON"),
        _ => assert_eq!(json_lines, 0, "no line is JSON"),
    }
    assert!(log.contains("DEBUG"), "debug level is on");

    let mut scan = Scan::default();
    let log_place = if format == "json" { "server log (json)" } else { "server log (text)" };
    scan.check(&m, log_place, "kindred.log", &log, |_| false);

    let mut emails = 0;
    for (name, to, text) in outbox_messages(&outbox) {
        emails += 1;
        let to_person = m.person_of(&to).map(str::to_string);
        // An owner's own data in mail to the owner's own address (the To: header at least).
        scan.check(&m, "email", &format!("{name} to {to}"), &text, |mk| {
            to_person.as_deref() == Some(mk.owner.as_str())
        });
    }

    let mut error_bodies = 0;
    for e in &traffic.exchanges {
        if e.status < 400 {
            continue;
        }
        error_bodies += 1;
        let sent_lower = e.sent.to_ascii_lowercase();
        scan.check(
            &m,
            "error body",
            &format!("{} as {} → {}", e.sent, e.caller, e.status),
            &e.body,
            |mk| mk.owner == e.caller || sent_lower.contains(&mk.text.to_ascii_lowercase()),
        );
    }

    scan.check(&m, "/metrics", "GET /metrics", &metrics, |_| false);
    for (i, page) in audit_pages.iter().enumerate() {
        scan.check(&m, "audit (GET /admin/audit)", &format!("page {}", i + 1), page, |_| false);
    }
    scan.check(&m, "audit (audit_events rows)", "all rows", &audit_rows, |_| false);
    for (name, text) in &exports_text {
        scan.check(&m, "research export", name, text, |_| false);
    }

    let requests = traffic.exchanges.len();
    let mut summary = format!(
        "PHI canaries ({format} log): {} markers, {requests} requests ({error_bodies} error \
         bodies), {} bytes of {format} log ({} lines), {emails} emails, {} audit events, \
         {} export files; {} matrix cells answered otherwise than the table says; {} hits; \
         {:.1?} (world built in {built:.1?})\n",
        m.all.len(),
        log.len(),
        lines.len(),
        audit_rows.lines().count(),
        exports_text.len(),
        mismatches.len(),
        scan.hits.len(),
        started.elapsed(),
    );
    for (place, (items, bytes, allowed)) in &scan.places {
        let hits = scan.hits.iter().filter(|h| h.kind == *place).count();
        summary.push_str(&format!(
            "  {place}: {items} item(s), {bytes} bytes scanned; {hits} hit(s); {allowed} \
             allowed (the owner's own, or the caller's own input echoed)\n"
        ));
    }
    for mm in &mismatches {
        summary.push_str(&format!("  matrix cell answered otherwise: {mm}\n"));
    }
    eprintln!("{summary}");
    // The email check sees into bodies: alice's confirmation email greets her by handle.
    let handle = m.all.values().find(|mk| mk.what == "alice's handle").expect("her handle");
    assert!(
        scan.allowed.contains(&("email", handle.text.to_ascii_lowercase())),
        "alice's handle is in no email to her: is the decoding broken?"
    );
    assert!(
        scan.hits.is_empty() && mismatches.is_empty(),
        "{}{}",
        if scan.hits.is_empty() { String::new() } else { scan.report() },
        mismatches
            .iter()
            .map(|mm| format!("matrix cell answered otherwise: {mm}\n"))
            .collect::<String>()
    );
}

/// Feeds the `.eml` files the server writes to `mail`, so fixtures can wait for links.
async fn bridge_outbox(outbox: PathBuf, mail: Arc<RecordingMailer>) {
    let mut seen = HashSet::new();
    loop {
        for e in std::fs::read_dir(&outbox).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if seen.contains(&name) || !name.ends_with(".eml") {
                continue;
            }
            let Ok(raw) = std::fs::read_to_string(e.path()) else { continue };
            // Written whole? The last line closes the multipart.
            if !raw.trim_end().ends_with("--") {
                continue;
            }
            let kind = name.split_once('-').map_or("", |(k, _)| k);
            let _ = mail.send("", &parse_eml(&raw, kind));
            seen.insert(name);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Waits until the outbox has stopped growing (the sender delivered what was queued).
async fn settle(outbox: &Path) {
    let count = || std::fs::read_dir(outbox).map(|d| d.count()).unwrap_or(0);
    let (mut last, mut stable) = (count(), 0);
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = count();
        stable = if now == last { stable + 1 } else { 0 };
        last = now;
        if stable >= 8 {
            return;
        }
    }
}

/// Every message in the outbox: (file name, To address, the whole message decoded: headers
/// with encoded words, every part by its transfer encoding).
fn outbox_messages(outbox: &Path) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(outbox).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let raw = std::fs::read_to_string(e.path()).expect("an email file");
        let to = parse_eml(&raw, "").to;
        out.push((name, to, decode_message(&raw)));
    }
    out.sort();
    out
}

/// A MIME message as text: the raw message with quoted-printable soft breaks removed, then
/// every base64 part and base64 encoded word decoded.
fn decode_message(raw: &str) -> String {
    let raw = raw.replace("\r\n", "\n");
    let mut out = raw.replace("=\n", "");
    // Encoded words (`=?utf-8?b?…?=`) in headers.
    let lower = raw.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("?b?") {
        let start = from + i + 3;
        let end = lower[start..].find("?=").map_or(lower.len(), |j| start + j);
        if let Ok(bytes) = STANDARD.decode(raw[start..end].trim()) {
            out.push('\n');
            out.push_str(&String::from_utf8_lossy(&bytes));
        }
        from = end;
    }
    // Base64 parts: after a part head naming the encoding, up to the next boundary.
    let mut rest = raw.as_str();
    while let Some(i) = rest.to_ascii_lowercase().find("content-transfer-encoding: base64") {
        rest = &rest[i..];
        let Some(body_at) = rest.find("\n\n") else { break };
        let body = &rest[body_at + 2..];
        let end = body.find("\n--").unwrap_or(body.len());
        let compact: String = body[..end].split_whitespace().collect();
        if let Ok(bytes) = STANDARD.decode(compact) {
            out.push('\n');
            out.push_str(&String::from_utf8_lossy(&bytes));
        }
        rest = &body[end..];
    }
    out
}

/// Signs in and reads `/me`; the login sends `agent` as User-Agent.
async fn sign_in(app: &TestApp, email: &str, handle: &str, agent: &str) -> Actor {
    let res = app
        .client
        .post(app.api("/auth/login"))
        .header("user-agent", agent)
        .json(&json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .expect("login");
    assert_eq!(res.status(), 200, "login {email}");
    let login: Value = res.json().await.expect("login body");
    let token = login["access_token"].as_str().expect("a token").to_string();
    let me: Value = app.get_authed("/me", &token).await.json().await.expect("/me");
    let id = me["id"].as_str().expect("an id").to_string();
    Actor { id, handle: handle.to_string(), email: email.to_string(), token }
}

/// A verified member whose email address, handle and browser are markers of `who`'s, a
/// member of the community, old enough to post freely.
async fn canary_member(app: &TestApp, m: &mut Markers, who: &str) -> Actor {
    let email = m.address(who, "example.org", &format!("{who}'s email address"));
    let handle = m.mint("handle", who, format!("{who}'s handle"));
    app.register_verified(&email, &handle, PASSWORD).await;
    let agent = m.mint("agent", who, format!("{who}'s User-Agent at sign-in"));
    let a = sign_in(app, &email, &handle, &format!("Mozilla/5.0 ({agent})")).await;
    join(app, &a, SLUG).await;
    age(app, &a);
    a
}

/// Replaces the matrix's patient with `alice` and its other patient with `bob`, who own
/// everything the table's rows name, every free text of it a marker; returns the text of
/// every file of the study's exports (one per format) made once alice consented.
async fn decorate(app: &TestApp, w: &mut World, m: &mut Markers) -> Vec<(String, String)> {
    let admin = w.callers[ADMIN].clone();

    // A questionnaire with a free-text item.
    let meta = json!({"slug": "sleep-diary", "title": "Sleep diary", "description": "The night.",
        "licence": "Test", "recommended_interval_days": 1});
    act(app, &admin, Method::POST, "/questionnaires", meta).await;
    let def = crate::questionnaires::sleep_diary();
    let path = "/questionnaires/sleep-diary/versions";
    act(app, &admin, Method::POST, path, json!({"definition": def})).await;
    let path = "/questionnaires/sleep-diary/versions/1/publish";
    let res = app.request_as(&admin, Method::POST, path, None).await;
    assert_eq!(res.status(), 204, "publish");

    let alice = canary_member(app, m, "alice").await;
    let bob = canary_member(app, m, "bob").await;
    let a = "alice";

    // Measurements: one by one, in a batch, imported, corrected.
    let note = m.mint("note", a, "alice's measurement note (POST /me/measurements)");
    let body = json!({"type": "peak_flow", "value": 410, "taken_at": "2026-05-01T08:00:00Z", "note": note});
    let first = act(app, &alice, Method::POST, "/me/measurements", body).await;
    let (n1, n2) = (
        m.mint("note", a, "alice's measurement note (batch)"),
        m.mint("note", a, "alice's measurement note (batch)"),
    );
    let batch = json!({"items": [
        {"type": "peak_flow", "value": 405, "taken_at": "2026-05-02T08:00:00Z", "note": n1},
        {"type": "heart_rate", "value": 71, "taken_at": "2026-05-02T08:00:00Z", "note": n2},
    ]});
    act(app, &alice, Method::POST, "/me/measurements/batch", batch).await;
    let n3 = m.mint("note", a, "alice's measurement note (CSV import)");
    let csv =
        format!("type,value,unit,taken_at,note\nheart_rate,66,/min,2026-05-03T08:00:00Z,{n3}\n");
    let res = app
        .client
        .post(app.api("/me/measurements/import"))
        .bearer_auth(&alice.token)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .expect("import");
    assert!(res.status().is_success(), "import: {}", res.text().await.unwrap_or_default());
    let second = json!({"type": "peak_flow", "value": 398, "taken_at": "2026-05-04T08:00:00Z"});
    let second = act(app, &alice, Method::POST, "/me/measurements", second).await;
    let n4 = m.mint("note", a, "alice's measurement note (PATCH)");
    let path = format!("/me/measurements/{}", second["id"].as_str().expect("an id"));
    act(app, &alice, Method::PATCH, &path, json!({"note": n4})).await;
    w.measurement = first["id"].as_str().expect("an id").to_string();

    // A free-text answer.
    let answer = m.mint("answer", a, "alice's free-text questionnaire answer");
    let body = json!({"version": 1, "answers": {"hours": 7, "rested": false, "note": answer}});
    let r = act(app, &alice, Method::POST, "/questionnaires/sleep-diary/responses", body).await;
    w.response = r["id"].as_str().expect("a response id").to_string();

    // Consent to the matrix's study (her peak flows are in its window).
    exports::consent(app, &alice, &w.study, &CATEGORIES).await;

    // Her thread, bob's reply (her notification), reports both ways.
    let (title, body) =
        (m.mint("title", a, "alice's thread title"), m.mint("body", a, "alice's post"));
    let t = thread(
        app,
        &alice,
        SLUG,
        &format!("{title} and my inhaler"),
        &format!("Since March {body}."),
    )
    .await;
    w.thread = t["thread"]["id"].as_str().expect("a thread").to_string();
    w.post = t["post"]["id"].as_str().expect("a post").to_string();
    let rbody = m.mint("reply", "bob", "bob's reply");
    let r = reply(app, &bob, &w.thread, &format!("Same here {rbody}.")).await;
    let bobs_post = r["id"].as_str().or(r["post"]["id"].as_str()).expect("a post id").to_string();
    let details = m.mint("details", "bob", "bob's report details");
    let path = format!("/posts/{}/reports", w.post);
    act(app, &bob, Method::POST, &path, json!({"category": "other", "details": details})).await;
    let details = m.mint("details", a, "alice's report details");
    let path = format!("/posts/{bobs_post}/reports");
    act(app, &alice, Method::POST, &path, json!({"category": "other", "details": details})).await;
    let notes = get_json(app, &alice, "/me/notifications").await;
    w.notification = notes["items"][0]["id"].as_str().expect("a notification").to_string();

    // A second thread whose post she edits; an admin removes it and she appeals.
    let (title, body) =
        (m.mint("title", a, "alice's thread title"), m.mint("body", a, "alice's post"));
    let t = thread(app, &alice, SLUG, &title, &body).await;
    let post = t["post"]["id"].as_str().expect("a post").to_string();
    let edit = m.mint("edit", a, "alice's edited post");
    act(app, &alice, Method::PATCH, &format!("/posts/{post}"), json!({"body": edit})).await;
    let path = format!("/posts/{post}/remove");
    let action =
        act(app, &w.other_admin, Method::POST, &path, json!({"reason": "Off topic."})).await;
    w.action = action["id"].as_str().expect("an action").to_string();
    let statement = m.mint("appeal", a, "alice's appeal statement");
    let appeal = json!({"mod_action_id": w.action, "statement": statement});
    act(app, &alice, Method::POST, "/appeals", appeal).await;

    // Researcher applications (alice's stays pending; bob's too).
    for (who, name) in [(&alice, "alice"), (&bob, "bob")] {
        let body = json!({
            "institution": m.mint("institution", name, format!("{name}'s institution")),
            "title": m.mint("jobtitle", name, format!("{name}'s job title")),
            "institutional_email": m.address(name, "somewhere.example.edu", "institutional email"),
            "statement": m.mint("statement", name, format!("{name}'s applicant statement")),
        });
        let filed = act(app, who, Method::POST, "/researcher/application", body).await;
        if name == "alice" {
            w.pending_application = filed["id"].as_str().expect("an application").to_string();
        }
    }
    let receipts = get_json(app, &alice, "/me/consents").await;
    w.receipt = receipts["items"][0]["receipt_id"].as_str().expect("a receipt").to_string();
    // An Apple Health import of hers (numbers only: nothing of hers to mark in it).
    let xml = crate::apple_health::export_xml("");
    let zip = crate::apple_health::zip_of(&[("export.xml", xml.as_bytes())]);
    let (status, import) = crate::apple_health::upload(app, &alice.token, "", zip).await;
    assert_eq!(status, 202, "{import}");
    w.health_import = import["id"].as_str().expect("an import").to_string();

    // Positive control: her own export holds her markers, so the scan can see them.
    let mine = app.get_authed("/me/export", &alice.token).await.text().await.unwrap_or_default();
    let found: BTreeSet<String> = find(&mine).into_iter().map(|f| f.token).collect();
    for what in [&note, &answer, &statement, &edit] {
        assert!(found.contains(&what.to_ascii_lowercase()), "{what} not in her own export");
    }

    // The study's exports, now with her data, as the researcher downloads them.
    let mut files = Vec::new();
    for format in ["csv", "ndjson", "fhir"] {
        let e = exports::export(app, &w.study.researcher, &w.study.study, format).await;
        assert_eq!(e["status"], "ready", "{e}");
        assert_eq!(e["participants"], 6, "the matrix's five and alice: {e}");
        let zip = exports::download(app, &w.study.researcher, &e).await;
        for (name, text) in exports::unzip(&zip) {
            files.push((format!("{format}/{name}"), text));
        }
        w.export = e["id"].as_str().expect("an export").to_string();
    }

    w.callers[PATIENT] = alice;
    w.callers[OTHER] = bob;
    files
}

/// Every cell of the matrix's table; returns the cells answered otherwise than the table
/// says: none, or the canary world is not the matrix's (alice and bob do not stand where
/// its patients stood) and the owner's requests prove less than they should.
async fn every_cell(app: &TestApp, w: &World, m: &Markers, t: &mut Traffic) -> Vec<String> {
    let ops = matrix::documented();
    let mut mismatches = Vec::new();
    for row in matrix::TABLE {
        let (method, template, _, _, expect) = row;
        let Some(full) = ops.get(&(method.to_string(), template.to_string())) else { continue };
        for (who, want) in expect.iter().enumerate() {
            let matrix::E::S(want) = *want else { continue };
            let req = Request::prepare(app, w, full, row, who).await;
            let got = t.send(app, &person(m, &w.callers[who]), &req).await;
            // `/metrics` is open here (with its token): 401 without it, not the table's 404.
            let want = if *template == "/metrics" { 401 } else { want };
            if got != want {
                mismatches.push(format!(
                    "{method} {template} as {}: {got}, not {want}",
                    matrix::WHO[who]
                ));
            }
        }
    }
    mismatches
}

/// An access token of `a`'s session that expired, validly signed, with a marker claim.
fn expired_token(a: &Actor, marker: &str) -> String {
    let payload = a.token.split('.').nth(1).expect("a JWT");
    let mut claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).expect("base64")).expect("claims");
    let now = chrono::Utc::now().timestamp();
    claims["iat"] = json!(now - 1200);
    claims["exp"] = json!(now - 600);
    claims["name"] = json!(marker);
    let key = jsonwebtoken::EncodingKey::from_secret(SECRET);
    jsonwebtoken::encode(&jsonwebtoken::Header::default(), &claims, &key).expect("a token")
}

/// Every operation in failing forms carrying markers (see the module docs).
async fn failing_forms(app: &TestApp, w: &World, m: &mut Markers, t: &mut Traffic) {
    let ops = matrix::documented();
    let takes = takes();
    let alice = w.patient().clone();
    for row in matrix::TABLE {
        let (method, template, ..) = row;
        let key = (method.to_string(), template.to_string());
        let (Some(full), Some(takes)) = (ops.get(&key), takes.get(&key)) else { continue };
        let op = format!("{method} {template}");
        // The wrong passwords of earlier rows (`DELETE /me`, `POST /me/password`) engage the
        // sign-in backoff, which is not under test here.
        forgive(app).await;
        let fresh = |who: usize| Request::prepare(app, w, full, row, who);

        // 401: an expired token and a garbage one.
        let mut req = fresh(PATIENT).await;
        req.token = Some(expired_token(
            &alice,
            &m.mint("claim", "alice", format!("{op}: expired token claim")),
        ));
        t.send(app, "anonymous", &req).await;
        let mut req = fresh(PATIENT).await;
        req.token = Some(m.mint("token", "alice", format!("{op}: garbage bearer token")));
        t.send(app, "anonymous", &req).await;

        // Query parameters: all at once with an unknown one, then one by one.
        let mut req = fresh(PATIENT).await;
        let mut q: Vec<String> = takes
            .query
            .iter()
            .map(|p| {
                format!("{p}={}", m.mint("q", "alice", format!("{op}: query {p} (all at once)")))
            })
            .collect();
        let unknown = m.mint("key", "alice", format!("{op}: unknown query parameter"));
        q.push(format!("{unknown}={}", m.mint("q", "alice", format!("{op}: unknown query value"))));
        req.url = with_query(&req.url, &q.join("&"));
        t.send(app, "alice", &req).await;
        for p in &takes.query {
            let mut req = fresh(PATIENT).await;
            let v = m.mint("q", "alice", format!("{op}: query {p}"));
            req.url = with_query(&req.url, &format!("{p}={v}"));
            t.send(app, "alice", &req).await;
        }

        if *template == "/me/measurements/import" {
            let req = fresh(PATIENT).await;
            // Bad lines: a value, a type and a time that are free text, and notes.
            let (n1, n2, v, ty, at) = (
                m.mint("note", "alice", format!("{op}: CSV note column of a bad line")),
                m.mint("note", "alice", format!("{op}: CSV note column of a bad line")),
                m.mint("value", "alice", format!("{op}: CSV value column")),
                m.mint("type", "alice", format!("{op}: CSV type column")),
                m.mint("time", "alice", format!("{op}: CSV taken_at column")),
            );
            let csv = format!(
                "type,value,unit,taken_at,note\nheart_rate,{v},/min,2026-05-05T08:00:00Z,{n1}\n\
                 {ty},61,/min,{at},{n2}\n"
            );
            t.raw(app, "alice", &req, "text/csv", csv).await;
            let mut req = fresh(PATIENT).await;
            req.url = with_query(&req.url, "dry_run=true");
            let n = m.mint("note", "alice", format!("{op}: CSV note column, dry run"));
            let csv = format!(
                "type,value,unit,taken_at,note\nheart_rate,62,/min,2026-05-06T08:00:00Z,{n}\n"
            );
            t.raw(app, "alice", &req, "text/csv", csv).await;
        }

        let Some(props) = &takes.json else { continue };
        // The table's body, every string a marker.
        let mut req = fresh(PATIENT).await;
        if let Some(body) = req.body.take() {
            let what = format!("{op}: the table's body, strings replaced");
            req.body = Some(stringly(m, &body, "alice", &what));
            t.send(app, "alice", &req).await;
        }
        // Every property a marker string (wrong types stop at the parser).
        let mut req = fresh(PATIENT).await;
        let all: Map<String, Value> = props
            .iter()
            .map(|(p, _)| {
                (p.clone(), json!(m.mint("p", "alice", format!("{op}: property {p} (all)"))))
            })
            .collect();
        req.body = Some(Value::Object(all));
        t.send(app, "alice", &req).await;
        // Only the string properties (right types, values the domain refuses).
        let mut req = fresh(PATIENT).await;
        let strings: Map<String, Value> = props
            .iter()
            .filter(|(_, s)| *s)
            .map(|(p, _)| (p.clone(), json!(m.mint("p", "alice", format!("{op}: property {p}")))))
            .collect();
        req.body = Some(Value::Object(strings));
        t.send(app, "alice", &req).await;
        // An unknown property, as alice and as bob (someone else's id, a wrong role).
        for (who, person) in [(PATIENT, "alice"), (OTHER, "bob")] {
            let mut req = fresh(who).await;
            let k = m.mint("key", person, format!("{op}: unknown property name"));
            let v = m.mint("p", person, format!("{op}: unknown property value"));
            let mut body = req.body.clone().unwrap_or_else(|| json!({}));
            if let Some(o) = body.as_object_mut() {
                o.insert(k, json!(v));
            }
            req.body = Some(body);
            t.send(app, person, &req).await;
        }
        // Broken JSON and a body that is not JSON.
        let req = fresh(PATIENT).await;
        let (k, v) = (
            m.mint("key", "alice", format!("{op}: broken JSON key")),
            m.mint("p", "alice", format!("{op}: broken JSON value")),
        );
        t.raw(app, "alice", &req, "application/json", format!("{{\"{k}\": \"{v}\", \"note\": "))
            .await;
        let req = fresh(PATIENT).await;
        let v = m.mint("p", "alice", format!("{op}: text/plain body"));
        t.raw(app, "alice", &req, "text/plain", format!("my note: {v}")).await;
    }
}

/// Sends `body` to the API `path` with `token`, recorded as sent by `caller`; the status.
async fn call(
    app: &TestApp,
    t: &mut Traffic,
    caller: &str,
    token: Option<&str>,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> u16 {
    let req = Request { method, url: app.api(path), body, token: token.map(str::to_string) };
    t.send(app, caller, &req).await
}

/// Account and moderation flows that name the owner (see the module docs).
async fn flows(app: &TestApp, w: &World, m: &mut Markers, t: &mut Traffic) {
    let (alice, bob) = (w.patient().clone(), w.other().clone());
    let (moderator, admin) = (w.callers[MODERATOR].clone(), w.callers[ADMIN].clone());
    let me = get_json(app, &alice, "/me").await;
    let handle = me["handle"].as_str().expect("a handle").to_string();
    let anon = None;

    // Sign-in failures with her address, a second registration, a resend, a reset.
    let wrong = m.mint("password", "alice", "a wrong password tried for alice");
    let body = json!({"email": alice.email, "password": wrong});
    call(app, t, "anonymous", anon, Method::POST, "/auth/login", Some(body)).await;
    let stranger = m.address("stranger", "example.org", "an address with no account");
    let body = json!({"email": stranger, "password": m.mint("password", "stranger", "a password")});
    call(app, t, "anonymous", anon, Method::POST, "/auth/login", Some(body)).await;
    let again = m.mint("handle", "alice", "a second registration's handle");
    let body = json!({"email": alice.email, "password": PASSWORD, "handle": again});
    call(app, t, "anonymous", anon, Method::POST, "/auth/register", Some(body)).await;
    let weak = m.mint("password", "stranger", "a weak password");
    let body = json!({"email": stranger, "password": weak, "handle": m.mint("handle", "stranger", "a handle")});
    call(app, t, "anonymous", anon, Method::POST, "/auth/register", Some(body)).await;
    for path in ["/auth/resend-verification", "/auth/password-reset/request"] {
        let body = json!({"email": alice.email});
        call(app, t, "anonymous", anon, Method::POST, path, Some(body)).await;
    }

    // A warning, a ban and its lifting (her handle in the path).
    let reason = json!({"handle": handle, "reason": "Please keep to the topic."});
    let path = format!("/communities/{SLUG}/warnings");
    call(app, t, "member", Some(&moderator.token), Method::POST, &path, Some(reason.clone())).await;
    let path = format!("/communities/{SLUG}/bans");
    call(app, t, "member", Some(&moderator.token), Method::POST, &path, Some(reason)).await;
    let path = format!("/communities/{SLUG}/bans/{handle}");
    let body = json!({"reason": "Served."});
    call(app, t, "member", Some(&moderator.token), Method::DELETE, &path, Some(body)).await;

    // Others looking for her: an admin by handle, a member for her words, a researcher
    // adding her to a study.
    let path = format!("/admin/users?q={handle}");
    call(app, t, "member", Some(&admin.token), Method::GET, &path, None).await;
    let title = m.all.values().find(|mk| mk.what == "alice's thread title").expect("a title");
    for query in ["", "&limit=0"] {
        let path = format!("/communities/{SLUG}/search?q={}{query}", title.text);
        call(app, t, "bob", Some(&bob.token), Method::GET, &path, None).await;
    }
    let path = format!("/studies/{}/members", w.study.study);
    let body = json!({"handle": handle});
    call(app, t, "member", Some(&w.study.researcher.token), Method::POST, &path, Some(body)).await;

    // Last, she erases her account.
    forgive(app).await;
    let body = json!({"password": PASSWORD});
    let status = call(app, t, "alice", Some(&alice.token), Method::DELETE, "/me", Some(body)).await;
    assert_eq!(status, 204, "erasure");
}

/// Forgets every failed password check, so the sign-in backoff does not hold.
async fn forgive(app: &TestApp) {
    use diesel::prelude::*;
    let pool = app.pool.clone();
    tokio::task::spawn_blocking(move || {
        pool.run(|c| {
            diesel::delete(kindred_db::schema::auth_failures::table)
                .execute(c)
                .map_err(kindred_db::DbError::from)
        })
    })
    .await
    .expect("forgive task")
    .expect("forget failed sign-ins");
}

/// Every page of `GET /admin/audit`, as the admin.
async fn audit_pages(app: &TestApp, admin: &Actor) -> Vec<String> {
    let mut pages = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/admin/audit?limit=200&cursor={c}"),
            None => "/admin/audit?limit=200".to_string(),
        };
        let res = app.get_authed(&path, &admin.token).await;
        assert_eq!(res.status(), 200, "audit page");
        let text = res.text().await.expect("an audit page");
        let page: Value = serde_json::from_str(&text).expect("JSON");
        pages.push(text);
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => return pages,
        }
    }
}

/// Every row of the audit table, one line each.
async fn audit_rows(app: &TestApp) -> String {
    let pool = app.pool.clone();
    let rows = tokio::task::spawn_blocking(move || {
        pool.run(|c| kindred_db::queries::audit::list(c, None, 10_000_000, None, None))
    })
    .await
    .expect("audit task")
    .expect("audit rows");
    rows.iter()
        .map(|e| {
            format!(
                "{} {} {:?} {} {:?} {:?} {}\n",
                e.seq, e.occurred_at, e.actor_id, e.action, e.subject_type, e.subject_id, e.details
            )
        })
        .collect()
}
