/* render_html_assets.c - the reference site's stylesheet and scripts.
 *
 * Kept in the program so that `smtpreply site` needs no data files: the
 * site is written whole from the binary and the library. Light and dark
 * follow the reader's setting; text stays within the screen's width on a
 * phone; print drops navigation. The script only filters the generated
 * index: every page reads the same without it. */
#include "html.h"

static const char *const site_css[] = {
	":root{--bg:#fff;--fg:#1b1b1f;--muted:#4a4a55;--line:#d6d6de;--accent:#0b57d0;",
	"--code-bg:#f1f3f8;--note:#fff4d6;--note-fg:#4a3800}\n",
	"@media (prefers-color-scheme:dark){:root{--bg:#15161a;--fg:#e9e9ee;--muted:#b8b8c4;",
	"--line:#3a3b44;--accent:#8ab4ff;--code-bg:#23252c;--note:#3b3220;--note-fg:#f5e3b3}}\n",
	"*{box-sizing:border-box}\n",
	"html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n",
	"body{margin:0;background:var(--bg);color:var(--fg);",
	"font:1rem/1.6 system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans CJK KR',",
	"'Noto Sans CJK JP',sans-serif;overflow-wrap:anywhere}\n",
	"main,header.top,footer{max-width:46rem;margin:0 auto;padding:0 1rem}\n",
	"header.top{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;",
	"justify-content:space-between;padding-top:.75rem;padding-bottom:.75rem;",
	"border-bottom:1px solid var(--line)}\n",
	".brand{font-weight:600;color:var(--fg);text-decoration:none}\n",
	"nav.langs ul,nav.toc ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .9rem}\n",
	"nav.langs a[aria-current]{font-weight:700;text-decoration:none;color:var(--fg)}\n",
	"a{color:var(--accent)}\n",
	"a:focus-visible,input:focus-visible{outline:3px solid var(--accent);outline-offset:2px}\n",
	".skip{position:absolute;left:-999px;top:0}\n",
	".skip:focus{left:1rem;background:var(--bg);padding:.25rem .5rem;z-index:1}\n",
	"h1{font-size:1.6rem;line-height:1.3;margin:1.2rem 0 .8rem}\n",
	"h2{font-size:1.25rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line)}\n",
	"h3{font-size:1.05rem;margin:1.2rem 0 .3rem}\n",
	"h4{font-size:1rem;margin:.9rem 0 .2rem;color:var(--muted)}\n",
	".code{font-family:ui-monospace,'SFMono-Regular',Menlo,Consolas,monospace;",
	"background:var(--code-bg);border-radius:4px;padding:0 .3em;white-space:nowrap}\n",
	"h1 .code{background:none;padding:0}\n",
	".vs{color:var(--muted);font-weight:400}\n",
	".summary{font-size:1.05rem}\n",
	".note{background:var(--note);color:var(--note-fg);padding:.5rem .75rem;border-radius:6px}\n",
	"dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:1rem 0}\n",
	"dl.facts dt{font-weight:600}\n",
	"dl.facts dd{margin:0}\n",
	"@media (max-width:30rem){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4rem}}\n",
	"ol.differences>li{margin:.6rem 0}\n",
	"ul.entries{padding-left:1.1rem}\n",
	"section.ctx{border-left:3px solid var(--line);padding-left:.8rem;margin:1rem 0}\n",
	".source{color:var(--muted);font-size:.9rem}\n",
	"form.search{margin:1rem 0 1.5rem}\n",
	"form.search label{display:block;font-weight:600;margin-bottom:.25rem}\n",
	"form.search input{width:100%;font:inherit;padding:.5rem .6rem;color:var(--fg);",
	"background:var(--bg);border:1px solid var(--muted);border-radius:6px}\n",
	"#results{padding-left:1.1rem}\n",
	"form.explain{display:grid;gap:.4rem;margin:1rem 0}\n",
	"form.explain label{font-weight:600}\n",
	"form.explain textarea,form.explain select{width:100%;font:inherit;color:var(--fg);",
	"background:var(--bg);border:1px solid var(--muted);border-radius:6px;padding:.4rem}\n",
	"form.explain textarea{font-family:ui-monospace,Menlo,Consolas,monospace}\n",
	"form.explain button{justify-self:start;font:inherit;font-weight:600;padding:.45rem 1.2rem;",
	"border:0;border-radius:6px;background:var(--accent);color:var(--bg);cursor:pointer}\n",
	"pre.lines{white-space:pre-wrap;background:var(--code-bg);padding:.5rem .7rem;border-radius:6px}\n",
	".try{font-weight:600}\n",
	"footer{margin-top:2.5rem;padding-top:.75rem;padding-bottom:1.5rem;",
	"border-top:1px solid var(--line);color:var(--muted);font-size:.9rem}\n",
	"@media print{header.top nav,form.search,nav.toc,.skip{display:none}",
	"body{background:#fff;color:#000}a{color:#000}main{max-width:none}}\n",
	NULL,
};

static const char *const site_search_js[] = {
	"/* Filters the generated index (search-index.js) as the reader types. */\n",
	"(function () {\n",
	"  var form = document.querySelector('form.search');\n",
	"  var index = window.SMTPREPLY_INDEX;\n",
	"  if (!form || !index) return;\n",
	"  var input = document.getElementById('q');\n",
	"  var list = document.getElementById('results');\n",
	"  var none = document.getElementById('none');\n",
	"  form.hidden = false;\n",
	"  form.addEventListener('submit', function (e) { e.preventDefault(); });\n",
	"  function norm(s) { return s.toLowerCase().replace(/\\s+/g, ' ').trim(); }\n",
	"  function show() {\n",
	"    var q = norm(input.value);\n",
	"    list.textContent = '';\n",
	"    none.hidden = true;\n",
	"    if (!q) return;\n",
	"    var words = q.split(' '), hits = [];\n",
	"    for (var i = 0; i < index.length; i++) {\n",
	"      var e = index[i], hay = norm(e.k + ' ' + e.t), ok = true;\n",
	"      for (var w = 0; w < words.length; w++)\n",
	"        if (hay.indexOf(words[w]) < 0) { ok = false; break; }\n",
	"      if (ok) hits.push(e);\n",
	"    }\n",
	"    /* Entries that start with the code typed first, then those that\n",
	"     * name it; the index lists codes before comparisons, and the sort\n",
	"     * keeps that order among equals. */\n",
	"    function rank(e) {\n",
	"      var t = norm(e.k).split(' ');\n",
	"      return t[0] === q ? 0 : t.indexOf(q) >= 0 ? 1 : 2;\n",
	"    }\n",
	"    hits.sort(function (a, b) { return rank(a) - rank(b); });\n",
	"    none.hidden = hits.length > 0;\n",
	"    for (var j = 0; j < hits.length && j < 50; j++) {\n",
	"      var li = document.createElement('li'), a = document.createElement('a');\n",
	"      a.href = hits[j].u;\n",
	"      var h = hits[j];\n",
	"      a.textContent = h.c && h.t ? h.c + ' \\u2014 ' + h.t : (h.c || h.t);\n",
	"      li.appendChild(a);\n",
	"      list.appendChild(li);\n",
	"    }\n",
	"  }\n",
	"  input.addEventListener('input', show);\n",
	"  var m = /[?&]q=([^&]*)/.exec(location.search);\n",
	"  if (m) { input.value = decodeURIComponent(m[1].replace(/\\+/g, ' ')); }\n",
	"  show();\n",
	"})();\n",
	NULL,
};

static const char *const site_explain_js[] = {
	"/* Explains a pasted reply with the library compiled to WebAssembly\n",
	" * (smtpreply-wasm.js). Text goes in through sr_input(), one JSON\n",
	" * document comes back from sr_explain(); the page shows it with\n",
	" * textContent only, so nothing a server wrote becomes markup. */\n",
	"(function () {\n",
	"  var form = document.getElementById('explain');\n",
	"  var out = document.getElementById('out');\n",
	"  if (!form || !window.SMTPREPLY_WASM || !window.WebAssembly) return;\n",
	"  var L = form.dataset, lang = form.dataset.lang;\n",
	"  var bin = atob(window.SMTPREPLY_WASM), bytes = new Uint8Array(bin.length);\n",
	"  for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);\n",
	"  /* The library makes no system call, but libc may ask for the\n",
	"   * environment (getenv): an empty one, and ENOSYS for anything else. */\n",
	"  var memory = null;\n",
	"  var wasi = new Proxy({\n",
	"    environ_sizes_get: function (count, size) {\n",
	"      var v = new DataView(memory.buffer);\n",
	"      v.setUint32(count, 0, true); v.setUint32(size, 0, true); return 0;\n",
	"    },\n",
	"    environ_get: function () { return 0; },\n",
	"    proc_exit: function (code) { throw new Error('exit ' + code); }\n",
	"  }, { get: function (t, k) { return k in t ? t[k] : function () { return 52; }; } });\n",
	"  WebAssembly.instantiate(bytes, { wasi_snapshot_preview1: wasi }).then(function (r) {\n",
	"    var ex = r.instance.exports, enc = new TextEncoder(), dec = new TextDecoder();\n",
	"    memory = ex.memory;\n",
	"    function cstring(s, at) {\n",
	"      var b = enc.encode(s + '\\0');\n",
	"      new Uint8Array(ex.memory.buffer).set(b, at);\n",
	"      return at;\n",
	"    }\n",
	"    function explain(text, cmd) {\n",
	"      var input = ex.sr_input(), size = ex.sr_input_size();\n",
	"      /* The command and language go at the end of the input area. */\n",
	"      var t = enc.encode(text).subarray(0, size - 64);\n",
	"      new Uint8Array(ex.memory.buffer).set(t, input);\n",
	"      var c = cstring(cmd, input + size - 64), l = cstring(lang, input + size - 32);\n",
	"      var p = ex.sr_explain(t.length, c, l), mem = new Uint8Array(ex.memory.buffer), e = p;\n",
	"      while (mem[e]) e++;\n",
	"      return JSON.parse(dec.decode(mem.subarray(p, e)));\n",
	"    }\n",
	"    function el(tag, text, cls) {\n",
	"      var n = document.createElement(tag);\n",
	"      if (text) n.textContent = text;\n",
	"      if (cls) n.className = cls;\n",
	"      return n;\n",
	"    }\n",
	"    function section(parent, label, text) {\n",
	"      if (!text) return;\n",
	"      parent.appendChild(el('h3', label));\n",
	"      parent.appendChild(el('p', text));\n",
	"    }\n",
	"    function show(doc) {\n",
	"      out.textContent = '';\n",
	"      doc.replies.forEach(function (r) {\n",
	"        var s = el('section', null, 'reply');\n",
	"        s.appendChild(el('h2', r.code + (r.enhanced ? ' ' + r.enhanced : '') + ' \\u2014 ' + r.reply.name));\n",
	"        s.appendChild(el('pre', r.lines.join('\\n'), 'lines'));\n",
	"        var dl = el('dl', null, 'facts');\n",
	"        [[L.action, r.action + ' \\u2014 ' + r.action_description],\n",
	"         [L.reason, r.reason + ' \\u2014 ' + r.reason_description],\n",
	"         [L.verdict, r.verdict + ' \\u2014 ' + r.verdict_description],\n",
	"         [L.confidence, r.confidence], [L.who, r.who]].forEach(function (kv) {\n",
	"          dl.appendChild(el('dt', kv[0]));\n",
	"          dl.appendChild(el('dd', kv[1]));\n",
	"        });\n",
	"        s.appendChild(dl);\n",
	"        section(s, L.description, r.reply.description);\n",
	"        section(s, L.when, r.reply.when);\n",
	"        section(s, L.fix, r.reply.fix);\n",
	"        [[L.enhanced, r.enhanced_entry], [L.provider, r.provider_entry]].forEach(function (kv) {\n",
	"          if (!kv[1]) return;\n",
	"          s.appendChild(el('h3', kv[0] + ': ' + kv[1].key.replace(/^[a-z]+ /, '') + ' \\u2014 ' + kv[1].name));\n",
	"          s.appendChild(el('p', kv[1].description));\n",
	"          if (kv[1].fix) s.appendChild(el('p', kv[1].fix));\n",
	"        });\n",
	"        out.appendChild(s);\n",
	"      });\n",
	"      doc.errors.forEach(function (e) {\n",
	"        out.appendChild(el('p', L.notreply.replace('%s', e.offset) + ' (' + e.error + ')', 'note'));\n",
	"      });\n",
	"      if (!doc.replies.length && !doc.errors.length) out.appendChild(el('p', L.none));\n",
	"    }\n",
	"    form.hidden = false;\n",
	"    form.addEventListener('submit', function (ev) {\n",
	"      ev.preventDefault();\n",
	"      show(explain(document.getElementById('reply').value, document.getElementById('cmd').value));\n",
	"    });\n",
	"    show(explain(document.getElementById('reply').value, document.getElementById('cmd').value));\n",
	"  });\n",
	"})();\n",
	NULL,
};

/* Kept as lines: ISO C caps a string literal's length. */
static void put_lines(FILE *f, const char *const *lines)
{
	for (; *lines; lines++)
		fputs(*lines, f);
}

void html_css(FILE *f)
{
	put_lines(f, site_css);
}

void html_search_js(FILE *f)
{
	put_lines(f, site_search_js);
}

void html_explain_js(FILE *f)
{
	put_lines(f, site_explain_js);
}

/* base64 in 76-column lines joined by a backslash (a string literal's
 * line continuation). */
void html_wasm_js(FILE *f, const unsigned char *b, size_t n)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	fputs("/* libsmtpreply compiled to WebAssembly (wasm/site_explain.c). */\n"
	      "window.SMTPREPLY_WASM = \"", f);
	for (size_t i = 0, col = 0; i < n; i += 3) {
		size_t k = n - i < 3 ? n - i : 3;
		unsigned v = (unsigned)b[i] << 16 | (k > 1 ? (unsigned)b[i + 1] << 8 : 0) |
		             (k > 2 ? b[i + 2] : 0);
		char q[4] = {b64[v >> 18], b64[(v >> 12) & 63], k > 1 ? b64[(v >> 6) & 63] : '=',
		             k > 2 ? b64[v & 63] : '='};
		fwrite(q, 1, 4, f);
		if (++col % 19 == 0)
			fputs("\\\n", f);
	}
	fputs("\";\n", f);
}
