import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TDocumentSummary } from '@opsdesk/contract';
import { PrintForm, PrintTable, type PrintColumn, type PrintField } from '../../../components/print/PrintForm.tsx';
import { versionText } from '../docTags.tsx';

interface Props {
  title: string;
  items: TDocumentSummary[];
  /** 借阅记录 per document: `张三(2023-09-25/2023-09-28)`. */
  loanRecords: ReadonlyMap<number, string>;
  meta: PrintField[];
  footnote: ReactNode;
  emptyText: string;
}

/** DOC-3 存储位置 as on the template (and the export): the server path and/or the 档案柜 number. */
const location = (d: TDocumentSummary) =>
  [d.file && d.archivePath ? `//服务器/${d.archivePath}` : d.serverPath, d.paperLocation].filter(Boolean).join('；');

/** Ten columns: the register is printed on A4 landscape (this style lives only while it is shown). */
const LANDSCAPE = '@page { size: A4 landscape; } .od-print-paper { width: 297mm; }';

/**
 * 文档归档登记表 on paper, in the template's columns and order (SPEC §2) — also the body of the
 * quarterly 《文档归档清单》.
 */
export function RegisterForm({ title, items, loanRecords, meta, footnote, emptyText }: Props) {
  const { t } = useTranslation();
  const dash = '-';
  const columns: PrintColumn<TDocumentSummary>[] = [
    { key: 'number', title: t('documents.print.columns.number'), width: '17%', render: (d) => d.number ?? dash },
    { key: 'name', title: t('documents.print.columns.name'), width: '13%', render: (d) => (d.void ? `${d.name}（${t('documents.void')}）` : d.name) },
    { key: 'category', title: t('documents.print.columns.category'), width: '10%', render: (d) => d.category.path },
    { key: 'version', title: t('documents.print.columns.version'), width: '5%', align: 'center', nowrap: true, render: (d) => versionText(d.version) },
    { key: 'secrecy', title: t('documents.print.columns.secrecy'), width: '6%', align: 'center', nowrap: true, render: (d) => t(`documents.secrecy.${d.secrecy}`) },
    { key: 'creator', title: t('documents.print.columns.creator'), width: '6%', nowrap: true, render: (d) => d.creator.name },
    { key: 'createdOn', title: t('documents.print.columns.createdOn'), width: '9%', nowrap: true, render: (d) => d.createdOn },
    { key: 'location', title: t('documents.print.columns.location'), width: '15%', render: (d) => location(d) || dash },
    { key: 'loans', title: t('documents.print.columns.loans'), render: (d) => loanRecords.get(d.id) || dash },
    { key: 'status', title: t('documents.print.columns.status'), width: '7%', align: 'center', nowrap: true, render: (d) => t(`documents.status.${d.archiveStatus}`) },
  ];
  return (
    <div className="od-doc-register">
      <style>{LANDSCAPE}</style>
      <PrintForm
        title={title}
        meta={meta}
        metaColumns={3}
        signatures={[{ label: t('print.preparedBy') }, { label: t('print.reviewedBy') }, { label: t('print.date') }]}
        footnote={footnote}
      >
        <PrintTable<TDocumentSummary> columns={columns} rows={items} rowKey={(d) => d.id} numbered={t('print.seq')} emptyText={emptyText} />
      </PrintForm>
    </div>
  );
}
