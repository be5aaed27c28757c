// Onward's service worker (onward/core/pwa.py): Onward's own static files and the offline page,
// never a page or anything a user wrote.
"use strict";
const CACHE = {{ cache_name|safe }};
const ASSETS = {{ assets|safe }};
const STATIC = {{ static_prefix|safe }};
const OFFLINE = {{ offline_url|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(STATIC)) {
    // Static files: from the cache, else from the server (and kept for next time).
    event.respondWith(
      caches.match(request).then((cached) => cached || fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      }))
    );
  } else if (request.mode === "navigate") {
    // Pages: always from the server, never stored; the offline page when it cannot be reached.
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
  }
});
