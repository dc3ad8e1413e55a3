import type * as z from 'zod';
import { declarationDateSchema } from '../declaration';
import { organizationInputSchema } from '../organization';
import { projectInputSchema } from '../project';
import { PARTNERS_MAX } from '../limits';

/**
 * Rules the zod schemas state with refine/superRefine that JSON Schema 2020-12 can state too, keyed by the
 * zod schema instance they belong to (so a field schema shared by the create and PATCH bodies gets them in
 * both). ./json-schema.ts merges these keywords into the rendering of that instance.
 *
 * Keep each entry equivalent to its zod rule: test/unit/forms.test.ts runs the same corpus through zod and
 * through Ajv on the served JSON Schema and requires the same verdict.
 *
 * Not here because JSON Schema cannot say it (zod-only, the server answers 400 with the field path):
 * SIREN check digit (Luhn), percentages with at most 4 decimals, voting rights adding up to ≤ 100 %,
 * end date after start date, the same organization listed twice among the partners.
 */
export interface SchemaRule {
  schema: z.ZodType;
  keywords: Record<string, unknown>;
  /** The zod rule it mirrors, for reviewers. */
  mirrors: string;
}

const sirenString = organizationInputSchema.shape.siren.unwrap();
const technologyDomains = projectInputSchema.shape.technologyDomains;

/** `required` that also names the properties, so that Ajv's strict mode (strictRequired) accepts the subschema. */
const requires = (...names: string[]) => ({ type: 'object', properties: Object.fromEntries(names.map((n) => [n, true])), required: names });

/** Country FR → SIREN required; any other country → registrationId required and no SIREN (checkOrganization). */
export const ORGANIZATION_IDENTIFIER_RULE = {
  if: { type: 'object', properties: { country: { const: 'FR' } }, required: ['country'] },
  then: requires('siren'),
  else: { ...requires('registrationId'), not: requires('siren') },
};

/** A non-empty partner list has exactly one coordinator (projectInputSchema). */
export const ONE_COORDINATOR_RULE = {
  type: 'object',
  properties: {
    partners: {
      // Typed here (items: partners' own schema), so that `if`/`then` need no type of their own.
      type: 'array',
      items: {},
      maxItems: PARTNERS_MAX,
      if: { minItems: 1 },
      then: {
        contains: { type: 'object', properties: { role: { const: 'coordinator' } }, required: ['role'] },
        minContains: 1,
        maxContains: 1,
      },
    },
  },
};

export const SCHEMA_RULES: readonly SchemaRule[] = [
  { schema: sirenString, keywords: { pattern: '^[0-9]{9}$' }, mirrors: 'isValidSiren: 9 digits (the check digit stays zod-only)' },
  { schema: technologyDomains, keywords: { uniqueItems: true }, mirrors: "technologyDomains refine 'Each domain only once'" },
  {
    schema: organizationInputSchema,
    keywords: { allOf: [ORGANIZATION_IDENTIFIER_RULE] },
    mirrors: 'checkOrganization: SIREN for FR, registrationId otherwise',
  },
  {
    schema: projectInputSchema,
    keywords: { allOf: [ONE_COORDINATOR_RULE] },
    mirrors: "projectInputSchema superRefine 'Exactly one partner must be the coordinator'",
  },
  // zod renders `z.iso.date().regex(…)` with its two patterns but drops `format: "date"` (the regex check
  // replaces the format). Put it back: it adds nothing the patterns do not already refuse (they are stricter:
  // existing dates from 1900 to 2099), and tells generic form renderers and validators that this is a date.
  { schema: declarationDateSchema, keywords: { format: 'date' }, mirrors: 'declarationDateSchema: z.iso.date() (+ 1900–2099 pattern)' },
];
