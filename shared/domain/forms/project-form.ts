import { projectInputSchema } from '../project';
import type { FormDefinition } from './registry';

/** `GET /forms/project`: the body of `POST /projects`. */
export const projectForm: FormDefinition = {
  id: 'project',
  schema: projectInputSchema,
  layout: {
    sections: [
      { id: 'general', fields: ['acronym', 'title', 'summary'] },
      { id: 'funding', fields: ['fundingScheme', 'technologyDomains'] },
      { id: 'schedule', fields: ['startDate', 'endDate'] },
      { id: 'consortium', fields: ['partners'] },
    ],
    order: { partners: ['organizationId', 'role'] },
    widgets: { summary: 'textarea', 'partners.organizationId': 'organization-picker' },
    options: {
      acronym: { maxLength: 30 },
      endDate: { after: 'startDate' },
    },
    rules: [
      { id: 'domains-unique', fields: ['technologyDomains'], enforcedBy: 'schema' },
      { id: 'one-coordinator', fields: ['partners', 'partners.role'], enforcedBy: 'schema' },
      { id: 'end-after-start', fields: ['startDate', 'endDate'], enforcedBy: 'server' },
      { id: 'partner-once', fields: ['partners.organizationId'], enforcedBy: 'server' },
      { id: 'partners-registered', fields: ['partners.organizationId'], enforcedBy: 'server' },
    ],
  },
};
