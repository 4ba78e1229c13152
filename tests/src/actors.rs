//! Test actors: ready-made callers, one per kind of account, for "who may do what" tests.
//!
//! Every builder makes a *new* account with a unique email and handle (a process-wide counter
//! plus a random fragment), so a test can hold as many patients or admins as it needs and
//! never collides with the fixed names of [`TestApp::patient`] or [`TestApp::admin`]. All of
//! them sign in with [`PASSWORD`].
//!
//! ```ignore
//! let (anon, pat, adm) = (actors::anonymous(), actors::patient(&app).await, actors::admin(&app).await);
//! for (who, status) in [(&anon, 401), (&pat, 403), (&adm, 200)] {
//!     assert_eq!(app.get_as(who, "/admin/users").await.status(), status, "{}", who.handle);
//! }
//! ```

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{json, Value};

use crate::http::PASSWORD;
use crate::TestApp;

/// The reason [`suspended`] gives; sign-in refusals quote it back.
pub const SUSPENSION_REASON: &str = "suspended by the test harness";

/// A caller: an account and the access token it signed in with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The account id (from `GET /me`); empty for [`anonymous`].
    pub id: String,
    /// The handle; empty for [`anonymous`].
    pub handle: String,
    /// The email address it signs in with; empty for [`anonymous`].
    pub email: String,
    /// The access token; empty for [`anonymous`].
    pub token: String,
}

impl Actor {
    /// The bearer token to send, or `None` for an anonymous caller.
    pub fn bearer(&self) -> Option<&str> {
        (!self.token.is_empty()).then_some(self.token.as_str())
    }

    /// Whether this is the anonymous caller (no account, no token).
    pub fn is_anonymous(&self) -> bool {
        self.bearer().is_none()
    }
}

impl TestApp {
    /// Sends a request to an API path as `actor`: with its bearer token, or with no
    /// `Authorization` header at all for [`anonymous`].
    pub async fn request_as(
        &self,
        actor: &Actor,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> reqwest::Response {
        let mut r = self.client.request(method, self.api(path));
        if let Some(token) = actor.bearer() {
            r = r.bearer_auth(token);
        }
        if let Some(b) = body {
            r = r.json(b);
        }
        r.send().await.expect("request")
    }

    /// GETs an API path as `actor` (see [`TestApp::request_as`]).
    pub async fn get_as(&self, actor: &Actor, path: &str) -> reqwest::Response {
        self.request_as(actor, reqwest::Method::GET, path, None).await
    }
}

static NEXT: AtomicU64 = AtomicU64::new(1);

/// A fresh `(handle, email)` pair: `<kind>_<n>_<6 hex>` at example.org. `kind` must be a
/// neutral word (not `admin…`, `moderator…`, `kindred…`, `deleted…` or a reserved name), so
/// the handle is one a member could choose.
fn unique(kind: &str) -> (String, String) {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let tag = uuid::Uuid::new_v4().simple().to_string();
    let handle = format!("{kind}_{n}_{}", &tag[..6]);
    let email = format!("{handle}@example.org");
    (handle, email)
}

/// Signs in as `email` and reads the account id from `GET /me`; also returns that `/me`.
async fn sign_in(app: &TestApp, handle: String, email: String) -> (Actor, Value) {
    let token = app.login(&email, PASSWORD).await["access_token"]
        .as_str()
        .expect("access token")
        .to_string();
    let res = app.get_authed("/me", &token).await;
    assert_eq!(res.status(), 200, "GET /me as {email}");
    let me: Value = res.json().await.expect("/me body");
    assert_eq!(me["handle"], handle.as_str(), "/me of {email}: {me}");
    let id = me["id"].as_str().expect("id").to_string();
    (Actor { id, handle, email, token }, me)
}

/// Nobody signed in: no account and no token ([`Actor::bearer`] is `None`). Use it for
/// "anonymous gets 401" rows.
pub fn anonymous() -> Actor {
    Actor { id: String::new(), handle: String::new(), email: String::new(), token: String::new() }
}

/// A member who registered but never followed the confirmation link, signed in (unverified
/// accounts may sign in; they cannot post, consent or be exported). Its "Confirm your email"
/// message is in [`TestApp::mail`].
pub async fn unverified(app: &TestApp) -> Actor {
    let (handle, email) = unique("unverified");
    let res = app
        .post("/auth/register", &json!({"email": email, "password": PASSWORD, "handle": handle}))
        .await;
    assert_eq!(res.status(), 202, "register {email}: {}", res.text().await.unwrap_or_default());
    let (actor, me) = sign_in(app, handle, email).await;
    assert_eq!(me["email_verified"], false, "{me}");
    actor
}

/// Registers, confirms through the emailed link and signs in a `<kind>_…` patient.
async fn verified_patient(app: &TestApp, kind: &str) -> Actor {
    let (handle, email) = unique(kind);
    app.register_verified(&email, &handle, PASSWORD).await;
    let (actor, me) = sign_in(app, handle, email).await;
    let got = (me["role"].as_str(), me["email_verified"].as_bool());
    assert_eq!(got, (Some("patient"), Some(true)), "{me}");
    actor
}

/// A verified patient (registered and confirmed through the emailed link), signed in.
pub async fn patient(app: &TestApp) -> Actor {
    verified_patient(app, "patient").await
}

/// A second verified patient, signed in: a different account from any [`patient`] (its own
/// id, handle, email and token). Use it for "another member's data" rows.
pub async fn another_patient(app: &TestApp) -> Actor {
    verified_patient(app, "other").await
}

/// A verified patient suspended by an admin (`POST /admin/users/{id}/suspend`, with
/// [`SUSPENSION_REASON`]). Suspension ends its sessions and it cannot sign in again
/// (403 `account_suspended`), so the token is the one it held *before* the suspension, which
/// the server now refuses (401): the actor for "suspended gets 401/403" rows.
///
/// A fresh admin from [`admin`] does the suspending; use [`suspended_by`] to choose the admin.
pub async fn suspended(app: &TestApp) -> Actor {
    let by = admin(app).await;
    suspended_by(app, &by).await
}

/// Like [`suspended`], with `admin` doing the suspending (the audit log then names that admin,
/// and no extra admin account is created).
pub async fn suspended_by(app: &TestApp, admin: &Actor) -> Actor {
    let actor = verified_patient(app, "suspended").await;
    let res = app
        .authed(
            reqwest::Method::POST,
            &format!("/admin/users/{}/suspend", actor.id),
            &admin.token,
            Some(&json!({"reason": SUSPENSION_REASON})),
        )
        .await;
    assert_eq!(
        res.status(),
        204,
        "suspend {}: {}",
        actor.email,
        res.text().await.unwrap_or_default()
    );
    assert_eq!(app.get_authed("/me", &actor.token).await.status(), 401, "the old token is refused");
    actor
}

/// An administrator created as `kindred admin create` does (verified), signed in. Its handle
/// is `op_<n>_<hex>`: unique, so a test may have several admins (unlike [`TestApp::admin`],
/// which always makes `admin@example.org`).
pub async fn admin(app: &TestApp) -> Actor {
    let (handle, email) = unique("op");
    let (pool, e, h) = (app.pool.clone(), email.clone(), handle.clone());
    let created =
        tokio::task::spawn_blocking(move || kindred::admin::create_admin(&pool, &e, &h, PASSWORD))
            .await
            .expect("create admin task")
            .expect("create admin");
    let (actor, me) = sign_in(app, handle, email).await;
    assert_eq!(me["role"], "admin", "{me}");
    assert_eq!(actor.id, created, "the id create_admin returned");
    actor
}

/// A verified researcher: a verified patient whose researcher application `admin` approved
/// (the role applies from the next request; the token stays valid).
pub async fn researcher(app: &TestApp, admin: &Actor) -> Actor {
    let actor = verified_patient(app, "researcher").await;
    let body = json!({
        "institution": "University of Somewhere",
        "title": "Research fellow",
        "institutional_email": format!("{}@somewhere.example.edu", actor.handle),
        "statement": "I study how peak flow varies with pollen counts in adults with asthma.",
    });
    let res = app
        .authed(reqwest::Method::POST, "/researcher/application", &actor.token, Some(&body))
        .await;
    assert_eq!(res.status(), 201, "apply: {}", res.text().await.unwrap_or_default());
    let filed: serde_json::Value = res.json().await.unwrap();
    let id = filed["id"].as_str().unwrap();
    let res = app
        .authed(
            reqwest::Method::POST,
            &format!("/admin/researchers/{id}/approve"),
            &admin.token,
            None,
        )
        .await;
    assert_eq!(res.status(), 200, "approve: {}", res.text().await.unwrap_or_default());
    actor
}
