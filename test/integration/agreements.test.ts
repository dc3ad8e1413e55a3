import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { createProjectOf, startApi, tokenFor, type Api, type ApiResponse } from './helpers/api';
import { consortium, consortiumAtAgreement, submitDeclaration, uploadDocument, type Consortium } from './helpers/consortium';
import { completeDeclaration } from '../fixtures/declaration';
import { ddb, s3 } from '../../shared/store/clients';
import { config } from '../../shared/store/config';
import { getDeclarationHead, saveDeclarationVersion, submitDeclaration as storeSubmit } from '../../shared/store/declarations';
import { getDocument } from '../../shared/store/documents';
import * as objects from '../../shared/store/objects';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { agreementsPrefix } from '../../shared/domain/agreement-records';

/**
 * The agreements API over the wire: generation at the agreement stage only and only from the approved IP file,
 * write-once storage of the PDF and its model, versions and their statuses, audited download links, object-level
 * access, signatures up to the `signed` workflow, and the audit trail.
 */
let api: Api;
let legal: string;
let committee: string;
const tag = `ag${Date.now() % 1e7}`;
const committeeEmail = `comite-${tag}@pole.example`;

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal', undefined, `juriste-${tag}@pole.example`);
  committee = await tokenFor('committee', undefined, committeeEmail);
  await api.call('PUT', `/staff/${encodeURIComponent(committeeEmail)}`, { token: legal, body: { name: 'Marc Comité', role: 'committee' } });
});
afterAll(() => api.close());
afterEach(() => jest.restoreAllMocks());

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const generate = (c: Consortium, body: unknown = { language: 'fr' }, token = legal, headers: Record<string, string> = {}) =>
  api.call('POST', `/projects/${c.project}/agreements`, { token, body, headers });
const sign = (c: Consortium, n: number, body: Record<string, unknown>, token = legal) =>
  api.call('POST', `/projects/${c.project}/agreements/${n}/signatures`, { token, body });
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
const signatureOf = (c: Consortium, i: number, documentId: string) => ({
  organizationId: c.orgs[i],
  signatoryName: `Signataire ${i}`,
  signatoryRole: 'Président',
  signedOn: today(),
  documentId,
});
/** A small PDF standing for a signed copy (the documents flow checks the magic bytes). */
const signedCopy = (i: number) => new TextEncoder().encode(`%PDF-1.7\n% copie signée ${i} ${tag}\n%%EOF\n`);
const expectProblem = (res: ApiResponse, status: number) => {
  expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({ status, type: expect.stringContaining('application/problem+json') });
};
async function download(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}
async function bucketKeys(prefix: string): Promise<string[]> {
  const res = await s3().send(new ListObjectsV2Command({ Bucket: config.agreementsBucket, Prefix: prefix }));
  return (res.Contents ?? []).map((o) => o.Key!).sort();
}

describe('before the agreement stage', () => {
  test('no workflow: 404; at partner approval: 409 problem+json naming the stage; partners may not generate (403)', async () => {
    const c = await consortium(api, legal, `${tag}-early`, 2);
    const { project: unstarted } = await createProjectOf(api, legal, c.orgs, `${tag}-nowf`);
    expectProblem(await api.call('POST', `/projects/${unstarted}/agreements`, { token: legal, body: { language: 'fr' } }), 404);
    expect((await api.call('GET', `/projects/${unstarted}/agreements`, { token: c.tokens[0] })).body).toEqual({ items: [], nextCursor: null });
    await submitDeclaration(api, c, 0);
    await submitDeclaration(api, c, 1);
    const early = await generate(c);
    expectProblem(early, 409);
    expect(early.body.stage).toBe('partner-approval');
    expectProblem(await generate(c, { language: 'fr' }, c.tokens[0]), 403);
    expectProblem(
      await api.call('POST', `/projects/${c.project}/agreements/1/signatures`, { token: legal, body: signatureOf(c, 0, `doc_${'0'.repeat(32)}`) }),
      404,
    );
    expect((await api.call('GET', `/projects/${c.project}/agreements`, { token: legal })).body).toEqual({ items: [], nextCursor: null });
    expect(await bucketKeys(agreementsPrefix(c.project))).toEqual([]);
  });

  test('invalid bodies: 400 with the field paths', async () => {
    const c = await consortium(api, legal, `${tag}-bad`, 1);
    const res = await generate(c, { language: 'de', publications: { noticeDays: 10, objectionDays: 20 }, extra: 1 });
    expectProblem(res, 400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['extra', 'language', 'publications/objectionDays']);
  });
});

describe('generation, versions, links, access and signatures', () => {
  let c: Consortium;
  let v1: any;
  let v2: any;

  beforeAll(async () => {
    c = await consortiumAtAgreement(api, legal, committee, `${tag}-main`);
  });

  test('French agreement: 201 with Location; the PDF behind the 5-minute link is the recorded one; the model JSON hashes to modelHash', async () => {
    const before = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
    expect(before.body.stage).toBe('agreement');
    const res = await generate(c, { language: 'fr', publications: { noticeDays: 60 } });
    expect(res.status).toBe(201);
    v1 = res.body;
    expect(res.headers.get('location')).toBe(`/projects/${c.project}/agreements/1`);
    expect(v1).toMatchObject({
      projectId: c.project,
      version: 1,
      language: 'fr',
      status: 'current',
      coOwnershipRegime: 'legal-default',
      publications: { noticeDays: 60, objectionDays: 30, filingDelayDays: 90 },
      ipFileHash: before.body.ipFileHash,
      replaces: null,
      pdf: { key: `projects/${c.project}/agreements/v1/agreement.pdf` },
      model: { key: `projects/${c.project}/agreements/v1/model.json` },
    });
    expect(v1.documentId).toMatch(/^agr_[0-9a-f]{32}$/);
    expect(v1.agreementId).toBe(`${v1.documentId}.v1`);
    expect(v1.pages).toBeGreaterThanOrEqual(1);

    const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
    expect(wf.body.stage).toBe('signatures');
    expect(wf.body.agreement).toMatchObject({ agreementId: v1.agreementId, hash: v1.pdfSha256, ipFileHash: v1.ipFileHash });

    const got = await api.call('GET', `/projects/${c.project}/agreements/1`, { token: c.tokens[1] });
    expect(got.status).toBe(200);
    expect(got.headers.get('cache-control')).toBe('no-store');
    const expiresIn = Date.parse(got.body.download.pdf.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(240_000);
    expect(expiresIn).toBeLessThanOrEqual(300_000);
    expect(got.body.agreement).toEqual(v1);
    expect(got.body.signatures).toEqual([]);
    const pdf = await download(got.body.download.pdf.url);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(sha256(pdf)).toBe(v1.pdfSha256);
    expect(pdf.length).toBe(v1.pdf.bytes);
    const modelBytes = await download(got.body.download.model.url);
    expect(sha256(modelBytes)).toBe(v1.modelHash);
    const model = JSON.parse(new TextDecoder().decode(modelBytes));
    expect(model).toMatchObject({
      documentId: v1.documentId,
      version: 1,
      language: 'fr',
      generatedAt: v1.generatedAt,
      ipFile: { hash: v1.ipFileHash, committeeApprovedBy: 'Marc Comité' },
      publications: { noticeDays: 60, objectionDays: 30, filingDelayDays: 90 },
    });
    expect(model.parties.map((p: { organizationId: string }) => p.organizationId).sort()).toEqual([...c.orgs].sort());
  });

  test('the stored files cannot be overwritten (write-once, enforced by the application locally)', async () => {
    const put = await objects.putObjectOnce({
      bucket: config.agreementsBucket,
      key: v1.pdf.key,
      body: new Uint8Array([1, 2, 3]),
      contentType: 'application/pdf',
    });
    expect(put).toEqual({ created: false, metadata: { sha256: v1.pdfSha256 } });
    const res = await s3().send(new GetObjectCommand({ Bucket: config.agreementsBucket, Key: v1.pdf.key }));
    expect(sha256(await res.Body!.transformToByteArray())).toBe(v1.pdfSha256);
  });

  test('object-level access: partners of the project, committee and the assigned lawyer read; others get 404', async () => {
    const other = await consortium(api, legal, `${tag}-other`, 1);
    for (const path of [`/projects/${c.project}/agreements`, `/projects/${c.project}/agreements/1`]) {
      expectProblem(await api.call('GET', path, { token: other.tokens[0] }), 404);
      expect((await api.call('GET', path, { token: c.tokens[2] })).status).toBe(200);
      expect((await api.call('GET', path, { token: committee })).status).toBe(200);
    }
    const lawyerEmail = `avocat-${tag}@cabinet.example`;
    const lawyer = await tokenFor('lawyer', undefined, lawyerEmail);
    expectProblem(await api.call('GET', `/projects/${c.project}/agreements/1`, { token: lawyer }), 404);
    expect((await api.call('PUT', `/projects/${c.project}/lawyers/${encodeURIComponent(lawyerEmail)}`, { token: legal })).status).toBe(201);
    expect((await api.call('GET', `/projects/${c.project}/agreements/1`, { token: lawyer })).status).toBe(200);
    expectProblem(await api.call('GET', `/projects/${c.project}/agreements/9`, { token: legal }), 404);
    const bad = await api.call('GET', `/projects/${c.project}/agreements/zero`, { token: legal });
    expectProblem(bad, 400);
    expect(bad.body.errors[0].path).toBe('n');
  });

  test('English → version 2 with the same document id; version 1 is kept and listed as superseded', async () => {
    const res = await generate(c, { language: 'en', coOwnershipRegime: 'separate-regulation' }, legal, { 'idempotency-key': `${tag}-gen-en` });
    expect(res.status).toBe(201);
    v2 = res.body;
    expect(v2).toMatchObject({ version: 2, language: 'en', documentId: v1.documentId, agreementId: `${v1.documentId}.v2`, replaces: v1.agreementId });
    expect(v2.pdfSha256).not.toBe(v1.pdfSha256);
    // The same Idempotency-Key answers the first response again: no version 3.
    const again = await generate(c, { language: 'en', coOwnershipRegime: 'separate-regulation' }, legal, { 'idempotency-key': `${tag}-gen-en` });
    expect(again.body.version).toBe(2);

    const list = await api.call('GET', `/projects/${c.project}/agreements`, { token: c.tokens[0] });
    expect(list.body.items.map((a: any) => [a.version, a.status])).toEqual([
      [2, 'current'],
      [1, 'superseded'],
    ]);
    // One per page: the status of the older version still knows what came after it.
    const first = await api.call('GET', `/projects/${c.project}/agreements?limit=1`, { token: legal });
    expect(first.body.items.map((a: any) => [a.version, a.status])).toEqual([[2, 'current']]);
    const second = await api.call('GET', `/projects/${c.project}/agreements?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, { token: legal });
    expect(second.body.items.map((a: any) => [a.version, a.status])).toEqual([[1, 'superseded']]);

    const old = await api.call('GET', `/projects/${c.project}/agreements/1`, { token: legal });
    expect(old.body.agreement.status).toBe('superseded');
    expect(sha256(await download(old.body.download.pdf.url))).toBe(v1.pdfSha256);
    expect(await bucketKeys(agreementsPrefix(c.project))).toEqual([v1.pdf.key, v1.model.key, v2.pdf.key, v2.model.key].sort());
  });

  test('signatures: only the current version, only for a partner, own organization for partners, a confirmed PDF of that organization, once', async () => {
    const copy0 = await uploadDocument(api, c.tokens[0]!, c.project, signedCopy(0));
    // Older version: 409.
    expectProblem(await sign(c, 1, signatureOf(c, 0, copy0), c.tokens[0]), 409);
    // Another organization's representative: 403.
    expectProblem(await sign(c, 2, signatureOf(c, 0, copy0), c.tokens[1]), 403);
    // Not a partner, a document of another organization, a future date: 400 with the paths.
    const outsider = await consortium(api, legal, `${tag}-out`, 1);
    const bad = await sign(c, 2, { ...signatureOf(c, 1, copy0), organizationId: outsider.orgs[0], signedOn: '2999-01-01' });
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['documentId', 'organizationId', 'signedOn']);
    const early = await sign(c, 2, { ...signatureOf(c, 0, copy0), signedOn: '2020-01-01' });
    expect(early.body.errors.map((e: { path: string }) => e.path)).toEqual(['signedOn']);
    const unknown = await sign(c, 2, signatureOf(c, 0, `doc_${'0'.repeat(32)}`));
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['documentId']);
    // Not a PDF: 400; not confirmed yet: 409.
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);
    const image = await uploadDocument(api, c.tokens[0]!, c.project, png, { fileName: 'scan.png', contentType: 'image/png' });
    expect((await sign(c, 2, signatureOf(c, 0, image), c.tokens[0])).body.errors.map((e: { path: string }) => e.path)).toEqual(['documentId']);
    const pending = await api.call('POST', `/projects/${c.project}/documents`, {
      token: c.tokens[0],
      body: { fileName: 'pas-encore.pdf', contentType: 'application/pdf', size: 100 },
    });
    expectProblem(await sign(c, 2, signatureOf(c, 0, pending.body.document.id), c.tokens[0]), 409);

    // The partner's representative signs for its organization: 201, the signed copy is copied write-once.
    const ok = await sign(c, 2, signatureOf(c, 0, copy0), c.tokens[0]);
    expect(ok.status).toBe(201);
    const doc = await getDocument(copy0);
    expect(ok.body).toMatchObject({
      signature: {
        version: 2,
        agreementId: v2.agreementId,
        organizationId: c.orgs[0],
        signatoryName: 'Signataire 0',
        documentId: copy0,
        signedCopy: { key: `projects/${c.project}/agreements/v2/signed/${c.orgs[0]}.pdf`, sha256: doc!.sha256 },
      },
      workflow: { stage: 'signatures', status: 'active', signed: [c.orgs[0]] },
    });
    const stored = await s3().send(new GetObjectCommand({ Bucket: config.agreementsBucket, Key: ok.body.signature.signedCopy.key }));
    expect(sha256(await stored.Body!.transformToByteArray())).toBe(doc!.sha256);
    // Twice for one organization: 409.
    expectProblem(await sign(c, 2, signatureOf(c, 0, copy0), c.tokens[0]), 409);
  });

  test('every partner signed → the workflow is signed; generating again is 409 (the IP file is locked); reading stays allowed', async () => {
    const copy1 = await uploadDocument(api, legal, c.project, signedCopy(1), { organizationId: c.orgs[1] });
    expect((await sign(c, 2, signatureOf(c, 1, copy1))).status).toBe(201);
    const copy2 = await uploadDocument(api, c.tokens[2]!, c.project, signedCopy(2));
    const last = await sign(c, 2, signatureOf(c, 2, copy2), c.tokens[2]);
    expect(last.status).toBe(201);
    expect(last.body.workflow).toEqual({ stage: 'signed', status: 'signed', signed: c.orgs });
    const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
    expect(wf.body).toMatchObject({ stage: 'signed', status: 'signed' });

    const again = await sign(c, 2, signatureOf(c, 2, copy2), c.tokens[2]);
    expectProblem(again, 409);
    expect(again.body.detail).toMatch(/clos/);

    const after = await generate(c, { language: 'fr' });
    expectProblem(after, 409);
    expect(after.body.detail).toMatch(/verrouillé/);
    const en = await api.call('POST', `/projects/${c.project}/agreements`, { token: legal, body: { language: 'fr' }, headers: { 'accept-language': 'en' } });
    expect(en.body.detail).toMatch(/locked/);

    const got = await api.call('GET', `/projects/${c.project}/agreements/2`, { token: c.tokens[1] });
    expect(got.body.agreement.status).toBe('signed');
    expect(got.body.signatures.map((s: { organizationId: string }) => s.organizationId).sort()).toEqual([...c.orgs].sort());
    const list = await api.call('GET', `/projects/${c.project}/agreements`, { token: legal });
    expect(list.body.items.map((a: any) => [a.version, a.status])).toEqual([
      [2, 'signed'],
      [1, 'superseded'],
    ]);
  });

  test('audit: every generation, download link and signature is in the project chain, which verifies', async () => {
    const res = await api.call('GET', `/projects/${c.project}/audit?limit=100`, { token: legal });
    const events: { action: string; target: { id: string }; actor: { role: string } }[] = res.body.items;
    const count = (action: string) => events.filter((e) => e.action === action).length;
    expect(count('agreement.generated')).toBe(2);
    expect(count('agreement.signature-recorded')).toBe(3);
    expect(count('agreement.download-link-created')).toBeGreaterThanOrEqual(4);
    expect(count('workflow.agreement-recorded')).toBe(2);
    expect(count('workflow.workflow-signed')).toBe(1);
    const link = events.find((e) => e.action === 'agreement.download-link-created' && e.actor.role === 'partner');
    expect(link?.target.id).toBe(v1.agreementId);
    expect((await api.call('GET', `/projects/${c.project}/audit/verify`, { token: legal })).body.valid).toBe(true);
  });
});

describe('the IP file changed after the committee', () => {
  test('a submission the workflow did not see (simulated mismatch): 409, nothing stored', async () => {
    const c = await consortiumAtAgreement(api, legal, committee, `${tag}-sim`, 2);
    // Straight to the store: a new submitted version, without the workflow transition the API would make.
    const head = await getDeclarationHead(c.project, c.orgs[0]!);
    const d = completeDeclaration(c.orgs[0]!, c.orgs[1]!, c.orgs[1]!);
    d.results[0].ownership = [{ organizationId: c.orgs[0], pct: 100 }];
    d.confidentiality.termYears = 9;
    const actor = { sub: 'test', role: 'partner', org: c.orgs[0]!, email: null };
    const saved = await saveDeclarationVersion(c.project, c.orgs[0]!, d, head!.currentVersion, actor, new Date(), { head });
    await storeSubmit(saved.head, actor);
    const res = await generate(c);
    expectProblem(res, 409);
    expect(res.body.approvedIpFileHash).not.toBe(res.body.ipFileHash);
    expect(await bucketKeys(agreementsPrefix(c.project))).toEqual([]);
    expect((await api.call('GET', `/projects/${c.project}/agreements`, { token: legal })).body.items).toEqual([]);
  });

  test('a new submission after generation sends the workflow back: the version is invalidated, generation is 409 until approved again', async () => {
    const c = await consortiumAtAgreement(api, legal, committee, `${tag}-back`, 2);
    expect((await generate(c)).status).toBe(201);
    await submitDeclaration(api, c, 1, 'v2');
    const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
    expect(wf.body.stage).toBe('partner-approval');
    expectProblem(await generate(c), 409);
    const list = await api.call('GET', `/projects/${c.project}/agreements`, { token: legal });
    expect(list.body.items.map((a: any) => [a.version, a.status])).toEqual([[1, 'invalidated']]);
  });
});

describe('storage edge cases', () => {
  test('files of an unrecorded version (a generation whose transaction failed) keep their number: the next version skips it', async () => {
    // A committee member missing from the staff directory: the model names them by email.
    const outsiderEmail = `comite-hors-annuaire-${tag}@pole.example`;
    const c = await consortiumAtAgreement(api, legal, await tokenFor('committee', undefined, outsiderEmail), `${tag}-orphan`, 1);
    await s3().send(new PutObjectCommand({ Bucket: config.agreementsBucket, Key: `${agreementsPrefix(c.project)}v1/agreement.pdf`, Body: 'orphan' }));
    await s3().send(new PutObjectCommand({ Bucket: config.agreementsBucket, Key: `${agreementsPrefix(c.project)}drafts/note.txt`, Body: 'not a version' }));
    const res = await generate(c);
    expect(res.status).toBe(201);
    expect(res.body.version).toBe(2);
    expect(res.body.pdf.key).toBe(`${agreementsPrefix(c.project)}v2/agreement.pdf`);
    const got = await api.call('GET', `/projects/${c.project}/agreements/2`, { token: legal });
    const model = JSON.parse(new TextDecoder().decode(await download(got.body.download.model.url)));
    expect(model.ipFile.committeeApprovedBy).toBe(outsiderEmail);
  });

  test('two generations racing for one version number: the one whose files are already there gets 409', async () => {
    const c = await consortiumAtAgreement(api, legal, committee, `${tag}-race`, 1);
    // As if another generation had written this version's PDF between our number and our write.
    const client = s3();
    const send = client.send.bind(client);
    const pdfKey = `${agreementsPrefix(c.project)}v1/agreement.pdf`;
    let faked = false;
    jest.spyOn(client, 'send').mockImplementation((async (cmd: unknown) => {
      if (!faked && cmd instanceof HeadObjectCommand && cmd.input.Key === pdfKey) {
        faked = true;
        return { Metadata: {} };
      }
      return send(cmd as never);
    }) as never);
    const res = await generate(c);
    expectProblem(res, 409);
    expect(res.body.detail).toMatch(/agreement\.pdf.*version 1/);
    expect((await api.call('GET', `/projects/${c.project}/agreements`, { token: legal })).body.items).toEqual([]);
    expect((await generate(c)).body.version).toBe(1);
  });

  test('partners signing at the same moment all land; a signed copy is written once; one whose bytes changed after confirmation is refused', async () => {
    const c = await consortiumAtAgreement(api, legal, committee, `${tag}-rush`, 4);
    expect((await generate(c)).status).toBe(201);
    const copies = await Promise.all(c.tokens.map((t, i) => uploadDocument(api, t, c.project, signedCopy(i))));
    // Partner 3's copy is replaced behind the documents API: its recorded SHA-256 no longer matches.
    const doc3 = await getDocument(copies[3]!);
    await s3().send(new PutObjectCommand({ Bucket: config.documentsBucket, Key: doc3!.objectKey!, Body: '%PDF-1.7 altered' }));
    expectProblem(await sign(c, 1, signatureOf(c, 3, copies[3]!), c.tokens[3]), 409);
    // Other bytes already at partner 2's key: write-once says no.
    const key2 = `${agreementsPrefix(c.project)}v1/signed/${c.orgs[2]}.pdf`;
    await s3().send(new PutObjectCommand({ Bucket: config.agreementsBucket, Key: key2, Body: 'x', Metadata: { sha256: 'f'.repeat(64) } }));
    const taken = await sign(c, 1, signatureOf(c, 2, copies[2]!), c.tokens[2]);
    expectProblem(taken, 409);
    expect(taken.body.detail).toMatch(/signed\//);

    // Another signature lands between our read and our write (412 on the workflow): ours is applied again.
    // The first transaction is cancelled on the workflow item's lock, as DynamoDB does when another writer got in.
    const db = ddb();
    const dbSend = db.send.bind(db);
    let transactions = 0;
    const spy = jest.spyOn(db, 'send').mockImplementation((async (cmd: unknown) => {
      if (cmd instanceof TransactWriteCommand && JSON.stringify(cmd.input).includes('agreement-signature') && transactions++ === 0) {
        throw Object.assign(new Error('Transaction cancelled'), {
          name: 'TransactionCanceledException',
          CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
        });
      }
      return dbSend(cmd as never);
    }) as never);
    const retried = await sign(c, 1, signatureOf(c, 0, copies[0]!), c.tokens[0]);
    expect(retried.status).toBe(201);
    expect(transactions).toBe(2);
    spy.mockRestore();

    // The same bytes already at partner 1's key (an earlier attempt of this very signature): accepted.
    const doc1 = await getDocument(copies[1]!);
    await s3().send(
      new PutObjectCommand({
        Bucket: config.agreementsBucket,
        Key: `${agreementsPrefix(c.project)}v1/signed/${c.orgs[1]}.pdf`,
        Body: signedCopy(1),
        Metadata: { sha256: doc1!.sha256! },
      }),
    );
    const copy2 = await uploadDocument(api, c.tokens[2]!, c.project, signedCopy(22));
    // Partner 2's key keeps the other bytes (write-once), whoever signs and with whatever copy: 409 again.
    expectProblem(await sign(c, 1, signatureOf(c, 2, copy2)), 409);
    const copy3 = await uploadDocument(api, c.tokens[3]!, c.project, signedCopy(33));
    const two = await Promise.all([sign(c, 1, signatureOf(c, 1, copies[1]!), c.tokens[1]), sign(c, 1, signatureOf(c, 3, copy3), c.tokens[3])]);
    expect(two.map((r) => r.status)).toEqual([201, 201]);
    const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
    expect(wf.body.signatures.map((x: { orgId: string }) => x.orgId).sort()).toEqual([c.orgs[0], c.orgs[1], c.orgs[3]].sort());
    expect(wf.body.stage).toBe('signatures');
  });
});
