/**
 * The Lambda bundles as `cdk synth` builds them, for bench/bundles.bench.ts and test/infra/bundle-size.test.ts:
 * one per route group of the deployed routes (the generated entry, infra/aws/group-entry.ts), one per
 * scheduled job and one per asynchronous worker (its handler module), built by esbuild with LAMBDA_BUNDLING translated by `esbuildOptions`
 * (infra/aws/esbuild-options.ts), the bundling options and the runtime of the VigieFunction construct.
 * Plus the per-package breakdown of a bundle, from esbuild's metafile.
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
// The route table: the only line that names it.
import { deployedRoutes, jobs, workers, type RouteDef } from '../../shared/api/routes';
import { esbuildOptions } from '../../infra/aws/esbuild-options';
import { entriesDir, findRepoRoot, jobEntry, writeGroupEntry } from '../../infra/aws/group-entry';
import { LAMBDA_BUNDLING, LAMBDA_RUNTIME } from '../../infra/aws/vigie-function';

export const KB = 1024;

export interface LambdaEntry {
  /** Route group or job name (the function's name in the stack). */
  name: string;
  kind: 'route group' | 'scheduled job' | 'worker';
  /** Absolute path of the esbuild entry. */
  entry: string;
  /** Number of routes served (0 for a job). */
  routes: number;
}

/** Every function of the stack that `cdk synth` bundles: route groups (order of first route), then jobs, then workers. */
export function lambdaEntries(repoRoot: string = findRepoRoot()): LambdaEntry[] {
  const byGroup = new Map<string, RouteDef[]>();
  for (const r of deployedRoutes) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
  const outDir = entriesDir(repoRoot);
  return [
    ...[...byGroup].map(([group, rs]) => ({
      name: group,
      kind: 'route group' as const,
      entry: writeGroupEntry(group, rs, repoRoot, outDir),
      routes: rs.length,
    })),
    ...jobs.map((job) => ({ name: job.name, kind: 'scheduled job' as const, entry: jobEntry(job, repoRoot), routes: 0 })),
    ...workers.map((w) => ({ name: w.name, kind: 'worker' as const, entry: jobEntry(w, repoRoot), routes: 0 })),
  ];
}

export interface Bundle {
  /** Path of the minified bundle (`<outRoot>/<i>/index.mjs`); written only when `write` was true. */
  file: string;
  /** Size of the .mjs in bytes (not the source map). */
  bytes: number;
  mapBytes: number;
  /** This bundle's part of the metafile: its outputs (.mjs and .map) and the inputs of the whole build. */
  metafile: Metafile;
}

/**
 * Builds each entry exactly as NodejsFunction does, into `<outRoot>/<i>/index.mjs` (+ its map), plus a metafile,
 * which does not change the output. One esbuild run with every entry point, so shared modules are parsed once:
 * without code splitting each output is byte for byte the bundle a build of that entry alone would give
 * (esbuildOptions for every entry must be the same apart from the entry and the output file; checked).
 */
export async function buildBundles(
  entries: readonly string[],
  outRoot: string,
  o: {
    write?: boolean;
    repoRoot?: string;
    /** The folder of each bundle under outRoot; default its index in `entries`. */
    dirs?: readonly string[];
    /** What-if builds only: a plugin changes what is bundled, so the bundle is no longer what `cdk synth` ships. */
    plugins?: Plugin[];
  } = {},
): Promise<Bundle[]> {
  const projectRoot = o.repoRoot ?? findRepoRoot();
  const dir = (i: number) => o.dirs?.[i] ?? String(i);
  const perEntry = entries.map((entry, i) => esbuildOptions(LAMBDA_BUNDLING, { entry, runtime: LAMBDA_RUNTIME, projectRoot, outdir: join(outRoot, dir(i)) }));
  const common = perEntry.map(({ entryPoints: _e, outfile: _o, ...rest }) => rest);
  if (common.some((c) => JSON.stringify(c) !== JSON.stringify(common[0]))) throw new Error('buildBundles: the entries do not share their esbuild options');
  const outfiles = perEntry.map((p) => p.outfile);
  const ext = extname(outfiles[0] ?? '.mjs');
  const result = await build({
    ...common[0],
    entryPoints: entries.map((entry, i) => ({ in: entry, out: join(dir(i), basename(outfiles[i]!, ext)) })),
    outdir: outRoot,
    outExtension: { '.js': ext },
    metafile: true,
    write: o.write ?? false,
    logLevel: 'error',
    ...(o.plugins ? { plugins: o.plugins } : {}),
  });
  const meta = result.metafile!;
  return outfiles.map((file) => {
    const rel = relative(projectRoot, file).split(sep).join('/');
    const outputs = Object.fromEntries(Object.entries(meta.outputs).filter(([path]) => path === rel || path === `${rel}.map`));
    const size = (path: string) => outputs[path]?.bytes ?? NaN;
    if (!outputs[rel]) throw new Error(`buildBundles: no output ${rel} in the metafile`);
    return { file, bytes: size(rel), mapBytes: size(`${rel}.map`), metafile: { inputs: meta.inputs, outputs } };
  });
}

/** A bundle as the bench reports it, and as a kept folder lists it (bundles.json). */
export interface BundleRow {
  name: string;
  kind: 'route group' | 'scheduled job' | 'worker' | 'floor';
  routes: number;
  file: string;
  bytes: number;
  mapBytes: number;
}

/**
 * Leaves what `npm run bench:bundles` can time again later (BENCH_COMPARE=<outRoot>): bundles.json, and each
 * bundle's metafile next to it (`<outRoot>/<i>/index.meta.json`, i = its index in `rows`).
 */
export function keepBundles(outRoot: string, rows: readonly (BundleRow & { metafile?: Metafile })[]): void {
  rows.forEach((r, i) => r.metafile && writeFileSync(join(outRoot, String(i), 'index.meta.json'), JSON.stringify(r.metafile)));
  writeFileSync(
    join(outRoot, 'bundles.json'),
    JSON.stringify(
      rows.map(({ metafile: _m, ...r }) => r),
      null,
      1,
    ),
  );
}

/**
 * The package a metafile input belongs to: `@scope/name` or `name` for node_modules (the innermost
 * node_modules, with ` (nested in <outer>)` when npm could not dedupe it), else the source folder
 * (`shared/domain/forms`, `functions/http`, …; the generated entry is `(entry)`).
 */
export function packageOf(input: string): string {
  const parts = input.split(/[\\/]/);
  const nm = parts.lastIndexOf('node_modules');
  if (nm >= 0) {
    const name = parts[nm + 1]?.startsWith('@') ? `${parts[nm + 1]}/${parts[nm + 2]}` : parts[nm + 1]!;
    const outer = parts.indexOf('node_modules');
    if (outer !== nm) {
      const o = parts[outer + 1]?.startsWith('@') ? `${parts[outer + 1]}/${parts[outer + 2]}` : parts[outer + 1];
      return `${name} (nested in ${o})`;
    }
    return name;
  }
  if (parts.includes('vigie-entries')) return '(entry)';
  return parts.length > 2
    ? parts
        .slice(0, parts.length - 1)
        .slice(0, 3)
        .join('/')
    : parts[0]!;
}

/** Bytes in the bundle per package (see {@link packageOf}), largest first. */
export function contributors(meta: Metafile): { name: string; bytes: number }[] {
  const out = Object.entries(meta.outputs).find(([path]) => path.endsWith('.mjs') || path.endsWith('.js'))?.[1];
  if (!out) return [];
  const by = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) by.set(packageOf(input), (by.get(packageOf(input)) ?? 0) + bytesInOutput);
  return [...by].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/**
 * An import chain from the entry to the first module of the bundle matching `target` (a package name or a path
 * fragment), e.g. entry → functions/health.ts → functions/http/http-handler.ts → functions/routes.ts → …
 * The metafile lists the imports of each module but not which bindings esbuild kept, so the chain prefers modules
 * that are in the bundle (it steps through the fewest absent ones: barrel files that only re-export are absent too).
 * Undefined when no module of the bundle matches.
 */
export function importChain(meta: Metafile, target: string): string[] | undefined {
  const output = Object.values(meta.outputs).find((o) => o.entryPoint);
  if (!output?.entryPoint) return undefined;
  const entry = output.entryPoint;
  const inBundle = new Set(Object.keys(output.inputs));
  const matches = (p: string) => inBundle.has(p) && (packageOf(p) === target || p.includes(target));
  // 0-1 breadth-first search: a step onto a module of the bundle costs 0, onto an absent one 1.
  const cost = new Map<string, number>([[entry, 0]]);
  const prev = new Map<string, string>();
  const deque = [entry];
  while (deque.length) {
    const cur = deque.shift()!;
    if (cur !== entry && matches(cur)) {
      const chain = [cur];
      for (let p = prev.get(cur); p !== undefined; p = prev.get(p)) chain.unshift(p);
      return chain;
    }
    for (const imp of meta.inputs[cur]?.imports ?? []) {
      if (imp.external) continue;
      const step = inBundle.has(imp.path) ? 0 : 1;
      const c = cost.get(cur)! + step;
      if (c >= (cost.get(imp.path) ?? Infinity)) continue;
      cost.set(imp.path, c);
      prev.set(imp.path, cur);
      if (step === 0) deque.unshift(imp.path);
      else deque.push(imp.path);
    }
  }
  return undefined;
}
