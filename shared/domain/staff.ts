import * as z from 'zod';
import type { staffMemberSchema } from './staff-schema';
import { languageSchema, text } from './common';

/** The pôle's staff directory: the people behind the legal, committee and lawyer roles (tasks and reminders go to people). */
export const STAFF_ROLES = ['legal', 'committee', 'lawyer'] as const;
export const staffInputSchema = z.strictObject({
  name: text(200),
  role: z.enum(STAFF_ROLES),
  language: languageSchema.default('fr'),
  active: z.boolean().default(true),
});
export type StaffRole = (typeof STAFF_ROLES)[number];
export type StaffInput = z.output<typeof staffInputSchema>;

/** A member of the directory: the output of its schema (./staff-schema.ts), so the two cannot drift. */
export type StaffMember = z.output<typeof staffMemberSchema>;
