import { useEffect, useState } from 'preact/hooks';
import { get, post, clinicPath } from '../api/client';
import { slug, zone, services, practitioners, serviceName } from '../clinic';
import { findPatients, forgetPatients } from '../patients-search';
import { ProblemNote, Field } from '../components/problem';
import { withConflicts } from './conflicts';
import type { Patient, Slot, SlotList, Appointment } from '../api/types';
import { language, t } from '../i18n';
import * as fmt from '../format';
import { isoDay, wallAt } from '../zone';

interface Props {
  at: Date;
  practitionerId: string;
  onBooked: (a: Appointment) => void;
  onClose: () => void;
}

/** Booking from a click on free time: who, what, with whom, which free slot. */
export function BookingForm({ at, practitionerId, onBooked, onClose }: Props) {
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<Patient[]>([]);
  const [patient, setPatient] = useState<Patient | null>(null);
  const [creating, setCreating] = useState(false);
  const [newPatient, setNewPatient] = useState({ name: '', phone: '' });
  const [patientProblem, setPatientProblem] = useState<unknown>(null);
  const [practitioner, setPractitioner] = useState(practitionerId);
  const offered = services.value.filter((s) => s.active && (!s.practitioner_ids?.length || s.practitioner_ids.includes(practitioner)));
  const [serviceId, setServiceId] = useState(offered[0]?.id ?? '');
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [start, setStart] = useState('');
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const z = zone.value;
  const day = isoDay(wallAt(at, z));

  useEffect(() => {
    let stale = false;
    const id = setTimeout(async () => {
      const found = await findPatients(slug.value, query).catch(() => []);
      if (!stale) setMatches(found);
    }, 150);
    return () => {
      stale = true;
      clearTimeout(id);
    };
  }, [query]);

  useEffect(() => {
    if (!offered.some((s) => s.id === serviceId)) setServiceId(offered[0]?.id ?? '');
  }, [practitioner]);

  useEffect(() => {
    if (!serviceId) return;
    setSlots(null);
    let stale = false;
    get<SlotList>(clinicPath(slug.value, '/availability'), { service_id: serviceId, practitioner_id: practitioner, from: day, to: day, limit: 500 })
      .then((list) => {
        if (stale) return;
        setSlots(list.slots);
        // The clicked time if it is free, else the next free one, else the last.
        const want = at.getTime();
        const pick = list.slots.find((s) => new Date(s.starts_at).getTime() >= want) ?? list.slots[list.slots.length - 1];
        setStart(pick?.starts_at ?? '');
      })
      .catch((e) => !stale && setProblem(e));
    return () => {
      stale = true;
    };
  }, [serviceId, practitioner, day]);

  async function createPatient() {
    setPatientProblem(null);
    try {
      const body: any = { name: newPatient.name };
      if (newPatient.phone.trim()) body.phone = newPatient.phone.trim();
      const p = await post<Patient>(clinicPath(slug.value, '/patients'), body);
      forgetPatients();
      setPatient(p);
      setCreating(false);
    } catch (e) {
      setPatientProblem(e);
    }
  }

  async function book(e: Event) {
    e.preventDefault();
    if (!patient || !serviceId || !start) return;
    setBusy(true);
    setProblem(null);
    try {
      const a = await post<Appointment>(
        clinicPath(slug.value, '/appointments'),
        { service_id: serviceId, practitioner_id: practitioner, patient_id: patient.id, starts_at: start, notes },
        { 'Idempotency-Key': crypto.randomUUID() },
      );
      onBooked(a);
    } catch (err) {
      setProblem(withConflicts(err, z));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="panel booking" onSubmit={book} data-testid="booking-form" aria-labelledby="booking-title">
      <header class="panel-head">
        <h2 id="booking-title">{t('booking.title')}</h2>
        <button type="button" class="icon" onClick={onClose} aria-label={t('common.close')}>
          ✕
        </button>
      </header>
      <p class="muted">{fmt.day(day)}</p>

      <fieldset>
        <legend>{t('booking.patient')}</legend>
        {patient ? (
          <div class="chosen" data-testid="chosen-patient">
            <strong>{patient.name}</strong> {patient.phone ? <span class="muted">{patient.phone}</span> : null}
            <button type="button" class="link" onClick={() => setPatient(null)}>
              {t('common.change')}
            </button>
          </div>
        ) : creating ? (
          <div class="new-patient">
            <Field label={t('patients.name')} name="name" problem={patientProblem}>
              <input name="patient-name" value={newPatient.name} onInput={(e) => setNewPatient({ ...newPatient, name: e.currentTarget.value })} />
            </Field>
            <Field label={t('patients.phone')} name="phone" problem={patientProblem} hint={t('patients.phone_hint')}>
              <input name="patient-phone" type="tel" value={newPatient.phone} onInput={(e) => setNewPatient({ ...newPatient, phone: e.currentTarget.value })} />
            </Field>
            <ProblemNote problem={patientProblem} fields={['name', 'phone']} />
            <div class="row">
              <button type="button" class="primary" onClick={() => void createPatient()}>
                {t('booking.add_patient')}
              </button>
              <button type="button" class="link" onClick={() => setCreating(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <div class="patient-search">
            <input
              type="search"
              name="patient-search"
              placeholder={t('booking.search_patient')}
              aria-label={t('booking.search_patient')}
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
              autofocus
            />
            <ul class="matches">
              {matches.map((p) => (
                <li key={p.id}>
                  <button type="button" class="match" onClick={() => setPatient(p)}>
                    <strong>{p.name}</strong> <span class="muted">{p.phone ?? ''}</span>
                  </button>
                </li>
              ))}
            </ul>
            <button
              type="button"
              class="link"
              onClick={() => {
                setCreating(true);
                setNewPatient(/^[+\d\s()-]+$/.test(query) ? { name: '', phone: query } : { name: query, phone: '' });
              }}
            >
              + {t('booking.new_patient')}
            </button>
          </div>
        )}
      </fieldset>

      <Field label={t('booking.practitioner')} name="practitioner_id" problem={problem}>
        <select name="practitioner" value={practitioner} onChange={(e) => setPractitioner(e.currentTarget.value)}>
          {practitioners.value
            .filter((p) => p.active)
            .map((p) => (
              <option value={p.id} key={p.id}>
                {p.title ? `${p.title} ` : ''}
                {p.name}
              </option>
            ))}
        </select>
      </Field>
      <Field label={t('booking.service')} name="service_id" problem={problem}>
        <select name="service" value={serviceId} onChange={(e) => setServiceId(e.currentTarget.value)}>
          {offered.map((s) => (
            <option value={s.id} key={s.id}>
              {serviceName(s, language.value)} · {s.duration_minutes} min{s.price ? ` · ${fmt.price(s.price)}` : ''}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('booking.time')} name="starts_at" problem={problem}>
        {slots === null ? (
          <span class="muted">{t('common.loading')}</span>
        ) : slots.length === 0 ? (
          <span class="muted" data-testid="no-slots">{t('booking.no_slots')}</span>
        ) : (
          <select name="slot" value={start} onChange={(e) => setStart(e.currentTarget.value)}>
            {slots.map((s) => (
              <option value={s.starts_at} key={s.starts_at} selected={s.starts_at === start}>
                {fmt.time(s.starts_at, z)}–{fmt.time(s.ends_at, z)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('booking.notes')} name="notes" problem={problem}>
        <textarea name="notes" rows={2} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
      </Field>
      <ProblemNote problem={problem} fields={['service_id', 'practitioner_id', 'starts_at', 'notes']} />
      <div class="row">
        <button type="submit" class="primary" disabled={busy || !patient || !start} data-testid="book">
          {t('booking.book')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
