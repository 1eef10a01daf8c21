//! Running a parser on a hostile file without risking the server: on a thread of its own
//! (with a large stack, since parsers recurse), every panic caught and reported as the
//! file's failure, and a time limit after which the caller moves on.
//!
//! A thread that overruns cannot be killed; it is left to finish on its own and counted, and
//! while [`MAX_STUCK`] of them are still running new extractions are refused rather than
//! letting a stream of hostile files pile up threads.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use super::{ExtractError, Extracted, Format, Limits};

/// Overrunning extractions tolerated at once.
pub const MAX_STUCK: usize = 4;
const STACK_BYTES: usize = 64 * 1024 * 1024;

static STUCK: AtomicUsize = AtomicUsize::new(0);

/// Extracts `bytes` as `format` within `limits`, blocking the calling thread (call it from
/// a blocking task).
pub fn extract(format: Format, bytes: Vec<u8>, limits: Limits) -> Result<Extracted, ExtractError> {
    run(format, limits, move || {
        super::extract_in_place(format, &bytes, &limits)
    })
}

/// Runs `parse` under the guard; public to the crate so the guard itself can be tested with
/// parsers that misbehave on purpose.
pub(crate) fn run<F>(format: Format, limits: Limits, parse: F) -> Result<Extracted, ExtractError>
where
    F: FnOnce() -> Result<Extracted, ExtractError> + Send + 'static,
{
    if STUCK.load(Ordering::SeqCst) >= MAX_STUCK {
        return Err(ExtractError::Busy);
    }
    let (tx, rx) = mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name(format!("extract-{}", format.as_str()))
        .stack_size(STACK_BYTES)
        .spawn(move || {
            let outcome = std::panic::catch_unwind(AssertUnwindSafe(parse));
            let overran = tx.send(outcome).is_err();
            if overran {
                STUCK.fetch_sub(1, Ordering::SeqCst);
            }
        });
    if let Err(e) = spawned {
        return Err(ExtractError::Crashed {
            format: format.as_str(),
            why: format!("cannot start the reader: {e}"),
        });
    }
    match rx.recv_timeout(limits.time) {
        Ok(Ok(result)) => result,
        Ok(Err(panic)) => Err(ExtractError::Crashed {
            format: format.as_str(),
            why: panic_message(panic.as_ref()),
        }),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            // Counted before the receiver goes, so the thread's failed send un-counts it.
            STUCK.fetch_add(1, Ordering::SeqCst);
            drop(rx);
            Err(ExtractError::TimedOut {
                seconds: limits.time.as_secs().max(1),
            })
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(ExtractError::Crashed {
            format: format.as_str(),
            why: "the reader stopped without an answer".into(),
        }),
    }
}

/// Extractions currently overrunning their limit.
pub fn stuck() -> usize {
    STUCK.load(Ordering::SeqCst)
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

    fn quick() -> Limits {
        Limits {
            time: Duration::from_millis(200),
            ..Limits::default()
        }
    }

    #[test]
    fn a_panicking_reader_fails_the_file_not_the_caller() {
        let err = run(Format::Pdf, quick(), || panic!("xref table is upside down")).unwrap_err();
        assert_eq!(
            err,
            ExtractError::Crashed {
                format: "pdf",
                why: "xref table is upside down".into()
            }
        );
    }

    #[test]
    fn a_reader_that_never_ends_times_out_and_is_counted_until_it_does() {
        let before = stuck();
        let err = run(Format::Pdf, quick(), || {
            std::thread::sleep(Duration::from_millis(600));
            Ok(Extracted::default())
        })
        .unwrap_err();
        assert_eq!(err, ExtractError::TimedOut { seconds: 1 });
        assert!(stuck() > before);
        std::thread::sleep(Duration::from_millis(800));
        assert_eq!(
            stuck(),
            before,
            "the overrunning thread un-counts itself when it ends"
        );
    }

    #[test]
    fn deep_recursion_has_room() {
        fn depth(n: u32) -> u32 {
            let pad = [n as u8; 512];
            if n == 0 {
                u32::from(pad[0])
            } else {
                depth(n - 1) + u32::from(pad[7] & 1)
            }
        }
        let out = run(Format::Docx, quick(), || {
            let d = depth(50_000);
            Ok(Extracted {
                title: Some(d.to_string()),
                blocks: vec![],
            })
        })
        .unwrap();
        assert!(out.title.is_some());
    }

    #[test]
    fn real_files_pass_through() {
        let out = extract(Format::Text, b"hello".to_vec(), quick()).unwrap();
        assert_eq!(out.blocks.len(), 1);
    }
}
