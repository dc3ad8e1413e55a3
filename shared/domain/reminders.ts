import type { Language } from './common';
import { addCalendarDays, daysBetween } from './calendar';
import type { Assignee, StepKind } from './workflow';
import { render, type Block, type Email } from './mail/render';

/**
 * The daily reminder digest, pure: which open steps to chase (due within 2 days, due today, overdue), who the
 * people behind each step are, one digest per person, escalation of steps overdue by 3 days or more to the
 * legal staff. Tasks and reminders go to people, never to bare roles.
 */
export const REMIND_DAYS_BEFORE = 2;
/** A digest lists at most this many tasks (the most urgent first) and says how many more wait on the dashboard. */
export const MAX_TASKS_PER_DIGEST = 50;
export const ESCALATE_AFTER_DAYS = 3;

/** A workflow step, or an answer awaited on a publication notice (docs/publications.md). */
export type TaskKind = StepKind | 'publication-answer' | 'control-review';

export interface DueStep {
  projectId: string;
  projectAcronym: string;
  projectTitle: string;
  stepId: string;
  kind: TaskKind;
  /** For `publication-answer`: the notice. */
  publicationId?: string;
  /** For `control-review`: the review (docs/change-of-control.md). */
  controlReviewId?: string;
  /** For `control-review`: the partners concerned and, for an indirect change of control, the organization the operation is on. */
  partnerNames?: string[];
  operationOnName?: string | null;
  assignee: Assignee;
  dueDate: string;
}

export interface Person {
  email: string;
  name: string;
  language: Language;
}

export interface Directory {
  /** Active staff by role (legal, committee, lawyer). */
  staff: readonly (Person & { role: string })[];
  /** Legal representatives of partner organizations. */
  representatives: ReadonlyMap<string, readonly Person[]>;
}

export type TaskUrgency = 'overdue' | 'due-today' | 'due-soon';

export interface DigestTask {
  projectId: string;
  projectAcronym: string;
  projectTitle: string;
  stepId: string;
  kind: TaskKind;
  publicationId?: string;
  controlReviewId?: string;
  partnerNames?: string[];
  operationOnName?: string | null;
  dueDate: string;
  urgency: TaskUrgency;
  /** Days past the due date (0 if not overdue); days left as a negative number. */
  daysOverdue: number;
  /** Sent to this person because the step is overdue by 3+ days, not because it is theirs. */
  escalation: boolean;
}

export interface Digest {
  person: Person;
  tasks: DigestTask[];
}

export const reminderHorizon = (today: string) => addCalendarDays(today, REMIND_DAYS_BEFORE);

/** The people behind an assignee: a partner's representatives, a named person, or every active member of a staff role. */
export function peopleFor(a: Assignee, dir: Directory): Person[] {
  const byEmail = (email: string): Person => dir.staff.find((s) => s.email === email) ?? { email, name: email, language: 'fr' };
  if (a.role === 'partner') return [...(dir.representatives.get(a.orgId ?? '') ?? [])];
  if (a.email) return [byEmail(a.email)];
  return dir.staff.filter((s) => s.role === a.role);
}

/** One digest per person, tasks sorted by due date; people without tasks get none. Deterministic. */
export function planDigests(steps: readonly DueStep[], today: string, dir: Directory): Digest[] {
  const horizon = reminderHorizon(today);
  const digests = new Map<string, Digest>();
  const add = (person: Person, task: DigestTask) => {
    const key = person.email.toLowerCase();
    const d = digests.get(key) ?? { person: { ...person, email: key }, tasks: [] };
    if (!d.tasks.some((t) => t.projectId === task.projectId && t.stepId === task.stepId)) d.tasks.push(task);
    digests.set(key, d);
  };
  for (const s of steps) {
    if (s.dueDate > horizon) continue;
    const overdueBy = daysBetween(s.dueDate, today);
    const urgency: TaskUrgency = overdueBy > 0 ? 'overdue' : overdueBy === 0 ? 'due-today' : 'due-soon';
    const task: DigestTask = {
      projectId: s.projectId,
      projectAcronym: s.projectAcronym,
      projectTitle: s.projectTitle,
      stepId: s.stepId,
      kind: s.kind,
      ...(s.publicationId ? { publicationId: s.publicationId } : {}),
      ...(s.controlReviewId ? { controlReviewId: s.controlReviewId } : {}),
      ...(s.partnerNames?.length ? { partnerNames: s.partnerNames, operationOnName: s.operationOnName ?? null } : {}),
      dueDate: s.dueDate,
      urgency,
      daysOverdue: overdueBy,
      escalation: false,
    };
    for (const p of peopleFor(s.assignee, dir)) add(p, task);
    if (overdueBy >= ESCALATE_AFTER_DAYS) for (const p of dir.staff.filter((x) => x.role === 'legal')) add(p, { ...task, escalation: true });
  }
  return [...digests.values()]
    .map((d) => ({
      ...d,
      tasks: d.tasks.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.projectAcronym.localeCompare(b.projectAcronym) || a.stepId.localeCompare(b.stepId)),
    }))
    .sort((a, b) => a.person.email.localeCompare(b.person.email));
}

const STEP_LABELS: Record<Language, Record<TaskKind, string>> = {
  fr: {
    'publication-answer': 'Notification de publication : objection ou consentement (le silence vaut consentement)',
    'control-review': "Changement de contrôle d'un partenaire après signature : décision du comité",
    'partner-approval': 'Approbation du dossier PI par le partenaire',
    'legal-review': 'Revue juridique du pôle',
    'lawyer-opinion': "Avis de l'avocat PI",
    committee: "Décision du comité d'appui",
  },
  en: {
    'publication-answer': 'Publication notice: object or consent (silence means consent)',
    'control-review': "Change of control of a partner after signature: the committee's decision",
    'partner-approval': 'Partner approval of the IP file',
    'legal-review': 'Pôle legal review',
    'lawyer-opinion': 'IP lawyer opinion',
    committee: 'Support committee decision',
  },
};

function when(t: DigestTask, lang: Language): string {
  if (lang === 'fr') {
    if (t.urgency === 'overdue') return `en retard de ${t.daysOverdue} jour${t.daysOverdue > 1 ? 's' : ''} (échéance ${t.dueDate})`;
    if (t.urgency === 'due-today') return `échéance aujourd'hui (${t.dueDate})`;
    return `échéance le ${t.dueDate} (dans ${-t.daysOverdue} jour${-t.daysOverdue > 1 ? 's' : ''})`;
  }
  if (t.urgency === 'overdue') return `overdue by ${t.daysOverdue} day${t.daysOverdue > 1 ? 's' : ''} (due ${t.dueDate})`;
  if (t.urgency === 'due-today') return `due today (${t.dueDate})`;
  return `due ${t.dueDate} (in ${-t.daysOverdue} day${-t.daysOverdue > 1 ? 's' : ''})`;
}

/** A change-of-control review's partners ("de P", and "opération sur X, qui le contrôle" when indirect); empty otherwise. */
function reviewOf(t: DigestTask, lang: Language): string {
  const names = t.partnerNames;
  if (!names?.length) return '';
  const fr = lang === 'fr';
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} ${fr ? 'et' : 'and'} ${names[names.length - 1]}`;
  const on = t.operationOnName;
  if (!on) return ` (${list})`;
  const many = names.filter((n) => n !== on).length > 1;
  return fr
    ? ` (${list} : opération sur ${on}, qui ${many ? 'les' : 'le'} contrôle)`
    : ` (${list}: transaction on ${on}, which controls ${many ? 'them' : 'it'})`;
}

/** The digest email, in the person's language; project titles and names are data, escaped in HTML. */
export function digestEmail(d: Digest, today: string, webOrigin: string): Email {
  const lang = d.person.language;
  const overdue = d.tasks.filter((t) => t.urgency === 'overdue').length;
  const n = d.tasks.length;
  const subject =
    lang === 'fr'
      ? `[Vigie] ${n} tâche${n > 1 ? 's' : ''} en attente${overdue ? ` dont ${overdue} en retard` : ''} — ${today}`
      : `[Vigie] ${n} pending task${n > 1 ? 's' : ''}${overdue ? `, ${overdue} overdue` : ''} — ${today}`;
  const greeting = lang === 'fr' ? `Bonjour ${d.person.name},` : `Hello ${d.person.name},`;
  const intro = lang === 'fr' ? 'Voici les étapes qui attendent une décision :' : 'These steps are waiting for a decision:';
  const escalation = lang === 'fr' ? ' — escalade : étape en retard de 3 jours ou plus' : ' — escalation: step overdue by 3 days or more';
  const shown = d.tasks.slice(0, MAX_TASKS_PER_DIGEST);
  const more = d.tasks.length - shown.length;
  const items = shown.map((t) => ({
    text: `${t.projectAcronym} (${t.projectTitle}) — ${STEP_LABELS[lang][t.kind]}${reviewOf(t, lang)} — ${when(t, lang)}${t.escalation ? escalation : ''}`,
    // The task itself: the web app opens the project's workflow on this step (docs/web.md, "Email links").
    link: t.publicationId
      ? `${webOrigin}/projects/${t.projectId}/publications/${t.publicationId}`
      : t.controlReviewId
        ? `${webOrigin}/projects/${t.projectId}/control-reviews/${t.controlReviewId}`
        : `${webOrigin}/projects/${t.projectId}/workflow/steps/${encodeURIComponent(t.stepId)}`,
  }));
  const blocks: Block[] = [
    { kind: 'p', text: greeting },
    { kind: 'p', text: intro },
    { kind: 'list', items },
  ];
  if (more > 0) {
    blocks.push({
      kind: 'link',
      text:
        lang === 'fr'
          ? `… et ${more} autre${more > 1 ? 's' : ''} tâche${more > 1 ? 's' : ''} : voir toutes les tâches`
          : `… and ${more} more task${more > 1 ? 's' : ''}: see all tasks`,
      href: `${webOrigin}/me/tasks`,
    });
  }
  return render([d.person.email], subject, blocks, lang);
}
