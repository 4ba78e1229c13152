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

/**
 * Answers the member's display units (GET /me/display-units with `units`, and PUT
 * /me/display-units/{type} by echoing the choice); every other request goes to `handler`.
 */
export function withDisplayUnits(units: Record<string, string>, handler: Handler): Handler {
  return async (req) => {
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/me/display-units' && req.method === 'GET') return json({ units: { ...units } });
    const put = /^\/api\/v1\/me\/display-units\/([^/]+)$/.exec(path);
    if (put && req.method === 'PUT') {
      const { unit } = (await req.clone().json()) as { unit: string };
      units[put[1]!] = unit;
      return json({ type: put[1], unit });
    }
    return handler(req);
  };
}
