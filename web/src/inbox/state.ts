// The inbox's conversations and the open thread, kept current by the live event stream.
import { signal } from '@preact/signals';
import { get, post, clinicPath } from '../api/client';
import type { Conversation, ConversationPage, Message, MessagePage } from '../api/types';

export interface Filters {
  status: 'open' | 'closed' | '';
  needsHuman: boolean;
  unread: boolean;
  mine: boolean;
  channel: string;
  text: string;
}

export const conversations = signal<Conversation[]>([]);
export const nextCursor = signal<string | null>(null);
export const messages = signal<Message[]>([]);
export const olderCursor = signal<number | null>(null);
export const listProblem = signal<unknown>(null);

function query(f: Filters, cursor?: string) {
  return {
    status: f.status || undefined,
    needs_human: f.needsHuman ? true : undefined,
    unread: f.unread ? true : undefined,
    channel_id: f.channel || undefined,
    // A phone number typed in the search box is matched exactly by the server.
    phone: /^\+\d{7,15}$/.test(f.text.replace(/[\s()-]/g, '')) ? f.text.replace(/[\s()-]/g, '') : undefined,
    limit: 100,
    cursor,
  };
}

export async function loadConversations(slug: string, f: Filters, more = false): Promise<void> {
  try {
    const page = await get<ConversationPage>(clinicPath(slug, '/conversations'), query(f, more ? (nextCursor.value ?? undefined) : undefined));
    conversations.value = more ? [...conversations.value, ...page.items] : page.items;
    nextCursor.value = page.next_cursor ?? null;
    listProblem.value = null;
  } catch (e) {
    listProblem.value = e;
  }
}

/** Puts a changed conversation in its place (most recent first), or drops it if it no longer matches. */
export function upsert(c: Conversation, f: Filters): void {
  const others = conversations.value.filter((x) => x.id !== c.id);
  const matches =
    (!f.status || c.status === f.status) && (!f.needsHuman || c.needs_human) && (!f.unread || c.unread > 0) && (!f.channel || c.channel_id === f.channel);
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
