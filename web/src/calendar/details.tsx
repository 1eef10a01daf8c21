import { useEffect, useState } from 'preact/hooks';
import { get, post, clinicPath } from '../api/client';
import { slug, zone } from '../clinic';
import { ProblemNote } from '../components/problem';
import type { AppointmentDetail, ListedAppointment } from '../api/types';
import { t, type Key } from '../i18n';
import * as fmt from '../format';

interface Props {
  listed: ListedAppointment;
  onChanged: () => void;
  onClose: () => void;
}

type Action = 'confirm' | 'arrive' | 'complete' | 'no-show';

/** The actions the API allows for an appointment in its state, now. */
export function allowedActions(a: { status: string; hold_expires_at?: string | null; arrived_at?: string | null; starts_at: string }, now = new Date()): (Action | 'cancel')[] {
  const out: (Action | 'cancel')[] = [];
  if (a.status === 'held') {
    if (a.hold_expires_at && new Date(a.hold_expires_at) > now) out.push('confirm');
    out.push('cancel');
  }
  if (a.status === 'confirmed') {
    if (!a.arrived_at) out.push('arrive');
    if (new Date(a.starts_at) <= now) out.push('complete', 'no-show');
    out.push('cancel');
  }
  return out;
}

const ACTION_LABEL: Record<Action, Key> = {
  confirm: 'appt.confirm',
  arrive: 'appt.arrive',
  complete: 'appt.complete',
  'no-show': 'appt.no_show',
};

/** Side panel: an appointment's details, history and what can be done with it. */
export function AppointmentPanel({ listed, onChanged, onClose }: Props) {
  const [detail, setDetail] = useState<AppointmentDetail | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [by, setBy] = useState<'clinic' | 'patient'>('patient');
  const [busy, setBusy] = useState(false);
  const z = zone.value;
  const base = clinicPath(slug.value, `/appointments/${listed.id}`);

  async function load() {
    try {
      setDetail(await get<AppointmentDetail>(base));
    } catch (e) {
      setProblem(e);
    }
  }
  useEffect(() => {
    setDetail(null);
    setCancelling(false);
    setProblem(null);
    void load();
  }, [listed.id, listed.sequence]);

  async function act(action: Action | 'cancel') {
    setBusy(true);
    setProblem(null);
    try {
      const body = action === 'cancel' ? { by, ...(reason.trim() ? { reason: reason.trim() } : {}) } : undefined;
      await post(`${base}/${action}`, body);
      setCancelling(false);
      await load();
      onChanged();
    } catch (e) {
      setProblem(e);
    } finally {
      setBusy(false);
    }
  }

  const a = detail ?? listed;
  const actions = allowedActions(a);
  return (
    <aside class="panel details" data-testid="appointment-panel" aria-labelledby="appt-title">
      <header class="panel-head">
        <h2 id="appt-title">{listed.patient_name}</h2>
        <button type="button" class="icon" onClick={onClose} aria-label={t('common.close')}>
          ✕
        </button>
      </header>
      <p>
        <span class={`status-pill status-${a.status}`} data-testid="appointment-status">
          {t(`status.${a.status}` as Key)}
        </span>
        {a.arrived_at ? <span class="status-pill arrived">{t('appt.arrived_at', { time: fmt.time(a.arrived_at, z) })}</span> : null}
      </p>
      <dl class="facts">
        <dt>{t('appt.when')}</dt>
        <dd data-testid="appointment-when">
          {fmt.date(a.starts_at, z)}, {fmt.time(a.starts_at, z)}–{fmt.time(a.ends_at, z)}
        </dd>
        <dt>{t('appt.service')}</dt>
        <dd>{listed.service_name}</dd>
        <dt>{t('appt.practitioner')}</dt>
        <dd>{listed.practitioner_name}</dd>
        {a.price ? (
          <>
            <dt>{t('appt.price')}</dt>
            <dd>{fmt.price(a.price)}</dd>
          </>
        ) : null}
        {a.status === 'held' && a.hold_expires_at ? (
          <>
            <dt>{t('appt.hold_until')}</dt>
            <dd>{fmt.dateTime(a.hold_expires_at, z)}</dd>
          </>
        ) : null}
        <dt>{t('appt.source')}</dt>
        <dd>{t(`source.${a.source}` as Key)}</dd>
        {a.cancel_reason ? (
          <>
            <dt>{t('appt.cancel_reason')}</dt>
            <dd>{a.cancel_reason}</dd>
          </>
        ) : null}
        {a.notes ? (
          <>
            <dt>{t('appt.notes')}</dt>
            <dd>{a.notes}</dd>
          </>
        ) : null}
      </dl>
      <a href={`/c/${slug.value}/patients/${a.patient_id}`}>{t('appt.open_patient')}</a>

      {cancelling ? (
        <div class="cancel-box">
          <label class="field">
            <span class="field-label">{t('appt.cancel_reason')}</span>
            <input name="cancel-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span class="field-label">{t('appt.cancelled_by')}</span>
            <select value={by} onChange={(e) => setBy(e.currentTarget.value as any)}>
              <option value="patient">{t('appt.by_patient')}</option>
              <option value="clinic">{t('appt.by_clinic')}</option>
            </select>
          </label>
          <div class="row">
            <button class="danger" disabled={busy} onClick={() => void act('cancel')} data-testid="confirm-cancel">
              {t('appt.cancel_confirm')}
            </button>
            <button onClick={() => setCancelling(false)}>{t('common.back')}</button>
          </div>
        </div>
      ) : (
        <div class="actions">
          {actions.map((x) =>
            x === 'cancel' ? (
              <button key={x} class="danger" onClick={() => setCancelling(true)} data-action="cancel">
                {t('appt.cancel')}
              </button>
            ) : (
              <button key={x} disabled={busy} onClick={() => void act(x)} data-action={x}>
                {t(ACTION_LABEL[x])}
              </button>
            ),
          )}
        </div>
      )}
      <ProblemNote problem={problem} />

      {detail?.history.length ? (
        <section>
          <h3>{t('appt.history')}</h3>
          <ol class="history">
            {detail.history.map((h, i) => (
              <li key={i}>
                <span class="muted">{fmt.dateTime(h.at, z)}</span> {t(`history.${h.action}` as Key)} · {t(`actor.${h.actor.kind}` as Key)}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </aside>
  );
}
