/**
 * The API's form document (`GET /forms/{formId}`: JSON Schema 2020-12 + uiSchema) read for
 * react-jsonschema-form. Pure: no DOM, no React, so that scripts/web-form-validator.ts precompiles the client
 * validator from the same display schema at build time (the page's CSP forbids Ajv's runtime `new Function`).
 *
 * - Unions of objects (`oneOf`/`anyOf`) become ONE object with the properties of all their variants, as the
 *   uiSchema describes them (shared/domain/forms/ui-schema.ts): rjsf would otherwise show an "Option 1/2"
 *   picker. The properties only some variants allow carry `ui:condition` and are hidden by the page unless
 *   the discriminator says so. The server still judges the variant (a wrong mix gets a 400 at the field).
 * - `allOf` of patterns (calendar dates) keeps the first pattern (a valid calendar day).
 * - A boolean without a default gets `default: false`: an unticked checkbox answers "no".
 * - `ui:enumLabels` (value → label) becomes rjsf's `ui:enumNames` (aligned with `enum`); the API's widget
 *   names become rjsf widgets (or the page's own: `organization`).
 */
export type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isObjectSchema = (s: Json) => s.type === 'object' || isObj(s.properties);
const isForbidden = (s: unknown) => isObj(s) && isObj(s.not) && Object.keys(s.not).length === 0;
const valuesOf = (s: Json): unknown[] | undefined => (Array.isArray(s.enum) ? s.enum : 'const' in s ? [s.const] : undefined);

function mergeUnion(variants: Json[]): Json {
  const holders = new Map<string, Json[]>();
  for (const v of variants) {
    for (const [k, p] of Object.entries((v.properties ?? {}) as Record<string, Json>)) {
      if (isForbidden(p)) continue;
      if (!holders.has(k)) holders.set(k, []);
      holders.get(k)!.push(p);
    }
  }
  const properties: Record<string, Json> = {};
  for (const [k, schemas] of holders) {
    const values = schemas.map(valuesOf);
    if (values.every((x) => x !== undefined)) {
      const { const: _c, enum: _e, ...rest } = schemas[0]!;
      properties[k] = { ...rest, enum: [...new Set(values.flat())] };
    } else if (schemas.length > 1 && schemas.every((p) => typeof p.pattern === 'string')) {
      // Variants that differ by their pattern (an Annex I entry of category 6 starts with 6): accept any of them;
      // the discriminator's own value is checked by the server, which answers at the field.
      const patterns = [...new Set(schemas.map((p) => p.pattern as string))];
      properties[k] = { ...schemas[0]!, pattern: patterns.length === 1 ? patterns[0] : patterns.map((p) => `(?:${p})`).join('|') };
    } else properties[k] = schemas[0]!;
  }
  // Required in every variant stays required.
  const required = [...holders.keys()].filter((k) => variants.every((v) => Array.isArray(v.required) && v.required.includes(k)));
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

/** The schema rjsf renders and the precompiled validator checks (language-independent). */
export function displaySchema(schema: Json, root = true): Json {
  let s: Json = { ...schema };
  if (root) delete s.$schema;
  const variants = (s.oneOf ?? s.anyOf) as Json[] | undefined;
  if (Array.isArray(variants) && variants.length && variants.every((v) => isObj(v) && isObjectSchema(v))) {
    const { oneOf: _o, anyOf: _a, ...rest } = s;
    s = { ...rest, ...mergeUnion(variants) };
  }
  if (Array.isArray(s.allOf) && (s.allOf as Json[]).every((x) => isObj(x) && Object.keys(x).length === 1 && typeof x.pattern === 'string')) {
    const { allOf, ...rest } = s;
    s = { ...rest, pattern: (allOf as Json[])[0]!.pattern };
  }
  if ('const' in s && !Array.isArray(s.enum)) {
    const { const: c, ...rest } = s;
    s = { ...rest, enum: [c] };
  }
  // A checkbox left unticked means "no": without a default, rjsf leaves the value out and the server answers
  // "required" for a box the user never had to touch (ZRR origin, exclusivity…).
  if (s.type === 'boolean' && !('default' in s)) s = { ...s, default: false };
  if (isObj(s.properties)) {
    s.properties = Object.fromEntries(Object.entries(s.properties).map(([k, p]) => [k, displaySchema(p as Json, false)]));
  }
  if (isObj(s.items)) s.items = displaySchema(s.items, false);
  return s;
}

/** The API's widget names → rjsf's (or the page's own). Absent: rjsf's default for the type. */
const WIDGETS: Record<string, string | undefined> = {
  'item-key': 'text',
  'item-key-picker': 'text',
  'organization-picker': 'organization',
  multiselect: undefined,
  'document-picker': undefined,
  percent: 'updown',
  number: 'updown',
};

/** The uiSchema rjsf reads, from the API's (in the requested language) and the display schema. */
export function displayUiSchema(ui: Json, schema: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(ui)) {
    if (k === 'ui:enumLabels' || k === 'ui:enumOrder' || k === 'ui:enumGroups') continue;
    if (k === 'ui:widget' && typeof v === 'string') {
      const w = v in WIDGETS ? WIDGETS[v] : v;
      if (w) out[k] = w;
      continue;
    }
    if (k === 'ui:options' && isObj(v)) {
      const { readonly, ...options } = v;
      if (readonly === true) out['ui:readonly'] = true;
      out[k] = options;
      continue;
    }
    if (k === 'items' && isObj(v)) {
      out.items = displayUiSchema(v, isObj(schema.items) ? schema.items : {});
      continue;
    }
    if (!k.startsWith('ui:') && isObj(v)) {
      const props = (schema.properties ?? {}) as Record<string, Json>;
      out[k] = displayUiSchema(v, props[k] ?? {});
      continue;
    }
    out[k] = v;
  }
  const labels = ui['ui:enumLabels'];
  if (isObj(labels) && Array.isArray(schema.enum)) out['ui:enumNames'] = schema.enum.map((e) => (labels[String(e)] as string | undefined) ?? String(e));
  // The display order (countries by name in the UI language): rjsf lists options in the schema's order (ISO
  // codes), so the order goes to the select widget as an option (`OrderedSelectWidget`), the schema unchanged.
  const order = ui['ui:enumOrder'];
  if (Array.isArray(order)) out['ui:options'] = { ...(isObj(out['ui:options']) ? out['ui:options'] : {}), enumOrder: order };
  return out;
}

/** `options` in the order of `order` (by value); values it does not list keep their place after those it does. */
export function inEnumOrder<T extends { value: unknown }>(options: readonly T[], order: readonly unknown[]): T[] {
  const rank = new Map(order.map((v, i) => [v, i]));
  return options
    .map((o, i) => ({ o, key: rank.get(o.value) ?? order.length + i }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.o);
}

/** A value hidden by `ui:condition` (its discriminator says this variant has no such property). */
export function conditionHolds(ui: Json | undefined, formData: unknown): boolean {
  const c = ui?.['ui:condition'];
  if (!isObj(c) || typeof c.field !== 'string' || !Array.isArray(c.in)) return true;
  return isObj(formData) && c.in.includes(formData[c.field]);
}

/**
 * The form data without the values of properties hidden by their `ui:condition` (e.g. the export control of
 * an item that became a trademark) nor empty strings (an emptied input): what is sent to the API.
 */
export function pruneHidden(data: unknown, ui: Json | undefined): unknown {
  if (Array.isArray(data)) return data.map((d) => pruneHidden(d, isObj(ui?.items) ? ui.items : undefined));
  if (!isObj(data)) return data;
  const out: Json = {};
  for (const [k, v] of Object.entries(data)) {
    const sub = isObj(ui?.[k]) ? (ui[k] as Json) : undefined;
    if (!conditionHolds(sub, data) || v === undefined || v === '') continue;
    out[k] = pruneHidden(v, sub);
  }
  return out;
}
