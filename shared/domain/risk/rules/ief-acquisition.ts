import type { ControlEvent } from '../../control-event';
import {
  chainText,
  cmp,
  defineRule,
  distinctLinks,
  evidenceLink,
  listSome,
  makeFinding,
  orgEvidence,
  pctText,
  quote,
  sensitivityEvidence,
  sensitivityText,
  type ChainLink,
  type RiskContext,
} from '../context';
import type { Finding, RiskShareholder, Severity } from '../types';
import { CLAUSE_OF_BASIS, L233_3_CLAUSE_REF, L233_3_TEXT, PRESUMPTION_PCT, foreignByText, presumedControl, type L2333Clause } from '../control-law';
import { sumPct } from '../../decimal';

/**
 * IEF-ACQUISITION (docs/reference/domain.md IEF-2, IEF-5, IEF-7): a recorded control event on a French partner — or on an
 * organization that controls it, directly or indirectly (an indirect operation on the partner's activity) —
 * by a foreign investor (CMF R151-1), in a sensitive domain, triggers in three cases (R151-2):
 * - control is taken (`controlAcquired`, or the voting rights go above 50 %, or an `acquisition` not marked
 *   `controlAcquired: false`) — any foreign investor, EU/EEA included;
 * - a non-EU/EEA investor crosses 25 % of the voting rights (before < 25 ≤ after);
 * - a non-EU/EEA investor crosses 10 % of a company listed on a regulated market (the event's organization is
 *   `listed`; decree 2023-1293, permanent since 1 Jan 2024).
 * "Non-EU/EEA" looks at the whole chain of the investor: an EU entity controlled from outside the EU/EEA is
 * not exempt; a natural person is non-EU/EEA unless an EU/EEA national tax-domiciled in the EU/EEA (control-law.ts).
 * An unknown `votingRightsBeforePct` reads as 0.
 * Control (Code de commerce L233-3, control-law.ts), each finding naming its clause: I 1° the voting rights go
 * above 50 % (or an `acquisition` not marked `controlAcquired: false`); I 2°/I 3°/I 4°/III the event's
 * `controlBasis`; III the investors in concert (`concertWith`, L233-10) together above 50 %; II more than 40 % and
 * no other shareholder of the target surely keeping more (control-law.ts `presumedControl`); I a bare
 * `controlAcquired`. Investors in concert count together for the thresholds ("seul ou de concert", R151-2 3°).
 * Version 2: the subject is the partner, the target and the investor — not the event — so an amended, withdrawn
 * and re-recorded deal meets the same flag; several active events of one investor on one target make one
 * finding resting on the latest (evidence `events` lists them all).
 * Severity: planned → high; completed without a granted authorisation → critical; with a granted
 * authorisation → medium (conditions to check). IEF hold on the partner.
 */
export const META = {
  id: 'IEF-ACQUISITION',
  version: 2,
  title: { fr: 'Opération d\u2019investissement étranger (IEF)', en: 'Foreign investment operation (IEF)' },
  source: {
    fr: 'CMF art. L151-3, L151-3-1, L151-3-2, L151-4, R151-1 à R151-3 et R151-6 ; code de commerce art. L233-3 et L233-10 ; arrêté du 31 déc. 2019 art. 6 ; décret 2023-1293',
    en: 'French Monetary and Financial Code (CMF) art. L151-3, L151-3-1, L151-3-2, L151-4, R151-1 to R151-3 and R151-6; Commercial Code art. L233-3 and L233-10; order of 31 Dec 2019 art. 6; decree 2023-1293',
  },
} as const;

export type AcquisitionTrigger = 'control' | 'threshold-25' | 'threshold-10-listed';

interface InvestorProfile {
  foreign: boolean;
  nonEuEea: boolean;
  taxDomicileAbroad: boolean;
  /** The investor itself (R151-1 status of the first link). */
  self: ChainLink;
  links: ChainLink[];
  paths: ChainLink[][];
  cycles: string[][];
  unresolved: string[];
  /** Those acting in concert (L233-10), each with its own chain. */
  concert: { name: string; country: string; votingRightsPct: number; links: ChainLink[] }[];
  /** The investor's voting rights after the operation, with those of the investors in concert. */
  groupAfterPct: number;
}

/** A stable key for the investor (part of the flag's subject): the registered organization, else name and country. */
export function investorKey(inv: ControlEvent['investor']): string {
  return inv.organizationId ? `org:${inv.organizationId}` : `${inv.name.trim().replace(/\s+/g, ' ').toLowerCase()}|${inv.country.toUpperCase()}`;
}

export function investorProfile(ctx: RiskContext, e: ControlEvent): InvestorProfile {
  const inv = e.investor;
  const walk = ctx.walkUp(e.organizationId, {
    name: inv.name,
    country: inv.country,
    votingRightsPct: e.votingRightsAfterPct,
    organizationId: inv.organizationId,
    naturalPerson: inv.naturalPerson,
    taxDomicileCountry: inv.taxDomicileCountry,
    taxDomiciledInFrance: inv.taxDomiciledInFrance,
  });
  const concert = (e.concertWith ?? []).map((c) => {
    const w = ctx.walkUp(e.organizationId, { ...c });
    return { name: c.name, country: c.country, votingRightsPct: c.votingRightsPct, links: distinctLinks(w.paths), paths: w.paths };
  });
  const paths = [...walk.paths, ...concert.flatMap((c) => c.paths)];
  const links = distinctLinks(paths);
  const self = walk.paths[0]?.[0] ?? ctx.linkOf({ name: inv.name, country: inv.country, votingRightsPct: e.votingRightsAfterPct });
  return {
    foreign: links.some((l) => l.foreign),
    nonEuEea: links.some((l) => l.nonEuEea),
    taxDomicileAbroad: self.foreignBy === 'tax-domicile',
    self,
    links,
    paths: walk.paths,
    cycles: walk.cycles,
    unresolved: walk.unresolved,
    concert: concert.map(({ paths: _p, ...c }) => c),
    groupAfterPct: Number(sumPct([e.votingRightsAfterPct, ...concert.map((c) => c.votingRightsPct)]).toString()),
  };
}

export interface AcquisitionAnalysis {
  triggers: AcquisitionTrigger[];
  /** The clause of L233-3 by which control is taken (null: no control trigger). */
  clause: L2333Clause | null;
}

/**
 * The R151-2 triggers of one event for a target organization (listed or not) and an investor (non-EU/EEA or not).
 * `others` are the voting rights of the target's other shareholders (for the presumption of L233-3 II) and
 * `groupAfterPct` the investor's with those acting in concert.
 */
export function acquisitionAnalysis(
  e: ControlEvent,
  targetListed: boolean,
  nonEuEea: boolean,
  others: readonly number[] = [],
  groupAfterPct = e.votingRightsAfterPct,
): AcquisitionAnalysis {
  const before = e.votingRightsBeforePct ?? 0;
  const after = e.votingRightsAfterPct;
  const crossed = (t: number) => before < t && groupAfterPct >= t;
  let clause: L2333Clause | null = null;
  if (after > 50 && before <= 50) clause = 'I-1';
  else if (e.controlBasis) clause = CLAUSE_OF_BASIS[e.controlBasis];
  else if (e.kind === 'acquisition' && e.controlAcquired !== false) clause = 'I-1';
  else if (e.concertWith?.length && groupAfterPct > 50) clause = 'III';
  else if (e.controlAcquired === true) clause = 'I';
  else if (e.controlAcquired !== false && before <= PRESUMPTION_PCT && presumedControl(after, others)) clause = 'II';
  const triggers: AcquisitionTrigger[] = [];
  if (clause) triggers.push('control');
  if (nonEuEea && crossed(25)) triggers.push('threshold-25');
  if (nonEuEea && targetListed && crossed(10)) triggers.push('threshold-10-listed');
  return { triggers, clause };
}

/** The R151-2 triggers alone (see {@link acquisitionAnalysis}). */
export function acquisitionTriggers(e: ControlEvent, targetListed: boolean, nonEuEea: boolean): AcquisitionTrigger[] {
  return acquisitionAnalysis(e, targetListed, nonEuEea).triggers;
}

export function acquisitionSeverity(e: ControlEvent): Severity {
  if (e.authorisation?.status === 'granted') return 'medium';
  return e.status === 'planned' ? 'high' : 'critical';
}

/** The target's other shareholders' voting rights: the investor (and those in concert) left out. */
function otherHoldings(ctx: RiskContext, e: ControlEvent): number[] {
  const same = (s: RiskShareholder, p: { name: string; country: string; organizationId?: string | undefined }) =>
    (p.organizationId !== undefined && s.organizationId === p.organizationId) || investorKey({ ...s }) === investorKey({ name: p.name, country: p.country });
  const parties = [e.investor, ...(e.concertWith ?? [])];
  return ctx
    .shareholders(e.organizationId)
    .filter((s) => !parties.some((p) => same(s, p)))
    .map((s) => s.votingRightsPct);
}

/** Latest first: effective date, then recording, then id. */
const latestFirst = (a: ControlEvent, b: ControlEvent) => cmp(b.effectiveDate, a.effectiveDate) || cmp(b.recordedAt, a.recordedAt) || cmp(b.id, a.id);

export const rule = defineRule(META, (ctx, meta) => {
  const out: Finding[] = [];
  for (const pid of ctx.memberIds) {
    const org = ctx.org(pid);
    if (!org || org.country.toUpperCase() !== 'FR') continue;
    const sens = ctx.sensitivity(pid);
    if (!sens.sensitive) continue;
    const upstream = ctx.upstreamControllers(pid);
    // One finding per (target, investor): the latest triggering event; the others are listed in the evidence.
    const bySubject = new Map<string, { e: ControlEvent; all: ControlEvent[] }>();
    for (const e of [...ctx.controlEvents].sort(latestFirst)) {
      const via = e.organizationId === pid ? null : upstream.get(e.organizationId);
      if (via === undefined) continue;
      const target = ctx.org(e.organizationId);
      const inv = investorProfile(ctx, e);
      if (!inv.foreign) continue;
      if (!acquisitionAnalysis(e, target?.listed === true, inv.nonEuEea, otherHoldings(ctx, e), inv.groupAfterPct).triggers.length) continue;
      const key = `${e.organizationId}\u0000${investorKey(e.investor)}`;
      const got = bySubject.get(key);
      if (got) got.all.push(e);
      else bySubject.set(key, { e, all: [e] });
    }
    for (const key of [...bySubject.keys()].sort(cmp)) {
      const { e, all } = bySubject.get(key)!;
      const via = e.organizationId === pid ? null : upstream.get(e.organizationId)!;
      const target = ctx.org(e.organizationId);
      const targetListed = target?.listed === true;
      const inv = investorProfile(ctx, e);
      const { triggers, clause } = acquisitionAnalysis(e, targetListed, inv.nonEuEea, otherHoldings(ctx, e), inv.groupAfterPct);
      const severity = acquisitionSeverity(e);
      const evidence = {
        organization: orgEvidence(ctx, pid),
        target: { id: e.organizationId, name: target?.legalName, listed: targetListed, indirectVia: via ? via.map(evidenceLink) : null },
        event: {
          id: e.id,
          kind: e.kind,
          status: e.status,
          effectiveDate: e.effectiveDate,
          votingRightsBeforePct: e.votingRightsBeforePct ?? null,
          votingRightsAfterPct: e.votingRightsAfterPct,
          controlAcquired: e.controlAcquired ?? null,
          controlBasis: e.controlBasis ?? null,
          authorisation: e.authorisation ?? { status: 'none' },
        },
        events: all.map((x) => ({ id: x.id, status: x.status, effectiveDate: x.effectiveDate })).sort((a, b) => cmp(a.id, b.id)),
        investor: {
          name: e.investor.name,
          country: e.investor.country,
          organizationId: e.investor.organizationId,
          naturalPerson: e.investor.naturalPerson === true,
          taxDomicileCountry: inv.self.taxDomicileCountry,
          taxDomicileAbroad: inv.taxDomicileAbroad,
          foreignBy: inv.self.foreignBy,
          nonEuEea: inv.nonEuEea,
          chains: inv.paths.map((p) => p.map(evidenceLink)),
          concertWith: inv.concert.map((c) => ({ name: c.name, country: c.country, votingRightsPct: c.votingRightsPct, links: c.links.map(evidenceLink) })),
          groupAfterPct: inv.groupAfterPct,
          cycles: inv.cycles,
          unresolved: inv.unresolved,
        },
        triggers,
        l233_3: clause,
        thresholdPct: triggers.includes('threshold-10-listed') ? 10 : triggers.includes('threshold-25') ? 25 : null,
        sensitivity: sensitivityEvidence(sens),
      };
      const subject = { organizationId: pid, targetOrganizationId: e.organizationId, investor: investorKey(e.investor) };
      out.push(
        makeFinding(meta, {
          severity,
          subject,
          holds: { kind: 'ief', organizationId: pid },
          evidence,
          explanation: {
            fr: text('fr', e, org.legalName, target?.legalName ?? e.organizationId, via, inv, triggers, clause, sensitivityText(sens, 'fr')),
            en: text('en', e, org.legalName, target?.legalName ?? e.organizationId, via, inv, triggers, clause, sensitivityText(sens, 'en')),
          },
        }),
      );
    }
  }
  return out;
});

function text(
  lang: 'fr' | 'en',
  e: ControlEvent,
  P: string,
  targetName: string,
  via: ChainLink[] | null,
  inv: InvestorProfile,
  triggers: AcquisitionTrigger[],
  clause: L2333Clause | null,
  sens: string,
): string {
  const q = (x: string) => quote(x)[lang];
  const fr = lang === 'fr';
  const after = pctText(e.votingRightsAfterPct)[lang];
  const before = e.votingRightsBeforePct === undefined ? null : pctText(e.votingRightsBeforePct)[lang];
  const planned = e.status === 'planned';
  const auth = e.authorisation?.status ?? 'none';
  const ref = e.authorisation?.reference ? ` (${e.authorisation.reference})` : '';
  const foreignLinks = inv.links.filter((l) => l.foreign);
  const foreignNames = listSome(
    foreignLinks.map(
      (l) =>
        `${q(l.name)} (${foreignByText({ foreign: true, nonEuEea: l.nonEuEea, foreignBy: l.foreignBy, taxDomicileCountry: l.taxDomicileCountry ?? null }, l.country, lang)})`,
    ),
    lang,
  );
  const zone = inv.nonEuEea ? (fr ? 'hors UE/EEE' : 'outside the EU/EEA') : fr ? 'UE/EEE' : 'EU/EEA';
  const control = clause ? L233_3_TEXT[clause][lang] : '';
  const trig = triggers.map((t) =>
    t === 'control'
      ? fr
        ? `prise de contrôle (R151-2 1°) : ${control}`
        : `acquisition of control (R151-2 1°): ${control}`
      : t === 'threshold-25'
        ? fr
          ? 'franchissement du seuil de 25 % des droits de vote par un investisseur hors UE/EEE (R151-2 3°)'
          : 'crossing of 25 % of the voting rights by an investor from outside the EU/EEA (R151-2 3°)'
        : fr
          ? 'franchissement du seuil de 10 % des droits de vote d\u2019une société cotée sur un marché réglementé (décret 2023-1293)'
          : 'crossing of 10 % of the voting rights of a company listed on a regulated market (decree 2023-1293)',
  );
  const thr = triggers.includes('threshold-10-listed') ? 10 : triggers.includes('threshold-25') ? 25 : null;
  const ruleLine = fr
    ? `Règle IEF-ACQUISITION (v${META.version}) : CMF art. R151-1 (investisseur étranger) et R151-2 (opération) ; ${thr ? `seuil appliqué : ${thr} % des droits de vote` : 'pas de seuil : la prise de contrôle suffit'}${clause ? ` ; contrôle au sens de l'article L233-3 du code de commerce (${L233_3_CLAUSE_REF[clause]})` : ''}.`
    : `Rule IEF-ACQUISITION (v${META.version}): CMF art. R151-1 (foreign investor) and R151-2 (operation); ${thr ? `threshold applied: ${thr} % of the voting rights` : 'no threshold: taking control suffices'}${clause ? `; control in the sense of Commercial Code art. L233-3 (${L233_3_CLAUSE_REF[clause]})` : ''}.`;
  const concert = inv.concert.length
    ? fr
      ? ` Agissent de concert avec lui (code de commerce, art. L233-10) : ${listSome(
          inv.concert.map((c) => `${q(c.name)} (${c.country}, ${pctText(c.votingRightsPct).fr})`),
          'fr',
        )}, soit ${pctText(inv.groupAfterPct).fr} ensemble.`
      : ` Acting in concert with it (Commercial Code art. L233-10): ${listSome(
          inv.concert.map((c) => `${q(c.name)} (${c.country}, ${pctText(c.votingRightsPct).en})`),
          'en',
        )}, ${pctText(inv.groupAfterPct).en} together.`
    : '';
  const onlyListed = triggers.length === 1 && triggers[0] === 'threshold-10-listed';
  const parts: string[] = [];
  if (fr) {
    parts.push(
      `Opération ${planned ? 'prévue' : 'réalisée'} (${e.kind === 'acquisition' ? 'acquisition' : 'modification de l\u2019actionnariat'}, date d\u2019effet ${e.effectiveDate}) : ` +
        `${q(e.investor.name)} (${e.investor.country}, investisseur étranger ${zone} au sens de l'article R151-1 du code monétaire et financier (CMF)` +
        `${inv.taxDomicileAbroad ? ', ressortissant français non domicilié fiscalement en France' : ''}) ` +
        `${planned ? 'détiendra' : 'détient'} ${after} des droits de vote de ${q(targetName)}${before ? ` (contre ${before} auparavant)` : ''}.${concert}`,
    );
    if (via) parts.push(`${q(targetName)} contrôle le partenaire ${q(P)} (${chainText(P, via, 'fr')}) : l'opération porte indirectement sur lui.`);
    parts.push(`Ce qui rend l'investisseur étranger (lien de la chaîne de contrôle) : ${foreignNames}.`);
    parts.push(`Déclencheur(s) de l'article R151-2 du CMF : ${trig.join(' ; ')}. Le partenaire ${q(P)} relève d'un domaine sensible : ${sens}.`);
    parts.push(ruleLine);
    parts.push(
      `Voie à suivre : demande d'autorisation préalable au ministre de l'économie (DG Trésor, CMF art. L151-3) avant toute réalisation ; ` +
        `instruction de 30 jours ouvrés, puis 45 jours ouvrés supplémentaires si un examen complémentaire est ouvert ; le silence vaut refus (art. R151-6).`,
    );
    if (onlyListed)
      parts.push(
        `Pour le seul franchissement de 10 % d'une société cotée, une notification accélérée suffit : l'opération est réputée autorisée faute d'opposition du ministre dans les 10 jours ouvrés.`,
      );
    if (auth === 'granted') parts.push(`Une autorisation est enregistrée${ref} : vérifiez le respect des conditions dont elle est assortie (CMF art. L151-3).`);
    else if (!planned)
      parts.push(
        `Réalisée sans autorisation enregistrée${auth === 'none' ? '' : ` (autorisation : ${auth === 'requested' ? 'demandée' : 'refusée'}${ref})`} : ` +
          `l'engagement est nul (CMF art. L151-4) et expose à une amende pouvant atteindre le plus élevé du double de l'investissement, de 10 % du chiffre d'affaires ou de 5 M€ (art. L151-3-1 et L151-3-2).`,
      );
    else if (auth === 'requested') parts.push(`Une demande est en cours${ref}.`);
    else if (auth === 'refused') parts.push(`L'autorisation a été refusée${ref} : l'opération ne peut pas être réalisée.`);
    parts.push(`Tant que ce signalement est ouvert, toute licence exclusive, cession ou tout transfert de résultats à ${q(P)} est suspendu.`);
    return parts.join(' ');
  }
  parts.push(
    `${planned ? 'Planned' : 'Completed'} operation (${e.kind === 'acquisition' ? 'acquisition' : 'shareholding change'}, effective ${e.effectiveDate}): ` +
      `${q(e.investor.name)} (${e.investor.country}, foreign investor ${zone} in the sense of French Monetary and Financial Code (CMF) art. R151-1` +
      `${inv.taxDomicileAbroad ? ', French national not tax-domiciled in France' : ''}) ` +
      `${planned ? 'will hold' : 'holds'} ${after} of the voting rights of ${q(targetName)}${before ? ` (${before} before)` : ''}.${concert}`,
  );
  if (via) parts.push(`${q(targetName)} controls partner ${q(P)} (${chainText(P, via, 'en')}): the operation concerns it indirectly.`);
  parts.push(`What makes the investor foreign (link of the control chain): ${foreignNames}.`);
  parts.push(`Trigger(s) of CMF art. R151-2: ${trig.join('; ')}. Partner ${q(P)} is in a sensitive domain: ${sens}.`);
  parts.push(ruleLine);
  parts.push(
    `Route: prior authorisation request to the Minister for the Economy (DG Trésor, CMF art. L151-3) before completion; ` +
      `review of 30 working days, then 45 more working days if a second phase is opened; silence means refusal (art. R151-6).`,
  );
  if (onlyListed)
    parts.push(
      `For the 10 % crossing of a listed company alone, a fast-track notification applies: the operation is cleared unless the minister objects within 10 working days.`,
    );
  if (auth === 'granted') parts.push(`An authorisation is recorded${ref}: check compliance with its conditions (CMF art. L151-3).`);
  else if (!planned)
    parts.push(
      `Completed without a recorded authorisation${auth === 'none' ? '' : ` (authorisation ${auth}${ref})`}: ` +
        `the deal is void (CMF art. L151-4) and exposes to a fine of up to the highest of twice the investment, 10 % of turnover or €5M (art. L151-3-1 and L151-3-2).`,
    );
  else if (auth === 'requested') parts.push(`A request is pending${ref}.`);
  else if (auth === 'refused') parts.push(`The authorisation was refused${ref}: the operation cannot be completed.`);
  parts.push(`While this flag is open, any exclusive licence, assignment or transfer of results to ${q(P)} is held.`);
  return parts.join(' ');
}
