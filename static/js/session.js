/* Warns before the session ends, with a button that extends it (WCAG 2.2.1).
 *
 * base.html gives the end as a Unix time in #session-warning's data-expires-at (the
 * nearer of the idle limit and the absolute limit, synergy/sessions.py), whether only a
 * new sign-in can move it (data-final), and the texts. Shortly before the end
 * (data-warn-seconds) the page first asks the server when the session ends
 * (data-status-url; asking is not activity): another tab may have kept it going. Then
 * the region, an assertive live region, gets the warning and a button; pressing it
 * POSTs to data-extend-url, which gives the session a new key and more time, never past
 * the absolute limit. At the absolute limit the warning has no button: it says when the
 * user must sign in again. No inline script: the CSP forbids it.
 */
(function () {
  "use strict";
  var region = document.getElementById("session-warning");
  if (!region) { return; }
  var timer = null;
  var signedOut = false;

  function csrfToken() {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var pair = parts[i].split("=");
      if (pair[0] === "__Host-csrftoken" || pair[0] === "csrftoken") {
        return decodeURIComponent(pair.slice(1).join("="));
      }
    }
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function clock(seconds) {
    var when = new Date(seconds * 1000);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return pad(when.getHours()) + ":" + pad(when.getMinutes());
  }

  function say(text, withButton) {
    region.textContent = "";
    var message = document.createElement("p");
    message.className = "mb-2";
    message.textContent = text;
    region.appendChild(message);
    if (withButton) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-primary btn-sm";
      button.textContent = region.dataset.textButton;
      button.addEventListener("click", extend);
      region.appendChild(button);
    }
    region.classList.add("shown");
  }

  function clear() {
    region.classList.remove("shown");
    region.textContent = "";
  }

  function remember(body) {
    region.dataset.expiresAt = String(body.expires_at);
    region.dataset.final = body.final ? "true" : "false";
  }

  /* Ask the server when the session ends, then go on. A redirect (to the login page)
   * means the session is over; a network failure leaves what the page knew. */
  function check(then) {
    fetch(region.dataset.statusUrl, {
      credentials: "same-origin",
      redirect: "manual",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (response.type === "opaqueredirect" || response.status === 401 ||
          response.status === 403) {
        signedOut = true;
        return null;
      }
      return response.ok ? response.json() : null;
    }).then(function (body) {
      if (body) { remember(body); }
      then();
    }).catch(function () { then(); });
  }

  function schedule(checked) {
    window.clearTimeout(timer);
    var end = parseInt(region.dataset.expiresAt, 10);
    var lead = parseInt(region.dataset.warnSeconds, 10);
    var now = Date.now() / 1000;
    if (signedOut) {
      say(region.dataset.textExpired, false);
      return;
    }
    if (now >= end - lead && !checked) {
      check(function () { schedule(true); });
      return;
    }
    if (now >= end) {
      say(region.dataset.textExpired, false);
      return;
    }
    if (now >= end - lead) {
      if (region.dataset.final === "true") {
        say(region.dataset.textFinal.replace("%(time)s", clock(end)), false);
      } else {
        say(region.dataset.textWarning.replace("%(time)s", clock(end)), true);
      }
      timer = window.setTimeout(function () { schedule(false); }, (end - now) * 1000 + 500);
      return;
    }
    if (region.classList.contains("shown") && !region.dataset.keep) { clear(); }
    timer = window.setTimeout(function () { schedule(false); }, (end - lead - now) * 1000);
  }

  function extend() {
    fetch(region.dataset.extendUrl, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    }).then(function (body) {
      remember(body);
      say(region.dataset.textExtended, false);
      region.dataset.keep = "1";
      window.setTimeout(function () { delete region.dataset.keep; clear(); }, 4000);
      schedule(true);
    }).catch(function () {
      say(region.dataset.textFailed, false);
    });
  }

  schedule(false);
})();
