/**
 * Realistic agreement models for the PDF tests and the benchmark, built with the real `buildAgreementModel` from
 * synthetic inputs (deterministic: the same options give the same model, hence the same hash and PDF).
 *
 * - `agreementFixture({ partners: 4, items: 20 })`: a small consortium;
 * - `agreementFixture({ partners: 20, items: 200, long: true })`: long descriptions, words without spaces, French
 *   typography (U+00A0, U+202F, « », €, œ), export-controlled items (Annex I) and items from a ZRR.
 */
import { buildAgreementModel, DEFAULT_PUBLICATION_TERMS, type AgreementModel, type AgreementModelInput } from '../../shared/domain/agreement/model';
import type { Lang } from '../../shared/domain/i18n/lang';
import type { Organization } from '../../shared/domain/organization';
import type { Project } from '../../shared/domain/project';
import type { Flag } from '../../shared/domain/risk/lifecycle';

export interface FixtureOptions {
  partners: number;
  /** Background items in total, spread evenly over the partners. */
  items: number;
  /** Long descriptions and conditions, with very long words. */
  long?: boolean;
  language?: Lang;
  version?: number;
}

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const hex = (n: number, len = 64) => n.toString(16).padStart(len, '0').slice(-len);
export const fixtureOrgId = (i: number) => `org_${hex(i + 1, 26)}`;

const NAMES = [
  'Photonique Avancée',
  'Cœur de Réseau',
  'Études & Systèmes Œnologiques',
  'Lumière Quantique',
  'Institut Régional de Métrologie',
  'Hélios Énergie',
  'Société d’Ingénierie Électronique',
  'Nordlicht Optik',
  'Capteurs Intégrés de l’Ouest',
  'Fédération des Laboratoires',
];
const FORMS = ['SAS', 'SA', 'SARL', 'GmbH', 'EPST'];
const LOREM =
  `Le présent élément comprend les procédés, les codes sources et le savoir-faire associés${NNBSP}; il est exploité «${NBSP}en l’état${NBSP}» ` +
  `pour un montant forfaitaire de 12${NNBSP}500${NBSP}€ HT, hors œuvres dérivées. Les résultats intermédiaires restent confidentiels${NBSP}: ` +
  'ils ne sont communiqués qu’aux partenaires ayant signé l’accord.';
const LONG_WORD = 'Hyperspectralimagerieinfrarougeàcompressionadaptativeetdéconvolutionaveugle'.repeat(3);

/** A checksum-valid SIREN (Luhn) from a number. */
function siren(n: number): string {
  const base = String(100000000 + ((n * 7919) % 89999999)).slice(0, 8);
  for (let d = 0; d < 10; d++) {
    const s = base + d;
    const sum = [...s].reduce((acc, c, i) => {
      let v = Number(c) * (i % 2 === 1 ? 2 : 1);
      if (v > 9) v -= 9;
      return acc + v;
    }, 0);
    if (sum % 10 === 0) return s;
  }
  return '732829320';
}

export function fixtureOrganizations(count: number): Organization[] {
  return Array.from({ length: count }, (_, i) => {
    const foreign = i % 7 === 3;
    const name = `${NAMES[i % NAMES.length]}${i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ''} ${FORMS[foreign ? 3 : i % 3]}`;
    return {
      id: fixtureOrgId(i),
      legalName: name,
      ...(foreign ? { registrationId: `HRB ${100000 + i}`, country: 'DE' } : { siren: siren(i + 1), country: 'FR' }),
      category: i % 4 === 0 ? 'public-lab' : 'sme',
      listed: false,
      zrr: i === 1,
      city: foreign ? 'Jena' : 'Lannion',
      shareholders: [],
      representatives: [],
      registeredAddress: { street: `${i + 1}, rue de l’Innovation`, postalCode: `22${String(300 + i).padStart(3, '0')}`, city: foreign ? 'Jena' : 'Lannion' },
      version: 1,
      createdAt: '2026-01-05T08:00:00.000Z',
      updatedAt: '2026-01-05T08:00:00.000Z',
    } as unknown as Organization;
  });
}

function declaration(i: number, orgs: readonly Organization[], perPartner: number, long: boolean) {
  const me = orgs[i]!;
  const next = orgs[(i + 1) % orgs.length]!;
  const other = orgs[(i + 2) % orgs.length]!;
  const background = Array.from({ length: perPartner }, (_, k) => {
    const n = i * perPartner + k;
    const exportControlled = n % 9 === 4;
    const key = `bg-${String(k + 1).padStart(3, '0')}`;
    return {
      key,
      type: k % 3 === 0 ? 'patent' : k % 3 === 1 ? 'software' : 'know-how',
      title: `Élément ${n + 1} — ${k % 2 ? 'procédé de dépôt' : 'logiciel d’acquisition'} «${NBSP}${me.legalName.split(' ')[0]}${NBSP}»`,
      description: long ? `Élément n°${NBSP}${n + 1}${NNBSP}: ${LOREM} ${k % 5 === 0 ? LONG_WORD : ''} ${LOREM}` : `Description courte de l’élément ${n + 1}.`,
      identifiers: k % 3 === 0 ? [{ kind: 'patent-publication', value: `EP ${3000000 + n} B1` }] : [],
      owners: [{ organizationId: me.id }],
      jurisdictions: ['FR', 'EP'],
      executionConditions: { regime: 'royalty-free' },
      exploitationConditions:
        k % 4 === 3
          ? { regime: 'excluded' }
          : { regime: 'fair-and-reasonable', text: long ? `${LOREM} Redevance de 3${NNBSP}% du chiffre d’affaires.` : 'Conditions équitables' },
      exportControl: exportControlled ? { category: '6', annexIEntry: '6A003.b.4' } : { category: 'none' },
      fromZrr: n % 11 === 5,
    };
  });
  const results = [
    {
      key: 'r-1',
      title: `Résultat commun ${i + 1}${NBSP}: démonstrateur`,
      technologyDomains: ['photonics'],
      ownership: [
        { organizationId: me.id, pct: 33.3333 },
        { organizationId: next.id, pct: 33.3333 },
        { organizationId: other.id, pct: 33.3334 },
      ],
      plannedFilingDate: '2027-06-15',
      plannedPublications: [{ venue: 'Optica', date: '2027-09-01' }],
    },
  ];
  const accessRights = [
    {
      key: 'ar-1',
      purpose: 'execution',
      direction: 'granted',
      grantorOrganizationId: me.id,
      beneficiaryOrganizationId: next.id,
      subject: { kind: 'background', itemKey: 'bg-001' },
      exclusive: false,
      fieldOfUse: long ? `Mesure optique en milieu industriel ; ${LOREM}` : 'Mesure optique',
      territory: { scope: 'worldwide' },
      terms: 'Gratuit pour l’exécution du projet',
    },
  ];
  return {
    organizationId: me.id,
    version: 2,
    contentHash: hex(1000 + i),
    content: {
      background,
      results,
      accessRights,
      confidentiality: { termYears: 5 + (i % 3), survivesProject: true },
      signatory: { name: `Camille Dupont-${i + 1}`, position: i % 2 ? 'Directrice générale' : 'Président', email: `signataire${i + 1}@example.fr` },
      contacts: [],
    },
  };
}

function flag(id: number, ruleId: string, organizationId: string | null, title: string): Flag {
  return {
    id: `flg_${hex(id, 26)}`,
    ruleId,
    status: 'open',
    severity: 'high',
    title: { fr: title, en: title },
    subject: organizationId ? { organizationId } : {},
  } as unknown as Flag;
}

export function agreementFixtureInput(o: FixtureOptions): AgreementModelInput {
  const orgs = fixtureOrganizations(o.partners);
  const perPartner = Math.ceil(o.items / o.partners);
  const project = {
    id: `prj_${hex(42, 26)}`,
    acronym: o.partners > 4 ? 'GRAND-ŒIL' : 'PHOTON',
    title: `Imagerie photonique intégrée pour l’industrie — «${NBSP}démonstrateur à 1${NNBSP}000${NBSP}€${NBSP}»`,
    summary: 'Projet collaboratif de recherche et développement.',
    fundingScheme: 'france-2030',
    technologyDomains: ['photonics', 'quantum'],
    startDate: '2026-03-01',
    endDate: '2029-02-28',
    status: 'approved',
    coordinatorOrgId: orgs[0]!.id,
    version: 3,
    createdAt: '2026-01-05T08:00:00.000Z',
    updatedAt: '2026-02-01T08:00:00.000Z',
  } as Project;
  return {
    documentId: `agr_${hex(7, 26)}`,
    version: o.version ?? 1,
    language: o.language ?? 'fr',
    generatedAt: '2026-04-02T09:30:00.000Z',
    project,
    members: orgs.map((org, i) => ({ organizationId: org.id, role: i === 0 ? 'coordinator' : 'partner' })),
    organizations: new Map(orgs.map((org) => [org.id, org])),
    declarations: orgs.map((_, i) => declaration(i, orgs, perPartner, o.long ?? false)) as unknown as AgreementModelInput['declarations'],
    ipFileHash: hex(99),
    committee: { at: '2026-03-30T14:00:00.000Z', by: 'committee-chair' },
    flags: [
      flag(1, 'DUAL-USE', null, 'Biens à double usage'),
      flag(2, 'ZRR-ACCESS', orgs[1]!.id, 'Accès à une ZRR'),
      ...(o.partners > 3 ? [flag(3, 'IEF-FOREIGN-CONTROL', orgs[3]!.id, 'Contrôle étranger')] : []),
    ],
    coOwnershipRegime: 'legal-default',
    publications: { ...DEFAULT_PUBLICATION_TERMS },
  };
}

export const agreementFixture = (o: FixtureOptions): AgreementModel => buildAgreementModel(agreementFixtureInput(o));

export const SMALL_AGREEMENT: FixtureOptions = { partners: 4, items: 20 };
export const LARGE_AGREEMENT: FixtureOptions = { partners: 20, items: 200, long: true };
