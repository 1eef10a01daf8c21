import { useEffect, useState } from 'preact/hooks';
import { get, post, del, clinicPath } from '../api/client';
import { slug, zone, practitioners } from '../clinic';
import { ProblemNote, Field } from '../components/problem';
import type { CalendarFeed, CreatedFeed } from '../api/types';
import { t } from '../i18n';
import * as fmt from '../format';

/** Secret iCalendar addresses for phones and calendar apps; the address is shown once. */
export function FeedsCard() {
  const [feeds, setFeeds] = useState<CalendarFeed[]>([]);
  const [label, setLabel] = useState('');
  const [who, setWho] = useState('');
  const [url, setUrl] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const base = clinicPath(slug.value, '/calendar-feeds');
  const names = new Map(practitioners.value.map((p) => [p.id, p.name]));

  async function load() {
    try {
      setFeeds(await get<CalendarFeed[]>(base));
    } catch (e) {
      setProblem(e);
    }
  }
  useEffect(() => void load(), []);

  async function create(e: Event) {
    e.preventDefault();
    setProblem(null);
    setUrl(null);
    try {
      const made = await post<CreatedFeed>(base, { label, ...(who ? { practitioner_id: who } : {}) });
      setUrl(made.url);
      setLabel('');
      void load();
    } catch (err) {
      setProblem(err);
    }
  }

  async function revoke(id: string) {
    setProblem(null);
    try {
      await del(`${base}/${id}`);
      void load();
    } catch (e) {
      setProblem(e);
    }
  }

  return (
    <section class="card" data-testid="feeds">
      <h2>{t('feeds.title')}</h2>
      <p class="muted">{t('feeds.hint')}</p>
      <ul data-testid="feed-list">
        {feeds.map((f) => (
          <li key={f.id}>
            {f.label} · {f.practitioner_id ? names.get(f.practitioner_id) ?? '' : t('feeds.whole_clinic')} · <span class="muted">{fmt.date(f.created_at, zone.value)}</span>{' '}
            <button class="link" onClick={() => void revoke(f.id)} data-testid="revoke-feed">
              {t('feeds.revoke')}
            </button>
          </li>
        ))}
        {!feeds.length ? <li class="muted">{t('common.none')}</li> : null}
      </ul>
      <form class="form-grid" onSubmit={create} noValidate>
        <Field label={t('feeds.label')} name="label" problem={problem}>
          <input name="feed-label" value={label} onInput={(e) => setLabel(e.currentTarget.value)} />
        </Field>
        <Field label={t('calendar.practitioner')} name="practitioner_id" problem={problem}>
          <select name="feed-practitioner" onChange={(e) => setWho(e.currentTarget.value)}>
            <option value="" selected={!who}>
              {t('feeds.whole_clinic')}
            </option>
            {practitioners.value.map((p) => (
              <option value={p.id} key={p.id} selected={who === p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <ProblemNote problem={problem} fields={['label', 'practitioner_id']} />
        <div class="row">
          <button type="submit" class="primary" data-testid="create-feed">
            {t('feeds.create')}
          </button>
        </div>
      </form>
      {url ? (
        <div class="ok" role="status">
          {t('feeds.url_once')}
          <input class="invite-link" readOnly value={url} data-testid="feed-url" onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : null}
    </section>
  );
}
