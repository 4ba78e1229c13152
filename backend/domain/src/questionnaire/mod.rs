//! Questionnaire definitions, validation and scoring (DESIGN §6.4).
//!
//! A questionnaire version is a [`Definition`]: ordered items, scoring, bands and flags. It is
//! checked on upload by [`validate_definition`] and, once published, never changes. Answers
//! are checked and scored by [`evaluate`], entirely here, so the server and its tests agree on
//! every number.

mod definition;
mod evaluate;
pub mod seeds;
mod validate;

pub use definition::{
    Band, ChoiceOption, Definition, EnableWhen, FlagRule, Item, ItemType, Operator, ScoreMethod,
    Scoring, Subscale,
};
pub use evaluate::{evaluate, AnsweredItem, BandResult, Evaluation};
pub use validate::{score_range, validate_definition};

#[cfg(test)]
mod tests;

crate::text_enum! {
    /// Where a questionnaire version is in its life: drafted, published (immutable, answerable),
    /// retired (kept for the answers it has, no longer answerable).
    VersionStatus {
        /// Being written; only admins see it.
        Draft = "draft",
        /// Live and immutable.
        Published = "published",
        /// No longer answerable.
        Retired = "retired",
    }
}
