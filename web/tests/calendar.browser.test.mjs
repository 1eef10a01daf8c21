// The day calendar against the real binary: zone, booking, moving, a refused move, the panel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, newPage, signIn, apiSession, clinicWall, nextWorkday, BASE, SLUG } from './helpers.mjs';
import { slotPoint, eventOf, drag, boxOf } from './calendar-helpers.mjs';

let b, api, day, elif, james, cleaning, toothache, patient, other, third;

async function book(practitioner, service, who, time, status) {
  const slots = await api.get(api.clinic(`/availability?service_id=${service.id}&practitioner_id=${practitioner.id}&from=${day}&to=${day}&limit=500`));
  const slot = slots.slots.find((s) => clinicWall(s.starts_at).time === time);
  assert.ok(slot, `${time} is free on ${day}`);
  return api.post(api.clinic('/appointments'), { service_id: service.id, practitioner_id: practitioner.id, patient_id: who.id, starts_at: slot.starts_at, ...(status ? { status } : {}) });
}

before(async () => {
  api = await apiSession();
  const prs = await api.get(api.clinic('/practitioners'));
  elif = prs.find((p) => p.name.includes('Elif'));
  james = prs.find((p) => p.name.includes('James'));
  const svs = await api.get(api.clinic('/services'));
  cleaning = svs.find((s) => s.name.en.includes('cleaning'));
  toothache = svs.find((s) => s.name.en.includes('Toothache'));
  day = nextWorkday(3);
  const tag = Date.now().toString(36);
  patient = await api.post(api.clinic('/patients'), { name: `Zeynep Calendar ${tag}`, phone: '+90532' + String(Date.now()).slice(-7) });
  other = await api.post(api.clinic('/patients'), { name: `Mateus Calendar ${tag}`, phone: '+55119' + String(Date.now()).slice(-8) });
  third = await api.post(api.clinic('/patients'), { name: `Ana Blocker ${tag}` });
  b = await browser();
});

after(async () => {
  await b?.close();
});

test('day view: a column per practitioner, times in the clinic zone, book, move, refused move, cancel', async () => {
  const a = await book(elif, cleaning, other, '11:00');
  const blocker = await book(elif, toothache, third, '12:30');
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/calendar?view=day&day=${day}`);
  await page.waitForSelector('[data-testid=calendar][data-ready]');
  const heads = await page.locator('[data-testid=calendar] .ec-col-head').allTextContents();
  assert.ok(heads.some((h) => h.includes('Elif')) && heads.some((h) => h.includes('James')), 'one column per practitioner: ' + heads);

  // The browser runs in Los Angeles; the appointment shows at the clinic's 11:00.
  const existing = eventOf(page, other.name);
  await existing.waitFor();
  assert.match(await existing.textContent(), /11:00/);

  // Click free time at 10:00 in Elif's column and book it for a patient found by name.
  const at10 = await slotPoint(page, 'Elif', '10:00');
  await page.mouse.click(at10.x, at10.y);
  const form = page.locator('[data-testid=booking-form]');
  await form.waitFor();
  await form.locator('input[name=patient-search]').fill(patient.name.split(' ').slice(0, 2).join(' '));
  await form.locator('.match', { hasText: patient.name }).click();
  await form.locator('select[name=service]').selectOption(toothache.id);
  await page.waitForFunction(() => document.querySelector('[data-testid=booking-form] select[name=slot]')?.selectedOptions[0]?.textContent.startsWith('10:00'));
  await form.locator('[data-testid=book]').click();
  await page.locator('[data-testid=calendar-notice]').waitFor();
  const booked = eventOf(page, patient.name);
  await booked.waitFor();
  assert.match(await booked.textContent(), /10:00/);
  const list = await api.get(api.clinic(`/appointments?day=${day}&patient_id=${patient.id}`));
  assert.equal(list.items.length, 1);
  assert.equal(clinicWall(list.items[0].starts_at).time, '10:00');
  assert.equal(list.items[0].practitioner_id, elif.id);
  const b10 = list.items[0];

  // Drag the 11:00 appointment to 15:00 in James's column: rescheduled.
  const from = await boxOf(existing);
  const to = await slotPoint(page, 'James', '15:00');
  await drag(page, { x: from.x + from.width / 2, y: from.y + 6 }, { x: to.x, y: to.y });
  await page.locator('[data-testid=calendar-notice]', { hasText: other.name }).waitFor();
  const moved = await api.get(api.clinic(`/appointments/${a.id}`));
  assert.equal(clinicWall(moved.starts_at).time, '15:00');
  assert.equal(moved.practitioner_id, james.id);

  // Drag the 10:00 one onto Elif's 12:30, which is taken: the API refuses (409), the
  // appointment in the way is named and the dragged one snaps back.
  await page.waitForFunction((name) => [...document.querySelectorAll('[data-testid=calendar] .ec-event.appt')].some((e) => e.textContent.includes(name) && e.textContent.includes('15:00')), other.name);
  const b10box = await boxOf(booked);
  await drag(page, { x: b10box.x + b10box.width / 2, y: b10box.y + 6 }, await slotPoint(page, 'Elif', '12:30'));
  const problem = page.locator('[data-testid=problem]');
  await problem.waitFor();
  assert.match(await problem.textContent(), new RegExp(`${third.name}.*12:30`));
  assert.equal((await api.get(api.clinic(`/appointments/${blocker.id}`))).status, 'confirmed');
  await page.waitForFunction((name) => [...document.querySelectorAll('[data-testid=calendar] .ec-event.appt')].some((e) => e.textContent.includes(name) && e.textContent.includes('10:00')), patient.name);
  const still = await api.get(api.clinic(`/appointments/${b10.id}`));
  assert.equal(clinicWall(still.starts_at).time, '10:00');
  assert.equal(still.practitioner_id, elif.id);

  // Click it: the panel offers what the API allows; cancel with a reason.
  await booked.click();
  const panel = page.locator('[data-testid=appointment-panel]');
  await panel.waitFor();
  assert.match(await panel.locator('[data-testid=appointment-status]').textContent(), /Confirmed/);
  assert.equal(await panel.locator('[data-action=complete]').count(), 0, 'a future appointment cannot be completed yet');
  await panel.locator('[data-action=arrive]').click();
  await panel.locator('.status-pill.arrived').waitFor();
  assert.ok((await api.get(api.clinic(`/appointments/${b10.id}`))).arrived_at, 'arrived recorded');
  await panel.locator('[data-action=cancel]').click();
  await panel.locator('input[name=cancel-reason]').fill('Patient travelling');
  await panel.locator('[data-testid=confirm-cancel]').click();
  await panel.locator('[data-testid=appointment-status]', { hasText: 'Cancelled' }).waitFor();
  const cancelled = await api.get(api.clinic(`/appointments/${b10.id}`));
  assert.equal(cancelled.status, 'cancelled');
  assert.equal(cancelled.cancel_reason, 'Patient travelling');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a held appointment is shown apart and can be confirmed; time off and closures shaded; week view per practitioner', async () => {
  const held = await book(elif, cleaning, patient, '16:00', 'held');
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/calendar?view=day&day=${day}`);
  await page.waitForSelector('[data-testid=calendar][data-ready]');
  const ev = page.locator('[data-testid=calendar] .ec-event.status-held', { hasText: patient.name });
  await ev.waitFor();
  await ev.click();
  const panel = page.locator('[data-testid=appointment-panel]');
  await panel.locator('[data-action=confirm]').click();
  await panel.locator('[data-testid=appointment-status]', { hasText: 'Confirmed' }).waitFor();
  assert.equal((await api.get(api.clinic(`/appointments/${held.id}`))).status, 'confirmed');

  // Time off and closures are shaded: James's late afternoon off today, a public holiday later.
  const at = (time) => new Date(`${day}T${time}:00+03:00`).toISOString();
  await api.post(api.clinic(`/practitioners/${james.id}/exceptions`), { kind: 'time_off', starts_at: at('17:00'), ends_at: at('18:00'), note: 'Conference' });
  const holiday = nextWorkday(20);
  await api.post(api.clinic('/closures'), { first_day: holiday, reason: 'Public holiday' });
  await page.reload();
  await page.waitForSelector('[data-testid=calendar][data-ready]');
  await page.locator('[data-testid=calendar] .ec-bg-event.time-off').waitFor();
  await page.goto(`${BASE}/c/${SLUG}/calendar?view=day&day=${holiday}`);
  await page.waitForSelector('[data-testid=calendar][data-ready]');
  assert.equal(await page.locator('[data-testid=calendar] .ec-bg-event.closed').count(), 2, 'the closure covers both columns');

  // Week view of James: his moved appointment is there, Elif's are not.
  await page.goto(`${BASE}/c/${SLUG}/calendar?view=week&day=${day}&p=${james.id}`);
  await page.waitForSelector('[data-testid=calendar][data-view=week][data-ready]');
  await eventOf(page, other.name).waitFor();
  assert.equal(await eventOf(page, patient.name).count(), 0, "Elif's patients are not in James's week");
  assert.equal(await page.locator('[data-testid=calendar] .ec-col-head').count(), 7);

  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('once an appointment has started it can be completed or marked no-show, even outside opening hours', async () => {
  // Staff may book at any time; these two start in a few seconds, whatever the hour here.
  const startsAt = new Date(Date.now() + 4000).toISOString();
  const tag = Date.now().toString(36);
  const came = await api.post(api.clinic('/patients'), { name: `Kerem Came ${tag}` });
  const missed = await api.post(api.clinic('/patients'), { name: `Lucía Missed ${tag}` });
  const visit = await api.post(api.clinic('/appointments'), { service_id: cleaning.id, practitioner_id: elif.id, patient_id: came.id, starts_at: startsAt });
  const absent = await api.post(api.clinic('/appointments'), { service_id: cleaning.id, practitioner_id: james.id, patient_id: missed.id, starts_at: startsAt });
  const today = clinicWall(startsAt).day;
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/calendar?view=day&day=${today}`);
  await page.waitForSelector('[data-testid=calendar][data-ready]');
  const panel = page.locator('[data-testid=appointment-panel]');

  // Before it starts, it cannot be completed yet.
  await eventOf(page, came.name).click();
  await panel.locator('h2', { hasText: came.name }).waitFor();
  if (Date.now() < Date.parse(startsAt)) assert.equal(await panel.locator('[data-action=complete]').count(), 0);
  await page.waitForTimeout(Math.max(0, Date.parse(startsAt) - Date.now() + 500));

  // Started: reloaded, the panel offers completion and no-show.
  await page.reload();
  await page.waitForSelector('[data-testid=calendar][data-ready]');
  await eventOf(page, came.name).click();
  await panel.locator('[data-action=complete]').click();
  await panel.locator('[data-testid=appointment-status]', { hasText: 'Completed' }).waitFor();
  assert.equal((await api.get(api.clinic(`/appointments/${visit.id}`))).status, 'completed');
  assert.equal(await panel.locator('[data-action=no-show]').count(), 0, 'a completed visit is not also a no-show');
  // The calendar colours it as completed.
  await page.locator('[data-testid=calendar] .ec-event.status-completed', { hasText: came.name }).waitFor();

  await eventOf(page, missed.name).click();
  await panel.locator('h2', { hasText: missed.name }).waitFor();
  await panel.locator('[data-action=no-show]').click();
  await panel.locator('[data-testid=appointment-status]', { hasText: 'No-show' }).waitFor();
  assert.equal((await api.get(api.clinic(`/appointments/${absent.id}`))).status, 'no_show');
  assert.equal(await panel.locator('[data-action=complete]').count(), 0);
  await page.locator('[data-testid=calendar] .ec-event.status-no_show', { hasText: missed.name }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
