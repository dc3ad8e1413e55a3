/**
 * Faults the emulators cannot produce, injected in the AWS SDK's middleware stack (inside the SDK's retry loop,
 * so its retries are exercised as in AWS): DynamoDB throttling and 5xx, S3 unreachable, SES failing. What the
 * API must do: retry, then answer 503 problem+json with Retry-After — never a 500, never a half-written state.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { MiddlewareStack } from '@smithy/types';
import { runReminders } from '../../functions/jobs/send-reminders';
import { config } from '../../shared/store/config';
import { ddb, dynamo, s3, ses } from '../../shared/store/clients';
import { consortium, submitDeclaration } from './helpers/consortium';
import { frenchOrg, sentMail, startApi, tokenFor, type Api } from './helpers/api';

let api: Api;
let legal: string;

beforeAll(async () => {
  api = await startApi();
  legal = await tokenFor('legal');
});
afterAll(() => api.close());

type Stack = MiddlewareStack<any, any>;
interface Fault {
  /** Commands seen by the fault (every attempt, including the SDK's retries). */
  attempts: { command: string; input: any }[];
  remove(): void;
}

/**
 * Makes `client` fail the commands that `matches` (the first `times` attempts, every attempt by default) with
 * `error()`. Added at the deserialize step, below the retry middleware: each retry meets the fault again.
 */
function inject(stack: Stack, matches: (command: string) => boolean, error: () => Error, times = Infinity): Fault {
  const name = `fault-${Math.random().toString(36).slice(2)}`;
  const attempts: Fault['attempts'] = [];
  let failed = 0;
  stack.add(
    (next: any, context: any) => async (args: any) => {
      if (!matches(context.commandName as string)) return next(args);
      attempts.push({ command: context.commandName as string, input: args.input });
      if (failed++ < times) throw error();
      return next(args);
    },
    { step: 'deserialize', name },
  );
  return { attempts, remove: () => stack.remove(name) };
}

const throttled = () =>
  Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
    name: 'ProvisionedThroughputExceededException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
const serverError = () =>
  Object.assign(new Error('Internal server error'), { name: 'InternalServerError', $fault: 'server', $metadata: { httpStatusCode: 500 } });
const unreachable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4569'), { code: 'ECONNREFUSED' });

const writes = (c: string) => /^(TransactWriteItems|PutItem|UpdateItem|DeleteItem|BatchWriteItem)Command$/.test(c);

function expectUnavailable(res: { status: number; headers: Headers; body: any; text: string }) {
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.headers.get('retry-after')).toBe('5');
  expect(res.body).toMatchObject({ type: 'https://vigie.dev/problems/unavailable', status: 503, title: 'Service momentanément indisponible' });
  // Nothing internal: no SDK error name or message, no stack.
  expect(res.text).not.toMatch(/Throughput|InternalServerError|ECONNREFUSED|at \w+ \(/);
}

describe('DynamoDB faults', () => {
  test('throttled on every attempt: the SDK retries 4 times, then 503 with Retry-After, and nothing of the transaction is written', async () => {
    const fault = inject(dynamo().middlewareStack as Stack, writes, throttled);
    let res;
    try {
      res = await api.call('POST', '/organizations', { token: legal, body: frenchOrg('Throttled SAS') });
    } finally {
      fault.remove();
    }
    expectUnavailable(res);
    // The client's maxAttempts (4) for the one write the request tried.
    expect(fault.attempts).toHaveLength(4);
    // One transaction (the organization with its audit event), tried 4 times.
    expect(fault.attempts.map((a) => a.command)).toEqual(Array(4).fill('TransactWriteItemsCommand'));
    // Not half-written: no item the write carried exists (the organization, its audit event, its markers).
    const keys = fault.attempts[0]!.input.TransactItems
      ? (fault.attempts[0]!.input.TransactItems as any[]).map((t) => (t.Put ?? t.Update ?? t.Delete ?? t.ConditionCheck).Key ?? (t.Put as any).Item)
      : [fault.attempts[0]!.input.Key ?? fault.attempts[0]!.input.Item];
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) {
      const key = { pk: k.pk?.S ?? k.pk, sk: k.sk?.S ?? k.sk };
      const { Item } = await ddb().send(new GetCommand({ TableName: config.tableName, Key: key, ConsistentRead: true }));
      // An item already there (a shared head, a counter) is not this request's: it does not name the new organization.
      expect(JSON.stringify(Item ?? {})).not.toContain('Throttled SAS');
    }
    // The same request, once DynamoDB answers again, goes through.
    const again = await api.call('POST', '/organizations', { token: legal, body: frenchOrg('Throttled SAS') });
    expect(again.status).toBe(201);
  });

  test('throttled twice, then accepted: the SDK retries and the client sees a normal 201', async () => {
    const fault = inject(dynamo().middlewareStack as Stack, writes, throttled, 2);
    let res;
    try {
      res = await api.call('POST', '/organizations', { token: legal, body: frenchOrg('Retried SAS') });
    } finally {
      fault.remove();
    }
    expect(res.status).toBe(201);
    expect(fault.attempts.length).toBeGreaterThanOrEqual(3);
    const read = await api.call('GET', `/organizations/${res.body.id}`, { token: legal });
    expect(read.body.legalName).toBe('Retried SAS');
  });

  test('a 5xx on reads: 503 problem+json in English on request, not a 500', async () => {
    const fault = inject(dynamo().middlewareStack as Stack, (c) => /^(GetItem|Query|BatchGetItem)Command$/.test(c), serverError);
    let res;
    try {
      res = await api.call('GET', '/organizations?limit=5', { token: legal, headers: { 'accept-language': 'en' } });
    } finally {
      fault.remove();
    }
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.body.title).toBe('Service temporarily unavailable');
    expect(fault.attempts.length).toBeGreaterThanOrEqual(4);
  });
});

describe('S3 unreachable during an upload confirmation', () => {
  test('503, the document stays pending, and the confirmation succeeds once S3 is back', async () => {
    const c = await consortium(api, legal, 'S3FAULT', 1);
    const bytes = Buffer.from('%PDF-1.7\n% test\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    // The upload itself (presigned POST) reaches S3; only the API's own S3 calls are cut.
    const start = await api.call('POST', `/projects/${c.project}/documents`, {
      token: legal,
      body: { fileName: 'annexe.pdf', contentType: 'application/pdf', size: bytes.length, organizationId: c.orgs[0] },
    });
    expect(start.status).toBe(201);
    const form = new FormData();
    for (const [k, v] of Object.entries(start.body.upload.fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'upload');
    expect((await fetch(start.body.upload.url, { method: 'POST', body: form })).status).toBeLessThan(300);

    const fault = inject(s3().middlewareStack as Stack, () => true, unreachable);
    let res;
    try {
      res = await api.call('POST', `/projects/${c.project}/documents/${start.body.document.id}/confirm`, { token: legal });
    } finally {
      fault.remove();
    }
    expectUnavailable(res);
    expect(fault.attempts.length).toBeGreaterThanOrEqual(3); // S3's default maxAttempts
    const doc = await api.call('GET', `/documents/${start.body.document.id}`, { token: legal });
    expect(doc.body.status ?? doc.body.document?.status).toBe('pending');

    const ok = await api.call('POST', `/projects/${c.project}/documents/${start.body.document.id}/confirm`, { token: legal });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('available');
  });
});

describe('SES failing during the reminder job', () => {
  test('the digest is not lost: sent on the next run, exactly once', async () => {
    const c = await consortium(api, legal, 'SESFAULT', 2);
    for (let i = 0; i < 2; i++) await submitDeclaration(api, c, i);
    const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
    const day = wf.body.pending[0].dueDate as string;
    const now = new Date(`${day}T08:00:00+01:00`);
    const rep = 'rep1-SESFAULT@partner.example'.toLowerCase();
    const mine = (m: { subject: string; destination: { to: string[] } }) =>
      m.subject.includes(day) && m.destination.to.map((t) => t.toLowerCase()).includes(rep);

    const fault = inject(
      ses().middlewareStack as Stack,
      (cmd) => cmd === 'SendEmailCommand',
      () => Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailableException', $fault: 'server', $metadata: { httpStatusCode: 503 } }),
    );
    let first;
    try {
      first = await runReminders({ now });
    } finally {
      fault.remove();
    }
    expect(first.failed.map((f) => f.email.toLowerCase())).toContain(rep);
    expect(await sentMail(mine)).toHaveLength(0);

    const second = await runReminders({ now });
    expect(second.failed).toEqual([]);
    expect(await sentMail(mine)).toHaveLength(1);
    // A third run the same day sends nothing more.
    await runReminders({ now });
    expect(await sentMail(mine)).toHaveLength(1);
  });
});
