//! Password hashing with argon2id (m=19456 KiB, t=2, p=1), on the blocking pool behind a
//! semaphore so a login storm can neither exhaust memory nor starve other requests.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use argon2::password_hash::{PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use base64::engine::general_purpose::STANDARD_NO_PAD;
use base64::Engine;
use kindred_domain::Password;
use tokio::sync::Semaphore;

use crate::AppError;

/// Memory cost in KiB (OWASP's argon2id minimum).
pub const M_COST: u32 = 19_456;
/// Iterations.
pub const T_COST: u32 = 2;
/// Parallelism.
pub const P_COST: u32 = 1;
const OUT_LEN: usize = 32;

thread_local! {
    // One 19 MiB block buffer per blocking thread, reused: no allocation per hash, flat memory.
    static BLOCKS: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

fn argon() -> Result<Argon2<'static>, argon2::Error> {
    let params = Params::new(M_COST, T_COST, P_COST, Some(OUT_LEN))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn raw_hash(
    a: &Argon2<'_>,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), argon2::Error> {
    let blocks_needed = a.params().block_count();
    BLOCKS.with(|cell| {
        let mut blocks = cell.borrow_mut();
        if blocks.len() < blocks_needed {
            blocks.resize(blocks_needed, Block::new());
        }
        a.hash_password_into_with_memory(password, salt, out, &mut blocks[..blocks_needed])
    })
}

/// Hashes a password to a PHC string `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`.
pub fn hash_blocking(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    let mut salt_bytes = [0u8; 16];
    let salt_raw = salt.decode_b64(&mut salt_bytes).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut out = [0u8; OUT_LEN];
    raw_hash(
        &argon().map_err(|e| anyhow::anyhow!("{e}"))?,
        password.as_bytes(),
        salt_raw,
        &mut out,
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(format!(
        "$argon2id$v=19$m={M_COST},t={T_COST},p={P_COST}${}${}",
        salt.as_str(),
        STANDARD_NO_PAD.encode(out)
    ))
}

/// The outcome of a verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified {
    /// The password matched.
    pub ok: bool,
    /// The stored hash uses weaker parameters than today's and should be replaced.
    pub needs_rehash: bool,
}

/// Verifies a password against a stored PHC hash (any argon2 parameters).
pub fn verify_blocking(password: &str, phc: &str) -> Verified {
    let fail = Verified { ok: false, needs_rehash: false };
    let Ok(parsed) = PasswordHash::new(phc) else { return fail };
    let Ok(params) = Params::try_from(&parsed) else { return fail };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else { return fail };
    let mut salt_buf = [0u8; 64];
    let Ok(salt_raw) = salt.decode_b64(&mut salt_buf) else { return fail };
    let algorithm = match parsed.algorithm.as_str() {
        "argon2id" => Algorithm::Argon2id,
        "argon2i" => Algorithm::Argon2i,
        "argon2d" => Algorithm::Argon2d,
        _ => return fail,
    };
    let version = match parsed.version {
        Some(0x10) => Version::V0x10,
        _ => Version::V0x13,
    };
    let Ok(params) =
        Params::new(params.m_cost(), params.t_cost(), params.p_cost(), Some(expected.len()))
    else {
        return fail;
    };
    let a = Argon2::new(algorithm, version, params.clone());
    let mut out = vec![0u8; expected.len()];
    if raw_hash(&a, password.as_bytes(), salt_raw, &mut out).is_err() {
        return fail;
    }
    // Constant-time comparison.
    let diff = out.iter().zip(expected.as_bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b));
    let weaker = algorithm != Algorithm::Argon2id
        || params.m_cost() < M_COST
        || params.t_cost() < T_COST
        || version != Version::V0x13;
    Verified { ok: diff == 0, needs_rehash: diff == 0 && weaker }
}

/// Runs hashing on its own `concurrency` threads (by default one core fewer than the machine
/// has, so a sign-in flood never takes every core), with at most `queue` callers waiting; past
/// that the answer is 503 with `Retry-After`. Own threads, not the shared blocking pool: each
/// hashing thread keeps its 19 MiB work buffer, so memory stays at `concurrency` buffers
/// however many threads the blocking pool grows to.
#[derive(Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
    waiting: Arc<AtomicUsize>,
    queue: usize,
    dummy_hash: Arc<String>,
    jobs: std::sync::mpsc::Sender<Job>,
}

type Job = Box<dyn FnOnce() + Send>;

/// Starts `n` hashing threads that take jobs until every sender is gone.
fn start_threads(n: usize) -> anyhow::Result<std::sync::mpsc::Sender<Job>> {
    let (tx, rx) = std::sync::mpsc::channel::<Job>();
    let rx = Arc::new(std::sync::Mutex::new(rx));
    for i in 0..n {
        let rx = rx.clone();
        std::thread::Builder::new().name(format!("kindred-hash-{i}")).spawn(move || loop {
            let job = match rx.lock() {
                Ok(r) => r.recv(),
                Err(_) => return,
            };
            match job {
                Ok(job) => job(),
                Err(_) => return,
            }
        })?;
    }
    Ok(tx)
}

/// Counts a caller as waiting for a hashing slot while it lives.
struct Waiting(Arc<AtomicUsize>);

impl Drop for Waiting {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Hasher {
    /// A hasher allowing `concurrency` hashes at once (each holds ~19 MiB) and `queue` waiting.
    pub fn new(concurrency: usize, queue: usize) -> anyhow::Result<Self> {
        let dummy = hash_blocking("kindred-dummy-password-for-unknown-accounts")?;
        let concurrency = concurrency.max(1);
        Ok(Self {
            permits: Arc::new(Semaphore::new(concurrency)),
            waiting: Arc::new(AtomicUsize::new(0)),
            queue,
            dummy_hash: Arc::new(dummy),
            jobs: start_threads(concurrency)?,
        })
    }

    /// Runs `f` on a hashing thread (the caller holds a slot, so one is free).
    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.jobs
            .send(Box::new(move || {
                let _ = tx.send(f());
            }))
            .map_err(|_| AppError::internal(anyhow::anyhow!("hashing threads are gone")))?;
        rx.await.map_err(AppError::internal)
    }

    /// A hashing slot, or 503 when too many callers already wait for one.
    async fn slot(&self) -> Result<tokio::sync::SemaphorePermit<'_>, AppError> {
        if let Ok(p) = self.permits.try_acquire() {
            return Ok(p);
        }
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= self.queue {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return Err(AppError::Unavailable("password hashing queue is full".into()));
        }
        let _waiting = Waiting(self.waiting.clone());
        self.permits.acquire().await.map_err(AppError::internal)
    }

    /// Hashes a new password.
    pub async fn hash(&self, password: &Password) -> Result<String, AppError> {
        let _permit = self.slot().await?;
        let pw = password.expose().to_string();
        self.run(move || hash_blocking(&pw)).await?.map_err(AppError::Internal)
    }

    /// Verifies a password; with `None` (no such account) it verifies against a dummy hash so
    /// the answer takes as long as for a real account, and always fails.
    pub async fn verify(
        &self,
        password: &Password,
        phc: Option<String>,
    ) -> Result<Verified, AppError> {
        let _permit = self.slot().await?;
        let pw = password.expose().to_string();
        let real = phc.is_some();
        let phc = phc.unwrap_or_else(|| self.dummy_hash.as_str().to_string());
        let v = self.run(move || verify_blocking(&pw, &phc)).await?;
        Ok(if real { v } else { Verified { ok: false, needs_rehash: false } })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_in_the_pinned_format_and_verifies() {
        let h = hash_blocking("correct horse battery staple").unwrap_or_default();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert_eq!(
            verify_blocking("correct horse battery staple", &h),
            Verified { ok: true, needs_rehash: false }
        );
        assert!(!verify_blocking("wrong horse battery staple", &h).ok);
        assert!(!verify_blocking("x", "not a hash").ok);
    }

    #[test]
    fn weaker_hashes_verify_and_ask_for_a_rehash() {
        use argon2::PasswordHasher;
        let weak = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(8192, 1, 1, None).unwrap_or_default(),
        );
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        let h = weak
            .hash_password(b"an old password here", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default();
        assert_eq!(
            verify_blocking("an old password here", &h),
            Verified { ok: true, needs_rehash: true }
        );
    }
}
