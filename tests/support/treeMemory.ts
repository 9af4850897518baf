import fs from 'node:fs';

/** Resident memory of each process under `root` (children, grandchildren), from /proc: pid → MB. */
function descendants(root: number): Map<number, number> {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
      rss.set(Number(name), (Number(fields[21]) * 4096) / 1024 ** 2);
    } catch {
      // Gone between listing and reading.
    }
  }
  const under = new Map<number, number>();
  for (const [pid, mb] of rss) {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p))
      if (p === root) {
        under.set(pid, mb);
        break;
      }
  }
  return under;
}

/**
 * Samples, every 20 ms until stopped, the largest resident size any child process of this one
 * reached — what the document readers cost, which the test's own process figures never show.
 */
export function watchChildren(root = process.pid): {
  stop(): { peakChildMb: number; children: number; peaks: Map<number, number> };
} {
  let peak = 0;
  const peaks = new Map<number, number>();
  const sample = () => {
    for (const [pid, mb] of descendants(root)) {
      peaks.set(pid, Math.max(peaks.get(pid) ?? 0, Math.round(mb)));
      peak = Math.max(peak, mb);
    }
  };
  const timer = setInterval(sample, 20);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakChildMb: Math.round(peak), children: peaks.size, peaks };
    },
  };
}
