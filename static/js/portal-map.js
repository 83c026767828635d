/*
 * Bawaba public portal: draws each map of the page with the vendored Leaflet library.
 *
 * A map is a <div data-map-points="ID"> whose points are in the JSON script element ID. The tile
 * server comes from data-tiles-url (empty: markers on a plain background, no request to another
 * host). The page always lists the same places after the map, so nothing depends on this script.
 */
(function () {
    "use strict";

    function markerIcon(container) {
        return window.L.icon({
            iconUrl: container.dataset.markerIcon,
            iconRetinaUrl: container.dataset.markerIcon2x,
            shadowUrl: container.dataset.markerShadow,
            iconSize: [25, 41],
            iconAnchor: [12, 41],
            popupAnchor: [1, -34],
            shadowSize: [41, 41]
        });
    }

    function popupContent(point) {
        var box = document.createElement("div");
        var title = document.createElement(point.url ? "a" : "strong");
        title.textContent = point.name;
        if (point.url) {
            title.href = point.url;
        }
        box.appendChild(title);
        if (point.detail) {
            var detail = document.createElement("p");
            detail.textContent = point.detail;
            box.appendChild(detail);
        }
        return box;
    }

    function showNoTiles(container) {
        if (container.classList.contains("map__canvas--no-tiles")) {
            return;
        }
        container.classList.add("map__canvas--no-tiles");
        var message = container.dataset.noTilesMessage;
        var caption = container.parentNode.querySelector(".map__caption");
        if (message && caption) {
            caption.textContent = message;
        }
    }

    /* The zoom buttons sit on the start side of the page's direction: on the right in Arabic. The map
     * itself is drawn left to right (dir="ltr" on its canvas), so the side is read from the page. */
    function addZoomControl(map, labels) {
        var rtl = window.getComputedStyle(document.documentElement).direction === "rtl";
        window.L.control.zoom({
            position: rtl ? "topright" : "topleft",
            zoomInTitle: labels.zoomInLabel || "+",
            zoomOutTitle: labels.zoomOutLabel || "\u2212"
        }).addTo(map);
    }

    /* The background tiles: one layer per area the basemap covers (data-tiles-areas), or one layer. */
    function tileLayers(container) {
        var options = {
            maxZoom: parseInt(container.dataset.maxZoom, 10) || 19,
            attribution: container.dataset.tilesAttribution || ""
        };
        if (container.dataset.nativeZoom) {
            options.maxNativeZoom = parseInt(container.dataset.nativeZoom, 10);
        }
        if (container.dataset.minNativeZoom) {
            options.minNativeZoom = parseInt(container.dataset.minNativeZoom, 10);
        }
        var areas = container.dataset.tilesAreas ? JSON.parse(container.dataset.tilesAreas) : [null];
        return areas.map(function (area) {
            var layerOptions = Object.assign({}, options);
            if (area) {
                layerOptions.bounds = window.L.latLngBounds(area);
            }
            return window.L.tileLayer(container.dataset.tilesUrl, layerOptions);
        });
    }

    function draw(container) {
        var source = document.getElementById(container.dataset.mapPoints);
        if (!window.L || !source) {
            return;
        }
        var points = JSON.parse(source.textContent);
        if (!points.length) {
            return;
        }
        container.hidden = false;
        var map = window.L.map(container, {scrollWheelZoom: false, zoomControl: false});
        addZoomControl(map, container.dataset);
        var tilesUrl = container.dataset.tilesUrl;
        if (tilesUrl) {
            var failures = 0;
            tileLayers(container).forEach(function (layer) {
                layer.on("tileerror", function () {
                    failures += 1;
                    if (failures >= 2) {
                        showNoTiles(container);
                    }
                });
                layer.addTo(map);
            });
        } else {
            container.classList.add("map__canvas--no-tiles");
        }
        var icon = markerIcon(container);
        var bounds = [];
        points.forEach(function (point) {
            var position = [point.latitude, point.longitude];
            window.L.marker(position, {icon: icon, title: point.name, alt: point.name})
                .bindPopup(popupContent(point))
                .addTo(map);
            bounds.push(position);
        });
        if (bounds.length === 1) {
            map.setView(bounds[0], 15);
        } else {
            map.fitBounds(bounds, {padding: [24, 24], maxZoom: 16});
        }
    }

    /* Shared with the complaint form's location picker (map-picker.js), which loads after this script. */
    window.BawabaMap = {addZoomControl: addZoomControl, tileLayers: tileLayers};

    document.querySelectorAll("[data-map-points]").forEach(draw);
})();
