import { useEffect, useState } from 'preact/hooks';
import { get, post, del, clinicPath } from '../api/client';
import { slug } from '../clinic';
import { ProblemNote, Field } from '../components/problem';
import type { Template } from '../api/types';
import { t } from '../i18n';

/** A WhatsApp channel's message templates, as approved at the provider. */
export function Templates({ channelId }: { channelId: string }) {
  const [items, setItems] = useState<Template[]>([]);
  const [form, setForm] = useState({ name: '', language: 'en', body: '', provider_ref: '', approved: true });
  const [problem, setProblem] = useState<unknown>(null);
  const [open, setOpen] = useState(false);
  const base = clinicPath(slug.value, `/channels/${channelId}/templates`);

  async function load() {
    try {
      setItems(await get<Template[]>(base));
    } catch (e) {
      setProblem(e);
    }
  }
  useEffect(() => void load(), [channelId]);

  async function add(e: Event) {
    e.preventDefault();
    setProblem(null);
    try {
      await post(base, form);
      setForm({ ...form, name: '', body: '', provider_ref: '' });
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
    <details class="templates" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)} data-testid="templates">
      <summary>{t('templates.title', { n: items.length })}</summary>
      <ul>
        {items.map((x) => (
          <li key={x.id}>
            <code>{x.name}</code> ({x.language}) {x.approved ? '' : <span class="muted">· {t('templates.not_approved')}</span>} — {x.body}{' '}
            <button class="link" onClick={() => void remove(x.id)}>
              {t('common.delete')}
            </button>
          </li>
        ))}
      </ul>
      <form class="form-grid" onSubmit={add} noValidate>
        <Field label={t('templates.name')} name="name" problem={problem}>
          <input name="template-name" value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />
        </Field>
        <Field label={t('patients.language')} name="language" problem={problem} hint="en, tr, pt_BR, es…">
          <input name="template-language" value={form.language} onInput={(e) => setForm({ ...form, language: e.currentTarget.value })} />
        </Field>
        <Field label={t('templates.body')} name="body" problem={problem} hint={t('templates.body_hint')}>
          <textarea name="template-body" rows={2} value={form.body} onInput={(e) => setForm({ ...form, body: e.currentTarget.value })} />
        </Field>
        <Field label={t('templates.provider_ref')} name="provider_ref" problem={problem} hint={t('templates.provider_ref_hint')}>
          <input name="template-ref" value={form.provider_ref} onInput={(e) => setForm({ ...form, provider_ref: e.currentTarget.value })} />
        </Field>
        <label class="chip">
          <input type="checkbox" checked={form.approved} onChange={(e) => setForm({ ...form, approved: e.currentTarget.checked })} /> {t('templates.approved')}
        </label>
        <ProblemNote problem={problem} fields={['name', 'language', 'body', 'provider_ref']} />
        <div class="row">
          <button type="submit" data-testid="add-template">
            {t('templates.add')}
          </button>
        </div>
      </form>
    </details>
  );
}
