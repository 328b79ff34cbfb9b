import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { navigate } from '../../router';
import { Link } from '../common/Link';

/** Colours that read on a light and a dark background alike. */
const PALETTE = ['#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#ec4899', '#14b8a6', '#a3a3a3'];

export interface Series {
  label: string;
  values: (number | null)[];
  /** The filter condition that selects this series' spans, where there is one (a span kind, a model). */
  filter?: string;
}

/**
 * One time-series chart (uPlot on a canvas): x in epoch seconds, one line per series, the values formatted by
 * {@code format}. The title links to the list of spans behind the chart; a click on the chart opens the spans behind
 * the point under the cursor ({@code pointHref}: the bucket from its start for {@code bucketSeconds}, and the series
 * nearest the cursor, if one is within a few pixels).
 */
export function TimeChart(props: {
  title: string; href: string; x: number[]; series: Series[]; format: (v: number) => string; range: [number, number];
  bucketSeconds: number; pointHref: (from: number, to: number, series: Series | null) => string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || props.x.length === 0) return undefined;
    const options: uPlot.Options = {
      width: Math.max(280, el.clientWidth),
      height: 200,
      series: [
        {},
        ...props.series.map((s, i) => ({
          label: s.label, stroke: PALETTE[i % PALETTE.length], width: 1.5, spanGaps: false,
          points: { show: props.x.length < 40 }, value: (_u: uPlot, v: number | null) => (v === null ? '–' : props.format(v)),
        })),
      ],
      axes: [
        { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.15)' } },
        { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.15)' }, size: 70, values: (_u, ticks) => ticks.map((t) => props.format(t)) },
      ],
      legend: { live: true },
      focus: { alpha: 0.4 },
      // The whole range asked for, so that a quiet stretch shows as quiet rather than being cut off.
      scales: { x: { time: true, range: () => props.range } },
      cursor: { drag: { x: false, y: false }, focus: { prox: 16 } },
      // Called for the legend's show and hide too: only a change of focus says which series the cursor is near.
      // (uPlot gives the focused series' index, or null for none, with {focus: true}.)
      hooks: { setSeries: [(_u, index, opts) => { if ((opts as { focus?: boolean }).focus != null) focused = index ?? null; }] },
    };
    // The series the cursor is near (uPlot counts the x values as series 0), or null.
    let focused: number | null = null;
    const chart = new uPlot(options, [props.x, ...props.series.map((s) => s.values)] as uPlot.AlignedData, el);
    const open = () => {
      const index = chart.cursor.idx;
      if (index === null || index === undefined) return;
      const from = props.x[index];
      navigate(props.pointHref(from, from + props.bucketSeconds, focused ? props.series[focused - 1] ?? null : null));
    };
    chart.over.addEventListener('click', open);
    chart.over.title = 'Open the spans behind this point';
    const resize = () => chart.setSize({ width: Math.max(280, el.clientWidth), height: 200 });
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.over.removeEventListener('click', open); chart.destroy(); };
  }, [props.x, props.series]);
  return (
    <figure class="chart" aria-label={props.title}>
      <figcaption><Link href={props.href} title="Open the spans behind this chart">{props.title}</Link></figcaption>
      {props.x.length === 0 ? <p class="muted">No spans in this range.</p> : <div ref={box} class="chart-canvas" />}
    </figure>
  );
}
