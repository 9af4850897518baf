import { DeleteOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Input, Select, Table, Tooltip, type InputRef } from 'antd';
import type { TableRef } from 'antd/es/table';
import { useEffect, useMemo, useRef, useState } from 'react';
import { desk } from '../../api/client';
import { onRosterAction, takeRosterAction } from '../../shell/rosterActions';
import { useOp } from '../../api/useOp';
import { isTypingTarget } from '../../util/format';
import { useAction, useExport, useKeydown } from '../../util/useAction';
import { rosterColumns, type Unit } from './columns';
import { SubmissionDrawer } from '../intake/SubmissionDrawer';
import { ImportWizard } from './ImportWizard';
import { UnitFormModal } from './UnitFormModal';
import { useElementHeight } from './useElementHeight';
import { markFilterOptions, matchesMarks } from './YearMarks';
import { UnitHistoryDrawer } from '../dynamics/UnitHistoryDrawer';
import { useUndoableDelete } from './useUndoableDelete';
import { UNIT_STATUS, UNIT_STATUSES, type UnitStatus } from '../../../../src-main/common/statuses';
import { useDebounced } from '../../util/useDebounced';

export function RosterPage() {
  const act = useAction();
  const exportDoc = useExport();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [sectorIds, setSectorIds] = useState<number[]>([]);
  const [levels, setLevels] = useState<Array<'全国' | '省级' | '市级' | '县区级'>>([]);
  const [statuses, setStatuses] = useState<UnitStatus[]>([]);
  const [selected, setSelected] = useState<number[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const tableRef = useRef<TableRef>(null);
  const [editing, setEditing] = useState<{ unit: Unit | null } | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const searchRef = useRef<InputRef>(null);
  const [tableBox, tableHeight] = useElementHeight<HTMLDivElement>();

  const query = useDebounced({ search: search.trim() || undefined, sectorIds, levels, statuses }, 150);
  const units = useOp('units.list', query, ['units', 'sectors']);
  const sectors = useOp('sectors.list', undefined, ['sectors', 'units']);
  const counts = useOp('units.count', undefined, ['units']);
  const total = counts.data?.total;
  const { remove } = useUndoableDelete();

  const sectorOrder = useMemo(() => new Map((sectors.data ?? []).map((s, i) => [s.id, i])), [sectors.data]);
  const [materials, setMaterials] = useState<number | null>(null);
  const showMaterials = async (unit: Unit) => {
    const list = await act(() => desk.submissions.list({ unitId: unit.id, currentOnly: true }));
    if (list?.[0]) setMaterials(list[0].id);
    else if (list) message.info(`“${unit.name}”本年度尚未报送材料`);
  };
  const yearMarks = useOp('units.yearMarks', undefined, ['units', 'submissions', 'reviews', 'campaigns']);
  const [historyOf, setHistoryOf] = useState<number | null>(null);
  const [markFilter, setMarkFilter] = useState<string[]>([]);
  const marks = useMemo(() => yearMarks.data?.marks ?? {}, [yearMarks.data]);
  const columns = useMemo(
    () =>
      rosterColumns(
        (unit) => setEditing({ unit }),
        (list) => void remove(list),
        sectorOrder,
        (unit) => void showMaterials(unit),
        marks,
        (unit) => setHistoryOf(unit.id),
      ),
    [remove, sectorOrder, marks],
  );
  const list = useMemo(
    () =>
      markFilter.length ? (units.data ?? []).filter((u) => matchesMarks(marks[u.id], markFilter)) : (units.data ?? []),
    [units.data, marks, markFilter],
  );
  const queryKey = JSON.stringify([query, markFilter]);
  useEffect(() => setCursor(null), [queryKey]);

  const exportRoster = async () => {
    setExporting(true);
    await exportDoc(
      () => desk.units.export({}),
      (f) => `已导出 ${f.count} 个集体：${f.artifact.fileName}`,
      '导出失败',
    );
    setExporting(false);
  };

  useKeydown((event) => {
    if (editing || importing) return;
    const typing = isTypingTarget(event.target);
    if (!typing && !event.ctrlKey && !event.altKey && !event.metaKey && list.length) {
      const move = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
      if (move) {
        event.preventDefault();
        const next = Math.min(list.length - 1, Math.max(0, (cursor ?? -1) + move));
        setCursor(next);
        tableRef.current?.scrollTo({ index: next, align: 'nearest' });
        return;
      }
      const current = cursor === null ? undefined : list[cursor];
      if (current && event.key === 'Enter') {
        event.preventDefault();
        setEditing({ unit: current });
        return;
      }
      if (current && event.key === ' ') {
        event.preventDefault();
        setSelected((s) => (s.includes(current.id) ? s.filter((id) => id !== current.id) : [...s, current.id]));
        return;
      }
    }
    if ((event.key === '/' && !typing) || ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f')) {
      event.preventDefault();
      searchRef.current?.focus();
    } else if (event.altKey && event.key.toLowerCase() === 'n') {
      event.preventDefault();
      setEditing({ unit: null });
    } else if (event.key === 'Delete' && !typing && selected.length) {
      event.preventDefault();
      void remove(list.filter((u) => selected.includes(u.id)));
      setSelected([]);
    }
  });

  const runQueued = useRef(() => {});
  runQueued.current = () => {
    const action = takeRosterAction();
    if (action === 'import-roster') setImporting(true);
    if (action === 'export-roster') void exportRoster();
  };
  useEffect(() => {
    runQueued.current();
    return onRosterAction(() => runQueued.current());
  }, []);

  return (
    <div className="desk-page" style={{ overflow: 'hidden' }}>
      <div className="desk-page-header">
        <h2>集体名册</h2>
        <div className="desk-toolbar">
          <Tooltip title="快捷键 Alt+N">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ unit: null })}>
              新增集体
            </Button>
          </Tooltip>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            导入名册
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportRoster()}>
            导出 Excel
          </Button>
        </div>
      </div>
      <div className="desk-toolbar">
        <Input.Search
          ref={searchRef}
          allowClear
          placeholder="搜索名称、别名、联系人、电话或拼音首字母（按 / 聚焦）"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 360 }}
          aria-label="搜索集体"
        />
        <Select
          mode="multiple"
          allowClear
          placeholder="全部系统"
          style={{ minWidth: 200, maxWidth: 360 }}
          maxTagCount="responsive"
          value={sectorIds}
          onChange={setSectorIds}
          options={(sectors.data ?? [])
            .filter((s) => !s.hidden || s.unitCount > 0)
            .map((s) => ({ value: s.id, label: `${s.name}（${s.unitCount}）` }))}
          data-testid="filter-sector"
        />
        <Select
          mode="multiple"
          allowClear
          placeholder="全部级别"
          style={{ minWidth: 130 }}
          value={levels}
          onChange={setLevels}
          options={['全国', '省级', '市级', '县区级'].map((v) => ({ value: v, label: v }))}
          data-testid="filter-level"
        />
        <Select
          mode="multiple"
          allowClear
          placeholder="全部状态"
          style={{ minWidth: 130 }}
          value={statuses}
          onChange={setStatuses}
          options={UNIT_STATUSES.map((v) => ({ value: v, label: UNIT_STATUS[v] }))}
          data-testid="filter-status"
        />
        {(yearMarks.data?.years.length ?? 0) > 0 && (
          <Select
            mode="multiple"
            allowClear
            placeholder="近三年情况"
            popupMatchSelectWidth={false}
            style={{ minWidth: 150, maxWidth: 320 }}
            maxTagCount="responsive"
            value={markFilter}
            onChange={setMarkFilter}
            options={markFilterOptions(yearMarks.data!.years)}
            aria-label="按近三年情况筛选"
            data-testid="filter-years"
          />
        )}
        <div style={{ flex: 1 }} />
        {selected.length > 0 && (
          <Button
            danger
            icon={<DeleteOutlined />}
            onClick={() => {
              void remove(list.filter((u) => selected.includes(u.id)));
              setSelected([]);
            }}
          >
            删除所选（{selected.length}）
          </Button>
        )}
        <span className="desk-muted" data-testid="roster-count">
          {list.length === total ? `共 ${list.length} 个集体` : `筛选出 ${list.length} 个 / 共 ${total ?? '…'} 个集体`}
        </span>
      </div>
      <div className="desk-table-wrap" ref={tableBox}>
        <Table<Unit>
          virtual
          // Small cells and these widths keep every column, phone and e-mail included, in view at 1280 × 800.
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={list}
          loading={units.loading && !units.data}
          pagination={false}
          scroll={{ x: 1040, y: Math.max(200, tableHeight - 48) }}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as number[]),
            columnWidth: 48,
            fixed: true,
          }}
          ref={tableRef}
          rowClassName={(_unit, index) => (index === cursor ? 'desk-row-cursor' : '')}
          onRow={(unit, index) => ({
            onDoubleClick: () => setEditing({ unit }),
            onClick: () => setCursor(index ?? null),
          })}
          locale={{
            emptyText:
              search || sectorIds.length || levels.length || statuses.length || markFilter.length
                ? '没有符合条件的集体，试试清除筛选条件'
                : '名册还是空的：点击“导入名册”导入现有的 Excel 名册，或“新增集体”逐个添加',
          }}
          data-testid="roster-table"
        />
      </div>
      <UnitFormModal
        open={!!editing}
        unit={editing?.unit ?? null}
        sectors={sectors.data ?? []}
        onClose={() => setEditing(null)}
      />
      <ImportWizard open={importing} onClose={() => setImporting(false)} />
      <SubmissionDrawer id={materials} onClose={() => setMaterials(null)} />
      <UnitHistoryDrawer unitId={historyOf} onClose={() => setHistoryOf(null)} />
    </div>
  );
}
