import { Link } from 'react-router';
import { Part, TrustPage } from './TrustPage';

/** /disclaimer: what Kindred is not, in plain words. Public. */
export function DisclaimerPage() {
  return (
    <TrustPage
      title="Medical disclaimer"
      path="/disclaimer"
      summary={
        <>
          <p className="trust-emergency">
            <strong>Kindred is not a medical service and is not watched for emergencies.</strong>
          </p>
          <p>
            If you are in danger, or thinking about harming yourself, do not post or wait for a reply here:{' '}
            <Link to="/help">get help now with the crisis numbers for your country</Link>, or call your local
            emergency number.
          </p>
        </>
      }
    >
      <Part id="not-a-service" title="Not a medical service">
        <ul>
          <li>
            Nobody at Kindred is your doctor, nurse or therapist. Nothing on Kindred is a diagnosis, a
            prescription or a treatment plan, and nothing here replaces the people who care for you.
          </li>
          <li>
            Do not start, stop or change a treatment because of something you read or track on Kindred without
            talking to your clinician first.
          </li>
          <li>
            Nobody reads what you enter as it arrives. A message, a post, a reading or an answer is not seen by a
            person in time to help you, at any hour.
          </li>
        </ul>
      </Part>

      <Part id="crisis" title="When something worrying comes up">
        <ul>
          <li>
            If your answers to a questionnaire suggest a risk of self-harm (for example question 9 of the PHQ-9),
            Kindred shows you crisis numbers straight away. Nobody else is told: not the community, not the
            moderators, not researchers.
          </li>
          <li>
            If a post uses words about suicide or self-harm, Kindred shows the writer crisis numbers and asks the
            community’s moderators to look at the post. Moderators are members of Kindred, not clinicians, and
            may not see it for hours or days.
          </li>
          <li>
            The <Link to="/help">Get help now</Link> page lists emergency and helpline numbers by country. It is
            linked at the top of every page and works without signing in.
          </li>
        </ul>
      </Part>

      <Part id="communities" title="What other members say">
        <p>
          Posts in communities are people’s own experience and opinions. They may be wrong, out of date, or not
          right for you. Members can report medical misinformation and product promotion, and moderators can
          remove it, but nobody checks every post before it appears. Talk to your clinician before acting on
          anything you read.
        </p>
      </Part>

      <Part id="tracking" title="Your measurements, targets and questionnaires">
        <ul>
          <li>
            Measurements are what you (or your devices) enter: Kindred refuses values that cannot be right and asks
            again about a reading far from your recent ones, but it cannot tell whether a reading is accurate.
          </li>
          <li>
            Targets are ranges you set for yourself. “In range” on Kindred only compares your readings with the
            range you chose (or a general range Kindred names where you chose none); it is not a judgement about
            your health.
          </li>
          <li>
            Questionnaires such as the PHQ-9 and GAD-7 are screening tools. A score and its band (for example
            “moderate”) describe where the score falls; they are not a diagnosis.
          </li>
          <li>
            The <Link to="/report">report for a clinic visit</Link> is a summary of what you entered, marked as
            self-reported, to help you talk with your clinician. It is not a medical record.
          </li>
        </ul>
      </Part>

      <Part id="research" title="Research studies">
        <p>
          Sharing your data with a study is not treatment and does not give you medical advice. Researchers receive
          de-identified data under a code, never your name, email or handle (see the{' '}
          <Link to="/privacy-notice">privacy notice</Link>).
        </p>
      </Part>
    </TrustPage>
  );
}
