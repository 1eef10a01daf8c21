// The assistant's settings: a language model needs its address and model (said next to the
// fields), the key is stored and never shown again; back to the built-in one; "try it" talks
// to the clinic's assistant on its web chat.
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

test('engine, model and a key that is never shown again; tone; back to built-in', async () => {
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/settings`);
  const card = page.locator('[data-testid=assistant]');
  await card.locator('select[name=engine]').selectOption('openai');
  await card.locator('input[name=model]').fill('');
  await card.locator('[data-testid=save-assistant]').click();
  await card.locator('[data-field=base_url] .field-message, [data-field=model] .field-message').first().waitFor();

  await card.locator('input[name=base_url]').fill('http://127.0.0.1:9');
  await card.locator('input[name=model]').fill('gpt-4o-mini');
  await card.locator('input[name=api_key]').fill('sk-test-not-a-real-key');
  await card.locator('select[name=tone]').selectOption('formal');
  await card.locator('[data-testid=save-assistant]').click();
  await card.locator('.ok').waitFor();
  const stored = await api.get(api.clinic('/assistant'));
  assert.equal(stored.engine, 'openai');
  assert.equal(stored.model, 'gpt-4o-mini');
  assert.equal(stored.api_key_set, true);
  assert.equal(JSON.stringify(stored).includes('sk-test'), false, 'the key never comes back');
  assert.equal(await card.locator('input[name=api_key]').inputValue(), '');
  assert.equal((await api.get(api.clinic())).persona.tone, 'formal');
  await page.reload();
  assert.equal(await page.locator('[data-testid=assistant] input[name=api_key]').inputValue(), '');
  assert.equal(await page.content().then((html) => html.includes('sk-test')), false);

  await page.locator('[data-testid=assistant] select[name=engine]').selectOption('builtin');
  await page.locator('[data-testid=assistant] [data-testid=save-assistant]').click();
  await page.locator('[data-testid=assistant] .ok').waitFor();
  assert.equal((await api.get(api.clinic('/assistant'))).engine, 'builtin');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('try it: the clinic assistant answers in the settings page', async () => {
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/settings`);
  const tryIt = page.locator('[data-testid=try-it]');
  await tryIt.locator('input[name=try]:not([disabled])').waitFor();
  await tryIt.locator('input[name=try]').fill('Hello! What are your opening hours?');
  await tryIt.locator('button[type=submit]').click();
  await tryIt.locator('[data-testid=try-line].author-assistant').first().waitFor({ timeout: 20000 });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
