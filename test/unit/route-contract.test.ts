import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routes, routeKey, type RouteDef } from '../../shared/api/routes';

/**
 * The route table and the handler files agree: each route's module exports a `handler` built from that very
 * route object (httpHandler attaches it), every mutating route declares its follow-ups, and a handler calls
 * `afterChange` exactly when its route declares some.
 */
const root = join(__dirname, '..', '..');
const source = (r: RouteDef) => readFileSync(join(root, 'functions', `${r.handler}.ts`), 'utf8');

describe.each(routes.map((r) => [routeKey(r), r] as const))('%s', (_key, route) => {
  test('its handler module serves this very route object', async () => {
    const mod = (await import(join(root, 'functions', route.handler))) as { handler?: { route?: RouteDef } };
    expect(typeof mod.handler).toBe('function');
    expect(mod.handler!.route).toBe(route);
  });

  test('a mutating route declares its follow-ups, and its handler runs them through afterChange', () => {
    const calls = /\bafterChange\(/.test(source(route));
    if (route.method === 'GET') {
      expect(route.after).toBeUndefined();
      expect(calls).toBe(false);
    } else {
      expect(Array.isArray(route.after)).toBe(true);
      expect(calls).toBe(route.after!.length > 0);
    }
  });
});

test('no two routes share a key', () => {
  const keys = routes.map(routeKey);
  expect(new Set(keys).size).toBe(keys.length);
});
