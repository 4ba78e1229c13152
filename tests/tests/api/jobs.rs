//! The job queue, against the database of the backend under test: concurrent claimers take
//! each job once, failures are retried with backoff and then dead, a lapsed lease is claimed
//! again, a job not yet due waits, and the server's own worker runs its recurring sweep and
//! stops with the server.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};
use diesel::prelude::*;
use kindred::{Application, Settings};
use kindred_app::jobs::{backoff, recurring_id, run_once, sweep, Handlers};
use kindred_app::AppError;
use kindred_db::models::job::Job;
use kindred_db::queries::{auth_failures, jobs};
use kindred_db::schema::jobs as j;
use kindred_db::{now_utc, DbError, DbPool};
use kindred_domain::job::JobState;
use kindred_tests::http::test_env;
use kindred_tests::{RecordingMailer, TestDb};
use serde_json::json;

const KIND: &str = "test_job";
const LEASE: TimeDelta = TimeDelta::minutes(10);

fn secs(n: i64) -> TimeDelta {
    TimeDelta::seconds(n)
}

fn enqueue(pool: &DbPool, kind: &str, run_after: DateTime<Utc>, max_attempts: i32) -> String {
    pool.run(|c| jobs::enqueue(c, kind, &json!({"to": "someone"}), run_after, max_attempts))
        .unwrap()
}

fn find(pool: &DbPool, id: &str) -> Job {
    pool.run(|c| jobs::find(c, id)).unwrap().expect("the job exists")
}

fn claim(pool: &DbPool, now: DateTime<Utc>, kinds: &[&str]) -> Vec<Job> {
    pool.run(|c| jobs::claim(c, now, LEASE, 10, kinds)).unwrap()
}

/// Moves a job's time columns (instead of waiting for them).
fn set_times(
    pool: &DbPool,
    id: &str,
    run_after: Option<DateTime<Utc>>,
    lease: Option<DateTime<Utc>>,
) {
    pool.run(|c| {
        if let Some(t) = run_after {
            diesel::update(j::table.find(id)).set(j::run_after.eq(t.naive_utc())).execute(c)?;
        }
        if let Some(t) = lease {
            diesel::update(j::table.find(id))
                .set(j::lease_until.eq(Some(t.naive_utc())))
                .execute(c)?;
        }
        Ok::<_, DbError>(())
    })
    .unwrap();
}

#[test]
fn eight_concurrent_claimers_take_each_of_200_jobs_exactly_once() {
    let db = TestDb::new();
    let pool = db.pool();
    let due = now_utc() - secs(1);
    pool.run(|c| {
        kindred_db::write_tx(c, |c| {
            for n in 0..200 {
                jobs::enqueue(c, KIND, &json!({ "n": n }), due, 3)?;
            }
            Ok::<_, DbError>(())
        })
    })
    .unwrap();

    let start = Arc::new(Barrier::new(8));
    let claimers: Vec<_> = (0..8)
        .map(|_| {
            let url = pool.url().clone();
            let start = start.clone();
            std::thread::spawn(move || {
                let mut c = url.connect().unwrap();
                start.wait();
                let mut mine = Vec::new();
                loop {
                    let got = jobs::claim(&mut c, now_utc(), LEASE, 7, &[KIND]).unwrap();
                    if got.is_empty() {
                        return mine;
                    }
                    mine.extend(got.into_iter().map(|job| job.id));
                }
            })
        })
        .collect();
    let claimed: Vec<String> = claimers.into_iter().flat_map(|t| t.join().unwrap()).collect();

    let distinct: HashSet<&String> = claimed.iter().collect();
    assert_eq!(distinct.len(), 200, "every job is claimed (none missed)");
    assert_eq!(claimed.len(), 200, "no job is claimed twice");
    let rows: Vec<Job> =
        pool.run(|c| j::table.select(Job::as_select()).load(c).map_err(DbError::from)).unwrap();
    assert_eq!(rows.len(), 200);
    for row in rows {
        assert_eq!(row.state().unwrap(), JobState::Running, "job {}", row.id);
        assert_eq!(row.attempts, 1, "job {} was claimed more than once", row.id);
        assert!(row.lease_until.is_some());
    }
}

#[test]
fn a_failing_job_is_retried_with_backoff_then_dead_with_its_last_error() {
    let db = TestDb::new();
    let pool = db.pool();
    let calls = Arc::new(AtomicUsize::new(0));
    let mut handlers = Handlers::new();
    let seen = calls.clone();
    handlers.on(KIND, move |_c, payload| {
        seen.fetch_add(1, Ordering::SeqCst);
        assert_eq!(payload, &json!({"to": "someone"}), "the handler gets the payload");
        Err(AppError::Unavailable(format!("the relay is down {}", "x".repeat(600))))
    });
    let id = enqueue(&pool, KIND, now_utc() - secs(1), 3);

    for attempt in 1..=3 {
        let before = now_utc();
        assert_eq!(run_once(&pool, &handlers, LEASE, 10).unwrap(), 1, "attempt {attempt}");
        let after = now_utc();
        let job = find(&pool, &id);
        assert_eq!(job.attempts, attempt);
        assert!(job.lease_until.is_none(), "a failed attempt gives its lease back");
        let error = job.last_error.clone().expect("the error is kept");
        assert!(error.starts_with("unavailable: the relay is down"), "{error}");
        assert_eq!(error.chars().count(), 500, "the error is cut to 500 characters");
        if attempt < 3 {
            assert_eq!(job.state().unwrap(), JobState::Queued);
            let run_after = job.run_after.and_utc();
            assert!(
                run_after >= before + backoff(attempt) && run_after <= after + backoff(attempt),
                "attempt {attempt}: retry at {run_after}, expected {} after {before}",
                backoff(attempt)
            );
            assert!(backoff(attempt + 1) > backoff(attempt), "the backoff grows");
            assert_eq!(run_once(&pool, &handlers, LEASE, 10).unwrap(), 0, "not before the backoff");
            set_times(&pool, &id, Some(now_utc() - secs(1)), None);
        } else {
            assert_eq!(job.state().unwrap(), JobState::Dead);
            assert!(job.finished_at.is_some());
        }
    }

    // Dead is final: even due, it is not claimed again.
    set_times(&pool, &id, Some(now_utc() - secs(1)), None);
    assert_eq!(run_once(&pool, &handlers, LEASE, 10).unwrap(), 0);
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    assert_eq!(find(&pool, &id).state().unwrap(), JobState::Dead);
}

#[test]
fn a_succeeding_job_is_done_once() {
    let db = TestDb::new();
    let pool = db.pool();
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let mut handlers = Handlers::new();
    handlers.on(KIND, move |_c, _payload| {
        seen.fetch_add(1, Ordering::SeqCst);
        Ok(())
    });
    let id = enqueue(&pool, KIND, now_utc() - secs(1), 3);
    assert_eq!(run_once(&pool, &handlers, LEASE, 10).unwrap(), 1);
    assert_eq!(run_once(&pool, &handlers, LEASE, 10).unwrap(), 0);
    let job = find(&pool, &id);
    assert_eq!(job.state().unwrap(), JobState::Done);
    assert!(job.finished_at.is_some() && job.lease_until.is_none() && job.last_error.is_none());
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[test]
fn a_job_whose_lease_lapsed_is_claimed_again_until_its_attempts_run_out() {
    let db = TestDb::new();
    let pool = db.pool();
    let id = enqueue(&pool, KIND, now_utc() - secs(1), 2);

    let first = claim(&pool, now_utc(), &[KIND]);
    assert_eq!(first.len(), 1);
    assert_eq!((first[0].id.as_str(), first[0].attempts), (id.as_str(), 1));
    assert_eq!(first[0].state().unwrap(), JobState::Running);
    assert!(claim(&pool, now_utc(), &[KIND]).is_empty(), "a leased job is not claimed again");

    // Its worker died: the lease lapses (moved into the past rather than waited for).
    set_times(&pool, &id, None, Some(now_utc() - secs(1)));
    let again = claim(&pool, now_utc(), &[KIND]);
    assert_eq!(again.len(), 1, "a job whose lease lapsed is claimed again");
    assert_eq!((again[0].id.as_str(), again[0].attempts), (id.as_str(), 2));

    // The first worker reports back late: its attempt no longer holds the job.
    assert!(!pool.run(|c| jobs::complete(c, &id, 1, now_utc())).unwrap());
    assert_eq!(find(&pool, &id).state().unwrap(), JobState::Running);

    // It lapses again with no attempt left: buried, not claimed a third time.
    set_times(&pool, &id, None, Some(now_utc() - secs(1)));
    assert!(claim(&pool, now_utc(), &[KIND]).is_empty());
    let job = find(&pool, &id);
    assert_eq!(job.state().unwrap(), JobState::Dead);
    assert_eq!(job.attempts, 2);
    assert_eq!(job.last_error.as_deref(), Some(jobs::LEASE_LAPSED));
}

#[test]
fn a_job_not_yet_due_or_of_another_kind_is_not_claimed() {
    let db = TestDb::new();
    let pool = db.pool();
    let now = now_utc();
    let later = enqueue(&pool, KIND, now + TimeDelta::hours(1), 3);
    let other = enqueue(&pool, "another_kind", now - secs(1), 3);

    assert!(claim(&pool, now, &[KIND]).is_empty(), "not due, or not a kind asked for");
    assert!(claim(&pool, now, &[]).is_empty(), "no kinds, no claim");
    let job = find(&pool, &later);
    assert_eq!((job.state().unwrap(), job.attempts), (JobState::Queued, 0));

    // The same jobs are claimed once due, and by a worker that knows their kind.
    let at_two_hours = claim(&pool, now + TimeDelta::hours(2), &[KIND]);
    assert_eq!(at_two_hours.iter().map(|j| j.id.as_str()).collect::<Vec<_>>(), [later.as_str()]);
    let by_kind = claim(&pool, now, &["another_kind"]);
    assert_eq!(by_kind.iter().map(|j| j.id.as_str()).collect::<Vec<_>>(), [other.as_str()]);
}

/// Failed password checks older than the backoff window (one hour by default).
fn failures(pool: &DbPool) -> Vec<String> {
    use kindred_db::schema::auth_failures::dsl::*;
    pool.run(|c| {
        auth_failures.select(account_key).order(account_key).load(c).map_err(DbError::from)
    })
    .unwrap()
}

fn record_failure(pool: &DbPool, key: &str, at: DateTime<Utc>) {
    pool.run(|c| auth_failures::record(c, key, "192.0.2.1", at, at - TimeDelta::hours(1))).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_runs_the_retention_sweep_and_stops_with_it() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let pool = db.pool();
    let now = now_utc();
    record_failure(&pool, "old", now - TimeDelta::hours(2));
    record_failure(&pool, "recent", now - TimeDelta::minutes(1));
    let finished = |id: &str, at: DateTime<Utc>| {
        pool.run(|c| {
            diesel::update(j::table.find(id))
                .set((j::state.eq("done"), j::finished_at.eq(Some(at.naive_utc()))))
                .execute(c)
                .map_err(DbError::from)
        })
        .unwrap();
    };
    let old_done = enqueue(&pool, KIND, now, 3);
    finished(&old_done, now - TimeDelta::days(8));
    let recent_done = enqueue(&pool, KIND, now, 3);
    finished(&recent_done, now - TimeDelta::days(1));

    let settings = Settings::from_sources(&test_env(&db, dir.path())).unwrap();
    let app =
        Application::build_with_mailer(settings, Arc::new(RecordingMailer::default())).unwrap();
    let handle = app.handle();
    let running = tokio::spawn(app.run_until_stopped());

    // The worker creates the sweep's row, runs it at once and queues it for the next hour.
    let id = recurring_id(sweep::KIND);
    let deadline = Instant::now() + Duration::from_secs(15);
    let swept = loop {
        let row = pool.run(|c| jobs::find(c, &id)).unwrap();
        if let Some(row) = row.filter(|r| r.finished_at.is_some()) {
            break row;
        }
        assert!(Instant::now() < deadline, "the sweep never ran");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(swept.state().unwrap(), JobState::Queued, "a recurring job goes back to the queue");
    assert_eq!(swept.attempts, 0);
    assert!(swept.last_error.is_none());
    let ran_at = swept.finished_at.unwrap().and_utc();
    assert_eq!(swept.run_after.and_utc(), ran_at + sweep::EVERY);
    assert_eq!(
        failures(&pool),
        ["recent"],
        "failures past the window are deleted, recent ones kept"
    );
    assert!(
        pool.run(|c| jobs::find(c, &old_done)).unwrap().is_none(),
        "an old done job is deleted"
    );
    assert!(pool.run(|c| jobs::find(c, &recent_done)).unwrap().is_some(), "a recent one is kept");

    // The worker stops with the server...
    handle.stop(true).await;
    tokio::time::timeout(Duration::from_secs(20), running)
        .await
        .expect("run_until_stopped returns")
        .unwrap()
        .unwrap();
    // ...and runs nothing after: a sweep made due again, with a failure to delete, stays put.
    set_times(&pool, &id, Some(now_utc() - secs(1)), None);
    record_failure(&pool, "after_stop", now_utc() - TimeDelta::hours(2));
    tokio::time::sleep(kindred::workers::jobs::POLL + Duration::from_millis(500)).await;
    assert_eq!(failures(&pool), ["after_stop", "recent"]);
    let row = find(&pool, &id);
    assert_eq!(
        (row.state().unwrap(), row.finished_at.map(|t| t.and_utc())),
        (JobState::Queued, Some(ran_at))
    );
}

#[test]
fn a_long_job_renews_its_lease_and_stops_once_another_worker_took_it_over() {
    let db = TestDb::new();
    let pool = db.pool();
    let short = TimeDelta::seconds(2);
    let id = enqueue(&pool, KIND, now_utc() - secs(1), 3);
    let steps = Arc::new(AtomicUsize::new(0));
    let seen = steps.clone();
    let (pool2, id2) = (pool.clone(), id.clone());
    let mut handlers = Handlers::new();
    handlers.on_long(KIND, move |c, _payload, lease| {
        for step in 0..3 {
            // A step longer than the lease: without a renewal it would lapse meanwhile.
            std::thread::sleep(Duration::from_millis(1500));
            lease.renew(c)?;
            seen.fetch_add(1, Ordering::SeqCst);
            let job = pool2.run(|c| jobs::find(c, &id2)).unwrap().unwrap();
            let until = job.lease_until.expect("still leased").and_utc();
            assert!(until > now_utc() + secs(1), "step {step}: the lease runs on ({until})");
            assert!(
                claim(&pool2, now_utc(), &[KIND]).is_empty(),
                "step {step}: a renewed job is not claimed by another worker"
            );
        }
        Ok(())
    });
    assert_eq!(run_once(&pool, &handlers, short, 10).unwrap(), 1);
    assert_eq!(steps.load(Ordering::SeqCst), 3);
    let job = find(&pool, &id);
    assert_eq!(job.state().unwrap(), JobState::Done, "4.5 s of work under a 2 s lease");
    assert_eq!(job.attempts, 1, "claimed once");

    // Another worker takes the job over (this one stalled past its lease): the renewal fails,
    // the handler stops, and its outcome does not overwrite the new claim.
    let id = enqueue(&pool, KIND, now_utc() - secs(1), 3);
    let after_renewal = Arc::new(AtomicUsize::new(0));
    let seen = after_renewal.clone();
    let (pool3, id3) = (pool.clone(), id.clone());
    let mut handlers = Handlers::new();
    handlers.on_long(KIND, move |c, _payload, lease| {
        set_times(&pool3, &id3, None, Some(now_utc() - secs(1)));
        let taken = claim(&pool3, now_utc(), &[KIND]);
        assert_eq!(taken.len(), 1, "the lapsed job is claimed by another worker");
        assert!(lease.renew(c).is_err(), "the first worker learns it lost the job");
        seen.fetch_add(1, Ordering::SeqCst);
        Err(AppError::Unavailable("stopped".into()))
    });
    assert_eq!(run_once(&pool, &handlers, LEASE, 10).unwrap(), 1);
    assert_eq!(after_renewal.load(Ordering::SeqCst), 1);
    let job = find(&pool, &id);
    assert_eq!(job.state().unwrap(), JobState::Running, "the second claim still holds it");
    assert_eq!(job.attempts, 2);
    assert!(job.last_error.is_none(), "the stale attempt's failure is dropped");
}
