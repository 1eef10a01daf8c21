//! `spawn_app` and request helpers.

use std::collections::BTreeMap;

use frontdesk::configuration::{Config, RawSettings};
use frontdesk::state::AppState;
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};

/// Which store a test runs on.
#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub state: AppState,
    _dir: tempfile::TempDir,
}

/// Generates one test per backend for each listed `async fn(TestApp)`.
#[macro_export]
macro_rules! on_both_backends {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() { super::$test($crate::helpers::spawn_app($crate::helpers::Backend::Sqlite, &[]).await).await; })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() { super::$test($crate::helpers::spawn_app($crate::helpers::Backend::Postgres, &[]).await).await; })*
        }
    };
}

pub async fn spawn_app(backend: Backend, extra_env: &[(&str, &str)]) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let url = match backend {
        Backend::Sqlite => frontdesk_store::testing::fresh_sqlite_url(dir.path()),
        Backend::Postgres => frontdesk_store::testing::fresh_postgres_url().await,
    };
    spawn_app_on(dir, url, extra_env, None).await
}

/// A server whose turns `assistant` answers.
pub async fn spawn_app_with_assistant(
    backend: Backend,
    extra_env: &[(&str, &str)],
    assistant: std::sync::Arc<dyn frontdesk::messaging::assistant::Assistant>,
) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let url = match backend {
        Backend::Sqlite => frontdesk_store::testing::fresh_sqlite_url(dir.path()),
        Backend::Postgres => frontdesk_store::testing::fresh_postgres_url().await,
    };
    spawn_app_on(dir, url, extra_env, Some(assistant)).await
}

/// Another server process on the same database (a second replica).
pub async fn spawn_replica(of: &TestApp, extra_env: &[(&str, &str)]) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    spawn_app_on(dir, of.state.config.database_url.clone(), extra_env, None).await
}

async fn spawn_app_on(
    dir: tempfile::TempDir,
    url: String,
    extra_env: &[(&str, &str)],
    assistant: Option<std::sync::Arc<dyn frontdesk::messaging::assistant::Assistant>>,
) -> TestApp {
    let mut env: BTreeMap<String, String> = BTreeMap::new();
    env.insert("FRONTDESK_DATABASE_URL".into(), url);
    env.insert(
        "FRONTDESK_DATA_DIR".into(),
        dir.path().display().to_string(),
    );
    env.insert(
        "FRONTDESK_SECRET_KEY".into(),
        "dGVzdC1zZWNyZXQta2V5LXRoYXQtaXMtbG9uZy1lbm91Z2g=".into(),
    );
    env.insert("FRONTDESK_PASSWORD_HASH_CONCURRENCY".into(), "2".into());
    // No test reaches a real provider: unless a test points them at its fake, sends are
    // refused at once by a closed local port.
    for key in [
        "FRONTDESK_TWILIO_API_URL",
        "FRONTDESK_META_API_URL",
        "FRONTDESK_DIALOG360_API_URL",
        "FRONTDESK_ZAPI_API_URL",
    ] {
        env.insert(key.into(), "http://127.0.0.1:9".into());
    }
    // Documents are read by the real binary's hidden subcommand, as in production.
    env.insert(
        "FRONTDESK_EXTRACTOR".into(),
        env!("CARGO_BIN_EXE_frontdesk").into(),
    );
    // The embedding model is loaded only by the tests about knowledge.
    env.insert("FRONTDESK_EMBEDDING".into(), "none".into());
    for (k, v) in extra_env {
        env.insert(k.to_string(), v.to_string());
    }
    let config = Config::from_sources(RawSettings::default(), &env).expect("test config");
    let state = match assistant {
        Some(a) => frontdesk::startup::prepare_with(config, Some(a)).await,
        None => frontdesk::startup::prepare(config).await,
    }
    .expect("prepare app");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(frontdesk::startup::serve(listener, state.clone()));
    TestApp {
        base,
        client: reqwest::Client::new(),
        state,
        _dir: dir,
    }
}

/// A logged-in person.
#[derive(Debug, Clone)]
pub struct User {
    pub account_id: String,
    pub access: String,
    pub refresh: String,
}

pub const PASSWORD: &str = "a good long passphrase";

impl TestApp {
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Response {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.expect("request")
    }

    /// Sends a request, asserts the status, returns the JSON body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        status: StatusCode,
    ) -> Value {
        expect(self.request(method, path, token, body).await, status).await
    }

    /// `GET`, status asserted.
    pub async fn get_ok(&self, path: &str, token: Option<&str>, status: StatusCode) -> Value {
        self.call(Method::GET, path, token, None, status).await
    }

    /// `POST` with a JSON body, status asserted.
    pub async fn post_ok(
        &self,
        path: &str,
        token: Option<&str>,
        body: Value,
        status: StatusCode,
    ) -> Value {
        self.call(Method::POST, path, token, Some(body), status)
            .await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        self.request(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Response {
        self.request(Method::POST, path, token, Some(body)).await
    }

    /// Signs up a person with their own clinic.
    pub async fn signup(&self, email: &str, slug: &str) -> User {
        let res = self
            .post(
                "/api/v1/auth/signup",
                None,
                json!({"email": email, "password": PASSWORD, "name": "Dr. Test",
                       "clinic": {"name": format!("Clinic {slug}"), "slug": slug, "time_zone": "Europe/Istanbul", "default_language": "tr"}}),
            )
            .await;
        let status = res.status();
        let body: Value = res.json().await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{body}");
        User {
            account_id: body["account"]["id"].as_str().unwrap().into(),
            access: body["session"]["access_token"].as_str().unwrap().into(),
            refresh: body["session"]["refresh_token"].as_str().unwrap().into(),
        }
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post(
            "/api/v1/auth/login",
            None,
            json!({"email": email, "password": password}),
        )
        .await
    }

    /// Adds a person to a clinic with a role: invited by `by`, then accepting.
    pub async fn join(&self, by: &User, slug: &str, email: &str, role: &str) -> User {
        let res = self
            .post(
                &format!("/api/v1/clinics/{slug}/members"),
                Some(&by.access),
                json!({"email": email, "role": role}),
            )
            .await;
        let body = expect(res, StatusCode::CREATED).await;
        assert_eq!(body["status"], "invited", "{body}");
        let token = body["token"].as_str().unwrap();
        let res = self
            .post(
                "/api/v1/auth/invitations/accept",
                None,
                json!({"token": token, "email": email, "name": "New Member", "password": PASSWORD}),
            )
            .await;
        let body = expect(res, StatusCode::CREATED).await;
        User {
            account_id: body["account"]["id"].as_str().unwrap().into(),
            access: body["session"]["access_token"].as_str().unwrap().into(),
            refresh: body["session"]["refresh_token"].as_str().unwrap().into(),
        }
    }
}

/// Asserts the status and returns the JSON body (problem or not).
pub async fn expect(res: Response, status: StatusCode) -> Value {
    let got = res.status();
    let content_type = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let text = res.text().await.unwrap();
    assert_eq!(got, status, "body: {text}");
    if got.is_client_error() || got.is_server_error() {
        assert_eq!(
            content_type, "application/problem+json",
            "errors are problem documents: {text}"
        );
    }
    if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    }
}
