//! Extractors: a verified caller from the bearer token, and for clinic routes the clinic
//! with the caller's role in it. A handler gets a `ClinicId` only through `ClinicContext`,
//! which exists only when the store confirmed the membership.

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Path};
use axum::http::{header, request::Parts};
use chrono::Utc;
use frontdesk_domain::{Account, AccountId, Clinic, ClinicAction, ClinicId, HqRole, Role, Slug};

use crate::problem::ApiError;
use crate::state::AppState;

/// An authenticated account (its token verified; the account not yet loaded).
#[derive(Debug, Clone, Copy)]
pub struct Caller {
    /// Who is calling.
    pub account_id: AccountId,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let header = parts.headers.get(header::AUTHORIZATION).ok_or_else(|| {
            ApiError::Unauthorized(
                "send `Authorization: Bearer <access token>`; get one from POST /api/v1/auth/login"
                    .into(),
            )
        })?;
        let token = header
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .ok_or_else(|| {
                ApiError::Unauthorized(
                    "the Authorization header must be `Bearer <access token>`".into(),
                )
            })?;
        let account_id = state
            .tokens
            .verify_access(token.trim(), Utc::now())
            .map_err(|e| ApiError::Unauthorized(e.to_string()))?;
        Ok(Caller { account_id })
    }
}

/// A caller with an HQ role, account loaded.
#[derive(Debug, Clone)]
pub struct HqCaller {
    /// The operator's account.
    pub account: Account,
    /// Their HQ role.
    pub role: HqRole,
}

impl FromRequestParts<AppState> for HqCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = Caller::from_request_parts(parts, state).await?;
        let account = state
            .store
            .account(caller.account_id)
            .await?
            .ok_or_else(|| ApiError::Unauthorized("this account no longer exists".into()))?;
        match account.hq_role {
            Some(role) => Ok(HqCaller { account, role }),
            None => Err(ApiError::Forbidden(
                "this needs an HQ role (superadmin or ops)".into(),
            )),
        }
    }
}

impl HqCaller {
    /// Refuses unless the caller is an HQ superadmin.
    pub fn require_superadmin(&self) -> Result<(), ApiError> {
        if self.role == HqRole::Superadmin {
            Ok(())
        } else {
            Err(ApiError::Forbidden(
                "only an HQ superadmin may do this".into(),
            ))
        }
    }
}

/// The clinic named in the path, with the caller's verified role in it.
#[derive(Debug, Clone)]
pub struct ClinicContext {
    /// Who is calling.
    pub account_id: AccountId,
    /// The clinic, as stored.
    pub clinic: Clinic,
    /// The caller's role there.
    pub role: Role,
}

impl ClinicContext {
    /// The clinic's id, for scoped store calls.
    pub fn clinic_id(&self) -> ClinicId {
        self.clinic.id
    }

    /// Refuses with 403 unless the caller's role allows `action`.
    pub fn require(&self, action: ClinicAction) -> Result<(), ApiError> {
        if self.role.may(action) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "your role ({}) does not allow this",
                self.role
            )))
        }
    }
}

/// Outsiders learn nothing, not even that the clinic exists.
fn not_a_member() -> ApiError {
    ApiError::NotFound("no such clinic, or you are not a member of it".into())
}

impl FromRequestParts<AppState> for ClinicContext {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = Caller::from_request_parts(parts, state).await?;
        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|_| not_a_member())?;
        let slug = params
            .get("slug")
            .and_then(|s| Slug::parse("slug", s).ok())
            .ok_or_else(not_a_member)?;
        let (clinic, role) = state
            .store
            .clinic_access(caller.account_id, &slug)
            .await?
            .ok_or_else(not_a_member)?;
        Ok(ClinicContext {
            account_id: caller.account_id,
            clinic,
            role,
        })
    }
}
