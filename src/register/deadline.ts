import type { WorkCalendar } from "./calendar.js";
import { addDays, yearOf, type IsoDate } from "./dates.js";
import type { Application, Consultation } from "./model.js";

/** 第三十三条第二款: 20 working days from receipt. */
export const REPLY_WORKING_DAYS = 20;
/** 第三十三条第二款: one extension of at most 20 working days. */
export const MAX_EXTENSION_DAYS = 20;

/**
 * The statutory reply deadline of one application.
 *
 * Counting (docs/register.md): the day the period starts from is day 0 and is not counted;
 * the deadline is the 20th working day after it (plus the extension). The period starts from
 * receipt, or from the day a 补正 arrives (第三十条). Working days after a consultation is sent,
 * up to and including the day the opinion comes back, are not counted (第三十三条第三款). An
 * extension counts only when it was notified by the original deadline.
 */
export type Deadline =
  | {
      status: "known";
      /** Day 0 of the count: receipt, or the day the 补正 arrived. */
      start: IsoDate;
      startsFrom: "received" | "correction";
      /** The last day to reply. */
      deadline: IsoDate;
      /** The 20th counted working day, before any extension. */
      original: IsoDate;
      extensionDays: number;
      /** Working days not counted because a consultation was under way. */
      pausedDays: number;
      /**
       * 延期告知日期 when it came after the original deadline: the period had already run out,
       * so the extension is not counted (第三十三条 extends a running period).
       */
      lateExtension?: IsoDate;
    }
  /** 补正 asked for and not back: the period has not started again. */
  | { status: "awaiting-correction"; requested: IsoDate }
  /** A consultation without an end date: the period stands still. */
  | { status: "consulting"; since: IsoDate }
  /** The count runs into a year the calendar does not cover. */
  | { status: "unknown-calendar"; year: number };

export function deadlineOf(a: Application, cal: WorkCalendar): Deadline {
  if (a.correctionRequested && !a.correctionReceived) return { status: "awaiting-correction", requested: a.correctionRequested };
  const open = a.consultations.find((c) => !c.end);
  if (open) return { status: "consulting", since: open.start };
  const start = a.correctionReceived ?? a.received;
  let extensionDays = a.extendedOn ? Math.min(a.extensionDays ?? MAX_EXTENSION_DAYS, MAX_EXTENSION_DAYS) : 0;
  let budget = REPLY_WORKING_DAYS + extensionDays;
  let lateExtension: IsoDate | undefined;
  const paused = pausedSpans(a.consultations, start);
  let counted = 0;
  let pausedDays = 0;
  let original = "";
  let d = start;
  while (counted < budget) {
    d = addDays(d, 1);
    const working = cal.isWorkingDay(d);
    if (working === undefined) return { status: "unknown-calendar", year: yearOf(d) };
    if (!working) continue;
    if (paused.some(([from, to]) => d > from && d <= to)) {
      pausedDays++;
      continue;
    }
    counted++;
    if (counted === REPLY_WORKING_DAYS) {
      original = d;
      if (a.extendedOn && a.extendedOn > original) {
        lateExtension = a.extendedOn;
        extensionDays = 0;
        budget = REPLY_WORKING_DAYS;
      }
    }
  }
  const startsFrom = a.correctionReceived ? "correction" : "received";
  return { status: "known", start, startsFrom, deadline: d, original, extensionDays, pausedDays, ...(lateExtension ? { lateExtension } : {}) };
}

/** Consultation spans that end after day 0; what lies before the count starts does not matter. */
function pausedSpans(cs: Consultation[], start: IsoDate): [IsoDate, IsoDate][] {
  return cs.filter((c) => c.end! > start).map((c) => [c.start, c.end!]);
}

/** Working days in (from, to]: 0 when `to` ≤ `from`; undefined when a year in between is unknown. */
export function workingDaysBetween(from: IsoDate, to: IsoDate, cal: WorkCalendar): number | undefined {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    const w = cal.isWorkingDay(d);
    if (w === undefined) return undefined;
    if (w) n++;
  }
  return n;
}

export interface DueItem {
  application: Application;
  deadline: IsoDate;
  /** Overdue: working days past the deadline up to today. Due: working days left after today. */
  workingDays: number | undefined;
  /** 延期告知日期 after the original deadline: not counted (see Deadline). */
  lateExtension?: IsoDate;
}

export interface LateReply extends DueItem {
  replied: IsoDate;
}

export interface DueReport {
  today: IsoDate;
  within: number;
  /** Open, and the deadline has passed. */
  overdue: DueItem[];
  /** Open, due today or within `within` working days after today. */
  dueSoon: DueItem[];
  /** Open, the period standing still (补正 not back, consultation under way). */
  paused: { application: Application; deadline: Extract<Deadline, { status: "awaiting-correction" | "consulting" }> }[];
  /** Open, the deadline falls in a year the calendar does not cover. */
  unknown: { application: Application; year: number }[];
  /** Answered after the deadline. */
  lateReplies: LateReply[];
}

/**
 * Deadlines as of `today` (a parameter: the library never reads the clock). Applications
 * received after `today` are left out, as are answered ones except those answered late.
 */
export function dueReport(apps: readonly Application[], opts: { today: IsoDate; within?: number; calendar: WorkCalendar }): DueReport {
  const { today, calendar } = opts;
  const within = opts.within ?? 5;
  const out: DueReport = { today, within, overdue: [], dueSoon: [], paused: [], unknown: [], lateReplies: [] };
  for (const a of apps) {
    if (a.received > today) continue;
    if (a.replied && a.replied <= today) {
      const d = deadlineOf(a, calendar);
      if (d.status === "known" && a.replied > d.deadline) {
        out.lateReplies.push({ application: a, deadline: d.deadline, replied: a.replied, workingDays: workingDaysBetween(d.deadline, a.replied, calendar), ...late(d) });
      }
      continue;
    }
    const d = deadlineOf(a, calendar);
    if (d.status === "unknown-calendar") out.unknown.push({ application: a, year: d.year });
    else if (d.status !== "known") out.paused.push({ application: a, deadline: d });
    else if (d.deadline < today) out.overdue.push({ application: a, deadline: d.deadline, workingDays: workingDaysBetween(d.deadline, today, calendar), ...late(d) });
    else {
      const left = workingDaysBetween(today, d.deadline, calendar);
      if (left !== undefined && left <= within) out.dueSoon.push({ application: a, deadline: d.deadline, workingDays: left });
    }
  }
  const byDeadline = (x: DueItem, y: DueItem) => (x.deadline < y.deadline ? -1 : x.deadline > y.deadline ? 1 : x.application.id.localeCompare(y.application.id));
  out.overdue.sort(byDeadline);
  out.dueSoon.sort(byDeadline);
  out.lateReplies.sort(byDeadline);
  return out;
}

function late(d: Extract<Deadline, { status: "known" }>): { lateExtension?: IsoDate } {
  return d.lateExtension ? { lateExtension: d.lateExtension } : {};
}

/** Open applications past their deadline on `today`, oldest deadline first. */
export function overdue(apps: readonly Application[], today: IsoDate, calendar: WorkCalendar): DueItem[] {
  return dueReport(apps, { today, calendar }).overdue;
}

/** Open applications due today or within `n` working days after `today`. */
export function dueWithin(apps: readonly Application[], today: IsoDate, n: number, calendar: WorkCalendar): DueItem[] {
  return dueReport(apps, { today, within: n, calendar }).dueSoon;
}
