//! Backups under load and their restores (docs/operations.md): on SQLite `kindred backup FILE`
//! while clients keep writing, restored by putting the copy where a fresh data directory keeps
//! its database; on PostgreSQL `kindred backup` refuses and names pg_dump, and the commands the
//! guide gives (`pg_dump --format=custom`, `pg_restore` into an empty database) restore it.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use kindred_tests::db::backend_is_postgres;
use kindred_tests::process::{Kindred, ServerProcess};
use kindred_tests::TestDb;
use tokio::sync::watch;

use crate::writes::{self, Comparison, Writer};
use crate::KINDRED;

/// Clients writing while the backup is taken.
const CLIENTS: usize = 4;
/// Readings acknowledged before the backup starts.
const BEFORE: usize = 300;

/// A server with clients writing to it in the background until `stop` is set.
struct Load {
    server: ServerProcess,
    address: watch::Sender<String>,
    writer: Arc<Writer>,
    stop: Arc<AtomicBool>,
    clients: tokio::task::JoinHandle<()>,
}

impl Load {
    /// Starts the server, signs a patient up and lets the clients write until `BEFORE`
    /// readings are acknowledged (they go on writing).
    async fn start(kindred: &Kindred) -> Load {
        let k = kindred.clone();
        let server = tokio::task::spawn_blocking(move || k.serve()).await.unwrap();
        let (address, follow) = watch::channel(server.address.clone());
        let writer = Writer::sign_up(kindred, follow, "backed_up").await;
        let stop = Arc::new(AtomicBool::new(false));
        let (w, s) = (writer.clone(), stop.clone());
        let clients =
            tokio::spawn(async move { writes::write_all(&w, CLIENTS, 1_000_000, s).await });
        while writer.counts.acknowledged() < BEFORE {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        Load { server, address, writer, stop, clients }
    }

    /// Runs `backup` (blocking, on the blocking pool) while the clients go on writing;
    /// returns the readings acknowledged before it started, its outcome, and how many readings
    /// were acknowledged while it ran.
    async fn during<T: Send + 'static>(
        &self,
        backup: impl FnOnce() -> T + Send + 'static,
    ) -> (Vec<usize>, T, usize) {
        let before = self.writer.counts.acked();
        let out = tokio::task::spawn_blocking(backup).await.unwrap();
        let during = self.writer.counts.acknowledged() - before.len();
        (before, out, during)
    }

    /// Stops the clients (each finishes the reading it began) and kills the server.
    async fn stop(self) -> (Arc<Writer>, watch::Sender<String>) {
        self.stop.store(true, Ordering::SeqCst);
        self.clients.await.unwrap();
        let server = self.server;
        tokio::task::spawn_blocking(move || server.kill()).await.unwrap();
        (self.writer, self.address)
    }
}

fn assert_nothing_missing(c: &Comparison) {
    assert!(c.lost.is_empty(), "acknowledged before the backup, not in it: {:?}", c.lost);
    assert!(c.duplicated.is_empty(), "stored more than once: {:?}", c.duplicated);
    assert!(c.altered.is_empty(), "stored with another value: {:?}", c.altered);
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sqlite_backup_under_writes_restores_every_write_acknowledged_before_it() {
    if backend_is_postgres() {
        eprintln!("skipped on PostgreSQL: kindred backup copies SQLite databases");
        return;
    }
    let db = TestDb::new();
    let data_dir = tempfile::tempdir().unwrap();
    let kindred = Kindred::new(KINDRED, &db, data_dir.path());
    let load = Load::start(&kindred).await;

    let backups = tempfile::tempdir().unwrap();
    let file = backups.path().join("kindred-backup.db");
    let (k, f) = (kindred.clone(), file.clone());
    let (before, out, during) = load.during(move || k.run(&["backup", f.to_str().unwrap()])).await;
    assert!(out.status.success(), "kindred backup: {}{}", out.stdout, out.stderr);
    assert!(out.stdout.starts_with("backed up "), "{}", out.stdout);
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600, "the copy holds health data: owner only");
    let leftovers: Vec<_> = std::fs::read_dir(backups.path()).unwrap().flatten().collect();
    assert_eq!(leftovers.len(), 1, "only the copy, no partial file or -wal beside it");

    // A second backup to the same file is refused and leaves the first alone.
    let size = std::fs::metadata(&file).unwrap().len();
    let again = kindred.run(&["backup", file.to_str().unwrap()]);
    assert!(!again.status.success(), "a second backup overwrote {}", file.display());
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(std::fs::metadata(&file).unwrap().len(), size);
    let (writer, address) = load.stop().await;

    // Restore: the copy becomes the database of a fresh data directory (its default
    // location, `<data dir>/kindred.db`), with the same secret.
    let restored = tempfile::tempdir().unwrap();
    std::fs::copy(&file, restored.path().join("kindred.db")).unwrap();
    let on_copy = Kindred::new(KINDRED, &db, restored.path()).without_env("DATABASE_URL");
    let audit = on_copy.run(&["audit", "verify"]);
    assert!(audit.status.success(), "audit verify on the copy: {}{}", audit.stdout, audit.stderr);
    let server = tokio::task::spawn_blocking(move || on_copy.serve()).await.unwrap();
    // The patient's session was in the copy: the same token reads from the restored server.
    address.send_replace(server.address.clone());
    let listed = writer.listed().await;
    let c = Comparison::of(&listed, before.iter().copied());
    println!(
        "{} writes acknowledged before the backup, {during} while it ran, {} in all; \
         the restored copy lists {} readings, lost {}, duplicated {}; {}",
        before.len(),
        writer.counts.acknowledged(),
        listed.len(),
        c.lost.len(),
        c.duplicated.len(),
        audit.stdout.trim()
    );
    assert_nothing_missing(&c);
    // What else the copy holds was written while it was taken, and acknowledged since.
    let since = Comparison::of(&listed, writer.counts.acked().into_iter());
    assert!(since.unexpected.is_empty(), "never acknowledged: {:?}", since.unexpected);
    drop(server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_postgres_backup_refuses_and_names_pg_dump_which_restores() {
    if !backend_is_postgres() {
        eprintln!("skipped on SQLite: the PostgreSQL refusal and pg_dump");
        return;
    }
    let db = TestDb::new();
    let data_dir = tempfile::tempdir().unwrap();
    let kindred = Kindred::new(KINDRED, &db, data_dir.path());
    let file = data_dir.path().join("kindred-backup.db");
    let out = kindred.run(&["backup", file.to_str().unwrap()]);
    assert!(!out.status.success(), "kindred backup must refuse on PostgreSQL: {}", out.stdout);
    assert!(out.stderr.contains("pg_dump"), "names pg_dump: {}", out.stderr);
    assert!(out.stderr.contains("docs/operations.md"), "{}", out.stderr);
    assert!(!file.exists(), "nothing written");

    if Command::new("pg_dump").arg("--version").output().is_err() {
        eprintln!("pg_dump is not installed: the documented dump and restore were not run");
        return;
    }
    // The commands of docs/operations.md, under writes.
    let load = Load::start(&kindred).await;
    let dump = data_dir.path().join("kindred.dump");
    let (url, d) = (db.url.clone(), dump.clone());
    let (before, out, during) = load
        .during(move || {
            Command::new("pg_dump")
                .args(["--format=custom", "--file"])
                .arg(&d)
                .arg(&url)
                .output()
                .unwrap()
        })
        .await;
    assert!(out.status.success(), "pg_dump: {}", String::from_utf8_lossy(&out.stderr));
    let (writer, _) = load.stop().await;

    let target = TestDb::empty();
    let out = Command::new("pg_restore")
        .args(["--no-owner", "--exit-on-error", "--dbname", &target.url])
        .arg(&dump)
        .output()
        .unwrap();
    assert!(out.status.success(), "pg_restore: {}", String::from_utf8_lossy(&out.stderr));
    let on_copy = Kindred::new(KINDRED, &target, data_dir.path());
    let audit = on_copy.run(&["audit", "verify"]);
    assert!(audit.status.success(), "audit verify on the copy: {}{}", audit.stdout, audit.stderr);
    let stored = writes::stored(&target.pool());
    let c = Comparison::of(&stored, before.iter().copied());
    println!(
        "{} writes acknowledged before pg_dump, {during} while it ran, {} in all; the restored \
         database holds {} readings, lost {}, duplicated {}; {}",
        before.len(),
        writer.counts.acknowledged(),
        stored.len(),
        c.lost.len(),
        c.duplicated.len(),
        audit.stdout.trim()
    );
    assert_nothing_missing(&c);
}
