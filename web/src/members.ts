// The clinic's members (for assigning conversations), fetched once per clinic and page load.
import { signal } from '@preact/signals';
import { get, clinicPath } from './api/client';
import type { Member, MemberList } from './api/types';

export const members = signal<Member[]>([]);
let loadedFor = '';

export function loadMembers(slug: string, again = false): void {
  if (loadedFor === slug && !again) return;
  loadedFor = slug;
  get<MemberList>(clinicPath(slug, '/members'))
    .then((list) => (members.value = list.members))
    .catch(() => (loadedFor = ''));
}

export function memberName(accountId: string | null | undefined): string {
  if (!accountId) return '';
  return members.value.find((m) => m.account_id === accountId)?.name ?? '';
}

/** "Elif Kaya" → "EK"; one letter for one word (any script). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = (words.length > 1 ? [words[0], words[words.length - 1]] : words).map((w) => [...w][0] ?? '');
  return letters.join('').toLocaleUpperCase();
}
