import type { ControlEvent } from '../../control-event';
import { isFrance } from '../../countries';
import {
  chainText,
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
import type { Finding, Severity } from '../types';

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
 * not exempt. An unknown `votingRightsBeforePct` reads as 0.
 * Severity: planned → high; completed without a granted authorisation → critical; with a granted
 * authorisation → medium (conditions to check). IEF hold on the partner.
 */
export const META = {
  id: 'IEF-ACQUISITION',
  version: 1,
  title: { fr: 'Opération d\u2019investissement étranger (IEF)', en: 'Foreign investment operation (IEF)' },
  source: {
    fr: 'CMF art. L151-3, L151-3-1, L151-3-2, L151-4, R151-1 à R151-3 et R151-6 ; arrêté du 31 déc. 2019 art. 6 ; décret 2023-1293',
    en: 'French Monetary and Financial Code (CMF) art. L151-3, L151-3-1, L151-3-2, L151-4, R151-1 to R151-3 and R151-6; order of 31 Dec 2019 art. 6; decree 2023-1293',
  },
} as const;

export type AcquisitionTrigger = 'control' | 'threshold-25' | 'threshold-10-listed';

interface InvestorProfile {
  foreign: boolean;
  nonEuEea: boolean;
  taxDomicileAbroad: boolean;
  links: ChainLink[];
  paths: ChainLink[][];
  cycles: string[][];
  unresolved: string[];
}

export function investorProfile(ctx: RiskContext, e: ControlEvent): InvestorProfile {
  const inv = e.investor;
  const walk = ctx.walkUp(e.organizationId, {
    name: inv.name,
    country: inv.country,
    votingRightsPct: e.votingRightsAfterPct,
    organizationId: inv.organizationId,
    naturalPerson: inv.naturalPerson,
  });
  const links = distinctLinks(walk.paths);
  const taxDomicileAbroad = inv.naturalPerson === true && isFrance(inv.country) && inv.taxDomiciledInFrance === false;
  return {
    foreign: taxDomicileAbroad || links.some((l) => l.foreign),
    nonEuEea: links.some((l) => l.nonEuEea),
    taxDomicileAbroad,
    links,
    paths: walk.paths,
    cycles: walk.cycles,
    unresolved: walk.unresolved,
  };
}

/** The R151-2 triggers of one event for a target organization (listed or not) and an investor (non-EU/EEA or not). */
export function acquisitionTriggers(e: ControlEvent, targetListed: boolean, nonEuEea: boolean): AcquisitionTrigger[] {
  const before = e.votingRightsBeforePct ?? 0;
  const after = e.votingRightsAfterPct;
  const crossed = (t: number) => before < t && after >= t;
  const out: AcquisitionTrigger[] = [];
  if (e.controlAcquired === true || (after > 50 && before <= 50) || (e.kind === 'acquisition' && e.controlAcquired !== false)) out.push('control');
  if (nonEuEea && crossed(25)) out.push('threshold-25');
  if (nonEuEea && targetListed && crossed(10)) out.push('threshold-10-listed');
  return out;
}

export function acquisitionSeverity(e: ControlEvent): Severity {
  if (e.authorisation?.status === 'granted') return 'medium';
  return e.status === 'planned' ? 'high' : 'critical';
}

export const rule = defineRule(META, (ctx, meta) => {
  const out: Finding[] = [];
  for (const pid of ctx.memberIds) {
    const org = ctx.org(pid);
    if (!org || org.country.toUpperCase() !== 'FR') continue;
    const sens = ctx.sensitivity(pid);
    if (!sens.sensitive) continue;
    const upstream = ctx.upstreamControllers(pid);
    for (const e of ctx.controlEvents) {
      const via = e.organizationId === pid ? null : upstream.get(e.organizationId);
      if (via === undefined) continue;
      const target = ctx.org(e.organizationId);
      const targetListed = target?.listed === true;
      const inv = investorProfile(ctx, e);
      if (!inv.foreign) continue;
      const triggers = acquisitionTriggers(e, targetListed, inv.nonEuEea);
      if (!triggers.length) continue;
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
          authorisation: e.authorisation ?? { status: 'none' },
        },
        investor: {
          name: e.investor.name,
          country: e.investor.country,
          organizationId: e.investor.organizationId,
          naturalPerson: e.investor.naturalPerson === true,
          taxDomicileAbroad: inv.taxDomicileAbroad,
          nonEuEea: inv.nonEuEea,
          chains: inv.paths.map((p) => p.map(evidenceLink)),
          cycles: inv.cycles,
          unresolved: inv.unresolved,
        },
        triggers,
        sensitivity: sensitivityEvidence(sens),
      };
      out.push(
        makeFinding(meta, {
          severity,
          subject: { organizationId: pid, controlEventId: e.id },
          holds: { kind: 'ief', organizationId: pid },
          evidence,
          explanation: {
            fr: text('fr', e, org.legalName, target?.legalName ?? e.organizationId, via, inv, triggers, sensitivityText(sens, 'fr')),
            en: text('en', e, org.legalName, target?.legalName ?? e.organizationId, via, inv, triggers, sensitivityText(sens, 'en')),
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
  sens: string,
): string {
  const q = (x: string) => quote(x)[lang];
  const fr = lang === 'fr';
  const after = pctText(e.votingRightsAfterPct)[lang];
  const before = e.votingRightsBeforePct === undefined ? null : pctText(e.votingRightsBeforePct)[lang];
  const planned = e.status === 'planned';
  const auth = e.authorisation?.status ?? 'none';
  const ref = e.authorisation?.reference ? ` (${e.authorisation.reference})` : '';
  const foreignNames = listSome(
    inv.links.filter((l) => l.foreign).map((l) => `${q(l.name)} (${l.country})`),
    lang,
  );
  const zone = inv.nonEuEea ? (fr ? 'hors UE/EEE' : 'outside the EU/EEA') : fr ? 'UE/EEE' : 'EU/EEA';
  const trig = triggers.map((t) =>
    t === 'control'
      ? fr
        ? 'prise de contrôle (R151-2 1°)'
        : 'acquisition of control (R151-2 1°)'
      : t === 'threshold-25'
        ? fr
          ? 'franchissement du seuil de 25 % des droits de vote par un investisseur hors UE/EEE (R151-2 3°)'
          : 'crossing of 25 % of the voting rights by an investor from outside the EU/EEA (R151-2 3°)'
        : fr
          ? 'franchissement du seuil de 10 % des droits de vote d\u2019une société cotée sur un marché réglementé (décret 2023-1293)'
          : 'crossing of 10 % of the voting rights of a company listed on a regulated market (decree 2023-1293)',
  );
  const onlyListed = triggers.length === 1 && triggers[0] === 'threshold-10-listed';
  const parts: string[] = [];
  if (fr) {
    parts.push(
      `Opération ${planned ? 'prévue' : 'réalisée'} (${e.kind === 'acquisition' ? 'acquisition' : 'modification de l\u2019actionnariat'}, date d\u2019effet ${e.effectiveDate}) : ` +
        `${q(e.investor.name)} (${e.investor.country}, investisseur étranger ${zone} au sens de l'article R151-1 du code monétaire et financier (CMF)` +
        `${inv.taxDomicileAbroad ? ', ressortissant français non domicilié fiscalement en France' : ''}) ` +
        `${planned ? 'détiendra' : 'détient'} ${after} des droits de vote de ${q(targetName)}${before ? ` (contre ${before} auparavant)` : ''}.`,
    );
    if (via) parts.push(`${q(targetName)} contrôle le partenaire ${q(P)} (${chainText(P, via, 'fr')}) : l'opération porte indirectement sur lui.`);
    if (inv.links.some((l) => l.foreign) && inv.links.length > 1) parts.push(`Chaîne de l'investisseur : ${foreignNames}.`);
    parts.push(`Déclencheur(s) de l'article R151-2 du CMF : ${trig.join(' ; ')}. Le partenaire ${q(P)} relève d'un domaine sensible : ${sens}.`);
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
      `${planned ? 'will hold' : 'holds'} ${after} of the voting rights of ${q(targetName)}${before ? ` (${before} before)` : ''}.`,
  );
  if (via) parts.push(`${q(targetName)} controls partner ${q(P)} (${chainText(P, via, 'en')}): the operation concerns it indirectly.`);
  if (inv.links.some((l) => l.foreign) && inv.links.length > 1) parts.push(`Investor's chain: ${foreignNames}.`);
  parts.push(`Trigger(s) of CMF art. R151-2: ${trig.join('; ')}. Partner ${q(P)} is in a sensitive domain: ${sens}.`);
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
