import * as z from 'zod';
import { SIREN_LENGTH } from './limits';
import { ISO_COUNTRIES } from './countries';
import { isValidSiren } from './siren';
import { emailSchema, idSchema, languageSchema, pctSchema, text } from './common';
import { sumPct } from './decimal';

/** Linked shareholders are mirrored as holding links in the same transaction (DynamoDB: 100 items at most). */
export const MAX_LINKED_SHAREHOLDERS = 50;

export const ORGANIZATION_CATEGORIES = ['startup', 'sme', 'midcap', 'large', 'public-lab', 'university', 'other'] as const;

export const orgIdSchema = idSchema('org');
/** Bases of control below a majority (Code de commerce L233-3): agreement I 2°, de facto I 3°, appointment I 4°, concert III. */
export const CONTROL_BASES = ['agreement', 'de-facto', 'appointment', 'concert'] as const;
export type ControlBasis = (typeof CONTROL_BASES)[number];
export const countrySchema = z.enum(ISO_COUNTRIES, { message: 'Must be an ISO 3166-1 alpha-2 country code, e.g. FR' });

export const shareholderSchema = z.strictObject({
  name: text(200),
  country: countrySchema,
  votingRightsPct: pctSchema,
  /** Set when the shareholder is itself a registered organization: the control chain is walked through it. */
  organizationId: orgIdSchema.optional(),
  /** Control per Code de commerce L233-3 even below 50 % (e.g. by agreement or de facto). Prefer `controlBasis`, which names the clause. */
  controlling: z.boolean().optional(),
  /** The clause of L233-3 by which it controls below a majority: agreement I 2°, de-facto I 3°, appointment I 4°, concert III. */
  controlBasis: z.enum(CONTROL_BASES).optional(),
  /** The shareholder is a natural person (nationality and tax domicile matter for CMF R151-1). */
  naturalPerson: z.boolean().optional(),
  /** Natural persons: the tax-domicile country; a French national domiciled abroad is a foreign investor (CMF R151-1 2°). Absent: the nationality's. */
  taxDomicileCountry: countrySchema.optional(),
});

export const representativeSchema = z.strictObject({
  name: text(200),
  email: emailSchema,
  language: languageSchema.default('fr'),
  position: text(200).optional(),
});

export const registeredAddressSchema = z.strictObject({
  street: text(300),
  postalCode: text(20),
  city: text(200),
});
export type RegisteredAddress = z.output<typeof registeredAddressSchema>;

const organizationFields = {
  legalName: text(300),
  siren: z
    .string()
    .max(SIREN_LENGTH, { message: 'Must be a valid SIREN: 9 digits with a valid check digit', abort: true })
    .refine(isValidSiren, 'Must be a valid SIREN: 9 digits with a valid check digit')
    .optional(),
  registrationId: text(100).optional(),
  country: countrySchema,
  category: z.enum(ORGANIZATION_CATEGORIES),
  listed: z.boolean().default(false),
  zrr: z.boolean().default(false),
  city: text(200).optional(),
  /** The registered office, as printed in the consortium agreement's parties (its country is `country`). */
  registeredAddress: registeredAddressSchema.optional(),
  activityDescription: text(2000).optional(),
  shareholders: z.array(shareholderSchema).max(200, 'At most 200 shareholders').default([]),
  representatives: z.array(representativeSchema).max(20).default([]),
};

type OrgShape = {
  country?: string | undefined;
  siren?: string | undefined;
  registrationId?: string | undefined;
  shareholders?:
    | {
        votingRightsPct: number;
        organizationId?: string | undefined;
        naturalPerson?: boolean | undefined;
        taxDomicileCountry?: string | undefined;
        controlBasis?: string | undefined;
        controlling?: boolean | undefined;
      }[]
    | undefined;
};

/** Cross-field rules shared by create and by the merged result of a PATCH. */
export function checkOrganization(org: OrgShape, ctx: z.core.$RefinementCtx, selfId?: string): void {
  if (org.country === 'FR' && !org.siren) {
    ctx.addIssue({ code: 'custom', path: ['siren'], message: 'Required for a French organization' });
  }
  if (org.country && org.country !== 'FR' && !org.registrationId) {
    ctx.addIssue({ code: 'custom', path: ['registrationId'], message: 'Required for a foreign organization' });
  }
  if (org.country && org.country !== 'FR' && org.siren) {
    ctx.addIssue({ code: 'custom', path: ['siren'], message: 'Only French organizations have a SIREN; use registrationId' });
  }
  const shareholders = org.shareholders ?? [];
  if (sumPct(shareholders.map((s) => s.votingRightsPct)).gt(100)) {
    ctx.addIssue({ code: 'custom', path: ['shareholders'], message: 'Voting rights add up to more than 100 %' });
  }
  if (shareholders.filter((s) => s.organizationId).length > MAX_LINKED_SHAREHOLDERS) {
    ctx.addIssue({ code: 'custom', path: ['shareholders'], message: `At most ${MAX_LINKED_SHAREHOLDERS} shareholders linked to registered organizations` });
  }
  shareholders.forEach((s, i) => {
    if (s.taxDomicileCountry !== undefined && s.naturalPerson !== true) {
      ctx.addIssue({ code: 'custom', path: ['shareholders', i, 'taxDomicileCountry'], message: 'Applies to natural persons only (set naturalPerson: true)' });
    }
    if (s.controlBasis !== undefined && s.controlling === false) {
      ctx.addIssue({
        code: 'custom',
        path: ['shareholders', i, 'controlBasis'],
        message: 'A control basis means the shareholder controls: controlling cannot be false',
      });
    }
    if (selfId && s.organizationId === selfId) {
      ctx.addIssue({ code: 'custom', path: ['shareholders', i, 'organizationId'], message: 'An organization cannot hold itself' });
    }
  });
}

export const organizationInputSchema = z.strictObject(organizationFields).superRefine((org, ctx) => checkOrganization(org, ctx));
export type OrganizationInput = z.output<typeof organizationInputSchema>;

/** PATCH body: any subset of the fields (arrays replace whole). Defaults are not applied to absent fields. */
export const organizationPatchSchema = z.strictObject({
  legalName: organizationFields.legalName.optional(),
  siren: organizationFields.siren,
  registrationId: organizationFields.registrationId,
  country: countrySchema.optional(),
  category: z.enum(ORGANIZATION_CATEGORIES).optional(),
  listed: z.boolean().optional(),
  zrr: z.boolean().optional(),
  city: organizationFields.city,
  registeredAddress: organizationFields.registeredAddress,
  activityDescription: organizationFields.activityDescription,
  shareholders: z.array(shareholderSchema).max(200).optional(),
  representatives: z.array(representativeSchema).max(20).optional(),
});
export type OrganizationPatch = z.output<typeof organizationPatchSchema>;

export interface Organization extends OrganizationInput {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type Shareholder = z.output<typeof shareholderSchema>;

/**
 * Shareholder links between organizations must not form a cycle (A holds B holds A).
 * `holdersOf(id)` gives the organization ids holding shares in `id` (from the store).
 * Returns the cycle as a list of ids, or null.
 */
export function findShareholdingCycle(startId: string, directHolders: readonly string[], holdersOf: (id: string) => readonly string[]): string[] | null {
  const stack: { id: string; path: string[] }[] = directHolders.map((h) => ({ id: h, path: [startId, h] }));
  const seen = new Set<string>();
  while (stack.length) {
    const { id, path } = stack.pop()!;
    if (id === startId) return path;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const h of holdersOf(id)) stack.push({ id: h, path: [...path, h] });
  }
  return null;
}
