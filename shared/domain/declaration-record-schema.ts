import * as z from 'zod';
import { orgIdSchema } from './organization';
import { projectIdSchema } from './project';
import { actorSchema, instantSchema, sha256Schema } from './response-schema';

/**
 * Response schemas of stored declarations: the head (one per partner: where its declaration stands) and the
 * metadata of an immutable version. They mirror `DeclarationHead`, `DeclarationSubmission` and
 * `DeclarationVersionMeta` of shared/store/declarations.ts (checked in test/unit/openapi.test.ts).
 */

const versionNumber = z.number().int().min(1);

export const declarationSubmissionSchema = z.object({
  version: versionNumber.describe('The version that was submitted'),
  contentHash: sha256Schema.describe('SHA-256 of the canonical JSON of that version'),
  at: instantSchema,
  by: actorSchema,
});

export const declarationHeadSchema = z.object({
  projectId: projectIdSchema,
  organizationId: orgIdSchema,
  currentVersion: versionNumber.describe('Latest saved version number (the ETag of the declaration)'),
  currentHash: sha256Schema.describe('Content hash of the latest saved version'),
  status: z.enum(['draft', 'submitted']).describe('`submitted` while the latest saved version is the last one submitted'),
  submissions: z.array(declarationSubmissionSchema).describe('Every submission, oldest first'),
  updatedAt: instantSchema,
});

export const DECLARATION_STORAGE = ['inline', 'gzip', 's3'] as const;

export const declarationVersionMetaSchema = z.object({
  projectId: projectIdSchema,
  organizationId: orgIdSchema,
  version: versionNumber,
  contentHash: sha256Schema.describe('SHA-256 of the canonical JSON of the content'),
  sizeBytes: z.number().int().min(0).describe('Size of the content as JSON (UTF-8 bytes)'),
  storage: z.enum(DECLARATION_STORAGE).describe('Where the server keeps the content (informative)'),
  savedAt: instantSchema,
  savedBy: actorSchema,
});
