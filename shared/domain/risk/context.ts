import { canonicalJson, sha256Hex } from '../audit';
import { activeControlEvents, type ControlEvent } from '../control-event';
import { isEu, isEuEea, isFrance } from '../countries';
import { controlClauseOf, partyStatus, type ForeignBy, type L2333Clause } from './control-law';
import type { DeclarationDraft } from '../declaration';
import { TECHNOLOGY_DOMAIN_LABELS } from '../technology-domain-labels';
import { CRITICAL_TECHNOLOGY_DOMAINS } from '../project';
import type {
  Bilingual,
  Evidence,
  Finding,
  FindingSubject,
  IefHold,
  RiskDeclaration,
  RiskInput,
  RiskOrganization,
  RiskShareholder,
  RuleMeta,
  Severity,
} from './types';

/**
 * The engine's view of one {@link RiskInput}, built once per evaluation: members, their organizations and
 * declarations, the access rights with their subjects resolved, the control-chain walker (CMF R151-1,
 * Code de commerce L233-3) and the sensitivity test (CMF R151-3, arrêté du 31 déc. 2019 art. 6).
 *
 * Determinism: everything a rule iterates is sorted here by a total order on plain strings (never
 * `localeCompare`), so rules see the same sequence whatever the order of the input arrays.
 */

// ---------------------------------------------------------------------------------------------------------
// Small helpers

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const byCanonical = <T>(a: T, b: T): number => cmp(canonicalJson(a), canonicalJson(b));
/** Sorted by canonical JSON, each element serialized once. */
export function sortCanonical<T>(xs: readonly T[]): T[] {
  if (xs.length < 2) return [...xs];
  return xs
    .map((x) => ({ x, k: canonicalJson(x) }))
    .sort((a, b) => cmp(a.k, b.k))
    .map((e) => e.x);
}
export const uniqSorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort(cmp);
/** JSON-safe deep copy with sorted keys and without `undefined` (what DynamoDB and the hashes see). */
export const canonicalCopy = <T>(v: T): T => JSON.parse(canonicalJson(v)) as T;

export type DraftBackgroundItem = NonNullable<DeclarationDraft['background']>[number];
export type DraftResult = NonNullable<DeclarationDraft['results']>[number];
export type DraftAccessRight = NonNullable<DeclarationDraft['accessRights']>[number];

export const fingerprintOf = (ruleId: string, subject: FindingSubject): string => sha256Hex(canonicalJson({ ruleId, subject }));

// ---------------------------------------------------------------------------------------------------------
// Text helpers (explanations are French first; numbers in French use a decimal comma)

export const pctText = (n: number): Bilingual => ({ fr: `${String(n).replace('.', ',')} %`, en: `${n} %` });
export const quote = (s: string): Bilingual => ({ fr: `« ${s} »`, en: `“${s}”` });
export const join = (parts: readonly string[], lang: 'fr' | 'en'): string => {
  if (parts.length <= 1) return parts.join('');
  const last = parts[parts.length - 1]!;
  return `${parts.slice(0, -1).join(', ')} ${lang === 'fr' ? 'et' : 'and'} ${last}`;
};
export function domainLabel(d: string, lang: 'fr' | 'en'): string {
  const labels = TECHNOLOGY_DOMAIN_LABELS[lang] as Record<string, string>;
  return (labels[d] ?? d).toLowerCase();
}
/** Shows at most `max` entries, then « et N autre(s) » / "and N more". */
export function listSome(parts: readonly string[], lang: 'fr' | 'en', max = 3): string {
  if (parts.length <= max) return join(parts, lang);
  const rest = parts.length - max;
  return `${parts.slice(0, max).join(', ')} ${lang === 'fr' ? `et ${rest} autre(s)` : `and ${rest} more`}`;
}

// ---------------------------------------------------------------------------------------------------------
// Findings

export function makeFinding(
  meta: RuleMeta,
  f: { severity: Severity; subject: FindingSubject; explanation: Bilingual; evidence: Evidence; holds?: IefHold | undefined },
): Finding {
  const subject = canonicalCopy(f.subject);
  const evidenceJson = canonicalJson(f.evidence);
  const evidence = JSON.parse(evidenceJson) as Evidence;
  return {
    ruleId: meta.id,
    ruleVersion: meta.version,
    title: { ...meta.title },
    severity: f.severity,
    subject,
    fingerprint: fingerprintOf(meta.id, subject),
    explanation: { fr: f.explanation.fr, en: f.explanation.en },
    evidence,
    evidenceHash: sha256Hex(evidenceJson),
    ...(f.holds ? { holds: { kind: 'ief' as const, organizationId: f.holds.organizationId } } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Control chains (CMF R151-1; control per Code de commerce L233-3)

/**
 * A holder that controls on its own terms: more than 50 % of the voting rights, or marked controlling / with a
 * declared basis (L233-3 I 2°-4°, III). The presumption of L233-3 II also needs the other holders: see
 * `RiskContext.controlClause`, which the chain walk uses.
 */
export const isControlHolding = (s: { votingRightsPct: number; controlling?: boolean | undefined; controlBasis?: string | undefined }): boolean =>
  s.votingRightsPct > 50 || s.controlling === true || s.controlBasis !== undefined;

export interface ChainLink {
  name: string;
  country: string;
  organizationId?: string;
  votingRightsPct: number;
  controlling: boolean;
  naturalPerson: boolean;
  /** Foreign in the sense of CMF R151-1: foreign national, French national tax-domiciled abroad, or foreign-law entity. */
  foreign: boolean;
  /** Why it is foreign (R151-1 1°, 2°, 3°); null when it is not. */
  foreignBy: ForeignBy | null;
  /** Natural persons: the tax domicile as known (null: outside France, unknown); absent for entities. */
  taxDomicileCountry?: string | null;
  /** The clause of L233-3 by which it controls the organization below it (null: it does not control). */
  controlClause: L2333Clause | null;
  /** Outside the EU/EEA (the 25 % and 10 % thresholds of R151-2 apply to these). */
  nonEuEea: boolean;
  /** The link names an organization that the input does not hold: the chain stops there. */
  unresolved?: boolean;
}

export interface ChainWalk {
  /** Every simple path upward, starting with the holder itself, then its controllers, recursively. */
  paths: ChainLink[][];
  /** Organization id cycles met on the way (reported, never looped). */
  cycles: string[][];
  unresolved: string[];
  truncated: boolean;
}

/** Bounds of the chain walk (real chains are a few links deep). */
export const MAX_CHAIN_DEPTH = 32;
export const MAX_CHAIN_PATHS = 256;

// ---------------------------------------------------------------------------------------------------------
// Access rights resolved

export type ResolvedSubject =
  | { kind: 'background'; ownerOrgId: string; itemKey: string; item: DraftBackgroundItem | undefined }
  | { kind: 'result'; ownerOrgId: string; resultKey: string; result: DraftResult | undefined };

export interface ResolvedAccessRight {
  declaringOrgId: string;
  key: string;
  right: DraftAccessRight;
  beneficiaryId: string | undefined;
  grantorId: string | undefined;
  purpose: 'execution' | 'exploitation' | undefined;
  exclusive: boolean;
  subject: ResolvedSubject | undefined;
}

export interface Sensitivity {
  sensitive: boolean;
  /** Project domains on the critical-technology list (arrêté du 31 déc. 2019 art. 6; IEF-4). */
  criticalDomains: string[];
  /** Project domains that are essential activities of CMF R151-3 II (space, telecoms, health). */
  essentialDomains: string[];
  /** The partner declares background with an Annex I category (dual-use items, R151-3 I). */
  dualUseItems: boolean;
}

/** Project domains read as essential activities of CMF R151-3 II (the critical list covers R151-3 III). */
export const ESSENTIAL_ACTIVITY_DOMAINS: readonly string[] = ['space', 'telecommunications', 'health'];

const BRAND: unique symbol = Symbol('vigie.risk.context');

export interface RiskContext {
  readonly [BRAND]: true;
  readonly input: RiskInput;
  readonly now: Date;
  readonly projectDomains: readonly string[];
  /** Member organization ids, sorted. */
  readonly memberIds: readonly string[];
  readonly roleOf: ReadonlyMap<string, string>;
  /** The declaration of each member (one per member; the submitted one wins when several are given). */
  readonly declarations: ReadonlyMap<string, RiskDeclaration>;
  /** Member ids with a declaration, sorted. */
  readonly declaringOrgIds: readonly string[];
  readonly accessRights: readonly ResolvedAccessRight[];
  /** Control events sorted by id, withdrawn ones left out. */
  readonly controlEvents: readonly ControlEvent[];
  org(id: string): RiskOrganization | undefined;
  orgName(id: string): string;
  isMember(id: string): boolean;
  backgroundItems(orgId: string): readonly DraftBackgroundItem[];
  results(orgId: string): readonly DraftResult[];
  backgroundItem(orgId: string, key: string): DraftBackgroundItem | undefined;
  result(orgId: string, key: string): DraftResult | undefined;
  /** Shareholders of an organization in a canonical order. */
  shareholders(orgId: string): readonly RiskShareholder[];
  /** The holders controlling an organization (L233-3, the presumption of II included), canonical order. */
  controllers(orgId: string): readonly RiskShareholder[];
  /** The clause of L233-3 by which shareholder `s` of `orgId` controls it, or null. */
  controlClause(orgId: string, s: RiskShareholder): L2333Clause | null;
  /** Walks up from `holder`, a shareholder of `originId`, through the holders that control each organization. */
  walkUp(originId: string, holder: RiskShareholder): ChainWalk;
  /** Organizations controlling `orgId` directly or indirectly, each with the first path that reaches it. */
  upstreamControllers(orgId: string): ReadonlyMap<string, ChainLink[]>;
  sensitivity(orgId: string): Sensitivity;
  /** A chain link for an organization (country from its record). */
  linkOf(holder: RiskShareholder): ChainLink;
}

export const isRiskContext = (x: unknown): x is RiskContext => typeof x === 'object' && x !== null && BRAND in x;
export const toContext = (input: RiskInput | RiskContext): RiskContext => (isRiskContext(input) ? input : buildContext(input));

function orgLookup(orgs: RiskInput['organizations']): (id: string) => RiskOrganization | undefined {
  if (orgs instanceof Map) return (id) => orgs.get(id);
  const rec = orgs as Readonly<Record<string, RiskOrganization>>;
  return (id) => (Object.hasOwn(rec, id) ? rec[id] : undefined);
}

/** First element of each key; duplicates (refused by the schemas) resolved by canonical order, not input order. */
function indexByKey<T extends { key?: string | undefined }>(items: readonly T[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const it of items) {
    if (it.key === undefined) continue;
    const prev = m.get(it.key);
    if (prev === undefined || byCanonical(it, prev) < 0) m.set(it.key, it);
  }
  return m;
}

export function buildContext(input: RiskInput): RiskContext {
  const lookup = orgLookup(input.organizations);
  const roleOf = new Map<string, string>();
  for (const m of [...input.memberships].sort((a, b) => cmp(a.organizationId, b.organizationId) || cmp(a.role, b.role))) {
    if (!roleOf.has(m.organizationId)) roleOf.set(m.organizationId, m.role);
  }
  const memberIds = [...roleOf.keys()].sort(cmp);

  // One declaration per member: the submitted one wins; ties by canonical JSON (never by input order).
  const declarations = new Map<string, RiskDeclaration>();
  for (const d of input.declarations) {
    if (!roleOf.has(d.organizationId)) continue;
    const prev = declarations.get(d.organizationId);
    if (!prev || (d.submitted && !prev.submitted) || (d.submitted === prev.submitted && byCanonical(d, prev) < 0)) {
      declarations.set(d.organizationId, d);
    }
  }
  const declaringOrgIds = [...declarations.keys()].sort(cmp);

  const bgIndex = new Map<string, Map<string, DraftBackgroundItem>>();
  const resIndex = new Map<string, Map<string, DraftResult>>();
  const bgSorted = new Map<string, DraftBackgroundItem[]>();
  const resSorted = new Map<string, DraftResult[]>();
  for (const id of declaringOrgIds) {
    const c = declarations.get(id)!.content;
    const bg = indexByKey(c.background ?? []);
    const rs = indexByKey(c.results ?? []);
    bgIndex.set(id, bg);
    resIndex.set(id, rs);
    bgSorted.set(
      id,
      [...bg.keys()].sort(cmp).map((k) => bg.get(k)!),
    );
    resSorted.set(
      id,
      [...rs.keys()].sort(cmp).map((k) => rs.get(k)!),
    );
  }
  const backgroundItem = (orgId: string, key: string) => bgIndex.get(orgId)?.get(key);
  const result = (orgId: string, key: string) => resIndex.get(orgId)?.get(key);

  const accessRights: ResolvedAccessRight[] = [];
  for (const id of declaringOrgIds) {
    const rights = indexByKey(declarations.get(id)!.content.accessRights ?? []);
    for (const key of [...rights.keys()].sort(cmp)) {
      const right = rights.get(key)!;
      const grantorId = right.grantorOrganizationId;
      let subject: ResolvedSubject | undefined;
      const s = right.subject;
      if (s?.kind === 'background' && s.itemKey) {
        let ownerOrgId = s.ownerOrganizationId ?? id;
        let item = backgroundItem(ownerOrgId, s.itemKey);
        if (!item && !s.ownerOrganizationId && grantorId && grantorId !== id && backgroundItem(grantorId, s.itemKey)) {
          ownerOrgId = grantorId; // a requested right naming the grantor's item without ownerOrganizationId
          item = backgroundItem(grantorId, s.itemKey);
        }
        subject = { kind: 'background', ownerOrgId, itemKey: s.itemKey, item };
      } else if (s?.kind === 'result' && s.resultKey) {
        let ownerOrgId = id;
        let res = result(id, s.resultKey);
        if (!res && grantorId && grantorId !== id && result(grantorId, s.resultKey)) {
          ownerOrgId = grantorId;
          res = result(grantorId, s.resultKey);
        }
        subject = { kind: 'result', ownerOrgId, resultKey: s.resultKey, result: res };
      }
      accessRights.push({
        declaringOrgId: id,
        key,
        right,
        beneficiaryId: right.beneficiaryOrganizationId,
        grantorId,
        purpose: right.purpose,
        exclusive: right.exclusive === true,
        subject,
      });
    }
  }

  // Withdrawn events stay stored and listed but no longer count (their flags close: "cause withdrawn").
  const controlEvents = sortCanonical(activeControlEvents(input.controlEvents)).sort((a, b) => cmp(a.id, b.id)); // stable: canonical order among equal ids
  const projectDomains = uniqSorted(input.project.technologyDomains);

  const shCache = new Map<string, RiskShareholder[]>();
  const shareholders = (orgId: string): RiskShareholder[] => {
    let s = shCache.get(orgId);
    if (!s) {
      s = sortCanonical(lookup(orgId)?.shareholders ?? []);
      shCache.set(orgId, s);
    }
    return s;
  };
  // The clause of L233-3 of each shareholder, computed with its co-shareholders (the presumption of II needs them).
  const clauses = new WeakMap<RiskShareholder, L2333Clause | null>();
  const clausesOf = (orgId: string) => {
    const list = shareholders(orgId);
    if (list.length && !clauses.has(list[0]!)) {
      list.forEach((s, i) => {
        const othersMax = Math.max(0, ...list.filter((_, j) => j !== i).map((o) => o.votingRightsPct));
        clauses.set(s, controlClauseOf(s, othersMax));
      });
    }
    return list;
  };
  const controlClause = (orgId: string, s: RiskShareholder): L2333Clause | null => {
    clausesOf(orgId);
    return clauses.has(s) ? clauses.get(s)! : controlClauseOf(s, 0);
  };
  const ctrlCache = new Map<string, RiskShareholder[]>();
  const controllers = (orgId: string) => {
    let c = ctrlCache.get(orgId);
    if (!c) ctrlCache.set(orgId, (c = clausesOf(orgId).filter((s) => clauses.get(s) !== null)));
    return c;
  };

  const linkOf = (h: RiskShareholder): ChainLink => {
    const org = h.organizationId ? lookup(h.organizationId) : undefined;
    const country = (org?.country ?? h.country).toUpperCase();
    const status = partyStatus({ ...h, country, naturalPerson: org ? false : h.naturalPerson });
    const clause = clauses.has(h) ? clauses.get(h)! : controlClauseOf(h, 0);
    return {
      name: h.name,
      country,
      ...(h.organizationId ? { organizationId: h.organizationId } : {}),
      votingRightsPct: h.votingRightsPct,
      controlling: clause !== null,
      controlClause: clause,
      naturalPerson: h.naturalPerson === true,
      foreign: status.foreign,
      foreignBy: status.foreignBy,
      ...(status.taxDomicileCountry !== undefined ? { taxDomicileCountry: status.taxDomicileCountry } : {}),
      nonEuEea: status.nonEuEea,
      ...(h.organizationId && !org ? { unresolved: true } : {}),
    };
  };

  const walkUp = (originId: string, holder: RiskShareholder): ChainWalk => {
    const paths: ChainLink[][] = [];
    const cycles: string[][] = [];
    const unresolved = new Set<string>();
    let truncated = false;
    const visit = (h: RiskShareholder, path: ChainLink[], onPath: string[]) => {
      if (paths.length >= MAX_CHAIN_PATHS) {
        truncated = true;
        return;
      }
      const p = [...path, linkOf(h)];
      const id = h.organizationId;
      if (!id) return void paths.push(p);
      const at = onPath.indexOf(id);
      if (at >= 0) {
        cycles.push([...onPath.slice(at), id]);
        return void paths.push(p);
      }
      const org = lookup(id);
      if (!org) {
        unresolved.add(id);
        return void paths.push(p);
      }
      const ctrls = controllers(id);
      if (!ctrls.length) return void paths.push(p);
      if (p.length >= MAX_CHAIN_DEPTH) {
        truncated = true;
        return void paths.push(p);
      }
      for (const c of ctrls) visit(c, p, [...onPath, id]);
    };
    visit(holder, [], [originId]);
    return { paths, cycles: uniqCycles(cycles), unresolved: [...unresolved].sort(cmp), truncated };
  };

  const upCache = new Map<string, Map<string, ChainLink[]>>();
  const upstreamControllers = (orgId: string): Map<string, ChainLink[]> => {
    let m = upCache.get(orgId);
    if (m) return m;
    m = new Map();
    for (const c of controllers(orgId)) {
      for (const path of walkUp(orgId, c).paths) {
        path.forEach((link, i) => {
          const id = link.organizationId;
          if (id && id !== orgId && !link.unresolved && !m!.has(id)) m!.set(id, path.slice(0, i + 1));
        });
      }
    }
    upCache.set(orgId, m);
    return m;
  };

  const sensCache = new Map<string, Sensitivity>();
  const criticalDomains = projectDomains.filter((d) => (CRITICAL_TECHNOLOGY_DOMAINS as readonly string[]).includes(d));
  const essentialDomains = projectDomains.filter((d) => ESSENTIAL_ACTIVITY_DOMAINS.includes(d));
  const sensitivity = (orgId: string): Sensitivity => {
    let s = sensCache.get(orgId);
    if (!s) {
      const dualUseItems = (bgSorted.get(orgId) ?? []).some((b) => isAnnexICategory(b.exportControl?.category));
      s = { sensitive: criticalDomains.length > 0 || essentialDomains.length > 0 || dualUseItems, criticalDomains, essentialDomains, dualUseItems };
      sensCache.set(orgId, s);
    }
    return s;
  };

  return {
    [BRAND]: true,
    input,
    now: input.now,
    projectDomains,
    memberIds,
    roleOf,
    declarations,
    declaringOrgIds,
    accessRights,
    controlEvents,
    org: lookup,
    orgName: (id) => lookup(id)?.legalName ?? id,
    isMember: (id) => roleOf.has(id),
    backgroundItems: (id) => bgSorted.get(id) ?? [],
    results: (id) => resSorted.get(id) ?? [],
    backgroundItem,
    result,
    shareholders,
    controllers,
    controlClause,
    walkUp,
    upstreamControllers,
    sensitivity,
    linkOf,
  };
}

function uniqCycles(cycles: string[][]): string[][] {
  const seen = new Map<string, string[]>();
  for (const c of cycles) seen.set(c.join('>'), c);
  return [...seen.keys()].sort(cmp).map((k) => seen.get(k)!);
}

export const isAnnexICategory = (c: string | undefined): c is '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' => c !== undefined && /^[0-9]$/.test(c);

/** Organizations outside the EU (an export under Reg. 2021/821) / outside the EU/EEA / outside France. */
export const geo = {
  outsideEu: (country: string) => !isEu(country),
  outsideEuEea: (country: string) => !isEuEea(country),
  foreign: (country: string) => !isFrance(country),
};

/** Links of several paths, each once (by organization id, else name and country), in canonical order. */
export function distinctLinks(paths: readonly ChainLink[][]): ChainLink[] {
  const m = new Map<string, ChainLink>();
  for (const p of paths) for (const l of p) m.set(l.organizationId ?? `${l.name}\u0000${l.country}`, l);
  // Ordered by the fields links always had (so the order, and the evidence hashes, stay those of earlier versions).
  return [...m.values()]
    .map((l) => ({ l, k: canonicalJson({ ...evidenceLink(l), foreignBy: undefined, taxDomicileCountry: undefined, controlClause: undefined }) }))
    .sort((a, b) => cmp(a.k, b.k))
    .map((e) => e.l);
}

/** The clause of L233-3 shown in a chain (« contrôle, L233-3 II »); a majority reads from its percentage. */
const clauseShort = (c: L2333Clause | null, lang: 'fr' | 'en'): string => {
  if (c === null || c === 'I-1') return '';
  const ref = c === 'I' ? 'L233-3 I' : `L233-3 ${c.replace('-', ' ')}°`.replace('II°', 'II').replace('III°', 'III');
  return lang === 'fr' ? `, contrôle, ${ref}` : `, control, ${ref}`;
};

/** « A ← B (FR, 60 %) ← C (US, 45 %, contrôle, L233-3 II) »: a chain read from the organization up to its controller. */
export function chainText(originName: string, path: readonly ChainLink[], lang: 'fr' | 'en'): string {
  const q = (s: string) => quote(s)[lang];
  const parts = [q(originName)];
  for (const l of path) {
    const share = pctText(l.votingRightsPct)[lang];
    const ctl = l.votingRightsPct <= 50 && l.controlling ? clauseShort(l.controlClause, lang) : '';
    parts.push(`${q(l.name)} (${l.country}, ${share}${ctl})`);
  }
  return parts.join(' ← ');
}

export function evidenceLink(l: ChainLink): Evidence {
  return {
    name: l.name,
    country: l.country,
    organizationId: l.organizationId,
    votingRightsPct: l.votingRightsPct,
    controlling: l.controlling,
    naturalPerson: l.naturalPerson,
    foreign: l.foreign,
    nonEuEea: l.nonEuEea,
    unresolved: l.unresolved,
    // Only what earlier evidence could not hold (so that flags resting on unchanged facts keep their evidence hash,
    // and their waivers): a French national's tax domicile abroad, a clause of L233-3 other than a majority or a mark.
    ...(l.foreignBy === 'tax-domicile' || (l.naturalPerson && l.taxDomicileCountry !== undefined && l.taxDomicileCountry !== l.country)
      ? { foreignBy: l.foreignBy, taxDomicileCountry: l.taxDomicileCountry }
      : {}),
    ...(l.controlClause && l.controlClause !== 'I-1' && l.controlClause !== 'I' ? { controlClause: l.controlClause } : {}),
  };
}

export function orgEvidence(ctx: RiskContext, id: string): Evidence {
  const o = ctx.org(id);
  return { id, name: o?.legalName, country: o?.country };
}

export function sensitivityEvidence(s: Sensitivity): Evidence {
  return { criticalDomains: s.criticalDomains, essentialDomains: s.essentialDomains, dualUseItems: s.dualUseItems };
}

/** « relève de technologies critiques (…) » — why the partner's activity is sensitive. */
export function sensitivityText(s: Sensitivity, lang: 'fr' | 'en'): string {
  const parts: string[] = [];
  if (s.criticalDomains.length) {
    const d = join(
      s.criticalDomains.map((x) => domainLabel(x, lang)),
      lang,
    );
    parts.push(
      lang === 'fr'
        ? `technologies critiques (${d} ; CMF art. R151-3 III et arrêté du 31 décembre 2019, art. 6)`
        : `critical technologies (${d}; CMF art. R151-3 III and order of 31 December 2019, art. 6)`,
    );
  }
  if (s.essentialDomains.length) {
    const d = join(
      s.essentialDomains.map((x) => domainLabel(x, lang)),
      lang,
    );
    parts.push(lang === 'fr' ? `activités essentielles (${d} ; CMF art. R151-3 II)` : `essential activities (${d}; CMF art. R151-3 II)`);
  }
  if (s.dualUseItems) {
    parts.push(
      lang === 'fr' ? 'biens et technologies à double usage déclarés (CMF art. R151-3 I)' : 'declared dual-use items and technology (CMF art. R151-3 I)',
    );
  }
  return join(parts, lang);
}

// ---------------------------------------------------------------------------------------------------------
// Rules

/** A rule module: metadata plus a pure evaluation over the engine's input (or a context built from it). */
export interface RiskRule extends RuleMeta {
  evaluate(input: RiskInput | RiskContext): Finding[];
}

export function defineRule(meta: RuleMeta, run: (ctx: RiskContext, meta: RuleMeta) => Finding[]): RiskRule {
  return { ...meta, evaluate: (input) => run(toContext(input), meta) };
}

// ---------------------------------------------------------------------------------------------------------
// Helpers shared by the access rules (LEAK-FOREIGN-ACCESS, DUAL-USE, ZRR-ACCESS)

/** Foreign links (R151-1) among the organizations controlling `orgId`, directly or indirectly. */
const foreignControllersMemo = new WeakMap<RiskContext, Map<string, ChainLink[]>>();
export function foreignControllers(ctx: RiskContext, orgId: string): ChainLink[] {
  let memo = foreignControllersMemo.get(ctx);
  if (!memo) foreignControllersMemo.set(ctx, (memo = new Map()));
  let out = memo.get(orgId);
  if (!out) {
    const paths: ChainLink[][] = [];
    for (const c of ctx.controllers(orgId)) paths.push(...ctx.walkUp(orgId, c).paths);
    out = distinctLinks(paths).filter((l) => l.foreign);
    memo.set(orgId, out);
  }
  return out;
}

/** Technology domains of what an access right covers: the result's own domains, else the project's. */
export function subjectDomains(ctx: RiskContext, s: ResolvedSubject | undefined): string[] {
  if (s?.kind === 'result' && s.result?.technologyDomains?.length) return uniqSorted(s.result.technologyDomains);
  return [...ctx.projectDomains];
}

export const criticalOf = (domains: readonly string[]): string[] => domains.filter((d) => (CRITICAL_TECHNOLOGY_DOMAINS as readonly string[]).includes(d));

/** « la connaissance antérieure « Titre » (bg-1) de « Org » » — what an access right covers, for explanations. */
export function subjectText(ctx: RiskContext, s: ResolvedSubject | undefined, lang: 'fr' | 'en'): string {
  if (!s) return lang === 'fr' ? 'un objet non précisé' : 'an unspecified subject';
  const owner = quote(ctx.orgName(s.ownerOrgId))[lang];
  if (s.kind === 'background') {
    const t = s.item?.title ? `${quote(s.item.title)[lang]} (${s.itemKey})` : s.itemKey;
    return lang === 'fr' ? `la connaissance antérieure ${t} de ${owner}` : `background item ${t} of ${owner}`;
  }
  const t = s.result?.title ? `${quote(s.result.title)[lang]} (${s.resultKey})` : s.resultKey;
  return lang === 'fr' ? `le résultat ${t} déclaré par ${owner}` : `result ${t} declared by ${owner}`;
}

export function subjectEvidence(s: ResolvedSubject | undefined): Evidence | null {
  if (!s) return null;
  if (s.kind === 'background') {
    return {
      kind: 'background',
      ownerOrganizationId: s.ownerOrgId,
      itemKey: s.itemKey,
      title: s.item?.title,
      type: s.item?.type,
      exportControl: s.item?.exportControl,
      fromZrr: s.item?.fromZrr,
      found: s.item !== undefined,
    };
  }
  return {
    kind: 'result',
    ownerOrganizationId: s.ownerOrgId,
    resultKey: s.resultKey,
    title: s.result?.title,
    technologyDomains: s.result?.technologyDomains ? uniqSorted(s.result.technologyDomains) : undefined,
    found: s.result !== undefined,
  };
}

export function rightEvidence(ar: ResolvedAccessRight): Evidence {
  return {
    declaringOrganizationId: ar.declaringOrgId,
    key: ar.key,
    direction: ar.right.direction,
    purpose: ar.purpose,
    exclusive: ar.exclusive,
    beneficiaryOrganizationId: ar.beneficiaryId,
    grantorOrganizationId: ar.grantorId,
    territory: ar.right.territory ? sortedTerritory(ar.right.territory) : undefined,
    fieldOfUse: ar.right.fieldOfUse,
  };
}

/** « droit d'accès ar-1 (pour l'exploitation, exclusif) » */
export function rightText(ar: ResolvedAccessRight, lang: 'fr' | 'en'): string {
  const purpose =
    ar.purpose === 'exploitation'
      ? lang === 'fr'
        ? "pour l'exploitation"
        : 'for exploitation'
      : ar.purpose === 'execution'
        ? lang === 'fr'
          ? "pour l'exécution du projet"
          : 'for carrying out the project'
        : '';
  const excl = ar.exclusive ? (lang === 'fr' ? 'exclusif' : 'exclusive') : '';
  const detail = [purpose, excl].filter(Boolean).join(', ');
  return `${lang === 'fr' ? "droit d'accès" : 'access right'} ${ar.key}${detail ? ` (${detail})` : ''}`;
}

/** Co-ownership shares in a canonical order (for evidence). */
export function sortedShares(shares: readonly { organizationId?: string | undefined; pct?: number | undefined }[] | undefined) {
  return sortCanonical([...(shares ?? [])].map((s) => ({ organizationId: s.organizationId ?? null, pct: s.pct ?? null })));
}

function sortedTerritory(t: NonNullable<DraftAccessRight['territory']>): Evidence {
  return 'countries' in t && t.countries ? { ...t, countries: uniqSorted(t.countries) } : { ...t };
}
