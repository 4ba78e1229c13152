//! Keyset pagination parameters (`?limit=&cursor=`).

use serde::Deserialize;
use utoipa::IntoParams;

use crate::ApiError;

/// `?limit=` (1–200, default 50) and `?cursor=` (from the previous page's `next_cursor`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page size, 1–200 (default 50).
    pub limit: Option<i64>,
    /// Opaque cursor from the previous page.
    pub cursor: Option<String>,
}

impl PageQuery {
    /// The validated page size.
    pub fn limit(&self) -> Result<i64, ApiError> {
        match self.limit {
            None => Ok(50),
            Some(n) if (1..=200).contains(&n) => Ok(n),
            Some(_) => {
                Err(ApiError::field("limit", "out_of_range", "limit must be between 1 and 200."))
            }
        }
    }
}
