//! One typed configuration from defaults, an optional TOML file and `FRONTDESK_*` variables
//! (later wins), validated at start with messages that say how to fix what is wrong.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine;
use serde::Deserialize;

/// Why the configuration was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// One or more settings are wrong; each line says which and how to fix it.
    #[error("invalid configuration:\n  - {}", .0.join("\n  - "))]
    Invalid(Vec<String>),
    /// The TOML file could not be read or parsed.
    #[error("cannot read configuration file {path}: {reason}")]
    File {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The generated development secret could not be kept.
    #[error("cannot keep the development secret key in {path}: {source}")]
    Secret {
        /// The key file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Development generates what is missing; production refuses to start without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Local use: a generated secret is kept in the data directory.
    Development,
    /// A real deployment: every secret must be configured.
    Production,
}

/// Output format of the logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// One JSON object a line (default).
    Json,
    /// Human-readable lines, for a terminal.
    Pretty,
}

/// Whether anyone may sign up and create a clinic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Signup {
    /// Anyone may create a clinic through the sign-up API.
    Open,
    /// Only HQ creates clinics.
    Closed,
}

/// The settings as a TOML file or the environment give them; every one optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSettings {
    mode: Option<Mode>,
    listen: Option<String>,
    public_url: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    database_max_connections: Option<u32>,
    secret_key: Option<String>,
    cors_origins: Option<Vec<String>>,
    request_timeout_secs: Option<u64>,
    max_body_bytes: Option<usize>,
    log: Option<String>,
    log_format: Option<LogFormat>,
    trust_proxy_headers: Option<bool>,
    signup: Option<Signup>,
    login_max_failures: Option<u32>,
    login_failure_window_secs: Option<u64>,
    password_hash_concurrency: Option<usize>,
    credential_keys: Option<String>,
    meta_app_secret: Option<String>,
    meta_verify_token: Option<String>,
    twilio_api_url: Option<String>,
    meta_api_url: Option<String>,
    dialog360_api_url: Option<String>,
    zapi_api_url: Option<String>,
    workers: Option<usize>,
    embedding: Option<EmbeddingKind>,
    model_dir: Option<PathBuf>,
    local_model: Option<PathBuf>,
    embedding_api_url: Option<String>,
    embedding_api_key: Option<String>,
    embedding_model: Option<String>,
    embedding_dimensions: Option<usize>,
    max_upload_bytes: Option<usize>,
    extraction_timeout_secs: Option<u64>,
    job_retention_days: Option<u32>,
    dead_job_retention_days: Option<u32>,
    extraction_memory_mb: Option<u64>,
    extraction_concurrency: Option<usize>,
    extractor: Option<PathBuf>,
    web_dir: Option<PathBuf>,
}

/// Which embedding model makes the vectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EmbeddingKind {
    /// multilingual-e5-small in-process (default); lexical search only while it is missing.
    Local,
    /// An OpenAI-compatible `/v1/embeddings` API.
    Openai,
    /// No vectors: lexical search only.
    None,
}

/// The embedding settings.
#[derive(Debug, Clone)]
pub struct EmbeddingSettings {
    /// Which model.
    pub kind: EmbeddingKind,
    /// Where the local model's file is.
    pub model_path: PathBuf,
    /// The API, when `kind` is `openai`.
    pub api: Option<frontdesk_knowledge::OpenAiSettings>,
}

/// Every environment variable the server reads, with the TOML key it overrides.
/// `.env.example` documents each; a test keeps the two in step.
pub const ENV_KEYS: &[(&str, &str)] = &[
    ("FRONTDESK_MODE", "mode"),
    ("FRONTDESK_LISTEN", "listen"),
    ("FRONTDESK_PUBLIC_URL", "public_url"),
    ("FRONTDESK_DATA_DIR", "data_dir"),
    ("FRONTDESK_DATABASE_URL", "database_url"),
    (
        "FRONTDESK_DATABASE_MAX_CONNECTIONS",
        "database_max_connections",
    ),
    ("FRONTDESK_SECRET_KEY", "secret_key"),
    ("FRONTDESK_CORS_ORIGINS", "cors_origins"),
    ("FRONTDESK_REQUEST_TIMEOUT_SECS", "request_timeout_secs"),
    ("FRONTDESK_MAX_BODY_BYTES", "max_body_bytes"),
    ("FRONTDESK_LOG", "log"),
    ("FRONTDESK_LOG_FORMAT", "log_format"),
    ("FRONTDESK_TRUST_PROXY_HEADERS", "trust_proxy_headers"),
    ("FRONTDESK_SIGNUP", "signup"),
    ("FRONTDESK_LOGIN_MAX_FAILURES", "login_max_failures"),
    (
        "FRONTDESK_LOGIN_FAILURE_WINDOW_SECS",
        "login_failure_window_secs",
    ),
    (
        "FRONTDESK_PASSWORD_HASH_CONCURRENCY",
        "password_hash_concurrency",
    ),
    ("FRONTDESK_CREDENTIAL_KEYS", "credential_keys"),
    ("FRONTDESK_META_APP_SECRET", "meta_app_secret"),
    ("FRONTDESK_META_VERIFY_TOKEN", "meta_verify_token"),
    ("FRONTDESK_TWILIO_API_URL", "twilio_api_url"),
    ("FRONTDESK_META_API_URL", "meta_api_url"),
    ("FRONTDESK_DIALOG360_API_URL", "dialog360_api_url"),
    ("FRONTDESK_ZAPI_API_URL", "zapi_api_url"),
    ("FRONTDESK_WORKERS", "workers"),
    ("FRONTDESK_EMBEDDING", "embedding"),
    ("FRONTDESK_MODEL_DIR", "model_dir"),
    ("FRONTDESK_LOCAL_MODEL", "local_model"),
    ("FRONTDESK_EMBEDDING_API_URL", "embedding_api_url"),
    ("FRONTDESK_EMBEDDING_API_KEY", "embedding_api_key"),
    ("FRONTDESK_EMBEDDING_MODEL", "embedding_model"),
    ("FRONTDESK_EMBEDDING_DIMENSIONS", "embedding_dimensions"),
    ("FRONTDESK_MAX_UPLOAD_BYTES", "max_upload_bytes"),
    (
        "FRONTDESK_EXTRACTION_TIMEOUT_SECS",
        "extraction_timeout_secs",
    ),
    ("FRONTDESK_EXTRACTION_MEMORY_MB", "extraction_memory_mb"),
    ("FRONTDESK_JOB_RETENTION_DAYS", "job_retention_days"),
    (
        "FRONTDESK_DEAD_JOB_RETENTION_DAYS",
        "dead_job_retention_days",
    ),
    ("FRONTDESK_EXTRACTION_CONCURRENCY", "extraction_concurrency"),
    ("FRONTDESK_EXTRACTOR", "extractor"),
    ("FRONTDESK_WEB_DIR", "web_dir"),
];

/// Variables with the prefix that are not server settings.
const ENV_NOT_SETTINGS: &[&str] = &["FRONTDESK_CONFIG", "FRONTDESK_TEST_POSTGRES"];

/// The validated configuration the server runs with.
#[derive(Debug, Clone)]
pub struct Config {
    /// Development or production.
    pub mode: Mode,
    /// Address to listen on.
    pub listen: SocketAddr,
    /// The URL patients and providers reach this server at (for webhooks and links).
    pub public_url: String,
    /// Where SQLite and generated files live.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// Connection pool size.
    pub database_max_connections: u32,
    /// Key material for tokens (at least 32 bytes).
    pub secret_key: Vec<u8>,
    /// Whether the secret was generated just now (development only).
    pub secret_generated: bool,
    /// Browser origins allowed to call the API.
    pub cors_origins: Vec<String>,
    /// Longest a request may take.
    pub request_timeout: Duration,
    /// Largest request body accepted.
    pub max_body_bytes: usize,
    /// Log filter, e.g. `info,frontdesk=debug`.
    pub log: String,
    /// Log format.
    pub log_format: LogFormat,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy_headers: bool,
    /// Open or closed sign-up.
    pub signup: Signup,
    /// Failed logins per account and address before logins are refused for a while.
    pub login_max_failures: u32,
    /// The window failures are counted in.
    pub login_failure_window: Duration,
    /// How many password hashes may run at once (each takes 46 MiB and a core).
    pub password_hash_concurrency: usize,
    /// Keys that seal channel credentials, by id; the first seals, all open. Empty: one key
    /// derived from `secret_key`.
    pub credential_keys: Vec<(String, Vec<u8>)>,
    /// The Meta app's secret, which signs every Cloud API webhook (one app for all clinics).
    pub meta_app_secret: Option<String>,
    /// The token Meta echoes in its webhook verification handshake.
    pub meta_verify_token: Option<String>,
    /// Where the providers' APIs live (tests point them at local servers).
    pub provider_urls: frontdesk_channels::outbound::ProviderUrls,
    /// Jobs (turns, sends) `serve` runs at once; 0 serves the API only (run `frontdesk worker`
    /// processes then).
    pub workers: usize,
    /// How texts are embedded.
    pub embedding: EmbeddingSettings,
    /// Largest document upload.
    pub max_upload_bytes: usize,
    /// Time one document's text extraction may take.
    pub extraction_timeout: Duration,
    /// How long finished jobs are kept: done ones, then dead ones (kept longer, to be read).
    pub job_retention: crate::pruning::JobRetention,
    /// Address space one extraction's child process may map, in bytes.
    pub extraction_memory_bytes: u64,
    /// Extractions running at once.
    pub extraction_concurrency: usize,
    /// The program that reads documents (`frontdesk extract-document`): this binary unless
    /// set (tests point it at the built binary).
    pub extractor: Option<PathBuf>,
    /// Serve the dashboard from this directory (a `web/dist`) instead of the copy built in.
    pub web_dir: Option<PathBuf>,
}

impl Config {
    /// Loads from an optional TOML file and the process environment, then validates.
    pub fn load(file: Option<&Path>) -> Result<Config, ConfigError> {
        let env: BTreeMap<String, String> = std::env::vars()
            .filter(|(k, _)| k.starts_with("FRONTDESK_"))
            .collect();
        let file = file
            .map(Path::to_path_buf)
            .or_else(|| env.get("FRONTDESK_CONFIG").map(PathBuf::from));
        let from_file = match &file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| ConfigError::File {
                    path: path.clone(),
                    reason: e.to_string(),
                })?;
                toml::from_str::<RawSettings>(&text).map_err(|e| ConfigError::File {
                    path: path.clone(),
                    reason: e.to_string(),
                })?
            }
            None => RawSettings::default(),
        };
        Self::from_sources(from_file, &env)
    }

    /// Builds the configuration from file settings overridden by environment variables.
    pub fn from_sources(
        file: RawSettings,
        env: &BTreeMap<String, String>,
    ) -> Result<Config, ConfigError> {
        let mut errors = Vec::new();
        let raw = overlay_env(file, env, &mut errors);
        let config = validate(raw, &mut errors);
        match config {
            Some(c) if errors.is_empty() => Ok(c),
            _ => Err(ConfigError::Invalid(errors)),
        }
    }

    /// In development, takes the secret from the data directory, generating it the first time.
    pub fn ensure_secret(&mut self) -> Result<(), ConfigError> {
        if !self.secret_key.is_empty() {
            return Ok(());
        }
        let path = self.data_dir.join("secret.key");
        let io = |source| ConfigError::Secret {
            path: path.clone(),
            source,
        };
        if let Ok(text) = std::fs::read_to_string(&path) {
            self.secret_key = decode_secret(text.trim())
                .map_err(|m| ConfigError::Invalid(vec![format!("{}: {m}", path.display())]))?;
            return Ok(());
        }
        std::fs::create_dir_all(&self.data_dir).map_err(io)?;
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|e| io(std::io::Error::other(e.to_string())))?;
        let encoded = base64::engine::general_purpose::STANDARD.encode(key);
        write_private(&path, &encoded).map_err(io)?;
        self.secret_key = key.to_vec();
        self.secret_generated = true;
        Ok(())
    }
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

fn decode_secret(value: &str) -> Result<Vec<u8>, String> {
    let engines = [
        &base64::engine::general_purpose::STANDARD,
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
    ];
    let bytes = engines
        .iter()
        .find_map(|e| e.decode(value).ok())
        .ok_or("the secret key must be base64; generate one with `openssl rand -base64 32`")?;
    if bytes.len() < 32 {
        return Err(format!(
            "the secret key must hold at least 32 bytes (got {}); generate one with `openssl rand -base64 32`",
            bytes.len()
        ));
    }
    Ok(bytes)
}

fn overlay_env(
    mut raw: RawSettings,
    env: &BTreeMap<String, String>,
    errors: &mut Vec<String>,
) -> RawSettings {
    fn parse<T: std::str::FromStr>(
        key: &str,
        value: &str,
        what: &str,
        errors: &mut Vec<String>,
    ) -> Option<T> {
        match value.trim().parse() {
            Ok(v) => Some(v),
            Err(_) => {
                errors.push(format!("{key}={value:?} is not {what}"));
                None
            }
        }
    }
    fn choice<T: serde::de::DeserializeOwned>(
        key: &str,
        value: &str,
        options: &str,
        errors: &mut Vec<String>,
    ) -> Option<T> {
        match serde_json::from_value(serde_json::Value::String(value.trim().to_lowercase())) {
            Ok(v) => Some(v),
            Err(_) => {
                errors.push(format!("{key}={value:?} is not one of {options}"));
                None
            }
        }
    }
    for (key, value) in env {
        if ENV_NOT_SETTINGS.contains(&key.as_str()) {
            continue;
        }
        let v = value.as_str();
        let k = key.as_str();
        match k {
            "FRONTDESK_MODE" => {
                raw.mode = choice(k, v, "development, production", errors).or(raw.mode)
            }
            "FRONTDESK_LISTEN" => raw.listen = Some(v.to_string()),
            "FRONTDESK_PUBLIC_URL" => raw.public_url = Some(v.to_string()),
            "FRONTDESK_DATA_DIR" => raw.data_dir = Some(PathBuf::from(v)),
            "FRONTDESK_DATABASE_URL" => raw.database_url = Some(v.to_string()),
            "FRONTDESK_DATABASE_MAX_CONNECTIONS" => {
                raw.database_max_connections =
                    parse(k, v, "a whole number", errors).or(raw.database_max_connections)
            }
            "FRONTDESK_SECRET_KEY" => raw.secret_key = Some(v.to_string()),
            "FRONTDESK_CORS_ORIGINS" => {
                raw.cors_origins = Some(
                    v.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect(),
                )
            }
            "FRONTDESK_REQUEST_TIMEOUT_SECS" => {
                raw.request_timeout_secs =
                    parse(k, v, "a number of seconds", errors).or(raw.request_timeout_secs)
            }
            "FRONTDESK_MAX_BODY_BYTES" => {
                raw.max_body_bytes = parse(k, v, "a number of bytes", errors).or(raw.max_body_bytes)
            }
            "FRONTDESK_LOG" => raw.log = Some(v.to_string()),
            "FRONTDESK_LOG_FORMAT" => {
                raw.log_format = choice(k, v, "json, pretty", errors).or(raw.log_format)
            }
            "FRONTDESK_TRUST_PROXY_HEADERS" => {
                raw.trust_proxy_headers =
                    parse(k, v, "true or false", errors).or(raw.trust_proxy_headers)
            }
            "FRONTDESK_SIGNUP" => raw.signup = choice(k, v, "open, closed", errors).or(raw.signup),
            "FRONTDESK_LOGIN_MAX_FAILURES" => {
                raw.login_max_failures =
                    parse(k, v, "a whole number", errors).or(raw.login_max_failures)
            }
            "FRONTDESK_LOGIN_FAILURE_WINDOW_SECS" => {
                raw.login_failure_window_secs =
                    parse(k, v, "a number of seconds", errors).or(raw.login_failure_window_secs)
            }
            "FRONTDESK_PASSWORD_HASH_CONCURRENCY" => {
                raw.password_hash_concurrency =
                    parse(k, v, "a whole number", errors).or(raw.password_hash_concurrency)
            }
            "FRONTDESK_CREDENTIAL_KEYS" => raw.credential_keys = Some(v.to_string()),
            "FRONTDESK_META_APP_SECRET" => raw.meta_app_secret = Some(v.to_string()),
            "FRONTDESK_META_VERIFY_TOKEN" => raw.meta_verify_token = Some(v.to_string()),
            "FRONTDESK_TWILIO_API_URL" => raw.twilio_api_url = Some(v.to_string()),
            "FRONTDESK_META_API_URL" => raw.meta_api_url = Some(v.to_string()),
            "FRONTDESK_DIALOG360_API_URL" => raw.dialog360_api_url = Some(v.to_string()),
            "FRONTDESK_ZAPI_API_URL" => raw.zapi_api_url = Some(v.to_string()),
            "FRONTDESK_WORKERS" => {
                raw.workers = parse(k, v, "a whole number", errors).or(raw.workers)
            }
            "FRONTDESK_EMBEDDING" => {
                raw.embedding = choice(k, v, "local, openai, none", errors).or(raw.embedding)
            }
            "FRONTDESK_MODEL_DIR" => raw.model_dir = Some(PathBuf::from(v)),
            "FRONTDESK_LOCAL_MODEL" => raw.local_model = Some(PathBuf::from(v)),
            "FRONTDESK_EMBEDDING_API_URL" => raw.embedding_api_url = Some(v.to_string()),
            "FRONTDESK_EMBEDDING_API_KEY" => raw.embedding_api_key = Some(v.to_string()),
            "FRONTDESK_EMBEDDING_MODEL" => raw.embedding_model = Some(v.to_string()),
            "FRONTDESK_EMBEDDING_DIMENSIONS" => {
                raw.embedding_dimensions =
                    parse(k, v, "a whole number", errors).or(raw.embedding_dimensions)
            }
            "FRONTDESK_MAX_UPLOAD_BYTES" => {
                raw.max_upload_bytes =
                    parse(k, v, "a number of bytes", errors).or(raw.max_upload_bytes)
            }
            "FRONTDESK_EXTRACTION_TIMEOUT_SECS" => {
                raw.extraction_timeout_secs =
                    parse(k, v, "a number of seconds", errors).or(raw.extraction_timeout_secs)
            }
            "FRONTDESK_JOB_RETENTION_DAYS" => {
                raw.job_retention_days =
                    parse(k, v, "a number of days", errors).or(raw.job_retention_days)
            }
            "FRONTDESK_DEAD_JOB_RETENTION_DAYS" => {
                raw.dead_job_retention_days =
                    parse(k, v, "a number of days", errors).or(raw.dead_job_retention_days)
            }
            "FRONTDESK_EXTRACTION_MEMORY_MB" => {
                raw.extraction_memory_mb =
                    parse(k, v, "a number of megabytes", errors).or(raw.extraction_memory_mb)
            }
            "FRONTDESK_EXTRACTION_CONCURRENCY" => {
                raw.extraction_concurrency =
                    parse(k, v, "a whole number", errors).or(raw.extraction_concurrency)
            }
            "FRONTDESK_EXTRACTOR" => raw.extractor = Some(PathBuf::from(v)),
            "FRONTDESK_WEB_DIR" => raw.web_dir = Some(PathBuf::from(v)),
            _ => {
                let hint = ENV_KEYS
                    .iter()
                    .map(|(known, _)| (edit_distance(k, known), *known))
                    .min()
                    .filter(|(d, _)| *d <= 3)
                    .map(|(_, known)| format!("; did you mean {known}?"))
                    .unwrap_or_else(|| "; see .env.example for every key".to_string());
                errors.push(format!("unknown setting {k}{hint}"));
            }
        }
    }
    raw
}

fn embedding_settings(raw: &RawSettings, errors: &mut Vec<String>) -> EmbeddingSettings {
    let kind = raw.embedding.unwrap_or(EmbeddingKind::Local);
    // A model of one's own (a container file or a Hugging Face directory) wins over the
    // fetched e5 in the model directory.
    let model_path = match (&raw.local_model, &raw.model_dir) {
        (Some(path), _) => path.clone(),
        (None, Some(dir)) => dir.join("e5-small-q4.bin"),
        (None, None) => frontdesk_knowledge::default_model_path(),
    };
    let api = (kind == EmbeddingKind::Openai).then(|| {
        let base_url = raw
            .embedding_api_url
            .clone()
            .unwrap_or_else(|| "https://api.openai.com".into());
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            errors.push(format!(
                "embedding_api_url {base_url:?} must be an http(s) URL"
            ));
        }
        let model = raw
            .embedding_model
            .clone()
            .unwrap_or_else(|| "text-embedding-3-small".into());
        let dimensions = raw.embedding_dimensions.unwrap_or(1536);
        if dimensions == 0 {
            errors.push("embedding_dimensions must be at least 1".into());
        }
        frontdesk_knowledge::OpenAiSettings {
            base_url,
            api_key: raw
                .embedding_api_key
                .clone()
                .filter(|k| !k.trim().is_empty()),
            model,
            dimensions,
            prefixes: None,
        }
    });
    EmbeddingSettings {
        kind,
        model_path,
        api,
    }
}

fn validate(raw: RawSettings, errors: &mut Vec<String>) -> Option<Config> {
    let embedding = embedding_settings(&raw, errors);
    let mode = raw.mode.unwrap_or(Mode::Development);
    let listen_text = raw.listen.unwrap_or_else(|| "127.0.0.1:8080".to_string());
    let listen = match listen_text.parse::<SocketAddr>() {
        Ok(a) => Some(a),
        Err(_) => {
            errors.push(format!("listen {listen_text:?} is not an address; write it like 127.0.0.1:8080 or 0.0.0.0:8080"));
            None
        }
    };
    let data_dir = raw.data_dir.unwrap_or_else(|| PathBuf::from("./data"));
    let database_url = raw
        .database_url
        .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("frontdesk.db").display()));
    if !(database_url.starts_with("sqlite:")
        || database_url.starts_with("postgres://")
        || database_url.starts_with("postgresql://"))
    {
        errors.push(format!(
            "database_url {:?} is not supported; use sqlite://path/to/file.db or postgres://user:password@host:5432/db",
            redact_url(&database_url)
        ));
    }
    let public_url = raw
        .public_url
        .unwrap_or_else(|| format!("http://{listen_text}"));
    if !(public_url.starts_with("http://") || public_url.starts_with("https://"))
        || public_url.contains(char::is_whitespace)
    {
        errors.push(format!(
            "public_url {public_url:?} must be an http(s) URL like https://frontdesk.example.com"
        ));
    }
    let public_url = public_url.trim_end_matches('/').to_string();
    for origin in raw.cors_origins.iter().flatten() {
        let ok = (origin.starts_with("http://") || origin.starts_with("https://"))
            && !origin.ends_with('/');
        if !ok {
            errors.push(format!("CORS origin {origin:?} must look like https://app.example.com (scheme and host, no trailing slash)"));
        }
    }
    let secret_key = match raw.secret_key.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => decode_secret(s)
            .map_err(|m| errors.push(format!("secret_key: {m}")))
            .unwrap_or_default(),
        _ => {
            if mode == Mode::Production {
                errors.push("secret_key is required in production; set FRONTDESK_SECRET_KEY to the output of `openssl rand -base64 32`".into());
            }
            Vec::new()
        }
    };
    if mode == Mode::Production
        && public_url.starts_with("http://")
        && !public_url.contains("127.0.0.1")
        && !public_url.contains("localhost")
    {
        errors.push("public_url must use https in production (set FRONTDESK_PUBLIC_URL)".into());
    }
    let timeout = raw.request_timeout_secs.unwrap_or(30);
    if timeout == 0 || timeout > 600 {
        errors.push(format!(
            "request_timeout_secs {timeout} must be between 1 and 600"
        ));
    }
    let max_body = raw.max_body_bytes.unwrap_or(1024 * 1024);
    if max_body < 1024 {
        errors.push(format!(
            "max_body_bytes {max_body} is too small; use at least 1024"
        ));
    }
    let log_format = raw.log_format.unwrap_or(LogFormat::Json);
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let hash_concurrency = raw
        .password_hash_concurrency
        .unwrap_or((cores.saturating_sub(1)).max(1));
    if hash_concurrency == 0 {
        errors.push("password_hash_concurrency must be at least 1".into());
    }
    let max_conn = raw
        .database_max_connections
        .unwrap_or(if database_url.starts_with("sqlite:") {
            8
        } else {
            16
        });
    if max_conn == 0 {
        errors.push("database_max_connections must be at least 1".into());
    }
    let login_max_failures = raw.login_max_failures.unwrap_or(5);
    if login_max_failures == 0 {
        errors.push("login_max_failures must be at least 1".into());
    }
    let credential_keys = parse_credential_keys(raw.credential_keys.as_deref(), errors);
    let defaults = frontdesk_channels::outbound::ProviderUrls::default();
    let mut url = |name: &str, value: Option<String>, default: String| {
        let value = value.unwrap_or(default).trim_end_matches('/').to_string();
        if !(value.starts_with("http://") || value.starts_with("https://")) {
            errors.push(format!("{name} {value:?} must be an http(s) URL"));
        }
        value
    };
    let provider_urls = frontdesk_channels::outbound::ProviderUrls {
        twilio: url("twilio_api_url", raw.twilio_api_url, defaults.twilio),
        meta: url("meta_api_url", raw.meta_api_url, defaults.meta),
        dialog360: url(
            "dialog360_api_url",
            raw.dialog360_api_url,
            defaults.dialog360,
        ),
        zapi: url("zapi_api_url", raw.zapi_api_url, defaults.zapi),
    };
    let workers = raw.workers.unwrap_or(8);
    let max_upload_bytes = raw.max_upload_bytes.unwrap_or(20 * 1024 * 1024);
    if max_upload_bytes == 0 {
        errors.push("max_upload_bytes must be at least 1".into());
    }
    let extraction_timeout = Duration::from_secs(raw.extraction_timeout_secs.unwrap_or(60).max(1));
    let job_retention = crate::pruning::JobRetention {
        done: chrono::Duration::days(i64::from(raw.job_retention_days.unwrap_or(7))),
        dead: chrono::Duration::days(i64::from(raw.dead_job_retention_days.unwrap_or(30))),
    };
    let extraction_memory_mb = raw.extraction_memory_mb.unwrap_or(256);
    // Below this the reader's own binary and stack do not fit.
    if extraction_memory_mb < 64 {
        errors.push("extraction_memory_mb must be at least 64".into());
    }
    let extraction_concurrency = raw.extraction_concurrency.unwrap_or(2);
    if extraction_concurrency == 0 {
        errors.push("extraction_concurrency must be at least 1".into());
    }
    let non_empty = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Some(Config {
        credential_keys,
        meta_app_secret: non_empty(raw.meta_app_secret),
        meta_verify_token: non_empty(raw.meta_verify_token),
        provider_urls,
        workers,
        embedding,
        max_upload_bytes,
        extraction_timeout,
        job_retention,
        extraction_memory_bytes: extraction_memory_mb * 1024 * 1024,
        extraction_concurrency,
        extractor: raw.extractor,
        web_dir: raw.web_dir,
        mode,
        listen: listen?,
        public_url,
        data_dir,
        database_url,
        database_max_connections: max_conn,
        secret_key,
        secret_generated: false,
        cors_origins: raw.cors_origins.unwrap_or_default(),
        request_timeout: Duration::from_secs(timeout),
        max_body_bytes: max_body,
        log: raw.log.unwrap_or_else(|| "info".into()),
        log_format,
        trust_proxy_headers: raw.trust_proxy_headers.unwrap_or(false),
        signup: raw.signup.unwrap_or(Signup::Open),
        login_max_failures,
        login_failure_window: Duration::from_secs(raw.login_failure_window_secs.unwrap_or(15 * 60)),
        password_hash_concurrency: hash_concurrency,
    })
}

/// Reads `id:base64key,id:base64key` (32-byte keys; the first seals new credentials).
fn parse_credential_keys(value: Option<&str>, errors: &mut Vec<String>) -> Vec<(String, Vec<u8>)> {
    let mut keys = Vec::new();
    for entry in value
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let Some((id, key)) = entry.split_once(':') else {
            errors.push(format!(
                "credential_keys: {entry:?} must be id:base64key, e.g. k2:$(openssl rand -base64 32)"
            ));
            continue;
        };
        let id_ok =
            !id.is_empty() && id.len() <= 16 && id.chars().all(|c| c.is_ascii_alphanumeric());
        if !id_ok {
            errors.push(format!(
                "credential_keys: key id {id:?} must be 1-16 letters or digits"
            ));
            continue;
        }
        match base64::engine::general_purpose::STANDARD.decode(key.trim()) {
            Ok(bytes) if bytes.len() == 32 => keys.push((id.to_string(), bytes)),
            _ => errors.push(format!(
                "credential_keys: key {id:?} must be 32 bytes in base64 (openssl rand -base64 32)"
            )),
        }
    }
    keys
}

/// Hides a password in a database URL for messages and logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let creds = &url[scheme_end + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != *cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn errors(pairs: &[(&str, &str)]) -> String {
        Config::from_sources(RawSettings::default(), &env(pairs))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn defaults_run_locally_on_sqlite() {
        let c = Config::from_sources(RawSettings::default(), &env(&[])).unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(c.database_url, "sqlite://./data/frontdesk.db");
        assert_eq!(c.mode, Mode::Development);
        assert!(
            c.secret_key.is_empty(),
            "generated later, in the data directory"
        );
    }

    #[test]
    fn environment_overrides_the_file() {
        let file: RawSettings =
            toml::from_str("listen = \"0.0.0.0:9000\"\nsignup = \"closed\"").unwrap();
        let c =
            Config::from_sources(file, &env(&[("FRONTDESK_LISTEN", "127.0.0.1:9001")])).unwrap();
        assert_eq!(c.listen.port(), 9001);
        assert_eq!(c.signup, Signup::Closed);
    }

    #[test]
    fn mistakes_are_named_with_a_fix() {
        let e = errors(&[("FRONTDESK_LISTN", "x")]);
        assert!(e.contains("did you mean FRONTDESK_LISTEN?"), "{e}");
        let e = errors(&[("FRONTDESK_DATABASE_URL", "mysql://root:hunter2@db/x")]);
        assert!(e.contains("postgres://") && !e.contains("hunter2"), "{e}");
        let e = errors(&[("FRONTDESK_LISTEN", "localhost")]);
        assert!(e.contains("127.0.0.1:8080"), "{e}");
        let e = errors(&[("FRONTDESK_MODE", "production")]);
        assert!(e.contains("FRONTDESK_SECRET_KEY"), "{e}");
        let e = errors(&[("FRONTDESK_SECRET_KEY", "c2hvcnQ=")]);
        assert!(e.contains("at least 32 bytes"), "{e}");
        let e = errors(&[
            ("FRONTDESK_LOG_FORMAT", "xml"),
            ("FRONTDESK_REQUEST_TIMEOUT_SECS", "soon"),
        ]);
        assert!(
            e.contains("json, pretty") && e.contains("number of seconds"),
            "{e}"
        );
        assert!(
            toml::from_str::<RawSettings>("lisen = \"x\"")
                .unwrap_err()
                .to_string()
                .contains("lisen")
        );
    }

    #[test]
    fn env_example_documents_every_key() {
        let example = include_str!("../../../.env.example");
        for (key, _) in ENV_KEYS {
            assert!(example.contains(key), ".env.example lacks {key}");
        }
    }

    #[test]
    fn development_secret_is_generated_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = Config::from_sources(RawSettings::default(), &env(&[])).unwrap();
        c.data_dir = dir.path().to_path_buf();
        c.ensure_secret().unwrap();
        assert!(c.secret_generated);
        let first = c.secret_key.clone();
        let mut again = Config::from_sources(RawSettings::default(), &env(&[])).unwrap();
        again.data_dir = dir.path().to_path_buf();
        again.ensure_secret().unwrap();
        assert!(!again.secret_generated);
        assert_eq!(again.secret_key, first);
    }

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact_url("postgres://u:p@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact_url("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
