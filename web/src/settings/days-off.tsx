import { useEffect, useState } from 'preact/hooks';
import { get, post, del, clinicPath } from '../api/client';
import { slug, zone, practitioners } from '../clinic';
import { ProblemNote, Field } from '../components/problem';
import type { Closure, TimeOff } from '../api/types';
import { today, addDays, instantOf } from '../zone';
import { t, type Key } from '../i18n';
import * as fmt from '../format';

/** Days the whole clinic is closed (public holidays), from today on. */
export function ClosuresCard() {
  const [items, setItems] = useState<Closure[]>([]);
  const [form, setForm] = useState({ first: '', last: '', reason: '' });
  const [problem, setProblem] = useState<unknown>(null);
  const base = clinicPath(slug.value, '/closures');
  const from = today(zone.value);

  async function load() {
    try {
      setItems(await get<Closure[]>(base, { from, to: addDays(from, 366) }));
    } catch (e) {
      setProblem(e);
    }
  }
  useEffect(() => void load(), []);

  async function add(e: Event) {
    e.preventDefault();
    setProblem(null);
    try {
      await post(base, { first_day: form.first, ...(form.last ? { last_day: form.last } : {}), reason: form.reason });
      setForm({ first: '', last: '', reason: '' });
      void load();
    } catch (err) {
      setProblem(err);
    }
  }

  async function remove(id: string) {
    try {
      await del(`${base}/${id}`);
      void load();
    } catch (e) {
      setProblem(e);
    }
  }

  return (
    <section class="card" data-testid="closures">
      <h2>{t('daysoff.closures')}</h2>
      <ul>
        {items.map((c) => (
          <li key={c.id}>
            {fmt.day(c.first_day)}
            {c.last_day !== c.first_day ? ` – ${fmt.day(c.last_day)}` : ''} · {c.reason}{' '}
            <button class="link" onClick={() => void remove(c.id)}>
              {t('common.delete')}
            </button>
          </li>
        ))}
        {!items.length ? <li class="muted">{t('common.none')}</li> : null}
      </ul>
      <form class="form-grid" onSubmit={add}>
        <Field label={t('daysoff.first_day')} name="first_day" problem={problem}>
          <input type="date" name="closure-first" value={form.first} onInput={(e) => setForm({ ...form, first: e.currentTarget.value })} />
        </Field>
        <Field label={t('daysoff.last_day')} name="last_day" problem={problem}>
          <input type="date" name="closure-last" value={form.last} onInput={(e) => setForm({ ...form, last: e.currentTarget.value })} />
        </Field>
        <Field label={t('appt.cancel_reason')} name="reason" problem={problem}>
          <input name="closure-reason" value={form.reason} onInput={(e) => setForm({ ...form, reason: e.currentTarget.value })} />
        </Field>
        <ProblemNote problem={problem} fields={['first_day', 'last_day', 'reason']} />
        <div class="row">
          <button type="submit" class="primary" data-testid="add-closure">
            {t('daysoff.add_closure')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A practitioner's time off (or extra hours), from now on. */
export function TimeOffCard() {
  const list = practitioners.value;
  const [id, setId] = useState(list[0]?.id ?? '');
  const [items, setItems] = useState<TimeOff[]>([]);
  const [form, setForm] = useState({ kind: 'time_off', day: '', from: '09:00', lastDay: '', until: '18:00', note: '' });
  const [problem, setProblem] = useState<unknown>(null);
  const z = zone.value;
  const base = clinicPath(slug.value, `/practitioners/${id}/exceptions`);

  async function load() {
    if (!id) return;
    try {
      const now = new Date();
      setItems(await get<TimeOff[]>(base, { from: now.toISOString(), until: new Date(now.getTime() + 366 * 86400000).toISOString() }));
    } catch (e) {
      setProblem(e);
    }
  }
  useEffect(() => void load(), [id]);

  const at = (day: string, time: string) => {
    const [year, month, d] = day.split('-').map(Number);
    const [hour, minute] = time.split(':').map(Number);
    return instantOf({ year, month, day: d, hour, minute, second: 0 }, z).toISOString();
  };

  async function add(e: Event) {
    e.preventDefault();
    setProblem(null);
    if (!form.day) return setProblem(new Error(t('daysoff.pick_day')));
    try {
      await post(base, { kind: form.kind, starts_at: at(form.day, form.from), ends_at: at(form.lastDay || form.day, form.until), note: form.note });
      setForm({ ...form, day: '', lastDay: '', note: '' });
      void load();
    } catch (err) {
      setProblem(err);
    }
  }

  async function remove(x: string) {
    try {
      await del(`${base}/${x}`);
      void load();
    } catch (e) {
      setProblem(e);
    }
  }

  return (
    <section class="card" data-testid="time-off">
      <div class="page-head">
        <h2>{t('daysoff.time_off_title')}</h2>
        <select aria-label={t('calendar.practitioner')} name="time-off-practitioner" onChange={(e) => setId(e.currentTarget.value)}>
          {list.map((p) => (
            <option value={p.id} key={p.id} selected={p.id === id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <ul>
        {items.map((x) => (
          <li key={x.id}>
            {t(`daysoff.${x.kind}` as Key)}: {fmt.dateTime(x.starts_at, z)} – {fmt.dateTime(x.ends_at, z)} {x.note ? `· ${x.note}` : ''}{' '}
            <button class="link" onClick={() => void remove(x.id)}>
              {t('common.delete')}
            </button>
          </li>
        ))}
        {!items.length ? <li class="muted">{t('common.none')}</li> : null}
      </ul>
      <form class="form-grid" onSubmit={add}>
        <Field label={t('daysoff.kind')} name="kind" problem={problem}>
          <select name="time-off-kind" onChange={(e) => setForm({ ...form, kind: e.currentTarget.value })}>
            <option value="time_off" selected={form.kind === 'time_off'}>
              {t('daysoff.time_off')}
            </option>
            <option value="extra_hours" selected={form.kind === 'extra_hours'}>
              {t('daysoff.extra_hours')}
            </option>
          </select>
        </Field>
        <Field label={t('daysoff.from')} name="starts_at" problem={problem}>
          <div class="row">
            <input type="date" name="time-off-day" value={form.day} onInput={(e) => setForm({ ...form, day: e.currentTarget.value })} />
            <input type="time" name="time-off-from" value={form.from} onInput={(e) => setForm({ ...form, from: e.currentTarget.value })} />
          </div>
        </Field>
        <Field label={t('daysoff.until')} name="ends_at" problem={problem} hint={t('daysoff.until_hint')}>
          <div class="row">
            <input type="date" name="time-off-last-day" value={form.lastDay} onInput={(e) => setForm({ ...form, lastDay: e.currentTarget.value })} />
            <input type="time" name="time-off-until" value={form.until} onInput={(e) => setForm({ ...form, until: e.currentTarget.value })} />
          </div>
        </Field>
        <Field label={t('appt.notes')} name="note" problem={problem}>
          <input name="time-off-note" value={form.note} onInput={(e) => setForm({ ...form, note: e.currentTarget.value })} />
        </Field>
        <ProblemNote problem={problem} fields={['kind', 'starts_at', 'ends_at', 'note']} />
        <div class="row">
          <button type="submit" class="primary" data-testid="add-time-off">
            {t('common.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
