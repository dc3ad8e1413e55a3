import {
  agreementIdOf,
  agreementObjectKeys,
  agreementRequestSchema,
  agreementStatus,
  agreementsPrefix,
  signatureRequestSchema,
  signedCopyKey,
  versionOfFolder,
} from '../../shared/domain/agreement-records';
import { DEFAULT_PUBLICATION_TERMS } from '../../shared/domain/agreement/model';
import { createWorkflow, type WorkflowState } from '../../shared/domain/workflow';
import { parseOrThrow } from '../../shared/domain/validation';
import { ValidationError } from '../../shared/domain/errors';

const P = `prj_${'1'.repeat(32)}`;
const DOC = `agr_${'a'.repeat(32)}`;

describe('ids and keys', () => {
  test('agreement ids name the version of the project document; files are keyed by project and version', () => {
    expect(agreementIdOf(DOC, 3)).toBe(`${DOC}.v3`);
    expect(agreementObjectKeys(P, 3)).toEqual({ pdf: `projects/${P}/agreements/v3/agreement.pdf`, model: `projects/${P}/agreements/v3/model.json` });
    expect(signedCopyKey(P, 3, 'org_x')).toBe(`projects/${P}/agreements/v3/signed/org_x.pdf`);
  });

  test('version folders of the bucket listing', () => {
    expect(versionOfFolder(P, `${agreementsPrefix(P)}v12/`)).toBe(12);
    for (const other of [`${agreementsPrefix(P)}v0/`, `${agreementsPrefix(P)}v1/x/`, `${agreementsPrefix(P)}w1/`, `projects/prj_other/agreements/v1/`, 'v1/']) {
      expect({ other, n: versionOfFolder(P, other) }).toEqual({ other, n: null });
    }
  });
});

describe('request bodies', () => {
  test('generation: defaults (legal co-ownership rules, DESCA publication terms); bounded whole days; objection within notice', () => {
    expect(agreementRequestSchema.parse({ language: 'en' })).toEqual({
      language: 'en',
      coOwnershipRegime: 'legal-default',
      publications: { ...DEFAULT_PUBLICATION_TERMS },
    });
    expect(agreementRequestSchema.parse({ language: 'fr', publications: { noticeDays: 60 } }).publications).toEqual({
      noticeDays: 60,
      objectionDays: 30,
      filingDelayDays: 90,
    });
    const paths = (body: unknown) => {
      try {
        parseOrThrow(agreementRequestSchema, body);
        return [];
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).errors!.map((x) => x.path);
      }
    };
    expect(paths({ language: 'fr', publications: { noticeDays: 0, objectionDays: 1.5, filingDelayDays: 731 } })).toEqual([
      'publications/noticeDays',
      'publications/objectionDays',
      'publications/filingDelayDays',
    ]);
    expect(paths({ language: 'fr', publications: { noticeDays: 20 } })).toEqual(['publications/objectionDays']);
    expect(paths({ language: 'fr', coOwnershipRegime: 'other' })).toEqual(['coOwnershipRegime']);
  });

  test('signature: organization and document ids, a date, non-empty names', () => {
    const ok = {
      organizationId: `org_${'2'.repeat(32)}`,
      signatoryName: 'Marie',
      signatoryRole: 'Présidente',
      signedOn: '2027-01-04',
      documentId: `doc_${'3'.repeat(32)}`,
    };
    expect(signatureRequestSchema.parse(ok)).toEqual(ok);
    const bad = signatureRequestSchema.safeParse({ ...ok, signatoryName: '', signedOn: '04/01/2027', documentId: DOC });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('/')).sort()).toEqual(['documentId', 'signatoryName', 'signedOn']);
  });
});

describe('status of a version', () => {
  const wf = (agreementId: string | null, status: WorkflowState['status'] = 'active'): WorkflowState => {
    const s = createWorkflow(['org_a'], undefined, new Date('2027-01-01T00:00:00Z')).state;
    return { ...s, status, agreement: agreementId ? { agreementId, hash: 'h', generatedAt: s.createdAt, ipFileHash: 'i' } : null };
  };
  const v1 = { agreementId: `${DOC}.v1` };
  test('the workflow’s agreement is current, or signed once the workflow is', () => {
    expect(agreementStatus(v1, wf(v1.agreementId), null)).toBe('current');
    expect(agreementStatus(v1, wf(v1.agreementId, 'signed'), null)).toBe('signed');
  });
  test('replaced by the next version: superseded; dropped by the workflow (or no workflow): invalidated', () => {
    expect(agreementStatus(v1, wf(`${DOC}.v2`), { replaces: v1.agreementId })).toBe('superseded');
    expect(agreementStatus(v1, wf(`${DOC}.v2`), { replaces: null })).toBe('invalidated');
    expect(agreementStatus(v1, wf(null), null)).toBe('invalidated');
    expect(agreementStatus(v1, null, null)).toBe('invalidated');
  });
});
