//! Units: input aliases and exact conversions to the canonical UCUM unit.

/// Maps an input unit (case-insensitive, common spellings) to its UCUM code.
pub fn canonical_unit_code(raw: &str) -> Option<&'static str> {
    let u = raw.trim().to_ascii_lowercase();
    Some(match u.as_str() {
        "kg" | "kilogram" | "kilograms" => "kg",
        "lb" | "lbs" | "[lb_av]" | "pound" | "pounds" => "[lb_av]",
        "cm" => "cm",
        "in" | "[in_i]" | "inch" | "inches" => "[in_i]",
        "cel" | "c" | "°c" | "degc" => "Cel",
        "[degf]" | "f" | "°f" | "degf" => "[degF]",
        "mm[hg]" | "mmhg" | "mm hg" => "mm[Hg]",
        "/min" | "bpm" | "beats/min" | "{beats}/min" | "beats per minute" => "/min",
        "%" | "percent" => "%",
        "mg/dl" => "mg/dL",
        "mmol/l" => "mmol/L",
        "l/min" => "L/min",
        "/d" | "steps" | "steps/d" | "{steps}/d" => "/d",
        "{score}" | "score" => "{score}",
        _ => return None,
    })
}

/// Converts `value` from one UCUM unit to another; `None` when they do not convert.
pub fn convert(value: f64, from: &str, to: &str) -> Option<f64> {
    if from == to {
        return Some(value);
    }
    Some(match (from, to) {
        ("[lb_av]", "kg") => value * 0.453_592_37,
        ("kg", "[lb_av]") => value / 0.453_592_37,
        ("[in_i]", "cm") => value * 2.54,
        ("cm", "[in_i]") => value / 2.54,
        ("[degF]", "Cel") => (value - 32.0) * 5.0 / 9.0,
        ("Cel", "[degF]") => value * 9.0 / 5.0 + 32.0,
        ("mmol/L", "mg/dL") => value * 18.016,
        ("mg/dL", "mmol/L") => value / 18.016,
        _ => return None,
    })
}

/// Rounds half away from zero to `decimals` places.
pub fn round_to(value: f64, decimals: u8) -> f64 {
    let f = 10f64.powi(i32::from(decimals));
    (value * f).round() / f
}

/// How a unit is written for people (UCUM codes such as `mm[Hg]` are for machines).
pub fn unit_label(ucum: &str) -> &str {
    match ucum {
        "mm[Hg]" => "mmHg",
        "/min" => "beats per minute",
        "[lb_av]" => "lb",
        "[in_i]" => "in",
        "Cel" => "°C",
        "[degF]" => "°F",
        "/d" => "steps",
        "{score}" => "",
        other => other,
    }
}

/// A value with its unit, for people: `128 mmHg`, `82.5 kg`, `7` (a score has no unit).
pub fn with_unit(value: f64, ucum: &str) -> String {
    let v = format!("{value}");
    let v = v.strip_suffix(".0").unwrap_or(&v).to_string();
    match unit_label(ucum) {
        "" => v,
        "°C" | "°F" | "%" => format!("{v}{}", unit_label(ucum)),
        label => format!("{v} {label}"),
    }
}
