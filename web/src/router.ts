import { createRouter, createWebHistory } from "vue-router";
import { api, session, whenUnauthenticated, type User } from "./api";

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: "/", redirect: "/reports" },
    { path: "/login", name: "login", component: () => import("./pages/Login.vue"), meta: { public: true, title: "登录" } },
    { path: "/password", name: "password", component: () => import("./pages/ChangePassword.vue"), meta: { title: "修改密码" } },
    { path: "/upload", name: "upload", component: () => import("./pages/Upload.vue"), meta: { title: "上传与检查" } },
    { path: "/reports", name: "reports", component: () => import("./pages/Reports.vue"), meta: { title: "报告列表" } },
    { path: "/reports/:id(\\d+)", name: "report", component: () => import("./pages/ReportDetail.vue"), meta: { title: "报告详情" } },
    { path: "/exports", name: "exports", component: () => import("./pages/Exports.vue"), meta: { title: "导出" } },
    { path: "/users", name: "users", component: () => import("./pages/Users.vue"), meta: { title: "用户管理", admin: true } },
    { path: "/audit", name: "audit", component: () => import("./pages/Audit.vue"), meta: { title: "操作日志", admin: true } },
    { path: "/:rest(.*)*", name: "missing", component: () => import("./pages/Missing.vue"), meta: { title: "页面不存在" } },
  ],
});

whenUnauthenticated(() => {
  const here = router.currentRoute.value;
  if (here.name !== "login") void router.push({ name: "login", query: { next: here.fullPath } });
});

router.beforeEach(async (to) => {
  if (!session.checked) {
    try {
      const me = await api<{ user: User; csrfToken: string }>("GET", "/api/auth/me");
      session.user = me.user;
      session.csrf = me.csrfToken;
    } catch {
      session.user = null;
    }
    session.checked = true;
  }
  if (to.meta.public) return true;
  if (!session.user) return { name: "login", query: { next: to.fullPath } };
  if (session.user.mustChangePassword && to.name !== "password") return { name: "password", query: { next: to.fullPath } };
  if (to.meta.admin && session.user.role !== "admin") return { name: "reports" };
  return true;
});

router.afterEach((to) => {
  document.title = `${(to.meta.title as string) ?? ""} · 年报审核`;
});
