import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Readable } from 'node:stream';
import { columnsOf, DEFINED_EXPORT_KINDS, EXPORT_KINDS, type DefinedExportKind, type ExportRow } from '../../shared/domain/exports';
import { jsonlWriter } from '../../shared/export';
import { startApi, tokenFor, type Api } from './helpers/api';
import { SAMPLE_ROWS } from '../fixtures/export-sample-rows';

/**
 * GET /exports/schemas/{kind}: the served JSON Schema of each defined kind compiles with a real validator
 * (Ajv 2020, strict, with formats), accepts the sample rows and every line the JSON Lines writer produces,
 * and refuses incomplete or extended records.
 */
let api: Api;
let legal: string;

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
});
afterAll(() => api.close());

/** Fresh Ajv per schema: the served `$id`s must not collide with an earlier compile. */
async function servedValidator(kind: DefinedExportKind): Promise<ValidateFunction> {
  const res = await api.call('GET', `/exports/schemas/${kind}`, { token: legal });
  expect(res.status).toBe(200);
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(res.body as object);
}

function rowsOf(kind: DefinedExportKind): readonly ExportRow[] {
  const rows = SAMPLE_ROWS[kind];
  if (!rows?.length) throw new Error(`No sample rows for the export kind ${kind}: add them to test/fixtures/export-sample-rows.ts`);
  return rows;
}

async function collect(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

describe.each(DEFINED_EXPORT_KINDS)('GET /exports/schemas/%s', (kind) => {
  test('legal staff get a JSON Schema 2020-12 whose $id is its URL path, as application/schema+json', async () => {
    const path = `/exports/schemas/${kind}`;
    const res = await api.call('GET', path, { token: legal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/schema\+json(;|$)/);
    expect(res.headers.get('cache-control')).toBe('private, max-age=3600');
    expect(res.body).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: path, type: 'object', additionalProperties: false });
    const fields = columnsOf(kind).map((c) => c.field);
    expect(Object.keys(res.body.properties)).toEqual(fields);
    expect(res.body.required).toEqual(fields);
  });

  test('accepts the sample rows; refuses a row missing a field, with an extra field, or with a wrong type', async () => {
    const validate = await servedValidator(kind);
    const rows = rowsOf(kind);
    for (const row of rows) expect({ row, valid: validate(row), errors: validate.errors ?? null }).toEqual({ row, valid: true, errors: null });
    const [row] = rows as [ExportRow];
    for (const field of Object.keys(row)) {
      const { [field]: _dropped, ...missing } = row;
      expect({ field, valid: validate(missing) }).toEqual({ field, valid: false });
    }
    expect(validate({ ...row, notAColumn: 'x' })).toBe(false);
    expect(validate({ ...row, [columnsOf(kind)[0]!.field]: { nested: true } })).toBe(false);
  });

  test('every JSON Lines line the writer produces validates against the served schema', async () => {
    const validate = await servedValidator(kind);
    const writer = jsonlWriter(kind);
    const text = collect(writer.stream);
    for (const row of rowsOf(kind)) await writer.write(row);
    await writer.end();
    const lines = (await text).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(rowsOf(kind).length);
    for (const [i, line] of lines.entries()) {
      expect({ line: i + 1, valid: validate(JSON.parse(line)), errors: validate.errors ?? null }).toEqual({ line: i + 1, valid: true, errors: null });
    }
  });
});

test('a row the writer completes with null for a required non-nullable field is refused by the served schema', async () => {
  // The writer writes null for a missing field: the schema is what catches a row that lacked a mandatory one.
  const validate = await servedValidator('flags');
  const writer = jsonlWriter('flags');
  const text = collect(writer.stream);
  const { title: _t, ...withoutTitle } = rowsOf('flags')[0]!;
  await writer.write(withoutTitle);
  await writer.end();
  const record = JSON.parse((await text).trim()) as ExportRow;
  expect(record.title).toBeNull();
  expect(validate(record)).toBe(false);
  expect(validate.errors?.map((e) => e.instancePath)).toContain('/title');
});

test('partners, lawyers and the committee get 403; no token gets 401', async () => {
  for (const token of [await tokenFor('partner', 'org_1'), await tokenFor('lawyer'), await tokenFor('committee')]) {
    expect((await api.call('GET', '/exports/schemas/flags', { token })).status).toBe(403);
  }
  expect((await api.call('GET', '/exports/schemas/flags')).status).toBe(401);
});

describe('a kind without a schema', () => {
  const undefinedKinds = EXPORT_KINDS.filter((k) => !(DEFINED_EXPORT_KINDS as readonly string[]).includes(k));

  test.each(['nope', 'all', ...undefinedKinds])('%s: 404 problem+json naming the available kinds, in French by default', async (kind) => {
    const res = await api.call('GET', `/exports/schemas/${encodeURIComponent(kind)}`, { token: legal });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toContain("Type d'export inconnu ou sans schéma");
    for (const k of DEFINED_EXPORT_KINDS) expect(res.body.detail).toContain(k);
  });

  test('in English on request', async () => {
    const res = await api.call('GET', '/exports/schemas/nope', { token: legal, headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(404);
    expect(res.body.detail).toContain('Unknown export kind');
  });
});
