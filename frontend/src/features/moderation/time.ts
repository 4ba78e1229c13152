/** A `datetime-local` value (the reader's own time) as an RFC 3339 timestamp, or null. */
export function localTimestamp(value: string): string | null {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
