// Run before the page is drawn (not deferred): styles for pages with JavaScript hang on this
// class, so nothing jumps once the deferred scripts run. A file, not an inline script: the
// Content-Security-Policy allows scripts from this server only.
document.documentElement.classList.add("js");
