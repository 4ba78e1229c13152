// RFC 9457 problem documents as thrown errors, plus plain-language wording for common codes.
import type { PlacedFinding, Problem, ProblemFieldError } from './types';

/** An API call that failed; carries the server's problem document (or one made up for it). */
export class ProblemError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }

  get fieldErrors(): ProblemFieldError[] {
    return this.problem.errors ?? [];
  }

  /** For 422 `privacy_check`: what in the text could identify someone. */
  get findings(): PlacedFinding[] {
    return this.problem.findings ?? [];
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function isFinding(v: unknown): v is PlacedFinding {
  return (
    isRecord(v) &&
    typeof v.field === 'string' &&
    typeof v.kind === 'string' &&
    typeof v.start === 'number' &&
    typeof v.end === 'number' &&
    typeof v.text === 'string'
  );
}

function isFieldError(v: unknown): v is ProblemFieldError {
  return (
    isRecord(v) &&
    typeof v.field === 'string' &&
    typeof v.code === 'string' &&
    typeof v.message === 'string'
  );
}

/** Turns whatever came back with a failed response into a problem document. */
export function toProblem(body: unknown, status: number): Problem {
  if (isRecord(body) && typeof body.title === 'string' && typeof body.code === 'string') {
    return {
      type: typeof body.type === 'string' ? body.type : 'about:blank',
      title: body.title,
      status: typeof body.status === 'number' ? body.status : status,
      code: body.code,
      detail: typeof body.detail === 'string' ? body.detail : null,
      errors: Array.isArray(body.errors) ? body.errors.filter(isFieldError) : null,
      // Extensions some codes carry: `privacy_check` findings, a ban's reason and end.
      ...(Array.isArray(body.findings) ? { findings: body.findings.filter(isFinding) } : {}),
      ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
      ...(typeof body.expires_at === 'string' ? { expires_at: body.expires_at } : {}),
    };
  }
  if (status >= 500 || status === 0) {
    return {
      type: 'about:blank',
      title: 'Kindred is not available right now',
      status,
      code: status === 0 ? 'network_error' : 'server_error',
      detail: 'Please try again in a minute.',
    };
  }
  return {
    type: 'about:blank',
    title: 'Something went wrong',
    status,
    code: `http_${status}`,
    detail: typeof body === 'string' && body.length > 0 && body.length < 300 ? body : null,
  };
}

/** The problem for a request that never got an answer. */
export function networkProblem(): Problem {
  return {
    type: 'about:blank',
    title: 'Could not reach Kindred',
    status: 0,
    code: 'network_error',
    detail: 'Check your internet connection and try again.',
  };
}

/** Any thrown value as a ProblemError (unexpected exceptions become a generic one). */
export function asProblemError(err: unknown): ProblemError {
  if (err instanceof ProblemError) return err;
  if (err instanceof TypeError) return new ProblemError(networkProblem());
  return new ProblemError({
    type: 'about:blank',
    title: 'Something went wrong',
    status: 0,
    code: 'client_error',
    detail: 'Please try again. If it keeps happening, reload the page.',
  });
}

/** Plain-language headings for codes people meet often; others use the server's title. */
const HEADINGS: Record<string, string> = {
  invalid_credentials: 'That email and password do not match an account',
  rate_limited: 'Too many attempts',
  unauthorized: 'Please sign in again',
  network_error: 'Could not reach Kindred',
  not_found: 'We could not find that',
  email_not_verified: 'Please confirm your email address first',
  account_suspended: 'This account is suspended',
  already_added: 'That is already on your list',
  not_a_member: 'Join this community to post here',
  banned: 'You are banned from posting in this community',
  locked: 'This thread is locked',
  archived: 'This community is archived',
  moderators_only: 'Only this community’s moderators can do that',
};

export function problemHeading(p: Problem): string {
  return HEADINGS[p.code] ?? p.title;
}

/**
 * Plain-language sentences for field-error codes that mean the same wherever they come from,
 * so a page without the field still says what happened (a reused or old email link is a
 * `token` error with `invalid_or_expired`). The one place to word them.
 */
const FIELD_CODES: Record<string, { title: string; detail?: string }> = {
  invalid_or_expired: {
    title: 'This link was already used or has expired',
    detail: 'Each link we email works once, and only for a limited time.',
  },
};

/** What an alert says about a problem. */
export interface ProblemText {
  heading: string;
  detail: string | null;
  /** Further points (field errors not said in the heading), one per line. */
  items: string[];
}

/**
 * The words for a problem. A 422's "check your answers" only makes sense next to a form whose
 * fields carry the errors (`form`); anywhere else the alert says what went wrong in its own
 * words: a known code's sentence, or the server's message for the first field error. The
 * server's generic detail ("Some fields are invalid; see errors.") is never shown.
 */
export function describeProblem(p: Problem, { form = false }: { form?: boolean } = {}): ProblemText {
  const errors = p.errors ?? [];
  if (p.code !== 'validation_failed') {
    const heading = problemHeading(p);
    const detail = p.detail && p.detail !== heading ? p.detail : null;
    return { heading, detail, items: errors.map((e) => e.message) };
  }
  const known = errors.find((e) => FIELD_CODES[e.code]);
  if (known) {
    const text = FIELD_CODES[known.code]!;
    return {
      heading: text.title,
      detail: text.detail ?? null,
      items: errors.filter((e) => e !== known && e.code !== known.code).map((e) => e.message),
    };
  }
  if (form) return { heading: 'Please check your answers', detail: null, items: errors.map((e) => e.message) };
  const [first, ...rest] = errors;
  if (first) return { heading: first.message, detail: null, items: rest.map((e) => e.message) };
  return {
    heading: 'That was not accepted',
    detail: 'Please try again. If it keeps happening, reload the page.',
    items: [],
  };
}

/** Result of an openapi-fetch call, as far as `unwrap` needs it. */
interface FetchResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws a `ProblemError` for any
 * non-2xx answer (and for a request that never reached the server).
 */
export async function unwrap<D>(call: Promise<FetchResult<D>>): Promise<D> {
  let result: FetchResult<D>;
  try {
    result = await call;
  } catch (err) {
    if (err instanceof ProblemError) throw err;
    throw new ProblemError(networkProblem());
  }
  if (!result.response.ok) {
    throw new ProblemError(toProblem(result.error, result.response.status));
  }
  return result.data as D;
}
