//! `/api/v1/auth/…`: sign-up, login, refresh, logout, accepting an invitation.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use frontdesk_domain::validation::Checker;
use frontdesk_domain::{
    Account, Clinic, ClinicName, ClinicProfile, Email, HqRole, Language, Password, PersonName,
    Slug, TimeZone,
};
use frontdesk_store::MembershipSummary;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::problem::{ApiError, ApiJson, Problem};
use crate::service::accounts::{self, Session};
use crate::state::AppState;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(signup))
        .routes(routes!(login))
        .routes(routes!(refresh))
        .routes(routes!(logout))
        .routes(routes!(accept_invitation))
}

/// An account as the API shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AccountView {
    /// Id.
    pub id: frontdesk_domain::AccountId,
    /// Login e-mail.
    pub email: Email,
    /// Display name.
    pub name: PersonName,
    /// HQ role, if any.
    pub hq_role: Option<HqRole>,
    /// Created at.
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<Account> for AccountView {
    fn from(a: Account) -> Self {
        AccountView {
            id: a.id,
            email: a.email,
            name: a.name,
            hq_role: a.hq_role,
            created_at: a.created_at,
        }
    }
}

/// A new clinic, as sign-up and HQ describe it.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewClinic {
    /// Display name.
    #[schema(max_length = 200, pattern = "NON_BLANK_TEXT")]
    pub name: String,
    /// URL name; derived from the name when absent.
    #[serde(default)]
    pub slug: Option<String>,
    /// IANA time zone, e.g. `Europe/Istanbul`.
    pub time_zone: String,
    /// `en`, `tr`, `pt` or `es` (default `en`).
    #[serde(default)]
    #[schema(pattern = "LANGUAGE")]
    pub default_language: Option<String>,
    /// Further languages served.
    #[serde(default)]
    pub languages: Vec<String>,
}

impl NewClinic {
    /// Validates every field (paths under `prefix`), returning the slug and a new profile.
    pub fn parse(&self, prefix: &str, c: &mut Checker) -> Option<(Slug, ClinicProfile)> {
        let f = |name: &str| format!("{prefix}{name}");
        let name = c.check(ClinicName::parse(&f("name"), &self.name));
        let slug = match &self.slug {
            Some(s) => c.check(Slug::parse(&f("slug"), s)),
            None => {
                let derived = Slug::from_name(&self.name);
                if derived.is_none() && name.is_some() {
                    c.push(
                        f("slug"),
                        "cannot be derived from the name; give one (a-z, 0-9, '-')",
                    );
                }
                derived
            }
        };
        let tz = c.check(TimeZone::parse(&f("time_zone"), &self.time_zone));
        let lang = match &self.default_language {
            Some(l) => c.check(Language::parse(&f("default_language"), l)),
            None => Some(Language::En),
        };
        let languages: Vec<Language> = self
            .languages
            .iter()
            .enumerate()
            .filter_map(|(i, l)| c.check(Language::parse(&f(&format!("languages[{i}]")), l)))
            .collect();
        let mut profile = ClinicProfile::new(name?, tz?, lang?);
        profile.languages.extend(languages);
        let profile = c.check(profile.validated())?;
        Some((slug?, profile))
    }
}

/// Sign-up: a person and their clinic.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignupRequest {
    /// Login e-mail.
    #[schema(max_length = 254, pattern = "EMAIL")]
    pub email: String,
    /// At least 10 characters, not a well-known password.
    #[schema(min_length = 10, max_length = 256)]
    pub password: String,
    /// Your name.
    #[schema(max_length = 120, pattern = "NON_BLANK_TEXT")]
    pub name: String,
    /// Your clinic.
    pub clinic: NewClinic,
}

/// What sign-up created.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SignupResponse {
    /// Your account.
    pub account: AccountView,
    /// Your clinic; you are its owner.
    pub clinic: Clinic,
    /// Your session.
    pub session: Session,
}

/// Creates an account and its clinic, and logs in.
#[utoipa::path(post, path = "/api/v1/auth/signup", tag = "auth", request_body = SignupRequest, responses(
    (status = 201, body = SignupResponse),
    (status = 409, body = Problem, description = "e-mail or slug taken", content_type = "application/problem+json"),
    (status = 422, body = Problem, content_type = "application/problem+json"),
))]
async fn signup(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<SignupRequest>,
) -> Result<(StatusCode, Json<SignupResponse>), ApiError> {
    accounts::ensure_signup_open(&state)?;
    let mut c = Checker::default();
    let email = c.check(Email::parse("email", &req.email));
    let password = c.check(Password::new("password", &req.password, email.as_ref()));
    let name = c.check(PersonName::parse("name", &req.name));
    let clinic = req.clinic.parse("clinic.", &mut c);
    c.finish()?;
    let (Some(email), Some(password), Some(name), Some((slug, profile))) =
        (email, password, name, clinic)
    else {
        return Err(ApiError::bad_request("invalid sign-up"));
    };
    let (account, clinic, session) =
        accounts::signup(&state, email, name, password, slug, profile).await?;
    Ok((
        StatusCode::CREATED,
        Json(SignupResponse {
            account: account.into(),
            clinic,
            session,
        }),
    ))
}

/// E-mail and password.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Login e-mail.
    pub email: String,
    /// Password.
    pub password: String,
}

/// A logged-in session.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LoginResponse {
    /// Who logged in.
    pub account: AccountView,
    /// Tokens.
    pub session: Session,
}

/// The socket peer's address, when the server was started with connect info.
pub struct PeerAddr(pub Option<SocketAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PeerAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(PeerAddr(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0),
        ))
    }
}

/// The client's address: the socket's peer, or `X-Forwarded-For` behind a trusted proxy.
fn client_ip(state: &AppState, headers: &HeaderMap, peer: Option<SocketAddr>) -> IpAddr {
    if state.config.trust_proxy_headers
        && let Some(ip) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|v| v.trim().parse().ok())
    {
        return ip;
    }
    peer.map(|p| p.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// Logs in; repeated failures are throttled per account and per address.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest, responses(
    (status = 200, body = LoginResponse),
    (status = 401, body = Problem, content_type = "application/problem+json"),
    (status = 429, body = Problem, description = "too many failures; see Retry-After", content_type = "application/problem+json"),
))]
async fn login(
    State(state): State<AppState>,
    PeerAddr(peer): PeerAddr,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, ApiError> {
    let (account, session) = log_in(&state, peer, &headers, req).await?;
    Ok(Json(LoginResponse {
        account: account.into(),
        session,
    }))
}

/// Checks the e-mail and password from the client's address (throttled); for both kinds of
/// login.
pub(crate) async fn log_in(
    state: &AppState,
    peer: Option<SocketAddr>,
    headers: &HeaderMap,
    req: LoginRequest,
) -> Result<(Account, Session), ApiError> {
    if req.password.chars().count() > Password::MAX_CHARS {
        return Err(ApiError::Unauthorized("wrong e-mail or password".into()));
    }
    let ip = client_ip(state, headers, peer);
    accounts::login(state, &req.email, req.password, ip).await
}

/// A refresh token.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token from the last login or refresh.
    pub refresh_token: String,
}

/// Exchanges a refresh token for new tokens. Each refresh token works once; presenting a
/// spent one signs out every session descended from the same login.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body = RefreshRequest, responses(
    (status = 200, body = Session),
    (status = 401, body = Problem, content_type = "application/problem+json"),
))]
async fn refresh(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<RefreshRequest>,
) -> Result<Json<Session>, ApiError> {
    Ok(Json(accounts::refresh(&state, &req.refresh_token).await?))
}

/// Signs out the session the refresh token belongs to.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", request_body = RefreshRequest, responses((status = 204)))]
async fn logout(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<RefreshRequest>,
) -> Result<StatusCode, ApiError> {
    accounts::logout(&state, &req.refresh_token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Accepting an invitation.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitationRequest {
    /// The token the clinic shared.
    pub token: String,
    /// The invited e-mail.
    #[schema(max_length = 254, pattern = "EMAIL")]
    pub email: String,
    /// Your name.
    #[schema(max_length = 120, pattern = "NON_BLANK_TEXT")]
    pub name: String,
    /// A new password.
    #[schema(min_length = 10, max_length = 256)]
    pub password: String,
}

/// The new account and its membership.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AcceptInvitationResponse {
    /// Your account.
    pub account: AccountView,
    /// The clinic you joined.
    pub membership: MembershipSummary,
    /// Your session.
    pub session: Session,
}

/// Creates the invited person's account and joins the clinic.
#[utoipa::path(post, path = "/api/v1/auth/invitations/accept", tag = "auth", request_body = AcceptInvitationRequest, responses(
    (status = 201, body = AcceptInvitationResponse),
    (status = 400, body = Problem, description = "unknown, used or expired invitation", content_type = "application/problem+json"),
))]
async fn accept_invitation(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<AcceptInvitationRequest>,
) -> Result<(StatusCode, Json<AcceptInvitationResponse>), ApiError> {
    let mut c = Checker::default();
    let email = c.check(Email::parse("email", &req.email));
    let password = c.check(Password::new("password", &req.password, email.as_ref()));
    let name = c.check(PersonName::parse("name", &req.name));
    c.finish()?;
    let (Some(email), Some(password), Some(name)) = (email, password, name) else {
        return Err(ApiError::bad_request("invalid request"));
    };
    let (account, membership, session) =
        accounts::accept_invitation(&state, &req.token, email, name, password).await?;
    Ok((
        StatusCode::CREATED,
        Json(AcceptInvitationResponse {
            account: account.into(),
            membership,
            session,
        }),
    ))
}
