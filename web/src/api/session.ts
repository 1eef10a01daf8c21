// The browser session: the refresh token lives in an HttpOnly cookie the app never sees; the
// access token lives only in memory and is renewed shortly before it runs out.
import { signal } from '@preact/signals';
import { setAccessToken, onUnauthorized, get } from './client';
import { Problem, problemFrom } from './problem';
import { markLost } from './connection';
import { navigate } from '../router';
import type { Account, Me, InvitationToMe } from './types';

export type SessionState = 'starting' | 'signed-out' | 'signed-in';

export const sessionState = signal<SessionState>('starting');
export const account = signal<Account | null>(null);
export const me = signal<Me | null>(null);
/** Clinics that invited this person and wait for an answer. */
export const invitations = signal<InvitationToMe[]>([]);

interface BrowserSession {
  account: Account;
  access_token: string;
  expires_in: number;
  csrf_token: string;
}

const BASE = '/api/v1/auth/browser';
let timer: ReturnType<typeof setTimeout> | undefined;
let renewing: Promise<boolean> | null = null;

function csrfCookie(): string | null {
  const m = document.cookie.match(/(?:^|;\s*)frontdesk_csrf=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : null;
}

async function begin(s: BrowserSession): Promise<void> {
  setAccessToken(s.access_token);
  account.value = s.account;
  clearTimeout(timer);
  // Renew a minute before the token runs out (or at half its life if it is short).
  const lead = Math.min(60, s.expires_in / 2);
  timer = setTimeout(() => void refresh(), Math.max(5, s.expires_in - lead) * 1000);
  await loadMe();
  sessionState.value = 'signed-in';
  performance.mark('fd:signed-in');
}

export async function loadMe(): Promise<void> {
  const [who, invited] = await Promise.all([get<Me>('/api/v1/me'), get<InvitationToMe[]>('/api/v1/me/invitations').catch(() => [])]);
  me.value = who;
  invitations.value = invited;
}

function end(): void {
  clearTimeout(timer);
  setAccessToken(null);
  account.value = null;
  me.value = null;
  invitations.value = [];
  sessionState.value = 'signed-out';
}

export async function login(email: string, password: string): Promise<void> {
  let r: Response;
  try {
    r = await fetch(`${BASE}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ email, password }),
      credentials: 'same-origin',
    });
  } catch {
    markLost();
    throw new Problem(0, 'connection', 'The server cannot be reached. Check the connection and try again.');
  }
  if (!r.ok) throw await problemFrom(r);
  await begin(await r.json());
}

/** Exchanges the refresh cookie for a new access token; false when there is no session. */
export function refresh(): Promise<boolean> {
  if (renewing) return renewing;
  renewing = (async () => {
    const csrf = csrfCookie();
    if (!csrf) {
      end();
      return false;
    }
    while (true) {
      try {
        const r = await fetch(`${BASE}/refresh`, {
          method: 'POST',
          headers: { 'X-CSRF-Token': csrf, Accept: 'application/json' },
          credentials: 'same-origin',
        });
        if (!r.ok) {
          end();
          return false;
        }
        await begin(await r.json());
        return true;
      } catch {
        // The server is away: keep the session and try again shortly.
        markLost();
        await new Promise((res) => setTimeout(res, 2000));
      }
    }
  })().finally(() => {
    renewing = null;
  });
  return renewing;
}

export async function logout(): Promise<void> {
  const csrf = csrfCookie();
  try {
    await fetch(`${BASE}/logout`, {
      method: 'POST',
      headers: csrf ? { 'X-CSRF-Token': csrf } : {},
      credentials: 'same-origin',
    });
  } finally {
    end();
    // The next person to sign in on this screen starts from the beginning.
    navigate('/', true);
  }
}

onUnauthorized(refresh);
