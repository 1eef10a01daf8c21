// Wall-clock time in the clinic's IANA zone, whatever the browser's zone is. The calendar
// widget gets "floating" times (no offset): the clinic's wall clock, shown as it is.

export interface Wall {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partsCache = new Map<string, Intl.DateTimeFormat>();

function parts(zone: string): Intl.DateTimeFormat {
  let f = partsCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsCache.set(zone, f);
  }
  return f;
}

/** The wall clock in `zone` at `instant`. */
export function wallAt(instant: Date | string | number, zone: string): Wall {
  const d = instant instanceof Date ? instant : new Date(instant);
  const w: any = {};
  for (const p of parts(zone).formatToParts(d)) if (p.type !== 'literal') w[p.type] = Number(p.value);
  return { year: w.year, month: w.month, day: w.day, hour: w.hour % 24, minute: w.minute, second: w.second };
}

function wallMillis(w: Wall): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** The instant at which the wall clock in `zone` shows `w` (the earlier one in a DST overlap). */
export function instantOf(w: Wall, zone: string): Date {
  const target = wallMillis(w);
  let guess = target;
  for (let i = 0; i < 3; i++) {
    const offset = wallMillis(wallAt(guess, zone)) - guess;
    const next = target - offset;
    if (next === guess) break;
    guess = next;
  }
  return new Date(guess);
}

const pad = (n: number, l = 2) => String(n).padStart(l, '0');

/** `YYYY-MM-DDTHH:mm:ss` without offset: the wall clock in `zone`, for the calendar widget. */
export function floating(instant: Date | string, zone: string): string {
  const w = wallAt(instant, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** A calendar widget's Date (its local fields are the clinic's wall clock) back to the real instant. */
export function fromFloating(d: Date, zone: string): Date {
  return instantOf(
    { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() },
    zone,
  );
}

/** The zone's offset from UTC now, as `+03:00`, for the widget's "now" line. */
export function offsetNow(zone: string): string {
  const now = Date.now();
  const w = wallAt(now, zone);
  const minutes = Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - now) / 60000);
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** `YYYY-MM-DD` of a calendar day. */
export function isoDay(w: { year: number; month: number; day: number }): string {
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** Today's date in `zone`. */
export function today(zone: string): string {
  return isoDay(wallAt(new Date(), zone));
}

/** Adds days to a `YYYY-MM-DD` date. */
export function addDays(day: string, n: number): string {
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Monday-first weekday name of a `YYYY-MM-DD` date, as the API's opening hours name it. */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export function weekdayOf(day: string): Weekday {
  return WEEKDAYS[(new Date(day + 'T00:00:00Z').getUTCDay() + 6) % 7];
}
