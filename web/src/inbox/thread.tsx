import { useEffect, useRef, useState } from 'preact/hooks';
import { post, get, put, clinicPath } from '../api/client';
import { account } from '../api/session';
import { slug, zone } from '../clinic';
import { messages, olderCursor, loadOlder, upsert, type Filters } from './state';
import { ProblemNote } from '../components/problem';
import { Icon } from '../components/icon';
import { TemplateComposer, windowOpen } from './template-composer';
import { cannedReplies, loadCanned, freshenCanned, rankCanned, slashAt } from './canned';
import { members, loadMembers } from '../members';
import type { Conversation, Message, AppointmentPage, Patient } from '../api/types';
import { language, t, type Key } from '../i18n';
import * as fmt from '../format';

const drafts = new Map<string, string>();

const TICKS: Record<string, string> = { queued: '…', sending: '…', unknown: '?', sent: '✓', delivered: '✓✓', read: '✓✓' };

function body(m: Message): string {
  const c = m.content as any;
  return (c && typeof c.body === 'string' && c.body) || m.preview;
}

export function who(c: Conversation): string {
  return c.contact_name || (c.contact.startsWith('web:') ? t('inbox.web_visitor', { id: c.contact.slice(4, 10) }) : c.contact);
}

function Bubble({ m }: { m: Message }) {
  const z = zone.value;
  const mine = m.direction === 'outbound';
  return (
    <li class={`bubble ${mine ? 'out' : 'in'} author-${m.author}${m.status === 'failed' ? ' failed' : ''}`} data-seq={m.seq} data-testid="message">
      <div class="bubble-meta">
        <span class="author">{t(`author.${m.author}` as Key)}</span>
        {m.template ? <span class="muted"> · {t('inbox.template', { name: m.template })}</span> : null}
      </div>
      <div class="bubble-text">{body(m)}</div>
      <div class="bubble-foot">
        <time dateTime={m.created_at}>{fmt.time(m.created_at, z)}</time>
        {mine ? (
          <span class={`ticks status-${m.status}`} title={t(`delivery.${m.status}` as Key)} aria-label={t(`delivery.${m.status}` as Key)} data-status={m.status}>
            {m.status === 'failed' ? '! ' + t('delivery.failed') : TICKS[m.status] ?? ''}
          </span>
        ) : null}
      </div>
      {m.error ? <div class="bubble-error">{m.error}</div> : null}
    </li>
  );
}

interface Props {
  conversation: Conversation;
  filters: Filters;
  composer: { current: HTMLTextAreaElement | null };
  onBack: () => void;
  onChanged?: (c: Conversation) => void;
}

/** One conversation: the messages, who holds it, and the composer. */
export function Thread({ conversation: c, filters, composer, onBack, onChanged }: Props) {
  const [text, setText] = useState(drafts.get(c.id) ?? '');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [upcoming, setUpcoming] = useState<AppointmentPage['items']>([]);
  const [useTemplate, setUseTemplate] = useState(false);
  const [patientLanguage, setPatientLanguage] = useState<string | null>(null);
  // The canned-reply list: open while a `/word` is typed (or after Ctrl+/), anchored where it starts.
  const [pick, setPick] = useState<{ start: number; slash: boolean; typed: string } | null>(null);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLOListElement>(null);
  const z = zone.value;
  const base = clinicPath(slug.value, `/conversations/${c.id}`);
  const heldUntil = c.taken_over_by && c.taken_over_until && new Date(c.taken_over_until) > new Date() ? c.taken_over_until : null;
  const heldByMe = heldUntil && c.taken_over_by === account.value?.id;

  useEffect(() => {
    setText(drafts.get(c.id) ?? '');
    setProblem(null);
    setUseTemplate(false);
    setUpcoming([]);
    setPick(null);
    setPatientLanguage(null);
    if (c.patient_id) {
      void get<AppointmentPage>(clinicPath(slug.value, '/appointments'), { patient_id: c.patient_id, from: new Date().toISOString(), limit: 3 })
        .then((p) => setUpcoming(p.items))
        .catch(() => {});
      void get<Patient>(clinicPath(slug.value, `/patients/${c.patient_id}`))
        .then((p) => setPatientLanguage(p.language ?? null))
        .catch(() => {});
    }
  }, [c.id]);

  useEffect(() => {
    loadMembers(slug.value);
    void loadCanned(slug.value).catch(() => {});
  }, [slug.value]);

  // Ctrl+/ (⌘/ on a Mac) opens the canned replies from anywhere on the page.
  useEffect(() => {
    function key(e: KeyboardEvent) {
      if (e.key !== '/' || !(e.ctrlKey || e.metaKey) || !composer.current) return;
      e.preventDefault();
      openCanned();
    }
    addEventListener('keydown', key);
    return () => removeEventListener('keydown', key);
  });

  const count = messages.value.length;
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count, c.id]);

  function edit(v: string) {
    setText(v);
    drafts.set(c.id, v);
  }

  // The conversation's language: the patient's if known, else the person's own.
  const replyLanguage = patientLanguage ?? language.value;
  const offered = pick ? rankCanned(cannedReplies.value, pick.typed, replyLanguage).slice(0, 8) : [];

  // The chosen one stays in sight when the arrows move past the list's edge.
  const chosenId = offered[active]?.id;
  useEffect(() => {
    if (chosenId) document.getElementById(`canned-${chosenId}`)?.scrollIntoView({ block: 'nearest' });
  }, [chosenId]);

  /** After each change of the text or the caret: which `/word` is being typed, if any. */
  function follow(el: HTMLTextAreaElement) {
    const caret = el.selectionStart ?? el.value.length;
    const slash = slashAt(el.value, caret);
    if (slash) {
      if (!pick) freshenCanned(slug.value);
      if (!pick || pick.start !== slash.start || pick.typed !== slash.typed) setActive(0);
      setPick({ start: slash.start, slash: true, typed: slash.typed });
    } else if (pick && !pick.slash && caret >= pick.start && !/\s/.test(el.value.slice(pick.start, caret))) {
      setPick({ ...pick, typed: el.value.slice(pick.start, caret) });
      setActive(0);
    } else setPick(null);
  }

  function openCanned() {
    const el = composer.current;
    if (!el) return;
    el.focus();
    const caret = el.selectionStart ?? el.value.length;
    freshenCanned(slug.value);
    setActive(0);
    setPick({ start: caret, slash: false, typed: '' });
  }

  /** The reply's text in place of `/word` (or of what was typed since Ctrl+/). */
  function insert(body: string) {
    const el = composer.current;
    if (!el || !pick) return;
    const caret = Math.max(el.selectionStart ?? el.value.length, pick.start);
    // Opened with Ctrl+/ right after a word: a space keeps the two apart.
    const gap = !pick.slash && pick.start > 0 && !/\s/.test(text[pick.start - 1]) ? ' ' : '';
    const next = text.slice(0, pick.start) + gap + body + text.slice(caret);
    edit(next);
    setPick(null);
    const at = pick.start + gap.length + body.length;
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(at, at);
    });
  }

  function onComposerKey(e: KeyboardEvent & { currentTarget: HTMLTextAreaElement }) {
    // Enter that ends an input method's composition (Japanese, Chinese…) is not for us.
    if (e.isComposing) return;
    if (pick) {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setPick(null);
        return;
      }
      if (offered.length) {
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const step = e.key === 'ArrowDown' ? 1 : -1;
          setActive((active + step + offered.length) % offered.length);
          return;
        }
        if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
          e.preventDefault();
          insert(offered[Math.min(active, offered.length - 1)].body);
          return;
        }
      }
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void send();
    }
    if (e.key === 'Escape') e.currentTarget.blur();
  }

  async function assign(accountId: string) {
    setProblem(null);
    try {
      const changed = await put<Conversation>(`${base}/assignee`, { account_id: accountId || null });
      upsert(changed, filters);
      onChanged?.(changed);
    } catch (e) {
      setProblem(e);
    }
  }

  async function act(what: 'takeover' | 'release' | 'close') {
    setProblem(null);
    try {
      const changed = await post<Conversation>(`${base}/${what}`);
      upsert(changed, filters);
      onChanged?.(changed);
    } catch (e) {
      setProblem(e);
    }
  }

  async function send(e?: Event) {
    e?.preventDefault();
    const value = text.trim();
    if (!value || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const m = await post<Message>(`${base}/messages`, { text: value });
      // Sent: clear the composer. On an error the text stays for another try.
      edit('');
      if (!messages.value.some((x) => x.id === m.id)) messages.value = [...messages.value, m];
    } catch (err) {
      setProblem(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="thread" data-testid="thread" aria-label={who(c)}>
      <header class="thread-head">
        <button class="icon back" onClick={onBack} aria-label={t('common.back')}>
          ‹
        </button>
        <div class="thread-who">
          <h2>{who(c)}</h2>
          <span class="muted">
            {t(`channel.${c.channel_kind}` as Key)} · {c.contact.startsWith('web:') ? t('inbox.web_chat') : c.contact}
            {c.patient_id ? (
              <>
                {' · '}
                <a href={`/c/${slug.value}/patients/${c.patient_id}`}>{t('inbox.patient_page')}</a>
              </>
            ) : null}
          </span>
        </div>
        <div class="thread-actions">
          <label class="assignee-pick">
            <span class="muted">{t('assign.label')}</span>
            <select name="assignee" value={c.assigned_to ?? ''} onChange={(e) => void assign(e.currentTarget.value)} data-testid="assignee">
              <option value="">{t('assign.nobody')}</option>
              {c.assigned_to && !members.value.some((m) => m.account_id === c.assigned_to) ? <option value={c.assigned_to}>{members.value.length ? t('assign.former') : '…'}</option> : null}
              {members.value.map((m) => (
                <option value={m.account_id} key={m.account_id}>
                  {m.account_id === account.value?.id ? t('assign.you', { name: m.name }) : m.name}
                </option>
              ))}
            </select>
          </label>
          {heldUntil ? (
            <button onClick={() => void act('release')} data-testid="release">
              {t('inbox.release')}
            </button>
          ) : (
            <button onClick={() => void act('takeover')} data-testid="takeover">
              {t('inbox.take_over')}
            </button>
          )}
          {c.status === 'open' ? (
            <button onClick={() => void act('close')} data-testid="close-conversation" title="e">
              {t('inbox.close')}
            </button>
          ) : (
            <span class="status-pill status-cancelled">{t('inbox.closed')}</span>
          )}
        </div>
      </header>
      {c.needs_human ? (
        <p class="handoff" data-testid="handoff">
          {t('inbox.needs_person')}
          {c.human_reason ? `: ${c.human_reason}` : ''}
        </p>
      ) : null}
      {heldUntil ? (
        <p class="held" data-testid="held">
          {heldByMe ? t('inbox.held_by_you', { time: fmt.time(heldUntil, z) }) : t('inbox.held_by_other', { time: fmt.time(heldUntil, z) })}
        </p>
      ) : (
        <p class="held muted">{t('inbox.assistant_answers')}</p>
      )}
      {upcoming.length ? (
        <p class="linked muted">
          {t('inbox.upcoming')}:{' '}
          {upcoming.map((a) => (
            <a key={a.id} href={`/c/${slug.value}/calendar?view=day&day=${fmt.isoDayIn(a.starts_at, z)}`} class="linked-appt">
              {fmt.dateTime(a.starts_at, z)} {a.service_name} ({t(`status.${a.status}` as Key)})
            </a>
          ))}
        </p>
      ) : null}
      <ol class="messages" ref={list} data-testid="messages">
        {olderCursor.value !== null ? (
          <li class="older">
            <button class="link" onClick={() => void loadOlder(slug.value, c.id)}>
              {t('inbox.older')}
            </button>
          </li>
        ) : null}
        {messages.value.map((m) => (
          <Bubble m={m} key={m.id} />
        ))}
      </ol>
      {c.channel_kind !== 'web_chat' ? (
        <div class="composer-mode row">
          {windowOpen(c) ? (
            <>
              <button type="button" class={useTemplate ? 'link' : 'link on'} aria-pressed={!useTemplate} onClick={() => setUseTemplate(false)} data-testid="mode-text">
                {t('templates.text')}
              </button>
              <button type="button" class={useTemplate ? 'link on' : 'link'} aria-pressed={useTemplate} onClick={() => setUseTemplate(true)} data-testid="mode-template">
                {t('templates.template')}
              </button>
            </>
          ) : (
            <span class="muted" data-testid="window-closed">
              {t('templates.window_closed')}
            </span>
          )}
        </div>
      ) : null}
      {c.channel_kind !== 'web_chat' && (useTemplate || !windowOpen(c)) ? (
        <TemplateComposer conversation={c} onSent={(m) => !messages.value.some((x) => x.id === m.id) && (messages.value = [...messages.value, m])} />
      ) : (
      <form class="composer" onSubmit={send}>
        <ProblemNote problem={problem} />
        {pick ? (
          <div class="canned" data-testid="canned-list">
            {offered.length ? (
              <ul role="listbox" id={`canned-${c.id}`} aria-label={t('canned.title')}>
                {offered.map((r, i) => (
                  <li
                    key={r.id}
                    id={`canned-${r.id}`}
                    role="option"
                    aria-selected={i === active}
                    class={'canned-item' + (i === active ? ' active' : '')}
                    data-shortcut={r.shortcut}
                    // mousedown: the text box keeps its focus and caret.
                    onMouseDown={(e) => {
                      e.preventDefault();
                      insert(r.body);
                    }}
                    onMouseEnter={() => setActive(i)}
                  >
                    <span class="canned-head">
                      <code>/{r.shortcut}</code>
                      <span class="canned-lang">{r.language.toUpperCase()}</span>
                    </span>
                    <span class="canned-body">{r.body}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted canned-none">
                {cannedReplies.value.length ? t('canned.no_match') : t('canned.none_yet')}{' '}
                <a href={`/c/${slug.value}/settings/canned-replies`}>{t('canned.manage')}</a>
              </p>
            )}
            <p class="canned-keys muted">{t('canned.keys')}</p>
          </div>
        ) : null}
        <textarea
          ref={composer}
          name="reply"
          rows={2}
          value={text}
          placeholder={heldUntil ? t('inbox.reply_placeholder') : t('inbox.reply_takes_over')}
          aria-label={t('inbox.reply')}
          aria-autocomplete="list"
          aria-controls={pick && offered.length ? `canned-${c.id}` : undefined}
          aria-activedescendant={pick && offered[active] ? `canned-${offered[active].id}` : undefined}
          onInput={(e) => {
            edit(e.currentTarget.value);
            follow(e.currentTarget);
          }}
          onClick={(e) => follow(e.currentTarget)}
          onKeyUp={(e) => ['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key) && follow(e.currentTarget)}
          onBlur={() => setPick(null)}
          onKeyDown={onComposerKey}
        />
        <div class="composer-buttons">
          <button
            type="button"
            class="icon canned-open"
            title={t('canned.open_hint')}
            aria-label={t('canned.open_hint')}
            onMouseDown={(e) => e.preventDefault()}
            onClick={openCanned}
            data-testid="open-canned"
          >
            <Icon name="canned" size={18} />
          </button>
          <button type="submit" class="primary" disabled={busy || !text.trim()} data-testid="send">
            {t('inbox.send')}
          </button>
        </div>
      </form>
      )}
    </section>
  );
}
