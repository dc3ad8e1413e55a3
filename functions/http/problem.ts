import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError } from '../../shared/domain/errors';
import { DEFAULT_LANG, type Lang } from '../../shared/domain/i18n/lang';
import { problemTitle, translateMessage } from '../../shared/domain/i18n/messages';
import { msg, renderMsg } from '../../shared/domain/i18n/catalog';
import { isTransientFailure } from './transient';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  /** The language of `title`, `detail` and `errors[].message` (also sent as Content-Language). */
  lang?: Lang;
  [k: string]: unknown;
}

export function problemResponse(p: Problem, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: p.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...(p.lang ? { 'content-language': p.lang } : {}), ...headers },
    body: JSON.stringify(p),
  };
}

/** Members of a problem that only toProblem sets: an error's `extra` can never provide or overwrite them. */
export const RESERVED_PROBLEM_MEMBERS: readonly string[] = ['type', 'title', 'status', 'detail', 'instance', 'errors', 'lang', 'requestId'];

function extraFields(extra: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!extra) return {};
  return Object.fromEntries(Object.entries(extra).filter(([k]) => !RESERVED_PROBLEM_MEMBERS.includes(k)));
}

/**
 * Typed domain errors keep their status and detail; a dependency's transient failure (throttling, 5xx, a dropped
 * connection: functions/http/transient.ts) is a 503 to retry; anything else is an opaque 500 (details go to the log only).
 * Title, detail and field messages are given in `lang` (French by default): catalogue messages
 * (`msg(id, params)`, shared/domain/i18n/catalog.ts) are rendered in `lang`; the few plain strings left
 * (messages set inside zod schemas) go through the catalogue by their English text, then the legacy patterns. Status codes and field paths never change.
 */
export function toProblem(err: unknown, requestId?: string, lang: Lang = DEFAULT_LANG): Problem {
  if (err instanceof DomainError) {
    return {
      // An error's own fields first, so that the problem's members always win (a `status` in `extra`
      // would otherwise become the HTTP status).
      ...extraFields(err.extra),
      type: err.type,
      title: problemTitle(err.type, lang, err.title),
      status: err.status,
      detail: err.detail ? renderMsg(err.detail, lang) : translateMessage(err.message, lang),
      ...(err.errors ? { errors: err.errors.map((e) => ({ ...e, message: e.msg ? renderMsg(e.msg, lang) : translateMessage(e.message, lang) })) } : {}),
      ...(requestId ? { requestId } : {}),
      lang,
    };
  }
  if (isTransientFailure(err)) {
    return {
      type: 'https://vigie.dev/problems/unavailable',
      title: problemTitle('unavailable', lang),
      status: 503,
      detail: renderMsg(msg('http.unavailable'), lang),
      ...(requestId ? { requestId } : {}),
      lang,
    };
  }
  return {
    type: 'https://vigie.dev/problems/internal',
    title: problemTitle('internal', lang),
    status: 500,
    detail: renderMsg(msg('http.internal'), lang),
    ...(requestId ? { requestId } : {}),
    lang,
  };
}
