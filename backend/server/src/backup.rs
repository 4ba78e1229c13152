//! `kindred backup FILE`: a consistent copy of the SQLite database, taken while the server
//! goes on serving. On PostgreSQL it refuses and names `pg_dump` instead (the commands are in
//! `docs/operations.md`).
//!
//! The copy is written next to `FILE` under a temporary name (owner-only, like the database),
//! synced to disk, then linked to `FILE` only if nothing is there: an interrupted backup never
//! leaves a `FILE` that looks complete, and an existing file is never overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use kindred_db::{DbPool, DbUrl, PoolOptions};

use crate::Settings;

/// Copies the database of `settings` into `file`; reports what it wrote to `out`.
pub fn run(settings: &Settings, file: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let source = sqlite_path(&settings.database_url)?;
    if file.exists() {
        bail!(
            "{} already exists; kindred backup never overwrites a file: choose a new name",
            file.display()
        );
    }
    let dir = parent_dir(file);
    if !dir.is_dir() {
        bail!("the directory {} does not exist: create it first", dir.display());
    }
    if !source.is_file() {
        bail!(
            "no SQLite database at {} (check KINDRED_DATA_DIR or DATABASE_URL)",
            source.display()
        );
    }
    let partial = partial_name(file)?;
    let copied = copy_into(&settings.database_url, &partial).and_then(|()| publish(&partial, file));
    if copied.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    copied?;
    let bytes = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    writeln!(out, "backed up {} to {} ({bytes} bytes)", source.display(), file.display())?;
    Ok(())
}

/// The SQLite file a database URL names; a PostgreSQL URL is refused with what to use instead.
fn sqlite_path(database_url: &str) -> anyhow::Result<PathBuf> {
    match DbUrl::parse(database_url)? {
        DbUrl::Sqlite { path } => Ok(path),
        DbUrl::Postgres { host, .. } => bail!(
            "kindred backup copies SQLite databases only, and this one is PostgreSQL at {host}. \
             Back it up with pg_dump, e.g. `pg_dump --format=custom --file=kindred.dump \
             \"$DATABASE_URL\"`, and restore it with pg_restore (see docs/operations.md)"
        ),
    }
}

/// `<dir>/.<name>.<pid>.partial`: where the copy is written before it gets its name.
fn partial_name(file: &Path) -> anyhow::Result<PathBuf> {
    let name = file
        .file_name()
        .with_context(|| format!("{} does not name a file", file.display()))?
        .to_string_lossy();
    Ok(file.with_file_name(format!(".{name}.{}.partial", std::process::id())))
}

/// Creates `partial` (owner-only), copies the database into it and syncs it to disk.
fn copy_into(database_url: &str, partial: &Path) -> anyhow::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    // SQLite writes into an existing empty file and keeps its mode.
    opts.open(partial).with_context(|| format!("cannot create {}", partial.display()))?;
    let pool =
        DbPool::connect(database_url, PoolOptions { max_size: 1, ..PoolOptions::default() })?;
    pool.run(|c| kindred_db::backup::vacuum_into(c, partial))
        .with_context(|| format!("cannot copy the database into {}", partial.display()))?;
    std::fs::File::open(partial)
        .and_then(|f| f.sync_all())
        .with_context(|| format!("cannot sync {} to disk", partial.display()))?;
    Ok(())
}

/// Gives the finished copy its name, refusing if `file` appeared meanwhile, and syncs the
/// directory so the name survives a crash.
fn publish(partial: &Path, file: &Path) -> anyhow::Result<()> {
    match std::fs::hard_link(partial, file) {
        Ok(()) => std::fs::remove_file(partial)?,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!("{} appeared while the copy was written; it was left alone", file.display())
        }
        // A file system without hard links: rename (which would replace a file that appeared
        // in the last instant; it was checked for just before).
        Err(_) if !file.exists() => std::fs::rename(partial, file)
            .with_context(|| format!("cannot rename the copy to {}", file.display()))?,
        Err(e) => return Err(e).with_context(|| format!("cannot create {}", file.display())),
    }
    // Directories cannot be opened for syncing everywhere (Windows); it is best effort.
    let _ = std::fs::File::open(parent_dir(file)).and_then(|d| d.sync_all());
    Ok(())
}

/// The directory `file` is in (`.` for a bare file name).
fn parent_dir(file: &Path) -> &Path {
    match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}
