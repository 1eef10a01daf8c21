//! Extractors: the bearer token into a verified [`Caller`], and the clinic in the path into a
//! [`ClinicContext`] once the store confirmed the membership.

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Path};
use axum::http::{header, request::Parts};
use chrono::Utc;
use frontdesk_domain::Slug;

use crate::auth::caller::not_a_member;
use crate::auth::{Caller, ClinicContext, HqCaller};
use crate::problem::ApiError;
use crate::state::AppState;

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
