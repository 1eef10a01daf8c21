//! Frontdesk's messaging channels. So far: verifying that a webhook really comes from its
//! provider, and reading its payload into one [`inbound::InboundEvent`] shape.

pub mod inbound;
pub mod meta;
pub mod signature;
pub mod twilio;
