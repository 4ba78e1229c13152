//! The diesel schema, written by hand over the column types both backends share
//! (DESIGN §4): ids as TEXT, times as `Timestamp` (UTC), enums as TEXT.

diesel::table! {
    /// The append-only, hash-chained audit log.
    audit_events (seq) {
        seq -> BigInt,
        occurred_at -> Timestamp,
        actor_id -> Nullable<Text>,
        action -> Text,
        subject_type -> Nullable<Text>,
        subject_id -> Nullable<Text>,
        details -> Text,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    /// The single row holding the audit chain's head; appends lock it.
    audit_chain_head (id) {
        id -> Integer,
        seq -> BigInt,
        hash -> Text,
    }
}

diesel::table! {
    /// Accounts. Erased accounts keep a tombstone row with personal fields cleared.
    users (id) {
        id -> Text,
        email -> Nullable<Text>,
        handle -> Text,
        handle_lower -> Text,
        password_hash -> Nullable<Text>,
        role -> Text,
        status -> Text,
        status_reason -> Nullable<Text>,
        email_verified_at -> Nullable<Timestamp>,
        visibility -> Text,
        birth_year -> Nullable<Integer>,
        sex -> Nullable<Text>,
        country -> Nullable<Text>,
        notify_email -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
        time_zone -> Nullable<Text>,
        terms_version -> Nullable<Text>,
        terms_accepted_at -> Nullable<Timestamp>,
        visibility_chosen_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Login sessions; every access token names one.
    sessions (id) {
        id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        last_used_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        revoked_reason -> Nullable<Text>,
        user_agent -> Nullable<Text>,
        ip -> Nullable<Text>,
    }
}

diesel::table! {
    /// Refresh tokens (SHA-256 hashes); a used one must never come back.
    refresh_tokens (token_hash) {
        token_hash -> Text,
        session_id -> Text,
        issued_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Single-use email tokens (SHA-256 hashes): verification and password reset.
    email_tokens (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        purpose -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Failed logins per account, for the hourly cap.
    login_failures (id) {
        id -> Text,
        user_id -> Text,
        failed_at -> Timestamp,
        ip -> Nullable<Text>,
    }
}

diesel::table! {
    /// The transactional email outbox.
    outbox (id) {
        id -> Text,
        user_id -> Nullable<Text>,
        to_address -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        kind -> Text,
        failed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Failed password checks by a hash of the email address (known or not), for the backoff.
    auth_failures (id) {
        id -> Text,
        account_key -> Text,
        ip -> Text,
        failed_at -> Timestamp,
    }
}

diesel::table! {
    /// Handle keys of erased accounts, held before anyone may take them again.
    retired_handles (handle_key) {
        handle_key -> Text,
        retired_at -> Timestamp,
    }
}

diesel::table! {
    /// The conditions catalog.
    conditions (id) {
        id -> Text,
        slug -> Text,
        name -> Text,
        icd10 -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// A member's own conditions.
    user_conditions (id) {
        id -> Text,
        user_id -> Text,
        condition_id -> Text,
        diagnosis_year -> Nullable<Integer>,
        status -> Text,
        is_primary -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Measurement type definitions (JSON of the domain's `MeasurementTypeDef`).
    measurement_types (slug) {
        slug -> Text,
        definition -> Text,
        builtin -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// At-home readings, canonical units; `value2` holds the second component (diastolic).
    measurements (id) {
        id -> Text,
        user_id -> Text,
        type_slug -> Text,
        value1 -> Double,
        value2 -> Nullable<Double>,
        unit -> Text,
        taken_at -> Timestamp,
        utc_offset_minutes -> Integer,
        source -> Text,
        client_id -> Nullable<Text>,
        note -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        context -> Nullable<Text>,
    }
}

diesel::table! {
    /// The unit a member reads and enters each measurement type in.
    display_units (user_id, type_slug) {
        user_id -> Text,
        type_slug -> Text,
        unit -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// A member's target range per measurement type (canonical unit; a missing bound is open).
    measurement_targets (user_id, type_slug) {
        user_id -> Text,
        type_slug -> Text,
        low1 -> Nullable<Double>,
        high1 -> Nullable<Double>,
        low2 -> Nullable<Double>,
        high2 -> Nullable<Double>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// The measurement types suggested for a condition.
    condition_measurement_types (condition_id, type_slug) {
        condition_id -> Text,
        type_slug -> Text,
    }
}

diesel::table! {
    /// Apple Health imports and their progress.
    health_imports (id) {
        id -> Text,
        user_id -> Text,
        state -> Text,
        bytes_total -> BigInt,
        bytes_done -> BigInt,
        readings -> BigInt,
        imported -> BigInt,
        skipped -> BigInt,
        error -> Nullable<Text>,
        created_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Earlier versions of edited readings.
    measurement_edits (id) {
        id -> Text,
        measurement_id -> Text,
        user_id -> Text,
        edited_at -> Timestamp,
        previous -> Text,
    }
}

diesel::table! {
    /// Questionnaires (instruments).
    questionnaires (id) {
        id -> Text,
        slug -> Text,
        title -> Text,
        description -> Text,
        licence -> Text,
        loinc_panel -> Nullable<Text>,
        loinc_total -> Nullable<Text>,
        recommended_interval_days -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Which conditions a questionnaire is recommended for.
    questionnaire_conditions (questionnaire_id, condition_id) {
        questionnaire_id -> Text,
        condition_id -> Text,
    }
}

diesel::table! {
    /// Versions; a published version's definition never changes.
    questionnaire_versions (id) {
        id -> Text,
        questionnaire_id -> Text,
        version -> Integer,
        status -> Text,
        definition -> Text,
        created_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
        retired_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Submitted responses with their computed result.
    responses (id) {
        id -> Text,
        user_id -> Text,
        questionnaire_id -> Text,
        version_id -> Text,
        client_id -> Nullable<Text>,
        score -> Nullable<Double>,
        band -> Nullable<Text>,
        subscores -> Text,
        flags -> Text,
        submitted_at -> Timestamp,
    }
}

diesel::table! {
    /// Answers, item by item.
    response_items (id) {
        id -> Text,
        response_id -> Text,
        user_id -> Text,
        item_key -> Text,
        value_number -> Nullable<Double>,
        value_text -> Nullable<Text>,
    }
}

diesel::table! {
    /// The job queue: work outside a request, claimed under a lease, retried, then dead.
    jobs (id) {
        id -> Text,
        kind -> Text,
        payload -> Text,
        state -> Text,
        attempts -> Integer,
        max_attempts -> Integer,
        run_after -> Timestamp,
        lease_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Condition communities (and a few general ones).
    communities (id) {
        id -> Text,
        slug -> Text,
        name -> Text,
        description -> Text,
        condition_id -> Nullable<Text>,
        visibility -> Text,
        approve_first_posts -> Bool,
        archived_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Who belongs to which community.
    community_members (id) {
        id -> Text,
        community_id -> Text,
        user_id -> Text,
        joined_at -> Timestamp,
    }
}

diesel::table! {
    /// Moderators, per community (appointed by admins).
    community_moderators (id) {
        id -> Text,
        community_id -> Text,
        user_id -> Text,
        appointed_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Discussion threads; the title lives here, the first post is a post.
    threads (id) {
        id -> Text,
        community_id -> Text,
        author_id -> Text,
        title -> Text,
        anonymous -> Bool,
        status -> Text,
        pinned -> Bool,
        locked -> Bool,
        post_count -> Integer,
        last_activity_at -> Timestamp,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Posts, numbered from 1 within their thread.
    posts (id) {
        id -> Text,
        thread_id -> Text,
        community_id -> Text,
        author_id -> Text,
        seq -> Integer,
        body -> Text,
        anonymous -> Bool,
        status -> Text,
        previous_body -> Nullable<Text>,
        edited_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// How far each member has read each thread.
    thread_reads (user_id, thread_id) {
        user_id -> Text,
        thread_id -> Text,
        last_seq -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Reports of posts and threads, with a snapshot of the reported text.
    reports (id) {
        id -> Text,
        community_id -> Text,
        thread_id -> Text,
        post_id -> Nullable<Text>,
        reporter_id -> Nullable<Text>,
        category -> Text,
        details -> Text,
        snapshot -> Text,
        priority -> Integer,
        status -> Text,
        resolved_by -> Nullable<Text>,
        resolution_reason -> Nullable<Text>,
        resolved_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// The moderation log.
    mod_actions (id) {
        id -> Text,
        community_id -> Text,
        moderator_id -> Nullable<Text>,
        action -> Text,
        target_kind -> Text,
        target_id -> Text,
        target_user_id -> Nullable<Text>,
        reason -> Text,
        expires_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Community bans (NULL expiry: for good).
    bans (id) {
        id -> Text,
        community_id -> Text,
        user_id -> Text,
        mod_action_id -> Text,
        reason -> Text,
        expires_at -> Nullable<Timestamp>,
        lifted_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Appeals against moderator actions (one per action).
    appeals (id) {
        id -> Text,
        mod_action_id -> Text,
        user_id -> Text,
        statement -> Text,
        status -> Text,
        resolved_by -> Nullable<Text>,
        resolution_reason -> Nullable<Text>,
        resolved_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// In-app notifications.
    notifications (id) {
        id -> Text,
        user_id -> Text,
        kind -> Text,
        text -> Text,
        link -> Nullable<Text>,
        read_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Accounts flagged to admins.
    admin_flags (id) {
        id -> Text,
        user_id -> Text,
        kind -> Text,
        details -> Text,
        created_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Applications to become a researcher.
    researcher_applications (id) {
        id -> Text,
        user_id -> Text,
        institution -> Text,
        title -> Text,
        institutional_email -> Text,
        statement -> Text,
        orcid -> Nullable<Text>,
        status -> Text,
        reason -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Research studies.
    studies (id) {
        id -> Text,
        owner_id -> Text,
        title -> Text,
        lay_summary -> Text,
        purpose -> Text,
        ethics_reference -> Text,
        data_from -> Date,
        data_to -> Date,
        ends_on -> Date,
        min_cohort -> Integer,
        status -> Text,
        date_mode -> Nullable<Text>,
        review_reason -> Nullable<Text>,
        reviewed_by -> Nullable<Text>,
        reviewed_at -> Nullable<Timestamp>,
        submitted_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        consent_text -> Nullable<Text>,
        consent_sha256 -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// The researchers of a study.
    study_members (study_id, user_id) {
        study_id -> Text,
        user_id -> Text,
        added_at -> Timestamp,
    }
}

diesel::table! {
    /// Who is eligible for a study.
    study_eligibility (study_id, kind, ref_id) {
        study_id -> Text,
        kind -> Text,
        ref_id -> Text,
    }
}

diesel::table! {
    /// The data categories a study requests.
    study_categories (study_id, category) {
        study_id -> Text,
        category -> Text,
        reason -> Text,
        position -> Integer,
    }
}

diesel::table! {
    /// Passed comprehension checks.
    comprehension_checks (user_id) {
        user_id -> Text,
        version -> Integer,
        passed_at -> Timestamp,
    }
}

diesel::table! {
    /// Consent events (append-only).
    consent_events (id) {
        id -> Text,
        study_id -> Text,
        user_id -> Text,
        seq -> Integer,
        kind -> Text,
        version -> Integer,
        categories -> Text,
        consent_sha256 -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// De-identified exports of a study.
    exports (id) {
        id -> Text,
        study_id -> Text,
        requested_by -> Text,
        format -> Text,
        status -> Text,
        attempts -> Integer,
        lease_until -> Nullable<Timestamp>,
        error -> Nullable<Text>,
        file_sha256 -> Nullable<Text>,
        size_bytes -> Nullable<BigInt>,
        participants -> Nullable<Integer>,
        manifest -> Nullable<Text>,
        created_at -> Timestamp,
        started_at -> Nullable<Timestamp>,
        finished_at -> Nullable<Timestamp>,
        expires_at -> Nullable<Timestamp>,
        expired_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// A participant's random pseudonym in one study.
    study_pseudonyms (study_id, user_id) {
        study_id -> Text,
        user_id -> Text,
        pseudonym -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Who was in an export (the consent snapshot; each member's data-access log).
    data_access (export_id, user_id) {
        export_id -> Text,
        user_id -> Text,
        study_id -> Text,
        consent_event_id -> Text,
        consent_version -> Integer,
        categories -> Text,
        days_of_data -> Integer,
        created_at -> Timestamp,
    }
}

diesel::joinable!(consent_events -> studies (study_id));
diesel::joinable!(study_members -> studies (study_id));
diesel::joinable!(exports -> studies (study_id));
diesel::joinable!(data_access -> exports (export_id));
diesel::joinable!(study_members -> users (user_id));
diesel::joinable!(study_eligibility -> studies (study_id));
diesel::joinable!(study_categories -> studies (study_id));
diesel::joinable!(questionnaire_conditions -> questionnaires (questionnaire_id));
diesel::joinable!(questionnaire_conditions -> conditions (condition_id));
diesel::joinable!(questionnaire_versions -> questionnaires (questionnaire_id));
diesel::joinable!(responses -> questionnaires (questionnaire_id));
diesel::joinable!(responses -> questionnaire_versions (version_id));
diesel::joinable!(response_items -> responses (response_id));
diesel::joinable!(measurements -> users (user_id));
diesel::joinable!(measurement_edits -> measurements (measurement_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(refresh_tokens -> sessions (session_id));
diesel::joinable!(email_tokens -> users (user_id));
diesel::joinable!(login_failures -> users (user_id));
diesel::joinable!(user_conditions -> users (user_id));
diesel::joinable!(user_conditions -> conditions (condition_id));
diesel::joinable!(community_members -> communities (community_id));
diesel::joinable!(community_members -> users (user_id));
diesel::joinable!(community_moderators -> communities (community_id));
diesel::joinable!(threads -> communities (community_id));
diesel::joinable!(threads -> users (author_id));
diesel::joinable!(posts -> threads (thread_id));
diesel::joinable!(posts -> users (author_id));
diesel::joinable!(thread_reads -> threads (thread_id));
diesel::joinable!(reports -> communities (community_id));
diesel::joinable!(mod_actions -> communities (community_id));
diesel::joinable!(bans -> communities (community_id));
diesel::joinable!(appeals -> mod_actions (mod_action_id));
diesel::joinable!(notifications -> users (user_id));
diesel::joinable!(admin_flags -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    audit_events,
    auth_failures,
    retired_handles,
    audit_chain_head,
    users,
    display_units,
    measurement_targets,
    condition_measurement_types,
    health_imports,
    sessions,
    refresh_tokens,
    email_tokens,
    login_failures,
    outbox,
    conditions,
    user_conditions,
    measurement_types,
    measurements,
    measurement_edits,
    questionnaires,
    questionnaire_conditions,
    questionnaire_versions,
    responses,
    response_items,
    jobs,
    communities,
    community_members,
    community_moderators,
    threads,
    posts,
    thread_reads,
    reports,
    mod_actions,
    bans,
    appeals,
    notifications,
    admin_flags,
    researcher_applications,
    studies,
    study_members,
    study_eligibility,
    study_categories,
    comprehension_checks,
    consent_events,
    exports,
    study_pseudonyms,
    data_access,
);
