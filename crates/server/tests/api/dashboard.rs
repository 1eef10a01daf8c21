//! The dashboard's side of the server: its files at `/` with a fallback for client routes and
//! a strict policy, and sessions kept in cookies with a CSRF token.

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, SET_COOKIE};
use serde_json::{Value, json};

use crate::helpers::{Backend, PASSWORD, TestApp, expect, spawn_app};
use crate::on_both_backends;

on_both_backends!(browser_sessions_keep_the_refresh_token_in_an_http_only_cookie);

/// The `name=value` of each cookie a response sets, with its attributes.
fn set_cookies(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

fn cookie_value(set: &[String], name: &str) -> String {
    let line = set
        .iter()
        .find(|c| c.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} cookie in {set:?}"));
    line[name.len() + 1..]
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

async fn post_with(
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
    csrf: Option<&str>,
) -> reqwest::Response {
    let mut req = app.client.post(format!("{}{path}", app.base));
    if let Some(c) = cookie {
        req = req.header("cookie", format!("frontdesk_refresh={c}"));
    }
    if let Some(t) = csrf {
        req = req.header("x-csrf-token", t);
    }
    req.send().await.unwrap()
}

async fn browser_sessions_keep_the_refresh_token_in_an_http_only_cookie(app: TestApp) {
    app.signup("recepcao@clinica.pt", "clinica-lisboa").await;
    let res = app
        .post(
            "/api/v1/auth/browser/login",
            None,
            json!({"email": "recepcao@clinica.pt", "password": PASSWORD}),
        )
        .await;
    let set = set_cookies(res.headers());
    let body = expect(res, StatusCode::OK).await;
    assert!(
        body.get("refresh_token").is_none() && !body.to_string().contains("refresh"),
        "{body}"
    );
    let refresh_line = set
        .iter()
        .find(|c| c.starts_with("frontdesk_refresh="))
        .unwrap();
    for attribute in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/api/v1/auth/browser",
        "Max-Age=",
    ] {
        assert!(refresh_line.contains(attribute), "{refresh_line}");
    }
    // The public URL is http here; https would add Secure.
    assert!(!refresh_line.contains("Secure"), "{refresh_line}");
    let csrf_line = set
        .iter()
        .find(|c| c.starts_with("frontdesk_csrf="))
        .unwrap();
    assert!(!csrf_line.contains("HttpOnly"), "{csrf_line}");
    let refresh = cookie_value(&set, "frontdesk_refresh");
    let csrf = body["csrf_token"].as_str().unwrap().to_string();
    assert_eq!(cookie_value(&set, "frontdesk_csrf"), csrf);
    let access = body["access_token"].as_str().unwrap();
    let me = app.get_ok("/api/v1/me", Some(access), StatusCode::OK).await;
    assert_eq!(me["account"]["email"], "recepcao@clinica.pt");

    // A cross-site request carries the cookie but cannot know the CSRF token.
    for wrong in [None, Some("nope"), Some("AAAA")] {
        let res = post_with(&app, "/api/v1/auth/browser/refresh", Some(&refresh), wrong).await;
        let problem = expect(res, StatusCode::FORBIDDEN).await;
        assert!(
            problem["detail"].as_str().unwrap().contains("X-CSRF-Token"),
            "{problem}"
        );
        let res = post_with(&app, "/api/v1/auth/browser/logout", Some(&refresh), wrong).await;
        expect(res, StatusCode::FORBIDDEN).await;
    }
    // Another session's token does not fit this cookie either.
    let other: Value = expect(
        app.post(
            "/api/v1/auth/browser/login",
            None,
            json!({"email": "recepcao@clinica.pt", "password": PASSWORD}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let res = post_with(
        &app,
        "/api/v1/auth/browser/refresh",
        Some(&refresh),
        other["csrf_token"].as_str(),
    )
    .await;
    expect(res, StatusCode::FORBIDDEN).await;

    // With both: a new access token and new cookies; the old refresh token is spent.
    let res = post_with(
        &app,
        "/api/v1/auth/browser/refresh",
        Some(&refresh),
        Some(&csrf),
    )
    .await;
    let set = set_cookies(res.headers());
    let renewed = expect(res, StatusCode::OK).await;
    assert_eq!(renewed["account"]["email"], "recepcao@clinica.pt");
    let next_refresh = cookie_value(&set, "frontdesk_refresh");
    let next_csrf = renewed["csrf_token"].as_str().unwrap().to_string();
    assert_ne!(next_refresh, refresh);
    assert_ne!(next_csrf, csrf);
    app.get_ok(
        "/api/v1/me",
        renewed["access_token"].as_str(),
        StatusCode::OK,
    )
    .await;

    // Logging out ends the session and clears both cookies.
    let res = post_with(
        &app,
        "/api/v1/auth/browser/logout",
        Some(&next_refresh),
        Some(&next_csrf),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let cleared = set_cookies(res.headers());
    assert_eq!(cookie_value(&cleared, "frontdesk_refresh"), "");
    assert!(
        cleared.iter().all(|c| c.contains("Max-Age=0")),
        "{cleared:?}"
    );
    let res = post_with(
        &app,
        "/api/v1/auth/browser/refresh",
        Some(&next_refresh),
        Some(&next_csrf),
    )
    .await;
    expect(res, StatusCode::UNAUTHORIZED).await;
    // Without any cookie there is nothing to renew.
    let res = post_with(&app, "/api/v1/auth/browser/refresh", None, None).await;
    expect(res, StatusCode::UNAUTHORIZED).await;
    // The bearer API is untouched.
    let res = app
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "recepcao@clinica.pt", "password": PASSWORD}),
        )
        .await;
    let body = expect(res, StatusCode::OK).await;
    assert!(body["session"]["refresh_token"].is_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_is_served_at_the_root_with_a_fallback_for_its_routes() {
    let web = tempfile::tempdir().unwrap();
    std::fs::create_dir(web.path().join("assets")).unwrap();
    std::fs::write(
        web.path().join("index.html"),
        "<!doctype html><div id=app></div><script type=module src=/assets/app-1a2b.js></script>",
    )
    .unwrap();
    std::fs::write(web.path().join("assets/app-1a2b.js"), "console.log(1)").unwrap();
    let dir = web.path().display().to_string();
    let app = spawn_app(Backend::Sqlite, &[("FRONTDESK_WEB_DIR", &dir)]).await;

    for path in ["/", "/c/bright-smile/calendar", "/login", "/hq"] {
        let res = app.get(path, None).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let headers = res.headers().clone();
        assert_eq!(headers["content-type"], "text/html; charset=utf-8");
        assert_eq!(headers["cache-control"], "no-cache");
        let policy = headers["content-security-policy"].to_str().unwrap();
        assert!(
            policy.contains("script-src 'self';") && !policy.contains("unsafe-eval"),
            "{policy}"
        );
        assert!(res.text().await.unwrap().contains("id=app"), "{path}");
    }
    let res = app.get("/assets/app-1a2b.js", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    // A missing file, anything outside the directory, and the API's own paths are 404
    // problems, never the app's page.
    for path in [
        "/assets/gone-0000.js",
        "/assets/..%2F..%2Fsecret.key",
        "/api/v1/no-such-thing",
        "/webhooks/nothing",
    ] {
        let res = app.get(path, None).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(
            res.headers()["content-type"],
            "application/problem+json",
            "{path}"
        );
    }
    let res = app.post("/c/bright-smile/calendar", None, json!({})).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // The API and its docs still answer as before.
    assert_eq!(app.get("/healthz", None).await.status(), StatusCode::OK);
    assert_eq!(
        app.get("/openapi.json", None).await.status(),
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_binary_without_the_dashboard_says_how_to_build_it() {
    let empty = tempfile::tempdir().unwrap();
    let dir = empty.path().display().to_string();
    let app = spawn_app(Backend::Sqlite, &[("FRONTDESK_WEB_DIR", &dir)]).await;
    let res = app.get("/", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("was not built") && page.contains("npm run build"),
        "{page}"
    );
}
