//! `/admin/*`: account administration and the audit log (admins only).

pub mod audit_list;
pub mod flags_list;
pub mod users_list;
pub mod users_suspend;
pub mod users_unsuspend;

area! {
    users_list::handler,
    users_suspend::handler,
    users_unsuspend::handler,
    audit_list::handler,
    flags_list::handler,
}
