import { Select } from 'antd';
import { useState } from 'react';
import { useOp } from '../../api/useOp';
import { useDebounced } from '../../util/useDebounced';

/**
 * The units core finds nearest to what this submission came under, nearest first; typing (a name,
 * an alias, a contact or pinyin initials, as in the roster) narrows them, still nearest first.
 */
export function UnitPicker({
  submissionId,
  value,
  onChange,
  label,
  width = 300,
}: {
  submissionId: number;
  value: number | undefined;
  onChange: (id: number) => void;
  label: string;
  width?: number;
}) {
  const [search, setSearch] = useState('');
  const typed = useDebounced(search, 150);
  const suggestions = useOp('submissions.suggestUnits', { submissionId, search: typed || undefined }, ['units']);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      placeholder="输入集体名称或拼音首字母"
      style={{ width }}
      value={value}
      onChange={(v) => {
        onChange(v);
        setSearch('');
      }}
      loading={suggestions.loading}
      notFoundContent={suggestions.loading ? '查找中…' : '名册中没有符合的集体'}
      options={(suggestions.data ?? []).map((u) => ({
        value: u.id,
        label: u.name,
        title: `${u.name}${u.sectorName ? `（${u.sectorName}）` : ''}`,
      }))}
      aria-label={label}
    />
  );
}
