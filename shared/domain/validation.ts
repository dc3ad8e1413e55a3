import type * as z from 'zod';
import { ValidationError, type FieldError } from './errors';
import { idOfEnglish, isMsg, msg, renderMsg, type Msg } from './i18n/catalog';

/**
 * Field paths in problem+json: `path` is slash-joined without a leading slash (`siren`,
 * `results/2/ownership/1/pct`) so a UI can key a form field by it; `pointer` is the RFC 6901 JSON Pointer
 * (`/results/2/ownership/1/pct`) as RFC 9457 suggests. An error about the whole body has path ''.
 */
export interface ProblemFieldError extends FieldError {
  pointer: string;
}

const escapePointer = (seg: PropertyKey) => String(seg).replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * A field error: `message` is a catalogue message (`msg('field.required')`); a plain string is accepted only for
 * the messages that zod schemas carry (rendered through the catalogue when it knows the English text).
 */
export function fieldError(path: readonly PropertyKey[], message: Msg | string): ProblemFieldError {
  const segs = path.map(escapePointer);
  const m = isMsg(message) ? message : idOfEnglish(message) ? msg(idOfEnglish(message)!) : undefined;
  const e: ProblemFieldError = {
    path: segs.join('/'),
    pointer: segs.length ? `/${segs.join('/')}` : '',
    message: m ? renderMsg(m, 'en') : (message as string),
  };
  if (m) Object.defineProperty(e, 'msg', { value: m, enumerable: false });
  return e;
}

const TYPE_MESSAGES: Partial<Record<string, Msg>> = {
  string: msg('field.mustBeString'),
  number: msg('field.mustBeNumber'),
  int: msg('field.mustBeInteger'),
  bigint: msg('field.mustBeInteger'),
  array: msg('field.mustBeList'),
  tuple: msg('field.mustBeList'),
  set: msg('field.mustBeList'),
  object: msg('field.mustBeObject'),
  record: msg('field.mustBeObject'),
  map: msg('field.mustBeObject'),
  boolean: msg('field.mustBeBoolean'),
  null: msg('field.mustBeNull'),
};

/**
 * The catalogue message for a zod issue (zod's own default messages, never the ones a schema sets):
 * missing → Required; wrong type → « Doit être un texte / un nombre / … »; enum → the allowed values; sizes
 * with their limit; unknown keys → Unknown field. We do not import zod's locales (they would all land in
 * every Lambda bundle).
 */
export function zodIssueMsg(issue: z.core.$ZodRawIssue | z.core.$ZodIssue): Msg {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return msg('field.required');
      return TYPE_MESSAGES[issue.expected] ?? msg('field.mustBeType', { expected: issue.expected });
    case 'invalid_value':
      return msg('field.notAllowed', { values: issue.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) });
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? msg('field.notEmpty') : msg('field.minChars', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return msg('field.minItems', { min });
      return issue.inclusive === false ? msg('field.minNumberExclusive', { min }) : msg('field.minNumber', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return msg('field.maxChars', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return msg('field.maxItems', { max });
      return issue.inclusive === false ? msg('field.maxNumberExclusive', { max }) : msg('field.maxNumber', { max });
    }
    case 'not_multiple_of':
      return msg('field.multipleOf', { divisor: Number(issue.divisor) });
    case 'invalid_format':
      if (issue.format === 'email') return msg('field.mustBeEmail');
      if (issue.format === 'date') return msg('field.mustBeDate');
      return msg('field.invalidFormat');
    case 'unrecognized_keys':
      return msg('field.unknown');
    default:
      return msg('field.invalidValue');
  }
}

/** zod error map (English, as zod wants a string); {@link zodIssuesToFieldErrors} turns it back into ids. */
export const zodErrorMap = (issue: z.core.$ZodRawIssue): string => renderMsg(zodIssueMsg(issue), 'en');

/** Parse options for request bodies: our error map, and the input kept on issues (to tell "missing"). */
export const PARSE_PARAMS = { error: zodErrorMap, reportInput: true } satisfies z.core.ParseContext<z.core.$ZodIssue>;

export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): ProblemFieldError[] {
  const out: ProblemFieldError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      // One error per unknown key, pointing at the key itself, so the UI can show which field is refused.
      for (const key of issue.keys) out.push(fieldError([...issue.path, key], msg('field.unknown')));
    } else if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined && 'input' in issue) {
      // A missing field says so, whatever message the schema set for a wrong type.
      out.push(fieldError(issue.path, msg('field.required')));
    } else {
      // zod's default (from our error map) → its id; a message set by a schema → the catalogue by English text.
      const own = zodIssueMsg(issue);
      out.push(fieldError(issue.path, renderMsg(own, 'en') === issue.message ? own : issue.message));
    }
  }
  return out;
}

/** Parses `input` with `schema` or throws a ValidationError listing every offending field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: Msg = msg('what.requestBody')): z.output<S> {
  const result = schema.safeParse(input, PARSE_PARAMS);
  if (!result.success) {
    const errors = zodIssuesToFieldErrors(result.error.issues);
    throw new ValidationError(msg('validation.invalid', { what, count: errors.length }), { errors });
  }
  return result.data;
}
