//! Believable health series for the demo world: trends, daily rhythms, missed days and
//! episodes, not uniform noise. Pure functions of a seeded random generator and a clock,
//! so the same seed and `now` give the same data.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::Rng;

/// One generated reading: when, and its values (one, or systolic/diastolic).
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// When it was taken (UTC).
    pub at: DateTime<Utc>,
    /// The values in component order.
    pub values: Vec<f64>,
}

/// A normally distributed number (Box–Muller).
pub fn normal(rng: &mut StdRng, mean: f64, sd: f64) -> f64 {
    let u1: f64 = rng.gen_range(f64::EPSILON..1.0);
    let u2: f64 = rng.gen::<f64>();
    mean + sd * (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// Moves from `from` to `to` with an exponential approach that starts at `start` (a fraction
/// 0..1 of the period) and has time constant `tau` (also a fraction): how a treatment works.
pub fn settle(from: f64, to: f64, t: f64, start: f64, tau: f64) -> f64 {
    if t <= start {
        from
    } else {
        to + (from - to) * (-(t - start) / tau).exp()
    }
}

/// The local wall-clock time `hh:mm` (± `jitter_min` minutes) on day `day` before `now`,
/// in a zone `offset_min` minutes east of UTC, as UTC.
fn local_time(
    rng: &mut StdRng,
    now: DateTime<Utc>,
    day: i64,
    hh: u32,
    mm: u32,
    jitter_min: i64,
    offset_min: i32,
) -> Option<DateTime<Utc>> {
    let date = (now + Duration::minutes(i64::from(offset_min)) - Duration::days(day)).date_naive();
    let time = NaiveTime::from_hms_opt(hh, mm, 0)?;
    let local = date.and_time(time) + Duration::minutes(rng.gen_range(-jitter_min..=jitter_min));
    let at = Utc.from_utc_datetime(&(local - Duration::minutes(i64::from(offset_min))));
    // Nothing in the future: today's evening reading has not been taken yet.
    (at <= now).then_some(at)
}

/// A daily (or twice-daily) series over `days` days ending today. `f(rng, t, slot)` gives the
/// values for fraction `t` (0 = first day, 1 = today) and slot (0 = morning, 1 = evening);
/// `skip` is the chance a day's reading is missing.
#[allow(clippy::too_many_arguments)]
pub fn daily(
    rng: &mut StdRng,
    now: DateTime<Utc>,
    days: i64,
    times: &[(u32, u32)],
    offset_min: i32,
    skip: f64,
    mut f: impl FnMut(&mut StdRng, f64, usize) -> Vec<f64>,
) -> Vec<Point> {
    let mut out = Vec::new();
    for day in (0..days).rev() {
        let t = 1.0 - day as f64 / (days - 1).max(1) as f64;
        for (slot, (hh, mm)) in times.iter().enumerate() {
            if rng.gen::<f64>() < skip {
                continue;
            }
            if let Some(at) = local_time(rng, now, day, *hh, *mm, 25, offset_min) {
                let values = f(rng, t, slot);
                out.push(Point { at, values });
            }
        }
    }
    out
}

/// Answers to `n` items scored 0..=`max` adding up to `total` (clamped to what is possible),
/// spread unevenly like real answers. Items listed in `zero` always answer 0.
pub fn spread_score(rng: &mut StdRng, n: usize, max: u32, total: u32, zero: &[usize]) -> Vec<u32> {
    let mut answers = vec![0u32; n];
    let open: Vec<usize> = (0..n).filter(|i| !zero.contains(i)).collect();
    let cap = open.len() as u32 * max;
    let mut left = total.min(cap);
    while left > 0 {
        let i = open[rng.gen_range(0..open.len())];
        if answers[i] < max {
            answers[i] += 1;
            left -= 1;
        }
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).single().unwrap_or_default()
    }

    #[test]
    fn daily_series_span_the_period_skip_some_days_and_never_run_ahead() {
        let mut rng = StdRng::seed_from_u64(7);
        let pts = daily(&mut rng, now(), 180, &[(7, 30), (21, 0)], 60, 0.1, |_, t, _| vec![t]);
        assert!(pts.len() > 280 && pts.len() < 360, "{} readings", pts.len());
        assert!(pts.iter().all(|p| p.at <= now()));
        assert!(pts.windows(2).all(|w| w[0].at <= w[1].at), "oldest first");
        let first = pts.first().map(|p| p.at).unwrap_or_default();
        assert!(now() - first >= Duration::days(178), "starts ~6 months back: {first}");
        // t runs from 0 to 1.
        assert!(pts.first().map(|p| p.values[0]).unwrap_or(1.0) < 0.01);
        assert!(pts.last().map(|p| p.values[0]).unwrap_or(0.0) > 0.99);
    }

    #[test]
    fn settle_holds_then_approaches_the_target() {
        assert_eq!(settle(150.0, 130.0, 0.2, 0.25, 0.1), 150.0);
        let mid = settle(150.0, 130.0, 0.35, 0.25, 0.1);
        assert!(mid < 140.0 && mid > 130.0, "{mid}");
        assert!((settle(150.0, 130.0, 1.0, 0.25, 0.1) - 130.0).abs() < 0.1);
    }

    #[test]
    fn spread_score_adds_up_and_respects_caps_and_zeros() {
        let mut rng = StdRng::seed_from_u64(1);
        for total in [0, 5, 14, 24, 30] {
            let a = spread_score(&mut rng, 9, 3, total, &[8]);
            assert_eq!(a.iter().sum::<u32>(), total.min(24), "total {total}: {a:?}");
            assert!(a.iter().all(|v| *v <= 3));
            assert_eq!(a[8], 0);
        }
    }

    #[test]
    fn normal_noise_has_the_asked_mean_and_spread() {
        let mut rng = StdRng::seed_from_u64(3);
        let xs: Vec<f64> = (0..20_000).map(|_| normal(&mut rng, 10.0, 2.0)).collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let sd = (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64).sqrt();
        assert!((mean - 10.0).abs() < 0.1, "{mean}");
        assert!((sd - 2.0).abs() < 0.1, "{sd}");
    }
}
