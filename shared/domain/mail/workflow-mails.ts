import type { Organization } from '../organization';
import type { WorkflowEffect } from '../workflow';
import { render, type Email } from './render';

const T = {
  fr: {
    reopenedSubject: (a: string) => `[Vigie] ${a} : le dossier PI a changé, votre approbation est à renouveler`,
    reopened: (a: string, t: string) =>
      `Une déclaration du projet ${a} (« ${t} ») a été soumise à nouveau. Le dossier de propriété intellectuelle a changé : votre approbation précédente ne vaut plus et une nouvelle approbation vous est demandée.`,
    changesSubject: (a: string) => `[Vigie] ${a} : des modifications de votre déclaration sont demandées`,
    changes: (a: string, t: string) =>
      `Des modifications de votre déclaration de propriété intellectuelle sont demandées pour le projet ${a} (« ${t} »). Commentaire :`,
    open: 'Ouvrir le projet dans Vigie',
  },
  en: {
    reopenedSubject: (a: string) => `[Vigie] ${a}: the IP file changed, please approve again`,
    reopened: (a: string, t: string) =>
      `A declaration of project ${a} ("${t}") was submitted again. The IP file changed: your previous approval no longer stands and a new approval is requested.`,
    changesSubject: (a: string) => `[Vigie] ${a}: changes to your declaration are requested`,
    changes: (a: string, t: string) => `Changes to your IP declaration are requested for project ${a} ("${t}"). Comment:`,
    open: 'Open the project in Vigie',
  },
};

const commentOf = (effects: readonly WorkflowEffect[], stepId: string): string => {
  const decided = effects.find((x): x is Extract<WorkflowEffect, { type: 'step-decided' }> => x.type === 'step-decided' && x.stepId === stepId);
  return decided?.decision.comment ?? '';
};

/** One email per partner organization concerned, to its legal representatives, in the first one's language. */
export function workflowEffectEmails(
  project: { id: string; acronym: string; title: string },
  effects: readonly WorkflowEffect[],
  orgs: ReadonlyMap<string, Organization>,
  webOrigin: string,
): Email[] {
  const out: Email[] = [];
  const link = `${webOrigin}/projects/${project.id}`;
  for (const e of effects) {
    if (e.type !== 'approvals-reopened' && e.type !== 'changes-requested') continue;
    for (const orgId of e.orgIds) {
      const reps = orgs.get(orgId)?.representatives ?? [];
      if (!reps.length) continue;
      const lang = reps[0]!.language;
      const t = T[lang];
      const to = reps.map((r) => r.email);
      out.push(
        e.type === 'approvals-reopened'
          ? render(
              to,
              t.reopenedSubject(project.acronym),
              [
                { kind: 'p', text: t.reopened(project.acronym, project.title) },
                { kind: 'link', text: t.open, href: link },
              ],
              lang,
            )
          : render(
              to,
              t.changesSubject(project.acronym),
              [
                { kind: 'p', text: t.changes(project.acronym, project.title) },
                { kind: 'p', text: commentOf(effects, e.stepId) },
                { kind: 'link', text: t.open, href: link },
              ],
              lang,
            ),
      );
    }
  }
  return out;
}
