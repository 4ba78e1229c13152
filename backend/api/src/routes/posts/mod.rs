//! `/posts/{id}`: editing and deleting one's own posts, reporting a post, and the
//! moderators' post actions (remove, restore, approve, reject).

pub mod approve;
pub mod delete;
pub mod reject;
pub mod remove;
pub mod reports_create;
pub mod restore;
pub mod update;

area! {
    update::handler,
    delete::handler,
    reports_create::handler,
    remove::handler,
    restore::handler,
    approve::handler,
    reject::handler,
}
