/* Suggestions while typing in a search box that carries data-suggest-url.
   Progressive enhancement: without this script the box is a plain search form. */
(function () {
  "use strict";
  var DELAY = 150;

  function enhance(input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.parentNode.appendChild(list);
    input.setAttribute("list", list.id);
    var urls = {};
    var timer = null;
    var last = "";

    function show(items) {
      list.textContent = "";
      urls = {};
      items.forEach(function (item) {
        var option = document.createElement("option");
        option.value = item.title;
        urls[item.title] = item.url;
        list.appendChild(option);
      });
    }

    input.addEventListener("input", function () {
      var query = input.value.trim();
      if (urls[input.value]) {
        window.location.assign(urls[input.value]);
        return;
      }
      window.clearTimeout(timer);
      if (query.length < 2 || query === last) {
        return;
      }
      timer = window.setTimeout(function () {
        last = query;
        var url = input.dataset.suggestUrl + "&q=" + encodeURIComponent(query);
        fetch(url, { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) { if (input.value.trim() === query) { show(data.suggestions || []); } })
          .catch(function () { show([]); });
      }, DELAY);
    });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(enhance);
})();
