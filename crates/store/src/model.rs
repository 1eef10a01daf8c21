//! Values the store takes and returns beyond the domain's own types.

use chrono::{DateTime, Utc};
use frontdesk_domain::{
    AccountId, ClinicId, ClinicName, Email, HqRole, InvitationId, PersonName, Role, Slug,
};
use serde::Serialize;
use uuid::Uuid;

/// An account to create; the password is already hashed.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Its id.
    pub id: AccountId,
    /// Login e-mail.
    pub email: Email,
    /// Display name.
    pub name: PersonName,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// HQ role, if any.
    pub hq_role: Option<HqRole>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

/// A clinic an account belongs to, as `/me` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct MembershipSummary {
    /// The clinic's id.
    pub clinic_id: ClinicId,
    /// The clinic's slug.
    pub slug: Slug,
    /// The clinic's name.
    pub name: ClinicName,
    /// The account's role there.
    pub role: Role,
}

/// A clinic's member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Member {
    /// The member's account.
    pub account_id: AccountId,
    /// Their e-mail.
    pub email: Email,
    /// Their name.
    pub name: PersonName,
    /// Their role in this clinic.
    pub role: Role,
    /// When they joined.
    pub joined_at: DateTime<Utc>,
}

/// An invitation to record; the token is already hashed.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    /// Its id.
    pub id: InvitationId,
    /// Who is invited.
    pub email: Email,
    /// The role they will have.
    pub role: Role,
    /// SHA-256 of the secret token, hex.
    pub token_hash: String,
    /// Who invited them.
    pub invited_by: AccountId,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Until when it can be accepted.
    pub expires_at: DateTime<Utc>,
}

/// An open invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Invitation {
    /// Its id.
    pub id: InvitationId,
    /// Who is invited.
    pub email: Email,
    /// The role they will have.
    pub role: Role,
    /// When it was sent.
    pub created_at: DateTime<Utc>,
    /// Until when it can be accepted.
    pub expires_at: DateTime<Utc>,
}

/// A refresh token to store; the token is already hashed.
#[derive(Debug, Clone)]
pub struct NewRefreshToken {
    /// SHA-256 of the token, hex.
    pub token_hash: String,
    /// The login it descends from; reuse revokes the family.
    pub family_id: Uuid,
    /// Whose token it is.
    pub account_id: AccountId,
    /// Issued at.
    pub created_at: DateTime<Utc>,
    /// Valid until.
    pub expires_at: DateTime<Utc>,
}

/// The token that replaces a spent one; its family and account come from the spent token.
#[derive(Debug, Clone)]
pub struct NextRefreshToken {
    /// SHA-256 of the token, hex.
    pub token_hash: String,
    /// Valid until.
    pub expires_at: DateTime<Utc>,
}

/// What happened when a refresh token was presented.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    /// Spent; the new token replaces it.
    Rotated {
        /// Whose token it was.
        account_id: AccountId,
    },
    /// Already spent once: the whole family is now revoked.
    Reused,
    /// Revoked earlier (logout, reuse, password change).
    Revoked,
    /// Past its expiry.
    Expired,
    /// Never issued.
    Unknown,
}
