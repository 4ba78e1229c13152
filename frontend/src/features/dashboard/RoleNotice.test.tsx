import { render as plainRender, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { RoleNotice } from './RoleNotice';

const render = (ui: ReactElement) => plainRender(<MemoryRouter>{ui}</MemoryRouter>);

describe('RoleNotice', () => {
  it('shows a patient nothing', () => {
    const { container } = render(<RoleNotice role="patient" />);
    expect(container).toBeEmptyDOMElement();
  });

  it('points a researcher to the API documentation', () => {
    render(<RoleNotice role="researcher" />);
    const note = screen.getByRole('note', { name: 'You are signed in as a researcher' });
    expect(note).toHaveTextContent(/dataset requests/);
    expect(screen.getByRole('link', { name: 'Your studies' })).toHaveAttribute('href', '/research');
    expect(screen.getByRole('link', { name: 'the API documentation' })).toHaveAttribute(
      'href',
      '/api/docs/',
    );
  });

  it('points an administrator to the API documentation', () => {
    render(<RoleNotice role="admin" />);
    const note = screen.getByRole('note', { name: 'You are signed in as the administrator' });
    expect(note).toHaveTextContent(/accounts, questionnaires and the audit log/);
    expect(screen.getByRole('link', { name: 'Administration' })).toHaveAttribute('href', '/admin');
    expect(screen.getByRole('link', { name: 'the API documentation' })).toBeInTheDocument();
  });
});
