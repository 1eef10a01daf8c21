// Signing in and out, staying signed in, the sections, the lost-connection banner, HQ and the
// clinic picker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, newPage, signIn, BASE, SLUG, EMAIL, HQ_EMAIL, HQ_PASSWORD } from './helpers.mjs';

let b;
before(async () => {
  b = await browser();
});
after(async () => {
  await b?.close();
});

test('wrong password is said in words; sign in, reload stays signed in, sections, sign out', async () => {
  const page = await newPage(b);
  await signIn(page, EMAIL, 'not-the-password');
  await page.locator('[data-testid=problem]', { hasText: 'wrong' }).waitFor();

  await page.fill('input[name=password]', process.env.FD_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(`${BASE}/c/${SLUG}/calendar`);
  await page.locator('[data-testid=calendar]').waitFor();

  // The refresh token is an HttpOnly cookie; nothing is kept in web storage.
  const cookies = await page.context().cookies();
  const refresh = cookies.find((c) => c.name === 'frontdesk_refresh');
  assert.ok(refresh?.httpOnly, 'refresh cookie is HttpOnly');
  assert.equal(refresh.sameSite, 'Strict');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.doesNotMatch(stored, /token|eyJ/i);

  await page.reload();
  await page.locator('[data-testid=calendar]').waitFor();
  assert.equal(await page.locator('input[name=password]').count(), 0, 'still signed in after a reload');

  // The access token is renewed before it runs out: with the page's clock moved on by 14
  // minutes (the token lasts 15), the app refreshes by itself, with the CSRF header, and the
  // server accepts it (each refresh rotates the cookies).
  const refreshes = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/api/v1/auth/browser/refresh')) refreshes.push({ status: r.status(), csrf: r.request().headers()['x-csrf-token'] });
  });
  await page.clock.install();
  await page.reload();
  await page.locator('[data-testid=calendar]').waitFor();
  for (let i = 0; i < 50 && refreshes.length < 1; i++) await page.waitForTimeout(100);
  assert.equal(refreshes.length, 1, 'one refresh restores the session on load');
  await page.clock.fastForward('14:10');
  for (let i = 0; i < 50 && refreshes.length < 2; i++) await page.waitForTimeout(100);
  assert.equal(refreshes.length, 2, 'renewed before the token ran out');
  assert.ok(refreshes.every((r) => r.status === 200 && r.csrf), JSON.stringify(refreshes));
  // Still working with the renewed token.
  await page.click('a[data-section=patients]');
  await page.locator('[data-testid=patients]').waitFor();

  for (const section of ['inbox', 'patients', 'knowledge', 'settings', 'calendar']) {
    await page.click(`a[data-section=${section}]`);
    await page.waitForURL(`${BASE}/c/${SLUG}/${section}`);
    await page.locator(`main[data-page=${section}]`).waitFor();
  }

  // The server goes away: a banner says so, and the app carries on when it is back.
  await page.click('a[data-section=inbox]');
  await page.context().setOffline(true);
  await page.click('a[data-section=knowledge]');
  await page.locator('[data-testid=offline-banner]').waitFor();
  await page.context().setOffline(false);
  await page.locator('[data-testid=offline-banner]').waitFor({ state: 'detached', timeout: 15000 });

  await page.click('[data-testid=logout]');
  await page.locator('input[name=password]').waitFor();
  await page.reload();
  await page.locator('input[name=password]').waitFor();
  assert.equal(await page.locator('[data-testid=calendar]').count(), 0, 'signed out stays signed out');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('HQ lists and creates clinics; a person in two clinics picks one', async () => {
  assert.ok(HQ_EMAIL && HQ_PASSWORD, 'scripts/browser-test creates an HQ operator');
  const page = await newPage(b);
  await signIn(page, HQ_EMAIL, HQ_PASSWORD);
  await page.waitForURL(`${BASE}/hq`);
  const table = page.locator('[data-testid=hq-clinics]');
  await table.locator('td', { hasText: 'Bright Smile Dental' }).waitFor();

  // A field the server refuses is named next to the field.
  await page.fill('input[name=name]', 'Harbor Physio');
  await page.fill('input[name=time_zone]', 'Mars/Olympus');
  await page.click('form button[type=submit]');
  await page.locator('[data-field="clinic.time_zone"] .field-message').waitFor();

  await page.fill('input[name=time_zone]', 'Europe/Lisbon');
  await page.fill('input[name=owner_email]', EMAIL);
  await page.click('form button[type=submit]');
  await page.locator('.ok', { hasText: 'Harbor Physio' }).waitFor();
  await table.locator('td', { hasText: 'Harbor Physio' }).waitFor();
  await page.click('[data-testid=logout]');
  await page.locator('input[name=password]').waitFor();

  // The demo owner is invited to the new clinic: they join, and then pick one of two.
  await page.fill('input[name=email]', EMAIL);
  await page.fill('input[name=password]', process.env.FD_PASSWORD);
  await page.click('button[type=submit]');
  const invited = page.locator('[data-testid=invitations] li', { hasText: 'Harbor Physio' });
  await invited.locator('button').click();
  await page.locator('[data-testid=invitations]').waitFor({ state: 'detached' });
  const picker = page.locator('.picker-list');
  await picker.locator('a', { hasText: 'Harbor Physio' }).waitFor();
  await picker.locator('a', { hasText: 'Bright Smile Dental' }).click();
  await page.waitForURL(`${BASE}/c/${SLUG}/calendar`);
  await page.locator('.clinic-switch', { hasText: 'Bright Smile Dental' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a section opened while the server is away loads once it is back', async () => {
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/calendar`);
  await page.locator('[data-testid=calendar]').waitFor();
  await page.context().setOffline(true);
  await page.click('a[data-section=patients]');
  await page.locator('[data-testid=offline-banner]').waitFor();
  await page.context().setOffline(false);
  await page.locator('[data-testid=patients]').waitFor({ timeout: 20000 });
  await page.locator('[data-testid=offline-banner]').waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
