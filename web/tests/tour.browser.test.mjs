// A receptionist's morning, for the README's pictures (docs/screenshots/calendar.png and
// inbox.png): a day of appointments in several states with one open, and the inbox answering a
// patient who wrote on the web chat. Runs last; checks what it shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, newPage, signIn, apiSession, screenshot, clinicWall, nextWorkday, BASE, SLUG } from './helpers.mjs';
import { patientPage, connect, say } from './chat-helpers.mjs';

let b, api;
before(async () => {
  b = await browser();
  api = await apiSession();
});
after(async () => {
  await b?.close();
});

test('the calendar of a busy day, a held appointment open', async () => {
  const day = nextWorkday(9);
  const prs = await api.get(api.clinic('/practitioners'));
  const elif = prs.find((p) => p.name.includes('Elif'));
  const james = prs.find((p) => p.name.includes('James'));
  const svs = await api.get(api.clinic('/services'));
  const svc = (word) => svs.find((s) => s.name.en.toLowerCase().includes(word));
  const plan = [
    [elif, 'cleaning', 'Ayşe Kaya', '09:00', 'arrive'],
    [elif, 'toothache', 'Lucas Oliveira', '10:00', 'held'],
    [elif, 'whitening', 'María López', '11:15', null],
    [elif, 'toothache', 'Mehmet Yıldız', '14:30', null],
    [james, 'cleaning', 'Emre Demir', '09:30', null],
    [james, 'orthodontic', 'Sofia Costa', '11:00', null],
    [james, 'cleaning', 'Can Öztürk', '15:00', 'cancel'],
    [james, 'orthodontic', 'Julia Santos', '16:00', null],
  ];
  for (const [who, service, name, time, then] of plan) {
    const patient = await api.post(api.clinic('/patients'), { name });
    const s = svc(service);
    const slots = await api.get(api.clinic(`/availability?service_id=${s.id}&practitioner_id=${who.id}&from=${day}&to=${day}&limit=500`));
    const slot = slots.slots.find((x) => clinicWall(x.starts_at).time === time);
    assert.ok(slot, `${time} free for ${name}`);
    const a = await api.post(api.clinic('/appointments'), { service_id: s.id, practitioner_id: who.id, patient_id: patient.id, starts_at: slot.starts_at, ...(then === 'held' ? { status: 'held' } : {}) });
    if (then === 'arrive') await api.post(api.clinic(`/appointments/${a.id}/arrive`));
    if (then === 'cancel') await api.post(api.clinic(`/appointments/${a.id}/cancel`), { by: 'patient', reason: 'Travelling' });
  }
  const page = await newPage(b, { viewport: { width: 1400, height: 860 } });
  await signIn(page, undefined, undefined, `/c/${SLUG}/calendar?view=day&day=${day}`);
  await page.waitForSelector('[data-testid=calendar][data-ready]');
  await page.locator('[data-testid=calendar] .ec-event.status-held', { hasText: 'Lucas Oliveira' }).click();
  await page.locator('[data-testid=appointment-panel] [data-action=confirm]').waitFor();
  assert.equal(await page.locator('[data-testid=calendar] .ec-event.appt', { hasText: 'Can Öztürk' }).count(), 0, 'cancelled ones are hidden');
  await page.evaluate(() => document.querySelector('[data-testid=calendar] .ec-body')?.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'calendar.png');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the inbox answering a patient from the web chat', async () => {
  // Yesterday's conversations are done.
  const open = await api.get(api.clinic('/conversations?status=open&limit=200'));
  for (const c of open.items) await api.post(api.clinic(`/conversations/${c.id}/close`));
  const patient = await patientPage(b, BASE, SLUG);
  const hex = () => [...crypto.getRandomValues(new Uint8Array(12))].map((x) => x.toString(16).padStart(2, '0')).join('');
  const first = hex();
  const second = hex();
  await connect(patient, SLUG, first);
  await say(patient, first, 'Hi! Do you have anything on Friday afternoon for a cleaning?');
  await connect(patient, SLUG, second);
  await say(patient, second, 'Hello, I have had a strong toothache since yesterday. Can someone call me?');
  const convs = await api.get(api.clinic('/conversations?status=open&limit=50'));
  const toothache = convs.items.find((c) => c.contact === `web:${second}`);

  const page = await newPage(b, { viewport: { width: 1400, height: 760 } });
  await signIn(page, undefined, undefined, `/c/${SLUG}/inbox/${toothache.id}`);
  const thread = page.locator('[data-testid=thread]');
  await thread.locator('[data-testid=message].author-assistant').first().waitFor({ timeout: 20000 });
  await thread.locator('[data-testid=takeover]').click();
  await thread.locator('textarea[name=reply]').fill("I'm sorry to hear that. We can see you today at 16:00 with Dt. Elif Şahin — shall I book it?");
  await thread.locator('[data-testid=send]').click();
  await thread.locator('[data-testid=message].author-staff').waitFor();
  await say(patient, second, 'Yes please, 16:00 is perfect!');
  await thread.locator('[data-testid=message]', { hasText: '16:00 is perfect' }).waitFor();
  // The chat page's own visit opened a conversation without messages: the list leaves it out.
  assert.equal(await page.locator('[data-testid=conversations] a.conversation').count(), 2);
  await page.waitForTimeout(300);
  await screenshot(page, 'inbox.png');
  assert.deepEqual(page.errors, []);
  await page.context().close();
  await patient.context().close();
});
