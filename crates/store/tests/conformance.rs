//! One suite, two backends: every story runs against SQLite and against PostgreSQL.

use std::sync::Arc;

use chrono::{Duration, Utc};
use frontdesk_domain::{
    AccountId, ClinicName, ClinicProfile, Email, HqRole, InvitationId, Language, PersonName, Role,
    Slug, TimeZone,
};
use frontdesk_store::{
    NewAccount, NewInvitation, NewRefreshToken, NextRefreshToken, Rotation, Store, StoreError,
    testing,
};
use uuid::Uuid;

struct Db {
    store: Arc<dyn Store>,
    _dir: Option<tempfile::TempDir>,
}

async fn sqlite() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let store = frontdesk_store::connect(&testing::fresh_sqlite_url(dir.path()), 4)
        .await
        .unwrap();
    store.migrate().await.unwrap();
    Db {
        store,
        _dir: Some(dir),
    }
}

async fn postgres() -> Db {
    let store = frontdesk_store::connect(&testing::fresh_postgres_url().await, 8)
        .await
        .unwrap();
    store.migrate().await.unwrap();
    Db { store, _dir: None }
}

macro_rules! on_both_backends {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $story() { let db = crate::sqlite().await; super::$story(&*db.store).await; })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $story() { let db = crate::postgres().await; super::$story(&*db.store).await; })*
        }
    };
}

on_both_backends!(
    migrations_are_idempotent_and_current,
    accounts_are_unique_by_email,
    signup_creates_account_and_clinic_together,
    clinic_settings_round_trip,
    clinics_are_listed_in_pages,
    access_requires_membership,
    members_are_scoped_to_their_clinic,
    a_clinic_always_keeps_an_owner,
    concurrent_demotions_keep_an_owner,
    invitations_are_single_use_and_expire,
    refresh_tokens_rotate_and_reuse_revokes_the_family,
    password_change_revokes_sessions,
    login_failures_are_counted_per_key,
);

fn new_account(email: &str) -> NewAccount {
    NewAccount {
        id: AccountId::new(),
        email: Email::parse("email", email).unwrap(),
        name: PersonName::parse("name", "Ayşe Yılmaz").unwrap(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        hq_role: None,
        created_at: Utc::now(),
    }
}

fn profile(name: &str) -> ClinicProfile {
    ClinicProfile::new(
        ClinicName::parse("name", name).unwrap(),
        TimeZone::parse("tz", "Europe/Istanbul").unwrap(),
        Language::Tr,
    )
}

fn slug(s: &str) -> Slug {
    Slug::parse("slug", s).unwrap()
}

async fn clinic_with_owner(
    store: &dyn Store,
    s: &str,
    email: &str,
) -> (frontdesk_domain::Clinic, AccountId) {
    let (account, clinic) = store
        .create_account_with_clinic(&new_account(email), &slug(s), &profile("Clinic"))
        .await
        .unwrap();
    (clinic, account.id)
}

fn next(hash: &str, ttl: Duration) -> NextRefreshToken {
    NextRefreshToken {
        token_hash: hash.into(),
        expires_at: Utc::now() + ttl,
    }
}

fn refresh(hash: &str, account: AccountId, ttl: Duration) -> NewRefreshToken {
    NewRefreshToken {
        token_hash: hash.into(),
        family_id: Uuid::now_v7(),
        account_id: account,
        created_at: Utc::now(),
        expires_at: Utc::now() + ttl,
    }
}

async fn migrations_are_idempotent_and_current(store: &dyn Store) {
    assert_eq!(
        store.migrate().await.unwrap(),
        0,
        "second run applies nothing"
    );
    let v = store.schema_version().await.unwrap();
    assert!(v.is_current(), "{v:?}");
    assert!(v.applied >= 1);
    store.ping().await.unwrap();
}

async fn accounts_are_unique_by_email(store: &dyn Store) {
    let a = store
        .create_account(&new_account("ana@clinic.com"))
        .await
        .unwrap();
    assert_eq!(a.email.as_str(), "ana@clinic.com");
    let again = store
        .create_account(&new_account("ana@clinic.com"))
        .await
        .unwrap_err();
    assert!(
        matches!(again, StoreError::Conflict(ref m) if m.contains("ana@clinic.com")),
        "{again:?}"
    );

    let (found, hash) = store
        .account_credentials(&Email::parse("e", "ANA@clinic.com").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found, a);
    assert!(hash.starts_with("$argon2id$"));
    assert_eq!(store.account(a.id).await.unwrap().unwrap(), a);
    assert!(store.account(AccountId::new()).await.unwrap().is_none());

    store
        .set_hq_role(a.id, Some(HqRole::Superadmin))
        .await
        .unwrap();
    assert_eq!(
        store.account(a.id).await.unwrap().unwrap().hq_role,
        Some(HqRole::Superadmin)
    );
    assert!(matches!(
        store.set_hq_role(AccountId::new(), None).await,
        Err(StoreError::NotFound)
    ));
}

async fn signup_creates_account_and_clinic_together(store: &dyn Store) {
    let (clinic, owner) = clinic_with_owner(store, "bright-smile", "owner@bright.com").await;
    let memberships = store.memberships(owner).await.unwrap();
    assert_eq!(memberships.len(), 1);
    assert_eq!(memberships[0].clinic_id, clinic.id);
    assert_eq!(memberships[0].role, Role::Owner);

    // Slug taken: the whole sign-up fails and the account is not left behind.
    let err = store
        .create_account_with_clinic(
            &new_account("late@x.com"),
            &slug("bright-smile"),
            &profile("Other"),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(ref m) if m.contains("bright-smile")),
        "{err:?}"
    );
    assert!(
        store
            .account_credentials(&Email::parse("e", "late@x.com").unwrap())
            .await
            .unwrap()
            .is_none(),
        "a failed sign-up must not leave an account"
    );
}

async fn clinic_settings_round_trip(store: &dyn Store) {
    let (clinic, _) = clinic_with_owner(store, "saude", "dono@saude.com.br").await;
    let mut p = clinic.profile.clone();
    p.name = ClinicName::parse("n", "Clínica Saúde").unwrap();
    p.time_zone = TimeZone::parse("tz", "America/Sao_Paulo").unwrap();
    p.default_language = Language::Pt;
    p.languages = vec![Language::Pt, Language::Es];
    p.contact.phone = Some("+551130000000".into());
    p.address = "Av. Paulista, 1000\nSão Paulo".into();
    p.emergency_instructions = "Ligue 192.".into();
    p.persona.name = "Bia".into();
    p.opening_hours.saturday =
        vec![frontdesk_domain::TimeRange::parse("r", "08:00-12:00").unwrap()];
    let updated = store.update_clinic(clinic.id, &p).await.unwrap();
    assert_eq!(updated.profile, p);
    assert!(updated.updated_at >= clinic.updated_at);
    let read = store.clinic(clinic.id).await.unwrap();
    assert_eq!(read, updated);
    assert_eq!(
        store
            .clinic_by_slug_unscoped(&slug("saude"))
            .await
            .unwrap()
            .unwrap(),
        updated
    );
    assert!(matches!(
        store.clinic(frontdesk_domain::ClinicId::new()).await,
        Err(StoreError::NotFound)
    ));
}

async fn clinics_are_listed_in_pages(store: &dyn Store) {
    for (i, s) in ["c-three", "a-one", "b-two"].iter().enumerate() {
        store
            .create_clinic(&slug(s), &profile(&format!("Clinic {i}")), None)
            .await
            .unwrap();
    }
    let first = store.list_clinics(None, 2).await.unwrap();
    let names: Vec<_> = first.iter().map(|c| c.slug.as_str()).collect();
    assert_eq!(names, ["a-one", "b-two"]);
    let rest = store.list_clinics(Some(&first[1].slug), 2).await.unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].slug.as_str(), "c-three");
}

async fn access_requires_membership(store: &dyn Store) {
    let (a, owner_a) = clinic_with_owner(store, "clinic-a", "a@a.com").await;
    let (_b, owner_b) = clinic_with_owner(store, "clinic-b", "b@b.com").await;
    let (clinic, role) = store
        .clinic_access(owner_a, &slug("clinic-a"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((clinic.id, role), (a.id, Role::Owner));
    assert!(
        store
            .clinic_access(owner_b, &slug("clinic-a"))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .clinic_access(owner_a, &slug("no-such"))
            .await
            .unwrap()
            .is_none()
    );

    // One person in two clinics.
    store.add_member(a.id, owner_b, Role::Staff).await.unwrap();
    let (_, role) = store
        .clinic_access(owner_b, &slug("clinic-a"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(role, Role::Staff);
    assert_eq!(store.memberships(owner_b).await.unwrap().len(), 2);
    let (account, memberships) = store
        .account_with_memberships(owner_b)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(account.id, owner_b);
    assert_eq!(memberships, store.memberships(owner_b).await.unwrap());
    let loner = store
        .create_account(&new_account("loner@x.com"))
        .await
        .unwrap();
    let (_, none) = store
        .account_with_memberships(loner.id)
        .await
        .unwrap()
        .unwrap();
    assert!(none.is_empty());
    assert!(
        store
            .account_with_memberships(AccountId::new())
            .await
            .unwrap()
            .is_none()
    );
}

async fn members_are_scoped_to_their_clinic(store: &dyn Store) {
    let (a, owner_a) = clinic_with_owner(store, "clinic-a", "a@a.com").await;
    let (b, _) = clinic_with_owner(store, "clinic-b", "b@b.com").await;
    let staff = store
        .create_account(&new_account("staff@a.com"))
        .await
        .unwrap();
    let m = store.add_member(a.id, staff.id, Role::Staff).await.unwrap();
    assert_eq!(m.role, Role::Staff);
    assert!(matches!(
        store.add_member(a.id, staff.id, Role::Admin).await,
        Err(StoreError::Conflict(_))
    ));
    let members = store.members(a.id).await.unwrap();
    assert_eq!(
        members.iter().map(|m| m.account_id).collect::<Vec<_>>(),
        vec![owner_a, staff.id]
    );

    // Clinic B's id cannot see, change or remove clinic A's member.
    assert!(store.member(b.id, staff.id).await.unwrap().is_none());
    assert!(matches!(
        store.change_role(b.id, staff.id, Role::Admin).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.remove_member(b.id, staff.id, Utc::now()).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.members(b.id).await.unwrap().len(), 1);

    assert_eq!(
        store
            .change_role(a.id, staff.id, Role::Admin)
            .await
            .unwrap()
            .role,
        Role::Admin
    );
    store
        .remove_member(a.id, staff.id, Utc::now())
        .await
        .unwrap();
    assert!(store.member(a.id, staff.id).await.unwrap().is_none());
}

async fn a_clinic_always_keeps_an_owner(store: &dyn Store) {
    let (c, owner) = clinic_with_owner(store, "solo", "solo@x.com").await;
    assert!(matches!(
        store.change_role(c.id, owner, Role::Admin).await,
        Err(StoreError::LastOwner)
    ));
    assert!(matches!(
        store.remove_member(c.id, owner, Utc::now()).await,
        Err(StoreError::LastOwner)
    ));
    assert_eq!(
        store.member(c.id, owner).await.unwrap().unwrap().role,
        Role::Owner
    );

    let second = store
        .create_account(&new_account("second@x.com"))
        .await
        .unwrap();
    store
        .add_member(c.id, second.id, Role::Owner)
        .await
        .unwrap();
    store.change_role(c.id, owner, Role::Staff).await.unwrap();
    assert!(matches!(
        store.remove_member(c.id, second.id, Utc::now()).await,
        Err(StoreError::LastOwner)
    ));
}

async fn concurrent_demotions_keep_an_owner(store: &dyn Store) {
    let (c, first) = clinic_with_owner(store, "duo", "one@x.com").await;
    let second = store
        .create_account(&new_account("two@x.com"))
        .await
        .unwrap();
    store
        .add_member(c.id, second.id, Role::Owner)
        .await
        .unwrap();
    let (r1, r2) = tokio::join!(
        store.change_role(c.id, first, Role::Staff),
        store.remove_member(c.id, second.id, Utc::now()),
    );
    let ok = [r1.is_ok(), r2.is_ok()].iter().filter(|x| **x).count();
    assert_eq!(
        ok, 1,
        "exactly one of two racing demotions may win: {r1:?} {r2:?}"
    );
    let owners = store
        .members(c.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.role == Role::Owner)
        .count();
    assert_eq!(owners, 1);
}

async fn invitations_are_single_use_and_expire(store: &dyn Store) {
    let (a, owner) = clinic_with_owner(store, "clinic-a", "a@a.com").await;
    let (b, _) = clinic_with_owner(store, "clinic-b", "b@b.com").await;
    let now = Utc::now();
    let invite = |email: &str, hash: &str, expires| NewInvitation {
        id: InvitationId::new(),
        email: Email::parse("e", email).unwrap(),
        role: Role::Staff,
        token_hash: hash.into(),
        invited_by: owner,
        created_at: now,
        expires_at: expires,
    };
    let inv = store
        .create_invitation(a.id, &invite("new@a.com", "h1", now + Duration::days(7)))
        .await
        .unwrap();
    assert!(matches!(
        store
            .create_invitation(a.id, &invite("new@a.com", "h2", now + Duration::days(7)))
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(store.invitations(a.id).await.unwrap(), vec![inv.clone()]);
    assert!(store.invitations(b.id).await.unwrap().is_empty());

    // The invited e-mail must match.
    assert!(matches!(
        store
            .accept_invitation("h1", &new_account("other@a.com"), now)
            .await,
        Err(StoreError::InvitationInvalid)
    ));
    let (account, membership) = store
        .accept_invitation("h1", &new_account("new@a.com"), now)
        .await
        .unwrap();
    assert_eq!((membership.clinic_id, membership.role), (a.id, Role::Staff));
    assert_eq!(
        store.member(a.id, account.id).await.unwrap().unwrap().role,
        Role::Staff
    );
    assert!(matches!(
        store
            .accept_invitation("h1", &new_account("new2@a.com"), now)
            .await,
        Err(StoreError::InvitationInvalid)
    ));
    assert!(store.invitations(a.id).await.unwrap().is_empty());

    // Expired invitations cannot be used, and do not block a new one.
    store
        .create_invitation(
            a.id,
            &invite("late@a.com", "h3", now + Duration::seconds(1)),
        )
        .await
        .unwrap();
    assert!(matches!(
        store
            .accept_invitation("h3", &new_account("late@a.com"), now + Duration::seconds(2))
            .await,
        Err(StoreError::InvitationInvalid)
    ));
    let mut fresh = invite("late@a.com", "h4", now + Duration::days(7));
    fresh.created_at = now + Duration::seconds(2);
    store.create_invitation(a.id, &fresh).await.unwrap();

    // Revoking is scoped to the clinic.
    assert!(matches!(
        store.revoke_invitation(b.id, fresh.id).await,
        Err(StoreError::NotFound)
    ));
    store.revoke_invitation(a.id, fresh.id).await.unwrap();
    assert!(matches!(
        store
            .accept_invitation("h4", &new_account("late@a.com"), now)
            .await,
        Err(StoreError::InvitationInvalid)
    ));
}

async fn refresh_tokens_rotate_and_reuse_revokes_the_family(store: &dyn Store) {
    let a = store.create_account(&new_account("r@x.com")).await.unwrap();
    let now = Utc::now();
    store
        .insert_refresh_token(&refresh("t1", a.id, Duration::days(30)))
        .await
        .unwrap();
    let r = store
        .rotate_refresh_token("t1", &next("t2", Duration::days(30)), now)
        .await
        .unwrap();
    assert_eq!(r, Rotation::Rotated { account_id: a.id });
    let r = store
        .rotate_refresh_token("t2", &next("t3", Duration::days(30)), now)
        .await
        .unwrap();
    assert_eq!(r, Rotation::Rotated { account_id: a.id });

    // t1 again: a thief or a replay. The family, including t3, dies.
    let r = store
        .rotate_refresh_token("t1", &next("t4", Duration::days(30)), now)
        .await
        .unwrap();
    assert_eq!(r, Rotation::Reused);
    let r = store
        .rotate_refresh_token("t3", &next("t5", Duration::days(30)), now)
        .await
        .unwrap();
    assert_eq!(r, Rotation::Revoked);
    assert_eq!(
        store
            .rotate_refresh_token("nope", &next("t6", Duration::days(30)), now)
            .await
            .unwrap(),
        Rotation::Unknown
    );

    // Another login's family is untouched; logout revokes it.
    store
        .insert_refresh_token(&refresh("u1", a.id, Duration::days(30)))
        .await
        .unwrap();
    store.revoke_refresh_family("u1", now).await.unwrap();
    assert_eq!(
        store
            .rotate_refresh_token("u1", &next("u2", Duration::days(30)), now)
            .await
            .unwrap(),
        Rotation::Revoked
    );

    store
        .insert_refresh_token(&refresh("old", a.id, Duration::seconds(1)))
        .await
        .unwrap();
    assert_eq!(
        store
            .rotate_refresh_token(
                "old",
                &next("x", Duration::days(1)),
                now + Duration::seconds(5)
            )
            .await
            .unwrap(),
        Rotation::Expired
    );
}

async fn password_change_revokes_sessions(store: &dyn Store) {
    let a = store.create_account(&new_account("p@x.com")).await.unwrap();
    store
        .insert_refresh_token(&refresh("p1", a.id, Duration::days(30)))
        .await
        .unwrap();
    store
        .set_password_hash(a.id, "$argon2id$new")
        .await
        .unwrap();
    let (_, hash) = store.account_credentials(&a.email).await.unwrap().unwrap();
    assert_eq!(hash, "$argon2id$new");
    assert_eq!(
        store
            .rotate_refresh_token("p1", &next("p2", Duration::days(30)), Utc::now())
            .await
            .unwrap(),
        Rotation::Revoked
    );
    assert!(matches!(
        store.set_password_hash(AccountId::new(), "x").await,
        Err(StoreError::NotFound)
    ));
}

async fn login_failures_are_counted_per_key(store: &dyn Store) {
    let now = Utc::now();
    let keys = vec!["account:a@x.com".to_string(), "ip:127.0.0.1".to_string()];
    for i in 0..3 {
        store
            .record_login_failure(&keys, now - Duration::minutes(i))
            .await
            .unwrap();
    }
    store
        .record_login_failure(&["ip:127.0.0.1".to_string()], now - Duration::hours(2))
        .await
        .unwrap();
    let since = now - Duration::minutes(15);
    assert_eq!(
        store
            .login_failures_since("account:a@x.com", since)
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        store
            .login_failures_since("ip:127.0.0.1", since)
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        store
            .login_failures_since("ip:127.0.0.1", now - Duration::hours(3))
            .await
            .unwrap(),
        4
    );
    store
        .clear_login_failures("account:a@x.com", now - Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(
        store
            .login_failures_since("account:a@x.com", since)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .login_failures_since("ip:127.0.0.1", now - Duration::hours(3))
            .await
            .unwrap(),
        3
    );
}

#[path = "conformance/scheduling.rs"]
mod scheduling;

#[path = "conformance/jobs.rs"]
mod jobs;

#[path = "conformance/messaging.rs"]
mod messaging;

#[path = "conformance/knowledge.rs"]
mod knowledge;

#[path = "conformance/assistant.rs"]
mod assistant;
