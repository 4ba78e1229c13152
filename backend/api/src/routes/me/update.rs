//! `PATCH /me`

use actix_web::{patch, web};
use chrono::Datelike;
use kindred_db::models::user::UserChanges;
use kindred_domain::account::{parse_birth_year, parse_country, parse_time_zone, Sex, Visibility};
use kindred_domain::{FieldErrors, Handle};
use serde::{Deserialize, Deserializer};
use utoipa::ToSchema;

use crate::auth::AuthUser;
use crate::views::UserResponse;
use crate::{ApiError, AppState, Json};

/// Distinguishes a missing field (leave as is) from `null` (clear it).
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Profile changes: send only what changes; `null` clears an optional field.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMeRequest {
    /// New handle.
    #[serde(default)]
    #[schema(schema_with = crate::fields::handle_or_null)]
    pub handle: Option<String>,
    /// Who can see the profile.
    #[serde(default)]
    pub visibility: Option<Visibility>,
    /// Birth year (1900–this year), or null.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i32>)]
    pub birth_year: Option<Option<i32>>,
    /// Sex, or null.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<Sex>)]
    pub sex: Option<Option<Sex>>,
    /// Two-letter country code, or null.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub country: Option<Option<String>>,
    /// Receive notification emails.
    #[serde(default)]
    pub notify_email: Option<bool>,
    /// IANA time zone name (e.g. `Europe/Berlin`), or null. Times without an offset in a CSV
    /// import are read in it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub time_zone: Option<Option<String>>,
}

/// Updates the profile.
#[utoipa::path(patch, path = "/api/v1/me", tag = "me", security(("bearer" = [])), request_body = UpdateMeRequest,
    responses((status = 200, body = UserResponse), (status = 422, body = crate::error::Problem)))]
#[patch("/me")]
pub async fn handler(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<UpdateMeRequest>,
) -> Result<web::Json<UserResponse>, ApiError> {
    let req = body.into_inner();
    let year = chrono::Utc::now().year();
    let mut errs = FieldErrors::new();
    let mut changes =
        UserChanges { updated_at: Some(kindred_db::now_utc().naive_utc()), ..Default::default() };
    if let Some(h) = &req.handle {
        if let Some(h) = errs.check(Handle::parse(h)) {
            changes.handle_lower = Some(h.key());
            changes.handle = Some(h.as_str().to_string());
        }
    }
    changes.visibility = req.visibility.map(|v| v.as_str().to_string());
    // Saying who may see the profile, even the same level again, answers the first-visit
    // question for good.
    changes.visibility_chosen_at = req.visibility.map(|_| changes.updated_at);
    if let Some(by) = req.birth_year {
        changes.birth_year = Some(match by {
            Some(y) => errs.check(parse_birth_year(y, year)),
            None => None,
        });
    }
    changes.sex = req.sex.map(|s| s.map(|s| s.as_str().to_string()));
    if let Some(c) = &req.country {
        changes.country = Some(match c {
            Some(c) => errs.check(parse_country(c)),
            None => None,
        });
    }
    changes.notify_email = req.notify_email;
    if let Some(tz) = &req.time_zone {
        changes.time_zone = Some(match tz {
            Some(tz) => errs.check(parse_time_zone(tz)),
            None => None,
        });
    }
    let changes = errs.into_result(changes)?;
    let owner = user.owner();
    let u =
        state.db(move |c| Ok(kindred_app::accounts::profile::update(c, &owner, &changes)?)).await?;
    Ok(web::Json(UserResponse::try_from(&u)?))
}
