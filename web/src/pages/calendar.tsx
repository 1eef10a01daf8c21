import { useEffect, useRef, useState } from 'preact/hooks';
import { createCalendar, destroyCalendar, ResourceTimeGrid, TimeGrid, Interaction } from '@event-calendar/core';
import '@event-calendar/core/index.css';
import { post, clinicPath } from '../api/client';
import { slug, zone, practitioners } from '../clinic';
import { onInboxEvent, live } from '../api/events';
import { search, navigate, path } from '../router';
import { loadRange, monday, type CalendarData } from '../calendar/load';
import { appointmentEvent, offHours, closureEvents, timeOffEvents, gridHours, hoursWith, STATUSES } from '../calendar/events';
import { BookingForm } from '../calendar/booking';
import { AppointmentPanel } from '../calendar/details';
import { ProblemNote } from '../components/problem';
import { withConflicts } from '../calendar/conflicts';
import type { ListedAppointment, OpeningHours } from '../api/types';
import { today, addDays, fromFloating, offsetNow } from '../zone';
import { clinicView } from '../clinic';
import { locale, t, upper, type Key } from '../i18n';
import * as fmt from '../format';

// The calendar follows the live stream's `appointment` events; the poll is the fallback.
const REFRESH_MS = 30_000;
const EVENT_DEBOUNCE_MS = 200;

function readParams() {
  const q = new URLSearchParams(search.value);
  return {
    view: (q.get('view') === 'week' ? 'week' : 'day') as 'day' | 'week',
    day: /^\d{4}-\d{2}-\d{2}$/.test(q.get('day') ?? '') ? q.get('day')! : today(zone.value),
    practitioner: q.get('p') ?? '',
  };
}

/** The clinic's calendar: a column per practitioner for a day, or one practitioner's week. */
export default function CalendarPage() {
  const host = useRef<HTMLDivElement>(null);
  const ec = useRef<any>(null);
  const data = useRef<CalendarData | null>(null);
  const [, setTick] = useState(0);
  const [problem, setProblem] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [booking, setBooking] = useState<{ at: Date; practitionerId: string } | null>(null);
  const [open, setOpen] = useState<ListedAppointment | null>(null);
  const [showCancelled, setShowCancelled] = useState(false);
  // Loads may overlap (an event, the poll, a drop): only the newest one's answer is shown.
  const loads = useRef({ asked: 0 });
  // The hours the widget was last given (they grow to show appointments outside everyone's hours).
  const spanned = useRef({ min: '', max: '' });
  const { view, day, practitioner } = readParams();
  const z = zone.value;
  const active = practitioners.value.filter((p) => p.active);
  const weekOf = active.find((p) => p.id === practitioner) ?? active[0];
  const shown = view === 'day' ? active : weekOf ? [weekOf] : [];
  const days = view === 'day' ? [day] : Array.from({ length: 7 }, (_, i) => addDays(monday(day), i));
  const hours = gridHours([clinicView.value!.opening_hours as OpeningHours, ...active.map((p) => p.working_hours as OpeningHours)]);

  function setParams(next: Partial<ReturnType<typeof readParams>>) {
    const cur = { ...readParams(), ...next };
    const q = new URLSearchParams({ view: cur.view, day: cur.day });
    if (cur.view === 'week' && cur.practitioner) q.set('p', cur.practitioner);
    navigate(`${path.value}?${q}`);
  }

  function render() {
    const cal = ec.current;
    const d = data.current;
    if (!cal || !d) return;
    const withResource = view === 'day';
    const resourceIds = shown.map((p) => p.id);
    const appts = d.appointments.filter((a) => showCancelled || (a.status !== 'cancelled' && a.status !== 'expired'));
    const grid = hoursWith(hours, appts, days, z);
    if (spanned.current.min !== grid.min) cal.setOption('slotMinTime', grid.min);
    if (spanned.current.max !== grid.max) cal.setOption('slotMaxTime', grid.max);
    spanned.current = grid;
    const events = [
      ...shown.flatMap((p) => offHours(p, days, grid.min, grid.max, withResource)),
      ...closureEvents(d.closures, days, withResource ? resourceIds : []),
      ...timeOffEvents(d.timeOff, z, withResource),
      ...appts.map((a) => appointmentEvent(a, z, withResource)),
    ];
    cal.setOption('events', events);
    requestAnimationFrame(() => {
      host.current?.setAttribute('data-ready', String(d.appointments.length));
      performance.mark('calendar-interactive');
    });
  }

  async function reload() {
    const n = ++loads.current.asked;
    try {
      performance.mark('fd:calendar-load');
      const loaded = await loadRange(slug.value, view, day, z, shown);
      if (n !== loads.current.asked) return;
      performance.mark('fd:calendar-data');
      data.current = loaded;
      setProblem(null);
      render();
      setTick((n) => n + 1);
      // Keep an open panel in step with the latest version of its appointment.
      setOpen((o) => (o ? (loaded.appointments.find((a) => a.id === o.id) ?? o) : o));
    } catch (e) {
      if (n === loads.current.asked) setProblem(e);
    }
  }

  async function moved(info: any) {
    const a: ListedAppointment = info.event.extendedProps.appointment;
    const startsAt = fromFloating(info.event.start, z);
    const to = info.newResource?.id ?? a.practitioner_id;
    setNotice(null);
    try {
      await post(clinicPath(slug.value, `/appointments/${a.id}/reschedule`), {
        starts_at: startsAt.toISOString(),
        ...(to !== a.practitioner_id ? { practitioner_id: to } : {}),
      });
      setNotice(t('calendar.moved', { name: a.patient_name, time: fmt.dateTime(startsAt, z) }));
      void reload();
    } catch (e) {
      info.revert();
      // Name the appointments in the way: the server's list, else the one the calendar shows there.
      const end = startsAt.getTime() + (new Date(a.ends_at).getTime() - new Date(a.starts_at).getTime());
      const other = data.current?.appointments.find(
        (b) => b.id !== a.id && b.practitioner_id === to && (b.status === 'confirmed' || b.status === 'held') && new Date(b.busy_from).getTime() < end && new Date(b.busy_until).getTime() > startsAt.getTime(),
      );
      setProblem(withConflicts(e, z, other ? [other] : []));
    }
  }

  // The widget: created once per view kind, fed events on every load.
  useEffect(() => {
    if (!host.current) return;
    ec.current = createCalendar(host.current, [ResourceTimeGrid, TimeGrid, Interaction], {
      view: view === 'day' ? 'resourceTimeGridDay' : 'timeGridWeek',
      timeZone: offsetNow(z),
      date: day,
      locale: locale.value,
      firstDay: 1,
      headerToolbar: { start: '', center: '', end: '' },
      allDaySlot: false,
      slotMinTime: hours.min,
      slotMaxTime: hours.max,
      slotDuration: '00:15:00',
      slotLabelInterval: '01:00',
      scrollTime: '08:00:00',
      height: 'auto',
      nowIndicator: true,
      editable: true,
      eventDurationEditable: false,
      eventStartEditable: true,
      resources: shown.map((p) => ({ id: p.id, title: `${p.title ? p.title + ' ' : ''}${p.name}` })),
      events: [],
      eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
      slotLabelFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
      dayHeaderFormat: { weekday: 'short', day: 'numeric', month: 'short' },
      dateClick: (info: any) => {
        if (info.allDay) return;
        setOpen(null);
        setBooking({ at: fromFloating(info.date, z), practitionerId: info.resource?.id ?? weekOf?.id });
      },
      eventClick: (info: any) => {
        const a = info.event.extendedProps?.appointment;
        if (a) {
          setBooking(null);
          setOpen(a);
        }
      },
      eventDrop: (info: any) => void moved(info),
    });
    spanned.current = hours;
    render();
    return () => {
      destroyCalendar(ec.current);
      ec.current = null;
    };
  }, [view, weekOf?.id, shown.length, locale.value]);

  useEffect(() => {
    ec.current?.setOption('date', day);
    void reload();
    const timer = setInterval(() => void reload(), REFRESH_MS);
    // An appointment booked, moved, cancelled or changed anywhere (staff, the assistant, another
    // server) shows up shortly after: a burst of them is one load. Back after a lost connection
    // (`ready`, `resync`), what was missed is loaded too.
    let soon: ReturnType<typeof setTimeout> | undefined;
    // The stream's first `ready` (it opens with the app) is no reconnection: the load above has it all.
    let connected = live.value;
    const off = onInboxEvent((type) => {
      const again = type === 'appointment' || type === 'resync' || (type === 'ready' && connected);
      if (type === 'ready') connected = true;
      if (!again) return;
      clearTimeout(soon);
      soon = setTimeout(() => void reload(), EVENT_DEBOUNCE_MS);
    });
    return () => {
      clearInterval(timer);
      clearTimeout(soon);
      off();
    };
  }, [view, day, weekOf?.id, slug.value]);

  useEffect(() => render(), [showCancelled]);

  const counts = new Map<string, number>();
  for (const a of data.current?.appointments ?? []) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  const step = view === 'day' ? 1 : 7;

  return (
    <div class={'calendar-page' + (booking || open ? ' with-panel' : '')}>
      <div class="calendar-main">
        <div class="toolbar" role="toolbar" aria-label={t('calendar.toolbar')}>
          <div class="row">
            <button onClick={() => setParams({ day: addDays(day, -step) })} aria-label={t('calendar.previous')} data-testid="prev">
              ‹
            </button>
            <button onClick={() => setParams({ day: today(z) })}>{t('calendar.today')}</button>
            <button onClick={() => setParams({ day: addDays(day, step) })} aria-label={t('calendar.next')} data-testid="next">
              ›
            </button>
            <input type="date" value={day} aria-label={t('calendar.pick_day')} onChange={(e) => e.currentTarget.value && setParams({ day: e.currentTarget.value })} />
          </div>
          <h1 class="calendar-title" data-testid="calendar-title">
            {view === 'day' ? fmt.day(day) : t('calendar.week_of', { day: fmt.day(monday(day)) })}
          </h1>
          <div class="row">
            <div class="segmented" role="group" aria-label={t('calendar.view')}>
              <button class={view === 'day' ? 'on' : ''} aria-pressed={view === 'day'} onClick={() => setParams({ view: 'day' })}>
                {t('calendar.day')}
              </button>
              <button class={view === 'week' ? 'on' : ''} aria-pressed={view === 'week'} onClick={() => setParams({ view: 'week', practitioner: weekOf?.id })}>
                {t('calendar.week')}
              </button>
            </div>
            {view === 'week' ? (
              <select aria-label={t('calendar.practitioner')} value={weekOf?.id} onChange={(e) => setParams({ practitioner: e.currentTarget.value })} data-testid="week-practitioner">
                {active.map((p) => (
                  <option value={p.id} key={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            ) : null}
          </div>
        </div>
        <div class="legend" aria-label={t('calendar.legend')}>
          {STATUSES.map((s) => (
            <span key={s} class={`status-pill status-${s}`} data-status={s}>
              {upper(t(`status.${s}` as Key))} {counts.get(s) ?? 0}
            </span>
          ))}
          <label class="inline">
            <input type="checkbox" checked={showCancelled} onChange={(e) => setShowCancelled(e.currentTarget.checked)} /> {t('calendar.show_cancelled')}
          </label>
          <span class="muted zone-note">{t('calendar.zone_note', { zone: z })}</span>
        </div>
        {notice ? (
          <p class="ok" role="status" data-testid="calendar-notice">
            {notice}
          </p>
        ) : null}
        <ProblemNote problem={problem} />
        {active.length ? (
          <p class="hint muted">{t('calendar.hint')}</p>
        ) : (
          <p class="ok" data-testid="no-practitioners">
            {t('calendar.no_practitioners')} <a href={`/c/${slug.value}/settings`}>{t('practitioners.add')}</a>
          </p>
        )}
        <div ref={host} class="calendar-host" data-testid="calendar" data-view={view} style={{ '--columns': view === 'day' ? shown.length : 7 }} />
      </div>
      {booking ? (
        <BookingForm
          key={booking.at.getTime() + booking.practitionerId}
          at={booking.at}
          practitionerId={booking.practitionerId}
          onClose={() => setBooking(null)}
          onBooked={() => {
            setBooking(null);
            setNotice(t('booking.booked'));
            void reload();
          }}
        />
      ) : null}
      {open ? <AppointmentPanel listed={open} onClose={() => setOpen(null)} onChanged={() => void reload()} /> : null}
    </div>
  );
}
