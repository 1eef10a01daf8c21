// New patient messages: a short tone and the unread count in the tab's title, which the
// person can switch off (kept in this browser).
import { signal, effect } from '@preact/signals';
import { unreadTotal } from './unread';

const KEY = 'frontdesk.notify';
export const notifyOn = signal(localStorage.getItem(KEY) !== 'off');

export function setNotify(on: boolean): void {
  notifyOn.value = on;
  localStorage.setItem(KEY, on ? 'on' : 'off');
}

effect(() => {
  const n = unreadTotal.value;
  document.title = (notifyOn.value && n ? `(${n}) ` : '') + 'Frontdesk';
});

let audio: AudioContext | null = null;

/** A short, soft two-note chime, made in the browser (no sound file to fetch). */
export function chime(): void {
  if (!notifyOn.value) return;
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const [i, freq] of [880, 1175].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + i * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.15, now + i * 0.12 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.12 + 0.25);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + i * 0.12);
      osc.stop(now + i * 0.12 + 0.3);
    }
  } catch {
    /* no audio here */
  }
}
