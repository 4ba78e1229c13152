// Removes the run's temporary data directory (set KINDRED_E2E_KEEP=1 to keep it for a look
// at the database and the outbox).
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

export default function globalTeardown() {
  const dir = process.env.KINDRED_E2E_DATA_DIR;
  if (!dir || process.env.KINDRED_E2E_KEEP === '1') return;
  if (dir.startsWith(tmpdir()) && dir.includes('kindred-e2e-')) rmSync(dir, { recursive: true, force: true });
}
