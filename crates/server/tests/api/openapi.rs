//! The OpenAPI document against the server: clients are generated from it, so a parameter in
//! the wrong place or an undocumented answer is a bug in every client.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{Backend, spawn_app};

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
