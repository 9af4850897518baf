/** Wall-clock seconds a synchronous piece of work takes (the benches' one stopwatch). */
export function seconds(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}
