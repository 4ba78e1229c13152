import { describe, expect, it } from 'vitest';
import { searchConditions } from './search';

const c = (slug: string, name: string, icd10: string) => ({ id: slug, slug, name, icd10 });
const catalog = [
  c('asthma', 'Asthma', 'J45'),
  c('type-2-diabetes', 'Type 2 diabetes', 'E11'),
  c('type-1-diabetes', 'Type 1 diabetes', 'E10'),
  c('hypertension', 'High blood pressure (hypertension)', 'I10'),
  c('sjogren', 'Sjögren syndrome', 'M35.0'),
];

describe('searchConditions', () => {
  it('returns everything for an empty query', () => {
    expect(searchConditions(catalog, '  ')).toHaveLength(catalog.length);
  });
  it('matches word starts, ranking name prefixes first', () => {
    expect(searchConditions(catalog, 'diab').map((x) => x.slug)).toEqual(['type-1-diabetes', 'type-2-diabetes']);
    expect(searchConditions(catalog, 'hyper').map((x) => x.slug)).toEqual(['hypertension']);
  });
  it('matches ICD-10 codes and ignores case and accents', () => {
    expect(searchConditions(catalog, 'e11').map((x) => x.slug)).toEqual(['type-2-diabetes']);
    expect(searchConditions(catalog, 'SJOG').map((x) => x.slug)).toEqual(['sjogren']);
  });
  it('matches inside words only from three letters', () => {
    expect(searchConditions(catalog, 'th')).toHaveLength(0);
    expect(searchConditions(catalog, 'thma').map((x) => x.slug)).toEqual(['asthma']);
  });
});
