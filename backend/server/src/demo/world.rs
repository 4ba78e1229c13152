//! The demo world around the accounts, made through the same use cases as the API (so it
//! obeys the same rules): community memberships, threads and replies (one "as a member"), a
//! moderator appointed by the administrator, a report waiting in the moderator's queue, and
//! two researcher applications (Dr Chen's approved, Priya's pending).

use std::collections::HashMap;

use kindred_app::authz::{self, Actor};
use kindred_app::communities::moderation::{self, Target, ThreadAction};
use kindred_app::communities::posts::{self, Draft};
use kindred_app::mail::sealed::Outbox;
use kindred_app::research::applications::{self, Application};
use kindred_app::AppError;
use kindred_db::models::user::User;
use kindred_db::queries::research;
use kindred_db::DbConn;
use kindred_domain::account::Role;
use kindred_domain::forum::{parse_body, parse_title, ReportCategory};
use kindred_domain::research::{parse_institutional_email, parse_line, parse_statement};

use super::people::{Person, BP_COMMUNITY};

/// The demo accounts as they are in the database, by handle.
pub struct Cast {
    by_handle: HashMap<String, User>,
}

impl Cast {
    /// Loads every person's account (each must exist).
    pub fn load(c: &mut DbConn, people: &[Person]) -> Result<Cast, AppError> {
        let mut by_handle = HashMap::new();
        for p in people {
            let u = kindred_db::queries::users::find_by_email(c, &p.login.email)?
                .ok_or(AppError::NotFound)?;
            by_handle.insert(p.login.handle.clone(), u);
        }
        Ok(Cast { by_handle })
    }

    /// The account with this handle.
    pub fn user(&self, handle: &str) -> Result<&User, AppError> {
        self.by_handle.get(handle).ok_or(AppError::NotFound)
    }

    /// The account as an authenticated actor (the seed acts for them, with no session).
    pub fn actor(&self, handle: &str) -> Result<Actor, AppError> {
        let u = self.user(handle)?;
        Ok(Actor {
            id: u.id.clone(),
            role: u.role()?,
            session_id: "demo-seed".into(),
            email_verified: u.email_verified_at.is_some(),
        })
    }
}

/// One post of a demo thread.
struct Said {
    by: &'static str,
    body: &'static str,
    anonymous: bool,
    /// Reported by (handle), why, details.
    reported: Option<(&'static str, ReportCategory, &'static str)>,
}

const fn said(by: &'static str, body: &'static str) -> Said {
    Said { by, body, anonymous: false, reported: None }
}

struct Conversation {
    community: &'static str,
    title: &'static str,
    opening: Said,
    replies: &'static [Said],
    /// Pinned by its community's moderator.
    pinned: bool,
}

const CONVERSATIONS: &[Conversation] = &[
    Conversation {
        community: "welcome",
        title: "Welcome: introduce yourself here",
        opening: said(
            "sam_w",
            "Hi all, I'm Sam, one of the volunteer moderators. Say hello, tell us as much or as \
             little as you like, and ask anything about how Kindred works.\n\nOther members see \
             only your handle, and you can post **as a member** when you would rather not be \
             named at all.",
        ),
        replies: &[
            said(
                "maria_h",
                "Hello! I have lived with high blood pressure for a few years and started new \
                 tablets this year. Mostly here to compare notes on home readings.",
            ),
            said(
                "tom_r",
                "Hi, Tom here: type 2 diabetes and lifelong asthma. Keeping a peak flow diary \
                 helped me spot my last flare-up early.",
            ),
            said(
                "aisha_k",
                "Hi everyone. Migraine since my twenties; I note pain and mood every evening. \
                 Glad there is a place that is not an advert for a miracle cure.",
            ),
        ],
        pinned: true,
    },
    Conversation {
        community: BP_COMMUNITY,
        title: "Morning readings always higher than evening ones: normal?",
        opening: said(
            "maria_h",
            "Since I started measuring twice a day, my morning systolic is usually a few points \
             higher than in the evening. My GP says a morning rise is common, but I wonder what \
             others see. Do you measure before or after your tablets?",
        ),
        replies: &[
            said(
                "member03",
                "Same here. I measure before coffee and before tablets, after sitting quietly \
                 for five minutes, and the morning number is still a bit higher.",
            ),
            said(
                "sam_w",
                "A morning rise is very common. What helps most is measuring the same way each \
                 time: same arm, seated, after a few quiet minutes. The blood pressure chart \
                 shows mornings and evenings together, so you see the pattern over weeks \
                 rather than day to day.",
            ),
            Said {
                by: "member08",
                body: "Honestly, just stop the tablets. A beetroot and garlic supplement \
                       brought mine down in a week, no doctor needed. Message me and I will \
                       tell you where to order it.",
                anonymous: false,
                reported: Some((
                    "maria_h",
                    ReportCategory::Misinformation,
                    "Tells people to stop their blood pressure medication and sells a \
                     supplement.",
                )),
            },
            said(
                "maria_h",
                "Thanks both, that is reassuring. I will keep measuring before the tablets.",
            ),
        ],
        pinned: false,
    },
    Conversation {
        community: BP_COMMUNITY,
        title: "Anyone else tired for the first weeks on a new tablet?",
        opening: Said {
            by: "member05",
            body: "I would rather not put my name to this one. Since starting a new blood \
                   pressure tablet I am worn out every afternoon. My doctor says it often \
                   settles within a few weeks. How long did it take for you?",
            anonymous: true,
            reported: None,
        },
        replies: &[
            said(
                "maria_h",
                "About three weeks for me, and it did settle. Writing down when it happened \
                 helped my GP decide to keep the dose.",
            ),
            said(
                "member02",
                "Mine got better once I took it in the evening instead (I asked my doctor \
                 first).",
            ),
        ],
        pinned: false,
    },
    Conversation {
        community: "type-2-diabetes",
        title: "Fasting glucose finally in range after six months",
        opening: said(
            "tom_r",
            "Small win: my fasting readings have been under 130 mg/dL most mornings this month, \
             down from the 160s in the spring. What made the difference for me was a regular \
             breakfast time and a walk after dinner.",
        ),
        replies: &[],
        pinned: false,
    },
    Conversation {
        community: "migraine",
        title: "Does a daily pain log change your appointments?",
        opening: said(
            "aisha_k",
            "I started logging pain every evening, including the zero days. At my last \
             neurology appointment we looked at the chart together instead of me guessing how \
             many migraine days I had. Has anyone else found that?",
        ),
        replies: &[],
        pinned: false,
    },
];

/// What the world step wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Threads started.
    pub threads: usize,
    /// Posts (first posts and replies).
    pub posts: usize,
    /// Reports filed.
    pub reports: usize,
}

fn draft(title: Option<&str>, s: &Said) -> Result<Draft, AppError> {
    Ok(Draft {
        title: title.map(parse_title).transpose()?,
        body: parse_body(s.body)?,
        anonymous: s.anonymous,
        // Demo posts identify nobody: a privacy finding here is a bug, not a confirmation.
        confirm_privacy_findings: false,
    })
}

/// Memberships, the moderator, threads with replies and a report, in the caller's
/// transaction.
pub fn communities(
    c: &mut DbConn,
    outbox: &Outbox,
    cast: &Cast,
    people: &[Person],
) -> Result<Counts, AppError> {
    for p in people {
        let actor = cast.actor(&p.login.handle)?;
        for slug in p.communities {
            kindred_app::communities::join(c, &actor, slug)?;
        }
    }
    let admin = authz::require_admin(&cast.actor("kindred_admin")?)?;
    for slug in [BP_COMMUNITY, "welcome"] {
        kindred_app::communities::appoint(c, &admin, slug, "sam_w")?;
    }
    let mut n = Counts::default();
    for conv in CONVERSATIONS {
        let author = cast.actor(conv.opening.by)?;
        let reader = authz::require_reader(c, &author, conv.community)?;
        let poster = authz::require_poster(c, reader)?;
        let opened = posts::create_thread(c, &poster, &draft(Some(conv.title), &conv.opening)?)?;
        n.threads += 1;
        n.posts += 1;
        for s in conv.replies {
            let actor = cast.actor(s.by)?;
            let reply = posts::reply(c, &actor, &opened.thread.id, &draft(None, s)?)?;
            n.posts += 1;
            if let Some((by, category, details)) = s.reported {
                let reporter = cast.actor(by)?;
                moderation::report(c, &reporter, &Target::Post(reply.post.id), category, details)?;
                n.reports += 1;
            }
        }
        if conv.pinned {
            let moderator = cast.actor("sam_w")?;
            moderation::thread_action(
                c,
                outbox,
                &moderator,
                &opened.thread.id,
                ThreadAction::Pin,
                "Start here: the introductions thread.",
            )?;
        }
    }
    Ok(n)
}

/// Dr Chen's application, approved by the administrator (so the study names a real
/// institution), and Priya's, waiting. An account that already is a researcher (a demo
/// seeded by an earlier release) keeps its role without an application.
pub fn applications(c: &mut DbConn, outbox: &Outbox, cast: &Cast) -> Result<(), AppError> {
    let admin = authz::require_admin(&cast.actor("kindred_admin")?)?;
    let chen = cast.actor("dr_chen")?;
    if chen.role == Role::Patient && research::applications_of(c, &chen.id)?.is_empty() {
        let filed = applications::apply(
            c,
            outbox,
            &chen,
            &application(
                "Leiden University Medical Center",
                "Associate professor of cardiovascular epidemiology",
                "l.chen@lumc.example",
                "I study how blood pressure measured at home changes after people start or \
                 change treatment, and how often they keep measuring. Kindred's members track \
                 exactly this, and de-identified readings from members who agree would let us \
                 describe it outside the clinic.",
            )?,
        )?;
        applications::decide(c, outbox, &admin, &filed.id, true, None)?;
    }
    let priya = cast.actor("priya_s")?;
    if research::applications_of(c, &priya.id)?.is_empty() {
        applications::apply(
            c,
            outbox,
            &priya,
            &application(
                "University of Porto",
                "PhD candidate in public health",
                "priya.s@up.example",
                "My thesis is about how people with migraine use symptom diaries between \
                 appointments. I would like to run a study on how often members log pain and \
                 mood, using only de-identified data from members who consent.",
            )?,
        )?;
    }
    Ok(())
}

fn application(
    institution: &str,
    title: &str,
    email: &str,
    statement: &str,
) -> Result<Application, AppError> {
    Ok(Application {
        institution: parse_line("institution", institution)?,
        title: parse_line("title", title)?,
        institutional_email: parse_institutional_email(email)?,
        statement: parse_statement(statement)?,
        orcid: None,
    })
}
