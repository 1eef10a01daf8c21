//! Sign-up, login, sessions, invitations accepted, and the admin commands.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use frontdesk_domain::{
    Account, AccountId, Clinic, ClinicProfile, Email, HqRole, InvitationId, Password, PersonName,
    Slug,
};
use frontdesk_store::{
    InvitationKey, MembershipSummary, NewAccount, NewRefreshToken, NextRefreshToken, Rotation,
    StoreError,
};
use serde::Serialize;
use uuid::Uuid;

use crate::auth::password::PasswordHasher;
use crate::auth::token::{REFRESH_TTL_DAYS, hash_opaque_token, new_opaque_token};
use crate::configuration::Signup;
use crate::problem::ApiError;
use crate::state::AppState;

/// The tokens a successful login returns.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Session {
    /// Short-lived JWT for `Authorization: Bearer`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Opaque, single-use token for `POST /api/v1/auth/refresh`.
    pub refresh_token: String,
    /// When the refresh token expires if unused.
    pub refresh_expires_at: DateTime<Utc>,
}

fn unexpected(e: impl std::fmt::Display) -> ApiError {
    ApiError::Unexpected(anyhow::anyhow!("{e}"))
}

fn new_refresh(
    account: AccountId,
    now: DateTime<Utc>,
) -> Result<(String, NewRefreshToken), ApiError> {
    let plain = new_opaque_token().map_err(unexpected)?;
    let stored = NewRefreshToken {
        token_hash: hash_opaque_token(&plain),
        family_id: Uuid::now_v7(),
        account_id: account,
        created_at: now,
        expires_at: now + chrono::Duration::days(REFRESH_TTL_DAYS),
    };
    Ok((plain, stored))
}

fn session(
    state: &AppState,
    account: AccountId,
    refresh_plain: String,
    refresh_expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Session {
    let (access_token, exp) = state.tokens.issue_access(account, now);
    Session {
        access_token,
        token_type: "Bearer",
        expires_in: (exp - now).num_seconds(),
        refresh_token: refresh_plain,
        refresh_expires_at,
    }
}

/// Starts a new session (a new refresh-token family) for an account.
pub async fn open_session(state: &AppState, account: AccountId) -> Result<Session, ApiError> {
    let now = Utc::now();
    let (plain, refresh) = new_refresh(account, now)?;
    state.store.insert_refresh_token(&refresh).await?;
    Ok(session(state, account, plain, refresh.expires_at, now))
}

async fn new_account(
    hasher: &PasswordHasher,
    email: Email,
    name: PersonName,
    password: &Password,
    hq_role: Option<HqRole>,
) -> Result<NewAccount, ApiError> {
    let password_hash = hasher
        .hash(password.expose().to_string())
        .await
        .map_err(unexpected)?;
    Ok(NewAccount {
        id: AccountId::new(),
        email,
        name,
        password_hash,
        hq_role,
        created_at: Utc::now(),
    })
}

/// Refuses when this server's sign-up is closed.
pub fn ensure_signup_open(state: &AppState) -> Result<(), ApiError> {
    match state.config.signup {
        Signup::Open => Ok(()),
        Signup::Closed => Err(ApiError::Forbidden(
            "sign-up is closed on this server; ask your HQ operator to create your clinic".into(),
        )),
    }
}

/// Creates an account, its clinic, and a session.
pub async fn signup(
    state: &AppState,
    email: Email,
    name: PersonName,
    password: Password,
    slug: Slug,
    profile: ClinicProfile,
) -> Result<(Account, Clinic, Session), ApiError> {
    if state.config.signup == Signup::Closed {
        return Err(ApiError::Forbidden(
            "sign-up is closed on this server; ask your HQ operator to create your clinic".into(),
        ));
    }
    let new = new_account(&state.hasher, email, name, &password, None).await?;
    let (account, clinic) = state
        .store
        .create_account_with_clinic(&new, &slug, &profile)
        .await?;
    let session = open_session(state, account.id).await?;
    Ok((account, clinic, session))
}

/// Checks credentials under the throttle and opens a session.
pub async fn login(
    state: &AppState,
    email: &str,
    password: String,
    ip: IpAddr,
) -> Result<(Account, Session), ApiError> {
    let invalid = || ApiError::Unauthorized("wrong e-mail or password".into());
    // A malformed e-mail is still a failed attempt from this address, under a stable key.
    let email = Email::parse("email", email)
        .unwrap_or_else(|_| Email::from_stored(email.trim().to_lowercase()));
    let now = Utc::now();
    if let Err(wait) = state.throttle.check(&*state.store, &email, ip, now).await? {
        return Err(ApiError::TooManyRequests {
            detail: format!(
                "too many failed logins; try again in {} minutes or reset your password",
                wait.div_ceil(60)
            ),
            retry_after_secs: wait,
        });
    }
    let found = state.store.account_credentials(&email).await?;
    let (account, hash) = match found {
        Some((a, h)) => (Some(a), Some(h)),
        None => (None, None),
    };
    let ok = state
        .hasher
        .verify(password, hash)
        .await
        .map_err(unexpected)?;
    match account {
        Some(account) if ok => {
            state
                .throttle
                .succeeded(&*state.store, &email, ip, now)
                .await?;
            let session = open_session(state, account.id).await?;
            Ok((account, session))
        }
        _ => {
            state
                .throttle
                .failed(&*state.store, &email, ip, now)
                .await?;
            tracing::warn!(%ip, "failed login");
            Err(invalid())
        }
    }
}

/// Spends a refresh token for a new session in the same family.
pub async fn refresh(state: &AppState, token: &str) -> Result<Session, ApiError> {
    Ok(refresh_account(state, token).await?.1)
}

/// Like [`refresh`], also naming the account the session belongs to.
pub async fn refresh_account(
    state: &AppState,
    token: &str,
) -> Result<(AccountId, Session), ApiError> {
    let now = Utc::now();
    let plain = new_opaque_token().map_err(unexpected)?;
    let next = NextRefreshToken {
        token_hash: hash_opaque_token(&plain),
        expires_at: now + chrono::Duration::days(REFRESH_TTL_DAYS),
    };
    match state
        .store
        .rotate_refresh_token(&hash_opaque_token(token), &next, now)
        .await?
    {
        Rotation::Rotated { account_id } => Ok((
            account_id,
            session(state, account_id, plain, next.expires_at, now),
        )),
        Rotation::Reused => {
            tracing::warn!("a refresh token was used twice; its session family is revoked");
            Err(ApiError::Unauthorized("this refresh token was already used; every session from that login is now signed out. Log in again".into()))
        }
        Rotation::Revoked => Err(ApiError::Unauthorized(
            "this session was signed out; log in again".into(),
        )),
        Rotation::Expired => Err(ApiError::Unauthorized(
            "this session expired; log in again".into(),
        )),
        Rotation::Unknown => Err(ApiError::Unauthorized(
            "unknown refresh token; log in again".into(),
        )),
    }
}

/// Signs out the session family of a refresh token.
pub async fn logout(state: &AppState, token: &str) -> Result<(), ApiError> {
    state
        .store
        .revoke_refresh_family(&hash_opaque_token(token), Utc::now())
        .await?;
    Ok(())
}

/// Accepts an invitation by creating the invited person's account.
pub async fn accept_invitation(
    state: &AppState,
    token: &str,
    email: Email,
    name: PersonName,
    password: Password,
) -> Result<(Account, MembershipSummary, Session), ApiError> {
    let new = new_account(&state.hasher, email, name, &password, None).await?;
    let (account, membership) = state
        .store
        .accept_invitation(&hash_opaque_token(token), &new, Utc::now())
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => ApiError::Conflict(
                "an account with this e-mail already exists; log in and accept the invitation there (GET /api/v1/me/invitations)"
                    .into(),
            ),
            other => other.into(),
        })?;
    let session = open_session(state, account.id).await?;
    Ok((account, membership, session))
}

/// Open invitations addressed to the caller's e-mail, with their clinics.
pub async fn my_invitations(
    state: &AppState,
    account: AccountId,
) -> Result<Vec<(frontdesk_store::Invitation, MembershipSummary)>, ApiError> {
    let email = caller_email(state, account).await?;
    Ok(state.store.invitations_to(&email, Utc::now()).await?)
}

/// Accepts, as the signed-in caller, an invitation addressed to their e-mail: by id, or by
/// the token in the link the clinic shared.
pub async fn accept_invitation_signed_in(
    state: &AppState,
    account: AccountId,
    which: InvitationChoice<'_>,
) -> Result<MembershipSummary, ApiError> {
    let email = caller_email(state, account).await?;
    let key = match which {
        InvitationChoice::Id(id) => InvitationKey::Id(id),
        InvitationChoice::Token(token) => InvitationKey::TokenHash(hash_opaque_token(token)),
    };
    state
        .store
        .accept_invitation_as(account, &email, &key, Utc::now())
        .await
        .map_err(|e| match e {
            StoreError::InvitationInvalid => ApiError::NotFound(
                "no open invitation for your e-mail address matches (unknown, used, withdrawn or expired)"
                    .into(),
            ),
            StoreError::Conflict(_) => {
                ApiError::Conflict("you are already a member of this clinic".into())
            }
            other => other.into(),
        })
}

/// How a signed-in person names the invitation they accept.
#[derive(Debug, Clone, Copy)]
pub enum InvitationChoice<'a> {
    /// Listed to them by id.
    Id(InvitationId),
    /// The token from the link.
    Token(&'a str),
}

async fn caller_email(state: &AppState, account: AccountId) -> Result<Email, ApiError> {
    let account = state
        .store
        .account(account)
        .await?
        .ok_or_else(|| ApiError::Unauthorized("this account no longer exists".into()))?;
    Ok(account.email)
}

/// Creates an HQ superadmin, or grants the role to an existing account (`frontdesk admin`).
pub async fn create_superuser(
    store: &dyn frontdesk_store::Store,
    hasher: &PasswordHasher,
    email: Email,
    name: PersonName,
    password: &Password,
) -> Result<(Account, bool), ApiError> {
    if let Some((existing, _)) = store.account_credentials(&email).await? {
        store
            .set_hq_role(existing.id, Some(HqRole::Superadmin))
            .await?;
        let updated = store
            .account(existing.id)
            .await?
            .ok_or_else(|| ApiError::NotFound("account vanished".into()))?;
        return Ok((updated, false));
    }
    let new = new_account(hasher, email, name, password, Some(HqRole::Superadmin)).await?;
    Ok((store.create_account(&new).await?, true))
}

/// Sets a new password and signs out every session of the account (`frontdesk admin`).
pub async fn reset_password(
    store: &dyn frontdesk_store::Store,
    hasher: &PasswordHasher,
    email: &Email,
    password: &Password,
) -> Result<Account, ApiError> {
    let (account, _) = store
        .account_credentials(email)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no account with e-mail {email}")))?;
    let hash = hasher
        .hash(password.expose().to_string())
        .await
        .map_err(unexpected)?;
    store.set_password_hash(account.id, &hash).await?;
    Ok(account)
}
