import { usePageTitle } from '../../app/usePageTitle';
import { countryName } from '../../app/format';
import { CrisisNumbers, FallbackItem, LineItem } from './CrisisNumbers';
import { COUNTRIES, telHref } from './numbers';
import { useCrisisHelp } from './useCrisisHelp';

/** /help: crisis numbers, open to everyone (no sign-in), the member's own country first. */
export function HelpPage() {
  usePageTitle('Get help now');
  const { help, place } = useCrisisHelp();
  const others = Object.values(COUNTRIES)
    .filter((c) => c.country !== help?.country)
    .map((c) => ({ ...c, name: countryName(c.country) ?? c.country }))
    .sort((a, b) => a.name.localeCompare(b.name));

  return (
    <div className="narrow help-page">
      <h1>Get help now</h1>
      <p className="lead">
        If you are in danger, or thinking about harming yourself, please contact one of these
        services now. They are free and you can call them any time.
      </p>
      <p>
        Kindred is not watched for emergencies: nobody here will see a message in time to help.
      </p>

      {help && place && (
        <section aria-labelledby="help-here" className="alert alert-error crisis">
          <h2 id="help-here" className="alert-title">
            Numbers for {place}
          </h2>
          <CrisisNumbers help={help} fallback={false} />
        </section>
      )}

      <section aria-labelledby="help-anywhere" className="panel">
        <h2 id="help-anywhere">{help ? 'Anywhere else' : 'Wherever you are'}</h2>
        <ul className="crisis-numbers">
          <li>
            <strong>In immediate danger:</strong> call your local emergency number (112 works in
            every country of the European Union).
          </li>
          <FallbackItem lead="Helplines in your country" />
        </ul>
      </section>

      <section aria-labelledby="help-countries" className="panel">
        <h2 id="help-countries">Numbers by country</h2>
        {others.map((c) => (
          <div key={c.country} className="help-country">
            <h3>{c.name}</h3>
            <ul className="crisis-numbers">
              <li>
                <strong>Emergency:</strong> <a href={telHref(c.emergency)}>{c.emergency}</a>
              </li>
              {c.lines.map((line) => (
                <LineItem key={line.name} line={line} />
              ))}
            </ul>
          </div>
        ))}
      </section>
    </div>
  );
}
