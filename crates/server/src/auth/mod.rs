//! Who is calling: passwords, tokens, throttling, and the verified caller and membership
//! that handlers receive.

pub mod caller;
pub mod password;
pub mod throttle;
pub mod token;

pub use caller::{Caller, ClinicContext, HqCaller};
