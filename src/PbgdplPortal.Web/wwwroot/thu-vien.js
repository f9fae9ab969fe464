// Media library enhancements: drag-and-drop upload through the same form, copy buttons, delete confirmation.
// Without this file the form uploads by an ordinary post and every page still works.
"use strict";
(function () {
  function uploadWith(form, files) {
    var status = form.querySelector(".upload-status");
    var data = new FormData(form);
    if (files) {
      data.delete("tep");
      for (var i = 0; i < files.length; i++) {
        data.append("tep", files[i], files[i].name);
      }
    }
    if (data.getAll("tep").filter(function (f) { return f && f.name; }).length === 0) {
      status.textContent = "Hãy chọn ít nhất một tệp.";
      return;
    }
    status.textContent = "Đang tải lên…";
    form.setAttribute("aria-busy", "true");
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        // 400 carries the form's own message; anything else (413, 500, a lost session) is reported below.
        if (response.redirected || (!response.ok && response.status !== 400) || type.indexOf("text/html") < 0) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        ["ket-qua-tai-len", "danh-sach-tep"].forEach(function (id) {
          var fresh = page.getElementById(id);
          var current = document.getElementById(id);
          if (fresh && current) {
            current.replaceWith(document.importNode(fresh, true));
          }
        });
        form.reset();
        status.textContent = "Đã xử lý xong.";
        var heading = document.getElementById("ket-qua");
        if (heading) {
          heading.focus();
        }
      })
      .catch(function () {
        status.textContent = "Không tải lên được (tệp quá lớn hoặc mất kết nối). Hãy thử lại hoặc tải ít tệp hơn.";
      })
      .finally(function () {
        form.removeAttribute("aria-busy");
      });
  }

  document.querySelectorAll("form[data-drop-upload]").forEach(function (form) {
    var zone = form.querySelector(".drop-zone") || form;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      uploadWith(form, null);
    });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () {
        zone.classList.remove("dragging");
      });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length > 0) {
        uploadWith(form, event.dataTransfer.files);
      }
    });
  });

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentElement.querySelector(".copy-status");
    if (!input || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        if (status) {
          status.textContent = "Đã sao chép.";
        }
      });
    });
  });

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  });
})();
