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
} from '../context';
import type { Finding } from '../types';
import { iefThresholdPct, screenShareholder } from '../control-chain';
import { L233_3_CLAUSE_REF, L233_3_TEXT, foreignByText, type L2333Clause } from '../control-law';

/**
 * IEF-FOREIGN-CONTROL (docs/reference/domain.md IEF-1, IEF-3, IEF-4): a French partner whose control chain contains a foreign
 * investor in the sense of CMF R151-1, in a sensitive domain.
 *
 * For each direct shareholder S of the partner P, the chain is walked up through the shareholders that are
 * organizations, following at each level the holders that control it (Code de commerce L233-3, control-law.ts:
 * I 1° more than 50 %, a declared `controlBasis` I 2°-4° or III, a bare `controlling` mark, or the presumption of
 * II — more than 40 % and no other shareholder holding more). Every link counts; a natural person is foreign by
 * nationality or, a French national, by a tax domicile abroad (R151-1 2°, `taxDomicileCountry`). Version 2: the
 * explanation names the clause of L233-3, the link that makes the investor foreign and why, the rule, article and
 * threshold (the evidence adds `controlClause` only for the clauses earlier versions could not see). Every link counts (R151-1: a French entity controlled by a
 * foreign person is itself foreign). A finding per (P, S) when:
 * - S controls P and the chain through S holds a foreign link (EU/EEA or not) — basis `control`; or
 * - S holds at least 25 % of P's voting rights (10 % when P is listed on a regulated market) and the chain
 *   through S holds a non-EU/EEA link — basis `threshold` (R151-2 3°, decree 2023-1293).
 * Severity: high when a non-EU/EEA link is involved, medium for an EU/EEA-only foreign control. IEF hold on P.
 * A cycle on a controlling (or above-threshold) chain without a foreign link is reported (medium, no hold): the
 * ultimate controller cannot be determined. Partners that are not French are out of scope (IEF screens
 * investments in French entities); the sensitivity test is in context.ts.
 */
export const META = {
  id: 'IEF-FOREIGN-CONTROL',
  version: 2,
  title: { fr: 'Partenaire sous contrôle étranger (IEF)', en: 'Partner under foreign control (IEF)' },
  source: {
    fr: 'CMF art. L151-3, R151-1 à R151-3 ; code de commerce art. L233-3 ; arrêté du 31 déc. 2019 art. 6',
    en: 'French Monetary and Financial Code (CMF) art. L151-3, R151-1 to R151-3; Commercial Code art. L233-3; order of 31 Dec 2019 art. 6',
  },
} as const;

export const rule = defineRule(META, (ctx, meta) => {
  const out: Finding[] = [];
  for (const pid of ctx.memberIds) {
    const org = ctx.org(pid);
    if (!org || org.country.toUpperCase() !== 'FR') continue;
    const sens = ctx.sensitivity(pid);
    if (!sens.sensitive) continue;
    const listed = org.listed === true;
    const threshold = iefThresholdPct(listed);
    for (const s of ctx.shareholders(pid)) {
      const screening = screenShareholder(ctx, pid, s, threshold);
      if (!screening) continue;
      const { control, clause, walk, foreign, nonEuEea: nonEu } = screening;
      const basis: string[] = [...screening.basis];
      const tops = distinctLinks(walk.paths.map((p) => p.slice(-1)));
      const evidence = {
        organization: orgEvidence(ctx, pid),
        shareholder: {
          name: s.name,
          country: s.country,
          votingRightsPct: s.votingRightsPct,
          organizationId: s.organizationId,
          controlling: s.controlling === true,
          naturalPerson: s.naturalPerson === true,
        },
        basis,
        threshold: { pct: threshold, listed },
        chains: walk.paths.map((p) => p.map(evidenceLink)),
        foreignInvestors: foreign.map(evidenceLink),
        ultimateControllers: control ? tops.map(evidenceLink) : [],
        cycles: walk.cycles,
        unresolved: walk.unresolved,
        truncated: walk.truncated,
        sensitivity: sensitivityEvidence(sens),
        ...(clause && clause !== 'I-1' && clause !== 'I' && control && basis.includes('control') ? { controlClause: clause } : {}),
      };
      const subject = { organizationId: pid, shareholderName: s.name };
      const P = org.legalName;
      if (basis.length) {
        out.push(
          makeFinding(meta, {
            severity: nonEu.length ? 'high' : 'medium',
            subject,
            holds: { kind: 'ief', organizationId: pid },
            evidence,
            explanation: {
              fr: foreignText('fr', P, s, basis, clause, foreign, walk.paths, threshold, sensitivityText(sens, 'fr')),
              en: foreignText('en', P, s, basis, clause, foreign, walk.paths, threshold, sensitivityText(sens, 'en')),
            },
          }),
        );
      } else if (walk.cycles.length) {
        const cyc = (lang: 'fr' | 'en') => walk.cycles.map((c) => c.map((id) => quote(ctx.orgName(id))[lang]).join(' → ')).join(' ; ');
        out.push(
          makeFinding(meta, {
            severity: 'medium',
            subject,
            evidence,
            explanation: {
              fr:
                `La chaîne d'actionnariat de ${quote(P).fr} passant par ${quote(s.name).fr} forme un cycle (${cyc('fr')}) : ` +
                `le contrôlant ultime ne peut pas être déterminé (code de commerce, art. L233-3). Le projet relève d'un domaine sensible ` +
                `(${sensitivityText(sens, 'fr')}) : vérifiez les participations pour savoir si un investisseur étranger au sens de ` +
                `l'article R151-1 du code monétaire et financier contrôle ce partenaire.`,
              en:
                `The shareholding chain of ${quote(P).en} through ${quote(s.name).en} forms a cycle (${cyc('en')}): ` +
                `the ultimate controller cannot be determined (Commercial Code art. L233-3). The project is in a sensitive domain ` +
                `(${sensitivityText(sens, 'en')}): check the holdings to know whether a foreign investor in the sense of ` +
                `CMF art. R151-1 controls this partner.`,
            },
          }),
        );
      }
    }
  }
  return out;
});

function foreignText(
  lang: 'fr' | 'en',
  P: string,
  s: { name: string; country: string; votingRightsPct: number },
  basis: string[],
  clause: L2333Clause | null,
  foreign: ChainLink[],
  paths: ChainLink[][],
  threshold: number,
  sens: string,
): string {
  const q = (x: string) => quote(x)[lang];
  const direct = paths.some((p) => p[0]?.foreign === true);
  const investors = listSome(
    foreign.map(
      (l) =>
        `${q(l.name)} (${foreignByText({ foreign: true, nonEuEea: l.nonEuEea, foreignBy: l.foreignBy, taxDomicileCountry: l.taxDomicileCountry ?? null }, l.country, lang)}` +
        `${l.nonEuEea ? (lang === 'fr' ? ', hors UE/EEE' : ', outside the EU/EEA') : lang === 'fr' ? ', UE/EEE' : ', EU/EEA'})`,
    ),
    lang,
  );
  const thr = pctText(threshold)[lang];
  const ctl = clause ? L233_3_TEXT[clause][lang] : '';
  const viaControl = basis.includes('control');
  const ruleLine =
    lang === 'fr'
      ? `Règle IEF-FOREIGN-CONTROL (v${META.version}) : CMF art. R151-1 (investisseur étranger, chaque lien de la chaîne compte) et R151-2 ; ${viaControl ? `contrôle au sens de l'article L233-3 du code de commerce (${L233_3_CLAUSE_REF[clause!]})` : `seuil appliqué : ${thr} des droits de vote (investisseurs hors UE/EEE)`}.`
      : `Rule IEF-FOREIGN-CONTROL (v${META.version}): CMF art. R151-1 (foreign investor, every link of the chain counts) and R151-2; ${viaControl ? `control in the sense of Commercial Code art. L233-3 (${L233_3_CLAUSE_REF[clause!]})` : `threshold applied: ${thr} of the voting rights (investors from outside the EU/EEA)`}.`;
  const chains = listSome(
    paths.map((p) => chainText(P, p, lang)),
    lang,
    2,
  );
  const pct = pctText(s.votingRightsPct)[lang];
  if (lang === 'fr') {
    const why: string[] = [];
    if (basis.includes('control'))
      why.push(
        `est contrôlé par ${q(s.name)} — ${ctl} —${direct ? ', investisseur étranger' : ', dont la chaîne de contrôle comprend un investisseur étranger'}`,
      );
    if (basis.includes('threshold') && !basis.includes('control'))
      why.push(
        `a pour actionnaire ${q(s.name)} à ${pct} des droits de vote, au-delà du seuil de ${thr} de l'article R151-2 du CMF applicable aux investisseurs hors UE/EEE`,
      );
    return (
      `Le partenaire ${q(P)} ${why.join(', et ')}. Ce qui rend l'investisseur étranger au sens de l'article R151-1 du code monétaire et financier (CMF) : ${investors}. ` +
      `Chaîne : ${chains}. Le projet relève d'un domaine sensible : ${sens}. ${ruleLine} ` +
      `Toute nouvelle prise de contrôle ou tout franchissement de seuil par un investisseur étranger exige l'autorisation préalable du ministre de l'économie ` +
      `(CMF art. L151-3 ; instruction de 30 puis 45 jours ouvrés, le silence vaut refus, art. R151-6). ` +
      `Tant que ce signalement est ouvert, toute licence exclusive, cession ou tout transfert de résultats à ce partenaire est suspendu.`
    );
  }
  const why: string[] = [];
  if (basis.includes('control'))
    why.push(
      `is controlled (Commercial Code art. L233-3) by ${q(s.name)}${direct ? ', a foreign investor' : ', whose control chain includes a foreign investor'}`,
    );
  if (basis.includes('threshold') && !basis.includes('control'))
    why.push(
      `has ${q(s.name)} as a shareholder with ${pct} of the voting rights, above the ${thr} threshold of CMF art. R151-2 for investors from outside the EU/EEA`,
    );
  return (
    `Partner ${q(P)} ${why.join(', and ')}. What makes the investor foreign in the sense of French Monetary and Financial Code (CMF) art. R151-1: ${investors}. ` +
    `Chain: ${chains}. The project is in a sensitive domain: ${sens}. ${ruleLine} ` +
    `Any further acquisition of control or threshold crossing by a foreign investor needs the prior authorisation of the Minister for the Economy ` +
    `(CMF art. L151-3; review of 30 then 45 working days, silence means refusal, art. R151-6). ` +
    `While this flag is open, any exclusive licence, assignment or transfer of results to this partner is held.`
  );
}
