// The inbox's conversations and the open thread, kept current by the live event stream.
import { signal } from '@preact/signals';
import { get, post, clinicPath } from '../api/client';
import { account } from '../api/session';
import type { Conversation, ConversationPage, Message, MessagePage } from '../api/types';

export interface Filters {
  status: 'open' | 'closed' | '';
  needsHuman: boolean;
  unread: boolean;
  channel: string;
  /** `me`, `none` or a member's account id; empty: anyone. */
  assigned: string;
  /** What is typed in the search box (filters what is loaded while the server is asked). */
  text: string;
  /** The search the server was asked for (`q`): the typed text once it settles, or empty. */
  q: string;
}

/** The typed search as the server gets it: a phone number without its spaces and dashes; empty under 2 characters. */
export function searchOf(text: string): string {
  const typed = text.trim();
  const q = /^\+?[\d\s()-]+$/.test(typed) ? typed.replace(/[\s()-]/g, '') : typed;
  return [...q].length >= 2 ? q : '';
}

/** `text` as the search compares it: lower case, without accents, Turkish ı and İ as i (as the server does). */
export function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i').toLowerCase();
}

export const conversations = signal<Conversation[]>([]);
export const nextCursor = signal<string | null>(null);
export const messages = signal<Message[]>([]);
export const olderCursor = signal<number | null>(null);
export const listProblem = signal<unknown>(null);

/** The search (`q`) the loaded list answers; null until a list is loaded. */
export const loadedQ = signal<string | null>(null);

function query(f: Filters, cursor?: string) {
  return {
    status: f.status || undefined,
    needs_human: f.needsHuman ? true : undefined,
    unread: f.unread ? true : undefined,
    channel_id: f.channel || undefined,
    assigned_to: f.assigned || undefined,
    // The server looks in the contact's number and name, the patient's name and every message.
    q: f.q || undefined,
    limit: 100,
    cursor,
  };
}

// Only the newest request's answer is shown (a slow answer to an older search is dropped).
let asked = 0;

export async function loadConversations(slug: string, f: Filters, more = false): Promise<void> {
  const n = ++asked;
  try {
    const page = await get<ConversationPage>(clinicPath(slug, '/conversations'), query(f, more ? (nextCursor.value ?? undefined) : undefined));
    if (n !== asked) return;
    conversations.value = more ? [...conversations.value, ...page.items] : page.items;
    nextCursor.value = page.next_cursor ?? null;
    loadedQ.value = f.q;
    listProblem.value = null;
  } catch (e) {
    if (n === asked) listProblem.value = e;
  }
}

/** Whether a conversation belongs under the "assigned to" filter. */
export function assignedMatches(c: Conversation, assigned: string, me: string | undefined): boolean {
  if (!assigned) return true;
  if (assigned === 'none') return !c.assigned_to;
  return c.assigned_to === (assigned === 'me' ? me : assigned);
}

/** Puts a changed conversation in its place (most recent first), or drops it if it no longer matches. */
export function upsert(c: Conversation, f: Filters): void {
  const others = conversations.value.filter((x) => x.id !== c.id);
  const had = others.length < conversations.value.length;
  // Under a search, one already found stays; another joins when what is shown of it has the words.
  const words = folded(f.q);
  const found = !words || had || [c.contact_name ?? '', c.contact, c.last_preview ?? ''].some((x) => folded(x).includes(words));
  const matches =
    (!f.status || c.status === f.status) &&
    (!f.needsHuman || c.needs_human) &&
    (!f.unread || c.unread > 0) &&
    (!f.channel || c.channel_id === f.channel) &&
    assignedMatches(c, f.assigned, account.value?.id) &&
    found;
  if (!matches) {
    conversations.value = others;
    return;
  }
  const i = others.findIndex((x) => x.last_message_at < c.last_message_at);
  others.splice(i < 0 ? others.length : i, 0, c);
  conversations.value = others;
}

export async function refreshConversation(slug: string, id: string, f: Filters): Promise<Conversation | null> {
  try {
    const c = await get<Conversation>(clinicPath(slug, `/conversations/${id}`));
    upsert(c, f);
    return c;
  } catch {
    return null;
  }
}

/** The newest page of a thread, merged with older pages already loaded. */
export async function loadMessages(slug: string, id: string, keepOlder = true): Promise<void> {
  const page = await get<MessagePage>(clinicPath(slug, `/conversations/${id}/messages`), { limit: 50 });
  const fresh = page.items.slice().reverse();
  if (keepOlder && messages.value.length && messages.value[0].conversation_id === id) {
    const first = fresh[0]?.seq ?? Infinity;
    messages.value = [...messages.value.filter((m) => m.seq < first), ...fresh];
  } else {
    messages.value = fresh;
    olderCursor.value = page.next_cursor ?? null;
  }
}

export async function loadOlder(slug: string, id: string): Promise<void> {
  if (olderCursor.value === null) return;
  const page = await get<MessagePage>(clinicPath(slug, `/conversations/${id}/messages`), { limit: 50, cursor: olderCursor.value });
  messages.value = [...page.items.slice().reverse(), ...messages.value];
  olderCursor.value = page.next_cursor ?? null;
}

export function markRead(slug: string, id: string, f: Filters): void {
  void post<Conversation>(clinicPath(slug, `/conversations/${id}/read`))
    .then((c) => upsert(c, f))
    .catch(() => {});
}
