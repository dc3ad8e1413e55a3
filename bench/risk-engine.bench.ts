/**
 * `npm run bench:risk` = `node --import tsx bench/risk-engine.bench.ts` — CPU time and memory of the pure risk
 * engine (docs/risk.md), no emulator, no I/O.
 *
 * Series:
 *   evaluate      evaluateProject on a 30-partner project: 1,000 background items in total, 150 results,
 *                 300 access rights, control chains of depth 1–3 (some foreign, one cycle), 6 control events
 *   reconcile     reconcile(stored flags, findings) on the same project (steady state: nothing to write)
 *   evaluate+reconcile after a change   one control event's percentage changes → evaluate + reconcile
 *   fan-out CPU   an organization that belongs to 200 projects (5 partners, ~40 items each) changes: evaluate +
 *                 reconcile all 200 (the engine's share of the fan-out; the DynamoDB side is measured by the store)
 *
 * Settings: BENCH_N (default 300 measured runs per series; 30 for fan-out), BENCH_WARMUP (default 30).
 * Prints a Markdown table; the exit code is 0 unless the bench itself failed.
 */
import { getHeapStatistics } from 'node:v8';
import type { ControlEvent } from '../shared/domain/control-event';
import type { DeclarationDraft } from '../shared/domain/declaration';
import { evaluateProject } from '../shared/domain/risk/engine';
import { applyReconcile, reconcile } from '../shared/domain/risk/lifecycle';
import type { RiskInput, RiskOrganization, RiskShareholder } from '../shared/domain/risk/types';
import { intEnv } from './lib/bench';
import { mulberry32 } from './lib/fixtures';
import { loadAverage, machine } from './lib/machine';
import { f2, STATS_TABLE_HEAD, statsRow, summarize, type Stats } from './lib/stats';

const N = intEnv('BENCH_N', 300, 10);
const WARMUP = intEnv('BENCH_WARMUP', 30, 0);
const N_FANOUT = Math.max(10, Math.round(N / 10));
const NOW = new Date('2026-01-05T08:00:00Z');

// ───────────────────────────── fixture ─────────────────────────────

const oid = (n: number) => `org_${n.toString(16).padStart(32, '0')}`;
const COUNTRIES = ['FR', 'FR', 'FR', 'FR', 'DE', 'IT', 'US', 'CH', 'NO', 'CN'];

interface Built {
  input: RiskInput;
  items: number;
  results: number;
  rights: number;
  orgs: number;
}

function buildProject(opts: {
  seed: number;
  partners: number;
  itemsTotal: number;
  resultsPerPartner: number;
  rightsPerPartner: number;
  idBase: number;
  extraMember?: string;
  extraOrgs?: RiskOrganization[];
}): Built {
  const rand = mulberry32(opts.seed); // deterministic: every run benches the same project
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const partners = Array.from({ length: opts.partners }, (_, i) => oid(opts.idBase + i));
  if (opts.extraMember) partners[0] = opts.extraMember;
  const orgs = new Map<string, RiskOrganization>();
  for (const o of opts.extraOrgs ?? []) orgs.set(o.id, o);
  let next = opts.idBase + 10_000;
  // Holdings: chains of depth 1–3 above some partners; every 7th ends in a foreign fund; one cycle.
  partners.forEach((id, i) => {
    if (orgs.has(id)) return;
    const country = i % 6 === 5 ? pick(COUNTRIES) : 'FR';
    const shareholders: RiskShareholder[] = [{ name: `Fondateurs ${i}`, country: 'FR', votingRightsPct: 30, naturalPerson: true }];
    if (i % 3 === 0) {
      const depth = 1 + (i % 3 === 0 ? i % 3 : 0) + (i % 2);
      let below = id;
      const chain: RiskOrganization[] = [];
      for (let d = 0; d < depth; d++) {
        const h = oid(next++);
        chain.push({ id: h, legalName: `Holding ${i}.${d}`, country: 'FR', shareholders: [] });
        if (d === 0) shareholders.push({ name: `Holding ${i}.0`, country: 'FR', votingRightsPct: 60, organizationId: h });
        else orgs.get(below)!.shareholders = [{ name: `Holding ${i}.${d}`, country: 'FR', votingRightsPct: 70, organizationId: h }];
        orgs.set(h, chain[d]!);
        below = h;
      }
      if (i % 7 === 0) orgs.get(below)!.shareholders = [{ name: `Fund ${i}`, country: pick(['US', 'CN', 'DE']), votingRightsPct: 40, controlling: true }];
      if (i === 3) orgs.get(below)!.shareholders = [{ name: 'Cycle', country: 'FR', votingRightsPct: 80, organizationId: chain[0]!.id }];
    } else {
      shareholders.push({ name: `VC ${i}`, country: pick(COUNTRIES), votingRightsPct: [9.99, 10, 24.99, 25, 30][i % 5]! });
    }
    orgs.set(id, {
      id,
      legalName: `Partenaire ${i}`,
      country,
      category: i % 4 === 0 ? 'public-lab' : 'sme',
      listed: i % 10 === 9,
      zrr: i % 4 === 0,
      shareholders,
    });
  });

  const perPartner = Math.floor(opts.itemsTotal / opts.partners);
  let remainder = opts.itemsTotal - perPartner * opts.partners;
  let items = 0;
  let results = 0;
  let rights = 0;
  const declarations = partners.map((id, p) => {
    const n = perPartner + (remainder-- > 0 ? 1 : 0);
    const background = Array.from({ length: n }, (_, k) => {
      items++;
      return {
        key: `bg-${k}`,
        type: 'patent',
        title: `Brevet ${p}.${k}`,
        identifiers: [{ kind: 'patent-publication', value: k === 0 && p % 10 === 0 ? 'EP 0000001 B1' : `EP${p * 1000 + k}B1` }],
        owners: [{ organizationId: id }],
        priorityDate: '2020-01-01',
        executionConditions: { regime: 'royalty-free' },
        exploitationConditions: k % 50 === 0 ? undefined : { regime: 'fair-and-reasonable' },
        fromZrr: k % 40 === 0,
        exportControl: k % 7 === 0 ? { category: pick(['3', '4', '5']) } : { category: 'none' },
      };
    });
    const res = Array.from({ length: opts.resultsPerPartner }, (_, k) => {
      results++;
      const other = partners[(p + 1 + k) % partners.length]!;
      return {
        key: `r-${k}`,
        title: `Résultat ${p}.${k}`,
        technologyDomains: [pick(['artificial-intelligence', 'quantum', 'materials', 'photonics'])],
        ownership:
          k % 2
            ? [{ organizationId: id, pct: 100 }]
            : [
                { organizationId: id, pct: 50 },
                { organizationId: other, pct: k % 4 ? 50 : 49.99 },
              ],
        plannedFilingDate: '2026-06-01',
        plannedPublications: [{ venue: 'Conférence', date: k % 3 ? '2026-09-01' : '2026-05-01' }],
      };
    });
    const accessRights = Array.from({ length: opts.rightsPerPartner }, (_, k) => {
      rights++;
      const beneficiary = partners[(p + 3 + k) % partners.length]!;
      const onResult = k % 3 === 0;
      return {
        key: `ar-${k}`,
        purpose: k % 2 ? 'execution' : 'exploitation',
        direction: 'granted',
        beneficiaryOrganizationId: beneficiary,
        grantorOrganizationId: id,
        subject: onResult ? { kind: 'result', resultKey: `r-${k % opts.resultsPerPartner}` } : { kind: 'background', itemKey: `bg-${(k * 7) % n}` },
        exclusive: k % 5 === 0,
        ...(k % 2 ? {} : { fieldOfUse: 'Tout domaine', territory: { scope: 'worldwide' } }),
      };
    });
    return {
      organizationId: id,
      submitted: p % 10 !== 0,
      content: {
        background,
        results: res,
        accessRights,
        confidentiality: p % 8 === 0 ? undefined : { termYears: 5, survivesProject: true },
      } as unknown as DeclarationDraft,
    };
  });

  const controlEvents: ControlEvent[] = Array.from({ length: Math.min(6, partners.length) }, (_, k) => ({
    id: `cev_${(opts.idBase + k).toString(16).padStart(32, '0')}`,
    organizationId: partners[(k * 5) % partners.length]!,
    recordedAt: NOW.toISOString(),
    recordedBy: 'u-legal',
    kind: k % 2 ? 'acquisition' : 'shareholding-change',
    status: k % 3 ? 'planned' : 'completed',
    investor: { name: `Investor ${k}`, country: pick(['US', 'CN', 'DE', 'GB']) },
    votingRightsBeforePct: 5,
    votingRightsAfterPct: [9.99, 10, 24.99, 25, 30, 55][k]!,
    effectiveDate: '2026-03-01',
  }));

  return {
    input: {
      project: { id: `prj_${opts.idBase}`, technologyDomains: ['artificial-intelligence', 'quantum'] },
      memberships: partners.map((organizationId, i) => ({ organizationId, role: i === 0 ? 'coordinator' : 'partner' })),
      organizations: orgs,
      declarations,
      controlEvents,
      workflowStage: 'legal-review',
      now: NOW,
    },
    items,
    results,
    rights,
    orgs: orgs.size,
  };
}

// ───────────────────────────── measuring ─────────────────────────────

interface Row extends Stats {
  series: string;
}
const time = (fn: () => void): number => {
  const s = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - s) / 1e6;
};
/** Runs the series in interleaved blocks (so that drift — JIT, GC, other load — hits them alike), after a warm-up of each. */
function measureInterleaved(series: { name: string; fn: () => void }[], n: number, warmup: number, block = 25): Row[] {
  for (const s of series) for (let i = 0; i < warmup; i++) s.fn();
  const t = series.map(() => [] as number[]);
  for (let done = 0; done < n; done += block) {
    series.forEach((s, k) => {
      for (let i = 0; i < Math.min(block, n - done); i++) t[k]!.push(time(s.fn));
    });
  }
  return series.map((s, k) => ({ series: s.name, ...summarize(t[k]!) }));
}
const MiB = (b: number) => (b / 1024 / 1024).toFixed(1);

function main() {
  const load0 = loadAverage();
  const mem0 = process.memoryUsage();
  const big = buildProject({ seed: 7, partners: 30, itemsTotal: 1000, resultsPerPartner: 5, rightsPerPartner: 10, idBase: 1 });
  const memFixture = process.memoryUsage();

  const findings = evaluateProject(big.input);
  const stored = applyReconcile([], reconcile([], findings, NOW, { scope: big.input.project.id }));
  const bySeverity = findings.reduce<Record<string, number>>((m, f) => ((m[f.severity] = (m[f.severity] ?? 0) + 1), m), {});
  const byRule = findings.reduce<Record<string, number>>((m, f) => ((m[f.ruleId] = (m[f.ruleId] ?? 0) + 1), m), {});
  const findingsBytes = Buffer.byteLength(JSON.stringify(findings));

  let peakHeap = 0;
  const sample = () => {
    const h = process.memoryUsage().heapUsed;
    if (h > peakHeap) peakHeap = h;
  };

  let flip = 0;
  const changed = (k: number): RiskInput => ({
    ...big.input,
    controlEvents: big.input.controlEvents.map((e, i) => (i === 4 ? { ...e, votingRightsAfterPct: 30 + (k % 2) * 5 } : e)),
  });
  const variants = [changed(0), changed(1)];
  const rows: Row[] = measureInterleaved(
    [
      { name: 'evaluate (30 partners, 1,000 items)', fn: () => (evaluateProject(big.input), sample()) },
      { name: 'reconcile, steady state', fn: () => void reconcile(stored, findings, NOW) },
      {
        name: 'evaluate + reconcile after a control event changed',
        fn: () => {
          reconcile(stored, evaluateProject(variants[flip++ % 2]!), NOW);
          sample();
        },
      },
    ],
    N,
    WARMUP,
  );

  // Fan-out: one organization in 200 projects.
  const SHARED = oid(900_000);
  const sharedOrg: RiskOrganization = {
    id: SHARED,
    legalName: 'Start-up IA partagée',
    country: 'FR',
    listed: false,
    zrr: false,
    shareholders: [{ name: 'SV Fund', country: 'US', votingRightsPct: 30 }],
  };
  const projects = Array.from({ length: 200 }, (_, i) =>
    buildProject({
      seed: 100 + i,
      partners: 5,
      itemsTotal: 200,
      resultsPerPartner: 2,
      rightsPerPartner: 4,
      idBase: 1_000 + i * 20_000,
      extraMember: SHARED,
      extraOrgs: [sharedOrg],
    }),
  );
  const fanStored = projects.map((p) => applyReconcile([], reconcile([], evaluateProject(p.input), NOW)));
  const memFanout = process.memoryUsage();
  const [fanRow] = measureInterleaved(
    [
      {
        name: 'fan-out CPU: 200 projects × (evaluate + reconcile)',
        fn: () => {
          projects.forEach((p, i) => reconcile(fanStored[i]!, evaluateProject(p.input), NOW));
          sample();
        },
      },
    ],
    N_FANOUT,
    Math.min(3, WARMUP),
  );
  if (!fanRow) throw new Error('no fan-out row');
  rows.push(fanRow);
  const memEnd = process.memoryUsage();
  const heap = getHeapStatistics();

  const m = machine();
  const lines: string[] = [];
  lines.push(`Run on ${new Date().toISOString().slice(0, 10)}, Node ${m.node}, CPU \`${m.cpuModel?.trim() ?? 'unknown CPU'}\` × ${m.cores}, ${m.ram} GiB RAM.`);
  lines.push(`Settings: N = ${N} (fan-out ${N_FANOUT}), warm-up ${WARMUP}, interleaved blocks of 25. Load average at start ${load0}, at end ${loadAverage()}.`);
  lines.push('');
  lines.push(
    `Project: ${big.input.memberships.length} partners, ${big.items} background items, ${big.results} results, ${big.rights} access rights, ` +
      `${big.orgs} organizations (partners + holdings), ${big.input.controlEvents.length} control events → **${findings.length} findings** ` +
      `(${Object.entries(bySeverity)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; ${findingsBytes.toLocaleString('en')} bytes of JSON).`,
  );
  lines.push(
    `Findings by rule: ${Object.entries(byRule)
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
  );
  lines.push('');
  lines.push(...STATS_TABLE_HEAD);
  for (const r of rows) lines.push(statsRow(r.series, r));
  lines.push('');
  lines.push(`Fan-out per project: p50 ${f2(fanRow.p50 / 200)} ms, p99 ${f2(fanRow.p99 / 200)} ms (200 projects of 5 partners, ~200 items each).`);
  lines.push('');
  lines.push('| memory | heapUsed MiB | rss MiB |');
  lines.push('|---|---:|---:|');
  lines.push(`| at start | ${MiB(mem0.heapUsed)} | ${MiB(mem0.rss)} |`);
  lines.push(`| after building the 30-partner fixture | ${MiB(memFixture.heapUsed)} | ${MiB(memFixture.rss)} |`);
  lines.push(`| after building the 200 fan-out projects and their flags | ${MiB(memFanout.heapUsed)} | ${MiB(memFanout.rss)} |`);
  lines.push(`| peak heapUsed sampled after runs | ${MiB(peakHeap)} | — |`);
  lines.push(`| at end | ${MiB(memEnd.heapUsed)} | ${MiB(memEnd.rss)} |`);
  lines.push('');
  lines.push(`V8 heap size limit ${MiB(heap.heap_size_limit)} MiB; total heap ${MiB(heap.total_heap_size)} MiB at end.`);
  console.log(lines.join('\n'));
}

main();
