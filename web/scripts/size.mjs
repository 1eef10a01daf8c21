// Prints the gzipped size of what the browser downloads for the first screens and for the
// whole app, from the build's manifest; exits 1 when a budget is exceeded.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1) + ' kB';

/** Files loaded for a chunk: itself, its static imports, their CSS. */
function closure(keys, seen = new Set()) {
  for (const key of keys) {
    const c = manifest[key];
    if (!c || seen.has(c.file)) continue;
    seen.add(c.file);
    for (const css of c.css ?? []) seen.add(css);
    closure(c.imports ?? [], seen);
  }
  return seen;
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const byName = (name) => Object.keys(manifest).find((k) => k.endsWith(`/pages/${name}.tsx`));
const screens = {
  'sign-in screen': closure([entry]),
  'first screen after sign-in (day calendar)': closure([entry, byName('calendar')]),
  'inbox screen': closure([entry, byName('inbox')]),
};
const all = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f)).map((f) => 'assets/' + f);
const sum = (files) => [...files].filter((f) => /\.(js|css)$/.test(f)).reduce((n, f) => n + gz(f), 0);

const FIRST_BUDGET = 150 * 1024;
const ALL_BUDGET = 300 * 1024;
let over = false;
for (const [name, files] of Object.entries(screens)) {
  const n = sum(files);
  if (n > FIRST_BUDGET) over = true;
  console.log(`${name.padEnd(44)} ${kb(n).padStart(9)} gzipped JS+CSS (budget ${kb(FIRST_BUDGET)})`);
}
const total = sum(all);
if (total > ALL_BUDGET) over = true;
console.log(`${'whole app'.padEnd(44)} ${kb(total).padStart(9)} gzipped JS+CSS (budget ${kb(ALL_BUDGET)})`);
process.exit(over ? 1 : 0);
