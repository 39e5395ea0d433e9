import { Button, DatePicker, Input, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { ARCHIVE_STATUSES, SECRECY_LEVELS, type TDocumentCategory } from '@opsdesk/contract';
import { FilterBar } from '../../components/FilterBar.tsx';
import { PersonSelect } from '../../components/PersonSelect.tsx';
import { DATE_FORMAT } from '../../lib/time.ts';
import { CategorySelect } from './CategoryTree.tsx';
import { activeFilterCount, type DocumentFilterValues } from './documentQuery.ts';

interface Props {
  values: DocumentFilterValues;
  onChange: (patch: DocumentFilterValues) => void;
  onReset: () => void;
  isMobile: boolean;
  /** The archivist's 显示作废版本 switch (DOC-8). */
  canSeeVoid: boolean;
  /** At phone width the tree is not shown: the category is one more picker. */
  categories: TDocumentCategory[] | undefined;
}

const asDay = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? dayjs(v) : null);

export function DocumentFilters({ values, onChange, onReset, isMobile, canSeeVoid, categories }: Props) {
  const { t } = useTranslation();
  const width = isMobile ? '100%' : 130;
  const all = (field: string) => t('common.filterAll', { field });

  const search = (
    // Keyed by the URL value so Back/Forward and 重置 refill the box.
    <Input.Search
      key={values.q ?? ''}
      defaultValue={values.q}
      aria-label={t('documents.list.q')}
      placeholder={t('documents.list.qPlaceholder')}
      allowClear
      enterButton={t('common.search')}
      onSearch={(q) => onChange({ q: q.trim() || undefined })}
      style={{ width: isMobile ? '100%' : 300 }}
    />
  );

  return (
    <FilterBar primary={search} activeCount={activeFilterCount(values)} isMobile={isMobile}>
      {isMobile ? (
        <CategorySelect
          categories={categories}
          value={Number(values.categoryId) || null}
          onChange={(id) => onChange({ categoryId: id ? String(id) : undefined })}
          placeholder={t('documents.list.allCategories')}
        />
      ) : null}
      <Select
        aria-label={t('documents.list.secrecy')}
        value={values.secrecy}
        onChange={(secrecy?: string) => onChange({ secrecy })}
        allowClear
        placeholder={all(t('documents.list.secrecy'))}
        options={SECRECY_LEVELS.map((s) => ({ value: s, label: t(`documents.secrecy.${s}`) }))}
        style={{ width }}
      />
      <Select
        aria-label={t('documents.list.status')}
        value={values.archiveStatus}
        onChange={(archiveStatus?: string) => onChange({ archiveStatus })}
        allowClear
        placeholder={all(t('documents.list.status'))}
        options={ARCHIVE_STATUSES.map((s) => ({ value: s, label: t(`documents.status.${s}`) }))}
        style={{ width: isMobile ? '100%' : 150 }}
      />
      <Select
        aria-label={t('documents.list.important')}
        value={values.important}
        onChange={(important?: string) => onChange({ important })}
        allowClear
        placeholder={all(t('documents.list.important'))}
        options={[
          { value: 'true', label: t('documents.list.onlyImportant') },
          { value: 'false', label: t('documents.list.notImportant') },
        ]}
        style={{ width }}
      />
      <PersonSelect
        value={Number(values.creatorId) || null}
        onChange={(id) => onChange({ creatorId: id ? String(id) : undefined })}
        placeholder={all(t('documents.list.creator'))}
        includeInactive
        style={{ width: isMobile ? '100%' : 160 }}
      />
      <DatePicker.RangePicker
        aria-label={t('documents.list.dateRange')}
        value={[asDay(values.from), asDay(values.to)]}
        format={DATE_FORMAT}
        allowEmpty={[true, true]}
        placeholder={[t('documents.list.dateRange'), t('documents.list.dateRange')]}
        onChange={(range) => onChange({ from: range?.[0]?.format(DATE_FORMAT) ?? undefined, to: range?.[1]?.format(DATE_FORMAT) ?? undefined })}
        style={{ width: isMobile ? '100%' : 240 }}
      />
      {canSeeVoid ? (
        <Space size={6} style={{ height: 32 }}>
          <Switch
            size="small"
            checked={values.void === 'include' || values.void === 'only'}
            onChange={(on) => onChange({ void: on ? 'include' : undefined })}
            aria-label={t('documents.list.showVoid')}
            id="doc-show-void"
          />
          <Typography.Text>
            <label htmlFor="doc-show-void">{t('documents.list.showVoid')}</label>
          </Typography.Text>
        </Space>
      ) : null}
      <Button onClick={onReset}>{t('common.reset')}</Button>
    </FilterBar>
  );
}
