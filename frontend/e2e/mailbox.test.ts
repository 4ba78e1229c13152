// @vitest-environment node
// Unit test for the e2e mailbox parser (run by vitest, not Playwright).
import { describe, expect, it } from 'vitest';
import { decodeQuotedPrintable, extractLink, parseEml } from './mailbox';

const EML = [
  'From: Kindred <no-reply@kindred.localhost>',
  'To: ann@example.org',
  'Subject: =?utf-8?Q?Confirm_your_email_=E2=80=94_Kindred?=',
  'MIME-Version: 1.0',
  'Content-Type: multipart/alternative;',
  ' boundary="XYZ"',
  '',
  '--XYZ',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Hello ann,',
  '',
  'Confirm my email address:',
  'http://127.0.0.1:18080/verify-email?token=3DZ-vFPjBXksP7rMx1qR83xwPI7sWXWB-=',
  'xx03IaoffyP0',
  '',
  '=E2=80=94 Kindred',
  '',
  '--XYZ',
  'Content-Type: text/html; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  '<p><a href=3D"http://127.0.0.1:18080/verify-email?token=3DZ">Confirm</a></p>',
  '--XYZ--',
  '',
].join('\r\n');

describe('mailbox', () => {
  it('decodes quoted-printable with soft breaks and UTF-8 bytes', () => {
    expect(decodeQuotedPrintable('a=3Db=\r\nc =E2=80=94')).toBe('a=bc —');
  });

  it('parses a multipart email and finds the link on its own line', () => {
    const email = parseEml(EML);
    expect(email.to).toBe('ann@example.org');
    expect(email.subject).toBe('Confirm your email — Kindred');
    expect(email.text).toContain('— Kindred');
    expect(email.html).toContain('href="http://127.0.0.1:18080/verify-email?token=Z"');
    expect(extractLink(email, /\/verify-email\?token=/)).toBe(
      'http://127.0.0.1:18080/verify-email?token=Z-vFPjBXksP7rMx1qR83xwPI7sWXWB-xx03IaoffyP0',
    );
  });
});
