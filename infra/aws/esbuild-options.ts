/**
 * NodejsFunction `bundling` options → esbuild build options, mapped as aws-cdk-lib's local bundling maps them
 * to esbuild CLI flags (`Bundling.buildEsbuildArgs` in aws-cdk-lib/aws-lambda-nodejs/lib/bundling.js, 2.276):
 *
 *   --bundle <entry>  --target=<target ?? node<N> of the runtime>  --platform=node  --format=<format>
 *   --outfile=<out>/index.mjs (ESM) or index.js  --minify  --sourcemap[=<mode>] (DEFAULT: plain --sourcemap)
 *   --sources-content=false  --external:<m> (externalModules; [] when bundleAwsSDK)  --loader:<ext>=<l>
 *   --define:<k>=<v>  --log-level  --keep-names  --tsconfig  --metafile  --banner:js  --footer:js
 *   --main-fields=<a,b>  --inject:<file>
 *
 * `charset` is NOT among them: aws-cdk-lib 2.276 documents the option but never passes it, so esbuild's
 * default (ASCII output) applies, and it does here too. test/infra/bundle-size.test.ts checks this mapping
 * against the command aws-cdk-lib itself builds, so an upgrade that changes it fails there.
 *
 * Used by bench/bundles.bench.ts and test/infra/bundle-size.test.ts, so that they measure what `cdk synth` ships.
 */
import type { BuildOptions } from 'esbuild';
import type { Runtime } from 'aws-cdk-lib/aws-lambda';
import { OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { join, resolve } from 'node:path';

/** What is decided outside `bundling`: the entry, the runtime, the project root and the output directory. */
export interface BuildTarget {
  /** Absolute path of the entry (a generated group entry or a job's handler module). */
  entry: string;
  runtime: Runtime;
  /** NodejsFunction `projectRoot`: esbuild's working directory. */
  projectRoot: string;
  /** Directory of the bundle (CDK: the asset's staging directory). */
  outdir: string;
}

/** Options NodejsFunction accepts that this mapping does not reproduce (none is used by Vigie). */
const UNSUPPORTED = ['preCompilation', 'nodeModules', 'dockerImage', 'command'] as const;
// `commandHooks` are shell commands run around esbuild (the agreements function copies its fonts): they change
// what the asset holds besides the bundle, not esbuild's flags, so they are accepted and ignored here.

export function esbuildOptions(bundling: BundlingOptions, { entry, runtime, projectRoot, outdir }: BuildTarget): BuildOptions & { outfile: string } {
  const used = UNSUPPORTED.filter((k) => bundling[k] !== undefined);
  if (used.length) throw new Error(`esbuildOptions does not map ${used.join(', ')}: extend it as aws-cdk-lib's Bundling does`);
  if (bundling.externalModules === undefined && !bundling.bundleAwsSDK) {
    // aws-cdk-lib's default externals depend on a feature flag of the scope; Vigie always sets them.
    throw new Error('esbuildOptions needs externalModules (or bundleAwsSDK: true)');
  }
  if (bundling.sourceMap === false && bundling.sourceMapMode) throw new Error('sourceMapMode cannot be used when sourceMap is false');
  const version = /nodejs(\d+)/.exec(runtime.name)?.[1];
  if (!bundling.target && !version) throw new Error(`Cannot extract the Node.js version of ${runtime.name}`);

  const sourceMapEnabled = bundling.sourceMapMode ?? bundling.sourceMap;
  const mode = bundling.sourceMapMode ?? SourceMapMode.DEFAULT;
  const options: BuildOptions & { outfile: string } = {
    absWorkingDir: projectRoot,
    entryPoints: [entry],
    bundle: true,
    target: bundling.target ?? `node${version}`,
    platform: 'node',
    outfile: join(outdir, bundling.format === OutputFormat.ESM ? 'index.mjs' : 'index.js'),
    external: [...(bundling.externalModules ?? [])],
  };
  if (bundling.format) options.format = bundling.format;
  if (bundling.minify) options.minify = true;
  if (sourceMapEnabled) options.sourcemap = mode === SourceMapMode.DEFAULT ? true : mode;
  if (bundling.sourcesContent === false) options.sourcesContent = false;
  if (bundling.loader) options.loader = Object.fromEntries(Object.entries(bundling.loader)) as BuildOptions['loader'];
  if (bundling.define) options.define = { ...bundling.define };
  if (bundling.logLevel) options.logLevel = bundling.logLevel;
  if (bundling.keepNames) options.keepNames = true;
  if (bundling.tsconfig) options.tsconfig = resolve(bundling.tsconfig);
  if (bundling.metafile) options.metafile = true;
  if (bundling.banner) options.banner = { js: bundling.banner };
  if (bundling.footer) options.footer = { js: bundling.footer };
  if (bundling.mainFields) options.mainFields = [...bundling.mainFields];
  if (bundling.inject) options.inject = [...bundling.inject];
  for (const [flag, value] of Object.entries(bundling.esbuildArgs ?? {})) {
    // Only `--alias` is used (LAMBDA_BUNDLING); aws-cdk-lib passes it as `--alias:<module>=<path>`.
    if (flag !== '--alias' || typeof value !== 'string') throw new Error(`esbuildOptions does not map esbuildArgs ${flag}`);
    const eq = value.indexOf('=');
    options.alias = { ...options.alias, [value.slice(0, eq)]: value.slice(eq + 1) };
  }
  return options;
}
