import type { Language } from '../common';
import type { PublicationNotice } from '../publication';
import { render, type Block, type Email } from './render';

/**
 * Emails of publication notices (docs/publications.md), one per representative in their language (French by
 * default): the notice to every other partner, a new manuscript version to the objectors whose clock restarts,
 * an objection to the publisher, and the clearance to the publisher. Titles and names are data, escaped in HTML.
 */
export interface Representative {
  email: string;
  name: string;
  language: Language;
}
export interface OrgContacts {
  legalName: string;
  representatives: readonly Representative[];
}
type Project = { id: string; acronym: string; title: string };

const link = (origin: string, p: Project, n: PublicationNotice) => `${origin}/projects/${p.id}/publications/${n.id}`;
const GROUNDS: Record<Language, Record<string, string>> = {
  fr: {
    'confidential-information': 'divulgation de ses informations confidentielles ou connaissances antérieures',
    'protection-first': 'un résultat doit d’abord être protégé',
  },
  en: { 'confidential-information': 'its confidential information or background is disclosed', 'protection-first': 'a result must be protected first' },
};

function each(orgs: readonly OrgContacts[], build: (r: Representative, lang: Language) => { subject: string; blocks: Block[] }): Email[] {
  return orgs.flatMap((o) =>
    o.representatives.map((r) => {
      const lang: Language = r.language === 'en' ? 'en' : 'fr';
      const { subject, blocks } = build(r, lang);
      return render([r.email], subject, blocks, lang);
    }),
  );
}

/** The notice, to each representative of every other partner, with the deadline. */
export function noticeEmails(p: Project, n: PublicationNotice, publisher: string, to: readonly OrgContacts[], origin: string): Email[] {
  const deadline = n.answers[0]?.deadline ?? n.noticeDate;
  return each(to, (r, lang) =>
    lang === 'fr'
      ? {
          subject: `[Vigie] ${p.acronym} — notification de publication : « ${n.title} » (objections jusqu'au ${deadline})`,
          blocks: [
            { kind: 'p', text: `Bonjour ${r.name},` },
            {
              kind: 'p',
              text: `${publisher} notifie au consortium ${p.acronym} (${p.title}) une publication prévue le ${n.plannedDate} : « ${n.title} » (${n.venue}), auteurs : ${n.authors.join(', ')}.${n.resultKeys.length ? ` Résultats divulgués : ${n.resultKeys.join(', ')}.` : ''}`,
            },
            {
              kind: 'p',
              text: `Vous pouvez vous y opposer, de manière motivée, jusqu'au ${deadline} inclus (minuit, heure de Paris) : divulgation de vos informations confidentielles, ou résultat à protéger d'abord. Faute de réponse dans ce délai, le silence vaut consentement (accord de consortium, § Publications).${n.late ? ` Notification tardive : elle est donnée ${n.daysBeforePublication} jours avant la publication, au lieu de ${n.terms.noticeDays}.` : ''}`,
            },
            { kind: 'link', text: 'Lire le manuscrit et répondre', href: link(origin, p, n) },
          ],
        }
      : {
          subject: `[Vigie] ${p.acronym} — publication notice: “${n.title}” (objections until ${deadline})`,
          blocks: [
            { kind: 'p', text: `Hello ${r.name},` },
            {
              kind: 'p',
              text: `${publisher} gives the ${p.acronym} consortium (${p.title}) notice of a publication planned on ${n.plannedDate}: “${n.title}” (${n.venue}), authors: ${n.authors.join(', ')}.${n.resultKeys.length ? ` Results disclosed: ${n.resultKeys.join(', ')}.` : ''}`,
            },
            {
              kind: 'p',
              text: `You may object, with reasons, until ${deadline} inclusive (midnight, Paris time): your confidential information is disclosed, or a result must be protected first. Without an answer by then, silence means consent (consortium agreement, § Publications).${n.late ? ` Late notice: given ${n.daysBeforePublication} days before the publication instead of ${n.terms.noticeDays}.` : ''}`,
            },
            { kind: 'link', text: 'Read the manuscript and answer', href: link(origin, p, n) },
          ],
        },
  );
}

/** A new manuscript version, to the objectors whose clock restarts. */
export function versionEmails(p: Project, n: PublicationNotice, publisher: string, to: readonly OrgContacts[], origin: string, deadline: string): Email[] {
  const v = n.manuscripts[n.manuscripts.length - 1]!.version;
  return each(to, (r, lang) =>
    lang === 'fr'
      ? {
          subject: `[Vigie] ${p.acronym} — nouvelle version du manuscrit « ${n.title} » (réponse jusqu'au ${deadline})`,
          blocks: [
            { kind: 'p', text: `Bonjour ${r.name},` },
            {
              kind: 'p',
              text: `${publisher} répond à votre objection par la version ${v} du manuscrit « ${n.title} ». Votre délai repart : répondez jusqu'au ${deadline} inclus (minuit, heure de Paris) ; le silence vaut consentement.`,
            },
            { kind: 'link', text: 'Lire la nouvelle version et répondre', href: link(origin, p, n) },
          ],
        }
      : {
          subject: `[Vigie] ${p.acronym} — new version of the manuscript “${n.title}” (answer by ${deadline})`,
          blocks: [
            { kind: 'p', text: `Hello ${r.name},` },
            {
              kind: 'p',
              text: `${publisher} answers your objection with version ${v} of the manuscript “${n.title}”. Your period restarts: answer by ${deadline} inclusive (midnight, Paris time); silence means consent.`,
            },
            { kind: 'link', text: 'Read the new version and answer', href: link(origin, p, n) },
          ],
        },
  );
}

/** An objection, to the publisher's representatives. */
export function objectionEmails(
  p: Project,
  n: PublicationNotice,
  objector: string,
  grounds: string,
  comment: string,
  delayUntil: string | null,
  to: OrgContacts,
  origin: string,
): Email[] {
  return each([to], (r, lang) =>
    lang === 'fr'
      ? {
          subject: `[Vigie] ${p.acronym} — objection à la publication « ${n.title} »`,
          blocks: [
            { kind: 'p', text: `Bonjour ${r.name},` },
            { kind: 'p', text: `${objector} s'oppose à la publication « ${n.title} » : ${GROUNDS.fr[grounds] ?? grounds}. Motifs : ${comment}` },
            {
              kind: 'p',
              text: delayUntil
                ? `La publication est différée jusqu'au ${delayUntil} au plus tard (dépôt du brevet), sauf retrait de l'objection.`
                : 'Une nouvelle version du manuscrit, retirant les informations en cause, ou le retrait de l’objection permet de publier.',
            },
            { kind: 'link', text: 'Voir la notification', href: link(origin, p, n) },
          ],
        }
      : {
          subject: `[Vigie] ${p.acronym} — objection to the publication “${n.title}”`,
          blocks: [
            { kind: 'p', text: `Hello ${r.name},` },
            { kind: 'p', text: `${objector} objects to the publication “${n.title}”: ${GROUNDS.en[grounds] ?? grounds}. Reasons: ${comment}` },
            {
              kind: 'p',
              text: delayUntil
                ? `The publication is postponed until ${delayUntil} at the latest (patent filing), unless the objection is withdrawn.`
                : 'A new version of the manuscript without the information concerned, or the withdrawal of the objection, allows publication.',
            },
            { kind: 'link', text: 'See the notice', href: link(origin, p, n) },
          ],
        },
  );
}

/** The clearance, to the publisher's representatives. */
export function clearedEmails(p: Project, n: PublicationNotice, to: OrgContacts, origin: string): Email[] {
  return each([to], (r, lang) =>
    lang === 'fr'
      ? {
          subject: `[Vigie] ${p.acronym} — publication autorisée : « ${n.title} »`,
          blocks: [
            { kind: 'p', text: `Bonjour ${r.name},` },
            {
              kind: 'p',
              text: `Tous les partenaires ont consenti (expressément ou par leur silence) à la publication « ${n.title} ». Elle peut avoir lieu à partir du ${n.earliestPublicationDate}.`,
            },
            { kind: 'link', text: 'Voir la notification', href: link(origin, p, n) },
          ],
        }
      : {
          subject: `[Vigie] ${p.acronym} — publication cleared: “${n.title}”`,
          blocks: [
            { kind: 'p', text: `Hello ${r.name},` },
            {
              kind: 'p',
              text: `Every partner consented (explicitly or by silence) to the publication “${n.title}”. It may take place from ${n.earliestPublicationDate}.`,
            },
            { kind: 'link', text: 'See the notice', href: link(origin, p, n) },
          ],
        },
  );
}
