import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../api/problem';
import {
  actorName,
  auditApiQuery,
  auditFiltered,
  auditFiltersFromSearch,
  auditFiltersToSearch,
  isoToLocalInput,
  localInputToIso,
  parseDefinition,
  starterDefinition,
  suggestSlug,
  usersApiQuery,
  withFieldPaths,
} from './queries';

const none = { action: '', actor: '', subject_type: '', subject_id: '', from: '', to: '' };

describe('audit filters', () => {
  it('reads the filters from the URL, trimmed, empty when absent', () => {
    expect(auditFiltersFromSearch(new URLSearchParams(''))).toEqual(none);
    expect(
      auditFiltersFromSearch(
        new URLSearchParams('action=%20admin.user_suspended%20&actor=u1&subject_type=user&subject_id=u2&from=2026-03-01T10:00:00.000Z'),
      ),
    ).toEqual({
      ...none,
      action: 'admin.user_suspended',
      actor: 'u1',
      subject_type: 'user',
      subject_id: 'u2',
      from: '2026-03-01T10:00:00.000Z',
    });
  });

  it('writes only the filters that are set, so clearing them gives a clean URL', () => {
    expect(auditFiltersToSearch({ ...none, actor: '  ' }).toString()).toBe('');
    expect(auditFiltersToSearch({ ...none, action: 'auth.login_failed' }).toString()).toBe('action=auth.login_failed');
    expect(auditFiltersToSearch({ ...none, action: ' a.b ', actor: 'id 1' }).toString()).toBe('action=a.b&actor=id+1');
    expect(auditFiltersToSearch({ ...none, subject_type: 'user', to: '2026-03-02T00:00:00.000Z' }).toString()).toBe(
      'subject_type=user&to=2026-03-02T00%3A00%3A00.000Z',
    );
  });

  it('round-trips through the URL', () => {
    const f = {
      action: 'admin.community_created',
      actor: '01J0ABC',
      subject_type: 'community',
      subject_id: 'comm-asthma',
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
    };
    expect(auditFiltersFromSearch(auditFiltersToSearch(f))).toEqual(f);
  });

  it('says whether any filter is set', () => {
    expect(auditFiltered(none)).toBe(false);
    expect(auditFiltered({ ...none, to: '2026-03-01T00:00:00.000Z' })).toBe(true);
    expect(auditFiltered({ ...none, subject_id: 'u2' })).toBe(true);
  });

  it('asks the API for one page with only the set filters and the cursor', () => {
    expect(auditApiQuery(none, undefined)).toEqual({ limit: 50 });
    expect(auditApiQuery({ ...none, action: 'admin.user_suspended' }, 'c2', 20)).toEqual({
      limit: 20,
      action: 'admin.user_suspended',
      cursor: 'c2',
    });
    expect(auditApiQuery({ ...none, action: ' ', actor: ' u9 ' }, '')).toEqual({ limit: 50, actor: 'u9' });
    expect(
      auditApiQuery(
        { ...none, subject_type: 'user', subject_id: 'u2', from: '2026-03-01T00:00:00.000Z', to: '2026-03-02T00:00:00.000Z' },
        undefined,
      ),
    ).toEqual({
      limit: 50,
      subject_type: 'user',
      subject_id: 'u2',
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
    });
  });
});

describe('time range inputs', () => {
  it('turns a local date and time into UTC for the API, and back', () => {
    const local = '2026-03-01T10:30';
    const iso = localInputToIso(local);
    expect(iso).toBe(new Date(local).toISOString());
    expect(isoToLocalInput(iso)).toBe(local);
  });
  it('leaves empty and unreadable values empty', () => {
    expect(localInputToIso('')).toBe('');
    expect(localInputToIso('soon')).toBe('');
    expect(isoToLocalInput('')).toBe('');
    expect(isoToLocalInput('not a time')).toBe('');
  });
});

describe('usersApiQuery', () => {
  const f = { text: '', status: '', role: '' } as const;
  it('asks for every account without filters', () => {
    expect(usersApiQuery(f, undefined)).toEqual({ limit: 50 });
  });
  it('sends the standing, role and trimmed text that are set, and the cursor', () => {
    expect(usersApiQuery({ text: ' TOM@ ', status: 'suspended', role: 'patient' }, 'c1', 100)).toEqual({
      limit: 100,
      status: 'suspended',
      role: 'patient',
      q: 'TOM@',
      cursor: 'c1',
    });
    expect(usersApiQuery({ ...f, text: '   ', role: 'researcher' }, '')).toEqual({ limit: 50, role: 'researcher' });
  });
});

describe('suggestSlug', () => {
  it('makes a URL name from a display name', () => {
    expect(suggestSlug('Multiple Sclerosis')).toBe('multiple-sclerosis');
    expect(suggestSlug('  Living with ME/CFS!  ')).toBe('living-with-me-cfs');
    expect(suggestSlug('Sjögren’s syndrome')).toBe('sjogren-s-syndrome');
    expect(suggestSlug('')).toBe('');
  });
  it('stays within 60 characters and never ends in a hyphen', () => {
    const s = suggestSlug(`${'a'.repeat(59)} b`);
    expect(s.length).toBeLessThanOrEqual(60);
    expect(s.endsWith('-')).toBe(false);
  });
});

describe('parseDefinition', () => {
  it('accepts an object with items and scoring', () => {
    const r = parseDefinition(JSON.stringify(starterDefinition()));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.definition.items[0]?.key).toBe('q1');
  });
  it('explains what is wrong with the shape', () => {
    const msg = (t: string) => {
      const r = parseDefinition(t);
      return r.ok ? 'ok' : r.message;
    };
    expect(msg('{"items": [')).toMatch(/^The definition is not valid JSON/);
    expect(msg('[]')).toMatch(/must be a JSON object/);
    expect(msg('null')).toMatch(/must be a JSON object/);
    expect(msg('{"scoring": {"method": "sum"}}')).toMatch(/needs an “items” list/);
    expect(msg('{"items": [], "scoring": "sum"}')).toMatch(/needs a “scoring” object/);
  });
});

describe('withFieldPaths', () => {
  const problem = (errors: { field: string; code: string; message: string }[]) =>
    new ProblemError({ type: 'about:blank', title: 'Invalid', status: 422, code: 'validation_failed', errors });

  it('says where each error is, without the definition prefix', () => {
    const out = withFieldPaths(
      problem([
        { field: 'definition.items[0].text', code: 'required', message: 'Give the item a text.' },
        { field: 'definition', code: 'x', message: 'Whole thing.' },
      ]),
    );
    expect(out.fieldErrors.map((e) => e.message)).toEqual(['items[0].text: Give the item a text.', 'Whole thing.']);
    expect(out.status).toBe(422);
  });
  it('leaves a problem without field errors alone', () => {
    const p = problem([]);
    expect(withFieldPaths(p)).toBe(p);
  });
});

describe('actorName', () => {
  const handles = new Map([['u1', 'maria_g']]);
  it('names a known actor by handle, an unknown one by id, and no actor as Kindred', () => {
    expect(actorName('u1', handles)).toBe('maria_g');
    expect(actorName('u2', handles)).toBe('u2');
    expect(actorName(null, handles)).toBe('Kindred');
  });
});
