/**
 * The organization page in Chromium: a French start-up whose 40 % shareholder is a registered US fund (itself held
 * by a Cayman general partner). Legal staff see the control chain as a tree with countries and percentages, record
 * a control event (a server error fixed at the field first, then simulated without recording) and see its consequences at once; the dashboard's
 * recent control events show it; a partner sees its partners' names on the project page and in the form's picker.
 * Screenshots under test/artifacts/web/organizations-*.png, axe on each page.
 */
import type { Page } from 'playwright-core';
import { siren, tokenFor } from './helpers/api';
import { startWebApp, type WebApp } from './helpers/web';

let web: WebApp;
let legal: string;
const tag = `W${Date.now() % 1e6}`;
const names = {
  fund: `Redwood Capital Fund ${tag}`,
  startup: `Savoie Quantique ${tag}`,
  photonics: `Chambéry Photonique ${tag}`,
};
let fund = '';
let startup = '';
let photonics = '';
let project = '';
const acronym = `ORG${tag}`;
const startupSiren = siren(String(10000000 + Math.floor(Math.random() * 8e7)));

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: { id: string } & Record<string, unknown> }> {
  const res = await fetch(`${web.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${legal}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as { id: string } & Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return { status: res.status, body: json };
}

beforeAll(async () => {
  web = await startWebApp();
  legal = await tokenFor('legal', undefined, 'juriste@pole.example');
  fund = (
    await call('POST', '/organizations', {
      legalName: names.fund,
      registrationId: 'US-DE-7712093',
      country: 'US',
      category: 'other',
      city: 'Wilmington',
      shareholders: [{ name: 'Redwood GP Ltd', country: 'KY', votingRightsPct: 100 }],
    })
  ).body.id;
  startup = (
    await call('POST', '/organizations', {
      legalName: names.startup,
      siren: startupSiren,
      country: 'FR',
      category: 'startup',
      city: 'Chambéry',
      activityDescription: 'Contrôle de qubits supraconducteurs.',
      shareholders: [
        { name: 'Fondateurs', country: 'FR', votingRightsPct: 60, naturalPerson: true },
        { name: names.fund, country: 'US', votingRightsPct: 40, organizationId: fund },
      ],
      representatives: [{ name: 'Claire Martin', email: `claire-${tag.toLowerCase()}@savoie-quantique.example`, language: 'fr' }],
    })
  ).body.id;
  photonics = (
    await call('POST', '/organizations', {
      legalName: names.photonics,
      siren: siren(String(20000000 + Math.floor(Math.random() * 7e7))),
      country: 'FR',
      category: 'sme',
      city: 'Chambéry',
    })
  ).body.id;
  project = (
    await call('POST', '/projects', {
      acronym,
      title: 'Capteurs quantiques pour la photonique',
      fundingScheme: 'france-2030',
      technologyDomains: ['quantum'],
      startDate: '2027-01-01',
      endDate: '2028-12-31',
      partners: [
        { organizationId: photonics, role: 'coordinator' },
        { organizationId: startup, role: 'partner' },
      ],
    })
  ).body.id;
}, 120_000);

afterAll(async () => {
  await web?.close();
});

const signIn = async (page: Page, path: string) => web.signInAs(page, { role: 'legal', email: 'juriste@pole.example' }, path);

describe('organization page in Chromium', () => {
  it('legal staff see the organization, its shareholders and the control chain as a tree with countries and percentages', async () => {
    const page = await web.newPage();
    // From the project page: the partners' names link to their organization.
    await signIn(page, `/projects/${project}`);
    await page.locator('#partners').getByRole('link', { name: names.startup }).click();
    await page.waitForURL(`${web.base}/organizations/${startup}`);
    await page.getByRole('heading', { name: names.startup, level: 1 }).waitFor();
    const identity = page.locator('#identity');
    await identity.getByText(startupSiren).first().waitFor();
    await identity.getByText('FR — France').waitFor();
    await identity.getByText('Start-up').waitFor();
    await page.locator('#shareholders').getByRole('link', { name: names.fund }).waitFor();

    // The tree: the start-up, then its holders with countries and percentages, then the fund's own holder.
    const chain = page.locator('#control-chain');
    const fundRow = chain.locator('.chain-node-row', { hasText: names.fund });
    await fundRow.waitFor();
    expect(await fundRow.textContent()).toMatch(/40 %.*US — États-Unis.*Hors UE\/EEE/);
    // Screened for foreign investment (40 % ≥ 25 %, outside the EU/EEA): highlighted in red.
    expect(await fundRow.locator('xpath=..').getAttribute('class')).toContain('chain-node-alert');
    const gpRow = chain.locator('.chain-node-row', { hasText: 'Redwood GP Ltd' });
    expect(await gpRow.textContent()).toMatch(/100 %.*KY — Îles Caïmans.*Contrôle.*Hors UE\/EEE/);
    // The GP is nested under the fund (its holder), the founders are a direct shareholder.
    const fundNode = chain.locator('li.chain-node', { has: page.locator(':scope > .chain-node-row', { hasText: names.fund }) });
    expect(await fundNode.locator(':scope > .chain-tree-level > li > .chain-node-row', { hasText: 'Redwood GP Ltd' }).count()).toBe(1);
    expect(await chain.locator('.chain-node-row', { hasText: 'Fondateurs' }).textContent()).toMatch(/60 %.*FR — France.*Personne physique/);
    await chain.getByText(/détient au moins 25 % des droits de vote/).waitFor();
    await web.checkPage(page, 'organizations-1-chain');

    // The fund's own page, one click up the chain.
    await fundRow.getByRole('link', { name: names.fund }).click();
    await page.waitForURL(`${web.base}/organizations/${fund}`);
    await page.getByRole('heading', { name: names.fund, level: 1 }).waitFor();
    await page.locator('#identity').getByText('US-DE-7712093').waitFor();
    await page
      .locator('#org-projects')
      .getByText(/aucun projet visible/)
      .waitFor();
    await page.close();
  }, 120_000);

  it('legal staff record a control event: an error at the field first, then the consequences at once', async () => {
    const page = await web.newPage();
    await signIn(page, `/organizations/${startup}`);
    const events = page.locator('#control-events');
    await events.getByText('Aucun événement de contrôle enregistré.').waitFor();
    // Cancelled, the form gives the focus back to its button; opened, it takes it on its first field.
    await events.getByRole('button', { name: 'Enregistrer un événement' }).click();
    const form = page.locator('form.cev-form');
    await form.waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('cev-kind');
    await form.getByRole('button', { name: 'Annuler' }).click();
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Enregistrer un événement');
    await events.getByRole('button', { name: 'Enregistrer un événement' }).click();
    await form.getByLabel("Nature de l'opération").selectOption('acquisition');
    await form.getByLabel("Nom de l'investisseur").fill('Shenzhen Quantum Capital');
    await form.getByLabel("Pays de l'investisseur").selectOption('CN');
    await form.getByLabel('Avant l’opération (%)').fill('0');
    await form.getByLabel('Après l’opération (%)').fill('130');
    await form.getByLabel("Date d'effet").fill('01/02/2027');
    await form.getByLabel('Demande d’autorisation').selectOption('requested');
    await form.getByLabel('Référence du dossier').fill('DGT-2027-0042');
    await form.getByRole('button', { name: "Enregistrer l'événement" }).click();

    // The server's 400, under the field and in the summary (focused); nothing was recorded.
    const after = page.locator('#cev-after');
    await page.locator('#cev-after-error').getByText(/100/).waitFor();
    expect(await after.getAttribute('aria-invalid')).toBe('true');
    expect(await after.getAttribute('aria-describedby')).toContain('cev-after-error');
    const summary = form.locator('.error-summary');
    expect(await page.evaluate('document.activeElement.classList.contains("error-summary")')).toBe(true);
    // Each error of the summary names its field.
    expect(await summary.getByRole('link').allTextContents()).toContainEqual(expect.stringMatching(/^Après l’opération \(%\) : .*100/));
    await web.checkPage(page, 'organizations-2-event-error');
    await summary.getByRole('link').first().click();
    expect(await page.evaluate('document.activeElement.id')).toBe('cev-after');

    // Fixed at the field: the error goes as soon as the value changes; recorded.
    await after.fill('30');
    expect(await page.locator('#cev-after-error').count()).toBe(0);

    // What-if first (issue 14 §3): the flags it would raise, with their explanation; nothing recorded.
    await form.getByRole('button', { name: 'Simuler sans enregistrer' }).click();
    const simulation = page.locator('section.simulation');
    await simulation.getByRole('heading', { name: 'Simulation — rien n’a été enregistré' }).waitFor();
    await simulation.getByText(/1 projet réévalué : [1-9]\d* signalements? levés?/).waitFor();
    expect(await simulation.locator('.consequence-flags').textContent()).toMatch(/R151-1.*L233-3 I 1°/);
    expect(await page.evaluate('document.activeElement.classList.contains("simulation")')).toBe(true);
    await events.getByText('Aucun événement de contrôle enregistré.').waitFor();
    await web.checkPage(page, 'organizations-2b-simulation');

    await form.getByRole('button', { name: "Enregistrer l'événement" }).click();

    // The consequences: the project re-evaluated, the new IEF flag, with links.
    const consequences = page.locator('.consequences');
    await consequences.getByRole('heading', { name: 'Événement enregistré — conséquences' }).waitFor();
    await consequences.getByText(/1 projet réévalué : [1-9]\d* signalements? levés?/).waitFor();
    const projectLink = consequences.getByRole('link', { name: acronym });
    await projectLink.waitFor();
    const flagLink = consequences.locator('.consequence-flags a').first();
    const flagTitle = (await flagLink.textContent())!;
    expect(flagTitle).toMatch(/investissement étranger \(IEF\)/);
    await consequences.locator('.consequence-flags').getByText('nouveau').first().waitFor();
    expect(await page.evaluate('document.activeElement.classList.contains("consequences")')).toBe(true);
    // The event in the list, without reloading.
    const row = events.locator('tbody tr', { hasText: 'Shenzhen Quantum Capital' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Acquisition.*Projetée.*CN — Chine.*0 % → 30 %.*01\/02\/2027.*Demandée.*DGT-2027-0042/);
    await web.checkPage(page, 'organizations-3-consequences');

    // The flag link opens the project page on that flag.
    await flagLink.click();
    await page.waitForURL(new RegExp(`/projects/${project}/flags/flg_`));
    await page.locator('#flags').getByText(flagTitle).first().waitFor();
    await page.close();
  }, 120_000);

  it("the legal dashboard lists the pôle's recent control events", async () => {
    const page = await web.newPage();
    await signIn(page, '/');
    const section = page.locator('#recent-control-events');
    await section.getByRole('heading', { name: 'Événements de contrôle récents' }).waitFor();
    const row = section.locator('tbody tr', { hasText: names.startup });
    // Other test files record events too: page on if it is not among the newest ten.
    for (let i = 0; i < 10 && (await row.count()) === 0; i++) {
      const more = section.getByRole('button', { name: 'Afficher plus' });
      if ((await more.count()) === 0) break;
      await more.click();
      await page.waitForTimeout(300);
    }
    await row.first().waitFor();
    expect(await row.first().textContent()).toMatch(/Acquisition.*Projetée.*Shenzhen Quantum Capital.*CN — Chine.*30 %/);
    await web.checkPage(page, 'organizations-4-dashboard');
    await row.first().getByRole('link', { name: names.startup }).click();
    await page.waitForURL(`${web.base}/organizations/${startup}`);
    await page.close();
  }, 60_000);

  it('the committee reads the page without the form; in English', async () => {
    const page = await web.newPage();
    await web.signInAs(page, { role: 'committee', email: 'comite@pole.example' }, `/organizations/${startup}`);
    await page.locator('#control-events tbody tr', { hasText: 'Shenzhen Quantum Capital' }).waitFor();
    expect(await page.getByRole('button', { name: 'Enregistrer un événement' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Control chain' }).waitFor();
    expect(await page.locator('#control-chain .chain-node-row', { hasText: names.fund }).textContent()).toMatch(
      /40 %.*US — United States.*Outside the EU\/EEA/,
    );
    // In the sentences above the tree: lower case inside the brackets, English list separator (no French " ; ").
    const findings = page.locator('#control-chain .notice');
    expect(await findings.first().textContent()).toMatch(/\(US — United States, outside the EU\/EEA\)/);
    expect((await findings.allTextContents()).join(' ')).not.toContain(' ; ');
    await web.checkPage(page, 'organizations-5-committee-en');
    await page.close();
  }, 60_000);

  it('a partner sees its partners by name on the project page and in the declaration form; its own organization without the chain', async () => {
    const page = await web.newPage();
    await web.signInAs(page, { role: 'partner', organizationId: startup }, `/projects/${project}`);
    const partners = page.locator('#partners');
    await partners.getByText(names.photonics).waitFor();
    await partners.getByText('FR — France').first().waitFor();
    // No link to the other partner's page (the API would refuse it); its own organization is a link.
    expect(await partners.getByRole('link', { name: names.photonics }).count()).toBe(0);
    await partners.getByRole('link', { name: names.startup }).waitFor();
    // The declarations table names the partners too.
    await page.locator('#declarations').getByText(names.photonics).waitFor();
    await web.checkPage(page, 'organizations-6-project-partner');

    // The declaration form's organization picker lists the partners by name.
    await page.getByRole('link', { name: 'Ma déclaration' }).click();
    await page.waitForURL(`${web.base}/projects/${project}/declarations/${startup}`);
    await page
      .getByText(new RegExp(`${names.startup}`))
      .first()
      .waitFor();
    const results = page.locator('#section-results');
    await results.getByRole('button', { name: 'Ajouter (Résultat)' }).click();
    await page.locator('#root_results_0_ownership').getByRole('button', { name: 'Ajouter (Quote-part)' }).click();
    const picker = page.locator('#root_results_0_ownership_0_organizationId');
    const options = await picker.locator('option').allTextContents();
    expect(options).toEqual(expect.arrayContaining([names.startup, names.photonics]));
    expect(options.join(' ')).not.toMatch(/org_[0-9a-f]{32}/);
    await picker.selectOption({ label: names.photonics });

    // Its own organization: identity and shareholders, no chain and no events (staff only).
    await page.goto(`${web.base}/organizations/${startup}`);
    await page.getByRole('heading', { name: names.startup, level: 1 }).waitFor();
    await page.locator('#shareholders').getByText(names.fund).waitFor();
    await page.locator('#org-projects').getByRole('link', { name: acronym }).waitFor();
    expect(await page.locator('#control-chain').count()).toBe(0);
    expect(await page.locator('#control-events').count()).toBe(0);
    await web.checkPage(page, 'organizations-7-own-org-partner');
    await page.close();
  }, 90_000);

  it('legal staff amend the event (20 %), then withdraw it with a reason: the same flag is updated, then closed', async () => {
    const page = await web.newPage();
    await signIn(page, `/organizations/${startup}`);
    const events = page.locator('#control-events');
    const row = events.locator('tbody tr', { hasText: 'Shenzhen Quantum Capital' });
    await row.getByRole('button', { name: 'Modifier ou retirer l’événement de Shenzhen Quantum Capital' }).click();
    await row.getByLabel('Après l’opération (%)').fill('20');
    await row.getByRole('button', { name: 'Enregistrer la modification' }).click();
    const consequences = page.locator('.consequences');
    await consequences.getByText(/1 projet réévalué : 0 signalement levé, 0 rouvert, 1 mis à jour, 0 clos/).waitFor();
    // The box says what was done: amended, not recorded.
    expect(await consequences.getByRole('heading').textContent()).toBe('Événement modifié — conséquences');
    await consequences.getByText('Shenzhen Quantum Capital, désormais à 20 % des droits de vote').waitFor();
    await events.locator('tbody tr', { hasText: '0 % → 20 %' }).waitFor();

    // Withdrawn with a reason: the flag closes ("cause withdrawn"); the event stays listed, withdrawn.
    await row.getByRole('button', { name: /Modifier ou retirer/ }).click();
    await row.getByRole('button', { name: 'Retirer l’événement' }).click();
    await row.getByRole('alert').waitFor(); // the reason is mandatory (400)
    await row.getByLabel('Motif du retrait').fill('Le fonds a renoncé');
    await row.getByRole('button', { name: 'Retirer l’événement' }).click();
    await consequences.getByText(/0 mis à jour, 1 clos/).waitFor();
    expect(await consequences.getByRole('heading').textContent()).toBe('Événement retiré — conséquences');
    await events.locator('tbody tr', { hasText: 'Retirée : Le fonds a renoncé' }).waitFor();
    expect(await events.locator('tbody tr', { hasText: 'Shenzhen Quantum Capital' }).getByRole('button').count()).toBe(0);
    await web.checkPage(page, 'organizations-3b-withdrawn');
    await page.close();
  }, 120_000);

  it('legal staff simulate a deal with an investor acting in concert: its group in the form, its error at its field, joint control (L233-3 III) in the answer', async () => {
    const page = await web.newPage();
    await signIn(page, `/organizations/${startup}`);
    await page.locator('#control-events').getByRole('button', { name: 'Enregistrer un événement' }).click();
    const form = page.locator('form.cev-form');
    await form.getByLabel("Nom de l'investisseur").fill(`Fonds Alpha ${tag}`);
    await form.getByLabel("Pays de l'investisseur").selectOption('CN');
    await form.getByLabel('Après l’opération (%)').fill('30');
    await form.getByLabel("Date d'effet").fill('01/03/2027');

    // One investor in concert: a labelled group; the new group's first field takes the focus.
    await form.getByRole('button', { name: 'Ajouter un investisseur de concert' }).click();
    const party = form.getByRole('group', { name: 'Investisseur de concert n° 1' });
    expect(await page.evaluate('document.activeElement.id')).toBe('cev-concert-0-name');
    await party.getByLabel('Nom ou raison sociale').fill(`Beta Holdings ${tag}`);
    await party.getByLabel('Pays (nationalité ou siège)').selectOption('CN');

    // Its voting rights left empty: the API's error shows at that field of that group.
    await form.getByRole('button', { name: 'Simuler sans enregistrer' }).click();
    const pctField = page.locator('#cev-concert-0-pct');
    await page.locator('#cev-concert-0-pct-error').waitFor();
    expect(await pctField.getAttribute('aria-invalid')).toBe('true');
    await pctField.fill('25');
    expect(await page.locator('#cev-concert-0-pct-error').count()).toBe(0);
    await web.checkPage(page, 'organizations-8-concert-form');

    // 30 % + 25 % in concert: joint control (L233-3 III), named in the explanation with the party in concert.
    await form.getByRole('button', { name: 'Simuler sans enregistrer' }).click();
    const simulation = page.locator('section.simulation');
    await simulation.getByRole('heading', { name: 'Simulation — rien n’a été enregistré' }).waitFor();
    const explanation = (await simulation.locator('.consequence-flags').textContent())!;
    expect(explanation).toMatch(
      new RegExp(`Agissent de concert avec lui \\(code de commerce, art\\. L233-10\\) : « Beta Holdings ${tag} » \\(CN, 25\\s%\\), soit 55\\s% ensemble`),
    );
    expect(explanation).toMatch(/contrôle au sens de l'article L233-3 du code de commerce \(III\)/);
    await web.checkPage(page, 'organizations-8b-concert-simulation');

    // Removed: the group goes, the focus returns to the add button; nothing was recorded.
    await party.getByRole('button', { name: 'Retirer l’investisseur de concert n° 1' }).click();
    expect(await form.locator('.cev-concert-party').count()).toBe(0);
    expect(await page.evaluate('document.activeElement.id')).toBe('cev-concert-add');
    expect(await page.locator('#control-events tbody tr', { hasText: `Fonds Alpha ${tag}` }).count()).toBe(0);
    await page.close();
  }, 120_000);

  it("the register shows who acts in concert with the investor and the group's total; in English too", async () => {
    await call('POST', `/organizations/${startup}/control-events`, {
      kind: 'shareholding-change',
      status: 'planned',
      investor: { name: `Fonds Gamma ${tag}`, country: 'US' },
      votingRightsBeforePct: 0,
      votingRightsAfterPct: 30.5,
      concertWith: [
        { name: `Delta Holdings ${tag}`, country: 'CN', votingRightsPct: 25.25 },
        { name: `Epsilon SA ${tag}`, country: 'FR', votingRightsPct: 1 },
      ],
      effectiveDate: '2027-05-01',
    });
    const page = await web.newPage();
    await signIn(page, `/organizations/${startup}`);
    const row = page.locator('#control-events tbody tr', { hasText: `Fonds Gamma ${tag}` });
    await row.waitFor();
    expect((await row.textContent())!.replace(/\s+/g, ' ')).toContain(
      `De concert avec : Delta Holdings ${tag} (CN, 25,25 %) ; Epsilon SA ${tag} (FR, 1 %) — 56,75 % ensemble`,
    );
    await page.close();

    const en = await web.newPage();
    await web.signInAs(en, { role: 'committee', email: 'comite@pole.example' }, `/organizations/${startup}`);
    await en.getByRole('button', { name: 'Switch to English' }).click();
    await en.getByRole('heading', { name: 'Control chain' }).waitFor();
    const enRow = en.locator('#control-events tbody tr', { hasText: `Fonds Gamma ${tag}` });
    await enRow.waitFor();
    expect((await enRow.textContent())!.replace(/\s+/g, ' ')).toContain(
      `In concert with: Delta Holdings ${tag} (CN, 25.25 %); Epsilon SA ${tag} (FR, 1 %) — 56.75 % together`,
    );
    await en.close();
  }, 120_000);

  it('no CSP violation and no page error', () => {
    web.expectClean();
  });
});
