//! Outcome questionnaires (issue: questionnaires).

use crate::helpers::assert_problem;
use kindred_tests::spawn_app;
use reqwest::Method;
use serde_json::{json, Value};

fn phq9(vals: [u8; 9]) -> Value {
    let mut a = serde_json::Map::new();
    for (i, v) in vals.iter().enumerate() {
        a.insert(format!("q{}", i + 1), json!(v));
    }
    Value::Object(a)
}

fn codes(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().into(), e["code"].as_str().unwrap().into()))
        .collect()
}

#[tokio::test]
async fn seeded_instruments_answer_and_history() {
    let app = spawn_app().await;
    let t = app.patient("ana").await;
    let list: Value =
        app.client.get(app.api("/questionnaires")).send().await.unwrap().json().await.unwrap();
    let slugs: Vec<&str> =
        list["items"].as_array().unwrap().iter().map(|q| q["slug"].as_str().unwrap()).collect();
    for s in ["phq-9", "gad-7", "phq-2", "gad-2"] {
        assert!(slugs.contains(&s), "{s} seeded");
    }
    let phq: Value = app
        .client
        .get(app.api("/questionnaires/phq-9"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(phq["loinc_panel"], "44249-1");
    assert_eq!(phq["loinc_total"], "44261-6");
    assert_eq!(phq["version"]["version"], 1);
    assert_eq!(phq["version"]["definition"]["items"].as_array().unwrap().len(), 10);
    assert_eq!(
        phq["version"]["definition"]["items"][0]["text"],
        "Little interest or pleasure in doing things"
    );
    assert_eq!(
        phq["version"]["definition"]["items"][0]["options"][2]["label"],
        "More than half the days"
    );
    assert!(phq["licence"].as_str().unwrap().contains("Pfizer"));

    let res = app.authed(Method::POST, "/questionnaires/phq-9/responses", &t, Some(&json!({"version": 1, "answers": phq9([2, 2, 1, 1, 1, 1, 1, 1, 0]), "client_id": "r1"}))).await;
    assert_eq!(res.status(), 201);
    let r: Value = res.json().await.unwrap();
    assert_eq!((r["score"].as_f64(), r["band"].as_str()), (Some(10.0), Some("moderate")));
    assert_eq!(r["flags"], json!([]));
    assert_eq!(r["show_crisis_resources"], false);
    // A retry returns the stored response.
    let again = app
        .authed(
            Method::POST,
            "/questionnaires/phq-9/responses",
            &t,
            Some(&json!({"version": 1, "answers": phq9([0; 9]), "client_id": "r1"})),
        )
        .await;
    assert_eq!(again.status(), 200);
    assert_eq!(again.json::<Value>().await.unwrap()["id"], r["id"]);

    // Item 9 > 0 flags at once, whatever the total.
    let res = app
        .authed(
            Method::POST,
            "/questionnaires/phq-9/responses",
            &t,
            Some(&json!({"version": 1, "answers": phq9([0, 0, 0, 0, 0, 0, 0, 0, 1])})),
        )
        .await;
    let flagged: Value = res.json().await.unwrap();
    assert_eq!((flagged["score"].as_f64(), flagged["band"].as_str()), (Some(1.0), Some("minimal")));
    assert_eq!(flagged["flags"], json!(["self_harm_risk"]));
    assert_eq!(flagged["show_crisis_resources"], true);

    let gad = app.authed(Method::POST, "/questionnaires/gad-7/responses", &t, Some(&json!({"version": 1, "answers": {"q1": 3, "q2": 3, "q3": 3, "q4": 3, "q5": 3, "q6": 0, "q7": 0}}))).await;
    assert_eq!(gad.json::<Value>().await.unwrap()["band"], "severe");

    let history: Value =
        app.get_authed("/me/responses?questionnaire=phq-9", &t).await.json().await.unwrap();
    let items = history["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["id"], flagged["id"], "newest first");
    let page: Value = app.get_authed("/me/responses?limit=1", &t).await.json().await.unwrap();
    let cursor = page["next_cursor"].as_str().unwrap();
    let next: Value = app
        .get_authed(&format!("/me/responses?limit=5&cursor={cursor}"), &t)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(next["items"].as_array().unwrap().len(), 2);
    let series: Value =
        app.get_authed("/me/questionnaires/phq-9/scores", &t).await.json().await.unwrap();
    let scores: Vec<f64> =
        series["points"].as_array().unwrap().iter().map(|p| p["score"].as_f64().unwrap()).collect();
    assert_eq!(scores, vec![10.0, 1.0], "oldest first for charts");
    let detail: Value = app
        .get_authed(&format!("/me/responses/{}", r["id"].as_str().unwrap()), &t)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(detail["answers"].as_array().unwrap().len(), 9);
    assert_eq!(detail["answers"][0], json!({"key": "q1", "value_number": 2.0, "value_text": null}));

    // Someone else's responses are 404 and never listed.
    let other = app.patient("ben").await;
    assert_problem(
        app.get_authed(&format!("/me/responses/{}", r["id"].as_str().unwrap()), &other).await,
        404,
        "not_found",
    )
    .await;
    let theirs: Value = app.get_authed("/me/responses", &other).await.json().await.unwrap();
    assert_eq!(theirs["items"].as_array().unwrap().len(), 0);
    // Export and erasure cover responses.
    let doc: Value = app.get_authed("/me/export", &t).await.json().await.unwrap();
    assert_eq!(doc["data"]["questionnaire_responses"].as_array().unwrap().len(), 3);
    assert!(doc["data"]["response_items"].as_array().unwrap().len() >= 25);
}

#[tokio::test]
async fn every_bad_answer_is_a_422_naming_the_item() {
    let app = spawn_app().await;
    let t = app.patient("cas").await;
    let post = |body: Value| {
        let (app, t) = (&app, t.clone());
        async move { app.authed(Method::POST, "/questionnaires/phq-9/responses", &t, Some(&body)).await }
    };
    let mut missing = phq9([1; 9]);
    missing.as_object_mut().unwrap().remove("q4");
    let mut unknown = phq9([1; 9]);
    unknown["q99"] = json!(1);
    let mut wrong = phq9([1; 9]);
    wrong["q2"] = json!("often");
    let mut not_option = phq9([1; 9]);
    not_option["q3"] = json!(7);
    for (answers, field, code) in [
        (missing, "answers.q4", "required"),
        (unknown, "answers.q99", "unknown_item"),
        (wrong, "answers.q2", "wrong_type"),
        (not_option, "answers.q3", "unknown_option"),
    ] {
        let body = assert_problem(
            post(json!({"version": 1, "answers": answers})).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(codes(&body), vec![(field.to_string(), code.to_string())]);
    }
    let res = post(json!({"version": 9, "answers": phq9([0; 9])})).await;
    assert_eq!(
        codes(&assert_problem(res, 422, "validation_failed").await),
        vec![("version".into(), "unknown_version".into())]
    );
    assert_problem(
        app.authed(
            Method::POST,
            "/questionnaires/nope/responses",
            &t,
            Some(&json!({"version": 1, "answers": {}})),
        )
        .await,
        404,
        "not_found",
    )
    .await;
    assert_problem(post(json!({"version": 1})).await, 422, "validation_failed").await;
    assert_problem(post(json!({"version": "1", "answers": {}})).await, 422, "validation_failed")
        .await;
    assert_eq!(
        app.client
            .post(app.api("/questionnaires/phq-9/responses"))
            .json(&json!({"version": 1, "answers": {}}))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}

/// A 12-item functional rating scale (neutral placeholder text): four subscales, a
/// reverse-scored item, a conditional item, a flag on a subscale.
/// A small diary: a whole number, a yes/no and an optional free-text item (the only kind of
/// answer that holds a member's own words).
pub(crate) fn sleep_diary() -> Value {
    json!({
        "items": [
            {"key": "hours", "text": "Hours slept", "type": "integer", "min": 0, "max": 24},
            {"key": "rested", "text": "Rested?", "type": "boolean"},
            {"key": "note", "text": "Anything else?", "type": "text", "required": false, "scored": false}
        ],
        "scoring": {"method": "sum", "items": ["hours"]},
        "bands": [{"min": 0, "max": 5, "label": "short"}, {"min": 6, "max": 24, "label": "enough"}]
    })
}

fn frs_definition() -> Value {
    let opts: Vec<Value> =
        (0..=4).rev().map(|v| json!({"value": v, "label": format!("Level {v}")})).collect();
    let domains = ["bulbar", "fine_motor", "gross_motor", "respiratory"];
    let mut items = Vec::new();
    for (d, domain) in domains.iter().enumerate() {
        for k in 1..=3 {
            let n = d * 3 + k;
            let mut it = json!({"key": format!("i{n}"), "text": format!("Item {n} ({domain}): placeholder"), "type": "single_choice", "options": opts});
            if n == 5 {
                it["reverse"] = json!(true);
            }
            if n == 12 {
                it["enable_when"] = json!({"item": "i11", "operator": "lt", "value": 4});
            }
            items.push(it);
        }
    }
    let subscales: Vec<Value> = domains
        .iter()
        .enumerate()
        .map(|(d, k)| json!({"key": k, "label": k, "method": "sum", "items": (1..=3).map(|j| format!("i{}", d * 3 + j)).collect::<Vec<_>>()}))
        .collect();
    json!({
        "items": items,
        "scoring": {"method": "sum", "subscales": subscales},
        "bands": [{"min": 0, "max": 23, "label": "marked impairment"}, {"min": 24, "max": 47, "label": "mild impairment"}, {"min": 48, "max": 48, "label": "normal function"}],
        "flags": [{"flag": "respiratory_review", "subscale": "respiratory", "operator": "lte", "value": 6}]
    })
}

#[tokio::test]
async fn authoring_lifecycle_publish_answer_retire() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let t = app.patient("dee").await;
    let meta = json!({"slug": "frs-12", "title": "Functional rating (12 items)", "description": "Placeholder", "licence": "Test instrument", "recommended_interval_days": 30, "conditions": ["als"]});
    assert_eq!(app.authed(Method::POST, "/questionnaires", &t, Some(&meta)).await.status(), 403);
    assert_eq!(
        app.authed(Method::POST, "/questionnaires", &admin, Some(&meta)).await.status(),
        201
    );
    assert_eq!(
        app.authed(Method::POST, "/questionnaires", &admin, Some(&meta)).await.status(),
        422
    );

    // An invalid definition is refused with paths under `definition`.
    let mut bad = frs_definition();
    bad["bands"][1]["min"] = json!(30);
    let res = app
        .authed(
            Method::POST,
            "/questionnaires/frs-12/versions",
            &admin,
            Some(&json!({"definition": bad})),
        )
        .await;
    assert_eq!(
        codes(&assert_problem(res, 422, "validation_failed").await),
        vec![("definition.bands[1]".into(), "bands_gap".into())]
    );

    let res = app
        .authed(
            Method::POST,
            "/questionnaires/frs-12/versions",
            &admin,
            Some(&json!({"definition": frs_definition()})),
        )
        .await;
    assert_eq!(res.status(), 201);
    assert_eq!(res.json::<Value>().await.unwrap()["status"], "draft");
    // Drafts are not answerable nor shown.
    assert_eq!(
        app.client.get(app.api("/questionnaires/frs-12")).send().await.unwrap().status(),
        404
    );
    let answers: serde_json::Map<String, Value> =
        (1..=12).map(|n| (format!("i{n}"), json!(4))).filter(|(k, _)| k != "i12").collect();
    let res = app
        .authed(
            Method::POST,
            "/questionnaires/frs-12/responses",
            &t,
            Some(&json!({"version": 1, "answers": answers})),
        )
        .await;
    assert_problem(res, 409, "version_not_open").await;
    // Drafts can be edited; then published; then never edited again.
    let mut edited = frs_definition();
    edited["items"][0]["help"] = json!("Think of the last week.");
    assert_eq!(
        app.authed(
            Method::PATCH,
            "/questionnaires/frs-12/versions/1",
            &admin,
            Some(&json!({"definition": edited}))
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        app.authed(Method::POST, "/questionnaires/frs-12/versions/1/publish", &t, None)
            .await
            .status(),
        403
    );
    assert_eq!(
        app.authed(Method::POST, "/questionnaires/frs-12/versions/1/publish", &admin, None)
            .await
            .status(),
        204
    );
    let res = app
        .authed(
            Method::PATCH,
            "/questionnaires/frs-12/versions/1",
            &admin,
            Some(&json!({"definition": frs_definition()})),
        )
        .await;
    assert_problem(res, 409, "version_immutable").await;
    assert_problem(
        app.authed(Method::POST, "/questionnaires/frs-12/versions/1/publish", &admin, None).await,
        409,
        "not_a_draft",
    )
    .await;

    // Answered and scored: i5 reverse-scored (3 → 1), i12 enabled because i11 < 4.
    let mut a: serde_json::Map<String, Value> =
        (1..=12).map(|n| (format!("i{n}"), json!(4))).collect();
    a.insert("i5".into(), json!(3));
    a.insert("i11".into(), json!(1));
    a.insert("i12".into(), json!(1));
    let r: Value = app
        .authed(
            Method::POST,
            "/questionnaires/frs-12/responses",
            &t,
            Some(&json!({"version": 1, "answers": a})),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["score"], 39.0);
    assert_eq!(
        r["subscores"],
        json!({"bulbar": 12.0, "fine_motor": 9.0, "gross_motor": 12.0, "respiratory": 6.0})
    );
    assert_eq!(r["band"], "mild impairment");
    assert_eq!(r["flags"], json!(["respiratory_review"]));
    // Answering a disabled item is refused.
    let mut disabled = a.clone();
    disabled.insert("i11".into(), json!(4));
    let res = app
        .authed(
            Method::POST,
            "/questionnaires/frs-12/responses",
            &t,
            Some(&json!({"version": 1, "answers": disabled})),
        )
        .await;
    assert_eq!(
        codes(&assert_problem(res, 422, "validation_failed").await),
        vec![("answers.i12".into(), "not_enabled".into())]
    );

    // Retired: no longer answerable; publish/retire are audited.
    assert_eq!(
        app.authed(Method::POST, "/questionnaires/frs-12/versions/1/retire", &admin, None)
            .await
            .status(),
        204
    );
    let res = app
        .authed(
            Method::POST,
            "/questionnaires/frs-12/responses",
            &t,
            Some(&json!({"version": 1, "answers": a})),
        )
        .await;
    assert_problem(res, 409, "version_not_open").await;
    let audit: Value = app.get_authed("/admin/audit?limit=200", &admin).await.json().await.unwrap();
    let actions: Vec<&str> =
        audit["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for action in [
        "admin.questionnaire_created",
        "admin.questionnaire_version_created",
        "admin.questionnaire_version_updated",
        "admin.questionnaire_published",
        "admin.questionnaire_retired",
    ] {
        assert!(actions.contains(&action), "{action} missing from {actions:?}");
    }
}

#[tokio::test]
async fn due_list_follows_my_conditions_and_intervals() {
    let app = spawn_app().await;
    let t = app.patient("eli").await;
    let due: Value = app.get_authed("/me/questionnaires/due", &t).await.json().await.unwrap();
    assert_eq!(due["items"].as_array().unwrap().len(), 0, "no conditions, nothing due");
    app.authed(
        Method::POST,
        "/me/conditions",
        &t,
        Some(&json!({"condition": "depression", "status": "active"})),
    )
    .await;
    let due: Value = app.get_authed("/me/questionnaires/due", &t).await.json().await.unwrap();
    let slugs: Vec<&str> =
        due["items"].as_array().unwrap().iter().map(|i| i["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs.len(), 2);
    assert!(slugs.contains(&"phq-9") && slugs.contains(&"phq-2"), "{slugs:?}");
    app.authed(
        Method::POST,
        "/questionnaires/phq-9/responses",
        &t,
        Some(&json!({"version": 1, "answers": phq9([0; 9])})),
    )
    .await;
    let due: Value = app.get_authed("/me/questionnaires/due", &t).await.json().await.unwrap();
    let slugs: Vec<&str> =
        due["items"].as_array().unwrap().iter().map(|i| i["slug"].as_str().unwrap()).collect();
    assert!(
        slugs.is_empty(),
        "answered today: PHQ-9 not due for 14 days, and it covers PHQ-2 (asks its questions): {slugs:?}"
    );
    // Move the response back 15 days: due again.
    app.pool
        .run(|c| {
            use diesel::prelude::*;
            use kindred_db::schema::responses::dsl::*;
            diesel::update(responses)
                .set(submitted_at.eq(chrono::Utc::now().naive_utc() - chrono::TimeDelta::days(15)))
                .execute(c)
                .map_err(kindred_db::DbError::from)
        })
        .unwrap();
    let due: Value = app.get_authed("/me/questionnaires/due", &t).await.json().await.unwrap();
    let phq =
        due["items"].as_array().unwrap().iter().find(|i| i["slug"] == "phq-9").unwrap().clone();
    assert!(phq["last_response_at"].is_string() && phq["due_since"].is_string());
}

#[tokio::test]
async fn numeric_and_typed_items_are_checked_through_the_api() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let t = app.patient("fin").await;
    let meta = json!({"slug": "sleep-diary", "title": "Sleep diary", "description": "Placeholder", "licence": "Test", "recommended_interval_days": 1});
    assert_eq!(
        app.authed(Method::POST, "/questionnaires", &admin, Some(&meta)).await.status(),
        201
    );
    let def = sleep_diary();
    assert_eq!(
        app.authed(
            Method::POST,
            "/questionnaires/sleep-diary/versions",
            &admin,
            Some(&json!({"definition": def}))
        )
        .await
        .status(),
        201
    );
    assert_eq!(
        app.authed(Method::POST, "/questionnaires/sleep-diary/versions/1/publish", &admin, None)
            .await
            .status(),
        204
    );
    let post = |answers: Value| {
        let (app, t) = (&app, t.clone());
        async move {
            app.authed(
                Method::POST,
                "/questionnaires/sleep-diary/responses",
                &t,
                Some(&json!({"version": 1, "answers": answers})),
            )
            .await
        }
    };
    for (answers, field, code) in [
        (json!({"hours": 25, "rested": true}), "answers.hours", "out_of_range"),
        (json!({"hours": -1, "rested": true}), "answers.hours", "out_of_range"),
        (json!({"hours": 7.5, "rested": true}), "answers.hours", "wrong_type"),
        (json!({"hours": 7, "rested": "yes"}), "answers.rested", "wrong_type"),
        (json!({"hours": 7, "rested": true, "note": "x".repeat(2001)}), "answers.note", "too_long"),
    ] {
        let body = assert_problem(post(answers).await, 422, "validation_failed").await;
        assert_eq!(codes(&body), vec![(field.to_string(), code.to_string())]);
    }
    let ok: Value =
        post(json!({"hours": 5, "rested": false, "note": "woke at 4"})).await.json().await.unwrap();
    assert_eq!((ok["score"].as_f64(), ok["band"].as_str()), (Some(5.0), Some("short")));
}

#[tokio::test]
async fn admins_list_every_version_including_drafts() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let t = app.patient("vee").await;
    let meta = json!({"slug": "frs-12", "title": "Functional rating (12 items)", "description": "Placeholder", "licence": "Test instrument", "recommended_interval_days": 30, "conditions": ["als"]});
    assert_eq!(
        app.authed(Method::POST, "/questionnaires", &admin, Some(&meta)).await.status(),
        201
    );
    let versions = |query: &'static str| {
        let (app, admin) = (&app, &admin);
        async move {
            let res =
                app.get_authed(&format!("/questionnaires/frs-12/versions{query}"), admin).await;
            assert_eq!(res.status(), 200, "{query}: {}", res.text().await.unwrap_or_default());
            let body: Value = res.json().await.unwrap();
            body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| {
                    (v["version"].as_i64().unwrap(), v["status"].as_str().unwrap().to_string())
                })
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(versions("").await, vec![], "no versions yet");

    // Three drafts; the first published, then retired; the second published.
    for _ in 0..3 {
        let res = app
            .authed(
                Method::POST,
                "/questionnaires/frs-12/versions",
                &admin,
                Some(&json!({"definition": frs_definition()})),
            )
            .await;
        assert_eq!(res.status(), 201);
    }
    let s = |v: &[(i64, &str)]| v.iter().map(|(n, s)| (*n, s.to_string())).collect::<Vec<_>>();
    assert_eq!(versions("").await, s(&[(1, "draft"), (2, "draft"), (3, "draft")]));
    for step in ["1/publish", "1/retire", "2/publish"] {
        let path = format!("/questionnaires/frs-12/versions/{step}");
        assert_eq!(app.authed(Method::POST, &path, &admin, None).await.status(), 204, "{step}");
    }
    assert_eq!(versions("").await, s(&[(1, "retired"), (2, "published"), (3, "draft")]));
    assert_eq!(versions("?status=draft").await, s(&[(3, "draft")]));
    assert_eq!(versions("?status=published").await, s(&[(2, "published")]));
    assert_eq!(versions("?status=retired").await, s(&[(1, "retired")]));

    // Each version comes with its definition, as drafting answered it.
    let res = app.get_authed("/questionnaires/frs-12/versions?status=draft", &admin).await;
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["items"][0]["definition"]["items"].as_array().unwrap().len(), 12);
    assert_eq!(body["items"][0]["published_at"], Value::Null);

    // Members still see only the published version; the list is for admins.
    let shown: Value = app
        .client
        .get(app.api("/questionnaires/frs-12"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(shown["version"]["version"], 2);
    for query in ["", "?status=draft", "?status=bogus"] {
        let path = format!("/questionnaires/frs-12/versions{query}");
        assert_problem(app.get_authed(&path, &t).await, 403, "admin_only").await;
        let res = app.client.get(app.api(&path)).send().await.unwrap();
        assert_eq!(res.status(), 401, "{path}");
    }
    let path = "/questionnaires/phq-9/versions";
    assert_problem(app.get_authed(path, &t).await, 403, "admin_only").await;

    // Bad input: an unknown status or parameter is a 422; an unknown questionnaire a 404.
    for query in ["?status=bogus", "?status=Draft", "?status="] {
        let path = format!("/questionnaires/frs-12/versions{query}");
        let body =
            assert_problem(app.get_authed(&path, &admin).await, 422, "validation_failed").await;
        assert_eq!(body["errors"][0]["field"], "status", "{query}");
    }
    let res = app.get_authed("/questionnaires/frs-12/versions?limit=5", &admin).await;
    assert_problem(res, 422, "validation_failed").await;
    let res = app.get_authed("/questionnaires/no-such/versions", &admin).await;
    assert_problem(res, 404, "not_found").await;
    // Seeded questionnaires list their published version.
    let res = app.get_authed("/questionnaires/phq-9/versions", &admin).await;
    let body: Value = res.json().await.unwrap();
    assert!(body["items"].as_array().unwrap().iter().any(|v| v["status"] == "published"));
}
