//! Tenant isolation, table-driven: every clinic-scoped route, as each role of the clinic, as
//! a member of another clinic, and as nobody. A route missing from the table fails the test.

use std::collections::BTreeSet;

use chrono::{Duration, Utc};
use frontdesk_domain::{AccountId, ClinicId, Email, InvitationId, PersonName, Role};
use frontdesk_store::{NewAccount, NewInvitation};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, User};
use crate::on_both_backends;

on_both_backends!(
    every_clinic_route_is_closed_to_outsiders,
    ids_from_another_clinic_are_unreachable
);

/// Who calls, in the order of each row's expected statuses.
const CALLERS: [&str; 6] = [
    "owner",
    "admin",
    "staff",
    "practitioner",
    "other clinic's owner",
    "anonymous",
];

struct Row {
    method: Method,
    path: &'static str,
    body: Option<Value>,
    expect: [u16; 6],
}

fn table() -> Vec<Row> {
    let row = |method: Method, path: &'static str, body: Option<Value>, expect: [u16; 6]| Row {
        method,
        path,
        body,
        expect,
    };
    vec![
        row(
            Method::GET,
            "/api/v1/clinics/{slug}",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::PATCH,
            "/api/v1/clinics/{slug}",
            Some(json!({"address": "Rua Augusta 1"})),
            [200, 200, 403, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/members",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/members",
            Some(json!({"email": "{fresh_email}", "role": "staff"})),
            [201, 201, 403, 403, 404, 401],
        ),
        row(
            Method::PATCH,
            "/api/v1/clinics/{slug}/members/{account_id}",
            Some(json!({"role": "practitioner"})),
            [200, 200, 403, 403, 404, 401],
        ),
        row(
            Method::DELETE,
            "/api/v1/clinics/{slug}/members/{account_id}",
            None,
            [204, 204, 403, 403, 404, 401],
        ),
        row(
            Method::DELETE,
            "/api/v1/clinics/{slug}/invitations/{invitation_id}",
            None,
            [204, 204, 403, 403, 404, 401],
        ),
    ]
}

/// A staff member of `clinic` created directly in the store (no password hashing: fast).
async fn fresh_member(app: &TestApp, clinic: ClinicId, n: usize) -> AccountId {
    let account = app
        .state
        .store
        .create_account(&NewAccount {
            id: AccountId::new(),
            email: Email::parse("e", &format!("target{n}@a.com")).unwrap(),
            name: PersonName::parse("n", "Target").unwrap(),
            password_hash: "$argon2id$unused".into(),
            hq_role: None,
            created_at: Utc::now(),
        })
        .await
        .unwrap();
    app.state
        .store
        .add_member(clinic, account.id, Role::Staff)
        .await
        .unwrap();
    account.id
}

async fn fresh_invitation(
    app: &TestApp,
    clinic: ClinicId,
    by: AccountId,
    n: usize,
) -> InvitationId {
    let now = Utc::now();
    let new = NewInvitation {
        id: InvitationId::new(),
        email: Email::parse("e", &format!("invitee{n}@a.com")).unwrap(),
        role: Role::Staff,
        token_hash: format!("hash-{n}-{}", uuid::Uuid::now_v7()),
        invited_by: by,
        created_at: now,
        expires_at: now + Duration::days(1),
    };
    app.state
        .store
        .create_invitation(clinic, &new)
        .await
        .unwrap()
        .id
}

struct World {
    callers: Vec<Option<User>>,
    clinic_a: ClinicId,
    owner_a: AccountId,
}

async fn world(app: &TestApp) -> World {
    let owner = app.signup("owner@a.com", "clinic-a").await;
    let admin = app.join(&owner, "clinic-a", "admin@a.com", "admin").await;
    let staff = app.join(&owner, "clinic-a", "staff@a.com", "staff").await;
    let practitioner = app
        .join(&owner, "clinic-a", "doc@a.com", "practitioner")
        .await;
    let other = app.signup("owner@b.com", "clinic-b").await;
    let owner_a = AccountId::from_uuid(owner.account_id.parse().unwrap());
    let slug = frontdesk_domain::Slug::parse("s", "clinic-a").unwrap();
    let clinic_a = app
        .state
        .store
        .clinic_access(owner_a, &slug)
        .await
        .unwrap()
        .unwrap()
        .0
        .id;
    World {
        callers: vec![
            Some(owner),
            Some(admin),
            Some(staff),
            Some(practitioner),
            Some(other),
            None,
        ],
        clinic_a,
        owner_a,
    }
}

async fn every_clinic_route_is_closed_to_outsiders(app: TestApp) {
    let w = world(&app).await;
    let mut n = 0;
    for row in table() {
        for (who, caller) in CALLERS.iter().zip(&w.callers) {
            n += 1;
            let target = fresh_member(&app, w.clinic_a, n).await;
            let invitation = fresh_invitation(&app, w.clinic_a, w.owner_a, n).await;
            let path = row
                .path
                .replace("{slug}", "clinic-a")
                .replace("{account_id}", &target.to_string())
                .replace("{invitation_id}", &invitation.to_string());
            let body = row.body.as_ref().map(|b| {
                serde_json::from_str(
                    &b.to_string()
                        .replace("{fresh_email}", &format!("fresh{n}@a.com")),
                )
                .unwrap()
            });
            let token = caller.as_ref().map(|u| u.access.as_str());
            let res = app.request(row.method.clone(), &path, token, body).await;
            let expected = row.expect[CALLERS.iter().position(|c| c == who).unwrap()];
            let status = res.status().as_u16();
            let text = res.text().await.unwrap();
            assert_eq!(
                status, expected,
                "{} {} as {who}: {text}",
                row.method, row.path
            );
            if status == 404 {
                assert!(
                    !text.contains("Clinic clinic-a") && !text.contains("target"),
                    "a 404 reveals nothing: {text}"
                );
            }
        }
    }

    // Every clinic-scoped route in the API is in the table.
    let spec = app.get_ok("/openapi.json", None, StatusCode::OK).await;
    let mut documented = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        if path.starts_with("/api/v1/clinics/{slug}") {
            for method in item.as_object().unwrap().keys() {
                documented.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    let tested: BTreeSet<String> = table()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(
        documented, tested,
        "add new clinic-scoped routes to the isolation table"
    );
}

async fn ids_from_another_clinic_are_unreachable(app: TestApp) {
    let w = world(&app).await;
    let other = w.callers[4].as_ref().unwrap();
    let target = fresh_member(&app, w.clinic_a, 1).await;
    let invitation = fresh_invitation(&app, w.clinic_a, w.owner_a, 1).await;
    // Clinic B's owner, on clinic B's own routes, names clinic A's member and invitation.
    let member_path = format!("/api/v1/clinics/clinic-b/members/{target}");
    app.call(
        Method::PATCH,
        &member_path,
        Some(&other.access),
        Some(json!({"role": "owner"})),
        StatusCode::NOT_FOUND,
    )
    .await;
    app.call(
        Method::DELETE,
        &member_path,
        Some(&other.access),
        None,
        StatusCode::NOT_FOUND,
    )
    .await;
    let inv_path = format!("/api/v1/clinics/clinic-b/invitations/{invitation}");
    app.call(
        Method::DELETE,
        &inv_path,
        Some(&other.access),
        None,
        StatusCode::NOT_FOUND,
    )
    .await;
    let members = app
        .get_ok(
            "/api/v1/clinics/clinic-b/members",
            Some(&other.access),
            StatusCode::OK,
        )
        .await;
    assert!(!members.to_string().contains("target1@a.com"));
    // Nothing in clinic A changed.
    let m = app
        .state
        .store
        .member(w.clinic_a, target)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(m.role, Role::Staff);
    assert_eq!(
        app.state.store.invitations(w.clinic_a).await.unwrap().len(),
        1
    );
    // Malformed ids are plain 404s, not 500s.
    app.call(
        Method::DELETE,
        "/api/v1/clinics/clinic-a/members/not-a-uuid",
        Some(&w.callers[0].as_ref().unwrap().access),
        None,
        StatusCode::NOT_FOUND,
    )
    .await;
}
