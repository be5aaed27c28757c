// The bookmarklet's landing page: take the page data from the URL's fragment, drop it from
// the address bar, and post it (with this page's CSRF token) to be read. Reading saves nothing.
(function () {
  var form = document.getElementById("bookmarklet-form");
  var status = document.getElementById("bookmarklet-status");
  var raw = location.hash.slice(1);
  if (!form) return;
  if (!raw) {
    status.textContent = "Nothing came from the bookmarklet: run it on a job posting's page.";
    return;
  }
  history.replaceState(null, "", location.pathname);
  var data;
  try {
    data = JSON.parse(decodeURIComponent(raw));
  } catch (e) {
    status.textContent = "The bookmarklet's data could not be read: try pasting the page instead.";
    return;
  }
  var url = String(data.url || "");
  form.elements.pasted.value = String(data.html || "");
  form.elements.page_url.value = /^https?:\/\//.test(url) && url.length <= 2000 ? url : "";
  form.submit();
})();
