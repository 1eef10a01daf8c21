import { useEffect, useState } from 'preact/hooks';
import { patch, put, post, clinicPath } from '../api/client';
import { clinicView, practitioners, services, slug, reloadCatalog, serviceName, role } from '../clinic';
import { WeekEditor, weekOf, hoursOf, type Week } from '../settings/week-editor';
import { TeamCard } from '../settings/team';
import { ClosuresCard, TimeOffCard } from '../settings/days-off';
import { ProfileCard, PolicyCard } from '../settings/profile';
import { AssistantCard, TryIt } from '../settings/assistant';
import { ChannelsCard } from '../settings/channels';
import { FeedsCard } from '../settings/feeds';
import { PractitionersCard } from '../settings/practitioners';
import { CannedRepliesPage } from '../settings/canned-replies';
import { path, clinicRoute } from '../router';
import { ProblemNote, Field } from '../components/problem';
import type { ClinicView, Practitioner, Service } from '../api/types';
import { language, t, type Key } from '../i18n';
import * as fmt from '../format';

function OpeningHoursCard() {
  const view = clinicView.value!;
  const [week, setWeek] = useState<Week>(weekOf(view.opening_hours));
  const [problem, setProblem] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  async function save(e: Event) {
    e.preventDefault();
    setProblem(null);
    setSaved(false);
    try {
      const updated = await patch<ClinicView>(clinicPath(slug.value), { opening_hours: hoursOf(week) });
      clinicView.value = { ...view, ...updated };
      setSaved(true);
    } catch (err) {
      setProblem(err);
    }
  }

  return (
    <form class="card" onSubmit={save} data-testid="opening-hours">
      <h2>{t('settings.opening_hours')}</h2>
      <p class="muted">{t('settings.opening_hours_hint', { zone: view.time_zone })}</p>
      <WeekEditor value={week} onChange={(w) => (setWeek(w), setSaved(false))} problem={problem} field="opening_hours" name="clinic" />
      <ProblemNote problem={problem} fields={['opening_hours']} />
      {saved ? <p class="ok" role="status">{t('common.saved')}</p> : null}
      <button type="submit" class="primary" data-testid="save-opening-hours">
        {t('common.save')}
      </button>
    </form>
  );
}

function WorkingHoursCard() {
  const list = practitioners.value;
  const [id, setId] = useState(list[0]?.id ?? '');
  const current = list.find((p) => p.id === id);
  const [week, setWeek] = useState<Week>(weekOf(current?.working_hours ?? ({} as any)));
  const [problem, setProblem] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setWeek(weekOf(current?.working_hours ?? ({} as any)));
    setProblem(null);
    setSaved(false);
  }, [id]);

  async function save(e: Event) {
    e.preventDefault();
    setProblem(null);
    setSaved(false);
    try {
      await put<Practitioner>(clinicPath(slug.value, `/practitioners/${id}/working-hours`), hoursOf(week));
      await reloadCatalog();
      setSaved(true);
    } catch (err) {
      setProblem(err);
    }
  }

  return (
    <form class="card" onSubmit={save} data-testid="working-hours">
      <div class="page-head">
        <h2>{t('settings.working_hours')}</h2>
        <select aria-label={t('calendar.practitioner')} onChange={(e) => setId(e.currentTarget.value)} name="practitioner">
          {list.map((p) => (
            <option value={p.id} key={p.id} selected={p.id === id}>
              {p.title ? `${p.title} ` : ''}
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <WeekEditor value={week} onChange={(w) => (setWeek(w), setSaved(false))} problem={problem} field="working_hours" name="practitioner" />
      <ProblemNote problem={problem} fields={['working_hours']} />
      {saved ? <p class="ok" role="status">{t('common.saved')}</p> : null}
      <button type="submit" class="primary" data-testid="save-working-hours">
        {t('common.save')}
      </button>
    </form>
  );
}

/** A price typed by a person ("1.500,50" or "1500.5") in the currency's minor units. */
function minor(typed: string, currency: string) {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const clean = typed.trim().replace(/\s/g, '');
  // The last separator is the decimal one when it has the currency's number of digits after it.
  const m = clean.match(/^(.*?)[.,](\d+)$/);
  const whole = m && m[2].length <= digits ? m[1].replace(/[.,]/g, '') + '.' + m[2] : clean.replace(/[.,]/g, '');
  return { amount_minor: Math.round(Number(whole) * 10 ** digits), currency };
}

function ServicesCard() {
  const view = clinicView.value!;
  const [adding, setAdding] = useState(false);
  const known = services.value.find((x) => x.price)?.price?.currency ?? 'USD';
  const [form, setForm] = useState({ name: '', duration: '30', price: '', currency: known, who: [] as string[] });
  const [editing, setEditing] = useState<{ id: string; duration: string; price: string; currency: string } | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const lang = view.default_language;

  async function add(e: Event) {
    e.preventDefault();
    setProblem(null);
    try {
      const body: Record<string, unknown> = { name: { [lang]: form.name }, duration_minutes: Number(form.duration), practitioner_ids: form.who };
      if (form.price.trim()) body.price = minor(form.price, form.currency);
      await post<Service>(clinicPath(slug.value, '/services'), body);
      await reloadCatalog();
      setAdding(false);
      setForm({ ...form, name: '', price: '' });
    } catch (err) {
      setProblem(err);
    }
  }

  async function saveEdit(e: Event) {
    e.preventDefault();
    if (!editing) return;
    setProblem(null);
    try {
      await patch(clinicPath(slug.value, `/services/${editing.id}`), {
        duration_minutes: Number(editing.duration),
        price: editing.price.trim() ? minor(editing.price, editing.currency) : null,
      });
      await reloadCatalog();
      setEditing(null);
    } catch (err) {
      setProblem(err);
    }
  }

  async function toggle(s: Service) {
    setProblem(null);
    try {
      await patch(clinicPath(slug.value, `/services/${s.id}`), { active: !s.active });
      await reloadCatalog();
    } catch (err) {
      setProblem(err);
    }
  }

  const byId = new Map(practitioners.value.map((p) => [p.id, p.name]));
  return (
    <section class="card" data-testid="services">
      <div class="page-head">
        <h2>{t('settings.services')}</h2>
        <button class="primary" onClick={() => setAdding(true)} data-testid="new-service">
          + {t('settings.new_service')}
        </button>
      </div>
      {adding ? (
        <form class="form-grid" onSubmit={add} data-testid="service-form">
          <Field label={t('settings.service_name', { lang: lang.toUpperCase() })} name={`name.${lang}`} problem={problem}>
            <input name="service-name" value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />
          </Field>
          <Field label={t('settings.duration')} name="duration_minutes" problem={problem}>
            <input name="duration" type="number" min={5} step={5} value={form.duration} onInput={(e) => setForm({ ...form, duration: e.currentTarget.value })} />
          </Field>
          <Field label={t('settings.price')} name="price" problem={problem}>
            <div class="row">
              <input name="price" inputMode="decimal" value={form.price} onInput={(e) => setForm({ ...form, price: e.currentTarget.value })} />
              <input name="currency" size={4} value={form.currency} onInput={(e) => setForm({ ...form, currency: e.currentTarget.value.toUpperCase() })} aria-label={t('settings.currency')} />
            </div>
          </Field>
          <Field label={t('settings.performed_by')} name="practitioner_ids" problem={problem}>
            <div class="row wrap">
              {practitioners.value.map((p) => (
                <label class="chip" key={p.id}>
                  <input
                    type="checkbox"
                    checked={form.who.includes(p.id)}
                    onChange={(e) => setForm({ ...form, who: e.currentTarget.checked ? [...form.who, p.id] : form.who.filter((x) => x !== p.id) })}
                  />{' '}
                  {p.name}
                </label>
              ))}
            </div>
          </Field>
          <ProblemNote problem={problem} fields={['name', 'duration_minutes', 'price', 'practitioner_ids']} />
          <div class="row">
            <button type="submit" class="primary" data-testid="save-service">
              {t('common.save')}
            </button>
            <button type="button" onClick={() => setAdding(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <ProblemNote problem={problem} />
      )}
      <table class="table">
        <thead>
          <tr>
            <th>{t('settings.service')}</th>
            <th>{t('settings.duration')}</th>
            <th>{t('settings.price')}</th>
            <th class="hide-narrow">{t('settings.performed_by')}</th>
            <th>{t('settings.bookable')}</th>
          </tr>
        </thead>
        <tbody>
          {services.value.map((s) => (
            <tr key={s.id} class={s.active ? '' : 'muted'}>
              <td>{serviceName(s, language.value)}</td>
              {editing?.id === s.id ? (
                <td colSpan={2}>
                  <form class="row wrap" onSubmit={saveEdit} data-testid="service-edit" noValidate>
                    <input name="edit-duration" type="number" size={4} value={editing.duration} aria-label={t('settings.duration')} onInput={(e) => setEditing({ ...editing, duration: e.currentTarget.value })} />
                    <input name="edit-price" inputMode="decimal" size={8} value={editing.price} aria-label={t('settings.price')} onInput={(e) => setEditing({ ...editing, price: e.currentTarget.value })} />
                    <span class="muted">{editing.currency}</span>
                    <button type="submit" class="primary">
                      {t('common.save')}
                    </button>
                    <button type="button" class="link" onClick={() => setEditing(null)}>
                      {t('common.cancel')}
                    </button>
                  </form>
                </td>
              ) : (
                <>
                  <td>{t('settings.minutes', { n: s.duration_minutes })}</td>
                  <td>
                    {s.price ? fmt.price(s.price) : t('settings.price_at_visit')}{' '}
                    <button
                      class="link"
                      data-testid="edit-service"
                      onClick={() =>
                        setEditing({ id: s.id, duration: String(s.duration_minutes), price: s.price ? String(s.price.amount_minor / 10 ** (new Intl.NumberFormat('en', { style: 'currency', currency: s.price.currency }).resolvedOptions().maximumFractionDigits ?? 2)) : '', currency: s.price?.currency ?? known })
                      }
                    >
                      {t('common.edit')}
                    </button>
                  </td>
                </>
              )}
              <td class="hide-narrow">{(s.practitioner_ids ?? []).map((id) => byId.get(id)).filter(Boolean).join(', ')}</td>
              <td>
                <input type="checkbox" aria-label={t('settings.bookable')} checked={s.active} onChange={() => void toggle(s)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The clinic's hours, each practitioner's hours, and what the clinic offers. */
/** What staff and practitioners see: the clinic's hours and services, and the team. */
function ReadOnlySettings() {
  const view = clinicView.value!;
  const week = weekOf(view.opening_hours);
  return (
    <>
      <p class="ok" data-testid="settings-read-only">
        {t('settings.read_only')}
      </p>
      <div class="two">
        <section class="card">
          <h2>{t('settings.opening_hours')}</h2>
          <dl class="facts">
            {Object.entries(week).map(([day, ranges]) => (
              <>
                <dt>{t(`day.${day}` as Key)}</dt>
                <dd>{ranges.length ? ranges.map(([a, b]) => `${a}–${b}`).join(', ') : t('settings.closed')}</dd>
              </>
            ))}
          </dl>
        </section>
        <TeamCard />
      </div>
      <section class="card">
        <h2>{t('settings.services')}</h2>
        <table class="table">
          <tbody>
            {services.value
              .filter((s) => s.active)
              .map((s) => (
                <tr key={s.id}>
                  <td>{serviceName(s, language.value)}</td>
                  <td>{t('settings.minutes', { n: s.duration_minutes })}</td>
                  <td>{s.price ? fmt.price(s.price) : t('settings.price_at_visit')}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

const TABS: { id: string; label: Key }[] = [
  { id: '', label: 'settings.tab_clinic' },
  { id: 'canned-replies', label: 'canned.title' },
];

/** Settings' own sections: the clinic, and the canned replies (every member may see them). */
export default function SettingsPage() {
  const tab = clinicRoute(path.value)?.rest[0] ?? '';
  let body;
  if (tab === 'canned-replies') body = <CannedRepliesPage />;
  else if (role.value !== 'owner' && role.value !== 'admin') body = <ReadOnlySettings />;
  else body = <ClinicSettings />;
  return (
    <div class="stack">
      <h1>{t('nav.settings')}</h1>
      <nav class="subnav" aria-label={t('settings.sections')}>
        {TABS.map((x) => (
          <a
            key={x.id}
            href={`/c/${slug.value}/settings${x.id ? '/' + x.id : ''}`}
            class={x.id === tab ? 'active' : ''}
            aria-current={x.id === tab ? 'page' : undefined}
            data-settings-tab={x.id || 'clinic'}
          >
            {t(x.label)}
          </a>
        ))}
      </nav>
      {body}
    </div>
  );
}

function ClinicSettings() {
  return (
    <>
      <div class="two">
        <ProfileCard />
        <PolicyCard />
      </div>
      <div class="two">
        <OpeningHoursCard />
        <WorkingHoursCard />
      </div>
      <div class="two">
        <ClosuresCard />
        <TimeOffCard />
      </div>
      <div class="two">
        <PractitionersCard />
        <ServicesCard />
      </div>
      <div class="two">
        <AssistantCard />
        <TryIt />
      </div>
      <ChannelsCard />
      <div class="two">
        <TeamCard />
        <FeedsCard />
      </div>
    </>
  );
}
