//! Serving the built web app with SPA fallback.

use crate::helpers::assert_problem;
use kindred_tests::spawn_app_with;

#[tokio::test]
async fn serves_the_web_app_with_spa_fallback_and_a_strict_csp() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html><title>Kindred</title>")
        .unwrap();
    std::fs::create_dir(dist.path().join("assets")).unwrap();
    std::fs::write(dist.path().join("assets/app-1234.js"), "console.log(1)").unwrap();
    let dir = dist.path().to_path_buf();
    let app = spawn_app_with(move |s| s.frontend_dir = dir).await;

    for path in ["/", "/dashboard", "/measurements/blood_pressure"] {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let csp = res.headers()["content-security-policy"].to_str().unwrap().to_string();
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
        assert!(res.text().await.unwrap().contains("<title>Kindred</title>"));
    }
    let asset = app.client.get(app.url("/assets/app-1234.js")).send().await.unwrap();
    assert_eq!(asset.status(), 200);
    assert!(asset.headers()["cache-control"].to_str().unwrap().contains("immutable"));
    // The web app's files are compressed for browsers that ask; API answers never are
    // (they mix secrets with request-chosen text).
    std::fs::write(dist.path().join("assets/big-1234.js"), "const kindred = 1;\n".repeat(500))
        .unwrap();
    let gz = |path: &str| app.client.get(app.url(path)).header("Accept-Encoding", "gzip").send();
    let res = gz("/assets/big-1234.js").await.unwrap();
    assert_eq!(res.headers().get("content-encoding").map(|v| v.to_str().unwrap()), Some("gzip"));
    assert!(res.bytes().await.unwrap().len() < 2000, "compressed");
    let res = gz("/api/v1/conditions").await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("content-encoding").is_none(), "API uncompressed");
    // The API keeps its problem 404s even with the SPA fallback in place.
    let res = app.client.get(app.api("/nope")).send().await.unwrap();
    assert_problem(res, 404, "not_found").await;
}
