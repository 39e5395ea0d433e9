import { useEffect, useRef } from 'react';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ComposeOption, init, use as registerCharts } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only what the app's charts draw, so the chunk stays small; SVG keeps Chinese text crisp at any zoom.
registerCharts([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/**
 * An ECharts chart that follows its box's width. `onClick` gets the clicked item's series index and
 * data index (a bar segment), e.g. to open the list behind it. Loaded lazily with the page using it.
 */
export default function EChart({ option, height, onClick, label }: { option: ChartOption; height: number; onClick?: (seriesIndex: number, dataIndex: number) => void; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  }, [onClick]);
  const chart = useRef<ReturnType<typeof init> | null>(null);

  useEffect(() => {
    const instance = init(box.current!, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (p) => click.current?.(p.seriesIndex ?? 0, p.dataIndex));
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(box.current!);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
