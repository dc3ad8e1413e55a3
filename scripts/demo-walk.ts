/**
 * `npm run demo:walk [-- --api http://localhost:3000]`: takes the demo project QUANTAI (loaded by `npm start`)
 * from declarations to the committee's approval, through the HTTP API only and as the people who would do it:
 * each partner's representative saves and submits a declaration, approves the IP file; the legal staff waive the
 * blocking flags with a justification and approve; the committee approves. The project then waits for its
 * consortium agreement (`POST /projects/{id}/agreements`). Run it once on a fresh store (it stops at the first
 * unexpected answer and says which).
 */

interface Call {
  status: number;
  etag: string | null;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const argv = process.argv.slice(2);
const API = (argv.includes('--api') ? argv[argv.indexOf('--api') + 1] : undefined) ?? process.env.VIGIE_API ?? 'http://localhost:3000';

async function call(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Call> {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : null };
}

async function expectOk(what: string, p: Promise<Call>, ok: number[] = [200, 201]): Promise<Call> {
  const r = await p;
  if (!ok.includes(r.status)) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

const token = async (role: string, extra: Record<string, string> = {}): Promise<string> =>
  (await expectOk(`token ${role}`, call('POST', '/dev/token', null, { role, ...extra }))).body.token as string;

type Org = { id: string; legalName: string };

/** A realistic declaration for each demo partner (keys are the partner's own). */
function declarationOf(org: Org, all: Record<string, Org>): Record<string, unknown> {
  const { lab, startup, sme, group, swiss } = all as Record<'lab' | 'startup' | 'sme' | 'group' | 'swiss', Org>;
  const signatory = (name: string, position: string, email: string) => ({ name, position, email });
  const base = { confidentiality: { termYears: 5, survivesProject: true } };
  const sharedResult = {
    key: 'qctrl',
    title: 'Contrôleur de qubits de spin piloté par IA embarquée',
    description: 'Boucle de calibration des qubits de spin sur silicium par un réseau de neurones quantifié embarqué dans la cryo-électronique.',
    technologyDomains: ['quantum', 'artificial-intelligence'],
    ownership: [
      { organizationId: group.id, pct: 40 },
      { organizationId: lab.id, pct: 33.3333 },
      { organizationId: startup.id, pct: 26.6667 },
    ],
    plannedFilingDate: '2028-03-01',
    plannedPublications: [{ venue: 'Nature Electronics', date: '2028-09-15' }],
  };
  switch (org.id) {
    case group.id:
      return {
        ...base,
        background: [
          {
            key: 'fdsoi-28',
            type: 'patent',
            title: 'Procédé FD-SOI 28 nm à polarisation arrière adaptative',
            description: 'Famille de brevets sur la polarisation arrière dynamique des transistors FD-SOI à température cryogénique.',
            identifiers: [{ kind: 'patent-publication', value: 'EP 3 456 789 B1' }],
            owners: [{ organizationId: group.id }],
            jurisdictions: ['EP', 'FR', 'US'],
            priorityDate: '2019-04-12',
            executionConditions: { regime: 'royalty-free' },
            exploitationConditions: { regime: 'fair-and-reasonable', text: 'Redevance de 2 % du chiffre d’affaires net, plafonnée à 150 000 € par an.' },
            exportControl: { category: '3', annexIEntry: '3E001' },
            fromZrr: false,
          },
        ],
        results: [sharedResult],
        accessRights: [
          {
            key: 'fdsoi-exec-lab',
            purpose: 'execution',
            direction: 'granted',
            grantorOrganizationId: group.id,
            beneficiaryOrganizationId: lab.id,
            subject: { kind: 'background', itemKey: 'fdsoi-28' },
            exclusive: false,
            terms: 'Pour les seuls besoins du projet, sans droit de sous-licence.',
          },
        ],
        signatory: signatory('Sophie Laurent', 'Directrice juridique', 'sophie.laurent@isere-semi.example'),
        contacts: [signatory('Julien Morel', 'Responsable propriété intellectuelle', 'julien.morel@isere-semi.example')],
      };
    case lab.id:
      return {
        ...base,
        background: [
          {
            key: 'spin-qubit',
            type: 'know-how',
            title: 'Savoir-faire de fabrication de qubits de spin sur silicium',
            description: 'Recettes de fabrication et de caractérisation cryogénique développées dans les salles blanches du laboratoire (ZRR).',
            owners: [{ organizationId: lab.id }],
            executionConditions: { regime: 'royalty-free' },
            exploitationConditions: { regime: 'case-by-case', text: 'Licence à négocier au cas par cas avec la SATT ; exclusivité possible par domaine.' },
            exportControl: { category: '3', annexIEntry: '3A001' },
            fromZrr: true,
          },
        ],
        results: [],
        accessRights: [],
        signatory: signatory('Dr Hélène Martin', 'Directrice du laboratoire', 'valorisation@ltqg.example'),
        contacts: [signatory('Dr Hélène Martin', 'Responsable valorisation', 'valorisation@ltqg.example')],
      };
    case startup.id:
      return {
        ...base,
        background: [
          {
            key: 'edge-nn',
            type: 'software',
            title: 'Bibliothèque de réseaux de neurones quantifiés « EdgeQ »',
            owners: [{ organizationId: startup.id }],
            executionConditions: { regime: 'royalty-free' },
            exploitationConditions: { regime: 'fair-and-reasonable' },
            exportControl: { category: 'none' },
            fromZrr: false,
          },
        ],
        results: [],
        accessRights: [],
        signatory: signatory('Léa Dubois', 'Présidente', 'lea.dubois@alpinia-ai.example'),
        contacts: [signatory('Karim Benali', 'Directeur technique', 'karim.benali@alpinia-ai.example')],
      };
    case sme.id:
      return {
        ...base,
        background: [
          {
            key: 'laser-src',
            type: 'design',
            title: 'Modèle de boîtier de source laser intégrée',
            owners: [{ organizationId: sme.id }],
            executionConditions: { regime: 'royalty-free' },
            exploitationConditions: { regime: 'excluded', text: 'Exclu de toute exploitation hors du projet.' },
            fromZrr: false,
          },
        ],
        results: [
          {
            key: 'photonic-io',
            title: 'Interconnexion photonique cryogénique',
            technologyDomains: ['photonics'],
            ownership: [{ organizationId: sme.id, pct: 100 }],
          },
        ],
        accessRights: [],
        signatory: signatory('Paul Girard', 'Gérant', 'p.girard@dauphine-photonique.example'),
        contacts: [signatory('Paul Girard', 'Gérant', 'p.girard@dauphine-photonique.example')],
      };
    default:
      void swiss;
      return {
        ...base,
        background: [],
        results: [],
        accessRights: [],
        signatory: signatory('Jonas Keller', 'CEO', 'j.keller@zqd.example'),
        contacts: [signatory('Jonas Keller', 'CEO', 'j.keller@zqd.example')],
      };
  }
}

/** Legal staff waive every open high or critical flag, with a justification (a demonstration's shortcut). */
async function waiveSerious(projectId: string, legal: string): Promise<void> {
  const flags = await expectOk('flags', call('GET', `/projects/${projectId}/flags?limit=100`, legal));
  for (const f of flags.body.items as { id: string; ruleId: string; severity: string; status: string }[]) {
    if (!['high', 'critical'].includes(f.severity) || ['waived', 'closed'].includes(f.status)) continue;
    await expectOk(
      `waiver of ${f.ruleId}`,
      call('POST', `/projects/${projectId}/flags/${f.id}/actions`, legal, {
        action: 'waive',
        justification: 'Démonstration : risque examiné en comité de pilotage, mesures de protection inscrites dans l’accord de consortium.',
      }),
    );
    console.log(`waived ${f.ruleId} (${f.severity})`);
  }
}

async function main(): Promise<void> {
  const legal = await token('legal');
  const committee = await token('committee');
  const projects = await expectOk('projects', call('GET', '/projects?limit=100', legal));
  const project = (projects.body.items as { id: string; acronym: string }[]).find((p) => p.acronym === 'QUANTAI');
  if (!project) throw new Error('The demo project QUANTAI is not there: start Vigie with `npm start` first.');
  const header = await expectOk('project', call('GET', `/projects/${project.id}`, legal));
  const orgs: Org[] = await Promise.all(
    (header.body.partners as { organizationId: string }[]).map(
      async (p) => (await expectOk('organization', call('GET', `/organizations/${p.organizationId}`, legal))).body,
    ),
  );
  const byName = (part: string) => orgs.find((o) => o.legalName.includes(part))!;
  const all = { lab: byName('Laboratoire'), startup: byName('Alpinia'), sme: byName('Dauphiné'), group: byName('Isère'), swiss: byName('Zürich') };

  // The foreign-investment flag on Alpinia (30 % held by a US fund) holds any share of results to it: the legal
  // staff review it first, as they would, and waive it with a justification.
  await waiveSerious(project.id, legal);
  const wf = await call('GET', `/projects/${project.id}/workflow`, legal);
  if (wf.status === 404) await expectOk('start the workflow', call('POST', `/projects/${project.id}/workflow`, legal, {}));
  for (const org of orgs) {
    const t = await token('partner', { organizationId: org.id });
    const path = `/projects/${project.id}/declarations/${org.id}`;
    const cur = await call('GET', path, t);
    const etag: Record<string, string> = cur.status === 200 && cur.etag ? { 'if-match': cur.etag } : {};
    await expectOk(`declaration of ${org.legalName}`, call('PUT', path, t, declarationOf(org, all), etag));
    await expectOk(`submission of ${org.legalName}`, call('POST', `${path}/submit`, t), [200, 409]);
    console.log(`declared and submitted: ${org.legalName}`);
  }
  for (const org of orgs) {
    const t = await token('partner', { organizationId: org.id });
    await expectOk(
      `approval of ${org.legalName}`,
      call('POST', `/projects/${project.id}/workflow/steps/partner-approval/decision`, t, { decision: 'approve' }),
    );
  }
  console.log('every partner approved the IP file');
  await waiveSerious(project.id, legal);
  await expectOk('legal review', call('POST', `/projects/${project.id}/workflow/steps/legal-review/decision`, legal, { decision: 'approve' }));
  const state = await expectOk('workflow', call('GET', `/projects/${project.id}/workflow`, legal));
  if (state.body.stage === 'lawyer-opinion') {
    const lawyer = await token('lawyer');
    await expectOk('lawyer opinion', call('POST', `/projects/${project.id}/workflow/steps/lawyer-opinion/decision`, lawyer, { decision: 'approve' }));
  }
  await expectOk('committee', call('POST', `/projects/${project.id}/workflow/steps/committee/decision`, committee, { decision: 'approve' }));
  const end = await expectOk('workflow', call('GET', `/projects/${project.id}/workflow`, legal));
  console.log(`QUANTAI (${project.id}) is at the stage "${end.body.stage}".`);
  console.log(`Next: POST ${API}/projects/${project.id}/agreements {"language":"fr"} as legal staff.`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
