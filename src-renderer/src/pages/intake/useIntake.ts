import { useEffect, useRef, useState } from 'react';
import { desk, fileRefOf, onDeskEvent, readsInPlace, type FileRef, type OpOutput } from '../../api/client';
import { useAction } from '../../util/useAction';

export type IntakeResult = OpOutput<'intake.import'>;

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
          setProgress({
            phase: 'import',
            done: event.done,
            total: event.total,
            current: event.message,
            loaded: event.bytesDone,
            bytes: event.bytesTotal,
          });
        }
      }),
    [],
  );

  const run = async (files: File[], campaignYear?: number) => {
    if (!files.length) return;
    const bytes = files.reduce((n, f) => n + f.size, 0);
    let before = 0;
    const refs: FileRef[] = [];
    const abort = new AbortController();
    uploadAbort.current = abort;
    // Recorded first: if the window closes half-way, 收件 says so when it is opened again.
    const batch = await act(() => desk.intake.beginBatch({ names: files.map((f) => f.webkitRelativePath || f.name) }));
    // On the desktop each file is named by its path at once; in the browser its bytes go up first.
    const handed = await act(
      async () => {
        for (const [index, file] of files.entries()) {
          const ref = await fileRefOf(
            file,
            (loaded) =>
              setProgress({
                phase: 'upload',
                done: index,
                total: files.length,
                loaded: before + loaded,
                bytes,
                current: file.name,
              }),
            abort.signal,
          );
          refs.push(ref);
          if (batch && 'upload' in ref) await desk.intake.batchUploaded({ batchId: batch.batchId, upload: ref.upload });
          before += file.size;
        }
        return true;
      },
      undefined,
      '上传失败',
    );
    uploadAbort.current = null;
    let outcome: IntakeResult | undefined;
    if (handed) {
      setProgress({
        phase: 'import',
        done: 0,
        total: refs.length,
        current: readsInPlace() ? '正在准备……' : '正在收件……',
      });
      outcome = await act(
        () => desk.intake.import({ files: refs, campaignYear, ...(batch ? { batchId: batch.batchId } : {}) }),
        undefined,
        '收件失败',
      );
    }
    setProgress(null);
    if (outcome) setResult(outcome);
    // Seen here (or cancelled here): nothing to tell on reopening.
    if (batch) void desk.intake.acknowledgeBatch({ batchId: batch.batchId }).catch(() => undefined);
  };

  /** Stops the upload, or asks core to stop the import between sources (finished ones are kept). */
  const cancel = () => {
    if (uploadAbort.current) uploadAbort.current.abort();
    else void act(() => desk.jobs.cancel({}));
  };

  return { run, cancel, progress, result, show: setResult, clear: () => setResult(null) };
}
