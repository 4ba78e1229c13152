import { Link } from 'react-router';
import { Part, TrustPage } from './TrustPage';

/**
 * /privacy-notice: what Kindred holds, who sees what, what research receives, how long things
 * are kept and what deleting an account does. Public. Every statement here describes what the
 * software does (docs/auth.md, docs/communities.md, docs/research.md, docs/security.md,
 * docs/operations.md); change them together.
 */
export function PrivacyNoticePage() {
  return (
    <TrustPage
      title="Privacy notice"
      path="/privacy-notice"
      summary={
        <ul>
          <li>Your measurements and questionnaire answers are for you: no other member, moderator or admin sees them in Kindred.</li>
          <li>A new profile is seen by nobody else until you choose otherwise, and emails about activity are off until you turn them on.</li>
          <li>
            Researchers get nothing unless you consent, study by study and category by category, and then only a
            de-identified copy. Withdrawing stops future exports but cannot recall past ones.
          </li>
          <li>You can download everything Kindred holds about you, and delete your account, at any time.</li>
        </ul>
      }
    >
      <Part id="who" title="Who this is about">
        <p>
          Kindred is open-source software. This notice describes what this Kindred site does with information
          about its members; “we” are the people who run this site. It covers the web app and the API it uses.
        </p>
      </Part>

      <Part id="what" title="What Kindred holds about you">
        <ul>
          <li>
            <strong>Your account:</strong> your email address (to sign in and for account emails), your password
            (stored only as a one-way hash, never readable), the handle you chose, and which version of these
            documents you accepted, and when.
          </li>
          <li>
            <strong>Your profile, if you fill it in:</strong> year of birth, sex, country and time zone. They are
            optional.
          </li>
          <li>
            <strong>What you track:</strong> your conditions (with the year of diagnosis and status), measurements
            with their time, notes and source, your targets, the units you prefer, and your questionnaire answers
            and scores.
          </li>
          <li>
            <strong>What you do in communities:</strong> memberships, threads and posts (and the earlier text of
            posts you edited), reports you file, moderation decisions about you, appeals and notifications.
          </li>
          <li>
            <strong>Research:</strong> your consents and withdrawals, the result of the short check before your
            first consent, and a record of each research export that included you. If you apply to become a
            researcher, your application.
          </li>
          <li>
            <strong>Security records:</strong> your signed-in sessions with the browser and IP address they came
            from (you see them under <Link to="/profile/sessions">Signed-in devices</Link>), failed sign-in
            attempts, and an audit log of actions such as sign-ins, consent changes, exports, moderation and admin
            actions.
          </li>
          <li>
            <strong>In your browser:</strong> a sign-in cookie that scripts cannot read, a second cookie that only
            says you are signed in, your light or dark theme choice, and answers to a questionnaire you have not
            sent yet (kept in that browser tab only, and removed when you sign out). Kindred uses no advertising or
            analytics cookies.
          </li>
        </ul>
      </Part>

      <Part id="who-sees" title="Who sees what">
        <ul>
          <li>
            <strong>Your measurements, targets and questionnaire answers</strong> are shown only to you. They
            never appear on your profile or in communities. Kindred has no screen where moderators or admins read
            them. The people who run the server can reach its database and backups, which hold them.
          </li>
          <li>
            <strong>Your email address</strong> is never shown to other members. Admins see it when they manage
            accounts.
          </li>
          <li>
            <strong>Your profile</strong> (your handle and the conditions you added) is seen by whom you choose in{' '}
            <Link to="/privacy/visibility">Profile visibility</Link>: <em>Only me</em>, <em>Signed-in members</em>{' '}
            or <em>Anyone</em> (anyone on the internet, without signing in). New accounts start on{' '}
            <em>Only me</em>. Before you choose <em>Anyone</em>, Kindred asks you one question to make sure that is
            what you mean.
          </li>
          <li>
            <strong>Communities:</strong> the name and purpose of every community are listed to signed-in members.
            Most communities are <em>members-only</em> (the default): their threads, posts, search and moderation
            log are readable only by the community’s members, its moderators and admins. A community marked{' '}
            <em>public-read</em> can be read by anyone signed in to Kindred. Posts show your handle.
          </li>
          <li>
            <strong>Posting “as a member”:</strong> other members do not see who wrote the post, anywhere. The
            community’s moderators and admins still see the author.
          </li>
          <li>
            <strong>Before a post is published,</strong> Kindred looks for things that could identify a person
            (email addresses, phone numbers, street addresses, full dates of birth, ID numbers, personal
            social-media links) and asks you to confirm before posting them.
          </li>
          <li>
            <strong>Reports and moderation:</strong> a report keeps a copy of the reported text for the moderators.
            A post that uses words about suicide or self-harm is reported to the community’s moderators
            automatically. Every moderation action needs a reason; the reason is shown to the member affected and
            written to the community’s moderation log, which anyone who can read the community can read. The log
            names the member affected only for warnings and bans; only admins see which moderator acted.
          </li>
          <li>
            <strong>Questionnaire answers that suggest a risk of self-harm</strong> make Kindred show you crisis
            numbers. Nobody else is told.
          </li>
          <li>
            <strong>Reading at machine speed:</strong> an account that reads posts far faster than a person can is
            slowed down and flagged to admins, to protect members from scraping.
          </li>
          <li>
            <strong>Audit log:</strong> admins can read the audit log of actions. It cannot be edited afterwards.
          </li>
        </ul>
      </Part>

      <Part id="research" title="What research receives">
        <ul>
          <li>
            Researchers are verified by an admin before they can start a study, and every study is reviewed and
            approved by an admin before any member is invited.
          </li>
          <li>
            You are invited only to approved studies you are eligible for (by your conditions or communities). An
            invitation says what the study is about, who runs it, each kind of data it asks for and why, and the
            dates of data it covers. Invitation emails name neither the study nor any condition.
          </li>
          <li>
            Before your first consent, Kindred asks three short questions: what is shared, how you appear in the
            data, and what withdrawing does.
          </li>
          <li>
            You consent per study and choose the categories: your demographics, your conditions, a
            questionnaire’s answers, a type of measurement. You get a receipt of what you agreed to.
          </li>
          <li>
            An export contains only members whose consent is active at that moment, only the categories each of
            them chose, and only data from the study’s date window.
          </li>
          <li>
            Exports are de-identified: you appear under a random code that is different in every study, never
            your name, email, handle or account id. Free text (measurement notes, written answers, posts) is never
            included. Age is given as a five-year band and dates as days since your first data point, unless the
            study was approved to use real dates. Your country is included with demographics.
          </li>
          <li>
            Small counts are suppressed. Each study has a minimum group size, never below this site’s minimum
            (11 members unless the site set another). Researchers see how many members take part only as “fewer
            than” that minimum or rounded down to a multiple of it; no export is made for fewer members, and a
            category chosen by fewer members is left out for everyone.
          </li>
          <li>
            Withdrawing is one click under <Link to="/privacy/consents">Your consents</Link>. It stops all future
            exports. It cannot recall data that researchers already received.
          </li>
          <li>
            <Link to="/privacy/data-access">Who received your data</Link> lists every export that included you:
            the study, the categories and when. Export files are deleted from the server after 30 days (unless this
            site set another period); the record stays.
          </li>
        </ul>
      </Part>

      <Part id="email" title="Emails">
        <ul>
          <li>
            Kindred always emails you about your account: to confirm your address, to reset your password, and to
            tell you about security events such as repeated failed sign-ins or a password reset.
          </li>
          <li>
            Emails about replies, study invitations and moderation decisions are off until you turn them on in
            your <Link to="/profile">profile</Link>.
          </li>
          <li>Emails waiting to be sent are stored encrypted, and their text is cleared once they are delivered.</li>
        </ul>
      </Part>

      <Part id="your-data" title="Your own data">
        <p>
          Under <Link to="/profile/data">Your data</Link> you can download everything Kindred holds about you as one
          file, at any time. You can also change your profile visibility, withdraw consents and end sessions on
          other devices whenever you like.
        </p>
      </Part>

      <Part id="retention" title="How long things are kept">
        <ul>
          <li>What you enter is kept while your account exists, until you delete it (or delete a reading yourself).</li>
          <li>
            Failed sign-in attempts (with their IP address) are deleted once they no longer count towards slowing
            down password guessing. Links in emails stop working after a day (password reset links after an
            hour).
          </li>
          <li>
            Kindred’s own server logs record what kind of request was made and how it ended, not what you sent.
          </li>
        </ul>
      </Part>

      <Part id="delete" title="Deleting your account">
        <p>
          You can delete your account under <Link to="/profile/data">Your data</Link> (your password is asked).
          It takes effect at once and cannot be undone:
        </p>
        <ul>
          <li>
            <strong>Deleted:</strong> your email address, password, profile, conditions, measurements, targets,
            questionnaire answers, sessions, sign-in records, community memberships, notifications, your research
            codes and anything else stored only about you.
          </li>
          <li>
            <strong>Your posts:</strong> their text is blanked and they show “deleted member”, so others’ replies
            still make sense; threads you started stay, without their title. Your words kept in reports and your
            appeal statements are blanked too.
          </li>
          <li>
            <strong>Research:</strong> every active consent is withdrawn first. Data already sent to studies cannot
            be recalled. The record of your consents and of past exports stays, under a code that no longer leads
            to you.
          </li>
          <li>
            <strong>Kept without your name:</strong> the communities’ moderation logs (action and reason, never your
            text) and the audit log, which keep only an account number with nothing else about you. That account
            number keeps which version of these documents you accepted. Your handle is held for 90 days so nobody
            can take it over at once.
          </li>
          <li>
            <strong>Backups:</strong> copies of the database made before you deleted your account still contain
            it until the people who run this site replace them. If they ever restore one, they are told to delete
            such accounts again.
          </li>
        </ul>
      </Part>

      <Part id="changes" title="Changes to this notice">
        <p>
          When this notice changes, its version and date change. Sign-up records which version you accepted.
        </p>
      </Part>
    </TrustPage>
  );
}
