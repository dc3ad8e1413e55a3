import type { FollowUp } from '../api/route';
import type { Principal } from '../domain/access';
import type { Flag } from '../domain/risk/lifecycle';
import type { WorkflowEffect } from '../domain/workflow';
import { actorOf } from '../domain/audit';
import { markFollowedUp } from './follow-up-mark';
import { notifyNewSeriousFlags } from './notify-flags';
import { notifyEffects } from './notify-workflow';
import { reevaluateOrganization, reevaluateProject, type CloseCause, type ReevaluateOptions, type Reevaluation } from './reevaluate';

type ProjectRef = { id: string; acronym: string; title: string };

/** What a mutating route changed; the follow-ups its route declares (RouteDef.after) run on it, in this order. */
export interface Change {
  /** The project changed (reevaluate-project, notify-workflow, notify-flags). */
  project?: ProjectRef;
  /** The organization changed (reevaluate-organization). */
  organizationId?: string;
  /** The workflow transition's effects (notify-workflow). */
  workflowEffects?: readonly WorkflowEffect[];
  /** Flags the route created itself (notify-flags). */
  newFlags?: readonly Flag[];
  /** False when nothing the engine reads changed (e.g. a decision that did not change the stage). Default true. */
  reevaluate?: boolean;
  /** A control event withdrawn by the route: the flags it caused close with the reason "cause withdrawn". */
  closeCause?: CloseCause;
  /** What the route already read, to save round-trips in the re-evaluation. */
  reevaluation?: ReevaluateOptions;
  now?: Date;
}

/**
 * The one sequence after a change: workflow emails, then new-flag emails, then the re-evaluation of the
 * project or of every project of the organization (which emails the legal staff about new serious flags).
 * Runs exactly the follow-ups that the route declares; a change the route does not declare is a bug.
 */
export async function afterChange(req: { route: { after?: readonly FollowUp[] }; principal: Principal }, change: Change): Promise<Reevaluation[]> {
  const declared = new Set(req.route.after ?? []);
  const need = (f: FollowUp, present: boolean) => {
    if (present && !declared.has(f)) throw new Error(`The route does not declare the follow-up ${f}`);
    return present && declared.has(f);
  };
  const actor = actorOf(req.principal);
  const now = change.now ?? new Date();
  const results: Reevaluation[] = [];
  if (need('notify-workflow', !!change.workflowEffects?.length)) await notifyEffects(change.project!, change.workflowEffects!);
  if (need('notify-flags', !!change.newFlags?.length)) await notifyNewSeriousFlags([{ project: change.project!, flags: [...change.newFlags!] }]);
  if (change.reevaluate !== false) {
    if (need('reevaluate-project', declared.has('reevaluate-project') && !!change.project)) {
      const r = await reevaluateProject(change.project!.id, actor, now, change.reevaluation);
      if (r) results.push(r);
    }
    if (need('reevaluate-organization', declared.has('reevaluate-organization') && !!change.organizationId)) {
      results.push(...(await reevaluateOrganization(change.organizationId!, actor, now, change.closeCause)));
    }
  }
  markFollowedUp(req);
  return results;
}
