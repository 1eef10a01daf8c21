import { useEffect, useState } from 'preact/hooks';
import { get, post, patch, clinicPath } from '../api/client';
import { slug } from '../clinic';
import { ProblemNote, Field } from '../components/problem';
import type { ChannelView, ChannelKind, TestSendResult } from '../api/types';
import { t, type Key } from '../i18n';
import { Templates } from './templates';

/** What each provider needs: the secrets and settings it names, and what its address is. */
const PROVIDERS: Record<ChannelKind, { secrets: string[]; settings: string[]; address: Key }> = {
  twilio: { secrets: ['account_sid', 'auth_token'], settings: [], address: 'channels.address_number' },
  meta: { secrets: ['access_token'], settings: ['phone_number_id'], address: 'channels.address_number' },
  dialog360: { secrets: ['api_key', 'webhook_secret'], settings: [], address: 'channels.address_number' },
  zapi: { secrets: ['instance_token', 'client_token', 'webhook_secret'], settings: ['instance_id'], address: 'channels.address_number' },
  web_chat: { secrets: [], settings: ['allowed_origins'], address: 'channels.address_site' },
};

function ChannelItem({ c, onChanged }: { c: ChannelView; onChanged: () => void }) {
  const [to, setTo] = useState('');
  const [allow, setAllow] = useState((c.settings.test_allowlist ?? []).join(', '));
  const [problem, setProblem] = useState<unknown>(null);
  const [sent, setSent] = useState<string | null>(null);
  const base = clinicPath(slug.value, `/channels/${c.id}`);

  async function saveAllowlist() {
    setProblem(null);
    try {
      const list = allow.split(',').map((x) => x.trim()).filter(Boolean);
      await patch(base, { settings: { ...c.settings, test_allowlist: list } });
      onChanged();
    } catch (e) {
      setProblem(e);
    }
  }

  async function testSend(e: Event) {
    e.preventDefault();
    setProblem(null);
    setSent(null);
    try {
      const r = await post<TestSendResult>(`${base}/test-send`, { to: to.trim() });
      setSent(r.attempt.detail || r.attempt.outcome);
    } catch (err) {
      setProblem(err);
    }
  }

  return (
    <li class="hit" data-channel={c.name}>
      <div class="row wrap">
        <strong>{c.name}</strong>
        <span class="muted">
          {t(`channel.${c.kind}` as Key)} · {c.address}
        </span>
        <span class={`status-pill ${c.active ? 'status-completed' : 'status-expired'}`}>{c.active ? t('channels.active') : t('channels.inactive')}</span>
      </div>
      <Field label={t('channels.webhook_url')} name="webhook_url" hint={c.kind === 'web_chat' ? t('channels.chat_hint') : t('channels.webhook_hint')}>
        <input readOnly value={c.webhook_url} data-testid="webhook-url" onFocus={(e) => e.currentTarget.select()} />
      </Field>
      {c.credentials_set.length ? (
        <p class="muted">
          {t('channels.secrets_set')}: {c.credentials_set.join(', ')}
        </p>
      ) : null}
      {c.kind !== 'web_chat' ? (
        <form class="form-grid" onSubmit={testSend} noValidate>
          <Field label={t('channels.allowlist')} name="settings.test_allowlist" problem={problem} hint={t('channels.allowlist_hint')}>
            <div class="row">
              <input name="allowlist" value={allow} onInput={(e) => setAllow(e.currentTarget.value)} />
              <button type="button" onClick={() => void saveAllowlist()}>
                {t('common.save')}
              </button>
            </div>
          </Field>
          <Field label={t('channels.test_to')} name="to" problem={problem}>
            <div class="row">
              <input name="test-to" type="tel" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
              <button type="submit" data-testid="test-send">
                {t('channels.test_send')}
              </button>
            </div>
          </Field>
        </form>
      ) : null}
      <ProblemNote problem={problem} fields={['settings.test_allowlist', 'to']} />
      {c.kind !== 'web_chat' ? <Templates channelId={c.id} /> : null}
      {sent ? (
        <p class="ok" role="status" data-testid="test-sent">
          {t('channels.test_queued')} ({sent})
        </p>
      ) : null}
    </li>
  );
}

/** Where patients write from: WhatsApp numbers at a provider, the web chat. */
export function ChannelsCard() {
  const [channels, setChannels] = useState<ChannelView[]>([]);
  const [adding, setAdding] = useState(false);
  const [kind, setKind] = useState<ChannelKind>('twilio');
  const [values, setValues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const base = clinicPath(slug.value, '/channels');

  async function load() {
    try {
      setChannels(await get<ChannelView[]>(base));
    } catch (e) {
      setProblem(e);
    }
  }
  useEffect(() => void load(), []);

  async function add(e: Event) {
    e.preventDefault();
    setProblem(null);
    const p = PROVIDERS[kind];
    const credentials: Record<string, string> = {};
    for (const s of p.secrets) if (values[s]?.trim()) credentials[s] = values[s].trim();
    const settings: Record<string, unknown> = {};
    for (const s of p.settings)
      if (values[s]?.trim()) settings[s] = s === 'allowed_origins' ? values[s].split(',').map((x) => x.trim()).filter(Boolean) : values[s].trim();
    try {
      await post<ChannelView>(base, { kind, name: values.name ?? '', address: values.address ?? '', credentials, settings });
      setAdding(false);
      setValues({});
      void load();
    } catch (err) {
      setProblem(err);
    }
  }

  const p = PROVIDERS[kind];
  const input = (name: string, secret = false) =>
    secret ? (
      <input name={`channel-${name}`} type="password" autocomplete="off" value={values[name] ?? ''} onInput={(e) => setValues({ ...values, [name]: e.currentTarget.value })} />
    ) : (
      <input name={`channel-${name}`} autocomplete="off" value={values[name] ?? ''} onInput={(e) => setValues({ ...values, [name]: e.currentTarget.value })} />
    );
  return (
    <section class="card" data-testid="channels">
      <div class="page-head">
        <h2>{t('channels.title')}</h2>
        <button class="primary" onClick={() => setAdding(true)} data-testid="new-channel">
          + {t('channels.connect')}
        </button>
      </div>
      {adding ? (
        <form class="form-grid" onSubmit={add} data-testid="channel-form" noValidate>
          <Field label={t('channels.provider')} name="kind" problem={problem}>
            <select name="channel-kind" onChange={(e) => setKind(e.currentTarget.value as ChannelKind)}>
              {(Object.keys(PROVIDERS) as ChannelKind[]).map((k) => (
                <option value={k} key={k} selected={kind === k}>
                  {t(`channel.${k}` as Key)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('hq.name')} name="name" problem={problem}>
            {input('name')}
          </Field>
          <Field label={t(p.address)} name="address" problem={problem}>
            {input('address')}
          </Field>
          {p.secrets.map((s) => (
            <Field label={s} name={`credentials.${s}`} problem={problem} key={s} hint={t('channels.secret_hint')}>
              {input(s, true)}
            </Field>
          ))}
          {p.settings.map((s) => (
            <Field label={s} name={`settings.${s}`} problem={problem} key={s} hint={s === 'allowed_origins' ? t('channels.origins_hint') : undefined}>
              {input(s)}
            </Field>
          ))}
          <ProblemNote problem={problem} fields={['kind', 'name', 'address', 'credentials', 'settings']} />
          <div class="row">
            <button type="submit" class="primary" data-testid="save-channel">
              {t('channels.connect')}
            </button>
            <button type="button" onClick={() => setAdding(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <ProblemNote problem={problem} />
      )}
      <ul class="hits" data-testid="channel-list">
        {channels.map((c) => (
          <ChannelItem c={c} key={c.id} onChanged={() => void load()} />
        ))}
      </ul>
    </section>
  );
}
