// The moderation area: its own chunk, loaded only when a moderator or an admin opens it.
import '../communities/communities.css';

export { AppealsPage } from './AppealsPage';
export { HeldPage } from './HeldPage';
export { CommunityModLayout, ModerationHome } from './HomePages';
export { LogPage } from './LogPage';
export { MembersPage } from './MembersPage';
export { ReportsPage } from './ReportsPage';
