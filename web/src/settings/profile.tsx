import { useEffect, useState } from 'preact/hooks';
import { get, patch, put, clinicPath } from '../api/client';
import { clinicView, slug } from '../clinic';
import { ProblemNote, Field } from '../components/problem';
import type { ClinicView, SchedulingPolicy } from '../api/types';
import { t, type Key } from '../i18n';

/** The clinic as patients and the assistant see it: name, contact, address, emergencies. */
export function ProfileCard() {
  const view = clinicView.value!;
  const [form, setForm] = useState({
    name: view.name,
    phone: view.contact.phone ?? '',
    email: view.contact.email ?? '',
    website: view.contact.website ?? '',
    address: view.address,
    emergency: view.emergency_instructions,
    persona: view.persona.name,
  });
  const [problem, setProblem] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const set = (k: keyof typeof form) => (e: any) => (setForm({ ...form, [k]: e.currentTarget.value }), setSaved(false));

  async function save(e: Event) {
    e.preventDefault();
    setProblem(null);
    try {
      const updated = await patch<ClinicView>(clinicPath(slug.value), {
        name: form.name,
        address: form.address,
        emergency_instructions: form.emergency,
        contact: { phone: form.phone.trim() || null, email: form.email.trim() || null, website: form.website.trim() || null },
        persona: { ...view.persona, name: form.persona },
      });
      clinicView.value = { ...view, ...updated };
      setSaved(true);
    } catch (err) {
      setProblem(err);
    }
  }

  return (
    <form class="card" onSubmit={save} data-testid="profile" noValidate>
      <h2>{t('profile.title')}</h2>
      <div class="form-grid">
        <Field label={t('hq.name')} name="name" problem={problem}>
          <input name="clinic-name" value={form.name} onInput={set('name')} />
        </Field>
        <Field label={t('patients.phone')} name="contact.phone" problem={problem}>
          <input name="clinic-phone" type="tel" value={form.phone} onInput={set('phone')} />
        </Field>
        <Field label={t('login.email')} name="contact.email" problem={problem}>
          <input name="clinic-email" type="email" value={form.email} onInput={set('email')} />
        </Field>
        <Field label={t('profile.website')} name="contact.website" problem={problem}>
          <input name="clinic-website" value={form.website} onInput={set('website')} />
        </Field>
        <Field label={t('profile.assistant_name')} name="persona.name" problem={problem}>
          <input name="persona-name" value={form.persona} onInput={set('persona')} />
        </Field>
      </div>
      <Field label={t('profile.address')} name="address" problem={problem}>
        <textarea name="clinic-address" rows={2} value={form.address} onInput={set('address')} />
      </Field>
      <Field label={t('profile.emergency')} name="emergency_instructions" problem={problem}>
        <textarea name="clinic-emergency" rows={2} value={form.emergency} onInput={set('emergency')} />
      </Field>
      <ProblemNote problem={problem} fields={['name', 'contact', 'address', 'emergency_instructions', 'persona']} />
      {saved ? <p class="ok" role="status">{t('common.saved')}</p> : null}
      <button type="submit" class="primary" data-testid="save-profile">
        {t('common.save')}
      </button>
    </form>
  );
}

const POLICY_FIELDS: [keyof SchedulingPolicy, string][] = [
  ['slot_grid_minutes', 'policy.slot_grid'],
  ['min_notice_minutes', 'policy.min_notice'],
  ['horizon_days', 'policy.horizon'],
  ['hold_minutes', 'policy.hold'],
  ['cancellation_notice_hours', 'policy.cancellation_notice'],
];

/** How far ahead and how close to now patients may book, holds, reminders. */
export function PolicyCard() {
  const [policy, setPolicy] = useState<SchedulingPolicy | null>(null);
  const [reminders, setReminders] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const base = clinicPath(slug.value, '/scheduling-policy');

  useEffect(() => {
    get<SchedulingPolicy>(base)
      .then((p) => {
        setPolicy(p);
        setReminders(p.reminder_offsets_minutes.map((m) => String(m / 60)).join(', '));
      })
      .catch(setProblem);
  }, []);

  async function save(e: Event) {
    e.preventDefault();
    if (!policy) return;
    setProblem(null);
    try {
      const hours = reminders.split(',').map((x) => x.trim()).filter(Boolean).map((x) => Math.round(Number(x.replace(',', '.')) * 60));
      const updated = await put<SchedulingPolicy>(base, { ...policy, reminder_offsets_minutes: hours });
      setPolicy(updated);
      setSaved(true);
    } catch (err) {
      setProblem(err);
    }
  }

  if (!policy) return <ProblemNote problem={problem} />;
  return (
    <form class="card" onSubmit={save} data-testid="policy" noValidate>
      <h2>{t('policy.title')}</h2>
      <div class="form-grid">
        {POLICY_FIELDS.map(([k, label]) => (
          <Field label={t(label as Key)} name={k} problem={problem} key={k}>
            <input name={k} type="number" value={String(policy[k])} onInput={(e) => (setPolicy({ ...policy, [k]: Number(e.currentTarget.value) }), setSaved(false))} />
          </Field>
        ))}
        <Field label={t('policy.reminders')} name="reminder_offsets_minutes" problem={problem} hint={t('policy.reminders_hint')}>
          <input name="reminders" value={reminders} onInput={(e) => (setReminders(e.currentTarget.value), setSaved(false))} />
        </Field>
      </div>
      <ProblemNote problem={problem} fields={[...POLICY_FIELDS.map(([k]) => k), 'reminder_offsets_minutes']} />
      {saved ? <p class="ok" role="status">{t('common.saved')}</p> : null}
      <button type="submit" class="primary" data-testid="save-policy">
        {t('common.save')}
      </button>
    </form>
  );
}
