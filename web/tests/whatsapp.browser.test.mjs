// A WhatsApp conversation (a signed Twilio webhook, as Twilio sends it): the composer offers the
// channel's approved templates (registered in settings); a template is filled in, previewed
// and sent; outside WhatsApp's 24-hour window (the browser's clock a day on) templates are all
// it offers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { browser, newPage, signIn, apiSession, BASE, SLUG } from './helpers.mjs';

let b, api;
before(async () => {
  b = await browser();
  api = await apiSession();
});
after(async () => {
  await b?.close();
});

/** Posts an inbound WhatsApp message to the channel's webhook, signed like Twilio signs it. */
async function twilioInbound(url, token, params) {
  const signed = url + Object.keys(params).sort().map((k) => k + params[k]).join('');
  const signature = createHmac('sha1', token).update(signed).digest('base64');
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  assert.ok(r.ok, `webhook answered ${r.status}: ${await r.text()}`);
}

test('a WhatsApp patient answered with an approved template, its variables filled in', async () => {
  const token = 'browser-test-twilio-token';
  const number = '+90212555' + String(Date.now()).slice(-4);
  const channel = await api.post(api.clinic('/channels'), {
    kind: 'twilio',
    name: 'Front desk WhatsApp',
    address: number,
    credentials: { account_sid: 'AC' + '0'.repeat(32), auth_token: token },
  });
  const patientNumber = '+90555' + String(Date.now()).slice(-7);
  await twilioInbound(channel.webhook_url, token, {
    MessageSid: 'SM' + Date.now().toString(16).padStart(32, '0'),
    AccountSid: 'AC' + '0'.repeat(32),
    From: `whatsapp:${patientNumber}`,
    To: `whatsapp:${number}`,
    Body: 'Merhaba, randevumu hatırlatır mısınız?',
    ProfileName: 'Selin Aydın',
    NumMedia: '0',
  });
  let conversation;
  for (let i = 0; i < 50 && !conversation; i++) {
    conversation = (await api.get(api.clinic('/conversations?limit=200'))).items.find((c) => c.channel_id === channel.id);
    if (!conversation) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(conversation, 'the webhook opened a conversation');

  // The owner registers the channel's approved template in settings.
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/settings`);
  const item = page.locator('[data-testid=channel-list] li', { hasText: 'Front desk WhatsApp' });
  await item.locator('[data-testid=templates] summary').click();
  await item.locator('input[name=template-name]').fill('appointment_reminder');
  await item.locator('input[name=template-language]').fill('tr');
  await item.locator('textarea[name=template-body]').fill('Merhaba {{1}}, randevunuz {{2}} tarihinde.');
  await item.locator('input[name=template-ref]').fill('HX0123456789abcdef0123456789abcdef');
  await item.locator('[data-testid=add-template]').click();
  await item.locator('[data-testid=templates] li', { hasText: 'appointment_reminder' }).waitFor();
  const templates = await api.get(api.clinic(`/channels/${channel.id}/templates`));
  assert.equal(templates.length, 1);
  assert.equal(templates[0].variables, 2);
  assert.equal(templates[0].approved, true);

  await page.goto(`${BASE}/c/${SLUG}/inbox/${conversation.id}`);
  const thread = page.locator('[data-testid=thread]');
  await thread.locator('[data-testid=message]', { hasText: 'hatırlatır' }).waitFor();
  await thread.locator('h2', { hasText: 'Selin Aydın' }).waitFor();
  // Inside the 24-hour window both are offered; choose the template.
  await thread.locator('[data-testid=mode-template]').click();
  const composer = thread.locator('[data-testid=template-composer]');
  await composer.locator('input[name=variable-1]').fill('Selin');
  await composer.locator('input[name=variable-2]').fill('12 Aralık');
  assert.equal(await composer.locator('[data-testid=template-preview]').textContent(), 'Merhaba Selin, randevunuz 12 Aralık tarihinde.');
  await composer.locator('[data-testid=send-template]').click();
  const sent = thread.locator('[data-testid=message].author-staff', { hasText: 'appointment_reminder' });
  await sent.waitFor();
  assert.match(await sent.textContent(), /Merhaba Selin, randevunuz 12 Aralık tarihinde\./);
  const stored = (await api.get(api.clinic(`/conversations/${conversation.id}/messages`))).items.find((m) => m.template);
  assert.equal(stored.template, 'appointment_reminder:tr');

  // A day later with no word from the patient, WhatsApp allows templates only: the composer
  // offers nothing else (no free text, no switch back to it).
  await page.clock.setFixedTime(Date.now() + 25 * 3600 * 1000);
  await page.goto(`${BASE}/c/${SLUG}/inbox/${conversation.id}`);
  await thread.locator('[data-testid=message]', { hasText: 'hatırlatır' }).waitFor();
  await thread.locator('[data-testid=window-closed]').waitFor();
  assert.equal(await thread.locator('[data-testid=mode-text]').count(), 0);
  assert.equal(await thread.locator('form.composer textarea').count(), 0, 'no free-text composer outside the window');
  const only = thread.locator('[data-testid=template-composer]');
  await only.waitFor();
  await only.locator('input[name=variable-1]').fill('Selin');
  await only.locator('input[name=variable-2]').fill('13 Aralık');
  assert.equal(await only.locator('[data-testid=template-preview]').textContent(), 'Merhaba Selin, randevunuz 13 Aralık tarihinde.');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
