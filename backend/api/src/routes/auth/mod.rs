//! `/auth/*`: registration (and the terms it accepts), verification, login, refresh, logout,
//! password reset.

pub mod login;
pub mod logout;
pub mod password_reset_confirm;
pub mod password_reset_request;
pub mod refresh;
pub mod register;
pub mod resend_verification;
pub mod terms;
pub mod verify_email;

area! {
    register::handler,
    verify_email::handler,
    resend_verification::handler,
    login::handler,
    refresh::handler,
    logout::handler,
    password_reset_request::handler,
    password_reset_confirm::handler,
    terms::handler,
}
