import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Principal } from '../../shared/domain/access';
import { sha256Hex } from '../../shared/domain/audit';
import { controlEventSchema } from '../../shared/domain/control-event-schema';
import { declarationDraftSchema, declarationSubmitSchema } from '../../shared/domain/declaration';
import { declarationHeadSchema, declarationVersionMetaSchema } from '../../shared/domain/declaration-record-schema';
import {
  approvalRows,
  backgroundRows,
  columnsOf,
  controlEventRow,
  declarationVersionRow,
  dualUseRows,
  EXPORT_KINDS,
  exportJsonSchema,
  exportSchemaPath,
  FILTER_DATE,
  flagRow,
  resultOwnershipRows,
  rowsOf,
  type DeclarationHead,
  type DeclarationVersionMeta,
  type ExportKind,
  type ExportRow,
} from '../../shared/domain/exports';
import { storedFlagSchema } from '../../shared/domain/flag-schema';
import { createWorkflow, decide, NO_GATES, partnerStepId, recordSubmission, reopen, type Decision, type WorkflowState } from '../../shared/domain/workflow';
import { completeDeclaration } from '../fixtures/declaration';
import { HYPERLINK } from '../fixtures/export-rows';

// ---------------------------------------------------------------------------------------------------------
// A checker: a row has exactly its kind's fields, each value of its column's type

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function typeErrors(kind: ExportKind, row: ExportRow): string[] {
  const errors: string[] = [];
  const cols = columnsOf(kind);
  const fields = cols.map((c) => c.field);
  if (JSON.stringify(Object.keys(row)) !== JSON.stringify(fields)) errors.push(`keys ${Object.keys(row).join(',')} ≠ ${fields.join(',')}`);
  for (const c of cols) {
    const v = row[c.field];
    if (v === null) {
      if (!c.nullable) errors.push(`${c.field}: null in a non-nullable column`);
      continue;
    }
    const ok = (() => {
      switch (c.type) {
        case 'string':
          return typeof v === 'string' && (!c.enum || c.enum.includes(v));
        case 'number':
          return typeof v === 'number' && Number.isFinite(v);
        case 'percent':
          return typeof v === 'number' && v >= 0 && v <= 100;
        case 'date':
          return typeof v === 'string' && DATE.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
        case 'datetime':
          return typeof v === 'string' && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString() === v;
        case 'boolean':
          return typeof v === 'boolean';
      }
    })();
    if (!ok) errors.push(`${c.field}: ${JSON.stringify(v)} is not a ${c.type}${c.enum ? ` in ${c.enum.join('|')}` : ''}`);
  }
  return errors;
}

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
for (const kind of EXPORT_KINDS) ajv.addSchema(exportJsonSchema(kind));

/** Typed per column and valid against the served JSON Schema (through a JSON round trip, as JSON Lines are). */
function expectValid(kind: ExportKind, rows: readonly ExportRow[]): void {
  expect(rows.length).toBeGreaterThan(0);
  const validate = ajv.getSchema(exportSchemaPath(kind))!;
  for (const row of rows) {
    expect(typeErrors(kind, row)).toEqual([]);
    const ok = validate(JSON.parse(JSON.stringify(row)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  }
}

test('the checker catches wrong types, extra or missing keys and out-of-enum values', () => {
  const good: ExportRow = Object.fromEntries(columnsOf('approvals').map((c) => [c.field, null]));
  expect(typeErrors('approvals', good).length).toBeGreaterThan(0); // non-nullable nulls
  const { byOrg: _dropped, ...missing } = { ...good };
  expect(typeErrors('approvals', missing).join()).toMatch(/keys/);
  expect(typeErrors('dual-use-register', { retainUntil: '2026-02-30' }).join()).toMatch(/retainUntil/);
});

// ---------------------------------------------------------------------------------------------------------
// Fixtures

const id = (prefix: string, d: string) => `${prefix}_${d.repeat(32)}`;
const PRJ = id('prj', 'a');
const [A, B, C] = [id('org', '1'), id('org', '2'), id('org', '3')];
const h = (label: string) => sha256Hex(label);

/** The fixture declaration of A, with a second controlled item granted to nobody and a second grant of bg-1. */
function declarationOfA(): Record<string, unknown> {
  const d = completeDeclaration(A, B, C);
  d.background.push({
    key: 'bg-3',
    type: 'know-how',
    title: `${HYPERLINK} Procédé de gravure`,
    owners: [{ organizationId: A }, { thirdPartyName: 'Université de Lyon, labo X', country: 'FR' }],
    identifiers: [{ kind: 'internal-reference', value: 'KH-42' }],
    executionConditions: { regime: 'case-by-case', text: 'Au cas par cas' },
    exploitationConditions: { regime: 'excluded' },
    exportControl: { category: '3', annexIEntry: '3A001' },
    fromZrr: true,
  });
  d.accessRights.push(
    {
      key: 'ar-2',
      purpose: 'exploitation',
      direction: 'granted',
      beneficiaryOrganizationId: C,
      grantorOrganizationId: A,
      subject: { kind: 'background', itemKey: 'bg-1' },
      exclusive: true,
      fieldOfUse: 'Capteurs pour l’automobile',
      territory: { scope: 'countries', countries: ['FR', 'DE'] },
    },
    // Requested by A on C's own "bg-1": not a grant of A's bg-1.
    {
      key: 'ar-3',
      purpose: 'execution',
      direction: 'requested',
      beneficiaryOrganizationId: A,
      grantorOrganizationId: C,
      subject: { kind: 'background', itemKey: 'bg-1', ownerOrganizationId: C },
      exclusive: false,
    },
  );
  return d;
}

const content2 = declarationOfA();
/** An old version, saved before the form asked for export control or confidentiality. */
const content1 = { background: [{ key: 'bg-1', title: 'Capteur', type: 'patent', jurisdictions: ['FR'] }], results: [] };

const partnerActor = { sub: 'u-a', role: 'partner', org: A, email: 'rep@a.example.fr' };

const meta = (version: number, savedAt: string, content: unknown): DeclarationVersionMeta =>
  declarationVersionMetaSchema.parse({
    projectId: PRJ,
    organizationId: A,
    version,
    contentHash: h(JSON.stringify(content)),
    sizeBytes: Buffer.byteLength(JSON.stringify(content)),
    storage: 'inline',
    savedAt,
    savedBy: version === 1 ? { sub: 'u-a', role: 'partner' } : partnerActor,
  });

const meta1 = meta(1, '2025-11-03T10:00:00.000Z', content1);
/** Saved at 00:30 in Paris on 1 March 2024 = 29 February 2024 in UTC. */
const meta2 = meta(2, '2024-03-01T00:30:00+01:00', content2);

const head: DeclarationHead = declarationHeadSchema.parse({
  projectId: PRJ,
  organizationId: A,
  currentVersion: 2,
  currentHash: meta2.contentHash,
  status: 'draft',
  submissions: [{ version: 1, contentHash: meta1.contentHash, at: '2025-11-04T08:00:00.000Z', by: partnerActor }],
  updatedAt: '2025-11-05T08:00:00.000Z',
});

test('the fixture declaration is a valid complete declaration', () => {
  expect(declarationSubmitSchema.safeParse(content2).success).toBe(true);
  expect(declarationDraftSchema.safeParse(content1).success).toBe(true);
});

// ---------------------------------------------------------------------------------------------------------
// Flags, approvals, control events

describe('flagRow', () => {
  const base = {
    id: id('flg', 'b'),
    fingerprint: h('fp'),
    ruleId: 'LEAK-FOREIGN-ACCESS',
    ruleVersion: 2,
    title: { fr: 'Accès étranger', en: 'Foreign access' },
    severity: 'high',
    status: 'waived',
    subject: { organizationId: B, itemKey: 'bg-1' },
    explanation: { fr: 'Règlement (UE) 2021/821, art. 2(2)(d)', en: 'Regulation (EU) 2021/821, art. 2(2)(d)' },
    evidence: { orgs: [B] },
    evidenceHash: h('evidence'),
    manual: false,
    history: [],
    createdAt: '2026-01-05T08:00:00.000Z',
    updatedAt: '2026-01-07T08:00:00.000Z',
    waiver: { justification: '-Licence obtenue (réf. 42)', by: 'u-legal', at: '2026-01-07T08:00:00.000Z', evidenceHash: h('evidence') },
    projectId: PRJ,
    version: 3,
  };

  test('a waived flag carries its waiver; an open one has empty waiver columns', () => {
    const waived = flagRow(storedFlagSchema.parse(base));
    const open = flagRow(storedFlagSchema.parse({ ...base, status: 'open', waiver: undefined, subject: {} }), 'en');
    expectValid('flags', [waived, open]);
    expect(waived).toMatchObject({ ruleId: 'LEAK-FOREIGN-ACCESS', ruleVersion: 2, title: 'Accès étranger', waiverBy: 'u-legal' });
    expect(waived.waiverJustification).toBe('-Licence obtenue (réf. 42)'); // as typed: the CSV writer neutralises
    expect(open).toMatchObject({ title: 'Foreign access', waiverJustification: null, waiverAt: null, subjectOrganizationId: null });
  });
});

describe('approvalRows', () => {
  const legal: Principal = { sub: 'u-legal', role: 'legal', email: 'juriste@pole.example.fr' };
  const committee: Principal = { sub: 'u-committee', role: 'committee', email: 'comite@pole.example.fr' };
  const partner = (orgId: string): Principal => ({
    sub: `u-${orgId.slice(4, 5)}`,
    role: 'partner',
    organizationId: orgId,
    email: `rep@${orgId.slice(4, 5)}.fr`,
  });
  const T0 = Date.parse('2026-01-05T08:00:00Z');
  let clock = 0;
  const tick = () => new Date(T0 + ++clock * 3_600_000);

  const act = (s: WorkflowState, stepId: string, actor: Principal, decision: Decision = 'approve') =>
    decide(s, { stepId, decision, comment: decision === 'approve' ? '' : 'Précisez.', actor, now: tick(), gates: NO_GATES }).state;

  /** Two partners approve, legal and committee approve; legal reopens for A's changes; round 2 all over again. */
  function twoRounds(): WorkflowState {
    let s = createWorkflow([A, B], undefined, tick()).state;
    s = recordSubmission(s, A, h('A:v1'), tick()).state;
    s = recordSubmission(s, B, h('B:v1'), tick()).state;
    for (const round of [1, 2]) {
      s = act(s, partnerStepId(A), partner(A));
      s = act(s, partnerStepId(B), partner(B));
      s = act(s, 'legal-review', legal);
      s = act(s, 'committee', committee);
      if (round === 1) {
        expect(s.stage).toBe('agreement');
        s = reopen(s, legal, tick(), { reason: 'Licence manquante', changesRequestedFrom: [A] }).state;
        s = recordSubmission(s, A, h('A:v2'), tick()).state;
      }
    }
    return s;
  }

  test('a reopen: every decision of both rounds, oldest first, each with the IP-file hash it was made on', () => {
    const s = twoRounds();
    const rows = approvalRows(PRJ, s);
    expectValid('approvals', rows);
    expect(s.steps.filter((st) => st.decision).length).toBe(4); // the steps keep round 2 only…
    expect(rows).toHaveLength(8); // …the export keeps both rounds
    const ats = rows.map((r) => r.at as string);
    expect([...ats].sort()).toEqual(ats);
    expect(new Set(ats).size).toBe(8);
    const hashes = [...new Set(rows.map((r) => r.ipFileHash))];
    expect(hashes).toHaveLength(2);
    expect(rows.slice(0, 4).every((r) => r.ipFileHash === hashes[0])).toBe(true);
    expect(hashes[1]).toBe(s.ipFileHash);
    expect(rows.map((r) => r.stepId)).toEqual([...Array(2)].flatMap(() => [partnerStepId(A), partnerStepId(B), 'legal-review', 'committee']));
    expect(rows[0]).toMatchObject({ projectId: PRJ, decision: 'approve', bySub: 'u-1', byRole: 'partner', byOrg: A, comment: '' });
    expect(rows[2]).toMatchObject({ byRole: 'legal', byOrg: null, byEmail: 'juriste@pole.example.fr' });
  });

  test('a request for changes names the partners; a decision missing from the history is still exported', () => {
    let s = createWorkflow([A, B], undefined, tick()).state;
    s = recordSubmission(s, A, h('A:x'), tick()).state;
    s = recordSubmission(s, B, h('B:x'), tick()).state;
    s = act(s, partnerStepId(A), partner(A));
    s = act(s, partnerStepId(B), partner(B));
    s = decide(s, {
      stepId: 'legal-review',
      decision: 'request-changes',
      comment: 'Conditions',
      changesRequestedFrom: [B, A],
      actor: legal,
      now: tick(),
      gates: NO_GATES,
    }).state;
    const rows = approvalRows(PRJ, s);
    expectValid('approvals', rows);
    expect(rows.at(-1)).toMatchObject({ decision: 'request-changes', changesRequestedFrom: `${B}, ${A}`, comment: 'Conditions' });
    const withoutHistory = { ...s, history: s.history.filter((e) => e.stepId !== partnerStepId(B)) };
    expect(approvalRows(PRJ, withoutHistory).map((r) => r.stepId)).toEqual([partnerStepId(A), partnerStepId(B), 'legal-review']);
  });
});

test('controlEventRow', () => {
  const e = controlEventSchema.parse({
    id: id('cev', 'c'),
    organizationId: B,
    kind: 'acquisition',
    status: 'completed',
    investor: { name: 'Société Générale d’Électronique; "SGE"', country: 'CN' },
    votingRightsAfterPct: 33.3333,
    effectiveDate: '2026-03-15',
    authorisation: { status: 'requested' },
    recordedAt: '2026-03-16T10:30:00+01:00',
    recordedBy: 'u-legal',
  });
  const row = controlEventRow(e);
  expectValid('control-events', [row]);
  expect(row).toMatchObject({
    investorName: 'Société Générale d’Électronique; "SGE"',
    votingRightsAfterPct: 33.3333,
    votingRightsBeforePct: null,
    controlAcquired: null,
    authorisationStatus: 'requested',
    authorisationDecidedAt: null,
    recordedAt: '2026-03-16T09:30:00.000Z',
  });
});

// ---------------------------------------------------------------------------------------------------------
// Declarations

describe('declarationVersionRow', () => {
  test('a submitted version and one that was not', () => {
    const v1 = declarationVersionRow(meta1, content1, head);
    const v2 = declarationVersionRow(meta2, content2, head);
    expectValid('declarations-register', [v1, v2]);
    expect(v1).toMatchObject({ version: 1, submitted: true, submittedAt: '2025-11-04T08:00:00.000Z', submittedBySub: 'u-a', current: false });
    expect(v1).toMatchObject({ backgroundCount: 1, resultCount: 0, accessRightCount: 0, confidentialityYears: null, savedByEmail: null });
    expect(v2).toMatchObject({ version: 2, submitted: false, submittedAt: null, submittedBySub: null, current: true });
    expect(v2).toMatchObject({ backgroundCount: 3, resultCount: 1, accessRightCount: 3, confidentialityYears: 5, signatoryName: 'Marie Curie' });
    expect(v2).toMatchObject({ savedAt: '2024-02-29T23:30:00.000Z', contentHash: meta2.contentHash, sizeBytes: meta2.sizeBytes });
  });

  test('without a head (or with another declaration’s), submission is false and current unknown', () => {
    const row = declarationVersionRow(meta2, null, null);
    expectValid('declarations-register', [row]);
    expect(row).toMatchObject({ submitted: false, current: null, backgroundCount: 0 });
    expect(declarationVersionRow(meta1, content1, { ...head, organizationId: B })).toMatchObject({ submitted: false, current: null });
  });
});

describe('backgroundRows', () => {
  test('one row per item, lists joined, conditions and export control flattened', () => {
    const rows = backgroundRows(meta2, content2);
    expectValid('background-register', rows);
    expect(rows.map((r) => r.itemKey)).toEqual(['bg-1', 'bg-2', 'bg-3']);
    expect(rows[0]).toMatchObject({
      projectId: PRJ,
      organizationId: A,
      version: 2,
      type: 'patent',
      identifiers: 'patent-publication: EP 1 234 567 B1',
      jurisdictions: 'EP, FR, US',
      priorityDate: '2018-03-01',
      executionRegime: 'royalty-free',
      executionConditions: null,
      exploitationRegime: 'fair-and-reasonable',
      exploitationConditions: 'Conditions équitables',
      exportControlCategory: '6',
      annexIEntry: '6A003.b.4',
      fromZrr: false,
      confidentialityYears: 5,
    });
    expect(rows[1]).toMatchObject({ exportControlCategory: 'none', identifiers: null, jurisdictions: null, priorityDate: null });
    expect(rows[2]).toMatchObject({ owners: `${A}; Université de Lyon, labo X (FR)`, title: `${HYPERLINK} Procédé de gravure` });
  });

  test('an old version lacking newer fields still maps, with nulls', () => {
    const rows = backgroundRows(meta1, content1);
    expectValid('background-register', rows);
    expect(rows).toEqual([
      expect.objectContaining({ itemKey: 'bg-1', title: 'Capteur', jurisdictions: 'FR', exportControlCategory: null, executionRegime: null, fromZrr: null }),
    ]);
    expect(backgroundRows(meta1, 'not an object')).toEqual([]);
  });
});

describe('resultOwnershipRows', () => {
  test('a result with 3 co-owners gives 3 rows with their shares', () => {
    const rows = resultOwnershipRows(meta2, content2);
    expectValid('results-ownership', rows);
    expect(rows.map((r) => [r.resultKey, r.ownerOrganizationId, r.sharePct])).toEqual([
      ['r-1', A, 33.33],
      ['r-1', B, 33.33],
      ['r-1', C, 33.34],
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({ coOwnerCount: 3, totalSharePct: 100, technologyDomains: 'quantum, photonics', plannedFilingDate: '2027-06-15' });
      expect(r.plannedPublications).toBe('Optica (2027-09-01)');
    }
  });

  test('a draft result without shares still has its row', () => {
    const rows = resultOwnershipRows(meta1, {
      results: [
        {
          key: 'r-9',
          title: 'À définir',
          ownership: [
            { organizationId: A, pct: 60 },
            { organizationId: B, pct: 60 },
          ],
        },
        { key: 'r-10' },
      ],
    });
    expectValid('results-ownership', rows);
    expect(rows.map((r) => [r.resultKey, r.ownerOrganizationId, r.sharePct, r.totalSharePct])).toEqual([
      ['r-9', A, 60, 120],
      ['r-9', B, 60, 120],
      ['r-10', null, null, null],
    ]);
  });
});

describe('dualUseRows', () => {
  test('a controlled item granted to 2 partners gives 2 rows, one granted to nobody 1 row; uncontrolled items none', () => {
    const rows = dualUseRows(meta2, content2);
    expectValid('dual-use-register', rows);
    expect(rows.map((r) => [r.itemKind, r.itemKey, r.category, r.accessRightKey, r.beneficiaryOrganizationId])).toEqual([
      ['background', 'bg-1', '6', 'ar-1', B],
      ['background', 'bg-1', '6', 'ar-2', C],
      ['background', 'bg-3', '3', null, null],
    ]);
    expect(rows[0]).toMatchObject({ purpose: 'execution', exclusive: false, fieldOfUse: null, territoryScope: null, territoryCountries: null });
    expect(rows[1]).toMatchObject({ purpose: 'exploitation', exclusive: true, territoryScope: 'countries', territoryCountries: 'FR, DE' });
    expect(rows[2]).toMatchObject({ purpose: null, exclusive: null, annexIEntry: '3A001' });
    // Saved 2024-02-29 (UTC): kept until 2029-03-01 (no 29 February in 2029).
    for (const r of rows) expect(r.retainUntil).toBe('2029-03-01');
  });

  test('a result carrying a category (not in today’s schema) is listed too; none means no row', () => {
    const content = {
      results: [
        { key: 'r-1', title: 'Contrôlé', exportControl: { category: '5' } },
        { key: 'r-2', exportControl: { category: 'none' } },
      ],
      accessRights: [{ key: 'ar-1', direction: 'granted', purpose: 'execution', beneficiaryOrganizationId: B, subject: { kind: 'result', resultKey: 'r-1' } }],
    };
    const rows = dualUseRows(meta1, content);
    expectValid('dual-use-register', rows);
    expect(rows).toEqual([expect.objectContaining({ itemKind: 'result', itemKey: 'r-1', beneficiaryOrganizationId: B, retainUntil: '2030-11-03' })]);
    expect(dualUseRows(meta1, content1)).toEqual([]);
  });
});

test('rowsOf dispatches every source; every kind has its filter date', () => {
  expect(rowsOf({ kind: 'dual-use-register', meta: meta2, content: content2 })).toEqual(dualUseRows(meta2, content2));
  expect(rowsOf({ kind: 'declarations-register', meta: meta1, content: content1, head })).toEqual([declarationVersionRow(meta1, content1, head)]);
  expect(Object.keys(FILTER_DATE).sort()).toEqual([...EXPORT_KINDS].sort());
});
