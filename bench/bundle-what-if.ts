/**
 * `node --import tsx bench/bundle-what-if.ts [folder]` — what the structural levers of issue 9 would save, before
 * anyone makes them: each route group rebuilt (same options as bench/lib/bundles.ts) with esbuild plugins that
 * replace one module by a stub, plus the reference floors without the SDK's default credential chain. Prints the
 * sizes and the largest contributors; leaves the bundles in [folder] (default: a temp folder) for
 * `BENCH_COMPARE=<folder>=what-if npm run bench:bundles`, which times them next to today's bundles.
 *
 * The stubs only make estimates: the bundles are not deployable as they are.
 *   no route table     functions/http/http-handler.ts imports `../routes` → the route metadata without its zod
 *                      schemas (the HTTP stack only needs method, path, roles, idempotent, and whether a body is
 *                      expected): what the route table's move out of the HTTP stack can save.
 *   no re-evaluation   functions/risk/reevaluate.ts → no-op functions: the synchronous risk re-evaluation (risk
 *                      engine, declarations from S3, flag emails through SES v2) out of the request path.
 *   env credentials    @aws-sdk/credential-provider-node → fromEnv only (what Lambda provides): the default
 *                      credential chain (SSO, ini files, process, IMDS/ECS over node:http, STS/SSO clients).
 *   no /openapi.json   the public group without the OpenAPI route (whole route table + OpenAPI builder).
 *
 * Valid for the code of this commit: the stubs name today's modules.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';
import { buildBundles, contributors, deployedRoutes, KB, keepBundles, lambdaEntries, type Bundle, type BundleRow } from './lib/bundles';
import { findRepoRoot, writeGroupEntry } from '../infra/aws/group-entry';

const stub = (name: string, filter: RegExp, contents: () => string, importer?: RegExp): Plugin => ({
  name,
  setup(b) {
    b.onResolve({ filter }, (a) => (!importer || importer.test(a.importer) ? { path: name, namespace: 'what-if' } : undefined));
    b.onLoad({ filter: new RegExp(`^${name}$`), namespace: 'what-if' }, () => ({ contents: contents(), loader: 'js', resolveDir: findRepoRoot() }));
  },
});

/** The route table as the HTTP stack sees it: metadata only, no zod schema. */
const noRouteTable = stub(
  'route-metadata',
  /^\.\.\/routes$/,
  () => {
    const meta = deployedRoutes.map(({ body, response: _r, query: _q, ...r }) => ({ ...r, ...(body ? { body: true } : {}) }));
    return `const routes = ${JSON.stringify(meta)}; const byKey = new Map(routes.map((r) => [r.method + ' ' + r.path, r])); export const findRoute = (key) => byKey.get(key);`;
  },
  /functions[\\/]http[\\/]http-handler\.ts$/,
);
const noReevaluation = stub('no-reevaluation', /[\\/]risk[\\/]reevaluate$/, () => 'export const reevaluateProject = async () => null; export const reevaluateOrganization = async () => [];');
const envCredentials = stub('env-credentials', /^@aws-sdk\/credential-provider-node$/, () => "export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';");

interface WhatIf {
  name: string;
  kind: BundleRow['kind'];
  entry: string;
  plugins: Plugin[];
}

async function main() {
  const repoRoot = findRepoRoot();
  const outRoot = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'vigie-what-if-'));
  const groups = lambdaEntries(repoRoot).filter((f) => f.kind === 'route group');
  const publicRoutes = deployedRoutes.filter((r) => r.group === 'public' && r.path !== '/openapi.json');
  const publicWithoutOpenApi = writeGroupEntry('public', publicRoutes, repoRoot, join(repoRoot, 'cdk.out', 'vigie-what-if-entries'));
  const floor = (f: string) => join(repoRoot, 'bench', 'floors', f);

  const variants: [string, Plugin[]][] = [
    ['no route table', [noRouteTable]],
    ['no re-evaluation', [noReevaluation]],
    ['no route table, no re-evaluation', [noRouteTable, noReevaluation]],
    ['no route table, no re-evaluation, env credentials', [noRouteTable, noReevaluation, envCredentials]],
  ];
  const whatIfs: WhatIf[] = [
    ...variants.flatMap(([label, plugins]) => groups.map((g) => ({ name: `${g.name} · ${label}`, kind: 'route group' as const, entry: g.entry, plugins }))),
    { name: 'public without /openapi.json', kind: 'route group', entry: publicWithoutOpenApi, plugins: [] },
    { name: 'public without /openapi.json · no route table, no re-evaluation', kind: 'route group', entry: publicWithoutOpenApi, plugins: [noRouteTable, noReevaluation] },
    { name: 'floor: middy + logger + DynamoDB + zod · env credentials', kind: 'floor', entry: floor('dynamodb.ts'), plugins: [envCredentials] },
    { name: 'floor: … + S3 + presigner + presigned POST · env credentials', kind: 'floor', entry: floor('documents.ts'), plugins: [envCredentials] },
    { name: 'floor: … + SES v2 · env credentials', kind: 'floor', entry: floor('sesv2.ts'), plugins: [envCredentials] },
  ];

  // One esbuild run per set of plugins; each bundle in <outRoot>/<its index in whatIfs>.
  const rows: (BundleRow & { metafile: Bundle['metafile'] })[] = new Array(whatIfs.length);
  for (const plugins of new Set(whatIfs.map((w) => w.plugins))) {
    const indices = whatIfs.flatMap((w, i) => (w.plugins === plugins ? [i] : []));
    const bundles = await buildBundles(indices.map((i) => whatIfs[i]!.entry), outRoot, { write: true, repoRoot, plugins, dirs: indices.map(String) });
    indices.forEach((i, k) => {
      const b = bundles[k]!;
      rows[i] = { name: whatIfs[i]!.name, kind: whatIfs[i]!.kind, routes: 0, file: b.file, bytes: b.bytes, mapBytes: b.mapBytes, metafile: b.metafile };
    });
  }
  keepBundles(outRoot, rows);
  console.log('| what if | size KB | largest contributors (KB) |\n|---|---:|---|');
  for (const r of rows) {
    const top = contributors(r.metafile).slice(0, 6).map((c) => `${c.name} ${Math.round(c.bytes / KB)}`).join(' · ');
    console.log(`| ${r.name} | ${Math.round(r.bytes / KB)} | ${top} |`);
  }
  console.error(`[what-if] bundles kept in ${outRoot}: BENCH_COMPARE=${outRoot}=what-if npm run bench:bundles`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
