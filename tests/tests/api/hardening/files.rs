//! Finding 13 of issue 12: the data directory, the outbox of `.eml` files (live sign-in links)
//! and the SQLite database (health data, password hashes) were readable by every local user,
//! and token-bearing emails stayed on disk for ever. Now the data directory and outbox are
//! 0700 and the database and `.eml` files 0600 (a looser mode is tightened at start-up),
//! `.eml` files of the token-bearing kinds are deleted once their links have expired, and
//! erasure deletes the member's undelivered mail.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::TimeDelta;
use kindred_app::mail::{FileMailer, MailTransport, OutgoingEmail};
use kindred_tests::http::PASSWORD;
use kindred_tests::{spawn_app, TestDb};
use reqwest::Method;
use serde_json::json;

use super::patient_with_id;
use kindred_tests::http::{spawn_app_on, Mail};

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())).permissions().mode()
        & 0o777
}

fn set_mode(p: &Path, m: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
}

fn files_of(dir: &Path, kind: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(&format!("{kind}-")) && name.ends_with(".eml")
        })
        .collect()
}

fn email(kind: &str, n: usize) -> OutgoingEmail {
    OutgoingEmail {
        to: "member@example.org".into(),
        subject: format!("{kind} #{n}"),
        text: format!("{kind} number {n}"),
        html: format!("<p>{kind} number {n}</p>"),
        kind: kind.into(),
    }
}

const FROM: &str = "Kindred <noreply@example.org>";

#[tokio::test]
async fn data_files_are_private_to_the_server_user() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let outbox = data.join("outbox");
    // As an older release (or a careless umask) left them: readable by everyone.
    set_mode(&data, 0o755);
    std::fs::create_dir(&outbox).unwrap();
    set_mode(&outbox, 0o755);
    let sqlite = db.url.strip_prefix("sqlite://").map(PathBuf::from);
    if let Some(file) = &sqlite {
        set_mode(file, 0o644);
    }

    let (app, _) = spawn_app_on(db, dir, Mail::Files, |_| {}).await;
    assert_eq!(mode(&data), 0o700, "data directory");
    assert_eq!(mode(&outbox), 0o700, "outbox directory");
    if let Some(file) = &sqlite {
        assert_eq!(mode(file), 0o600, "database file");
    }

    let res = app
        .post(
            "/auth/register",
            &json!({"email": "fay@example.org", "password": PASSWORD, "handle": "fay"}),
        )
        .await;
    assert_eq!(res.status(), 202);
    let mut found = Vec::new();
    for _ in 0..200 {
        found = files_of(&outbox, "verify_email");
        if !found.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(found.len(), 1, "the confirmation email was written to the outbox");
    assert_eq!(mode(&found[0]), 0o600, "email file");
    assert!(std::fs::read_to_string(&found[0]).unwrap().contains("verify-email"));
    if let Some(file) = &sqlite {
        // SQLite creates its side files with the database file's mode.
        assert_eq!(mode(file), 0o600, "database file after writes");
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", file.display()));
            if side.exists() {
                assert_eq!(mode(&side), 0o600, "{}", side.display());
            }
        }
    }
}

#[tokio::test]
async fn token_emails_are_deleted_once_their_links_expire() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = dir.path().join("outbox");

    // Left over from before a restart: an expired reset link and an old notice.
    std::fs::create_dir(&outbox).unwrap();
    set_mode(&outbox, 0o755);
    let day_old = SystemTime::now() - Duration::from_secs(25 * 3600);
    for name in ["password_reset-old.eml", "password_changed-old.eml", "verify_email-new.eml"] {
        let f = std::fs::File::create(outbox.join(name)).unwrap();
        if name.ends_with("-old.eml") {
            f.set_modified(day_old).unwrap();
        }
    }
    let _default = FileMailer::new(outbox.clone()).unwrap();
    assert_eq!(mode(&outbox), 0o700);
    assert!(!outbox.join("password_reset-old.eml").exists(), "expired link swept at start");
    assert!(outbox.join("password_changed-old.eml").exists(), "no link in it: kept");
    assert!(outbox.join("verify_email-new.eml").exists(), "link still valid: kept");

    // With a one-second retention, each send sweeps the token emails older than that.
    let mailer = FileMailer::with_retention(outbox.clone(), Duration::from_secs(1)).unwrap();
    mailer.send(FROM, &email("password_changed", 1)).unwrap();
    mailer.send(FROM, &email("verify_email", 1)).unwrap();
    let first = files_of(&outbox, "verify_email")
        .into_iter()
        .find(|p| !p.ends_with("verify_email-new.eml"))
        .expect("the first link email was written");
    assert_eq!(mode(&first), 0o600);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    mailer.send(FROM, &email("verify_email", 2)).unwrap();

    assert!(!first.exists(), "the older link email was swept when the next one was sent");
    assert!(!outbox.join("verify_email-new.eml").exists());
    let links = files_of(&outbox, "verify_email");
    assert_eq!(links.len(), 1, "only the newest link email is left: {links:?}");
    assert!(std::fs::read_to_string(&links[0]).unwrap().contains("number 2"));
    assert_eq!(files_of(&outbox, "password_changed").len(), 2, "notices are kept");
}

#[tokio::test]
async fn erasure_deletes_the_members_undelivered_mail() {
    let app = spawn_app().await;
    let (t, uid) = patient_with_id(&app, "gus").await;
    // A message that is still waiting (its next attempt is tomorrow).
    let id = uid.clone();
    app.pool
        .run(move |c| {
            kindred_db::write_tx(c, |c| {
                use diesel::prelude::*;
                use kindred_db::queries::outbox;
                let row = outbox::enqueue(
                    c,
                    &outbox::NewEmail {
                        user_id: Some(&id),
                        to: "gus@example.org",
                        subject: "Waiting",
                        text: "sealed",
                        html: "sealed",
                        kind: "password_changed",
                    },
                )?;
                let later = (kindred_db::now_utc() + TimeDelta::days(1)).naive_utc();
                diesel::update(kindred_db::schema::outbox::table.find(row))
                    .set(kindred_db::schema::outbox::next_attempt_at.eq(later))
                    .execute(c)?;
                Ok::<_, kindred_db::DbError>(())
            })
        })
        .unwrap();
    let pending = |app: &kindred_tests::TestApp| {
        let uid = uid.clone();
        app.pool
            .run(move |c| {
                use diesel::prelude::*;
                use kindred_db::schema::outbox::dsl as o;
                o::outbox
                    .filter(o::user_id.eq(uid).or(o::to_address.eq("gus@example.org")))
                    .filter(o::sent_at.is_null())
                    .count()
                    .get_result::<i64>(c)
                    .map_err(kindred_db::DbError::from)
            })
            .unwrap()
    };
    assert_eq!(pending(&app), 1);

    let res = app.authed(Method::DELETE, "/me", &t, Some(&json!({"password": PASSWORD}))).await;
    assert_eq!(res.status(), 204);
    assert_eq!(pending(&app), 0, "undelivered mail to the erased member is gone");
}
