//! `/auth/*`: registration, verification, login, refresh, logout, password reset.

pub mod login;
pub mod logout;
pub mod password_reset_confirm;
pub mod password_reset_request;
pub mod refresh;
pub mod register;
pub mod resend_verification;
pub mod verify_email;

use actix_web::web;

/// Registers the routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(register::handler)
        .service(verify_email::handler)
        .service(resend_verification::handler)
        .service(login::handler)
        .service(refresh::handler)
        .service(logout::handler)
        .service(password_reset_request::handler)
        .service(password_reset_confirm::handler);
}
