/*
 * Bawaba public portal: the main menu's behaviour, added on top of markup that works without it.
 *
 * Without this script each group of the menu is a <details> element the keyboard opens and
 * closes. With it: on a narrow screen a "Menu" button shows and hides the whole menu (and opens
 * every group, so any section is two presses away); one group at a time is open; Escape closes
 * the open group and gives the focus back to its summary; a click elsewhere closes it.
 */
(function () {
    "use strict";

    var nav = document.querySelector("[data-main-nav]");
    if (!nav) {
        return;
    }
    var groups = Array.prototype.slice.call(nav.querySelectorAll("[data-main-nav-group]"));
    var list = nav.querySelector(".main-nav__groups");
    var narrow = window.matchMedia("(max-width: 47.99rem)");

    function closeOthers(except) {
        groups.forEach(function (group) {
            if (group !== except) {
                group.open = false;
            }
        });
    }

    groups.forEach(function (group) {
        group.addEventListener("toggle", function () {
            if (group.open && !narrow.matches) {
                closeOthers(group);
            }
        });
    });

    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") {
            return;
        }
        groups.forEach(function (group) {
            if (group.open && group.contains(document.activeElement) && !narrow.matches) {
                group.open = false;
                group.querySelector("summary").focus();
            }
        });
        if (narrow.matches && toggle.getAttribute("aria-expanded") === "true") {
            setExpanded(false);
            toggle.focus();
        }
    });

    document.addEventListener("click", function (event) {
        if (!narrow.matches && !nav.contains(event.target)) {
            closeOthers(null);
        }
    });

    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "main-nav__toggle";
    toggle.setAttribute("aria-controls", list.id);
    toggle.textContent = nav.dataset.toggleLabel || "Menu";

    function setExpanded(expanded) {
        toggle.setAttribute("aria-expanded", expanded ? "true" : "false");
        nav.classList.toggle("main-nav--collapsed", !expanded);
        if (expanded) {
            groups.forEach(function (group) {
                group.open = true;
            });
        }
    }

    toggle.addEventListener("click", function () {
        setExpanded(toggle.getAttribute("aria-expanded") !== "true");
    });
    list.parentNode.insertBefore(toggle, list);
    setExpanded(false);

    function onWidthChange() {
        if (!narrow.matches) {
            closeOthers(null);
        }
    }
    if (narrow.addEventListener) {
        narrow.addEventListener("change", onWidthChange);
    }
})();
