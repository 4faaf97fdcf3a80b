/* Campus screen (/screen/): one slide at a time from the data embedded in the page, kept fresh from
   screen.json. Plain ES5 without any library: kiosk browsers are often old WebViews, and nothing may
   come from another host. Every text goes in with textContent, never as markup.

   Query: ?interval=N seconds per slide (12) · ?poll=N seconds between screen.json checks (300)
          ?unit=ID that unit's items first · ?o=portrait|landscape (else by the screen's aspect ratio)
          ?slide=N show slide N only, no rotation or polling (used by `make slides`) */
(function () {
  "use strict";

  var query = parseQuery(window.location.search);
  var interval = seconds(query.interval, 12) * 1000;
  var pollEvery = seconds(query.poll, 300) * 1000;
  var unit = query.unit || "";
  var still = parseInt(query.slide, 10) || 0;
  var forced = query.o === "portrait" || query.o === "landscape" ? query.o : "";
  var root = document.getElementById("screen");
  var data = JSON.parse(document.getElementById("screen-data").textContent);
  var slides = order(data);
  var index = -1;
  var shownId = null;
  var pending = []; // ids that a poll brought in: shown next, so news is on screen within one interval
  var cache = {}; // Image objects keep every picture loaded, for when the network goes down

  function parseQuery(search) {
    var out = {};
    search.replace(/[?&]([^=&]+)=?([^&]*)/g, function (all, key, value) {
      try {
        out[decodeURIComponent(key)] = decodeURIComponent(value.replace(/\+/g, " "));
      } catch (e) {
        /* a malformed parameter is ignored, the screen still runs */
      }
    });
    return out;
  }

  function seconds(value, fallback) {
    var n = parseFloat(value);
    return n > 0 ? Math.max(n, 1) : fallback;
  }

  function order(d) {
    var own = [];
    var rest = [];
    (d.items || []).forEach(function (item) {
      (unit && item.unit === unit ? own : rest).push(item);
    });
    return (d.notice ? [d.notice] : []).concat(own, rest);
  }

  function find(id) {
    for (var i = 0; i < slides.length; i += 1) {
      if (slides[i].id === id) return i;
    }
    return -1;
  }

  function el(tag, cls, text, parent) {
    var node = document.createElement(tag);
    node.className = cls;
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function orientation() {
    return forced || (window.innerHeight > window.innerWidth ? "portrait" : "landscape");
  }

  function picture(slide, node, src) {
    var figure = el("figure", "picture", undefined, node);
    var img = el("img", "", undefined, figure);
    img.alt = "";
    // A picture that cannot load (network down, file gone) leaves no broken icon: the slide closes up.
    img.onerror = function () {
      if (figure.parentNode) figure.parentNode.removeChild(figure);
      node.className += " no-picture";
      fitAll(node);
    };
    img.src = src;
  }

  function noticeEntry(notice) {
    for (var i = 0; i < notice.entries.length; i += 1) {
      if (notice.entries[i].unit === unit) return notice.entries[i];
    }
    return notice.entries[0];
  }

  function build(slide) {
    var node = el("article", "slide slide-" + slide.kind);
    node.setAttribute("data-id", slide.id);
    var band = el("header", "band", undefined, node);
    el("span", "brand fit", "★ " + data.brand, band);
    el("span", "kicker fit", slide.kicker, band);
    if (!still) el("i", "progress", undefined, band).style.animationDuration = interval / 1000 + "s";
    var words = el("section", "words", undefined, node);
    var info = el("footer", "info", undefined, node);
    var call = "扫码看全文";
    if (slide.kind === "notice") {
      var entry = noticeEntry(slide);
      node.setAttribute("data-unit", entry.unit);
      var calendar = el("div", "calendar", undefined, node);
      el("span", "cal-month fit", slide.month, calendar);
      el("span", "cal-day fit", entry.day, calendar);
      el("span", "cal-week fit", "主题党日", calendar);
      el("h1", "headline fit", entry.title, words);
      el("div", "rule", undefined, words);
      el("p", "text fit", entry.text, words);
      el("span", "unit fit", entry.unit_name, info);
      el("span", "date fit", entry.date, info);
      call = "扫码看计划";
    } else {
      node.setAttribute("data-unit", slide.unit);
      if (slide.image) picture(slide, node, slide.image);
      else node.className += " no-picture";
      el("h1", "headline fit", slide.headline, words);
      if (slide.headline !== slide.title) el("p", "subline fit", slide.title, words);
      if (slide.byline) el("p", "subline fit", slide.byline, words);
      el("div", "rule", undefined, words);
      el("p", "text fit", slide.text, words);
      el("span", "unit fit", slide.unit_name, info);
      el("span", "date fit", slide.date, info);
    }
    var scan = el("aside", "scan", undefined, node);
    var qr = el("img", "qr", undefined, scan);
    qr.alt = "二维码";
    qr.src = slide.qr;
    el("span", "call fit", call, scan);
    return node;
  }

  function overflows(node) {
    return node.scrollHeight > node.clientHeight || node.scrollWidth > node.clientWidth;
  }

  // Text never spills out of its box: cut it at the longest prefix that fits, and end it with an ellipsis.
  function fit(node) {
    var full = node.getAttribute("data-full");
    if (full === null) {
      full = node.textContent;
      node.setAttribute("data-full", full);
    }
    node.textContent = full;
    if (!overflows(node)) return;
    var chars = full.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g) || [];
    var lo = 0;
    var hi = chars.length - 1;
    while (lo < hi) {
      var mid = Math.ceil((lo + hi) / 2);
      node.textContent = cut(chars, mid);
      if (overflows(node)) hi = mid - 1;
      else lo = mid;
    }
    node.textContent = cut(chars, lo);
    if (overflows(node)) node.textContent = "";
  }

  function cut(chars, n) {
    return chars.slice(0, n).join("").replace(/[\s，、。；：,.;:“（(]+$/, "") + "…";
  }

  function fitAll(node) {
    var boxes = node.querySelectorAll(".fit");
    for (var i = 0; i < boxes.length; i += 1) fit(boxes[i]);
  }

  function loaded(node) {
    var images = node.querySelectorAll("img");
    var waits = [];
    for (var i = 0; i < images.length; i += 1) {
      if (!images[i].complete) {
        waits.push(
          new Promise(function (resolve) {
            images[i].addEventListener("load", resolve);
            images[i].addEventListener("error", resolve);
          })
        );
      }
    }
    return Promise.all(waits);
  }

  // Shows slide i (0-based); resolves when its pictures are in and its text fits.
  function show(i) {
    if (!slides.length) return Promise.resolve();
    index = ((i % slides.length) + slides.length) % slides.length;
    var slide = slides[index];
    var node = build(slide);
    root.className = "screen " + orientation() + (still ? " still" : "");
    while (root.firstChild) root.removeChild(root.firstChild);
    root.appendChild(node);
    shownId = slide.id;
    fitAll(node);
    return loaded(node).then(function () {
      fitAll(node);
      document.documentElement.setAttribute("data-shown", slide.id);
    });
  }

  function advance() {
    var next = -1;
    while (pending.length && next < 0) next = find(pending.shift());
    show(next >= 0 ? next : index + 1);
  }

  function rotate() {
    window.setTimeout(function () {
      try {
        advance();
      } catch (e) {
        /* whatever happens, the screen keeps turning */
      }
      rotate();
    }, interval);
  }

  function preload(d) {
    order(d).forEach(function (slide) {
      [slide.image, slide.qr].forEach(function (src) {
        if (src && !cache[src]) {
          cache[src] = new Image();
          cache[src].src = src;
        }
      });
    });
  }

  function merge(d) {
    if (!d || !(d.items instanceof Array)) return;
    var before = {};
    slides.forEach(function (slide) {
      before[slide.id] = true;
    });
    data = d;
    slides = order(d);
    slides.forEach(function (slide) {
      if (!before[slide.id] && slide.kind !== "notice") pending.push(slide.id);
    });
    var at = find(shownId);
    index = at >= 0 ? at : Math.min(index, slides.length - 1);
    preload(d);
  }

  // A failed or garbled fetch changes nothing: no error is ever shown, the slides we have go on.
  function poll() {
    window.setTimeout(function () {
      var xhr = new XMLHttpRequest();
      xhr.onload = function () {
        if (xhr.status !== 200) return;
        try {
          merge(JSON.parse(xhr.responseText));
        } catch (e) {
          /* keep the data we have */
        }
      };
      try {
        xhr.open("GET", "screen.json?t=" + new Date().getTime(), true);
        xhr.timeout = 20000;
        xhr.send();
      } catch (e) {
        /* offline */
      }
      poll();
    }, pollEvery);
  }

  window.addEventListener("resize", function () {
    if (shownId === null) return;
    root.className = "screen " + orientation() + (still ? " still" : "");
    fitAll(root);
  });

  // For `make slides` and the tests: the number of slides, and showing slide n (1-based) on demand.
  window.lxScreen = {
    count: function () {
      return slides.length;
    },
    ids: function () {
      return slides.map(function (slide) {
        return slide.id;
      });
    },
    show: function (n) {
      return show(n - 1);
    },
  };

  var fonts = document.fonts && document.fonts.ready ? document.fonts.ready : Promise.resolve();
  fonts.then(function () {
    show(still ? still - 1 : 0).then(function () {
      document.documentElement.setAttribute("data-ready", "1");
      if (!still) rotate(); // the first slide gets its full time, however slow its picture was
    });
    if (!still) {
      preload(data);
      poll();
    }
  });
})();
