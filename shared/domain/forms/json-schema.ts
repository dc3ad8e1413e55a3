import * as z from 'zod';
import { SCHEMA_RULES } from './rules';

/**
 * zod → JSON Schema (draft 2020-12), for the forms served by `GET /forms/{formId}` and for the request
 * bodies of the OpenAPI document. The zod schema the server validates with is the single source; this
 * module only makes the JSON Schema say MORE of what zod checks, so that a client-side validator
 * (Ajv 2020 in the tests) accepts and refuses the same documents as the server:
 *
 * 1. Trimmed strings. zod trims BEFORE checking lengths and patterns (`text()` in common.ts, the project
 *    acronym), so `"  ACME "` is valid and `"   "` is not. Plain `minLength`/`maxLength` would say the
 *    opposite. A trimmed string becomes one exact `pattern` over the raw value: optional surrounding
 *    whitespace (`\s` is the same set as `String.prototype.trim` removes), a first and last non-space
 *    character, and the length bound on what lies between. The trimmed `maxLength` is dropped (it would count
 *    the padding; the form's uiSchema carries it as `ui:options.maxLength` for the input widget); a max
 *    checked BEFORE the trim (`text()` bounds the raw value, padding included) is kept as `maxLength`.
 * 2. The control-character refinement of `text()` is recognised (by probing the refine function) and
 *    folded into that pattern.
 * 3. Rules zod states with refine/superRefine that JSON Schema CAN state are listed in ./rules.ts, keyed
 *    by the zod schema instance (SIREN shape, unique technology domains, SIREN/registrationId by country,
 *    exactly one coordinator).
 *
 * 4. Emails: zod renders `z.email()` as its exact regex (`pattern`) plus `format: "email"`. A validator that
 *    asserts formats (Ajv with ajv-formats) then applies ITS email grammar too, which is stricter than zod's
 *    on some addresses (`a@acme-.fr`: zod accepts a domain label ending with '-'), so the form would refuse
 *    what the server accepts. The pattern is the server's rule: `format` is dropped where zod's pattern is
 *    present (the uiSchema still says `ui:widget: email`).
 *
 * What stays zod-only (refinements JSON Schema cannot state): the SIREN check digit, at most 4 decimals of
 * a percentage, voting rights adding up to at most 100 %, end date after start date, a partner listed twice,
 * keys unique within a list of the declaration.
 * String lengths: zod 4 counts code points, as JSON Schema and Ajv's `u`-flag patterns do, so a string of
 * astral characters (emoji) is judged alike at its bound (test/unit/declaration-form.test.ts).
 */

export type JsonSchema = Record<string, unknown>;
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** The characters `text()` refuses (C0 controls except tab, line feed and carriage return). */
const CONTROL_RANGE = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f';
const CONTROL_CHARS = [...Array(32).keys()].filter((c) => ![9, 10, 13].includes(c)).map((c) => String.fromCharCode(c));

type CheckDef = {
  check?: string;
  format?: string;
  tx?: (s: string) => unknown;
  fn?: (s: string) => unknown;
  minimum?: number;
  maximum?: number;
  pattern?: RegExp;
};
const checkDefs = (schema: z.core.$ZodType): CheckDef[] =>
  ((schema._zod.def as { checks?: { _zod: { def: CheckDef } }[] }).checks ?? []).map((c) => c._zod.def);

const safely = (f: () => unknown): unknown => {
  try {
    return f();
  } catch {
    return undefined;
  }
};

/** An `overwrite` check that behaves as `s.trim()`. */
const isTrim = (tx: CheckDef['tx']) => !!tx && safely(() => tx(' \t\u00a0a b\n\u3000')) === 'a b' && safely(() => tx('x')) === 'x';

/** A refine that refuses exactly the control characters `text()` refuses, and accepts ordinary text. */
const isNoControlChars = (fn: CheckDef['fn']) =>
  !!fn &&
  CONTROL_CHARS.every((c) => safely(() => fn(`a${c}b`)) === false) &&
  ['ab', 'a b', 'a\tb', 'a\nb', 'a\r\nb', 'Société — été'].every((s) => safely(() => fn(s)) === true);

const nonNegative = (n: number) => Math.max(0, n);

/** The exact pattern for "trim(s) has min..max characters (and, if asked, no control character)". */
function trimmedLengthPattern(min: number, max: number | undefined, noControl: boolean): string {
  const edge = noControl ? `[^\\s${CONTROL_RANGE}]` : '\\S';
  const mid = noControl ? `[^${CONTROL_RANGE}]` : '[\\s\\S]';
  const range = (lo: number, hi: number | undefined) => `{${nonNegative(lo)},${hi === undefined ? '' : nonNegative(hi)}}`;
  let core: string;
  if (max === 0) return '^\\s*$';
  if (max === 1) core = edge;
  else if (min <= 1) core = `${edge}(?:${mid}${range(0, max === undefined ? undefined : max - 2)}${edge})?`;
  else core = `${edge}${mid}${range(min - 2, max === undefined ? undefined : max - 2)}${edge}`;
  if (min === 0) core = `(?:${core})?`;
  return `^\\s*${core}\\s*$`;
}

/** Rewrites the JSON Schema of a trimmed zod string so that it judges the raw (untrimmed) value as zod does. */
function trimmedString(schema: z.core.$ZodType, json: JsonSchema): void {
  const def = schema._zod.def as { type: string; format?: string };
  if (def.type !== 'string' || def.format) return;
  const checks = checkDefs(schema);
  if (!checks.some((c) => c.check === 'overwrite' && isTrim(c.tx))) return;
  let min: number | undefined;
  let max: number | undefined;
  /** A max_length before the trim bounds the raw value: it stays `maxLength`. */
  let rawMax: number | undefined;
  let trimmed = false;
  let regex: RegExp | undefined;
  let noControl = false;
  for (const c of checks) {
    if (c.check === 'overwrite') {
      if (!isTrim(c.tx)) return; // another transformation: leave zod's rendering alone
      trimmed = true;
    } else if (c.check === 'max_length' && !trimmed) rawMax = Math.min(rawMax ?? Infinity, c.maximum ?? Infinity);
    else if (c.check === 'min_length') min = Math.max(min ?? 0, c.minimum ?? 0);
    else if (c.check === 'max_length') max = Math.min(max ?? Infinity, c.maximum ?? Infinity);
    else if (c.check === 'string_format' && c.format === 'regex' && c.pattern && !regex) regex = c.pattern;
    else if (c.check === 'custom' && isNoControlChars(c.fn)) noControl = true;
    else if (c.check !== 'custom') return; // a check this rewriting does not understand
  }
  if (regex) {
    // `^X$` applied after trim becomes `^\s*(?:X)\s*$` on the raw value. Exact when every match of X starts
    // with a non-space character and X still matches once trailing spaces are cut off: true of the project
    // acronym pattern. Not checked here: the property test in test/unit/forms.test.ts guards it, so add a
    // schema there when another trimmed regex appears.
    const src = regex.source;
    if (min !== undefined || max !== undefined || noControl || regex.flags || !src.startsWith('^') || !src.endsWith('$')) return;
    json.pattern = `^\\s*(?:${src.slice(1, -1)})\\s*$`;
    if (rawMax !== undefined) json.maxLength = rawMax;
    else delete json.maxLength;
    return;
  }
  json.pattern = trimmedLengthPattern(min ?? 0, max, noControl);
  if (min !== undefined && min > 0) json.minLength = min;
  else delete json.minLength;
  if (rawMax !== undefined) json.maxLength = rawMax;
  else delete json.maxLength;
}

const rules = new Map<z.core.$ZodType, JsonSchema>(SCHEMA_RULES.map((r) => [r.schema, r.keywords]));

export interface ToJsonSchemaOptions {
  /** `input` (default): the document as the client sends it. `output`: as the server returns it. */
  io?: 'input' | 'output';
  /** Keep the `$schema` keyword at the root (default true; the OpenAPI document drops it). */
  withDialect?: boolean;
}

/**
 * JSON Schema 2020-12 of a zod schema. For `io: 'input'` the trimmed-string and ./rules.ts additions apply;
 * for `io: 'output'` zod's rendering is used as is (values are already trimmed when the server returns them).
 */
export function toJsonSchema(schema: z.ZodType, opts: ToJsonSchemaOptions = {}): JsonSchema {
  const io = opts.io ?? 'input';
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    reused: 'inline',
    unrepresentable: 'any',
    override: (ctx) => {
      if (io !== 'input') return;
      trimmedString(ctx.zodSchema, ctx.jsonSchema as JsonSchema);
      const js = ctx.jsonSchema as JsonSchema;
      if (js.format === 'email' && typeof js.pattern === 'string') delete js.format;
      const extra = rules.get(ctx.zodSchema);
      if (extra) Object.assign(ctx.jsonSchema, structuredClone(extra));
    },
  }) as JsonSchema;
  if (opts.withDialect === false) delete json.$schema;
  return json;
}

/** zod's own rendering, without the rewriting above: what the uiSchema builder reads lengths and formats from. */
export function plainJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', reused: 'inline', unrepresentable: 'any' }) as JsonSchema;
}
