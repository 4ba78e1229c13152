import { describe, expect, it } from 'vitest';
import { ProblemError, problemHeading } from '../../api/problem';
import { explainRefusal, formatBytes, inProgress, pollInterval, readManifest, statusText } from './exports';

describe('exports', () => {
  it('polls every 2 s only while an export is queued or running', () => {
    expect(pollInterval(undefined)).toBe(false);
    expect(pollInterval([])).toBe(false);
    expect(pollInterval([{ status: 'ready' }, { status: 'failed' }, { status: 'expired' }])).toBe(false);
    expect(pollInterval([{ status: 'ready' }, { status: 'queued' }])).toBe(2000);
    expect(pollInterval([{ status: 'running' }])).toBe(2000);
    expect(inProgress({ status: 'ready' })).toBe(false);
    expect(statusText('running')).toBe('Being written');
    expect(statusText('something-new')).toBe('something-new');
  });

  it('reads the manifest the worker writes', () => {
    const m = readManifest({
      participants: 12,
      suppressed_categories: ['questionnaire:phq-9'],
      consent_snapshot: [
        { participant: 'p1', consent_version: 1, categories: ['measurement:blood_pressure'] },
        { participant: 'p2', consent_version: 2, categories: ['measurement:blood_pressure'] },
      ],
      row_counts: { 'participants.csv': 12, 'measurements.csv': 40 },
      sha256: { 'participants.csv': 'a'.repeat(64), 'measurements.csv': 'b'.repeat(64) },
      date_mode: 'relative',
      window: { from: '2026-01-01', to: '2026-12-01' },
    });
    expect(m).toEqual({
      participants: 12,
      suppressed: ['questionnaire:phq-9'],
      files: [
        { name: 'measurements.csv', rows: 40, sha256: 'b'.repeat(64) },
        { name: 'participants.csv', rows: 12, sha256: 'a'.repeat(64) },
      ],
      dateMode: 'relative',
      window: { from: '2026-01-01', to: '2026-12-01' },
      consentVersions: 2,
    });
  });

  it('reads a missing or malformed manifest without throwing', () => {
    expect(readManifest(null)).toBeNull();
    expect(readManifest('manifest')).toBeNull();
    expect(readManifest([1, 2])).toBeNull();
    expect(
      readManifest({ participants: '12', suppressed_categories: [3, 'demographics'], row_counts: { 'x.csv': 'many' }, window: { from: 1 } }),
    ).toEqual({
      participants: null,
      suppressed: ['demographics'],
      files: [{ name: 'x.csv', rows: null, sha256: null }],
      dateMode: null,
      window: null,
      consentVersions: 0,
    });
  });

  it('formats sizes', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(12_600)).toBe('12.3 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });

  it('gives the refusals plain headings and keeps the server’s detail', () => {
    const err = new ProblemError({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      code: 'cohort_too_small',
      detail: 'Fewer than 11 members consent to this study.',
    });
    const plain = explainRefusal(err);
    expect(problemHeading(plain.problem)).toBe('Not enough members consent yet');
    expect(plain.problem.detail).toBe('Fewer than 11 members consent to this study.');
    const other = new ProblemError({ type: 'about:blank', title: 'Nope', status: 409, code: 'other', detail: null });
    expect(explainRefusal(other)).toBe(other);
  });
});
