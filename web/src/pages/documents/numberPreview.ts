/**
 * DOC-2 `分类编码-日期-文档名称-版本号`, e.g. ZD-HR-20231001-员工考勤制度-V1: what the form shows
 * before saving. The server issues the real number (platform/numbering formatDocumentCode) and
 * dates it by its own clock, so the preview is a preview.
 */
export function numberPreview(input: { categoryCode: string; date: string; name: string; version: number }): string {
  return `${input.categoryCode}-${input.date.replaceAll('-', '')}-${input.name.trim()}-V${input.version}`;
}
