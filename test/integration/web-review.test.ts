/**
 * The review paths in Chromium, on a project of this test's own: a French start-up with a US investor at 30 %
 * in a quantum project raises IEF-FOREIGN-CONTROL (high). Partners declare and approve over the API (one saves
 * a second version, for the redline); then in the browser legal staff see the flag on the dashboard and the
 * project page, try to approve (refused: the gate), waive the flag (first without a justification: the error
 * at the field), approve the legal review; the committee opens its task from the dashboard and approves; the
 * timeline shows who decided what. The versions page shows the redline. Screenshots + axe on each page.
 */
import type { Page } from 'playwright-core';
import { completeDeclaration } from '../fixtures/declaration';
import { frenchOrg, projectBody, tokenFor } from './helpers/api';
import { revealInList, startWebApp, type WebApp } from './helpers/web';

let web: WebApp;
let base: string;
let legal: string;
let project: string;
let acronym: string;
const orgs: string[] = [];
let iefFlag: string;
const LEGAL_EMAIL = 'juriste@pole.example';
const COMMITTEE_EMAIL = 'comite@pole.example';
const ORG_NAMES = ['Revue Coordination SAS', 'Revue Qubits SAS', 'Revue Optique SARL'];

async function call(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), body: text ? (JSON.parse(text) as any) : undefined, text };
}

async function ok(method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) {
  const r = await call(method, path, token, body, headers);
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status}: ${r.text.slice(0, 400)}`);
  return r;
}

/** A declaration of partner i that gives nothing to the held partner (an IEF hold would refuse it). */
function declarationOf(i: number) {
  const d = completeDeclaration(orgs[i]!, orgs[(i + 1) % 3]!, orgs[(i + 2) % 3]!);
  d.results[0].ownership = [{ organizationId: orgs[i], pct: 100 }];
  d.accessRights = [];
  d.background[0].exportControl = { category: 'none' };
  return d;
}

async function saveAndSubmit(i: number, token: string, content: unknown) {
  const path = `/projects/${project}/declarations/${orgs[i]}`;
  const cur = await call('GET', path, token);
  await ok('PUT', path, token, content, cur.status === 200 ? { 'if-match': cur.etag! } : {});
  await ok('POST', `${path}/submit`, token);
}

beforeAll(async () => {
  web = await startWebApp();
  base = web.base;
  legal = await tokenFor('legal', undefined, LEGAL_EMAIL);
  // Partner 1 is a French start-up with a US investor above the 25 % threshold: IEF-FOREIGN-CONTROL (high).
  for (const [i, name] of ORG_NAMES.entries()) {
    const extra: Record<string, unknown> = {
      category: i === 1 ? 'startup' : 'sme',
      representatives: [{ name: `Représentant ${i}`, email: `rep${i}@revue-${i}.example`, language: 'fr' }],
    };
    if (i === 1)
      extra.shareholders = [
        { name: 'Fondateurs', country: 'FR', votingRightsPct: 70, naturalPerson: true },
        { name: 'Bay Area Quantum Ventures LLC', country: 'US', votingRightsPct: 30 },
      ];
    orgs.push((await ok('POST', '/organizations', legal, frenchOrg(name, extra))).body.id as string);
  }
  acronym = `REVUE-${Math.floor(Math.random() * 1e4)}`;
  const p = await ok(
    'POST',
    '/projects',
    legal,
    projectBody({
      acronym,
      title: 'Revue juridique en navigateur',
      technologyDomains: ['quantum'],
      partners: orgs.map((organizationId, i) => ({ organizationId, role: i === 0 ? 'coordinator' : 'partner' })),
    }),
  );
  project = p.body.id as string;
  await ok('POST', `/projects/${project}/workflow`, legal, {});
  const tokens = await Promise.all(orgs.map((o) => tokenFor('partner', o)));
  for (let i = 0; i < 3; i++) await saveAndSubmit(i, tokens[i]!, declarationOf(i));
  // A second version of the coordinator's declaration: a title changed, an item added, an item removed, a term changed.
  const v2 = declarationOf(0);
  v2.background[1].title = 'Firmware de pilotage v2';
  v2.background.push({
    key: 'bg-3',
    type: 'know-how',
    title: 'Procédé de recuit',
    owners: [{ organizationId: orgs[0] }],
    executionConditions: { regime: 'royalty-free' },
    exploitationConditions: { regime: 'case-by-case', text: 'Licence négociée projet par projet.' },
    exportControl: { category: 'none' },
    fromZrr: false,
  });
  v2.background = v2.background.filter((b: { key: string }) => b.key !== 'bg-1');
  v2.confidentiality.termYears = 7;
  await saveAndSubmit(0, tokens[0]!, v2);
  for (const t of tokens) await ok('POST', `/projects/${project}/workflow/steps/partner-approval/decision`, t, { decision: 'approve' });

  // The flags the engine raised: the IEF one stays for the browser; any other blocking one is waived here.
  const flags = (await ok('GET', `/projects/${project}/flags?status=open`, legal)).body.items as { id: string; ruleId: string; severity: string }[];
  const ief = flags.find((f) => f.ruleId === 'IEF-FOREIGN-CONTROL');
  if (!ief) throw new Error(`no IEF flag: ${JSON.stringify(flags)}`);
  expect(ief.severity).toBe('high');
  iefFlag = ief.id;
  for (const f of flags)
    if (f.id !== iefFlag && (f.severity === 'high' || f.severity === 'critical'))
      await ok('POST', `/projects/${project}/flags/${f.id}/actions`, legal, { action: 'waive', justification: 'Hors du périmètre de ce test de navigateur.' });
}, 180_000);

afterAll(async () => {
  await web?.close();
});

/** A page signed in as a staff member of the directory (the email gives the name and the tasks). */
const signIn = async (role: 'legal' | 'committee', email: string, path: string): Promise<Page> => {
  const page = await web.newPage();
  await web.signInAs(page, { role, email }, path);
  return page;
};

describe('review in Chromium: flags, decisions, redline', () => {
  it('the API gives the flag its legal citation apart, and the workflow its gate', async () => {
    const flag = (await ok('GET', `/projects/${project}/flags`, legal)).body.items.find((f: { id: string }) => f.id === iefFlag);
    expect(flag.source.fr).toMatch(/CMF art\. L151-3/);
    expect(flag.source.en).toMatch(/Monetary and Financial Code/);
    const wf = (await ok('GET', `/projects/${project}/workflow`, legal)).body;
    expect(wf.stage).toBe('legal-review');
    expect(wf.gates.blockingFlags.map((f: { id: string }) => f.id)).toEqual([iefFlag]);
    // Partners see no gates (they do not read flags).
    const partner = await tokenFor('partner', orgs[0]);
    expect((await ok('GET', `/projects/${project}/workflow`, partner)).body.gates).toBeUndefined();
  });

  it('legal staff see the flag, are refused approval, waive it (justification at the field), then approve', async () => {
    const page = await signIn('legal', LEGAL_EMAIL, '/');
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    // The dashboard: the flag among the serious open ones, the legal review among my tasks (linking to the step).
    const flagLink = page.locator(`#open-flags a[href="/projects/${project}/flags/${iefFlag}"]`);
    await revealInList(page, '#open-flags', flagLink);
    expect(await flagLink.textContent()).toMatch(/contrôle étranger/);
    const task = page.locator(`#tasks a[href="/projects/${project}/workflow/steps/legal-review"]`);
    await revealInList(page, '#tasks', task);
    expect(await task.textContent()).toContain(acronym);
    await web.checkPage(page, 'review-1-dashboard');

    // The project page on the flag: explanation, citation apart, the actions of legal staff.
    await flagLink.click();
    await page.waitForURL(`${base}/projects/${project}/flags/${iefFlag}`);
    const flag = page.locator(`#flag-${iefFlag}`);
    await flag.locator('.review-citation').waitFor();
    expect(await flag.locator('.review-citation cite').textContent()).toMatch(/^CMF art\. L151-3, R151-1 à R151-3/);
    expect(await flag.locator('.flag-explanation').textContent()).toMatch(/Bay Area Quantum Ventures/);
    const actions = flag.getByRole('group', { name: /Actions sur le signalement/ });
    expect(await actions.getByRole('button').allTextContents()).toEqual(['Prendre en compte', 'Atténuer…', 'Accorder une dérogation…']);
    // The gate, before any click: the legal review cannot be approved while the flag is open.
    const step = page.locator('[id="step-legal-review"]');
    await step.locator('.review-gate').getByText('Approbation bloquée.').waitFor();
    expect(await step.locator('.review-gate a').getAttribute('href')).toBe(`/projects/${project}/flags/${iefFlag}`);
    await web.checkPage(page, 'review-2-project-flag');

    // Approving anyway: the API's 409 in words, naming the flag.
    await step.getByRole('button', { name: 'Enregistrer la décision' }).click();
    const refused = step.getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/ne peut pas être approuvée tant qu'il y a 1 alerte/);
    expect(await refused.locator('a').first().getAttribute('href')).toBe(`/projects/${project}/flags/${iefFlag}`);

    // Cancelling an action's form gives the focus back to the button that opened it.
    await actions.getByRole('button', { name: 'Atténuer…' }).click();
    await flag.getByRole('button', { name: 'Annuler' }).click();
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Atténuer…');

    // Waive without a justification: the server's error at the field.
    await actions.getByRole('button', { name: 'Accorder une dérogation…' }).click();
    const justification = flag.getByLabel(/Justification de la dérogation/);
    await justification.waitFor();
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('TEXTAREA');
    await flag.getByRole('button', { name: 'Accorder la dérogation' }).click();
    await flag.locator('.review-field-error').waitFor();
    expect(await flag.locator('.review-field-error').textContent()).toMatch(/20/);
    expect(await justification.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await justification.getAttribute('aria-describedby'))!.split(' ');
    expect(describedBy).toContain((await flag.locator('.review-field-error').getAttribute('id'))!);
    await web.checkPage(page, 'review-3-waive-error');

    // With a justification: the flag is waived in place, its history says who did it.
    const why = 'Autorisation IEF accordée par la DG Trésor (dossier IEF-2027-0042).';
    await justification.fill(why);
    expect(await flag.locator('.review-field-error').count()).toBe(0);
    await flag.getByRole('button', { name: 'Accorder la dérogation' }).click();
    await flag.getByRole('status').getByText('Dérogation accordée.').waitFor();
    // The form is gone: the focus is on the flag (its buttons changed), not lost on <body>.
    expect(await page.evaluate('document.activeElement?.id')).toBe(`flag-${iefFlag}`);
    expect(await flag.locator('.flag-head .badge').last().textContent()).toBe('Dérogé');
    expect(await flag.locator('.review-waiver blockquote').textContent()).toBe(why);
    expect(await flag.locator('.review-waiver').textContent()).toContain(LEGAL_EMAIL);
    await flag.locator('.review-history summary').click();
    const last = flag.locator('.review-history li').first();
    expect(await last.textContent()).toMatch(new RegExp(`Dérogation accordée.*Ouvert → Dérogé.*${LEGAL_EMAIL.replace('.', '\\.')}.*Juriste du pôle`));
    // Legal staff may now reopen it, nothing else.
    expect(
      await flag
        .getByRole('group', { name: /Actions sur le signalement/ })
        .getByRole('button')
        .allTextContents(),
    ).toEqual(['Rouvrir…']);
    // The gate is gone (the workflow was read again).
    await step.locator('.review-gate').waitFor({ state: 'detached' });
    await web.checkPage(page, 'review-4-waived');

    // Approve the legal review, with a comment: the timeline shows it.
    await step.getByLabel(/Commentaire/).fill('Dossier conforme après dérogation IEF.');
    await step.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.locator('#workflow [role="status"]').getByText('Décision enregistrée : Revue juridique — Approuver.').waitFor();
    const timeline = page.locator('#workflow .timeline');
    // The reloaded timeline (the status above comes first; the earlier "Revue juridique" stage entry is there already).
    const legalEntry = timeline.locator('li', { hasText: 'Dossier conforme après dérogation IEF.' }).first();
    await legalEntry.waitFor();
    expect(await legalEntry.textContent()).toContain('Revue juridique');
    expect(await legalEntry.textContent()).toMatch(new RegExp(`par Juriste du pôle · ${LEGAL_EMAIL.replace('.', '\\.')} a approuvé`));
    expect(await legalEntry.textContent()).toContain('Dossier conforme après dérogation IEF.');
    // The step left the pending list; the committee's is there, not decidable by legal staff.
    await page.locator('[id="step-committee"]').waitFor();
    expect(await page.locator('[id="step-legal-review"]').count()).toBe(0);
    expect(await page.locator('[id="step-committee"] form').count()).toBe(0);
    await web.checkPage(page, 'review-5-legal-approved');

    const wf = (await ok('GET', `/projects/${project}/workflow`, legal)).body;
    expect(wf.stage).toBe('committee');
    await page.close();
  });

  it('the committee opens its task from the dashboard and approves; the timeline shows who decided what', async () => {
    const page = await signIn('committee', COMMITTEE_EMAIL, '/');
    // Projects by workflow stage: at "Comité", this project, its stage shown in words.
    await page.locator('#projects').getByLabel('Étape du workflow').selectOption('committee');
    const row = page.locator('#projects tbody tr', { has: page.locator(`a[href="/projects/${project}"]`) });
    await revealInList(page, '#projects', row);
    expect(await row.locator('.badge').textContent()).toBe('Comité');
    expect(new Set(await page.locator('#projects tbody .badge').allTextContents())).toEqual(new Set(['Comité']));
    await web.checkPage(page, 'review-6-committee-projects-at-stage');
    const task = page.locator(`#tasks a[href="/projects/${project}/workflow/steps/committee"]`);
    await revealInList(page, '#tasks', task);
    await task.click();
    await page.waitForURL(`${base}/projects/${project}/workflow/steps/committee`);
    const step = page.locator('[id="step-committee"]');
    await step.locator('form').waitFor();
    // The task's link lands on the decision: its first choice has the focus.
    await page.waitForFunction(`document.activeElement?.type === 'radio' && document.activeElement.value === 'approve'`);
    expect(await step.locator('.review-gate').count()).toBe(0);
    // The committee acts on flags but never waives: the waived flag can only be reopened.
    expect(await page.locator(`#flag-${iefFlag}`).getByRole('group').getByRole('button').allTextContents()).toEqual(['Rouvrir…']);
    await web.checkPage(page, 'review-6-committee-task');

    // Rejecting needs a comment: the error at the field, nothing decided.
    await step.getByLabel('Rejeter').check();
    await step.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await step.locator('.review-field-error').waitFor();
    expect(await step.getByLabel(/Commentaire/).getAttribute('aria-invalid')).toBe('true');

    await step.getByLabel('Approuver').check();
    await step.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.locator('#workflow [role="status"]').getByText('Décision enregistrée : Décision du comité — Approuver.').waitFor();
    const timeline = page.locator('#workflow .timeline');
    // The reloaded workflow (the status above comes first): the stepper at "Accord", then the timeline.
    await page.locator('.stepper [aria-current="step"]').getByText('Accord').waitFor();
    await timeline.locator('li', { hasText: 'a approuvé' }).first().waitFor();
    const text = (await timeline.textContent())!;
    expect(text).toMatch(new RegExp(`Décision du comité.*par Comité d'appui · ${COMMITTEE_EMAIL.replace('.', '\\.')} a approuvé`));
    expect(text).toMatch(new RegExp(`Revue juridique.*par Juriste du pôle · ${LEGAL_EMAIL.replace('.', '\\.')} a approuvé`));
    // Each partner's approval, with its organization.
    for (const name of ORG_NAMES) expect(text).toContain(`Approbation partenaire (${name})`);
    await page.locator('.stepper [aria-current="step"]').getByText('Accord').waitFor();
    await web.checkPage(page, 'review-7-committee-approved');
    expect((await ok('GET', `/projects/${project}/workflow`, legal)).body.stage).toBe('agreement');
    await page.close();
  });

  it('the versions page shows who saved what and a redline with the form’s labels, not by colour alone', async () => {
    const page = await signIn('legal', LEGAL_EMAIL, `/projects/${project}`);
    const link = page.getByRole('link', { name: `Versions et comparaison — ${ORG_NAMES[0]}` });
    await link.click();
    await page.waitForURL(`${base}/projects/${project}/declarations/${orgs[0]}/versions`);
    await page.getByRole('heading', { name: /Versions de la déclaration/ }).waitFor();
    const rows = page.locator('.review-versions tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toMatch(/v2.*Déposée le/);
    // The redline v1 → v2 (the last two by default).
    const redline = page.locator('#redline');
    await redline.getByRole('heading', { name: 'Comparaison (redline) : v1 → v2' }).waitFor();
    await redline.locator('.redline-entry').first().waitFor();
    expect(await redline.locator('.summary').textContent()).toBe('2 modifications, 1 ajout, 1 suppression.');
    const changedTitle = redline.locator('.redline-changed', { hasText: 'Firmware de pilotage v2' });
    // The section is the group's heading; the entry names the item (key — title) and the field.
    expect(await changedTitle.locator('.redline-label').textContent()).toBe('bg-2 — Firmware de pilotage v2 › , Intitulé');
    expect(await changedTitle.locator('del').textContent()).toBe('Ancienne valeur : Firmware de pilotage');
    expect(await changedTitle.locator('ins').textContent()).toBe('Nouvelle valeur : Firmware de pilotage v2');
    expect(await changedTitle.locator('.redline-tag').textContent()).toBe('~ Modifié');
    const term = redline.locator('.redline-changed', { hasText: 'Durée (années)' });
    expect(await term.locator('del').textContent()).toContain('5');
    expect(await term.locator('ins').textContent()).toContain('7');
    // The added item: its fields with their labels and enum labels, inside <ins>.
    const added = redline.locator('.redline-added');
    expect(await added.locator('.redline-tag').textContent()).toBe('+ Ajouté');
    expect(await added.locator('ins dt').allTextContents()).toEqual(expect.arrayContaining(['Nature', 'Intitulé']));
    expect(await added.locator('ins').textContent()).toContain('Savoir-faire');
    expect(await added.locator('ins').textContent()).toContain(ORG_NAMES[0]);
    const removed = redline.locator('.redline-removed');
    expect(await removed.locator('.redline-tag').textContent()).toBe('− Supprimé');
    // The removed patent, its title shown as typed (never as HTML).
    expect(await removed.locator('.redline-label').textContent()).toBe('bg-1 — Capteur photonique <b>intégré</b>');
    expect(await removed.locator('del').textContent()).toContain('EP 1 234 567 B1');
    expect(await removed.locator('del b').count()).toBe(0);
    // Sections as the form names them.
    expect(await redline.locator('.redline-group h3').allTextContents()).toEqual(['Connaissances antérieures', 'Confidentialité']);
    await web.checkPage(page, 'review-8-redline');

    // Choosing v2 → v2 asks for two versions; the choice is in the URL.
    await page.getByLabel('Comparer depuis la version 2').check();
    await page.waitForURL(/from=2&to=2/);
    await page.getByText('Choisissez deux versions différentes.').waitFor();
    await page.close();
  });

  it('no CSP violation or page error during the run', () => {
    web.expectClean();
  });
});
