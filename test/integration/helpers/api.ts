import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApiServer, type ApiServerOptions } from '../../../infra/local/server';
import { signDevToken, type DevUser } from '../../../shared/services/dev-jwt';
import type { Role } from '../../../shared/domain/access';
import { siren } from '../../fixtures/siren';

export { siren };

/**
 * Integration tests go over the wire: a real local API server (the same one `npm start` runs) on a free
 * port, talking to the emulators started by global setup.
 */
export interface Api {
  url: string;
  call(method: string, path: string, opts?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<ApiResponse>;
  close(): Promise<void>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export async function startApi(options: Partial<ApiServerOptions> = {}): Promise<Api> {
  const server: Server = createApiServer({
    devTokenSecret: process.env.DEV_TOKEN_SECRET!,
    webOrigin: 'http://127.0.0.1:3000',
    loadHandler: async (p) => (await import(`../../../functions/${p}`)).handler,
    ...options,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | undefined = opts.rawBody;
      if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(url + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let counter = 0;
/** A signed token for a test user of `role` (partners bound to `organizationId`). */
export async function tokenFor(role: Role, organizationId?: string, email?: string): Promise<string> {
  counter++;
  const user: DevUser = {
    sub: `test-${role}-${organizationId ?? ''}-${email ?? counter}`,
    role,
    email: email ?? `${role}${counter}@test.example`,
    name: `Test ${role}`,
    ...(organizationId ? { organizationId } : {}),
  };
  return signDevToken(user, process.env.DEV_TOKEN_SECRET!);
}

export const frenchOrg = (name: string, extra: Record<string, unknown> = {}) => ({
  legalName: name,
  siren: siren(String(10000000 + Math.floor(Math.random() * 89999999))),
  country: 'FR',
  category: 'sme',
  ...extra,
});

export const projectBody = (extra: Record<string, unknown> = {}) => ({
  acronym: `P${Math.floor(Math.random() * 1e6)}`,
  title: 'Projet de test',
  fundingScheme: 'france-2030',
  technologyDomains: ['quantum'],
  startDate: '2027-01-01',
  endDate: '2028-12-31',
  ...extra,
});

/** A project of these organizations (the first one coordinates), with a fresh acronym built from `tag`. */
export async function createProjectOf(api: Api, token: string, orgs: readonly string[], tag: string): Promise<{ project: string; acronym: string }> {
  const acronym = `${tag}-${Math.floor(Math.random() * 1e4)}`;
  const res = await api.call('POST', '/projects', {
    token,
    body: projectBody({
      acronym,
      technologyDomains: ['other'],
      partners: orgs.map((id, i) => ({ organizationId: id, role: i === 0 ? 'coordinator' : 'partner' })),
    }),
  });
  if (res.status !== 201) throw new Error(`POST /projects → ${res.status}: ${res.text.slice(0, 300)}`);
  return { project: res.body.id, acronym };
}

export interface SentMail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/** Mail caught by the SES emulator (aws-ses-v2-local's /store). */
export async function sentMail(filter: (m: SentMail) => boolean = () => true): Promise<SentMail[]> {
  const res = await fetch(`${process.env.AWS_ENDPOINT_URL_SESV2}/store`);
  const { emails } = (await res.json()) as { emails: SentMail[] };
  return emails.filter(filter);
}
