import { useEffect, useState } from 'preact/hooks';
import { get, post, patch, clinicPath } from '../api/client';
import { slug, zone } from '../clinic';
import { path, navigate, clinicRoute } from '../router';
import { allPatients, findPatients, forgetPatients } from '../patients-search';
import { ProblemNote, Field } from '../components/problem';
import type { Patient, PatientPage, AppointmentPage, ConversationPage } from '../api/types';
import { t, type Key } from '../i18n';
import * as fmt from '../format';

type Draft = { name: string; phone: string; email: string; language: string; date_of_birth: string; notes: string };
const FIELDS = ['name', 'phone', 'email', 'language', 'date_of_birth', 'notes'];

function draftOf(p?: Patient): Draft {
  return { name: p?.name ?? '', phone: p?.phone ?? '', email: p?.email ?? '', language: p?.language ?? '', date_of_birth: p?.date_of_birth ?? '', notes: p?.notes ?? '' };
}

/** The body the API takes: empty optional fields are left out (or cleared when editing). */
function bodyOf(d: Draft, editing: boolean) {
  const out: Record<string, unknown> = { name: d.name, notes: d.notes };
  for (const k of ['phone', 'email', 'language', 'date_of_birth'] as const) {
    if (d[k].trim()) out[k] = d[k].trim();
    else if (editing) out[k] = null;
  }
  return out;
}

function PatientForm({ patient, onSaved, onCancel }: { patient?: Patient; onSaved: (p: Patient) => void; onCancel: () => void }) {
  const [d, setD] = useState<Draft>(draftOf(patient));
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Draft) => (e: any) => setD({ ...d, [k]: e.currentTarget.value });

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const saved = patient
        ? await patch<Patient>(clinicPath(slug.value, `/patients/${patient.id}`), bodyOf(d, true))
        : await post<Patient>(clinicPath(slug.value, '/patients'), bodyOf(d, false));
      forgetPatients();
      onSaved(saved);
    } catch (err) {
      setProblem(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card form-grid" onSubmit={save} data-testid="patient-form" noValidate>
      <Field label={t('patients.name')} name="name" problem={problem}>
        <input name="name" value={d.name} onInput={set('name')} />
      </Field>
      <Field label={t('patients.phone')} name="phone" problem={problem} hint={t('patients.phone_hint')}>
        <input name="phone" type="tel" value={d.phone} onInput={set('phone')} />
      </Field>
      <Field label={t('patients.email')} name="email" problem={problem}>
        <input name="email" type="email" value={d.email} onInput={set('email')} />
      </Field>
      <Field label={t('patients.language')} name="language" problem={problem}>
        <select name="language" onChange={set('language')}>
          {['', 'en', 'tr', 'pt', 'es'].map((l) => (
            <option value={l} key={l} selected={d.language === l}>
              {l ? t(`lang.${l}` as Key) : t('common.none')}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('patients.date_of_birth')} name="date_of_birth" problem={problem}>
        <input name="date_of_birth" type="date" value={d.date_of_birth} onInput={set('date_of_birth')} />
      </Field>
      <Field label={t('patients.notes')} name="notes" problem={problem}>
        <textarea name="notes" rows={2} value={d.notes} onInput={set('notes')} />
      </Field>
      <ProblemNote problem={problem} fields={FIELDS} />
      <div class="row">
        <button type="submit" class="primary" disabled={busy} data-testid="save-patient">
          {t('common.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function PatientList() {
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<Patient[] | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const s = slug.value;

  useEffect(() => {
    let stale = false;
    const id = setTimeout(async () => {
      try {
        const found = query.trim() ? await findPatients(s, query, 100) : (await allPatients(s)).slice().sort((a, b) => a.name.localeCompare(b.name)).slice(0, 200);
        if (!stale) setItems(found);
      } catch (e) {
        if (!stale) setProblem(e);
      }
    }, 120);
    return () => {
      stale = true;
      clearTimeout(id);
    };
  }, [query]);

  return (
    <div class="stack">
      <div class="page-head">
        <h1>{t('nav.patients')}</h1>
        <button class="primary" onClick={() => setCreating(true)} data-testid="new-patient">
          + {t('booking.new_patient')}
        </button>
      </div>
      {creating ? <PatientForm onSaved={(p) => navigate(`/c/${s}/patients/${p.id}`)} onCancel={() => setCreating(false)} /> : null}
      <input type="search" name="patient-search" placeholder={t('booking.search_patient')} aria-label={t('booking.search_patient')} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      <ProblemNote problem={problem} />
      <table class="table card" data-testid="patients">
        <thead>
          <tr>
            <th>{t('patients.name')}</th>
            <th>{t('patients.phone')}</th>
            <th class="hide-narrow">{t('patients.email')}</th>
          </tr>
        </thead>
        <tbody>
          {(items ?? []).map((p) => (
            <tr key={p.id}>
              <td>
                <a href={`/c/${s}/patients/${p.id}`}>{p.name}</a>
              </td>
              <td>{p.phone ?? ''}</td>
              <td class="hide-narrow">{p.email ?? ''}</td>
            </tr>
          ))}
          {items && !items.length ? (
            <tr>
              <td colSpan={3} class="muted">
                {t('patients.none_found')}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

function PatientDetail({ id }: { id: string }) {
  const [p, setP] = useState<Patient | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [upcoming, setUpcoming] = useState<AppointmentPage['items']>([]);
  const [past, setPast] = useState<AppointmentPage['items']>([]);
  const [household, setHousehold] = useState<Patient[]>([]);
  const [conversations, setConversations] = useState<ConversationPage['items']>([]);
  const s = slug.value;
  const z = zone.value;

  async function load() {
    try {
      const patient = await get<Patient>(clinicPath(s, `/patients/${id}`));
      setP(patient);
      const now = new Date().toISOString();
      const [up, before] = await Promise.all([
        get<AppointmentPage>(clinicPath(s, '/appointments'), { patient_id: id, from: now, limit: 50 }),
        get<AppointmentPage>(clinicPath(s, '/appointments'), { patient_id: id, to: now, limit: 200 }),
      ]);
      setUpcoming(up.items);
      setPast(before.items.slice().reverse());
      if (patient.phone) {
        const [same, convs] = await Promise.all([
          get<PatientPage>(clinicPath(s, '/patients'), { phone: patient.phone, limit: 50 }),
          get<ConversationPage>(clinicPath(s, '/conversations'), { phone: patient.phone, limit: 20 }),
        ]);
        setHousehold(same.items.filter((x) => x.id !== id));
        setConversations(convs.items);
      } else {
        setHousehold([]);
        setConversations([]);
      }
    } catch (e) {
      setProblem(e);
    }
  }
  useEffect(() => void load(), [id]);

  if (!p) return problem ? <ProblemNote problem={problem} /> : <p class="loading">{t("common.loading")}</p>;
  const row = (a: AppointmentPage['items'][number]) => (
    <li key={a.id}>
      <a href={`/c/${s}/calendar?view=day&day=${fmt.isoDayIn(a.starts_at, z)}`}>{fmt.dateTime(a.starts_at, z)}</a> · {a.service_name} · {a.practitioner_name}{' '}
      <span class={`status-pill status-${a.status}`}>{t(`status.${a.status}` as Key)}</span>
    </li>
  );
  return (
    <div class="stack" data-testid="patient-page">
      <div class="page-head">
        <h1>{p.name}</h1>
        <div class="row">
          <a href={`/c/${s}/patients`}>{t('patients.all')}</a>
          <button onClick={() => setEditing(true)} data-testid="edit-patient">
            {t('common.edit')}
          </button>
        </div>
      </div>
      {editing ? (
        <PatientForm
          patient={p}
          onSaved={(x) => {
            setP(x);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <section class="card">
          <dl class="facts">
            <dt>{t('patients.phone')}</dt>
            <dd data-testid="patient-phone">{p.phone ?? '—'}</dd>
            <dt>{t('patients.email')}</dt>
            <dd>{p.email ?? '—'}</dd>
            <dt>{t('patients.language')}</dt>
            <dd>{p.language ? t(`lang.${p.language}` as Key) : '—'}</dd>
            <dt>{t('patients.date_of_birth')}</dt>
            <dd>{p.date_of_birth ? fmt.day(p.date_of_birth) : '—'}</dd>
            <dt>{t('patients.notes')}</dt>
            <dd>{p.notes || '—'}</dd>
          </dl>
        </section>
      )}
      <div class="two">
        <section class="card">
          <h2>{t('patients.upcoming')}</h2>
          <ul data-testid="upcoming">{upcoming.length ? upcoming.map(row) : <li class="muted">{t('common.none')}</li>}</ul>
          <h2>{t('patients.past')}</h2>
          <ul data-testid="past">{past.length ? past.map(row) : <li class="muted">{t('common.none')}</li>}</ul>
        </section>
        <section class="card">
          <h2>{t('patients.household')}</h2>
          <ul>
            {household.length ? (
              household.map((x) => (
                <li key={x.id}>
                  <a href={`/c/${s}/patients/${x.id}`}>{x.name}</a>
                </li>
              ))
            ) : (
              <li class="muted">{t('common.none')}</li>
            )}
          </ul>
          <h2>{t('patients.conversations')}</h2>
          <ul>
            {conversations.length ? (
              conversations.map((c) => (
                <li key={c.id}>
                  <a href={`/c/${s}/inbox/${c.id}`}>{fmt.dateTime(c.last_message_at, z)}</a> <span class="muted">{c.last_preview ?? ''}</span>
                </li>
              ))
            ) : (
              <li class="muted">{t('common.none')}</li>
            )}
          </ul>
        </section>
      </div>
    </div>
  );
}

/** Patients: find one, add one, see one's appointments and conversations. */
export default function PatientsPage() {
  const id = clinicRoute(path.value)?.rest[0];
  return id ? <PatientDetail id={id} /> : <PatientList />;
}
