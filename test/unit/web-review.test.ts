import type { Principal, Role } from '../../shared/domain/access';
import { getFormDocument } from '../../shared/domain/forms/registry';
import { diffDeclarations, parseRedlinePath } from '../../shared/domain/redline';
import { FLAG_ACTIONS as DOMAIN_ACTIONS, FLAG_STATUSES, flagActionsFor as domainActionsFor } from '../../shared/domain/risk/lifecycle';
import { isAssignee, type Assignee } from '../../shared/domain/workflow';
import { completeDeclaration } from '../fixtures/declaration';
import { ACTION_FIELD, canDecide, FLAG_ACTIONS, fieldErrors, flagActionsFor, gateFor } from '../../web/src/pages/project/review-logic';
import { describe as describeValue, formatScalar, groupRedline, locate, parsePath, type Json } from '../../web/src/pages/redline/redline-model';

/** The project page's review logic (web/src/pages/project/review-logic.ts) and the redline's model, against the domain. */

const ROLES: Role[] = ['legal', 'committee', 'lawyer', 'partner'];

describe('flag actions offered by the page', () => {
  it('are exactly those the domain accepts, for every status and role', () => {
    expect([...FLAG_ACTIONS]).toEqual([...DOMAIN_ACTIONS]);
    for (const status of FLAG_STATUSES) for (const role of ROLES) expect(flagActionsFor(status, role)).toEqual(domainActionsFor(status, role));
    expect(flagActionsFor('open', 'legal')).toContain('waive');
    expect(flagActionsFor('open', 'committee')).not.toContain('waive');
    expect(flagActionsFor('open', 'lawyer')).toEqual([]);
  });

  it('ask for a justification to waive and a note to mitigate (the fields the API checks)', () => {
    expect(ACTION_FIELD.waive).toEqual({ field: 'justification', required: true });
    expect(ACTION_FIELD.mitigate).toEqual({ field: 'note', required: true });
    expect(ACTION_FIELD.acknowledge.required).toBe(false);
  });
});

describe('who decides a step', () => {
  const org = 'org_0123456789abcdef0123456789abcdef';
  const other = 'org_fedcba9876543210fedcba9876543210';
  const assignees: Assignee[] = [
    { role: 'partner', orgId: org, email: null },
    { role: 'legal', orgId: null, email: null },
    { role: 'legal', orgId: null, email: 'juriste@pole.example' },
    { role: 'committee', orgId: null, email: null },
    { role: 'lawyer', orgId: null, email: 'avocat@cabinet.example' },
  ];
  const principals: Principal[] = [
    { sub: 'a', role: 'partner', organizationId: org, email: 'rep@a.example' },
    { sub: 'b', role: 'partner', organizationId: other, email: 'rep@b.example' },
    { sub: 'c', role: 'legal', email: 'Juriste@Pole.example' },
    { sub: 'd', role: 'legal', email: 'autre@pole.example' },
    { sub: 'e', role: 'committee', email: 'comite@pole.example' },
    { sub: 'f', role: 'lawyer', email: 'avocat@cabinet.example' },
    { sub: 'g', role: 'lawyer', email: 'autre@cabinet.example' },
  ];
  it('is the domain’s isAssignee', () => {
    for (const a of assignees) for (const p of principals) expect([a, p, canDecide(a, p)]).toEqual([a, p, isAssignee(a, p)]);
  });
});

describe('gates and problems', () => {
  const gates = { blockingFlags: [{ id: 'flg_1', ruleId: 'IEF-FOREIGN-CONTROL', severity: 'high' }], iefHolds: [{ flagId: 'flg_1', orgId: 'org_x' }] };
  it('flags block the legal review and the committee, holds only the committee', () => {
    expect(gateFor('legal-review', gates)).toEqual({ blockingFlags: gates.blockingFlags, iefHolds: [] });
    expect(gateFor('committee', gates)).toEqual(gates);
    expect(gateFor('partner-approval', gates)).toEqual({ blockingFlags: [], iefHolds: [] });
    expect(gateFor('committee', undefined)).toEqual({ blockingFlags: [], iefHolds: [] });
  });
  it('reads field errors by top-level field', () => {
    expect(
      fieldErrors({
        errors: [
          { path: 'justification', pointer: '/justification', message: 'Au moins 20 caractères' },
          { path: 'changesRequestedFrom/0', pointer: '/changesRequestedFrom/0', message: 'Pas un partenaire' },
          { path: 'changesRequestedFrom/1', message: 'Deux fois' },
        ],
      }),
    ).toEqual({ justification: 'Au moins 20 caractères', changesRequestedFrom: 'Pas un partenaire Deux fois' });
    expect(fieldErrors(undefined)).toEqual({});
  });
});

describe('redline model', () => {
  const ui = getFormDocument('declaration', 'fr')!.uiSchema as Json;
  const a = 'org_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
  const b = 'org_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
  const c = 'org_cccccccccccccccccccccccccccccccc';
  const names: Record<string, string> = { [a]: 'Alpha SAS', [b]: 'Bêta SA', [c]: 'Gamma SARL' };
  const orgName = (id: string) => names[id] ?? id;
  const values = { orgName, date: (iso: string) => iso.split('-').reverse().join('/'), yes: 'Oui', no: 'Non', empty: '(vide)' };

  it('parses paths as the domain does', () => {
    for (const p of ['/results[key=r-1]/ownership[organizationId=org_x]/pct', '/signatory/email', '/background[key=bg-2]'])
      expect(parsePath(p).map((s) => (s.selector ? { name: s.name, key: s.selector.field, value: s.selector.value } : { name: s.name }))).toEqual(
        parseRedlinePath(p).map((s) => (s.select ? { name: s.name, key: s.select.field, value: s.select.value } : { name: s.name })),
      );
  });

  it('names fields with the form’s labels, items by key and title, shares by organization', () => {
    const from = completeDeclaration(a, b, c);
    const to = completeDeclaration(a, b, c);
    to.background[1].title = 'Firmware v2';
    to.results[0].ownership[0].pct = 33.34;
    to.results[0].ownership[2].pct = 33.33;
    to.background[0].type = 'patent-application';
    to.background[0].jurisdictions = ['FR'];
    to.background.push({ ...from.background[1], key: 'bg-9', title: 'Nouveau', fromZrr: true });
    to.contacts = [];
    const r = diffDeclarations(from, to);
    const ctx = { ui, orgName, contents: [from, to] };
    expect(locate('/results[key=r-1]/ownership[organizationId=' + a + ']/pct', ctx).labels).toEqual([
      'Résultats attendus',
      'r-1 — Capteur quantique',
      'Quotes-parts de copropriété',
      'Alpha SAS',
      'Quote-part (%)',
    ]);
    expect(locate('/background[key=bg-2]/title', ctx).labels).toEqual(['Connaissances antérieures', 'bg-2 — Firmware v2', 'Intitulé']);

    const groups = groupRedline(r, ctx, values);
    // Sections in the form's order, with the form's titles.
    expect(groups.map((g) => g.title)).toEqual(['Signataire et contacts', 'Connaissances antérieures', 'Résultats attendus']);
    const all = groups.flatMap((g) => g.entries);
    const at = (path: string) => all.find((e) => e.path === path)!;
    // Enum values as their labels, lists of countries by name, percentages with their unit.
    expect(at('/background[key=bg-1]/type')).toMatchObject({ kind: 'changed', from: 'Brevet', to: 'Demande de brevet' });
    expect(at('/background[key=bg-1]/jurisdictions')).toMatchObject({ kind: 'changed', to: 'France' });
    expect(at(`/results[key=r-1]/ownership[organizationId=${a}]/pct`)).toMatchObject({ from: '33.33 %', to: '33.34 %' });
    // An added item: its fields in the form's order, with labels, yes/no and organization names.
    const added = at('/background[key=bg-9]');
    expect(added.kind).toBe('added');
    const fields = (added as { value: { label: string; text?: string; fields?: unknown[] }[] }).value;
    expect(fields.map((f) => f.label).slice(0, 3)).toEqual(['Clé', 'Nature', 'Intitulé']);
    expect(fields.find((f) => f.label === 'Issu d’une ZRR')?.text).toBe('Oui');
    expect(JSON.stringify(fields.find((f) => f.label === 'Titulaires'))).toContain('Alpha SAS');
  });

  it('formats values as the form shows them', () => {
    expect(formatScalar('2027-06-15', { 'ui:widget': 'date' }, values)).toBe('15/06/2027');
    expect(formatScalar(false, undefined, values)).toBe('Non');
    expect(formatScalar([], undefined, values)).toBe('(vide)');
    expect(formatScalar(b, { 'ui:widget': 'organization-picker' }, values)).toBe('Bêta SA');
    // Text is text: a value that looks like HTML stays as typed (React escapes it).
    expect(describeValue('<b>x</b>', undefined, values)).toBe('<b>x</b>');
  });
});
