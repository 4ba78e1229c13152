//! Prometheus metrics: request counts and latency histograms by method, route and status.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds (seconds) of the latency histogram buckets.
const BUCKETS: [f64; 12] =
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

#[derive(Default, Clone)]
struct Series {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

/// The in-process metrics registry.
#[derive(Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<(String, String, u16), Series>>,
}

impl Metrics {
    /// Records one finished request. `route` is the matched pattern (never the raw path, which
    /// would hold ids and explode the label set).
    pub fn observe(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        // Label values come from a fixed set, whatever the client sends: a method outside
        // the standard ones is `other`, a path no route matched is `unmatched` (set by the
        // caller), so the number of series stays bounded.
        let method = match method {
            "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" => method,
            _ => "other",
        };
        let secs = elapsed.as_secs_f64();
        let Ok(mut map) = self.series.lock() else { return };
        let s = map.entry((method.to_string(), route.to_string(), status)).or_default();
        s.count += 1;
        s.sum += secs;
        for (i, le) in BUCKETS.iter().enumerate() {
            if secs <= *le {
                s.buckets[i] += 1;
            }
        }
    }

    /// Renders the Prometheus text exposition format (version 0.0.4).
    pub fn render(&self, extra: &[(&str, &str, f64)]) -> String {
        let snapshot = match self.series.lock() {
            Ok(map) => map.clone(),
            Err(_) => BTreeMap::new(),
        };
        let mut out = String::new();
        out.push_str(
            "# HELP kindred_http_requests_total HTTP requests by method, route and status.\n",
        );
        out.push_str("# TYPE kindred_http_requests_total counter\n");
        for ((m, r, st), s) in &snapshot {
            let _ =
                writeln!(out, "kindred_http_requests_total{{{}}} {}", labels(m, r, *st), s.count);
        }
        out.push_str("# HELP kindred_http_request_duration_seconds HTTP request latency.\n");
        out.push_str("# TYPE kindred_http_request_duration_seconds histogram\n");
        for ((m, r, st), s) in &snapshot {
            let l = labels(m, r, *st);
            for (i, le) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "kindred_http_request_duration_seconds_bucket{{{l},le=\"{le}\"}} {}",
                    s.buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "kindred_http_request_duration_seconds_bucket{{{l},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(out, "kindred_http_request_duration_seconds_sum{{{l}}} {}", s.sum);
            let _ = writeln!(out, "kindred_http_request_duration_seconds_count{{{l}}} {}", s.count);
        }
        for (name, help, value) in extra {
            let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}");
        }
        out
    }
}

fn labels(method: &str, route: &str, status: u16) -> String {
    format!("method=\"{}\",route=\"{}\",status=\"{status}\"", esc(method), esc(route))
}

fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counts_and_buckets() {
        let m = Metrics::default();
        m.observe("GET", "/healthz", 200, Duration::from_millis(3));
        m.observe("GET", "/healthz", 200, Duration::from_millis(30));
        let text = m.render(&[("kindred_up", "Always 1.", 1.0)]);
        assert!(text.contains(
            "kindred_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2"
        ));
        assert!(text.contains("le=\"0.005\"} 1"));
        assert!(text.contains("le=\"+Inf\"} 2"));
        assert!(text.contains("kindred_up 1"));
    }

    #[test]
    fn unknown_methods_share_one_label() {
        let m = Metrics::default();
        for i in 0..500 {
            m.observe(&format!("X{i}"), "unmatched", 405, Duration::from_millis(1));
        }
        let text = m.render(&[]);
        assert_eq!(text.matches("kindred_http_requests_total{").count(), 1);
        assert!(text.contains("method=\"other\""));
    }
}
