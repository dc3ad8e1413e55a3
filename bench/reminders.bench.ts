/**
 * `npm run bench:reminders` — the daily reminder job (docs/workflow.md) on 10,000 open steps across 2,000 people.
 * Budget: the DynamoDB reads scale with the DUE steps, not with all open steps.
 *
 * What runs: DynamoDB Local in memory, s3rver and the SES emulator (aws-ses-v2-local, in this process) in a
 * temp folder, all on 127.0.0.1. The job is the product's own `runReminders({ now, send })`
 * (functions/jobs/send-reminders.ts): it reads the due steps through `dueSteps` (gsi2 `DUE`), the partner
 * organizations (BatchGet) and the staff directory, claims one digest per person and day (conditional PutItem),
 * sends it and settles the claim (UpdateItem).
 *
 * Seed (through the product's code, so every item has exactly the product's shape):
 *   - BENCH_PEOPLE (2,000) partner organizations, each with one legal representative (fr, every 4th en),
 *     created with createOrganization; 2 legal staff and 1 committee member with putStaff;
 *   - BENCH_STEPS / BENCH_PARTNERS (10,000 / 5 = 2,000) workflows: createWorkflow + recordSubmission for every
 *     partner (the pure state machine) opens BENCH_PARTNERS partner-approval steps, saved with saveWorkflow
 *     (workflow item + one step index item per open step + audit events, one transaction). Each organization is
 *     a partner of BENCH_STEPS / BENCH_PEOPLE projects. The opening instant of each workflow is spread uniformly
 *     over BENCH_SPREAD_DAYS (60) days, so the due dates (10-day partner SLA, moved to working days) are too.
 *
 * Runs: for each fraction in BENCH_FRACTIONS (5,20,50 %), the bench picks the simulated day whose reminder window
 * (due on or before today + 2 days: overdue, due today, due soon) holds that fraction of the open steps. Same data,
 * only "today" moves. On that day, for each mode in BENCH_MODES:
 *   stub  `send` is a counting stub (no SES): the job's own cost;
 *   ses   `send` is the product's sendEmail through the SES emulator (the default path of the job);
 * the job runs twice: the first run sends the digests, the second (same day) must send none. Between the two
 * modes the bench deletes that day's digest claims (bench housekeeping with its own client) so both start clean.
 *
 * Instrumentation (no product code changed): an SDK middleware on the product's DynamoDB client counts the
 * commands by name, times them, and asks for ReturnConsumedCapacity=TOTAL on every command that does not
 * already (the product asks for it only in dueSteps), so the read and write units of the whole job are known.
 * The job's own figure (`consumedReadUnits`, from dueSteps) is reported next to it.
 * Reference: the bench's own client reads the WHOLE `DUE` index (Select COUNT) and Scans the table once, to show
 * what reading every open step would cost.
 *
 * Bounded: BENCH_MAX_SECONDS (default 900): past it, no new fraction is started; 30 s later the process stops
 * hard. Emulators are always stopped, also on error or Ctrl-C. A budget miss is reported, not an error.
 */
import { createHash } from 'node:crypto';
import type { Email } from '../shared/domain/mail/render';
import type { ReminderRun } from '../functions/jobs/send-reminders';
import type { WorkflowEffect } from '../shared/domain/workflow';
import type { BatchWriteCommandOutput, QueryCommandOutput, ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { createBench, intEnv, pool } from './lib/bench';
import { count as cmd, ddbMs, meterDynamo, requests, type Tally } from './lib/ddb-meter';
import { mulberry32, siren } from './lib/fixtures';
import { environmentLines } from './lib/machine';
import { rawDynamo, sesMailbox, startStack } from './lib/stack';
import { f0, f1, f2, f3 } from './lib/stats';

// ───────────────────────────── configuration ─────────────────────────────

const STEPS = intEnv('BENCH_STEPS', 10_000, 10);
const PEOPLE = intEnv('BENCH_PEOPLE', 2_000, 1);
const PARTNERS = intEnv('BENCH_PARTNERS', 5, 1);
const SPREAD_DAYS = intEnv('BENCH_SPREAD_DAYS', 60, 1);
const CONCURRENCY = intEnv('BENCH_CONCURRENCY', 8, 1);
const LEGAL = intEnv('BENCH_LEGAL', 2, 0);
const MAX_SECONDS = intEnv('BENCH_MAX_SECONDS', 900, 30);
const FRACTIONS = (process.env.BENCH_FRACTIONS ?? '5,20,50').split(',').map((s) => {
  const n = Number(s.trim());
  if (!Number.isFinite(n) || n <= 0 || n > 100) throw new Error(`BENCH_FRACTIONS: each value must be a percentage in (0, 100], got ${s}`);
  return n;
});
const MODES = (process.env.BENCH_MODES ?? 'stub,ses').split(',').map((s) => s.trim());
for (const m of MODES) if (m !== 'stub' && m !== 'ses') throw new Error(`BENCH_MODES: stub and/or ses, got ${m}`);
if (STEPS % PARTNERS !== 0) throw new Error('BENCH_STEPS must be a multiple of BENCH_PARTNERS');
if (PEOPLE < PARTNERS) throw new Error('BENCH_PEOPLE must be ≥ BENCH_PARTNERS (the partners of a project are distinct)');
const PROJECTS = STEPS / PARTNERS;
/** Monday 4 January 2027, 09:00 Paris: the first workflow opening (no French public holiday in the next 70 days). */
const BASE = new Date('2027-01-04T09:00:00+01:00');

const bench = createBench({ maxSeconds: MAX_SECONDS, elapsedInLog: true });
const { log, deadline } = bench;

// ───────────────────────────── helpers ─────────────────────────────

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
/** The meter's tally, plus the time and pages of the due-steps Query (gsi2). */
type ReminderTally = Tally & { dueQueryMs: number; dueQueryPages: number };

// ───────────────────────────── main ─────────────────────────────

interface RunRow {
  fraction: number;
  day: string;
  mode: 'stub' | 'ses';
  pass: 1 | 2;
  ms: number;
  run: ReminderRun;
  tally: ReminderTally;
  sendMs: number;
  sesStored: number | null;
  emailBytes: number;
  maxEmailBytes: number;
  maxEmailTasks: number;
}

async function main() {
  const stack = await startStack(bench, { tmpPrefix: 'vigie-bench-reminders-', env: { MAIL_FROM: 'vigie@pole.example' } });

  // Imported only now: the SDK clients read their endpoints from the environment set above.
  const { dynamo } = await import('../shared/store/clients');
  const { runReminders } = await import('../functions/jobs/send-reminders');
  const { sendEmail } = await import('../shared/store/mail');
  const { saveWorkflow } = await import('../shared/store/workflow');
  const { createOrganization, newId } = await import('../shared/store/organizations');
  const { putStaff } = await import('../shared/store/staff');
  const { createWorkflow, recordSubmission, pendingSteps } = await import('../shared/domain/workflow');
  const { organizationInputSchema } = await import('../shared/domain/organization');
  const { staffInputSchema } = await import('../shared/domain/staff');
  const { addCalendarDays, parisDate } = await import('../shared/domain/calendar');
  const { reminderHorizon } = await import('../shared/domain/reminders');
  const { digestKey, DUE_GSI_PKS } = await import('../shared/store/keys');
  const { BatchWriteCommand, QueryCommand, ScanCommand } = await import('@aws-sdk/lib-dynamodb');
  const TABLE = process.env.TABLE_NAME!;

  // ── instrumentation of the product's client (meter.total: whole bench, never reset: the Scan count) ──
  const meter = meterDynamo(dynamo(), {
    capacity: 'TOTAL',
    extra: () => ({ dueQueryMs: 0, dueQueryPages: 0 }),
    onCommand: (tl, c) => {
      if (c.name === 'QueryCommand' && c.input.IndexName === 'gsi2') {
        tl.dueQueryMs += c.ms;
        tl.dueQueryPages++;
      }
    },
  });

  // The bench's own client (housekeeping, references): configured like shared/store/clients.ts, not counted.
  const { doc: raw } = await rawDynamo(bench, { removeUndefinedValues: true });

  const actor = { sub: 'bench-legal', role: 'legal', org: null, email: 'bench-legal@pole.example' };

  // ── seed: staff ──
  const staffEmails: string[] = [];
  for (let i = 0; i < LEGAL; i++) {
    const email = `juriste${i + 1}@pole.bench.example`;
    await putStaff(email, staffInputSchema.parse({ name: `Juriste ${i + 1}`, role: 'legal', language: 'fr' }), null, actor);
    staffEmails.push(email);
  }
  await putStaff('comite1@pole.bench.example', staffInputSchema.parse({ name: 'Comité 1', role: 'committee', language: 'fr' }), null, actor);
  staffEmails.push('comite1@pole.bench.example');

  // ── seed: organizations ──
  let t0 = performance.now();
  log(`seeding ${PEOPLE} organizations (one representative each), ${CONCURRENCY} at a time…`);
  const repEmails: string[] = [];
  const orgIds = await pool(
    Array.from({ length: PEOPLE }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      const email = `representant${i}@partenaire${i}.bench.example`;
      repEmails[i] = email;
      const input = organizationInputSchema.parse({
        legalName: `Partenaire ${i} SAS`,
        siren: siren(String(10_000_000 + i)),
        country: 'FR',
        category: i % 3 === 0 ? 'startup' : 'sme',
        city: 'Lyon',
        shareholders: [{ name: 'Fondateurs', country: 'FR', votingRightsPct: 100, naturalPerson: true }],
        representatives: [{ name: `Représentant ${i}`, email, language: i % 4 === 3 ? 'en' : 'fr', position: 'Président' }],
      });
      return (await createOrganization(input, actor)).id;
    },
  );
  const seedOrgMs = performance.now() - t0;
  log(`  ${PEOPLE} organizations in ${(seedOrgMs / 1000).toFixed(1)} s`);

  // ── seed: workflows with open partner-approval steps ──
  t0 = performance.now();
  log(`seeding ${PROJECTS} workflows × ${PARTNERS} open partner-approval steps = ${STEPS} steps, ${CONCURRENCY} at a time…`);
  const rand = mulberry32(20270104); // deterministic: every run seeds the same due dates
  const openDay = Array.from({ length: PROJECTS }, () => Math.floor(rand() * SPREAD_DAYS));
  const dueDates: string[] = [];
  await pool(
    Array.from({ length: PROJECTS }, (_, p) => p),
    CONCURRENCY,
    async (p) => {
      const partners = Array.from({ length: PARTNERS }, (_, j) => orgIds[(p * PARTNERS + j) % PEOPLE]!);
      const at = new Date(BASE.getTime() + openDay[p]! * 86_400_000);
      let { state, effects } = createWorkflow(partners, undefined, at);
      const all: WorkflowEffect[] = [...effects];
      for (const orgId of partners) {
        ({ state, effects } = recordSubmission(state, orgId, sha(`decl-${p}-${orgId}`), at));
        all.push(...effects);
      }
      const open = pendingSteps(state);
      if (open.length !== PARTNERS || state.stage !== 'partner-approval')
        throw new Error(`seed: project ${p} has ${open.length} open steps at stage ${state.stage}`);
      for (const s of open) dueDates.push(s.dueDate);
      const project = { id: newId('prj'), acronym: `RB${p}`, title: `Projet de rappel n°${p} — capteurs & <données>` };
      await saveWorkflow(project, null, state, all, actor);
    },
  );
  const seedWfMs = performance.now() - t0;
  dueDates.sort();
  log(`  ${PROJECTS} workflows in ${(seedWfMs / 1000).toFixed(1)} s; due dates ${dueDates[0]} … ${dueDates[dueDates.length - 1]}`);
  const seedTally = meter.tally;

  // ── references with the bench's own client: the whole DUE index, and a Scan of the table ──
  const fullIndex = { items: 0, units: 0, pages: 0 };
  let startKey: Record<string, unknown> | undefined;
  for (const pk of DUE_GSI_PKS) {
    do {
      const res: QueryCommandOutput = await raw.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          Select: 'COUNT',
          ReturnConsumedCapacity: 'TOTAL',
          ExclusiveStartKey: startKey,
        }),
      );
      fullIndex.items += res.Count ?? 0;
      fullIndex.units += res.ConsumedCapacity?.CapacityUnits ?? 0;
      fullIndex.pages++;
      startKey = res.LastEvaluatedKey;
    } while (startKey);
  }
  const fullScan = { items: 0, scanned: 0, units: 0, pages: 0 };
  startKey = undefined;
  do {
    const res: ScanCommandOutput = await raw.send(
      new ScanCommand({ TableName: TABLE, Select: 'COUNT', ReturnConsumedCapacity: 'TOTAL', ExclusiveStartKey: startKey }),
    );
    fullScan.items += res.Count ?? 0;
    fullScan.scanned += res.ScannedCount ?? 0;
    fullScan.units += res.ConsumedCapacity?.CapacityUnits ?? 0;
    fullScan.pages++;
    startKey = res.LastEvaluatedKey;
  } while (startKey);
  if (fullIndex.items !== STEPS) throw new Error(`seed: the DUE index holds ${fullIndex.items} items, expected ${STEPS}`);
  log(
    `reference: whole DUE index ${fullIndex.items} items, ${fullIndex.units} RCU in ${fullIndex.pages} pages; table Scan ${fullScan.scanned} items, ${fullScan.units} RCU`,
  );

  // ── the simulated days ──
  const dueUpTo = (last: string) => {
    // dueDates is sorted: count of dates ≤ last
    let lo = 0;
    let hi = dueDates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dueDates[mid]! <= last) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const dayFor = (pct: number) => {
    let best = { day: '', diff: Infinity, count: 0 };
    for (let d = addCalendarDays(dueDates[0]!, -3); d <= dueDates[dueDates.length - 1]!; d = addCalendarDays(d, 1)) {
      const count = dueUpTo(reminderHorizon(d));
      const diff = Math.abs((100 * count) / STEPS - pct);
      if (diff < best.diff) best = { day: d, diff, count };
    }
    return best;
  };
  const days = FRACTIONS.map((pct) => ({ pct, ...dayFor(pct) }));
  for (const d of days) log(`fraction ${d.pct} % → simulated day ${d.day}: ${d.count} steps due on or before ${reminderHorizon(d.day)}`);
  const nowOf = (day: string) => new Date(`${day}T08:00:00+01:00`);
  if (days.some((d) => parisDate(nowOf(d.day)) !== d.day)) throw new Error('simulated instant is not on the simulated Paris day');

  const allEmails = [...repEmails, ...staffEmails];
  const clearDigests = async (day: string) => {
    for (let i = 0; i < allEmails.length; i += 25) {
      let req: Record<string, unknown[]> | undefined = {
        [TABLE]: allEmails.slice(i, i + 25).map((e) => ({ DeleteRequest: { Key: digestKey(e.toLowerCase(), day) } })),
      };
      for (let round = 0; req && round < 10; round++) {
        const res: BatchWriteCommandOutput = await raw.send(new BatchWriteCommand({ RequestItems: req as never }));
        const left = res.UnprocessedItems?.[TABLE];
        req = left && left.length ? { [TABLE]: left } : undefined;
      }
    }
  };
  const { count: sesCount, clear: sesClear } = sesMailbox(stack);

  const rows: RunRow[] = [];
  const runOnce = async (fraction: number, day: string, mode: 'stub' | 'ses', pass: 1 | 2): Promise<RunRow> => {
    let sendMs = 0;
    let emailBytes = 0;
    let maxEmailBytes = 0;
    let maxEmailTasks = 0;
    let seq = 0;
    const measure = (m: Email) => {
      const bytes = Buffer.byteLength(m.subject) + Buffer.byteLength(m.text) + Buffer.byteLength(m.html);
      emailBytes += bytes;
      if (bytes > maxEmailBytes) {
        maxEmailBytes = bytes;
        maxEmailTasks = m.text.split('/workflow').length - 1;
      }
    };
    const send =
      mode === 'stub'
        ? async (m: Email) => {
            measure(m);
            return `stub-${++seq}`;
          }
        : async (m: Email) => {
            measure(m);
            const t = performance.now();
            try {
              return await sendEmail(m);
            } finally {
              sendMs += performance.now() - t;
            }
          };
    if (mode === 'ses' && pass === 1) await sesClear();
    const before = mode === 'ses' ? await sesCount() : 0;
    meter.reset();
    const t = performance.now();
    const run = await runReminders({ now: nowOf(day), send, requestId: `bench-${day}-${mode}-${pass}` });
    const ms = performance.now() - t;
    const tally = meter.tally;
    const row: RunRow = {
      fraction,
      day,
      mode,
      pass,
      ms,
      run,
      tally,
      sendMs,
      sesStored: mode === 'ses' ? (await sesCount()) - before : null,
      emailBytes,
      maxEmailBytes,
      maxEmailTasks,
    };
    log(
      `  ${mode} run ${pass} on ${day}: ${f0(ms)} ms, ${run.dueSteps} due steps, ${run.digests} digests, sent ${run.sent}, already ${run.alreadySent}, failed ${run.failed.length}, dueSteps RCU ${run.consumedReadUnits}, job RCU ${f1(tally.readUnits)} WCU ${f1(tally.writeUnits)}` +
        (row.sesStored !== null ? `, SES store +${row.sesStored}` : ''),
    );
    if (run.failed.length) log(`    first failure: ${run.failed[0]!.email}: ${run.failed[0]!.error}`);
    return row;
  };

  // Warm-up (not reported): one stub run on the first day, then its claims are removed.
  log('warm-up run (stub, not reported)…');
  await runOnce(days[0]!.pct, days[0]!.day, 'stub', 1);
  await clearDigests(days[0]!.day);

  let cappedAt: string | null = null;
  for (const d of days) {
    if (Date.now() > deadline) {
      cappedAt = `time cap reached before fraction ${d.pct} %`;
      log(cappedAt);
      break;
    }
    log(`fraction ${d.pct} % (${d.count} due steps) on ${d.day}`);
    for (const [mi, mode] of (MODES as ('stub' | 'ses')[]).entries()) {
      if (mi > 0) await clearDigests(d.day);
      rows.push(await runOnce(d.pct, d.day, mode, 1));
      rows.push(await runOnce(d.pct, d.day, mode, 2));
    }
  }

  // ── report ──
  const L: string[] = [];
  L.push('## Environment', '');
  L.push(...environmentLines({ withLoad: true }));
  L.push(
    `- settings: BENCH_STEPS=${STEPS} BENCH_PEOPLE=${PEOPLE} BENCH_PARTNERS=${PARTNERS} BENCH_SPREAD_DAYS=${SPREAD_DAYS} BENCH_FRACTIONS=${FRACTIONS.join(',')} BENCH_MODES=${MODES.join(',')} BENCH_LEGAL=${LEGAL} BENCH_CONCURRENCY=${CONCURRENCY}`,
  );
  L.push(
    `- seed: ${PEOPLE} organizations in ${f1(seedOrgMs / 1000)} s; ${PROJECTS} workflows (${STEPS} open steps, due ${dueDates[0]} … ${dueDates[dueDates.length - 1]}) in ${f1(seedWfMs / 1000)} s`,
  );
  L.push(
    `- reference (bench's own client): Query of the whole DUE index = ${f0(fullIndex.items)} items, **${f1(fullIndex.units)} RCU** (${fullIndex.pages} pages); Scan of the table = ${f0(fullScan.scanned)} items, ${f1(fullScan.units)} RCU (${fullScan.pages} pages)`,
  );
  if (cappedAt) L.push(`- **partial run**: ${cappedAt}`);
  void seedTally;

  L.push('', '## Runs', '');
  L.push(
    '| due % (target) | day | mode | run | time ms | due steps read | % of all | digests | sent | already sent | failed | dueSteps RCU (job) | RCU / due step | all reads RCU | writes WCU | DynamoDB cmds | due Query ms (pages) | DynamoDB ms | send ms | SES store | emails MB (largest) |',
  );
  L.push('|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const t = r.tally;
    const nCmd = requests(t);
    L.push(
      `| ${r.fraction} | ${r.day} | ${r.mode} | ${r.pass} | ${f0(r.ms)} | ${f0(r.run.dueSteps)} | ${f1((100 * r.run.dueSteps) / STEPS)} | ${r.run.digests} | ${r.run.sent} | ${r.run.alreadySent} | ${r.run.failed.length} | ${f1(r.run.consumedReadUnits)} | ${f3(r.run.consumedReadUnits / r.run.dueSteps)} | ${f1(t.readUnits)} | ${f1(t.writeUnits)} | ${nCmd} | ${f0(t.dueQueryMs)} (${t.dueQueryPages}) | ${f0(ddbMs(t))} | ${r.mode === 'ses' ? f0(r.sendMs) : '—'} | ${r.sesStored ?? '—'} | ${r.pass === 1 ? `${f2(r.emailBytes / 2 ** 20)} (${f0(r.maxEmailBytes / 1024)} kB, ${r.maxEmailTasks} tasks)` : '—'} |`,
    );
  }
  L.push('', 'Commands per run (first run / second run of the stub mode):', '');
  L.push('| due % | Query (gsi2 pages) | Query (staff) | BatchGetItem | PutItem (claims; failed) | UpdateItem | Scan |');
  L.push('|---:|---:|---:|---:|---:|---:|---:|');
  for (const d of days) {
    const pick = (pass: 1 | 2) => rows.find((r) => r.fraction === d.pct && r.pass === pass && r.mode === (MODES[0] as 'stub' | 'ses'));
    const a = pick(1);
    const b = pick(2);
    if (!a || !b) continue;
    const c = (t: Tally, n: string) => t.commands.get(n) ?? { n: 0, errors: 0, ms: 0, units: 0 };
    L.push(
      `| ${d.pct} | ${a.tally.dueQueryPages} / ${b.tally.dueQueryPages} | ${cmd(a.tally, 'QueryCommand') - a.tally.dueQueryPages} / ${cmd(b.tally, 'QueryCommand') - b.tally.dueQueryPages} | ${cmd(a.tally, 'BatchGetItemCommand')} / ${cmd(b.tally, 'BatchGetItemCommand')} | ${c(a.tally, 'PutItemCommand').n} (${c(a.tally, 'PutItemCommand').errors}) / ${c(b.tally, 'PutItemCommand').n} (${c(b.tally, 'PutItemCommand').errors}) | ${cmd(a.tally, 'UpdateItemCommand')} / ${cmd(b.tally, 'UpdateItemCommand')} | ${cmd(a.tally, 'ScanCommand')} / ${cmd(b.tally, 'ScanCommand')} |`,
    );
  }

  // ── budget ──
  const firsts = rows.filter((r) => r.pass === 1);
  const perStep = firsts.map((r) => r.run.consumedReadUnits / r.run.dueSteps);
  const fullPerStep = fullIndex.units / fullIndex.items;
  L.push('', '## Budget: the reads scale with the due steps, not with all steps', '');
  L.push(`Whole DUE index (all ${f0(STEPS)} open steps): ${f1(fullIndex.units)} RCU = ${f3(fullPerStep)} RCU per step.`, '');
  L.push(
    '| due % | due steps | dueSteps RCU | expected if ∝ due steps (= due × whole-index RCU per step) | ratio | share of the whole-index read | other reads of the job (orgs BatchGet + staff) RCU |',
  );
  L.push('|---:|---:|---:|---:|---:|---:|---:|');
  let pass = true;
  for (const d of days) {
    const r = firsts.find((x) => x.fraction === d.pct);
    if (!r) continue;
    const expected = r.run.dueSteps * fullPerStep;
    const ratio = r.run.consumedReadUnits / expected;
    // Rounding: DynamoDB rounds each page up to 4 KB (0.5 RCU); allow one unit per page.
    const ok = r.run.consumedReadUnits <= expected * 1.1 + r.tally.dueQueryPages;
    pass &&= ok;
    L.push(
      `| ${d.pct} | ${f0(r.run.dueSteps)} | ${f1(r.run.consumedReadUnits)} | ${f1(expected)} | ${f2(ratio)} | ${f1((100 * r.run.consumedReadUnits) / fullIndex.units)} % | ${f1(r.tally.readUnits - r.run.consumedReadUnits)} |`,
    );
  }
  const spread = perStep.length ? Math.max(...perStep) / Math.min(...perStep) : NaN;
  L.push('', `RCU per due step across runs: ${perStep.map(f3).join(', ')} (max/min ${f2(spread)}).`);
  const secondOk = rows.filter((r) => r.pass === 2).every((r) => r.run.sent === 0 && (r.sesStored ?? 0) === 0);
  const scans = cmd(meter.total, 'ScanCommand');
  L.push(`Second run the same day sends nothing: ${secondOk ? 'yes' : '**NO**'}. Scan commands sent by the product's client during the whole bench: ${scans}.`);
  L.push(
    `**Verdict: ${pass && spread <= 1.2 ? 'PASS' : 'FAIL'}** (dueSteps RCU ≤ 1.1 × due steps × whole-index RCU per step + 1 per page, and RCU per due step within 1.2× across fractions).`,
  );
  console.log(L.join('\n'));
}

bench.run(main);
