// Reads the emails `kindred serve` writes as .eml files to <data dir>/outbox/ (its default
// mail transport), so tests can follow verification and reset links.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface Email {
  file: string;
  headers: Record<string, string>;
  to: string;
  subject: string;
  text: string;
  html: string;
  mtimeMs: number;
}

/** The data directory of the server under test (set by playwright.config.ts). */
export function dataDir(): string {
  const d = process.env.KINDRED_E2E_DATA_DIR;
  if (!d) throw new Error('KINDRED_E2E_DATA_DIR is not set (run through playwright.config.ts)');
  return d;
}

/** Quoted-printable → text (soft line breaks removed, =XX bytes decoded as UTF-8). */
export function decodeQuotedPrintable(s: string): string {
  const joined = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i]!;
    const hex = joined.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words in headers (=?utf-8?Q?…?= and =?utf-8?B?…?=). */
function decodeHeader(v: string): string {
  return v.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _cs: string, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

function splitHeaders(raw: string): { headers: Record<string, string>; body: string } {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : '';
  const headers: Record<string, string> = {};
  // Unfold continuation lines (those starting with whitespace).
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '').toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

/** Collects the text/plain and text/html parts of a (possibly nested) MIME entity. */
function collectParts(raw: string, out: { text: string; html: string }): void {
  const { headers, body } = splitHeaders(raw);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`));
    for (const part of parts) if (part.trim()) collectParts(part, out);
    return;
  }
  const decoded = decodeBody(body, headers['content-transfer-encoding']);
  if (/^text\/html/i.test(type)) out.html += decoded;
  else if (/^text\/plain/i.test(type)) out.text += decoded;
}

export function parseEml(raw: string, file = '', mtimeMs = 0): Email {
  const { headers } = splitHeaders(raw);
  const out = { text: '', html: '' };
  collectParts(raw, out);
  return {
    file,
    headers,
    to: decodeHeader(headers.to ?? ''),
    subject: decodeHeader(headers.subject ?? ''),
    text: out.text,
    html: out.html,
    mtimeMs,
  };
}

async function listEmails(dir: string): Promise<Email[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.eml'));
  } catch {
    return [];
  }
  const emails = await Promise.all(
    names.map(async (n) => {
      const file = join(dir, n);
      const [raw, st] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
      return parseEml(raw, file, st.mtimeMs);
    }),
  );
  return emails.sort((a, b) => b.mtimeMs - a.mtimeMs);
}

function addressedTo(email: Email, address: string): boolean {
  return email.to.toLowerCase().includes(address.toLowerCase());
}

export interface WaitOptions {
  /** Only emails whose subject matches. */
  subject?: RegExp;
  /** Only emails written at or after this time (ms since epoch). */
  since?: number;
  timeoutMs?: number;
}

/** Waits for the newest email to `address` (matching the options) to land in the outbox. */
export async function waitForEmail(address: string, opts: WaitOptions = {}): Promise<Email> {
  const dir = join(dataDir(), 'outbox');
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  const since = opts.since ?? 0;
  for (;;) {
    const found = (await listEmails(dir)).find(
      (e) =>
        addressedTo(e, address) &&
        e.mtimeMs >= since &&
        (!opts.subject || opts.subject.test(e.subject)),
    );
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`no email to ${address}${opts.subject ? ` matching ${opts.subject}` : ''} in ${dir}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The first link in the text part (on a line of its own) whose URL matches `pattern`. */
export function extractLink(email: Email, pattern: RegExp = /^https?:\/\//): string {
  for (const line of email.text.split(/\r?\n/)) {
    const t = line.trim();
    if (/^https?:\/\/\S+$/.test(t) && pattern.test(t)) return t;
  }
  throw new Error(`no link matching ${pattern} in ${email.file}:\n${email.text}`);
}

/** Waits for the newest email to `address` and returns its link matching `pattern`. */
export async function waitForLink(address: string, pattern: RegExp, opts: WaitOptions = {}): Promise<string> {
  return extractLink(await waitForEmail(address, opts), pattern);
}
