import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './clients';
import { config } from './config';
import { agreementKey, projectChain, queries, signatureKey, stripKeys } from './keys';
import { lockCondition } from './locking';
import { queryAll, queryPage, type Page } from './query';
import { writeWithAudit, type AuditInput, type TxWrite } from './tx';
import { saveWorkflow, type StoredWorkflow } from './workflow';
import type { AgreementRecord, SignatureRecord } from '../domain/agreement-records';
import type { Actor } from '../domain/audit';
import type { WorkflowEffect, WorkflowState } from '../domain/workflow';
import { ConflictError } from '../domain/errors';
import { msg } from '../domain/i18n/catalog';

/**
 * Agreement versions and signatures in the table (docs/agreements.md). Both are immutable: written once under
 * `attribute_not_exists`, in the same transaction as the workflow transition they come with and its audit events.
 */
const T = () => config.tableName;

export async function getAgreement(projectId: string, n: number): Promise<AgreementRecord | null> {
  const { Item } = await ddb().send(new GetCommand({ TableName: T(), Key: agreementKey(projectId, n), ConsistentRead: true }));
  return Item ? stripKeys<AgreementRecord>(Item) : null;
}

/** The latest recorded version (consistent read), or null before the first generation. */
export async function latestAgreement(projectId: string): Promise<AgreementRecord | null> {
  const page = await queryPage<AgreementRecord>(queries.agreements(projectId), { limit: 1 }, { descending: true, consistentRead: true });
  return page.items[0] ?? null;
}

/** The first recorded version after `n` (its `replaces` tells whether it superseded n), or null. */
export async function agreementAfter(projectId: string, n: number): Promise<AgreementRecord | null> {
  const page = await queryPage<AgreementRecord>(queries.agreements(projectId, n + 1), { limit: 1 }, { consistentRead: true });
  return page.items[0] ?? null;
}

/** A page of versions, newest first. */
export async function listAgreements(projectId: string, limit: number, cursor?: string): Promise<Page<AgreementRecord>> {
  return queryPage<AgreementRecord>(queries.agreements(projectId), { limit, cursor }, { descending: true });
}

/** One signature per partner: a consortium has tens of partners. */
const MAX_SIGNATURES = 1000;

export async function listSignatures(projectId: string, n: number): Promise<SignatureRecord[]> {
  const { items } = await queryAll<SignatureRecord>(queries.signatures(projectId, n), { max: MAX_SIGNATURES, consistentRead: true });
  return items;
}

type ProjectRef = { id: string; acronym: string; title: string };

/**
 * Records a generated version: the version item (only if version n is still free), the workflow transition
 * (`recordAgreementGenerated`, under the workflow's optimistic lock) and the audit events, in ONE transaction.
 */
export async function recordAgreement(
  project: ProjectRef,
  workflow: StoredWorkflow,
  next: WorkflowState,
  effects: readonly WorkflowEffect[],
  record: AgreementRecord,
  actor: Actor,
): Promise<StoredWorkflow> {
  const write: TxWrite = {
    item: {
      Put: { TableName: T(), Item: { ...agreementKey(project.id, record.version), entity: 'agreement', ...record }, ...lockCondition({ expect: 'absent' }) },
    },
    onConditionFailed: () => new ConflictError(msg('agreement.versionTaken', { version: record.version })),
  };
  const audit: AuditInput = {
    chain: projectChain(project.id),
    actor,
    action: 'agreement.generated',
    target: { type: 'agreement', id: record.agreementId },
    after: {
      version: record.version,
      language: record.language,
      modelHash: record.modelHash,
      pdfSha256: record.pdfSha256,
      ipFileHash: record.ipFileHash,
      pdfKey: record.pdf.key,
      modelKey: record.model.key,
      replaces: record.replaces,
    },
  };
  return saveWorkflow(project, workflow, next, effects, actor, { writes: [write], audits: [audit] });
}

/** Records a signature: its item (once per organization and version), the workflow transition and the audit events, in ONE transaction. */
export async function recordSignatureOf(
  project: ProjectRef,
  workflow: StoredWorkflow,
  next: WorkflowState,
  effects: readonly WorkflowEffect[],
  signature: SignatureRecord,
  actor: Actor,
): Promise<StoredWorkflow> {
  const write: TxWrite = {
    item: {
      Put: {
        TableName: T(),
        Item: { ...signatureKey(project.id, signature.version, signature.organizationId), entity: 'agreement-signature', ...signature },
        ...lockCondition({ expect: 'absent' }),
      },
    },
    onConditionFailed: () => new ConflictError(msg('workflow.alreadySigned')),
  };
  const audit: AuditInput = {
    chain: projectChain(project.id),
    actor,
    action: 'agreement.signature-recorded',
    target: { type: 'agreement', id: signature.agreementId },
    after: {
      version: signature.version,
      organizationId: signature.organizationId,
      signatoryName: signature.signatoryName,
      signatoryRole: signature.signatoryRole,
      signedOn: signature.signedOn,
      documentId: signature.documentId,
      sha256: signature.signedCopy.sha256,
      key: signature.signedCopy.key,
    },
  };
  return saveWorkflow(project, workflow, next, effects, actor, { writes: [write], audits: [audit] });
}

/** Audits the creation of download links (who, which version, which files, until when). */
export async function auditDownloadLinks(projectId: string, record: AgreementRecord, files: readonly string[], expiresAt: string, actor: Actor): Promise<void> {
  await writeWithAudit(
    [],
    [
      {
        chain: projectChain(projectId),
        actor,
        action: 'agreement.download-link-created',
        target: { type: 'agreement', id: record.agreementId },
        after: { version: record.version, files: [...files], expiresAt },
      },
    ],
  );
}
