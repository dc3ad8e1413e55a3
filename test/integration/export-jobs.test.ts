import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { UpdateCommand, GetCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { startApi, tokenFor, type Api } from './helpers/api';
import { consortiumAtAgreement, type Consortium } from './helpers/consortium';
import { columnsOf, EXPORT_KINDS } from '../../shared/domain/exports/columns';
import { verifyAuditLines } from '../../scripts/verify-audit';
import { ddb } from '../../shared/store/clients';
import { config } from '../../shared/store/config';
import { flagKey, migrationKey, queries } from '../../shared/store/keys';
import { queryAll } from '../../shared/store/query';
import { runPendingMigrations } from '../../shared/store/migrations';
import { listFlags } from '../../shared/store/flags';
import { deleteExpiredExports } from '../../shared/store/export-files';
import { getExportJob, putExportJob, saveExportJob } from '../../shared/store/exports';
import { exportRequestSchema, newExportJob, startJob } from '../../shared/domain/exports/request';
import { randomUUID } from 'node:crypto';

/**
 * The export worker end to end (docs/exports.md, "The job"): POST /exports over the wire, the worker runs
 * in-process, the file lands in the exports bucket (s3rver) by multipart upload, GET /exports/{id} gives the
 * link; the bytes are checked against the job's SHA-256 and parsed by independent readers.
 */
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
let api: Api;
let legal: string;
let c: Consortium;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
  const committee = await tokenFor('committee');
  c = await consortiumAtAgreement(api, legal, committee, 'EXPJOB');
  const ev = await api.call('POST', `/organizations/${c.orgs[0]}/control-events`, {
    token: legal,
    body: {
      kind: 'shareholding-change',
      status: 'completed',
      investor: { name: 'Fonds Étranger', country: 'US' },
      votingRightsBeforePct: 10,
      votingRightsAfterPct: 12.5,
      effectiveDate: today,
    },
  });
  if (ev.status !== 201) throw new Error(`control event → ${ev.status} ${ev.text.slice(0, 300)}`);
}, 120_000);
afterAll(() => api.close());

const projectAudit = async () => (await queryAll<any>(queries.auditEvents(`PROJ#${c.project}`), { max: 10_000 })).items;

interface Done {
  job: any;
  bytes: Buffer;
}

async function waitFor(id: string, token = legal): Promise<any> {
  for (let i = 0; i < 300; i++) {
    const r = await api.call('GET', `/exports/${id}`, { token });
    if (r.body.status === 'done' || r.body.status === 'failed') return r.body;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`export ${id} did not finish`);
}

async function exportOf(body: Record<string, unknown>): Promise<Done> {
  const r = await api.call('POST', '/exports', { token: legal, body });
  expect(r.status).toBe(202);
  const job = await waitFor(r.body.id);
  expect(job).toMatchObject({ status: 'done', failure: null, percent: 100 });
  const res = await fetch(job.download.url);
  expect(res.status).toBe(200);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(job.result.sha256);
  expect(bytes.length).toBe(job.result.bytes);
  return { job, bytes };
}

describe('export jobs', () => {
  test('the audit log of a project as JSON Lines: every event, a chain the verifier finds intact, and the export audited with its hash', async () => {
    const { job, bytes } = await exportOf({ kind: 'audit', format: 'jsonl', projectId: c.project });
    const lines = bytes.toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(job.result.rows);
    expect(job.rowsWritten).toBe(job.result.rows);
    const rows = lines.map((l) => JSON.parse(l));
    expect(rows[0]).toMatchObject({ chain: `PROJ#${c.project}`, seq: 1, action: 'project.created' });
    // Its own request is in it (audited before the worker ran).
    expect(rows.some((e) => e.action === 'export.requested' && e.targetId === job.id)).toBe(true);
    async function* it() {
      yield* lines;
    }
    expect(await verifyAuditLines(it())).toMatchObject({ valid: true, events: rows.length, chains: 1, anchored: 0 });
    const tampered = [...lines];
    tampered[3] = tampered[3]!.replace('"action":"', '"action":"x');
    async function* bad() {
      yield* tampered;
    }
    expect(await verifyAuditLines(bad())).toMatchObject({ valid: false, brokenSeq: 4 });
    // export.completed, with the file's SHA-256, on the project's chain.
    const completed = (await projectAudit()).find((e: any) => e.action === 'export.completed' && e.target.id === job.id);
    expect(completed).toMatchObject({ after: { file: { sha256: job.result.sha256, rows: job.result.rows } } });
    expect(job.download.expiresAt > new Date().toISOString()).toBe(true);
    expect(job.result).toMatchObject({ parts: 1, contentType: 'application/x-ndjson', fileName: expect.stringMatching(/\.jsonl$/) });
  });

  test('the flags register as French CSV: BOM, `;`, French headers, one line per flag of the period', async () => {
    const flags = await listFlags(c.project);
    const { job, bytes } = await exportOf({ kind: 'flags', format: 'csv', projectId: c.project, from: '2020-01-01', to: today });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes.toString('utf8'), { bom: true, delimiter: ';' }) as string[][];
    expect(records[0]).toEqual(columnsOf('flags').map((col) => col.header.fr));
    expect(records.length - 1).toBe(flags.length);
    expect(job.result.rows).toBe(flags.length);
    expect(
      records
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(flags.map((f) => f.id).sort());
  });

  test('a period before the data: the header row only', async () => {
    const { job, bytes } = await exportOf({ kind: 'flags', format: 'csv', locale: 'en', projectId: c.project, from: '2001-01-01', to: '2001-12-31' });
    expect(job.result.rows).toBe(0);
    expect(bytes.toString('utf8').replace(/^\uFEFF/, '')).toBe(
      columnsOf('flags')
        .map((col) => col.header.en)
        .join(',') + '\r\n',
    );
  });

  test.each(['csv', 'xlsx', 'jsonl'] as const)(
    'every kind, pôle-wide for today, in %s: done, and the rows come back through an independent reader',
    async (format) => {
      for (const kind of EXPORT_KINDS) {
        const { job, bytes } = await exportOf({ kind, format, from: today, to: today });
        let dataRows: number;
        if (format === 'jsonl') {
          const lines = bytes.length ? bytes.toString('utf8').trimEnd().split('\n') : [];
          // Every line validates against the schema the API serves for its kind.
          const validate = ajv.compile((await api.call('GET', `/exports/schemas/${kind}`, { token: legal })).body);
          for (const line of lines) expect({ kind, line, valid: validate(JSON.parse(line)) }).toEqual({ kind, line, valid: true });
          dataRows = lines.length;
        } else if (format === 'csv') dataRows = (parse(bytes.toString('utf8'), { bom: true, delimiter: ';' }) as string[][]).length - 1;
        else {
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(bytes as unknown as ArrayBuffer);
          dataRows = wb.worksheets[0]!.actualRowCount - 1;
        }
        expect({ kind, rows: dataRows }).toEqual({ kind, rows: job.result.rows });
        // Today's data of this test is in every kind (the pôle-wide reads come from the dated index).
        if (kind !== 'dual-use-register' || job.result.rows) expect({ kind, some: job.result.rows > 0 }).toEqual({ kind, some: true });
      }
    },
    120_000,
  );

  test('the declarations register, pôle-wide: each version with its submission read from its head', async () => {
    const { bytes } = await exportOf({ kind: 'declarations-register', format: 'jsonl', from: today, to: today });
    const mine = bytes
      .toString('utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((row) => row.projectId === c.project);
    // Each partner saved one version and submitted it (consortiumAtAgreement).
    expect(mine.map((row) => row.organizationId).sort()).toEqual([...c.orgs].sort());
    for (const row of mine) expect(row).toMatchObject({ version: 1, submitted: true, current: true, submittedAt: expect.stringMatching(/^\d{4}-/) });
  });

  test('`all`: one zip with a file per kind and a manifest of their rows and hashes', async () => {
    const { job, bytes } = await exportOf({ kind: 'all', format: 'csv', projectId: c.project });
    const dir = mkdtempSync(join(tmpdir(), 'vigie-zip-'));
    writeFileSync(join(dir, 'all.zip'), bytes);
    await promisify(execFile)('unzip', ['-q', 'all.zip', '-d', 'out'], { cwd: dir });
    const files = readdirSync(join(dir, 'out')).sort();
    expect(files).toEqual([...EXPORT_KINDS.map((k) => `${k}.csv`), 'manifest.json'].sort());
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8'));
    let total = 0;
    for (const f of manifest.files) {
      const content = readFileSync(join(dir, 'out', f.file));
      expect(createHash('sha256').update(content).digest('hex')).toBe(f.sha256);
      expect((parse(content.toString('utf8'), { bom: true, delimiter: ';' }) as string[][]).length - 1).toBe(f.rows);
      total += f.rows;
    }
    expect(job.result.rows).toBe(total);
    expect(job.result.contentType).toBe('application/zip');
    // Each kind's progress on the job, final: done, with the manifest's rows.
    expect(job.kinds).toEqual(manifest.files.map((f: { kind: string; rows: number }) => ({ kind: f.kind, status: 'done', rows: f.rows })));
  });

  test('a failure is reported without internals, and audited', async () => {
    const bucket = process.env.EXPORTS_BUCKET;
    process.env.EXPORTS_BUCKET = 'vigie-no-such-bucket';
    try {
      const r = await api.call('POST', '/exports', { token: legal, body: { kind: 'flags', format: 'csv', projectId: c.project } });
      const job = await waitFor(r.body.id);
      expect(job).toMatchObject({ status: 'failed', result: null, download: null, failure: { code: 'source-unavailable' } });
      expect(job.failure.message.fr).toMatch(/indisponibles/);
      expect(JSON.stringify(job)).not.toMatch(/NoSuchBucket|no-such-bucket|stack/i);
      expect((await projectAudit()).find((e: any) => e.action === 'export.failed' && e.target.id === job.id)).toMatchObject({
        after: { failure: 'source-unavailable' },
      });
    } finally {
      process.env.EXPORTS_BUCKET = bucket;
    }
  });
});

describe('an abandoned job', () => {
  test('running with no sign of life for over 16 minutes: reading it marks it failed (internal), audited', async () => {
    const long = new Date(Date.now() - 20 * 60_000);
    const job = newExportJob(
      `exp_${randomUUID().replaceAll('-', '')}`,
      { sub: 'someone', role: 'legal' },
      exportRequestSchema.parse({ kind: 'flags', format: 'csv', projectId: c.project }),
      long,
    );
    await putExportJob(job);
    await saveExportJob(startJob(job, long));
    const r = await api.call('GET', `/exports/${job.id}`, { token: legal });
    expect(r.body).toMatchObject({ status: 'failed', failure: { code: 'internal' }, download: null });
    expect((await getExportJob(job.id))!.status).toBe('failed');
    expect((await projectAudit()).find((e: any) => e.action === 'export.failed' && e.target.id === job.id)).toMatchObject({ after: { failure: 'internal' } });
    // A live one is left alone.
    const live = newExportJob(
      `exp_${randomUUID().replaceAll('-', '')}`,
      { sub: 'someone', role: 'legal' },
      exportRequestSchema.parse({ kind: 'flags', format: 'csv' }),
      new Date(),
    );
    await putExportJob(live);
    await saveExportJob(startJob(live, new Date()));
    expect((await api.call('GET', `/exports/${live.id}`, { token: legal })).body.status).toBe('running');
  });
});

describe('the dated index migration', () => {
  test('items stored before the index get its keys, once', async () => {
    const [flag] = await listFlags(c.project);
    const key = flagKey(c.project, flag!.id);
    await ddb().send(new UpdateCommand({ TableName: config.tableName, Key: key, UpdateExpression: 'REMOVE gsi3pk, gsi3sk' }));
    await ddb().send(new DeleteCommand({ TableName: config.tableName, Key: migrationKey('dated-index-v1') }));
    const run = await runPendingMigrations();
    expect(run[0]).toMatchObject({ name: 'dated-index-v1', skipped: false });
    expect(run[0]!.updated).toBeGreaterThanOrEqual(1);
    const { Item } = await ddb().send(new GetCommand({ TableName: config.tableName, Key: key }));
    expect(Item).toMatchObject({ gsi3pk: 'DATED#FLAG', gsi3sk: `${flag!.createdAt}#${c.project}#${flag!.id}` });
    const { items } = await queryAll<{ id: string }>(queries.dated('FLAG', flag!.createdAt.slice(0, 10), flag!.createdAt.slice(0, 10)), { max: 100_000 });
    expect(items.map((f) => f.id)).toContain(flag!.id);
    expect((await runPendingMigrations())[0]).toMatchObject({ skipped: true, updated: 0 });
  });
});

describe('retention', () => {
  test('the local cleanup deletes export files older than 7 days, and only those', async () => {
    const { job } = await exportOf({ kind: 'control-events', format: 'jsonl', organizationId: c.orgs[0] });
    expect(job.result.rows).toBe(1);
    expect(await deleteExpiredExports(new Date())).toBe(0);
    const inEightDays = new Date(Date.now() + 8 * 86_400_000);
    expect(await deleteExpiredExports(inEightDays)).toBeGreaterThanOrEqual(1);
    expect((await fetch(job.download.url)).status).toBe(404);
  });
});

describe('project summary (PDF)', () => {
  test('one page per project of the organization, through the worker', async () => {
    const { job, bytes } = await exportOf({ kind: 'project-summary', format: 'pdf', organizationId: c.orgs[0] });
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { PDFDocument } = await import('pdf-lib');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(job.result.rows);
    expect(job.result.rows).toBe(1);
    expect(job.result).toMatchObject({ contentType: 'application/pdf', fileName: expect.stringMatching(/\.pdf$/) });
  });
});
