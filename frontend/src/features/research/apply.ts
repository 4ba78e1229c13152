// The application to become a researcher: a small chunk of its own, the only research page a
// patient may open. Its text area takes the app's shared look from the communities styles.
import '../communities/communities.css';
export { ApplyPage } from './ApplyPage';
