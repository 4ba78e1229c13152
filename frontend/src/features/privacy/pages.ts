// The privacy centre: a chunk of its own, loaded when a member first opens one of its pages.
import './privacy.css';

export { ConsentsPage } from './ConsentsPage';
export { DataAccessPage } from './DataAccessPage';
export { InvitationPage } from './InvitationPage';
export { InvitationsPage } from './InvitationsPage';
export { PrivacyLayout } from './PrivacyLayout';
export { ReceiptPage } from './ReceiptPage';
export { VisibilityPage } from './VisibilityPage';
