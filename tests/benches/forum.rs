//! Forum benchmark (issue 14): reading and searching condition communities at scale.
//!
//! Loads, straight through the server's database pool (multi-row INSERTs, 20,000 posts a
//! transaction), communities, threads and posts whose bodies are a few hundred characters drawn
//! from a word list (Zipf-distributed: a few words are everywhere, most are rare), one long
//! thread of 6,000 posts, and the search index (`post_search`, text folded as the application
//! folds it). Threads are spread over the communities Zipf-wise too, so the first community is
//! the big one (about a fifth of everything). Posts are inserted in time order across threads,
//! as they would have been written.
//!
//! The load happens in two steps: a tenth first (100,000 posts, the long thread among them),
//! measured; then the rest, measured again. For each of the three queries below the table
//! shows Kindred with 32 concurrent clients (each its own account, a member of the community)
//! and with one client alone, `KINDRED_BENCH_SECS` each, beside the same `db` function the
//! endpoint calls run by 32 threads (and by one) over the server's pool; at the end, how p99
//! grew from the first step to the full size:
//! - (a) the first page (50) of the big community's thread list (pinned first, then latest
//!   activity);
//! - (b) a page of 50 posts deep in the long thread (after seq 4,000), through a cursor;
//! - (c) a search for a word of moderate frequency (about 1 % of posts) in the big community
//!   (20 hits).
//!
//! The targets printed (p99 under 10 ms, p99 growth at most 1.2×) are notes: a benchmark
//! prints figures and never fails on one. With 32 requests in flight on a machine of few cores,
//! latency is mostly queueing (p50 ≈ 32 / throughput); the one-client rows show a request's
//! own cost.
//!
//! SQLite gets no `ANALYZE` (Kindred never runs one, so a real database has no statistics);
//! PostgreSQL gets `VACUUM ANALYZE` after each step, as autovacuum would soon do.
//!
//! `make bench` (release build). Environment:
//! - `KINDRED_BENCH_FORUM_POSTS` (default 1,000,000), `KINDRED_BENCH_FORUM_THREADS` (50,000),
//!   `KINDRED_BENCH_FORUM_COMMUNITIES` (100): the full size; the first step loads a tenth of
//!   the posts and threads
//! - `KINDRED_BENCH_SECS` — seconds per measurement (default 5)
//! - `KINDRED_TEST_POSTGRES_URL` — also run on PostgreSQL when set
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::mpsc;
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use kindred_db::page::Cursor;
use kindred_db::queries::{forum, forum_search};
use kindred_db::{DbConn, DbError, DbPool};
use kindred_domain::forum::fold;
use kindred_tests::bench::{self, env_num, join_all, ratio, timed, BenchServer, Lat, Table};
use serde_json::Value;

const TABLE: Table = Table { metric: 54, kindred: 23, raw: 23, ratio: 7, ms_decimals: 2 };

/// Concurrent clients (and raw threads).
const CLIENTS: usize = 32;
/// Accounts that wrote the posts (no password: they never sign in).
const AUTHORS: usize = 1000;
/// Communities each author belongs to.
const AUTHOR_MEMBERSHIPS: usize = 3;
/// Thread list and thread page size.
const PAGE: i64 = 50;
/// Search hits asked for.
const HITS: i64 = 20;
/// Posts in the long thread (fewer when the whole first step is small).
const LONG_THREAD: u64 = 6000;
/// The word searched for; it sits in the vocabulary at [`SEARCH_RANK`].
const SEARCH_WORD: &str = "insomnia";
/// Its rank in the Zipf distribution: about 1 % of posts contain it.
const SEARCH_RANK: usize = 700;
/// Rows per INSERT statement.
const ROWS_PER_INSERT: usize = 500;
/// Posts (with their index rows) per transaction.
const POSTS_PER_TX: usize = 20_000;
/// 2024-01-01 00:00:00 UTC: when the first thread starts.
const T0: i64 = 1_704_067_200;
/// Seconds between two threads being started.
const THREAD_GAP: i64 = 600;

// ---- the text ----------------------------------------------------------------------------

/// Words in (roughly) decreasing frequency: the common ones first, then what people with a
/// condition talk about.
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "the", "i", "and", "to", "a", "of", "my", "it", "is", "in", "that", "for", "have", "was",
    "but", "with", "me", "this", "not", "on", "so", "you", "be", "are", "at", "just", "do", "had",
    "been", "as", "about", "or", "what", "if", "all", "can", "they", "from", "when", "like", "get",
    "an", "one", "now", "out", "up", "am", "has", "some", "no", "would", "more", "there", "know",
    "time", "still", "also", "really", "day", "feel", "did", "days", "only", "we", "your", "how",
    "me", "very", "then", "after", "because", "much", "them", "could", "were", "other", "anyone",
    "got", "back", "any", "think", "going", "years", "pain", "been", "doctor", "first", "here",
    "week", "since", "go", "over", "well", "same", "it's", "things", "help", "new", "started",
    "take", "good", "months", "again", "even", "try", "bad", "work", "make", "way", "need", "him",
    "her", "she", "he", "who", "night", "sleep", "thanks", "thank", "people", "life", "lot",
    "never", "before", "hope", "last", "ago", "taking", "year", "long", "tried", "better", "want",
    "medication", "worse", "see", "find", "which", "hard", "diagnosed", "said", "something", "say",
    "everyone", "little", "while", "through", "around", "morning", "always", "most", "post",
    "though", "symptoms", "tired", "down", "same", "off", "each", "keep", "our", "too", "went",
    "helps", "helped", "few", "right", "until", "seems", "feeling", "family", "started", "where",
    "those", "today", "months", "appointment", "specialist", "dose", "side", "effects", "blood",
    "test", "tests", "results", "high", "low", "level", "levels", "weeks", "hours", "body", "head",
    "back", "legs", "arms", "hands", "feet", "stomach", "chest", "heart", "breathing", "walking",
    "exercise", "diet", "food", "eating", "water", "weight", "energy", "stress", "anxiety",
    "depression", "mood", "brain", "fog", "memory", "focus", "muscle", "joint", "joints", "stiff",
    "swelling", "flare", "flares", "relief", "treatment", "therapy", "physio", "nurse", "hospital",
    "clinic", "gp", "neurologist", "rheumatologist", "scan", "mri", "xray", "biopsy", "referral",
    "waiting", "list", "insurance", "cost", "pharmacy", "prescription", "tablets", "pills",
    "injection", "infusion", "mg", "twice", "daily", "weekly", "changed", "switched", "stopped",
    "started", "increase", "reduce", "reduced", "increased", "support", "group", "partner",
    "husband", "wife", "kids", "mum", "dad", "friends", "job", "boss", "home", "house", "bed",
    "couch", "chair", "stairs", "car", "drive", "walk", "shower", "cook", "clean", "shopping",
    "holiday", "weather", "cold", "heat", "rain", "winter", "summer", "headache", "migraine",
    "nausea", "dizzy", "dizziness", "numb", "numbness", "tingling", "burning", "aching", "sharp",
    "dull", "constant", "worst", "best", "mild", "severe", "chronic", "acute", "remission",
    "relapse", "progress", "progression", "diagnosis", "condition", "disease", "syndrome",
    "disorder", "autoimmune", "inflammation", "immune", "system", "thyroid", "diabetes", "insulin",
    "glucose", "sugar", "pressure", "cholesterol", "kidney", "liver", "lungs", "skin", "rash",
    "itching", "hair", "eyes", "vision", "hearing", "ears", "teeth", "mouth", "throat", "cough",
    "fever", "infection", "antibiotics", "steroids", "painkillers", "ibuprofen", "paracetamol",
    "vitamin", "supplements", "magnesium", "iron", "b12", "d3", "fatigue", "exhausted",
    "exhaustion", "rest", "pacing", "spoons", "energy", "naps", "nap", "afternoon", "evening",
    "weekend", "monday", "friday", "month", "january", "march", "june", "september", "december",
    "advice", "question", "questions", "answer", "experience", "experiences", "story", "update",
    "news", "good", "great", "awful", "terrible", "okay", "fine", "normal", "strange", "weird",
    "scared", "worried", "frustrated", "angry", "sad", "happy", "grateful", "alone", "lonely",
    "understand", "understanding", "listen", "talk", "talking", "explain", "explained", "asked",
    "asking", "told", "tell", "wrote", "read", "reading", "research", "study", "studies", "trial",
    "trials", "evidence", "article", "website", "forum", "community", "members", "welcome",
    "hello", "hi", "everybody", "newbie", "lurker", "longtime", "recently", "finally", "maybe",
    "probably", "definitely", "actually", "basically", "honestly", "hopefully", "unfortunately",
    "luckily", "slowly", "quickly", "suddenly", "gradually", "eventually", "completely", "totally",
    "almost", "enough", "less", "fewer", "several", "many", "both", "either", "neither", "every",
    "another", "such", "own", "whole", "half", "quarter", "single", "double", "third", "second",
    "next", "previous", "early", "late", "later", "soon", "often", "sometimes", "rarely",
    "usually", "once", "whenever", "wherever", "whatever", "anything", "nothing", "everything",
    "someone", "somebody", "nobody", "myself", "yourself", "ourselves", "themselves", "cope",
    "coping", "manage", "managing", "struggle", "struggling", "improve", "improved", "improvement",
    "recover", "recovery", "heal", "healing", "surgery", "operation", "procedure", "anaesthetic",
    "stitches", "scar", "wound", "bandage", "brace", "splint", "crutches", "wheelchair", "cane",
    "mobility", "disability", "benefits", "assessment", "form", "forms", "letter", "phone", "call",
    "email", "online", "app", "tracker", "diary", "journal", "notes", "chart", "readings",
    "monitor", "meter", "strips", "pump", "sensor", "tremor", "shaking", "spasms", "cramps",
    "twitching", "balance", "falls", "fell", "bruise", "bruising", "bleeding", "clot", "clots",
    "thinner", "warfarin", "aspirin", "heartburn", "reflux", "bloating", "constipation",
    "diarrhoea", "ibs", "gluten", "dairy", "lactose", "allergy", "allergies", "intolerance",
    "sensitive", "sensitivity", "noise", "light", "smell", "taste", "appetite", "thirst",
    "sweating", "chills", "flush", "hot", "flashes", "hormones", "cycle", "period", "pregnancy",
    "menopause", "fertility", "breastfeeding", "baby", "toddler", "teenager", "school", "teacher",
    "college", "exam", "student", "retired", "pension", "colleague", "office", "remote", "hours",
    "sick", "leave", "absence", "return", "phased", "adjustments", "employer", "rights", "law",
    "lawyer", "appeal", "decision", "refused", "approved", "delay", "delayed", "cancelled",
    "rescheduled", "follow", "followup", "checkup", "review", "annual", "routine",
];

/// Made-up medicine names for the long tail of rare words.
#[rustfmt::skip]
const DRUG_HEADS: &[&str] = &[
    "meto", "ami", "sero", "lami", "gaba", "pred", "hydro", "dulo", "vena", "cele", "topi", "zono",
    "lacto", "rivo", "apixa", "dabi", "fluo", "parox", "sertra", "esci", "bupro", "trazo", "mirta",
    "quetia", "olanza",
];
#[rustfmt::skip]
const DRUG_TAILS: &[&str] = &[
    "prolol", "triptan", "xetine", "pentin", "nisone", "codone", "famine", "dipine", "mide",
    "xaban", "zepam", "statin", "pril", "sartan", "zumab",
];

/// A small fast generator (SplitMix64): the same data on every run.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [0, n).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// An index drawn from a cumulative distribution.
    fn pick(&mut self, cdf: &[f64]) -> usize {
        let u = self.unit() * cdf[cdf.len() - 1];
        cdf.partition_point(|c| *c <= u).min(cdf.len() - 1)
    }
}

/// The cumulative Zipf distribution over `n` ranks with exponent `s`.
fn zipf_cdf(n: usize, s: f64) -> Vec<f64> {
    let mut acc = 0.0;
    (0..n)
        .map(|r| {
            acc += 1.0 / ((r + 1) as f64).powf(s);
            acc
        })
        .collect()
}

/// The vocabulary and how often each word is used.
struct Words {
    vocab: Vec<String>,
    cdf: Vec<f64>,
    search: usize,
}

impl Words {
    fn new() -> Words {
        let mut vocab: Vec<String> = Vec::new();
        for w in WORDS {
            if !vocab.iter().any(|v| v == w) {
                vocab.push(w.to_string());
            }
        }
        for h in DRUG_HEADS {
            for t in DRUG_TAILS {
                vocab.push(format!("{h}{t}"));
            }
        }
        let search = SEARCH_RANK.min(vocab.len());
        vocab.insert(search, SEARCH_WORD.to_string());
        let cdf = zipf_cdf(vocab.len(), 1.0);
        Words { vocab, cdf, search }
    }

    /// Appends `n` words as sentences; true when the search word is among them.
    fn text(&self, rng: &mut Rng, n: usize, out: &mut String) -> bool {
        let mut found = false;
        let mut start = true;
        for k in 0..n {
            let i = rng.pick(&self.cdf);
            found |= i == self.search;
            let w = &self.vocab[i];
            if !out.is_empty() {
                out.push(' ');
            }
            if start {
                let mut cs = w.chars();
                if let Some(c) = cs.next() {
                    out.extend(c.to_uppercase());
                    out.push_str(cs.as_str());
                }
                start = false;
            } else {
                out.push_str(w);
            }
            if k + 1 == n || rng.chance(1.0 / 12.0) {
                out.push(if rng.chance(0.15) { '?' } else { '.' });
                start = true;
            }
        }
        found
    }
}

// ---- the data ----------------------------------------------------------------------------

/// The full size (the first step loads a tenth).
#[derive(Debug, Clone, Copy)]
struct Sizes {
    communities: usize,
    threads: usize,
    posts: usize,
}

/// One thread as generated.
struct GenThread {
    id: String,
    community: usize,
    author: usize,
    title: String,
    title_has_word: bool,
    anonymous: bool,
    status: &'static str,
    pinned: bool,
    created: i64,
    /// Times of its posts, in order (seq = index + 1).
    posts: Vec<i64>,
}

/// What a load step put in the database.
#[derive(Default, Clone, Copy)]
struct Counts {
    threads: u64,
    posts: u64,
    big_threads: u64,
    big_posts: u64,
    /// Findable posts (published) of the big community with the search word.
    big_hits: u64,
    /// Index entries (any community, any indexed status) with the search word.
    all_hits: u64,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.threads += o.threads;
        self.posts += o.posts;
        self.big_threads += o.big_threads;
        self.big_posts += o.big_posts;
        self.big_hits += o.big_hits;
        self.all_hits += o.all_hits;
    }
}

/// The generator: the same forum on every run, in steps.
struct Forum {
    rng: Rng,
    words: Words,
    communities: Vec<String>,
    community_cdf: Vec<f64>,
    authors: Vec<String>,
    /// Threads started so far (their start times follow one another).
    started: usize,
    long_thread: Option<String>,
    pinned: usize,
    /// On SQLite, each community's search entries so far (their rowids are numbered in the
    /// community's scope, as `forum_search::index` numbers them); on PostgreSQL, `None`.
    entries: Option<Vec<i64>>,
}

/// The big community's slug.
const BIG_SLUG: &str = "forum-000";

fn community_id(i: usize) -> String {
    format!("bench-comm-{i:03}")
}

/// The search scope of community `i` on SQLite (clear of those of the seeded communities).
fn scope_key(i: usize) -> i64 {
    10_000 + i as i64
}

fn author_id(i: usize) -> String {
    format!("bench-author-{i:04}")
}

fn client_id(i: usize) -> String {
    format!("bench-reader-{i:02}")
}

fn client_email(i: usize) -> String {
    format!("reader{i}@bench.org")
}

/// A text literal.
fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A timestamp literal (both backends read it as a TIMESTAMP).
fn ts(secs: i64) -> String {
    let t = chrono::DateTime::from_timestamp(secs, 0).unwrap().naive_utc();
    format!("'{}'", t.format("%Y-%m-%d %H:%M:%S"))
}

fn boolean(b: bool) -> &'static str {
    if b {
        "TRUE"
    } else {
        "FALSE"
    }
}

/// Multi-row INSERTs of `rows` (each a parenthesised tuple), [`ROWS_PER_INSERT`] a statement.
fn inserts(head: &str, rows: &[String], out: &mut Vec<String>) {
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut sql = String::with_capacity(chunk.iter().map(|r| r.len() + 2).sum::<usize>() + 200);
        sql.push_str(head);
        sql.push_str(" VALUES ");
        for (i, r) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push_str(",\n");
            }
            sql.push_str(r);
        }
        out.push(sql);
    }
}

impl Forum {
    fn new(communities: usize, postgres: bool) -> Forum {
        Forum {
            rng: Rng(0x6b69_6e64_7265_6421),
            words: Words::new(),
            communities: (0..communities).map(community_id).collect(),
            community_cdf: zipf_cdf(communities, 1.0),
            authors: (0..AUTHORS).map(author_id).collect(),
            started: 0,
            long_thread: None,
            pinned: 0,
            entries: (!postgres).then(|| vec![0; communities]),
        }
    }

    /// Communities, authors (no password), the readers' and authors' memberships: one
    /// transaction of statements. The readers themselves exist already.
    fn setup_sql(&mut self) -> Vec<String> {
        let now = ts(T0);
        let mut out = Vec::new();
        let rows: Vec<String> = (0..self.communities.len())
            .map(|i| {
                // The big one is members-only (reading it needs a membership); a third of the
                // others are public.
                let vis = if i > 0 && i % 3 == 0 { "public" } else { "members" };
                format!(
                    "({}, {}, {}, {}, {}, FALSE, {now}, {now})",
                    lit(&community_id(i)),
                    lit(&format!("forum-{i:03}")),
                    lit(&format!("Bench forum {i}")),
                    lit("A community of the forum benchmark."),
                    lit(vis),
                )
            })
            .collect();
        inserts(
            "INSERT INTO communities (id, slug, name, description, visibility, \
             approve_first_posts, created_at, updated_at)",
            &rows,
            &mut out,
        );
        if self.entries.is_some() {
            let rows: Vec<String> = (0..self.communities.len())
                .map(|i| format!("({}, {})", scope_key(i), lit(&community_id(i))))
                .collect();
            inserts("INSERT INTO post_search_scopes (scope_key, community_id)", &rows, &mut out);
        }
        let rows: Vec<String> = (0..AUTHORS)
            .map(|i| {
                format!(
                    "({}, {}, {}, {}, 'patient', 'active', 'members', FALSE, {now}, {now})",
                    lit(&author_id(i)),
                    lit(&format!("author{i}@bench.org")),
                    lit(&format!("author{i}")),
                    lit(&format!("author{i}")),
                )
            })
            .collect();
        inserts(
            "INSERT INTO users (id, email, handle, handle_lower, role, status, visibility, \
             notify_email, created_at, updated_at)",
            &rows,
            &mut out,
        );
        let mut rows: Vec<String> = (0..CLIENTS)
            .map(|i| {
                format!(
                    "({}, {}, {}, {now})",
                    lit(&format!("bench-m-r{i}")),
                    lit(&community_id(0)),
                    lit(&client_id(i))
                )
            })
            .collect();
        for a in 0..AUTHORS {
            let mut joined: Vec<usize> = Vec::new();
            while joined.len() < AUTHOR_MEMBERSHIPS.min(self.communities.len()) {
                let c = self.rng.pick(&self.community_cdf);
                if !joined.contains(&c) {
                    joined.push(c);
                    rows.push(format!(
                        "({}, {}, {}, {now})",
                        lit(&format!("bench-m-a{a}-{c}")),
                        lit(&community_id(c)),
                        lit(&author_id(a))
                    ));
                }
            }
        }
        inserts(
            "INSERT INTO community_members (id, community_id, user_id, joined_at)",
            &rows,
            &mut out,
        );
        out
    }

    /// `n_threads` new threads with `n_posts` posts between them (the long thread among them
    /// when `long` posts are asked for), started after the earlier ones.
    fn threads(&mut self, n_threads: usize, n_posts: usize, long: usize) -> Vec<GenThread> {
        let mut threads = Vec::with_capacity(n_threads);
        for k in 0..n_threads {
            let created = T0 + (self.started + k) as i64 * THREAD_GAP;
            let is_long = long > 0 && k == 0;
            let community = if is_long { 0 } else { self.rng.pick(&self.community_cdf) };
            let pinned = community == 0 && !is_long && self.pinned < 2;
            self.pinned += pinned as usize;
            let mut title = String::new();
            let n = 3 + self.rng.below(6);
            let title_has_word = self.words.text(&mut self.rng, n, &mut title);
            let title = title.trim_end_matches(['.', '?']).to_string();
            let status =
                if !is_long && !pinned && self.rng.chance(0.01) { "removed" } else { "published" };
            threads.push(GenThread {
                id: kindred_db::new_id(),
                community,
                author: self.rng.below(AUTHORS),
                title,
                title_has_word,
                anonymous: self.rng.chance(0.05),
                status,
                pinned,
                created,
                posts: vec![created],
            });
        }
        // Post counts: the long thread its own, the others one each plus a skewed share of
        // the rest (most threads short, a few long).
        let mut extra = n_posts.saturating_sub(n_threads + long.saturating_sub(1));
        if long > 0 {
            threads[0].posts.reserve(long);
        }
        let weights: Vec<f64> = (0..n_threads)
            .map(|k| if long > 0 && k == 0 { 0.0 } else { (-(1.0 - self.rng.unit()).ln()).powi(2) })
            .collect();
        let total: f64 = weights.iter().sum();
        let mut counts: Vec<usize> = weights
            .iter()
            .map(|w| if total > 0.0 { (extra as f64 * w / total) as usize } else { 0 })
            .collect();
        extra -= counts.iter().sum::<usize>().min(extra);
        while extra > 0 {
            let k = self.rng.below(n_threads);
            if !(long > 0 && k == 0) {
                counts[k] += 1;
                extra -= 1;
            }
        }
        if long > 0 {
            counts[0] = long - 1;
        }
        let span = n_threads as i64 * THREAD_GAP;
        for (k, (t, n)) in threads.iter_mut().zip(counts).enumerate() {
            // Replies every half hour on average; the long thread's spread over the step.
            let mean = if long > 0 && k == 0 { span as f64 / long as f64 } else { 1800.0 };
            let mut at = t.created;
            for _ in 0..n {
                at += 1 + (-(1.0 - self.rng.unit()).ln() * mean) as i64;
                t.posts.push(at);
            }
        }
        if long > 0 {
            self.long_thread = Some(threads[0].id.clone());
        }
        self.started += n_threads;
        threads
    }

    /// Generates one load step and sends it as transactions (lists of statements): the threads
    /// first, then the posts in time order with their index rows, [`POSTS_PER_TX`] a
    /// transaction.
    fn step(
        &mut self,
        n_threads: usize,
        n_posts: usize,
        long: usize,
        out: &mpsc::SyncSender<Vec<String>>,
    ) -> Counts {
        let threads = self.threads(n_threads, n_posts, long);
        let mut counts = Counts { threads: n_threads as u64, ..Counts::default() };
        let rows: Vec<String> = threads
            .iter()
            .map(|t| {
                let last = *t.posts.last().unwrap();
                format!(
                    "({}, {}, {}, {}, {}, {}, {}, FALSE, {}, {}, {}, {})",
                    lit(&t.id),
                    lit(&self.communities[t.community]),
                    lit(&self.authors[t.author]),
                    lit(&t.title),
                    boolean(t.anonymous),
                    lit(t.status),
                    boolean(t.pinned),
                    t.posts.len(),
                    ts(last),
                    ts(t.created),
                    ts(last),
                )
            })
            .collect();
        counts.big_threads = threads.iter().filter(|t| t.community == 0).count() as u64;
        let mut stmts = Vec::new();
        inserts(
            "INSERT INTO threads (id, community_id, author_id, title, anonymous, status, pinned, \
             locked, post_count, last_activity_at, created_at, updated_at)",
            &rows,
            &mut stmts,
        );
        out.send(stmts).unwrap();

        // Every post as (time, thread, seq), in the order they were written.
        let mut order: Vec<(i64, u32, u32)> = threads
            .iter()
            .enumerate()
            .flat_map(|(k, t)| {
                t.posts.iter().enumerate().map(move |(i, at)| (*at, k as u32, i as u32 + 1))
            })
            .collect();
        order.sort_unstable();
        for chunk in order.chunks(POSTS_PER_TX) {
            let mut posts = Vec::with_capacity(chunk.len());
            let mut index = Vec::with_capacity(chunk.len());
            for &(at, k, seq) in chunk {
                let t = &threads[k as usize];
                let id = kindred_db::new_id();
                let first = seq == 1;
                let author = if first { t.author } else { self.rng.below(AUTHORS) };
                let anonymous = if first { t.anonymous } else { self.rng.chance(0.05) };
                let status = match self.rng.unit() {
                    _ if first => "published",
                    u if u < 0.01 => "removed",
                    u if u < 0.015 => "deleted",
                    _ => "published",
                };
                let mut body = String::new();
                let n = 35 + self.rng.below(55);
                let mut found = self.words.text(&mut self.rng, n, &mut body);
                let community = &self.communities[t.community];
                posts.push(format!(
                    "({}, {}, {}, {}, {seq}, {}, {}, {}, {}, {})",
                    lit(&id),
                    lit(&t.id),
                    lit(community),
                    lit(&self.authors[author]),
                    lit(&body),
                    boolean(anonymous),
                    lit(status),
                    ts(at),
                    ts(at),
                ));
                if status != "deleted" {
                    let title = if first { fold(&t.title) } else { String::new() };
                    found |= first && t.title_has_word;
                    let rowid = match &mut self.entries {
                        Some(entries) => {
                            entries[t.community] += 1;
                            format!("{}, ", (scope_key(t.community) << 40) + entries[t.community])
                        }
                        None => String::new(),
                    };
                    index.push(format!(
                        "({rowid}{}, {}, {}, {}, {})",
                        lit(&id),
                        lit(community),
                        lit(status),
                        lit(&title),
                        lit(&fold(&body)),
                    ));
                    counts.all_hits += found as u64;
                    counts.big_hits += (found && t.community == 0 && status == "published") as u64;
                }
                counts.big_posts += (t.community == 0) as u64;
            }
            counts.posts += chunk.len() as u64;
            let mut stmts = Vec::new();
            inserts(
                "INSERT INTO posts (id, thread_id, community_id, author_id, seq, body, anonymous, \
                 status, created_at, updated_at)",
                &posts,
                &mut stmts,
            );
            let head = if self.entries.is_some() {
                "INSERT INTO post_search (rowid, post_id, community_id, status, title, body)"
            } else {
                "INSERT INTO post_search (post_id, community_id, status, title, body)"
            };
            inserts(head, &index, &mut stmts);
            if let Some(entries) = &self.entries {
                for (i, n) in entries.iter().enumerate().filter(|(_, n)| **n > 0) {
                    stmts.push(format!(
                        "UPDATE post_search_scopes SET last_entry = {n} WHERE scope_key = {}",
                        scope_key(i)
                    ));
                }
            }
            out.send(stmts).unwrap();
        }
        counts
    }
}

// ---- loading -----------------------------------------------------------------------------

/// Runs transactions of statements on one pooled connection until `rx` closes. SQLite gets a
/// large page cache for the load (the secondary indexes take random inserts), given back after.
fn execute_all(pool: &DbPool, postgres: bool, rx: mpsc::Receiver<Vec<String>>) {
    pool.run(|c| {
        if !postgres {
            c.batch_execute("PRAGMA cache_size = -500000").map_err(DbError::from)?;
        }
        for stmts in rx {
            kindred_db::write_tx(c, |c| {
                for s in &stmts {
                    c.batch_execute(s).map_err(DbError::from)?;
                }
                Ok::<_, DbError>(())
            })?;
        }
        if !postgres {
            c.batch_execute("PRAGMA cache_size = -2000").map_err(DbError::from)?;
        }
        Ok::<_, DbError>(())
    })
    .unwrap();
}

/// After a load: a checkpoint on SQLite (no statistics: Kindred never runs `ANALYZE`), what
/// autovacuum would do on PostgreSQL.
fn settle(pool: &DbPool, postgres: bool) {
    pool.run(|c| {
        if postgres {
            for t in ["threads", "posts", "post_search", "community_members", "users"] {
                c.batch_execute(&format!("VACUUM ANALYZE {t}")).map_err(DbError::from)?;
            }
            Ok::<_, DbError>(())
        } else {
            c.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)").map_err(DbError::from)
        }
    })
    .unwrap();
}

/// Generates and loads one step: the generator on a thread of its own, the statements run as
/// they come.
fn load_step(
    pool: &DbPool,
    postgres: bool,
    forum: &mut Forum,
    setup: bool,
    (n_threads, n_posts, long): (usize, usize, usize),
) -> Counts {
    let (tx, rx) = mpsc::sync_channel::<Vec<String>>(2);
    let counts = std::thread::scope(|s| {
        let generator = s.spawn(move || {
            if setup {
                tx.send(forum.setup_sql()).unwrap();
            }
            forum.step(n_threads, n_posts, long, &tx)
        });
        execute_all(pool, postgres, rx);
        generator.join().unwrap()
    });
    settle(pool, postgres);
    counts
}

// ---- measuring ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Query {
    /// (a) the big community's thread list, first page.
    List,
    /// (b) a page of the long thread from `deep`.
    Page,
    /// (c) a search in the big community.
    Search,
}

struct Ctx {
    name: &'static str,
    postgres: bool,
    base: String,
    pool: DbPool,
    client: reqwest::Client,
    secs: u64,
    big: String,
    long_thread: String,
    /// The page read in the long thread starts after this seq.
    deep: i64,
}

/// Kindred's and the raw query's figures, latencies sorted: with 32 clients (threads) at once,
/// and with one alone.
struct Figures {
    api: Lat,
    raw: Lat,
    api1: Lat,
    raw1: Lat,
}

impl Figures {
    fn rates(&self, secs: u64) -> (f64, f64) {
        (self.api.ok.len() as f64 / secs as f64, self.raw.ok.len() as f64 / secs as f64)
    }
}

impl Ctx {
    fn url(&self, q: Query) -> String {
        let base = &self.base;
        match q {
            Query::List => format!("{base}/communities/{BIG_SLUG}/threads?limit={PAGE}"),
            Query::Page => format!(
                "{base}/threads/{}?limit={PAGE}&cursor={}",
                self.long_thread,
                Cursor::seq(self.deep).encode()
            ),
            Query::Search => {
                format!("{base}/communities/{BIG_SLUG}/search?q={SEARCH_WORD}&limit={HITS}")
            }
        }
    }

    fn label(&self, q: Query) -> String {
        match q {
            Query::List => format!("(a) thread list, first page of {PAGE}"),
            Query::Page => format!("(b) thread page, {PAGE} posts from seq {}", self.deep + 1),
            Query::Search => format!("(c) search \"{SEARCH_WORD}\", {HITS} hits"),
        }
    }

    /// One request answered as expected: the right page, the right size.
    async fn check(&self, q: Query, token: &str) {
        let res = self.client.get(self.url(q)).bearer_auth(token).send().await.unwrap();
        let status = res.status();
        let body: Value = res.json().await.unwrap_or(Value::Null);
        assert_eq!(status, 200, "{q:?}: {body}");
        match q {
            Query::List => {
                // A full page, or the whole list when it is shorter.
                let n = body["items"].as_array().map(Vec::len).unwrap_or(0);
                assert!(n == PAGE as usize || (n > 0 && body["next_cursor"].is_null()), "{body}");
                assert_eq!(body["items"][0]["pinned"], true, "pinned first: {body}");
            }
            Query::Page => {
                assert_eq!(body["posts"].as_array().map(Vec::len), Some(PAGE as usize), "{body}");
                assert_eq!(body["posts"][0]["seq"], self.deep + 1, "{body}");
            }
            Query::Search => {
                let n = body["items"].as_array().map(Vec::len).unwrap_or(0);
                assert!(n > 0, "search found nothing: {body}");
            }
        }
    }

    /// The same `db` query the endpoint runs (as a member who moderates nothing), once.
    fn raw(&self, q: Query, c: &mut DbConn, reader: &str) -> usize {
        match q {
            Query::List => forum::list_threads(
                c,
                &self.big,
                &["published", "deleted"],
                Some(reader),
                None,
                PAGE + 1,
            )
            .unwrap()
            .len(),
            Query::Page => {
                forum::list_posts(c, &self.long_thread, self.deep as i32, PAGE + 1).unwrap().len()
            }
            Query::Search => forum_search::search(
                c,
                &self.big,
                &[SEARCH_WORD.to_string()],
                &["published"],
                None,
                HITS + 1,
            )
            .unwrap()
            .len(),
        }
    }

    /// Clients, one per token, asking for `q` for `secs` seconds after one request each to
    /// warm up.
    async fn api_run(&self, q: Query, tokens: &[String]) -> Lat {
        let url = self.url(q);
        let warm: Vec<_> = tokens
            .iter()
            .map(|t| tokio::spawn(timed(self.client.get(&url).bearer_auth(t))))
            .collect();
        join_all(warm).await;
        let deadline = Instant::now() + Duration::from_secs(self.secs);
        let tasks: Vec<_> = tokens
            .iter()
            .map(|t| {
                let (client, url, t) = (self.client.clone(), url.clone(), t.clone());
                tokio::spawn(async move {
                    let mut lat = Lat::default();
                    while Instant::now() < deadline {
                        match timed(client.get(&url).bearer_auth(&t)).await {
                            Ok(d) => lat.ok.push(d),
                            Err(_) => lat.errors += 1,
                        }
                    }
                    lat
                })
            })
            .collect();
        let mut api = Lat::default();
        for l in join_all(tasks).await {
            api.merge(l);
        }
        api.sorted()
    }

    /// `threads` threads running the raw query over the server's pool for `secs` seconds.
    fn raw_run(&self, q: Query, threads: usize) -> Lat {
        std::thread::scope(|s| {
            let deadline = Instant::now() + Duration::from_secs(self.secs);
            let threads: Vec<_> = (0..threads)
                .map(|i| {
                    let reader = client_id(i);
                    s.spawn(move || {
                        let mut lat = Lat::default();
                        while Instant::now() < deadline {
                            let started = Instant::now();
                            let n = self
                                .pool
                                .run(|c| Ok::<_, DbError>(self.raw(q, c, &reader)))
                                .unwrap();
                            lat.ok.push(started.elapsed());
                            let full = n == PAGE as usize + 1 || q != Query::Page;
                            assert!(n > 0 && full, "{q:?}: {n} rows");
                        }
                        lat
                    })
                })
                .collect();
            let mut raw = Lat::default();
            for t in threads {
                raw.merge(t.join().unwrap());
            }
            raw.sorted()
        })
    }

    /// Kindred with 32 clients then with one, and the raw query with 32 threads then with one
    /// (on threads of their own: this task's worker steps aside while they run).
    async fn measure(&self, q: Query, tokens: &[String]) -> Figures {
        self.check(q, &tokens[0]).await;
        let api = self.api_run(q, tokens).await;
        let api1 = self.api_run(q, &tokens[..1]).await;
        let raw = tokio::task::block_in_place(|| self.raw_run(q, CLIENTS));
        let raw1 = tokio::task::block_in_place(|| self.raw_run(q, 1));
        Figures { api, raw, api1, raw1 }
    }
}

/// `p50 / p99`.
fn p50_p99(l: &Lat) -> String {
    format!("{} / {}", TABLE.ms(l.p(50.0)), TABLE.ms(l.p(99.0)))
}

/// 1,000,000 → `1M`, 100,000 → `100k`.
fn short(n: u64) -> String {
    if n >= 1_000_000 && n.is_multiple_of(1_000_000) {
        format!("{}M", n / 1_000_000)
    } else if n >= 1000 && n.is_multiple_of(1000) {
        format!("{}k", n / 1000)
    } else {
        n.to_string()
    }
}

fn met(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "NOT MET"
    }
}

/// Signs every reader in (again: an access token lives 10 minutes, a load step may take
/// longer).
async fn sign_in(ctx: &Ctx) -> Vec<String> {
    let mut tokens = Vec::with_capacity(CLIENTS);
    for i in 0..CLIENTS {
        tokens.push(bench::login(&ctx.client, &ctx.base, &client_email(i)).await);
    }
    tokens
}

/// Loads a step, prints what it loaded and how long it took.
async fn load(
    ctx: &Ctx,
    forum: &mut Forum,
    total: &mut Counts,
    setup: bool,
    step: (usize, usize, usize),
) {
    let started = Instant::now();
    let (pool, postgres) = (ctx.pool.clone(), ctx.postgres);
    let counts = tokio::task::block_in_place(|| load_step(&pool, postgres, forum, setup, step));
    let took = started.elapsed().as_secs_f64();
    total.add(counts);
    TABLE.row(
        ctx.name,
        &format!("load +{} threads, +{} posts", short(counts.threads), short(counts.posts)),
        &format!("{took:.1} s"),
        "",
        "",
        &format!(
            "{:.0} posts/s with their search entries; now {} threads, {} posts",
            counts.posts as f64 / took,
            total.threads,
            total.posts
        ),
    );
    println!(
        "{:<9} -- big community {BIG_SLUG}: {} threads, {} posts; \"{SEARCH_WORD}\" in {} of \
         its published posts ({:.1} %), {} index entries in all",
        ctx.name,
        total.big_threads,
        total.big_posts,
        total.big_hits,
        100.0 * total.big_hits as f64 / total.big_posts.max(1) as f64,
        total.all_hits
    );
}

/// Measures the three queries at the current size and prints them.
async fn measure_all(ctx: &Ctx, posts: u64) -> Vec<(Query, Figures)> {
    let tokens = sign_in(ctx).await;
    let target = Duration::from_millis(10);
    let mut out = Vec::new();
    for q in [Query::Page, Query::Search, Query::List] {
        let f = ctx.measure(q, &tokens).await;
        let (api_rate, raw_rate) = f.rates(ctx.secs);
        TABLE.row(
            ctx.name,
            &format!("{} @ {} posts", ctx.label(q), short(posts)),
            &format!("{api_rate:.0}/s"),
            &format!("{raw_rate:.0}/s"),
            &ratio(api_rate / raw_rate),
            &format!(
                "requests/s, {CLIENTS} clients (raw: threads); ratio = kindred/raw; {} errors",
                f.api.errors
            ),
        );
        TABLE.row(
            ctx.name,
            &format!("    p50 / p99, {CLIENTS} clients"),
            &p50_p99(&f.api),
            &p50_p99(&f.raw),
            "",
            &format!(
                "target p99 < 10 ms: {} ({CLIENTS} in flight on {} cores: p50 ≈ {CLIENTS} / rate)",
                met(f.api.p(99.0) < target),
                std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0)
            ),
        );
        TABLE.row(
            ctx.name,
            "    p50 / p99, 1 client",
            &p50_p99(&f.api1),
            &p50_p99(&f.raw1),
            "",
            &format!(
                "target p99 < 10 ms: {}; {} errors",
                met(f.api1.p(99.0) < target),
                f.api1.errors
            ),
        );
        out.push((q, f));
    }
    out
}

async fn bench_backend(postgres: bool, sizes: Sizes, secs: u64) {
    let srv = BenchServer::start(postgres, |s| {
        s.auth_rate_limit_per_minute = 100_000;
        // The scraping guard out of the way: the clients read far faster than people.
        s.read_limit_per_minute = 1_000_000_000;
        println!(
            "{:<9} -- {} cores, workers {}, db pool {}, {CLIENTS} clients, scraping guard \
             {}/min",
            if postgres { "postgres" } else { "sqlite" },
            std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
            s.workers,
            s.db_pool_size,
            s.read_limit_per_minute
        );
    });
    let users = (0..CLIENTS).map(|i| (client_id(i), client_email(i), format!("reader{i}")));
    bench::create_users(&srv.pool, users.collect()).await;

    // The first step: a tenth of the threads and posts, the long thread among them.
    let first = (sizes.threads / 10, sizes.posts / 10);
    let long = (LONG_THREAD as usize).min(first.1 / 2).max(PAGE as usize * 2);
    let deep = (long * 2 / 3) as i64;
    let mut forum = Forum::new(sizes.communities, postgres);
    let mut ctx = Ctx {
        name: srv.name,
        postgres,
        base: srv.base.clone(),
        pool: srv.pool.clone(),
        client: reqwest::Client::builder().pool_max_idle_per_host(CLIENTS).build().unwrap(),
        secs,
        big: community_id(0),
        long_thread: String::new(),
        deep,
    };
    let mut total = Counts::default();
    load(&ctx, &mut forum, &mut total, true, (first.0, first.1, long)).await;
    ctx.long_thread = forum.long_thread.clone().unwrap();
    let small_posts = total.posts;
    let small = measure_all(&ctx, small_posts).await;

    // The rest.
    let rest = (sizes.threads - first.0, sizes.posts - first.1, 0);
    load(&ctx, &mut forum, &mut total, false, rest).await;
    let big = measure_all(&ctx, total.posts).await;

    // How p99 grew from the first step to the full size.
    let growth = |b: &Lat, a: &Lat| b.p(99.0).as_secs_f64() / a.p(99.0).as_secs_f64();
    for ((q, a), (_, b)) in small.iter().zip(&big) {
        for (clients, api, raw) in [
            (CLIENTS, growth(&b.api, &a.api), growth(&b.raw, &a.raw)),
            (1, growth(&b.api1, &a.api1), growth(&b.raw1, &a.raw1)),
        ] {
            TABLE.row(
                ctx.name,
                &format!(
                    "{} p99 at {} / at {}, {clients} client{}",
                    &ctx.label(*q)[..3],
                    short(total.posts),
                    short(small_posts),
                    if clients == 1 { "" } else { "s" }
                ),
                &format!("{api:.2}x"),
                &format!("{raw:.2}x"),
                "",
                &format!("target growth ≤ 1.2x: {}", met(api <= 1.2)),
            );
        }
    }
    drop(ctx);
    srv.stop().await;
}

fn main() {
    let sizes = Sizes {
        communities: env_num("KINDRED_BENCH_FORUM_COMMUNITIES", 100).max(1) as usize,
        threads: env_num("KINDRED_BENCH_FORUM_THREADS", 50_000).max(20) as usize,
        posts: env_num("KINDRED_BENCH_FORUM_POSTS", 1_000_000).max(2_000) as usize,
    };
    let secs = env_num("KINDRED_BENCH_SECS", 5);
    bench::run_backends(&TABLE, |postgres| bench_backend(postgres, sizes, secs));
}
