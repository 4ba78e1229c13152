// Browser tests against the REAL backend (`kindred serve`) serving the built app from dist/.
// Uses Debian's Chromium (/usr/bin/chromium); never `npx playwright install`.
//
// Needs: `cargo build -p kindred` (../target/debug/kindred) and `npm run build` (dist/).
import { defineConfig, devices } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const binary = resolve(here, process.env.KINDRED_BIN ?? '../target/debug/kindred');
// KINDRED_E2E_DIST: another build of the app (lets two builds be tested side by side).
const dist = resolve(here, process.env.KINDRED_E2E_DIST ?? 'dist');
const chromium = process.env.KINDRED_CHROMIUM ?? '/usr/bin/chromium';
const port = Number(process.env.KINDRED_E2E_PORT ?? 18080);
const baseURL = `http://127.0.0.1:${port}`;

// One fresh data directory per run. The config is evaluated again in every worker process;
// workers inherit this variable, so they all see the same directory (tests read its outbox).
process.env.KINDRED_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'kindred-e2e-'));
const dataDir = process.env.KINDRED_E2E_DATA_DIR;

if (!process.env.TEST_WORKER_INDEX) {
  const missing = [
    !existsSync(binary) && `${binary} (run: cargo build -p kindred)`,
    !existsSync(join(dist, 'index.html')) && `${dist}/index.html (run: npm run build)`,
    !existsSync(chromium) && `${chromium} (run: scripts/ensure-chromium.sh)`,
  ].filter(Boolean);
  if (missing.length > 0) throw new Error(`browser tests need:\n  ${missing.join('\n  ')}`);
}

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  globalTeardown: './e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    // The demo world is seeded first (as `make run` does), so specs can sign in as a demo
    // patient; specs that need a fresh account register their own.
    command: `"${binary}" seed demo > /dev/null && exec "${binary}" serve`,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      KINDRED_DATA_DIR: dataDir,
      KINDRED_BIND: `127.0.0.1:${port}`,
      KINDRED_PUBLIC_URL: baseURL,
      KINDRED_FRONTEND_DIR: dist,
      KINDRED_LOG: process.env.KINDRED_LOG ?? 'error',
      // Every test registers and signs in from 127.0.0.1; keep the per-IP limit out of the way.
      KINDRED_AUTH_RATE_LIMIT: '10000',
    },
  },
});
