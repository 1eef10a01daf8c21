import { useEffect, useRef, useState } from 'preact/hooks';
import { get, put, patch, clinicPath } from '../api/client';
import { clinicView, slug } from '../clinic';
import { account } from '../api/session';
import { ProblemNote, Field } from '../components/problem';
import type { AssistantView, ClinicView } from '../api/types';
import { t, type Key } from '../i18n';

type Engine = 'builtin' | 'openai' | 'gemini';

/** Which engine answers patients, its model and key (never shown again), the persona. */
export function AssistantCard() {
  const view = clinicView.value!;
  const [settings, setSettings] = useState<AssistantView | null>(null);
  const [key, setKey] = useState('');
  const [removeKey, setRemoveKey] = useState(false);
  const [tone, setTone] = useState(view.persona.tone);
  const [instructions, setInstructions] = useState(view.persona.custom_instructions ?? '');
  const [problem, setProblem] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const base = clinicPath(slug.value, '/assistant');

  useEffect(() => {
    get<AssistantView>(base).then(setSettings).catch(setProblem);
  }, []);

  async function save(e: Event) {
    e.preventDefault();
    if (!settings) return;
    setProblem(null);
    setSaved(false);
    try {
      const { api_key_set: _, ...rest } = settings;
      const body: Record<string, unknown> = { ...rest };
      if (removeKey) body.api_key = '';
      else if (key.trim()) body.api_key = key.trim();
      const stored = await put<AssistantView>(base, body);
      const clinic = await patch<ClinicView>(clinicPath(slug.value), { persona: { ...view.persona, tone, custom_instructions: instructions } });
      clinicView.value = { ...view, ...clinic };
      setSettings(stored);
      setKey('');
      setRemoveKey(false);
      setSaved(true);
    } catch (err) {
      setProblem(err);
    }
  }

  if (!settings) return <ProblemNote problem={problem} />;
  const engine = (settings.engine ?? 'builtin') as Engine;
  const set = (patch: Partial<AssistantView>) => (setSettings({ ...settings, ...patch }), setSaved(false));
  return (
    <form class="card" onSubmit={save} data-testid="assistant" noValidate>
      <h2>{t('assistant.title')}</h2>
      <Field label={t('assistant.engine')} name="engine" problem={problem}>
        <select name="engine" onChange={(e) => set({ engine: e.currentTarget.value as Engine })}>
          {(['builtin', 'openai', 'gemini'] as Engine[]).map((x) => (
            <option value={x} key={x} selected={engine === x}>
              {t(`assistant.engine_${x}` as Key)}
            </option>
          ))}
        </select>
      </Field>
      {engine !== 'builtin' ? (
        <div class="form-grid">
          {engine === 'openai' ? (
            <Field label={t('assistant.base_url')} name="base_url" problem={problem} hint="https://api.openai.com">
              <input name="base_url" value={settings.base_url ?? ''} onInput={(e) => set({ base_url: e.currentTarget.value })} />
            </Field>
          ) : null}
          <Field label={t('assistant.model')} name="model" problem={problem}>
            <input name="model" value={settings.model ?? ''} onInput={(e) => set({ model: e.currentTarget.value })} />
          </Field>
          <Field label={t('assistant.api_key')} name="api_key" problem={problem} hint={settings.api_key_set ? t('assistant.key_set') : t('assistant.key_unset')}>
            <input name="api_key" type="password" autocomplete="off" value={key} placeholder={settings.api_key_set ? '••••••••' : ''} onInput={(e) => setKey(e.currentTarget.value)} />
          </Field>
          {settings.api_key_set ? (
            <label class="chip">
              <input type="checkbox" checked={removeKey} onChange={(e) => setRemoveKey(e.currentTarget.checked)} /> {t('assistant.remove_key')}
            </label>
          ) : null}
        </div>
      ) : (
        <p class="muted">{t('assistant.builtin_hint')}</p>
      )}
      <div class="form-grid">
        <Field label={t('assistant.tone')} name="persona.tone" problem={problem}>
          <select name="tone" onChange={(e) => setTone(e.currentTarget.value as typeof tone)}>
            {(['friendly', 'formal', 'concise'] as const).map((x) => (
              <option value={x} key={x} selected={tone === x}>
                {t(`assistant.tone_${x}` as Key)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={t('assistant.instructions')} name="persona.custom_instructions" problem={problem}>
        <textarea name="instructions" rows={3} value={instructions} onInput={(e) => setInstructions(e.currentTarget.value)} />
      </Field>
      <ProblemNote problem={problem} fields={['engine', 'base_url', 'model', 'api_key', 'persona']} />
      {saved ? <p class="ok" role="status">{t('common.saved')}</p> : null}
      <button type="submit" class="primary" data-testid="save-assistant">
        {t('common.save')}
      </button>
    </form>
  );
}

interface Line {
  from: string;
  text: string;
  stream?: string | null;
}

/** Talk to the clinic's assistant as a patient would, on the clinic's own web chat. */
export function TryIt() {
  const [lines, setLines] = useState<Line[]>([]);
  const [text, setText] = useState('');
  const [state, setState] = useState<'connecting' | 'open' | 'closed' | 'none'>('connecting');
  const socket = useRef<WebSocket | null>(null);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    // One visitor per staff member, so their tries stay in one conversation.
    const visitor = `try-${(account.value?.id ?? 'staff').replace(/[^a-zA-Z0-9-]/g, '')}`.slice(0, 64).padEnd(16, '0');
    const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/chat/${encodeURIComponent(slug.value)}/ws?visitor=${visitor}`);
    socket.current = ws;
    ws.onopen = () => setState('open');
    ws.onclose = () => setState((s) => (s === 'connecting' ? 'none' : 'closed'));
    ws.onmessage = (e) => {
      const f = JSON.parse(e.data);
      if (f.type === 'history') setLines(f.messages.slice(-10).map((m: any) => ({ from: m.mine ? 'me' : m.from, text: m.text })));
      else if (f.type === 'delta') setLines((l) => [...l.filter((x) => x.stream !== f.stream || x.from !== 'typing'), { from: 'typing', text: f.text, stream: f.stream }]);
      else if (f.type === 'message') setLines((l) => [...l.filter((x) => !(f.stream && x.stream === f.stream)), { from: f.from, text: f.text }]);
      else if (f.type === 'error') setLines((l) => [...l, { from: 'error', text: f.reason }]);
    };
    return () => ws.close();
  }, []);

  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [lines.length]);

  function send(e: Event) {
    e.preventDefault();
    const value = text.trim();
    if (!value || socket.current?.readyState !== WebSocket.OPEN) return;
    socket.current.send(JSON.stringify({ type: 'message', id: crypto.randomUUID(), text: value }));
    setLines((l) => [...l, { from: 'me', text: value }]);
    setText('');
  }

  return (
    <section class="card try-it" data-testid="try-it">
      <h2>{t('assistant.try')}</h2>
      <p class="muted">{state === 'none' ? t('assistant.no_web_chat') : t('assistant.try_hint')}</p>
      <ol class="messages" ref={list}>
        {lines.map((l, i) => (
          <li key={i} class={`bubble ${l.from === 'me' ? 'in' : 'out'} author-${l.from}`} data-testid="try-line">
            <div class="bubble-meta">{l.from === 'me' ? t('author.patient') : l.from === 'error' ? '!' : t(`author.${l.from === 'typing' ? 'assistant' : l.from}` as Key)}</div>
            <div class="bubble-text">{l.text}</div>
          </li>
        ))}
      </ol>
      <form class="composer" onSubmit={send}>
        <input name="try" value={text} placeholder={t('assistant.try_placeholder')} onInput={(e) => setText(e.currentTarget.value)} disabled={state !== 'open'} />
        <button type="submit" class="primary" disabled={state !== 'open'}>
          {t('inbox.send')}
        </button>
      </form>
    </section>
  );
}
