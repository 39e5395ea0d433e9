import { useEffect, useMemo, useRef } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { buildAxis, dayNumber, daySegments, monthSegments, weekSegments, type GanttZoom } from './scale.ts';
import './gantt.css';

export interface GanttMilestone {
  key: string | number;
  name: string;
  date: string;
  done: boolean;
}

export interface GanttRow {
  id: number;
  code: string;
  name: string;
  /** Owner, shown under the name. */
  note?: string;
  start: string;
  /** Due date, inclusive. */
  end: string;
  progress: number;
  /** Status colour (UX.md: one colour per status). */
  color: string;
  milestones: GanttMilestone[];
  /** Finish-to-start: ids of the tasks that must be done before this one starts. */
  predecessors: number[];
}

interface Props {
  rows: readonly GanttRow[];
  today: string;
  zoom: GanttZoom;
  compact: boolean;
  onOpen: (id: number) => void;
}

const ROW = 44;
const HEADER = 48;
const BAR_TOP = 10;
const BAR_HEIGHT = 16;
const MID = BAR_TOP + BAR_HEIGHT / 2;

/**
 * 甘特图: a bar per task from start to due date with its progress, milestones as diamonds (filled
 * when done), finish-to-start arrows from each predecessor's end to its successor's start (red when
 * the plan lets the successor start before the predecessor is due), and the today line. The names
 * stay pinned on the left while the timeline scrolls sideways.
 */
export function GanttChart({ rows, today, zoom, compact, onOpen }: Props) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const axis = useMemo(
    () => buildAxis(rows.flatMap((r) => [r.start, r.end, ...r.milestones.map((m) => m.date)]), today, zoom),
    [rows, today, zoom],
  );
  const labelWidth = compact ? 128 : 260;
  const height = rows.length * ROW;
  const rowIndex = useMemo(() => new Map(rows.map((r, i) => [r.id, i])), [rows]);
  const todayX = axis.x(today) + axis.dayWidth / 2;

  // Open on today (a little of the past stays visible), again whenever the zoom changes.
  useEffect(() => {
    const box = scroller.current;
    if (box) box.scrollLeft = Math.max(0, todayX - 160);
  }, [todayX]);

  const months = monthSegments(axis);
  const lower = zoom === 'week' ? daySegments(axis) : weekSegments(axis);

  const arrows = rows.flatMap((row, to) =>
    row.predecessors.flatMap((predId) => {
      const from = rowIndex.get(predId);
      const pred = from === undefined ? undefined : rows[from];
      if (from === undefined || !pred) return [];
      const sx = axis.x(pred.end) + axis.dayWidth;
      const sy = from * ROW + MID;
      const tx = axis.x(row.start);
      const ty = to * ROW + MID;
      const conflict = dayNumber(row.start) <= dayNumber(pred.end);
      let d: string;
      if (tx - sx >= 14) d = `M${sx},${sy} H${sx + 6} V${ty} H${tx}`;
      else {
        // Not enough room: drop to the row boundary, run back, then into the bar's start.
        const lane = from < to ? to * ROW + 2 : (to + 1) * ROW - 2;
        d = `M${sx},${sy} H${sx + 6} V${lane} H${tx - 8} V${ty} H${tx}`;
      }
      return [{ key: `${predId}-${row.id}`, d, conflict, title: t('tasks.gantt.dependency', { from: pred.code, to: row.code }) }];
    }),
  );

  return (
    <div className="od-gantt" ref={scroller} data-testid="gantt">
      <div className="od-gantt-inner" style={{ width: labelWidth + axis.width }}>
        <div className="od-gantt-labels" style={{ width: labelWidth }}>
          <div className="od-gantt-corner" style={{ height: HEADER }}>
            {t('tasks.gantt.task')}
          </div>
          {rows.map((row) => (
            <button type="button" key={row.id} className="od-gantt-label" style={{ height: ROW }} onClick={() => onOpen(row.id)} title={`${row.code} ${row.name}`}>
              <Typography.Text ellipsis className="od-gantt-name">
                {row.name}
              </Typography.Text>
              <Typography.Text type="secondary" ellipsis className="od-gantt-meta">
                {compact ? row.code : [row.code, row.note].filter(Boolean).join(' · ')}
              </Typography.Text>
            </button>
          ))}
        </div>
        <svg className="od-gantt-svg" width={axis.width} height={HEADER + height} role="img" aria-label={t('tasks.views.gantt')}>
          <defs>
            <marker id="od-gantt-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">
              <path d="M0,0 L8,4 L0,8 z" fill="#8c8c8c" />
            </marker>
            <marker id="od-gantt-arrow-red" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto">
              <path d="M0,0 L8,4 L0,8 z" fill="#ff4d4f" />
            </marker>
          </defs>
          {/* Header: months on top, days (week zoom) or weeks (month zoom) below. */}
          <g className="od-gantt-header">
            {months.map((m) => (
              <g key={m.key}>
                <rect x={m.x} y={0} width={m.width} height={HEADER / 2} className="od-gantt-head-cell" />
                <text x={m.x + 6} y={17} className="od-gantt-head-text">
                  {m.width >= 48 ? dayjs(m.date).format(t('tasks.gantt.monthFormat')) : ''}
                </text>
              </g>
            ))}
            {lower.map((s) => (
              <g key={s.key}>
                <rect x={s.x} y={HEADER / 2} width={s.width} height={HEADER / 2} className="od-gantt-head-cell" />
                <text x={s.x + s.width / 2} y={HEADER / 2 + 16} textAnchor="middle" className="od-gantt-head-text od-gantt-head-small">
                  {zoom === 'week' ? dayjs(s.date).format('D') : s.width >= 40 ? dayjs(s.date).format('M/D') : ''}
                </text>
              </g>
            ))}
          </g>
          <g transform={`translate(0, ${HEADER})`}>
            {zoom === 'week'
              ? daySegments(axis)
                  .filter((s) => s.weekend)
                  .map((s) => <rect key={s.key} x={s.x} y={0} width={s.width} height={height} className="od-gantt-weekend" />)
              : null}
            {rows.map((row, i) => (
              <line key={row.id} x1={0} x2={axis.width} y1={(i + 1) * ROW - 0.5} y2={(i + 1) * ROW - 0.5} className="od-gantt-grid" />
            ))}
            {arrows.map((a) => (
              <path
                key={a.key}
                d={a.d}
                className={a.conflict ? 'od-gantt-arrow od-gantt-arrow-conflict' : 'od-gantt-arrow'}
                markerEnd={a.conflict ? 'url(#od-gantt-arrow-red)' : 'url(#od-gantt-arrow)'}
                data-testid="gantt-dependency"
              >
                <title>{a.title}</title>
              </path>
            ))}
            {rows.map((row, i) => {
              const x = axis.x(row.start);
              const width = Math.max(axis.dayWidth, axis.x(row.end) + axis.dayWidth - x);
              const y = i * ROW;
              return (
                <g key={row.id} className="od-gantt-row" onClick={() => onOpen(row.id)} data-testid="gantt-bar">
                  <title>{t('tasks.gantt.barTitle', { name: row.name, start: row.start, end: row.end, progress: row.progress })}</title>
                  <rect x={x} y={y + BAR_TOP} width={width} height={BAR_HEIGHT} rx={4} fill={row.color} fillOpacity={0.25} stroke={row.color} />
                  <rect x={x} y={y + BAR_TOP} width={(width * Math.min(100, Math.max(0, row.progress))) / 100} height={BAR_HEIGHT} rx={4} fill={row.color} />
                  {width >= 44 ? (
                    <text x={x + 6} y={y + BAR_TOP + 12} className="od-gantt-bar-text">
                      {row.progress}%
                    </text>
                  ) : null}
                  {row.milestones.map((m) => {
                    const cx = axis.x(m.date) + axis.dayWidth / 2;
                    const cy = y + MID;
                    const r = 7;
                    return (
                      <g key={m.key} data-testid="gantt-milestone">
                        <title>{t(m.done ? 'tasks.gantt.milestoneDone' : 'tasks.gantt.milestoneOpen', { name: m.name, date: m.date })}</title>
                        <polygon
                          points={`${cx},${cy - r} ${cx + r},${cy} ${cx},${cy + r} ${cx - r},${cy}`}
                          className={m.done ? 'od-gantt-milestone od-gantt-milestone-done' : 'od-gantt-milestone'}
                        />
                        {zoom === 'week' && !compact ? (
                          <text x={cx} y={y + ROW - 4} textAnchor="middle" className="od-gantt-milestone-text">
                            {m.name}
                          </text>
                        ) : null}
                      </g>
                    );
                  })}
                </g>
              );
            })}
          </g>
          <g>
            <line x1={todayX} x2={todayX} y1={HEADER / 2} y2={HEADER + height} className="od-gantt-today" data-testid="gantt-today" />
            <rect x={todayX - 18} y={HEADER / 2 + 2} width={36} height={16} rx={3} className="od-gantt-today-flag" />
            <text x={todayX} y={HEADER / 2 + 14} textAnchor="middle" className="od-gantt-today-text">
              {t('tasks.gantt.today')}
            </text>
          </g>
        </svg>
      </div>
    </div>
  );
}
