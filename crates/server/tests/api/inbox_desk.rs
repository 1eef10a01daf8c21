//! The inbox desk's tools, on both stores: canned replies, assigning conversations, and
//! finding a conversation by what was said or who said it.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::User;
use crate::messaging::Setup;

macro_rules! desk_tests {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() { super::$test(super::Setup::new($crate::helpers::Backend::Sqlite, false).await).await; })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() { super::$test(super::Setup::new($crate::helpers::Backend::Postgres, false).await).await; })*
        }
    };
}

desk_tests!(
    canned_replies_are_kept_per_language_and_written_by_those_who_write_faqs,
    conversations_are_assigned_and_listed_by_assignee,
    conversations_are_found_by_what_was_said_and_who_said_it,
    conversations_are_found_whatever_the_case_and_accents,
    taking_over_assigns_a_conversation_nobody_has,
    a_member_who_leaves_keeps_no_conversation,
);

const REPLIES: &str = "/api/v1/clinics/msg/canned-replies";

async fn call(
    s: &Setup,
    method: Method,
    path: &str,
    who: &User,
    body: Option<Value>,
    status: StatusCode,
) -> Value {
    s.app
        .call(method, path, Some(&who.access), body, status)
        .await
}

fn shortcuts(list: &Value) -> Vec<(String, String)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["shortcut"].as_str().unwrap().to_string(),
                r["language"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

async fn canned_replies_are_kept_per_language_and_written_by_those_who_write_faqs(s: Setup) {
    let owner = s.owner.clone();
    let created = call(&s, Method::POST, REPLIES, &owner,
        Some(json!({"shortcut": "Hours", "language": "en", "body": " We open 9:00–18:00, Monday to Saturday. "})),
        StatusCode::CREATED).await;
    assert_eq!(
        created["shortcut"], "hours",
        "kept in lower case: {created}"
    );
    assert_eq!(created["body"], "We open 9:00–18:00, Monday to Saturday.");
    let id = created["id"].as_str().unwrap().to_string();
    // The same shortcut in another language is another reply; twice in one is refused.
    call(&s, Method::POST, REPLIES, &owner,
        Some(json!({"shortcut": "hours", "language": "tr", "body": "Pazartesi–Cumartesi 9:00–18:00 arası açığız."})),
        StatusCode::CREATED).await;
    let taken = call(
        &s,
        Method::POST,
        REPLIES,
        &owner,
        Some(json!({"shortcut": "HOURS", "language": "en", "body": "again"})),
        StatusCode::CONFLICT,
    )
    .await;
    assert!(
        taken["detail"].as_str().unwrap().contains("/hours"),
        "{taken}"
    );
    for (body, field) in [
        (
            json!({"shortcut": "two words", "language": "en", "body": "x"}),
            "shortcut",
        ),
        (
            json!({"shortcut": "", "language": "en", "body": "x"}),
            "shortcut",
        ),
        (
            json!({"shortcut": "ok", "language": "fr", "body": "x"}),
            "language",
        ),
        (
            json!({"shortcut": "ok", "language": "en", "body": "   "}),
            "body",
        ),
        (
            json!({"shortcut": "ok", "language": "en", "body": "a".repeat(4_001)}),
            "body",
        ),
    ] {
        let problem = call(
            &s,
            Method::POST,
            REPLIES,
            &owner,
            Some(body.clone()),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(problem["errors"][0]["field"], field, "{body}: {problem}");
    }
    assert_eq!(
        shortcuts(&call(&s, Method::GET, REPLIES, &owner, None, StatusCode::OK).await),
        [
            ("hours".to_string(), "en".to_string()),
            ("hours".into(), "tr".into())
        ]
    );
    // A partial change keeps the rest.
    let one = format!("{REPLIES}/{id}");
    let changed = call(
        &s,
        Method::PATCH,
        &one,
        &owner,
        Some(json!({"body": "We open at nine."})),
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (changed["shortcut"].as_str(), changed["body"].as_str()),
        (Some("hours"), Some("We open at nine."))
    );
    // Fields the document does not name are refused, naming them.
    let unknown = call(
        &s,
        Method::PATCH,
        &one,
        &owner,
        Some(json!({"title": "Hours"})),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(unknown["errors"][0]["field"], "title", "{unknown}");
    let moved = call(
        &s,
        Method::PATCH,
        &one,
        &owner,
        Some(json!({"language": "tr"})),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(moved["type"], "urn:frontdesk:problem:conflict");
    // Practitioners read them; staff write them as they write FAQs; practitioners do not.
    let practitioner = s
        .app
        .join(&owner, "msg", "doctor@msg.test", "practitioner")
        .await;
    let staff = s.app.join(&owner, "msg", "desk@msg.test", "staff").await;
    assert_eq!(
        call(
            &s,
            Method::GET,
            REPLIES,
            &practitioner,
            None,
            StatusCode::OK
        )
        .await
        .as_array()
        .unwrap()
        .len(),
        2
    );
    call(
        &s,
        Method::POST,
        REPLIES,
        &practitioner,
        Some(json!({"shortcut": "mine", "language": "en", "body": "x"})),
        StatusCode::FORBIDDEN,
    )
    .await;
    call(
        &s,
        Method::PATCH,
        &one,
        &practitioner,
        Some(json!({"body": "x"})),
        StatusCode::FORBIDDEN,
    )
    .await;
    call(
        &s,
        Method::DELETE,
        &one,
        &practitioner,
        None,
        StatusCode::FORBIDDEN,
    )
    .await;
    call(
        &s,
        Method::POST,
        REPLIES,
        &staff,
        Some(json!({"shortcut": "adres", "language": "tr", "body": "Bağdat Caddesi 12, Kadıköy."})),
        StatusCode::CREATED,
    )
    .await;
    // Another clinic sees none of them and cannot touch them.
    let stranger = s.app.signup("owner@other.test", "other").await;
    let theirs = s
        .app
        .get_ok(
            "/api/v1/clinics/other/canned-replies",
            Some(&stranger.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(theirs, json!([]));
    for method in [Method::PATCH, Method::DELETE] {
        let body = (method == Method::PATCH).then(|| json!({"body": "mine now"}));
        s.app
            .call(
                method,
                &format!("/api/v1/clinics/other/canned-replies/{id}"),
                Some(&stranger.access),
                body,
                StatusCode::NOT_FOUND,
            )
            .await;
    }
    s.app
        .call(
            Method::GET,
            REPLIES,
            Some(&stranger.access),
            None,
            StatusCode::NOT_FOUND,
        )
        .await;
    // Deleted once.
    call(
        &s,
        Method::DELETE,
        &one,
        &owner,
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    call(
        &s,
        Method::DELETE,
        &one,
        &owner,
        None,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(
        shortcuts(&call(&s, Method::GET, REPLIES, &owner, None, StatusCode::OK).await),
        [
            ("adres".to_string(), "tr".to_string()),
            ("hours".into(), "tr".into())
        ]
    );
}

async fn conversation_ids(s: &Setup, who: &User, query: &str) -> Vec<String> {
    let page = s
        .app
        .get_ok(
            &format!("/api/v1/clinics/msg/conversations{query}"),
            Some(&who.access),
            StatusCode::OK,
        )
        .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

/// Two conversations from two numbers, in this order (the second is the most recent).
async fn two_conversations(s: &Setup, first: &str, second: &str) -> (String, String) {
    let channel = s.twilio_channel().await;
    assert_eq!(
        s.inbound(&channel, "+351910000001", "SMdesk1", first).await,
        200
    );
    assert_eq!(
        s.inbound(&channel, "+351910000002", "SMdesk2", second)
            .await,
        200
    );
    let ids = conversation_ids(s, &s.owner, "").await;
    assert_eq!(ids.len(), 2);
    (ids[1].clone(), ids[0].clone())
}

async fn conversations_are_assigned_and_listed_by_assignee(s: Setup) {
    let (a, b) = two_conversations(&s, "Olá", "Bom dia").await;
    let owner = s.owner.clone();
    let staff = s.app.join(&owner, "msg", "desk@msg.test", "staff").await;
    let assign =
        |conversation: &str| format!("/api/v1/clinics/msg/conversations/{conversation}/assignee");
    let mut events = s.app.state.messaging.events.subscribe();
    let assigned = call(
        &s,
        Method::PUT,
        &assign(&a),
        &owner,
        Some(json!({"account_id": staff.account_id})),
        StatusCode::OK,
    )
    .await;
    assert_eq!(assigned["assigned_to"], staff.account_id.as_str());
    // Every open inbox hears of it.
    let heard = events.try_recv().expect("a conversation event");
    assert_eq!(
        (
            heard.kind.as_str(),
            heard.conversation_id.map(|c| c.to_string())
        ),
        ("conversation", Some(a.clone()))
    );
    assert_eq!(
        conversation_ids(&s, &owner, &format!("?assigned_to={}", staff.account_id)).await,
        [a.as_str()]
    );
    assert_eq!(
        conversation_ids(&s, &staff, "?assigned_to=me").await,
        [a.as_str()]
    );
    assert!(
        conversation_ids(&s, &owner, "?assigned_to=me")
            .await
            .is_empty()
    );
    assert_eq!(
        conversation_ids(&s, &owner, "?assigned_to=none").await,
        [b.as_str()]
    );
    assert_eq!(
        conversation_ids(&s, &staff, "?assigned_to=me&status=open&limit=1").await,
        [a.as_str()]
    );
    let one = s
        .app
        .get_ok(
            &format!("/api/v1/clinics/msg/conversations/{a}"),
            Some(&owner.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(one["assigned_to"], staff.account_id.as_str());
    // Only to a member of this clinic.
    let stranger = s.app.signup("owner@other.test", "other").await;
    for who in [
        json!(stranger.account_id),
        json!(uuid::Uuid::now_v7().to_string()),
        json!("nobody"),
    ] {
        let problem = call(
            &s,
            Method::PUT,
            &assign(&b),
            &owner,
            Some(json!({"account_id": who})),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(
            problem["errors"][0]["field"], "account_id",
            "{who}: {problem}"
        );
    }
    call(
        &s,
        Method::PUT,
        &assign(&uuid::Uuid::now_v7().to_string()),
        &owner,
        Some(json!({"account_id": staff.account_id})),
        StatusCode::NOT_FOUND,
    )
    .await;
    // Another clinic cannot assign ours, even to itself.
    s.app
        .call(
            Method::PUT,
            &format!("/api/v1/clinics/other/conversations/{b}/assignee"),
            Some(&stranger.access),
            Some(json!({"account_id": stranger.account_id})),
            StatusCode::NOT_FOUND,
        )
        .await;
    let problem = s
        .app
        .get_ok(
            "/api/v1/clinics/msg/conversations?assigned_to=someone",
            Some(&owner.access),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    assert_eq!(problem["errors"][0]["field"], "assigned_to");
    // Unassigned again.
    let cleared = call(
        &s,
        Method::PUT,
        &assign(&a),
        &staff,
        Some(json!({"account_id": null})),
        StatusCode::OK,
    )
    .await;
    assert!(cleared["assigned_to"].is_null());
    assert_eq!(
        conversation_ids(&s, &owner, "?assigned_to=none").await,
        [b, a]
    );
}

async fn conversations_are_found_by_what_was_said_and_who_said_it(s: Setup) {
    let (a, b) = two_conversations(
        &s,
        "Preciso de remarcar a LIMPEZA de quinta",
        "100% certo, obrigado",
    )
    .await;
    let owner = s.owner.clone();
    // Any case, any part of any message.
    assert_eq!(
        conversation_ids(&s, &owner, "?q=limpeza").await,
        [a.as_str()]
    );
    assert_eq!(
        conversation_ids(&s, &owner, "?q=REMARCAR%20a").await,
        [a.as_str()]
    );
    assert_eq!(
        conversation_ids(&s, &owner, "?q=100%25").await,
        [b.as_str()]
    );
    // LIKE's wildcards are only themselves.
    assert!(conversation_ids(&s, &owner, "?q=%25%25").await.is_empty());
    assert!(conversation_ids(&s, &owner, "?q=__").await.is_empty());
    // The number, in part.
    assert_eq!(
        conversation_ids(&s, &owner, "?q=910000002").await,
        [b.as_str()]
    );
    assert_eq!(
        conversation_ids(&s, &owner, "?q=3519100000").await,
        [b.as_str(), a.as_str()]
    );
    // The patient's name, once staff wrote it down.
    let conversation = s
        .app
        .get_ok(
            &format!("/api/v1/clinics/msg/conversations/{b}"),
            Some(&owner.access),
            StatusCode::OK,
        )
        .await;
    let patient = conversation["patient_id"]
        .as_str()
        .expect("a lead for the number")
        .to_string();
    s.app
        .call(
            Method::PATCH,
            &format!("/api/v1/clinics/msg/patients/{patient}"),
            Some(&owner.access),
            Some(json!({"name": "Beatriz Lopes"})),
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        conversation_ids(&s, &owner, "?q=beatriz%20lopes").await,
        [b.as_str()]
    );
    // With the other filters.
    assert_eq!(
        conversation_ids(&s, &owner, "?q=limpeza&status=open").await,
        [a.as_str()]
    );
    assert!(
        conversation_ids(&s, &owner, "?q=limpeza&status=closed")
            .await
            .is_empty()
    );
    assert!(
        conversation_ids(&s, &owner, "?q=nothing%20like%20this")
            .await
            .is_empty()
    );
    for bad in ["x", "%20%20", ""] {
        let problem = s
            .app
            .get_ok(
                &format!("/api/v1/clinics/msg/conversations?q={bad}"),
                Some(&owner.access),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        assert_eq!(problem["errors"][0]["field"], "q", "{bad:?}: {problem}");
    }
    // Another clinic finds nothing of ours.
    let stranger = s.app.signup("owner@other.test", "other").await;
    let theirs = s
        .app
        .get_ok(
            "/api/v1/clinics/other/conversations?q=limpeza",
            Some(&stranger.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(theirs["items"], json!([]));
}

/// `text` as a query string value: every byte but ASCII letters and digits as `%XX`.
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn conversations_are_found_whatever_the_case_and_accents(s: Setup) {
    let (a, b) = two_conversations(
        &s,
        "Merhaba, ben Şükrü IŞIK. ÇARŞAMBA günü diş ağrısı için gelebilir miyim?",
        "Sou a Maria da Conceição, queria marcar uma limpeza (2ª feira?)",
    )
    .await;
    let owner = s.owner.clone();
    for (query, found) in [
        ("şükrü", &a),
        ("SUKRU", &a),
        ("isik", &a),
        ("ışık", &a),
        ("carsamba", &a),
        ("çarşamba", &a),
        ("AĞRISI", &a),
        ("agrisi", &a),
        ("conceicao", &b),
        ("CONCEIÇÃO", &b),
        ("(2ª", &b),
    ] {
        let q = percent_encoded(query);
        assert_eq!(
            conversation_ids(&s, &owner, &format!("?q={q}")).await,
            [found.as_str()],
            "{query:?}"
        );
    }
    // Accents are ignored, other letters are not; marks of patterns are only themselves.
    for query in ["sukrux", "s.kr", "c[o]n", "con*", "lim?eza", "^sou", "a|z"] {
        let q = percent_encoded(query);
        assert!(
            conversation_ids(&s, &owner, &format!("?q={q}"))
                .await
                .is_empty(),
            "{query:?}"
        );
    }
}

async fn taking_over_assigns_a_conversation_nobody_has(s: Setup) {
    let (a, b) = two_conversations(&s, "Olá", "Bom dia").await;
    let owner = s.owner.clone();
    let staff = s.app.join(&owner, "msg", "desk@msg.test", "staff").await;
    let base = |c: &str| format!("/api/v1/clinics/msg/conversations/{c}");
    let held = call(
        &s,
        Method::POST,
        &format!("{}/takeover", base(&a)),
        &staff,
        Some(json!({"minutes": 10})),
        StatusCode::OK,
    )
    .await;
    assert_eq!(held["taken_over_by"], staff.account_id.as_str());
    assert_eq!(held["assigned_to"], staff.account_id.as_str(), "{held}");
    assert_eq!(
        conversation_ids(&s, &staff, "?assigned_to=me").await,
        [a.as_str()]
    );
    // Handing back keeps who it is assigned to.
    let released = call(
        &s,
        Method::POST,
        &format!("{}/release", base(&a)),
        &staff,
        None,
        StatusCode::OK,
    )
    .await;
    assert!(released["taken_over_by"].is_null());
    assert_eq!(released["assigned_to"], staff.account_id.as_str());
    // One assigned to a colleague stays theirs when someone else steps in.
    call(
        &s,
        Method::PUT,
        &format!("{}/assignee", base(&b)),
        &owner,
        Some(json!({"account_id": staff.account_id})),
        StatusCode::OK,
    )
    .await;
    let held = call(
        &s,
        Method::POST,
        &format!("{}/takeover", base(&b)),
        &owner,
        Some(json!({"minutes": 10})),
        StatusCode::OK,
    )
    .await;
    assert_eq!(held["taken_over_by"], owner.account_id.as_str());
    assert_eq!(held["assigned_to"], staff.account_id.as_str());
}

async fn a_member_who_leaves_keeps_no_conversation(s: Setup) {
    let (a, b) = two_conversations(&s, "Olá", "Bom dia").await;
    let owner = s.owner.clone();
    let staff = s.app.join(&owner, "msg", "desk@msg.test", "staff").await;
    let other = s.app.join(&owner, "msg", "other@msg.test", "staff").await;
    let base = |c: &str| format!("/api/v1/clinics/msg/conversations/{c}");
    call(
        &s,
        Method::PUT,
        &format!("{}/assignee", base(&a)),
        &owner,
        Some(json!({"account_id": staff.account_id})),
        StatusCode::OK,
    )
    .await;
    call(
        &s,
        Method::PUT,
        &format!("{}/assignee", base(&b)),
        &owner,
        Some(json!({"account_id": other.account_id})),
        StatusCode::OK,
    )
    .await;
    // Held by the one who leaves, assigned to one who stays.
    call(
        &s,
        Method::POST,
        &format!("{}/takeover", base(&b)),
        &staff,
        Some(json!({"minutes": 60})),
        StatusCode::OK,
    )
    .await;
    let mut events = s.app.state.messaging.events.subscribe();
    s.app
        .call(
            Method::DELETE,
            &format!("/api/v1/clinics/msg/members/{}", staff.account_id),
            Some(&owner.access),
            None,
            StatusCode::NO_CONTENT,
        )
        .await;
    let got = |id: &str| {
        let id = id.to_string();
        let owner = owner.clone();
        let s = &s;
        async move {
            s.app
                .get_ok(&base(&id), Some(&owner.access), StatusCode::OK)
                .await
        }
    };
    let first = got(&a).await;
    assert!(first["assigned_to"].is_null(), "{first}");
    let second = got(&b).await;
    assert!(second["taken_over_by"].is_null(), "{second}");
    assert!(second["taken_over_until"].is_null(), "{second}");
    assert_eq!(second["assigned_to"], other.account_id.as_str());
    assert_eq!(
        conversation_ids(&s, &owner, "?assigned_to=none").await,
        [a.as_str()]
    );
    // Open inboxes hear of both.
    let mut heard: Vec<String> = std::iter::from_fn(|| events.try_recv().ok())
        .filter_map(|e| e.conversation_id.map(|c| c.to_string()))
        .collect();
    heard.sort();
    let mut both = vec![a.clone(), b.clone()];
    both.sort();
    assert_eq!(heard, both);
}
