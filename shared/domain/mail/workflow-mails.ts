import type { Organization } from '../organization';
import type { WorkflowEffect } from '../workflow';
import { render, type Block, type Email } from './render';

const T = {
  fr: {
    reopenedSubject: (a: string) => `[Vigie] ${a} : le dossier PI a changé, votre approbation est à renouveler`,
    reopened: (a: string, t: string) =>
      `Une déclaration du projet ${a} (« ${t} ») a été soumise à nouveau. Le dossier de propriété intellectuelle a changé : votre approbation précédente ne vaut plus et une nouvelle approbation vous est demandée.`,
    changesSubject: (a: string) => `[Vigie] ${a} : des modifications de votre déclaration sont demandées`,
    changes: (a: string, t: string) =>
      `Des modifications de votre déclaration de propriété intellectuelle sont demandées pour le projet ${a} (« ${t} »). Commentaire :`,
    open: 'Ouvrir le projet dans Vigie',
    readySubject: (a: string) => `[Vigie] ${a} : l'accord de consortium est prêt à signer`,
    ready: (a: string, t: string) =>
      `L'accord de consortium du projet ${a} (« ${t} ») a été établi à partir du dossier de propriété intellectuelle approuvé par le comité. Téléchargez-le, faites-le signer par votre représentant légal, puis déposez la copie signée dans Vigie.`,
    invalidatedSubject: (a: string) => `[Vigie] ${a} : l'accord en attente de signature est annulé`,
    invalidated: (a: string, t: string) =>
      `L'accord de consortium du projet ${a} (« ${t} ») qui attendait les signatures a été annulé : ne le signez pas. Une nouvelle version vous sera adressée. Motif :`,
    invalidatedNoReason: 'le dossier de propriété intellectuelle a changé depuis son établissement.',
    signedSubject: (a: string) => `[Vigie] ${a} : l'accord de consortium est signé par tous les partenaires`,
    signed: (a: string, t: string) =>
      `Tous les partenaires du projet ${a} (« ${t} ») ont signé l'accord de consortium. Le dossier de propriété intellectuelle est désormais verrouillé : les déclarations, les partenaires et les quotes-parts ne peuvent plus être modifiés.`,
    agreements: "Ouvrir l'accord dans Vigie",
  },
  en: {
    reopenedSubject: (a: string) => `[Vigie] ${a}: the IP file changed, please approve again`,
    reopened: (a: string, t: string) =>
      `A declaration of project ${a} ("${t}") was submitted again. The IP file changed: your previous approval no longer stands and a new approval is requested.`,
    changesSubject: (a: string) => `[Vigie] ${a}: changes to your declaration are requested`,
    changes: (a: string, t: string) => `Changes to your IP declaration are requested for project ${a} ("${t}"). Comment:`,
    open: 'Open the project in Vigie',
    readySubject: (a: string) => `[Vigie] ${a}: the consortium agreement is ready for signature`,
    ready: (a: string, t: string) =>
      `The consortium agreement of project ${a} ("${t}") was drawn up from the IP file the committee approved. Download it, have your legal representative sign it, then upload the signed copy to Vigie.`,
    invalidatedSubject: (a: string) => `[Vigie] ${a}: the agreement awaiting signature is withdrawn`,
    invalidated: (a: string, t: string) =>
      `The consortium agreement of project ${a} ("${t}") that awaited signatures was withdrawn: do not sign it. A new version will be sent to you. Reason:`,
    invalidatedNoReason: 'the IP file changed since it was drawn up.',
    signedSubject: (a: string) => `[Vigie] ${a}: every partner has signed the consortium agreement`,
    signed: (a: string, t: string) =>
      `Every partner of project ${a} ("${t}") has signed the consortium agreement. The IP file is now locked: declarations, partners and shares can no longer change.`,
    agreements: 'Open the agreement in Vigie',
  },
};

const commentOf = (effects: readonly WorkflowEffect[], stepId: string): string => {
  const decided = effects.find((x): x is Extract<WorkflowEffect, { type: 'step-decided' }> => x.type === 'step-decided' && x.stepId === stepId);
  return decided?.decision.comment ?? '';
};

type Mailed = Extract<
  WorkflowEffect,
  { type: 'approvals-reopened' | 'changes-requested' | 'agreement-recorded' | 'agreement-invalidated' | 'workflow-signed' }
>;
const MAILED: readonly WorkflowEffect['type'][] = ['approvals-reopened', 'changes-requested', 'agreement-recorded', 'agreement-invalidated', 'workflow-signed'];
const isMailed = (e: WorkflowEffect): e is Mailed => MAILED.includes(e.type);

/** The partner organizations a transition's effects call to email. */
export const mailedOrgIds = (effects: readonly WorkflowEffect[]): string[] => [...new Set(effects.filter(isMailed).flatMap((e) => e.orgIds))];

/** One email per partner organization concerned, to its legal representatives, in the first one's language. */
export function workflowEffectEmails(
  project: { id: string; acronym: string; title: string },
  effects: readonly WorkflowEffect[],
  orgs: ReadonlyMap<string, Organization>,
  webOrigin: string,
): Email[] {
  const out: Email[] = [];
  const link = `${webOrigin}/projects/${project.id}`;
  const agreementsLink = `${link}/agreements`;
  for (const e of effects.filter(isMailed)) {
    for (const orgId of e.orgIds) {
      const reps = orgs.get(orgId)?.representatives ?? [];
      if (!reps.length) continue;
      const lang = reps[0]!.language;
      const t = T[lang];
      const to = reps.map((r) => r.email);
      const [subject, blocks] = ((): [string, Block[]] => {
        switch (e.type) {
          case 'approvals-reopened':
            return [
              t.reopenedSubject(project.acronym),
              [
                { kind: 'p', text: t.reopened(project.acronym, project.title) },
                { kind: 'link', text: t.open, href: link },
              ],
            ];
          case 'changes-requested':
            return [
              t.changesSubject(project.acronym),
              [
                { kind: 'p', text: t.changes(project.acronym, project.title) },
                { kind: 'p', text: commentOf(effects, e.stepId) || reopenReason(effects) },
                { kind: 'link', text: t.open, href: link },
              ],
            ];
          case 'agreement-recorded':
            return [
              t.readySubject(project.acronym),
              [
                { kind: 'p', text: t.ready(project.acronym, project.title) },
                { kind: 'link', text: t.agreements, href: agreementsLink },
              ],
            ];
          case 'agreement-invalidated':
            return [
              t.invalidatedSubject(project.acronym),
              [
                { kind: 'p', text: t.invalidated(project.acronym, project.title) },
                { kind: 'p', text: e.reason || t.invalidatedNoReason },
                { kind: 'link', text: t.open, href: link },
              ],
            ];
          case 'workflow-signed':
            return [
              t.signedSubject(project.acronym),
              [
                { kind: 'p', text: t.signed(project.acronym, project.title) },
                { kind: 'link', text: t.agreements, href: agreementsLink },
              ],
            ];
        }
      })();
      out.push(render(to, subject, blocks, lang));
    }
  }
  return out;
}

/** A reopen's reason, carried by the agreement it invalidated (changes requested at reopen have no decision comment). */
const reopenReason = (effects: readonly WorkflowEffect[]): string =>
  effects.find((x): x is Extract<WorkflowEffect, { type: 'agreement-invalidated' }> => x.type === 'agreement-invalidated')?.reason ?? '';
