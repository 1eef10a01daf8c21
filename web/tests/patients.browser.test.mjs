// Patients: find by name and phone, a patient's page with upcoming appointments, edit with the
// API's validation next to the field, create.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, newPage, signIn, apiSession, nextWorkday, clinicWall, SLUG } from './helpers.mjs';

let b, api;
before(async () => {
  b = await browser();
  api = await apiSession();
});
after(async () => {
  await b?.close();
});

test('search, open, see the upcoming appointment, edit with a field error, create', async () => {
  const tag = Date.now().toString(36);
  const phone = '+90533' + String(Date.now()).slice(-7);
  const p = await api.post(api.clinic('/patients'), { name: `Ayşe Yılmaz ${tag}`, phone });
  const elif = (await api.get(api.clinic('/practitioners'))).find((x) => x.name.includes('Elif'));
  const service = (await api.get(api.clinic('/services'))).find((s) => s.name.en.includes('Toothache'));
  const day = nextWorkday(6);
  const slots = await api.get(api.clinic(`/availability?service_id=${service.id}&practitioner_id=${elif.id}&from=${day}&to=${day}&limit=5`));
  await api.post(api.clinic('/appointments'), { service_id: service.id, practitioner_id: elif.id, patient_id: p.id, starts_at: slots.slots[0].starts_at });

  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/patients`);
  const search = page.locator('input[name=patient-search]');
  // By name, without the Turkish letters; then by phone.
  await search.fill(`ayse yilmaz ${tag}`);
  await page.locator('[data-testid=patients] a', { hasText: p.name }).waitFor();
  await search.fill(phone.slice(-7));
  await page.locator('[data-testid=patients] a', { hasText: p.name }).click();

  const patientPage = page.locator('[data-testid=patient-page]');
  await patientPage.waitFor();
  await patientPage.locator('[data-testid=upcoming] li', { hasText: 'Toothache' }).waitFor();
  assert.match(await patientPage.locator('[data-testid=upcoming]').textContent(), new RegExp(clinicWall(slots.slots[0].starts_at).time));

  await patientPage.locator('[data-testid=edit-patient]').click();
  const form = page.locator('[data-testid=patient-form]');
  await form.locator('input[name=phone]').fill('12');
  await form.locator('[data-testid=save-patient]').click();
  await form.locator('[data-field=phone] .field-message').waitFor();
  await form.locator('input[name=phone]').fill('+90 (532) 765 43 21');
  await form.locator('input[name=email]').fill('AYSE@EXAMPLE.COM');
  await form.locator('[data-testid=save-patient]').click();
  await patientPage.locator('[data-testid=patient-phone]', { hasText: '+905327654321' }).waitFor();
  const saved = await api.get(api.clinic(`/patients/${p.id}`));
  assert.equal(saved.phone, '+905327654321');
  assert.equal(saved.email, 'ayse@example.com');

  await page.locator('a', { hasText: 'All patients' }).click();
  await page.locator('[data-testid=new-patient]').click();
  const create = page.locator('[data-testid=patient-form]');
  await create.locator('[data-testid=save-patient]').click();
  await create.locator('[data-field=name] .field-message').waitFor();
  await create.locator('input[name=name]').fill(`João Silva ${tag}`);
  await create.locator('[data-testid=save-patient]').click();
  await page.locator('[data-testid=patient-page] h1', { hasText: `João Silva ${tag}` }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
