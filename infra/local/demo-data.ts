import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../../shared/store/clients';
import { config } from '../../shared/store/config';
import { createOrganization } from '../../shared/store/organizations';
import { createProject, getProjectHeader, putLawyer } from '../../shared/store/projects';
import { putStaff } from '../../shared/store/staff';
import { reevaluateProject } from '../../shared/services/reevaluate';
import { organizationInputSchema, type Organization } from '../../shared/domain/organization';
import { projectInputSchema } from '../../shared/domain/project';
import type { Actor } from '../../shared/domain/audit';

/**
 * A Grenoble-style demo consortium, loaded once (a marker item remembers it):
 * a public lab in a ZRR, an AI start-up with a US investor, a photonics SME, a listed semiconductor group
 * (coordinator) and a Swiss (non-EU/EEA) partner, plus the US fund registered so that the control chain
 * can be walked. Everything goes through the same store functions as the API, so it is audited.
 */
const DEMO_MARKER = { pk: 'SYSTEM', sk: 'DEMO' };
const actor: Actor = { sub: 'system-demo-loader', role: 'legal', org: null, email: 'juriste@pole.example' };

export interface DemoSummary {
  created: boolean;
  projectId: string;
  projectAcronym: string;
  organizations: Pick<Organization, 'id' | 'legalName' | 'country' | 'category'>[];
}

export async function loadDemoData(): Promise<DemoSummary> {
  const { Item } = await ddb().send(new GetCommand({ TableName: config.tableName, Key: DEMO_MARKER, ConsistentRead: true }));
  if (Item) return { created: false, ...(Item.summary as Omit<DemoSummary, 'created'>) };

  const org = async (input: unknown) => createOrganization(organizationInputSchema.parse(input), actor);

  // The pôle staff directory: the people behind the roles (tasks and reminders go to people). These are the
  // emails of the demo users that POST /dev/token signs for each role.
  for (const [email, name, role, language] of [
    ['juriste@pole.example', 'Claire Juriste', 'legal', 'fr'],
    ['comite@pole.example', 'Marc Comité', 'committee', 'fr'],
    ['avocat@cabinet-pi.example', 'Maître Anne Avocat', 'lawyer', 'fr'],
  ] as const) {
    await putStaff(email, { name, role, language, active: true }, null, actor);
  }

  const fund = await org({
    legalName: 'Redwood Capital Holdings Inc.',
    registrationId: 'DE-EIN 84-1234567',
    country: 'US',
    category: 'other',
    city: 'Palo Alto',
    registeredAddress: { street: '3000 Sand Hill Road', postalCode: 'CA 94025', city: 'Menlo Park' },
    activityDescription: 'Venture capital fund investing in deep-tech start-ups.',
    shareholders: [{ name: 'Redwood Partners LLC', country: 'US', votingRightsPct: 100, controlling: true }],
  });
  const lab = await org({
    legalName: 'Laboratoire des Technologies Quantiques de Grenoble',
    siren: '775685019',
    country: 'FR',
    category: 'public-lab',
    zrr: true,
    city: 'Grenoble',
    registeredAddress: { street: '17 avenue des Martyrs', postalCode: '38000', city: 'Grenoble' },
    activityDescription: 'Unité mixte de recherche : qubits de spin sur silicium, cryo-électronique. Locaux en zone à régime restrictif (ZRR).',
    representatives: [{ name: 'Dr Hélène Martin', email: 'valorisation@ltqg.example', language: 'fr', position: 'Responsable valorisation' }],
  });
  const startup = await org({
    legalName: 'Alpinia AI SAS',
    siren: '901234567',
    country: 'FR',
    category: 'startup',
    city: 'Meylan',
    registeredAddress: { street: '29 chemin du Vieux Chêne', postalCode: '38240', city: 'Meylan' },
    activityDescription: 'Intelligence artificielle embarquée pour le contrôle de qubits.',
    shareholders: [
      { name: 'Fondateurs (Léa Dubois, Karim Benali)', country: 'FR', votingRightsPct: 52, naturalPerson: true },
      { name: 'Redwood Capital Holdings Inc.', country: 'US', votingRightsPct: 30, organizationId: fund.id },
      { name: 'Bpifrance Participations', country: 'FR', votingRightsPct: 18 },
    ],
    representatives: [{ name: 'Léa Dubois', email: 'lea.dubois@alpinia-ai.example', language: 'fr', position: 'Présidente' }],
  });
  const sme = await org({
    legalName: 'Dauphiné Photonique SARL',
    siren: '512345679',
    country: 'FR',
    category: 'sme',
    city: 'Voiron',
    registeredAddress: { street: '12 rue Mainssieux', postalCode: '38500', city: 'Voiron' },
    activityDescription: 'Sources laser et composants photoniques intégrés.',
    shareholders: [{ name: 'Famille Girard', country: 'FR', votingRightsPct: 100, naturalPerson: true, controlling: true }],
    representatives: [{ name: 'Paul Girard', email: 'p.girard@dauphine-photonique.example', language: 'fr', position: 'Gérant' }],
  });
  const group = await org({
    legalName: 'Isère Semiconducteurs SA',
    siren: '387654320',
    country: 'FR',
    category: 'large',
    listed: true,
    city: 'Crolles',
    registeredAddress: { street: '850 rue Jean Monnet', postalCode: '38920', city: 'Crolles' },
    activityDescription: 'Fabrication de semi-conducteurs avancés (FD-SOI, 300 mm).',
    shareholders: [
      { name: 'Flottant (Euronext Paris)', country: 'FR', votingRightsPct: 72 },
      { name: 'Agence des participations de l’État', country: 'FR', votingRightsPct: 11 },
      { name: 'Northern Lights Sovereign Fund', country: 'NO', votingRightsPct: 9 },
      { name: 'Pacific Semiconductor Investment Co.', country: 'SG', votingRightsPct: 8 },
    ],
    representatives: [{ name: 'Sophie Laurent', email: 'sophie.laurent@isere-semi.example', language: 'fr', position: 'Directrice juridique' }],
  });
  const swiss = await org({
    legalName: 'Zürich Quantum Devices AG',
    registrationId: 'CHE-123.456.789',
    country: 'CH',
    category: 'sme',
    city: 'Zürich',
    registeredAddress: { street: 'Technoparkstrasse 1', postalCode: '8005', city: 'Zürich' },
    activityDescription: 'Cryogenic control electronics for quantum computers.',
    shareholders: [{ name: 'ZQD Founders', country: 'CH', votingRightsPct: 100, naturalPerson: true, controlling: true }],
    representatives: [{ name: 'Jonas Keller', email: 'j.keller@zqd.example', language: 'en', position: 'CEO' }],
  });

  const project = await createProject(
    projectInputSchema.parse({
      acronym: 'QUANTAI',
      title: 'Puces quantiques sur silicium pilotées par IA embarquée',
      summary: 'Projet collaboratif labellisé par le pôle : contrôle de qubits de spin par IA embarquée, photonique intégrée et cryo-électronique.',
      fundingScheme: 'france-2030',
      technologyDomains: ['quantum', 'artificial-intelligence', 'semiconductors', 'photonics'],
      startDate: '2027-01-01',
      endDate: '2029-12-31',
      partners: [
        { organizationId: group.id, role: 'coordinator' },
        { organizationId: lab.id, role: 'partner' },
        { organizationId: startup.id, role: 'partner' },
        { organizationId: sme.id, role: 'partner' },
        { organizationId: swiss.id, role: 'partner' },
      ],
    }),
    actor,
  );
  const header = await getProjectHeader(project.id);
  if (header) await putLawyer(header, 'avocat@cabinet-pi.example', actor);
  // The risk engine's first look at the consortium, as after any change made through the API.
  await reevaluateProject(project.id, actor);

  const summary: Omit<DemoSummary, 'created'> = {
    projectId: project.id,
    projectAcronym: project.acronym,
    organizations: [startup, lab, sme, group, swiss, fund].map(({ id, legalName, country, category }) => ({ id, legalName, country, category })),
  };
  await ddb().send(new PutCommand({ TableName: config.tableName, Item: { ...DEMO_MARKER, entity: 'system', summary, loadedAt: new Date().toISOString() } }));
  return { created: true, ...summary };
}
