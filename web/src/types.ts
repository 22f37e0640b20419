/** A finding as the report JSON gives it (message filled in by the server). */
export interface FindingJson {
  rule: string;
  origin: string;
  severity: "error" | "warning" | "info";
  messageId: string;
  message: string;
  data: Record<string, unknown>;
  cells: string[];
  formula?: string;
  left?: number;
  right?: number;
  difference?: number;
  source?: Record<string, unknown>;
}

export interface Decision {
  verdict: "confirmed" | "dismissed";
  note: string;
  user: string | null;
  at: string;
}
