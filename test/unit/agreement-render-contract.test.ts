import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { buildAgreementModel, type AgreementModel } from '../../shared/domain/agreement/model';
import { renderAgreementPdf } from '../../shared/pdf/render-agreement';
import type * as Renderer from '../../shared/pdf/render-agreement';

/**
 * What the agreements API relies on from `renderAgreementPdf` (whichever implementation is merged): a PDF that
 * parses, the same bytes for the same model (the stored pdfSha256 can be recomputed), the model's timestamp as the
 * creation date, as many pages as the content needs, and fonts read from VIGIE_FONT_DIR when it is set.
 */
const org = (i: number) => `org_${String(i).padStart(32, '0')}`;
function model(parties: number): AgreementModel {
  const ids = Array.from({ length: parties }, (_, i) => org(i));
  return buildAgreementModel({
    documentId: `agr_${'0'.repeat(32)}`,
    version: 1,
    language: 'fr',
    generatedAt: '2027-01-04T09:00:00.000Z',
    project: {
      id: `prj_${'1'.repeat(32)}`,
      acronym: 'QUANTAI',
      title: 'Capteurs quantiques « intégrés » — 1 000 000 €',
      fundingScheme: 'france-2030',
      technologyDomains: ['quantum'],
      startDate: '2027-01-01',
      endDate: '2028-12-31',
    } as never,
    members: ids.map((organizationId) => ({ organizationId, role: 'partner' as const })),
    organizations: new Map(
      ids.map((id, i) => [
        id,
        { id, legalName: `Société œuvrant n° ${i} — un nom assez long pour devoir passer à la ligne ${'x'.repeat(i % 40)}`, country: 'FR', category: 'sme' },
      ]),
    ) as never,
    declarations: [],
    ipFileHash: 'f'.repeat(64),
    committee: { at: '2027-01-03T09:00:00.000Z', by: 'Marc' },
    flags: [],
    coOwnershipRegime: 'legal-default',
    publications: { noticeDays: 45, objectionDays: 30, filingDelayDays: 90 },
  });
}

test('a PDF that parses, byte-identical for the same model, dated by the model, paginated by its content', async () => {
  const small = model(2);
  const a = await renderAgreementPdf(small);
  expect(Buffer.from(a.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  expect(Buffer.from(await renderAgreementPdf(small)).equals(Buffer.from(a))).toBe(true);
  const doc = await PDFDocument.load(a, { updateMetadata: false });
  expect(doc.getTitle()).toContain('QUANTAI');
  expect(doc.getCreationDate()?.toISOString()).toBe('2027-01-04T09:00:00.000Z');
  const large = await PDFDocument.load(await renderAgreementPdf(model(60)), { updateMetadata: false });
  expect(large.getPageCount()).toBeGreaterThan(doc.getPageCount());
});

test('fonts come from VIGIE_FONT_DIR when it is set', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'vigie-no-fonts-'));
  const saved = process.env.VIGIE_FONT_DIR;
  try {
    process.env.VIGIE_FONT_DIR = empty;
    let isolated: typeof Renderer | undefined;
    jest.isolateModules(() => {
      isolated = jest.requireActual<typeof Renderer>('../../shared/pdf/render-agreement');
    });
    await expect(isolated!.renderAgreementPdf(model(1))).rejects.toThrow(/ENOENT/);
    process.env.VIGIE_FONT_DIR = join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
    jest.isolateModules(() => {
      isolated = jest.requireActual<typeof Renderer>('../../shared/pdf/render-agreement');
    });
    expect(Buffer.from(await isolated!.renderAgreementPdf(model(1))).equals(Buffer.from(await renderAgreementPdf(model(1))))).toBe(true);
  } finally {
    if (saved === undefined) delete process.env.VIGIE_FONT_DIR;
    else process.env.VIGIE_FONT_DIR = saved;
    rmSync(empty, { recursive: true, force: true });
  }
});
