// Calendar feeds: a secret iCalendar address, shown once, that works until it is revoked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, newPage, signIn, SLUG } from './helpers.mjs';

let b;
before(async () => {
  b = await browser();
});
after(async () => {
  await b?.close();
});

test('create a feed for one practitioner, subscribe to it, revoke it', async () => {
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/settings`);
  const card = page.locator('[data-testid=feeds]');
  await card.locator('[data-testid=create-feed]').click();
  await card.locator('[data-field=label] .field-message').waitFor();
  await card.locator('input[name=feed-label]').fill("Elif's phone");
  await card.locator('select[name=feed-practitioner]').selectOption({ label: 'Elif Şahin' });
  await card.locator('[data-testid=create-feed]').click();
  const url = await card.locator('[data-testid=feed-url]').inputValue();
  assert.match(url, /\/calendar\/.+\.ics$/);
  const ics = await fetch(url);
  assert.equal(ics.status, 200);
  assert.match(await ics.text(), /BEGIN:VCALENDAR/);
  const item = card.locator('[data-testid=feed-list] li', { hasText: "Elif's phone" });
  await item.locator('[data-testid=revoke-feed]').click();
  await item.waitFor({ state: 'detached' });
  assert.equal((await fetch(url)).status, 404);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
