/** What a decision rested on (the material's mark, the counted reviews), and why it no longer does. */

interface RestsOn {
  material?: string;
  reviews?: Array<[number, number, boolean]>;
}

/**
 * Why a decision no longer rests on what it was made from; empty while it does (or was made before it was recorded).
 */
export function staleReasons(kept: string | null, now: string): string[] {
  if (kept === null || kept === now) return [];
  const before = JSON.parse(kept) as RestsOn;
  const after = JSON.parse(now) as RestsOn;
  const reasons: string[] = [];
  if (before.material !== after.material) reasons.push('定级后材料有更新');
  if (JSON.stringify(before.reviews ?? null) !== JSON.stringify(after.reviews))
    reasons.push('定级后评审有变化（新提交、退回或改分）');
  return reasons;
}
