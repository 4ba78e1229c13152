// Apple Health import: the member chooses the export.zip the Health app made, checks what it
// holds (per type and dates), imports it and follows the import to the end; importing the same
// file again adds nothing, and a file that is no zip is explained in plain words.
import { expect, test } from '@playwright/test';
import { crc32 } from 'node:zlib';
import { expectNoSeriousA11yViolations, registerVerified, signIn, unexpected, watchConsole } from './helpers';

/** A zip of `files`, stored without compression (all an Apple Health export needs here). */
function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // flags: UTF-8 names
    local.writeUInt16LE(0, 8); // method: stored
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date: 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); // compressed size
    local.writeUInt32LE(data.length, 22); // uncompressed size
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28); // extra length
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // extra, comment, disk, internal and external attributes: all 0
    central.writeUInt32LE(offset, 42); // where the local header is
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const EXPORT_XML = `<?xml version="1.0" encoding="UTF-8"?>
<HealthData locale="en_GB">
 <ExportDate value="2026-02-01 09:00:00 +0000"/>
 <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" value="64" startDate="2026-01-31 08:30:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" unit="kg" value="80.5" startDate="2026-01-31 07:00:00 +0100"/>
</HealthData>
`;

const exportZip = () => ({
  name: 'export.zip',
  mimeType: 'application/zip',
  buffer: storedZip({ 'apple_health_export/export.xml': EXPORT_XML }),
});

test('an Apple Health export is checked, imported once, and adds nothing the second time', async ({ page, request }) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  const user = await registerVerified(request);
  await signIn(page, user);
  await page.goto('/measurements/apple-health');
  await expect(page.getByRole('heading', { level: 1, name: 'Import from Apple Health' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Import a CSV file instead' })).toHaveAttribute('href', '/measurements/import');

  await page.getByLabel('Choose your export.zip').setInputFiles(exportZip());
  await page.getByRole('button', { name: 'Check the file' }).click();
  const summary = page.getByRole('region', { name: 'What the file holds' });
  await expect(summary.getByRole('row', { name: /Heart rate/ }).getByRole('cell').first()).toHaveText('1');
  await expect(summary.getByRole('row', { name: /Body weight/ }).getByRole('cell').first()).toHaveText('1');
  await expect(summary.getByRole('row', { name: /Body weight/ }).getByRole('cell').nth(1)).toHaveText(/2026/);
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  // The background worker picks the import up within a few seconds.
  const status = page.getByRole('status');
  await expect(status).toHaveText(/2 readings imported, 0 skipped \(already stored or implausible\)\./, { timeout: 30_000 });
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('value', '100');
  await expectNoSeriousA11yViolations(page);

  // The same file again: everything is already stored.
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(status).toHaveText(/0 readings imported, 2 skipped/, { timeout: 30_000 });

  await status.getByRole('link', { name: 'See your measurements' }).click();
  await expect(page).toHaveURL(/\/measurements$/);
  await page.goto('/measurements?type=body_weight');
  await expect(
    page.getByRole('region', { name: 'Your body weight readings' }).getByRole('cell', { name: '80.5 kg' }),
  ).toBeVisible();
  expect(unexpected(errors)).toEqual([]);
});

test('a file that is no zip is explained in plain words, and nothing is stored', async ({ page, request }) => {
  const errors = watchConsole(page);
  const user = await registerVerified(request);
  await signIn(page, user);
  await page.goto('/measurements/apple-health');
  await page.getByLabel('Choose your export.zip').setInputFiles({
    name: 'export.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(EXPORT_XML, 'utf8'),
  });
  await page.getByRole('button', { name: 'Check the file' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This is not a zip file');
  await expect(alert).toContainText('Choose the export.zip file the Health app made.');
  await expect(page.getByRole('region', { name: 'What the file holds' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);

  // A zip without export.xml is no Health export.
  await page.getByLabel('Choose your export.zip').setInputFiles({
    name: 'export.zip',
    mimeType: 'application/zip',
    buffer: storedZip({ 'notes.txt': 'hello' }),
  });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('alert')).toContainText('This zip file is not an Apple Health export');
  await expectNoSeriousA11yViolations(page);
  expect(unexpected(errors)).toEqual([]);
});
