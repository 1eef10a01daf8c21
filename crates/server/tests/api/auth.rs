//! Sign-up, login, refresh rotation, logout, throttling, `/me`.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Backend, PASSWORD, TestApp, expect, spawn_app};
use crate::on_both_backends;

on_both_backends!(
    signup_creates_owner_and_me_lists_the_clinic,
    signup_refuses_taken_email_and_slug,
    signup_reports_every_invalid_field,
    login_checks_the_password,
    refresh_rotates_and_reuse_signs_out_the_family,
    logout_ends_the_session,
    access_tokens_are_verified,
);

async fn signup_creates_owner_and_me_lists_the_clinic(app: TestApp) {
    let user = app.signup("ayse@dis.com.tr", "dis-klinigi").await;
    let me = app
        .get_ok("/api/v1/me", Some(&user.access), StatusCode::OK)
        .await;
    assert_eq!(me["account"]["email"], "ayse@dis.com.tr");
    assert_eq!(me["account"]["id"], user.account_id.as_str());
    assert_eq!(me["memberships"][0]["slug"], "dis-klinigi");
    assert_eq!(me["memberships"][0]["role"], "owner");
    assert!(me["account"].get("password_hash").is_none());

    // The slug is derived from the name when not given.
    let res = app
        .post("/api/v1/auth/signup", None, json!({"email": "joao@clinica.com.br", "password": PASSWORD, "name": "João",
            "clinic": {"name": "Clínica São João", "time_zone": "America/Sao_Paulo", "default_language": "pt-BR"}}))
        .await;
    let body = expect(res, StatusCode::CREATED).await;
    assert_eq!(body["clinic"]["slug"], "clinica-sao-joao");
    assert_eq!(body["clinic"]["default_language"], "pt");
    assert_eq!(body["session"]["token_type"], "Bearer");
    assert_eq!(body["session"]["expires_in"], 900);
}

async fn signup_refuses_taken_email_and_slug(app: TestApp) {
    app.signup("a@a.com", "clinic-a").await;
    let body = json!({"email": "A@a.com", "password": PASSWORD, "name": "X", "clinic": {"name": "Other", "slug": "other", "time_zone": "UTC"}});
    let problem = app
        .post_ok("/api/v1/auth/signup", None, body, StatusCode::CONFLICT)
        .await;
    assert!(
        problem["detail"].as_str().unwrap().contains("a@a.com"),
        "{problem}"
    );
    let body = json!({"email": "b@b.com", "password": PASSWORD, "name": "X", "clinic": {"name": "Other", "slug": "clinic-a", "time_zone": "UTC"}});
    let problem = app
        .post_ok("/api/v1/auth/signup", None, body, StatusCode::CONFLICT)
        .await;
    assert!(
        problem["detail"].as_str().unwrap().contains("clinic-a"),
        "{problem}"
    );
    // The failed sign-up left no account behind.
    expect(
        app.login("b@b.com", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

async fn signup_reports_every_invalid_field(app: TestApp) {
    let body = json!({"email": "not-an-email", "password": "short", "name": "",
        "clinic": {"name": "Ok", "slug": "Bad Slug", "time_zone": "Mars/Base", "default_language": "de"}});
    let problem = app
        .post_ok(
            "/api/v1/auth/signup",
            None,
            body,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    assert_eq!(problem["type"], "urn:frontdesk:problem:validation");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for f in [
        "email",
        "password",
        "name",
        "clinic.slug",
        "clinic.time_zone",
        "clinic.default_language",
    ] {
        assert!(fields.contains(&f), "{f} missing in {problem}");
    }
    let tz = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == "clinic.time_zone")
        .unwrap();
    assert!(
        tz["message"].as_str().unwrap().contains("Europe/Istanbul"),
        "the message says how to fix it"
    );
}

async fn login_checks_the_password(app: TestApp) {
    let user = app.signup("m@x.com", "mx-clinic").await;
    let body = expect(app.login("M@X.com", PASSWORD).await, StatusCode::OK).await;
    assert_eq!(body["account"]["id"], user.account_id.as_str());
    let problem = expect(
        app.login("m@x.com", "wrong password!").await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(problem["detail"], "wrong e-mail or password");
    // An unknown account gets the same answer.
    let unknown = expect(
        app.login("nobody@x.com", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(unknown["detail"], problem["detail"]);
}

async fn refresh_rotates_and_reuse_signs_out_the_family(app: TestApp) {
    let user = app.signup("r@x.com", "r-clinic").await;
    let first = app
        .post_ok(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": user.refresh}),
            StatusCode::OK,
        )
        .await;
    let second_token = first["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(second_token, user.refresh, "rotated");
    app.get_ok(
        "/api/v1/me",
        Some(first["access_token"].as_str().unwrap()),
        StatusCode::OK,
    )
    .await;

    // The first token again: reuse. Both it and its successor are now dead.
    let problem = app
        .post_ok(
            "/api/v1/auth/refresh",
            None,
            json!({"refresh_token": user.refresh}),
            StatusCode::UNAUTHORIZED,
        )
        .await;
    assert!(
        problem["detail"].as_str().unwrap().contains("already used"),
        "{problem}"
    );
    app.post_ok(
        "/api/v1/auth/refresh",
        None,
        json!({"refresh_token": second_token}),
        StatusCode::UNAUTHORIZED,
    )
    .await;

    // Another login is a separate family and still works.
    let other = expect(app.login("r@x.com", PASSWORD).await, StatusCode::OK).await;
    let token = other["session"]["refresh_token"].as_str().unwrap();
    app.post_ok(
        "/api/v1/auth/refresh",
        None,
        json!({"refresh_token": token}),
        StatusCode::OK,
    )
    .await;
}

async fn logout_ends_the_session(app: TestApp) {
    let user = app.signup("l@x.com", "l-clinic").await;
    app.post_ok(
        "/api/v1/auth/logout",
        None,
        json!({"refresh_token": user.refresh}),
        StatusCode::NO_CONTENT,
    )
    .await;
    app.post_ok(
        "/api/v1/auth/refresh",
        None,
        json!({"refresh_token": user.refresh}),
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

async fn access_tokens_are_verified(app: TestApp) {
    let user = app.signup("t@x.com", "t-clinic").await;
    let res = app.get("/api/v1/me", None).await;
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    expect(res, StatusCode::UNAUTHORIZED).await;
    let mut tampered = user.access.clone();
    tampered.replace_range(tampered.len() - 4.., "AAAA");
    app.get_ok("/api/v1/me", Some(&tampered), StatusCode::UNAUTHORIZED)
        .await;
    app.get_ok("/api/v1/me", Some("garbage"), StatusCode::UNAUTHORIZED)
        .await;
    // A token signed with another server's secret is refused.
    let foreign = frontdesk::auth::token::TokenKeys::new(&[1u8; 32])
        .issue_access(frontdesk_domain::AccountId::new(), chrono::Utc::now())
        .0;
    app.get_ok("/api/v1/me", Some(&foreign), StatusCode::UNAUTHORIZED)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_are_throttled_on_both_backends() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let app = spawn_app(backend, &[("FRONTDESK_LOGIN_MAX_FAILURES", "3")]).await;
        app.signup("victim@x.com", "victim-clinic").await;
        for _ in 0..3 {
            expect(
                app.login("victim@x.com", "wrong password!").await,
                StatusCode::UNAUTHORIZED,
            )
            .await;
        }
        let res = app.login("victim@x.com", PASSWORD).await;
        assert_eq!(res.headers()["retry-after"], "900");
        let problem = expect(res, StatusCode::TOO_MANY_REQUESTS).await;
        assert!(
            problem["detail"].as_str().unwrap().contains("try again"),
            "{problem}"
        );
        // Other accounts from elsewhere are unaffected below the address limit.
        app.signup("other@x.com", "other-clinic").await;
        expect(app.login("other@x.com", PASSWORD).await, StatusCode::OK).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closed_signup_refuses() {
    let app = spawn_app(Backend::Sqlite, &[("FRONTDESK_SIGNUP", "closed")]).await;
    let body = json!({"email": "a@a.com", "password": PASSWORD, "name": "X", "clinic": {"name": "A", "time_zone": "UTC"}});
    let problem = app
        .post_ok("/api/v1/auth/signup", None, body, StatusCode::FORBIDDEN)
        .await;
    assert!(problem["detail"].as_str().unwrap().contains("closed"));
}
