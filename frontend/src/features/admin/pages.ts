// The administrators' pages: their own chunk, loaded only when an administrator opens one.
import '../research/research.css';
import '../communities/communities.css';
import './admin.css';

export { AdminHome } from './AdminHome';
export { AuditPage } from './AuditPage';
export { CommunitiesAdminPage } from './CommunitiesPage';
export { CommunityAdminPage } from './CommunityAdminPage';
export { ConditionsPage } from './ConditionsPage';
export { FlagsPage } from './FlagsPage';
export { QuestionnaireAdminPage } from './QuestionnaireAdminPage';
export { QuestionnairesAdminPage } from './QuestionnairesAdminPage';
export { ResearchersPage } from './ResearchersPage';
export { ReviewStudyPage } from './ReviewStudyPage';
export { StudiesQueuePage } from './StudiesQueuePage';
export { UsersPage } from './UsersPage';
