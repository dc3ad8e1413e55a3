import { mailedOrgIds, workflowEffectEmails } from '../../shared/domain/mail/workflow-mails';
import type { Organization } from '../../shared/domain/organization';
import type { WorkflowEffect } from '../../shared/domain/workflow';

const FR = 'org_11111111111111111111111111111111';
const EN = 'org_22222222222222222222222222222222';
const NOBODY = 'org_33333333333333333333333333333333';
const org = (id: string, language: 'fr' | 'en', emails: string[]): Organization =>
  ({ id, legalName: id, representatives: emails.map((email) => ({ name: email, email, language })) }) as unknown as Organization;
const ORGS = new Map([
  [FR, org(FR, 'fr', ['a@fr.example', 'b@fr.example'])],
  [EN, org(EN, 'en', ['c@en.example'])],
  [NOBODY, org(NOBODY, 'fr', [])],
]);
const PROJECT = { id: 'prj_1', acronym: 'QUANTAI', title: 'Capteurs <quantiques>' };
const by = { sub: 'u', email: 'juriste@pole.example', role: 'legal' as const, org: null };
const mails = (effects: WorkflowEffect[]) => workflowEffectEmails(PROJECT, effects, ORGS, 'https://vigie.example');

describe('workflow emails', () => {
  test('agreement ready: every partner with representatives, in its language, linking to the agreements page', () => {
    const out = mails([{ type: 'agreement-recorded', agreementId: 'agr_1.v1', hash: 'h', replaced: null, orgIds: [FR, EN, NOBODY] }]);
    expect(out.map((m) => m.to)).toEqual([['a@fr.example', 'b@fr.example'], ['c@en.example']]);
    expect(out[0]!.subject).toBe("[Vigie] QUANTAI : l'accord de consortium est prêt à signer");
    expect(out[1]!.subject).toBe('[Vigie] QUANTAI: the consortium agreement is ready for signature');
    expect(out[0]!.text).toContain('https://vigie.example/projects/prj_1/agreements');
    expect(out[0]!.html).toContain('Capteurs &lt;quantiques&gt;');
  });

  test('agreement withdrawn: the reason, or that the IP file changed', () => {
    const [fr] = mails([{ type: 'agreement-invalidated', agreementId: 'a', orgIds: [FR], reason: 'Quote-part erronée' }]);
    expect(fr!.subject).toContain("l'accord en attente de signature est annulé");
    expect(fr!.text).toContain('ne le signez pas');
    expect(fr!.text).toContain('Quote-part erronée');
    const [en] = mails([{ type: 'agreement-invalidated', agreementId: 'a', orgIds: [EN], reason: null }]);
    expect(en!.text).toContain('the IP file changed since it was drawn up');
  });

  test('signed by all: the IP file is locked', () => {
    const out = mails([{ type: 'workflow-signed', agreementId: 'a', ipFileHash: 'h', orgIds: [FR, EN] }]);
    expect(out[0]!.text).toContain('verrouillé');
    expect(out[1]!.text).toContain('locked');
  });

  test('changes requested at a reopen carry the reopen reason; after a decision, its comment', () => {
    const reopened = mails([
      { type: 'agreement-invalidated', agreementId: 'a', orgIds: [], reason: 'Revoir la licence' },
      { type: 'changes-requested', stepId: 'committee', orgIds: [FR], by },
    ]);
    expect(reopened).toHaveLength(1);
    expect(reopened[0]!.text).toContain('Revoir la licence');
    const decided = mails([
      {
        type: 'step-decided',
        stepId: 'legal-review',
        decision: { decision: 'request-changes', comment: 'Précisez', changesRequestedFrom: [EN], by, at: 'x', ipFileHash: 'h' },
      },
      { type: 'changes-requested', stepId: 'legal-review', orgIds: [EN], by },
    ]);
    expect(decided[0]!.text).toContain('Précisez');
  });

  test('approvals re-opened; effects that mail nobody give nothing; mailedOrgIds is the union', () => {
    expect(mails([{ type: 'approvals-reopened', orgIds: [EN], ipFileHash: 'h' }])[0]!.subject).toBe(
      '[Vigie] QUANTAI: the IP file changed, please approve again',
    );
    expect(mails([{ type: 'signature-recorded', orgId: FR, agreementId: 'a' }])).toEqual([]);
    expect(
      mailedOrgIds([
        { type: 'approvals-reopened', orgIds: [EN], ipFileHash: 'h' },
        { type: 'workflow-signed', agreementId: 'a', ipFileHash: 'h', orgIds: [FR, EN] },
        { type: 'signature-recorded', orgId: NOBODY, agreementId: 'a' },
      ]),
    ).toEqual([EN, FR]);
  });
});
