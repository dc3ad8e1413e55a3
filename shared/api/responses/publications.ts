import * as z from 'zod';
import { actorSchema, instantSchema, versionSchema } from '../../domain/response-schema';
import { ANSWER_STATUSES, CONSENT_KINDS, HISTORY_ACTIONS, OBJECTION_GROUNDS, PUBLICATION_STATES } from '../../domain/publication';
import { pageOf } from './common';

const date = z.string().describe('Europe/Paris calendar date YYYY-MM-DD');

const termsSchema = z.object({
  noticeDays: z.number().int().describe('Prior notice, in calendar days (DESCA: 45)'),
  objectionDays: z.number().int().describe('Objection period after the notice, in calendar days (DESCA: 30)'),
  filingDelayDays: z.number().int().describe('Longest delay of a publication for a patent filing, from the objection (default 90)'),
});

const objectionSchema = z.object({
  grounds: z.enum(OBJECTION_GROUNDS),
  comment: z.string(),
  resultKeys: z.array(z.string()),
  filingBy: date.nullable(),
  delayUntil: date.nullable().describe('protection-first: no publication before this date'),
  at: instantSchema,
  by: actorSchema,
});

const answerSchema = z.object({
  organizationId: z.string(),
  status: z.enum(ANSWER_STATUSES),
  consent: z
    .enum(CONSENT_KINDS)
    .nullable()
    .describe('How the consent came: explicit, silence until the deadline, withdrawal of an objection, end of the filing delay'),
  deadline: date.describe('Last day to answer, until 24:00 Paris time'),
  remainingDays: z.number().int().nullable().describe('Days left until the deadline (0 on the last day) while pending; else null'),
  manuscriptVersion: z.number().int(),
  openedAt: instantSchema,
  objection: objectionSchema.nullable(),
  answeredAt: instantSchema.nullable(),
  answeredBy: actorSchema.nullable(),
});

const historySchema = z.object({
  version: z.number().int(),
  at: instantSchema,
  action: z.enum(HISTORY_ACTIONS),
  by: actorSchema.nullable().describe('null when the clock acted (silence, end of a delay, clearance)'),
  organizationId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

const manuscriptSchema = z.object({ version: z.number().int(), documentId: z.string(), at: instantSchema, by: actorSchema });

const common = {
  id: z.string(),
  projectId: z.string(),
  organizationId: z.string().describe('The publishing partner'),
  title: z.string(),
  authors: z.array(z.string()),
  venue: z.string(),
  plannedDate: date,
  resultKeys: z.array(z.string()),
  terms: termsSchema,
  givenAt: instantSchema,
  noticeDate: date,
  daysBeforePublication: z.number().int(),
  late: z.boolean().describe('Given fewer than `terms.noticeDays` before the planned date (flagged PUBLICATION-LATE-NOTICE)'),
  state: z.enum(PUBLICATION_STATES),
  remainingDays: z.number().int().nullable().describe('Days left until the last running deadline (null when none runs)'),
  earliestPublicationDate: date.describe('The planned date, or later when a protection-first objection delays it'),
  clearedAt: instantSchema.nullable(),
  manuscriptVersion: z.number().int(),
  documentId: z.string().describe('The current manuscript'),
  version: versionSchema,
  createdAt: instantSchema,
  updatedAt: instantSchema,
};

export const publicationSummarySchema = z.object({
  ...common,
  answers: z.array(answerSchema.pick({ organizationId: true, status: true, consent: true, deadline: true, remainingDays: true })),
});
export const publicationSchema = z.object({
  ...common,
  manuscripts: z.array(manuscriptSchema),
  answers: z.array(answerSchema).describe("Every other partner's answer (a partner other than the publisher sees only its own)"),
  history: z.array(historySchema),
  createdBy: actorSchema,
});
export const publicationPageSchema = pageOf(publicationSummarySchema);
