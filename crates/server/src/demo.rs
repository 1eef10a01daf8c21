//! `serve --demo`: a ready-made clinic to try Frontdesk with. Seeding twice changes nothing.

use frontdesk_domain::clinic::Contact;
use frontdesk_domain::{
    ClinicName, ClinicProfile, Email, Language, OpeningHours, Password, PersonName, Persona, Slug,
    TimeRange, TimeZone, clinic::Tone,
};
use frontdesk_store::StoreError;

use crate::state::AppState;

/// The demo clinic's slug.
pub const SLUG: &str = "bright-smile";
/// The demo owner's login.
pub const OWNER_EMAIL: &str = "owner@brightsmile.example";

/// What seeding did.
#[derive(Debug)]
pub enum Seeded {
    /// Created now; the password is shown this once.
    Created {
        /// The owner's generated password.
        password: String,
    },
    /// It was there already.
    Existing,
}

fn range(text: &str) -> Vec<TimeRange> {
    text.split(',')
        .filter_map(|r| TimeRange::parse("demo", r).ok())
        .collect()
}

fn profile() -> Result<ClinicProfile, frontdesk_domain::Invalid> {
    let mut p = ClinicProfile::new(
        ClinicName::parse("name", "Bright Smile Dental")?,
        TimeZone::parse("time_zone", "Europe/Istanbul")?,
        Language::En,
    );
    p.languages = vec![Language::En, Language::Tr, Language::Pt, Language::Es];
    p.contact = Contact {
        phone: Some("+902125550100".into()),
        email: Some("hello@brightsmile.example".into()),
        website: Some("https://brightsmile.example".into()),
    };
    p.address = "Bağdat Caddesi 123, Kadıköy, İstanbul".into();
    let weekday = range("09:00-13:00,14:00-19:00");
    p.opening_hours = OpeningHours {
        monday: weekday.clone(),
        tuesday: weekday.clone(),
        wednesday: weekday.clone(),
        thursday: weekday.clone(),
        friday: weekday,
        saturday: range("10:00-14:00"),
        sunday: vec![],
    };
    p.emergency_instructions = "For a medical emergency call 112 now. For severe dental pain or swelling outside our hours, call our on-call line +90 212 555 0199.".into();
    p.persona = Persona {
        name: "Ayla".into(),
        tone: Tone::Friendly,
        custom_instructions: String::new(),
    };
    p.validated()
}

/// Creates the demo clinic and its owner unless they exist.
pub async fn seed(state: &AppState) -> anyhow::Result<Seeded> {
    let slug = Slug::parse("slug", SLUG)?;
    if state.store.clinic_by_slug_unscoped(&slug).await?.is_some() {
        return Ok(Seeded::Existing);
    }
    let password = crate::auth::token::new_opaque_token()?
        .chars()
        .take(20)
        .collect::<String>();
    let email = Email::parse("email", OWNER_EMAIL)?;
    let checked = Password::new("password", &password, Some(&email))?;
    let hash = state.hasher.hash(checked.expose().to_string()).await?;
    let owner = frontdesk_store::NewAccount {
        id: frontdesk_domain::AccountId::new(),
        email,
        name: PersonName::parse("name", "Demo Owner")?,
        password_hash: hash,
        hq_role: None,
        created_at: chrono::Utc::now(),
    };
    match state
        .store
        .create_account_with_clinic(&owner, &slug, &profile()?)
        .await
    {
        Ok((_, clinic)) => {
            seed_calendar(state, &clinic).await?;
            seed_web_chat(state, &clinic).await?;
            Ok(Seeded::Created { password })
        }
        // Another process seeded at the same moment, or the e-mail was taken by hand.
        Err(StoreError::Conflict(_)) => Ok(Seeded::Existing),
        Err(e) => Err(e.into()),
    }
}

/// A web chat, so a patient's side can be tried at `/chat/bright-smile` at once.
async fn seed_web_chat(state: &AppState, clinic: &frontdesk_domain::Clinic) -> anyhow::Result<()> {
    use crate::messaging::channel_config::{ChannelInput, ChannelSettings, record_from_input};
    let input = ChannelInput {
        kind: frontdesk_domain::messaging::ChannelKind::WebChat,
        name: "Website chat".into(),
        address: state.config.public_url.clone(),
        credentials: Default::default(),
        settings: ChannelSettings {
            debounce_ms: 1000,
            ..Default::default()
        },
        active: true,
    };
    let record = record_from_input(clinic.id, input, &state.messaging.keys)
        .map_err(|e| anyhow::anyhow!("demo web chat: {e}"))?;
    state.store.create_channel(clinic.id, &record).await?;
    Ok(())
}

/// Two practitioners and four services, so availability and booking work at once.
async fn seed_calendar(state: &AppState, clinic: &frontdesk_domain::Clinic) -> anyhow::Result<()> {
    use frontdesk_domain::scheduling::{PractitionerDetails, ServiceDetails};
    use frontdesk_domain::{PractitionerId, ServiceId};
    use serde_json::json;

    let hours = serde_json::to_value(&clinic.profile.opening_hours)?;
    let mut practitioners = vec![];
    for (name, title, specialty, languages) in [
        (
            "Elif Şahin",
            "Dt.",
            "General dentistry",
            json!(["tr", "en"]),
        ),
        ("James Carter", "Dr.", "Orthodontics", json!(["en"])),
    ] {
        let details: PractitionerDetails = serde_json::from_value(json!({
            "name": name, "title": title, "specialty": specialty,
            "languages": languages, "working_hours": hours,
        }))?;
        let id = PractitionerId::new();
        state
            .store
            .create_practitioner(clinic.id, id, &details.validated()?)
            .await?;
        practitioners.push(id);
    }
    let (elif, james) = (practitioners[0], practitioners[1]);
    for service in [
        json!({"name": {"en": "Check-up and cleaning", "tr": "Muayene ve diş temizliği", "pt": "Consulta e limpeza", "es": "Revisión y limpieza"},
               "aliases": ["cleaning", "scaling", "temizlik", "kontrol"], "duration_minutes": 45,
               "buffer_after_minutes": 10, "price": {"amount_minor": 150000, "currency": "TRY"},
               "description": "Examination, scaling and polishing.", "practitioner_ids": [elif, james]}),
        json!({"name": {"en": "Toothache examination", "tr": "Diş ağrısı muayenesi", "pt": "Avaliação de dor de dente", "es": "Consulta por dolor de muelas"},
               "aliases": ["toothache", "pain", "diş ağrısı", "ağrı"], "duration_minutes": 30,
               "price": {"amount_minor": 100000, "currency": "TRY"},
               "description": "An examination and X-ray for pain or swelling.", "practitioner_ids": [elif]}),
        json!({"name": {"en": "Teeth whitening", "tr": "Diş beyazlatma", "pt": "Clareamento dental", "es": "Blanqueamiento dental"},
               "aliases": ["whitening", "beyazlatma"], "duration_minutes": 60, "buffer_before_minutes": 10,
               "price": {"amount_minor": 600000, "currency": "TRY"}, "practitioner_ids": [elif]}),
        json!({"name": {"en": "Orthodontic consultation", "tr": "Ortodonti muayenesi", "pt": "Consulta de ortodontia", "es": "Consulta de ortodoncia"},
               "aliases": ["braces", "aligners", "tel", "şeffaf plak"], "duration_minutes": 30,
               "price": {"amount_minor": 0, "currency": "TRY"}, "practitioner_ids": [james]}),
    ] {
        let details: ServiceDetails = serde_json::from_value(service)?;
        state
            .store
            .create_service(clinic.id, ServiceId::new(), &details.validated()?)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_profile_is_valid() {
        let p = super::profile().unwrap();
        assert_eq!(p.time_zone.name(), "Europe/Istanbul");
        assert_eq!(p.opening_hours.monday.len(), 2);
    }
}
