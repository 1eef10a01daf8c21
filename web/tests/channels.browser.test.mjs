// Channels: connecting a WhatsApp number at a provider names the secrets it needs, shows the
// webhook URL to give the provider and never shows a secret again; test sends go only to
// allowlisted numbers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, newPage, signIn, apiSession, SLUG } from './helpers.mjs';

let b, api;
before(async () => {
  b = await browser();
  api = await apiSession();
});
after(async () => {
  await b?.close();
});

test('connect a Twilio number, see its webhook URL, test sends refused in words (allowlist, 24-hour window)', async () => {
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/settings`);
  const card = page.locator('[data-testid=channels]');
  // The demo's web chat is there with its page's address.
  await card.locator('[data-testid=channel-list] li', { hasText: 'Web chat' }).first().waitFor();

  await card.locator('[data-testid=new-channel]').click();
  const form = card.locator('[data-testid=channel-form]');
  await form.locator('select[name=channel-kind]').selectOption('twilio');
  await form.locator('input[name=channel-name]').fill('Reception WhatsApp');
  await form.locator('input[name=channel-address]').fill('+90 212 555 0100');
  await form.locator('[data-testid=save-channel]').click();
  await form.locator('[data-testid=problem], .field-message').first().waitFor();
  assert.match(await form.textContent(), /account_sid|auth_token|credentials/);

  await form.locator('input[name=channel-account_sid]').fill('AC0123456789abcdef0123456789abcdef');
  await form.locator('input[name=channel-auth_token]').fill('a-very-secret-token');
  await form.locator('[data-testid=save-channel]').click();
  const item = card.locator('[data-testid=channel-list] li', { hasText: 'Reception WhatsApp' });
  await item.waitFor();
  assert.match(await item.locator('[data-testid=webhook-url]').inputValue(), /^https?:\/\/.+\/webhooks\//);
  const listed = await api.get(api.clinic('/channels'));
  assert.equal(JSON.stringify(listed).includes('a-very-secret-token'), false);
  assert.equal((await page.content()).includes('a-very-secret-token'), false, 'the secret is not on the page');

  // Not on the allowlist: refused, in words.
  await item.locator('input[name=test-to]').fill('+90 532 111 22 33');
  await item.locator('[data-testid=test-send]').click();
  await item.locator('[data-testid=problem]').waitFor();
  await item.locator('input[name=allowlist]').fill('+90 532 111 22 33');
  await item.locator('button', { hasText: 'Save' }).click();
  for (let i = 0; i < 50; i++) {
    const c = (await api.get(api.clinic('/channels'))).find((x) => x.name === 'Reception WhatsApp');
    if (c.settings.test_allowlist?.length) break;
    await page.waitForTimeout(100);
  }
  const again = card.locator('[data-testid=channel-list] li', { hasText: 'Reception WhatsApp' });
  await again.locator('input[name=test-to]').fill('+90 532 111 22 33');
  await again.locator('[data-testid=test-send]').click();
  // Allowlisted now; a number that never wrote is outside WhatsApp's 24-hour window, so free
  // text is refused, and the page says why.
  await again.locator('[data-testid=problem]', { hasText: 'template' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
