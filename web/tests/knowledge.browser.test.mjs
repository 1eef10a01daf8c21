// Knowledge: a document dropped on the page is uploaded and read; the ask box finds it with its
// score; an FAQ is added, edited, refused when empty.
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

test('drop a document, watch it become ready, ask and see it with its score', async () => {
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/knowledge`);
  const zone = page.locator('[data-testid=dropzone]');
  await zone.waitFor();
  const text = '# Parking\n\nPatients park free of charge in the Zebrafield garage behind the clinic, level minus two.\n';
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'parking.md', { type: 'text/markdown' }));
    return dt;
  }, text);
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
  const row = page.locator('[data-testid=documents] tr', { hasText: 'parking' });
  await row.waitFor();
  await row.locator('[data-testid=document-state]', { hasText: 'Ready' }).waitFor({ timeout: 60000 });
  const docs = await api.get(api.clinic('/knowledge/documents'));
  assert.ok(docs.some((d) => d.filename === 'parking.md' && d.status === 'ready'));

  await page.fill('input[name=ask]', 'where can I park? Zebrafield');
  await page.click('form:has(input[name=ask]) button[type=submit]');
  const hit = page.locator('[data-testid=hits] .hit', { hasText: 'Zebrafield' }).first();
  await hit.waitFor();
  assert.match(await hit.locator('[data-testid=score]').textContent(), /score \d+\.\d{4}/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a file that cannot be read shows why; a file type it does not take is refused in words', async () => {
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/knowledge`);
  const input = page.locator('[data-testid=dropzone] input[type=file]');
  await input.setInputFiles({ name: 'broken-prices.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nthe rest is not a PDF at all\n') });
  const row = page.locator('[data-testid=documents] tr', { hasText: 'broken-prices' });
  await row.locator('[data-testid=document-state]', { hasText: 'Failed' }).waitFor({ timeout: 60000 });
  const doc = (await api.get(api.clinic('/knowledge/documents'))).find((d) => d.filename === 'broken-prices.pdf');
  assert.equal(doc.status, 'failed');
  assert.ok(doc.error);
  await row.locator('.field-message', { hasText: doc.error.slice(0, 20) }).waitFor();

  await input.setInputFiles({ name: 'tool.exe', mimeType: 'application/octet-stream', buffer: Buffer.from([0x4d, 0x5a, 0, 1, 2, 3]) });
  await page.locator('[data-testid=upload]', { hasText: 'tool.exe' }).locator('[data-testid=problem]', { hasText: 'unsupported' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('FAQ: refused when empty, added, edited', async () => {
  const page = await newPage(b);
  await signIn(page, undefined, undefined, `/c/${SLUG}/knowledge`);
  await page.click('[data-testid=new-faq]');
  const form = page.locator('[data-testid=faq-form]');
  await form.locator('button[type=submit]').click();
  await form.locator('.field-message, [data-testid=problem]').first().waitFor();
  await form.locator('input[name=question]').fill('Do you open on Sundays?');
  await form.locator('textarea[name=answer]').fill('No, we are closed on Sundays.');
  await form.locator('button[type=submit]').click();
  const item = page.locator('[data-testid=faqs] .hit', { hasText: 'Do you open on Sundays?' });
  await item.waitFor();
  await item.locator('button', { hasText: 'Edit' }).click();
  await page.locator('[data-testid=faq-form] textarea[name=answer]').fill('No; for emergencies call our on-call line.');
  await page.locator('[data-testid=faq-form] button[type=submit]').click();
  await page.locator('[data-testid=faqs] .hit', { hasText: 'on-call line' }).waitFor();
  const faqs = await api.get(api.clinic('/knowledge/faqs'));
  assert.ok(faqs.some((f) => f.question === 'Do you open on Sundays?' && f.answer.includes('on-call')));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
