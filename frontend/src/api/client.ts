// The typed API client. Paths and bodies come from the generated `paths` type.
import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { authFetch, origin } from './session';

export const api = createClient<paths>({
  baseUrl: origin(),
  fetch: authFetch,
  headers: { Accept: 'application/json' },
});
