import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './print.css';

export interface PrintField {
  label: string;
  value?: ReactNode;
  /** How many label/value pairs this value spans (default 1). */
  span?: number;
}

export interface PrintColumn<T> {
  key: string;
  title: string;
  /** CSS width, e.g. '12%' or '24mm'. */
  width?: string;
  align?: 'left' | 'center' | 'right';
  /** Keep on one line (numbers, phone numbers, dates). */
  nowrap?: boolean;
  render: (row: T, index: number) => ReactNode;
}

export interface PrintSignature {
  label: string;
  /** Pre-filled text; empty for a line to sign by hand. */
  value?: ReactNode;
}

interface FormProps {
  /** The form's name as on the template, e.g. 人员名册, 任务跟踪表, 会议纪要表. */
  title: string;
  /** Small line under the title (company, period …). */
  subtitle?: ReactNode;
  /** Form number in the top right corner, e.g. the task or document number. */
  code?: ReactNode;
  /** Header fields in a bordered grid. */
  meta?: PrintField[];
  /** Label/value pairs per row of the header grid (default 2). */
  metaColumns?: number;
  signatures?: PrintSignature[];
  /** Small print under the signatures. */
  footnote?: ReactNode;
  children?: ReactNode;
}

/** Splits fields into rows of `perRow` pairs, honouring spans. */
function metaRows(fields: PrintField[], perRow: number): PrintField[][] {
  const rows: PrintField[][] = [];
  let row: PrintField[] = [];
  let used = 0;
  for (const field of fields) {
    const span = Math.min(field.span ?? 1, perRow);
    if (used + span > perRow) {
      rows.push(row);
      row = [];
      used = 0;
    }
    row.push({ ...field, span });
    used += span;
  }
  if (row.length) rows.push(row);
  return rows;
}

/**
 * Any 表 of SPEC.md as the paper form: title, header fields in a bordered grid, tables or text
 * sections, and signature lines. Its look on paper comes from print.css.
 */
export function PrintForm({ title, subtitle, code, meta = [], metaColumns = 2, signatures = [], footnote, children }: FormProps) {
  const { t } = useTranslation();
  const rows = metaRows(meta, metaColumns);
  return (
    <article className="od-print-form">
      <header className="od-print-header">
        {code ? <div className="od-print-code">{code}</div> : null}
        <h1 className="od-print-title">{title}</h1>
        {subtitle ? <div className="od-print-subtitle">{subtitle}</div> : null}
      </header>
      {rows.length ? (
        <table className="od-print-table od-print-meta">
          <tbody>
            {rows.map((row, i) => {
              const used = row.reduce((n, f) => n + (f.span ?? 1), 0);
              return (
                <tr key={i}>
                  {row.map((field, j) => {
                    // The last value of a short row stretches to the right edge.
                    const span = (field.span ?? 1) + (j === row.length - 1 ? metaColumns - used : 0);
                    return [
                      <th key={`l${j}`} scope="row">
                        {field.label}
                      </th>,
                      <td key={`v${j}`} colSpan={span * 2 - 1}>
                        {field.value ?? ''}
                      </td>,
                    ];
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {children}
      {signatures.length ? (
        <div className="od-print-signatures">
          {signatures.map((s) => (
            <div key={s.label} className="od-print-signature">
              <span className="od-print-nowrap">{t('print.labelColon', { label: s.label })}</span>
              <span className="od-print-sign-line">{s.value ?? ''}</span>
            </div>
          ))}
        </div>
      ) : null}
      {footnote ? <footer className="od-print-footnote">{footnote}</footer> : null}
    </article>
  );
}

interface TableProps<T> {
  columns: PrintColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string | number;
  caption?: ReactNode;
  emptyText?: ReactNode;
  /** Adds a 序号 column first. */
  numbered?: string;
}

/** A bordered table whose header row repeats on every printed page. */
export function PrintTable<T>({ columns, rows, rowKey, caption, emptyText, numbered }: TableProps<T>) {
  const width = columns.length + (numbered ? 1 : 0);
  return (
    <table className="od-print-table od-print-data">
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          {numbered ? (
            <th style={{ width: '5%' }} className="od-print-center">
              {numbered}
            </th>
          ) : null}
          {columns.map((c) => (
            <th key={c.key} style={{ width: c.width }}>
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={width} className="od-print-center">
              {emptyText}
            </td>
          </tr>
        ) : (
          rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              {numbered ? <td className="od-print-center">{i + 1}</td> : null}
              {columns.map((c) => (
                <td key={c.key} className={[c.align ? `od-print-${c.align}` : '', c.nowrap ? 'od-print-nowrap' : ''].join(' ').trim() || undefined}>
                  {c.render(row, i)}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

/** A titled block of free text (议程, 讨论内容, 验收意见 …) inside the form's border. */
export function PrintSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="od-print-section">
      <div className="od-print-section-title">{title}</div>
      <div className="od-print-section-body">{children}</div>
    </section>
  );
}
