import { Button, Progress, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { desk, onDeskEvent } from '../api/client';
import { formatBytes } from '../pages/intake/labels';
import { useAction } from '../util/useAction';

export interface RunningJob {
  operation: string;
  message: string;
  bytesDone?: number;
  bytesTotal?: number;
}

/**
 * The job of one of `operations` that is running now (from core's progress events), and a setter
 * for the page's own start and end of it.
 */
export function useRunningJob(operations: readonly string[]): [RunningJob | null, (job: RunningJob | null) => void] {
  const [running, setRunning] = useState<RunningJob | null>(null);
  const key = operations.join(',');
  useEffect(
    () =>
      onDeskEvent((event) => {
        if (event.type === 'progress' && key.split(',').includes(event.operation))
          setRunning({
            operation: event.operation,
            message: event.message,
            bytesDone: event.bytesDone,
            bytesTotal: event.bytesTotal,
          });
      }),
    [key],
  );
  return [running, setRunning];
}

/** A long job's line: what it does, bytes so far, a bar, and 取消. */
export function JobProgress({ job, testId }: { job: RunningJob; testId: string }) {
  const act = useAction();
  const percent = job.bytesTotal ? Math.round(((job.bytesDone ?? 0) / job.bytesTotal) * 100) : 0;
  return (
    <div style={{ marginTop: 12 }} data-testid={testId}>
      <Button size="small" style={{ float: 'right' }} onClick={() => void act(() => desk.jobs.cancel({}))}>
        取消
      </Button>
      <Typography.Text>
        {job.message}
        {job.bytesTotal ? `（${formatBytes(job.bytesDone ?? 0)} / ${formatBytes(job.bytesTotal)}）` : ''}
      </Typography.Text>
      <Progress status="active" percent={percent} />
    </div>
  );
}
