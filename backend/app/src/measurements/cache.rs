//! The measurement-type catalog, cached in process (it rarely changes).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kindred_db::DbConn;
use kindred_domain::measurement::MeasurementTypeDef;

use crate::AppError;

/// How long a replica trusts its copy of the measurement-type catalog. An admin's new type
/// shows at once on the replica that created it and within this time on the others.
pub const TYPES_TTL: Duration = Duration::from_secs(30);

/// The measurement-type catalog, read from the database at most once per [`TYPES_TTL`].
#[derive(Default)]
pub struct TypeCache {
    inner: Mutex<Option<(Instant, Arc<Vec<MeasurementTypeDef>>)>>,
}

impl TypeCache {
    /// The catalog, from memory or (when stale) from the database through `c`.
    pub fn get(&self, c: &mut DbConn) -> Result<Arc<Vec<MeasurementTypeDef>>, AppError> {
        if let Ok(guard) = self.inner.lock() {
            if let Some((at, types)) = guard.as_ref() {
                if at.elapsed() < TYPES_TTL {
                    return Ok(types.clone());
                }
            }
        }
        let fresh: Vec<MeasurementTypeDef> = kindred_db::queries::measurements::list_types(c)?
            .into_iter()
            .map(|r| serde_json::from_str(&r.definition).map_err(AppError::internal))
            .collect::<Result<_, _>>()?;
        let fresh = Arc::new(fresh);
        if let Ok(mut guard) = self.inner.lock() {
            *guard = Some((Instant::now(), fresh.clone()));
        }
        Ok(fresh)
    }

    /// Forgets the cached catalog (after an admin added a type).
    pub fn clear(&self) {
        if let Ok(mut guard) = self.inner.lock() {
            *guard = None;
        }
    }
}
