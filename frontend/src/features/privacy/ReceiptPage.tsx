// One consent receipt: what was agreed (or withdrawn), with whom, when, the fingerprint of the
// text agreed to, a download of the receipt as a JSON file, and withdrawal while it is in force.
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { asProblemError } from '../../api/problem';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/usePageTitle';
import { Loading } from '../../components/Loading';
import { ProblemAlert } from '../../components/ProblemAlert';
import { isInForce, receiptFile, saveBlob } from './consent';
import { useConsents, useReceipt } from './queries';
import type { ConsentReceipt } from './types';
import { useCategoryNamer } from './useCategoryNamer';
import { Withdraw } from './Withdraw';

export function ReceiptPage() {
  const { id = '' } = useParams();
  const receipt = useReceipt(id);
  const location = useLocation();
  const navigate = useNavigate();
  const consented = (location.state as { consented?: boolean } | null)?.consented === true;
  const [message, setMessage] = useState(
    consented ? 'Thank you. Your consent is recorded; this is your receipt.' : '',
  );
  // Say it once: a reload or a return to this page must not repeat it.
  useEffect(() => {
    if (consented) void navigate(location.pathname, { replace: true, state: null });
  }, [consented, navigate, location.pathname]);
  usePageTitle('Consent receipt');
  return (
    <>
      <p className="breadcrumb">
        <Link to="/privacy/consents">Your consents</Link>
      </p>
      <h1>Consent receipt</h1>
      <p role="status" className="status-text">
        {message}
      </p>
      {receipt.isPending && <Loading label="Loading the receipt" />}
      {receipt.isError && <ProblemAlert error={asProblemError(receipt.error)} focus={false} />}
      {receipt.data && <Receipt receipt={receipt.data} onWithdrawn={setMessage} />}
    </>
  );
}

function Receipt({ receipt: r, onWithdrawn }: { receipt: ConsentReceipt; onWithdrawn: (m: string) => void }) {
  const name = useCategoryNamer();
  const consents = useConsents();
  const inForce = consents.data ? isInForce(r, consents.data.items) : false;
  const [downloaded, setDownloaded] = useState('');
  const download = () => {
    const file = receiptFile(r);
    saveBlob(file.blob, file.name);
    setDownloaded(`Saved as ${file.name}.`);
  };
  return (
    <>
      <section aria-labelledby="receipt-heading" className="panel receipt">
        <h2 id="receipt-heading">{r.kind === 'granted' ? 'You agreed to share' : 'You withdrew your consent'}</h2>
        <dl className="receipt-facts">
          <dt>Study</dt>
          <dd>
            <Link to={`/privacy/invitations/${r.study_id}`}>{r.study_title}</Link>
          </dd>
          <dt>Run by</dt>
          <dd>{r.institution}</dd>
          <dt>When</dt>
          <dd>{formatDateTime(r.at)}</dd>
          {r.kind === 'granted' && (
            <>
              <dt>What you share</dt>
              <dd>
                <ul className="plain-list">
                  {r.categories.map((c) => (
                    <li key={c}>{name(c)}</li>
                  ))}
                </ul>
              </dd>
              <dt>Version</dt>
              <dd>
                {r.version}
                {r.version > 1 && <span className="muted"> (you changed what you share)</span>}
              </dd>
            </>
          )}
          <dt>Still in force</dt>
          <dd>{r.kind === 'withdrawn' ? 'No: this is a withdrawal' : inForce ? 'Yes' : 'No: replaced or withdrawn later'}</dd>
          <dt>Consent text fingerprint</dt>
          <dd className="fingerprint">
            <code>{r.consent_sha256}</code>
          </dd>
          <dt>Receipt number</dt>
          <dd>
            <code>{r.receipt_id}</code>
          </dd>
          <dt>How to withdraw</dt>
          <dd>{r.how_to_withdraw}</dd>
        </dl>
        <div className="form-actions">
          <button type="button" className="button-secondary" onClick={download}>
            Download this receipt (JSON)
          </button>
          <p role="status" className="status-text">
            {downloaded}
          </p>
        </div>
      </section>
      {inForce && <Withdraw studyId={r.study_id} title={r.study_title} onDone={onWithdrawn} />}
    </>
  );
}
