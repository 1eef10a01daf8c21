// Turns appointments, working hours, closures and time off into the calendar widget's events.
// The widget runs in UTC with floating times: every time given to it is the clinic's wall clock.
import type { ListedAppointment, Practitioner, Closure, TimeOff, OpeningHours, AppointmentStatus } from '../api/types';
import { floating, addDays, weekdayOf, wallAt, isoDay } from '../zone';

export const STATUSES: AppointmentStatus[] = ['held', 'confirmed', 'completed', 'no_show', 'cancelled', 'expired'];

/** Whether an appointment can still be dragged to another time. */
export function movable(a: ListedAppointment): boolean {
  return a.status === 'confirmed' || (a.status === 'held' && !!a.hold_expires_at && new Date(a.hold_expires_at) > new Date());
}

export function appointmentEvent(a: ListedAppointment, zone: string, withResource: boolean) {
  return {
    id: a.id,
    resourceIds: withResource ? [a.practitioner_id] : [],
    start: floating(a.starts_at, zone),
    end: floating(a.ends_at, zone),
    title: `${a.patient_name} · ${a.service_name}`,
    classNames: ['appt', `status-${a.status}`, ...(a.arrived_at ? ['arrived'] : [])],
    editable: movable(a),
    durationEditable: false,
    extendedProps: { appointment: a },
  };
}

function hhmm(t: string): string {
  return t === '24:00' ? '24:00:00' : `${t}:00`;
}

/** Background events shading the time each practitioner does not work, for each shown day. */
export function offHours(p: Practitioner, days: string[], min: string, max: string, withResource: boolean) {
  const out: any[] = [];
  const hours = p.working_hours as OpeningHours;
  for (const day of days) {
    const ranges = ((hours[weekdayOf(day)] ?? []) as string[]).map((r) => r.split('-')).sort((a, b) => a[0].localeCompare(b[0]));
    let from = min;
    const gaps: [string, string][] = [];
    for (const [start, end] of ranges) {
      if (hhmm(start) > from) gaps.push([from, hhmm(start)]);
      if (hhmm(end) > from) from = hhmm(end);
    }
    if (from < max) gaps.push([from, max]);
    for (const [a, b] of gaps) {
      const end = b === '24:00:00' ? `${addDays(day, 1)}T00:00:00` : `${day}T${b}`;
      out.push({
        id: `off-${p.id}-${day}-${a}`,
        resourceIds: withResource ? [p.id] : [],
        start: `${day}T${a}`,
        end,
        display: 'background',
        classNames: ['off-hours'],
      });
    }
  }
  return out;
}

export function closureEvents(closures: Closure[], days: string[], resourceIds: string[]) {
  const out: any[] = [];
  for (const c of closures) {
    for (const day of days) {
      if (day < c.first_day || day > c.last_day) continue;
      out.push({
        id: `closure-${c.id}-${day}`,
        resourceIds,
        start: `${day}T00:00:00`,
        end: `${addDays(day, 1)}T00:00:00`,
        display: 'background',
        title: c.reason,
        classNames: ['closed'],
      });
    }
  }
  return out;
}

export function timeOffEvents(items: TimeOff[], zone: string, withResource: boolean) {
  return items.map((x) => ({
    id: `exc-${x.id}`,
    resourceIds: withResource ? [x.practitioner_id] : [],
    start: floating(x.starts_at, zone),
    end: floating(x.ends_at, zone),
    display: 'background',
    title: x.note,
    classNames: [x.kind === 'time_off' ? 'time-off' : 'extra-hours'],
  }));
}

/** The hours the grid spans: the earliest start and latest end of anyone's hours, padded. */
export function gridHours(hours: OpeningHours[]): { min: string; max: string } {
  let lo = 24 * 60;
  let hi = 0;
  for (const h of hours)
    for (const ranges of Object.values(h) as string[][])
      for (const r of ranges ?? []) {
        const [a, b] = r.split('-').map((t) => {
          const [hh, mm] = t.split(':').map(Number);
          return hh * 60 + mm;
        });
        lo = Math.min(lo, a);
        hi = Math.max(hi, b);
      }
  if (lo >= hi) return { min: '08:00:00', max: '19:00:00' };
  const floorH = Math.max(0, Math.floor(lo / 60) - 1);
  const ceilH = Math.min(24, Math.ceil(hi / 60) + 1);
  const p = (n: number) => String(n).padStart(2, '0');
  return { min: `${p(floorH)}:00:00`, max: `${p(ceilH)}:00:00` };
}

/**
 * The grid's hours stretched to show every appointment on `days` (staff may book outside
 * anyone's hours, and such a visit must not be hidden above or below the grid).
 */
export function hoursWith(hours: { min: string; max: string }, appointments: ListedAppointment[], days: string[], zone: string): { min: string; max: string } {
  const hourOf = (t: string) => Number(t.slice(0, 2));
  let lo = hourOf(hours.min);
  let hi = hourOf(hours.max);
  for (const a of appointments) {
    const from = wallAt(a.starts_at, zone);
    const to = wallAt(a.ends_at, zone);
    if (!days.includes(isoDay(from))) continue;
    lo = Math.min(lo, from.hour);
    // An appointment that ends on the next day (or at midnight) runs to the end of the grid.
    hi = Math.max(hi, isoDay(to) !== isoDay(from) ? 24 : to.minute > 0 ? to.hour + 1 : to.hour);
  }
  const p = (n: number) => String(n).padStart(2, '0');
  return { min: `${p(lo)}:00:00`, max: `${p(Math.min(24, hi))}:00:00` };
}
