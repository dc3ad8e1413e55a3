import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { assertCanWriteDeclaration } from '../../shared/domain/access';
import { declarationSubmitSchema, DECLARATION_PARSE_PARAMS, submitErrors, type DeclarationDraft } from '../../shared/domain/declaration';
import { parisDate } from '../../shared/domain/calendar';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/domain/errors';
import { fieldError, zodIssuesToFieldErrors, type ProblemFieldError } from '../../shared/domain/validation';
import { getDeclarationVersion, submissionChange, submitDeclaration } from '../../shared/store/declarations';
import { getWorkflow, saveWorkflow } from '../../shared/store/workflow';
import { recordSubmission } from '../../shared/domain/workflow';
import { getDocuments } from '../../shared/store/documents';
import { loadDeclarationContext } from '../../shared/services/load-declaration';
import { afterChange } from '../../shared/services/after-change';
import * as api from '../../shared/api/routes/declarations';
import { msg } from '../../shared/domain/i18n/catalog';

/**
 * Submits the current version for review: the complete schema, the cross-field rules and the linked documents
 * are checked together, and every offending field path comes back at once (400). The version itself is not
 * changed; the head records the submission.
 */
export const submitDeclarationRoute: RouteHandler<typeof api.submitDeclaration> = async (req) => {
  const ctx = await loadDeclarationContext(req);
  assertCanWriteDeclaration(req.principal, ctx.orgId);
  if (!ctx.head) throw new NotFoundError(msg('declaration.nothingToSubmit'));
  if (ctx.head.status === 'submitted') throw new ConflictError(msg('declaration.alreadySubmittedSaveNew', { version: ctx.head.currentVersion }));
  const version = await getDeclarationVersion<DeclarationDraft>(ctx.header.project.id, ctx.orgId, ctx.head.currentVersion);
  if (!version) throw new NotFoundError(msg('declaration.currentVersionMissing'));
  const content = version.content;

  const errors = new Map<string, ProblemFieldError>();
  const add = (e: ProblemFieldError) => errors.has(e.path) || errors.set(e.path, e);
  const parsed = declarationSubmitSchema.safeParse(content, DECLARATION_PARSE_PARAMS);
  if (!parsed.success) zodIssuesToFieldErrors(parsed.error.issues).forEach(add);
  submitErrors(content, { projectOrgIds: ctx.header.members.map((m) => m.organizationId), organizationId: ctx.orgId, today: parisDate(new Date()) }).forEach(
    add,
  );

  // Linked documents must be confirmed uploads of this project and organization.
  const links = (content.background ?? []).flatMap((b, i) => (b.documentIds ?? []).map((id, j) => ({ id, path: ['background', i, 'documentIds', j] })));
  if (links.length) {
    const docs = await getDocuments(links.map((l) => l.id));
    for (const l of links) {
      const d = docs.get(l.id);
      if (!d || d.projectId !== ctx.header.project.id || d.organizationId !== ctx.orgId) add(fieldError(l.path, msg('declaration.documentNotOfOrganization')));
      else if (d.status !== 'available') add(fieldError(l.path, msg('declaration.documentNotAvailable', { status: msg(`document.status.${d.status}`) })));
    }
  }
  if (errors.size) {
    throw new ValidationError(msg('declaration.cannotSubmit', { count: errors.size }), { errors: [...errors.values()] });
  }
  // With a running workflow, the submission and the transition it causes are one transaction.
  const actor = actorOf(req.principal);
  const workflow = await getWorkflow(ctx.header.project.id);
  if (!workflow) {
    const head = await submitDeclaration(ctx.head, actor);
    await afterChange(req, { project: ctx.header.project });
    return { status: 200, body: head, version: head.currentVersion };
  }
  const now = new Date();
  const { next, write, audit } = submissionChange(ctx.head, actor, now);
  const { state, effects } = recordSubmission(workflow.state, ctx.orgId, ctx.head.currentHash, now, req.principal);
  await saveWorkflow(ctx.header.project, workflow, state, effects, actor, { writes: [write], audits: [audit] });
  await afterChange(req, { project: ctx.header.project, workflowEffects: effects });
  return { status: 200, body: next, version: next.currentVersion };
};

export const handler = httpHandler(api.submitDeclaration, submitDeclarationRoute);
