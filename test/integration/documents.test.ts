import { createHash } from 'node:crypto';
import { startApi, tokenFor, frenchOrg, projectBody, type Api } from './helpers/api';

let api: Api;
let legal: string;
let orgA: { id: string };
let orgB: { id: string };
let project: { id: string };
let partnerA: string;
let partnerB: string;

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
  orgA = (await api.call('POST', '/organizations', { token: legal, body: frenchOrg('Docs A') })).body;
  orgB = (await api.call('POST', '/organizations', { token: legal, body: frenchOrg('Docs B') })).body;
  project = (
    await api.call('POST', '/projects', {
      token: legal,
      body: projectBody({
        partners: [
          { organizationId: orgA.id, role: 'coordinator' },
          { organizationId: orgB.id, role: 'partner' },
        ],
      }),
    })
  ).body;
  partnerA = await tokenFor('partner', orgA.id);
  partnerB = await tokenFor('partner', orgB.id);
});
afterAll(() => api.close());

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

interface UploadForm {
  url: string;
  fields: Record<string, string>;
}

/** POSTs `bytes` with a presigned form, as a browser would. */
async function postForm(upload: UploadForm, contentType: string, bytes: Buffer) {
  const form = new FormData();
  for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
  form.append('file', new Blob([bytes], { type: contentType }), 'upload');
  return fetch(upload.url, { method: 'POST', body: form });
}

async function startUpload(token: string, fileName: string, contentType: string, size: number) {
  const start = await api.call('POST', `/projects/${project.id}/documents`, { token, body: { fileName, contentType, size } });
  expect(start.status).toBe(201);
  return start.body as { document: { id: string; uploadKey: string; objectKey?: string }; upload: UploadForm };
}

async function upload(token: string, fileName: string, contentType: string, bytes: Buffer) {
  const start = await startUpload(token, fileName, contentType, bytes.length);
  expect((await postForm(start.upload, contentType, bytes)).status).toBeLessThan(300);
  return { ...start.document, upload: start.upload };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const policyOf = (upload: UploadForm) => JSON.parse(Buffer.from(upload.fields.Policy!, 'base64').toString('utf8')) as { conditions: unknown[] };

test('a partner uploads a PDF through the presigned POST, confirms, and sees its SHA-256', async () => {
  const doc = await upload(partnerA, '../../etc/Brevet FR3012345 <v2>.pdf', 'application/pdf', PDF);
  // The form writes to an incoming key (ids only); the served copy gets its own key at confirmation.
  expect(doc.uploadKey).toBe(`incoming/${project.id}/${doc.id}`);
  expect(doc.objectKey).toBeUndefined();
  const confirmed = await api.call('POST', `/projects/${project.id}/documents/${doc.id}/confirm`, { token: partnerA });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body).toMatchObject({ status: 'available', size: PDF.length, sha256: sha256(PDF) });
  expect(confirmed.body.objectKey).toMatch(new RegExp(`^documents/${project.id}/${doc.id}/[0-9a-f]{32}$`));
  expect(confirmed.body.fileName).toBe('Brevet FR3012345 _v2_.pdf');
  const again = await api.call('POST', `/projects/${project.id}/documents/${doc.id}/confirm`, { token: partnerA });
  expect(again.status).toBe(409);

  const got = await api.call('GET', `/documents/${doc.id}`, { token: partnerA });
  expect(got.status).toBe(200);
  const file = await fetch(got.body.download.url);
  expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
});

test('an EXE renamed .pdf is refused at confirmation and deleted', async () => {
  const doc = await upload(partnerA, 'contract.pdf', 'application/pdf', EXE);
  const r = await api.call('POST', `/projects/${project.id}/documents/${doc.id}/confirm`, { token: partnerA });
  expect(r.status).toBe(422);
  expect(r.body.detail).toMatch(/exécutable/);
  const got = await api.call('GET', `/documents/${doc.id}`, { token: legal });
  expect(got.body.document.status).toBe('rejected');
  expect(got.body.download).toBeNull();
});

test('bad upload requests: type, size, another organization', async () => {
  const exe = await api.call('POST', `/projects/${project.id}/documents`, {
    token: partnerA,
    body: { fileName: 'a.exe', contentType: 'application/x-msdownload', size: 10 },
  });
  expect(exe.status).toBe(400);
  expect(exe.body.errors[0].path).toBe('contentType');
  const big = await api.call('POST', `/projects/${project.id}/documents`, {
    token: partnerA,
    body: { fileName: 'a.pdf', contentType: 'application/pdf', size: 26 * 1024 * 1024 },
  });
  expect(big.body.errors[0].path).toBe('size');
  const other = await api.call('POST', `/projects/${project.id}/documents`, {
    token: partnerA,
    body: { fileName: 'a.pdf', contentType: 'application/pdf', size: 10, organizationId: orgB.id },
  });
  expect(other.status).toBe(400);
  expect(other.body.errors[0].path).toBe('organizationId');
});

test("partners see only their organization's documents; staff see all", async () => {
  const doc = await upload(partnerB, 'b.txt', 'text/plain', Buffer.from('Savoir-faire : procédé de gravure\n'));
  expect((await api.call('POST', `/projects/${project.id}/documents/${doc.id}/confirm`, { token: partnerB })).status).toBe(200);
  expect((await api.call('GET', `/documents/${doc.id}`, { token: partnerA })).status).toBe(404);
  expect((await api.call('POST', `/projects/${project.id}/documents/${doc.id}/confirm`, { token: partnerA })).status).toBe(404);
  const listA = await api.call('GET', `/projects/${project.id}/documents`, { token: partnerA });
  expect(listA.body.items.every((d: { organizationId: string }) => d.organizationId === orgA.id)).toBe(true);
  const listLegal = await api.call('GET', `/projects/${project.id}/documents`, { token: legal });
  expect(listLegal.body.items.map((d: { id: string }) => d.id)).toContain(doc.id);
  const outsider = await tokenFor('partner', (await api.call('POST', '/organizations', { token: legal, body: frenchOrg('Outsider') })).body.id);
  expect((await api.call('GET', `/documents/${doc.id}`, { token: outsider })).status).toBe(404);
  expect((await api.call('GET', `/projects/${project.id}/documents`, { token: outsider })).status).toBe(404);
});

test('confirming before uploading is a 409', async () => {
  const start = await api.call('POST', `/projects/${project.id}/documents`, {
    token: legal,
    body: { fileName: 'x.png', contentType: 'image/png', size: 10, organizationId: orgA.id },
  });
  const r = await api.call('POST', `/projects/${project.id}/documents/${start.body.document.id}/confirm`, { token: legal });
  expect(r.status).toBe(409);
});

test('replaying the presigned form after confirmation cannot change what is served', async () => {
  const doc = await upload(partnerA, 'brevet.pdf', 'application/pdf', PDF);
  const confirmed = await api.call('POST', `/projects/${project.id}/documents/${doc.id}/confirm`, { token: partnerA });
  expect(confirmed.status).toBe(200);
  const recorded: string = confirmed.body.sha256;
  expect(recorded).toBe(sha256(PDF));

  // The same form (still within its validity), other bytes of the same size: the policy lets them through.
  const other = Buffer.from(PDF.toString('latin1').replace('1 0 obj', '6 6 obj'), 'latin1');
  expect(other.length).toBe(PDF.length);
  expect((await postForm(doc.upload, 'application/pdf', other)).status).toBeLessThan(300);

  const got = await api.call('GET', `/documents/${doc.id}`, { token: partnerA });
  expect(got.status).toBe(200);
  expect(got.body.document.sha256).toBe(recorded);
  const served = Buffer.from(await (await fetch(got.body.download.url)).arrayBuffer());
  expect(sha256(served)).toBe(recorded);
  expect(served.equals(PDF)).toBe(true);
  // The form's key is never the served key, and a second confirmation changes nothing.
  expect(policyOf(doc.upload).conditions).toContainEqual(['eq', '$key', doc.uploadKey]);
  expect(got.body.document.objectKey).not.toBe(doc.uploadKey);
  expect((await api.call('POST', `/projects/${project.id}/documents/${doc.id}/confirm`, { token: partnerA })).status).toBe(409);
});

test('the upload policy accepts exactly the declared size; a file of another size is refused at confirmation', async () => {
  // s3rver 3.7.1 does not evaluate POST policies at all (its `policy` field is "unimplemented"), so the
  // content-length-range condition is checked on the signed policy itself; S3 enforces it (EntityTooSmall /
  // EntityTooLarge), and confirmation checks the size again whatever the store did.
  const start = await startUpload(partnerA, 'a.pdf', 'application/pdf', PDF.length);
  const conditions = policyOf(start.upload).conditions;
  expect(conditions).toContainEqual(['content-length-range', PDF.length, PDF.length]);
  expect(conditions).toContainEqual(['eq', '$key', start.document.uploadKey]);
  expect(conditions).toContainEqual(['eq', '$Content-Type', 'application/pdf']);
  expect(conditions.filter((c) => Array.isArray(c) && c[0] === 'content-length-range')).toHaveLength(1);

  const longer = Buffer.concat([PDF, Buffer.from('% padding\n')]);
  expect((await postForm(start.upload, 'application/pdf', longer)).status).toBeLessThan(300); // s3rver: no policy check
  const r = await api.call('POST', `/projects/${project.id}/documents/${start.document.id}/confirm`, { token: partnerA, headers: { 'accept-language': 'en' } });
  expect(r.status).toBe(422);
  expect(r.body.detail).toBe(`The file was refused and deleted: The file has ${longer.length} bytes, not the ${PDF.length} declared.`);
  const got = await api.call('GET', `/documents/${start.document.id}`, { token: legal });
  expect(got.body.document.status).toBe('rejected');
  expect(got.body.download).toBeNull();
});
