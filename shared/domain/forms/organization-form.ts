import { organizationInputSchema } from '../organization';
import type { FormDefinition } from './registry';

/** `GET /forms/organization`: the body of `POST /organizations`. */
export const organizationForm: FormDefinition = {
  id: 'organization',
  schema: organizationInputSchema,
  layout: {
    sections: [
      { id: 'identity', fields: ['legalName', 'country', 'siren', 'registrationId', 'category'] },
      { id: 'profile', fields: ['registeredAddress', 'city', 'activityDescription', 'listed', 'zrr'] },
      { id: 'control', fields: ['shareholders'] },
      { id: 'contacts', fields: ['representatives'] },
    ],
    order: {
      shareholders: ['name', 'naturalPerson', 'country', 'taxDomicileCountry', 'votingRightsPct', 'controlling', 'controlBasis', 'organizationId'],
      representatives: ['name', 'email', 'position', 'language'],
      registeredAddress: ['street', 'postalCode', 'city'],
    },
    widgets: {
      activityDescription: 'textarea',
      'shareholders.organizationId': 'organization-picker',
      'shareholders.votingRightsPct': 'percent',
    },
    options: {
      siren: { inputMode: 'numeric', maxLength: 9, showIf: { field: 'country', equals: 'FR' } },
      registrationId: { showIf: { field: 'country', notEquals: 'FR' } },
      'shareholders.votingRightsPct': { min: 0, max: 100, step: 0.0001, unit: '%' },
    },
    rules: [
      { id: 'identifier-by-country', fields: ['country', 'siren', 'registrationId'], enforcedBy: 'schema' },
      { id: 'siren-check-digit', fields: ['siren'], enforcedBy: 'server' },
      { id: 'pct-decimals', fields: ['shareholders.votingRightsPct'], enforcedBy: 'server' },
      { id: 'voting-rights-total', fields: ['shareholders'], enforcedBy: 'server' },
      { id: 'shareholder-links', fields: ['shareholders.organizationId'], enforcedBy: 'server' },
    ],
  },
};
