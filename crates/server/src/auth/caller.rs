//! Who a request is from: a verified caller, an HQ operator, or for clinic routes the clinic
//! with the caller's role in it. A handler gets a `ClinicId` only through `ClinicContext`,
//! which exists only when the store confirmed the membership (`routes::extractors` builds
//! them from requests).

use frontdesk_domain::{Account, AccountId, Clinic, ClinicAction, ClinicId, HqRole, Role};

use crate::problem::ApiError;

/// An authenticated account (its token verified; the account not yet loaded).
#[derive(Debug, Clone, Copy)]
pub struct Caller {
    /// Who is calling.
    pub account_id: AccountId,
}

/// A caller with an HQ role, account loaded.
#[derive(Debug, Clone)]
pub struct HqCaller {
    /// The operator's account.
    pub account: Account,
    /// Their HQ role.
    pub role: HqRole,
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
pub(crate) fn not_a_member() -> ApiError {
    ApiError::NotFound("no such clinic, or you are not a member of it".into())
}
