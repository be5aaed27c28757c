// The bookmarklet: run on a job posting's page, it gathers what describes the job (the
// structured data, the microdata, the title and meta tags, the address) and opens Onward's
// import page in a new tab with it in the URL's fragment. Nothing is saved there until the
// user confirms the form. ONWARD_URL is replaced with this server's address.
(function () {
  var limit = 500000;
  var parts = [];
  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  }
  document.querySelectorAll("script[type]").forEach(function (s) {
    if (/^\s*application\/ld\+json/i.test(s.type)) {
      parts.push("<script type=\"application/ld+json\">" + s.textContent + "</scr" + "ipt>");
    }
  });
  document.querySelectorAll("[itemtype*=JobPosting]").forEach(function (e) {
    parts.push(e.outerHTML);
  });
  document.querySelectorAll("meta[property],meta[name]").forEach(function (m) {
    var key = m.getAttribute("property") || m.getAttribute("name") || "";
    if (/^(og:|twitter:|description$)/i.test(key)) {
      parts.push("<meta name=\"" + esc(key) + "\" content=\"" + esc(m.content || "") + "\">");
    }
  });
  var html = "<html><head><title>" + esc(document.title) + "</title></head><body>" +
    parts.join("\n") + "</body></html>";
  var data = JSON.stringify({url: location.href, html: html.slice(0, limit)});
  window.open("ONWARD_URL" + "#" + encodeURIComponent(data), "_blank");
})();
