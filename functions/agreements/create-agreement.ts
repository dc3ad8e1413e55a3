import { httpHandler, type RouteHandler } from '../http/http-handler';
import { runIdempotent } from '../http/idempotency';
import { actorOf } from '../../shared/domain/audit';
import { agreementIdOf, type AgreementRecord } from '../../shared/domain/agreement-records';
import { recordAgreementGenerated } from '../../shared/domain/workflow';
import { afterChange } from '../../shared/services/after-change';
import { approvedIpFile, buildModel, nextVersion, renderAndStore } from '../../shared/services/agreements';
import { loadWorkflow } from '../../shared/services/load-workflow';
import { recordAgreement } from '../../shared/store/agreements';
import * as api from '../../shared/api/routes/agreements';

/**
 * Generates version n of the consortium agreement from the approved IP file (docs/agreements.md): only at the
 * agreement or signatures stage, only while the IP file is the one the committee approved (409 otherwise). The
 * PDF and the model are stored write-once first; then ONE transaction records the version, the workflow
 * transition (agreement → signatures, or a new current version that clears the signatures of the previous one)
 * and the audit events. If that transaction fails, the files stay as orphans under their version number, which
 * the next generation skips (the number is never reused for other bytes).
 */
export const createAgreement: RouteHandler<typeof api.createAgreement> = async (req) => {
  const { header, workflow } = await loadWorkflow(req);
  const approved = await approvedIpFile(header, workflow.state);
  const now = new Date();
  const { version, documentId } = await nextVersion(header.project.id);
  const model = await buildModel(header, approved, req.body, { documentId, version, generatedAt: now });
  const rendered = await renderAndStore(header.project.id, model);
  const agreementId = agreementIdOf(documentId, version);
  // The state machine decides before anything is recorded (e.g. approvals no longer on the current IP file: 409).
  const { state, effects } = recordAgreementGenerated(workflow.state, { agreementId, hash: rendered.pdfSha256 }, now);
  const actor = actorOf(req.principal);
  const record: AgreementRecord = {
    projectId: header.project.id,
    version,
    agreementId,
    documentId,
    language: req.body.language,
    coOwnershipRegime: req.body.coOwnershipRegime,
    publications: { ...req.body.publications },
    modelHash: rendered.modelHash,
    pdfSha256: rendered.pdfSha256,
    ipFileHash: approved.hash,
    pages: rendered.pages,
    pdf: rendered.pdf,
    model: rendered.model,
    // The version this one replaces as the current agreement (the `replaced` of the agreement-recorded effect).
    replaces: workflow.state.agreement?.agreementId ?? null,
    generatedAt: model.generatedAt,
    generatedBy: actor,
  };
  await recordAgreement(header.project, workflow, state, effects, record, actor);
  await afterChange(req, { project: header.project, workflowEffects: effects, reevaluate: false });
  return {
    status: 201,
    body: { ...record, status: 'current' },
    headers: { location: `/projects/${header.project.id}/agreements/${version}` },
  };
};

export const handler = httpHandler(api.createAgreement, createAgreement, { idempotency: runIdempotent });
