//! HTTP routes, one module per resource; each handler parses, authorizes, calls one service
//! function and renders.

pub mod auth;
pub mod clinics;
pub mod health;
pub mod hq;
pub mod me;
pub mod members;

use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

/// Every documented route.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(health::routes())
        .merge(auth::routes())
        .merge(me::routes())
        .merge(clinics::routes())
        .merge(members::routes())
        .merge(hq::routes())
}
