import * as z from 'zod';
import { countrySchema, organizationInputSchema, orgIdSchema } from '../../domain/organization';
import { datetime, pageOf, version } from './common';
import { L233_3_CLAUSES } from '../../domain/risk/control-law';

export const organizationSchema = z.object({
  ...organizationInputSchema.shape,
  id: orgIdSchema,
  version,
  createdAt: datetime,
  updatedAt: datetime,
});
export const organizationPageSchema = pageOf(organizationSchema);

/** A link of a control chain (shared/domain/risk/context.ts `ChainLink`). */
export const chainLinkSchema = z.object({
  name: z.string(),
  country: z.string().describe('ISO 3166-1 alpha-2: of the registered organization when linked, else as declared'),
  organizationId: orgIdSchema.optional().describe('Set when the holder is a registered organization'),
  votingRightsPct: z.number().describe('Its voting rights in the organization below it'),
  controlling: z.boolean().describe('Control per Code de commerce L233-3: more than 50 %, a declared basis, marked controlling, or presumed (II)'),
  controlClause: z
    .enum(L233_3_CLAUSES)
    .nullable()
    .describe(
      'The clause of L233-3 by which it controls: I-1 majority, I-2 agreement, I-3 de facto, I-4 appointment, II presumption > 40 %, III concert, I declared',
    ),
  naturalPerson: z.boolean(),
  foreign: z.boolean().describe('Foreign in the sense of CMF R151-1'),
  foreignBy: z
    .enum(['nationality', 'tax-domicile', 'seat'])
    .nullable()
    .describe('Why it is foreign: R151-1 1° nationality, 2° a French national tax-domiciled abroad, 3° an entity under foreign law'),
  taxDomicileCountry: z.string().nullable().optional().describe('Natural persons: the tax domicile (null: outside France, country unknown)'),
  nonEuEea: z.boolean().describe('Outside the EU/EEA (the thresholds of CMF R151-2 3° apply)'),
  unresolved: z.boolean().optional().describe('Names an organization that is not registered (or beyond the depth read): the chain stops there'),
});

/** `GET /organizations/{orgId}/control-chain` (shared/domain/risk/control-chain.ts `ControlChainView`). */
export const controlChainSchema = z.object({
  organizationId: orgIdSchema,
  legalName: z.string(),
  country: countrySchema,
  listed: z.boolean(),
  thresholdPct: z.number().describe('The R151-2 threshold of voting rights for non-EU/EEA investors: 25, or 10 for a listed company'),
  nodes: z
    .array(
      chainLinkSchema.extend({
        id: z.string().describe('Path of 1-based indexes from the organization: `2.1` is the first shareholder of its second shareholder'),
        parentId: z.string().nullable().describe('null for a direct shareholder'),
        depth: z.number().int().min(1),
        controls: z.boolean().describe('Every holding from the organization up to this holder is a control holding: it controls the organization'),
        screened: z
          .boolean()
          .describe('On a chain that IEF-FOREIGN-CONTROL screens (a direct shareholder that controls or reaches the threshold, then its controllers)'),
        cycle: z.boolean().optional().describe('A shareholding cycle: the holder already appears below on this branch, not expanded again'),
        truncated: z.boolean().optional().describe('Not expanded: the bounds of the tree were reached'),
      }),
    )
    .describe('The shareholders, walked up through those that are registered organizations, depth first'),
  foreignControllers: z.array(chainLinkSchema).describe('Foreign holders among those controlling the organization, directly or indirectly'),
  iefFindings: z
    .array(
      z.object({
        shareholderName: z.string(),
        votingRightsPct: z.number(),
        basis: z.array(z.enum(['control', 'threshold'])),
        foreignInvestors: z.array(chainLinkSchema),
      }),
    )
    .describe('Direct shareholders on which IEF-FOREIGN-CONTROL rests when a project of the organization is in a sensitive domain'),
  unresolved: z.array(z.string()),
  truncated: z.boolean(),
});
