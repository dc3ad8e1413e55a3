import { assertFollowedUp, markFollowedUp } from '../../shared/services/follow-up-mark';
import { afterChange } from '../../shared/services/after-change';

const principal = { sub: 'u1', role: 'legal' as const };

describe('follow-ups of a change', () => {
  test('a route that declares follow-ups but never ran them cannot answer', () => {
    const req = { route: { method: 'PATCH', path: '/projects/{projectId}', after: ['reevaluate-project' as const] } };
    expect(() => assertFollowedUp(req)).toThrow(/did not call afterChange/);
    markFollowedUp(req);
    expect(() => assertFollowedUp(req)).not.toThrow();
  });

  test('a route without follow-ups answers without calling afterChange', () => {
    expect(() => assertFollowedUp({ route: { method: 'PUT', path: '/staff/{email}', after: [] } })).not.toThrow();
    expect(() => assertFollowedUp({ route: { method: 'GET', path: '/health' } })).not.toThrow();
  });

  test('a change the route does not declare is refused before anything runs', async () => {
    const req = { route: { after: [] }, principal };
    await expect(
      afterChange(req, {
        project: { id: 'p', acronym: 'P', title: 'T' },
        workflowEffects: [{ type: 'stage-changed', from: 'declarations', to: 'approvals' } as never],
      }),
    ).rejects.toThrow(/does not declare the follow-up notify-workflow/);
  });

  test('nothing to do (no re-evaluation wanted, no effects) still marks the request', async () => {
    const req = { route: { method: 'POST', path: '/x', after: ['notify-workflow' as const, 'reevaluate-project' as const] }, principal };
    await expect(afterChange(req, { project: { id: 'p', acronym: 'P', title: 'T' }, workflowEffects: [], reevaluate: false })).resolves.toEqual([]);
    expect(() => assertFollowedUp(req)).not.toThrow();
  });
});
