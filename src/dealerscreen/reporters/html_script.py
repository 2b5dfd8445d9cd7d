"""The html report's one inline script (no network): print, sort and filter.

- Printing or saving as PDF opens every closed <details> (a closed one prints closed),
  and closes them again afterwards.
- A table with class "sortable" gets a button in each heading: a click (or Enter/Space,
  it is a button) sorts by that column, again to reverse; `aria-sort` says which way.
  Numeric columns (class "n") sort as numbers, by a cell's `data-v` when it has one; a
  cell with no number ("-") sorts last either way; equal keys keep their order.
- The filter box (`#filters`, hidden until the script shows it) keeps the rows of its
  table that contain the text typed and match every select (`data-city`, `data-tier`,
  `data-status` on each row), and says how many rows are shown; typing into a table of
  more than 5,000 rows waits for a pause, so each key does not scan them all.
With scripts off the page is the same complete report, minus the buttons and the box.
"""

TABLE_SCRIPT = """<script>
(function(){
var d=document,each=function(list,f){Array.prototype.forEach.call(list,f)};
addEventListener("beforeprint",function(){each(d.querySelectorAll("details:not([open])"),
function(x){x.setAttribute("open","");x.setAttribute("data-print","")})});
addEventListener("afterprint",function(){each(d.querySelectorAll("details[data-print]"),
function(x){x.removeAttribute("open");x.removeAttribute("data-print")})});
var lang=d.documentElement.lang;
function key(cell,num){var v=cell.getAttribute("data-v");if(v===null)v=cell.textContent.trim();
if(!num)return v;var n=parseFloat(v);return isNaN(n)?null:n}
each(d.querySelectorAll("table.sortable"),function(t){
var heads=t.tHead.rows[0].cells,body=t.tBodies[0];
each(heads,function(h,i){
var b=d.createElement("button");b.type="button";b.className="sort";
while(h.firstChild)b.appendChild(h.firstChild);h.appendChild(b);h.setAttribute("aria-sort","none");
b.addEventListener("click",function(){
var up=h.getAttribute("aria-sort")!=="ascending",num=h.classList.contains("n");
each(heads,function(x){x.setAttribute("aria-sort","none")});
h.setAttribute("aria-sort",up?"ascending":"descending");
var rows=Array.prototype.map.call(body.rows,function(r,j){return [key(r.cells[i],num),j,r]});
rows.sort(function(a,c){if(a[0]===c[0])return a[1]-c[1];if(a[0]===null)return 1;if(c[0]===null)return -1;
var s=num?a[0]-c[0]:a[0].localeCompare(c[0],lang);return (up?s:-s)||a[1]-c[1]});
var f=d.createDocumentFragment();rows.forEach(function(r){f.appendChild(r[2])});body.appendChild(f)})})});
var box=d.getElementById("filters");if(!box)return;
var t=d.getElementById(box.getAttribute("data-for")),q=box.querySelector("input"),
sels=box.querySelectorAll("select"),out=d.getElementById("shown"),timer=0;
box.hidden=false;each(d.querySelectorAll(".js-only"),function(x){x.hidden=false});
function apply(){var words=q.value.trim().toLowerCase(),n=0,rows=t.tBodies[0].rows;
each(rows,function(r){if(r._t===undefined)r._t=r.textContent.toLowerCase();
var ok=!words||r._t.indexOf(words)>=0;
each(sels,function(s){if(s.value&&r.getAttribute("data-"+s.name)!==s.value)ok=false});
r.hidden=!ok;if(ok)n++});
out.textContent=out.getAttribute("data-template").replace("{n}",n).replace("{total}",rows.length)}
q.addEventListener("input",function(){clearTimeout(timer);
if(t.tBodies[0].rows.length>5000)timer=setTimeout(apply,150);else apply()});
each(sels,function(s){s.addEventListener("change",apply)});apply()})();
</script>"""
