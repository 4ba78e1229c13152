//! The real `kindred` binary as a child process: for tests that kill the server with SIGKILL,
//! restart it on the same database, or run its commands (`backup`, `audit verify`) beside it —
//! what the in-process [`crate::spawn_app`] cannot do.
//!
//! Integration tests name the binary with `env!("CARGO_BIN_EXE_kindred-under-test")`: this
//! package builds the server's own `backend/server/src/main.rs` under that name, because cargo
//! hands integration tests the binaries of their own package only.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::http::test_env;
use crate::TestDb;

/// How long a start may take (migrations, seeding, binding) in a debug build on a busy machine.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// How to run the binary against one database and data directory: the environment of
/// [`test_env`] (and nothing inherited), the data directory as working directory (so no
/// stray `kindred.toml` is read), logs appended to `<data dir>/kindred.log`.
#[derive(Debug, Clone)]
pub struct Kindred {
    bin: PathBuf,
    data_dir: PathBuf,
    env: Vec<(String, String)>,
}

/// What a command printed and how it ended.
#[derive(Debug)]
pub struct CommandOutput {
    /// The exit status.
    pub status: ExitStatus,
    /// Standard output.
    pub stdout: String,
    /// Standard error (`error: …` lines, logs).
    pub stderr: String,
}

impl Kindred {
    /// The binary at `bin` over `db`, with `data_dir` as its data directory.
    pub fn new(bin: impl Into<PathBuf>, db: &TestDb, data_dir: &Path) -> Kindred {
        let mut env = test_env(db, data_dir);
        env.push(("KINDRED_LOG".into(), "warn".into()));
        Kindred { bin: bin.into(), data_dir: data_dir.to_path_buf(), env }
    }

    /// The same, with one more (or a replaced) environment variable.
    pub fn with_env(mut self, key: &str, value: &str) -> Kindred {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// The same, without an environment variable.
    pub fn without_env(mut self, key: &str) -> Kindred {
        self.env.retain(|(k, _)| k != key);
        self
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The outbox the default mail transport writes `.eml` files to.
    pub fn outbox(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }

    /// The log file every process started here appends to.
    pub fn log_file(&self) -> PathBuf {
        self.data_dir.join("kindred.log")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(&self.bin);
        c.args(args).env_clear().envs(self.env.iter().cloned()).current_dir(&self.data_dir);
        c
    }

    /// Runs a command to completion (blocking).
    pub fn run(&self, args: &[&str]) -> CommandOutput {
        let out = self
            .command(args)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {} {args:?}: {e}", self.bin.display()));
        CommandOutput {
            status: out.status,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Starts `kindred serve` on a free port and waits (blocking) until it says it listens.
    pub fn serve(&self) -> ServerProcess {
        std::fs::create_dir_all(&self.data_dir).expect("data dir");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.log_file())
            .expect("open the server log");
        let mut child = self
            .command(&["serve"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.bin.display()));
        let address =
            listening_address(&mut child).recv_timeout(START_TIMEOUT).unwrap_or_else(|_| {
                let _ = child.kill();
                let _ = child.wait();
                panic!("kindred serve did not start; its log:\n{}", self.log_tail())
            });
        ServerProcess { child, address }
    }

    /// The last lines of the log, for failure messages.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(self.log_file()).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }
}

/// Reads the child's standard output on a thread of its own: sends the address of the line
/// `Kindred is running at http://…/`, then keeps draining so the child never blocks on a full
/// pipe. The channel closes without a message when the child exits first.
fn listening_address(child: &mut Child) -> mpsc::Receiver<String> {
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(rest) = line.split_once("running at ").map(|(_, r)| r) {
                let url = rest.split_whitespace().next().unwrap_or_default();
                let _ = tx.send(url.trim_end_matches('/').to_string());
            }
        }
    });
    rx
}

/// A running `kindred serve`. Dropping it kills the process.
pub struct ServerProcess {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub address: String,
}

impl ServerProcess {
    /// The full URL of an API path under `/api/v1`.
    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.address)
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Kills the process with SIGKILL (no shutdown of any kind) and reaps it (blocking).
    pub fn kill(mut self) {
        self.kill_now();
    }

    fn kill_now(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill_now();
    }
}
