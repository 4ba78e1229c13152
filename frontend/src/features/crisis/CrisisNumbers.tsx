import { FIND_A_HELPLINE, telHref, type CountryHelp, type CrisisLine } from './numbers';

/** One helpline: its name, its number as a `tel:` link, and when and how. */
export function LineItem({ line }: { line: CrisisLine }) {
  return (
    <li>
      <strong>{line.name}:</strong> <a href={telHref(line.tel)}>{line.number}</a>. {line.how}
    </li>
  );
}

/**
 * The numbers for one country, the emergency number first; for an unknown country, the local
 * emergency number. `fallback` adds Find A Helpline (for anyone elsewhere) at the end.
 */
export function CrisisNumbers({ help, fallback = true }: { help: CountryHelp | null; fallback?: boolean }) {
  return (
    <ul className="crisis-numbers">
      <li>
        <strong>In immediate danger:</strong> call{' '}
        {help ? <a href={telHref(help.emergency)}>{help.emergency}</a> : 'your local emergency number'}.
      </li>
      {help?.lines.map((line) => <LineItem key={line.name} line={line} />)}
      {fallback && <FallbackItem />}
    </ul>
  );
}

/** Find A Helpline lists free, confidential helplines by country. */
export function FallbackItem({ lead = 'Anywhere else' }: { lead?: string }) {
  return (
    <li>
      <strong>{lead}:</strong> find a free, confidential helpline at{' '}
      <a href={FIND_A_HELPLINE.site}>{FIND_A_HELPLINE.label}</a>, or talk to your doctor today.
    </li>
  );
}
