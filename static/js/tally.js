/* The tally at the counter (testing/submission_tally.html, testing/views/tally.py).
 *
 * Every press of "+1" is a tap with an id made here (a UUID). Taps go into a queue
 * kept in the browser (localStorage, per schema), so a network drop, a reload or a
 * closed tab loses none of them; the queue is sent in order, a batch at a time, and a
 * tap leaves it only when the server has answered that it holds it (or refused it,
 * with the reason shown). The server counts each id once, so sending a tap twice (a
 * lost answer, a second tab) never counts it twice. "Fortryd" sends a new tap that
 * undoes this device's last one. An ended session (401) or a refusal (403) keeps the
 * queue and says "Log ind igen – N tryk venter"; it is sent after a new login.
 *
 * The totals shown are the server's (today's taps, the week's answer in the schema)
 * plus the taps still waiting here. A service worker (tally/sw.js) keeps this page
 * and its files, so the page also opens without a network. No inline script: the CSP
 * forbids it; the page's state comes as JSON (#tally-state).
 */
(function () {
  "use strict";
  var root = document.getElementById("tally");
  if (!root) { return; }
  var texts = root.dataset;
  var submission = root.dataset.submission;
  var QUEUE = "synergi-tally-queue:" + submission;
  var MINE = "synergi-tally-mine:" + submission;
  var STATE = "synergi-tally-state:" + submission;
  var DEVICE = "synergi-tally-device";
  var BATCH = 50;
  var KEEP_MINE = 200;
  var REFRESH_MS = 30000;
  var state = JSON.parse(document.getElementById("tally-state").textContent);
  var memory = {};
  // A page served from the worker's copy while offline may be older than the last
  // answer this browser had from the server: show the newer of the two.
  try {
    var known = JSON.parse(window.localStorage.getItem(STATE) || "null");
    if (known && known.version > state.version) { state = known; }
  } catch (error) { /* the page's own state */ }
  var storageWorks = true;
  var sending = false;
  var retryTimer = null;
  var retryDelay = 2000;
  var problem = "";
  var buttons = Array.prototype.slice.call(root.querySelectorAll(".tally-button"));
  var undoButton = document.getElementById("tally-undo");
  var questionText = {};
  buttons.forEach(function (button) { questionText[button.dataset.question] = button.dataset.text; });

  // Storage: localStorage, or page memory when the browser refuses it (then say so).

  function load(key) {
    try {
      var raw = window.localStorage.getItem(key);
      return raw ? JSON.parse(raw) : [];
    } catch (error) {
      storageWorks = false;
      return memory[key] || [];
    }
  }

  function save(key, value) {
    memory[key] = value;
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      storageWorks = false;
    }
  }

  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function device() {
    var id;
    try { id = window.localStorage.getItem(DEVICE); } catch (error) { id = null; }
    if (!id) {
      id = uuid();
      try { window.localStorage.setItem(DEVICE, id); } catch (error) { /* memory only */ }
    }
    return id;
  }

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (match, name) {
      return name in values ? String(values[name]) : match;
    });
  }

  function csrfToken() {
    var name = texts.csrfCookie || "csrftoken";
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var pair = parts[i].split("=");
      if (pair[0] === name) { return decodeURIComponent(pair.slice(1).join("=")); }
    }
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  // What the page shows.

  function waiting(key) {
    return load(QUEUE).reduce(function (sum, tap) {
      return tap.question === key ? sum + tap.delta : sum;
    }, 0);
  }

  function totals(key) {
    var server = state.totals[key] || { today: 0, week: 0 };
    var extra = waiting(key);
    return { today: (server.today || 0) + extra, week: (server.week || 0) + extra };
  }

  function show(element, text) {
    if (!element) { return; }
    element.hidden = !text;
    if (element.textContent !== text) { element.textContent = text; }
  }

  function renderTotals() {
    root.querySelectorAll("[data-totals]").forEach(function (line) {
      var now = totals(line.dataset.totals);
      line.querySelector("[data-today]").textContent = now.today;
      line.querySelector("[data-week]").textContent = now.week;
    });
  }

  function renderState() {
    show(document.getElementById("tally-notice"), state.notice || "");
    var held = document.getElementById("tally-held");
    document.getElementById("tally-held-text").textContent = state.held_message || "";
    held.hidden = !state.held_message;
    document.getElementById("tally-held-form").hidden = !state.can_count_held;
    document.getElementById("tally-held-button").textContent = state.count_held_label;
  }

  function renderSync() {
    var count = load(QUEUE).length;
    var line = document.getElementById("tally-sync");
    var problemBox = document.getElementById("tally-problem");
    if (problem === "login") {
      problemBox.textContent = "";
      problemBox.appendChild(document.createTextNode(format(texts.textLogin, { count: count }) + ". "));
      var link = document.createElement("a");
      link.href = texts.loginUrl + "?next=" + encodeURIComponent(window.location.pathname);
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = texts.textLoginLink;
      problemBox.appendChild(link);
      problemBox.hidden = false;
    } else if (problem) {
      show(problemBox, problem);
    } else {
      show(problemBox, "");
    }
    var text;
    if (count === 1) {
      text = texts.textWaitingOne;
    } else if (count > 1) {
      text = format(texts.textWaiting, { count: count });
    } else {
      text = texts.textSent;
    }
    if (count && !navigator.onLine) { text += " " + texts.textOffline; }
    if (!storageWorks) { text += " " + texts.textNoStorage; }
    line.textContent = text;
  }

  function renderUndo() {
    var mine = load(MINE);
    var last = mine[mine.length - 1];
    // Nothing can be undone in a sent schema: its taps are kept, not counted.
    undoButton.disabled = !last || state.open === false;
    undoButton.textContent = last
      ? format(texts.textUndoWhich, { question: questionText[last.question] || last.question })
      : texts.textUndo;
  }

  function render() {
    renderTotals();
    renderState();
    renderSync();
    renderUndo();
  }

  function announce(template, key) {
    var now = totals(key);
    document.getElementById("tally-announce").textContent = format(template, {
      question: questionText[key] || key, today: now.today, week: now.week
    });
  }

  // Tapping and undoing: into the queue first, then sent.

  function add(tap) {
    var queue = load(QUEUE);
    queue.push(tap);
    save(QUEUE, queue);
  }

  function tap(key) {
    var entry = { id: uuid(), question: key, delta: 1, tapped_at: new Date().toISOString() };
    add(entry);
    var mine = load(MINE);
    mine.push({ id: entry.id, question: key });
    save(MINE, mine.slice(-KEEP_MINE));
    render();
    if (state.open === false) {
      // The schema is sent: the tap is kept, not counted; say so, not "counted".
      document.getElementById("tally-announce").textContent = state.notice || "";
    } else {
      announce(texts.textCounted, key);
    }
    send();
  }

  function undo() {
    var mine = load(MINE);
    var last = mine.pop();
    if (!last) { return; }
    save(MINE, mine);
    add({
      id: uuid(), question: last.question, delta: -1, undoes: last.id,
      tapped_at: new Date().toISOString()
    });
    render();
    announce(texts.textUndone, last.question);
    send();
  }

  // Sending, in order, one batch at a time.

  function later(delay) {
    if (retryTimer) { clearTimeout(retryTimer); }
    retryTimer = setTimeout(function () { retryTimer = null; send(); }, delay);
  }

  function failed(message) {
    problem = message;
    render();
    later(retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  }

  function received(body) {
    var done = {};
    (body.stored || []).forEach(function (id) { done[id] = true; });
    var refused = body.refused || [];
    refused.forEach(function (item) { done[item.id] = true; });
    // Taps added while this batch was on its way stay; those the server holds leave.
    save(QUEUE, load(QUEUE).filter(function (t) { return !done[t.id]; }));
    if (refused.length) {
      // A refused tap was never counted: there is nothing of it to undo.
      var gone = {};
      refused.forEach(function (item) { gone[item.id] = true; });
      save(MINE, load(MINE).filter(function (t) { return !gone[t.id]; }));
    }
    if (body.state) {
      state = body.state;
      try { window.localStorage.setItem(STATE, JSON.stringify(state)); } catch (error) { /* memory only */ }
    }
    if ((body.held || []).length) {
      // Kept, not counted (the schema was sent meanwhile): correct what was said,
      // and a held tap is not one to undo.
      document.getElementById("tally-announce").textContent =
        (state.held_message || state.notice || "");
      var heldIds = {};
      body.held.forEach(function (id) { heldIds[id] = true; });
      save(MINE, load(MINE).filter(function (t) { return !heldIds[t.id]; }));
    }
    problem = refused.length ? format(texts.textRefused, { message: refused[0].message }) : "";
    retryDelay = 2000;
  }

  function send(refresh) {
    if (sending) { return; }
    var queue = load(QUEUE);
    if (!queue.length && !refresh) { render(); return; }
    sending = true;
    var batch = queue.slice(0, BATCH);
    fetch(texts.tapsUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": csrfToken(),
        "X-Requested-With": "XMLHttpRequest"
      },
      body: JSON.stringify({ device: device(), taps: batch })
    }).then(function (response) {
      sending = false;
      if (response.status === 401 || response.status === 403) {
        failed("login");
        return null;
      }
      if (!response.ok) {
        failed(response.status >= 500 || response.status === 409
          ? texts.textRetrying
          : format(texts.textRejected, { code: response.status }));
        return null;
      }
      return response.json().then(function (body) {
        received(body);
        render();
        if (load(QUEUE).length) { send(); }
      });
    }).catch(function () {
      sending = false;
      failed(navigator.onLine ? texts.textRetrying : "");
    });
  }

  // Wiring.

  buttons.forEach(function (button) {
    button.addEventListener("click", function () { tap(button.dataset.question); });
  });
  undoButton.addEventListener("click", undo);
  window.addEventListener("online", function () { retryDelay = 2000; send(true); });
  window.addEventListener("offline", render);
  window.addEventListener("storage", function (event) {
    // Another tab of this schema tapped or sent: show it, and bring the totals along.
    if (event.key === QUEUE || event.key === MINE) { render(); }
  });
  setInterval(function () {
    if (document.visibilityState === "visible" && navigator.onLine) { send(true); }
  }, REFRESH_MS);

  if ("serviceWorker" in navigator && texts.workerUrl) {
    var scope = texts.workerUrl.replace(/[^/]*$/, "");
    navigator.serviceWorker.register(texts.workerUrl, { scope: scope }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      if (registration.active) {
        registration.active.postMessage({ type: "keep-page", url: window.location.href.split("#")[0] });
      }
    }).catch(function () { /* no worker: the page still counts while it is open */ });
  }

  render();
  send(true);
}());
