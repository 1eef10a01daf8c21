// Shared by the browser tests: the running binary (from scripts/browser-test), Chromium,
// signing in, and calls to the API as the same person.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE = process.env.FD_URL ?? 'http://127.0.0.1:18080';
export const EMAIL = process.env.FD_EMAIL ?? 'owner@brightsmile.example';
export const PASSWORD = process.env.FD_PASSWORD ?? '';
export const HQ_EMAIL = process.env.FD_HQ_EMAIL ?? '';
export const HQ_PASSWORD = process.env.FD_HQ_PASSWORD ?? '';
export const STORE = process.env.FD_STORE ?? 'sqlite';
export const SLUG = 'bright-smile';
export const ZONE = 'Europe/Istanbul';
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = process.env.FD_SCREENSHOTS ?? join(REPO, 'docs', 'screenshots');

/** Chromium from Debian; the browser runs in another zone than the clinic on purpose. */
export async function browser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    env: { ...process.env, TZ: process.env.FD_BROWSER_TZ ?? 'America/Los_Angeles' },
  });
}

/** A page that fails the test on any uncaught error or CSP violation. */
export async function newPage(b, options = {}) {
  const context = await b.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB', ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) page.errors.push(m.text());
  });
  return page;
}

export async function signIn(page, email = EMAIL, password = PASSWORD, to = '/') {
  await page.goto(BASE + to);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

/** Signs in through the API for setting things up (bearer token). */
export async function apiSession(email = EMAIL, password = PASSWORD) {
  const r = await fetch(BASE + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!r.ok) throw new Error(`login ${r.status}: ${await r.text()}`);
  const { session } = await r.json();
  const call = async (method, path, body, headers = {}) => {
    const res = await fetch(BASE + path, {
      method,
      headers: { authorization: `Bearer ${session.access_token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const e = new Error(`${method} ${path} → ${res.status}: ${text}`);
      e.status = res.status;
      e.body = data;
      throw e;
    }
    return data;
  };
  return {
    get: (p) => call('GET', p),
    post: (p, b, h) => call('POST', p, b, h),
    put: (p, b) => call('PUT', p, b),
    patch: (p, b) => call('PATCH', p, b),
    del: (p) => call('DELETE', p),
    clinic: (rest = '') => `/api/v1/clinics/${SLUG}${rest}`,
  };
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, name) });
}

/** Wall clock in the clinic's zone: 'YYYY-MM-DD', 'HH:MM'. */
export function clinicWall(iso) {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** A weekday (Mon–Fri) a few days ahead, as the clinic counts days. */
// The `ahead`-th workday after today in the clinic's zone. Counting workdays (not calendar days
// moved off a weekend) keeps tests that pick different offsets on different days at any hour:
// two offsets that both fell on a weekend used to land on the same Monday, and one test's
// closure emptied another's calendar.
export function nextWorkday(ahead = 2) {
  const d = new Date(Date.now());
  const weekend = (t) => [0, 6].includes(new Date(clinicWall(t).day + 'T12:00:00Z').getUTCDay());
  for (let left = Math.max(1, ahead); left > 0; ) {
    d.setTime(d.getTime() + 86400000);
    if (!weekend(d)) left -= 1;
  }
  return clinicWall(d).day;
}

export function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

export const median = (values) => percentile(values, 50);
