import * as z from 'zod';
import { documentContentTypeSchema, documentIdSchema } from './documents';
import { orgIdSchema } from './organization';
import { projectIdSchema } from './project';
import { instantSchema, sha256Schema } from './response-schema';

/** Response schema of a stored document (shared/domain/documents.ts `DocumentRecord`). */

export const DOCUMENT_STATUSES = ['pending', 'available', 'rejected'] as const;

export const documentRecordSchema = z.object({
  id: documentIdSchema,
  projectId: projectIdSchema,
  organizationId: orgIdSchema.describe('The partner organization the document belongs to'),
  fileName: z.string().min(1).max(200).describe('Display name, sanitized (no path, no control characters)'),
  contentType: documentContentTypeSchema,
  description: z.string().optional(),
  status: z
    .enum(DOCUMENT_STATUSES)
    .describe('`pending` until the upload is confirmed; then `available`, or `rejected` (the file was deleted: see `rejectionReason`)'),
  objectKey: z.string().describe('Storage key of the file (ids only); downloads go through `GET /documents/{docId}`'),
  size: z.number().int().min(0).optional().describe('Bytes, measured when the upload is confirmed'),
  sha256: sha256Schema.optional().describe('SHA-256 of the file, computed when the upload is confirmed'),
  rejectionReason: z.string().optional().describe('Why a confirmed upload was refused (type mismatch, too large, empty)'),
  uploadedBy: z.object({ sub: z.string(), role: z.string(), email: z.string().nullable().optional() }),
  createdAt: instantSchema,
  confirmedAt: instantSchema.optional(),
  version: z.number().int().min(1).describe('Optimistic-locking version of the record (no ETag is sent for documents)'),
});
