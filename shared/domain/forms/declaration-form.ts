import { declarationDraftSchema, declarationSubmitSchema } from '../declaration';
import type { FormDefinition } from './registry';
import type { FormRule } from './ui-schema';

/**
 * `GET /forms/declaration`: the IP declaration of one organization in one project (docs/declarations.md).
 *
 * Mode `draft`. The served `schema` is the JSON Schema of {@link declarationDraftSchema}, the schema
 * `PUT /projects/{id}/declarations/{orgId}` validates every saved version with: every field optional, what is
 * present well typed, unknown fields refused, limits applied, conditional parts (export control only on
 * technology items, territory only on exploitation rights) enforced. The document also carries `submitSchema`,
 * the JSON Schema of {@link declarationSubmitSchema} that `POST …/submit` applies (complete declaration), so a
 * UI can validate a draft against it and list what is still missing before the partner submits. The rules the
 * server adds at submit (shares adding up to 100, owners among the partners, dates in order…) are in the
 * uiSchema's `ui:rules` with `enforcedBy: 'server'` and `when: 'submit'`.
 *
 * Labels and help texts: ./labels.ts (`forms.declaration`, typed by the declaration's field paths, so a field
 * without a label fails the type check).
 */

export const DECLARATION_SECTIONS = ['signatory', 'background', 'results', 'accessRights', 'confidentiality'] as const;
export type DeclarationSectionId = (typeof DECLARATION_SECTIONS)[number];

const rule = (id: string, fields: string[], enforcedBy: FormRule['enforcedBy'], when: NonNullable<FormRule['when']>) =>
  ({ id, fields, enforcedBy, when }) as const;

/** The rules of the declaration, in words (messages in ./labels.ts). */
export const DECLARATION_RULES = [
  // In the JSON Schema of every draft (`schema`): a client-side validator enforces them.
  rule('export-control-technology-only', ['background.type', 'background.exportControl'], 'schema', 'save'),
  rule('annex-entry-in-category', ['background.exportControl.category', 'background.exportControl.annexIEntry'], 'schema', 'save'),
  rule('territory-exploitation-only', ['accessRights.purpose', 'accessRights.territory'], 'schema', 'save'),
  rule('territory-countries', ['accessRights.territory.scope', 'accessRights.territory.countries'], 'schema', 'save'),
  rule(
    'owner-partner-or-third-party',
    ['background.owners', 'background.owners.organizationId', 'background.owners.thirdPartyName', 'background.owners.country'],
    'schema',
    'save',
  ),
  rule('patent-number-format', ['background.identifiers.kind', 'background.identifiers.value'], 'schema', 'save'),
  rule(
    'lists-unique',
    ['background.jurisdictions', 'background.documentIds', 'results.technologyDomains', 'accessRights.territory.countries'],
    'schema',
    'save',
  ),
  rule('list-limits', ['background', 'results', 'accessRights', 'contacts'], 'schema', 'save'),
  rule('confidentiality-survives', ['confidentiality.survivesProject'], 'schema', 'save'),
  // Refinements JSON Schema cannot state: the server refuses the save (400, one error per field path).
  rule('keys-unique', ['background.key', 'results.key', 'accessRights.key'], 'server', 'save'),
  rule('share-decimals', ['results.ownership.pct'], 'server', 'save'),
  // In `submitSchema`: what a complete declaration must contain.
  rule('submit-complete', ['background', 'results', 'accessRights', 'confidentiality', 'signatory', 'contacts'], 'schema', 'submit'),
  // Cross-field rules of `POST …/submit` (shared/domain/declaration.ts submitErrors): server only.
  rule('shares-total', ['results.ownership', 'results.ownership.pct'], 'server', 'submit'),
  rule('shareholders-in-project', ['results.ownership.organizationId'], 'server', 'submit'),
  rule('owners-in-project', ['background.owners.organizationId'], 'server', 'submit'),
  rule('patent-identifier', ['background.type', 'background.identifiers'], 'server', 'submit'),
  rule('priority-date', ['background.type', 'background.priorityDate'], 'server', 'submit'),
  rule('case-by-case-text', ['background.executionConditions.text', 'background.exploitationConditions.text'], 'server', 'submit'),
  rule('publication-after-filing', ['results.plannedFilingDate', 'results.plannedPublications.date'], 'server', 'submit'),
  rule('access-parties', ['accessRights.direction', 'accessRights.beneficiaryOrganizationId', 'accessRights.grantorOrganizationId'], 'server', 'submit'),
  rule(
    'access-subject-exists',
    ['accessRights.subject.itemKey', 'accessRights.subject.resultKey', 'accessRights.subject.ownerOrganizationId'],
    'server',
    'submit',
  ),
] as const satisfies readonly FormRule[];
export type DeclarationRuleId = (typeof DECLARATION_RULES)[number]['id'];

const conditionsOrder = ['regime', 'text'];
const personOrder = ['name', 'position', 'email'];
const caseByCaseText = { requiredIf: { field: 'regime', equals: 'case-by-case', when: 'submit' } };

export const declarationForm: FormDefinition = {
  id: 'declaration',
  schema: declarationDraftSchema,
  submitSchema: declarationSubmitSchema,
  layout: {
    sections: [
      { id: 'signatory', fields: ['signatory', 'contacts'] },
      { id: 'background', fields: ['background'] },
      { id: 'results', fields: ['results'] },
      { id: 'accessRights', fields: ['accessRights'] },
      { id: 'confidentiality', fields: ['confidentiality'] },
    ] satisfies { id: DeclarationSectionId; fields: string[] }[],
    order: {
      signatory: personOrder,
      contacts: personOrder,
      background: [
        'key',
        'type',
        'title',
        'description',
        'identifiers',
        'owners',
        'jurisdictions',
        'priorityDate',
        'executionConditions',
        'exploitationConditions',
        'exportControl',
        'fromZrr',
        'documentIds',
      ],
      'background.identifiers': ['kind', 'value'],
      'background.owners': ['organizationId', 'thirdPartyName', 'country'],
      'background.executionConditions': conditionsOrder,
      'background.exploitationConditions': conditionsOrder,
      'background.exportControl': ['category', 'annexIEntry'],
      results: ['key', 'title', 'description', 'technologyDomains', 'ownership', 'plannedFilingDate', 'plannedPublications'],
      'results.ownership': ['organizationId', 'pct'],
      'results.plannedPublications': ['venue', 'date'],
      accessRights: [
        'key',
        'direction',
        'purpose',
        'beneficiaryOrganizationId',
        'grantorOrganizationId',
        'subject',
        'exclusive',
        'fieldOfUse',
        'territory',
        'terms',
      ],
      'accessRights.subject': ['kind', 'itemKey', 'ownerOrganizationId', 'resultKey'],
      'accessRights.territory': ['scope', 'countries'],
      confidentiality: ['termYears', 'survivesProject'],
    },
    widgets: {
      'background.key': 'item-key',
      'results.key': 'item-key',
      'accessRights.key': 'item-key',
      'background.description': 'textarea',
      'results.description': 'textarea',
      'background.executionConditions.regime': 'radio',
      'background.exploitationConditions.regime': 'radio',
      'background.executionConditions.text': 'textarea',
      'background.exploitationConditions.text': 'textarea',
      'background.owners.organizationId': 'organization-picker',
      'background.jurisdictions': 'multiselect',
      'background.priorityDate': 'date',
      'background.exportControl.category': 'select',
      'background.documentIds': 'document-picker',
      'results.ownership.organizationId': 'organization-picker',
      'results.ownership.pct': 'percent',
      'results.plannedFilingDate': 'date',
      'results.plannedPublications.date': 'date',
      'accessRights.direction': 'radio',
      'accessRights.purpose': 'radio',
      'accessRights.beneficiaryOrganizationId': 'organization-picker',
      'accessRights.grantorOrganizationId': 'organization-picker',
      'accessRights.subject.kind': 'radio',
      'accessRights.subject.itemKey': 'item-key-picker',
      'accessRights.subject.resultKey': 'item-key-picker',
      'accessRights.subject.ownerOrganizationId': 'organization-picker',
      'accessRights.fieldOfUse': 'textarea',
      'accessRights.terms': 'textarea',
      'accessRights.territory.scope': 'radio',
      'accessRights.territory.countries': 'multiselect',
      'confidentiality.survivesProject': 'checkbox',
    },
    options: {
      'background.key': { keyPrefix: 'bg-' },
      'results.key': { keyPrefix: 'r-' },
      'accessRights.key': { keyPrefix: 'ar-' },
      'background.owners.organizationId': { among: 'project-partners' },
      'results.ownership.organizationId': { among: 'project-partners' },
      'accessRights.beneficiaryOrganizationId': { among: 'project-partners' },
      'accessRights.grantorOrganizationId': { among: 'project-partners' },
      'accessRights.subject.ownerOrganizationId': { among: 'project-partners' },
      'background.documentIds': { among: 'project-documents' },
      'background.executionConditions.text': caseByCaseText,
      'background.exploitationConditions.text': caseByCaseText,
      'results.ownership': { sumOf: 'pct', mustEqual: 100, when: 'submit' },
      'results.ownership.pct': { min: 0, exclusiveMin: true, max: 100, step: 0.0001, unit: '%' },
      'results.plannedPublications.date': { notBefore: 'results.plannedFilingDate', when: 'submit' },
      'accessRights.subject.itemKey': { keysOf: 'background' },
      'accessRights.subject.resultKey': { keysOf: 'results' },
      'confidentiality.termYears': { min: 1, max: 20, step: 1 },
      'confidentiality.survivesProject': { default: true, readonly: true },
    },
    rules: [...DECLARATION_RULES],
  },
};
