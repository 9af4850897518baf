import crypto from 'node:crypto';
import { z } from 'zod';
import { DeskError } from '../../contract/errors';
import { answerSchema } from '../scoring';

export const PACKAGE_FORMAT = 'committee-desk-review-package';
export const RESULT_FORMAT = 'committee-desk-review-result';

const itemSchema = z.object({
  id: z.number(),
  section: z.string(),
  title: z.string(),
  guidance: z.string(),
  points: z.number(),
  kind: z.enum(['check', 'count', 'score', 'veto']),
  minCount: z.number().nullable(),
  /** The office's 证据词, so the reviewer's 评审助手 finds what the office's does (older packages: none). */
  evidenceWords: z.array(z.string().max(20)).max(60).default([]),
});

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** A review the reviewer already made of a packed submission (office ids), so a reopened package shows their work. */
const packedReviewSchema = z.object({
  submissionId: z.number(),
  answers: z.record(z.string(), answerSchema),
  bonus: z.number(),
  deduction: z.number(),
  adjustmentNote: z.string(),
  comment: z.string(),
  status: z.enum(['draft', 'submitted', 'returned']),
  returnReason: z.string().nullable(),
  updatedAt: z.string(),
});

export const packageBodySchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  version: z.literal(1),
  packageId: z.string().uuid(),
  createdAt: z.string(),
  reviewer: z.object({ id: z.number(), name: z.string() }),
  /** The key the result file is sealed with (HMAC-SHA256); the office keeps it beside the package's record. */
  resultKey: sha256Hex.optional(),
  reviews: z.array(packedReviewSchema).default([]),
  campaign: z.object({
    id: z.number(),
    year: z.number(),
    title: z.string(),
    theme: z.string(),
    deadline: z.string(),
    items: z.array(itemSchema),
    rubric: z.unknown(),
    materials: z.unknown(),
  }),
  submissions: z.array(
    z.object({
      id: z.number(),
      fingerprint: z.string(),
      unitName: z.string(),
      sectorName: z.string().nullable(),
      version: z.number(),
      receivedAt: z.string(),
      late: z.boolean(),
      completeness: z.string(),
      sourceLabel: z.string(),
      files: z.array(
        z.object({
          name: z.string(),
          pathInSource: z.string(),
          kind: z.string(),
          size: z.number(),
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
          mime: z.string().nullable(),
          width: z.number().nullable(),
          height: z.number().nullable(),
        }),
      ),
    }),
  ),
});
export type PackageBody = z.output<typeof packageBodySchema>;

const reviewSnapshotSchema = z.object({
  answers: z.record(z.string(), answerSchema),
  bonus: z.number(),
  deduction: z.number(),
  adjustmentNote: z.string(),
  comment: z.string(),
  status: z.enum(['draft', 'submitted']),
});

export const resultBodySchema = z.object({
  format: z.literal(RESULT_FORMAT),
  version: z.literal(1),
  packageId: z.string().uuid(),
  createdAt: z.string(),
  campaignYear: z.number(),
  reviewer: z.object({ id: z.number(), name: z.string() }),
  reviews: z.array(
    reviewSnapshotSchema.extend({ submissionId: z.number(), fingerprint: z.string(), updatedAt: z.string() }),
  ),
});
export type ResultBody = z.output<typeof resultBodySchema>;

/** A checksum over the body as written: a file edited after export no longer matches. */
export function checksum(body: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

export function sealed<T>(body: T): string {
  return JSON.stringify({ body, checksum: checksum(body) });
}

export function resultHmac(body: unknown, key: string): string {
  return crypto.createHmac('sha256', Buffer.from(key, 'hex')).update(JSON.stringify(body)).digest('hex');
}

/** A result file sealed with the package's key: only someone holding the package can make one. */
export function hmacSealed<T>(body: T, key: string): string {
  return JSON.stringify({ body, hmac: resultHmac(body, key) });
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && crypto.timingSafeEqual(x, y);
}

/**
 * Parses a result file against the key of the package it names: `keyFor` gives the key, null for
 * a package exported before keys (then the old checksum is accepted), undefined for a package
 * this office never exported. A missing or wrong HMAC is `bad-seal`.
 */
export function unsealResult<S extends z.ZodType>(
  text: string,
  schema: S,
  keyFor: (packageId: string) => string | null | undefined,
): z.output<S> {
  let parsed: { body?: unknown; checksum?: unknown; hmac?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new DeskError('not-a-review-file', '这不是组委会工作台的评审结果文件。');
  }
  const named = z.object({ packageId: z.string().uuid() }).safeParse(parsed?.body);
  if (!named.success) throw new DeskError('not-a-review-file', '这不是组委会工作台的评审结果文件。');
  const key = keyFor(named.data.packageId);
  if (key === undefined) throw new DeskError('unknown-package', '这个结果文件对应的评审包不是在本机导出的，已拒绝。');
  if (key === null) {
    if (typeof parsed.checksum !== 'string' || checksum(parsed.body) !== parsed.checksum)
      throw new DeskError('bad-checksum', '评审结果文件在导出后被修改过（校验不符），已拒绝。请让评审人重新导出。');
  } else if (typeof parsed.hmac !== 'string' || !sameHex(parsed.hmac, resultHmac(parsed.body, key))) {
    throw new DeskError(
      'bad-seal',
      '评审结果文件的密封不对：它不是用这份评审包导出的，或导出后被改动过，已拒绝。请让评审人用收到的评审包重新导出。',
    );
  }
  const result = schema.safeParse(parsed.body);
  if (!result.success) throw new DeskError('not-a-review-file', '评审结果文件的格式不对（可能来自其他版本）。');
  return result.data;
}

/** Parses a sealed file and refuses it, with the reason, unless its checksum and shape are right. */
export function unseal<S extends z.ZodType>(text: string, schema: S, what: string): z.output<S> {
  let parsed: { body?: unknown; checksum?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new DeskError('not-a-review-file', `这不是组委会工作台的${what}文件。`);
  }
  if (typeof parsed.checksum !== 'string' || parsed.body === undefined)
    throw new DeskError('not-a-review-file', `这不是组委会工作台的${what}文件。`);
  if (checksum(parsed.body) !== parsed.checksum)
    throw new DeskError('bad-checksum', `${what}文件在导出后被修改过（校验不符），已拒绝。请让评审人重新导出。`);
  const result = schema.safeParse(parsed.body);
  if (!result.success) throw new DeskError('not-a-review-file', `${what}文件的格式不对（可能来自其他版本）。`);
  return result.data;
}
