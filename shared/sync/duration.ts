/** "3 days", "5 hours", "12 minutes": how far a clock is off, in words people act on. */
export function describeDuration(ms: number): string {
  const abs = Math.abs(ms);
  const units: [string, number][] = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1_000],
  ];
  for (const [name, size] of units) {
    if (abs < size) continue;
    const n = Math.round(abs / size);
    return `${n} ${name}${n === 1 ? '' : 's'}`;
  }
  return `${abs} ms`;
}
