{% autoescape off %}/* The tally's service worker (testing/views/tally.py; scope: the tally pages).
 *
 * A tally page (a navigation to a week's tally) goes to the network first and is kept
 * for when the network is gone; a page answered with a redirect (signed out) or a
 * refusal is forgotten. The page's files are kept at install and served from here,
 * refreshed in the background. Taps are never handled here: the page keeps them
 * (static/js/tally.js) and sends them itself.
 */
"use strict";
var CACHE = {{ cache_name }};
var ASSETS = {{ assets_json }};
var PAGES = {{ page_pattern }};
var NETWORK_WAIT_MS = 5000;

function isTallyPage(url) {
  return url.pathname.indexOf(PAGES) === 0 && /^\d+\/$/.test(url.pathname.slice(PAGES.length));
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE)
      .then(function (cache) { return cache.addAll(ASSETS); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key.indexOf("synergi-tally-") === 0 && key !== CACHE;
      }).map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("message", function (event) {
  // The page asks to keep itself (its first load came before this worker ran).
  if (!event.data || event.data.type !== "keep-page") { return; }
  var url = new URL(event.data.url, self.location.origin);
  if (url.origin !== self.location.origin || !isTallyPage(url)) { return; }
  event.waitUntil(
    fetch(url.href, { credentials: "same-origin", redirect: "manual" }).then(keepOrForget(url.href))
  );
});

function keepOrForget(key) {
  return function (response) {
    return caches.open(CACHE).then(function (cache) {
      if (response.type === "basic" && response.status === 200) {
        return cache.put(key, response.clone()).then(function () { return response; });
      }
      if (response.type === "opaqueredirect" || response.status === 401 ||
          response.status === 403 || response.status === 404) {
        return cache.delete(key).then(function () { return response; });
      }
      return response;
    });
  };
}

function withTimeout(promise, ms) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("timeout")); }, ms);
    promise.then(function (value) { clearTimeout(timer); resolve(value); },
                 function (error) { clearTimeout(timer); reject(error); });
  });
}

function page(request) {
  var key = request.url.split("#")[0];
  return withTimeout(fetch(request), NETWORK_WAIT_MS).then(keepOrForget(key), function () {
    return caches.open(CACHE).then(function (cache) { return cache.match(key); })
      .then(function (kept) { return kept || Response.error(); });
  });
}

function asset(request, path) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(path).then(function (kept) {
      var fresh = fetch(request).then(function (response) {
        if (response.ok) { cache.put(path, response.clone()); }
        return response;
      });
      if (kept) {
        fresh.catch(function () { /* offline: the kept copy serves */ });
        return kept;
      }
      return fresh;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate" && isTallyPage(url)) {
    event.respondWith(page(request));
  } else if (ASSETS.indexOf(url.pathname) !== -1) {
    event.respondWith(asset(request, url.pathname));
  }
});
{% endautoescape %}
