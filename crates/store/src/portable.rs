//! Accounts, clinics, memberships, invitations, sessions and the schema's health: the
//! stores' SQL that both backends run as written.
//!
//! SQLite and PostgreSQL agree on `$n` parameters, `RETURNING` and `ON CONFLICT`, and sqlx
//! encodes our Rust types (UUID, timestamps, JSON) for each, so one body serves both. What
//! differs — how a write transaction begins, how a row is locked, how migrations are
//! serialized — is the backend's [`Dialect`]. Schemas stay separate (`migrations/<backend>/`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use frontdesk_domain::{
    Account, AccountId, Clinic, ClinicId, ClinicName, ClinicProfile, Email, HqRole, InvitationId,
    Language, OpeningHours, PersonName, Persona, Role, Slug, TimeZone, clinic::Contact,
};
use sqlx::types::Json;
use sqlx::{Database, Encode, Executor, FromRow, IntoArguments, Type};
use uuid::Uuid;

use crate::backend::{Backend, Dialect, json};
use crate::error::StoreError;
use crate::migrate::{SchemaVersion, latest};
use crate::model::{
    Invitation, Member, MembershipSummary, NewAccount, NewInvitation, NewRefreshToken,
    NextRefreshToken, Rotation,
};
use crate::{
    AccountStore, ClinicStore, HealthStore, InvitationKey, MemberStore, SessionStore, StoreResult,
};

/// An account and its clinics (LEFT JOIN: an account with none still comes back).
pub(crate) const ACCOUNT_WITH_MEMBERSHIPS: &str = "SELECT a.id, a.email, a.name, a.hq_role, a.created_at, \
     c.id AS clinic_id, c.slug, c.name AS clinic_name, m.role \
     FROM accounts a LEFT JOIN memberships m ON m.account_id = a.id \
     LEFT JOIN clinics c ON c.id = m.clinic_id WHERE a.id = $1 ORDER BY c.slug";

/// A clinic by slug with the account's role in it; no row when not a member.
pub(crate) const CLINIC_ACCESS: &str = "SELECT c.id, c.slug, c.name, c.time_zone, c.default_language, c.languages, \
     c.contact, c.address, c.opening_hours, c.emergency_instructions, c.persona, \
     c.created_at, c.updated_at, m.role FROM clinics c JOIN memberships m ON m.clinic_id = c.id \
     WHERE c.slug = $1 AND m.account_id = $2";

/// Timestamps are kept to the microsecond, PostgreSQL's precision, so both backends return
/// exactly what was written.
pub(crate) fn micros(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(t.timestamp_micros()).unwrap_or(t)
}

/// The current time at store precision.
pub(crate) fn now() -> DateTime<Utc> {
    micros(Utc::now())
}

#[derive(sqlx::FromRow)]
pub(crate) struct ClinicRow {
    pub(crate) id: Uuid,
    pub(crate) slug: String,
    pub(crate) name: String,
    pub(crate) time_zone: String,
    pub(crate) default_language: String,
    pub(crate) languages: Json<Vec<Language>>,
    pub(crate) contact: Json<Contact>,
    pub(crate) address: String,
    pub(crate) opening_hours: Json<OpeningHours>,
    pub(crate) emergency_instructions: String,
    pub(crate) persona: Json<Persona>,
    pub(crate) created_at: DateTime<Utc>,
    pub(crate) updated_at: DateTime<Utc>,
}

impl TryFrom<ClinicRow> for Clinic {
    type Error = StoreError;
    fn try_from(r: ClinicRow) -> Result<Self, StoreError> {
        Ok(Clinic {
            id: ClinicId::from_uuid(r.id),
            slug: Slug::from_stored(r.slug),
            profile: ClinicProfile {
                name: ClinicName::parse("name", &r.name)?,
                time_zone: TimeZone::parse("time_zone", &r.time_zone)?,
                default_language: Language::parse("default_language", &r.default_language)?,
                languages: r.languages.0,
                contact: r.contact.0,
                address: r.address,
                opening_hours: r.opening_hours.0,
                emergency_instructions: r.emergency_instructions,
                persona: r.persona.0,
            },
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ClinicAccessRow {
    #[sqlx(flatten)]
    pub(crate) clinic: ClinicRow,
    pub(crate) role: String,
}

impl TryFrom<ClinicAccessRow> for (Clinic, Role) {
    type Error = StoreError;
    fn try_from(r: ClinicAccessRow) -> Result<Self, StoreError> {
        Ok((r.clinic.try_into()?, Role::parse("role", &r.role)?))
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AccountRow {
    pub(crate) id: Uuid,
    pub(crate) email: String,
    pub(crate) name: String,
    pub(crate) hq_role: Option<String>,
    pub(crate) created_at: DateTime<Utc>,
}

impl TryFrom<AccountRow> for Account {
    type Error = StoreError;
    fn try_from(r: AccountRow) -> Result<Self, StoreError> {
        Ok(Account {
            id: AccountId::from_uuid(r.id),
            email: Email::from_stored(r.email),
            name: PersonName::from_stored(r.name),
            hq_role: r
                .hq_role
                .map(|h| HqRole::parse("hq_role", &h))
                .transpose()?,
            created_at: r.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct CredentialsRow {
    #[sqlx(flatten)]
    account: AccountRow,
    password_hash: String,
}

impl TryFrom<CredentialsRow> for (Account, String) {
    type Error = StoreError;
    fn try_from(r: CredentialsRow) -> Result<Self, StoreError> {
        Ok((r.account.try_into()?, r.password_hash))
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct MembershipRow {
    clinic_id: Uuid,
    slug: String,
    name: String,
    role: String,
}

impl TryFrom<MembershipRow> for MembershipSummary {
    type Error = StoreError;
    fn try_from(r: MembershipRow) -> Result<Self, StoreError> {
        Ok(MembershipSummary {
            clinic_id: ClinicId::from_uuid(r.clinic_id),
            slug: Slug::from_stored(r.slug),
            name: ClinicName::parse("name", &r.name)?,
            role: Role::parse("role", &r.role)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AccountMembershipRow {
    #[sqlx(flatten)]
    pub(crate) account: AccountRow,
    pub(crate) clinic_id: Option<Uuid>,
    pub(crate) slug: Option<String>,
    pub(crate) clinic_name: Option<String>,
    pub(crate) role: Option<String>,
}

impl AccountMembershipRow {
    /// Folds the rows of an account LEFT JOIN its memberships.
    pub(crate) fn collect(
        rows: Vec<AccountMembershipRow>,
    ) -> Result<Option<(Account, Vec<MembershipSummary>)>, StoreError> {
        let mut rows = rows.into_iter();
        let Some(first) = rows.next() else {
            return Ok(None);
        };
        let mut memberships = Vec::new();
        let mut push = |r: &AccountMembershipRow| -> Result<(), StoreError> {
            if let (Some(id), Some(slug), Some(name), Some(role)) =
                (r.clinic_id, &r.slug, &r.clinic_name, &r.role)
            {
                memberships.push(MembershipSummary {
                    clinic_id: ClinicId::from_uuid(id),
                    slug: Slug::from_stored(slug.clone()),
                    name: ClinicName::parse("name", name)?,
                    role: Role::parse("role", role)?,
                });
            }
            Ok(())
        };
        push(&first)?;
        for r in rows {
            push(&r)?;
        }
        Ok(Some((first.account.try_into()?, memberships)))
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct MemberRow {
    account_id: Uuid,
    email: String,
    name: String,
    role: String,
    joined_at: DateTime<Utc>,
}

impl TryFrom<MemberRow> for Member {
    type Error = StoreError;
    fn try_from(r: MemberRow) -> Result<Self, StoreError> {
        Ok(Member {
            account_id: AccountId::from_uuid(r.account_id),
            email: Email::from_stored(r.email),
            name: PersonName::from_stored(r.name),
            role: Role::parse("role", &r.role)?,
            joined_at: r.joined_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct InvitationRow {
    pub(crate) id: Uuid,
    pub(crate) clinic_id: Uuid,
    pub(crate) email: String,
    pub(crate) role: String,
    pub(crate) created_at: DateTime<Utc>,
    pub(crate) expires_at: DateTime<Utc>,
}

/// An invitation with its clinic's slug and name.
#[derive(sqlx::FromRow)]
pub(crate) struct InvitationToRow {
    id: Uuid,
    clinic_id: Uuid,
    email: String,
    role: String,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    slug: String,
    name: String,
}

impl InvitationToRow {
    /// The invitation, and the clinic with the role it grants.
    pub(crate) fn split(self) -> Result<(Invitation, MembershipSummary), StoreError> {
        let clinic = MembershipRow {
            clinic_id: self.clinic_id,
            slug: self.slug,
            name: self.name,
            role: self.role.clone(),
        };
        let invitation = InvitationRow {
            id: self.id,
            clinic_id: self.clinic_id,
            email: self.email,
            role: self.role,
            created_at: self.created_at,
            expires_at: self.expires_at,
        };
        Ok((invitation.try_into()?, clinic.try_into()?))
    }
}

impl TryFrom<InvitationRow> for Invitation {
    type Error = StoreError;
    fn try_from(r: InvitationRow) -> Result<Self, StoreError> {
        Ok(Invitation {
            id: frontdesk_domain::InvitationId::from_uuid(r.id),
            email: Email::from_stored(r.email),
            role: Role::parse("role", &r.role)?,
            created_at: r.created_at,
            expires_at: r.expires_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct RefreshRow {
    pub(crate) account_id: Uuid,
    pub(crate) family_id: Uuid,
    pub(crate) expires_at: DateTime<Utc>,
    pub(crate) used_at: Option<DateTime<Utc>>,
    pub(crate) revoked_at: Option<DateTime<Utc>>,
}

/// Converts every row of a query result.
pub(crate) fn convert_all<R, T>(rows: Vec<R>) -> Result<Vec<T>, StoreError>
where
    T: TryFrom<R, Error = StoreError>,
{
    rows.into_iter().map(T::try_from).collect()
}

/// The steps the account and clinic stores share, on a store of either backend.
#[derive(Clone, Copy)]
struct Directory<'a, S>(&'a S);

impl<'a, S> Directory<'a, S>
where
    S: Backend,
    for<'c> &'c mut <S::Db as Database>::Connection: Executor<'c, Database = S::Db>,
    <S::Db as Database>::Arguments: IntoArguments<S::Db>,
    for<'q> Uuid: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<Uuid>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> &'q str: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<&'q str>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> String: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<String>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> bool: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i64: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> DateTime<Utc>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<DateTime<Utc>>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Json<serde_json::Value>: Encode<'q, S::Db> + Type<S::Db>,
    for<'r> AccountRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> AccountMembershipRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ClinicRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ClinicAccessRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> CredentialsRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> InvitationRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> InvitationToRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> MemberRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> MembershipRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> RefreshRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (i64,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Option<i64>,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (String,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid,): FromRow<'r, <S::Db as Database>::Row>,
{
    async fn insert_account<'c, E>(exec: E, new: &NewAccount) -> StoreResult<Account>
    where
        E: Executor<'c, Database = S::Db>,
    {
        let row: AccountRow = sqlx::query_as(
            "INSERT INTO accounts (id, email, name, password_hash, hq_role, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             RETURNING id, email, name, hq_role, created_at",
        )
        .bind(new.id.as_uuid())
        .bind(new.email.as_str())
        .bind(new.name.as_str())
        .bind(&new.password_hash)
        .bind(new.hq_role.map(HqRole::as_str))
        .bind(micros(new.created_at))
        .fetch_one(exec)
        .await
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => StoreError::Conflict(format!(
                "an account with e-mail {} already exists",
                new.email
            )),
            other => other,
        })?;
        row.try_into()
    }

    async fn insert_clinic<'c, E>(
        exec: E,
        slug: &Slug,
        profile: &ClinicProfile,
    ) -> StoreResult<Clinic>
    where
        E: Executor<'c, Database = S::Db>,
    {
        let at = now();
        let row: ClinicRow = sqlx::query_as(constcat::concat!(
            "INSERT INTO clinics (id, slug, name, time_zone, default_language, languages, \
             contact, address, opening_hours, emergency_instructions, persona, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING ",
            crate::columns::CLINIC_COLUMNS
        ))
        .bind(ClinicId::new().as_uuid())
        .bind(slug.as_str())
        .bind(profile.name.as_str())
        .bind(profile.time_zone.name())
        .bind(profile.default_language.code())
        .bind(json(&profile.languages)?)
        .bind(json(&profile.contact)?)
        .bind(&profile.address)
        .bind(json(&profile.opening_hours)?)
        .bind(&profile.emergency_instructions)
        .bind(json(&profile.persona)?)
        .bind(at)
        .fetch_one(exec)
        .await
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => {
                StoreError::Conflict(format!("the slug {slug} is taken"))
            }
            other => other,
        })?;
        row.try_into()
    }

    async fn insert_membership<'c, E>(
        exec: E,
        clinic: ClinicId,
        account: AccountId,
        role: Role,
    ) -> StoreResult<()>
    where
        E: Executor<'c, Database = S::Db>,
    {
        sqlx::query(
            "INSERT INTO memberships (clinic_id, account_id, role, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(clinic.as_uuid())
        .bind(account.as_uuid())
        .bind(role.as_str())
        .bind(now())
        .execute(exec)
        .await
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => {
                StoreError::Conflict("that account is already a member of this clinic".into())
            }
            other => other,
        })?;
        Ok(())
    }

    async fn owner_count<'c, E>(exec: E, clinic: ClinicId) -> StoreResult<i64>
    where
        E: Executor<'c, Database = S::Db>,
    {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM memberships WHERE clinic_id = $1 AND role = 'owner'",
        )
        .bind(clinic.as_uuid())
        .fetch_one(exec)
        .await?;
        Ok(n)
    }

    async fn insert_refresh<'c, E>(exec: E, token: &NewRefreshToken) -> StoreResult<()>
    where
        E: Executor<'c, Database = S::Db>,
    {
        sqlx::query(
            "INSERT INTO refresh_tokens (token_hash, family_id, account_id, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&token.token_hash)
        .bind(token.family_id)
        .bind(token.account_id.as_uuid())
        .bind(micros(token.created_at))
        .bind(micros(token.expires_at))
        .execute(exec)
        .await?;
        Ok(())
    }

    /// `account_with_memberships` through sqlx.
    async fn sqlx_account_with_memberships(
        &self,
        id: AccountId,
    ) -> StoreResult<Option<(Account, Vec<MembershipSummary>)>> {
        let rows: Vec<AccountMembershipRow> =
            sqlx::query_as(crate::portable::ACCOUNT_WITH_MEMBERSHIPS)
                .bind(id.as_uuid())
                .fetch_all(self.0.pool())
                .await?;
        AccountMembershipRow::collect(rows)
    }

    /// `clinic_access` through sqlx.
    async fn sqlx_clinic_access(
        &self,
        account: AccountId,
        slug: &Slug,
    ) -> StoreResult<Option<(Clinic, Role)>> {
        let row: Option<ClinicAccessRow> = sqlx::query_as(crate::portable::CLINIC_ACCESS)
            .bind(slug.as_str())
            .bind(account.as_uuid())
            .fetch_optional(self.0.pool())
            .await?;
        row.map(TryInto::try_into).transpose()
    }
}

#[async_trait]
impl<S> AccountStore for S
where
    S: Backend,
    for<'c> &'c mut <S::Db as Database>::Connection: Executor<'c, Database = S::Db>,
    <S::Db as Database>::Arguments: IntoArguments<S::Db>,
    for<'q> Uuid: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<Uuid>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> &'q str: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<&'q str>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> String: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<String>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> bool: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i64: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> DateTime<Utc>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<DateTime<Utc>>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Json<serde_json::Value>: Encode<'q, S::Db> + Type<S::Db>,
    for<'r> AccountRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> AccountMembershipRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ClinicRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ClinicAccessRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> CredentialsRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> InvitationRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> InvitationToRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> MemberRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> MembershipRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> RefreshRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (i64,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Option<i64>,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (String,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid,): FromRow<'r, <S::Db as Database>::Row>,
{
    async fn create_account(&self, new: &NewAccount) -> StoreResult<Account> {
        Directory::<S>::insert_account(self.pool(), new).await
    }

    async fn account_credentials(&self, email: &Email) -> StoreResult<Option<(Account, String)>> {
        let row: Option<CredentialsRow> = sqlx::query_as(
            "SELECT id, email, name, hq_role, created_at, password_hash FROM accounts WHERE email = $1",
        )
        .bind(email.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn account(&self, id: AccountId) -> StoreResult<Option<Account>> {
        let row: Option<AccountRow> = sqlx::query_as(
            "SELECT id, email, name, hq_role, created_at FROM accounts WHERE id = $1",
        )
        .bind(id.as_uuid())
        .fetch_optional(self.pool())
        .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn set_password_hash(&self, id: AccountId, hash: &str) -> StoreResult<()> {
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let done = sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(id.as_uuid())
            .execute(&mut *tx)
            .await?;
        if S::Db::rows_affected(&done) == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query(
            "UPDATE refresh_tokens SET revoked_at = $1 WHERE account_id = $2 AND revoked_at IS NULL",
        )
        .bind(now())
        .bind(id.as_uuid())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_hq_role(&self, id: AccountId, role: Option<HqRole>) -> StoreResult<()> {
        let done = sqlx::query("UPDATE accounts SET hq_role = $1 WHERE id = $2")
            .bind(role.map(HqRole::as_str))
            .bind(id.as_uuid())
            .execute(self.pool())
            .await?;
        if S::Db::rows_affected(&done) == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn memberships(&self, id: AccountId) -> StoreResult<Vec<MembershipSummary>> {
        let rows: Vec<MembershipRow> = sqlx::query_as(
            "SELECT c.id AS clinic_id, c.slug, c.name, m.role FROM memberships m \
             JOIN clinics c ON c.id = m.clinic_id WHERE m.account_id = $1 ORDER BY c.slug",
        )
        .bind(id.as_uuid())
        .fetch_all(self.pool())
        .await?;
        convert_all(rows)
    }

    async fn account_with_memberships(
        &self,
        id: AccountId,
    ) -> StoreResult<Option<(Account, Vec<MembershipSummary>)>> {
        match self.account_with_memberships_in_place(id).await {
            Some(found) => found,
            None => Directory(self).sqlx_account_with_memberships(id).await,
        }
    }
}

#[async_trait]
impl<S> ClinicStore for S
where
    S: Backend,
    for<'c> &'c mut <S::Db as Database>::Connection: Executor<'c, Database = S::Db>,
    <S::Db as Database>::Arguments: IntoArguments<S::Db>,
    for<'q> Uuid: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<Uuid>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> &'q str: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<&'q str>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> String: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<String>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> bool: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i64: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> DateTime<Utc>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<DateTime<Utc>>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Json<serde_json::Value>: Encode<'q, S::Db> + Type<S::Db>,
    for<'r> AccountRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> AccountMembershipRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ClinicRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ClinicAccessRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> CredentialsRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> InvitationRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> InvitationToRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> MemberRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> MembershipRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> RefreshRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (i64,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Option<i64>,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (String,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid,): FromRow<'r, <S::Db as Database>::Row>,
{
    async fn create_clinic(
        &self,
        slug: &Slug,
        profile: &ClinicProfile,
        owner: Option<AccountId>,
    ) -> StoreResult<Clinic> {
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let clinic = Directory::<S>::insert_clinic(&mut *tx, slug, profile).await?;
        if let Some(owner) = owner {
            Directory::<S>::insert_membership(&mut *tx, clinic.id, owner, Role::Owner).await?;
        }
        tx.commit().await?;
        Ok(clinic)
    }

    async fn create_account_with_clinic(
        &self,
        account: &NewAccount,
        slug: &Slug,
        profile: &ClinicProfile,
    ) -> StoreResult<(Account, Clinic)> {
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let created = Directory::<S>::insert_account(&mut *tx, account).await?;
        let clinic = Directory::<S>::insert_clinic(&mut *tx, slug, profile).await?;
        Directory::<S>::insert_membership(&mut *tx, clinic.id, created.id, Role::Owner).await?;
        tx.commit().await?;
        Ok((created, clinic))
    }

    async fn clinic_access(
        &self,
        account: AccountId,
        slug: &Slug,
    ) -> StoreResult<Option<(Clinic, Role)>> {
        match self.clinic_access_in_place(account, slug).await {
            Some(found) => found,
            None => Directory(self).sqlx_clinic_access(account, slug).await,
        }
    }

    async fn clinic_by_slug_unscoped(&self, slug: &Slug) -> StoreResult<Option<Clinic>> {
        let row: Option<ClinicRow> = sqlx::query_as(constcat::concat!(
            "SELECT ",
            crate::columns::CLINIC_COLUMNS,
            " FROM clinics WHERE slug = $1"
        ))
        .bind(slug.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn clinic(&self, clinic: ClinicId) -> StoreResult<Clinic> {
        let row: ClinicRow = sqlx::query_as(constcat::concat!(
            "SELECT ",
            crate::columns::CLINIC_COLUMNS,
            " FROM clinics WHERE id = $1"
        ))
        .bind(clinic.as_uuid())
        .fetch_one(self.pool())
        .await?;
        row.try_into()
    }

    async fn update_clinic(
        &self,
        clinic: ClinicId,
        profile: &ClinicProfile,
    ) -> StoreResult<Clinic> {
        let row: ClinicRow = sqlx::query_as(constcat::concat!(
            "UPDATE clinics SET name = $2, time_zone = $3, default_language = $4, \
             languages = $5, contact = $6, address = $7, opening_hours = $8, \
             emergency_instructions = $9, persona = $10, updated_at = $11 \
             WHERE id = $1 RETURNING ",
            crate::columns::CLINIC_COLUMNS
        ))
        .bind(clinic.as_uuid())
        .bind(profile.name.as_str())
        .bind(profile.time_zone.name())
        .bind(profile.default_language.code())
        .bind(json(&profile.languages)?)
        .bind(json(&profile.contact)?)
        .bind(&profile.address)
        .bind(json(&profile.opening_hours)?)
        .bind(&profile.emergency_instructions)
        .bind(json(&profile.persona)?)
        .bind(now())
        .fetch_one(self.pool())
        .await?;
        row.try_into()
    }

    async fn list_clinics(&self, after: Option<&Slug>, limit: u32) -> StoreResult<Vec<Clinic>> {
        let rows: Vec<ClinicRow> = sqlx::query_as(constcat::concat!(
            "SELECT ",
            crate::columns::CLINIC_COLUMNS,
            " FROM clinics WHERE slug > $1 ORDER BY slug LIMIT $2"
        ))
        .bind(after.map(Slug::as_str).unwrap_or(""))
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        convert_all(rows)
    }
}

const MEMBER_SELECT: &str = "SELECT a.id AS account_id, a.email, a.name, m.role, m.created_at AS joined_at \
     FROM memberships m JOIN accounts a ON a.id = m.account_id";

#[async_trait]
impl<S> MemberStore for S
where
    S: Backend,
    for<'c> &'c mut <S::Db as Database>::Connection: Executor<'c, Database = S::Db>,
    <S::Db as Database>::Arguments: IntoArguments<S::Db>,
    for<'q> Uuid: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<Uuid>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> &'q str: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<&'q str>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> String: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<String>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> bool: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i64: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> DateTime<Utc>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<DateTime<Utc>>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Json<serde_json::Value>: Encode<'q, S::Db> + Type<S::Db>,
    for<'r> AccountRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> AccountMembershipRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ClinicRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ClinicAccessRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> CredentialsRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> InvitationRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> InvitationToRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> MemberRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> MembershipRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> RefreshRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (i64,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Option<i64>,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (String,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid,): FromRow<'r, <S::Db as Database>::Row>,
{
    async fn members(&self, clinic: ClinicId) -> StoreResult<Vec<Member>> {
        let rows: Vec<MemberRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{MEMBER_SELECT} WHERE m.clinic_id = $1 ORDER BY m.created_at, a.email"
        )))
        .bind(clinic.as_uuid())
        .fetch_all(self.pool())
        .await?;
        convert_all(rows)
    }

    async fn member(&self, clinic: ClinicId, account: AccountId) -> StoreResult<Option<Member>> {
        let row: Option<MemberRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{MEMBER_SELECT} WHERE m.clinic_id = $1 AND m.account_id = $2"
        )))
        .bind(clinic.as_uuid())
        .bind(account.as_uuid())
        .fetch_optional(self.pool())
        .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn add_member(
        &self,
        clinic: ClinicId,
        account: AccountId,
        role: Role,
    ) -> StoreResult<Member> {
        Directory::<S>::insert_membership(self.pool(), clinic, account, role).await?;
        self.member(clinic, account)
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn change_role(
        &self,
        clinic: ClinicId,
        account: AccountId,
        role: Role,
    ) -> StoreResult<Member> {
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        sqlx::query(S::Db::LOCK_CLINIC)
            .bind(clinic.as_uuid())
            .execute(&mut *tx)
            .await?;
        let current: Option<(String,)> =
            sqlx::query_as("SELECT role FROM memberships WHERE clinic_id = $1 AND account_id = $2")
                .bind(clinic.as_uuid())
                .bind(account.as_uuid())
                .fetch_optional(&mut *tx)
                .await?;
        let Some((current,)) = current else {
            return Err(StoreError::NotFound);
        };
        if current == "owner"
            && role != Role::Owner
            && Directory::<S>::owner_count(&mut *tx, clinic).await? <= 1
        {
            return Err(StoreError::LastOwner);
        }
        sqlx::query("UPDATE memberships SET role = $3 WHERE clinic_id = $1 AND account_id = $2")
            .bind(clinic.as_uuid())
            .bind(account.as_uuid())
            .bind(role.as_str())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.member(clinic, account)
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn remove_member(
        &self,
        clinic: ClinicId,
        account: AccountId,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<frontdesk_domain::ConversationId>> {
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        sqlx::query(S::Db::LOCK_CLINIC)
            .bind(clinic.as_uuid())
            .execute(&mut *tx)
            .await?;
        let removed: Option<(String,)> = sqlx::query_as(
            "DELETE FROM memberships WHERE clinic_id = $1 AND account_id = $2 RETURNING role",
        )
        .bind(clinic.as_uuid())
        .bind(account.as_uuid())
        .fetch_optional(&mut *tx)
        .await?;
        match removed {
            None => return Err(StoreError::NotFound),
            Some((role,))
                if role == "owner" && Directory::<S>::owner_count(&mut *tx, clinic).await? == 0 =>
            {
                return Err(StoreError::LastOwner);
            }
            Some(_) => {}
        }
        // Someone who left answers nobody: what was theirs goes back to the desk (the
        // assignment) and to the assistant (a takeover they held).
        let released: Vec<(uuid::Uuid,)> = sqlx::query_as(
            "UPDATE conversations SET \
             assigned_to = CASE WHEN assigned_to = $2 THEN NULL ELSE assigned_to END, \
             taken_over_by = CASE WHEN taken_over_by = $2 THEN NULL ELSE taken_over_by END, \
             taken_over_until = CASE WHEN taken_over_by = $2 THEN NULL ELSE taken_over_until END, \
             updated_at = $3 \
             WHERE clinic_id = $1 AND (assigned_to = $2 OR taken_over_by = $2) RETURNING id",
        )
        .bind(clinic.as_uuid())
        .bind(account.as_uuid())
        .bind(micros(now))
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(released
            .into_iter()
            .map(|(id,)| frontdesk_domain::ConversationId::from_uuid(id))
            .collect())
    }

    async fn create_invitation(
        &self,
        clinic: ClinicId,
        new: &NewInvitation,
    ) -> StoreResult<Invitation> {
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        // An expired, unaccepted invitation must not block a fresh one.
        sqlx::query(
            "DELETE FROM invitations WHERE clinic_id = $1 AND email = $2 AND accepted_at IS NULL AND expires_at <= $3",
        )
        .bind(clinic.as_uuid())
        .bind(new.email.as_str())
        .bind(micros(new.created_at))
        .execute(&mut *tx)
        .await?;
        let row: InvitationRow = sqlx::query_as(
            "INSERT INTO invitations (id, clinic_id, email, role, token_hash, invited_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             RETURNING id, clinic_id, email, role, created_at, expires_at",
        )
        .bind(new.id.as_uuid())
        .bind(clinic.as_uuid())
        .bind(new.email.as_str())
        .bind(new.role.as_str())
        .bind(&new.token_hash)
        .bind(new.invited_by.as_uuid())
        .bind(micros(new.created_at))
        .bind(micros(new.expires_at))
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => StoreError::Conflict(format!(
                "{} already has an open invitation to this clinic",
                new.email
            )),
            other => other,
        })?;
        tx.commit().await?;
        row.try_into()
    }

    async fn invitations(&self, clinic: ClinicId) -> StoreResult<Vec<Invitation>> {
        let rows: Vec<InvitationRow> = sqlx::query_as(
            "SELECT id, clinic_id, email, role, created_at, expires_at FROM invitations \
             WHERE clinic_id = $1 AND accepted_at IS NULL ORDER BY created_at",
        )
        .bind(clinic.as_uuid())
        .fetch_all(self.pool())
        .await?;
        convert_all(rows)
    }

    async fn revoke_invitation(&self, clinic: ClinicId, id: InvitationId) -> StoreResult<()> {
        let done = sqlx::query(
            "DELETE FROM invitations WHERE clinic_id = $1 AND id = $2 AND accepted_at IS NULL",
        )
        .bind(clinic.as_uuid())
        .bind(id.as_uuid())
        .execute(self.pool())
        .await?;
        if S::Db::rows_affected(&done) == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    async fn invitations_to(
        &self,
        email: &Email,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<(Invitation, MembershipSummary)>> {
        let rows: Vec<InvitationToRow> = sqlx::query_as(
            "SELECT i.id, i.clinic_id, i.email, i.role, i.created_at, i.expires_at, c.slug, c.name \
             FROM invitations i JOIN clinics c ON c.id = i.clinic_id \
             WHERE i.email = $1 AND i.accepted_at IS NULL AND i.expires_at > $2 ORDER BY i.created_at",
        )
        .bind(email.as_str())
        .bind(micros(now))
        .fetch_all(self.pool())
        .await?;
        rows.into_iter().map(InvitationToRow::split).collect()
    }

    async fn accept_invitation_as(
        &self,
        account: AccountId,
        email: &Email,
        which: &InvitationKey,
        at: DateTime<Utc>,
    ) -> StoreResult<MembershipSummary> {
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let (by_id, by_token) = match which {
            InvitationKey::Id(id) => (Some(id.as_uuid()), None),
            InvitationKey::TokenHash(hash) => (None, Some(hash.as_str())),
        };
        let invitation: Option<InvitationRow> = sqlx::query_as(
            "UPDATE invitations SET accepted_at = $4 \
             WHERE (id = $1 OR token_hash = $2) AND email = $3 AND accepted_at IS NULL AND expires_at > $4 \
             RETURNING id, clinic_id, email, role, created_at, expires_at",
        )
        .bind(by_id)
        .bind(by_token)
        .bind(email.as_str())
        .bind(micros(at))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(invitation) = invitation else {
            return Err(StoreError::InvitationInvalid);
        };
        let clinic = ClinicId::from_uuid(invitation.clinic_id);
        let role = Role::parse("role", &invitation.role)?;
        Directory::<S>::insert_membership(&mut *tx, clinic, account, role).await?;
        let summary: MembershipRow = sqlx::query_as(
            "SELECT c.id AS clinic_id, c.slug, c.name, m.role FROM memberships m \
             JOIN clinics c ON c.id = m.clinic_id WHERE m.account_id = $1 AND m.clinic_id = $2",
        )
        .bind(account.as_uuid())
        .bind(clinic.as_uuid())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        summary.try_into()
    }

    async fn accept_invitation(
        &self,
        token_hash: &str,
        new_account: &NewAccount,
        at: DateTime<Utc>,
    ) -> StoreResult<(Account, MembershipSummary)> {
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let invitation: Option<InvitationRow> = sqlx::query_as(
            "UPDATE invitations SET accepted_at = $2 \
             WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2 \
             RETURNING id, clinic_id, email, role, created_at, expires_at",
        )
        .bind(token_hash)
        .bind(micros(at))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(invitation) = invitation else {
            return Err(StoreError::InvitationInvalid);
        };
        if invitation.email != new_account.email.as_str() {
            return Err(StoreError::InvitationInvalid);
        }
        let clinic = ClinicId::from_uuid(invitation.clinic_id);
        let role = Role::parse("role", &invitation.role)?;
        let account = Directory::<S>::insert_account(&mut *tx, new_account).await?;
        Directory::<S>::insert_membership(&mut *tx, clinic, account.id, role).await?;
        let summary: MembershipRow = sqlx::query_as(
            "SELECT c.id AS clinic_id, c.slug, c.name, m.role FROM memberships m \
             JOIN clinics c ON c.id = m.clinic_id WHERE m.account_id = $1 AND m.clinic_id = $2",
        )
        .bind(account.id.as_uuid())
        .bind(clinic.as_uuid())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok((account, summary.try_into()?))
    }
}

#[async_trait]
impl<S> SessionStore for S
where
    S: Backend,
    for<'c> &'c mut <S::Db as Database>::Connection: Executor<'c, Database = S::Db>,
    <S::Db as Database>::Arguments: IntoArguments<S::Db>,
    for<'q> Uuid: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<Uuid>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> &'q str: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<&'q str>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> String: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<String>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> bool: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i64: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> DateTime<Utc>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<DateTime<Utc>>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Json<serde_json::Value>: Encode<'q, S::Db> + Type<S::Db>,
    for<'r> AccountRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> AccountMembershipRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ClinicRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ClinicAccessRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> CredentialsRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> InvitationRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> InvitationToRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> MemberRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> MembershipRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> RefreshRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (i64,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Option<i64>,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (String,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid,): FromRow<'r, <S::Db as Database>::Row>,
{
    async fn insert_refresh_token(&self, token: &NewRefreshToken) -> StoreResult<()> {
        Directory::<S>::insert_refresh(self.pool(), token).await
    }

    async fn rotate_refresh_token(
        &self,
        presented_hash: &str,
        next: &NextRefreshToken,
        at: DateTime<Utc>,
    ) -> StoreResult<Rotation> {
        let at = micros(at);
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let row: Option<RefreshRow> = sqlx::query_as(S::Db::LOCK_REFRESH)
            .bind(presented_hash)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            return Ok(Rotation::Unknown);
        };
        if row.revoked_at.is_some() {
            return Ok(Rotation::Revoked);
        }
        if row.used_at.is_some() {
            sqlx::query(
                "UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL",
            )
            .bind(row.family_id)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            return Ok(Rotation::Reused);
        }
        if row.expires_at <= at {
            return Ok(Rotation::Expired);
        }
        sqlx::query("UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1")
            .bind(presented_hash)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        let next = NewRefreshToken {
            token_hash: next.token_hash.clone(),
            family_id: row.family_id,
            account_id: AccountId::from_uuid(row.account_id),
            created_at: at,
            expires_at: next.expires_at,
        };
        Directory::<S>::insert_refresh(&mut *tx, &next).await?;
        tx.commit().await?;
        Ok(Rotation::Rotated {
            account_id: AccountId::from_uuid(row.account_id),
        })
    }

    async fn revoke_refresh_family(
        &self,
        presented_hash: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(
            "UPDATE refresh_tokens SET revoked_at = $2 WHERE revoked_at IS NULL AND family_id IN \
             (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)",
        )
        .bind(presented_hash)
        .bind(micros(at))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    async fn record_login_failure(&self, keys: &[String], at: DateTime<Utc>) -> StoreResult<()> {
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        for key in keys {
            sqlx::query("INSERT INTO login_failures (throttle_key, failed_at) VALUES ($1, $2)")
                .bind(key)
                .bind(micros(at))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn login_failures_since(&self, key: &str, since: DateTime<Utc>) -> StoreResult<u32> {
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM login_failures WHERE throttle_key = $1 AND failed_at > $2",
        )
        .bind(key)
        .bind(micros(since))
        .fetch_one(self.pool())
        .await?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    async fn clear_login_failures(&self, key: &str, before: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query("DELETE FROM login_failures WHERE throttle_key = $1 OR failed_at < $2")
            .bind(key)
            .bind(micros(before))
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

#[async_trait]
impl<S> HealthStore for S
where
    S: Backend,
    for<'c> &'c mut <S::Db as Database>::Connection: Executor<'c, Database = S::Db>,
    <S::Db as Database>::Arguments: IntoArguments<S::Db>,
    for<'q> Uuid: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<Uuid>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> &'q str: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<&'q str>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> String: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<String>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> bool: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i64: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> DateTime<Utc>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<DateTime<Utc>>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Json<serde_json::Value>: Encode<'q, S::Db> + Type<S::Db>,
    for<'r> AccountRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> AccountMembershipRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ClinicRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ClinicAccessRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> CredentialsRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> InvitationRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> InvitationToRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> MemberRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> MembershipRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> RefreshRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (i64,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Option<i64>,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (String,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid,): FromRow<'r, <S::Db as Database>::Row>,
{
    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(self.pool()).await?;
        Ok(())
    }

    async fn schema_version(&self) -> StoreResult<SchemaVersion> {
        let applied: Result<(Option<i64>,), sqlx::Error> =
            sqlx::query_as("SELECT MAX(version) FROM schema_migrations")
                .fetch_one(self.pool())
                .await;
        // A database never migrated has no table yet: version 0.
        let applied = match applied {
            Ok((v,)) => v.unwrap_or(0),
            Err(sqlx::Error::Database(_)) => 0,
            Err(e) => return Err(e.into()),
        };
        Ok(SchemaVersion {
            applied,
            expected: latest(S::Db::MIGRATIONS),
        })
    }

    async fn migrate(&self) -> StoreResult<usize> {
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        sqlx::query(S::Db::MIGRATION_LOCK).execute(&mut *tx).await?;
        sqlx::raw_sql(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
        )
        .execute(&mut *tx)
        .await?;
        let applied: Vec<(i64,)> = sqlx::query_as("SELECT version FROM schema_migrations")
            .fetch_all(&mut *tx)
            .await?;
        let mut ran = 0;
        for m in S::Db::MIGRATIONS {
            if applied.iter().any(|(v,)| *v == m.version) {
                continue;
            }
            sqlx::raw_sql(m.sql)
                .execute(&mut *tx)
                .await
                .map_err(|source| StoreError::Migration {
                    version: m.version,
                    name: m.name,
                    source,
                })?;
            sqlx::query(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            )
            .bind(m.version)
            .bind(m.name)
            .bind(Utc::now().to_rfc3339())
            .execute(&mut *tx)
            .await?;
            ran += 1;
        }
        tx.commit().await?;
        Ok(ran)
    }

    fn backend(&self) -> &'static str {
        S::Db::BACKEND
    }
}
