//! `/threads/{id}`: a thread page and its posts, replies, reports of a thread, and the
//! moderators' thread actions (lock, unlock, pin, unpin, remove, restore).

pub mod get;
pub mod lock;
pub mod pin;
pub mod posts_create;
pub mod posts_list;
pub mod remove;
pub mod reports_create;
pub mod restore;
pub mod unlock;
pub mod unpin;

area! {
    get::handler,
    posts_list::handler,
    posts_create::handler,
    reports_create::handler,
    lock::handler,
    unlock::handler,
    pin::handler,
    unpin::handler,
    remove::handler,
    restore::handler,
}
