/*
 * Autosave for test schemas (with htmx 2, served from static/vendor).
 *
 * The form (#submission-form) posts itself to the autosave URL a few seconds after
 * typing stops and when a choice changes (hx-trigger). This script adds what the
 * server's answers need on the page, without ever touching what the user typed:
 *
 *  - the CSRF token is read from the cookie at each request and put in the forms
 *    (it changes at login, and the form's hidden field would otherwise be stale);
 *  - 401 (the session ran out): a banner with a login link opening a new window; the
 *    text stays on the page, and is saved as soon as the window gets focus again or
 *    every 15 seconds, once the user has logged in;
 *  - 409 (saved elsewhere, or no longer editable): the server's banner is shown and
 *    autosave pauses, so nothing is overwritten; the text stays on the page to copy;
 *  - no connection: the status says so and the save is retried;
 *  - a second click on “Send skemaet” is ignored while the first is on its way;
 *  - leaving the page with unsaved changes asks first.
 *
 * Nothing is kept in localStorage or sessionStorage: the text lives only in the page.
 */
(function () {
  "use strict";

  var form = document.getElementById("submission-form");
  if (!form || !window.htmx) {
    return;
  }
  var status = document.getElementById("autosave-status");
  var sessionBanner = document.getElementById("session-banner");
  var dirty = false;
  var paused = false;
  var expired = false;
  var retryTimer = null;
  var submitting = false;

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
    if (status && text) {
      status.textContent = text;
    }
  }

  function retryLater() {
    if (!retryTimer) {
      retryTimer = window.setInterval(function () {
        htmx.trigger(form, "autosave");
      }, 15000);
    }
  }

  function stopRetrying() {
    if (retryTimer) {
      window.clearInterval(retryTimer);
      retryTimer = null;
    }
  }

  // Django rotates the CSRF token at login: use the current one from the cookie, in
  // the header and in every form's hidden field (which Django reads first).
  function currentToken() {
    var token = readCookie(form.dataset.csrfCookie);
    if (token) {
      var fields = document.querySelectorAll("input[name=csrfmiddlewaretoken]");
      for (var i = 0; i < fields.length; i++) {
        fields[i].value = token;
      }
    }
    return token;
  }

  document.body.addEventListener("htmx:configRequest", function (event) {
    var token = currentToken();
    if (token) {
      event.detail.headers["X-CSRFToken"] = token;
      if (event.detail.verb !== "get" && event.detail.parameters) {
        event.detail.parameters.csrfmiddlewaretoken = token;
      }
    }
  });

  form.addEventListener("input", function () {
    dirty = true;
  });
  form.addEventListener("change", function () {
    dirty = true;
  });

  form.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt !== form) {
      return;
    }
    if (paused || submitting) {
      event.preventDefault();
      return;
    }
    say(form.dataset.saving);
  });

  form.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt !== form) {
      return;
    }
    var code = event.detail.xhr ? event.detail.xhr.status : 0;
    if (code === 200) {
      dirty = false;
      if (expired) {
        expired = false;
        sessionBanner.hidden = true;
      }
      stopRetrying();
    } else if (code === 401) {
      expired = true;
      sessionBanner.hidden = false;
      say(form.dataset.expired);
      retryLater();
    } else if (code === 409) {
      paused = true;
      stopRetrying();
    } else if (code === 0) {
      say(form.dataset.offline);
      retryLater();
    } else if (code >= 400 && code !== 422) {
      say(form.dataset.failed);
    }
  });

  window.addEventListener("focus", function () {
    if (expired && !paused) {
      htmx.trigger(form, "autosave");
    }
  });

  form.addEventListener("submit", function (event) {
    if (submitting) {
      event.preventDefault();
      return;
    }
    currentToken();
    submitting = true;
    dirty = false;
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = form.dataset.unsaved;
    }
  });
})();
