import * as z from 'zod';
import { documentRecordSchema } from '../../domain/documents-schema';
import { datetime, pageOf } from './common';

export { documentRecordSchema as documentSchema };
export const documentPageSchema = pageOf(documentRecordSchema);
export const uploadStartedSchema = z.object({
  document: documentRecordSchema.describe('The pending document'),
  upload: z
    .object({
      method: z.literal('POST'),
      url: z.string().describe('Where to POST the file (multipart/form-data)'),
      fields: z.record(z.string(), z.string()).describe('Form fields to send as given, before the `file` field'),
      expiresAt: datetime,
      maxBytes: z.number().int().min(1).describe('The declared size: the upload policy accepts a file of exactly this many bytes'),
    })
    .describe('A presigned POST; then confirm with `POST /projects/{projectId}/documents/{docId}/confirm`'),
});
export const documentDownloadSchema = z.object({
  document: documentRecordSchema,
  download: z
    .object({ url: z.string().describe('Short-lived presigned GET of the file'), expiresAt: datetime })
    .nullable()
    .describe('Null unless the document is available'),
});
