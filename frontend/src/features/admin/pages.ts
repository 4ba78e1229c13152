// The administrators' pages: their own chunk, loaded only when an administrator opens one.
import '../research/research.css';

export { AdminHome } from './AdminHome';
export { ResearchersPage } from './ResearchersPage';
export { ReviewStudyPage } from './ReviewStudyPage';
export { StudiesQueuePage } from './StudiesQueuePage';
