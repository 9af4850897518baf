/** What one file of a submission is, as intake classifies it by its bytes. */
export const FILE_KIND = { summary: '工作总结', photo: '照片', other: '其他文件' } as const;
export type FileKind = keyof typeof FILE_KIND;
