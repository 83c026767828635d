/*
 * Bawaba public portal: file controls that speak the page's language.
 *
 * A browser writes "Choose File" and "No file chosen" in its own language, whatever the page's.
 * This script shows the page's button and the chosen file's name instead; the browser's control
 * stays in the page, focusable, and opens when the page's button is pressed. Without the script,
 * the browser's control is shown as it is.
 */
(function () {
    "use strict";

    Array.prototype.forEach.call(document.querySelectorAll("[data-file-picker]"), function (picker) {
        var input = picker.querySelector('input[type="file"]');
        var name = picker.querySelector("[data-file-picker-name]");
        var button = picker.querySelector(".file-picker__button");
        if (!input || !name || !button) {
            return;
        }
        function show() {
            var files = input.files;
            name.textContent = files && files.length ? files[0].name : name.getAttribute("data-empty");
        }
        button.hidden = false;
        name.hidden = false;
        picker.classList.add("file-picker--ready");
        input.addEventListener("change", show);
        show();
    });
})();
