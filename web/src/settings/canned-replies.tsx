import { useEffect, useState } from 'preact/hooks';
import { post, patch, del, clinicPath } from '../api/client';
import { Problem } from '../api/problem';
import { slug, role } from '../clinic';
import { cannedReplies, loadCanned } from '../inbox/canned';
import { ProblemNote, Field } from '../components/problem';
import type { CannedReply, Language } from '../api/types';
import { LANGUAGES, language, t } from '../i18n';

type Draft = { shortcut: string; language: Language; body: string };
const FIELDS = ['shortcut', 'language', 'body'];

/** A taken shortcut (409) is said under the shortcut field. */
function atShortcut(e: unknown): unknown {
  return e instanceof Problem && e.status === 409 ? new Problem(e.status, e.title, '', [{ field: 'shortcut', message: e.detail || e.title }], e.kind, e.body) : e;
}

/** Shortcut, language and text of one reply; the server's message under each field. */
function ReplyForm({ draft, onChange, problem, onSubmit, onCancel, testid, submit }: {
  draft: Draft;
  onChange: (d: Draft) => void;
  problem: unknown;
  onSubmit: () => void;
  onCancel?: () => void;
  testid: string;
  submit: string;
}) {
  return (
    <form
      class="canned-form"
      data-testid={testid}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <div class="canned-form-top">
        <Field label={t('canned.shortcut')} name="shortcut" problem={problem} hint={t('canned.shortcut_hint')}>
          <div class="shortcut-input">
            <span class="muted">/</span>
            <input name="shortcut" value={draft.shortcut} autocomplete="off" spellcheck={false} onInput={(e) => onChange({ ...draft, shortcut: e.currentTarget.value })} />
          </div>
        </Field>
        <Field label={t('canned.language')} name="language" problem={problem}>
          <select name="language" value={draft.language} onChange={(e) => onChange({ ...draft, language: e.currentTarget.value as Language })}>
            {LANGUAGES.map((l) => (
              <option value={l.code} key={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={t('canned.body')} name="body" problem={problem}>
        <textarea name="body" rows={3} value={draft.body} onInput={(e) => onChange({ ...draft, body: e.currentTarget.value })} />
      </Field>
      <ProblemNote problem={problem} fields={FIELDS} />
      <div class="row">
        <button type="submit" class="primary" data-testid="save-canned">
          {submit}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Settings → Canned replies: what staff insert in a reply with `/shortcut`. */
export function CannedRepliesPage() {
  const s = slug.value;
  const writer = role.value === 'owner' || role.value === 'admin' || role.value === 'staff';
  const [problem, setProblem] = useState<unknown>(null);
  const [loaded, setLoaded] = useState(false);
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState<Draft>({ shortcut: '', language: language.value, body: '' });
  const [addProblem, setAddProblem] = useState<unknown>(null);
  const [editing, setEditing] = useState<(Draft & { id: string }) | null>(null);
  const [editProblem, setEditProblem] = useState<unknown>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [filter, setFilter] = useState('');

  async function reload() {
    try {
      await loadCanned(s, true);
      setProblem(null);
    } catch (e) {
      setProblem(e);
    }
    setLoaded(true);
  }
  useEffect(() => void reload(), [s]);

  const base = clinicPath(s, '/canned-replies');

  async function add() {
    setAddProblem(null);
    try {
      await post<CannedReply>(base, { ...draft, shortcut: draft.shortcut.trim().replace(/^\//, '') });
      setDraft({ shortcut: '', language: draft.language, body: '' });
      setAdding(false);
      await reload();
    } catch (e) {
      setAddProblem(atShortcut(e));
    }
  }

  async function save() {
    if (!editing) return;
    setEditProblem(null);
    const before = cannedReplies.value.find((r) => r.id === editing.id);
    const changes: Partial<Draft> = {};
    const shortcut = editing.shortcut.trim().replace(/^\//, '');
    if (shortcut !== before?.shortcut) changes.shortcut = shortcut;
    if (editing.language !== before?.language) changes.language = editing.language;
    if (editing.body !== before?.body) changes.body = editing.body;
    try {
      if (Object.keys(changes).length) await patch<CannedReply>(`${base}/${editing.id}`, changes);
      setEditing(null);
      await reload();
    } catch (e) {
      setEditProblem(atShortcut(e));
    }
  }

  async function remove(id: string) {
    setProblem(null);
    try {
      await del(`${base}/${id}`);
      setRemoving(null);
      await reload();
    } catch (e) {
      setProblem(e);
    }
  }

  const words = filter.trim().toLocaleLowerCase();
  const list = cannedReplies.value.filter((r) => !words || r.shortcut.includes(words) || r.body.toLocaleLowerCase().includes(words));
  const forbidden = (p: unknown) => p instanceof Problem && p.status === 403;
  const name = (code: string) => LANGUAGES.find((l) => l.code === code)?.name ?? code;

  return (
    <section class="card canned-page" data-testid="canned-replies">
      <div class="page-head">
        <h2>{t('canned.title')}</h2>
        {writer && !adding ? (
          <button class="primary" onClick={() => (setAdding(true), setAddProblem(null))} data-testid="new-canned">
            + {t('canned.new')}
          </button>
        ) : null}
      </div>
      <p class="muted">{t('canned.intro')}</p>
      {!writer ? (
        <p class="ok" data-testid="canned-read-only">
          {t('canned.read_only')}
        </p>
      ) : null}
      {forbidden(problem) || forbidden(addProblem) || forbidden(editProblem) ? <p class="problem">{t('canned.not_allowed')}</p> : <ProblemNote problem={problem} />}
      {adding ? (
        <ReplyForm draft={draft} onChange={setDraft} problem={forbidden(addProblem) ? null : addProblem} onSubmit={() => void add()} onCancel={() => setAdding(false)} testid="canned-new-form" submit={t('common.add')} />
      ) : null}
      {cannedReplies.value.length > 8 ? (
        <input type="search" name="canned-filter" class="canned-filter" placeholder={t('common.search')} aria-label={t('common.search')} value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
      ) : null}
      <ul class="canned-replies" data-testid="canned-list-settings">
        {list.map((r) =>
          editing?.id === r.id ? (
            <li key={r.id} data-canned={r.shortcut}>
              <ReplyForm
                draft={editing}
                onChange={(d) => setEditing({ ...editing, ...d })}
                problem={forbidden(editProblem) ? null : editProblem}
                onSubmit={() => void save()}
                onCancel={() => setEditing(null)}
                testid="canned-edit-form"
                submit={t('common.save')}
              />
            </li>
          ) : (
            <li key={r.id} class="canned-row" data-canned={r.shortcut}>
              <div class="canned-head">
                <code>/{r.shortcut}</code>
                <span class="canned-lang" title={name(r.language)}>
                  {r.language.toUpperCase()}
                </span>
                {writer ? (
                  <span class="canned-actions">
                    <button class="link" onClick={() => (setEditing({ id: r.id, shortcut: r.shortcut, language: r.language as Language, body: r.body }), setEditProblem(null))} data-testid="edit-canned">
                      {t('common.edit')}
                    </button>
                    {removing === r.id ? (
                      <>
                        <button class="link danger" onClick={() => void remove(r.id)} data-testid="confirm-delete-canned">
                          {t('canned.delete_confirm')}
                        </button>
                        <button class="link" onClick={() => setRemoving(null)}>
                          {t('common.cancel')}
                        </button>
                      </>
                    ) : (
                      <button class="link" onClick={() => setRemoving(r.id)} data-testid="delete-canned">
                        {t('common.delete')}
                      </button>
                    )}
                  </span>
                ) : null}
              </div>
              <p class="canned-text">{r.body}</p>
            </li>
          ),
        )}
        {loaded && !cannedReplies.value.length ? <li class="muted">{t('canned.empty')}</li> : null}
      </ul>
    </section>
  );
}
