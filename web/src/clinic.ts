// The clinic the person is working in: its profile (zone, languages), its practitioners and
// services, loaded once per clinic and shared by every page.
import { signal, computed } from '@preact/signals';
import { get, clinicPath } from './api/client';
import type { ClinicView, Practitioner, Service } from './api/types';

export const clinicView = signal<ClinicView | null>(null);
export const practitioners = signal<Practitioner[]>([]);
export const services = signal<Service[]>([]);
export const clinicError = signal<unknown>(null);

export const slug = computed(() => clinicView.value?.slug ?? '');
export const zone = computed(() => clinicView.value?.time_zone ?? 'UTC');
export const role = computed(() => clinicView.value?.your_role ?? 'receptionist');

let loading = '';

export async function openClinic(s: string): Promise<void> {
  if (loading === s) return;
  loading = s;
  clinicError.value = null;
  try {
    const [view, prs, svs] = await Promise.all([
      get<ClinicView>(clinicPath(s)),
      get<Practitioner[]>(clinicPath(s, '/practitioners')),
      get<Service[]>(clinicPath(s, '/services')),
    ]);
    clinicView.value = view;
    practitioners.value = prs;
    services.value = svs;
    performance.mark('fd:clinic');
  } catch (e) {
    clinicError.value = e;
    loading = '';
  }
}

export async function reloadCatalog(): Promise<void> {
  const s = slug.value;
  const [prs, svs] = await Promise.all([get<Practitioner[]>(clinicPath(s, '/practitioners')), get<Service[]>(clinicPath(s, '/services'))]);
  practitioners.value = prs;
  services.value = svs;
}

export function serviceName(sv: Service, language: string): string {
  const names = sv.name as Record<string, string>;
  const clinic = clinicView.value;
  return names[language] ?? (clinic ? names[clinic.default_language] : undefined) ?? Object.values(names)[0] ?? '';
}
