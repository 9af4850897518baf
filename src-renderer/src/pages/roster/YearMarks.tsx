import { Tooltip } from 'antd';
import { YEAR_OUTCOME, type YearOutcome } from '../../../../src-main/common/standing';

export interface YearMark {
  year: number;
  outcome: string;
  verdict: string | null;
}

const COLOR: Record<string, string> = { onTime: '#16a34a', late: '#f59e0b', refused: '#dc2626', missing: '#cbd5e1' };

/** The last three campaigns as three small marks (green on time … grey missing); a click opens 历年记录. */
export function YearMarks({
  marks,
  onOpen,
  name,
}: {
  marks: YearMark[] | undefined;
  onOpen: () => void;
  name: string;
}) {
  if (!marks?.length) return null;
  const text = marks
    .map(
      (m) => `${m.year} ${YEAR_OUTCOME[m.outcome as YearOutcome] ?? m.outcome}${m.verdict ? `（${m.verdict}）` : ''}`,
    )
    .join('；');
  return (
    <Tooltip title={text}>
      <button
        type="button"
        className="desk-year-marks"
        onClick={onOpen}
        aria-label={`${name} 历年记录：${text}`}
        data-testid="year-marks"
      >
        {marks.map((m) => (
          <span key={m.year} style={{ background: COLOR[m.outcome] ?? '#cbd5e1' }} />
        ))}
      </button>
    </Tooltip>
  );
}

/** Filter choices over the marks: "2021 未报送" and "2022 未报送" chosen together mean both. */
export function markFilterOptions(years: number[]): Array<{ value: string; label: string }> {
  return years.flatMap((y) => [
    { value: `${y}:missing`, label: `${y} 未报送（含被拒收）` },
    { value: `${y}:late`, label: `${y} 逾期` },
    { value: `${y}:failed`, label: `${y} 不合格` },
  ]);
}

export function matchesMarks(marks: YearMark[] | undefined, chosen: string[]): boolean {
  return chosen.every((c) => {
    const [year, what] = c.split(':');
    const m = marks?.find((x) => String(x.year) === year);
    if (!m) return false;
    if (what === 'missing') return m.outcome === 'missing' || m.outcome === 'refused';
    if (what === 'late') return m.outcome === 'late';
    return m.verdict === '不合格';
  });
}
