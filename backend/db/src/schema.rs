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
