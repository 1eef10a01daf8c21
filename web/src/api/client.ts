// Calls the API with the in-memory access token; turns errors into Problems, waits out a lost
// connection for reads, and renews the token once on a 401.
import { Problem, problemFrom } from './problem';
import { markLost, back } from './connection';

let accessToken: string | null = null;
let renew: (() => Promise<boolean>) | null = null;

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

export function getAccessToken(): string | null {
  return accessToken;
}

/** Called on a 401 to get a fresh token; resolves false when the session is gone. */
export function onUnauthorized(f: () => Promise<boolean>): void {
  renew = f;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface CallOptions {
  query?: Query;
  body?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export function authHeaders(): Record<string, string> {
  return accessToken ? { Authorization: `Bearer ${accessToken}` } : {};
}

async function send(method: string, path: string, o: CallOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(), ...o.headers };
  let body: BodyInit | undefined;
  if (o.form) body = o.form;
  else if (o.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(o.body);
  }
  return fetch(withQuery(path, o.query), { method, headers, body, signal: o.signal, credentials: 'same-origin' });
}

export async function call<T>(method: string, path: string, o: CallOptions = {}): Promise<T> {
  const reading = method === 'GET';
  let renewed = false;
  while (true) {
    let r: Response;
    try {
      r = await send(method, path, o);
    } catch (e) {
      if (o.signal?.aborted) throw e;
      markLost();
      // Reads wait for the server and try again; changes are reported, never repeated blindly.
      if (reading) {
        await back();
        continue;
      }
      throw new Problem(0, 'connection', 'The connection to the server was lost. Nothing was changed; try again when it is back.');
    }
    if (r.status === 401 && !renewed && renew) {
      renewed = true;
      if (await renew()) continue;
    }
    if (r.status === 502 || r.status === 503 || r.status === 504) {
      markLost();
      if (reading) {
        await back();
        continue;
      }
    }
    if (!r.ok) throw await problemFrom(r);
    if (r.status === 204) return undefined as T;
    const type = r.headers.get('content-type') ?? '';
    return (type.includes('json') ? await r.json() : await r.text()) as T;
  }
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) => call<T>('GET', path, { query, signal });
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, { body, headers });
export const put = <T>(path: string, body?: unknown) => call<T>('PUT', path, { body });
export const patch = <T>(path: string, body?: unknown) => call<T>('PATCH', path, { body });
export const del = <T>(path: string) => call<T>('DELETE', path);

/** `/api/v1/clinics/{slug}` + rest. */
export const clinicPath = (slug: string, rest = '') => `/api/v1/clinics/${encodeURIComponent(slug)}${rest}`;
