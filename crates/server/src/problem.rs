//! Every error leaves as `application/problem+json` (RFC 9457) with a stable `type`.

use axum::Json;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{HeaderValue, StatusCode, header, request::Parts};
use axum::response::{IntoResponse, Response};
use frontdesk_domain::{FieldError, Invalid};
use frontdesk_store::StoreError;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The problem document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// Stable identifier of the kind of problem, e.g. `urn:frontdesk:problem:validation`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary of the kind.
    pub title: String,
    /// HTTP status.
    pub status: u16,
    /// What went wrong this time and what to do.
    pub detail: String,
    /// The offending fields, for validation problems.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For a `slot-taken` problem: the appointments in the way, when they are known.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<SlotConflict>,
}

/// An appointment that holds the time a booking or move wanted.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SlotConflict {
    /// The appointment.
    pub appointment_id: frontdesk_domain::AppointmentId,
    /// Its practitioner.
    pub practitioner_id: frontdesk_domain::PractitionerId,
    /// When it starts.
    pub starts_at: chrono::DateTime<chrono::Utc>,
    /// When it ends.
    pub ends_at: chrono::DateTime<chrono::Utc>,
    /// Its patient's name.
    pub patient_name: String,
    /// Its service's name.
    pub service_name: String,
}

/// An error a handler returns; each arm maps to one problem type.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The body or parameters break the rules.
    #[error("{0}")]
    Validation(Invalid),
    /// The request is malformed (bad JSON, wrong content type …).
    #[error("{detail}")]
    BadRequest {
        /// HTTP status (400, 413, 415).
        status: StatusCode,
        /// Explanation.
        detail: String,
    },
    /// No valid credentials.
    #[error("{0}")]
    Unauthorized(String),
    /// Authenticated but not allowed.
    #[error("{0}")]
    Forbidden(String),
    /// Nothing here, or not for this caller.
    #[error("{0}")]
    NotFound(String),
    /// The change conflicts with what exists.
    #[error("{0}")]
    Conflict(String),
    /// The practitioner's time is taken: the booking would double-book.
    #[error("{0}")]
    SlotTaken(String),
    /// The same, naming the appointments in the way.
    #[error("{0}")]
    SlotTakenBy(String, Vec<SlotConflict>),
    /// The thing's current state does not allow the change (a cancelled appointment …).
    #[error("{0}")]
    NotNow(String),
    /// Too many attempts; try again later.
    #[error("{detail}")]
    TooManyRequests {
        /// Explanation.
        detail: String,
        /// Seconds until a retry may succeed.
        retry_after_secs: u64,
    },
    /// A dependency is down.
    #[error("{0}")]
    Unavailable(String),
    /// A bug or an unexpected failure; details go to the log, not the client.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl ApiError {
    /// A 400 with a message.
    pub fn bad_request(detail: impl Into<String>) -> Self {
        ApiError::BadRequest {
            status: StatusCode::BAD_REQUEST,
            detail: detail.into(),
        }
    }

    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            ApiError::Validation(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "Invalid request",
            ),
            ApiError::BadRequest { status, .. } => match *status {
                StatusCode::PAYLOAD_TOO_LARGE => {
                    (*status, "payload-too-large", "Request body too large")
                }
                StatusCode::UNSUPPORTED_MEDIA_TYPE => (
                    *status,
                    "unsupported-media-type",
                    "Unsupported content type",
                ),
                _ => (StatusCode::BAD_REQUEST, "bad-request", "Malformed request"),
            },
            ApiError::Unauthorized(_) => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "Authentication required",
            ),
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "Not allowed"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not-found", "Not found"),
            ApiError::Conflict(_) => (StatusCode::CONFLICT, "conflict", "Conflict"),
            ApiError::SlotTaken(_) | ApiError::SlotTakenBy(..) => {
                (StatusCode::CONFLICT, "slot-taken", "Slot already taken")
            }
            ApiError::NotNow(_) => (
                StatusCode::CONFLICT,
                "invalid-transition",
                "Not allowed in the current state",
            ),
            ApiError::TooManyRequests { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too-many-requests",
                "Too many requests",
            ),
            ApiError::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "Service unavailable",
            ),
            ApiError::Unexpected(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
            ),
        }
    }
}

/// Builds a problem response.
pub fn problem_response(
    status: StatusCode,
    kind: &str,
    title: &str,
    detail: String,
    errors: Vec<FieldError>,
) -> Response {
    problem_with(status, kind, title, detail, errors, vec![])
}

fn problem_with(
    status: StatusCode,
    kind: &str,
    title: &str,
    detail: String,
    errors: Vec<FieldError>,
    conflicts: Vec<SlotConflict>,
) -> Response {
    let body = Problem {
        kind: format!("urn:frontdesk:problem:{kind}"),
        title: title.to_string(),
        status: status.as_u16(),
        detail,
        errors,
        conflicts,
    };
    let mut response = (status, Json(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, kind, title) = self.parts();
        let retry_after = match &self {
            ApiError::TooManyRequests {
                retry_after_secs, ..
            } => Some(*retry_after_secs),
            _ => None,
        };
        if let ApiError::Unexpected(e) = &self {
            tracing::error!(error = ?e, "unexpected error");
        }
        let (detail, errors, conflicts) = match self {
            ApiError::Validation(Invalid(errors)) => (
                format!("{} field(s) are invalid: {}", errors.len(), Invalid(errors.clone())),
                errors,
                vec![],
            ),
            ApiError::Unexpected(_) => (
                "something went wrong on our side; it has been logged. Try again, and report the x-request-id if it persists".into(),
                vec![],
                vec![],
            ),
            ApiError::SlotTakenBy(detail, conflicts) => (detail, vec![], conflicts),
            other => (other.to_string(), vec![], vec![]),
        };
        let mut response = problem_with(status, kind, title, detail, errors, conflicts);
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(v) = retry_after.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        response
    }
}

impl From<Invalid> for ApiError {
    fn from(e: Invalid) -> Self {
        ApiError::Validation(e)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::NotFound("not found".into()),
            StoreError::Conflict(m) => ApiError::Conflict(m),
            StoreError::LastOwner => ApiError::Conflict(
                "a clinic must keep at least one owner; make someone else owner first".into(),
            ),
            StoreError::SlotTaken(m) => ApiError::SlotTaken(m),
            StoreError::Refused(m) => ApiError::NotNow(m),
            StoreError::UnknownReference(m) => ApiError::Validation(Invalid::field("body", m)),
            StoreError::IdempotencyMismatch => ApiError::Validation(Invalid::field(
                "Idempotency-Key",
                StoreError::IdempotencyMismatch.to_string(),
            )),
            StoreError::InvitationInvalid => {
                ApiError::bad_request(StoreError::InvitationInvalid.to_string())
            }
            // Still colliding after the store's retries: the caller may simply try again.
            StoreError::Contention => ApiError::Conflict(StoreError::Contention.to_string()),
            other => ApiError::Unexpected(anyhow::Error::new(other)),
        }
    }
}

/// A JSON body that rejects with a problem: 400 for malformed JSON, 415 for another content
/// type, 413 when too large, and 422 naming the field for wrong types or missing fields.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        require_json(&req)?;
        let bytes = body_bytes(req, state).await?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// An optional JSON body: none at all (or `null`) is `None` (`POST …/cancel` with nothing to say);
/// anything sent is checked like [`ApiJson`].
pub struct OptionalApiJson<T>(pub Option<T>);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for OptionalApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let declared = req.headers().contains_key(header::CONTENT_TYPE);
        if declared {
            require_json(&req)?;
        }
        let bytes = body_bytes(req, state).await?;
        if bytes.is_empty() {
            return Ok(OptionalApiJson(None));
        }
        if !declared {
            require_json_type(None)?;
        }
        // `null` says "nothing" as plainly as no body, and the document offers it.
        parse_json::<Option<T>>(&bytes).map(OptionalApiJson)
    }
}

fn require_json(req: &Request) -> Result<(), ApiError> {
    require_json_type(
        req.headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
    )
}

fn require_json_type(content_type: Option<&str>) -> Result<(), ApiError> {
    let is_json = content_type
        .and_then(|v| v.split(';').next())
        .map(|mime| {
            let mime = mime.trim().to_ascii_lowercase();
            mime == "application/json"
                || (mime.starts_with("application/") && mime.ends_with("+json"))
        })
        .unwrap_or(false);
    if is_json {
        Ok(())
    } else {
        Err(ApiError::BadRequest {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            detail: "send the body as JSON with `Content-Type: application/json`".into(),
        })
    }
}

async fn body_bytes<S: Send + Sync>(
    req: Request,
    state: &S,
) -> Result<axum::body::Bytes, ApiError> {
    axum::body::Bytes::from_request(req, state)
        .await
        .map_err(|rejection| {
            let status = rejection.status();
            ApiError::BadRequest {
                status: if status == StatusCode::PAYLOAD_TOO_LARGE {
                    status
                } else {
                    StatusCode::BAD_REQUEST
                },
                detail: if status == StatusCode::PAYLOAD_TOO_LARGE {
                    "the request body is larger than this server accepts".into()
                } else {
                    rejection.body_text()
                },
            }
        })
}

fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("the body is not valid JSON: {e}")))?;
    // Every body is an object; serde would also read a struct from an array of its fields
    // (`[]` as a cancel with nothing to say). `null` is left to the type to accept or not.
    if !(value.is_object() || value.is_null()) {
        return Err(ApiError::Validation(Invalid::field(
            "body",
            "send a JSON object",
        )));
    }
    integral_floats_as_integers(&mut value);
    if let Some(at) = nul_at(&value, "") {
        return Err(ApiError::Validation(Invalid::field(at, NUL_REFUSED)));
    }
    from_json_value(value)
}

const NUL_REFUSED: &str = "must not contain the NUL character (U+0000)";

/// Where a string (or a key) holds U+0000, as a field path. PostgreSQL cannot store it in
/// text or JSON, so no text anywhere takes it, on either store alike (it was a 500 there).
fn nul_at(value: &serde_json::Value, path: &str) -> Option<String> {
    let field = |p: &str| {
        if p.is_empty() {
            "body".to_string()
        } else {
            p.to_string()
        }
    };
    match value {
        serde_json::Value::String(s) if s.contains('\0') => Some(field(path)),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| nul_at(v, &format!("{path}[{i}]"))),
        serde_json::Value::Object(fields) => fields.iter().find_map(|(k, v)| {
            let here = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            if k.contains('\0') {
                Some(field(path))
            } else {
                nul_at(v, &here)
            }
        }),
        _ => None,
    }
}

/// JSON has one number type, and JSON Schema counts `5.0` as the integer 5; serde reads a
/// `u32` only from `5`. Whole floats become integers so a client writing `5.0` is understood
/// (a field that wants a float still reads an integer).
fn integral_floats_as_integers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() < 9.0e15
            {
                // Exact below 2^53; larger wholes are left to fail as out of range.
                #[allow(clippy::cast_possible_truncation)]
                let whole = f as i64;
                *n = serde_json::Number::from(whole);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(integral_floats_as_integers),
        serde_json::Value::Object(fields) => {
            fields.values_mut().for_each(integral_floats_as_integers)
        }
        _ => {}
    }
}

/// `deserialize_with` for a struct field whose own fields are all optional: serde would
/// read it from an array too (`"contact": [null]`), which the document forbids.
pub fn object_only<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: DeserializeOwned,
{
    use serde::Deserialize;
    use serde::de::Error;
    let value = serde_json::Value::deserialize(deserializer)?;
    if !value.is_object() {
        return Err(D::Error::custom("must be an object"));
    }
    T::deserialize(value).map_err(D::Error::custom)
}

/// [`object_only`] for an optional field (`null` is absent).
pub fn optional_object_only<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: DeserializeOwned,
{
    use serde::Deserialize;
    use serde::de::Error;
    match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::Null => Ok(None),
        value @ serde_json::Value::Object(_) => {
            T::deserialize(value).map(Some).map_err(D::Error::custom)
        }
        _ => Err(D::Error::custom("must be an object")),
    }
}

/// Deserializes a JSON value (a merged PATCH document), naming the field that is wrong.
pub fn from_json_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(data_error)
}

fn data_error(e: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let path = e.path().to_string();
    let inner = e.into_inner();
    match inner.classify() {
        serde_json::error::Category::Data => {
            let field = if path == "." {
                "body".to_string()
            } else {
                path
            };
            ApiError::Validation(Invalid::field(field, strip_position(&inner.to_string())))
        }
        _ => ApiError::bad_request(format!("the body is not valid JSON: {inner}")),
    }
}

/// serde_json appends " at line 1 column 42"; the field path already says where.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// A query string that rejects with a problem naming the parameter.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        parse_query(query).map(ApiQuery)
    }
}

fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    if query.contains('\0') || query.to_ascii_lowercase().contains("%00") {
        return Err(ApiError::Validation(Invalid::field("query", NUL_REFUSED)));
    }
    axum::extract::Query::<T>::try_from_uri(
        &format!("/?{query}")
            .parse()
            .map_err(|_| ApiError::bad_request("malformed query string"))?,
    )
    .map(|q| q.0)
    .map_err(|e| ApiError::Validation(Invalid::field("query", strip_position(&e.body_text()))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_floats_read_as_integers() {
        #[derive(serde::Deserialize)]
        struct T {
            n: u32,
            f: f32,
        }
        let t: T = parse_json(br#"{"n": 5834.0, "f": 2}"#).unwrap();
        assert_eq!((t.n, t.f), (5834, 2.0));
        assert!(parse_json::<T>(br#"{"n": 1.5, "f": 2}"#).is_err());
        assert!(
            parse_json::<T>(br#"{"n": 1} x"#).is_err(),
            "trailing text is refused"
        );
        assert!(
            parse_json::<T>(br#"[5, 2]"#).is_err(),
            "a struct is an object"
        );
    }

    #[test]
    fn positions_are_stripped() {
        assert_eq!(
            strip_position("invalid type: integer `1`, expected a string at line 1 column 9"),
            "invalid type: integer `1`, expected a string"
        );
    }
}
