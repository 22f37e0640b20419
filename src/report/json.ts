import type { Report } from "../model/report.js";
import { encodeReport, type ReportJson } from "../model/report-json.js";
import { findingMessage } from "./messages.js";

/**
 * The JSON `nianbao parse` / `check --format json` print (report-json.md): the codec's
 * encoding with every finding's Chinese message filled in.
 */
export function reportToJson(r: Report): ReportJson {
  return encodeReport(r, findingMessage);
}

/** A failed input in a JSON array of several: keeps the array aligned with the inputs. */
export function errorToJson(file: string, code: string, message: string): object {
  return { meta: { file }, error: { code, message } };
}
