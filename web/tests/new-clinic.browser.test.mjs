// A clinic that has just signed up (São Paulo, Portuguese) has nobody to book with: the calendar
// says so and points to settings; the owner adds a practitioner and a service, and books the
// first appointment — in São Paulo time, with the browser in Los Angeles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { browser, newPage, BASE } from './helpers.mjs';

let b;
before(async () => {
  b = await browser();
});
after(async () => {
  await b?.close();
});

function wallIn(zone, iso) {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

test('a new clinic: add a practitioner and a service, then book the first appointment', async () => {
  const tag = Date.now().toString(36);
  const email = `owner-${tag}@sorriso.example`;
  const password = `sorriso-${tag}-senha-forte`;
  const slug = `sorriso-${tag}`;
  const r = await fetch(`${BASE}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, name: 'Carla Mendes', clinic: { name: 'Clínica Sorriso', slug, time_zone: 'America/Sao_Paulo', default_language: 'pt' } }),
  });
  assert.equal(r.status, 201, await r.text());

  const page = await newPage(b);
  await page.goto(BASE);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${BASE}/c/${slug}/calendar`);
  await page.locator('[data-testid=no-practitioners] a').click();

  const prs = page.locator('[data-testid=practitioners]');
  await prs.locator('[data-testid=new-practitioner]').click();
  await prs.locator('[data-testid=save-practitioner]').click();
  await prs.locator('[data-field=name] .field-message').waitFor();
  await prs.locator('input[name=practitioner-name]').fill('Ana Souza');
  await prs.locator('input[name=practitioner-title]').fill('Dra.');
  await prs.locator('[data-testid=save-practitioner]').click();
  await prs.locator('tr', { hasText: 'Ana Souza' }).waitFor();
  // Her specialty, added afterwards.
  await prs.locator('tr', { hasText: 'Ana Souza' }).locator('[data-testid=edit-practitioner]').click();
  await prs.locator('input[name=edit-specialty]').fill('Odontopediatria');
  await prs.locator('[data-testid=practitioner-edit] button[type=submit]').click();
  await prs.locator('tr', { hasText: 'Odontopediatria' }).waitFor();

  const services = page.locator('[data-testid=services]');
  await services.locator('[data-testid=new-service]').click();
  const form = services.locator('[data-testid=service-form]');
  await form.locator('input[name=service-name]').fill('Limpeza');
  await form.locator('input[name=duration]').fill('30');
  await form.locator('input[name=price]').fill('150');
  await form.locator('input[name=currency]').fill('BRL');
  await form.locator('label.chip', { hasText: 'Ana Souza' }).locator('input').check();
  await form.locator('[data-testid=save-service]').click();
  await services.locator('td', { hasText: 'Limpeza' }).waitFor();

  // The next weekday in São Paulo, at 10:00 there.
  let d = new Date(Date.now() + 2 * 86400000);
  while ([0, 6].includes(new Date(wallIn('America/Sao_Paulo', d).day + 'T12:00:00Z').getUTCDay())) d = new Date(d.getTime() + 86400000);
  const day = wallIn('America/Sao_Paulo', d).day;
  await page.goto(`${BASE}/c/${slug}/calendar?view=day&day=${day}`);
  await page.waitForSelector('[data-testid=calendar][data-ready]');
  assert.match(await page.locator('[data-testid=calendar] .ec-col-head').first().textContent(), /Ana Souza/);
  const point = await page.evaluate(() => {
    const head = document.querySelector('[data-testid=calendar] .ec-col-head').getBoundingClientRect();
    const first = document.querySelector('[data-testid=calendar] .ec-body .ec-sidebar time').getAttribute('datetime');
    const [fh, fm] = first.slice(11, 16).split(':').map(Number);
    const slot = parseFloat(getComputedStyle(document.querySelector('[data-testid=calendar] .ec-main')).getPropertyValue('--ec-slot-height'));
    const grid = document.querySelector('[data-testid=calendar] .ec-body .ec-grid').getBoundingClientRect();
    return { x: head.left + head.width / 2, y: grid.top + ((10 * 60 - (fh * 60 + fm)) / 15) * slot + slot / 2 };
  });
  await page.mouse.click(point.x, point.y);
  const booking = page.locator('[data-testid=booking-form]');
  await booking.waitFor();
  await booking.locator('input[name=patient-search]').fill('Pedro Alves');
  await booking.locator('button.link', { hasText: /\+/ }).click();
  await booking.locator('input[name=patient-phone]').fill('+55 11 91234 5678');
  await booking.locator('button.primary', { hasText: /./ }).first().click();
  await booking.locator('[data-testid=chosen-patient]', { hasText: 'Pedro Alves' }).waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid=booking-form] select[name=slot]')?.selectedOptions[0]?.textContent.startsWith('10:00'));
  await booking.locator('[data-testid=book]').click();
  const event = page.locator('[data-testid=calendar] .ec-event.appt', { hasText: 'Pedro Alves' });
  await event.waitFor();
  assert.match(await event.textContent(), /10:00/);

  // Through the API: 10:00 in São Paulo is 13:00 UTC.
  const login = await (await fetch(`${BASE}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })).json();
  const list = await (await fetch(`${BASE}/api/v1/clinics/${slug}/appointments?day=${day}`, { headers: { authorization: `Bearer ${login.session.access_token}` } })).json();
  assert.equal(list.items.length, 1);
  assert.equal(wallIn('America/Sao_Paulo', list.items[0].starts_at).time, '10:00');
  assert.equal(list.items[0].price.currency, 'BRL');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
