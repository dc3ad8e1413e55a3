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
  project = (await api.call('POST', '/projects', { token: legal, body: projectBody({ partners: [{ organizationId: orgA.id, role: 'coordinator' }, { organizationId: orgB.id, role: 'partner' }] }) })).body;
  partnerA = await tokenFor('partner', orgA.id);
  partnerB = await tokenFor('partner', orgB.id);
});
afterAll(() => api.close());

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

async function upload(token: string, fileName: string, contentType: string, bytes: Buffer) {
  const start = await api.call('POST', `/projects/${project.id}/documents`, { token, body: { fileName, contentType, size: bytes.length } });
  expect(start.status).toBe(201);
  const form = new FormData();
  for (const [k, v] of Object.entries(start.body.upload.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([bytes], { type: contentType }), 'upload');
  const s3 = await fetch(start.body.upload.url, { method: 'POST', body: form });
  expect(s3.status).toBeLessThan(300);
  return start.body.document as { id: string; objectKey: string };
}

test('a partner uploads a PDF through the presigned POST, confirms, and sees its SHA-256', async () => {
  const doc = await upload(partnerA, '../../etc/Brevet FR3012345 <v2>.pdf', 'application/pdf', PDF);
  expect(doc.objectKey).toBe(`projects/${project.id}/documents/${doc.id}`);
  const confirmed = await api.call('POST', `/projects/${project.id}/documents/${doc.id}/confirm`, { token: partnerA });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body).toMatchObject({ status: 'available', size: PDF.length, sha256: createHash('sha256').update(PDF).digest('hex') });
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
  const exe = await api.call('POST', `/projects/${project.id}/documents`, { token: partnerA, body: { fileName: 'a.exe', contentType: 'application/x-msdownload', size: 10 } });
  expect(exe.status).toBe(400);
  expect(exe.body.errors[0].path).toBe('contentType');
  const big = await api.call('POST', `/projects/${project.id}/documents`, { token: partnerA, body: { fileName: 'a.pdf', contentType: 'application/pdf', size: 26 * 1024 * 1024 } });
  expect(big.body.errors[0].path).toBe('size');
  const other = await api.call('POST', `/projects/${project.id}/documents`, { token: partnerA, body: { fileName: 'a.pdf', contentType: 'application/pdf', size: 10, organizationId: orgB.id } });
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
  const start = await api.call('POST', `/projects/${project.id}/documents`, { token: legal, body: { fileName: 'x.png', contentType: 'image/png', size: 10, organizationId: orgA.id } });
  const r = await api.call('POST', `/projects/${project.id}/documents/${start.body.document.id}/confirm`, { token: legal });
  expect(r.status).toBe(409);
});
