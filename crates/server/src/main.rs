//! `frontdesk`: serve, migrate, admin.

use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use frontdesk::auth::password::PasswordHasher;
use frontdesk::configuration::{Config, Mode, redact_url};
use frontdesk::service::accounts;
use frontdesk::{demo, startup, telemetry};
use frontdesk_domain::{Email, Password, PersonName};

/// Prints to stdout, ignoring a closed pipe: losing a banner line must not stop the server.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

#[derive(Parser)]
#[command(
    name = "frontdesk",
    version,
    about = "Frontdesk: an AI front desk for clinics"
)]
struct Cli {
    /// A TOML configuration file (FRONTDESK_* variables override it).
    #[arg(long, global = true, env = "FRONTDESK_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the API and the workers (turns, sends, reminders).
    Serve {
        /// Seed the demo clinic "Bright Smile Dental" (once; later runs change nothing).
        #[arg(long)]
        demo: bool,
        /// Listen address, e.g. 0.0.0.0:8080 (overrides FRONTDESK_LISTEN).
        #[arg(long)]
        listen: Option<SocketAddr>,
        /// Data directory (overrides FRONTDESK_DATA_DIR).
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
    /// Run workers only (turns and sends), for scaling out beside `serve` processes on
    /// PostgreSQL. Stops on SIGTERM or Ctrl-C; a job cut off runs again elsewhere.
    Worker,
    /// Create or upgrade the database schema, then exit.
    Migrate,
    /// Administer accounts.
    #[command(subcommand)]
    Admin(Admin),
    /// Talk to a clinic's assistant in this terminal, as a patient on its web chat would
    /// (the same intake, turn and assistant). Type /quit to leave.
    Chat {
        /// The clinic's slug, e.g. bright-smile.
        #[arg(long)]
        clinic: String,
        /// Continue as this visitor (the conversation is kept per visitor).
        #[arg(long)]
        visitor: Option<String>,
        /// Seed the demo clinic "bright-smile" first (once; later runs change nothing).
        #[arg(long)]
        demo: bool,
    },
    /// Read one document from standard input and print its text as JSON: the child process
    /// the server starts, under kernel limits, for every upload.
    #[command(name = frontdesk_knowledge::extract::contained::SUBCOMMAND, hide = true)]
    ExtractDocument {
        /// text, markdown, html, pdf or docx.
        #[arg(long)]
        format: String,
        /// Bytes a compressed part may unpack to.
        #[arg(long)]
        max_unpacked_bytes: u64,
        /// Characters of text the document may yield.
        #[arg(long)]
        max_text_chars: usize,
    },
    /// Measure knowledge retrieval: index a set of clinic documents in a throwaway database,
    /// ask its questions (four languages, many across languages) and print recall@1,
    /// recall@3 and MRR per language. Uses the configured embedding model.
    Evaluate {
        /// The set: `documents/` and `questions.jsonl` (see eval/knowledge).
        #[arg(long, default_value = "eval/knowledge")]
        dataset: PathBuf,
        /// `dialogs` plays the dialog corpus instead (see eval/dialogs/FORMAT.md).
        #[command(subcommand)]
        what: Option<Evaluation>,
    },
}

#[derive(Subcommand)]
enum Evaluation {
    /// Play the dialog corpus (eval/dialogs) through the intake and the turn workers, each
    /// dialog on a fresh copy of its clinic, and print pass rates per language and per kind.
    Dialogs {
        /// The corpus: `clinics.json` and one directory per set.
        #[arg(long, default_value = "eval/dialogs")]
        corpus: PathBuf,
        /// Sets to play (repeatable).
        #[arg(long = "set", default_values_t = ["dev".to_string(), "test".to_string()])]
        sets: Vec<String>,
        /// Only the dialogs whose id contains this.
        #[arg(long)]
        only: Option<String>,
        /// Print the transcript and failures of each failing dialog of these sets.
        #[arg(long)]
        show: Vec<String>,
        /// The engine that answers: `builtin`, or a language model (`openai` for any
        /// OpenAI-compatible API, `gemini`) set on every dialog's clinic.
        #[arg(long, default_value = "builtin")]
        engine: String,
        /// The model's API base URL, e.g. https://api.openai.com or http://localhost:11434.
        #[arg(long)]
        base_url: Option<String>,
        /// The model, e.g. gpt-4o-mini.
        #[arg(long)]
        model: Option<String>,
        /// The environment variable that holds the model's API key (never the key itself).
        #[arg(long)]
        api_key_env: Option<String>,
    },
}

#[derive(Subcommand)]
enum Admin {
    /// Create an HQ superadmin (or grant the role to an existing account).
    CreateSuperuser {
        /// Login e-mail.
        #[arg(long)]
        email: String,
        /// Display name.
        #[arg(long, default_value = "HQ Admin")]
        name: String,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a new password and sign out every session of the account.
    ResetPassword {
        /// Login e-mail.
        #[arg(long)]
        email: String,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
}

fn main() -> anyhow::Result<()> {
    let started = Instant::now();
    let cli = Cli::parse();
    if let Command::ExtractDocument {
        format,
        max_unpacked_bytes,
        max_text_chars,
    } = &cli.command
    {
        // Before any configuration, logging or runtime: this process only reads one file,
        // within the address space its parent allowed it.
        return extract_document(format, *max_unpacked_bytes, *max_text_chars);
    }
    let mut config = Config::load(cli.config.as_deref())?;
    if let Command::Serve {
        listen, data_dir, ..
    } = &cli.command
    {
        if let Some(l) = listen {
            config.listen = *l;
            if std::env::var("FRONTDESK_PUBLIC_URL").is_err() {
                config.public_url = format!("http://{l}");
            }
        }
        if let Some(d) = data_dir {
            if std::env::var("FRONTDESK_DATABASE_URL").is_err()
                && config.database_url.starts_with("sqlite:")
            {
                config.database_url = format!("sqlite://{}", d.join("frontdesk.db").display());
            }
            config.data_dir = d.clone();
        }
    }
    if matches!(cli.command, Command::Chat { .. }) && std::env::var("FRONTDESK_LOG").is_err() {
        // The terminal is the chat: only problems are logged.
        config.log = "warn".into();
    }
    telemetry::init(&config.log, config.log_format);
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir).with_context(|| {
            format!(
                "cannot create the data directory {}",
                config.data_dir.display()
            )
        })?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .thread_name("frontdesk-web")
        .enable_all()
        .build()?;
    runtime.block_on(run(cli.command, config, started))
}

fn extract_document(
    format: &str,
    max_unpacked_bytes: u64,
    max_text_chars: usize,
) -> anyhow::Result<()> {
    use frontdesk_knowledge::extract::{Format, Limits, contained};
    let Some(format) = Format::parse(format) else {
        bail!("unknown format {format:?}");
    };
    let limits = Limits {
        max_unpacked_bytes,
        max_text_chars,
        ..Limits::default()
    };
    contained::child_main(
        format,
        &limits,
        std::io::stdin().lock(),
        std::io::stdout().lock(),
    )?;
    Ok(())
}

async fn run(command: Command, mut config: Config, started: Instant) -> anyhow::Result<()> {
    match command {
        Command::Serve { demo, .. } => {
            config.ensure_secret()?;
            if config.secret_generated {
                tracing::warn!(path = %config.data_dir.join("secret.key").display(), "no FRONTDESK_SECRET_KEY configured; generated one and kept it in the data directory (development only)");
            } else if config.mode == Mode::Development
                && std::env::var("FRONTDESK_SECRET_KEY").is_err()
            {
                tracing::warn!(
                    "using the development secret key from the data directory; set FRONTDESK_SECRET_KEY in production"
                );
            }
            let listener = tokio::net::TcpListener::bind(config.listen)
                .await
                .with_context(|| format!("cannot listen on {}; is another server using it? Set FRONTDESK_LISTEN or --listen", config.listen))?;
            let addr = listener.local_addr()?;
            let db = redact_url(&config.database_url);
            let state = startup::prepare(config).await?;
            let seeded = if demo {
                Some(demo::seed(&state).await?)
            } else {
                None
            };
            say!(
                "Frontdesk is listening on http://{addr}  (database: {db}, ready in {} ms)",
                started.elapsed().as_millis()
            );
            say!("  API docs:  http://{addr}/docs");
            let chat = seeded.is_some();
            match seeded {
                Some(demo::Seeded::Created { password }) => {
                    say!(
                        "  Demo clinic \"Bright Smile Dental\" created. Log in as {} with password {password}",
                        demo::OWNER_EMAIL
                    );
                    say!(
                        "  (shown once; reset it with `frontdesk admin reset-password --email {}`)",
                        demo::OWNER_EMAIL
                    );
                }
                Some(demo::Seeded::Existing) => say!(
                    "  Demo clinic exists; log in as {} (password shown at first run; reset with `frontdesk admin reset-password --email {}`)",
                    demo::OWNER_EMAIL,
                    demo::OWNER_EMAIL
                ),
                None => say!(
                    "  Log in: POST /api/v1/auth/login. No account yet? `frontdesk serve --demo`, POST /api/v1/auth/signup, or `frontdesk admin create-superuser --email you@example.com`"
                ),
            }
            if chat {
                say!(
                    "  Web chat to try as a patient: http://{addr}/chat/{}",
                    demo::SLUG
                );
            }
            tracing::info!(%addr, "listening");
            startup::serve(listener, state).await?;
            Ok(())
        }
        Command::Worker => {
            config.ensure_secret()?;
            let concurrency = config.workers.max(1);
            let state = startup::prepare(config).await?;
            let sweep = frontdesk::sweeper::spawn(
                state.store.clone(),
                state.knowledge.clone(),
                frontdesk::sweeper::EVERY,
                state.config.job_retention,
            );
            let workers = startup::spawn_workers(&state)?;
            say!(
                "Frontdesk worker running {concurrency} job(s) at once (database: {}, ready in {} ms)",
                state.store.backend(),
                started.elapsed().as_millis()
            );
            startup::shutdown_signal().await;
            workers.stop();
            sweep.abort();
            Ok(())
        }
        Command::Migrate => {
            let store = frontdesk_store::connect(&config.database_url, 1).await?;
            let ran = store.migrate().await?;
            let v = store.schema_version().await?;
            say!(
                "{ran} migration(s) applied; schema at version {} ({})",
                v.applied,
                store.backend()
            );
            Ok(())
        }
        Command::Chat {
            clinic,
            visitor,
            demo,
        } => {
            let state = startup::prepare(config).await?;
            if demo {
                demo::seed(&state).await?;
            }
            let workers = startup::spawn_workers(&state)?;
            let visitor =
                visitor.unwrap_or_else(|| format!("terminal-{}", uuid::Uuid::now_v7().simple()));
            let result = frontdesk::chat::run(
                &state,
                &clinic,
                &visitor,
                std::io::stdin().lock(),
                std::io::stdout(),
            )
            .await;
            workers.stop();
            result.map_err(Into::into)
        }
        // Handled in `main` before the runtime starts.
        Command::ExtractDocument { .. } => Ok(()),
        Command::Evaluate {
            what:
                Some(Evaluation::Dialogs {
                    corpus,
                    sets,
                    only,
                    show,
                    engine,
                    base_url,
                    model,
                    api_key_env,
                }),
            ..
        } => {
            use frontdesk::evaluation::dialogs::{Corpus, evaluate};
            let engine = engine_under_test(&engine, base_url, model, api_key_env)?;
            let mut corpus = Corpus::read(&corpus, &sets)?;
            if let Some(only) = only {
                corpus = corpus.only(&only);
            }
            let dir = tempfile::tempdir()?;
            let mut config = config;
            config.database_url = format!("sqlite://{}", dir.path().join("dialogs.db").display());
            let state = startup::prepare(config).await?;
            let report = evaluate(&state, &corpus, &engine).await?;
            for o in report
                .outcomes
                .iter()
                .filter(|o| !o.failures.is_empty() && show.contains(&o.set))
            {
                say!("── {} ({}, {})", o.id, o.language, o.kinds.join(", "));
                for (patient, assistant) in &o.transcript {
                    say!("  patient:   {patient}");
                    say!(
                        "  assistant: {}",
                        assistant.replace('\n', "\n             ")
                    );
                }
                for f in &o.failures {
                    say!("  ✗ {f}");
                }
            }
            say!("{report}");
            Ok(())
        }
        Command::Evaluate { dataset, .. } => {
            let dir = tempfile::tempdir()?;
            let url = format!("sqlite://{}", dir.path().join("evaluation.db").display());
            let store = frontdesk_store::connect(&url, 4).await?;
            store.migrate().await?;
            let knowledge = frontdesk::knowledge::Knowledge::from_config(&config);
            let report =
                frontdesk::evaluation::knowledge::evaluate(&dataset, &*store, &knowledge).await?;
            say!("{report}");
            Ok(())
        }
        Command::Admin(admin) => {
            let store = frontdesk_store::connect(&config.database_url, 2).await?;
            store.migrate().await?;
            let hasher = PasswordHasher::new(1);
            match admin {
                Admin::CreateSuperuser {
                    email,
                    name,
                    password_stdin,
                } => {
                    let email = Email::parse("email", &email)?;
                    let (password, generated) = read_or_generate(password_stdin, &email)?;
                    let name = PersonName::parse("name", &name)?;
                    let (account, created) =
                        accounts::create_superuser(&*store, &hasher, email, name, &password)
                            .await
                            .map_err(|e| anyhow::anyhow!("{e}"))?;
                    if created {
                        say!("Created HQ superadmin {}", account.email);
                        if generated {
                            say!("Password (shown once): {}", password.expose());
                        }
                    } else {
                        say!(
                            "{} already had an account; it is now an HQ superadmin (password unchanged)",
                            account.email
                        );
                    }
                }
                Admin::ResetPassword {
                    email,
                    password_stdin,
                } => {
                    let email = Email::parse("email", &email)?;
                    let (password, generated) = read_or_generate(password_stdin, &email)?;
                    accounts::reset_password(&*store, &hasher, &email, &password)
                        .await
                        .map_err(|e| anyhow::anyhow!("{e}"))?;
                    say!("Password of {email} reset; every session of that account is signed out");
                    if generated {
                        say!("New password (shown once): {}", password.expose());
                    }
                }
            }
            Ok(())
        }
    }
}

fn read_or_generate(from_stdin: bool, email: &Email) -> anyhow::Result<(Password, bool)> {
    if from_stdin {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        let text = text.trim_end_matches(['\n', '\r']);
        if text.is_empty() {
            bail!("--password-stdin: standard input was empty");
        }
        return Ok((Password::new("password", text, Some(email))?, false));
    }
    let generated: String = frontdesk::auth::token::new_opaque_token()?
        .chars()
        .take(20)
        .collect();
    Ok((Password::new("password", &generated, Some(email))?, true))
}

/// The engine `evaluate dialogs --engine …` plays the corpus with.
fn engine_under_test(
    engine: &str,
    base_url: Option<String>,
    model: Option<String>,
    api_key_env: Option<String>,
) -> anyhow::Result<frontdesk::evaluation::dialogs::EngineUnderTest> {
    use frontdesk::evaluation::dialogs::EngineUnderTest;
    use frontdesk_domain::assistant_settings::{AssistantSettings, Engine};
    let engine = match engine {
        "builtin" => return Ok(EngineUnderTest::BuiltIn),
        "openai" => Engine::Openai,
        "gemini" => Engine::Gemini,
        other => anyhow::bail!("--engine {other:?}: use builtin, openai or gemini"),
    };
    let api_key = match api_key_env {
        Some(var) => Some(
            std::env::var(&var).map_err(|_| anyhow::anyhow!("--api-key-env: ${var} is not set"))?,
        ),
        None => None,
    };
    let settings = AssistantSettings {
        engine,
        base_url,
        model: model.ok_or_else(|| anyhow::anyhow!("--engine needs --model"))?,
        ..AssistantSettings::default()
    }
    .validated()
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(EngineUnderTest::Model { settings, api_key })
}
