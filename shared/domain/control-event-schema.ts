import * as z from 'zod';
import {
  CONTROL_EVENT_STATUSES,
  CONTROL_EVENT_VERSION_ACTIONS,
  STORED_CONTROL_EVENT_STATUSES,
  controlEventIdSchema,
  controlEventInputSchema,
} from './control-event';
import { orgIdSchema } from './organization';
import { instantSchema } from './response-schema';

/**
 * Response schema of a stored control event: mirrors `ControlEvent` of ./control-event.ts (the input fields as
 * parsed, plus what the server adds); checked at compile time in test/unit/openapi.test.ts.
 */
export const controlEventSchema = z.object({
  ...controlEventInputSchema.shape,
  status: z.enum(STORED_CONTROL_EVENT_STATUSES).describe('planned → completed by amendment; withdrawn (kept listed, ignored by the risk engine)'),
  id: controlEventIdSchema,
  organizationId: orgIdSchema.describe('The organization whose shares or control the event is about'),
  recordedAt: instantSchema,
  recordedBy: z.string().describe('`sub` of the staff member who recorded it'),
  version: z.number().int().min(1).optional().describe('Optimistic-locking version, also the ETag; each amendment or withdrawal adds one (absent = 1)'),
  updatedAt: instantSchema.optional().describe('When it was last amended or withdrawn'),
  updatedBy: z.string().optional().describe('`sub` of the staff member who last amended or withdrew it'),
  withdrawal: z
    .object({
      reason: z.string(),
      by: z.string().describe('`sub` of the staff member who withdrew it'),
      at: instantSchema,
      previousStatus: z.enum(CONTROL_EVENT_STATUSES),
    })
    .optional()
    .describe('Why, by whom and when the event was withdrawn (status withdrawn)'),
});

/** One immutable version of an event: what it was after a recording, an amendment or a withdrawal. */
export const controlEventVersionSchema = z.object({
  version: z.number().int().min(1),
  action: z.enum(CONTROL_EVENT_VERSION_ACTIONS),
  at: instantSchema,
  by: z.string().describe('`sub` of the staff member'),
  changes: z.array(z.string()).describe('The fields this version changed (empty for the recording)'),
  reason: z.string().optional().describe('The withdrawal reason'),
  event: controlEventSchema,
});
