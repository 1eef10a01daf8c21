//! `/api/v1/auth/browser/…`: sessions for the dashboard. The refresh token lives in an
//! `HttpOnly`, `SameSite=Strict` cookie scoped to these routes, so scripts never see it; the
//! access token is returned in the body and kept in memory only. Because a cookie is sent
//! without the page asking, refresh and logout also want the CSRF token that belongs to the
//! refresh token in a header; the page reads it from a second, script-readable cookie.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::problem::{ApiError, ApiJson, Problem};
use crate::routes::auth::{AccountView, LoginRequest, PeerAddr, log_in};
use crate::service::accounts::{self, Session};
use crate::state::AppState;

/// Holds the refresh token; only these routes receive it.
const REFRESH_COOKIE: &str = "frontdesk_refresh";
/// Holds the CSRF token; readable by the page, which echoes it in [`CSRF_HEADER`].
const CSRF_COOKIE: &str = "frontdesk_csrf";
/// The header refresh and logout want the CSRF token in.
const CSRF_HEADER: &str = "x-csrf-token";
/// The refresh cookie's path.
const SESSION_PATH: &str = "/api/v1/auth/browser";

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(browser_login))
        .routes(routes!(browser_refresh))
        .routes(routes!(browser_logout))
}

/// A browser's session: who, the access token, and the CSRF token for refresh and logout.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BrowserSession {
    /// Who is logged in.
    pub account: AccountView,
    /// Short-lived JWT for `Authorization: Bearer`; keep it in memory only.
    pub access_token: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Send this in `X-CSRF-Token` with refresh and logout (also in the `frontdesk_csrf`
    /// cookie, for a page that was reloaded).
    pub csrf_token: String,
}

/// Logs in from the dashboard: sets the session cookies and returns an access token.
#[utoipa::path(post, path = "/api/v1/auth/browser/login", tag = "auth", request_body = LoginRequest, responses(
    (status = 200, body = BrowserSession, description = "logged in; sets the frontdesk_refresh (HttpOnly) and frontdesk_csrf cookies"),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 429, body = Problem, description = "too many failures; see Retry-After", content_type = "application/problem+json"),
))]
async fn browser_login(
    State(state): State<AppState>,
    PeerAddr(peer): PeerAddr,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let (account, session) = log_in(&state, peer, &headers, req).await?;
    Ok(with_session(&state, account.into(), session))
}

/// Renews the dashboard's session from its cookie: a new access token, and both cookies
/// replaced (each refresh token works once).
#[utoipa::path(post, path = "/api/v1/auth/browser/refresh", tag = "auth",
    params(("X-CSRF-Token" = Option<String>, Header, description = "the csrf_token of the last login or refresh; required whenever the session cookie is sent")),
    responses(
        (status = 200, body = BrowserSession),
        (status = 401, body = Problem, description = "no session cookie, or the session ended", content_type = "application/problem+json"),
        (status = 403, body = Problem, description = "the X-CSRF-Token header is missing or wrong", content_type = "application/problem+json"),
    ))]
async fn browser_refresh(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Some(refresh) = cookie(&headers, REFRESH_COOKIE) else {
        return Err(ApiError::Unauthorized(
            "no session in this browser; log in".into(),
        ));
    };
    check_csrf(&state, &headers, &refresh)?;
    let (account_id, session) = match accounts::refresh_account(&state, &refresh).await {
        Ok(renewed) => renewed,
        Err(e) => return Ok(without_session(&state, e.into_response())),
    };
    let account = state
        .store
        .account(account_id)
        .await?
        .ok_or_else(|| ApiError::Unauthorized("this account no longer exists".into()))?;
    Ok(with_session(&state, account.into(), session))
}

/// Ends the dashboard's session and clears its cookies.
#[utoipa::path(post, path = "/api/v1/auth/browser/logout", tag = "auth",
    params(("X-CSRF-Token" = Option<String>, Header, description = "the csrf_token of the last login or refresh; required whenever the session cookie is sent")),
    responses(
        (status = 204, description = "signed out; the cookies are cleared"),
        (status = 403, body = Problem, description = "the X-CSRF-Token header is missing or wrong", content_type = "application/problem+json"),
    ))]
async fn browser_logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(refresh) = cookie(&headers, REFRESH_COOKIE) {
        check_csrf(&state, &headers, &refresh)?;
        accounts::logout(&state, &refresh).await?;
    }
    Ok(without_session(
        &state,
        StatusCode::NO_CONTENT.into_response(),
    ))
}

fn check_csrf(state: &AppState, headers: &HeaderMap, refresh: &str) -> Result<(), ApiError> {
    let presented = headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if state.tokens.csrf_matches(refresh, presented) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "send the session's csrf_token in the X-CSRF-Token header".into(),
        ))
    }
}

/// The value of a cookie the browser sent.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty())
        .map(|(_, v)| v.to_string())
}

fn with_session(state: &AppState, account: AccountView, session: Session) -> Response {
    let csrf_token = state.tokens.csrf_token(&session.refresh_token);
    let max_age = (session.refresh_expires_at - Utc::now())
        .num_seconds()
        .max(0);
    let secure = secure_attribute(state);
    let refresh = format!(
        "{REFRESH_COOKIE}={}; Path={SESSION_PATH}; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}",
        session.refresh_token
    );
    let csrf =
        format!("{CSRF_COOKIE}={csrf_token}; Path=/; Max-Age={max_age}; SameSite=Strict{secure}");
    let body = BrowserSession {
        account,
        access_token: session.access_token,
        expires_in: session.expires_in,
        csrf_token,
    };
    let mut response = Json(body).into_response();
    set_cookies(&mut response, [refresh, csrf]);
    response
}

fn without_session(state: &AppState, mut response: Response) -> Response {
    let secure = secure_attribute(state);
    set_cookies(
        &mut response,
        [
            format!(
                "{REFRESH_COOKIE}=; Path={SESSION_PATH}; Max-Age=0; HttpOnly; SameSite=Strict{secure}"
            ),
            format!("{CSRF_COOKIE}=; Path=/; Max-Age=0; SameSite=Strict{secure}"),
        ],
    );
    response
}

fn secure_attribute(state: &AppState) -> &'static str {
    if state.config.public_url.starts_with("https://") {
        "; Secure"
    } else {
        ""
    }
}

fn set_cookies(response: &mut Response, cookies: [String; 2]) {
    let headers = response.headers_mut();
    for c in cookies {
        // Tokens are base64url and the attributes are ASCII: always a valid header value.
        if let Ok(v) = HeaderValue::from_str(&c) {
            headers.append(header::SET_COOKIE, v);
        }
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_cookie_among_several_headers_and_pairs() {
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; frontdesk_csrf=x"),
        );
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("frontdesk_refresh=tok; b=2"),
        );
        assert_eq!(cookie(&headers, REFRESH_COOKIE).as_deref(), Some("tok"));
        assert_eq!(cookie(&headers, CSRF_COOKIE).as_deref(), Some("x"));
        assert_eq!(cookie(&headers, "missing"), None);
    }
}
