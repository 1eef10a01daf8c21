import { useEffect, useRef, useState } from 'preact/hooks';
import { slug, zone } from '../clinic';
import { account } from '../api/session';
import { onInboxEvent } from '../api/events';
import { get, post, clinicPath } from '../api/client';
import { path, navigate, clinicRoute } from '../router';
import { conversations, nextCursor, listProblem, loadedQ, loadConversations, refreshConversation, loadMessages, markRead, messages, upsert, searchOf, folded, type Filters } from '../inbox/state';
import { members, loadMembers, memberName, initials } from '../members';
import { Thread, who } from '../inbox/thread';
import { ProblemNote } from '../components/problem';
import { notifyOn, setNotify } from '../notify';
import type { Conversation } from '../api/types';
import { t, type Key } from '../i18n';
import * as fmt from '../format';

const KEYS: [string, Key][] = [
  ['j', 'keys.next'],
  ['k', 'keys.previous'],
  ['r', 'keys.reply'],
  ['e', 'keys.close'],
  ['/', 'keys.canned_slash'],
  ['Ctrl+/', 'keys.canned'],
  ['?', 'keys.help'],
  ['Esc', 'keys.escape'],
];

function typing(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** The live inbox: conversations on the left, the open one on the right. */
export default function InboxPage() {
  const s = slug.value;
  const openId = clinicRoute(path.value)?.rest[0] ?? '';
  const [filters, setFilters] = useState<Filters>({ status: 'open', needsHuman: false, unread: false, channel: '', assigned: '', text: '', q: '' });
  const [help, setHelp] = useState(false);
  const composer = useRef<HTMLTextAreaElement | null>(null);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const openRef = useRef(openId);
  openRef.current = openId;

  const me = account.value?.id;
  // The server searches (names, numbers, every message); until it has answered what is typed
  // now, what is loaded is filtered here.
  const searching = searchOf(filters.text) !== loadedQ.value;
  const words = searching ? folded(filters.text.trim()) : '';
  // A conversation without any message (a visitor opened the web chat and wrote nothing) has
  // nothing to answer: it is left out.
  const shown = conversations.value.filter(
    (c) =>
      c.last_preview != null &&
      (!words || [c.contact_name ?? '', c.contact, c.last_preview ?? ''].some((x) => folded(x).includes(words))),
  );
  // A conversation opened by its address (from a patient's page, say) may be outside the
  // filters: it is fetched on its own.
  const [single, setSingle] = useState<Conversation | null>(null);
  // One that leaves the list (another filter, a search) stays open as it was last seen.
  const lastOpen = useRef<Conversation | null>(null);
  const open = conversations.value.find((c) => c.id === openId) ?? (single?.id === openId ? single : null) ?? (lastOpen.current?.id === openId ? lastOpen.current : null);
  lastOpen.current = open;
  const channels = [...new Map(conversations.value.map((c) => [c.channel_id, c.channel_kind])).entries()];

  useEffect(() => {
    void loadConversations(s, filters);
  }, [s, filters.status, filters.needsHuman, filters.unread, filters.channel, filters.assigned, filters.q]);

  useEffect(() => loadMembers(s), [s]);

  // The search box asks the server once typing pauses; emptied, the list is back at once.
  useEffect(() => {
    const q = searchOf(filters.text);
    if (q === filters.q) return;
    const id = setTimeout(() => setFilters((f) => ({ ...f, q })), q ? 250 : 0);
    return () => clearTimeout(id);
  }, [filters.text]);

  // The open conversation: its messages, read by staff now.
  useEffect(() => {
    messages.value = [];
    if (!openId) return;
    void loadMessages(s, openId, false).catch(() => {});
    markRead(s, openId, filtersRef.current);
    if (!conversations.value.some((c) => c.id === openId))
      void get<Conversation>(clinicPath(s, `/conversations/${openId}`))
        .then(setSingle)
        .catch(() => setSingle(null));
  }, [openId]);

  // Live: each event refreshes what it touches.
  useEffect(
    () =>
      onInboxEvent((type, e) => {
        if (type === 'ready' || type === 'resync') {
          void loadConversations(s, filtersRef.current);
          if (openRef.current) void loadMessages(s, openRef.current).catch(() => {});
          return;
        }
        // Appointment events (for the calendar) name no conversation.
        const id = e?.conversation_id;
        if (!id) return;
        if (type === 'delta') return;
        void refreshConversation(s, id, filtersRef.current).then((c) => {
          if (c && c.id === openRef.current) setSingle(c);
          if (id === openRef.current && type === 'message' && e?.from?.startsWith('inbound')) markRead(s, id, filtersRef.current);
        });
        if (id === openRef.current && (type === 'message' || type === 'status' || type === 'chat')) void loadMessages(s, id).catch(() => {});
      }),
    [s],
  );

  function go(c: Conversation | undefined) {
    if (c) navigate(`/c/${s}/inbox/${c.id}`);
  }

  useEffect(() => {
    function key(e: KeyboardEvent) {
      if (e.key === 'Escape') {
        setHelp(false);
        return;
      }
      if (typing(e) || e.metaKey || e.ctrlKey || e.altKey) return;
      const i = shown.findIndex((c) => c.id === openRef.current);
      if (e.key === 'j') go(shown[Math.min(shown.length - 1, i + 1)]);
      else if (e.key === 'k') go(shown[Math.max(0, i - 1)]);
      else if (e.key === 'r' && openRef.current) {
        e.preventDefault();
        composer.current?.focus();
      } else if (e.key === 'e' && openRef.current) {
        void post<Conversation>(clinicPath(s, `/conversations/${openRef.current}/close`))
          .then((c) => {
            upsert(c, filtersRef.current);
            setSingle(c);
          })
          .catch(() => {});
      } else if (e.key === '?') setHelp((h) => !h);
      else return;
    }
    addEventListener('keydown', key);
    return () => removeEventListener('keydown', key);
  });

  const set = (patch: Partial<Filters>) => setFilters({ ...filters, ...patch });
  const z = zone.value;
  return (
    <div class={'inbox' + (open ? ' has-open' : '')}>
      <section class="conversation-list" aria-label={t('inbox.conversations')}>
        <div class="filters">
          <input type="search" maxLength={200} placeholder={t('inbox.search')} aria-label={t('inbox.search')} value={filters.text} onInput={(e) => set({ text: e.currentTarget.value })} />
          <div class="row wrap">
            <select aria-label={t('inbox.status')} value={filters.status} onChange={(e) => set({ status: e.currentTarget.value as any })}>
              <option value="open">{t('inbox.open')}</option>
              <option value="closed">{t('inbox.closed')}</option>
              <option value="">{t('inbox.all')}</option>
            </select>
            <select aria-label={t('inbox.channel')} value={filters.channel} onChange={(e) => set({ channel: e.currentTarget.value })}>
              <option value="">{t('inbox.all_channels')}</option>
              {channels.map(([id, kind]) => (
                <option value={id} key={id}>
                  {t(`channel.${kind}` as Key)}
                </option>
              ))}
            </select>
            <select aria-label={t('assign.filter')} name="assigned" value={filters.assigned} onChange={(e) => set({ assigned: e.currentTarget.value })}>
              <option value="">{t('assign.anyone')}</option>
              <option value="me">{t('assign.to_me')}</option>
              <option value="none">{t('assign.unassigned')}</option>
              {members.value
                .filter((m) => m.account_id !== me)
                .map((m) => (
                  <option value={m.account_id} key={m.account_id}>
                    {t('assign.to', { name: m.name })}
                  </option>
                ))}
            </select>
          </div>
          <div class="row wrap chips">
            <label class="chip">
              <input type="checkbox" checked={filters.needsHuman} onChange={(e) => set({ needsHuman: e.currentTarget.checked })} /> {t('inbox.needs_person_filter')}
            </label>
            <label class="chip">
              <input type="checkbox" checked={filters.unread} onChange={(e) => set({ unread: e.currentTarget.checked })} /> {t('inbox.unread')}
            </label>
          </div>
        </div>
        <ProblemNote problem={listProblem.value} />
        <ul class="conversations" data-testid="conversations">
          {shown.map((c) => (
            <li key={c.id}>
              <a href={`/c/${s}/inbox/${c.id}`} class={'conversation' + (c.id === openId ? ' active' : '') + (c.unread > 0 ? ' unread' : '')} data-conversation={c.id}>
                <div class="conversation-top">
                  <strong class="conversation-who">{who(c)}</strong>
                  {c.assigned_to ? (
                    <span class="assignee" title={t('assign.to', { name: memberName(c.assigned_to) || '?' })} data-assignee={c.assigned_to}>
                      {initials(memberName(c.assigned_to)) || '?'}
                    </span>
                  ) : null}
                  <time class="muted" dateTime={c.last_message_at} title={fmt.dateTime(c.last_message_at, z)}>
                    {fmt.ago(c.last_message_at)}
                  </time>
                </div>
                <div class="conversation-bottom">
                  <span class="preview">{c.last_preview ?? ''}</span>
                  {c.needs_human ? (
                    <span class="flag" title={c.human_reason ?? ''}>
                      {t('inbox.needs_person_short')}
                    </span>
                  ) : null}
                  {c.unread > 0 ? (
                    <span class="badge" aria-label={t('inbox.unread_count', { n: c.unread })}>
                      {c.unread}
                    </span>
                  ) : null}
                </div>
              </a>
            </li>
          ))}
          {!shown.length ? <li class="empty muted">{t('inbox.empty')}</li> : null}
        </ul>
        {nextCursor.value ? (
          <button class="link" onClick={() => void loadConversations(s, filters, true)}>
            {t('common.more')}
          </button>
        ) : null}
        <div class="list-foot muted">
          <span class="keys-hint hide-narrow">{t('inbox.keys_hint')}</span>
          {/* A setting of this browser, not a filter: it sits apart from them. */}
          <label class="notify-toggle" title={t('inbox.notify_hint')}>
            <input type="checkbox" name="notify" checked={notifyOn.value} onChange={(e) => setNotify(e.currentTarget.checked)} /> {t('inbox.notify')}
          </label>
        </div>
      </section>
      {open ? (
        <Thread conversation={open} filters={filters} composer={composer} onBack={() => navigate(`/c/${s}/inbox`)} onChanged={setSingle} />
      ) : (
        <section class="thread thread-empty muted">{t('inbox.pick')}</section>
      )}
      {help ? (
        <div class="dialog" role="dialog" aria-label={t('keys.title')} data-testid="keys-help">
          <h2>{t('keys.title')}</h2>
          <dl class="keys">
            {KEYS.map(([k, label]) => (
              <>
                <dt>
                  <kbd>{k}</kbd>
                </dt>
                <dd>{t(label)}</dd>
              </>
            ))}
          </dl>
          <button onClick={() => setHelp(false)}>{t('common.close')}</button>
        </div>
      ) : null}
    </div>
  );
}
