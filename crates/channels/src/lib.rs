//! Frontdesk's messaging channels: verifying that a webhook really comes from its provider,
//! reading its payload into one [`inbound::InboundEvent`] shape, and sending through each
//! provider's HTTP API ([`outbound::Sender`]).

// Library code says which invariant makes a value present instead of unwrapping it.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod inbound;
pub mod meta;
pub mod outbound;
pub mod signature;
pub mod twilio;
pub mod zapi;
