import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { modelHash } from '../../shared/domain/agreement/model';
import { sha256Hex } from '../../shared/domain/audit';
import { renderAgreementPdf } from '../../shared/pdf/render-agreement';
import { parseArgs, runVerifyAgreement } from '../../scripts/verify-agreement';
import { agreementFixture, SMALL_AGREEMENT } from '../support/agreement-fixture';
import { removeAttachment, replaceAttachment } from '../support/pdf-tamper';

const ROOT = join(__dirname, '../..');
const model = agreementFixture(SMALL_AGREEMENT);
const dir = mkdtempSync(join(tmpdir(), 'vigie-verify-'));
let good: string;
let tampered: string;
let noModel: string;
let pdf: Uint8Array;

beforeAll(async () => {
  pdf = await renderAgreementPdf(model);
  good = join(dir, 'accord.pdf');
  tampered = join(dir, 'modifie.pdf');
  noModel = join(dir, 'sans-modele.pdf');
  writeFileSync(good, pdf);
  writeFileSync(tampered, await replaceAttachment(pdf, (j) => j.replace('"version":1', '"version":2')));
  writeFileSync(noModel, await removeAttachment(pdf));
});

async function run(args: string[], fetchImpl?: typeof fetch) {
  const lines: string[] = [];
  const code = await runVerifyAgreement(args, (l) => lines.push(l), fetchImpl);
  return { code, text: lines.join('\n') };
}

describe('verify-agreement CLI', () => {
  test('intact: exit 0, in French by default, in English with --lang en', async () => {
    const fr = await run([good]);
    expect(fr.code).toBe(0);
    expect(fr.text).toContain(`${good} : intact`);
    const en = await run(['--lang', 'en', good]);
    expect(en).toMatchObject({ code: 0, text: expect.stringContaining(`${good}: intact`) });
    expect(en.text).toContain('rendering it gives this file byte for byte');
  });

  test('tampered: exit 1 and what differs', async () => {
    const r = await run([tampered]);
    expect(r.code).toBe(1);
    expect(r.text).toContain('NON INTÈGRE');
    expect(r.text).toContain("n'est pas celle de la pièce jointe");
  });

  test('usage errors: exit 2', async () => {
    expect((await run([])).code).toBe(2);
    expect(await run(['--bogus', good])).toMatchObject({ code: 2, text: 'Option inconnue : --bogus' });
    expect(await run([join(dir, 'absent.pdf')])).toMatchObject({ code: 2, text: expect.stringContaining('Impossible de lire') });
    expect(parseArgs(['a.pdf', 'b.pdf'])).toBe('Un seul fichier à la fois.');
    expect(parseArgs(['a.pdf', '--api'])).toBe("L'option --api attend une valeur.");
    expect(parseArgs(['a.pdf', '--lang', 'de'])).toBe('Langue inconnue : de (fr ou en).');
    expect(parseArgs(['--lang', 'en'])).toMatch(/^Usage: /);
    expect(parseArgs(['a.pdf', '--api', 'http://x/', '--token', 't'])).toEqual({ file: 'a.pdf', api: 'http://x', token: 't', lang: 'fr' });
  });

  test('as a process (npm run verify-agreement): the exit code is the verdict', async () => {
    const exec = promisify(execFile);
    const ok = await exec(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/verify-agreement.ts'), good], { cwd: ROOT });
    expect(ok.stdout).toContain('intact');
    await expect(exec(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/verify-agreement.ts'), tampered], { cwd: ROOT })).rejects.toMatchObject({
      code: 1,
    });
  });
});

describe('verify-agreement --api (the server record)', () => {
  let server: Server;
  let base: string;
  let record: Record<string, unknown>;
  let status = 200;
  let body: string | undefined;
  const requests: IncomingMessage[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req);
      res.writeHead(status, { 'content-type': 'application/json' });
      // The shape of GET /projects/{id}/agreements/{n}.
      res.end(body ?? JSON.stringify({ agreement: record, signatures: [], download: {} }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    status = 200;
    body = undefined;
    requests.length = 0;
    record = { version: model.version, documentId: model.documentId, language: 'fr', modelHash: modelHash(model), pdfSha256: sha256Hex(pdf) };
  });

  test('the server has the same hashes: intact; the route and the bearer token are the expected ones', async () => {
    const r = await run([good, '--api', `${base}/`, '--token', 'jwt.value']);
    expect(r.code).toBe(0);
    expect(r.text).toContain('Le serveur a enregistré les mêmes empreintes.');
    expect(requests[0]!.url).toBe(`/projects/${model.project.id}/agreements/${model.version}`);
    expect(requests[0]!.headers.authorization).toBe('Bearer jwt.value');
  });

  test('the server recorded another PDF: exit 1, both hashes shown', async () => {
    record.pdfSha256 = 'f'.repeat(64);
    const r = await run([good, '--api', base, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.text).toContain(`The server recorded the PDF hash "${'f'.repeat(64)}"; this file's is ${sha256Hex(pdf)}.`);
  });

  test('404, a body that is not JSON, an unreachable server', async () => {
    status = 404;
    expect(await run([good, '--api', base])).toMatchObject({ code: 1, text: expect.stringContaining('Le serveur a répondu 404') });
    status = 200;
    body = 'not json';
    expect(await run([good, '--api', base])).toMatchObject({ code: 1, text: expect.stringContaining("La réponse du serveur n'est pas un enregistrement") });
    body = 'null';
    expect((await run([good, '--api', base])).code).toBe(1);
    body = JSON.stringify({ version: 1 }); // a record without its `agreement`
    expect(await run([good, '--api', base])).toMatchObject({ code: 1, text: expect.stringContaining("La réponse du serveur n'est pas un enregistrement") });
    const refused = (async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    }) as unknown as typeof fetch;
    expect(await run([good, '--api', base], refused)).toMatchObject({ code: 1, text: expect.stringContaining('fetch failed: connect ECONNREFUSED') });
  });

  test('without a valid attached model the server is not queried', async () => {
    const r = await run([noModel, '--api', base]);
    expect(r.code).toBe(1);
    expect(r.text).toContain('serveur non interrogé');
    expect(requests).toHaveLength(0);
  });
});
