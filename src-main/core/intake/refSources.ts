import path from 'node:path';
import { LocalPath, refFile, type FileRef } from '../transfer/refs';
import { ARCHIVE_EXT, expandSources, sourceKind, withVolumeSets, type LooseFile, type Source } from './sources';

/**
 * What was handed to intake, as sources. Local paths expand as folders on disk do; uploads are
 * grouped the same way by their names: archives and e-mails alone, a dropped folder's
 * subfolders each as one, loose files together.
 */
export function refSources(dataDir: string, refs: FileRef[]): Source[] {
  const paths = refs.filter((r): r is LocalPath => r instanceof LocalPath).map((r) => r.path);
  const sources: Source[] = paths.length ? expandSources(paths) : [];
  const folders = new Map<string, LooseFile[]>();
  const loose: LooseFile[] = [];
  for (const ref of refs) {
    if (ref instanceof LocalPath) continue;
    const { file, name, relativePath, modifiedAt } = refFile(dataDir, ref);
    const parts = (relativePath ?? '').split('/').filter(Boolean);
    if (parts.length >= 3) {
      // folder/subfolder/...: the subfolder is the submission.
      const key = parts[1]!;
      const list = folders.get(key) ?? [];
      list.push({ file, pathInSource: parts.slice(2).join('/'), modifiedAt });
      folders.set(key, list);
    } else if (ARCHIVE_EXT.test(name) || sourceKind(name, file) === 'mbox') {
      sources.push({ kind: sourceKind(name, file), label: name, file });
    } else {
      loose.push({ file, pathInSource: path.basename(name), modifiedAt });
    }
  }
  for (const [label, files] of folders) sources.push({ kind: 'folder', label, files });
  if (loose.length)
    sources.push({
      kind: 'files',
      label: loose.length === 1 ? loose[0]!.pathInSource : `${loose.length} 个文件`,
      files: loose,
    });
  return withVolumeSets(sources);
}
