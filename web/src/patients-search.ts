// Finding a patient by name or phone (the server searches), and the clinic's whole list for
// browsing (fetched page by page, kept for a minute).
import { get, clinicPath } from './api/client';
import type { Patient, PatientPage } from './api/types';

let cache: { slug: string; at: number; items: Patient[] } | null = null;

export function forgetPatients(): void {
  cache = null;
}

export async function allPatients(slug: string): Promise<Patient[]> {
  if (cache && cache.slug === slug && Date.now() - cache.at < 60_000) return cache.items;
  const items: Patient[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<PatientPage>(clinicPath(slug, '/patients'), { limit: 200, cursor });
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && items.length < 5000);
  cache = { slug, at: Date.now(), items };
  return items;
}

/** Patients whose name holds the typed words in order (any case, any accents) or whose number
 * holds the typed digits: the server searches every patient of the clinic. */
export async function findPatients(slug: string, text: string, limit = 8): Promise<Patient[]> {
  const q = text.trim();
  if ([...q].length < 2) return [];
  const page = await get<PatientPage>(clinicPath(slug, '/patients'), { q, limit });
  return page.items;
}
