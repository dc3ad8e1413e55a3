import * as z from 'zod';
import { canonicalJson, sha256Hex } from '../audit';
import type { Declaration, DeclarationDraft } from '../declaration';
import type { Flag } from '../risk/lifecycle';
import type { Organization } from '../organization';
import type { PartnerRole, Project } from '../project';
import type { Lang } from '../i18n/lang';

/**
 * The content model of a consortium agreement (docs/agreements.md): a canonical JSON built from the approved IP
 * file. It is what the PDF shows, what is attached inside the PDF, and what its SHA-256 (printed on every page)
 * covers. Rendering it again with the same language gives the same bytes, so anyone holding the PDF can check
 * that it is the one approved (`npm run verify-agreement`).
 *
 * Everything the text needs is in here, already resolved (names, not ids only), so rendering needs no lookup.
 * Lists are in a fixed order (parties by legal name then id; items by key), so the model is deterministic.
 */

export const AGREEMENT_MODEL_SCHEMA = 'vigie.agreement/1';
export const CO_OWNERSHIP_REGIMES = ['legal-default', 'separate-regulation'] as const;
export type CoOwnershipRegime = (typeof CO_OWNERSHIP_REGIMES)[number];

/** DESCA defaults (docs/reference/domain.md §3.11). */
export const DEFAULT_PUBLICATION_TERMS = Object.freeze({ noticeDays: 45, objectionDays: 30, filingDelayDays: 90 });

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const instant = z.iso.datetime({ offset: true });
const day = z.iso.date();
const conditionsSchema = z.object({ regime: z.string(), text: z.string().nullable() });

export const agreementPartySchema = z.object({
  organizationId: z.string(),
  legalName: z.string(),
  role: z.string().describe('coordinator, partner or subcontractor'),
  category: z.string(),
  country: z.string(),
  siren: z.string().nullable(),
  registrationId: z.string().nullable(),
  registeredAddress: z.object({ street: z.string(), postalCode: z.string(), city: z.string() }).nullable(),
  signatory: z.object({ name: z.string(), position: z.string(), email: z.string() }),
  declaration: z.object({ version: z.number().int(), contentHash: sha256 }),
});

export const agreementBackgroundItemSchema = z.object({
  key: z.string(),
  title: z.string(),
  type: z.string(),
  description: z.string().nullable(),
  identifiers: z.array(z.object({ kind: z.string(), value: z.string() })),
  /** Owner names (partners by legal name, third parties by name and country). */
  owners: z.array(z.string()),
  jurisdictions: z.array(z.string()),
  executionConditions: conditionsSchema,
  exploitationConditions: conditionsSchema,
  fromZrr: z.boolean(),
  /** `none` or an Annex I category, with its entry when declared. */
  exportControl: z.object({ category: z.string(), annexIEntry: z.string().nullable() }).nullable(),
});

export const agreementResultSchema = z.object({
  key: z.string(),
  declaredBy: z.string().describe('organizationId of the declaring partner'),
  title: z.string(),
  description: z.string().nullable(),
  technologyDomains: z.array(z.string()),
  /** Shares as decimal strings (exact, e.g. "33.3333"), in declaration order. */
  shares: z.array(z.object({ organizationId: z.string(), name: z.string(), pct: z.string() })),
  plannedFilingDate: day.nullable(),
  plannedPublications: z.array(z.object({ venue: z.string(), date: day })),
});

export const agreementAccessRightSchema = z.object({
  key: z.string(),
  declaredBy: z.string(),
  purpose: z.string().describe('execution or exploitation'),
  direction: z.string(),
  grantor: z.object({ organizationId: z.string(), name: z.string() }),
  beneficiary: z.object({ organizationId: z.string(), name: z.string() }),
  /** Human-readable subject: the background item or result title, with its key. */
  subject: z.object({ kind: z.string(), key: z.string(), title: z.string(), ownerName: z.string() }),
  exclusive: z.boolean(),
  fieldOfUse: z.string().nullable(),
  territory: z.object({ scope: z.string(), countries: z.array(z.string()) }).nullable(),
  terms: z.string().nullable(),
});

/** A flag the risk engine raised, as the clause names it. */
export const agreementFlagRefSchema = z.object({ id: z.string(), ruleId: z.string(), status: z.string(), severity: z.string(), title: z.string() });

export const agreementModelSchema = z.object({
  schema: z.literal(AGREEMENT_MODEL_SCHEMA),
  /** `agr_…`: the document id printed on every page (one id per project; versions count generations). */
  documentId: z.string(),
  version: z.number().int().min(1),
  language: z.enum(['fr', 'en']),
  /** The PDF's creation date: the moment of generation. */
  generatedAt: instant,
  project: z.object({
    id: z.string(),
    acronym: z.string(),
    title: z.string(),
    summary: z.string().nullable(),
    fundingScheme: z.string(),
    technologyDomains: z.array(z.string()),
    startDate: day,
    endDate: day,
  }),
  /** The approved IP file: its hash (the one every approval carries) and the committee's decision on it. */
  ipFile: z.object({ hash: sha256, committeeApprovedAt: instant, committeeApprovedBy: z.string().nullable() }),
  parties: z.array(agreementPartySchema),
  /** One table per party: the party's own background (parties without background have an empty list). */
  background: z.array(z.object({ organizationId: z.string(), name: z.string(), items: z.array(agreementBackgroundItemSchema) })),
  results: z.array(agreementResultSchema),
  coOwnership: z.object({ regime: z.enum(CO_OWNERSHIP_REGIMES) }),
  accessRights: z.array(agreementAccessRightSchema),
  /** The longest term any partner declared (confidentiality always survives the project). */
  confidentiality: z.object({ termYears: z.number().int() }),
  publications: z.object({ noticeDays: z.number().int(), objectionDays: z.number().int(), filingDelayDays: z.number().int() }),
  /** Change of control (IEF): partners currently flagged by the foreign-investment rules, named in the clause. */
  changeOfControl: z.object({ flags: z.array(agreementFlagRefSchema.extend({ organizationId: z.string().nullable() })) }),
  /** Present exactly when the IP file has items with an Annex I category or the risk engine raised DUAL-USE. */
  exportControl: z
    .object({
      items: z.array(z.object({ ownerName: z.string(), key: z.string(), title: z.string(), category: z.string(), annexIEntry: z.string().nullable() })),
      flags: z.array(agreementFlagRefSchema),
    })
    .nullable(),
  /** Present exactly when an item comes from a ZRR, a party is in a ZRR, or the risk engine raised ZRR-ACCESS. */
  zrr: z
    .object({
      items: z.array(z.object({ ownerName: z.string(), key: z.string(), title: z.string() })),
      parties: z.array(z.string()),
      flags: z.array(agreementFlagRefSchema),
    })
    .nullable(),
});
export type AgreementModel = z.output<typeof agreementModelSchema>;

/** The bytes attached to the PDF and hashed: canonical JSON (sorted keys, no spaces), UTF-8. */
export const modelJson = (model: AgreementModel): string => canonicalJson(model);
export const modelHash = (model: AgreementModel): string => sha256Hex(modelJson(model));

/** What the store and services gather for {@link buildAgreementModel}. */
export interface AgreementModelInput {
  documentId: string;
  version: number;
  language: Lang;
  generatedAt: string;
  project: Project;
  members: readonly { organizationId: string; role: PartnerRole }[];
  organizations: ReadonlyMap<string, Organization>;
  /** Every partner's last submitted declaration (the IP file). */
  declarations: readonly { organizationId: string; version: number; contentHash: string; content: DeclarationDraft | Declaration }[];
  ipFileHash: string;
  committee: { at: string; by: string | null };
  /** The project's flags (any status): the clauses name those the engine raised. */
  flags: readonly Flag[];
  coOwnershipRegime: CoOwnershipRegime;
  publications: { noticeDays: number; objectionDays: number; filingDelayDays: number };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
/** Exact decimal text of a share (at most 4 decimals by schema): 33.3333 → "33.3333", 50 → "50". */
const pctText = (n: number): string => String(Math.round(n * 10000) / 10000);
const EXPORT_RULES = ['DUAL-USE'];
const ZRR_RULES = ['ZRR-ACCESS'];
const IEF_RULES = ['IEF-FOREIGN-CONTROL', 'IEF-ACQUISITION'];

/**
 * Builds the content model from the approved IP file. Pure and deterministic: the same input gives the same
 * model (and so the same hash). Flags closed by re-evaluation are not named; open, acknowledged, mitigated and
 * waived ones are (a waiver is a decision, not an absence of risk).
 */
export function buildAgreementModel(input: AgreementModelInput): AgreementModel {
  const lang = input.language;
  const orgName = (id: string): string => input.organizations.get(id)?.legalName ?? id;
  const decl = new Map(input.declarations.map((d) => [d.organizationId, d]));
  const members = [...input.members].sort((a, b) => cmp(orgName(a.organizationId), orgName(b.organizationId)) || cmp(a.organizationId, b.organizationId));

  const parties = members.map((m) => {
    const org = input.organizations.get(m.organizationId);
    const d = decl.get(m.organizationId);
    const signatory = d?.content.signatory;
    const address = org?.registeredAddress;
    return {
      organizationId: m.organizationId,
      legalName: orgName(m.organizationId),
      role: m.role,
      category: org?.category ?? 'other',
      country: org?.country ?? '',
      siren: orNull(org?.siren),
      registrationId: orNull(org?.registrationId),
      registeredAddress: address ? { street: address.street, postalCode: address.postalCode, city: address.city } : null,
      signatory: { name: signatory?.name ?? '', position: signatory?.position ?? '', email: signatory?.email ?? '' },
      declaration: { version: d?.version ?? 0, contentHash: d?.contentHash ?? '0'.repeat(64) },
    };
  });

  const ownerText = (o: { organizationId?: string; thirdPartyName?: string; country?: string }): string =>
    o.organizationId ? orgName(o.organizationId) : `${o.thirdPartyName ?? ''} (${o.country ?? ''})`;
  const byKey = <T extends { key: string }>(xs: readonly T[] | undefined): T[] => [...(xs ?? [])].sort((a, b) => cmp(a.key, b.key));

  const background = members.map((m) => ({
    organizationId: m.organizationId,
    name: orgName(m.organizationId),
    items: byKey(decl.get(m.organizationId)?.content.background).map((b) => ({
      key: b.key,
      title: b.title ?? '',
      type: b.type ?? 'other',
      description: orNull(b.description),
      identifiers: (b.identifiers ?? []).map((i) => ({ kind: i.kind, value: i.value })),
      owners: (b.owners ?? []).map(ownerText),
      jurisdictions: [...(b.jurisdictions ?? [])],
      executionConditions: { regime: b.executionConditions?.regime ?? '', text: orNull(b.executionConditions?.text) },
      exploitationConditions: { regime: b.exploitationConditions?.regime ?? '', text: orNull(b.exploitationConditions?.text) },
      fromZrr: b.fromZrr ?? false,
      exportControl: b.exportControl
        ? { category: b.exportControl.category, annexIEntry: 'annexIEntry' in b.exportControl ? orNull(b.exportControl.annexIEntry) : null }
        : null,
    })),
  }));

  const results = members.flatMap((m) =>
    byKey(decl.get(m.organizationId)?.content.results).map((r) => ({
      key: r.key,
      declaredBy: m.organizationId,
      title: r.title ?? '',
      description: orNull(r.description),
      technologyDomains: [...(r.technologyDomains ?? [])],
      shares: (r.ownership ?? []).map((s) => ({ organizationId: s.organizationId ?? '', name: orgName(s.organizationId ?? ''), pct: pctText(s.pct ?? 0) })),
      plannedFilingDate: orNull(r.plannedFilingDate),
      // A draft's publication without a date cannot be stated (and would break the schema's date): left out.
      plannedPublications: (r.plannedPublications ?? []).flatMap((p) => (p.date ? [{ venue: p.venue ?? '', date: p.date }] : [])),
    })),
  );

  const itemTitle = (owner: string, key: string): string => decl.get(owner)?.content.background?.find((b) => b.key === key)?.title ?? key;
  /**
   * A result subject names a result of the declaring organization (declaration.ts submit rule); as the risk engine
   * does (risk/context.ts), a right whose declarer lacks the key falls back to the grantor's results. Result keys
   * are unique per declaration only, so searching every partner could name another partner's "r-1".
   */
  const resultTitle = (key: string, declarer: string, grantor: string | undefined): { title: string; owner: string } => {
    for (const owner of [declarer, grantor]) {
      const r = owner ? decl.get(owner)?.content.results?.find((x) => x.key === key) : undefined;
      if (r && owner) return { title: r.title ?? key, owner };
    }
    return { title: key, owner: '' };
  };
  const accessRights = members.flatMap((m) =>
    byKey(decl.get(m.organizationId)?.content.accessRights).map((a) => {
      const s = a.subject;
      const subject =
        s?.kind === 'result'
          ? (() => {
              const r = resultTitle(s.resultKey ?? '', m.organizationId, a.grantorOrganizationId);
              return { kind: 'result', key: s.resultKey ?? '', title: r.title, ownerName: r.owner ? orgName(r.owner) : '' };
            })()
          : (() => {
              // Absent owner = the declarer's own item; like the risk engine, a requested right naming the grantor's item falls back to it.
              const hasItem = (o: string) => decl.get(o)?.content.background?.some((b) => b.key === s?.itemKey) ?? false;
              const grantor = a.grantorOrganizationId;
              const owner =
                s?.ownerOrganizationId ??
                (!hasItem(m.organizationId) && grantor && grantor !== m.organizationId && hasItem(grantor) ? grantor : m.organizationId);
              return { kind: 'background', key: s?.itemKey ?? '', title: itemTitle(owner, s?.itemKey ?? ''), ownerName: orgName(owner) };
            })();
      return {
        key: a.key,
        declaredBy: m.organizationId,
        purpose: a.purpose ?? 'execution',
        direction: a.direction ?? 'granted',
        grantor: { organizationId: a.grantorOrganizationId ?? '', name: orgName(a.grantorOrganizationId ?? '') },
        beneficiary: { organizationId: a.beneficiaryOrganizationId ?? '', name: orgName(a.beneficiaryOrganizationId ?? '') },
        subject,
        exclusive: a.exclusive ?? false,
        fieldOfUse: orNull(a.fieldOfUse),
        territory: a.territory ? { scope: a.territory.scope, countries: 'countries' in a.territory ? [...(a.territory.countries ?? [])] : [] } : null,
        terms: orNull(a.terms),
      };
    }),
  );

  const named = input.flags.filter((f) => f.status !== 'closed').sort((a, b) => cmp(a.ruleId, b.ruleId) || cmp(a.id, b.id));
  const ref = (f: Flag) => ({ id: f.id, ruleId: f.ruleId, status: f.status, severity: f.severity, title: f.title[lang] });
  const exportFlags = named.filter((f) => EXPORT_RULES.includes(f.ruleId)).map(ref);
  const zrrFlags = named.filter((f) => ZRR_RULES.includes(f.ruleId)).map(ref);
  const exportItems = background.flatMap((g) =>
    g.items
      .filter((i) => i.exportControl && i.exportControl.category !== 'none')
      .map((i) => ({ ownerName: g.name, key: i.key, title: i.title, category: i.exportControl!.category, annexIEntry: i.exportControl!.annexIEntry })),
  );
  const zrrItems = background.flatMap((g) => g.items.filter((i) => i.fromZrr).map((i) => ({ ownerName: g.name, key: i.key, title: i.title })));
  const zrrParties = members.filter((m) => input.organizations.get(m.organizationId)?.zrr).map((m) => orgName(m.organizationId));
  const terms = input.declarations.flatMap((d) => (d.content.confidentiality?.termYears ? [d.content.confidentiality.termYears] : []));

  return {
    schema: AGREEMENT_MODEL_SCHEMA,
    documentId: input.documentId,
    version: input.version,
    language: lang,
    generatedAt: input.generatedAt,
    project: {
      id: input.project.id,
      acronym: input.project.acronym,
      title: input.project.title,
      summary: orNull(input.project.summary),
      fundingScheme: input.project.fundingScheme,
      technologyDomains: [...input.project.technologyDomains],
      startDate: input.project.startDate,
      endDate: input.project.endDate,
    },
    ipFile: { hash: input.ipFileHash, committeeApprovedAt: input.committee.at, committeeApprovedBy: input.committee.by },
    parties,
    background,
    results,
    coOwnership: { regime: input.coOwnershipRegime },
    accessRights,
    confidentiality: { termYears: terms.length ? Math.max(...terms) : 5 },
    publications: { ...input.publications },
    changeOfControl: {
      flags: named.filter((f) => IEF_RULES.includes(f.ruleId)).map((f) => ({ ...ref(f), organizationId: f.subject.organizationId ?? null })),
    },
    exportControl: exportItems.length || exportFlags.length ? { items: exportItems, flags: exportFlags } : null,
    zrr: zrrItems.length || zrrParties.length || zrrFlags.length ? { items: zrrItems, parties: zrrParties, flags: zrrFlags } : null,
  };
}
