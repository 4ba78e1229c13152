//! Cells of CSV files Kindred writes (exports for spreadsheets and for researchers).
//!
//! A spreadsheet treats a cell starting with `=`, `+`, `-`, `@` (or a tab or carriage return
//! before one) as a formula, so text a member typed could run as one on a researcher's or a
//! clinician's machine ("CSV injection"). Every text cell of every CSV Kindred writes goes
//! through [`safe`]; numbers are written as numbers and need no guard.

/// The text as a CSV cell that no spreadsheet reads as a formula: a leading `'` is added
/// when the text starts with a formula character.
pub fn safe(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn formula_leading_cells_are_neutralised() {
        for bad in ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"] {
            assert!(safe(bad).starts_with('\''), "{bad}");
        }
        for ok in ["blood pressure", "120/80", "", "a=b"] {
            assert_eq!(safe(ok), ok);
        }
    }
}
