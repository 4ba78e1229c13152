import { usePageTitle } from '../../app/usePageTitle';

/** Placeholder until the questionnaires feature lands (list, answer, score history). */
export function QuestionnairesPage() {
  usePageTitle('Questionnaires');
  return (
    <>
      <h1>Questionnaires</h1>
      <p>
        Short, standard questionnaires (such as PHQ-9 for mood and GAD-7 for anxiety) help you
        see how you are doing over time. Answering them here is coming soon.
      </p>
    </>
  );
}
