import { digestEmail, MAX_TASKS_PER_DIGEST, planDigests, type Directory, type DueStep } from '../../shared/domain/reminders';

const step = (over: Partial<DueStep>): DueStep => ({
  projectId: 'prj_1',
  projectAcronym: 'QUANTAI',
  projectTitle: 'Puces <b>quantiques</b>',
  stepId: 'partner-approval:org_a',
  kind: 'partner-approval',
  assignee: { role: 'partner', orgId: 'org_a', email: null },
  dueDate: '2026-12-07',
  ...over,
});
const dir: Directory = {
  staff: [
    { email: 'juriste@pole.fr', name: 'Claire', language: 'fr', role: 'legal' },
    { email: 'comite@pole.fr', name: 'Marc', language: 'en', role: 'committee' },
  ],
  representatives: new Map([
    ['org_a', [{ email: 'rep@a.fr', name: 'Léa', language: 'fr' as const }]],
    ['org_b', [{ email: 'rep@b.ch', name: 'Jonas', language: 'en' as const }]],
  ]),
};

describe('planDigests', () => {
  test('only steps due within 2 days, due today or overdue; one digest per person', () => {
    const steps = [
      step({}),
      step({ stepId: 'partner-approval:org_b', assignee: { role: 'partner', orgId: 'org_b', email: null }, dueDate: '2026-12-10' }),
      step({ projectId: 'prj_2', stepId: 'partner-approval:org_a', dueDate: '2026-12-05' }),
    ];
    const d = planDigests(steps, '2026-12-05', dir);
    expect(d.map((x) => x.person.email)).toEqual(['rep@a.fr']);
    expect(d[0]!.tasks.map((t) => [t.projectId, t.urgency, t.daysOverdue])).toEqual([
      ['prj_2', 'due-today', 0],
      ['prj_1', 'due-soon', -2],
    ]);
  });
  test('role steps go to every active member of the role; overdue by 3+ days escalates to legal', () => {
    const steps = [step({ stepId: 'committee', kind: 'committee', assignee: { role: 'committee', orgId: null, email: null }, dueDate: '2026-12-01' })];
    expect(planDigests(steps, '2026-12-03', dir).map((x) => x.person.email)).toEqual(['comite@pole.fr']);
    const late = planDigests(steps, '2026-12-04', dir);
    expect(late.map((x) => [x.person.email, x.tasks[0]!.escalation])).toEqual([
      ['comite@pole.fr', false],
      ['juriste@pole.fr', true],
    ]);
  });
  test('a lawyer step goes to the named person', () => {
    const steps = [step({ stepId: 'lawyer-opinion', kind: 'lawyer-opinion', assignee: { role: 'lawyer', orgId: null, email: 'avocat@cab.fr' } })];
    expect(planDigests(steps, '2026-12-07', dir)[0]!.person).toEqual({ email: 'avocat@cab.fr', name: 'avocat@cab.fr', language: 'fr' });
  });
});

describe('digestEmail', () => {
  test('French or English, text and HTML, user text escaped', () => {
    const [d] = planDigests([step({})], '2026-12-07', dir);
    const m = digestEmail(d!, '2026-12-07', 'https://vigie.example');
    expect(m.subject).toBe('[Vigie] 1 tâche en attente — 2026-12-07');
    expect(m.text).toContain("QUANTAI (Puces <b>quantiques</b>) — Approbation du dossier PI par le partenaire — échéance aujourd'hui (2026-12-07)");
    expect(m.html).toContain('Puces &lt;b&gt;quantiques&lt;/b&gt;');
    expect(m.html).not.toContain('<b>quantiques');
    // The task itself, not just its project: the web app opens the workflow on this step.
    expect(m.text).toContain('https://vigie.example/projects/prj_1/workflow/steps/partner-approval%3Aorg_a');
    const en = planDigests([step({ assignee: { role: 'partner', orgId: 'org_b', email: null }, dueDate: '2026-12-04' })], '2026-12-07', dir).find(
      (x) => x.person.email === 'rep@b.ch',
    );
    expect(digestEmail(en!, '2026-12-07', 'https://vigie.example').text).toContain('overdue by 3 days (due 2026-12-04)');
  });
  test('a long digest lists the most urgent tasks and says how many more wait', () => {
    const steps = Array.from({ length: MAX_TASKS_PER_DIGEST + 7 }, (_, i) => step({ projectId: `prj_${String(i).padStart(3, '0')}`, dueDate: '2026-12-01' }));
    const [d] = planDigests(steps, '2026-12-07', dir);
    const m = digestEmail(d!, '2026-12-07', 'https://vigie.example');
    expect(m.text.match(/^- /gm)).toHaveLength(MAX_TASKS_PER_DIGEST);
    expect(m.text).toContain('… et 7 autres tâches');
  });
});
