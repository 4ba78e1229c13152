//! `/admin/*`: account administration, researcher applications, flags and the audit log
//! (admins only).

pub mod audit_list;
pub mod flags_list;
pub mod researchers_approve;
pub mod researchers_list;
pub mod researchers_reject;
pub mod users_list;
pub mod users_suspend;
pub mod users_unsuspend;

area! {
    users_list::handler,
    users_suspend::handler,
    users_unsuspend::handler,
    audit_list::handler,
    flags_list::handler,
    researchers_list::handler,
    researchers_approve::handler,
    researchers_reject::handler,
}
