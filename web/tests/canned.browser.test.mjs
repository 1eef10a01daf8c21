// Canned replies: made on their settings page (a bad shortcut refused next to its field), edited,
// put into a reply with /shortcut + Enter (and opened with Ctrl+/), deleted; a practitioner sees
// them without being able to change them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, newPage, signIn, apiSession, BASE, SLUG } from './helpers.mjs';
import { patientPage, connect, say } from './chat-helpers.mjs';

let b, api;
before(async () => {
  b = await browser();
  api = await apiSession();
});
after(async () => {
  await b?.close();
});

const tag = Date.now().toString(36);

test('canned replies: create, a bad shortcut refused at its field, edit, /shortcut + Enter in the composer, delete', async () => {
  // A patient's conversation to answer.
  const patient = await patientPage(b, BASE, SLUG);
  const visitor = `cannedtest-${tag}`.padEnd(20, 'x');
  await connect(patient, SLUG, visitor);
  await say(patient, visitor, 'When are you open on Saturday?');
  const conversation = (await api.get(api.clinic('/conversations?limit=200'))).items.find((c) => c.contact === `web:${visitor}`);
  assert.ok(conversation, 'the conversation exists');

  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/settings`);
  // Settings has a section of its own for them.
  await page.locator('[data-settings-tab=canned-replies]').click();
  await page.waitForURL(`${BASE}/c/${SLUG}/settings/canned-replies`);
  const card = page.locator('[data-testid=canned-replies]');
  await card.locator('[data-testid=new-canned]').click();
  const form = card.locator('[data-testid=canned-new-form]');
  await form.locator('input[name=shortcut]').fill('opening hours');
  await form.locator('select[name=language]').selectOption('en');
  await form.locator('textarea[name=body]').fill('We open at 10:00 on Saturdays.');
  await form.locator('[data-testid=save-canned]').click();
  // A space is not allowed in a shortcut: the server says so under the field.
  await form.locator('[data-field=shortcut] .field-message').waitFor();
  assert.equal((await api.get(api.clinic('/canned-replies'))).some((r) => r.body === 'We open at 10:00 on Saturdays.'), false, 'nothing was saved');

  const shortcut = `hours-${tag}`;
  await form.locator('input[name=shortcut]').fill(shortcut);
  await form.locator('[data-testid=save-canned]').click();
  const row = card.locator(`li[data-canned="${shortcut}"]`);
  await row.waitFor();
  await form.waitFor({ state: 'detached' });
  const created = (await api.get(api.clinic('/canned-replies'))).find((r) => r.shortcut === shortcut);
  assert.ok(created, 'created');
  assert.equal(created.language, 'en');
  assert.equal(created.body, 'We open at 10:00 on Saturdays.');

  // Edit its text.
  await row.locator('[data-testid=edit-canned]').click();
  const edit = card.locator('[data-testid=canned-edit-form]');
  const text = 'On Saturdays we are open from 10:00 to 14:00.';
  await edit.locator('textarea[name=body]').fill(text);
  await edit.locator('[data-testid=save-canned]').click();
  await row.locator('.canned-text', { hasText: '10:00 to 14:00' }).waitFor();
  assert.equal((await api.get(api.clinic('/canned-replies'))).find((r) => r.id === created.id).body, text);

  // In the conversation: "/hours-…" lists it, Enter puts its text where the shortcut was.
  await page.goto(`${BASE}/c/${SLUG}/inbox/${conversation.id}`);
  const thread = page.locator('[data-testid=thread]');
  const reply = thread.locator('textarea[name=reply]');
  await reply.waitFor();
  await reply.fill('Hello! ');
  await reply.pressSequentially(`/${shortcut.slice(0, 9)}`);
  const list = thread.locator('[data-testid=canned-list]');
  await list.locator(`[data-shortcut="${shortcut}"]`).waitFor();
  assert.equal(await list.locator('[aria-selected=true]').getAttribute('data-shortcut'), shortcut, 'the best match is chosen');
  await reply.press('Enter');
  await list.waitFor({ state: 'detached' });
  assert.equal(await reply.inputValue(), `Hello! ${text}`);
  const sent = (await api.get(api.clinic(`/conversations/${conversation.id}/messages?limit=50`))).items.filter((m) => m.author === 'staff');
  assert.equal(sent.length, 0, 'Enter inserted the reply and sent nothing');

  // Ctrl+/ opens the list without typing "/"; Escape closes it and leaves the text alone.
  await reply.press('Control+/');
  await list.locator(`[data-shortcut="${shortcut}"]`).waitFor();
  await reply.press('Escape');
  await list.waitFor({ state: 'detached' });
  assert.equal(await reply.inputValue(), `Hello! ${text}`);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'reply', 'Escape closed the list, not the text box');
  // The button next to the composer opens it too; a click inserts.
  await reply.fill('');
  await thread.locator('[data-testid=open-canned]').click();
  await list.locator(`[data-shortcut="${shortcut}"]`).click();
  assert.equal(await reply.inputValue(), text);
  await reply.fill('');
  // The keys list names the shortcut.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('?');
  await page.locator('[data-testid=keys-help] kbd', { hasText: 'Ctrl+/' }).waitFor();
  await page.keyboard.press('Escape');

  // Delete it (asked twice).
  await page.goto(`${BASE}/c/${SLUG}/settings/canned-replies`);
  await row.locator('[data-testid=delete-canned]').click();
  await row.locator('[data-testid=confirm-delete-canned]').click();
  await row.waitFor({ state: 'detached' });
  assert.equal((await api.get(api.clinic('/canned-replies'))).some((r) => r.id === created.id), false);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  await patient.context().close();
});

test('a practitioner sees the canned replies read-only', async () => {
  const shortcut = `welcome-${tag}`;
  const reply = await api.post(api.clinic('/canned-replies'), { shortcut, language: 'tr', body: 'Hoş geldiniz!' });
  const email = `practitioner-${tag}@brightsmile.example`;
  const password = 'a-long-enough-password-42';
  const { token } = await api.post(api.clinic('/members'), { email, role: 'practitioner' });
  const accepted = await fetch(BASE + '/api/v1/auth/invitations/accept', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, email, name: 'Pia Practitioner', password }),
  });
  assert.ok(accepted.ok, `accept: ${accepted.status}`);
  const practitioner = await apiSession(email, password);
  await assert.rejects(practitioner.post(practitioner.clinic('/canned-replies'), { shortcut: `nope-${tag}`, language: 'en', body: 'x' }), (e) => e.status === 403);

  const page = await newPage(b);
  await signIn(page, email, password, `/c/${SLUG}/settings/canned-replies`);
  const card = page.locator('[data-testid=canned-replies]');
  await card.locator(`li[data-canned="${shortcut}"]`, { hasText: 'Hoş geldiniz!' }).waitFor();
  await card.locator('[data-testid=canned-read-only]').waitFor();
  assert.equal(await card.locator('[data-testid=new-canned]').count(), 0);
  assert.equal(await card.locator('[data-testid=edit-canned], [data-testid=delete-canned]').count(), 0);
  assert.equal(await page.locator('[data-testid=problem]').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  await api.del(api.clinic(`/canned-replies/${reply.id}`));
  const member = (await api.get(api.clinic('/members'))).members.find((m) => m.email === email);
  if (member) await api.del(api.clinic(`/members/${member.account_id}`));
});
