/**
 * Publication notices in Chromium (issue 14 §1, docs/publications.md), on a project of this test's own with two
 * partners: partner A gives notice (title, authors, venue, planned date, a disclosed result from its declaration,
 * the manuscript through the documents upload); partner B reads the manuscript, sees its deadline (Paris time) and objects for a patent
 * filing; A uploads a new manuscript; B's clock restarts (pending again, on version 2); B consents → cleared. Each
 * state is checked with axe-core (0 serious or critical) and saved as a screenshot. Then, on a signed project, the
 * committee opens a change-of-control review from its email link and records its decision (docs/change-of-control.md).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { addCalendarDays, parisDate } from '../../shared/domain/calendar';
import { sentMail, startApi, tokenFor, type Api } from './helpers/api';
import { consortium, consortiumSigned, submitDeclaration, type Consortium } from './helpers/consortium';
import { startWebApp, type WebApp } from './helpers/web';

let web: WebApp;
let api: Api;
let c: Consortium;
let legal: string;
const tag = `WebPub${randomUUID().slice(0, 6)}`;
const TITLE = `Capteur quantique intégré ${tag}`;
const today = parisDate(new Date());
const pdf = (s: string) => Buffer.from(`%PDF-1.4\n% ${s}\n%%EOF\n`, 'latin1');

beforeAll(async () => {
  web = await startWebApp();
  api = await startApi();
  legal = await tokenFor('legal', undefined, 'juriste@pole.example');
  c = await consortium(api, legal, tag, 2);
  await submitDeclaration(api, c, 0);
}, 180_000);

afterAll(async () => {
  await api?.close();
  await web?.close();
});

const section = (page: Page) => page.locator('#publications');
const notice = (page: Page) => section(page).locator('li.publication', { hasText: TITLE });
const readNotice = async () =>
  ((await api.call('GET', `/projects/${c.project}/publications?limit=200`, { token: legal })).body.items as any[]).find((n) => n.title === TITLE);

describe('publication notices in Chromium', () => {
  let page: Page;

  it('partner A gives notice with its manuscript and a disclosed result', async () => {
    page = await web.newPage();
    await web.signInAs(page, { role: 'partner', organizationId: c.orgs[0] }, `/projects/${c.project}`);
    await section(page).getByRole('heading', { name: 'Publications' }).waitFor();
    await section(page).getByText('Aucune publication notifiée.').waitFor();
    await section(page).getByRole('button', { name: 'Notifier une publication' }).click();
    const form = section(page).locator('form.publication-form');
    await form.getByLabel('Titre').fill(TITLE);
    await form.getByLabel('Auteurs').fill('M. Curie, P. Dupont');
    await form.getByLabel('Revue, conférence ou support').fill('Optica');
    await form.getByLabel('Date de publication prévue').fill(addCalendarDays(today, 60));
    // The results come from A's declaration.
    await form.getByLabel(/Capteur quantique \(r-1\)/).check();
    await web.checkPage(page, 'publications-1-notice-form');
    // Without a manuscript: said at the file field, nothing sent.
    await form.getByRole('button', { name: 'Notifier', exact: true }).click();
    await form.getByText('Joignez le manuscrit.').waitFor();
    expect(await form.getByLabel('Manuscrit').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Manuscrit').setInputFiles({ name: 'manuscrit-v1.pdf', mimeType: 'application/pdf', buffer: pdf('v1') });
    await form.getByRole('button', { name: 'Notifier', exact: true }).click();
    await section(page).getByText('Publication notifiée. Les autres partenaires sont prévenus.').waitFor();
    const item = notice(page);
    await item.getByText('En attente des réponses').waitFor();
    // The publisher sees B's deadline: 30 calendar days, until 24:00 Paris time.
    const deadline = addCalendarDays(today, 30);
    const [y, m, d] = deadline.split('-');
    await item.getByText(`jusqu'au ${d}/${m}/${y} à 24:00 (heure de Paris)`).waitFor();
    await item.getByText('30 j restants').waitFor();
    await web.checkPage(page, 'publications-2-notice-given');

    const n = await readNotice();
    expect(n).toMatchObject({ state: 'open', resultKeys: ['r-1'], authors: ['M. Curie', 'P. Dupont'], venue: 'Optica', manuscriptVersion: 1 });
    // B's representative is emailed.
    expect((await sentMail((x) => x.subject.includes(TITLE))).flatMap((x) => x.destination.to)).toContain(`rep1-${tag.toLowerCase()}@partner.example`);
  });

  it('partner B objects for a patent filing: the notice is objected', async () => {
    await page.close();
    page = await web.newPage();
    await web.signInAs(page, { role: 'partner', organizationId: c.orgs[1] }, `/projects/${c.project}/publications/${(await readNotice()).id}`);
    const item = notice(page);
    await item.getByText('Votre réponse :').waitFor();
    await item.getByText('30 j restants').waitFor();
    // B reads A's manuscript (a document of A's organization, shared with the project as the notice's manuscript).
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: `Lire le manuscrit de « ${TITLE} »` }).click()]);
    expect(readFileSync((await download.path())!).toString('latin1')).toBe(pdf('v1').toString('latin1'));
    await web.checkPage(page, 'publications-3-answer-form');
    const form = item.locator('form');
    await form.getByLabel(/un résultat doit d'abord être protégé/).check();
    await form.getByLabel('r-1').check();
    await form.getByLabel('Date de dépôt prévue').fill(addCalendarDays(today, 40));
    await form.getByLabel(/Motifs/).fill('Dépôt de brevet EP en préparation sur r-1.');
    await form.getByRole('button', { name: "S'opposer" }).click();
    await section(page).getByText('Objection enregistrée. Le partenaire qui publie est prévenu.').waitFor();
    await item.getByText('Objection en cours').waitFor();
    await item.getByRole('button', { name: 'Retirer mon objection' }).waitFor();
    await web.checkPage(page, 'publications-4-objected');
    expect(await readNotice()).toMatchObject({ state: 'objected' });
  });

  it('partner A uploads a new manuscript: B answers again on version 2', async () => {
    await page.close();
    page = await web.newPage();
    await web.signInAs(page, { role: 'partner', organizationId: c.orgs[0] }, `/projects/${c.project}`);
    const item = notice(page);
    await item.getByText('Objection en cours').waitFor();
    const form = item.locator('form');
    await form.getByRole('heading', { name: 'Nouvelle version du manuscrit' }).waitFor();
    await web.checkPage(page, 'publications-5-new-version-form');
    await form.getByLabel('Manuscrit').setInputFiles({ name: 'manuscrit-v2.pdf', mimeType: 'application/pdf', buffer: pdf('v2') });
    await form.getByRole('button', { name: 'Déposer la nouvelle version' }).click();
    await section(page).getByText('Nouvelle version déposée. Les partenaires opposants sont prévenus.').waitFor();
    await item.getByText('version 2').waitFor();
    await item.getByText('En attente des réponses').waitFor();

    const n = (await api.call('GET', `/projects/${c.project}/publications/${(await readNotice()).id}`, { token: legal })).body;
    // B's clock restarted on the new version: pending again, a full objection period from today.
    expect(n.answers).toEqual([
      expect.objectContaining({ organizationId: c.orgs[1], status: 'pending', manuscriptVersion: 2, deadline: addCalendarDays(today, 30) }),
    ]);
  });

  it('partner B consents: the notice is cleared', async () => {
    await page.close();
    page = await web.newPage();
    await web.signInAs(page, { role: 'partner', organizationId: c.orgs[1] }, `/projects/${c.project}`);
    const item = notice(page);
    await item.getByText('version 2').waitFor();
    const form = item.locator('form');
    await form.getByLabel('Je consens à la publication').check();
    await form.getByRole('button', { name: 'Consentir' }).click();
    await section(page).getByText('Consentement enregistré.').waitFor();
    await item.getByText('Publication autorisée').waitFor();
    expect(await item.locator('form').count()).toBe(0);
    await web.checkPage(page, 'publications-6-cleared');
    expect(await readNotice()).toMatchObject({ state: 'cleared' });
    web.expectClean();
  });
});

describe('a change of control after signature in Chromium: the committee decides', () => {
  it('opens the review from its email link, sees it overdue-free with the agreement version, and records its decision', async () => {
    const committee = await tokenFor('committee', undefined, 'comite@pole.example');
    const s = await consortiumSigned(api, legal, committee, `${tag}s`, 2);
    const ev = await api.call('POST', `/organizations/${s.orgs[0]}/control-events`, {
      token: legal,
      body: {
        kind: 'acquisition',
        status: 'planned',
        investor: { name: 'Redwood Capital Holdings', country: 'US' },
        votingRightsAfterPct: 70,
        effectiveDate: addCalendarDays(today, 90),
      },
    });
    expect(ev.status).toBe(201);
    const review = (await api.call('GET', `/projects/${s.project}/control-reviews`, { token: committee })).body.items[0];
    const page = await web.newPage();
    await web.signInAs(page, { role: 'committee', email: 'comite@pole.example' }, `/projects/${s.project}/control-reviews/${review.id}`);
    const item = page.locator(`#control-review-${review.id}`);
    await item.getByText('À décider').waitFor();
    await item.getByText(/Acquisition envisagée par Redwood Capital Holdings/).waitFor();
    await item.getByText(/Accord signé, version 1/).waitFor();
    await web.checkPage(page, 'control-review-1-open');
    const form = item.locator('form');
    // The reasons are required: the API's 400 is shown at the field.
    await form.getByLabel("Restreindre les droits d'accès du partenaire aux résultats").check();
    await form.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await form.locator('.field-error').waitFor();
    expect(await form.getByLabel(/Motifs de la décision/).getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel(/Motifs de la décision/).fill("Accès limité à l'exécution du projet tant que l'autorisation IEF n'est pas obtenue.");
    await form.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.locator('#control-reviews').getByText('Décision enregistrée.').waitFor();
    await item.getByText('Décidé', { exact: true }).waitFor();
    await item.getByText(/sur l’accord version 1/).waitFor();
    expect(await item.locator('form').count()).toBe(0);
    await web.checkPage(page, 'control-review-2-decided');
    const after = (await api.call('GET', `/projects/${s.project}/control-reviews`, { token: legal })).body.items[0];
    expect(after.decision).toMatchObject({ outcome: 'restrict-access', agreementVersion: 1 });
    web.expectClean();
  }, 120_000);
});
