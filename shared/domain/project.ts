import * as z from 'zod';
import { ACRONYM_MAX_LENGTH, PARTNERS_MAX, TEXT_PADDING_MAX } from './limits';
import { idSchema, isoDateSchema, text } from './common';
import { orgIdSchema } from './organization';

/**
 * Technology domains. The first group is the critical-technology list of the arrêté of 31 Dec 2019 art. 6
 * as amended (CMF R151-3 III, docs/reference/domain.md IEF-4); the second group are domains that matter for PPST/dual-use
 * checks but are not on that list (nanotechnologies notably).
 */
export const CRITICAL_TECHNOLOGY_DOMAINS = [
  'cybersecurity',
  'artificial-intelligence',
  'robotics',
  'additive-manufacturing',
  'semiconductors',
  'quantum',
  'energy-storage',
  'biotechnologies',
  'low-carbon-energy',
  'photonics',
] as const;
export const OTHER_TECHNOLOGY_DOMAINS = [
  'nanotechnologies',
  'microelectronics',
  'micro-nanosystems',
  'space',
  'health',
  'telecommunications',
  'materials',
  'software',
  'other',
] as const;
export const TECHNOLOGY_DOMAINS = [...CRITICAL_TECHNOLOGY_DOMAINS, ...OTHER_TECHNOLOGY_DOMAINS] as const;
export const technologyDomainSchema = z.enum(TECHNOLOGY_DOMAINS);
export type TechnologyDomain = z.infer<typeof technologyDomainSchema>;
export const isCriticalTechnology = (d: string): boolean => (CRITICAL_TECHNOLOGY_DOMAINS as readonly string[]).includes(d);

export const FUNDING_SCHEMES = ['france-2030', 'pspc', 'fui', 'anr', 'bpifrance', 'region', 'horizon-europe', 'eureka', 'private', 'other'] as const;

export const PARTNER_ROLES = ['coordinator', 'partner', 'subcontractor'] as const;
export const partnerRoleSchema = z.enum(PARTNER_ROLES);
export type PartnerRole = z.infer<typeof partnerRoleSchema>;

export const projectIdSchema = idSchema('prj');

export const membershipInputSchema = z.strictObject({ role: partnerRoleSchema });
export const partnerEntrySchema = z.strictObject({ organizationId: orgIdSchema, role: partnerRoleSchema });

const projectFields = {
  acronym: z
    .string()
    .max(ACRONYM_MAX_LENGTH + TEXT_PADDING_MAX, { message: 'Up to 30 letters, digits and - _ + . characters', abort: true })
    .trim()
    .regex(new RegExp(`^[A-Za-z0-9][A-Za-z0-9\\-_+. ]{0,${ACRONYM_MAX_LENGTH - 1}}$`), 'Up to 30 letters, digits and - _ + . characters'),
  title: text(300),
  summary: text(5000).optional(),
  fundingScheme: z.enum(FUNDING_SCHEMES),
  technologyDomains: z
    .array(technologyDomainSchema)
    .min(1, 'At least one technology domain')
    .max(20)
    .refine((a) => new Set(a).size === a.length, 'Each domain only once'),
  startDate: isoDateSchema,
  endDate: isoDateSchema,
};

type DatesShape = { startDate?: string | undefined; endDate?: string | undefined };
/** The end date must be after the start date (also checked on the merged result of a PATCH). */
export function projectDateErrors(p: DatesShape): { path: string[]; message: string }[] {
  return p.startDate && p.endDate && p.endDate <= p.startDate ? [{ path: ['endDate'], message: 'Must be after the start date' }] : [];
}

export const projectInputSchema = z
  .strictObject({ ...projectFields, partners: z.array(partnerEntrySchema).max(PARTNERS_MAX).default([]) })
  .superRefine((p, ctx) => {
    for (const e of projectDateErrors(p)) ctx.addIssue({ code: 'custom', ...e });
    if (p.partners.length > 0) {
      const coordinators = p.partners.filter((x) => x.role === 'coordinator').length;
      if (coordinators !== 1) {
        ctx.addIssue({ code: 'custom', path: ['partners'], message: 'Exactly one partner must be the coordinator' });
      }
    }
    const seen = new Set<string>();
    p.partners.forEach((x, i) => {
      if (seen.has(x.organizationId)) {
        ctx.addIssue({ code: 'custom', path: ['partners', i, 'organizationId'], message: 'Listed twice' });
      }
      seen.add(x.organizationId);
    });
  });
export type ProjectInput = z.output<typeof projectInputSchema>;

export const projectPatchSchema = z.strictObject({
  acronym: projectFields.acronym.optional(),
  title: projectFields.title.optional(),
  summary: projectFields.summary,
  fundingScheme: projectFields.fundingScheme.optional(),
  technologyDomains: projectFields.technologyDomains.optional(),
  startDate: isoDateSchema.optional(),
  endDate: isoDateSchema.optional(),
});
export type ProjectPatch = z.output<typeof projectPatchSchema>;

export type ProjectStatus = 'draft' | 'declarations' | 'review' | 'approved' | 'signed' | 'rejected';

export interface Project extends Omit<ProjectInput, 'partners'> {
  id: string;
  status: ProjectStatus;
  coordinatorOrgId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Membership {
  projectId: string;
  organizationId: string;
  role: PartnerRole;
  version: number;
  addedAt: string;
}

export interface ProjectView extends Project {
  partners: { organizationId: string; role: PartnerRole; addedAt: string }[];
}
