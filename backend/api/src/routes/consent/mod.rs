//! Consent (DESIGN §6.6; docs/research.md): the comprehension check, my invitations, granting
//! and withdrawing consent to a study, and my receipts.

pub mod check_get;
pub mod check_pass;
pub mod grant;
pub mod invitations;
pub mod receipt_get;
pub mod receipts_list;
pub mod withdraw;

area! {
    check_get::handler,
    check_pass::handler,
    invitations::handler,
    grant::handler,
    withdraw::handler,
    receipts_list::handler,
    receipt_get::handler,
}
