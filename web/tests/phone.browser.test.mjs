// At 390 px wide (a phone): the inbox list and thread (with its assignee and canned replies), the
// day calendar and its booking form, patients, settings (and the canned replies page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, newPage, signIn, apiSession, nextWorkday, BASE, SLUG } from './helpers.mjs';
import { patientPage, connect, say } from './chat-helpers.mjs';

let b;
before(async () => {
  b = await browser();
});
after(async () => {
  await b?.close();
});

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function noSideways(page) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `the page is ${wide} px wide`);
}

/** No visible control reaches past the right edge (a clipped card keeps the page narrow). */
async function nothingCutOff(page) {
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea, button')]
      .filter((e) => e.offsetParent !== null)
      .map((e) => Math.round(e.getBoundingClientRect().right))
      .filter((right) => right > 390));
  assert.deepEqual(cut, [], 'controls past the right edge');
}

test('inbox at 390 px: the list, then the thread with its composer and a way back', async () => {
  const patient = await patientPage(b, BASE, SLUG);
  const visitor = `phonetest-${Date.now().toString(36)}`.padEnd(20, 'x');
  await connect(patient, SLUG, visitor);
  await say(patient, visitor, 'Writing from my phone test');
  const api = await apiSession();
  const conversation = (await api.get(api.clinic('/conversations?limit=200'))).items.find((c) => c.contact === `web:${visitor}`);
  const page = await newPage(b, PHONE);
  await signIn(page, undefined, undefined, `/c/${SLUG}/inbox`);
  const item = page.locator(`[data-testid=conversations] a[data-conversation="${conversation.id}"]`);
  await item.waitFor();
  await noSideways(page);
  await page.locator('a[data-section=calendar]').waitFor();
  // The filters are compact: chips one line tall, and the list starts in the top third.
  const chips = await page.locator('.filters label.chip').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  assert.ok(chips.length >= 2 && chips.every((h) => h <= 32), `filter chips ${chips.join(', ')} px tall`);
  const listTop = await page.locator('[data-testid=conversations]').evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(listTop <= 844 / 3, `the list starts ${listTop} px down`);
  await item.tap();
  const thread = page.locator('[data-testid=thread]');
  await thread.locator('[data-testid=message]', { hasText: 'phone test' }).waitFor();
  assert.equal(await page.locator('[data-testid=conversations]').isVisible(), false, 'the list gives way to the thread');
  assert.ok(await thread.locator('textarea[name=reply]').isVisible());
  await noSideways(page);
  if (process.env.FD_PHONE_SHOTS) await page.screenshot({ path: process.env.FD_PHONE_SHOTS + '/phone-inbox.png' });
  await thread.locator('button.back').tap();
  await page.locator('[data-testid=conversations]').waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
  await patient.context().close();
});

test('day calendar at 390 px: a column per practitioner, the sections reachable, free time opens the booking form', async () => {
  const api = await apiSession();
  const day = nextWorkday(5);
  const page = await newPage(b, PHONE);
  await signIn(page, undefined, undefined, `/c/${SLUG}/calendar?view=day&day=${day}`);
  await page.waitForSelector('[data-testid=calendar][data-ready]');
  const heads = await page.locator('[data-testid=calendar] .ec-col-head').count();
  const practitioners = (await api.get(api.clinic('/practitioners'))).filter((p) => p.active).length;
  assert.equal(heads, practitioners);
  await noSideways(page);
  assert.ok(await page.locator('.calendar-title').isVisible());
  assert.ok(await page.locator('a[data-section=inbox]').isVisible(), 'the sections stay reachable');
  if (process.env.FD_PHONE_SHOTS) await page.screenshot({ path: process.env.FD_PHONE_SHOTS + '/phone-calendar.png' });
  // Tap free time in the first column at 10:00.
  const point = await page.evaluate(() => {
    const head = document.querySelector('[data-testid=calendar] .ec-col-head').getBoundingClientRect();
    const label = [...document.querySelectorAll('[data-testid=calendar] .ec-sidebar time')].find((t) => t.getAttribute('datetime').endsWith('T10:00:00'));
    label.scrollIntoView({ block: 'center' });
    const slot = label.closest('.ec-slot').getBoundingClientRect();
    return { x: head.left + head.width / 2, y: slot.top + slot.height / 2 };
  });
  await page.mouse.click(point.x, point.y);
  await page.locator('[data-testid=booking-form]').waitFor();
  if (process.env.FD_PHONE_SHOTS) await page.screenshot({ path: process.env.FD_PHONE_SHOTS + '/phone-booking.png' });
  assert.ok(await page.locator('[data-testid=booking-form] input[name=patient-search]').isVisible());
  await noSideways(page);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('patients at 390 px: the list and a patient page fit the screen', async () => {
  const api = await apiSession();
  const p = await api.post(api.clinic('/patients'), { name: `Phone Page Patient ${Date.now().toString(36)}`, phone: '+90532' + String(Date.now()).slice(-7), email: 'phone.page@example.com' });
  const page = await newPage(b, PHONE);
  await signIn(page, undefined, undefined, `/c/${SLUG}/patients`);
  await page.locator('input[name=patient-search]').fill(p.name);
  await page.locator('[data-testid=patients] a', { hasText: p.name }).tap();
  await page.locator('[data-testid=patient-page] h1', { hasText: p.name }).waitFor();
  await noSideways(page);
  await page.locator('[data-testid=edit-patient]').tap();
  await page.locator('[data-testid=patient-form] input[name=name]').waitFor();
  await noSideways(page);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('settings at 390 px: the clinic form and the week editor fit the screen', async () => {
  // A narrow desktop window as well as a phone: without mobile emulation nothing zooms out.
  const page = await newPage(b, { viewport: PHONE.viewport });
  await signIn(page, undefined, undefined, `/c/${SLUG}/settings`);
  await page.locator('form input').first().waitFor();
  // The services table arrives with its own request; it is the widest thing here.
  await page.locator('.table').first().waitFor();
  await noSideways(page);
  await nothingCutOff(page);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('inbox desk and canned replies at 390 px: the assignee, the canned list, their settings page fit the screen', async () => {
  const api = await apiSession();
  const tag = Date.now().toString(36);
  const reply = await api.post(api.clinic('/canned-replies'), { shortcut: `phone-${tag}`, language: 'en', body: 'A canned reply that is long enough to need more than one line on a phone screen.' });
  const patient = await patientPage(b, BASE, SLUG);
  const visitor = `phonedesk-${tag}`.padEnd(20, 'x');
  await connect(patient, SLUG, visitor);
  await say(patient, visitor, 'A question from a phone');
  const conversation = (await api.get(api.clinic('/conversations?limit=200'))).items.find((c) => c.contact === `web:${visitor}`);
  const page = await newPage(b, { viewport: PHONE.viewport });
  await signIn(page, undefined, undefined, `/c/${SLUG}/inbox/${conversation.id}`);
  const thread = page.locator('[data-testid=thread]');
  await thread.locator('select[name=assignee]').waitFor();
  const box = thread.locator('textarea[name=reply]');
  await box.pressSequentially(`/phone-${tag}`);
  await thread.locator(`[data-testid=canned-list] [data-shortcut="phone-${tag}"]`).waitFor();
  await noSideways(page);
  if (process.env.FD_PHONE_SHOTS) await page.screenshot({ path: process.env.FD_PHONE_SHOTS + '/phone-canned.png' });
  await box.press('Enter');
  assert.match(await box.inputValue(), /long enough/);
  await box.fill('');
  await page.goto(`${BASE}/c/${SLUG}/settings/canned-replies`);
  await page.locator(`[data-canned="phone-${tag}"]`).waitFor();
  await page.locator('[data-testid=new-canned]').click();
  await page.locator('[data-testid=canned-new-form] input[name=shortcut]').waitFor();
  await noSideways(page);
  await nothingCutOff(page);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  await patient.context().close();
  await api.del(api.clinic(`/canned-replies/${reply.id}`));
});
