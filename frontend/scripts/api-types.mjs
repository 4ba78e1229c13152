#!/usr/bin/env node
// Generates src/api/schema.d.ts from ../docs/openapi.json with openapi-typescript, or with
// --check fails when the committed file is stale.
//
// OpenAPI requires operationIds to be unique. When several operations share one (utoipa names
// every `handler` fn "handler"), openapi-typescript merges them into one `operations` entry and
// every path gets the same request/response types. Until the document has unique ids, this
// script gives duplicates a unique id (method + path) in a temporary copy before generating.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = resolve(root, '../docs/openapi.json');
const target = join(root, 'src/api/schema.d.ts');
const tmp = join(root, 'node_modules/.tmp');
const check = process.argv.includes('--check');

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const doc = JSON.parse(readFileSync(spec, 'utf8'));
const ops = [];
for (const [path, item] of Object.entries(doc.paths ?? {})) {
  for (const m of METHODS) if (item[m]) ops.push({ path, method: m, op: item[m] });
}
const counts = new Map();
for (const { op } of ops) if (op.operationId) counts.set(op.operationId, (counts.get(op.operationId) ?? 0) + 1);
let renamed = 0;
for (const { path, method, op } of ops) {
  if (op.operationId && counts.get(op.operationId) > 1) {
    op.operationId = `${method}_${path.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '')}`;
    renamed++;
  }
}
if (renamed > 0) {
  console.warn(
    `api-types: ${renamed} operations share an operationId in docs/openapi.json; ` +
      'gave them unique ids for generation (fix in the backend: unique operation_id per handler).',
  );
}

mkdirSync(tmp, { recursive: true });
const input = join(tmp, 'openapi.json');
writeFileSync(input, JSON.stringify(doc));
const out = check ? join(tmp, 'schema.d.ts') : target;
const bin = join(root, 'node_modules/.bin/openapi-typescript');
execFileSync(bin, [input, '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });

if (check) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (committed !== readFileSync(out, 'utf8')) {
    console.error('src/api/schema.d.ts is stale: run `npm run gen:api` and commit the result.');
    process.exit(1);
  }
  console.log('src/api/schema.d.ts matches docs/openapi.json');
}
