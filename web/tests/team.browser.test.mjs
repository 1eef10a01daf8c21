// The team: invite a receptionist, who opens the link, chooses a password and is signed in;
// the owner changes their role and removes them. Closed days and time off from settings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, newPage, signIn, apiSession, nextWorkday, BASE, SLUG } from './helpers.mjs';

let b, api;
before(async () => {
  b = await browser();
  api = await apiSession();
});
after(async () => {
  await b?.close();
});

test('invite by link, the new person joins and signs in, role changed, removed', async () => {
  const owner = await newPage(b);
  await signIn(owner, undefined, undefined, `/c/${SLUG}/settings`);
  const team = owner.locator('[data-testid=team]');
  await team.locator('[data-testid=members] tr', { hasText: 'owner@brightsmile.example' }).waitFor();
  const email = `reception-${Date.now().toString(36)}@brightsmile.example`;
  await team.locator('input[name=invite-email]').fill('not an e-mail');
  await team.locator('[data-testid=invite]').click();
  await team.locator('[data-field=email] .field-message').waitFor();
  await team.locator('input[name=invite-email]').fill(email);
  await team.locator('select[name=invite-role]').selectOption('staff');
  await team.locator('[data-testid=invite]').click();
  const link = await team.locator('[data-testid=invite-link]').inputValue();
  assert.match(link, new RegExp(`^${BASE}/invite\\?token=`));
  await team.locator('[data-testid=open-invitations] li', { hasText: email }).waitFor();
  // A second invitation, sent by mistake, is withdrawn.
  const mistaken = `wrong-${Date.now().toString(36)}@brightsmile.example`;
  await team.locator('input[name=invite-email]').fill(mistaken);
  await team.locator('[data-testid=invite]').click();
  const wrong = team.locator('[data-testid=open-invitations] li', { hasText: mistaken });
  await wrong.locator('button').click();
  await wrong.waitFor({ state: 'detached' });
  assert.equal((await api.get(api.clinic('/members'))).invitations.some((i) => i.email === mistaken), false);

  const newcomer = await newPage(b);
  await newcomer.goto(link);
  const form = newcomer.locator('[data-testid=accept-invitation]');
  assert.equal(await form.locator('input[name=email]').inputValue(), email);
  await form.locator('input[name=name]').fill('Rita Reception');
  await form.locator('input[name=password]').fill('short');
  await form.locator('[data-testid=accept]').click();
  await form.locator('[data-field=password] .field-message').waitFor();
  await form.locator('input[name=password]').fill('a-long-enough-password-42');
  await form.locator('[data-testid=accept]').click();
  await newcomer.waitForURL(`${BASE}/c/${SLUG}/calendar`);
  await newcomer.locator('.person-name', { hasText: 'Rita Reception' }).waitFor();
  // Signed in with a browser session: it survives a reload.
  await newcomer.reload();
  await newcomer.locator('[data-testid=calendar]').waitFor();
  // Reception sees the clinic's settings without being able to change them (and no refusals).
  await newcomer.click('a[data-section=settings]');
  await newcomer.locator('[data-testid=settings-read-only]').waitFor();
  await newcomer.locator('[data-testid=members] tr', { hasText: 'Rita Reception' }).waitFor();
  assert.equal(await newcomer.locator('[data-testid=problem]').count(), 0);
  assert.equal(await newcomer.locator('[data-testid=invite-form]').count(), 0);

  await owner.reload();
  const row = owner.locator('[data-testid=members] tr', { hasText: email });
  await row.waitFor();
  await row.locator('select[name=member-role]').selectOption('practitioner');
  for (let i = 0; i < 50; i++) {
    const m = (await api.get(api.clinic('/members'))).members.find((x) => x.email === email);
    if (m.role === 'practitioner') break;
    await owner.waitForTimeout(100);
  }
  assert.equal((await api.get(api.clinic('/members'))).members.find((x) => x.email === email).role, 'practitioner');
  await row.locator('[data-testid=remove-member]').click();
  await row.waitFor({ state: 'detached' });
  assert.equal((await api.get(api.clinic('/members'))).members.some((x) => x.email === email), false);
  assert.deepEqual(owner.errors, []);
  assert.deepEqual(newcomer.errors, []);
  await owner.context().close();
  await newcomer.context().close();
});

test('closed days and time off from settings show on the calendar', async () => {
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/settings`);
  const holiday = nextWorkday(25);
  const closures = page.locator('[data-testid=closures]');
  await closures.locator('input[name=closure-first]').fill(holiday);
  await closures.locator('input[name=closure-reason]').fill('Republic Day');
  await closures.locator('[data-testid=add-closure]').click();
  await closures.locator('li', { hasText: 'Republic Day' }).waitFor();

  const elif = (await api.get(api.clinic('/practitioners'))).find((p) => p.name.includes('Elif'));
  const day = nextWorkday(26);
  const off = page.locator('[data-testid=time-off]');
  await off.locator('select[name=time-off-practitioner]').selectOption(elif.id);
  await off.locator('input[name=time-off-day]').fill(day);
  await off.locator('input[name=time-off-from]').fill('12:00');
  await off.locator('input[name=time-off-until]').fill('15:00');
  await off.locator('input[name=time-off-note]').fill('Dentist conference');
  await off.locator('[data-testid=add-time-off]').click();
  await off.locator('li', { hasText: 'Dentist conference' }).waitFor();
  const saved = (await api.get(api.clinic(`/practitioners/${elif.id}/exceptions`))).find((x) => x.note === 'Dentist conference');
  // 12:00–15:00 in Istanbul (UTC+3), whatever the browser's zone.
  assert.equal(saved.starts_at.slice(11, 16), '09:00');
  assert.equal(saved.ends_at.slice(11, 16), '12:00');

  await page.goto(`${BASE}/c/${SLUG}/calendar?view=day&day=${holiday}`);
  await page.waitForSelector('[data-testid=calendar][data-ready]');
  await page.locator('[data-testid=calendar] .ec-bg-event.closed').first().waitFor();
  await page.goto(`${BASE}/c/${SLUG}/calendar?view=day&day=${day}`);
  await page.waitForSelector('[data-testid=calendar][data-ready]');
  await page.locator('[data-testid=calendar] .ec-bg-event.time-off').waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
