import * as z from 'zod';
import { ValidationError, type FieldError } from './errors';

/**
 * Field paths in problem+json: `path` is slash-joined without a leading slash (`siren`,
 * `results/2/ownership/1/pct`) so a UI can key a form field by it; `pointer` is the RFC 6901 JSON Pointer
 * (`/results/2/ownership/1/pct`) as RFC 9457 suggests. An error about the whole body has path ''.
 */
export interface ProblemFieldError extends FieldError {
  pointer: string;
}

const escapePointer = (seg: PropertyKey) => String(seg).replace(/~/g, '~0').replace(/\//g, '~1');

export function fieldError(path: readonly PropertyKey[], message: string): ProblemFieldError {
  const segs = path.map(escapePointer);
  return { path: segs.join('/'), pointer: segs.length ? `/${segs.join('/')}` : '', message };
}

export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): ProblemFieldError[] {
  const out: ProblemFieldError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      // One error per unknown key, pointing at the key itself, so the UI can show which field is refused.
      for (const key of issue.keys) out.push(fieldError([...issue.path, key], 'Unknown field'));
    } else {
      out.push(fieldError(issue.path, issue.message));
    }
  }
  return out;
}

/** Parses `input` with `schema` or throws a ValidationError listing every offending field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const errors = zodIssuesToFieldErrors(result.error.issues);
    throw new ValidationError(`The ${what} is invalid: ${errors.length} error(s).`, { errors });
  }
  return result.data;
}
