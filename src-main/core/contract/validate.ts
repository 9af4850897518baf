import type { z } from 'zod';
import { DeskError } from './errors';

/** Turns zod issues into one Chinese sentence that names the offending fields. */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : '输入';
    return `${where}：${issue.message}`;
  });
  const more = error.issues.length > 5 ? `等 ${error.issues.length} 处` : '';
  return `输入有误（${parts.join('；')}${more}）`;
}

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new DeskError('invalid-input', describeIssues(result.error), result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })));
  }
  return result.data;
}
