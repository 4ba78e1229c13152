//! The test actors (`kindred_tests::actors`) are what they say they are.

use crate::helpers::assert_problem;
use kindred_tests::actors::{self, Actor, SUSPENSION_REASON};
use kindred_tests::http::PASSWORD;
use kindred_tests::spawn_app;
use serde_json::{json, Value};

#[tokio::test]
async fn each_actor_has_the_account_it_claims() {
    let app = spawn_app().await;
    let anon = actors::anonymous();
    let unverified = actors::unverified(&app).await;
    let patient = actors::patient(&app).await;
    let other = actors::another_patient(&app).await;
    let suspended = actors::suspended(&app).await;
    let admin = actors::admin(&app).await;
    let second_admin = actors::admin(&app).await;

    assert!(anon.is_anonymous() && anon.bearer().is_none());
    assert_problem(app.get_as(&anon, "/me").await, 401, "unauthorized").await;

    // Who they are, as `GET /me` tells it.
    for (actor, role, verified) in [
        (&unverified, "patient", false),
        (&patient, "patient", true),
        (&other, "patient", true),
        (&admin, "admin", true),
        (&second_admin, "admin", true),
    ] {
        assert_eq!(actor.bearer(), Some(actor.token.as_str()));
        let res = app.get_as(actor, "/me").await;
        assert_eq!(res.status(), 200, "{}", actor.email);
        let me: Value = res.json().await.unwrap();
        assert_eq!(me["id"], actor.id.as_str());
        assert_eq!(me["handle"], actor.handle.as_str());
        assert_eq!(me["email"], actor.email.as_str());
        assert_eq!(
            (me["role"].as_str(), me["email_verified"].as_bool()),
            (Some(role), Some(verified))
        );
    }

    // Every account is distinct: ids, handles, emails and tokens.
    let named: Vec<&Actor> = vec![&unverified, &patient, &other, &suspended, &admin, &second_admin];
    for (i, a) in named.iter().enumerate() {
        for b in &named[i + 1..] {
            assert!(a.id != b.id && a.handle != b.handle, "{} / {}", a.handle, b.handle);
            assert!(a.email != b.email && a.token != b.token, "{} / {}", a.email, b.email);
        }
    }

    // The suspended actor's old token is refused, and it cannot sign in again.
    assert_problem(app.get_as(&suspended, "/me").await, 401, "unauthorized").await;
    let res =
        app.post("/auth/login", &json!({"email": suspended.email, "password": PASSWORD})).await;
    let body = assert_problem(res, 403, "account_suspended").await;
    assert!(body["detail"].as_str().unwrap().contains(SUSPENSION_REASON), "{body}");

    // Only the admins administer.
    for (actor, status) in [
        (&anon, 401),
        (&unverified, 403),
        (&patient, 403),
        (&suspended, 401),
        (&admin, 200),
        (&second_admin, 200),
    ] {
        let res = app.get_as(actor, "/admin/users").await;
        assert_eq!(res.status(), status, "{:?} on /admin/users", actor.handle);
    }
}

#[tokio::test]
async fn suspended_by_uses_the_given_admin() {
    let app = spawn_app().await;
    let admin = actors::admin(&app).await;
    let suspended = actors::suspended_by(&app, &admin).await;
    let audit: Value =
        app.get_as(&admin, "/admin/audit?action=admin.user_suspended").await.json().await.unwrap();
    let items = audit["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{audit}");
    assert_eq!(items[0]["actor_id"], admin.id.as_str());
    assert_eq!(items[0]["subject_id"], suspended.id.as_str());
    assert_eq!(items[0]["details"]["reason"], SUSPENSION_REASON);
}
