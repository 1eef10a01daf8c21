// Whether the server can be reached. A failed request marks the connection lost; a probe of
// /healthz every few seconds marks it back, and whoever waits for it retries.
import { signal } from '@preact/signals';

export const connectionLost = signal(false);
let probing = false;
const waiting: (() => void)[] = [];

export function markLost(): void {
  connectionLost.value = true;
  if (!probing) {
    probing = true;
    void probe();
  }
}

async function probe(): Promise<void> {
  let delay = 1000;
  while (true) {
    await new Promise((r) => setTimeout(r, delay));
    try {
      const r = await fetch('/healthz', { cache: 'no-store' });
      if (r.ok) break;
    } catch {
      /* still down */
    }
    delay = Math.min(delay * 2, 8000);
  }
  probing = false;
  connectionLost.value = false;
  waiting.splice(0).forEach((f) => f());
}

/** Resolves once the server answers again. */
export function back(): Promise<void> {
  if (!connectionLost.value) return Promise.resolve();
  return new Promise((r) => waiting.push(r));
}
