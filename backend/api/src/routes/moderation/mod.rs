//! `/reports/{id}/resolve` and `/appeals`: resolving reports, and members' appeals of
//! moderator actions (filing, the resolvers' queue, resolving).

pub mod appeals_create;
pub mod appeals_list;
pub mod appeals_resolve;
pub mod reports_resolve;

area! {
    reports_resolve::handler,
    appeals_create::handler,
    appeals_list::handler,
    appeals_resolve::handler,
}
