//! `/researcher/*`: applying to become a researcher (studies, consent and exports come next).

pub mod application_create;
pub mod application_get;

area! {
    application_create::handler,
    application_get::handler,
}
