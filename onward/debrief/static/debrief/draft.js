// Copy a draft to the clipboard, and keep the mailto: link in step with edits.
// Without JavaScript the textarea stays selectable and "Update mail link" rebuilds the link.
(function () {
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.querySelector(button.dataset.copy);
      navigator.clipboard.writeText(source.value).then(
        function () { button.textContent = "Copied"; },
        function () { source.select(); button.textContent = "Select and copy"; }
      );
    });
  });
  var link = document.getElementById("mailto");
  var form = document.getElementById("draft-form");
  if (!link || !form) return;
  function update() {
    var to = form.elements["to"].value.trim();
    var subject = form.elements["subject"].value;
    var body = form.elements["body"].value.replace(/\r?\n/g, "\r\n");
    link.href = "mailto:" + encodeURIComponent(to).replace(/%40/g, "@") +
      "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body);
  }
  form.addEventListener("input", update);
})();
