import { Card, Skeleton } from 'antd';

/** Shown while a page's code or first data loads: the shape of a page, no spinner. */
export function PageSkeleton() {
  return (
    <Card variant="borderless">
      <Skeleton active title paragraph={{ rows: 6 }} />
    </Card>
  );
}
