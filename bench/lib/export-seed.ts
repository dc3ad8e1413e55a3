/**
 * The data of bench/exports.bench.ts, written straight into DynamoDB with BatchWriteItem (25 items a call, several
 * calls in flight) instead of through the API: 100k declarations through the product's transactions would take
 * hours on DynamoDB Local. Every item is built with the store's key builders (shared/store/keys.ts) and has the
 * shape the product writes (flags through the product's own `flagWrite`), including the dated index (gsi3).
 *
 * A project = 20 partners (PARTNERS_PER_PROJECT), so N declarations are N / 20 projects, each with:
 *   - META (on gsi1 PROJECTS) and 20 MEMBER# items (on gsi1 ORG#<orgId>);
 *   - per partner one declaration version (inline JSON: test/fixtures/declaration.ts `completeDeclaration`,
 *     ~1.6 KB) and its head (submitted for 3 partners in 4);
 *   - 0–2 flags per partner (1 on average), in every status, on gsi3 DATED#FLAG (and gsi1 OPENFLAGS while active);
 *   - 3 audit events per partner (declaration saved, flag raised or mitigated, declaration submitted or reviewed) on
 *     the project's chain, hash-chained with `sealEvent` from seq 1, and the chain head.
 * Organizations come from a pool of N / 10; each has one control event (and its audit event on its own chain).
 * A project's activity spans ~1 year, starting anywhere in 2016–2025: the dated index covers 10 years.
 * Everything is derived from the project's index and the pool size (a seeded PRNG per project): the larger size
 * adds projects (and organizations) to the smaller one's data.
 */
import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { completeDeclaration } from '../../test/fixtures/declaration';
import { sealEvent, canonicalJson, sha256Hex, type Actor, type AuditEvent, GENESIS_HASH } from '../../shared/domain/audit';
import type { ControlEvent } from '../../shared/domain/control-event';
import type { Project } from '../../shared/domain/project';
import { RULE_IDS, SEVERITIES } from '../../shared/domain/risk/types';
import { FLAG_STATUSES, type Flag } from '../../shared/domain/risk/lifecycle';
import type { DeclarationHead, DeclarationVersionMeta } from '../../shared/store/declarations';
import { flagWrite } from '../../shared/store/flags';
import {
  auditDatedGsi,
  auditEventKey,
  auditHeadKey,
  controlEventDatedGsi,
  controlEventKey,
  declarationDatedGsi,
  declarationHeadKey,
  declarationVersionKey,
  membershipGsi,
  membershipKey,
  orgChain,
  projectChain,
  projectKey,
  projectListGsi,
} from '../../shared/store/keys';
import { pool } from './bench';
import { mulberry32 } from './fixtures';

export const PARTNERS_PER_PROJECT = 20;
/** Audit events per declaration, on the project's chain. */
export const AUDIT_PER_DECLARATION = 3;

type Item = Record<string, unknown>;

const DAY = 86_400_000;
const START = Date.UTC(2016, 0, 1);
/** Projects start within 9 years of START and last ~1 year: the data spans 2016–2025. */
const START_SPREAD = 9 * 365 * DAY;

/** A product id (`<prefix>_` + 32 hex), deterministic. */
const idOf = (prefix: string, seed: string) => `${prefix}_${createHash('md5').update(seed).digest('hex')}`;
export const projectIdOf = (i: number) => idOf('prj', `project-${i}`);
export const orgIdOf = (j: number) => idOf('org', `org-${j}`);
/** N / 10 organizations, never a multiple of 7 (the stride that picks a project's partners: they stay distinct). */
export function orgPoolSize(declarations: number): number {
  let n = Math.max(PARTNERS_PER_PROJECT * 2, Math.ceil(declarations / 10));
  while (n % 7 === 0) n++;
  return n;
}

const iso = (t: number) => new Date(t).toISOString();
const partnerActor = (orgId: string, k: number): Actor => ({
  sub: `user-${orgId.slice(4, 12)}`,
  role: 'partner',
  org: orgId,
  email: `pi-${k}@partner.example`,
});
const LEGAL: Actor = { sub: 'legal-bench', role: 'legal', org: null, email: 'juriste@pole.example' };

const TITLES = [
  ['Contrôle étranger d’un partenaire', 'Foreign control of a partner'],
  ['Résultat co-détenu sans accord', 'Co-owned result without agreement'],
  ['Bien à double usage partagé', 'Dual-use item shared'],
] as const;

function flagOf(projectId: string, orgId: string, k: number, rnd: () => number, createdAt: number): Flag {
  const ruleId = RULE_IDS[Math.floor(rnd() * RULE_IDS.length)]!;
  const status = FLAG_STATUSES[Math.floor(rnd() * FLAG_STATUSES.length)]!;
  const [fr, en] = TITLES[k % TITLES.length]!;
  const evidence = { organizationId: orgId, votingRightsPct: Math.round(rnd() * 10000) / 100, chain: [orgId, 'Fonds « Atlantique » LP'] };
  const evidenceHash = sha256Hex(canonicalJson(evidence));
  const updatedAt = iso(createdAt + Math.floor(rnd() * 30) * DAY);
  return {
    id: idOf('flg', `${projectId}/${orgId}/${k}`),
    fingerprint: sha256Hex(canonicalJson({ ruleId, subject: { organizationId: orgId, k } })),
    ruleId,
    ruleVersion: 1 + (k % 3),
    title: { fr, en },
    severity: SEVERITIES[Math.floor(rnd() * SEVERITIES.length)]!,
    status,
    subject: { organizationId: orgId },
    explanation: {
      fr: `L’organisation ${orgId} est contrôlée à ${evidence.votingRightsPct} % par un investisseur hors UE/EEE (CMF R151-2) ; « =SOMME(A1) » reste du texte.`,
      en: `Organization ${orgId} is ${evidence.votingRightsPct} % controlled by a non-EU/EEA investor (CMF R151-2).`,
    },
    evidence,
    evidenceHash,
    manual: rnd() < 0.05,
    history: [{ at: iso(createdAt), action: 'created', from: null, to: 'open' }],
    createdAt: iso(createdAt),
    updatedAt,
    ...(status === 'waived'
      ? { waiver: { justification: 'Engagement écrit du partenaire ; accord de consortium, art. 12.', by: LEGAL.sub, at: updatedAt, evidenceHash } }
      : {}),
  };
}

/** Every item of project `i`, its partners taken from a pool of `orgPool` organizations. */
export function projectItems(i: number, orgPool: number): Item[] {
  const rnd = mulberry32(0x5eed + i);
  const projectId = projectIdOf(i);
  const chain = projectChain(projectId);
  const start = START + Math.floor(rnd() * START_SPREAD);
  const orgs: string[] = [];
  const first = Math.floor(rnd() * orgPool);
  // 20 distinct organizations of the pool (stride 7, the pool size is not a multiple of 7).
  for (let k = 0; k < PARTNERS_PER_PROJECT; k++) orgs.push(orgIdOf((first + k * 7) % orgPool));
  if (new Set(orgs).size !== orgs.length) throw new Error('organization pool too small for distinct partners');
  const items: Item[] = [];
  const createdAt = iso(start);
  const updatedAt = iso(start + 360 * DAY);
  const { coordinatorOrgId, ...project }: Project = {
    id: projectId,
    acronym: `PRJ${i}`,
    title: `Capteurs photoniques intégrés pour l’industrie — lot ${i}`,
    summary: 'Projet collaboratif France 2030 : capteurs, algorithmes et démonstrateur.',
    fundingScheme: 'france-2030',
    technologyDomains: ['photonics', 'quantum'],
    startDate: createdAt.slice(0, 10),
    endDate: iso(start + 3 * 365 * DAY).slice(0, 10),
    status: 'declarations',
    coordinatorOrgId: orgs[0]!,
    version: 1,
    createdAt,
    updatedAt,
  };
  items.push({ ...projectKey(projectId), ...projectListGsi(updatedAt, projectId), entity: 'project', ...project, coordinatorOrgId });
  orgs.forEach((orgId, k) =>
    items.push({
      ...membershipKey(projectId, orgId),
      ...membershipGsi(projectId, orgId),
      entity: 'membership',
      projectId,
      organizationId: orgId,
      role: k === 0 ? 'coordinator' : 'partner',
      version: 1,
      addedAt: createdAt,
    }),
  );

  const pending: { at: number; actor: Actor; action: string; target: { type: string; id: string }; after: unknown }[] = [];
  orgs.forEach((orgId, k) => {
    const actor = partnerActor(orgId, k);
    const savedAtMs = start + Math.floor(rnd() * 300 * DAY) + Math.floor(rnd() * DAY);
    const savedAt = iso(savedAtMs);
    const content = completeDeclaration(orgId, orgs[(k + 1) % orgs.length]!, orgs[(k + 2) % orgs.length]!);
    const json = JSON.stringify(content);
    const contentHash = sha256Hex(canonicalJson(content));
    const meta: DeclarationVersionMeta = {
      projectId,
      organizationId: orgId,
      version: 1,
      contentHash,
      sizeBytes: Buffer.byteLength(json, 'utf8'),
      storage: 'inline',
      savedAt,
      savedBy: actor,
    };
    items.push({
      ...declarationVersionKey(projectId, orgId, 1),
      ...declarationDatedGsi(projectId, orgId, savedAt, 1),
      entity: 'declaration-version',
      ...meta,
      content: json,
    });
    const submitted = k % 4 !== 3;
    const submittedAt = iso(savedAtMs + 2 * DAY);
    const head: DeclarationHead = {
      projectId,
      organizationId: orgId,
      currentVersion: 1,
      currentHash: contentHash,
      status: submitted ? 'submitted' : 'draft',
      submissions: submitted ? [{ version: 1, contentHash, at: submittedAt, by: actor }] : [],
      updatedAt: submitted ? submittedAt : savedAt,
    };
    items.push({ ...declarationHeadKey(projectId, orgId), entity: 'declaration-head', ...head });

    const declId = `${projectId}/${orgId}`;
    pending.push({
      at: savedAtMs,
      actor,
      action: 'declaration.saved',
      target: { type: 'declaration', id: declId },
      after: { version: 1, contentHash, sizeBytes: meta.sizeBytes },
    });
    // 0, 1 or 2 flags (1 on average).
    const nFlags = Math.floor(rnd() * 3);
    for (let f = 0; f < nFlags; f++) {
      const flag = flagOf(projectId, orgId, f, rnd, savedAtMs + (1 + f) * DAY);
      items.push(flagWrite(projectId, flag, null).write.item.Put!.Item as Item);
    }
    pending.push(
      nFlags
        ? {
            at: savedAtMs + DAY,
            actor: LEGAL,
            action: 'flag.raised',
            target: { type: 'flag', id: idOf('flg', `${declId}/0`) },
            after: { severity: 'high', status: 'open' },
          }
        : { at: savedAtMs + DAY, actor: LEGAL, action: 'declaration.viewed', target: { type: 'declaration', id: declId }, after: { version: 1 } },
    );
    pending.push(
      submitted
        ? { at: savedAtMs + 2 * DAY, actor, action: 'declaration.submitted', target: { type: 'declaration', id: declId }, after: { version: 1, contentHash } }
        : {
            at: savedAtMs + 2 * DAY,
            actor: LEGAL,
            action: 'declaration.reviewed',
            target: { type: 'declaration', id: declId },
            after: { note: 'À compléter' },
          },
    );
  });

  // The chain in time order: seq 1.. with each event's prevHash the previous event's hash.
  pending.sort((a, b) => a.at - b.at);
  let prev = GENESIS_HASH;
  let last: AuditEvent | null = null;
  pending.forEach((p, n) => {
    const e = sealEvent({ chain, seq: n + 1, at: iso(p.at), actor: p.actor, action: p.action, target: p.target, after: p.after, prevHash: prev });
    items.push({ ...auditEventKey(chain, e.seq), ...auditDatedGsi(chain, e.at, e.seq), entity: 'audit', ...e });
    prev = e.hash;
    last = e;
  });
  const tip = last as AuditEvent | null;
  if (tip) items.push({ ...auditHeadKey(chain), entity: 'audit-head', seq: tip.seq, hash: tip.hash, updatedAt: tip.at });
  return items;
}

/** Organization `j`'s control event and the audit event that recorded it (seq 1 of its chain). */
export function orgItems(j: number): Item[] {
  const rnd = mulberry32(0xc0de + j);
  const orgId = orgIdOf(j);
  const at = iso(START + Math.floor(rnd() * (START_SPREAD + 365 * DAY)));
  const event: ControlEvent = {
    id: idOf('cev', `org-${j}`),
    organizationId: orgId,
    kind: rnd() < 0.5 ? 'acquisition' : 'shareholding-change',
    status: 'completed',
    investor: { name: 'Société Générale d’Électronique; "SGE"', country: rnd() < 0.5 ? 'CN' : 'US' },
    votingRightsBeforePct: 12.5,
    votingRightsAfterPct: Math.round(rnd() * 10000) / 100,
    effectiveDate: at.slice(0, 10),
    authorisation: { status: 'requested', reference: `DGT-${j}` },
    description: 'Prise de participation notifiée à la DG Trésor.',
    recordedAt: at,
    recordedBy: LEGAL.sub,
  };
  const chain = orgChain(orgId);
  const e = sealEvent({
    chain,
    seq: 1,
    at,
    actor: LEGAL,
    action: 'organization.control-event-recorded',
    target: { type: 'control-event', id: event.id },
    after: event,
    prevHash: GENESIS_HASH,
  });
  return [
    { ...controlEventKey(orgId, at, event.id), ...controlEventDatedGsi(orgId, at, event.id), entity: 'control-event', ...event },
    { ...auditEventKey(chain, 1), ...auditDatedGsi(chain, at, 1), entity: 'audit', ...e },
    { ...auditHeadKey(chain), entity: 'audit-head', seq: 1, hash: e.hash, updatedAt: at },
  ];
}

export interface SeedCounts {
  items: number;
  batches: number;
  bytes: number;
}

/**
 * Writes items with BatchWriteItem: 25 a call, `concurrency` calls in flight, unprocessed items retried with a
 * growing pause. Returns what was written.
 */
export async function batchWrite(doc: DynamoDBDocumentClient, table: string, items: Item[], concurrency: number): Promise<SeedCounts> {
  const { BatchWriteCommand } = await import('@aws-sdk/lib-dynamodb');
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let bytes = 0;
  await pool(batches, concurrency, async (batch) => {
    let left = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let round = 0; left.length; round++) {
      if (round > 20) throw new Error('BatchWriteItem: items still unprocessed after 20 rounds');
      if (round) await new Promise((r) => setTimeout(r, 20 * round));
      const res = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: left } }));
      left = (res.UnprocessedItems?.[table] ?? []) as typeof left;
    }
  });
  for (const it of items) bytes += JSON.stringify(it).length;
  return { items: items.length, batches: batches.length, bytes };
}

/**
 * Seeds projects [fromProject, toProject) and, the first time (`withOrgs`), the organizations' control events.
 * Projects are generated and written in chunks, so the bench never holds more than a chunk of items.
 */
export async function seedProjects(
  doc: DynamoDBDocumentClient,
  table: string,
  o: { fromProject: number; toProject: number; orgPool: number; orgsFrom: number; concurrency: number; onChunk?: (done: number) => void },
): Promise<SeedCounts> {
  const total: SeedCounts = { items: 0, batches: 0, bytes: 0 };
  const add = (c: SeedCounts) => {
    total.items += c.items;
    total.batches += c.batches;
    total.bytes += c.bytes;
  };
  const orgItemsAll: Item[] = [];
  for (let j = o.orgsFrom; j < o.orgPool; j++) orgItemsAll.push(...orgItems(j));
  add(await batchWrite(doc, table, orgItemsAll, o.concurrency));
  const CHUNK = 50;
  for (let p = o.fromProject; p < o.toProject; p += CHUNK) {
    const items: Item[] = [];
    for (let i = p; i < Math.min(o.toProject, p + CHUNK); i++) items.push(...projectItems(i, o.orgPool));
    add(await batchWrite(doc, table, items, o.concurrency));
    o.onChunk?.(Math.min(o.toProject, p + CHUNK));
  }
  return total;
}
