import type * as z from 'zod';
import { declarationSubmitSchema } from './declaration';

/**
 * Structured redline between two versions of a declaration (`GET …/diff?from=a&to=b`).
 *
 * ## Path syntax
 * A path is a JSON-Pointer-like string: `/`-separated segments from the root of the declaration.
 * - A property is its name: `/confidentiality/termYears`, `/signatory/email`.
 * - An item of a **keyed list** is the list's name followed by a selector `[field=value]` naming the item by
 *   its identity instead of its position:
 *   - `background`, `results`, `accessRights` by `key`: `/background[key=bg-2]/title`,
 *     `/accessRights[key=ar-1]/territory/scope`;
 *   - `ownership` (shares of a result) by `organizationId`:
 *     `/results[key=r-1]/ownership[organizationId=org_3f…]/pct`.
 *   Keys and organization ids only hold `A–Z a–z 0–9 . _ -`, so selectors never need escaping.
 * - Any other list (identifiers, owners, jurisdictions, technology domains, documents, planned publications,
 *   territory countries, contacts) is one value: when it differs — ignoring order — the redline says the whole
 *   list changed, `{ path: '/background[key=bg-1]/jurisdictions', from: ['FR'], to: ['FR', 'US'] }`.
 * - The root is `''` (only when one side is not an object at all).
 * Property names are the schema's field names (letters only); they would be escaped as in RFC 6901 (`~0`,
 * `~1`) if they ever held `~` or `/`.
 *
 * Use {@link parseRedlinePath} to split a path, and {@link redlinePathToPointer} to turn it into the RFC 6901
 * pointer (with positions) of the field in one version, e.g. to highlight it in the form.
 *
 * ## What is reported
 * - `added`: present in `b` only (a new item: one entry with the whole item; a new field: one entry);
 * - `removed`: present in `a` only;
 * - `changed`: present in both with different values, at the deepest differing object field.
 * Moving items of a keyed list, or reordering an unkeyed list, is not a change. Absent and `undefined` are the
 * same. A keyed list whose items cannot all be told apart (missing or duplicate keys, which the schemas
 * refuse) is compared as one value, like an unkeyed list.
 *
 * ## Order
 * Deterministic: object fields in the order of the declaration schema (unknown names after, alphabetically),
 * keyed items in `b`'s order, removed items after them in `a`'s order. The same inputs always give the same
 * redline, whatever the key order of the objects.
 *
 * Pure: no I/O; values in the redline are the inputs' own (not copied) — do not mutate them.
 */

export interface RedlineEntry {
  path: string;
  value: unknown;
}
export interface RedlineChange {
  path: string;
  from: unknown;
  to: unknown;
}
export interface Redline {
  added: RedlineEntry[];
  removed: RedlineEntry[];
  changed: RedlineChange[];
}

/** Lists whose items are matched by identity, and the field that identifies them. */
export const KEYED_LISTS: Readonly<Record<string, string>> = {
  background: 'key',
  results: 'key',
  accessRights: 'key',
  ownership: 'organizationId',
};

const SAFE_SELECTOR_VALUE = /^[A-Za-z0-9._-]+$/;

type Json = unknown;
type Obj = Record<string, Json>;
const isObject = (v: Json): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const presentKeys = (o: Obj) => Object.keys(o).filter((k) => o[k] !== undefined);

/** Field names of the declaration schema in declaration order (depth first), for a stable, readable order. */
const FIELD_RANK: ReadonlyMap<string, number> = (() => {
  const rank = new Map<string, number>();
  const seen = new Set<unknown>();
  const walk = (schema: z.core.$ZodType | undefined) => {
    if (!schema || seen.has(schema)) return;
    seen.add(schema);
    const def = schema._zod.def as unknown as {
      type: string;
      shape?: Record<string, z.core.$ZodType>;
      options?: z.core.$ZodType[];
      innerType?: z.core.$ZodType;
      element?: z.core.$ZodType;
      in?: z.core.$ZodType;
    };
    if (def.shape) {
      for (const [name, field] of Object.entries(def.shape)) {
        if (!rank.has(name)) rank.set(name, rank.size);
        walk(field);
      }
    }
    for (const option of def.options ?? []) walk(option);
    walk(def.innerType);
    walk(def.element);
    walk(def.in);
  };
  walk(declarationSubmitSchema);
  return rank;
})();

const byFieldOrder = (x: string, y: string): number => {
  const rx = FIELD_RANK.get(x);
  const ry = FIELD_RANK.get(y);
  if (rx !== undefined && ry !== undefined) return rx - ry;
  if (rx !== undefined) return -1;
  if (ry !== undefined) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
};

const escapeName = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeName = (seg: string) => seg.replace(/~1/g, '/').replace(/~0/g, '~');

/** Canonical text of a JSON value (object keys sorted, undefined fields dropped), for order-insensitive comparison. */
function canonical(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v))
    return `{${presentKeys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = presentKeys(a);
    const kb = presentKeys(b);
    return ka.length === kb.length && ka.every((k) => b[k] !== undefined && deepEqual(a[k], b[k]));
  }
  return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
}

/** Same elements, in any order. */
function sameMultiset(a: readonly Json[], b: readonly Json[]): boolean {
  if (a.length !== b.length) return false;
  const x = a.map(canonical).sort();
  const y = b.map(canonical).sort();
  return x.every((s, i) => s === y[i]);
}

/** Items indexed by their identity field, or null when some item has no usable, unique identity. */
function indexByKey(items: readonly Json[], field: string): Map<string, Obj> | null {
  const m = new Map<string, Obj>();
  for (const item of items) {
    if (!isObject(item)) return null;
    const k = item[field];
    if (typeof k !== 'string' || !SAFE_SELECTOR_VALUE.test(k) || m.has(k)) return null;
    m.set(k, item);
  }
  return m;
}

function diffValue(a: Json, b: Json, path: string, listName: string | undefined, out: Redline): void {
  if (deepEqual(a, b)) return;
  if (isObject(a) && isObject(b)) {
    const names = [...new Set([...presentKeys(a), ...presentKeys(b)])].sort(byFieldOrder);
    for (const name of names) {
      const p = `${path}/${escapeName(name)}`;
      const va = a[name];
      const vb = b[name];
      if (va === undefined) out.added.push({ path: p, value: vb });
      else if (vb === undefined) out.removed.push({ path: p, value: va });
      else diffValue(va, vb, p, name, out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const field = listName !== undefined && Object.hasOwn(KEYED_LISTS, listName) ? KEYED_LISTS[listName] : undefined;
    const ia = field ? indexByKey(a, field) : null;
    const ib = field ? indexByKey(b, field) : null;
    if (field && ia && ib) {
      for (const [k, item] of ib) {
        const p = `${path}[${field}=${k}]`;
        const before = ia.get(k);
        if (before === undefined) out.added.push({ path: p, value: item });
        else diffValue(before, item, p, undefined, out);
      }
      for (const [k, item] of ia) if (!ib.has(k)) out.removed.push({ path: `${path}[${field}=${k}]`, value: item });
      return;
    }
    if (sameMultiset(a, b)) return;
  }
  out.changed.push({ path, from: a, to: b });
}

/** The redline from version `a` to version `b` of a declaration (any two JSON values; drafts included). */
export function diffDeclarations(a: unknown, b: unknown): Redline {
  const out: Redline = { added: [], removed: [], changed: [] };
  diffValue(a, b, '', undefined, out);
  return out;
}

export const isEmptyRedline = (r: Redline): boolean => r.added.length === 0 && r.removed.length === 0 && r.changed.length === 0;

export interface RedlineSegment {
  /** Property name (unescaped). */
  name: string;
  /** For an item of a keyed list: the identity field and its value. */
  select?: { field: string; value: string };
}

/** Splits a redline path into segments: `/results[key=r-1]/title` → `[{ name: 'results', select: { field: 'key', value: 'r-1' } }, { name: 'title' }]`. */
export function parseRedlinePath(path: string): RedlineSegment[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new SyntaxError(`A redline path starts with '/': ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((seg) => {
      const m = /^(.*)\[([A-Za-z]+)=([A-Za-z0-9._-]+)\]$/.exec(seg);
      return m ? { name: unescapeName(m[1]!), select: { field: m[2]!, value: m[3]! } } : { name: unescapeName(seg) };
    });
}

/**
 * The RFC 6901 pointer (with array positions) of a redline path in one version of the declaration, e.g.
 * `/background[key=bg-2]/title` → `/background/1/title`; null when that version has no such item.
 */
export function redlinePathToPointer(path: string, doc: unknown): string | null {
  let node: Json = doc;
  const out: string[] = [];
  for (const seg of parseRedlinePath(path)) {
    if (!isObject(node)) return null;
    node = node[seg.name];
    out.push(escapeName(seg.name));
    if (seg.select) {
      if (!Array.isArray(node)) return null;
      const { field, value } = seg.select;
      const i = node.findIndex((item) => isObject(item) && item[field] === value);
      if (i < 0) return null;
      node = node[i];
      out.push(String(i));
    }
  }
  return out.length ? `/${out.join('/')}` : '';
}
