import { randomUUID } from 'node:crypto';
import { exportRequestSchema, newExportJob, startJob, reportProgress } from '../../shared/domain/exports/request';
import { PreconditionFailedError } from '../../shared/domain/errors';
import { chainOfExport, getExportJob, putExportJob, saveExportJob } from '../../shared/store/exports';
import { startApi, tokenFor, projectBody, frenchOrg, type Api } from './helpers/api';

let api: Api;
let legal: string;
let project: { id: string };

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
  const org = (await api.call('POST', '/organizations', { token: legal, body: frenchOrg('Export A') })).body;
  project = (await api.call('POST', '/projects', { token: legal, body: projectBody({ partners: [{ organizationId: org.id, role: 'coordinator' }] }) })).body;
});
afterAll(() => api.close());

describe('POST /exports', () => {
  test('answers 202 with a queued job and its Location, readable by id and audited on the project chain', async () => {
    const r = await api.call('POST', '/exports', {
      token: legal,
      body: { kind: 'audit', format: 'jsonl', projectId: project.id, from: '2026-01-01', to: '2026-12-31' },
    });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({
      id: expect.stringMatching(/^exp_[0-9a-f]{32}$/),
      status: 'queued',
      rowsWritten: 0,
      percent: null,
      result: null,
      failure: null,
      version: 1,
      request: { kind: 'audit', format: 'jsonl', locale: 'fr', projectId: project.id, from: '2026-01-01', to: '2026-12-31' },
      requestedBy: { role: 'legal' },
    });
    expect(r.headers.get('location')).toBe(`/exports/${r.body.id}`);
    // Any legal staff member reads it (each sees every job of the pôle).
    const other = await tokenFor('legal');
    const got = await api.call('GET', r.headers.get('location')!, { token: other });
    expect(got.status).toBe(200);
    // The worker has taken it meanwhile (in-process): same job, further on.
    expect(got.body).toMatchObject({ id: r.body.id, request: r.body.request, requestedBy: r.body.requestedBy, createdAt: r.body.createdAt });
    expect(['queued', 'running', 'done']).toContain(got.body.status);
    const audit = await api.call('GET', `/projects/${project.id}/audit?limit=100`, { token: legal });
    const event = audit.body.items.find((e: { action: string }) => e.action === 'export.requested');
    expect(event).toMatchObject({ target: { type: 'export', id: r.body.id }, actor: { role: 'legal' }, after: { request: { kind: 'audit' } } });
  });

  test('400 with the field paths: unknown kind, from after to, a span over 10 years, pdf for a tabular kind, csv for the summary', async () => {
    const paths = async (body: unknown) => {
      const r = await api.call('POST', '/exports', { token: legal, body });
      expect(r.status).toBe(400);
      return r.body.errors.map((e: { path: string }) => e.path);
    };
    expect(await paths({ kind: 'nope', format: 'csv' })).toEqual(['kind']);
    expect(await paths({ kind: 'flags', format: 'csv', from: '2026-02-01', to: '2026-01-31' })).toEqual(['to']);
    expect(await paths({ kind: 'flags', format: 'csv', from: '2000-01-01', to: '2026-01-01' })).toEqual(['to']);
    expect(await paths({ kind: 'flags', format: 'pdf' })).toEqual(['format']);
    expect(await paths({ kind: 'project-summary', format: 'csv' })).toEqual(['format']);
  });

  test('accepts the project summary as pdf (202, queued)', async () => {
    const r = await api.call('POST', '/exports', { token: legal, body: { kind: 'project-summary', format: 'pdf', projectId: project.id } });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: 'queued', request: { kind: 'project-summary', format: 'pdf', locale: 'fr', projectId: project.id } });
  });

  test('the French message by default, English on request', async () => {
    const body = { kind: 'flags', format: 'csv', from: '2026-02-01', to: '2026-01-31' };
    const fr = await api.call('POST', '/exports', { token: legal, body });
    expect(fr.body.errors[0].message).toBe('Ne peut pas précéder la date de début (from)');
    const en = await api.call('POST', '/exports', { token: legal, body, headers: { 'accept-language': 'en' } });
    expect(en.body.errors[0].message).toBe('Cannot be before the start date (from)');
  });
});

describe('GET /exports', () => {
  test("lists the caller's jobs only, newest first, page by page", async () => {
    const me = await tokenFor('legal');
    const ids: string[] = [];
    for (const kind of ['flags', 'approvals', 'control-events']) {
      ids.push((await api.call('POST', '/exports', { token: me, body: { kind, format: 'csv', locale: 'en' } })).body.id);
      await new Promise((r) => setTimeout(r, 5)); // distinct createdAt: the list sorts by it
    }
    await api.call('POST', '/exports', { token: legal, body: { kind: 'flags', format: 'csv' } });
    const first = await api.call('GET', '/exports?limit=2', { token: me });
    expect(first.status).toBe(200);
    expect(first.body.items.map((j: { id: string }) => j.id)).toEqual([ids[2], ids[1]]);
    const next = await api.call('GET', `/exports?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, { token: me });
    expect(next.body.items.map((j: { id: string }) => j.id)).toEqual([ids[0]]);
    expect(next.body.nextCursor).toBeNull();
  });

  test('404 for an unknown job, 400 for a malformed id', async () => {
    expect((await api.call('GET', `/exports/exp_${'0'.repeat(32)}`, { token: legal })).status).toBe(404);
    expect((await api.call('GET', '/exports/nope', { token: legal })).status).toBe(400);
  });
});

describe('store: progress under optimistic locking', () => {
  test('a transition lands once; a second writer at the same version gets 412', async () => {
    const job = newExportJob(
      `exp_${randomUUID().replaceAll('-', '')}`,
      { sub: 's', role: 'legal' },
      exportRequestSchema.parse({ kind: 'audit', format: 'jsonl' }),
      new Date(),
    );
    await putExportJob(job);
    const running = startJob(job, new Date());
    await saveExportJob(running);
    await saveExportJob(reportProgress(running, 10, 5));
    await expect(saveExportJob(reportProgress(running, 20, 10))).rejects.toThrow(PreconditionFailedError);
    expect(await getExportJob(job.id)).toMatchObject({ status: 'running', rowsWritten: 10, percent: 5, version: 3 });
  });
  test('the audit chain: the project, else the organization, else the pôle-wide EXPORTS chain', () => {
    expect(chainOfExport({ projectId: 'prj_1', organizationId: 'org_1' })).toBe('PROJ#prj_1');
    expect(chainOfExport({ organizationId: 'org_1' })).toBe('ORG#org_1');
    expect(chainOfExport({})).toBe('EXPORTS');
  });
});
