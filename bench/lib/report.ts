/** Turns measured rounds into the summary numbers and the markdown the README shows. */
import type { RoundResult } from './load';

/** One target's rounds, summarised. */
export type TargetSummary = {
  label: string;
  rounds: RoundResult[];
  /** Median of the rounds' 2xx req/s. */
  rps: number;
  minRps: number;
  maxRps: number;
  /** Median of the rounds' p99 latency (ms). */
  p99: number;
  worstP99: number;
  /** Median server CPU time per 2xx answer (µs), when measurable. */
  cpuMicros: number | undefined;
  non2xx: number;
  errors: number;
  statusCounts: Record<string, number>;
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Summarises the rounds of one target: medians, so one noisy round cannot decide.
 *
 * @example
 * const s = summarise('stub (memory)', rounds); // s.rps, s.p99
 */
export function summarise(label: string, rounds: RoundResult[]): TargetSummary {
  const statusCounts: Record<string, number> = {};
  for (const round of rounds) {
    for (const [code, count] of Object.entries(round.statusCounts)) statusCounts[code] = (statusCounts[code] ?? 0) + count;
  }
  return {
    label,
    rounds,
    rps: median(rounds.map((r) => r.rps)),
    minRps: Math.min(...rounds.map((r) => r.rps)),
    maxRps: Math.max(...rounds.map((r) => r.rps)),
    p99: median(rounds.map((r) => r.p99)),
    worstP99: Math.max(...rounds.map((r) => r.p99)),
    cpuMicros: rounds.every((r) => r.cpuMicrosPerRequest !== undefined)
      ? median(rounds.map((r) => r.cpuMicrosPerRequest!))
      : undefined,
    non2xx: rounds.reduce((n, r) => n + r.non2xx, 0),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    statusCounts,
  };
}

/**
 * The ratio of two targets' req/s, round by round, and its median. Both ran in the same round
 * within seconds of each other, so a ratio per round cancels most of the machine's drift
 * (a shared machine can change speed by half between rounds); the median then drops an odd round.
 *
 * @example
 * pairedRatio(s.memory, s.bare); // { median: 0.61, min: 0.55, max: 0.66 }
 */
export function pairedRatio(a: TargetSummary, b: TargetSummary): { median: number; min: number; max: number } {
  const ratios = a.rounds.map((round, i) => round.rps / b.rounds[i]!.rps);
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

/**
 * The ratio of two targets' server CPU per request, round by round, and its median; undefined
 * where /proc is not available.
 *
 * @example
 * pairedCpuRatio(s.memory, s.bareHeaders); // { median: 1.2, min: 1.1, max: 1.3 }
 */
export function pairedCpuRatio(a: TargetSummary, b: TargetSummary): { median: number; min: number; max: number } | undefined {
  const ratios = a.rounds.map((round, i) => (round.cpuMicrosPerRequest ?? NaN) / (b.rounds[i]!.cpuMicrosPerRequest ?? NaN));
  if (ratios.some((r) => !Number.isFinite(r))) return undefined;
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
}

/** A check against a target, e.g. "(a)/(c) ≥ 0.60". */
/** `pass` undefined: a figure reported without a target. */
export type Check = { name: string; value: string; target: string; pass?: boolean };

const int = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * The throughput table and the checks as markdown.
 *
 * @example
 * console.log(markdownReport(summaries, checks, startupRows, notes));
 */
export function markdownReport(
  summaries: TargetSummary[],
  checks: Check[],
  startup: Array<{ label: string; ms: number; runs: number }>,
  notes: string[],
): string {
  const lines = [
    '| server | req/s (median) | req/s range | p99 ms (median) | p99 ms (worst) | server CPU µs/req | non-2xx | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...summaries.map(
      (s) =>
        `| ${s.label} | ${int(s.rps)} | ${int(s.minRps)}–${int(s.maxRps)} | ${s.p99} | ${s.worstP99} | ${s.cpuMicros === undefined ? '–' : int(s.cpuMicros)} | ${s.non2xx} | ${s.errors} |`,
    ),
    '',
    '| check | measured | target | |',
    '|---|---:|---:|---|',
    ...checks.map((c) => `| ${c.name} | ${c.value} | ${c.target} | ${c.pass === undefined ? '' : c.pass ? 'pass' : '**miss**'} |`),
    '',
    '| time from process start to the first 200 from /health | ms (median) | runs |',
    '|---|---:|---:|',
    ...startup.map((s) => `| ${s.label} | ${int(s.ms)} | ${s.runs} |`),
    '',
    ...notes.map((n) => `- ${n}`),
  ];
  return lines.join('\n');
}
