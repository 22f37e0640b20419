import type { IsoDate } from "./dates.js";

/**
 * One application for government information (依申请公开), one line of the agency's register
 * (台账). Keys of `applicantType`, `outcome` and the review fields are the canonical keys of the
 * report template (src/templates): table 3's applicant columns and result rows, table 4's rows
 * and result columns, so that the annual tables are counted straight from the register.
 */
export interface Application {
  /** 登记编号: unique within the register. */
  id: string;
  /** 收到申请之日 as 《政府信息公开条例》第三十一条 fixes it for the channel (see CHANNELS). */
  received: IsoDate;
  channel: ChannelKey;
  /** Table 3 applicant column: natural_person, commercial, research, social_org, legal_service, other_org. */
  applicantType: string;
  /** 申请人 name (optional: the tables do not need it). */
  applicant?: string;
  /** 申请内容: what was asked for. */
  request: string;
  /** 补正告知日期 (第三十条: within 7 working days of receipt). */
  correctionRequested?: IsoDate;
  /** 补正收到日期: the reply period runs again from this day (第三十条). */
  correctionReceived?: IsoDate;
  /** 延期告知日期 (第三十三条第二款). */
  extendedOn?: IsoDate;
  /** 延长的工作日数, 1–20; 20 when an extension is given without a number. */
  extensionDays?: number;
  /** 征求第三方或其他机关意见: time not counted in the reply period (第三十三条第三款). */
  consultations: Consultation[];
  /** Table 3 result row key of the template in force in the year of the reply. */
  outcome?: string;
  /** 答复日期. */
  replied?: IsoDate;
  /** 行政复议 and 行政诉讼 brought over this application (table 4). */
  reviews: Review[];
  note?: string;
}

export interface Consultation {
  /** The day the request for opinion was sent. */
  start: IsoDate;
  /** The day the opinion came back; absent while still waiting. */
  end?: IsoDate;
}

export interface Review {
  /** Table 4 row: reconsideration, suit_direct, suit_after. */
  group: string;
  /** 复议申请日期 / 起诉日期: the year it counts in. */
  filed: IsoDate;
  /** Table 4 result column: upheld, corrected, other, pending. */
  result: string;
  /** 结案日期; a result decided after 12-31 is 尚未审结 in that year's table. */
  decided?: IsoDate;
}

export type ChannelKey = "in_person" | "mail" | "ordinary_mail" | "online" | "email" | "fax";

export interface ChannelDef {
  key: ChannelKey;
  label: string;
  variants: string[];
  /** Which day is 收到申请之日 for this channel (第三十一条). */
  receipt: string;
}

/**
 * The ways an application arrives and the day each counts as received, from 《政府信息公开条例》
 * 第三十一条 (an e-mail is an internet channel, item 3).
 */
export const CHANNELS: readonly ChannelDef[] = [
  { key: "in_person", label: "当面", variants: ["当面提交", "现场", "现场提交", "窗口", "口头"], receipt: "提交之日（第三十一条第一项）" },
  { key: "mail", label: "邮寄", variants: ["信函", "快递", "挂号信", "邮政", "邮寄（签收）"], receipt: "行政机关签收之日（第三十一条第二项）" },
  {
    key: "ordinary_mail",
    label: "平常信函",
    variants: ["平信", "平邮"],
    receipt: "政府信息公开工作机构收到当日与申请人确认，确认之日（第三十一条第二项）",
  },
  { key: "online", label: "网络", variants: ["互联网", "网上", "网上申请", "在线", "网络平台", "网上申请平台", "互联网渠道"], receipt: "双方确认之日（第三十一条第三项）" },
  { key: "email", label: "电子邮件", variants: ["邮件", "电子信箱", "email", "e-mail"], receipt: "双方确认之日（第三十一条第三项，电子邮件属互联网渠道）" },
  { key: "fax", label: "传真", variants: [], receipt: "双方确认之日（第三十一条第三项）" },
];

export function channelByKey(key: string): ChannelDef | undefined {
  return CHANNELS.find((c) => c.key === key);
}
