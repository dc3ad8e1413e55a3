import type * as z from 'zod';
import { ISO_COUNTRIES } from '../countries';
import {
  ACCESS_DIRECTIONS,
  ACCESS_PURPOSES,
  BACKGROUND_TYPES,
  CONDITION_REGIMES,
  IDENTIFIER_KINDS,
  JURISDICTIONS,
  REGIONAL_JURISDICTIONS,
  TERRITORY_SCOPES,
} from '../declaration';
import { CONTROL_BASES, ORGANIZATION_CATEGORIES } from '../organization';
import { CRITICAL_TECHNOLOGY_DOMAINS, FUNDING_SCHEMES, OTHER_TECHNOLOGY_DOMAINS, PARTNER_ROLES, TECHNOLOGY_DOMAINS } from '../project';
import { plainJsonSchema, type JsonSchema } from './json-schema';
import { countryName, EXPORT_CONTROL_CHOICES, LABELS, SUBJECT_KINDS, type Lang } from './labels';

/**
 * The uiSchema of a form: how to lay out and label the JSON Schema served next to it. The conventions
 * follow react-jsonschema-form where it has one (`ui:order`, `ui:title`, `ui:help`, `ui:placeholder`,
 * `ui:widget`, `ui:options`, `items` for the items of an array) and add:
 *
 * - root `ui:sections`: `[{ id, title, fields }]`, the top-level fields grouped in display order;
 * - root `ui:rules`: `[{ id, fields, enforcedBy, message }]`, the cross-field and server-side rules in words.
 *   `enforcedBy: 'schema'` rules are also in the JSON Schema (a client validator enforces them);
 *   `enforcedBy: 'server'` rules are refinements JSON Schema cannot express (SIREN check digit, 4 decimals,
 *   sums, date order, duplicates, references to stored organizations): only the server checks them, and
 *   answers 400 problem+json with the field `path` of each error;
 * - `ui:enumLabels` (value → label) on the node of the schema that holds the `enum` (for an array of enum
 *   values, on its `items`), `ui:enumOrder` when the display order is not the schema's (countries, sorted
 *   by name in the requested language), `ui:enumGroups` when values come in groups;
 * - `ui:options.maxLength` for text inputs: the JSON Schema states lengths after trimming in a `pattern`
 *   (see ./json-schema.ts), so the input widget's limit is given here.
 *
 * Unions (`oneOf`/`anyOf` of objects, zod's discriminated unions and unions of strict objects) get ONE node,
 * as if they were an object with the properties of all their variants, plus what the schema says about them:
 * - `ui:discriminator`: the property whose value selects the variant (`type`, `kind`, `category`, `scope`,
 *   `purpose`), when there is one; its `ui:enumLabels` cover the values of every variant;
 * - `ui:condition: { field, in }` on a property that only some variants allow (declared, and not `{ not: {} }`):
 *   show it only when the sibling `field` has one of the values `in` — e.g. `exportControl` only for technology
 *   items, `territory` only for exploitation rights. The JSON Schema enforces it (the property is forbidden in
 *   the other variants); this is the reading of it for the layout;
 * - `ui:variants: [{ title, fields }]` when there is no discriminator (the user picks a variant, e.g. a project
 *   partner or a third party as owner), titled from labels.ts `variants`.
 */
export type UiNode = Record<string, unknown>;

export interface FormRule {
  id: string;
  /** Dotted field paths (array items transparent), as in labels.ts. */
  fields: string[];
  enforcedBy: 'schema' | 'server';
  /**
   * For forms with drafts (`mode: 'draft'`): `save` rules hold for every saved draft, `submit` rules only when
   * the complete document is submitted. Absent for single-step forms (the rule holds whenever the body is sent).
   */
  when?: 'save' | 'submit';
}

export interface FormLayout {
  /** Top-level fields by section, in display order. Every property of the schema appears exactly once. */
  sections: { id: string; fields: string[] }[];
  /** Field order inside nested objects (array items), keyed by the dotted path of the array. */
  order?: Record<string, string[]>;
  /** Widget per dotted path when the default (derived from the JSON Schema type) is not the right one. */
  widgets?: Record<string, string>;
  /** Extra `ui:options` per dotted path (e.g. `showIf`, `unit`, `step`). */
  options?: Record<string, Record<string, unknown>>;
  rules: FormRule[];
}

interface EnumSource {
  values: readonly string[];
  labels: (lang: Lang) => Record<string, string>;
  order?: (lang: Lang) => string[];
  groups?: (lang: Lang) => { title: string; values: string[] }[];
}

const countryLabels = (lang: Lang) => Object.fromEntries(ISO_COUNTRIES.map((c) => [c, countryName(c, lang)]));
/** Countries sorted by their name in `lang`. */
const countriesByName = (lang: Lang) => {
  const names = countryLabels(lang);
  const collator = new Intl.Collator(lang);
  return [...ISO_COUNTRIES].sort((a, b) => collator.compare(names[a]!, names[b]!));
};

/** Where the labels of an enum come from, recognised by its set of values. Add a source when a form gets a new enum. */
const ENUM_SOURCES: readonly EnumSource[] = [
  { values: ORGANIZATION_CATEGORIES, labels: (l) => LABELS[l].enums.organizationCategory },
  { values: CONTROL_BASES, labels: (l) => LABELS[l].enums.controlBasis },
  {
    values: TECHNOLOGY_DOMAINS,
    labels: (l) => LABELS[l].enums.technologyDomain,
    groups: (l) => [
      { title: LABELS[l].enumGroups.criticalTechnologies, values: [...CRITICAL_TECHNOLOGY_DOMAINS] },
      { title: LABELS[l].enumGroups.otherTechnologies, values: [...OTHER_TECHNOLOGY_DOMAINS] },
    ],
  },
  { values: FUNDING_SCHEMES, labels: (l) => LABELS[l].enums.fundingScheme },
  { values: PARTNER_ROLES, labels: (l) => LABELS[l].enums.partnerRole },
  { values: ['fr', 'en'], labels: (l) => LABELS[l].enums.language },
  { values: ISO_COUNTRIES, labels: countryLabels, order: countriesByName },
  // The declaration (./declaration-form.ts).
  { values: BACKGROUND_TYPES, labels: (l) => LABELS[l].enums.backgroundType },
  { values: CONDITION_REGIMES, labels: (l) => LABELS[l].enums.conditionRegime },
  // Explicit order: a JS object lists the integer-like keys '0'…'9' before 'none'.
  { values: EXPORT_CONTROL_CHOICES, labels: (l) => LABELS[l].enums.exportControlCategory, order: () => [...EXPORT_CONTROL_CHOICES] },
  { values: IDENTIFIER_KINDS, labels: (l) => LABELS[l].enums.identifierKind },
  {
    values: JURISDICTIONS,
    labels: (l) => ({ ...countryLabels(l), ...LABELS[l].enums.regionalJurisdiction }),
    order: (l) => [...REGIONAL_JURISDICTIONS, ...countriesByName(l)],
    groups: (l) => [
      { title: LABELS[l].enumGroups.regionalJurisdictions, values: [...REGIONAL_JURISDICTIONS] },
      { title: LABELS[l].enumGroups.countries, values: countriesByName(l) },
    ],
  },
  { values: ACCESS_DIRECTIONS, labels: (l) => LABELS[l].enums.accessDirection },
  { values: ACCESS_PURPOSES, labels: (l) => LABELS[l].enums.accessPurpose },
  { values: TERRITORY_SCOPES, labels: (l) => LABELS[l].enums.territoryScope },
  { values: SUBJECT_KINDS, labels: (l) => LABELS[l].enums.subjectKind },
];

function enumSource(values: readonly unknown[]): EnumSource | undefined {
  const set = new Set(values);
  return ENUM_SOURCES.find((s) => s.values.length === set.size && s.values.every((v) => set.has(v)));
}

const isObject = (s: JsonSchema) => s.type === 'object' || !!s.properties;

/** The variants of a union of objects (`oneOf` or `anyOf`), or undefined when `s` is not one. */
export function variantsOf(s: JsonSchema): JsonSchema[] | undefined {
  const v = s.oneOf ?? s.anyOf;
  return Array.isArray(v) && v.length > 0 && (v as JsonSchema[]).every((x) => typeof x === 'object' && x !== null && isObject(x))
    ? (v as JsonSchema[])
    : undefined;
}

/** `{ not: {} }`: zod's rendering of a property that must be absent (`z.never().optional()`). */
export const isForbidden = (s: JsonSchema | undefined): boolean => !!s && typeof s.not === 'object' && s.not !== null && Object.keys(s.not).length === 0;

/** The values a schema allows when it is an `enum` or a `const`. */
const valuesOf = (s: JsonSchema | undefined): unknown[] | undefined => (!s ? undefined : Array.isArray(s.enum) ? s.enum : 'const' in s ? [s.const] : undefined);

const propsOf = (s: JsonSchema) => (s.properties ?? {}) as Record<string, JsonSchema>;
/** The properties a variant allows: declared and not forbidden. */
const allowedIn = (variant: JsonSchema) => Object.entries(propsOf(variant)).filter(([, p]) => !isForbidden(p));

export interface UnionShape {
  /** Every property some variant allows, merged (enum/const values united across variants), in first-seen order. */
  properties: Record<string, JsonSchema>;
  /** The property whose enum/const values, pairwise disjoint, select the variant. */
  discriminator?: string;
  /** Per property allowed in only some variants: the discriminator values of those variants. */
  conditions: Record<string, unknown[]>;
  /** The properties each variant allows. */
  variantFields: string[][];
}

/** Reads a union of objects as one object (see the header). */
export function unionShape(variants: JsonSchema[]): UnionShape {
  const properties: Record<string, JsonSchema> = {};
  const holders = new Map<string, JsonSchema[]>();
  for (const v of variants) {
    for (const [k, p] of allowedIn(v)) {
      if (!holders.has(k)) holders.set(k, []);
      holders.get(k)!.push(p);
    }
  }
  for (const [k, schemas] of holders) {
    const values = schemas.map(valuesOf);
    if (values.every((x) => x !== undefined)) {
      const { const: _c, enum: _e, ...rest } = schemas[0]!;
      properties[k] = { ...rest, enum: [...new Set(values.flat())] };
    } else properties[k] = schemas[0]!;
  }
  const discriminator = [...holders.keys()].find((k) => {
    const perVariant = variants.map((v) => valuesOf(propsOf(v)[k]));
    if (perVariant.some((x) => x === undefined)) return false;
    const all = perVariant.flat();
    return new Set(all).size === all.length;
  });
  const conditions: Record<string, unknown[]> = {};
  if (discriminator) {
    for (const k of holders.keys()) {
      const where = variants.filter((v) => allowedIn(v).some(([name]) => name === k));
      if (where.length < variants.length) conditions[k] = where.flatMap((v) => valuesOf(propsOf(v)[discriminator])!);
    }
  }
  return { properties, ...(discriminator ? { discriminator } : {}), conditions, variantFields: variants.map((v) => allowedIn(v).map(([k]) => k)) };
}

function defaultWidget(s: JsonSchema): string | undefined {
  const items = s.items as JsonSchema | undefined;
  if (s.type === 'array') return items?.enum ? 'checkboxes' : undefined;
  if (s.enum) return 'select';
  if (s.type === 'boolean') return 'checkbox';
  if (s.type === 'number' || s.type === 'integer') return 'number';
  if (s.type === 'string') {
    if (s.format === 'date') return 'date';
    if (s.format === 'email') return 'email';
    return typeof s.maxLength === 'number' && s.maxLength > 300 ? 'textarea' : 'text';
  }
  return undefined;
}

class Builder {
  constructor(
    private readonly formId: string,
    private readonly layout: FormLayout,
    private readonly lang: Lang,
  ) {}

  private get texts() {
    const t = LABELS[this.lang].forms[this.formId];
    if (!t) throw new Error(`No labels for form ${this.formId} in ${this.lang}`);
    return t;
  }

  enumUi(values: readonly unknown[], path: string): UiNode {
    const source = enumSource(values);
    if (!source) throw new Error(`No labels for the enum of ${this.formId}.${path}: ${values.join(', ')}`);
    const all = source.labels(this.lang);
    const node: UiNode = { 'ui:enumLabels': Object.fromEntries(values.map((v) => [v, all[String(v)]])) };
    if (source.order) node['ui:enumOrder'] = source.order(this.lang);
    if (source.groups) node['ui:enumGroups'] = source.groups(this.lang);
    if (values.length > 20) node['ui:options'] = { searchable: true };
    return node;
  }

  field(s: JsonSchema, path: string): UiNode {
    const node: UiNode = {};
    const text = this.texts.fields[path];
    if (text) {
      node['ui:title'] = text.title;
      if (text.help) node['ui:help'] = text.help;
      if (text.placeholder) node['ui:placeholder'] = text.placeholder;
    }
    const widget = this.layout.widgets?.[path] ?? defaultWidget(s);
    if (widget) node['ui:widget'] = widget;
    let options: Record<string, unknown> = {};
    if (s.enum) {
      const { 'ui:options': enumOptions, ...enumNode } = this.enumUi(s.enum as unknown[], path);
      Object.assign(node, enumNode);
      options = { ...options, ...(enumOptions as object | undefined) };
    }
    if (s.type === 'string' && typeof s.maxLength === 'number') options.maxLength = s.maxLength;
    options = { ...options, ...this.layout.options?.[path] };
    if (Object.keys(options).length) node['ui:options'] = options;

    const items = s.items as JsonSchema | undefined;
    if (s.type === 'array' && items) {
      const itemVariants = variantsOf(items);
      if (isObject(items)) node.items = this.object(items, path);
      else if (itemVariants) node.items = this.union(itemVariants, path);
      else if (items.enum) node.items = this.enumUi(items.enum as unknown[], path);
      else node.items = this.field(items, path);
      if (isObject(items) || itemVariants) {
        node['ui:options'] = { addLabel: LABELS[this.lang].common.add, removeLabel: LABELS[this.lang].common.remove, ...(node['ui:options'] as object) };
        if (text?.itemTitle) (node.items as UiNode)['ui:title'] = text.itemTitle;
      }
    } else if (isObject(s)) {
      Object.assign(node, this.object(s, path));
    } else {
      const variants = variantsOf(s);
      if (variants) Object.assign(node, this.union(variants, path));
    }
    return node;
  }

  /** One node for a union of objects: its merged properties, discriminator, conditions or variants. */
  union(variants: JsonSchema[], path: string): UiNode {
    const shape = unionShape(variants);
    const node = this.object({ type: 'object', properties: shape.properties }, path);
    if (shape.discriminator) {
      node['ui:discriminator'] = shape.discriminator;
      for (const [k, values] of Object.entries(shape.conditions)) {
        (node[k] as UiNode)['ui:condition'] = { field: shape.discriminator, in: values };
      }
    } else {
      const titles = this.texts.variants?.[path];
      if (!titles || titles.length !== variants.length) throw new Error(`No variant titles for ${this.formId}.${path} in ${this.lang}`);
      node['ui:variants'] = shape.variantFields.map((fields, i) => ({ title: titles[i], fields }));
    }
    return node;
  }

  object(s: JsonSchema, path: string, order?: string[]): UiNode {
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    const keys = Object.keys(props);
    const wanted = order ?? this.layout.order?.[path] ?? keys;
    const node: UiNode = { 'ui:order': [...wanted.filter((k) => keys.includes(k)), ...keys.filter((k) => !wanted.includes(k))] };
    for (const k of keys) node[k] = this.field(props[k]!, path ? `${path}.${k}` : k);
    return node;
  }

  root(schema: JsonSchema): UiNode {
    const texts = this.texts;
    const sections = this.layout.sections.map((sec) => ({ id: sec.id, title: texts.sections[sec.id] ?? sec.id, fields: sec.fields }));
    return {
      'ui:title': texts.title,
      'ui:description': texts.description,
      'ui:sections': sections,
      ...this.object(
        schema,
        '',
        sections.flatMap((sec) => sec.fields),
      ),
      'ui:rules': this.layout.rules.map((r) => ({ ...r, message: texts.rules[r.id] ?? r.id })),
    };
  }
}

/** The uiSchema of `schema` (the zod INPUT schema the server validates with) in `lang`. */
export function buildUiSchema(formId: string, schema: z.ZodType, layout: FormLayout, lang: Lang): UiNode {
  return new Builder(formId, layout, lang).root(plainJsonSchema(schema));
}
