//! Clinic settings and membership, with the rules of who may change whom.

use chrono::Utc;
use frontdesk_domain::{
    AccountId, Clinic, ClinicAction, ClinicProfile, Email, InvitationId, Role, Slug,
};
use frontdesk_store::{Invitation, Member, NewInvitation};
use serde::Serialize;

use crate::auth::token::{hash_opaque_token, new_opaque_token};
use crate::auth::{ClinicContext, HqCaller};
use crate::problem::ApiError;
use crate::service::messaging;
use crate::state::AppState;

/// How long an invitation can be accepted.
pub const INVITATION_TTL_DAYS: i64 = 7;

/// What inviting someone did: always an invitation, whether or not the address has an
/// account (the answer must not tell which), and a member only once they accept.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum InviteOutcome {
    /// An invitation waits for them: signed in, they see it in `GET /api/v1/me/invitations`;
    /// with the token, they accept it by the link (creating an account if they have none).
    Invited {
        /// The invitation.
        invitation: Invitation,
        /// Secret for `POST /api/v1/auth/invitations/accept`; shown once, share it with them.
        token: String,
    },
}

fn refuse_role(actor: Role, target: Role) -> ApiError {
    ApiError::Forbidden(format!(
        "a {actor} cannot grant, change or remove the {target} role"
    ))
}

/// Saves new settings for the caller's clinic.
pub async fn update_settings(
    state: &AppState,
    ctx: &ClinicContext,
    profile: ClinicProfile,
) -> Result<Clinic, ApiError> {
    ctx.require(ClinicAction::UpdateSettings)?;
    Ok(state.store.update_clinic(ctx.clinic_id(), &profile).await?)
}

/// Invites a person to the clinic by e-mail.
pub async fn invite(
    state: &AppState,
    ctx: &ClinicContext,
    email: Email,
    role: Role,
) -> Result<InviteOutcome, ApiError> {
    ctx.require(ClinicAction::InviteMembers)?;
    if !ctx.role.may_manage(role) {
        return Err(refuse_role(ctx.role, role));
    }
    invite_unchecked(state, ctx.clinic_id(), ctx.account_id, email, role).await
}

async fn invite_unchecked(
    state: &AppState,
    clinic: frontdesk_domain::ClinicId,
    invited_by: AccountId,
    email: Email,
    role: Role,
) -> Result<InviteOutcome, ApiError> {
    // Only the clinic's own members are compared: the clinic sees that list anyway.
    let members = state.store.members(clinic).await?;
    if members.iter().any(|m| m.email == email) {
        return Err(ApiError::Conflict(format!(
            "{email} is already a member of this clinic"
        )));
    }
    let token = new_opaque_token().map_err(|e| ApiError::Unexpected(anyhow::anyhow!("{e}")))?;
    let now = Utc::now();
    let invitation = state
        .store
        .create_invitation(
            clinic,
            &NewInvitation {
                id: InvitationId::new(),
                email,
                role,
                token_hash: hash_opaque_token(&token),
                invited_by,
                created_at: now,
                expires_at: now + chrono::Duration::days(INVITATION_TTL_DAYS),
            },
        )
        .await?;
    Ok(InviteOutcome::Invited { invitation, token })
}

async fn target(
    state: &AppState,
    ctx: &ClinicContext,
    account: AccountId,
) -> Result<Member, ApiError> {
    state
        .store
        .member(ctx.clinic_id(), account)
        .await?
        .ok_or_else(|| ApiError::NotFound("no such member in this clinic".into()))
}

/// Changes a member's role.
pub async fn change_role(
    state: &AppState,
    ctx: &ClinicContext,
    account: AccountId,
    role: Role,
) -> Result<Member, ApiError> {
    ctx.require(ClinicAction::ChangeRoles)?;
    let member = target(state, ctx, account).await?;
    if !ctx.role.may_manage(member.role) {
        return Err(refuse_role(ctx.role, member.role));
    }
    if !ctx.role.may_manage(role) {
        return Err(refuse_role(ctx.role, role));
    }
    Ok(state
        .store
        .change_role(ctx.clinic_id(), account, role)
        .await?)
}

/// Removes a member; anyone may remove themselves (leave).
pub async fn remove_member(
    state: &AppState,
    ctx: &ClinicContext,
    account: AccountId,
) -> Result<(), ApiError> {
    if account != ctx.account_id {
        ctx.require(ClinicAction::RemoveMembers)?;
        let member = target(state, ctx, account).await?;
        if !ctx.role.may_manage(member.role) {
            return Err(refuse_role(ctx.role, member.role));
        }
    }
    let released = state
        .store
        .remove_member(ctx.clinic_id(), account, Utc::now())
        .await?;
    for id in released {
        messaging::conversation_changed(&state.messaging, ctx.clinic_id(), id);
    }
    Ok(())
}

/// Withdraws an open invitation.
pub async fn revoke_invitation(
    state: &AppState,
    ctx: &ClinicContext,
    id: InvitationId,
) -> Result<(), ApiError> {
    ctx.require(ClinicAction::InviteMembers)?;
    state
        .store
        .revoke_invitation(ctx.clinic_id(), id)
        .await
        .map_err(|e| match e {
            frontdesk_store::StoreError::NotFound => {
                ApiError::NotFound("no such open invitation in this clinic".into())
            }
            other => other.into(),
        })
}

/// The clinic's members, and its open invitations for those who may invite.
pub async fn members(
    state: &AppState,
    ctx: &ClinicContext,
) -> Result<(Vec<Member>, Vec<Invitation>), ApiError> {
    ctx.require(ClinicAction::ListMembers)?;
    let members = state.store.members(ctx.clinic_id()).await?;
    let invitations = if ctx.role.may(ClinicAction::InviteMembers) {
        state.store.invitations(ctx.clinic_id()).await?
    } else {
        Vec::new()
    };
    Ok((members, invitations))
}

/// HQ creates a clinic and, when given, makes or invites its owner.
pub async fn create_for_hq(
    state: &AppState,
    hq: &HqCaller,
    slug: Slug,
    profile: ClinicProfile,
    owner: Option<Email>,
) -> Result<(Clinic, Option<InviteOutcome>), ApiError> {
    hq.require_superadmin()?;
    let clinic = state.store.create_clinic(&slug, &profile, None).await?;
    let outcome = match owner {
        Some(email) => {
            Some(invite_unchecked(state, clinic.id, hq.account.id, email, Role::Owner).await?)
        }
        None => None,
    };
    Ok((clinic, outcome))
}
