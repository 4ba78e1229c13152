import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../api/problem';
import {
  actorName,
  auditApiQuery,
  auditFiltersFromSearch,
  auditFiltersToSearch,
  filterUsers,
  parseDefinition,
  starterDefinition,
  suggestSlug,
  withFieldPaths,
  type AdminUserView,
} from './queries';

describe('audit filters', () => {
  it('reads the filters from the URL, trimmed, empty when absent', () => {
    expect(auditFiltersFromSearch(new URLSearchParams(''))).toEqual({ action: '', actor: '' });
    expect(auditFiltersFromSearch(new URLSearchParams('action=%20admin.user_suspended%20&actor=u1'))).toEqual({
      action: 'admin.user_suspended',
      actor: 'u1',
    });
  });

  it('writes only the filters that are set, so clearing them gives a clean URL', () => {
    expect(auditFiltersToSearch({ action: '', actor: '  ' }).toString()).toBe('');
    expect(auditFiltersToSearch({ action: 'auth.login_failed', actor: '' }).toString()).toBe('action=auth.login_failed');
    expect(auditFiltersToSearch({ action: ' a.b ', actor: 'id 1' }).toString()).toBe('action=a.b&actor=id+1');
  });

  it('round-trips through the URL', () => {
    const f = { action: 'admin.community_created', actor: '01J0ABC' };
    expect(auditFiltersFromSearch(auditFiltersToSearch(f))).toEqual(f);
  });

  it('asks the API for one page with only the set filters and the cursor', () => {
    expect(auditApiQuery({ action: '', actor: '' }, undefined)).toEqual({ limit: 50 });
    expect(auditApiQuery({ action: 'admin.user_suspended', actor: '' }, 'c2', 20)).toEqual({
      limit: 20,
      action: 'admin.user_suspended',
      cursor: 'c2',
    });
    expect(auditApiQuery({ action: ' ', actor: ' u9 ' }, '')).toEqual({ limit: 50, actor: 'u9' });
  });
});

const user = (over: Partial<AdminUserView>): AdminUserView => ({
  id: 'id',
  handle: 'handle',
  email: 'a@example.org',
  role: 'patient',
  status: 'active',
  email_verified: true,
  created_at: '2026-01-01T00:00:00Z',
  ...over,
});

describe('filterUsers', () => {
  const users = [
    user({ id: '1', handle: 'maria_g', email: 'maria@demo.example' }),
    user({ id: '2', handle: 'tom', email: 'TOM@Example.org', status: 'suspended' }),
    user({ id: '3', handle: 'dr_lee', email: 'lee@uni.example', role: 'researcher' }),
    user({ id: '4', handle: 'gone', email: null, status: 'deleted' }),
  ];
  const ids = (xs: AdminUserView[]) => xs.map((u) => u.id);

  it('keeps everyone without filters', () => {
    expect(ids(filterUsers(users, { text: '', status: '', role: '' }))).toEqual(['1', '2', '3', '4']);
  });
  it('matches part of a handle or an email, ignoring case and spaces around', () => {
    expect(ids(filterUsers(users, { text: ' example.ORG ', status: '', role: '' }))).toEqual(['2']);
    expect(ids(filterUsers(users, { text: 'lee', status: '', role: '' }))).toEqual(['3']);
    expect(ids(filterUsers(users, { text: 'gon', status: '', role: '' }))).toEqual(['4']);
  });
  it('filters by standing and by role, together with the text', () => {
    expect(ids(filterUsers(users, { text: '', status: 'suspended', role: '' }))).toEqual(['2']);
    expect(ids(filterUsers(users, { text: '', status: 'active', role: 'researcher' }))).toEqual(['3']);
    expect(ids(filterUsers(users, { text: 'maria', status: 'suspended', role: '' }))).toEqual([]);
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
