// The inbox as a shared desk: conversations assigned to a member (and the filters for them, kept
// current when another desk assigns), and the search box asking the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, newPage, signIn, apiSession, BASE, SLUG } from './helpers.mjs';
import { patientPage, connect, say } from './chat-helpers.mjs';

let b, api, me;
before(async () => {
  b = await browser();
  api = await apiSession();
  me = (await api.get('/api/v1/me')).account;
});
after(async () => {
  await b?.close();
});

const tag = Date.now().toString(36);
const visitorId = (n) => `desktest-${tag}-${n}`.padEnd(20, 'x');

async function conversationOf(visitor) {
  for (let i = 0; i < 50; i++) {
    const c = (await api.get(api.clinic('/conversations?status=open&limit=200'))).items.find((x) => x.contact === `web:${visitor}`);
    if (c) return c;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no conversation for ' + visitor);
}

test('assign a conversation to myself; "Assigned to me" shows it, "Unassigned" does not; another desk unassigns it live', async () => {
  const patient = await patientPage(b, BASE, SLUG);
  const visitor = visitorId('assign');
  await connect(patient, SLUG, visitor);
  await say(patient, visitor, 'Could someone call me back about my crown?');
  const conversation = await conversationOf(visitor);
  assert.equal(conversation.assigned_to ?? null, null, 'nobody has it yet');

  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/inbox/${conversation.id}`);
  await page.locator('.live-dot.on').waitFor();
  const thread = page.locator('[data-testid=thread]');
  const select = thread.locator('select[name=assignee]');
  await select.locator(`option[value="${me.id}"]`).waitFor({ state: 'attached' });
  await select.selectOption(me.id);
  let saved;
  for (let i = 0; i < 50; i++) {
    saved = await api.get(api.clinic(`/conversations/${conversation.id}`));
    if (saved.assigned_to) break;
    await page.waitForTimeout(100);
  }
  assert.equal(saved.assigned_to, me.id, 'the API says who has it');
  const row = page.locator(`[data-testid=conversations] a[data-conversation="${conversation.id}"]`);
  const badge = row.locator('.assignee');
  await badge.waitFor();
  assert.match(await badge.getAttribute('title'), new RegExp(me.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

  const filter = page.locator('.filters select[name=assigned]');
  await filter.selectOption('me');
  await row.waitFor();
  for (const c of (await api.get(api.clinic('/conversations?status=open&assigned_to=me&limit=200'))).items) assert.equal(c.assigned_to, me.id);
  await filter.selectOption('none');
  await row.waitFor({ state: 'detached', timeout: 10000 });
  const unassigned = (await api.get(api.clinic('/conversations?status=open&assigned_to=none&limit=200'))).items;
  assert.equal(unassigned.some((c) => c.id === conversation.id), false);

  // Another desk takes it off me: "Assigned to me" lets it go without a reload.
  await filter.selectOption('me');
  await row.waitFor();
  await api.put(api.clinic(`/conversations/${conversation.id}/assignee`), { account_id: null });
  await row.waitFor({ state: 'detached', timeout: 5000 });
  // …and it is back among the unassigned, with nobody shown in the open thread.
  await filter.selectOption('none');
  await row.waitFor();
  assert.equal(await row.locator('.assignee').count(), 0);
  assert.equal(await select.inputValue(), '');
  // Someone who is not a member cannot be given it.
  await assert.rejects(api.put(api.clinic(`/conversations/${conversation.id}/assignee`), { account_id: '00000000-0000-4000-8000-000000000000' }), (e) => e.status === 422);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  await patient.context().close();
});

test('search asks the server: a word from an earlier message finds its conversation; clearing brings the list back', async () => {
  const patient = await patientPage(b, BASE, SLUG);
  const word = `quokkadent${tag}`;
  const target = visitorId('found');
  await connect(patient, SLUG, target);
  await say(patient, target, `Do you sell the ${word} toothbrush at the front desk?`);
  await say(patient, target, 'Thanks, that is all for now.');
  const other = visitorId('other');
  await connect(patient, SLUG, other);
  await say(patient, other, 'Hello, is parking available?');
  const found = await conversationOf(target);
  const unrelated = await conversationOf(other);

  const page = await newPage(b);
  const asked = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.endsWith('/conversations') && u.searchParams.has('q')) asked.push(u.searchParams.get('q'));
  });
  await signIn(page, undefined, undefined, `/c/${SLUG}/inbox`);
  const list = page.locator('[data-testid=conversations]');
  const otherRow = list.locator(`a[data-conversation="${unrelated.id}"]`);
  await otherRow.waitFor();
  // The word is not on screen: the list shows the latest message of each conversation.
  assert.equal(await list.locator('.preview', { hasText: word }).count(), 0, 'the word is in an earlier message only');

  const box = page.locator('.filters input[type=search]');
  // One character is too short to ask about.
  await box.fill(word.slice(0, 1));
  await page.waitForTimeout(500);
  assert.deepEqual(asked, []);
  await box.fill('');
  const answered = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === word);
  // Typed at a person's pace: the server is asked once the typing pauses.
  await box.pressSequentially(word, { delay: 40 });
  assert.equal((await answered).status(), 200);
  await list.locator(`a[data-conversation="${found.id}"]`).waitFor();
  await otherRow.waitFor({ state: 'detached' });
  assert.equal(await list.locator('a[data-conversation]').count(), 1, 'only the conversation with the word');
  assert.ok(asked.every((q) => q.length >= 2), 'asked with at least 2 characters: ' + asked);
  assert.ok(asked.length <= 3, `typing is debounced (${asked.length} requests)`);

  // Cleared: the whole list again.
  await box.fill('');
  await otherRow.waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
  await patient.context().close();
});

test('taking a conversation over makes it mine: it shows under "Assigned to me", and there is one such filter', async () => {
  const patient = await patientPage(b, BASE, SLUG);
  const visitor = visitorId('takeover');
  await connect(patient, SLUG, visitor);
  await say(patient, visitor, 'Can a person help me with my bill?');
  const conversation = await conversationOf(visitor);
  assert.equal(conversation.assigned_to ?? null, null, 'nobody has it yet');

  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/inbox/${conversation.id}`);
  const thread = page.locator('[data-testid=thread]');
  await thread.locator('[data-testid=takeover]').click();
  const select = thread.locator('select[name=assignee]');
  await page.waitForFunction((id) => document.querySelector('[data-testid=thread] select[name=assignee]')?.value === id, me.id);
  assert.equal((await api.get(api.clinic(`/conversations/${conversation.id}`))).assigned_to, me.id);
  assert.equal(await select.inputValue(), me.id);
  // "Mine" is the assignee filter's; no second checkbox says something else by the same word.
  assert.equal(await page.locator('.filters label.chip', { hasText: /^\s*Mine\s*$/ }).count(), 0);
  await page.locator('.filters select[name=assigned]').selectOption('me');
  await page.locator(`[data-testid=conversations] a[data-conversation="${conversation.id}"]`).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
  await patient.context().close();
});

test('search ignores case and accents: "sukru isik" finds "Şükrü IŞIK"', async () => {
  const patient = await patientPage(b, BASE, SLUG);
  const target = visitorId('accents');
  await connect(patient, SLUG, target);
  await say(patient, target, `Merhaba, ben Şükrü IŞIK ${tag}, yarın için randevu alabilir miyim?`);
  const found = await conversationOf(target);
  // Another conversation, so a cleared search shows the list again (this test alone needs it).
  const other = visitorId('accents-other');
  await connect(patient, SLUG, other);
  await say(patient, other, 'Is there parking nearby?');
  const unrelated = await conversationOf(other);
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/inbox`);
  const list = page.locator('[data-testid=conversations]');
  await list.locator('a[data-conversation]').first().waitFor();
  const box = page.locator('.filters input[type=search]');
  for (const typed of [`sukru isik ${tag}`, `ŞÜKRÜ IŞIK ${tag}`]) {
    const answered = page.waitForResponse((r) => new URL(r.url()).searchParams.get('q') === typed);
    await box.fill(typed);
    assert.equal((await answered).status(), 200);
    await list.locator(`a[data-conversation="${found.id}"]`).waitFor();
    assert.equal(await list.locator('a[data-conversation]').count(), 1, typed);
    await box.fill('');
    await list.locator(`a[data-conversation="${unrelated.id}"]`).waitFor();
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
  await patient.context().close();
});
