/**
 * The redline of two declaration versions (`GET …/declarations/{orgId}/diff`) made readable, pure (no DOM):
 * each path (`/results[key=r-1]/ownership[organizationId=org_…]/pct`, shared/domain/redline.ts) becomes the
 * form's own labels (uiSchema `ui:title`, from `GET /forms/declaration`), keyed items are named by their key
 * and title (or the organization's name), and values are shown as the form shows them (enum labels,
 * organization names, yes/no, dates).
 */

export type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface PathSegment {
  name: string;
  /** A keyed list's item: `[key=r-1]` → { field: 'key', value: 'r-1' }. */
  selector?: { field: string; value: string };
}

/** `/background[key=bg-2]/title` → [{ name: 'background', selector: { field: 'key', value: 'bg-2' } }, { name: 'title' }]. */
export function parsePath(path: string): PathSegment[] {
  if (!path) return [];
  return path
    .split('/')
    .slice(1)
    .map((seg) => {
      const m = /^([^[]+)\[([^=\]]+)=([^\]]*)\]$/.exec(seg);
      const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');
      return m ? { name: unescape(m[1]!), selector: { field: m[2]!, value: m[3]! } } : { name: unescape(seg) };
    });
}

export interface LabelContext {
  /** The form's uiSchema (root). */
  ui: Json;
  orgName: (id: string) => string;
  /** The two versions' contents, to name keyed items by their title. */
  contents: unknown[];
}

const humanize = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
const titleOf = (ui: unknown, name: string): string => (isObj(ui) && typeof ui['ui:title'] === 'string' ? ui['ui:title'] : humanize(name));

/** The item of a keyed list in either version (the `to` side first), for its title. */
function findItem(ctx: LabelContext, trail: PathSegment[]): Json | undefined {
  for (const content of [...ctx.contents].reverse()) {
    let cur: unknown = content;
    for (const seg of trail) {
      cur = isObj(cur) ? cur[seg.name] : undefined;
      if (seg.selector && Array.isArray(cur)) cur = cur.find((x) => isObj(x) && x[seg.selector!.field] === seg.selector!.value);
    }
    if (isObj(cur)) return cur;
  }
  return undefined;
}

export interface Located {
  /** The form section (first segment), for grouping. */
  section: string;
  /** The labels from the section down to the field, e.g. ["Résultats attendus", "r-1 — Capteur", "Quote-part (%)"]. */
  labels: string[];
  /** The uiSchema node of the value (enum labels, widget). */
  ui: Json | undefined;
}

/** Labels of a redline path, and the uiSchema node of its value. */
export function locate(path: string, ctx: LabelContext): Located {
  const segs = parsePath(path);
  const labels: string[] = [];
  let node: unknown = ctx.ui;
  segs.forEach((seg, i) => {
    node = isObj(node) ? node[seg.name] : undefined;
    labels.push(titleOf(node, seg.name));
    if (seg.selector) {
      const { field, value } = seg.selector;
      if (field === 'organizationId') labels.push(ctx.orgName(value));
      else {
        const item = findItem(ctx, segs.slice(0, i + 1));
        const title = item && typeof item.title === 'string' ? item.title : undefined;
        labels.push(title ? `${value} — ${title}` : value);
      }
      node = isObj(node) ? node.items : undefined;
    }
  });
  return { section: segs[0]?.name ?? '', labels, ui: isObj(node) ? node : undefined };
}

export interface ValueContext {
  orgName: (id: string) => string;
  date: (iso: string) => string;
  yes: string;
  no: string;
  empty: string;
}

/** A scalar or a list of scalars as the form shows it. */
export function formatScalar(v: unknown, ui: Json | undefined, ctx: ValueContext): string {
  if (v === null || v === undefined || v === '') return ctx.empty;
  if (Array.isArray(v)) {
    const itemUi = isObj(ui?.items) ? ui.items : ui;
    return v.length ? v.map((x) => formatScalar(x, itemUi, ctx)).join(', ') : ctx.empty;
  }
  if (typeof v === 'boolean') return v ? ctx.yes : ctx.no;
  const labels = ui?.['ui:enumLabels'];
  if (isObj(labels) && typeof labels[String(v)] === 'string') return labels[String(v)] as string;
  if (typeof v === 'string') {
    if (ui?.['ui:widget'] === 'organization-picker' || /^org_[0-9a-f]{32}$/.test(v)) return ctx.orgName(v);
    if (ui?.['ui:widget'] === 'date' || /^\d{4}-\d{2}-\d{2}$/.test(v)) return ctx.date(v);
    return v;
  }
  if (typeof v === 'number') return ui?.['ui:widget'] === 'percent' ? `${v} %` : String(v);
  return JSON.stringify(v);
}

export interface Field {
  label: string;
  /** Set for a scalar (or a list of scalars). */
  text?: string;
  /** Set for an object or a list of objects: its fields, in the form's order. */
  fields?: Field[];
}

/** Any value as label/text pairs (objects in the form's field order), for an added or removed item. */
export function describe(v: unknown, ui: Json | undefined, ctx: ValueContext): Field[] | string {
  if (isObj(v)) {
    const order = Array.isArray(ui?.['ui:order']) ? (ui['ui:order'] as string[]) : [];
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort((a, b) => (order.indexOf(a) < 0 ? 1e6 : order.indexOf(a)) - (order.indexOf(b) < 0 ? 1e6 : order.indexOf(b)) || (a < b ? -1 : a > b ? 1 : 0));
    return keys.map((k) => {
      const childUi = isObj(ui?.[k]) ? ui[k] : undefined;
      const d = describe(v[k], childUi, ctx);
      return typeof d === 'string' ? { label: titleOf(childUi, k), text: d } : { label: titleOf(childUi, k), fields: d };
    });
  }
  if (Array.isArray(v) && v.some(isObj)) {
    const itemUi = isObj(ui?.items) ? ui.items : undefined;
    return v.map((item, i) => {
      const d = describe(item, itemUi, ctx);
      const label = `${titleOf(itemUi, 'item')} ${i + 1}`;
      return typeof d === 'string' ? { label, text: d } : { label, fields: d };
    });
  }
  return formatScalar(v, ui, ctx);
}

export interface RedlineInput {
  added: { path: string; value?: unknown }[];
  removed: { path: string; value?: unknown }[];
  changed: { path: string; from?: unknown; to?: unknown }[];
}

export type Entry =
  | { kind: 'added' | 'removed'; path: string; labels: string[]; value: Field[] | string }
  | { kind: 'changed'; path: string; labels: string[]; from: Field[] | string; to: Field[] | string };

export interface Group {
  section: string;
  title: string;
  entries: Entry[];
}

/**
 * The redline's entries grouped by the form's sections (`ui:sections` order; each field's section is the one
 * listing its first segment), each entry in the API's order (the declaration schema's).
 */
export function groupRedline(r: RedlineInput, labels: LabelContext, values: ValueContext): Group[] {
  const sections = Array.isArray(labels.ui['ui:sections']) ? (labels.ui['ui:sections'] as { id: string; title: string; fields: string[] }[]) : [];
  const sectionOf = (field: string) => sections.find((s) => s.fields.includes(field));
  const groups = new Map<string, Group>();
  const add = (path: string, make: (loc: Located) => Entry) => {
    const loc = locate(path, labels);
    const s = sectionOf(loc.section);
    const id = s?.id ?? loc.section;
    if (!groups.has(id)) groups.set(id, { section: id, title: s?.title ?? titleOf(labels.ui[loc.section], loc.section || '—'), entries: [] });
    groups.get(id)!.entries.push(make(loc));
  };
  // Changes first, then additions, then removals, within each section (a reader's order: what moved, what came, what went).
  for (const c of r.changed)
    add(c.path, (loc) => ({ kind: 'changed', path: c.path, labels: loc.labels, from: describe(c.from, loc.ui, values), to: describe(c.to, loc.ui, values) }));
  for (const a of r.added) add(a.path, (loc) => ({ kind: 'added', path: a.path, labels: loc.labels, value: describe(a.value, loc.ui, values) }));
  for (const d of r.removed) add(d.path, (loc) => ({ kind: 'removed', path: d.path, labels: loc.labels, value: describe(d.value, loc.ui, values) }));
  const rank = (id: string) => {
    const i = sections.findIndex((s) => s.id === id);
    return i < 0 ? sections.length : i;
  };
  return [...groups.values()].sort((a, b) => rank(a.section) - rank(b.section));
}
