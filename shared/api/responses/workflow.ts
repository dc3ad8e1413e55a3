import * as z from 'zod';
import { orgIdSchema } from '../../domain/organization';
import { pendingStepSchema, taskSchema, workflowStateSchema } from '../../domain/workflow-schema';
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
});
export const taskPageSchema = pageOf(taskSchema);
