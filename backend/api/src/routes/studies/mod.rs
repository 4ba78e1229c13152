//! `/studies`: researchers draft, change and submit studies and add fellow researchers;
//! admins review them (DESIGN §6.6; docs/research.md).

pub mod approve;
pub mod cohort;
pub mod create;
pub mod get;
pub mod list;
pub mod members_add;
pub mod reject;
pub mod submit;
pub mod update;

area! {
    list::handler,
    create::handler,
    get::handler,
    cohort::handler,
    update::handler,
    submit::handler,
    members_add::handler,
    approve::handler,
    reject::handler,
}

use kindred_app::research::studies::StudyFields;
use kindred_domain::study::{
    parse_categories, parse_ethics_reference, parse_lay_summary, parse_purpose, parse_title,
};
use kindred_domain::FieldErrors;

use crate::views::StudyRequest;
use crate::ApiError;

/// The fields of a request, each sent one checked (the use case checks what needs the
/// database and what a new study must have).
fn fields(req: StudyRequest) -> Result<StudyFields, ApiError> {
    let mut errs = FieldErrors::new();
    let title = req.title.map(|t| errs.check(parse_title(&t)));
    let lay_summary = req.lay_summary.map(|t| errs.check(parse_lay_summary(&t)));
    let purpose = req.purpose.map(|t| errs.check(parse_purpose(&t)));
    let ethics_reference = req.ethics_reference.map(|t| errs.check(parse_ethics_reference(&t)));
    let categories = req.categories.map(|cats| {
        let pairs: Vec<(String, String)> =
            cats.into_iter().map(|c| (c.category, c.reason)).collect();
        errs.check(parse_categories(&pairs))
    });
    if !errs.is_empty() {
        return Err(errs.into());
    }
    Ok(StudyFields {
        title: title.flatten(),
        lay_summary: lay_summary.flatten(),
        purpose: purpose.flatten(),
        ethics_reference: ethics_reference.flatten(),
        data_from: req.data_from,
        data_to: req.data_to,
        ends_on: req.ends_on,
        min_cohort: req.min_cohort,
        categories: categories.flatten(),
        conditions: req.conditions,
        communities: req.communities,
    })
}
