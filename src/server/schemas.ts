// JSON schemas shared by the routes (request and response): the OpenAPI document is made of them.

export const nullable = (type: string) => ({ type: [type, "null"] });

export const USER_SCHEMA = {
  type: "object",
  properties: {
    id: { type: "integer" },
    login: { type: "string" },
    displayName: { type: "string" },
    role: { type: "string", enum: ["admin", "reviewer", "filer"] },
    agencyId: nullable("integer"),
    scopeAgencyId: nullable("integer"),
    mustChangePassword: { type: "boolean" },
  },
  required: ["id", "login", "displayName", "role", "agencyId", "scopeAgencyId"],
} as const;

export const ADMIN_USER_SCHEMA = {
  type: "object",
  properties: {
    ...USER_SCHEMA.properties,
    disabled: { type: "boolean" },
    lastLoginAt: nullable("string"),
    createdAt: { type: "string" },
  },
  required: [...USER_SCHEMA.required, "disabled"],
} as const;

/** The list's filters (api.md), as query-string schema. */
export const REPORT_FILTERS = {
  year: { type: "integer", minimum: 1990, maximum: 2100 },
  agencyId: { type: "integer", minimum: 1 },
  regionId: { type: "integer", minimum: 1 },
  template: { type: "string", enum: ["2019", "2021"] },
  status: { type: "string", enum: ["error", "warning", "clean", "unread", "failed"] },
  review: { type: "string", enum: ["pending", "approved", "returned"] },
  q: { type: "string", maxLength: 100 },
} as const;

export const REPORT_ROW = {
  type: "object",
  properties: {
    id: nullable("integer"),
    agency: nullable("string"),
    agencyId: nullable("integer"),
    year: nullable("integer"),
    template: nullable("string"),
    format: nullable("string"),
    file: { type: "string" },
    title: nullable("string"),
    errors: { type: "integer" },
    warnings: { type: "integer" },
    infos: { type: "integer" },
    review: { type: "string", enum: ["pending", "approved", "returned"] },
    importedAt: { type: "string" },
    error: { type: "string" },
  },
  required: ["id", "agency", "agencyId", "year", "template", "format", "file", "errors", "warnings", "infos", "review", "importedAt"],
} as const;

export const DECISION = {
  type: "object",
  properties: { verdict: { type: "string", enum: ["confirmed", "dismissed"] }, note: { type: "string" }, user: nullable("string"), at: { type: "string" } },
  required: ["verdict", "note", "user", "at"],
} as const;

export const REVIEW = {
  type: "object",
  properties: { state: { type: "string", enum: ["approved", "returned"] }, note: { type: "string" }, user: nullable("string"), at: { type: "string" } },
  required: ["state", "note", "user", "at"],
} as const;

export const JOB = {
  type: "object",
  properties: {
    id: { type: "string" },
    state: { type: "string", enum: ["running", "done", "failed"] },
    total: { type: "integer" },
    done: { type: "integer" },
    items: {
      type: "array",
      items: {
        type: "object",
        properties: {
          name: { type: "string" },
          status: { type: "string", enum: ["queued", "reading", "stored", "duplicate", "unreadable", "refused"] },
          reportIds: { type: "array", items: { type: "integer" } },
          error: { type: "string" },
        },
        required: ["name", "status", "reportIds"],
      },
    },
  },
  required: ["id", "state", "total", "done", "items"],
} as const;

export const ID_PARAM = { type: "object", properties: { id: { type: "integer", minimum: 1 } }, required: ["id"] } as const;
