//! `/api/v1/me`: who am I, and where do I work.

use axum::Json;
use axum::extract::State;
use frontdesk_store::MembershipSummary;
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::Caller;
use crate::problem::{ApiError, Problem};
use crate::routes::auth::AccountView;
use crate::state::AppState;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(me))
}

/// The caller and their clinics.
#[derive(Serialize, utoipa::ToSchema)]
pub struct MeResponse {
    /// The account.
    account: AccountView,
    /// Clinics and roles.
    memberships: Vec<MembershipSummary>,
}

/// The calling account and the clinics it belongs to.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", security(("bearer" = [])), responses(
    (status = 200, body = MeResponse),
    (status = 401, body = Problem, content_type = "application/problem+json"),
))]
async fn me(State(state): State<AppState>, caller: Caller) -> Result<Json<MeResponse>, ApiError> {
    let (account, memberships) = state
        .store
        .account_with_memberships(caller.account_id)
        .await?
        .ok_or_else(|| ApiError::Unauthorized("this account no longer exists".into()))?;
    Ok(Json(MeResponse {
        account: account.into(),
        memberships,
    }))
}
