import * as z from 'zod';
import { projectIdSchema } from '../../domain/project';
import { FLAG_STATUSES } from '../../domain/risk/lifecycle';
import { SEVERITIES } from '../../domain/risk/types';
import { flagIdSchema, flagViewSchema } from '../../domain/flag-schema';
import { controlEventSchema, controlEventVersionSchema } from '../../domain/control-event-schema';
import { isoDateSchema } from '../../domain/common';
import { csvQuery, pageOf, pageQueryShape } from './common';

export { flagViewSchema as flagSchema, controlEventSchema };
export const flagPageSchema = pageOf(flagViewSchema);
export const openFlagPageSchema = pageOf(
  flagViewSchema.extend({
    projectAcronym: z.string().nullable().describe("The flag's project acronym, for the cross-project dashboard (null if the project is gone)"),
  }),
);
export const controlEventPageSchema = pageOf(controlEventSchema);
const bilingual = z.object({ fr: z.string(), en: z.string() });
const flagRef = z.object({ id: flagIdSchema, ruleId: z.string(), severity: z.enum(SEVERITIES), title: bilingual });
export const controlEventRecordedSchema = z.object({
  event: controlEventSchema,
  reevaluated: z
    .array(
      z.object({
        projectId: projectIdSchema,
        acronym: z.string(),
        title: z.string(),
        raised: z.array(flagRef),
        reopened: z.array(flagRef),
        updated: z.array(flagRef).describe('Open flags whose evidence or explanation changed (e.g. a longer control chain)'),
        closed: z.array(flagRef.omit({ severity: true })),
      }),
    )
    .describe('Every project of the organization and of those it holds shares in, re-evaluated: the flags raised, reopened, updated and closed'),
});

/** `GET /organizations/{id}/control-events/{eventId}`: the event as it is now and every version, oldest first. */
export const controlEventDetailSchema = z.object({ event: controlEventSchema, versions: z.array(controlEventVersionSchema) });
/** Amendment and withdrawal answer like a recording: the event (new version) and what the re-evaluation changed. */
export const controlEventChangedSchema = controlEventRecordedSchema.extend({});
/** A flag as a simulated control event would leave it (nothing is stored: `id` is the flag's, or the one it would get). */
const simulatedFlag = z.object({
  id: flagIdSchema,
  ruleId: z.string(),
  ruleVersion: z.number().int(),
  severity: z.enum(SEVERITIES),
  status: z.enum(FLAG_STATUSES).describe('Its status after the operation'),
  title: bilingual,
  explanation: bilingual.describe('Why, in French and English: the L233-3 clause, the link that makes the investor foreign, the rule, article and threshold'),
  source: bilingual.nullable().describe("The rule's legal citation"),
  subject: z.looseObject({}),
});
/** `POST /organizations/{id}/control-events/simulate`: what recording the event would change, per project; nothing is recorded. */
export const controlEventSimulationSchema = z.object({
  event: controlEventSchema.omit({ id: true, recordedAt: true, recordedBy: true }).describe('The event as it would be recorded'),
  projects: z
    .array(
      z.object({
        projectId: projectIdSchema,
        acronym: z.string(),
        title: z.string(),
        raised: z.array(simulatedFlag),
        reopened: z.array(simulatedFlag),
        updated: z.array(simulatedFlag),
        closed: z.array(simulatedFlag),
      }),
    )
    .describe(
      'Every project the recording would re-evaluate (the organization and those it holds shares in), with the flags it would raise, reopen, update or close',
    ),
});
/** An item of `GET /control-events`: the event and the name of the organization it is about. */
export const poleControlEventSchema = controlEventSchema.extend({
  organization: z
    .object({ legalName: z.string(), country: z.string() })
    .nullable()
    .describe('The organization the event is about (null if it is no longer registered)'),
});
export const poleControlEventPageSchema = pageOf(poleControlEventSchema);
export const poleControlEventQuerySchema = z.object({
  ...pageQueryShape,
  from: isoDateSchema.optional().describe('Only events recorded on or after this day (UTC, YYYY-MM-DD)'),
});

// Workflow and staff -----------------------------------------------------------------------------------
export const flagQuerySchema = z.object({
  status: csvQuery(FLAG_STATUSES, 'Only flags with these statuses'),
  severity: csvQuery(SEVERITIES, 'Only flags of these severities'),
  ...pageQueryShape,
});
export const openFlagQuerySchema = z.object({
  status: csvQuery(['open', 'acknowledged'], 'Only flags with these statuses (mitigated, waived and closed flags are listed per project)'),
  severity: csvQuery(SEVERITIES, 'Only flags of these severities'),
  ...pageQueryShape,
});
