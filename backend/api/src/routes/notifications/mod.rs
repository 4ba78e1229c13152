//! `/me/notifications`: my in-app notifications (replies to my threads, moderation and
//! appeal outcomes) and marking them read.

pub mod list;
pub mod read;
pub mod read_all;

area! {
    list::handler,
    read_all::handler,
    read::handler,
}
