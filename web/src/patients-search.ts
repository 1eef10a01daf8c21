// Finding a patient by name or phone. The API filters by phone only, so names are matched
// here over the clinic's patient list (fetched page by page, kept for a minute).
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

const fold = (s: string) => s.toLocaleLowerCase('tr').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i');
const digits = (s: string) => s.replace(/\D/g, '');

export async function findPatients(slug: string, text: string, limit = 8): Promise<Patient[]> {
  const q = text.trim();
  if (!q) return [];
  const all = await allPatients(slug);
  const d = digits(q);
  if (d.length >= 4 && d.length >= q.replace(/\s/g, '').length - 1) {
    return all.filter((p) => p.phone && digits(p.phone).includes(d)).slice(0, limit);
  }
  const words = fold(q).split(/\s+/);
  return all.filter((p) => words.every((w) => fold(p.name).includes(w))).slice(0, limit);
}
