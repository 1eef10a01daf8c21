//! Frontdesk persistence: one contract per area, implemented for SQLite and PostgreSQL.
//!
//! Every clinic-scoped method takes a [`ClinicId`]. The server obtains one only from
//! [`ClinicStore::clinic_access`] (a verified membership) or from an HQ-only lookup, so a
//! handler cannot reach another clinic's rows by guessing an id.

// Library code says which invariant makes a value present instead of unwrapping it.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

mod assistant;
mod backend;
mod canned_replies;
mod columns;
mod error;
pub mod hot;
mod jobs;
mod knowledge;
mod messaging;
mod messaging_rows;
mod messaging_sql;
mod migrate;
mod model;
mod outbox_rows;
mod portable;
pub mod postgres;
mod schedule;
mod schedule_rows;
mod schedule_sql;
mod search;
pub mod sqlite;
mod sqlite_intake;
mod sqlite_reads;
mod sqlite_writes;
#[cfg(feature = "testing")]
pub mod testing;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use frontdesk_domain::{
    Account, AccountId, Clinic, ClinicId, ClinicProfile, ConversationId, Email, HqRole,
    InvitationId, Role, Slug,
};

pub use assistant::{AssistantStore, StoredAssistant};
pub use canned_replies::{CannedReply, CannedReplyStore, NewCannedReply};
pub use error::{StoreError, retry_contended};
pub use jobs::{
    EmbedJob, ExtractJob, Job, JobKind, JobPayload, JobQueue, JobStatus, NewJob, ReminderJob,
    SendJob, TurnJob, backoff,
};
pub use knowledge::{
    ChunkView, Document, DocumentStatus, Extraction, Faq, KnowledgeKey, KnowledgeStore, NewChunk,
    NewDocument, NewFaq, Unembedded, WordMatch,
};
pub use messaging::{
    Channel, ChannelRecord, Conversation, ConversationFilter, DeliveryReport, Intake, Message,
    MessagingStore, NewInbound, NewOutbound, SendOutcome, SendStart, Template, TestSendAttempt,
    TurnCommit, TurnInput, burst_limit,
};
pub use migrate::SchemaVersion;
pub use model::{
    Invitation, Member, MembershipSummary, NewAccount, NewInvitation, NewRefreshToken,
    NextRefreshToken, Rotation,
};
pub use schedule::{
    AppointmentFilter, AppointmentStore, Booking, CalendarFeed, CatalogStore, HistoryEntry,
    NamedAppointment, NewAppointment, PatientFilter, PatientStore, Reminder, Reschedule,
};

/// Result of a store call.
pub type StoreResult<T> = Result<T, StoreError>;

/// Accounts and their credentials.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Creates an account; `Conflict` when the e-mail is taken.
    async fn create_account(&self, new: &NewAccount) -> StoreResult<Account>;
    /// The account and its password hash, for login.
    async fn account_credentials(&self, email: &Email) -> StoreResult<Option<(Account, String)>>;
    /// One account by id.
    async fn account(&self, id: AccountId) -> StoreResult<Option<Account>>;
    /// Replaces the password hash and revokes every refresh token of the account.
    async fn set_password_hash(&self, id: AccountId, hash: &str) -> StoreResult<()>;
    /// Grants or removes an HQ role.
    async fn set_hq_role(&self, id: AccountId, role: Option<HqRole>) -> StoreResult<()>;
    /// The clinics the account belongs to, with its role in each.
    async fn memberships(&self, id: AccountId) -> StoreResult<Vec<MembershipSummary>>;
    /// The account and its memberships in one round trip (`/me` is the hottest read).
    async fn account_with_memberships(
        &self,
        id: AccountId,
    ) -> StoreResult<Option<(Account, Vec<MembershipSummary>)>>;
}

/// Clinics. Methods that are not scoped by a `ClinicId` are for HQ, sign-up and access checks.
#[async_trait]
pub trait ClinicStore: Send + Sync {
    /// Creates a clinic, and makes `owner` its owner in the same transaction.
    async fn create_clinic(
        &self,
        slug: &Slug,
        profile: &ClinicProfile,
        owner: Option<AccountId>,
    ) -> StoreResult<Clinic>;
    /// Creates an account and its clinic atomically (sign-up): both or neither.
    async fn create_account_with_clinic(
        &self,
        account: &NewAccount,
        slug: &Slug,
        profile: &ClinicProfile,
    ) -> StoreResult<(Account, Clinic)>;
    /// The clinic behind `slug` and the account's role there, if it is a member.
    async fn clinic_access(
        &self,
        account: AccountId,
        slug: &Slug,
    ) -> StoreResult<Option<(Clinic, Role)>>;
    /// Looks a clinic up by slug with no membership check: HQ and seeding only.
    async fn clinic_by_slug_unscoped(&self, slug: &Slug) -> StoreResult<Option<Clinic>>;
    /// One clinic.
    async fn clinic(&self, clinic: ClinicId) -> StoreResult<Clinic>;
    /// Replaces a clinic's settings.
    async fn update_clinic(&self, clinic: ClinicId, profile: &ClinicProfile)
    -> StoreResult<Clinic>;
    /// Every clinic ordered by slug, after `after`, at most `limit`: HQ only.
    async fn list_clinics(&self, after: Option<&Slug>, limit: u32) -> StoreResult<Vec<Clinic>>;
}

/// How an invitation is named when accepted by a signed-in account.
#[derive(Debug, Clone)]
pub enum InvitationKey {
    /// By its id (listed to the invited account).
    Id(InvitationId),
    /// By the hash of the token in the link the clinic shared.
    TokenHash(String),
}

/// A clinic's members and invitations.
#[async_trait]
pub trait MemberStore: Send + Sync {
    /// Every member of the clinic, oldest first.
    async fn members(&self, clinic: ClinicId) -> StoreResult<Vec<Member>>;
    /// One member.
    async fn member(&self, clinic: ClinicId, account: AccountId) -> StoreResult<Option<Member>>;
    /// Adds an existing account; `Conflict` when already a member.
    async fn add_member(
        &self,
        clinic: ClinicId,
        account: AccountId,
        role: Role,
    ) -> StoreResult<Member>;
    /// Changes a member's role; `LastOwner` when it would leave the clinic without an owner.
    async fn change_role(
        &self,
        clinic: ClinicId,
        account: AccountId,
        role: Role,
    ) -> StoreResult<Member>;
    /// Removes a member; `LastOwner` when it is the clinic's only owner. Their conversations
    /// are unassigned and their takeovers end; those conversations are returned.
    async fn remove_member(
        &self,
        clinic: ClinicId,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<ConversationId>>;
    /// Records an invitation; `Conflict` when one is already open for that e-mail.
    async fn create_invitation(
        &self,
        clinic: ClinicId,
        new: &NewInvitation,
    ) -> StoreResult<Invitation>;
    /// Open (not accepted) invitations.
    async fn invitations(&self, clinic: ClinicId) -> StoreResult<Vec<Invitation>>;
    /// Withdraws an open invitation.
    async fn revoke_invitation(&self, clinic: ClinicId, id: InvitationId) -> StoreResult<()>;
    /// Open, unexpired invitations addressed to `email`, with their clinics, oldest first.
    async fn invitations_to(
        &self,
        email: &Email,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<(Invitation, MembershipSummary)>>;
    /// Accepts an open, unexpired invitation addressed to the existing `account` (whose
    /// e-mail is `email`), chosen by id or by its token's hash; `InvitationInvalid` when
    /// there is no such invitation for that e-mail.
    async fn accept_invitation_as(
        &self,
        account: AccountId,
        email: &Email,
        which: &InvitationKey,
        now: DateTime<Utc>,
    ) -> StoreResult<MembershipSummary>;
    /// Accepts an open, unexpired invitation by its token hash: creates the account when
    /// `new_account` is given (it must match the invited e-mail), and the membership.
    async fn accept_invitation(
        &self,
        token_hash: &str,
        new_account: &NewAccount,
        now: DateTime<Utc>,
    ) -> StoreResult<(Account, MembershipSummary)>;
}

/// Refresh tokens and login throttling.
#[async_trait]
pub trait SessionStore: Send + Sync {
    /// Stores a new refresh token (hashed).
    async fn insert_refresh_token(&self, token: &NewRefreshToken) -> StoreResult<()>;
    /// Spends `presented_hash` and stores `next` in its family. A token spent twice revokes
    /// its whole family and reports `Reused`.
    async fn rotate_refresh_token(
        &self,
        presented_hash: &str,
        next: &NextRefreshToken,
        now: DateTime<Utc>,
    ) -> StoreResult<Rotation>;
    /// Revokes the family of a presented token (logout). Unknown tokens are ignored.
    async fn revoke_refresh_family(
        &self,
        presented_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Records a failed login under each throttle key (e.g. account and IP).
    async fn record_login_failure(&self, keys: &[String], at: DateTime<Utc>) -> StoreResult<()>;
    /// Failed logins under `key` since `since`.
    async fn login_failures_since(&self, key: &str, since: DateTime<Utc>) -> StoreResult<u32>;
    /// Forgets failures under `key` (after a successful login) and any older than `before`.
    async fn clear_login_failures(&self, key: &str, before: DateTime<Utc>) -> StoreResult<()>;
}

/// Liveness of the database and the schema.
#[async_trait]
pub trait HealthStore: Send + Sync {
    /// A round trip to the database.
    async fn ping(&self) -> StoreResult<()>;
    /// Applied and expected schema versions.
    async fn schema_version(&self) -> StoreResult<SchemaVersion>;
    /// Applies pending migrations; returns how many ran.
    async fn migrate(&self) -> StoreResult<usize>;
    /// Which backend this is, for logs.
    fn backend(&self) -> &'static str;
}

/// Everything the server needs from storage.
pub trait Store:
    AccountStore
    + ClinicStore
    + MemberStore
    + SessionStore
    + HealthStore
    + CatalogStore
    + PatientStore
    + AppointmentStore
    + JobQueue
    + MessagingStore
    + KnowledgeStore
    + AssistantStore
    + CannedReplyStore
{
}
impl<T> Store for T where
    T: AccountStore
        + ClinicStore
        + MemberStore
        + SessionStore
        + HealthStore
        + CatalogStore
        + PatientStore
        + AppointmentStore
        + JobQueue
        + MessagingStore
        + KnowledgeStore
        + AssistantStore
        + CannedReplyStore
{
}

/// Opens the store named by `url`: `sqlite://path` or `postgres://…`. Does not migrate.
pub async fn connect(url: &str, max_connections: u32) -> StoreResult<Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(
            postgres::PgStore::connect(url, max_connections).await?,
        ))
    } else if url.starts_with("sqlite:") {
        Ok(Arc::new(
            sqlite::SqliteStore::connect(url, max_connections).await?,
        ))
    } else {
        Err(StoreError::Config(format!(
            "unsupported database URL {url:?}: use sqlite://path/to/file.db or postgres://user@host/db"
        )))
    }
}
