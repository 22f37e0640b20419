import type { Report } from "../model/report.js";
import type { CellStyle } from "./cells.js";
import { encodeGbk } from "./gbk.js";
import { htmlFragment } from "./html-fragment.js";
import { cellText, layoutReport, slotGrid, type LayoutCell, type LayoutReport, type LayoutTable } from "./layout.js";

/**
 * A report as the page a government portal publishes: navigation, sidebar, breadcrumb, the
 * article with the six sections and the three tables (Word-pasted markup with rowspan/colspan),
 * related links, footer and scripts. Returns the bytes in the encoding asked for.
 */
export interface HtmlOptions extends CellStyle {
  /**
   * `plain` (default): a whole portal page, as crawled. `official`: the published report as an
   * HTML fragment for a site's content editor, inline styles only (html-fragment.ts).
   */
  profile?: "plain" | "official";
  /** `gbk` writes GBK bytes and declares `charset=gb2312`, as older portals do. */
  encoding?: "utf-8" | "gbk";
  /** Keep merged cells (rowspan/colspan). Off: every grid slot is its own empty cell. Default on. */
  merged?: boolean;
  /** Break narrow header labels with `<br />` (`本年新<br />制作数量`). */
  splitHeaders?: boolean;
  /** Put a table's leading header rows in `<thead>`, which browsers repeat on every printed page. */
  repeatHeader?: boolean;
}

export function renderHtml(r: Report, opts: HtmlOptions = {}): Uint8Array {
  const html = opts.profile === "official" ? htmlFragment(r, opts) : htmlPage(r, opts);
  if (opts.encoding === "gbk") return encodeGbk(html, (cp) => `&#${cp};`);
  return new TextEncoder().encode(html);
}

/** The page as a string (its meta tag names the encoding `renderHtml` will write). */
export function htmlPage(r: Report, opts: HtmlOptions = {}): string {
  const doc = layoutReport(r, opts);
  const site = siteName(r);
  const charset = opts.encoding === "gbk" ? "gb2312" : "utf-8";
  const date = publishDate(r);
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=${charset}" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<title>${esc(doc.title)}_${esc(site)}</title>
<meta name="SiteName" content="${esc(site)}" />
<meta name="ColumnName" content="政府信息公开年报" />
<meta name="ArticleTitle" content="${esc(doc.title)}" />
<meta name="PubDate" content="${date} 09:30" />
<link rel="stylesheet" type="text/css" href="/css/style.css" />
<style type="text/css">
.main{width:1200px;margin:0 auto}.sidebar{float:left;width:240px}.content{float:right;width:930px}
.TRS_Editor table{border-collapse:collapse}.TRS_Editor td{border:1px solid #000;padding:2px 4px}
</style>
<script type="text/javascript" src="/js/jquery-1.8.3.min.js"></script>
<script type="text/javascript">
var _hmt = _hmt || [];
(function () { var hm = document.createElement("script"); hm.src = "https://hm.baidu.com/hm.js?0123456789abcdef"; var s = document.getElementsByTagName("script")[0]; s.parentNode.insertBefore(hm, s); })();
var articleTitle = "${jsString(doc.title)}";
if (window.innerWidth < 768 && 1 < 2) { document.write("<link rel='stylesheet' href='/css/m.css' />"); }
</script>
</head>
<body>
<div class="top-bar"><div class="main"><span class="date" id="today"></span><a href="javascript:void(0)" id="jt">简体</a> | <a href="javascript:void(0)" id="ft">繁體</a> | <a href="/wza/">无障碍浏览</a> | <a href="/m/">手机版</a></div></div>
<div class="header"><div class="main"><div class="logo"><a href="/"><img src="/images/logo.png" alt="${esc(site)}" /></a><span>${esc(site)}</span></div>
<form class="search" action="/search/" method="get"><input type="text" name="q" value="请输入关键字" /><input type="submit" value="搜索" /></form></div></div>
<div class="nav"><ul class="main">
<li><a href="/">首页</a></li><li><a href="/zwdt/">政务动态</a></li><li class="on"><a href="/zfxxgk/">政府信息公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zjxq/">走进${esc(site.replace(/人民政府$/, ""))}</a></li>
</ul></div>
<div class="main">
<div class="sidebar">
<h3>政府信息公开</h3>
<ul>
<li><a href="/zfxxgk/zn/">政府信息公开指南</a></li>
<li><a href="/zfxxgk/zd/">政府信息公开制度</a></li>
<li><a href="/zfxxgk/fdzdgknr/">法定主动公开内容</a></li>
<li class="cur"><a href="/zfxxgk/nb/">政府信息公开年报</a></li>
<li><a href="/zfxxgk/ysqgk/">依申请公开</a></li>
</ul>
<h3>热点专题</h3>
<ul><li><a href="/ztzl/yshj/">优化营商环境</a></li><li><a href="/ztzl/xczx/">乡村振兴</a></li></ul>
</div>
<div class="content">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; <a href="/zfxxgk/nb/">政府信息公开年报</a></div>
<div class="article">
<h1 class="article-title">${esc(doc.title)}</h1>
<div class="article-info">发布时间：${date} &nbsp;&nbsp; 来源：${esc(site)}办公室 &nbsp;&nbsp; 浏览次数：<span id="hits"></span> &nbsp;&nbsp; 【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</div>
<div class="article-content" id="zoom"><div class="TRS_Editor">
${articleBody(doc, opts)}</div></div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="related"><h4>相关链接</h4><ul><li><a href="/zfxxgk/nb/">政府信息公开工作年度报告专栏</a></li><li><a href="/zfxxgk/zn/">政府信息公开指南</a></li></ul></div>
</div>
</div>
</div>
<div class="footer"><div class="main">
<p>主办单位：${esc(site)}办公室 &nbsp; 承办单位：${esc(site)}信息中心</p>
<p>网站标识码：3600000000 &nbsp; <a href="https://beian.miit.gov.cn/">ICP备00000000号</a> &nbsp; 公网安备 00000000000000号</p>
<p>版权所有 &#169; ${esc(site)} &nbsp; 建议使用1920×1080分辨率浏览</p>
</div></div>
<script type="text/javascript">
document.getElementById("today").innerHTML = new Date().toLocaleDateString();
function doZoom(size) { document.getElementById("zoom").style.fontSize = size + "px"; }
$(function () { $.get("/api/hits?id=1", function (n) { $("#hits").text(n); }); });
</script>
</body>
</html>
`;
}

function articleBody(doc: LayoutReport, opts: HtmlOptions): string {
  const out: string[] = [];
  for (const s of doc.sections) {
    out.push(`<p style="text-indent:2em;"><strong>${esc(s.heading)}</strong></p>`);
    for (const p of s.paragraphs) out.push(`<p style="text-indent:2em;">${esc(p)}</p>`);
    if (s.table) out.push(table(s.table, opts));
  }
  return out.join("\n") + "\n";
}

function table(t: LayoutTable, opts: HtmlOptions): string {
  const split = opts.splitHeaders === true;
  const rows =
    opts.merged === false
      ? slotGrid(t).map((row) => row.map((s) => td(s.fromAbove || s.fromLeft ? null : s.cell, 1, 1, split)).join(""))
      : t.rows.map((row) => row.map((c) => td(c, c.rowspan, c.colspan, split)).join(""));
  const head = opts.repeatHeader ? headerRowCount(t) : 0;
  const section = (tag: string, rs: string[]) => (rs.length ? `<${tag}>\n${rs.map((r) => `<tr>${r}</tr>`).join("\n")}\n</${tag}>\n` : "");
  return `<table border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse;">
${section("thead", rows.slice(0, head))}${section("tbody", rows.slice(head))}</table>`;
}

/** Leading rows made only of column headers (and the corner cell beside them). */
function headerRowCount(t: LayoutTable): number {
  let n = 0;
  while (n < t.rows.length && t.rows[n]!.length > 0 && t.rows[n]!.every((c) => c.role === "header" || c.role === "corner")) n++;
  // A table of nothing but headers has no body to repeat them over.
  return n < t.rows.length ? n : 0;
}

/** A Word-pasted cell: the text in a centred paragraph and a font span; an empty cell holds `&nbsp;`. */
function td(c: LayoutCell | null, rowspan: number, colspan: number, split: boolean): string {
  const attrs = `${rowspan > 1 ? ` rowspan="${rowspan}"` : ""}${colspan > 1 ? ` colspan="${colspan}"` : ""}`;
  const text = c ? cellText(c, split) : "";
  const body = text === "" ? "&nbsp;" : text.split("\n").map(esc).join("<br />");
  const align = c && (c.role === "label" || c.role === "corner") && text.length > 8 ? "left" : "center";
  return `<td${attrs} valign="middle"><p align="${align}"><span style="font-family:宋体;font-size:10.5pt;">${body}</span></p></td>`;
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function jsString(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/</g, "\\x3c");
}

/** The portal's name: the agency's people's government, or the agency itself. */
function siteName(r: Report): string {
  const a = r.meta.agency ?? "";
  const gov = /^(.*?[省市县区镇乡])/.exec(a);
  return gov ? `${gov[1]}人民政府` : a || "人民政府门户网站";
}

/** Reports are published in January of the following year (Art. 49). */
function publishDate(r: Report): string {
  const year = (r.meta.year ?? 2020) + 1;
  const day = 10 + ([...(r.meta.agency ?? "")].reduce((s, ch) => s + ch.charCodeAt(0), 0) % 20);
  return `${year}-01-${String(day).padStart(2, "0")}`;
}
