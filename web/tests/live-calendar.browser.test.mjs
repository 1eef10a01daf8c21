// The calendar follows the live stream: what another desk (or the assistant) books, moves or
// cancels shows on an open day view within moments, not at the next 30-second poll. A drag onto
// a time the server knows is taken names the appointment in the way, from the 409 itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, newPage, signIn, apiSession, clinicWall, nextWorkday, SLUG } from './helpers.mjs';
import { slotPoint, eventOf, drag, boxOf } from './calendar-helpers.mjs';

let b, api, elif, cleaning, toothache;

async function slotAt(practitioner, service, day, time) {
  const slots = await api.get(api.clinic(`/availability?service_id=${service.id}&practitioner_id=${practitioner.id}&from=${day}&to=${day}&limit=500`));
  const slot = time ? slots.slots.find((s) => clinicWall(s.starts_at).time === time) : slots.slots[0];
  assert.ok(slot, `${time ?? 'a time'} is free on ${day}`);
  return slot;
}

async function book(practitioner, service, patient, day, time) {
  const slot = await slotAt(practitioner, service, day, time);
  return api.post(api.clinic('/appointments'), { service_id: service.id, practitioner_id: practitioner.id, patient_id: patient.id, starts_at: slot.starts_at });
}

before(async () => {
  b = await browser();
  api = await apiSession();
  elif = (await api.get(api.clinic('/practitioners'))).find((p) => p.name.includes('Elif'));
  const svs = await api.get(api.clinic('/services'));
  cleaning = svs.find((s) => s.name.en.includes('cleaning'));
  toothache = svs.find((s) => s.name.en.includes('Toothache'));
});
after(async () => {
  await b?.close();
});

const tag = Date.now().toString(36);

test('live calendar: an appointment booked, moved and cancelled elsewhere shows on the open day view within 2 s', async () => {
  const day = nextWorkday(15);
  const patient = await api.post(api.clinic('/patients'), { name: `Lia Live ${tag}` });
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/calendar?view=day&day=${day}`);
  await page.waitForSelector('[data-testid=calendar][data-ready]');
  await page.locator('.live-dot.on').waitFor();
  // Let the first load and the stream's `ready` settle, so what follows is the event's doing.
  await page.waitForTimeout(1500);
  const polls = [];
  page.on('request', (r) => r.url().includes('/appointments?') && polls.push(Date.now()));

  // Booked by another desk.
  const slot = await slotAt(elif, cleaning, day, '11:00');
  const started = Date.now();
  const a = await api.post(api.clinic('/appointments'), { service_id: cleaning.id, practitioner_id: elif.id, patient_id: patient.id, starts_at: slot.starts_at });
  const ev = eventOf(page, patient.name);
  await ev.waitFor({ timeout: 2000 });
  console.log(`live calendar (${process.env.FD_STORE}): booked elsewhere, on screen after ${Date.now() - started} ms`);
  assert.match(await ev.textContent(), /11:00/);
  assert.ok(polls.length >= 1, 'the calendar asked again after the event');

  // Moved by another desk.
  const later = await slotAt(elif, cleaning, day, '15:00');
  await api.post(api.clinic(`/appointments/${a.id}/reschedule`), { starts_at: later.starts_at });
  await page.waitForFunction((name) => [...document.querySelectorAll('[data-testid=calendar] .ec-event.appt')].some((e) => e.textContent.includes(name) && e.textContent.includes('15:00')), patient.name, { timeout: 2000 });

  // Cancelled by another desk: it leaves the calendar (cancelled ones are hidden by default).
  await api.post(api.clinic(`/appointments/${a.id}/cancel`), { by: 'clinic', reason: 'Live test' });
  await ev.waitFor({ state: 'detached', timeout: 2000 });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a drag onto a time another desk just took: the 409 names that appointment and its time', async () => {
  const day = nextWorkday(18);
  const mover = await api.post(api.clinic('/patients'), { name: `Mert Mover ${tag}` });
  const blocker = await api.post(api.clinic('/patients'), { name: `Bella Blocker ${tag}` });
  await book(elif, toothache, mover, day, '10:00');
  const taken = await book(elif, toothache, blocker, day, '12:30');
  const page = await newPage(b);
  // This calendar has not heard of the blocking appointment (it was booked a moment ago at
  // another desk): only the server's answer can name it.
  await page.route(/\/api\/v1\/clinics\/[^/]+\/appointments\?/, async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    json.items = json.items.filter((x) => x.id !== taken.id);
    await route.fulfill({ response, json });
  });
  await signIn(page, undefined, undefined, `/c/${SLUG}/calendar?view=day&day=${day}`);
  await page.waitForSelector('[data-testid=calendar][data-ready]');
  const ev = eventOf(page, mover.name);
  await ev.waitFor();
  assert.equal(await eventOf(page, blocker.name).count(), 0, 'the blocking appointment is not on this screen');
  const box = await boxOf(ev);
  await drag(page, { x: box.x + box.width / 2, y: box.y + 6 }, await slotPoint(page, 'Elif', '12:30'));
  const problem = page.locator('[data-testid=problem]');
  await problem.waitFor();
  assert.match(await problem.textContent(), new RegExp(`${blocker.name}.*12:30`));
  // The dragged one is back at 10:00.
  await page.waitForFunction((name) => [...document.querySelectorAll('[data-testid=calendar] .ec-event.appt')].some((e) => e.textContent.includes(name) && e.textContent.includes('10:00')), mover.name);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
