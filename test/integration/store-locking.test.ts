import { randomUUID } from 'node:crypto';
import { DomainError } from '../../shared/domain/errors';
import type { DocumentRecord } from '../../shared/domain/documents';
import { getWorkflow, saveWorkflow } from '../../shared/store/workflow';
import { deleteStaff, getStaff, putStaff } from '../../shared/store/staff';
import { createDocument, getDocument, settleDocument } from '../../shared/store/documents';
import { getDeclarationHead, saveDeclarationVersion, submitDeclaration } from '../../shared/store/declarations';
import { queries } from '../../shared/store/keys';
import { queryAll, queryPage, QueryLimitExceededError } from '../../shared/store/query';
import { writeWithAudit } from '../../shared/store/tx';
import { startApi, tokenFor, frenchOrg, projectBody, type Api } from './helpers/api';

/**
 * The store's optimistic locking over DynamoDB Local (shared/store/locking.ts): a stale version is always a 412
 * carrying the current ETag; a creation that finds the item, or a state that no reload would fix, is a 409.
 * And the bounded query helpers (shared/store/query.ts).
 */

let api: Api;
let legal: string;
const actor = { sub: 'store-test', role: 'legal', org: null };
beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
});
afterAll(() => api.close());

/** The DomainError a promise rejects with. */
async function failure(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

test('saveWorkflow: a stale previous version is a 412 with the current ETag; starting twice is a 409', async () => {
  const o = (await api.call('POST', '/organizations', { token: legal, body: frenchOrg('Lock WF') })).body;
  const p = (await api.call('POST', '/projects', { token: legal, body: projectBody({ partners: [{ organizationId: o.id, role: 'coordinator' }] }) })).body;
  expect((await api.call('POST', `/projects/${p.id}/workflow`, { token: legal, body: {} })).status).toBe(201);
  const project = { id: p.id as string, acronym: p.acronym as string, title: p.title as string };
  const v1 = (await getWorkflow(p.id))!;
  expect(v1.version).toBe(1);
  const v2 = await saveWorkflow(project, v1, v1.state, [], actor);
  expect(v2.version).toBe(2);
  const stale = await failure(saveWorkflow(project, v1, v1.state, [], actor));
  expect(stale).toMatchObject({ status: 412, name: 'PreconditionFailedError', extra: { currentEtag: '"2"' } });
  expect(stale.message).toBe('The workflow is at version 2, not 1; reload it and retry.');
  const twice = await failure(saveWorkflow(project, null, v1.state, [], actor));
  expect(twice).toMatchObject({ status: 409, message: 'The workflow of this project is already started.', extra: { currentEtag: '"2"' } });
  expect((await getWorkflow(p.id))!.version).toBe(2);
});

test('staff: stale update and delete are 412 with the current ETag; a concurrent first write is a 409; a gone item is a 412', async () => {
  const email = `lock-${randomUUID()}@pole.example`;
  const input = { name: 'Camille', role: 'legal' as const, language: 'fr' as const, active: true };
  const v1 = await putStaff(email, input, null, actor);
  const again = await failure(putStaff(email, input, null, actor));
  expect(again).toMatchObject({ status: 409, extra: { currentEtag: '"1"' } });
  const v2 = await putStaff(email, { ...input, name: 'Camille D.' }, v1, actor);
  expect(await failure(putStaff(email, input, v1, actor))).toMatchObject({ status: 412, extra: { currentEtag: '"2"' } });
  expect(await failure(deleteStaff(v1, actor))).toMatchObject({ status: 412, extra: { currentEtag: '"2"' } });
  await deleteStaff(v2, actor);
  expect(await getStaff(email)).toBeNull();
  const gone = await failure(deleteStaff(v2, actor));
  expect(gone).toMatchObject({ status: 412, message: 'The staff member no longer exists; reload it.' });
  expect(gone.extra).toBeUndefined();
});

test('documents: a second settlement of the same pending record is a 409 (already confirmed), not a stale version', async () => {
  const id = `doc_${randomUUID().replace(/-/g, '')}`;
  const doc: DocumentRecord = {
    id,
    projectId: `prj_${randomUUID().replace(/-/g, '')}`,
    organizationId: `org_${randomUUID().replace(/-/g, '')}`,
    fileName: 'brevet.pdf',
    contentType: 'application/pdf',
    status: 'pending',
    objectKey: `documents/${id}`,
    uploadedBy: { sub: 'x', role: 'partner' },
    createdAt: new Date().toISOString(),
    version: 1,
  };
  await createDocument(doc, actor);
  expect(await failure(createDocument(doc, actor))).toMatchObject({ status: 409, message: 'The document already exists.' });
  await settleDocument(doc, { ...doc, status: 'available', size: 10 }, actor);
  const twice = await failure(settleDocument(doc, { ...doc, status: 'rejected', rejectionReason: 'x' }, actor));
  expect(twice).toMatchObject({ status: 409, message: 'This document was already confirmed.' });
  expect((await getDocument(id))!).toMatchObject({ status: 'available', version: 2 });
});

test('declarations: stale save and stale submission are 412 with the current ETag; a double submission is a 409', async () => {
  const projectId = `prj_${randomUUID().replace(/-/g, '')}`;
  const orgId = `org_${randomUUID().replace(/-/g, '')}`;
  await saveDeclarationVersion(projectId, orgId, { v: 1 }, 0, actor);
  const first = await failure(saveDeclarationVersion(projectId, orgId, { v: 'again' }, 0, actor));
  expect(first).toMatchObject({ status: 409, message: 'A declaration already exists: send If-Match with its current version.', extra: { currentEtag: '"1"' } });
  const head1 = (await getDeclarationHead(projectId, orgId))!;
  await saveDeclarationVersion(projectId, orgId, { v: 2 }, 1, actor, new Date(), { head: head1 });
  // The write finds version 2 (the head passed in is stale; the store does not re-read it).
  const staleSave = await failure(saveDeclarationVersion(projectId, orgId, { v: 3 }, 1, actor, new Date(), { head: head1 }));
  expect(staleSave).toMatchObject({ status: 412, extra: { currentEtag: '"2"' } });
  const staleSubmit = await failure(submitDeclaration(head1, actor));
  expect(staleSubmit).toMatchObject({ status: 412, message: 'The declaration is at version 2, not 1; reload it and retry.', extra: { currentEtag: '"2"' } });
  const head2 = (await getDeclarationHead(projectId, orgId))!;
  await submitDeclaration(head2, actor);
  const twice = await failure(submitDeclaration(head2, actor));
  expect(twice).toMatchObject({ status: 409, message: 'Version 2 is already submitted.' });
  // Saving a new version after a submission it did not see: the head changed (submission), so 412 too.
  const afterSubmit = await failure(saveDeclarationVersion(projectId, orgId, { v: 3 }, 2, actor, new Date(), { head: head2 }));
  expect(afterSubmit).toMatchObject({ status: 412, extra: { currentEtag: '"2"' } });
});

test('queryAll is bounded (throws, never truncates); queryPage pages with cursors bound to their partition', async () => {
  const chain = `TEST#query-${randomUUID()}`;
  for (let i = 0; i < 5; i++) await writeWithAudit([], [{ chain, actor, action: 'test.q', target: { type: 't', id: String(i) } }]);
  expect((await queryAll(queries.auditEvents(chain), { max: 5 })).items).toHaveLength(5);
  await expect(queryAll(queries.auditEvents(chain), { max: 4 })).rejects.toBeInstanceOf(QueryLimitExceededError);
  const p1 = await queryPage<{ seq: number }>(queries.auditEvents(chain), { limit: 2 });
  const p2 = await queryPage<{ seq: number }>(queries.auditEvents(chain), { limit: 2, cursor: p1.nextCursor! });
  const p3 = await queryPage<{ seq: number }>(queries.auditEvents(chain), { limit: 2, cursor: p2.nextCursor! });
  expect([p1, p2, p3].flatMap((p) => p.items.map((e) => e.seq))).toEqual([1, 2, 3, 4, 5]);
  expect(p3.nextCursor).toBeNull();
  const elsewhere = await failure(queryPage(queries.auditEvents(`${chain}-other`), { limit: 2, cursor: p1.nextCursor! }));
  expect(elsewhere.status).toBe(400);
});

test('the open-flags dashboard refuses a malformed cursor with a 400', async () => {
  const bad = await api.call('GET', `/flags?cursor=${Buffer.from('{"i":"x"}').toString('base64url')}`, { token: legal });
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].path).toBe('cursor');
  const garbage = await api.call('GET', '/flags?cursor=bm90LWpzb24', { token: legal });
  expect(garbage.status).toBe(400);
});
