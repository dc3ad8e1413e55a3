/**
 * THE route table: every route of the HTTP API, gathered from the route files of shared/api/routes/ (one per
 * Lambda group). infra/aws (API routes and one Lambda per group), infra/local (the `npm start` server), the
 * OpenAPI builder and the web client read it. From a route, `handler` names the file under functions/ that
 * serves it (export `handler`), so any behaviour is two hops away.
 *
 * Handlers never import this module: each imports its own group's route file, so that a Lambda bundles only
 * the schemas of its own routes.
 */
import { routeKey, type RouteDef } from './route';
import * as health from './routes/health';
import * as openapi from './routes/openapi';
import * as forms from './routes/forms';
import * as dev from './routes/dev';
import * as organizations from './routes/organizations';
import * as projects from './routes/projects';
import * as declarations from './routes/declarations';
import * as documents from './routes/documents';
import * as risk from './routes/risk';
import * as workflow from './routes/workflow';
import * as publications from './routes/publications';
import * as controlReviews from './routes/control-reviews';
import * as agreements from './routes/agreements';
import * as staff from './routes/staff';
import * as audit from './routes/audit';
import * as exportsRoutes from './routes/exports';

export { routeKey, type RouteDef, type Method, type RouteGroup, type FollowUp } from './route';

export const routes: readonly RouteDef[] = [
  ...Object.values(health),
  ...Object.values(openapi),
  ...Object.values(forms),
  ...Object.values(dev),
  ...Object.values(organizations),
  ...Object.values(projects),
  ...Object.values(declarations),
  ...Object.values(documents),
  ...Object.values(risk),
  ...Object.values(workflow),
  ...Object.values(publications),
  ...Object.values(controlReviews),
  ...Object.values(agreements),
  ...Object.values(staff),
  ...Object.values(audit),
  ...Object.values(exportsRoutes),
];

const byKey = new Map(routes.map((r) => [routeKey(r), r]));
export function findRoute(key: string): RouteDef | undefined {
  return byKey.get(key);
}

/** Routes deployed to AWS (the dev-token route exists only locally). */
export const deployedRoutes = routes.filter((r) => !r.localOnly);

/** Scheduled jobs: EventBridge Scheduler in AWS (infra/aws), a timer in `npm start` (infra/local/scheduler.ts). */
export interface JobDef {
  name: string;
  /** Module under functions/ that exports `handler`. */
  handler: string;
  /** EventBridge Scheduler expression and its time zone; the local scheduler understands daily `cron(M H * * ? *)`. */
  schedule: { expression: string; timezone: string };
  description: string;
}

/**
 * Asynchronous workers: started by a route (`invokeWorker`, shared/store/workers.ts), each its own Lambda in AWS
 * (invoked with InvocationType Event, with a DLQ and reserved concurrency), in-process in `npm start`.
 */
export interface WorkerDef {
  name: 'export' | 'audit-verification';
  /** Module under functions/ that exports `handler`. */
  handler: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** At most this many run at once (the rest wait in Lambda's event queue). */
  reservedConcurrency: number;
  /** V8 flags of its Node.js process (NODE_OPTIONS in AWS; bench/exports.bench.ts runs its children with them). */
  nodeFlags: readonly string[];
  /** The route groups that start it (they get `lambda:InvokeFunction` on it and its name in their environment). */
  startedBy: readonly string[];
  description: string;
}

export const workers: readonly WorkerDef[] = [
  {
    name: 'export',
    handler: 'jobs/run-export',
    timeoutSeconds: 900,
    memoryMb: 1024,
    reservedConcurrency: 2,
    // A small young generation and a capped old space keep memory flat whatever the export's size: without them
    // V8 lets the heap grow with a long run's allocation rate (peak RSS ×1.6 from 10k to 100k declarations;
    // with them ×1.1 — bench/RESULTS.md, "Compliance exports"). The job's live data is one page, far below.
    nodeFlags: ['--max-old-space-size=128', '--max-semi-space-size=8'],
    startedBy: ['exports'],
    description: 'Compliance exports: streams a register from DynamoDB into a file in the exports bucket',
  },
  {
    name: 'audit-verification',
    handler: 'jobs/run-audit-verification',
    // Segments of 2,000 events (one bounded Query each): ~1 s per segment in AWS, so a chain of several hundred
    // thousand events fits in one invocation (docs/scale.md, "Audit checkpoints").
    timeoutSeconds: 900,
    memoryMb: 512,
    reservedConcurrency: 2,
    nodeFlags: [],
    startedBy: ['audit'],
    description: 'Full verification of one audit hash chain, segment by segment, recording verified checkpoints',
  },
];

export const jobs: readonly JobDef[] = [
  {
    name: 'reminders',
    handler: 'jobs/send-reminders',
    schedule: { expression: 'cron(0 8 * * ? *)', timezone: 'Europe/Paris' },
    description: 'Daily reminder digests for steps due soon, due today or overdue',
  },
];
