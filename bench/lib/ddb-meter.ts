/**
 * Instrumentation of the product's AWS SDK clients, as SDK middlewares added by the bench (no product code changed):
 * a hook around each command, and a meter that counts DynamoDB commands by name, times them and sums the consumed
 * capacity units.
 */

type Next = (args: { input: object }) => Promise<{ output: object }>;
type Context = { commandName?: string };

/** Any SDK v3 client (DynamoDB, S3, …). */
export interface InstrumentableClient {
  middlewareStack: { add(middleware: never, options: { step: 'initialize'; priority: 'high'; name: string }): void };
}

/** Adds a middleware first in the stack (so it sees the whole send: marshalling, signing, HTTP, retries, parsing). */
function addFirst(client: InstrumentableClient, name: string, middleware: (next: Next, context: Context) => Next): void {
  client.middlewareStack.add(middleware as never, { step: 'initialize', priority: 'high', name });
}

/** Calls `before` as each command the client sends starts; the function it returns is called when it ends (also on error). */
export function aroundEachCommand(client: InstrumentableClient, name: string, before: () => () => void): void {
  addFirst(client, name, (next) => async (args) => {
    const after = before();
    try {
      return await next(args);
    } finally {
      after();
    }
  });
}

export const READ_COMMANDS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand', 'TransactGetItemsCommand']);
const CAPACITY_COMMANDS = new Set([
  ...READ_COMMANDS,
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
]);

export interface CommandTally {
  n: number;
  errors: number;
  ms: number;
  units: number;
}
export interface Tally {
  /** By command name, e.g. 'QueryCommand'. */
  commands: Map<string, CommandTally>;
  readUnits: number;
  writeUnits: number;
  /** Of the write units, those spent on GSI updates (only with ReturnConsumedCapacity=INDEXES). */
  gsiWriteUnits: number;
}
/** Commands sent. */
export const requests = (t: Tally) => [...t.commands.values()].reduce((a, c) => a + c.n, 0);
/** Commands of one name sent. */
export const count = (t: Tally, name: string) => t.commands.get(name)?.n ?? 0;
/** Time spent in commands (summed: parallel commands all count). */
export const ddbMs = (t: Tally) => [...t.commands.values()].reduce((a, c) => a + c.ms, 0);

function sumCapacity(cc: unknown): number {
  if (!cc) return 0;
  if (Array.isArray(cc)) return cc.reduce((a: number, c) => a + sumCapacity(c), 0);
  return (cc as { CapacityUnits?: number }).CapacityUnits ?? 0;
}
/** The part of the consumed units spent on global secondary indexes (ReturnConsumedCapacity=INDEXES). */
function sumGsiCapacity(cc: unknown): number {
  if (!cc) return 0;
  if (Array.isArray(cc)) return cc.reduce((a: number, c) => a + sumGsiCapacity(c), 0);
  const g = (cc as { GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }> }).GlobalSecondaryIndexes ?? {};
  return Object.values(g).reduce((a, x) => a + (x.CapacityUnits ?? 0), 0);
}

export interface MeteredCommand {
  name: string;
  input: Record<string, unknown>;
  ms: number;
}

export interface DynamoMeter<T extends Tally> {
  /** What was sent since the last reset(); a reset replaces it, so a reference kept before stays as it was. */
  readonly tally: T;
  /** Everything since the meter was added, never reset (e.g. to prove no Scan was sent). */
  readonly total: T;
  reset(): void;
}

/**
 * Meters every command the product's DynamoDB client sends, asking for ReturnConsumedCapacity (`capacity`) on each
 * command that does not already. `extra` adds fields to each tally, and `onCommand` updates them per command.
 */
export function meterDynamo<X extends object = Record<never, never>>(
  client: InstrumentableClient,
  o: { capacity: 'TOTAL' | 'INDEXES'; extra?: () => X; onCommand?: (t: Tally & X, c: MeteredCommand) => void },
): DynamoMeter<Tally & X> {
  const newTally = (): Tally & X => ({ ...(o.extra?.() as X), commands: new Map(), readUnits: 0, writeUnits: 0, gsiWriteUnits: 0 });
  let tally = newTally();
  const total = newTally();
  addFirst(client, 'benchDdbTally', (next, context) => async (args) => {
    const name = context.commandName ?? 'unknown';
    const input = args.input as Record<string, unknown>;
    const ask = CAPACITY_COMMANDS.has(name) && input.ReturnConsumedCapacity === undefined;
    const t = performance.now();
    let units = 0;
    let gsiUnits = 0;
    let failed = false;
    try {
      const out = await next(ask ? { ...args, input: { ...input, ReturnConsumedCapacity: o.capacity } } : args);
      units = sumCapacity((out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity);
      gsiUnits = sumGsiCapacity((out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity);
      return out;
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      const ms = performance.now() - t;
      for (const tl of [tally, total]) {
        const c = tl.commands.get(name) ?? { n: 0, errors: 0, ms: 0, units: 0 };
        c.n++;
        c.ms += ms;
        c.units += units;
        if (failed) c.errors++;
        tl.commands.set(name, c);
        if (READ_COMMANDS.has(name)) tl.readUnits += units;
        else {
          tl.writeUnits += units;
          tl.gsiWriteUnits += gsiUnits;
        }
        o.onCommand?.(tl, { name, input, ms });
      }
    }
  });
  return {
    get tally() {
      return tally;
    },
    total,
    reset: () => void (tally = newTally()),
  };
}
