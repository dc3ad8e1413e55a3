/**
 * `npm run verify-agreement -- file.pdf [--api URL --token JWT] [--lang en]`: the offline check of an agreement
 * PDF (docs/agreements.md, "The PDF and its proof"). Prints "intact" and exits 0, or lists what differs and
 * exits 1; exits 2 on a usage error (no file, unreadable file, unknown option).
 *
 * With `--api URL`, also fetches `GET {URL}/projects/{projectId}/agreements/{version}` (bearer `--token`) and
 * compares the server's `modelHash`, `pdfSha256`, `documentId` and `version` with the file's.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { Lang } from '../shared/domain/i18n/lang';
import { compareWithRecord, verifyAgreementPdf, type AgreementRecord, type Finding } from '../shared/pdf/verify-agreement';
import { formatVerification } from '../shared/pdf/verify-messages';

export interface CliArgs {
  file: string;
  api?: string;
  token?: string;
  lang: Lang;
}

const USAGE = {
  fr: 'Usage : npm run verify-agreement -- fichier.pdf [--api URL --token JWT] [--lang en]',
  en: 'Usage: npm run verify-agreement -- file.pdf [--api URL --token JWT] [--lang en]',
} as const;

/** Parses the arguments; a string is a usage error. */
export function parseArgs(argv: readonly string[]): CliArgs | string {
  const langAt = argv.indexOf('--lang');
  const lang: Lang = argv[langAt + 1] === 'en' && langAt >= 0 ? 'en' : 'fr';
  const out: Partial<CliArgs> = { lang };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--api' || a === '--token' || a === '--lang') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) return lang === 'fr' ? `L'option ${a} attend une valeur.` : `Option ${a} needs a value.`;
      if (a === '--api') out.api = v.replace(/\/+$/, '');
      else if (a === '--token') out.token = v;
      else if (v !== 'fr' && v !== 'en') return lang === 'fr' ? `Langue inconnue : ${v} (fr ou en).` : `Unknown language: ${v} (fr or en).`;
    } else if (a.startsWith('--')) return lang === 'fr' ? `Option inconnue : ${a}` : `Unknown option: ${a}`;
    else if (out.file) return lang === 'fr' ? 'Un seul fichier à la fois.' : 'One file at a time.';
    else out.file = a;
  }
  if (!out.file) return USAGE[lang];
  return out as CliArgs;
}

/** The server's record of the version the file claims to be, as findings (none when it matches). */
export async function checkServer(
  api: string,
  token: string | undefined,
  result: Awaited<ReturnType<typeof verifyAgreementPdf>>,
  fetchImpl: typeof fetch = fetch,
): Promise<Finding[]> {
  const model = result.model!;
  const url = `${api}/projects/${encodeURIComponent(model.project.id)}/agreements/${model.version}`;
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  } catch (e) {
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
    return [{ code: 'api-unreachable', reason: `${e instanceof Error ? e.message : String(e)}${cause}` }];
  }
  if (!response.ok) return [{ code: 'api-status', status: response.status }];
  let record: unknown;
  try {
    record = await response.json();
  } catch {
    return [{ code: 'api-invalid-response' }];
  }
  if (!record || typeof record !== 'object') return [{ code: 'api-invalid-response' }];
  // GET …/agreements/{n} answers { agreement, signatures, download }: the hashes are in `agreement`.
  const agreement = (record as { agreement?: unknown }).agreement;
  if (!agreement || typeof agreement !== 'object') return [{ code: 'api-invalid-response' }];
  return compareWithRecord(result, agreement as AgreementRecord);
}

/** Runs the check; returns the exit code and writes the report through `out`. */
export async function runVerifyAgreement(argv: readonly string[], out: (line: string) => void = console.log, fetchImpl: typeof fetch = fetch): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    out(args);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(args.file));
  } catch (e) {
    out(args.lang === 'fr' ? `Impossible de lire ${args.file} : ${(e as Error).message}` : `Cannot read ${args.file}: ${(e as Error).message}`);
    return 2;
  }
  const result = await verifyAgreementPdf(bytes);
  let checkedServer = false;
  if (args.api) {
    if (result.model) {
      const serverFindings = await checkServer(args.api, args.token, result, fetchImpl);
      result.findings.push(...serverFindings);
      result.intact = result.findings.length === 0;
      checkedServer = true;
    } else {
      out(
        args.lang === 'fr'
          ? '  (serveur non interrogé : sans modèle joint valide, le projet et la version sont inconnus)'
          : '  (server not queried: without a valid attached model, the project and version are unknown)',
      );
    }
  }
  for (const line of formatVerification(result, args.file, args.lang, checkedServer)) out(line);
  return result.intact ? 0 : 1;
}

// Run as a script (`node --import tsx scripts/verify-agreement.ts …`), not when imported by the tests.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runVerifyAgreement(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 2;
    },
  );
}
