#!/usr/bin/env node
// Measures the built app's first load in Debian's Chromium against the real backend: starts
// `kindred serve` on a fresh data directory, loads the sign-in page with a cold cache N times
// and prints DOMContentLoaded, load and first-contentful-paint times (median and worst).
// Figures, not a pass/fail test: timing assertions flake on shared machines.
//
//   npm run build && node scripts/first-load.mjs [runs=7]
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const binary = resolve(here, '..', process.env.KINDRED_BIN ?? '../target/debug/kindred');
const dist = resolve(here, '../dist');
const runs = Number(process.argv[2] ?? 7);
const port = Number(process.env.KINDRED_PERF_PORT ?? 18090);
const base = `http://127.0.0.1:${port}`;
if (!existsSync(binary) || !existsSync(join(dist, 'index.html'))) {
  console.error(`needs ${binary} (cargo build -p kindred) and ${dist} (npm run build)`);
  process.exit(2);
}

const dataDir = mkdtempSync(join(tmpdir(), 'kindred-perf-'));
const server = spawn(binary, ['serve'], {
  env: {
    ...process.env,
    KINDRED_DATA_DIR: dataDir,
    KINDRED_BIND: `127.0.0.1:${port}`,
    KINDRED_FRONTEND_DIR: dist,
    KINDRED_LOG: 'error',
  },
  stdio: 'ignore',
});
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 100) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const rows = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext(); // cold cache every time
    const page = await context.newPage();
    await page.goto(`${base}/login`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    rows.push(
      await page.evaluate(() => {
        const [nav] = performance.getEntriesByType('navigation');
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        return {
          dcl: nav.domContentLoadedEventEnd,
          load: nav.loadEventEnd,
          fcp: fcp ? fcp.startTime : NaN,
          bytes: performance
            .getEntriesByType('resource')
            .reduce((n, r) => n + (r.transferSize || 0), nav.transferSize || 0),
        };
      }),
    );
    await context.close();
  }
  await browser.close();
  const stat = (k) => {
    const xs = rows.map((r) => r[k]).sort((a, b) => a - b);
    return `median ${xs[Math.floor(xs.length / 2)].toFixed(0)} ms, worst ${xs[xs.length - 1].toFixed(0)} ms`;
  };
  console.log(`first load of ${base}/login, cold cache, ${runs} runs (debug server, local):`);
  console.log(`  first contentful paint  ${stat('fcp')}`);
  console.log(`  DOMContentLoaded        ${stat('dcl')}`);
  console.log(`  load event              ${stat('load')}`);
  console.log(`  bytes transferred       ${(rows[0].bytes / 1024).toFixed(1)} kB`);
} finally {
  server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
