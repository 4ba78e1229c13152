//! `/communities`: the communities, membership, a community's threads, search, moderation
//! log, moderators, report queue, held posts, warnings and bans.

pub mod bans_create;
pub mod bans_delete;
pub mod create;
pub mod get;
pub mod held;
pub mod join;
pub mod leave;
pub mod list;
pub mod mine;
pub mod moderators_add;
pub mod moderators_list;
pub mod moderators_remove;
pub mod modlog;
pub mod reports;
pub mod search;
pub mod threads_create;
pub mod threads_list;
pub mod update;
pub mod warnings_create;

area! {
    list::handler,
    create::handler,
    mine::handler,
    get::handler,
    update::handler,
    join::handler,
    leave::handler,
    threads_list::handler,
    threads_create::handler,
    search::handler,
    modlog::handler,
    moderators_list::handler,
    moderators_add::handler,
    moderators_remove::handler,
    reports::handler,
    held::handler,
    warnings_create::handler,
    bans_create::handler,
    bans_delete::handler,
}
