import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { getSession, signOut } from '../auth/session';
import { getLang } from '../i18n';

export type Schemas = components['schemas'];
export type Problem = { title?: string; detail?: string; status?: number };

/**
 * The typed API client (openapi-fetch over the types generated from /openapi.json). Same origin as the page:
 * the bearer token of the session and the UI language go on every request.
 */
export const api = createClient<paths>({ baseUrl: window.location.origin });

const auth: Middleware = {
  onRequest({ request }) {
    const s = getSession();
    if (s && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${s.token}`);
    request.headers.set('Accept-Language', getLang());
    request.headers.set('Accept', 'application/json');
    return request;
  },
  onResponse({ response, request }) {
    // An expired or refused token: back to sign-in (the sign-in page itself calls without one).
    if (response.status === 401 && request.headers.has('Authorization')) signOut();
    return response;
  },
};
api.use(auth);

/** The message to show for a failed call: the problem's detail (in the UI language, the API translates it). */
export function problemText(error: unknown): string {
  if (error && typeof error === 'object') {
    const p = error as Problem;
    if (p.detail || p.title) return [p.title, p.detail].filter(Boolean).join(' — ');
  }
  return error instanceof Error ? error.message : String(error);
}
