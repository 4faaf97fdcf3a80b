/* 我的学习: a study record kept on this phone only (localStorage; no account, no request, nothing sent anywhere).
   - item pages (cases, lessons, materials) get a 学完了 button in their [data-study-mark] box that marks or unmarks
     the page;
   - a month plan page shows how many of the pages its activities link to ([data-study] links) are marked
     ([data-study-progress]);
   - the 我的学习 page ([data-study-record]) lists the marks by month and copies a plain-text summary for the
     branch's WeChat group.
   Every element this script fills is hidden in the HTML, so without JavaScript the pages read as before. */
(function () {
  var KEY = "lx.studied";

  var load = function () {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return value && typeof value === "object" ? value : {};
    } catch (e) { return {}; }
  };
  var save = function (marks) {
    try { window.localStorage.setItem(KEY, JSON.stringify(marks)); return true; } catch (e) { return false; }
  };
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var today = function () {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  };
  var monthLabel = function (date) { return date.slice(0, 4) + "年" + parseInt(date.slice(5, 7), 10) + "月"; };
  var el = function (tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  };
  // The page's heading without the ¶ permalink that the toc extension appends.
  var pageTitle = function () {
    var h1 = document.querySelector(".md-content h1");
    if (!h1) return document.title;
    var copy = h1.cloneNode(true);
    var links = copy.querySelectorAll(".headerlink");
    for (var i = 0; i < links.length; i++) links[i].remove();
    return copy.textContent.trim();
  };
  var canonical = function () {
    var link = document.querySelector('link[rel="canonical"]');
    return link ? link.href : location.href;
  };

  // The placeholder is empty in the HTML (nothing to read without JavaScript, nothing for the search index).
  var setUpMark = function (box) {
    var button = box.appendChild(el("button", "", "md-button study-mark__button"));
    button.type = "button";
    box.appendChild(el("span", "", "study-mark__note")).setAttribute("data-study-note", "");
    var path = location.pathname;
    var render = function () {
      var on = Object.prototype.hasOwnProperty.call(load(), path);
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "✓ 已学完" : "学完了";
      box.querySelector("[data-study-note]").textContent =
        on ? "已记入“我的学习”（" + load()[path].date + "）。再点一次可取消。" : "读完后点一下，记入本机的“我的学习”。";
    };
    button.addEventListener("click", function () {
      var marks = load();
      if (Object.prototype.hasOwnProperty.call(marks, path)) delete marks[path];
      else marks[path] = { title: pageTitle(), url: canonical(), kind: box.getAttribute("data-study-mark"), date: today() };
      save(marks);
      render();
    });
    box.hidden = false;
    render();
  };

  var setUpProgress = function (line) {
    var seen = {}, total = 0, done = 0, marks = load();
    var links = document.querySelectorAll("a[data-study]");
    for (var i = 0; i < links.length; i++) {
      var path = new URL(links[i].getAttribute("href"), location.href).pathname;
      if (seen[path]) continue;
      seen[path] = true;
      total++;
      if (Object.prototype.hasOwnProperty.call(marks, path)) done++;
    }
    if (!total) return;
    line.textContent = "";
    line.appendChild(el("strong", "本月已学 " + done + "/" + total));
    line.appendChild(el("span", "本月活动要读的内容，按这部手机上的“学完了”计", "study-progress__note"));
    line.hidden = false;
  };

  var entries = function () {
    var marks = load();
    var list = Object.keys(marks).map(function (path) {
      var m = marks[path];
      return { path: path, title: String(m.title), url: String(m.url), kind: String(m.kind || ""), date: String(m.date) };
    });
    return list.sort(function (a, b) { return a.date < b.date ? 1 : a.date > b.date ? -1 : a.title.localeCompare(b.title, "zh"); });
  };

  var summary = function (list) {
    var lines = ["我的学习记录（共 " + list.length + " 篇）"], month = "";
    list.forEach(function (e) {
      if (monthLabel(e.date) !== month) {
        month = monthLabel(e.date);
        lines.push("", month);
      }
      lines.push((e.kind ? e.kind + "：" : "") + "《" + e.title + "》 " + e.date + " 学完 " + e.url);
    });
    return lines.join("\n");
  };

  var copy = function (area, status) {
    var done = function () { status.textContent = "已复制，可到支部微信群里粘贴。"; };
    var fallback = function () {
      area.focus();
      area.select();
      try {
        if (document.execCommand("copy")) { done(); return; }
      } catch (e) { /* below */ }
      status.textContent = "请长按上面的文字，选择“全选”“复制”。";
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(area.value).then(done, fallback);
    else fallback();
  };

  var setUpRecord = function (box) {
    var list = entries();
    var lists = box.querySelector("[data-study-list]");
    if (!list.length) {
      lists.appendChild(el("p", "这部手机上还没有标记“学完了”的内容。"));
    } else {
      var month = "", ul = null;
      list.forEach(function (e) {
        if (monthLabel(e.date) !== month) {
          month = monthLabel(e.date);
          lists.appendChild(el("h2", month));
          ul = lists.appendChild(el("ul", "", "study-list"));
        }
        var li = ul.appendChild(el("li"));
        var a = li.appendChild(el("a", e.title));
        a.href = e.path;
        li.appendChild(el("span", (e.kind ? e.kind + " · " : "") + e.date + " 学完", "study-list__meta"));
      });
    }
    var area = box.querySelector("textarea");
    area.value = summary(list);
    var status = box.querySelector("[data-study-status]");
    box.querySelector("[data-study-copy]").addEventListener("click", function () { copy(area, status); });
    box.hidden = false;
  };

  var marks = document.querySelectorAll("[data-study-mark]");
  for (var i = 0; i < marks.length; i++) setUpMark(marks[i]);
  var progress = document.querySelector("[data-study-progress]");
  if (progress) setUpProgress(progress);
  var record = document.querySelector("[data-study-record]");
  if (record) setUpRecord(record);
})();
