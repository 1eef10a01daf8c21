// Dates, times and prices through Intl, in the clinic's zone and the person's language.
import { locale } from './i18n';
import { wallAt, isoDay } from './zone';

const cache = new Map<string, Intl.DateTimeFormat>();

function fmt(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale.value + zone + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale.value, { timeZone: zone, ...options });
    cache.set(key, f);
  }
  return f;
}

export const time = (at: string | Date, zone: string) => fmt(zone, { hour: '2-digit', minute: '2-digit' }).format(new Date(at));
export const date = (at: string | Date, zone: string) => fmt(zone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(at));
export const dateTime = (at: string | Date, zone: string) =>
  fmt(zone, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(at));
/** A calendar day (`YYYY-MM-DD`), written out. */
export const day = (d: string) => fmt('UTC', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(d + 'T12:00:00Z'));

export function price(p: { amount_minor: number; currency: string } | null | undefined): string {
  if (!p) return '';
  const f = new Intl.NumberFormat(locale.value, { style: 'currency', currency: p.currency });
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(p.amount_minor / 10 ** digits);
}

/** "3 min ago" style, for conversation lists. */
export function ago(at: string): string {
  const s = (Date.now() - new Date(at).getTime()) / 1000;
  const rtf = new Intl.RelativeTimeFormat(locale.value, { numeric: 'auto', style: 'narrow' });
  if (s < 60) return rtf.format(-Math.round(s), 'second');
  if (s < 3600) return rtf.format(-Math.round(s / 60), 'minute');
  if (s < 86400) return rtf.format(-Math.round(s / 3600), 'hour');
  return rtf.format(-Math.round(s / 86400), 'day');
}

/** The calendar day (`YYYY-MM-DD`) of an instant in `zone`. */
export const isoDayIn = (at: string, zone: string) => isoDay(wallAt(at, zone));
