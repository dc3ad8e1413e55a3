/**
 * What every bench script does around its measurements: integer and regex knobs from the environment, the run's
 * clock and global time cap, cleanup steps run once at the end (also on error, Ctrl-C or the hard cap), exit codes.
 */

/** An integer knob: `name` from the environment, `def` when unset or empty; anything that is not an integer ≥ `min` is an error. */
export function intEnv(name: string, def: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got ${raw}`);
  return n;
}

/** A regex knob (case-insensitive), e.g. BENCH_ONLY='<regex on series names>'; null when unset or empty. */
export function regexEnv(name: string): RegExp | null {
  const raw = process.env[name];
  return raw ? new RegExp(raw, 'i') : null;
}

export interface Bench {
  readonly startedAt: number;
  /** startedAt + maxSeconds: past it, a bench stops measuring (or starts nothing new) and reports what it has. */
  readonly deadline: number;
  readonly maxSeconds: number;
  /** Before the deadline. */
  timeLeft(): boolean;
  /** A progress line on stderr (stdout holds only the report). */
  log(s: string): void;
  /** A cleanup step; the steps run once, in reverse order of registration, and a failing step does not stop the others. */
  onCleanup(step: () => unknown): void;
  cleanup(): Promise<void>;
  /**
   * Runs `main`: a hard stop at maxSeconds + 30 s (exit 2), cleanup on Ctrl-C (exit 130) and SIGTERM (exit 143),
   * then cleanup and exit 0, or 1 if main threw.
   */
  run(main: () => Promise<void>): void;
}

export function createBench(opts: {
  maxSeconds: number;
  /** Prefix each log line with the seconds since the start (and end with a plain "done"). */
  elapsedInLog?: boolean;
}): Bench {
  const startedAt = Date.now();
  const deadline = startedAt + opts.maxSeconds * 1000;
  const log = opts.elapsedInLog
    ? (s: string) => console.error(`[bench] ${((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)} s  ${s}`)
    : (s: string) => console.error(`[bench] ${s}`);
  const steps: (() => unknown)[] = [];
  // Ctrl-C makes main fail too (its sockets close), so cleanup is called twice: the second call waits for the first.
  let running: Promise<void> | undefined;
  const cleanup = () =>
    (running ??= (async () => {
      for (const step of steps.splice(0).reverse()) {
        try {
          await step();
        } catch {
          // best effort: the remaining steps still run
        }
      }
    })().finally(() => (running = undefined)));
  return {
    startedAt,
    deadline,
    maxSeconds: opts.maxSeconds,
    timeLeft: () => Date.now() < deadline,
    log,
    onCleanup: (step) => void steps.push(step),
    cleanup,
    run(main) {
      process.once('SIGINT', () => {
        console.error('[bench] interrupted');
        void cleanup().finally(() => process.exit(130));
      });
      process.once('SIGTERM', () => void cleanup().finally(() => process.exit(143)));
      setTimeout(
        () => {
          console.error(`[bench] hard time cap (${opts.maxSeconds + 30} s) reached: stopping.`);
          void cleanup().finally(() => process.exit(2));
        },
        (opts.maxSeconds + 30) * 1000,
      ).unref();
      let exitCode = 0;
      main()
        .catch((e) => {
          console.error('[bench] failed:', e);
          exitCode = 1;
        })
        .finally(async () => {
          await cleanup();
          log(opts.elapsedInLog ? 'done' : `done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
          process.exit(exitCode);
        });
    },
  };
}

/** Runs fn over items, at most n at a time. */
export async function pool<T, R>(items: readonly T[], n: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/** One iteration of a measured series; `rec` is false during warm-up (and for set-up runs). */
export interface Workload {
  name: string;
  run: (rec: boolean) => Promise<void>;
}

/** The workloads whose name matches `only` (all without it); an error if none does. */
export function selectWorkloads<W extends Workload>(bench: Bench, workloads: W[], only: RegExp | null): W[] {
  const selected = only ? workloads.filter((w) => only.test(w.name)) : workloads;
  if (!selected.length) throw new Error(`BENCH_ONLY=${process.env.BENCH_ONLY} selects no series`);
  if (only) bench.log(`BENCH_ONLY: ${selected.map((w) => w.name).join(' | ')}`);
  return selected;
}

/**
 * `warmup` unrecorded iterations of each workload, then `n` recorded ones in interleaved blocks of `block` (so that
 * drift — JIT, GC — hits all of them alike). Stops at the bench's deadline: returns what was cut short, or null.
 */
export async function warmUpAndMeasure(bench: Bench, selected: Workload[], o: { n: number; warmup: number; block: number }): Promise<string | null> {
  bench.log(`warm-up: ${o.warmup} iterations per series`);
  for (const w of selected) for (let i = 0; i < o.warmup; i++) await w.run(false);
  bench.log(`measuring: ${o.n} iterations per series, blocks of ${o.block}, time cap ${bench.maxSeconds} s`);
  let done = 0;
  while (done < o.n) {
    const k = Math.min(o.block, o.n - done);
    for (const w of selected) {
      for (let i = 0; i < k; i++) {
        if (!bench.timeLeft()) return `time cap of ${bench.maxSeconds} s reached after ${done} + ${i} iterations of "${w.name}"`;
        await w.run(true);
      }
    }
    done += k;
    bench.log(`  ${done}/${o.n}`);
  }
  return null;
}
