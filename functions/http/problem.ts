import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError } from '../../shared/domain/errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  [k: string]: unknown;
}

export function problemResponse(p: Problem, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode: p.status, headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers }, body: JSON.stringify(p) };
}

/** Typed domain errors keep their status and detail; anything else is an opaque 500 (details go to the log only). */
export function toProblem(err: unknown, requestId?: string): Problem {
  if (err instanceof DomainError) {
    return {
      type: err.type,
      title: err.title,
      status: err.status,
      detail: err.message,
      ...(err.errors ? { errors: err.errors } : {}),
      ...(err.extra ?? {}),
      ...(requestId ? { requestId } : {}),
    };
  }
  return {
    type: 'https://vigie.dev/problems/internal',
    title: 'Internal error',
    status: 500,
    detail: 'An unexpected error occurred. Quote the request id to the support team.',
    ...(requestId ? { requestId } : {}),
  };
}
