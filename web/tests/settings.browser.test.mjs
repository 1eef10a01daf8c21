// Settings: the clinic's opening hours and a practitioner's weekly hours (several ranges a day,
// refused overlaps named by day), and a new service.
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

test('opening hours: a second range on Saturday is saved; an overlap is named on its day', async () => {
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/settings`);
  const card = page.locator('[data-testid=opening-hours]');
  const saturday = card.locator('[data-day=saturday]');
  await saturday.waitFor();
  const before = (await api.get(api.clinic())).opening_hours.saturday.length;
  await saturday.locator('[data-testid=add-range]').click();
  const ranges = saturday.locator('.range');
  assert.equal(await ranges.count(), before + 1);
  await ranges.last().locator('input').nth(0).fill('15:00');
  await ranges.last().locator('input').nth(1).fill('17:30');
  await card.locator('[data-testid=save-opening-hours]').click();
  await card.locator('.ok').waitFor();
  const saved = (await api.get(api.clinic())).opening_hours.saturday;
  assert.equal(saved.at(-1), '15:00-17:30');

  // Monday gets a range inside its morning: refused, and said next to Monday.
  const monday = card.locator('[data-day=monday]');
  await monday.locator('[data-testid=add-range]').click();
  await monday.locator('.range').last().locator('input').nth(0).fill('10:00');
  await monday.locator('.range').last().locator('input').nth(1).fill('11:00');
  await card.locator('[data-testid=save-opening-hours]').click();
  await monday.locator('.field-message', { hasText: 'overlaps' }).waitFor();
  assert.equal((await api.get(api.clinic())).opening_hours.monday.length, 2, 'nothing changed');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("a practitioner's weekly hours and a new service", async () => {
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/settings`);
  const james = (await api.get(api.clinic('/practitioners'))).find((p) => p.name.includes('James'));
  const card = page.locator('[data-testid=working-hours]');
  await card.locator('select[name=practitioner]').selectOption(james.id);
  const sunday = card.locator('[data-day=sunday]');
  // Whatever Sunday had (other tests change hours), it becomes one morning range.
  while ((await sunday.locator('.range').count()) > 0) await sunday.locator('.range button').first().click();
  await sunday.locator('.muted', { hasText: 'Closed' }).waitFor();
  await sunday.locator('[data-testid=add-range]').click();
  await sunday.locator('.range').last().locator('input').nth(0).fill('10:00');
  await sunday.locator('.range').last().locator('input').nth(1).fill('12:00');
  await card.locator('[data-testid=save-working-hours]').click();
  await card.locator('.ok').waitFor();
  const after = (await api.get(api.clinic('/practitioners'))).find((p) => p.id === james.id);
  assert.deepEqual(after.working_hours.sunday, ['10:00-12:00']);

  const services = page.locator('[data-testid=services]');
  await services.locator('[data-testid=new-service]').click();
  const form = services.locator('[data-testid=service-form]');
  await form.locator('[data-testid=save-service]').click();
  await form.locator('.field-message, [data-testid=problem]').first().waitFor();
  await form.locator('input[name=service-name]').fill('Implant consultation');
  await form.locator('input[name=duration]').fill('40');
  await form.locator('input[name=price]').fill('750');
  await form.locator('label.chip', { hasText: 'James' }).locator('input').check();
  await form.locator('[data-testid=save-service]').click();
  await services.locator('td', { hasText: 'Implant consultation' }).waitFor();
  const created = (await api.get(api.clinic('/services'))).find((s) => s.name.en === 'Implant consultation');
  assert.equal(created.duration_minutes, 40);
  assert.deepEqual(created.price, { amount_minor: 75000, currency: 'TRY' });
  assert.deepEqual(created.practitioner_ids, [james.id]);

  // Edit it: a longer visit, a price written the Turkish way.
  const row = services.locator('tr', { hasText: 'Implant consultation' });
  await row.locator('[data-testid=edit-service]').click();
  await row.locator('input[name=edit-duration]').fill('45');
  await row.locator('input[name=edit-price]').fill('1.250,50');
  await row.locator('[data-testid=service-edit] button[type=submit]').click();
  await row.locator('td', { hasText: '45 min' }).waitFor();
  const edited = (await api.get(api.clinic('/services'))).find((s) => s.id === created.id);
  assert.equal(edited.duration_minutes, 45);
  assert.deepEqual(edited.price, { amount_minor: 125050, currency: 'TRY' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the clinic profile and the booking rules, with the server refusing a bad value next to it', async () => {
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/settings`);
  const profile = page.locator('[data-testid=profile]');
  await profile.locator('input[name=clinic-website]').fill('not a website');
  await profile.locator('[data-testid=save-profile]').click();
  await profile.locator('[data-field="contact.website"] .field-message').waitFor();
  await profile.locator('input[name=clinic-website]').fill('https://brightsmile.example');
  await profile.locator('input[name=persona-name]').fill('Deniz');
  await profile.locator('textarea[name=clinic-emergency]').fill('Call 112 for a medical emergency; for dental pain call +90 212 555 0199.');
  await profile.locator('[data-testid=save-profile]').click();
  await profile.locator('.ok').waitFor();
  const clinic = await api.get(api.clinic());
  assert.equal(clinic.persona.name, 'Deniz');
  assert.match(clinic.emergency_instructions, /dental pain/);

  const policy = page.locator('[data-testid=policy]');
  await policy.locator('input[name=horizon_days]').fill('0');
  await policy.locator('[data-testid=save-policy]').click();
  await policy.locator('[data-field=horizon_days] .field-message').waitFor();
  await policy.locator('input[name=horizon_days]').fill('120');
  await policy.locator('input[name=reminders]').fill('48, 3');
  await policy.locator('[data-testid=save-policy]').click();
  await policy.locator('.ok').waitFor();
  const rules = await api.get(api.clinic('/scheduling-policy'));
  assert.equal(rules.horizon_days, 120);
  assert.deepEqual(rules.reminder_offsets_minutes.slice().sort((a, b) => b - a), [2880, 180]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
