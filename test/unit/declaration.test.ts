import * as fc from 'fast-check';
import * as z from 'zod';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  assertWithinLimits,
  declarationDraftSchema,
  declarationSubmitSchema,
  DECLARATION_PARSE_PARAMS,
  limitErrors,
  MAX_BACKGROUND_ITEMS,
  MAX_DESCRIPTION_LENGTH,
  MAX_RESULTS,
  parseDeclarationDraft,
  parseDeclarationForSubmit,
  submitErrors,
  type SubmitContext,
} from '../../shared/domain/declaration';
import { declarationContentHash } from '../../shared/domain/content-hash';
import { canonicalJson, sha256Hex } from '../../shared/domain/audit';
import { checkShares, evenShares, sharesAddUpTo100 } from '../../shared/domain/ownership';
import { PayloadTooLargeError, ValidationError } from '../../shared/domain/errors';
import { zodIssuesToFieldErrors } from '../../shared/domain/validation';

const org = (c: string) => `org_${c.repeat(32)}`;
const A = org('a'); // the declaring organization
const B = org('b');
const C = org('c');
const OUTSIDER = org('f');
const ctx: SubmitContext = { projectOrgIds: [A, B, C], organizationId: A, today: '2025-06-01' };

// Fixtures are mutated freely to build bad input.
type Any = any;

/** A complete, valid declaration of organization A. */
function valid(): Any {
  return {
    background: [
      {
        key: 'bg-1',
        type: 'patent',
        title: 'Capteur photonique',
        description: 'Capteur à base de guides d’onde',
        identifiers: [{ kind: 'patent-publication', value: 'EP 1 234 567 B1' }],
        owners: [{ organizationId: A }],
        jurisdictions: ['EP', 'FR', 'US'],
        priorityDate: '2018-03-01',
        executionConditions: { regime: 'royalty-free' },
        exploitationConditions: { regime: 'fair-and-reasonable', text: 'Conditions équitables' },
        exportControl: { category: '6', annexIEntry: '6A003.b.4' },
        fromZrr: true,
        documentIds: [`doc_${'1'.repeat(32)}`],
      },
      {
        key: 'bg-2',
        type: 'trademark',
        title: 'ACME',
        owners: [{ thirdPartyName: 'Université Grenoble Alpes', country: 'FR' }],
        executionConditions: { regime: 'excluded' },
        exploitationConditions: { regime: 'case-by-case', text: 'À négocier' },
        fromZrr: false,
      },
      {
        key: 'bg-3',
        type: 'software',
        title: 'Firmware',
        owners: [{ organizationId: A }, { organizationId: B }],
        executionConditions: { regime: 'royalty-free' },
        exploitationConditions: { regime: 'excluded' },
        exportControl: { category: 'none' },
        fromZrr: false,
      },
    ],
    results: [
      {
        key: 'r-1',
        title: 'Capteur quantique',
        technologyDomains: ['quantum', 'photonics'],
        ownership: [
          { organizationId: A, pct: 33.33 },
          { organizationId: B, pct: 33.33 },
          { organizationId: C, pct: 33.34 },
        ],
        plannedFilingDate: '2026-01-15',
        plannedPublications: [{ venue: 'Optica', date: '2026-03-01' }],
      },
      { key: 'r-2', title: 'Logiciel de pilotage', technologyDomains: ['software'], ownership: [{ organizationId: A, pct: 100 }] },
    ],
    accessRights: [
      {
        key: 'ar-1',
        purpose: 'execution',
        direction: 'granted',
        beneficiaryOrganizationId: B,
        grantorOrganizationId: A,
        subject: { kind: 'background', itemKey: 'bg-1' },
        exclusive: false,
      },
      {
        key: 'ar-2',
        purpose: 'exploitation',
        direction: 'requested',
        beneficiaryOrganizationId: A,
        grantorOrganizationId: C,
        subject: { kind: 'result', resultKey: 'r-1' },
        exclusive: false,
        fieldOfUse: 'Imagerie médicale',
        territory: { scope: 'countries', countries: ['FR', 'DE'] },
        terms: 'Conditions équitables et raisonnables',
      },
    ],
    confidentiality: { termYears: 5, survivesProject: true },
    signatory: { name: 'Marie Curie', position: 'Présidente', email: 'marie@example.fr' },
    contacts: [{ name: 'Pierre Dupont', position: 'Responsable PI', email: 'pierre@example.fr' }],
  };
}

const pathsOf = (errors: { path: string }[]) => errors.map((e) => e.path);
function draftErrors(raw: unknown) {
  const r = declarationDraftSchema.safeParse(raw, DECLARATION_PARSE_PARAMS);
  return r.success ? [] : zodIssuesToFieldErrors(r.error.issues);
}
function schemaErrors(raw: unknown) {
  const r = declarationSubmitSchema.safeParse(raw, DECLARATION_PARSE_PARAMS);
  return r.success ? [] : zodIssuesToFieldErrors(r.error.issues);
}
/** Every error of a submission: schema first, then the cross-field rules. */
function allSubmitErrors(raw: unknown, context: SubmitContext = ctx) {
  const r = declarationSubmitSchema.safeParse(raw, DECLARATION_PARSE_PARAMS);
  return r.success ? submitErrors(r.data, context) : zodIssuesToFieldErrors(r.error.issues);
}
const withShares = (pcts: number[]) => {
  const d = valid();
  d.results[0].ownership = pcts.map((pct, i) => ({ organizationId: [A, B, C][i]!, pct }));
  return d;
};
/** A, B, C and then n − 3 more partner ids. */
const projectOf = (n: number) => Array.from({ length: n }, (_, i) => [A, B, C][i] ?? `org_${String(i).padStart(32, '0')}`);

describe('a complete declaration', () => {
  test('passes the draft schema, the submit schema and the cross-field rules', () => {
    expect(draftErrors(valid())).toEqual([]);
    expect(schemaErrors(valid())).toEqual([]);
    expect(allSubmitErrors(valid())).toEqual([]);
    const parsed = parseDeclarationForSubmit(valid(), ctx);
    expect(parsed.results[0]!.ownership).toHaveLength(3);
  });

  test('text is trimmed, otherwise stored as typed — HTML and script included', () => {
    const d = valid();
    d.background[0].title = '  <script>alert("x")</script> & <b>gras</b>  ';
    d.results[0].description = '<img src=x onerror=alert(1)>';
    const parsed = parseDeclarationForSubmit(d, ctx);
    expect(parsed.background[0]!.title).toBe('<script>alert("x")</script> & <b>gras</b>');
    expect(parsed.results[0]!.description).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('drafts', () => {
  test('may be empty or half-filled', () => {
    expect(parseDeclarationDraft({})).toEqual({});
    expect(
      parseDeclarationDraft({
        background: [{ key: 'bg-1' }, { key: 'bg-2', type: 'design', title: 'Forme' }],
        results: [{ key: 'r-1', ownership: [{ organizationId: A }], technologyDomains: [] }],
        accessRights: [{ key: 'ar-1' }, { key: 'ar-2', purpose: 'exploitation' }],
        confidentiality: {},
        contacts: [],
      }),
    ).toBeTruthy();
  });

  test('present values must still be well typed', () => {
    const errors = draftErrors({
      background: [{ key: 'bg-1', title: 42, fromZrr: 'yes' }],
      results: [{ key: 'r-1', ownership: [{ pct: '50' }] }],
      confidentiality: { termYears: 0 },
    });
    expect(pathsOf(errors)).toEqual(['background/0/title', 'background/0/fromZrr', 'results/0/ownership/0/pct', 'confidentiality/termYears']);
  });

  test('items need their key, and keys are unique within a list even in a draft', () => {
    expect(pathsOf(draftErrors({ background: [{ title: 'x' }] }))).toEqual(['background/0/key']);
    expect(pathsOf(draftErrors({ results: [{ key: 'bad key!' }] }))).toEqual(['results/0/key']);
    const dup = draftErrors({ background: [{ key: 'bg-1' }, { key: 'bg-2' }, { key: 'bg-1' }], results: [{ key: 'bg-1' }] });
    expect(dup).toEqual([
      expect.objectContaining({ path: 'background/2/key', pointer: '/background/2/key', message: expect.stringContaining('background/0') }),
    ]);
  });

  test('parseDeclarationDraft throws a ValidationError listing every field', () => {
    try {
      parseDeclarationDraft({ background: [{ key: 'bg-1', type: 'nope' }], extra: 1 });
      throw new Error('not thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect(pathsOf((e as ValidationError).errors!)).toEqual(['background/0/type', 'extra']);
    }
  });
});

describe('unknown fields are refused everywhere', () => {
  test.each([
    ['top level', (d: Any) => (d.status = 'approved'), 'status'],
    ['background item', (d: Any) => (d.background[0].id = 'x'), 'background/0/id'],
    ['conditions', (d: Any) => (d.background[0].executionConditions.fee = 3), 'background/0/executionConditions/fee'],
    ['export control none', (d: Any) => (d.background[2].exportControl.annexIEntry = '3A001'), 'background/2/exportControl/annexIEntry'],
    ['share', (d: Any) => (d.results[0].ownership[1].role = 'lead'), 'results/0/ownership/1/role'],
    ['subject', (d: Any) => (d.accessRights[0].subject.extra = true), 'accessRights/0/subject/extra'],
    ['signatory', (d: Any) => (d.signatory.phone = '+33'), 'signatory/phone'],
  ])('%s', (_, mutate, path) => {
    const d = valid();
    mutate(d);
    for (const errors of [draftErrors(d), schemaErrors(d)]) {
      expect(errors).toEqual([expect.objectContaining({ path, message: 'Unknown field' })]);
    }
  });
});

describe('required at submit', () => {
  test('the sections and each item field, reported as Required', () => {
    expect(pathsOf(allSubmitErrors({}))).toEqual(['background', 'results', 'accessRights', 'confidentiality', 'signatory', 'contacts']);
    const d = valid();
    delete d.background[0].owners;
    delete d.background[2].exportControl;
    delete d.results[0].ownership;
    delete d.accessRights[1].territory;
    delete d.signatory.email;
    const errors = allSubmitErrors(d);
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ['background/0/owners', 'Required'],
      ['background/2/exportControl', 'Required'],
      ['results/0/ownership', 'Required'],
      ['accessRights/1/territory', 'Required'],
      ['signatory/email', expect.any(String)],
    ]);
  });

  test('lists that must not be empty: owners, technology domains, shares, contacts', () => {
    const d = valid();
    d.background[0].owners = [];
    d.results[0].technologyDomains = [];
    d.results[0].ownership = [];
    d.contacts = [];
    expect(pathsOf(allSubmitErrors(d))).toEqual(['background/0/owners', 'results/0/technologyDomains', 'results/0/ownership', 'contacts']);
    expect(draftErrors(d)).toEqual([]);
  });
});

describe('co-ownership shares (exact decimal arithmetic)', () => {
  test('33.33 + 33.33 + 33.34 passes', () => {
    expect(allSubmitErrors(withShares([33.33, 33.33, 33.34]))).toEqual([]);
  });

  test('a sum that binary floating point gets wrong passes: 68.43 + 29.2 + 2.37', () => {
    expect(68.43 + 29.2 + 2.37).not.toBe(100);
    expect(allSubmitErrors(withShares([68.43, 29.2, 2.37]))).toEqual([]);
  });

  test('99.99 is refused on the result’s ownership list', () => {
    const errors = allSubmitErrors(withShares([33.33, 33.33, 33.33]));
    expect(errors).toEqual([
      { path: 'results/0/ownership', pointer: '/results/0/ownership', message: 'Shares add up to 99.99 %; they must add up to exactly 100 %' },
    ]);
  });

  test('100.0001 is refused (as a sum, and as one share over 100)', () => {
    expect(allSubmitErrors(withShares([50, 50.0001]))).toEqual([
      { path: 'results/0/ownership', pointer: '/results/0/ownership', message: 'Shares add up to 100.0001 %; they must add up to exactly 100 %' },
    ]);
    expect(allSubmitErrors(withShares([100.0001]))).toEqual([
      expect.objectContaining({ path: 'results/0/ownership/0/pct', pointer: '/results/0/ownership/0/pct' }),
    ]);
  });

  test('a negative, zero or over-precise share is refused by the schema at its exact path', () => {
    const d = withShares([60, -10, 50]);
    d.results[1].ownership = [
      { organizationId: A, pct: 0 },
      { organizationId: B, pct: 99.99999 },
    ];
    expect(allSubmitErrors(d)).toEqual([
      { path: 'results/0/ownership/1/pct', pointer: '/results/0/ownership/1/pct', message: 'A share is more than 0 and at most 100' },
      { path: 'results/1/ownership/0/pct', pointer: '/results/1/ownership/0/pct', message: 'A share is more than 0 and at most 100' },
      { path: 'results/1/ownership/1/pct', pointer: '/results/1/ownership/1/pct', message: 'At most 4 decimals' },
    ]);
    expect(draftErrors(d)).toHaveLength(3);
  });

  test('the error names the result it is on (results/2/ownership)', () => {
    const d = valid();
    d.results.push({ key: 'r-3', title: 'T', technologyDomains: ['robotics'], ownership: [{ organizationId: A, pct: 90 }] });
    expect(pathsOf(allSubmitErrors(d))).toEqual(['results/2/ownership']);
  });

  test('a shareholder must be a partner and be listed once', () => {
    const d = withShares([40, 30, 30]);
    d.results[0].ownership[1].organizationId = OUTSIDER;
    d.results[1].ownership = [
      { organizationId: A, pct: 50 },
      { organizationId: A, pct: 50 },
    ];
    expect(allSubmitErrors(d).map((e) => [e.path, e.message])).toEqual([
      ['results/0/ownership/1/organizationId', 'Not a partner of this project'],
      ['results/1/ownership/1/organizationId', 'Listed twice'],
    ]);
  });

  test('property: integer hundredths summing to 10000 always pass; any ±0.01 perturbation fails', () => {
    const partners = projectOf(100);
    const hundredths = fc
      .integer({ min: 1, max: 100 })
      .chain((n) => fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { minLength: n - 1, maxLength: n - 1 }))
      .map((cuts) => {
        const s = [0, ...cuts.sort((x, y) => x - y), 10000];
        return s.slice(1).map((v, i) => v - s[i]!);
      });
    const declarationWith = (h: number[]) => {
      const d = valid();
      d.results[0].ownership = h.map((x, i) => ({ organizationId: partners[i]!, pct: x / 100 }));
      return d;
    };
    const context = { ...ctx, projectOrgIds: partners };
    fc.assert(
      fc.property(hundredths, fc.nat(), fc.boolean(), (h, pick, up) => {
        expect(allSubmitErrors(declarationWith(h), context)).toEqual([]);
        expect(sharesAddUpTo100(h.map((x) => x / 100))).toBe(true);
        const i = pick % h.length;
        const delta = h[i] === 10000 ? -1 : up || h[i] === 1 ? 1 : -1; // keep the share in (0, 100]
        const perturbed = h.map((x, j) => (j === i ? x + delta : x));
        expect(pathsOf(allSubmitErrors(declarationWith(perturbed), context))).toEqual(['results/0/ownership']);
      }),
      { numRuns: 300 },
    );
  });
});

describe('ownership helpers', () => {
  test('checkShares gives the exact total and remainder', () => {
    const c = checkShares([33.33, 33.33, 33.33]);
    expect(c.complete).toBe(false);
    expect(c.total.toString()).toBe('99.99');
    expect(c.remainder.toString()).toBe('0.01');
    expect(checkShares([68.43, 29.2, 2.37]).complete).toBe(true);
  });

  test('evenShares splits 100 exactly', () => {
    expect(evenShares(3)).toEqual([33.34, 33.33, 33.33]);
    expect(evenShares(1)).toEqual([100]);
    expect(evenShares(6, 0)).toEqual([17, 17, 17, 17, 16, 16]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 4 }), (n, dec) => {
        const s = evenShares(n, dec);
        expect(s).toHaveLength(n);
        expect(sharesAddUpTo100(s)).toBe(true);
      }),
    );
    expect(() => evenShares(0)).toThrow(RangeError);
  });
});

describe('owners and parties belong to the project', () => {
  test('an owner organization outside the project is refused; a named third party is fine', () => {
    const d = valid();
    d.background[2].owners[1] = { organizationId: OUTSIDER };
    expect(allSubmitErrors(d)).toEqual([
      expect.objectContaining({ path: 'background/2/owners/1/organizationId', message: expect.stringContaining('third party') }),
    ]);
  });

  test('an owner is either an organization or a third party with a country, never a mix', () => {
    const d = valid();
    d.background[0].owners = [{ organizationId: A, country: 'FR' }, { thirdPartyName: 'CNRS' }];
    expect(pathsOf(allSubmitErrors(d))).toEqual(['background/0/owners/0/country', 'background/0/owners/1']);
  });

  test('access rights: parties are partners and differ; the direction fits the declaring organization', () => {
    const d = valid();
    d.accessRights[0].beneficiaryOrganizationId = OUTSIDER;
    d.accessRights[1].grantorOrganizationId = A; // requested from itself
    expect(allSubmitErrors(d).map((e) => [e.path, e.message])).toEqual([
      ['accessRights/0/beneficiaryOrganizationId', 'Not a partner of this project'],
      ['accessRights/1/beneficiaryOrganizationId', 'The beneficiary and the grantor must be different organizations'],
    ]);
    const e = valid();
    e.accessRights[0].grantorOrganizationId = C; // "granted" but not by A
    e.accessRights[1].beneficiaryOrganizationId = B; // "requested" but not for A
    expect(pathsOf(allSubmitErrors(e))).toEqual(['accessRights/0/grantorOrganizationId', 'accessRights/1/beneficiaryOrganizationId']);
    expect(allSubmitErrors(e, { projectOrgIds: [A, B, C] })).toEqual([]); // direction not judged without the declarant
  });
});

describe('access-right subjects reference existing keys', () => {
  test('own background and results', () => {
    const d = valid();
    d.accessRights[0].subject.itemKey = 'bg-404';
    d.accessRights[1].subject.resultKey = 'r-404';
    expect(pathsOf(allSubmitErrors(d))).toEqual(['accessRights/0/subject/itemKey', 'accessRights/1/subject/resultKey']);
  });

  test("another partner's background, checked when its keys are known", () => {
    const d = valid();
    d.accessRights[1] = { ...d.accessRights[1], subject: { kind: 'background', itemKey: 'c-bg-9', ownerOrganizationId: C } };
    expect(allSubmitErrors(d)).toEqual([]);
    expect(allSubmitErrors(d, { ...ctx, backgroundKeysByOrg: { [C]: ['c-bg-9'] } })).toEqual([]);
    expect(pathsOf(allSubmitErrors(d, { ...ctx, backgroundKeysByOrg: { [C]: ['c-bg-1'] } }))).toEqual(['accessRights/1/subject/itemKey']);
    d.accessRights[1].subject.ownerOrganizationId = OUTSIDER;
    expect(pathsOf(allSubmitErrors(d))).toEqual(['accessRights/1/subject/ownerOrganizationId']);
  });
});

describe('keys are unique', () => {
  test('in each list, at submit', () => {
    const d = valid();
    d.results[1].key = 'r-1';
    d.accessRights[1].key = 'ar-1';
    expect(pathsOf(allSubmitErrors(d))).toEqual(['results/1/key', 'accessRights/1/key']);
    // submitErrors says it too when given a value that skipped the schema
    expect(pathsOf(submitErrors(d, ctx))).toEqual(['results/1/key', 'accessRights/1/key']);
  });

  test('the same key in two different lists is fine', () => {
    const d = valid();
    d.results[0].key = 'bg-1';
    d.accessRights[1].subject.resultKey = 'bg-1';
    expect(allSubmitErrors(d)).toEqual([]);
  });
});

describe('dates', () => {
  test('a publication planned before the filing date is refused at its path; the same day is allowed', () => {
    const d = valid();
    d.results[0].plannedPublications = [
      { venue: 'Optica', date: '2026-03-01' },
      { venue: 'Workshop', date: '2026-01-14' },
      { venue: 'Same day', date: '2026-01-15' },
    ];
    expect(allSubmitErrors(d)).toEqual([
      expect.objectContaining({
        path: 'results/0/plannedPublications/1/date',
        pointer: '/results/0/plannedPublications/1/date',
        message: expect.stringContaining('novelty'),
      }),
    ]);
  });

  test('without a planned filing date, publications are not judged', () => {
    const d = valid();
    delete d.results[0].plannedFilingDate;
    d.results[0].plannedPublications = [{ venue: 'Early', date: '2025-01-01' }];
    expect(allSubmitErrors(d)).toEqual([]);
  });

  test('calendar dates that do not exist, or outside 1900–2099, are refused', () => {
    const d = valid();
    d.background[0].priorityDate = '2019-02-29';
    d.results[0].plannedFilingDate = '2026-13-01';
    d.results[0].plannedPublications[0].date = '2199-01-01';
    d.results[1].plannedFilingDate = '26-01-2026';
    expect(pathsOf(draftErrors(d))).toEqual([
      'background/0/priorityDate',
      'results/0/plannedFilingDate',
      'results/0/plannedPublications/0/date',
      'results/1/plannedFilingDate',
    ]);
    const e = valid();
    e.background[0].priorityDate = '2000-02-29'; // a leap day
    expect(draftErrors(e)).toEqual([]);
    e.background[0].priorityDate = '1899-12-31';
    expect(draftErrors(e)).toEqual([expect.objectContaining({ path: 'background/0/priorityDate', message: 'Must be a date between 1900 and 2099' })]);
  });

  test('a priority date after today is refused; patents need one', () => {
    const d = valid();
    d.background[0].priorityDate = '2025-06-02';
    expect(pathsOf(allSubmitErrors(d))).toEqual(['background/0/priorityDate']);
    expect(allSubmitErrors(d, { projectOrgIds: [A, B, C], organizationId: A })).toEqual([]); // no `today`: not judged
    delete d.background[0].priorityDate;
    expect(allSubmitErrors(d)).toEqual([
      expect.objectContaining({ path: 'background/0/priorityDate', message: 'Required for a patent or a patent application' }),
    ]);
  });
});

describe('background items', () => {
  test('an invalid patent number is refused at its path', () => {
    const d = valid();
    d.background[0].identifiers = [
      { kind: 'patent-publication', value: 'EP 123' },
      { kind: 'internal-reference', value: 'REF-2021-7' },
    ];
    expect(draftErrors(d)).toEqual([
      expect.objectContaining({ path: 'background/0/identifiers/0/value', message: expect.stringContaining('publication number') }),
    ]);
  });

  test('a granted patent needs its publication number', () => {
    const d = valid();
    d.background[0].identifiers = [{ kind: 'internal-reference', value: 'REF-1' }];
    expect(pathsOf(allSubmitErrors(d))).toEqual(['background/0/identifiers']);
  });

  test('an unknown type or identifier kind is refused', () => {
    const d = valid();
    d.background[1].type = 'poem';
    d.background[0].identifiers[0].kind = 'isbn';
    expect(pathsOf(draftErrors(d))).toEqual(['background/0/identifiers/0/kind', 'background/1/type']);
  });

  test('case-by-case conditions must say what they are', () => {
    const d = valid();
    d.background[1].exploitationConditions = { regime: 'case-by-case' };
    d.background[1].executionConditions = { regime: 'unknown' };
    expect(pathsOf(allSubmitErrors(d))).toEqual(['background/1/executionConditions/regime']);
    d.background[1].executionConditions = { regime: 'excluded' };
    expect(pathsOf(allSubmitErrors(d))).toEqual(['background/1/exploitationConditions/text']);
  });

  test('jurisdictions: country codes or EP/WO/EU, each once', () => {
    const d = valid();
    d.background[0].jurisdictions = ['FR', 'XX', 'EP'];
    expect(pathsOf(draftErrors(d))).toEqual(['background/0/jurisdictions/1']);
    d.background[0].jurisdictions = ['FR', 'WO', 'EU', 'EP', 'FR'];
    expect(draftErrors(d)).toEqual([expect.objectContaining({ path: 'background/0/jurisdictions/4', message: 'Listed twice' })]);
  });

  test('document ids have the doc_ form', () => {
    const d = valid();
    d.background[0].documentIds = ['doc_123', '../etc/passwd'];
    expect(pathsOf(draftErrors(d))).toEqual(['background/0/documentIds/0', 'background/0/documentIds/1']);
  });
});

describe('export control: only on technology items, category and Annex I entry consistent', () => {
  test('allowed on patents, applications, software, know-how, databases and other items', () => {
    for (const type of ['patent-application', 'software', 'know-how', 'database', 'other']) {
      const d = valid();
      d.background[2].type = type;
      d.background[2].exportControl = { category: '3', annexIEntry: '3A001.b.2' };
      expect(allSubmitErrors(d)).toEqual(type === 'patent-application' ? [expect.objectContaining({ path: 'background/2/priorityDate' })] : []);
    }
  });

  test('refused on trademarks and designs', () => {
    for (const type of ['trademark', 'design']) {
      const d = valid();
      d.background[1].type = type;
      d.background[1].exportControl = { category: 'none' };
      expect(draftErrors(d)).toEqual([
        expect.objectContaining({ path: 'background/1/exportControl', message: expect.stringContaining('technology items only') }),
      ]);
    }
  });

  test('optional in a draft, required at submit on a technology item', () => {
    const d = valid();
    delete d.background[0].exportControl;
    expect(draftErrors(d)).toEqual([]);
    expect(pathsOf(schemaErrors(d))).toEqual(['background/0/exportControl']);
  });

  test('the Annex I entry belongs to its category', () => {
    const d = valid();
    d.background[0].exportControl = { category: '3', annexIEntry: '5A002' };
    expect(pathsOf(draftErrors(d))).toEqual(['background/0/exportControl/annexIEntry']);
    d.background[0].exportControl = { category: '10' };
    expect(pathsOf(draftErrors(d))).toEqual(['background/0/exportControl/category']);
    d.background[0].exportControl = { category: '5', annexIEntry: '5A002.a.1' };
    expect(draftErrors(d)).toEqual([]);
  });
});

describe('access rights: territory only for exploitation', () => {
  test('a territory on an execution right is refused', () => {
    const d = valid();
    d.accessRights[0].territory = { scope: 'worldwide' };
    expect(draftErrors(d)).toEqual([expect.objectContaining({ path: 'accessRights/0/territory', message: 'A territory applies to exploitation rights only' })]);
  });

  test('an exploitation right needs a territory and a field of use at submit', () => {
    const d = valid();
    delete d.accessRights[1].territory;
    delete d.accessRights[1].fieldOfUse;
    expect(pathsOf(schemaErrors(d))).toEqual(['accessRights/1/fieldOfUse', 'accessRights/1/territory']);
    expect(draftErrors(d)).toEqual([]);
  });

  test('territory scopes', () => {
    const d = valid();
    for (const territory of [{ scope: 'worldwide' }, { scope: 'eu-eea' }, { scope: 'countries', countries: ['FR'] }]) {
      d.accessRights[1].territory = territory;
      expect(allSubmitErrors(d)).toEqual([]);
    }
    d.accessRights[1].territory = { scope: 'countries', countries: [] };
    expect(pathsOf(schemaErrors(d))).toEqual(['accessRights/1/territory/countries']);
    d.accessRights[1].territory = { scope: 'worldwide', countries: ['FR'] };
    expect(pathsOf(schemaErrors(d))).toEqual(['accessRights/1/territory/countries']);
    d.accessRights[1].territory = { scope: 'mars' };
    expect(pathsOf(schemaErrors(d))).toEqual(['accessRights/1/territory/scope']);
  });

  test('an unknown purpose or direction is refused', () => {
    const d = valid();
    d.accessRights[0].purpose = 'research';
    d.accessRights[1].direction = 'offered';
    expect(pathsOf(draftErrors(d))).toEqual(['accessRights/0/purpose', 'accessRights/1/direction']);
  });
});

describe('confidentiality and persons', () => {
  test.each([[0], [21], [2.5], ['5']])('a term of %j years is refused', (termYears) => {
    const d = valid();
    d.confidentiality.termYears = termYears;
    expect(pathsOf(draftErrors(d))).toEqual(['confidentiality/termYears']);
  });

  test('confidentiality always survives the project', () => {
    const d = valid();
    d.confidentiality.survivesProject = false;
    expect(pathsOf(draftErrors(d))).toEqual(['confidentiality/survivesProject']);
  });

  test('emails are checked', () => {
    const d = valid();
    d.contacts[0].email = 'not-an-email';
    expect(pathsOf(draftErrors(d))).toEqual(['contacts/0/email']);
  });
});

describe('limits', () => {
  const bgItem = (i: number) => ({ ...valid().background[2], key: `bg-${i}` });

  test(`${MAX_BACKGROUND_ITEMS} background items are accepted`, () => {
    const d = valid();
    d.background = Array.from({ length: MAX_BACKGROUND_ITEMS }, (_, i) => bgItem(i));
    expect(limitErrors(d)).toEqual([]);
    expect(allSubmitErrors(d)).toEqual([]);
  });

  test('a 5,000-item background list is refused by the pre-check (413) and by the schema', () => {
    const d = valid();
    d.background = Array.from({ length: 5000 }, (_, i) => bgItem(i));
    const expected = [{ path: 'background', pointer: '/background', message: `At most ${MAX_BACKGROUND_ITEMS} background items` }];
    expect(limitErrors(d)).toEqual(expected);
    expect(() => assertWithinLimits(d)).toThrow(PayloadTooLargeError);
    expect(() => parseDeclarationDraft(d)).toThrow(PayloadTooLargeError);
    expect(draftErrors(d)).toEqual(expected);
    expect(schemaErrors(d)).toEqual(expected);
  });

  test('too many results, or too many items in a nested list, are refused with their path', () => {
    const d = valid();
    d.results = Array.from({ length: MAX_RESULTS + 1 }, (_, i) => ({ key: `r-${i}` }));
    d.background[0].jurisdictions = Array.from({ length: 101 }, () => 'FR');
    d.background[1].owners = Array.from({ length: 10_000 }, () => ({ organizationId: A }));
    expect(pathsOf(limitErrors(d))).toEqual(['background/0/jurisdictions', 'background/1/owners', 'results']);
    expect(pathsOf(draftErrors(d))).toEqual(['background/0/jurisdictions', 'background/1/owners', 'results']);
  });

  test('a 10 MB description is refused', () => {
    const d = valid();
    d.background[0].description = 'x'.repeat(10 * 1024 * 1024);
    const expected = [{ path: 'background/0/description', pointer: '/background/0/description', message: `At most ${MAX_DESCRIPTION_LENGTH} characters` }];
    expect(limitErrors(d)).toEqual(expected);
    expect(draftErrors(d)).toEqual(expected);
    expect(() => parseDeclarationForSubmit(d, ctx)).toThrow(PayloadTooLargeError);
  });

  test('a long string anywhere is refused, even under an unknown field', () => {
    expect(pathsOf(limitErrors({ junk: { deep: ['y'.repeat(MAX_DESCRIPTION_LENGTH + 1)] } }))).toEqual(['junk/deep/0']);
    expect(limitErrors({ background: [{ description: `  ${'y'.repeat(MAX_DESCRIPTION_LENGTH)}  ` }] })).toEqual([]); // trimmed length counts
    expect(limitErrors('not an object')).toEqual([]);
  });

  test('an object with thousands of fields, or nested thousands deep, is handled at once', () => {
    const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`f${i}`, i]));
    expect(limitErrors({ signatory: wide })).toEqual([{ path: 'signatory', pointer: '/signatory', message: 'At most 100 fields' }]);
    let deep: unknown = 'x'.repeat(MAX_DESCRIPTION_LENGTH + 1);
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(limitErrors({ background: deep })).toEqual([]); // not walked below 16 levels…
    expect(pathsOf(draftErrors({ background: deep }))).toEqual(['background/0']); // …the schema refuses it at once
  });

  test('a description at the limit is accepted', () => {
    const d = valid();
    d.background[0].description = 'é'.repeat(MAX_DESCRIPTION_LENGTH);
    expect(allSubmitErrors(d)).toEqual([]);
  });
});

describe('parseDeclarationForSubmit', () => {
  test('throws one ValidationError with every cross-field error', () => {
    const d = withShares([50, 49.99, 0.001]);
    d.results[0].plannedPublications[0].date = '2025-01-01';
    try {
      parseDeclarationForSubmit(d, ctx);
      throw new Error('not thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect(pathsOf((e as ValidationError).errors!)).toEqual(['results/0/ownership', 'results/0/plannedPublications/0/date']);
    }
  });
});

describe('JSON Schema of the form', () => {
  const toJson = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', target: 'draft-2020-12' }) as Any;

  test('both schemas convert without throwing', () => {
    expect(() => toJson(declarationDraftSchema)).not.toThrow();
    expect(() => toJson(declarationSubmitSchema)).not.toThrow();
    expect(toJson(declarationDraftSchema).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  test('the conditional parts are in the schema (oneOf on type, purpose and category)', () => {
    const json = toJson(declarationSubmitSchema);
    const item = json.properties.background.items;
    expect(item.oneOf).toHaveLength(2);
    expect(item.oneOf[0].properties.type.enum).toContain('software');
    expect(item.oneOf[0].required).toContain('exportControl');
    expect(item.oneOf[1].properties.type.enum).toEqual(['design', 'trademark']);
    expect(item.oneOf[1].properties.exportControl).toEqual({ not: {} });
    const right = json.properties.accessRights.items;
    expect(right.oneOf.map((o: Any) => o.properties.purpose.const)).toEqual(['execution', 'exploitation']);
    expect(right.oneOf[0].properties.territory).toEqual({ not: {} });
    expect(right.oneOf[1].required).toContain('territory');
    expect(json.additionalProperties).toBe(false);
    expect(item.oneOf[0].properties.jurisdictions.uniqueItems).toBe(true);
  });

  test('Ajv on the JSON Schema agrees with zod on the conditional parts', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const draft = ajv.compile(toJson(declarationDraftSchema));
    const submit = ajv.compile(toJson(declarationSubmitSchema));
    const corpus: Any[] = [valid(), {}, { background: [{ key: 'bg-1' }] }];
    const mutations: ((d: Any) => void)[] = [
      (d) => (d.background[1].exportControl = { category: 'none' }),
      (d) => delete d.background[0].exportControl,
      (d) => (d.background[0].exportControl = { category: '3', annexIEntry: '5A002' }),
      (d) => (d.background[0].exportControl = { category: '5', annexIEntry: '5A002.a' }),
      (d) => (d.accessRights[0].territory = { scope: 'worldwide' }),
      (d) => delete d.accessRights[1].territory,
      (d) => (d.background[0].identifiers[0].value = 'EP 123'),
      (d) => (d.background[0].identifiers[0].value = 'US 2020/0123456 A1'),
      (d) => (d.results[0].ownership[0].pct = -1),
      (d) => (d.results[0].technologyDomains = ['quantum', 'quantum']),
      (d) => (d.results[0].plannedFilingDate = '2025-02-30'),
      (d) => (d.confidentiality.termYears = 21),
      (d) => (d.confidentiality.survivesProject = false),
      (d) => (d.background[0].owners = [{ organizationId: A, thirdPartyName: 'X' }]),
      (d) => (d.extra = true),
    ];
    for (const m of mutations) {
      const d = valid();
      m(d);
      corpus.push(d);
    }
    for (const d of corpus) {
      expect([d, draft(d)]).toEqual([d, declarationDraftSchema.safeParse(d).success]);
      expect([d, submit(d)]).toEqual([d, declarationSubmitSchema.safeParse(d).success]);
    }
  });
});

describe('declarationContentHash', () => {
  test('is the SHA-256 of the canonical JSON, independent of key order', () => {
    const d = parseDeclarationForSubmit(valid(), ctx);
    const h = declarationContentHash(d);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).toBe(sha256Hex(canonicalJson(d)));
    const reversed = JSON.parse(JSON.stringify(d), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    expect(Object.keys(reversed)[0]).toBe('contacts');
    expect(declarationContentHash(reversed)).toBe(h);
  });

  test('changes with any change of content', () => {
    const d = valid();
    const h = declarationContentHash(d);
    d.results[0].ownership[0].pct = 33.3;
    expect(declarationContentHash(d)).not.toBe(h);
  });
});
