//! Apple Health import: the `export.xml` that the Health app writes (inside `export.zip`),
//! read as a stream of XML events (never a tree: exports reach gigabytes) into readings.
//!
//! What is read, from `<Record type=… unit=… value=… startDate=… sourceName=…>` elements:
//!
//! | Apple type (`HKQuantityTypeIdentifier…`) | Kindred type | units |
//! |---|---|---|
//! | `BloodPressureSystolic` + `…Diastolic` (same start) | `blood_pressure` | mmHg |
//! | `HeartRate` | `heart_rate` | count/min |
//! | `BodyMass` | `body_weight` | kg, lb |
//! | `BloodGlucose` | `blood_glucose` | mg/dL, mmol/L (Apple writes `mmol<180.15…>/L`) |
//! | `OxygenSaturation` | `spo2` | a fraction (0.97) or % |
//! | `StepCount` | `steps` (one per day) | count |
//!
//! Steps arrive as many short intervals, often from two devices (phone and watch) counting the
//! same walk: they are summed per local day and source, and the day's total is the largest
//! source's (the Health app does something similar with its source priority). Every reading
//! gets a `client_id` derived from what it is (type, time, value; for steps the day), so
//! importing the same file again adds nothing — except a day total that has grown: an export
//! made in the evening holds more of that day's steps than one made at noon, and the later,
//! larger total replaces the stored one ([`is_day_total`]). Blood pressure records appear both on their own
//! and inside `<Correlation>` elements; the pair is emitted once.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;

use chrono::{DateTime, FixedOffset};
use quick_xml::events::{BytesStart, Event};
use sha2::{Digest, Sha256};

use super::{MeasurementInput, Source};

/// Whether readings of this type are a running total for their day (steps), which a later
/// export may raise: an import replaces a stored total with a larger one under the same
/// client id, instead of skipping it as a duplicate.
pub fn is_day_total(type_slug: &str) -> bool {
    type_slug == "steps"
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppleHealthError {
    /// The XML is malformed.
    #[error("the export is not well-formed XML (near byte {position}): {message}")]
    Malformed {
        /// Byte offset in `export.xml`.
        position: u64,
        /// The parser's message.
        message: String,
    },
    /// The file is not an Apple Health export (no `<HealthData>` root).
    #[error("this is not an Apple Health export (no HealthData element)")]
    NotHealthData,
}

/// What a file holds, per Kindred type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadStats {
    /// `<Record>` elements seen (all types).
    pub records: u64,
    /// Records of types Kindred does not track.
    pub other_types: u64,
    /// Records whose value, unit or date could not be read.
    pub unreadable: u64,
}

/// Apple's time format: `2026-01-31 08:30:00 +0100`.
fn apple_time(raw: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_str(raw.trim(), "%Y-%m-%d %H:%M:%S %z").ok()
}

fn client_id(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    format!("ah-{}", &hex::encode(h.finalize())[..32])
}

#[derive(Default)]
struct Attrs {
    kind: String,
    unit: String,
    value: String,
    start: String,
    source: String,
}

fn attrs(e: &BytesStart<'_>) -> Attrs {
    let mut a = Attrs::default();
    for attr in e.attributes().flatten() {
        let v = String::from_utf8_lossy(&attr.value).into_owned();
        match attr.key.as_ref() {
            b"type" => a.kind = v,
            b"unit" => a.unit = v,
            b"value" => a.value = v,
            b"startDate" => a.start = v,
            b"sourceName" => a.source = v,
            _ => {}
        }
    }
    a
}

fn single(
    slug: &str,
    value: f64,
    unit: &str,
    at: &DateTime<FixedOffset>,
    id: String,
) -> MeasurementInput {
    MeasurementInput {
        type_slug: slug.into(),
        value: Some(value),
        unit: Some(unit.into()),
        taken_at: at.to_rfc3339(),
        source: Some(Source::Import),
        client_id: Some(id),
        confirm_unusual: true,
        ..Default::default()
    }
}

/// Reads an `export.xml` stream and calls `emit` with each reading (steps: one per day, at the
/// end). `emit` may stop the import by returning an error, which is passed back.
pub fn read_export<R: BufRead, E: From<AppleHealthError>>(
    reader: R,
    mut emit: impl FnMut(MeasurementInput) -> Result<(), E>,
) -> Result<ReadStats, E> {
    let mut xml = quick_xml::Reader::from_reader(reader);
    let mut buf = Vec::new();
    let mut stats = ReadStats::default();
    let mut seen_root = false;
    // Open elements: a file cut short ends with some still open.
    let mut depth: u64 = 0;
    // Blood pressure halves waiting for their other half, by start time.
    let mut bp_half: HashMap<String, (Option<f64>, Option<f64>)> = HashMap::new();
    let mut bp_done: HashSet<String> = HashSet::new();
    // Steps per (local day, offset) and source.
    let mut steps: BTreeMap<(String, String), HashMap<String, f64>> = BTreeMap::new();
    loop {
        let event = xml.read_event_into(&mut buf).map_err(|e| {
            E::from(AppleHealthError::Malformed {
                position: xml.error_position(),
                message: e.to_string(),
            })
        })?;
        if let Event::Start(_) = event {
            depth += 1;
        }
        if let Event::End(_) = event {
            depth = depth.saturating_sub(1);
        }
        match event {
            Event::Eof if depth > 0 => {
                return Err(AppleHealthError::Malformed {
                    position: xml.buffer_position(),
                    message: "the file ends before its last element is closed (cut short?)".into(),
                }
                .into())
            }
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"HealthData" => seen_root = true,
                b"Record" => {
                    stats.records += 1;
                    let a = attrs(&e);
                    let Some(kind) = a.kind.strip_prefix("HKQuantityTypeIdentifier") else {
                        stats.other_types += 1;
                        buf.clear();
                        continue;
                    };
                    let (Some(at), Ok(v)) = (apple_time(&a.start), a.value.trim().parse::<f64>())
                    else {
                        stats.unreadable += 1;
                        buf.clear();
                        continue;
                    };
                    if !v.is_finite() {
                        stats.unreadable += 1;
                        buf.clear();
                        continue;
                    }
                    let id = || client_id(&[kind, &a.start, &a.value]);
                    match (kind, a.unit.as_str()) {
                        ("HeartRate", "count/min") => {
                            emit(single("heart_rate", v, "/min", &at, id()))?;
                        }
                        ("BodyMass", "kg" | "lb") => {
                            emit(single("body_weight", v, &a.unit, &at, id()))?;
                        }
                        ("BloodGlucose", "mg/dL") => {
                            emit(single("blood_glucose", v, "mg/dL", &at, id()))?;
                        }
                        ("BloodGlucose", u) if u.starts_with("mmol") && u.ends_with("/L") => {
                            emit(single("blood_glucose", v, "mmol/L", &at, id()))?;
                        }
                        ("OxygenSaturation", "%") => {
                            // Apple stores saturation as a fraction with unit "%".
                            let pct = if v <= 1.0 { v * 100.0 } else { v };
                            emit(single("spo2", (pct * 100.0).round() / 100.0, "%", &at, id()))?;
                        }
                        ("StepCount", "count") => {
                            let day = at.format("%Y-%m-%d").to_string();
                            let offset = at.format("%:z").to_string();
                            *steps
                                .entry((day, offset))
                                .or_default()
                                .entry(a.source)
                                .or_default() += v;
                        }
                        ("BloodPressureSystolic" | "BloodPressureDiastolic", "mmHg") => {
                            let key = a.start.trim().to_string();
                            if bp_done.contains(&key) {
                                buf.clear();
                                continue;
                            }
                            let half = bp_half.entry(key.clone()).or_default();
                            if kind == "BloodPressureSystolic" {
                                half.0 = Some(v);
                            } else {
                                half.1 = Some(v);
                            }
                            if let (Some(sys), Some(dia)) = *half {
                                bp_half.remove(&key);
                                bp_done.insert(key.clone());
                                let mut c = BTreeMap::new();
                                c.insert("systolic".to_string(), sys);
                                c.insert("diastolic".to_string(), dia);
                                emit(MeasurementInput {
                                    type_slug: "blood_pressure".into(),
                                    components: Some(c),
                                    unit: Some("mm[Hg]".into()),
                                    taken_at: at.to_rfc3339(),
                                    source: Some(Source::Import),
                                    client_id: Some(client_id(&["BloodPressure", &key])),
                                    confirm_unusual: true,
                                    ..Default::default()
                                })?;
                            }
                        }
                        _ => stats.other_types += 1,
                    }
                }
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    if !seen_root {
        return Err(AppleHealthError::NotHealthData.into());
    }
    for ((day, offset), by_source) in steps {
        let total = by_source.values().copied().fold(0.0, f64::max).round();
        let at = format!("{day}T12:00:00{offset}");
        let Ok(at) = DateTime::parse_from_rfc3339(&at) else { continue };
        emit(single("steps", total, "/d", &at, format!("ah-steps-{day}")))?;
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn read(xml: &str) -> Result<(Vec<MeasurementInput>, ReadStats), AppleHealthError> {
        let mut out = Vec::new();
        let stats = read_export::<_, AppleHealthError>(xml.as_bytes(), |m| {
            out.push(m);
            Ok(())
        })?;
        Ok((out, stats))
    }

    const EXPORT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation)*)>]>
<HealthData locale="en_GB">
 <ExportDate value="2026-02-01 09:00:00 +0000"/>
 <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" value="64" startDate="2026-01-31 08:30:00 +0100" endDate="2026-01-31 08:30:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale &amp; Co" unit="lb" value="182.5" startDate="2026-01-31 07:00:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierBloodGlucose" sourceName="Meter" unit="mmol&lt;180.1558800000541&gt;/L" value="5.4" startDate="2026-01-31 07:05:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierOxygenSaturation" sourceName="Watch" unit="%" value="0.97" startDate="2026-01-31 03:00:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="Cuff" unit="mmHg" value="128" startDate="2026-01-31 08:00:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierBloodPressureDiastolic" sourceName="Cuff" unit="mmHg" value="82" startDate="2026-01-31 08:00:00 +0100"/>
 <Correlation type="HKCorrelationTypeIdentifierBloodPressure" startDate="2026-01-31 08:00:00 +0100">
  <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="Cuff" unit="mmHg" value="128" startDate="2026-01-31 08:00:00 +0100"/>
  <Record type="HKQuantityTypeIdentifierBloodPressureDiastolic" sourceName="Cuff" unit="mmHg" value="82" startDate="2026-01-31 08:00:00 +0100"/>
 </Correlation>
 <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" value="1000" startDate="2026-01-31 09:00:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" value="500" startDate="2026-01-31 18:00:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Watch" unit="count" value="1200" startDate="2026-01-31 09:00:00 +0100"/>
 <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Watch" value="HKCategoryValueSleepAnalysisAsleep" startDate="2026-01-31 01:00:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" value="n/a" startDate="2026-01-31 08:31:00 +0100"/>
</HealthData>"#;

    #[test]
    fn reads_each_type_in_its_unit_once() {
        let (out, stats) = read(EXPORT).unwrap();
        let slugs: Vec<&str> = out.iter().map(|m| m.type_slug.as_str()).collect();
        assert_eq!(
            slugs,
            ["heart_rate", "body_weight", "blood_glucose", "spo2", "blood_pressure", "steps"]
        );
        assert_eq!(out[1].unit.as_deref(), Some("lb"));
        assert_eq!(out[2].unit.as_deref(), Some("mmol/L"));
        assert_eq!(out[3].value, Some(97.0));
        let bp = out[4].components.as_ref().unwrap();
        assert_eq!((bp["systolic"], bp["diastolic"]), (128.0, 82.0));
        // Phone counted 1,500 and the watch 1,200 of the same walks: the larger source wins.
        assert_eq!(out[5].value, Some(1500.0));
        assert_eq!(out[5].taken_at, "2026-01-31T12:00:00+01:00");
        assert_eq!(out[5].client_id.as_deref(), Some("ah-steps-2026-01-31"));
        assert_eq!(out[0].taken_at, "2026-01-31T08:30:00+01:00");
        assert_eq!((stats.records, stats.other_types, stats.unreadable), (13, 1, 1));
    }

    #[test]
    fn the_same_record_gets_the_same_client_id() {
        let (a, _) = read(EXPORT).unwrap();
        let (b, _) = read(EXPORT).unwrap();
        let ids =
            |v: &[MeasurementInput]| v.iter().map(|m| m.client_id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&a), ids(&b));
        let unique: HashSet<_> = ids(&a).into_iter().collect();
        assert_eq!(unique.len(), a.len());
    }

    #[test]
    fn bad_files_are_named() {
        for bad in [
            "<HealthData><Record type=\"x></HealthData>",
            "<HealthData><Record type=\"x\"></HealthData>",
            "<HealthData><Record type=\"x\"/>",
        ] {
            assert!(matches!(read(bad), Err(AppleHealthError::Malformed { .. })), "{bad}");
        }
        assert_eq!(read("<Other/>").unwrap_err(), AppleHealthError::NotHealthData);
        assert!(read("<HealthData></Other>").is_err(), "mismatched end tag");
    }
}
