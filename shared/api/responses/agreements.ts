import * as z from 'zod';
import { AGREEMENT_STATUSES, agreementRecordSchema, signatureRecordSchema } from '../../domain/agreement-records';
import { WORKFLOW_STATUSES } from '../../domain/workflow-schema';
import { STAGES } from '../../domain/workflow';
import { datetime, pageOf } from './common';

export { agreementRecordSchema, signatureRecordSchema };
export const agreementViewSchema = agreementRecordSchema.extend({
  status: z
    .enum(AGREEMENT_STATUSES)
    .describe(
      '`current`: the workflow’s agreement, awaiting signatures; `signed`: every partner signed it; `superseded`: a later version replaced it; `invalidated`: the workflow dropped it (the IP file changed or the workflow went back)',
    ),
});
export const agreementPageSchema = pageOf(agreementViewSchema);
const linkSchema = z.object({ url: z.string().describe('Presigned GET, valid 5 minutes'), expiresAt: datetime });
export const agreementDetailSchema = z.object({
  agreement: agreementViewSchema,
  signatures: z.array(signatureRecordSchema).describe('Signatures recorded on this version'),
  download: z.object({ pdf: linkSchema, model: linkSchema.describe('The canonical content model (JSON), also attached inside the PDF') }),
});
export const signatureRecordedSchema = z.object({
  signature: signatureRecordSchema,
  workflow: z
    .object({
      stage: z.enum(STAGES),
      status: z.enum(WORKFLOW_STATUSES),
      signed: z.array(z.string()).describe('Organizations that have signed the current version'),
    })
    .describe('The workflow after this signature: `signed` once every partner has signed'),
});
