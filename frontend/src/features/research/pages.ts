// The researchers' pages: their own chunk, loaded only when a researcher opens one of them.
import '../communities/communities.css';
import './research.css';

export { StudiesPage } from './StudiesPage';
export { EditStudyPage, NewStudyPage } from './StudyFormPage';
export { StudyPage } from './StudyPage';
