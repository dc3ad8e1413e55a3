import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { getForm } from '../../functions/forms/get-form';
import type { HttpRequest } from '../../functions/http/http-handler';
import { routes } from '../../shared/api/routes';
import { ISO_COUNTRIES } from '../../shared/domain/countries';
import {
  BACKGROUND_TYPES,
  CONDITION_REGIMES,
  DECLARATION_PARSE_PARAMS,
  declarationDraftSchema,
  declarationSubmitSchema,
  EXPORT_CONTROL_CATEGORIES,
  IDENTIFIER_KINDS,
  MAX_BACKGROUND_ITEMS,
  submitErrors,
  type SubmitContext,
} from '../../shared/domain/declaration';
import { DECLARATION_RULES } from '../../shared/domain/forms/declaration-form';
import { JSON_SCHEMA_DIALECT, toJsonSchema, type JsonSchema } from '../../shared/domain/forms/json-schema';
import { LABELS, LANGS, type Lang } from '../../shared/domain/forms/labels';
import { formDefinition, formIds, getFormDocument, type FormDocument } from '../../shared/domain/forms/registry';
import { isForbidden, type UiNode } from '../../shared/domain/forms/ui-schema';

/**
 * GET /forms/declaration (docs/declarations.md): the served JSON Schema is the zod schema the server validates drafts
 * with, and an independent validator (Ajv 2020, strict, with ajv-formats) run on it accepts and refuses exactly
 * what zod (`declarationDraftSchema.safeParse(x, DECLARATION_PARSE_PARAMS)`) accepts and refuses — except the
 * rules the uiSchema lists as `enforcedBy: 'server'`, which are tested here as zod-only.
 */

type Any = any;

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);

const fakeRequest = (params: Record<string, string>, query: Record<string, string> = {}): HttpRequest<undefined> => ({
  route: routes.find((r) => r.handler === 'forms/get-form')!,
  principal: { sub: 'u1', role: 'partner', organizationId: A },
  params,
  query,
  headers: {},
  body: undefined,
  requestId: 'test',
});

const served = async (lang?: Lang): Promise<FormDocument> => (await getForm(fakeRequest({ formId: 'declaration' }, lang ? { lang } : {}))).body as FormDocument;

// --- Fixtures ---------------------------------------------------------------------------------------------

const A = `org_${'a'.repeat(32)}`;
const B = `org_${'b'.repeat(32)}`;
const C = `org_${'c'.repeat(32)}`;
const DOC1 = `doc_${'1'.repeat(32)}`;
const DOC2 = `doc_${'2'.repeat(32)}`;

const tech = (o: Record<string, unknown> = {}) => ({
  key: 'bg-1',
  type: 'software',
  title: 'Firmware du capteur',
  owners: [{ organizationId: A }],
  executionConditions: { regime: 'royalty-free' },
  exploitationConditions: { regime: 'fair-and-reasonable', text: 'Redevance à convenir' },
  exportControl: { category: 'none' },
  fromZrr: false,
  ...o,
});
const patent = (o: Record<string, unknown> = {}) =>
  tech({
    key: 'bg-p',
    type: 'patent',
    title: 'Capteur photonique',
    identifiers: [{ kind: 'patent-publication', value: 'EP 1 234 567 B1' }],
    jurisdictions: ['EP', 'FR', 'US'],
    priorityDate: '2018-03-01',
    exportControl: { category: '6', annexIEntry: '6A003.b.4' },
    ...o,
  });
const mark = (o: Record<string, unknown> = {}) => ({
  key: 'bg-m',
  type: 'trademark',
  title: 'ACME',
  owners: [{ thirdPartyName: 'Université Grenoble Alpes', country: 'FR' }],
  jurisdictions: ['EU'],
  executionConditions: { regime: 'excluded' },
  exploitationConditions: { regime: 'case-by-case', text: 'À négocier' },
  fromZrr: false,
  ...o,
});
const result = (o: Record<string, unknown> = {}) => ({
  key: 'r-1',
  title: 'Capteur quantique',
  technologyDomains: ['quantum', 'photonics'],
  ownership: [
    { organizationId: A, pct: 50 },
    { organizationId: B, pct: 50 },
  ],
  ...o,
});
const execRight = (o: Record<string, unknown> = {}) => ({
  key: 'ar-1',
  purpose: 'execution',
  direction: 'requested',
  beneficiaryOrganizationId: A,
  grantorOrganizationId: B,
  subject: { kind: 'background', itemKey: 'bg-9', ownerOrganizationId: B },
  exclusive: false,
  ...o,
});
const exploitRight = (o: Record<string, unknown> = {}) => ({
  key: 'ar-2',
  purpose: 'exploitation',
  direction: 'granted',
  beneficiaryOrganizationId: B,
  grantorOrganizationId: A,
  subject: { kind: 'result', resultKey: 'r-1' },
  exclusive: true,
  fieldOfUse: 'Capteurs embarqués pour l’automobile',
  territory: { scope: 'eu-eea' },
  ...o,
});
const person = (o: Record<string, unknown> = {}) => ({ name: 'Claire Martin', position: 'Directrice juridique', email: 'claire.martin@acme.fr', ...o });
/** A complete declaration of organization A (valid for the submit schema and its cross-field rules). */
const complete = (o: Record<string, unknown> = {}): Any => ({
  background: [patent(), tech(), mark()],
  results: [result()],
  accessRights: [execRight(), exploitRight()],
  confidentiality: { termYears: 5, survivesProject: true },
  signatory: person({ name: 'Jean Dupont', position: 'Président' }),
  contacts: [person()],
  ...o,
});
const bg = (...items: unknown[]) => ({ background: items });
const results = (...items: unknown[]) => ({ results: items });
const rights = (...items: unknown[]) => ({ accessRights: items });
const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));

type Case = [name: string, value: unknown];
type RuleCase = [name: string, ruleId: string, value: unknown];

// --- The corpus: the draft schema (what PUT accepts) -------------------------------------------------------

const valid: Case[] = [
  ['an empty draft', {}],
  ['a complete declaration', complete()],
  ['a background item with only its key (type not chosen yet)', bg({ key: 'bg-1' })],
  ['a trademark without export control', bg(mark())],
  ['a design with its registration number', bg(mark({ type: 'design', identifiers: [{ kind: 'design-registration', value: 'DM/212 345' }] }))],
  ['a patent with priority date and EP/WO/EU jurisdictions', bg(patent({ jurisdictions: ['EP', 'WO', 'EU', 'FR', 'US', 'JP'] }))],
  [
    'every identifier kind',
    bg(tech({ identifiers: IDENTIFIER_KINDS.map((kind) => ({ kind, value: kind === 'patent-publication' ? 'WO 2019/123456 A1' : 'REF-2024/17' })) })),
  ],
  [
    'patent numbers in their accepted spellings',
    bg(
      patent({
        identifiers: [
          'wo2019123456a1',
          'US 10,123,456 B2',
          'FR 3 012 345 A1',
          'US RE45,678 E',
          'US D812,345 S',
          'US 2020/0123456 A1',
          '  EP1234567  ',
          'EP 0 123 456 A2',
        ].map((value) => ({ kind: 'patent-publication', value })),
      }),
    ),
  ],
  [
    'every export-control category, with and without an Annex I entry',
    bg(
      ...['none', ...EXPORT_CONTROL_CATEGORIES].map((category, i) =>
        tech({ key: `bg-${i}`, exportControl: category === 'none' ? { category } : { category, ...(i % 2 ? { annexIEntry: `${category}A001.b.2` } : {}) } }),
      ),
    ),
  ],
  [
    'Annex I entries 3A001, 5A002.a.1, 9E003',
    bg(
      tech({ key: 'a', exportControl: { category: '3', annexIEntry: '3A001' } }),
      tech({ key: 'b', exportControl: { category: '5', annexIEntry: '5A002.a.1' } }),
      tech({ key: 'c', exportControl: { category: '9', annexIEntry: '9E003' } }),
    ),
  ],
  [
    'owners: a partner and a third party',
    bg(tech({ owners: [{ organizationId: A }, { thirdPartyName: 'CNRS', country: 'FR' }, { thirdPartyName: 'MIT', country: 'US' }] })),
  ],
  [
    'shares of 33.33 + 33.33 + 33.34 with planned publications',
    results(
      result({
        ownership: [
          { organizationId: A, pct: 33.33 },
          { organizationId: B, pct: 33.33 },
          { organizationId: C, pct: 33.34 },
        ],
        plannedFilingDate: '2026-03-01',
        plannedPublications: [{ venue: 'Optics Express', date: '2026-06-01' }],
      }),
    ),
  ],
  [
    'shares adding up to 90 (refused at submit only)',
    results(
      result({
        ownership: [
          { organizationId: A, pct: 45 },
          { organizationId: B, pct: 45 },
        ],
      }),
    ),
  ],
  [
    'shares at the bounds: 0.0001, 12.3456 and 100',
    results(
      result({
        ownership: [
          { organizationId: A, pct: 0.0001 },
          { organizationId: B, pct: 12.3456 },
          { organizationId: C, pct: 100 },
        ],
      }),
    ),
  ],
  ['a share without its percentage yet', results(result({ ownership: [{ organizationId: A }] }))],
  ['an execution right with a field of use (optional there)', rights(execRight({ fieldOfUse: 'Travaux du lot 2' }))],
  [
    'exploitation rights: worldwide, EU/EEA, countries',
    rights(
      exploitRight({ key: 'x1', territory: { scope: 'worldwide' } }),
      exploitRight({ key: 'x2' }),
      exploitRight({ key: 'x3', territory: { scope: 'countries', countries: ['DE', 'US', 'JP'] } }),
    ),
  ],
  ['an access right with only its key (purpose not chosen yet)', rights({ key: 'ar-9' })],
  ['an exploitation right whose country list is not filled in yet', rights({ key: 'ar-9', purpose: 'exploitation', territory: { scope: 'countries' } })],
  ['a subject without its key yet', rights(execRight({ subject: { kind: 'result' } }))],
  ['partial confidentiality and signatory', { confidentiality: { termYears: 20 }, signatory: { email: 'jean@acme.fr' } }],
  ['case-by-case conditions without text (refused at submit only)', bg(tech({ executionConditions: { regime: 'case-by-case' } }))],
  ['conditions without a regime yet', bg(tech({ executionConditions: {}, exploitationConditions: { text: 'À voir' } }))],
  ['padded strings are trimmed by the server', bg(tech({ title: `  ${'T'.repeat(300)}\n`, description: '\tDescription\n' }))],
  ['HTML and script are plain text', bg(tech({ title: '<script>alert("x")</script>', description: '<img src=x onerror=alert(1)> & <b>gras</b>' }))],
  ['a description of 20,000 characters with line breaks', bg(tech({ description: `Ligne 1\r\n${'x'.repeat(19_991)}` }))],
  [
    'dates at the bounds and 29 February of a leap year',
    results(
      result({
        plannedFilingDate: '2099-12-31',
        plannedPublications: [
          { venue: 'A', date: '1900-01-01' },
          { venue: 'B', date: '2028-02-29' },
        ],
      }),
    ),
  ],
  ['500 background items (the maximum)', bg(...many(MAX_BACKGROUND_ITEMS, (i) => ({ key: `bg-${i}` })))],
  ['keys of 64 characters with . - _', bg({ key: `A${'b.c-d_'.repeat(10)}xyz` })],
  ['documents and ZRR origin', bg(tech({ documentIds: [DOC1, DOC2], fromZrr: true }))],
  ['empty lists everywhere', { background: [], results: [], accessRights: [], contacts: [] }],
  ['a title of 300 emoji (lengths count code points on both sides)', bg(tech({ title: '😀'.repeat(300) }))],
  ['29 February 2000 (a leap century)', results(result({ plannedFilingDate: '2000-02-29' }))],
  [
    "an email whose domain label ends with '-' (zod's grammar; the served schema has no stricter `format`)",
    { signatory: person({ email: 'claire@acme-.fr' }) },
  ],
];

const invalid: Case[] = [
  ['an unknown top-level field', complete({ status: 'submitted' })],
  ['an unknown field in a background item', bg(tech({ confidential: true }))],
  ['an unknown field in a share', results(result({ ownership: [{ organizationId: A, pct: 100, role: 'lead' }] }))],
  ['an unknown field in the signatory', { signatory: person({ phone: '0102030405' }) }],
  ['a background type not in the list', bg(tech({ type: 'copyright' }))],
  ['a condition regime not in the list', bg(tech({ exploitationConditions: { regime: 'free' } }))],
  ['export control on a trademark', bg(mark({ exportControl: { category: 'none' } }))],
  ['export control on a design', bg(mark({ type: 'design', exportControl: { category: '3', annexIEntry: '3A001' } }))],
  ['a territory on an execution right', rights(execRight({ territory: { scope: 'worldwide' } }))],
  ['a territory on a right without purpose (execution by default)', rights({ key: 'ar-1', territory: { scope: 'eu-eea' } })],
  ['a patent number that is too short', bg(patent({ identifiers: [{ kind: 'patent-publication', value: 'EP 123' }] }))],
  ['a US application publication with a grant kind code', bg(patent({ identifiers: [{ kind: 'patent-publication', value: 'US 2020/0123456 B2' }] }))],
  ['a French number starting with 4', bg(patent({ identifiers: [{ kind: 'patent-publication', value: 'FR 4 012 345 A1' }] }))],
  ['an identifier kind not in the list', bg(tech({ identifiers: [{ kind: 'isbn', value: '978-2-07-036822-8' }] }))],
  ['an Annex I entry of another category', bg(tech({ exportControl: { category: '3', annexIEntry: '5A002' } }))],
  ['an Annex I entry with category none', bg(tech({ exportControl: { category: 'none', annexIEntry: '3A001' } }))],
  ['export-control category 10', bg(tech({ exportControl: { category: '10' } }))],
  ['export control without a category', bg(tech({ exportControl: {} }))],
  ['an owner both partner and third party', bg(tech({ owners: [{ organizationId: A, thirdPartyName: 'X' }] }))],
  ['a third-party owner without country', bg(tech({ owners: [{ thirdPartyName: 'CNRS' }] }))],
  ['a jurisdiction that does not exist', bg(patent({ jurisdictions: ['XX'] }))],
  ['a jurisdiction in lower case', bg(patent({ jurisdictions: ['fr'] }))],
  ['a jurisdiction listed twice', bg(patent({ jurisdictions: ['EP', 'FR', 'EP'] }))],
  ['a date that does not exist', bg(patent({ priorityDate: '2025-02-30' }))],
  ['29 February of a common year', results(result({ plannedFilingDate: '2019-02-29' }))],
  ['a date before 1900', bg(patent({ priorityDate: '1899-12-31' }))],
  ['a date after 2099', results(result({ plannedFilingDate: '2100-01-01' }))],
  ['a date without leading zeros', results(result({ plannedPublications: [{ venue: 'A', date: '2026-6-1' }] }))],
  ['a date-time instead of a date', bg(patent({ priorityDate: '2018-03-01T00:00:00Z' }))],
  ['a negative share', results(result({ ownership: [{ organizationId: A, pct: -1 }] }))],
  ['a share of 0', results(result({ ownership: [{ organizationId: A, pct: 0 }] }))],
  ['a share above 100', results(result({ ownership: [{ organizationId: A, pct: 100.0001 }] }))],
  ['a share as a string', results(result({ ownership: [{ organizationId: A, pct: '50' }] }))],
  ['a shareholder that is not an organization id', results(result({ ownership: [{ organizationId: `prj_${'a'.repeat(32)}`, pct: 100 }] }))],
  ['a title of 301 characters', bg(tech({ title: 'T'.repeat(301) }))],
  ['a title of 301 characters once trimmed', bg(tech({ title: ` ${'T'.repeat(301)} ` }))],
  ['a title of 301 emoji', bg(tech({ title: '😀'.repeat(301) }))],
  ['29 February 1900 (not a leap year)', bg(patent({ priorityDate: '1900-02-29' }))],
  ['a blank title', bg(tech({ title: '   ' }))],
  ['a control character in a title', bg(tech({ title: 'Firm\u0007ware' }))],
  ['a description of 20,001 characters', bg(tech({ description: 'x'.repeat(20_001) }))],
  ['a 10 MB string in a description', bg(tech({ description: 'x'.repeat(10 * 1024 * 1024) }))],
  ['501 background items', bg(...many(MAX_BACKGROUND_ITEMS + 1, (i) => ({ key: `bg-${i}` })))],
  ['21 identifiers', bg(tech({ identifiers: many(21, (i) => ({ kind: 'internal-reference', value: `R${i}` })) }))],
  ['11 contacts', { contacts: many(11, (i) => person({ email: `c${i}@acme.fr` })) }],
  ['101 shares', results(result({ ownership: many(101, () => ({ organizationId: A, pct: 1 })) }))],
  ['a background item without key', bg({ type: 'software', title: 'X' })],
  ['a key with a space', bg({ key: 'bg 1' })],
  ['a key starting with a dash', results({ key: '-r1' })],
  ['a key of 65 characters', rights({ key: 'k'.repeat(65) })],
  ['a confidentiality term of 0 years', { confidentiality: { termYears: 0 } }],
  ['a confidentiality term of 21 years', { confidentiality: { termYears: 21 } }],
  ['a confidentiality term of 2.5 years', { confidentiality: { termYears: 2.5 } }],
  ['confidentiality that does not survive the project', { confidentiality: { termYears: 5, survivesProject: false } }],
  ['an invalid email', { signatory: person({ email: 'claire.martin' }) }],
  ['a technology domain listed twice', results(result({ technologyDomains: ['quantum', 'quantum'] }))],
  ['a technology domain not in the list', results(result({ technologyDomains: ['teleportation'] }))],
  ['a subject kind not in the list', rights(execRight({ subject: { kind: 'document' } }))],
  ['a result key on a background subject', rights(execRight({ subject: { kind: 'background', resultKey: 'r-1' } }))],
  ['countries on a worldwide territory', rights(exploitRight({ territory: { scope: 'worldwide', countries: ['FR'] } }))],
  ['a territory country that does not exist', rights(exploitRight({ territory: { scope: 'countries', countries: ['FR', 'EU'] } }))],
  ['a territory country listed twice', rights(exploitRight({ territory: { scope: 'countries', countries: ['FR', 'FR'] } }))],
  ['a malformed document id', bg(tech({ documentIds: ['doc_1'] }))],
  ['a document listed twice', bg(tech({ documentIds: [DOC1, DOC1] }))],
  ['the ZRR flag as a string', bg(tech({ fromZrr: 'yes' }))],
  ['an access direction not in the list', rights(execRight({ direction: 'both' }))],
  ['exclusive as a string', rights(exploitRight({ exclusive: 'no' }))],
  ['background as an object', { background: tech() }],
  ['a null body', null],
  ['an array body', [complete()]],
];

/** Refused by the server only: rules JSON Schema cannot state (each listed in `ui:rules` with `enforcedBy: 'server'`). */
const zodOnly: RuleCase[] = [
  ['a background key used twice', 'keys-unique', bg({ key: 'bg-1' }, { key: 'bg-1' })],
  ['a result key used twice', 'keys-unique', results(result(), result({ title: 'Autre' }))],
  ['an access-right key used twice', 'keys-unique', rights(execRight(), exploitRight({ key: 'ar-1' }))],
  ['a share with 5 decimals', 'share-decimals', results(result({ ownership: [{ organizationId: A, pct: 33.33333 }] }))],
  ['a share of 0.00001', 'share-decimals', results(result({ ownership: [{ organizationId: A, pct: 0.00001 }] }))],
];

// --- The corpus: the submit schema (what POST …/submit requires, before its cross-field rules) ------------

const submitValid: Case[] = [
  ['a complete declaration', complete()],
  ['no background, results or access rights (empty lists)', complete({ background: [], results: [], accessRights: [] })],
  ['an execution right without field of use', complete({ accessRights: [execRight()] })],
  ['a trademark only', complete({ background: [mark()], accessRights: [] })],
];
const submitInvalid: Case[] = [
  ['an empty draft', {}],
  ['no signatory', complete({ signatory: undefined })],
  ['no contact', complete({ contacts: [] })],
  ['a technology item without export control', complete({ background: [tech({ exportControl: undefined })] })],
  ['a background item with only its key', complete({ background: [{ key: 'bg-1' }] })],
  ['a background item without owner', complete({ background: [tech({ owners: [] })] })],
  ['conditions without a regime', complete({ background: [tech({ executionConditions: { text: 'À voir' } })] })],
  ['a result without technology domain', complete({ results: [result({ technologyDomains: [] })] })],
  ['a share without percentage', complete({ results: [result({ ownership: [{ organizationId: A }] })] })],
  ['an exploitation right without territory', complete({ accessRights: [exploitRight({ territory: undefined })] })],
  ['an exploitation right without field of use', complete({ accessRights: [exploitRight({ fieldOfUse: undefined })] })],
  ['a country list without countries', complete({ accessRights: [exploitRight({ territory: { scope: 'countries', countries: [] } })] })],
  ['an access right without purpose', complete({ accessRights: [execRight({ purpose: undefined })] })],
  ['confidentiality without term', complete({ confidentiality: { survivesProject: true } })],
  ['export control on a trademark', complete({ background: [mark({ exportControl: { category: 'none' } })] })],
];

/** Accepted by the submit schema, refused by the cross-field rules of the submission (shared/domain/declaration.ts submitErrors). */
const submitServerOnly: RuleCase[] = [
  [
    'shares adding up to 90',
    'shares-total',
    complete({
      results: [
        result({
          ownership: [
            { organizationId: A, pct: 45 },
            { organizationId: B, pct: 45 },
          ],
        }),
      ],
    }),
  ],
  [
    'shares adding up to 100.0001',
    'shares-total',
    complete({
      results: [
        result({
          ownership: [
            { organizationId: A, pct: 50.0001 },
            { organizationId: B, pct: 50 },
          ],
        }),
      ],
    }),
  ],
  [
    'a shareholder outside the project',
    'shareholders-in-project',
    complete({
      results: [
        result({
          ownership: [
            { organizationId: A, pct: 50 },
            { organizationId: `org_${'f'.repeat(32)}`, pct: 50 },
          ],
        }),
      ],
    }),
  ],
  [
    'a shareholder listed twice',
    'shareholders-in-project',
    complete({
      results: [
        result({
          ownership: [
            { organizationId: A, pct: 50 },
            { organizationId: A, pct: 50 },
          ],
        }),
      ],
    }),
  ],
  [
    'an owner outside the project',
    'owners-in-project',
    complete({ background: [tech({ owners: [{ organizationId: `org_${'f'.repeat(32)}` }] })], accessRights: [] }),
  ],
  [
    'a patent without publication number',
    'patent-identifier',
    complete({ background: [patent({ identifiers: [{ kind: 'internal-reference', value: 'X' }] })], accessRights: [] }),
  ],
  [
    'a patent application without priority date',
    'priority-date',
    complete({ background: [patent({ type: 'patent-application', priorityDate: undefined })], accessRights: [] }),
  ],
  ['a priority date in the future', 'priority-date', complete({ background: [patent({ priorityDate: '2099-01-01' })], accessRights: [] })],
  [
    'case-by-case conditions without text',
    'case-by-case-text',
    complete({ background: [tech({ executionConditions: { regime: 'case-by-case' } })], accessRights: [] }),
  ],
  [
    'a publication planned before the filing',
    'publication-after-filing',
    complete({ results: [result({ plannedFilingDate: '2026-03-01', plannedPublications: [{ venue: 'Nature', date: '2026-02-28' }] })] }),
  ],
  ['beneficiary and grantor the same', 'access-parties', complete({ accessRights: [execRight({ grantorOrganizationId: A })] })],
  ['a requested right benefiting another partner', 'access-parties', complete({ accessRights: [execRight({ beneficiaryOrganizationId: C })] })],
  [
    'a subject result that does not exist',
    'access-subject-exists',
    complete({ accessRights: [exploitRight({ subject: { kind: 'result', resultKey: 'r-404' } })] }),
  ],
];
const submitContext: SubmitContext = { projectOrgIds: [A, B, C], organizationId: A, today: '2025-06-01', backgroundKeysByOrg: { [B]: ['bg-9'] } };

// --- Helpers --------------------------------------------------------------------------------------------------

const zodDraft = (x: unknown) => declarationDraftSchema.safeParse(x, DECLARATION_PARSE_PARAMS);
const zodSubmit = (x: unknown) => declarationSubmitSchema.safeParse(x, DECLARATION_PARSE_PARAMS);
/** `results/0/ownership/1/pct` → `results.ownership.pct` (the dotted field paths of labels and rules). */
const fieldOf = (path: string) =>
  path
    .split('/')
    .filter((s) => s !== '' && !/^\d+$/.test(s))
    .join('.');
const ruleById = (id: string) => DECLARATION_RULES.find((r) => r.id === id);

// --- Tests ------------------------------------------------------------------------------------------------------

describe('GET /forms/declaration', () => {
  it('is a registered form, served with its draft schema, its submit schema and the dialect', async () => {
    expect(formIds()).toContain('declaration');
    const doc = await served();
    expect(doc).toMatchObject({ formId: 'declaration', lang: 'fr', schemaDialect: JSON_SCHEMA_DIALECT, mode: 'draft' });
    expect(doc.schema.$schema).toBe(JSON_SCHEMA_DIALECT);
    expect(doc.submitSchema?.$schema).toBe(JSON_SCHEMA_DIALECT);
    expect(doc.schema).toEqual(toJsonSchema(declarationDraftSchema, { io: 'input' }));
    expect(doc.submitSchema).toEqual(toJsonSchema(declarationSubmitSchema, { io: 'input' }));
    expect(formDefinition('declaration')!.schema).toBe(declarationDraftSchema);
    expect(formDefinition('declaration')!.submitSchema).toBe(declarationSubmitSchema);
    expect(doc).toBe(getFormDocument('declaration', 'fr'));
    expect(getFormDocument('declaration', 'en')!.schema).toBe(doc.schema);
  });

  it('says `complete` for the single-step forms, which have no submit schema', () => {
    for (const id of ['organization', 'project']) {
      const doc = getFormDocument(id, 'fr')!;
      expect(doc.mode).toBe('complete');
      expect(doc).not.toHaveProperty('submitSchema');
    }
  });

  it('answers in English with ?lang=en', async () => {
    const res = await getForm(fakeRequest({ formId: 'declaration' }, { lang: 'en' }));
    expect(res.headers?.['content-language']).toBe('en');
    const ui = (res.body as FormDocument).uiSchema as Any;
    expect(ui['ui:title']).toBe('Intellectual property declaration');
    expect(ui.background.items.exportControl['ui:help']).toContain('Annex I of Regulation (EU) 2021/821');
    expect(ui.accessRights.items.purpose['ui:help']).toMatch(/^Execution: .*Exploitation: /);
    expect(ui.background.items.type['ui:enumLabels'].trademark).toBe('Trade mark');
  });

  it('has a corpus of at least 15 valid and 25 invalid drafts', () => {
    expect(valid.length).toBeGreaterThanOrEqual(15);
    expect(invalid.length).toBeGreaterThanOrEqual(25);
  });
});

describe('the served draft schema and zod agree (Ajv 2020 strict + ajv-formats vs declarationDraftSchema)', () => {
  const doc = getFormDocument('declaration', 'fr')!;
  const validate = ajv.compile(doc.schema);
  const verdicts = (x: unknown) => ({ zod: zodDraft(x).success, ajv: validate(x) as boolean });

  it.each(valid)('both accept: %s', (_name, value) => {
    expect(verdicts(value)).toEqual({ zod: true, ajv: true });
  });

  it.each(invalid)('both refuse: %s', (_name, value) => {
    expect(verdicts(value)).toEqual({ zod: false, ajv: false });
  });

  it.each(zodOnly)('only the server refuses (%s): rule %s', (_name, ruleId, value) => {
    expect(verdicts(value)).toEqual({ zod: false, ajv: true });
    expect(ruleById(ruleId)).toMatchObject({ enforcedBy: 'server', when: 'save' });
    const fields = zodDraft(value).error!.issues.map((i) => i.path.filter((p) => typeof p === 'string').join('.'));
    for (const f of fields) expect(ruleById(ruleId)!.fields).toContain(f);
  });

  it('agrees on generated drafts, except where zod reports only server-side rules', () => {
    /** Mostly a valid value, sometimes an invalid one. */
    const pick = (ok: readonly unknown[], bad: readonly unknown[]): fc.Arbitrary<unknown> =>
      fc.oneof({ arbitrary: fc.constantFrom(...ok), weight: 30 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });
    const text = pick(['Titre', '  Titre  ', '<b>x</b>', 'Ligne\nligne'], ['', '   ', 'a\u0001b', 'x'.repeat(301), 42]);
    const date = pick(['2020-01-31', '2024-02-29', '1900-01-01', '2099-12-31'], ['2020-02-30', '2023-02-29', '1899-12-31', '20200101', null]);
    const org = pick([A, B, C], ['org_x', `prj_${'a'.repeat(32)}`]);
    const key = pick(['k-1', 'k-2', 'k.3'], ['-x', 'k'.repeat(65), '', 'a b']);
    const pct = pick([50, 100, 33.33, 12.3456, 0.0001], [0, -1, 100.0001, 33.333333, 0.00001, '50']);
    const opt = { requiredKeys: [] as never[] };
    const conditions = fc.record({ regime: pick(CONDITION_REGIMES, ['free']), text }, opt);
    const exportControl = fc.oneof(
      fc.record({ category: pick(['none'], ['10', 'A']) }),
      fc.record(
        { category: pick(EXPORT_CONTROL_CATEGORIES, ['none']), annexIEntry: pick(['3A001', '5A002.a.1', '9E003', '0B001.c'], ['3a001', '3F001']) },
        { requiredKeys: ['category'] },
      ),
      fc.constant({}),
    );
    const identifier = fc.record({
      kind: pick(IDENTIFIER_KINDS, ['isbn']),
      value: pick(['EP 1 234 567 B1', 'WO 2019/123456 A1', 'REF-1', 'us 10,123,456 b2'], ['EP 123', 'US 2020/0123456 B2', '']),
    });
    const owner = fc.oneof(
      fc.record({ organizationId: org }),
      fc.record({ thirdPartyName: text, country: pick(['FR', 'US'], ['XX', 'EU']) }, opt),
      fc.constant({ organizationId: A, thirdPartyName: 'X' }),
    );
    const list = <T>(a: fc.Arbitrary<T>, max = 3) => fc.array(a, { maxLength: max });
    const background = fc.record(
      {
        key,
        type: pick(BACKGROUND_TYPES, ['copyright']),
        title: text,
        description: text,
        identifiers: list(identifier),
        owners: list(owner),
        jurisdictions: list(pick(['FR', 'EP', 'WO', 'EU', 'US'], ['XX', 'fr']), 4),
        priorityDate: date,
        executionConditions: conditions,
        exploitationConditions: conditions,
        exportControl,
        fromZrr: pick([true, false], ['yes']),
        documentIds: list(pick([DOC1, DOC2], ['doc_1'])),
      },
      opt,
    );
    const result = fc.record(
      {
        key,
        title: text,
        technologyDomains: list(pick(['quantum', 'photonics', 'robotics'], ['teleportation']), 3),
        ownership: list(fc.record({ organizationId: org, pct }, opt)),
        plannedFilingDate: date,
        plannedPublications: list(fc.record({ venue: text, date }, opt), 2),
      },
      opt,
    );
    const territory = fc.oneof(
      fc.record({ scope: pick(['worldwide', 'eu-eea'], ['everywhere']) }),
      fc.record({ scope: fc.constant('countries'), countries: list(pick(['FR', 'DE', 'US'], ['EU', 'XX'])) }, { requiredKeys: ['scope'] }),
      fc.constant({ scope: 'worldwide', countries: ['FR'] }),
    );
    const subject = fc.oneof(
      fc.record({ kind: fc.constant('background'), itemKey: key, ownerOrganizationId: org }, { requiredKeys: ['kind'] }),
      fc.record({ kind: fc.constant('result'), resultKey: key }, { requiredKeys: ['kind'] }),
      fc.record({ kind: fc.constantFrom('background', 'document'), resultKey: key }),
    );
    const right = fc.record(
      {
        key,
        purpose: pick(['execution', 'exploitation'], ['use']),
        direction: pick(['requested', 'granted'], ['both']),
        beneficiaryOrganizationId: org,
        grantorOrganizationId: org,
        subject,
        exclusive: pick([true, false], ['no']),
        terms: text,
        fieldOfUse: text,
        territory,
      },
      opt,
    );
    const draft = fc
      .record(
        {
          background: list(background),
          results: list(result, 2),
          accessRights: list(right, 2),
          confidentiality: fc.record({ termYears: pick([1, 5, 20], [0, 21, 2.5]), survivesProject: pick([true], [false]) }, opt),
          signatory: fc.record({ name: text, position: text, email: pick(['a.b@acme.fr'], ['acme.fr']) }, opt),
          contacts: list(fc.record({ name: text, email: pick(['a.b@acme.fr'], ['acme.fr']) }, opt), 2),
        },
        { requiredKeys: [] },
      )
      .chain((d) => pick([d], [{ ...d, extra: true }]));
    const serverOnly = (message: string) => message.startsWith('Key "') || message === 'At most 4 decimals';
    let accepted = 0;
    let serverOnlyRefusals = 0;
    fc.assert(
      fc.property(draft, (d) => {
        const parsed = zodDraft(d);
        const onlyServer = !parsed.success && parsed.error.issues.every((i) => serverOnly(i.message));
        if (parsed.success) accepted++;
        if (onlyServer) serverOnlyRefusals++;
        expect(validate(d)).toBe(parsed.success || onlyServer);
      }),
      { numRuns: 3000, seed: 20250601 },
    );
    // The generator must exercise both verdicts, not only refusals.
    expect(accepted).toBeGreaterThan(100);
    expect(serverOnlyRefusals).toBeGreaterThan(5);
  });
});

describe('the served submit schema and zod agree (declarationSubmitSchema)', () => {
  const doc = getFormDocument('declaration', 'fr')!;
  const validate = ajv.compile(doc.submitSchema!);
  const verdicts = (x: unknown) => ({ zod: zodSubmit(x).success, ajv: validate(x) as boolean });

  it.each(submitValid)('both accept: %s', (_name, value) => {
    expect(verdicts(value)).toEqual({ zod: true, ajv: true });
    expect(submitErrors(zodSubmit(value).data!, submitContext)).toEqual([]);
  });

  it.each(submitInvalid)('both refuse: %s', (_name, value) => {
    expect(verdicts(value)).toEqual({ zod: false, ajv: false });
  });

  it.each(submitServerOnly)('the schema accepts, the submission refuses (%s): rule %s', (_name, ruleId, value) => {
    expect(verdicts(value)).toEqual({ zod: true, ajv: true });
    const errors = submitErrors(zodSubmit(value).data!, submitContext);
    expect(errors.length).toBeGreaterThan(0);
    const rule = ruleById(ruleId)!;
    expect(rule).toMatchObject({ enforcedBy: 'server', when: 'submit' });
    for (const e of errors) expect(rule.fields).toContain(fieldOf(e.path));
  });

  it('refuses at submit every draft the draft schema refuses (the submit schema is stricter)', () => {
    const draft = ajv.compile(doc.schema);
    for (const [, value] of [...invalid, ...submitInvalid]) if (!draft(value)) expect(validate(value)).toBe(false);
    for (const [, value] of submitValid) expect(draft(value)).toBe(true);
  });
});

describe('conditional parts: in the JSON Schema, and read out in the uiSchema', () => {
  const doc = getFormDocument('declaration', 'fr')!;
  const s = doc.schema as Any;

  it('export control only on technology items (oneOf on type; forbidden on designs and trademarks)', () => {
    const [techItem, other] = s.properties.background.items.oneOf;
    expect(techItem.properties.type.enum).toEqual(['patent', 'patent-application', 'software', 'know-how', 'database', 'other']);
    expect(other.properties.type.enum).toEqual(['design', 'trademark']);
    expect(isForbidden(other.properties.exportControl)).toBe(true);
    expect(other.required).toContain('type');
    expect((doc.submitSchema as Any).properties.background.items.oneOf[0].required).toEqual(expect.arrayContaining(['type', 'exportControl']));
    const ui = (doc.uiSchema as Any).background.items;
    expect(ui['ui:discriminator']).toBe('type');
    expect(ui.exportControl['ui:condition']).toEqual({ field: 'type', in: techItem.properties.type.enum });
  });

  it('territory only on exploitation rights (oneOf on purpose)', () => {
    const [execution, exploitation] = s.properties.accessRights.items.oneOf;
    expect(execution.properties.purpose.const).toBe('execution');
    expect(isForbidden(execution.properties.territory)).toBe(true);
    expect(exploitation.properties.purpose.const).toBe('exploitation');
    expect(exploitation.required).toContain('purpose');
    expect((doc.submitSchema as Any).properties.accessRights.items.oneOf[1].required).toEqual(expect.arrayContaining(['territory', 'fieldOfUse']));
    const ui = (doc.uiSchema as Any).accessRights.items;
    expect(ui['ui:discriminator']).toBe('purpose');
    expect(ui.territory['ui:condition']).toEqual({ field: 'purpose', in: ['exploitation'] });
    expect(ui.fieldOfUse).not.toHaveProperty('ui:condition');
  });

  it('Annex I entry by category, countries by scope, subject keys by kind, owners as partner or third party', () => {
    const ui = doc.uiSchema as Any;
    expect(ui.background.items.exportControl['ui:discriminator']).toBe('category');
    expect(ui.background.items.exportControl.annexIEntry['ui:condition']).toEqual({ field: 'category', in: [...EXPORT_CONTROL_CATEGORIES] });
    expect(ui.accessRights.items.territory.countries['ui:condition']).toEqual({ field: 'scope', in: ['countries'] });
    expect(ui.accessRights.items.subject.itemKey['ui:condition']).toEqual({ field: 'kind', in: ['background'] });
    expect(ui.accessRights.items.subject.resultKey['ui:condition']).toEqual({ field: 'kind', in: ['result'] });
    expect(ui.background.items.owners.items['ui:variants']).toEqual([
      { title: 'Partenaire du projet', fields: ['organizationId'] },
      { title: 'Tiers (hors consortium)', fields: ['thirdPartyName', 'country'] },
    ]);
  });

  it('dates are `format: date` as well as their exact patterns', () => {
    const priority = s.properties.background.items.oneOf[0].properties.priorityDate;
    expect(priority.format).toBe('date');
    expect(priority.allOf).toHaveLength(2);
  });
});

/** Walks a JSON Schema (properties, items, oneOf/anyOf/allOf) with its uiSchema: every property titled and ordered, every enum/const value labelled. */
function missingLabels(schema: JsonSchema, ui: UiNode | undefined, path: string, out: string[]): string[] {
  const values = Array.isArray(schema.enum) ? schema.enum : typeof schema.const === 'string' ? [schema.const] : [];
  const labels = (ui?.['ui:enumLabels'] ?? {}) as Record<string, string>;
  for (const v of values) if (typeof labels[String(v)] !== 'string' || !labels[String(v)]) out.push(`${path} = ${String(v)}`);
  if (schema.properties) {
    const order = (ui?.['ui:order'] ?? []) as string[];
    for (const [k, s] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
      const p = path ? `${path}.${k}` : k;
      const node = ui?.[k] as UiNode | undefined;
      if (typeof node?.['ui:title'] !== 'string' || !node['ui:title']) out.push(`${p} (title)`);
      if (!order.includes(k)) out.push(`${p} (order)`);
      if (!isForbidden(s)) missingLabels(s, node, p, out);
    }
  }
  if (schema.items && typeof schema.items === 'object') missingLabels(schema.items as JsonSchema, ui?.items as UiNode | undefined, path, out);
  for (const k of ['oneOf', 'anyOf', 'allOf']) for (const v of (schema[k] ?? []) as JsonSchema[]) missingLabels(v, ui, path, out);
  return out;
}

/** The dotted paths of every property of a JSON Schema (array items and union variants transparent). */
function propertyPaths(schema: JsonSchema, path: string, out: Set<string>): Set<string> {
  for (const [k, s] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
    const p = path ? `${path}.${k}` : k;
    out.add(p);
    propertyPaths(s, p, out);
  }
  if (schema.items && typeof schema.items === 'object') propertyPaths(schema.items as JsonSchema, path, out);
  for (const k of ['oneOf', 'anyOf']) for (const v of (schema[k] ?? []) as JsonSchema[]) propertyPaths(v, path, out);
  return out;
}

/** Every `ui:help` of a uiSchema, by dotted path. */
function helps(ui: UiNode, path: string, out: Map<string, string>): Map<string, string> {
  for (const [k, v] of Object.entries(ui)) {
    if (k === 'ui:help' && typeof v === 'string') out.set(path, v);
    else if (k === 'items' && v && typeof v === 'object') helps(v as UiNode, `${path}[]`, out);
    else if (!k.startsWith('ui:') && v && typeof v === 'object') helps(v as UiNode, path ? `${path}.${k}` : k, out);
  }
  return out;
}

describe('uiSchema of the declaration', () => {
  it.each(LANGS)('labels every property and every enum value of both schemas, in %s', (lang) => {
    const doc = getFormDocument('declaration', lang)!;
    expect(missingLabels(doc.schema, doc.uiSchema, '', [])).toEqual([]);
    expect(missingLabels(doc.submitSchema!, doc.uiSchema, '', [])).toEqual([]);
  });

  it('has a label for exactly the fields of the schema (labels.ts is typed by the same paths)', () => {
    const doc = getFormDocument('declaration', 'fr')!;
    const paths = [...propertyPaths(doc.schema, '', new Set())].sort();
    expect([...propertyPaths(doc.submitSchema!, '', new Set())].sort()).toEqual(paths);
    for (const lang of LANGS) expect(Object.keys(LABELS[lang].forms.declaration.fields).sort()).toEqual(paths);
  });

  it('names the sections as the issue asks, in this order', () => {
    const titles = (lang: Lang) => (getFormDocument('declaration', lang)!.uiSchema['ui:sections'] as { title: string }[]).map((s) => s.title);
    expect(titles('fr')).toEqual(['Signataire et contacts', 'Connaissances antérieures', 'Résultats attendus', "Droits d'accès", 'Confidentialité']);
    expect(titles('en')).toEqual(['Signatory and contacts', 'Background', 'Expected results', 'Access rights', 'Confidentiality']);
  });

  it('gives every field the same help texts in both languages, different in each', () => {
    const fr = helps(getFormDocument('declaration', 'fr')!.uiSchema, '', new Map());
    const en = helps(getFormDocument('declaration', 'en')!.uiSchema, '', new Map());
    expect([...en.keys()].sort()).toEqual([...fr.keys()].sort());
    expect(fr.size).toBeGreaterThan(40);
    for (const [path, text] of fr) expect([path, en.get(path)]).not.toEqual([path, text]);
  });

  it('explains execution vs exploitation, case by case, and names the Annex I categories', () => {
    const fr = getFormDocument('declaration', 'fr')!.uiSchema as Any;
    const en = getFormDocument('declaration', 'en')!.uiSchema as Any;
    expect(fr.accessRights.items.purpose['ui:help']).toMatch(/Exécution : .*Exploitation : /);
    expect(fr.background.items.executionConditions.regime['ui:help']).toContain('Au cas par cas');
    expect(en.background.items.exploitationConditions.regime['ui:help']).toContain('Case by case: access will be negotiated at each request');
    const names = {
      fr: [
        'Matières, installations et équipements nucléaires',
        'Matériaux spéciaux',
        'Traitement des matériaux',
        'Électronique',
        'Calculateurs',
        'Télécommunications',
        'Capteurs et lasers',
        'Navigation',
        'Marine',
        'Aérospatiale et propulsion',
      ],
      en: [
        'Nuclear materials, facilities and equipment',
        'Special materials',
        'Materials processing',
        'Electronics',
        'Computers',
        'Telecommunications',
        'Sensors and lasers',
        'Navigation and avionics',
        'Marine',
        'Aerospace and propulsion',
      ],
    };
    for (const [lang, ui] of [
      ['fr', fr],
      ['en', en],
    ] as const) {
      const category = ui.background.items.exportControl.category;
      names[lang].forEach((name, i) => {
        expect(category['ui:enumLabels'][String(i)]).toContain(name);
        expect(category['ui:help']).toContain(`${i} ${name}`);
      });
      expect(category['ui:enumOrder']).toEqual(['none', ...EXPORT_CONTROL_CATEGORIES]);
    }
  });

  it('labels jurisdictions EP, WO and EU and names every country (no raw code)', () => {
    for (const lang of LANGS) {
      const items = (getFormDocument('declaration', lang)!.uiSchema as Any).background.items.jurisdictions.items;
      const labels = items['ui:enumLabels'] as Record<string, string>;
      expect(labels.EP).toMatch(/^EP — /);
      expect(labels.WO).toMatch(/PCT/);
      expect(labels.EU).toMatch(/^EU — /);
      expect(ISO_COUNTRIES.filter((c) => !labels[c] || labels[c] === c)).toEqual([]);
      expect((items['ui:enumOrder'] as string[]).slice(0, 3)).toEqual(['EP', 'WO', 'EU']);
    }
    expect((getFormDocument('declaration', 'fr')!.uiSchema as Any).background.items.jurisdictions.items['ui:enumLabels'].DE).toBe('Allemagne');
  });

  it('uses textareas for descriptions and terms, date pickers, country selects, and titles array items', () => {
    const ui = getFormDocument('declaration', 'fr')!.uiSchema as Any;
    const bgItem = ui.background.items;
    expect(bgItem.description['ui:widget']).toBe('textarea');
    expect(bgItem.executionConditions.text['ui:widget']).toBe('textarea');
    expect(ui.accessRights.items.terms['ui:widget']).toBe('textarea');
    expect(ui.accessRights.items.fieldOfUse['ui:widget']).toBe('textarea');
    expect(bgItem.title['ui:widget']).toBe('text');
    for (const d of [bgItem.priorityDate, ui.results.items.plannedFilingDate, ui.results.items.plannedPublications.items.date])
      expect(d['ui:widget']).toBe('date');
    expect(bgItem.owners.items.country).toMatchObject({ 'ui:widget': 'select', 'ui:options': { searchable: true } });
    expect(bgItem.jurisdictions['ui:widget']).toBe('multiselect');
    expect(ui.accessRights.items.territory.countries['ui:widget']).toBe('multiselect');
    expect(ui.results.items.ownership.items.pct).toMatchObject({ 'ui:widget': 'percent', 'ui:options': { unit: '%', step: 0.0001 } });
    expect(bgItem.description['ui:options']).toEqual({ maxLength: 20_000 });
    expect(ui.background.items['ui:title']).toBe('Connaissance antérieure');
    expect(ui.results.items['ui:title']).toBe('Résultat');
    expect(ui.accessRights.items['ui:title']).toBe("Droit d'accès");
    expect(ui.contacts.items['ui:title']).toBe('Contact');
    expect(ui.background['ui:options']).toMatchObject({ addLabel: 'Ajouter', removeLabel: 'Retirer' });
  });

  it('lists the rules: schema ones for the conditional parts, server ones for what JSON Schema cannot say', () => {
    const fields = [...propertyPaths(getFormDocument('declaration', 'fr')!.schema, '', new Set())];
    for (const lang of LANGS) {
      const rules = getFormDocument('declaration', lang)!.uiSchema['ui:rules'] as {
        id: string;
        fields: string[];
        enforcedBy: string;
        when: string;
        message: string;
      }[];
      expect(rules.map((r) => r.id)).toEqual(DECLARATION_RULES.map((r) => r.id));
      for (const r of rules) {
        expect(r.message).toBe((LABELS[lang].forms.declaration.rules as Record<string, string>)[r.id]);
        expect(r.fields.length).toBeGreaterThan(0);
        for (const f of r.fields) expect(fields).toContain(f);
      }
      const server = (when: string) => rules.filter((r) => r.enforcedBy === 'server' && r.when === when).map((r) => r.id);
      expect(server('save')).toEqual(['keys-unique', 'share-decimals']);
      expect(server('submit')).toEqual(expect.arrayContaining([...new Set(submitServerOnly.map(([, id]) => id))]));
      expect(rules.filter((r) => r.enforcedBy === 'schema').map((r) => r.id)).toEqual(
        expect.arrayContaining(['export-control-technology-only', 'territory-exploitation-only', 'submit-complete']),
      );
    }
    for (const [, id] of zodOnly) expect(ruleById(id)?.enforcedBy).toBe('server');
  });
});
