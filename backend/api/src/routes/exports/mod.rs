//! Research exports: a study's researchers ask for one, watch its status and download the zip
//! (DESIGN §6.6; docs/research.md).

pub mod create;
pub mod download;
pub mod get;
pub mod list;

area! {
    create::handler,
    list::handler,
    get::handler,
    download::handler,
}
