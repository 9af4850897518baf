import { FileTextOutlined, InboxOutlined, SearchOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Empty, Input, Modal, Spin, Tag } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useOp } from '../api/useOp';
import { Snippet } from '../components/Snippet';
import { UnitHistoryDrawer } from '../pages/dynamics/UnitHistoryDrawer';
import { SubmissionDrawer } from '../pages/intake/SubmissionDrawer';
import { chinaTime } from '../pages/intake/labels';
import { openSettings } from '../pages/settings/openSettings';
import { useDebounced } from '../util/useDebounced';
import { UNCLAIMED, UNIT_STATUS, type UnitStatus } from '../../../src-main/common/statuses';

type Target = { kind: 'unit'; id: number } | { kind: 'submission'; id: number } | { kind: 'reviewer' };
interface Row {
  key: string;
  group: string;
  icon: ReactNode;
  title: ReactNode;
  detail?: ReactNode;
  target: Target;
}

/**
 * Ctrl+K: one box for whatever the office is looking for — a collective (name, alias, contact,
 * pinyin initials), this year's material, a reviewer, words in the summaries. ↑ ↓ pick, Enter opens.
 */
export function GlobalSearch({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const query = useDebounced(typed.trim(), 150);
  const found = useOp('search.global', query ? { query } : undefined, ['units', 'submissions', 'reviews', 'search']);
  const [cursor, setCursor] = useState(0);
  const [shown, setShown] = useState<Target | null>(null);
  const result = query ? found.data : undefined;

  const rows = useMemo<Row[]>(() => {
    if (!result) return [];
    return [
      ...result.units.map((u) => ({
        key: `u${u.id}`,
        group: '集体',
        icon: <TeamOutlined />,
        title: u.name,
        detail: (
          <>
            {u.sectorName ?? '未分配系统'}
            {u.status !== 'active' && <Tag style={{ marginLeft: 6 }}>{UNIT_STATUS[u.status as UnitStatus]}</Tag>}
          </>
        ),
        target: { kind: 'unit', id: u.id } as Target,
      })),
      ...result.submissions.map((s) => ({
        key: `s${s.id}`,
        group: '本年度材料',
        icon: <InboxOutlined />,
        title: `${s.unitName ?? UNCLAIMED} · 第 ${s.version} 版`,
        detail: `${chinaTime(s.receivedAt)} 收到 · ${s.subject ?? s.label}`,
        target: { kind: 'submission', id: s.id } as Target,
      })),
      ...result.reviewers.map((r) => ({
        key: `r${r.id}`,
        group: '评审人',
        icon: <UserOutlined />,
        title: r.name,
        detail: r.active ? '在 设置 → 评审人 中查看' : '已停用',
        target: { kind: 'reviewer' } as Target,
      })),
      ...result.summaries.map((h) => ({
        key: `t${h.submissionId}:${h.sha256}`,
        group: '工作总结中的文字',
        icon: <FileTextOutlined />,
        title: `${h.unitName ?? UNCLAIMED} · ${h.fileName}`,
        detail: <Snippet text={h.snippet} />,
        target: { kind: 'submission', id: h.submissionId } as Target,
      })),
    ];
  }, [result]);

  useEffect(() => setCursor(0), [result]);
  useEffect(() => {
    if (open) setTyped('');
  }, [open]);

  const choose = (row: Row | undefined) => {
    if (!row) return;
    onClose();
    if (row.target.kind === 'reviewer') openSettings('reviewers');
    else setShown(row.target);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setCursor((c) => (rows.length ? (c + (event.key === 'ArrowDown' ? 1 : rows.length - 1)) % rows.length : 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(rows[cursor]);
    }
  };

  let lastGroup = '';
  return (
    <>
      <Modal
        open={open}
        onCancel={onClose}
        footer={null}
        title="查找"
        width={720}
        destroyOnHidden
        styles={{ body: { paddingTop: 4 } }}
      >
        <Input
          autoFocus
          size="large"
          prefix={<SearchOutlined />}
          placeholder="集体名称或拼音首字母、邮件主题、评审人、工作总结中的文字…"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={onKeyDown}
          aria-label="查找"
          data-testid="global-search-input"
        />
        <div
          style={{ maxHeight: 480, overflow: 'auto', marginTop: 8 }}
          role="listbox"
          data-testid="global-search-results"
        >
          {query && !result && <Spin style={{ display: 'block', margin: 24 }} />}
          {result && !rows.length && <Empty description={`没有找到“${query}”`} />}
          {rows.map((row, i) => {
            const header =
              row.group !== lastGroup ? (
                <div className="desk-muted" style={{ fontSize: 12, margin: '8px 4px 2px' }}>
                  {row.group}
                </div>
              ) : null;
            lastGroup = row.group;
            return (
              <div key={row.key}>
                {header}
                <div
                  role="option"
                  aria-selected={i === cursor}
                  className={`desk-review-item desk-search-hit${i === cursor ? ' desk-search-active' : ''}`}
                  onMouseEnter={() => setCursor(i)}
                  onClick={() => choose(row)}
                >
                  <div>
                    {row.icon} <span style={{ marginLeft: 4 }}>{row.title}</span>
                  </div>
                  {row.detail && (
                    <div className="desk-muted" style={{ fontSize: 12, marginTop: 2 }}>
                      {row.detail}
                    </div>
                  )}
                </div>
              </div>
            );
          })}
          {result && !result.summariesSearched && (
            <div className="desk-muted" style={{ fontSize: 12, margin: 8 }}>
              工作总结中的文字按至少三个字查找。
            </div>
          )}
        </div>
        <div className="desk-muted" style={{ fontSize: 12, marginTop: 8 }}>
          <span className="desk-kbd">↑</span> <span className="desk-kbd">↓</span> 选择 ·{' '}
          <span className="desk-kbd">Enter</span> 打开 · <span className="desk-kbd">Esc</span> 关闭
        </div>
      </Modal>
      <UnitHistoryDrawer unitId={shown?.kind === 'unit' ? shown.id : null} onClose={() => setShown(null)} />
      <SubmissionDrawer id={shown?.kind === 'submission' ? shown.id : null} onClose={() => setShown(null)} />
    </>
  );
}
