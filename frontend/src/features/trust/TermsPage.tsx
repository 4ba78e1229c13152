import { Link } from 'react-router';
import { Part, TrustPage } from './TrustPage';

/** /terms: the rules of using Kindred, as the software applies them. Public. */
export function TermsPage() {
  return (
    <TrustPage
      title="Terms of use"
      path="/terms"
      summary={
        <ul>
          <li>Kindred is free. Use a handle, not your real name, and keep other people’s details out of your posts.</li>
          <li>Be kind, do not sell or promote, and do not give medical advice as if it were fact.</li>
          <li>Moderators always give a reason, and you can appeal a decision once.</li>
          <li>
            Kindred is not a medical service and is not watched for emergencies (see the{' '}
            <Link to="/disclaimer">medical disclaimer</Link>).
          </li>
        </ul>
      }
    >
      <Part id="agreement" title="These terms">
        <p>
          By creating an account you accept these terms of use, the <Link to="/privacy-notice">privacy notice</Link>{' '}
          and the <Link to="/disclaimer">medical disclaimer</Link>, in the version shown at the top of this page.
          Kindred records which version you accepted and when. When they change, the version and date change.
        </p>
      </Part>

      <Part id="account" title="Your account">
        <ul>
          <li>
            You need an email address you can receive mail at. Until you confirm it you can sign in, but you cannot
            post, take part in studies or be included in research data.
          </li>
          <li>
            Your handle is the name other members see. Choose one that is not your real name. Handles that imitate
            staff or Kindred itself are not available.
          </li>
          <li>
            One account is for one person. Keep your password to yourself. You can see and end your signed-in
            sessions at any time under <Link to="/profile/sessions">Signed-in devices</Link>.
          </li>
          <li>
            You can download your data or delete your account whenever you like, under{' '}
            <Link to="/profile/data">Your data</Link>.
          </li>
        </ul>
      </Part>

      <Part id="communities" title="Taking part in communities">
        <p>When you post, you are responsible for what you write. Please:</p>
        <ul>
          <li>be kind: no harassment, insults or threats;</li>
          <li>share experience, not instructions: no medical misinformation, and say when something is your own view;</li>
          <li>do not promote or sell products, services or treatments, and do not post paid testimonials;</li>
          <li>
            keep personal details out: yours and other people’s (addresses, phone numbers, emails, dates of birth,
            ID numbers, profile links). Kindred checks for these before publishing and asks you to confirm;
          </li>
          <li>do not post spam, and do not copy other members’ posts out of Kindred;</li>
          <li>
            if someone seems to be in danger, report the post as a self-harm concern, and point them to{' '}
            <Link to="/help">Get help now</Link>.
          </li>
        </ul>
        <p>
          You can report a post that breaks these rules. New accounts can post at most five times an hour during
          their first day, and some communities hold a new member’s first post until a moderator approves it.
          Reading or collecting posts by machine is not allowed: accounts that read far faster than a person are
          slowed down and flagged to admins.
        </p>
      </Part>

      <Part id="moderation" title="Moderation">
        <ul>
          <li>
            Each community has moderators: members appointed by an admin. They can remove and restore posts, lock
            and pin threads, approve or reject posts held for approval, warn members and ban them from posting in
            that community until a date or for good. Admins can also suspend an account.
          </li>
          <li>
            Every decision comes with a reason, shown to you and written to the community’s moderation log.
          </li>
          <li>
            You can appeal a removal, a rejected post, a warning or a ban once. An admin, or a moderator of the
            community who did not take the decision, answers it, with a reason.
          </li>
        </ul>
      </Part>

      <Part id="research" title="Research">
        <ul>
          <li>Taking part in research is voluntary. Nothing is shared unless you consent to a study, and you can withdraw at any time.</li>
          <li>
            Researchers must be verified by an admin, have each study approved before anyone is invited, and use the
            data only for the study as it was approved. They must not try to find out who anyone in the data is.
          </li>
        </ul>
      </Part>

      <Part id="service" title="The service">
        <ul>
          <li>
            Kindred is open-source software offered as it is. We work to keep it available and your data safe, but
            we cannot promise that it will always be available or free of mistakes. Keep your own copy of anything
            you cannot afford to lose: you can download your data at any time.
          </li>
          <li>
            Kindred is not a medical service and is not watched for emergencies. Read the{' '}
            <Link to="/disclaimer">medical disclaimer</Link>.
          </li>
        </ul>
      </Part>
    </TrustPage>
  );
}
