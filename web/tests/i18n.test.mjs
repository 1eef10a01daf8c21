// Every catalogue has every key, with the same placeholders; every key the code names exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../src/i18n/', import.meta.url).pathname;
const src = new URL('../src/', import.meta.url).pathname;
const load = (l) => JSON.parse(readFileSync(join(dir, `${l}.json`), 'utf8'));
const LANGS = ['en', 'tr', 'pt', 'es'];
const catalogues = Object.fromEntries(LANGS.map((l) => [l, load(l)]));
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

for (const lang of LANGS.slice(1)) {
  test(`${lang}: every key of en, no other, none empty, same placeholders`, () => {
    const en = catalogues.en;
    const other = catalogues[lang];
    const missing = Object.keys(en).filter((k) => !(k in other));
    const extra = Object.keys(other).filter((k) => !(k in en));
    assert.deepEqual(missing, [], `missing in ${lang}.json`);
    assert.deepEqual(extra, [], `unknown keys in ${lang}.json`);
    for (const [k, v] of Object.entries(other)) {
      assert.ok(typeof v === 'string' && v.trim(), `${lang}.json: ${k} is empty`);
      assert.deepEqual(placeholders(v), placeholders(en[k]), `${lang}.json: ${k} placeholders`);
    }
  });
}

function files(d) {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });
}

test('every key the code names is in en.json', () => {
  const en = catalogues.en;
  const prefixes = new Set(Object.keys(en).map((k) => k.split('.')[0]));
  const used = new Set();
  for (const f of files(src)) {
    const text = readFileSync(f, 'utf8');
    // Keys the code names: t('…'), labels, [value, 'key'] tables and 'key' as Key (tsc checks
    // the rest: t() takes only keys of en.json).
    const named = [/\bt\(\s*'([a-z]+\.[a-z_]+)'/g, /label: '([a-z]+\.[a-z_]+)'/g, /, '([a-z]+\.[a-z_]+)'\]/g, /'([a-z]+\.[a-z_]+)' as Key/g, /: '([a-z]+\.[a-z_]+)',?\s*$/gm];
    for (const re of named) for (const m of text.matchAll(re)) if (prefixes.has(m[1].split('.')[0])) used.add(m[1]);
  }
  const missing = [...used].filter((k) => !(k in en));
  assert.deepEqual(missing, []);
  // Keys made from API values: every value the API can send has words.
  const dynamic = {
    status: ['held', 'confirmed', 'cancelled', 'expired', 'completed', 'no_show'],
    source: ['assistant', 'staff', 'web'],
    history: ['created', 'confirmed', 'rescheduled', 'cancelled', 'arrived', 'completed', 'no_show', 'expired'],
    actor: ['staff', 'patient', 'assistant', 'system'],
    author: ['patient', 'assistant', 'staff', 'system'],
    delivery: ['received', 'handled', 'queued', 'sending', 'unknown', 'sent', 'delivered', 'read', 'failed'],
    channel: ['twilio', 'meta', 'dialog360', 'zapi', 'web_chat'],
    role: ['owner', 'admin', 'staff', 'practitioner'],
    doc: ['queued', 'extracting', 'embedding', 'ready', 'failed'],
    day: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
    daysoff: ['time_off', 'extra_hours'],
  };
  for (const [prefix, values] of Object.entries(dynamic)) for (const v of values) assert.ok(`${prefix}.${v}` in en, `en.json lacks ${prefix}.${v}`);
});

test('Turkish upper case keeps the dotted İ', () => {
  // upper() in src/i18n/index.ts uses toLocaleUpperCase with the UI language.
  assert.equal('istanbul randevu'.toLocaleUpperCase('tr'), 'İSTANBUL RANDEVU');
  assert.match(readFileSync(join(dir, 'index.ts'), 'utf8'), /toLocaleUpperCase\(language\.value\)/);
});
