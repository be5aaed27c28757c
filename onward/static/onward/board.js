// The board's drag-and-drop: native HTML5 drag events, then a POST to the card's move URL,
// which answers with the card's new HTML. The keyboard's way is the card's "Move to…" link,
// which opens one move menu shared by the whole board (without scripts, the link leads to the
// application's own move form).
(function () {
  "use strict";
  var board = document.querySelector("[data-board]");
  if (!board) return;
  var status = document.getElementById("board-status");
  var dragged = null;

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  // The badge holds the column's total (a column may show fewer cards than it holds),
  // so it moves by the change, not by counting cards on screen.
  function refreshColumn(column, change) {
    var badge = column.querySelector("[data-count]");
    var hint = column.querySelector(".drop-hint");
    if (badge && change) badge.textContent = (parseInt(badge.textContent, 10) || 0) + change;
    var held = badge ? parseInt(badge.textContent, 10) || 0 : 0;
    if (hint) hint.hidden = held > 0 || column.querySelectorAll(".board-card").length > 0;
  }

  function announce(text) {
    if (status) status.textContent = text;
  }

  function place(card, column) {
    var before = column.querySelector(".board-card") || column.querySelector(".drop-hint");
    before.parentNode.insertBefore(card, before);
    // A card dropped on a folded column unfolds it, so the card (and its prompt) stays in view.
    column.querySelector("details").open = true;
  }

  function move(card, column) {
    var from = card.closest(".column");
    if (!column || column === from) return;
    var stageId = column.getAttribute("data-stage-id");
    var name = column.querySelector("h2 span").textContent;
    place(card, column);
    refreshColumn(from, -1);
    refreshColumn(column, 1);
    card.setAttribute("aria-busy", "true");
    var body = new URLSearchParams();
    body.set("stage", stageId);
    fetch(card.getAttribute("data-move-url"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true" },
    })
      .then(function (response) {
        return response.text().then(function (html) {
          return { ok: response.ok, html: html };
        });
      })
      .then(function (result) {
        var holder = document.createElement("div");
        holder.innerHTML = result.html.trim();
        var fresh = holder.querySelector(".board-card");
        if (!result.ok) {
          // Refused (e.g. the stage is gone): put the card back, with the reason on it.
          place(card, from);
          refreshColumn(from, 1);
          refreshColumn(column, -1);
        }
        var target = result.ok ? column : from;
        if (fresh) {
          card.replaceWith(fresh);
          prepare(fresh);
          refreshColumn(target);
        } else {
          card.removeAttribute("aria-busy");
        }
        announce(result.ok ? "Moved to " + name + "." : "The move was refused.");
      })
      .catch(function () {
        place(card, from);
        refreshColumn(from, 1);
        refreshColumn(column, -1);
        card.removeAttribute("aria-busy");
        announce("The move failed: check your connection and try again.");
      });
  }

  function prepare(card) {
    if (card.hasAttribute("data-ready")) return;
    card.setAttribute("data-ready", "");
    card.addEventListener("dragstart", function (event) {
      dragged = card;
      board.classList.add("dragging");
      card.setAttribute("aria-grabbed", "true");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.id);
    });
    card.addEventListener("dragend", function () {
      card.setAttribute("aria-grabbed", "false");
      dragged = null;
      board.classList.remove("dragging");
      board.querySelectorAll(".drop-target").forEach(function (c) {
        c.classList.remove("drop-target");
      });
    });
  }

  // Scroll the board sideways while a card is dragged near its left or right edge.
  var EDGE = 60;
  document.addEventListener("dragover", function (event) {
    if (!dragged) return;
    var box = board.getBoundingClientRect();
    if (event.clientX > box.right - EDGE) board.scrollLeft += 20;
    else if (event.clientX < box.left + EDGE) board.scrollLeft -= 20;
  });

  // Folded columns: the user's own choice per stage, kept in this browser.
  var KEY = "onward.board.folded";
  var folded = {};
  try {
    folded = JSON.parse(localStorage.getItem(KEY) || "{}");
  } catch (e) {
    folded = {};
  }
  board.querySelectorAll(".column").forEach(function (column) {
    var details = column.querySelector("details");
    var id = column.getAttribute("data-stage-id");
    if (id in folded) details.open = !folded[id];
    details.addEventListener("toggle", function () {
      folded[id] = !details.open;
      try {
        localStorage.setItem(KEY, JSON.stringify(folded));
      } catch (e) {
        /* private browsing: the choice lasts for this page only */
      }
    });
  });
  // Back from a move form (board/#card-12): show that card even in a folded column.
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && board.contains(target)) {
    target.closest("details").open = true;
    target.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  function columnFor(stageId) {
    return board.querySelector('.column[data-stage-id="' + stageId + '"]');
  }

  // The shared move menu: opened from a card's link, it moves that card as a drag would.
  var menu = document.getElementById("move-menu");
  var menuCard = null;
  if (menu && typeof menu.showModal === "function") {
    var form = menu.querySelector("form");
    board.addEventListener("click", function (event) {
      var link = event.target.closest("[data-move]");
      if (!link) return;
      event.preventDefault();
      menuCard = link.closest(".board-card");
      form.setAttribute("action", menuCard.getAttribute("data-move-url"));
      form.elements.next.value = window.location.pathname + "#" + menuCard.id;
      form.elements.stage.value = menuCard.getAttribute("data-stage");
      menu.querySelector("[data-move-title]").textContent =
        "“" + menuCard.querySelector(".title").textContent + "”";
      menu.showModal();
      form.elements.stage.focus();
    });
    form.addEventListener("submit", function (event) {
      var column = columnFor(form.elements.stage.value);
      if (!menuCard || !column) return; // a plain form post does it
      event.preventDefault();
      menu.close();
      move(menuCard, column);
      var link = menuCard.querySelector("[data-move]");
      if (link) link.focus();
    });
    menu.querySelector("[data-move-cancel]").addEventListener("click", function () {
      menu.close();
    });
  }

  board.querySelectorAll(".board-card").forEach(prepare);
  // Cards loaded later ("Show more", a folded column unfolded) can be dragged too. A card
  // dropped on a folded column before its cards arrived may come again with them: the one
  // already on the board stays.
  document.body.addEventListener("htmx:afterSwap", function () {
    var seen = {};
    board.querySelectorAll(".board-card").forEach(function (card) {
      if (seen[card.id]) card.remove();
      else seen[card.id] = true;
    });
    board.querySelectorAll(".board-card").forEach(prepare);
  });
  board.querySelectorAll(".column").forEach(function (column) {
    column.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      column.classList.add("drop-target");
    });
    column.addEventListener("dragleave", function (event) {
      if (!column.contains(event.relatedTarget)) column.classList.remove("drop-target");
    });
    column.addEventListener("drop", function (event) {
      event.preventDefault();
      column.classList.remove("drop-target");
      if (dragged) move(dragged, column);
    });
  });
})();
