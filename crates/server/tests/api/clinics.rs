//! Clinic settings and membership rules.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, expect};
use crate::on_both_backends;

on_both_backends!(
    settings_are_read_and_updated,
    invalid_settings_are_refused_whole,
    invitations_add_members,
    admins_cannot_touch_owners,
    a_clinic_keeps_an_owner,
    one_person_in_two_clinics,
);

async fn settings_are_read_and_updated(app: TestApp) {
    let owner = app.signup("o@x.com", "smile").await;
    let c = app
        .get_ok("/api/v1/clinics/smile", Some(&owner.access), StatusCode::OK)
        .await;
    assert_eq!(c["time_zone"], "Europe/Istanbul");
    assert_eq!(c["your_role"], "owner");
    assert_eq!(c["opening_hours"]["monday"][0], "09:00-18:00");

    let patch = json!({
        "name": "Smile Istanbul",
        "languages": ["tr", "en", "es"],
        "contact": {"phone": "+90 212 555 01 00", "email": "Hello@Smile.com", "website": "https://smile.example"},
        "address": "Bağdat Cd. 1, Kadıköy",
        "opening_hours": {"monday": ["14:00-18:00", "09:00-12:00"], "saturday": ["10:00-14:00"]},
        "emergency_instructions": "Call 112.",
        "persona": {"name": "Ayla", "tone": "formal", "custom_instructions": "Use 'siz'."}
    });
    let c = app
        .call(
            Method::PATCH,
            "/api/v1/clinics/smile",
            Some(&owner.access),
            Some(patch),
            StatusCode::OK,
        )
        .await;
    assert_eq!(c["name"], "Smile Istanbul");
    assert_eq!(c["languages"], json!(["tr", "en", "es"]));
    assert_eq!(
        c["contact"]["phone"], "+902125550100",
        "normalized to E.164"
    );
    assert_eq!(c["contact"]["email"], "hello@smile.com");
    assert_eq!(
        c["opening_hours"]["monday"],
        json!(["09:00-12:00", "14:00-18:00"]),
        "sorted"
    );
    assert_eq!(c["opening_hours"]["tuesday"], json!([]), "replaced whole");
    assert_eq!(c["persona"]["tone"], "formal");
    assert_eq!(c["time_zone"], "Europe/Istanbul", "untouched fields stay");
    let again = app
        .get_ok("/api/v1/clinics/smile", Some(&owner.access), StatusCode::OK)
        .await;
    assert_eq!(again["address"], "Bağdat Cd. 1, Kadıköy");
}

async fn invalid_settings_are_refused_whole(app: TestApp) {
    let owner = app.signup("o@x.com", "smile").await;
    let patch = json!({"name": "New name", "time_zone": "Europe/Atlantis", "opening_hours": {"friday": ["09:00-13:00", "12:00-18:00"]},
        "contact": {"phone": "555-1234"}});
    let p = app
        .call(
            Method::PATCH,
            "/api/v1/clinics/smile",
            Some(&owner.access),
            Some(patch),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["time_zone", "contact.phone", "opening_hours.friday"],
        "{p}"
    );
    let c = app
        .get_ok("/api/v1/clinics/smile", Some(&owner.access), StatusCode::OK)
        .await;
    assert_eq!(c["name"], "Clinic smile", "nothing was saved");
    let bad_range = json!({"opening_hours": {"monday": ["9am-5pm"]}});
    let p = app
        .call(
            Method::PATCH,
            "/api/v1/clinics/smile",
            Some(&owner.access),
            Some(bad_range),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("09:00-13:00"),
        "{p}"
    );
}

async fn invitations_add_members(app: TestApp) {
    let owner = app.signup("o@x.com", "smile").await;
    let res = app
        .post(
            "/api/v1/clinics/smile/members",
            Some(&owner.access),
            json!({"email": "Nurse@x.com", "role": "staff"}),
        )
        .await;
    let invited = expect(res, StatusCode::CREATED).await;
    assert_eq!(invited["status"], "invited");
    assert_eq!(invited["invitation"]["email"], "nurse@x.com");
    let list = app
        .get_ok(
            "/api/v1/clinics/smile/members",
            Some(&owner.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(list["invitations"].as_array().unwrap().len(), 1);
    assert_eq!(list["members"].as_array().unwrap().len(), 1);

    // Inviting the same e-mail twice is a conflict.
    let res = app
        .post(
            "/api/v1/clinics/smile/members",
            Some(&owner.access),
            json!({"email": "nurse@x.com", "role": "staff"}),
        )
        .await;
    expect(res, StatusCode::CONFLICT).await;

    // Accepting with the wrong e-mail or a made-up token fails; the right one joins.
    let token = invited["token"].as_str().unwrap();
    let accept = |email: &str, token: &str| json!({"token": token, "email": email, "name": "Nurse Joy", "password": PASSWORD});
    app.post_ok(
        "/api/v1/auth/invitations/accept",
        None,
        accept("other@x.com", token),
        StatusCode::BAD_REQUEST,
    )
    .await;
    app.post_ok(
        "/api/v1/auth/invitations/accept",
        None,
        accept("nurse@x.com", "made-up"),
        StatusCode::BAD_REQUEST,
    )
    .await;
    let joined = app
        .post_ok(
            "/api/v1/auth/invitations/accept",
            None,
            accept("nurse@x.com", token),
            StatusCode::CREATED,
        )
        .await;
    assert_eq!(joined["membership"]["slug"], "smile");
    assert_eq!(joined["membership"]["role"], "staff");
    app.post_ok(
        "/api/v1/auth/invitations/accept",
        None,
        accept("nurse@x.com", token),
        StatusCode::BAD_REQUEST,
    )
    .await;

    // Staff see members but not invitations, and cannot invite.
    let staff_token = joined["session"]["access_token"].as_str().unwrap();
    let list = app
        .get_ok(
            "/api/v1/clinics/smile/members",
            Some(staff_token),
            StatusCode::OK,
        )
        .await;
    assert_eq!(list["members"].as_array().unwrap().len(), 2);
    assert_eq!(list["invitations"], json!([]));
    let res = app
        .post(
            "/api/v1/clinics/smile/members",
            Some(staff_token),
            json!({"email": "z@x.com", "role": "staff"}),
        )
        .await;
    expect(res, StatusCode::FORBIDDEN).await;

    // Someone who already has an account is invited like anyone else: the answer does not
    // tell whether the address has an account, and nothing changes for them until they
    // accept.
    let dentist = app.signup("dentist@x.com", "elsewhere").await;
    let shape = |v: &Value| {
        let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        let mut inner: Vec<String> = v["invitation"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        keys.append(&mut inner);
        keys.sort();
        (v["status"].clone(), keys)
    };
    let mut answers = Vec::new();
    for email in ["dentist@x.com", "nobody-here@x.com"] {
        let res = app
            .post(
                "/api/v1/clinics/smile/members",
                Some(&owner.access),
                json!({"email": email, "role": "practitioner"}),
            )
            .await;
        answers.push(expect(res, StatusCode::CREATED).await);
    }
    assert_eq!(answers[0]["status"], "invited");
    assert_eq!(shape(&answers[0]), shape(&answers[1]));
    assert!(
        !answers[0].to_string().contains("Dr. Test"),
        "{}",
        answers[0]
    );
    let me = app
        .get_ok("/api/v1/me", Some(&dentist.access), StatusCode::OK)
        .await;
    assert_eq!(me["memberships"].as_array().unwrap().len(), 1, "{me}");
    let list = app
        .get_ok(
            "/api/v1/clinics/smile/members",
            Some(&owner.access),
            StatusCode::OK,
        )
        .await;
    assert!(
        !list["members"].to_string().contains("dentist@x.com"),
        "{list}"
    );

    // Signed in, they see it and accept it; then they are a member.
    let mine = app
        .get_ok(
            "/api/v1/me/invitations",
            Some(&dentist.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(mine.as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine[0]["clinic"]["slug"], "smile");
    assert_eq!(mine[0]["clinic"]["role"], "practitioner");
    let id = mine[0]["invitation"]["id"].as_str().unwrap();
    // Nobody else can accept it for them.
    let other = app.signup("other@x.com", "other").await;
    let res = app
        .post(
            &format!("/api/v1/me/invitations/{id}/accept"),
            Some(&other.access),
            json!({}),
        )
        .await;
    expect(res, StatusCode::NOT_FOUND).await;
    let res = app
        .post(
            &format!("/api/v1/me/invitations/{id}/accept"),
            Some(&dentist.access),
            json!({}),
        )
        .await;
    let joined = expect(res, StatusCode::CREATED).await;
    assert_eq!(joined["slug"], "smile");
    let me = app
        .get_ok("/api/v1/me", Some(&dentist.access), StatusCode::OK)
        .await;
    assert_eq!(me["memberships"].as_array().unwrap().len(), 2, "{me}");
    let res = app
        .post(
            &format!("/api/v1/me/invitations/{id}/accept"),
            Some(&dentist.access),
            json!({}),
        )
        .await;
    expect(res, StatusCode::NOT_FOUND).await;
    // Inviting a member again is a conflict the clinic can see for itself.
    let res = app
        .post(
            "/api/v1/clinics/smile/members",
            Some(&owner.access),
            json!({"email": "dentist@x.com", "role": "staff"}),
        )
        .await;
    expect(res, StatusCode::CONFLICT).await;

    // By the link, signed in: the token joins the account it was sent to, not another.
    let res = app
        .post(
            "/api/v1/clinics/smile/members",
            Some(&owner.access),
            json!({"email": "other@x.com", "role": "staff"}),
        )
        .await;
    let token = expect(res, StatusCode::CREATED).await["token"]
        .as_str()
        .unwrap()
        .to_string();
    let res = app
        .post(
            "/api/v1/me/invitations/accept",
            Some(&dentist.access),
            json!({"token": token}),
        )
        .await;
    expect(res, StatusCode::NOT_FOUND).await;
    let res = app
        .post(
            "/api/v1/me/invitations/accept",
            Some(&other.access),
            json!({"token": token}),
        )
        .await;
    assert_eq!(expect(res, StatusCode::CREATED).await["role"], "staff");
}

async fn admins_cannot_touch_owners(app: TestApp) {
    let owner = app.signup("o@x.com", "smile").await;
    let admin = app.join(&owner, "smile", "admin@x.com", "admin").await;
    let res = app
        .post(
            "/api/v1/clinics/smile/members",
            Some(&admin.access),
            json!({"email": "boss@x.com", "role": "owner"}),
        )
        .await;
    expect(res, StatusCode::FORBIDDEN).await;
    let path = format!("/api/v1/clinics/smile/members/{}", owner.account_id);
    app.call(
        Method::PATCH,
        &path,
        Some(&admin.access),
        Some(json!({"role": "staff"})),
        StatusCode::FORBIDDEN,
    )
    .await;
    app.call(
        Method::DELETE,
        &path,
        Some(&admin.access),
        None,
        StatusCode::FORBIDDEN,
    )
    .await;
    let staff = app.join(&admin, "smile", "staff@x.com", "staff").await;
    let staff_path = format!("/api/v1/clinics/smile/members/{}", staff.account_id);
    app.call(
        Method::PATCH,
        &staff_path,
        Some(&admin.access),
        Some(json!({"role": "owner"})),
        StatusCode::FORBIDDEN,
    )
    .await;
    let m = app
        .call(
            Method::PATCH,
            &staff_path,
            Some(&admin.access),
            Some(json!({"role": "practitioner"})),
            StatusCode::OK,
        )
        .await;
    assert_eq!(m["role"], "practitioner");
    app.call(
        Method::PATCH,
        &staff_path,
        Some(&admin.access),
        Some(json!({"role": "janitor"})),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
}

async fn a_clinic_keeps_an_owner(app: TestApp) {
    let owner = app.signup("o@x.com", "smile").await;
    let path = format!("/api/v1/clinics/smile/members/{}", owner.account_id);
    let p = app
        .call(
            Method::PATCH,
            &path,
            Some(&owner.access),
            Some(json!({"role": "admin"})),
            StatusCode::CONFLICT,
        )
        .await;
    assert!(p["detail"].as_str().unwrap().contains("owner"), "{p}");
    app.call(
        Method::DELETE,
        &path,
        Some(&owner.access),
        None,
        StatusCode::CONFLICT,
    )
    .await;

    // A staff member may leave by themselves.
    let staff = app.join(&owner, "smile", "staff@x.com", "staff").await;
    let own = format!("/api/v1/clinics/smile/members/{}", staff.account_id);
    app.call(
        Method::DELETE,
        &own,
        Some(&staff.access),
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    app.get_ok(
        "/api/v1/clinics/smile",
        Some(&staff.access),
        StatusCode::NOT_FOUND,
    )
    .await;
}

async fn one_person_in_two_clinics(app: TestApp) {
    let a = app.signup("a@x.com", "clinic-a").await;
    let b = app.signup("b@x.com", "clinic-b").await;
    let res = app
        .post(
            "/api/v1/clinics/clinic-b/members",
            Some(&b.access),
            json!({"email": "a@x.com", "role": "practitioner"}),
        )
        .await;
    expect(res, StatusCode::CREATED).await;
    let mine = app
        .get_ok("/api/v1/me/invitations", Some(&a.access), StatusCode::OK)
        .await;
    let id = mine[0]["invitation"]["id"].as_str().unwrap();
    let res = app
        .post(
            &format!("/api/v1/me/invitations/{id}/accept"),
            Some(&a.access),
            json!({}),
        )
        .await;
    expect(res, StatusCode::CREATED).await;
    let me = app
        .get_ok("/api/v1/me", Some(&a.access), StatusCode::OK)
        .await;
    let roles: Vec<(String, String)> = me["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["slug"].as_str().unwrap().into(),
                m["role"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("clinic-a".to_string(), "owner".to_string()),
            ("clinic-b".into(), "practitioner".into())
        ]
    );
    let c = app
        .get_ok("/api/v1/clinics/clinic-b", Some(&a.access), StatusCode::OK)
        .await;
    assert_eq!(c["your_role"], "practitioner");
    app.call(
        Method::PATCH,
        "/api/v1/clinics/clinic-b",
        Some(&a.access),
        Some(json!({"address": "x"})),
        StatusCode::FORBIDDEN,
    )
    .await;
}
