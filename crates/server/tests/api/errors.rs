//! Bad input always gets a clear 4xx problem document, never a 500.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{TestApp, expect};
use crate::on_both_backends;

on_both_backends!(
    bad_bodies_get_clear_problems,
    unknown_routes_and_methods,
    request_ids_are_echoed,
    health_and_docs
);

async fn bad_bodies_get_clear_problems(app: TestApp) {
    let url = format!("{}/api/v1/auth/login", app.base);
    let send = |body: &'static str, content_type: &'static str| {
        app.client
            .post(&url)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let p = expect(
        send("{\"email\": ", "application/json").await.unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(
        p["detail"].as_str().unwrap().contains("not valid JSON"),
        "{p}"
    );

    let p = expect(
        send(r#"{"email": 5, "password": "x"}"#, "application/json")
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(p["errors"][0]["field"], "email", "{p}");
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("expected a string"),
        "{p}"
    );

    let p = expect(
        send(r#"{"email": "a@b.com"}"#, "application/json")
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("password"),
        "{p}"
    );

    let p = expect(
        send(
            r#"{"email": "a@b.com", "password": "x", "admin": true}"#,
            "application/json",
        )
        .await
        .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("admin"),
        "{p}"
    );

    let p = expect(
        send("email=a", "application/x-www-form-urlencoded")
            .await
            .unwrap(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    )
    .await;
    assert_eq!(p["type"], "urn:frontdesk:problem:unsupported-media-type");

    let p = expect(
        send(
            r#"{"email": "a@b.com", "password": "x"} trailing"#,
            "application/json",
        )
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert!(p["detail"].as_str().unwrap().contains("JSON"));

    // The server refuses on the declared length without reading the body, so the request is
    // written by hand: a client still streaming 2 MiB would race the early answer.
    let answer = raw_exchange(
        &app.base,
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2097152\r\n\r\n{",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(
        answer.contains("application/problem+json") && answer.contains("payload-too-large"),
        "{answer}"
    );

    // Nested paths name the field inside the document.
    let body = json!({"email": "a@b.com", "password": "a good long passphrase", "name": "X", "clinic": {"name": "A", "time_zone": 7}});
    let p = app
        .post_ok(
            "/api/v1/auth/signup",
            None,
            body,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    assert_eq!(p["errors"][0]["field"], "clinic.time_zone", "{p}");
}

async fn unknown_routes_and_methods(app: TestApp) {
    let p = app
        .get_ok("/api/v1/nothing-here", None, StatusCode::NOT_FOUND)
        .await;
    assert_eq!(p["type"], "urn:frontdesk:problem:not-found");
    let res = app
        .request(Method::PUT, "/api/v1/auth/login", None, None)
        .await;
    assert!(res.headers()["allow"].to_str().unwrap().contains("POST"));
    let p = expect(res, StatusCode::METHOD_NOT_ALLOWED).await;
    assert_eq!(p["type"], "urn:frontdesk:problem:method-not-allowed");
}

async fn request_ids_are_echoed(app: TestApp) {
    let res = app.get("/healthz", None).await;
    let id = res.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let res = app
        .client
        .get(format!("{}/healthz", app.base))
        .header("x-request-id", "from-the-proxy-42")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], "from-the-proxy-42");
}

async fn health_and_docs(app: TestApp) {
    let alive = app.get_ok("/healthz", None, StatusCode::OK).await;
    assert_eq!(alive["status"], "ok");
    let ready = app.get_ok("/readyz", None, StatusCode::OK).await;
    assert_eq!(ready["status"], "ready");
    assert_eq!(ready["database"], app.state.store.backend());
    let spec = app.get_ok("/openapi.json", None, StatusCode::OK).await;
    for path in [
        "/api/v1/auth/login",
        "/api/v1/me",
        "/api/v1/clinics/{slug}",
        "/api/v1/hq/clinics",
    ] {
        assert!(spec["paths"].get(path).is_some(), "{path} documented");
    }
    let docs = app.get("/docs/", None).await;
    assert_eq!(docs.status(), StatusCode::OK);
    let html = docs.text().await.unwrap();
    assert!(
        html.contains("swagger-ui"),
        "the docs page is served locally"
    );
    assert!(
        !html.contains("cdn.") && !html.contains("unpkg.com"),
        "no CDN: works offline"
    );
    let bundle = app.get("/docs/swagger-ui-bundle.js", None).await;
    assert_eq!(bundle.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_allows_only_configured_origins() {
    let app = crate::helpers::spawn_app(
        crate::helpers::Backend::Sqlite,
        &[("FRONTDESK_CORS_ORIGINS", "https://app.clinic.example")],
    )
    .await;
    let preflight = |origin: &'static str| {
        app.client
            .request(Method::OPTIONS, format!("{}/api/v1/me", app.base))
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .header("access-control-request-headers", "authorization")
            .send()
    };
    let ok = preflight("https://app.clinic.example").await.unwrap();
    assert_eq!(
        ok.headers()["access-control-allow-origin"],
        "https://app.clinic.example"
    );
    let other = preflight("https://evil.example").await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
}

/// Writes `request` on a fresh connection and reads whatever the server answers.
async fn raw_exchange(base: &str, request: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 4096];
    let n = tokio::time::timeout(std::time::Duration::from_secs(5), stream.read(&mut buf))
        .await
        .expect("an answer within 5 s")
        .unwrap();
    String::from_utf8_lossy(&buf[..n]).into_owned()
}
