import { InvokeCommand } from '@aws-sdk/client-lambda';
import { lambda } from './clients';

/**
 * Starting an asynchronous worker (docs/exports.md, "The job"). In AWS a worker is its own Lambda function,
 * invoked with `InvocationType: 'Event'` (Lambda queues the event, retries and sends what fails to the worker's
 * DLQ); its name is in the environment variable `<NAME>_WORKER_FUNCTION`, set by infra/aws. Without that
 * variable (`npm start`, the tests), the worker runs in this process: infra/local installs the local invoker,
 * which runs the same handler on a later turn of the event loop, so the API answers first.
 */
export type WorkerName = 'export' | 'audit-verification';

export const workerFunctionEnv = (name: WorkerName) => `${name.toUpperCase().replaceAll('-', '_')}_WORKER_FUNCTION`;

type LocalInvoker = (name: WorkerName, payload: unknown) => void;
let localInvoker: LocalInvoker | undefined;

/** infra/local: how to run a worker in-process. */
export function setLocalInvoker(invoker: LocalInvoker | undefined): void {
  localInvoker = invoker;
}

export async function invokeWorker(name: WorkerName, payload: unknown): Promise<void> {
  const fn = process.env[workerFunctionEnv(name)];
  if (fn) {
    await lambda().send(new InvokeCommand({ FunctionName: fn, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(payload)) }));
    return;
  }
  if (!localInvoker) throw new Error(`No ${workerFunctionEnv(name)} and no local invoker: cannot start the ${name} worker`);
  localInvoker(name, payload);
}
