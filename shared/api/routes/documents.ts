/** Routes of the Lambda group "documents" (see ../route.ts). */
import { defineRoute, ALL } from '../route';
import { uploadRequestSchema } from '../../domain/documents';
import { documentDownloadSchema, documentPageSchema, documentSchema, uploadStartedSchema } from '../responses/documents';

export const createUpload = defineRoute({
  method: 'POST',
  path: '/projects/{projectId}/documents',
  handler: 'documents/create-upload',
  group: 'documents',
  roles: ['legal', 'partner'],
  summary: 'Start a document upload (presigned POST, 25 MB, PDF/DOCX/ODT/PNG/JPEG/TXT)',
  tags: ['documents'],
  idempotent: true,
  body: uploadRequestSchema,
  status: 201,
  response: uploadStartedSchema,
  after: [],
});
export const confirmUpload = defineRoute({
  method: 'POST',
  path: '/projects/{projectId}/documents/{docId}/confirm',
  handler: 'documents/confirm-upload',
  group: 'documents',
  roles: ['legal', 'partner'],
  summary: 'Confirm an upload: SHA-256, size and type check',
  tags: ['documents'],
  response: documentSchema,
  after: [],
});
export const listDocuments = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/documents',
  handler: 'documents/list-documents',
  group: 'documents',
  roles: ALL,
  summary: "A project's documents",
  tags: ['documents'],
  response: documentPageSchema,
});
export const getDocument = defineRoute({
  method: 'GET',
  path: '/documents/{docId}',
  handler: 'documents/get-document',
  group: 'documents',
  roles: ALL,
  summary: 'Document metadata and a short-lived download link',
  tags: ['documents'],
  response: documentDownloadSchema,
});
