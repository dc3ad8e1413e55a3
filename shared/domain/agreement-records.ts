import * as z from 'zod';
import { idSchema, isoDateSchema, text } from './common';
import { documentIdSchema } from './documents';
import { orgIdSchema } from './organization';
import { projectIdSchema } from './project';
import { actorSchema, instantSchema, sha256Schema } from './response-schema';
import { CO_OWNERSHIP_REGIMES, DEFAULT_PUBLICATION_TERMS } from './agreement/model';
import type { WorkflowState } from './workflow';
import { zodText } from './i18n/catalog';

/**
 * Generated agreements as the API stores them (docs/agreements.md, "API, storage and signatures"): one immutable
 * record per generated version, one per signature, the keys of their files in the agreements bucket, and the
 * status a version has in the workflow. Pure: the store writes these, the handlers build them.
 *
 * Identifiers: a project has one document id `agr_<32 hex>` (printed on every page, kept across versions);
 * version n is the n-th generation recorded; the workflow names a version by its agreement id
 * `<documentId>.v<n>` (workflow state `agreement.agreementId`, signatures' `agreementId`).
 */

export const agreementDocumentIdSchema = idSchema('agr');
/** The `{n}` of the agreement paths. */
export const agreementVersionSchema = z.coerce.number().int().min(1).max(999999);
export const agreementIdOf = (documentId: string, version: number): string => `${documentId}.v${version}`;

/** Files of version n in the agreements bucket (write-once: Object Lock in AWS, checked by the application locally). */
export const agreementsPrefix = (projectId: string): string => `projects/${projectId}/agreements/`;
export const agreementObjectKeys = (projectId: string, version: number) => ({
  pdf: `${agreementsPrefix(projectId)}v${version}/agreement.pdf`,
  model: `${agreementsPrefix(projectId)}v${version}/model.json`,
});
export const signedCopyKey = (projectId: string, version: number, orgId: string): string => `${agreementsPrefix(projectId)}v${version}/signed/${orgId}.pdf`;
/** The version of a `…/agreements/v<n>/` folder of the bucket listing, or null for anything else. */
export function versionOfFolder(projectId: string, folder: string): number | null {
  const m = /^v([1-9]\d{0,5})\/$/.exec(folder.startsWith(agreementsPrefix(projectId)) ? folder.slice(agreementsPrefix(projectId).length) : '');
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------------------------------------------------
// Requests

const days = (max: number) => z.number().int().min(1).max(max);

/** Body of `POST /projects/{projectId}/agreements`. */
export const agreementRequestSchema = z.strictObject({
  language: z.enum(['fr', 'en']).describe('Language of the agreement text'),
  coOwnershipRegime: z
    .enum(CO_OWNERSHIP_REGIMES)
    .default('legal-default')
    .describe('`legal-default`: the co-ownership rules of CPI L613-29 ff.; `separate-regulation`: a separate règlement de copropriété'),
  publications: z
    .strictObject({
      noticeDays: days(365).default(DEFAULT_PUBLICATION_TERMS.noticeDays).describe('Prior notice of a publication, in days (DESCA: 45)'),
      objectionDays: days(365).default(DEFAULT_PUBLICATION_TERMS.objectionDays).describe('Objection period after the notice, in days (DESCA: 30)'),
      filingDelayDays: days(730)
        .default(DEFAULT_PUBLICATION_TERMS.filingDelayDays)
        .describe('How long a publication may be delayed for a patent filing, in days'),
    })
    .superRefine((v, ctx) => {
      if (v.objectionDays > v.noticeDays) ctx.addIssue({ code: 'custom', path: ['objectionDays'], message: zodText('agreement.objectionLongerThanNotice') });
    })
    .default({ ...DEFAULT_PUBLICATION_TERMS }),
});
export type AgreementRequest = z.output<typeof agreementRequestSchema>;

/** Body of `POST /projects/{projectId}/agreements/{n}/signatures`. */
export const signatureRequestSchema = z.strictObject({
  organizationId: orgIdSchema.describe('The partner organization that signed'),
  signatoryName: text(200),
  signatoryRole: text(200).describe('Position of the signatory, e.g. Présidente'),
  signedOn: isoDateSchema.describe('The date written on the signed copy (YYYY-MM-DD)'),
  documentId: documentIdSchema.describe('The signed copy: a PDF uploaded and confirmed through `POST /projects/{projectId}/documents`'),
});
export type SignatureRequest = z.output<typeof signatureRequestSchema>;

// ---------------------------------------------------------------------------------------------------------
// Records

const objectSchema = z.object({ key: z.string().describe('Key in the agreements bucket'), bytes: z.number().int().min(0), sha256: sha256Schema });

export const agreementRecordSchema = z.object({
  projectId: projectIdSchema,
  version: z.number().int().min(1).describe('n: the n-th generation of this project (recorded versions count up; see docs/agreements.md)'),
  agreementId: z.string().describe('`<documentId>.v<n>`: how the workflow names this version'),
  documentId: agreementDocumentIdSchema.describe('Printed on every page; the same for every version of a project'),
  language: z.enum(['fr', 'en']),
  coOwnershipRegime: z.enum(CO_OWNERSHIP_REGIMES),
  publications: z.object({ noticeDays: z.number().int(), objectionDays: z.number().int(), filingDelayDays: z.number().int() }),
  modelHash: sha256Schema.describe('SHA-256 of the canonical content model (printed on every page, attached to the PDF)'),
  pdfSha256: sha256Schema.describe('SHA-256 of the PDF bytes'),
  ipFileHash: sha256Schema.describe('The approved IP file the agreement was built from'),
  pages: z.number().int().min(1),
  pdf: objectSchema,
  model: objectSchema,
  replaces: z.string().nullable().describe('The agreement id this version replaced as the current one (null when there was none)'),
  generatedAt: instantSchema,
  generatedBy: actorSchema,
});
export type AgreementRecord = z.output<typeof agreementRecordSchema>;

export const signatureRecordSchema = z.object({
  projectId: projectIdSchema,
  version: z.number().int().min(1),
  agreementId: z.string(),
  organizationId: orgIdSchema,
  signatoryName: z.string(),
  signatoryRole: z.string(),
  signedOn: isoDateSchema,
  documentId: documentIdSchema.describe('The uploaded signed copy'),
  signedCopy: objectSchema.describe('Its write-once copy in the agreements bucket, with the SHA-256 of the confirmed upload'),
  recordedAt: instantSchema,
  recordedBy: actorSchema,
});
export type SignatureRecord = z.output<typeof signatureRecordSchema>;

// ---------------------------------------------------------------------------------------------------------
// Status

export const AGREEMENT_STATUSES = ['current', 'superseded', 'invalidated', 'signed'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/**
 * What a version is now: `current` (the workflow's agreement, awaiting signatures), `signed` (the workflow's
 * agreement, every partner signed), `superseded` (a later generation replaced it while it was current),
 * `invalidated` (the workflow dropped it: the IP file changed, or the workflow went back). `next` is the
 * recorded version after it, if any: only the current version can be replaced, and it is always the latest.
 */
export function agreementStatus(
  record: Pick<AgreementRecord, 'agreementId'>,
  workflow: WorkflowState | null,
  next: Pick<AgreementRecord, 'replaces'> | null,
): AgreementStatus {
  if (workflow?.agreement?.agreementId === record.agreementId) return workflow.status === 'signed' ? 'signed' : 'current';
  if (next?.replaces === record.agreementId) return 'superseded';
  return 'invalidated';
}
