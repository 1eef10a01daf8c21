//! The OpenAPI document against the server: clients are generated from it, so a parameter in
//! the wrong place or an undocumented answer is a bug in every client.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::{Map, Value, json};

use crate::helpers::{Backend, TestApp, spawn_app};

async fn spec() -> Value {
    let app = spawn_app(Backend::Sqlite, &[]).await;
    app.get_ok("/openapi.json", None, StatusCode::OK).await
}

fn operations(spec: &Value) -> Vec<(String, String, &Value)> {
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            if [
                "get", "put", "post", "delete", "patch", "head", "options", "trace",
            ]
            .contains(&method.as_str())
            {
                out.push((method.to_uppercase(), path.clone(), op));
            }
        }
    }
    out
}

/// The `{name}`s of a path template.
fn template_variables(path: &str) -> BTreeSet<String> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn path_parameters_match_the_path_templates() {
    let spec = spec().await;
    let mut wrong = Vec::new();
    for (method, path, op) in operations(&spec) {
        let variables = template_variables(&path);
        let mut declared = BTreeSet::new();
        for p in op["parameters"].as_array().into_iter().flatten() {
            let name = p["name"].as_str().unwrap_or_default().to_string();
            if p["in"] == "path" {
                if !variables.contains(&name) {
                    wrong.push(format!(
                        "{method} {path}: `{name}` is declared in: path, but the path has no {{{name}}}"
                    ));
                }
                if p["required"] != true {
                    wrong.push(format!(
                        "{method} {path}: path parameter `{name}` must be required"
                    ));
                }
                declared.insert(name);
            }
        }
        for v in variables.difference(&declared) {
            wrong.push(format!(
                "{method} {path}: {{{v}}} is not declared as a path parameter"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong parameter(s):\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_reference_resolves() {
    let spec = spec().await;
    let text = spec.to_string();
    let schemas = spec["components"]["schemas"].as_object().expect("schemas");
    let missing: BTreeSet<&str> = text
        .split("\"#/components/schemas/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|name| !schemas.contains_key(*name))
        .collect();
    assert!(missing.is_empty(), "unresolvable $refs: {missing:?}");
}

/// The answers extractors give on every route are documented as problem documents.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn common_answers_are_documented() {
    let spec = spec().await;
    let mut wrong = Vec::new();
    for (method, path, op) in operations(&spec) {
        let responses = &op["responses"];
        let mut expected = Vec::new();
        if op["security"].as_array().is_some_and(|s| !s.is_empty()) {
            expected.push("401");
        }
        if op.get("requestBody").is_some() {
            expected.extend(["400", "415", "422"]);
        }
        if op["parameters"]
            .as_array()
            .is_some_and(|ps| ps.iter().any(|p| p["in"] == "query"))
        {
            expected.push("422");
        }
        for status in expected {
            if responses[status]["content"]["application/problem+json"].is_null() {
                wrong.push(format!(
                    "{method} {path}: {status} is not documented as a problem"
                ));
            }
        }
        for (status, response) in responses.as_object().expect("responses") {
            if status.starts_with('4') || status.starts_with('5') {
                let content = response["content"].as_object().cloned().unwrap_or_default();
                if content.keys().any(|k| k != "application/problem+json") || content.is_empty() {
                    wrong.push(format!(
                        "{method} {path}: {status} is not only a problem document"
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The operation's schema for a 200 JSON answer.
fn answer_schema<'a>(spec: &'a Value, path: &str) -> &'a Value {
    &spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
}

fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
    {
        Some(name) => resolve(spec, &spec["components"]["schemas"][name]),
        None => schema,
    }
}

/// The properties and required fields of an object schema or a composition (`allOf`) of them.
fn fields(
    spec: &Value,
    schema: &Value,
    properties: &mut Map<String, Value>,
    required: &mut Vec<String>,
) {
    let schema = resolve(spec, schema);
    for part in schema["allOf"].as_array().into_iter().flatten() {
        fields(spec, part, properties, required);
    }
    if let Some(own) = schema["properties"].as_object() {
        properties.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    required.extend(
        schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|r| r.as_str().map(str::to_string)),
    );
}

/// Checks an answer against its schema as a client generated from the document reads it:
/// every field it carries is described, every required one is there, types and enums hold.
fn conforms(spec: &Value, schema: &Value, value: &Value, at: &str, wrong: &mut Vec<String>) {
    let schema = resolve(spec, schema);
    let options = schema["oneOf"].as_array().or(schema["anyOf"].as_array());
    if let Some(options) = options {
        let fits = options.iter().any(|o| {
            let mut w = Vec::new();
            conforms(spec, o, value, at, &mut w);
            w.is_empty()
        });
        if !fits {
            wrong.push(format!("{at}: {value} fits none of {options:?}"));
        }
        return;
    }
    let actual = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !types.is_empty()
        && !types
            .iter()
            .any(|t| *t == actual || (*t == "number" && actual == "integer"))
    {
        wrong.push(format!("{at}: {value} is not {types:?}"));
        return;
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(value)
    {
        wrong.push(format!("{at}: {value} is not one of {allowed:?}"));
    }
    match value {
        Value::Object(map) => {
            let mut properties = Map::new();
            let mut required = Vec::new();
            fields(spec, schema, &mut properties, &mut required);
            let additional = &schema["additionalProperties"];
            for (k, v) in map {
                let at = format!("{at}.{k}");
                match properties.get(k) {
                    Some(p) => conforms(spec, p, v, &at, wrong),
                    None if additional.is_object() => conforms(spec, additional, v, &at, wrong),
                    None if !properties.is_empty() => wrong.push(format!("{at} is not described")),
                    None => {}
                }
            }
            for r in required {
                if !map.contains_key(&r) {
                    wrong.push(format!("{at}.{r} is required but missing"));
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                conforms(spec, &schema["items"], item, &format!("{at}[{i}]"), wrong);
            }
        }
        _ => {}
    }
}

/// What the answers of the lists issue 17 extended carry is what the document says: the
/// names beside each appointment, a document's vector state, search's mode, and the
/// conversation list's `phone` filter.
async fn lists_answer_as_the_document_describes(app: TestApp) {
    let spec = app.get_ok("/openapi.json", None, StatusCode::OK).await;
    // The new parameter and fields, exactly.
    let conversations = &spec["paths"]["/api/v1/clinics/{slug}/conversations"]["get"];
    let phone = conversations["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "phone")
        .expect("a phone parameter");
    assert_eq!(phone["in"], "query");
    assert_ne!(phone["required"], true);
    assert_eq!(phone["schema"]["pattern"], frontdesk_domain::PHONE_PATTERN);
    let document = &spec["components"]["schemas"]["Document"];
    let status = resolve(&spec, &document["properties"]["status"]);
    assert_eq!(
        status["enum"],
        json!(["queued", "extracting", "embedding", "ready", "failed"])
    );
    assert_eq!(
        document["properties"]["embedded_chunk_count"]["type"],
        json!(["integer", "null"])
    );
    let page = resolve(
        &spec,
        answer_schema(&spec, "/api/v1/clinics/{slug}/appointments"),
    );
    let item = resolve(&spec, &page["properties"]["items"]["items"]);
    let mut properties = Map::new();
    let mut required = Vec::new();
    fields(&spec, item, &mut properties, &mut required);
    for name in ["service_name", "practitioner_name", "patient_name"] {
        assert_eq!(properties[name]["type"], "string", "{name}");
        assert!(required.iter().any(|r| r == name), "{name} is required");
    }
    assert_eq!(properties["service_names"]["type"], "object");
    assert_eq!(
        properties["service_names"]["additionalProperties"]["type"],
        "string"
    );
    assert!(required.iter().any(|r| r == "service_names"));
    let search = resolve(
        &spec,
        answer_schema(&spec, "/api/v1/clinics/{slug}/knowledge/search"),
    );
    assert_eq!(
        search["properties"]["mode"]["enum"],
        json!(["hybrid", "lexical"])
    );
    for appointment_field in ["id", "service_id", "starts_at", "status"] {
        assert!(
            properties.contains_key(appointment_field),
            "{appointment_field}"
        );
    }

    // Real answers against it.
    let owner = app.signup("owner@spec.test", "spec").await;
    let token = Some(owner.access.as_str());
    let base = "/api/v1/clinics/spec";
    let day = json!(["09:00-17:00"]);
    let p = app
        .post_ok(
            &format!("{base}/practitioners"),
            token,
            json!({"name": "Dr. Spec", "working_hours": {"monday": day, "tuesday": day,
                   "wednesday": day, "thursday": day, "friday": day, "saturday": day, "sunday": day}}),
            StatusCode::CREATED,
        )
        .await;
    let s = app
        .post_ok(
            &format!("{base}/services"),
            token,
            json!({"name": {"en": "Check-up"}, "duration_minutes": 30, "practitioner_ids": [p["id"]]}),
            StatusCode::CREATED,
        )
        .await;
    let patient = app
        .post_ok(
            &format!("{base}/patients"),
            token,
            json!({"name": "Ana Costa"}),
            StatusCode::CREATED,
        )
        .await;
    let monday = "2030-01-07T10:00:00Z";
    app.post_ok(
        &format!("{base}/appointments"),
        token,
        json!({"service_id": s["id"], "practitioner_id": p["id"], "patient_id": patient["id"],
               "starts_at": monday, "beyond_horizon": true}),
        StatusCode::CREATED,
    )
    .await;
    let channel = app
        .post_ok(
            &format!("{base}/channels"),
            token,
            json!({"kind": "twilio", "name": "WhatsApp", "address": "+351 21 000 0001",
                   "credentials": {"account_sid": "AC1", "auth_token": "t"},
                   "settings": {"debounce_ms": 30000}}),
            StatusCode::CREATED,
        )
        .await;
    let clinic = app
        .state
        .store
        .clinic_by_slug_unscoped(&frontdesk_domain::Slug::parse("s", "spec").unwrap())
        .await
        .unwrap()
        .unwrap();
    let now = chrono::Utc::now();
    app.state
        .store
        .accept_inbound(&[frontdesk_store::NewInbound {
            clinic_id: clinic.id,
            channel_id: frontdesk_domain::ChannelId::from_uuid(
                channel["id"].as_str().unwrap().parse().unwrap(),
            ),
            contact: "+351910000001".into(),
            contact_is_phone: true,
            contact_name: Some("Ana".into()),
            provider_message_id: "SMspec".into(),
            content: json!({"type": "text", "body": "Olá"}),
            preview: "Olá".into(),
            sent_at: Some(now),
            received_at: now,
            debounce: chrono::Duration::minutes(1),
            turn_attempts: 1,
        }])
        .await
        .unwrap();
    let part = reqwest::multipart::Part::bytes(b"# Parking\n\nFree parking.".to_vec())
        .file_name("parking.md");
    let uploaded = app
        .client
        .post(format!("{}{base}/knowledge/documents", app.base))
        .bearer_auth(&owner.access)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    let uploaded = crate::helpers::expect(uploaded, StatusCode::ACCEPTED).await;
    let document = format!(
        "{base}/knowledge/documents/{}",
        uploaded["id"].as_str().unwrap()
    );
    for _ in 0..600 {
        let d = app.get_ok(&document, token, StatusCode::OK).await;
        if d["status"] == "ready" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // The check itself catches a field the document does not describe, and a missing one.
    let template = "/api/v1/clinics/{slug}/appointments";
    let mut answer = app
        .get_ok(
            &format!("{base}/appointments?from=2030-01-01T00:00:00Z"),
            token,
            StatusCode::OK,
        )
        .await;
    let mut caught = Vec::new();
    answer["items"][0]["undescribed"] = json!(1);
    if let Some(item) = answer["items"][0].as_object_mut() {
        item.remove("patient_name");
    }
    conforms(
        &spec,
        answer_schema(&spec, template),
        &answer,
        "x",
        &mut caught,
    );
    assert_eq!(
        caught,
        [
            "x.items[0].undescribed is not described",
            "x.items[0].patient_name is required but missing"
        ]
    );

    let mut wrong = Vec::new();
    for (template, path) in [
        (
            "/api/v1/clinics/{slug}/appointments",
            format!("{base}/appointments?from=2030-01-01T00:00:00Z"),
        ),
        (
            "/api/v1/clinics/{slug}/conversations",
            format!("{base}/conversations?phone=%2B351910000001"),
        ),
        (
            "/api/v1/clinics/{slug}/knowledge/documents",
            format!("{base}/knowledge/documents"),
        ),
        (
            "/api/v1/clinics/{slug}/knowledge/documents/{document_id}",
            document.clone(),
        ),
        (
            "/api/v1/clinics/{slug}/knowledge/search",
            format!("{base}/knowledge/search?q=free%20parking"),
        ),
    ] {
        let answer = app.get_ok(&path, token, StatusCode::OK).await;
        let listed = answer["items"].as_array().map_or(1, Vec::len);
        assert!(listed >= 1, "{path}: nothing to check in {answer}");
        conforms(
            &spec,
            answer_schema(&spec, template),
            &answer,
            &path,
            &mut wrong,
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

crate::on_both_backends!(lists_answer_as_the_document_describes);
