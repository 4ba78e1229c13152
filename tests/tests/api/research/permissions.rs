//! Who may call what, for every endpoint of issue 15, as one table: anonymous, a patient, an
//! unverified member, an applicant researcher (applied, not yet approved), a researcher of
//! this study, a researcher of another study, an admin. A researcher never reads another
//! study or downloads its export (404, as if it did not exist). Requests that would change
//! state for the allowed caller are sent in a form the server refuses after authorizing
//! (an invalid body, a state that forbids it); the one exception is marked where it is.

use kindred_tests::actors::{self, Actor};
use kindred_tests::spawn_app_with;
use reqwest::Method;
use serde_json::{json, Value};

use super::exports::{consent, export, member, world};

#[tokio::test]
async fn every_research_endpoint_answers_each_kind_of_caller_as_the_table_says() {
    let app = spawn_app_with(|s| s.min_cohort = 5).await;
    let cats = ["measurement:peak_flow"];
    let w = world(&app, &cats, 5, "relative").await;
    let mut patient = None;
    for i in 0..5 {
        let p = member(&app, 700 + i, "CANARY").await;
        consent(&app, &p, &w, &cats).await;
        patient.get_or_insert(p);
    }
    let patient = patient.unwrap();
    let e = export(&app, &w.researcher, &w.study, "csv").await;
    let e = e["id"].as_str().unwrap().to_string();
    let receipt: Value = app.get_as(&patient, "/me/consents").await.json().await.unwrap();
    let receipt = receipt["items"][0]["receipt_id"].as_str().unwrap_or_default().to_string();
    assert!(!receipt.is_empty(), "the patient's receipt id");

    let other = actors::researcher(&app, &w.admin).await;
    let mut draft = super::study();
    draft.as_object_mut().unwrap().remove("conditions");
    let res = app.request_as(&other, Method::POST, "/studies", Some(&draft)).await;
    assert_eq!(res.status(), 201);
    let unverified = actors::unverified(&app).await;
    let applicant = actors::patient(&app).await;
    let application = json!({
        "institution": "University of Elsewhere", "title": "Fellow",
        "institutional_email": "fellow@elsewhere.example.edu",
        "statement": "I study how sleep changes pain in adults living with fibromyalgia.",
    });
    let res = app
        .request_as(&applicant, Method::POST, "/researcher/application", Some(&application))
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    let app_id: Value =
        app.get_as(&applicant, "/researcher/application").await.json().await.unwrap();
    let app_id = app_id["id"].as_str().unwrap().to_string();

    let anon = actors::anonymous();
    let callers: [(&str, &Actor); 7] = [
        ("anonymous", &anon),
        ("patient", &patient),
        ("unverified", &unverified),
        ("applicant", &applicant),
        ("researcher", &w.researcher),
        ("other researcher", &other),
        ("admin", &w.admin),
    ];
    let s = &w.study;
    let bad_export = json!({"format": "bogus"});
    let bad_consent = json!({"categories": [], "consent_text_sha256": "x"});
    let empty = json!({});
    let no_reason = json!({"reason": ""});
    let nobody = json!({"handle": "nobody_by_this_name"});
    #[rustfmt::skip]
    let table: Vec<(Method, String, Option<&Value>, [u16; 7])> = vec![
        //                                                              anon pat  unv  appl res  oth  adm
        // A valid application: the patient's is filed (then readable); no one else may file one.
        (Method::GET,  "/researcher/application".into(), None,           [401, 404, 404, 200, 200, 200, 404]),
        (Method::POST, "/researcher/application".into(), Some(&application), [401, 201, 403, 409, 409, 409, 409]),
        (Method::GET,  "/admin/researchers".into(), None,                [401, 403, 403, 403, 403, 403, 200]),
        (Method::POST, format!("/admin/researchers/{app_id}/reject"), Some(&no_reason), [401, 403, 403, 403, 403, 403, 422]),
        (Method::POST, "/admin/researchers/no-such-application/approve".into(), Some(&empty), [401, 403, 403, 403, 403, 403, 404]),
        (Method::GET,  "/studies".into(), None,                          [401, 403, 403, 403, 200, 200, 200]),
        (Method::POST, "/studies".into(), Some(&empty),                  [401, 403, 403, 403, 422, 422, 403]),
        (Method::GET,  format!("/studies/{s}"), None,                    [401, 404, 404, 404, 200, 404, 200]),
        (Method::PATCH, format!("/studies/{s}"), Some(&empty),           [401, 404, 404, 404, 409, 404, 403]),
        (Method::POST, format!("/studies/{s}/submit"), None,             [401, 404, 404, 404, 409, 404, 403]),
        (Method::POST, format!("/studies/{s}/members"), Some(&nobody),   [401, 404, 404, 404, 422, 404, 403]),
        (Method::POST, format!("/studies/{s}/approve"), Some(&empty),    [401, 403, 403, 403, 403, 403, 422]),
        (Method::POST, format!("/studies/{s}/reject"), Some(&no_reason), [401, 403, 403, 403, 403, 403, 422]),
        (Method::GET,  format!("/studies/{s}/cohort"), None,             [401, 404, 404, 404, 200, 404, 200]),
        (Method::GET,  "/me/comprehension-check".into(), None,           [401, 200, 200, 200, 200, 200, 200]),
        (Method::POST, "/me/comprehension-check".into(), Some(&empty),   [401, 422, 422, 422, 422, 422, 422]),
        (Method::GET,  "/me/invitations".into(), None,                   [401, 200, 200, 200, 200, 200, 200]),
        (Method::POST, format!("/studies/{s}/consent"), Some(&bad_consent), [401, 409, 403, 404, 404, 404, 404]),
        (Method::DELETE, format!("/studies/{s}/consent"), None,          [401, 204, 404, 404, 404, 404, 404]),
        (Method::GET,  "/me/consents".into(), None,                      [401, 200, 200, 200, 200, 200, 200]),
        (Method::GET,  format!("/me/consents/{receipt}"), None,          [401, 200, 404, 404, 404, 404, 404]),
        (Method::POST, format!("/studies/{s}/exports"), Some(&bad_export), [401, 404, 404, 404, 422, 404, 403]),
        (Method::GET,  format!("/studies/{s}/exports"), None,            [401, 404, 404, 404, 200, 404, 200]),
        (Method::GET,  format!("/exports/{e}"), None,                    [401, 404, 404, 404, 200, 404, 200]),
        (Method::GET,  format!("/exports/{e}/download"), None,           [401, 404, 404, 404, 200, 404, 404]),
        (Method::GET,  "/me/data-access".into(), None,                   [401, 200, 200, 200, 200, 200, 200]),
    ];
    let mut wrong = Vec::new();
    for (method, path, body, expected) in &table {
        for ((who, actor), want) in callers.iter().zip(expected) {
            let res = app.request_as(actor, method.clone(), path, *body).await;
            let got = res.status().as_u16();
            if got != *want {
                let text = res.text().await.unwrap_or_default();
                wrong.push(format!("{method} {path} as {who}: {got} (want {want}) {text:.160}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} answers differ:\n{}",
        wrong.len(),
        table.len() * 7,
        wrong.join("\n")
    );
}
