import { useEffect, useRef, useState } from 'react';
import { desk, localPathOf, onDeskEvent, uploadFile, type OpOutput } from '../../api/client';
import { useAction } from '../../util/useAction';

export type IntakeResult = OpOutput<'intake.importPaths'>;

export interface IntakeProgress {
  phase: 'upload' | 'import';
  done: number;
  total: number;
  /** Bytes, during upload. */
  loaded?: number;
  bytes?: number;
  current: string;
}

/** Turns picked or dropped files into an intake run: paths on the desktop, uploads in the browser. */
export function useIntake() {
  const act = useAction();
  const [progress, setProgress] = useState<IntakeProgress | null>(null);
  const [result, setResult] = useState<IntakeResult | null>(null);
  const uploadAbort = useRef<AbortController | null>(null);

  useEffect(
    () =>
      onDeskEvent((event) => {
        if (event.type === 'progress' && event.operation === 'intake.import') {
          setProgress({ phase: 'import', done: event.done, total: event.total, current: event.message, loaded: event.bytesDone, bytes: event.bytesTotal });
        }
      }),
    [],
  );

  const run = async (files: File[], campaignYear?: number) => {
    if (!files.length) return;
    const paths = files.map(localPathOf);
    let outcome: IntakeResult | undefined;
    if (paths.every((p): p is string => !!p)) {
      setProgress({ phase: 'import', done: 0, total: files.length, current: '正在准备……' });
      outcome = await act(() => desk.intake.importPaths({ paths, campaignYear }), undefined, '收件失败');
    } else {
      const bytes = files.reduce((n, f) => n + f.size, 0);
      let before = 0;
      const uploads: Array<{ id: string; name: string; relativePath?: string }> = [];
      const abort = new AbortController();
      uploadAbort.current = abort;
      const uploaded = await act(async () => {
        for (const [index, file] of files.entries()) {
          const id = await uploadFile(file, (loaded) => setProgress({ phase: 'upload', done: index, total: files.length, loaded: before + loaded, bytes, current: file.name }), abort.signal);
          before += file.size;
          uploads.push({ id, name: file.name, ...(file.webkitRelativePath ? { relativePath: file.webkitRelativePath } : {}) });
        }
        return true;
      }, undefined, '上传失败');
      uploadAbort.current = null;
      if (uploaded) {
        setProgress({ phase: 'import', done: 0, total: uploads.length, current: '正在收件……' });
        outcome = await act(() => desk.intake.importUploads({ uploads, campaignYear }), undefined, '收件失败');
      }
    }
    setProgress(null);
    if (outcome) setResult(outcome);
  };

  /** Stops the upload, or asks core to stop the import between sources (finished ones are kept). */
  const cancel = () => {
    if (uploadAbort.current) uploadAbort.current.abort();
    else void act(() => desk.intake.cancel({}));
  };

  return { run, cancel, progress, result, clear: () => setResult(null) };
}
