//! Keyset pagination parameters (`?limit=&cursor=`).

use kindred_db::page::Cursor;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::ApiError;

/// `?limit=` (1–200, default 50) and `?cursor=` (from the previous page's `next_cursor`).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// Opaque cursor from the previous page.
    #[param(schema_with = crate::fields::cursor)]
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

impl PageQuery {
    /// The cursor as sent, decoded (the use case checks it belongs to its list); one that is
    /// not ours at all is 422 `invalid_cursor`.
    pub fn cursor(&self) -> Result<Option<Cursor>, ApiError> {
        cursor(self.cursor.as_deref(), |c| Some(c.clone()))
    }
}

/// Reads `?cursor=` (from a previous page's `next_cursor`) into the key `shape` expects; a
/// cursor that is not ours, or not of this list, is 422 `invalid_cursor`.
pub fn cursor<T>(
    raw: Option<&str>,
    shape: impl Fn(&Cursor) -> Option<T>,
) -> Result<Option<T>, ApiError> {
    match raw {
        None => Ok(None),
        Some(raw) => Cursor::decode(raw).as_ref().and_then(shape).map(Some).ok_or_else(|| {
            ApiError::field("cursor", "invalid_cursor", "Use next_cursor from the previous page.")
        }),
    }
}
