import { isFrance } from '../../countries';
import {
  defineRule,
  join,
  makeFinding,
  orgEvidence,
  quote,
  rightEvidence,
  rightText,
  subjectEvidence,
  subjectText,
  sortedShares,
  uniqSorted,
  type ResolvedSubject,
  type RiskContext,
} from '../context';
import type { Finding } from '../types';

/**
 * ZRR-ACCESS (docs/reference/domain.md P-1, P-3, P-5): a ZRR lab's items accessed by a foreign partner, or a foreign
 * partner's staff working in the ZRR.
 * - ZRR items: background items marked `fromZrr`, and every background item and result declared by a partner
 *   whose organization is `zrr` (or a result with a co-ownership share of a `zrr` partner).
 * - Foreign partner: a member organization whose country is not France (PPST applies whatever the nationality
 *   within the EU).
 * - An access right whose beneficiary is a foreign partner on a ZRR item → high. The declaration model has no
 *   field for staff presence: an access right **for execution** on a ZRR item is read as the partner's staff
 *   working with the item in the ZRR, and the explanation says so.
 * - A ZRR result co-owned by a foreign partner → high.
 * The explanation gives the clocks in force since 1 Jan 2025 (decree 2024-430): 2 months of ministerial silence
 * = unfavourable opinion, 3 months of the head of establishment's silence = refusal.
 */
export const META = {
  id: 'ZRR-ACCESS',
  version: 1,
  title: { fr: 'Accès étranger à une zone à régime restrictif (ZRR)', en: 'Foreign access to a restricted-regime zone (ZRR)' },
  source: {
    fr: 'Code pénal art. 413-7 et R413-5-1 ; décret 2011-1425 ; arrêté du 3 juillet 2012 ; décret 2024-430',
    en: 'French Penal Code art. 413-7 and R413-5-1; decree 2011-1425; order of 3 July 2012; decree 2024-430',
  },
} as const;

const CLOCKS_FR =
  "Chaque accès suppose l'autorisation du chef d'établissement, après avis du ministre concerné (code pénal, art. R413-5-1 ; décret 2011-1425). " +
  "Depuis le 1er janvier 2025 (décret 2024-430) : 2 mois de silence du ministre valent avis défavorable et 3 mois de silence du chef d'établissement valent refus ; " +
  "l'accord prévu avec une entité étrangère impliquant des activités en ZRR doit être notifié aux ministères. Engagez la demande avant la signature.";
const CLOCKS_EN =
  'Each access needs the authorisation of the head of establishment, after the opinion of the minister concerned (Penal Code art. R413-5-1; decree 2011-1425). ' +
  "Since 1 January 2025 (decree 2024-430): 2 months of ministerial silence mean an unfavourable opinion and 3 months of the head's silence mean refusal; " +
  'a planned agreement with a foreign entity involving ZRR activities must be notified to the ministries. Start the request before signature.';

const foreignPartner = (ctx: RiskContext, id: string | undefined): boolean => {
  if (!id || !ctx.isMember(id)) return false;
  const o = ctx.org(id);
  return !!o && !isFrance(o.country);
};
const zrrOrg = (ctx: RiskContext, id: string) => ctx.org(id)?.zrr === true;

/** Why an item is a ZRR item (null when it is not). */
function zrrReason(ctx: RiskContext, s: ResolvedSubject | undefined): { labs: string[]; fromZrr: boolean } | null {
  if (!s) return null;
  if (s.kind === 'background') {
    const fromZrr = s.item?.fromZrr === true;
    const labs = zrrOrg(ctx, s.ownerOrgId) ? [s.ownerOrgId] : [];
    return fromZrr || labs.length ? { labs, fromZrr } : null;
  }
  const labs = uniqSorted([s.ownerOrgId, ...(s.result?.ownership ?? []).map((o) => o.organizationId ?? '')].filter((id) => id && zrrOrg(ctx, id)));
  return labs.length ? { labs, fromZrr: false } : null;
}

export const rule = defineRule(META, (ctx, meta) => {
  const out: Finding[] = [];
  const who = (id: string, lang: 'fr' | 'en') => `${quote(ctx.orgName(id))[lang]} (${ctx.org(id)?.country ?? '?'})`;
  const labsText = (labs: string[], lang: 'fr' | 'en') =>
    join(
      labs.map((id) => quote(ctx.orgName(id))[lang]),
      lang,
    );

  for (const ar of ctx.accessRights) {
    const b = ar.beneficiaryId;
    if (!b || b === ar.grantorId || !foreignPartner(ctx, b)) continue;
    const why = zrrReason(ctx, ar.subject);
    if (!why) continue;
    const staff = ar.purpose === 'execution';
    const where = (lang: 'fr' | 'en') =>
      why.labs.length
        ? lang === 'fr'
          ? `de la ZRR de ${labsText(why.labs, 'fr')}`
          : `of the ZRR of ${labsText(why.labs, 'en')}`
        : lang === 'fr'
          ? 'issu d\u2019une ZRR'
          : 'coming from a ZRR';
    out.push(
      makeFinding(meta, {
        severity: 'high',
        subject: { organizationId: ar.declaringOrgId, accessRightKey: ar.key },
        evidence: {
          accessRight: rightEvidence(ar),
          subject: subjectEvidence(ar.subject),
          beneficiary: orgEvidence(ctx, b),
          zrrLabs: why.labs.map((id) => orgEvidence(ctx, id)),
          itemFromZrr: why.fromZrr,
          staffPresenceDerived: staff,
        },
        explanation: {
          fr:
            `Le partenaire étranger ${who(b, 'fr')} bénéficie du ${rightText(ar, 'fr')} sur ${subjectText(ctx, ar.subject, 'fr')}, objet ${where('fr')} ` +
            `(protection du potentiel scientifique et technique de la nation, code pénal art. 413-7). ` +
            (staff
              ? `Le modèle de déclaration ne dit pas où travaille le personnel : un droit d'accès pour l'exécution est lu comme la présence de personnel de ce partenaire dans la ZRR. `
              : '') +
            CLOCKS_FR,
          en:
            `Foreign partner ${who(b, 'en')} benefits from ${rightText(ar, 'en')} on ${subjectText(ctx, ar.subject, 'en')}, an item ${where('en')} ` +
            `(protection of the nation's scientific and technical potential, Penal Code art. 413-7). ` +
            (staff
              ? `The declaration model does not say where staff work: an access right for execution is read as this partner's staff working in the ZRR. `
              : '') +
            CLOCKS_EN,
        },
      }),
    );
  }

  for (const d of ctx.declaringOrgIds) {
    for (const r of ctx.results(d)) {
      if (!r.key) continue;
      const why = zrrReason(ctx, { kind: 'result', ownerOrgId: d, resultKey: r.key, result: r });
      if (!why) continue;
      const foreign = uniqSorted((r.ownership ?? []).flatMap((s) => (s.organizationId && foreignPartner(ctx, s.organizationId) ? [s.organizationId] : [])));
      if (!foreign.length) continue;
      const t = (lang: 'fr' | 'en') => `${r.title ? `${quote(r.title)[lang]} (${r.key})` : r.key}`;
      out.push(
        makeFinding(meta, {
          severity: 'high',
          subject: { organizationId: d, resultKey: r.key },
          evidence: {
            declaringOrganization: orgEvidence(ctx, d),
            result: { key: r.key, title: r.title, ownership: sortedShares(r.ownership) },
            zrrLabs: why.labs.map((id) => orgEvidence(ctx, id)),
            foreignCoOwners: foreign.map((id) => orgEvidence(ctx, id)),
          },
          explanation: {
            fr:
              `Le résultat ${t('fr')}, issu de la ZRR de ${labsText(why.labs, 'fr')}, serait en copropriété du (des) partenaire(s) étranger(s) ` +
              `${join(
                foreign.map((id) => who(id, 'fr')),
                'fr',
              )} (code pénal art. 413-7). ${CLOCKS_FR}`,
            en:
              `Result ${t('en')}, coming from the ZRR of ${labsText(why.labs, 'en')}, would be co-owned by foreign partner(s) ` +
              `${join(
                foreign.map((id) => who(id, 'en')),
                'en',
              )} (Penal Code art. 413-7). ${CLOCKS_EN}`,
          },
        }),
      );
    }
  }
  return out;
});
