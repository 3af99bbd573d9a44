// Minimal types for the parts of autocannon 9 the benchmark uses (the package ships none).
declare module 'autocannon' {
  export type AutocannonRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  export type AutocannonOptions = {
    url: string;
    connections?: number;
    duration?: number;
    /** Stop after this many requests rather than after `duration`. */
    amount?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: AutocannonRequest[];
  };
  export type Histogram = { average: number; mean: number; p50: number; p90: number; p99: number; max: number };
  export type AutocannonResult = {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram & { sent: number };
  };
  export default function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
}
