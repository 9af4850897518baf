import { Checkbox, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { desk } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction } from '../../util/useAction';

/** 典型做法: mark a submission as a practice worth spreading, with a short note. */
export function PracticeToggle({ submissionId, reviewerName }: { submissionId: number; reviewerName: string }) {
  const submission = useOp('submissions.get', { id: submissionId }, ['reviews', 'submissions'], { exact: true });
  const act = useAction();
  const [note, setNote] = useState('');
  const practice = submission.data?.practice ?? null;
  // Shown at once; the server's answer (and any refusal) follows.
  const [on, setOn] = useState(false);
  // Keyed on the values, not the object: a reload that brings the same note must not wipe what is being typed.
  const savedNote = practice?.note ?? '';
  const marked = !!practice;
  useEffect(() => {
    setNote(savedNote);
    setOn(marked);
  }, [savedNote, marked]);
  const save = (next: boolean, done = next ? '已标记为典型做法' : '已取消典型做法') => {
    setOn(next);
    void act(() => desk.submissions.markPractice({ submissionId, practice: next, note, by: reviewerName }), done).then(
      (r) => r === undefined && setOn(!next),
    );
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Checkbox
        checked={on}
        onChange={(e) => save(e.target.checked)}
        style={{ alignSelf: 'center', marginRight: 8, whiteSpace: 'nowrap' }}
      >
        典型做法
      </Checkbox>
      <Input
        size="small"
        placeholder="值得推广的做法（标记后可写说明）"
        value={note}
        disabled={!on}
        onChange={(e) => setNote(e.target.value)}
        onBlur={() => on && note !== (practice?.note ?? '') && save(true, '已保存典型做法说明')}
        aria-label="典型做法说明"
      />
    </Space.Compact>
  );
}
