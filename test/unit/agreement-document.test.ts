import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from '@pdf-lib/fontkit';
import {
  AGREEMENT_SECTION_IDS,
  agreementDocument,
  agreementSections,
  formatDate as formatDateFromDocument,
  formatPct as formatPctFromDocument,
  sectionHeadings,
  type AgreementDocument,
  type Block,
} from '../../shared/domain/agreement/document';
import { addMonths, formatDate, formatInstant, formatInstantDay, formatPct, formatSiren, joinAnd, sentence } from '../../shared/domain/agreement/format';
import { defaultManager } from '../../shared/domain/agreement/clauses-ip';
import { AGREEMENT_LABELS, enumLabel } from '../../shared/domain/agreement/labels';
import { agreementModelSchema, modelHash, type AgreementModel } from '../../shared/domain/agreement/model';

// ---------------------------------------------------------------------------------------------------------
// Fixture: a content model written out (the builder has its own tests in agreement-model.test.ts).

const NNBSP = '\u202f';
const oid = (n: number) => `org_${n.toString(16).padStart(32, '0')}`;
const ALPHA = oid(1);
const BETA = oid(2);
const LAB = oid(3);
const H = (c: string) => c.repeat(64);
/** A description long enough to need many lines (and pages, at 20,000 characters): it must be kept whole. */
const LONG = `${'Guide d’onde en nitrure de silicium couplé à une cavité résonante. '.repeat(40)}FIN-DE-DESCRIPTION`;

type Over = { [K in keyof AgreementModel]?: AgreementModel[K] };

function model(over: Over = {}): AgreementModel {
  const m: AgreementModel = {
    schema: 'vigie.agreement/1',
    documentId: 'agr_00000000000000000000000000000001',
    version: 2,
    language: 'fr',
    generatedAt: '2026-12-02T10:00:00.000Z',
    project: {
      id: 'prj_00000000000000000000000000000001',
      acronym: 'QUANTIX',
      title: 'Capteurs quantiques intégrés',
      summary: 'Un capteur quantique sur puce',
      fundingScheme: 'anr',
      technologyDomains: ['quantum', 'energy-storage'],
      startDate: '2027-01-01',
      endDate: '2029-12-31',
    },
    ipFile: { hash: H('9'), committeeApprovedAt: '2026-11-20T14:05:00.000+01:00', committeeApprovedBy: null },
    parties: [
      {
        organizationId: ALPHA,
        legalName: 'Alpha Photonique SAS',
        role: 'coordinator',
        category: 'startup',
        country: 'FR',
        siren: '552100554',
        registrationId: null,
        registeredAddress: { street: '3 rue des Arts', postalCode: '38000', city: 'Grenoble' },
        signatory: { name: 'Alice Martin', position: 'Présidente', email: 'alice@example.fr' },
        declaration: { version: 4, contentHash: H('a') },
      },
      {
        organizationId: BETA,
        legalName: 'Beta Optik GmbH',
        role: 'partner',
        category: 'midcap',
        country: 'DE',
        siren: null,
        registrationId: 'HRB 12345',
        registeredAddress: null,
        signatory: { name: 'Berndt Vogel', position: 'Geschäftsführer', email: 'bv@example.de' },
        declaration: { version: 1, contentHash: H('b') },
      },
      {
        organizationId: LAB,
        legalName: 'Laboratoire Quantique',
        role: 'partner',
        category: 'public-lab',
        country: 'FR',
        siren: '180089013',
        registrationId: null,
        registeredAddress: { street: '17 avenue des Martyrs', postalCode: '38054', city: 'Grenoble' },
        signatory: { name: 'Claire Petit', position: 'Directrice', email: 'claire@example.fr' },
        declaration: { version: 2, contentHash: H('c') },
      },
    ],
    background: [
      {
        organizationId: ALPHA,
        name: 'Alpha Photonique SAS',
        items: [
          {
            key: 'bg-1',
            title: 'Capteur photonique',
            type: 'patent',
            description: LONG,
            identifiers: [{ kind: 'patent-publication', value: 'EP 1 234 567 B1' }],
            owners: ['Alpha Photonique SAS', 'Université de Genève (CH)'],
            jurisdictions: ['EP', 'FR', 'US'],
            executionConditions: { regime: 'royalty-free', text: null },
            exploitationConditions: { regime: 'fair-and-reasonable', text: 'Redevance de 2 % du chiffre d’affaires net' },
            fromZrr: false,
            exportControl: { category: '6', annexIEntry: '6A003.b.4' },
          },
          {
            key: 'bg-2',
            title: 'Firmware de pilotage',
            type: 'software',
            description: null,
            identifiers: [],
            owners: ['Alpha Photonique SAS'],
            jurisdictions: [],
            executionConditions: { regime: 'royalty-free', text: null },
            exploitationConditions: { regime: 'excluded', text: null },
            fromZrr: false,
            exportControl: { category: 'none', annexIEntry: null },
          },
        ],
      },
      { organizationId: BETA, name: 'Beta Optik GmbH', items: [] },
      {
        organizationId: LAB,
        name: 'Laboratoire Quantique',
        items: [
          {
            key: 'lab-1',
            title: 'Procédé de gravure',
            type: 'know-how',
            description: null,
            identifiers: [],
            owners: ['Laboratoire Quantique'],
            jurisdictions: [],
            executionConditions: { regime: 'royalty-free', text: null },
            exploitationConditions: { regime: 'case-by-case', text: null },
            fromZrr: true,
            exportControl: { category: '3', annexIEntry: null },
          },
        ],
      },
    ],
    results: [
      {
        key: 'r-1',
        declaredBy: ALPHA,
        title: 'Capteur quantique',
        description: 'Capteur sur puce',
        technologyDomains: ['quantum', 'low-carbon-energy'],
        shares: [
          { organizationId: ALPHA, name: 'Alpha Photonique SAS', pct: '33.3333' },
          { organizationId: BETA, name: 'Beta Optik GmbH', pct: '33.3333' },
          { organizationId: LAB, name: 'Laboratoire Quantique', pct: '33.3334' },
        ],
        plannedFilingDate: '2027-06-15',
        plannedPublications: [{ venue: 'Optica', date: '2027-09-01' }],
      },
      {
        key: 'r-2',
        declaredBy: LAB,
        title: 'Logiciel de calibration',
        description: null,
        technologyDomains: ['software'],
        shares: [{ organizationId: LAB, name: 'Laboratoire Quantique', pct: '100' }],
        plannedFilingDate: null,
        plannedPublications: [],
      },
    ],
    coOwnership: { regime: 'legal-default' },
    accessRights: [
      {
        key: 'ar-1',
        declaredBy: ALPHA,
        purpose: 'exploitation',
        direction: 'granted',
        grantor: { organizationId: ALPHA, name: 'Alpha Photonique SAS' },
        beneficiary: { organizationId: BETA, name: 'Beta Optik GmbH' },
        subject: { kind: 'background', key: 'bg-1', title: 'Capteur photonique', ownerName: 'Alpha Photonique SAS' },
        exclusive: true,
        fieldOfUse: 'Automobile',
        territory: { scope: 'countries', countries: ['DE', 'FR'] },
        terms: 'Redevance de 3 %',
      },
      {
        key: 'ar-2',
        declaredBy: LAB,
        purpose: 'execution',
        direction: 'granted',
        grantor: { organizationId: LAB, name: 'Laboratoire Quantique' },
        beneficiary: { organizationId: ALPHA, name: 'Alpha Photonique SAS' },
        subject: { kind: 'result', key: 'r-2', title: 'Logiciel de calibration', ownerName: 'Laboratoire Quantique' },
        exclusive: false,
        fieldOfUse: null,
        territory: null,
        terms: null,
      },
      {
        key: 'ar-3',
        declaredBy: BETA,
        purpose: 'exploitation',
        direction: 'requested',
        grantor: { organizationId: ALPHA, name: 'Alpha Photonique SAS' },
        beneficiary: { organizationId: BETA, name: 'Beta Optik GmbH' },
        subject: { kind: 'background', key: 'bg-2', title: 'Firmware de pilotage', ownerName: '' },
        exclusive: false,
        fieldOfUse: null,
        territory: { scope: 'eu-eea', countries: [] },
        terms: null,
      },
    ],
    confidentiality: { termYears: 7 },
    publications: { noticeDays: 45, objectionDays: 30, filingDelayDays: 90 },
    changeOfControl: {
      flags: [
        {
          id: 'flg_1',
          ruleId: 'IEF-FOREIGN-CONTROL',
          status: 'open',
          severity: 'high',
          title: 'Partenaire sous contrôle étranger',
          organizationId: BETA,
        },
      ],
    },
    exportControl: {
      items: [
        { ownerName: 'Alpha Photonique SAS', key: 'bg-1', title: 'Capteur photonique', category: '6', annexIEntry: '6A003.b.4' },
        { ownerName: 'Laboratoire Quantique', key: 'lab-1', title: 'Procédé de gravure', category: '3', annexIEntry: null },
      ],
      flags: [{ id: 'flg_2', ruleId: 'DUAL-USE', status: 'waived', severity: 'critical', title: 'Bien à double usage' }],
    },
    zrr: {
      items: [{ ownerName: 'Laboratoire Quantique', key: 'lab-1', title: 'Procédé de gravure' }],
      parties: ['Laboratoire Quantique'],
      flags: [{ id: 'flg_3', ruleId: 'ZRR-ACCESS', status: 'acknowledged', severity: 'medium', title: 'Accès à une ZRR' }],
    },
    ...over,
  };
  return agreementModelSchema.parse(m);
}

const en = (over: Over = {}) => model({ language: 'en', ...over });
/** Without export control: no Annex I item left in the background either. */
function withoutExport(over: Over = {}): AgreementModel {
  const base = model(over);
  return {
    ...base,
    exportControl: null,
    background: base.background.map((g) => ({
      ...g,
      items: g.items.map((i) => ({ ...i, exportControl: i.exportControl && { category: 'none', annexIEntry: null } })),
    })),
  };
}
function withoutZrr(over: Over = {}): AgreementModel {
  const base = model(over);
  return { ...base, zrr: null, background: base.background.map((g) => ({ ...g, items: g.items.map((i) => ({ ...i, fromZrr: false })) })) };
}
const withoutBoth = (over: Over = {}): AgreementModel => ({ ...withoutExport(over), zrr: null, background: withoutZrr(withoutExport(over)).background });

/** Every piece of text the renderer will draw. */
function texts(doc: AgreementDocument): string[] {
  const of = (b: Block): string[] => {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        return [b.text];
      case 'bullets':
        return b.items;
      case 'table':
        return [...(b.caption ? [b.caption] : []), ...b.columns, ...b.rows.flat()];
      case 'signatures':
        return [...b.parties.flatMap((p) => [p.legalName, p.signatoryName, p.signatoryPosition]), ...Object.values(b.labels)];
      case 'page-break':
        return [];
    }
  };
  return [doc.title.heading, doc.title.subtitle, doc.meta.title, doc.meta.subject, ...doc.meta.keywords, doc.footer.pageLabel(1, 2), ...doc.blocks.flatMap(of)];
}
const fullText = (m: AgreementModel): string => texts(agreementDocument(m)).join('\n');
const headings = (doc: AgreementDocument, level: 1 | 2 = 1) =>
  doc.blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.level === level).map((b) => b.text);
/** The blocks of one article (from its heading to the next level-1 heading). */
function article(doc: AgreementDocument, startsWith: string): Block[] {
  const i = doc.blocks.findIndex((b) => b.kind === 'heading' && b.level === 1 && b.text.includes(startsWith));
  if (i < 0) throw new Error(`no article ${startsWith}`);
  const j = doc.blocks.findIndex((b, k) => k > i && b.kind === 'heading' && b.level === 1);
  return doc.blocks.slice(i, j < 0 ? undefined : j);
}
const articleText = (doc: AgreementDocument, startsWith: string) => texts({ ...doc, blocks: article(doc, startsWith) }).join('\n');

// ---------------------------------------------------------------------------------------------------------

const FR_TITLES = [
  'Article 1 — Parties',
  'Article 2 — Définitions',
  'Article 3 — Objet, entrée en vigueur et durée',
  'Article 4 — Gouvernance',
  'Article 5 — Responsabilités',
  'Article 6 — Annexe des connaissances antérieures',
  'Article 7 — Propriété des résultats et copropriété',
  'Article 8 — Dépôt des brevets et frais',
  'Article 9 — Droits d’accès',
  'Article 10 — Plan d’exploitation',
  'Article 11 — Confidentialité',
  'Article 12 — Publications',
  'Article 13 — Changement de contrôle',
  'Article 14 — Contrôle des exportations et biens à double usage',
  'Article 15 — Protection du potentiel scientifique et technique (PPST et ZRR)',
  'Article 16 — Données personnelles, droit applicable, litiges et langue',
  'Article 17 — Signatures',
];
const EN_TITLES = [
  'Article 1 — Parties',
  'Article 2 — Definitions',
  'Article 3 — Purpose, entry into force and duration',
  'Article 4 — Governance',
  'Article 5 — Responsibilities and liability',
  'Article 6 — Background annex',
  'Article 7 — Ownership of results and joint ownership',
  'Article 8 — Patent filing and costs',
  'Article 9 — Access rights',
  'Article 10 — Exploitation plan',
  'Article 11 — Confidentiality',
  'Article 12 — Publications',
  'Article 13 — Change of control',
  'Article 14 — Export control and dual-use items',
  'Article 15 — Protection of the scientific and technical potential (PPST and ZRR)',
  'Article 16 — Personal data, governing law, disputes and language',
  'Article 17 — Signatures',
];

describe('sections', () => {
  test('all 17, in order, in French and in English; the ids are AGREEMENT_SECTION_IDS', () => {
    expect(headings(agreementDocument(model()))).toEqual(FR_TITLES);
    expect(headings(agreementDocument(en()))).toEqual(EN_TITLES);
    expect(agreementSections(model()).map((s) => s.id)).toEqual([...AGREEMENT_SECTION_IDS]);
    expect(sectionHeadings(model())).toEqual(FR_TITLES);
    expect(sectionHeadings(en())).toEqual(EN_TITLES);
  });

  test.each([
    ['without export control', withoutExport, ['zrr'], ['export-control']],
    ['without ZRR', withoutZrr, ['export-control'], ['zrr']],
    ['without both', withoutBoth, [], ['export-control', 'zrr']],
  ] as const)('%s: the article is absent and the later ones are renumbered', (_, make, kept, gone) => {
    for (const m of [make(), make({ language: 'en' })]) {
      const s = agreementSections(m);
      expect(s.map((x) => x.id)).toEqual(AGREEMENT_SECTION_IDS.filter((id) => !(gone as readonly string[]).includes(id)));
      expect(s.map((x) => x.number)).toEqual(s.map((_x, i) => i + 1));
      expect(sectionHeadings(m)).toEqual(headings(agreementDocument(m)));
      for (const id of kept) expect(s.find((x) => x.id === id)!.number).toBe(14);
      expect(s.at(-1)).toMatchObject({ id: 'signatures', number: 17 - gone.length });
      expect(s.at(-2)).toMatchObject({ id: 'general-provisions', number: 16 - gone.length });
    }
  });

  test('the clauses of each article are numbered N.1, N.2… in order', () => {
    for (const m of [model(), en(), withoutBoth(), model({ results: [], accessRights: [], changeOfControl: { flags: [] } })]) {
      const doc = agreementDocument(m);
      for (const s of agreementSections(m)) {
        const numbers = article(doc, s.heading)
          .flatMap((b) => (b.kind === 'paragraph' ? [/^(\d+)\.(\d+) /.exec(b.text)] : []))
          .filter((x): x is RegExpExecArray => x !== null);
        expect(numbers.map((x) => `${x[1]}.${x[2]}`)).toEqual(numbers.map((_x, i) => `${s.number}.${i + 1}`));
      }
    }
  });

  test('cross-references follow the numbering: the access-rights limits cite only present articles', () => {
    const limits = (m: AgreementModel) =>
      texts({ ...agreementDocument(m), blocks: article(agreementDocument(m), 'Droits d’accès') }).find((t) => t.startsWith('9.3 '))!;
    expect(limits(model())).toContain(`articles suivants${NNBSP}: 6, 13, 14 et 15.`);
    expect(limits(withoutExport())).toContain(`articles suivants${NNBSP}: 6, 13 et 14.`);
    expect(limits(withoutBoth())).toContain(`articles suivants${NNBSP}: 6 et 13.`);
    const enLimits = texts({ ...agreementDocument(en()), blocks: article(agreementDocument(en()), 'Access rights') }).find((t) => t.startsWith('9.3 '))!;
    expect(enLimits).toContain('following Articles: 6, 13, 14 and 15.');
    // The background annex points to the export-control and ZRR articles by their number.
    expect(articleText(agreementDocument(model()), 'Annexe')).toContain('voir l’article 14');
    expect(articleText(agreementDocument(model()), 'Annexe')).toContain('voir l’article 15');
    expect(articleText(agreementDocument(withoutExport()), 'Annexe')).toContain('voir l’article 14.'); // ZRR moved up
  });

  test('export control is present exactly when the model has it (both sides, both languages)', () => {
    for (const lang of ['fr', 'en'] as const) {
      expect(fullText(model({ language: lang }))).toContain('SBDU');
      expect(fullText(withoutExport({ language: lang }))).not.toContain('SBDU');
      expect(fullText(withoutExport({ language: lang }))).not.toContain('6A003.b.4');
    }
  });

  test('ZRR is present exactly when the model has it (both sides, both languages)', () => {
    for (const lang of ['fr', 'en'] as const) {
      expect(fullText(model({ language: lang }))).toContain('R413-5-1');
      expect(fullText(withoutZrr({ language: lang }))).not.toContain('R413-5-1');
      expect(fullText(withoutZrr({ language: lang }))).not.toContain('2011-1425');
    }
  });

  test('the export-control article names each item (owner, key, title, category, entry) and the flags, with the rules', () => {
    const fr = articleText(agreementDocument(model()), 'Contrôle des exportations');
    expect(fr).toContain(`Alpha Photonique SAS — bg-1 — Capteur photonique${NNBSP}: catégorie 6 (capteurs et lasers), entrée 6A003.b.4`);
    expect(fr).toContain(`Laboratoire Quantique — lab-1 — Procédé de gravure${NNBSP}: catégorie 3 (électronique), entrée non précisée`);
    expect(fr).toContain(`Bien à double usage (DUAL-USE), gravité${NNBSP}: critique, statut${NNBSP}: levé par dérogation`);
    expect(fr).toContain('règlement (UE) 2021/821');
    expect(fr).toContain('au moins cinq ans');
    const enText = articleText(agreementDocument(en()), 'Export control');
    expect(enText).toContain('Alpha Photonique SAS — bg-1 — Capteur photonique: category 6 (sensors and lasers), entry 6A003.b.4');
    expect(enText).toContain('Regulation (EU) 2021/821');
    expect(enText).toContain('at least five years');
    // Export control present because of a flag only: no item is named, the text says why.
    const flagOnly = { ...model(), exportControl: { items: [], flags: model().exportControl!.flags } };
    expect(articleText(agreementDocument(flagOnly), 'Contrôle des exportations')).toContain('en raison des signalements ci-dessous');
  });

  test('the ZRR article names the items, the parties in a ZRR and the flags', () => {
    const fr = articleText(agreementDocument(model()), 'Protection du potentiel');
    expect(fr).toContain('Laboratoire Quantique — lab-1 — Procédé de gravure');
    expect(fr).toContain('décret n° 2011-1425');
    expect(fr).toContain(`Accès à une ZRR (ZRR-ACCESS), gravité${NNBSP}: moyenne, statut${NNBSP}: pris en compte`);
    expect(fr.match(/Laboratoire Quantique/g)!.length).toBeGreaterThanOrEqual(2);
    const partiesOnly = { ...model(), zrr: { items: [], parties: ['Laboratoire Quantique'], flags: [] } };
    const t = articleText(agreementDocument(partiesOnly), 'Protection du potentiel');
    expect(t).toContain('Parties dont des unités relèvent d’une ZRR');
    expect(t).not.toContain('Connaissances antérieures issues d’une ZRR');
    expect(t).not.toContain('Signalements');
    const itemsOnly = { ...model(), zrr: { items: model().zrr!.items, parties: [], flags: [] } };
    const u = articleText(agreementDocument(itemsOnly), 'Protection du potentiel');
    expect(u).toContain('Connaissances antérieures issues d’une ZRR');
    expect(u).not.toContain('Parties dont des unités');
  });
});

describe('content', () => {
  test('every party, background item and result appears, in both languages', () => {
    for (const m of [model(), en()]) {
      const t = fullText(m);
      for (const p of m.parties) expect(t).toContain(p.legalName);
      for (const g of m.background) for (const i of g.items) expect(t).toContain(i.title);
      for (const r of m.results) expect(t).toContain(r.title);
      for (const a of m.accessRights) expect(t).toContain(a.key);
    }
  });

  test('no unescaped undefined, null, NaN or [object Object] anywhere, even from a sparse model', () => {
    const sparse = model({
      project: { ...model().project, summary: null },
      parties: model().parties.map((p) => ({
        ...p,
        siren: null,
        registrationId: null,
        registeredAddress: null,
        signatory: { name: '', position: '', email: '' },
      })),
      results: [],
      accessRights: [],
      background: model().background.map((g) => ({ ...g, items: [] })),
      changeOfControl: { flags: [{ id: 'f', ruleId: 'IEF-ACQUISITION', status: 'open', severity: 'high', title: 'Acquisition', organizationId: null }] },
      exportControl: null,
      zrr: null,
    });
    for (const m of [model(), en(), sparse, { ...sparse, language: 'en' as const }]) {
      const t = fullText(m);
      expect(t).not.toMatch(/\bundefined\b|\bnull\b|\bNaN\b|\[object Object\]/);
    }
    const t = fullText(sparse);
    expect(t).toContain('adresse non renseignée');
    expect(t).toContain('numéro d’immatriculation non renseigné');
    expect(t).toContain('signataire non renseigné');
    expect(t).toContain('Alpha Photonique SAS n’apporte aucune Connaissance antérieure au Projet.');
    expect(t).toContain('aucun Résultat');
    expect(t).toContain('aucun Droit d’accès particulier');
    expect(t).toContain('aucune publication');
    expect(t).toContain(`Projet — Acquisition (IEF-ACQUISITION)`);
    const e = fullText({ ...sparse, language: 'en' });
    expect(e).toContain('address not provided');
    expect(e).toContain('registration number not provided');
    expect(e).toContain('Beta Optik GmbH contributes no Background to the Project.');
  });

  test('a sparse or inconsistent model (from drafts, or hand-made) still renders whole sentences without dangling references', () => {
    const base = withoutBoth();
    const item = {
      ...base.background[0]!.items[0]!,
      owners: [],
      description: null,
      executionConditions: { regime: 'excluded', text: null },
      fromZrr: true, // but no ZRR article: no « voir l’article »
      exportControl: { category: '4', annexIEntry: null }, // but no export-control article
    };
    const m: AgreementModel = {
      ...base,
      parties: base.parties.map((p) => ({ ...p, country: '' })),
      background: [{ ...base.background[0]!, items: [item] }],
      results: [
        { ...base.results[0]!, shares: [], technologyDomains: [] },
        { ...base.results[0]!, key: 'r-9', plannedFilingDate: null, plannedPublications: [{ venue: 'Nature', date: '2028-02-01' }] },
      ],
      accessRights: [{ ...base.accessRights[0]!, territory: { scope: 'countries', countries: [] } }],
    };
    for (const doc of [agreementDocument(m), agreementDocument({ ...m, language: 'en' })]) {
      const all = texts(doc).join('\n');
      expect(all).not.toMatch(/\bundefined\b|\bnull\b|voir l’article\s*[.,]|see Article\s*[.,]/);
    }
    const row = (article(agreementDocument(m), 'Annexe').find((b) => b.kind === 'table') as Extract<Block, { kind: 'table' }>).rows[0]!;
    expect(row[0]).not.toContain('Titulaires');
    expect(row[3]).toBe(
      `Exclu de l’exécution du Projet. Issu d’une zone à régime restrictif (ZRR). Bien à double usage${NNBSP}: annexe I du règlement (UE) 2021/821, catégorie 4 (calculateurs).`,
    );
    const enRow = (article(agreementDocument({ ...m, language: 'en' }), 'Background').find((b) => b.kind === 'table') as Extract<Block, { kind: 'table' }>)
      .rows[0]!;
    expect(enRow[3]).toBe(
      'Excluded from carrying out the Project. Comes from a restricted-access zone (ZRR). Dual-use item: Annex I of Regulation (EU) 2021/821, category 4 (computers).',
    );
    const results = (article(agreementDocument(m), 'Propriété').find((b) => b.kind === 'table') as Extract<Block, { kind: 'table' }>).rows[0]!;
    expect(results.slice(2)).toEqual(['—', 'Non renseignées']);
    expect(articleText(agreementDocument({ ...m, language: 'en' }), 'Ownership')).toContain('Not provided');
    expect(articleText(agreementDocument(m), 'Parties')).toContain(`Pays${NNBSP}: —`);
    expect(articleText(agreementDocument(m), 'Dépôt des brevets')).toContain(
      `r-9 — Capteur quantique${NNBSP}: gestionnaire par défaut Laboratoire Quantique (33,3334${NNBSP}%).`,
    );
    expect(articleText(agreementDocument({ ...m, language: 'en' }), 'Publications')).toMatch(/r-9 — Capteur quantique: Nature, 1 February 2028$/);
    const ar = (article(agreementDocument(m), 'Droits d’accès').find((b) => b.kind === 'table') as Extract<Block, { kind: 'table' }>).rows[0]!;
    expect(ar[5]).toBe('—');
  });

  test('shares are formatted per language: decimal comma and U+202F % in French, point and % in English', () => {
    const fr = articleText(agreementDocument(model()), 'Propriété des résultats');
    expect(fr).toContain(
      `Alpha Photonique SAS — 33,3333${NNBSP}%${NNBSP}; Beta Optik GmbH — 33,3333${NNBSP}%${NNBSP}; Laboratoire Quantique — 33,3334${NNBSP}%`,
    );
    expect(fr).toContain(`Laboratoire Quantique — 100${NNBSP}%`);
    const enText = articleText(agreementDocument(en()), 'Ownership of results');
    expect(enText).toContain('Alpha Photonique SAS — 33.3333%; Beta Optik GmbH — 33.3333%; Laboratoire Quantique — 33.3334%');
    expect(enText).not.toContain('33,3333');
  });

  test('the results table: one row per result, its declaring party, its domains localized', () => {
    const table = article(agreementDocument(model()), 'Propriété des résultats').find((b) => b.kind === 'table') as Extract<Block, { kind: 'table' }>;
    expect(table.columns).toEqual(['Résultat', 'Déclaré par', 'Domaines technologiques', 'Quotes-parts']);
    expect(table.rows.map((r) => r[1])).toEqual(['Alpha Photonique SAS', 'Laboratoire Quantique']);
    expect(table.rows[0]![2]).toBe('Technologies quantiques, Production d’énergie décarbonée');
    expect(table.rows[0]![0]).toContain(`Dépôt prévu${NNBSP}: 15 juin 2027.`);
    expect(table.rows[0]![0]).toContain('Optica (1er septembre 2027)');
    expect(table.widths).toHaveLength(table.columns.length);
    const enTable = article(agreementDocument(en()), 'Ownership').find((b) => b.kind === 'table') as Extract<Block, { kind: 'table' }>;
    expect(enTable.rows[0]![2]).toBe('Quantum technologies, Low-carbon energy production');
  });

  test('the background annex: one table per party with items, captioned by its name; long text kept whole', () => {
    const doc = agreementDocument(model());
    const tables = article(doc, 'Annexe').filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
    expect(tables.map((t) => t.caption)).toEqual(['Alpha Photonique SAS', 'Laboratoire Quantique']);
    expect(articleText(doc, 'Annexe')).toContain('Beta Optik GmbH n’apporte aucune Connaissance antérieure au Projet.');
    const [alpha] = tables;
    expect(alpha!.columns).toHaveLength(4);
    for (const t of tables) expect(t.widths).toHaveLength(t.columns.length);
    const [bg1, bg2] = alpha!.rows;
    expect(bg1![0]).toContain(LONG);
    expect(bg1![0]).toContain(`bg-1 — Capteur photonique. Type${NNBSP}: brevet.`);
    expect(bg1![0]).toContain('EP 1 234 567 B1 (publication de brevet)');
    expect(bg1![0]).toContain('EP (brevet européen), FR, US');
    expect(bg1![0]).toContain('Université de Genève (CH)');
    expect(bg1![1]).toBe('À titre gratuit.');
    expect(bg1![2]).toBe('À des conditions équitables et raisonnables. Redevance de 2 % du chiffre d’affaires net');
    expect(bg1![3]).toContain('catégorie 6 (capteurs et lasers), entrée 6A003.b.4');
    expect(bg2![3]).toBe('Exclu de l’Exploitation. Non listé à l’annexe I du règlement (UE) 2021/821.');
    const lab = tables[1]!.rows[0]!;
    expect(lab[2]).toBe('Au cas par cas, sur demande.');
    expect(lab[3]).toContain('Issu d’une zone à régime restrictif (ZRR), voir l’article 15.');
    const enAlpha = article(agreementDocument(en()), 'Background annex').find((b) => b.kind === 'table') as Extract<Block, { kind: 'table' }>;
    expect(enAlpha.rows[0]![1]).toBe('Royalty-free.');
    expect(enAlpha.rows[1]![3]).toBe('Excluded from Exploitation. Not listed in Annex I of Regulation (EU) 2021/821.');
  });

  test('an item without export-control category (a trade mark) and with nothing excluded says so', () => {
    const base = model();
    const mark = { ...base.background[0]!.items[1]!, key: 'tm-1', type: 'trademark', exportControl: null, exploitationConditions: { regime: '', text: null } };
    const m = { ...base, background: [{ ...base.background[0]!, items: [mark] }] };
    const row = (article(agreementDocument(m), 'Annexe').find((b) => b.kind === 'table') as Extract<Block, { kind: 'table' }>).rows[0]!;
    expect(row[0]).toContain(`Type${NNBSP}: marque.`);
    expect(row[2]).toBe('Non renseignées.');
    expect(row[3]).toBe('Aucune.');
  });

  test('the access-rights table: grantor → beneficiary, subject, purpose, exclusivity, field, territory, terms', () => {
    const table = article(agreementDocument(model()), 'Droits d’accès').find((b) => b.kind === 'table') as Extract<Block, { kind: 'table' }>;
    expect(table.columns).toHaveLength(7);
    expect(table.widths).toHaveLength(7);
    expect(table.rows[0]).toEqual([
      'ar-1 — Alpha Photonique SAS → Beta Optik GmbH',
      'Connaissance antérieure bg-1 — Capteur photonique (Alpha Photonique SAS)',
      'Exploitation',
      'Exclusif',
      'Automobile',
      'DE, FR',
      'Redevance de 3 %',
    ]);
    expect(table.rows[1]).toEqual([
      'ar-2 — Laboratoire Quantique → Alpha Photonique SAS',
      'Résultat r-2 — Logiciel de calibration (Laboratoire Quantique)',
      'Exécution du Projet',
      'Non exclusif',
      'Besoins du Projet',
      'Sans objet',
      'À titre gratuit, selon l’article 9',
    ]);
    expect(table.rows[2]!.slice(1)).toEqual([
      'Connaissance antérieure bg-2 — Firmware de pilotage',
      'Exploitation',
      'Non exclusif',
      'Non précisé',
      'Union européenne et Espace économique européen',
      'Conditions équitables et raisonnables, selon l’article 9',
    ]);
    const enRows = (article(agreementDocument(en()), 'Access rights').find((b) => b.kind === 'table') as Extract<Block, { kind: 'table' }>).rows;
    expect(enRows[1]).toEqual([
      'ar-2 — Laboratoire Quantique → Alpha Photonique SAS',
      'Result r-2 — Logiciel de calibration (Laboratoire Quantique)',
      'Carrying out the Project',
      'Non-exclusive',
      'The Project’s needs',
      'Not applicable',
      'Royalty-free, under Article 9',
    ]);
    expect(articleText(agreementDocument(model()), 'Droits d’accès')).toContain('jusqu’au 31 décembre 2030');
  });

  test('co-ownership: the CPI default regime, or a separate regulation within 6 months with the CPI meanwhile', () => {
    const legal = articleText(agreementDocument(model()), 'Propriété des résultats');
    expect(legal).toContain('articles L613-29 à L613-32 du Code de la propriété intellectuelle, qui s’appliquent par défaut');
    expect(legal).toContain('indemniser équitablement');
    expect(legal).toContain('licence d’exploitation exclusive ne peut être concédée qu’avec l’accord de tous les copropriétaires');
    expect(legal).not.toContain('dans un délai de 6 mois');
    const separate = articleText(agreementDocument(model({ coOwnership: { regime: 'separate-regulation' } })), 'Propriété des résultats');
    expect(separate).toContain('règlement de copropriété');
    expect(separate).toContain('dans un délai de 6 mois');
    expect(separate).toContain('Dans l’attente de sa signature, les articles L613-29 à L613-32');
    expect(separate).not.toContain('indemniser équitablement');
    const enSeparate = articleText(agreementDocument(en({ coOwnership: { regime: 'separate-regulation' } })), 'Ownership');
    expect(enSeparate).toContain('co-ownership regulation (règlement de copropriété)');
    expect(articleText(agreementDocument(en()), 'Ownership')).toContain('L613-29(d)');
  });

  test('patents: costs in proportion to shares, in euros (€); the default manager of each joint result', () => {
    const t = articleText(agreementDocument(model()), 'Dépôt des brevets');
    expect(t).toContain('avancés en euros (€)');
    expect(t).toContain('à proportion de leurs quotes-parts');
    expect(t).toContain(`r-1 — Capteur quantique${NNBSP}: gestionnaire par défaut Laboratoire Quantique (33,3334${NNBSP}%), dépôt prévu le 15 juin 2027.`);
    expect(t).not.toContain('r-2 — Logiciel de calibration');
    expect(t).toContain('met en œuvre');
    expect(articleText(agreementDocument(en()), 'Patent filing')).toContain('advanced in euros (€)');
  });

  test('defaultManager: the largest share; on a tie the declaring party, else the first listed', () => {
    const r = model().results[0]!;
    const s = (organizationId: string, pct: string) => ({ organizationId, name: organizationId, pct });
    expect(defaultManager(r)!.organizationId).toBe(LAB);
    expect(defaultManager({ ...r, shares: [s(BETA, '50'), s(ALPHA, '50')] })!.organizationId).toBe(ALPHA);
    expect(defaultManager({ ...r, shares: [s(BETA, '50'), s(LAB, '50')] })!.organizationId).toBe(BETA);
    expect(defaultManager({ ...r, shares: [s(ALPHA, '50'), s(BETA, '50')] })!.organizationId).toBe(ALPHA);
    expect(defaultManager({ ...r, shares: [] })).toBeUndefined();
  });

  test('confidentiality: the term in years, surviving the project', () => {
    const t = articleText(agreementDocument(model()), 'Confidentialité');
    expect(t).toContain('pendant 7 ans après sa fin');
    expect(t).toContain('survit à la fin du Projet');
    expect(articleText(agreementDocument(model({ confidentiality: { termYears: 1 } })), 'Confidentialité')).toContain('pendant un an après');
    expect(articleText(agreementDocument(en({ confidentiality: { termYears: 1 } })), 'Confidentiality')).toContain('for one year after');
    expect(articleText(agreementDocument(en()), 'Confidentiality')).toContain('for 7 years after its end');
  });

  test('publications: notice, objection and filing delay from the model; silence means consent (DESCA); planned ones listed', () => {
    const t = articleText(agreementDocument(model({ publications: { noticeDays: 60, objectionDays: 20, filingDelayDays: 120 } })), 'Publications');
    expect(t).toContain('au moins 60 jours calendaires');
    expect(t).toContain('dans les 20 jours calendaires');
    expect(t).toContain('dans la limite de 120 jours calendaires');
    expect(t).toContain('le silence vaut consentement');
    expect(t).toContain(`r-1 — Capteur quantique${NNBSP}: Optica, 1er septembre 2027 (dépôt prévu le 15 juin 2027)`);
    const e = articleText(agreementDocument(en()), 'Publications');
    expect(e).toContain('at least 45 calendar days');
    expect(e).toContain('silence means consent');
    expect(e).toContain('r-1 — Capteur quantique: Optica, 1 September 2027 (filing planned on 15 June 2027)');
  });

  test('change of control: CMF L151-3 and R151-1, 25 % and 10 %, the right to object; the flagged parties named', () => {
    const t = articleText(agreementDocument(model()), 'Changement de contrôle');
    expect(t).toContain('L151-3 et R151-1');
    expect(t).toContain(`25${NNBSP}%`);
    expect(t).toContain(`10${NNBSP}%`);
    expect(t).toContain('peut s’opposer');
    expect(t).toContain(`Beta Optik GmbH — Partenaire sous contrôle étranger (IEF-FOREIGN-CONTROL), gravité${NNBSP}: élevée, statut${NNBSP}: ouvert`);
    const none = articleText(agreementDocument(model({ changeOfControl: { flags: [] } })), 'Changement de contrôle');
    expect(none).toContain('aucune Partie ne fait l’objet d’un signalement');
    const e = articleText(agreementDocument(en()), 'Change of control');
    expect(e).toContain('25% of its voting rights, or 10%');
    expect(e).toContain('Beta Optik GmbH — Partenaire sous contrôle étranger (IEF-FOREIGN-CONTROL), severity: high, status: open');
  });

  test('governance names the coordinator (or says how one is appointed); quorum and majority', () => {
    const t = articleText(agreementDocument(model()), 'Gouvernance');
    expect(t).toContain('Alpha Photonique SAS est le coordinateur du Projet');
    expect(t).toContain('deux tiers');
    const none = model({ parties: model().parties.map((p) => ({ ...p, role: 'partner' })) });
    expect(articleText(agreementDocument(none), 'Gouvernance')).toContain('désigné par le comité de pilotage');
    expect(articleText(agreementDocument({ ...none, language: 'en' }), 'Governance')).toContain('appointed by the steering committee');
  });

  test('purpose and duration: project dates, entry into force at the last signature, ANR 12 months', () => {
    const t = articleText(agreementDocument(model()), 'Objet');
    expect(t).toContain('1er janvier 2027');
    expect(t).toContain('31 décembre 2029');
    expect(t).toContain('date de la dernière signature');
    expect(t).toContain('au plus tard le 1er janvier 2028');
    expect(t).toContain('acte d’adhésion');
    expect(articleText(agreementDocument(en()), 'Purpose')).toContain('by 1 January 2028 at the latest');
  });

  test('the parties: registration (SIREN grouped, or foreign number), country, address, role, signatory; recitals', () => {
    const t = articleText(agreementDocument(model()), 'Parties');
    expect(t).toContain(`Immatriculation${NNBSP}: n° SIREN 552\u00a0100\u00a0554`);
    expect(t).toContain(`Immatriculation${NNBSP}: n° d’immatriculation HRB 12345`);
    expect(t).toContain(`Siège social${NNBSP}: 3 rue des Arts, 38000 Grenoble`);
    expect(t).toContain(`Siège social${NNBSP}: adresse non renseignée`);
    expect(t).toContain(`Pays${NNBSP}: DE`);
    expect(t).toContain(`Rôle${NNBSP}: coordinateur du Projet`);
    expect(t).toContain(`Représentée par${NNBSP}: Alice Martin, Présidente`);
    expect(t).toContain('Agence nationale de la recherche (ANR)');
    expect(t).toContain('Technologies quantiques et Stockage d’énergie');
    expect(t).toContain(`«${NNBSP}QUANTIX — Capteurs quantiques intégrés${NNBSP}»`);
    expect(headings(agreementDocument(model()), 2)).toContain('Préambule');
    const e = articleText(agreementDocument(en()), 'Parties');
    expect(e).toContain('Registration: SIREN no. 552\u00a0100\u00a0554');
    expect(e).toContain('Registered office: address not provided');
    expect(e).toContain('“QUANTIX — Capteurs quantiques intégrés”');
    expect(e).toContain('French National Research Agency (ANR)');
    const noPosition = model({ parties: model().parties.map((p) => ({ ...p, signatory: { ...p.signatory, position: '' } })) });
    expect(articleText(agreementDocument(noPosition), 'Parties')).toContain(`Représentée par${NNBSP}: Alice Martin\n`);
  });

  test('general provisions: GDPR, French law, Paris court with CPI L615-17 and D211-6, the French version prevails', () => {
    const t = articleText(agreementDocument(model()), 'Données personnelles');
    expect(t).toContain('règlement (UE) 2016/679 (RGPD)');
    expect(t).toContain('régi par le droit français');
    expect(t).toContain('tribunal judiciaire de Paris');
    expect(t).toContain('L615-17');
    expect(t).toContain('D211-6');
    expect(t).toContain('la version française prévaut');
    const e = articleText(agreementDocument(en()), 'Personal data');
    expect(e).toContain('This English version is provided for information only');
    expect(e).toContain('the French version prevails');
    expect(e).toContain('Tribunal judiciaire de Paris');
  });

  test('signatures: on a new page; « Fait en N exemplaires »; one block per party with signatory name and position', () => {
    const doc = agreementDocument(model());
    const i = doc.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Article 17 — Signatures');
    expect(doc.blocks[i - 1]).toEqual({ kind: 'page-break' });
    const sig = doc.blocks.find((b) => b.kind === 'signatures') as Extract<Block, { kind: 'signatures' }>;
    expect(sig.parties).toEqual([
      { legalName: 'Alpha Photonique SAS', signatoryName: 'Alice Martin', signatoryPosition: 'Présidente' },
      { legalName: 'Beta Optik GmbH', signatoryName: 'Berndt Vogel', signatoryPosition: 'Geschäftsführer' },
      { legalName: 'Laboratoire Quantique', signatoryName: 'Claire Petit', signatoryPosition: 'Directrice' },
    ]);
    expect(sig.labels).toEqual({ name: 'Nom', position: 'Qualité', date: 'Date et lieu', signature: 'Signature' });
    expect(articleText(doc, 'Signatures')).toContain('Fait en 3 exemplaires originaux, un pour chaque Partie.');
    expect(articleText(doc, 'Signatures')).toContain('déposée dans Vigie');
    expect(articleText(agreementDocument(en()), 'Signatures')).toContain('Executed in 3 originals, one for each Party.');
    const one = model({ parties: [model().parties[0]!] });
    expect(articleText(agreementDocument(one), 'Signatures')).toContain('Fait en un exemplaire original.');
    expect(articleText(agreementDocument({ ...one, language: 'en' }), 'Signatures')).toContain('Executed in one original.');
  });
});

describe('proof, metadata and footer', () => {
  test('before Article 1: the document id and version, the IP file hash, the approval date, each declaration', () => {
    const doc = agreementDocument(model());
    const first = doc.blocks.findIndex((b) => b.kind === 'heading');
    const proof = texts({ ...doc, blocks: doc.blocks.slice(0, first) }).join('\n');
    expect(proof).toContain(`Empreinte SHA-256 du dossier approuvé${NNBSP}: ${H('9')}`);
    expect(proof).toContain('le 20 novembre 2026 à 13\u00a0h\u00a005 UTC');
    expect(proof).toContain('établi par Vigie le 2 décembre 2026');
    expect(proof).toContain('agr_00000000000000000000000000000001, version 2');
    expect(proof).toContain(`Beta Optik GmbH — version 1 — ${H('b')}`);
    const e = agreementDocument(en());
    const enProof = texts({ ...e, blocks: e.blocks.slice(0, first) }).join('\n');
    expect(enProof).toContain(`SHA-256 of the approved file: ${H('9')}`);
    expect(enProof).toContain('on 20 November 2026, 13:05 UTC');
  });

  test('meta: title, subject, author, keywords with the acronym, language tag, creation date = generatedAt', () => {
    const fr = agreementDocument(model());
    expect(fr.meta).toEqual({
      title: 'Accord de consortium QUANTIX',
      subject: 'Accord de consortium du projet QUANTIX — Capteurs quantiques intégrés',
      author: 'Vigie',
      keywords: ['QUANTIX', 'accord de consortium', 'agr_00000000000000000000000000000001', 'version 2', H('9')],
      language: 'fr-FR',
      creationDate: '2026-12-02T10:00:00.000Z',
    });
    expect(fr.title).toEqual({ heading: 'Accord de consortium', subtitle: 'QUANTIX — Capteurs quantiques intégrés' });
    const e = agreementDocument(en());
    expect(e.meta.language).toBe('en-GB');
    expect(e.meta.keywords).toContain('consortium agreement');
    expect(e.title.heading).toBe('Consortium agreement');
  });

  test('footer: document id, version, the model hash, "page x / y"', () => {
    const m = model();
    const f = agreementDocument(m).footer;
    expect(f.documentId).toBe(m.documentId);
    expect(f.version).toBe(2);
    expect(f.modelHash).toBe(modelHash(m));
    expect(f.pageLabel(3, 12)).toBe('page 3 / 12');
    expect(f.versionLabel).toBe('version');
  });

  test('deterministic: the same model gives the same document', () => {
    const strip = (d: AgreementDocument) => JSON.stringify({ ...d, footer: { ...d.footer, pageLabel: d.footer.pageLabel(1, 9) } });
    expect(strip(agreementDocument(model()))).toBe(strip(agreementDocument(model())));
    expect(strip(agreementDocument(en()))).toBe(strip(agreementDocument(en())));
  });
});

describe('typography', () => {
  const fixed = (m: AgreementModel) => texts(agreementDocument(m));
  /** The fixture without the user-typed « 2 % » and « 3 % » (user text is printed as typed, never retypeset). */
  const plain = (over: Over = {}): AgreementModel => {
    const m = model(over);
    const [bg1, ...rest] = m.background[0]!.items;
    return {
      ...m,
      background: [
        { ...m.background[0]!, items: [{ ...bg1!, exploitationConditions: { regime: 'fair-and-reasonable', text: 'Redevance' } }, ...rest] },
        ...m.background.slice(1),
      ],
      accessRights: m.accessRights.map((a) => ({ ...a, terms: a.terms && 'Redevance' })),
    };
  };

  test('French: ’ not \', « » with U+202F inside, U+202F before ; : ! ? % and », no "…"', () => {
    for (const t of fixed(plain())) {
      expect(t).not.toMatch(/'/);
      expect(t).not.toMatch(/"/);
      expect(t).not.toMatch(/ [;:!?%»]/);
      expect(t).not.toMatch(/«[^\u202f]/);
      expect(t).not.toMatch(/[^\u202f]»/);
      expect(t).not.toMatch(/\w[;!?]/);
    }
    // The only colons not preceded by U+202F are inside identifiers (none in the fixture).
    expect(fixed(plain()).filter((t) => /[^\u202f]:/.test(t))).toEqual([]);
    expect(fixed(plain({ coOwnership: { regime: 'separate-regulation' } })).filter((t) => / [;:!?%»]|'/.test(t))).toEqual([]);
  });

  test('English: typographic apostrophe, curly quotes, no French spacing', () => {
    for (const t of fixed(en())) {
      expect(t).not.toMatch(/'/);
      expect(t).not.toMatch(/\u202f/);
      expect(t).not.toMatch(/[«»]/);
    }
  });

  test('œ and € occur, and every character of both documents is in DejaVu Sans (regular and bold)', () => {
    const all = [...fixed(model()), ...fixed(en()), ...fixed(model({ coOwnership: { regime: 'separate-regulation' } }))].join('');
    expect(all).toContain('œ');
    expect(all).toContain('€');
    const dir = join(__dirname, '../../node_modules/dejavu-fonts-ttf/ttf');
    for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
      const font = fontkit.create(readFileSync(join(dir, file)));
      const missing = [...new Set(all)].filter((ch) => ch !== '\n' && !font.hasGlyphForCodePoint(ch.codePointAt(0)!));
      expect(missing).toEqual([]);
    }
  });
});

describe('formatting helpers', () => {
  test('dates: French long form with 1er, English day month year; anything else unchanged', () => {
    expect(formatDate('2026-12-02', 'fr')).toBe('2 décembre 2026');
    expect(formatDate('2027-01-01', 'fr')).toBe('1er janvier 2027');
    expect(formatDate('2027-08-01', 'en')).toBe('1 August 2027');
    expect(formatDate('2027-13-01', 'fr')).toBe('2027-13-01');
    expect(formatDate('soon', 'en')).toBe('soon');
  });

  test('instants are shown in UTC', () => {
    expect(formatInstant('2026-11-20T23:30:00.000-02:00', 'fr')).toBe('21 novembre 2026 à 1\u00a0h\u00a030 UTC');
    expect(formatInstant('2026-11-20T23:30:00.000-02:00', 'en')).toBe('21 November 2026, 01:30 UTC');
    expect(formatInstant('not a date', 'fr')).toBe('not a date');
    expect(formatInstantDay('2026-12-31T23:30:00.000-01:00', 'en')).toBe('1 January 2027');
    expect(formatInstantDay('x', 'en')).toBe('x');
  });

  test('addMonths keeps the day, or takes the last day of a shorter month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-12-15', 12)).toBe('2027-12-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('bad', 1)).toBe('bad');
  });

  test('percentages, SIREN, lists, sentences', () => {
    expect(formatPct('33.3333', 'fr')).toBe('33,3333\u202f%');
    expect(formatPct('50', 'fr')).toBe('50\u202f%');
    expect(formatPct('33.3333', 'en')).toBe('33.3333%');
    // Re-exported by document.ts for the PDF tests that look for shares and dates in pdftotext output.
    expect(formatPctFromDocument('12.5', 'fr')).toBe('12,5\u202f%');
    expect(formatDateFromDocument('2027-03-01', 'fr')).toBe('1er mars 2027');
    expect(formatSiren('552100554')).toBe('552\u00a0100\u00a0554');
    expect(formatSiren('12345')).toBe('12345');
    expect(joinAnd([], 'fr')).toBe('');
    expect(joinAnd(['A'], 'fr')).toBe('A');
    expect(joinAnd(['A', 'B', 'C'], 'fr')).toBe('A, B et C');
    expect(joinAnd(['A', 'B'], 'en')).toBe('A and B');
    expect(sentence('Fin.')).toBe('Fin.');
    expect(sentence('Fin ')).toBe('Fin.');
    expect(sentence('Quoi ?')).toBe('Quoi ?');
  });

  test('enum labels: every language has the same keys; an unknown value falls back to itself', () => {
    for (const kind of Object.keys(AGREEMENT_LABELS.fr) as (keyof typeof AGREEMENT_LABELS.fr)[]) {
      expect(Object.keys(AGREEMENT_LABELS.en[kind]).sort()).toEqual(Object.keys(AGREEMENT_LABELS.fr[kind]).sort());
    }
    expect(enumLabel('partnerRole', 'observer', 'fr')).toBe('observer');
    expect(enumLabel('partnerRole', 'toString', 'en')).toBe('toString');
    expect(enumLabel('technologyDomain', 'energy-storage', 'fr')).toBe('Stockage d’énergie');
  });
});
