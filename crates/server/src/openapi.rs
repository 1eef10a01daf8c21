//! The served OpenAPI document: what the annotations generate, finished with what every
//! operation shares, so clients generated from it meet the server they talk to.
//!
//! Answers that come from extractors and middleware rather than from a handler (a missing
//! token, a body of the wrong type, a malformed query) are the same on every route; they
//! are added here, from what each operation declares, instead of on a hundred annotations
//! that would drift apart.

use serde_json::{Map, Value, json};

const PROBLEM: &str = "application/problem+json";

/// The finished document.
pub fn finish(doc: &utoipa::openapi::OpenApi) -> Result<Value, serde_json::Error> {
    let mut doc = serde_json::to_value(doc)?;
    expand_patterns(&mut doc);
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        inline_strict_compositions(schemas);
    }
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (method, op) in item.iter_mut() {
                if is_method(method)
                    && let Some(op) = op.as_object_mut()
                {
                    add_common_responses(path, op);
                }
            }
        }
    }
    Ok(doc)
}

/// Patterns named on the types (`#[schema(pattern = "NON_BLANK_TEXT")]`), so each rule is
/// written once, beside the code that enforces it; `utoipa` takes only literals.
pub fn named_patterns() -> Vec<(&'static str, String)> {
    use frontdesk_domain::validation::{
        NON_BLANK_TEXT_PATTERN, NOT_BLANK_PATTERN, TEXT_PATTERN, calendar_range,
    };
    use frontdesk_domain::{BLANK_PATTERN, EMAIL_PATTERN, LANGUAGE_PATTERN, PHONE_PATTERN};
    // A time cursor is `<microseconds>.<uuid>` (routes::time_cursor).
    const UUID: &str =
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    vec![
        ("TEXT", TEXT_PATTERN.into()),
        ("NON_BLANK_TEXT", NON_BLANK_TEXT_PATTERN.into()),
        ("NOT_BLANK", NOT_BLANK_PATTERN.into()),
        ("LANGUAGE", LANGUAGE_PATTERN.into()),
        ("EMAIL", EMAIL_PATTERN.into()),
        ("EMAIL_OR_BLANK", format!("{BLANK_PATTERN}|{EMAIL_PATTERN}")),
        ("PHONE", PHONE_PATTERN.into()),
        (
            "SHORTCUT",
            crate::routes::canned_replies::SHORTCUT_PATTERN.into(),
        ),
        ("PHONE_OR_BLANK", format!("{BLANK_PATTERN}|{PHONE_PATTERN}")),
        ("UUID", format!("^{UUID}$")),
        ("ASSIGNEE", format!("^(me|none|{UUID})$")),
        ("TIME_CURSOR", format!("^-?[0-9]{{1,16}}\\.{UUID}$")),
        (
            "DATE_IN_RANGE",
            format!("{}$", calendar_range::DATE_PATTERN),
        ),
        (
            "INSTANT_IN_RANGE",
            format!("{}T", calendar_range::DATE_PATTERN),
        ),
    ]
}

fn expand_patterns(value: &mut Value) {
    expand_with(value, &named_patterns());
}

fn expand_with(value: &mut Value, patterns: &[(&str, String)]) {
    match value {
        Value::Object(fields) => {
            for (key, v) in fields.iter_mut() {
                if key == "pattern"
                    && let Some(name) = v.as_str()
                    && let Some((_, pattern)) = patterns.iter().find(|(n, _)| *n == name)
                {
                    *v = Value::String(pattern.clone());
                } else {
                    expand_with(v, patterns);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| expand_with(v, patterns)),
        _ => {}
    }
}

fn is_method(key: &str) -> bool {
    matches!(
        key,
        "get" | "put" | "post" | "delete" | "patch" | "head" | "options" | "trace"
    )
}

/// `#[serde(flatten)]` makes `allOf: [{$ref: Inner}, {own fields}]`. When the inner type
/// refuses unknown fields (`additionalProperties: false`), every answer carrying the outer
/// fields breaks that schema (a patient's `id` is "unexpected" in `PatientDetails`), so
/// such compositions become one object with every field.
fn inline_strict_compositions(schemas: &mut Map<String, Value>) {
    let names: Vec<String> = schemas
        .iter()
        .filter(|(_, s)| s.get("allOf").is_some())
        .map(|(n, _)| n.clone())
        .collect();
    for name in names {
        let Some(schema) = schemas.get(&name) else {
            continue;
        };
        if !composes_strict(schemas, schema, 0) {
            continue;
        }
        let mut properties = Map::new();
        let mut required: Vec<Value> = Vec::new();
        if !collect_fields(schemas, schema, &mut properties, &mut required, 0) {
            continue;
        }
        let mut merged = Map::new();
        merged.insert("type".into(), json!("object"));
        if let Some(d) = schema.get("description") {
            merged.insert("description".into(), d.clone());
        }
        if !required.is_empty() {
            merged.insert("required".into(), Value::Array(required));
        }
        merged.insert("properties".into(), Value::Object(properties));
        merged.insert("additionalProperties".into(), json!(false));
        schemas.insert(name, Value::Object(merged));
    }
}

fn resolve<'a>(schemas: &'a Map<String, Value>, schema: &'a Value) -> &'a Value {
    match schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
        .and_then(|name| schemas.get(name))
    {
        Some(target) => target,
        None => schema,
    }
}

fn composes_strict(schemas: &Map<String, Value>, schema: &Value, depth: usize) -> bool {
    if depth > 8 {
        return false;
    }
    let schema = resolve(schemas, schema);
    schema.get("additionalProperties") == Some(&json!(false))
        || schema
            .get("allOf")
            .and_then(Value::as_array)
            .is_some_and(|parts| parts.iter().any(|p| composes_strict(schemas, p, depth + 1)))
}

/// Gathers the properties of an object or a composition of objects; false when a part is
/// something else (then the composition is left as generated).
fn collect_fields(
    schemas: &Map<String, Value>,
    schema: &Value,
    properties: &mut Map<String, Value>,
    required: &mut Vec<Value>,
    depth: usize,
) -> bool {
    if depth > 8 {
        return false;
    }
    let schema = resolve(schemas, schema);
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        return parts
            .iter()
            .all(|p| collect_fields(schemas, p, properties, required, depth + 1));
    }
    let is_object =
        schema.get("type") == Some(&json!("object")) || schema.get("properties").is_some();
    if !is_object {
        return false;
    }
    if let Some(own) = schema.get("properties").and_then(Value::as_object) {
        for (k, v) in own {
            properties.insert(k.clone(), v.clone());
        }
    }
    for r in schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if !required.contains(r) {
            required.push(r.clone());
        }
    }
    true
}

/// Adds the answers an operation gives through its extractors, where it does not document
/// them itself.
fn add_common_responses(path: &str, op: &mut Map<String, Value>) {
    let secured = op
        .get("security")
        .and_then(Value::as_array)
        .is_some_and(|s| !s.is_empty());
    let parameters: Vec<&Value> = op
        .get("parameters")
        .and_then(Value::as_array)
        .map(|p| p.iter().collect())
        .unwrap_or_default();
    let has_path_parameters = parameters.iter().any(|p| p["in"] == "path");
    let has_query = parameters.iter().any(|p| p["in"] == "query");
    let has_headers = parameters.iter().any(|p| p["in"] == "header");
    let body_types: Vec<String> = op
        .get("requestBody")
        .and_then(|b| b.get("content"))
        .and_then(Value::as_object)
        .map(|c| c.keys().cloned().collect())
        .unwrap_or_default();
    let in_clinic = path.starts_with("/api/v1/clinics/{slug}");

    let mut add = Vec::new();
    if secured {
        add.push(("401", "no valid access token (`Authorization: Bearer …`)"));
    }
    if in_clinic || path.starts_with("/api/v1/hq/") {
        add.push(("403", "the caller's role does not allow this"));
    }
    if in_clinic || has_path_parameters {
        add.push((
            "404",
            "no such clinic or resource, or the caller is not a member of the clinic",
        ));
    }
    if !body_types.is_empty() {
        add.push(("400", "the body is malformed"));
        add.push(("413", "the body is larger than this server accepts"));
        add.push(("415", "the body is not of a documented content type"));
        add.push(("422", "a field is missing or invalid; `errors` names each"));
    }
    if has_query {
        add.push(("400", "the query string is malformed"));
        add.push(("422", "a query parameter is invalid; `errors` names each"));
    }
    if has_headers {
        add.push(("422", "a header is invalid; `errors` names it"));
    }
    let responses = op
        .entry("responses")
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(responses) = responses.as_object_mut() else {
        return;
    };
    for (status, description) in add {
        responses
            .entry(status)
            .or_insert_with(|| problem(description));
    }
    // Every error leaves as a problem document, whatever an annotation said.
    for (status, response) in responses.iter_mut() {
        if !(status.starts_with('4') || status.starts_with('5')) {
            continue;
        }
        if let Some(r) = response.as_object_mut() {
            let content = r.entry("content").or_insert_with(|| json!({}));
            if content.get(PROBLEM).is_none() {
                *content =
                    json!({ PROBLEM: { "schema": { "$ref": "#/components/schemas/Problem" } } });
            }
            if r.get("description").and_then(Value::as_str) == Some("") {
                r.insert("description".into(), json!("a problem document"));
            }
        }
    }
}

fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": { PROBLEM: { "schema": { "$ref": "#/components/schemas/Problem" } } }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_patterns_are_expanded() {
        let mut doc = json!({"a": {"pattern": "NON_BLANK_TEXT"}, "b": [{"pattern": "^x$"}]});
        expand_patterns(&mut doc);
        assert_eq!(
            doc["a"]["pattern"],
            frontdesk_domain::validation::NON_BLANK_TEXT_PATTERN
        );
        assert_eq!(doc["b"][0]["pattern"], "^x$");
    }

    #[test]
    fn a_strict_flattened_part_becomes_one_object() {
        let mut schemas = json!({
            "Details": {"type": "object", "additionalProperties": false,
                        "required": ["name"], "properties": {"name": {"type": "string"}}},
            "Patient": {"description": "a patient", "allOf": [
                {"$ref": "#/components/schemas/Details"},
                {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
            ]},
            "Loose": {"type": "object", "properties": {"a": {"type": "string"}}},
            "Kept": {"allOf": [{"$ref": "#/components/schemas/Loose"},
                               {"type": "object", "properties": {"b": {"type": "string"}}}]}
        });
        let map = schemas.as_object_mut().unwrap();
        inline_strict_compositions(map);
        let patient = &map["Patient"];
        assert_eq!(patient["additionalProperties"], false);
        assert_eq!(patient["required"], json!(["name", "id"]));
        assert!(patient["properties"]["id"].is_object());
        assert!(patient["properties"]["name"].is_object());
        assert_eq!(patient["description"], "a patient");
        assert!(
            map["Kept"].get("allOf").is_some(),
            "loose compositions stay"
        );
    }

    #[test]
    fn extractor_answers_are_documented() {
        let mut op = json!({
            "security": [{"bearer": []}],
            "parameters": [{"name": "slug", "in": "path", "required": true},
                           {"name": "limit", "in": "query"}],
            "requestBody": {"content": {"application/json": {}}},
            "responses": {"200": {"description": "ok"},
                          "404": {"description": "", "content": {"application/json": {}}}}
        });
        add_common_responses("/api/v1/clinics/{slug}/x", op.as_object_mut().unwrap());
        let r = &op["responses"];
        for s in ["401", "403", "404", "400", "413", "415", "422"] {
            assert!(r[s]["content"][PROBLEM].is_object(), "{s}: {r}");
        }
        assert!(r["404"]["content"].get("application/json").is_none());
    }
}
