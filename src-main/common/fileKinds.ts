/** What one file of a submission is, as intake classifies it by its bytes. */
export const FILE_KIND = { summary: '工作总结', photo: '照片', other: '其他文件' } as const;
export type FileKind = keyof typeof FILE_KIND;

/**
 * How a summary's words were read (core/search/indexer): 'indexed' has words; 'empty' (a scan),
 * 'unreadable' and 'runaway' (stopped by the limits) have none; null is not read yet.
 */
/** What 收件, 评审 and the CLI call a material whose summaries gave no words. */
export const NO_READABLE_SUMMARY = '没有可读的工作总结';

export type SummaryReading = 'indexed' | 'empty' | 'unreadable' | 'runaway' | 'unsupported' | null;

/**
 * No readable 工作总结: the files hold summaries, every one has been read, and none gave words.
 * (No summary at all is intake's own 缺少工作总结; one not yet read is not judged.)
 */
export function nothingReadable(files: Array<{ kind: string; reading?: SummaryReading }>): boolean {
  const summaries = files.filter((f) => f.kind === 'summary');
  return summaries.length > 0 && summaries.every((f) => f.reading != null && f.reading !== 'indexed');
}
