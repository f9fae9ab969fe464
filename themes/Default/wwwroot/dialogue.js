// Live dialogue page: adds each answered question as the server publishes it (server-sent events).
// The HTML of each item is written and encoded on the server; without this script the page is read by reloading.
(function () {
  "use strict";
  var list = document.getElementById("dien-bien");
  if (!list || !window.EventSource) { return; }
  var url = list.getAttribute("data-events");
  if (!url) { return; }
  var source = new EventSource(url);
  source.addEventListener("item", function (e) {
    var holder = document.createElement("div");
    holder.innerHTML = e.data;
    var item = holder.firstElementChild;
    if (!item || document.getElementById(item.id)) { return; }
    var empty = document.getElementById("chua-co");
    if (empty) { empty.remove(); }
    list.insertBefore(item, list.firstElementChild);
  });
  source.addEventListener("state", function (e) {
    var parts = e.data.split("|");
    var state = document.querySelector("#trang-thai strong");
    if (state && parts.length > 1) { state.textContent = parts[1]; }
    if (parts[0] !== "live") {
      source.close();
      var note = document.getElementById("cap-nhat");
      if (note) { note.textContent = "Phiên đối thoại đã kết thúc."; }
    }
  });
}());
