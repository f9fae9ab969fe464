// Contest monitoring: refreshes the figures every 30 seconds, with a button to pause. Without JavaScript
// the page's "Cập nhật" link reloads it.
"use strict";
(() => {
  const region = document.getElementById("theo-doi");
  if (!region) return;
  const seconds = Number(region.dataset.refreshSeconds) || 30;
  const button = document.createElement("button");
  button.type = "button";
  let paused = false;
  const label = () => { button.textContent = paused ? "Tiếp tục tự động cập nhật" : `Tạm dừng tự động cập nhật (mỗi ${seconds} giây)`; };
  label();
  button.addEventListener("click", () => { paused = !paused; label(); });
  region.before(button);
  setInterval(async () => {
    if (paused || document.hidden) return;
    try {
      const response = await fetch(location.href, { headers: { Accept: "text/html" }, cache: "no-store" });
      if (!response.ok) return;
      const next = new DOMParser().parseFromString(await response.text(), "text/html").getElementById("theo-doi");
      if (next) region.replaceChildren(...next.childNodes);
    } catch {
      // A failed refresh keeps the figures shown; the next one tries again.
    }
  }, seconds * 1000);
})();
