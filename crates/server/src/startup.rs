//! Builds the application: store, state, router and middleware; serves until SIGTERM.

use std::any::Any;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use frontdesk_store::Store;
use tower::ServiceBuilder;
use tower_http::LatencyUnit;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_swagger_ui::SwaggerUi;

use crate::configuration::Config;
use crate::jobs::threads::Workers;
use crate::problem::{ApiError, problem_response};
use crate::state::AppState;

/// The OpenAPI document's fixed parts; paths come from the routes themselves.
#[derive(OpenApi)]
#[openapi(
    info(title = "Frontdesk API", description = "The AI front desk for clinics: clinics, accounts, members. No text, in a body or a query, may contain U+0000 (NUL): it is refused with 422."),
    tags(
        (name = "health", description = "Liveness and readiness"),
        (name = "auth", description = "Sign-up, login and sessions"),
        (name = "clinics", description = "A clinic's settings"),
        (name = "members", description = "Who works at a clinic"),
        (name = "hq", description = "The operator's view across clinics"),
    ),
    // Types only query parameters name: `IntoParams` refers to them without registering them.
    components(schemas(frontdesk_domain::scheduling::PartOfDay)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The router with every route, the OpenAPI document and the docs page, and middleware.
pub fn router(state: AppState) -> Router {
    let (api, mut openapi) = utoipa_axum::router::OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(crate::routes::api())
        .split_for_parts();
    let (uploads, upload_doc) = crate::routes::knowledge::upload_routes().split_for_parts();
    openapi.merge(upload_doc);
    let document = match crate::openapi::finish(&openapi) {
        Ok(doc) => Arc::new(doc),
        Err(e) => {
            tracing::error!(error = %e, "cannot render the OpenAPI document");
            Arc::new(serde_json::Value::Null)
        }
    };
    let config = state.config.clone();
    let dashboard = Arc::new(crate::dashboard::Dashboard::new(config.web_dir.clone()));
    let app = api
        .merge(crate::routes::webhooks::routes())
        .merge(crate::routes::webchat::routes());
    let app = with_body_limit(app, config.max_body_bytes);
    // Files may be larger than any JSON body; the form around the file gets some room.
    let uploads = with_body_limit(uploads, config.max_upload_bytes.saturating_add(64 * 1024));
    let app = app
        .merge(uploads)
        .route(
            "/openapi.json",
            axum::routing::get(move || {
                let document = document.clone();
                async move { axum::Json(document) }
            }),
        )
        .merge(SwaggerUi::new("/docs").config(utoipa_swagger_ui::Config::from("/openapi.json")))
        .fallback(move |method: Method, uri: Uri| {
            let dashboard = dashboard.clone();
            async move { dashboard.answer(method, uri.path()).await }
        })
        .with_state(state);
    with_middleware(app, &config)
}

fn with_body_limit(routes: Router<AppState>, limit: usize) -> Router<AppState> {
    routes
        .layer(DefaultBodyLimit::max(limit))
        .layer(RequestBodyLimitLayer::new(limit))
}

fn with_middleware(app: Router, config: &Config) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let trace = TraceLayer::new_for_http()
        .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(LatencyUnit::Micros))
        .make_span_with(|req: &Request| {
        let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("");
        let route = req.extensions().get::<MatchedPath>().map(|p| p.as_str()).unwrap_or("");
        tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path(), route = %route)
    });
    let app = app
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        .layer(axum::middleware::map_response(problem_for_bare_errors))
        .layer(CatchPanicLayer::custom(panic_to_problem));
    let app = match cors(config) {
        Some(cors) => app.layer(cors),
        None => app,
    };
    app.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
            .layer(trace)
            .layer(PropagateRequestIdLayer::new(request_id)),
    )
}

fn cors(config: &Config) -> Option<CorsLayer> {
    if config.cors_origins.is_empty() {
        return None;
    }
    let origins: Vec<HeaderValue> = config
        .cors_origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([
                Method::GET,
                Method::POST,
                Method::PATCH,
                Method::PUT,
                Method::DELETE,
            ])
            .allow_headers([
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                HeaderName::from_static("idempotency-key"),
            ])
            .expose_headers([HeaderName::from_static("x-request-id"), header::RETRY_AFTER]),
    )
}

/// Errors made below our handlers (unknown method, body too large, timeout) come without a
/// problem document; give them one so every error looks the same to clients.
async fn problem_for_bare_errors(response: Response) -> Response {
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return response;
    }
    let (kind, title, detail) = match status {
        StatusCode::METHOD_NOT_ALLOWED => (
            "method-not-allowed",
            "Method not allowed",
            "this route does not accept that method; see the Allow header",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "payload-too-large",
            "Request body too large",
            "the request body is larger than this server accepts",
        ),
        StatusCode::REQUEST_TIMEOUT => (
            "timeout",
            "Request timed out",
            "the request took too long; try again",
        ),
        StatusCode::NOT_FOUND => ("not-found", "Not found", "nothing here"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported-media-type",
            "Unsupported content type",
            "send JSON with Content-Type: application/json",
        ),
        s if s.is_server_error() => (
            "internal",
            "Internal error",
            "something went wrong on our side",
        ),
        _ => (
            "bad-request",
            "Bad request",
            "the request could not be processed",
        ),
    };
    let (parts, _) = response.into_parts();
    let mut fresh = problem_response(status, kind, title, detail.to_string(), vec![]);
    for name in [header::ALLOW, header::RETRY_AFTER, header::WWW_AUTHENTICATE] {
        if let Some(v) = parts.headers.get(&name) {
            fresh.headers_mut().insert(name, v.clone());
        }
    }
    fresh
}

fn panic_to_problem(err: Box<dyn Any + Send + 'static>) -> Response {
    let message = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("panic");
    tracing::error!(panic = message, "handler panicked");
    ApiError::Unexpected(anyhow::anyhow!("handler panicked")).into_response()
}

/// Opens the store, migrates it, and builds the state.
pub async fn prepare(config: Config) -> anyhow::Result<AppState> {
    prepare_with(config, None).await
}

/// The same, with another assistant answering the turns (`None`: each clinic's own).
pub async fn prepare_with(
    config: Config,
    assistant: Option<Arc<dyn crate::messaging::assistant::Assistant>>,
) -> anyhow::Result<AppState> {
    let store: Arc<dyn Store> =
        frontdesk_store::connect(&config.database_url, config.database_max_connections)
            .await
            .map_err(|e| {
                anyhow::anyhow!(
                    "cannot open the database {}: {e}",
                    crate::configuration::redact_url(&config.database_url)
                )
            })?;
    let ran = store.migrate().await?;
    if ran > 0 {
        tracing::info!(
            migrations = ran,
            backend = store.backend(),
            "database schema upgraded"
        );
    }
    let assistant = assistant.unwrap_or_else(|| {
        Arc::new(crate::assistant::ClinicAssistant::from_config(
            &config,
            store.clone(),
        ))
    });
    let state = AppState::with_assistant(config, store, assistant)
        .await
        .map_err(|e| anyhow::anyhow!("cannot start messaging: {e}"))?;
    // The assistant's intent examples are embedded in the background, not in a patient's turn.
    let assistant = state.messaging.assistant.clone();
    tokio::spawn(async move { assistant.warm_up().await });
    // So are the model's language centroids, which the first search would otherwise measure.
    let knowledge = state.knowledge.clone();
    tokio::spawn(async move { knowledge.warm_up().await });
    // Texts embedded by another model (or none yet) are embedded again by this one.
    if let Err(e) = state.knowledge.queue_stale(&*state.store).await {
        tracing::warn!(error = %e, "cannot queue the embedding of stale texts");
    }
    Ok(state)
}

/// Serves on `listener` until SIGTERM or Ctrl-C, then finishes in-flight requests.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let sweep = crate::sweeper::spawn(
        state.store.clone(),
        state.knowledge.clone(),
        crate::sweeper::EVERY,
        state.config.job_retention,
    );
    let workers = match state.config.workers {
        0 => None,
        _ => Some(spawn_workers(&state)?),
    };
    let app = router(state);
    let served = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await;
    sweep.abort();
    if let Some(w) = workers {
        w.stop();
    }
    served
}

/// Starts this process's workers (turns and sends).
pub fn spawn_workers(state: &AppState) -> std::io::Result<Workers> {
    let name = format!("{}-{}", hostname(), uuid::Uuid::now_v7());
    Workers::start(state, name)
}

fn hostname() -> String {
    std::env::var("HOSTNAME").unwrap_or_else(|_| "frontdesk".into())
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
