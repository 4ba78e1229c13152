//! The seeded instruments: PHQ-9, GAD-7, PHQ-2, GAD-2 (Pfizer; free to use), item text and
//! options as published.

use super::definition::{
    Band, ChoiceOption, Definition, FlagRule, Item, ItemType, Operator, ScoreMethod, Scoring,
};

/// The licence note of the PHQ and GAD-7 screeners.
pub const PFIZER_LICENCE: &str = "PHQ and GAD-7 screeners developed by Drs. Robert L. Spitzer, Janet B.W. Williams, \
Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, \
translate, display or distribute.";

const STEM: &str =
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?";

/// A questionnaire to create at start-up, with its first (published) version.
#[derive(Debug, Clone)]
pub struct SeedQuestionnaire {
    /// Slug.
    pub slug: &'static str,
    /// Title.
    pub title: &'static str,
    /// Plain-language description (includes the question stem).
    pub description: &'static str,
    /// Licence / source note.
    pub licence: &'static str,
    /// LOINC code of the panel.
    pub loinc_panel: Option<&'static str>,
    /// LOINC code of the total score.
    pub loinc_total: Option<&'static str>,
    /// Recommended days between responses.
    pub recommended_interval_days: i32,
    /// Conditions it is linked to.
    pub condition_slugs: &'static [&'static str],
    /// Version 1.
    pub definition: Definition,
}

fn frequency() -> Vec<ChoiceOption> {
    ["Not at all", "Several days", "More than half the days", "Nearly every day"]
        .iter()
        .enumerate()
        .map(|(i, l)| ChoiceOption { value: i as f64, label: (*l).to_string() })
        .collect()
}

fn item(key: &str, text: &str, loinc: Option<&str>) -> Item {
    Item {
        key: key.into(),
        text: text.into(),
        help: None,
        item_type: ItemType::SingleChoice,
        options: frequency(),
        min: None,
        max: None,
        required: true,
        enable_when: None,
        loinc: loinc.map(str::to_string),
        scored: true,
        reverse: false,
    }
}

fn band(min: f64, max: f64, label: &str) -> Band {
    Band { min, max, label: label.into(), description: None }
}

const PHQ9_ITEMS: [(&str, &str); 9] = [
    ("Little interest or pleasure in doing things", "44250-9"),
    ("Feeling down, depressed, or hopeless", "44255-8"),
    ("Trouble falling or staying asleep, or sleeping too much", "44259-0"),
    ("Feeling tired or having little energy", "44254-1"),
    ("Poor appetite or overeating", "44251-7"),
    ("Feeling bad about yourself — or that you are a failure or have let yourself or your family down", "44258-2"),
    ("Trouble concentrating on things, such as reading the newspaper or watching television", "44252-5"),
    ("Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual", "44253-3"),
    ("Thoughts that you would be better off dead or of hurting yourself in some way", "44260-8"),
];

const GAD7_ITEMS: [(&str, &str); 7] = [
    ("Feeling nervous, anxious or on edge", "69725-0"),
    ("Not being able to stop or control worrying", "68509-9"),
    ("Worrying too much about different things", "69733-4"),
    ("Trouble relaxing", "69734-2"),
    ("Being so restless that it is hard to sit still", "69735-9"),
    ("Becoming easily annoyed or irritable", "69689-8"),
    ("Feeling afraid as if something awful might happen", "69736-7"),
];

fn scoring() -> Scoring {
    Scoring { method: ScoreMethod::Sum, items: None, subscales: Vec::new() }
}

/// PHQ-9 version 1.
pub fn phq9() -> Definition {
    let mut items: Vec<Item> = PHQ9_ITEMS
        .iter()
        .enumerate()
        .map(|(i, (t, l))| item(&format!("q{}", i + 1), t, Some(l)))
        .collect();
    items.push(Item {
        key: "difficulty".into(),
        text: "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?".into(),
        options: ["Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult"]
            .iter()
            .enumerate()
            .map(|(i, l)| ChoiceOption { value: i as f64, label: (*l).to_string() })
            .collect(),
        required: false,
        scored: false,
        loinc: Some("69722-7".into()),
        ..item("difficulty", "", None)
    });
    Definition {
        items,
        scoring: scoring(),
        bands: vec![
            band(0.0, 4.0, "minimal"),
            band(5.0, 9.0, "mild"),
            band(10.0, 14.0, "moderate"),
            band(15.0, 19.0, "moderately severe"),
            band(20.0, 27.0, "severe"),
        ],
        flags: vec![FlagRule {
            flag: "self_harm_risk".into(),
            item: Some("q9".into()),
            subscale: None,
            operator: Operator::Gt,
            value: 0.0,
        }],
        covers: vec!["phq-2".into()],
    }
}

/// GAD-7 version 1.
pub fn gad7() -> Definition {
    Definition {
        items: GAD7_ITEMS
            .iter()
            .enumerate()
            .map(|(i, (t, l))| item(&format!("q{}", i + 1), t, Some(l)))
            .collect(),
        scoring: scoring(),
        bands: vec![
            band(0.0, 4.0, "minimal"),
            band(5.0, 9.0, "mild"),
            band(10.0, 14.0, "moderate"),
            band(15.0, 21.0, "severe"),
        ],
        flags: Vec::new(),
        covers: vec!["gad-2".into()],
    }
}

fn screen(items: Vec<Item>) -> Definition {
    Definition {
        items,
        scoring: scoring(),
        bands: vec![band(0.0, 2.0, "negative screen"), band(3.0, 6.0, "positive screen")],
        flags: Vec::new(),
        covers: Vec::new(),
    }
}

/// Every seeded questionnaire.
pub fn seeds() -> Vec<SeedQuestionnaire> {
    vec![
        SeedQuestionnaire {
            slug: "phq-9",
            title: "PHQ-9 (depression)",
            description: "Nine questions about low mood and related problems, then one optional question about how much they get in the way. Over the last 2 weeks, how often have you been bothered by any of the following problems?",
            licence: PFIZER_LICENCE,
            loinc_panel: Some("44249-1"),
            loinc_total: Some("44261-6"),
            recommended_interval_days: 14,
            condition_slugs: &["depression", "bipolar-disorder"],
            definition: phq9(),
        },
        SeedQuestionnaire {
            slug: "gad-7",
            title: "GAD-7 (anxiety)",
            description: "Seven questions about worry and anxiety. Over the last 2 weeks, how often have you been bothered by the following problems?",
            licence: PFIZER_LICENCE,
            loinc_panel: Some("69737-5"),
            loinc_total: Some("70274-6"),
            recommended_interval_days: 14,
            condition_slugs: &["generalized-anxiety"],
            definition: gad7(),
        },
        SeedQuestionnaire {
            slug: "phq-2",
            title: "PHQ-2 (depression screen)",
            description: "The first two PHQ-9 questions, a quick screen for low mood. Over the last 2 weeks, how often have you been bothered by any of the following problems?",
            licence: PFIZER_LICENCE,
            loinc_panel: Some("55757-9"),
            loinc_total: Some("55758-7"),
            recommended_interval_days: 7,
            condition_slugs: &["depression", "bipolar-disorder"],
            definition: screen(phq9().items.into_iter().take(2).collect()),
        },
        SeedQuestionnaire {
            slug: "gad-2",
            title: "GAD-2 (anxiety screen)",
            description: "The first two GAD-7 questions, a quick screen for anxiety. Over the last 2 weeks, how often have you been bothered by the following problems?",
            licence: PFIZER_LICENCE,
            loinc_panel: None,
            loinc_total: None,
            recommended_interval_days: 7,
            condition_slugs: &["generalized-anxiety"],
            definition: screen(gad7().items.into_iter().take(2).collect()),
        },
    ]
}

/// The question stem shared by the seeded instruments.
pub fn stem() -> &'static str {
    STEM
}
