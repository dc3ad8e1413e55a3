import * as fc from 'fast-check';
import { diffDeclarations, isEmptyRedline, parseRedlinePath, redlinePathToPointer, type Redline } from '../../shared/domain/redline';

const A = `org_${'a'.repeat(32)}`;
const B = `org_${'b'.repeat(32)}`;

// Fixtures are mutated freely.
type Any = any;

function version1(): Any {
  return {
    background: [
      {
        key: 'bg-1',
        type: 'patent',
        title: 'Capteur',
        jurisdictions: ['FR', 'EP'],
        owners: [{ organizationId: A }],
        executionConditions: { regime: 'royalty-free' },
      },
      { key: 'bg-2', type: 'software', title: 'Firmware', exportControl: { category: 'none' } },
    ],
    results: [
      {
        key: 'r-1',
        title: 'Résultat',
        ownership: [
          { organizationId: A, pct: 50 },
          { organizationId: B, pct: 50 },
        ],
        plannedPublications: [{ venue: 'Optica', date: '2026-03-01' }],
      },
    ],
    accessRights: [{ key: 'ar-1', purpose: 'exploitation', territory: { scope: 'worldwide' } }],
    confidentiality: { termYears: 5, survivesProject: true },
    contacts: [{ name: 'Pierre', position: 'PI', email: 'p@example.fr' }],
  };
}
const empty: Redline = { added: [], removed: [], changed: [] };

describe('diffDeclarations', () => {
  test('identical versions → empty redline', () => {
    expect(diffDeclarations(version1(), version1())).toEqual(empty);
    expect(isEmptyRedline(diffDeclarations(version1(), version1()))).toBe(true);
    expect(diffDeclarations({}, {})).toEqual(empty);
  });

  test('reordering keyed items, shares and plain lists → empty redline', () => {
    const b = version1();
    b.background.reverse();
    b.results[0].ownership.reverse();
    b.background[1].jurisdictions.reverse();
    expect(diffDeclarations(version1(), b)).toEqual(empty);
  });

  test('key order inside objects does not matter; undefined equals absent', () => {
    const b = version1();
    b.confidentiality = { survivesProject: true, termYears: 5 };
    b.background[0].description = undefined;
    expect(diffDeclarations(version1(), b)).toEqual(empty);
  });

  test('one field change → one changed path, addressed by key', () => {
    const b = version1();
    b.background[1].title = 'Firmware v2';
    expect(diffDeclarations(version1(), b)).toEqual({ ...empty, changed: [{ path: '/background[key=bg-2]/title', from: 'Firmware', to: 'Firmware v2' }] });
  });

  test('inserting an item at the top → one added entry, nothing else', () => {
    const b = version1();
    const item = { key: 'bg-0', type: 'know-how', title: 'Savoir-faire' };
    b.background.unshift(item);
    expect(diffDeclarations(version1(), b)).toEqual({ ...empty, added: [{ path: '/background[key=bg-0]', value: item }] });
  });

  test('removing an item → one removed entry with its old value', () => {
    const b = version1();
    const [gone] = b.background.splice(0, 1);
    expect(diffDeclarations(version1(), b)).toEqual({ ...empty, removed: [{ path: '/background[key=bg-1]', value: gone }] });
  });

  test('a field set or cleared → added or removed at its path', () => {
    const b = version1();
    b.background[0].priorityDate = '2018-03-01';
    delete b.accessRights[0].territory;
    expect(diffDeclarations(version1(), b)).toEqual({
      added: [{ path: '/background[key=bg-1]/priorityDate', value: '2018-03-01' }],
      removed: [{ path: '/accessRights[key=ar-1]/territory', value: { scope: 'worldwide' } }],
      changed: [],
    });
  });

  test('shares are matched by organization', () => {
    const b = version1();
    b.results[0].ownership = [
      { organizationId: B, pct: 40 },
      { organizationId: A, pct: 60 },
    ];
    expect(diffDeclarations(version1(), b).changed).toEqual([
      { path: `/results[key=r-1]/ownership[organizationId=${B}]/pct`, from: 50, to: 40 },
      { path: `/results[key=r-1]/ownership[organizationId=${A}]/pct`, from: 50, to: 60 },
    ]);
  });

  test('a plain list that differs is reported whole', () => {
    const b = version1();
    b.background[0].jurisdictions = ['EP', 'FR', 'US'];
    b.results[0].plannedPublications[0].date = '2026-04-01';
    expect(diffDeclarations(version1(), b).changed).toEqual([
      { path: '/background[key=bg-1]/jurisdictions', from: ['FR', 'EP'], to: ['EP', 'FR', 'US'] },
      { path: '/results[key=r-1]/plannedPublications', from: [{ venue: 'Optica', date: '2026-03-01' }], to: [{ venue: 'Optica', date: '2026-04-01' }] },
    ]);
  });

  test('a changed discriminator reports the nested fields', () => {
    const b = version1();
    b.accessRights[0].territory = { scope: 'countries', countries: ['FR'] };
    expect(diffDeclarations(version1(), b)).toEqual({
      added: [{ path: '/accessRights[key=ar-1]/territory/countries', value: ['FR'] }],
      removed: [],
      changed: [{ path: '/accessRights[key=ar-1]/territory/scope', from: 'worldwide', to: 'countries' }],
    });
  });

  test('sections come in declaration order, fields in schema order, whatever the input key order', () => {
    const a = version1();
    const b = version1();
    b.contacts[0].email = 'q@example.fr';
    b.confidentiality.termYears = 7;
    b.background[0].title = 'Capteur v2';
    b.background[0].type = 'patent-application';
    const reversedKeys = (v: unknown) =>
      JSON.parse(JSON.stringify(v), (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).reverse()) : x));
    const expected = ['/background[key=bg-1]/type', '/background[key=bg-1]/title', '/confidentiality/termYears', '/contacts'];
    expect(diffDeclarations(a, b).changed.map((c) => c.path)).toEqual(expected);
    expect(diffDeclarations(reversedKeys(a), reversedKeys(b))).toEqual(diffDeclarations(a, b));
  });

  test('keyed items follow the order of the newer version; removals come after', () => {
    const a = version1();
    a.background.push({ key: 'bg-3', title: 'C' });
    const b = version1();
    b.background = [
      { ...b.background[1], title: 'changed 2' },
      { ...b.background[0], title: 'changed 1' },
    ];
    b.background.unshift({ key: 'bg-9', title: 'new' });
    const r = diffDeclarations(a, b);
    expect(r.added.map((x) => x.path)).toEqual(['/background[key=bg-9]']);
    expect(r.changed.map((x) => x.path)).toEqual(['/background[key=bg-2]/title', '/background[key=bg-1]/title']);
    expect(r.removed.map((x) => x.path)).toEqual(['/background[key=bg-3]']);
  });

  test('a keyed list whose items cannot be told apart is compared whole', () => {
    const a = {
      background: [
        { key: 'x', title: '1' },
        { key: 'x', title: '2' },
      ],
    };
    const b = {
      background: [
        { key: 'x', title: '1' },
        { key: 'x', title: '3' },
      ],
    };
    expect(diffDeclarations(a, b)).toEqual({ ...empty, changed: [{ path: '/background', from: a.background, to: b.background }] });
    expect(diffDeclarations(a, { background: [...a.background].reverse() })).toEqual(empty);
  });

  test('whole sections added or removed, and non-objects at the root', () => {
    expect(diffDeclarations({}, { confidentiality: { termYears: 3, survivesProject: true } })).toEqual({
      ...empty,
      added: [{ path: '/confidentiality', value: { termYears: 3, survivesProject: true } }],
    });
    expect(diffDeclarations(null, {})).toEqual({ ...empty, changed: [{ path: '', from: null, to: {} }] });
  });

  test('values are shown as stored: markup is not interpreted', () => {
    const b = version1();
    b.background[0].title = '<script>alert(1)</script>';
    expect(diffDeclarations(version1(), b).changed).toEqual([{ path: '/background[key=bg-1]/title', from: 'Capteur', to: '<script>alert(1)</script>' }]);
  });
});

describe('properties', () => {
  const item = fc.record({
    title: fc.string({ maxLength: 8 }),
    n: fc.integer({ min: 0, max: 3 }),
    tags: fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }),
  });
  const keyedList = fc
    .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,5}$/), { maxLength: 8 })
    .chain((keys) => fc.tuple(...keys.map((key) => item.map((it) => ({ key, ...it })))));
  const declaration = fc.record({ background: keyedList, results: keyedList, confidentiality: fc.record({ termYears: fc.integer({ min: 1, max: 20 }) }) });

  test('diff(x, x) is empty; shuffling keyed items is empty; diff(a, b) mirrors diff(b, a)', () => {
    const withShuffle = declaration.chain((a) =>
      fc.shuffledSubarray(a.background, { minLength: a.background.length, maxLength: a.background.length }).map((bg) => [a, { ...a, background: bg }] as const),
    );
    fc.assert(
      fc.property(withShuffle, declaration, ([a, shuffled], b) => {
        expect(diffDeclarations(a, structuredClone(a))).toEqual(empty);
        expect(diffDeclarations(a, shuffled)).toEqual(empty);
        const ab = diffDeclarations(a, b);
        const ba = diffDeclarations(b, a);
        const paths = (xs: { path: string }[]) => xs.map((x) => x.path).sort();
        expect(paths(ab.added)).toEqual(paths(ba.removed));
        expect(paths(ab.removed)).toEqual(paths(ba.added));
        expect(paths(ab.changed)).toEqual(paths(ba.changed));
      }),
      { numRuns: 300 },
    );
  });
});

describe('redline paths', () => {
  test('parseRedlinePath splits names and selectors', () => {
    expect(parseRedlinePath(`/results[key=r-1]/ownership[organizationId=${A}]/pct`)).toEqual([
      { name: 'results', select: { field: 'key', value: 'r-1' } },
      { name: 'ownership', select: { field: 'organizationId', value: A } },
      { name: 'pct' },
    ]);
    expect(parseRedlinePath('')).toEqual([]);
    expect(() => parseRedlinePath('background')).toThrow(SyntaxError);
  });

  test('redlinePathToPointer finds the field in a given version', () => {
    const doc = version1();
    doc.background.unshift({ key: 'bg-0' });
    expect(redlinePathToPointer('/background[key=bg-2]/title', doc)).toBe('/background/2/title');
    expect(redlinePathToPointer(`/results[key=r-1]/ownership[organizationId=${B}]/pct`, doc)).toBe('/results/0/ownership/1/pct');
    expect(redlinePathToPointer('/confidentiality/termYears', doc)).toBe('/confidentiality/termYears');
    expect(redlinePathToPointer('/background[key=bg-404]/title', doc)).toBeNull();
    expect(redlinePathToPointer('', doc)).toBe('');
  });

  test('every path of a redline resolves in the version it comes from', () => {
    const a = version1();
    const b = version1();
    b.background.unshift({ key: 'bg-0', title: 'new' });
    b.background[2].title = 'x';
    b.results[0].ownership[1].pct = 10;
    a.accessRights[0].terms = 'old';
    const r = diffDeclarations(a, b);
    for (const x of r.added) expect(redlinePathToPointer(x.path, b)).not.toBeNull();
    for (const x of r.removed) expect(redlinePathToPointer(x.path, a)).not.toBeNull();
    for (const x of r.changed) {
      expect(redlinePathToPointer(x.path, a)).not.toBeNull();
      expect(redlinePathToPointer(x.path, b)).not.toBeNull();
    }
  });
});
