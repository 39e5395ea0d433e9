import type { ReactNode } from 'react';
import { Alert, Button, Flex, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import './print.css';

interface Props {
  /** Browser tab title; also the default file name when saving as PDF. */
  title: string;
  /** Where 返回 goes (the list with the same filters). */
  backTo: string;
  /** False while the data loads: printing half a form helps nobody. */
  ready: boolean;
  /** A notice above the sheet that is not printed (e.g. "only the first 5000 rows"). */
  notice?: ReactNode;
  children: ReactNode;
}

/**
 * A full-page print view outside the app frame: a toolbar (not printed) over an A4 sheet.
 * 打印 opens the browser's print dialog, where 另存为 PDF is one of the printers.
 */
export function PrintLayout({ title, backTo, ready, notice, children }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useDocumentTitle(title);
  // Page numbers in the bottom margin, in the reader's language (CSS strings cannot use i18n).
  const pageCss = `@page { @bottom-center { content: ${JSON.stringify(t('print.pageBefore'))} counter(page) ${JSON.stringify(
    t('print.pageMiddle'),
  )} counter(pages) ${JSON.stringify(t('print.pageAfter'))}; font-size: 9pt; color: #000; } }`;

  return (
    <div className="od-print-screen">
      <style>{pageCss}</style>
      <Flex className="od-print-toolbar od-print-hide" justify="space-between" align="center" gap={8} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(backTo)}>
          {t('common.back')}
        </Button>
        <Typography.Text type="secondary" className="od-print-toolbar-hint">
          {t('print.hint')}
        </Typography.Text>
        <Button type="primary" icon={<PrinterOutlined />} disabled={!ready} onClick={() => window.print()}>
          {t('io.print')}
        </Button>
      </Flex>
      {notice ? (
        <div className="od-print-hide od-print-notice">
          <Alert type="warning" showIcon title={notice} />
        </div>
      ) : null}
      <div className="od-print-stage">
        <div className="od-print-paper">{children}</div>
      </div>
    </div>
  );
}
