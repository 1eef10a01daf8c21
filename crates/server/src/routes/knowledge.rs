//! `/api/v1/clinics/{slug}/knowledge`: documents (uploaded as multipart, extracted by a
//! job), FAQs (one at a time or imported from CSV or JSON), and hybrid search.

use axum::Json;
use axum::body::Bytes;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use frontdesk_domain::ClinicAction;
use frontdesk_domain::validation::Invalid;
use frontdesk_knowledge::extract::Format;
use frontdesk_store::{ChunkView, Document, Faq, NewDocument};
use serde::Deserialize;
use sha2::Digest;
use utoipa_axum::{router::OpenApiRouter, routes};
use uuid::Uuid;

use crate::auth::ClinicContext;
use crate::knowledge::faq_input::{FaqInput, checked, parse_import};
use crate::knowledge::indexing::default_title;
use crate::knowledge::search::SearchResults;
use crate::problem::{ApiError, ApiJson, ApiQuery, Problem};
use crate::routes::path_id;
use crate::state::AppState;

/// Longest title.
const MAX_TITLE: usize = 200;
/// Most hits a search returns.
const MAX_LIMIT: usize = 50;

/// Routes that take JSON bodies (under the usual body limit).
pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_documents))
        .routes(routes!(get_document, delete_document))
        .routes(routes!(document_chunks))
        .routes(routes!(list_faqs, create_faq))
        .routes(routes!(get_faq, update_faq, delete_faq))
        .routes(routes!(import_faqs))
        .routes(routes!(search))
}

/// Routes that take files, under the upload limit instead.
pub(crate) fn upload_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload_document))
        .routes(routes!(replace_document))
}

/// A file as uploaded.
struct Upload {
    filename: Option<String>,
    content_type: Option<String>,
    bytes: Vec<u8>,
    title: Option<String>,
}

/// The multipart form of an upload, for the API documentation.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
struct UploadForm {
    /// The file: .txt, .md, .html, .pdf or .docx.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// A title; by default the file's own, or its name.
    title: Option<String>,
}

fn too_large(limit: usize) -> ApiError {
    ApiError::BadRequest {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        detail: format!(
            "the file is larger than this server accepts ({:.1} MB; FRONTDESK_MAX_UPLOAD_BYTES sets it)",
            limit as f64 / 1_048_576.0
        ),
    }
}

async fn read_upload(
    form: Result<Multipart, MultipartRejection>,
    limit: usize,
) -> Result<Upload, ApiError> {
    let mut form = form.map_err(|e| ApiError::BadRequest {
        status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
        detail: format!("send the file as multipart/form-data with a `file` field ({e})"),
    })?;
    let multipart_error = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large(limit)
        } else {
            ApiError::BadRequest {
                status: StatusCode::BAD_REQUEST,
                detail: format!("unreadable multipart form: {}", e.body_text()),
            }
        }
    };
    let mut upload = Upload {
        filename: None,
        content_type: None,
        bytes: Vec::new(),
        title: None,
    };
    let mut has_file = false;
    while let Some(mut field) = form.next_field().await.map_err(multipart_error)? {
        match field.name() {
            Some("file") => {
                has_file = true;
                upload.filename = field.file_name().map(str::to_string);
                upload.content_type = field.content_type().map(str::to_string);
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    if upload.bytes.len() + chunk.len() > limit {
                        return Err(too_large(limit));
                    }
                    upload.bytes.extend_from_slice(&chunk);
                }
            }
            Some("title") => {
                let text = field.text().await.map_err(multipart_error)?;
                let text = text.trim();
                if text.chars().count() > MAX_TITLE {
                    return Err(ApiError::Validation(Invalid::field(
                        "title",
                        format!("at most {MAX_TITLE} characters"),
                    )));
                }
                upload.title = (!text.is_empty()).then(|| text.to_string());
            }
            other => {
                return Err(ApiError::Validation(Invalid::field(
                    other.unwrap_or("form"),
                    "unknown form field; send `file` and optionally `title`",
                )));
            }
        }
    }
    if !has_file {
        return Err(ApiError::Validation(Invalid::field(
            "file",
            "attach the document as the `file` field",
        )));
    }
    if upload.bytes.is_empty() {
        return Err(ApiError::Validation(Invalid::field(
            "file",
            "the file is empty",
        )));
    }
    Ok(upload)
}

fn new_document(upload: Upload) -> Result<NewDocument, ApiError> {
    let format = Format::detect(upload.filename.as_deref(), upload.content_type.as_deref(), &upload.bytes)
        .ok_or_else(|| {
            ApiError::Validation(Invalid::field(
                "file",
                "unsupported file type: upload plain text (.txt), Markdown (.md), HTML (.html), PDF or Word (.docx)",
            ))
        })?;
    let title = upload
        .title
        .or_else(|| upload.filename.as_deref().map(default_title))
        .unwrap_or_else(|| "Untitled document".into());
    let sha256 = hex(&sha2::Sha256::digest(&upload.bytes));
    Ok(NewDocument {
        title: title.chars().take(MAX_TITLE).collect(),
        filename: upload.filename,
        format: format.as_str().into(),
        content_type: upload.content_type,
        content: upload.bytes,
        sha256,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn document_id(raw: &str) -> Result<Uuid, ApiError> {
    path_id(raw, "document")
}

fn faq_id(raw: &str) -> Result<Uuid, ApiError> {
    path_id(raw, "FAQ")
}

/// Uploads a document (multipart `file`, optional `title`). Its text is extracted in the
/// background: the answer is `processing`; poll the document. `embedding`: its text is
/// found by its words, its vectors are being made; `ready`: search uses all of it;
/// `failed`: `error` says why.
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/knowledge/documents", tag = "knowledge", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 202, body = Document), (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn upload_document(
    State(state): State<AppState>,
    ctx: ClinicContext,
    form: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<Document>), ApiError> {
    ctx.require(ClinicAction::ManageKnowledge)?;
    let new = new_document(read_upload(form, state.config.max_upload_bytes).await?)?;
    let document = state
        .store
        .create_document(
            ctx.clinic_id(),
            &new,
            state.knowledge.model_id(),
            chrono::Utc::now(),
        )
        .await?;
    state.messaging.wake.notify_one();
    Ok((StatusCode::ACCEPTED, Json(document)))
}

/// Replaces a document's file. Its current text stays searchable until the new one is
/// extracted.
#[utoipa::path(put, path = "/api/v1/clinics/{slug}/knowledge/documents/{document_id}", tag = "knowledge", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("document_id" = String, Path, description = "the document")),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 202, body = Document), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json")))]
async fn replace_document(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
    form: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<Document>), ApiError> {
    ctx.require(ClinicAction::ManageKnowledge)?;
    let id = document_id(&raw)?;
    // Checked before the body is read: a missing document is 404 whatever was sent.
    let model = state.knowledge.model_id();
    state.store.document(ctx.clinic_id(), id, model).await?;
    let new = new_document(read_upload(form, state.config.max_upload_bytes).await?)?;
    let document = state
        .store
        .replace_document(ctx.clinic_id(), id, &new, model, chrono::Utc::now())
        .await?;
    state.messaging.wake.notify_one();
    Ok((StatusCode::ACCEPTED, Json(document)))
}

/// The clinic's documents, newest first.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/knowledge/documents", tag = "knowledge", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    responses((status = 200, body = Vec<Document>)))]
async fn list_documents(
    State(state): State<AppState>,
    ctx: ClinicContext,
) -> Result<Json<Vec<Document>>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    Ok(Json(
        state
            .store
            .documents(ctx.clinic_id(), state.knowledge.model_id())
            .await?,
    ))
}

/// One document and its status (`embedding` until search can use its vectors).
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/knowledge/documents/{document_id}", tag = "knowledge", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("document_id" = String, Path, description = "the document")),
    responses((status = 200, body = Document), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_document(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
) -> Result<Json<Document>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    Ok(Json(
        state
            .store
            .document(
                ctx.clinic_id(),
                document_id(&raw)?,
                state.knowledge.model_id(),
            )
            .await?,
    ))
}

/// A document's chunks, in order.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/knowledge/documents/{document_id}/chunks", tag = "knowledge", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("document_id" = String, Path, description = "the document")),
    responses((status = 200, body = Vec<ChunkView>), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn document_chunks(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
) -> Result<Json<Vec<ChunkView>>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    Ok(Json(
        state
            .store
            .document_chunks(ctx.clinic_id(), document_id(&raw)?)
            .await?,
    ))
}

/// Deletes a document, its chunks and their vectors.
#[utoipa::path(delete, path = "/api/v1/clinics/{slug}/knowledge/documents/{document_id}", tag = "knowledge", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("document_id" = String, Path, description = "the document")),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn delete_document(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    ctx.require(ClinicAction::ManageKnowledge)?;
    state
        .store
        .delete_document(ctx.clinic_id(), document_id(&raw)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Filters for the FAQ list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
struct FaqQuery {
    /// Only FAQs in this language.
    #[param(pattern = "LANGUAGE")]
    language: Option<String>,
}

/// The clinic's FAQs, oldest first.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/knowledge/faqs", tag = "knowledge", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), FaqQuery),
    responses((status = 200, body = Vec<Faq>)))]
async fn list_faqs(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiQuery(q): ApiQuery<FaqQuery>,
) -> Result<Json<Vec<Faq>>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    let language = q
        .language
        .map(|l| frontdesk_domain::Language::parse("language", &l))
        .transpose()?;
    Ok(Json(
        state
            .store
            .faqs(ctx.clinic_id(), language.map(|l| l.code()))
            .await?,
    ))
}

/// Adds an FAQ.
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/knowledge/faqs", tag = "knowledge", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    request_body = FaqInput,
    responses((status = 201, body = Faq), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_faq(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiJson(input): ApiJson<FaqInput>,
) -> Result<(StatusCode, Json<Faq>), ApiError> {
    ctx.require(ClinicAction::ManageKnowledge)?;
    let new = checked(&input, "")?;
    let mut created = state
        .store
        .create_faqs(ctx.clinic_id(), &[new], chrono::Utc::now())
        .await?;
    embed_soon(&state, &ctx).await?;
    let faq = created
        .pop()
        .ok_or_else(|| ApiError::Unexpected(anyhow::anyhow!("the store created no FAQ")))?;
    Ok((StatusCode::CREATED, Json(faq)))
}

async fn embed_soon(state: &AppState, ctx: &ClinicContext) -> Result<(), ApiError> {
    state
        .knowledge
        .queue_embedding(&*state.store, ctx.clinic_id())
        .await?;
    state.messaging.wake.notify_one();
    Ok(())
}

/// Imports FAQs, all or none: a JSON array of `{language, question, answer}`, or CSV
/// (`Content-Type: text/csv`) with a header row naming those columns.
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/knowledge/faqs/import", tag = "knowledge", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    request_body(content = Vec<FaqInput>, content_type = "application/json"),
    responses((status = 201, body = Vec<Faq>), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn import_faqs(
    State(state): State<AppState>,
    ctx: ClinicContext,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Vec<Faq>>), ApiError> {
    ctx.require(ClinicAction::ManageKnowledge)?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let new = parse_import(content_type, &body)?;
    let created = state
        .store
        .create_faqs(ctx.clinic_id(), &new, chrono::Utc::now())
        .await?;
    embed_soon(&state, &ctx).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// One FAQ.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/knowledge/faqs/{faq_id}", tag = "knowledge", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("faq_id" = String, Path, description = "the FAQ")),
    responses((status = 200, body = Faq), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_faq(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
) -> Result<Json<Faq>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    Ok(Json(state.store.faq(ctx.clinic_id(), faq_id(&raw)?).await?))
}

/// Replaces an FAQ.
#[utoipa::path(put, path = "/api/v1/clinics/{slug}/knowledge/faqs/{faq_id}", tag = "knowledge", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("faq_id" = String, Path, description = "the FAQ")),
    request_body = FaqInput,
    responses((status = 200, body = Faq), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn update_faq(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
    ApiJson(input): ApiJson<FaqInput>,
) -> Result<Json<Faq>, ApiError> {
    ctx.require(ClinicAction::ManageKnowledge)?;
    let id = faq_id(&raw)?;
    let new = checked(&input, "")?;
    let faq = state
        .store
        .update_faq(ctx.clinic_id(), id, &new, chrono::Utc::now())
        .await?;
    embed_soon(&state, &ctx).await?;
    Ok(Json(faq))
}

/// Deletes an FAQ.
#[utoipa::path(delete, path = "/api/v1/clinics/{slug}/knowledge/faqs/{faq_id}", tag = "knowledge", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("faq_id" = String, Path, description = "the FAQ")),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn delete_faq(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    ctx.require(ClinicAction::ManageKnowledge)?;
    state
        .store
        .delete_faq(ctx.clinic_id(), faq_id(&raw)?)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A search.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
struct SearchQuery {
    /// The question, in any of the four languages.
    #[param(max_length = 1000, pattern = "NOT_BLANK")]
    q: String,
    /// Hits to return (1–50, default 5).
    #[param(minimum = 1, maximum = 50)]
    limit: Option<usize>,
}

/// Searches the clinic's documents and FAQs: full-text and vector rankings fused by
/// reciprocal rank (`mode: hybrid`). Full text only (`mode: lexical`) without an embedding
/// model, when the question cannot be embedded, or while no text of the clinic has its
/// vector yet; texts still without one (documents in `embedding`) are found by their words.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/knowledge/search", tag = "knowledge", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), SearchQuery),
    responses((status = 200, body = SearchResults), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn search(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<Json<SearchResults>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    let query = q.q.trim();
    // Counted as sent, as the document's maxLength counts.
    if query.is_empty() || q.q.chars().count() > 1_000 {
        return Err(ApiError::Validation(Invalid::field(
            "q",
            "ask a question of 1 to 1000 characters",
        )));
    }
    let limit = q.limit.unwrap_or(5);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::Validation(Invalid::field(
            "limit",
            format!("between 1 and {MAX_LIMIT}"),
        )));
    }
    let results = state
        .knowledge
        .search(&*state.store, ctx.clinic_id(), query, limit)
        .await
        .map_err(|e| match e {
            crate::knowledge::search::SearchError::Store(s) => ApiError::from(s),
        })?;
    Ok(Json(results))
}
