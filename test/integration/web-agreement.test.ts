/**
 * Documents and the consortium agreement in a real browser (test/integration/helpers/web.ts): on a project of
 * its own taken to the agreement stage over the API, legal staff upload a document through the presigned POST
 * (the SHA-256 shown is the file's), see the server's refusal of a wrong type at the file field, generate the
 * agreement, download its PDF (the bytes hash to what the page shows) and record a partner's signature with its
 * signed copy; then a partner's representative sees only its organization's documents and signs for it.
 * Screenshots and axe-core on each state.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startApi, tokenFor, type Api } from './helpers/api';
import { consortiumAtAgreement, type Consortium } from './helpers/consortium';
import { startWebApp, type WebApp } from './helpers/web';

let web: WebApp;
let api: Api;
let c: Consortium;
let legal: string;
const names: string[] = [];
const tag = `WebAgr${randomUUID().slice(0, 6)}`;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A small, valid PDF (the API checks the magic bytes of what is declared a PDF). */
function pdf(text: string): Buffer {
  const body = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

beforeAll(async () => {
  web = await startWebApp();
  api = await startApi();
  legal = await tokenFor('legal', undefined, 'juriste@pole.example');
  const committee = await tokenFor('committee', undefined, 'comite@pole.example');
  c = await consortiumAtAgreement(api, legal, committee, tag, 2);
  for (const o of c.orgs) names.push(((await api.call('GET', `/organizations/${o}`, { token: legal })).body as { legalName: string }).legalName);
}, 180_000);

afterAll(async () => {
  await api?.close();
  await web?.close();
});

const section = (page: Page, id: string) => page.locator(`#${id}`);

describe('documents and the agreement in Chromium', () => {
  let page: Page;
  let pdfHash = '';

  it('legal staff upload a document: its SHA-256 is shown, and a wrong type is refused at the file field', async () => {
    page = await web.newPage();
    await web.signInAs(page, { role: 'legal', email: 'juriste@pole.example' }, `/projects/${c.project}`);
    const docs = section(page, 'documents');
    await docs.getByRole('heading', { name: 'Documents' }).waitFor();
    await docs.getByText('Aucun document déposé.').waitFor();
    // The workflow stands at the agreement stage: legal staff get the generation form.
    await section(page, 'agreements').getByRole('button', { name: 'Générer l’accord' }).waitFor();
    await web.checkPage(page, 'agreement-1-project-legal');

    // A type the API does not accept: its 400 is shown at the file field, nothing is listed.
    await docs.getByLabel('Organisation').selectOption({ label: names[0]! });
    await docs.getByLabel('Fichier').setInputFiles({ name: 'inventaire.csv', mimeType: 'text/csv', buffer: Buffer.from('a;b\n1;2\n') });
    await docs.getByRole('button', { name: 'Déposer', exact: true }).click();
    await docs.getByRole('alert').getByText('Dépôt refusé.').waitFor();
    await docs
      .getByRole('alert')
      .getByText(/Types acceptés/)
      .waitFor();
    const fileError = docs.locator('.field-error');
    await fileError.waitFor();
    expect(await fileError.textContent()).toMatch(/PDF, DOCX, ODT, PNG, JPEG, TXT/);
    expect(await docs.getByLabel('Fichier').getAttribute('aria-invalid')).toBe('true');
    await web.checkPage(page, 'agreement-2-document-refused');

    // A PDF: registered, hashed in the browser, POSTed to S3 (CORS), confirmed; the receipt shows the hash.
    const bytes = pdf('Brevet FR 3 100 200 - copie');
    await docs.getByLabel('Fichier').setInputFiles({ name: 'brevet-FR3100200.pdf', mimeType: 'application/pdf', buffer: bytes });
    await docs.getByLabel(/Description/).fill('Copie du brevet FR 3 100 200');
    await docs.getByRole('button', { name: 'Déposer', exact: true }).click();
    const receipt = docs.locator('.upload-receipt');
    await receipt.getByText('« brevet-FR3100200.pdf » déposé et confirmé').waitFor();
    await receipt.getByText(/Identique à l’empreinte calculée par votre navigateur/).waitFor();
    expect(await receipt.locator('[data-sha256]').textContent()).toBe(sha256(bytes));
    // The list: the document, confirmed, its organization and shortened hash (whole in the title).
    const row = docs.locator('tbody tr', { hasText: 'brevet-FR3100200.pdf' });
    await row.getByText('Confirmé').waitFor();
    await row.getByText(names[0]!).waitFor();
    expect(await row.locator('code.hash').getAttribute('title')).toBe(sha256(bytes));
    expect(await row.locator('code.hash [aria-hidden]').textContent()).toBe(`${sha256(bytes).slice(0, 8)}…${sha256(bytes).slice(-8)}`);
    // And the API recorded that hash.
    const listed = await api.call('GET', `/projects/${c.project}/documents`, { token: legal });
    expect((listed.body as { items: { fileName: string; sha256: string }[] }).items).toEqual([
      expect.objectContaining({ fileName: 'brevet-FR3100200.pdf', sha256: sha256(bytes) }),
    ]);
    await web.checkPage(page, 'agreement-3-document-uploaded');

    // Its download: a presigned GET of the stored copy.
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: /Télécharger/ }).click()]);
    expect(sha256(readFileSync((await download.path())!))).toBe(sha256(bytes));
  });

  it('legal staff generate the agreement and download it: the PDF hashes to what the page shows', async () => {
    const agr = section(page, 'agreements');
    await agr.getByLabel('Préavis (jours)').waitFor();
    expect(await agr.getByLabel('Préavis (jours)').inputValue()).toBe('45');
    await agr.getByRole('button', { name: 'Générer l’accord' }).click();
    await agr.getByText('Version 1 générée.').waitFor();
    const current = agr.locator('.agreement-current');
    await current.getByRole('heading', { name: 'Version 1' }).waitFor();
    await current.getByText('En attente des signatures').waitFor();
    await current.getByText('0 signature sur 2').waitFor();
    pdfHash = (await current.locator('.fact', { hasText: 'SHA-256 du PDF' }).locator('[data-sha256]').textContent())!;
    expect(pdfHash).toMatch(/^[0-9a-f]{64}$/);
    for (const n of names) await current.locator('.signatories tr', { hasText: n }).getByText('À signer').waitFor();
    // The workflow moved on, and the section above says so.
    await section(page, 'workflow').locator('.step-current', { hasText: 'Signatures' }).waitFor();
    await web.checkPage(page, 'agreement-4-generated');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      current.locator('.agreement-actions').getByRole('button', { name: 'Télécharger le PDF (v1)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${c.acronym}-accord-v1-fr.pdf`);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(sha256(bytes)).toBe(pdfHash);
    const detail = await api.call('GET', `/projects/${c.project}/agreements/1`, { token: legal });
    expect(detail.body.agreement.pdfSha256).toBe(pdfHash);
  });

  it('legal staff record a partner’s signature with its signed copy', async () => {
    const current = section(page, 'agreements').locator('.agreement-current');
    const form = current.locator('form.signature-form');
    await form.getByRole('heading', { name: 'Enregistrer une signature' }).waitFor();
    await form.getByLabel('Partie').selectOption({ label: names[0]! });
    await form.getByLabel('Nom du signataire').fill('Claire Dumas');
    await form.getByLabel('Qualité du signataire').fill('Présidente');
    const signedCopy = pdf(`Accord ${c.acronym} v1 - signe par Claire Dumas`);
    await form.getByLabel('Copie signée (PDF)').setInputFiles({ name: 'accord-signe.pdf', mimeType: 'application/pdf', buffer: signedCopy });
    await form.getByRole('button', { name: 'Enregistrer la signature' }).click();
    await current.locator('.signature-receipt').getByText(`Signature de ${names[0]} enregistrée.`).waitFor();
    expect(await current.locator('.signature-receipt [data-sha256]').textContent()).toBe(sha256(signedCopy));
    const row = current.locator('.signatories tr', { hasText: names[0]! });
    await row.getByText('Signé', { exact: true }).waitFor();
    await row.getByText('Claire Dumas').waitFor();
    await current.getByText('1 signature sur 2').waitFor();
    // The signed copy is also a document of that partner.
    await section(page, 'documents').locator('tbody tr', { hasText: 'accord-signe.pdf' }).getByText('Confirmé').waitFor();
    const wf = await api.call('GET', `/projects/${c.project}/workflow`, { token: legal });
    expect(wf.body.signatures).toEqual([expect.objectContaining({ orgId: c.orgs[0] })]);
    await web.checkPage(page, 'agreement-5-signature-recorded');
  });

  it('a partner sees its own documents only and signs for its organization', async () => {
    const partner = await web.newPage();
    await web.signInAs(partner, { role: 'partner', organizationId: c.orgs[1]! }, `/projects/${c.project}`);
    const docs = section(partner, 'documents');
    await docs.getByText('Aucun document déposé.').waitFor();
    // No organization to choose: a partner uploads for its own.
    expect(await docs.getByLabel('Organisation').count()).toBe(0);
    const agr = section(partner, 'agreements');
    const current = agr.locator('.agreement-current');
    await current.getByRole('heading', { name: 'Version 1' }).waitFor();
    expect(await agr.getByRole('button', { name: /Générer/ }).count()).toBe(0);
    const form = current.locator('form.signature-form');
    expect(await form.getByLabel('Partie').inputValue()).toBe(names[1]);
    await form.getByLabel('Nom du signataire').fill('Hugo Martin');
    await form.getByLabel('Qualité du signataire').fill('Directeur général');
    await form.getByLabel('Copie signée (PDF)').setInputFiles({ name: 'signature.pdf', mimeType: 'application/pdf', buffer: pdf('Signe par Hugo Martin') });
    await form.getByRole('button', { name: 'Enregistrer la signature' }).click();
    await current.locator('.signature-receipt').getByText(`Signature de ${names[1]} enregistrée.`).waitFor();
    // Its organization has signed: no form any more.
    await form.waitFor({ state: 'detached' });
    // The last signature: the agreement is signed by all and the IP file locked.
    await current.getByText('Signé par tous').waitFor();
    await current.getByText('Toutes les parties ont signé : le dossier PI est verrouillé.').waitFor();
    await section(partner, 'workflow').locator('.step-done', { hasText: 'Signé' }).waitFor();
    // Its own signed copy is listed; the first partner's documents are not.
    await docs.locator('tbody tr', { hasText: 'signature.pdf' }).waitFor();
    expect(await docs.getByText('brevet-FR3100200.pdf').count()).toBe(0);
    await web.checkPage(partner, 'agreement-6-partner-signed');
  });

  it('legal staff see the signed agreement (the agreement emails’ link): no new version can be generated', async () => {
    // The link of the "ready for signature" / "signed by all" emails focuses the agreements section.
    await page.goto(`${web.base}/projects/${c.project}/agreements`);
    const focusedId = () => page.evaluate(`document.activeElement && document.activeElement.id`);
    for (let i = 0; i < 100 && (await focusedId()) !== 'agreements-title'; i++) await page.waitForTimeout(100);
    expect(await focusedId()).toBe('agreements-title');
    const agr = section(page, 'agreements');
    const current = agr.locator('.agreement-current');
    await current.getByText('Signé par tous').waitFor();
    for (const n of names) await current.locator('.signatories tr', { hasText: n }).getByText('Signé', { exact: true }).waitFor();
    await current.getByText('Toutes les parties ont signé : le dossier PI est verrouillé.').waitFor();
    expect(await agr.getByRole('button', { name: /Générer/ }).count()).toBe(0);
    expect(await agr.getByText(/Générer une nouvelle version/).count()).toBe(0);
    // The signatories' names and signed copies: the version's detail, on demand (its links are audited).
    await current.getByRole('button', { name: 'Afficher les signataires et les copies signées' }).click();
    await current.locator('.signatories tr', { hasText: names[1]! }).getByText('Hugo Martin').waitFor();
    await web.checkPage(page, 'agreement-7-signed-by-all');
    // In English: the same record, in the UI language.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await agr.getByRole('heading', { name: 'Consortium agreement' }).waitFor();
    await current.getByText('Signed by all').waitFor();
    await current.locator('.fact', { hasText: 'SHA-256 of the PDF' }).waitFor();
    await section(page, 'documents').getByRole('columnheader', { name: 'Uploaded' }).waitFor();
    await web.checkPage(page, 'agreement-7-signed-by-all-en');
    await page.getByRole('button', { name: 'Passer en français' }).click();
  });

  it('says why the agreement cannot be generated before the committee has approved', async () => {
    // The demo project: its workflow is not started, or stands at the declarations stage.
    await page.goto(`${web.base}/projects/${web.demo.projectId}`);
    const agr = section(page, 'agreements');
    await agr.getByText('Génération indisponible.').waitFor();
    expect(await agr.locator('.generate-why').textContent()).toMatch(/circuit de validation n’est pas lancé|étape en cours : Déclarations/);
    expect(await agr.getByRole('button', { name: /Générer/ }).count()).toBe(0);
    await agr.getByText('Aucun accord n’a encore été généré.').waitFor();
    await web.checkPage(page, 'agreement-8-not-yet');
  });

  it('ran without CSP violations or page errors', () => {
    web.expectClean();
  });
});
