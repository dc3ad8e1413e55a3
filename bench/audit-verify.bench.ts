/**
 * `npm run bench:audit-verify` — audit checkpoints (docs/scale.md, "Audit checkpoints"; issue 13 §1): what a
 * verification of an audit chain costs for a chain of 1,000 events and one of 100,000 events.
 * Budget: the bounded verification (GET …/audit/verify) reads and costs the same whatever the chain's length.
 *
 * What runs: DynamoDB Local in memory (s3rver and the SES emulator idle), no HTTP: the product's own functions,
 * called in-process (the route handlers add no DynamoDB call of their own):
 *   - seed: each chain written straight into the table with the store's client (BatchWriteItem, 25 items a
 *     request; test/fixtures/audit-chain.ts): the events, a checkpoint every 1,000 events, the head;
 *   - "whole chain (before)": what GET …/audit/verify did before checkpoints: one consistent Query of the whole
 *     chain (page by page), the head, and `verifyChain` over every event;
 *   - "bounded, cold": `verifyAuditChain` on a chain never verified (anchor = genesis): at most 2,000 events;
 *   - "full job": the verification job (`runAuditVerification`, what the worker runs), segment by segment;
 *   - "bounded, N new": BENCH_NEW (200) events appended through `writeWithAudit` (the product's append path),
 *     then `verifyAuditChain`: the events since the last verified checkpoint; BENCH_ROUNDS (5) rounds;
 *   - "bounded, up to date": `verifyAuditChain` with no new event (the anchor only); BENCH_N (30) samples.
 *
 * Instrumentation (no product code changed): an SDK middleware on the product's DynamoDB client (bench/lib/
 * ddb-meter.ts) counts the commands, asks for ReturnConsumedCapacity=TOTAL on each and sums the read and write
 * units. DynamoDB Local computes consumed capacity as DynamoDB does (4 KB per RCU for a consistent read, summed
 * over the items read by a Query; 1 KB per WCU).
 *
 * Settings: BENCH_SIZES (default "1000,100000"), BENCH_NEW, BENCH_ROUNDS, BENCH_N, BENCH_MAX_SECONDS (1200).
 */
import type { AuditEvent } from '../shared/domain/audit';
import { createBench, intEnv } from './lib/bench';
import { count as cmd, meterDynamo, type Tally } from './lib/ddb-meter';
import { environmentLines } from './lib/machine';
import { startStack } from './lib/stack';
import { createSamples, f0, f1, f2 } from './lib/stats';

const SIZES = (process.env.BENCH_SIZES ?? '1000,100000').split(',').map((s) => Number(s.trim()));
const NEW = intEnv('BENCH_NEW', 200, 1);
const ROUNDS = intEnv('BENCH_ROUNDS', 5, 1);
const N = intEnv('BENCH_N', 30, 1);
const MAX_SECONDS = intEnv('BENCH_MAX_SECONDS', 1200, 60);

const bench = createBench({ maxSeconds: MAX_SECONDS, elapsedInLog: true });

interface Row {
  size: number;
  series: string;
  ms: number[];
  rcu: number[];
  wcu: number[];
  queries: number[];
  events: number[];
}

bench.run(async () => {
  await startStack(bench, { tmpPrefix: 'vigie-bench-audit-' });
  const { dynamo } = await import('../shared/store/clients');
  const { seedAuditChain } = await import('../test/fixtures/audit-chain');
  const { verifyAuditChain, runAuditVerification } = await import('../shared/services/audit-verification');
  const { newAuditVerification } = await import('../shared/domain/audit-verification');
  const { putAuditVerification } = await import('../shared/store/audit-verification');
  const { readHead, writeWithAudit } = await import('../shared/store/tx');
  const { queryAll } = await import('../shared/store/query');
  const { queries } = await import('../shared/store/keys');
  const { GENESIS_HASH, verifyChain } = await import('../shared/domain/audit');

  const meter = meterDynamo(dynamo() as never, { capacity: 'TOTAL' });
  const rows: Row[] = [];
  const samples = createSamples();
  const measure = async <T>(row: Row, fn: () => Promise<T>, events: (r: T) => number): Promise<T> => {
    meter.reset();
    const t = performance.now();
    const r = await fn();
    const ms = performance.now() - t;
    const tally: Tally = meter.tally;
    row.ms.push(ms);
    row.rcu.push(tally.readUnits);
    row.wcu.push(tally.writeUnits);
    row.queries.push(cmd(tally, 'QueryCommand'));
    row.events.push(events(r));
    samples.record(`${row.size}:${row.series}`, ms);
    return r;
  };
  const newRow = (size: number, series: string): Row => {
    const r = { size, series, ms: [], rcu: [], wcu: [], queries: [], events: [] };
    rows.push(r);
    return r;
  };
  const actor = { sub: 'bench', role: 'legal', org: null, email: null };

  for (const size of SIZES) {
    if (!bench.timeLeft()) break;
    const chain = `BENCH#${size}`;
    bench.log(`seeding ${f0(size)} events on ${chain}…`);
    const t0 = performance.now();
    await seedAuditChain(chain, size, { concurrency: 8 });
    bench.log(`seeded in ${f1((performance.now() - t0) / 1000)} s`);

    bench.log('whole chain (the verification before checkpoints)…');
    await measure(
      newRow(size, 'whole chain, one request (before checkpoints)'),
      async () => {
        const { items } = await queryAll<AuditEvent>(queries.auditEvents(chain), { max: 200_000, consistentRead: true });
        await readHead(chain);
        const r = verifyChain(items);
        if (!r.valid) throw new Error('seeded chain does not verify');
        return items.length;
      },
      (n) => n,
    );

    bench.log('bounded verify, cold (never verified)…');
    await measure(
      newRow(size, 'bounded GET …/audit/verify, cold (anchor = genesis)'),
      () => verifyAuditChain(chain),
      (r) => {
        if (!r.valid) throw new Error(`cold verify: ${JSON.stringify(r)}`);
        return r.checkedEvents;
      },
    );

    bench.log('full verification job…');
    await measure(
      newRow(size, 'full verification job (all segments)'),
      async () => {
        const job = newAuditVerification(`aver_${String(size).padStart(32, '0')}`, chain, actor, await readHead(chain), GENESIS_HASH, new Date());
        await putAuditVerification(job);
        const done = await runAuditVerification(chain, job.id);
        if (done?.status !== 'succeeded') throw new Error(`job: ${JSON.stringify(done)}`);
        return done.checkedEvents;
      },
      (n) => n,
    );

    bench.log(`bounded verify after ${NEW} new events × ${ROUNDS}…`);
    const afterNew = newRow(size, `bounded GET …/audit/verify, ${NEW} events since the last one`);
    for (let round = 0; round < ROUNDS && bench.timeLeft(); round++) {
      for (let i = 0; i < NEW; i++) await writeWithAudit([], [{ chain, actor, action: 'bench.append', target: { type: 'bench', id: String(i) } }]);
      await measure(
        afterNew,
        () => verifyAuditChain(chain),
        (r) => {
          if (!r.valid || !r.coveredByVerifiedCheckpoints) throw new Error(`verify after new events: ${JSON.stringify(r)}`);
          return r.checkedEvents;
        },
      );
    }

    bench.log(`bounded verify, up to date × ${N}…`);
    const upToDate = newRow(size, 'bounded GET …/audit/verify, up to date (0 new events)');
    for (let i = 0; i < N && bench.timeLeft(); i++)
      await measure(
        upToDate,
        () => verifyAuditChain(chain),
        (r) => r.checkedEvents,
      );
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
  const out: string[] = [];
  out.push('## Audit verification (`npm run bench:audit-verify`)', '');
  out.push(...environmentLines({ withLoad: true }));
  out.push(`- settings: sizes ${SIZES.map(f0).join(', ')}; ${NEW} new events × ${ROUNDS} rounds; ${N} up-to-date samples`, '');
  out.push('| chain | series | runs | events read (median) | time p50 ms | time max ms | RCU (median) | WCU (median) | Queries (median) |');
  out.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const s = samples.stats(`${r.size}:${r.series}`);
    out.push(
      `| ${f0(r.size)} | ${r.series} | ${r.ms.length} | ${f0(median(r.events))} | ${f1(s.p50)} | ${f1(s.max)} | ${f2(median(r.rcu))} | ${f2(median(r.wcu))} | ${f0(median(r.queries))} |`,
    );
  }
  const bounded = rows.filter((r) => r.series.startsWith('bounded'));
  const bySeries = new Map<string, Row[]>();
  for (const r of bounded) bySeries.set(r.series, [...(bySeries.get(r.series) ?? []), r]);
  out.push('', 'Bounded verification, largest chain vs smallest (RCU ratio; budget: independent of the chain length):', '');
  for (const [series, rs] of bySeries) {
    if (rs.length < 2) continue;
    const [small, large] = [rs[0]!, rs.at(-1)!];
    out.push(`- ${series}: ${f2(median(small.rcu))} → ${f2(median(large.rcu))} RCU (×${f2(median(large.rcu) / median(small.rcu))})`);
  }
  console.log(out.join('\n'));
});
