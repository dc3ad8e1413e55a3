import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { runtimeConfig } from '../auth/config';
import { getSession, signOut } from '../auth/session';
import { getLang } from '../i18n';

export type Schemas = components['schemas'];
export type Problem = { title?: string; detail?: string; status?: number };

/**
 * The API's base URL: the page's origin locally; `apiBaseUrl` of /config.json otherwise (`/api` in AWS, where
 * CloudFront serves the API under /api on the app's own origin: infra/aws/web-hosting.ts).
 */
export const apiBaseUrl = new URL(runtimeConfig.apiBaseUrl ?? '/', window.location.origin).href.replace(/\/+$/, '');

/**
 * The typed API client (openapi-fetch over the types generated from /openapi.json): the bearer token of the
 * session and the UI language go on every request.
 */
export const api = createClient<paths>({ baseUrl: apiBaseUrl });

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
