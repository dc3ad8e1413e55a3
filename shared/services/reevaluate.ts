import { evaluateProject } from '../domain/risk/engine';
import { causeWithdrawn, reconcile, restsOnControlEvent, type Flag } from '../domain/risk/lifecycle';
import type { RiskDeclaration, RiskOrganization } from '../domain/risk/types';
import type { ControlEvent } from '../domain/control-event';
import type { DeclarationDraft } from '../domain/declaration';
import type { Actor } from '../domain/audit';
import { getDeclarationVersion, listDeclarationHeads } from '../store/declarations';
import { listFlags, saveFlagChanges, type StoredFlag } from '../store/flags';
import { listControlEvents } from '../store/control-events';
import { controlledDownstream, loadControlChain } from '../store/organizations';
import { allProjectIdsOf, getProjectHeader, type ProjectHeader } from '../store/projects';
import { projectsOfOrgGsiPk } from '../store/keys';
import { getWorkflow } from '../store/workflow';
import { allPublications } from '../store/publications';
import { notifyNewSeriousFlags } from './notify-flags';

export interface Reevaluation {
  projectId: string;
  project: { id: string; acronym: string; title: string };
  created: StoredFlag[];
  reopened: StoredFlag[];
  closed: StoredFlag[];
  updated: StoredFlag[];
}

/** The engine's view of a project, loaded with Queries and BatchGets only (no Scan). */
/** Declarations the caller already holds (e.g. the version it just saved), by organization. */
export type KnownDeclarations = Record<string, { content: DeclarationDraft; submitted: boolean; version: number }>;

async function loadRiskInput(
  projectId: string,
  now: Date,
  known: KnownDeclarations = {},
  knownHeader?: ProjectHeader,
  extraEvents: readonly ControlEvent[] = [],
) {
  const header = knownHeader ?? (await getProjectHeader(projectId));
  if (!header) return null;
  const memberIds = header.members.map((m) => m.organizationId);
  // The three independent reads run side by side: control chain (+ events), declarations, workflow stage.
  const chainAndEvents = (async () => {
    const orgs = await loadControlChain(memberIds);
    const controlEvents: ControlEvent[] = [
      ...(await Promise.all([...orgs.keys()].map(listControlEvents))).flat(),
      ...extraEvents.filter((e) => orgs.has(e.organizationId)),
    ];
    // Investors named by control events may be registered organizations with chains of their own.
    const investorIds = controlEvents.map((e) => e.investor.organizationId).filter((id): id is string => !!id && !orgs.has(id));
    if (investorIds.length) for (const [id, o] of await loadControlChain(investorIds)) orgs.set(id, o);
    return { orgs, controlEvents };
  })();
  const declarationsRead = (async () => {
    const heads = await listDeclarationHeads(projectId);
    const loaded = await Promise.all(
      heads.map(async (h): Promise<RiskDeclaration | null> => {
        const k = known[h.organizationId];
        if (k && k.version === h.currentVersion) return { organizationId: h.organizationId, content: k.content, submitted: k.submitted };
        const v = await getDeclarationVersion<DeclarationDraft>(projectId, h.organizationId, h.currentVersion);
        return v ? { organizationId: h.organizationId, content: v.content, submitted: h.status === 'submitted' } : null;
      }),
    );
    return loaded.filter((d): d is RiskDeclaration => !!d);
  })();
  const [{ orgs, controlEvents }, declarations, workflow, publications] = await Promise.all([
    chainAndEvents,
    declarationsRead,
    getWorkflow(projectId),
    allPublications(projectId),
  ]);
  return {
    header,
    input: {
      project: { id: projectId, technologyDomains: header.project.technologyDomains, acronym: header.project.acronym, title: header.project.title },
      memberships: header.members.map((m) => ({ organizationId: m.organizationId, role: m.role })),
      organizations: new Map<string, RiskOrganization>(orgs),
      declarations,
      controlEvents,
      workflowStage: workflow?.state.stage ?? null,
      publications: publications.map((n) => ({
        id: n.id,
        organizationId: n.organizationId,
        title: n.title,
        venue: n.venue,
        plannedDate: n.plannedDate,
        earliestPublicationDate: n.earliestPublicationDate,
        resultKeys: n.resultKeys,
        noticeDate: n.noticeDate,
        daysBeforePublication: n.daysBeforePublication,
        noticeDays: n.terms.noticeDays,
        late: n.late,
        state: n.state,
      })),
      now,
    },
  };
}

/** What the caller already read in this request: declarations, the project header, the flags (saves round-trips). */
export interface ReevaluateOptions {
  known?: KnownDeclarations;
  header?: ProjectHeader;
  flags?: StoredFlag[];
  closeCause?: CloseCause;
}

/** A withdrawn control event: the flags resting on it that this re-evaluation closes say "cause withdrawn". */
export interface CloseCause {
  controlEventId: string;
  reason: string;
}

/**
 * Re-evaluates one project: runs the rules, reconciles with the stored flags (same fingerprint → same flag;
 * closed when the condition is gone; reopened when it returns or its evidence changes), writes the changes with
 * their audit events, and emails the legal staff about new high or critical flags.
 */
export async function reevaluateProject(
  projectId: string,
  actor: Actor,
  now = new Date(),
  opts: ReevaluateOptions & { notify?: boolean } = {},
): Promise<Reevaluation | null> {
  const [loaded, existing] = await Promise.all([loadRiskInput(projectId, now, opts.known, opts.header), opts.flags ?? listFlags(projectId)]);
  if (!loaded) return null;
  const findings = evaluateProject(loaded.input);
  const byId = new Map(existing.map((f) => [f.id, f]));
  const cause = opts.closeCause;
  const result = reconcile(existing, findings, now, {
    scope: projectId,
    ...(cause
      ? { closeReason: (f: Flag) => (restsOnControlEvent(f, cause.controlEventId) ? causeWithdrawn(cause.controlEventId, cause.reason) : undefined) }
      : {}),
  });
  const createdIds = new Set(result.created.map((f) => f.id));
  const reopenedIds = new Set(result.reopened.map((f) => f.id));
  const closedIds = new Set(result.closed.map((f) => f.id));
  const action = (f: Flag) =>
    createdIds.has(f.id) ? 'flag.raised' : reopenedIds.has(f.id) ? 'flag.reopened' : closedIds.has(f.id) ? 'flag.closed' : 'flag.updated';
  const stored = await saveFlagChanges(
    projectId,
    result.upserts.map((f) => ({ flag: f, previous: byId.get(f.id) ?? null, action: action(f) })),
    actor,
  );
  const out: Reevaluation = {
    projectId,
    project: loaded.header.project,
    created: stored.filter((f) => createdIds.has(f.id)),
    reopened: stored.filter((f) => reopenedIds.has(f.id)),
    closed: stored.filter((f) => closedIds.has(f.id)),
    updated: stored.filter((f) => !createdIds.has(f.id) && !reopenedIds.has(f.id) && !closedIds.has(f.id)),
  };
  if (opts.notify !== false) await notifyNewSeriousFlags([{ project: loaded.header.project, flags: [...out.created, ...out.reopened] }]);
  return out;
}

/**
 * An organization changed (control chain, control event): every project it belongs to is re-evaluated, found
 * through the membership GSI. The DynamoDB cost grows linearly with the number of projects. One email per legal
 * staff member sums up the new serious flags of all those projects.
 */
export async function reevaluateOrganization(orgId: string, actor: Actor, now = new Date(), closeCause?: CloseCause): Promise<Reevaluation[]> {
  // The organization's own projects and those of every organization it holds shares in, down the chain.
  const orgs = await controlledDownstream(orgId);
  const projectIds = [...new Set((await Promise.all(orgs.map((id) => allProjectIdsOf(projectsOfOrgGsiPk(id))))).flat())];
  const results: Reevaluation[] = [];
  // A few at a time: bounded concurrency keeps a 200-project fan-out within DynamoDB and Lambda limits.
  for (let i = 0; i < projectIds.length; i += 8) {
    const batch = await Promise.all(
      projectIds.slice(i, i + 8).map((id) => reevaluateProject(id, actor, now, { notify: false, ...(closeCause ? { closeCause } : {}) })),
    );
    results.push(...batch.filter((r): r is Reevaluation => !!r));
  }
  await notifyNewSeriousFlags(
    results.filter((r) => r.created.length || r.reopened.length).map((r) => ({ project: r.project, flags: [...r.created, ...r.reopened] })),
  );
  return results;
}

/** What a simulated control event would change on one project: the flags as they would be, not stored. */
export interface Simulation {
  projectId: string;
  project: { id: string; acronym: string; title: string };
  created: Flag[];
  reopened: Flag[];
  updated: Flag[];
  closed: Flag[];
}

/**
 * What-if (`POST /organizations/{id}/control-events/simulate`): the re-evaluation of every project of the
 * organization (and of those it holds shares in, as the real fan-out) with `event` added, reconciled with the
 * stored flags — nothing is written, audited or emailed. Same reads and bounds as {@link reevaluateOrganization}.
 */
export async function simulateControlEvent(event: ControlEvent, now = new Date()): Promise<Simulation[]> {
  const orgs = await controlledDownstream(event.organizationId);
  const projectIds = [...new Set((await Promise.all(orgs.map((id) => allProjectIdsOf(projectsOfOrgGsiPk(id))))).flat())];
  const out: Simulation[] = [];
  for (let i = 0; i < projectIds.length; i += 8) {
    const batch = await Promise.all(
      projectIds.slice(i, i + 8).map(async (projectId): Promise<Simulation | null> => {
        const [loaded, existing] = await Promise.all([loadRiskInput(projectId, now, {}, undefined, [event]), listFlags(projectId)]);
        if (!loaded) return null;
        const result = reconcile(existing, evaluateProject(loaded.input), now, { scope: projectId });
        const ids = new Set([...result.created, ...result.reopened, ...result.closed].map((f) => f.id));
        return {
          projectId,
          project: loaded.header.project,
          created: result.created,
          reopened: result.reopened,
          closed: result.closed,
          updated: result.upserts.filter((f) => !ids.has(f.id)),
        };
      }),
    );
    out.push(...batch.filter((r): r is Simulation => !!r));
  }
  return out;
}
