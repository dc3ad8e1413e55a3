import { isEu } from '../../countries';
import {
  defineRule,
  isAnnexICategory,
  join,
  makeFinding,
  orgEvidence,
  quote,
  rightEvidence,
  rightText,
  subjectDomains,
  subjectEvidence,
  subjectText,
  uniqSorted,
  type RiskContext,
} from '../context';
import type { Finding } from '../types';

/**
 * DUAL-USE (docs/reference/domain.md D-1, D-2, D-4, D-5): making controlled technology available to a person outside the EU is
 * an export (Reg. (EU) 2021/821 art. 2(2)(d)) that needs a licence (art. 3).
 * - An access right whose beneficiary is a partner established outside the EU on a background item with an
 *   Annex I category (`exportControl.category` 0–9) → high.
 * - A background item with an Annex I category co-owned by a partner established outside the EU → high.
 * - French order of 2 Feb 2024 (quantum items, advanced semiconductor equipment to third countries): a
 *   result in the quantum or semiconductors domain (its own domains, else the project's) made available to a
 *   partner outside the EU (access right or co-ownership) → medium (check the national list); for an Annex I
 *   background item of category 3 or 4 in such a project the order is cited in the same finding.
 * "Outside the EU" is the country of the partner (the EU customs territory; EEA states are outside it).
 * Items stated `none` are trusted (public-domain and basic-research information are decontrolled, D-3).
 */
export const META = {
  id: 'DUAL-USE',
  version: 1,
  title: { fr: 'Exportation de biens à double usage', en: 'Export of dual-use items' },
  source: {
    fr: 'Règlement (UE) 2021/821, art. 2(2)(d), art. 3, art. 27(3) et annexe I ; arrêté du 2 février 2024 (technologies quantiques et semi-conducteurs avancés)',
    en: 'Regulation (EU) 2021/821 art. 2(2)(d), art. 3, art. 27(3) and Annex I; French order of 2 February 2024 (quantum and advanced semiconductor items)',
  },
} as const;

export const FRENCH_ORDER_2024_DOMAINS: readonly string[] = ['quantum', 'semiconductors'];
const ORDER_2024_CATEGORIES = ['3', '4'];

const nonEuPartner = (ctx: RiskContext, id: string | undefined): boolean => {
  if (!id || !ctx.isMember(id)) return false;
  const o = ctx.org(id);
  return !!o && !isEu(o.country);
};
const who = (ctx: RiskContext, id: string, lang: 'fr' | 'en') => `${quote(ctx.orgName(id))[lang]} (${ctx.org(id)?.country ?? '?'})`;

const EXPORT_FR =
  'Une telle mise à disposition, y compris par voie électronique ou orale, est une exportation (règlement (UE) 2021/821, art. 2(2)(d)) soumise à licence (art. 3) : ' +
  "obtenez l'autorisation du service des biens à double usage (SBDU) avant tout transfert, sauf informations du domaine public ou de recherche scientifique fondamentale, " +
  'et conservez les registres au moins 5 ans (art. 27(3)).';
const EXPORT_EN =
  'Making it available, even electronically or orally, is an export (Regulation (EU) 2021/821 art. 2(2)(d)) that needs a licence (art. 3): ' +
  'obtain the authorisation of the French dual-use licensing office (SBDU) before any transfer, unless the information is public-domain or basic scientific research, ' +
  'and keep the records for at least 5 years (art. 27(3)).';
const ORDER_FR =
  "L'arrêté du 2 février 2024 soumet en outre à autorisation l'exportation vers les pays tiers de biens et technologies quantiques et d'équipements de semi-conducteurs avancés : vérifiez si l'objet en relève.";
const ORDER_EN =
  'The French order of 2 February 2024 also requires an authorisation to export quantum items and technology and advanced semiconductor equipment to third countries: check whether this one is covered.';

export const rule = defineRule(META, (ctx, meta) => {
  const out: Finding[] = [];
  const order2024Project = ctx.projectDomains.filter((d) => FRENCH_ORDER_2024_DOMAINS.includes(d));

  // Access rights.
  for (const ar of ctx.accessRights) {
    const b = ar.beneficiaryId;
    if (!b || b === ar.grantorId || !nonEuPartner(ctx, b)) continue;
    const s = ar.subject;
    if (s?.kind === 'background') {
      const cat = s.item?.exportControl?.category;
      if (!isAnnexICategory(cat)) continue;
      const entry = s.item?.exportControl && 'annexIEntry' in s.item.exportControl ? s.item.exportControl.annexIEntry : undefined;
      const order2024 = order2024Project.length > 0 && ORDER_2024_CATEGORIES.includes(cat);
      out.push(
        makeFinding(meta, {
          severity: 'high',
          subject: { organizationId: ar.declaringOrgId, accessRightKey: ar.key },
          evidence: {
            basis: 'annex-i',
            accessRight: rightEvidence(ar),
            subject: subjectEvidence(s),
            beneficiary: orgEvidence(ctx, b),
            annexICategory: cat,
            annexIEntry: entry,
            frenchOrder2024: order2024 ? order2024Project : null,
          },
          explanation: {
            fr:
              `${cap(subjectText(ctx, s, 'fr'))} relève de la catégorie ${cat}${entry ? ` (${entry})` : ''} de l'annexe I du règlement (UE) 2021/821 ; ` +
              `le ${rightText(ar, 'fr')} la met à disposition de ${who(ctx, b, 'fr')}, établi hors de l'Union européenne. ${EXPORT_FR}` +
              (order2024 ? ` ${ORDER_FR}` : ''),
            en:
              `${cap(subjectText(ctx, s, 'en'))} falls under category ${cat}${entry ? ` (${entry})` : ''} of Annex I to Regulation (EU) 2021/821; ` +
              `${rightText(ar, 'en')} makes it available to ${who(ctx, b, 'en')}, established outside the European Union. ${EXPORT_EN}` +
              (order2024 ? ` ${ORDER_EN}` : ''),
          },
        }),
      );
    } else if (s?.kind === 'result') {
      const domains = subjectDomains(ctx, s).filter((d) => FRENCH_ORDER_2024_DOMAINS.includes(d));
      if (!domains.length) continue;
      out.push(
        makeFinding(meta, {
          severity: 'medium',
          subject: { organizationId: ar.declaringOrgId, accessRightKey: ar.key },
          evidence: { basis: 'french-order-2024', accessRight: rightEvidence(ar), subject: subjectEvidence(s), beneficiary: orgEvidence(ctx, b), domains },
          explanation: {
            fr: `Le ${rightText(ar, 'fr')} met ${subjectText(ctx, s, 'fr')} (${join(domains, 'fr')}) à disposition de ${who(ctx, b, 'fr')}, établi hors de l'Union européenne. ${ORDER_FR} ${EXPORT_FR}`,
            en: `${cap(rightText(ar, 'en'))} makes ${subjectText(ctx, s, 'en')} (${join(domains, 'en')}) available to ${who(ctx, b, 'en')}, established outside the European Union. ${ORDER_EN} ${EXPORT_EN}`,
          },
        }),
      );
    }
  }

  for (const d of ctx.declaringOrgIds) {
    // Annex I background co-owned by a partner outside the EU.
    for (const item of ctx.backgroundItems(d)) {
      const cat = item.exportControl?.category;
      if (!item.key || !isAnnexICategory(cat)) continue;
      const owners = uniqSorted(
        (item.owners ?? []).flatMap((o) => ('organizationId' in o && o.organizationId !== d && nonEuPartner(ctx, o.organizationId) ? [o.organizationId] : [])),
      );
      if (!owners.length) continue;
      const entry = item.exportControl && 'annexIEntry' in item.exportControl ? item.exportControl.annexIEntry : undefined;
      const t = (lang: 'fr' | 'en') => `${item.title ? `${quote(item.title)[lang]} (${item.key})` : item.key}`;
      out.push(
        makeFinding(meta, {
          severity: 'high',
          subject: { organizationId: d, itemKey: item.key },
          evidence: {
            basis: 'annex-i-co-ownership',
            declaringOrganization: orgEvidence(ctx, d),
            item: { key: item.key, title: item.title, type: item.type, exportControl: item.exportControl },
            coOwners: owners.map((id) => orgEvidence(ctx, id)),
          },
          explanation: {
            fr:
              `La connaissance antérieure ${t('fr')} de ${quote(ctx.orgName(d)).fr} relève de la catégorie ${cat}${entry ? ` (${entry})` : ''} de l'annexe I du règlement (UE) 2021/821 ` +
              `et est en copropriété de ${join(
                owners.map((id) => who(ctx, id, 'fr')),
                'fr',
              )}, établi(s) hors de l'Union européenne. ${EXPORT_FR}`,
            en:
              `Background item ${t('en')} of ${quote(ctx.orgName(d)).en} falls under category ${cat}${entry ? ` (${entry})` : ''} of Annex I to Regulation (EU) 2021/821 ` +
              `and is co-owned by ${join(
                owners.map((id) => who(ctx, id, 'en')),
                'en',
              )}, established outside the European Union. ${EXPORT_EN}`,
          },
        }),
      );
    }
    // Quantum / semiconductor results co-owned by a partner outside the EU (French order of 2 Feb 2024).
    for (const r of ctx.results(d)) {
      if (!r.key) continue;
      const domains = (r.technologyDomains?.length ? uniqSorted(r.technologyDomains) : [...ctx.projectDomains]).filter((x) =>
        FRENCH_ORDER_2024_DOMAINS.includes(x),
      );
      if (!domains.length) continue;
      const owners = uniqSorted((r.ownership ?? []).flatMap((s) => (s.organizationId && nonEuPartner(ctx, s.organizationId) ? [s.organizationId] : [])));
      if (!owners.length) continue;
      const t = (lang: 'fr' | 'en') => `${r.title ? `${quote(r.title)[lang]} (${r.key})` : r.key}`;
      out.push(
        makeFinding(meta, {
          severity: 'medium',
          subject: { organizationId: d, resultKey: r.key },
          evidence: {
            basis: 'french-order-2024-co-ownership',
            declaringOrganization: orgEvidence(ctx, d),
            result: { key: r.key, title: r.title, technologyDomains: uniqSorted(r.technologyDomains ?? []) },
            coOwners: owners.map((id) => orgEvidence(ctx, id)),
            domains,
          },
          explanation: {
            fr: `Le résultat ${t('fr')} déclaré par ${quote(ctx.orgName(d)).fr} (${join(domains, 'fr')}) serait en copropriété de ${join(
              owners.map((id) => who(ctx, id, 'fr')),
              'fr',
            )}, établi(s) hors de l'Union européenne. ${ORDER_FR} ${EXPORT_FR}`,
            en: `Result ${t('en')} declared by ${quote(ctx.orgName(d)).en} (${join(domains, 'en')}) would be co-owned by ${join(
              owners.map((id) => who(ctx, id, 'en')),
              'en',
            )}, established outside the European Union. ${ORDER_EN} ${EXPORT_EN}`,
          },
        }),
      );
    }
  }
  return out;
});

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
