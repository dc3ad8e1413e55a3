/** Routes of the Lambda group "risk" (see ../route.ts). */
import { defineRoute, LEGAL, STAFF_READ } from '../route';
import { controlEventInputSchema, controlEventPatchSchema, controlEventWithdrawalSchema } from '../../domain/control-event';
import { flagActionBodySchema, manualFlagBodySchema } from '../../domain/risk/lifecycle';
import {
  controlEventPageSchema,
  controlEventChangedSchema,
  controlEventDetailSchema,
  controlEventRecordedSchema,
  controlEventSimulationSchema,
  flagPageSchema,
  flagQuerySchema,
  flagSchema,
  openFlagPageSchema,
  openFlagQuerySchema,
  poleControlEventPageSchema,
  poleControlEventQuerySchema,
} from '../responses/risk';

export const listFlags = defineRoute({
  method: 'GET',
  path: '/projects/{projectId}/flags',
  handler: 'risk/list-flags',
  group: 'risk',
  roles: ['legal', 'committee', 'lawyer'],
  summary: "A project's risk flags (?status=&severity=)",
  tags: ['risk'],
  query: flagQuerySchema,
  response: flagPageSchema,
});
export const createFlag = defineRoute({
  method: 'POST',
  path: '/projects/{projectId}/flags',
  handler: 'risk/create-flag',
  group: 'risk',
  roles: LEGAL,
  summary: 'Add a manual flag',
  tags: ['risk'],
  body: manualFlagBodySchema,
  status: 201,
  response: flagSchema,
  after: ['notify-flags'],
});
export const flagAction = defineRoute({
  method: 'POST',
  path: '/projects/{projectId}/flags/{flagId}/actions',
  handler: 'risk/flag-action',
  group: 'risk',
  roles: STAFF_READ,
  summary: 'Acknowledge, mitigate, waive (legal) or reopen a flag',
  tags: ['risk'],
  body: flagActionBodySchema,
  response: flagSchema,
  after: [],
});
export const listOpenFlags = defineRoute({
  method: 'GET',
  path: '/flags',
  handler: 'risk/list-open-flags',
  group: 'risk',
  roles: STAFF_READ,
  summary: 'Open flags across all projects (?severity=high,critical)',
  tags: ['risk'],
  query: openFlagQuerySchema,
  response: openFlagPageSchema,
});
export const recordControlEvent = defineRoute({
  method: 'POST',
  path: '/organizations/{orgId}/control-events',
  handler: 'organizations/record-control-event',
  group: 'risk',
  roles: LEGAL,
  summary: 'Record a shareholding change or an acquisition; re-evaluates every project of the organization',
  tags: ['risk'],
  body: controlEventInputSchema,
  status: 201,
  response: controlEventRecordedSchema,
  after: ['reevaluate-organization'],
});
export const listControlEvents = defineRoute({
  method: 'GET',
  path: '/organizations/{orgId}/control-events',
  handler: 'organizations/list-control-events',
  group: 'risk',
  roles: STAFF_READ,
  summary: "An organization's control events",
  tags: ['risk'],
  response: controlEventPageSchema,
});
export const listPoleControlEvents = defineRoute({
  method: 'GET',
  path: '/control-events',
  handler: 'risk/list-pole-control-events',
  group: 'risk',
  roles: STAFF_READ,
  summary: 'Control events of every organization, most recently recorded first (?from=&limit=&cursor=)',
  tags: ['risk'],
  query: poleControlEventQuerySchema,
  response: poleControlEventPageSchema,
});
export const getControlEvent = defineRoute({
  method: 'GET',
  path: '/organizations/{orgId}/control-events/{eventId}',
  handler: 'organizations/get-control-event',
  group: 'risk',
  roles: STAFF_READ,
  summary: 'A control event and its versions (recorded, amended, withdrawn), oldest first; the ETag is its version',
  tags: ['risk'],
  response: controlEventDetailSchema,
});
export const amendControlEvent = defineRoute({
  method: 'PATCH',
  path: '/organizations/{orgId}/control-events/{eventId}',
  handler: 'organizations/amend-control-event',
  group: 'risk',
  roles: LEGAL,
  summary: 'Amend a control event (If-Match): percentages, date, status planned → completed, control basis, authorisation, description; re-evaluates',
  tags: ['risk'],
  requiresIfMatch: true,
  body: controlEventPatchSchema,
  response: controlEventChangedSchema,
  after: ['reevaluate-organization'],
});
export const withdrawControlEvent = defineRoute({
  method: 'POST',
  path: '/organizations/{orgId}/control-events/{eventId}/withdrawal',
  handler: 'organizations/withdraw-control-event',
  group: 'risk',
  roles: LEGAL,
  summary: 'Withdraw a control event with a reason (If-Match): it stays listed as withdrawn; the flags it caused close ("cause withdrawn")',
  tags: ['risk'],
  requiresIfMatch: true,
  body: controlEventWithdrawalSchema,
  response: controlEventChangedSchema,
  after: ['reevaluate-organization'],
});
export const simulateControlEvent = defineRoute({
  method: 'POST',
  path: '/organizations/{orgId}/control-events/simulate',
  handler: 'organizations/simulate-control-event',
  group: 'risk',
  roles: LEGAL,
  summary: 'What-if: the flags a control event would raise, update, reopen or close on every project of the organization, recording nothing',
  tags: ['risk'],
  body: controlEventInputSchema,
  response: controlEventSimulationSchema,
  after: [],
});
