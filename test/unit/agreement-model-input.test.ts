import { buildAgreementModel, modelHash, modelJson, agreementModelSchema, type AgreementModelInput } from '../../shared/domain/agreement/model';
import { completeDeclaration } from '../fixtures/declaration';

/**
 * The content model as the agreements API builds it (shared/services/agreements.ts → buildAgreementModel): what the
 * generation route relies on — deterministic output, names resolved, the clauses present exactly when the IP file or
 * the risk engine calls for them.
 */
const A = `org_${'a'.repeat(32)}`;
const B = `org_${'b'.repeat(32)}`;
const C = `org_${'c'.repeat(32)}`;
const flag = (id: string, ruleId: string, status: string, organizationId?: string) =>
  ({
    id,
    ruleId,
    status,
    severity: 'high',
    title: { fr: `Alerte ${ruleId}`, en: `Flag ${ruleId}` },
    subject: organizationId ? { organizationId } : {},
  }) as never;

function input(over: Partial<AgreementModelInput> = {}): AgreementModelInput {
  const dA = completeDeclaration(A, B, C);
  dA.background.push({
    key: 'bg-0',
    type: 'know-how',
    title: 'Procédé de gravure',
    owners: [{ thirdPartyName: 'Université de Genève', country: 'CH' }],
    executionConditions: { regime: 'case-by-case', text: 'Au cas par cas' },
    exploitationConditions: { regime: 'excluded' },
    fromZrr: true,
  });
  dA.accessRights.push({
    key: 'ar-0',
    purpose: 'exploitation',
    direction: 'requested',
    grantorOrganizationId: B,
    beneficiaryOrganizationId: A,
    subject: { kind: 'result', resultKey: 'r-1' },
    exclusive: true,
    fieldOfUse: 'Capteurs médicaux',
    territory: { scope: 'countries', countries: ['FR', 'DE'] },
    terms: 'Redevance de 2 %',
  });
  const dB = completeDeclaration(B, C, A);
  dB.confidentiality.termYears = 8;
  dB.accessRights = [{ ...dB.accessRights[0], key: 'ar-x', subject: { kind: 'result', resultKey: 'unknown' } }];
  return {
    documentId: `agr_${'0'.repeat(32)}`,
    version: 2,
    language: 'en',
    generatedAt: '2027-01-04T09:00:00.000Z',
    project: {
      id: `prj_${'1'.repeat(32)}`,
      acronym: 'QUANTAI',
      title: 'Capteurs quantiques',
      fundingScheme: 'france-2030',
      technologyDomains: ['quantum'],
      startDate: '2027-01-01',
      endDate: '2028-12-31',
    } as never,
    members: [
      { organizationId: C, role: 'partner' },
      { organizationId: B, role: 'partner' },
      { organizationId: A, role: 'coordinator' },
    ],
    organizations: new Map([
      [
        A,
        {
          id: A,
          legalName: 'Alpha SAS',
          country: 'FR',
          category: 'sme',
          siren: '123456782',
          registeredAddress: { street: '1 rue X', postalCode: '38000', city: 'Grenoble' },
        },
      ],
      [B, { id: B, legalName: 'Bêta Lab', country: 'FR', category: 'public-lab', siren: '987654321', zrr: true }],
    ]) as never,
    declarations: [
      { organizationId: A, version: 3, contentHash: 'a'.repeat(64), content: dA },
      { organizationId: B, version: 1, contentHash: 'b'.repeat(64), content: dB },
    ],
    ipFileHash: 'f'.repeat(64),
    committee: { at: '2027-01-03T09:00:00.000Z', by: 'Marc Comité' },
    flags: [
      flag('flg_1', 'IEF-FOREIGN-CONTROL', 'open', A),
      flag('flg_2', 'DUAL-USE', 'waived'),
      flag('flg_3', 'ZRR-ACCESS', 'acknowledged'),
      flag('flg_4', 'IEF-ACQUISITION', 'closed', B),
      flag('flg_5', 'NO-CONFIDENTIALITY', 'open'),
    ],
    coOwnershipRegime: 'separate-regulation',
    publications: { noticeDays: 45, objectionDays: 30, filingDelayDays: 90 },
    ...over,
  };
}

test('a valid, deterministic model: same input, same canonical JSON and hash', () => {
  const m = buildAgreementModel(input());
  expect(agreementModelSchema.parse(m)).toEqual(m);
  expect(modelJson(buildAgreementModel(input()))).toBe(modelJson(m));
  expect(modelHash(m)).toMatch(/^[0-9a-f]{64}$/);
  expect(modelHash(buildAgreementModel(input({ language: 'fr' })))).not.toBe(modelHash(m));
});

test('parties in legal-name order, with what the organizations and declarations say (or empty when unknown)', () => {
  const m = buildAgreementModel(input());
  expect(m.parties.map((p) => p.legalName)).toEqual(['Alpha SAS', 'Bêta Lab', C]);
  expect(m.parties[0]).toMatchObject({
    role: 'coordinator',
    registeredAddress: { street: '1 rue X', postalCode: '38000', city: 'Grenoble' },
    signatory: { name: 'Marie Curie' },
    declaration: { version: 3, contentHash: 'a'.repeat(64) },
  });
  expect(m.parties[1]!.registeredAddress).toBeNull();
  // No organization record and no declaration: the party is still there, with empty fields.
  expect(m.parties[2]).toMatchObject({ category: 'other', country: '', siren: null, signatory: { name: '' }, declaration: { version: 0 } });
});

test('background by party and key, third-party owners, results, access rights on results, terms', () => {
  const m = buildAgreementModel(input());
  const alpha = m.background.find((g) => g.organizationId === A)!;
  expect(alpha.items.map((i) => i.key)).toEqual(['bg-0', 'bg-1', 'bg-2']);
  expect(alpha.items[0]).toMatchObject({
    owners: ['Université de Genève (CH)'],
    fromZrr: true,
    exportControl: null,
    executionConditions: { text: 'Au cas par cas' },
  });
  expect(alpha.items[1]!.exportControl).toEqual({ category: '6', annexIEntry: '6A003.b.4' });
  expect(m.background.find((g) => g.organizationId === C)!.items).toEqual([]);
  expect(m.results.find((r) => r.declaredBy === A)!.shares.map((s) => s.pct)).toEqual(['33.33', '33.33', '33.34']);
  const onResult = m.accessRights.find((a) => a.key === 'ar-0')!;
  expect(onResult).toMatchObject({
    subject: { kind: 'result', key: 'r-1', title: 'Capteur quantique', ownerName: 'Alpha SAS' }, // the first party declaring r-1
    territory: { scope: 'countries', countries: ['FR', 'DE'] },
    exclusive: true,
  });
  expect(m.accessRights.find((a) => a.key === 'ar-x')!.subject).toMatchObject({ kind: 'result', title: 'unknown', ownerName: '' });
  expect(m.accessRights.find((a) => a.key === 'ar-1')!.subject).toMatchObject({ kind: 'background', title: 'Capteur photonique <b>intégré</b>' });
  expect(m.confidentiality.termYears).toBe(8);
  expect(m.coOwnership.regime).toBe('separate-regulation');
  expect(m.ipFile).toEqual({ hash: 'f'.repeat(64), committeeApprovedAt: '2027-01-03T09:00:00.000Z', committeeApprovedBy: 'Marc Comité' });
});

test('change of control, export control and ZRR clauses name what the engine raised (closed flags are not named)', () => {
  const m = buildAgreementModel(input());
  expect(m.changeOfControl.flags.map((f) => [f.ruleId, f.organizationId, f.title])).toEqual([['IEF-FOREIGN-CONTROL', A, 'Flag IEF-FOREIGN-CONTROL']]);
  expect(m.exportControl!.items.map((i) => i.key)).toEqual(['bg-1', 'bg-1']);
  expect(m.exportControl!.flags.map((f) => f.status)).toEqual(['waived']);
  expect(m.zrr).toMatchObject({ items: [{ key: 'bg-0', ownerName: 'Alpha SAS' }], parties: ['Bêta Lab'], flags: [{ ruleId: 'ZRR-ACCESS' }] });
});

test('without such items, parties or flags there is no export-control or ZRR clause; the default confidentiality term is 5 years', () => {
  const bare = completeDeclaration(A, A, A);
  bare.background = bare.background.map((b: Record<string, unknown>) => ({ ...b, exportControl: { category: 'none' }, fromZrr: false }));
  bare.confidentiality = undefined;
  const m = buildAgreementModel(
    input({
      members: [{ organizationId: A, role: 'coordinator' }],
      declarations: [{ organizationId: A, version: 1, contentHash: 'a'.repeat(64), content: bare }],
      flags: [],
    }),
  );
  expect({ exportControl: m.exportControl, zrr: m.zrr, term: m.confidentiality.termYears, coc: m.changeOfControl.flags }).toEqual({
    exportControl: null,
    zrr: null,
    term: 5,
    coc: [],
  });
});
