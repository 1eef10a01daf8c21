import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api/client';
import { account, logout, me } from '../api/session';
import { ProblemNote, Field } from '../components/problem';
import { LanguagePicker } from '../components/language';
import type { Clinic, ClinicList } from '../api/types';
import { t } from '../i18n';
import * as fmt from '../format';

const ZONES = ['Europe/Istanbul', 'Europe/Lisbon', 'America/Sao_Paulo', 'Europe/Madrid', 'Europe/London', 'America/New_York', 'UTC'];

/** HQ: every clinic the operator runs, and a new one. */
export default function HqPage() {
  const [clinics, setClinics] = useState<Clinic[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [form, setForm] = useState({ name: '', slug: '', time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', default_language: 'en', owner_email: '' });
  const [createProblem, setCreateProblem] = useState<unknown>(null);
  const [created, setCreated] = useState<string | null>(null);

  async function load(after?: string) {
    try {
      const page = await get<ClinicList>('/api/v1/hq/clinics', { after, limit: 100 });
      setClinics((c) => (after ? [...c, ...page.clinics] : page.clinics));
      setNext(page.next ?? null);
    } catch (e) {
      setProblem(e);
    }
  }
  useEffect(() => void load(), []);

  async function create(e: Event) {
    e.preventDefault();
    setCreateProblem(null);
    setCreated(null);
    try {
      const body: any = { clinic: { name: form.name, time_zone: form.time_zone, default_language: form.default_language } };
      if (form.slug.trim()) body.clinic.slug = form.slug.trim();
      if (form.owner_email.trim()) body.owner_email = form.owner_email.trim();
      const r = await post<{ clinic: Clinic; owner?: any }>('/api/v1/hq/clinics', body);
      setCreated(r.clinic.name);
      setForm({ ...form, name: '', slug: '', owner_email: '' });
      void load();
    } catch (err) {
      setCreateProblem(err);
    }
  }

  if (!account.value?.hq_role) return <p class="empty-page">{t('hq.not_allowed')}</p>;
  const set = (k: keyof typeof form) => (e: any) => setForm({ ...form, [k]: e.currentTarget.value });
  const mine = new Set(me.value?.memberships.map((m) => m.slug));
  return (
    <div class="shell">
      <header class="topbar">
        <div class="topbar-clinic">
          <a href="/" class="clinic-switch">{t('hq.title')}</a>
        </div>
        <div class="topbar-person">
          <LanguagePicker />
          <span class="person-name">{account.value?.name}</span>
          <button class="link" onClick={() => void logout()} data-testid="logout">
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main class="page hq">
        <section class="card">
          <h1>{t('hq.clinics')}</h1>
          <ProblemNote problem={problem} />
          <table class="table" data-testid="hq-clinics">
            <thead>
              <tr>
                <th>{t('hq.name')}</th>
                <th>{t('hq.slug')}</th>
                <th>{t('hq.zone')}</th>
                <th>{t('hq.created')}</th>
              </tr>
            </thead>
            <tbody>
              {clinics.map((c) => (
                <tr key={c.id}>
                  <td>{mine.has(c.slug) ? <a href={`/c/${c.slug}/calendar`}>{c.name}</a> : c.name}</td>
                  <td>
                    <code>{c.slug}</code>
                  </td>
                  <td>{c.time_zone}</td>
                  <td>{fmt.date(c.created_at, c.time_zone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {next ? (
            <button onClick={() => void load(next)}>{t('common.more')}</button>
          ) : null}
        </section>
        <section class="card">
          <h2>{t('hq.new_clinic')}</h2>
          <form onSubmit={create} class="form-grid" noValidate>
            <Field label={t('hq.name')} name="clinic.name" problem={createProblem}>
              <input name="name" required value={form.name} onInput={set('name')} />
            </Field>
            <Field label={t('hq.slug')} name="clinic.slug" problem={createProblem} hint={t('hq.slug_hint')}>
              <input name="slug" value={form.slug} onInput={set('slug')} />
            </Field>
            <Field label={t('hq.zone')} name="clinic.time_zone" problem={createProblem}>
              <input name="time_zone" list="zones" value={form.time_zone} onInput={set('time_zone')} />
              <datalist id="zones">
                {ZONES.map((z) => (
                  <option value={z} key={z} />
                ))}
              </datalist>
            </Field>
            <Field label={t('hq.language')} name="clinic.default_language" problem={createProblem}>
              <select name="default_language" value={form.default_language} onChange={set('default_language')}>
                <option value="en">English</option>
                <option value="tr">Türkçe</option>
                <option value="pt">Português</option>
                <option value="es">Español</option>
              </select>
            </Field>
            <Field label={t('hq.owner_email')} name="owner_email" problem={createProblem} hint={t('hq.owner_hint')}>
              <input name="owner_email" type="email" value={form.owner_email} onInput={set('owner_email')} />
            </Field>
            <ProblemNote problem={createProblem} fields={['clinic.name', 'clinic.slug', 'clinic.time_zone', 'clinic.default_language', 'owner_email']} />
            {created ? <p class="ok" role="status">{t('hq.created_ok', { name: created })}</p> : null}
            <button type="submit" class="primary">
              {t('hq.create')}
            </button>
          </form>
        </section>
      </main>
    </div>
  );
}
