import * as z from 'zod';
import { controlEventIdSchema, controlEventInputSchema } from './control-event';
import { orgIdSchema } from './organization';
import { instantSchema } from './response-schema';

/**
 * Response schema of a stored control event: mirrors `ControlEvent` of ./control-event.ts (the input fields as
 * parsed, plus what the server adds); checked at compile time in test/unit/openapi.test.ts.
 */
export const controlEventSchema = z.object({
  ...controlEventInputSchema.shape,
  id: controlEventIdSchema,
  organizationId: orgIdSchema.describe('The organization whose shares or control the event is about'),
  recordedAt: instantSchema,
  recordedBy: z.string().describe('`sub` of the staff member who recorded it'),
});
