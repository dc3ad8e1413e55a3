/** The machine a bench ran on, for the "Environment" part of the reports. */
import { cpus, loadavg, totalmem } from 'node:os';

export function machine() {
  const cpu = cpus();
  return {
    /** e.g. "v20.20.2 (linux/x64)" */
    node: `${process.version} (${process.platform}/${process.arch})`,
    cpuModel: cpu[0]?.model,
    cores: cpu.length,
    /** RAM in GiB, one decimal. */
    ram: (totalmem() / 2 ** 30).toFixed(1),
  };
}

/** The 1, 5 and 15 minute load averages, e.g. "0.4 / 0.3 / 0.2". */
export const loadAverage = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');

/** The Markdown list items "- date", "- node", "- CPU" (one "- node" line with the load average at the end, with `withLoad`). */
export function environmentLines(o: { withLoad?: boolean } = {}): string[] {
  const m = machine();
  const date = `- date: ${new Date().toISOString()}`;
  const cpu = `${m.cpuModel ?? 'unknown'} × ${m.cores} cores, RAM ${m.ram} GiB`;
  return o.withLoad ? [date, `- node: ${m.node}; CPU: ${cpu}; load average at the end ${loadAverage()}`] : [date, `- node: ${m.node}`, `- CPU: ${cpu}`];
}
