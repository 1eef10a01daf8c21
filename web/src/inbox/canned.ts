// The clinic's canned replies: kept for the composer (fetched once per clinic, again after a
// change on the settings page) and ranked for what follows the `/`.
import { signal } from '@preact/signals';
import { get, clinicPath } from '../api/client';
import type { CannedReply } from '../api/types';

export const cannedReplies = signal<CannedReply[]>([]);
let loadedFor = '';
let loadedAt = 0;
let pending: Promise<void> | null = null;

export function loadCanned(slug: string, again = false): Promise<void> {
  if (loadedFor === slug && !again) return pending ?? Promise.resolve();
  loadedFor = slug;
  loadedAt = Date.now();
  pending = get<CannedReply[]>(clinicPath(slug, '/canned-replies'))
    .then((list) => {
      cannedReplies.value = list;
    })
    .catch((e) => {
      loadedFor = '';
      throw e;
    });
  return pending;
}

/** Fetched again when older than a minute (a colleague may have added one meanwhile). */
export function freshenCanned(slug: string): void {
  if (loadedFor !== slug || Date.now() - loadedAt > 60_000) void loadCanned(slug, true).catch(() => {});
}

/** Replies whose shortcut has `typed` (those starting with it first), the conversation's language before the others. */
export function rankCanned(list: CannedReply[], typed: string, language: string): CannedReply[] {
  // Lower case as the server stores shortcuts (Unicode's default, not a language's).
  const q = typed.toLowerCase();
  const score = (r: CannedReply) => (r.shortcut === q ? 0 : r.shortcut.startsWith(q) ? 1 : 2) + (r.language === language ? 0 : 3);
  return list
    .filter((r) => r.shortcut.includes(q))
    .map((r, i) => ({ r, i, s: score(r) }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((x) => x.r);
}

/**
 * The `/word` being typed at the caret: where its `/` is and the word so far, or null. A `/`
 * counts at the start of the text or after a space or a line break.
 */
export function slashAt(text: string, caret: number): { start: number; typed: string } | null {
  const before = text.slice(0, caret);
  const m = before.match(/(^|\s)\/([^\s/]*)$/u);
  if (!m) return null;
  return { start: caret - m[2].length - 1, typed: m[2] };
}
