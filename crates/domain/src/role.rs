//! Roles in a clinic and at HQ, and what each may do.

use serde::{Deserialize, Serialize};

use crate::validation::Invalid;

/// A member's role in one clinic.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the clinic's account: everything, including granting ownership.
    Owner,
    /// Manages settings and staff, but not owners.
    Admin,
    /// Front-desk staff: calendar, inbox, patients.
    Staff,
    /// A doctor or therapist: their own calendar and patients.
    Practitioner,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 4] = [Role::Owner, Role::Admin, Role::Staff, Role::Practitioner];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::Practitioner => "practitioner",
        }
    }

    /// Parses a stored or submitted role name.
    pub fn parse(field: &str, value: &str) -> Result<Self, Invalid> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == value)
            .ok_or_else(|| {
                Invalid::field(
                    field,
                    format!("unknown role {value:?}; use owner, admin, staff or practitioner"),
                )
            })
    }

    /// Whether this role may perform `action` in its clinic.
    pub fn may(self, action: ClinicAction) -> bool {
        use ClinicAction::*;
        match action {
            ViewClinic | ListMembers | ViewSchedule | BookAppointments | UseInbox => true,
            UpdateSettings | InviteMembers | RemoveMembers | ChangeRoles | ManageSchedule
            | ManageChannels => {
                matches!(self, Role::Owner | Role::Admin)
            }
            ManageKnowledge => !matches!(self, Role::Practitioner),
        }
    }

    /// Whether `caller`, holding this role, may book or change appointments of a practitioner
    /// linked to `practitioner_account`: practitioners only their own calendar, everyone else
    /// any.
    pub fn may_change_calendar_of(
        self,
        caller: crate::AccountId,
        practitioner_account: Option<crate::AccountId>,
    ) -> bool {
        self != Role::Practitioner || practitioner_account == Some(caller)
    }

    /// Whether this role may grant, change or remove a membership holding `target`.
    /// Only owners touch owners; admins manage everyone else.
    pub fn may_manage(self, target: Role) -> bool {
        match self {
            Role::Owner => true,
            Role::Admin => target != Role::Owner,
            Role::Staff | Role::Practitioner => false,
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something a member can do in a clinic; checked against their role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClinicAction {
    /// Read the clinic's settings.
    ViewClinic,
    /// Change the clinic's settings.
    UpdateSettings,
    /// See who belongs to the clinic.
    ListMembers,
    /// Invite someone to the clinic.
    InviteMembers,
    /// Remove a member or revoke an invitation.
    RemoveMembers,
    /// Change a member's role.
    ChangeRoles,
    /// See services, practitioners, hours, availability and the calendar.
    ViewSchedule,
    /// Change services, practitioners, hours, exceptions, closures, booking rules and feeds.
    ManageSchedule,
    /// Book, move, cancel and check in appointments (practitioners: their own); see and edit
    /// patients.
    BookAppointments,
    /// Read and answer conversations, take them over and hand them back.
    UseInbox,
    /// Connect channels, their credentials and templates; send test messages.
    ManageChannels,
    /// Upload, replace and delete documents; write FAQs.
    ManageKnowledge,
}

/// A role at HQ, the operator that runs many clinics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HqRole {
    /// Full control over every clinic.
    Superadmin,
    /// Operations: read-only views across clinics.
    Ops,
}

impl HqRole {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            HqRole::Superadmin => "superadmin",
            HqRole::Ops => "ops",
        }
    }

    /// Parses a stored HQ role name.
    pub fn parse(field: &str, value: &str) -> Result<Self, Invalid> {
        match value {
            "superadmin" => Ok(HqRole::Superadmin),
            "ops" => Ok(HqRole::Ops),
            _ => Err(Invalid::field(
                field,
                format!("unknown HQ role {value:?}; use superadmin or ops"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_owners_and_admins_manage() {
        for role in Role::ALL {
            assert!(role.may(ClinicAction::ViewClinic));
            let manager = matches!(role, Role::Owner | Role::Admin);
            assert_eq!(role.may(ClinicAction::UpdateSettings), manager, "{role}");
            assert_eq!(role.may(ClinicAction::InviteMembers), manager, "{role}");
            assert_eq!(role.may(ClinicAction::RemoveMembers), manager, "{role}");
            assert_eq!(role.may(ClinicAction::ChangeRoles), manager, "{role}");
        }
    }

    #[test]
    fn admins_cannot_touch_owners() {
        assert!(Role::Owner.may_manage(Role::Owner));
        assert!(!Role::Admin.may_manage(Role::Owner));
        assert!(Role::Admin.may_manage(Role::Admin));
        assert!(Role::Admin.may_manage(Role::Staff));
        assert!(!Role::Staff.may_manage(Role::Practitioner));
    }

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse("r", role.as_str()).unwrap(), role);
        }
        assert!(Role::parse("r", "root").is_err());
        assert_eq!(HqRole::parse("h", "ops").unwrap(), HqRole::Ops);
    }
}
