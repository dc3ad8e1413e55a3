import { PDFDocument } from 'pdf-lib';
import type { Principal } from '../../shared/domain/access';
import { agreementRecordSchema, type AgreementRecord, type SignatureRecord } from '../../shared/domain/agreement-records';
import { DEFAULT_PUBLICATION_TERMS } from '../../shared/domain/agreement/model';
import { sha256Hex } from '../../shared/domain/audit';
import { buildProjectSummary, PROJECT_SUMMARY_LABELS, type ProjectSummary, type ProjectSummaryInput } from '../../shared/domain/exports/project-summary';
import { storedFlagSchema } from '../../shared/domain/flag-schema';
import type { Project } from '../../shared/domain/project';
import type { FlagStatus } from '../../shared/domain/risk/lifecycle';
import type { Severity } from '../../shared/domain/risk/types';
import {
  createWorkflow,
  decide,
  NO_GATES,
  partnerStepId,
  recordAgreementGenerated,
  recordSignature,
  recordSubmission,
  type WorkflowState,
} from '../../shared/domain/workflow';
import { MARGIN } from '../../shared/pdf/page-geometry';
import { pageText, pageTextRuns, pdfMetadata } from '../../shared/pdf/pdf-inspect';
import { PROJECT_SUMMARY_PRODUCER, renderProjectSummaries } from '../../shared/pdf/project-summary';
import { fixtureOrganizations } from '../support/agreement-fixture';

const hex = (n: number, len = 32) => n.toString(16).padStart(len, '0');
const h = (label: string) => sha256Hex(label);
const T0 = new Date('2026-01-05T08:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * 86_400_000);
const GENERATED_AT = '2026-12-02T10:00:00.000Z';
const NBSP = '\u00a0';
const NNBSP = '\u202f';

const ORGS = fixtureOrganizations(4);
const [A, B, C, D] = ORGS.map((o) => o.id) as [string, string, string, string];
const PROJECT_ID = `prj_${hex(42)}`;
const DOC_ID = `agr_${hex(7)}`;

const legal: Principal = { sub: 'u-legal', role: 'legal', email: 'juriste@pole.example.fr' };
const committee: Principal = { sub: 'u-committee', role: 'committee', email: 'comite@pole.example.fr' };
const partner = (orgId: string): Principal => ({
  sub: `u-${orgId.slice(-4)}`,
  role: 'partner',
  organizationId: orgId,
  email: `rep-${orgId.slice(-4)}@example.fr`,
});

function project(title: string, n = 0): ProjectSummaryInput['project'] {
  return {
    id: `prj_${hex(42 + n)}`,
    acronym: `PHOTON-${n}`,
    title,
    status: 'approved',
    fundingScheme: 'france-2030',
    startDate: '2026-03-01',
    endDate: '2029-02-28',
  } satisfies Partial<Project>;
}

function flag(i: number, severity: Severity, status: FlagStatus, ruleId = `RULE-${i}`) {
  return storedFlagSchema.parse({
    id: `flg_${hex(i + 1)}`,
    fingerprint: h(`fp${i}`),
    ruleId,
    ruleVersion: 1,
    title: { fr: `Signalement n°${NBSP}${i} — société étrangère`, en: `Flag no. ${i} — foreign company` },
    severity,
    status,
    subject: {},
    explanation: { fr: 'Pourquoi', en: 'Why' },
    evidence: {},
    evidenceHash: h(`ev${i}`),
    manual: false,
    history: [],
    createdAt: '2026-02-01T08:00:00.000Z',
    updatedAt: '2026-02-01T08:00:00.000Z',
    projectId: PROJECT_ID,
    version: 1,
  });
}

const FLAGS = [
  flag(1, 'medium', 'open', 'ZRR-ACCESS'),
  flag(2, 'critical', 'waived', 'IEF-FOREIGN-CONTROL'),
  flag(3, 'high', 'acknowledged', 'DUAL-USE'),
  flag(4, 'low', 'mitigated'),
  flag(5, 'high', 'closed'),
  flag(6, 'critical', 'open', 'AAA-FIRST'),
];

/** Declarations, a request for changes then approval by B, every other approval, the committee, agreement v2. */
function workflow(signers: readonly string[]): WorkflowState {
  let s = createWorkflow([A, B, C, D], undefined, T0).state;
  [A, B, C, D].forEach((o, i) => (s = recordSubmission(s, o, h(`${o}:v1`), at(i)).state));
  s = decide(s, { stepId: partnerStepId(A), decision: 'approve', actor: partner(A), now: at(5), gates: NO_GATES }).state;
  s = decide(s, {
    stepId: partnerStepId(B),
    decision: 'request-changes',
    comment: 'Préciser le périmètre « savoir-faire »',
    changesRequestedFrom: [B],
    actor: partner(B),
    now: at(6),
    gates: NO_GATES,
  }).state;
  s = recordSubmission(s, B, h(`${B}:v2`), at(7)).state;
  for (const [i, o] of [A, B, C, D].entries()) {
    if (s.steps.find((x) => x.stepId === partnerStepId(o))?.status === 'open') {
      s = decide(s, { stepId: partnerStepId(o), decision: 'approve', comment: 'Bon pour accord', actor: partner(o), now: at(8 + i), gates: NO_GATES }).state;
    }
  }
  s = decide(s, { stepId: 'legal-review', decision: 'approve', comment: 'RAS', actor: legal, now: at(14), gates: NO_GATES }).state;
  s = decide(s, { stepId: 'committee', decision: 'approve', comment: 'Accord du comité', actor: committee, now: at(20), gates: NO_GATES }).state;
  s = recordAgreementGenerated(s, { agreementId: `${DOC_ID}.v1`, hash: h('pdf1') }, at(21)).state;
  s = recordAgreementGenerated(s, { agreementId: `${DOC_ID}.v2`, hash: h('pdf2') }, at(22)).state;
  signers.forEach((o, i) => (s = recordSignature(s, o, at(23 + i)).state));
  return s;
}

function agreement(version: number, generatedAt: string): AgreementRecord {
  const object = (name: string) => ({ key: `projects/${PROJECT_ID}/agreements/v${version}/${name}`, bytes: 1000, sha256: h(name + version) });
  return agreementRecordSchema.parse({
    projectId: PROJECT_ID,
    version,
    agreementId: `${DOC_ID}.v${version}`,
    documentId: DOC_ID,
    language: 'fr',
    coOwnershipRegime: 'legal-default',
    publications: { ...DEFAULT_PUBLICATION_TERMS },
    modelHash: h(`model${version}`),
    pdfSha256: h(`pdf${version}`),
    ipFileHash: h('ip'),
    pages: 12,
    pdf: object('agreement.pdf'),
    model: object('model.json'),
    replaces: version > 1 ? `${DOC_ID}.v${version - 1}` : null,
    generatedAt,
    generatedBy: { sub: 'u-legal', role: 'legal', org: null, email: 'juriste@pole.example.fr' },
  });
}

const signature = (version: number, organizationId: string): Pick<SignatureRecord, 'version' | 'organizationId'> => ({ version, organizationId });

function input(over: Partial<ProjectSummaryInput> = {}): ProjectSummaryInput {
  return {
    project: project(`Imagerie photonique intégrée — «${NBSP}Œil de lynx${NBSP}» à 1${NNBSP}000${NBSP}€`),
    // The coordinator is listed third: the summary puts it first.
    partners: [
      { organizationId: B, role: 'partner' },
      { organizationId: D, role: 'subcontractor' },
      { organizationId: A, role: 'coordinator' },
      { organizationId: C, role: 'partner' },
    ],
    organizations: ORGS,
    flags: FLAGS,
    workflow: workflow([A, C]),
    agreements: [agreement(1, '2026-01-26T08:00:00.000Z'), agreement(2, '2026-01-27T08:00:00.000Z')],
    signatures: [signature(2, A), signature(2, C), signature(1, B)],
    ...over,
  };
}

const load = (pdf: Uint8Array) => PDFDocument.load(pdf, { updateMetadata: false });
/** Each page's text, its lines joined by one space (a title or cell wrapped over lines reads as one string). */
const textOf = async (pdf: Uint8Array): Promise<string[]> => (await load(pdf)).getPages().map((p) => pageText(p).join(' '));
const META = { generatedAt: GENERATED_AT, period: { from: '2026-01-01', to: '2026-12-31' } };

describe('buildProjectSummary', () => {
  const s = buildProjectSummary(input());

  test('partners: coordinator first, legal name, SIREN or registration id and country, role', () => {
    expect(s.partners.map((p) => [p.organizationId, p.role])).toEqual([
      [A, 'coordinator'],
      [B, 'partner'],
      [D, 'subcontractor'],
      [C, 'partner'],
    ]);
    expect(s.partners[0]).toEqual({
      organizationId: A,
      name: ORGS[0]!.legalName,
      siren: ORGS[0]!.siren,
      registrationId: null,
      country: 'FR',
      role: 'coordinator',
    });
    // The fixture's fourth organization is German: a registration id, no SIREN.
    expect(s.partners[2]).toMatchObject({ name: ORGS[3]!.legalName, siren: null, registrationId: ORGS[3]!.registrationId, country: 'DE' });
    expect(ORGS[3]!.registrationId).toBeTruthy();
  });

  test('flags: counts by severity and status; open, acknowledged and waived listed, most severe first', () => {
    expect(s.flags.total).toBe(6);
    expect(s.flags.bySeverity).toEqual({ info: 0, low: 1, medium: 1, high: 2, critical: 2 });
    expect(s.flags.byStatus).toEqual({ open: 2, acknowledged: 1, mitigated: 1, waived: 1, closed: 1 });
    expect(s.flags.listed.map((f) => [f.ruleId, f.severity, f.status])).toEqual([
      ['AAA-FIRST', 'critical', 'open'],
      ['IEF-FOREIGN-CONTROL', 'critical', 'waived'],
      ['DUAL-USE', 'high', 'acknowledged'],
      ['ZRR-ACCESS', 'medium', 'open'],
    ]);
    expect(s.flags.listed[0]!.title.fr).toBe(`Signalement n°${NBSP}6 — société étrangère`);
  });

  test('workflow: stage, status and every decision with who and when, including the request for changes', () => {
    expect(s.workflow).toMatchObject({ stage: 'signatures', status: 'active' });
    const decisions = s.workflow!.decisions;
    expect(decisions.map((d) => [d.kind, d.decision])).toEqual([
      ['partner-approval', 'approve'],
      ['partner-approval', 'request-changes'],
      // The request for changes reopened every partner step: A approves again.
      ['partner-approval', 'approve'],
      ['partner-approval', 'approve'],
      ['partner-approval', 'approve'],
      ['partner-approval', 'approve'],
      ['legal-review', 'approve'],
      ['committee', 'approve'],
    ]);
    expect(decisions.filter((d) => d.stepId === partnerStepId(A))).toHaveLength(2);
    expect(decisions[1]).toEqual({
      stepId: partnerStepId(B),
      kind: 'partner-approval',
      stepOrganization: ORGS[1]!.legalName,
      decision: 'request-changes',
      at: at(6).toISOString(),
      by: { email: partner(B).email, role: 'partner', organization: ORGS[1]!.legalName },
      comment: 'Préciser le périmètre « savoir-faire »',
    });
    expect(decisions[7]).toMatchObject({
      stepOrganization: null,
      by: { email: 'comite@pole.example.fr', role: 'committee', organization: null },
      at: at(20).toISOString(),
    });
  });

  test('agreement: the latest version, its signatures against the partners, not signed until all signed', () => {
    expect(s.agreement).toEqual({
      version: 2,
      agreementId: `${DOC_ID}.v2`,
      generatedAt: '2026-01-27T08:00:00.000Z',
      status: 'current',
      signatures: 2,
      partners: 4,
      signed: false,
    });
    const all = buildProjectSummary(input({ workflow: workflow([A, B, C, D]), signatures: [A, B, C, D].map((o) => signature(2, o)) }));
    expect(all.agreement).toMatchObject({ status: 'signed', signatures: 4, signed: true });
    expect(all.workflow).toMatchObject({ stage: 'signed', status: 'signed' });
  });

  test('a project without workflow, agreement, flags or partners', () => {
    const bare = buildProjectSummary(input({ partners: [], flags: [], workflow: null, agreements: [], signatures: [] }));
    expect(bare).toMatchObject({ partners: [], workflow: null, agreement: null, flags: { total: 0, listed: [] } });
    expect(Object.values(bare.flags.bySeverity).every((n) => n === 0)).toBe(true);
  });
});

describe('renderProjectSummaries', () => {
  const HYPERLINK = '=HYPERLINK("http://x","y")';
  const summaries = (): ProjectSummary[] => [
    buildProjectSummary(input()),
    buildProjectSummary(input({ project: project(HYPERLINK, 1), workflow: null, agreements: [], signatures: [] })),
    buildProjectSummary(input({ project: project('Capteurs à l’échelle nanométrique', 2), flags: [] })),
  ];

  test('French: one page per project, the labels, the header and page numbers, titles as plain text', async () => {
    const pdf = await renderProjectSummaries(summaries(), 'fr', META);
    const doc = await load(pdf);
    expect(doc.getPageCount()).toBe(3);
    const [p1, p2, p3] = await textOf(pdf);
    for (const [i, text] of [p1!, p2!, p3!].entries()) {
      expect(text).toContain(`Page ${i + 1} / 3`);
      expect(text).toContain(PROJECT_SUMMARY_LABELS.fr.exportTitle);
      expect(text).toContain(`Généré le 2 décembre 2026 à 10${NBSP}h${NBSP}00 UTC`);
      expect(text).toContain(`Période${NNBSP}: du 1er janvier 2026 au 31 décembre 2026`);
      for (const label of ['Partenaires (4)', 'Signalements', 'Circuit de validation et décisions', 'Accord de consortium']) expect(text).toContain(label);
    }
    expect(p1).toContain(`Imagerie photonique intégrée — «${NBSP}Œil de lynx${NBSP}» à 1${NNBSP}000${NBSP}€`);
    expect(p1).toContain(`PHOTON-0 · ${PROJECT_ID}`);
    expect(p1).toContain(ORGS[0]!.legalName);
    expect(p1).toContain('coordinateur');
    expect(p1).toContain('6 signalements au total');
    expect(p1).toContain('modifications demandées');
    expect(p1).toContain('Étape actuelle');
    expect(p1).toContain(`Version 2, générée le 27 janvier 2026 (en attente de signatures)`);
    expect(p1).toContain(`Signatures${NNBSP}: 2 / 4 · Signé${NNBSP}: non`);
    expect(p2).toContain(HYPERLINK);
    expect(p2).toContain('Le circuit de validation n’a pas commencé.');
    expect(p2).toContain('Aucun accord généré.');
    expect(p3).toContain('Capteurs à l’échelle nanométrique');
    expect(p3).toContain('Aucun signalement ouvert, pris en compte ou levé par dérogation.');
    // Text, not a link or a form: no annotation, no action.
    const raw = Buffer.from(pdf).toString('latin1');
    for (const marker of ['/Link', '/URI', '/AcroForm', '/JavaScript', '/OpenAction']) expect(raw).not.toContain(marker);
    for (const page of doc.getPages()) expect(page.node.Annots()?.size() ?? 0).toBe(0);
    const meta = pdfMetadata(doc);
    expect(meta).toMatchObject({ title: 'Résumés de projets', language: 'fr-FR', producer: PROJECT_SUMMARY_PRODUCER });
    expect(new Date(meta.creationDate!).toISOString()).toBe(GENERATED_AT);
  });

  test('English', async () => {
    const pdf = await renderProjectSummaries(summaries().slice(0, 1), 'en', { generatedAt: GENERATED_AT });
    const [p1] = await textOf(pdf);
    expect((await load(pdf)).getPageCount()).toBe(1);
    for (const label of [
      'Page 1 / 1',
      'Partners (4)',
      'Flags',
      'Approval workflow and decisions',
      'Consortium agreement',
      'Generated on 2 December 2026, 10:00 UTC',
    ]) {
      expect(p1).toContain(label);
    }
    expect(p1).toContain('6 flags in all');
    expect(p1).toContain('changes requested');
    expect(p1).toContain('Flag no. 6 — foreign company');
    expect(p1).toContain('Signatures: 2 / 4 · Signed: no');
    expect(p1).not.toContain('Period');
    expect(p1).not.toContain('Partenaires');
  });

  test('deterministic: the same input gives the same bytes, from an array or an async source', async () => {
    const a = await renderProjectSummaries(summaries(), 'fr', META);
    async function* source() {
      for (const s of summaries()) yield s;
    }
    const b = await renderProjectSummaries(source(), 'fr', META);
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    const later = await renderProjectSummaries(summaries(), 'fr', { ...META, generatedAt: '2026-12-03T10:00:00.000Z' });
    expect(Buffer.from(later).equals(Buffer.from(a))).toBe(false);
  });

  test('300 flags, 100 partners, many decisions and a 300-character title still fit on one page, cut with "… et N de plus"', async () => {
    const many = Array.from({ length: 300 }, (_, i) => flag(100 + i, i % 2 ? 'high' : 'critical', 'open', `RULE-${String(i).padStart(3, '0')}`));
    const orgs = fixtureOrganizations(100);
    const s = buildProjectSummary(
      input({
        project: project(`${'Très long intitulé de projet '.repeat(11)}fin`.slice(0, 300), 3),
        partners: orgs.map((o, i) => ({ organizationId: o.id, role: i === 0 ? 'coordinator' : 'partner' })),
        organizations: orgs,
        flags: many,
      }),
    );
    const pdf = await renderProjectSummaries([s, buildProjectSummary(input())], 'fr', META);
    const doc = await load(pdf);
    expect(doc.getPageCount()).toBe(2);
    const runs = pageTextRuns(doc.getPage(0));
    const text = runs.map((r) => r.text).join('\n');
    const shownFlags = runs.filter((r) => /^RULE-\d{3}$/.test(r.text)).length;
    const more = [...text.matchAll(/… et (\d+) de plus/g)].map((m) => Number(m[1]));
    expect(shownFlags).toBeGreaterThan(3);
    expect(shownFlags).toBeLessThan(300);
    expect(more).toContain(300 - shownFlags);
    const shownPartners = runs.filter((r) => orgs.some((o) => o.legalName === r.text)).length;
    expect(more).toContain(100 - shownPartners);
    // Every section is still on the page, and nothing is drawn below the bottom margin.
    for (const label of ['Circuit de validation et décisions', 'Accord de consortium', 'Signatures']) expect(text).toContain(label);
    expect(Math.min(...runs.map((r) => r.y))).toBeGreaterThan(MARGIN);
    // The title is cut at three lines, the last ending with "…".
    const titleRuns = runs.filter((r) => r.size === 18);
    expect(titleRuns).toHaveLength(3);
    expect(titleRuns[2]!.text.endsWith('…')).toBe(true);
  });

  test('an export with no project gives one page saying so', async () => {
    const [only, ...rest] = await textOf(await renderProjectSummaries([], 'fr', META));
    expect(rest).toEqual([]);
    expect(only).toContain('Aucun projet ne correspond à cet export.');
    expect(only).toContain('Page 1 / 1');
  });
});
