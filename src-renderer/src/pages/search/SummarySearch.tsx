import { SearchOutlined } from '@ant-design/icons';
import { Alert, Checkbox, Empty, Input, List, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useOp } from '../../api/useOp';
import { Snippet } from '../../components/Snippet';
import { MIN_PHRASE } from '../../../../src-main/common/search';
import { UNCLAIMED } from '../../../../src-main/common/statuses';

/** What the index holds and what it is still reading, in the office's words. */
function IndexNote({ index }: { index: { indexed: number; withoutText: number; waiting: number } }) {
  return (
    <span className="desk-muted" data-testid="index-note">
      已建立索引 {index.indexed} 份工作总结
      {index.withoutText ? `，${index.withoutText} 份无可检索文字（扫描件、图片或已损坏）` : ''}
      {index.waiting ? `，还有 ${index.waiting} 份正在读取` : ''}
    </span>
  );
}

/**
 * 全文检索: words inside this year's (or every year's) 工作总结, best match first, each with the
 * passage it stands in. Opening a hit shows that submission.
 */
export function SummarySearch({ onOpen }: { onOpen: (submissionId: number) => void }) {
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [allYears, setAllYears] = useState(false);
  const ready = [...query.trim()].length >= MIN_PHRASE;
  const state = useOp('search.state', undefined, ['search', 'submissions']);
  const found = useOp('search.summaries', ready ? { query, allYears } : undefined, ['search', 'submissions']);
  const result = ready ? found.data : undefined;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="summary-search">
      <Space wrap>
        <Input.Search
          autoFocus
          allowClear
          enterButton={
            <>
              <SearchOutlined /> 检索
            </>
          }
          placeholder="工作总结中的文字，如“垃圾分类”；几个词用空格分开"
          style={{ width: 520 }}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(v) => setQuery(v)}
          aria-label="检索工作总结"
        />
        <Checkbox checked={allYears} onChange={(e) => setAllYears(e.target.checked)}>
          所有年度
        </Checkbox>
        {state.data && <IndexNote index={state.data} />}
      </Space>
      {query && !ready && (
        <Alert
          type="info"
          showIcon
          title={`请至少输入 ${MIN_PHRASE} 个字：全文检索按连续三个字建立索引，两个字的词可以和更长的词一起输入。`}
        />
      )}
      {found.error && ready && <Alert type="error" showIcon title={found.error.message} />}
      {ready && !result && <Spin />}
      {result && (
        <List
          bordered
          className="desk-card"
          dataSource={result.hits}
          locale={{ emptyText: <Empty description={`没有工作总结含有“${query}”`} /> }}
          header={
            <span>
              {result.hits.length ? `找到 ${result.hits.length}${result.more ? ' 份以上' : ' 份'}工作总结` : '没有找到'}
              {result.more && (
                <span className="desk-muted">（只列出最相关的 {result.hits.length} 份，可加词缩小范围）</span>
              )}
            </span>
          }
          renderItem={(h) => (
            <List.Item
              key={`${h.submissionId}:${h.sha256}`}
              className="desk-search-hit"
              onClick={() => onOpen(h.submissionId)}
              tabIndex={0}
              onKeyDown={(e) => e.key === 'Enter' && onOpen(h.submissionId)}
            >
              <List.Item.Meta
                title={
                  <Space size={6}>
                    <span>{h.unitName ?? UNCLAIMED}</span>
                    {allYears && <Tag>{h.campaignYear}年度</Tag>}
                    <span className="desk-muted" style={{ fontWeight: 400 }}>
                      {h.fileName}
                    </span>
                  </Space>
                }
                description={<Snippet text={h.snippet} />}
              />
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
