//! `/me/*`: the signed-in member's own account, sessions, data and conditions.

pub mod change_password;
pub mod conditions_add;
pub mod conditions_list;
pub mod conditions_remove;
pub mod data_access;
pub mod delete;
pub mod export;
pub mod get;
pub mod sessions_list;
pub mod sessions_revoke;
pub mod update;

area! {
    get::handler,
    update::handler,
    delete::handler,
    change_password::handler,
    sessions_list::handler,
    sessions_revoke::handler,
    export::handler,
    conditions_list::handler,
    conditions_add::handler,
    conditions_remove::handler,
    data_access::handler,
}
