export function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(s.at(-1) ?? NaN) };
}

/** This process's peak resident memory so far, in MiB (the kernel's high-water mark). */
export const peakRssMiB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
