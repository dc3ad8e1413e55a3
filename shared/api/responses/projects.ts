import * as z from 'zod';
import { emailSchema } from '../../domain/common';
import { countrySchema, orgIdSchema } from '../../domain/organization';
import { partnerRoleSchema, projectIdSchema, projectInputSchema } from '../../domain/project';
import { STAGES } from '../../domain/workflow';
import { STAGE_FILTERS } from '../../domain/project-stage';
import { datetime, pageOf, pageQueryShape, version } from './common';

export const PROJECT_STATUSES = ['draft', 'declarations', 'review', 'approved', 'signed', 'rejected'] as const;
const { partners: _partners, ...projectFieldShape } = projectInputSchema.shape;
export const projectSchema = z.object({
  ...projectFieldShape,
  id: projectIdSchema,
  status: z
    .enum(PROJECT_STATUSES)
    .describe(
      'Derived from the workflow: draft until it starts, then declarations, review (approvals, legal review, lawyer, committee), approved (agreement, signatures), signed; or rejected',
    ),
  stage: z.enum(STAGES).nullable().describe("The workflow's current stage (where it stopped, when rejected); null before the workflow starts"),
  coordinatorOrgId: orgIdSchema.nullable(),
  version,
  createdAt: datetime,
  updatedAt: datetime,
});

export const projectViewSchema = projectSchema.extend({
  partners: z.array(
    z.object({
      organizationId: orgIdSchema,
      role: partnerRoleSchema,
      addedAt: datetime,
      legalName: z.string().describe("The partner's public name, shown to every member of the project (its id if its organization is no longer registered)"),
      country: countrySchema.nullable().describe('Its country (null only if its organization is no longer registered)'),
    }),
  ),
  lawyers: z
    .array(z.object({ email: emailSchema, assignedAt: datetime }))
    .optional()
    .describe('Only returned to legal and committee'),
});

export const membershipSchema = z.object({ projectId: projectIdSchema, organizationId: orgIdSchema, role: partnerRoleSchema, version, addedAt: datetime });
export const lawyerAssignmentSchema = z.object({ projectId: projectIdSchema, email: emailSchema });
export const projectPageSchema = pageOf(projectSchema);

export const projectListQuerySchema = z.object({
  stage: z
    .enum(STAGE_FILTERS)
    .optional()
    .describe('Legal and committee: only the projects at this workflow stage (`rejected`: rejected at any stage), most recently moved first'),
  ...pageQueryShape,
});
