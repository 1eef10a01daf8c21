//! HQ: listing and creating clinics.

use frontdesk_domain::{AccountId, HqRole};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{TestApp, expect};
use crate::on_both_backends;

on_both_backends!(hq_lists_and_creates_clinics);

async fn hq_lists_and_creates_clinics(app: TestApp) {
    let hq = app.signup("hq@x.com", "hq-home").await;
    let ops = app.signup("ops@x.com", "ops-home").await;
    let plain = app.signup("plain@x.com", "plain-home").await;
    let id = |u: &crate::helpers::User| AccountId::from_uuid(u.account_id.parse().unwrap());
    app.state
        .store
        .set_hq_role(id(&hq), Some(HqRole::Superadmin))
        .await
        .unwrap();
    app.state
        .store
        .set_hq_role(id(&ops), Some(HqRole::Ops))
        .await
        .unwrap();

    app.get_ok(
        "/api/v1/hq/clinics",
        Some(&plain.access),
        StatusCode::FORBIDDEN,
    )
    .await;
    app.get_ok("/api/v1/hq/clinics", None, StatusCode::UNAUTHORIZED)
        .await;
    let page = app
        .get_ok(
            "/api/v1/hq/clinics?limit=2",
            Some(&ops.access),
            StatusCode::OK,
        )
        .await;
    let slugs: Vec<&str> = page["clinics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["hq-home", "ops-home"]);
    assert_eq!(page["next"], "ops-home");
    let rest = app
        .get_ok(
            "/api/v1/hq/clinics?limit=2&after=ops-home",
            Some(&ops.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(rest["clinics"][0]["slug"], "plain-home");
    assert_eq!(rest["next"], serde_json::Value::Null);
    app.get_ok(
        "/api/v1/hq/clinics?limit=0",
        Some(&ops.access),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    app.get_ok(
        "/api/v1/hq/clinics?limit=abc",
        Some(&ops.access),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;

    let new = json!({"clinic": {"name": "Clínica Nueva", "time_zone": "Europe/Madrid", "default_language": "es"}, "owner_email": "duena@nueva.es"});
    app.call(
        Method::POST,
        "/api/v1/hq/clinics",
        Some(&ops.access),
        Some(new.clone()),
        StatusCode::FORBIDDEN,
    )
    .await;
    let created = app
        .call(
            Method::POST,
            "/api/v1/hq/clinics",
            Some(&hq.access),
            Some(new.clone()),
            StatusCode::CREATED,
        )
        .await;
    assert_eq!(created["clinic"]["slug"], "clinica-nueva");
    assert_eq!(created["owner"]["status"], "invited");
    assert_eq!(created["owner"]["invitation"]["role"], "owner");
    app.call(
        Method::POST,
        "/api/v1/hq/clinics",
        Some(&hq.access),
        Some(new),
        StatusCode::CONFLICT,
    )
    .await;

    // The invited owner accepts and runs the clinic; HQ itself is not a member.
    let token = created["owner"]["token"].as_str().unwrap();
    let res = app.post("/api/v1/auth/invitations/accept", None,
        json!({"token": token, "email": "duena@nueva.es", "name": "Lucía", "password": crate::helpers::PASSWORD})).await;
    let joined = expect(res, StatusCode::CREATED).await;
    let owner_token = joined["session"]["access_token"].as_str().unwrap();
    let c = app
        .get_ok(
            "/api/v1/clinics/clinica-nueva",
            Some(owner_token),
            StatusCode::OK,
        )
        .await;
    assert_eq!(c["your_role"], "owner");
    app.get_ok(
        "/api/v1/clinics/clinica-nueva",
        Some(&hq.access),
        StatusCode::NOT_FOUND,
    )
    .await;
}
