import type { Principal } from '../domain/access';
import type { Actor } from '../domain/audit';
import { DEFAULT_PUBLICATION_TERMS } from '../domain/agreement/model';
import type { DeclarationDraft } from '../domain/declaration';
import { ConflictError, PreconditionFailedError, ValidationError } from '../domain/errors';
import { msg } from '../domain/i18n/catalog';
import { clearedEmails, noticeEmails, objectionEmails, versionEmails, type OrgContacts } from '../domain/mail/publication-mails';
import type { Email } from '../domain/mail/render';
import { currentManuscript, daysLeft, noticeFor, remainingDays, settle, type PublicationNotice, type PublicationTerms } from '../domain/publication';
import { fieldError } from '../domain/validation';
import { latestAgreement } from '../store/agreements';
import { config } from '../store/config';
import { getDeclarationHead, getDeclarationVersion } from '../store/declarations';
import { getDocument } from '../store/documents';
import { sendEmail } from '../store/mail';
import { getOrganizations } from '../store/organizations';
import { getPublication, savePublication } from '../store/publications';
import { logger } from './logger';
import { reevaluateProject } from './reevaluate';

type ProjectRef = { id: string; acronym: string; title: string };

/** The clock itself: the actor of the audit events of a settlement (silence, end of a delay, clearance). */
export const CLOCK_ACTOR: Actor = { sub: 'system:publication-clock', role: 'system', org: null, email: null };

/**
 * The publication terms of the project's agreement: those of its latest generated version (`POST
 * /projects/{id}/agreements` with `publications`), else the DESCA defaults (45 / 30 / 90 days).
 */
export async function publicationTerms(projectId: string): Promise<PublicationTerms> {
  const agreement = await latestAgreement(projectId);
  return { ...DEFAULT_PUBLICATION_TERMS, ...(agreement?.publications ?? {}) };
}

/** The result keys of the partner's current declaration (draft or submitted). */
export async function declaredResultKeys(projectId: string, orgId: string): Promise<string[]> {
  const head = await getDeclarationHead(projectId, orgId);
  if (!head) return [];
  const v = await getDeclarationVersion<DeclarationDraft>(projectId, orgId, head.currentVersion);
  return (v?.content.results ?? []).flatMap((r) => (r.key ? [r.key] : []));
}

/** The manuscript must be an `available` document of this project (400 at `documentId` otherwise). */
export async function assertManuscript(projectId: string, documentId: string): Promise<void> {
  const doc = await getDocument(documentId);
  if (!doc || doc.projectId !== projectId || doc.status !== 'available') {
    throw new ValidationError(msg('validation.invalid', { what: msg('what.publication'), count: 1 }), {
      errors: [fieldError(['documentId'], msg('publication.documentUnavailable'))],
    });
  }
}

/** The API view: what the caller may see, with the days left at `now`. */
export function publicationView(p: Principal, n: PublicationNotice, now: Date) {
  const seen = noticeFor(p, n);
  const m = currentManuscript(n);
  return {
    ...seen,
    manuscriptVersion: m.version,
    documentId: m.documentId,
    remainingDays: daysLeft(n, now),
    answers: seen.answers.map((a) => ({ ...a, remainingDays: a.status === 'pending' ? remainingDays(a.deadline, now) : null })),
  };
}

export function publicationSummary(p: Principal, n: PublicationNotice, now: Date) {
  const { manuscripts: _m, history: _h, createdBy: _c, ...rest } = publicationView(p, n, now);
  return {
    ...rest,
    answers: rest.answers.map((a) => ({
      organizationId: a.organizationId,
      status: a.status,
      consent: a.consent,
      deadline: a.deadline,
      remainingDays: a.remainingDays,
    })),
  };
}

/**
 * Applies the clock to a notice read at `now` and records what it did (silence = consent, end of a filing delay,
 * clearance) with its audit events, under the notice's lock. Another request that settled it first wins: the
 * notice is then read again. The project's flags are re-evaluated when the notice was cleared, and the publisher
 * is told. Never waits for anyone: a GET or the daily job is enough.
 */
export async function settleNotice(project: ProjectRef, notice: PublicationNotice, now: Date): Promise<PublicationNotice> {
  let current = notice;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const t = settle(current, now);
    if (!t.added.length) return current;
    try {
      const saved = await savePublication(project, current, t.notice, t.added, CLOCK_ACTOR);
      if (saved.state === 'cleared') {
        await reevaluateProject(project.id, CLOCK_ACTOR, now);
        await notifyCleared(project, saved);
      }
      return saved;
    } catch (e) {
      if (!(e instanceof PreconditionFailedError || e instanceof ConflictError)) throw e;
      const again = await getPublication(project.id, notice.id);
      if (!again) return current;
      current = again;
    }
  }
  return current;
}

// ---------------------------------------------------------------------------------------------------------
// Emails (sent after the transaction; a failure is logged, the clock does not depend on them)

async function contacts(orgIds: readonly string[]): Promise<Map<string, OrgContacts>> {
  const orgs = await getOrganizations([...new Set(orgIds)]);
  return new Map(
    [...orgs].map(([id, o]) => [
      id,
      { legalName: o.legalName, representatives: o.representatives.map((r) => ({ email: r.email.toLowerCase(), name: r.name, language: r.language })) },
    ]),
  );
}

async function sendAll(emails: readonly Email[], projectId: string): Promise<void> {
  await Promise.all(
    emails.map((m) => sendEmail(m).catch((error: unknown) => logger.error('Publication email failed', { error: error as Error, to: m.to, projectId }))),
  );
}

export async function notifyNotice(project: ProjectRef, n: PublicationNotice): Promise<void> {
  const c = await contacts([n.organizationId, ...n.answers.map((a) => a.organizationId)]);
  const to = n.answers.flatMap((a) => (c.get(a.organizationId) ? [c.get(a.organizationId)!] : []));
  await sendAll(noticeEmails(project, n, c.get(n.organizationId)?.legalName ?? n.organizationId, to, config.webOrigin), project.id);
}

export async function notifyVersion(project: ProjectRef, n: PublicationNotice, restartedFor: readonly string[]): Promise<void> {
  if (!restartedFor.length) return;
  const c = await contacts([n.organizationId, ...restartedFor]);
  const to = restartedFor.flatMap((o) => (c.get(o) ? [c.get(o)!] : []));
  const deadline = n.answers.find((a) => a.organizationId === restartedFor[0])?.deadline ?? n.noticeDate;
  await sendAll(versionEmails(project, n, c.get(n.organizationId)?.legalName ?? n.organizationId, to, config.webOrigin, deadline), project.id);
}

export async function notifyObjection(project: ProjectRef, n: PublicationNotice, objectorId: string): Promise<void> {
  const a = n.answers.find((x) => x.organizationId === objectorId);
  if (!a?.objection) return;
  const c = await contacts([n.organizationId, objectorId]);
  const publisher = c.get(n.organizationId);
  if (!publisher) return;
  await sendAll(
    objectionEmails(
      project,
      n,
      c.get(objectorId)?.legalName ?? objectorId,
      a.objection.grounds,
      a.objection.comment,
      a.objection.delayUntil,
      publisher,
      config.webOrigin,
    ),
    project.id,
  );
}

export async function notifyCleared(project: ProjectRef, n: PublicationNotice): Promise<void> {
  const c = await contacts([n.organizationId]);
  const publisher = c.get(n.organizationId);
  if (publisher) await sendAll(clearedEmails(project, n, publisher, config.webOrigin), project.id);
}
