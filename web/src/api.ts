import { reactive } from "vue";

/** The signed-in user as /api/auth/me gives it. */
export interface User {
  id: number;
  login: string;
  displayName: string;
  role: "admin" | "reviewer" | "filer";
  agencyId: number | null;
  scopeAgencyId: number | null;
  mustChangePassword?: boolean;
}

export const session = reactive<{ user: User | null; csrf: string; checked: boolean }>({ user: null, csrf: "", checked: false });

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Called when the server says the session is gone: the app shows the login page, keeping the path. */
let onUnauthenticated: () => void = () => {};
export function whenUnauthenticated(fn: () => void): void {
  onUnauthenticated = fn;
}

/** A JSON call to the API: the CSRF token on every state-changing request, errors as ApiError with the server's Chinese message. */
export async function api<T = unknown>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && session.csrf) headers["x-csrf-token"] = session.csrf;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network", "无法连接服务器，请检查网络后重试");
  }
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const err = new ApiError(res.status, data?.error?.code ?? "http", data?.error?.message ?? `请求失败（${res.status}）`);
    if (res.status === 401 && !url.endsWith("/api/auth/login")) {
      session.user = null;
      onUnauthenticated();
    }
    throw err;
  }
  return data as T;
}

/** The query string of a filter object, leaving out empty values. */
export function query(params: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** Uploads files with progress (XMLHttpRequest: fetch has no upload progress); names are the relative paths. */
export function uploadFiles(files: { file: File; name: string }[], onProgress: (fraction: number) => void): Promise<{ jobId: string }> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const f of files) form.append("files", f.file, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/uploads");
    xhr.setRequestHeader("x-csrf-token", session.csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let data: { jobId?: string; error?: { code: string; message: string } } | null = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status === 202 && data?.jobId) return resolve({ jobId: data.jobId });
      if (xhr.status === 401) {
        session.user = null;
        onUnauthenticated();
      }
      reject(new ApiError(xhr.status, data?.error?.code ?? "http", data?.error?.message ?? `上传失败（${xhr.status}）`));
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "上传中断：无法连接服务器"));
    xhr.send(form);
  });
}

export const ROLE_NAME = { admin: "管理员", reviewer: "审核人", filer: "填报人" } as const;
export const SEVERITY_NAME = { error: "错误", warning: "警告", info: "提示" } as const;
export const REVIEW_NAME = { pending: "待审核", approved: "审核通过", returned: "退回修改" } as const;
export const FORMAT_NAME: Record<string, string> = { text: "纯文本", markdown: "Markdown", html: "网页", docx: "Word（DOCX）", doc: "Word（DOC/WPS）", pdf: "PDF", image: "图片", json: "报告 JSON" };

export function when(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
