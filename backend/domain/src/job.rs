//! Background jobs: the states a queued unit of work passes through.

text_enum! {
    /// Where a job stands. `queued` → `running` (claimed under a lease) → `done`; a failure
    /// goes back to `queued` with a later `run_after`, or to `dead` once the attempts are used
    /// up. A `running` job whose lease lapsed (its worker stopped or crashed) may be claimed
    /// again.
    JobState {
        /// Waiting for `run_after`, then for a worker.
        Queued = "queued",
        /// Claimed by a worker until `lease_until`.
        Running = "running",
        /// Finished successfully.
        Done = "done",
        /// Failed `max_attempts` times; kept with its last error, never retried.
        Dead = "dead",
    }
}
