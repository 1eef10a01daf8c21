import { useEffect, useState } from 'preact/hooks';
import { get, post, clinicPath } from '../api/client';
import { Problem } from '../api/problem';
import { slug } from '../clinic';
import { ProblemNote } from '../components/problem';
import type { Conversation, Message, Template } from '../api/types';
import { t } from '../i18n';

/** WhatsApp answers only with an approved template outside its 24-hour window. */
export function windowOpen(c: Conversation, now = Date.now()): boolean {
  return c.channel_kind === 'web_chat' || (!!c.last_inbound_at && now - new Date(c.last_inbound_at).getTime() < 24 * 3600 * 1000);
}

/** Choose an approved template, fill its variables, see what the patient will read, send. */
export function TemplateComposer({ conversation: c, onSent }: { conversation: Conversation; onSent: (m: Message) => void }) {
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [values, setValues] = useState<string[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<Template[]>(clinicPath(slug.value, `/channels/${c.channel_id}/templates`))
      .then((list) => {
        const approved = list.filter((x) => x.approved);
        setTemplates(approved);
        if (approved[0]) setChosen(approved[0].id);
      })
      .catch(setProblem);
  }, [c.channel_id]);

  const template = templates?.find((x) => x.id === chosen);
  useEffect(() => setValues(Array.from({ length: template?.variables ?? 0 }, () => '')), [chosen]);
  const preview = template ? template.body.replace(/\{\{(\d+)\}\}/g, (_, n) => values[Number(n) - 1] || `{{${n}}}`) : '';

  async function send(e: Event) {
    e.preventDefault();
    if (!template) return;
    setBusy(true);
    setProblem(null);
    try {
      const m = await post<Message>(clinicPath(slug.value, `/conversations/${c.id}/messages`), {
        template: { name: template.name, language: template.language, variables: values },
      });
      onSent(m);
      setValues(values.map(() => ''));
    } catch (err) {
      setProblem(err);
    } finally {
      setBusy(false);
    }
  }

  const forbidden = problem instanceof Problem && problem.status === 403;
  return (
    <form class="composer template-composer" onSubmit={send} data-testid="template-composer">
      {forbidden ? <p class="problem">{t('templates.ask_admin')}</p> : <ProblemNote problem={problem} />}
      {templates && !templates.length ? <p class="muted">{t('templates.none')}</p> : null}
      {templates?.length ? (
        <div class="template-fields">
          <select name="template" aria-label={t('templates.choose')} onChange={(e) => setChosen(e.currentTarget.value)}>
            {templates.map((x) => (
              <option value={x.id} key={x.id} selected={x.id === chosen}>
                {x.name} ({x.language})
              </option>
            ))}
          </select>
          {values.map((v, i) => (
            <input key={i} name={`variable-${i + 1}`} placeholder={`{{${i + 1}}}`} value={v} onInput={(e) => setValues(values.map((x, j) => (j === i ? e.currentTarget.value : x)))} />
          ))}
          <p class="template-preview" data-testid="template-preview">
            {preview}
          </p>
        </div>
      ) : null}
      <button type="submit" class="primary" disabled={busy || !template || values.some((v) => !v.trim())} data-testid="send-template">
        {t('templates.send')}
      </button>
    </form>
  );
}
