import { agreementModelSchema, buildAgreementModel, modelHash, modelJson, type AgreementModelInput } from '../../shared/domain/agreement/model';
import type { Declaration } from '../../shared/domain/declaration';
import type { Organization } from '../../shared/domain/organization';
import type { Project } from '../../shared/domain/project';
import type { Flag } from '../../shared/domain/risk/lifecycle';

// ---------------------------------------------------------------------------------------------------------
// Fixture: a project with a French start-up (coordinator), a German company and a French public lab in a ZRR.

const oid = (n: number) => `org_${n.toString(16).padStart(32, '0')}`;
const ALPHA = oid(1);
const BETA = oid(2);
const LAB = oid(3);
const HASH = (c: string) => c.repeat(64);
const T = '2026-01-05T08:00:00.000Z';

function organization(id: string, legalName: string, extra: Partial<Organization> & Record<string, unknown> = {}): Organization {
  return {
    id,
    legalName,
    country: 'FR',
    category: 'startup',
    listed: false,
    zrr: false,
    shareholders: [],
    representatives: [],
    version: 1,
    createdAt: T,
    updatedAt: T,
    ...extra,
  } as Organization;
}

const PROJECT: Project = {
  id: 'prj_00000000000000000000000000000001',
  acronym: 'QUANTIX',
  title: 'Capteurs quantiques intégrés',
  summary: 'Un capteur quantique sur puce.',
  fundingScheme: 'anr',
  technologyDomains: ['quantum', 'photonics'],
  startDate: '2026-01-31',
  endDate: '2028-12-31',
  status: 'approved',
  coordinatorOrgId: ALPHA,
  version: 3,
  createdAt: T,
  updatedAt: T,
};

const person = (name: string) => ({ name, position: 'Président', email: `${name.toLowerCase().replace(/\W/g, '')}@example.fr` });

function alphaDeclaration(): Declaration {
  return {
    background: [
      {
        key: 'bg-2',
        type: 'software',
        title: 'Firmware de pilotage',
        owners: [{ organizationId: ALPHA }],
        executionConditions: { regime: 'royalty-free' },
        exploitationConditions: { regime: 'excluded' },
        exportControl: { category: 'none' },
        fromZrr: false,
      },
      {
        key: 'bg-1',
        type: 'patent',
        title: 'Capteur photonique',
        description: 'Guide d’onde intégré',
        identifiers: [{ kind: 'patent-publication', value: 'EP 1 234 567 B1' }],
        owners: [{ organizationId: ALPHA }, { thirdPartyName: 'Université de Genève', country: 'CH' }],
        jurisdictions: ['EP', 'FR'],
        executionConditions: { regime: 'royalty-free' },
        exploitationConditions: { regime: 'fair-and-reasonable', text: 'Redevance de 2 %' },
        exportControl: { category: '6', annexIEntry: '6A003.b.4' },
        fromZrr: false,
      },
    ],
    results: [
      {
        key: 'r-2',
        title: 'Logiciel de calibration',
        technologyDomains: ['software'],
        ownership: [{ organizationId: ALPHA, pct: 100 }],
      },
      {
        key: 'r-1',
        title: 'Capteur quantique',
        technologyDomains: ['quantum'],
        ownership: [
          { organizationId: ALPHA, pct: 33.3333 },
          { organizationId: BETA, pct: 33.3333 },
          { organizationId: LAB, pct: 33.3334 },
        ],
        plannedFilingDate: '2027-06-15',
        plannedPublications: [{ venue: 'Optica', date: '2027-09-01' }],
      },
    ],
    accessRights: [
      {
        key: 'ar-1',
        purpose: 'exploitation',
        direction: 'granted',
        grantorOrganizationId: ALPHA,
        beneficiaryOrganizationId: BETA,
        subject: { kind: 'background', itemKey: 'bg-1' },
        exclusive: false,
        fieldOfUse: 'Automobile',
        territory: { scope: 'countries', countries: ['DE', 'FR'] },
      },
      {
        key: 'ar-0',
        purpose: 'execution',
        direction: 'granted',
        grantorOrganizationId: ALPHA,
        beneficiaryOrganizationId: LAB,
        subject: { kind: 'result', resultKey: 'r-1' },
        exclusive: false,
      },
    ],
    confidentiality: { termYears: 5, survivesProject: true },
    signatory: person('Alice Martin'),
    contacts: [person('Paul Durand')],
  };
}

function labDeclaration(): Declaration {
  return {
    background: [
      {
        key: 'lab-1',
        type: 'know-how',
        title: 'Procédé de gravure',
        owners: [{ organizationId: LAB }],
        executionConditions: { regime: 'royalty-free' },
        exploitationConditions: { regime: 'case-by-case' },
        exportControl: { category: 'none' },
        fromZrr: true,
      },
    ],
    results: [],
    accessRights: [],
    confidentiality: { termYears: 7, survivesProject: true },
    signatory: person('Claire Petit'),
    contacts: [person('Jean Roux')],
  };
}

function flag(id: string, ruleId: string, status: Flag['status'], organizationId?: string): Flag {
  return {
    id: `flg_${id.padStart(32, '0')}`,
    fingerprint: HASH('f'),
    ruleId,
    ruleVersion: 1,
    title: { fr: `Titre ${ruleId}`, en: `Title ${ruleId}` },
    severity: 'high',
    status,
    subject: organizationId ? { organizationId } : {},
    explanation: { fr: 'x', en: 'x' },
    evidence: {},
    evidenceHash: HASH('e'),
    manual: false,
    history: [],
    createdAt: T,
    updatedAt: T,
  };
}

interface Opts {
  lang?: 'fr' | 'en';
  flags?: Flag[];
  labZrr?: boolean;
  alpha?: Declaration;
  lab?: Declaration;
  withAddress?: boolean;
}

function input(o: Opts = {}): AgreementModelInput {
  const orgs = [
    organization(ALPHA, 'Alpha Photonique SAS', {
      siren: '552100554',
      ...(o.withAddress === false ? {} : { registeredAddress: { street: '3 rue des Arts', postalCode: '38000', city: 'Grenoble' } }),
    }),
    organization(BETA, 'Beta Optik GmbH', { country: 'DE', category: 'midcap', registrationId: 'HRB 12345' }),
    organization(LAB, 'Laboratoire Quantique', { category: 'public-lab', siren: '180089013', zrr: o.labZrr ?? true }),
  ];
  return {
    documentId: 'agr_00000000000000000000000000000001',
    version: 2,
    language: o.lang ?? 'fr',
    generatedAt: '2026-12-02T10:00:00.000Z',
    project: PROJECT,
    // Members in no particular order: the model sorts parties by legal name.
    members: [
      { organizationId: LAB, role: 'partner' },
      { organizationId: BETA, role: 'partner' },
      { organizationId: ALPHA, role: 'coordinator' },
    ],
    organizations: new Map(orgs.map((x) => [x.id, x])),
    declarations: [
      { organizationId: ALPHA, version: 4, contentHash: HASH('a'), content: o.alpha ?? alphaDeclaration() },
      { organizationId: LAB, version: 2, contentHash: HASH('c'), content: o.lab ?? labDeclaration() },
    ],
    ipFileHash: HASH('9'),
    committee: { at: '2026-11-20T14:05:00.000+01:00', by: null },
    flags: o.flags ?? [flag('1', 'IEF-FOREIGN-CONTROL', 'open', BETA), flag('2', 'DUAL-USE', 'closed'), flag('3', 'ZRR-ACCESS', 'acknowledged', LAB)],
    coOwnershipRegime: 'legal-default',
    publications: { noticeDays: 45, objectionDays: 30, filingDelayDays: 90 },
  };
}

// ---------------------------------------------------------------------------------------------------------

describe('buildAgreementModel', () => {
  test('gives a model its own schema accepts', () => {
    expect(agreementModelSchema.safeParse(buildAgreementModel(input())).success).toBe(true);
  });

  test('is deterministic: the same input gives the same canonical JSON and hash, whatever the order of members', () => {
    const a = buildAgreementModel(input());
    const i = input();
    const b = buildAgreementModel({ ...i, members: [...i.members].reverse(), flags: [...i.flags].reverse() });
    expect(modelJson(b)).toBe(modelJson(a));
    expect(modelHash(b)).toBe(modelHash(a));
    expect(modelHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a change anywhere changes the hash', () => {
    const a = buildAgreementModel(input());
    expect(modelHash(buildAgreementModel({ ...input(), ipFileHash: HASH('8') }))).not.toBe(modelHash(a));
    expect(modelHash(buildAgreementModel(input({ lang: 'en' })))).not.toBe(modelHash(a));
  });

  test('orders parties by legal name and items by key; results follow their declaring party', () => {
    const m = buildAgreementModel(input());
    expect(m.parties.map((p) => p.legalName)).toEqual(['Alpha Photonique SAS', 'Beta Optik GmbH', 'Laboratoire Quantique']);
    expect(m.background.map((g) => g.name)).toEqual(['Alpha Photonique SAS', 'Beta Optik GmbH', 'Laboratoire Quantique']);
    expect(m.background[0]!.items.map((i) => i.key)).toEqual(['bg-1', 'bg-2']);
    expect(m.background[1]!.items).toEqual([]);
    expect(m.results.map((r) => r.key)).toEqual(['r-1', 'r-2']);
    expect(m.accessRights.map((a) => a.key)).toEqual(['ar-0', 'ar-1']);
  });

  test('resolves names: parties, owners (third parties with their country), access-right subjects', () => {
    const m = buildAgreementModel(input());
    expect(m.background[0]!.items[0]!.owners).toEqual(['Alpha Photonique SAS', 'Université de Genève (CH)']);
    const [ar0, ar1] = m.accessRights;
    expect(ar0!.subject).toEqual({ kind: 'result', key: 'r-1', title: 'Capteur quantique', ownerName: 'Alpha Photonique SAS' });
    expect(ar1!.subject).toEqual({ kind: 'background', key: 'bg-1', title: 'Capteur photonique', ownerName: 'Alpha Photonique SAS' });
    expect(ar1!.territory).toEqual({ scope: 'countries', countries: ['DE', 'FR'] });
    expect(ar0!.territory).toBeNull();
    expect(ar1!.grantor.name).toBe('Alpha Photonique SAS');
    expect(ar1!.beneficiary.name).toBe('Beta Optik GmbH');
  });

  test('a result subject is the declarer’s result (keys repeat across partners); a requested right may name the grantor’s item', () => {
    const beta: Declaration = {
      ...labDeclaration(),
      background: [],
      results: [{ key: 'r-1', title: 'Résultat de Beta', technologyDomains: ['materials'], ownership: [{ organizationId: BETA, pct: 100 }] }],
      accessRights: [
        {
          key: 'ar-b1',
          purpose: 'execution',
          direction: 'granted',
          grantorOrganizationId: BETA,
          beneficiaryOrganizationId: ALPHA,
          subject: { kind: 'result', resultKey: 'r-1' },
          exclusive: false,
        },
        {
          key: 'ar-b2',
          purpose: 'execution',
          direction: 'requested',
          grantorOrganizationId: ALPHA,
          beneficiaryOrganizationId: BETA,
          subject: { kind: 'background', itemKey: 'bg-2' },
          exclusive: false,
        },
        {
          key: 'ar-b3',
          purpose: 'execution',
          direction: 'requested',
          grantorOrganizationId: ALPHA,
          beneficiaryOrganizationId: BETA,
          subject: { kind: 'result', resultKey: 'r-2' },
          exclusive: false,
        },
        {
          key: 'ar-b4',
          purpose: 'execution',
          direction: 'requested',
          grantorOrganizationId: ALPHA,
          beneficiaryOrganizationId: BETA,
          subject: { kind: 'result', resultKey: 'r-404' },
          exclusive: false,
        },
      ],
    };
    const i = input();
    const m = buildAgreementModel({ ...i, declarations: [...i.declarations, { organizationId: BETA, version: 1, contentHash: HASH('b'), content: beta }] });
    const subjects = Object.fromEntries(m.accessRights.map((a) => [a.key, a.subject]));
    expect(subjects['ar-b1']).toEqual({ kind: 'result', key: 'r-1', title: 'Résultat de Beta', ownerName: 'Beta Optik GmbH' });
    expect(subjects['ar-b2']).toEqual({ kind: 'background', key: 'bg-2', title: 'Firmware de pilotage', ownerName: 'Alpha Photonique SAS' });
    expect(subjects['ar-b3']).toEqual({ kind: 'result', key: 'r-2', title: 'Logiciel de calibration', ownerName: 'Alpha Photonique SAS' });
    expect(subjects['ar-b4']).toEqual({ kind: 'result', key: 'r-404', title: 'r-404', ownerName: '' });
  });

  test('half-filled drafts and unknown organizations still give a valid model (defaults, never undefined)', () => {
    const draft = {
      background: [{ key: 'd-1' }],
      results: [
        { key: 'dr-1', ownership: [{}] },
        { key: 'dr-2', plannedPublications: [{}, { date: '2027-03-01' }] },
      ],
      accessRights: [
        { key: 'da-1', subject: { kind: 'background' } },
        { key: 'da-2', subject: { kind: 'result' } },
        { key: 'da-3', purpose: 'exploitation', territory: { scope: 'worldwide' } },
      ],
    } as unknown as Declaration;
    const GHOST = oid(9);
    const i = input({ alpha: draft, flags: [flag('8', 'IEF-ACQUISITION', 'open')] });
    const m = buildAgreementModel({ ...i, members: [...i.members, { organizationId: GHOST, role: 'partner' }] });
    expect(agreementModelSchema.safeParse(m).error?.issues.map((x) => x.path.join('/'))).toBeUndefined();
    expect(modelJson(m)).not.toContain('undefined');
    const ghost = m.parties.find((p) => p.organizationId === GHOST)!;
    expect(ghost).toMatchObject({ legalName: GHOST, category: 'other', country: '', siren: null, registrationId: null, registeredAddress: null });
    const alpha = m.background.find((g) => g.organizationId === ALPHA)!;
    expect(alpha.items).toEqual([
      {
        key: 'd-1',
        title: '',
        type: 'other',
        description: null,
        identifiers: [],
        owners: [],
        jurisdictions: [],
        executionConditions: { regime: '', text: null },
        exploitationConditions: { regime: '', text: null },
        fromZrr: false,
        exportControl: null,
      },
    ]);
    const [r1, r2] = m.results;
    expect(r1).toMatchObject({ key: 'dr-1', title: '', technologyDomains: [], shares: [{ organizationId: '', name: '', pct: '0' }], plannedFilingDate: null });
    expect(r2!.plannedPublications).toEqual([{ venue: '', date: '2027-03-01' }]);
    const [a1, a2, a3] = m.accessRights;
    expect(a1).toMatchObject({
      purpose: 'execution',
      direction: 'granted',
      exclusive: false,
      grantor: { organizationId: '', name: '' },
      fieldOfUse: null,
      terms: null,
    });
    expect(a1!.subject).toEqual({ kind: 'background', key: '', title: '', ownerName: 'Alpha Photonique SAS' });
    expect(a2!.subject).toEqual({ kind: 'result', key: '', title: '', ownerName: '' });
    expect(a3!.territory).toEqual({ scope: 'worldwide', countries: [] });
    expect(m.changeOfControl.flags[0]!.organizationId).toBeNull();
  });

  test('parties carry registration, address (null when the organization has none), signatory and declaration', () => {
    const m = buildAgreementModel(input());
    const [alpha, beta, lab] = m.parties;
    expect(alpha).toMatchObject({ role: 'coordinator', siren: '552100554', registrationId: null, country: 'FR' });
    expect(alpha!.registeredAddress).toEqual({ street: '3 rue des Arts', postalCode: '38000', city: 'Grenoble' });
    expect(alpha!.signatory).toEqual({ name: 'Alice Martin', position: 'Président', email: 'alicemartin@example.fr' });
    expect(alpha!.declaration).toEqual({ version: 4, contentHash: HASH('a') });
    expect(beta).toMatchObject({ siren: null, registrationId: 'HRB 12345', country: 'DE', registeredAddress: null });
    // Beta has no submitted declaration: empty signatory, version 0 and a zero hash (the text says "not provided").
    expect(beta!.signatory).toEqual({ name: '', position: '', email: '' });
    expect(beta!.declaration).toEqual({ version: 0, contentHash: '0'.repeat(64) });
    expect(lab!.category).toBe('public-lab');
    expect(buildAgreementModel(input({ withAddress: false })).parties[0]!.registeredAddress).toBeNull();
  });

  test('shares keep their exact decimal text, in declaration order', () => {
    const m = buildAgreementModel(input());
    expect(m.results[0]!.shares).toEqual([
      { organizationId: ALPHA, name: 'Alpha Photonique SAS', pct: '33.3333' },
      { organizationId: BETA, name: 'Beta Optik GmbH', pct: '33.3333' },
      { organizationId: LAB, name: 'Laboratoire Quantique', pct: '33.3334' },
    ]);
    expect(m.results[1]!.shares[0]!.pct).toBe('100');
    const alpha = alphaDeclaration();
    alpha.results[1]!.ownership = [
      { organizationId: ALPHA, pct: 12.5 },
      { organizationId: BETA, pct: 87.5 },
    ];
    expect(buildAgreementModel(input({ alpha })).results[0]!.shares.map((s) => s.pct)).toEqual(['12.5', '87.5']);
  });

  test('confidentiality takes the longest declared term (5 years when none is declared)', () => {
    expect(buildAgreementModel(input()).confidentiality.termYears).toBe(7);
    const lab = { ...labDeclaration(), confidentiality: undefined } as unknown as Declaration;
    const alpha = { ...alphaDeclaration(), confidentiality: undefined } as unknown as Declaration;
    expect(buildAgreementModel(input({ lab, alpha })).confidentiality.termYears).toBe(5);
  });

  test('closed flags are not named; open, acknowledged, mitigated and waived ones are', () => {
    const m = buildAgreementModel(input());
    expect(m.changeOfControl.flags).toEqual([
      {
        id: 'flg_00000000000000000000000000000001',
        ruleId: 'IEF-FOREIGN-CONTROL',
        status: 'open',
        severity: 'high',
        title: 'Titre IEF-FOREIGN-CONTROL',
        organizationId: BETA,
      },
    ]);
    // The DUAL-USE flag is closed: export control is still present because of the Annex I item, but names no flag.
    expect(m.exportControl!.flags).toEqual([]);
    expect(m.zrr!.flags.map((f) => f.status)).toEqual(['acknowledged']);
    const flags = ['mitigated', 'waived'].map((s, i) => flag(String(10 + i), 'IEF-ACQUISITION', s as Flag['status'], ALPHA));
    expect(buildAgreementModel(input({ flags })).changeOfControl.flags.map((f) => f.status)).toEqual(['mitigated', 'waived']);
    expect(buildAgreementModel(input({ flags: [flag('4', 'IEF-ACQUISITION', 'closed', ALPHA)] })).changeOfControl.flags).toEqual([]);
  });

  test('flag titles follow the model language', () => {
    expect(buildAgreementModel(input({ lang: 'en' })).changeOfControl.flags[0]!.title).toBe('Title IEF-FOREIGN-CONTROL');
  });

  describe('export control is present exactly when an item has an Annex I category or a DUAL-USE flag is not closed', () => {
    const noAnnexI = () => {
      const alpha = alphaDeclaration();
      alpha.background[1] = { ...alpha.background[1]!, exportControl: { category: 'none' } } as Declaration['background'][number];
      return alpha;
    };
    test('an Annex I item: present, naming the item with owner, category and entry', () => {
      expect(buildAgreementModel(input()).exportControl!.items).toEqual([
        { ownerName: 'Alpha Photonique SAS', key: 'bg-1', title: 'Capteur photonique', category: '6', annexIEntry: '6A003.b.4' },
      ]);
    });
    test('no Annex I item and the DUAL-USE flag closed: absent', () => {
      expect(buildAgreementModel(input({ alpha: noAnnexI() })).exportControl).toBeNull();
    });
    test('no Annex I item but an open DUAL-USE flag: present, with the flag and no item', () => {
      const m = buildAgreementModel(input({ alpha: noAnnexI(), flags: [flag('5', 'DUAL-USE', 'open')] }));
      expect(m.exportControl).toEqual({ items: [], flags: [expect.objectContaining({ ruleId: 'DUAL-USE', status: 'open' })] });
    });
  });

  describe('ZRR is present exactly when an item comes from a ZRR, a party is in a ZRR, or a ZRR-ACCESS flag is not closed', () => {
    const noZrrItem = () => ({ ...labDeclaration(), background: [{ ...labDeclaration().background[0]!, fromZrr: false }] }) as Declaration;
    test('all three', () => {
      const z = buildAgreementModel(input()).zrr!;
      expect(z.items).toEqual([{ ownerName: 'Laboratoire Quantique', key: 'lab-1', title: 'Procédé de gravure' }]);
      expect(z.parties).toEqual(['Laboratoire Quantique']);
      expect(z.flags).toHaveLength(1);
    });
    test('only the party in a ZRR', () => {
      const z = buildAgreementModel(input({ lab: noZrrItem(), flags: [] })).zrr!;
      expect(z).toEqual({ items: [], parties: ['Laboratoire Quantique'], flags: [] });
    });
    test('only the item', () => {
      expect(buildAgreementModel(input({ labZrr: false, flags: [] })).zrr).toEqual({
        items: [{ ownerName: 'Laboratoire Quantique', key: 'lab-1', title: 'Procédé de gravure' }],
        parties: [],
        flags: [],
      });
    });
    test('only an open flag', () => {
      expect(buildAgreementModel(input({ labZrr: false, lab: noZrrItem(), flags: [flag('6', 'ZRR-ACCESS', 'open', LAB)] })).zrr!.flags).toHaveLength(1);
    });
    test('none of them, or only a closed flag: absent', () => {
      expect(buildAgreementModel(input({ labZrr: false, lab: noZrrItem(), flags: [] })).zrr).toBeNull();
      expect(buildAgreementModel(input({ labZrr: false, lab: noZrrItem(), flags: [flag('7', 'ZRR-ACCESS', 'closed', LAB)] })).zrr).toBeNull();
    });
  });
});
