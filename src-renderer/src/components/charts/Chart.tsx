import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tooltip } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { CHART_FONT, echarts, type EChartsOption } from './echarts';

/** What a click on a bar or slice hands back: the series and the category it counts. */
export interface ChartClick {
  seriesId?: string;
  seriesName?: string;
  dataIndex: number;
  name: string;
}

interface Props {
  title: string;
  /** The PNG's file name, without extension. */
  fileName: string;
  option: EChartsOption;
  height: number;
  onPick?: (click: ChartClick) => void;
  extra?: ReactNode;
  testId?: string;
}

function withFont(option: EChartsOption): EChartsOption {
  return { textStyle: { fontFamily: CHART_FONT }, animation: false, ...option };
}

/** A PNG at twice the screen's pixels, drawn by a throw-away canvas chart of the same option. */
function savePng(option: EChartsOption, width: number, height: number, fileName: string): void {
  const host = document.createElement('div');
  host.style.cssText = `position:fixed;left:-10000px;top:0;width:${width}px;height:${height}px`;
  document.body.appendChild(host);
  const copy = echarts.init(host, undefined, { renderer: 'canvas', width, height });
  try {
    copy.setOption(withFont(option));
    const url = copy.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    const link = document.createElement('a');
    link.href = url;
    link.download = `${fileName}.png`;
    link.click();
  } finally {
    copy.dispose();
    host.remove();
  }
}

/**
 * Prints this chart alone: the print stylesheet shows only the card marked for it, and the chart
 * is laid out at the width of an A4 landscape page meanwhile (SVG, so it prints as vectors).
 */
function printOne(card: HTMLElement, chart: echarts.ECharts, height: number): void {
  card.dataset.print = 'on';
  document.body.classList.add('desk-printing-one');
  chart.resize({ width: 1000, height: Math.round(height * 1.5) });
  const done = () => {
    delete card.dataset.print;
    document.body.classList.remove('desk-printing-one');
    chart.resize({ width: 'auto', height: 'auto' });
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

/** One chart of 概览: SVG, resized with its card, clickable, with 保存图片 and 打印. */
export function Chart({ title, fileName, option, height, onPick, extra, testId }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const card = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const instance = echarts.init(host.current!, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      const p = params as unknown as ChartClick;
      pick.current?.({ seriesId: p.seriesId, seriesName: p.seriesName, dataIndex: p.dataIndex, name: p.name });
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(host.current!);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(withFont(option), { notMerge: true });
  }, [option]);

  return (
    <Card
      ref={card}
      size="small"
      title={title}
      className="desk-chart-card"
      data-testid={testId}
      extra={
        <Space size={4}>
          {extra}
          <Tooltip title="保存为 PNG 图片">
            <Button
              size="small"
              type="text"
              icon={<DownloadOutlined />}
              aria-label={`保存“${title}”为图片`}
              onClick={() => savePng(option, host.current?.clientWidth || 800, height, fileName)}
            />
          </Tooltip>
          <Tooltip title="打印这张图">
            <Button
              size="small"
              type="text"
              icon={<PrinterOutlined />}
              aria-label={`打印“${title}”`}
              onClick={() => card.current && chart.current && printOne(card.current, chart.current, height)}
            />
          </Tooltip>
        </Space>
      }
    >
      <div ref={host} style={{ width: '100%', height }} role="img" aria-label={title} />
    </Card>
  );
}
