//! Reading an uploaded file in a child process that the kernel holds to its limits.
//!
//! A parser thread with a time limit cannot bound memory, and an overrunning thread cannot
//! be stopped: a small hostile PDF inflated the server past 5 GB that way. So every upload
//! is read by a child process (the server's own binary, a hidden subcommand), started with
//! limits set between `fork` and `exec` — address space (`RLIMIT_AS`), CPU seconds, no core
//! files, no files written — killed when its wall-clock time is up, its answer read up to a
//! cap. A child that cannot be started with those limits is not started at all, so the
//! limits cannot fail open. At most `concurrency` children run at once.
//!
//! The child side is [`child_main`]: the file on standard input, one JSON answer on
//! standard output.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};
use std::sync::Arc;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::sync::Semaphore;

use super::{ExtractError, Extracted, Format, Limits};

/// The hidden subcommand the child runs.
pub const SUBCOMMAND: &str = "extract-document";
/// What the child may write to standard error and is kept, for the failure's reason.
const STDERR_KEPT: usize = 8 * 1024;
/// Rust's message when an allocation fails, which is how the address-space limit shows.
const OUT_OF_MEMORY: &str = "memory allocation of";

/// How the server starts its readers.
#[derive(Debug, Clone)]
pub struct ReaderSettings {
    /// The program: the server's own binary.
    pub program: PathBuf,
    /// Arguments before the subcommand's own (none for the server's binary).
    pub args: Vec<String>,
    /// What one reading may consume.
    pub limits: Limits,
    /// Address space one reader may map, in bytes.
    pub memory_bytes: u64,
    /// Readers running at once.
    pub concurrency: usize,
}

/// Starts contained readers, at most `concurrency` at once; cheap to clone.
#[derive(Debug, Clone)]
pub struct Reader {
    settings: Arc<ReaderSettings>,
    slots: Arc<Semaphore>,
}

/// The child's one answer.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Answer {
    Read(Extracted),
    Failed(ExtractError),
}

impl Reader {
    /// Readers started as `settings` says.
    pub fn new(settings: ReaderSettings) -> Self {
        let slots = Arc::new(Semaphore::new(settings.concurrency.max(1)));
        Reader {
            settings: Arc::new(settings),
            slots,
        }
    }

    /// Reads `bytes` as `format` in a contained child. `Busy` when no reader was free within
    /// the time limit; `Unavailable` when the child could not be started (neither is the
    /// file's fault). Every other error is the file's.
    // Sets the child's limits between fork and exec (`pre_exec`), which std only offers unsafe.
    #[allow(unsafe_code)]
    pub async fn extract(&self, format: Format, bytes: Vec<u8>) -> Result<Extracted, ExtractError> {
        let s = &self.settings;
        let _slot = match tokio::time::timeout(s.limits.time, self.slots.acquire()).await {
            Ok(Ok(slot)) => slot,
            _ => return Err(ExtractError::Busy),
        };
        let mut command = tokio::process::Command::new(&s.program);
        command
            .args(&s.args)
            .arg(SUBCOMMAND)
            .args(["--format", format.as_str()])
            .args([
                "--max-unpacked-bytes",
                &s.limits.max_unpacked_bytes.to_string(),
            ])
            .args(["--max-text-chars", &s.limits.max_text_chars.to_string()])
            .env_clear()
            // One malloc arena: a second one would reserve 64 MB of the address space.
            .env("MALLOC_ARENA_MAX", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let memory = s.memory_bytes;
        let cpu_seconds = s.limits.time.as_secs().max(1);
        // SAFETY: the closure runs between fork and exec and only calls setrlimit, which is
        // async-signal-safe; it allocates nothing and touches no lock.
        unsafe {
            command.pre_exec(move || limit_self(memory, cpu_seconds));
        }
        let started = Instant::now();
        let mut child = command.spawn().map_err(|e| ExtractError::Unavailable {
            why: format!("cannot start {}: {e}", s.program.display()),
        })?;
        let (Some(mut stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return Err(ExtractError::Unavailable {
                why: "the reader's pipes were not opened".into(),
            });
        };
        // The file goes in while the answer comes out, or a large file and a large answer
        // would each wait for the other's pipe.
        tokio::spawn(async move {
            // A child that stops reading (it failed early) closes the pipe: not an error here.
            let _ = stdin.write_all(&bytes).await;
        });
        let complaint = tokio::spawn(read_draining(stderr, STDERR_KEPT));
        let answer_cap = answer_cap(&s.limits);
        let read = tokio::time::timeout(s.limits.time, read_capped(stdout, answer_cap)).await;
        let answer = match read {
            Err(_) => {
                let _ = child.kill().await;
                return Err(timed_out(&s.limits));
            }
            Ok(Err(e)) => {
                let _ = child.kill().await;
                return Err(ExtractError::Unavailable {
                    why: format!("cannot read the reader's answer: {e}"),
                });
            }
            Ok(Ok(answer)) if answer.len() > answer_cap => {
                let _ = child.kill().await;
                return Err(ExtractError::TooMuchText {
                    limit: s.limits.max_text_chars,
                });
            }
            Ok(Ok(answer)) => answer,
        };
        let left = s.limits.time.saturating_sub(started.elapsed());
        let status = match tokio::time::timeout(left, child.wait()).await {
            Ok(Ok(status)) => status,
            Ok(Err(e)) => {
                return Err(ExtractError::Unavailable {
                    why: format!("cannot wait for the reader: {e}"),
                });
            }
            Err(_) => {
                let _ = child.kill().await;
                return Err(timed_out(&s.limits));
            }
        };
        let complaint = complaint.await.unwrap_or_default();
        judge(format, status, &answer, &complaint, s)
    }
}

fn timed_out(limits: &Limits) -> ExtractError {
    ExtractError::TimedOut {
        seconds: limits.time.as_secs().max(1),
    }
}

/// The most a well-behaved child writes: the text (each byte at most two once escaped for
/// JSON) and room for the structure.
fn answer_cap(limits: &Limits) -> usize {
    limits.max_text_chars.saturating_mul(2) + 1024 * 1024
}

/// What the child's end says about the file.
fn judge(
    format: Format,
    status: ExitStatus,
    answer: &[u8],
    complaint: &[u8],
    settings: &ReaderSettings,
) -> Result<Extracted, ExtractError> {
    use std::os::unix::process::ExitStatusExt;
    let complaint = String::from_utf8_lossy(complaint);
    if status.success() {
        return match serde_json::from_slice::<Answer>(answer) {
            Ok(Answer::Read(extracted)) => Ok(extracted),
            Ok(Answer::Failed(e)) => Err(e),
            Err(e) => Err(ExtractError::Unavailable {
                why: format!("the reader's answer is unreadable: {e}"),
            }),
        };
    }
    if complaint.contains(OUT_OF_MEMORY) {
        return Err(ExtractError::NeedsMoreMemory {
            limit_mb: settings.memory_bytes / (1024 * 1024),
        });
    }
    match status.signal() {
        // The CPU limit: SIGXCPU at the soft limit, SIGKILL at the hard one.
        Some(libc::SIGXCPU) | Some(libc::SIGKILL) => Err(timed_out(&settings.limits)),
        _ if complaint.contains("has overflowed its stack") => Err(ExtractError::Crashed {
            format: format.as_str().into(),
            why: "the file is nested too deeply".into(),
        }),
        _ => Err(ExtractError::Crashed {
            format: format.as_str().into(),
            why: last_line(&complaint).unwrap_or_else(|| format!("the reader ended with {status}")),
        }),
    }
}

fn last_line(text: &str) -> Option<String> {
    text.lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.chars().take(300).collect())
}

/// Sets this process's limits; called in the child between fork and exec.
fn limit_self(memory: u64, cpu_seconds: u64) -> std::io::Result<()> {
    set_limit(libc::RLIMIT_AS, memory, memory)?;
    // The soft limit sends SIGXCPU, the hard one a second later SIGKILL.
    set_limit(libc::RLIMIT_CPU, cpu_seconds, cpu_seconds + 1)?;
    set_limit(libc::RLIMIT_CORE, 0, 0)?;
    set_limit(libc::RLIMIT_FSIZE, 0, 0)?;
    // Parsers recurse: the main thread, which reads, may grow its stack this far.
    set_limit(libc::RLIMIT_STACK, CHILD_STACK, CHILD_STACK)?;
    Ok(())
}

/// The reader's stack.
const CHILD_STACK: u64 = 64 * 1024 * 1024;

// setrlimit, a system call std does not wrap.
#[allow(unsafe_code)]
fn set_limit(resource: libc::__rlimit_resource_t, soft: u64, hard: u64) -> std::io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: soft,
        rlim_max: hard,
    };
    // SAFETY: setrlimit reads the struct we pass and nothing else.
    if unsafe { libc::setrlimit(resource, &limit) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Reads to the end, or to `cap + 1` bytes (which tells the caller it was more).
async fn read_capped(from: impl AsyncRead + Unpin, cap: usize) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    from.take(cap as u64 + 1).read_to_end(&mut out).await?;
    Ok(out)
}

/// Keeps the first `kept` bytes and reads the rest away, so the writer never blocks on a
/// full pipe.
async fn read_draining(mut from: impl AsyncRead + Unpin, kept: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match from.read(&mut buf).await {
            Ok(0) | Err(_) => return out,
            Ok(n) => {
                let room = kept.saturating_sub(out.len()).min(n);
                out.extend_from_slice(&buf[..room]);
            }
        }
    }
}

/// The child: reads the file from `input`, writes one JSON answer to `output`. Call it
/// from the hidden subcommand, on the main thread (the stack limit is set for it).
pub fn child_main(
    format: Format,
    limits: &Limits,
    mut input: impl Read,
    mut output: impl Write,
) -> std::io::Result<()> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    let outcome = std::panic::catch_unwind(|| super::extract_in_place(format, &bytes, limits));
    let answer = match outcome {
        Ok(Ok(extracted)) => Answer::Read(extracted),
        Ok(Err(e)) => Answer::Failed(e),
        Err(panic) => Answer::Failed(ExtractError::Crashed {
            format: format.as_str().into(),
            why: panic_message(panic.as_ref()),
        }),
    };
    serde_json::to_writer(&mut output, &answer).map_err(std::io::Error::other)?;
    output.flush()
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".into()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// A reader whose "program" is a shell script standing in for a misbehaving child.
    fn shell(script: &str, time: Duration) -> Reader {
        Reader::new(ReaderSettings {
            program: "/bin/sh".into(),
            args: vec!["-c".into(), script.into(), "sh".into()],
            limits: Limits {
                time,
                max_text_chars: 1000,
                ..Limits::default()
            },
            memory_bytes: 256 * 1024 * 1024,
            concurrency: 1,
        })
    }

    #[tokio::test]
    async fn a_child_that_never_ends_is_killed_at_the_time_limit() {
        let reader = shell("exec sleep 30", Duration::from_millis(300));
        let started = Instant::now();
        let err = reader.extract(Format::Pdf, vec![]).await.unwrap_err();
        assert_eq!(err, ExtractError::TimedOut { seconds: 1 });
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[tokio::test]
    async fn a_child_that_spins_the_cpu_times_out() {
        let reader = shell("while :; do :; done", Duration::from_millis(1500));
        let err = reader.extract(Format::Markdown, vec![]).await.unwrap_err();
        assert_eq!(err, ExtractError::TimedOut { seconds: 1 });
    }

    #[tokio::test]
    async fn a_flood_of_output_is_cut_off_and_named() {
        let reader = shell("exec yes", Duration::from_secs(5));
        let err = reader.extract(Format::Text, vec![]).await.unwrap_err();
        assert_eq!(err, ExtractError::TooMuchText { limit: 1000 });
    }

    #[tokio::test]
    async fn running_out_of_memory_is_told_as_such() {
        let reader = shell(
            "echo 'memory allocation of 1073741824 bytes failed' >&2; kill -ABRT $$",
            Duration::from_secs(5),
        );
        let err = reader.extract(Format::Pdf, vec![]).await.unwrap_err();
        assert_eq!(err, ExtractError::NeedsMoreMemory { limit_mb: 256 });
        assert!(
            err.to_string().contains("more memory than allowed"),
            "{err}"
        );
    }

    #[tokio::test]
    async fn the_limits_are_in_force_in_the_child() {
        let reader = shell(
            "printf '{\"failed\":{\"malformed\":{\"format\":\"x\",\"why\":\"%s %s %s\"}}}' \
             \"$(ulimit -v)\" \"$(ulimit -t)\" \"$(ulimit -f)\"",
            Duration::from_secs(5),
        );
        let err = reader.extract(Format::Pdf, vec![]).await.unwrap_err();
        // ulimit -v is in KiB, -t in seconds, -f in blocks.
        assert_eq!(
            err,
            ExtractError::Malformed {
                format: "x".into(),
                why: "262144 5 0".into()
            }
        );
    }

    #[tokio::test]
    async fn a_program_that_cannot_start_is_the_server_s_problem_not_the_file_s() {
        let mut settings = (*shell("", Duration::from_secs(1)).settings).clone();
        settings.program = "/nonexistent/frontdesk".into();
        let err = Reader::new(settings)
            .extract(Format::Pdf, vec![])
            .await
            .unwrap_err();
        assert!(matches!(err, ExtractError::Unavailable { .. }), "{err}");
    }

    #[tokio::test]
    async fn readers_beyond_the_concurrency_wait_their_turn() {
        let reader = shell("exec sleep 1", Duration::from_millis(400));
        let (a, b) = tokio::join!(
            reader.extract(Format::Pdf, vec![]),
            reader.extract(Format::Pdf, vec![])
        );
        // One ran into its time limit while holding the only slot; the other waited as long
        // and was told the readers are busy.
        let mut outcomes = [a.unwrap_err(), b.unwrap_err()];
        outcomes.sort_by_key(|e| e.to_string());
        assert!(outcomes.contains(&ExtractError::Busy), "{outcomes:?}");
    }

    #[test]
    fn the_child_answers_in_json() {
        let mut out = Vec::new();
        child_main(
            Format::Text,
            &Limits::default(),
            &b"hello there"[..],
            &mut out,
        )
        .unwrap();
        let answer: Answer = serde_json::from_slice(&out).unwrap();
        let Answer::Read(extracted) = answer else {
            panic!("{}", String::from_utf8_lossy(&out))
        };
        assert_eq!(extracted.plain_text(100), "hello there\n");
    }
}
