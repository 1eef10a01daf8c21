import { useState } from 'preact/hooks';
import { post, patch, clinicPath } from '../api/client';
import { practitioners, slug, reloadCatalog, clinicView } from '../clinic';
import { ProblemNote, Field } from '../components/problem';
import type { Practitioner } from '../api/types';
import { t } from '../i18n';

/** Who sees patients: add one (with the clinic's opening hours to start), switch one off. */
export function PractitionersCard() {
  const [form, setForm] = useState({ name: '', title: '', specialty: '' });
  const [problem, setProblem] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<{ id: string; name: string; title: string; specialty: string } | null>(null);

  async function saveEdit(e: Event) {
    e.preventDefault();
    if (!editing) return;
    setProblem(null);
    try {
      const { id, ...details } = editing;
      await patch(clinicPath(slug.value, `/practitioners/${id}`), details);
      await reloadCatalog();
      setEditing(null);
    } catch (err) {
      setProblem(err);
    }
  }

  async function add(e: Event) {
    e.preventDefault();
    setProblem(null);
    try {
      await post<Practitioner>(clinicPath(slug.value, '/practitioners'), { ...form, working_hours: clinicView.value!.opening_hours });
      await reloadCatalog();
      setForm({ name: '', title: '', specialty: '' });
      setAdding(false);
    } catch (err) {
      setProblem(err);
    }
  }

  async function toggle(p: Practitioner) {
    setProblem(null);
    try {
      await patch(clinicPath(slug.value, `/practitioners/${p.id}`), { active: !p.active });
      await reloadCatalog();
    } catch (err) {
      setProblem(err);
    }
  }

  return (
    <section class="card" data-testid="practitioners">
      <div class="page-head">
        <h2>{t('practitioners.title')}</h2>
        <button class="primary" onClick={() => setAdding(true)} data-testid="new-practitioner">
          + {t('practitioners.add')}
        </button>
      </div>
      {adding ? (
        <form class="form-grid" onSubmit={add} data-testid="practitioner-form" noValidate>
          <Field label={t('patients.name')} name="name" problem={problem}>
            <input name="practitioner-name" value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />
          </Field>
          <Field label={t('practitioners.title_field')} name="title" problem={problem} hint={t('practitioners.title_hint')}>
            <input name="practitioner-title" value={form.title} onInput={(e) => setForm({ ...form, title: e.currentTarget.value })} />
          </Field>
          <Field label={t('practitioners.specialty')} name="specialty" problem={problem}>
            <input name="practitioner-specialty" value={form.specialty} onInput={(e) => setForm({ ...form, specialty: e.currentTarget.value })} />
          </Field>
          <ProblemNote problem={problem} fields={['name', 'title', 'specialty']} />
          <div class="row">
            <button type="submit" class="primary" data-testid="save-practitioner">
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
        <tbody>
          {practitioners.value.map((p) => (
            <tr key={p.id} class={p.active ? '' : 'muted'} data-practitioner={p.name}>
              <td>
                {editing?.id === p.id ? (
                  <form class="row wrap" onSubmit={saveEdit} data-testid="practitioner-edit" noValidate>
                    <input name="edit-title" size={5} value={editing.title} aria-label={t('practitioners.title_field')} onInput={(e) => setEditing({ ...editing, title: e.currentTarget.value })} />
                    <input name="edit-name" value={editing.name} aria-label={t('patients.name')} onInput={(e) => setEditing({ ...editing, name: e.currentTarget.value })} />
                    <input name="edit-specialty" value={editing.specialty} aria-label={t('practitioners.specialty')} onInput={(e) => setEditing({ ...editing, specialty: e.currentTarget.value })} />
                    <button type="submit" class="primary">
                      {t('common.save')}
                    </button>
                    <button type="button" class="link" onClick={() => setEditing(null)}>
                      {t('common.cancel')}
                    </button>
                  </form>
                ) : (
                  <>
                    {p.title ? `${p.title} ` : ''}
                    {p.name}{' '}
                    <button class="link" data-testid="edit-practitioner" onClick={() => setEditing({ id: p.id, name: p.name, title: p.title ?? '', specialty: p.specialty ?? '' })}>
                      {t('common.edit')}
                    </button>
                    {p.specialty ? <div class="muted">{p.specialty}</div> : null}
                  </>
                )}
              </td>
              <td>
                <label class="chip">
                  <input type="checkbox" checked={p.active} onChange={() => void toggle(p)} /> {t('practitioners.takes_appointments')}
                </label>
              </td>
            </tr>
          ))}
          {!practitioners.value.length ? (
            <tr>
              <td class="muted">{t('practitioners.none')}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
