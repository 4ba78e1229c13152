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
