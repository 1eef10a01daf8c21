//! The staff dashboard: the web app from `web/dist`, served at `/` with a fallback to
//! `index.html` for the app's own routes, immutable caching for hashed assets and a strict
//! Content-Security-Policy. Release builds carry the files inside the binary; a directory on
//! disk may replace them (`FRONTDESK_WEB_DIR`).

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

use axum::body::Body;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

use crate::problem::ApiError;

/// The web app as built by `npm run build` when this binary was compiled.
#[derive(RustEmbed)]
#[folder = "../../web/dist"]
#[allow_missing = true]
struct BuiltIn;

/// No inline scripts, nothing from another origin; inline style attributes stay allowed
/// because the calendar positions its events with them.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; \
     connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
     frame-ancestors 'none'";

/// Shown at `/` by a binary compiled before the web app was built.
const NOT_BUILT: &str = "<!doctype html><meta charset=utf-8><title>Frontdesk</title>\
<h1>The dashboard was not built into this binary</h1>\
<p>Build it with <code>scripts/run</code> (or <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>, \
then <code>cargo build --release</code>). The API works without it: see <a href=\"/docs\">/docs</a>.</p>";

/// Path prefixes that belong to the server, never to the web app.
const SERVER_PATHS: &[&str] = &[
    "/api/",
    "/webhooks/",
    "/chat/",
    "/calendar/",
    "/docs",
    "/openapi.json",
    "/healthz",
    "/readyz",
];

/// Where the dashboard's files come from.
#[derive(Debug, Clone)]
pub enum Dashboard {
    /// The copy compiled into the binary.
    BuiltIn,
    /// A build directory on disk.
    Directory(PathBuf),
}

impl Dashboard {
    /// The directory if one is configured, else the built-in copy.
    pub fn new(directory: Option<PathBuf>) -> Self {
        directory.map_or(Dashboard::BuiltIn, Dashboard::Directory)
    }

    /// Answers a request no route took: a file of the app, the app's page for its own
    /// routes, or the API's 404 problem.
    pub async fn answer(&self, method: Method, path: &str) -> Response {
        let is_server_path = SERVER_PATHS.iter().any(|p| path.starts_with(p));
        if !(method == Method::GET || method == Method::HEAD) || is_server_path {
            return ApiError::NotFound("no such route; see /docs for the API".into())
                .into_response();
        }
        let Some(relative) = safe_relative(path) else {
            return ApiError::NotFound("no such file".into()).into_response();
        };
        let wants_file = path.rsplit('/').next().is_some_and(|n| n.contains('.'));
        if wants_file {
            return match self.file(&relative).await {
                Some(body) => with_headers(body, &relative),
                None => {
                    ApiError::NotFound(format!("no file {path} in the dashboard")).into_response()
                }
            };
        }
        match self.file("index.html").await {
            Some(body) => with_headers(body, "index.html"),
            None => with_policy(
                (
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    NOT_BUILT,
                )
                    .into_response(),
            ),
        }
    }

    async fn file(&self, relative: &str) -> Option<Cow<'static, [u8]>> {
        match self {
            Dashboard::BuiltIn => BuiltIn::get(relative).map(|f| f.data),
            Dashboard::Directory(root) => tokio::fs::read(root.join(relative))
                .await
                .ok()
                .map(Cow::Owned),
        }
    }
}

/// The request path as a path inside the app's directory, or `None` when it tries to leave it.
fn safe_relative(path: &str) -> Option<String> {
    let trimmed = path.trim_start_matches('/');
    if trimmed.is_empty() {
        return Some("index.html".into());
    }
    let normal = Path::new(trimmed)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    (normal && !trimmed.contains('\\')).then(|| trimmed.to_string())
}

fn with_headers(body: Cow<'static, [u8]>, relative: &str) -> Response {
    // Vite names everything under assets/ by its content's hash: it never changes.
    let cache = if relative.starts_with("assets/") {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mut response = Response::new(Body::from(body));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(relative)),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    with_policy(response)
}

fn with_policy(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    *response.status_mut() = StatusCode::OK;
    response
}

fn content_type(relative: &str) -> &'static str {
    match relative.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        "wav" => "audio/wav",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_app_directory() {
        assert_eq!(safe_relative("/").as_deref(), Some("index.html"));
        assert_eq!(
            safe_relative("/assets/app-1a2b.js").as_deref(),
            Some("assets/app-1a2b.js")
        );
        for bad in ["/../secret.key", "/assets/../../x.js", "/a\\..\\b.js"] {
            assert_eq!(safe_relative(bad), None, "{bad}");
        }
    }
}
