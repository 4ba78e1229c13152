// Helpers for tests that stub `fetch`.
import { vi } from 'vitest';

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json',
      ...headers,
    },
  });
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}): Response {
  return json({ type: `urn:kindred:problem:${code}`, title: 'Problem', status, code, ...extra }, status);
}

export type Handler = (req: Request) => Response | Promise<Response>;

/** Replaces global fetch; returns the mock so tests can inspect calls. */
export function stubFetch(handler: Handler) {
  const mock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init);
    return handler(req);
  });
  vi.stubGlobal('fetch', mock);
  return mock;
}

/** The Request each fetch call was made with. */
export function requests(mock: ReturnType<typeof stubFetch>): Request[] {
  return mock.mock.calls.map(([input, init]) =>
    input instanceof Request ? input : new Request(input as string, init),
  );
}
