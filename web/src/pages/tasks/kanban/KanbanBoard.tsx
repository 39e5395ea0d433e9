import { useState, type DragEvent, type ReactNode } from 'react';
import { App, Badge, Button, Dropdown, Empty, Typography } from 'antd';
import { MoreOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import './kanban.css';

export interface KanbanColumn<K extends string> {
  key: K;
  title: string;
  /** Status colour of the column's top edge and badge. */
  color: string;
  /** Cards in the column beyond the ones loaded (the board shows the most urgent first). */
  total?: number;
}

interface Props<T, K extends string> {
  columns: KanbanColumn<K>[];
  items: readonly T[];
  itemKey: (item: T) => number;
  itemLabel: (item: T) => string;
  columnOf: (item: T) => K;
  renderCard: (item: T) => ReactNode;
  /** Why `item` may not go to `target`, or null when the move is allowed. */
  refuse: (item: T, target: K) => string | null;
  onMove: (item: T, target: K) => void;
  onOpen: (item: T) => void;
  /** Card ids with a move on its way to the server (shown dimmed). */
  pending?: ReadonlySet<number>;
}

/**
 * 看板: a column per status; cards move by native HTML5 drag and drop, or by the card's ⋯ menu
 * (touch screens and keyboards). Only the moves `refuse` allows are taken; any other drop, and
 * every hover over a refused column, says why.
 */
export function KanbanBoard<T, K extends string>(props: Props<T, K>) {
  const { columns, items, itemKey, itemLabel, columnOf, renderCard, refuse, onMove, onOpen, pending } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [dragged, setDragged] = useState<T | null>(null);
  const [over, setOver] = useState<K | null>(null);

  const reasonFor = (target: K) => (dragged && columnOf(dragged) !== target ? refuse(dragged, target) : null);

  const dragOver = (event: DragEvent, target: K) => {
    if (!dragged) return;
    // Every column takes the drop event (a dropEffect of 'none' would swallow it), so a refused
    // drop can still say why; while hovering, the column turns red with the reason.
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (over !== target) setOver(target);
  };

  const drop = (event: DragEvent, target: K) => {
    event.preventDefault();
    const item = dragged;
    setDragged(null);
    setOver(null);
    if (!item || columnOf(item) === target) return;
    const reason = refuse(item, target);
    if (reason) void message.warning(reason);
    else onMove(item, target);
  };

  return (
    <div className="od-kanban" data-testid="kanban">
      {columns.map((column) => {
        const cards = items.filter((item) => columnOf(item) === column.key);
        const refused = over === column.key ? reasonFor(column.key) : null;
        const target = over === column.key && dragged && columnOf(dragged) !== column.key;
        return (
          <section
            key={column.key}
            className={['od-kanban-column', target ? (refused ? 'od-kanban-refused' : 'od-kanban-accepts') : ''].join(' ')}
            style={{ borderTopColor: column.color }}
            onDragOver={(e) => dragOver(e, column.key)}
            onDragLeave={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(null);
            }}
            onDrop={(e) => drop(e, column.key)}
            data-testid={`kanban-column-${column.key}`}
            aria-label={column.title}
          >
            <header className="od-kanban-head">
              <Typography.Text strong>{column.title}</Typography.Text>
              <Badge count={column.total ?? cards.length} showZero color={column.color} overflowCount={999} />
            </header>
            {refused ? (
              <div className="od-kanban-hint" role="status">
                <StopOutlined /> {refused}
              </div>
            ) : null}
            <div className="od-kanban-cards">
              {cards.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.kanban.emptyColumn')} /> : null}
              {cards.map((item) => {
                const id = itemKey(item);
                const moves = columns.filter((c) => c.key !== column.key).map((c) => ({ column: c, reason: refuse(item, c.key) }));
                return (
                  <div
                    key={id}
                    className={['od-kanban-card', pending?.has(id) ? 'od-kanban-pending' : '', dragged && itemKey(dragged) === id ? 'od-kanban-dragging' : ''].join(' ')}
                    draggable={!pending?.has(id)}
                    onDragStart={(e) => {
                      e.dataTransfer.effectAllowed = 'move';
                      e.dataTransfer.setData('text/plain', String(id));
                      setDragged(item);
                    }}
                    onDragEnd={() => {
                      setDragged(null);
                      setOver(null);
                    }}
                    onClick={() => onOpen(item)}
                    data-testid="kanban-card"
                  >
                    <Dropdown
                      trigger={['click']}
                      menu={{
                        items: moves.map(({ column: c, reason }) => ({
                          key: c.key,
                          label: reason ? (
                            <span title={reason}>{t('tasks.kanban.moveTo', { column: c.title })}</span>
                          ) : (
                            t('tasks.kanban.moveTo', { column: c.title })
                          ),
                          disabled: reason !== null,
                        })),
                        onClick: ({ key, domEvent }) => {
                          domEvent.stopPropagation();
                          onMove(item, key as K);
                        },
                      }}
                    >
                      <Button
                        type="text"
                        size="small"
                        className="od-kanban-more"
                        icon={<MoreOutlined />}
                        aria-label={t('tasks.kanban.moveMenu', { name: itemLabel(item) })}
                        onClick={(e) => e.stopPropagation()}
                      />
                    </Dropdown>
                    {renderCard(item)}
                  </div>
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}
