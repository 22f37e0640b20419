import type { Draft } from "../model/draft.js";
import { render } from "../render/index.js";
import { draftReport } from "./report.js";

/**
 * The statutory document of a draft: DOCX (GB/T 9704 layout) or the HTML fragment for a
 * portal's editor, as `nianbao render` writes them (`profile: "official"`).
 */
export function draftDocument(d: Draft, format: "docx" | "html"): Uint8Array {
  return render(draftReport(d), format, { profile: "official" });
}

/** The document's file name: `某某县人民政府2025年政府信息公开工作年度报告.docx`. */
export function draftFileName(d: Draft, format: "docx" | "html"): string {
  return `${d.title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_")}.${format}`;
}
