import * as z from 'zod';
import { projectIdSchema } from '../../domain/project';
import { FLAG_STATUSES } from '../../domain/risk/lifecycle';
import { SEVERITIES } from '../../domain/risk/types';
import { flagIdSchema, flagViewSchema } from '../../domain/flag-schema';
import { controlEventSchema } from '../../domain/control-event-schema';
import { csvQuery, listOf, pageOf, pageQueryShape } from './common';

export { flagViewSchema as flagSchema, controlEventSchema };
export const flagListSchema = listOf(flagViewSchema);
export const openFlagPageSchema = pageOf(flagViewSchema);
export const controlEventListSchema = listOf(controlEventSchema);
const flagRef = z.object({ id: flagIdSchema, ruleId: z.string(), severity: z.enum(SEVERITIES) });
export const controlEventRecordedSchema = z.object({
  event: controlEventSchema,
  reevaluated: z
    .array(
      z.object({
        projectId: projectIdSchema,
        raised: z.array(flagRef),
        reopened: z.array(flagRef),
        closed: z.array(flagRef.omit({ severity: true })),
      }),
    )
    .describe('Every project of the organization, re-evaluated: the flags raised, reopened and closed'),
});

// Workflow and staff -----------------------------------------------------------------------------------
export const flagQuerySchema = z.object({
  status: csvQuery(FLAG_STATUSES, 'Only flags with these statuses'),
  severity: csvQuery(SEVERITIES, 'Only flags of these severities'),
});
export const openFlagQuerySchema = z.object({
  status: csvQuery(['open', 'acknowledged'], 'Only flags with these statuses (mitigated, waived and closed flags are listed per project)'),
  severity: csvQuery(SEVERITIES, 'Only flags of these severities'),
  ...pageQueryShape,
});
