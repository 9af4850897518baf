import { Select, Table, Typography } from 'antd';
import type { OpOutput } from '../../api/client';
import { useOp } from '../../api/useOp';

type Resolution = NonNullable<OpOutput<'units.importPreview'>['plan']>['sectors'][number];
export type SectorChoices = Record<string, number | null>;

/**
 * The sheet's sector names that match an existing sector only by core name (金融 ↔ 金融团工委):
 * the import asks, suggesting the official one; the answer is remembered as that sector's alias.
 */
export function SectorMatches({
  sectors,
  onChoose,
}: {
  sectors: Resolution[];
  onChoose: (name: string, sectorId: number | null) => void;
}) {
  const list = useOp('sectors.list', undefined, ['sectors']);
  const asked = sectors.filter((s) => s.asked);
  if (!asked.length) return null;
  const options = (list.data ?? []).filter((s) => !s.hidden).map((s) => ({ value: s.id, label: s.name }));
  return (
    <Table<Resolution>
      size="small"
      rowKey="name"
      pagination={false}
      data-testid="sector-matches"
      dataSource={asked}
      title={() => (
        <Typography.Text>
          表中这些系统名与已有系统相近，请确认归入哪个系统（确认后记为别名，以后自动对应）：
        </Typography.Text>
      )}
      columns={[
        { title: '表中的系统名', dataIndex: 'name', width: 180 },
        { title: '集体数', dataIndex: 'units', width: 80 },
        {
          title: '归入',
          render: (_v, s) => (
            <Select
              style={{ width: 280 }}
              value={s.sectorId ?? 0}
              aria-label={`“${s.name}”归入`}
              onChange={(v: number) => onChoose(s.name, v === 0 ? null : v)}
              options={[...options, { value: 0, label: `另建新系统“${s.name}”` }]}
            />
          ),
        },
      ]}
    />
  );
}
