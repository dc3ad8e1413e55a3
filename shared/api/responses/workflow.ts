import * as z from 'zod';
import { orgIdSchema } from '../../domain/organization';
import { pendingStepSchema, taskSchema, workflowStateSchema } from '../../domain/workflow-schema';
import { SEVERITIES } from '../../domain/risk/types';
import { pageOf } from './common';

export { workflowStateSchema };
const pendingWithPeopleSchema = pendingStepSchema.extend({
  people: z
    .array(z.object({ name: z.string(), email: z.string(), language: z.enum(['fr', 'en']) }))
    .describe("Who the step waits for: the partner's legal representatives, the named lawyer, or the members of the staff role"),
});

export const workflowViewSchema = workflowStateSchema.extend({
  pending: z.array(pendingWithPeopleSchema).describe('The open steps, soonest due first (empty unless the workflow is active), with whom they wait for'),
  pendingDeclarations: z.array(orgIdSchema).describe('Partners whose declaration is awaited'),
  missingApprovals: z.array(z.string()).describe('Required steps without an approval on the current IP file'),
  gates: z
    .object({
      blockingFlags: z
        .array(z.object({ id: z.string(), ruleId: z.string(), severity: z.enum(SEVERITIES) }))
        .describe('Open or acknowledged high/critical flags: they block approving the legal review and the committee'),
      iefHolds: z.array(z.object({ flagId: z.string(), orgId: orgIdSchema })).describe('Foreign-investment holds: they block approving the committee'),
    })
    .optional()
    .describe('What would refuse an approval now (the 409 of a decision); for staff and lawyers, absent for partners'),
});
export const taskPageSchema = pageOf(taskSchema);
