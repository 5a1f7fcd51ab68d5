/* Warns before the session ends, with a button that extends it (WCAG 2.2.1).
 *
 * base.html gives the end as a Unix time in #session-warning's data-expires-at, and
 * the texts. Shortly before the end (data-warn-seconds) the region, an assertive
 * live region, gets the warning and a button; pressing it POSTs to data-extend-url
 * and starts a new full session. No inline script: the CSP forbids it.
 */
(function () {
  "use strict";
  var region = document.getElementById("session-warning");
  if (!region) { return; }
  var timer = null;

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

  function schedule() {
    window.clearTimeout(timer);
    var end = parseInt(region.dataset.expiresAt, 10);
    var lead = parseInt(region.dataset.warnSeconds, 10);
    var now = Date.now() / 1000;
    if (now >= end) {
      say(region.dataset.textExpired, false);
      return;
    }
    if (now >= end - lead) {
      say(region.dataset.textWarning.replace("%(time)s", clock(end)), true);
      timer = window.setTimeout(schedule, (end - now) * 1000 + 500);
      return;
    }
    timer = window.setTimeout(schedule, (end - lead - now) * 1000);
  }

  function extend() {
    fetch(region.dataset.extendUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    }).then(function (body) {
      region.dataset.expiresAt = String(body.expires_at);
      say(region.dataset.textExtended, false);
      window.setTimeout(clear, 4000);
      schedule();
    }).catch(function () {
      say(region.dataset.textFailed, false);
    });
  }

  schedule();
})();
