#!/usr/bin/env node
// Prints the gzip size of every built asset and fails when the entry chunk (everything the
// first page load needs, JS + CSS) is over the budget. Run after `npm run build`.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 200;
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '../dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set(
  [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]),
);
const kb = (n) => (n / 1024).toFixed(1);
let initialGzip = 0;
const rows = readdirSync(join(dist, 'assets'))
  .filter((f) => /\.(js|css)$/.test(f))
  .map((f) => {
    const buf = readFileSync(join(dist, 'assets', f));
    const gz = gzipSync(buf, { level: 9 }).length;
    const first = initial.has(`assets/${f}`);
    if (first) initialGzip += gz;
    return { f, raw: buf.length, gz, first };
  })
  .sort((a, b) => b.gz - a.gz);
for (const r of rows) {
  console.log(
    `${r.first ? 'initial' : 'lazy   '}  ${kb(r.gz).padStart(7)} kB gzip  ${kb(r.raw).padStart(7)} kB  ${r.f}`,
  );
}
console.log(`initial load: ${kb(initialGzip)} kB gzip (budget ${BUDGET_KB} kB)`);
if (initialGzip > BUDGET_KB * 1024) {
  console.error('over budget');
  process.exit(1);
}
