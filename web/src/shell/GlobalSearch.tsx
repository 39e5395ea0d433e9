import { useEffect, useRef, useState } from 'react';
import { AutoComplete, Button, Drawer, Flex, Input, type InputRef, Spin, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { SEARCH_SOURCE_KEYS, type TSearchGroup } from '@opsdesk/contract';
import { useGlobalSearch } from '../api/search.ts';
import { useDebounced } from '../lib/useDebounced.ts';
import { formatWhen } from '../lib/time.ts';

type SourceKey = (typeof SEARCH_SOURCE_KEYS)[number];
const isKnown = (key: string): key is SourceKey => (SEARCH_SOURCE_KEYS as readonly string[]).includes(key);

/** Each module's own list with the same words: what 查看全部 opens (its filters show them). */
const LIST_OF: Record<SourceKey, (q: string) => string> = {
  tasks: (q) => `/tasks?scope=all&q=${encodeURIComponent(q)}`,
  meetings: (q) => `/meetings?view=list&scope=all&q=${encodeURIComponent(q)}`,
  documents: (q) => `/documents?q=${encodeURIComponent(q)}`,
};

const SHORTCUT = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘K' : 'Ctrl K';

// An option's value says where it goes; typed text never looks like one.
const GO = 'go:';

function groupOptions(group: TSearchGroup & { key: SourceKey }, q: string, t: TFunction) {
  return {
    label: (
      <Flex justify="space-between" data-testid={`search-group-${group.key}`}>
        <span>{t(`search.groups.${group.key}`)}</span>
        <span>{t('search.total', { count: group.count })}</span>
      </Flex>
    ),
    options: [
      ...group.items.map((item) => ({
        value: `${GO}${item.link ?? LIST_OF[group.key](q)}`,
        label: (
          <Flex justify="space-between" gap={12} data-testid="search-item">
            <span style={{ minWidth: 0 }}>
              <Typography.Text type={item.overdue ? 'danger' : undefined} ellipsis style={{ display: 'block' }}>
                {item.title}
              </Typography.Text>
              {item.subtitle ? (
                <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                  {item.subtitle}
                </Typography.Text>
              ) : null}
            </span>
            {item.at ? (
              <Typography.Text type={item.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {formatWhen(item.at)}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      })),
      ...(group.count > group.items.length
        ? [{ value: `${GO}${LIST_OF[group.key](q)}`, label: <Typography.Link>{t('search.viewAll', { count: group.count })}</Typography.Link> }]
        : []),
    ],
  };
}

/**
 * The top bar's search (UX.md "Frame") over tasks, meetings and documents — each group what that
 * module's list shows the reader. Enter or a click opens the item; 查看全部 opens the module's list
 * with the same words. At phone width a search button opens it full width at the top.
 */
export function GlobalSearch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const input = useRef<InputRef>(null);
  // Ctrl K / ⌘K from anywhere, as in Feishu and DingTalk.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== 'k' || !(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      e.preventDefault();
      if (compact) setDrawerOpen(true);
      else input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [compact]);
  const q = useDebounced(text.trim(), 250);
  const result = useGlobalSearch(q);
  const groups = (result.data?.groups ?? []).filter((g): g is TSearchGroup & { key: SourceKey } => isKnown(g.key) && g.count > 0);
  const waiting = q !== text.trim() || result.isFetching;

  const box = (
    <AutoComplete
      value={text}
      onChange={(value: string) => {
        if (!value.startsWith(GO)) setText(value);
      }}
      onSelect={(value: string) => {
        setText('');
        setDrawerOpen(false);
        void navigate(value.slice(GO.length));
      }}
      options={q ? groups.map((g) => groupOptions(g, q, t)) : []}
      notFoundContent={
        !text.trim() ? null : waiting ? (
          <Flex gap={8} align="center">
            <Spin size="small" /> {t('search.searching')}
          </Flex>
        ) : (
          t('search.none', { q })
        )
      }
      popupMatchSelectWidth={compact ? true : 420}
      // Three groups of at most six lines: all rendered, tall enough that the later groups are not hidden under a scroll.
      virtual={false}
      listHeight={520}
      style={{ width: compact ? '100%' : 260 }}
      autoFocus={compact}
      data-testid="global-search"
    >
      <Input
        ref={input}
        allowClear
        prefix={<SearchOutlined />}
        suffix={compact || text ? null : <Typography.Text type="secondary" keyboard style={{ fontSize: 11 }}>{SHORTCUT}</Typography.Text>}
        placeholder={t('search.placeholder')}
        aria-label={t('search.placeholder')}
        aria-keyshortcuts="Control+K Meta+K"
        title={t('search.hint')}
      />
    </AutoComplete>
  );

  // The header's 56 px line height would stretch the input.
  if (!compact) return <div style={{ lineHeight: 'normal' }}>{box}</div>;
  return (
    <>
      <Button type="text" icon={<SearchOutlined />} aria-label={t('search.open')} onClick={() => setDrawerOpen(true)} />
      <Drawer placement="top" size="auto" open={drawerOpen} onClose={() => setDrawerOpen(false)} closable={false} styles={{ body: { padding: 12 } }} destroyOnHidden>
        {box}
      </Drawer>
    </>
  );
}
