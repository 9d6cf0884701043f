import { useEffect, useEffectEvent, useRef } from 'react';
import * as echarts from 'echarts';
import type { EChartsOption, ECElementEvent } from 'echarts';
import { useApp } from '../store';
import { resolveTheme } from '../store/theme';

export type { EChartsOption } from 'echarts';

export interface EChartProps {
  option: EChartsOption;
  /** CSS height; width follows the container. */
  height?: number | string;
  /** SVG (default) keeps small charts crisp and screenshot-friendly; use canvas for large scatters. */
  renderer?: 'svg' | 'canvas';
  /** Accessible name of the chart (echarts also generates a description from the data). */
  label: string;
  onClick?: (params: ECElementEvent) => void;
  testId?: string;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** A tooltip text written as HTML (line breaks, escaped names) as plain text with new lines. */
function plainText(html: unknown): unknown {
  if (typeof html !== 'string') return html;
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);
}

/**
 * Tooltips drawn by echarts itself (richText) rather than as HTML: echarts' HTML tooltips carry inline style
 * attributes, which the app's Content Security Policy (style-src 'self') rightly blocks. Formatters keep
 * writing `<br>` and escaped names; they are turned into plain text here.
 */
export function cspSafeOption(option: EChartsOption): EChartsOption {
  const tip = option.tooltip;
  if (!tip) return option;
  type Tip = Record<string, unknown> & { formatter?: unknown };
  const fix = (t: Tip): Tip => ({
    ...t,
    renderMode: 'richText',
    ...(typeof t.formatter === 'function' ? { formatter: (...a: unknown[]) => plainText((t.formatter as (...b: unknown[]) => unknown)(...a)) } : {}),
  });
  return { ...option, tooltip: Array.isArray(tip) ? (tip as Tip[]).map(fix) : fix(tip as Tip) } as EChartsOption;
}

/**
 * The one echarts wrapper every feature uses: follows the app theme, resizes with its container,
 * replaces the option on change (notMerge, so removed series disappear) and disposes on unmount.
 */
export function EChart({ option, height = 240, renderer = 'svg', label, onClick, testId }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const theme = useApp(resolveTheme);
  // The latest handler, without re-creating the chart when it changes.
  const click = useEffectEvent((p: ECElementEvent) => onClick?.(p));

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = echarts.init(node, theme === 'dark' ? 'dark' : undefined, { renderer });
    chart.current = c;
    c.on('click', (p) => click(p as ECElementEvent));
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => c.resize());
    ro?.observe(node);
    return () => {
      ro?.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [theme, renderer]);

  useEffect(() => {
    // echarts writes aria-label on the container itself; give it our accessible name instead of its generic one.
    chart.current?.setOption({ backgroundColor: 'transparent', aria: { enabled: true, label: { description: label } }, ...cspSafeOption(option) }, { notMerge: true });
  }, [option, theme, renderer, label]);

  return <div ref={el} className="chart" role="img" aria-label={label} data-testid={testId} style={{ height }} />;
}
