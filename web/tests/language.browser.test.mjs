// The UI in another language, chosen per person and kept across reloads; dates and prices
// through Intl; Turkish upper case.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, newPage, signIn, nextWorkday, BASE, SLUG } from './helpers.mjs';

let b;
before(async () => {
  b = await browser();
});
after(async () => {
  await b?.close();
});

test('Türkçe: words, Turkish capitals, Turkish dates and lira, kept after a reload', async () => {
  const page = await newPage(b);
  const day = nextWorkday(4);
  await signIn(page, undefined, undefined, `/c/${SLUG}/calendar?view=day&day=${day}`);
  await page.locator('[data-testid=calendar]').waitFor();
  await page.locator('.topbar-person select').selectOption('tr');
  await page.locator('a[data-section=calendar]', { hasText: 'Takvim' }).waitFor();
  await page.locator('a[data-section=inbox]', { hasText: 'Gelen kutusu' }).waitFor();
  // Upper case as Turkish writes it: "Süresi doldu" → "SÜRESİ DOLDU" (dotted İ).
  assert.match(await page.locator('.legend [data-status=expired]').textContent(), /SÜRESİ DOLDU/);
  const title = await page.locator('[data-testid=calendar-title]').textContent();
  const weekday = new Intl.DateTimeFormat('tr-TR', { weekday: 'long', timeZone: 'UTC' }).format(new Date(day + 'T12:00:00Z'));
  assert.ok(title.includes(weekday), `${title} names ${weekday}`);

  await page.reload();
  await page.locator('a[data-section=calendar]', { hasText: 'Takvim' }).waitFor();
  assert.equal(await page.locator('.topbar-person select').inputValue(), 'tr');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'tr');

  // Prices in the clinic's currency, written the Turkish way.
  await page.click('a[data-section=settings]');
  const price = await page.locator('[data-testid=services] td', { hasText: '₺' }).first().textContent();
  assert.match(price, /₺\d{1,3}(\.\d{3})*,\d{2}/);
  await page.locator('h1', { hasText: 'Ayarlar' }).waitFor();

  // Another person on this browser chooses theirs: back to English.
  await page.locator('.topbar-person select').selectOption('en');
  await page.locator('h1', { hasText: 'Settings' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Português and Español on the sign-in page', async () => {
  const page = await newPage(b);
  await page.goto(BASE);
  await page.locator('.login select').selectOption('pt');
  await page.locator('h1', { hasText: 'Entre na sua clínica' }).waitFor();
  await page.locator('.login select').selectOption('es');
  await page.locator('h1', { hasText: 'Entre en su clínica' }).waitFor();
  await page.locator('.login select').selectOption('en');
  await page.locator('h1', { hasText: 'Sign in to your clinic' }).waitFor();
  await page.context().close();
});
