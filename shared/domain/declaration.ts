import * as z from 'zod';
import { emailSchema, idSchema, text } from './common';
import { ISO_COUNTRIES } from './countries';
import { ANNEX_I_ENTRY_MAX_LENGTH, ISO_DATE_LENGTH } from './limits';
import { PayloadTooLargeError, ValidationError } from './errors';
import { countrySchema, orgIdSchema } from './organization';
import { checkShares } from './ownership';
import { patentPublicationNumberSchema } from './patent-number';
import { technologyDomainSchema } from './project';
import { fieldError, PARSE_PARAMS, zodIssuesToFieldErrors, type ProblemFieldError } from './validation';
import { msg } from './i18n/catalog';

/**
 * The IP declaration of one organization in one project (docs/reference/domain.md §1 and §3): background items with their
 * execution and exploitation conditions, expected results with co-ownership shares, access rights asked and
 * granted, confidentiality, signatory and contacts. Everything a consortium agreement needs.
 *
 * Two schemas over one shape:
 * - {@link declarationDraftSchema}: every field optional so that a draft can be saved half-filled; what IS
 *   present must be well typed, objects are strict (unknown fields refused) and every limit applies. Items of
 *   the keyed lists always need their `key` (redlines and access rights reference items by it), and keys are
 *   unique within their list even in a draft.
 * - {@link declarationSubmitSchema}: the complete declaration. {@link submitErrors} adds the cross-field
 *   rules that need the project (members) or span several fields; {@link parseDeclarationForSubmit} runs
 *   limits → schema → cross-field rules.
 *
 * Conditional parts are in the shape itself (discriminated unions), so the JSON Schema served to the form says
 * them too (`oneOf` with `const`/`enum` discriminators):
 * - `exportControl` only on technology items ({@link EXPORT_CONTROLLED_TYPES}); required on them at submit;
 * - `territory` only on exploitation access rights; required on them at submit;
 * - an Annex I entry must belong to the chosen category (`3A001` only under category `3`).
 *
 * Text is stored as typed (trimmed): `<script>` in a title is kept as plain text; escaping is the job of
 * every output (HTML, PDF, CSV), never of the input.
 */

// --- Limits -------------------------------------------------------------------------------------------------

export const MAX_BACKGROUND_ITEMS = 500;
export const MAX_RESULTS = 200;
export const MAX_ACCESS_RIGHTS = 500;
export const MAX_CONTACTS = 10;
export const MAX_IDENTIFIERS_PER_ITEM = 20;
export const MAX_OWNERS_PER_ITEM = 20;
export const MAX_JURISDICTIONS_PER_ITEM = 100;
export const MAX_DOCUMENTS_PER_ITEM = 50;
export const MAX_DOMAINS_PER_RESULT = 20;
export const MAX_SHARES_PER_RESULT = 100;
export const MAX_PUBLICATIONS_PER_RESULT = 50;
export const MAX_TERRITORY_COUNTRIES = 250;
export const MAX_KEY_LENGTH = 64;
export const MAX_TITLE_LENGTH = 300;
export const MAX_DESCRIPTION_LENGTH = 20_000;
export const MAX_CONDITIONS_TEXT_LENGTH = 5_000;
export const MAX_FIELD_OF_USE_LENGTH = 2_000;
export const MAX_TERMS_LENGTH = 10_000;
export const MAX_NAME_LENGTH = 200;
export const MAX_VENUE_LENGTH = 300;
export const MAX_IDENTIFIER_VALUE_LENGTH = 200;
export const MIN_CONFIDENTIALITY_YEARS = 1;
export const MAX_CONFIDENTIALITY_YEARS = 20;
/** The longest text any field accepts (after trimming): a longer string is refused wherever it is. */
export const MAX_TEXT_LENGTH = MAX_DESCRIPTION_LENGTH;

/**
 * Most items an array may hold, by property name (the same for every list of that name). {@link limitErrors}
 * reads this table; the zod schemas use the same numbers. An array of any other name may hold at most
 * {@link MAX_ANY_ARRAY} (the largest limit) — beyond it the pre-check refuses it without looking inside.
 */
export const ARRAY_LIMITS = {
  background: MAX_BACKGROUND_ITEMS,
  results: MAX_RESULTS,
  accessRights: MAX_ACCESS_RIGHTS,
  contacts: MAX_CONTACTS,
  identifiers: MAX_IDENTIFIERS_PER_ITEM,
  owners: MAX_OWNERS_PER_ITEM,
  jurisdictions: MAX_JURISDICTIONS_PER_ITEM,
  documentIds: MAX_DOCUMENTS_PER_ITEM,
  technologyDomains: MAX_DOMAINS_PER_RESULT,
  ownership: MAX_SHARES_PER_RESULT,
  plannedPublications: MAX_PUBLICATIONS_PER_RESULT,
  countries: MAX_TERRITORY_COUNTRIES,
} as const;
export const MAX_ANY_ARRAY = Math.max(...Object.values(ARRAY_LIMITS));

const ARRAY_LABELS: Record<keyof typeof ARRAY_LIMITS, string> = {
  background: 'background items',
  results: 'results',
  accessRights: 'access rights',
  contacts: 'contacts',
  identifiers: 'identifiers',
  owners: 'owners',
  jurisdictions: 'jurisdictions',
  documentIds: 'documents',
  technologyDomains: 'technology domains',
  ownership: 'shares',
  plannedPublications: 'publications',
  countries: 'countries',
};
const tooMany = (name: keyof typeof ARRAY_LIMITS) => `At most ${ARRAY_LIMITS[name]} ${ARRAY_LABELS[name]}`;

// --- Enumerations -------------------------------------------------------------------------------------------

export const BACKGROUND_TYPES = ['patent', 'patent-application', 'software', 'know-how', 'database', 'design', 'trademark', 'other'] as const;
export type BackgroundType = (typeof BACKGROUND_TYPES)[number];

/**
 * Background types that may carry an export-control category (Reg. (EU) 2021/821): dual-use controls bite on
 * technology and software (art. 2(1)), i.e. technical information — patents and applications (with the know-how
 * around them), software, know-how, databases of technical data, and `other` (e.g. a prototype or material
 * sample). A published patent document is itself public-domain information (decontrolled, D-3), so `none` is
 * the usual answer for it, but the partner still states it.
 */
export const EXPORT_CONTROLLED_TYPES = ['patent', 'patent-application', 'software', 'know-how', 'database', 'other'] as const;
/** Trademarks protect signs and designs protect appearance — not technical information: no export-control category. */
export const NON_TECHNOLOGY_TYPES = ['design', 'trademark'] as const;
export const isExportControlledType = (t: string): boolean => (EXPORT_CONTROLLED_TYPES as readonly string[]).includes(t);

export const CONDITION_REGIMES = ['royalty-free', 'fair-and-reasonable', 'excluded', 'case-by-case'] as const;
export type ConditionRegime = (typeof CONDITION_REGIMES)[number];

/** Annex I categories of Reg. (EU) 2021/821 (D-2): 0 nuclear … 9 aerospace. */
export const EXPORT_CONTROL_CATEGORIES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** Identifier kinds other than `patent-publication` (whose value is checked): free text up to 200 characters. */
export const FREE_IDENTIFIER_KINDS = [
  'patent-application',
  'trademark-registration',
  'design-registration',
  'software-deposit',
  'doi',
  'internal-reference',
  'other',
] as const;
export const IDENTIFIER_KINDS = ['patent-publication', ...FREE_IDENTIFIER_KINDS] as const;

/** Jurisdictions of a background item: ISO 3166-1 countries, plus EP (European patent), WO (PCT) and EU (EU trade mark / Community design). */
export const REGIONAL_JURISDICTIONS = ['EP', 'WO', 'EU'] as const;
export const JURISDICTIONS = [...ISO_COUNTRIES, ...REGIONAL_JURISDICTIONS] as const;

export const ACCESS_DIRECTIONS = ['requested', 'granted'] as const;
export const ACCESS_PURPOSES = ['execution', 'exploitation'] as const;
export const TERRITORY_SCOPES = ['worldwide', 'eu-eea', 'countries'] as const;

// --- Field schemas ------------------------------------------------------------------------------------------

/** Message of a schema-level error: "Required" when the value is missing, else `message`. */
const orRequired = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'Required' : message);

/** Client-chosen stable key of a list item (`bg-1`, `r-2`, `ar-3`); unique within its list; never changes. */
export const KEY_PATTERN = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${MAX_KEY_LENGTH - 1}}$`);
export const itemKeySchema = z
  .string({ error: orRequired('Must be a string') })
  .max(MAX_KEY_LENGTH, { message: `A key of 1 to ${MAX_KEY_LENGTH} letters, digits, '.', '-' or '_', e.g. bg-1`, abort: true })
  .regex(KEY_PATTERN, `A key of 1 to ${MAX_KEY_LENGTH} letters, digits, '.', '-' or '_', e.g. bg-1`);

/**
 * A calendar date YYYY-MM-DD that exists (2019-02-29 is refused) between 1900 and 2099; one error at most.
 * Both checks are patterns in the JSON Schema too.
 */
export const declarationDateSchema = z.iso
  .date({ error: orRequired('Must be a date YYYY-MM-DD'), abort: true })
  .regex(/^(?:19|20)\d{2}-/, 'Must be a date between 1900 and 2099')
  .max(ISO_DATE_LENGTH, 'Must be a date YYYY-MM-DD');

export const documentIdSchema = idSchema('doc');
export const jurisdictionSchema = z.enum(JURISDICTIONS, { message: 'Must be a country code (FR, US…) or EP, WO, EU' });

/** An array whose elements are each allowed once; the duplicate is named by its index. The JSON Schema says `uniqueItems`. */
function uniqueArray<T extends z.ZodType>(item: T, name: keyof typeof ARRAY_LIMITS, min = 0) {
  let a = z.array(item).max(ARRAY_LIMITS[name], tooMany(name));
  if (min > 0) a = a.min(min, min === 1 ? `At least one of the ${ARRAY_LABELS[name]}` : `At least ${min} ${ARRAY_LABELS[name]}`);
  return a
    .superRefine((values, ctx) => {
      const seen = new Set<string>();
      values.forEach((v, i) => {
        const k = JSON.stringify(v);
        if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i], message: 'Listed twice' });
        seen.add(k);
      });
    })
    .meta({ uniqueItems: true }); // meta last: it belongs to this very instance
}

const list = <T extends z.ZodType>(item: T, name: keyof typeof ARRAY_LIMITS, min = 0) => {
  const a = z.array(item).max(ARRAY_LIMITS[name], tooMany(name));
  return min > 0 ? a.min(min, `At least one of the ${ARRAY_LABELS[name]}`) : a;
};

/** `{ kind: 'patent-publication', value }` is checked by shared/domain/patent-number.ts; other kinds are free text. */
export const identifierSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('patent-publication'), value: patentPublicationNumberSchema }),
    z.strictObject({ kind: z.enum(FREE_IDENTIFIER_KINDS), value: text(MAX_IDENTIFIER_VALUE_LENGTH) }),
  ],
  { error: orRequired(`Must be one of: ${IDENTIFIER_KINDS.join(', ')}`) },
);

/** An owner: a partner of the project, or a named third party (e.g. a university not in the consortium). */
export const ownerSchema = z.union(
  [z.strictObject({ organizationId: orgIdSchema }), z.strictObject({ thirdPartyName: text(MAX_NAME_LENGTH), country: countrySchema })],
  { error: orRequired('Either { organizationId } of a project partner, or { thirdPartyName, country } of a third party') },
);

/** Annex I entry such as `3A001` or `5A002.a.1`; its first digit is the category it is filed under. */
const annexEntryPattern = (category: string) => new RegExp(`^${category}[A-E]\\d{3}(?:\\.[a-z0-9]{1,2})*$`);
export const exportControlSchema = z.discriminatedUnion(
  'category',
  [
    z.strictObject({ category: z.literal('none') }),
    ...EXPORT_CONTROL_CATEGORIES.map((c) =>
      z.strictObject({
        category: z.literal(c),
        annexIEntry: z
          .string()
          .max(ANNEX_I_ENTRY_MAX_LENGTH, { message: `At most ${ANNEX_I_ENTRY_MAX_LENGTH} characters`, abort: true })
          .regex(annexEntryPattern(c), `An Annex I entry of category ${c}: ${c}, a letter A–E and 3 digits, e.g. ${c}A001 or ${c}A001.b.2`)
          .optional(),
      }),
    ),
  ],
  { error: orRequired("Must be 'none' or an Annex I category '0' to '9'") },
);

export const confidentialityTermSchema = z
  .int({ error: orRequired('Must be a whole number of years') })
  .min(MIN_CONFIDENTIALITY_YEARS, `Between ${MIN_CONFIDENTIALITY_YEARS} and ${MAX_CONFIDENTIALITY_YEARS} years`)
  .max(MAX_CONFIDENTIALITY_YEARS, `Between ${MIN_CONFIDENTIALITY_YEARS} and ${MAX_CONFIDENTIALITY_YEARS} years`);

/** A co-ownership share: more than 0, at most 100, at most 4 decimals (as pctSchema). Sums are exact (decimal.ts), see ownership.ts. */
const SHARE_RANGE = 'A share is more than 0 and at most 100';
export const sharePctSchema = z
  .number({ error: orRequired('Must be a number') })
  .gt(0, SHARE_RANGE)
  .max(100, SHARE_RANGE)
  .refine((n) => Math.round(n * 10000) / 10000 === n, 'At most 4 decimals');

// --- The two schemas, built from one description ------------------------------------------------------------

type Mode = 'draft' | 'submit';
type Req<M extends Mode, T extends z.ZodType> = M extends 'draft' ? z.ZodOptional<T> : T;

function buildDeclarationSchema<M extends Mode>(mode: M) {
  const submit = mode === 'submit';
  /** Required at submit, optional in a draft. */
  const req = <T extends z.ZodType>(s: T): Req<M, T> => (submit ? s : s.optional()) as Req<M, T>;
  /** At least one element at submit. */
  const minSubmit = submit ? 1 : 0;

  const conditions = z.strictObject({
    regime: req(z.enum(CONDITION_REGIMES, { error: orRequired(`Must be one of: ${CONDITION_REGIMES.join(', ')}`) })),
    text: text(MAX_CONDITIONS_TEXT_LENGTH).optional(),
  });

  const backgroundFields = {
    title: req(text(MAX_TITLE_LENGTH)),
    description: text(MAX_DESCRIPTION_LENGTH).optional(),
    identifiers: list(identifierSchema, 'identifiers').optional(),
    owners: req(list(ownerSchema, 'owners', minSubmit)),
    jurisdictions: uniqueArray(jurisdictionSchema, 'jurisdictions').optional(),
    priorityDate: declarationDateSchema.optional(),
    executionConditions: req(conditions),
    exploitationConditions: req(conditions),
    fromZrr: req(z.boolean()),
    documentIds: uniqueArray(documentIdSchema, 'documentIds').optional(),
  };
  const technologyItem = z.strictObject({
    key: itemKeySchema,
    type: req(z.enum(EXPORT_CONTROLLED_TYPES)),
    ...backgroundFields,
    exportControl: req(exportControlSchema),
  });
  const nonTechnologyItem = z.strictObject({
    key: itemKeySchema,
    type: z.enum(NON_TECHNOLOGY_TYPES),
    ...backgroundFields,
    exportControl: z.never({ error: 'Export control applies to technology items only, not to designs or trademarks' }).optional(),
  });
  const backgroundItem = z.discriminatedUnion('type', [technologyItem, nonTechnologyItem], {
    error: orRequired(`Must be one of: ${BACKGROUND_TYPES.join(', ')}`),
  });

  const share = z.strictObject({ organizationId: req(orgIdSchema), pct: req(sharePctSchema) });
  const publication = z.strictObject({ venue: req(text(MAX_VENUE_LENGTH)), date: req(declarationDateSchema) });
  const result = z.strictObject({
    key: itemKeySchema,
    title: req(text(MAX_TITLE_LENGTH)),
    description: text(MAX_DESCRIPTION_LENGTH).optional(),
    technologyDomains: req(uniqueArray(technologyDomainSchema, 'technologyDomains', minSubmit)),
    ownership: req(list(share, 'ownership', minSubmit)),
    plannedFilingDate: declarationDateSchema.optional(),
    plannedPublications: list(publication, 'plannedPublications').optional(),
  });

  const subject = z.discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('background'),
        itemKey: req(itemKeySchema),
        /** Whose declaration lists the item; absent = the declaring organization's own background. */
        ownerOrganizationId: orgIdSchema.optional(),
      }),
      z.strictObject({ kind: z.literal('result'), resultKey: req(itemKeySchema) }),
    ],
    { error: orRequired("Must be 'background' or 'result'") },
  );
  const territory = z.discriminatedUnion(
    'scope',
    [
      z.strictObject({ scope: z.literal('worldwide') }),
      z.strictObject({ scope: z.literal('eu-eea') }),
      z.strictObject({ scope: z.literal('countries'), countries: req(uniqueArray(countrySchema, 'countries', minSubmit)) }),
    ],
    { error: orRequired(`Must be one of: ${TERRITORY_SCOPES.join(', ')}`) },
  );
  const accessFields = {
    direction: req(z.enum(ACCESS_DIRECTIONS, { error: orRequired("Must be 'requested' or 'granted'") })),
    beneficiaryOrganizationId: req(orgIdSchema),
    grantorOrganizationId: req(orgIdSchema),
    subject: req(subject),
    exclusive: req(z.boolean()),
    terms: text(MAX_TERMS_LENGTH).optional(),
  };
  const executionRight = z.strictObject({
    key: itemKeySchema,
    purpose: req(z.literal('execution')),
    ...accessFields,
    fieldOfUse: text(MAX_FIELD_OF_USE_LENGTH).optional(),
    territory: z.never({ error: 'A territory applies to exploitation rights only' }).optional(),
  });
  const exploitationRight = z.strictObject({
    key: itemKeySchema,
    purpose: z.literal('exploitation'),
    ...accessFields,
    fieldOfUse: req(text(MAX_FIELD_OF_USE_LENGTH)),
    territory: req(territory),
  });
  const accessRight = z.discriminatedUnion('purpose', [executionRight, exploitationRight], {
    error: orRequired("Must be 'execution' or 'exploitation'"),
  });

  const person = z.strictObject({ name: req(text(MAX_NAME_LENGTH)), position: req(text(MAX_NAME_LENGTH)), email: req(emailSchema) });
  const confidentiality = z.strictObject({
    termYears: req(confidentialityTermSchema),
    /** Confidentiality always survives the end of the project (docs/reference/domain.md §3.10): the only value is true. */
    survivesProject: req(z.literal(true, { error: orRequired('Confidentiality survives the project: must be true') })),
  });

  return z
    .strictObject({
      background: req(list(backgroundItem, 'background')),
      results: req(list(result, 'results')),
      accessRights: req(list(accessRight, 'accessRights')),
      confidentiality: req(confidentiality),
      signatory: req(person),
      contacts: req(list(person, 'contacts', minSubmit)),
    })
    .superRefine((d, ctx) => {
      for (const e of keyIssues(d)) ctx.addIssue({ code: 'custom', path: e.path, message: e.message });
    });
}

/** A declaration being written: every field optional, every present value valid. */
export const declarationDraftSchema = buildDeclarationSchema('draft');
/** A complete declaration (plus {@link submitErrors} for the cross-field rules). */
export const declarationSubmitSchema = buildDeclarationSchema('submit');

export type DeclarationDraft = z.output<typeof declarationDraftSchema>;
export type Declaration = z.output<typeof declarationSubmitSchema>;
export type DeclarationDraftInput = z.input<typeof declarationDraftSchema>;
export type DeclarationInput = z.input<typeof declarationSubmitSchema>;
export type BackgroundItem = Declaration['background'][number];
export type ExpectedResult = Declaration['results'][number];
export type AccessRight = Declaration['accessRights'][number];
export type OwnershipShare = ExpectedResult['ownership'][number];
export type Owner = z.output<typeof ownerSchema>;
export type Identifier = z.output<typeof identifierSchema>;
export type ExportControl = z.output<typeof exportControlSchema>;
export type Person = Declaration['signatory'];

// --- Keys -----------------------------------------------------------------------------------------------------

interface Issue {
  path: (string | number)[];
  message: string;
}
type Keyed = { key?: string | undefined };
const KEYED_LISTS = ['background', 'results', 'accessRights'] as const;

/** Each key once within its list (applies to drafts too: redlines and access rights find items by key). */
function keyIssues(d: { [K in (typeof KEYED_LISTS)[number]]?: readonly Keyed[] | undefined }): Issue[] {
  const out: Issue[] = [];
  for (const listName of KEYED_LISTS) {
    const first = new Map<string, number>();
    (d[listName] ?? []).forEach((item, i) => {
      if (item.key === undefined) return;
      const at = first.get(item.key);
      if (at === undefined) first.set(item.key, i);
      else out.push({ path: [listName, i, 'key'], message: `Key "${item.key}" is already used by ${listName}/${at}` });
    });
  }
  return out;
}

// --- Cross-field rules at submit -------------------------------------------------------------------------------

export interface SubmitContext {
  /** The organizations that are partners of the project. Owners, shareholders of results and parties of access rights must be among them (or, for owners, be named third parties). */
  projectOrgIds: readonly string[];
  /** The declaring organization. When given, a `requested` right must benefit it and a `granted` right must be granted by it. */
  organizationId?: string;
  /** Today, YYYY-MM-DD. When given, a priority date after it is refused (a priority date is a past filing). */
  today?: string;
  /** Background keys of the other partners' declarations, for subjects naming another `ownerOrganizationId`; an organization absent from it is not checked. */
  backgroundKeysByOrg?: Readonly<Record<string, readonly string[]>>;
}

const NOT_A_PARTNER = 'Not a partner of this project';

/**
 * Cross-field rules of a complete declaration, as field errors (one per path, in document order). Works on a
 * draft too (what is absent is not judged), so a form can show them before submitting:
 * - keys unique within background, results and access rights;
 * - background: owners named by organizationId are project partners (else name a third party); a patent has a
 *   `patent-publication` identifier; patents and applications have a priority date, not after `today`;
 *   case-by-case conditions say what they are (`text`);
 * - results: shares add up to exactly 100 (decimal arithmetic — 33.33 + 33.33 + 33.34 passes, 99.99 and
 *   100.0001 fail) with the error on `results/i/ownership`; each shareholder is a partner and listed once; no
 *   planned publication before the planned filing date (`results/i/plannedPublications/j/date`; the same day is
 *   allowed — only a disclosure *before* the filing date destroys novelty);
 * - access rights: beneficiary and grantor are partners and differ; the direction fits the declaring
 *   organization; the subject's `itemKey`/`resultKey` exists.
 */
export function submitErrors(declaration: DeclarationDraft, context: SubmitContext): ProblemFieldError[] {
  const errors = new Map<string, ProblemFieldError>();
  const add = (path: (string | number)[], message: string) => {
    const e = fieldError(path, message);
    if (!errors.has(e.path)) errors.set(e.path, e);
  };
  const partners = new Set(context.projectOrgIds);
  const background = declaration.background ?? [];
  const results = declaration.results ?? [];
  const accessRights = declaration.accessRights ?? [];

  for (const e of keyIssues(declaration)) add(e.path, e.message);

  background.forEach((item, i) => {
    (item.owners ?? []).forEach((owner, j) => {
      if ('organizationId' in owner && !partners.has(owner.organizationId)) {
        add(['background', i, 'owners', j, 'organizationId'], `${NOT_A_PARTNER}: name it as a third party (thirdPartyName, country)`);
      }
    });
    if (item.type === 'patent' && !(item.identifiers ?? []).some((id) => id.kind === 'patent-publication')) {
      add(['background', i, 'identifiers'], 'A patent needs its publication number (an identifier of kind patent-publication)');
    }
    if ((item.type === 'patent' || item.type === 'patent-application') && !item.priorityDate) {
      add(['background', i, 'priorityDate'], 'Required for a patent or a patent application');
    }
    if (item.priorityDate && context.today && item.priorityDate > context.today) {
      add(['background', i, 'priorityDate'], 'A priority date cannot be in the future');
    }
    for (const field of ['executionConditions', 'exploitationConditions'] as const) {
      const c = item[field];
      if (c?.regime === 'case-by-case' && !c.text) add(['background', i, field, 'text'], 'Say what the case-by-case conditions are');
    }
  });

  results.forEach((r, i) => {
    const shares = r.ownership ?? [];
    const seen = new Set<string>();
    shares.forEach((s, j) => {
      if (s.organizationId === undefined) return;
      if (!partners.has(s.organizationId)) add(['results', i, 'ownership', j, 'organizationId'], NOT_A_PARTNER);
      else if (seen.has(s.organizationId)) add(['results', i, 'ownership', j, 'organizationId'], 'Listed twice');
      seen.add(s.organizationId);
    });
    const pcts = shares.map((s) => s.pct);
    if (shares.length > 0 && pcts.every((p): p is number => typeof p === 'number')) {
      const { total, complete } = checkShares(pcts);
      if (!complete) add(['results', i, 'ownership'], `Shares add up to ${total.toString()} %; they must add up to exactly 100 %`);
    }
    if (r.plannedFilingDate) {
      (r.plannedPublications ?? []).forEach((p, j) => {
        if (p.date && p.date < r.plannedFilingDate!) {
          add(
            ['results', i, 'plannedPublications', j, 'date'],
            `Planned before the patent filing (${r.plannedFilingDate}): publishing first would destroy novelty`,
          );
        }
      });
    }
  });

  const ownBackground = new Set(background.map((b) => b.key));
  const ownResults = new Set(results.map((r) => r.key));
  accessRights.forEach((ar, i) => {
    const at = (...p: (string | number)[]) => ['accessRights', i, ...p];
    if (ar.beneficiaryOrganizationId && !partners.has(ar.beneficiaryOrganizationId)) add(at('beneficiaryOrganizationId'), NOT_A_PARTNER);
    if (ar.grantorOrganizationId && !partners.has(ar.grantorOrganizationId)) add(at('grantorOrganizationId'), NOT_A_PARTNER);
    if (ar.beneficiaryOrganizationId && ar.beneficiaryOrganizationId === ar.grantorOrganizationId) {
      add(at('beneficiaryOrganizationId'), 'The beneficiary and the grantor must be different organizations');
    }
    if (context.organizationId) {
      if (ar.direction === 'requested' && ar.beneficiaryOrganizationId && ar.beneficiaryOrganizationId !== context.organizationId) {
        add(at('beneficiaryOrganizationId'), 'A requested right benefits the declaring organization');
      }
      if (ar.direction === 'granted' && ar.grantorOrganizationId && ar.grantorOrganizationId !== context.organizationId) {
        add(at('grantorOrganizationId'), 'A granted right is granted by the declaring organization');
      }
    }
    const s = ar.subject;
    if (s?.kind === 'background' && s.itemKey) {
      const owner = s.ownerOrganizationId;
      if (owner !== undefined && !partners.has(owner)) add(at('subject', 'ownerOrganizationId'), NOT_A_PARTNER);
      else if (owner === undefined || owner === context.organizationId) {
        if (!ownBackground.has(s.itemKey)) add(at('subject', 'itemKey'), `No background item with key "${s.itemKey}" in this declaration`);
      } else {
        const theirs = context.backgroundKeysByOrg?.[owner];
        if (theirs && !theirs.includes(s.itemKey)) add(at('subject', 'itemKey'), `No background item with key "${s.itemKey}" in that partner's declaration`);
      }
    }
    if (s?.kind === 'result' && s.resultKey && !ownResults.has(s.resultKey)) {
      add(at('subject', 'resultKey'), `No result with key "${s.resultKey}" in this declaration`);
    }
  });

  return [...errors.values()];
}

// --- Cheap limits pre-check -------------------------------------------------------------------------------------

/** Most errors {@link limitErrors} reports before it stops looking. */
const MAX_LIMIT_ERRORS = 20;
/** Most fields an object of the body may have (the largest declaration object has 13): more is refused unvisited. */
export const MAX_OBJECT_FIELDS = 100;
/** The walk does not go deeper (a declaration is 5 levels deep; what lies deeper is refused by the schema anyway). */
const MAX_WALK_DEPTH = 16;

/**
 * A cheap walk over the raw (JSON-parsed) body that refuses oversize lists and strings before zod looks at
 * them: an array longer than its {@link ARRAY_LIMITS} entry (or {@link MAX_ANY_ARRAY} for any other name) is
 * reported without visiting its elements, and so is an object with more than {@link MAX_OBJECT_FIELDS} fields
 * (which would otherwise give one "Unknown field" error each); a string whose trimmed length exceeds
 * {@link MAX_TEXT_LENGTH} is reported wherever it is. Its verdicts agree with the schemas (same numbers), so a
 * handler may answer 413 for them and leave the rest to zod. Linear in the size of the body; it stops after
 * 20 errors and does not descend below 16 levels.
 */
export function limitErrors(raw: unknown): ProblemFieldError[] {
  const out: ProblemFieldError[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: raw, path: [] }];
  while (stack.length && out.length < MAX_LIMIT_ERRORS) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > MAX_TEXT_LENGTH && value.trim().length > MAX_TEXT_LENGTH) out.push(fieldError(path, msg('field.maxChars', { max: MAX_TEXT_LENGTH })));
    } else if (Array.isArray(value)) {
      const name = path[path.length - 1];
      const known = typeof name === 'string' && Object.hasOwn(ARRAY_LIMITS, name) ? (name as keyof typeof ARRAY_LIMITS) : undefined;
      const max = known ? ARRAY_LIMITS[known] : MAX_ANY_ARRAY;
      if (value.length > max) out.push(fieldError(path, known ? tooMany(known) : msg('field.maxItems', { max })));
      else if (path.length < MAX_WALK_DEPTH) for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      if (entries.length > MAX_OBJECT_FIELDS) out.push(fieldError(path, msg('field.maxFields', { max: MAX_OBJECT_FIELDS })));
      else if (path.length < MAX_WALK_DEPTH)
        for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], path: [...path, entries[i]![0]] });
    }
  }
  return out;
}

/** Throws a 413 PayloadTooLargeError naming each oversize field (see {@link limitErrors}). */
export function assertWithinLimits(raw: unknown): void {
  const errors = limitErrors(raw);
  if (errors.length) throw new PayloadTooLargeError(msg('declaration.exceedsLimits', { count: errors.length }), { errors });
}

// --- Entry points for handlers -----------------------------------------------------------------------------------

/**
 * Parse options for the declaration schemas: a missing field reads "Required" rather than zod's
 * "expected string, received undefined". Handlers that call `safeParse` themselves should pass it too.
 */
export const DECLARATION_PARSE_PARAMS = PARSE_PARAMS;

function parseWith<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  assertWithinLimits(raw);
  const parsed = schema.safeParse(raw, DECLARATION_PARSE_PARAMS);
  if (!parsed.success) {
    const errors = zodIssuesToFieldErrors(parsed.error.issues);
    throw new ValidationError(msg('declaration.invalid', { count: errors.length }), { errors });
  }
  return parsed.data;
}

/** Limits (413) then the draft schema (400). Returns the draft as stored: trimmed, nothing added. */
export const parseDeclarationDraft = (raw: unknown): DeclarationDraft => parseWith(declarationDraftSchema, raw);

/** Limits (413), the complete schema and the cross-field rules (400, every offending path). */
export function parseDeclarationForSubmit(raw: unknown, context: SubmitContext): Declaration {
  const declaration = parseWith(declarationSubmitSchema, raw);
  const errors = submitErrors(declaration, context);
  if (errors.length) throw new ValidationError(msg('declaration.cannotSubmit', { count: errors.length }), { errors });
  return declaration;
}
