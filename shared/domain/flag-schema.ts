import * as z from 'zod';
import { idSchema } from './common';
import { projectIdSchema } from './project';
import { instantSchema, sha256Schema } from './response-schema';
import { FLAG_ACTIONS, FLAG_STATUSES } from './risk/lifecycle';
import { MANUAL_RULE_ID, RULE_IDS, SEVERITIES } from './risk/types';

/**
 * Schemas of risk flags: `Flag` of ./risk/lifecycle.ts is the output type of {@link flagSchema};
 * {@link storedFlagSchema} is the stored form, plus
 * `projectId` and `version` (shared/store/flags.ts `StoredFlag` is its output type).
 */

export const flagIdSchema = idSchema('flg');

const bilingualSchema = z.object({ fr: z.string(), en: z.string() }).describe('French and English');

export const FLAG_HISTORY_ACTIONS = [...FLAG_ACTIONS, 'created', 'updated', 'auto-closed', 'auto-reopened'] as const;

export const flagHistoryEntrySchema = z.object({
  at: instantSchema,
  action: z.enum(FLAG_HISTORY_ACTIONS).describe('A staff action, or what re-evaluation did on its own (created, updated, auto-closed, auto-reopened)'),
  by: z.string().optional().describe('`sub` of the staff member; absent for re-evaluation'),
  byRole: z.string().optional().describe('Role of the staff member (legal, committee); absent for re-evaluation and before it was recorded'),
  byEmail: z.string().optional().describe('E-mail of the staff member, when the token carried one'),
  note: z.string().optional().describe('The mitigation note, the waiver justification, or why re-evaluation reopened the flag'),
  reason: z.literal('cause-withdrawn').optional().describe('Why re-evaluation closed it: `cause-withdrawn` when the control event it rested on was withdrawn'),
  from: z.enum(FLAG_STATUSES).nullable(),
  to: z.enum(FLAG_STATUSES),
});

export const flagSubjectResponseSchema = z
  .object({
    organizationId: z.string().optional(),
    itemKey: z.string().optional(),
    resultKey: z.string().optional(),
    accessRightKey: z.string().optional(),
    controlEventId: z.string().optional(),
    shareholderName: z.string().optional(),
    publicationId: z.string().optional(),
    targetOrganizationId: z.string().optional().describe('IEF-ACQUISITION: the organization the operation is on'),
    investor: z
      .string()
      .optional()
      .describe('IEF-ACQUISITION: the investor (`org:<id>`, else `<name>|<country>`), so amending or re-recording the deal meets the same flag'),
  })
  .describe('What the flag is about (part of its fingerprint)');

export const flagSchema = z.object({
  id: flagIdSchema,
  fingerprint: sha256Schema.describe('SHA-256 of `{ruleId, subject}`: one flag per fingerprint and project'),
  ruleId: z.string().describe(`The rule that raised it: ${RULE_IDS.join(', ')}; ${MANUAL_RULE_ID} for flags added by hand`),
  ruleVersion: z.number().int().min(1),
  title: bilingualSchema,
  severity: z.enum(SEVERITIES),
  status: z.enum(FLAG_STATUSES),
  subject: flagSubjectResponseSchema,
  explanation: bilingualSchema.describe('Why, citing the legal source and naming the objects'),
  evidence: z.looseObject({}).describe('The facts the finding rests on (organizations, chain path, percentages, item…); its shape depends on the rule'),
  evidenceHash: sha256Schema.describe('SHA-256 of the evidence: a waiver or mitigation holds while it is unchanged'),
  holds: z
    .object({ kind: z.literal('ief'), organizationId: z.string() })
    .optional()
    .describe('Foreign-investment hold on a partner: no exclusive licence, assignment or transfer of results to it while the flag is open'),
  manual: z.boolean().describe('Added by hand by the legal staff; never closed by re-evaluation'),
  history: z.array(flagHistoryEntrySchema).describe('Append-only, oldest first'),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  closeReason: z
    .object({ code: z.literal('cause-withdrawn'), fr: z.string(), en: z.string() })
    .optional()
    .describe('Set while the flag is closed because its cause was withdrawn (FR « cause retirée »); removed when it reopens'),
  waiver: z
    .object({
      justification: z.string(),
      by: z.string(),
      at: instantSchema,
      evidenceHash: sha256Schema.describe('The evidence the waiver was given on: new evidence reopens the flag'),
    })
    .optional()
    .describe('The waiver, once the flag was waived; removed when the flag is reopened'),
});

export const storedFlagSchema = flagSchema.extend({
  projectId: projectIdSchema,
  version: z.number().int().min(1).describe('Optimistic-locking version, also sent as the ETag'),
});

/** A flag as the API answers it: the stored flag and the legal citation of its rule (./risk/source.ts). */
export const flagViewSchema = storedFlagSchema.extend({
  source: bilingualSchema
    .nullable()
    .describe("The legal citation of the rule that raised the flag (the rule's definition, shared/domain/risk/rules); null for a manual flag"),
});
