// Title suggestions for search boxes marked with data-suggest. The form works without this script.
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest]").forEach(function (input, n) {
    var list = document.createElement("ul");
    list.id = "goi-y-" + n;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Gợi ý");
    list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.parentNode.insertBefore(list, input.nextSibling);
    var timer = 0, controller = null;
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      timer = setTimeout(function () {
        if (controller) { controller.abort(); }
        controller = new AbortController();
        fetch(input.dataset.suggest + "?q=" + encodeURIComponent(q), { signal: controller.signal })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (items) {
            list.replaceChildren();
            items.forEach(function (item, i) {
              var li = document.createElement("li");
              li.setAttribute("role", "option");
              li.id = list.id + "-" + i;
              var a = document.createElement("a");
              a.href = item.url;
              a.textContent = item.title;
              li.appendChild(a);
              list.appendChild(li);
            });
            list.hidden = items.length === 0;
            input.setAttribute("aria-expanded", items.length ? "true" : "false");
          })
          .catch(function () { });
      }, 150);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { close(); }
      if (e.key === "ArrowDown" && !list.hidden) { e.preventDefault(); list.querySelector("a").focus(); }
    });
    list.addEventListener("keydown", function (e) {
      var item = document.activeElement.parentNode;
      if (e.key === "ArrowDown" && item.nextSibling) { e.preventDefault(); item.nextSibling.firstChild.focus(); }
      if (e.key === "ArrowUp") { e.preventDefault(); (item.previousSibling ? item.previousSibling.firstChild : input).focus(); }
      if (e.key === "Escape") { close(); input.focus(); }
    });
    document.addEventListener("click", function (e) { if (!list.contains(e.target) && e.target !== input) { close(); } });
  });
})();
