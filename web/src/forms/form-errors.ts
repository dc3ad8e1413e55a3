import type { ErrorSchema } from '@rjsf/utils';

/** A field error of the API's problem+json (functions/http/problem.ts, shared/domain/validation.ts). */
export interface ServerFieldError {
  path: string;
  pointer?: string;
  message: string;
}

/** The RFC 6901 pointer's segments (`/results/0/ownership` → results, 0, ownership). */
export function pointerSegments(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The pointer of an error (the API sends `pointer`; older answers only the slash-joined `path`). */
export const pointerOf = (e: ServerFieldError): string => e.pointer ?? (e.path ? `/${e.path}` : '');

/** rjsf's id of the field at a pointer (idPrefix `root`, separator `_`). */
export const fieldId = (pointer: string): string => ['root', ...pointerSegments(pointer)].join('_');

/** The value at a pointer, or undefined. */
export function valueAt(data: unknown, pointer: string): unknown {
  let cur = data;
  for (const seg of pointerSegments(pointer)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** The server's errors as rjsf's `extraErrors`: each message under the field its pointer names. */
export function toExtraErrors(errors: ServerFieldError[]): ErrorSchema {
  const root: Record<string, unknown> = {};
  for (const e of errors) {
    let node = root;
    for (const seg of pointerSegments(pointerOf(e))) {
      node[seg] ??= {};
      node = node[seg] as Record<string, unknown>;
    }
    const list = (node.__errors ??= []) as string[];
    list.push(e.message);
  }
  return root as ErrorSchema;
}

/** The field errors of a problem+json body (none when it has no `errors`). */
export function fieldErrorsOf(problem: unknown): ServerFieldError[] {
  const errors = (problem as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (e): e is ServerFieldError => !!e && typeof (e as ServerFieldError).message === 'string' && typeof (e as ServerFieldError).path === 'string',
  );
}

/** Same JSON (key order included: both sides come from the same form). */
export const sameData = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
