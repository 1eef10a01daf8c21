// A 409 `slot-taken` names the appointments in the way (`conflicts`); the calendar says whose
// they are and when, in the clinic's zone.
import { Problem } from '../api/problem';
import type { Conflict } from '../api/types';
import { t } from '../i18n';
import * as fmt from '../format';

export function conflictsOf(e: unknown): Conflict[] {
  if (!(e instanceof Problem) || e.status !== 409) return [];
  const list = e.body.conflicts;
  return Array.isArray(list) ? (list as Conflict[]).filter((c) => c && typeof c.patient_name === 'string') : [];
}

/** "That time overlaps Ana Blocker (Toothache, 12:30–13:00)." for each one in the way. */
export function conflictWords(list: Pick<Conflict, 'patient_name' | 'service_name' | 'starts_at' | 'ends_at'>[], zone: string): string {
  return list.map((c) => t('calendar.conflict_with', { name: c.patient_name, service: c.service_name, time: `${fmt.time(c.starts_at, zone)}–${fmt.time(c.ends_at, zone)}` })).join(' ');
}

/**
 * The problem with the appointments in the way named in the person's language: those the server
 * listed (its detail says the same in English, so it is replaced), else `fallback` (what the
 * calendar shows there) before the server's detail. Unchanged when nothing is known.
 */
export function withConflicts(e: unknown, zone: string, fallback: Pick<Conflict, 'patient_name' | 'service_name' | 'starts_at' | 'ends_at'>[] = []): unknown {
  if (!(e instanceof Problem) || e.status !== 409) return e;
  const named = conflictsOf(e);
  if (named.length) return new Problem(e.status, e.title, conflictWords(named, zone), e.errors, e.kind, e.body);
  if (fallback.length) return new Problem(e.status, e.title, `${conflictWords(fallback, zone)} ${e.detail}`.trim(), e.errors, e.kind, e.body);
  return e;
}
