//! Who is calling: passwords, tokens, and the extractors that turn a request into a
//! verified caller and, for clinic routes, a verified membership.

pub mod caller;
pub mod password;
pub mod throttle;
pub mod token;

pub use caller::{Caller, ClinicContext, HqCaller};
