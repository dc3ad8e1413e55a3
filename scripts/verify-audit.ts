/**
 * `npm run verify-audit -- file.jsonl [--lang en]`: the offline check of an audit log export in JSON Lines
 * (docs/exports.md "## Formats"). Reads the file line by line (streaming), recomputes every event's hash with
 * the domain's hashEvent/verifyChain (shared/domain/audit.ts), one chain per `chain` value, each starting at
 * seq 1 from the genesis hash. Prints « intact » and exits 0, or names the first broken seq and exits 1; exits
 * 2 on a usage error (no file, unreadable file, unknown option).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { GENESIS_HASH, hashEvent, verifyChain } from '../shared/domain/audit';
import { auditEventCandidates } from '../shared/domain/exports/audit-rows';
import type { Lang } from '../shared/domain/i18n/lang';

export type AuditFileVerification =
  /** `anchored`: chains that start after seq 1 in the file (checked from their first event on). */
  | { valid: true; events: number; chains: number; anchored: number }
  | { valid: false; line: number; chain: string | null; brokenSeq: number | null; reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'gap' | 'malformed' };

/** Verifies an audit JSON Lines export read line by line; stops at the first broken event. */
export async function verifyAuditLines(lines: AsyncIterable<string>): Promise<AuditFileVerification> {
  const heads = new Map<string, { prevHash: string; nextSeq: number }>();
  let lineNo = 0;
  let events = 0;
  let anchored = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    let candidates;
    try {
      candidates = auditEventCandidates(JSON.parse(line) as Record<string, unknown>);
    } catch {
      return { valid: false, line: lineNo, chain: null, brokenSeq: null, reason: 'malformed' };
    }
    const event = candidates.find((c) => hashEvent(c) === c.hash) ?? candidates[0]!;
    // A chain that starts in the file after seq 1 (an export of a period) is anchored on its first event's
    // prevHash: everything from there on is checked; what came before is not in the file.
    let head = heads.get(event.chain);
    if (!head) {
      head = event.seq === 1 ? { prevHash: GENESIS_HASH, nextSeq: 1 } : { prevHash: event.prevHash, nextSeq: event.seq };
      if (event.seq !== 1) anchored++;
    }
    const result = verifyChain([event], head.prevHash, head.nextSeq);
    if (!result.valid) return { valid: false, line: lineNo, chain: event.chain, brokenSeq: result.brokenSeq, reason: result.reason };
    heads.set(event.chain, { prevHash: result.headHash, nextSeq: head.nextSeq + 1 });
    events++;
  }
  return { valid: true, events, chains: heads.size, anchored };
}

const REASONS: Record<Lang, Record<'hash-mismatch' | 'prev-hash-mismatch' | 'gap' | 'malformed', string>> = {
  fr: {
    'hash-mismatch': 'le contenu ne correspond plus à son empreinte',
    'prev-hash-mismatch': "l'empreinte précédente ne correspond pas à l'événement qui le précède",
    gap: 'un événement manque ou est déplacé',
    malformed: 'ligne illisible (JSON invalide ou champ manquant)',
  },
  en: {
    'hash-mismatch': 'its content no longer matches its hash',
    'prev-hash-mismatch': 'its previous hash does not match the event before it',
    gap: 'an event is missing or out of place',
    malformed: 'unreadable line (invalid JSON or missing field)',
  },
};

export function formatAuditVerification(r: AuditFileVerification, lang: Lang): string {
  if (r.valid) {
    const partial =
      r.anchored === 0
        ? ''
        : lang === 'fr'
          ? `, dont ${r.anchored} commencée(s) après leur premier événement : vérifiée(s) à partir de leur première ligne`
          : `, ${r.anchored} of which start after their first event: checked from their first line`;
    return lang === 'fr'
      ? `intact (${r.events} événement(s), ${r.chains} chaîne(s)${partial})`
      : `intact (${r.events} event(s), ${r.chains} chain(s)${partial})`;
  }
  const where =
    r.brokenSeq === null
      ? lang === 'fr'
        ? `ligne ${r.line}`
        : `line ${r.line}`
      : lang === 'fr'
        ? `seq ${r.brokenSeq} (chaîne ${r.chain}, ligne ${r.line})`
        : `seq ${r.brokenSeq} (chain ${r.chain}, line ${r.line})`;
  return lang === 'fr'
    ? `ALTÉRÉ : premier événement rompu : ${where} : ${REASONS.fr[r.reason]}`
    : `ALTERED: first broken event: ${where}: ${REASONS.en[r.reason]}`;
}

/** Parses the arguments; a string is a usage error. */
export function parseArgs(argv: readonly string[]): { file: string; lang: Lang } | string {
  const langAt = argv.indexOf('--lang');
  const lang: Lang = langAt >= 0 && argv[langAt + 1] === 'en' ? 'en' : 'fr';
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--lang') {
      const v = argv[++i];
      if (v !== 'fr' && v !== 'en') return lang === 'fr' ? `Langue inconnue : ${v ?? ''} (fr ou en).` : `Unknown language: ${v ?? ''} (fr or en).`;
    } else if (a.startsWith('--')) return lang === 'fr' ? `Option inconnue : ${a}` : `Unknown option: ${a}`;
    else if (file) return lang === 'fr' ? 'Un seul fichier à la fois.' : 'One file at a time.';
    else file = a;
  }
  if (!file) return lang === 'fr' ? 'Usage : npm run verify-audit -- export.jsonl [--lang en]' : 'Usage: npm run verify-audit -- export.jsonl [--lang en]';
  return { file, lang };
}

/** The command: returns the exit code (0 intact, 1 altered, 2 usage or read error). */
export async function main(argv: readonly string[], out: (s: string) => void = console.log, err: (s: string) => void = console.error): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    err(args);
    return 2;
  }
  try {
    const lines = createInterface({ input: createReadStream(args.file, { encoding: 'utf8' }), crlfDelay: Infinity });
    const result = await verifyAuditLines(lines);
    out(formatAuditVerification(result, args.lang));
    return result.valid ? 0 : 1;
  } catch (e) {
    err(`${args.lang === 'fr' ? 'Lecture impossible' : 'Cannot read'} ${args.file}: ${(e as Error).message}`);
    return 2;
  }
}

/* istanbul ignore next -- the CLI entry point */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
