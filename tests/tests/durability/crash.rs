//! Nothing acknowledged is ever lost (DESIGN §1, principle 3): 10,000 readings from 16
//! concurrent clients while the server is killed with SIGKILL three times and restarted on
//! the same database. Every write without an answer is retried with its `client_id` until it
//! is acknowledged; afterwards each reading is stored exactly once and the audit chain holds.
//!
//! The kills land at random points of the run: after a random number of acknowledged writes
//! (5–95 % of them) and a random 0–50 ms more, from a seeded generator. The seed is printed;
//! `KINDRED_DURABILITY_SEED=<seed>` replays the same schedule (the interleaving of the clients
//! still varies).

use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

use kindred_tests::process::{Kindred, ServerProcess};
use kindred_tests::TestDb;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tokio::sync::watch;

use crate::writes::{self, Comparison, Writer};
use crate::KINDRED;

/// Readings written.
const WRITES: usize = 10_000;
/// Concurrent clients.
const CLIENTS: usize = 16;
/// SIGKILLs during the run.
const KILLS: usize = 3;

/// The schedule's seed: `KINDRED_DURABILITY_SEED`, or a fresh one.
fn seed() -> u64 {
    match std::env::var("KINDRED_DURABILITY_SEED") {
        Ok(s) => s.parse().expect("KINDRED_DURABILITY_SEED must be a number"),
        Err(_) => rand::random(),
    }
}

/// When to kill: `KILLS` distinct acknowledged-write counts, ascending, each with a delay.
fn schedule(rng: &mut StdRng) -> Vec<(usize, Duration)> {
    let mut at: Vec<usize> = Vec::new();
    while at.len() < KILLS {
        let n = rng.gen_range(WRITES / 20..WRITES * 19 / 20);
        if !at.contains(&n) {
            at.push(n);
        }
    }
    at.sort_unstable();
    at.into_iter().map(|n| (n, Duration::from_millis(rng.gen_range(0..=50)))).collect()
}

/// One kill: how many writes were acknowledged when it happened, and how long until the
/// restarted server listened.
struct Kill {
    acknowledged: usize,
    down_for: Duration,
}

/// Kills the server at each point of `plan` and starts it again on the same database,
/// publishing its new address to the clients; returns the last server and the kills.
async fn killer(
    kindred: Kindred,
    mut server: ServerProcess,
    plan: Vec<(usize, Duration)>,
    writer: Arc<Writer>,
    address: watch::Sender<String>,
) -> (ServerProcess, Vec<Kill>) {
    let mut kills = Vec::new();
    for (after, delay) in plan {
        while writer.counts.acknowledged() < after {
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        tokio::time::sleep(delay).await;
        let acknowledged = writer.counts.acknowledged();
        let started = Instant::now();
        let k = kindred.clone();
        server = tokio::task::spawn_blocking(move || {
            server.kill();
            k.serve()
        })
        .await
        .unwrap();
        address.send_replace(server.address.clone());
        kills.push(Kill { acknowledged, down_for: started.elapsed() });
    }
    (server, kills)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_three_sigkills() {
    let seed = seed();
    println!("seed {seed} (KINDRED_DURABILITY_SEED={seed} replays this kill schedule)");
    let mut rng = StdRng::seed_from_u64(seed);
    let plan = schedule(&mut rng);

    let db = TestDb::new();
    let data_dir = tempfile::tempdir().unwrap();
    let kindred = Kindred::new(KINDRED, &db, data_dir.path());
    let server = {
        let k = kindred.clone();
        tokio::task::spawn_blocking(move || k.serve()).await.unwrap()
    };
    let (address, follow) = watch::channel(server.address.clone());
    let writer = Writer::sign_up(&kindred, follow, "durable").await;

    let started = Instant::now();
    let kills = tokio::spawn(killer(kindred.clone(), server, plan, writer.clone(), address));
    writes::write_all(&writer, CLIENTS, WRITES, Arc::new(AtomicBool::new(false))).await;
    let elapsed = started.elapsed();
    let (server, kills) = kills.await.unwrap();
    // The end is a crash too: what was acknowledged must be on disk, not in the process.
    tokio::task::spawn_blocking(move || server.kill()).await.unwrap();

    let stored = writes::stored(&db.pool());
    let acked = writer.counts.acked();
    let c = Comparison::of(&stored, acked.iter().copied());
    let audit = kindred.run(&["audit", "verify"]);

    println!("backend {}", if db.is_postgres() { "postgres" } else { "sqlite" });
    for (n, k) in kills.iter().enumerate() {
        println!(
            "SIGKILL {} after {} acknowledged writes; listening again after {:?}",
            n + 1,
            k.acknowledged,
            k.down_for
        );
    }
    println!("{}", writer.counts.report());
    println!(
        "stored {} distinct client ids; lost {}, duplicated {}, altered {}, unexpected {}",
        stored.len(),
        c.lost.len(),
        c.duplicated.len(),
        c.altered.len(),
        c.unexpected.len()
    );
    println!(
        "{WRITES} writes from {CLIENTS} clients in {elapsed:.1?} ({:.0} writes/s)",
        WRITES as f64 / elapsed.as_secs_f64()
    );
    println!("audit verify: {}", audit.stdout.trim());
    let log = std::fs::read_to_string(kindred.log_file()).unwrap_or_default();
    let notable: Vec<&str> =
        log.lines().filter(|l| l.contains(" WARN ") || l.contains(" ERROR ")).collect();
    println!("server log: {} warnings and errors", notable.len());
    for line in notable.iter().take(10) {
        println!("  {line}");
    }

    assert_eq!(kills.len(), KILLS, "every planned kill happened during the run");
    assert_eq!(acked.len(), WRITES, "every write was acknowledged in the end");
    assert!(c.lost.is_empty(), "acknowledged but not stored: {:?}", c.lost);
    assert!(c.duplicated.is_empty(), "stored more than once: {:?}", c.duplicated);
    assert!(c.altered.is_empty(), "stored with another value: {:?}", c.altered);
    assert!(c.unexpected.is_empty(), "stored, never sent: {:?}", c.unexpected);
    assert_eq!(stored.values().map(Vec::len).sum::<usize>(), WRITES, "rows stored");
    assert!(audit.status.success(), "audit verify: {}{}", audit.stdout, audit.stderr);
}
