import { useEffect, useState } from 'preact/hooks';
import { get, post, put, del, clinicPath } from '../api/client';
import { slug, zone } from '../clinic';
import { uploadDocument } from '../knowledge/upload';
import { ProblemNote, Field } from '../components/problem';
import type { KnowledgeDocument, Faq, SearchResults } from '../api/types';
import { t, type Key } from '../i18n';
import * as fmt from '../format';

interface Upload {
  id: number;
  name: string;
  progress: number;
  problem?: unknown;
}

let uploadCount = 0;

function Documents() {
  const [docs, setDocs] = useState<KnowledgeDocument[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [over, setOver] = useState(false);
  const base = clinicPath(slug.value, '/knowledge/documents');

  async function load() {
    try {
      setDocs(await get<KnowledgeDocument[]>(base));
    } catch (e) {
      setProblem(e);
    }
  }
  useEffect(() => void load(), []);
  // Poll while something is still being read, so its state updates by itself.
  const busy = docs.some((d) => d.status === 'queued' || d.status === 'extracting' || d.status === 'embedding');
  useEffect(() => {
    if (!busy) return;
    const id = setInterval(() => void load(), 1500);
    return () => clearInterval(id);
  }, [busy]);

  async function send(files: FileList | File[]) {
    for (const file of Array.from(files)) {
      const id = ++uploadCount;
      setUploads((u) => [...u, { id, name: file.name, progress: 0 }]);
      const update = (patch: Partial<Upload>) => setUploads((u) => u.map((x) => (x.id === id ? { ...x, ...patch } : x)));
      try {
        await uploadDocument(base, file, (p) => update({ progress: p }));
        // Done: the document's row below takes over.
        setUploads((u) => u.filter((x) => x.id !== id));
        void load();
      } catch (e) {
        update({ problem: e });
      }
    }
  }

  async function remove(d: KnowledgeDocument) {
    if (!confirm(t('knowledge.confirm_delete', { title: d.title }))) return;
    try {
      await del(`${base}/${d.id}`);
      void load();
    } catch (e) {
      setProblem(e);
    }
  }

  return (
    <section class="card">
      <h2>{t('knowledge.documents')}</h2>
      <label
        class={'dropzone' + (over ? ' over' : '')}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          if (e.dataTransfer?.files.length) void send(e.dataTransfer.files);
        }}
      >
        {t('knowledge.drop')}
        <input type="file" class="sr-only" accept=".txt,.md,.html,.htm,.pdf,.docx" multiple onChange={(e) => e.currentTarget.files && void send(e.currentTarget.files)} />
      </label>
      {uploads.map((u) => (
        <div key={u.id} class="upload" data-testid="upload">
          <span>{u.name}</span>
          <div class="progress" role="progressbar" aria-valuenow={Math.round(u.progress * 100)} aria-valuemin={0} aria-valuemax={100}>
            <span style={{ width: `${Math.round(u.progress * 100)}%` }} />
          </div>
          <ProblemNote problem={u.problem} />
        </div>
      ))}
      <ProblemNote problem={problem} />
      <table class="table" data-testid="documents">
        <thead>
          <tr>
            <th>{t('knowledge.title')}</th>
            <th>{t('knowledge.state')}</th>
            <th>{t('knowledge.size')}</th>
            <th>{t('knowledge.updated')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {docs.map((d) => (
            <tr key={d.id} data-document={d.title}>
              <td>
                {d.title}
                <div class="muted">
                  {d.filename} · {d.format}
                  {d.language ? ` · ${d.language}` : ''}
                </div>
              </td>
              <td>
                <span class={`doc-state ${d.status}`} data-testid="document-state">
                  {t(`doc.${d.status}` as Key)}
                </span>
                {d.status === 'embedding' && d.embedded_chunk_count != null ? (
                  <div class="muted">
                    {d.embedded_chunk_count}/{d.chunk_count}
                  </div>
                ) : null}
                {d.status === 'ready' ? <div class="muted">{t('knowledge.chunks', { n: d.chunk_count })}</div> : null}
                {d.error ? <div class="field-message">{d.error}</div> : null}
              </td>
              <td>{Math.max(1, Math.round(d.size_bytes / 1024))} kB</td>
              <td>{fmt.dateTime(d.updated_at, zone.value)}</td>
              <td>
                <button class="link" onClick={() => void remove(d)}>
                  {t('common.delete')}
                </button>
              </td>
            </tr>
          ))}
          {!docs.length ? (
            <tr>
              <td colSpan={5} class="muted">
                {t('knowledge.no_documents')}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}

const EMPTY_FAQ = { language: 'en', question: '', answer: '' };

function Faqs() {
  const [faqs, setFaqs] = useState<Faq[]>([]);
  const [editing, setEditing] = useState<{ id: string | null; language: string; question: string; answer: string } | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [lang, setLang] = useState('');
  const base = clinicPath(slug.value, '/knowledge/faqs');

  async function load() {
    try {
      setFaqs(await get<Faq[]>(base));
    } catch (e) {
      setProblem(e);
    }
  }
  useEffect(() => void load(), []);

  async function save(e: Event) {
    e.preventDefault();
    if (!editing) return;
    setProblem(null);
    const body = { language: editing.language, question: editing.question, answer: editing.answer };
    try {
      if (editing.id) await put(`${base}/${editing.id}`, body);
      else await post(base, body);
      setEditing(null);
      void load();
    } catch (err) {
      setProblem(err);
    }
  }

  async function remove(f: Faq) {
    try {
      await del(`${base}/${f.id}`);
      void load();
    } catch (e) {
      setProblem(e);
    }
  }

  const shown = faqs.filter((f) => !lang || f.language === lang);
  return (
    <section class="card">
      <div class="page-head">
        <h2>{t('knowledge.faqs')}</h2>
        <div class="row">
          <select aria-label={t('patients.language')} value={lang} onChange={(e) => setLang(e.currentTarget.value)}>
            <option value="">{t('knowledge.all_languages')}</option>
            {['en', 'tr', 'pt', 'es'].map((l) => (
              <option value={l} key={l}>
                {l.toUpperCase()}
              </option>
            ))}
          </select>
          <button class="primary" onClick={() => setEditing({ id: null, ...EMPTY_FAQ, language: lang || 'en' })} data-testid="new-faq">
            + {t('knowledge.new_faq')}
          </button>
        </div>
      </div>
      {editing ? (
        <form onSubmit={save} class="faq-form" data-testid="faq-form">
          <Field label={t('patients.language')} name="language" problem={problem}>
            <select name="language" value={editing.language} onChange={(e) => setEditing({ ...editing, language: e.currentTarget.value })}>
              {['en', 'tr', 'pt', 'es'].map((l) => (
                <option value={l} key={l}>
                  {l.toUpperCase()}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('knowledge.question')} name="question" problem={problem}>
            <input name="question" value={editing.question} onInput={(e) => setEditing({ ...editing, question: e.currentTarget.value })} />
          </Field>
          <Field label={t('knowledge.answer')} name="answer" problem={problem}>
            <textarea name="answer" rows={3} value={editing.answer} onInput={(e) => setEditing({ ...editing, answer: e.currentTarget.value })} />
          </Field>
          <ProblemNote problem={problem} fields={['language', 'question', 'answer']} />
          <div class="row">
            <button type="submit" class="primary">
              {t('common.save')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <ProblemNote problem={problem} />
      )}
      <ul class="hits" data-testid="faqs">
        {shown.map((f) => (
          <li class="hit" key={f.id}>
            <strong>{f.question}</strong> <span class="muted">{f.language.toUpperCase()}</span>
            <p>{f.answer}</p>
            <div class="row">
              <button class="link" onClick={() => setEditing({ id: f.id, language: f.language, question: f.question, answer: f.answer })}>
                {t('common.edit')}
              </button>
              <button class="link" onClick={() => void remove(f)}>
                {t('common.delete')}
              </button>
            </div>
          </li>
        ))}
        {!shown.length ? <li class="muted">{t('knowledge.no_faqs')}</li> : null}
      </ul>
    </section>
  );
}

function Ask() {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<SearchResults | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  async function ask(e: Event) {
    e.preventDefault();
    setProblem(null);
    try {
      setResults(await get<SearchResults>(clinicPath(slug.value, '/knowledge/search'), { q, limit: 8 }));
    } catch (err) {
      setProblem(err);
    }
  }

  return (
    <section class="card">
      <h2>{t('knowledge.ask')}</h2>
      <p class="muted">{t('knowledge.ask_hint')}</p>
      <form class="row" onSubmit={ask}>
        <input name="ask" type="search" style={{ flex: 1 }} value={q} placeholder={t('knowledge.ask_placeholder')} onInput={(e) => setQ(e.currentTarget.value)} aria-label={t('knowledge.ask')} />
        <button type="submit" class="primary">
          {t('knowledge.ask_button')}
        </button>
      </form>
      <ProblemNote problem={problem} />
      {results ? (
        <>
          <p class="muted">{t('knowledge.mode', { mode: results.mode })}</p>
          <ol class="hits" data-testid="hits">
            {results.hits.map((h) => (
              <li class="hit" key={h.id}>
                <div class="row wrap">
                  <strong>{h.source.type === 'faq' ? `FAQ: ${(h.source as any).question}` : (h.source as any).title}</strong>
                  <span class="score" data-testid="score">
                    {t('knowledge.score')} {h.score.toFixed(4)}
                    {h.similarity != null ? ` · ${t('knowledge.similarity')} ${h.similarity.toFixed(3)}` : ''}
                    {h.lexical_rank != null ? ` · ${t('knowledge.word_rank')} #${h.lexical_rank}` : ''}
                  </span>
                </div>
                <p>{h.text}</p>
              </li>
            ))}
            {!results.hits.length ? <li class="muted">{t('knowledge.nothing_found')}</li> : null}
          </ol>
        </>
      ) : null}
    </section>
  );
}

/** What the assistant knows: documents, FAQs, and what it would find for a question. */
export default function KnowledgePage() {
  return (
    <div class="stack">
      <h1>{t('nav.knowledge')}</h1>
      <Ask />
      <Documents />
      <Faqs />
    </div>
  );
}
