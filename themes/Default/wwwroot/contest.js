// Contest paper: shows the time left until the deadline. The server enforces the deadline; this only informs.
(function () {
  "use strict";
  var box = document.querySelector("[data-deadline]");
  if (!box) {
    return;
  }
  var out = box.querySelector(".countdown");
  var deadline = Date.parse(box.getAttribute("data-deadline"));
  if (!out || isNaN(deadline)) {
    return;
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
    out.textContent = left > 0 ? "Còn lại " + Math.floor(left / 60) + ":" + pad(left % 60) + "." : "Đã hết thời gian làm bài.";
    if (left > 0) {
      window.setTimeout(tick, 1000);
    }
  }
  tick();
})();
