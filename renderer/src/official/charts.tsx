/**
 * Plain SVG charts for the officials' screens: vertical bars per month (one or two series, with a
 * legend), an image with a title whose figures the page also gives as a table; and horizontal
 * bars for groups (fields, types), a list whose names and figures are text.
 */
import { useId } from 'react';
import { formatCount } from '../format.js';
import { useLanguage } from '../i18n.js';

export interface Series {
  label: string;
  values: number[];
}

const COLORS = ['#9e1b1f', '#c98a00'];

export function MonthChart({ title, labels, series }: { title: string; labels: string[]; series: Series[] }) {
  const { lang } = useLanguage();
  const id = useId();
  const width = 720;
  const height = 240;
  const left = 72;
  const bottom = 34;
  const plot = height - bottom - 10;
  const max = Math.max(1, ...series.flatMap((one) => one.values));
  const step = (width - left) / Math.max(1, labels.length);
  const bar = Math.max(2, Math.min(22, (step * 0.7) / series.length));
  const every = Math.ceil(labels.length / 6);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title`} className="chart-svg">
        <title id={`${id}-title`}>{title}</title>
        {(max >= 4 ? [0, 0.5, 1] : [0, 1]).map((fraction) => {
          const y = 10 + plot - fraction * plot;
          return (
            <g key={fraction}>
              <line x1={left} x2={width} y1={y} y2={y} className="chart-rule" />
              <text x={left - 6} y={y + 4} textAnchor="end" className="chart-axis">
                {formatCount(lang, Math.round(max * fraction))}
              </text>
            </g>
          );
        })}
        {labels.map((label, i) => {
          const x = left + i * step + (step - bar * series.length) / 2;
          return (
            <g key={label}>
              {series.map((one, k) => {
                const h = (one.values[i] / max) * plot;
                return <rect key={one.label} x={x + k * bar} y={10 + plot - h} width={bar} height={h} fill={COLORS[k % COLORS.length]} />;
              })}
              {i % every === 0 && (
                <text x={left + i * step + step / 2} y={height - 8} textAnchor="middle" className="chart-axis">
                  {label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        {series.map((one, k) => (
          <span key={one.label} className="legend-item">
            <span className="legend-swatch" style={{ background: COLORS[k % COLORS.length] }} aria-hidden="true" />
            {one.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** Groups as a list: each row its name and figure in text, and a bar (SVG) of its share of the largest. */
export function BarList({ title, rows, format }: { title: string; rows: { label: string; value: number; note?: string }[]; format?: (value: number) => string }) {
  const { lang } = useLanguage();
  const show = format ?? ((value: number) => formatCount(lang, value));
  const max = Math.max(1, ...rows.map((row) => row.value));
  return (
    <ul className="bar-list" aria-label={title}>
      {rows.map((row, i) => (
        <li key={`${row.label}-${i}`}>
          <span>{row.label}</span>
          <span className="bar-value">
            {show(row.value)}
            {row.note && <small> · {row.note}</small>}
          </span>
          <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect x={0} y={0} width={100} height={10} className="bar-track" />
            <rect x={0} y={0} width={Math.max(0.5, (row.value / max) * 100)} height={10} fill={COLORS[0]} />
          </svg>
        </li>
      ))}
    </ul>
  );
}
