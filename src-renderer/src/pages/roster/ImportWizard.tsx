import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Progress, Result, Select, Space, Steps, Tag, Upload } from 'antd';
import { type SectorChoices } from './SectorMatches';
import { ImportPlan } from './ImportPlan';
import { NumberField } from '../../components/NumberField';
import { useEffect, useState } from 'react';
import {
  desk,
  DeskCallError,
  fileRefOf,
  onDeskEvent,
  type FileRef,
  type OpInput,
  type OpOutput,
} from '../../api/client';

type Preview = OpOutput<'units.importPreview'>;
type Mapping = NonNullable<OpInput<'units.importPreview'>['mapping']>;
type Field = keyof Preview['fieldLabels'];
type Outcome = OpOutput<'units.importApply'>;

/** The fields in the order core lists their labels (the preview's `fieldLabels`): one list, kept in core. */
const fieldsOf = (preview: Preview | null | undefined): Field[] =>
  preview ? (Object.keys(preview.fieldLabels) as Field[]) : [];

const SHEET_FORMAT = { xlsx: 'Excel 工作簿', xls: 'Excel 97-2003 / WPS 工作簿', ods: 'OpenDocument 表格' } as const;

/** Pick a sheet → check the column mapping and the bad rows → import the good rows in one go. */
export function ImportWizard({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<{ name: string; ref: FileRef } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Mapping | undefined>(undefined);
  const [headerRow, setHeaderRow] = useState<number | undefined>(undefined);
  const [sheetIndex, setSheetIndex] = useState(0);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [choices, setChoices] = useState<SectorChoices>({});

  useEffect(() => {
    if (open) return;
    setFile(null);
    setPreview(null);
    setMapping(undefined);
    setHeaderRow(undefined);
    setSheetIndex(0);
    setOutcome(null);
    setProblem(null);
    setProgress(null);
  }, [open]);

  useEffect(
    () =>
      onDeskEvent((event) => {
        if (event.type === 'progress' && event.operation === 'units.importApply')
          setProgress({ done: event.done, total: event.total });
      }),
    [],
  );

  const load = async (next: {
    file: FileRef;
    mapping?: Mapping;
    headerRow?: number;
    sheetIndex: number;
    sectorChoices?: SectorChoices;
  }) => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await desk.units.importPreview(next);
      setPreview(result);
      setMapping(result.mapping as Mapping);
      setHeaderRow(result.headerRow);
      setSheetIndex(result.sheetIndex);
    } catch (error) {
      setPreview(null);
      setProblem(error instanceof DeskCallError ? error.message : '无法读取该文件');
    } finally {
      setBusy(false);
    }
  };

  const pick = async (picked: File) => {
    let ref: FileRef;
    try {
      ref = await fileRefOf(picked);
    } catch (error) {
      setProblem(error instanceof DeskCallError ? error.message : '无法读取该文件');
      return;
    }
    setFile({ name: picked.name, ref });
    setMapping(undefined);
    setHeaderRow(undefined);
    setChoices({});
    await load({ file: ref, sheetIndex: 0 });
  };

  const changeMapping = (field: Field, column: number | null) => {
    const next: Mapping = { ...mapping };
    // One column feeds one field: taking a column away from another field avoids silent double use.
    for (const f of fieldsOf(preview)) if (column !== null && next[f] === column) next[f] = null;
    next[field] = column;
    setMapping(next);
    if (file) void load({ file: file.ref, mapping: next, headerRow, sheetIndex, sectorChoices: choices });
  };

  const choose = (name: string, sectorId: number | null) => {
    const next = { ...choices, [name]: sectorId };
    setChoices(next);
    if (file) void load({ file: file.ref, mapping, headerRow, sheetIndex, sectorChoices: next });
  };

  const apply = async () => {
    if (!file || !preview?.plan) return;
    setBusy(true);
    setProgress({ done: 0, total: preview.plan.counts.create + preview.plan.counts.update });
    try {
      setOutcome(
        await desk.units.importApply({ file: file.ref, mapping, headerRow, sheetIndex, sectorChoices: choices }),
      );
    } catch (error) {
      message.error(error instanceof DeskCallError ? error.message : '导入失败，名册没有任何改动');
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const plan = preview?.plan;
  const step = outcome ? 2 : preview ? 1 : 0;
  const columnOptions = (preview?.columns ?? []).map((c) => ({
    value: c.index,
    label: `第 ${c.index + 1} 列：${c.header}`,
  }));
  const work = plan ? plan.counts.create + plan.counts.update : 0;

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title="导入集体名册"
      width={960}
      mask={{ closable: false }}
      footer={
        outcome ? (
          <Button type="primary" onClick={onClose}>
            完成
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>取消</Button>
            {preview && (
              <Button
                type="primary"
                disabled={!plan || work === 0}
                loading={busy}
                onClick={() => void apply()}
                data-testid="import-apply"
              >
                {plan && work === 0 ? '没有需要导入的内容' : `导入 ${work} 个集体`}
              </Button>
            )}
          </Space>
        )
      }
    >
      <Steps
        size="small"
        current={step}
        items={[{ title: '选择文件' }, { title: '核对列和数据' }, { title: '完成' }]}
        style={{ marginBottom: 16 }}
      />
      {step === 0 && (
        <>
          <Upload.Dragger
            accept=".xlsx,.xls,.et,.ods,.csv,.txt"
            multiple={false}
            showUploadList={false}
            beforeUpload={(f) => (void pick(f), false)}
            disabled={busy}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击选择或把名册文件拖到这里</p>
            <p className="ant-upload-hint">
              支持 Excel（.xlsx、旧版 .xls）、WPS 表格（.et）、LibreOffice（.ods）、CSV（UTF-8 或 Excel 另存的 GBK
              编码）和 Excel 另存的“Unicode 文本”（.txt）。表格上方的标题行、合并单元格会自动处理。
            </p>
          </Upload.Dragger>
          {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
        </>
      )}
      {step === 1 && preview && (
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          <Space wrap>
            <Tag>{file?.name}</Tag>
            <Tag color="blue">
              {preview.format === 'csv'
                ? `CSV · ${preview.encoding === 'gb18030' ? 'GBK 编码' : 'UTF-8 编码'}`
                : SHEET_FORMAT[preview.format]}
            </Tag>
            {preview.sheetNames.length > 1 && (
              <Select
                size="small"
                value={sheetIndex}
                style={{ minWidth: 160 }}
                options={preview.sheetNames.map((n, i) => ({ value: i, label: `工作表：${n}` }))}
                onChange={(v) => file && void load({ file: file.ref, sheetIndex: v })}
              />
            )}
            <span>
              表头在第{' '}
              <NumberField
                size="small"
                min={1}
                value={preview.headerRowNumber}
                onChange={(v) => {
                  if (!file || !v) return;
                  // The user counts sheet rows; the preview's rows skip blank lines, so map by offset.
                  const next = Math.max(0, preview.headerRow + (v - preview.headerRowNumber));
                  setHeaderRow(next);
                  void load({ file: file.ref, sheetIndex, headerRow: next });
                }}
                style={{ width: 64 }}
              />{' '}
              行
            </span>
          </Space>
          <div className="desk-card" style={{ padding: 12 }}>
            <div style={{ fontWeight: 600, marginBottom: 8 }}>列对应关系（可修改）</div>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(2, 1fr)', gap: '8px 24px' }}>
              {fieldsOf(preview).map((field) => (
                <div key={field} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                  <span style={{ width: 72, textAlign: 'right' }}>
                    {field === 'name' && <span style={{ color: '#c8102e' }}>* </span>}
                    {preview.fieldLabels[field]}
                  </span>
                  <Select
                    style={{ flex: 1 }}
                    size="small"
                    allowClear
                    placeholder="不导入"
                    value={mapping?.[field] ?? undefined}
                    options={columnOptions}
                    onChange={(v: number | undefined) => changeMapping(field, v ?? null)}
                    data-testid={`mapping-${field}`}
                  />
                </div>
              ))}
            </div>
          </div>
          {preview.problem && <Alert type="warning" showIcon title={preview.problem} />}
          {plan && <ImportPlan plan={plan} onChoose={choose} />}
          {progress && (
            <Progress
              percent={progress.total ? Math.round((progress.done / progress.total) * 100) : 0}
              status="active"
            />
          )}
        </Space>
      )}
      {step === 2 && outcome && (
        <Result
          status="success"
          title={outcome.noChange ? '名册无变化' : '导入完成'}
          subTitle={`新增 ${outcome.created} 个，更新 ${outcome.updated} 个，无变化 ${outcome.unchanged} 个${outcome.bad.length ? `；${outcome.bad.length} 行有问题未导入` : ''}${outcome.sectorsCreated.length ? `；新增系统：${outcome.sectorsCreated.join('、')}` : ''}${outcome.sectorsMapped.length ? `；${outcome.sectorsMapped.map((m) => `“${m.name}”归入“${m.sectorName}”`).join('，')}` : ''}`}
        />
      )}
    </Modal>
  );
}
