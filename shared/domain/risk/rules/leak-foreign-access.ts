import {
  criticalOf,
  defineRule,
  domainLabel,
  evidenceLink,
  foreignControllers,
  join,
  listSome,
  makeFinding,
  orgEvidence,
  quote,
  rightEvidence,
  rightText,
  subjectDomains,
  subjectEvidence,
  subjectText,
  sortedShares,
  uniqSorted,
  type ChainLink,
  type RiskContext,
} from '../context';
import { isEuEea } from '../../countries';
import type { Finding, Severity } from '../types';

/**
 * LEAK-FOREIGN-ACCESS (docs/reference/domain.md: the pôle's policy against IP leaking abroad; IEF-4 for the domains):
 * - an access right (either direction, one finding per declared right) whose beneficiary is a partner from
 *   outside the EU/EEA, on background or results in a critical-technology domain (the result's own domains,
 *   else the project's) → high for exploitation or exclusive rights, medium for non-exclusive execution rights;
 * - the same when the beneficiary is in the EU/EEA but controlled from outside it (CMF R151-1 chain) → medium;
 * - a result in a critical-technology domain with a co-ownership share held by such a partner → high (medium
 *   when only controlled from outside).
 */
export const META = {
  id: 'LEAK-FOREIGN-ACCESS',
  version: 1,
  title: { fr: 'Accès d\u2019un partenaire hors UE/EEE à une technologie critique', en: 'Non-EU/EEA partner access to a critical technology' },
  source: {
    fr: 'Politique du pôle (fuite de PI hors du territoire) ; arrêté du 31 déc. 2019 art. 6 (technologies critiques) ; CMF art. R151-1',
    en: 'Pôle policy (IP leaking abroad); order of 31 Dec 2019 art. 6 (critical technologies); CMF art. R151-1',
  },
} as const;

interface Outside {
  direct: boolean;
  controllers: ChainLink[];
}
/** Outside the EU/EEA by its own country, or controlled from outside (null when neither). */
function outside(ctx: RiskContext, orgId: string | undefined): Outside | null {
  if (!orgId || !ctx.isMember(orgId)) return null;
  const org = ctx.org(orgId);
  if (!org) return null;
  const direct = !isEuEea(org.country);
  const controllers = foreignControllers(ctx, orgId).filter((l) => l.nonEuEea);
  return direct || controllers.length ? { direct, controllers } : null;
}

function whoText(ctx: RiskContext, id: string, o: Outside, lang: 'fr' | 'en'): string {
  const org = ctx.org(id)!;
  const name = `${quote(org.legalName)[lang]} (${org.country})`;
  if (o.direct) return lang === 'fr' ? `${name}, établi hors UE/EEE` : `${name}, established outside the EU/EEA`;
  const by = listSome(
    o.controllers.map((l) => `${quote(l.name)[lang]} (${l.country})`),
    lang,
  );
  return lang === 'fr' ? `${name}, contrôlé depuis l'extérieur de l'UE/EEE par ${by}` : `${name}, controlled from outside the EU/EEA by ${by}`;
}

export const rule = defineRule(META, (ctx, meta) => {
  const out: Finding[] = [];
  const domainsText = (c: string[], lang: 'fr' | 'en') =>
    join(
      c.map((d) => domainLabel(d, lang)),
      lang,
    );

  for (const ar of ctx.accessRights) {
    if (!ar.beneficiaryId || ar.beneficiaryId === ar.grantorId) continue;
    const o = outside(ctx, ar.beneficiaryId);
    if (!o) continue;
    const critical = criticalOf(subjectDomains(ctx, ar.subject));
    if (!critical.length) continue;
    const severity: Severity = o.direct ? (ar.purpose === 'exploitation' || ar.exclusive ? 'high' : 'medium') : 'medium';
    const b = ar.beneficiaryId;
    out.push(
      makeFinding(meta, {
        severity,
        subject: { organizationId: ar.declaringOrgId, accessRightKey: ar.key },
        evidence: {
          accessRight: rightEvidence(ar),
          subject: subjectEvidence(ar.subject),
          beneficiary: orgEvidence(ctx, b),
          outsideEuEea: o.direct ? 'country' : 'control',
          controllers: o.controllers.map(evidenceLink),
          criticalDomains: critical,
        },
        explanation: {
          fr:
            `Le partenaire ${whoText(ctx, b, o, 'fr')}, bénéficie du ${rightText(ar, 'fr')} sur ${subjectText(ctx, ar.subject, 'fr')}, ` +
            `dans un domaine de technologie critique (${domainsText(critical, 'fr')} ; arrêté du 31 décembre 2019, art. 6, CMF art. R151-3 III). ` +
            `Risque de fuite de propriété intellectuelle hors de l'UE/EEE : limitez le domaine d'utilisation et le territoire, prévoyez des clauses de ` +
            `contrôle des exportations et de changement de contrôle, et vérifiez les conditions du financement public.`,
          en:
            `Partner ${whoText(ctx, b, o, 'en')}, benefits from ${rightText(ar, 'en')} on ${subjectText(ctx, ar.subject, 'en')}, ` +
            `in a critical-technology domain (${domainsText(critical, 'en')}; order of 31 December 2019 art. 6, CMF art. R151-3 III). ` +
            `Risk of IP leaking outside the EU/EEA: narrow the field of use and territory, add export-control and change-of-control clauses, ` +
            `and check the public-funding conditions.`,
        },
      }),
    );
  }

  for (const d of ctx.declaringOrgIds) {
    for (const r of ctx.results(d)) {
      if (!r.key) continue;
      const critical = criticalOf(r.technologyDomains?.length ? uniqSorted(r.technologyDomains) : ctx.projectDomains);
      if (!critical.length) continue;
      const holders = uniqSorted((r.ownership ?? []).map((s) => s.organizationId).filter((x): x is string => !!x));
      const outsiders = holders.map((id) => ({ id, o: outside(ctx, id) })).filter((x): x is { id: string; o: Outside } => x.o !== null);
      if (!outsiders.length) continue;
      const severity: Severity = outsiders.some((x) => x.o.direct) ? 'high' : 'medium';
      const title = r.title ? `${quote(r.title).fr} (${r.key})` : r.key;
      const titleEn = r.title ? `${quote(r.title).en} (${r.key})` : r.key;
      out.push(
        makeFinding(meta, {
          severity,
          subject: { organizationId: d, resultKey: r.key },
          evidence: {
            declaringOrganization: orgEvidence(ctx, d),
            result: { key: r.key, title: r.title, technologyDomains: uniqSorted(r.technologyDomains ?? []), ownership: sortedShares(r.ownership) },
            coOwners: outsiders.map((x) => ({
              ...orgEvidence(ctx, x.id),
              outsideEuEea: x.o.direct ? 'country' : 'control',
              controllers: x.o.controllers.map(evidenceLink),
            })),
            criticalDomains: critical,
          },
          explanation: {
            fr:
              `Le résultat ${title} déclaré par ${quote(ctx.orgName(d)).fr} serait en copropriété de ${join(
                outsiders.map((x) => whoText(ctx, x.id, x.o, 'fr')),
                'fr',
              )}, ` +
              `dans un domaine de technologie critique (${domainsText(critical, 'fr')} ; arrêté du 31 décembre 2019, art. 6). Chaque copropriétaire peut exploiter ` +
              `le résultat (CPI art. L613-29) : risque de fuite de propriété intellectuelle hors de l'UE/EEE. Envisagez une propriété par les partenaires de l'UE ` +
              `avec un droit d'accès encadré.`,
            en:
              `Result ${titleEn} declared by ${quote(ctx.orgName(d)).en} would be co-owned by ${join(
                outsiders.map((x) => whoText(ctx, x.id, x.o, 'en')),
                'en',
              )}, ` +
              `in a critical-technology domain (${domainsText(critical, 'en')}; order of 31 December 2019 art. 6). Each co-owner may exploit the result ` +
              `(French IP Code art. L613-29): risk of IP leaking outside the EU/EEA. Consider ownership by the EU partners with a framed access right.`,
          },
        }),
      );
    }
  }
  return out;
});
