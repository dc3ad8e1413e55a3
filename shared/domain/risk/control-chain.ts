import { buildContext, distinctLinks, foreignControllers, type ChainLink, type ChainWalk, type RiskContext } from './context';
import type { L2333Clause } from './control-law';
import type { RiskOrganization, RiskShareholder } from './types';

/**
 * The control chain of one organization, as the risk engine sees it (docs/risk.md): the same context
 * (context.ts `buildContext`), the same links (`linkOf`: country from the registered organization, foreign in the
 * sense of CMF R151-1, outside the EU/EEA) and the same screening of direct shareholders as IEF-FOREIGN-CONTROL
 * ({@link screenShareholder}, which the rule itself calls). `GET /organizations/{orgId}/control-chain` serves it;
 * the organization page draws it as a tree.
 */

/** Voting-rights threshold of CMF R151-2 3° for investors from outside the EU/EEA: 25 %, 10 % for a listed company. */
export const iefThresholdPct = (listed: boolean): number => (listed ? 10 : 25);

export interface ShareholderScreening {
  /** The shareholder controls the organization (Code de commerce L233-3: more than 50 %, a declared basis, marked controlling, or presumed). */
  control: boolean;
  /** The clause of L233-3 it controls by (null: it does not). */
  clause: L2333Clause | null;
  /** At or above the R151-2 threshold. */
  aboveThreshold: boolean;
  /** The engine's walk up from the shareholder, through the holders that control each organization above it. */
  walk: ChainWalk;
  /** Every link of the walk, once. */
  links: ChainLink[];
  foreign: ChainLink[];
  nonEuEea: ChainLink[];
  /** Why IEF-FOREIGN-CONTROL counts it: `control` (a foreign link on a controlling chain), `threshold` (a non-EU/EEA link above the threshold). */
  basis: ('control' | 'threshold')[];
}

/**
 * What IEF-FOREIGN-CONTROL reads for direct shareholder `s` of `orgId` (null when the shareholder neither
 * controls nor reaches the threshold: the rule does not look further).
 */
export function screenShareholder(ctx: RiskContext, orgId: string, s: RiskShareholder, thresholdPct: number): ShareholderScreening | null {
  const clause = ctx.controlClause(orgId, s);
  const control = clause !== null;
  const aboveThreshold = s.votingRightsPct >= thresholdPct;
  if (!control && !aboveThreshold) return null;
  const walk = ctx.walkUp(orgId, s);
  const links = distinctLinks(walk.paths);
  const foreign = links.filter((l) => l.foreign);
  const nonEuEea = foreign.filter((l) => l.nonEuEea);
  const basis: ('control' | 'threshold')[] = [];
  if (control && foreign.length) basis.push('control');
  if (aboveThreshold && nonEuEea.length) basis.push('threshold');
  return { control, clause, aboveThreshold, walk, links, foreign, nonEuEea, basis };
}

/** One holder in the tree: a link of the chain, and where it stands. */
export interface ControlChainNode extends ChainLink {
  /** `1`, `1.2`…: the path of indexes from the organization (1-based); its parent is the id without the last part. */
  id: string;
  parentId: string | null;
  /** 1 for a direct shareholder. */
  depth: number;
  /** Every holding from the organization up to this holder is a control holding: it controls the organization. */
  controls: boolean;
  /** On a chain that IEF-FOREIGN-CONTROL screens (a direct shareholder that controls or reaches the threshold, then the holders controlling it). */
  screened: boolean;
  /** The holder already appears below it on this branch (a shareholding cycle): not expanded again. */
  cycle?: boolean;
  /** Not expanded: the bounds of the tree were reached. */
  truncated?: boolean;
}

export interface ControlChainView {
  organizationId: string;
  legalName: string;
  country: string;
  listed: boolean;
  thresholdPct: number;
  /** The tree, depth first (each holder after its parent, siblings in the engine's canonical order). */
  nodes: ControlChainNode[];
  /** Foreign links (R151-1) among those controlling the organization, directly or indirectly (as the leak and ZRR rules read them). */
  foreignControllers: ChainLink[];
  /** The direct shareholders on which IEF-FOREIGN-CONTROL would rest in a sensitive project, with the foreign investors behind each. */
  iefFindings: { shareholderName: string; votingRightsPct: number; basis: ('control' | 'threshold')[]; foreignInvestors: ChainLink[] }[];
  /** Organizations named as shareholders but not registered (or beyond the loaded depth): the chain stops there. */
  unresolved: string[];
  truncated: boolean;
}

/** Bounds of the tree (real chains are a few links of a few holders). */
export const MAX_TREE_NODES = 500;
export const MAX_TREE_DEPTH = 10;

/**
 * The control chain of `orgId` from the organizations the store loaded upward (shared/store/organizations.ts
 * `loadControlChain`). Null when `orgId` is not among them.
 */
export function controlChainOf(orgId: string, organizations: ReadonlyMap<string, RiskOrganization>): ControlChainView | null {
  const root = organizations.get(orgId);
  if (!root) return null;
  const ctx = buildContext({
    project: { id: '', technologyDomains: [] },
    memberships: [{ organizationId: orgId, role: 'partner' }],
    organizations,
    declarations: [],
    controlEvents: [],
    now: new Date(0),
  });
  const listed = root.listed === true;
  const thresholdPct = iefThresholdPct(listed);
  const nodes: ControlChainNode[] = [];
  const unresolved = new Set<string>();
  let truncated = false;

  const expand = (holderOf: string, parent: ControlChainNode | null, onPath: readonly string[]) => {
    ctx.shareholders(holderOf).forEach((s, i) => {
      if (nodes.length >= MAX_TREE_NODES) {
        truncated = true;
        return;
      }
      const link = ctx.linkOf(s);
      const depth = (parent?.depth ?? 0) + 1;
      const control = ctx.controlClause(holderOf, s) !== null;
      const node: ControlChainNode = {
        ...link,
        id: parent ? `${parent.id}.${i + 1}` : String(i + 1),
        parentId: parent?.id ?? null,
        depth,
        controls: (parent?.controls ?? true) && control,
        screened: parent ? parent.screened && control : control || s.votingRightsPct >= thresholdPct,
      };
      nodes.push(node);
      const id = s.organizationId;
      if (!id) return;
      if (link.unresolved) {
        unresolved.add(id);
        return;
      }
      if (onPath.includes(id)) {
        node.cycle = true;
        return;
      }
      if (depth >= MAX_TREE_DEPTH) {
        if (ctx.shareholders(id).length) {
          node.truncated = true;
          truncated = true;
        }
        return;
      }
      expand(id, node, [...onPath, id]);
    });
  };
  expand(orgId, null, [orgId]);

  const iefFindings: ControlChainView['iefFindings'] = [];
  for (const s of ctx.shareholders(orgId)) {
    const screening = screenShareholder(ctx, orgId, s, thresholdPct);
    if (!screening?.basis.length) continue;
    iefFindings.push({ shareholderName: s.name, votingRightsPct: s.votingRightsPct, basis: screening.basis, foreignInvestors: screening.foreign });
  }

  return {
    organizationId: orgId,
    legalName: root.legalName,
    country: root.country.toUpperCase(),
    listed,
    thresholdPct,
    nodes,
    foreignControllers: foreignControllers(ctx, orgId),
    iefFindings,
    unresolved: [...unresolved].sort(),
    truncated,
  };
}

/**
 * The organizations among `orgIds` that `holderId` controls, directly or through a chain of control (Code de commerce
 * L233-3, the presumption of II included), each with the chain from it up to the holder — the same test as
 * IEF-ACQUISITION's indirect operation (`RiskContext.upstreamControllers`): every holding on the chain is a control
 * holding. A mere holding (10 % of a subsidiary) is not control. `organizations` are those the store loaded upward
 * from `orgIds` (shared/store/organizations.ts `loadControlChain`).
 */
export function controlledBy(holderId: string, orgIds: readonly string[], organizations: ReadonlyMap<string, RiskOrganization>): Map<string, ChainLink[]> {
  const ctx = buildContext({
    project: { id: '', technologyDomains: [] },
    memberships: [],
    organizations,
    declarations: [],
    controlEvents: [],
    now: new Date(0),
  });
  const out = new Map<string, ChainLink[]>();
  for (const id of [...new Set(orgIds)]) {
    if (id === holderId || !organizations.has(id)) continue;
    const via = ctx.upstreamControllers(id).get(holderId);
    if (via) out.set(id, via);
  }
  return out;
}
