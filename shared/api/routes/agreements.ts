/** Routes of the Lambda group "agreements" (see ../route.ts): the only function that bundles the PDF renderer. */
import { defineRoute, ALL, LEGAL } from '../route';
import { agreementRequestSchema, signatureRequestSchema } from '../../domain/agreement-records';
import { agreementDetailSchema, agreementPageSchema, agreementViewSchema, signatureRecordedSchema } from '../responses/agreements';

export const createAgreement = defineRoute({
  method: 'POST',
  path: '/projects/{projectId}/agreements',
  handler: 'agreements/create-agreement',
  group: 'agreements',
  roles: LEGAL,
  summary: 'Generate the consortium agreement (PDF) from the approved IP file: a new version',
  tags: ['agreements'],
  idempotent: true,
  body: agreementRequestSchema,
  status: 201,
  response: agreementViewSchema,
  after: ['notify-workflow'],
});
export const listAgreements = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/agreements',
  handler: 'agreements/list-agreements',
  group: 'agreements',
  roles: ALL,
  summary: "A project's agreement versions, newest first, with their status",
  tags: ['agreements'],
  response: agreementPageSchema,
});
export const getAgreement = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/agreements/{n}',
  handler: 'agreements/get-agreement',
  group: 'agreements',
  roles: ALL,
  summary: 'One version: its hashes, signatures and 5-minute download links (audited)',
  tags: ['agreements'],
  response: agreementDetailSchema,
});
export const recordSignature = defineRoute({
  method: 'POST',
  path: '/projects/{projectId}/agreements/{n}/signatures',
  handler: 'agreements/record-signature',
  group: 'agreements',
  roles: ['legal', 'partner'],
  summary: "Record a partner's signature of the current version, with its signed copy (an uploaded document)",
  tags: ['agreements'],
  idempotent: true,
  body: signatureRequestSchema,
  status: 201,
  response: signatureRecordedSchema,
  after: ['notify-workflow'],
});
