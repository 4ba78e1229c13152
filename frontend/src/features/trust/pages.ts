// The terms of use, privacy notice and medical disclaimer: one lazily loaded chunk.
export { DisclaimerPage } from './DisclaimerPage';
export { PrivacyNoticePage } from './PrivacyNoticePage';
export { TermsPage } from './TermsPage';
