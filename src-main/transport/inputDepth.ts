/**
 * How deep an input nests, counted without recursion and given up past `limit`: a call's input
 * crosses to a core thread by structured clone, and `[[[…]]]` 5,000 deep ends that thread. No
 * operation takes more than a few levels (a review's answers are three).
 */
const MAX_INPUT_DEPTH = 64;

export function nestsDeeperThan(value: unknown, limit = MAX_INPUT_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

export const TOO_DEEP = { code: 'invalid-input', message: '请求内容嵌套过深，无法处理。' } as const;
