"""The html report's style sheet: inline, so the page is one file that needs no network."""

CSS = """
:root{color-scheme:light;--fg:#1d1d1f;--muted:#5f6368;--line:#d9dce1;--ok:#1b7f3b;--bad:#b3261e;--bg2:#f5f6f8}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--fg);background:#fff}
main{max-width:1100px;margin:0 auto;padding:24px 20px 60px}
h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.25em;margin:1.8em 0 .6em;border-bottom:2px solid var(--line);padding-bottom:.2em}
h3{font-size:1.05em;margin:1.2em 0 .4em}
p,li,td,th,figcaption{overflow-wrap:break-word}
code{font:12px/1.4 ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;word-break:break-all}
.muted{color:var(--muted)}.note{background:#fff4e5;border-left:4px solid #b28704;padding:6px 10px}
nav a{margin-right:1em}
table{width:100%;border-collapse:collapse;margin:.4em 0 1em;font-size:13.5px}
th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:var(--bg2);font-weight:600;white-space:nowrap}
.nw{white-space:nowrap}
td.n,th.n{text-align:right;white-space:nowrap}
tr.short td{background:#eaf6ee}tr.out td{color:var(--muted)}
.st{display:inline-block;font-size:.85em;font-weight:600;white-space:nowrap;color:var(--muted)}.st-shortlisted{color:var(--ok)}
.flags li{color:var(--bad);font-weight:600}
.cities{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(440px,100%),1fr));gap:8px 20px}
.city{border:1px solid var(--line);border-radius:6px;padding:4px 10px 8px;min-width:0}
.city.flagged{border-color:var(--bad)}
.figs{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(480px,100%),1fr));gap:10px 24px}
figure{margin:0;min-width:0}figcaption{font-weight:600;font-size:14px}
svg.chart{display:block;max-width:100%;height:auto}
svg .lbl{font-size:12px;fill:var(--fg)}svg .val{font-size:12px;fill:var(--muted)}
svg .max{fill:#e3e6ea}svg .got{fill:#2f6fb3}svg .axis{stroke:#999}
svg.tiers{max-width:520px}
.applicant{border-top:1px solid var(--line);padding-top:4px}
.badge{display:inline-block;padding:0 6px;border-radius:4px;background:var(--bg2);font-weight:600}
.badge.ok{background:#dff3e4;color:var(--ok)}.badge.bad{background:#fbe4e2;color:var(--bad)}
details{margin:.3em 0}summary{cursor:pointer;color:var(--muted)}
th button.sort{font:inherit;color:inherit;background:none;border:0;padding:0;margin:0;cursor:pointer;text-align:inherit;white-space:inherit}
th button.sort:focus-visible{outline:2px solid #2f6fb3;outline-offset:2px}
th[aria-sort=ascending] button.sort::after{content:" \\25B2";font-size:.75em}
th[aria-sort=descending] button.sort::after{content:" \\25BC";font-size:.75em}
.filters{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center;margin:.4em 0}
.filters[hidden],.js-only[hidden]{display:none}
.filters input,.filters select{font:inherit;font-size:14px;padding:3px 6px;max-width:100%;min-width:0}
.filters input{flex:1 1 14em}
@media (max-width:640px){main{padding:14px 8px 40px}table{font-size:12px}th,td{padding:3px 3px}
th,.nw{white-space:normal}#manifest td,#sensitivity td{overflow-wrap:anywhere}
#ranked th:nth-child(5),#ranked td:nth-child(5),#ranked th:nth-child(8),#ranked td:nth-child(8){display:none}}
@media print{details{display:block}details>summary{display:none}
details::details-content{content-visibility:visible;display:block}
nav,.filters,.js-only{display:none}.applicant{break-inside:avoid}a{color:inherit;text-decoration:none}}
"""
