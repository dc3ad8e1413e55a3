import { randomBytes } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { buildAgreementModel, modelHash, modelJson, type AgreementModel } from '../domain/agreement/model';
import {
  agreementObjectKeys,
  agreementStatus,
  agreementsPrefix,
  versionOfFolder,
  type AgreementRecord,
  type AgreementRequest,
  type AgreementStatus,
} from '../domain/agreement-records';
import { sha256Hex } from '../domain/audit';
import { ConflictError } from '../domain/errors';
import { msg } from '../domain/i18n/catalog';
import { findStep, type WorkflowState } from '../domain/workflow';
import { renderAgreementPdf } from '../pdf/render-agreement';
import { agreementAfter, latestAgreement } from '../store/agreements';
import { config } from '../store/config';
import { listFlags } from '../store/flags';
import { listFolders, putObjectOnce } from '../store/objects';
import { getOrganizations } from '../store/organizations';
import type { ProjectHeader } from '../store/projects';
import { getStaff } from '../store/staff';
import { assembleIpFile, type IpFile } from './ip-file';

/**
 * Generation of a consortium agreement (docs/agreements.md): the approved IP file → the content model → the PDF,
 * stored write-once in the agreements bucket. The handler records the version in the table afterwards.
 */

/** The IP file the committee approved, as it is now — or 409 when it is not the approved one any more. */
export async function approvedIpFile(
  header: ProjectHeader,
  state: WorkflowState,
): Promise<{ ipFile: IpFile; hash: string; committee: { at: string; by: string | null } }> {
  if (state.status === 'signed') throw new ConflictError(msg('workflow.ipFileLocked'));
  if (state.status !== 'active' || (state.stage !== 'agreement' && state.stage !== 'signatures')) {
    throw new ConflictError(msg('agreement.wrongStage', { stage: state.stage }), { extra: { stage: state.stage, workflowStatus: state.status } });
  }
  const decision = findStep(state, 'committee')?.decision;
  const ipFile = await assembleIpFile(header);
  const approved = decision?.decision === 'approve' ? decision.ipFileHash : null;
  if (!approved || ipFile.ipFileHash !== approved || state.ipFileHash !== approved) {
    throw new ConflictError(msg('agreement.ipFileNotApproved'), { extra: { ipFileHash: ipFile.ipFileHash, approvedIpFileHash: approved } });
  }
  // The committee member by name when the staff directory knows them (the model is frozen at generation).
  const email = decision!.by.email;
  const staff = email ? await getStaff(email) : null;
  return { ipFile, hash: approved, committee: { at: decision!.at, by: staff?.name ?? email ?? decision!.by.sub } };
}

/**
 * The number and document id of the next version. n = 1 + the highest version recorded or present in the bucket:
 * the files of a generation whose transaction failed stay (write-once) and take their number, so a version number
 * never points at two different files. The document id is the project's (a fresh `agr_…` for its first version).
 */
export async function nextVersion(projectId: string): Promise<{ version: number; documentId: string }> {
  const [latest, folders] = await Promise.all([latestAgreement(projectId), listFolders(config.agreementsBucket, agreementsPrefix(projectId))]);
  const inBucket = folders.map((f) => versionOfFolder(projectId, f) ?? 0);
  return {
    version: 1 + Math.max(latest?.version ?? 0, ...inBucket),
    documentId: latest?.documentId ?? `agr_${randomBytes(16).toString('hex')}`,
  };
}

/** The content model of version `version`, from the approved IP file and what the project knows now. */
export async function buildModel(
  header: ProjectHeader,
  approved: Awaited<ReturnType<typeof approvedIpFile>>,
  request: AgreementRequest,
  at: { documentId: string; version: number; generatedAt: Date },
): Promise<AgreementModel> {
  const [organizations, flags] = await Promise.all([getOrganizations(header.members.map((m) => m.organizationId)), listFlags(header.project.id)]);
  return buildAgreementModel({
    documentId: at.documentId,
    version: at.version,
    language: request.language,
    generatedAt: at.generatedAt.toISOString(),
    project: header.project,
    members: header.members,
    organizations,
    declarations: approved.ipFile.declarations.flatMap((d) => {
      if (!d.submitted) return [];
      if (!d.content) throw new Error(`Declaration ${d.organizationId} v${d.version} of ${header.project.id} has no content`);
      return [{ organizationId: d.organizationId, version: d.version, contentHash: d.contentHash, content: d.content }];
    }),
    ipFileHash: approved.hash,
    committee: approved.committee,
    flags,
    coOwnershipRegime: request.coOwnershipRegime,
    publications: request.publications,
  });
}

export interface RenderedAgreement {
  modelHash: string;
  pdfSha256: string;
  pages: number;
  pdf: { key: string; bytes: number; sha256: string };
  model: { key: string; bytes: number; sha256: string };
}

/**
 * Renders the PDF, checks that it parses (and counts its pages), and stores the PDF and the model JSON under the
 * version's keys, write-once: 409 when a file of that version already exists (another generation took the number).
 */
export async function renderAndStore(projectId: string, model: AgreementModel): Promise<RenderedAgreement> {
  const pdfBytes = await renderAgreementPdf(model);
  const json = new TextEncoder().encode(modelJson(model));
  const pages = (await PDFDocument.load(pdfBytes, { updateMetadata: false })).getPageCount();
  const keys = agreementObjectKeys(projectId, model.version);
  const pdf = { key: keys.pdf, bytes: pdfBytes.length, sha256: sha256Hex(pdfBytes) };
  const modelFile = { key: keys.model, bytes: json.length, sha256: sha256Hex(json) };
  for (const [file, body, contentType] of [
    [pdf, pdfBytes, 'application/pdf'],
    [modelFile, json, 'application/json'],
  ] as const) {
    const put = await putObjectOnce({ bucket: config.agreementsBucket, key: file.key, body, contentType, metadata: { sha256: file.sha256 } });
    if (!put.created) throw new ConflictError(msg('agreement.objectExists', { name: file.key.split('/').pop()!, version: model.version }));
  }
  return { modelHash: modelHash(model), pdfSha256: pdf.sha256, pages, pdf, model: modelFile };
}

/** The status of a recorded version (reads the version after it, which tells whether it superseded this one). */
export async function statusOf(record: AgreementRecord, state: WorkflowState | null, next?: AgreementRecord | null): Promise<AgreementStatus> {
  const after =
    next !== undefined ? next : state?.agreement?.agreementId === record.agreementId ? null : await agreementAfter(record.projectId, record.version);
  return agreementStatus(record, state, after);
}
