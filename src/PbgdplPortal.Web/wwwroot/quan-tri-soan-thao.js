// Editor: live Markdown preview rendered by the server with the public site's pipeline.
// Without this file the "Xem trước" button re-renders the form with the preview.
"use strict";
document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) {
            event.preventDefault();
        }
    });
});
(function () {
    const body = document.querySelector("textarea[data-preview]");
    if (!body) {
        return;
    }
    const target = document.getElementById(body.dataset.preview);
    const token = body.form && body.form.querySelector("input[name=__csrf]");
    if (!target || !token) {
        return;
    }
    let timer = 0;
    let sequence = 0;
    async function render() {
        const mine = ++sequence;
        const data = new FormData();
        data.append("markdown", body.value);
        data.append("__csrf", token.value);
        try {
            const response = await fetch("/quan-tri/xem-truoc", { method: "POST", body: data, credentials: "same-origin" });
            if (response.ok && mine === sequence) {
                target.innerHTML = await response.text();
            }
        } catch {
            // Offline or signed out: the preview button still works.
        }
    }
    body.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(render, 400);
    });
    render();
})();
