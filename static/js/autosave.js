/*
 * Autosave and sending for test schemas (with htmx 2, served from static/vendor).
 *
 * The form (#submission-form) posts itself to the autosave URL a few seconds after
 * typing stops and when a choice changes (hx-trigger). The server merges each save per
 * answer with what was saved elsewhere (synergy/merge.py): every field travels with the
 * token of the value the page showed (`base-<name>`). This script keeps those tokens
 * true and never touches what the user typed:
 *
 *  - after a save, answers that were saved get their new token; answers saved
 *    elsewhere while the page showed an older value are brought in, but only where
 *    the user has not typed since the save was sent (otherwise the next save shows
 *    the conflict); answers changed on both sides come back as panels with both
 *    versions and “Behold min” / “Behold den gemte” (choosing saves at once);
 *  - the CSRF token is read from the cookie at each request (it changes at login);
 *  - 401 (the session ran out): a banner with a login link opening a new window; the
 *    text stays on the page and is saved (or sent) once the user has logged in;
 *  - server errors (5xx) and no connection: the status says “Ikke gemt endnu – prøver
 *    igen” and the save is retried with growing pauses until the server answers;
 *  - “Gem kladde” and “Send skemaet” are posted by this script, not by the browser, so
 *    a server error or a lost connection while sending retries instead of showing an
 *    error page: the words stay on the page until the server has them. The server's
 *    answer is either a redirect (done) or the page again (conflicts, missing answers),
 *    which replaces the page's main content;
 *  - a second click while sending is ignored; leaving with unsaved changes asks first.
 *
 * Nothing is kept in localStorage or sessionStorage: the text lives only in the page.
 */
(function () {
  "use strict";

  if (!window.htmx || !document.getElementById("submission-form")) {
    return;
  }
  var RETRY_DELAYS = [2000, 4000, 8000, 15000, 30000];

  var dirty = false;
  var expired = false;
  var refused = false; // the schema can no longer be edited here
  var sending = null; // {name, value} of the button being sent, while it is on its way
  var pendingSend = null; // a send waiting for a login
  var retryTimer = null;
  var retryCount = 0;
  var sentValues = null; // the form's values when the last autosave was sent
  var leaving = false; // sent: the browser is on its way to the next page
  var sendTimer = null; // a send waiting to be tried again (it carries every answer)

  function form() {
    return document.getElementById("submission-form");
  }

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (parts[i].substring(0, eq) === name) {
        return decodeURIComponent(parts[i].substring(eq + 1));
      }
    }
    return null;
  }

  function say(text) {
    var status = document.getElementById("autosave-status");
    if (status && text) {
      status.textContent = text;
    }
  }

  // A refusal the page cannot mend itself (another user signed in in this browser,
  // the security cookie gone, a text too large to send): say so where it is seen,
  // keep every word, and let the next change or press try again.
  function rejected(template, code) {
    var text = template.replace("%(code)s", String(code));
    say(text);
    var banner = document.getElementById("conflict-banner");
    if (banner) {
      banner.innerHTML = "";
      var alert = document.createElement("div");
      alert.className = "alert alert-danger";
      alert.setAttribute("role", "alert");
      alert.textContent = text;
      banner.appendChild(alert);
    }
  }

  function nextDelay() {
    var delay = RETRY_DELAYS[Math.min(retryCount, RETRY_DELAYS.length - 1)];
    retryCount += 1;
    return delay;
  }

  function retryLater(action, text) {
    say(text);
    if (retryTimer) {
      window.clearTimeout(retryTimer);
    }
    retryTimer = window.setTimeout(function () {
      retryTimer = null;
      action();
    }, nextDelay());
  }

  function stopRetrying() {
    retryCount = 0;
    if (retryTimer) {
      window.clearTimeout(retryTimer);
      retryTimer = null;
    }
  }

  // Django rotates the CSRF token at login: use the current one from the cookie, in
  // the header and in every form's hidden field (which Django reads first).
  function currentToken() {
    var token = readCookie(form().dataset.csrfCookie);
    if (token) {
      var fields = document.querySelectorAll("input[name=csrfmiddlewaretoken]");
      for (var i = 0; i < fields.length; i++) {
        fields[i].value = token;
      }
    }
    return token;
  }

  function autosave() {
    htmx.trigger(form(), "autosave");
  }

  // -- Keeping the base tokens true --------------------------------------------

  function snapshot(element) {
    var data = new FormData(element);
    var values = {};
    data.forEach(function (value, name) {
      if (typeof value !== "string") {
        return;
      }
      (values[name] = values[name] || []).push(value);
    });
    return values;
  }

  function same(a, b) {
    a = a || [];
    b = b || [];
    if (a.length !== b.length) {
      return false;
    }
    for (var i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        return false;
      }
    }
    return true;
  }

  // Has the user changed an answer (or a choice) since `values` was taken?
  function typedSince(values) {
    var now = snapshot(form());
    var names = Object.keys(now).concat(Object.keys(values || {}));
    for (var i = 0; i < names.length; i++) {
      var name = names[i];
      if (/^(q_|resolve-)/.test(name) && !same(now[name], (values || {})[name])) {
        return true;
      }
    }
    return false;
  }

  function baseInput(name) {
    return form().querySelector('input[name="base-' + CSS.escape(name) + '"]');
  }

  function setValue(name, values) {
    var fields = form().querySelectorAll('[name="' + CSS.escape(name) + '"]');
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (field.type === "radio" || field.type === "checkbox") {
        field.checked = values.indexOf(field.value) !== -1;
      } else {
        field.value = values.length ? values[0] : "";
      }
    }
  }

  // Returns what the server sent about the save, or null (a refusal sends nothing).
  function applySync() {
    var box = document.getElementById("autosave-sync");
    if (!box || !box.dataset.sync) {
      return null;
    }
    var sync = JSON.parse(box.dataset.sync);
    box.dataset.sync = "";
    var now = snapshot(form());
    Object.keys(sync.bases || {}).forEach(function (name) {
      var input = baseInput(name);
      if (input) {
        input.value = sync.bases[name];
      }
    });
    Object.keys(sync.refresh || {}).forEach(function (name) {
      // Only where the user has not typed since the save was sent.
      if (sentValues && same(now[name], sentValues[name])) {
        setValue(name, sync.refresh[name].value);
        var input = baseInput(name);
        if (input) {
          input.value = sync.refresh[name].base;
        }
      }
    });
    return sync;
  }

  // -- Autosave ------------------------------------------------------------------

  document.body.addEventListener("htmx:configRequest", function (event) {
    var token = currentToken();
    if (token) {
      event.detail.headers["X-CSRFToken"] = token;
      if (event.detail.verb !== "get" && event.detail.parameters) {
        event.detail.parameters.csrfmiddlewaretoken = token;
      }
    }
  });

  document.addEventListener("input", function (event) {
    if (form() && form().contains(event.target)) {
      dirty = true;
    }
  });

  document.addEventListener("change", function (event) {
    if (!form() || !form().contains(event.target)) {
      return;
    }
    dirty = true; // (a choice in a conflict panel is saved by the form's change trigger)
  });

  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt !== form()) {
      return;
    }
    if (refused || sending || sendTimer || pendingSend || leaving) {
      event.preventDefault(); // a send on its way (or waiting) carries every answer
      return;
    }
    sentValues = snapshot(form());
    say(form().dataset.saving);
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt !== form() || sending || sendTimer || leaving) {
      return; // an autosave cut short by sending: the send carries the same text
    }
    var code = event.detail.xhr ? event.detail.xhr.status : 0;
    if (code === 200 || code === 409 || code === 422) {
      stopRetrying();
      if (expired) {
        expired = false;
        document.getElementById("session-banner").hidden = true;
      }
    }
    if (code === 200) {
      dirty = typedSince(sentValues);
      applySync();
    } else if (code === 409) {
      var sync = applySync();
      if (!sync) {
        refused = true; // no longer editable here: autosave stops, the text stays
      }
    } else if (code === 422) {
      applySync();
    } else if (code === 401) {
      expired = true;
      document.getElementById("session-banner").hidden = false;
      say(form().dataset.expired);
    } else if (code === 0 || code >= 500) {
      retryLater(autosave, form().dataset.retrying);
    } else if (code === 404 && form().dataset.gone) {
      // The schema is no longer this user's (removed from the project, moved to
      // another site): trying again will not save it.
      rejected(form().dataset.gone, code);
    } else {
      rejected(form().dataset.rejected, code);
    }
  });

  window.addEventListener("focus", function () {
    if (!expired || refused) {
      return;
    }
    if (pendingSend) {
      send(pendingSend);
    } else {
      autosave();
    }
  });

  // While the session is out, try again every 15 seconds (the user may log in in
  // another window without coming back to this one first).
  window.setInterval(function () {
    if (expired && !refused && !sending) {
      if (pendingSend) {
        send(pendingSend);
      } else {
        autosave();
      }
    }
  }, 15000);

  // -- Sending (“Gem kladde”, “Send skemaet”) -----------------------------------------

  function swapMain(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var main = document.getElementById("main");
    var incoming = fresh.getElementById("main");
    if (!main || !incoming) {
      return false;
    }
    main.innerHTML = incoming.innerHTML;
    if (fresh.title) {
      document.title = fresh.title;
    }
    htmx.process(main);
    var focus =
      document.getElementById("error-summary") ||
      document.querySelector("[data-conflict-for]") ||
      main;
    focus.focus();
    return true;
  }

  function send(button) {
    if (sending || leaving) {
      return;
    }
    stopRetrying();
    if (sendTimer) {
      window.clearTimeout(sendTimer);
      sendTimer = null;
    }
    sending = button;
    pendingSend = null;
    var element = form();
    htmx.trigger(element, "htmx:abort");
    var data = new FormData(element);
    data.append(button.name, button.value);
    var token = currentToken();
    if (token) {
      data.set("csrfmiddlewaretoken", token);
    }
    say(element.dataset.sending);
    var retry = function () {
      sending = null;
      say(element.dataset.sendRetrying);
      sendTimer = window.setTimeout(function () {
        sendTimer = null;
        send(button);
      }, nextDelay());
    };
    window
      .fetch(element.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "HX-Request": "true", "X-CSRFToken": token || "" },
      })
      .then(function (response) {
        if (response.status === 401 || (response.redirected && /\/login\//.test(response.url))) {
          sending = null;
          pendingSend = button;
          expired = true;
          document.getElementById("session-banner").hidden = false;
          say(element.dataset.sendExpired);
          return null;
        }
        if (response.status >= 500) {
          retry();
          return null;
        }
        var target = response.headers.get("HX-Redirect");
        if (target) {
          leaving = true;
          sending = null;
          window.location.assign(target);
          return null;
        }
        return response.text().then(function (html) {
          retryCount = 0;
          sending = null;
          expired = false;
          // The page again (conflicts, missing answers) replaces the form; anything
          // else (an error page) must not: the words stay, and the user is told.
          var ours = [200, 409, 422].indexOf(response.status) !== -1;
          if (!(ours && html.indexOf('id="submission-form"') !== -1 && swapMain(html))) {
            rejected(element.dataset.sendRejected, response.status);
          }
        });
      }, retry);
  }

  document.addEventListener("submit", function (event) {
    var element = form();
    if (event.target !== element || !window.fetch) {
      return;
    }
    event.preventDefault();
    if (sending || leaving) {
      return;
    }
    var button = event.submitter || element.querySelector("[data-submit]");
    send({ name: button.name, value: button.value });
  });

  window.addEventListener("beforeunload", function (event) {
    if ((dirty || sending || sendTimer || pendingSend || retryTimer) && !leaving) {
      event.preventDefault();
      event.returnValue = form() ? form().dataset.unsaved : "";
    }
  });
})();
