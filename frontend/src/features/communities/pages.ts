// The communities pages, loaded as one chunk when a member first opens one of them.
export { CommunitiesPage } from './CommunitiesPage';
export { CommunityPage } from './CommunityPage';
export { NotificationsPage } from './NotificationsPage';
export { SearchPage } from './SearchPage';
export { ThreadPage } from './ThreadPage';
