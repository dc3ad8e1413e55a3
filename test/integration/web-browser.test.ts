/**
 * The web app in a real browser: Debian's Chromium (playwright-core, headless, no sandbox, no GPU) against the
 * local server of `npm start` (API + web/dist on one origin) on the emulators of global setup, with the demo
 * data. Each page is checked with axe-core (no serious or critical violation) and saved as a screenshot under
 * test/artifacts/web/ (not committed) for a reviewer to look at.
 */
import type { Page } from 'playwright-core';
import type { DemoSummary } from '../../infra/local/demo-data';
import { tokenFor } from './helpers/api';
import { ARTIFACTS, revealInList, startWebApp, type WebApp } from './helpers/web';

let web: WebApp;
let base: string;
let demo: DemoSummary;
const newPage = () => web.newPage();
const checkPage = (page: Page, name: string) => web.checkPage(page, name);

beforeAll(async () => {
  web = await startWebApp();
  ({ base, demo } = web);
  // The workflow, so that the project page has a timeline and pending declarations.
  const legal = await tokenFor('legal', undefined, 'juriste@pole.example');
  const wf = await fetch(`${base}/projects/${demo.projectId}/workflow`, {
    method: 'POST',
    headers: { authorization: `Bearer ${legal}`, 'content-type': 'application/json' },
    body: '{}',
  });
  if (wf.status !== 201 && wf.status !== 409) throw new Error(`POST workflow → ${wf.status}: ${await wf.text()}`);
}, 120_000);

afterAll(async () => {
  await web?.close();
});

describe('web app in Chromium', () => {
  it('legal staff sign in, see the serious flags and projects, and open the demo project', async () => {
    const page = await newPage();
    // The server's headers for the page: CSP without inline scripts, nosniff.
    const res = await page.goto(`${base}/`);
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    expect(res?.headers()['x-content-type-options']).toBe('nosniff');

    // Not signed in: the sign-in page.
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByRole('button', { name: /Juriste du pôle/ }).waitFor();
    await page.getByRole('button', { name: /Alpinia AI SAS/ }).waitFor();
    await checkPage(page, '1-sign-in');

    await page.getByRole('button', { name: /Juriste du pôle/ }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.getByRole('heading', { name: 'Mes tâches' }).waitFor();
    const flags = page.locator('#open-flags');
    // The demo project's (other test files raise flags of their own on the shared table).
    await revealInList(page, '#open-flags', flags.locator(`a[href^="/projects/${demo.projectId}/flags/"]`, { hasText: /contrôle étranger/ }));
    await revealInList(page, '#projects', page.locator('#projects').getByRole('link', { name: demo.projectAcronym }));
    // The token is kept for the tab only: sessionStorage, never localStorage.
    const storage = (await page.evaluate(`({ session: sessionStorage.getItem('vigie.session'), local: Object.keys(localStorage) })`)) as {
      session: string | null;
      local: string[];
    };
    expect(JSON.parse(storage.session!)).toMatchObject({ user: { role: 'legal', email: 'juriste@pole.example' } });
    expect(storage.local).toEqual([]);
    await checkPage(page, '2-dashboard-legal');

    await page.locator('#projects').getByRole('link', { name: demo.projectAcronym }).click();
    await page.waitForURL(`${base}/projects/${demo.projectId}`);
    await page
      .getByRole('heading', { name: new RegExp(demo.projectAcronym) })
      .first()
      .waitFor();
    await page.locator('#partners').getByText('Isère Semiconducteurs SA').waitFor();
    await page.locator('#partners').getByText('Coordinateur').waitFor();
    await page.locator('#declarations').getByText('Non commencée').first().waitFor();
    // The flag with its explanation, which cites the law.
    await page.locator('#flags').getByText(/CMF/).first().waitFor();
    await page.locator('#workflow').getByText('Circuit lancé').waitFor();
    await page
      .locator('#workflow')
      .getByText(/Déclarations attendues/)
      .waitFor();
    await checkPage(page, '3-project-legal');

    // English on request: the UI and the API's texts.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Partners' }).waitFor();
    await page.locator('#workflow').getByText('Workflow started').waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await checkPage(page, '4-project-legal-en');
    await page.close();
  }, 120_000);

  it('a link from an email (/projects/{id}/workflow) opens the page, after sign-in when needed', async () => {
    const page = await newPage();
    await page.goto(`${base}/projects/${demo.projectId}/workflow`);
    await page.waitForURL(/\/sign-in\?next=%2Fprojects%2F/);
    const partner = demo.organizations[0]!;
    await page.getByRole('button', { name: new RegExp(partner.legalName) }).click();
    await page.waitForURL(`${base}/projects/${demo.projectId}/workflow`);
    await page.locator('#workflow').getByText('Circuit lancé').waitFor();
    // A partner sees no flags section (the API reserves flags to the staff).
    expect(await page.locator('#flags').count()).toBe(0);
    await checkPage(page, '5-project-partner');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/sign-in/);
    expect(await page.evaluate(`sessionStorage.getItem('vigie.session')`)).toBeNull();
    await page.close();
  }, 60_000);

  it('a partner fills its declaration (keyboard first), sees a server error at the field, fixes it and submits', async () => {
    const page = await newPage();
    const partner = demo.organizations[0]!; // Alpinia AI SAS
    const other = demo.organizations[1]!; // the laboratory
    const formPath = `/projects/${demo.projectId}/declarations/${partner.id}`;
    await page.goto(`${base}/projects/${demo.projectId}`);
    await page.getByRole('button', { name: new RegExp(partner.legalName) }).click();
    await page.waitForURL(`${base}/projects/${demo.projectId}`);
    // From the project page: the partner's own declaration.
    await page.getByRole('link', { name: 'Ma déclaration' }).click();
    await page.waitForURL(`${base}${formPath}`);
    await page.getByRole('heading', { name: 'Signataire et contacts' }).waitFor();
    await page.getByRole('heading', { name: 'Résultats attendus' }).waitFor();

    // Keyboard only: from the page's top, Tab to the signatory's name and type the first fields.
    await page.locator('h1').click(); // a neutral starting point for the Tab sequence
    let steps = 0;
    while ((await page.evaluate('document.activeElement && document.activeElement.id')) !== 'root_signatory_name') {
      await page.keyboard.press('Tab');
      if (++steps > 40) throw new Error('Tab never reached the signatory name');
    }
    await page.keyboard.type('Claire Martin');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('root_signatory_position');
    await page.keyboard.type('Présidente');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('root_signatory_email');
    await page.keyboard.type('claire.martin@alpinia.example');
    // The focused field shows the focus ring (the app's 3 px outline).
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
    await page.keyboard.press('Tab');
    steps = 0;
    while ((await page.evaluate('document.activeElement.id')) !== 'root_contacts_0_name') {
      await page.keyboard.press('Tab');
      if (++steps > 10) throw new Error('Tab never reached the first contact');
    }
    await page.keyboard.type('Paul Girard');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Responsable PI');
    await page.keyboard.press('Tab');
    await page.keyboard.type('paul.girard@alpinia.example');
    await checkPage(page, '6-declaration-form-keyboard');

    // A result with two co-owners whose shares add up to 90 %: the server refuses it at submission.
    const results = page.locator('#section-results');
    await results.getByRole('button', { name: 'Ajouter (Résultat)' }).click();
    await page.locator('#root_results_0_title').fill('Contrôleur de qubits par IA');
    // Dates in day/month/year whatever the browser's language (this Chromium's is English); sent as ISO.
    const filing = page.locator('#root_results_0_plannedFilingDate');
    expect(await filing.getAttribute('placeholder')).toBe('jj/mm/aaaa');
    await filing.fill('31/02/2028');
    await filing.blur();
    await filing.fill('15/3/2028');
    await filing.blur();
    expect(await filing.inputValue()).toBe('15/03/2028');
    await results.getByLabel('Technologies quantiques').check();
    const ownership = page.locator('#root_results_0_ownership');
    await ownership.getByRole('button', { name: 'Ajouter (Quote-part)' }).click();
    await ownership.getByRole('button', { name: 'Ajouter (Quote-part)' }).click();
    await page.locator('#root_results_0_ownership_0_organizationId').selectOption(partner.id);
    await page.locator('#root_results_0_ownership_0_pct').fill('50');
    await page.locator('#root_results_0_ownership_1_organizationId').selectOption(other.id);
    await page.locator('#root_results_0_ownership_1_pct').fill('40');
    // The live total of the shares.
    await results.getByText(/Total des quotes-parts : 90 %/).waitFor();
    await results.getByText(/doit être égal à 100 %/).waitFor();
    await page.locator('#root_confidentiality_termYears').fill('5');
    // A background item (a trademark) whose ZRR box stays unticked: that answers "no", it is not a missing field.
    const background = page.locator('#section-background');
    await background.getByRole('button', { name: 'Ajouter (Connaissance antérieure)' }).click();
    await page.locator('#root_background_0_type').selectOption({ label: 'Marque' });
    await page.locator('#root_background_0_title').fill('Marque Alpinia');
    await page.locator('#root_background_0_owners__add').click();
    await page.locator('#root_background_0_owners_0_organizationId').selectOption({ label: partner.legalName });
    await page.locator('#root_background_0_executionConditions_regime-0').check();
    await page.locator('#root_background_0_exploitationConditions_regime-0').check();
    expect(await page.locator('#root_background_0_fromZrr').isChecked()).toBe(false);

    // Drafts are kept for the tab: a reload restores the unsaved entries, with a notice.
    const draftKeys = (await page.evaluate(`Object.keys(sessionStorage).filter((k) => k.startsWith('vigie.declarationDraft.'))`)) as string[];
    expect(draftKeys).toEqual([`vigie.declarationDraft.${demo.projectId}.${partner.id}`]);
    await page.reload();
    await page.getByText('Brouillon non enregistré restauré').waitFor();
    expect(await page.locator('#root_signatory_name').inputValue()).toBe('Claire Martin');
    expect(await page.locator('#root_results_0_ownership_1_pct').inputValue()).toBe('40');
    expect(await page.evaluate('Object.keys(localStorage)')).toEqual([]);

    await page.getByRole('button', { name: 'Déposer la déclaration' }).click();
    // The server's error under the ownership field, and in the summary at the top with a link to the field.
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    const fieldError = page.locator('#root_results_0_ownership').locator('xpath=ancestor::*[contains(@class,"form-group")][1]').locator('.error-detail');
    await fieldError.getByText(/90/).waitFor();
    await summary.getByText(/90/).waitFor();
    // One error: the singular; the link names the field with the list item it is in.
    await summary.getByRole('heading', { name: '1 point à corriger' }).waitFor();
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Résultat 1 › Quotes-parts de copropriété']);
    await checkPage(page, '7-declaration-form-server-error');
    await summary.getByRole('link').first().click();
    expect(
      await page.evaluate(
        'document.activeElement.closest("#root_results_0_ownership") !== null || document.activeElement.id.startsWith("root_results_0_ownership")',
      ),
    ).toBe(true);

    // Fixed at the field: the error goes, the total says 100 %, the submission goes through.
    await page.locator('#root_results_0_ownership_1_pct').fill('50');
    await results.getByText(/Total des quotes-parts : 100 %/).waitFor();
    expect(await fieldError.count()).toBe(0);
    await page.getByRole('button', { name: 'Déposer la déclaration' }).click();
    await page.getByText(/Déclaration déposée/).waitFor();
    await page.locator('.decl-form .badge').getByText('Soumise').waitFor();
    expect(await page.getByText('Brouillon non enregistré restauré').count()).toBe(0);
    await checkPage(page, '8-declaration-form-submitted');

    // The API agrees: submitted, with what was typed.
    const token = await tokenFor('partner', partner.id);
    const saved = (await (await fetch(`${base}${formPath}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      status: string;
      content: {
        signatory: { name: string };
        results: { ownership: { pct: number }[]; plannedFilingDate?: string }[];
        background: { type: string; title: string; fromZrr: boolean }[];
      };
    };
    expect(saved.status).toBe('submitted');
    expect(saved.content.signatory.name).toBe('Claire Martin');
    expect(saved.content.results[0]!.ownership.map((o) => o.pct)).toEqual([50, 50]);
    expect(saved.content.results[0]!.plannedFilingDate).toBe('2028-03-15');
    expect(saved.content.background).toEqual([expect.objectContaining({ type: 'trademark', title: 'Marque Alpinia', fromZrr: false })]);
    // Saved: no draft left in the tab.
    expect(await page.evaluate(`Object.keys(sessionStorage).filter((k) => k.startsWith('vigie.declarationDraft.'))`)).toEqual([]);

    // English: the form's labels come from the API in English.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Signatory and contacts' }).waitFor();
    await page.close();
  }, 120_000);

  it('legal staff open a declaration from the project page, read-only', async () => {
    const page = await newPage();
    const partner = demo.organizations[0]!;
    await page.goto(`${base}/projects/${demo.projectId}`);
    await page.getByRole('button', { name: /Juriste du pôle/ }).click();
    await page.waitForURL(`${base}/projects/${demo.projectId}`);
    await page.getByRole('link', { name: `Ouvrir le formulaire — ${partner.legalName}` }).click();
    await page.waitForURL(`${base}/projects/${demo.projectId}/declarations/${partner.id}`);
    await page.getByText(/Lecture seule/).waitFor();
    expect(await page.locator('#root_signatory_name').inputValue()).toBe('Claire Martin');
    expect(await page.getByRole('button', { name: 'Déposer la déclaration' }).count()).toBe(0);
    expect(await page.locator('.rjsf-form').getByRole('button').count()).toBe(0);
    await checkPage(page, '9-declaration-form-legal-readonly');
    await page.close();
  }, 60_000);

  it('fits a tablet (1024×768 landscape, 768×1024 portrait): nothing wider than the screen', async () => {
    const overflowing = `(() => { const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > w + 1).map((el) => el.tagName + '.' + el.className).slice(0, 5); })()`;
    const partner = demo.organizations[0]!;
    for (const [width, height] of [
      [1024, 768],
      [768, 1024],
    ] as const) {
      const page = await web.newPage({ width, height });
      await web.signInAs(page, { role: 'legal', email: 'juriste@pole.example' }, '/');
      await revealInList(page, '#projects', page.locator('#projects').getByRole('link', { name: demo.projectAcronym }));
      expect(await page.evaluate(overflowing)).toEqual([]);
      await page.goto(`${base}/projects/${demo.projectId}`);
      await page.locator('#declarations table').waitFor();
      await page.locator('#workflow .stepper').waitFor();
      expect(await page.evaluate(overflowing)).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/10-project-tablet-${width}.png`, fullPage: true });
      await page.goto(`${base}/projects/${demo.projectId}/declarations/${partner.id}`);
      await page.getByRole('heading', { name: 'Résultats attendus' }).waitFor();
      expect(await page.evaluate(overflowing)).toEqual([]);
      await page.close();
    }
  }, 90_000);

  it('fits a phone (390×844): nothing sticks out of the screen, wide tables scroll in their own box', async () => {
    // Elements past the right edge that no scrolling box (a .table-scroll, the chain tree) holds.
    const sticking = `(() => { const w = document.documentElement.clientWidth; const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement)
        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true; return false; };
      return [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > w + 1 && !scrolls(el))
        .map((el) => el.tagName + '.' + el.className).slice(0, 5); })()`;
    const partner = demo.organizations[0]!;
    const page = await web.newPage({ width: 390, height: 844 });
    await web.signInAs(page, { role: 'partner', organizationId: partner.id }, '/');
    await page.locator('#projects table').waitFor();
    expect(await page.evaluate(sticking)).toEqual([]);
    await page.goto(`${base}/projects/${demo.projectId}`);
    await page.locator('#declarations table').waitFor();
    await page.getByRole('button', { name: 'Déposer' }).waitFor();
    expect(await page.evaluate(sticking)).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await checkPage(page, '11-project-phone');
    await page.close();
    const signedOut = await web.newPage({ width: 390, height: 844 });
    await signedOut.goto(`${base}/sign-in`);
    await signedOut.getByRole('button', { name: 'Juriste du pôle' }).waitFor();
    await signedOut.locator('.choice-list').nth(1).waitFor();
    expect(await signedOut.evaluate(sticking)).toEqual([]);
    await signedOut.close();
  }, 60_000);

  it('raised no CSP violation and no page error', () => {
    web.expectClean();
  });
});
