// What the calendar shows for a day or a week: appointments (every page), closures and time off.
import { get, clinicPath } from '../api/client';
import type { AppointmentPage, ListedAppointment, Closure, TimeOff, Practitioner } from '../api/types';
import { addDays, instantOf } from '../zone';

export interface CalendarData {
  appointments: ListedAppointment[];
  closures: Closure[];
  timeOff: TimeOff[];
}

export async function loadRange(slug: string, view: 'day' | 'week', day: string, zone: string, shown: Practitioner[], signal?: AbortSignal): Promise<CalendarData> {
  const first = view === 'day' ? day : monday(day);
  const last = view === 'day' ? day : addDays(first, 6);
  const query: Record<string, string> = view === 'day' ? { day } : { week: day };
  if (view === 'week' && shown.length === 1) query.practitioner_id = shown[0].id;

  const pages = async () => {
    const all: ListedAppointment[] = [];
    let cursor: string | undefined;
    do {
      const page = await get<AppointmentPage>(clinicPath(slug, '/appointments'), { ...query, limit: 200, cursor }, signal);
      all.push(...page.items);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    return all;
  };
  const from = instantOf({ ...parse(first), hour: 0, minute: 0, second: 0 }, zone).toISOString();
  const until = instantOf({ ...parse(addDays(last, 1)), hour: 0, minute: 0, second: 0 }, zone).toISOString();
  // All at once: the appointments' pages, the closures and each practitioner's time off.
  const [appointments, closures, timeOff] = await Promise.all([
    pages(),
    get<Closure[]>(clinicPath(slug, '/closures'), { from: first, to: last }, signal),
    Promise.all(shown.map((p) => get<TimeOff[]>(clinicPath(slug, `/practitioners/${p.id}/exceptions`), { from, until }, signal))).then((l) => l.flat()),
  ]);
  return { appointments, closures, timeOff };
}

function parse(day: string) {
  const [year, month, d] = day.split('-').map(Number);
  return { year, month, day: d };
}

export function monday(day: string): string {
  const wd = (new Date(day + 'T00:00:00Z').getUTCDay() + 6) % 7;
  return addDays(day, -wd);
}
