// The clinic's live inbox events (server-sent events). EventSource cannot send the bearer
// header, so the stream is read with fetch and parsed here; it reconnects by itself.
import { signal } from '@preact/signals';
import { authHeaders } from './client';
import { refresh } from './session';
import { markLost } from './connection';

export interface InboxEvent {
  kind: string;
  /** Absent on `appointment` events. */
  conversation_id?: string | null;
  message_id?: string | null;
  text?: string | null;
  from?: string | null;
  stream?: string | null;
  /** On `appointment` events: an appointment was booked, moved, cancelled or changed status. */
  appointment_id?: string | null;
  practitioner_id?: string | null;
  starts_at?: string | null;
  status?: string | null;
}

type Listener = (type: string, event: InboxEvent | null) => void;

/** Whether the stream is open (after its `ready`). */
export const live = signal(false);

const listeners = new Set<Listener>();

export function onInboxEvent(f: Listener): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

function emit(type: string, data: string): void {
  let event: InboxEvent | null = null;
  try {
    event = JSON.parse(data);
  } catch {
    /* keep null */
  }
  for (const f of listeners) f(type, event);
}

/** Reads the stream until `stop` aborts; resolves when stopped. */
export async function followInbox(slug: string, stop: AbortSignal): Promise<void> {
  let delay = 500;
  while (!stop.aborted) {
    try {
      const r = await fetch(`/api/v1/clinics/${encodeURIComponent(slug)}/inbox/events`, {
        headers: { Accept: 'text/event-stream', ...authHeaders() },
        signal: stop,
      });
      if (r.status === 401) {
        if (!(await refresh())) return;
        continue;
      }
      if (!r.ok || !r.body) throw new Error(`inbox events: ${r.status}`);
      delay = 500;
      await readEvents(r.body, stop);
    } catch {
      if (stop.aborted) break;
      markLost();
    }
    live.value = false;
    if (stop.aborted) break;
    // Whatever happened while away is fetched again by the listeners on the next `ready`.
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 10000);
  }
  live.value = false;
}

async function readEvents(body: ReadableStream<Uint8Array>, stop: AbortSignal): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).getReader();
  stop.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
  let buffer = '';
  while (true) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      let type = 'message';
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') type = val;
        else if (field === 'data') data.push(val);
      }
      if (!data.length) continue;
      if (type === 'ready') live.value = true;
      emit(type, data.join('\n'));
    }
  }
}
