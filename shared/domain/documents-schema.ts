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
  uploadKey: z.string().optional().describe('Storage key the upload form writes to (ids only); never served'),
  objectKey: z
    .string()
    .optional()
    .describe('Storage key of the served copy (ids only), set when the upload is confirmed; downloads go through `GET /documents/{docId}`'),
  declaredSize: z.number().int().min(1).optional().describe('Bytes announced when the upload started; the upload must have exactly this size'),
  size: z.number().int().min(0).optional().describe('Bytes, measured when the upload is confirmed'),
  sha256: sha256Schema.optional().describe('SHA-256 of the file, computed when the upload is confirmed'),
  rejectionReason: z.string().optional().describe('Why a confirmed upload was refused (type mismatch, too large, empty)'),
  sharedWithProject: z
    .boolean()
    .optional()
    .describe('A publication manuscript: every partner of the project may read it, not only its organization (docs/publications.md)'),
  uploadedBy: z.object({ sub: z.string(), role: z.string(), email: z.string().nullable().optional() }),
  createdAt: instantSchema,
  confirmedAt: instantSchema.optional(),
  version: z.number().int().min(1).describe('Optimistic-locking version of the record (no ETag is sent for documents)'),
});
