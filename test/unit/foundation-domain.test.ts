import fc from 'fast-check';
import { isValidSiren } from '../../shared/domain/siren';
import { canonicalJson, GENESIS_HASH, sealEvent, verifyChain, type AuditEvent } from '../../shared/domain/audit';
import { findShareholdingCycle, organizationInputSchema } from '../../shared/domain/organization';
import { projectInputSchema } from '../../shared/domain/project';
import { canReadOrganization, canReadProject, type Principal } from '../../shared/domain/access';
import { zodIssuesToFieldErrors } from '../../shared/domain/validation';
import { isEuEea } from '../../shared/domain/countries';

describe('SIREN', () => {
  test.each(['775685019', '901234567', '552100554' /* a well-known SIREN */])('%s is valid', (s) => expect(isValidSiren(s)).toBe(true));
  test.each(['123456789', '77568501', '7756850190', 'abcdefghi', '775 685 019', ''])('%s is invalid', (s) => expect(isValidSiren(s)).toBe(false));
  test('changing any single digit of a valid SIREN breaks the check', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const s = '775685019';
        const d = (Number(s[pos]) + delta) % 10;
        return !isValidSiren(s.slice(0, pos) + d + s.slice(pos + 1));
      }),
    );
  });
});

describe('canonical JSON', () => {
  test('key order does not matter, values do', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(canonicalJson({ a: 1, u: undefined })).toBe('{"a":1}');
  });
  test('is stable under key permutations (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        return canonicalJson(obj) === canonicalJson(reversed);
      }),
    );
  });
});

describe('audit hash chain', () => {
  const actor = { sub: 'u', role: 'legal', org: null };
  function chainOf(n: number): AuditEvent[] {
    const out: AuditEvent[] = [];
    let prev = GENESIS_HASH;
    for (let i = 1; i <= n; i++) {
      const e = sealEvent({
        chain: 'PROJ#x',
        seq: i,
        at: `2026-01-0${i}T00:00:00.000Z`,
        actor,
        action: 'a',
        target: { type: 't', id: String(i) },
        after: { i },
        prevHash: prev,
      });
      out.push(e);
      prev = e.hash;
    }
    return out;
  }
  test('an intact chain verifies', () => expect(verifyChain(chainOf(5))).toMatchObject({ valid: true, length: 5 }));
  test('a changed field names its seq', () => {
    const c = chainOf(5);
    c[2] = { ...c[2]!, after: { i: 99 } };
    expect(verifyChain(c)).toMatchObject({ valid: false, brokenSeq: 3, reason: 'hash-mismatch' });
  });
  test('a re-sealed forged event breaks the link of the next one', () => {
    const c = chainOf(5);
    const { hash: _h, ...body } = c[1]!;
    c[1] = sealEvent({ ...body, action: 'forged' });
    expect(verifyChain(c)).toMatchObject({ valid: false, brokenSeq: 3, reason: 'prev-hash-mismatch' });
  });
  test('a removed event is a gap', () => {
    const c = chainOf(4);
    c.splice(1, 1);
    expect(verifyChain(c)).toMatchObject({ valid: false, brokenSeq: 2, reason: 'gap' });
  });
});

describe('shareholding cycles', () => {
  const graph: Record<string, string[]> = { a: [], b: ['a'], c: ['b'], d: ['c'] };
  const holdersOf = (id: string) => graph[id] ?? [];
  test('no cycle in a chain of depth 3', () => expect(findShareholdingCycle('a', [], holdersOf)).toBeNull());
  test('a held by d (d←c←b←a) closes a cycle', () => expect(findShareholdingCycle('a', ['d'], holdersOf)).toEqual(['a', 'd', 'c', 'b', 'a']));
  test('self-holding is a cycle', () => expect(findShareholdingCycle('a', ['a'], holdersOf)).toEqual(['a', 'a']));
});

describe('organization schema', () => {
  const base = { legalName: 'X', siren: '775685019', country: 'FR', category: 'sme' };
  const paths = (input: unknown) => {
    const r = organizationInputSchema.safeParse(input);
    return r.success ? [] : zodIssuesToFieldErrors(r.error.issues).map((e) => e.path);
  };
  test('valid French organization with defaults', () => {
    expect(organizationInputSchema.parse(base)).toMatchObject({ listed: false, zrr: false, shareholders: [], representatives: [] });
  });
  test('field paths of errors', () => {
    expect(paths({ ...base, siren: '775685018' })).toEqual(['siren']);
    expect(paths({ ...base, country: 'XX' })).toEqual(['country']);
    expect(paths({ ...base, role: 'admin' })).toEqual(['role']);
    expect(paths({ ...base, shareholders: [{ name: 'a', country: 'FR', votingRightsPct: -1 }] })).toEqual(['shareholders/0/votingRightsPct']);
    expect(paths({ ...base, shareholders: [{ name: 'a', country: 'FR', votingRightsPct: 10.00001 }] })).toEqual(['shareholders/0/votingRightsPct']);
    expect(paths({ legalName: 'Y', country: 'DE', category: 'large' })).toEqual(['registrationId']);
    expect(paths({ ...base, country: 'FR', siren: undefined })).toEqual(['siren']);
    expect(paths({ ...base, registeredAddress: { street: '1 rue X', postalCode: '', city: 'Grenoble' } })).toEqual(['registeredAddress/postalCode']);
    expect(paths({ ...base, registeredAddress: { street: '1 rue X', postalCode: '38000', city: 'Grenoble', floor: 2 } })).toEqual(['registeredAddress/floor']);
  });
  test('the registered address (printed in the agreement) is kept as given, trimmed', () => {
    const addr = { street: ' 17 avenue des Martyrs ', postalCode: '38000', city: 'Grenoble' };
    expect(organizationInputSchema.parse({ ...base, registeredAddress: addr }).registeredAddress).toEqual({ ...addr, street: '17 avenue des Martyrs' });
  });
  test('voting rights: exactly 100 passes with decimals, 100.0001 fails', () => {
    const sh = (pcts: number[]) => ({ ...base, shareholders: pcts.map((p, i) => ({ name: `s${i}`, country: 'FR', votingRightsPct: p })) });
    expect(paths(sh([33.33, 33.33, 33.34]))).toEqual([]);
    expect(paths(sh([0.1, 0.2, 99.7]))).toEqual([]);
    expect(paths(sh([50, 50.0001]))).toEqual(['shareholders']);
  });
  test('text is stored as given, markup included (outputs escape it)', () => {
    expect(organizationInputSchema.parse({ ...base, legalName: '<script>alert(1)</script>' }).legalName).toBe('<script>alert(1)</script>');
  });
});

describe('project schema', () => {
  const base = { acronym: 'QUANTAI', title: 'T', fundingScheme: 'anr', technologyDomains: ['quantum'], startDate: '2027-01-01', endDate: '2028-01-01' };
  test('a date that does not exist is refused', () => expect(projectInputSchema.safeParse({ ...base, startDate: '2027-02-30' }).success).toBe(false));
  test('end must be after start', () => expect(projectInputSchema.safeParse({ ...base, endDate: '2027-01-01' }).success).toBe(false));
  test('exactly one coordinator when partners are listed', () => {
    const o = (n: number) => `org_${String(n).repeat(32)}`;
    expect(projectInputSchema.safeParse({ ...base, partners: [{ organizationId: o(1), role: 'partner' }] }).success).toBe(false);
    expect(
      projectInputSchema.safeParse({
        ...base,
        partners: [
          { organizationId: o(1), role: 'coordinator' },
          { organizationId: o(2), role: 'partner' },
        ],
      }).success,
    ).toBe(true);
  });
});

describe('object-level access', () => {
  const facts = { projectId: 'p', memberOrgIds: ['org_a'], lawyerEmails: ['l@x.fr'] };
  const P = (p: Partial<Principal> & Pick<Principal, 'role'>): Principal => ({ sub: 's', ...p });
  test('projects', () => {
    expect(canReadProject(P({ role: 'legal' }), facts)).toBe(true);
    expect(canReadProject(P({ role: 'committee' }), facts)).toBe(true);
    expect(canReadProject(P({ role: 'lawyer', email: 'l@x.fr' }), facts)).toBe(true);
    expect(canReadProject(P({ role: 'lawyer', email: 'other@x.fr' }), facts)).toBe(false);
    expect(canReadProject(P({ role: 'partner', organizationId: 'org_a' }), facts)).toBe(true);
    expect(canReadProject(P({ role: 'partner', organizationId: 'org_b' }), facts)).toBe(false);
    expect(canReadProject(P({ role: 'partner' }), facts)).toBe(false);
  });
  test('organizations', () => {
    expect(canReadOrganization(P({ role: 'partner', organizationId: 'org_a' }), 'org_a')).toBe(true);
    expect(canReadOrganization(P({ role: 'partner', organizationId: 'org_a' }), 'org_b')).toBe(false);
    expect(canReadOrganization(P({ role: 'lawyer' }), 'org_b', false)).toBe(false);
    expect(canReadOrganization(P({ role: 'lawyer' }), 'org_b', true)).toBe(true);
  });
});

test('EU/EEA list: Switzerland and the UK are outside, Norway inside', () => {
  expect(isEuEea('CH')).toBe(false);
  expect(isEuEea('GB')).toBe(false);
  expect(isEuEea('NO')).toBe(true);
  expect(isEuEea('fr')).toBe(true);
});
