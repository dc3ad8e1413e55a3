/** Routes of the Lambda group "forms" (see ../route.ts). */
import { defineRoute } from '../route';
import { formQuerySchema } from '../../domain/forms/registry';
import { formDocumentSchema } from '../responses/forms';

export const getForm = defineRoute({
  method: 'GET',
  path: '/forms/{formId}',
  handler: 'forms/get-form',
  group: 'forms',
  roles: ['legal', 'committee', 'lawyer', 'partner'],
  summary: 'Form schema and uiSchema',
  tags: ['forms'],
  query: formQuerySchema,
  response: formDocumentSchema,
});
