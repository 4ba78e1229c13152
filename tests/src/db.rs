//! Fresh databases per test.

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl};
use kindred_db::{DbPool, PoolOptions};
use sha2::{Digest, Sha256};

/// Which backend this test run targets.
pub fn backend_is_postgres() -> bool {
    match std::env::var("KINDRED_TEST_BACKEND").as_deref() {
        Ok("postgres") => true,
        Ok("sqlite") | Err(_) => false,
        Ok(other) => panic!("KINDRED_TEST_BACKEND={other}: use sqlite or postgres"),
    }
}

/// A database that exists for one test.
pub struct TestDb {
    /// The URL the server under test uses.
    pub url: String,
    pg: Option<(String, String)>, // (admin url, database name) to drop
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// A fresh, migrated database on the backend selected for this run.
    pub fn new() -> TestDb {
        Self::new_on(backend_is_postgres())
    }

    /// A fresh, migrated database on the given backend (benchmarks run both in one process).
    pub fn new_on(postgres: bool) -> TestDb {
        if postgres {
            let admin = admin_url();
            let template = ensure_template(&admin);
            let name = format!("kindred_test_{}", uuid::Uuid::new_v4().simple());
            let mut c = PgConnection::establish(&admin).expect("connect to PostgreSQL admin URL");
            create_database(&mut c, &name, Some(&template));
            TestDb { url: db_url(&admin, &name), pg: Some((admin, name)), _dir: None }
        } else {
            let (url, dir) = sqlite_url();
            let db = TestDb { url, pg: None, _dir: Some(dir) };
            db.pool().migrate().expect("migrate fresh SQLite database");
            db
        }
    }

    /// A fresh database with NO migrations applied (for migration tests).
    pub fn empty() -> TestDb {
        if backend_is_postgres() {
            let admin = admin_url();
            let name = format!("kindred_test_{}", uuid::Uuid::new_v4().simple());
            let mut c = PgConnection::establish(&admin).expect("connect to PostgreSQL admin URL");
            create_database(&mut c, &name, None);
            TestDb { url: db_url(&admin, &name), pg: Some((admin, name)), _dir: None }
        } else {
            let (url, dir) = sqlite_url();
            TestDb { url, pg: None, _dir: Some(dir) }
        }
    }

    /// A pool on this database.
    pub fn pool(&self) -> DbPool {
        DbPool::connect(&self.url, PoolOptions { max_size: 4, ..PoolOptions::default() })
            .expect("connect to test database")
    }

    /// True when this is a PostgreSQL database.
    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }
}

impl Default for TestDb {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.pg {
            if let Ok(mut c) = PgConnection::establish(admin) {
                let _ =
                    c.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
            }
        }
    }
}

fn sqlite_url() -> (String, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("kindred.db").display());
    (url, dir)
}

fn admin_url() -> String {
    std::env::var("KINDRED_TEST_POSTGRES_URL").expect(
        "KINDRED_TEST_BACKEND=postgres needs KINDRED_TEST_POSTGRES_URL, \
         e.g. postgres://postgres@127.0.0.1:5432/postgres",
    )
}

/// The URL of test database `name` on the server of `admin`. Without TLS unless the admin URL
/// asks for it: the tests talk to a server on this machine, and a test process that exits
/// while a pool thread is inside OpenSSL (libpq's default `sslmode=prefer` uses TLS when the
/// server offers it) once died of SIGSEGV after its test had passed.
fn db_url(admin: &str, name: &str) -> String {
    let mut u = url::Url::parse(admin).expect("valid KINDRED_TEST_POSTGRES_URL");
    u.set_path(&format!("/{name}"));
    if !u.query_pairs().any(|(k, _)| k == "sslmode") {
        u.query_pairs_mut().append_pair("sslmode", "disable");
    }
    u.to_string()
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn database_exists(c: &mut PgConnection, name: &str) -> bool {
    diesel::sql_query("SELECT count(*) AS n FROM pg_database WHERE datname = $1")
        .bind::<diesel::sql_types::Text, _>(name)
        .get_result::<Count>(c)
        .map(|r| r.n > 0)
        .expect("query pg_database")
}

fn create_database(c: &mut PgConnection, name: &str, template: Option<&str>) {
    let sql = match template {
        Some(t) => format!("CREATE DATABASE \"{name}\" TEMPLATE \"{t}\""),
        None => format!("CREATE DATABASE \"{name}\""),
    };
    // Copying a template fails while another session is connected to it (e.g. a concurrent
    // test process that is copying it too, on some versions): retry briefly.
    for attempt in 0.. {
        match c.batch_execute(&sql) {
            Ok(()) => return,
            Err(e) if attempt < 50 && e.to_string().contains("being accessed by other users") => {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(e) => panic!("{sql}: {e}"),
        }
    }
}

/// The name of the migrated template for the current migration files, built once per
/// migration set. It is built under another name and renamed when complete, under an
/// advisory lock, so parallel test processes never see a half-migrated template.
fn ensure_template(admin: &str) -> String {
    let name = format!("kindred_tpl_{}", migrations_hash());
    let mut c = PgConnection::establish(admin).expect("connect to PostgreSQL admin URL");
    if database_exists(&mut c, &name) {
        return name;
    }
    c.batch_execute("SELECT pg_advisory_lock(727274001)").expect("advisory lock");
    if !database_exists(&mut c, &name) {
        let building = format!("{name}_building");
        let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)"));
        create_database(&mut c, &building, None);
        {
            let pool = DbPool::connect(&db_url(admin, &building), PoolOptions::default())
                .expect("connect to template");
            pool.migrate().expect("migrate template");
        }
        c.batch_execute(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{building}'; \
             ALTER DATABASE \"{building}\" RENAME TO \"{name}\""
        ))
        .expect("publish template");
    }
    c.batch_execute("SELECT pg_advisory_unlock(727274001)").expect("advisory unlock");
    name
}

/// A short hash of every PostgreSQL migration file, so a changed migration builds a new
/// template instead of reusing a stale one.
pub fn migrations_hash() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations/postgres");
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("read migrations dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut h = Sha256::new();
    for f in files {
        h.update(f.strip_prefix(&root).unwrap_or(&f).to_string_lossy().as_bytes());
        h.update(std::fs::read(&f).expect("read migration"));
    }
    hex::encode(&h.finalize()[..6])
}
