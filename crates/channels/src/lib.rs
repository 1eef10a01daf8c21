//! Frontdesk's messaging channels. So far: verifying that a webhook really comes from its
//! provider, before anything in it is parsed or stored.

pub mod signature;
