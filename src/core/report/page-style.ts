/**
 * The stylesheet inlined into every page (no external files: pages work from file:// and any static host).
 * Colours are checked for WCAG AA contrast by the browser tests, in light and dark schemes. Tables turn into
 * stacked cards on narrow screens, so a phone never scrolls sideways.
 */
export const PAGE_STYLE = `
:root{--bg:#fff;--fg:#1f2328;--muted:#57606a;--border:#d0d7de;--surface:#f6f8fa;--link:#0550ae;--focus:#0969da;
--ok-bg:#dafbe1;--ok-fg:#0f5323;--bad-bg:#ffebe9;--bad-fg:#82071e;--none-bg:#eaeef2;--none-fg:#3d444d;
--badge-bg:#ddf4ff;--badge-fg:#0a3069;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9ea7b3;--border:#3d444d;
--surface:#161b22;--link:#71b7ff;--focus:#71b7ff;--ok-bg:#0f2d1b;--ok-fg:#7ee2a8;--bad-bg:#3c1216;--bad-fg:#ffa198;
--none-bg:#262c36;--none-fg:#d1d7e0;--badge-bg:#0c2d6b;--badge-fg:#cae8ff}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
"Helvetica Neue",Arial,sans-serif;overflow-wrap:break-word}
a{color:var(--link)}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
code,pre,.long{overflow-wrap:anywhere}
.nowrap{white-space:nowrap}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.875em}
pre{background:var(--surface);border:1px solid var(--border);border-radius:6px;padding:.75rem;
white-space:pre-wrap;overflow-wrap:anywhere;margin:.5rem 0}
h1,h2,h3,h4{line-height:1.25;margin:1.5rem 0 .5rem}
h1{font-size:1.75rem;margin-top:1rem}
h2{font-size:1.375rem;padding-bottom:.25rem;border-bottom:1px solid var(--border)}
h3{font-size:1.125rem}
h4{font-size:1rem}
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
.skip-link{position:absolute;left:.5rem;top:-3rem;background:var(--bg);color:var(--link);padding:.5rem;z-index:1}
.skip-link:focus{top:.5rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;
clip:rect(0 0 0 0);white-space:nowrap;border:0}
.site-header{border-bottom:1px solid var(--border);background:var(--surface)}
.site-header .wrap{padding-top:.75rem;padding-bottom:.75rem}
.site-name{font-weight:600;text-decoration:none;color:var(--fg)}
.breadcrumb ol{list-style:none;margin:.75rem auto 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
.breadcrumb li+li::before{content:"/";color:var(--muted);margin-right:.25rem}
.site-footer{margin-top:3rem;border-top:1px solid var(--border);color:var(--muted);font-size:.875rem}
.site-footer .wrap{padding-top:1rem;padding-bottom:1.5rem}
.lead{color:var(--muted);margin-top:0}
.stats{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;list-style:none;padding:0;margin:1rem 0}
.stats strong{font-size:1.25rem}
.badge,.chip,.status{display:inline-block;border-radius:999px;padding:0 .5rem;font-size:.8125rem;font-weight:600;
line-height:1.5rem;white-space:nowrap;vertical-align:middle}
.badge{background:var(--badge-bg);color:var(--badge-fg)}
.chip{background:var(--surface);border:1px solid var(--border);color:var(--fg);font-weight:400}
.status-ok{background:var(--ok-bg);color:var(--ok-fg)}
.status-bad{background:var(--bad-bg);color:var(--bad-fg)}
.status-none{background:var(--none-bg);color:var(--none-fg)}
.chips,.plain-list{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.25rem}
.plain-list{display:block}
.plain-list li+li{margin-top:.25rem}
.tree,.tree ul{list-style:none;margin:0;padding-left:1.25rem}
.tree{padding-left:0}
.tree ul{border-left:2px solid var(--border);margin-left:.4rem;padding-left:.85rem}
.tree li{margin:.25rem 0}
.note{color:var(--muted)}
table{width:100%;border-collapse:collapse;margin:.5rem 0 1rem}
table.compact{width:auto;min-width:min(100%,24rem)}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid var(--border)}
thead th{background:var(--surface);font-size:.875rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:.5rem 0 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;min-width:0}
.copyable{display:inline-flex;align-items:center;gap:.35rem;max-width:100%}
.copyable code{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;min-width:0}
.copyable.short code{max-width:15ch}
button{font:inherit;font-size:.8125rem;color:var(--fg);background:var(--surface);border:1px solid var(--border);
border-radius:6px;padding:.1rem .5rem;cursor:pointer}
button:hover{border-color:var(--muted)}
.filter{margin:1rem 0}
.filter label{display:block;font-weight:600;margin-bottom:.25rem}
.filter input{font:inherit;width:100%;max-width:28rem;padding:.4rem .6rem;color:var(--fg);background:var(--bg);
border:1px solid var(--muted);border-radius:6px}
.filter p{margin:.25rem 0 0;color:var(--muted);font-size:.875rem}
.image{margin-top:2rem}
.message{margin:.25rem 0 0;font-size:.8125rem}
[hidden]{display:none!important}
@media (max-width:40rem){
h1{font-size:1.5rem}
table.stack,table.stack tbody,table.stack tr,table.stack th,table.stack td{display:block;width:auto}
table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.stack tr{border:1px solid var(--border);border-radius:6px;margin-bottom:.75rem;padding:.25rem .5rem}
table.stack th,table.stack td{border:0;padding:.25rem 0}
table.stack td[data-label]::before{content:attr(data-label);display:block;font-size:.75rem;font-weight:600;
color:var(--muted)}
dl.facts{grid-template-columns:1fr;gap:.1rem}
dl.facts dd{margin-bottom:.5rem}
}
`.trim();
