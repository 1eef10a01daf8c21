//! `/api/v1/me`: who am I, and where do I work.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use frontdesk_domain::InvitationId;
use frontdesk_domain::validation::bounded_text;
use frontdesk_store::{Invitation, MembershipSummary};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::Caller;
use crate::problem::{ApiError, ApiJson, Problem};
use crate::routes::auth::AccountView;
use crate::routes::path_id;
use crate::service::accounts::{self, InvitationChoice};
use crate::state::AppState;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(my_invitations))
        .routes(routes!(accept_listed_invitation))
        .routes(routes!(accept_linked_invitation))
}

/// An invitation addressed to the caller, and the clinic it is to.
#[derive(Serialize, utoipa::ToSchema)]
pub struct InvitationToMe {
    /// The invitation.
    invitation: Invitation,
    /// The clinic, with the role it grants.
    clinic: MembershipSummary,
}

/// Open invitations to the caller's e-mail address; none is a membership until accepted.
#[utoipa::path(get, path = "/api/v1/me/invitations", tag = "auth", security(("bearer" = [])), responses(
    (status = 200, body = Vec<InvitationToMe>),
    (status = 401, body = Problem, content_type = "application/problem+json"),
))]
async fn my_invitations(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<InvitationToMe>>, ApiError> {
    let found = accounts::my_invitations(&state, caller.account_id).await?;
    Ok(Json(
        found
            .into_iter()
            .map(|(invitation, clinic)| InvitationToMe { invitation, clinic })
            .collect(),
    ))
}

/// Accepts an invitation listed to the caller: they join the clinic with its role.
#[utoipa::path(post, path = "/api/v1/me/invitations/{invitation_id}/accept", tag = "auth", security(("bearer" = [])),
    params(("invitation_id" = String, Path, description = "the invitation's id")),
    responses(
        (status = 201, body = MembershipSummary),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, description = "no open invitation to this account's e-mail", content_type = "application/problem+json"),
        (status = 409, body = Problem, description = "already a member", content_type = "application/problem+json"),
    ))]
async fn accept_listed_invitation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<MembershipSummary>), ApiError> {
    let id = InvitationId::from_uuid(path_id(&id, "invitation")?);
    join(&state, &caller, InvitationChoice::Id(id)).await
}

/// Accepts as the caller and answers with the new membership.
async fn join(
    state: &AppState,
    caller: &Caller,
    which: InvitationChoice<'_>,
) -> Result<(StatusCode, Json<MembershipSummary>), ApiError> {
    let joined = accounts::accept_invitation_signed_in(state, caller.account_id, which).await?;
    Ok((StatusCode::CREATED, Json(joined)))
}

/// The token from an invitation's link.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationToken {
    /// The token the clinic shared.
    #[schema(min_length = 1, max_length = 200, pattern = "NON_BLANK_TEXT")]
    token: String,
}

/// Accepts, signed in, the invitation a link carries (it must be to this account's e-mail).
#[utoipa::path(post, path = "/api/v1/me/invitations/accept", tag = "auth", security(("bearer" = [])),
    request_body = InvitationToken,
    responses(
        (status = 201, body = MembershipSummary),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, description = "no open invitation to this account's e-mail", content_type = "application/problem+json"),
        (status = 409, body = Problem, description = "already a member", content_type = "application/problem+json"),
    ))]
async fn accept_linked_invitation(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<InvitationToken>,
) -> Result<(StatusCode, Json<MembershipSummary>), ApiError> {
    let token = bounded_text("token", &req.token, 1, 200)?;
    join(&state, &caller, InvitationChoice::Token(&token)).await
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
