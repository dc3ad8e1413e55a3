import { httpHandler, type RouteHandler } from '../http/http-handler';
import { runIdempotent } from '../http/idempotency';
import { pathParam } from '../http/params';
import { actorOf, sha256Hex } from '../../shared/domain/audit';
import { agreementVersionSchema, signedCopyKey, type SignatureRecord } from '../../shared/domain/agreement-records';
import { parisDate } from '../../shared/domain/calendar';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../../shared/domain/errors';
import { msg } from '../../shared/domain/i18n/catalog';
import { fieldError, type ProblemFieldError } from '../../shared/domain/validation';
import { recordSignature as transition } from '../../shared/domain/workflow';
import { afterChange } from '../../shared/services/after-change';
import { loadWorkflow } from '../../shared/services/load-workflow';
import { getAgreement, recordSignatureOf } from '../../shared/store/agreements';
import { config } from '../../shared/store/config';
import { getDocument } from '../../shared/store/documents';
import { getObjectBytes, putObjectOnce } from '../../shared/store/objects';
import * as api from '../../shared/api/routes/agreements';

/** Attempts when other signatures keep changing the workflow item (partners signing at the same moment). */
const MAX_ATTEMPTS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Records a partner's signature of version n: legal staff for any partner, a partner's representative for its
 * own organization only (403). Only the current version may be signed, once per organization (409); the signed
 * copy is a confirmed PDF document of that organization in this project. Its bytes are copied, write-once, to
 * `…/v<n>/signed/<orgId>.pdf` in the agreements bucket (checked against the SHA-256 recorded at confirmation),
 * then ONE transaction records the signature, the workflow transition (`signed` once every partner has signed)
 * and the audit events. Another signature landing first (412 on the workflow) is retried on the fresh workflow.
 */
export const recordSignature: RouteHandler<typeof api.recordSignature> = async (req) => {
  const body = req.body;
  const p = req.principal;
  if (p.role === 'partner' && p.organizationId !== body.organizationId) throw new ForbiddenError(msg('agreement.signOwnOrganizationOnly'));
  for (let attempt = 1; ; attempt++) {
    const { header, workflow } = await loadWorkflow(req);
    const n = pathParam(req, 'n', agreementVersionSchema);
    const record = await getAgreement(header.project.id, n);
    if (!record) throw new NotFoundError(msg('agreement.notFound'));
    const doc = await getDocument(body.documentId);
    const errors: ProblemFieldError[] = [];
    if (!workflow.state.partners.includes(body.organizationId)) errors.push(fieldError(['organizationId'], msg('field.notPartner')));
    if (!doc || doc.projectId !== header.project.id) errors.push(fieldError(['documentId'], msg('agreement.signedCopyNotFound')));
    else if (doc.organizationId !== body.organizationId) errors.push(fieldError(['documentId'], msg('agreement.signedCopyOtherOrganization')));
    else if (doc.contentType !== 'application/pdf') errors.push(fieldError(['documentId'], msg('agreement.signedCopyNotPdf')));
    const now = new Date();
    if (body.signedOn > parisDate(now)) errors.push(fieldError(['signedOn'], msg('agreement.signedOnFuture')));
    else if (body.signedOn < parisDate(new Date(record.generatedAt))) {
      errors.push(fieldError(['signedOn'], msg('agreement.signedOnBeforeGeneration', { date: parisDate(new Date(record.generatedAt)) })));
    }
    if (errors.length) throw new ValidationError(msg('agreement.signatureInvalid'), { errors });
    if (doc!.status !== 'available' || !doc!.objectKey || !doc!.sha256) {
      throw new ConflictError(msg('agreement.signedCopyNotConfirmed', { status: msg(`document.status.${doc!.status}`) }));
    }
    if (workflow.state.status === 'signed') throw new ConflictError(msg('workflow.closed'));
    // The state machine first (older version, already signed, not at the signatures stage: 409), before any write.
    const { state, effects } = transition(workflow.state, body.organizationId, now, { agreementId: record.agreementId });
    const key = signedCopyKey(header.project.id, n, body.organizationId);
    const bytes = await getObjectBytes(config.documentsBucket, doc!.objectKey);
    if (!bytes || sha256Hex(bytes) !== doc!.sha256) throw new ConflictError(msg('agreement.signedCopyAltered'));
    const put = await putObjectOnce({ bucket: config.agreementsBucket, key, body: bytes, contentType: 'application/pdf', metadata: { sha256: doc!.sha256 } });
    // Write-once: a copy already there is accepted only if it is these very bytes (a retry of this signature).
    if (!put.created && put.metadata.sha256 !== doc!.sha256) {
      throw new ConflictError(msg('agreement.objectExists', { name: `signed/${body.organizationId}.pdf`, version: n }));
    }
    const actor = actorOf(p);
    const signature: SignatureRecord = {
      projectId: header.project.id,
      version: n,
      agreementId: record.agreementId,
      organizationId: body.organizationId,
      signatoryName: body.signatoryName,
      signatoryRole: body.signatoryRole,
      signedOn: body.signedOn,
      documentId: doc!.id,
      signedCopy: { key, bytes: bytes.length, sha256: doc!.sha256 },
      recordedAt: now.toISOString(),
      recordedBy: actor,
    };
    let stored;
    try {
      stored = await recordSignatureOf(header.project, workflow, state, effects, signature, actor);
    } catch (e) {
      if (e instanceof PreconditionFailedError && attempt < MAX_ATTEMPTS) {
        await sleep(Math.random() * 25 * 2 ** (attempt - 1));
        continue;
      }
      throw e;
    }
    await afterChange(req, { project: header.project, workflowEffects: effects, reevaluate: false });
    const signed = stored.state.signatures.filter((s) => s.agreementId === record.agreementId).map((s) => s.orgId);
    return {
      status: 201,
      body: { signature, workflow: { stage: stored.state.stage, status: stored.state.status, signed } },
    };
  }
};

export const handler = httpHandler(api.recordSignature, recordSignature, { idempotency: runIdempotent });
