//! The OpenAPI document and Swagger UI.

use kindred_tests::spawn_app;

#[tokio::test]
async fn served_document_is_openapi_3_1_and_matches_the_code() {
    let app = spawn_app().await;
    let res = app.client.get(app.api("/openapi.json")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let served: serde_json::Value = res.json().await.unwrap();
    assert!(served["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(served["paths"]["/healthz"]["get"].is_object());
    let generated: serde_json::Value =
        serde_json::from_str(&kindred_api::openapi::document_json()).unwrap();
    assert_eq!(served, generated);
}

/// Fails when `docs/openapi.json` is stale: regenerate it with `make openapi`.
#[test]
fn committed_document_matches_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = kindred_api::openapi::document_json();
    assert!(
        committed == generated,
        "docs/openapi.json differs from the code's OpenAPI document; run `make openapi`"
    );
}

#[tokio::test]
async fn swagger_ui_is_served_without_internet() {
    let app = spawn_app().await;
    let res = app.client.get(app.url("/api/docs")).send().await.unwrap();
    assert_eq!(res.status(), 308);
    let res = app.client.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("default-src 'self'"));
    let html = res.text().await.unwrap();
    assert!(!html.contains("https://"), "Swagger UI page must not load anything remote");
    for asset in ["swagger-ui-bundle.js", "swagger-ui.css", "swagger-initializer.js"] {
        assert!(html.contains(asset), "{asset} referenced");
        let res = app.client.get(app.url(&format!("/api/docs/{asset}"))).send().await.unwrap();
        assert_eq!(res.status(), 200, "{asset}");
        let body = res.text().await.unwrap();
        assert!(body.len() > 100, "{asset} has content");
    }
    let init = app.client.get(app.url("/api/docs/swagger-initializer.js")).send().await.unwrap();
    assert!(init.text().await.unwrap().contains("/api/v1/openapi.json"));
}

#[test]
fn every_operation_has_a_unique_id() {
    let doc: serde_json::Value =
        serde_json::from_str(&kindred_api::openapi::document_json()).unwrap();
    let mut ids = Vec::new();
    for (_, item) in doc["paths"].as_object().unwrap() {
        for (_, op) in item.as_object().unwrap() {
            if let Some(id) = op.get("operationId") {
                ids.push(id.as_str().unwrap().to_string());
            }
        }
    }
    assert!(ids.len() > 40, "{ids:?}");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate operationIds: {ids:?}");
    assert!(ids.contains(&"post_auth_login".to_string()));
    assert!(ids.contains(&"get_me_measurements_by_id".to_string()));
}
