import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import type * as z from 'zod';
import { getForm } from '../../functions/forms/get-form';
import type { HttpRequest } from '../../functions/http/http-handler';
import { routes } from '../../shared/api/routes';
import { text } from '../../shared/domain/common';
import { ISO_COUNTRIES } from '../../shared/domain/countries';
import { NotFoundError, ValidationError } from '../../shared/domain/errors';
import { organizationInputSchema } from '../../shared/domain/organization';
import { projectInputSchema } from '../../shared/domain/project';
import { JSON_SCHEMA_DIALECT, toJsonSchema, type JsonSchema } from '../../shared/domain/forms/json-schema';
import { LABELS, LANGS } from '../../shared/domain/forms/labels';
import { formDefinition, formIds, getFormDocument, type FormDocument } from '../../shared/domain/forms/registry';
import type { UiNode } from '../../shared/domain/forms/ui-schema';

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);

const ORG_A = `org_${'a'.repeat(32)}`;
const ORG_B = `org_${'b'.repeat(32)}`;
const ORG_C = `org_${'0123456789abcdef'.repeat(2)}`;
const orgN = (i: number) => `org_${i.toString(16).padStart(32, '0')}`;

// ---------------------------------------------------------------------------------------------------
// Corpora. `valid` and `invalid` must get the same verdict from zod (the server) and from Ajv on the served
// JSON Schema. `zodOnly` are refused by the server only: rules JSON Schema cannot express.

const org = (o: Record<string, unknown> = {}) => ({ legalName: 'Acme Robotique SAS', country: 'FR', siren: '732829320', category: 'sme', ...o });
const foreign = (o: Record<string, unknown> = {}) => ({
  legalName: 'Beta Systems GmbH',
  country: 'DE',
  registrationId: 'HRB 123456',
  category: 'midcap',
  ...o,
});
const holder = (o: Record<string, unknown> = {}) => ({ name: 'Holding Un', country: 'FR', votingRightsPct: 40, ...o });
const rep = (o: Record<string, unknown> = {}) => ({ name: 'Claire Martin', email: 'claire.martin@acme.fr', ...o });

const organizationCorpus: { valid: [string, unknown][]; invalid: [string, unknown][]; zodOnly: [string, unknown][] } = {
  valid: [
    ['minimal French organization', org()],
    ['minimal foreign organization', foreign()],
    [
      'every field',
      org({
        listed: true,
        zrr: true,
        city: 'Grenoble',
        activityDescription: 'Robots de manutention.\nLigne 2\tindentée',
        shareholders: [holder()],
        representatives: [rep({ language: 'en', position: 'Directrice juridique' })],
      }),
    ],
    ['padded strings are trimmed by the server', org({ legalName: '   Acme SAS  ', city: '\tLyon\n' })],
    ['legal name of exactly 300 characters', org({ legalName: 'A'.repeat(300) })],
    ['300 characters once trimmed', org({ legalName: `  ${'B'.repeat(300)}  ` })],
    ['one-character name', org({ legalName: 'X' })],
    ['accents and typographic quotes', org({ legalName: 'Société d’Études — Île-de-France « Nord »' })],
    ['control characters at the edges are trimmed away (\\v, \\f are whitespace)', org({ legalName: '\u000bAcme\u000c' })],
    [
      'shareholders: natural person, linked, controlling, 4 decimals, total 100',
      org({
        shareholders: [
          holder({ name: 'Jean Dupont', naturalPerson: true, votingRightsPct: 33.3333 }),
          holder({ name: 'Holding', organizationId: ORG_A, controlling: true, votingRightsPct: 33.3333, country: 'LU' }),
          holder({ name: 'Fonds', country: 'US', votingRightsPct: 33.3334 }),
        ],
      }),
    ],
    ['0 % and 100 % bounds', foreign({ shareholders: [holder({ votingRightsPct: 0 }), holder({ name: 'Solo', votingRightsPct: 100 })] })],
    ['empty lists', org({ shareholders: [], representatives: [] })],
    [
      '200 shareholders (the maximum)',
      org({ shareholders: Array.from({ length: 200 }, (_, i) => holder({ name: `Actionnaire ${i}`, votingRightsPct: 0.5 })) }),
    ],
    ['20 representatives (the maximum)', org({ representatives: Array.from({ length: 20 }, (_, i) => rep({ email: `rep${i}@acme.fr` })) })],
    ['listed US company', foreign({ country: 'US', registrationId: 'DE-1234567', listed: true, category: 'large' })],
    ['public lab', org({ category: 'public-lab', siren: '732829338', zrr: true })],
  ],
  invalid: [
    ['unknown top-level field', org({ vatNumber: 'FR123' })],
    ['unknown shareholder field', org({ shareholders: [holder({ share: 3 })] })],
    ['unknown representative field', org({ representatives: [rep({ phone: '0102030405' })] })],
    ['country not ISO 3166', org({ country: 'XX' })],
    ['country in lower case', foreign({ country: 'de' })],
    ['shareholder country invalid', org({ shareholders: [holder({ country: 'EU' })] })],
    ['category not in the list', org({ category: 'startup-ish' })],
    ['legal name missing', { country: 'FR', siren: '732829320', category: 'sme' }],
    ['legal name blank', org({ legalName: '   ' })],
    ['legal name 301 characters', org({ legalName: 'A'.repeat(301) })],
    ['legal name 301 characters once trimmed', org({ legalName: ` ${'A'.repeat(301)} ` })],
    ['control character inside the name', org({ legalName: 'Acme\u0001SAS' })],
    ['escape character inside the city', org({ city: 'Lyon\u001b' })],
    ['vertical tab inside the description', org({ activityDescription: 'a\u000bb' })],
    ['boolean as a string', org({ listed: 'yes' })],
    ['number as name', org({ legalName: 123 })],
    ['null body', null],
    ['array body', [org()]],
    ['shareholders not a list', org({ shareholders: holder() })],
    ['voting rights above 100', org({ shareholders: [holder({ votingRightsPct: 100.5 })] })],
    ['negative voting rights', org({ shareholders: [holder({ votingRightsPct: -1 })] })],
    ['voting rights as a string', org({ shareholders: [holder({ votingRightsPct: '40' })] })],
    ['linked organization id malformed', org({ shareholders: [holder({ organizationId: 'org_123' })] })],
    ['bad email', org({ representatives: [rep({ email: 'claire.martin' })] })],
    ['email with spaces', org({ representatives: [rep({ email: 'claire martin@acme.fr' })] })],
    ['language not offered', org({ representatives: [rep({ language: 'de' })] })],
    ['empty position', org({ representatives: [rep({ position: '' })] })],
    ['201 shareholders', org({ shareholders: Array.from({ length: 201 }, (_, i) => holder({ name: `A${i}`, votingRightsPct: 0.1 })) })],
    ['21 representatives', org({ representatives: Array.from({ length: 21 }, () => rep()) })],
    ['French organization without SIREN', org({ siren: undefined })],
    ['foreign organization without registration number', foreign({ registrationId: undefined })],
    ['foreign organization with a SIREN', foreign({ siren: '732829320' })],
    ['SIREN with letters', org({ siren: '73282932A' })],
    ['SIREN of 8 digits', org({ siren: '73282932' })],
    ['SIREN with spaces', org({ siren: '732 829 320' })],
  ],
  zodOnly: [
    ['SIREN with a wrong check digit', org({ siren: '732829321' })],
    ['SIREN 123456789 (bad Luhn)', org({ siren: '123456789' })],
    ['voting rights with 5 decimals', org({ shareholders: [holder({ votingRightsPct: 33.33333 })] })],
    ['voting rights adding up to more than 100 %', org({ shareholders: [holder({ votingRightsPct: 60 }), holder({ name: 'B', votingRightsPct: 40.0001 })] })],
  ],
};

const project = (o: Record<string, unknown> = {}) => ({
  acronym: 'NEURODRONE',
  title: 'Essaims de drones neuromorphiques',
  fundingScheme: 'france-2030',
  technologyDomains: ['robotics', 'artificial-intelligence'],
  startDate: '2025-01-01',
  endDate: '2027-12-31',
  ...o,
});
const partner = (organizationId: string, role = 'partner') => ({ organizationId, role });

const projectCorpus: typeof organizationCorpus = {
  valid: [
    ['minimal project', project()],
    ['with a consortium', project({ partners: [partner(ORG_A, 'coordinator'), partner(ORG_B), partner(ORG_C, 'subcontractor')] })],
    ['a single coordinator', project({ partners: [partner(ORG_A, 'coordinator')] })],
    ['no partners yet', project({ partners: [] })],
    ['acronym with allowed punctuation', project({ acronym: 'A.B-C_D+E F' })],
    ['padded acronym is trimmed', project({ acronym: '  NEURO  ' })],
    ['acronym of 30 characters, padded', project({ acronym: ` ${'A'.repeat(30)}\t` })],
    ['acronym of one character', project({ acronym: '7' })],
    ['summary with line breaks, 5000 characters', project({ summary: `Résumé\n${'x'.repeat(4993)}` })],
    [
      'every technology domain once',
      project({
        technologyDomains: [
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
          'nanotechnologies',
          'microelectronics',
          'micro-nanosystems',
          'space',
          'health',
          'telecommunications',
          'materials',
          'software',
          'other',
        ],
      }),
    ],
    ['leap day', project({ startDate: '2028-02-29', endDate: '2028-03-01' })],
    ['European funding', project({ fundingScheme: 'horizon-europe', technologyDomains: ['quantum'] })],
    ['100 partners (the maximum)', project({ partners: Array.from({ length: 100 }, (_, i) => partner(orgN(i), i === 0 ? 'coordinator' : 'partner')) })],
  ],
  invalid: [
    ['unknown field', project({ budget: 1_000_000 })],
    ['unknown partner field', project({ partners: [{ ...partner(ORG_A, 'coordinator'), share: 50 }] })],
    ['acronym starting with a dash', project({ acronym: '-NEURO' })],
    ['acronym of 31 characters', project({ acronym: 'A'.repeat(31) })],
    ['acronym with @', project({ acronym: 'NEURO@2030' })],
    ['acronym blank', project({ acronym: '   ' })],
    ['title missing', project({ title: undefined })],
    ['title blank', project({ title: ' \n ' })],
    ['summary of 5001 characters', project({ summary: 'x'.repeat(5001) })],
    ['funding scheme not in the list', project({ fundingScheme: 'erc' })],
    ['no technology domain', project({ technologyDomains: [] })],
    ['technology domain twice', project({ technologyDomains: ['robotics', 'robotics'] })],
    ['technology domain unknown', project({ technologyDomains: ['teleportation'] })],
    ['technology domains not a list', project({ technologyDomains: 'robotics' })],
    ['date that does not exist', project({ startDate: '2025-02-30' })],
    ['29 February of a common year', project({ startDate: '2025-02-29' })],
    ['date with slashes', project({ startDate: '2025/01/01' })],
    ['date without leading zeros', project({ endDate: '2027-1-1' })],
    ['date-time instead of date', project({ endDate: '2027-12-31T00:00:00Z' })],
    ['date as a number', project({ endDate: 20271231 })],
    ['two coordinators', project({ partners: [partner(ORG_A, 'coordinator'), partner(ORG_B, 'coordinator')] })],
    ['partners without a coordinator', project({ partners: [partner(ORG_A), partner(ORG_B)] })],
    ['partner role unknown', project({ partners: [partner(ORG_A, 'leader')] })],
    ['partner id malformed', project({ partners: [partner('prj_' + 'a'.repeat(32), 'coordinator')] })],
    ['101 partners', project({ partners: Array.from({ length: 101 }, (_, i) => partner(orgN(i), i === 0 ? 'coordinator' : 'partner')) })],
  ],
  zodOnly: [
    ['end date before the start date', project({ startDate: '2026-01-01', endDate: '2025-12-31' })],
    ['end date equal to the start date', project({ startDate: '2026-01-01', endDate: '2026-01-01' })],
    ['an organization listed twice', project({ partners: [partner(ORG_A, 'coordinator'), partner(ORG_A)] })],
  ],
};

const CASES: { formId: string; zod: z.ZodType; corpus: typeof organizationCorpus }[] = [
  { formId: 'organization', zod: organizationInputSchema, corpus: organizationCorpus },
  { formId: 'project', zod: projectInputSchema, corpus: projectCorpus },
];

const fakeRequest = (params: Record<string, string>, query: Record<string, string> = {}): HttpRequest<undefined> => ({
  route: routes.find((r) => r.handler === 'forms/get-form')!,
  principal: { sub: 'u1', role: 'partner', organizationId: ORG_A },
  params,
  query,
  headers: {},
  body: undefined,
  requestId: 'test',
});

describe.each(CASES)('form $formId: served JSON Schema and zod agree', ({ formId, zod, corpus }) => {
  const doc = getFormDocument(formId, 'fr')!;
  const validate = ajv.compile(doc.schema);
  const verdicts = (value: unknown) => ({ zod: zod.safeParse(value).success, ajv: validate(value) as boolean });

  it('has a corpus of at least 10 valid and 15 invalid documents', () => {
    expect(corpus.valid.length).toBeGreaterThanOrEqual(10);
    expect(corpus.invalid.length).toBeGreaterThanOrEqual(15);
  });

  it.each(corpus.valid)('both accept: %s', (_name, value) => {
    expect(verdicts(value)).toEqual({ zod: true, ajv: true });
  });

  it.each(corpus.invalid)('both refuse: %s', (_name, value) => {
    expect(verdicts(value)).toEqual({ zod: false, ajv: false });
  });

  it.each(corpus.zodOnly)('only the server refuses (not expressible in JSON Schema): %s', (_name, value) => {
    expect(verdicts(value)).toEqual({ zod: false, ajv: true });
  });

  it('is the JSON Schema 2020-12 of the zod schema the server validates with', () => {
    expect(doc.schemaDialect).toBe(JSON_SCHEMA_DIALECT);
    expect(doc.schema.$schema).toBe(JSON_SCHEMA_DIALECT);
    expect(doc.schema).toEqual(toJsonSchema(zod, { io: 'input' }));
    expect(formDefinition(formId)!.schema).toBe(zod);
    expect(getFormDocument(formId, 'en')!.schema).toBe(doc.schema);
  });

  it('says in the uiSchema which rules only the server checks', () => {
    for (const lang of LANGS) {
      const rules = getFormDocument(formId, lang)!.uiSchema['ui:rules'] as { id: string; enforcedBy: string; message: string; fields: string[] }[];
      expect(rules.filter((r) => r.enforcedBy === 'server').length).toBeGreaterThanOrEqual(corpus.zodOnly.length - 1);
      for (const r of rules) {
        expect(r.message).toBe(LABELS[lang].forms[formId]!.rules[r.id]);
        expect(r.fields.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('trimmed strings: the pattern judges the raw value as zod judges the trimmed one', () => {
  const unit = fc.constantFrom('a', 'é', 'Z', ' ', '\t', '\n', '\r', '\u00a0', '\u3000', '\u2028', '\ufeff', '\u0001', '\u000b', '\u000c', '\u001f', '\u007f');
  const schemas: [string, z.ZodType][] = [
    ['text(5)', text(5)],
    ['text(6, 3)', text(6, 3)],
    ['text(4, 0)', text(4, 0)],
    ['acronym', projectInputSchema.shape.acronym],
  ];
  it.each(schemas)('%s', (_name, schema) => {
    const check = ajv.compile(toJsonSchema(schema));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 10 }), (s) => {
        expect(check(s)).toBe(schema.safeParse(s).success);
      }),
      { numRuns: 3000 },
    );
  });
  it('acronym, around its 30-character bound', () => {
    const schema = projectInputSchema.shape.acronym;
    const check = ajv.compile(toJsonSchema(schema));
    const acronymUnit = fc.constantFrom('A', '9', ' ', '-', '.', '\t', '@');
    fc.assert(
      fc.property(fc.string({ unit: acronymUnit, minLength: 26, maxLength: 36 }), (s) => {
        expect(check(s)).toBe(schema.safeParse(s).success);
      }),
      { numRuns: 3000 },
    );
  });
});

/** Walks the JSON Schema with the uiSchema: every property has a title, every enum value a label. */
function missingLabels(schema: JsonSchema, ui: UiNode | undefined, path: string, out: string[]): string[] {
  if (Array.isArray(schema.enum)) {
    const labels = (ui?.['ui:enumLabels'] ?? {}) as Record<string, string>;
    for (const v of schema.enum) if (typeof labels[String(v)] !== 'string' || !labels[String(v)]) out.push(`${path} = ${String(v)}`);
  }
  if (schema.properties) {
    const order = (ui?.['ui:order'] ?? []) as string[];
    for (const [k, s] of Object.entries(schema.properties as Record<string, JsonSchema>)) {
      const p = path ? `${path}.${k}` : k;
      const node = ui?.[k] as UiNode | undefined;
      if (typeof node?.['ui:title'] !== 'string' || !node['ui:title']) out.push(`${p} (title)`);
      if (!order.includes(k)) out.push(`${p} (order)`);
      missingLabels(s, node, p, out);
    }
  }
  if (schema.items && typeof schema.items === 'object') missingLabels(schema.items as JsonSchema, ui?.items as UiNode | undefined, `${path}[]`, out);
  return out;
}

describe('uiSchema', () => {
  it.each(formIds().flatMap((formId) => LANGS.map((lang) => [formId, lang] as const)))(
    '%s in %s labels every property and every enum value',
    (formId, lang) => {
      const doc = getFormDocument(formId, lang)!;
      expect(missingLabels(doc.schema, doc.uiSchema, '', [])).toEqual([]);
      expect(doc.uiSchema['ui:title']).toBe(LABELS[lang].forms[formId]!.title);
    },
  );

  it.each(formIds())('%s: the sections list every top-level field exactly once', (formId) => {
    const doc = getFormDocument(formId, 'fr')!;
    const fields = (doc.uiSchema['ui:sections'] as { fields: string[]; title: string }[]).flatMap((s) => s.fields);
    expect([...fields].sort()).toEqual(Object.keys(doc.schema.properties as object).sort());
    expect(doc.uiSchema['ui:order']).toEqual(fields);
    for (const s of doc.uiSchema['ui:sections'] as { title: string }[]) expect(s.title).toBeTruthy();
  });

  it('labels fields in French by default and in English on request', () => {
    const fr = getFormDocument('organization', 'fr')!.uiSchema as Record<string, UiNode>;
    const en = getFormDocument('organization', 'en')!.uiSchema as Record<string, UiNode>;
    expect(fr.legalName!['ui:title']).toBe('Raison sociale');
    expect(en.legalName!['ui:title']).toBe('Legal name');
    expect((fr.category!['ui:enumLabels'] as Record<string, string>).sme).toBe('PME');
    expect((en.category!['ui:enumLabels'] as Record<string, string>).sme).toBe('SME');
    expect((fr.country!['ui:enumLabels'] as Record<string, string>).DE).toBe('Allemagne');
    expect((en.country!['ui:enumLabels'] as Record<string, string>).DE).toBe('Germany');
    const frOrder = fr.country!['ui:enumOrder'] as string[];
    expect([...frOrder].sort()).toEqual([...ISO_COUNTRIES].sort());
    expect(frOrder.indexOf('DE')).toBeLessThan(frOrder.indexOf('AT')); // Allemagne < Autriche
    const domains = getFormDocument('project', 'fr')!.uiSchema.technologyDomains as UiNode;
    expect(domains['ui:widget']).toBe('checkboxes');
    expect((domains.items as UiNode)['ui:enumGroups']).toHaveLength(2);
  });

  it('names every country in both languages (no raw code left)', () => {
    for (const lang of LANGS) {
      const labels = (getFormDocument('organization', lang)!.uiSchema.country as UiNode)['ui:enumLabels'] as Record<string, string>;
      const raw = ISO_COUNTRIES.filter((c) => !labels[c] || labels[c] === c);
      expect(raw).toEqual([]);
    }
  });

  it('gives text inputs their limit, which the schema states after trimming', () => {
    const ui = getFormDocument('organization', 'en')!.uiSchema as Record<string, UiNode>;
    expect(ui.legalName!['ui:options']).toEqual({ maxLength: 300 });
    expect(ui.activityDescription!['ui:widget']).toBe('textarea');
    expect(((ui.shareholders!.items as UiNode).votingRightsPct as UiNode)['ui:widget']).toBe('percent');
  });
});

describe('GET /forms/{formId}', () => {
  it('serves the organization form in French by default', async () => {
    const res = await getForm(fakeRequest({ formId: 'organization' }));
    expect(res.status).toBe(200);
    const body = res.body as FormDocument;
    expect(body).toMatchObject({ formId: 'organization', lang: 'fr', schemaDialect: 'https://json-schema.org/draft/2020-12/schema' });
    expect(body.schema).toEqual(toJsonSchema(organizationInputSchema));
    expect((body.uiSchema.legalName as UiNode)['ui:title']).toBe('Raison sociale');
  });

  it('serves the project form in English with ?lang=en', async () => {
    const res = await getForm(fakeRequest({ formId: 'project' }, { lang: 'en' }));
    expect(res.body).toMatchObject({ formId: 'project', lang: 'en', uiSchema: { 'ui:title': 'Project' } });
    expect(res.headers?.['content-language']).toBe('en');
  });

  it('refuses another language with 400 on `lang`', async () => {
    const err = await getForm(fakeRequest({ formId: 'project' }, { lang: 'de' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).errors).toEqual([expect.objectContaining({ path: 'lang' })]);
  });

  it.each(['declaration-unknown', 'constructor', '__proto__', 'toString', ''])('answers 404 for the unknown form %j', async (formId) => {
    await expect(getForm(fakeRequest({ formId }))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('is in the route table for every role', () => {
    const route = routes.find((r) => r.handler === 'forms/get-form')!;
    expect(route).toMatchObject({ method: 'GET', path: '/forms/{formId}', roles: ['legal', 'committee', 'lawyer', 'partner'] });
  });
});
