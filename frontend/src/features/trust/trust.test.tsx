import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderAt, renderRoutes } from '../../test/render';
import { DisclaimerPage } from './DisclaimerPage';
import { PrivacyNoticePage } from './PrivacyNoticePage';
import { TermsPage } from './TermsPage';
import { TrustLinks } from './TrustLinks';
import { TERMS_VERSION, termsDate } from './version';

describe('the trust pages', () => {
  it('each show the version sign-up records and its date', () => {
    expect(TERMS_VERSION).toBe('2026-12-01');
    expect(termsDate(TERMS_VERSION, 'en-GB')).toBe('1 December 2026');
    for (const [Page, title] of [
      [TermsPage, 'Terms of use'],
      [PrivacyNoticePage, 'Privacy notice'],
      [DisclaimerPage, 'Medical disclaimer'],
    ] as const) {
      const { unmount } = renderAt(<Page />);
      expect(screen.getByRole('heading', { level: 1, name: title })).toBeVisible();
      expect(screen.getByTestId('terms-version')).toHaveTextContent(TERMS_VERSION);
      expect(screen.getByText(termsDate()).closest('time')).toHaveAttribute('dateTime', TERMS_VERSION);
      expect(document.title).toBe(`${title} – Kindred`);
      unmount();
    }
  });

  it('the disclaimer says plainly it is not a medical service and points to the crisis numbers', () => {
    renderAt(<DisclaimerPage />);
    expect(screen.getByText('Kindred is not a medical service and is not watched for emergencies.')).toBeVisible();
    const links = screen.getAllByRole('link').map((a) => a.getAttribute('href'));
    expect(links).toContain('/help');
  });

  it('the privacy notice names the visibility levels, the "as a member" rule and what erasure keeps', () => {
    renderAt(<PrivacyNoticePage />);
    const who = screen.getByRole('region', { name: 'Who sees what' });
    expect(who).toHaveTextContent('Only me, Signed-in members or Anyone');
    expect(who).toHaveTextContent('New accounts start on Only me');
    expect(who).toHaveTextContent('The community’s moderators and admins still see the author.');
    const research = screen.getByRole('region', { name: 'What research receives' });
    expect(research).toHaveTextContent('It cannot recall data that researchers already received.');
    expect(research).toHaveTextContent('never your name, email, handle or account id');
    const erase = screen.getByRole('region', { name: 'Deleting your account' });
    expect(erase).toHaveTextContent('Your handle is held for 90 days');
    expect(within(erase).getAllByRole('link', { name: 'Your data' })[0]).toHaveAttribute('href', '/profile/data');
  });

  it('the footer links to all three', () => {
    renderRoutes([{ path: '*', element: <TrustLinks /> }], '/');
    const nav = screen.getByRole('navigation', { name: 'About Kindred' });
    expect(within(nav).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Terms of use', '/terms'],
      ['Privacy notice', '/privacy-notice'],
      ['Medical disclaimer', '/disclaimer'],
    ]);
  });
});
