import * as z from 'zod';
import { orgIdSchema } from '../../domain/organization';
import { partnerRoleSchema, projectIdSchema } from '../../domain/project';
import { declarationDraftSchema } from '../../domain/declaration';
import { declarationHeadSchema, declarationSubmissionSchema, declarationVersionMetaSchema } from '../../domain/declaration-record-schema';
import { asComponent, datetime, pageOf, sha256 } from './common';

export { declarationHeadSchema };
const declarationContentSchema = asComponent(
  'DeclarationDraft',
  declarationDraftSchema,
  'The declaration as saved: the body of the PUT that created the version, as the server parsed it (a draft: parts may be missing)',
);
export const declarationStatusSchema = z.object({
  organizationId: orgIdSchema,
  role: partnerRoleSchema,
  status: z.enum(['none', 'draft', 'submitted']).describe("Other partners' drafts are not shown: they read `none` until a first submission"),
  currentVersion: z.number().int().min(1).optional().describe('Only to those who see the drafts'),
  updatedAt: datetime.optional().describe('Only to those who see the drafts'),
  lastSubmittedVersion: z.number().int().min(1).nullable(),
  lastSubmittedAt: datetime.nullable(),
});
export const declarationStatusPageSchema = pageOf(declarationStatusSchema);
export const declarationViewSchema = declarationVersionMetaSchema.extend({
  content: declarationContentSchema,
  status: z.enum(['draft', 'submitted']).describe('Whether this version was submitted'),
  latestVersion: z.number().int().min(1).describe('The version returned: the latest saved one for those who see drafts, else the latest submitted one'),
  submissions: z.array(declarationSubmissionSchema).describe('Submissions up to that version, oldest first'),
});
const versionSubmission = {
  submitted: z.boolean(),
  submittedAt: datetime.nullable(),
};
export const declarationVersionSchema = declarationVersionMetaSchema.extend({ content: declarationContentSchema, ...versionSubmission });
export const declarationVersionSummarySchema = declarationVersionMetaSchema.extend(versionSubmission);
export const ipFileSchema = z.object({
  projectId: projectIdSchema,
  complete: z.boolean().describe('Every partner has submitted a declaration'),
  ipFileHash: sha256.nullable().describe("SHA-256 over the partners' submitted versions (null while incomplete): the hash approvals bind to"),
  workflowIpFileHash: sha256.nullable().describe("The workflow's current IP-file hash (null before the workflow or while incomplete)"),
  declarations: z.array(
    z.union([
      z.object({ organizationId: orgIdSchema, role: partnerRoleSchema, submitted: z.literal(false) }),
      z.object({
        organizationId: orgIdSchema,
        role: partnerRoleSchema,
        submitted: z.literal(true),
        version: z.number().int().min(1),
        contentHash: sha256,
        submittedAt: datetime,
        content: declarationContentSchema.nullable(),
      }),
    ]),
  ),
});
export const declarationVersionPageSchema = pageOf(declarationVersionSummarySchema);
export const declarationSavedSchema = z.union([
  declarationHeadSchema.extend({ savedVersion: declarationVersionMetaSchema.describe('The version just created') }),
  declarationHeadSchema
    .extend({ unchanged: z.literal(true) })
    .describe('The content equals the current version: nothing was created (answered with status 200)'),
]);
const redlineEnd = z.object({ version: z.number().int().min(1), contentHash: sha256, savedAt: datetime });
const redlinePath = z
  .string()
  .describe('`/`-separated path; keyed list items as `name[field=value]`, e.g. `/results[key=r-1]/ownership[organizationId=org_…]/pct`');
export const redlineSchema = z.object({
  from: redlineEnd,
  to: redlineEnd,
  added: z.array(z.object({ path: redlinePath, value: z.unknown() })).describe('Present in `to` only'),
  removed: z.array(z.object({ path: redlinePath, value: z.unknown() })).describe('Present in `from` only'),
  changed: z.array(z.object({ path: redlinePath, from: z.unknown(), to: z.unknown() })).describe('Present in both, with different values'),
});
export const diffQuerySchema = z.object({
  from: z.number().int().min(1).max(999999).describe('Version number of the left side'),
  to: z.number().int().min(1).max(999999).describe('Version number of the right side'),
});
