import type { Selectable } from "kysely";
import type { Application, ChannelKey } from "../../register/model.js";
import type { RegisterApplicationTable } from "./schema.js";

/** The columns of a stored application, in the order `rowValues` gives them. */
export const APPLICATION_COLUMNS = [
  "reg_id",
  "seq",
  "received",
  "channel",
  "applicant_type",
  "applicant",
  "request",
  "correction_requested",
  "correction_received",
  "extended_on",
  "extension_days",
  "consultations",
  "outcome",
  "replied",
  "reviews",
  "note",
] as const;

/** An application as the values of APPLICATION_COLUMNS (absent fields are null). */
export function rowValues(a: Application, seq: number): (string | number | null)[] {
  return [
    a.id,
    seq,
    a.received,
    a.channel,
    a.applicantType,
    a.applicant ?? null,
    a.request,
    a.correctionRequested ?? null,
    a.correctionReceived ?? null,
    a.extendedOn ?? null,
    a.extensionDays ?? null,
    JSON.stringify(a.consultations),
    a.outcome ?? null,
    a.replied ?? null,
    JSON.stringify(a.reviews),
    a.note ?? null,
  ];
}

type Row = Pick<Selectable<RegisterApplicationTable>, Exclude<(typeof APPLICATION_COLUMNS)[number], "seq">>;

/** A stored row back as the register's Application: absent fields absent, as the importer makes them. */
export function applicationOf(r: Row): Application {
  const a: Application = {
    id: r.reg_id,
    received: r.received,
    channel: r.channel as ChannelKey,
    applicantType: r.applicant_type,
    request: r.request,
    consultations: JSON.parse(r.consultations),
    reviews: JSON.parse(r.reviews),
  };
  if (r.applicant !== null) a.applicant = r.applicant;
  if (r.correction_requested !== null) a.correctionRequested = r.correction_requested;
  if (r.correction_received !== null) a.correctionReceived = r.correction_received;
  if (r.extended_on !== null) a.extendedOn = r.extended_on;
  if (r.extension_days !== null) a.extensionDays = Number(r.extension_days);
  if (r.outcome !== null) a.outcome = r.outcome;
  if (r.replied !== null) a.replied = r.replied;
  if (r.note !== null) a.note = r.note;
  return withFieldOrder(a);
}

/** The importer's field order, so stored and imported applications print alike. */
function withFieldOrder(a: Application): Application {
  const order: (keyof Application)[] = ["id", "received", "channel", "applicantType", "applicant", "request", "correctionRequested", "correctionReceived", "extendedOn", "extensionDays", "consultations", "outcome", "replied", "reviews", "note"];
  const out: Record<string, unknown> = {};
  for (const k of order) if (a[k] !== undefined) out[k] = a[k];
  return out as unknown as Application;
}
