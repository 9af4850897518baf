import fs from 'node:fs';
import path from 'node:path';
import { DeskError } from '../contract/errors';
import { fileTime } from '../transfer/refs';
import { readHead } from './fileBytes';
import { groupVolumes, isVolumeSet, type VolumeSet } from './archive/volumes';
import { looksLikeMbox } from './mbox';
import { isJunk } from './zipNames';
import type { MailView } from './mailView';

/** One candidate submission: an archive, an e-mail, a folder of loose files, or loose files dropped together. */
export type Source =
  | { kind: 'zip' | 'eml' | 'mbox' | 'other'; label: string; file: string; volumes?: VolumeSet<string> }
  | { kind: 'folder' | 'files'; label: string; files: LooseFile[] }
  /** A message in the office's mailbox, already parsed by the IMAP server. */
  | { kind: 'eml'; label: string; mail: MailView };

/** A file given as it is (not from an archive or a mail), with its own modification time. */
export interface LooseFile {
  file: string;
  pathInSource: string;
  modifiedAt: string | null;
}

/** Names that make a file a source of its own (an archive, a mail, a mailbox), not one loose file among others. */
export const ARCHIVE_EXT = /\.(zip|eml|mbox|mbx|rar|r\d\d|7z|7z\.\d{3}|tar|gz|tgz|bz2|xz|cab|msg|dat|tnef|exe)$/i;

function walk(dir: string, prefix = ''): LooseFile[] {
  const out: LooseFile[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    const rel = prefix + entry.name;
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) out.push(...walk(full, `${rel}/`));
    else if (entry.isFile()) out.push({ file: full, pathInSource: rel, modifiedAt: fileTime(full) });
  }
  return out;
}

/** Office documents are ZIPs underneath; named as one, a file is a document among the loose files. */
const DOCUMENT_EXT = /\.(docx|docm|dotx|xlsx|xlsm|pptx|odt|ods|odp|ott|ofd)$/i;

function looksLikeArchiveOrMail(file: string): boolean {
  if (ARCHIVE_EXT.test(file)) return true;
  if (DOCUMENT_EXT.test(file)) return false;
  // Thunderbird keeps each folder as an mbox file without an extension ("Inbox").
  if (looksLikeMbox(readHead(file, 4096))) return true;
  const head = readHead(file, 8);
  return ['PK\u0003\u0004', 'Rar!\u001a\u0007', '7z\u00bc\u00af\u0027\u001c', 'MZ'].some((magic) =>
    head.subarray(0, magic.length).equals(Buffer.from(magic, 'latin1')),
  );
}

/**
 * Expands what the user gave into sources. A folder yields each archive or e-mail in it, each
 * top-level subfolder as one submission, and its remaining loose files as one more; loose files
 * given together form one submission.
 */
export function expandSources(paths: string[]): Source[] {
  const sources: Source[] = [];
  const loose: LooseFile[] = [];
  for (const given of paths) {
    const full = path.resolve(given);
    if (!fs.existsSync(full)) throw new DeskError('file-not-found', `找不到文件或文件夹：${given}`);
    const stat = fs.statSync(full);
    if (stat.isDirectory()) {
      const rest: LooseFile[] = [];
      for (const entry of fs.readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const child = path.join(full, entry.name);
        if (entry.isDirectory()) {
          const files = walk(child);
          if (files.length) sources.push({ kind: 'folder', label: entry.name, files });
        } else if (entry.isFile() && !isJunk(entry.name)) {
          if (looksLikeArchiveOrMail(child)) sources.push(archiveSource(child));
          else rest.push({ file: child, pathInSource: entry.name, modifiedAt: fileTime(child) });
        }
      }
      if (rest.length) sources.push({ kind: 'files', label: path.basename(full), files: rest });
    } else if (looksLikeArchiveOrMail(full)) {
      sources.push(archiveSource(full));
    } else if (!isJunk(path.basename(full))) {
      loose.push({ file: full, pathInSource: path.basename(full), modifiedAt: fileTime(full) });
    }
  }
  if (loose.length)
    sources.push({
      kind: 'files',
      label: loose.length === 1 ? loose[0]!.pathInSource : `${loose.length} 个文件`,
      files: loose,
    });
  return withVolumeSets(sources);
}

/** The parts of one multi-volume RAR given together become one source, read as one archive. */
export function withVolumeSets(sources: Source[]): Source[] {
  return groupVolumes(sources, (s) => ('file' in s ? s.label : '')).map((item) => {
    if (!isVolumeSet(item)) return item;
    const files = item.parts.map((s) => (s as { file: string }).file);
    return {
      kind: 'other',
      label: `${item.parts[0]!.label} 等 ${files.length} 个分卷`,
      file: files[0]!,
      volumes: { parts: files, scheme: item.scheme },
    };
  });
}

function archiveSource(file: string): Source {
  const kind = sourceKind(path.basename(file), file);
  return { kind, label: path.basename(file), file };
}

/**
 * What kind of source a single file is, by its name and, for a mailbox file without a telling name, its first bytes.
 */
export function sourceKind(name: string, file: string): 'zip' | 'eml' | 'mbox' | 'other' {
  if (/\.eml$/i.test(name)) return 'eml';
  if (/\.zip$/i.test(name)) return 'zip';
  if (/\.(mbox|mbx)$/i.test(name) || looksLikeMbox(readHead(file, 4096))) return 'mbox';
  return 'other';
}
