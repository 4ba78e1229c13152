import { describe, expect, it } from 'vitest';
import { countryName, describeUserAgent } from './format';
import { navItems } from './nav';

describe('navItems', () => {
  it('shows nothing when signed out and the patient items to every member', () => {
    expect(navItems(undefined)).toEqual([]);
    const labels = navItems('patient').map((i) => i.label);
    expect(labels).toEqual(['Dashboard', 'Measurements', 'Questionnaires', 'Communities', 'Notifications', 'Privacy', 'Profile']);
    expect(navItems('researcher').map((i) => i.label)).toEqual(expect.arrayContaining(labels));
  });

  it('shows the moderation area only to moderators, and appeals to administrators', () => {
    expect(navItems('patient').map((i) => i.to)).not.toContain('/moderation');
    expect(navItems('patient', { moderator: true }).map((i) => i.to)).toContain('/moderation');
    expect(navItems('admin').map((i) => i.to)).toContain('/moderation/appeals');
  });

  it('shows the research area to researchers and the administration area to administrators', () => {
    expect(navItems('patient').map((i) => i.to)).not.toContain('/research');
    expect(navItems('patient').map((i) => i.to)).not.toContain('/admin');
    expect(navItems('researcher').map((i) => i.to)).toContain('/research');
    expect(navItems('admin').map((i) => i.to)).toContain('/admin');
  });
});

describe('describeUserAgent', () => {
  it('names common browsers and systems', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome on Linux');
    expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe(
      'Firefox on Windows',
    );
    expect(
      describeUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1'),
    ).toBe('Safari on iOS');
    expect(describeUserAgent(null)).toBe('Unknown device');
    expect(describeUserAgent('curl/8.0')).toBe('curl/8.0');
  });
});

describe('countryName', () => {
  it('names two-letter codes and refuses others', () => {
    expect(countryName('gb')).toMatch(/United Kingdom/);
    expect(countryName('G')).toBeNull();
    expect(countryName('12')).toBeNull();
  });
});
