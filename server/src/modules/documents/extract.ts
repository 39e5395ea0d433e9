import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { extractorFor } from './rules.ts';

/** Files above this are not read for their text (search still finds number and name). */
export const EXTRACT_MAX_BYTES = 20 * 1024 * 1024;
/** Stored text is cut here: enough for search, small enough for a row. */
export const TEXT_MAX_CHARS = 200_000;

const require = createRequire(import.meta.url);
// pdf.js needs its character maps for CJK fonts that use predefined CMaps (common in Chinese PDFs).
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
const CMAP_URL = `${path.join(pdfjsRoot, 'cmaps')}/`;
const STANDARD_FONTS_URL = `${path.join(pdfjsRoot, 'standard_fonts')}/`;

async function readAll(stream: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function pdfText(data: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(data),
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONTS_URL,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    let length = 0;
    for (let i = 1; i <= doc.numPages && length < TEXT_MAX_CHARS; i += 1) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      pages.push(text);
      length += text.length;
      page.cleanup();
    }
    return pages.join('\n');
  } finally {
    await doc.destroy();
  }
}

async function xlsxText(data: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const lines: string[] = [];
  workbook.eachSheet((sheet) => {
    lines.push(sheet.name);
    sheet.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell((cell) => cells.push(cell.text));
      lines.push(cells.join('\t'));
    });
  });
  return lines.join('\n');
}

/**
 * The text of a PDF, Word (.docx) or Excel (.xlsx) file, for search (and for the view-only reading
 * of Office files). Null when the type has no extractor, the file is too large, or it cannot be
 * parsed — a damaged file is still archived, it is just not found by its content.
 */
export async function extractText(file: { mimeType: string; fileName: string; size: number }, open: () => Promise<Readable>): Promise<{ text: string; truncated: boolean } | null> {
  const kind = extractorFor(file);
  if (!kind || file.size > EXTRACT_MAX_BYTES) return null;
  try {
    const data = await readAll(await open(), EXTRACT_MAX_BYTES);
    if (!data) return null;
    let text: string;
    if (kind === 'pdf') text = await pdfText(data);
    else if (kind === 'docx') text = (await mammoth.extractRawText({ buffer: data })).value;
    else if (kind === 'xlsx') text = await xlsxText(data);
    else text = data.toString('utf8');
    // eslint-disable-next-line no-control-regex -- NUL cannot be stored in a PostgreSQL text column
    const clean = text.replace(/\u0000/g, '').trim();
    return { text: clean.slice(0, TEXT_MAX_CHARS), truncated: clean.length > TEXT_MAX_CHARS };
  } catch {
    return null;
  }
}
