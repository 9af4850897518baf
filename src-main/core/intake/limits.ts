import { z } from 'zod';
import type { Orm } from '../db/open';
import { readSetting, writeSetting } from '../db/settings';
import { DEFAULT_DOCUMENT_BOUNDS, type DocumentBounds } from './officeBounds';

/**
 * Safe defaults for what one source may unpack to; the office changes them in 设置. The ratio
 * guard only applies past `ratioFloorBytes`, so a small, very compressible text file (600:1 is
 * normal for a blank form) is fine while a bomb is stopped long before it fills the disk.
 */
export const intakeLimitsSchema = z.object({
  maxTotalBytes: z
    .number()
    .int()
    .min(1_000_000)
    .max(64 * 1024 ** 3),
  maxEntries: z.number().int().min(10).max(1_000_000),
  maxRatio: z.number().min(10).max(100_000),
  ratioFloorBytes: z.number().int().min(1_000_000),
  maxDepth: z.number().int().min(1).max(5),
  /** Office documents (a ZIP of XML parts): what one part, and all of them, may inflate to; the ratio is maxRatio. */
  maxDocumentPartBytes: z
    .number()
    .int()
    .min(1024 ** 2)
    .max(1024 ** 3)
    .default(DEFAULT_DOCUMENT_BOUNDS.partBytes),
  maxDocumentTotalBytes: z
    .number()
    .int()
    .min(1024 ** 2)
    .max(4 * 1024 ** 3)
    .default(DEFAULT_DOCUMENT_BOUNDS.totalBytes),
});
export type IntakeLimits = z.output<typeof intakeLimitsSchema>;

export const DEFAULT_LIMITS: IntakeLimits = {
  maxTotalBytes: 2 * 1024 ** 3,
  maxEntries: 5_000,
  maxRatio: 200,
  ratioFloorBytes: 64 * 1024 ** 2,
  maxDepth: 3,
  maxDocumentPartBytes: DEFAULT_DOCUMENT_BOUNDS.partBytes,
  maxDocumentTotalBytes: DEFAULT_DOCUMENT_BOUNDS.totalBytes,
};

export function documentBounds(limits: IntakeLimits): DocumentBounds {
  return { partBytes: limits.maxDocumentPartBytes, totalBytes: limits.maxDocumentTotalBytes, ratio: limits.maxRatio };
}

const KEY = 'intake.limits';

export function readLimits(orm: Orm): IntakeLimits {
  const parsed = intakeLimitsSchema.safeParse({
    ...DEFAULT_LIMITS,
    ...((readSetting(orm, KEY) as object | null) ?? {}),
  });
  return parsed.success ? parsed.data : DEFAULT_LIMITS;
}

export function writeLimits(orm: Orm, limits: IntakeLimits): IntakeLimits {
  writeSetting(orm, KEY, limits);
  return limits;
}
