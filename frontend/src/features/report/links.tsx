// Where the report is offered: an item of the main navigation, and a line under the
// dashboard and the measurements page.
import { Link, Outlet, useLocation } from 'react-router';
import './links.css';
import type { NavItem } from '../../app/nav';

export const REPORT_NAV: NavItem = { to: '/report', label: 'Clinic report' };

/** The main navigation with the report after the member's own tracking (questionnaires). */
export function withReportLink(items: NavItem[]): NavItem[] {
  if (items.length === 0 || items.some((i) => i.to === REPORT_NAV.to)) return items;
  const at = items.findIndex((i) => i.to === '/questionnaires');
  const next = [...items];
  next.splice(at === -1 ? next.length : at + 1, 0, REPORT_NAV);
  return next;
}

/** Pages after which the report is offered. */
const OFFERED_AFTER = new Set(['/dashboard', '/measurements']);

/**
 * A layout route: the page, then (on the dashboard and the measurements page) a line
 * offering the report for a clinic visit.
 */
export function ReportOffer() {
  const { pathname } = useLocation();
  return (
    <>
      <Outlet />
      {OFFERED_AFTER.has(pathname.replace(/\/$/, '')) && (
        <p className="report-offer">
          Seeing a doctor or nurse soon? <Link to="/report">Print a report for your clinic visit</Link> with
          your readings and questionnaire scores.
        </p>
      )}
    </>
  );
}
