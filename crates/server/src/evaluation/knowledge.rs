//! Retrieval quality, measured: a set of clinic documents and questions in the four
//! languages (many asked in one language about a document in another), each naming the
//! section that answers it. The documents go through the same extraction, chunking,
//! embedding and search as uploads, in a throwaway database; the report gives recall@1,
//! recall@3 and MRR (over the first ten hits) per question language and across languages.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::Utc;
use frontdesk_domain::{ClinicName, ClinicProfile, Language, Slug, TimeZone};
use frontdesk_knowledge::Role;
use frontdesk_knowledge::extract::{Format, Limits, extract_in_place};
use frontdesk_store::{Extraction, KnowledgeKey, NewDocument, Store, WordMatch};
use serde::Deserialize;

use crate::knowledge::Knowledge;
use crate::knowledge::indexing::{embed_pending, indexable};
use crate::knowledge::search::Source;

/// Hits looked at for the reciprocal rank.
const DEPTH: usize = 10;

/// One question and where its answer is.
#[derive(Debug, Clone, Deserialize)]
pub struct Question {
    /// The language it is asked in.
    pub language: String,
    /// The question.
    pub question: String,
    /// The file that answers it.
    pub document: String,
    /// The heading of the section that answers it.
    pub section: String,
}

/// Scores over a group of questions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    /// Questions in the group.
    pub questions: usize,
    /// Share answered by the first hit.
    pub recall_at_1: f64,
    /// Share answered within the first three hits.
    pub recall_at_3: f64,
    /// Mean reciprocal rank of the first answering hit (0 beyond the tenth).
    pub mrr: f64,
}

/// What one question got.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The question.
    pub question: Question,
    /// Rank of the first answering hit, from 1.
    pub rank: Option<usize>,
    /// Whether the answering document is in another language.
    pub cross_language: bool,
    /// What came first.
    pub first: String,
    /// Rank of the first answering hit in each ranking alone (full text, vectors).
    pub signals: Vec<(&'static str, Option<usize>)>,
}

/// The evaluation's result.
#[derive(Debug, Clone)]
pub struct Report {
    /// `hybrid` or `lexical`.
    pub mode: &'static str,
    /// Chunks indexed.
    pub chunks: usize,
    /// Per question language.
    pub by_language: BTreeMap<String, Score>,
    /// Questions about documents in another language.
    pub cross_language: Score,
    /// Questions about documents in their own language.
    pub same_language: Score,
    /// Every question.
    pub overall: Score,
    /// Every question, ranked by one signal alone.
    pub signals: BTreeMap<&'static str, Score>,
    /// Each question's outcome.
    pub outcomes: Vec<Outcome>,
}

/// Why the evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvaluationError {
    /// The data set could not be read.
    #[error("cannot read the evaluation set: {0}")]
    Dataset(String),
    /// Storing, embedding or searching failed.
    #[error("evaluation failed: {0}")]
    Run(String),
}

fn run_error(e: impl std::fmt::Display) -> EvaluationError {
    EvaluationError::Run(e.to_string())
}

fn dataset_error(e: impl std::fmt::Display) -> EvaluationError {
    EvaluationError::Dataset(e.to_string())
}

/// Reads `dir/documents/*` and `dir/questions.jsonl`, indexes the documents for one clinic
/// of `store` (a fresh database) and asks every question.
pub async fn evaluate(
    dir: &Path,
    store: &dyn Store,
    knowledge: &Knowledge,
) -> Result<Report, EvaluationError> {
    let questions: Vec<Question> = std::fs::read_to_string(dir.join("questions.jsonl"))
        .map_err(dataset_error)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).map_err(dataset_error))
        .collect::<Result<_, _>>()?;
    let profile = ClinicProfile::new(
        ClinicName::parse("name", "Evaluation Clinic").map_err(run_error)?,
        TimeZone::parse("time_zone", "Europe/Lisbon").map_err(run_error)?,
        Language::En,
    );
    let clinic = store
        .create_clinic(
            &Slug::parse("slug", "evaluation").map_err(run_error)?,
            &profile,
            None,
        )
        .await
        .map_err(run_error)?;
    let mut files: Vec<_> = std::fs::read_dir(dir.join("documents"))
        .map_err(dataset_error)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut names = HashMap::new();
    let mut languages = HashMap::new();
    let mut chunks_indexed = 0;
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&path).map_err(dataset_error)?;
        let format = Format::detect(Some(&name), None, &bytes)
            .ok_or_else(|| EvaluationError::Dataset(format!("{name}: not a readable format")))?;
        let extracted = extract_in_place(format, &bytes, &Limits::default())
            .map_err(|e| dataset_error(format!("{name}: {e}")))?;
        let (language, chunks) = indexable(&extracted);
        let language = language.map(|l| l.code().to_string());
        chunks_indexed += chunks.len();
        let now = Utc::now();
        let new = NewDocument {
            title: extracted.title.clone().unwrap_or_else(|| name.clone()),
            filename: Some(name.clone()),
            format: format.as_str().into(),
            content_type: None,
            content: bytes,
            sha256: String::new(),
        };
        let document = store
            .create_document(clinic.id, &new, knowledge.model_id(), now)
            .await
            .map_err(run_error)?;
        let outcome = Extraction::Ready {
            title: None,
            language: language.clone(),
            chunks,
        };
        store
            .finish_extraction(clinic.id, document.id, 1, &outcome, now)
            .await
            .map_err(run_error)?;
        names.insert(document.id, name.clone());
        languages.insert(name, language);
    }
    if let Some(embedder) = knowledge.embedder() {
        embed_pending(store, clinic.id, embedder.as_ref(), None)
            .await
            .map_err(run_error)?;
    }
    let mut outcomes = Vec::with_capacity(questions.len());
    let mut mode = "lexical";
    let chunk_sources: HashMap<uuid::Uuid, (String, String)> = {
        let mut map = HashMap::new();
        for (id, name) in &names {
            for c in store
                .document_chunks(clinic.id, *id)
                .await
                .map_err(run_error)?
            {
                map.insert(
                    c.id,
                    (
                        name.clone(),
                        c.heading_path.last().cloned().unwrap_or_default(),
                    ),
                );
            }
        }
        map
    };
    for question in questions {
        // Each signal alone, to show what fusion adds.
        let answering = |keys: &[KnowledgeKey]| {
            keys.iter()
                .position(|k| match k {
                    KnowledgeKey::Chunk(id) => {
                        chunk_sources.get(id)
                            == Some(&(question.document.clone(), question.section.clone()))
                    }
                    KnowledgeKey::Faq(_) => false,
                })
                .map(|i| i + 1)
        };
        let lexical = store
            .lexical_search(clinic.id, &question.question, DEPTH as u32, WordMatch::Any)
            .await
            .map_err(run_error)?;
        let mut signals = vec![("lexical only", answering(&lexical))];
        if let Some(embedder) = knowledge.embedder() {
            let query = embedder
                .embed(Role::Query, std::slice::from_ref(&question.question))
                .await
                .map_err(run_error)?;
            let nearest: Vec<KnowledgeKey> = match query.first() {
                Some(q) => knowledge
                    .nearest(
                        store,
                        clinic.id,
                        embedder.as_ref(),
                        &question.question,
                        q,
                        DEPTH,
                    )
                    .await
                    .map_err(run_error)?,
                None => Vec::new(),
            }
            .into_iter()
            .map(|(k, _)| k)
            .collect();
            signals.push(("vector only", answering(&nearest)));
        }
        let results = knowledge
            .search(store, clinic.id, &question.question, DEPTH)
            .await
            .map_err(run_error)?;
        mode = results.mode;
        let answers = |source: &Source| match source {
            Source::Document {
                document_id,
                heading_path,
                ..
            } => {
                names.get(document_id) == Some(&question.document)
                    && heading_path.last().map(String::as_str) == Some(question.section.as_str())
            }
            Source::Faq { .. } => false,
        };
        let rank = results
            .hits
            .iter()
            .position(|h| answers(&h.source))
            .map(|i| i + 1);
        let first = results
            .hits
            .first()
            .map(|h| match &h.source {
                Source::Document {
                    document_id,
                    heading_path,
                    ..
                } => format!(
                    "{} › {}",
                    names.get(document_id).map(String::as_str).unwrap_or("?"),
                    heading_path.last().map(String::as_str).unwrap_or("")
                ),
                Source::Faq { question, .. } => format!("FAQ {question}"),
            })
            .unwrap_or_else(|| "nothing".into());
        let cross_language = languages
            .get(&question.document)
            .cloned()
            .flatten()
            .as_deref()
            != Some(question.language.as_str());
        outcomes.push(Outcome {
            question,
            rank,
            cross_language,
            first,
            signals,
        });
    }
    let mut by_language: BTreeMap<String, Vec<&Outcome>> = BTreeMap::new();
    for o in &outcomes {
        by_language
            .entry(o.question.language.clone())
            .or_default()
            .push(o);
    }
    let cross: Vec<&Outcome> = outcomes.iter().filter(|o| o.cross_language).collect();
    let same: Vec<&Outcome> = outcomes.iter().filter(|o| !o.cross_language).collect();
    let all: Vec<&Outcome> = outcomes.iter().collect();
    let names: Vec<&'static str> = outcomes
        .first()
        .map(|o| o.signals.iter().map(|(name, _)| *name).collect())
        .unwrap_or_default();
    let signals = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let alone: Vec<Outcome> = outcomes
                .iter()
                .map(|o| Outcome {
                    rank: o.signals.get(i).and_then(|(_, rank)| *rank),
                    ..o.clone()
                })
                .collect();
            (name, score(&alone.iter().collect::<Vec<_>>()))
        })
        .collect();
    Ok(Report {
        signals,
        mode,
        chunks: chunks_indexed,
        by_language: by_language
            .into_iter()
            .map(|(l, o)| (l, score(&o)))
            .collect(),
        cross_language: score(&cross),
        same_language: score(&same),
        overall: score(&all),
        outcomes,
    })
}

fn score(outcomes: &[&Outcome]) -> Score {
    let n = outcomes.len();
    if n == 0 {
        return Score::default();
    }
    let share = |hit: &dyn Fn(usize) -> bool| {
        outcomes.iter().filter(|o| o.rank.is_some_and(hit)).count() as f64 / n as f64
    };
    Score {
        questions: n,
        recall_at_1: share(&|r| r == 1),
        recall_at_3: share(&|r| r <= 3),
        mrr: outcomes
            .iter()
            .map(|o| o.rank.map_or(0.0, |r| 1.0 / r as f64))
            .sum::<f64>()
            / n as f64,
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "retrieval: {} over {} chunks", self.mode, self.chunks)?;
        writeln!(
            f,
            "{:<18} {:>7} {:>9} {:>9} {:>7}",
            "questions", "n", "recall@1", "recall@3", "MRR"
        )?;
        let row = |f: &mut std::fmt::Formatter<'_>, name: &str, s: &Score| {
            writeln!(
                f,
                "{name:<18} {:>7} {:>9.3} {:>9.3} {:>7.3}",
                s.questions, s.recall_at_1, s.recall_at_3, s.mrr
            )
        };
        for (language, s) in &self.by_language {
            row(f, language, s)?;
        }
        row(f, "same-language", &self.same_language)?;
        row(f, "cross-language", &self.cross_language)?;
        row(f, "all", &self.overall)?;
        for (name, s) in &self.signals {
            row(f, &format!("all, {name}"), s)?;
        }
        for o in self.outcomes.iter().filter(|o| o.rank != Some(1)) {
            writeln!(
                f,
                "  {} [{}] {:?}: expected {} › {}, rank {}{}, first {}",
                if o.rank.is_some_and(|r| r <= 3) {
                    "~"
                } else {
                    "✗"
                },
                o.question.language,
                o.question.question,
                o.question.document,
                o.question.section,
                o.rank.map_or("—".to_string(), |r| r.to_string()),
                o.signals
                    .iter()
                    .map(|(name, rank)| format!(
                        ", {} {}",
                        name.trim_end_matches(" only"),
                        rank.map_or("—".to_string(), |r| r.to_string())
                    ))
                    .collect::<String>(),
                o.first
            )?;
        }
        Ok(())
    }
}
