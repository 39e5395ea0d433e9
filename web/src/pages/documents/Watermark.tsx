import { useId, type ReactNode } from 'react';
import './documents.css';

interface Props {
  /** One line per row of the tile, e.g. the viewer's name and the time. */
  lines: string[];
  children: ReactNode;
  /** Tile size in CSS pixels: smaller means denser. */
  gap?: { x: number; y: number };
}

/**
 * DOC-5 "view-only, watermarked with the borrower's name": tiled, semi-transparent text over the
 * preview. It is an inline SVG pattern rather than a CSS background, so it also prints (browsers
 * drop background images when printing); pointer-events none keeps the preview scrollable under it.
 */
export function Watermark({ lines, children, gap = { x: 260, y: 170 } }: Props) {
  const id = `od-wm-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return (
    <div className="od-watermark-frame">
      {children}
      <svg className="od-watermark" aria-hidden="true" data-testid="watermark" role="presentation">
        <defs>
          <pattern id={id} width={gap.x} height={gap.y} patternUnits="userSpaceOnUse" patternTransform="rotate(-24)">
            <text x={12} y={gap.y / 2} className="od-watermark-text">
              {lines.map((line, i) => (
                <tspan key={i} x={12} dy={i === 0 ? 0 : '1.35em'}>
                  {line}
                </tspan>
              ))}
            </text>
          </pattern>
        </defs>
        <rect width="100%" height="100%" fill={`url(#${id})`} />
      </svg>
    </div>
  );
}
