import type { FollowUp } from '../api/route';

/**
 * Marks the requests whose follow-ups ran (shared/services/after-change.ts), so that the HTTP stack can refuse
 * to answer for a route that declares follow-ups but never ran them. Kept apart from after-change.ts so that
 * the HTTP stack does not bundle the risk engine.
 */
const followedUp = new WeakSet<object>();

export function markFollowedUp(req: object): void {
  followedUp.add(req);
}

/** Throws (a 500 for the caller, a clear message in the log) when a route forgot its declared follow-ups. */
export function assertFollowedUp(req: { route: { method: string; path: string; after?: readonly FollowUp[] } }): void {
  if (req.route.after?.length && !followedUp.has(req)) {
    throw new Error(`${req.route.method} ${req.route.path} declares follow-ups (${req.route.after.join(', ')}) but its handler did not call afterChange`);
  }
}
